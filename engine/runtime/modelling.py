"""The process owners' side: versions with their instance counts, drafts, checking and deploying
XML from the editor, a new process from the template, and per-element counts for the heatmap.

Checking uses the same validator as `palvelupolku validate` and deploy (aftercare rule included),
with the newest deployed files of the other processes beside it so that call activities resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import delete, func, literal, select, union_all
from sqlalchemy.orm import Session

from ..errors import BpmnValidationError, NotFound, ValidationError
from ..models import (
    AuditEvent,
    AuditKind,
    DefinitionVersion,
    Instance,
    InstanceStatus,
    MessageWait,
    ProcessDefinition,
    ProcessDraft,
    Task,
    TaskStatus,
    Timer,
    TimerStatus,
)
from . import deploy as deploy_mod
from .bpmn import LoadedDocument, Problem, load_document, validate_documents
from .bpmn.context_panel import context_warnings
from .bpmn.graph import is_executable
from .bpmn.languages import language_warnings
from .compare import ElementChange, compare
from .execution import Runtime

TEMPLATE = Path(__file__).resolve().parent / "bpmn" / "templates" / "new_process.bpmn"
PROCESS_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,99}$")
FINISHED = (InstanceStatus.COMPLETED.value, InstanceStatus.CANCELLED.value)
_VALIDATION_CACHE: dict[tuple[str, ...], dict[str, list[Problem]]] = {}


@dataclass(frozen=True)
class VersionInfo:
    id: int
    version: int
    name: str
    file_name: str
    content_hash: str
    deployed_at: datetime
    deployed_by: str
    running: int = 0
    finished: int = 0
    origin: dict[str, Any] = field(default_factory=dict)   # from the deploy's audit event: source, draft id...


@dataclass(frozen=True)
class DefinitionOverview:
    process_key: str
    name: str
    versions: list[VersionInfo]
    problems: list[Problem] = field(default_factory=list)   # of the newest version, checked now
    draft_updated_at: datetime | None = None

    @property
    def newest(self) -> VersionInfo:
        return self.versions[-1]


@dataclass(frozen=True)
class DraftInfo:
    id: int
    owner: str
    process_key: str
    base_version: int | None
    source_xml: str
    updated_at: datetime


def _version_info(v: DefinitionVersion, counts: dict[tuple[int, bool], int]) -> VersionInfo:
    return VersionInfo(v.id, v.version, v.name, v.file_name, v.content_hash, v.deployed_at, v.deployed_by,
                       counts.get((v.id, False), 0), counts.get((v.id, True), 0))


def _instance_counts(session: Session) -> dict[tuple[int, bool], int]:
    """(version id, finished?) -> number of instances, in one grouped query."""
    finished = Instance.status.in_(FINISHED)
    rows = session.execute(select(Instance.definition_version_id, finished, func.count())
                           .group_by(Instance.definition_version_id, finished))
    return {(vid, bool(done)): n for vid, done, n in rows}


def overview(session: Session, owner: str | None = None) -> list[DefinitionOverview]:
    """Every definition with its versions and instance counts, and the newest version checked now."""
    counts = _instance_counts(session)
    drafts = {d.process_key: d.updated_at for d in session.scalars(
        select(ProcessDraft).where(ProcessDraft.owner == owner))} if owner else {}
    definitions = session.scalars(select(ProcessDefinition).order_by(ProcessDefinition.name)).all()
    problems = _newest_problems([d for d in definitions if d.versions])
    return [DefinitionOverview(d.process_key, d.name, [_version_info(v, counts) for v in d.versions],
                               problems.get(d.process_key, []), drafts.get(d.process_key))
            for d in definitions if d.versions]


def _newest_problems(definitions: list[ProcessDefinition]) -> dict[str, list[Problem]]:
    """Validate the newest file of every definition together (as `palvelupolku validate` does a
    folder); cached by the set of hashes, since the same files always give the same answer."""
    newest = {d.process_key: d.versions[-1] for d in definitions}
    key = tuple(sorted(v.content_hash for v in newest.values()))
    if key not in _VALIDATION_CACHE:
        docs: dict[str, LoadedDocument] = {}
        for process_key, v in newest.items():
            if v.content_hash not in {d.sha256 for d in docs.values()}:
                docs[process_key] = load_document(v.source_xml.encode("utf-8"), f"{process_key}:{v.file_name}")
        found: dict[str, list[Problem]] = {}
        for problem in validate_documents(list(docs.values())):
            found.setdefault(problem.file.split(":", 1)[0], []).append(problem)
        _VALIDATION_CACHE.clear()   # one set of newest files matters at a time
        _VALIDATION_CACHE[key] = found
    return _VALIDATION_CACHE[key]


def version(session: Session, process_key: str, number: int) -> DefinitionVersion:
    found = session.scalars(select(DefinitionVersion).join(ProcessDefinition)
                            .where(ProcessDefinition.process_key == process_key,
                                   DefinitionVersion.version == number)).first()
    if found is None:
        raise NotFound(f"Process {process_key} has no version {number}.", code="process.no_version",
                       params={"process": process_key, "version": number})
    return found


def version_info(session: Session, process_key: str, number: int) -> VersionInfo:
    info = _version_info(version(session, process_key, number), _instance_counts(session))
    return replace(info, origin=_deploy_origin(session, process_key, number))


def _deploy_origin(session: Session, process_key: str, number: int) -> dict[str, Any]:
    """The audit event of a version's deploy (its message names process and version; see deploy._store)."""
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.kind == AuditKind.DEPLOY.value,
        AuditEvent.message.startswith(f"Deployed {process_key} version {number} from ", autoescape=True))
        .order_by(AuditEvent.id.desc())).first()
    return dict(event.data or {}) if event is not None else {}


