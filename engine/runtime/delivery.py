"""Delivering the messages instances throw, after their senders' transactions have committed.

A step that throws a message writes it as a pending message in the sender's own transaction
(`instances.queue_messages`). Once that transaction commits, the engine delivers each pending message
in a transaction of its own, shaped like any step (engine.runtime.execution): read the message and
its receiver, run the receiver's steps without the write lock, then write the receiver with its
version check and mark the message delivered with a checked UPDATE. Two deliverers of one message
(a web process and a worker): one marks it, the other's whole transaction rolls back. What the
receiver throws joins the message's chain and is delivered next, so a chain of replies runs as
before, one transaction a hop, and no receiver's steps run while another instance's writes hold
SQLite's write lock.

The operation that queued messages delivers its own chains right after its commit, within one run
budget (`Runtime.run_budget`); what is left (the budget ran out, a conflict twice, a crash between
the commit and the delivery) stays pending, and `palvelupolku worker` delivers everything pending at
each sweep. A delivery the engine refuses (a started process that will not take the customer's card,
say) is recorded on the sender at once; any other failure is tried again by the worker, and after
MAX_ATTEMPTS tries recorded on the sender the same way. Delivered rows are kept for KEEP_DELIVERED:
a chain's rows are what counts its messages against the loop cap.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..errors import ConflictError, PalvelupolkuError
from ..models import AuditKind, Customer, Instance, PendingMessage
from . import audit, instances
from .execution import Outgoing, Runtime

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
KEEP_DELIVERED = timedelta(days=7)
BATCH = 100

_MARK = (update(PendingMessage)
         .where(PendingMessage.id == bindparam("pending_id"), PendingMessage.delivered_at.is_(None))
         .values(delivered_at=bindparam("now")))


def deliver_one(rt: Runtime, session: Session, pending_id: int) -> bool:
    """Deliver one pending message in the caller's (optimistic) transaction; False when it is gone,
    delivered or given up. Raises StaleDataError when another deliverer or a step won the race."""
    msg = session.get(PendingMessage, pending_id)
    if msg is None or msg.delivered_at is not None or msg.attempts >= MAX_ATTEMPTS:
        return False
    customer = session.get(Customer, msg.customer_id)
    sender = session.get(Instance, msg.sender_id) if msg.sender_id is not None else None
    if customer is None:
        return False
    receivers = instances.deliver(rt, session, Outgoing(msg.name, rt.codec.restore(msg.payload)), customer,
                                  msg.responsible, sender=sender, actor=msg.actor)
    if session.connection().execute(_MARK, {"pending_id": pending_id, "now": rt.clock()}).rowcount != 1:
        raise StaleDataError(f"Message {pending_id} was delivered by someone else meanwhile.")
    instances.queue_messages(rt, session, receivers, chain=msg.chain)
    return True


def drain(rt: Runtime, sessions: Callable[[], Session], chains: Iterable[str] | None = None,
          budget: float | None = None) -> int:
    """Deliver pending messages oldest first, each in its own transaction from `sessions` (optimistic
    ones): those of `chains` (what one operation just queued, with what their receivers throw), or with
    None every pending message (the worker). Stops after `budget` seconds, leaving the rest pending.
    Returns how many were delivered."""
    deadline = time.monotonic() + budget if budget is not None else None
    wanted = sorted(set(chains)) if chains is not None else None
    done: set[int] = set()          # tried in this drain: delivered, given up, or left to the worker
    delivered = 0
    while deadline is None or time.monotonic() < deadline:
        batch = [i for i in _pending(sessions, wanted) if i not in done]
        if not batch:
            break
        for pending_id in batch:
            if deadline is not None and time.monotonic() >= deadline:
                break
            done.add(pending_id)
            delivered += _deliver(rt, sessions, pending_id)
    if wanted is None:
        _forget_delivered(rt, sessions)
    return delivered


def _pending(sessions: Callable[[], Session], chains: list[str] | None) -> list[int]:
    query = (select(PendingMessage.id)
             .where(PendingMessage.delivered_at.is_(None), PendingMessage.attempts < MAX_ATTEMPTS)
             .order_by(PendingMessage.id).limit(BATCH))
    if chains is not None:
        query = query.where(PendingMessage.chain.in_(chains))
    with sessions() as session, session.begin():
        return list(session.scalars(query))


def _deliver(rt: Runtime, sessions: Callable[[], Session], pending_id: int) -> int:
    """One message: tried once more on a version conflict (a person completed a task of the receiver
    meanwhile); a refusal is final, any other failure counts as one attempt."""
    try:
        try:
            with sessions() as session, session.begin():
                return int(deliver_one(rt, session, pending_id))
        except StaleDataError:
            with sessions() as session, session.begin():
                return int(deliver_one(rt, session, pending_id))
    except StaleDataError:
        return 0                        # a third party keeps winning: the worker tries it later
    except ConflictError as exc:        # the database was busy: a try, like any other failure
        _note_failure(rt, sessions, pending_id, exc, final=False)
    except PalvelupolkuError as exc:    # the engine's own refusal: trying again would refuse again
        _note_failure(rt, sessions, pending_id, exc, final=True)
    except Exception as exc:  # noqa: BLE001 - one broken delivery must not stop the others
        log.exception("message %s could not be delivered", pending_id)
        _note_failure(rt, sessions, pending_id, exc, final=False)
    return 0


def _note_failure(rt: Runtime, sessions: Callable[[], Session], pending_id: int, exc: Exception,
                  final: bool) -> None:
    with sessions() as session, session.begin():
        msg = session.get(PendingMessage, pending_id)
        if msg is None or msg.delivered_at is not None:
            return
        msg.attempts = MAX_ATTEMPTS if final else msg.attempts + 1
        msg.last_error = (str(exc) if isinstance(exc, PalvelupolkuError) else f"{type(exc).__name__}: {exc}")[:2000]
        if msg.attempts >= MAX_ATTEMPTS and msg.sender_id is not None:
            # the refusal's code, so the history can say it in the reader's language
            error = {"code": exc.code, "params": exc.params} if isinstance(exc, PalvelupolkuError) else None
            audit.record(session, rt.clock(), audit.SYSTEM, AuditKind.MESSAGE_UNDELIVERED, instance_id=msg.sender_id,
                         message=f"Message '{msg.name}' could not be delivered: {msg.last_error}",
                         data={"message": msg.name, "error": error})


def _forget_delivered(rt: Runtime, sessions: Callable[[], Session]) -> None:
    with sessions() as session, session.begin():
        session.execute(delete(PendingMessage).where(PendingMessage.delivered_at < rt.clock() - KEEP_DELIVERED))
