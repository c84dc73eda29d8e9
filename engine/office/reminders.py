"""Reminders: each expert's daily digest of due and overdue aftercare, follow-ups and portfolio
contacts, as in-app notifications and one e-mail per expert per day.

Idempotent by construction: a notification is unique per (user, kind, item, day) and a digest
mail per (user, day); rows are inserted with ON CONFLICT DO NOTHING, so running the sweep twice a
day (or from two workers at once) adds nothing the second time. Mails wait in the outbox; when an
SMTP server is configured `deliver` sends them and stamps `sent_at` (demo mode keeps them there).

A notification stores its English sentence (`text`), written from `SENTENCES` (code -> template); the web
app reads it back with `describe` and says it in the reader's language. The digest mail is written in
the recipient's language (`User.language`, Finnish by default) from `MAIL`, the mail being this module's
own edge to people.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..clock import HELSINKI
from ..config import SmtpConfig
from ..errors import NotFound, PermissionDenied
from ..models import (
    Customer,
    Instance,
    Notification,
    OutboxMessage,
    Portfolio,
    Role,
    Task,
    TaskStatus,
    User,
)
from ..runtime.bpmn.languages import LANGUAGES
from ..runtime.instances import HandedOver
from ..runtime.texts import version_texts
from .crm import local_midnight
from .portfolios import agreed_contacts, last_contacts, pending_agreement, portfolio_view

FOLLOW_UP_ELEMENTS = ("Task_seurantapaiva", "Task_ei_tavoitettu")   # follow-up day, written contact
KIND_AFTERCARE, KIND_FOLLOW_UP, KIND_PORTFOLIO, KIND_HANDOVER = "aftercare", "follow_up", "portfolio", "handover"


SENTENCES = {
    "notice.overdue": "{task} — {customer} (overdue since {when})",
    "notice.due": "{task} — {customer} (due {when})",
    "notice.portfolio_never": "Contact due: {name} in portfolio '{portfolio}' (last contact never)",
    "notice.portfolio": "Contact due: {name} in portfolio '{portfolio}' (last contact {last})",
    "notice.agreed": "Agreed contact due: {customer} (agreed for {when})",
    "notice.handover": "Tell {customer} that you are now their responsible expert for {process} (instance "
                       "{instance}), taking over from {old}.",
}
# The digest mail per language: the subject, its lines, the headings and each item's sentence.
MAIL: dict[str, dict[str, str]] = {
    "fi": {"subject": "Palvelupolku: muistutukset {day} ({count} kpl)", "hello": "Hei {name},",
           "intro": "muistutuksesi {day}:", "aftercare": "Jälkihoito", "follow_up": "Seuranta",
           "portfolio": "Salkun yhteydenotot", "notice.overdue": "{task} — {customer} (myöhässä {when} alkaen)",
           "notice.due": "{task} — {customer} (erääntyy {when})",
           "notice.agreed": "Sovittu yhteydenotto erääntynyt: {customer} (sovittu {when})",
           "notice.portfolio_never": "Yhteydenotto erääntynyt: {name}, salkku '{portfolio}' (ei aiempaa yhteyttä)",
           "notice.portfolio": "Yhteydenotto erääntynyt: {name}, salkku '{portfolio}' (edellinen yhteys {last})"},
    "sv": {"subject": "Palvelupolku: påminnelser {day} ({count} st.)", "hello": "Hej {name},",
           "intro": "dina påminnelser {day}:", "aftercare": "Uppföljning", "follow_up": "Återkontakt",
           "portfolio": "Portföljkontakter", "notice.overdue": "{task} — {customer} (försenad sedan {when})",
           "notice.due": "{task} — {customer} (förfaller {when})",
           "notice.agreed": "Överenskommen kontakt förfallen: {customer} (överenskommen till {when})",
           "notice.portfolio_never": "Kontakt förfallen: {name} i portföljen '{portfolio}' (ingen tidigare kontakt)",
           "notice.portfolio": "Kontakt förfallen: {name} i portföljen '{portfolio}' (senaste kontakt {last})"},
    "en": {"subject": "Palvelupolku: {count} reminder(s) for {day}", "hello": "Hello {name},",
           "intro": "your reminders for {day}:", "aftercare": "Aftercare", "follow_up": "Follow-ups",
           "portfolio": "Portfolio contacts",
           **{code: template for code, template in SENTENCES.items() if code != "notice.handover"}},
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts)),
                      re.DOTALL)


_PATTERNS = {code: _pattern(template) for code, template in SENTENCES.items()}


def describe(text: str) -> tuple[str, dict[str, str]]:
    """A stored notification's code and parameters, read back from its English sentence ("" when unknown)."""
    for code, pattern in _PATTERNS.items():
        found = pattern.fullmatch(text or "")
        if found:
            return code, found.groupdict()
    return "", {}


