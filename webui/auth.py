"""Sign-in, sign-out and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from engine import TooManyAttempts
from webui.extensions import engine_of
from webui.i18n import LANGUAGES
from webui.security import web_user

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site paths, never another host (open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("tasks.home")


@bp.get("/login")
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("tasks.home"))
    return render_template("auth/login.html", demo_users=_demo_users(), next=request.args.get("next", ""))


@bp.post("/login")
def login_post() -> ResponseReturnValue:
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    try:
        user = (engine_of(current_app).sign_in(username, password, request.remote_addr or "-")
                if username and password else None)
    except TooManyAttempts as exc:
        flash(_("Too many failed sign-ins; wait %(seconds)s seconds and try again.", seconds=exc.retry_after),
              "error")
        return render_template("auth/login.html", demo_users=_demo_users(), username=username,
                               next=request.form.get("next", "")), 429, {"Retry-After": str(exc.retry_after)}
    if user is None:
        flash(_("Wrong username or password."), "error")
        return render_template("auth/login.html", demo_users=_demo_users(), username=username,
                               next=request.form.get("next", "")), 401
    lang = session.get("lang")
    session.clear()  # a fresh session at sign-in (no fixation)
    if lang:
        session["lang"] = lang
    login_user(web_user(user.username))
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    engine_of(current_app).sign_out(current_user.username)   # every copy of this session ends too
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language() -> ResponseReturnValue:
    lang = request.form.get("lang", "")
    if lang in LANGUAGES:
        session["lang"] = lang
        if current_user.is_authenticated:
            engine_of(current_app).set_language(current_user.username, lang)
    return redirect(_safe_next(request.form.get("next")))


def _demo_users() -> list[tuple[str, str, str, str]]:
    """The demo accounts `palvelupolku serve --demo` put into the config: the web app imports no demo data."""
    if not current_app.config.get("DEMO_MODE"):
        return []
    return list(current_app.config.get("DEMO_ACCOUNTS", []))
