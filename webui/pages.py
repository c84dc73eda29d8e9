"""What the page blueprints share: the engine of the app serving the request, the role groups their
routes require, and the largest id or version number a URL may name."""

from __future__ import annotations

from flask import current_app

from engine import Engine, Role
from webui.extensions import engine_of

MANAGERS = (Role.MANAGER,)
OWNERS = (Role.PROCESS_OWNER,)
OWNERS_AND_MANAGERS = (Role.PROCESS_OWNER, Role.MANAGER)
# No larger id or version number exists, and SQLite refuses to bind integers beyond 64 bits: a URL
# naming one is answered before the database sees it.
MAX_ID = 2**31 - 1


def current_engine() -> Engine:
    """The engine of the app serving this request."""
    return engine_of(current_app)
