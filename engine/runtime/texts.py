"""The texts of deployed process versions in the reader's language (see `engine.runtime.bpmn.languages`).

A version's file never changes once deployed, so its `ModelTexts` are read from `source_xml` once and
kept by the file's content hash (not the version id, which another database reuses; a bounded cache:
the screens ask for the same few versions again and again).
Names of a process and of its tasks for lists that do not know the version (the inbox, the processes
list) come from the newest version of the process.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from threading import Lock

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import DefinitionVersion, ProcessDefinition
from .bpmn import load_document
from .bpmn.languages import DEFAULT_LANGUAGE, LANGUAGES, ModelTexts, model_texts
from .views import TaskInfo

_CACHE: OrderedDict[str, ModelTexts] = OrderedDict()
_CACHE_SIZE = 256
_LOCK = Lock()


def version_texts(session: Session, version_id: int) -> ModelTexts:
    """The texts of one deployed version, read once."""
    key = session.scalar(select(DefinitionVersion.content_hash).where(DefinitionVersion.id == version_id)) or ""
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    xml = session.scalar(select(DefinitionVersion.source_xml).where(DefinitionVersion.id == version_id))
    texts = model_texts(load_document(xml.encode("utf-8"), f"version {version_id}").root) if xml else ModelTexts()
    with _LOCK:
        _CACHE[key] = texts
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return texts


def newest_texts(session: Session) -> dict[str, ModelTexts]:
    """The texts of the newest version of every process, by process key."""
    newest = (select(ProcessDefinition.process_key, func.max(DefinitionVersion.id))
              .join(DefinitionVersion, DefinitionVersion.definition_id == ProcessDefinition.id)
              .group_by(ProcessDefinition.process_key))
    return {key: version_texts(session, version_id) for key, version_id in session.execute(newest)}


def process_names(session: Session, lang: str) -> dict[str, str]:
    """Every process's name in `lang` (Finnish where the model has none), by process key."""
    return {key: texts.name(key, lang) for key, texts in newest_texts(session).items()}


def localize_task(info: TaskInfo, texts: ModelTexts, lang: str) -> TaskInfo:
    """A task's name and form in `lang`; its documentation is rendered by the caller."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return info
    return replace(info, name=texts.name(info.element_id, lang, info.name),
                   form=texts.localize_form(info.element_id, info.form, lang))


def localize_names(tasks: list[TaskInfo], lang: str, texts: dict[str, ModelTexts]) -> list[TaskInfo]:
    """Task names of a list (the inbox) in `lang`, from the newest version of each process."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return tasks
    return [replace(t, name=texts[t.process_key].name(t.element_id, lang, t.name)) if t.process_key in texts else t
            for t in tasks]
