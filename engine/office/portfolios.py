"""Key-account portfolios (kanta-asiakassalkut), the customer contact log and the yearly customer
plan (asiakkuussuunnitelma): keeping in touch with customers also when no process is running."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import HELSINKI
from ..errors import NotFound, PermissionDenied, ValidationError
from ..models import (
    AuditEvent,
    AuditKind,
    Customer,
    CustomerContact,
    Instance,
    InstanceStatus,
    PlanEntry,
    Portfolio,
    PortfolioMember,
    Role,
    Task,
    TaskStatus,
)
from ..runtime import access, instances
from ..runtime.execution import Runtime
from .crm import REACHED_FIELD, aware, local_midnight
from .customers import MINISTRY_SEGMENTS, SERVICE_NEED_SEGMENTS

CHANNELS = ("phone", "meeting", "email", "web")
NEEDS_ASSESSMENT = "palvelutarvearvio"
MAX_NOTES = 4000


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


# --- portfolios -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PortfolioSummary:
    id: int
    name: str
    owner: str
    contact_interval_months: int
    customers: int
    contact_due: int


@dataclass(frozen=True)
class MemberRow:
    business_id: str
    name: str
    last_contact: date | None
    open_services: int
    contact_due: bool
    next_contact: date | None = None    # agreed with the customer (seuraava_yhteydenotto), not yet kept


@dataclass(frozen=True)
class PortfolioView:
    summary: PortfolioSummary
    members: list[MemberRow]


def _expert(session: Session, username: str) -> str:
    user = instances.active_user(session, username)
    if Role.EXPERT.value not in user.role_names:
        raise ValidationError(f"{username} is not an expert; a portfolio is owned by an expert.",
                              code="portfolio.owner_not_expert", params={"user": username})
    return user.username


def _require_owner_or_manager(session: Session, owner: str, actor: str, what: str) -> None:
    """Only the owning expert or a manager changes a portfolio (or makes one for someone else)."""
    user = instances.active_user(session, actor)
    if user.username != owner and not access.is_manager(user):
        raise PermissionDenied(f"{user.username} may not {what}: only its owner {owner} or a manager may.",
                               code="portfolio.not_owner", params={"user": user.username, "owner": owner})


def create_portfolio(session: Session, now: datetime, name: str, owner: str, interval_months: int,
                     actor: str) -> Portfolio:
    _require_owner_or_manager(session, owner.strip().lower(), actor, f"create a portfolio owned by {owner}")
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError("Give the portfolio a name of at most 200 characters.", code="portfolio.name")
    if not 1 <= interval_months <= 36:
        raise ValidationError("The contact interval must be 1 to 36 months.", code="portfolio.interval")
    if session.scalar(select(Portfolio.id).where(Portfolio.name == name)) is not None:
        raise ValidationError(f"A portfolio named '{name}' already exists.", code="portfolio.exists",
                              params={"portfolio": name})
    row = Portfolio(name=name, owner=_expert(session, owner), contact_interval_months=interval_months,
                    created_at=now)
    session.add(row)
    session.flush()
    return row


def get_portfolio(session: Session, portfolio_id: int) -> Portfolio:
    row = session.get(Portfolio, portfolio_id) if 0 < portfolio_id < 2**31 else None   # 32-bit ids on PostgreSQL
    if row is None:
        raise NotFound(f"Portfolio {portfolio_id} does not exist.",
                       code="portfolio.not_found", params={"id": portfolio_id})
    return row


def add_member(session: Session, now: datetime, portfolio_id: int, business_id: str, actor: str) -> Customer:
    portfolio = get_portfolio(session, portfolio_id)
    _require_owner_or_manager(session, portfolio.owner, actor, f"add to portfolio '{portfolio.name}'")
    customer = instances.customer_by_key(session, business_id)
    if session.get(PortfolioMember, (portfolio.id, customer.id)) is not None:
        raise ValidationError(f"{customer.name} is already in portfolio '{portfolio.name}'.",
                              code="portfolio.already_member",
                              params={"customer": customer.name, "portfolio": portfolio.name})
    session.add(PortfolioMember(portfolio_id=portfolio.id, customer_id=customer.id, added_at=now, added_by=actor))
    return customer


def remove_member(session: Session, portfolio_id: int, business_id: str, actor: str) -> None:
    portfolio = get_portfolio(session, portfolio_id)
    _require_owner_or_manager(session, portfolio.owner, actor, f"remove from portfolio '{portfolio.name}'")
    customer = instances.customer_by_key(session, business_id)
    member = session.get(PortfolioMember, (portfolio.id, customer.id))
    if member is None:
        raise NotFound(f"{customer.name} is not in this portfolio.", code="portfolio.not_member",
                       params={"customer": customer.name})
    session.delete(member)


def last_contacts(session: Session, customer_ids: list[int]) -> dict[int, date]:
    """The latest logged contact or aftercare call that reached the customer, per customer (local dates).

    A call that did not reach the customer is no contact: it would hide a customer due for one.
    """
    out: dict[int, date] = {}
    for cid, day in session.execute(select(CustomerContact.customer_id, func.max(CustomerContact.contact_date))
                                    .where(CustomerContact.customer_id.in_(customer_ids))
                                    .group_by(CustomerContact.customer_id)).tuples():
        out[cid] = day
    for cid, at, data in session.execute(
            select(Task.customer_id, Task.completed_at, AuditEvent.data)
            .join(AuditEvent, AuditEvent.task_id == Task.id)
            .where(Task.customer_id.in_(customer_ids), Task.is_aftercare.is_(True),
                   Task.status == TaskStatus.COMPLETED.value, AuditEvent.kind == AuditKind.COMPLETE.value)).tuples():
        if at is not None and (data or {}).get(REACHED_FIELD) is True:
            day = _local_day(at)
            out[cid] = max(out.get(cid, day), day)
    return out


NEXT_CONTACT_FIELD = "seuraava_yhteydenotto"


def agreed_contacts(session: Session, customer_ids: list[int] | None = None) -> dict[int, tuple[date, str]]:
    """The latest next contact date agreed with each customer in any of its services, and the responsible
    expert of the service that recorded it. A call that did not reach the customer agreed nothing."""
    agreed = AuditEvent.data[NEXT_CONTACT_FIELD].as_string()
    query = (select(Instance.customer_id, agreed, Instance.responsible, AuditEvent.data)
             .join(Instance, Instance.id == AuditEvent.instance_id)
             .where(AuditEvent.kind == AuditKind.COMPLETE.value, agreed.is_not(None)).order_by(AuditEvent.id))
    if customer_ids is not None:
        query = query.where(Instance.customer_id.in_(customer_ids))
    out: dict[int, tuple[date, str]] = {}
    for cid, day, responsible, data in session.execute(query).tuples():
        if (data or {}).get(REACHED_FIELD) is False:
            continue
        try:
            out[cid] = (date.fromisoformat(day), responsible)
        except (TypeError, ValueError):
            continue
    return out


def pending_agreement(agreed: tuple[date, str] | None, last: date | None) -> date | None:
    """An agreed next contact that no contact has kept yet (none on or after the agreed day)."""
    if agreed is None or (last is not None and last >= agreed[0]):
        return None
    return agreed[0]


def _local_day(at: datetime | str) -> date:
    return aware(at).astimezone(HELSINKI).date()


def _member_rows(session: Session, portfolio: Portfolio, today: date) -> list[MemberRow]:
    customers = session.execute(select(Customer).join(PortfolioMember, PortfolioMember.customer_id == Customer.id)
                                .where(PortfolioMember.portfolio_id == portfolio.id)
                                .order_by(Customer.name)).scalars().all()
    ids = [c.id for c in customers]
    last = last_contacts(session, ids)
    open_services = dict(session.execute(
        select(Instance.customer_id, func.count()).where(Instance.customer_id.in_(ids),
                                                          Instance.status == InstanceStatus.RUNNING.value)
        .group_by(Instance.customer_id)).tuples().all())
    limit = months_before(today, portfolio.contact_interval_months)
    agreed = agreed_contacts(session, ids)
    rows = []
    for c in customers:
        pending = pending_agreement(agreed.get(c.id), last.get(c.id))
        # an agreed date replaces the portfolio's interval: the customer was told when to expect us
        due = pending <= today if pending is not None else last.get(c.id) is None or last[c.id] <= limit
        rows.append(MemberRow(c.key, c.name, last.get(c.id), open_services.get(c.id, 0), due, pending))
    return rows


def _summary(portfolio: Portfolio, rows: list[MemberRow]) -> PortfolioSummary:
    return PortfolioSummary(portfolio.id, portfolio.name, portfolio.owner, portfolio.contact_interval_months,
                            len(rows), sum(r.contact_due for r in rows))


def portfolios(session: Session, today: date, owner: str | None = None) -> list[PortfolioSummary]:
    query = select(Portfolio).order_by(Portfolio.name)
    if owner:
        query = query.where(Portfolio.owner == owner)
    return [_summary(p, _member_rows(session, p, today)) for p in session.scalars(query)]


def portfolio_view(session: Session, portfolio_id: int, today: date) -> PortfolioView:
    portfolio = get_portfolio(session, portfolio_id)
    rows = _member_rows(session, portfolio, today)
    return PortfolioView(_summary(portfolio, rows), rows)


# --- the contact log --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContactRequest:
    business_id: str
    contact_date: date
    channel: str
    notes: str
    actor: str
    new_needs: bool = False


def log_contact(rt: Runtime, session: Session, req: ContactRequest) -> CustomerContact:
    """Record a contact; new needs start a service needs assessment for the customer at once."""
    customer = instances.customer_by_key(session, req.business_id)
    actor = instances.active_user(session, req.actor)
    if req.channel not in CHANNELS:
        raise ValidationError(f"Choose a channel: {', '.join(CHANNELS)}.", code="contact.channel")
    if len(req.notes) > MAX_NOTES:
        raise ValidationError(f"Notes are at most {MAX_NOTES} characters.", code="contact.notes_length",
                              params={"count": MAX_NOTES})
    now = rt.clock()
    if req.contact_date > _local_day(now):
        raise ValidationError("The contact date cannot be in the future.", code="contact.future")
    if req.new_needs and not req.notes.strip():
        raise ValidationError("Describe the new needs in the notes.", code="contact.describe_needs")
    row = CustomerContact(customer_id=customer.id, contact_date=req.contact_date, channel=req.channel,
                          notes=req.notes.strip(), by_user=actor.username, new_needs=req.new_needs, created_at=now)
    if req.new_needs:
        started = instances.start(rt, session, instances.StartRequest(
            NEEDS_ASSESSMENT, customer.key, actor.username,
            data={"uudet_tarpeet_kuvaus": req.notes.strip()[:2000]}, actor=actor.username))
        row.started_instance_id = started.id
    session.add(row)
    session.flush()
    return row


def contacts(session: Session, business_id: str, limit: int = 50) -> list[CustomerContact]:
    customer = instances.customer_by_key(session, business_id)
    return list(session.scalars(select(CustomerContact).where(CustomerContact.customer_id == customer.id)
                                .order_by(CustomerContact.contact_date.desc(), CustomerContact.id.desc())
                                .limit(limit)))


# --- the yearly customer plan ------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanRow:
    segment: str
    customers: int
    planned_actions: str
    target_contacts: int
    contacts: int            # logged contacts in the year with customers of the segment
    services_started: int    # services (not needs assessments) started in the year for the segment's customers


# The plan's new-customer acquisition line (issue 18, thesis 3.2): kept beside the segments' lines under this
# key. Its target is the number of new customers to win; `customers` are the customers won in the year: those
# whose first service (a needs assessment included: it is the first contact) started in it.
ACQUISITION = "uusasiakashankinta"


@dataclass(frozen=True)
class Plan:
    year: int
    by_need: list[PlanRow]
    by_ministry: list[PlanRow]   # no planned actions: the ministry's segments are for reading
    acquisition: PlanRow | None = None   # target_contacts = new customers to win; customers = won in the year


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return local_midnight(date(year, 1, 1)), local_midnight(date(year + 1, 1, 1))


def _counts(session: Session, column: object, year: int) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    start, end = _year_bounds(year)
    customers = dict(session.execute(select(column, func.count()).group_by(column)).tuples().all())  # type: ignore[call-overload]
    contacts = dict(session.execute(
        select(column, func.count()).join(CustomerContact, CustomerContact.customer_id == Customer.id)  # type: ignore[call-overload]
        .where(CustomerContact.contact_date >= date(year, 1, 1), CustomerContact.contact_date < date(year + 1, 1, 1))
        .group_by(column)).tuples().all())
    started = dict(session.execute(
        select(column, func.count()).join(Instance, Instance.customer_id == Customer.id)  # type: ignore[call-overload]
        .where(Instance.started_at >= start, Instance.started_at < end, Instance.process_key != NEEDS_ASSESSMENT)
        .group_by(column)).tuples().all())
    return customers, contacts, started


def plan(session: Session, year: int) -> Plan:
    entries = {e.segment: e for e in session.scalars(select(PlanEntry).where(PlanEntry.year == year))}
    customers, contacts_, started = _counts(session, Customer.service_need_segment, year)
    by_need = [PlanRow(s, customers.get(s, 0), entries[s].planned_actions if s in entries else "",
                       entries[s].target_contacts if s in entries else 0, contacts_.get(s, 0), started.get(s, 0))
               for s in SERVICE_NEED_SEGMENTS]
    customers, contacts_, started = _counts(session, Customer.ministry_segment, year)
    by_ministry = [PlanRow(s, customers.get(s, 0), "", 0, contacts_.get(s, 0), started.get(s, 0))
                   for s in MINISTRY_SEGMENTS]
    return Plan(year, by_need, by_ministry, _acquisition(session, year, entries.get(ACQUISITION)))


def _acquisition(session: Session, year: int, entry: PlanEntry | None) -> PlanRow:
    start, end = _year_bounds(year)
    first = select(Instance.customer_id, func.min(Instance.started_at).label("first")).group_by(Instance.customer_id)
    won = [cid for cid, at in session.execute(first).tuples() if at is not None and start <= aware(at) < end]
    contacts = session.scalar(select(func.count()).select_from(CustomerContact).where(
        CustomerContact.customer_id.in_(won), CustomerContact.contact_date >= date(year, 1, 1),
        CustomerContact.contact_date < date(year + 1, 1, 1))) if won else 0
    started = session.scalar(select(func.count()).select_from(Instance).where(
        Instance.customer_id.in_(won), Instance.started_at >= start, Instance.started_at < end,
        Instance.process_key != NEEDS_ASSESSMENT)) if won else 0
    return PlanRow(ACQUISITION, len(won), entry.planned_actions if entry else "", entry.target_contacts if entry else 0,
                   contacts or 0, started or 0)



def set_plan(session: Session, now: datetime, year: int, segment: str, planned_actions: str, target_contacts: int,
             actor: str) -> PlanEntry:
    if segment not in SERVICE_NEED_SEGMENTS and segment != ACQUISITION:
        raise ValidationError(f"Unknown segment '{segment}'; choose one of {', '.join(SERVICE_NEED_SEGMENTS)} "
                              f"or the new-customer acquisition line '{ACQUISITION}'.", code="plan.segment")
    if not 2000 <= year <= 2100:
        raise ValidationError("Give a year between 2000 and 2100.", code="plan.year")
    if not 0 <= target_contacts <= 100000:
        raise ValidationError("The target number of contacts must be 0 to 100000.", code="plan.target")
    if len(planned_actions) > MAX_NOTES:
        raise ValidationError(f"Planned actions are at most {MAX_NOTES} characters.", code="plan.actions_length",
                              params={"count": MAX_NOTES})
    entry = session.scalars(select(PlanEntry).where(PlanEntry.year == year, PlanEntry.segment == segment)).first()
    if entry is None:
        entry = PlanEntry(year=year, segment=segment)
        session.add(entry)
    entry.planned_actions, entry.target_contacts = planned_actions.strip(), target_contacts
    entry.updated_at, entry.updated_by = now, actor
    return entry
