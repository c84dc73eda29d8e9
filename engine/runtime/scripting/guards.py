"""Guard 3, the size caps: the rewrite of the syntax tree and the checking helpers it calls.

`+ * ** << % //`, f-string format specs and the string methods that can grow a result many times
over become calls of `_guard_*` helpers that refuse (`_Refusal`) before computing; `range` and
`round` are capped, `sum` adds no lists, `zip` yields tuple by tuple.
"""

from __future__ import annotations

import ast
import copy
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_ITEMS = 1_000_000               # longest str, bytes, list or tuple one operation may build
MAX_INT_BITS = 10_000               # largest whole number `*`, `**`, `<<` may build (~3,000 digits)
MAX_ROUND_DIGITS = 1_000            # round(5, -10**9) would compute 10**(10**9)


# --- the rewrite ---------------------------------------------------------------------------

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


def _guard_tick() -> None:
    """Called at the top of every while loop, so the watchdog sees each turn."""


def _guard_helpers() -> dict[str, Any]:
    helpers: dict[str, Any] = {"_guard_format": _guard_format, "_guard_method": _guard_method,
                               "_guard_tick": _guard_tick}
    for name, check in _CHECKS.items():
        helpers[f"_guard_{name}"] = _guarded(check, getattr(operator, name))
        helpers[f"_guard_i{name}"] = _guarded(check, getattr(operator, f"i{name}"))
    return helpers
