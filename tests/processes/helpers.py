"""Running the library's processes end to end, and measuring which sequence flows the runs took."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from lxml import etree
from SpiffWorkflow.util.task import TaskState

from engine import Engine, ManualClock
from engine.demo.seed import drive
from engine.runtime.bpmn import aftercare_task_ids, load_document
from engine.runtime.execution import load
from engine.runtime.prune import COMPLETED_MARK, trail
from tests.conftest import ROOT

PROCESSES = ROOT / "processes"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
NOT_REACHED = {"asiakas_tavoitettu": False}
NEW_NEEDS = {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True, "uudet_palvelutarpeet": True,
             "uudet_tarpeet_kuvaus": "Koulutustarve"}
NO_NEW_NEEDS = {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True, "uudet_palvelutarpeet": False}

# process key -> ids of the sequence flows the test runs took (filled by `run`, reported at the end)
TAKEN: dict[str, set[str]] = defaultdict(set)


def flows(process_key: str) -> dict[tuple[str, str], str]:
    """(sourceRef, targetRef) -> sequence flow id, for the process and its embedded subprocesses."""
    root = etree.fromstring((PROCESSES / f"{process_key}.bpmn").read_bytes())
    process = next(p for p in root.iter(f"{BPMN}process") if p.get("id") == process_key)
    return {(f.get("sourceRef"), f.get("targetRef")): f.get("id") for f in process.iter(f"{BPMN}sequenceFlow")}


def aftercare_ids(process_key: str) -> set[str]:
    path = PROCESSES / f"{process_key}.bpmn"
    return set(aftercare_task_ids(load_document(path.read_bytes(), path.name).root, process_key))


def taken_flows(eng: Engine, instance_id: int) -> set[str]:
    """The sequence flows an instance took: pairs of consecutive BPMN elements in its task tree, and in the
    trail of the tasks pruned from it (engine.runtime.prune)."""
    with eng.reading() as s:
        loaded = load(eng.rt, s, instance_id)
        key = loaded.row.process_key
        marks = trail(s, instance_id)
    by_pair = flows(key)
    workflow = loaded.workflow
    taken = {by_pair[pair] for pair in marks if pair in by_pair}
    pruned = {source for source, target in marks if target == COMPLETED_MARK}
    for wf in [workflow, *workflow.subprocesses.values()]:
        done = wf.get_tasks(state=TaskState.COMPLETED | TaskState.READY | TaskState.WAITING)
        reached = {t.task_spec.bpmn_id for t in done if t.task_spec.bpmn_id} | pruned
        for task in done:
            target = task.task_spec.bpmn_id
            source = _bpmn_ancestor(task)
            if target and source and (source, target) in by_pair:
                taken.add(by_pair[(source, target)])
        # A join's task descends from only one of the branches it merged; the others arrived too.
        for (source, target), flow in by_pair.items():
            if target in reached and source in reached and _is_join(wf, target):
                taken.add(flow)
    return taken


def _is_join(workflow: Any, element_id: str) -> bool:
    spec = workflow.spec.task_specs.get(element_id)
    return spec is not None and len(spec.inputs) > 1 and "Gateway" in type(spec).__name__


def _bpmn_ancestor(task: Any) -> str | None:
    parent = task.parent
    while parent is not None:
        if parent.task_spec.bpmn_id:
            return str(parent.task_spec.bpmn_id)
        parent = parent.parent
    return None


def run(eng: Engine, clock: ManualClock, process_key: str, choices: dict[str, Any]) -> int:
    """Start the process for the test customer and work it to its end with `choices`; record coverage."""
    instance = eng.start(process_key, customer="0112038-9", responsible="asiantuntija").id
    drive(eng, clock, instance, choices, days_per_task=1, limit=80)
    record(eng, instance)
    return instance


def record(eng: Engine, instance_id: int) -> None:
    info = eng.instance(instance_id)
    TAKEN[info.process_key] |= taken_flows(eng, instance_id)
    for child in info.children:
        record(eng, child)


def coverage() -> dict[str, tuple[int, int]]:
    """process key -> (flows taken, flows in the model), for every process file."""
    out = {}
    for path in sorted(PROCESSES.glob("*.bpmn")):
        total = set(flows(path.stem).values())
        out[path.stem] = (len(TAKEN[path.stem] & total), len(total))
    return out


def assert_ran_through_aftercare(eng: Engine, instance_id: int, choices: dict[str, Any]) -> None:
    info = eng.instance(instance_id)
    assert info.status == "completed", (info.status, info.error_message, [t.element_id for t in info.open_tasks])
    aftercare = [h for h in info.history if h.kind == "complete" and h.element_id in aftercare_ids(info.process_key)]
    assert len(aftercare) == (3 if choices.get("asiakas_tavoitettu") is False else 1)
    children = [eng.instance(c) for c in info.children]
    if choices.get("uudet_palvelutarpeet"):
        assert "palvelutarvearvio" in [c.process_key for c in children]
        assert all(c.parent_id == instance_id and c.responsible == info.responsible for c in children)


def report_path() -> Path:
    return ROOT / "test-artifacts" / "process-coverage.json"


def run_with_overdue_aftercare(eng: Engine, clock: ManualClock, process_key: str, choices: dict[str, Any]) -> int:
    """Let the aftercare go 15 days overdue: the escalation must reach the service managers."""
    from datetime import timedelta

    from engine.demo.seed import autofill

    instance = eng.start(process_key, customer="0112038-9", responsible="asiantuntija").id
    drive(eng, clock, instance, choices, until=lambda t: t.is_aftercare, days_per_task=1, limit=80)
    assert any(t.is_aftercare for t in eng.instance(instance).open_tasks), "the run should wait at aftercare"
    clock.advance(timedelta(days=15))
    assert eng.fire_due_timers() >= 1
    escalation = [t for t in eng.instance(instance).open_tasks if t.candidate_group == "Palveluesimiehet"]
    assert len(escalation) == 1 and escalation[0].id in [t.id for t in eng.inbox("esimies")]
    eng.claim(escalation[0].id, "esimies")
    eng.complete(escalation[0].id, "esimies", autofill(eng.task(escalation[0].id).form, clock().date().isoformat()))
    drive(eng, clock, instance, choices, days_per_task=1, limit=80)
    record(eng, instance)
    return instance


def run_in_passes(eng: Engine, clock: ManualClock, process_key: str, choices: dict[str, Any],
                  passes: dict[str, list[dict[str, Any]]]) -> int:
    """Like `run`, but the n-th time task `element_id` comes up it is completed with `passes[element_id][n]`
    on top of `choices`; later times use `choices` alone (a loop taken once or twice, then left)."""
    from collections import Counter

    instance = eng.start(process_key, customer="0112038-9", responsible="asiantuntija").id
    seen: Counter[str] = Counter()

    def special(task: Any) -> bool:
        return seen[task.element_id] < len(passes.get(task.element_id, []))

    while True:
        drive(eng, clock, instance, choices, until=special, days_per_task=1, limit=80)
        waiting = [t for t in eng.instance(instance).open_tasks
                   if t.candidate_group != "Palveluesimiehet" and special(t)]
        if not waiting:
            break
        override = passes[waiting[0].element_id][seen[waiting[0].element_id]]
        seen[waiting[0].element_id] += 1
        drive(eng, clock, instance, {**choices, **override}, days_per_task=1, limit=1)
    record(eng, instance)
    return instance


def first_pass(values: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Passes for `run_in_passes` that differ only the first time each task comes up."""
    return {element_id: [override] for element_id, override in values.items()}


