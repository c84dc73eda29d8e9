"""A start-up grant applicant without a Business ID (issue 18), through the pages: the start page makes the
prospective entrepreneur's card and starts the grant; the card, the task, the inbox, the customer list and
the managers' pages show it by its key "H-<id>"; an expert records the Business ID when the company is
founded, and a Business ID already on another card is refused with a sentence."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.conftest import ROOT
from tests.webui.helpers import csrf, login
from tests.webui.test_customers import EXAMPLE, text_of

GRANT = "starttiraha"


@pytest.fixture
def grant(kokeilu: Engine) -> Engine:
    kokeilu.deploy(ROOT / "processes" / "starttiraha.bpmn")
    return kokeilu


@pytest.fixture
def expert(secure_app: Flask, grant: Engine) -> FlaskClient:
    client = secure_app.test_client()
    login(client, "asiantuntija", "salasana-1-kokeilu")
    return client


def start_for_maija(expert: FlaskClient) -> str:
    """Start the grant from the start page for a person without a Business ID; the card's key."""
    page = expert.get("/start").get_data(as_text=True)
    prospect_form = page[page.index('id="prospect-heading"'):]
    assert f'<option value="{GRANT}"' in prospect_form and '<option value="kokeilu"' not in prospect_form
    response = expert.post("/start/prospect", data={
        "process": GRANT, "name": "Maija Meikäläinen", "planned_company": "Meikän Leipomo",
        "phone": "+358 40 123 4567", "email": "maija@example.fi", "responsible": "asiantuntija",
        "csrf_token": csrf(expert, "/start")})
    assert response.status_code == 302, response.get_data(as_text=True)
    task_page = expert.get(response.headers["Location"]).get_data(as_text=True)
    found = re.search(r'href="/customers/(H-\d+)"', task_page)
    assert found, "the task links the customer card by its key"
    assert "Maija Meikäläinen" in task_page and "Meikän Leipomo" in text_of(task_page)
    return found.group(1)


def test_the_start_page_makes_the_card_and_starts_the_grant(grant: Engine, expert: FlaskClient) -> None:
    key = start_for_maija(expert)
    card = text_of(expert.get(f"/customers/{key}").get_data(as_text=True))
    assert "None yet: a prospective entrepreneur" in card and key in card and "Meikän Leipomo" in card
    assert "+358 40 123 4567" in card and "record its Business ID" in card
    listed = expert.get("/customers?q=Maija").get_data(as_text=True)
    assert f'href="/customers/{key}"' in listed and f"none yet (card {key})" in listed
    assert '<td class="num">1</td>' in listed                         # one open service
    inbox = text_of(expert.get(f"/inbox?customer={key}").get_data(as_text=True))
    assert "Maija Meikäläinen" in inbox and key in inbox
    assert [i.customer_name for i in grant.inbox("asiantuntija") if i.customer_business_id == key]


def test_a_name_is_required_and_other_processes_are_refused(grant: Engine, expert: FlaskClient) -> None:
    token = csrf(expert, "/start")
    nameless = expert.post("/start/prospect", data={"process": GRANT, "name": "", "responsible": "asiantuntija",
                                                    "csrf_token": token})
    assert nameless.status_code == 422 and "Give the person&#39;s name." in nameless.get_data(as_text=True)
    other = expert.post("/start/prospect", data={"process": "kokeilu", "name": "Ville Virtanen",
                                                 "responsible": "asiantuntija", "csrf_token": token})
    assert other.status_code == 422
    assert "Ville Virtanen has no Business ID yet" in text_of(other.get_data(as_text=True))
    assert grant.customers("Ville").total == 0 and grant.customers("").total == 1      # no card left behind
    key = grant.add_prospect("Kaisa Kokeilu").key
    started = expert.post("/start", data={"process": "kokeilu", "customer": key, "responsible": "asiantuntija",
                                          "csrf_token": token})
    assert "has no Business ID yet" in text_of(expert.get(started.headers["Location"]).get_data(as_text=True))


