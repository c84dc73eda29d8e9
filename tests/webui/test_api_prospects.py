"""The API for an applicant without a Business ID (issue 18): start the start-up grant with an 'applicant'
instead of a 'customer', read the card by its key H-<id> (business_id null), record the Business ID when
the company is founded; other processes and a Business ID on another card are refused with codes."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from engine import Engine
from tests.conftest import ROOT

APPLICANT = {"name": "Maija Meikäläinen", "planned_company": "Meikän Leipomo", "phone": "040 123 4567"}


@pytest.fixture
def grant(kokeilu: Engine) -> Engine:
    kokeilu.deploy(ROOT / "processes" / "starttiraha.bpmn")
    return kokeilu


def test_the_grant_starts_for_an_applicant_and_the_business_id_comes_later(grant: Engine, client: FlaskClient,
                                                                           auth: dict[str, str]) -> None:
    started = client.post("/api/v1/instances", headers=auth, json={"process_id": "starttiraha",
                                                                  "applicant": APPLICANT})
    assert started.status_code == 201, started.json
    key = started.json["customer_business_id"]
    assert key.startswith("H-") and started.json["customer_name"] == "Maija Meikäläinen"
    card = client.get(f"/api/v1/customers/{key}", headers=auth)
    assert card.status_code == 200
    assert (card.json["key"], card.json["business_id"], card.json["planned_company"]) == (key, None, "Meikän Leipomo")
    assert card.json["contacts"][0]["phone"] == "040 123 4567"
    listed = client.get("/api/v1/customers?q=Maija", headers=auth).json["items"]
    assert [c["key"] for c in listed] == [key]
    tasks = client.get(f"/api/v1/tasks?tab=all&customer={key}", headers=auth).json["items"]
    assert tasks and all(t["customer_business_id"] == key for t in tasks)
    again = client.post("/api/v1/instances", headers=auth, json={"process_id": "starttiraha", "customer": key})
    assert again.status_code == 201 and again.json["customer_business_id"] == key     # the card's key starts too

    taken = client.post(f"/api/v1/customers/{key}/business-id", headers=auth, json={"business_id": "0112038-9"})
    assert taken.status_code == 422 and taken.json["message_code"] == "customer.business_id_taken"
    assert "Oy Esimerkki Ab" in taken.json["error"]
    founded = client.post(f"/api/v1/customers/{key}/business-id", headers=auth,
                          json={"business_id": "2617416-4", "name": "Meikän Leipomo Oy"})
    assert founded.status_code == 200
    assert (founded.json["key"], founded.json["business_id"], founded.json["name"]) == (
        "2617416-4", "2617416-4", "Meikän Leipomo Oy")
    instance = client.get(f"/api/v1/instances/{started.json['id']}", headers=auth).json
    assert instance["customer_business_id"] == "2617416-4"
    assert client.get(f"/api/v1/customers/{key}", headers=auth).json["business_id"] == "2617416-4"


def test_other_processes_and_bad_applicants_are_refused(grant: Engine, client: FlaskClient,
                                                        auth: dict[str, str]) -> None:
    other = client.post("/api/v1/instances", headers=auth, json={"process_id": "kokeilu", "applicant": APPLICANT})
    assert other.status_code == 422 and other.json["message_code"] == "customer.business_id_required"
    assert grant.customers("Maija").total == 0                           # no card left behind
    bad = client.post("/api/v1/instances", headers=auth, json={"process_id": "starttiraha",
                                                              "applicant": {"name": "X", "age": 30}})
    assert bad.status_code == 422 and bad.json["message_code"] == "api.applicant"
    neither = client.post("/api/v1/instances", headers=auth, json={"process_id": "starttiraha"})
    assert neither.status_code == 422 and neither.json["message_code"] == "api.start_customer"
    missing = client.get("/api/v1/customers/H-999", headers=auth)
    assert missing.status_code == 404 and missing.json["message_code"] == "customer.no_card"
