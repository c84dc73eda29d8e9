"""The API operations other systems build on (issue 21): instance and task lists with the pages'
filters and paging, customers and their contact persons, giving back and handing over tasks, the
managers' actions on instances (hand-over, cancel, retry), messages from outside, deploying a BPMN
file, and the event feed.

Each view parses, makes one engine call and answers; the roles are those of the matching page, and
which instance or task a user may see or act on is the engine's rule (engine.runtime.access). The
token check, the caller's language and idempotency keys come from webui.api; error bodies from
webui.errors."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request
from flask.typing import ResponseReturnValue

from engine import Engine, ValidationError
from engine.models import Customer
from engine.office.customers import CONTACT_FIELDS, CUSTOMER_FIELDS
from engine.runtime.queries import InboxFilter
from webui.api import MANAGERS, OWNERS, WORKERS, idempotent, instance_json, localized, token_required
from webui.extensions import engine_of
from webui.manage import instance_filter
from webui.pages import page_arg

bp = Blueprint("api_integrations", __name__, url_prefix="/api/v1")
MAX_PER_PAGE = 200
MAX_BPMN_BYTES = 10 * 1024 * 1024
TABS = {"mine", "group", "all"}


def _engine() -> Engine:
    return engine_of(current_app)


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationError("Send a JSON object as the request body (Content-Type: application/json).")
    return body


def _text(body: dict[str, Any], name: str, required: bool = True) -> str:
    value = body.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError(f"'{name}' is a required text." if required else f"'{name}' must be a text.")
    return value


def _only(body: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise ValidationError(f"A {what} has no field {', '.join(repr(u) for u in unknown)}; "
                              f"it has {', '.join(allowed)}.")


def _per_page(default: int) -> int:
    value = request.args.get("per_page", "")
    return min(int(value[:6]), MAX_PER_PAGE) if value.isdigit() and int(value[:6]) > 0 else default


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _page(items: list[Any], page: Any) -> dict[str, Any]:
    return {"items": items, "total": page.total, "page": page.page, "per_page": page.per_page,
            "pages": page.pages, "capped": page.capped}


# --- instances and tasks: the lists of the pages -----------------------------------------------------

@bp.get("/instances")
@token_required(*MANAGERS)
def list_instances() -> ResponseReturnValue:
    """The managers' instance list: the same filters, sort and paging as /manage/instances."""
    args = {**request.args.to_dict(), "per_page": str(_per_page(50))}
    f, errors = instance_filter(args)
    if errors:
        raise ValidationError(" ".join(f"{k}: {v}" for k, v in errors.items()),
                              [f"{k}: {v}" for k, v in errors.items()])
    page = _engine().instances(f)
    return jsonify(_page([_plain(asdict(row)) for row in page.items], page))


@bp.get("/tasks")
@token_required(*WORKERS)
def list_tasks() -> ResponseReturnValue:
    """The inbox page's list: tabs mine / group / all, process, customer, due, search, paging."""
    args = request.args
    tab = args.get("tab", "mine")
    due = args.get("due") or None
    if tab not in TABS or due not in (None, "overdue", "week"):
        raise ValidationError("'tab' is mine, group or all; 'due' is overdue or week.")
    f = InboxFilter(tab=tab, process_key=args.get("process") or None, business_id=args.get("customer") or None,
                    due=due, q=args.get("q", "")[:100], page=page_arg(args.get("page")), per_page=_per_page(25))
    found = _engine().inbox_page(g.api_user.username, f)
    return jsonify({**_page(localized(found.tasks.items), found.tasks), "counts": found.counts})


@bp.post("/tasks/<task_id>/unclaim")
@token_required(*WORKERS)
def unclaim(task_id: str) -> ResponseReturnValue:
    return jsonify(localized([_engine().unclaim(task_id, g.api_user.username)])[0])


@bp.post("/tasks/<task_id>/hand-over")
@token_required(*WORKERS)
def hand_over_task(task_id: str) -> ResponseReturnValue:
    """Give a task to another expert (the rules of the task page's hand-over)."""
    body = _json_body()
    info = _engine().assign(task_id, _text(body, "to"), g.api_user.username, _text(body, "note", required=False))
    return jsonify(localized([info])[0])


# --- managers' actions on an instance ---------------------------------------------------------------------

def _expected_version(body: dict[str, Any]) -> int | None:
    value = body.get("expected_version")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31):
        raise ValidationError("'expected_version' must be the instance's lock_version (a whole number).")
    return value


@bp.post("/instances/<id:instance_id>/hand-over")
@token_required(*MANAGERS)
def hand_over_instance(instance_id: int) -> ResponseReturnValue:
    body = _json_body()
    info = _engine().hand_over(instance_id, _text(body, "to"), g.api_user.username, _text(body, "note"),
                               expected_version=_expected_version(body))
    return jsonify(instance_json(info))


@bp.post("/instances/<id:instance_id>/cancel")
@token_required(*MANAGERS)
def cancel(instance_id: int) -> ResponseReturnValue:
    body = _json_body()
    return jsonify(instance_json(_engine().cancel(instance_id, g.api_user.username, _text(body, "reason"))))


@bp.post("/instances/<id:instance_id>/retry")
@token_required(*MANAGERS)
def retry(instance_id: int) -> ResponseReturnValue:
    return jsonify(instance_json(_engine().retry(instance_id, g.api_user.username)))


# --- messages from outside ----------------------------------------------------------------------------------