def test_recording_the_business_id_keeps_the_services_and_refuses_a_taken_one(grant: Engine,
                                                                              expert: FlaskClient) -> None:
    key = start_for_maija(expert)
    token = csrf(expert, f"/customers/{key}")
    taken = expert.post(f"/customers/{key}/business-id", data={"business_id": EXAMPLE, "name": "Meikän Leipomo",
                                                               "csrf_token": token})
    assert taken.status_code == 422
    assert f"Business ID {EXAMPLE} is already on the card of Oy Esimerkki Ab" in text_of(taken.get_data(as_text=True))
    recorded = expert.post(f"/customers/{key}/business-id", data={"business_id": "2617416-4",
                                                                  "name": "Meikän Leipomo Oy", "csrf_token": token})
    assert recorded.status_code == 302 and recorded.headers["Location"].endswith("/customers/2617416-4")
    card = text_of(expert.get("/customers/2617416-4").get_data(as_text=True))
    assert "Meikän Leipomo Oy" in card and "Business ID 2617416-4" in card and "Start-up" in card
    assert "None yet" not in card
    old_link = expert.get(f"/customers/{key}")
    assert old_link.status_code == 302 and old_link.headers["Location"].endswith("/customers/2617416-4")


def test_managers_lists_exports_and_the_crm_show_the_card_by_its_key(grant: Engine, expert: FlaskClient,
                                                                      secure_app: Flask) -> None:
    grant.deploy(ROOT / "processes" / "palvelutarvearvio.bpmn")
    key = start_for_maija(expert)
    [instance] = [i for i in grant.inbox("asiantuntija") if i.customer_business_id == key]
    manager = secure_app.test_client()
    login(manager, "esimies", "salasana-3-kokeilu")
    listed = text_of(manager.get(f"/manage/instances?customer={key}").get_data(as_text=True))
    assert "Maija Meikäläinen" in listed and key in listed and "Oy Esimerkki Ab" not in listed
    page = manager.get(f"/manage/instances/{instance.instance_id}").get_data(as_text=True)
    assert f'href="/customers/{key}"' in page
    exported = manager.get(f"/manage/instances.csv?customer={key}").get_data(as_text=True)
    assert f";{key};Maija Meikäläinen;" in exported
    contact = expert.get(f"/crm/customers/{key}/contact")
    assert contact.status_code == 200 and "Maija Meikäläinen" in contact.get_data(as_text=True)
    logged = expert.post(f"/crm/customers/{key}/contact", data={
        "contact_date": "2.3.2026", "channel": "phone", "notes": "Soitettu.", "new_needs": "1",
        "csrf_token": csrf(expert, f"/crm/customers/{key}/contact")})
    refused = text_of(expert.get(logged.headers["Location"]).get_data(as_text=True))
    assert "Maija Meikäläinen has no Business ID yet" in refused     # a needs assessment needs a Business ID
    logged = expert.post(f"/crm/customers/{key}/contact", data={
        "contact_date": "2.3.2026", "channel": "phone", "notes": "Soitettu.",
        "csrf_token": csrf(expert, f"/crm/customers/{key}/contact")})
    assert "Soitettu." in expert.get(logged.headers["Location"]).get_data(as_text=True)


def test_the_prospects_card_is_edited_with_its_planned_company(grant: Engine, expert: FlaskClient) -> None:
    key = grant.add_prospect("Ville Virtanen", planned_company="Virtasen Verstas").key
    form = expert.get(f"/customers/{key}/edit").get_data(as_text=True)
    assert "The person's name" in text_of(form) and 'value="Virtasen Verstas"' in form and "No Business ID yet" in form
    saved = expert.post(f"/customers/{key}/edit", data={
        "name": "Ville Virtanen", "planned_company": "Virtasen Paja", "municipality": "Oulu",
        "csrf_token": csrf(expert, f"/customers/{key}/edit")})
    assert saved.status_code == 302 and saved.headers["Location"].endswith(f"/customers/{key}")
    card = grant.customer(key)
    assert (card.planned_company, card.municipality, card.business_id) == ("Virtasen Paja", "Oulu", None)