def newest_version(session: Session, process_key: str) -> DefinitionVersion:
    definition = session.scalars(select(ProcessDefinition).where(ProcessDefinition.process_key == process_key)).first()
    if definition is None or not definition.versions:
        raise NotFound(f"Process {process_key} does not exist.",
                       code="process.not_found", params={"process": process_key})
    return definition.versions[-1]


# --- checking and deploying what the editor sends --------------------------------------------------

def check_source(session: Session, source: bytes, filename: str) -> list[Problem]:
    """Every problem of `source`, as deploy would find them, then the warnings (`Problem.warning`: a text
    missing in a language the office uses); never raises on bad input."""
    try:
        doc = load_document(source, filename)
    except BpmnValidationError as exc:
        return list(exc.problems)
    deploying = {p.get("id") for p in doc.root.iter(f"{{{deploy_mod.BPMN_NS}}}process")}
    extra = deploy_mod._deployed_documents(session, {doc.sha256}, deploying)
    # the web app: the rule always holds; missing translations and context ids no earlier step records come
    # last, as warnings that never stop a deploy
    return (validate_documents([doc], aftercare=True, extra_documents=extra) + language_warnings(doc)
            + context_warnings(doc))


def deploy_source(rt: Runtime, session: Session, source: bytes, filename: str, actor: str,
                  origin: dict[str, Any]) -> list[deploy_mod.Deployed]:
    """Validate again and deploy; `origin` (editor or upload, draft id) goes into the audit event.
    The owner's draft of a deployed process is done with and removed."""
    deployed = deploy_mod.deploy_documents(rt, session, [load_document(source, filename)], actor, origin=origin)
    keys = [d.process_key for d in deployed]
    session.execute(delete(ProcessDraft).where(ProcessDraft.owner == actor, ProcessDraft.process_key.in_(keys)))
    return deployed


# --- drafts ------------------------------------------------------------------------------------------

def _draft_info(d: ProcessDraft) -> DraftInfo:
    return DraftInfo(d.id, d.owner, d.process_key, d.base_version, d.source_xml, d.updated_at)


def draft(session: Session, owner: str, process_key: str) -> DraftInfo | None:
    found = session.scalars(select(ProcessDraft).where(ProcessDraft.owner == owner,
                                                       ProcessDraft.process_key == process_key)).first()
    return _draft_info(found) if found else None


def save_draft(session: Session, now: datetime, owner: str, process_key: str, source: bytes,
               base_version: int | None) -> DraftInfo:
    """Keep the owner's work on `process_key`; the XML must load safely (it need not validate yet)."""
    _check_key(process_key)
    load_document(source, f"{process_key}.bpmn")   # refuses non-XML, DTDs and entities, huge files
    row = session.scalars(select(ProcessDraft).where(ProcessDraft.owner == owner,
                                                     ProcessDraft.process_key == process_key)).first()
    if row is None:
        row = ProcessDraft(owner=owner, process_key=process_key, base_version=base_version,
                           source_xml="", created_at=now, updated_at=now)
        session.add(row)
    row.source_xml = source.decode("utf-8", errors="replace")
    row.updated_at = now
    if base_version is not None:
        row.base_version = base_version
    session.flush()
    return _draft_info(row)


