"""Figure R6: schemathesis generates requests from /api/v1/openapi.json; the API never answers 5xx.

Each operation is called with generated paths, queries and bodies, both valid by the schema
("positive") and deliberately invalid ("negative"), as an expert with a valid token, against a
real database holding running instances.
"""

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
from tests.engine.test_runtime import GOOD_PROMISE
from tests.reliability.conftest import record, scale
from webui import create_app

CALLS: Counter[str] = Counter()
TOKEN: dict[str, str] = {}
OPERATIONS: list[str] = []


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder: Path = tmp_path_factory.mktemp("api")
    eng = Engine(f"sqlite:///{folder / 'api.db'}", clock=ManualClock(START))
    eng.add_user("asiantuntija", roles=["expert"], groups=["TE-asiantuntijat"], password="salasana-1-kokeilu")
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(DATA / "kokeilu.bpmn")
    for n in range(5):
        info = eng.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
        if n % 2:
            eng.complete(info.open_tasks[0].id, "asiantuntija", GOOD_PROMISE)
    TOKEN["value"] = eng.create_token("asiantuntija", "fuzz")
    app = create_app({"TESTING": False, "SECRET_KEY": "fuzz-secret"}, engine=eng)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    eng.dispose()


@pytest.fixture(scope="module", autouse=True)
def figure() -> Iterator[None]:
    yield
    record("R6", "sqlite", requests=sum(CALLS.values()), server_errors=sum(n for k, n in CALLS.items()
           if k.startswith("5")), by_status=dict(sorted(CALLS.items())), examples_per_operation=EXAMPLES,
           operations=OPERATIONS)


EXAMPLES = scale(25, 300)


def test_the_api_never_answers_with_a_server_error(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6
    for operation, mode in itertools.product(operations, schemathesis.GenerationMode):
        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {TOKEN['value']}"})
            CALLS[str(response.status_code)] += 1
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])

        call()
    OPERATIONS.extend(f"{op.method.upper()} {op.path}" for op in operations)
