"""The public Camunda 7 examples (tests/conformance/camunda-examples) deploy as written and run to their end.

Each example is deployed alone into a fresh engine with the aftercare rule off (third-party models have
no aftercare task), together with the sibling files it calls and the DMN beside it. A test driver then
runs every process with a start to its end: it completes user tasks with plausible data (form fields by
type, and the variables the model's conditions read), fires timers by moving a manual clock, and sends
the messages the instance waits for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from engine import Engine
from engine.clock import ManualClock
from engine.errors import BpmnValidationError
from engine.runtime.bpmn.camunda import handler_name
from engine.runtime.bpmn.graph import bpmn, executable_processes
from engine.runtime.bpmn.xmlsafe import load_document
from engine.runtime.services import ServiceCall
from tests.engine.driver import CUSTOMER, DRIVER, condition_values, final_reads, start_and_drive

EXAMPLES = Path(__file__).parents[1] / "conformance" / "camunda-examples"
FILES = sorted(EXAMPLES.rglob("*.bpmn"))
_NOT_JAVA_FREE = re.compile(r'camunda:class=|camunda:delegateExpression=|scriptFormat="(?i:groovy|javascript)"')

# Why each example that does not deploy, even with a Python handler under every Java name, is refused.
REFUSED_WITH_HANDLERS = {
    "bpmn-model-api/parse-bpmn/process.bpmn": "Groovy script, execution listener, Java bean expression",
    "clients/java/order-handling/order-handling.bpmn": "Quartz cron timer, conditional boundary event",
    "invoice/invoice.v1.bpmn": "JavaScript task listeners",
    "invoice/invoice.v2.bpmn": "JavaScript task listeners",
    "scripttask/xslt-scripttask/xslt-example.bpmn": "XSLT script, execution listeners",
    "servicetask/rest-service/invokeRestService.bpmn": "Camunda HTTP connector",
    "spin/dataformat-configuration-global/testProcess.bpmn": "JavaScript script",
    "spin/dataformat-configuration-in-process-application/testProcess.bpmn": "JavaScript script",
    "spring-boot-starter/external-task-client/loan-granting-spring-boot-webapp/bpmn/loan-granting.bpmn":
        "JavaScript input mapping, Quartz cron timer",
    "testing/assert/job-announcement-publication-process/camunda-testing-job-announcement.bpmn":
        "assignees computed by Java bean calls",
    "usertask/task-form-embedded-json-variables/process.bpmn": "Camunda Spin JSON methods in conditions",
    # Asynchronous continuations need a job executor; the validator refuses them rather than run the
    # step in the transaction of the one before without saying so (issue 17).
    "multi-tenancy/schema-isolation/processes/tenant2/tenant2_process.bpmn": "asynchronous continuation",
    "deployment/spring-servlet-pa-wildfly/SpringExpressionResolvingTest.testResolveBeanFromJobExecutor.bpmn":
        "asynchronous continuation",
}


def java_names() -> set[str]:
    """Every Java class, delegate expression and external-task topic the examples name."""
    names = set()
    for path in FILES:
        for element in load_document(path.read_bytes(), str(path)).root.iter(bpmn("serviceTask"), bpmn("sendTask")):
            named = handler_name(element)
            if named is not None and named[1]:
                names.add(named[1])
    return names


def relative(path: Path) -> str:
    return path.relative_to(EXAMPLES).as_posix()


def companions(path: Path) -> list[Path]:
    """The example files that define the processes `path` calls, and the DMN files beside it."""
    called = {c.get("calledElement") for c in load_document(path.read_bytes(), str(path)).root.iter(
        bpmn("callActivity"))}
    found = []
    for other in FILES:
        ids = {p.get("id") for p in load_document(other.read_bytes(), str(other)).root.iter(bpmn("process"))}
        if other != path and called & ids:
            found.append(other)
            called -= ids
    return found + sorted(path.parent.glob("*.dmn"))


@dataclass
class Outcome:
    deployed: bool
    problems: list[str] = field(default_factory=list)
    runs: dict[str, str] = field(default_factory=dict)      # process id -> final status (or why not run)
    reads: dict[int, Any] = field(default_factory=dict)     # what the pages read of each instance at the end


def new_engine(tmp: Path, handlers: dict[str, Callable[[ServiceCall], Any]] | None) -> tuple[Engine, ManualClock]:
    clock = ManualClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    eng = Engine(f"sqlite:///{tmp}/engine.db", clock=clock, aftercare=False, services=handlers)
    eng.add_customer(CUSTOMER, name="Oy Esimerkki Ab")
    return eng, clock


def deploy(eng: Engine, path: Path) -> list[str]:
    try:
        for other in companions(path):
            eng.deploy(other)
        eng.deploy(path)
    except BpmnValidationError as exc:
        return [str(p) for p in exc.problems]
    return []


def run_example(tmp: Path, path: Path, handlers: dict[str, Callable[[ServiceCall], Any]] | None,
                prune: bool = True) -> Outcome:
    eng, clock = new_engine(tmp, handlers)
    eng.rt.prune = prune
    try:
        problems = deploy(eng, path)
        if problems:
            return Outcome(False, problems)
        eng.add_user(DRIVER, roles=["expert", "manager"], groups=[], password="driver-password-1")
        root = load_document(path.read_bytes(), str(path)).root
        values = condition_values(root)
        outcome = Outcome(True)
        for process in executable_processes(load_document(path.read_bytes(), str(path))):
            outcome.runs[process.get("id") or ""] = start_and_drive(eng, clock, root, process, values)
        outcome.reads = final_reads(eng)
        return outcome
    finally:
        eng.dispose()


def noop_handler(call: ServiceCall) -> dict[str, Any]:
    return {"handled_by": call.name}


@pytest.fixture(scope="module")
def with_handlers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    handlers = {name: noop_handler for name in java_names()}
    return {relative(p): run_example(tmp_path_factory.mktemp("h"), p, handlers) for p in FILES}


@pytest.fixture(scope="module")
def without_handlers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    java_free = [p for p in FILES if not _NOT_JAVA_FREE.search(p.read_text(encoding="utf-8"))]
    return {relative(p): run_example(tmp_path_factory.mktemp("n"), p, None) for p in java_free}


def test_there_are_54_examples() -> None:
    assert len(FILES) == 54


def test_examples_without_java_deploy_without_handlers(without_handlers: dict[str, Outcome]) -> None:
    refused = {name: o.problems for name, o in without_handlers.items() if not o.deployed}
    print(f"\nwithout handlers: {len(without_handlers) - len(refused)} of {len(without_handlers)} Java-free "
          f"examples deploy; refused: {sorted(refused)}")
    # The four others call Java beans (camunda:expression): they deploy once a handler stands for the bean.
    assert set(refused) == {
        "clients/java/order-handling/order-handling.bpmn",   # a Quartz cron timer and a conditional event
        "deployment/spring-servlet-pa-tomcat/SpringExpressionResolvingTest.testResolveBean.bpmn",
        "deployment/spring-servlet-pa-wildfly/SpringExpressionResolvingTest.testResolveBean.bpmn",
        "testing/assert/job-announcement-publication-process/camunda-testing-job-announcement-publication.bpmn",
        "testing/assert/job-announcement-publication-process/camunda-testing-job-announcement.bpmn",
    }, refused
    assert len(without_handlers) - len(refused) == 17


def test_with_a_python_handler_under_each_java_name_41_of_54_deploy(with_handlers: dict[str, Outcome]) -> None:
    deployed = [name for name, o in with_handlers.items() if o.deployed]
    refused = {name: o.problems[:1] for name, o in with_handlers.items() if not o.deployed}
    print(f"\nwith handlers: {len(deployed)} of {len(FILES)} deploy")
    assert set(refused) == set(REFUSED_WITH_HANDLERS), refused
    assert len(deployed) == 41


def test_every_deployed_example_runs_to_its_end(with_handlers: dict[str, Outcome]) -> None:
    stuck = {f"{name}:{pid}": status for name, o in with_handlers.items() for pid, status in o.runs.items()
             if status != "completed"}
    runs = sum(len(o.runs) for o in with_handlers.values())
    print(f"\nruns: {runs - len(stuck)} of {runs} processes ran to their end")
    assert stuck == {}


def test_pruning_changes_no_run(with_handlers: dict[str, Outcome], tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every deployed example run again without pruning (engine.runtime.prune): each instance ends with the
    same status, error, data, open tasks, diagram marks and history."""
    handlers = {name: noop_handler for name in java_names()}
    differ = []
    for path in FILES:
        pruned = with_handlers[relative(path)]
        if not pruned.deployed:
            continue
        whole = run_example(tmp_path_factory.mktemp("whole"), path, handlers, prune=False)
        if (pruned.runs, pruned.reads) != (whole.runs, whole.reads):
            differ.append(relative(path))
    assert differ == []
