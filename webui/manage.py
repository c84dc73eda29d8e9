"""The service managers' pages: the instance list with its CSV export, one instance with the
actions on it (reassign a task, hand over responsibility, retry, cancel), and the team's load."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from engine import (
    HELSINKI,
    AuditKind,
    ConflictError,
    InstanceStatus,
    NotFound,
    PermissionDenied,
    ProcessError,
    Role,
    ValidationError,
)
from engine.office.crm import Period
from engine.runtime.queries import SORTS, InstanceFilter, InstanceRow
from webui.context import engine_now
from webui.i18n import language, status_label
from webui.labels import data_items, person, process_name
from webui.messages import error_text, history_text, stopped_text
from webui.pages import MANAGERS, MAX_ID, bounded_date, current_engine
from webui.saved_filters import saved_filters_of
from webui.security import role_required

bp = Blueprint("manage", __name__, url_prefix="/manage")
# NotFound too: an unknown expert in a forged form is told like any other refusal
ACTION_ERRORS = (ValidationError, ConflictError, ProcessError, PermissionDenied, NotFound)
PER_PAGE = 50
READERS = (Role.EXPERT, *MANAGERS)   # who may open one instance's page: see engine.runtime.access
OVERDUE_LOOKBACK_DAYS = 3 * 366   # as the aftercare dashboard's longest period (webui.crm.MAX_DAYS)
LATE_SHOWN = 20                   # on the landing page; the instance list has them all
ASCENDING_FIRST = {"process", "status", "responsible", "customer"}   # started and id: newest first
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

KIND_LABELS = {
    AuditKind.START: _l("Started"), AuditKind.CLAIM: _l("Claimed"), AuditKind.UNCLAIM: _l("Given back"),
    AuditKind.ASSIGN: _l("Reassigned"), AuditKind.HANDOVER: _l("Responsibility handed over"),
    AuditKind.COMPLETE: _l("Completed"), AuditKind.TIMER_FIRED: _l("Timer fired"),
    AuditKind.MESSAGE_SENT: _l("Message sent"), AuditKind.MESSAGE_DELIVERED: _l("Message delivered"),
    AuditKind.MESSAGE_UNDELIVERED: _l("Message not delivered"), AuditKind.ERROR: _l("Error"),
    AuditKind.RETRY: _l("Retried"), AuditKind.CANCEL: _l("Cancelled"), AuditKind.END: _l("Ended"),
    AuditKind.DEPLOY: _l("Deployed"), AuditKind.MIGRATE: _l("Moved to another version"),
}


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"kind_label": lambda kind: str(KIND_LABELS.get(kind, kind)), "data_items": data_items,
            "has_endpoint": lambda name: name in current_app.view_functions}




def _not_found(instance_id: int) -> ResponseReturnValue:
    message = _("Instance %(id)s does not exist.", id=instance_id)
    return render_template("errors/error.html", status=404, message=message), 404


# --- the instance list and its CSV export ------------------------------------------------------------

def _date_arg(args: Mapping[str, str], name: str, errors: dict[str, str]) -> date | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    try:
        return bounded_date(value)
    except ValueError:
        errors[name] = _("Give the date like 26.11.2026 (day.month.year), between 2000 and 2100.")
        return None


def _version_arg(args: Mapping[str, str], errors: dict[str, str]) -> int | None:
    value = args.get("version", "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) <= MAX_ID:
        errors["version"] = _("The version is a whole number like 1.")
        return None
    return int(value)


def _int_arg(args: Mapping[str, str], name: str, default: int, highest: int) -> int:
    value = args.get(name, "")
    return min(int(value), highest) if value.isdigit() and int(value) > 0 else default


def instance_filter(args: Mapping[str, str]) -> tuple[InstanceFilter, dict[str, str]]:
    """The list's filter from the query string, and a message per field that could not be read
    (such a field filters nothing)."""
    errors: dict[str, str] = {}
    status = args.get("status", "")
    sort = args.get("sort", "") if args.get("sort") in SORTS else "started"
    direction = args.get("dir", "")
    descending = direction == "desc" if direction in {"asc", "desc"} else sort not in ASCENDING_FIRST
    f = InstanceFilter(
        process_key=args.get("process") or None, version=_version_arg(args, errors),
        status=status if status in set(InstanceStatus) else None, responsible=args.get("responsible") or None,
        customer=args.get("customer", "")[:100], started_from=_date_arg(args, "from", errors),
        started_to=_date_arg(args, "to", errors), overdue_aftercare=args.get("overdue") == "1",
        in_error=args.get("error") == "1", sort=sort, descending=descending,
        page=_int_arg(args, "page", 1, MAX_ID), per_page=_int_arg(args, "per_page", PER_PAGE, 200))
    return f, errors


def _sort_headers(f: InstanceFilter) -> dict[str, dict[str, str]]:
    """Per sortable column: the link sorting by it (the active one toggles) and its aria-sort value."""
    args: dict[str, Any] = request.args.to_dict()
    out = {}
    for key in SORTS:
        active = key == f.sort
        descending = not f.descending if active else key not in ASCENDING_FIRST
        url = url_for("manage.instances", **{**args, "sort": key, "dir": "desc" if descending else "asc", "page": 1})
        out[key] = {"url": url, "aria": ("descending" if f.descending else "ascending") if active else ""}
    return out


@bp.get("/instances")
@role_required(*MANAGERS)
def instances() -> ResponseReturnValue:
    f, errors = instance_filter(request.args)
    eng = current_engine()
    page = eng.instances(f)
    export_args: dict[str, Any] = {k: v for k, v in request.args.items() if k not in {"page", "per_page"}}
    return render_template("manage/instances.html", page=page, f=f, errors=errors, args=request.args,
                           processes=eng.processes(), experts=eng.users(Role.EXPERT.value),
                           statuses=list(InstanceStatus), sorts=_sort_headers(f),
                           saved=saved_filters_of("instances"),
                           export_url=url_for("manage.export", **export_args))


def csv_cell(value: Any) -> Any:
    """Times in Helsinki ISO format; text a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's advice against CSV injection), so `=HYPERLINK(...)` stays text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(HELSINKI).isoformat(timespec="seconds")
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def _csv_header() -> list[str]:
    """In the reader's language; the process id, status code and username columns stay machine-readable."""
    return [_("Instance"), _("Process id"), _("Process name"), _("Version"), _("Status"), _("Status code"),
            _("Business ID"), _("Customer"), _("Responsible expert"), _("Username of the responsible expert"),
            _("Started"), _("Ended"), _("Started from instance"), _("Error")]


