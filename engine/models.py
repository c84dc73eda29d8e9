"""Database tables of the engine (SQLAlchemy 2.0 typed models).

Times are timezone-aware UTC. The schema is created and changed only by the Alembic
migrations in `engine/migrations/`; `create_all` is never used outside tests of migrations.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    cast,
    func,
    literal,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; SQLite hands back naive values, which are UTC by contract."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Naive datetimes are not stored; pass an aware UTC datetime.")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Role(enum.StrEnum):
    EXPERT = "expert"
    MANAGER = "manager"
    PROCESS_OWNER = "process_owner"
    ADMIN = "admin"


class InstanceStatus(enum.StrEnum):
    RUNNING = "running"      # has ready user tasks, or waits for a timer or message
    ERROR = "error"          # a step failed; a manager can retry after a fix
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class TimerStatus(enum.StrEnum):
    WAITING = "waiting"
    FIRED = "fired"
    CANCELLED = "cancelled"
    FAILED = "failed"


class AuditKind(enum.StrEnum):
    DEPLOY = "deploy"
    START = "start"
    CLAIM = "claim"
    UNCLAIM = "unclaim"
    ASSIGN = "assign"
    HANDOVER = "handover"
    COMPLETE = "complete"
    TIMER_FIRED = "timer_fired"
    MESSAGE_SENT = "message_sent"
    MESSAGE_DELIVERED = "message_delivered"
    MESSAGE_UNDELIVERED = "message_undelivered"
    ERROR = "error"
    RETRY = "retry"
    CANCEL = "cancel"
    END = "end"
    MIGRATE = "migrate"
    EXPORT = "export"              # a version written back as a file (`export`): the file is then in step with it
    TASK_CREATE = "task_create"    # a user task became open (the API's event feed; not in the history)
    # accounts (no instance): who changed whose access, from the command line or an admin page
    USER_CREATE = "user_create"
    USER_DEACTIVATE = "user_deactivate"
    USER_REACTIVATE = "user_reactivate"
    PASSWORD_SET = "password_set"  # noqa: S105 - an audit kind, not a password
    SIGN_OUT_EVERYWHERE = "sign_out_everywhere"
    TOKEN_CREATE = "token_create"  # noqa: S105 - an audit kind
    TOKEN_REVOKE = "token_revoke"  # noqa: S105 - an audit kind
    USER_ROLES = "user_roles"          # roles or groups changed, by an administrator or a directory sign-in
    USER_DIRECTORY = "user_directory"  # created or linked at an OpenID Connect sign-in
    # customers (no instance): a prospective entrepreneur's founded company got its Business ID (issue 18)
    CUSTOMER_BUSINESS_ID = "customer_business_id"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime]
    # Every signed-in session carries the epoch it began in; raising it (sign-out, a new password,
    # deactivation, "sign out everywhere") ends all of the user's sessions at their next request.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The identity provider's `sub` for a user who signs in through OpenID Connect: it never changes,
    # so a renamed account in the directory is still the same user here.
    oidc_subject: Mapped[str | None] = mapped_column(String(255), index=True, unique=True)

    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    groups: Mapped[list[GroupMember]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def role_names(self) -> list[str]:
        return sorted(r.role for r in self.roles)

    @property
    def group_names(self) -> list[str]:
        return sorted(g.group_name for g in self.groups)


class LoginFailure(Base):
    """A failed sign-in; recent ones throttle further tries for that username and address."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_username_at", "username", "at"),
                      Index("ix_login_failures_address_at", "address", "at"),
                      Index("ix_login_failures_username_address_at", "username", "address", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), primary_key=True)


class GroupMember(Base):
    __tablename__ = "group_members"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    group_name: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)


