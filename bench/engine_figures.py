"""E1-E4: the engine's cost per completion, against raw SpiffWorkflow in memory measured in the same run.

The baseline (`RawRun`) runs the same BPMN with SpiffWorkflow's own script engine and, per step, one
JSON round trip of the state through the engine's serializer configuration (spec kept apart, as the
engine stores it), and no database. The engine side uses only the public `Engine` API.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from bench.common import Figure, judge, median, p95, progress, timed, timed_ms
from bench.data import BENCH_BPMN, PROCESSES
from engine import Engine, InstanceInfo
from engine.demo.seed import autofill
from engine.runtime.bpmn.parser import add_document, new_parser
from engine.runtime.bpmn.xmlsafe import load_document
from engine.runtime.forms import form_of
from engine.runtime.state import StateCodec

LOOP_PROCESS = "bench_kierros"
RECRUITMENT = "rekrytointipalvelut"
USER = "bench-e"
CUSTOMER = ("0112038-9", "Oy Mittaus Ab")
LOOP_STEP = {"jatketaan": True, "muistiinpano": "Soitettu, jatketaan", "tunnit": 2}
RESTART_EVERY = 10      # E1: a new instance after this many completions, so the state stays small
# The recruitment path of tests/processes (vacancy published, candidate search), no new needs.
RECRUITMENT_CHOICES = {"kanava_ilmoitus": True, "kanava_ehdokashaku": True, "ehdokkaita_loytyi": 3,
                       "asiakas_tavoitettu": True, "uudet_palvelutarpeet": False}
START_DATA = {"asiakas": CUSTOMER[0], "asiakas_nimi": CUSTOMER[1], "vastuuasiantuntija": USER}


@dataclass
class EngineCounts:
    e1_samples: int
    e2_instances: int
    e3_grown: int
    e3_samples: int
    e4_instances: int


# E3's samples keep completing in the grown instance, from e3_grown - e3_samples/2 on, so the median
# sample sees e3_grown completed tasks. They must stay under ~330: SpiffWorkflow's task iterator stops at
# depth 1000 (`TaskIterator(max_depth=1000)`), so a loop of three tasks per round stalls after 333 rounds.
FULL_COUNTS = EngineCounts(e1_samples=300, e2_instances=60, e3_grown=300, e3_samples=30, e4_instances=40)
QUICK_COUNTS = EngineCounts(e1_samples=10, e2_instances=2, e3_grown=30, e3_samples=6, e4_instances=2)


class RawRun:
    """A process run by SpiffWorkflow alone, in memory, with a serializer round trip per step."""

    def __init__(self, path: Path, process_id: str) -> None:
        parser = new_parser()
        add_document(parser, load_document(path.read_bytes(), path.name).root, path.name)
        self.codec = StateCodec()
        self.specs = self.codec.specs(0, self.codec.specs_to_json(parser.get_spec(process_id),
                                                                  parser.get_subprocess_specs(process_id)))
        self.workflow: BpmnWorkflow | None = None

    def start(self, data: dict[str, Any]) -> None:
        workflow = BpmnWorkflow(*self.specs)
        workflow.get_tasks(state=TaskState.READY)[0].data.update(data)
        workflow.do_engine_steps()
        self.workflow = self._round_trip(workflow)

    def _round_trip(self, workflow: BpmnWorkflow) -> BpmnWorkflow:
        return self.codec.load(self.codec.dump(workflow), self.codec.version, self.specs)

    def ready(self) -> Any:
        assert self.workflow is not None
        tasks = self.workflow.get_tasks(state=TaskState.READY, manual=True)
        return tasks[0] if tasks else None

    def step(self, data: dict[str, Any]) -> None:
        task = self.ready()
        task.data.update(data)
        task.run()
        assert self.workflow is not None
        self.workflow.do_engine_steps()
        self.workflow = self._round_trip(self.workflow)


@dataclass
class EngineSide:
    eng: Engine
    forms: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def start(self, process: str) -> InstanceInfo:
        return self.eng.start(process, customer=CUSTOMER[0], responsible=USER)

    def form(self, task_id: str, element_id: str) -> list[dict[str, Any]]:
        if element_id not in self.forms:
            self.forms[element_id] = self.eng.task(task_id).form
        return self.forms[element_id]


def setup(url: str) -> Engine:
    eng = Engine(url)
    eng.deploy(PROCESSES)
    eng.deploy(BENCH_BPMN)
    eng.add_user(USER, roles=["expert"], groups=["TE-asiantuntijat"])
    eng.add_customer(*CUSTOMER)
    return eng


def _loop_figure(fig_id: str, what: str, database: str, counts: str, bar: str, unit: str = "ms") -> Figure:
    return Figure(id=fig_id, what=what, database=database, counts=counts, unit=unit, bar=bar)


# Issue 15's bars: a completion at the cost of raw SpiffWorkflow (PostgreSQL pays a round trip per statement).
E1_BAR = {"sqlite": 1.2, "postgresql": 1.5}


def e1(side: EngineSide, raw: RawRun, samples: int, database: str) -> Figure:
    """Median time of one completion, Engine.complete vs raw step + JSON round trip, interleaved."""
    progress(f"E1 on {database}: {samples} completions each, interleaved with the raw baseline")
    info: InstanceInfo | None = None
    engine_ms, raw_ms = [], []
    for i in range(samples):
        if i % RESTART_EVERY == 0:
            info = side.start(LOOP_PROCESS)
            raw.start(dict(START_DATA))
        assert info is not None
        ms, info = timed(side.eng.complete, info.open_tasks[0].id, USER, dict(LOOP_STEP))
        engine_ms.append(ms)
        raw_ms.append(timed_ms(raw.step, dict(LOOP_STEP)))
    fig = _loop_figure("E1", "task completion: Engine.complete vs raw SpiffWorkflow step + JSON round trip",
                       database, f"{samples} completions each, new instance every {RESTART_EVERY}",
                       f"<= {E1_BAR[database]:g}x")
    fig.median, fig.p95, fig.samples = median(engine_ms), p95(engine_ms), samples
    fig.extra = {"baseline_p95": p95(raw_ms)}
    return judge(fig, median(engine_ms), median(raw_ms), at_most=E1_BAR[database], on_ratio=True)


def _drive_engine(side: EngineSide) -> int:
    """One recruitment instance start to end through the engine; returns the completions."""
    info = side.start(RECRUITMENT)
    done = 0
    while info.status == "running" and info.open_tasks:
        task = info.open_tasks[0]
        if task.assignee is None:
            side.eng.claim(task.id, USER)
        data = autofill(side.form(task.id, task.element_id), "2026-11-02", RECRUITMENT_CHOICES)
        info = side.eng.complete(task.id, USER, data)
        done += 1
    if info.status != "completed":
        raise RuntimeError(f"The recruitment run stopped {info.status}: {info.error_message}")
    return done


def _drive_raw(raw: RawRun) -> int:
    raw.start(dict(START_DATA))
    done = 0
    while (task := raw.ready()) is not None:
        raw.step(autofill(form_of(task.task_spec).as_list(), "2026-11-02", RECRUITMENT_CHOICES))
        done += 1
    return done


def _interleaved(instances: int, engine: Callable[[], int], raw: Callable[[], int]) -> tuple[float, int, float, int]:
    """Seconds and completions of the engine's and the raw run, instance by instance in turns, so both
    meet the same machine load."""
    engine_s = raw_s = 0.0
    engine_n = raw_n = 0
    for _ in range(instances):
        started = time.perf_counter()
        engine_n += engine()
        engine_s += time.perf_counter() - started
        started = time.perf_counter()
        raw_n += raw()
        raw_s += time.perf_counter() - started
    return engine_s, engine_n, raw_s, raw_n


def e2(side: EngineSide, raw: RawRun, instances: int, database: str) -> Figure:
    """Completions per second over whole recruitment instances, engine vs raw, instance by instance."""
    progress(f"E2 on {database}: {instances} recruitment instances end to end, each way")
    engine_s, engine_n, raw_s, raw_n = _interleaved(instances, lambda: _drive_engine(side), lambda: _drive_raw(raw))
    fig = _loop_figure("E2", "completions/s, one process, rekrytointipalvelut end to end (starts included)",
                       database, f"{instances} instances, {engine_n} completions", ">= 1.0x of raw",
                       unit="completions/s")
    fig.samples = engine_n
    fig.extra = {"engine_seconds": engine_s, "raw_seconds": raw_s, "raw_completions": raw_n}
    return judge(fig, engine_n / engine_s, raw_n / raw_s, at_least=1.0, on_ratio=True)


def _open_task(info: InstanceInfo, completed: int) -> str:
    if not info.open_tasks:
        raise RuntimeError(f"Instance {info.id} is {info.status} with no open task after {completed} completions "
                           f"({info.error_message or 'no error recorded'}).")
    return info.open_tasks[0].id


def e3(side: EngineSide, grown_to: int, samples: int, database: str) -> Figure:
    """Completing a task in an instance with `grown_to` completed tasks vs in a fresh one, interleaved."""
    progress(f"E3 on {database}: growing an instance to {grown_to - samples // 2} completed tasks")
    grown = side.start(LOOP_PROCESS)
    for n in range(grown_to - samples // 2):
        grown = side.eng.complete(_open_task(grown, n), USER, dict(LOOP_STEP))
        if n % 100 == 99:
            progress(f"  {n + 1} completed")
    fresh: InstanceInfo | None = None
    grown_ms, fresh_ms = [], []
    for i in range(samples):
        task_id = _open_task(grown, grown_to - samples // 2 + i)
        ms, grown = timed(side.eng.complete, task_id, USER, dict(LOOP_STEP))
        grown_ms.append(ms)
        if i % 5 == 0:
            fresh = side.start(LOOP_PROCESS)
        assert fresh is not None
        ms, fresh = timed(side.eng.complete, fresh.open_tasks[0].id, USER, dict(LOOP_STEP))
        fresh_ms.append(ms)
    fig = _loop_figure("E3", f"completion in an instance with {grown_to} completed tasks vs a fresh one",
                       database, f"{samples} completions each", "<= 1.2x")
    fig.median, fig.p95, fig.samples = median(grown_ms), p95(grown_ms), samples
    fig.extra = {"baseline_p95": p95(fresh_ms)}
    return judge(fig, median(grown_ms), median(fresh_ms), at_most=1.2, on_ratio=True)


def _drive_user_loop(side: EngineSide) -> int:
    """One recruitment instance as a person works it: start, then per task the inbox, a claim, the completion."""
    info = side.start(RECRUITMENT)
    done = 0
    while info.status == "running":
        task = next((t for t in side.eng.inbox(USER, limit=200) if t.instance_id == info.id), None)
        if task is None:
            break
        if task.assignee is None:
            side.eng.claim(task.id, USER)
        data = autofill(side.form(task.id, task.element_id), "2026-11-02", RECRUITMENT_CHOICES)
        info = side.eng.complete(task.id, USER, data)
        done += 1
    if info.status != "completed":
        raise RuntimeError(f"The recruitment loop stopped {info.status}: {info.error_message}")
    return done


def e4(side: EngineSide, raw: RawRun, instances: int, database: str) -> Figure:
    """Time per completed task of the whole user loop (start, inbox, claim, complete) vs the raw loop."""
    progress(f"E4 on {database}: {instances} recruitment instances worked from the inbox, each way")
    engine_s, engine_n, raw_s, raw_n = _interleaved(instances, lambda: _drive_user_loop(side),
                                                    lambda: _drive_raw(raw))
    fig = _loop_figure("E4", "the user loop per completed task: start + inbox + claim + complete vs the raw loop",
                       database, f"{instances} instances, {engine_n} completions", "<= 1.5x")
    fig.samples = engine_n
    fig.extra = {"engine_seconds": engine_s, "raw_seconds": raw_s, "raw_completions": raw_n}
    return judge(fig, engine_s / engine_n * 1000, raw_s / raw_n * 1000, at_most=1.5, on_ratio=True)


def run(url: str, database: str, counts: EngineCounts, only: Callable[[str], bool]) -> list[Figure]:
    """E1-E4 on a fresh database at `url` (the caller gives an empty one)."""
    eng = setup(url)
    try:
        side = EngineSide(eng)
        figures = []
        if only("E1"):
            figures.append(e1(side, RawRun(BENCH_BPMN, LOOP_PROCESS), counts.e1_samples, database))
        if only("E2"):
            figures.append(e2(side, RawRun(PROCESSES / f"{RECRUITMENT}.bpmn", RECRUITMENT), counts.e2_instances,
                              database))
        if only("E3"):
            figures.append(e3(side, counts.e3_grown, counts.e3_samples, database))
        if only("E4"):
            figures.append(e4(side, RawRun(PROCESSES / f"{RECRUITMENT}.bpmn", RECRUITMENT), counts.e4_instances,
                              database))
        return figures
    finally:
        eng.dispose()
