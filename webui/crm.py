"""Customer relationship management pages: the aftercare dashboard and its CSV, quality feedback,
key-account portfolios with the contact log, the yearly customer plan, reminders (the outbox and
everyone's notification list). The numbers come from engine.office (crm, portfolios, reminders)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from engine import (
    HELSINKI,
    ConflictError,
    Engine,
    NotFound,
    PalvelupolkuError,
    PermissionDenied,
    Role,
    ValidationError,
    config,
)
from engine.config import SmtpConfig
from engine.office.crm import TOLD_FIELD, ComplianceRow, Dashboard, Period
from engine.office.customers import MINISTRY_SEGMENTS, SERVICE_NEED_SEGMENTS
from engine.office.portfolios import CHANNELS, ContactRequest
from webui import charts
from webui.context import engine_now
from webui.extensions import engine_of
from webui.i18n import language, vocab_label
from webui.labels import option_names, person, process_name, process_names
from webui.manage import csv_cell
from webui.messages import error_text
from webui.pages import bounded_date, bounded_int, submitted_values
from webui.security import role_required

bp = Blueprint("crm", __name__, url_prefix="/crm")
MANAGERS = (Role.MANAGER,)
STAFF = (Role.EXPERT, Role.MANAGER)
FORM_ERRORS = (ValidationError, NotFound, PermissionDenied, ConflictError)
DEFAULT_DAYS = 120
MAX_DAYS = 3 * 366


def _engine() -> Engine:
    return engine_of(current_app)


def _flash_error(exc: Exception) -> None:
    flash(error_text(exc) if isinstance(exc, PalvelupolkuError) else str(exc), "error")


def period_from(args: Mapping[str, str]) -> tuple[Period, str | None]:
    """The period of the query string (`from`, `to`), or the last 120 days; and an error to show."""
    today = engine_now().astimezone(HELSINKI).date()
    default = Period(today - timedelta(days=DEFAULT_DAYS), today)
    try:
        start = bounded_date(args["from"]) if args.get("from") else default.start
        end = bounded_date(args["to"]) if args.get("to") else default.end
    except ValueError:
        return default, _("Give the dates like 26.11.2026 (day.month.year), between 2000 and 2100.")
    if start > end:
        return default, _("The period must start before it ends.")
    if (end - start).days > MAX_DAYS:
        return default, _("Choose a period of at most three years.")
    return Period(start, end), None


# --- the aftercare dashboard ----------------------------------------------------------------------

@bp.get("/aftercare")
@role_required(*MANAGERS)
def aftercare() -> ResponseReturnValue:
    period, error = period_from(request.args)
    if error:
        flash(error, "error")
    board = _engine().aftercare_dashboard(period)
    line = charts.share_line([w.key for w in board.weekly], [w.on_time_share for w in board.weekly])
    bars = charts.paired_bars([(process_name(r.key), r.ended, r.on_time) for r in board.by_process])
    names = {u.username: u.display_name or u.username for u in _engine().users()}
    # the services told of are named as the needs assessment's aftercare form names them (every process has the list)
    told_names = option_names("palvelutarvearvio", "Task_jalkihoito", TOLD_FIELD, [s for s, _n in board.told])
    return render_template("crm/aftercare.html", board=board, line=line, bars=bars, names=names, told_names=told_names,
                           csv_url=url_for("crm.aftercare_csv", **{"from": period.start.isoformat(),
                                                                    "to": period.end.isoformat()}))


def _csv_header() -> list[str]:
    return [_("Group"), _("Process or expert"), _("Name"), _("Services ended"), _("Aftercare done"),
            _("Done within 14 days"),
            _("On-time share"), _("Overdue now"), _("Customers not reached"), _("Median days to aftercare"),
            _("New service needs"), _("Share with new needs"), _("Led to a started service"),
            _("Told of fitting services"), _("Share told of fitting services")]


def _csv_row(group: str, row: ComplianceRow, name: str = "") -> list[Any]:
    def share(v: float | None) -> str:
        return "" if v is None else f"{v * 100:.0f}"

    # the key column stays machine-readable (process id, username, week); the name is the reader's
    return [group, row.key, name or row.key, row.ended, row.done, row.on_time, share(row.on_time_share), row.overdue,
            row.not_reached, "" if row.median_days is None else row.median_days, row.new_needs,
            share(row.new_needs_share), row.led_to_service, row.told_services, share(row.told_share)]


def dashboard_csv(board: Dashboard) -> str:
    """UTF-8 with a BOM and `;` between cells, like the instance list's export."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_csv_header())
    writer.writerow([csv_cell(v) for v in _csv_row(_("All"), board.total)])
    for group, rows, name in ((_("Process"), board.by_process, process_name), (_("Expert"), board.by_expert, person),
                              (_("Week"), board.weekly, str)):
        for row in rows:
            writer.writerow([csv_cell(v) for v in _csv_row(group, row, name(row.key))])
    return buffer.getvalue()


