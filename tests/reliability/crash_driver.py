"""Completes every open promise task of the test process, printing `ACK <task id>` after each commit.

Run by test_crash.py as a separate process that is killed with -9 at random moments:
`python -m tests.reliability.crash_driver`, with PALVELUPOLKU_DATABASE_URL set. With the argument
`aftercare` it completes the open aftercare tasks instead, each with new needs: a message that starts
a new service, delivered after the completion's commit (engine.runtime.delivery).
"""

from __future__ import annotations

import os
import sys

from sqlalchemy import select

from engine import ConflictError, Engine
from engine.models import Task
from tests.engine.test_runtime import GOOD_PROMISE

NEW_NEEDS = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True, "uudet_tarpeet_kuvaus": "Rekrytointi",
             "arvio_tulos": 5}


def main() -> None:
    eng = Engine(os.environ["PALVELUPOLKU_DATABASE_URL"], run_migrations=False)
    element, data = ("jalkihoito", NEW_NEEDS) if sys.argv[1:] == ["aftercare"] else ("lupaus", GOOD_PROMISE)
    with eng.reading() as s:
        open_tasks = list(s.scalars(select(Task.id).where(Task.status == "open", Task.element_id == element)
                                    .order_by(Task.created_at, Task.id)))
    print(f"START {len(open_tasks)}", flush=True)
    for task_id in open_tasks:
        try:
            eng.complete(task_id, "asiantuntija", data)
        except ConflictError as exc:        # done by an earlier run whose ACK was lost with it
            print(f"SKIP {task_id} {exc}", flush=True)
            continue
        print(f"ACK {task_id}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
