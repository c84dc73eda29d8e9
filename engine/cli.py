"""The `palvelupolku` command line. Every command reads PALVELUPOLKU_DATABASE_URL, prints errors as
sentences (never a traceback unless PALVELUPOLKU_DEBUG=1) and exits non-zero on failure."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import config

F = TypeVar("F", bound=Callable[..., Any])


def friendly(command: F) -> F:
    """Turn engine errors (and anything unexpected) into one line on stderr and exit code 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from engine import PalvelupolkuError

        try:
            return command(*args, **kwargs)
        except PalvelupolkuError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("PALVELUPOLKU_DEBUG") == "1":
                raise
            click.echo(f"Error: unexpected {type(exc).__name__}: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _engine() -> Any:
    """The engine of this command; its connections close with the command (a PostgreSQL server, or a
    test that drops its database afterwards, sees none left open)."""
    from engine import Engine

    eng = Engine(config.database_url())
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(eng.dispose)
    return eng


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
def main(verbose: bool) -> None:
    """Palvelupolku: the process engine and work tool of a TE Office's business services."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--demo", is_flag=True, help="Show the demo users and passwords on the sign-in page.")
@friendly
def serve(host: str, port: int, demo: bool) -> None:
    """Serve the web app (development server; see README for production)."""
    from webui import create_app

    # Secure cookies need HTTPS; the development server on this machine's loopback has none.
    loopback = host in {"127.0.0.1", "localhost", "::1"}
    settings: dict[str, Any] = {"DEMO_MODE": demo, "SESSION_COOKIE_SECURE": not loopback}
    if demo:
        from .demo.seed import demo_accounts

        settings["DEMO_ACCOUNTS"] = demo_accounts()
    app = create_app(settings)
    click.echo(f"Palvelupolku serving on http://{host}:{port} (database: {_safe_url()}); Ctrl-C stops.")
    app.run(host=host, port=port, debug=False, threaded=True, use_reloader=False)


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(config.database_url()).render_as_string(hide_password=True)


@main.command()
@click.option("--interval", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds between sweeps.")
@click.option("--lease", default=300.0, show_default=True, type=click.FloatRange(1, 86400),
              help="Seconds a taken timer stays this worker's; after that another worker may take it.")
@click.option("--batch", default=200, show_default=True, type=click.IntRange(1, 10_000),
              help="Due timers taken at a time; smaller spreads work over more workers.")
@friendly
def worker(interval: float, lease: float, batch: int) -> None:
    """Fire due timers and deliver pending messages in a loop until stopped (SIGTERM or Ctrl-C); build
    the daily reminders when the worker starts, when the Helsinki date changes and once an hour in between.

    Run several on PostgreSQL: timers are leased, reminders are sent once per item and day."""
    from engine.runtime.timers import worker_name

    eng = _engine()
    name = worker_name()
    reminders = ReminderSchedule()
    stopping = False

    def stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    click.echo(f"Worker {name} started (every {interval:g} s); Ctrl-C stops.")
    try:
        while not stopping:
            try:
                fired = sweep(eng, reminders, worker=name, lease=timedelta(seconds=lease), batch=batch)
            except Exception as exc:  # noqa: BLE001 - a lost database connection must not end the worker
                click.echo(f"{time.strftime('%H:%M:%S')} sweep failed, trying again: {exc}", err=True)
                fired = 0
            if fired:
                click.echo(f"{time.strftime('%H:%M:%S')} fired {fired} timer(s)")
            time.sleep(interval)
    except KeyboardInterrupt:
        pass
    click.echo("Worker stopped.")


@dataclass
class ReminderSchedule:
    """When a worker builds the reminders. They are daily digests, so not every sweep: at the first
    sweep, at the first sweep of a new Helsinki day, and once `every` in between, which picks up what
    fell due or changed hands during the day and retries mails SMTP refused (building them again
    adds only what is new)."""

    every: timedelta = timedelta(hours=1)
    last: datetime | None = None      # the engine time of the last run that succeeded

    def due(self, now: datetime) -> bool:
        from engine import HELSINKI

        if self.last is None:
            return True
        new_day = now.astimezone(HELSINKI).date() != self.last.astimezone(HELSINKI).date()
        return new_day or now - self.last >= self.every


def sweep(eng: Any, reminders: ReminderSchedule, *, worker: str, lease: timedelta, batch: int) -> int:
    """One pass of the worker: fire the due timers, then build the reminders if their schedule says
    so (by the engine's clock). Returns the number of timers fired."""
    fired: int = eng.fire_due_timers(worker=worker, lease=lease, batch=batch)
    eng.deliver_messages()             # what a crash, a run budget or conflicts left pending
    now = eng.clock()
    if reminders.due(now):
        _remind(eng, quiet=True)
        reminders.last = now           # not on failure: the next sweep tries again
    return fired


@main.command()
@friendly
def tick() -> None:
    """Fire the timers that are due now and build today's reminders, once."""
    eng = _engine()
    fired = eng.fire_due_timers()
    click.echo(f"Fired {fired} due timer(s).")
    delivered = eng.deliver_messages()
    if delivered:
        click.echo(f"Delivered {delivered} pending message(s).")
    _remind(eng)


def _remind(eng: Any, quiet: bool = False) -> None:
    """Today's reminder digests (idempotent: only what is new is added or sent)."""
    report = eng.send_reminders(smtp=config.smtp())
    if not quiet or report.notifications or report.mails or report.sent or report.failed:
        click.echo(report.summary())
    for failure in report.failed:
        click.echo(f"Warning: {failure}", err=True)


@main.command()
@friendly
def remind() -> None:
    """Build today's reminder digests for every expert and send them (or keep them in the outbox)."""
    _remind(_engine())


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--actor", default="cli", show_default=True, help="Recorded as the deployer.")
@friendly
def deploy(path: Path, actor: str) -> None:
    """Validate and deploy a .bpmn file or every .bpmn file of a folder."""
    for d in _engine().deploy(path, actor=actor):
        state = "new version" if d.created else "unchanged"
        click.echo(f"{d.process_key}: version {d.version} ({state}) from {d.file_name}")
        if d.notice:
            click.echo(f"Notice: {d.notice}", err=True)


@main.command()
@click.argument("process", required=False)
@click.option("--to", "folder", default="processes", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The folder to write the .bpmn files into.")
@friendly
def export(process: str | None, folder: Path) -> None:
    """Write the newest deployed version of every process (or of PROCESS) into a folder as .bpmn files,
    so that versions made in the browser can be committed to version control."""
    for e in _engine().export(folder, process):
        click.echo(f"{e.process_key}: version {e.version} -> {e.path}{'' if e.written else ' (already the same)'}")


def _pairs(values: tuple[str, ...], option: str, allowed: set[str] | None = None) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip() or not rest.strip():
            raise click.UsageError(f"{option} takes NAME=VALUE, not '{value}'.")
        if allowed is not None and key.strip() not in allowed:
            raise click.UsageError(f"{option} takes one of {', '.join(sorted(allowed))}, not '{key}'.")
        pairs[key.strip()] = rest.strip()
    return pairs


@main.command()
@click.argument("process")
@click.option("--from", "from_version", type=click.IntRange(1), required=True, help="The version they run on.")
@click.option("--to", "to_version", type=click.IntRange(1), required=True, help="The version to move them to.")
@click.option("--where", "where", multiple=True, metavar="element=X|customer=Y|responsible=Z",
              help="Only instances waiting at element X, of customer (Business ID) Y or responsible expert Z.")
@click.option("--map", "mapping", multiple=True, metavar="OLD=NEW",
              help="Element OLD of the old version is NEW in the new one (default: the same id); repeatable.")
@click.option("--dry-run", is_flag=True, help="Only say, per instance, whether it can move and why not.")
@click.option("--actor", default="cli", show_default=True, help="Recorded in the audit trail.")
@friendly
def migrate(process: str, from_version: int, to_version: int, where: tuple[str, ...], mapping: tuple[str, ...],
            dry_run: bool, actor: str) -> None:
    """Move running instances of PROCESS from one version to another, each in its own transaction.
    Exit 0: every instance moved (or could move); 1: some were left as they were."""
    from engine.runtime.migration import Filter

    chosen = _pairs(where, "--where", {"element", "customer", "responsible"})
    report = _engine().migrate(process, from_version, to_version, actor, where=Filter(**chosen),
                               mapping=_pairs(mapping, "--map"), dry_run=dry_run)
    verb = "can move" if dry_run else "moved"
    for plan in report.moved:
        click.echo(f"{verb}: {plan.sentence}" if dry_run else f"moved: instance {plan.instance_id}")
        for note in plan.notes:
            click.echo(f"    {note}")
    for plan in report.refused:
        click.echo(f"not moved: {plan.sentence}")
    click.echo(f"{process} {from_version} -> {to_version}: {len(report.moved)} {verb}, "
               f"{len(report.refused)} left as they were{' (dry run)' if dry_run else ''}.", err=True)
    sys.exit(1 if report.refused else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--no-aftercare", is_flag=True, help="Skip only the aftercare rule (for third-party models).")
@friendly
def validate(paths: tuple[Path, ...], no_aftercare: bool) -> None:
    """Check BPMN files without deploying. Exit 0: valid; 1: problems (FILE:ELEMENT_ID: message); 2: usage."""
    from engine.runtime.bpmn import collect_bpmn_files, validate_paths
    from engine.runtime.bpmn.context_panel import context_warnings
    from engine.runtime.bpmn.languages import language_warnings

    files = [f for p in paths for f in collect_bpmn_files(p)]
    if not files:
        raise click.UsageError("No .bpmn files found in the given paths.")
    docs, problems = validate_paths(files, aftercare=not no_aftercare)
    for problem in problems:
        click.echo(str(problem))
    for warning in (w for doc in docs for w in [*language_warnings(doc), *context_warnings(doc)]):
        click.echo(str(warning))   # FILE:ID: warning: ... (a text missing in Finnish or Swedish, a context id; exit 0)
    bad = len({p.file for p in problems})
    click.echo(f"{len(files)} file(s) checked: {len(files) - bad} valid, {bad} with problems.", err=True)
    sys.exit(1 if problems else 0)


@main.command()
@click.option("--repair", is_flag=True,
              help="Stop each instance whose stored data breaks today's limits: in error with the reason, "
                   "its tasks and timers closed, audited; its data is kept.")
@click.option("--actor", default="admin", show_default=True, help="Who repairs, for the audit trail.")
@friendly
def check(repair: bool, actor: str) -> None:
    """Verify every running instance: rows match the stored state, nothing is stuck. Exit 1 on findings."""
    engine = _engine()
    findings, repaired = 0, 0
    for finding in list(engine.check()):
        if repair and finding.data_limit and engine.repair(finding.instance_id, actor):
            repaired += 1
            click.echo(f"{finding} Repaired: the instance is now in error.")
            continue
        findings += 1
        click.echo(str(finding))
    if repaired:
        click.echo(f"{repaired} instance(s) stopped in error by --repair.", err=True)
    click.echo(f"{findings} finding(s).", err=True)
    sys.exit(1 if findings else 0)


@main.command("import-customers")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@friendly
def import_customers(file: Path) -> None:
    """Import companies from a CSV file; good rows are kept, bad rows reported by line."""
    eng = _engine()
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Importing", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        report = eng.import_customers(file, progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"{report.added} added, {report.updated} updated, {len(report.errors)} row(s) with errors.")
    for err in report.errors:
        click.echo(f"{file}:{err.line}: {err.reason}", err=True)
    sys.exit(1 if report.errors else 0)


ROLES = ["expert", "manager", "process_owner", "admin"]
ACTOR = click.option("--actor", default="cli", show_default=True, help="Recorded in the audit trail as who did it.")


@main.command("create-user")
@click.argument("username")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice(ROLES), help="Repeat for several.")
@click.option("--group", "groups", multiple=True, help="Group (lane name), e.g. TE-asiantuntijat; repeatable.")
@click.option("--display-name", default="", help="Full name.")
@click.option("--email", default="", help="E-mail address.")
@click.password_option(help="Asked for when not given; at least 12 characters, not the username, not a common one.")
@ACTOR
@friendly
def create_user(username: str, roles: tuple[str, ...], groups: tuple[str, ...], display_name: str, email: str,
                password: str, actor: str) -> None:
    """Create a user with roles and groups."""
    name = _engine().add_user(username, roles=roles, groups=groups, password=password,
                              display_name=display_name, email=email, actor=actor)
    click.echo(f"Created user {name} ({', '.join(roles)}).")


TOKEN_DAYS = click.option("--days", default=90, show_default=True, type=click.IntRange(1, 3650),
                          help="Days the token is valid.")


@main.command("create-token")
@click.argument("username")
@click.option("--name", default="cli", help="What the token is for.")
@TOKEN_DAYS
@ACTOR
@friendly
def create_token(username: str, name: str, days: int, actor: str) -> None:
    """Create an API token for a user; it is shown only once."""
    click.echo(_engine().create_token(username, name, days=days, actor=actor))


@main.group()
def user() -> None:
    """Manage accounts: deactivate, reactivate, reset a password, tokens, sign out everywhere.

    Every change is recorded in the audit trail."""


@user.command("list")
@friendly
def list_users() -> None:
    """List every user, deactivated ones too: username, name, roles, groups, how they sign in, state."""
    for u in _engine().accounts():
        signs_in = "directory" if u.oidc_subject else "password" if u.password_hash else "-"
        click.echo(f"{u.username}\t{u.display_name}\t{','.join(u.role_names) or '-'}\t"
                   f"{','.join(u.group_names) or '-'}\t{signs_in}\t{'active' if u.active else 'deactivated'}")


@user.command("set-roles")
@click.argument("username")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES),
              help="Repeat for several; none takes every role away.")
@click.option("--group", "groups", multiple=True, help="Group (lane name), e.g. TE-asiantuntijat; repeatable.")
@ACTOR
@friendly
def set_roles(username: str, roles: tuple[str, ...], groups: tuple[str, ...], actor: str) -> None:
    """Replace a user's roles and groups. A user who signs in through the identity provider gets the
    directory's again at their next sign-in."""
    changed = _engine().set_roles(username, roles, groups, actor)
    click.echo(f"{username}: roles {', '.join(sorted(roles)) or '-'}; groups {', '.join(sorted(groups)) or '-'}"
               + ("." if changed else " (unchanged)."))


@user.command("deactivate")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Deactivate even when the user has open work, without asking.")
@ACTOR
@friendly
def deactivate(username: str, yes: bool, actor: str) -> None:
    """Deactivate a user: their sessions and API tokens stop working at once. Their open work is
    listed first, so it can be handed over (a manager's instance page) before or after."""
    eng = _engine()
    work = eng.open_work(username)
    for task_id, task_name, instance_id, process_key in work.tasks:
        click.echo(f"open task {task_id} '{task_name}' of instance {instance_id} ({process_key})")
    for instance_id, process_key, status in work.instances:
        click.echo(f"responsible for instance {instance_id} ({process_key}, {status})")
    if work:
        click.echo(f"{username} has {len(work.tasks)} open task(s) and is responsible for "
                   f"{len(work.instances)} running instance(s); hand them over to another expert.")
        if not yes and not click.confirm(f"Deactivate {username} anyway?"):
            raise click.Abort()
    eng.deactivate_user(username, actor)
    click.echo(f"Deactivated {username}; their sessions and API tokens no longer work.")


@user.command("reactivate")
@click.argument("username")
@ACTOR
@friendly
def reactivate(username: str, actor: str) -> None:
    """Let a deactivated user sign in again (their old API tokens work again unless revoked or expired)."""
    _engine().reactivate_user(username, actor)
    click.echo(f"Reactivated {username}.")


@user.command("reset-password")
@click.argument("username")
@click.password_option(help="Asked for when not given; at least 12 characters, not the username, not a common one.")
@ACTOR
@friendly
def reset_password(username: str, password: str, actor: str) -> None:
    """Give a user a new password; all their sessions end."""
    _engine().reset_password(username, password, actor)
    click.echo(f"New password set for {username}; their sessions have ended.")


@user.command("sign-out-everywhere")
@click.argument("username")
@ACTOR
@friendly
def sign_out_everywhere(username: str, actor: str) -> None:
    """End every signed-in session of a user, on every device (API tokens are revoked separately)."""
    _engine().sign_out_everywhere(username, actor)
    click.echo(f"Signed {username} out everywhere.")


@user.command("list-tokens")
@click.argument("username", required=False)
@friendly
def list_tokens(username: str | None) -> None:
    """List API tokens (of one user when given): id, user, name, state, expiry, last use."""
    from engine import HELSINKI

    eng = _engine()
    now = eng.clock()
    for t in eng.tokens(username):
        expires = f"{t.expires_at.astimezone(HELSINKI):%d.%m.%Y}" if t.expires_at else "never"
        used = f"{t.last_used_at.astimezone(HELSINKI):%d.%m.%Y %H:%M}" if t.last_used_at else "never"
        click.echo(f"{t.id}\t{t.username}\t{t.name}\t{t.state(now)}\texpires {expires}\tlast used {used}")


@user.command("revoke-token")
@click.argument("token")
@ACTOR
@friendly
def revoke_token(token: str, actor: str) -> None:
    """Revoke an API token, by its id (see list-tokens) or by the token itself."""
    info = _engine().revoke_token(token, actor)
    click.echo(f"Revoked API token {info.id} ({info.name}) of {info.username}.")


@main.command()
@click.option("--processes", "processes_dir", default="processes", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="Folder of .bpmn files.")
@friendly
def demo(processes_dir: Path) -> None:
    """Migrate the database, deploy the processes and seed demo data (once)."""
    from engine.demo.seed import seed

    eng = _engine()
    for d in eng.deploy(processes_dir, actor="demo"):
        click.echo(f"{d.process_key}: version {d.version} ({'new version' if d.created else 'unchanged'})")
        if d.notice:
            click.echo(f"Notice: {d.notice}", err=True)
    report = seed(eng)
    click.echo(report.summary())


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the table.")
@click.option("--quick", is_flag=True, help="Tiny counts and few samples: checks the harness runs (CI smoke test).")
@click.option("--postgres", "postgres_url", envvar="PALVELUPOLKU_BENCH_POSTGRES_URL", default=None, metavar="URL",
              help="Also measure on this PostgreSQL database (default: $PALVELUPOLKU_BENCH_POSTGRES_URL).")
@click.option("--only", default="", metavar="IDS", help="Comma-separated figure ids, e.g. E1,Q1 (default: all).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where generated SQLite databases are kept and reused (default: instance/bench).")
@click.option("--s1-finished", type=click.IntRange(min=1), envvar="PALVELUPOLKU_BENCH_S1_FINISHED", default=None,
              metavar="N", help="Finished tasks in S1's large PostgreSQL database (default: 10,000,000; "
              "generated once and reused while the number stays the same).")
@click.option("--profile", "profile", is_flag=True,
              help="Instead of the figures: where one completion spends its time (E1's loop under cProfile, "
              "by bucket: SQLAlchemy, SpiffWorkflow, our code, the driver), beside the raw baseline's step.")
@friendly
def bench(as_json: bool, quick: bool, postgres_url: str | None, only: str, data_dir: Path | None,
          s1_finished: int | None, profile: bool) -> None:
    """Measure the figures of issue 7 (engine overhead, queries at size, HTTP, memory), each with its
    baseline from the same run. Progress goes to stderr; stdout is the table or the JSON object."""
    from bench.runner import run, to_json, to_table

    if profile:
        from bench.runner import profile as profile_run
        found = profile_run(quick=quick, postgres_url=postgres_url or None,
                            data_dir=data_dir or config.instance_dir() / "bench")
        click.echo(to_json(found) if as_json else "\n\n".join(found["tables"]))
        return

    wanted = {part.strip() for part in only.split(",") if part.strip()} or None
    try:
        report = run(quick=quick, postgres_url=postgres_url or None,
                     data_dir=data_dir or config.instance_dir() / "bench", only=wanted, s1_finished=s1_finished)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(to_json(report) if as_json else to_table(report))
