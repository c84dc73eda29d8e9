"""BPMN files: safe loading, validation (structure, expressions, the aftercare rule) and parsing.

`validate_paths` / `validate_documents` return every Problem of a set of files at once and never
raise on bad input; `load_document` raises `BpmnValidationError` with one Problem. The SpiffWorkflow
parser subclass lives in `engine.bpmn.parser`; a model's texts per language and the warnings about a
missing language (`Problem.warning`, never a reason to refuse a deploy) in `languages`; which earlier
data a task's page shows (the `context` property) and the warnings about ids no earlier step records in
`context_panel`.
"""

from .aftercare import AFTERCARE_PROPERTY, NEW_NEEDS_MESSAGE, aftercare_task_ids
from .validation import collect_bpmn_files, read_documents, validate_documents, validate_paths
from .xmlsafe import MAX_BPMN_BYTES, LoadedDocument, Problem, load_document

__all__ = [
    "AFTERCARE_PROPERTY",
    "MAX_BPMN_BYTES",
    "NEW_NEEDS_MESSAGE",
    "LoadedDocument",
    "Problem",
    "aftercare_task_ids",
    "collect_bpmn_files",
    "load_document",
    "read_documents",
    "validate_documents",
    "validate_paths",
]
