"""The JSON API over the test process, through Flask's test client and a real database."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from engine import Engine
from engine.models import ApiToken
from tests.conftest import DATA

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