@bp.get("/aftercare.csv")
@role_required(*MANAGERS)
def aftercare_csv() -> ResponseReturnValue:
    period, error = period_from(request.args)
    if error:
        return Response(error, status=400, content_type="text/plain; charset=utf-8")
    body = dashboard_csv(_engine().aftercare_dashboard(period))
    filename = f"aftercare-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    return Response(body, content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.get("/quality")
@role_required(*MANAGERS)
def quality() -> ResponseReturnValue:
    period, error = period_from(request.args)
    if error:
        flash(error, "error")
    names = {**process_names(), **{u.username: u.display_name or u.username for u in _engine().users()}}
    return render_template("crm/quality.html", q=_engine().quality(period), period=period, names=names)


# --- key-account portfolios and the contact log -----------------------------------------------------

@bp.get("/portfolios")
@role_required(*STAFF)
def portfolios() -> ResponseReturnValue:
    eng = _engine()
    return render_template("crm/portfolios.html", portfolios=eng.portfolios(), experts=eng.users("expert"))


def _int_form(name: str, default: int = 0) -> int:
    value = request.form.get(name, "").strip()
    return int(value) if value.isdigit() and len(value) < 7 else default


@bp.post("/portfolios")
@role_required(*STAFF)
def create_portfolio() -> ResponseReturnValue:
    try:
        pid = _engine().create_portfolio(request.form.get("name", ""), request.form.get("owner", ""),
                                         _int_form("interval", -1), actor=current_user.username)
    except FORM_ERRORS as exc:
        _flash_error(exc)
        return redirect(url_for("crm.portfolios"))
    flash(_("Portfolio created."), "success")
    return redirect(url_for("crm.portfolio", portfolio_id=pid))


@bp.get("/portfolios/<id:portfolio_id>")
@role_required(*STAFF)
def portfolio(portfolio_id: int) -> ResponseReturnValue:
    view = _engine().portfolio(portfolio_id)
    return render_template("crm/portfolio.html", view=view, today=engine_now().astimezone(HELSINKI).date())


@bp.post("/portfolios/<id:portfolio_id>/members")
@role_required(*STAFF)
def add_member(portfolio_id: int) -> ResponseReturnValue:
    try:
        name = _engine().add_to_portfolio(portfolio_id, request.form.get("business_id", "")[:20],
                                          current_user.username)
        flash(_("%(name)s added to the portfolio.", name=name), "success")
    except FORM_ERRORS as exc:
        _flash_error(exc)
    return redirect(url_for("crm.portfolio", portfolio_id=portfolio_id))


@bp.post("/portfolios/<id:portfolio_id>/members/<business_id>/remove")
@role_required(*STAFF)
def remove_member(portfolio_id: int, business_id: str) -> ResponseReturnValue:
    try:
        _engine().remove_from_portfolio(portfolio_id, business_id, current_user.username)
        flash(_("Removed from the portfolio."), "success")
    except FORM_ERRORS as exc:
        _flash_error(exc)
    return redirect(url_for("crm.portfolio", portfolio_id=portfolio_id))


@bp.get("/customers/<business_id>/contact")
@role_required(*STAFF)
def contact_form(business_id: str) -> ResponseReturnValue:
    customer = _engine().customer(business_id)
    return render_template("crm/contact.html", customer=customer, channels=CHANNELS, values={},
                           back=bounded_int(request.args.get("portfolio")),
                           contacts=_engine().customer_contacts(business_id),
                           today=engine_now().astimezone(HELSINKI).date())


@bp.post("/customers/<business_id>/contact")
@role_required(*STAFF)
def log_contact(business_id: str) -> ResponseReturnValue:
    back = bounded_int(request.form.get("portfolio"))
    target = (url_for("crm.portfolio", portfolio_id=back) if back
              else url_for("crm.contact_form", business_id=business_id))
    try:
        day = bounded_date(request.form.get("contact_date", ""))
    except ValueError:
        flash(_("Give the contact date like 26.11.2026 (day.month.year)."), "error")
        return redirect(url_for("crm.contact_form", business_id=business_id, portfolio=back))
    req = ContactRequest(business_id, day, request.form.get("channel", ""), request.form.get("notes", ""),
                         current_user.username, request.form.get("new_needs") == "1")
    try:
        started = _engine().log_contact(req)
    except FORM_ERRORS as exc:
        _flash_error(exc)
        return redirect(url_for("crm.contact_form", business_id=business_id, portfolio=back))
    if started:
        flash(_("Contact logged; service needs assessment %(id)s started.", id=started), "success")
    else:
        flash(_("Contact logged."), "success")
    return redirect(target)


# --- the yearly customer plan ------------------------------------------------------------------------

@bp.get("/plan")
@role_required(*STAFF)
def plan() -> ResponseReturnValue:
    this_year = engine_now().astimezone(HELSINKI).year
    year = request.args.get("year", type=int) or this_year
    if not 2000 <= year <= 2100:
        year = this_year
    return render_template("crm/plan.html", plan=_engine().plan(year), may_edit=current_user.has_role("manager"),
                           need_labels={k: vocab_label("service_need_segment", k) for k in SERVICE_NEED_SEGMENTS},
                           ministry_labels={k: vocab_label("ministry_segment", k) for k in MINISTRY_SEGMENTS})


