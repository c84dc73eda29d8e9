"""Task forms: the camunda:formData of a user task, and validation of submitted data.

Submitted values arrive either typed (JSON API) or as strings (HTML forms); both are
accepted and normalised to what the process sees: str, int, bool, ISO date string
("2026-11-26") or the enum option id. Dates may also be written the way Finland writes them
(26.11.2026, 26.11.26 is refused: the year has four digits); the data keeps ISO. Every field error
is reported at once. `required_when` (config: the id of a boolean field of the same form) makes a field
required only when that field is answered yes: the aftercare's scores are required once the customer was
reached, and only then. An enum field with the property `multiple=true` takes several options: its value is
the list of the chosen option ids in the form's order (a list from the API, one id or several repeated
fields from an HTML form).
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import FormValidationError
from . import datalimits

FIELD_TYPES = ("string", "long", "boolean", "date", "enum")
CONSTRAINTS = ("required", "required_when", "min", "max", "minlength", "maxlength", "readonly")
_TRUE = {"true", "on", "1", "yes", "kyllä"}
_FALSE = {"false", "off", "0", "no", "ei", ""}
MAX_STRING = 10_000
LONG_LIMIT = 2**63        # a form's "long" is a 64-bit integer, as in Camunda


MESSAGES = {
    "not_field": "'{field}' is not a field of this form.",
    "readonly": "{label} is read-only and cannot be changed.",
    "required": "{label} is required.",
    "unknown_type": "{label} has the unknown type '{type}'.",
    "boolean": "{label} must be yes or no.",
    "text": "{label} must be text.",
    "maxlength": "{label} can be at most {limit} characters long (now {length}).",
    "minlength": "{label} must be at least {limit} characters long.",
    "integer": "{label} must be a whole number.",
    "too_big": "{label} is too large a number.",
    "min": "{label} must be at least {limit}.",
    "max": "{label} must be at most {limit}.",
    "date": "{label} must be a date like 26.11.2026 (day.month.year).",
    "date_min": "{label} must be on or after {limit}.",
    "date_max": "{label} must be on or before {limit}.",
    "enum": "{label} must be one of: {options}.",
}


class FieldProblem(ValueError):
    """One field's error: `code` and `params` let a user interface say it in its own language."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(MESSAGES[code].format(**params))
        self.code = code
        self.params = params


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    type: str
    default: str | None = None
    options: tuple[tuple[str, str], ...] = ()          # enum: (id, name)
    constraints: Mapping[str, str | None] = field(default_factory=dict)
    properties: Mapping[str, str] = field(default_factory=dict)

    @property
    def required(self) -> bool:
        return "required" in self.constraints

    @property
    def readonly(self) -> bool:
        return "readonly" in self.constraints

    @property
    def multiple(self) -> bool:
        return self.type == "enum" and self.properties.get("multiple") == "true"

    @property
    def multiline(self) -> bool:
        return self.properties.get("multiline") == "true"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "type": self.type, "default": self.default,
                "options": [{"id": i, "name": n} for i, n in self.options],
                "constraints": dict(self.constraints), "properties": dict(self.properties)}


@dataclass(frozen=True)
class FormSpec:
    fields: tuple[FormField, ...] = ()

    def field(self, field_id: str) -> FormField | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def as_list(self) -> list[dict[str, Any]]:
        return [f.as_dict() for f in self.fields]


def form_of(task_spec: Any) -> FormSpec:
    """The form of a SpiffWorkflow (Camunda) user task spec; an empty form for other tasks."""
    form = getattr(task_spec, "form", None)
    if form is None:
        return FormSpec()
    fields = []
    for f in form.fields:
        fields.append(FormField(
            id=f.id, label=f.label or f.id, type=f.type or "string", default=f.default_value,
            options=tuple((o.id, o.name or o.id) for o in getattr(f, "options", [])),
            constraints={v.name: v.config for v in f.validation},
            properties={p.id: p.value for p in f.properties},
        ))
    return FormSpec(tuple(fields))


