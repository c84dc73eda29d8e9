"""The one exception hierarchy of the engine.

Every message is a whole sentence a person can act on, naming the file, element or task.
HTTP status codes are chosen by the web layer, never here.

Every error also carries a stable `code` ("task.not_open") and its `params` (named values of the sentence),
so a user interface can say the same in the reader's language (webui/messages.py); the English sentence
stays for logs and the command line. A raise without its own code gets its class's `code`
("error.not_found"), for which an interface has a general sentence.

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

    code = "error.general"

    def __init__(self, message: str, *, code: str | None = None, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code or type(self).code
        self.params = dict(params or {})


class ConfigurationError(PalvelupolkuError):
    code = "error.configuration"


class NotFound(PalvelupolkuError):
    code = "error.not_found"


class ValidationError(PalvelupolkuError):
    code = "error.validation"

    def __init__(self, message: str, problems: Sequence[Any] = (), *, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, code=code, params=params)
        self.problems = list(problems)


class BpmnValidationError(ValidationError):
    """Raised by deploy when a file breaks a rule; `problems` are `engine.bpmn.Problem`s."""

    code = "error.bpmn"

    def __str__(self) -> str:
        lines = [self.args[0], *(str(p) for p in self.problems)]
        return "\n".join(lines)


class FormValidationError(ValidationError):
    """`field_errors`: field id -> English sentence; `field_codes`: field id -> (code, params) so a
    user interface can say the same in its own language (see engine.forms.MESSAGES)."""

    code = "error.form"

    def __init__(self, message: str, field_errors: Mapping[str, str],
                 field_codes: Mapping[str, tuple[str, dict[str, Any]]] | None = None) -> None:
        super().__init__(message, [f"{k}: {v}" for k, v in field_errors.items()])
        self.field_errors = dict(field_errors)
        self.field_codes = dict(field_codes or {})


class BusinessIdError(ValidationError):
    code = "error.business_id"


class PermissionDenied(PalvelupolkuError):
    code = "error.permission"


class TooManyAttempts(PermissionDenied):
    """`retry_after`: seconds until the next try from the same place may be checked."""

    code = "error.too_many_attempts"

    def __init__(self, message: str, retry_after: int = 0) -> None:
        super().__init__(message, params={"seconds": retry_after})
        self.retry_after = retry_after


class ConflictError(PalvelupolkuError):
    code = "error.conflict"


class StaleStateError(ConflictError):
    code = "error.stale"


class TaskNotOpen(ConflictError):
    code = "error.task_not_open"


class ProcessError(PalvelupolkuError):
    code = "error.process"


class ScriptError(ProcessError):
    """A restricted expression or script was refused or failed.

    `element_id` names the BPMN element when known, `reason` is the sentence for a person.
    """

    code = "error.script"

    def __init__(self, reason: str, element_id: str | None = None, *, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        where = f"Element '{element_id}': " if element_id else ""
        super().__init__(f"{where}{reason}", code=code,
                         params={**(params or {}), "element": element_id or "", "detail": reason})
        self.reason = reason
        self.element_id = element_id
