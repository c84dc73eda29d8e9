"""The process library as a whole: every file validates, has diagrams, and has its own scenario tests."""

from __future__ import annotations

from pathlib import Path

from engine import Engine
from tests.processes.helpers import PROCESSES


def test_every_process_has_its_own_test_module() -> None:
    here = Path(__file__).parent
    missing = [p.name for p in PROCESSES.glob("*.bpmn") if not (here / f"test_{p.stem}.py").exists()]
    assert missing == [], f"add tests/processes/test_<process>.py for {missing}"


def test_the_library_validates() -> None:
    assert Engine.validate([PROCESSES]) == []


def test_files_have_diagram_interchange() -> None:
    for path in PROCESSES.glob("*.bpmn"):
        text = path.read_text(encoding="utf-8")
        assert "bpmndi:BPMNDiagram" in text and "bpmndi:BPMNEdge" in text, path.name
