"""Sign-in through a real OpenID Connect provider (tests/oidc: the certified oidc-provider), driven with
the Flask test client on our side and `requests` as the browser on the provider's side."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient

from engine import AuditKind, Engine
from tests.oidc import USERS, Provider
from tests.webui.helpers import EnglishClient, csrf, login
from webui import create_app

CALLBACK = "http://localhost/login/oidc/callback"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    p = Provider(tmp_path_factory.mktemp("oidc"), [CALLBACK], ["http://localhost/login"])
    yield p
    p.stop()


@pytest.fixture
def directory(provider: Provider) -> Iterator[Provider]:
    provider.set_users(USERS)
    yield provider
    provider.set_users(USERS)


def english(app: Flask) -> Flask:
    """The app's test clients read English, as the assertions here do."""
    app.test_client_class = EnglishClient
    return app


def make_app(engine: Engine, provider: Provider, local_passwords: bool = True) -> Flask:
    return english(create_app({"TESTING": True, "SECRET_KEY": "test-secret", "OIDC": provider.config(),
                               "LOCAL_PASSWORDS": local_passwords}, engine=engine))


def sign_in(client: FlaskClient, subject: str) -> requests.Response | object:
    """Our /login/oidc, the provider's login form as a browser would fill it, back to our callback."""
    start = client.get("/login/oidc")
    assert start.status_code == 302
    browser = requests.Session()
    url = start.headers["Location"]
    assert "code_challenge=" in url and "code_challenge_method=S256" in url   # PKCE
    for _ in range(10):
        if url.startswith(CALLBACK):
            split = urlsplit(url)
            return client.get(f"{split.path}?{split.query}")
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code in (302, 303):
            url = urljoin(url, response.headers["Location"])
            continue
        action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        assert action, response.text
        response = browser.post(urljoin(url, action.group(1)),
                                data={"prompt": "login", "login": subject, "password": "any"},
                                allow_redirects=False, timeout=10)
        url = urljoin(url, response.headers["Location"])
    raise AssertionError("the provider never sent the browser back")


def test_sign_in_creates_the_user_with_the_directory_groups_roles(kokeilu: Engine, directory: Provider) -> None:
    client = make_app(kokeilu, directory).test_client()
    page = client.get("/login").get_data(as_text=True)
    assert "Sign in with Testi-IdP" in page and 'name="password"' in page
    done = sign_in(client, "s-anna-1")
    assert done.status_code == 302 and done.headers["Location"] == "/"
    user = kokeilu.user("anna.oidc")
    assert (user.role_names, user.group_names) == (["expert", "manager"], ["TE-asiantuntijat"])
    assert (user.display_name, user.email, user.oidc_subject, user.password_hash) == \
        ("Anna Suora", "anna@te.example", "s-anna-1", None)
    assert client.get("/manage/team").status_code == 200    # a manager's page


def test_a_user_removed_from_a_group_loses_the_role_at_next_sign_in(kokeilu: Engine, directory: Provider) -> None:
    app = make_app(kokeilu, directory)
    sign_in(app.test_client(), "s-anna-1")
    assert kokeilu.user("anna.oidc").role_names == ["expert", "manager"]
    directory.set_users({**USERS, "s-anna-1": {**USERS["s-anna-1"], "groups": ["TE-Experts"],
                                               "preferred_username": "anna.renamed"}})
    client = app.test_client()
    sign_in(client, "s-anna-1")
    user = kokeilu.user("anna.oidc")      # found again by the subject, not the new name
    assert user.role_names == ["expert"]
    assert client.get("/manage/team").status_code == 403
    with kokeilu.reading() as s:
        from sqlalchemy import select

        from engine.models import AuditEvent
        kinds = s.scalars(select(AuditEvent.kind).where(AuditEvent.actor == "anna.oidc")).all()
    assert kinds.count(AuditKind.USER_ROLES.value) == 2 and AuditKind.USER_DIRECTORY.value in kinds


def test_unmapped_groups_give_no_role_and_a_deactivated_user_stays_out(kokeilu: Engine, directory: Provider) -> None:
    app = make_app(kokeilu, directory)
    sign_in(app.test_client(), "s-ville-2")
    assert kokeilu.user("ville.oidc").role_names == []
    kokeilu.deactivate_user("ville.oidc", "test")
    client = app.test_client()
    refused = sign_in(client, "s-ville-2")
    assert refused.status_code == 302 and refused.headers["Location"] == "/login"
    assert "deactivated" in client.get("/login").get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_sign_out_ends_the_session_and_the_provider_session(kokeilu: Engine, directory: Provider) -> None:
    client = make_app(kokeilu, directory).test_client()
    sign_in(client, "s-anna-1")
    cookie = client.get_cookie("palvelupolku")
    assert cookie is not None
    out = client.post("/logout", data={"csrf_token": csrf(client, "/inbox")})
    assert out.status_code == 302
    target = urlsplit(out.headers["Location"])
    assert f"{target.scheme}://{target.netloc}" == directory.issuer and target.path == "/session/end"
    assert "id_token_hint=" in target.query
    assert directory.issuer in out.headers["Content-Security-Policy"]
    replay = make_app(kokeilu, directory).test_client()
    replay.set_cookie("palvelupolku", cookie.value)
    assert replay.get("/").status_code == 302        # the copied cookie is signed out too


def test_passwords_off_shows_only_the_provider(kokeilu: Engine, directory: Provider) -> None:
    client = make_app(kokeilu, directory, local_passwords=False).test_client()
    page = client.get("/login").get_data(as_text=True)
    assert "Sign in with Testi-IdP" in page and 'name="password"' not in page
    unchecked = english(create_app({"TESTING": True, "SECRET_KEY": "s", "OIDC": directory.config(),
                                    "LOCAL_PASSWORDS": False, "WTF_CSRF_ENABLED": False}, engine=kokeilu)).test_client()
    refused = unchecked.post("/login", data={"username": "asiantuntija", "password": "salasana-1-kokeilu"})
    assert refused.status_code == 404     # a right password does not sign in either


def test_passwords_stay_without_a_provider(kokeilu: Engine, tmp_path: Path) -> None:
    client = english(create_app({"TESTING": True, "SECRET_KEY": "s", "LOCAL_PASSWORDS": False},
                                engine=kokeilu)).test_client()
    assert "Sign in with" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/oidc").status_code == 404
    login(client, "asiantuntija", "salasana-1-kokeilu")
    assert csrf(client, "/inbox")   # signed in


def test_a_broken_or_forged_return_is_refused_without_a_server_error(kokeilu: Engine, directory: Provider) -> None:
    client = make_app(kokeilu, directory).test_client()
    forged = client.get("/login/oidc/callback?code=made-up&state=made-up")
    assert forged.status_code == 302 and forged.headers["Location"] == "/login"
    assert "did not succeed" in client.get("/login").get_data(as_text=True)
    assert client.get("/inbox").status_code == 302
    gone = directory.config()
    away = english(create_app({"TESTING": True, "SECRET_KEY": "s", "OIDC": type(gone)(
        issuer="http://127.0.0.1:9", client_id="x", client_secret="y", name="Poissa")}, engine=kokeilu)).test_client()
    refused = away.get("/login/oidc")
    assert refused.status_code == 302 and refused.headers["Location"] == "/login"
    assert "Sign-in through Poissa did not succeed" in away.get("/login").get_data(as_text=True)
