"""Every third-party model the validator accepts runs as BPMN says (issue 20).

The models are the files of tests/conformance (OMG MIWG reference models, bpmn-moddle fixtures and
SpiffWorkflow's own test models; see its README for sources and licences). Each file is deployed alone
into a fresh engine with the aftercare rule off, with the sibling files defining the processes it calls
and the DMN files beside it. Every executable process with a start event is then started and driven
(tests/engine/driver.py) until it ends or waits for something the driver cannot give.

The answer for each run is one of:
- "completed";
- "waits: ..." - a stated waiting point (an open task, a timer, a message) the driver kept feeding;
- "error: <sentence>" - a step failed; the instance is in error with the reason, until a manager acts;
- "refused: <sentence>" - the engine refused an action with one of its own errors, for one of the
  reasons in REFUSALS (the driver cannot give what the model needs, or the process is only called).
A run may never hang without a waiting point, leave an instance running with nothing to wait for, or let
an exception that is not the engine's own out of the facade. The Camunda 7 examples have their own test
with Python handlers for their Java names (test_camunda_examples).
"""

from __future__ import annotations

import shutil
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from engine import Engine
from engine.clock import ManualClock
from engine.errors import BpmnValidationError, PalvelupolkuError
from engine.runtime.bpmn.graph import bpmn, executable_processes
from engine.runtime.bpmn.xmlsafe import load_document
from tests.engine.driver import CUSTOMER, DRIVER, condition_values, final_reads, start_and_drive

CONFORMANCE = Path(__file__).parents[1] / "conformance"
SUFFIXES = (".bpmn", ".bpmn20.xml")
FILES = sorted(p for p in CONFORMANCE.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES)
               and "camunda-examples" not in p.parts)
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
# Refusals that are right: each a sentence the engine says to a user who asks for something impossible.
REFUSALS = (
    "is only called from other processes",     # a called process's own file, started alone
    "cannot be completed: Missing data",       # the task's data output must be submitted; the driver does not
    "A data object could not be set",
    "which is not in the task data",           # a message start whose start data lacks a variable
)


def relative(path: Path) -> str:
    return path.relative_to(CONFORMANCE).as_posix()


def parsed(path: Path):  # noqa: ANN201 - an lxml document or None for a file that is not XML
    try:
        return load_document(path.read_bytes(), str(path))
    except BpmnValidationError:
        return None


def companions(path: Path) -> list[Path]:
    """The files of the same folder that define the processes `path` calls (transitively), and its DMN files."""
    doc = parsed(path)
    if doc is None:
        return []
    wanted = {c.get("calledElement") for c in doc.root.iter(bpmn("callActivity"))} - {None}
    defined = {p.get("id") for p in doc.root.iter(bpmn("process"))}
    wanted -= defined
    found: list[Path] = []
    siblings = [p for p in sorted(path.parent.iterdir()) if p.name.endswith(SUFFIXES) and p != path]
    changed = True
    while wanted and changed:
        changed = False
        for other in siblings:
            other_doc = parsed(other)
            if other in found or other_doc is None:
                continue
            ids = {p.get("id") for p in other_doc.root.iter(bpmn("process"))}
            if wanted & ids:
                found.insert(0, other)     # deploy what is called before what calls it
                wanted = (wanted - ids) | ({c.get("calledElement") for c in other_doc.root.iter(
                    bpmn("callActivity"))} - {None} - ids - defined)
                changed = True
    return found + sorted(path.parent.glob("*.dmn"))


