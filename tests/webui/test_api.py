"""The JSON API over the test process, through Flask's test client and a real database."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from engine import Engine, ManualClock
from engine.demo.seed import DEMO_USERS, autofill, drive
from engine.models import ApiToken
from tests.conftest import DATA, ROOT
from webui import create_app

PROMISE = {"lupaus_annettu": True, "lupaus_pvm": "2026-03-02", "polku": "suora"}


def start(client: FlaskClient, auth: dict[str, str]) -> dict:
    response = client.post("/api/v1/instances", json={"process_id": "kokeilu", "customer": "0112038-9"},
                           headers=auth)
    assert response.status_code == 201, response.json
    return response.json


def test_health_reports_database(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json["database"] == "ok" and response.json["status"] == "ok"


def test_openapi_document_lists_the_endpoints(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    assert {"/api/v1/instances", "/api/v1/inbox", "/api/v1/tasks/{task_id}/claim",
            "/api/v1/tasks/{task_id}/complete", "/api/v1/instances/{instance_id}",
            "/api/v1/processes/{process_key}/migrations", "/api/v1/processes/{process_key}/migrations/dry-run",
            } <= set(doc["paths"])


def test_requests_without_a_valid_token_are_refused(client: FlaskClient) -> None:
    assert client.get("/api/v1/inbox").status_code == 401
    assert client.get("/api/v1/inbox", headers={"Authorization": "Bearer pp_wrong"}).status_code == 401
    assert client.get("/api/v1/inbox", headers={"Authorization": "Basic abc"}).status_code == 401


def test_token_is_stored_hashed(kokeilu: Engine, token: str) -> None:
    with kokeilu.reading() as s:
        hashes = list(s.scalars(select(ApiToken.token_hash)))
    assert token not in hashes and len(hashes) == 1 and len(hashes[0]) == 64


def test_wrong_role_is_forbidden(kokeilu: Engine, client: FlaskClient) -> None:
    kokeilu.add_user("omistaja", roles=["process_owner"])
    owner = {"Authorization": f"Bearer {kokeilu.create_token('omistaja')}"}
    assert client.get("/api/v1/inbox", headers=owner).status_code == 403


def test_start_inbox_complete_roundtrip(client: FlaskClient, auth: dict[str, str]) -> None:
    instance = start(client, auth)
    assert instance["status"] == "running" and instance["responsible"] == "asiantuntija"
    inbox = client.get("/api/v1/inbox", headers=auth).json["tasks"]
    assert [t["element_id"] for t in inbox] == ["lupaus"]
    task = client.get(f"/api/v1/tasks/{inbox[0]['id']}", headers=auth).json
    assert [f["id"] for f in task["form"]][:2] == ["lupaus_annettu", "lupaus_pvm"]
    assert task["documentation"] == "Record the service promise."
    done = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROMISE}, headers=auth)
    assert done.status_code == 200
    assert [t["element_id"] for t in done.json["open_tasks"]] == ["jalkihoito"]
    again = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROMISE}, headers=auth)
    assert again.status_code == 409 and "already completed" in again.json["error"]


def test_form_errors_come_back_per_field(client: FlaskClient, auth: dict[str, str]) -> None:
    task_id = start(client, auth)["open_tasks"][0]["id"]
    response = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"tyontekijat": 0}}, headers=auth)
    assert response.status_code == 422
    assert set(response.json["field_errors"]) == {"lupaus_annettu", "lupaus_pvm", "polku", "tyontekijat"}


def test_stale_expected_version_is_a_conflict(client: FlaskClient, auth: dict[str, str]) -> None:
    instance = start(client, auth)
    task_id = instance["open_tasks"][0]["id"]
    response = client.post(f"/api/v1/tasks/{task_id}/complete",
                           json={"data": PROMISE, "expected_version": instance["lock_version"] - 1}, headers=auth)
    assert response.status_code == 409 and "reload" in response.json["error"]


def test_bad_bodies_and_unknown_ids(client: FlaskClient, auth: dict[str, str]) -> None:
    assert client.post("/api/v1/instances", data="nope", headers=auth).status_code == 422
    assert client.post("/api/v1/instances", json={"process_id": 1}, headers=auth).status_code == 422
    missing = client.post("/api/v1/instances", json={"process_id": "kokeilu", "customer": "9999999-9"},
                          headers=auth)
    assert missing.status_code == 404 and "Business ID" in missing.json["error"]
    assert client.get("/api/v1/tasks/" + "x" * 300, headers=auth).status_code == 404
    assert client.get("/api/v1/instances/999999", headers=auth).status_code == 404
    assert client.post("/api/v1/tasks/nope/claim", headers=auth).status_code == 404


def test_ids_and_offsets_too_big_for_the_database_are_answered_not_crashed(client: FlaskClient,
                                                                            auth: dict[str, str]) -> None:
    # found by schemathesis: these reached SQLite as integers it cannot hold
    assert client.get("/api/v1/instances/9223372036854775808", headers=auth).status_code == 404
    assert client.get("/api/v1/instances/99999999999999999999999", headers=auth).status_code == 404
    response = client.get("/api/v1/inbox?offset=99999999999999999999999", headers=auth)
    assert response.status_code == 200 and response.json["tasks"] == []


def test_migration_dry_run_and_batch_for_owners_and_managers(kokeilu: Engine, client: FlaskClient,
                                                              auth: dict[str, str]) -> None:
    instance = start(client, auth)["id"]
    renamed = (DATA / "kokeilu.bpmn").read_bytes().replace(b'"lupaus"', b'"lupaus2"').replace(
        b"lupaus<", b"lupaus2<")
    kokeilu.deploy_edited(renamed, "kokeilu.bpmn", "omistaja", {"source": "editor"})
    kokeilu.add_user("omistaja", roles=["process_owner"])
    owner = {"Authorization": f"Bearer {kokeilu.create_token('omistaja')}"}
    url = "/api/v1/processes/kokeilu/migrations"
    assert client.post(f"{url}/dry-run", json={"from": 1, "to": 2}, headers=auth).status_code == 403   # an expert

    dry = client.post(f"{url}/dry-run", json={"from": 1, "to": 2}, headers=owner)
    assert dry.status_code == 200 and dry.json["moved"] == [] and dry.json["dry_run"] is True
    refused = dry.json["not_moved"][0]
    assert refused["instance_id"] == instance and refused["unmapped"] == ["lupaus"] and not refused["can_move"]
    assert "which version 2 does not have" in refused["sentence"]
    assert refused["reason_codes"] == [{"code": "migrate.stands_missing",
                                        "params": {"element": "'Palvelulupaus' (lupaus)", "version": "2"}}]
    bad = client.post(url, json={"from": 1, "to": 2, "where": {"task": "x"}}, headers=owner)
    assert bad.status_code == 422 and "may name only" in bad.json["error"]
    assert client.post(url, json={"from": "1", "to": 2}, headers=owner).status_code == 422
    assert client.post("/api/v1/processes/nothing/migrations", json={"from": 1, "to": 2},
                       headers=owner).status_code == 404

    moved = client.post(url, json={"from": 1, "to": 2, "where": {"element": "lupaus"},
                                   "mapping": {"lupaus": "lupaus2"}}, headers=owner)
    assert moved.status_code == 200 and [p["instance_id"] for p in moved.json["moved"]] == [instance]
    got = client.get(f"/api/v1/instances/{instance}", headers=auth).json
    assert got["version"] == 2 and got["open_tasks"][0]["element_id"] == "lupaus2"
    assert got["history"][-1]["kind"] == "migrate" and got["history"][-1]["actor"] == "omistaja"


def test_api_tasks_show_their_joint_aftercare_call_and_the_call_completes_as_one(
        eng: Engine, clock: ManualClock) -> None:
    """Issue 18: two services of one customer ending in the same week are one call; an API client sees the
    grouping on every task of it and completes the call in one request, each answer on its own instance."""
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, display_name=name)
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(ROOT / "processes")
    services = []
    for process in ("rekrytointipalvelut", "kehittamispalvelut"):
        services.append(eng.start(process, customer="0112038-9", responsible="asiantuntija").id)
        drive(eng, clock, services[-1], until=lambda t: t.is_aftercare, days_per_task=0.5)
    client = create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, engine=eng).test_client()
    auth = {"Authorization": f"Bearer {eng.create_token('asiantuntija', 'tests')}"}
    inbox = client.get("/api/v1/inbox", headers=auth).json["tasks"]
    aftercare = [t for t in inbox if t["is_aftercare"]]
    assert len(aftercare) == 2 and all(t["call"] for t in aftercare)
    call = aftercare[0]["call"]
    assert call["services"] == 2 and sorted(call["task_ids"]) == sorted(t["id"] for t in aftercare)
    assert all(t["call"] == call for t in aftercare)            # one call, named by its lead, on both
    assert all(t["call"] is None for t in inbox if not t["is_aftercare"])
    other = call["task_ids"][1]
    assert client.get(f"/api/v1/tasks/{other}", headers=auth).json["call"] == call
    listed = client.get("/api/v1/tasks?tab=mine", headers=auth).json["items"]
    assert [t["id"] for t in listed if t["is_aftercare"]] == [call["id"]]    # the list folds it, as the inbox page
    # completing as one: a missing section keeps the whole call open
    answer = {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True, "uudet_palvelutarpeet": False}
    sections = {t["id"]: autofill(t["form"], "2026-03-20", answer) for t in
                (client.get(f"/api/v1/tasks/{i}", headers=auth).json for i in call["task_ids"])}
    refused = client.post(f"/api/v1/tasks/{other}/complete-call", headers=auth,
                          json={"sections": {call["id"]: sections[call["id"]]}})
    assert refused.status_code == 422 and refused.json["code"]
    assert len([t for t in client.get("/api/v1/inbox", headers=auth).json["tasks"] if t["is_aftercare"]]) == 2
    stranger = {"Authorization": f"Bearer {eng.create_token('ely', 'tests')}"}   # works for no service of theirs
    assert client.post(f"/api/v1/tasks/{other}/complete-call", headers=stranger,
                       json={"sections": sections}).status_code == 403
    done = client.post(f"/api/v1/tasks/{other}/complete-call", headers=auth, json={"sections": sections})
    assert done.status_code == 200, done.json
    assert done.json["call"] == call and done.json["completed"] == call["task_ids"]
    for iid in services:
        history = client.get(f"/api/v1/instances/{iid}", headers=auth).json["history"]
        assert [h for h in history if h["kind"] == "complete" and h["element_id"] == "Task_jalkihoito"]
    assert not [t for t in client.get("/api/v1/inbox", headers=auth).json["tasks"] if t["is_aftercare"]]
    assert client.post("/api/v1/tasks/nope/complete-call", headers=auth,
                       json={"sections": {}}).status_code == 404


def test_an_applicant_without_a_name_is_refused_not_a_server_error(client: FlaskClient, auth: dict[str, str]) -> None:
    """Found by the schemathesis run after merging the prospects: a card is a person's, so it needs a name."""
    for applicant in ({}, {"name": ""}, {"phone": "040 123 4567"}):
        response = client.post("/api/v1/instances", headers=auth,
                                json={"process_id": "starttiraha", "applicant": applicant})
        assert response.status_code == 422, (applicant, response.json)
