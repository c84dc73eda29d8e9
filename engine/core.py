"""`Engine`: the facade outside code, the command line and the web app call.

It composes: each method opens one transaction (or one read), calls the runtime's or the office's
module that owns the rule or the query, and returns a read model. No query or business rule lives
here; where an operation spans both layers (a hand-over and the new expert's to-do), the facade calls
one after the other in the same transaction.

Transactions come in two kinds (engine.db). `transaction()` locks: on SQLite it holds the write lock
from its start. The operations that run BPMN steps (start, complete, messages, retry, cancel,
hand-over, timers) go through `_step`: an optimistic transaction that reads and runs the steps
without the write lock and takes it for the version-checked writes; when another operation changed
the instance meanwhile, the whole operation runs once more from a fresh read, then reports the
conflict."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from .clock import Clock, system_clock
from .db import connect, migrate, session_factory
from .errors import ConflictError, StaleStateError
from .models import (
    Customer,
    Instance,
    User,
)
from .office import calls as calls_mod
from .office import context as context_mod
from .office import crm, reminders
from .office import customers as customers_mod
from .office import portfolios as portfolios_mod
from .office import scorecard as scorecard_mod
from .runtime import (
    access,
    delivery,
    directory,
    feed,
    idempotency,
    instances,
    migration,
    modelling,
    queries,
    tasks,
    texts,
    timers,
    users,
)
from .runtime import decisions as decisions_mod
from .runtime import deploy as deploy_mod
from .runtime import filters as filters_mod
from .runtime.bpmn import Problem, validate_paths
from .runtime.bpmn.languages import DEFAULT_LANGUAGE, ModelTexts
from .runtime.check import check_all, is_repaired
from .runtime.check import repair as repair_data
from .runtime.compare import ElementChange
from .runtime.decisions import DecisionSummary, DecisionTable
from .runtime.diagram import DiagramState, instance_diagram
from .runtime.execution import RUN_BUDGET_SECONDS, Runtime, current_data, keep_after_commit, load
from .runtime.scripting import DEFAULT_TIME_LIMIT
from .runtime.services import Handler, ServiceRegistry
from .runtime.views import InstanceInfo, TaskInfo, instance_info, task_info

T = TypeVar("T")
log = logging.getLogger(__name__)


class Engine:
    """The Palvelupolku engine over one database.

    >>> eng = Engine("sqlite:///instance/palvelupolku.db")   # creates/migrates the schema
    """

    def __init__(self, url: str, *, clock: Clock | None = None, run_migrations: bool = True,
                 script_time_limit: float = DEFAULT_TIME_LIMIT, run_budget: float = RUN_BUDGET_SECONDS,
                 aftercare: bool = True, services: Mapping[str, Handler] | None = None) -> None:
        """`run_budget`: seconds all steps of one operation may take before the instance stops in error.
        `aftercare=False` deploys models without the aftercare rule (embedding, tests; logged on every
        deploy; the web app never sets it). `services`: Python service handlers by the Camunda class,
        delegate or topic name they stand for, beside the built-in and installed ones."""
        self.url = url
        self.clock: Clock = clock or system_clock
        self._writer = connect(url)
        self._reader = connect(url, writer=False) if self._writer.dialect.name == "sqlite" else self._writer
        if run_migrations:
            migrate(self._writer)
        self._write_sessions = session_factory(self._writer)
        self._step_sessions = session_factory(self._writer, optimistic=True)
        self._read_sessions = session_factory(self._reader)
        self.rt = Runtime(clock=self._now, script_time_limit=script_time_limit, run_budget=run_budget,
                          lock_rows=self._writer.dialect.name == "postgresql",
                          services=ServiceRegistry.default(services), aftercare=aftercare)

    def _now(self) -> datetime:
        return self.clock()

    @property
    def dialect(self) -> str:
        return self._writer.dialect.name

    def dispose(self) -> None:
        self._writer.dispose()
        if self._reader is not self._writer:
            self._reader.dispose()

    # --- sessions ---------------------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, optimistic: bool = False) -> Iterator[Session]:
        """One write transaction; stale writes and lock timeouts become ConflictErrors.

        `optimistic` takes SQLite's write lock only at the first write (see engine.db); use it only
        for work whose writes are version-checked, as `_step` does."""
        session = (self._step_sessions if optimistic else self._write_sessions)()
        try:
            with session.begin():
                yield session
            # Committed: the workflows written are the stored state now, and the next operation on
            # the same instance in this process may use them instead of restoring them from JSON.
            for instance_id, state_json, workflow in keep_after_commit(session):
                self.rt.codec.keep(instance_id, state_json, workflow)
            chains = instances.pending_after_commit(session)
        except StaleDataError as exc:
            raise StaleStateError("Someone changed this instance at the same time; reload and try again.",
                                  code="instance.changed_meanwhile") from exc
        except OperationalError as exc:
            if "locked" in str(exc.orig).lower() or "deadlock" in str(exc.orig).lower():
                raise ConflictError("The database was busy with another change; try again.", code="db.busy") from exc
            raise
        finally:
            session.close()
        if chains:      # the messages the operation's steps threw, each delivered in its own transaction
            self._deliver(chains)

    def _deliver(self, chains: set[str] | None) -> int:
        """Deliver pending messages (engine.runtime.delivery): `chains` within one run budget after the
        operation that queued them, or None for everything pending (the worker's sweep)."""
        try:
            return delivery.drain(self.rt, self._step_sessions, chains,
                                  budget=self.rt.run_budget if chains is not None else None)
        except OperationalError:          # the database is busy or gone: the messages stay pending
            log.warning("delivering messages failed; they stay pending for the worker", exc_info=True)
            return 0

    def deliver_messages(self) -> int:
        """Deliver every pending message (a crash, a run budget or conflicts left them); returns how many."""
        return self._deliver(None)

    def _step(self, operation: Callable[[Session], T]) -> T:
        """Run an operation that steps instances in an optimistic transaction; on a version conflict
        (someone else wrote the instance after it was read) run it once more from a fresh read."""
        try:
            with self.transaction(optimistic=True) as s:
                return operation(s)
        except StaleStateError as exc:
            if not isinstance(exc.__cause__, StaleDataError):
                raise                    # the caller's own stale version (expected_version): theirs to reload
        with self.transaction(optimistic=True) as s:
            return operation(s)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self._read_sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    # --- definitions --------------------------------------------------------------------------------

    @staticmethod
    def validate(paths: Sequence[str | Path], *, aftercare: bool = True) -> list[Problem]:
        return validate_paths(list(paths), aftercare=aftercare)[1]

    def deploy(self, path: str | Path, actor: str = "system") -> list[deploy_mod.Deployed]:
        """Deploy a file or folder; a file unchanged since it was last deployed never replaces a newer
        version from the browser (see `Deployed.notice`)."""
        docs = deploy_mod.read_sources(path)
        with self.transaction() as s:
            return deploy_mod.deploy_documents(self.rt, s, docs, actor, from_files=True)

    def export(self, folder: str | Path, process_key: str | None = None,
               actor: str = "system") -> list[deploy_mod.Exported]:
        """Write the newest deployed versions back as files (all processes, or one); audited, so that a
        later deploy knows an edited file was written from that version."""
        with self.transaction() as s:
            return deploy_mod.export(s, Path(folder), process_key, now=self.rt.clock(), actor=actor)

    def deploy_bytes(self, source: bytes, filename: str, actor: str = "system") -> list[deploy_mod.Deployed]:
        with self.transaction() as s:
            return deploy_mod.deploy_bytes(self.rt, s, source, filename, actor)

    # --- process owners: versions, drafts, the editor, diagrams ------------------------------------

    def process_overview(self, owner: str | None = None) -> list[modelling.DefinitionOverview]:
        with self.reading() as s:
            return modelling.overview(s, owner)

    def process_version(self, process_key: str, number: int | None = None) -> tuple[modelling.VersionInfo, str]:
        """A version (the newest when `number` is None) with its BPMN source."""
        with self.reading() as s:
            number = number if number is not None else modelling.newest_version(s, process_key).version
            return modelling.version_info(s, process_key, number), modelling.version(s, process_key, number).source_xml

    def check_bpmn(self, source: bytes, filename: str) -> list[Problem]:
        """Every problem deploy would find in `source` (never raises on bad input)."""
        with self.reading() as s:
            return modelling.check_source(s, source, filename)

    def deploy_edited(self, source: bytes, filename: str, actor: str,
                      origin: dict[str, Any]) -> list[deploy_mod.Deployed]:
        with self.transaction() as s:
            return modelling.deploy_source(self.rt, s, source, filename, actor, origin)

    def draft(self, owner: str, process_key: str) -> modelling.DraftInfo | None:
        with self.reading() as s:
            return modelling.draft(s, owner, process_key)

    def save_draft(self, owner: str, process_key: str, source: bytes,
                   base_version: int | None = None) -> modelling.DraftInfo:
        with self.transaction() as s:
            return modelling.save_draft(s, self._now(), owner, process_key, source, base_version)

    def discard_draft(self, owner: str, process_key: str) -> bool:
        with self.transaction() as s:
            return modelling.discard_draft(s, owner, process_key)

    def new_process(self, owner: str, process_key: str, name: str) -> modelling.DraftInfo:
        """A draft of a new process from the template; refused when the id is already taken."""
        with self.transaction() as s:
            return modelling.new_process(s, self._now(), owner, process_key, name)

    def compare_versions(self, process_key: str, old: int, new: int) -> list[ElementChange]:
        with self.reading() as s:
            return modelling.compare_versions(s, process_key, old, new)

    def changes_to_deploy(self, process_key: str, source: bytes) -> tuple[int | None, list[ElementChange]]:
        """What deploying `source` would change against the newest version of `process_key`."""
        with self.reading() as s:
            return modelling.compare_with_newest(s, process_key, source)

    def heatmap(self, process_key: str, number: int) -> dict[str, dict[str, int]]:
        with self.reading() as s:
            return modelling.heatmap(s, modelling.version(s, process_key, number).id)

    def instance_diagram(self, instance_id: int, viewer: str | None = None) -> DiagramState:
        with self.reading() as s:
            if viewer is not None:
                access.check_instance(s, viewer, instance_id)
            return instance_diagram(self.rt, s, instance_id)

    # --- people and customers --------------------------------------------------------------------

    def add_user(self, username: str, roles: Iterable[str] = (), groups: Iterable[str] = (),
                 password: str | None = None, display_name: str = "", email: str = "",
                 actor: str = "system") -> str:
        with self.transaction() as s:
            return users.add_user(s, self._now(), username, roles=roles, groups=groups, password=password,
                                  display_name=display_name, email=email, actor=actor).username

    def user(self, username: str) -> User:
        with self.reading() as s:
            return users.get_user(s, username)

    def sign_in(self, username: str, password: str, address: str) -> User | None:
        """Password check with throttling per (username, address), username and address (raises TooManyAttempts)."""
        with self.transaction() as s:
            return users.sign_in(s, self._now(), username, password, address)

    def sign_in_directory(self, who: directory.Identity) -> User:
        """The user of an OpenID Connect sign-in, created or updated from the claims (PermissionDenied
        when deactivated)."""
        with self.transaction() as s:
            return directory.sign_in(s, self._now(), who)

    def set_roles(self, username: str, roles: Iterable[str], groups: Iterable[str], actor: str) -> bool:
        """Replace a user's roles and groups; whether anything changed."""
        with self.transaction() as s:
            return users.set_roles(s, self._now(), username, roles, groups, actor)

    def sign_out(self, username: str) -> None:
        """End every session of the user (the web app's sign-out)."""
        with self.transaction() as s:
            users.sign_out(s, username)

    def sign_out_everywhere(self, username: str, actor: str) -> None:
        with self.transaction() as s:
            users.sign_out_everywhere(s, self._now(), username, actor)

    def open_work(self, username: str) -> users.OpenWork:
        """Open tasks the user holds and running instances they are responsible for."""
        with self.reading() as s:
            return users.open_work(s, username)

    def deactivate_user(self, username: str, actor: str) -> None:
        with self.transaction() as s:
            users.set_active(s, self._now(), username, False, actor)

    def reactivate_user(self, username: str, actor: str) -> None:
        with self.transaction() as s:
            users.set_active(s, self._now(), username, True, actor)

    def reset_password(self, username: str, password: str, actor: str) -> None:
        with self.transaction() as s:
            users.reset_password(s, self._now(), username, password, actor)

    def set_language(self, username: str, language: str) -> None:
        with self.transaction() as s:
            users.set_language(s, username, language)

    def create_token(self, username: str, name: str = "", days: int = users.TOKEN_DAYS, actor: str = "system") -> str:
        with self.transaction() as s:
            return users.create_token(s, self._now(), username, name, days, actor)

    def tokens(self, username: str | None = None) -> list[users.TokenInfo]:
        with self.reading() as s:
            return users.tokens(s, username)

    def revoke_token(self, token: str, actor: str) -> users.TokenInfo:
        """Revoke an API token by its id or by the token itself."""
        with self.transaction() as s:
            return users.revoke_token(s, self._now(), token, actor)

    def user_for_token(self, token: str) -> User | None:
        """The token's user; a read, plus a short write at most once a minute per token (its last use)."""
        now = self._now()
        with self.reading() as s:
            use = users.user_for_token(s, now, token)
        if use is None:
            return None
        if use.note_use:
            with self.transaction() as s:
                users.note_token_use(s, now, use.token_id)
        return use.user

    def add_customer(self, business_id: str, name: str, **fields: Any) -> Customer:
        with self.transaction() as s:
            return customers_mod.add_customer(s, self._now(), business_id, name, **fields)

    def customer(self, business_id: str) -> Customer:
        with self.reading() as s:
            return customers_mod.get_customer(s, business_id)

    def add_prospect(self, name: str, **fields: str) -> Customer:
        """A customer card for a person planning to found a company, without a Business ID (keyed "H-<id>")."""
        with self.transaction() as s:
            return customers_mod.add_prospect(s, self._now(), name, **fields)

    def record_business_id(self, key: str, business_id: str, name: str = "", actor: str = "system") -> Customer:
        """The prospect's company was founded: its Business ID goes on the same card (instances kept)."""
        with self.transaction() as s:
            return customers_mod.record_business_id(s, self._now(), key, business_id, name, actor)

    def start_for_prospect(self, process_id: str, person: dict[str, str], responsible: str,
                           data: dict[str, Any] | None = None, actor: str | None = None) -> InstanceInfo:
        """Make a prospective entrepreneur's card (`person`: name, planned_company, municipality, phone,
        email) and start the process for it, in one transaction: a process that refuses such a card
        leaves no card behind."""
        def operation(s: Session) -> int:
            card = customers_mod.add_prospect(s, self._now(), **person)
            req = instances.StartRequest(process_id, card.key, responsible, data, actor or responsible)
            return instances.start(self.rt, s, req).id
        return self.instance(self._step(operation))

    def import_customers(self, path: str | Path, progress: Any = None) -> Any:
        return customers_mod.import_customers_csv(self._write_sessions, path, self._now(), progress)

    # --- instances --------------------------------------------------------------------------------

    def start(self, process_id: str, customer: str, responsible: str, data: dict[str, Any] | None = None,
              actor: str | None = None) -> InstanceInfo:
        """Start an instance and run it to its first wait state; the instance as it then stands, without
        its history (`history` is None, as `complete` answers; `instance()` reads it)."""
        req = instances.StartRequest(process_id, customer, responsible, data, actor or responsible)

        def start(s: Session) -> tuple[InstanceInfo, bool]:
            loaded = instances.begin(self.rt, s, req)
            # A child is started only by a message this instance sent, delivered after the commit.
            info = instance_info(s, loaded.row, current_data(loaded.workflow), loaded.synced, with_history=False,
                                 children=[] if loaded.sent == 0 else None, version=loaded.version)
            return info, loaded.sent > 0
        info, sent = self._step(start)
        return self._read_again(info.id) if sent else info

    def send_message(self, name: str, customer: str, responsible: str, payload: dict[str, Any] | None = None,
                     actor: str = "system") -> list[int]:
        """Deliver a message from outside to the customer's waiting instance, or start the process
        whose message start event catches it; returns the instance ids that got it."""
        return self._step(lambda s: instances.send_message(self.rt, s, name, customer, responsible, payload, actor))

    def inbox(self, username: str, limit: int = 50, offset: int = 0) -> list[TaskInfo]:
        with self.reading() as s:
            return queries.inbox_tasks(s, username, limit, offset)

    def task(self, task_id: str, lang: str = DEFAULT_LANGUAGE, viewer: str | None = None) -> TaskInfo:
        """A task with its form and documentation, in `lang` where the model has it (fi, sv, en); with
        `viewer`, only when that user may see it (engine.runtime.access: one rule for pages and API)."""
        with self.reading() as s:
            if viewer is not None:
                access.check_task(s, viewer, tasks.get_task(s, task_id))
            return tasks.task_view(self.rt, s, task_id, lang)

    def task_context(self, task_id: str, viewer: str, lang: str = DEFAULT_LANGUAGE) -> context_mod.TaskContext:
        """The task form's pre-fill and what earlier steps recorded (engine.office.context), for a viewer
        who may see the task."""
        with self.reading() as s:
            row = tasks.get_task(s, task_id)
            access.check_task(s, viewer, row)
            loaded = load(self.rt, s, row.instance_id)
            found = context_mod.task_context(self.rt, s, task_id, current_data(loaded.workflow), lang)
            state_json = loaded.row.state_json
        self.rt.codec.keep(row.instance_id, state_json, loaded.workflow)  # only read: give it back
        return found

    def aftercare_calls(self, username: str) -> list[calls_mod.Call]:
        """The expert's open aftercare calls, one per customer and window (engine.office.calls)."""
        with self.reading() as s:
            return calls_mod.open_calls(s, username)

    def aftercare_call(self, task_id: str, viewer: str, lang: str = DEFAULT_LANGUAGE) -> list[TaskInfo]:
        """The tasks of the call a task belongs to, the lead first (only the task itself when it is alone)."""
        with self.reading() as s:
            access.check_task(s, viewer, tasks.get_task(s, task_id))
            call = calls_mod.call_of(s, task_id)
            ids = call.task_ids if call is not None else [task_id]
            return [tasks.task_view(self.rt, s, t, lang) for t in ids]

    def calls_of(self, task_ids: Sequence[str]) -> dict[str, calls_mod.Call]:
        """The joint aftercare calls (two services or more) the given open tasks belong to, by task id; a
        task alone in its call is not in the answer. For lists the caller may already read."""
        with self.reading() as s:
            return calls_mod.calls_for(s, task_ids)

    def complete_call(self, task_id: str, username: str, sections: Mapping[str, dict[str, Any]]) -> calls_mod.Call:
        """Complete every service of a call, each with its own answers, in one transaction; asked of a task
        the user may not see, it answers as every task operation does (engine.runtime.access)."""
        def operation(s: Session) -> calls_mod.Call:
            access.check_task(s, username, tasks.get_task(s, task_id))
            return calls_mod.complete_call(self.rt, s, task_id, username, sections)

        return self._step(operation)

    def claim(self, task_id: str, username: str) -> TaskInfo:
        with self.transaction() as s:
            return tasks.claim(self.rt, s, task_id, username)

    def unclaim(self, task_id: str, username: str) -> TaskInfo:
        with self.transaction() as s:
            return task_info(tasks.unclaim(self.rt, s, task_id, username))

    def assign(self, task_id: str, to_user: str, actor: str, note: str = "") -> TaskInfo:
        with self.transaction() as s:
            return task_info(tasks.assign(self.rt, s, task_id, to_user, actor, note))

    def hand_over_candidates(self, task_id: str, actor: str) -> list[User]:
        """Whom `actor` may hand the task to (the rule `assign` enforces)."""
        with self.reading() as s:
            return tasks.hand_over_candidates(s, task_id, actor)

    def complete(self, task_id: str, username: str, data: dict[str, Any] | None = None,
                 expected_version: int | None = None) -> InstanceInfo:
        """Complete a task and run to the next wait state; the instance as it then stands, without its
        history (`history` is None: it grows with the instance, and `instance()` reads it)."""
        def complete(s: Session) -> tuple[InstanceInfo, bool]:
            loaded = tasks.complete(self.rt, s, task_id, username, data, expected_version)
            customers_mod.record_segment(s, loaded.row.customer_id, data or {})   # the card follows the assessment
            customers_mod.record_contact(s, loaded.row.customer_id, data or {})   # a new contact joins the card
            s.flush()
            info = instance_info(s, loaded.row, current_data(loaded.workflow), loaded.synced, with_history=False,
                                 children=loaded.children, version=loaded.version)
            return info, loaded.sent > 0
        info, sent = self._step(complete)
        return self._read_again(info.id) if sent else info

    def _read_again(self, instance_id: int) -> InstanceInfo:
        """An instance without its history, read after an operation whose messages were delivered after its
        commit: a child started, a reply may have moved the instance on since."""
        with self.reading() as s:
            loaded = load(self.rt, s, instance_id)
            return instance_info(s, loaded.row, current_data(loaded.workflow), with_history=False)

    def fire_due_timers(self, now: datetime | None = None, worker: str | None = None,
                        lease: timedelta = timers.LEASE, batch: int = timers.BATCH) -> int:
        """Fire the timers due at `now` (default: the clock); safe to run from several workers.

        A worker takes `batch` due timers at a time and holds them for `lease`."""
        return timers.sweep(self.rt, self._write_sessions, now or self._now(), worker, lease, batch,
                            steps=self._step_sessions)

    def retry_timer(self, timer_id: str, actor: str) -> None:
        with self.transaction() as s:
            timers.retry_failed(s, timer_id, actor, self._now())

    def retry(self, instance_id: int, actor: str) -> InstanceInfo:
        self._step(lambda s: instances.retry(self.rt, s, instance_id, actor))
        return self.instance(instance_id)

    def cancel(self, instance_id: int, actor: str, reason: str) -> InstanceInfo:
        self._step(lambda s: instances.cancel(self.rt, s, instance_id, actor, reason))
        return self.instance(instance_id)

    def hand_over(self, instance_id: int, to_user: str, actor: str, note: str,
                  expected_version: int | None = None) -> InstanceInfo:
        def hand_over(s: Session) -> None:
            done = instances.hand_over(self.rt, s, instance_id, to_user, actor, note, expected_version)
            reminders.handover_todo(s, self.rt.clock(), done)
        self._step(hand_over)
        return self.instance(instance_id)

    # --- moving instances between versions ----------------------------------------------------------

    def migration_dry_run(self, instance_id: int, to_version: int,
                          mapping: dict[str, str] | None = None) -> migration.Plan:
        """Whether one instance can move to `to_version` and why not; nothing is written."""
        with self.reading() as s:
            return migration.dry_run(self.rt, s, instance_id, to_version, mapping)

    def migrate_instance(self, instance_id: int, to_version: int, actor: str, mapping: dict[str, str] | None = None,
                         expected_version: int | None = None) -> migration.Plan:
        """Move one instance (raises MigrationRefused with the plan when it cannot move)."""
        with self.transaction() as s:
            return migration.move(self.rt, s, instance_id, to_version, actor, mapping, expected_version)

    def migrate(self, process_key: str, from_version: int, to_version: int, actor: str, *,
                where: migration.Filter | None = None, mapping: dict[str, str] | None = None,
                dry_run: bool = False) -> migration.BatchReport:
        """Move (or dry-run) every running instance of `from_version` the filter takes, each in its own
        transaction; the report lists those moved and those left untouched, each with its sentence."""
        with self.reading() as s:
            modelling.version(s, process_key, to_version)
            ids = migration.candidates(s, process_key, from_version, where or migration.Filter())
        return migration.run_batch(self.rt, self.transaction, ids, process_key, from_version, to_version, actor,
                                   mapping, dry=dry_run)

    def running_on_older_versions(self, process_key: str) -> dict[int, int]:
        """Running instances per version older than the newest (the owner's offer after deploying)."""
        with self.reading() as s:
            return migration.older_running(s, process_key)

    def instance(self, instance_id: int, viewer: str | None = None) -> InstanceInfo:
        """An instance with its tasks, history and data; with `viewer`, only when that user may see it."""
        with self.reading() as s:
            if viewer is not None:
                access.check_instance(s, viewer, instance_id)
            row = s.get(Instance, instance_id) if 0 < instance_id < 2**31 else None
            if row is not None and is_repaired(row):      # its stored data cannot be read back
                return instance_info(s, row, {})
            loaded = load(self.rt, s, instance_id)
            info = instance_info(s, loaded.row, current_data(loaded.workflow))
            state_json = loaded.row.state_json
        self.rt.codec.keep(instance_id, state_json, loaded.workflow)  # only read, not changed: give it back
        return info

    # --- read models for the screens ----------------------------------------------------------------

    def inbox_page(self, username: str, f: queries.InboxFilter) -> queries.InboxPage:
        with self.reading() as s:
            page = queries.inbox(s, queries.inbox_user(s, username), self._now(), f)
            return calls_mod.fold_inbox(s, page)   # one row per aftercare call of a customer

    def saved_filters(self, username: str, page: str) -> list[filters_mod.Filter]:
        """The user's own saved filters of a list page (engine.runtime.filters), by name."""
        with self.reading() as s:
            return filters_mod.filters(s, username, page)

    def save_filter(self, username: str, page: str, name: str, query: str) -> filters_mod.Filter:
        with self.transaction() as s:
            return filters_mod.save_filter(s, self._now(), username, page, name, query)

    def delete_filter(self, username: str, filter_id: int) -> None:
        with self.transaction() as s:
            filters_mod.delete_filter(s, username, filter_id)

    def decisions(self) -> list[DecisionSummary]:
        """Every deployed DMN decision with its newest version."""
        with self.reading() as s:
            return decisions_mod.decisions(s)

    def decision(self, key: str, version: int | None = None) -> DecisionTable:
        """One version of a decision as a table (the newest when None); NotFound when there is none."""
        with self.reading() as s:
            return decisions_mod.decision_table(s, key, version)

    def process_names(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
        """Every process's name in `lang` (Finnish where its model has none), by process key."""
        with self.reading() as s:
            return texts.process_names(s, lang)

    def model_texts(self, process_key: str, version: int | None = None) -> ModelTexts:
        """The texts of a version (the newest when None) in every language its file has."""
        with self.reading() as s:
            number = version if version is not None else modelling.newest_version(s, process_key).version
            return texts.version_texts(s, modelling.version(s, process_key, number).id)

    def task_names(self, tasks_: list[TaskInfo], lang: str) -> list[TaskInfo]:
        """Task names of a list (the inbox) in `lang`, from the newest version of each process."""
        if lang == DEFAULT_LANGUAGE:
            return tasks_
        with self.reading() as s:
            return texts.localize_names(tasks_, lang, texts.newest_texts(s))

    def processes(self) -> list[queries.ProcessInfo]:
        with self.reading() as s:
            return queries.processes(s)

    def instances(self, f: queries.InstanceFilter) -> queries.Page[queries.InstanceRow]:
        with self.reading() as s:
            return queries.instances(s, self._now(), f)

    def export_instances(self, f: queries.InstanceFilter) -> Iterator[queries.InstanceRow]:
        with self.reading() as s:
            yield from queries.all_instances(s, self._now(), f)

    def team(self) -> tuple[list[queries.Load], list[queries.Load]]:
        with self.reading() as s:
            return queries.team(s, self._now())

    def customers(self, q: str = "", page: int = 1, per_page: int = 25) -> queries.Page[Customer]:
        with self.reading() as s:
            return customers_mod.customer_page(s, q, page, per_page)

    def service_path(self, business_id: str) -> tuple[Customer, list[queries.PathStep]]:
        with self.reading() as s:
            customer = customers_mod.get_customer(s, business_id)
            return customer, queries.service_path(s, customer)

    def update_customer(self, business_id: str, **fields: Any) -> Customer:
        with self.transaction() as s:
            return customers_mod.update_customer(s, business_id, **fields)

    def add_contact(self, business_id: str, name: str, title: str = "", phone: str = "", email: str = "") -> None:
        with self.transaction() as s:
            customers_mod.add_contact(s, business_id, name, title, phone, email)

    def users(self, role: str | None = None) -> list[User]:
        with self.reading() as s:
            return users.active_users(s, role)

    def accounts(self) -> list[User]:
        """Every user, deactivated ones too (an administrator's list)."""
        with self.reading() as s:
            return users.all_users(s)

    # --- customer relationship management (engine/office: crm, portfolios, reminders) ------------------

    def today(self) -> date:
        return self._now().astimezone(crm.HELSINKI).date()

    def aftercare_dashboard(self, period: crm.Period) -> crm.Dashboard:
        with self.reading() as s:
            return crm.dashboard(s, self._now(), period)

    def aftercare_outcomes(self, period: crm.Period) -> list[crm.Outcome]:
        with self.reading() as s:
            return crm.outcomes(s, self._now(), period)

    def quality(self, period: crm.Period) -> crm.Quality:
        with self.reading() as s:
            return crm.quality(s, self._now(), period)

    def create_portfolio(self, name: str, owner: str, interval_months: int, actor: str) -> int:
        """A portfolio owned by `owner`; `actor` is the owner or a manager."""
        with self.transaction() as s:
            return portfolios_mod.create_portfolio(s, self._now(), name, owner, interval_months, actor).id

    def portfolios(self, owner: str | None = None) -> list[portfolios_mod.PortfolioSummary]:
        with self.reading() as s:
            return portfolios_mod.portfolios(s, self.today(), owner)

    def portfolio(self, portfolio_id: int) -> portfolios_mod.PortfolioView:
        with self.reading() as s:
            return portfolios_mod.portfolio_view(s, portfolio_id, self.today())

    def add_to_portfolio(self, portfolio_id: int, business_id: str, actor: str) -> str:
        with self.transaction() as s:
            return portfolios_mod.add_member(s, self._now(), portfolio_id, business_id, actor).name

    def remove_from_portfolio(self, portfolio_id: int, business_id: str, actor: str) -> None:
        with self.transaction() as s:
            portfolios_mod.remove_member(s, portfolio_id, business_id, actor)

    def log_contact(self, req: portfolios_mod.ContactRequest) -> int | None:
        """Record a customer contact; returns the needs assessment it started, if any."""
        with self.transaction() as s:
            return portfolios_mod.log_contact(self.rt, s, req).started_instance_id

    def customer_contacts(self, business_id: str) -> list[Any]:
        with self.reading() as s:
            return portfolios_mod.contacts(s, business_id)

    def plan(self, year: int) -> portfolios_mod.Plan:
        with self.reading() as s:
            return portfolios_mod.plan(s, year)

    def set_plan(self, year: int, segment: str, planned_actions: str, target_contacts: int, actor: str) -> None:
        with self.transaction() as s:
            portfolios_mod.set_plan(s, self._now(), year, segment, planned_actions, target_contacts, actor)

    def scorecard(self, year: int) -> scorecard_mod.Scorecard:
        """The results scorecard of a year against its targets (engine.office.scorecard)."""
        with self.reading() as s:
            return scorecard_mod.scorecard(s, year)

    def set_targets(self, year: int, positive_percent: int, visits: int, growth: int, actor: str) -> None:
        with self.transaction() as s:
            scorecard_mod.set_targets(s, self._now(), year, positive_percent, visits, growth, actor)

    def send_reminders(self, now: datetime | None = None,
                       smtp: reminders.SmtpConfig | None = None) -> reminders.ReminderReport:
        """Today's digests (idempotent), then delivery of the outbox when an SMTP server is given."""
        now = now or self._now()
        with self.transaction() as s:
            report = reminders.build(s, now)
        if smtp is not None:
            report.sent, report.failed = reminders.deliver(self._write_sessions, smtp, now)
        return report

    def notifications(self, username: str, include_read: bool = False) -> list[Any]:
        with self.reading() as s:
            return reminders.notifications(s, username, include_read)

    def unread_notifications(self, username: str) -> int:
        with self.reading() as s:
            return reminders.unread_count(s, username)

    def mark_notification_read(self, notification_id: int, username: str) -> None:
        with self.transaction() as s:
            reminders.mark_read(s, notification_id, username, self._now())

    def outbox(self, limit: int = 200) -> list[Any]:
        with self.reading() as s:
            return reminders.outbox(s, limit)

    def handovers(self, business_id: str) -> list[crm.Handover]:
        """Changes of the responsible expert in the customer's instances, newest first."""
        with self.reading() as s:
            return crm.handovers(s, customers_mod.get_customer(s, business_id).id)

    # --- integrations: the event feed and idempotency keys of the API -------------------------------

    def events(self, username: str, after: str | None = None, limit: int = 100) -> feed.FeedPage:
        """What happened after the cursor `after`, to the instances `username` may read (engine.runtime.feed)."""
        settled = None if self.dialect == "sqlite" else self._now() - feed.SETTLE   # ids commit in order on SQLite
        with self.reading() as s:
            return feed.events(s, users.get_user(s, username), feed.parse_cursor(after), limit, settled)

    def reserve_idempotency_key(self, username: str, key: str, fingerprint: str) -> idempotency.Replay | None:
        """None: go on and `finish_idempotency_key` (or release it on failure); a Replay: the first answer."""
        with self.transaction() as s:
            return idempotency.reserve(s, self._now(), username, key, fingerprint)

    def finish_idempotency_key(self, username: str, key: str, status: int, body: dict[str, Any]) -> None:
        with self.transaction() as s:
            idempotency.finish(s, username, key, status, body)

    def release_idempotency_key(self, username: str, key: str) -> None:
        with self.transaction() as s:
            idempotency.release(s, username, key)

    def check(self) -> Iterator[Any]:
        """Findings where rows and stored state disagree (see engine.runtime.check); none when healthy."""
        yield from check_all(self.rt, self._read_sessions)

    def repair(self, instance_id: int, actor: str) -> str | None:
        """Stop an instance whose stored data breaks today's limits (a `check` finding with
        `data_limit`): in error with the reason, tasks and timers closed, audited, the state kept."""
        with self.transaction() as s:
            return repair_data(self.rt, s, instance_id, actor)

    def health(self) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            with self.reading() as s:
                s.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - health reports, never raises
            return {"database": "unavailable", "error": str(exc).splitlines()[0][:200], "dialect": self.dialect}
        return {"database": "ok", "dialect": self.dialect,
                "latency_ms": round((time.perf_counter() - started) * 1000, 2)}
