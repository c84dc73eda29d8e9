"""The restricted evaluator for the Python in BPMN files.

Gateway conditions, script tasks, timer values and assignee expressions are Python over task data.
Process owners deploy them, so they run behind four guards:

1. A static check of the syntax tree, before anything is compiled: an allow-list of node types;
   no imports, `global`, classes, `yield`, `async`, `with`, `match` or `finally`; no name (except
   a lone `_`) or attribute that starts with an underscore, which also closes
   `().__class__.__base__.__subclasses__()`; no `.format` / `.format_map` (str.format reads
   attributes) and no attribute that leads to frames, code or tracebacks (`gi_frame`, `f_back`, ...).
   Functions, lambdas and comprehensions are allowed.
2. A small set of builtins, plus `now()` (the engine clock), `today()` (its date in Helsinki),
   `date`, `datetime`, `timedelta`, `timezone` and a few exception classes for `except`.
   No open, eval, getattr, type, iter, next, print, ...
3. Size caps: `+ * ** << % //`, f-string format specs and the string methods that can grow a
   result many times over are rewritten into calls of checking helpers that refuse before
   computing; `range` and `round` are capped, `sum` adds no lists, `zip` yields tuple by tuple.
4. A watchdog trace function (`sys.settrace`, so it works in any thread, e.g. Flask's) that stops
   a run after `time_limit` seconds of CPU time (or 1.25 times that on the wall clock, when a busy
   machine lets CPU time lag), or when the process's peak memory grows by more than
   MEMORY_GROWTH_LIMIT. Its exception is a BaseException, and bare `except:`, `except
   Exception`, `finally` and computed `except` types are unavailable, so a script can neither
   catch it nor run code after it; every `while` loop calls a no-op so the watchdog sees each turn.

What is left: the watchdog only runs between Python lines, so one C-level call over capped data
can still take long or build a large value, e.g. `sorted([[0] * 10**6] * 10**6)` compares
10**12 items and `str()` of that list would need terabytes. Run the service under a process
memory limit as well; this module keeps honest mistakes and casual attacks out, it is not a VM.

Every refusal or failure raises `engine.errors.ScriptError`. No Flask here.
"""

from __future__ import annotations

import ast
import builtins
import copy
import math
import operator
import re
import sys
import textwrap
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from types import CodeType, FrameType
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from .clock import HELSINKI, Clock, system_clock
from .errors import ScriptError

MAX_ITEMS = 1_000_000               # longest str, bytes, list or tuple one operation may build
MAX_INT_BITS = 10_000               # largest whole number `*`, `**`, `<<` may build (~3,000 digits)
MAX_ROUND_DIGITS = 1_000            # round(5, -10**9) would compute 10**(10**9)
MEMORY_GROWTH_LIMIT = 256 * 2**20   # bytes the process's peak memory may grow during one run

_FILENAME = "<palvelupolku>"
_KINDS = {"eval": "expression", "exec": "script"}


# --- the static check -----------------------------------------------------------------------

_NO_IMPORT = ("imports a module, which is not allowed; now(), today(), date, datetime, timedelta"
              " and timezone are available without an import")
_NO_ASYNC = "uses `async` or `await`, which is not allowed"
_NO_YIELD = "uses `yield`, which is not allowed; build a list instead"

_FORBIDDEN: dict[type[ast.AST], str] = {
    ast.Import: _NO_IMPORT,
    ast.ImportFrom: _NO_IMPORT,
    ast.Global: "uses `global`, which is not allowed; a plain assignment already stores a value in the"
                " task data",
    ast.Nonlocal: "uses `nonlocal`, which is not allowed",
    ast.ClassDef: "defines a class, which is not allowed; use a dictionary for structured data",
    ast.AsyncFunctionDef: _NO_ASYNC,
    ast.AsyncFor: _NO_ASYNC,
    ast.AsyncWith: _NO_ASYNC,
    ast.Await: _NO_ASYNC,
    ast.Yield: _NO_YIELD,
    ast.YieldFrom: _NO_YIELD,
    ast.With: "uses `with`, which is not allowed",
    ast.Match: "uses `match`, which is not allowed; use if and elif instead",
    ast.TryStar: "uses `except*`, which is not allowed",
    ast.AnnAssign: "uses a type annotation, which is not allowed; write a plain assignment such as `x = 1`",
}

