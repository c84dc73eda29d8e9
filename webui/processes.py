"""The process owners' pages: processes and their versions, the BPMN editor (check, save draft,
deploy, download, upload, new process), comparing versions, and a version's diagram with the
per-element counts (the heatmap), which managers see too.

The editor's JSON endpoints take the XML as the request body and check CSRF like every POST: the
page sends the token from its meta tag in the X-CSRFToken header (Flask-WTF reads it there).
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from engine import BpmnValidationError, Engine, NotFound, Problem, ValidationError
from engine.runtime.bpmn import MAX_BPMN_BYTES
from engine.runtime.modelling import PROCESS_KEY, element_names, executable_keys
from webui.i18n import language
from webui.messages import error_text, problem_text
from webui.pages import MAX_ID, OWNERS, OWNERS_AND_MANAGERS, bounded_int, current_engine
from webui.security import CSP, role_required

bp = Blueprint("processes", __name__, url_prefix="/processes")
# The properties panel builds two containers from HTML with style attributes ("height: 100%" and
# "flex: none; height: auto"); the token simulation colours its tokens, counters and log with style
# attributes too, from the fixed palette of frontend/src/scope-colors.js. The editor page allows exactly
# those styles, by hash, and nothing else.
SCOPE_COLORS = [("#1f5f99", "#fff"), ("#a93226", "#fff"), ("#1e7145", "#fff"), ("#6c3483", "#fff"),
                ("#8a5a00", "#fff"), ("#0e6655", "#fff"), ("#595959", "#fff")]   # the last: message flows
_SIMULATION_STYLES = ("color: {a}; background: {p}; --scope-color: {p}",   # show-scopes
                      "background: {p}; color: {a}",                      # log
                      "color: {a}; background: {p}")                      # notifications, token counts


def _style_hash(style: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"


EDITOR_CSP = CSP + ("; style-src-attr 'unsafe-hashes' 'sha256-nR5hyLltSjfvi2rqC26RbcredWrJvTaPA1yqPX96jpY=' "
                    "'sha256-LIWyuNLBDBQuKJLr4mOx2cFEzHX9lM0BrbfcAAzCvSU=' "
                    + " ".join(_style_hash(f.format(p=p, a=a)) for p, a in SCOPE_COLORS for f in _SIMULATION_STYLES))


def _problem_json(p: Problem) -> dict[str, str | bool | None]:
    return {"element_id": None if p.element_id == "-" else p.element_id, "message": problem_text(p), "text": str(p),
            "warning": p.warning}


def _errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a deploy (warnings do not)."""
    return [p for p in problems if not p.warning]


def _key_or_404(process_key: str) -> str:
    if not PROCESS_KEY.match(process_key):
        raise NotFound(_("Process %(key)s does not exist.", key=process_key[:100]))
    return process_key


def _version_or_404(value: str) -> int:
    """A version number from the query string; one that cannot exist is answered like a missing one."""
    number = bounded_int(value)
    if number is None:
        raise NotFound(_("Version %(number)s does not exist.", number=value[:20]))
    return number


def _body() -> bytes:
    """The XML the editor sent; the app's MAX_CONTENT_LENGTH refuses bodies far beyond 10 MB first."""
    return request.get_data(cache=False)


# --- the processes page and one version ----------------------------------------------------------------

