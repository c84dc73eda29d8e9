"""Aftercare follow-up for the managers: compliance per process and expert, and the customers'
quality scores. Read-only; every number comes from rows (tasks, instances, audit events).

Definitions (one place, so the table, the charts, the CSV and the page's own definitions agree):
- *service ended*: the service's real end date, `palvelu_paattyi_pvm`, as the last step that recorded
  it wrote it; without one, the moment the last service step completed, which is the moment the first
  aftercare task of the instance became ready. The period filters on this day.
- *aftercare done*: an aftercare call was completed with the customer reached (`asiakas_tavoitettu`)
  and the service needs reassessed (`palvelutarve_arvioitu`); the form requires both scores then.
  *Within 14 days*: done on the 14th local day after the day the service ended at the latest.
- *overdue now*: not done, an aftercare task is open, and the 14 days from the end day are over.
- *not reached*: the customer was not reached in all tries, so the written contact task
  (`Task_ei_tavoitettu`) was created.
- *new needs*: the done aftercare answered `uudet_palvelutarpeet` yes; *led to a service*: the needs
  assessment that the aftercare started (a child instance) itself started a service (has a child).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import HELSINKI
from ..models import AuditEvent, AuditKind, Customer, Instance, Task, TaskStatus

ON_TIME_DAYS = 14
NOT_REACHED_ELEMENT = "Task_ei_tavoitettu"
END_DATE_FIELD = "palvelu_paattyi_pvm"      # the service's real end date, recorded by its last step
REACHED_FIELD = "asiakas_tavoitettu"
REASSESSED_FIELD = "palvelutarve_arvioitu"
TOLD_FIELD = "kerrotut_palvelut"   # the services fitting the present need the customer was told of (a multi-select)
# "where could the office have done better" and the other half of the two-way evaluation (thesis 5):
# "where could the company itself do better"
FEEDBACK_FIELDS = ("toimisto_voisi_parantaa", "yritys_voisi_parantaa")
# scores recorded in other steps of a service than its aftercare: the company's score of the service
# provider (development services) and the customer's score of the lasting benefit a year on; and the level
# of the customer's expectations recorded at the service promise (thesis 5: expected vs experienced quality)
SERVICE_SCORE_FIELDS = ("arvio_palveluntuottaja", "arvio_koulutusorganisaatio", "arvio_pysyva_hyoty", "odotusten_taso")
PROVIDER_FIELDS = ("arvio_palveluntuottaja", "arvio_koulutusorganisaatio")   # consultant or training organisation


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), HELSINKI)


@dataclass(frozen=True)
class Period:
    """Whole local days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def start_at(self) -> datetime:
        return local_midnight(self.start)

    @property
    def end_at(self) -> datetime:
        return local_midnight(self.end + timedelta(days=1))


@dataclass(frozen=True)
class Outcome:
    """One service that reached aftercare, and what became of the aftercare."""

    instance_id: int
    process_key: str
    responsible: str
    customer_name: str
    ended_at: datetime
    done_at: datetime | None
    overdue: bool
    not_reached: bool
    new_needs: bool
    led_to_service: bool
    answers: dict[str, Any] = field(default_factory=dict)   # the reached aftercare's form data

    @property
    def ended_on(self) -> date:
        return self.ended_at.astimezone(HELSINKI).date()

    @property
    def deadline(self) -> date:
        """The last local day on which the aftercare is on time."""
        return self.ended_on + timedelta(days=ON_TIME_DAYS)

    @property
    def on_time(self) -> bool:
        return self.done_at is not None and self.done_at.astimezone(HELSINKI).date() <= self.deadline

    @property
    def days_to_aftercare(self) -> int | None:
        """Whole local days from the end day to the day of the aftercare call."""
        return None if self.done_at is None else (self.done_at.astimezone(HELSINKI).date() - self.ended_on).days

    def decided(self, now: datetime) -> bool:
        """Done, or its 14 days are over: only these count in the on-time share."""
        return self.done_at is not None or now.astimezone(HELSINKI).date() > self.deadline


