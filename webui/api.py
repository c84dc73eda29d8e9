"""JSON API under /api/v1 with bearer-token auth. Its OpenAPI document: /api/v1/openapi.json.

Who may read or act on which task and instance is decided by the engine, by the same rule the pages
use (engine.runtime.access); this module checks only that the token's user holds a working role.
It owns what every API view shares: the token check, the caller's language (`?lang=`, else
Accept-Language, else Finnish) and idempotency keys on POSTs that create things. The operations for
integrations (lists, customers, manager actions, messages, deploy, the event feed) are in
webui.api_integrations; error bodies are made in webui.errors only."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, current_app, g, jsonify, request
from flask.typing import ResponseReturnValue

from engine import Engine, Role, ValidationError
from engine.runtime.bpmn.languages import DEFAULT_LANGUAGE
from engine.runtime.migration import Filter
from engine.runtime.views import TaskInfo
from webui.errors import api_error
from webui.extensions import engine_of
from webui.openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
F = TypeVar("F", bound=Callable[..., ResponseReturnValue])
WORKERS = (Role.EXPERT, Role.MANAGER, Role.ADMIN)
OWNERS_AND_MANAGERS = (Role.PROCESS_OWNER, Role.MANAGER, Role.ADMIN)   # as the migration pages
MANAGERS = (Role.MANAGER, Role.ADMIN)          # as the instance list and the manager's actions
OWNERS = (Role.PROCESS_OWNER, Role.ADMIN)      # as the deploy page
API_LANGUAGES = ("fi", "sv", "en")
MAX_OFFSET = 10**9   # far past any inbox; larger numbers would not fit the database's integers


def _engine() -> Engine:
    return engine_of(current_app)


def token_required(*roles: Role) -> Callable[[F], F]:
    """Bearer token auth; the token's user must hold one of `roles`."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            user = _engine().user_for_token(token.strip()) if scheme.lower() == "bearer" and token else None
            if user is None:
                body, status = api_error(401, "unauthorized",
                                         "Send a valid API token as 'Authorization: Bearer <token>'.")
                return body, status, {"WWW-Authenticate": "Bearer"}
            if roles and not {r.value for r in roles} & set(user.role_names):
                return api_error(403, "forbidden", f"{user.username} lacks the role for this "
                                                   f"({', '.join(r.value for r in roles)}).")
            g.api_user = user
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def idempotent(view: F) -> F:
    """Honour an `Idempotency-Key` header (engine.runtime.idempotency): the same key from the same user
    answers with the first success again (header `Idempotent-Replayed: true`); another request under a
    used key is a 422, and one still running a 409. Place it under `token_required`."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(*args, **kwargs)
        eng, username = _engine(), g.api_user.username
        fingerprint = hashlib.sha256(b"\n".join([request.method.encode(), request.full_path.encode(),
                                                 request.get_data()])).hexdigest()
        replay = eng.reserve_idempotency_key(username, key, fingerprint)
        if replay is not None:
            return jsonify(replay.body), replay.status, {"Idempotent-Replayed": "true"}
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except BaseException:
            eng.release_idempotency_key(username, key.strip())
            raise
        body = response.get_json(silent=True) if response.is_json else None
        if response.status_code < 400 and isinstance(body, dict):
            eng.finish_idempotency_key(username, key.strip(), response.status_code, body)
        else:
            eng.release_idempotency_key(username, key.strip())
        return response

    return wrapper  # type: ignore[return-value]


def api_language() -> str:
    """`?lang=` when it names fi, sv or en, else the best of Accept-Language, else Finnish."""
    asked = request.args.get("lang", "")
    if asked in API_LANGUAGES:
        return asked
    return request.accept_languages.best_match(API_LANGUAGES) or DEFAULT_LANGUAGE


def localized(tasks: list[TaskInfo]) -> list[dict[str, Any]]:
    """Tasks of a list in the caller's language (their names, from the newest version of each process), each
    with the joint aftercare call it is part of."""
    return with_calls([t.as_json() for t in _engine().task_names(tasks, api_language())])


def with_calls(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`call` on each task: the joint aftercare call (engine.office.calls) it is one service of, as
    {id, task_ids, services}, or null when the task is no call or the call covers it alone."""
    calls = _engine().calls_of([t["id"] for t in tasks])
    for t in tasks:
        call = calls.get(t["id"])
        t["call"] = None if call is None else {"id": call.id, "task_ids": list(call.task_ids),
                                               "services": call.services}
    return tasks


def instance_json(info: Any) -> dict[str, Any]:
    body: dict[str, Any] = info.as_json()
    body["open_tasks"] = localized(list(info.open_tasks))
    return body


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationError("Send a JSON object as the request body (Content-Type: application/json).")
    return body


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(document())


@bp.post("/instances")
@token_required(*WORKERS)
@idempotent
def start_instance() -> ResponseReturnValue:
    body = _json_body()
    process_id, customer, applicant = body.get("process_id"), body.get("customer"), body.get("applicant")
    if applicant is not None and customer is None:
        return _start_for_applicant(body, applicant)
    if not isinstance(process_id, str) or not isinstance(customer, str):
        raise ValidationError("'process_id' and 'customer' (a Business ID, or the key H-123 of a card without one) "
                              "are required strings; or 'applicant' instead of 'customer'.",
                              code="api.start_customer")
    responsible = body.get("responsible") or g.api_user.username
    if not isinstance(responsible, str):
        raise ValidationError("'responsible' must be a username.")
    data = body.get("data")
    info = _engine().start(process_id, customer, responsible, data, actor=g.api_user.username)
    return jsonify(instance_json(info)), 201


