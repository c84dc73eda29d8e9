"""Staff competence development: joint-purchase training (yhteishankintakoulutus)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from engine import Engine, ManualClock
from engine.demo.seed import drive
from tests.processes.helpers import (
    NEW_NEEDS,
    NO_NEW_NEEDS,
    NOT_REACHED,
    assert_follow_up_day,
    assert_ran_through_aftercare,
    first_pass,
    record,
    run,
    run_in_passes,
    run_with_overdue_aftercare,
)

KEY = "yhteishankintakoulutus"
PROCURED = {"yritys_sitoutuu": True, "hankinta_hyvaksytty": True, "kouluttaja_valittu": True}
WORKERS = {"TE-asiantuntijat": "asiantuntija", "ELY-asiantuntijat": "ely"}

SCENARIOS: dict[str, dict[str, Any]] = {
    "tasmakoulutus": {**PROCURED, "koulutuslaji": "tasmakoulutus", **NO_NEW_NEEDS},
    "rekrykoulutus_new_needs": {**PROCURED, "koulutuslaji": "rekrykoulutus", "valitut": 8, **NEW_NEEDS},
    "muutoskoulutus_not_reached": {**PROCURED, "koulutuslaji": "muutoskoulutus", **NOT_REACHED},
    "company_does_not_commit": {"yritys_sitoutuu": False, **NO_NEW_NEEDS},
    "procurement_not_approved": {"yritys_sitoutuu": True, "hankinta_hyvaksytty": False, **NO_NEW_NEEDS},
    "no_training_organisation": {"yritys_sitoutuu": True, "hankinta_hyvaksytty": True, "kouluttaja_valittu": False,
                                 "tarjouksia": 0, **NOT_REACHED},
}


def _at(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _fired(eng: Engine, instance_id: int, element_id: str) -> list[datetime]:
    return [_at(h.at) for h in eng.instance(instance_id).history
            if h.kind == "timer_fired" and h.element_id == element_id]


def _completed(eng: Engine, instance_id: int, element_id: str) -> list[datetime]:
    return [_at(h.at) for h in eng.instance(instance_id).history
            if h.kind == "complete" and h.element_id == element_id]


def _end_of_training(end: str) -> datetime:
    """The moment the timer over the recorded end date fires."""
    return datetime.fromisoformat(f"{end}T16:00:00+02:00")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(library: tuple[Engine, ManualClock], scenario: str) -> None:
    eng, clock = library
    end = (clock() + timedelta(days=540)).date().isoformat()   # a training of about a year and a half
    choices = {**SCENARIOS[scenario], "koulutus_paattyy": end}
    instance = run(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)
    trained = choices.get("kouluttaja_valittu") is True
    # The process waits for the recorded end date of the training, and the aftercare comes right after it.
    assert _fired(eng, instance, "TimerEvent_koulutus_paattyy") == ([_end_of_training(end)] if trained else [])
    if trained:
        assert _completed(eng, instance, "Task_jalkihoito")[0] - _end_of_training(end) < timedelta(days=5)
    elif choices.get("yritys_sitoutuu"):
        assert _completed(eng, instance, "Task_hankinta_peruttu")
    # On every branch (no new needs, new needs, not reached) a follow-up day about a year later.
    assert_follow_up_day(eng, instance)


def test_extension_waits_for_the_new_end_date(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    end = (clock() + timedelta(days=200)).date().isoformat()
    later = (clock() + timedelta(days=300)).date().isoformat()
    choices = {**PROCURED, "koulutuslaji": "tasmakoulutus", "koulutus_paattyy": end, **NO_NEW_NEEDS}
    instance = run_in_passes(eng, clock, KEY, choices, first_pass({
        "Task_koulutus_toteutunut": {"koulutus_tila": "jatketaan"},
        "Task_jatkoaika": {"koulutus_paattyy": later},
    }))
    assert_ran_through_aftercare(eng, instance, choices)
    assert _fired(eng, instance, "TimerEvent_koulutus_paattyy") == [_end_of_training(end), _end_of_training(later)]
    assert len(_completed(eng, instance, "Task_koulutus_toteutunut")) == 2
    assert eng.instance(instance).data["koulutus_paattyy"] == later


def test_started_by_a_needs_assessment(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    assessment = run(eng, clock, "palvelutarvearvio", {"tarve_koulutus": True, "aloita_koulutus": True,
                                                       **NO_NEW_NEEDS})
    (child,) = [c for c in map(eng.instance, eng.instance(assessment).children) if c.process_key == KEY]
    assert child.parent_id == assessment and child.responsible == "asiantuntija"
    assert [t.element_id for t in child.open_tasks] == ["Task_palvelulupaus"]
    choices = {**PROCURED, "koulutuslaji": "rekrykoulutus", **NEW_NEEDS}
    drive(eng, clock, child.id, choices, days_per_task=1, limit=80)
    record(eng, child.id)
    assert_ran_through_aftercare(eng, child.id, choices)


def test_overdue_aftercare_escalates_to_the_service_managers(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    choices = {**PROCURED, "koulutuslaji": "tasmakoulutus", **NO_NEW_NEEDS}
    instance = run_with_overdue_aftercare(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)


def test_the_responsible_person_checks_the_training_halfway(library: tuple[Engine, ManualClock]) -> None:
    """Thesis 6.2.3: the mid-training progress check, on the day recorded when the training started."""
    eng, clock = library
    end = (clock() + timedelta(days=200)).date().isoformat()
    halfway = (clock() + timedelta(days=100)).date().isoformat()
    choices = {**PROCURED, "koulutuslaji": "tasmakoulutus", "koulutus_paattyy": end, "valiarviointi_pvm": halfway,
               "koulutus_etenee": "korjattavaa", **NO_NEW_NEEDS}
    instance = eng.start(KEY, customer="0112038-9", responsible="asiantuntija").id
    drive(eng, clock, instance, choices, until=lambda t: t.element_id == "Task_valiarviointi", days_per_task=1)
    (check,) = eng.instance(instance).open_tasks
    assert check.element_id == "Task_valiarviointi" and check.assignee == "asiantuntija"   # the responsible expert
    assert _fired(eng, instance, "TimerEvent_valiarviointi") == [datetime.fromisoformat(f"{halfway}T09:00:00+02:00")]
    drive(eng, clock, instance, choices, days_per_task=1, limit=80)
    record(eng, instance)
    assert_ran_through_aftercare(eng, instance, choices)
    assert _completed(eng, instance, "Task_valiarviointi")[0] < _fired(eng, instance, "TimerEvent_koulutus_paattyy")[0]
    assert eng.instance(instance).data["koulutus_etenee"] == "korjattavaa"
