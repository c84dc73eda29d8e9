"""Sign-in, sign-out and the language switch.

Two ways in: the organisation's identity provider (webui.oidc, when PALVELUPOLKU_OIDC_ISSUER is set)
and local passwords (unless PALVELUPOLKU_LOCAL_PASSWORDS=off). The sign-in page shows what is on."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from engine import TooManyAttempts
from webui import oidc
from webui.extensions import engine_of
from webui.i18n import LANGUAGES
from webui.security import safe_next, web_user

bp = Blueprint("auth", __name__)


def _page(next_: str, username: str = "") -> dict[str, Any]:
    cfg = oidc.config_of(current_app)
    return {"demo_users": _demo_users(), "next": next_, "username": username,
            "oidc_name": cfg.name if cfg else None, "local_passwords": current_app.config["LOCAL_PASSWORDS"]}


@bp.get("/login")
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("tasks.home"))
    return render_template("auth/login.html", **_page(request.args.get("next", "")))


@bp.post("/login")
def login_post() -> ResponseReturnValue:
    if not current_app.config["LOCAL_PASSWORDS"]:
        abort(404)   # passwords are off: only the identity provider signs people in
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    page = _page(request.form.get("next", ""), username)
    try:
        user = (engine_of(current_app).sign_in(username, password, request.remote_addr or "-")
                if username and password else None)
    except TooManyAttempts as exc:
        flash(_("Too many failed sign-ins; wait %(seconds)s seconds and try again.", seconds=exc.retry_after),
              "error")
        return render_template("auth/login.html", **page), 429, {"Retry-After": str(exc.retry_after)}
    if user is None:
        flash(_("Wrong username or password."), "error")
        return render_template("auth/login.html", **page), 401
    lang = session.get("lang")
    session.clear()  # a fresh session at sign-in (no fixation)
    if lang:
        session["lang"] = lang
    login_user(web_user(user.username))
    return redirect(safe_next(request.form.get("next")))


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    engine_of(current_app).sign_out(current_user.username)   # every copy of this session ends too
    id_token = session.get(oidc.ID_TOKEN, "")
    logout_user()
    session.clear()
    provider = oidc.provider_logout_url(id_token)
    if provider:
        # the provider's session ends too (the pages' CSP lets a form go there: webui.security)
        return redirect(provider)
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language() -> ResponseReturnValue:
    lang = request.form.get("lang", "")
    if lang in LANGUAGES:
        session["lang"] = lang
        if current_user.is_authenticated:
            engine_of(current_app).set_language(current_user.username, lang)
    return redirect(safe_next(request.form.get("next")))


def _demo_users() -> list[tuple[str, str, str, str]]:
    """The demo accounts `palvelupolku serve --demo` put into the config: the web app imports no demo data."""
    if not current_app.config.get("DEMO_MODE"):
        return []
    return list(current_app.config.get("DEMO_ACCOUNTS", []))
