"""Labels, not keys: what the pages show in place of process keys, usernames, field ids and raw values.

* `process_name(key)`: the process's name in the page's language (from its newest model);
* `person(username)`: the person's full name (the username stays where an id is needed: forms, CSV);
* `data_items(data, texts, element_id)`: submitted form data as (label, value as the form shows it):
  field labels and enum names from the model in the page's language, Yes/No, d.m.yyyy dates, numbers
  with the language's separators;
* `vocab_label(field, value)` (a page global): a customer-card value (size class, segments, lifecycle
  phase) in the page's language, never the stored id;
* `parse_day` / `input_day`: dates typed as d.m.yyyy (ISO accepted too) on every page, never the
  browser's US mm/dd/yyyy: our date inputs are text inputs with a d.m.yyyy hint.

Names are read once per request (flask.g).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import Flask, current_app, g
from flask_babel import format_decimal, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from engine import NotFound
from engine.runtime.bpmn.languages import FieldText, ModelTexts
from engine.runtime.forms import parse_date
from webui.extensions import engine_of
from webui.i18n import day, language, vocab_label

# Data the engine puts into every instance (see README, "Modelling dialect"): no form defines them.
ENGINE_DATA = {"asiakas": _l("Business ID"), "asiakas_nimi": _l("Customer"),
               "vastuuasiantuntija": _l("Responsible expert"), "message": _l("Message")}
PEOPLE_FIELDS = {"vastuuasiantuntija"}
DATE_HINT = _l("d.m.yyyy")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def process_names() -> dict[str, str]:
    if "process_names" not in g:
        g.process_names = engine_of(current_app).process_names(language())
    names: dict[str, str] = g.process_names
    return names


def process_name(key: str | None) -> str:
    return process_names().get(key or "", key or "")


def model_of(process_key: str) -> ModelTexts | None:
    """The newest model's texts of a process, once per request (None for a process that is gone)."""
    cache: dict[str, ModelTexts | None] = g.setdefault("models", {})
    if process_key not in cache:
        try:
            cache[process_key] = engine_of(current_app).model_texts(process_key)
        except NotFound:
            cache[process_key] = None
    return cache[process_key]


def task_name(task: Any) -> str:
    """A task's name (stored in Finnish when the task was created) in the page's language."""
    texts = model_of(task.process_key)
    return texts.name(task.element_id, language(), task.name) if texts is not None else str(task.name)


def in_language(text: str, text_lang: str) -> Markup:
    """The text, wrapped in a span with its `lang` when it is in another language than the page
    (a model's Finnish text on an English page; WCAG 3.1.2)."""
    if text_lang and text_lang != language():
        return Markup('<span lang="{}">{}</span>').format(text_lang, text)
    return Markup.escape(text)


def process_label(key: str | None) -> Markup:
    """`process_name` marked with its language where that is not the page's."""
    texts = model_of(key) if key else None
    return in_language(process_name(key), texts.name_language(key, language()) if texts and key else "")


def task_label(task: Any) -> Markup:
    """`task_name` marked with its language where that is not the page's."""
    texts = model_of(task.process_key)
    return in_language(task_name(task), texts.name_language(task.element_id, language()) if texts else "")


def people() -> dict[str, str]:
    if "people" not in g:
        g.people = {u.username: u.display_name or u.username for u in engine_of(current_app).users()}
    names: dict[str, str] = g.people
    return names


def person(username: str | None) -> str:
    """The full name of a user; a name that is not a user's (a group, "system") as it is."""
    return people().get(username or "", username or "")


def display_value(value: Any, f: FieldText | None = None, key: str = "") -> str:
    """A value as the form shows it, in the page's language."""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if f is not None and f.type == "enum" and isinstance(value, str):
        return f.option_in(value, language())
    if f is not None and f.type == "enum" and isinstance(value, list):   # a multiple choice
        return ", ".join(f.option_in(str(v), language()) for v in value)
    if key in PEOPLE_FIELDS and isinstance(value, str):
        return person(value)
    if isinstance(value, int):
        return str(format_decimal(value))
    if isinstance(value, str) and _ISO_DAY.fullmatch(value) and (f is None or f.type in ("date", "string")):
        try:
            return day(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, Mapping | list):
        return ", ".join(display_value(v) for v in (value.values() if isinstance(value, Mapping) else value))
    return str(value)


def option_names(process_key: str, element_id: str, field_id: str, ids: list[str]) -> dict[str, str]:
    """Enum option ids of a model's field -> their names in the page's language."""
    texts = model_of(process_key)
    f = texts.field(element_id, field_id) if texts is not None else None
    return {i: f.option_in(i, language()) if f is not None else i for i in ids}


def label_of(key: str, texts: ModelTexts | None, element_id: str | None) -> tuple[str, FieldText | None]:
    f = texts.field(element_id, key) if texts is not None else None
    if f is None and key not in ENGINE_DATA:
        f = _field_anywhere(key)
    if f is not None:
        return f.label_in(language()), f
    if key in ENGINE_DATA:
        return str(ENGINE_DATA[key]), None
    return key, None


def _field_anywhere(key: str) -> FieldText | None:
    """A field of another process's newest model: data a service received from the one that started it
    (a needs assessment's answers in the recruitment it started) keeps the name that form gave it."""
    for process_key in process_names():
        texts = model_of(process_key)
        f = texts.field(None, key) if texts is not None else None
        if f is not None:
            return f
    return None


def message_label(name: str, texts: ModelTexts | None = None) -> str:
    """A message by the name of the event that sends (or catches) it, in the page's language: its own
    model first, then every process's newest; the technical name where no model names it."""
    lang = language()
    found = texts.message_name(name, lang) if texts is not None else None
    for process_key in process_names() if found is None else ():
        other = model_of(process_key)
        found = other.message_name(name, lang) if other is not None else None
        if found:
            break
    return found or name


def data_items(data: Mapping[str, Any] | None, texts: ModelTexts | None = None,
               element_id: str | None = None) -> list[tuple[str, str]]:
    """An audit entry's (or an instance's) data as (label, shown value) pairs; a start's own data (under
    "data") is opened up and empty values are left out, so the page shows what was actually given."""
    items: list[tuple[str, str]] = []
    for key, value in (data or {}).items():
        if key == "data" and isinstance(value, Mapping):
            items.extend(data_items(value, texts, element_id))
        elif key == "message" and isinstance(value, str):
            items.append((str(ENGINE_DATA["message"]), message_label(value, texts)))
        elif value not in (None, "", [], {}):
            label, f = label_of(str(key), texts, element_id)
            items.append((label, display_value(value, f, str(key))))
    return items


def parse_day(text: str | None) -> date | None:
    """A date typed on a page (26.11.2026, or ISO); None when empty; ValueError when not a date."""
    if text is None or not text.strip():
        return None
    return parse_date(text)


def input_day(value: date | str | None) -> str:
    """A date as our date inputs show it: 26.11.2026 (what the user typed, if it is not a date)."""
    if isinstance(value, str):
        try:
            value = parse_date(value)
        except ValueError:
            return value
    return f"{value.day}.{value.month}.{value.year}" if value else ""


def init(app: Flask) -> None:
    app.jinja_env.globals.update(process_label=process_label, task_label=task_label, in_language=in_language,
                                 process_name=process_name, person=person, input_day=input_day, task_name=task_name,
                                 date_hint=lambda: str(DATE_HINT),
                                 vocab_label=lambda field, value: vocab_label(field, value) if value else "")
