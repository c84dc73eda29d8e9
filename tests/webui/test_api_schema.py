"""schemathesis over the whole OpenAPI document of /api/v1 (issue 21): no operation answers 5xx.

Every operation is called with requests generated from the document, valid ones ("positive") and
deliberately invalid ones ("negative"), by a user holding every role (so each call passes the role
check and reaches the engine), against a real SQLite database with running and finished instances.
The examples per operation are few, to keep the run near a minute; tests/reliability/test_api_fuzz.py
runs more of them for the figures."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from engine import Engine, ManualClock
from tests.conftest import DATA, START
from tests.webui.test_api import PROMISE
from webui import create_app

EXAMPLES = 8


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    folder: Path = tmp_path_factory.mktemp("schema")
    eng = Engine(f"sqlite:///{folder / 'api.db'}", clock=ManualClock(START))
    eng.add_user("kaikki", roles=["expert", "manager", "process_owner", "admin"], groups=["TE-asiantuntijat"])
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(DATA / "kokeilu.bpmn")
    for n in range(4):
        info = eng.start("kokeilu", customer="0112038-9", responsible="kaikki")
        if n % 2:
            eng.complete(info.open_tasks[0].id, "kaikki", PROMISE)
    token = eng.create_token("kaikki", "schema")
    app = create_app({"TESTING": False, "SECRET_KEY": "schema-secret"}, engine=eng)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app), token
    eng.dispose()


def test_no_operation_of_the_document_answers_with_a_server_error(api: tuple[Any, str]) -> None:
    schema, token = api
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 23
    statuses: Counter[int] = Counter()
    for operation, mode in itertools.product(operations, schemathesis.GenerationMode):
        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            statuses[response.status_code] += 1
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])

        call()
    assert sum(statuses.values()) >= len(operations) * 2 and statuses[200] + statuses[201] > 0