class IdempotencyKey(Base):
    """A POST's `Idempotency-Key` and the answer it got, so a retried request gets the same answer.

    `status` is None while the first request runs (a second one meanwhile is told to wait)."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("username", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))    # sha256 of method, path and body
    status: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex; the token is shown once
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[datetime | None]       # None only on tokens made before expiry existed (0006)
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


# A customer card without a Business ID (a prospective entrepreneur, issue 18) is keyed "H-<card id>":
# the letter and hyphen can never be read as a Business ID (seven digits, a hyphen, a check digit).
PROSPECT_PREFIX = "H-"
_PROSPECT_KEY = re.compile(r"\s*[Hh]-(\d{1,9})\s*")


class Customer(Base):
    """A customer card: a company keyed by its Business ID, or a prospective entrepreneur (a person
    planning to found a company, `business_id` None until an expert records it) keyed "H-<id>"."""
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[str | None] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)   # a prospect's card: the person's name
    planned_company: Mapped[str] = mapped_column(String(300), default="", server_default="")
    industry: Mapped[str] = mapped_column(String(10), default="")        # TOL 2008 code, e.g. "62010"
    size_class: Mapped[str] = mapped_column(String(20), default="")
    municipality: Mapped[str] = mapped_column(String(100), default="")
    ministry_segment: Mapped[str] = mapped_column(String(40), default="")
    service_need_segment: Mapped[str] = mapped_column(String(40), default="")
    lifecycle_phase: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime]

    contacts: Mapped[list[ContactPerson]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ContactPerson.id")

    @hybrid_property
    def key(self) -> str:
        """What URLs, lists, exports and the API key the card by: the Business ID, else "H-<id>"."""
        return self.business_id or f"{PROSPECT_PREFIX}{self.id}"

    @key.inplace.expression
    @classmethod
    def _key_expression(cls) -> ColumnElement[str]:
        return func.coalesce(cls.business_id, literal(PROSPECT_PREFIX) + cast(cls.id, String))

    @property
    def is_prospect(self) -> bool:
        return self.business_id is None


def prospect_id(key: str) -> int | None:
    """The card id of a prospect's key ("H-123"), None when `key` is not of that form."""
    match = _PROSPECT_KEY.fullmatch(key)
    return int(match.group(1)) if match else None


def customer_key_is(key: str) -> ColumnElement[bool]:
    """The condition finding the card `key` names: "H-<id>" by card id (also after its Business ID was
    recorded, so old links keep working), anything else by Business ID as written."""
    card = prospect_id(key)
    return Customer.id == card if card is not None else Customer.business_id == key.strip()


class ContactPerson(Base):
    __tablename__ = "contact_persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class ProcessDefinition(Base):
    __tablename__ = "process_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_key: Mapped[str] = mapped_column(String(200), unique=True)  # the BPMN process id
    name: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime]

    versions: Mapped[list[DefinitionVersion]] = relationship(
        back_populates="definition", order_by="DefinitionVersion.version")


