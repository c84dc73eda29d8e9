"""Guard 1, the static check of the syntax tree, and compiling: what process owners may write.

`check_expression` / `check_script` give the sentence a person reads; `_compile` checks, adds the
size guards (`guards.py`) and compiles, with a cache.
"""

from __future__ import annotations

import ast
import re
import textwrap
from functools import lru_cache
from types import CodeType
from typing import Any

from ...errors import ScriptError
from .guards import _SizeGuards

_FILENAME = "<palvelupolku>"
_KINDS = {"eval": "expression", "exec": "script"}


# --- the static check -----------------------------------------------------------------------

# Why a node is refused: the end of a sentence ("Line 2 of the script <clause>."), by name, so that the web
# app can say each in the reader's language (webui/messages.py CLAUSES reads the English back by these).
CLAUSES: dict[str, str] = {
    "import": "imports a module, which is not allowed; now(), today(), date, datetime, timedelta and timezone "
              "are available without an import",
    "async": "uses `async` or `await`, which is not allowed",
    "yield": "uses `yield`, which is not allowed; build a list instead",
    "global": "uses `global`, which is not allowed; a plain assignment already stores a value in the task data",
    "nonlocal": "uses `nonlocal`, which is not allowed",
    "class": "defines a class, which is not allowed; use a dictionary for structured data",
    "with": "uses `with`, which is not allowed",
    "match": "uses `match`, which is not allowed; use if and elif instead",
    "except_star": "uses `except*`, which is not allowed",
    "annotation": "uses a type annotation, which is not allowed; write a plain assignment such as `x = 1`",
    "syntax": "uses Python syntax that is not allowed here ({syntax})",
    "underscore_name": "uses `{name}`; names starting with an underscore are not allowed",
    "underscore_attribute": "uses `.{attribute}`; attribute names starting with an underscore are not allowed",
    "format": 'calls `.{attribute}`, which is not allowed; use an f-string such as f"{{name}}" instead',
    "attribute": "uses `.{attribute}`, which is not allowed",
    "set_attribute": "sets the attribute `.{attribute}`, which is not allowed; keep values in the task data",
    "finally": "uses `finally`, which is not allowed",
    "except_type": "computes the error type of an `except`, which is not allowed; use names such as `ValueError`",
}

_FORBIDDEN: dict[type[ast.AST], str] = {
    ast.Import: "import", ast.ImportFrom: "import", ast.Global: "global", ast.Nonlocal: "nonlocal",
    ast.ClassDef: "class", ast.AsyncFunctionDef: "async", ast.AsyncFor: "async", ast.AsyncWith: "async",
    ast.Await: "async", ast.Yield: "yield", ast.YieldFrom: "yield", ast.With: "with", ast.Match: "match",
    ast.TryStar: "except_star", ast.AnnAssign: "annotation",
}


def _clause(which: str, **params: str) -> str:
    return CLAUSES[which].format(**params)


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
        return _clause("underscore_attribute", attribute=attr)
    if attr in ("format", "format_map"):
        return _clause("format", attribute=attr)
    if attr.startswith(_INTERNAL_PREFIXES) or attr in _BLOCKED_ATTRIBUTES:
        return _clause("attribute", attribute=attr)
    return None


def _handler_problem(node: ast.ExceptHandler) -> str | None:
    # The type is evaluated while an exception passes, also when the watchdog stopped the run and
    # tracing is off: a name cannot run code there, a call could.
    if node.type is None:
        return None      # compiled with the errors a script raises (_BareExcept); the watchdog's stop passes
    types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
    if all(isinstance(t, ast.Name) for t in types):
        return None
    return _clause("except_type")


def _problem(node: ast.AST) -> str | None:
    """What is wrong with one node, as the end of a sentence, or None."""
    kind = type(node)
    if kind in _FORBIDDEN:
        return _clause(_FORBIDDEN[kind])
    if kind not in _ALLOWED:
        return _clause("syntax", syntax=kind.__name__)
    name = _identifier(node)
    if name is not None and name.startswith("_") and name != "_":   # `for _ in ...` is harmless
        return _clause("underscore_name", name=name)
    if isinstance(node, ast.Attribute):
        if not isinstance(node.ctx, ast.Load):
            # An attribute set on a shared function (`now.x = data`) would outlive the run.
            return _clause("set_attribute", attribute=node.attr)
        return _attribute_problem(node.attr)
    if isinstance(node, ast.Try) and node.finalbody:
        # After the watchdog raised, tracing is off; a finally block would run unwatched.
        return _clause("finally")
    if isinstance(node, ast.ExceptHandler):
        return _handler_problem(node)
    if isinstance(node, ast.comprehension) and node.is_async:
        return _clause("async")
    return None