def completed(eng: Engine, instance: int, element_id: str) -> int:
    """How many times the element's task was completed in the instance."""
    return sum(1 for h in eng.instance(instance).history if h.kind == "complete" and h.element_id == element_id)


# The long services (README, process library): a follow-up day about a year after the aftercare on every
# branch of the needs reassessment - no new needs, new needs, and a customer never reached.
FOLLOW_UP_TIMERS = {"kehittamispalvelut": "TimerEvent_seuranta", "yhteishankintakoulutus": "TimerEvent_seuranta",
                    "starttiraha": "TimerEvent_seurantapaiva"}


def assert_follow_up_day(eng: Engine, instance_id: int) -> None:
    """One follow-up day, its timer fired a year (365-366 days) after the step that led to it."""
    from datetime import UTC, timedelta

    info = eng.instance(instance_id)

    def at(kind: str, element_id: str) -> list[Any]:
        return [h.at if h.at.tzinfo else h.at.replace(tzinfo=UTC)
                for h in info.history if h.kind == kind and h.element_id == element_id]

    (fired,) = at("timer_fired", FOLLOW_UP_TIMERS[info.process_key])
    before = max(at("complete", "Task_jalkihoito") + at("complete", "Task_ei_tavoitettu"))
    assert timedelta(days=365) <= fired - before <= timedelta(days=366), (fired, before)
    assert len(at("complete", "Task_seurantapaiva")) == 1
    assert info.status == "completed"