@bp.post("/plan")
@role_required(*MANAGERS)
def save_plan() -> ResponseReturnValue:
    year = _int_form("year")
    try:
        _engine().set_plan(year, request.form.get("segment", ""), request.form.get("planned_actions", ""),
                           _int_form("target_contacts", -1), current_user.username)
        flash(_("Plan saved."), "success")
    except FORM_ERRORS as exc:
        _flash_error(exc)
    return redirect(url_for("crm.plan", year=year or None))


# --- the results scorecard ----------------------------------------------------------------------------

@bp.get("/scorecard")
@role_required(*MANAGERS)
def scorecard() -> ResponseReturnValue:
    this_year = engine_now().astimezone(HELSINKI).year
    year = request.args.get("year", type=int) or this_year
    if not 2000 <= year <= 2100:
        year = this_year
    return render_template("crm/scorecard.html", card=_engine().scorecard(year))


@bp.post("/scorecard")
@role_required(*MANAGERS)
def save_targets() -> ResponseReturnValue:
    year = _int_form("year")
    try:
        _engine().set_targets(year, _int_form("positive_percent", -1), _int_form("visits", -1),
                              _int_form("growth", -1), current_user.username)
        flash(_("Targets saved."), "success")
    except FORM_ERRORS as exc:
        _flash_error(exc)
    return redirect(url_for("crm.scorecard", year=year or None))


# --- reminders -----------------------------------------------------------------------------------

def smtp_config() -> SmtpConfig | None:
    """PALVELUPOLKU_SMTP_* (see webui/config.py); None in demo mode or when no host is set."""
    if current_app.config.get("DEMO_MODE"):
        return None
    return config.smtp()


@bp.get("/outbox")
@role_required(*MANAGERS)
def outbox() -> ResponseReturnValue:
    return render_template("crm/outbox.html", messages=_engine().outbox(), smtp=smtp_config())


@bp.post("/outbox/run")
@role_required(*MANAGERS)
def run_reminders() -> ResponseReturnValue:
    report = _engine().send_reminders(smtp=smtp_config())
    flash(_("Today's reminders are done. New notifications: %(n)s, new mails: %(m)s, sent: %(s)s.",
            n=report.notifications, m=report.mails, s=report.sent), "success")
    return redirect(url_for("crm.outbox"))


@bp.get("/notifications")
@login_required  # type: ignore[misc]
def notifications() -> ResponseReturnValue:
    show_all = request.args.get("all") == "1"
    return render_template("crm/notifications.html", show_all=show_all,
                           items=_engine().notifications(current_user.username, include_read=show_all))


@bp.post("/notifications/<id:notification_id>/done")
@login_required  # type: ignore[misc]
def notification_done(notification_id: int) -> ResponseReturnValue:
    try:
        _engine().mark_notification_read(notification_id, current_user.username)
    except FORM_ERRORS as exc:
        _flash_error(exc)
    return redirect(url_for("crm.notifications"))


# --- one aftercare call per customer ------------------------------------------------------------------

def _sections(task_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The joint form's fields are named `<task id>:<field id>`; each task gets its own answers back."""
    out: dict[str, dict[str, Any]] = {t: {} for t in task_ids}
    for name, value in submitted_values().items():
        task_id, _sep, field_id = name.partition(":")
        if task_id in out and field_id:
            out[task_id][field_id] = value
    return out


def _call_page(tasks: list[Any], lead: str, given: dict[str, dict[str, Any]] | None = None,
               status: int = 200) -> ResponseReturnValue:
    """Each service's own form, its field names prefixed with its task id."""
    sections = []
    for t in tasks:
        values = given.get(t.id, {}) if given is not None else {
            f["id"]: f["default"] for f in t.form if f.get("default") is not None}
        fields = [{**f, "id": f"{t.id}:{f['id']}"} for f in t.form]
        sections.append((t, fields, {f"{t.id}:{k}": v for k, v in values.items()}))
    return render_template("crm/call.html", sections=sections, lead=lead), status


@bp.get("/calls/<task_id>")
@role_required(*STAFF)
def call(task_id: str) -> ResponseReturnValue:
    try:
        tasks = _engine().aftercare_call(task_id, current_user.username, language())
    except FORM_ERRORS as exc:
        _flash_error(exc)
        return redirect(url_for("tasks.inbox"))
    return _call_page(tasks, task_id)


@bp.post("/calls/<task_id>")
@role_required(*STAFF)
def complete_call(task_id: str) -> ResponseReturnValue:
    eng = _engine()
    try:
        tasks = eng.aftercare_call(task_id, current_user.username, language())
    except FORM_ERRORS as exc:
        _flash_error(exc)
        return redirect(url_for("tasks.inbox"))
    sections = _sections([t.id for t in tasks])
    try:
        eng.complete_call(task_id, current_user.username, sections)
    except FORM_ERRORS as exc:
        _flash_error(exc)
        return _call_page(tasks, task_id, sections, 422)
    flash(_("The aftercare call is recorded for %(n)s services.", n=len(tasks)), "success")
    return redirect(url_for("tasks.inbox"))
