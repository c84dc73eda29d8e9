"""The workflows an engine keeps between operations (engine/state.py), and instances with long histories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select, update

from engine import Engine
from engine.errors import ValidationError
from engine.models import Instance
from engine.runtime.bpmn.parser import add_document, new_parser, new_serializer
from engine.runtime.execution import load
from engine.runtime.scripting import RestrictedScriptEngine
from engine.runtime.state import StateCodec

LOOP = Path(__file__).parent / "bpmn" / "loop.bpmn"
STEP = {"note": "soitettu", "amount": 1, "done": False}


@pytest.fixture
def looping(people: Engine) -> Engine:
    people.deploy(LOOP)
    return people


def open_task(eng: Engine, instance_id: int) -> str:
    (task,) = eng.instance(instance_id).open_tasks
    return task.id


def test_a_completed_step_is_kept_and_used_by_the_next_one(looping: Engine) -> None:
    iid = looping.start("loop", "0112038-9", "asiantuntija").id
    first = looping.complete(open_task(looping, iid), "asiantuntija", STEP)
    first_history = looping.instance(iid).history
    with looping.reading() as s:
        state = s.get(Instance, iid).state_json
        kept = looping.rt.codec.take(iid, state)
    assert kept is not None                       # the committed workflow, not restored from JSON
    looping.rt.codec.keep(iid, state, kept)
    second = looping.complete(first.open_tasks[0].id, "asiantuntija", {**STEP, "amount": 2})
    assert second.data["amount"] == 2 and len(looping.instance(iid).history) == len(first_history) + 1


def test_a_kept_workflow_is_not_used_once_the_stored_state_changed(looping: Engine) -> None:
    """Another process (web worker, timer worker) wrote the instance: its state, not the kept one, counts."""
    iid = looping.start("loop", "0112038-9", "asiantuntija").id
    looping.complete(open_task(looping, iid), "asiantuntija", STEP)
    with looping.reading() as s:
        state = s.get(Instance, iid).state_json
    other = Engine(looping.url, run_migrations=False)
    try:
        other.complete(open_task(other, iid), "asiantuntija", {**STEP, "amount": 7})
    finally:
        other.dispose()
    with looping.reading() as s:
        assert looping.rt.codec.take(iid, s.get(Instance, iid).state_json) is None
    looping.rt.codec.keep(iid, state, BpmnWorkflow.__new__(BpmnWorkflow))   # a stale one: must not be used
    looping.complete(open_task(looping, iid), "asiantuntija", {**STEP, "amount": 8})
    info = looping.instance(iid)
    assert [e.data["amount"] for e in info.history if e.kind == "complete"] == [1, 7, 8]


def test_a_step_that_fails_leaves_no_changed_workflow_behind(looping: Engine) -> None:
    iid = looping.start("loop", "0112038-9", "asiantuntija").id
    task = open_task(looping, iid)
    with pytest.raises(ValidationError):
        looping.complete(task, "asiantuntija", {"amount": "ei numero"})
    with looping.reading() as s:
        state = s.get(Instance, iid).state_json
    assert looping.rt.codec.take(iid, state) is None   # taken out by the failed step, never put back
    # A rolled-back step whose workflow had already run: the next step restores the stored state.
    with pytest.raises(RuntimeError), looping.transaction() as s:
        loaded = load(looping.rt, s, iid)
        loaded.workflow.get_tasks(state=TaskState.READY)[0].data.update({"amount": 99})
        raise RuntimeError("rolled back")
    info = looping.complete(task, "asiantuntija", STEP)
    assert info.data["amount"] == 1


def test_the_dump_of_a_kept_workflow_equals_a_fresh_dump(looping: Engine) -> None:
    """The finished-task conversions the codec reuses give exactly the JSON a fresh conversion gives."""
    iid = looping.start("loop", "0112038-9", "asiantuntija").id
    for n in range(5):
        looping.complete(open_task(looping, iid), "asiantuntija", {**STEP, "amount": n})
    with looping.reading() as s:
        row = s.get(Instance, iid)
        state = row.state_json
        kept = looping.rt.codec.take(iid, state)
        assert kept is not None
        fresh = StateCodec().load(state, row.serializer_version, looping.rt.codec.specs(
            row.definition_version_id, lambda: row.definition_version.spec_json))
    assert json.loads(looping.rt.codec.dump(kept)) == json.loads(StateCodec().dump(fresh)) == json.loads(state)


def test_an_instance_written_outside_the_orm_is_restored_from_its_state(looping: Engine) -> None:
    """A repair by hand (SQL) changes the state without the ORM's version: the comparison is on the JSON."""
    iid = looping.start("loop", "0112038-9", "asiantuntija").id
    looping.complete(open_task(looping, iid), "asiantuntija", STEP)
    with looping.reading() as s:
        before = s.get(Instance, iid).state_json
    with looping.transaction() as s:
        s.execute(update(Instance).where(Instance.id == iid).values(state_json=before + " "))
    info = looping.complete(open_task(looping, iid), "asiantuntija", {**STEP, "amount": 3})
    assert info.data["amount"] == 3


