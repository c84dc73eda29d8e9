"""Every process in processes/ validates, deploys and runs end to end through the engine.

A process added to processes/ without scenarios here fails `test_every_process_has_scenarios`.
Full gateway path coverage per file is the process-library issue's; these scenarios walk the
main paths: the plain service, aftercare with new needs (a linked needs assessment starts),
and a customer not reached three times.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import Engine, ManualClock
from engine.bpmn import aftercare_task_ids, load_document
from engine.demo import DEMO_USERS, drive

from ..conftest import ROOT, START

PROCESSES = ROOT / "processes"
NOT_REACHED = {"asiakas_tavoitettu": False}
NEW_NEEDS = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True, "uudet_tarpeet_kuvaus": "Koulutustarve"}
NO_NEW_NEEDS = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": False}

SCENARIOS: dict[str, dict[str, dict[str, Any]]] = {
    "palvelutarvearvio": {
        "rekrytointiin": {"tarve_rekrytointi": True, "aloita_rekrytointi": True, **NO_NEW_NEEDS},
        "uudet_tarpeet": {**NEW_NEEDS},
        "ei_tavoitettu": {**NOT_REACHED},
        "yritys_suomeen": {"ohjaus_yritys_suomi": True, "tarve_muu": True, **NO_NEW_NEEDS},
    },
    "rekrytointipalvelut": {
        "ilmoitus": {"kanava_ilmoitus": True, "ehdokkaita_loytyi": 3, **NO_NEW_NEEDS},
        "uudet_tarpeet": {"kanava_ehdokashaku": True, "ehdokkaita_loytyi": 2, **NEW_NEEDS},
        "ei_tavoitettu": {"kanava_eures": True, "ehdokkaita_loytyi": 1, **NOT_REACHED},
    },
}


AFTERCARE = {p.stem: set(aftercare_task_ids(load_document(p.read_bytes(), p.name).root, p.stem))
             for p in PROCESSES.glob("*.bpmn")}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, ManualClock]]:
    clock = ManualClock(START)
    eng = Engine(f"sqlite:///{tmp_path_factory.mktemp('library') / 'lib.db'}", clock=clock)
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, display_name=name)
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(PROCESSES)
    yield eng, clock
    eng.dispose()


def test_every_process_has_scenarios() -> None:
    files = sorted(p.stem for p in PROCESSES.glob("*.bpmn"))
    assert files == sorted(SCENARIOS), "add scenarios for every process file"


def test_the_library_validates() -> None:
    assert Engine.validate([PROCESSES]) == []


@pytest.mark.parametrize(("process", "scenario"), [(p, s) for p, ss in SCENARIOS.items() for s in ss])
def test_process_runs_to_its_end_through_aftercare(library: tuple[Engine, ManualClock], process: str,
                                                   scenario: str) -> None:
    eng, clock = library
    choices = SCENARIOS[process][scenario]
    instance = eng.start(process, customer="0112038-9", responsible="asiantuntija").id
    drive(eng, clock, instance, choices, days_per_task=1, limit=60)
    info = eng.instance(instance)
    assert info.status == "completed", (info.status, info.error_message, [t.element_id for t in info.open_tasks])
    done = [h for h in info.history if h.kind == "complete"]
    aftercare = [h for h in done if h.element_id in AFTERCARE[process]]
    if choices.get("asiakas_tavoitettu") is False:
        assert len(aftercare) == 3, "three tries to reach the customer"
    else:
        assert len(aftercare) == 1
    children = [eng.instance(c) for c in info.children]
    if choices.get("uudet_palvelutarpeet"):
        assert "palvelutarvearvio" in [c.process_key for c in children]
        assert all(c.parent_id == instance and c.responsible == "asiantuntija" for c in children)
    if choices.get("aloita_rekrytointi"):
        assert "rekrytointipalvelut" in [c.process_key for c in children]


def test_files_have_diagram_interchange() -> None:
    for path in PROCESSES.glob("*.bpmn"):
        text = Path(path).read_text(encoding="utf-8")
        assert "bpmndi:BPMNDiagram" in text and "bpmndi:BPMNEdge" in text, path.name
