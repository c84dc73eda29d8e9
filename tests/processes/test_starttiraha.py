"""Start-up entrepreneur services and the start-up grant (starttiraha)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from engine import HELSINKI, BusinessIdError, Engine, ManualClock, NotFound, ValidationError
from engine.demo.seed import drive
from engine.office.crm import Period
from tests.processes.helpers import (
    NEW_NEEDS,
    NO_NEW_NEEDS,
    NOT_REACHED,
    assert_follow_up_day,
    assert_ran_through_aftercare,
    completed,
    record,
    run,
    run_in_passes,
    run_with_overdue_aftercare,
)

KEY = "starttiraha"
CUSTOMER = "0112038-9"

GRANTED = {"paatos": "myonnetty", "tukijakso_kk": 6, "starttiraha_euroa_kk": 700}

SCENARIOS: dict[str, dict[str, Any]] = {
    "assessed_and_granted": {"kannattavuus": "kannattava", "arvioija_puoltaa": True, **GRANTED,
                             "yritystoiminnan_tilanne": "suunnitelman_mukaan", **NO_NEW_NEEDS},
    "statement_attached_granted_new_needs": {"lausunto_liitteena": True, **GRANTED,
                                             "yritystoiminnan_tilanne": "tukea_tarvitaan", **NEW_NEEDS},
    "rejected_still_gets_aftercare_not_reached": {"kannattavuus": "ei_kannattava", "arvioija_puoltaa": False,
                                                  "paatos": "hylatty", "tukijakso_kk": 0, **NOT_REACHED},
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(library: tuple[Engine, ManualClock], scenario: str) -> None:
    eng, clock = library
    choices = SCENARIOS[scenario]
    instance = run(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)
    assert completed(eng, instance, "Task_asiantuntija_arvio") == int(not choices.get("lausunto_liitteena"))
    assert completed(eng, instance, "Task_paatos") == 1
    assert completed(eng, instance, "Task_seuranta") == int(choices["paatos"] == "myonnetty")
    assert_follow_up_day(eng, instance)   # every branch: granted or not, new needs, not reached


def test_follow_up_a_month_before_the_period_ends_and_aftercare_right_after_it(
        library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    choices = {**GRANTED, **NO_NEW_NEEDS}
    instance = eng.start(KEY, customer=CUSTOMER, responsible="asiantuntija").id
    drive(eng, clock, instance, choices, until=lambda t: t.element_id == "Task_seuranta", days_per_task=1)
    info = eng.instance(instance)
    decided = next(h.at for h in info.history if h.kind == "complete" and h.element_id == "Task_paatos")
    [follow_up] = info.open_tasks
    assert follow_up.element_id == "Task_seuranta"
    assert 5 * 28 <= (follow_up.created_at - decided).days <= 5 * 31  # a six-month period: after five months
    period_ends = (clock() + timedelta(days=30)).date()
    drive(eng, clock, instance, {**choices, "tukijakso_paattyy": period_ends.isoformat()},
          until=lambda t: t.is_aftercare, days_per_task=1)
    [aftercare] = eng.instance(instance).open_tasks
    assert aftercare.is_aftercare and aftercare.created_at.astimezone(HELSINKI).date() == period_ends
    drive(eng, clock, instance, choices, days_per_task=1, limit=80)
    record(eng, instance)
    assert_ran_through_aftercare(eng, instance, choices)


@pytest.mark.parametrize("continuation", ["myonnetty", "hylatty"])
def test_a_continuation_application_comes_back_to_the_decision(library: tuple[Engine, ManualClock],
                                                                continuation: str) -> None:
    eng, clock = library
    choices = {**GRANTED, **NO_NEW_NEEDS}
    instance = run_in_passes(eng, clock, KEY, choices, {"Task_seuranta": [{"jatkohakemus": True}],
                                                   "Task_paatos": [{}, {"paatos": continuation}]})
    assert_ran_through_aftercare(eng, instance, choices)
    assert completed(eng, instance, "Task_paatos") == 2
    assert completed(eng, instance, "Task_seuranta") == (2 if continuation == "myonnetty" else 1)


def test_started_by_a_needs_assessment(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    [instance] = eng.send_message("aloita_starttiraha", CUSTOMER, "asiantuntija",
                                  {"tarve_kuvaus": "Aloittava yrittäjä: liikeidea ja rahoitus"})
    assert eng.instance(instance).process_key == KEY
    drive(eng, clock, instance, {**GRANTED, **NO_NEW_NEEDS}, days_per_task=1, limit=80)
    record(eng, instance)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)


def test_overdue_aftercare_escalates_to_the_service_managers(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    choices = {**GRANTED, **NO_NEW_NEEDS}
    instance = run_with_overdue_aftercare(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)
    assert completed(eng, instance, "Task_myohassa") == 1


# --- an applicant without a Business ID (issue 18) -------------------------------------------------

def test_an_applicant_without_a_business_id_runs_through_aftercare_and_keeps_it_all_when_founded(
        library: tuple[Engine, ManualClock]) -> None:
    """A person planning to found a company applies on a card without a Business ID; the whole process
    runs; later the founded company's Business ID is recorded on the same card, which keeps everything."""
    eng, clock = library
    started = clock()
    info = eng.start_for_prospect(KEY, {"name": "Maija Meikäläinen", "planned_company": "Meikän Leipomo",
                                        "phone": "+358 40 123 4567", "email": "maija@example.fi"},
                                  responsible="asiantuntija")
    card = eng.customer(info.customer_business_id)
    assert card.business_id is None and info.customer_business_id == f"H-{card.id}"
    assert info.customer_name == "Maija Meikäläinen" and card.planned_company == "Meikän Leipomo"
    assert [(p.name, p.phone, p.email) for p in card.contacts] == [
        ("Maija Meikäläinen", "+358 40 123 4567", "maija@example.fi")]
    assert "asiantuntija" in {t.assignee for t in eng.inbox("asiantuntija")
                              if t.customer_business_id == card.key}
    choices = {**GRANTED, "kannattavuus": "kannattava", "arvioija_puoltaa": True,
               "yritystoiminnan_tilanne": "suunnitelman_mukaan", **NO_NEW_NEEDS}
    drive(eng, clock, info.id, choices, days_per_task=1, limit=80)
    record(eng, info.id)
    assert_ran_through_aftercare(eng, info.id, choices)
    outcomes = eng.aftercare_outcomes(Period(started.astimezone(HELSINKI).date(), clock().astimezone(HELSINKI).date()))
    assert "Maija Meikäläinen" in {o.customer_name for o in outcomes if o.instance_id == info.id}

    founded = eng.record_business_id(card.key, "2617416-4")
    assert (founded.id, founded.business_id, founded.name) == (card.id, "2617416-4", "Meikän Leipomo")
    company, path = eng.service_path("2617416-4")
    assert company.id == card.id and [step.instance.id for step in path] == [info.id]
    assert eng.service_path(f"H-{card.id}")[0].business_id == "2617416-4"   # the old key still finds it
    history = eng.instance(info.id)
    assert history.customer_business_id == "2617416-4" and history.status == "completed"
    assert any(h.kind == "complete" for h in history.history)


