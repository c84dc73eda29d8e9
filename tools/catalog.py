"""The UI catalogs in one step: extract the texts, update every language's .po, fill each from its table.

Usage: .venv/bin/python tools/catalog.py          (or `make messages`)
  1. extracts every marked text of webui/ into webui/translations/messages.pot,
  2. updates (or creates) webui/translations/<lang>/LC_MESSAGES/messages.po for each language below,
  3. fills each .po from its table (FI in tools/fi_catalog.py, SV in tools/sv_catalog.py),
  4. lists the msgids that still lack a text, per language, and exits 1 if there are any.

After adding texts to the UI: run it, add the listed msgids to both tables, run it again. The tables
are plain dicts so a reviewer reads each translation next to its English; a plural msgid maps to a
tuple (singular, plural). tests/webui/test_catalogs.py fails while any msgid lacks a text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "webui" / "translations"
POT = TRANSLATIONS / "messages.pot"

Table = dict[str, str | tuple[str, str]]


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def extract_and_update(languages: tuple[str, ...]) -> None:
    """pybabel extract + update (init for a new language), as the README's two commands do."""
    cli = CommandLineInterface()
    cli.run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-o", str(POT),
             str(ROOT)])
    for lang in languages:
        if po_path(lang).exists():
            cli.run(["pybabel", "-q", "update", "--no-fuzzy-matching", "-i", str(POT), "-d", str(TRANSLATIONS),
                     "-l", lang])
        else:
            cli.run(["pybabel", "-q", "init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", lang])


def fill(lang: str, table: Table) -> list[str]:
    """Write the table's texts into lang's .po; return the msgids that still have no text."""
    path = po_path(lang)
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in table:
            message.string = table[key]
            message.flags.discard("fuzzy")
        else:
            if "fuzzy" in message.flags:   # pybabel's guesses are usually wrong; English is better
                message.string = "" if isinstance(message.id, str) else ("",) * len(message.string)
                message.flags.discard("fuzzy")
            if not message.string or not any(message.string):
                missing.append(key)
    with path.open("wb") as f:
        write_po(f, catalog, width=120)
    return missing


def msgids() -> set[str]:
    with POT.open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


def tables() -> dict[str, Table]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fi_catalog import FI
    from sv_catalog import SV
    return {"fi": FI, "sv": SV}


def main() -> int:
    languages = tables()
    extract_and_update(tuple(languages))
    gaps = 0
    for lang, table in languages.items():
        for key in fill(lang, table):
            print(f"{lang} missing: {key!r}")
            gaps += 1
        for key in sorted(set(table) - msgids()):
            print(f"{lang} unused (no longer in the UI; delete it from the table): {key!r}")
    print(f"{POT.relative_to(ROOT)}: checked {', '.join(languages)}; {gaps} msgid(s) lack a text.")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
