"""Validation of BPMN files before they are deployed: every reason a file cannot run, at once.

The checks run on the XML tree (see `engine.bpmn.graph`) so that they can speak of any file, even
one SpiffWorkflow would choke on. Only when they find nothing is the file handed to SpiffWorkflow's
parser (and serializer), whose every exception becomes a Problem too. Nothing here raises on bad
input: a file that is not XML, not BPMN or not runnable yields Problems (`FILE:ELEMENT_ID: sentence`).

Order of work: read files -> per document (ids, definitions, each executable process scope by
scope, element by element) -> across documents (process ids, recursive calls) -> the aftercare
rule (`engine.bpmn.aftercare`) -> SpiffWorkflow, if the structure was sound.

The checks live in `engine.bpmn.elements` (ids, definitions, scopes, flows and nodes),
`engine.bpmn.activities` (tasks, forms, call activities), `engine.bpmn.events` (event definitions,
timers, messages, signals) and `engine.bpmn.spiff` (the SpiffWorkflow step); they share the
`Report` of `engine.bpmn.report`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from ...errors import BpmnValidationError
from ..services import handler_names
from .aftercare import check_aftercare
from .camunda import translate_document
from .elements import (
    check_camunda_extensions,
    check_correlations,
    check_decisions,
    check_documentation,
    check_ids,
    check_lanes,
    check_root_definitions,
    check_scope,
    no_executable_process,
)
from .graph import (
    SUBPROCESSES,
    Catalog,
    bpmn,
    camunda,
    cap,
    decisions,
    executable_processes,
    label_of,
    recursive_calls,
    title,
)
from .parser import add_document, new_parser
from .report import Report, quote
from .spiff import load_with_spiffworkflow
from .xmlsafe import MAX_BPMN_BYTES, NO_ELEMENT, LoadedDocument, Problem, is_dmn_root, load_document

# --- files -----------------------------------------------------------------------------------------

def collect_bpmn_files(path: str | Path) -> list[Path]:
    """A file -> [it]; a folder -> its *.bpmn and *.dmn files, recursively, sorted (symlinked folders not followed)."""
    root = Path(path)
    if not root.is_dir():
        return [root]
    found: list[Path] = []
    for folder, _dirs, files in os.walk(root):
        found.extend(Path(folder) / name for name in files if name.lower().endswith((".bpmn", ".dmn")))
    return sorted(found)


def validate_paths(paths: Sequence[str | Path], *, aftercare: bool = True,
                   services: Collection[str] | None = None) -> tuple[list[LoadedDocument], list[Problem]]:
    """Read and validate files together, so that call activities between them resolve."""
    docs, problems = read_documents(paths)
    return docs, problems + validate_documents(docs, aftercare=aftercare, services=services)


def read_documents(paths: Sequence[str | Path]) -> tuple[list[LoadedDocument], list[Problem]]:
    """The files (folders: their .bpmn and .dmn files) safely loaded, and the Problems of those that are not."""
    docs: list[LoadedDocument] = []
    problems: list[Problem] = []
    for path in dict.fromkeys(f for p in paths for f in collect_bpmn_files(p)):
        try:
            docs.append(load_document(_read(path), str(path)))
        except BpmnValidationError as exc:
            problems.extend(exc.problems)
    return docs, problems


def _read(path: Path) -> bytes:
    """The file's bytes; the size is checked before reading, so a huge file is never loaded."""
    def refuse(message: str, code: str, **params: Any) -> BpmnValidationError:
        return BpmnValidationError(f"{path} cannot be read.",
                                   [Problem(str(path), NO_ELEMENT, message, code=code, params=params)])

    try:
        if not path.exists():
            raise refuse("The file does not exist.", "bpmn.file_missing")
        if not path.is_file():  # a FIFO or a device would block or never end
            raise refuse("This is not a regular file.", "bpmn.file_not_regular")
        size = path.stat().st_size
        if size > MAX_BPMN_BYTES:
            raise refuse(f"The file is {size / 1024 / 1024:.1f} MB; BPMN files may be at most "
                         f"{MAX_BPMN_BYTES // 1024 // 1024} MB.", "bpmn.file_too_large",
                         size=f"{size / 1024 / 1024:.1f}", max=MAX_BPMN_BYTES // 1024 // 1024)
        with path.open("rb") as handle:
            return handle.read(MAX_BPMN_BYTES + 1)  # it may have grown since stat(); load_document refuses
    except OSError as exc:
        raise refuse(f"The file cannot be read: {exc.strerror or exc}.", "bpmn.file_unreadable",
                     detail=str(exc.strerror or exc)) from None


def validate_documents(docs: Sequence[LoadedDocument], *, aftercare: bool = True,
                       extra_documents: Sequence[LoadedDocument] = (),
                       services: Collection[str] | None = None) -> list[Problem]:
    """Every problem of `docs`; `extra_documents` (already deployed) only resolve call activities.

    Each file is judged as it would be alone: SpiffWorkflow reads every file whose own checks found
    nothing (with the files it calls), whatever the other files of the batch hold. `services` are the
    names of the installed service handlers (None: the default registry's)."""
    translated: list[LoadedDocument] = []
    problems: list[Problem] = []
    for doc in docs:
        copy, found = translate_document(doc)
        translated.append(copy)
        problems.extend(found)
    extra = [translate_document(d)[0] for d in extra_documents]
    catalog = Catalog(translated, extra)
    names = handler_names(services)
    for doc in translated:
        problems.extend(_check_document(doc, catalog, names))
    problems.extend(_check_process_ids(translated, extra))
    problems.extend(_check_call_cycles(catalog))
    problems = _drop_untranslated_juel(problems)
    flawed = {p.file for p in problems}   # the aftercare rule does not keep a file from SpiffWorkflow's check
    if aftercare:
        problems.extend(check_aftercare(catalog))
    sound = [d for d in translated if d.filename not in flawed]
    for doc in sound:
        # new_parser and add_document are looked up here, at call time: tests replace them on this module
        problems.extend(load_with_spiffworkflow([doc], _called_documents(doc, sound, extra, catalog), new_parser(),
                                                add_document))
    return list(dict.fromkeys(problems))


def _drop_untranslated_juel(problems: list[Problem]) -> list[Problem]:
    """An expression the Camunda layer could not translate is reported once, with its reason."""
    refused = {(p.file, p.element_id) for p in problems if "JUEL that Palvelupolku cannot translate" in p.message}
    return [p for p in problems
            if (p.file, p.element_id) not in refused or "is written in JUEL" not in p.message]


def _called_documents(doc: LoadedDocument, sound: Sequence[LoadedDocument], extra: Sequence[LoadedDocument],
                      catalog: Catalog) -> list[LoadedDocument]:
    """The other files `doc` calls into, directly or through them: what SpiffWorkflow must read beside it."""
    wanted: list[LoadedDocument] = []
    seen = {doc.filename}
    queue = [doc]
    pool = [*sound, *extra]
    while queue:
        current = queue.pop()
        called = {c.get("calledElement") for c in current.root.iter(bpmn("callActivity"))}
        ruled = {t.get(camunda("decisionRef")) for t in current.root.iter(bpmn("businessRuleTask"))}
        for other in pool:
            if other.filename in seen:
                continue
            if called & {p.get("id") for p in other.root.iter(bpmn("process"))} or ruled & set(decisions(other)):
                seen.add(other.filename)
                wanted.append(other)
                queue.append(other)
    return wanted


def _check_document(doc: LoadedDocument, catalog: Catalog, services: frozenset[str]) -> list[Problem]:
    report = Report(doc, catalog, services=services)
    if is_dmn_root(doc.root):
        check_decisions(report)
        return report.problems
    check_ids(report)
    check_root_definitions(report)
    check_correlations(report)
    runnable = executable_processes(doc)
    if not runnable:
        no_executable_process(report)
    for process in runnable:
        for scope in catalog.scope(process).walk():
            check_scope(report, scope)
        check_lanes(report, process)
        check_camunda_extensions(report, process)
        check_documentation(report, process)
    return report.problems


# --- across documents ------------------------------------------------------------------------------

def _check_process_ids(docs: Sequence[LoadedDocument], extra: Sequence[LoadedDocument]) -> list[Problem]:
    """SpiffWorkflow keeps one namespace for the processes and subprocesses of all files it parses."""
    owners: dict[str, LoadedDocument] = {}
    problems = []
    tags = [bpmn("process"), *(bpmn(t) for t in sorted(SUBPROCESSES))]
    for doc in [*docs, *extra]:
        for element in doc.root.iter(*tags):
            value = element.get("id")
            first = owners.setdefault(value, doc) if value else doc
            if first is not doc and any(doc is d for d in docs):
                problems.append(Problem(doc.filename, value or NO_ELEMENT,
                                        f"The id '{quote(value or '')}' of {title(element)} is also a process or "
                                        f"subprocess id in {first.filename}; process and subprocess ids must be "
                                        "unique across all deployed files.",
                                        code="bpmn.process_id_clash",
                                        params={"id": quote(value or ""), "element": label_of(element),
                                                "file": first.filename}))
    return problems


def _check_call_cycles(catalog: Catalog) -> list[Problem]:
    return [Problem(doc.filename, call.get("id") or NO_ELEMENT,
                    f"{cap(title(call))} makes a recursive call ({' -> '.join(chain)}); SpiffWorkflow would expand "
                    "the calls without end, so a process may not call itself.",
                    code="bpmn.recursive_call", params={"element": label_of(call), "chain": " -> ".join(chain)})
            for doc, call, chain in recursive_calls(catalog)]
