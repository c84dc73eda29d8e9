"""Moving running instances between versions, for process owners and managers: a plain form (from,
to, filters, the mapping of elements) whose dry run lists each instance with the sentence why it
can or cannot move, the two diagrams side by side (static/migrate.js: unmapped elements marked,
a click on each diagram fills in the mapping), and the batch with its report. Everything works
without JavaScript; the diagrams only help fill in the same form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import Blueprint, flash, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from engine import NotFound
from engine.runtime.migration import BatchReport, Filter
from engine.runtime.modelling import DefinitionOverview, element_names
from webui.pages import MAX_ID, OWNERS_AND_MANAGERS, current_engine
from webui.processes import _key_or_404
from webui.security import role_required

bp = Blueprint("migrations", __name__, url_prefix="/processes")
MAP_PREFIX = "map-"


@dataclass
class Choice:
    """What the form asks for, read from the query string or the posted form."""

    from_version: int | None = None
    to_version: int | None = None
    where: Filter = field(default_factory=Filter)
    mapping: dict[str, str] = field(default_factory=dict)


def _number(values: Mapping[str, str], name: str) -> int | None:
    value = values.get(name, "").strip()
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_ID else None


def _choice(values: Mapping[str, str], numbers: list[int]) -> Choice:
    mapping = {key[len(MAP_PREFIX):]: value.strip() for key, value in values.items()
               if key.startswith(MAP_PREFIX) and value.strip() and len(key) <= 250}
    where = Filter(**{name: values.get(name, "").strip() or None for name in ("element", "customer", "responsible")})
    to_version = _number(values, "to")
    return Choice(_number(values, "from"), to_version if to_version in numbers else numbers[-1], where, mapping)


def _process(process_key: str) -> DefinitionOverview:
    process = next((d for d in current_engine().process_overview() if d.process_key == _key_or_404(process_key)),
                   None)
    if process is None:
        raise NotFound(_("Process %(key)s does not exist.", key=process_key))
    return process


def _page(process_key: str, values: Mapping[str, str], report: BatchReport | None, ran: bool) -> ResponseReturnValue:
    eng = current_engine()
    process = _process(process_key)
    numbers = [v.version for v in process.versions]
    choice = _choice(values, numbers)
    older = eng.running_on_older_versions(process_key)
    if choice.from_version not in numbers:
        choice.from_version = next(iter(older), numbers[0])
    if report is None and ran:
        report = eng.migrate(process_key, choice.from_version, choice.to_version or numbers[-1],
                             current_user.username, where=choice.where, mapping=choice.mapping, dry_run=True)
    target_names = element_names(eng.process_version(process_key, choice.to_version)[1])
    source_names = element_names(eng.process_version(process_key, choice.from_version)[1])
    plans = (report.moved + report.refused) if report else []
    unmapped = sorted({e for p in plans for e in p.unmapped if e not in choice.mapping})
    standing = sorted({e for p in plans for e in p.active} | set(unmapped) | set(choice.mapping))
    return render_template("processes/migrate.html", process=process, choice=choice, older=older, report=report,
                           unmapped=unmapped, standing=standing, source_names=source_names,
                           target_names=sorted(target_names.items(), key=lambda kv: (kv[1].lower(), kv[0])),
                           map_prefix=MAP_PREFIX, can_see_instances=current_user.has_role("manager"))


@bp.get("/<process_key>/migrate")
@role_required(*OWNERS_AND_MANAGERS)
def migrate_form(process_key: str) -> ResponseReturnValue:
    """The form; with `run`, the dry run of every instance the form takes."""
    return _page(process_key, request.args, None, ran="run" in request.args)


@bp.post("/<process_key>/migrate")
@role_required(*OWNERS_AND_MANAGERS)
def migrate(process_key: str) -> ResponseReturnValue:
    eng = current_engine()
    numbers = [v.version for v in _process(process_key).versions]
    choice = _choice(request.form, numbers)
    if choice.from_version not in numbers or choice.to_version is None:
        flash(_("Choose the version to move from and the version to move to."), "error")
        return _page(process_key, request.form, None, ran=False)
    report = eng.migrate(process_key, choice.from_version, choice.to_version, current_user.username,
                         where=choice.where, mapping=choice.mapping)
    flash(_("%(moved)s instance(s) moved to version %(to)s; %(left)s left as they were.", moved=len(report.moved),
            to=choice.to_version, left=len(report.refused)), "success" if not report.refused else "info")
    return _page(process_key, request.form, report, ran=True)
