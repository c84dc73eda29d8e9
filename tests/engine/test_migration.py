"""Moving running instances between versions (engine/runtime/migration.py), on SQLite and PostgreSQL.

Each test deploys a second version of the test process, moves instances that wait at a user task,
a timer, a message catch or inside a sub-process, and runs them to the end on the new version."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engine import Engine, ManualClock, StaleStateError
from engine.models import AuditEvent, Instance, MessageWait, Task, Timer
from engine.runtime.migration import Filter, MigrationRefused, describe
from tests.conftest import DATA
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start
from tests.race import race

AFTERCARE_DONE = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": False, "arvio_tulos": 4}
NEW_FIELD = ('<camunda:formField id="arvio_tulos" label="Arvio tuloksesta" type="long">',
             '<camunda:formField id="palaute" label="Palaute" type="string"/>\n'
             '          <camunda:formField id="arvio_tulos" label="Arvio tuloksesta" type="long">')


def version(eng: Engine, tmp_path: Path, *replacements: tuple[str, str], source: str = "kokeilu.bpmn") -> int:
    text = (DATA / source).read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"v{len(list(tmp_path.glob('v*')))}" / source
    path.parent.mkdir()
    path.write_text(text)
    return eng.deploy(path)[0].version


def rows(eng: Engine, instance_id: int) -> tuple[object, ...]:
    """Everything stored about an instance, to prove a refusal changed nothing."""
    with eng.reading() as s:
        inst = s.get(Instance, instance_id)
        assert inst is not None
        tasks = [tuple(getattr(t, c) for c in ("id", "element_id", "name", "assignee", "status", "due_at",
                                              "candidate_group", "claimed_at"))
                 for t in s.scalars(select(Task).where(Task.instance_id == instance_id).order_by(Task.id))]
        timers = [(t.id, t.element_id, t.due_at, t.status)
                  for t in s.scalars(select(Timer).where(Timer.instance_id == instance_id).order_by(Timer.id))]
        waits = [(w.id, w.element_id, w.message_name)
                 for w in s.scalars(select(MessageWait).where(MessageWait.instance_id == instance_id))]
        events = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.instance_id == instance_id))
        return (inst.state_json, inst.lock_version, inst.definition_version_id, inst.status, tasks, timers, waits,
                events)


def finish(eng: Engine, instance_id: int) -> None:
    task = only_task(eng, instance_id)
    assert eng.task(task).element_id == "jalkihoito"
    info = eng.complete(task, "asiantuntija", AFTERCARE_DONE)
    assert info.status == "completed", info.history[-1]


def test_user_task_moves_keeping_its_row_and_shows_the_new_field(kokeilu: Engine, tmp_path: Path,
                                                                 clock: ManualClock) -> None:
    instance = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    before = kokeilu.instance(instance).open_tasks[0]
    assert [f["id"] for f in kokeilu.task(before.id).form] == ["asiakas_tavoitettu", "uudet_palvelutarpeet",
                                                               "uudet_tarpeet_kuvaus", "arvio_tulos"]
    v2 = version(kokeilu, tmp_path, NEW_FIELD)
    clock.advance(days=2)

    plan = kokeilu.migration_dry_run(instance, v2)
    assert plan.movable, plan.sentence
    assert "jalkihoito" in plan.active
    assert any("changed under it" in note for note in plan.notes), plan.notes
    assert kokeilu.instance(instance).version == 1           # a dry run writes nothing

    kokeilu.migrate_instance(instance, v2, "omistaja")
    info = kokeilu.instance(instance)
    after = info.open_tasks[0]
    assert info.version == v2
    assert (after.id, after.assignee, after.due_at, after.created_at) == (
        before.id, before.assignee, before.due_at, before.created_at)
    assert "palaute" in [f["id"] for f in kokeilu.task(after.id).form]
    entry = info.history[-1]
    assert entry.kind == "migrate" and entry.actor == "omistaja" and "version 1 to version 2" in entry.message
    assert [t["element_id"] for t in info.timers] == ["jalkihoito_myohassa"]   # the boundary timer still waits
    assert info.timers[0]["due_at"] == before.due_at
    kokeilu.complete(after.id, "asiantuntija", {**AFTERCARE_DONE, "palaute": "Hyvä"})
    assert kokeilu.instance(instance).status == "completed"
    assert list(kokeilu.check()) == []


def test_timer_keeps_its_due_time_unless_its_definition_changed(kokeilu: Engine, tmp_path: Path,
                                                               clock: ManualClock) -> None:
    kept, changed = start(kokeilu), start(kokeilu)
    for instance in (kept, changed):
        kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", {**GOOD_PROMISE, "polku": "odotus"})
    due = kokeilu.instance(kept).timers[0]["due_at"]
    v2 = version(kokeilu, tmp_path, NEW_FIELD)
    clock.advance(days=1)
    kokeilu.migrate_instance(kept, v2, "omistaja")
    assert kokeilu.instance(kept).timers[0]["due_at"] == due
    v3 = version(kokeilu, tmp_path, ("<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P7D</bpmn:timeDuration>",
                                     "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P3D</bpmn:timeDuration>"))
    plan = kokeilu.migration_dry_run(changed, v3)
    assert plan.movable and any("computed anew" in n for n in plan.notes), plan.notes
    kokeilu.migrate_instance(changed, v3, "omistaja")
    assert kokeilu.instance(changed).timers[0]["due_at"] == clock() + timedelta(days=3)
    clock.advance(days=3)
    assert kokeilu.fire_due_timers() == 1                     # v3's three days have passed, v2's seven not
    finish(kokeilu, changed)
    clock.advance(days=3)
    assert kokeilu.fire_due_timers() == 1
    finish(kokeilu, kept)
    assert list(kokeilu.check()) == []


def test_message_catch_moves_and_catches_the_message(kokeilu: Engine, tmp_path: Path) -> None:
    instance = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", {**GOOD_PROMISE, "polku": "viesti"})
    assert kokeilu.instance(instance).waiting_for_messages == ["vahvistus"]
    v2 = version(kokeilu, tmp_path, ('name="Vahvistus"', 'name="Vahvistus saatu"'))
    kokeilu.migrate_instance(instance, v2, "omistaja")
    info = kokeilu.instance(instance)
    assert info.version == v2 and info.waiting_for_messages == ["vahvistus"]
    assert kokeilu.send_message("vahvistus", "0112038-9", "asiantuntija") == [instance]
    finish(kokeilu, instance)
    assert list(kokeilu.check()) == []


def test_instance_inside_a_sub_process_moves(people: Engine, tmp_path: Path) -> None:
    people.deploy(DATA / "alaprosessi.bpmn")
    instance = people.start("alaprosessi", customer="0112038-9", responsible="asiantuntija").id
    task = only_task(people, instance)
    v2 = version(people, tmp_path, ('name="Vaihe"', 'name="Vaihe kaksi"'),
                 ('<camunda:formField id="tehty" label="Tehty" type="boolean"/>',
                  '<camunda:formField id="tehty" label="Tehty" type="boolean"/>\n'
                  '            <camunda:formField id="lisatieto" label="Lisätieto" type="string"/>'),
                 source="alaprosessi.bpmn")
    plan = people.migration_dry_run(instance, v2)
    assert plan.movable and plan.active == ["vaihe"], plan.sentence
    people.migrate_instance(instance, v2, "omistaja")
    moved = people.instance(instance).open_tasks[0]
    assert (moved.id, moved.name) == (task, "Vaihe kaksi")
    assert "lisatieto" in [f["id"] for f in people.task(task).form]
    people.complete(task, "asiantuntija", {"tehty": True, "lisatieto": "x"})
    info = people.complete(only_task(people, instance), "asiantuntija",
                           {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": False})
    assert info.status == "completed"
    assert list(people.check()) == []


def test_renamed_element_is_refused_unchanged_then_moves_with_a_mapping(kokeilu: Engine, tmp_path: Path) -> None:
    instance = start(kokeilu)
    task = only_task(kokeilu, instance)
    kokeilu.claim(task, "asiantuntija")
    v2 = version(kokeilu, tmp_path, ('id="lupaus"', 'id="lupaus_annettava"'),
                 ('targetRef="lupaus"', 'targetRef="lupaus_annettava"'), ('sourceRef="lupaus"',
                                                                            'sourceRef="lupaus_annettava"'),
                 ("<bpmn:flowNodeRef>lupaus</bpmn:flowNodeRef>",
                  "<bpmn:flowNodeRef>lupaus_annettava</bpmn:flowNodeRef>"))
    stored = rows(kokeilu, instance)

    plan = kokeilu.migration_dry_run(instance, v2)
    assert not plan.movable and plan.unmapped == ["lupaus"]
    assert "stands at 'Palvelulupaus' (lupaus), which version 2 does not have" in plan.sentence
    with pytest.raises(MigrationRefused, match="map it to an element"):
        kokeilu.migrate_instance(instance, v2, "omistaja")
    report = kokeilu.migrate("kokeilu", 1, v2, "omistaja")
    assert [p.instance_id for p in report.refused] == [instance] and report.moved == []
    assert rows(kokeilu, instance) == stored                   # byte for byte

    wrong_type = kokeilu.migration_dry_run(instance, v2, {"lupaus": "laske"})
    assert "cannot change its type" in wrong_type.sentence
    assert rows(kokeilu, instance) == stored

    with pytest.raises(StaleStateError):
        kokeilu.migrate_instance(instance, v2, "omistaja", {"lupaus": "lupaus_annettava"},
                                 expected_version=plan.lock_version - 1)
    kokeilu.migrate_instance(instance, v2, "omistaja", {"lupaus": "lupaus_annettava"},
                             expected_version=plan.lock_version)
    info = kokeilu.instance(instance)
    assert info.open_tasks[0].element_id == "lupaus_annettava" and info.open_tasks[0].assignee == "asiantuntija"
    assert info.history[-1].data == {"from": 1, "to": 2, "mapping": {"lupaus": "lupaus_annettava"},
                                     "notes": ["'Palvelulupaus' (lupaus) becomes 'Palvelulupaus' (lupaus_annettava)."]}
    kokeilu.complete(info.open_tasks[0].id, "asiantuntija", GOOD_PROMISE)
    finish(kokeilu, instance)
    assert list(kokeilu.check()) == []


def test_moving_back_to_an_older_version_and_ended_instances(kokeilu: Engine, tmp_path: Path) -> None:
    instance, ended = start(kokeilu), start(kokeilu)
    kokeilu.cancel(ended, "esimies", "Asiakas perui.")
    v2 = version(kokeilu, tmp_path, NEW_FIELD)
    kokeilu.migrate_instance(instance, v2, "omistaja")
    kokeilu.migrate_instance(instance, 1, "omistaja")
    assert kokeilu.instance(instance).version == 1
    assert "only running instances move" in kokeilu.migration_dry_run(ended, v2).sentence
    assert "already runs on version 1" in kokeilu.migration_dry_run(instance, 1).sentence


def test_batch_filters_by_waiting_element_customer_and_responsible(kokeilu: Engine, tmp_path: Path) -> None:
    kokeilu.add_customer("2617416-4", name="Toinen Oy")
    at_promise = start(kokeilu)
    at_aftercare = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, at_aftercare), "asiantuntija", GOOD_PROMISE)
    other = kokeilu.start("kokeilu", customer="2617416-4", responsible="toinen").id
    v2 = version(kokeilu, tmp_path, NEW_FIELD)
    dry = kokeilu.migrate("kokeilu", 1, v2, "omistaja", where=Filter(element="jalkihoito"), dry_run=True)
    assert [p.instance_id for p in dry.moved] == [at_aftercare] and kokeilu.instance(at_aftercare).version == 1
    assert [p.instance_id for p in kokeilu.migrate("kokeilu", 1, v2, "o", where=Filter(customer="2617416-4")).moved] \
        == [other]
    assert [p.instance_id for p in kokeilu.migrate("kokeilu", 1, v2, "o", where=Filter(responsible="asiantuntija"),
                                                   ).moved] == [at_promise, at_aftercare]
    assert kokeilu.running_on_older_versions("kokeilu") == {}


def test_batch_of_instances_with_racing_completions_loses_nothing(kokeilu: Engine, tmp_path: Path) -> None:
    count = int(os.environ.get("PALVELUPOLKU_MIGRATION_COUNT", "1000"))
    instances = [start(kokeilu) for _ in range(count)]
    tasks = {instance: only_task(kokeilu, instance) for instance in instances}
    v2 = version(kokeilu, tmp_path, NEW_FIELD)
    racing = instances[::10]
    assert kokeilu.running_on_older_versions("kokeilu") == {1: count}

    def attempt(worker: int, index: int) -> str:
        if worker == 0:           # the owner's batch, while an expert completes tasks from the other end
            if index:
                return "skipped"
            report = kokeilu.migrate("kokeilu", 1, v2, "omistaja")
            assert report.refused == [], [p.sentence for p in report.refused[:3]]
            return f"moved {len(report.moved)}"
        kokeilu.complete(tasks[racing[-1 - index]], "asiantuntija", GOOD_PROMISE)
        return "completed"

    result = race(2, range(len(racing)), attempt)
    assert result.unexpected == [], result.unexpected[:3]
    assert result.outcomes[f"moved {count}"] == 1
    completed = result.outcomes["completed"]
    assert completed + len(result.refusals) == len(racing) and result.silent == []
    with kokeilu.reading() as s:
        versions = dict(s.execute(select(Instance.definition_version_id, func.count()).group_by(
            Instance.definition_version_id)).tuples().all())
        completions = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "complete"))
        migrations = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "migrate"))
    assert versions == {2: count} and migrations == count      # every instance moved exactly once
    assert completions == completed                             # every acknowledged completion kept, once
    for instance in racing:
        info = kokeilu.instance(instance)
        done = tasks[instance] not in [t.id for t in info.open_tasks]
        assert [t.element_id for t in info.open_tasks] == (["jalkihoito"] if done else ["lupaus"])
    assert sum(tasks[i] not in [t.id for t in kokeilu.instance(i).open_tasks] for i in racing) == completed
    assert list(kokeilu.check()) == []


WITHOUT_LASKE = (('<bpmn:sequenceFlow id="f_lupaus" sourceRef="lupaus" targetRef="laske"/>',
                  '<bpmn:sequenceFlow id="f_lupaus" sourceRef="lupaus" targetRef="valinta"/>'),
                 ('<bpmn:scriptTask id="laske" name="Laske" scriptFormat="python">\n'
                  "      <bpmn:script>kierros = 1\nviesti = 'ok' if lupaus_annettu else 'ei'</bpmn:script>\n"
                  "    </bpmn:scriptTask>\n", ""),
                 ('<bpmn:sequenceFlow id="f_laske" sourceRef="laske" targetRef="valinta"/>', ""),
                 ("<bpmn:flowNodeRef>laske</bpmn:flowNodeRef>", ""))


def test_a_passed_element_removed_in_the_new_version_needs_no_mapping(kokeilu: Engine, tmp_path: Path) -> None:
    waiting, at_promise = start(kokeilu), start(kokeilu)
    kokeilu.complete(only_task(kokeilu, waiting), "asiantuntija", GOOD_PROMISE)
    v2 = version(kokeilu, tmp_path, *WITHOUT_LASKE)

    plan = kokeilu.migration_dry_run(waiting, v2)
    assert plan.movable and plan.unmapped == [], plan.sentence
    (note,) = [note for note in plan.notes if "already passed" in note]
    assert describe(note) == ("migrate.passed_dropped", {"element": "'Laske' (laske)", "version": str(v2)})
    kokeilu.migrate_instance(waiting, v2, "omistaja")
    info = kokeilu.instance(waiting)
    assert info.version == v2 and [t.element_id for t in info.open_tasks] == ["jalkihoito"]
    assert any(entry.kind == "migrate" for entry in info.history)
    finish(kokeilu, waiting)
    assert kokeilu.instance(waiting).status == "completed"

    # not yet passed: it moves, and then runs v2's path, without the script
    kokeilu.migrate_instance(at_promise, v2, "omistaja")
    kokeilu.complete(only_task(kokeilu, at_promise), "asiantuntija", GOOD_PROMISE)
    finish(kokeilu, at_promise)
    assert list(kokeilu.check()) == []


def test_the_element_just_before_where_it_stands_removed_is_still_refused(kokeilu: Engine, tmp_path: Path) -> None:
    """v2 starts at another start event: the new version reaches the promise task differently (the task's
    data came from the element before it), so that element needs a mapping; a join further up does not."""
    instance = start(kokeilu)
    v2 = version(kokeilu, tmp_path, ('<bpmn:startEvent id="alku" name="Alku"/>',
                                     '<bpmn:startEvent id="aloitus" name="Alku"/>'),
                 ('sourceRef="alku"', 'sourceRef="aloitus"'),
                 ("<bpmn:flowNodeRef>alku</bpmn:flowNodeRef>", "<bpmn:flowNodeRef>aloitus</bpmn:flowNodeRef>"))
    stored = rows(kokeilu, instance)
    plan = kokeilu.migration_dry_run(instance, v2)
    assert not plan.movable, plan.sentence
    assert "reaches differently" in plan.sentence
    assert rows(kokeilu, instance) == stored
    kokeilu.migrate_instance(instance, v2, "omistaja", {"alku": "aloitus"})
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)

    v3 = version(kokeilu, tmp_path, ('<bpmn:startEvent id="alku" name="Alku"/>',
                                     '<bpmn:startEvent id="aloitus" name="Alku"/>'),
                 ('sourceRef="alku"', 'sourceRef="aloitus"'),
                 ("<bpmn:flowNodeRef>alku</bpmn:flowNodeRef>", "<bpmn:flowNodeRef>aloitus</bpmn:flowNodeRef>"),
                 ('targetRef="yhdista"', 'targetRef="jalkihoito"'), ('<bpmn:exclusiveGateway id="yhdista"/>', ""),
                 ('<bpmn:sequenceFlow id="f_yhdista" sourceRef="yhdista" targetRef="jalkihoito"/>', ""),
                 ("<bpmn:flowNodeRef>yhdista</bpmn:flowNodeRef>", ""))
    plan = kokeilu.migration_dry_run(instance, v3)      # the boundary split, not the task, came from the join
    assert plan.movable and any("already passed 'yhdista'" in note for note in plan.notes), plan.sentence
    kokeilu.migrate_instance(instance, v3, "omistaja")
    finish(kokeilu, instance)
    assert list(kokeilu.check()) == []
