"""Sign-in through the organisation's OpenID Connect provider (authorization code flow with PKCE).

Authlib's Flask client does the protocol: discovery, state, nonce, the PKCE verifier (kept in the
session until the callback), the code exchange and the ID token's signature and claims. The claims
(the ID token's, completed by the userinfo endpoint where the provider has one, since many providers
put groups only there) become a user through the engine (engine.runtime.directory); the session then
begins as a password sign-in's does. Sign-out also ends the provider's session where it has an
end_session_endpoint (RP-initiated logout). Switched on by PALVELUPOLKU_OIDC_ISSUER (engine.config).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, abort, current_app, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_user

from engine import PermissionDenied, ValidationError
from engine.config import OidcConfig
from engine.runtime.directory import identity
from webui.extensions import engine_of
from webui.security import safe_next, web_user

bp = Blueprint("oidc", __name__)
ID_TOKEN = "oidc_id_token"  # noqa: S105 - a session key, kept in the session for the provider's sign-out (id_token_hint)
NEXT = "oidc_next"


def config_of(app: Flask) -> OidcConfig | None:
    cfg: OidcConfig | None = app.config.get("OIDC")
    return cfg


def init(app: Flask) -> None:
    """Register the provider's client when OIDC is configured (discovery happens at first use)."""
    cfg = config_of(app)
    if cfg is None:
        return
    oauth = OAuth(app)
    oauth.register("provider", client_id=cfg.client_id, client_secret=cfg.client_secret or None,
                   server_metadata_url=f"{cfg.issuer}/.well-known/openid-configuration",
                   client_kwargs={"scope": cfg.scopes, "code_challenge_method": "S256", "timeout": 10})
    app.extensions["palvelupolku_oidc"] = oauth


def _client() -> Any:
    oauth = current_app.extensions.get("palvelupolku_oidc")
    if oauth is None:
        abort(404)
    return oauth.provider


# A protocol error (state, nonce, signature, the provider's answer) or the provider out of reach.
FAILURES = (AuthlibBaseError, requests.RequestException)


def _failed(problem: object) -> ResponseReturnValue:
    cfg = config_of(current_app)
    current_app.logger.warning("OpenID Connect sign-in failed: %s", problem)
    flash(_("Sign-in through %(provider)s did not succeed; try again.", provider=cfg.name if cfg else ""), "error")
    return redirect(url_for("auth.login"))


@bp.get("/login/oidc")
def start() -> ResponseReturnValue:
    client = _client()
    session[NEXT] = request.args.get("next", "")
    try:
        return client.authorize_redirect(url_for("oidc.callback", _external=True))
    except FAILURES as exc:
        return _failed(exc)


@bp.get("/login/oidc/callback")
def callback() -> ResponseReturnValue:
    client, cfg = _client(), config_of(current_app)
    assert cfg is not None
    try:
        token = client.authorize_access_token()
        claims = dict(token.get("userinfo") or {})
        if client.load_server_metadata().get("userinfo_endpoint"):
            more = client.userinfo(token=token)
            if more.get("sub") != claims.get("sub"):   # OpenID Connect Core 5.3.2: else not the same person
                raise OAuthError(error="userinfo_subject", description="userinfo names another subject")
            claims.update(more)
        user = engine_of(current_app).sign_in_directory(identity(claims, cfg.groups_claim, cfg.role_map))
    except FAILURES as exc:
        return _failed(exc)
    except PermissionDenied:
        flash(_("Your account is deactivated; ask an administrator to reactivate it."), "error")
        return redirect(url_for("auth.login"))
    except ValidationError as exc:
        return _failed(exc)
    target = session.get(NEXT, "")
    lang = session.get("lang")
    session.clear()  # a fresh session at sign-in (no fixation)
    if lang:
        session["lang"] = lang
    session[ID_TOKEN] = token.get("id_token", "")
    login_user(web_user(user.username))
    return redirect(safe_next(target))


def provider_logout_url(id_token: str) -> str | None:
    """The provider's end-session address (back to the sign-in page afterwards), None where it has none."""
    if current_app.extensions.get("palvelupolku_oidc") is None or not id_token:
        return None
    try:
        endpoint = _client().load_server_metadata().get("end_session_endpoint")
    except Exception:   # noqa: BLE001 - the provider unreachable: sign-out here still happened
        current_app.logger.warning("The identity provider's metadata could not be read for sign-out.")
        return None
    if not endpoint:
        return None
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": url_for("auth.login", _external=True)})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"