def _csv_values(row: InstanceRow) -> list[Any]:
    return [row.id, row.process_key, process_name(row.process_key), row.version, status_label(row.status),
            row.status, row.customer_business_id, row.customer_name, person(row.responsible), row.responsible,
            row.started_at, row.ended_at, row.parent_id, row.error_message]


def csv_lines(header: list[str], rows: Iterator[InstanceRow], flush_at: int = 64 * 1024) -> Iterator[str]:
    """UTF-8 with a BOM and `;` between cells, as Excel set to Finnish opens it; in chunks of ~64 kB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in _csv_values(row)])
        if buffer.tell() >= flush_at:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@bp.get("/instances.csv")
@role_required(*MANAGERS)
def export() -> ResponseReturnValue:
    f, _unreadable = instance_filter(request.args)
    lines = csv_lines(_csv_header(), current_engine().export_instances(f))
    filename = f"instances-{engine_now().astimezone(HELSINKI):%Y%m%d-%H%M}.csv"
    return Response(stream_with_context(lines), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


# --- one instance and the actions on it --------------------------------------------------------------

@bp.get("/instances/<id:instance_id>")
@role_required(*READERS)
def instance(instance_id: int) -> ResponseReturnValue:
    """Managers see and act; an expert may read an instance that is theirs or their group's (the
    engine's rule, the same as the API's), without the actions."""
    if instance_id > MAX_ID:
        return _not_found(instance_id)
    eng = current_engine()
    try:
        info = eng.instance(instance_id, viewer=current_user.username)
    except NotFound:
        return _not_found(instance_id)
    return render_template("manage/instance.html", info=info, experts=eng.users(Role.EXPERT.value),
                           may_act=current_user.has_role(*(r.value for r in MANAGERS)),
                           texts=eng.model_texts(info.process_key, info.version))


@bp.get("/instances/<id:instance_id>/diagram.json")
@role_required(*READERS)
def instance_diagram(instance_id: int) -> ResponseReturnValue:
    """The instance's model and its marks (element states, taken flows, history per element)."""
    if instance_id > MAX_ID:
        return _not_found(instance_id)
    eng = current_engine()
    state = eng.instance_diagram(instance_id, viewer=current_user.username)
    info = eng.instance(instance_id)
    _version, xml = eng.process_version(info.process_key, info.version)
    texts = eng.model_texts(info.process_key, info.version)
    marks = state.as_json()
    # Labels, not keys: each entry's data as (label, value as the form shows it), people by name.
    for element_id, entries in marks.get("history", {}).items():
        for entry in entries:
            entry["items"] = data_items(entry.get("data"), texts, element_id)
            entry["actor"] = person(entry.get("actor"))
            if entry.get("kind") == "created":
                entry["message"] = texts.name(element_id, language(), entry.get("message", ""))
            else:
                entry["message"] = history_text({**entry, "element_id": element_id}, texts)
    names = {element_id: texts.name(element_id, language()) for element_id in marks.get("elements", {})}
    return jsonify({"xml": xml, **marks, "names": names})


