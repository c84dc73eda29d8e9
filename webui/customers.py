"""The customers' pages: list and search, the company page with its service path, create and edit a
company, add a contact person, record the Business ID on a prospective entrepreneur's card (issue 18;
such a card is keyed "H-<id>" in the URLs until then), and CSV import in a background thread with a
progress page."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from engine import Engine, InstanceStatus, NotFound, Role, ValidationError
from engine.models import Customer, prospect_id
from engine.office.customers import CONTACT_FIELDS, CUSTOMER_FIELDS, VOCABULARIES, ImportReport
from engine.runtime.queries import InstanceFilter
from webui import formreturn
from webui.extensions import engine_of
from webui.i18n import day, vocab_label
from webui.messages import error_text
from webui.pages import page_arg
from webui.security import role_required

log = logging.getLogger(__name__)
bp = Blueprint("customers", __name__, url_prefix="/customers")
WORKERS = (Role.EXPERT, Role.MANAGER)
OPEN_STATUSES = (InstanceStatus.RUNNING.value, InstanceStatus.ERROR.value)
CONTACT_METHODS = {"puhelin": _l("by phone"), "tapaaminen": _l("in a meeting"), "sahkoposti": _l("by e-mail")}


def _engine() -> Engine:
    return engine_of(current_app)


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"vocabularies": VOCABULARIES,
            "vocab_label": lambda field, value: vocab_label(field, value) if value else "",
            "iso_day": _iso_day, "contact_method": lambda value: str(CONTACT_METHODS.get(value, value))}


def _iso_day(value: Any) -> str:
    """A date from form data (ISO text) in the page's format; anything else as it is."""
    try:
        return day(date.fromisoformat(value)) if isinstance(value, str) else day(value)
    except ValueError:
        return str(value)


def _not_found(business_id: str) -> ResponseReturnValue:
    message = _("There is no company with Business ID %(id)s.", id=business_id[:40])
    return render_template("errors/error.html", status=404, message=message), 404


def _form_values(names: Iterable[str]) -> dict[str, str]:
    return {name: request.form.get(name, "").strip() for name in names}


def _field_errors(exc: ValidationError) -> dict[str, str]:
    """The engine's problems are "field: sentence"; anything else goes to the form as a whole ("")."""
    errors: dict[str, str] = {}
    for problem in exc.problems:
        key, sep, message = str(problem).partition(": ")
        if sep and " " not in key:
            errors[key] = message
        else:
            errors[""] = f"{errors.get('', '')} {problem}".strip()
    return errors or {"": error_text(exc)}


# --- list and company page ---------------------------------------------------------------------------

@bp.get("")
@role_required(*WORKERS)
def index() -> ResponseReturnValue:
    q = request.args.get("q", "")[:100]
    page = _engine().customers(q, page_arg(request.args.get("page")), per_page=25)
    return render_template("customers/index.html", page=page, q=q, open_services=_open_services(page.items))


def _open_services(customers: list[Customer]) -> dict[str, int]:
    """Running or failed instances per company on this page. The facade has no count per customer,
    so this asks for one count per row and status (a page is 25 rows, each count an indexed SELECT)."""
    eng = _engine()
    return {c.key: sum(eng.instances(InstanceFilter(customer=c.key, status=status, per_page=1)).total
                       for status in OPEN_STATUSES) for c in customers}


@bp.get("/<business_id>")
@role_required(*WORKERS)
def show(business_id: str) -> ResponseReturnValue:
    return _company_page(business_id)


