"""People: users with roles and groups, passwords, sign-in throttling, sessions, and API tokens.

Passwords are hashed with scrypt and must pass the policy (engine.runtime.passwords); API tokens are
random, shown once, stored only as their SHA-256, expire and can be revoked. A signed-in session
carries the user's session epoch; raising it ends every session of that user. Changes to accounts
are audited (audit events without an instance), whoever makes them: the command line or an admin page.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from ..errors import NotFound, TooManyAttempts, ValidationError
from ..models import (
    ApiToken,
    AuditKind,
    GroupMember,
    Instance,
    InstanceStatus,
    LoginFailure,
    Role,
    Task,
    TaskStatus,
    User,
    UserRole,
)
from . import audit
from .passwords import check_password, hash_password, policy_rule

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


def add_user(session: Session, now: datetime, username: str, *, roles: Iterable[str] = (),
             groups: Iterable[str] = (), password: str | None = None, display_name: str = "",
             email: str = "", actor: str = audit.SYSTEM) -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise ValidationError(f"Username '{username}' is not valid: use 2-80 lowercase letters, digits, '.', '_' "
                              "or '-', starting with a letter or digit.", code="user.bad_name",
                              params={"user": username[:80]})
    if session.scalars(select(User).where(User.username == username)).first() is not None:
        raise ValidationError(f"User '{username}' already exists.", code="user.exists", params={"user": username})
    role_names = check_roles(roles)
    user = User(username=username, display_name=display_name or username, email=email, created_at=now,
                password_hash=_hash(username, password) if password is not None else None)
    user.roles = [UserRole(role=r) for r in role_names]
    user.groups = [GroupMember(group_name=g.strip()) for g in sorted(set(groups)) if g.strip()]
    session.add(user)
    session.flush()
    audit.record(session, now, actor, AuditKind.USER_CREATE, message=f"Created user {username}.",
                 data={"user": username, "roles": role_names, "groups": user.group_names})
    return user


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against when the user is unknown, so both answers take as long (made once, on first use)."""
    return hash_password("timing-equaliser")


def _hash(username: str, password: str) -> str:
    broken = policy_rule(username, password)
    if broken:
        raise ValidationError(broken[0], code=broken[1], params=broken[2])
    return hash_password(password)


def set_password(session: Session, username: str, password: str) -> None:
    user = get_user(session, username)
    user.password_hash = _hash(user.username, password)


def get_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise NotFound(f"No user '{username}'.", code="user.not_found", params={"user": username})
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user when the password matches; None otherwise (same work either way, against timing probes)."""
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None or not user.active or not user.password_hash:
        check_password(_dummy_hash(), password)
        return None
    return user if check_password(user.password_hash, password) else None


# --- signing in: throttling that slows attackers without locking the real user out ------------------

FAILURE_WINDOW = timedelta(minutes=15)
PAIR_FREE = 3             # failures of one username from one address before each try must wait
USER_FREE = 10            # failures of one username from anywhere before addresses that failed must wait
MAX_DELAY = 15 * 60       # seconds; the waits double up to this
MAX_FAILURES_PER_ADDRESS = 300   # 20 a minute for 15 minutes: far above an office's typos behind one NAT


@dataclass(frozen=True)
class Failures:
    """Recent failures (within FAILURE_WINDOW) that concern one sign-in attempt."""
    pair: int                     # this username from this address
    pair_last: datetime | None
    user: int                     # this username from any address
    user_last: datetime | None
    address: int                  # any username from this address


def _delay(failures: int, free: int) -> int:
    return 0 if failures < free else min(2 ** (failures - free), MAX_DELAY)


def _wait(now: datetime, last: datetime | None, delay: int) -> int:
    if last is None or not delay:
        return 0
    return max(0, math.ceil((last + timedelta(seconds=delay) - now).total_seconds()))


def recent_failures(session: Session, now: datetime, name: str, address: str) -> Failures:
    pair = and_(LoginFailure.username == name, LoginFailure.address == address)
    mine = LoginFailure.username == name
    row = session.execute(select(
        func.count().filter(pair), func.max(LoginFailure.at).filter(pair),
        func.count().filter(mine), func.max(LoginFailure.at).filter(mine),
        func.count().filter(LoginFailure.address == address),
    ).where(LoginFailure.at > now - FAILURE_WINDOW, or_(mine, LoginFailure.address == address))).one()
    return Failures(*row)


def seconds_to_wait(f: Failures, now: datetime) -> int:
    """How long this attempt must wait before its password is even checked (0: check it now).

    Per (username, address) the waits double after PAIR_FREE failures: the person typing at their
    own desk is slowed down only by their own typos. Per username, after USER_FREE failures from
    anywhere, every address that has failed for it waits too; an address with no recent failure for
    the username is not held back, so the real user at their own computer still gets in while an
    attacker elsewhere guesses. Per address, a limit high enough for an office behind one NAT."""
    if f.address >= MAX_FAILURES_PER_ADDRESS:
        return int(FAILURE_WINDOW.total_seconds())
    wait = _wait(now, f.pair_last, _delay(f.pair, PAIR_FREE))
    if f.pair:
        wait = max(wait, _wait(now, f.user_last, _delay(f.user, USER_FREE)))
    return wait


def sign_in(session: Session, now: datetime, username: str, password: str, address: str) -> User | None:
    """Check a password with throttling; raises TooManyAttempts while this attempt must wait."""
    name, address = username.strip().lower()[:80], address[:64]
    wait = seconds_to_wait(recent_failures(session, now, name, address), now)
    if wait:
        raise TooManyAttempts(f"Too many failed sign-ins; wait {wait} seconds and try again.", retry_after=wait)
    user = authenticate(session, name, password)
    if user is None:
        session.add(LoginFailure(username=name, address=address, at=now))
        return None
    # only this address's failures: the real user signing in must not wipe an attacker's count elsewhere
    session.execute(delete(LoginFailure).where(LoginFailure.username == name, LoginFailure.address == address))
    return user


# --- sessions: an epoch per user that every signed-in session carries ----------------------------------

def end_sessions(user: User) -> None:
    """Every session of the user ends at its next request (it carries the old epoch)."""
    user.session_epoch = (user.session_epoch or 0) + 1


def sign_out(session: Session, username: str) -> None:
    """Sign-out ends all of the user's sessions, so a copied cookie dies with the one signed out."""
    end_sessions(get_user(session, username))