def test_other_processes_refuse_a_card_without_a_business_id(library: tuple[Engine, ManualClock]) -> None:
    eng, _ = library
    card = eng.add_prospect("Ville Virtanen", planned_company="Virtasen Verstas")
    with pytest.raises(ValidationError) as refused:
        eng.start("rekrytointipalvelut", card.key, "asiantuntija")
    assert refused.value.code == "customer.business_id_required"
    assert "record the company's Business ID" in str(refused.value)
    assert not [p for p in eng.processes() if p.accepts_prospects and p.process_key != KEY]
    with pytest.raises(ValidationError) as refused:     # nothing is left behind by a refused start
        eng.start_for_prospect("palvelutarvearvio", {"name": "Kaisa Kokeilu"}, responsible="asiantuntija")
    assert refused.value.code == "customer.business_id_required"
    assert not eng.customers("Kaisa Kokeilu").items


def test_a_business_id_already_on_another_card_is_refused(library: tuple[Engine, ManualClock]) -> None:
    eng, _ = library
    card = eng.add_prospect("Liisa Lahtinen")
    with pytest.raises(ValidationError) as refused:
        eng.record_business_id(card.key, CUSTOMER)
    assert refused.value.code == "customer.business_id_taken" and "Oy Esimerkki Ab" in str(refused.value)
    with pytest.raises(BusinessIdError):
        eng.record_business_id(card.key, "2617416-5")
    assert eng.customer(card.key).business_id is None
    with pytest.raises(NotFound) as missing:
        eng.start(KEY, "H-99999", "asiantuntija")
    assert missing.value.code == "customer.no_card"


def test_new_needs_of_an_applicant_without_a_business_id_wait_for_the_business_id(
        library: tuple[Engine, ManualClock]) -> None:
    """New needs start a service needs assessment, which needs a Business ID: the aftercare is refused with
    a sentence and stays open (nothing lost) until the expert records the founded company's Business ID."""
    eng, clock = library
    info = eng.start_for_prospect(KEY, {"name": "Pekka Perustaja"}, responsible="asiantuntija")
    choices = {"lausunto_liitteena": True, **GRANTED, "yritystoiminnan_tilanne": "tukea_tarvitaan", **NEW_NEEDS}
    with pytest.raises(ValidationError) as refused:
        drive(eng, clock, info.id, choices, days_per_task=1, limit=80)
    assert refused.value.code == "customer.business_id_required" and "palvelutarvearvio" in str(refused.value)
    [aftercare] = eng.instance(info.id).open_tasks
    assert aftercare.is_aftercare
    eng.record_business_id(info.customer_business_id, "1234567-1")
    drive(eng, clock, info.id, choices, days_per_task=1, limit=80)
    record(eng, info.id)
    assert_ran_through_aftercare(eng, info.id, choices)
    assert eng.instance(info.id).customer_business_id == "1234567-1"
