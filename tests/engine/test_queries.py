"""Read models for the screens, on the test process, against the real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from engine import Engine, ManualClock
from engine.runtime.queries import InboxFilter, InstanceFilter, end_of_week
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start


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


def test_a_searched_inbox_reads_only_its_filtered_counts_and_its_total_is_its_tabs_count(
        kokeilu: Engine) -> None:
    """With a search the page's counts are the filtered ones and its total is the tab's count; the
    unfiltered counts (the whole inbox's, the costliest reads at size) are not read and thrown away."""
    from sqlalchemy import event

    kokeilu.add_customer("0201256-6", name="Toinen Oy")
    kokeilu.add_user("ryhmassa", roles=["expert"], groups=["TE-asiantuntijat"])
    start(kokeilu)
    kokeilu.start("kokeilu", customer="0201256-6", responsible="asiantuntija")
    seen: list[str] = []

    def capture(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(kokeilu._reader, "before_cursor_execute", capture)
    try:
        pages = {tab: kokeilu.inbox_page(user, InboxFilter(tab=tab, q="toinen"))
                 for user in ("asiantuntija",) for tab in ("mine", "group", "all")}
    finally:
        event.remove(kokeilu._reader, "before_cursor_execute", capture)
    for tab, found in pages.items():
        assert found.tasks.total == {"mine": found.counts["mine"], "group": found.counts["group"]}.get(
            tab, found.counts["mine"] + found.counts["group"]), tab
        assert {t.customer_name for t in found.tasks.items} <= {"Toinen Oy"}
    assert pages["mine"].tasks.total == 1 and pages["all"].counts == {"mine": 1, "group": 0, "overdue": 0}
    counts = [sql for sql in seen if "count(" in sql]
    assert len(counts) == 3 and all("customer_id IN" in sql for sql in counts), counts   # one per page


def test_an_inbox_page_reads_in_a_few_statements_whatever_the_groups(kokeilu: Engine) -> None:
    """Issue 15: each statement is a round trip and the ORM's work on it, the larger part of a page at size
    on PostgreSQL. The user with their groups, every scope's count, and the page (every scope's first
    rows merged, with the companies' names) are one statement each, however many groups (16 statements
    here before); a search looks up its companies, then counts and reads its page in one (7 before)."""
    from sqlalchemy import event

    kokeilu.add_user("monessa", roles=["expert"], groups=["TE-asiantuntijat", "Palveluesimiehet", "Kolmas"])
    start(kokeilu)
    kokeilu.start("kokeilu", customer="0112038-9", responsible="monessa")
    seen: list[str] = []

    def capture(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(" ".join(statement.split()))

    event.listen(kokeilu._reader, "before_cursor_execute", capture)
    try:
        plain = kokeilu.inbox_page("monessa", InboxFilter(tab="all"))
        plain_reads, seen[:] = list(seen), []
        searched = kokeilu.inbox_page("monessa", InboxFilter(tab="all", q="esimerkki"))
    finally:
        event.remove(kokeilu._reader, "before_cursor_execute", capture)
    assert plain.tasks.total == searched.tasks.total == 1 and plain.counts == searched.counts
    assert len(plain_reads) == 3, plain_reads       # user, counts, the page's rows with their companies' names
    assert len(seen) == 3, seen                     # user, companies, counts with the page's rows and names


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


# --- the inbox at scale: merged index ranges must give exactly the order of one sorted query ---------

def _scattered_tasks(eng: Engine, clock: ManualClock, count: int = 90) -> None:
    """Open tasks of every kind of owner, due date and company, written as rows (the order is the point)."""
    import random
    import uuid

    from sqlalchemy import insert

    from engine.models import Customer, Task

    eng.add_customer("0201256-6", name="Toinen Oy")
    eng.add_customer("1572860-0", name="Kolmas Ky")
    instance_id = start(eng)
    rnd = random.Random(7)
    with eng.transaction() as s:
        customers = [c.id for c in s.query(Customer)]
        now = clock()
        s.execute(insert(Task), [{
            "id": str(uuid.UUID(int=rnd.getrandbits(128))), "instance_id": instance_id,
            "customer_id": rnd.choice(customers), "process_key": rnd.choice(["kokeilu", "muu"]), "element_id": "x",
            "name": f"t{n}", "candidate_group": rnd.choice(["TE-asiantuntijat", "Palveluesimiehet", None]),
            "assignee": rnd.choice(["asiantuntija", "toinen", None, None]), "is_aftercare": False, "status": "open",
            # ties on purpose: equal due dates and creation times fall back to the next key
            "due_at": None if n % 4 == 0 else now + timedelta(days=rnd.randrange(-5, 5)),
            "created_at": now - timedelta(hours=rnd.randrange(0, 3))} for n in range(count)])


def _expected(eng: Engine, username: str, tab: str, match: str = "") -> list[str]:
    from engine.models import Customer, Task

    with eng.reading() as s:
        user = eng.user(username)
        rows = s.query(Task, Customer).join(Customer, Customer.id == Task.customer_id).filter(Task.status == "open")
        kept = []
        for t, c in rows:
            mine = t.assignee == username
            group = t.assignee is None and t.candidate_group in user.group_names
            if {"mine": mine, "group": group}.get(tab, mine or group) and (
                    match.lower() in c.name.lower() or c.business_id.startswith(match)):
                kept.append(t)
    kept.sort(key=lambda t: (t.due_at is None, t.due_at or t.created_at, t.created_at, t.id))
    return [t.id for t in kept]


def _paged(eng: Engine, username: str, f: InboxFilter) -> tuple[list[str], set[int]]:
    ids, totals, page = [], set(), 1
    while True:
        got = eng.inbox_page(username, InboxFilter(**{**f.__dict__, "page": page, "per_page": 7})).tasks
        totals.add(got.total)
        ids += [t.id for t in got.items]
        if page >= got.pages:
            return ids, totals
        page += 1


def test_inbox_pages_follow_one_order_across_own_and_group_tasks(kokeilu: Engine, clock: ManualClock,
                                                                 monkeypatch) -> None:
    from engine.runtime import queries

    _scattered_tasks(kokeilu, clock)
    for username in ("asiantuntija", "esimies"):
        for tab in ("mine", "group", "all"):
            expected = _expected(kokeilu, username, tab)
            assert _paged(kokeilu, username, InboxFilter(tab=tab)) == (expected, {len(expected)}), (username, tab)
        for term in ("toinen", "0112", "Oy"):       # few companies: read by company; then as if many matched
            expected = _expected(kokeilu, username, "all", term)
            assert _paged(kokeilu, username, InboxFilter(q=term, tab="all")) == (expected, {len(expected)})
            monkeypatch.setattr(queries, "MAX_MATCHED_CUSTOMERS", 1)
            assert _paged(kokeilu, username, InboxFilter(q=term, tab="all")) == (expected, {len(expected)})
            monkeypatch.undo()
    assert [t.id for t in kokeilu.inbox("asiantuntija", limit=10, offset=5)] == _expected(
        kokeilu, "asiantuntija", "all")[5:15]


def test_instance_list_counts_up_to_a_cap(kokeilu: Engine, monkeypatch) -> None:
    from engine.runtime import queries

    ids = [start(kokeilu) for _ in range(7)]
    monkeypatch.setattr(queries, "COUNT_CAP", 4)
    first = kokeilu.instances(InstanceFilter(per_page=2))
    assert (first.total, first.capped, [r.id for r in first.items]) == (4, True, ids[::-1][:2])
    last = kokeilu.instances(InstanceFilter(per_page=2, page=4))   # a short last page knows the exact count
    assert (last.total, last.capped, [r.id for r in last.items]) == (7, False, [ids[0]])
    beyond = kokeilu.instances(InstanceFilter(per_page=2, page=9))
    assert (beyond.total, beyond.capped, beyond.items) == (4, True, [])
    assert kokeilu.instances(InstanceFilter(customer="ei tällaista yritystä")).total == 0
