"""Failures as sentences: what a person reads when a checked expression or script fails while running."""

from __future__ import annotations

import builtins
import traceback
from typing import Any

from .checks import _FILENAME, _full_stop, _normalise, _shorten
from .guards import _Refusal
from .watchdog import _WALL_FACTOR, MEMORY_GROWTH_LIMIT, _OutOfMemory, _OutOfTime

_PYTHON_BUILTINS = frozenset(dir(builtins))


def _seconds(limit: float) -> str:
    return "1 second" if limit == 1 else f"{limit:g} seconds"


def _where(err: BaseException, source: str, kind: str) -> str:
    """The subject of the sentence: the expression, or the script line that failed."""
    return _subject(err, source, kind)[0]


def _subject(err: BaseException, source: str, kind: str) -> tuple[str, dict[str, Any]]:
    """The subject as an English phrase and as params: {"expression"} or {"line", "text"}; {} for "The script"."""
    if kind == "expression":
        return f"The expression `{_shorten(source)}`", {"expression": _shorten(source)}
    line = None
    for frame, lineno in traceback.walk_tb(err.__traceback__):
        if frame.f_code.co_filename == _FILENAME:
            line = lineno
    lines = _normalise(source, "exec").splitlines()
    if line is None or not 0 < line <= len(lines):
        return "The script", {}
    text = _shorten(lines[line - 1])
    return f"Line {line} of the script (`{text}`)", {"line": line, "text": text}


def failure(err: BaseException, source: str, kind: str, time_limit: float) -> tuple[str, str | None, dict[str, Any]]:
    """The failure as (English sentence, code, params); the commonest failures of a line or an expression
    have a code ("script.name_missing_line") so a reader gets them in their language, the rest none."""
    sentence = _failure(err, source, kind, time_limit)
    _, subject = _subject(err, source, kind)
    name = getattr(err, "name", None)
    case: str | None = None
    params: dict[str, Any] = {}
    if isinstance(err, _OutOfTime | _OutOfMemory | MemoryError):
        # a stop is said for every subject ("The script" too): it is what a looping model shows a manager
        if isinstance(err, _OutOfTime):
            limit = time_limit if err.args[0] == "CPU" else time_limit * _WALL_FACTOR
            case, params = "out_of_time", {"seconds": f"{limit:g}"}
        else:
            case, params = "out_of_memory", {"megabytes": MEMORY_GROWTH_LIMIT // 2**20}
        shape = "expression" if "expression" in subject else "line" if subject else "script"
        return sentence, f"script.{case}_{shape}", {**subject, **params}
    if isinstance(err, NameError) and name and name not in _PYTHON_BUILTINS:
        case, params = "name_missing", {"name": name}
    elif isinstance(err, KeyError) and err.args:
        case, params = "key_missing", {"key": _shorten(repr(err.args[0]), 40)}
    elif isinstance(err, AttributeError) and isinstance(getattr(err, "obj", None), dict) and name:
        case, params = "dict_attribute", {"name": name}
    elif isinstance(err, ZeroDivisionError):
        case = "zero_division"
    if case is None or not subject:
        return sentence, None, {}
    return sentence, f"script.{case}_{'expression' if 'expression' in subject else 'line'}", {**subject, **params}


def _failure(err: BaseException, source: str, kind: str, time_limit: float) -> str:
    where = _where(err, source, kind)
    name = getattr(err, "name", None)
    if isinstance(err, _OutOfTime):
        clock = err.args[0]
        limit = time_limit if clock == "CPU" else time_limit * _WALL_FACTOR
        return f"{where} ran for more than {_seconds(limit)} of {clock} time and was stopped; check its loops."
    if isinstance(err, _OutOfMemory | MemoryError):
        # In the sandbox child the kernel refuses the allocation past the limit: MemoryError.
        return f"{where} used more than {MEMORY_GROWTH_LIMIT // 2**20} MB of memory and was stopped."
    if isinstance(err, _Refusal):
        return f"{where} {err}."
    if isinstance(err, NameError) and name:
        if name in _PYTHON_BUILTINS:
            return f"{where} uses `{name}`, which is not available in Palvelupolku {kind}s."
        return f"{where} refers to `{name}`, which is not in the task data."
    if isinstance(err, KeyError) and err.args:
        return f"{where} looks up the key {_shorten(repr(err.args[0]), 40)}, which is missing."
    if isinstance(err, AttributeError) and isinstance(getattr(err, "obj", None), dict) and name:
        return f"{where} reads `.{name}` from a dictionary; write `['{name}']` instead."
    if isinstance(err, RecursionError):
        return f"{where} calls itself too deeply."
    detail = _shorten(str(err), 120)
    return f"{where} failed with {type(err).__name__}" + (f": {_full_stop(detail)}" if detail else ".")
