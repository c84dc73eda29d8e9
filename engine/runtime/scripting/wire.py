"""The values that cross the pipe between this process and the sandbox child, as JSON.

JSON's own types go as they are; the few other types task data and results hold today are tagged
as one-key objects: `{"$tuple": [...]}`, `{"$set": [...]}`, `{"$dict": [[key, value], ...]}` (a
dict whose keys are not all plain strings), `{"$date": "2024-03-16"}`, `{"$datetime": ...}`,
`{"$time": ...}`, `{"$timedelta": [days, seconds, microseconds]}`, `{"$bytes": latin-1 text}`.
Anything else (a function, a class, a module's object) cannot be sent: `Unsendable` names its type.
Decoding accepts these tags only, so the child cannot hand the parent any other kind of object.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any


class Unsendable(ValueError):
    """`args[0]`: the type's name."""


def encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {"$dict": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, tuple):
        return {"$tuple": [encode(item) for item in value]}
    if isinstance(value, set | frozenset):
        return {"$set": [encode(item) for item in value]}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, timedelta):
        return {"$timedelta": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, bytes):
        return {"$bytes": value.decode("latin-1")}
    raise Unsendable(type(value).__name__)


_TAGS: dict[str, Any] = {
    "$tuple": lambda items: tuple(decode(i) for i in items),
    "$set": lambda items: {decode(i) for i in items},
    "$dict": lambda pairs: {decode(k): decode(v) for k, v in pairs},
    "$datetime": datetime.fromisoformat,
    "$date": date.fromisoformat,
    "$time": time.fromisoformat,
    "$timedelta": lambda parts: timedelta(*parts),
    "$bytes": lambda text: text.encode("latin-1"),
}


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        if len(value) == 1:
            [(key, inner)] = value.items()
            if key in _TAGS:
                return _TAGS[key](inner)
        return {key: decode(item) for key, item in value.items()}
    return value


def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode() + b"\n"


def loads(line: bytes) -> Any:
    return json.loads(line)