_ALLOWED: frozenset[type[ast.AST]] = frozenset({
    ast.Module, ast.Expression, ast.Expr, ast.Assign, ast.AugAssign, ast.Delete, ast.Pass,
    ast.If, ast.For, ast.While, ast.Break, ast.Continue, ast.Try, ast.ExceptHandler, ast.Raise,
    ast.Assert, ast.FunctionDef, ast.Return, ast.Lambda, ast.arguments, ast.arg,
    ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.IfExp, ast.NamedExpr, ast.Compare, ast.Call, ast.keyword,
    ast.Attribute, ast.Subscript, ast.Slice, ast.Starred, ast.Name, ast.Constant, ast.JoinedStr,
    ast.FormattedValue, ast.List, ast.Tuple, ast.Set, ast.Dict,
    ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.comprehension,
    ast.Load, ast.Store, ast.Del, ast.And, ast.Or, ast.Not, ast.Invert, ast.UAdd, ast.USub,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift, ast.RShift,
    ast.BitAnd, ast.BitOr, ast.BitXor, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
    ast.Is, ast.IsNot, ast.In, ast.NotIn,
})

# Attributes without an underscore that still lead to frames, code or tracebacks
# (generator.gi_frame.f_back.f_globals), to `object` (int.mro()), or to a value of any size
# in one C call (int.from_bytes, (1).to_bytes(10**9)).
_INTERNAL_PREFIXES = ("gi_", "cr_", "ag_", "f_", "tb_", "co_")
_BLOCKED_ATTRIBUTES = frozenset({"mro", "from_bytes", "to_bytes"})


def _identifier(node: ast.AST) -> str | None:
    """The name a node binds or looks up, if it is one of the nodes that carry a name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.arg):
        return node.arg
    if isinstance(node, (ast.FunctionDef, ast.ExceptHandler)):
        return node.name
    return None


def _attribute_problem(attr: str) -> str | None:
    if attr.startswith("_"):
        return f"uses `.{attr}`; attribute names starting with an underscore are not allowed"
    if attr in ("format", "format_map"):
        return f'calls `.{attr}`, which is not allowed; use an f-string such as f"{{name}}" instead'
    if attr.startswith(_INTERNAL_PREFIXES) or attr in _BLOCKED_ATTRIBUTES:
        return f"uses `.{attr}`, which is not allowed"
    return None


def _handler_problem(node: ast.ExceptHandler) -> str | None:
    # The type is evaluated while an exception passes, also when the watchdog stopped the run and
    # tracing is off: a name cannot run code there, a call could.
    if node.type is None:
        return "uses a bare `except:`, which is not allowed; name the error, as in `except ValueError:`"
    types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
    if all(isinstance(t, ast.Name) for t in types):
        return None
    return "computes the error type of an `except`, which is not allowed; use names such as `ValueError`"


def _problem(node: ast.AST) -> str | None:
    """What is wrong with one node, as the end of a sentence, or None."""
    kind = type(node)
    if kind in _FORBIDDEN:
        return _FORBIDDEN[kind]
    if kind not in _ALLOWED:
        return f"uses Python syntax that is not allowed here ({kind.__name__})"
    name = _identifier(node)
    if name is not None and name.startswith("_") and name != "_":   # `for _ in ...` is harmless
        return f"uses `{name}`; names starting with an underscore are not allowed"
    if isinstance(node, ast.Attribute):
        return _attribute_problem(node.attr)
    if isinstance(node, ast.Try) and node.finalbody:
        # After the watchdog raised, tracing is off; a finally block would run unwatched.
        return "uses `finally`, which is not allowed"
    if isinstance(node, ast.ExceptHandler):
        return _handler_problem(node)
    if isinstance(node, ast.comprehension) and node.is_async:
        return _NO_ASYNC
    return None


def _first_problem(tree: ast.AST, kind: str) -> str | None:
    """The sentence for the earliest problem in `tree`; iterative, so deep trees cannot overflow."""
    found: list[tuple[int, str]] = []
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    while stack:
        node, line = stack.pop()
        line = getattr(node, "lineno", line)
        clause = _problem(node)
        if clause is not None:
            found.append((line, clause))
        stack.extend((child, line) for child in ast.iter_child_nodes(node))
    if not found:
        return None
    line, clause = min(found, key=lambda item: item[0])
    subject = "The expression" if kind == "expression" else f"Line {line} of the script"
    return f"{subject} {clause}."


# --- messages ------------------------------------------------------------------------------

def _shorten(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _full_stop(text: str) -> str:
    """Python's messages as one clause: 'invalid syntax. Perhaps ...?' -> 'invalid syntax; perhaps ...?'."""
    text = re.sub(r"\.\s+(\w)", lambda m: "; " + m.group(1).lower(), text.strip())
    return text if text.endswith((".", "?", "!")) else text + "."