def _company_page(business_id: str, contact: Mapping[str, str] | None = None,
                  contact_errors: Mapping[str, str] | None = None, status: int = 200,
                  founding: Mapping[str, str] | None = None) -> ResponseReturnValue:
    try:
        customer, path = _engine().service_path(business_id)
    except NotFound:
        return _not_found(business_id)
    # e.g. an old six-digit ID, or the "H-<id>" of a card whose Business ID was recorded since
    if customer.key != business_id and request.method == "GET":
        return redirect(url_for("customers.show", business_id=customer.key))
    names = {step.instance.id: step.instance.process_name for step in path}
    handovers = _engine().handovers(customer.key)
    founding = founding or {"name": customer.planned_company or customer.name}
    return render_template("customers/show.html", customer=customer, path=path, names=names, contact=contact or {},
                           contact_errors=contact_errors or {}, handovers=handovers, founding=founding), status


@bp.post("/<business_id>/contacts")
@role_required(*WORKERS)
def add_contact(business_id: str) -> ResponseReturnValue:
    values = _form_values(CONTACT_FIELDS)
    try:
        _engine().add_contact(business_id, **values)
    except NotFound:
        return _not_found(business_id)
    except ValidationError as exc:
        flash(_("Check the marked fields."), "error")
        return _company_page(business_id, values, _field_errors(exc), 422)
    flash(_("Contact person %(name)s added.", name=values["name"]), "success")
    return redirect(url_for("customers.show", business_id=business_id, _anchor="contacts"))


@bp.post("/<business_id>/business-id")
@role_required(*WORKERS)
def record_business_id(business_id: str) -> ResponseReturnValue:
    """The prospective entrepreneur's company was founded: its Business ID goes on the same card."""
    values = _form_values(("business_id", "name"))
    try:
        customer = _engine().record_business_id(business_id, values["business_id"], values["name"],
                                                actor=current_user.username)
    except NotFound:
        return _not_found(business_id)
    except ValidationError as exc:
        flash(error_text(exc), "error")
        return _company_page(business_id, status=422, founding=values)
    flash(_("Business ID %(business_id)s recorded for %(name)s; the card keeps its services and history.",
            business_id=customer.business_id, name=customer.name), "success")
    return redirect(url_for("customers.show", business_id=customer.key))


# --- create and edit ---------------------------------------------------------------------------------

@bp.get("/new")
@role_required(*WORKERS)
def new() -> ResponseReturnValue:
    values, errors = formreturn.take("customer:new") or ({}, {})
    return render_template("customers/form.html", customer=None, values=values, errors=errors)


@bp.post("/new")
@role_required(*WORKERS)
def create() -> ResponseReturnValue:
    values = _form_values(("business_id", *CUSTOMER_FIELDS))
    fields = {k: v for k, v in values.items() if k not in ("business_id", "name")}
    try:
        customer = _engine().add_customer(values["business_id"], values["name"], **fields)
    except ValidationError as exc:
        flash(_("The company was not saved; check the marked fields."), "error")
        errors = _field_errors(exc)
        return (formreturn.see_other("customer:new", values, errors, url_for("customers.new"))
                or (render_template("customers/form.html", customer=None, values=values, errors=errors), 422))
    flash(_("Company %(name)s added.", name=customer.name), "success")
    return redirect(url_for("customers.show", business_id=customer.key))


@bp.get("/<business_id>/edit")
@role_required(*WORKERS)
def edit(business_id: str) -> ResponseReturnValue:
    try:
        customer = _engine().customer(business_id)
    except NotFound:
        return _not_found(business_id)
    values: dict[str, Any] = {name: getattr(customer, name) or "" for name in (*CUSTOMER_FIELDS, "planned_company")}
    errors: dict[str, str] = {}
    kept = formreturn.take(f"customer:{business_id}")
    if kept is not None:
        values, errors = kept
    return render_template("customers/form.html", customer=customer, values=values, errors=errors)