def _first_problem(tree: ast.AST, kind: str) -> tuple[str, str, dict[str, Any]] | None:
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
    # the clause stays English inside a reader's sentence (Python names and syntax are English anyway)
    if kind == "expression":
        return f"The expression {clause}.", "script.refused_expression", {"clause": clause}
    return f"Line {line} of the script {clause}.", "script.refused_line", {"line": line, "clause": clause}


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
    inside = re.sub(r"!(?!=)\s*", "not ", inside)        # JUEL's negation; keep !=
    return re.sub(r"\s*\|\|\s*", " or ", inside)


def _syntax_problem(err: SyntaxError, text: str, kind: str) -> tuple[str, str, dict[str, Any]]:
    example = _juel_inside(text)
    if example is not None:
        return (f"The {kind} `{_shorten(text)}` is written in JUEL, Camunda's expression language, but"
                f" Palvelupolku {kind}s are Python over task data, e.g. `{example}`.", f"script.juel_{kind}",
                {"text": _shorten(text), "example": example})
    line, column, detail = err.lineno or 1, err.offset or 1, _full_stop(err.msg)
    return (f"The {kind} has a syntax error at line {line}, column {column}: {detail}", f"script.syntax_{kind}",
            {"line": line, "column": column, "detail": detail})


# --- compiling -------------------------------------------------------------------------------

def _normalise(source: str, mode: str) -> str:
    """Expressions lose surrounding blanks; scripts lose the indentation BPMN editors add."""
    return source.strip() if mode == "eval" else textwrap.dedent(source)


# What a bare `except:` catches here: the errors a script's own code raises. Not Exception or
# RuntimeError: the watchdog's stop and the RecursionError at the recursion limit must pass (runner.py).
BARE_EXCEPT_CATCHES = ("ArithmeticError", "AttributeError", "LookupError", "NameError", "TypeError", "ValueError")


class _BareExcept(ast.NodeTransformer):
    """Run `except:` as `except (ArithmeticError, ..., ValueError):`, which is what a script author means."""

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.ExceptHandler:
        self.generic_visit(node)
        if node.type is None:
            names: list[ast.expr] = [ast.Name(id=name, ctx=ast.Load()) for name in BARE_EXCEPT_CATCHES]
            node.type = ast.copy_location(ast.Tuple(elts=names, ctx=ast.Load()), node)
        return node


@lru_cache(maxsize=1024)
def _compile(source: str, mode: str) -> CodeType:
    """Check, guard and compile `source`; a refusal raises ScriptError with the sentence for a person."""
    kind = _KINDS[mode]
    text = _normalise(source, mode)
    if mode == "eval" and not text:
        raise ScriptError("The expression is empty.", code="script.empty_expression")
    try:
        tree = ast.parse(text, filename=_FILENAME, mode=mode)
        problem = _first_problem(tree, kind)
        if problem is not None:
            raise ScriptError(problem[0], code=problem[1], params=problem[2])
        guarded = ast.fix_missing_locations(_SizeGuards().visit(_BareExcept().visit(tree)))
        return compile(guarded, _FILENAME, mode)
    except SyntaxError as err:
        sentence, code, params = _syntax_problem(err, text, kind)
        raise ScriptError(sentence, code=code, params=params) from None
    except (RecursionError, MemoryError):
        raise ScriptError(f"The {kind} is nested too deeply to read; split it into smaller steps.",
                          code="script.too_deep") from None
    except ValueError as err:
        raise ScriptError(f"The {kind} cannot be read as Python: {_full_stop(str(err))}",
                          code=f"script.unreadable_{kind}", params={"detail": _full_stop(str(err))}) from None


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