def _juel_inside(text: str) -> str | None:
    """The inside of the first `${...}` or `#{...}`; found with find(), as a regex could be quadratic."""
    starts = [at for at in (text.find("${"), text.find("#{")) if at >= 0]
    end = text.find("}", min(starts)) if starts else -1
    if end < 0:
        return None
    inside = re.sub(r"\s*&&\s*", " and ", text[min(starts) + 2:end].strip())
    return re.sub(r"\s*\|\|\s*", " or ", inside)


def _syntax_problem(err: SyntaxError, text: str, kind: str) -> str:
    example = _juel_inside(text)
    if example is not None:
        return (f"The {kind} `{_shorten(text)}` is written in JUEL, Camunda's expression language, but"
                f" Palvelupolku {kind}s are Python over task data, e.g. `{example}`.")
    return (f"The {kind} has a syntax error at line {err.lineno or 1}, column {err.offset or 1}:"
            f" {_full_stop(err.msg)}")


# --- compiling -------------------------------------------------------------------------------

# BinOp operators that can build huge values -> name of the check (and of the `operator` function).
_OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "add", ast.Mult: "mul", ast.Pow: "pow", ast.LShift: "lshift",
    ast.Mod: "mod", ast.FloorDiv: "floordiv",
}
_GROWING_METHODS = frozenset({"center", "expandtabs", "join", "ljust", "replace", "rjust", "translate",
                              "zfill"})


def _helper(name: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=list(args), keywords=[])


class _SizeGuards(ast.NodeTransformer):
    """Rewrites the operations that can build huge values into calls of the `_guard_*` helpers.

    Runs after the static check, so the helpers' underscore names cannot come from the source.
    """

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        name = _OPERATORS.get(type(node.op))
        if name is None:
            return node
        return ast.copy_location(_helper(f"_guard_{name}", node.left, node.right), node)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        # `x += y` -> `x = _guard_iadd(x, y)`: still in place (lists stay the same object), but
        # the target's own subexpressions, as in `d[key()] += 1`, are evaluated twice.
        self.generic_visit(node)
        name = _OPERATORS.get(type(node.op))
        if name is None:
            return node
        current = copy.deepcopy(node.target)
        current.ctx = ast.Load()
        call = _helper(f"_guard_i{name}", current, node.value)
        return ast.copy_location(ast.Assign(targets=[node.target], value=call), node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.AST:
        # f"{x:>1000000000}" pads in C; the helper checks the spec's numbers first.
        self.generic_visit(node)
        spec = node.format_spec or ast.Constant("")
        value = _helper("_guard_format", node.value, ast.Constant(node.conversion), spec)
        return ast.copy_location(ast.FormattedValue(value=value, conversion=-1, format_spec=None), node)

    def visit_While(self, node: ast.While) -> ast.AST:
        # `while True: pass` gives the tracer no line events in Python 3.11; a call always does.
        self.generic_visit(node)
        tick = ast.copy_location(ast.Expr(_helper("_guard_tick")), node.body[0])
        node.body.insert(0, tick)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load) and node.attr in _GROWING_METHODS:
            return ast.copy_location(_helper("_guard_method", node.value, ast.Constant(node.attr)), node)
        return node


