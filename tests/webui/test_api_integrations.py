"""The API for integrations (issue 21): every new operation with every role, the event feed across a
restart, idempotency keys, the caller's language and the error bodies; real SQLite files, no mocks.

The office of tests/conftest.py: asiantuntija (TE group) is responsible for the instances and holds
their first task; ulkopuolinen is an expert of the ELY group; esimies a manager; omistaja a process
owner; paakayttaja an admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from engine import Engine, ManualClock
from engine.office.customers import business_id_check_digit
from tests.conftest import DATA, START
from tests.webui.test_api import PROMISE
from webui import create_app

ROLES = ("expert", "manager", "owner", "admin", "other_group", "no_token")
USERS = {"expert": "asiantuntija", "manager": "esimies", "owner": "omistaja", "admin": "paakayttaja",
         "other_group": "ulkopuolinen"}
AFTERCARE_NEW_NEEDS = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True, "arvio_tulos": 4}
HANDOVER = {"to": "toinen", "note": "Asiakkaalle kerrottu puhelimessa."}


@dataclass
class Fresh:
    """What one call acts on, made anew for each role so no role sees another's leftovers."""
    instance: int
    task: str
    business_id: str


def _business_id(n: int) -> str:
    for base in range(2617400 + n * 7, 2617500 + n * 7):
        digit = business_id_check_digit(str(base))
        if digit is not None:
            return f"{base}-{digit}"
    raise AssertionError("no Business ID")


@pytest.fixture
def office(kokeilu: Engine) -> Engine:
    kokeilu.add_user("omistaja", roles=["process_owner"])
    kokeilu.add_user("paakayttaja", roles=["admin"])
    return kokeilu


def _headers(eng: Engine, role: str) -> dict[str, str]:
    return {} if role == "no_token" else {"Authorization": f"Bearer {eng.create_token(USERS[role], role)}"}


Call = tuple[str, str, Any]   # method, path, JSON body (bytes: sent as BPMN)
TABLE: list[tuple[str, Callable[[Fresh], Call], tuple[int, ...]]] = [
    # name, the call, the status per role in ROLES order
    ("list instances", lambda f: ("GET", "/api/v1/instances?status=running&sort=id", None),
     (403, 200, 403, 200, 403, 401)),
    ("list tasks", lambda f: ("GET", "/api/v1/tasks?tab=all", None), (200, 200, 403, 200, 200, 401)),
    ("unclaim", lambda f: ("POST", f"/api/v1/tasks/{f.task}/unclaim", None), (200, 403, 403, 403, 403, 401)),
    ("hand over a task", lambda f: ("POST", f"/api/v1/tasks/{f.task}/hand-over", HANDOVER),
     (200, 200, 403, 200, 403, 401)),
    ("hand over an instance", lambda f: ("POST", f"/api/v1/instances/{f.instance}/hand-over", HANDOVER),
     (403, 200, 403, 200, 403, 401)),
    ("cancel", lambda f: ("POST", f"/api/v1/instances/{f.instance}/cancel", {"reason": "Asiakas perui."}),
     (403, 200, 403, 200, 403, 401)),
    ("retry (not in error)", lambda f: ("POST", f"/api/v1/instances/{f.instance}/retry", None),
     (403, 409, 403, 409, 403, 401)),
    ("correlate a message", lambda f: ("POST", "/api/v1/messages", {
        "name": "uusi_palvelutarve", "customer": f.business_id, "responsible": "asiantuntija"}),
     (200, 200, 403, 200, 200, 401)),
    ("list customers", lambda f: ("GET", "/api/v1/customers?q=Esimerkki", None), (200, 200, 403, 200, 200, 401)),
    ("read a customer", lambda f: ("GET", f"/api/v1/customers/{f.business_id}", None),
     (200, 200, 403, 200, 200, 401)),
    ("create a customer", lambda f: ("POST", "/api/v1/customers", {"business_id": _business_id(f.instance),
                                                                    "name": f"Testi {f.instance} Oy"}),
     (201, 201, 403, 201, 201, 401)),
    ("update a customer", lambda f: ("PATCH", f"/api/v1/customers/{f.business_id}", {"municipality": "Espoo"}),
     (200, 200, 403, 200, 200, 401)),
    ("add a contact", lambda f: ("POST", f"/api/v1/customers/{f.business_id}/contacts",
                                 {"name": "Maija Meikäläinen", "email": "maija@example.fi"}),
     (201, 201, 403, 201, 201, 401)),
    ("record a founded company's Business ID (a company has one already)",
     lambda f: ("POST", f"/api/v1/customers/{f.business_id}/business-id", {"business_id": "2617416-4"}),
     (422, 422, 403, 422, 422, 401)),
    ("deploy", lambda f: ("POST", f"/api/v1/processes?filename=k{f.instance}.bpmn", _renamed(f.instance)),
     (403, 403, 201, 201, 403, 401)),
    ("event feed", lambda f: ("GET", "/api/v1/events?limit=5", None), (200, 200, 403, 200, 200, 401)),
]