@bp.post("/messages")
@token_required(*WORKERS)
@idempotent
def correlate() -> ResponseReturnValue:
    """Deliver a message by name to the customer's waiting instance, or start the process whose message
    start event catches it (engine.runtime.instances.deliver)."""
    body = _json_body()
    _only(body, ("name", "customer", "responsible", "data"), "message")
    responsible = body.get("responsible") or g.api_user.username
    if not isinstance(responsible, str):
        raise ValidationError("'responsible' must be a username.")
    data = body.get("data")
    if data is not None and not isinstance(data, dict):
        raise ValidationError("'data' must be an object.")
    ids = _engine().send_message(_text(body, "name"), _text(body, "customer"), responsible, data,
                                 actor=g.api_user.username)
    return jsonify({"instance_ids": ids}), 200


# --- customers -------------------------------------------------------------------------------------------------

def customer_json(customer: Customer) -> dict[str, Any]:
    # `key` is what the card's URLs take: its Business ID, or "H-<id>" while it has none (business_id null)
    return {"key": customer.key, "business_id": customer.business_id, "planned_company": customer.planned_company,
            **{name: getattr(customer, name) for name in CUSTOMER_FIELDS},
            "created_at": customer.created_at.isoformat(),
            "contacts": [{name: getattr(c, name) for name in CONTACT_FIELDS} for c in customer.contacts]}


@bp.get("/customers")
@token_required(*WORKERS)
def list_customers() -> ResponseReturnValue:
    page = _engine().customers(request.args.get("q", "")[:100], page_arg(request.args.get("page")), _per_page(25))
    return jsonify(_page([customer_json(c) for c in page.items], page))


@bp.post("/customers")
@token_required(*WORKERS)
@idempotent
def create_customer() -> ResponseReturnValue:
    body = _json_body()
    _only(body, ("business_id", *CUSTOMER_FIELDS, "contacts"), "company")
    contacts = body.get("contacts", [])
    if not isinstance(contacts, list) or not all(isinstance(c, dict) for c in contacts):
        raise ValidationError("'contacts' must be a list of objects with name, title, phone and email.")
    fields = {k: v for k, v in body.items() if k not in {"business_id", "name", "contacts"}}
    customer = _engine().add_customer(_text(body, "business_id"), _text(body, "name"), contacts=contacts, **fields)
    return jsonify(customer_json(customer)), 201


@bp.get("/customers/<business_id>")
@token_required(*WORKERS)
def get_customer(business_id: str) -> ResponseReturnValue:
    return jsonify(customer_json(_engine().customer(business_id)))


@bp.patch("/customers/<business_id>")
@token_required(*WORKERS)
def update_customer(business_id: str) -> ResponseReturnValue:
    body = _json_body()
    _only(body, (*CUSTOMER_FIELDS, "planned_company"), "change of a company")
    _engine().update_customer(business_id, **body)
    return jsonify(customer_json(_engine().customer(business_id)))


@bp.post("/customers/<business_id>/business-id")
@token_required(*WORKERS)
@idempotent
def record_business_id(business_id: str) -> ResponseReturnValue:
    """A prospective entrepreneur's company was founded: its Business ID goes on the same card."""
    body = _json_body()
    _only(body, ("business_id", "name"), "founded company")
    return jsonify(customer_json(_engine().record_business_id(business_id, _text(body, "business_id"),
                                                              _text(body, "name", required=False),
                                                              actor=g.api_user.username)))


@bp.post("/customers/<business_id>/contacts")
@token_required(*WORKERS)
@idempotent
def add_contact(business_id: str) -> ResponseReturnValue:
    body = _json_body()
    _only(body, CONTACT_FIELDS, "contact person")
    values = {name: body.get(name, "") for name in CONTACT_FIELDS}
    if not all(isinstance(v, str) for v in values.values()):
        raise ValidationError(f"The fields of a contact person ({', '.join(CONTACT_FIELDS)}) are texts.")
    _engine().add_contact(business_id, **values)
    return jsonify(customer_json(_engine().customer(business_id))), 201


# --- deploying a model ------------------------------------------------------------------------------------------

@bp.post("/processes")
@token_required(*OWNERS)
@idempotent
def deploy() -> ResponseReturnValue:
    """Deploy one BPMN file sent as the body (process owners, as the upload page)."""
    name = request.args.get("filename", "upload.bpmn").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    if not name.endswith(".bpmn"):
        raise ValidationError("'filename' must end in .bpmn.")
    source = request.get_data()
    if len(source) > MAX_BPMN_BYTES:
        raise ValidationError("The BPMN file is too large; it may be at most 10 MB.")
    if not source:
        raise ValidationError("Send the BPMN file as the request body (Content-Type: application/xml).")
    deployed = _engine().deploy_edited(source, name, g.api_user.username, {"source": "api", "file": name})
    if not deployed:
        raise ValidationError("The model has no executable process; nothing was deployed.")
    body = {"deployed": [{"process_key": d.process_key, "name": d.name, "version": d.version, "created": d.created,
                          "notice": d.notice} for d in deployed]}
    return jsonify(body), 201 if any(d.created for d in deployed) else 200


# --- the event feed ---------------------------------------------------------------------------------------------

@bp.get("/events")
@token_required(*WORKERS)
def events() -> ResponseReturnValue:
    """What happened after the cursor `after` to instances the caller may read (engine.runtime.feed)."""
    limit = request.args.get("limit", "100")
    if not limit.isdigit() or not 0 < int(limit[:6]) <= 500:
        raise ValidationError("'limit' is a whole number from 1 to 500.")
    page = _engine().events(g.api_user.username, request.args.get("after"), int(limit))
    return jsonify({"events": [e.as_json() for e in page.events], "cursor": page.cursor, "more": page.more})
