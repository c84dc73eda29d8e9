"""Signing in through the real form, with its CSRF token."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse


def csrf(client: FlaskClient, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has a CSRF token"
    return match.group(1)


def login(client: FlaskClient, username: str, password: str) -> None:
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": csrf(client)})
    assert response.status_code == 302, response.get_data(as_text=True)


class EnglishClient(FlaskClient):
    """A test client whose requests ask for English (Accept-Language: en), as a browser set so would."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def sent_back(client: FlaskClient, response: TestResponse) -> str:
    """A form refused with post/redirect/get: a 303 to the form's page, which shows the errors; returns
    that page."""
    assert response.status_code == 303, response.status_code
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    return page.get_data(as_text=True)
