"""The engine end to end on the test process `kokeilu` (tests/engine/data/kokeilu.bpmn).

Runs on SQLite and, with PALVELUPOLKU_TEST_POSTGRES_URL, on PostgreSQL (see conftest.db_url).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine import (
    Engine,
    FormValidationError,
    ManualClock,
    NotFound,
    PermissionDenied,
    StaleStateError,
    TaskNotOpen,
    ValidationError,
)
from engine.models import AuditEvent, Instance, Task, Timer
from tests.conftest import DATA

GOOD_PROMISE = {"lupaus_annettu": True, "lupaus_pvm": "2026-03-02", "kanava": "puhelin",
                "yhteyshenkilo": "Maija Meikäläinen", "tyontekijat": 12, "polku": "suora"}


def start(eng: Engine, **data: object) -> int:
    return eng.start("kokeilu", customer="0112038-9", responsible="asiantuntija", data=data or None).id


def only_task(eng: Engine, instance_id: int) -> str:
    tasks = eng.instance(instance_id).open_tasks
    assert len(tasks) == 1, [t.element_id for t in tasks]
    return tasks[0].id


def audit_count(eng: Engine, instance_id: int) -> int:
    with eng.reading() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.instance_id == instance_id, AuditEvent.kind != "task_create"))   # the history leaves it out


# --- deploy and versions -------------------------------------------------------------------------

def test_same_content_is_same_version_and_changed_content_a_new_one(kokeilu: Engine, tmp_path) -> None:
    again = kokeilu.deploy(DATA / "kokeilu.bpmn")
    assert [(d.process_key, d.version, d.created) for d in again] == [("kokeilu", 1, False)]
    old = start(kokeilu)
    changed = tmp_path / "kokeilu.bpmn"
    changed.write_text((DATA / "kokeilu.bpmn").read_text().replace('name="Palvelulupaus"', 'name="Lupaus v2"'))
    assert [(d.version, d.created) for d in kokeilu.deploy(changed)] == [(2, True)]
    new = start(kokeilu)
    assert kokeilu.instance(old).version == 1
    assert kokeilu.instance(new).version == 2
    assert kokeilu.instance(old).open_tasks[0].name == "Palvelulupaus"
    assert kokeilu.instance(new).open_tasks[0].name == "Lupaus v2"
    # the old instance keeps running on version 1
    info = kokeilu.complete(only_task(kokeilu, old), "asiantuntija", GOOD_PROMISE)
    assert info.version == 1 and info.open_tasks[0].element_id == "jalkihoito"


def test_starting_unknown_process_customer_or_user_is_refused(kokeilu: Engine) -> None:
    with pytest.raises(NotFound, match="No process 'eioo'"):
        kokeilu.start("eioo", customer="0112038-9", responsible="asiantuntija")
    with pytest.raises(NotFound, match="Business ID"):
        kokeilu.start("kokeilu", customer="1234567-1", responsible="asiantuntija")
    with pytest.raises(NotFound, match="No active user"):
        kokeilu.start("kokeilu", customer="0112038-9", responsible="nobody")
    with pytest.raises(ValidationError, match="underscore"):
        kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija", data={"_x": 1})


# --- task rows ------------------------------------------------------------------------------------

def test_start_creates_task_row_with_group_assignee_and_due(kokeilu: Engine, clock: ManualClock) -> None:
    info = kokeilu.instance(start(kokeilu))
    assert info.status == "running" and info.customer_name == "Oy Esimerkki Ab"
    task = info.open_tasks[0]
    assert (task.element_id, task.name, task.candidate_group, task.assignee) == (
        "lupaus", "Palvelulupaus", "TE-asiantuntijat", "asiantuntija")
    assert task.due_at == clock() + timedelta(days=7)
    assert info.data["vastuuasiantuntija"] == "asiantuntija" and info.data["asiakas"] == "0112038-9"
    assert [h.kind for h in info.history] == ["start"]


def test_inbox_lists_own_tasks_soonest_due_first(kokeilu: Engine, clock: ManualClock) -> None:
    first = start(kokeilu)
    clock.advance(days=1)
    second = start(kokeilu)
    inbox = kokeilu.inbox("asiantuntija")
    assert [t.instance_id for t in inbox] == [first, second]
    assert inbox[0].customer_name == "Oy Esimerkki Ab"
    assert kokeilu.inbox("toinen") == []  # assigned to the responsible expert, not the whole group


def test_group_task_is_offered_to_the_lane_and_claimed_once(kokeilu: Engine, clock: ManualClock) -> None:
    instance = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    clock.advance(days=15)
    assert kokeilu.fire_due_timers() == 1  # aftercare overdue: escalated to the managers' lane
    escalation = next(t for t in kokeilu.instance(instance).open_tasks if t.element_id == "eskalointi")
    assert escalation.candidate_group == "Palveluesimiehet" and escalation.assignee is None
    assert [t.id for t in kokeilu.inbox("esimies")] == [escalation.id]
    with pytest.raises(PermissionDenied):
        kokeilu.claim(escalation.id, "asiantuntija")
    assert kokeilu.claim(escalation.id, "esimies").assignee == "esimies"
    kokeilu.add_user("esimies2", roles=["manager"], groups=["Palveluesimiehet"])
    with pytest.raises(TaskNotOpen, match="already claimed by esimies"):
        kokeilu.claim(escalation.id, "esimies2")


def test_other_users_cannot_complete(kokeilu: Engine) -> None:
    task = only_task(kokeilu, start(kokeilu))
    with pytest.raises(PermissionDenied, match="belongs to asiantuntija"):
        kokeilu.complete(task, "toinen", GOOD_PROMISE)


# --- forms ------------------------------------------------------------------------------------------

def test_form_error_lists_every_bad_field_and_changes_nothing(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    task = only_task(kokeilu, instance)
    before = kokeilu.instance(instance)
    bad = {"lupaus_pvm": "31.2.2026", "kanava": "kirje", "yhteyshenkilo": "M", "tyontekijat": "paljon",
           "polku": "suora", "ylimaarainen": 1}
    with pytest.raises(FormValidationError) as caught:
        kokeilu.complete(task, "asiantuntija", bad)
    assert set(caught.value.field_errors) == {"lupaus_annettu", "lupaus_pvm", "kanava", "yhteyshenkilo",
                                              "tyontekijat", "ylimaarainen"}
    assert "required" in caught.value.field_errors["lupaus_annettu"]
    assert "at least 2" in caught.value.field_errors["yhteyshenkilo"]
    after = kokeilu.instance(instance)
    assert after.lock_version == before.lock_version
    assert [t.id for t in after.open_tasks] == [task]
    assert audit_count(kokeilu, instance) == len(before.history)


def test_form_bounds_and_string_inputs(kokeilu: Engine) -> None:
    task = only_task(kokeilu, start(kokeilu))
    with pytest.raises(FormValidationError) as caught:
        kokeilu.complete(task, "asiantuntija", {**GOOD_PROMISE, "tyontekijat": "501", "lupaus_annettu": "maybe"})
    assert caught.value.field_errors == {"tyontekijat": "Työntekijöitä must be at most 500.",
                                         "lupaus_annettu": "Palvelulupaus annettu must be yes or no."}
    # HTML forms send strings: accepted and typed
    info = kokeilu.complete(task, "asiantuntija", {**GOOD_PROMISE, "tyontekijat": "42", "lupaus_annettu": "on"})
    assert info.data["tyontekijat"] == 42 and info.data["lupaus_annettu"] is True
    assert info.data["viesti"] == "ok" and info.data["kierros"] == 1  # the script task ran


# --- optimistic locking -----------------------------------------------------------------------------

def test_stale_completion_is_refused_and_changes_nothing(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    task = only_task(kokeilu, instance)
    seen = kokeilu.instance(instance).lock_version
    kokeilu.hand_over(instance, "toinen", "esimies", "Asiakkaalle kerrottu puhelimessa.")
    with pytest.raises(StaleStateError, match="changed since you loaded it"):
        kokeilu.complete(task, "toinen", GOOD_PROMISE, expected_version=seen)
    info = kokeilu.instance(instance)
    assert [t.id for t in info.open_tasks] == [task] and info.open_tasks[0].status == "open"
    assert "complete" not in [h.kind for h in info.history]


def test_write_from_stale_read_fails_at_the_database(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    with kokeilu.transaction() as s:
        stale = s.get(Instance, instance)
        s.expunge(stale)
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    with pytest.raises(StaleStateError):
        with kokeilu.transaction() as s:
            stale = s.merge(stale, load=False)
            stale.state_json = "{}"
    assert kokeilu.instance(instance).open_tasks[0].element_id == "jalkihoito"


def test_completed_task_cannot_be_completed_again(kokeilu: Engine) -> None:
    task = only_task(kokeilu, start(kokeilu))
    kokeilu.complete(task, "asiantuntija", GOOD_PROMISE)
    with pytest.raises(TaskNotOpen, match="already completed by asiantuntija"):
        kokeilu.complete(task, "asiantuntija", GOOD_PROMISE)


# --- timers ----------------------------------------------------------------------------------------

def test_timer_fires_once_when_tick_runs_twice(kokeilu: Engine, clock: ManualClock) -> None:
    instance = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", {**GOOD_PROMISE, "polku": "odotus"})
    info = kokeilu.instance(instance)
    assert info.open_tasks == [] and [t["element_id"] for t in info.timers] == ["odota"]
    assert info.timers[0]["due_at"] == clock() + timedelta(days=7)
    clock.advance(days=6, hours=23)
    assert kokeilu.fire_due_timers() == 0
    clock.advance(hours=1)
    assert kokeilu.fire_due_timers() == 1
    assert kokeilu.fire_due_timers() == 0
    info = kokeilu.instance(instance)
    assert [t.element_id for t in info.open_tasks] == ["jalkihoito"]
    assert [h.kind for h in info.history].count("timer_fired") == 1
    with kokeilu.reading() as s:
        assert s.scalar(select(Timer.status).where(Timer.element_id == "odota")) == "fired"


def test_overdue_aftercare_escalates_but_stays_open(kokeilu: Engine, clock: ManualClock) -> None:
    instance = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    aftercare = kokeilu.instance(instance).open_tasks[0]
    assert aftercare.is_aftercare and aftercare.due_at == clock() + timedelta(days=14)
    assert kokeilu.fire_due_timers(now=clock() + timedelta(days=14)) == 1
    assert sorted(t.element_id for t in kokeilu.instance(instance).open_tasks) == ["eskalointi", "jalkihoito"]


# --- messages ---------------------------------------------------------------------------------------

def test_new_needs_start_a_linked_needs_assessment(kokeilu: Engine) -> None:
    parent = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, parent), "asiantuntija", GOOD_PROMISE)
    aftercare = only_task(kokeilu, parent)
    done = kokeilu.complete(aftercare, "asiantuntija", {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True,
                                                        "uudet_tarpeet_kuvaus": "Rekrytointi", "arvio_tulos": 5})
    assert done.status == "completed" and len(done.children) == 1
    child = kokeilu.instance(done.children[0])
    assert (child.parent_id, child.customer_business_id, child.responsible, child.status) == (
        parent, "0112038-9", "asiantuntija", "running")
    assert child.data["uudet_tarpeet_kuvaus"] == "Rekrytointi"
    assert [t.element_id for t in child.open_tasks] == ["lupaus"]
    assert "by message 'uusi_palvelutarve'" in child.history[0].message
    with kokeilu.reading() as s:
        assert s.get(Instance, parent).aftercare_completed_at is not None


def test_no_new_needs_ends_without_a_child(kokeilu: Engine) -> None:
    parent = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, parent), "asiantuntija", GOOD_PROMISE)
    done = kokeilu.complete(only_task(kokeilu, parent), "asiantuntija", {"asiakas_tavoitettu": True})
    assert done.status == "completed" and done.children == [] and done.ended_at is not None
    assert done.history is None                       # a completion's answer leaves the history out
    assert kokeilu.instance(parent).history[-1].kind == "end"


def test_message_reaches_the_waiting_instance_of_the_same_customer(kokeilu: Engine) -> None:
    kokeilu.add_customer("0201256-6", name="Toinen Oy")
    waiting = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, waiting), "asiantuntija", {**GOOD_PROMISE, "polku": "viesti"})
    assert kokeilu.instance(waiting).waiting_for_messages == ["vahvistus"]
    with pytest.raises(NotFound, match="Nothing catches message 'vahvistus' for Toinen Oy"):
        kokeilu.send_message("vahvistus", "0201256-6", "asiantuntija")
    assert kokeilu.send_message("vahvistus", "0112038-9", "asiantuntija", {"vahvistettu": True}) == [waiting]
    info = kokeilu.instance(waiting)
    assert [t.element_id for t in info.open_tasks] == ["jalkihoito"] and info.data["vahvistettu"] is True
    assert info.waiting_for_messages == []


# --- manager actions -------------------------------------------------------------------------------

def test_hand_over_moves_open_and_future_tasks(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    with pytest.raises(ValidationError, match="note"):
        kokeilu.hand_over(instance, "toinen", "esimies", " ")
    info = kokeilu.hand_over(instance, "toinen", "esimies", "Kerrottu asiakkaalle 2.3.")
    assert info.responsible == "toinen" and info.open_tasks[0].assignee == "toinen"
    info = kokeilu.complete(info.open_tasks[0].id, "toinen", GOOD_PROMISE)
    assert info.open_tasks[0].element_id == "jalkihoito" and info.open_tasks[0].assignee == "toinen"


def test_cancel_needs_a_reason_and_closes_tasks(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    with pytest.raises(ValidationError):
        kokeilu.cancel(instance, "esimies", "")
    info = kokeilu.cancel(instance, "esimies", "Asiakas perui palvelun.")
    assert info.status == "cancelled" and info.open_tasks == []
    with kokeilu.reading() as s:
        assert s.scalar(select(Task.status).where(Task.instance_id == instance)) == "cancelled"


def test_date_timer_fires_at_its_moment(people: Engine, clock: ManualClock, tmp_path) -> None:
    dated = tmp_path / "kokeilu.bpmn"
    dated.write_text((DATA / "kokeilu.bpmn").read_text().replace(
        '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P7D</bpmn:timeDuration>',
        '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">2026-03-10T09:00:00+02:00</bpmn:timeDate>'))
    people.deploy(dated)
    instance = start(people)
    people.complete(only_task(people, instance), "asiantuntija", {**GOOD_PROMISE, "polku": "odotus"})
    due = people.instance(instance).timers[0]["due_at"]
    assert due.isoformat() == "2026-03-10T07:00:00+00:00"
    assert people.fire_due_timers(now=due - timedelta(seconds=1)) == 0
    assert people.fire_due_timers(now=due) == 1
    assert [t.element_id for t in people.instance(instance).open_tasks] == ["jalkihoito"]


def test_a_date_without_zone_means_helsinki_time(people: Engine, tmp_path) -> None:
    dated = tmp_path / "kokeilu.bpmn"
    dated.write_text((DATA / "kokeilu.bpmn").read_text().replace(
        '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P7D</bpmn:timeDuration>',
        '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">"2026-07-01"</bpmn:timeDate>'))
    people.deploy(dated)
    instance = start(people)
    people.complete(only_task(people, instance), "asiantuntija", {**GOOD_PROMISE, "polku": "odotus"})
    assert people.instance(instance).timers[0]["due_at"].isoformat() == "2026-06-30T21:00:00+00:00"  # EEST