@bp.post("/<business_id>/edit")
@role_required(*WORKERS)
def update(business_id: str) -> ResponseReturnValue:
    # a prospective entrepreneur's card also has the planned company's name (its form sends it)
    values = _form_values((*CUSTOMER_FIELDS, *(["planned_company"] if "planned_company" in request.form else [])))
    try:
        customer = _engine().update_customer(business_id, **values)
    except NotFound:
        return _not_found(business_id)
    except ValidationError as exc:
        flash(_("The changes were not saved; check the marked fields."), "error")
        again = formreturn.see_other(f"customer:{business_id}", values, _field_errors(exc),
                                     url_for("customers.edit", business_id=business_id))
        if again is not None:
            return again
        return render_template("customers/form.html", customer={"key": business_id, "name": values["name"],
                               "business_id": None if prospect_id(business_id) is not None else business_id},
                               values=values, errors=_field_errors(exc)), 422
    flash(_("Company %(name)s saved.", name=customer.name), "success")
    return redirect(url_for("customers.show", business_id=customer.key))


# --- CSV import --------------------------------------------------------------------------------------

@dataclass
class ImportJob:
    id: str
    owner: str
    filename: str
    started: float
    done: int = 0
    total: int | None = None        # rows; None until the file has been read and checked
    report: ImportReport | None = None
    failed: bool = False
    finished: bool = False


class ImportJobs:
    """CSV imports running in background threads of this process, by random job id.

    The registry lives in memory: with several web processes (e.g. gunicorn workers) a job lives
    in the process that started it, and its status page answers only from there. Finished jobs
    are forgotten after an hour; a restart forgets all of them (rows already written are kept).
    """

    KEEP_SECONDS = 3600

    def __init__(self) -> None:
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()

    def start(self, eng: Engine, upload: FileStorage, owner: str) -> ImportJob:
        fd, name = tempfile.mkstemp(prefix="palvelupolku-import-", suffix=".csv")
        with os.fdopen(fd, "wb") as file:
            upload.save(file)
        job = ImportJob(secrets.token_urlsafe(16), owner, (upload.filename or "")[:200], time.monotonic())
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(eng, job, Path(name)), name=f"customer-import-{job.id[:8]}",
                         daemon=True).start()
        return job

    def get(self, job_id: str, owner: str) -> ImportJob | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    @staticmethod
    def _run(eng: Engine, job: ImportJob, path: Path) -> None:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            job.report = eng.import_customers(path, progress)
        except Exception:   # noqa: BLE001 - a thread has no one to raise to: log it and tell the page
            log.exception("customer import %s failed", job.id)
            job.failed = True
        finally:
            path.unlink(missing_ok=True)
            job.finished = True

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, j in self._jobs.items() if j.finished and now - j.started > self.KEEP_SECONDS]:
            del self._jobs[key]


imports = ImportJobs()


@bp.get("/import")
@role_required(*WORKERS)
def import_form() -> ResponseReturnValue:
    return render_template("customers/import.html", upload_error=None, limit=_limit())


@bp.post("/import")
@role_required(*WORKERS)
def import_start() -> ResponseReturnValue:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return render_template("customers/import.html", upload_error=_("Choose a CSV file to import."),
                               limit=_limit()), 422
    job = imports.start(_engine(), upload, current_user.username)
    return redirect(url_for("customers.import_status", job_id=job.id))


@bp.get("/import/<job_id>")
@role_required(*WORKERS)
def import_status(job_id: str) -> ResponseReturnValue:
    job = imports.get(job_id, current_user.username)
    if job is None:
        message = _("No such import; imports are kept for an hour after they finish.")
        return render_template("errors/error.html", status=404, message=message), 404
    # A snapshot: the import thread changes the job while the page renders (a head saying "running" with
    # a body saying "done" was seen). `finished` is read first: the thread sets it last, after the report.
    finished = job.finished
    return render_template("customers/import_status.html", job=replace(job, finished=finished))


def _limit() -> str:
    size = int(current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} kB"


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc: RequestEntityTooLarge) -> ResponseReturnValue:
    message = _("The file is larger than %(limit)s; split it into smaller files and import them one by one.",
                limit=_limit())
    if request.endpoint == "customers.import_start":
        return render_template("customers/import.html", upload_error=message, limit=_limit()), 413
    return render_template("errors/error.html", status=413, message=message), 413