def _renamed(n: int) -> bytes:
    """The test process with another first task id: a new version each time."""
    return (DATA / "kokeilu.bpmn").read_bytes().replace(b'"lupaus"', f'"lupaus{n}"'.encode()).replace(
        b"lupaus<", f"lupaus{n}<".encode())


def _call(client: FlaskClient, call: Call, headers: dict[str, str]) -> Any:
    method, path, body = call
    if isinstance(body, bytes):
        return client.open(path, method=method, data=body, headers={**headers, "Content-Type": "application/xml"})
    return client.open(path, method=method, json=body, headers=headers)


@pytest.mark.parametrize(("name", "make", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_route_by_role(office: Engine, name: str, make: Callable[[Fresh], Call], expected: tuple[int, ...]) -> None:
    client = create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, engine=office).test_client()
    got = []
    for role in ROLES:
        info = office.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
        fresh = Fresh(info.id, info.open_tasks[0].id, "0112038-9")
        response = _call(client, make(fresh), _headers(office, role))
        got.append(response.status_code)
        if response.status_code >= 400:
            assert response.json["code"] and response.json["error"], (role, response.json)
    assert tuple(got) == expected, dict(zip(ROLES, got, strict=True))


def test_every_new_operation_is_in_the_openapi_document_and_the_table(office: Engine) -> None:
    client = create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, engine=office).test_client()
    doc = client.get("/api/v1/openapi.json").json
    documented = {(method.upper(), path) for path, ops in doc["paths"].items() for method in ops}
    app = client.application
    routed = {(method, str(rule.rule).replace("<id:", "{").replace("<", "{").replace(">", "}"))
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api_integrations.")
              for method in rule.methods or () if method in {"GET", "POST", "PATCH"}}
    assert routed <= documented, routed - documented
    assert len(TABLE) == len(routed), "each new operation has its row in TABLE"


# --- the effects behind the statuses ------------------------------------------------------------------------

def test_lists_search_and_page_like_the_pages(office: Engine, client: FlaskClient) -> None:
    for _ in range(3):
        office.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    manager = _headers(office, "manager")
    page = client.get("/api/v1/instances?per_page=2&page=2&sort=id&dir=asc", headers=manager).json
    assert page["total"] == 3 and page["pages"] == 2 and [i["id"] for i in page["items"]] == [3]
    assert page["items"][0]["customer_business_id"] == "0112038-9" and page["items"][0]["started_at"]
    assert client.get("/api/v1/instances?customer=Olematon", headers=manager).json["total"] == 0
    bad = client.get("/api/v1/instances?from=31.2.2026", headers=manager)
    assert bad.status_code == 422 and bad.json["code"] == "validation_error"
    expert = _headers(office, "expert")
    tasks = client.get("/api/v1/tasks?per_page=2", headers=expert).json
    assert tasks["total"] == 3 and len(tasks["items"]) == 2 and tasks["counts"]["mine"] == 3
    assert client.get("/api/v1/tasks?q=Olematon", headers=expert).json["total"] == 0
    assert client.get("/api/v1/tasks?tab=nobody", headers=expert).status_code == 422


def test_customers_are_created_read_updated_and_get_contacts(office: Engine, client: FlaskClient) -> None:
    auth = _headers(office, "expert")
    created = client.post("/api/v1/customers", headers=auth, json={
        "business_id": "2617416-4", "name": "Uusi Yritys Oy", "municipality": "Tampere",
        "contacts": [{"name": "Matti Meikäläinen", "phone": "040 123 4567"}]})
    assert created.status_code == 201 and created.json["contacts"][0]["name"] == "Matti Meikäläinen"
    again = client.post("/api/v1/customers", headers=auth, json={"business_id": "2617416-4", "name": "Toinen"})
    assert again.status_code == 422 and "already registered" in again.json["error"]
    bad = client.post("/api/v1/customers", headers=auth, json={"business_id": "123", "name": "X", "colour": "red"})
    assert bad.status_code == 422 and "colour" in bad.json["error"]
    changed = client.patch("/api/v1/customers/2617416-4", headers=auth, json={"name": "Uusi Nimi Oy"})
    assert changed.status_code == 200 and changed.json["name"] == "Uusi Nimi Oy"
    assert client.patch("/api/v1/customers/2617416-4", headers=auth,
                        json={"business_id": "1234567-1"}).status_code == 422
    client.post("/api/v1/customers/2617416-4/contacts", headers=auth, json={"name": "Liisa Virtanen"})
    read = client.get("/api/v1/customers/2617416-4", headers=auth).json
    assert [c["name"] for c in read["contacts"]] == ["Matti Meikäläinen", "Liisa Virtanen"]
    assert read["municipality"] == "Tampere"
    assert client.get("/api/v1/customers?q=Uusi Nimi", headers=auth).json["items"][0]["business_id"] == "2617416-4"
    missing = client.get("/api/v1/customers/9999999-9", headers=auth)
    assert missing.status_code == 404 and missing.json["code"] == "not_found"


