"""The results scorecard (tuloskortti, thesis 3.2) for the managers: the office's yearly results
measures against the targets they set for the year. Read-only apart from `set_targets`.

Definitions (the page repeats them):
- *positive feedback*: of the aftercare calls done in the year (engine.office.crm: reached, needs
  reassessed), those whose result and way-of-serving scores are both 4 or 5.
- *company visits*: meetings at the company in the year: contacts logged with the channel "meeting",
  needs mappings done as a company visit (`kartoitustapa` = `yrityskaynti`), and aftercare calls done as a
  meeting (`yhteydenottotapa` = `tapaaminen`).
- *growth-potential companies served*: distinct customers of the service-need segment "kasvava" with a
  service or needs assessment started in the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..models import AuditEvent, AuditKind, Customer, CustomerContact, Instance, Task, YearlyTarget
from .crm import Period, is_done, local_midnight

DEFAULT_POSITIVE_PERCENT = 69     # the thesis's year
DEFAULT_VISITS = 1300
GROWTH_SEGMENT = "kasvava"
POSITIVE_FROM = 4


@dataclass(frozen=True)
class Targets:
    year: int
    positive_feedback_percent: int
    company_visits: int
    growth_companies: int
    set_by: str = ""         # "" when the year has no targets set: the thesis's defaults


@dataclass(frozen=True)
class Scorecard:
    year: int
    targets: Targets
    feedback_answers: int
    positive_feedback: int
    company_visits: int
    growth_companies: int

    @property
    def positive_share(self) -> float | None:
        return self.positive_feedback / self.feedback_answers if self.feedback_answers else None


def targets(session: Session, year: int) -> Targets:
    row = session.get(YearlyTarget, year)
    if row is None:
        return Targets(year, DEFAULT_POSITIVE_PERCENT, DEFAULT_VISITS, 0)
    return Targets(year, row.positive_feedback_percent, row.company_visits, row.growth_companies, row.updated_by)


def set_targets(session: Session, now: datetime, year: int, positive_percent: int, visits: int, growth: int,
                actor: str) -> YearlyTarget:
    if not 2000 <= year <= 2100:
        raise ValidationError("Give a year between 2000 and 2100.", code="scorecard.year")
    if not 0 <= positive_percent <= 100:
        raise ValidationError("The target share of positive feedback is a percentage from 0 to 100.",
                              code="scorecard.percent")
    if not (0 <= visits <= 1_000_000 and 0 <= growth <= 1_000_000):
        raise ValidationError("The targets for visits and growth companies must be 0 to 1000000.",
                              code="scorecard.targets")
    row = session.get(YearlyTarget, year) or YearlyTarget(year=year)
    row.positive_feedback_percent, row.company_visits, row.growth_companies = positive_percent, visits, growth
    row.updated_at, row.updated_by = now, actor
    session.add(row)
    return row


def _positive(data: dict[str, object]) -> bool:
    scores = [data.get("arvio_tulos"), data.get("arvio_palvelu")]
    return all(isinstance(s, int) and not isinstance(s, bool) and s >= POSITIVE_FROM for s in scores)


def scorecard(session: Session, year: int) -> Scorecard:
    period = Period(date(year, 1, 1), date(year, 12, 31))
    start, end = period.start_at, period.end_at
    done_calls = [dict(d or {}) for d, in session.execute(
        select(AuditEvent.data).join(Task, Task.id == AuditEvent.task_id)
        .where(AuditEvent.kind == AuditKind.COMPLETE.value, Task.is_aftercare.is_(True),
               Task.completed_at >= start, Task.completed_at < end)).tuples() if is_done(d)]
    meetings = session.scalar(select(func.count()).select_from(CustomerContact).where(
        CustomerContact.channel == "meeting", CustomerContact.contact_date >= date(year, 1, 1),
        CustomerContact.contact_date < date(year + 1, 1, 1))) or 0
    visits = sum(1 for d, in session.execute(
        select(AuditEvent.data).where(AuditEvent.kind == AuditKind.COMPLETE.value, AuditEvent.at >= start,
                                      AuditEvent.at < end)).tuples()
        if (d or {}).get("kartoitustapa") == "yrityskaynti" or (
            (d or {}).get("yhteydenottotapa") == "tapaaminen" and is_done(d)))
    growth = session.scalar(select(func.count(func.distinct(Instance.customer_id)))
                            .join(Customer, Customer.id == Instance.customer_id)
                            .where(Customer.service_need_segment == GROWTH_SEGMENT,
                                   Instance.started_at >= local_midnight(date(year, 1, 1)),
                                   Instance.started_at < local_midnight(date(year + 1, 1, 1)))) or 0
    return Scorecard(year, targets(session, year), len(done_calls), sum(_positive(d) for d in done_calls),
                     meetings + visits, growth)
