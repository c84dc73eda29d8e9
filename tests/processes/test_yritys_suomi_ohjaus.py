"""Referral to the Enterprise Finland network (yritys_suomi_ohjaus): to whom, and confirmed the customer got there."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from engine import Engine, ManualClock
from engine.demo.seed import drive
from tests.processes.helpers import (
    NEW_NEEDS,
    NO_NEW_NEEDS,
    NOT_REACHED,
    assert_ran_through_aftercare,
    completed,
    record,
    run,
    run_in_passes,
    run_with_overdue_aftercare,
)

KEY = "yritys_suomi_ohjaus"
CUSTOMER = "0112038-9"

SCENARIOS: dict[str, dict[str, Any]] = {
    "expert_passes_the_need_to_finnvera": {"ohjauksen_kohde": "finnvera", "yhteydenoton_tapa": "asiantuntija_valittaa",
                                           "tietojen_valitys_sallittu": True, "valitystapa": "asko",
                                           "ohjauksen_tila": "perilla", **NO_NEW_NEEDS},
    "joint_meeting_business_finland_new_needs": {"ohjauksen_kohde": "business_finland",
                                                 "yhteydenoton_tapa": "yhteistapaaminen",
                                                 "tietojen_valitys_sallittu": True, "valitystapa": "tapaaminen",
                                                 "ohjauksen_tila": "perilla", **NEW_NEEDS},
    "customer_contacts_ensimetri_itself_not_reached": {"ohjauksen_kohde": "seudulliset_yrityspalvelut",
                                                       "yhteydenoton_tapa": "asiakas_itse",
                                                       "ohjauksen_tila": "ei_tarvetta", **NOT_REACHED},
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(library: tuple[Engine, ManualClock], scenario: str) -> None:
    eng, clock = library
    choices = SCENARIOS[scenario]
    instance = run(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)
    by_expert = choices["yhteydenoton_tapa"] != "asiakas_itse"
    assert completed(eng, instance, "Task_valitys") == int(by_expert)
    assert completed(eng, instance, "Task_asiakkaan_ohjeet") == int(not by_expert)
    assert completed(eng, instance, "Task_varmistus") == 1
    assert eng.instance(instance).data["ohjauksen_kohde"] == choices["ohjauksen_kohde"]


def test_the_check_waits_two_weeks_after_the_referral(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    instance = eng.start(KEY, customer=CUSTOMER, responsible="asiantuntija").id
    drive(eng, clock, instance, NO_NEW_NEEDS, until=lambda t: t.element_id == "Task_varmistus", days_per_task=1)
    info = eng.instance(instance)
    referred = next(h.at for h in info.history if h.kind == "complete" and h.element_id == "Task_valitys")
    [check] = info.open_tasks
    assert check.element_id == "Task_varmistus"
    assert check.created_at - referred == timedelta(days=14)
    drive(eng, clock, instance, NO_NEW_NEEDS, days_per_task=1, limit=80)
    record(eng, instance)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)


def test_not_there_contacts_again(library: tuple[Engine, ManualClock]) -> None:
    """The customer did not get to the regional business services it was told of: the expert contacts again,
    this time passing the need on to a private provider itself."""
    eng, clock = library
    choices = {"ohjauksen_kohde": "yksityinen", "yhteydenoton_tapa": "asiantuntija_valittaa",
               "ohjauksen_tila": "perilla", **NO_NEW_NEEDS}
    first = {"ohjauksen_kohde": "seudulliset_yrityspalvelut", "yhteydenoton_tapa": "asiakas_itse"}
    instance = run_in_passes(eng, clock, KEY, choices, {"Task_ohjauskohde": [first],
                                                   "Task_varmistus": [{"ohjauksen_tila": "ei_perilla"}]})
    assert_ran_through_aftercare(eng, instance, choices)
    assert completed(eng, instance, "Task_ohjauskohde") == 2
    assert completed(eng, instance, "Task_asiakkaan_ohjeet") == 1
    assert completed(eng, instance, "Task_valitys") == 1
    assert completed(eng, instance, "Task_varmistus") == 2
    assert eng.instance(instance).data["ohjauksen_kohde"] == "yksityinen"


def test_started_by_a_needs_assessment(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    [instance] = eng.send_message("ohjaa_yritys_suomi", CUSTOMER, "asiantuntija",
                                  {"tarve_kuvaus": "Kasvun rahoitus ja vientiin valmistautuminen"})
    assert eng.instance(instance).process_key == KEY
    drive(eng, clock, instance, NO_NEW_NEEDS, days_per_task=1, limit=80)
    record(eng, instance)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)


def test_overdue_aftercare_escalates_to_the_service_managers(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    instance = run_with_overdue_aftercare(eng, clock, KEY, NO_NEW_NEEDS)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)
    assert completed(eng, instance, "Task_myohassa") == 1