def sign_out_everywhere(session: Session, now: datetime, username: str, actor: str) -> None:
    user = get_user(session, username)
    end_sessions(user)
    audit.record(session, now, actor, AuditKind.SIGN_OUT_EVERYWHERE,
                 message=f"Signed {user.username} out everywhere.", data={"user": user.username})


# --- administration: deactivation, passwords, the user's open work -------------------------------------

@dataclass(frozen=True)
class OpenWork:
    """What a user still has on their desk: open tasks they hold, instances they are responsible for."""
    tasks: list[tuple[str, str, int, str]]        # task id, task name, instance id, process key
    instances: list[tuple[int, str, str]]         # instance id, process key, status

    def __bool__(self) -> bool:
        return bool(self.tasks or self.instances)


def open_work(session: Session, username: str) -> OpenWork:
    name = get_user(session, username).username
    held = session.execute(select(Task.id, Task.name, Task.instance_id, Task.process_key)
                           .where(Task.assignee == name, Task.status == TaskStatus.OPEN.value)
                           .order_by(Task.instance_id, Task.created_at)).tuples().all()
    running = (InstanceStatus.RUNNING.value, InstanceStatus.ERROR.value)
    found = session.execute(select(Instance.id, Instance.process_key, Instance.status)
                            .where(Instance.responsible == name, Instance.status.in_(running))
                            .order_by(Instance.id)).tuples().all()
    return OpenWork(list(held), list(found))


def set_active(session: Session, now: datetime, username: str, active: bool, actor: str) -> User:
    """Deactivate (sessions and tokens stop working at once) or reactivate a user."""
    user = get_user(session, username)
    if user.active == active:
        raise ValidationError(f"User '{user.username}' is already {'active' if active else 'deactivated'}.",
                              code="user.already_active" if active else "user.already_deactivated",
                              params={"user": user.username})
    user.active = active
    end_sessions(user)
    kind = AuditKind.USER_REACTIVATE if active else AuditKind.USER_DEACTIVATE
    audit.record(session, now, actor, kind, message=f"{'Reactivated' if active else 'Deactivated'} {user.username}.",
                 data={"user": user.username})
    return user


def reset_password(session: Session, now: datetime, username: str, password: str, actor: str) -> None:
    """A new password (by the policy); the user's sessions end."""
    user = get_user(session, username)
    user.password_hash = _hash(user.username, password)
    end_sessions(user)
    audit.record(session, now, actor, AuditKind.PASSWORD_SET, message=f"New password for {user.username}.",
                 data={"user": user.username})


# --- API tokens: random, shown once, stored as their SHA-256; an expiry and revocation ----------------

TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 3650


@dataclass(frozen=True)
class TokenInfo:
    id: int
    username: str
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: ApiToken) -> TokenInfo:
        return cls(row.id, row.user.username, row.name, row.created_at, row.expires_at, row.last_used_at,
                   row.revoked_at)

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at is not None and self.expires_at <= now else "valid"


