"""Every text of the UI in every language: messages.pot is current, and the fi and sv catalogs translate
each of its msgids (not fuzzy, same placeholders, both plural forms). Fix a failure with `make messages`
and the tables in tools/fi_catalog.py and tools/sv_catalog.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from engine.office.customers import VOCABULARIES
from webui.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "webui" / "translations"
CATALOG_LANGUAGES = [lang for lang in LANGUAGES if lang != "en"]     # English is the msgids themselves
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def pot_msgids() -> set[str]:
    return {key(m) for m in read(TRANSLATIONS / "messages.pot") if m.id}


def test_messages_pot_holds_every_marked_text_of_the_ui() -> None:
    method_map = [("webui/**.py", "python"), ("webui/templates/**.html", "jinja2")]     # babel.cfg
    keywords = {**DEFAULT_KEYWORDS, "_l": None}                                         # and `-k _l`
    found = {msgid if isinstance(msgid, str) else msgid[0]
             for _file, _line, msgid, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=keywords)
             if msgid}
    stale = sorted(found - pot_msgids())
    assert not stale, f"messages.pot lacks {len(stale)} text(s) of the UI; run `make messages`: {stale[:10]}"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_every_msgid_is_translated(lang: str) -> None:
    catalog = read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    have = {key(m): m for m in catalog if m.id}
    missing = sorted(pot_msgids() - set(have))
    assert not missing, f"{lang}: {len(missing)} msgid(s) of messages.pot are not in the catalog: {missing[:10]}"
    fuzzy = sorted(k for k, m in have.items() if m.fuzzy)
    assert not fuzzy, f"{lang}: fuzzy entries (run `make messages`): {fuzzy[:10]}"
    untranslated = sorted(k for k, m in have.items()
                          if not (m.string if isinstance(m.string, str) else all(m.string)))
    assert not untranslated, f"{lang}: no text for {len(untranslated)} msgid(s): {untranslated[:10]}"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_translations_keep_the_placeholders_and_the_plural_forms(lang: str) -> None:
    catalog = read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    assert catalog.num_plurals == 2
    for m in catalog:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        assert len(strings) == (1 if isinstance(m.id, str) else catalog.num_plurals), m.id
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, f"{lang}: {m.id!r} -> {text!r}"


def test_every_vocabulary_label_is_in_the_catalog() -> None:
    """Swedish pages translate engine.office.customers' English labels; webui.i18n.VOCABULARY_TEXTS marks them."""
    english = {found.en for vocabulary in VOCABULARIES.values() for found in vocabulary.values()}
    unmarked = sorted(english - pot_msgids())
    assert not unmarked, f"add to webui.i18n.VOCABULARY_TEXTS, then `make messages`: {unmarked}"
