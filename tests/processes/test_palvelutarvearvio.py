"""Service needs assessment (palvelutarvearvio): the entry point of every service path."""

from __future__ import annotations

from typing import Any

import pytest

from engine import Engine, ManualClock
from tests.processes.helpers import (
    NEW_NEEDS,
    NO_NEW_NEEDS,
    NOT_REACHED,
    assert_ran_through_aftercare,
    run,
    run_with_overdue_aftercare,
)

SCENARIOS: dict[str, dict[str, Any]] = {
    "nothing_started": {**NO_NEW_NEEDS},
    "to_recruitment": {"tarve_rekrytointi": True, "aloita_rekrytointi": True, **NO_NEW_NEEDS},
    "ely_assessment_all_services": {"tarve_kehittaminen": True, "kehittamispalvelu_soveltuu": True,
                                    "aloita_rekrytointi": True, "aloita_koulutus": True,
                                    "aloita_kehittamispalvelut": True, "aloita_muutosturva": True,
                                    "aloita_starttiraha": True, "ohjaus_yritys_suomi": True, **NEW_NEEDS},
    "to_enterprise_finland": {"ohjaus_yritys_suomi": True, "tarve_muu": True, **NO_NEW_NEEDS},
    "not_reached": {**NOT_REACHED},
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(library: tuple[Engine, ManualClock], scenario: str) -> None:
    eng, clock = library
    choices = SCENARIOS[scenario]
    instance = run(eng, clock, "palvelutarvearvio", choices)
    assert_ran_through_aftercare(eng, instance, choices)
    children = {eng.instance(c).process_key for c in eng.instance(instance).children}
    if choices.get("aloita_rekrytointi"):
        assert "rekrytointipalvelut" in children


def test_overdue_aftercare_escalates_to_the_service_managers(library: tuple[Engine, ManualClock]) -> None:
    eng, clock = library
    instance = run_with_overdue_aftercare(eng, clock, "palvelutarvearvio", NO_NEW_NEEDS)
    assert_ran_through_aftercare(eng, instance, NO_NEW_NEEDS)
