"""Third-party BPMN files (tests/conformance/, see its README): an answer for each, never an exception.

Every file is validated with and without the aftercare rule. The answer is either "no problems" or
problems printed as `FILE:ELEMENT_ID: sentence`, each within a few seconds. Nobody here wrote these
files, so none has an aftercare task: the rule must refuse every one of them.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from engine.errors import BpmnValidationError
from engine.runtime.bpmn import Problem, aftercare_task_ids, load_document, validate_paths

CONFORMANCE = Path(__file__).parents[1] / "conformance"
FILES = sorted(p for p in CONFORMANCE.rglob("*") if p.is_file() and p.name != "README.md")
TIME_LIMIT = 5.0
NO_AFTERCARE = "has no aftercare task"


def answer(path: Path, aftercare: bool) -> tuple[list[Problem], float]:
    started = time.perf_counter()
    _docs, problems = validate_paths([path], aftercare=aftercare)
    return problems, time.perf_counter() - started


def has_aftercare_task(path: Path) -> bool:
    try:
        doc = load_document(path.read_bytes(), str(path))
    except BpmnValidationError:
        return False
    process_ids = [p.get("id") or "" for p in doc.root.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}process")]
    return any(aftercare_task_ids(doc.root, pid) for pid in process_ids)


def test_the_conformance_files_are_there() -> None:
    assert FILES, f"no files under {CONFORMANCE}"


@pytest.mark.parametrize("aftercare", [True, False], ids=["rule", "no-rule"])
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CONFORMANCE)) for p in FILES])
def test_every_file_gets_an_answer_in_time(path: Path, aftercare: bool) -> None:
    problems, elapsed = answer(path, aftercare)
    assert elapsed < TIME_LIMIT
    shape = re.compile(rf"^{re.escape(str(path))}:[^:\s]+: .+")
    for problem in problems:
        assert shape.match(str(problem)), str(problem)
        assert "\n" not in str(problem)


def test_the_aftercare_rule_refuses_every_third_party_file(record_property: pytest.RecordProperty) -> None:
    summary = {"files": len(FILES), "valid_with_rule": 0, "valid_without_rule": 0, "slowest_seconds": 0.0,
               "slowest_file": ""}
    runnable_without_rule = []
    for path in FILES:
        with_rule, took_with = answer(path, aftercare=True)
        without_rule, took_without = answer(path, aftercare=False)
        summary["valid_with_rule"] += not with_rule
        summary["valid_without_rule"] += not without_rule
        if max(took_with, took_without) > summary["slowest_seconds"]:
            summary["slowest_seconds"] = round(max(took_with, took_without), 3)
            summary["slowest_file"] = str(path.relative_to(CONFORMANCE))
        if not has_aftercare_task(path) and path.suffix == ".bpmn":   # a DMN file has no process to check
            assert with_rule, f"{path} has no aftercare task, yet the rule let it pass"
        if not without_rule and path.suffix == ".bpmn":
            runnable_without_rule.append(path.name)
            assert any(NO_AFTERCARE in p.message for p in with_rule), path
        # The rule only ever adds problems; it never hides one.
        assert {str(p) for p in without_rule} <= {str(p) for p in with_rule}, path
    record_property("conformance_summary", summary)
    print(f"\nconformance: {summary['files']} files; with the aftercare rule {summary['valid_with_rule']} valid, "
          f"{summary['files'] - summary['valid_with_rule']} invalid; without it {summary['valid_without_rule']} "
          f"valid, {summary['files'] - summary['valid_without_rule']} invalid; slowest "
          f"{summary['slowest_seconds']:.3f} s ({summary['slowest_file']})")
    print("runnable by SpiffWorkflow without the rule: " + ", ".join(runnable_without_rule))