def test_a_message_reaches_the_waiting_instance_or_starts_one(office: Engine, client: FlaskClient) -> None:
    auth = _headers(office, "expert")
    waiting = office.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    office.complete(waiting.open_tasks[0].id, "asiantuntija", {**PROMISE, "polku": "viesti"})
    assert office.instance(waiting.id).open_tasks == []
    got = client.post("/api/v1/messages", headers=auth, json={"name": "vahvistus", "customer": "0112038-9"})
    assert got.status_code == 200 and got.json["instance_ids"] == [waiting.id]
    assert [t.element_id for t in office.instance(waiting.id).open_tasks] == ["jalkihoito"]
    started = client.post("/api/v1/messages", headers=auth, json={"name": "uusi_palvelutarve",
                                                                  "customer": "0112038-9", "data": {"x": 1}})
    assert started.status_code == 200 and started.json["instance_ids"] != [waiting.id]
    assert office.instance(started.json["instance_ids"][0]).data["x"] == 1
    nobody = client.post("/api/v1/messages", headers=auth, json={"name": "vahvistus", "customer": "0112038-9"})
    assert nobody.status_code == 404 and "Nothing catches message" in nobody.json["error"]


def test_manager_actions_change_the_instance(office: Engine, client: FlaskClient) -> None:
    manager = _headers(office, "manager")
    info = office.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    moved = client.post(f"/api/v1/instances/{info.id}/hand-over", headers=manager,
                        json={**HANDOVER, "expected_version": info.lock_version})
    assert moved.status_code == 200 and moved.json["responsible"] == "toinen"
    stale = client.post(f"/api/v1/instances/{info.id}/hand-over", headers=manager,
                        json={"to": "asiantuntija", "note": "Takaisin.", "expected_version": info.lock_version})
    assert stale.status_code == 409
    assert client.post(f"/api/v1/instances/{info.id}/cancel", headers=manager, json={}).status_code == 422
    cancelled = client.post(f"/api/v1/instances/{info.id}/cancel", headers=manager, json={"reason": "Perui."})
    assert cancelled.json["status"] == "cancelled"
    assert client.post("/api/v1/instances/999999/cancel", headers=manager, json={"reason": "x"}).status_code == 404


def test_unclaim_and_hand_over_a_task(office: Engine, client: FlaskClient) -> None:
    auth = _headers(office, "expert")
    task = office.start("kokeilu", customer="0112038-9", responsible="asiantuntija").open_tasks[0].id
    given = client.post(f"/api/v1/tasks/{task}/unclaim", headers=auth)
    assert given.status_code == 200 and given.json["assignee"] is None
    client.post(f"/api/v1/tasks/{task}/claim", headers=auth)
    no_note = client.post(f"/api/v1/tasks/{task}/hand-over", headers=auth, json={"to": "toinen"})
    assert no_note.status_code == 422
    handed = client.post(f"/api/v1/tasks/{task}/hand-over", headers=auth, json=HANDOVER)
    assert handed.status_code == 200 and handed.json["assignee"] == "toinen"


# --- the event feed ----------------------------------------------------------------------------------------------

def _read_all(client: FlaskClient, auth: dict[str, str], cursor: str | None, limit: int = 3) -> tuple[list[dict],
                                                                                                     str | None]:
    seen: list[dict] = []
    while True:
        query = f"?limit={limit}" + (f"&after={cursor}" if cursor is not None else "")
        page = client.get(f"/api/v1/events{query}", headers=auth).json
        seen.extend(page["events"])
        cursor = page["cursor"]
        if not page["more"] and len(page["events"]) < limit:
            return seen, cursor


