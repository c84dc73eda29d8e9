"""The `palvelupolku worker` loop's sweep, called directly with the engine's clock moved by hand: timers
fire on every sweep, the daily reminders are built at the first sweep, once an hour after that and at
the first sweep of a new Helsinki day, not every 10 seconds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from engine import Engine, ManualClock
from engine.cli import ReminderSchedule, sweep
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start

SWEEP = timedelta(seconds=10)          # the worker's default --interval


def _sweep(eng: Engine, schedule: ReminderSchedule) -> int:
    return sweep(eng, schedule, worker="test-worker", lease=timedelta(minutes=5), batch=200)


def _reminded(eng: Engine, username: str, task_id: str) -> list[date]:
    """The days on which `username` has an unread reminder of the task."""
    return [n.day for n in eng.notifications(username) if n.item_key == f"task:{task_id}"]


def test_the_worker_builds_reminders_at_start_hourly_and_on_a_new_day_not_every_sweep(
        kokeilu: Engine, clock: ManualClock) -> None:
    instance = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    aftercare = only_task(kokeilu, instance)            # due in 14 days, on 16 March at 09:00 in Helsinki
    clock.set(datetime(2026, 3, 16, 6, 0, tzinfo=UTC))  # 08:00 in Helsinki: the aftercare is due today
    schedule = ReminderSchedule()

    _sweep(kokeilu, schedule)                            # the worker starts: today's reminders at once
    assert _reminded(kokeilu, "asiantuntija", aftercare) == [date(2026, 3, 16)]
    assert len(kokeilu.outbox()) == 1

    # the manager gives the aftercare to another expert; 359 sweeps in the next hour build nothing,
    # or the reminder would have moved with the task
    kokeilu.assign(aftercare, "toinen", "esimies")
    for _ in range(359):
        clock.advance(SWEEP)
        _sweep(kokeilu, schedule)
    assert clock() == datetime(2026, 3, 16, 6, 59, 50, tzinfo=UTC)
    assert _reminded(kokeilu, "toinen", aftercare) == []
    assert _reminded(kokeilu, "asiantuntija", aftercare) == [date(2026, 3, 16)]

    clock.advance(SWEEP)                                 # an hour after the first run: built again
    _sweep(kokeilu, schedule)
    assert _reminded(kokeilu, "toinen", aftercare) == [date(2026, 3, 16)]
    assert _reminded(kokeilu, "asiantuntija", aftercare) == []     # no longer theirs: closed itself
    assert len(kokeilu.outbox()) == 2

    # 23:50 in Helsinki (an hourly run), then the first sweep after midnight runs although the hour
    # is not up, and the UTC date has not changed
    clock.set(datetime(2026, 3, 16, 21, 50, tzinfo=UTC))
    _sweep(kokeilu, schedule)
    clock.set(datetime(2026, 3, 16, 22, 0, 0, tzinfo=UTC))
    _sweep(kokeilu, schedule)
    assert _reminded(kokeilu, "toinen", aftercare) == [date(2026, 3, 17)]
    assert len(kokeilu.outbox()) == 3


def test_the_reminder_schedule() -> None:
    schedule = ReminderSchedule()
    first = datetime(2026, 3, 16, 6, 0, tzinfo=UTC)
    assert schedule.due(first)                                    # never run: at once
    schedule.last = first
    assert not schedule.due(first + SWEEP)
    assert not schedule.due(first + timedelta(minutes=59, seconds=59))
    assert schedule.due(first + timedelta(hours=1))
    schedule.last = datetime(2026, 3, 16, 21, 59, 50, tzinfo=UTC)  # 23:59:50 in Helsinki
    assert schedule.due(datetime(2026, 3, 16, 22, 0, 0, tzinfo=UTC))
    schedule.last = datetime(2026, 3, 16, 23, 59, 50, tzinfo=UTC)  # a new UTC day but the same Helsinki day
    assert not schedule.due(datetime(2026, 3, 17, 0, 0, 0, tzinfo=UTC))
