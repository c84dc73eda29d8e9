"""The one exception hierarchy of the engine.

Every message is a whole sentence a person can act on, naming the file, element or task.
HTTP status codes are chosen by the web layer, never here.

    PalvelupolkuError
    ├── ConfigurationError          bad database URL, migrations that cannot run
    ├── NotFound                    unknown task, instance, process, customer or user
    ├── ValidationError             input that breaks a rule; carries `.problems`
    │   ├── BpmnValidationError     a BPMN file that cannot be deployed (`.problems`: list[Problem])
    │   ├── FormValidationError     task form data (`.field_errors`: field id -> message)
    │   └── BusinessIdError         a Business ID (Y-tunnus) with a bad format or check digit
    ├── PermissionDenied            the user may not act on this task or instance
    │   └── TooManyAttempts         sign-in slowed down after repeated failures (`.retry_after`)
    ├── ConflictError               the state moved on under the caller
    │   ├── StaleStateError         completion based on an old instance version
    │   └── TaskNotOpen             the task is already completed, cancelled or claimed by another
    └── ProcessError                running the process failed (script, condition, step limit)
        └── ScriptError             a restricted expression or script refused or failed
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class PalvelupolkuError(Exception):
    """Base of every error the engine raises on purpose."""


class ConfigurationError(PalvelupolkuError):
    pass


class NotFound(PalvelupolkuError):
    pass


class ValidationError(PalvelupolkuError):
    def __init__(self, message: str, problems: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class BpmnValidationError(ValidationError):
    """Raised by deploy when a file breaks a rule; `problems` are `engine.bpmn.Problem`s."""

    def __str__(self) -> str:
        lines = [self.args[0], *(str(p) for p in self.problems)]
        return "\n".join(lines)


class FormValidationError(ValidationError):
    """`field_errors`: field id -> English sentence; `field_codes`: field id -> (code, params) so a
    user interface can say the same in its own language (see engine.forms.MESSAGES)."""

    def __init__(self, message: str, field_errors: Mapping[str, str],
                 field_codes: Mapping[str, tuple[str, dict[str, Any]]] | None = None) -> None:
        super().__init__(message, [f"{k}: {v}" for k, v in field_errors.items()])
        self.field_errors = dict(field_errors)
        self.field_codes = dict(field_codes or {})


class BusinessIdError(ValidationError):
    pass


class PermissionDenied(PalvelupolkuError):
    pass


class TooManyAttempts(PermissionDenied):
    """`retry_after`: seconds until the next try from the same place may be checked."""

    def __init__(self, message: str, retry_after: int = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ConflictError(PalvelupolkuError):
    pass


class StaleStateError(ConflictError):
    pass


class TaskNotOpen(ConflictError):
    pass


class ProcessError(PalvelupolkuError):
    pass


class ScriptError(ProcessError):
    """A restricted expression or script was refused or failed.

    `element_id` names the BPMN element when known, `reason` is the sentence for a person.
    """

    def __init__(self, reason: str, element_id: str | None = None) -> None:
        where = f"Element '{element_id}': " if element_id else ""
        super().__init__(f"{where}{reason}")
        self.reason = reason
        self.element_id = element_id
