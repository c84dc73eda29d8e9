"""Idempotency keys: a client that repeats a POST with the same `Idempotency-Key` gets the first answer.

A key belongs to one user. The first request reserves it (a row with no status yet) in its own short
transaction, so of two requests racing with one key the second is told to wait instead of creating
the thing twice; the answer is stored when the operation succeeded, and the reservation is released
when it failed, so the client may correct the request and send it again under the same key. Keys
expire after `KEEP` (expired rows are deleted as new keys are reserved). The same key with another
method, path or body is refused: it is a client's mistake, never a repeat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import ConflictError, ValidationError
from ..models import IdempotencyKey

KEEP = timedelta(hours=24)
MAX_KEY = 200


@dataclass(frozen=True)
class Replay:
    """The stored answer of the first request with the key."""
    status: int
    body: dict[str, Any]


def check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise ValidationError(f"An Idempotency-Key is 1 to {MAX_KEY} printable characters, such as a UUID.",
                              code="idempotency.bad_key", params={"max": MAX_KEY})
    return key


def reserve(session: Session, now: datetime, username: str, key: str, fingerprint: str) -> Replay | None:
    """None: the key is the caller's now, go on. A Replay: answer with it. Raises when the key was used
    for another request (ValidationError) or its first request is still running (ConflictError)."""
    key = check_key(key)
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.expires_at < now))
    found = session.scalars(select(IdempotencyKey).where(IdempotencyKey.username == username,
                                                         IdempotencyKey.key == key)).first()
    if found is None:
        try:
            with session.begin_nested():
                session.add(IdempotencyKey(username=username, key=key, fingerprint=fingerprint, status=None,
                                           body=None, created_at=now, expires_at=now + KEEP))
        except IntegrityError as exc:
            raise _running(key) from exc
        return None
    if found.fingerprint != fingerprint:
        raise ValidationError(f"Idempotency-Key '{key}' was used for another request (another path or body); "
                              "use a new key for a new request.", code="idempotency.reused")
    if found.status is None or found.body is None:
        raise _running(key)
    return Replay(found.status, found.body)


def _running(key: str) -> ConflictError:
    return ConflictError(f"The first request with Idempotency-Key '{key}' is still running; "
                         "send it again in a moment to get its answer.")


def finish(session: Session, username: str, key: str, status: int, body: dict[str, Any]) -> None:
    session.execute(update(IdempotencyKey).where(IdempotencyKey.username == username, IdempotencyKey.key == key)
                    .values(status=status, body=body))


def release(session: Session, username: str, key: str) -> None:
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.username == username, IdempotencyKey.key == key,
                                                 IdempotencyKey.status.is_(None)))
