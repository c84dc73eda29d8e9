"""The audit trail: who did what, when, to which instance and task; and its sentences as codes.

Each event's English sentence (`message`, for logs, the command line and the API) is written from one
table, `SENTENCES`: code -> (kind, template with named placeholders). `describe` reads a stored sentence
back into its code and parameters, so a user interface can say it in the reader's language - also for
events written before codes existed, since the templates are the sentences the engine always wrote.
A sentence that matches no template of its kind keeps its kind's general code, the text as `detail`.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from ..models import AuditEvent, AuditKind

SYSTEM = "system"

K = AuditKind
# Order matters within a kind: the first template that matches wins, so longer shapes come first.
SENTENCES: dict[str, tuple[AuditKind, str]] = {
    "audit.deploy_decision": (K.DEPLOY, "Deployed decision {decision} version {version} from {file}."),
    "audit.deploy": (K.DEPLOY, "Deployed {process} version {version} from {file}."),
    "audit.start_by_message": (K.START, "Started {process} v{version} for {customer} by message '{name}'."),
    "audit.start": (K.START, "Started {process} v{version} for {customer}."),
    "audit.task_create": (K.TASK_CREATE, "Task '{task}' is open."),
    "audit.claim": (K.CLAIM, "{user} claimed '{task}'."),
    "audit.unclaim": (K.UNCLAIM, "{user} gave '{task}' back to {group}."),
    "audit.assign_from_group_note": (K.ASSIGN, "'{task}' handed from the group to {new}. {note}"),
    "audit.assign_from_group": (K.ASSIGN, "'{task}' handed from the group to {new}."),
    "audit.assign_note": (K.ASSIGN, "'{task}' handed from {old} to {new}. {note}"),
    "audit.assign": (K.ASSIGN, "'{task}' handed from {old} to {new}."),
    "audit.handover_note": (K.HANDOVER, "Responsibility handed over from {old} to {new}. {note}"),
    "audit.handover": (K.HANDOVER, "Responsibility handed over from {old} to {new}."),
    "audit.complete": (K.COMPLETE, "{user} completed '{task}'."),
    "audit.timer_fired_worker": (K.TIMER_FIRED, "Timer '{timer}' fired (worker {worker})."),
    "audit.timer_fired": (K.TIMER_FIRED, "Timer '{timer}' fired."),
    "audit.message_sent": (K.MESSAGE_SENT, "Sent message '{name}'."),
    "audit.message_received": (K.MESSAGE_DELIVERED, "Received message '{name}' from {source}."),
    "audit.message_started": (K.MESSAGE_DELIVERED, "Message '{name}' started {process} instance {instance}."),
    "audit.message_loop": (K.MESSAGE_UNDELIVERED, "Message '{name}' was not delivered: more than {hops} messages "
                                                  "in one step; the models probably message in a loop."),
    "audit.message_unsavable": (K.MESSAGE_UNDELIVERED, "Message '{name}' was not delivered: its data holds a value "
                                                       "that cannot be saved; send text, numbers, true/false, dates, "
                                                       "lists or dictionaries."),
    "audit.message_failed": (K.MESSAGE_UNDELIVERED, "Message '{name}' could not be delivered: {detail}"),
    "audit.message_uncaught": (K.MESSAGE_UNDELIVERED, "No deployed process and no waiting instance of this "
                                                      "customer catches message '{name}'."),
    "audit.timer_failed": (K.ERROR, "Timer failed {attempts} times and needs a manager: {detail}"),
    "audit.retry_timer": (K.RETRY, "Timer sent back to the workers."),
    "audit.retry": (K.RETRY, "Retried the failed step."),
    "audit.end": (K.END, "The instance ended."),
    "audit.migrate_mapping": (K.MIGRATE, "Moved from version {old} to version {new} with mapping {mapping}."),
    "audit.migrate": (K.MIGRATE, "Moved from version {old} to version {new}."),
    "audit.export": (K.EXPORT, "Exported {process} version {version} to {path}."),
    "audit.user_create": (K.USER_CREATE, "Created user {user}."),
    "audit.user_deactivate": (K.USER_DEACTIVATE, "Deactivated {user}."),
    "audit.user_reactivate": (K.USER_REACTIVATE, "Reactivated {user}."),
    "audit.password_set": (K.PASSWORD_SET, "New password for {user}."),
    "audit.sign_out_everywhere": (K.SIGN_OUT_EVERYWHERE, "Signed {user} out everywhere."),
    "audit.token_create": (K.TOKEN_CREATE, "API token {id} for {user}."),
    "audit.token_revoke": (K.TOKEN_REVOKE, "Revoked API token {id} of {user}."),
    "audit.user_roles_directory": (K.USER_ROLES, "Roles of {user} from the directory: {roles}; groups: {groups}."),
    "audit.user_roles": (K.USER_ROLES, "Roles of {user}: {roles}; groups: {groups}."),
    # an instance's error: the commonest script failures (scripting/failures.py), so history reads them back
    "audit.error_name_missing_line": (K.ERROR, "Element '{element}': Line {line} of the script (`{text}`) refers "
                                               "to `{name}`, which is not in the task data."),
    "audit.error_name_missing_expression": (K.ERROR, "Element '{element}': The expression `{expression}` refers to "
                                                     "`{name}`, which is not in the task data."),
    "audit.error_key_missing_line": (K.ERROR, "Element '{element}': Line {line} of the script (`{text}`) looks up "
                                              "the key {key}, which is missing."),
    "audit.error_zero_division_line": (K.ERROR, "Element '{element}': Line {line} of the script (`{text}`) divides "
                                                "by zero."),
    "audit.customer_business_id": (K.CUSTOMER_BUSINESS_ID, "Recorded Business ID {business_id} on customer card "
                                                           "{key} ({name})."),
    # a script or expression stopped by its limits (scripting/failures.py in the process or the sandbox child,
    # scripting/sandbox.py when the child itself had to be killed)
    "audit.error_out_of_time_line": (K.ERROR, "Element '{element}': Line {line} of the script (`{text}`) ran for "
                                              "more than {seconds} second{plural} of {clock} time and was stopped; "
                                              "check its loops."),
    "audit.error_out_of_time_expression": (K.ERROR, "Element '{element}': The expression `{expression}` ran for "
                                                    "more than {seconds} second{plural} of {clock} time and was "
                                                    "stopped; check its loops."),
    "audit.error_out_of_time_script": (K.ERROR, "Element '{element}': The script ran for more than {seconds} "
                                                "second{plural} of {clock} time and was stopped; check its loops."),
    "audit.error_out_of_memory_line": (K.ERROR, "Element '{element}': Line {line} of the script (`{text}`) used "
                                                "more than {megabytes} MB of memory and was stopped."),
    "audit.error_out_of_memory_expression": (K.ERROR, "Element '{element}': The expression `{expression}` used more "
                                                      "than {megabytes} MB of memory and was stopped."),
    "audit.error_out_of_memory_script": (K.ERROR, "Element '{element}': The script used more than {megabytes} MB of "
                                                  "memory and was stopped."),
    "audit.error_timeout_expression": (K.ERROR, "Element '{element}': The expression `{expression}` ran for more "
                                                "than {seconds} seconds and was stopped; check its loops and the size "
                                                "of the values it sorts, compares or converts."),
    "audit.error_timeout_script": (K.ERROR, "Element '{element}': The script ran for more than {seconds} seconds and "
                                            "was stopped; check its loops and the size of the values it sorts, "
                                            "compares or converts."),
    "audit.error_limits_expression": (K.ERROR, "Element '{element}': The expression `{expression}` was stopped: it "
                                               "needed more memory or time than it may use."),
    "audit.error_limits_script": (K.ERROR, "Element '{element}': The script was stopped: it needed more memory or "
                                           "time than it may use."),
    # the runtime's own stops (execution.py)
    "audit.error_step_limit": (K.ERROR, "The process ran more than {steps} steps without waiting for a person, a "
                                        "timer or a message; it probably loops without end. Fix the model and "
                                        "retry."),
    "audit.error_state_too_large": (K.ERROR, "The instance's stored state has grown past {limit} characters "
                                             "({size}); the process probably loops without end through a timer or "
                                             "a message. Fix the model, then cancel the instance."),
    # any other failure of a step (execution.error_sentence): the frame is ours, the detail Python's; after the
    # specific sentences above, which describe() tries first
    "audit.error_element_failed": (K.ERROR, "Element '{element}' failed: {detail}"),
    "audit.error_step_failed": (K.ERROR, "A step failed: {detail}"),
    "audit.user_directory": (K.USER_DIRECTORY, "{user} signs in through the identity provider (subject {subject})."),
}
# A kind's general code: its sentence is free text (a cancel's reason, an error's detail) or unknown.
GENERAL = {kind: f"audit.{kind.value}" for kind in AuditKind}
_FREE_TEXT = {K.CANCEL: "reason"}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts)),
                      re.DOTALL)


_PATTERNS = {code: (kind, _pattern(template)) for code, (kind, template) in SENTENCES.items()}


def say(code: str, **params: Any) -> str:
    """The English sentence of an audit code (what `message` stores)."""
    return SENTENCES[code][1].format(**params).strip()


def describe(kind: str, message: str) -> tuple[str, dict[str, str]]:
    """A stored event's code and parameters, read back from its English sentence."""
    for code, (of_kind, pattern) in _PATTERNS.items():
        if of_kind == kind:
            found = pattern.fullmatch(message or "")
            if found:
                return code, found.groupdict()
    general = f"audit.{kind}"
    return general, {_FREE_TEXT.get(AuditKind(kind), "detail") if kind in GENERAL else "detail": message or ""}


