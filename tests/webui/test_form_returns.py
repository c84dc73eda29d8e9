"""Post/redirect/get for forms sent back with errors (issue 19): the POST answers 303, the form's own
page shows the entered values and the errors once, and reloading it shows a fresh form, so neither
Back nor Reload asks to send the form again, with or without JavaScript. Also saved filters through
their forms."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import csrf, login, sent_back


def test_a_task_form_with_errors_redirects_and_shows_them_once(kokeilu: Engine, expert: FlaskClient) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task_id = info.open_tasks[0].id
    token = csrf(expert, f"/tasks/{task_id}")
    bad = expert.post(f"/tasks/{task_id}/complete", data={"csrf_token": token, "yhteyshenkilo": "Maija M",
                                                           "tyontekijat": "0", "expected_version": info.lock_version})
    assert bad.headers["Location"] == f"/tasks/{task_id}"
    html = sent_back(expert, bad)
    assert "Työntekijöitä must be at least 1." in html and 'value="Maija M"' in html
    assert 'aria-invalid="true"' in html and "Check the marked fields." in html
    again = expert.get(f"/tasks/{task_id}").get_data(as_text=True)      # a reload: a fresh form
    assert "must be at least 1" not in again and 'value="Maija M"' not in again
    assert kokeilu.instance(info.id).open_tasks[0].element_id == "lupaus"     # nothing completed


def test_kept_values_belong_to_their_own_form(kokeilu: Engine, expert: FlaskClient) -> None:
    first = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    second = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    token = csrf(expert, "/inbox")
    bad = expert.post(f"/tasks/{first.open_tasks[0].id}/complete",
                      data={"csrf_token": token, "yhteyshenkilo": "Maija M", "tyontekijat": "0"})
    assert bad.status_code == 303
    other = expert.get(f"/tasks/{second.open_tasks[0].id}").get_data(as_text=True)
    assert 'value="Maija M"' not in other                       # not shown on another task
    assert 'value="Maija M"' in expert.get(f"/tasks/{first.open_tasks[0].id}").get_data(as_text=True)


def test_a_form_too_large_for_the_session_is_answered_on_the_post(kokeilu: Engine, expert: FlaskClient) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task_id = info.open_tasks[0].id
    long_name = "Maija " * 600                                  # 3,600 characters: more than a cookie holds
    bad = expert.post(f"/tasks/{task_id}/complete", data={"csrf_token": csrf(expert, f"/tasks/{task_id}"),
                                                           "yhteyshenkilo": long_name, "tyontekijat": "0"})
    assert bad.status_code == 422 and "must be at least 1" in bad.get_data(as_text=True)
    assert len(bad.headers.get("Set-Cookie", "")) < 4096


def test_starting_a_service_refused_redirects_with_the_values(kokeilu: Engine, expert: FlaskClient) -> None:
    bad = expert.post("/start", data={"csrf_token": csrf(expert, "/start"), "process": "kokeilu",
                                      "customer": "0000000-0", "responsible": "asiantuntija"})
    assert bad.headers["Location"] == "/start"
    html = sent_back(expert, bad)
    assert 'id="customer" name="customer" required list="customers" value="0000000-0"' in html
    assert 'value="0000000-0"' not in expert.get("/start").get_data(as_text=True)


def test_a_new_company_refused_redirects_with_values_and_errors(kokeilu: Engine, expert: FlaskClient) -> None:
    values = {"csrf_token": csrf(expert, "/customers/new"), "business_id": "0201256-5", "name": "",
              "municipality": "Nokia", "size_class": "pieni"}
    bad = expert.post("/customers/new", data=values)
    assert bad.headers["Location"] == "/customers/new"
    html = sent_back(expert, bad)
    assert "The form has 2 errors" in html and 'value="Nokia"' in html
    assert re.search(r'id="f-business_id-err">[^<]*the check digit should be 6', html)
    assert "The form has" not in expert.get("/customers/new").get_data(as_text=True)


def test_saved_filters_are_the_users_own(kokeilu: Engine, secure_app: Flask, expert: FlaskClient) -> None:
    token = csrf(expert, "/inbox")
    saved = expert.post("/filters/inbox", data={"csrf_token": token, "name": "Myöhässä",
                                                "query": "tab=all&due=overdue&page=2"})
    assert saved.status_code == 303 and saved.headers["Location"] == "/inbox?due=overdue&tab=all"
    html = expert.get("/inbox").get_data(as_text=True)
    assert re.search(r'<a href="/inbox\?due=overdue&amp;tab=all">Myöhässä</a>', html)
    [mine] = kokeilu.saved_filters("asiantuntija", "inbox")
    other = secure_app.test_client()
    login(other, "toinen", "salasana-2-kokeilu")
    assert "Myöhässä" not in other.get("/inbox").get_data(as_text=True)
    refused = other.post(f"/filters/inbox/{mine.id}/delete", data={"csrf_token": csrf(other, "/inbox")},
                         follow_redirects=True)
    assert "You have no saved filter" in refused.get_data(as_text=True)
    assert kokeilu.saved_filters("asiantuntija", "inbox") == [mine]
    assert expert.post("/filters/instances", data={"csrf_token": token, "name": "x"}).status_code == 403
    assert expert.post("/filters/nope", data={"csrf_token": token, "name": "x"}).status_code == 404
    gone = expert.post(f"/filters/inbox/{mine.id}/delete", data={"csrf_token": token}, follow_redirects=True)
    assert "Filter deleted." in gone.get_data(as_text=True) and kokeilu.saved_filters("asiantuntija", "inbox") == []
    empty = expert.post("/filters/inbox", data={"csrf_token": token, "name": " ", "query": "tab=group"})
    assert empty.headers["Location"] == "/inbox?tab=group"
    assert "Give the filter a name." in expert.get("/inbox?tab=group").get_data(as_text=True)


def test_a_manager_saves_a_filter_of_the_instance_list(kokeilu: Engine, secure_app: Flask) -> None:
    manager = secure_app.test_client()
    login(manager, "esimies", "salasana-3-kokeilu")
    token = csrf(manager, "/manage/instances")
    saved = manager.post("/filters/instances", data={"csrf_token": token, "name": "Virheessä", "query": "in_error=1"})
    assert saved.headers["Location"] == "/manage/instances?in_error=1"
    html = manager.get("/manage/instances").get_data(as_text=True)
    assert '<a href="/manage/instances?in_error=1">Virheessä</a>' in html
    assert 'aria-label="Delete the filter Virheessä"' in html


def test_a_model_text_in_finnish_on_an_english_page_says_so(kokeilu: Engine, expert: FlaskClient) -> None:
    """The test process has Finnish texts only: on an English page each carries lang="fi" (WCAG 3.1.2)."""
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task_id = info.open_tasks[0].id
    inbox = expert.get("/inbox").get_data(as_text=True)
    assert '<span lang="fi">Palvelulupaus</span>' in inbox and '<span lang="fi">Kokeiluprosessi</span>' in inbox
    page = expert.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert re.search(r'<h1><span lang="fi">Palvelulupaus</span>', page)
    assert re.search(r'<label for="[^"]+"><span lang="fi">Päivämäärä</span>', page)
    del expert.environ_base["HTTP_ACCEPT_LANGUAGE"]                   # the Finnish page: nothing to mark
    finnish = expert.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'lang="fi">Palvelulupaus' not in finnish and "<h1>Palvelulupaus" in finnish