def test_a_loop_of_hundreds_of_rounds_keeps_its_open_task() -> None:
    """SpiffWorkflow stops walking the task tree at depth 1000; a two-element loop passes that after 500
    rounds and its user task could no longer be found (the instance stalled). engine.runtime.treewalk lifts it."""
    import engine.runtime.execution  # noqa: F401 - the module that lifts the limit

    parser = new_parser()
    add_document(parser, etree.fromstring(LOOP.read_bytes()), LOOP.name)
    workflow = BpmnWorkflow(parser.get_spec("loop"), script_engine=RestrictedScriptEngine())
    workflow.do_engine_steps()
    for n in range(600):
        (task,) = [t for t in workflow.get_tasks(state=TaskState.READY) if t.task_spec.manual]
        task.data.update({**STEP, "amount": n})
        task.run()
        workflow.do_engine_steps()
    (task,) = [t for t in workflow.get_tasks(state=TaskState.READY) if t.task_spec.manual]
    assert task.task_spec.bpmn_id == "Task_Step" and task.data["amount"] == 599
    assert new_serializer().to_dict(workflow)   # and the deep tree still serializes


def test_instances_with_long_histories_survive_the_codec_round_trip(looping: Engine) -> None:
    iid = looping.start("loop", "0112038-9", "asiantuntija").id
    for n in range(30):
        looping.complete(open_task(looping, iid), "asiantuntija", {**STEP, "amount": n})
    task = open_task(looping, iid)
    with looping.reading() as s:   # taken out of the cache: the completion restores the instance from JSON
        assert looping.rt.codec.take(iid, s.get(Instance, iid).state_json) is not None
    info = looping.complete(task, "asiantuntija", {**STEP, "done": True, "amount": 30})
    assert [t.element_id for t in info.open_tasks] == ["Task_Aftercare"]
    with looping.reading() as s:
        assert s.scalar(select(Instance.status).where(Instance.id == iid)) == "running"


def _walks(workflow: BpmnWorkflow) -> list[list[str]]:
    """The orders SpiffWorkflow's walks give: every task, and those of each state the engine asks for."""
    return [[str(t.id) for t in workflow.get_tasks(**kw)] for kw in (
        {}, {"state": TaskState.READY}, {"state": TaskState.WAITING}, {"state": TaskState.READY, "manual": True},
        {"state": TaskState.NOT_FINISHED_MASK}, {"state": TaskState.PREDICTED_MASK}, {"skip_subprocesses": True})]


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[2] / "processes").glob("*.bpmn")),
                         ids=lambda p: p.stem)
def test_the_faster_tree_walk_gives_the_original_order(path: Path) -> None:
    """engine.runtime.treewalk replaces SpiffWorkflow's iterator steps; at every step of a run of each library
    process (subprocesses, boundary events, parallel branches) its orders equal the originals'."""
    from engine.demo.seed import autofill
    from engine.runtime import treewalk
    from engine.runtime.forms import form_of

    parser = new_parser()
    add_document(parser, etree.fromstring(path.read_bytes()), path.name)
    workflow = BpmnWorkflow(parser.get_spec(path.stem), parser.get_subprocess_specs(path.stem),
                            script_engine=RestrictedScriptEngine())
    workflow.get_tasks(state=TaskState.READY)[0].data.update(
        {"asiakas": "0112038-9", "asiakas_nimi": "Oy Esimerkki Ab", "vastuuasiantuntija": "asiantuntija"})
    choices = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True, "kanava_ilmoitus": True,
               "kanava_ehdokashaku": True, "ehdokkaita_loytyi": 2}
    steps = 0
    while True:
        workflow.do_engine_steps()
        fast = _walks(workflow)
        treewalk.uninstall()
        try:
            assert _walks(workflow) == fast, f"{path.stem}, step {steps}"
        finally:
            treewalk.install()
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        if not ready or steps > 40:
            break
        ready[0].data.update(autofill(form_of(ready[0].task_spec).as_list(), "2026-11-02", choices))
        ready[0].run()
        steps += 1
    assert steps >= 3


def test_a_dump_leaves_the_spec_out_without_converting_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec is stored once per version: a dump neither holds it nor converts it (SpiffWorkflow's own
    converter turns every task's form into dicts at each dump, most of a dump's cost in our processes)."""
    parser = new_parser()
    add_document(parser, etree.parse(str(LOOP)).getroot(), LOOP.name)
    process_id = next(iter(parser.get_process_ids()))
    codec = StateCodec()
    specs = codec.specs(1, codec.specs_to_json(parser.get_spec(process_id), parser.get_subprocess_specs(process_id)))
    workflow = BpmnWorkflow(*specs, script_engine=RestrictedScriptEngine())
    workflow.do_engine_steps()
    converted: list[object] = []
    convert = codec.serializer.registry.convert
    monkeypatch.setattr(codec.serializer.registry, "convert",
                        lambda obj: converted.append(obj) or convert(obj))
    stored = json.loads(codec.dump(workflow))
    assert not {"spec", "subprocess_specs"} & set(stored) and stored["tasks"]
    assert workflow.spec not in converted
    restored = codec.load(json.dumps(stored), codec.version, specs)
    assert sorted(str(t.id) for t in restored.get_tasks()) == sorted(str(t.id) for t in workflow.get_tasks())
