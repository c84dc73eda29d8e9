"""Figure R3: `kill -9` at random moments during completions; after a restart nothing is lost or torn.

A driver process completes the open tasks and prints `ACK <id>` after each commit. It is killed with
SIGKILL at random moments and started again until it finds nothing left. Then: every acknowledged
completion is in the database, no task was completed twice, and `palvelupolku check` finds no
instance between two steps (task rows, timers and message waits match the stored state).
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from engine import Engine
from engine.models import AuditEvent, Instance, PendingMessage, Task
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start
from tests.reliability.conftest import FULL, dialect, record, scale
from tests.reliability.workers import CLI, environment, kill, spawn

ROOT = Path(__file__).resolve().parents[2]
BATCH = 40 if FULL else 8       # at most this many acknowledged completions per run before the kill
JITTER = 0.05                   # seconds after the last acknowledgement: the kill lands inside a completion


def _drive_with_kills(db_url: str, rng: random.Random, *args: str) -> tuple[list[str], int, int, float]:
    """Run the driver, killing it after a random number of acknowledgements, until it says DONE; returns
    the acknowledged task ids, kills, runs and seconds."""
    acked: list[str] = []
    kills = runs = 0
    began = time.monotonic()
    while True:
        runs += 1
        driver = spawn([sys.executable, "-m", "tests.reliability.crash_driver", *args], db_url)
        lines: list[str] = []
        reader = threading.Thread(target=lambda d=driver, out=lines: out.extend(iter(d.stdout.readline, "")))
        reader.start()
        # let it acknowledge a random number of completions, then kill it a random few milliseconds later:
        # counted in acknowledgements, not seconds, so a faster engine is still killed several times
        target = rng.randint(1, BATCH)
        while (sum(line.startswith("ACK") for line in lines) < target
               and not any(line.startswith("DONE") for line in lines) and driver.poll() is None):
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, JITTER))
        if driver.poll() is None and not any(line.startswith("DONE") for line in lines):
            kill(driver)
            kills += 1
        driver.wait(timeout=300)
        reader.join(timeout=30)
        if driver.stdout and not driver.stdout.closed:
            driver.stdout.close()
        acked += [line.split()[1] for line in lines if line.startswith("ACK")]
        if any(line.startswith("DONE") for line in lines):
            return acked, kills, runs, time.monotonic() - began
        assert runs < 400, "the driver never finished"


def test_kill_9_during_completions_loses_nothing(kokeilu: Engine, db_url: str) -> None:
    count = scale(60, 500)
    rng = random.Random(20261126)
    for _ in range(count):
        start(kokeilu)
    acked, kills, runs, seconds = _drive_with_kills(db_url, rng)

    with kokeilu.reading() as s:
        completed = set(s.scalars(select(Task.id).where(Task.element_id == "lupaus", Task.status != "open")))
        per_task = Counter(dict(s.execute(select(AuditEvent.task_id, func.count()).where(
            AuditEvent.kind == "complete").group_by(AuditEvent.task_id)).all()))
    lost = [t for t in acked if t not in completed]
    check = subprocess.run([CLI, "check"], env=environment(db_url), capture_output=True, text=True, cwd=ROOT,
                           timeout=300)
    findings = list(kokeilu.check())
    record("R3", dialect(db_url), completions=count, kills=kills, runs=runs, acknowledged=len(acked),
           acknowledged_lost=len(lost), completed_twice=sum(1 for n in per_task.values() if n > 1),
           corrupt_instances=len(findings), check_exit=check.returncode, seconds=round(seconds, 1))
    assert kills >= 3, "the driver was really killed mid-work"
    assert lost == []
    assert len(completed) == count and len(set(acked)) == len(acked)
    assert all(n == 1 for n in per_task.values()) and len(per_task) == count
    assert findings == [] and check.returncode == 0, check.stdout + check.stderr


def test_kill_9_between_a_message_and_its_delivery_starts_each_new_service_once(kokeilu: Engine,
                                                                               db_url: str) -> None:
    """Each completed aftercare with new needs sends a message that starts a new service after the commit;
    a kill between the two leaves it pending, and the worker's sweep (`palvelupolku tick`) delivers it."""
    count = scale(30, 200)
    rng = random.Random(20261205)
    parents = [start(kokeilu) for _ in range(count)]
    for parent in parents:
        kokeilu.complete(only_task(kokeilu, parent), "asiantuntija", GOOD_PROMISE)
    acked, kills, runs, seconds = _drive_with_kills(db_url, rng, "aftercare")
    tick = subprocess.run([CLI, "tick"], env=environment(db_url), capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    with kokeilu.reading() as s:
        ended = set(s.scalars(select(Instance.id).where(Instance.id.in_(parents), Instance.status == "completed")))
        children = Counter(s.scalars(select(Instance.parent_id).where(Instance.parent_id.in_(parents))))
        pending = s.scalar(select(func.count()).select_from(PendingMessage)
                           .where(PendingMessage.delivered_at.is_(None)))
    findings = list(kokeilu.check())
    record("R3m", dialect(db_url), completions=count, kills=kills, runs=runs, acknowledged=len(acked),
           left_pending_by_kills=_delivered_by(tick.stdout),
           services_started_twice=sum(1 for n in children.values() if n > 1), seconds=round(seconds, 1))
    assert tick.returncode == 0, tick.stdout + tick.stderr
    assert kills >= 3, "the driver was really killed mid-work"
    assert ended == set(parents)
    assert children == Counter({p: 1 for p in parents})     # every new need became one new service, none twice
    assert pending == 0 and findings == []


def _delivered_by(tick_output: str) -> int:
    """How many pending messages `palvelupolku tick` delivered ("Delivered 2 pending message(s).")."""
    found = re.search(r"Delivered (\d+) pending", tick_output)
    return int(found.group(1)) if found else 0