def validate(form: FormSpec, data: Mapping[str, Any], current: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return the cleaned values of `data` for `form`, or raise FormValidationError with every error.

    `current` is the task's data before the submission: read-only fields must keep its value.
    """
    current = current or {}
    if not form.fields:
        return _free_data(data)
    problems: dict[str, FieldProblem] = {}
    unknown = sorted(str(k)[:100] for k in set(data) - {f.id for f in form.fields})
    for key in unknown:
        problems[key] = FieldProblem("not_field", field=key)
    cleaned: dict[str, Any] = {}
    for f in form.fields:
        try:
            value = _clean(f, data.get(f.id), f.id in data)
            if f.readonly:
                _check_readonly(f, value, f.id in data, current)
                continue
            if value is not None:
                cleaned[f.id] = value
            elif f.type == "boolean":
                cleaned[f.id] = False
        except FieldProblem as exc:
            problems[f.id] = exc
    for f in form.fields:
        when = f.constraints.get("required_when")
        if when and f.id not in problems and cleaned.get(when) is True and cleaned.get(f.id) in (None, False):
            problems[f.id] = FieldProblem("required", label=f.label)
    if problems:
        errors = {k: str(v) for k, v in problems.items()}
        raise FormValidationError(_summary(errors), errors, {k: (v.code, v.params) for k, v in problems.items()})
    datalimits.check(cleaned, "the form data")
    return cleaned


MAX_FREE_DATA_BYTES = 64 * 1024


def _free_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """A task without camunda:formData (an external form in Camunda) takes any named plain-JSON values."""
    problems = {str(k)[:100]: FieldProblem("not_field", field=str(k)[:100]) for k in data
                if not (isinstance(k, str) and k.isidentifier() and not k.startswith("_") and not keyword.iskeyword(k))}
    if not problems:
        try:
            size = len(json.dumps(dict(data)))
        except (TypeError, ValueError):
            size = -1
        if size < 0 or size > MAX_FREE_DATA_BYTES:
            problems = {"data": FieldProblem("not_field", field="data")}
    if problems:
        errors = {k: str(v) for k, v in problems.items()}
        raise FormValidationError(_summary(errors), errors, {k: (v.code, v.params) for k, v in problems.items()})
    return dict(data)


def _summary(errors: Mapping[str, str]) -> str:
    n = len(errors)
    return f"The form has {n} error{'s' if n != 1 else ''}: " + "; ".join(f"{k}: {v}" for k, v in errors.items())


def _check_readonly(f: FormField, value: Any, given: bool, current: Mapping[str, Any]) -> None:
    if given and value is not None and value != current.get(f.id):
        raise FieldProblem("readonly", label=f.label)


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def _clean(f: FormField, raw: Any, given: bool) -> Any:
    if f.type == "boolean":
        value = _boolean(f, raw) if given else None
        if value is None and f.required:
            raise FieldProblem("required", label=f.label)
        return value
    if f.multiple:
        return _enum_list(f, raw)
    if _is_blank(raw):
        if f.required:
            raise FieldProblem("required", label=f.label)
        return None
    cleaner = {"string": _string, "long": _long, "date": _date, "enum": _enum}.get(f.type)
    if cleaner is None:
        raise FieldProblem("unknown_type", label=f.label, type=f.type)
    return cleaner(f, raw)


def _enum_list(f: FormField, raw: Any) -> list[str] | None:
    chosen = [raw] if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else None
    if raw is not None and chosen is None:
        raise FieldProblem("enum", label=f.label, options=", ".join(i for i, _ in f.options))
    picked = {str(c).strip() for c in chosen or [] if not _is_blank(c)}
    known = [i for i, _ in f.options]
    if picked - set(known):
        raise FieldProblem("enum", label=f.label, options=", ".join(known))
    if not picked:
        if f.required:
            raise FieldProblem("required", label=f.label)
        return None
    return [i for i in known if i in picked]


def _boolean(f: FormField, raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if raw is None:
        return None
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    raise FieldProblem("boolean", label=f.label)


def _string(f: FormField, raw: Any) -> str:
    if not isinstance(raw, str):
        raise FieldProblem("text", label=f.label)
    value = raw.strip()
    limit = _int_config(f, "maxlength") or MAX_STRING
    minimum = _int_config(f, "minlength")
    if len(value) > limit:
        raise FieldProblem("maxlength", label=f.label, limit=limit, length=len(value))
    if minimum is not None and len(value) < minimum:
        raise FieldProblem("minlength", label=f.label, limit=minimum)
    return value


def _long(f: FormField, raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise FieldProblem("integer", label=f.label)
    try:
        value = int(raw.strip()) if isinstance(raw, str) else raw
    except ValueError:
        raise FieldProblem("integer", label=f.label) from None
    if not -LONG_LIMIT <= value < LONG_LIMIT:
        raise FieldProblem("too_big", label=f.label)
    low, high = _int_config(f, "min"), _int_config(f, "max")
    if low is not None and value < low:
        raise FieldProblem("min", label=f.label, limit=low)
    if high is not None and value > high:
        raise FieldProblem("max", label=f.label, limit=high)
    return value


_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(text: str) -> date:
    """26.11.2026 (day first, as written in Finland and on our pages) or ISO 2026-11-26; ValueError if neither."""
    text = text.strip()
    found = _FINNISH_DATE.fullmatch(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return date(year, month, day)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"'{text[:40]}' is not a date like 26.11.2026.")
    return date.fromisoformat(text)


def _date(f: FormField, raw: Any) -> str:
    if isinstance(raw, date):
        value = raw
    elif isinstance(raw, str):
        try:
            value = parse_date(raw)
        except ValueError:
            raise FieldProblem("date", label=f.label) from None
    else:
        raise FieldProblem("date", label=f.label)
    low, high = f.constraints.get("min"), f.constraints.get("max")
    if low and value.isoformat() < low:
        raise FieldProblem("date_min", label=f.label, limit=low)
    if high and value.isoformat() > high:
        raise FieldProblem("date_max", label=f.label, limit=high)
    return value.isoformat()


def _enum(f: FormField, raw: Any) -> str:
    ids = [i for i, _ in f.options]
    if not isinstance(raw, str) or raw not in ids:
        raise FieldProblem("enum", label=f.label, options=", ".join(ids))
    return raw


def _int_config(f: FormField, name: str) -> int | None:
    config = f.constraints.get(name)
    if config is None or config == "":
        return None
    try:
        return int(config)
    except ValueError:
        return None