def record(session: Session, at: datetime, actor: str, kind: AuditKind, *, instance_id: int | None = None,
           task_id: str | None = None, element_id: str | None = None, message: str = "",
           data: dict[str, Any] | None = None) -> AuditEvent:
    """Add an event through the unit of work (written at the next flush): for the manager's actions,
    accounts and deployments. The step operations' events go by `row` and `insert_many` instead."""
    event = AuditEvent(at=at, actor=actor, kind=kind.value, instance_id=instance_id, task_id=task_id,
                       element_id=element_id, message=message, data=data)
    session.add(event)
    return event


def row(at: datetime, actor: str, kind: AuditKind, *, instance_id: int | None = None, task_id: str | None = None,
        element_id: str | None = None, message: str = "", data: dict[str, Any] | None = None) -> dict[str, Any]:
    """An event as the values of its row, for `insert_many`."""
    return {"at": at, "actor": actor, "kind": kind.value, "instance_id": instance_id, "task_id": task_id,
            "element_id": element_id, "message": message, "data": data}


INSERT = insert(cast(Table, AuditEvent.__table__))   # a step's events: execution.persist, insert_many


def insert_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows at once, with one prebuilt Core statement (the steps' hot path: no unit of work,
    which costs several times more per row). Written now, not at the next flush: call it only where the
    transaction already writes (in an optimistic step transaction, after the instance's version-checked
    UPDATE), else SQLite's write lock would be taken before the steps have run."""
    if rows:
        session.connection().execute(INSERT, rows)
