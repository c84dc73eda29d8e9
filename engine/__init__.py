"""Palvelupolku's process engine: SpiffWorkflow embedded with durable state.

Layers, each importing only those before it (checked by tests/engine/test_layering.py):

    foundation   errors, clock, models, db, config, migrations/
    runtime/     the BPMN runtime any office could use
    office/      the TE Office's domain: customers, CRM, portfolios, reminders
    core         the facade `Engine`, re-exported here
    demo/, cli   demo data and the command line

This package knows nothing of Flask or HTTP: the web app (`webui`) depends on it, never the reverse
(the command line imports the web app only inside `serve`). Operations take their collaborators
(database URL, clock) explicitly; nothing happens at import.
"""

from .clock import HELSINKI, ManualClock, system_clock
from .core import Engine
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
from .runtime.bpmn import Problem
from .runtime.deploy import Deployed
from .runtime.views import InstanceInfo, TaskInfo

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
