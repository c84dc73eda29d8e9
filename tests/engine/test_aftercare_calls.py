"""One aftercare call per customer (issue 18): two services of one customer ending in the same week make
one call, worked on one form; each service's answers are recorded on its own instance. SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from engine import Engine, ManualClock, ValidationError
from engine.clock import HELSINKI
from engine.demo.seed import DEMO_USERS, autofill, drive
from tests.conftest import ROOT

BID = "0112038-9"
OTHER = "2331972-7"


@pytest.fixture
def office(eng: Engine) -> Engine:
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, display_name=name)
    eng.add_customer(BID, name="Oy Esimerkki Ab")
    eng.add_customer(OTHER, name="Toinen Oy")
    eng.deploy(ROOT / "processes")
    return eng


def to_aftercare(eng: Engine, clock: ManualClock, process: str, customer: str = BID) -> int:
    iid = eng.start(process, customer=customer, responsible="asiantuntija").id
    drive(eng, clock, iid, until=lambda t: t.is_aftercare, days_per_task=0.5)
    return iid


def test_two_services_ending_in_the_same_week_make_one_call(office: Engine, clock: ManualClock) -> None:
    recruitment = to_aftercare(office, clock, "rekrytointipalvelut")
    clock.set(clock() + timedelta(days=2))
    training = to_aftercare(office, clock, "kehittamispalvelut")
    to_aftercare(office, clock, "rekrytointipalvelut", customer=OTHER)   # another customer: a call of its own
    calls = office.aftercare_calls("asiantuntija")
    assert sorted(c.services for c in calls) == [1, 2]
    (call,) = [c for c in calls if c.services == 2]
    tasks = office.aftercare_call(call.task_ids[1], "asiantuntija")
    assert [t.id for t in tasks] == call.task_ids and {t.instance_id for t in tasks} == {recruitment, training}
    today = clock().astimezone(HELSINKI).date().isoformat()
    answers = {recruitment: 5, training: 2}
    sections = {t.id: autofill(t.form, today, {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True,
                                               "arvio_tulos": answers[t.instance_id]}) for t in tasks}
    office.complete_call(call.task_ids[0], "asiantuntija", sections)
    for iid, score in answers.items():
        with office.reading() as s:
            recorded = [r[0] for r in s.execute(text(
                "SELECT e.data FROM audit_events e JOIN tasks t ON t.id = e.task_id WHERE e.instance_id = :i "
                "AND e.kind = 'complete' AND t.is_aftercare = :t"), {"i": iid, "t": True}).all()]
        assert len(recorded) == 1 and f'"arvio_tulos": {score}' in str(recorded[0]).replace("'", '"')
    assert [c.services for c in office.aftercare_calls("asiantuntija")] == [1]


def test_a_call_is_completed_whole_or_not_at_all(office: Engine, clock: ManualClock) -> None:
    to_aftercare(office, clock, "rekrytointipalvelut")
    to_aftercare(office, clock, "kehittamispalvelut")
    (call,) = office.aftercare_calls("asiantuntija")
    tasks = office.aftercare_call(call.task_ids[0], "asiantuntija")
    today = clock().astimezone(HELSINKI).date().isoformat()
    good = autofill(tasks[0].form, today, {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True})
    bad = autofill(tasks[1].form, today, {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True,
                                          "arvio_tulos": None})
    with pytest.raises(ValidationError):
        office.complete_call(call.task_ids[0], "asiantuntija", {tasks[0].id: good, tasks[1].id: bad})
    with pytest.raises(ValidationError):
        office.complete_call(call.task_ids[0], "asiantuntija", {tasks[0].id: good})
    assert [c.services for c in office.aftercare_calls("asiantuntija")] == [2]


def test_services_ending_weeks_apart_are_separate_calls(office: Engine, clock: ManualClock) -> None:
    to_aftercare(office, clock, "rekrytointipalvelut")
    clock.set(clock() + timedelta(days=20))
    to_aftercare(office, clock, "kehittamispalvelut")
    assert sorted(c.services for c in office.aftercare_calls("asiantuntija")) == [1, 1]


def test_the_inbox_shows_a_call_as_one_row(office: Engine, clock: ManualClock) -> None:
    from engine.runtime.queries import InboxFilter

    recruitment = to_aftercare(office, clock, "rekrytointipalvelut")
    clock.set(clock() + timedelta(days=2))
    training = to_aftercare(office, clock, "kehittamispalvelut")
    other = to_aftercare(office, clock, "rekrytointipalvelut", customer=OTHER)
    (call,) = [c for c in office.aftercare_calls("asiantuntija") if c.services == 2]
    page = office.inbox_page("asiantuntija", InboxFilter(tab="mine"))
    rows = [t for t in page.tasks.items if t.is_aftercare]
    # one row for the two services of the customer, one for the other customer's call
    assert sorted(t.instance_id for t in rows) in (sorted([recruitment, other]), sorted([training, other]))
    (folded,) = [t for t in rows if t.id in page.joined]
    assert sorted(page.joined[folded.id]) == sorted(call.task_ids) and page.joined[folded.id][0] == folded.id
    assert page.counts["mine"] >= 3     # the counts still count tasks: each service keeps its own
