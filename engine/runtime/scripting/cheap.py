"""Which expressions and scripts are provably cheap enough to run inside the web or worker process.

A source is cheap when every node of its syntax tree is in a small subset whose cost is at most
linear in (size of the source) x (size of the task data), and the task data is bounded by the
stored-data cap (`engine.runtime.datalimits`): names, constants, comparisons (`in` included),
`and`/`or`/`not`, `+ - /` (the size guard still checks `+`), subscripts and slices, attribute
reads, conditional expressions, f-strings, small literals, and calls of a few builtins and methods
that do O(1) or O(n) work and return a value no larger than their input (`len`, `int`, `str`,
`.get`, `.lower`, `now()`, `timedelta(...)`, ...). A cheap script is a sequence of assignments to
plain names of cheap expressions, or `if` statements over them, where each name is assigned once and
no value reads a name the script assigned before (`n = n + 1` is cheap; `x = x + x` twice would
double the data each time, so it is not).

Everything that can repeat work or build structure (loops, comprehensions, lambdas, functions,
`*`, `**`, `%`, `<<`, `sorted`, `max`, `sum`, `join`, `range`, ...) is not cheap: it runs in the
sandbox child (`sandbox.py`), where the kernel enforces the limits. The classification is cached.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from .checks import _normalise

MAX_NODES = 120              # a cheap source is also a short one: cost ~ nodes x data size

_NODES: frozenset[type[ast.AST]] = frozenset({
    ast.Expression, ast.Module, ast.Expr, ast.Assign, ast.If, ast.Pass,
    ast.Name, ast.Constant, ast.Load, ast.Store, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.IfExp,
    ast.Subscript, ast.Slice, ast.Attribute, ast.Call, ast.keyword, ast.List, ast.Tuple, ast.Dict,
    ast.JoinedStr, ast.FormattedValue, ast.BinOp,
    ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd, ast.Add, ast.Sub, ast.Div,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Is, ast.IsNot, ast.In, ast.NotIn,
})

# O(1) or O(n) over their arguments, and the result is no bigger than the input (or small).
_FUNCTIONS = frozenset({"len", "bool", "int", "float", "str", "abs", "isinstance", "now", "today",
                        "date", "datetime", "timedelta"})
_METHODS = frozenset({"get", "lower", "upper", "strip", "lstrip", "rstrip", "casefold", "startswith",
                      "endswith", "isdigit", "isoformat", "date", "strftime", "keys", "values",
                      "capitalize", "title", "count", "find", "index"})


def _cheap_node(node: ast.AST) -> bool:
    if type(node) not in _NODES:
        return False
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name):
            return func.id in _FUNCTIONS
        return isinstance(func, ast.Attribute) and func.attr in _METHODS
    if isinstance(node, ast.Assign):
        return all(isinstance(target, ast.Name) for target in node.targets)
    if isinstance(node, ast.FormattedValue):
        return node.format_spec is None       # a width in the spec can pad up to the size cap
    return True


@lru_cache(maxsize=2048)
def is_cheap(source: str, mode: str) -> bool:
    """True when `source` (already accepted by `checks._compile`) may run in this process."""
    try:
        tree = ast.parse(_normalise(source or "", mode), mode=mode)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    count = 0
    for node in ast.walk(tree):
        count += 1
        if count > MAX_NODES or not _cheap_node(node):
            return False
    return _assigned_once_from_the_data(tree)


def _assigned_once_from_the_data(tree: ast.AST) -> bool:
    """Each name assigned once, and no value built from another assignment's result (in any order)."""
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.Assign)]
    targets = [t.id for node in statements for t in node.targets if isinstance(t, ast.Name)]
    if len(targets) != len(set(targets)):
        return False
    for node in statements:
        own = {t.id for t in node.targets if isinstance(t, ast.Name)}
        read = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
        if (read - own) & set(targets):
            return False
    return True
