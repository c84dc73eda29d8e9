"""Saved filters: a user's named searches on a list page (the inbox, the managers' instance list),
kept as the page's query string so any filter the page understands can be saved without this module
knowing its fields. Each user sees and deletes only their own; saving a name again replaces it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFound, ValidationError
from ..models import SavedFilter

PAGES = ("inbox", "instances")
MAX_NAME = 80
MAX_QUERY = 1000
MAX_PER_PAGE = 30          # a user's filters of one page; a longer list is no longer quicker than typing
NOT_KEPT = {"page", "partial", "csrf_token"}   # where the user was, not what they searched for


@dataclass(frozen=True)
class Filter:
    id: int
    page: str
    name: str
    query: str


def _view(row: SavedFilter) -> Filter:
    return Filter(row.id, row.page, row.name, row.query)


def clean_query(query: str) -> str:
    """The query string without the page number and other parts that are no filter, in a stable order."""
    pairs = [(k, v) for k, v in parse_qsl(query.lstrip("?"), keep_blank_values=False) if k not in NOT_KEPT]
    return urlencode(sorted(pairs))


def filters(session: Session, username: str, page: str) -> list[Filter]:
    rows = session.scalars(select(SavedFilter).where(SavedFilter.username == username, SavedFilter.page == page)
                           .order_by(SavedFilter.name, SavedFilter.id))
    return [_view(r) for r in rows]


def save_filter(session: Session, now: datetime, username: str, page: str, name: str, query: str) -> Filter:
    if page not in PAGES:
        raise ValidationError(f"Filters are saved for the pages {', '.join(PAGES)}, not '{page[:40]}'.",
                              code="filter.page", params={"page": page[:40]})
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Give the filter a name.", code="filter.name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"A filter's name is at most {MAX_NAME} characters.", code="filter.name_length",
                              params={"count": MAX_NAME})
    query = clean_query(query)
    if len(query) > MAX_QUERY:
        raise ValidationError(f"The filter is too long to save (at most {MAX_QUERY} characters).",
                              code="filter.query_length", params={"count": MAX_QUERY})
    row = session.scalar(select(SavedFilter).where(SavedFilter.username == username, SavedFilter.page == page,
                                                   SavedFilter.name == name))
    if row is None:
        count = len(filters(session, username, page))
        if count >= MAX_PER_PAGE:
            raise ValidationError(f"You have {count} saved filters on this page; delete one before saving another.",
                                  code="filter.too_many", params={"count": count})
        row = SavedFilter(username=username, page=page, name=name, created_at=now)
    row.query, row.updated_at = query, now
    session.add(row)
    session.flush()
    return _view(row)


def delete_filter(session: Session, username: str, filter_id: int) -> None:
    """Delete one of the user's filters; another user's is as unknown as one that never existed."""
    row = session.get(SavedFilter, filter_id)
    if row is None or row.username != username:
        raise NotFound(f"You have no saved filter {filter_id}.", code="filter.not_found", params={"id": filter_id})
    session.delete(row)
