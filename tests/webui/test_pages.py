"""The experts' pages through Flask's test client: sign-in, roles, CSRF, the inbox and a task."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import csrf, login, sent_back
from tests.webui.test_api import PROMISE


def test_pages_need_sign_in(secure_app: Flask) -> None:
    client = secure_app.test_client()
    for path in ["/inbox", "/start", "/tasks/x"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_wrong_password_is_refused_with_a_message(secure_app: Flask) -> None:
    client = secure_app.test_client()
    response = client.post("/login", data={"username": "asiantuntija", "password": "väärä", "csrf_token": csrf(client)})
    assert response.status_code == 401 and "Wrong username or password" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(secure_app: Flask) -> None:
    client = secure_app.test_client()
    response = client.post("/login", data={"username": "asiantuntija", "password": "salasana-1-kokeilu"})
    assert response.status_code == 400 and "reload the page" in response.get_data(as_text=True)


def test_open_redirect_after_login_is_refused(secure_app: Flask) -> None:
    client = secure_app.test_client()
    response = client.post("/login", data={"username": "asiantuntija", "password": "salasana-1-kokeilu",
                                           "csrf_token": csrf(client), "next": "//evil.example/x"})
    assert response.headers["Location"] == "/"


def test_wrong_role_gets_a_403_page(kokeilu: Engine, secure_app: Flask) -> None:
    kokeilu.add_user("omistaja", roles=["process_owner"], password="salasana-9-kokeilu")
    client = secure_app.test_client()
    login(client, "omistaja", "salasana-9-kokeilu")
    response = client.get("/inbox")
    assert response.status_code == 403 and "Not allowed" in response.get_data(as_text=True)


def test_security_headers(expert: FlaskClient) -> None:
    response = expert.get("/inbox")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["X-Content-Type-Options"] == "nosniff"


def test_inbox_lists_the_experts_task_with_counts(kokeilu: Engine, expert: FlaskClient) -> None:
    kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    html = expert.get("/inbox").get_data(as_text=True)
    assert "Palvelulupaus" in html and "Oy Esimerkki Ab" in html
    assert re.search(r"Mine\s*<span class=\"count\">1</span>", html)
    partial = expert.get("/inbox?partial=1").get_data(as_text=True)
    assert "<html" not in partial and "Palvelulupaus" in partial
    assert "No tasks here" in expert.get("/inbox?q=nobody").get_data(as_text=True)


def test_task_form_keeps_values_and_shows_errors_then_completes(kokeilu: Engine, expert: FlaskClient) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task_id = info.open_tasks[0].id
    page = expert.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'class="date"' in page and 'type="date"' not in page and "<select" in page and 'type="number"' in page
    assert "Record the service promise" in page
    token = csrf(expert, f"/tasks/{task_id}")
    bad = expert.post(f"/tasks/{task_id}/complete", data={"csrf_token": token, "yhteyshenkilo": "Maija M",
                                                           "tyontekijat": "0", "expected_version": info.lock_version})
    html = sent_back(expert, bad)
    assert "Työntekijöitä must be at least 1." in html and 'value="Maija M"' in html
    assert 'aria-invalid="true"' in html
    good = expert.post(f"/tasks/{task_id}/complete", data={**PROMISE, "lupaus_annettu": "true", "csrf_token": token,
                                                            "expected_version": info.lock_version})
    assert good.status_code == 302
    assert kokeilu.instance(info.id).open_tasks[0].element_id == "jalkihoito"


def test_stale_form_is_refused_with_a_message(kokeilu: Engine, expert: FlaskClient) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task_id = info.open_tasks[0].id
    token = csrf(expert, f"/tasks/{task_id}")
    response = expert.post(f"/tasks/{task_id}/complete", data={**PROMISE, "lupaus_annettu": "true",
                                                                "csrf_token": token,
                                                                "expected_version": info.lock_version - 1},
                           follow_redirects=True)
    assert "changed since you loaded it" in response.get_data(as_text=True)
    assert kokeilu.instance(info.id).open_tasks[0].element_id == "lupaus"


def test_someone_elses_task_cannot_be_completed_by_a_forged_post(kokeilu: Engine, secure_app: Flask) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    other = secure_app.test_client()
    login(other, "toinen", "salasana-2-kokeilu")
    token = csrf(other, "/inbox")
    response = other.post(f"/tasks/{info.open_tasks[0].id}/complete",
                          data={**PROMISE, "lupaus_annettu": "true", "csrf_token": token}, follow_redirects=True)
    assert "belongs to asiantuntija" in response.get_data(as_text=True)
    assert kokeilu.instance(info.id).open_tasks[0].status == "open"


def test_start_a_service_and_land_on_its_first_task(expert: FlaskClient) -> None:
    token = csrf(expert, "/start")
    response = expert.post("/start", data={"process": "kokeilu", "customer": "0112038-9",
                                           "responsible": "asiantuntija", "csrf_token": token})
    assert response.status_code == 302 and "/tasks/" in response.headers["Location"]
    bad = expert.post("/start", data={"process": "kokeilu", "customer": "1234567-1", "csrf_token": token})
    assert "No customer with Business ID" in sent_back(expert, bad)


def test_inline_claim_answers_json(kokeilu: Engine, expert: FlaskClient, clock) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    kokeilu.complete(info.open_tasks[0].id, "asiantuntija", {**PROMISE, "lupaus_annettu": True})
    clock.advance(days=15)
    kokeilu.fire_due_timers()
    escalation = next(t for t in kokeilu.instance(info.id).open_tasks if t.element_id == "eskalointi")
    token = csrf(expert, "/inbox")
    response = expert.post(f"/tasks/{escalation.id}/claim", data={"csrf_token": token},
                           headers={"X-Requested-With": "fetch"})
    assert response.status_code == 409 and "not in group" in response.json["message"]


def test_language_follows_the_browser_then_the_users_choice(expert: FlaskClient, kokeilu: Engine) -> None:
    del expert.environ_base["HTTP_ACCEPT_LANGUAGE"]
    assert "Kirjaudu ulos" in expert.get("/inbox").get_data(as_text=True)       # Finnish by default
    english = expert.get("/inbox", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert "Sign out" in english and "Kirjaudu ulos" not in english
    token = csrf(expert, "/inbox")
    expert.post("/language", data={"lang": "en", "csrf_token": token, "next": "/inbox"})
    assert "Sign out" in expert.get("/inbox", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert kokeilu.user("asiantuntija").language == "en"      # kept per user


def test_sign_in_slows_an_attacker_but_not_the_real_user(secure_app: Flask) -> None:
    attacker = secure_app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    token = csrf(attacker)
    for _ in range(3):
        response = attacker.post("/login", data={"username": "asiantuntija", "password": "väärä", "csrf_token": token})
        assert response.status_code == 401
    blocked = attacker.post("/login", data={"username": "asiantuntija", "password": "väärä", "csrf_token": token})
    assert blocked.status_code == 429 and "Too many failed sign-ins; wait 1 seconds" in blocked.get_data(as_text=True)
    assert blocked.headers["Retry-After"] == "1"
    colleague = attacker.post("/login", data={"username": "toinen", "password": "salasana-2-kokeilu",
                                              "csrf_token": token})
    assert colleague.status_code == 302   # a colleague at the same address still gets in
    for _ in range(2):   # the attacker keeps trying; the real user at their desk is not held back
        attacker.post("/login", data={"username": "asiantuntija", "password": "väärä", "csrf_token": token})
    desk = secure_app.test_client()
    desk.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    real = desk.post("/login", data={"username": "asiantuntija", "password": "salasana-1-kokeilu",
                                     "csrf_token": csrf(desk)})
    assert real.status_code == 302


def test_field_errors_are_in_finnish_on_a_finnish_page(kokeilu: Engine, expert: FlaskClient) -> None:
    del expert.environ_base["HTTP_ACCEPT_LANGUAGE"]
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task_id = info.open_tasks[0].id
    token = csrf(expert, f"/tasks/{task_id}")
    html = sent_back(expert, expert.post(f"/tasks/{task_id}/complete", data={"csrf_token": token,
                                                                             "tyontekijat": "900"}))
    assert "Työntekijöitä: enintään 500." in html and "Päivämäärä: pakollinen tieto puuttuu." in html
