"""Task documentation as a template: `Soita {{ asiakas_nimi }}:lle ja kysy ...`.

A process owner's documentation text is rendered by Jinja's sandboxed environment, and before that
its syntax tree is checked: only text, placeholders, attribute or item lookups and a few plain
filters are allowed. No loops, calls, macros, imports or arithmetic, so rendering is linear in the
size of the text and cannot reach Python internals. Text that is not a valid template is shown as
written, with a sentence saying why.

Only plain values are printed: text, numbers, truth values and dates. Jinja's own globals
(`lipsum`, `range`, `dict`, `cycler`, ...) are removed and refused by `check`, and any other
value (a function, a list, an object) renders as nothing, so no repr with a memory address reaches
the page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import ChainableUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_SOURCE = 20_000                  # characters of documentation rendered at all
MAX_OUTPUT = 40_000
ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Getitem,
                 nodes.Const, nodes.Filter)
ALLOWED_FILTERS = frozenset({"default", "d", "upper", "lower", "capitalize", "title", "trim", "e", "escape"})

_JINJA_GLOBALS = frozenset(SandboxedEnvironment().globals)     # lipsum, range, dict, cycler, joiner, namespace
_PLAIN = (str, int, float, date)                                 # bool is an int; datetime a date


def _plain_only(value: Any) -> Any:
    """What a placeholder prints: plain values as they are, anything else as nothing."""
    return value if isinstance(value, _PLAIN) or value is None else ""


_env = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True, undefined=ChainableUndefined,
                            finalize=_plain_only)
_env.globals.clear()


class DocumentationError(ValueError):
    pass


def check(source: str) -> None:
    """Raise DocumentationError when `source` is more than placeholders and plain filters."""
    if len(source) > MAX_SOURCE:
        raise DocumentationError(f"The documentation is longer than {MAX_SOURCE:,} characters.")
    try:
        tree = _env.parse(source)
    except TemplateSyntaxError as exc:
        raise DocumentationError(f"The documentation's placeholders are not valid (line {exc.lineno}): "
                                 f"{exc.message}") from None
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, ALLOWED_NODES):
            raise DocumentationError(
                f"The documentation may only use placeholders like {{{{ asiakas_nimi }}}}; "
                f"'{type(node).__name__}' is not allowed.")
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            raise DocumentationError(f"The documentation uses the filter '{node.name}', which is not allowed; "
                                     f"allowed: {', '.join(sorted(ALLOWED_FILTERS))}.")
        if (isinstance(node, nodes.Name | nodes.Getattr) and _name_of(node).startswith("_")) or (
                isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
                and str(node.arg.value).startswith("_")):
            raise DocumentationError("Names starting with an underscore are not allowed in the documentation.")
        if isinstance(node, nodes.Name) and node.name in _JINJA_GLOBALS:
            raise DocumentationError(f"The documentation uses '{node.name}', which is not task data; use the"
                                     " names of the task's data fields.")


def _name_of(node: nodes.Name | nodes.Getattr) -> str:
    return node.name if isinstance(node, nodes.Name) else node.attr


def render(source: str, context: dict[str, Any]) -> str:
    """The documentation with its placeholders filled; unknown names render empty."""
    if "{" not in source:
        return source
    try:
        check(source)
        text = _env.from_string(source).render(**context)
    except (DocumentationError, SecurityError) as exc:
        return f"{source}\n\n({exc})"
    except Exception as exc:  # noqa: BLE001 - a template error must not break the task page
        return f"{source}\n\n(The placeholders could not be filled: {type(exc).__name__}.)"
    return text[:MAX_OUTPUT]
