"""The experts' pages: the inbox, a task with its form, and starting a service."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from engine import (
    ConflictError,
    Engine,
    FormValidationError,
    NotFound,
    PalvelupolkuError,
    PermissionDenied,
    Role,
    ValidationError,
)
from engine.runtime.forms import parse_date
from engine.runtime.queries import InboxFilter
from webui import formreturn
from webui.extensions import engine_of
from webui.i18n import day, field_errors, language
from webui.labels import person, process_name
from webui.messages import error_text, stopped_text
from webui.pages import page_arg, submitted_values
from webui.saved_filters import saved_filters_of
from webui.security import role_required

bp = Blueprint("tasks", __name__)
WORKERS = (Role.EXPERT, Role.MANAGER)
CARD_CONTACT_CHOICE = "yhteyshenkilo_kortilta"   # the select of the card's contacts beside the contact-person field
NOT_FORM_FIELDS = {"csrf_token", "expected_version", "action", CARD_CONTACT_CHOICE}


def _engine() -> Engine:
    return engine_of(current_app)


def _inline() -> bool:
    """A request from the page's own script (progressive enhancement), answered without a redirect."""
    return request.headers.get("X-Requested-With") == "fetch"


@bp.get("/")
@login_required
def home() -> ResponseReturnValue:
    """Each role lands on what it needs first: an expert on the inbox, a manager on the team's load
    (overdue and aftercare per person and group), a process owner on the processes with their
    validation state and drafts; others on a page of links."""
    for role, endpoint in ((Role.EXPERT, "tasks.inbox"), (Role.MANAGER, "manage.team"),
                           (Role.PROCESS_OWNER, "processes.index"), (Role.MANAGER, "tasks.inbox")):
        if current_user.has_role(role.value) and endpoint in current_app.view_functions:
            return redirect(url_for(endpoint))
    return render_template("tasks/welcome.html")


def _inbox_filter() -> InboxFilter:
    args = request.args
    return InboxFilter(tab=args.get("tab", "mine") if args.get("tab") in {"mine", "group", "all"} else "mine",
                       process_key=args.get("process") or None, business_id=args.get("customer") or None,
                       due=args.get("due") if args.get("due") in {"overdue", "week"} else None,
                       q=args.get("q", "")[:100], page=page_arg(args.get("page")), per_page=25)


@bp.get("/inbox")
@role_required(*WORKERS)
def inbox() -> ResponseReturnValue:
    f = _inbox_filter()
    page = _engine().inbox_page(current_user.username, f)
    if "tab" not in request.args and not page.counts["mine"] and page.counts["group"]:
        # Open on the tab that has the user's work: their own, else their groups' unclaimed tasks.
        f = replace(f, tab="group")
        page = _engine().inbox_page(current_user.username, f)
    template = "tasks/_inbox_body.html" if request.args.get("partial") else "tasks/inbox.html"
    processes = _engine().processes()
    return render_template(template, page=page, f=f, processes=processes, saved=saved_filters_of("inbox"),
                           process_names={p.process_key: p.name for p in processes})


def _task_or_404(task_id: str) -> Any:
    """The task when it exists (None: a 404); PermissionDenied (a 403) when it is not the user's to see."""
    try:
        return _engine().task(task_id, viewer=current_user.username, lang=language())
    except NotFound:
        return None


@bp.get("/tasks/<task_id>")
@role_required(*WORKERS)
def task(task_id: str) -> ResponseReturnValue:
    info = _task_or_404(task_id)
    if info is None:
        return render_template("errors/error.html", status=404, message=_("No such task.")), 404
    kept = formreturn.take(f"task:{task_id}")
    if kept is not None and info.status == "open":
        return _task_page(info, *kept)
    return _task_page(info)