def _normalise(source: str, mode: str) -> str:
    """Expressions lose surrounding blanks; scripts lose the indentation BPMN editors add."""
    return source.strip() if mode == "eval" else textwrap.dedent(source)


@lru_cache(maxsize=1024)
def _compile(source: str, mode: str) -> CodeType:
    """Check, guard and compile `source`; a refusal raises ScriptError with the sentence for a person."""
    kind = _KINDS[mode]
    text = _normalise(source, mode)
    if mode == "eval" and not text:
        raise ScriptError("The expression is empty.")
    try:
        tree = ast.parse(text, filename=_FILENAME, mode=mode)
        problem = _first_problem(tree, kind)
        if problem is not None:
            raise ScriptError(problem)
        guarded = ast.fix_missing_locations(_SizeGuards().visit(tree))
        return compile(guarded, _FILENAME, mode)
    except SyntaxError as err:
        raise ScriptError(_syntax_problem(err, text, kind)) from None
    except (RecursionError, MemoryError):
        raise ScriptError(f"The {kind} is nested too deeply to read; split it into smaller steps.") from None
    except ValueError as err:
        raise ScriptError(f"The {kind} cannot be read as Python: {_full_stop(str(err))}") from None


def check_expression(source: str) -> str | None:
    """None when `source` may be deployed as an expression, else one sentence saying what to fix."""
    return _check(source, "eval")


def check_script(source: str) -> str | None:
    """None when `source` may be deployed as a script, else one sentence saying what to fix."""
    return _check(source, "exec")


def _check(source: str, mode: str) -> str | None:
    try:
        _compile(source, mode)
    except ScriptError as err:
        return err.reason
    return None


# --- size guards, called by the rewritten code ----------------------------------------------

class _Refusal(Exception):
    """A size guard said no; the message ends a sentence that starts with the script's name."""


def _refuse_items(count: int) -> None:
    if count > MAX_ITEMS:
        raise _Refusal(f"would build a value of more than {MAX_ITEMS:,} items or characters, which is not"
                       " allowed")


def _refuse_bits(bits: float) -> None:
    if bits > MAX_INT_BITS:
        raise _Refusal(f"would work with a whole number of more than {MAX_INT_BITS:,} bits, which is not"
                       " allowed")


def _refuse_width(digits: str) -> None:
    _refuse_items(int(digits) if len(digits) < 12 else MAX_ITEMS + 1)


def _length(value: object) -> int | None:
    """The length of the values `+` and `*` copy; None for everything else."""
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _check_add(a: Any, b: Any) -> None:
    n, m = _length(a), _length(b)
    if n is not None and m is not None:
        _refuse_items(n + m)


def _check_mul(a: Any, b: Any) -> None:
    if isinstance(a, int) and isinstance(b, int):
        _refuse_bits(a.bit_length() + b.bit_length())
        return
    for sequence, times in ((a, b), (b, a)):
        n = _length(sequence)
        if n is not None and isinstance(times, int):
            _refuse_items(n * times)


def _check_pow(a: Any, b: Any) -> None:
    # Before computing: 10 ** 10 ** 10 must never start.
    if isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1:
        _refuse_bits(b if b > MAX_INT_BITS else b * math.log2(abs(a)))


def _check_lshift(a: Any, b: Any) -> None:
    if isinstance(a, int) and isinstance(b, int) and a and b > 0:
        _refuse_bits(a.bit_length() + b)


def _check_division(a: Any, b: Any) -> None:
    # Dividing huge numbers is quadratic, in one C call the watchdog cannot interrupt.
    if isinstance(a, int) and isinstance(b, int):
        _refuse_bits(max(a.bit_length(), b.bit_length()))