@dataclass(frozen=True)
class ComplianceRow:
    key: str
    ended: int
    done: int
    on_time: int
    overdue: int
    not_reached: int
    median_days: float | None
    new_needs: int
    led_to_service: int
    decided: int
    told_services: int = 0     # done calls in which the customer was told of at least one fitting service

    @property
    def told_share(self) -> float | None:
        return self.told_services / self.done if self.done else None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.decided if self.decided else None

    @property
    def new_needs_share(self) -> float | None:
        return self.new_needs / self.done if self.done else None


@dataclass(frozen=True)
class Dashboard:
    period: Period
    total: ComplianceRow
    by_process: list[ComplianceRow]
    by_expert: list[ComplianceRow]
    weekly: list[ComplianceRow]     # key = the Monday of the week (ISO date)
    told: list[tuple[str, int]] = field(default_factory=list)   # service option id -> done calls that told of it


def outcomes(session: Session, now: datetime, period: Period) -> list[Outcome]:
    """Every instance whose service ended in the period, with its aftercare outcome."""
    ended = {iid: at for iid, at in service_ends(session).items() if period.start_at <= at < period.end_at}
    if not ended:
        return []
    ids = list(ended)
    instances = session.execute(select(Instance.id, Instance.process_key, Instance.responsible, Customer.name)
                                .join(Customer, Customer.id == Instance.customer_id)
                                .where(Instance.id.in_(ids))).tuples().all()
    done = _done_answers(session, ids)
    still_open = set(session.scalars(select(Task.instance_id).where(
        Task.instance_id.in_(ids), Task.is_aftercare.is_(True), Task.status == TaskStatus.OPEN.value)))
    not_reached = set(session.scalars(select(Task.instance_id).where(
        Task.instance_id.in_(ids), Task.element_id == NOT_REACHED_ELEMENT)))
    led = _led_to_service(session, ids)
    out = []
    for iid, process_key, responsible, customer_name in instances:
        done_at, answers = done.get(iid, (None, {}))
        outcome = Outcome(iid, process_key, responsible, customer_name, ended[iid], done_at, False,
                          iid in not_reached, answers.get("uudet_palvelutarpeet") is True, iid in led, answers)
        overdue = done_at is None and iid in still_open and outcome.decided(now)   # 14 days over, call open
        out.append(replace(outcome, overdue=overdue))
    return sorted(out, key=lambda o: (o.ended_at, o.instance_id))


def service_ends(session: Session) -> dict[int, datetime]:
    """When each instance that reached aftercare ended: its recorded end date (local midnight of the
    day) or, without one, the moment its first aftercare task became ready."""
    first_ready = func.min(Task.created_at)
    ends = {iid: aware(at) for iid, at in session.execute(
        select(Task.instance_id, first_ready).where(Task.is_aftercare.is_(True)).group_by(Task.instance_id))
        .tuples()}
    recorded = AuditEvent.data[END_DATE_FIELD].as_string()
    for iid, day in session.execute(
            select(AuditEvent.instance_id, recorded)
            .where(AuditEvent.kind == AuditKind.COMPLETE.value, recorded.is_not(None))
            .order_by(AuditEvent.id)).tuples():   # the last recorded end date wins
        if iid in ends and day:
            try:
                ends[iid] = local_midnight(date.fromisoformat(day))
            except ValueError:
                continue    # the form keeps ISO dates; anything else is not a date to trust
    return ends


