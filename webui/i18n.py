"""Finnish and English: the user's choice, else the browser's Accept-Language, else Finnish.
Times are shown in Europe/Helsinki."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request, session
from flask_babel import Babel, format_date, format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user

LANGUAGES = ("fi", "en")
babel = Babel()


# English pages format dates the way Finnish offices read them: day first (en_GB), not en_US.
FORMAT_LOCALE = {"fi": "fi", "en": "en_GB"}


def language() -> str:
    """fi or en: the user's choice, else this session's, else the browser's, else Finnish."""
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return str(current_user.language)
    if session.get("lang") in LANGUAGES:
        return str(session["lang"])
    return request.accept_languages.best_match(LANGUAGES) or "fi"


def select_locale() -> str:
    return FORMAT_LOCALE[language()]


def when(value: datetime | None, form: str = "short") -> str:
    return format_datetime(value, form) if value else ""


def day(value: date | datetime | None, form: str = "short") -> str:
    return format_date(value, form) if value else ""


STATUS_LABELS = {
    "open": _l("open"), "completed": _l("completed"), "cancelled": _l("cancelled"),
    "running": _l("running"), "error": _l("error"), "waiting": _l("waiting"), "fired": _l("fired"),
}


FIELD_MESSAGES = {
    "not_field": _l("'%(field)s' is not a field of this form."),
    "readonly": _l("%(label)s is read-only and cannot be changed."),
    "required": _l("%(label)s is required."),
    "unknown_type": _l("%(label)s has the unknown type '%(type)s'."),
    "boolean": _l("%(label)s must be yes or no."),
    "text": _l("%(label)s must be text."),
    "maxlength": _l("%(label)s can be at most %(limit)s characters long (now %(length)s)."),
    "minlength": _l("%(label)s must be at least %(limit)s characters long."),
    "integer": _l("%(label)s must be a whole number."),
    "too_big": _l("%(label)s is too large a number."),
    "min": _l("%(label)s must be at least %(limit)s."),
    "max": _l("%(label)s must be at most %(limit)s."),
    "date": _l("%(label)s must be a date like 26.11.2026 (day.month.year)."),
    "date_min": _l("%(label)s must be on or after %(limit)s."),
    "date_max": _l("%(label)s must be on or before %(limit)s."),
    "enum": _l("%(label)s must be one of: %(options)s."),
}


def field_errors(codes: dict[str, tuple[str, dict[str, object]]], fallback: dict[str, str]) -> dict[str, str]:
    """The engine's form errors in the page's language."""
    out = {}
    for field_id, english in fallback.items():
        code, params = codes.get(field_id, ("", {}))
        template = FIELD_MESSAGES.get(code)
        out[field_id] = str(template) % params if template is not None else english
    return out


def status_label(value: str) -> str:
    return str(STATUS_LABELS.get(value, value))


def init(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "fi")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Helsinki")
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["status"] = status_label