def _act(instance_id: int, action: Callable[[], Any], done: str) -> ResponseReturnValue:
    """Run one engine action; a refusal is flashed as the engine's sentence. Back to the instance either way."""
    try:
        result = action()
    except ACTION_ERRORS as exc:
        flash(error_text(exc), "error")
    else:
        flash(done, "success")
        if getattr(result, "status", None) == InstanceStatus.ERROR:
            flash(_("The step failed again: %(error)s", error=stopped_text(result.error_message)[0]), "error")
    return redirect(url_for("manage.instance", instance_id=instance_id))


def _form(name: str) -> str:
    return request.form.get(name, "").strip()


@bp.post("/instances/<id:instance_id>/tasks/<task_id>/reassign")
@role_required(*MANAGERS)
def reassign(instance_id: int, task_id: str) -> ResponseReturnValue:
    to_user = _form("to_user")
    return _act(instance_id, lambda: current_engine().assign(task_id, to_user, current_user.username, _form("note")),
                _("Task reassigned to %(user)s.", user=person(to_user)))


@bp.post("/instances/<id:instance_id>/hand-over")
@role_required(*MANAGERS)
def hand_over(instance_id: int) -> ResponseReturnValue:
    to_user = _form("to_user")
    seen = _form("version")
    expected = int(seen) if seen.isdigit() and len(seen) < 10 else None   # the version the page showed
    return _act(instance_id, lambda: current_engine().hand_over(instance_id, to_user, current_user.username,
                                                                 _form("note"), expected_version=expected),
                _("Responsibility handed over to %(user)s.", user=person(to_user)))


@bp.post("/instances/<id:instance_id>/retry")
@role_required(*MANAGERS)
def retry(instance_id: int) -> ResponseReturnValue:
    return _act(instance_id, lambda: current_engine().retry(instance_id, current_user.username),
                _("The failed step was retried."))


@bp.post("/instances/<id:instance_id>/cancel")
@role_required(*MANAGERS)
def cancel(instance_id: int) -> ResponseReturnValue:
    return _act(instance_id, lambda: current_engine().cancel(instance_id, current_user.username, _form("reason")),
                _("Instance %(id)s cancelled.", id=instance_id))


# --- the team's load ---------------------------------------------------------------------------------

@bp.get("/team")
@role_required(*MANAGERS)
def team() -> ResponseReturnValue:
    eng = current_engine()
    people, groups = eng.team()
    totals = {key: sum(getattr(load, key) for load in people + groups) for key in ("open", "overdue", "aftercare")}
    names = {u.username: u.display_name for u in eng.users()}
    # The manager's landing page: first the aftercare calls past their 14 days (the aftercare dashboard's
    # outcomes, over the longest period the dashboard allows), the longest overdue first; then the load.
    today = engine_now().astimezone(HELSINKI).date()
    late = sorted((o for o in eng.aftercare_outcomes(Period(today - timedelta(days=OVERDUE_LOOKBACK_DAYS), today))
                   if o.overdue), key=lambda o: o.deadline)
    return render_template("manage/team.html", people=people, groups=groups, totals=totals, names=names,
                           late=late[:LATE_SHOWN], late_total=len(late), today=today)