def _task_page(info: Any, values: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
               status: int = 200) -> ResponseReturnValue:
    eng = _engine()
    instance = eng.instance(info.instance_id)
    customer, path = eng.service_path(instance.customer_business_id)
    experts = eng.hand_over_candidates(info.id, current_user.username)     # the engine's rule, which it enforces
    # One state at a time, and only the assignee fills the form: an unclaimed task is claimed first
    # (its form shown read-only), so nobody types into a form someone else may be filling.
    mine = info.assignee == current_user.username
    state = ("completed" if info.status == "completed" else "closed" if info.status != "open"
             else "mine" if mine else "unclaimed" if info.assignee is None else "other")
    may_claim = state == "unclaimed" and info.candidate_group in current_user.groups
    may_hand_over = state in ("mine", "other", "unclaimed") and (mine or current_user.has_role(Role.MANAGER.value))
    context = eng.task_context(info.id, current_user.username, language())   # issue 18: not asked twice
    return render_template("tasks/task.html", task=info, instance=instance, customer=customer, path=path,
                           values=values if values is not None else {**_defaults(info), **context.prefill},
                           errors=errors or {}, experts=experts, may_work=state == "mine", state=state,
                           may_claim=may_claim, may_hand_over=may_hand_over, submitted=_submitted(info, instance),
                           context=context), status


def _submitted(info: Any, instance: Any) -> list[tuple[str, Any]]:
    """A completed task's data as it was submitted, as (label, value) pairs in the form's order and
    language: enum values by their names, dates day first."""
    if info.status != "completed":
        return []
    entry = next((e for e in reversed(instance.history or [])
                  if e.kind == "complete" and e.task_id == info.id), None)
    data = (entry.data or {}) if entry else {}
    pairs: list[tuple[str, Any]] = []
    for f in info.form:
        if f["id"] not in data:
            continue
        value = data[f["id"]]
        if f["type"] == "enum" and isinstance(value, list):   # several options chosen
            names = {o["id"]: o["name"] for o in f.get("options", [])}
            value = ", ".join(names.get(v, v) for v in value)
        elif f["type"] == "enum":
            value = next((o["name"] for o in f.get("options", []) if o["id"] == value), value)
        elif f["type"] == "date" and isinstance(value, str):
            try:
                value = day(parse_date(value))
            except ValueError:
                pass
        pairs.append((f["label"], value))
    return pairs


def _label(info: Any, field_id: str, params: dict[str, Any]) -> Any:
    """The field's label in the page's language (the engine's error speaks of the model's Finnish one)."""
    return next((f["label"] for f in info.form if f["id"] == field_id), params.get("label"))


def _defaults(info: Any) -> dict[str, Any]:
    return {f["id"]: f["default"] for f in info.form if f.get("default") is not None}


@bp.post("/tasks/<task_id>/claim")
@role_required(*WORKERS)
def claim(task_id: str) -> ResponseReturnValue:
    return _act(task_id, lambda: _engine().claim(task_id, current_user.username), _("Task claimed."))


@bp.post("/tasks/<task_id>/unclaim")
@role_required(*WORKERS)
def unclaim(task_id: str) -> ResponseReturnValue:
    return _act(task_id, lambda: _engine().unclaim(task_id, current_user.username),
                _("Task returned to its group."), to_inbox=True)


@bp.post("/tasks/<task_id>/handover")
@role_required(*WORKERS)
def handover(task_id: str) -> ResponseReturnValue:
    to_user, note = request.form.get("to_user", ""), request.form.get("note", "")
    return _act(task_id, lambda: _engine().assign(task_id, to_user, current_user.username, note),
                _("Task handed over to %(user)s.", user=person(to_user)), to_inbox=True)


def _act(task_id: str, action: Any, done: str, to_inbox: bool = False) -> ResponseReturnValue:
    try:
        action()
    except (ConflictError, PermissionDenied, ValidationError, NotFound) as exc:
        if _inline():
            return {"ok": False, "message": error_text(exc)}, 409
        flash(error_text(exc), "error")
        return redirect(url_for("tasks.task", task_id=task_id) if not to_inbox else request.referrer or
                        url_for("tasks.inbox"))
    if _inline():
        return {"ok": True, "message": done}
    flash(done, "success")
    return redirect(url_for("tasks.inbox") if to_inbox else url_for("tasks.task", task_id=task_id))


