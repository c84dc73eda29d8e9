from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from engine import Engine, ManualClock
from engine.demo.seed import DEMO_USERS
from tests.conftest import START
from tests.processes.helpers import PROCESSES, TAKEN, coverage, report_path


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, ManualClock]]:
    """The whole library deployed once, with the demo users and one customer."""
    clock = ManualClock(START)
    eng = Engine(f"sqlite:///{tmp_path_factory.mktemp('library') / 'lib.db'}", clock=clock)
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, display_name=name)
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(PROCESSES)
    yield eng, clock
    eng.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TAKEN:
        return
    lines = []
    for key, (taken, total) in coverage().items():
        lines.append(f"{key}: {taken}/{total} sequence flows taken ({100 * taken / max(total, 1):.0f}%)")
    terminalreporter.write_sep("-", "process path coverage")
    for line in lines:
        terminalreporter.write_line(line)
    path = report_path()
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({k: {"taken": t, "total": n} for k, (t, n) in coverage().items()}, indent=2))