def aware(value: Any) -> datetime:
    """min() over a UTC column comes back naive (or as text) on SQLite; stored values are UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def is_done(data: dict[str, Any] | None) -> bool:
    """An aftercare call that counts as done: the customer reached and the needs reassessed."""
    data = data or {}
    return data.get(REACHED_FIELD) is True and data.get(REASSESSED_FIELD) is True


def _done_answers(session: Session, ids: list[int]) -> dict[int, tuple[datetime, dict[str, Any]]]:
    """The first done aftercare call per instance: when, and the form."""
    rows = session.execute(
        select(AuditEvent.instance_id, Task.completed_at, AuditEvent.data)
        .join(Task, Task.id == AuditEvent.task_id)
        .where(AuditEvent.instance_id.in_(ids), AuditEvent.kind == AuditKind.COMPLETE.value,
               Task.is_aftercare.is_(True))
        .order_by(AuditEvent.id)).tuples().all()
    out: dict[int, tuple[datetime, dict[str, Any]]] = {}
    for iid, completed_at, data in rows:
        if iid is not None and iid not in out and completed_at and is_done(data):
            out[iid] = (aware(completed_at), dict(data or {}))
    return out


def _led_to_service(session: Session, ids: list[int]) -> set[int]:
    children = session.execute(select(Instance.id, Instance.parent_id).where(Instance.parent_id.in_(ids))).all()
    if not children:
        return set()
    parent_of = {cid: pid for cid, pid in children}
    starters = set(session.scalars(select(Instance.parent_id).where(Instance.parent_id.in_(list(parent_of)))))
    return {parent_of[c] for c in starters if c is not None}


def summarise(key: str, items: Iterable[Outcome], now: datetime) -> ComplianceRow:
    items = list(items)
    days = [d for o in items if (d := o.days_to_aftercare) is not None]
    return ComplianceRow(
        key=key, ended=len(items), done=sum(o.done_at is not None for o in items),
        on_time=sum(o.on_time for o in items), overdue=sum(o.overdue for o in items),
        not_reached=sum(o.not_reached for o in items),
        median_days=round(statistics.median(days), 1) if days else None,
        new_needs=sum(o.new_needs for o in items), led_to_service=sum(o.led_to_service for o in items),
        decided=sum(o.decided(now) for o in items), told_services=sum(bool(told_of(o)) for o in items))


def told_of(outcome: Outcome) -> list[str]:
    """The services a done call told the customer of (older free-text answers count as none)."""
    value = outcome.answers.get(TOLD_FIELD) if outcome.done_at is not None else None
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _grouped(items: list[Outcome], key: Callable[[Outcome], str], now: datetime) -> list[ComplianceRow]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in items:
        groups[key(o)].append(o)
    return [summarise(k, v, now) for k, v in sorted(groups.items())]


def week_of(moment: datetime) -> str:
    local = moment.astimezone(HELSINKI).date()
    return (local - timedelta(days=local.weekday())).isoformat()


def dashboard(session: Session, now: datetime, period: Period) -> Dashboard:
    items = outcomes(session, now, period)
    weekly = {r.key: r for r in _grouped(items, lambda o: week_of(o.ended_at), now)}
    monday = period.start - timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.end:     # every week of the period, also those with no services ended
        key = monday.isoformat()
        weeks.append(weekly.get(key) or summarise(key, [], now))
        monday += timedelta(days=7)
    told = Counter(s for o in items for s in told_of(o))
    return Dashboard(period, summarise("", items, now), _grouped(items, lambda o: o.process_key, now),
                     _grouped(items, lambda o: o.responsible, now), weeks, sorted(told.items(), key=lambda kv: -kv[1]))


# --- quality ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QualityRow:
    key: str
    answers: int
    technical: float | None     # mean of arvio_tulos (1-5): the result
    functional: float | None    # mean of arvio_palvelu (1-5): the way of serving
    provider: float | None = None   # mean of PROVIDER_FIELDS (1-5), where the service had a provider
    lasting: float | None = None    # mean of arvio_pysyva_hyoty (1-5): the benefit a year on
    expected: float | None = None   # mean of odotusten_taso (1-5), recorded at the service promise
    met: float | None = None        # mean of arvio_tavoitteet (1-5): how well the goals were met, in aftercare

    @property
    def gap(self) -> float | None:
        """Experienced minus expected: below zero, the service fell short of what the customers expected."""
        return None if self.met is None or self.expected is None else round(self.met - self.expected, 2)


@dataclass(frozen=True)
class Feedback:
    done_at: datetime
    process_key: str
    responsible: str
    customer_name: str
    field: str
    text: str


@dataclass(frozen=True)
class Quality:
    total: QualityRow
    by_process: list[QualityRow]
    by_expert: list[QualityRow]
    by_month: list[QualityRow]
    feedback: list[Feedback]


def _mean(values: list[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def _score(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else None


def _quality_row(key: str, items: list[Outcome]) -> QualityRow:
    def mean_of(*names: str) -> float | None:
        return _mean([s for o in items for n in names if (s := _score(o.answers.get(n))) is not None])
    return QualityRow(key, len(items), mean_of("arvio_tulos"), mean_of("arvio_palvelu"),
                      mean_of(*PROVIDER_FIELDS), mean_of("arvio_pysyva_hyoty"), mean_of("odotusten_taso"),
                      mean_of("arvio_tavoitteet"))


def _service_scores(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The last value of each of SERVICE_SCORE_FIELDS that a step of the instance recorded."""
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    if not ids:
        return out
    for iid, data in session.execute(select(AuditEvent.instance_id, AuditEvent.data).where(
            AuditEvent.instance_id.in_(ids), AuditEvent.kind == AuditKind.COMPLETE.value)
            .order_by(AuditEvent.id)).tuples():
        for name in SERVICE_SCORE_FIELDS:
            if iid is not None and _score((data or {}).get(name)) is not None:
                out[iid][name] = data[name]
    return out