@bp.get("/")
@role_required(*OWNERS)
def index() -> ResponseReturnValue:
    return render_template("processes/index.html", overview=current_engine().process_overview(current_user.username),
                           max_mb=MAX_BPMN_BYTES // 1024 // 1024)


@bp.get("/<process_key>/v<id:number>")
@role_required(*OWNERS_AND_MANAGERS)
def version(process_key: str, number: int) -> ResponseReturnValue:
    eng = current_engine()
    info, xml = eng.process_version(_key_or_404(process_key), min(number, MAX_ID))
    overview = next(d for d in eng.process_overview() if d.process_key == process_key)
    counts = eng.heatmap(process_key, info.version)
    names, texts, lang = element_names(xml), eng.model_texts(process_key, info.version), language()
    rows = sorted(((texts.name(element_id, lang, names.get(element_id, element_id)), element_id, c)
                   for element_id, c in counts.items()),
                  key=lambda row: (-row[2]["waiting"], -row[2]["passed"], row[0]))
    return render_template("processes/version.html", process=overview, info=info, counts=rows)


@bp.get("/<process_key>/v<id:number>.bpmn")
@role_required(*OWNERS_AND_MANAGERS)
def download(process_key: str, number: int) -> ResponseReturnValue:
    info, xml = current_engine().process_version(_key_or_404(process_key), min(number, MAX_ID))
    filename = f"{process_key}-v{info.version}.bpmn"
    return Response(xml, content_type="application/xml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/<process_key>/v<id:number>/heatmap.json")
@role_required(*OWNERS_AND_MANAGERS)
def heatmap(process_key: str, number: int) -> ResponseReturnValue:
    eng = current_engine()
    _info, xml = eng.process_version(_key_or_404(process_key), min(number, MAX_ID))
    return jsonify({"xml": xml, "counts": eng.heatmap(process_key, number)})


@bp.get("/<process_key>/compare")
@role_required(*OWNERS_AND_MANAGERS)
def compare(process_key: str) -> ResponseReturnValue:
    eng = current_engine()
    process = next((d for d in eng.process_overview() if d.process_key == _key_or_404(process_key)), None)
    if process is None:
        raise NotFound(_("Process %(key)s does not exist.", key=process_key))
    numbers = [v.version for v in process.versions]
    old = bounded_int(request.args.get("old")) or (numbers[-2] if len(numbers) > 1 else numbers[-1])
    new = bounded_int(request.args.get("new")) or numbers[-1]
    if old not in numbers or new not in numbers:
        flash(_("Choose two versions of this process."), "error")
        old, new = numbers[0], numbers[-1]
    changes = eng.compare_versions(process_key, old, new)
    return render_template("processes/compare.html", process=process, old=old, new=new, changes=changes)


# --- the editor ------------------------------------------------------------------------------------------

@bp.get("/<process_key>/edit")
@role_required(*OWNERS)
def edit(process_key: str) -> ResponseReturnValue:
    eng = current_engine()
    draft = eng.draft(current_user.username, _key_or_404(process_key))
    source = request.args.get("from", "draft" if draft else "newest")
    if source == "draft" and draft is None:
        source = "newest"
    base: int | None = None
    if source != "draft":
        info, _xml = eng.process_version(process_key, _version_or_404(source) if source != "newest" else None)
        base = info.version
    page = render_template("processes/edit.html", process_key=process_key, draft=draft, base=base,
                           source_url=url_for("processes.source", process_key=process_key,
                                              **({"version": base} if base else {})))
    return page, 200, {"Content-Security-Policy": EDITOR_CSP}


@bp.get("/<process_key>/source.bpmn")
@role_required(*OWNERS)
def source(process_key: str) -> ResponseReturnValue:
    """What the editor opens: the given version, else the owner's draft, else the newest version."""
    eng = current_engine()
    given = request.args.get("version")
    number = _version_or_404(given) if given is not None else None
    draft = eng.draft(current_user.username, _key_or_404(process_key)) if number is None else None
    xml = draft.source_xml if draft else eng.process_version(process_key, number)[1]
    # attachment: opened directly, an uploaded file is downloaded, never rendered as an XML document
    return Response(xml, content_type="application/xml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{process_key}.bpmn"'})


@bp.post("/<process_key>/check")
@role_required(*OWNERS)
def check(process_key: str) -> ResponseReturnValue:
    problems = current_engine().check_bpmn(_body(), f"{_key_or_404(process_key)}.bpmn")
    errors = _errors(problems)
    return jsonify({"ok": not errors, "errors": len(errors), "warnings": len(problems) - len(errors),
                    "problems": [_problem_json(p) for p in problems]})


@bp.post("/<process_key>/draft")
@role_required(*OWNERS)
def save_draft(process_key: str) -> ResponseReturnValue:
    base = bounded_int(request.args.get("base"))
    try:
        draft = current_engine().save_draft(current_user.username, _key_or_404(process_key), _body(), base)
    except BpmnValidationError as exc:
        return jsonify({"error": _("The draft was not saved."),
                        "problems": [_problem_json(p) for p in exc.problems]}), 422
    return jsonify({"saved_at": draft.updated_at.isoformat(), "id": draft.id})


@bp.post("/<process_key>/draft/discard")
@role_required(*OWNERS)
def discard_draft(process_key: str) -> ResponseReturnValue:
    if current_engine().discard_draft(current_user.username, _key_or_404(process_key)):
        flash(_("Your draft of %(key)s was discarded.", key=process_key), "success")
    return redirect(url_for("processes.index"))


@bp.post("/<process_key>/changes")
@role_required(*OWNERS)
def changes(process_key: str) -> ResponseReturnValue:
    """The compare view of the editor's deploy confirmation: what the model changes against the newest version."""
    newest, found = current_engine().changes_to_deploy(_key_or_404(process_key), _body())
    labels = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
    return jsonify({"newest": newest, "changes": [
        {"element_id": c.element_id, "kind": c.kind, "name": c.name, "change": c.change,
         "change_label": labels.get(c.change, c.change), "details": c.details} for c in found]})


@bp.post("/<process_key>/deploy")
@role_required(*OWNERS)
def deploy(process_key: str) -> ResponseReturnValue:
    eng = current_engine()
    draft = eng.draft(current_user.username, _key_or_404(process_key))
    origin: dict[str, Any] = {"source": "editor", "draft_id": draft.id if draft else None,
                              "base_version": bounded_int(request.args.get("base"))}
    try:
        deployed = eng.deploy_edited(_body(), f"{process_key}.bpmn", current_user.username, origin)
    except BpmnValidationError as exc:
        return jsonify({"error": ngettext("Nothing was deployed: the model has %(num)d problem.",
                                          "Nothing was deployed: the model has %(num)d problems.", len(exc.problems)),
                        "problems": [_problem_json(p) for p in exc.problems]}), 422
    if not deployed:
        return jsonify({"error": _("The model has no executable process; nothing was deployed."),
                        "problems": []}), 422
    first = next((d for d in deployed if d.process_key == process_key), deployed[0])
    if first.created:
        flash(_("Deployed %(key)s version %(v)s.", key=first.process_key, v=first.version), "success")
    else:
        flash(_("Nothing changed: the model is the same as version %(v)s.", v=first.version), "info")
    return jsonify({"deployed": [{"process_key": d.process_key, "version": d.version, "created": d.created}
                                 for d in deployed],
                    "url": url_for("processes.version", process_key=first.process_key, number=first.version)})


# --- upload and new process ------------------------------------------------------------------------------

@bp.post("/upload")
@role_required(*OWNERS)
def upload() -> ResponseReturnValue:
    file = request.files.get("file")
    if file is None or not file.filename:
        flash(_("Choose a .bpmn file to upload."), "error")
        return redirect(url_for("processes.index"))
    name = file.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    try:
        data = file.read(MAX_BPMN_BYTES + 1)
    finally:
        file.close()   # a large upload is spooled to a temporary file: let it go now
    eng = current_engine()
    problems = _errors(eng.check_bpmn(data, name))
    if problems:
        draft_key = _keep_as_draft(eng, data)
        return render_template("processes/upload_problems.html", name=name, problems=problems,
                               draft_key=draft_key), 422
    deployed = eng.deploy_edited(data, name, current_user.username, {"source": "upload", "file": name})
    for d in deployed:
        if d.created:
            flash(_("Deployed %(key)s version %(v)s.", key=d.process_key, v=d.version), "success")
        else:
            flash(_("Nothing changed: %(key)s is the same as version %(v)s.", key=d.process_key, v=d.version), "info")
    return redirect(url_for("processes.index"))


def _keep_as_draft(eng: Engine, data: bytes) -> str | None:
    """A readable file with one executable process is kept as the owner's draft to fix in the editor."""
    try:
        keys = executable_keys(data)
        if len(keys) != 1 or not PROCESS_KEY.match(keys[0]):
            return None
        eng.save_draft(current_user.username, keys[0], data)
    except ValidationError:
        return None
    return keys[0]


@bp.get("/new")
@role_required(*OWNERS)
def new() -> ResponseReturnValue:
    return render_template("processes/new.html", values={}, error=None)


@bp.post("/new")
@role_required(*OWNERS)
def create() -> ResponseReturnValue:
    values = {"process_key": request.form.get("process_key", "").strip(), "name": request.form.get("name", "").strip()}
    try:
        eng = current_engine()
        eng.new_process(current_user.username, values["process_key"], values["name"])
    except ValidationError as exc:
        return render_template("processes/new.html", values=values, error=error_text(exc)), 422
    flash(_("A draft of %(key)s was made from the template; deploy it when it is ready.",
            key=values["process_key"]), "success")
    return redirect(url_for("processes.edit", process_key=values["process_key"]))


# --- DMN decisions (read-only) ---------------------------------------------------------------------

@bp.get("/decisions/")
@role_required(*OWNERS_AND_MANAGERS)
def decisions() -> ResponseReturnValue:
    return render_template("processes/decisions.html", decisions=current_engine().decisions())


@bp.get("/decisions/<decision_key>")
@role_required(*OWNERS_AND_MANAGERS)
def decision(decision_key: str) -> ResponseReturnValue:
    if not PROCESS_KEY.match(decision_key):
        raise NotFound(_("Decision %(key)s does not exist.", key=decision_key[:100]))
    raw = request.args.get("version")
    number = _version_or_404(raw) if raw else None
    return render_template("processes/decision.html", table=current_engine().decision(decision_key, number))
