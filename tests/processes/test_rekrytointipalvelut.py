"""Recruitment services (rekrytointipalvelut)."""

from __future__ import annotations

from typing import Any

import pytest

from engine import Engine, ManualClock
from engine.demo.seed import drive
from tests.processes.helpers import (
    NEW_NEEDS,
    NO_NEW_NEEDS,
    NOT_REACHED,
    assert_ran_through_aftercare,
    run,
    run_in_passes,
    run_with_overdue_aftercare,
)

SCENARIOS: dict[str, dict[str, Any]] = {
    "advice_only": {**NO_NEW_NEEDS},
    "vacancy_published": {"kanava_ilmoitus": True, "ehdokkaita_loytyi": 3, **NO_NEW_NEEDS},
    "all_channels_new_needs": {"kanava_ilmoitus": True, "kanava_ehdokashaku": True, "kanava_tyotarjoukset": True,
                               "kanava_rekrytointitapahtuma": True, "kanava_eures": True, "ehdokkaita_loytyi": 2,
                               **NEW_NEEDS},
    "no_candidates": {"kanava_ehdokashaku": True, "ehdokkaita_loytyi": 0, **NOT_REACHED},
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(library: tuple[Engine, ManualClock], scenario: str) -> None:
    eng, clock = library
    choices = SCENARIOS[scenario]
    instance = run(eng, clock, "rekrytointipalvelut", choices)
    assert_ran_through_aftercare(eng, instance, choices)


def test_overdue_aftercare_escalates_to_the_service_managers(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    instance = run_with_overdue_aftercare(eng, clock, "rekrytointipalvelut", NO_NEW_NEEDS)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)


def test_a_second_search_round(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    choices = {"kanava_ehdokashaku": True, "kanava_eures": True, "ehdokkaita_loytyi": 1, **NO_NEW_NEEDS}
    instance = run_in_passes(eng, clock, "rekrytointipalvelut", choices,
                             {"Task_tilanne": [{"uusi_hakukierros": True}]})
    assert_ran_through_aftercare(eng, instance, choices)
    rounds = [h for h in eng.instance(instance).history if h.kind == "complete" and h.element_id == "Task_ehdokashaku"]
    assert len(rounds) == 2


def test_eures_goes_to_the_international_recruitment_group(library: tuple[Engine, ManualClock]) -> None:
    """Thesis 3.2: EURES is the international recruitment group's work, not the general expert group's."""
    eng, clock = library
    choices = {"kanava_eures": True, **NO_NEW_NEEDS}
    instance = eng.start("rekrytointipalvelut", customer="0112038-9", responsible="asiantuntija").id
    drive(eng, clock, instance, choices, until=lambda t: t.element_id == "Task_eures", days_per_task=1)
    (eures,) = [t for t in eng.instance(instance).open_tasks if t.element_id == "Task_eures"]
    assert eures.candidate_group == "Kansainvälinen rekrytointi" and eures.assignee is None
    assert eures.id not in [t.id for t in eng.inbox("asiantuntija")]        # not in the general group's list
    assert eures.id in [t.id for t in eng.inbox("asiantuntija2")]          # the group's member sees it


def test_the_aftercare_reaches_the_service_promise_past_many_search_rounds(
        library: tuple[Engine, ManualClock]) -> None:
    """With every channel and two search rounds the recruitment has more steps than the default panel shows
    (the latest twelve): the aftercare's context property still brings the customer's expectations from the
    service promise, the job title from the planning and the last round's result, and nothing else."""
    from engine.office.context import MAX_STEPS

    eng, clock = library
    channels = {"kanava_ilmoitus": True, "kanava_ehdokashaku": True, "kanava_tyotarjoukset": True,
                "kanava_rekrytointitapahtuma": True, "kanava_eures": True, "ehdokkaita_loytyi": 2,
                "asiakkaan_odotukset": "Kaksi hitsaajaa ennen syksyä.", "tehtavanimike": "Hitsaaja"}
    instance = eng.start("rekrytointipalvelut", customer="0112038-9", responsible="asiantuntija").id
    rounds = 0

    def next_round(task: Any) -> bool:
        return task.is_aftercare or (task.element_id == "Task_tilanne" and rounds < 2)

    while True:
        drive(eng, clock, instance, channels, until=next_round, days_per_task=1, limit=80)
        (task,) = [t for t in eng.instance(instance).open_tasks if t.candidate_group != "Palveluesimiehet"]
        if task.is_aftercare:
            break
        rounds += 1
        drive(eng, clock, instance, {**channels, "uusi_hakukierros": rounds < 2}, days_per_task=1, limit=1)
    done = [h for h in eng.instance(instance).history if h.kind == "complete"]
    assert rounds == 2 and len(done) > MAX_STEPS
    context = eng.task_context(task.id, "asiantuntija")
    assert [s.task_name for s in context.earlier] == [
        "Rekrytoinnin tilanne ja tulos", "Rekrytoinnin suunnittelu ja neuvonta", "Palvelulupaus asiakkaalle"]
    shown = {v.field_id: v.value for s in context.earlier for v in s.values}
    assert shown["asiakkaan_odotukset"] == "Kaksi hitsaajaa ennen syksyä." and shown["tehtavanimike"] == "Hitsaaja"
    assert shown["uusi_hakukierros"] is False          # the last round's record, not the first
    assert not {"tyon_kuvaus", "ilmoitus_tunnus", "tapahtuman_nimi", "yhteyshenkilo_puhelin"} & set(shown)