_PRINTF_SIZES = re.compile(r"[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_PARENTHESES = re.compile(r"[()]")


def _key_end(text: str, start: int) -> int:
    """Where the `%(key)` opened at `start` ends; keys may nest parentheses. -1 if it never does."""
    depth = 0
    for paren in _PARENTHESES.finditer(text, start):
        depth += 1 if paren.group() == "(" else -1
        if depth == 0:
            return paren.end()
    return -1


def _printf_sizes(text: str) -> Iterator[str | None]:
    """Width and precision of every `%` field, in one pass as CPython reads them (a regex over
    `%(key)` would be quadratic on `'%(' * 10**5`, in C, out of the watchdog's reach)."""
    at = text.find("%")
    while at >= 0:
        at = _key_end(text, at + 1) if text.startswith("(", at + 1) else at + 1
        if at < 0:
            return                          # an unfinished key: the % operator refuses it itself
        sizes = _PRINTF_SIZES.match(text, at)
        assert sizes is not None            # every part of the pattern is optional
        yield from sizes.groups()
        at = text.find("%", sizes.end() + 1)


def _check_mod(a: Any, b: Any) -> None:
    if not isinstance(a, (str, bytes)):
        _check_division(a, b)
        return
    for size in _printf_sizes(a.decode("latin-1") if isinstance(a, bytes) else a):
        if size == "*":
            raise _Refusal("takes a field width from its arguments (`%*d`), which is not allowed")
        if size:
            _refuse_width(size)


_CHECKS: dict[str, Callable[[Any, Any], None]] = {
    "add": _check_add, "mul": _check_mul, "pow": _check_pow, "lshift": _check_lshift,
    "mod": _check_mod, "floordiv": _check_division,
}


def _guarded(check: Callable[[Any, Any], None],
             apply: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def run(a: Any, b: Any) -> Any:
        check(a, b)
        return apply(a, b)
    return run


_CONVERSIONS: dict[int, Callable[[object], str]] = {ord("s"): str, ord("r"): repr, ord("a"): ascii}


def _guard_format(value: object, conversion: int, spec: str) -> str:
    if conversion in _CONVERSIONS:
        value = _CONVERSIONS[conversion](value)
    for digits in re.findall(r"\d+", spec):
        _refuse_width(digits)
    return format(value, spec)


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _padded(text: str | bytes, width: int, *_fill: Any) -> int:
    return max(len(text), _int(width))


def _joined(text: str | bytes, items: list[Any]) -> int:
    parts = sum(len(item) for item in items if isinstance(item, (str, bytes)))
    return parts + len(text) * max(len(items) - 1, 0)


def _replaced(text: Any, old: Any, new: Any, count: int = -1) -> int:
    hits = text.count(old) if old else len(text) + 1
    if count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def _expanded(text: str | bytes, tabsize: int = 8) -> int:
    return len(text) * max(_int(tabsize), 1)


def _translated(text: str | bytes, table: Any, *_delete: Any) -> int:
    if isinstance(text, bytes):
        return len(text)
    values = table.values() if isinstance(table, dict) else table if isinstance(table, (list, tuple)) else ()
    longest = max((len(v) for v in values if isinstance(v, str)), default=1)
    return len(text) * max(longest, 1)


_GROWTH: dict[str, Callable[..., int]] = {
    "center": _padded, "ljust": _padded, "rjust": _padded, "zfill": _padded, "join": _joined,
    "replace": _replaced, "expandtabs": _expanded, "translate": _translated,
}


def _call_growing(text: str | bytes, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    if name == "join" and args:
        args = (list(args[0]), *args[1:])   # a generator can be read only once
    try:
        length = _GROWTH[name](text, *args, **kwargs)
    except (TypeError, ValueError):
        length = 0                          # wrong arguments: let the method itself say why
    _refuse_items(length)
    return getattr(text, name)(*args, **kwargs)


def _guard_method(owner: Any, name: str) -> Any:
    """`owner.name` for the string methods whose result can be far longer than the string."""
    method = getattr(owner, name)
    if isinstance(owner, (str, bytes)):
        def checked(*args: Any, **kwargs: Any) -> Any:
            return _call_growing(owner, name, args, kwargs)
        return checked
    if owner is str or owner is bytes:      # str.join(", ", items)
        def unbound(text: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(text, (str, bytes)):
                return _call_growing(text, name, args, kwargs)
            return method(text, *args, **kwargs)
        return unbound
    return method


def _range(*args: int) -> range:
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:
        count = MAX_ITEMS + 1
    if count > MAX_ITEMS:
        raise _Refusal(f"asks for a range of more than {MAX_ITEMS:,} numbers, which is not allowed")
    return numbers


def _sum(values: Iterable[Any], /, start: Any = 0) -> Any:
    if isinstance(start, (str, bytes, list, tuple)):
        # Adding sequences one by one is quadratic, in C, out of the watchdog's reach.
        raise _Refusal("adds up lists or strings with sum(), which is not allowed; use a comprehension")
    return sum(values, start)


def _round(number: Any, ndigits: int | None = None) -> Any:
    if isinstance(ndigits, int) and abs(ndigits) > MAX_ROUND_DIGITS:
        raise _Refusal(f"rounds to more than {MAX_ROUND_DIGITS:,} digits, which is not allowed")
    return round(number, ndigits)


def _zip(*iterables: Iterable[Any], strict: bool = False) -> Iterator[tuple[Any, ...]]:
    # A generator rather than C's zip, so every tuple passes the watchdog: list(zip(*rows)) can be big.
    yield from zip(*iterables, strict=strict)


def _import(name: str, *args: Any, **kwargs: Any) -> Any:
    """For C code only: datetime's strftime and strptime import `time` and `_strptime`."""
    if name not in ("time", "_strptime"):
        raise ImportError(f"Importing {name} is not allowed in Palvelupolku scripts.")
    return builtins.__import__(name, *args, **kwargs)


def _guard_tick() -> None:
    """Called at the top of every while loop, so the watchdog sees each turn."""


def _guard_helpers() -> dict[str, Any]:
    helpers: dict[str, Any] = {"_guard_format": _guard_format, "_guard_method": _guard_method,
                               "_guard_tick": _guard_tick}
    for name, check in _CHECKS.items():
        helpers[f"_guard_{name}"] = _guarded(check, getattr(operator, name))
        helpers[f"_guard_i{name}"] = _guarded(check, getattr(operator, f"i{name}"))
    return helpers


_SAFE_BUILTINS: dict[str, Any] = {
    "abs": abs, "all": all, "any": any, "bool": bool, "dict": dict, "enumerate": enumerate,
    "float": float, "int": int, "isinstance": isinstance, "len": len, "list": list, "max": max,
    "min": min, "range": _range, "reversed": reversed, "round": _round, "set": set, "sorted": sorted,
    "str": str, "sum": _sum, "tuple": tuple, "zip": _zip,
    "date": date, "datetime": datetime, "timedelta": timedelta, "timezone": timezone,
    # Not Exception or RuntimeError: at the recursion limit the watchdog itself fails with a
    # RecursionError, which switches tracing off; a script must not be able to catch that and go on.
    "ArithmeticError": ArithmeticError, "IndexError": IndexError, "KeyError": KeyError,
    "LookupError": LookupError, "TypeError": TypeError, "ValueError": ValueError,
    "ZeroDivisionError": ZeroDivisionError,
    "__import__": _import,
    **_guard_helpers(),
}
_PYTHON_BUILTINS = frozenset(dir(builtins))


# --- the watchdog ----------------------------------------------------------------------------

class _Stop(BaseException):
    """Raised by the watchdog; not an Exception, so `except Exception:` in a script cannot catch it."""


class _OutOfTime(_Stop):
    """`args[0]` says which clock ran out: "CPU" or "wall-clock"."""


class _OutOfMemory(_Stop):
    pass


if sys.platform == "win32":
    def _peak_memory() -> int:
        return 0                            # no getrusage: the memory guard is off
else:
    import resource

    _RSS_UNIT = 1 if sys.platform == "darwin" else 1024

    def _peak_memory() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _RSS_UNIT


_LOOK_INTERVAL = 0.005                 # seconds of wall time between two looks of the watchdog
_WALL_FACTOR = 1.25                    # wall time allowed, as a multiple of the CPU time limit


class _Watchdog:
    """The trace function of one run: called on every call, line and return of the script's frames.

    The peak-memory check is process-wide, so it bounds the new peak, not this run's own use.
    """

    def __init__(self, time_limit: float) -> None:
        self.deadline = time.thread_time() + time_limit   # CPU time of this thread only
        # A busy machine lets CPU time lag behind the clock; the worker thread is held all the same.
        self.wall_deadline = time.monotonic() + time_limit * _WALL_FACTOR
        self.memory_ceiling = _peak_memory() + MEMORY_GROWTH_LIMIT
        self.next_look = 0.0

    def __call__(self, frame: FrameType, event: str, arg: object) -> _Watchdog | None:
        if event == "return":
            return None                     # nothing was allocated or computed since the last line
        # Both measurements are system calls; looking every few milliseconds (a cheap clock) makes
        # the watchdog ten times cheaper, and memory cannot grow by much more than 50 MB meanwhile.
        if time.monotonic() >= self.next_look:
            self.next_look = time.monotonic() + _LOOK_INTERVAL
            self._look()
        # Lines of the script itself are watched; other Python code it calls (the guard helpers,
        # strptime) still meets the watchdog on every call, and generators on every resume.
        return self if frame.f_code.co_filename == _FILENAME else None

    def _look(self) -> None:
        if time.thread_time() > self.deadline:
            raise _OutOfTime("CPU")
        if time.monotonic() > self.wall_deadline:
            raise _OutOfTime("wall-clock")
        if _peak_memory() > self.memory_ceiling:
            raise _OutOfMemory


# --- failures as sentences ---------------------------------------------------------------------

def _seconds(limit: float) -> str:
    return "1 second" if limit == 1 else f"{limit:g} seconds"


def _where(err: BaseException, source: str, kind: str) -> str:
    """The subject of the sentence: the expression, or the script line that failed."""
    if kind == "expression":
        return f"The expression `{_shorten(source)}`"
    line = None
    for frame, lineno in traceback.walk_tb(err.__traceback__):
        if frame.f_code.co_filename == _FILENAME:
            line = lineno
    lines = _normalise(source, "exec").splitlines()
    if line is None or not 0 < line <= len(lines):
        return "The script"
    return f"Line {line} of the script (`{_shorten(lines[line - 1])}`)"


def _failure(err: BaseException, source: str, kind: str, time_limit: float) -> str:
    where = _where(err, source, kind)
    name = getattr(err, "name", None)
    if isinstance(err, _OutOfTime):
        clock = err.args[0]
        limit = time_limit if clock == "CPU" else time_limit * _WALL_FACTOR
        return f"{where} ran for more than {_seconds(limit)} of {clock} time and was stopped; check its loops."
    if isinstance(err, _OutOfMemory):
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
    if isinstance(err, MemoryError):
        return f"{where} ran out of memory."
    detail = _shorten(str(err), 120)
    return f"{where} failed with {type(err).__name__}" + (f": {_full_stop(detail)}" if detail else ".")


# --- the environment and the engine ------------------------------------------------------------

class RestrictedEnvironment(BasePythonScriptEngineEnvironment):
    """SpiffWorkflow's `TaskDataEnvironment` semantics behind this module's checks and guards.

    `execute` runs with the task data as globals, so assignments become task data; afterwards the
    builtins, functions and injected names are removed again. `evaluate` works on a copy.
    """

    def __init__(self, clock: Clock | None = None, time_limit: float = 1.0,
                 environment_globals: dict[str, Any] | None = None) -> None:
        super().__init__(environment_globals)
        self.clock: Clock = clock or system_clock
        self.time_limit = time_limit
        self.builtins: dict[str, Any] = {**_SAFE_BUILTINS, **self._clock_functions()}

    def _clock_functions(self) -> dict[str, Callable[[], Any]]:
        # Closures, not bound methods: nothing here may lead back to the environment.
        def now() -> datetime:
            return self.clock()

        def today() -> date:
            return self.clock().astimezone(HELSINKI).date()

        return {"now": now, "today": today}

    def evaluate(self, expression: str, context: dict[str, Any],
                 external_context: Mapping[str, Any] | None = None) -> Any:
        code = _compile(expression or "", "eval")
        scope = {**self.globals, **(external_context or {}), **context, "__builtins__": self.builtins}
        result = self._run(code, scope, expression, "expression")
        if isinstance(result, Iterator):
            raise ScriptError(f"The expression `{_shorten(expression)}` gives an iterator, which cannot be"
                              " kept; wrap it in list(...) or use any(...) or all(...).")
        return result

    def execute(self, script: str, context: dict[str, Any],
                external_context: Mapping[str, Any] | None = None) -> bool:
        code = _compile(script or "", "exec")
        injected = {**self.globals, **(external_context or {})}
        clashes = sorted(set(injected).intersection(context))
        if clashes:
            raise ScriptError(f"The task data has fields named like predefined values ({', '.join(clashes)});"
                              " rename those fields.")
        context.update(injected)
        context["__builtins__"] = self.builtins
        try:
            self._run(code, context, script, "script")
        finally:
            self._remove_globals_and_functions_from_context(context, injected)
        self._drop_iterators(context)
        return True

    def _run(self, code: CodeType, scope: dict[str, Any], source: str, kind: str) -> Any:
        try:
            return self._watched(code, scope)
        except ScriptError:
            raise
        except (Exception, _Stop) as err:
            raise ScriptError(_failure(err, source, kind, self.time_limit)) from err

    def _watched(self, code: CodeType, scope: dict[str, Any]) -> Any:
        # Restore whatever tracer was there (a debugger, coverage); this frame itself is not watched,
        # so the restore runs even after the watchdog fired.
        previous = sys.gettrace()
        sys.settrace(_Watchdog(self.time_limit))
        try:
            return eval(code, scope)  # noqa: S307 - checked and guarded by _compile, run under the watchdog
        finally:
            sys.settrace(previous)

    def _remove_globals_and_functions_from_context(self, context: dict[str, Any],
                                                   injected: Mapping[str, Any]) -> None:
        for key in list(context):
            if key == "__builtins__" or callable(context[key]) or key in injected:
                del context[key]

    def _drop_iterators(self, context: dict[str, Any]) -> None:
        # A generator in the task data cannot be saved, and would run unwatched when read later.
        leftovers = sorted(key for key, value in context.items() if isinstance(value, Iterator))
        for key in leftovers:
            del context[key]
        if leftovers:
            raise ScriptError(f"The script leaves `{leftovers[0]}` as an iterator, which cannot be kept in"
                              " the task data; wrap it in list(...).")


def _at_element(err: ScriptError, task: Any) -> ScriptError:
    if err.element_id is not None:
        return err
    return ScriptError(err.reason, element_id=getattr(task.task_spec, "bpmn_id", None))


class RestrictedScriptEngine(PythonScriptEngine):
    """SpiffWorkflow's script engine on the restricted environment, with the engine clock.

    Failures leave as ScriptError naming the BPMN element; SpiffWorkflow's task.run() then marks the
    task ERROR and re-raises. Timers read `clock()`.
    """

    environment: RestrictedEnvironment

    def __init__(self, clock: Clock | None = None, time_limit: float = 1.0) -> None:
        super().__init__(environment=RestrictedEnvironment(clock=clock, time_limit=time_limit))

    @property
    def clock(self) -> Clock:
        return self.environment.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self.environment.clock = clock

    def evaluate(self, task: Any, expression: str, external_context: Mapping[str, Any] | None = None) -> Any:
        try:
            return self.environment.evaluate(expression, task.data, external_context)
        except ScriptError as err:
            raise _at_element(err, task) from err.__cause__

    def execute(self, task: Any, script: str, external_context: Mapping[str, Any] | None = None) -> bool:
        try:
            return self.environment.execute(script, task.data, external_context)
        except ScriptError as err:
            raise _at_element(err, task) from err.__cause__