class DefinitionVersion(Base):
    __tablename__ = "definition_versions"
    __table_args__ = (UniqueConstraint("definition_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definitions.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300), default="")
    file_name: Mapped[str] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # Large, and read only when asked for (the spec once per process into the codec's cache).
    source_xml: Mapped[str] = mapped_column(Text, deferred=True)
    spec_json: Mapped[str] = mapped_column(Text, deferred=True)   # serialized spec + subprocess specs
    start_messages: Mapped[list[Any]] = mapped_column(JSON, default=list)  # message names of message starts
    has_plain_start: Mapped[bool] = mapped_column(Boolean, default=True)
    # Reached only as a call-activity target: part of its caller, never started on its own.
    callable_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # The process may be started for a customer card without a Business ID (a prospective entrepreneur):
    # the process's `<camunda:property name="customerWithoutBusinessId" value="true"/>` (issue 18).
    accepts_prospects: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    deployed_at: Mapped[datetime]
    deployed_by: Mapped[str] = mapped_column(String(80), default="")
    # Where the content came from: "file" (deploy of a file or folder; `origin_path` names the file as
    # given) or "browser" (the editor or an upload). A folder's deploy compares each file with the
    # version last deployed from it, so it never silently replaces a version made in the browser.
    origin: Mapped[str] = mapped_column(String(20), default="file", server_default="file")
    origin_path: Mapped[str | None] = mapped_column(String(1000))

    definition: Mapped[ProcessDefinition] = relationship(back_populates="versions", lazy="joined")


class DecisionVersion(Base):
    """A DMN decision as deployed: versioned per decision id like processes, by content.

    The decision a process version evaluates is compiled into that version's spec when it is
    deployed, so running instances keep theirs; this table keeps the source, for later deploys that
    refer to the decision and for reading.
    """

    __tablename__ = "decision_versions"
    __table_args__ = (UniqueConstraint("decision_key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_key: Mapped[str] = mapped_column(String(200), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300), default="")
    file_name: Mapped[str] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    source_xml: Mapped[str] = mapped_column(Text, deferred=True)
    deployed_at: Mapped[datetime]
    deployed_by: Mapped[str] = mapped_column(String(80), default="")


class Instance(Base):
    __tablename__ = "instances"
    # The managers' list: each filter it offers has an index in the list's order (newest first).
    __table_args__ = (
        Index("ix_instances_started", "started_at", "id"),
        Index("ix_instances_status_started", "status", "started_at"),
        Index("ix_instances_customer_started", "customer_id", "started_at"),
        Index("ix_instances_process_started", "process_key", "started_at", "id"),
        # (the other filters' columns last: combined filters are checked in the index, not in the table)
        Index("ix_instances_process_status_started", "process_key", "status", "started_at", "id", "responsible"),
        Index("ix_instances_responsible_started", "responsible", "started_at", "id", "process_key", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_version_id: Mapped[int] = mapped_column(ForeignKey("definition_versions.id"), index=True)
    process_key: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    responsible: Mapped[str] = mapped_column(String(80))   # username of the responsible expert
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("instances.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=InstanceStatus.RUNNING)
    error_message: Mapped[str | None] = mapped_column(Text)
    error_element: Mapped[str | None] = mapped_column(String(200))
    serializer_version: Mapped[str] = mapped_column(String(20))
    state_json: Mapped[str] = mapped_column(Text)   # SpiffWorkflow serializer output without the spec
    lock_version: Mapped[int] = mapped_column(Integer, default=1)
    started_at: Mapped[datetime]
    started_by: Mapped[str] = mapped_column(String(80), default="")
    ended_at: Mapped[datetime | None]
    aftercare_completed_at: Mapped[datetime | None]

    __mapper_args__ = {"version_id_col": lock_version}

    definition_version: Mapped[DefinitionVersion] = relationship(lazy="joined")
    customer: Mapped[Customer] = relationship(lazy="joined")


OPEN_TASK = text("status = 'open'")
OPEN_ASSIGNED_TASK = text("status = 'open' AND assignee IS NOT NULL")
UNCLAIMED_TASK = text("status = 'open' AND assignee IS NULL")


class Task(Base):
    """A user task of an instance: open ones form the inboxes, closed ones the history."""

    __tablename__ = "tasks"
    # Inboxes read one index range per scope (the user's own open tasks; each group's unclaimed ones) in
    # inbox order, from partial indexes of open tasks only (process and company last: filtered counts
    # read the index alone). Queries name the status as a literal so that both databases match them.
    __table_args__ = (
        # Claimed tasks only: SQLite planned the unclaimed-group counts (`assignee IS NULL`) on this index
        # when it held the unclaimed tasks too, scanning them all (30 ms instead of 2.1 ms at 100,000 open).
        Index("ix_tasks_open_assignee", "assignee", "due_at", "created_at", "id", "process_key", "customer_id",
              sqlite_where=OPEN_ASSIGNED_TASK, postgresql_where=OPEN_ASSIGNED_TASK),
        Index("ix_tasks_unclaimed_group", "candidate_group", "due_at", "created_at", "id", "process_key",
              "customer_id", sqlite_where=UNCLAIMED_TASK, postgresql_where=UNCLAIMED_TASK),
        Index("ix_tasks_instance_status", "instance_id", "status"),
        Index("ix_tasks_open_aftercare", "is_aftercare", "due_at", "instance_id",   # late aftercare
              sqlite_where=OPEN_TASK, postgresql_where=OPEN_TASK),
        # A search names a few companies: their open tasks come from this index alone.
        Index("ix_tasks_customer_open", "customer_id", "assignee", "candidate_group", "due_at", "created_at", "id",
              sqlite_where=OPEN_TASK, postgresql_where=OPEN_TASK),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)   # SpiffWorkflow task id (uuid4)
    instance_id: Mapped[int] = mapped_column(ForeignKey("instances.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    process_key: Mapped[str] = mapped_column(String(200))
    element_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300), default="")
    lane: Mapped[str | None] = mapped_column(String(200))
    candidate_group: Mapped[str | None] = mapped_column(String(200))
    assignee: Mapped[str | None] = mapped_column(String(80))
    is_aftercare: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.OPEN)
    due_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    completed_by: Mapped[str | None] = mapped_column(String(80))

    instance: Mapped[Instance] = relationship(lazy="raise")


class Timer(Base):
    """A waiting timer event; `palvelupolku tick`/`worker` fire the due ones."""

    __tablename__ = "timers"
    __table_args__ = (Index("ix_timers_status_due", "status", "due_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)   # SpiffWorkflow task id
    instance_id: Mapped[int] = mapped_column(ForeignKey("instances.id", ondelete="CASCADE"), index=True)
    element_id: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default=TimerStatus.WAITING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lock_owner: Mapped[str | None] = mapped_column(String(100))
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    fired_at: Mapped[datetime | None]


class MessageWait(Base):
    """A message catch event an instance waits at (intermediate catch, receive task, boundary)."""

    __tablename__ = "message_waits"
    __table_args__ = (Index("ix_message_waits_name", "message_name"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)   # SpiffWorkflow task id
    instance_id: Mapped[int] = mapped_column(ForeignKey("instances.id", ondelete="CASCADE"), index=True)
    element_id: Mapped[str] = mapped_column(String(200))
    message_name: Mapped[str] = mapped_column(String(200))


class TrailMark(Base):
    """What the instance diagram shows of tasks pruned from an instance's live state (engine.runtime.prune):
    an element completed (`target_id` empty) or a sequence flow taken (the element pair)."""

    __tablename__ = "instance_trail"

    instance_id: Mapped[int] = mapped_column(ForeignKey("instances.id", ondelete="CASCADE"), primary_key=True)
    element_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    target_id: Mapped[str] = mapped_column(String(200), primary_key=True, default="")


class PendingMessage(Base):
    """A message an instance threw (or a chain of messages started from outside), written in the sender's
    transaction and delivered after it commits, each in its own transaction (engine.runtime.delivery).
    A delivered row keeps `delivered_at` for a week: the chain's rows count its messages (the loop cap)."""

    __tablename__ = "pending_messages"
    __table_args__ = (Index("ix_pending_messages_open", "delivered_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(36), index=True)   # the messages one operation set off
    name: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    responsible: Mapped[str] = mapped_column(String(80))     # the sender's responsible expert
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("instances.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_instance_at", "instance_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))      # username, or "system"
    kind: Mapped[str] = mapped_column(String(30))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("instances.id", ondelete="CASCADE"))
    task_id: Mapped[str | None] = mapped_column(String(36))
    element_id: Mapped[str | None] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# --- customer relationship management (aftercare follow-up, portfolios, plan, reminders) --------------

class Portfolio(Base):
    """A key-account portfolio (kanta-asiakassalkku): chosen customers an expert keeps in touch with."""

    __tablename__ = "portfolios"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    owner: Mapped[str] = mapped_column(String(80), index=True)          # username of the owning expert
    contact_interval_months: Mapped[int] = mapped_column(Integer, default=6)
    created_at: Mapped[datetime]


class PortfolioMember(Base):
    __tablename__ = "portfolio_members"

    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(80), default="")


class CustomerContact(Base):
    """A logged contact with a customer outside any running process (or beside one)."""

    __tablename__ = "customer_contacts"
    __table_args__ = (Index("ix_customer_contacts_customer_day", "customer_id", "contact_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    contact_date: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))                     # phone | meeting | email | web
    notes: Mapped[str] = mapped_column(Text, default="")
    by_user: Mapped[str] = mapped_column(String(80))
    new_needs: Mapped[bool] = mapped_column(Boolean, default=False)
    started_instance_id: Mapped[int | None] = mapped_column(ForeignKey("instances.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class PlanEntry(Base):
    """The yearly customer plan (asiakkuussuunnitelma): planned actions per service-need segment."""

    __tablename__ = "plan_entries"
    __table_args__ = (UniqueConstraint("year", "segment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    segment: Mapped[str] = mapped_column(String(40))
    planned_actions: Mapped[str] = mapped_column(Text, default="")
    target_contacts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(80), default="")


class YearlyTarget(Base):
    """The results scorecard's targets for one year (tuloskortti), set by the managers."""

    __tablename__ = "yearly_targets"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    positive_feedback_percent: Mapped[int] = mapped_column(Integer)
    company_visits: Mapped[int] = mapped_column(Integer)
    growth_companies: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(80), default="")


class SavedFilter(Base):
    """A user's named filter of a list page (engine.runtime.filters), kept as the page's query string."""

    __tablename__ = "saved_filters"
    __table_args__ = (UniqueConstraint("username", "page", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    page: Mapped[str] = mapped_column(String(20))          # inbox | instances
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Notification(Base):
    """An in-app reminder or to-do item; UNIQUE per (user, kind, item, day) makes sending idempotent."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("username", "kind", "item_key", "day"),
                      Index("ix_notifications_username_read", "username", "read_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(30))      # aftercare | follow_up | portfolio | handover
    item_key: Mapped[str] = mapped_column(String(100))
    day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """One e-mail digest per expert per day; kept here when no SMTP server is configured (demo)."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("username", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    day: Mapped[date] = mapped_column(Date)
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)


class ProcessDraft(Base):
    """A process owner's unsaved-to-the-engine work on one process: kept per owner, never run."""

    __tablename__ = "process_drafts"
    __table_args__ = (UniqueConstraint("owner", "process_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(80), index=True)          # username of the process owner
    process_key: Mapped[str] = mapped_column(String(200))               # the BPMN process id it edits
    base_version: Mapped[int | None] = mapped_column(Integer)            # the version it was opened from
    source_xml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
