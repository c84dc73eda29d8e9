"""Defence in depth: even a model that skipped validation cannot escape or hang the engine.

Normal deploys refuse these models (see test_validation); here they are stored with
`validate=False` to prove the restricted evaluator and the step limit hold at run time.
"""

from __future__ import annotations

import time

import pytest

from engine import BpmnValidationError, Engine
from engine.bpmn import load_document
from engine.deploy import deploy_documents

from ..conftest import DATA
from .test_runtime import GOOD_PROMISE, only_task, start

SOURCE = (DATA / "kokeilu.bpmn").read_text()
SCRIPT = "kierros = 1\nviesti = 'ok' if lupaus_annettu else 'ei'"
CONDITION = "polku == 'odotus'"


def deploy_unchecked(eng: Engine, source: str) -> None:
    with eng.transaction() as s:
        deploy_documents(eng.rt, s, [load_document(source.encode(), "hostile.bpmn")], "test", validate=False)


@pytest.mark.parametrize(("old", "new", "element", "words"), [
    (CONDITION, "__import__('os').system('touch /tmp/pwned')", "valinta", "underscore"),
    (CONDITION, "().__class__.__base__.__subclasses__()", "valinta", "underscore"),
    (CONDITION, "open('/etc/passwd').read()", "valinta", "open"),
    (CONDITION, "'a' * 10**10", "valinta", "more than 1,000,000"),
    (SCRIPT, "while True:\n    pass", "laske", "time"),
    (SCRIPT, "import os", "laske", "import"),
])
def test_hostile_code_puts_the_task_in_error_with_a_sentence(people: Engine, old: str, new: str, element: str,
                                                            words: str) -> None:
    deploy_unchecked(people, SOURCE.replace(old, new))
    instance = start(people)
    began = time.monotonic()
    info = people.complete(only_task(people, instance), "asiantuntija", {**GOOD_PROMISE, "polku": "odotus"})
    assert time.monotonic() - began < 5
    assert info.status == "error" and info.error_element == element
    assert words in info.error_message.lower(), info.error_message
    assert "Traceback" not in info.error_message
    # the completion itself was kept; the failure is visible in the history
    assert [h.kind for h in info.history][-2:] == ["complete", "error"]
    retried = people.retry(instance, "esimies")
    assert retried.status == "error" and [h.kind for h in retried.history][-2:] == ["retry", "error"]


def test_normal_deploy_refuses_the_same_model(people: Engine, tmp_path) -> None:
    path = tmp_path / "hostile.bpmn"
    path.write_text(SOURCE.replace(CONDITION, "__import__('os')"))
    with pytest.raises(BpmnValidationError) as caught:
        people.deploy(path)
    assert any(p.element_id == "f_odotus" and "underscore" in p.message for p in caught.value.problems)


def test_endless_engine_loop_stops_at_the_step_limit(people: Engine) -> None:
    looping = SOURCE.replace('<bpmn:sequenceFlow id="f_suora" sourceRef="valinta" targetRef="yhdista"/>',
                             '<bpmn:sequenceFlow id="f_suora" sourceRef="valinta" targetRef="laske"/>')
    deploy_unchecked(people, looping)
    people.rt.max_steps = 300
    instance = start(people)
    info = people.complete(only_task(people, instance), "asiantuntija", GOOD_PROMISE)
    assert info.status == "error" and "more than 300 steps" in info.error_message
    assert info.error_element in {"laske", "valinta"}
