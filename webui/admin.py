"""The administrator's pages (the `admin` role): users with their roles and groups, deactivation with
the user's open work listed first (so it can be handed over), a new local password, and API tokens
with their expiry, which can be revoked. Every change is audited by the engine (engine.runtime.users)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from engine import NotFound, Role, ValidationError
from webui.context import engine_now
from webui.messages import error_text
from webui.pages import current_engine
from webui.security import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")
ROLES = [r.value for r in Role]


@bp.get("/users")
@role_required(Role.ADMIN)
def users() -> ResponseReturnValue:
    return render_template("admin/users.html", users=current_engine().accounts())


@bp.get("/users/<username>")
@role_required(Role.ADMIN)
def user(username: str) -> ResponseReturnValue:
    eng = current_engine()
    account = eng.user(username)
    return render_template("admin/user.html", user=account, roles=ROLES, work=eng.open_work(account.username),
                           tokens=eng.tokens(account.username), now=engine_now(),
                           local_passwords=current_app.config["LOCAL_PASSWORDS"])


def _back(username: str) -> ResponseReturnValue:
    return redirect(url_for("admin.user", username=username))


@bp.post("/users/<username>/roles")
@role_required(Role.ADMIN)
def set_roles(username: str) -> ResponseReturnValue:
    roles = [r for r in request.form.getlist("role") if r]
    groups = [g.strip() for g in request.form.get("groups", "").replace("\n", ",").split(",")]
    if username == current_user.username and Role.ADMIN.value not in roles:
        flash(_("You cannot take the administrator role from yourself."), "error")   # nobody left to give it back
        return _back(username)
    try:
        changed = current_engine().set_roles(username, roles, groups, current_user.username)
    except ValidationError as exc:
        flash(error_text(exc), "error")
    else:
        flash(_("Roles and groups saved.") if changed else _("Nothing changed."), "success" if changed else "info")
    return _back(username)


@bp.post("/users/<username>/deactivate")
@role_required(Role.ADMIN)
def deactivate(username: str) -> ResponseReturnValue:
    eng = current_engine()
    if username == current_user.username:
        flash(_("You cannot deactivate yourself."), "error")
        return _back(username)
    if eng.open_work(username) and request.form.get("confirm") != "yes":
        flash(_("%(user)s still has open work: hand it over first, or confirm the deactivation.", user=username),
              "error")
        return _back(username)
    try:
        eng.deactivate_user(username, current_user.username)
    except ValidationError as exc:
        flash(error_text(exc), "error")
    else:
        flash(_("%(user)s is deactivated; their sessions and API tokens no longer work.", user=username), "success")
    return _back(username)


@bp.post("/users/<username>/reactivate")
@role_required(Role.ADMIN)
def reactivate(username: str) -> ResponseReturnValue:
    try:
        current_engine().reactivate_user(username, current_user.username)
    except ValidationError as exc:
        flash(error_text(exc), "error")
    else:
        flash(_("%(user)s can sign in again.", user=username), "success")
    return _back(username)


@bp.post("/users/<username>/password")
@role_required(Role.ADMIN)
def reset_password(username: str) -> ResponseReturnValue:
    try:
        current_engine().reset_password(username, request.form.get("password", ""), current_user.username)
    except ValidationError as exc:
        flash(error_text(exc), "error")
    else:
        flash(_("New password set for %(user)s; their sessions have ended.", user=username), "success")
    return _back(username)


@bp.post("/users/<username>/tokens/<int:token_id>/revoke")
@role_required(Role.ADMIN)
def revoke_token(username: str, token_id: int) -> ResponseReturnValue:
    eng = current_engine()
    if token_id not in {t.id for t in eng.tokens(username)}:
        raise NotFound(f"User '{username}' has no API token {token_id}.")
    try:
        eng.revoke_token(str(token_id), current_user.username)
    except ValidationError as exc:
        flash(error_text(exc), "error")
    else:
        flash(_("API token %(id)s revoked.", id=token_id), "success")
    return _back(username)
