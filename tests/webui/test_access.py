"""The API answers exactly as the pages do (issue 14, finding 4): every API route, with every role,
against the matching web route. Both ask the engine's one rule (engine.runtime.access).

The office: the instance belongs to asiantuntija (TE group, responsible); toinen is a colleague in
the same group; ulkopuolinen is an expert of the ELY group; esimies a manager; omistaja a process
owner; paakayttaja an admin. Reads compare status codes; actions compare their effect."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import csrf, login
from tests.webui.test_api import PROMISE

PASSWORDS = {"asiantuntija": "salasana-1-kokeilu", "toinen": "salasana-2-kokeilu", "esimies": "salasana-3-kokeilu",
             "ulkopuolinen": "salasana-4-kokeilu", "omistaja": "omistajan-salasana-5",
             "paakayttaja": "paakayttajan-salasana-6"}
ROLES = list(PASSWORDS)
FETCH = {"X-Requested-With": "fetch"}    # the pages' own script: the answer says ok or not, no redirect


class Person:
    def __init__(self, app: Flask, eng: Engine, username: str) -> None:
        self.username = username
        self.web = app.test_client()
        login(self.web, username, PASSWORDS[username])
        self.form_token = _page_token(self.web)
        self.api = {"Authorization": f"Bearer {eng.create_token(username, 'walk')}"}


def _page_token(client: FlaskClient) -> str:
    """A CSRF token from any page the person may open (process owners have no inbox)."""
    for path in ("/inbox", "/processes/", "/"):
        response = client.get(path)
        if response.status_code == 200 and 'name="csrf_token"' in response.get_data(as_text=True):
            return csrf(client, path)
    raise AssertionError("no page with a form")


@pytest.fixture
def office(kokeilu: Engine, secure_app: Flask) -> Iterator[dict[str, Person]]:
    kokeilu.add_user("omistaja", roles=["process_owner"], password=PASSWORDS["omistaja"])
    kokeilu.add_user("paakayttaja", roles=["admin"], password=PASSWORDS["paakayttaja"])
    yield {name: Person(secure_app, kokeilu, name) for name in ROLES}


def start(eng: Engine) -> tuple[int, str]:
    info = eng.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    return info.id, info.open_tasks[0].id


def completed(eng: Engine, instance_id: int, task_id: str) -> bool:
    return task_id not in [t.id for t in eng.instance(instance_id).open_tasks]


def test_reads_answer_the_same_through_the_api_and_the_pages(kokeilu: Engine, office: dict[str, Person]) -> None:
    instance_id, task_id = start(kokeilu)
    pairs = [(f"/api/v1/instances/{instance_id}", f"/manage/instances/{instance_id}"),
             (f"/api/v1/tasks/{task_id}", f"/tasks/{task_id}"),
             ("/api/v1/inbox", "/inbox")]
    seen: dict[str, list[int]] = {}
    for name, person in office.items():
        for api, page in pairs:
            api_status = person.web.get(api, headers=person.api).status_code
            page_status = person.web.get(page).status_code
            assert api_status == page_status, f"{name}: {api} answered {api_status}, {page} {page_status}"
            seen.setdefault(api, []).append(api_status)
    # and the rule itself: the TE experts and the managers read the TE instance, ELY and owners do not
    assert seen[f"/api/v1/instances/{instance_id}"] == [200, 200, 200, 403, 403, 200]
    assert seen[f"/api/v1/tasks/{task_id}"] == [200, 200, 200, 403, 403, 200]


def test_actions_have_the_same_effect_through_the_api_and_the_pages(kokeilu: Engine,
                                                                    office: dict[str, Person]) -> None:
    for name, person in office.items():
        # claim (the task is asiantuntija's already: only asiantuntija's own claim succeeds, as a no-op)
        _instance, task_id = start(kokeilu)
        api_ok = person.web.post(f"/api/v1/tasks/{task_id}/claim", headers=person.api).status_code == 200
        page = person.web.post(f"/tasks/{task_id}/claim", data={"csrf_token": person.form_token}, headers=FETCH)
        page_ok = page.status_code == 200 and page.get_json()["ok"] is True
        assert api_ok == page_ok, f"{name}: claim through the API {api_ok}, through the page {page_ok}"
        # complete, each on an instance of its own
        first, first_task = start(kokeilu)
        second, second_task = start(kokeilu)
        person.web.post(f"/api/v1/tasks/{first_task}/complete", json={"data": PROMISE}, headers=person.api)
        person.web.post(f"/tasks/{second_task}/complete",
                        data={**PROMISE, "lupaus_annettu": "true", "csrf_token": person.form_token})
        api_done, page_done = completed(kokeilu, first, first_task), completed(kokeilu, second, second_task)
        assert api_done == page_done == (name == "asiantuntija"), f"{name}: completed {api_done} / {page_done}"
        # start a service with someone else as responsible
        api_start = person.web.post("/api/v1/instances", headers=person.api, json={
            "process_id": "kokeilu", "customer": "0112038-9", "responsible": "toinen"}).status_code == 201
        page_start = person.web.post("/start", data={"process": "kokeilu", "customer": "0112038-9",
                                                     "responsible": "toinen", "csrf_token": person.form_token})
        assert api_start == (page_start.status_code == 302), f"{name}: start {api_start} / {page_start.status_code}"


def test_an_api_start_refuses_a_responsible_who_could_not_open_the_tasks(kokeilu: Engine,
                                                                         office: dict[str, Person]) -> None:
    expert = office["asiantuntija"]
    for responsible in ("omistaja", "esimies"):      # a process owner, a manager without the expert role
        answer = expert.web.post("/api/v1/instances", headers=expert.api, json={
            "process_id": "kokeilu", "customer": "0112038-9", "responsible": responsible})
        assert answer.status_code == 422 and "only an active expert" in answer.get_json()["error"], answer.json
    assert office["omistaja"].web.get("/inbox").status_code == 403     # what they would have got
