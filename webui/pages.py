"""What the page blueprints share: the engine of the app serving the request, the role groups their
routes require, and the bounds of every number and date a URL may carry (ids, versions, pages,
dates): a value outside them is treated as absent or refused with a sentence, never handed to the
database or to date arithmetic that would overflow."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from typing import Any

from flask import current_app, request

from engine import Engine, Role
from engine.runtime.forms import parse_date
from webui.extensions import engine_of


def submitted_values(skip: Container[str] = ()) -> dict[str, Any]:
    """The posted form's fields; a name posted several times (the checkboxes of a multiple choice) is a list."""
    return {k: vs if len(vs) > 1 else vs[0] for k, vs in request.form.lists() if k not in skip}


MANAGERS = (Role.MANAGER,)
OWNERS = (Role.PROCESS_OWNER,)
OWNERS_AND_MANAGERS = (Role.PROCESS_OWNER, Role.MANAGER)
# No larger id or version number exists, and SQLite refuses to bind integers beyond 64 bits: a URL
# naming one is answered before the database sees it.
MAX_ID = 2**31 - 1
MAX_PAGE = 100_000                  # 25 a page: 2.5 million rows, far past any list; OFFSET stays small
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)   # no record of the office lies outside


def bounded_int(value: object, lowest: int = 1, highest: int = MAX_ID) -> int | None:
    """A whole number from a query or form value when it lies within [lowest, highest]; else None."""
    text = str(value).strip() if value is not None else ""
    if not text.isdigit() or len(text) > len(str(highest)):
        return None
    number = int(text)
    return number if lowest <= number <= highest else None


def page_arg(value: object) -> int:
    """A page number: 1 when absent or unreadable, the last possible page when too large."""
    text = str(value).strip() if value is not None else ""
    if text.isdigit() and int(text[:12]) > 0:
        return min(int(text[:12]), MAX_PAGE)
    return 1


def bounded_date(value: str) -> date:
    """A date typed day first (26.11.2026) or ISO, within FIRST_DAY..LAST_DAY; ValueError otherwise (the
    caller says what to give)."""
    day = parse_date(value)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside {FIRST_DAY}..{LAST_DAY}")
    return day


def current_engine() -> Engine:
    """The engine of the app serving this request."""
    return engine_of(current_app)
