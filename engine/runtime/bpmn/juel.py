"""A subset of JUEL (Camunda 7's expression language) translated to Python at deploy time.

Camunda models write conditions, assignees, collections and mappings as `${...}` (or `#{...}`).
Palvelupolku runs Python over task data in its restricted evaluator, so the Camunda layer
(`engine.runtime.bpmn.camunda`) rewrites each JUEL expression into the Python expression that means
the same, once, before the validator and SpiffWorkflow see the model. What lies outside the subset
is refused with a sentence (`JuelError`), never guessed.

The subset: variables; string, number, boolean and null literals; `a.b` and `a['b']` (map lookup);
comparisons (`== != < > <= >=` and `eq ne lt gt le ge`); `&& || !` and `and or not`; `empty`;
arithmetic (`+ - * / %`, `div`, `mod`); `c ? a : b`; `execution.getVariable('x')`; and the string
methods with a Python equivalent (`length()`, `isEmpty()`, `toUpperCase()`, `toLowerCase()`,
`trim()`, `startsWith()`, `endsWith()`, `contains()`, `equals()`, `equalsIgnoreCase()`,
`substring()`, `indexOf()`, `replace()`, `size()`, `toString()`). A text mixing literal text and
expressions (`Dear ${name}`) becomes a string concatenation.

Every piece of output is parenthesized, so Python's precedence never changes the meaning.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

_KEYWORDS = {"eq": "==", "ne": "!=", "lt": "<", "gt": ">", "le": "<=", "ge": ">=", "and": "and", "or": "or",
             "not": "not", "div": "/", "mod": "%", "empty": "empty", "instanceof": "instanceof",
             "true": "True", "false": "False", "null": "None"}
_TOKEN = re.compile(r"""\s*(?:
      (?P<number>\d+\.\d*(?:[eE][+-]?\d+)?|\d*\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)
    | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<name>[A-Za-z_$][A-Za-z0-9_$]*)
    | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%<>!?:.,()\[\]])
    )""", re.VERBOSE)
_EMPTY = "in (None, '', [], {})"

# method name -> (number of arguments, Python template over {0} = the object and {1}, {2} = the arguments)
_METHODS: dict[str, tuple[int, str]] = {
    "length": (0, "len({0})"), "size": (0, "len({0})"), "isEmpty": (0, "(len({0}) == 0)"),
    "toUpperCase": (0, "{0}.upper()"), "toLowerCase": (0, "{0}.lower()"), "trim": (0, "{0}.strip()"),
    "toString": (0, "str({0})"), "startsWith": (1, "{0}.startswith({1})"), "endsWith": (1, "{0}.endswith({1})"),
    "contains": (1, "({1} in {0})"), "equals": (1, "({0} == {1})"),
    "equalsIgnoreCase": (1, "(str({0}).lower() == str({1}).lower())"), "indexOf": (1, "{0}.find({1})"),
    "substring": (2, "{0}[{1}:{2}]"), "replace": (2, "{0}.replace({1}, {2})"),
}


class JuelError(ValueError):
    """The expression is outside the translated subset; the message is a sentence saying why."""


def is_juel(text: str | None) -> bool:
    return bool(text) and ("${" in text or "#{" in text)  # type: ignore[operator]


def translate(text: str) -> str:
    """A JUEL value (expression or text with expressions) -> a Python expression; raises JuelError."""
    parts = _split(text)
    if len(parts) == 1 and parts[0][0]:
        return _Parser(parts[0][1]).translate()
    pieces = [f"str({_Parser(body).translate()})" if is_expression else repr(body)
              for is_expression, body in parts if body or is_expression]
    return " + ".join(pieces) if pieces else "''"


def translate_identifier(text: str) -> str:
    """`${items}` -> `items`: for attributes that must name a variable (camunda:collection)."""
    result = translate(text)
    if not result.isidentifier():
        raise JuelError(f"`{text.strip()}` must name one variable, like ${{items}}.")
    return result


def translate_call(text: str) -> tuple[str, list[str]] | None:
    """`${bean.method(a, 'b')}` -> ('bean.method', ['a', "'b'"]); `${bean}` -> ('bean', []); else None.

    A Camunda service task's camunda:expression calls a Java bean; Palvelupolku calls the Python service
    handler installed under the bean's (and method's) name instead, with the arguments evaluated."""
    parts = _split(text)
    if len(parts) != 1 or not parts[0][0]:
        return None
    parser = _Parser(parts[0][1])
    first = parser.take()
    if first.kind != "name":
        return None
    if parser.peek().kind == "end":
        return first.text, []
    if not parser.accept("."):
        return None
    method = parser.take()
    if method.kind != "name" or not parser.accept("("):
        return None
    arguments: list[str] = []
    if not parser.accept(")"):
        arguments.append(parser.ternary())
        while parser.accept(","):
            arguments.append(parser.ternary())
        parser.expect(")")
    if parser.peek().kind != "end" or first.text in ("execution", "task"):
        return None
    return f"{first.text}.{method.text}", arguments


def _split(text: str) -> list[tuple[bool, str]]:
    """[(is_expression, text)]: literal text and the insides of ${...} / #{...}, strings respected."""
    parts: list[tuple[bool, str]] = []
    at = 0
    stripped = text.strip()
    if stripped.startswith(("${", "#{")) and stripped.endswith("}") and _closing(stripped, 2) == len(stripped) - 1:
        return [(True, stripped[2:-1])]
    while at < len(text):
        starts = [i for i in (text.find("${", at), text.find("#{", at)) if i >= 0]
        if not starts:
            parts.append((False, text[at:]))
            break
        start = min(starts)
        parts.append((False, text[at:start]))
        end = _closing(text, start + 2)
        if end < 0:
            raise JuelError("An expression opened with ${ is never closed with }.")
        parts.append((True, text[start + 2:end]))
        at = end + 1
    return parts


