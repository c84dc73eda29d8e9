"""Saved filters of the list pages (the inbox and the managers' instance list): save the filter in
force under a name, delete one. The filters themselves are the engine's (engine.runtime.filters);
the pages list them through `saved_filters_of`, and this module only answers the two forms."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from engine import NotFound, Role, ValidationError
from webui.messages import error_text
from webui.pages import current_engine
from webui.security import role_required

bp = Blueprint("filters", __name__, url_prefix="/filters")
# Each page's list endpoint and who may use it: the page's own roles.
PAGES = {"inbox": ("tasks.inbox", (Role.EXPERT, Role.MANAGER)), "instances": ("manage.instances", (Role.MANAGER,))}


def _page(page: str) -> str:
    if page not in PAGES:
        abort(404)
    endpoint, roles = PAGES[page]
    if not any(current_user.has_role(r.value) for r in (*roles, Role.ADMIN)):
        abort(403)
    return endpoint


def saved_filters_of(page: str) -> list[Any]:
    """The signed-in user's saved filters of `page`, for its template."""
    return current_engine().saved_filters(current_user.username, page)


@bp.post("/<page>")
@role_required(Role.EXPERT, Role.MANAGER)
def save(page: str) -> ResponseReturnValue:
    endpoint = _page(page)
    query = request.form.get("query", "")
    try:
        saved = current_engine().save_filter(current_user.username, page, request.form.get("name", ""), query)
    except ValidationError as exc:
        flash(error_text(exc), "error")
        return redirect(url_for(endpoint) + ("?" + query.lstrip("?") if query else ""), code=303)
    flash(_("Filter '%(name)s' saved.", name=saved.name), "success")
    return redirect(url_for(endpoint) + ("?" + saved.query if saved.query else ""), code=303)


@bp.post("/<page>/<int:filter_id>/delete")
@role_required(Role.EXPERT, Role.MANAGER)
def delete(page: str, filter_id: int) -> ResponseReturnValue:
    endpoint = _page(page)
    try:
        current_engine().delete_filter(current_user.username, filter_id)
    except NotFound as exc:
        flash(error_text(exc), "error")
    else:
        flash(_("Filter deleted."), "success")
    return redirect(url_for(endpoint), code=303)