APPLICANT_FIELDS = ("name", "planned_company", "municipality", "phone", "email")


def _start_for_applicant(body: dict[str, Any], applicant: Any) -> ResponseReturnValue:
    """A person without a Business ID (issue 18): the card is made with the instance, for a process that
    accepts such a card (the start-up grant); the answer's customer_business_id is the card's key H-<id>."""
    process_id, responsible = body.get("process_id"), body.get("responsible") or g.api_user.username
    if (not isinstance(process_id, str) or not isinstance(responsible, str) or not isinstance(applicant, dict)
            or set(applicant) - set(APPLICANT_FIELDS) or not all(isinstance(v, str) for v in applicant.values())
            or not applicant.get("name")):      # the card is the person's: no card without a name
        raise ValidationError(f"'process_id' is required, and 'applicant' is an object of texts: "
                              f"{', '.join(APPLICANT_FIELDS)}.", code="api.applicant",
                              params={"fields": ", ".join(APPLICANT_FIELDS)})
    info = _engine().start_for_prospect(process_id, dict(applicant), responsible, body.get("data"),
                                        actor=g.api_user.username)
    return jsonify(instance_json(info)), 201


@bp.get("/instances/<id:instance_id>")
@token_required(*WORKERS)
def get_instance(instance_id: int) -> ResponseReturnValue:
    return jsonify(instance_json(_engine().instance(instance_id, viewer=g.api_user.username)))


@bp.get("/inbox")
@token_required(*WORKERS)
def inbox() -> ResponseReturnValue:
    limit = min(max(request.args.get("limit", 50, type=int) or 50, 1), 200)
    offset = min(max(request.args.get("offset", 0, type=int) or 0, 0), MAX_OFFSET)
    tasks = _engine().inbox(g.api_user.username, limit=limit, offset=offset)
    return jsonify({"tasks": localized(tasks), "limit": limit, "offset": offset})


@bp.get("/tasks/<task_id>")
@token_required(*WORKERS)
def get_task(task_id: str) -> ResponseReturnValue:
    return jsonify(with_calls([_engine().task(task_id, api_language(), viewer=g.api_user.username).as_json()])[0])


@bp.post("/tasks/<task_id>/claim")
@token_required(*WORKERS)
def claim(task_id: str) -> ResponseReturnValue:
    return jsonify(localized([_engine().claim(task_id, g.api_user.username)])[0])


@bp.post("/tasks/<task_id>/complete")
@token_required(*WORKERS)
def complete(task_id: str) -> ResponseReturnValue:
    body = _json_body()
    data = body.get("data", {})
    expected = body.get("expected_version")
    if expected is not None and (isinstance(expected, bool) or not isinstance(expected, int)):
        raise ValidationError("'expected_version' must be an integer.")
    info = _engine().complete(task_id, g.api_user.username, data, expected_version=expected)
    return jsonify(instance_json(info))


@bp.post("/tasks/<task_id>/complete-call")
@token_required(*WORKERS)
def complete_call(task_id: str) -> ResponseReturnValue:
    """The joint aftercare call of `task_id` as one: every service's task with its own section's answers,
    all or nothing (the page's call form does the same)."""
    sections = _json_body().get("sections")
    if not isinstance(sections, dict) or not all(isinstance(v, dict) for v in sections.values()):
        raise ValidationError("'sections' must be an object: each task id of the call -> its form data.")
    call = _engine().complete_call(task_id, g.api_user.username, sections)
    return jsonify({"call": {"id": call.id, "task_ids": list(call.task_ids), "services": call.services},
                    "completed": list(call.task_ids)})


def _version_number(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
        raise ValidationError(f"'{name}' must be a version number (a whole number from 1).")
    return value


def _strings(body: dict[str, Any], name: str, allowed: set[str] | None = None) -> dict[str, str]:
    value = body.get(name) or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValidationError(f"'{name}' must be an object of strings.")
    if allowed is not None and set(value) - allowed:
        raise ValidationError(f"'{name}' may name only {', '.join(sorted(allowed))}.")
    return value


def _migrate(process_key: str, dry_run: bool) -> ResponseReturnValue:
    body = _json_body()
    where = Filter(**_strings(body, "where", {"element", "customer", "responsible"}))
    report = _engine().migrate(process_key, _version_number(body, "from"), _version_number(body, "to"),
                               g.api_user.username, where=where, mapping=_strings(body, "mapping"), dry_run=dry_run)
    return jsonify(report.as_json())


@bp.post("/processes/<process_key>/migrations/dry-run")
@token_required(*OWNERS_AND_MANAGERS)
def migration_dry_run(process_key: str) -> ResponseReturnValue:
    return _migrate(process_key, dry_run=True)


@bp.post("/processes/<process_key>/migrations")
@token_required(*OWNERS_AND_MANAGERS)
def migrate(process_key: str) -> ResponseReturnValue:
    return _migrate(process_key, dry_run=False)
