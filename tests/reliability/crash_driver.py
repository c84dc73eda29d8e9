"""Completes every open promise task of the test process, printing `ACK <task id>` after each commit.

Run by test_crash.py as a separate process that is killed with -9 at random moments:
`python -m tests.reliability.crash_driver`, with PALVELUPOLKU_DATABASE_URL set.
"""

from __future__ import annotations

import os

from sqlalchemy import select

from engine import ConflictError, Engine
from engine.models import Task
from tests.engine.test_runtime import GOOD_PROMISE


def main() -> None:
    eng = Engine(os.environ["PALVELUPOLKU_DATABASE_URL"], run_migrations=False)
    with eng.reading() as s:
        open_tasks = list(s.scalars(select(Task.id).where(Task.status == "open", Task.element_id == "lupaus")
                                    .order_by(Task.created_at, Task.id)))
    print(f"START {len(open_tasks)}", flush=True)
    for task_id in open_tasks:
        try:
            eng.complete(task_id, "asiantuntija", GOOD_PROMISE)
        except ConflictError as exc:        # done by an earlier run whose ACK was lost with it
            print(f"SKIP {task_id} {exc}", flush=True)
            continue
        print(f"ACK {task_id}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
