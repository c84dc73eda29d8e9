"""Customer relationship numbers against the demo data, recomputed here independently with raw SQL
and plain loops (not through engine.office.crm), on SQLite and PostgreSQL; and reminders' idempotence."""

from __future__ import annotations

import json
import re
import socketserver
import statistics
import threading
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from engine import Engine, ManualClock, ValidationError, system_clock
from engine.clock import HELSINKI
from engine.config import SmtpConfig
from engine.demo.companies import DEMO_COMPANIES
from engine.models import Notification
from engine.office.crm import Period, local_midnight
from engine.office.portfolios import ContactRequest


@pytest.fixture
def demo(demo_db_url: str) -> Iterator[Engine]:
    """The `make run` demo data, with the engine's clock at the real now (the seed's story ends at its own now)."""
    eng = Engine(demo_db_url, clock=ManualClock(system_clock()))
    yield eng
    eng.dispose()


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _json(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    return json.loads(value) if isinstance(value, str) else dict(value)


def _rows(eng: Engine, sql: str, **params: Any) -> list[Any]:
    with eng.reading() as s:
        return list(s.execute(text(sql), params).all())


def _local(at: datetime) -> date:
    return at.astimezone(HELSINKI).date()


def recompute(eng: Engine, now: datetime, start: datetime, end: datetime) -> dict[str, dict[str, Any]]:
    """Per process and per expert (and 'total'): the dashboard's numbers from raw rows.

    Ended: the last recorded `palvelu_paattyi_pvm` (local midnight) or the first aftercare task's creation;
    done: reached and needs reassessed; on time: done by the 14th local day after the end day."""
    first: dict[int, datetime] = {}
    for iid, created in _rows(eng, "SELECT instance_id, created_at FROM tasks WHERE is_aftercare = :t", t=True):
        at = _utc(created)
        assert at is not None
        first[iid] = min(first.get(iid, at), at)
    for iid, data in _rows(eng, "SELECT instance_id, data FROM audit_events WHERE kind = 'complete' ORDER BY id"):
        day = _json(data).get("palvelu_paattyi_pvm")
        if iid in first and day:
            first[iid] = datetime.combine(date.fromisoformat(day), datetime.min.time(), HELSINKI)
    ids = {i for i, at in first.items() if start <= at < end}
    reached: dict[int, tuple[datetime, dict[str, Any]]] = {}
    for iid, completed, data in _rows(eng, "SELECT e.instance_id, t.completed_at, e.data FROM audit_events e "
                                      "JOIN tasks t ON t.id = e.task_id WHERE e.kind = 'complete' AND "
                                      "t.is_aftercare = :t ORDER BY e.id", t=True):
        d = _json(data)
        if (iid in ids and iid not in reached and d.get("asiakas_tavoitettu") is True
                and d.get("palvelutarve_arvioitu") is True):
            reached[iid] = (_utc(completed), d)  # type: ignore[assignment]
    open_calls = {r[0] for r in _rows(eng, "SELECT instance_id FROM tasks WHERE is_aftercare = :t "
                                           "AND status = 'open'", t=True)}
    not_reached = {r[0] for r in _rows(eng, "SELECT instance_id FROM tasks WHERE element_id = 'Task_ei_tavoitettu'")}
    instances = {r[0]: r for r in _rows(eng, "SELECT id, parent_id, process_key, responsible FROM instances")}
    children: dict[int, list[int]] = defaultdict(list)
    for iid, parent, _, _ in instances.values():
        if parent is not None:
            children[parent].append(iid)
    groups: dict[str, list[int]] = defaultdict(list)
    for iid in ids:
        groups["total"].append(iid)
        groups[instances[iid][2]].append(iid)
        groups["expert:" + instances[iid][3]].append(iid)
    late = {i for i in ids if i not in reached and (_local(now) - _local(first[i])).days > 14}
    out = {}
    for key, members in groups.items():
        done = [i for i in members if i in reached]
        days = [(_local(reached[i][0]) - _local(first[i])).days for i in done]
        needs = [i for i in done if reached[i][1].get("uudet_palvelutarpeet") is True]
        out[key] = {
            "ended": len(members), "done": len(done),
            "on_time": sum(1 for i in done if days[done.index(i)] <= 14),
            "overdue": sum(1 for i in members if i in late and i in open_calls),
            "not_reached": sum(1 for i in members if i in not_reached),
            "median_days": round(statistics.median(days), 1) if days else None,
            "new_needs": len(needs),
            "led_to_service": sum(1 for i in members if any(children.get(c) for c in children.get(i, []))),
            "tech": [reached[i][1].get("arvio_tulos") for i in done],
        }
    return out


def _as_dict(row: Any) -> dict[str, Any]:
    return {k: getattr(row, k) for k in ("ended", "done", "on_time", "overdue", "not_reached", "median_days",
                                         "new_needs", "led_to_service")}


def test_dashboard_numbers_match_an_independent_count(demo: Engine) -> None:
    today = demo.today()
    period = Period(today - timedelta(days=150), today)
    board = demo.aftercare_dashboard(period)
    expected = recompute(demo, demo.clock(), period.start_at, period.end_at)
    # the demo is not trivial: every kind of outcome is there
    total = _as_dict(board.total)
    assert total["ended"] >= 15 and total["done"] >= 10 and total["on_time"] < total["done"]
    assert total["overdue"] >= 1 and total["not_reached"] >= 1 and total["led_to_service"] >= 1
    assert total == {k: v for k, v in expected["total"].items() if k != "tech"}
    for row in board.by_process:
        assert _as_dict(row) == {k: v for k, v in expected[row.key].items() if k != "tech"}, row.key
    for row in board.by_expert:
        assert _as_dict(row) == {k: v for k, v in expected["expert:" + row.key].items() if k != "tech"}, row.key
    assert sum(w.ended for w in board.weekly) == total["ended"]
    assert sum(w.on_time for w in board.weekly) == total["on_time"]


def test_a_shorter_period_counts_only_services_ended_in_it(demo: Engine) -> None:
    today = demo.today()
    period = Period(today - timedelta(days=60), today - timedelta(days=20))
    board = demo.aftercare_dashboard(period)
    expected = recompute(demo, demo.clock(), period.start_at, period.end_at)
    assert _as_dict(board.total) == {k: v for k, v in expected["total"].items() if k != "tech"}
    assert 0 < board.total.ended < demo.aftercare_dashboard(Period(today - timedelta(days=150), today)).total.ended


def test_quality_scores_are_the_means_of_the_reached_aftercare_answers(demo: Engine) -> None:
    today = demo.today()
    quality = demo.quality(Period(today - timedelta(days=400), today))
    scores = [_json(d).get("arvio_tulos") for d, in _rows(
        demo, "SELECT e.data FROM audit_events e JOIN tasks t ON t.id = e.task_id "
              "WHERE e.kind = 'complete' AND t.is_aftercare = :t", t=True)
        if _json(d).get("asiakas_tavoitettu") is True and _json(d).get("palvelutarve_arvioitu") is True]
    assert quality.total.answers == len(scores) >= 10
    assert quality.total.technical == round(statistics.fmean(s for s in scores if s is not None), 2)
    texts = [f.text for f in quality.feedback]
    assert "Jälkihoitosoitto tuli vasta viikkojen päästä." in texts
    assert {r.key for r in quality.by_expert} == {"asiantuntija", "asiantuntija2"}


def test_portfolio_contact_due_follows_the_last_contact(demo: Engine) -> None:
    today = demo.today()
    for summary in demo.portfolios():
        view = demo.portfolio(summary.id)
        assert summary.customers == len(view.members) >= 5
        for member in view.members:
            last = _rows(demo, "SELECT MAX(cc.contact_date) FROM customer_contacts cc JOIN customers c "
                               "ON c.id = cc.customer_id WHERE c.business_id = :b", b=member.business_id)[0][0]
            calls = _rows(demo, "SELECT t.completed_at, e.data FROM tasks t JOIN customers c ON c.id = t.customer_id "
                                "JOIN audit_events e ON e.task_id = t.id AND e.kind = 'complete' "
                                "WHERE c.business_id = :b AND t.is_aftercare = :t AND t.status = 'completed'",
                          b=member.business_id, t=True)
            days = [d if isinstance(d, date) else date.fromisoformat(d) for d in [last] if d is not None]
            days += [_local(_utc(at)) for at, data in calls  # type: ignore[arg-type]
                     if at is not None and _json(data).get("asiakas_tavoitettu") is True]
            assert member.last_contact == (max(days) if days else None)
            agreed = _rows(demo, "SELECT e.data FROM audit_events e JOIN instances i ON i.id = e.instance_id "
                                 "JOIN customers c ON c.id = i.customer_id WHERE c.business_id = :b AND "
                                 "e.kind = 'complete' ORDER BY e.id", b=member.business_id)
            dates = [date.fromisoformat(d["seuraava_yhteydenotto"]) for d in map(_json, (r[0] for r in agreed))
                     if d.get("seuraava_yhteydenotto") and d.get("asiakas_tavoitettu") is not False]
            pending = dates[-1] if dates and (member.last_contact is None or member.last_contact < dates[-1]) else None
            assert member.next_contact == pending
            if pending is not None:      # an agreed date replaces the interval
                assert member.contact_due == (pending <= today), member
                continue
            months = summary.contact_interval_months
            limit = today - timedelta(days=months * 30)
            if member.last_contact is None or member.last_contact < limit - timedelta(days=5):
                assert member.contact_due, member
            elif member.last_contact > limit + timedelta(days=5):
                assert not member.contact_due, member
    assert sum(p.contact_due for p in demo.portfolios()) >= 1


def test_plan_counts_contacts_and_started_services_per_segment(demo: Engine) -> None:
    year = demo.today().year
    plan = demo.plan(year)
    for row in plan.by_need:
        customers = _rows(demo, "SELECT COUNT(*) FROM customers WHERE service_need_segment = :s", s=row.segment)[0][0]
        contacts = _rows(demo, "SELECT COUNT(*) FROM customer_contacts cc JOIN customers c ON c.id = cc.customer_id "
                               "WHERE c.service_need_segment = :s AND cc.contact_date >= :a AND cc.contact_date < :b",
                         s=row.segment, a=date(year, 1, 1), b=date(year + 1, 1, 1))[0][0]
        started = _rows(demo, "SELECT COUNT(*) FROM instances i JOIN customers c ON c.id = i.customer_id "
                              "WHERE c.service_need_segment = :s AND i.process_key <> 'palvelutarvearvio' "
                              "AND i.started_at >= :a AND i.started_at < :b", s=row.segment,
                        a=local_midnight(date(year, 1, 1)), b=local_midnight(date(year + 1, 1, 1)))[0][0]
        assert (row.customers, row.contacts, row.services_started) == (customers, contacts, started)
        assert row.planned_actions and row.target_contacts > 0
    assert sum(r.services_started for r in plan.by_need) > 0


def test_logging_a_contact_with_new_needs_starts_a_needs_assessment(demo: Engine) -> None:
    bid = DEMO_COMPANIES[30]["business_id"]
    started = demo.log_contact(ContactRequest(bid, demo.today(), "phone", "Tarvitsee kaksi hitsaajaa",
                                              "asiantuntija", new_needs=True))
    assert started is not None
    info = demo.instance(started)
    assert (info.process_key, info.customer_business_id, info.responsible) == (
        "palvelutarvearvio", bid, "asiantuntija")
    assert info.open_tasks, "the needs assessment waits for its first task"
    plain = demo.log_contact(ContactRequest(bid, demo.today(), "email", "Kuulumiset", "asiantuntija"))
    assert plain is None
    assert [c.started_instance_id for c in demo.customer_contacts(bid)] == [None, started]   # newest first
    with pytest.raises(ValidationError, match="future"):
        demo.log_contact(ContactRequest(bid, demo.today() + timedelta(days=1), "phone", "x", "asiantuntija"))
    with pytest.raises(ValidationError, match="channel"):
        demo.log_contact(ContactRequest(bid, demo.today(), "pigeon", "x", "asiantuntija"))


def _counts(eng: Engine) -> tuple[int, int]:
    return (_rows(eng, "SELECT COUNT(*) FROM notifications")[0][0], _rows(eng, "SELECT COUNT(*) FROM outbox")[0][0])


def test_reminders_are_sent_once_per_item_and_day(demo: Engine) -> None:
    first = demo.send_reminders()
    assert first.mails >= 1 and first.notifications >= first.mails
    after_first = _counts(demo)
    again = demo.send_reminders()
    assert (again.notifications, again.mails) == (0, 0)
    assert _counts(demo) == after_first
    today = demo.today()
    per_user_today = _rows(demo, "SELECT username, COUNT(*) FROM outbox WHERE day = :d GROUP BY username", d=today)
    assert per_user_today and all(n == 1 for _, n in per_user_today)
    # the database itself refuses a second notification for the same item and day
    with pytest.raises(IntegrityError), demo.transaction() as s:
        n = s.query(Notification).filter(Notification.day == today).first()
        assert n is not None
        s.add(Notification(username=n.username, kind=n.kind, item_key=n.item_key, day=n.day, text="again",
                           link="", created_at=demo.clock()))
        s.flush()
    # the next day brings a new digest, and today's unread reminders give way to the new day's
    demo.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    assert demo.send_reminders().mails >= 1
    stale = _rows(demo, "SELECT COUNT(*) FROM notifications WHERE day = :d AND read_at IS NULL AND kind <> 'handover' "
                        "AND item_key IN (SELECT item_key FROM notifications WHERE day = :n)",
                  d=today, n=today + timedelta(days=1))[0][0]
    assert stale == 0


class _Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept mail: what a real server answers, and the messages kept."""

    received: list[str] = []

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        data: list[str] = []
        in_data = False
        while line := self.rfile.readline():
            text_line = line.decode()
            if in_data:
                if text_line == ".\r\n":
                    in_data = False
                    self.received.append("".join(data))
                    self.wfile.write(b"250 ok\r\n")
                else:
                    data.append(text_line)
                continue
            verb = text_line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 sink\r\n")
            elif verb == "DATA":
                in_data, data = True, []
                self.wfile.write(b"354 go on\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def test_reminders_go_out_through_smtp_once(demo: Engine) -> None:
    with demo.transaction() as s:   # give the experts addresses; one stays without to show the error
        s.execute(text("UPDATE users SET email = username || '@te-toimisto.example' WHERE username <> 'ely'"))
    _Sink.received = []
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sink)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        smtp = SmtpConfig(host="127.0.0.1", port=server.server_address[1], timeout=5)
        report = demo.send_reminders(smtp=smtp)
        waiting_before = report.mails
        assert report.sent >= 1
        assert len(_Sink.received) == report.sent
        assert any("Subject: Palvelupolku:" in m for m in _Sink.received)
        again = demo.send_reminders(smtp=smtp)
        assert (again.mails, again.sent) == (0, 0) and len(_Sink.received) == report.sent
    finally:
        server.shutdown()
        server.server_close()
    unsent = _rows(demo, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND error IS NULL")[0][0]
    assert unsent == 0 and waiting_before >= 1


def test_hand_over_gives_the_new_expert_a_to_do(demo: Engine) -> None:
    todo = [n for n in demo.notifications("asiantuntija2") if n.kind == "handover"]
    assert todo and "responsible expert" in todo[0].text
    changes = demo.handovers(DEMO_COMPANIES[5]["business_id"])
    assert [(h.from_user, h.to_user) for h in changes] == [("asiantuntija", "asiantuntija2")]
    demo.mark_notification_read(todo[0].id, "asiantuntija2")
    assert all(n.id != todo[0].id for n in demo.notifications("asiantuntija2"))


def test_a_reminder_closes_itself_when_its_item_is_done(demo: Engine) -> None:
    demo.send_reminders()
    due = [n for n in demo.notifications("asiantuntija2") if n.kind == "portfolio"]
    assert due
    business_id = due[0].item_key.rsplit(":", 1)[1]
    demo.log_contact(ContactRequest(business_id, demo.today(), "phone", "Soitettu", "asiantuntija2"))
    demo.send_reminders()
    still_open = {n.item_key for n in demo.notifications("asiantuntija2")}
    assert due[0].item_key not in still_open
    assert {n.item_key for n in due[1:]} <= still_open


def test_the_digest_mail_is_in_the_recipients_language(demo: Engine) -> None:
    demo.set_language("asiantuntija", "sv")
    demo.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]   # the seed sent today's already
    demo.send_reminders()
    today = demo.clock().astimezone(HELSINKI).date()  # type: ignore[attr-defined]
    mails = {m.username: m for m in demo.outbox() if m.day == today}
    swedish = mails["asiantuntija"]
    assert swedish.subject.startswith("Palvelupolku: påminnelser ") and swedish.body.startswith("Hej ")
    assert "reminder" not in swedish.subject and "Hello" not in swedish.body and "overdue since" not in swedish.body
    assert re.search(r"\(försenad sedan \d{1,2}\.\d{1,2}\.\d{4}\)|\(förfaller \d", swedish.body), swedish.body
    finnish = next(m for name, m in mails.items() if name != "asiantuntija")        # no choice: Finnish
    assert finnish.body.startswith("Hei ") and "muistutuksesi" in finnish.body


def test_the_digest_mail_names_tasks_in_the_recipients_language(demo: Engine) -> None:
    # Task names are stored in the model's Finnish; a Swedish expert's mail names them in Swedish.
    demo.set_language("asiantuntija", "sv")
    demo.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    demo.send_reminders()
    today = demo.clock().astimezone(HELSINKI).date()  # type: ignore[attr-defined]
    body = next(m.body for m in demo.outbox() if m.day == today and m.username == "asiantuntija")
    due = _rows(demo, "SELECT t.process_key, t.element_id, t.name FROM tasks t WHERE t.assignee = 'asiantuntija' "
                      "AND t.status = 'open' AND t.is_aftercare = :t AND t.due_at < :end", t=True,
                end=local_midnight(today + timedelta(days=1)))
    assert due, "the demo has due aftercare for asiantuntija"
    for process_key, element_id, finnish in due:
        swedish = demo.model_texts(process_key).name(element_id, "sv")
        assert swedish != finnish, (element_id, finnish)
        assert f"- {swedish} — " in body, body
        assert f"- {finnish} — " not in body, body


def test_scorecard_numbers_match_an_independent_count(demo: Engine) -> None:
    """Issue 18: the results scorecard's measures, recounted from raw rows; targets default to the thesis's."""
    year = demo.today().year
    card = demo.scorecard(year)
    start, end = local_midnight(date(year, 1, 1)), local_midnight(date(year + 1, 1, 1))
    done = []
    for data, completed in _rows(demo, "SELECT e.data, t.completed_at FROM audit_events e JOIN tasks t "
                                       "ON t.id = e.task_id WHERE e.kind = 'complete' AND t.is_aftercare = :t",
                                 t=True):
        d = _json(data)
        if (d.get("asiakas_tavoitettu") is True and d.get("palvelutarve_arvioitu") is True
                and start <= _utc(completed) < end):  # type: ignore[operator]
            done.append(d)
    positive = sum(1 for d in done if d.get("arvio_tulos", 0) >= 4 and d.get("arvio_palvelu", 0) >= 4)
    meetings = _rows(demo, "SELECT COUNT(*) FROM customer_contacts WHERE channel = 'meeting' AND "
                           "contact_date >= :a AND contact_date < :b", a=date(year, 1, 1), b=date(year + 1, 1, 1))[0][0]
    visits = 0
    for data, at in _rows(demo, "SELECT data, at FROM audit_events WHERE kind = 'complete'"):
        d = _json(data)
        if start <= _utc(at) < end and (d.get("kartoitustapa") == "yrityskaynti" or (  # type: ignore[operator]
                d.get("yhteydenottotapa") == "tapaaminen" and d.get("asiakas_tavoitettu") is True
                and d.get("palvelutarve_arvioitu") is True)):
            visits += 1
    growth = {r[0] for r in _rows(demo, "SELECT i.customer_id, i.started_at FROM instances i JOIN customers c "
                                        "ON c.id = i.customer_id WHERE c.service_need_segment = 'kasvava'")
              if start <= _utc(r[1]) < end}  # type: ignore[operator]
    assert (card.feedback_answers, card.positive_feedback) == (len(done), positive)
    assert card.feedback_answers >= 10 and 0 < card.positive_feedback < card.feedback_answers
    assert card.company_visits == meetings + visits and card.growth_companies == len(growth)
    assert (card.targets.positive_feedback_percent, card.targets.company_visits) == (69, 1300)
    demo.set_targets(year, 70, 1200, 40, "esimies")
    assert demo.scorecard(year).targets.company_visits == 1200
    with pytest.raises(ValidationError):
        demo.set_targets(year, 101, 1200, 40, "esimies")


def test_the_demo_runs_every_service_through_its_aftercare_with_varied_answers(demo: Engine) -> None:
    """Issue 18 point 10: every process of the library reaches its aftercare in the demo, with more than one
    outcome, scores that vary, services told of, and contact persons from the cards (no "Demo: ..." names)."""
    with demo.reading() as s:
        rows = s.execute(text(
            "SELECT i.process_key, e.data FROM audit_events e JOIN tasks t ON t.id = e.task_id "
            "JOIN instances i ON i.id = e.instance_id WHERE e.kind = 'complete' AND t.is_aftercare = :yes"),
            {"yes": True}).all()
        contacts = [r[0] for r in s.execute(text("SELECT name FROM contact_persons")).all()]
    answers = [(key, d if isinstance(d, dict) else json.loads(d)) for key, d in rows]
    services = {p.process_key for p in demo.processes()} - {"palvelutarvearvio"}
    assert services <= {key for key, _ in answers}
    assert {a.get("asiakas_tavoitettu") for _, a in answers} == {True, False}
    assert len({a.get("arvio_tulos") for _, a in answers if a.get("asiakas_tavoitettu")}) >= 3
    assert any(a.get("kerrotut_palvelut") for _, a in answers)
    assert not [c for c in contacts if c.startswith("Demo")]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_the_demo_fills_every_text_field_with_a_finnish_answer_not_a_placeholder(demo: Engine) -> None:
    """Issue 18 point 10: no "Demo: <label>" in any instance's data nor in any answer a task recorded; job
    titles, notes and grounds read as an office writes them."""
    instance_ids = [r[0] for r in _rows(demo, "SELECT id FROM instances")]
    answers = [_json(r[0]) for r in _rows(demo, "SELECT data FROM audit_events WHERE kind = 'complete'")]
    assert len(instance_ids) > 30 and len(answers) > 100
    data = [demo.instance(i).data for i in instance_ids]
    placeholders = {s for value in [*data, *answers] for s in _strings(value) if s.startswith("Demo")}
    assert placeholders == set()
    titles = {a["tehtavanimike"] for a in answers if "tehtavanimike" in a}
    assert titles and titles <= {"Hitsaaja", "CNC-koneistaja", "Lähihoitaja", "Myyntineuvottelija",
                                 "Ohjelmistokehittäjä", "Varastotyöntekijä", "Kokki"}
    notes = [a["tilanne_huomiot"] for a in answers if a.get("tilanne_huomiot")]
    assert notes and all(n[0].isupper() and n.endswith(".") for n in notes)