def test_the_event_feed_delivers_each_event_once_to_a_reader_that_resumes_after_a_restart(tmp_path: Any) -> None:
    url, clock = f"sqlite:///{tmp_path / 'feed.db'}", ManualClock(START)
    first = Engine(url, clock=clock)
    first.add_user("asiantuntija", roles=["expert"], groups=["TE-asiantuntijat"])
    first.add_user("esimies", roles=["manager"])
    first.add_user("ulkopuolinen", roles=["expert"], groups=["ELY-asiantuntijat"])
    first.add_customer("0112038-9", name="Oy Esimerkki Ab")
    first.deploy(DATA / "kokeilu.bpmn")
    tokens = {name: {"Authorization": f"Bearer {first.create_token(name, 'feed')}"}
              for name in ("asiantuntija", "esimies", "ulkopuolinen")}
    client = create_app({"TESTING": True, "SECRET_KEY": "s"}, engine=first).test_client()
    info = first.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task = info.open_tasks[0].id
    first.unclaim(task, "asiantuntija")
    first.claim(task, "asiantuntija")
    before, cursor = _read_all(client, tokens["esimies"], None)
    first.complete(task, "asiantuntija", PROMISE)
    partly, cursor = _read_all(client, tokens["esimies"], cursor)
    first.dispose()

    second = Engine(url, clock=clock)            # a restart: new engine and app on the same database file
    client = create_app({"TESTING": True, "SECRET_KEY": "s"}, engine=second).test_client()
    aftercare = second.instance(info.id).open_tasks[0].id
    second.complete(aftercare, "asiantuntija", AFTERCARE_NEW_NEEDS)
    child = next(i for i in second.instance(info.id).children)
    second.cancel(child, "esimies", "Asiakas ei tarvitse palvelua.")
    rest, cursor = _read_all(client, tokens["esimies"], cursor)
    resumed = before + partly + rest
    everything, _ = _read_all(client, tokens["esimies"], None, limit=500)

    assert [e["cursor"] for e in resumed] == [e["cursor"] for e in everything]          # each once, in order
    assert len({e["cursor"] for e in resumed}) == len(resumed)
    kinds = [(e["type"], e["instance_id"]) for e in resumed]
    assert kinds == [("instance.started", info.id), ("task.created", info.id), ("task.unclaimed", info.id),
                     ("task.claimed", info.id), ("task.completed", info.id), ("task.created", info.id),
                     ("aftercare.completed", info.id), ("instance.completed", info.id), ("instance.started", child),
                     ("task.created", child), ("needs.new", info.id), ("instance.cancelled", child)], kinds
    assert next(e for e in resumed if e["type"] == "needs.new")["data"]["child_id"] == child
    assert resumed[1]["task_name"] == "Palvelulupaus" and resumed[1]["element_id"] == "lupaus"
    assert rest and _read_all(client, tokens["esimies"], cursor)[0] == []              # nothing new: nothing
    assert _read_all(client, tokens["asiantuntija"], None)[0] == resumed               # the responsible expert
    outsider, outsider_cursor = _read_all(client, tokens["ulkopuolinen"], None)
    assert outsider == [] and outsider_cursor == cursor          # another group: none, yet the cursor moves on
    assert client.get("/api/v1/events?after=abc", headers=tokens["esimies"]).status_code == 422
    second.dispose()


# --- idempotency keys -----------------------------------------------------------------------------------------------

def test_an_idempotency_key_gives_the_first_answer_again(office: Engine, client: FlaskClient,
                                                         clock: ManualClock) -> None:
    auth, key = _headers(office, "expert"), {"Idempotency-Key": "start-1"}
    body = {"process_id": "kokeilu", "customer": "0112038-9"}
    first = client.post("/api/v1/instances", json=body, headers={**auth, **key})
    again = client.post("/api/v1/instances", json=body, headers={**auth, **key})
    assert first.status_code == again.status_code == 201 and again.json["id"] == first.json["id"]
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert client.get("/api/v1/instances", headers=_headers(office, "manager")).json["total"] == 1
    other = client.post("/api/v1/instances", json={**body, "data": {"x": 1}}, headers={**auth, **key})
    assert other.status_code == 422 and "another request" in other.json["error"]
    colleague = {"Authorization": f"Bearer {office.create_token('toinen')}", **key}   # keys are per user
    assert client.post("/api/v1/instances", json=body, headers=colleague).json["id"] != first.json["id"]

    clock.advance(timedelta(hours=25))                                                 # expired: a new request
    later = client.post("/api/v1/instances", json={**body, "data": {"x": 1}}, headers={**auth, **key})
    assert later.status_code == 201 and later.json["id"] not in {first.json["id"]}


