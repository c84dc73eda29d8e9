"""Template helpers available on every page."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from engine import system_clock
from webui.i18n import LANGUAGE_NAMES, language

# (endpoint, label, roles); entries whose blueprint is not registered are left out. The quality and
# outbox pages are linked from the aftercare page, which keeps the bar on one line in Finnish too.
NAV: list[tuple[str, Any, tuple[str, ...]]] = [
    ("tasks.inbox", _l("Tasks"), ("expert", "manager")),
    ("customers.index", _l("Customers"), ("expert", "manager")),
    ("manage.instances", _l("Instances"), ("manager",)),
    ("manage.team", _l("Team"), ("manager",)),
    ("crm.aftercare", _l("Aftercare"), ("manager",)),
    ("crm.portfolios", _l("Portfolios"), ("expert", "manager")),
    ("crm.plan", _l("Plan"), ("expert", "manager")),
    ("processes.index", _l("Processes"), ("process_owner",)),
    ("admin.users", _l("Users"), ("admin",)),
]


def init(app: Flask) -> None:
    @app.context_processor
    def helpers() -> dict[str, Any]:
        return {"nav_items": nav_items, "now_utc": lambda: engine_now(), "current_locale": language,
                "language_names": LANGUAGE_NAMES,
                "unread_notifications": unread_notifications,
                "reminders_on": lambda: "crm.notifications" in current_app.view_functions}

    app.jinja_env.filters["breakable_email"] = breakable_email


def breakable_email(address: str) -> Markup:
    """An e-mail address that a narrow column wraps before its '@' and dots, never mid-word."""
    parts = re.split(r"(?=[@.])", address)
    return Markup("<wbr>").join(escape(part) for part in parts)


def nav_items() -> list[tuple[str, Any, tuple[str, ...]]]:
    return [item for item in NAV if item[0] in current_app.view_functions]


def engine_now() -> Any:
    from webui.extensions import engine_of

    clock = getattr(engine_of(current_app), "clock", system_clock)
    return clock()


def unread_notifications() -> int:
    """The count in the header; 0 when signed out or where the reminders pages are not installed."""
    from flask_login import current_user

    from webui.extensions import engine_of

    if not current_user.is_authenticated or "crm.notifications" not in current_app.view_functions:
        return 0
    return engine_of(current_app).unread_notifications(current_user.username)
