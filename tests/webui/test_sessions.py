"""Sessions end when they should (issue 14, finding 3): a signed cookie saved before sign-out, replayed
from another browser, reads nothing and changes nothing afterwards; the same after a new password,
deactivation and "sign out everywhere"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import csrf, login

OTHER_BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Replayer/1.0"}


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("palvelupolku")
    assert cookie is not None
    return cookie.value


def replay(app: Flask, cookie: str) -> FlaskClient:
    """Another browser (other user agent and address) holding only the copied cookie."""
    thief = app.test_client()
    thief.environ_base.update({"REMOTE_ADDR": "203.0.113.66", "HTTP_USER_AGENT": OTHER_BROWSER["User-Agent"]})
    thief.set_cookie("palvelupolku", cookie)
    return thief


def test_a_cookie_replayed_after_sign_out_gets_the_sign_in_page(kokeilu: Engine, secure_app: Flask) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    browser = secure_app.test_client()
    login(browser, "asiantuntija", "salasana-1-kokeilu")
    form_token = csrf(browser, "/inbox")
    saved = session_cookie(browser)
    assert replay(secure_app, saved).get("/inbox").status_code == 200     # the copy works while signed in
    browser.post("/logout", data={"csrf_token": form_token})
    thief = replay(secure_app, saved)
    answer = thief.get("/inbox")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert "/login" in thief.get("/inbox", follow_redirects=True).request.path
    task_id = info.open_tasks[0].id
    posted = thief.post(f"/tasks/{task_id}/unclaim", data={"csrf_token": form_token})
    assert posted.status_code == 302 and posted.headers["Location"].startswith("/login")
    assert kokeilu.instance(info.id).open_tasks[0].assignee == "asiantuntija"
    login(browser, "asiantuntija", "salasana-1-kokeilu")        # signing in again works as ever
    assert browser.get("/inbox").status_code == 200


@pytest.mark.parametrize("end", [
    lambda eng: eng.sign_out_everywhere("asiantuntija", actor="admin"),
    lambda eng: eng.reset_password("asiantuntija", "uusi-pitka-salasana-7", actor="admin"),
    lambda eng: eng.deactivate_user("asiantuntija", actor="admin"),
], ids=["sign-out-everywhere", "new-password", "deactivation"])
def test_every_session_of_the_user_ends(kokeilu: Engine, secure_app: Flask, end: Callable[[Engine], None]) -> None:
    desk, phone = secure_app.test_client(), secure_app.test_client()
    login(desk, "asiantuntija", "salasana-1-kokeilu")
    login(phone, "asiantuntija", "salasana-1-kokeilu")
    colleague = secure_app.test_client()
    login(colleague, "toinen", "salasana-2-kokeilu")
    end(kokeilu)
    for client in (desk, phone):
        assert "/login" in client.get("/inbox").headers["Location"]
    assert colleague.get("/inbox").status_code == 200          # only that user's sessions
