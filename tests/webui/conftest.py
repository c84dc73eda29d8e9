from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
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
