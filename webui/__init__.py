"""Palvelupolku's web app: a Flask app factory over the `engine` facade.

Views are thin: parse the request, make one engine call, render or redirect. HTTP status codes
for engine errors are chosen here (see `errors.py`), never inside the engine.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import IntegerConverter

from engine import Engine, config
from webui.extensions import engine_of

csrf = CSRFProtect()


class IdConverter(IntegerConverter):
    """A database id in a URL: 1 to 18 digits, so it always fits a 64-bit column (else 404)."""

    regex = r"[1-9]\d{0,17}"


def create_app(test_config: dict[str, Any] | None = None, engine: Engine | None = None) -> Flask:
    app = Flask(__name__)
    app.url_map.converters["id"] = IdConverter
    app.config.from_mapping(
        DATABASE_URL=config.database_url(),
        SECRET_KEY=None,
        DEMO_MODE=False,
        MAX_CONTENT_LENGTH=12 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,
        SESSION_COOKIE_NAME="palvelupolku",
        WTF_CSRF_TIME_LIMIT=None,   # the token lives as long as the session: long forms must not expire
    )
    app.config.from_prefixed_env(config.ENV_PREFIX)
    if test_config:
        app.config.update(test_config)
    if "OIDC" not in app.config:
        app.config["OIDC"] = config.oidc()   # None: local passwords only
    # a test's True/False, else PALVELUPOLKU_LOCAL_PASSWORDS (from_prefixed_env left it a string);
    # without a provider the passwords stay on, or nobody could sign in
    local = app.config.get("LOCAL_PASSWORDS")
    app.config["LOCAL_PASSWORDS"] = ((local if isinstance(local, bool) else config.local_passwords())
                                     or app.config["OIDC"] is None)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = config.secret_key()
    app.extensions["palvelupolku"] = engine or Engine(app.config["DATABASE_URL"])
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        # behind an HTTPS proxy: trust its X-Forwarded-* headers, so the client's address (login
        # throttling, audit) and the https scheme (Secure cookies, redirects) are the real ones
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    from webui import (
        admin,
        api,
        api_integrations,
        auth,
        context,
        crm,
        customers,
        errors,
        health,
        i18n,
        labels,
        manage,
        messages,
        migrations,
        oidc,
        processes,
        saved_filters,
        security,
        tasks,
    )

    errors.register(app)
    i18n.init(app)
    labels.init(app)
    messages.init(app)
    security.init(app)
    context.init(app)
    csrf.init_app(app)
    oidc.init(app)
    csrf.exempt(api.bp)  # the API authenticates each request with a bearer token, not a cookie
    csrf.exempt(api_integrations.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(api_integrations.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(oidc.bp)
    app.register_blueprint(tasks.bp)
    app.register_blueprint(customers.bp)
    app.register_blueprint(manage.bp)
    app.register_blueprint(crm.bp)
    app.register_blueprint(processes.bp)
    app.register_blueprint(migrations.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(saved_filters.bp)
    return app


__all__ = ["create_app", "engine_of"]
