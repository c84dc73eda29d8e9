"""The one check of instance data: what may be stored in an instance, wherever the data comes from.

Start data, message payloads, completed forms and the data a script leaves all pass `check` (or
`problem`): at most MAX_DEPTH levels of lists and dictionaries, dictionary keys that are text,
values that are text, whole numbers of at most MAX_INT_DIGITS digits, finite decimal numbers, truth
values, None, or the dates and durations scripts compute (date, datetime, time, timedelta, which
the state serializer stores), and at most MAX_SIZE characters in all (as JSON, roughly). A function,
NaN or Infinity, or data nested 800 levels deep is refused with a sentence, so whatever an instance
holds can be stored, read back, shown and sent as valid JSON by every page. The walk is iterative,
so deep data cannot overflow the stack while being checked. No Flask here.
"""

from __future__ import annotations

import math
from datetime import date, time, timedelta
from typing import Any

from ..errors import ValidationError

MAX_DEPTH = 32
MAX_SIZE = 1_000_000          # characters of JSON, roughly, in one task's data
MAX_STATE_CHARS = 8_000_000   # one instance's stored SpiffWorkflow state (its whole history); see execution.persist
MAX_INT_DIGITS = 300          # larger whole numbers are not data a form or a service produces

_SCALARS = (str, bool, int, float, date, time, timedelta)    # datetime is a date


def _size_of(value: Any) -> int:
    if isinstance(value, str):
        return len(value) + 2
    return 8


Found = tuple[str, str, dict[str, Any]]      # (English sentence, code, params) for a reader's language


def _scalar_problem(value: Any, where: str, path: str) -> Found | None:
    if isinstance(value, float) and not math.isfinite(value):
        return (f"{where} is {value!r}, which is not a number JSON can hold; store a finite number or None.",
                "data.not_finite", {"path": path, "value": repr(value)})
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_DIGITS * 10 // 3:
        return (f"{where} is a whole number of more than {MAX_INT_DIGITS} digits; store it as text.",
                "data.big_number", {"path": path, "max": MAX_INT_DIGITS})
    return None


def problem(data: Any, what: str) -> str | None:
    """None when `data` may be stored, else one sentence; `what` names it ("the start data")."""
    found = coded_problem(data, what)
    return found[0] if found else None


def coded_problem(data: Any, what: str) -> Found | None:
    """`problem` with its code and params; the params name the value by its path, not by `what` (English)."""
    whole = what[:1].upper() + what[1:]
    if not isinstance(data, dict):
        return f"{whole} must be an object of named values.", "data.not_object", {}
    size = 0
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        where = f"The value `{path[:80]}` of {what}" if path else whole
        if depth > MAX_DEPTH:
            return (f"{whole} is nested more than {MAX_DEPTH} levels deep (at `{path[:80]}`); flatten it.",
                    "data.too_deep", {"max": MAX_DEPTH, "path": path[:80]})
        if value is None or isinstance(value, _SCALARS):
            size += _size_of(value)
            found = _scalar_problem(value, where, path[:80])
            if found:
                return found
        elif isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    return (f"{where} has the key {key!r:.40}, which is not text; keys must be text.",
                            "data.key_not_text", {"key": f"{key!r:.40}"})
                size += len(key) + 4
                stack.append((item, f"{path}.{key}" if path else key, depth + 1))
        elif isinstance(value, list | tuple):
            size += 2
            stack.extend((item, f"{path}[{n}]", depth + 1) for n, item in enumerate(value))
        else:
            return (f"{where} holds a {type(value).__name__}, which cannot be stored; keep only text, numbers,"
                    " truth values, dates, lists and dictionaries.",
                    "data.unstorable", {"path": path[:80], "kind": type(value).__name__})
        if size > MAX_SIZE:
            return (f"{whole} is larger than {MAX_SIZE:,} characters; keep large documents outside the process.",
                    "data.too_large", {"max": MAX_SIZE})
    return None


def check(data: Any, what: str) -> None:
    """Raise ValidationError with the sentence of `problem`."""
    found = coded_problem(data, what)
    if found:
        sentence, code, params = found
        raise ValidationError(sentence, code=code, params=params)