def discard_draft(session: Session, owner: str, process_key: str) -> bool:
    result = session.execute(delete(ProcessDraft).where(ProcessDraft.owner == owner,
                                                        ProcessDraft.process_key == process_key))
    return bool(getattr(result, "rowcount", 0))


def _check_key(process_key: str) -> None:
    if not PROCESS_KEY.match(process_key):
        raise ValidationError("A process id starts with a letter and has only letters, digits, _ and - "
                              f"(at most 100); '{process_key[:100]}' does not.", code="process.bad_id",
                              params={"process": process_key[:100]})


def new_process_xml(process_key: str, name: str) -> str:
    """The template (start, service promise, aftercare, reassessment gateway) for a new process."""
    _check_key(process_key)
    name = " ".join(name.split())[:200] or process_key
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return TEMPLATE.read_text(encoding="utf-8").replace("PROCESS_ID", process_key).replace("PROCESS_NAME", escaped)


def process_exists(session: Session, process_key: str) -> bool:
    return session.scalar(select(func.count()).select_from(ProcessDefinition)
                          .where(ProcessDefinition.process_key == process_key)) == 1


def element_names(source_xml: str) -> dict[str, str]:
    """Element id -> name (the id when unnamed) of every BPMN element with an id in `source_xml`."""
    root = load_document(source_xml.encode("utf-8"), "names.bpmn").root
    return {e.get("id") or "": " ".join((e.get("name") or e.get("id") or "").split())
            for e in root.iter(tag=etree.Element) if e.get("id")}


# --- the heatmap ---------------------------------------------------------------------------------------

def heatmap(session: Session, version_id: int) -> dict[str, dict[str, int]]:
    """Per element of one version: instances waiting there now (open user tasks, waiting timers and
    message waits) and instances that passed there (completed user tasks, fired timers)."""
    on_version = select(Instance.id).where(Instance.definition_version_id == version_id).scalar_subquery()
    parts = [
        select(Task.element_id, Task.instance_id, literal("waiting").label("kind"))
        .where(Task.status == TaskStatus.OPEN.value),
        select(Task.element_id, Task.instance_id, literal("passed").label("kind"))
        .where(Task.status == TaskStatus.COMPLETED.value),
        select(Timer.element_id, Timer.instance_id, literal("waiting").label("kind"))
        .where(Timer.status == TimerStatus.WAITING.value),
        select(Timer.element_id, Timer.instance_id, literal("passed").label("kind"))
        .where(Timer.status == TimerStatus.FIRED.value),
        select(MessageWait.element_id, MessageWait.instance_id, literal("waiting").label("kind")),
    ]
    marks = union_all(*parts).subquery()
    rows = session.execute(select(marks.c.element_id, marks.c.kind, func.count(func.distinct(marks.c.instance_id)))
                           .where(marks.c.instance_id.in_(on_version))
                           .group_by(marks.c.element_id, marks.c.kind))
    counts: dict[str, dict[str, int]] = {}
    for element_id, kind, n in rows:
        counts.setdefault(element_id, {"waiting": 0, "passed": 0})[kind] += n
    return counts


def executable_keys(source: bytes) -> list[str]:
    """The ids of the executable processes in `source` (raises BpmnValidationError when unreadable)."""
    root = load_document(source, "upload.bpmn").root
    return [p.get("id") or "" for p in root.iter(f"{{{deploy_mod.BPMN_NS}}}process") if is_executable(p)]


def new_process(session: Session, now: datetime, owner: str, process_key: str, name: str) -> DraftInfo:
    """A draft of a new process from the template; refused when the id is already taken."""
    if process_exists(session, process_key):
        raise ValidationError(f"A process with the id {process_key} exists already; open it instead.",
                              code="process.exists", params={"process": process_key})
    xml = new_process_xml(process_key, name)
    return save_draft(session, now, owner, process_key, xml.encode("utf-8"), None)


def compare_versions(session: Session, process_key: str, old: int, new: int) -> list[ElementChange]:
    a = version(session, process_key, old).source_xml
    b = version(session, process_key, new).source_xml
    return compare(a.encode("utf-8"), b.encode("utf-8"))


def compare_with_newest(session: Session, process_key: str, source: bytes) -> tuple[int | None, list[ElementChange]]:
    """What deploying `source` would change against the newest version (None and no changes for a new
    process): the editor shows it before the owner confirms a deploy."""
    load_document(source, f"{process_key}.bpmn")      # refuses what is not safe XML, like every upload
    try:
        newest = newest_version(session, process_key)
    except NotFound:
        return None, []
    return newest.version, compare(newest.source_xml.encode("utf-8"), source)