def test_a_failed_request_does_not_use_up_its_key(office: Engine, client: FlaskClient) -> None:
    auth = {**_headers(office, "expert"), "Idempotency-Key": "customer-1"}
    failed = client.post("/api/v1/customers", json={"business_id": "2617416-5", "name": "X Oy"}, headers=auth)
    assert failed.status_code == 422
    fixed = client.post("/api/v1/customers", json={"business_id": "2617416-5", "name": "X Oy"}, headers=auth)
    assert fixed.status_code == 422                              # the same failing body fails again, not replayed
    made = client.post("/api/v1/customers", json={"business_id": "2617416-4", "name": "X Oy"}, headers=auth)
    assert made.status_code == 201
    assert client.post("/api/v1/customers", json={"business_id": "2617416-4", "name": "X Oy"},
                       headers=auth).json == made.json
    assert client.post("/api/v1/customers", json={}, headers={**auth, "Idempotency-Key": " "}).status_code == 422


# --- language and error bodies ------------------------------------------------------------------------------------

def test_task_texts_come_in_the_callers_language(office: Engine, client: FlaskClient) -> None:
    swedish = (DATA / "kokeilu.bpmn").read_bytes().replace(
        b'camunda:dueDate="P7D">\n      <bpmn:documentation>Record the service promise.</bpmn:documentation>\n'
        b"      <bpmn:extensionElements>\n",
        'camunda:dueDate="P7D">\n      <bpmn:documentation>Kirjaa palvelulupaus.</bpmn:documentation>\n'
        '      <bpmn:extensionElements>\n        <camunda:properties>'
        '<camunda:property name="name@sv" value="Servicelöfte"/>'
        '<camunda:property name="name@en" value="Service promise"/></camunda:properties>\n'.encode())
    assert swedish != (DATA / "kokeilu.bpmn").read_bytes()
    office.deploy_edited(swedish, "kokeilu.bpmn", "omistaja", {"source": "test"})
    auth = _headers(office, "expert")
    task = client.post("/api/v1/instances", json={"process_id": "kokeilu", "customer": "0112038-9"},
                       headers={**auth, "Accept-Language": "sv-FI,sv;q=0.9"}).json["open_tasks"][0]
    assert task["name"] == "Servicelöfte"
    assert client.get(f"/api/v1/tasks/{task['id']}", headers=auth).json["name"] == "Palvelulupaus"   # default fi
    assert client.get(f"/api/v1/tasks/{task['id']}?lang=en", headers=auth).json["name"] == "Service promise"
    assert client.get("/api/v1/tasks?lang=sv", headers=auth).json["items"][0]["name"] == "Servicelöfte"
    assert client.get("/api/v1/inbox", headers={**auth, "Accept-Language": "en"}).json["tasks"][0]["name"] == \
        "Service promise"


def test_error_bodies_carry_a_machine_code_and_a_sentence(office: Engine, client: FlaskClient) -> None:
    unauthorized = client.get("/api/v1/events")
    assert unauthorized.status_code == 401 and unauthorized.json["code"] == "unauthorized"
    owner = client.get("/api/v1/events", headers=_headers(office, "owner"))
    assert owner.json["code"] == "forbidden" and owner.json["error"].endswith(".")
    auth = _headers(office, "expert")
    assert client.get("/api/v1/instances/999999", headers=auth).json["code"] == "not_found"
    task = office.start("kokeilu", customer="0112038-9", responsible="asiantuntija").open_tasks[0].id
    client.post(f"/api/v1/tasks/{task}/complete", json={"data": PROMISE}, headers=auth)
    again = client.post(f"/api/v1/tasks/{task}/complete", json={"data": PROMISE}, headers=auth)
    assert again.status_code == 409 and again.json["code"] == "task_not_open"
    assert client.get("/api/v1/nothing", headers=auth).json["code"] == "not_found"


def test_deploy_refuses_a_broken_file_with_its_problems(office: Engine, client: FlaskClient) -> None:
    owner = _headers(office, "owner")
    broken = client.post("/api/v1/processes?filename=x.bpmn", data=b"<not-bpmn/>",
                         headers={**owner, "Content-Type": "application/xml"})
    assert broken.status_code == 422 and broken.json["code"]
    assert client.post("/api/v1/processes?filename=x.txt", data=b"x", headers=owner).status_code == 422
    same = client.post("/api/v1/processes?filename=kokeilu.bpmn", data=(DATA / "kokeilu.bpmn").read_bytes(),
                       headers={**owner, "Content-Type": "application/xml"})
    assert same.status_code == 200 and same.json["deployed"][0]["created"] is False