def quality(session: Session, now: datetime, period: Period) -> Quality:
    """Scores of the aftercare calls done in the period (by when the call was done)."""
    wide = Period(period.start - timedelta(days=3650), period.end)
    items = [o for o in outcomes(session, now, wide)
             if o.done_at is not None and period.start_at <= o.done_at < period.end_at]
    scores = _service_scores(session, [o.instance_id for o in items])
    items = [replace(o, answers={**scores.get(o.instance_id, {}), **o.answers}) for o in items]

    def grouped(key: Callable[[Outcome], str]) -> list[QualityRow]:
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in items:
            groups[key(o)].append(o)
        return [_quality_row(k, v) for k, v in sorted(groups.items())]

    feedback = [Feedback(o.done_at, o.process_key, o.responsible, o.customer_name, name, text.strip())
                for o in items if o.done_at is not None for name in FEEDBACK_FIELDS
                if isinstance(text := o.answers.get(name), str) and text.strip()]
    feedback.sort(key=lambda f: f.done_at, reverse=True)
    return Quality(_quality_row("", items), grouped(lambda o: o.process_key), grouped(lambda o: o.responsible),
                   grouped(lambda o: o.done_at.astimezone(HELSINKI).strftime("%Y-%m") if o.done_at else ""),
                   feedback)


# --- changes of the responsible expert -------------------------------------------------------------

@dataclass(frozen=True)
class Handover:
    instance_id: int
    process_key: str
    at: datetime
    actor: str
    from_user: str
    to_user: str
    note: str


def handovers(session: Session, customer_id: int) -> list[Handover]:
    """Every change of the responsible expert in the customer's instances, newest first."""
    rows = session.execute(
        select(AuditEvent, Instance.process_key).join(Instance, Instance.id == AuditEvent.instance_id)
        .where(Instance.customer_id == customer_id, AuditEvent.kind == AuditKind.HANDOVER.value)
        .order_by(AuditEvent.id.desc())).tuples().all()
    return [Handover(e.instance_id or 0, key, e.at, e.actor, str((e.data or {}).get("from", "")),
                     str((e.data or {}).get("to", "")), str((e.data or {}).get("note", ""))) for e, key in rows]