@dataclass
class Outcome:
    deployed: bool
    problems: list[str] = field(default_factory=list)
    runs: dict[str, str] = field(default_factory=dict)      # process id -> its answer
    findings: list[str] = field(default_factory=list)       # `palvelupolku check` after the runs
    reads: dict[int, Any] = field(default_factory=dict)     # what the pages read of each instance at the end


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database, copied for every file: a fresh engine without running the migrations 150 times."""
    folder = tmp_path_factory.mktemp("template")
    eng = Engine(f"sqlite:///{folder}/engine.db", clock=ManualClock(START), aftercare=False)
    eng.add_customer(CUSTOMER, name="Oy Esimerkki Ab")
    eng.add_user(DRIVER, roles=["expert", "manager"], groups=[], password="driver-password-1")
    eng.dispose()
    return folder / "engine.db"


def run_file(folder: Path, template: Path, path: Path, prune: bool = True) -> Outcome:
    shutil.copy(template, folder / "engine.db")
    clock = ManualClock(START)
    eng = Engine(f"sqlite:///{folder}/engine.db", clock=clock, aftercare=False)
    eng.rt.prune = prune
    try:
        try:
            for other in companions(path):
                eng.deploy(other)
            eng.deploy(path)
        except BpmnValidationError as exc:
            return Outcome(False, [str(p) for p in exc.problems])
        doc = load_document(path.read_bytes(), str(path))
        values = condition_values(doc.root)
        outcome = Outcome(True)
        for process in executable_processes(doc):
            if not [s for s in process if s.tag == bpmn("startEvent")]:
                continue      # a process only ever called by another one
            pid = process.get("id") or ""
            try:
                outcome.runs[pid] = start_and_drive(eng, clock, doc.root, process, values)
            except PalvelupolkuError as exc:
                outcome.runs[pid] = f"refused: {exc}"
            except Exception:   # noqa: BLE001 - the finding this test exists to catch
                outcome.runs[pid] = "exception: " + traceback.format_exc(limit=-3)
        outcome.findings = [str(f) for f in eng.check()]
        outcome.reads = final_reads(eng)
        return outcome
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> dict[str, Outcome]:
    return {relative(p): run_file(tmp_path_factory.mktemp("run"), template_db, p) for p in FILES}


def kind(answer: str) -> str:
    return answer.split(":", 1)[0]


def test_every_accepted_model_ends_or_states_where_it_waits(outcomes: dict[str, Outcome]) -> None:
    runs = {f"{name}:{pid}": answer for name, o in outcomes.items() for pid, answer in o.runs.items()}
    counts = Counter(kind(a) for a in runs.values())
    deployed = sum(o.deployed for o in outcomes.values())
    print(f"\nconformance runs: {len(outcomes)} files, {deployed} deployed, {len(runs)} processes run: "
          + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    for name, answer in sorted(runs.items()):
        if kind(answer) != "completed":
            print(f"  {name}: {answer.splitlines()[0][:200]}")
    wrong = {name: answer for name, answer in runs.items()
             if kind(answer) not in ("completed", "waits", "error", "refused")
             or (kind(answer) == "refused" and not any(r in answer for r in REFUSALS))}
    assert wrong == {}, "\n".join(f"{n}: {a}" for n, a in wrong.items())
    # Every instance left behind is consistent: in error only with a reason, running only while it waits.
    findings = {name: o.findings for name, o in outcomes.items() if o.findings}
    assert findings == {}
    assert counts["completed"] >= 55, counts     # a floor, so a regression that fails runs shows here


# Models whose runs differ from run to run anyway: not compared with and without pruning.
REAL_CLOCK = {"spiffworkflow/bpmn/timer-date-start.bpmn"}     # a script reads the real clock into the data


def test_pruning_changes_no_run(outcomes: dict[str, Outcome], tmp_path_factory: pytest.TempPathFactory,
                                template_db: Path) -> None:
    """Every model run again without pruning (engine.runtime.prune): each instance ends with the same status,
    error, data, open tasks, diagram marks and history."""
    differ = []
    for path in FILES:
        pruned = outcomes[relative(path)]
        if not pruned.deployed or relative(path) in REAL_CLOCK:
            continue
        whole = run_file(tmp_path_factory.mktemp("whole"), template_db, path, prune=False)
        if (pruned.runs, pruned.reads) != (whole.runs, whole.reads):
            differ.append(relative(path))
    assert differ == []


def test_an_event_based_gateway_takes_the_message_that_comes_first(tmp_path: Path, template_db: Path) -> None:
    shutil.copy(template_db, tmp_path / "engine.db")
    clock = ManualClock(START)
    eng = Engine(f"sqlite:///{tmp_path}/engine.db", clock=clock, aftercare=False)
    try:
        eng.deploy(CONFORMANCE / "spiffworkflow" / "bpmn" / "event-gateway.bpmn")
        waiting = eng.start("Process_0pvx19v", CUSTOMER, DRIVER)
        info = eng.instance(waiting.id)
        assert (info.status, info.waiting_for_messages, len(info.timers)) == ("running", ["message_1", "message_2"], 1)
        assert eng.send_message("message_2", CUSTOMER, DRIVER, {}) == [waiting.id]
        info = eng.instance(waiting.id)
        assert info.status == "completed"
        assert (info.waiting_for_messages, info.timers) == ([], [])
        assert "timer_fired" not in [h.kind for h in info.history or []]   # the timer branch was dropped
        assert list(eng.check()) == []
    finally:
        eng.dispose()


def test_a_failed_first_step_leaves_the_instance_in_error_until_a_manager_acts(tmp_path: Path,
                                                                                template_db: Path) -> None:
    shutil.copy(template_db, tmp_path / "engine.db")
    eng = Engine(f"sqlite:///{tmp_path}/engine.db", clock=ManualClock(START), aftercare=False)
    try:
        eng.deploy(CONFORMANCE / "spiffworkflow" / "bpmn" / "standard_loop.bpmn")
        failed = eng.instance(eng.start("main", CUSTOMER, DRIVER).id)
        # The loop condition `not done` fails before any task is in ERROR; the instance still says so.
        assert failed.status == "error"
        assert "`done`" in (failed.error_message or "")
        assert list(eng.check()) == []
        eng.retry(failed.id, DRIVER)            # the data is still missing: it fails again, with its reason
        again = eng.instance(failed.id)
        assert (again.status, again.error_message) == ("error", failed.error_message)
        assert [h.kind for h in again.history or []].count("error") == 2
    finally:
        eng.dispose()
