"""JSON API under /api/v1 with bearer-token auth. Its OpenAPI document: /api/v1/openapi.json.

Who may read or act on which task and instance is decided by the engine, by the same rule the pages
use (engine.runtime.access); this module checks only that the token's user holds a working role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, current_app, g, jsonify, request
from flask.typing import ResponseReturnValue

from engine import Engine, Role, ValidationError
from engine.runtime.migration import Filter
from webui.extensions import engine_of
from webui.openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
F = TypeVar("F", bound=Callable[..., ResponseReturnValue])
WORKERS = (Role.EXPERT, Role.MANAGER, Role.ADMIN)
OWNERS_AND_MANAGERS = (Role.PROCESS_OWNER, Role.MANAGER, Role.ADMIN)   # as the migration pages
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
                return jsonify({"error": "Send a valid API token as 'Authorization: Bearer <token>'.",
                                "type": "Unauthorized"}), 401, {"WWW-Authenticate": "Bearer"}
            if roles and not {r.value for r in roles} & set(user.role_names):
                return jsonify({"error": f"{user.username} lacks the role for this "
                                         f"({', '.join(r.value for r in roles)}).", "type": "Forbidden"}), 403
            g.api_user = user
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


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
def start_instance() -> ResponseReturnValue:
    body = _json_body()
    process_id, customer = body.get("process_id"), body.get("customer")
    if not isinstance(process_id, str) or not isinstance(customer, str):
        raise ValidationError("'process_id' and 'customer' (a Business ID) are required strings.")
    responsible = body.get("responsible") or g.api_user.username
    if not isinstance(responsible, str):
        raise ValidationError("'responsible' must be a username.")
    data = body.get("data")
    info = _engine().start(process_id, customer, responsible, data, actor=g.api_user.username)
    return jsonify(info.as_json()), 201


@bp.get("/instances/<id:instance_id>")
@token_required(*WORKERS)
def get_instance(instance_id: int) -> ResponseReturnValue:
    return jsonify(_engine().instance(instance_id, viewer=g.api_user.username).as_json())


@bp.get("/inbox")
@token_required(*WORKERS)
def inbox() -> ResponseReturnValue:
    limit = min(max(request.args.get("limit", 50, type=int) or 50, 1), 200)
    offset = min(max(request.args.get("offset", 0, type=int) or 0, 0), MAX_OFFSET)
    tasks = _engine().inbox(g.api_user.username, limit=limit, offset=offset)
    return jsonify({"tasks": [t.as_json() for t in tasks], "limit": limit, "offset": offset})


@bp.get("/tasks/<task_id>")
@token_required(*WORKERS)
def get_task(task_id: str) -> ResponseReturnValue:
    return jsonify(_engine().task(task_id, viewer=g.api_user.username).as_json())


@bp.post("/tasks/<task_id>/claim")
@token_required(*WORKERS)
def claim(task_id: str) -> ResponseReturnValue:
    return jsonify(_engine().claim(task_id, g.api_user.username).as_json())


@bp.post("/tasks/<task_id>/complete")
@token_required(*WORKERS)
def complete(task_id: str) -> ResponseReturnValue:
    body = _json_body()
    data = body.get("data", {})
    expected = body.get("expected_version")
    if expected is not None and (isinstance(expected, bool) or not isinstance(expected, int)):
        raise ValidationError("'expected_version' must be an integer.")
    info = _engine().complete(task_id, g.api_user.username, data, expected_version=expected)
    return jsonify(info.as_json())


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
