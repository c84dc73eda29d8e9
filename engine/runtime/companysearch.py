"""Finding companies by a fragment of the name or the start of the Business ID, each on an index.

What matches (the same on both databases): a company whose name contains the text in any case,
Finnish and Swedish letters included (`ä` finds `Ä`), or whose Business ID starts with it. How:

- PostgreSQL: a case-insensitive regular expression (`name ~* 'text'`), which `pg_trgm`'s GIN index
  serves (migration 0018; without the extension the same query scans, with the same results). Each
  non-ASCII letter is written as both its cases (`[äÄ]`): how PostgreSQL folds them depends on the
  database's locale, and a cluster made with the C locale (CI's) folds ASCII letters only.
- SQLite, three letters or more: the FTS5 trigram table `customer_names_fts` (migration 0018, kept in
  step by triggers), a phrase query: a substring match on Unicode-folded letters. SQLite's own LIKE and
  lower() fold ASCII letters only, so before this `ä` did not find `Ä` on SQLite.
- SQLite, one or two letters (no trigram to look up): LIKE over the names, once per case of each
  non-ASCII letter (LIKE folds the ASCII ones). A scan, as before, which stops as soon as the caller
  has enough companies.
- The Business ID: a range on its unique index, and only for a text of digits and hyphens, since
  every stored ID is one (seven digits, a hyphen, a check digit: engine.office.customers validates
  each on the way in); a LIKE would be read row by row, the index being case-sensitive.

Used by the read models (`queries`: the inbox, the instance list) and the company list
(engine.office.customers, which also finds an old six-digit ID by its start).
"""

from __future__ import annotations

import itertools
import re

from sqlalchemy import ColumnElement, String, and_, bindparam, column, false, literal_column, or_, select, table

from ..models import Customer

FTS = "customer_names_fts"
TRIGRAM = 3
_fts = table(FTS, column("rowid"))
_ID_CHARS = re.compile(r"[0-9-]+")
_ID_END = "\U0010ffff"   # sorts after any character a Business ID can hold


def company_match(dialect: str, text: str) -> ColumnElement[bool]:
    """A WHERE clause on `customers` for a company search (`text` as the user typed it, not empty)."""
    term = text.strip()
    return or_(name_contains(dialect, term), business_id_starts(term))


def name_contains(dialect: str, term: str) -> ColumnElement[bool]:
    """Companies whose name contains `term` (stripped, not empty) in any case."""
    if "\x00" in term:       # in no name; FTS5's query parser, SQLite's LIKE and PostgreSQL's text stop at it
        return false()
    if dialect != "sqlite":
        # the pattern written into the statement, not bound: a generic plan (psycopg prepares a statement
        # after its fifth run) knows no pattern and reads every company instead of the trigram index
        return Customer.name.op("~*")(bindparam(None, _regex(term), String, literal_execute=True))
    if len(term) >= TRIGRAM:
        phrase = '"' + term.replace('"', '""') + '"'
        return Customer.id.in_(select(_fts.c.rowid).where(literal_column(FTS).op("MATCH")(phrase)))
    return or_(*(Customer.name.like(f"%{_escape(v)}%", escape="\\") for v in _case_variants(term)))


def business_id_starts(term: str) -> ColumnElement[bool]:
    """Companies whose Business ID starts with `term`, read as a range of the unique index."""
    if not _ID_CHARS.fullmatch(term):
        return false()
    return and_(Customer.business_id >= term, Customer.business_id < term + _ID_END)


def _case_variants(term: str) -> list[str]:
    """`term` in each case of its non-ASCII letters (SQLite's LIKE folds only ASCII): 'äb' -> äb, Äb."""
    return ["".join(parts) for parts in itertools.product(*(_cases(ch) for ch in term))]


def _regex(term: str) -> str:
    """A PostgreSQL regular expression matching `term` anywhere, its non-ASCII letters in both cases."""
    return "".join(f"[{''.join(cases)}]" if len(cases := _cases(ch)) > 1 else re.escape(ch) for ch in term)


def _cases(ch: str) -> list[str]:
    if ch.isascii():
        return [ch]
    return sorted({c for c in (ch.lower(), ch.upper()) if len(c) == 1} | {ch})


def _escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
