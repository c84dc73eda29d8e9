"""Sign-in, roles and security headers for the pages.

A signed-in session stores "username:epoch" (flask-login's user id). Every request loads the user and
compares the epoch with the one in the database, so sign-out, a new password, deactivation and
"sign out everywhere" (which raise it) end every session of that user at its next request, even a
cookie copied elsewhere, though sessions themselves live in the signed cookie."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, url_for
from flask.typing import ResponseReturnValue
from flask_login import LoginManager, UserMixin, current_user, login_required

from engine import NotFound, Role
from webui.extensions import engine_of

F = TypeVar("F", bound=Callable[..., ResponseReturnValue])
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message_category = "info"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'")


class WebUser(UserMixin):  # type: ignore[misc]
    """The signed-in person as the pages see them (a snapshot of engine.models.User)."""

    def __init__(self, username: str, display_name: str, roles: list[str], groups: list[str],
                 language: str | None, epoch: int = 0) -> None:
        self.id = f"{username}:{epoch}"
        self.username = username
        self.display_name = display_name or username
        self.roles = roles
        self.groups = groups
        self.language = language

    def has_role(self, *roles: str) -> bool:
        return Role.ADMIN.value in self.roles or bool(set(roles) & set(self.roles))


def web_user(username: str) -> WebUser | None:
    """The active user with the session epoch in force now (for a new session)."""
    try:
        user = engine_of(current_app).user(username)
    except NotFound:
        return None
    if not user.active:
        return None
    return WebUser(user.username, user.display_name, user.role_names, user.group_names, user.language,
                   user.session_epoch)


@login_manager.user_loader
def load_user(session_id: str) -> WebUser | None:
    """The session's user while its epoch is the user's current one; otherwise signed out."""
    username, _, epoch = session_id.rpartition(":")
    user = web_user(username) if username else None
    if user is None or user.id != f"{username}:{epoch}":
        return None
    return user


def safe_next(target: str | None) -> str:
    """Only same-site paths, never another host (open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("tasks.home")


def role_required(*roles: Role) -> Callable[[F], F]:
    """Signed in and holding one of `roles` (admins pass everywhere); otherwise 403."""

    def decorate(view: F) -> F:
        @wraps(view)
        @login_required  # type: ignore[misc]
        def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            if not current_user.has_role(*(r.value for r in roles)):
                abort(403)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def content_policy(app: Flask) -> str:
    """CSP; with an identity provider, the sign-out form's answer redirects to the provider's end-session
    page, and Chromium applies the submitting page's form-action to that redirect too."""
    cfg = app.config.get("OIDC")
    if cfg is None:
        return CSP
    issuer = urlsplit(cfg.issuer)
    return CSP.replace("form-action 'self'", f"form-action 'self' {issuer.scheme}://{issuer.netloc}")


def init(app: Flask) -> None:
    login_manager.init_app(app)
    csp = content_policy(app)

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response
