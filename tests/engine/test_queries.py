"""Read models for the screens, on the test process, against the real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from engine import Engine, ManualClock
from engine.queries import InboxFilter, InstanceFilter, end_of_week

from .test_runtime import GOOD_PROMISE, only_task, start


def test_end_of_week_is_sunday_midnight_in_helsinki() -> None:
    thursday = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert end_of_week(thursday) == datetime(2026, 11, 29, 22, 0, tzinfo=UTC)  # Mon 00:00 EET


def test_inbox_tabs_counts_filters_and_search(kokeilu: Engine, clock: ManualClock) -> None:
    kokeilu.add_customer("0201256-6", name="Toinen Oy")
    first = start(kokeilu)
    other = kokeilu.start("kokeilu", customer="0201256-6", responsible="asiantuntija").id
    kokeilu.complete(only_task(kokeilu, first), "asiantuntija", GOOD_PROMISE)   # now at aftercare (P14D)
    clock.advance(days=15)
    kokeilu.fire_due_timers()        # the escalation goes to the managers' group
    page = kokeilu.inbox_page("asiantuntija", InboxFilter(tab="mine"))
    assert [t.instance_id for t in page.tasks.items] == [other, first]     # soonest due first
    assert page.counts == {"mine": 2, "group": 0, "overdue": 2}
    assert [t.customer_name for t in kokeilu.inbox_page("asiantuntija", InboxFilter(q="toinen")).tasks.items] == [
        "Toinen Oy"]
    assert kokeilu.inbox_page("asiantuntija", InboxFilter(q="0201")).tasks.total == 1
    assert kokeilu.inbox_page("asiantuntija", InboxFilter(q="%")).tasks.total == 0   # no wildcard injection
    manager = kokeilu.inbox_page("esimies", InboxFilter(tab="group"))
    assert [t.element_id for t in manager.tasks.items] == ["eskalointi"] and manager.counts["group"] == 1
    assert kokeilu.inbox_page("asiantuntija", InboxFilter(due="week")).tasks.total == 2
    clock.advance(days=-15)
    assert kokeilu.inbox_page("asiantuntija", InboxFilter(due="overdue")).tasks.total == 0
    paged = kokeilu.inbox_page("asiantuntija", InboxFilter(per_page=1, page=2))
    assert paged.tasks.total == 2 and paged.tasks.pages == 2 and len(paged.tasks.items) == 1


def test_instance_list_filters_sorts_and_exports(kokeilu: Engine, clock: ManualClock) -> None:
    late = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, late), "asiantuntija", GOOD_PROMISE)
    clock.advance(days=3)
    fresh = start(kokeilu)
    clock.advance(days=12)
    everything = kokeilu.instances(InstanceFilter())
    assert [r.id for r in everything.items] == [fresh, late] and everything.total == 2
    assert [r.id for r in kokeilu.instances(InstanceFilter(sort="started", descending=False)).items] == [late, fresh]
    assert [r.id for r in kokeilu.instances(InstanceFilter(overdue_aftercare=True)).items] == [late]
    started = clock() - timedelta(days=12)
    day = started.date()
    assert [r.id for r in kokeilu.instances(InstanceFilter(started_from=day, started_to=day)).items] == [fresh]
    assert kokeilu.instances(InstanceFilter(in_error=True)).total == 0
    assert kokeilu.instances(InstanceFilter(customer="Esimerkki", responsible="asiantuntija")).total == 2
    assert [r.id for r in kokeilu.export_instances(InstanceFilter(overdue_aftercare=True))] == [late]


def test_team_load_per_expert_and_group(kokeilu: Engine, clock: ManualClock) -> None:
    late = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, late), "asiantuntija", GOOD_PROMISE)
    start(kokeilu)
    clock.advance(days=15)
    kokeilu.fire_due_timers()
    people, groups = kokeilu.team()
    assert [(p.name, p.open, p.overdue, p.aftercare) for p in people] == [("asiantuntija", 2, 2, 1)]
    assert [(g.name, g.open, g.overdue) for g in groups] == [("Palveluesimiehet", 1, 0)]


def test_service_path_links_and_aftercare_outcome(kokeilu: Engine) -> None:
    parent = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, parent), "asiantuntija", GOOD_PROMISE)
    kokeilu.complete(only_task(kokeilu, parent), "asiantuntija",
                     {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True, "arvio_tulos": 4})
    customer, path = kokeilu.service_path("0112038-9")
    assert customer.name == "Oy Esimerkki Ab"
    assert [(s.instance.id, s.instance.parent_id, s.children) for s in path] == [
        (parent, None, [parent + 1]), (parent + 1, parent, [])]
    assert path[0].aftercare == {"asiakas_tavoitettu": True, "arvio_tulos": 4, "uudet_palvelutarpeet": True}
    assert path[0].aftercare_done_at is not None and path[1].open_tasks[0].element_id == "lupaus"


def test_processes_lists_newest_versions(kokeilu: Engine) -> None:
    [info] = kokeilu.processes()
    assert (info.process_key, info.version, info.startable) == ("kokeilu", 1, True)
