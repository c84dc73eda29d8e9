"""The last step of validation: SpiffWorkflow's own parser and serializer, every failure a Problem.

It runs only when the structural checks found nothing. The parser and the function that reads a
document into it are passed in by `engine.bpmn.validation`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException

from .graph import decisions, executable_processes, title
from .parser import PalvelupolkuParser, new_serializer
from .xmlsafe import NO_ELEMENT, LoadedDocument, Problem, is_valid_id

_SPIFF_MESSAGE_LIMIT = 300


# --- SpiffWorkflow ---------------------------------------------------------------------------------

AddDocument = Callable[[PalvelupolkuParser, etree._Element, str], None]


def load_with_spiffworkflow(docs: Sequence[LoadedDocument], extra: Sequence[LoadedDocument],
                            parser: PalvelupolkuParser, add_document: AddDocument) -> list[Problem]:
    """Read all files into `parser` with `add_document`, then load and store-check each process of `docs`."""
    for doc in [*docs, *extra]:
        try:
            add_document(parser, doc.root, doc.filename)
        except Exception as exc:  # SpiffWorkflow raises anything, from KeyError to RecursionError
            return [_spiff_problem(exc, doc, None, "cannot read")]
    problems = []
    stored: set[int] = set()   # the parser hands out one spec object per process: store-check each once
    for doc in docs:
        for decision in decisions(doc):
            try:
                parser.get_engine(decision, doc.root)
            except Exception as exc:  # noqa: BLE001 - SpiffWorkflow's DMN parser raises anything
                problems.append(_spiff_problem(exc, doc, None, f"cannot read the decision '{decision}' of"))
    for doc in docs:
        for process in executable_processes(doc):
            stage = "cannot load"
            try:
                spec = parser.get_spec(process.get("id"))
                subprocess_specs = parser.get_subprocess_specs(process.get("id"))
                stage = "loaded but cannot store"
                _round_trip([spec, *subprocess_specs.values()], stored)
            except Exception as exc:  # every failure of the parser is a Problem, never a traceback
                problems.append(_spiff_problem(exc, doc, process, stage))
    return problems


def _round_trip(specs: list[object], stored: set[int]) -> None:
    """Serialize and restore specs as deploy and the runtime will, so that a failure shows now."""
    registry = new_serializer().registry
    for spec in specs:
        if id(spec) not in stored:
            registry.restore(json.loads(json.dumps(registry.convert(spec))))
            stored.add(id(spec))


def _spiff_problem(exc: Exception, doc: LoadedDocument, process: etree._Element | None, doing: str) -> Problem:
    what = title(process) if process is not None else "this file"
    if isinstance(exc, RecursionError) or str(exc).startswith("RecursionError("):  # SpiffWorkflow wraps it
        return _said(doc.filename, _element_id(process),
                     f"SpiffWorkflow {doing} {what}: its parser ran out of recursion depth; the process is too "
                     "long or too deeply nested for SpiffWorkflow.")
    text = _shorten(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)).rstrip(" .")
    if isinstance(exc, ValidationException):
        element = str(exc.id) if exc.id and is_valid_id(str(exc.id)) else _element_id(process)
        line = f" (line {exc.line_number})" if exc.line_number else ""
        named = exc.id and process is not None and exc.id != process.get("id")
        at = f" at {exc.tag} '{exc.name or exc.id}'" if exc.tag and named else ""
        return _said(doc.filename, element, f"SpiffWorkflow {doing} {what}{at}: {text}{line}.")
    detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return _said(doc.filename, _element_id(process), f"SpiffWorkflow {doing} {what}: {detail}.")


def _said(filename: str, element: str, sentence: str) -> Problem:
    """SpiffWorkflow's own words: one code, the English sentence as its parameter (a reader's language frames it)."""
    return Problem(filename, element, sentence, code="bpmn.spiff", params={"detail": sentence})


def _element_id(element: etree._Element | None) -> str:
    value = element.get("id") if element is not None else None
    return value if value and is_valid_id(value) else NO_ELEMENT


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SPIFF_MESSAGE_LIMIT else text[:_SPIFF_MESSAGE_LIMIT] + " ..."
