"""Business development services of the ELY Centre (kehittamispalvelut)."""

from __future__ import annotations

from datetime import UTC, datetime
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

KEY = "kehittamispalvelut"
GRANTED = {"hakemus_jatetty": True, "palvelu_myonnetty": True}
WORKERS = {"TE-asiantuntijat": "asiantuntija", "ELY-asiantuntijat": "ely"}
SERVICE_TASKS = {"analyysi": "Task_analyysi", "konsultointi": "Task_konsultointi", "koulutus": "Task_koulutus"}

SCENARIOS: dict[str, dict[str, Any]] = {
    "analysis": {**GRANTED, "myonnetty_palvelu": "analyysi", **NO_NEW_NEEDS},
    "consulting_new_needs": {**GRANTED, "myonnetty_palvelu": "konsultointi", **NEW_NEEDS},
    "training_not_reached": {**GRANTED, "myonnetty_palvelu": "koulutus", **NOT_REACHED},
    "company_does_not_apply": {"hakemus_jatetty": False, **NO_NEW_NEEDS},
    "not_granted": {"hakemus_jatetty": True, "palvelu_myonnetty": False, **NO_NEW_NEEDS},
}


def _at(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _history(eng: Engine, instance_id: int, kind: str, element_id: str) -> list[datetime]:
    return [_at(h.at) for h in eng.instance(instance_id).history if h.kind == kind and h.element_id == element_id]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(library: tuple[Engine, ManualClock], scenario: str) -> None:
    eng, clock = library
    choices = SCENARIOS[scenario]
    instance = run(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)
    assert_follow_up_day(eng, instance)
    done = {e for e in SERVICE_TASKS.values() if _history(eng, instance, "complete", e)}
    granted = choices.get("hakemus_jatetty") and choices.get("palvelu_myonnetty")
    assert done == ({SERVICE_TASKS[choices["myonnetty_palvelu"]]} if granted else set())
    if not choices.get("hakemus_jatetty"):
        assert _history(eng, instance, "complete", "Task_ely_paatos") == []


def test_analysis_leads_to_consulting(library: tuple[Engine, ManualClock]) -> None:
    """One service leads to the next: the ELY Centre decides again, and the service is the one granted then."""
    eng, clock = library
    choices = {**GRANTED, "myonnetty_palvelu": "konsultointi", **NO_NEW_NEEDS}
    instance = run_in_passes(eng, clock, KEY, choices, first_pass({
        "Task_ely_paatos": {"myonnetty_palvelu": "analyysi"},
        "Task_tulokset": {"jatkopalvelu": True},
    }))
    assert_ran_through_aftercare(eng, instance, choices)
    assert_follow_up_day(eng, instance)
    assert len(_history(eng, instance, "complete", "Task_ely_paatos")) == 2
    assert len(_history(eng, instance, "complete", "Task_analyysi")) == 1
    assert len(_history(eng, instance, "complete", "Task_konsultointi")) == 1


def test_started_by_a_needs_assessment(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    assessment = run(eng, clock, "palvelutarvearvio", {"tarve_kehittaminen": True, "kehittamispalvelu_soveltuu": True,
                                                       "aloita_kehittamispalvelut": True, **NO_NEW_NEEDS})
    (child,) = [c for c in map(eng.instance, eng.instance(assessment).children) if c.process_key == KEY]
    assert child.parent_id == assessment and child.responsible == "asiantuntija"
    assert [t.element_id for t in child.open_tasks] == ["Task_palvelulupaus"]
    choices = {**GRANTED, "myonnetty_palvelu": "koulutus", **NEW_NEEDS}
    drive(eng, clock, child.id, choices, days_per_task=1, limit=80)
    record(eng, child.id)
    assert_ran_through_aftercare(eng, child.id, choices)
    assert_follow_up_day(eng, child.id)


def test_overdue_aftercare_escalates_to_the_service_managers(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    choices = {**GRANTED, "myonnetty_palvelu": "konsultointi", **NO_NEW_NEEDS}
    instance = run_with_overdue_aftercare(eng, clock, KEY, choices)
    assert_ran_through_aftercare(eng, instance, choices)
    assert_follow_up_day(eng, instance)


def test_the_aftercare_shows_what_its_model_lists(library: tuple[Engine, ManualClock]) -> None:
    """The aftercare's context property: the customer's expectations from the service promise, the service
    granted last and its provider, and the closing step's latest record whole; each once, though the ELY
    Centre decided twice and the service closed twice. The meeting and consulting notes stay out."""
    eng, clock = library
    instance = eng.start(KEY, customer="0112038-9", responsible="asiantuntija").id
    first = {**GRANTED, "myonnetty_palvelu": "analyysi", "palveluntuottaja": "Analyysi Oy", "jatkopalvelu": True,
             "asiakkaan_odotukset": "Kasvua vientiin."}
    drive(eng, clock, instance, first, until=lambda t: t.element_id == "Task_tulokset", days_per_task=1, limit=80)
    drive(eng, clock, instance, first, days_per_task=1, limit=1)
    then = {**first, "myonnetty_palvelu": "konsultointi", "palveluntuottaja": "Konsultti Oy", "jatkopalvelu": False}
    drive(eng, clock, instance, then, until=lambda t: t.is_aftercare, days_per_task=1, limit=80)
    (aftercare,) = [t for t in eng.instance(instance).open_tasks if t.is_aftercare]
    context = eng.task_context(aftercare.id, "asiantuntija")
    assert not any(s.from_parent for s in context.earlier)
    shown = {v.field_id: v.value for s in context.earlier for v in s.values}
    assert [s.task_name for s in context.earlier] == [
        "Palvelun päättyminen ja jatkosuunnitelma", "Kehittämispalvelupäätös", "Palvelulupaus asiakkaalle"]
    assert {"palvelu_paattyi_pvm", "jatkopalvelu"} <= set(shown)
    assert (shown["myonnetty_palvelu"], shown["palveluntuottaja"]) == ("konsultointi", "Konsultti Oy")
    assert shown["asiakkaan_odotukset"] == "Kasvua vientiin."
    assert not {"yhteyshenkilo_puhelin", "konsultointi_tulokset", "tapaaminen_huomiot"} & set(shown)