def create_token(session: Session, now: datetime, username: str, name: str = "", days: int = TOKEN_DAYS,
                 actor: str = audit.SYSTEM) -> str:
    """An API token for the user, valid `days` days; the token itself is returned once and never stored."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError(f"A token is valid 1 to {MAX_TOKEN_DAYS} days, not {days}.", code="token.days",
                              params={"max": MAX_TOKEN_DAYS})
    user = get_user(session, username)
    if not user.active:
        raise ValidationError(f"User '{user.username}' is deactivated; reactivate them before making a token.",
                              code="token.user_deactivated", params={"user": user.username})
    token = "pp_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=token_hash(token), name=name[:200], created_at=now,
                   expires_at=now + timedelta(days=days))
    session.add(row)
    session.flush()
    audit.record(session, now, actor, AuditKind.TOKEN_CREATE, message=f"API token {row.id} for {user.username}.",
                 data={"user": user.username, "token_id": row.id, "name": row.name, "days": days})
    return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens(session: Session, username: str | None = None) -> list[TokenInfo]:
    query = select(ApiToken).order_by(ApiToken.id)
    if username is not None:
        query = query.where(ApiToken.user_id == get_user(session, username).id)
    return [TokenInfo.of(t) for t in session.scalars(query)]


def revoke_token(session: Session, now: datetime, token: str, actor: str) -> TokenInfo:
    """Revoke a token by its id (list-tokens shows them) or by the token itself."""
    if token.startswith("pp_"):
        row = session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash(token))).first()
    else:
        row = session.get(ApiToken, int(token)) if token.isdigit() and len(token) < 10 and int(token) < 2**31 else None
    if row is None:
        raise NotFound("No such API token; 'palvelupolku user list-tokens' shows their ids.", code="token.not_found")
    if row.revoked:
        raise ValidationError(f"API token {row.id} of {row.user.username} is already revoked.", code="token.revoked",
                              params={"id": row.id})
    row.revoked, row.revoked_at = True, now
    audit.record(session, now, actor, AuditKind.TOKEN_REVOKE,
                 message=f"Revoked API token {row.id} of {row.user.username}.",
                 data={"user": row.user.username, "token_id": row.id})
    return TokenInfo.of(row)


# A token's last use is written at most this often: an API read then needs no write (on SQLite, no
# write lock) except once a minute per token, and the time is still exact enough to spot unused tokens.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenUse:
    user: User
    token_id: int
    note_use: bool          # last use older than TOKEN_USE_RESOLUTION: write it (`note_token_use`)


def user_for_token(session: Session, now: datetime, token: str) -> TokenUse | None:
    """The user of a valid token (a read only); whether its use should be written down."""
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash(token),
                                                 ApiToken.revoked.is_(False))).first()
    if row is None or not row.user.active or (row.expires_at is not None and row.expires_at <= now):
        return None
    last = row.last_used_at
    stale = last is None or last <= now - TOKEN_USE_RESOLUTION
    return TokenUse(row.user, row.id, stale)


def note_token_use(session: Session, now: datetime, token_id: int) -> None:
    """Write a token's last use; a conditional UPDATE, so racing requests write it once a minute."""
    session.execute(update(ApiToken).where(ApiToken.id == token_id, or_(
        ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= now - TOKEN_USE_RESOLUTION))
        .values(last_used_at=now).execution_options(synchronize_session=False))


LANGUAGES = ("fi", "sv", "en")


def set_language(session: Session, username: str, language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(f"Language '{language}' is not offered; choose one of {', '.join(LANGUAGES)}.",
                              code="user.language", params={"language": language[:20], "choices": ", ".join(LANGUAGES)})
    get_user(session, username).language = language


def active_users(session: Session, role: str | None = None) -> list[User]:
    """Active users by username, those with `role` only when given."""
    found = session.scalars(select(User).where(User.active.is_(True)).order_by(User.username)).all()
    return [u for u in found if role is None or role in u.role_names]


def all_users(session: Session) -> list[User]:
    """Every user, deactivated ones too, by username (for an administrator's list)."""
    return list(session.scalars(select(User).order_by(User.username)).all())


def check_roles(roles: Iterable[str]) -> list[str]:
    """The role names sorted and without repeats; a ValidationError names the unknown ones."""
    role_names = sorted(set(roles))
    unknown = [r for r in role_names if r not in {x.value for x in Role}]
    if unknown:
        raise ValidationError(f"Unknown role(s) {', '.join(unknown)}; roles are "
                              f"{', '.join(r.value for r in Role)}.", code="user.unknown_roles",
                              params={"roles": ", ".join(unknown), "choices": ", ".join(r.value for r in Role)})
    return role_names


def replace_roles(user: User, roles: Iterable[str], groups: Iterable[str]) -> bool:
    """Give the user exactly these roles and groups; whether anything changed (no audit here)."""
    role_names = check_roles(roles)
    group_names = sorted({g.strip()[:200] for g in groups if g.strip()})
    if role_names == user.role_names and group_names == user.group_names:
        return False
    keep_roles = {r.role: r for r in user.roles}
    user.roles = [keep_roles.get(r) or UserRole(role=r) for r in role_names]
    keep_groups = {g.group_name: g for g in user.groups}
    user.groups = [keep_groups.get(g) or GroupMember(group_name=g) for g in group_names]
    return True


def set_roles(session: Session, now: datetime, username: str, roles: Iterable[str], groups: Iterable[str],
              actor: str) -> bool:
    """An administrator sets a user's roles and groups (replacing the old ones); audited when they change."""
    user = get_user(session, username)
    before = {"roles": user.role_names, "groups": user.group_names}
    if not replace_roles(user, roles, groups):
        return False
    session.flush()
    audit.record(session, now, actor, AuditKind.USER_ROLES,
                 message=f"Roles of {user.username}: {', '.join(user.role_names) or '-'}; "
                         f"groups: {', '.join(user.group_names) or '-'}.",
                 data={"user": user.username, "before": before,
                       "roles": user.role_names, "groups": user.group_names})
    return True
