"""Staff reduction services (muutosturva): change security for lay-offs and redundancies."""

from __future__ import annotations

from typing import Any

import pytest

from engine import Engine, ManualClock
from engine.demo.seed import drive
from tests.processes.helpers import (
    NEW_NEEDS,
    NO_NEW_NEEDS,
    NOT_REACHED,
    aftercare_ids,
    assert_ran_through_aftercare,
    completed,
    record,
    run,
    run_in_passes,
    run_with_overdue_aftercare,
)

KEY = "muutosturva"
CUSTOMER = "0112038-9"

ALL_STAFF_SERVICES = {"palvelu_tyollistyminen": True, "palvelu_koulutus": True, "palvelu_yrittajyys": True}

SCENARIOS: dict[str, dict[str, Any]] = {
    "short_lay_offs_told_personally": {"vahentamisen_tapa": "lomautus", "irtisanottavat": 0,
                                       "tiedotustapa": "henkilokohtainen", **NO_NEW_NEEDS},
    "redundancies_all_services_new_needs": {"vahentamisen_tapa": "irtisanominen", "tiedotustapa": "infotilaisuus",
                                            **ALL_STAFF_SERVICES, "osaamistarpeet_jaljelle_jaavilla": True,
                                            "koulutustarve_arvioon": True, **NEW_NEEDS},
    "training_only_stayers_later_not_reached": {"vahentamisen_tapa": "lomautus_ja_irtisanominen",
                                                "tiedotustapa": "infotilaisuus", "palvelu_koulutus": True,
                                                "osaamistarpeet_jaljelle_jaavilla": True,
                                                "sopiva_palvelu": "taskakoulutus", **NOT_REACHED},
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(library: tuple[Engine, ManualClock], scenario: str) -> None:
    eng, clock = library
    choices = SCENARIOS[scenario]
    instance = run(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)
    info_session = choices["tiedotustapa"] == "infotilaisuus"
    assert completed(eng, instance, "Task_infotilaisuus") == int(info_session)
    for service, task in (("palvelu_tyollistyminen", "Task_tyollistyminen"), ("palvelu_koulutus", "Task_koulutus"),
                          ("palvelu_yrittajyys", "Task_yrittajyys")):
        assert completed(eng, instance, task) == int(bool(choices.get(service)))
    assert completed(eng, instance, "Task_osaamistarpeet") == int(bool(choices.get("osaamistarpeet_jaljelle_jaavilla")))


def test_competence_needs_of_the_stayers_start_a_needs_assessment_at_once(
        library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    choices = {"tiedotustapa": "henkilokohtainen", "osaamistarpeet_jaljelle_jaavilla": True,
               "sopiva_palvelu": "muutoskoulutus", "koulutustarve_arvioon": True, **NO_NEW_NEEDS}
    instance = eng.start(KEY, customer=CUSTOMER, responsible="asiantuntija").id
    drive(eng, clock, instance, choices, until=lambda t: t.element_id == "Task_tulokset", days_per_task=1, limit=80)
    info = eng.instance(instance)
    assert [t.element_id for t in info.open_tasks] == ["Task_tulokset"]
    children = [eng.instance(c) for c in info.children]
    assert [c.process_key for c in children] == ["palvelutarvearvio"]
    assert children[0].parent_id == instance and children[0].responsible == info.responsible
    assert children[0].data["osaamistarpeet_kuvaus"] == info.data["osaamistarpeet_kuvaus"]
    drive(eng, clock, instance, choices, days_per_task=1, limit=80)
    record(eng, instance)
    assert_ran_through_aftercare(eng, instance, choices)
    assert len(eng.instance(instance).children) == 1  # no new needs in the aftercare: no second assessment


def test_a_new_round_of_reductions_goes_back_to_the_assessment(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    choices = {"tiedotustapa": "infotilaisuus", "palvelu_tyollistyminen": True, **NO_NEW_NEEDS}
    instance = run_in_passes(eng, clock, KEY, choices, {"Task_tulokset": [{"uusi_vahentamiskierros": True}]})
    assert_ran_through_aftercare(eng, instance, choices)
    for task in ("Task_tilannearvio", "Task_infotilaisuus", "Task_palvelusuunnitelma", "Task_tyollistyminen",
                 "Task_tulokset"):
        assert completed(eng, instance, task) == 2, task
    assert completed(eng, instance, "Task_palvelulupaus") == 1


def test_started_by_a_needs_assessment(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    [instance] = eng.send_message("aloita_muutosturva", CUSTOMER, "asiantuntija",
                                  {"tarve_kuvaus": "Lomautukset ja irtisanomiset tuotannon supistuessa"})
    assert eng.instance(instance).process_key == KEY
    drive(eng, clock, instance, NO_NEW_NEEDS, days_per_task=1, limit=80)
    record(eng, instance)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)
    assert eng.instance(instance).data["tarve_kuvaus"].startswith("Lomautukset")


def test_overdue_aftercare_escalates_to_the_service_managers(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    instance = run_with_overdue_aftercare(eng, clock, KEY, NO_NEW_NEEDS)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)
    assert completed(eng, instance, "Task_myohassa") == 1
    assert aftercare_ids(KEY) == {"Task_jalkihoito"}
