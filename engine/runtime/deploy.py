"""Deploying BPMN files: validate, then store each executable process as a definition version.

DMN files deployed with them store each decision as a decision version (the decision itself is
compiled into the spec of every process version that evaluates it).

Identical content (same bytes as the newest version) is the same version; changed content is a
new version. Running instances keep the version they started on; new ones take the newest.

One source of truth: each version records where it came from (`origin`: "file" with the path, or
"browser"). A deploy from files (`palvelupolku deploy`, `make run`) compares a file with the version
last deployed *from that file*, not only with the newest, and decides on content, never on the
file's modification time (which a git checkout resets): a file with content some version already
had (unchanged, or an older commit checked out) never replaces a newer version made in the browser;
a file with new content does only when it was exported from that browser version and edited since;
otherwise both changed, and the browser's version stays. Either way the deploy says so in one line,
with the `export` command that brings the browser's version into the folder.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.specs.event_definitions import MessageEventDefinition, NoneEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import HELSINKI
from ..errors import BpmnValidationError, NotFound, ValidationError
from ..models import AuditEvent, AuditKind, DecisionVersion, DefinitionVersion, ProcessDefinition
from . import audit
from .bpmn import LoadedDocument, load_document, validate_documents
from .bpmn.graph import CAMUNDA_NS, decisions, executable_processes, extension_properties
from .bpmn.parser import add_document, new_parser
from .bpmn.xmlsafe import is_dmn_root
from .execution import Runtime, event_definitions

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
# A process property saying the process may start for a customer card without a Business ID (a
# prospective entrepreneur, e.g. the start-up grant; issue 18). Per process, in the model, so an office
# decides it in the modeller and a deploy records it on the version; every other process refuses such a card.
PROSPECTS_PROPERTY = "customerWithoutBusinessId"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deployed:
    process_key: str
    name: str
    version: int
    created: bool          # False: identical to the newest version, nothing stored
    file_name: str
    notice: str = ""       # why a file was not deployed over a newer version from the browser


def read_sources(path: str | Path) -> list[LoadedDocument]:
    """The files at `path`, read; `deploy_documents` validates them with what is deployed already."""
    from .bpmn import collect_bpmn_files, read_documents

    files = collect_bpmn_files(path)
    if not files:
        raise ValidationError(f"No .bpmn files found at {path}.", code="deploy.no_files", params={"path": str(path)})
    docs, problems = read_documents(files)
    if problems:
        raise BpmnValidationError(f"{len(problems)} problem(s) found; nothing was deployed.", problems,
                                  code="deploy.problems", params={"count": len(problems)})
    return docs


def deploy_documents(rt: Runtime, session: Session, docs: Sequence[LoadedDocument], actor: str, *,
                     validate: bool = True, origin: dict[str, Any] | None = None,
                     from_files: bool = False) -> list[Deployed]:
    """Store the executable processes of `docs`. `validate=False` exists only for tests that prove the
    run-time defences (restricted evaluator, step limit) hold even for a model that skipped validation.
    `origin` (e.g. the editor's draft id) is kept in each deploy's audit event. `from_files`: the
    documents are files of a folder (origin "file"), else they come from the browser."""
    deploying = {p.get("id") for d in docs for p in d.root.iter(f"{{{BPMN_NS}}}process")}
    extra = _deployed_documents(session, {d.sha256 for d in docs}, deploying)
    log_rule(rt, docs)
    problems = validate_documents(docs, aftercare=rt.aftercare, extra_documents=extra,
                                  services=rt.services.names()) if validate else []
    if problems:
        raise BpmnValidationError(f"{len(problems)} problem(s) found; nothing was deployed.", problems,
                                  code="deploy.problems", params={"count": len(problems)})
    parser = new_parser()
    for doc in [*extra, *docs]:
        add_document(parser, doc.root, doc.filename)
    called = _called_processes([*extra, *docs])
    result = []
    for doc in docs:
        if is_dmn_root(doc.root):
            _store_decisions(rt, session, doc, actor)
            continue
        for process_id, name in _executable_processes(doc):
            result.append(_store(rt, session, parser, doc, process_id, name, process_id in called, actor,
                                 origin, from_files, _content_hash(doc, [*extra, *docs])))
    return result


def log_rule(rt: Runtime, docs: Sequence[LoadedDocument]) -> None:
    """Every deploy says whether the aftercare rule was enforced: switching it off must never go unseen."""
    names = ", ".join(Path(d.filename).name for d in docs[:5]) + (", ..." if len(docs) > 5 else "")
    if rt.aftercare:
        log.info("deploying %s: aftercare rule enforced", names)
    else:
        log.warning("deploying %s: aftercare rule OFF (Engine(aftercare=False))", names)


def deploy_bytes(rt: Runtime, session: Session, source: bytes, filename: str, actor: str) -> list[Deployed]:
    return deploy_documents(rt, session, [load_document(source, filename)], actor)


def _content_hash(doc: LoadedDocument, known: Sequence[LoadedDocument]) -> str:
    """The file's hash; with the hashes of the DMN files it evaluates, when it has business rule tasks.

    The decision tables are compiled into the process version, so a new table is a new version of the
    process that uses it (deploy the process again); identical file and tables keep the version."""
    refs = {t.get(f"{{{CAMUNDA_NS}}}decisionRef") for t in doc.root.iter(f"{{{BPMN_NS}}}businessRuleTask")}
    tables = sorted({d.sha256 for d in known if is_dmn_root(d.root) and refs & set(decisions(d))})
    if not tables:
        return doc.sha256
    return hashlib.sha256("|".join([doc.sha256, *tables]).encode()).hexdigest()


def _store(rt: Runtime, session: Session, parser: object, doc: LoadedDocument, process_id: str, name: str,
           callable_only: bool, actor: str, origin: dict[str, Any] | None = None,
           from_files: bool = False, content_hash: str | None = None) -> Deployed:
    content_hash = content_hash or doc.sha256
    definition = session.scalars(select(ProcessDefinition).where(ProcessDefinition.process_key == process_id)).first()
    now = rt.clock()
    if definition is None:
        definition = ProcessDefinition(process_key=process_id, name=name, created_at=now)
        session.add(definition)
        session.flush()
    newest = definition.versions[-1] if definition.versions else None
    if newest is not None and newest.content_hash == content_hash:
        return Deployed(process_id, newest.name, newest.version, False, newest.file_name)
    if from_files and newest is not None:
        notice = _browser_version_kept(session, definition, newest, doc, content_hash)
        if notice:
            return Deployed(process_id, newest.name, newest.version, False, newest.file_name, notice)
    spec = parser.get_spec(process_id)  # type: ignore[attr-defined]
    subprocess_specs = parser.get_subprocess_specs(process_id)  # type: ignore[attr-defined]
    starts = [ts for ts in spec.task_specs.values() if isinstance(ts, StartEvent)]
    version = DefinitionVersion(
        definition_id=definition.id, version=(newest.version + 1) if newest else 1, name=name,
        file_name=Path(doc.filename).name, content_hash=content_hash, source_xml=_text(doc),
        spec_json=rt.codec.specs_to_json(spec, subprocess_specs),
        start_messages=sorted({d.name for ts in starts for d in event_definitions(ts)
                               if isinstance(d, MessageEventDefinition)}),
        has_plain_start=any(isinstance(d, NoneEventDefinition | TimerEventDefinition)
                            for ts in starts for d in event_definitions(ts)),
        callable_only=callable_only, accepts_prospects=_accepts_prospects(doc, process_id),
        deployed_at=now, deployed_by=actor,
        origin="file" if from_files else "browser", origin_path=doc.filename[:1000] if from_files else None)
    definition.name = name
    session.add(version)
    session.flush()
    audit.record(session, now, actor, AuditKind.DEPLOY,
                 message=f"Deployed {process_id} version {version.version} from {version.file_name}.",
                 data={**(origin or {}), "process_key": process_id, "version": version.version, "hash": content_hash})
    return Deployed(process_id, name, version.version, True, version.file_name)


def _browser_version_kept(session: Session, definition: ProcessDefinition, newest: DefinitionVersion,
                          doc: LoadedDocument, content_hash: str) -> str:
    """Why a file must not replace the newest version (made in the browser); empty when it may.

    Decided on content, never on the file's modification time (a git checkout or clone sets that to
    now): a file whose content some earlier version already had is old content (unchanged since its
    last deploy, or checked out from an older commit); a file with new content is newer work only when
    it was written from the browser's version (`export`) and edited since. New content that was never
    in step with the browser's version is a conflict: both changed; the browser's version stays, and
    the notice says how to bring the two together."""
    if newest.origin == "file":
        return ""
    name = Path(doc.filename).name
    folder = Path(doc.filename).parent
    export = f"palvelupolku export {definition.process_key} --to {folder}"
    head = (f"{definition.process_key}: version {newest.version}, deployed in the browser by {newest.deployed_by} on "
            f"{_day(newest.deployed_at)}")
    if content_hash in {v.content_hash for v in definition.versions}:
        return f"{head}, is newer than {doc.filename} and stays the newest; to bring it into the folder: {export}"
    if _exported_to(session, definition.process_key, newest.version, name):
        return ""        # the file was written from the browser's version and edited since: the newer work wins
    return (f"{head}, stays the newest: {doc.filename} was changed too, but not from that version; to bring the "
            f"two together: {export}, then make your change again and deploy")


def _exported_to(session: Session, process_key: str, version: int, file_name: str) -> bool:
    """Whether `version` was exported as a file named `file_name` (audited by `export`)."""
    events = session.scalars(select(AuditEvent).where(AuditEvent.kind == AuditKind.EXPORT.value)
                             .order_by(AuditEvent.id.desc()).limit(1000))
    return any((e.data or {}).get("process_key") == process_key and (e.data or {}).get("version") == version
               and (e.data or {}).get("file") == file_name for e in events)


def _day(moment: datetime) -> str:
    local = moment.astimezone(HELSINKI)
    return f"{local.day}.{local.month}.{local.year}"


@dataclass(frozen=True)
class Exported:
    process_key: str
    version: int
    path: Path
    written: bool          # False: the file already had exactly this content


def export(session: Session, folder: Path, process_key: str | None = None, *, now: datetime | None = None,
           actor: str = audit.SYSTEM) -> list[Exported]:
    """Write the newest version of each process (or of one) into `folder` as the file it was last deployed
    from (else `<process>.bpmn`), byte for byte, so that deploying the folder finds it unchanged. Each
    export is audited: a later edit of that file is then newer work than the version it was written from."""
    query = select(ProcessDefinition).order_by(ProcessDefinition.process_key)
    if process_key is not None:
        query = query.where(ProcessDefinition.process_key == process_key)
    definitions = [d for d in session.scalars(query) if d.versions]
    if process_key is not None and not definitions:
        raise NotFound(f"No process '{process_key}' is deployed.", code="process.not_deployed",
                       params={"process": process_key})
    folder.mkdir(parents=True, exist_ok=True)
    result = []
    for definition in definitions:
        newest = definition.versions[-1]
        last_file = next((v for v in reversed(definition.versions) if v.origin == "file"), None)
        name = Path((last_file.origin_path or last_file.file_name) if last_file else newest.file_name).name
        path = folder / (name if name.endswith(".bpmn") else f"{definition.process_key}.bpmn")
        content = newest.source_xml.encode("utf-8")
        written = not path.exists() or path.read_bytes() != content
        if written:
            path.write_bytes(content)
        if now is not None:
            audit.record(session, now, actor, AuditKind.EXPORT,
                         message=audit.say("audit.export", process=definition.process_key,
                                           version=newest.version, path=path),
                         data={"process_key": definition.process_key, "version": newest.version,
                               "file": path.name, "hash": newest.content_hash})
        result.append(Exported(definition.process_key, newest.version, path, written))
    return result


def _store_decisions(rt: Runtime, session: Session, doc: LoadedDocument, actor: str) -> None:
    """Each decision of a DMN file as a new version of its id, unless the newest has the same content."""
    now = rt.clock()
    for element in doc.root:
        key = element.get("id") if etree.QName(element).localname == "decision" else None
        if not key:
            continue
        newest = session.scalars(select(DecisionVersion).where(DecisionVersion.decision_key == key)
                                 .order_by(DecisionVersion.version.desc())).first()
        if newest is not None and newest.content_hash == doc.sha256:
            continue
        version = (newest.version + 1) if newest else 1
        session.add(DecisionVersion(decision_key=key, version=version, name=element.get("name") or key,
                                    file_name=Path(doc.filename).name, content_hash=doc.sha256,
                                    source_xml=_text(doc), deployed_at=now, deployed_by=actor))
        session.flush()
        audit.record(session, now, actor, AuditKind.DEPLOY,
                     message=f"Deployed decision {key} version {version} from {Path(doc.filename).name}.",
                     data={"decision_key": key, "version": version, "hash": doc.sha256})


def _text(doc: LoadedDocument) -> str:
    try:
        return doc.source.decode("utf-8")
    except UnicodeDecodeError:
        return etree.tostring(doc.root, encoding="unicode")


def _executable_processes(doc: LoadedDocument) -> list[tuple[str, str]]:
    return [(p.get("id"), p.get("name") or p.get("id")) for p in executable_processes(doc)]


def _accepts_prospects(doc: LoadedDocument, process_id: str) -> bool:
    for process in executable_processes(doc):
        if process.get("id") == process_id:
            values = [v for n, v in extension_properties(process) if n == PROSPECTS_PROPERTY]
            return bool(values) and values[-1].strip().lower() == "true"
    return False


def _called_processes(docs: Sequence[LoadedDocument]) -> set[str]:
    return {c.get("calledElement") for d in docs for c in d.root.iter(f"{{{BPMN_NS}}}callActivity")
            if c.get("calledElement")}


def _deployed_documents(session: Session, skip: set[str], deploying: set[str]) -> list[LoadedDocument]:
    """The newest stored file of every other definition, for call activities into other files."""
    docs: dict[str, LoadedDocument] = {}
    for definition in session.scalars(select(ProcessDefinition)):
        if not definition.versions or definition.process_key in deploying:
            continue
        newest = definition.versions[-1]
        if newest.content_hash in skip or newest.content_hash in docs:
            continue
        doc = load_document(newest.source_xml.encode("utf-8"), newest.file_name)
        if not deploying & {p.get("id") for p in doc.root.iter(f"{{{BPMN_NS}}}process")}:
            docs[newest.content_hash] = doc
    newest_decisions: dict[str, DecisionVersion] = {}
    for decision in session.scalars(select(DecisionVersion).order_by(DecisionVersion.version)):
        newest_decisions[decision.decision_key] = decision
    for decision in newest_decisions.values():
        if decision.content_hash not in skip and decision.content_hash not in docs:
            docs[decision.content_hash] = load_document(decision.source_xml.encode("utf-8"), decision.file_name)
    return list(docs.values())
