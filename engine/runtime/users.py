"""People: users with roles and groups, passwords, and API tokens.

Passwords are hashed with scrypt (engine.passwords); API tokens are random, shown once,
and stored only as their SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from ..errors import NotFound, TooManyAttempts, ValidationError
from ..models import ApiToken, GroupMember, LoginFailure, Role, User, UserRole
from .passwords import check_password, hash_password

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
MIN_PASSWORD = 8


def add_user(session: Session, now: datetime, username: str, *, roles: Iterable[str] = (),
             groups: Iterable[str] = (), password: str | None = None, display_name: str = "",
             email: str = "") -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise ValidationError(f"Username '{username}' is not valid: use 2-80 lowercase letters, digits, '.', '_' "
                              "or '-', starting with a letter or digit.")
    if session.scalars(select(User).where(User.username == username)).first() is not None:
        raise ValidationError(f"User '{username}' already exists.")
    role_names = sorted(set(roles))
    unknown = [r for r in role_names if r not in {x.value for x in Role}]
    if unknown:
        raise ValidationError(f"Unknown role(s) {', '.join(unknown)}; roles are "
                              f"{', '.join(r.value for r in Role)}.")
    user = User(username=username, display_name=display_name or username, email=email, created_at=now,
                password_hash=_hash(password) if password is not None else None)
    user.roles = [UserRole(role=r) for r in role_names]
    user.groups = [GroupMember(group_name=g.strip()) for g in sorted(set(groups)) if g.strip()]
    session.add(user)
    session.flush()
    return user


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against when the user is unknown, so both answers take as long (made once, on first use)."""
    return hash_password("timing-equaliser")


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"The password must be at least {MIN_PASSWORD} characters long.")
    return hash_password(password)


def set_password(session: Session, username: str, password: str) -> None:
    user = get_user(session, username)
    user.password_hash = _hash(password)


def get_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise NotFound(f"No user '{username}'.")
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user when the password matches; None otherwise (same work either way, against timing probes)."""
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None or not user.active or not user.password_hash:
        check_password(_dummy_hash(), password)
        return None
    return user if check_password(user.password_hash, password) else None


FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 50   # an office shares one address: one person's typos must not lock out the rest


def sign_in(session: Session, now: datetime, username: str, password: str, address: str) -> User | None:
    """Check a password with throttling; raises TooManyAttempts while the limits are reached."""
    name, since = username.strip().lower()[:80], now - FAILURE_WINDOW
    per_user, per_address = session.execute(select(
        func.count().filter(LoginFailure.username == name),
        func.count().filter(LoginFailure.address == address),
    ).where(LoginFailure.at > since, or_(LoginFailure.username == name, LoginFailure.address == address))).one()
    if per_user >= MAX_FAILURES_PER_USER or per_address >= MAX_FAILURES_PER_ADDRESS:
        raise TooManyAttempts("Too many failed sign-ins; wait 15 minutes and try again, or ask an administrator.")
    user = authenticate(session, name, password)
    if user is None:
        session.add(LoginFailure(username=name, address=address[:64], at=now))
        return None
    session.execute(delete(LoginFailure).where(LoginFailure.username == name))
    return user


def create_token(session: Session, now: datetime, username: str, name: str = "") -> str:
    """Create an API token for the user; the token itself is returned once and never stored."""
    user = get_user(session, username)
    token = "pp_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=token_hash(token), name=name, created_at=now))
    return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def user_for_token(session: Session, now: datetime, token: str) -> User | None:
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash(token),
                                                 ApiToken.revoked.is_(False))).first()
    if row is None or not row.user.active:
        return None
    row.last_used_at = now
    return row.user


LANGUAGES = ("fi", "sv", "en")


def set_language(session: Session, username: str, language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(f"Language '{language}' is not offered; choose one of {', '.join(LANGUAGES)}.")
    get_user(session, username).language = language


def active_users(session: Session, role: str | None = None) -> list[User]:
    """Active users by username, those with `role` only when given."""
    found = session.scalars(select(User).where(User.active.is_(True)).order_by(User.username)).all()
    return [u for u in found if role is None or role in u.role_names]
