"""Palvelupolku's process engine: SpiffWorkflow embedded with durable state.

Layering rule: this package knows nothing of Flask or HTTP. It depends on SpiffWorkflow,
SQLAlchemy, Alembic and lxml only; the web app (`webui`) depends on it, never the reverse.
Operations take their collaborators (database URL, clock) explicitly; nothing happens at import.
"""

from .bpmn import Problem
from .clock import HELSINKI, ManualClock, system_clock
from .core import Engine
from .deploy import Deployed
from .errors import (
    BpmnValidationError,
    BusinessIdError,
    ConfigurationError,
    ConflictError,
    FormValidationError,
    NotFound,
    PalvelupolkuError,
    PermissionDenied,
    ProcessError,
    ScriptError,
    StaleStateError,
    TaskNotOpen,
    TooManyAttempts,
    ValidationError,
)
from .models import AuditKind, InstanceStatus, Role, TaskStatus
from .views import InstanceInfo, TaskInfo

__all__ = [
    "HELSINKI",
    "AuditKind",
    "BpmnValidationError",
    "BusinessIdError",
    "ConfigurationError",
    "ConflictError",
    "Deployed",
    "Engine",
    "FormValidationError",
    "InstanceInfo",
    "InstanceStatus",
    "ManualClock",
    "NotFound",
    "PalvelupolkuError",
    "PermissionDenied",
    "Problem",
    "ProcessError",
    "Role",
    "ScriptError",
    "StaleStateError",
    "TaskInfo",
    "TaskNotOpen",
    "TaskStatus",
    "TooManyAttempts",
    "ValidationError",
    "system_clock",
]
