"""The WSGI entry point for production servers: `gunicorn 'webui.wsgi:app'`.

Configuration comes from the environment (see README, "Running in production"):
PALVELUPOLKU_DATABASE_URL, PALVELUPOLKU_SECRET_KEY, PALVELUPOLKU_SESSION_COOKIE_SECURE and
PALVELUPOLKU_PROXY_HOPS (how many trusted proxies set X-Forwarded-For/-Proto/-Host in front).
"""

from __future__ import annotations

from webui import create_app

app = create_app()
