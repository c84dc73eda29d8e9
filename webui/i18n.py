"""Finnish, Swedish and English: the user's choice, else the browser's Accept-Language, else Finnish.
Times are shown in Europe/Helsinki; dates and numbers the way each language writes them in Finland.

The catalogs are webui/translations/<lang>/LC_MESSAGES/messages.po, filled by tools/catalog.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask import Flask, request, session
from flask_babel import Babel, format_date, format_datetime, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from engine.office.customers import VOCABULARIES, label

LANGUAGES = ("fi", "sv", "en")
# The header's switch names each language in that language.
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
babel = Babel()


# Dates and numbers the way they are written in Finland: Swedish as in Finland (sv_FI: 4.12.2026, not
# 2026-12-04), English day first (en_GB), not en_US. gettext falls back from sv_FI to the sv catalog.
FORMAT_LOCALE = {"fi": "fi", "sv": "sv_FI", "en": "en_GB"}


def language() -> str:
    """fi, sv or en: the user's choice, else this session's, else the browser's, else Finnish."""
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return str(current_user.language)
    if session.get("lang") in LANGUAGES:
        return str(session["lang"])
    return browser_language(request.accept_languages) or "fi"


def browser_language(accepted: Iterable[tuple[str, float]]) -> str | None:
    """The first offered language in the browser's order of preference, by its primary tag: sv-FI and sv-SE
    are Swedish. (Werkzeug's best_match would take a later exact "fi" over a preferred "sv-FI".)"""
    for tag, quality in accepted:      # best first
        primary = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and primary in LANGUAGES:
            return primary
    return None


def select_locale() -> str:
    return FORMAT_LOCALE[language()]


def when(value: datetime | None, form: str = "short") -> str:
    return format_datetime(value, form) if value else ""


def day(value: date | datetime | str | None, form: str = "short") -> str:
    """A date as the reader writes it (d.m.yyyy in fi and sv); an ISO text (a week's key) is read first."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
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


# engine.office.customers keeps its vocabularies in Finnish and English; Swedish reads the English label through the
# catalog. These marks put those labels into messages.pot (a test checks that none is missing).
VOCABULARY_TEXTS = (
    _l("Micro company (1-9 people)"), _l("Small company (10-49 people)"),
    _l("Medium-sized company (50-249 people)"), _l("Large company (250+ people)"),
    _l("Founders and inventors"), _l("Local companies"), _l("Domestic-market companies"),
    _l("Companies growing internationally"), _l("Large companies"), _l("Communities"),
    _l("Growing"), _l("Improving efficiency"), _l("Production or financial problems"), _l("Start-up challenges"),
    _l("Replacement recruitment"),
    _l("Acquisition"), _l("Take-over"), _l("Development"), _l("Retention"),
)


def vocab_label(field_name: str, value: str) -> str:
    """The label of a vocabulary id (size class, segments, lifecycle phase) in the page's language."""
    lang = language()
    found = VOCABULARIES.get(field_name, {}).get(value)
    if found is None or lang != "sv":
        return label(field_name, value, lang)
    return gettext(found.en)


def status_label(value: str) -> str:
    return str(STATUS_LABELS.get(value, value))


ROLE_LABELS = {"expert": _l("expert"), "manager": _l("service manager"), "process_owner": _l("process owner"),
               "admin": _l("administrator")}


def role_label(value: str) -> str:
    return str(ROLE_LABELS.get(value, value))


def init(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "fi")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Helsinki")
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["status"] = status_label
    app.jinja_env.globals["role_label"] = role_label