def _closing(text: str, at: int) -> int:
    quote = ""
    depth = 0
    while at < len(text):
        c = text[at]
        if quote:
            if c == "\\":
                at += 1
            elif c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return at
            depth -= 1
        at += 1
    return -1


@dataclass
class _Token:
    kind: str      # number, string, name, op, keyword, end
    text: str


def _tokens(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    at = 0
    source = source.rstrip()
    while at < len(source):
        match = _TOKEN.match(source, at)
        if match is None or match.end() == at:
            raise JuelError(f"`{source[at:at + 20].strip()}` cannot be read as JUEL.")
        kind = match.lastgroup or "op"
        text = match.group(kind)
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        tokens.append(_Token(kind, text))
        at = match.end()
    tokens.append(_Token("end", ""))
    return tokens


class _Parser:
    """Recursive descent over JUEL's grammar, writing Python as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source.strip()
        if not self.source:
            raise JuelError("The expression ${} is empty.")
        self.tokens = _tokens(self.source)
        self.at = 0

    def translate(self) -> str:
        result = self.ternary()
        if self.peek().kind != "end":
            raise JuelError(f"`{self.peek().text}` is unexpected in `{self.source}`.")
        return result

    # --- tokens ---

    def peek(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def accept(self, *texts: str) -> str | None:
        token = self.peek()
        if token.kind in ("op", "keyword") and token.text in texts:
            self.at += 1
            return token.text
        return None

    def expect(self, text: str) -> None:
        if self.accept(text) is None:
            raise JuelError(f"`{text}` is missing in `{self.source}`.")

    # --- grammar, loosest first ---

    def ternary(self) -> str:
        condition = self.binary(0)
        if self.accept("?"):
            yes = self.ternary()
            self.expect(":")
            no = self.ternary()
            return f"({yes} if {condition} else {no})"
        return condition

    _LEVELS: tuple[dict[str, str], ...] = (
        {"||": "or", "or": "or"},
        {"&&": "and", "and": "and"},
        {"==": "==", "!=": "!=", "eq": "==", "ne": "!="},
        {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "lt": "<", "gt": ">", "le": "<=", "ge": ">="},
        {"+": "+", "-": "-"},
        {"*": "*", "/": "/", "%": "%", "div": "/", "mod": "%"},
    )

    def binary(self, level: int) -> str:
        if level == len(self._LEVELS):
            return self.unary()
        operators = self._LEVELS[level]
        left = self.binary(level + 1)
        while (op := self.accept(*operators)) is not None:
            right = self.binary(level + 1)
            left = f"({left} {operators[op]} {right})"
        if self.peek().text == "instanceof":
            raise JuelError("`instanceof` asks about Java classes, which Python task data does not have.")
        return left

    def unary(self) -> str:
        if self.accept("!", "not"):
            return f"(not {self.unary()})"
        if self.accept("-"):
            return f"(-{self.unary()})"
        if self.accept("empty"):
            return f"({self.unary()} {_EMPTY})"
        return self.value()

    def value(self) -> str:
        result, bare = self.primary()
        while True:
            if self.accept("."):
                name = self.take()
                if name.kind not in ("name", "keyword"):
                    raise JuelError(f"A property name is missing after `.` in `{self.source}`.")
                if self.peek().text == "(":
                    result = self.method(result, bare, name.text)
                else:
                    self.refuse_bean(bare, name.text)
                    result = f"{result}[{name.text!r}]"
                bare = None
            elif self.accept("["):
                index = self.ternary()
                self.expect("]")
                result = f"{result}[{index}]"
                bare = None
            else:
                return result

    def primary(self) -> tuple[str, str | None]:
        """(Python, the bare variable name when the value is just a variable)."""
        token = self.take()
        if token.kind == "number":
            return token.text, None
        if token.kind == "string":
            return repr(_unescape(token.text[1:-1])), None
        if token.kind == "keyword" and token.text in ("true", "false", "null"):
            return _KEYWORDS[token.text], None
        if token.text == "(" and token.kind == "op":
            inner = self.ternary()
            self.expect(")")
            return f"({inner})", None
        if token.kind == "name":
            if self.peek().text == "(":
                raise JuelError(f"The function `{token.text}()` has no Python equivalent in Palvelupolku.")
            if token.text in ("execution", "task") and self.peek().text != ".":
                raise JuelError(f"`{token.text}` is Camunda's Java object; use the task data variables "
                                "directly.")
            if "$" in token.text or token.text.startswith("_") or keyword.iskeyword(token.text):
                raise JuelError(f"`{token.text}` cannot be a Python variable name.")
            return token.text, token.text
        raise JuelError(f"`{token.text or 'the end'}` is unexpected in `{self.source}`.")

    def method(self, target: str, bare: str | None, name: str) -> str:
        self.expect("(")
        arguments: list[str] = []
        if not self.accept(")"):
            arguments.append(self.ternary())
            while self.accept(","):
                arguments.append(self.ternary())
            self.expect(")")
        if bare == "execution" and name == "getVariable" and len(arguments) == 1:
            variable = arguments[0].strip("'\"")
            if arguments[0][:1] in "'\"" and variable.isidentifier() and not keyword.iskeyword(variable) \
                    and not variable.startswith("_"):
                return variable
            raise JuelError("execution.getVariable() needs a variable name in quotes, like "
                            "execution.getVariable('amount').")
        if bare in ("execution", "task"):
            raise JuelError(f"`{bare}.{name}()` calls Camunda's Java API, which Palvelupolku does not have; "
                            "read and write task data variables directly.")
        if name not in _METHODS:
            raise JuelError(f"The method `{name}()` has no Python equivalent in Palvelupolku (in Camunda it "
                            "would call Java code).")
        count, template = _METHODS[name]
        if len(arguments) != count and not (name == "substring" and len(arguments) == 1):
            raise JuelError(f"The method `{name}()` takes {count} argument(s), not {len(arguments)}.")
        if name == "substring" and len(arguments) == 1:
            return f"{target}[{arguments[0]}:]"
        return template.format(target, *arguments)

    def refuse_bean(self, bare: str | None, name: str) -> None:
        if bare in ("execution", "task"):
            raise JuelError(f"`{bare}.{name}` reads Camunda's Java API, which Palvelupolku does not have; "
                            "read task data variables directly.")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)
