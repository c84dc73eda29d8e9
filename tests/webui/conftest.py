from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import EnglishClient, login
from webui import create_app


@pytest.fixture
def app(kokeilu: Engine) -> Flask:
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, engine=kokeilu)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def token(kokeilu: Engine) -> str:
    return kokeilu.create_token("asiantuntija", "tests")


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def secure_app(kokeilu: Engine) -> Flask:
    """CSRF on (as in production); clients read English unless a test asks otherwise."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, engine=kokeilu)
    app.test_client_class = EnglishClient
    return app


@pytest.fixture
def expert(secure_app: Flask) -> FlaskClient:
    client = secure_app.test_client()
    login(client, "asiantuntija", "salasana-1-kokeilu")
    return client