@bp.post("/tasks/<task_id>/complete")
@role_required(*WORKERS)
def complete(task_id: str) -> ResponseReturnValue:
    info = _task_or_404(task_id)
    if info is None:
        return render_template("errors/error.html", status=404, message=_("No such task.")), 404
    values = submitted_values(NOT_FORM_FIELDS)
    if request.form.get(CARD_CONTACT_CHOICE):   # a contact picked from the card wins over the typed name
        values["yhteyshenkilo"] = request.form[CARD_CONTACT_CHOICE]
    expected = request.form.get("expected_version", type=int)
    try:
        instance = _engine().complete(task_id, current_user.username, values, expected_version=expected)
    except FormValidationError as exc:
        flash(_("Check the marked fields."), "error")
        codes = {k: (code, {**params, "label": _label(info, k, params)})
                 for k, (code, params) in exc.field_codes.items()}
        errors = field_errors(codes, exc.field_errors)
        if not _inline():
            again = formreturn.see_other(f"task:{task_id}", values, errors, url_for("tasks.task", task_id=task_id))
            if again is not None:
                return again
        return _task_page(info, values, errors, 422)
    except (ConflictError, PermissionDenied) as exc:
        flash(error_text(exc), "error")
        return redirect(url_for("tasks.task", task_id=task_id))
    flash(_("Task '%(name)s' completed.", name=info.name), "success")
    if instance.status == "error":
        why = stopped_text(instance.error_message)[0]
        flash(_("The next step failed and is waiting for a manager: %(error)s", error=why), "error")
    return redirect(url_for("tasks.inbox"))


@bp.get("/start")
@role_required(*WORKERS)
def start() -> ResponseReturnValue:
    kept = formreturn.take("start")
    if kept is not None:
        return _start_page(kept[0])
    return _start_page({"customer": request.args.get("customer", ""), "responsible": current_user.username})


def _start_page(values: dict[str, str], status: int = 200, prospect: dict[str, str] | None = None,
                prospect_errors: dict[str, str] | None = None) -> ResponseReturnValue:
    eng = _engine()
    startable = [p for p in eng.processes() if p.startable]
    return render_template("tasks/start.html", processes=startable, values=values,
                           prospect=prospect or {"responsible": values.get("responsible", current_user.username)},
                           prospect_errors=prospect_errors or {}, for_prospects=[p for p in startable
                                                                                 if p.accepts_prospects],
                           experts=eng.users(Role.EXPERT.value), customers=eng.customers(per_page=200).items), status


PROSPECT_FIELDS = ("name", "planned_company", "municipality", "phone", "email")


def _problems(exc: PalvelupolkuError) -> dict[str, str]:
    """A refused card's problems ("field: sentence") by field, to mark the fields of the form."""
    found = {key: message for key, sep, message in (str(p).partition(": ") for p in getattr(exc, "problems", []))
             if sep and key in PROSPECT_FIELDS}
    return found


@bp.post("/start/prospect")
@role_required(*WORKERS)
def start_prospect() -> ResponseReturnValue:
    """Start a process that allows it (the start-up grant) for a person without a Business ID: the card
    and the instance are made together (engine: Engine.start_for_prospect)."""
    values = {k: request.form.get(k, "").strip() for k in ("process", "responsible", *PROSPECT_FIELDS)}
    person = {k: values[k] for k in PROSPECT_FIELDS}
    try:
        info = _engine().start_for_prospect(values["process"], person, values["responsible"] or current_user.username,
                                            actor=current_user.username)
    except (NotFound, ValidationError) as exc:
        flash(error_text(exc), "error")
        return _start_page({"responsible": values["responsible"]}, 422, values, _problems(exc))
    flash(_("Started %(process)s for %(customer)s (customer card %(key)s, no Business ID yet).",
            process=process_name(info.process_key), customer=info.customer_name, key=info.customer_business_id),
          "success")
    mine = [t for t in info.open_tasks if t.assignee == current_user.username]
    return redirect(url_for("tasks.task", task_id=mine[0].id) if mine else url_for("tasks.inbox"))


@bp.post("/start")
@role_required(*WORKERS)
def start_post() -> ResponseReturnValue:
    values = {k: request.form.get(k, "").strip() for k in ("process", "customer", "responsible")}
    try:
        info = _engine().start(values["process"], values["customer"], values["responsible"] or current_user.username,
                               actor=current_user.username)
    except (NotFound, ValidationError) as exc:
        flash(error_text(exc), "error")
        return formreturn.see_other("start", values, {}, url_for("tasks.start")) or _start_page(values, 422)
    flash(_("Started %(process)s for %(customer)s.", process=process_name(info.process_key),
            customer=info.customer_name),
          "success")
    mine = [t for t in info.open_tasks if t.assignee == current_user.username]
    return redirect(url_for("tasks.task", task_id=mine[0].id) if mine else url_for("tasks.inbox"))