@dataclass(frozen=True)
class Item:
    kind: str
    key: str
    code: str
    params: dict[str, str]
    link: str = ""
    task_names: dict[str, str] = field(default_factory=dict)    # language -> the task's name in the model

    @property
    def text(self) -> str:
        return SENTENCES[self.code].format(**self.params)


@dataclass
class ReminderReport:
    day: date
    notifications: int = 0
    mails: int = 0
    sent: int = 0
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        failed = f", {len(self.failed)} failed" if self.failed else ""
        return (f"Reminders for {self.day.isoformat()}: {self.notifications} new notification(s), "
                f"{self.mails} new digest mail(s), {self.sent} sent{failed}.")


def _insert_ignoring_duplicates(session: Session, model: type[Any], values: dict[str, Any]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id; True when a row was added. (Not rowcount:
    psycopg reports -1 for a skipped row, which would count as added.)"""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(model).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite.insert(model).values(**values).on_conflict_do_nothing()
    else:  # pragma: no cover - the two supported databases are above
        stmt = insert(model).values(**values)
    return session.execute(stmt.returning(model.id)).scalar() is not None


def due_items(session: Session, user: User, now: datetime) -> list[Item]:
    """What the expert should act on by the end of today (Helsinki time)."""
    today = now.astimezone(HELSINKI).date()
    end_of_day = local_midnight(today + timedelta(days=1))
    items: list[Item] = []
    rows = session.execute(
        select(Task, Customer.name, Instance.definition_version_id).join(Customer, Customer.id == Task.customer_id)
        .join(Instance, Instance.id == Task.instance_id)
        .where(Task.status == TaskStatus.OPEN.value, Task.assignee == user.username, Task.due_at < end_of_day,
               (Task.is_aftercare.is_(True)) | Task.element_id.in_(FOLLOW_UP_ELEMENTS))
        .order_by(Task.due_at, Task.id)).tuples().all()
    for task, customer, version_id in rows:
        kind = KIND_AFTERCARE if task.is_aftercare else KIND_FOLLOW_UP
        code = "notice.overdue" if task.due_at and task.due_at < now else "notice.due"
        when = _day(task.due_at.astimezone(HELSINKI).date()) if task.due_at else ""
        # the stored task name is the model's Finnish; the mail names the task in the recipient's language
        texts = version_texts(session, version_id)
        names = {lang: texts.name(task.element_id, lang, task.name) for lang in LANGUAGES}
        items.append(Item(kind, f"task:{task.id}", code, {"task": task.name, "customer": customer, "when": when},
                          f"/tasks/{task.id}", names))
    for p in session.scalars(select(Portfolio).where(Portfolio.owner == user.username).order_by(Portfolio.name)):
        for m in portfolio_view(session, p.id, today).members:
            if m.contact_due:
                params = {"name": m.name, "portfolio": p.name}
                if m.last_contact:
                    params["last"] = _day(m.last_contact)
                items.append(Item(KIND_PORTFOLIO, f"portfolio:{p.id}:{m.business_id}",
                                  "notice.portfolio" if m.last_contact else "notice.portfolio_never", params,
                                  f"/crm/portfolios/{p.id}"))
    items += _agreed_items(session, user, today)
    return items


def _agreed_items(session: Session, user: User, today: date) -> list[Item]:
    """Next contacts agreed in this expert's services that are due and not yet kept."""
    agreed = {cid: a for cid, a in agreed_contacts(session).items() if a[1] == user.username and a[0] <= today}
    if not agreed:
        return []
    last = last_contacts(session, list(agreed))
    items = []
    for customer in session.scalars(select(Customer).where(Customer.id.in_(list(agreed))).order_by(Customer.name)):
        day = pending_agreement(agreed[customer.id], last.get(customer.id))
        if day is not None:
            items.append(Item(KIND_FOLLOW_UP, f"agreed:{customer.id}:{day.isoformat()}", "notice.agreed",
                              {"customer": customer.name, "when": _day(day)},
                              f"/crm/customers/{customer.key}/contact"))
    return items


def _day(value: date) -> str:
    return f"{value.day}.{value.month}.{value.year}"      # d.m.yyyy, as Finnish and Swedish write it


def _experts(session: Session) -> list[User]:
    users = session.scalars(select(User).where(User.active.is_(True)).order_by(User.username)).all()
    return [u for u in users if Role.EXPERT.value in u.role_names]


def build(session: Session, now: datetime) -> ReminderReport:
    """Today's notifications and digest mails for every expert (only what is not there yet)."""
    today = now.astimezone(HELSINKI).date()
    report = ReminderReport(today)
    for user in _experts(session):
        items = due_items(session, user, now)
        for item in items:
            added = _insert_ignoring_duplicates(session, Notification, {
                "username": user.username, "kind": item.kind, "item_key": item.key, "day": today,
                "text": item.text, "link": item.link, "created_at": now})
            if added:   # today's reminder replaces the unread ones of earlier days for the same item
                session.execute(update(Notification).where(
                    Notification.username == user.username, Notification.kind == item.kind,
                    Notification.item_key == item.key, Notification.day < today,
                    Notification.read_at.is_(None)).values(read_at=now))
            report.notifications += added
        # reminders of items no longer due (the call was made, the contact logged) close themselves
        session.execute(update(Notification).where(
            Notification.username == user.username, Notification.read_at.is_(None),
            Notification.kind.in_((KIND_AFTERCARE, KIND_FOLLOW_UP, KIND_PORTFOLIO)),
            Notification.item_key.not_in([i.key for i in items] or [""])).values(read_at=now))
        if items:
            report.mails += _insert_ignoring_duplicates(session, OutboxMessage, {
                "username": user.username, "day": today, "recipient": user.email,
                "subject": _said(user)["subject"].format(count=len(items), day=_day(today)),
                "body": _digest(user, items, today), "created_at": now})
    return report


def _said(user: User) -> dict[str, str]:
    return MAIL.get(user.language or "fi", MAIL["fi"])


def _digest(user: User, items: list[Item], today: date) -> str:
    """The mail in the recipient's language."""
    said, lang = _said(user), user.language or "fi"
    lines = [said["hello"].format(name=user.display_name or user.username), "", said["intro"].format(day=_day(today))]
    for kind in (KIND_AFTERCARE, KIND_FOLLOW_UP, KIND_PORTFOLIO):
        mine = [i for i in items if i.kind == kind]
        if mine:
            lines += ["", f"{said[kind]}:"] + [f"- {said[i.code].format(**_in(i, lang))}" for i in mine]
    return "\n".join(lines + ["", "— Palvelupolku"]) + "\n"


def _in(item: Item, lang: str) -> dict[str, str]:
    """The item's parameters with its task named in `lang`."""
    return {**item.params, "task": item.task_names[lang]} if lang in item.task_names else item.params


def deliver(sessions: Callable[[], Session], smtp: SmtpConfig, now: datetime) -> tuple[int, list[str]]:
    """Send the waiting outbox mails; a failure is recorded on the mail and the others go on."""
    with sessions() as s, s.begin():
        waiting = [(m.id, m.recipient, m.subject, m.body) for m in s.scalars(
            select(OutboxMessage).where(OutboxMessage.sent_at.is_(None), OutboxMessage.error.is_(None))
            .order_by(OutboxMessage.id))]
    sent, failed = 0, []
    for mid, recipient, subject, body in waiting:
        error = _send(smtp, recipient, subject, body)
        with sessions() as s, s.begin():
            values: dict[str, Any] = {"error": error} if error else {"sent_at": now}
            s.execute(update(OutboxMessage).where(OutboxMessage.id == mid, OutboxMessage.sent_at.is_(None))
                      .values(**values))
        if error:
            failed.append(f"mail {mid} to {recipient or '(no address)'}: {error}")
        else:
            sent += 1
    return sent, failed


def _send(smtp: SmtpConfig, recipient: str, subject: str, body: str) -> str | None:
    if not recipient:
        return "The expert has no e-mail address."
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = smtp.sender, recipient, subject
    msg.set_content(body)
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as server:
            if smtp.starttls:
                server.starttls()
            if smtp.user:
                server.login(smtp.user, smtp.password)
            server.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        return f"Sending failed: {exc}"[:500]
    return None


# --- the in-app list --------------------------------------------------------------------------------

def notifications(session: Session, username: str, include_read: bool = False, limit: int = 200) -> list[Notification]:
    query = select(Notification).where(Notification.username == username)
    if not include_read:
        query = query.where(Notification.read_at.is_(None))
    return list(session.scalars(query.order_by(Notification.day.desc(), Notification.id.desc()).limit(limit)))


def unread_count(session: Session, username: str) -> int:
    return len(session.scalars(select(Notification.id).where(
        and_(Notification.username == username, Notification.read_at.is_(None)))).all())


def mark_read(session: Session, notification_id: int, username: str, now: datetime) -> Notification:
    row = session.get(Notification, notification_id) if 0 < notification_id < 2**31 else None   # 32-bit ids
    if row is None:
        raise NotFound(f"Notification {notification_id} does not exist.", code="notification.not_found",
                       params={"id": notification_id})
    if row.username != username:
        raise PermissionDenied("That notification belongs to someone else.", code="notification.not_yours")
    row.read_at = row.read_at or now
    return row


def handover_todo(session: Session, now: datetime, done: HandedOver) -> None:
    """A to-do for the new responsible expert: tell the customer in time who serves them now."""
    instance, old, new = done.instance, done.from_user, done.to_user
    _insert_ignoring_duplicates(session, Notification, {
        "username": new, "kind": KIND_HANDOVER, "item_key": f"instance:{instance.id}",
        "day": now.astimezone(HELSINKI).date(), "created_at": now,
        "link": f"/customers/{instance.customer.key}",
        "text": SENTENCES["notice.handover"].format(customer=instance.customer.name, process=instance.process_key,
                                                    instance=instance.id, old=old)})


def outbox(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """The newest mails first, sent or waiting."""
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))
