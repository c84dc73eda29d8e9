"""The Camunda 7 and SpiffWorkflow dialects (issue 20): each item with a model written for it.

JUEL translated to Python, camunda:inputOutput, id-less flows, Python service handlers (and the two
built in), DMN decisions, the aftercare switch, the validator details, pre/post-scripts, and what is
refused with a sentence instead of being ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from engine import Engine
from engine.clock import ManualClock
from engine.errors import BpmnValidationError, FormValidationError, ValidationError
from engine.models import CustomerContact, DecisionVersion, OutboxMessage
from engine.runtime import deploy as deploy_mod
from engine.runtime.bpmn import load_document, validate_documents, validate_paths
from engine.runtime.bpmn.camunda import translate_document
from engine.runtime.bpmn.juel import JuelError, translate
from engine.runtime.services import CUSTOMER_CARD, MAIL, ServiceCall

from ..conftest import START

CONFORMANCE = Path(__file__).parents[1] / "conformance"
INVOICE_DMN = CONFORMANCE / "camunda-examples" / "invoice" / "invoiceBusinessDecisions.dmn"
CUSTOMER = "0112038-9"
USER = "kayttaja"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="defs" targetNamespace="t">')


def model(body: str, process_id: str = "p", extra: str = "", executable: str = ' isExecutable="true"') -> bytes:
    return f'{HEAD}{extra}<bpmn:process id="{process_id}"{executable}>{body}</bpmn:process></bpmn:definitions>'.encode()


def line(*nodes: str, flows: list[tuple[str, str]] | None = None) -> str:
    """Nodes joined by flows in order (or by `flows`), each flow with an id."""
    pairs = flows if flows is not None else list(zip(_ids(nodes), _ids(nodes)[1:], strict=False))
    return "".join(nodes) + "".join(f'<bpmn:sequenceFlow id="f_{a}_{b}" sourceRef="{a}" targetRef="{b}"/>'
                                    for a, b in pairs)


def _ids(nodes: tuple[str, ...]) -> list[str]:
    return [n.split('id="', 1)[1].split('"', 1)[0] for n in nodes]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Engine]:
    eng = Engine(f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(START), aftercare=False,
                 services={"org.example.Score": score_handler, "mailer.send": echo_arguments})
    eng.add_user(USER, roles=["expert", "manager"], groups=["TE-asiantuntijat"], password="salasana-1-kokeilu")
    eng.add_customer(CUSTOMER, name="Oy Esimerkki Ab")
    yield eng
    eng.dispose()


def score_handler(call: ServiceCall) -> dict[str, Any]:
    return {"score": len(call.data.get("name", "")), "scored_by": call.name}


def echo_arguments(call: ServiceCall) -> list[Any]:
    return call.arguments


def deploy(eng: Engine, source: bytes, name: str = "m.bpmn") -> None:
    eng.deploy_bytes(source, name)


def complete_open(eng: Engine, instance_id: int, data: dict[str, Any]) -> Any:
    task = eng.instance(instance_id).open_tasks[0]
    if task.assignee != USER:
        eng.assign(task.id, USER, actor=USER)
    return eng.complete(task.id, USER, data)


def problems_of(source: bytes, **kwargs: Any) -> list[str]:
    return [f"{p.element_id}: {p.message}" for p in validate_documents([load_document(source, "m.bpmn")], **kwargs)]


# --- JUEL -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("juel", "python"), [
    ("${approved}", "approved"),
    ("#{!approved}", "(not approved)"),
    ("${not approved}", "(not approved)"),
    ("${amount > 1000}", "(amount > 1000)"),
    ("${amount gt 1000 and amount le 5000}", "((amount > 1000) and (amount <= 5000))"),
    ("${a eq 'x' || b ne \"y\"}", "((a == 'x') or (b != 'y'))"),
    ("${a lt 1 && b ge 2}", "((a < 1) and (b >= 2))"),
    ("${empty name}", "(name in (None, '', [], {}))"),
    ("${!empty items}", "(not (items in (None, '', [], {})))"),
    ("${(price * 2 + 1) div 3 mod 2}", "(((((price * 2) + 1)) / 3) % 2)"),
    ("${execution.getVariable('amount') >= 10}", "(amount >= 10)"),
    ("${customer.name.toUpperCase() == 'ACME'}", "(customer['name'].upper() == 'ACME')"),
    ("${name.trim().length() > 0}", "(len(name.strip()) > 0)"),
    ("${mail.endsWith('@te.fi')}", "mail.endswith('@te.fi')"),
    ("${text.contains('x')}", "('x' in text)"),
    ("${vip ? 'fast' : 'normal'}", "('fast' if vip else 'normal')"),
    ("${x == null}", "(x == None)"),
    ("Dear ${name}!", "'Dear ' + str(name) + '!'"),
])
def test_juel_subset_becomes_python(juel: str, python: str) -> None:
    assert translate(juel) == python


@pytest.mark.parametrize(("juel", "reason"), [
    ("${bean.compute()}", "The method `compute()` has no Python equivalent"),
    ("${dateTime().plusDays(1)}", "The function `dateTime()` has no Python equivalent"),
    ("${execution.setVariable('a', 1)}", "calls Camunda's Java API"),
    ("${execution}", "`execution` is Camunda's Java object"),
    ("${a instanceof b}", "`instanceof` asks about Java classes"),
    ("${__class__}", "cannot be a Python variable name"),
    ("${a +}", "is unexpected"),
    ("${a", "never closed"),
])
def test_juel_outside_the_subset_is_refused_with_a_sentence(juel: str, reason: str) -> None:
    with pytest.raises(JuelError, match=r"."):
        translate(juel)
    try:
        translate(juel)
    except JuelError as exc:
        assert reason in str(exc)


GATEWAY = line(
    '<bpmn:startEvent id="S"/>', '<bpmn:exclusiveGateway id="G" default="f_small"/>',
    '<bpmn:userTask id="Big" name="Big"/>', '<bpmn:userTask id="Small" name="Small"/>',
    '<bpmn:endEvent id="E1"/>', '<bpmn:endEvent id="E2"/>',
    flows=[("S", "G"), ("Big", "E1"), ("Small", "E2")]) + (
    '<bpmn:sequenceFlow id="f_big" sourceRef="G" targetRef="Big"><bpmn:conditionExpression>'
    '${amount &gt; 1000 &amp;&amp; !empty name}</bpmn:conditionExpression></bpmn:sequenceFlow>'
    '<bpmn:sequenceFlow id="f_small" sourceRef="G" targetRef="Small"/>')


@pytest.mark.parametrize(("data", "reached"), [({"amount": 2000, "name": "Acme"}, "Big"),
                                               ({"amount": 2000, "name": ""}, "Small"),
                                               ({"amount": 10, "name": "Acme"}, "Small")])
def test_juel_conditions_choose_the_branch_camunda_would(office: Engine, data: dict[str, Any], reached: str) -> None:
    deploy(office, model(GATEWAY))
    info = office.start("p", CUSTOMER, USER, data)
    assert [t.element_id for t in info.open_tasks] == [reached]


def test_the_stored_source_is_the_file_as_written(office: Engine) -> None:
    deploy(office, model(GATEWAY))
    _info, source = office.process_version("p")
    assert "${amount &gt; 1000" in source


def test_juel_assignee_and_due_date_are_translated(office: Engine) -> None:
    task = ('<bpmn:userTask id="T" name="T" camunda:assignee="${owner}" '
            'camunda:dueDate="${dateTime().plusWeeks(1).plusDays(2).toDate()}"/>')
    deploy(office, model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')))
    info = office.start("p", CUSTOMER, USER, {"owner": USER})
    (open_task,) = info.open_tasks
    assert open_task.assignee == USER
    assert open_task.due_at is not None and (open_task.due_at - START).days == 9


def test_a_literal_assignee_names_a_user_as_in_camunda(office: Engine) -> None:
    # camunda:assignee="demo" is a username in Camunda; a Python name that is no data field but an
    # active user's username means that user. A name that is neither leaves the task to its group.
    office.add_user("demo", roles=["expert"], groups=["TE-asiantuntijat"], password="salasana-1-kokeilu")
    first = '<bpmn:userTask id="T" name="T" camunda:assignee="demo"/>'
    second = '<bpmn:userTask id="U" name="U" camunda:assignee="nobody" camunda:candidateGroups="TE-asiantuntijat"/>'
    deploy(office, model(line('<bpmn:startEvent id="S"/>', first, second, '<bpmn:endEvent id="E"/>')))
    info = office.start("p", CUSTOMER, USER)
    assert [(t.element_id, t.assignee) for t in info.open_tasks] == [("T", "demo")]
    info = complete_open(office, info.id, {})
    assert [(t.element_id, t.assignee) for t in info.open_tasks] == [("U", None)]


def test_an_expression_in_candidate_groups_is_refused_not_ignored() -> None:
    task = '<bpmn:userTask id="T" name="T" camunda:candidateGroups="${reviewers}"/>'
    doc = load_document(model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')), "m.bpmn")
    problems = validate_documents([doc], aftercare=False)
    assert [(p.element_id, "reads candidate groups as names" in p.message) for p in problems] == [("T", True)]


# --- id-less flows ----------------------------------------------------------------------------------

IDLESS = ('<bpmn:startEvent id="S"/><bpmn:userTask id="T" name="T"/><bpmn:endEvent id="E"/>'
          '<bpmn:sequenceFlow sourceRef="S" targetRef="T"/><bpmn:sequenceFlow sourceRef="T" targetRef="E"/>')


def test_flows_without_an_id_get_a_stable_one_and_run(office: Engine) -> None:
    doc = load_document(model(IDLESS), "m.bpmn")
    first, second = translate_document(doc)[0], translate_document(doc)[0]
    ids = [f.get("id") for f in first.root.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}sequenceFlow")]
    assert ids == ["Flow_S_T", "Flow_T_E"]
    assert ids == [f.get("id") for f in second.root.iter(
        "{http://www.omg.org/spec/BPMN/20100524/MODEL}sequenceFlow")]
    deploy(office, model(IDLESS))
    info = office.start("p", CUSTOMER, USER)
    assert [t.element_id for t in info.open_tasks] == ["T"]
    assert complete_open(office, info.id, {}).status == "completed"


# --- camunda:inputOutput -----------------------------------------------------------------------------

IO_TASK = '''<bpmn:userTask id="T" name="T"><bpmn:extensionElements><camunda:inputOutput>
  <camunda:inputParameter name="greeting">Hello</camunda:inputParameter>
  <camunda:inputParameter name="doubled">${amount * 2}</camunda:inputParameter>
  <camunda:inputParameter name="letter">Dear ${name}</camunda:inputParameter>
  <camunda:inputParameter name="steps"><camunda:list><camunda:value>a</camunda:value>
    <camunda:value>${amount}</camunda:value></camunda:list></camunda:inputParameter>
  <camunda:inputParameter name="card"><camunda:map><camunda:entry key="who">${name}</camunda:entry>
    <camunda:entry key="kind">vip</camunda:entry></camunda:map></camunda:inputParameter>
  <camunda:outputParameter name="approved_total">${approved ? amount : 0}</camunda:outputParameter>
</camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>'''


def test_input_and_output_mappings_run_around_the_task(office: Engine) -> None:
    deploy(office, model(line('<bpmn:startEvent id="S"/>', IO_TASK, '<bpmn:endEvent id="E"/>')))
    info = office.start("p", CUSTOMER, USER, {"amount": 21, "name": "Acme"})
    assert {k: info.data[k] for k in ("greeting", "doubled", "letter", "steps", "card")} == {
        "greeting": "Hello", "doubled": 42, "letter": "Dear Acme", "steps": ["a", 21],
        "card": {"who": "Acme", "kind": "vip"}}
    assert "approved_total" not in info.data
    done = complete_open(office, info.id, {"approved": True})
    assert done.status == "completed" and done.data["approved_total"] == 21


# --- service handlers --------------------------------------------------------------------------------

def service(attributes: str) -> bytes:
    return model(line('<bpmn:startEvent id="S"/>', f'<bpmn:serviceTask id="Svc" name="Svc" {attributes}/>',
                      '<bpmn:userTask id="After" name="After"/>', '<bpmn:endEvent id="E"/>'))


@pytest.mark.parametrize("attributes", ['camunda:class="org.example.Score"',
                                        'camunda:delegateExpression="${org.example.Score}"'])
def test_a_java_name_runs_the_python_handler_installed_under_it(office: Engine, attributes: str) -> None:
    if "delegate" in attributes:
        attributes = 'camunda:type="external" camunda:topic="org.example.Score"'
    deploy(office, service(attributes))
    info = office.start("p", CUSTOMER, USER, {"name": "Acme"})
    assert info.data["score"] == 4 and info.data["scored_by"] == "org.example.Score"


def test_a_bean_expression_passes_its_arguments_and_keeps_the_result(office: Engine) -> None:
    deploy(office, service('camunda:expression="${mailer.send(name, 3)}" camunda:resultVariable="sent"'))
    assert office.start("p", CUSTOMER, USER, {"name": "Acme"}).data["sent"] == ["Acme", 3]


@pytest.mark.parametrize(("attributes", "what"), [
    ('camunda:class="org.example.Unknown"', "the Java class 'org.example.Unknown'"),
    ('camunda:delegateExpression="${nobody}"', "the delegate expression 'nobody'"),
    ('camunda:type="external" camunda:topic="invoices"', "the external-task topic 'invoices'"),
])
def test_an_unknown_handler_name_is_refused_at_deploy(office: Engine, attributes: str, what: str) -> None:
    with pytest.raises(BpmnValidationError) as caught:
        deploy(office, service(attributes))
    (problem,) = caught.value.problems
    assert problem.element_id == "Svc"
    assert f"names {what}, but no Python service handler is installed under that name" in problem.message


def test_the_built_in_mail_handler_queues_a_mail_in_the_outbox(office: Engine) -> None:
    io = ('<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="to">${contact}'
          '</camunda:inputParameter><camunda:inputParameter name="subject">Welcome ${name}</camunda:inputParameter>'
          '<camunda:inputParameter name="body">Hello</camunda:inputParameter></camunda:inputOutput>'
          '</bpmn:extensionElements>')
    source = service(f'camunda:class="{MAIL}"').replace(b'name="Svc" camunda:class="palvelupolku.mail"/>',
                                                          f'name="Svc" camunda:class="{MAIL}">{io}</bpmn:serviceTask>'
                                                          .encode())
    deploy(office, source)
    info = office.start("p", CUSTOMER, USER, {"contact": "info@acme.fi", "name": "Acme"})
    with office.reading() as s:
        mail = s.scalars(select(OutboxMessage)).one()
    assert (mail.recipient, mail.subject, mail.body) == ("info@acme.fi", "Welcome Acme", "Hello")
    assert info.data["mail_id"] == mail.id


def test_the_built_in_customer_card_handler_writes_a_note(office: Engine) -> None:
    deploy(office, service(f'camunda:class="{CUSTOMER_CARD}"'))
    office.start("p", CUSTOMER, USER, {"note": "Asked about recruitment", "channel": "phone"})
    with office.reading() as s:
        contact = s.scalars(select(CustomerContact)).one()
    assert (contact.notes, contact.channel, contact.by_user) == ("Asked about recruitment", "phone", "process:p")


def test_a_built_in_handler_missing_its_input_stops_the_instance_in_error(office: Engine) -> None:
    deploy(office, service(f'camunda:class="{CUSTOMER_CARD}"'))
    info = office.start("p", CUSTOMER, USER, {})
    assert info.status == "error"
    assert "needs the variable 'note'" in (info.error_message or "")


# --- DMN ---------------------------------------------------------------------------------------------

RULE_TASK = ('<bpmn:businessRuleTask id="Classify" name="Classify" camunda:decisionRef="invoiceClassification" '
             'camunda:resultVariable="classification" camunda:mapDecisionResult="singleEntry"/>')


def test_a_business_rule_task_evaluates_the_deployed_dmn_table(office: Engine, tmp_path: Path) -> None:
    (tmp_path / "decisions.dmn").write_bytes(INVOICE_DMN.read_bytes())
    (tmp_path / "classify.bpmn").write_bytes(model(line('<bpmn:startEvent id="S"/>', RULE_TASK,
                                                        '<bpmn:userTask id="T" name="T"/>', '<bpmn:endEvent id="E"/>')))
    office.deploy(tmp_path)
    info = office.start("p", CUSTOMER, USER, {"amount": 300, "invoiceCategory": "Misc"})
    assert info.status == "running", info.error_message
    assert "budget" in str(info.data)
    with office.reading() as s:
        assert [(d.decision_key, d.version) for d in s.scalars(select(DecisionVersion))] == [
            ("invoiceClassification", 1), ("invoice-assign-approver", 1)]


def test_a_dmn_deployed_earlier_serves_a_later_process_and_is_versioned(office: Engine, tmp_path: Path) -> None:
    office.deploy_bytes(INVOICE_DMN.read_bytes(), "decisions.dmn")
    office.deploy_bytes(INVOICE_DMN.read_bytes(), "decisions.dmn")   # same content: same version
    changed = INVOICE_DMN.read_bytes().replace(b'"day-to-day expense"</text>', b'"small"</text>')
    office.deploy_bytes(changed, "decisions.dmn")
    deploy(office, model(line('<bpmn:startEvent id="S"/>', RULE_TASK, '<bpmn:endEvent id="E"/>')))
    info = office.start("p", CUSTOMER, USER, {"amount": 100, "invoiceCategory": "Misc"})
    assert info.status == "completed" and "small" in str(info.data)
    with office.reading() as s:
        versions = s.scalars(select(DecisionVersion.version).where(
            DecisionVersion.decision_key == "invoiceClassification")).all()
    assert sorted(versions) == [1, 2]


def test_a_decision_that_is_nowhere_is_refused(office: Engine) -> None:
    with pytest.raises(BpmnValidationError, match="problem"):
        deploy(office, model(line('<bpmn:startEvent id="S"/>', RULE_TASK, '<bpmn:endEvent id="E"/>')))
    assert "evaluates the DMN decision 'invoiceClassification', which is in none of the .dmn files" in \
        problems_of(model(line('<bpmn:startEvent id="S"/>', RULE_TASK, '<bpmn:endEvent id="E"/>')))[0]


# --- the aftercare switch ----------------------------------------------------------------------------

def test_the_aftercare_rule_is_on_unless_the_engine_is_told(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    source = model(line('<bpmn:startEvent id="S"/>', '<bpmn:userTask id="T" name="T"/>', '<bpmn:endEvent id="E"/>'))
    strict = Engine(f"sqlite:///{tmp_path / 's.db'}")
    loose = Engine(f"sqlite:///{tmp_path / 'l.db'}", aftercare=False)
    try:
        with caplog.at_level(logging.INFO, logger="engine.runtime.deploy"):
            with pytest.raises(BpmnValidationError, match="problem"):
                strict.deploy_bytes(source, "m.bpmn")
            assert "aftercare rule enforced" in caplog.text
            loose.deploy_bytes(source, "m.bpmn")
            assert "aftercare rule OFF" in caplog.text
    finally:
        strict.dispose()
        loose.dispose()


def test_the_web_app_never_switches_the_rule_off() -> None:
    webui = Path(__file__).parents[2] / "webui"
    assert not [p for p in webui.rglob("*.py") if "aftercare=False" in p.read_text(encoding="utf-8")]


def test_validate_no_aftercare_and_deploy_without_the_rule_agree_on_every_file(tmp_path: Path) -> None:
    eng = Engine(f"sqlite:///{tmp_path / 'a.db'}", aftercare=False)
    disagree = []
    try:
        files = sorted(p for p in CONFORMANCE.rglob("*") if p.suffix in (".bpmn", ".dmn"))
        for path in files:
            docs, problems = validate_paths([path], aftercare=False)
            refused = bool(problems)
            session = eng._write_sessions()
            try:
                with session.begin():
                    deploy_mod.deploy_documents(eng.rt, session, docs, "test")
                    session.rollback()       # each file alone, into an empty database
                deployed = True
            except BpmnValidationError:
                deployed = False
            finally:
                session.close()
            if refused == deployed and docs:
                disagree.append(path.name)
        assert len(files) > 150
    finally:
        eng.dispose()
    assert disagree == []


# --- validator details -------------------------------------------------------------------------------

def test_batch_and_single_file_runs_give_the_same_answers_per_file(tmp_path: Path) -> None:
    broken = model('<bpmn:startEvent id="S"/><bpmn:sequenceFlow id="f" sourceRef="S" targetRef="Nowhere"/>', "a")
    spiff_only = model(line('<bpmn:startEvent id="S"/>', '<bpmn:userTask id="T" name="T"><bpmn:'
                            'multiInstanceLoopCharacteristics/></bpmn:userTask>', '<bpmn:endEvent id="E"/>'), "b")
    (tmp_path / "a.bpmn").write_bytes(broken)
    (tmp_path / "b.bpmn").write_bytes(spiff_only)
    (tmp_path / "c.bpmn").write_bytes(model(GATEWAY, "c"))
    _docs, batch = validate_paths([tmp_path], aftercare=False)
    for name in ("a.bpmn", "b.bpmn", "c.bpmn"):
        alone = validate_paths([tmp_path / name], aftercare=False)[1]
        assert sorted(map(str, alone)) == sorted(str(p) for p in batch if p.file.endswith(name)), name
    assert any(p.file.endswith("b.bpmn") and "SpiffWorkflow" in p.message for p in batch)


def test_a_process_without_is_executable_runs(office: Engine) -> None:
    deploy(office, model(line('<bpmn:startEvent id="S"/>', '<bpmn:userTask id="T" name="T"/>',
                              '<bpmn:endEvent id="E"/>'), executable=""))
    assert office.start("p", CUSTOMER, USER).open_tasks[0].element_id == "T"


def test_a_process_marked_not_executable_is_still_refused() -> None:
    source = model(line('<bpmn:startEvent id="S"/>', '<bpmn:endEvent id="E"/>'), executable=' isExecutable="false"')
    assert "No executable process" in problems_of(source, aftercare=False)[0]


def test_a_signal_thrown_in_the_process_ends_the_boundary_path(office: Engine) -> None:
    body = line(
        '<bpmn:startEvent id="S"/>', '<bpmn:parallelGateway id="Fork"/>', '<bpmn:userTask id="Work" name="Work"/>',
        '<bpmn:boundaryEvent id="Stopped" attachedToRef="Work"><bpmn:signalEventDefinition signalRef="Sig"/>'
        '</bpmn:boundaryEvent>', '<bpmn:endEvent id="E1"/>', '<bpmn:endEvent id="E2"/>',
        '<bpmn:userTask id="Decide" name="Decide"/>', '<bpmn:intermediateThrowEvent id="Throw">'
        '<bpmn:signalEventDefinition signalRef="Sig"/></bpmn:intermediateThrowEvent>', '<bpmn:endEvent id="E3"/>',
        flows=[("S", "Fork"), ("Fork", "Work"), ("Fork", "Decide"), ("Work", "E1"), ("Stopped", "E2"),
               ("Decide", "Throw"), ("Throw", "E3")])
    source = model(body, extra='<bpmn:signal id="Sig" name="stop"/>')
    assert problems_of(source, aftercare=False) == []
    deploy(office, source)
    info = office.start("p", CUSTOMER, USER)
    decide = next(t for t in info.open_tasks if t.element_id == "Decide")
    office.assign(decide.id, USER, actor=USER)
    assert office.complete(decide.id, USER, {}).status == "completed"


def test_feel_conditions_say_what_python_to_write() -> None:
    body = GATEWAY.replace("${amount &gt; 1000 &amp;&amp; !empty name}", "= approved")
    (problem,) = [p for p in problems_of(model(body), aftercare=False) if "FEEL" in p]
    assert problem.endswith("is FEEL; FEEL is not supported; write Python: approved.")


def test_an_empty_constraint_is_tolerated() -> None:
    task = ('<bpmn:userTask id="T" name="T"><bpmn:extensionElements><camunda:formData><camunda:formField id="x" '
            'label="X" type="string"><camunda:validation><camunda:constraint/></camunda:validation>'
            '</camunda:formField></camunda:formData></bpmn:extensionElements></bpmn:userTask>')
    assert problems_of(model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')),
                       aftercare=False) == []


def test_a_message_expression_is_not_called_java() -> None:
    throw = ('<bpmn:intermediateThrowEvent id="Send" name="Send"><bpmn:messageEventDefinition messageRef="M" '
             'camunda:expression="${payload}"/></bpmn:intermediateThrowEvent>')
    source = model(line('<bpmn:startEvent id="S"/>', throw, '<bpmn:endEvent id="E"/>'),
                   extra='<bpmn:message id="M" name="m"/>')
    (problem,) = problems_of(source, aftercare=False)
    assert "Java" not in problem and "the message carries the sender's task data as its payload" in problem


def test_an_untranslatable_due_date_gets_valid_advice() -> None:
    task = '<bpmn:userTask id="T" name="T" camunda:dueDate="${dateTime().withHour(9).toDate()}"/>'
    (problem,) = problems_of(model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')),
                             aftercare=False)
    assert "A due date is an ISO 8601 duration from the task's creation (P7D), a date (2026-12-01)" in problem


# --- a task without formData -------------------------------------------------------------------------

def test_a_task_with_an_external_form_takes_submitted_data(office: Engine) -> None:
    task = '<bpmn:userTask id="T" name="T" camunda:formKey="embedded:app:forms/approve.html"/>'
    deploy(office, model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')))
    info = office.start("p", CUSTOMER, USER)
    with pytest.raises(FormValidationError):
        complete_open(office, info.id, {"_secret": 1})
    done = complete_open(office, info.id, {"approved": True, "amount": 12.5, "notes": ["a"]})
    assert done.status == "completed" and done.data["approved"] is True and done.data["notes"] == ["a"]


# --- the SpiffWorkflow dialect -----------------------------------------------------------------------

def test_spiff_pre_and_post_scripts_run_in_the_restricted_evaluator(office: Engine) -> None:
    task = ('<bpmn:userTask id="T" name="T"><bpmn:extensionElements><spiffworkflow:preScript>total = price * 2'
            '</spiffworkflow:preScript><spiffworkflow:postScript>label = "ok" if accepted else "no"'
            '</spiffworkflow:postScript></bpmn:extensionElements></bpmn:userTask>')
    deploy(office, model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')))
    info = office.start("p", CUSTOMER, USER, {"price": 5})
    assert info.data["total"] == 10
    assert complete_open(office, info.id, {"accepted": True}).data["label"] == "ok"


def test_a_hostile_pre_script_is_refused_at_deploy() -> None:
    task = ('<bpmn:scriptTask id="T" name="T"><bpmn:extensionElements><spiffworkflow:preScript>import os'
            '</spiffworkflow:preScript></bpmn:extensionElements><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>')
    (problem,) = problems_of(model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')),
                             aftercare=False)
    assert problem.startswith("T: The input mappings or pre-script of script task 'T' are refused")


@pytest.mark.parametrize(("inner", "fragment"), [
    ("<spiffworkflow:messagePayload>{'a': 1}</spiffworkflow:messagePayload>",
     "uses SpiffWorkflow's spiffworkflow:messagePayload, which Palvelupolku does not run"),
    ("<spiffworkflow:messageVariable>answer</spiffworkflow:messageVariable>",
     "uses SpiffWorkflow's spiffworkflow:messageVariable"),
])
def test_spiff_message_extensions_are_refused_not_ignored(inner: str, fragment: str) -> None:
    task = f'<bpmn:userTask id="T" name="T"><bpmn:extensionElements>{inner}</bpmn:extensionElements></bpmn:userTask>'
    problems = problems_of(model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')), aftercare=False)
    assert any(fragment in p for p in problems), problems


def test_spiff_multi_instance_over_data_references_is_refused() -> None:
    task = ('<bpmn:userTask id="T" name="T"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopDataInputRef>items'
            '</bpmn:loopDataInputRef><bpmn:inputDataItem id="item" name="item"/>'
            '</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>')
    problems = problems_of(model(line('<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')), aftercare=False)
    assert any("name the list with camunda:collection" in p for p in problems), problems


# --- engine errors, not raw exceptions, out of the facade -------------------------------------------

def test_a_date_a_script_stores_is_saved_and_read_back(office: Engine) -> None:
    script = '<bpmn:scriptTask id="Sc" name="Sc"><bpmn:script>when = datetime(2026, 1, 31, 9, 0)</bpmn:script>' \
             '</bpmn:scriptTask>'
    deploy(office, model(line('<bpmn:startEvent id="S"/>', script, '<bpmn:userTask id="T" name="T"/>',
                              '<bpmn:endEvent id="E"/>')))
    info = office.start("p", CUSTOMER, USER)
    office.rt.codec = type(office.rt.codec)()     # forget the live workflow: read the state back from JSON
    assert office.instance(info.id).data["when"].isoformat() == "2026-01-31T09:00:00"
    assert complete_open(office, info.id, {}).status == "completed"


def test_a_missing_data_object_value_is_a_sentence_not_a_spiffworkflow_exception(office: Engine) -> None:
    task = ('<bpmn:userTask id="T" name="Record"><bpmn:dataOutputAssociation id="oa"><bpmn:targetRef>Ref_x'
            '</bpmn:targetRef></bpmn:dataOutputAssociation></bpmn:userTask>')
    body = '<bpmn:dataObject id="DO_x"/><bpmn:dataObjectReference id="Ref_x" dataObjectRef="DO_x"/>' + line(
        '<bpmn:startEvent id="S"/>', task, '<bpmn:endEvent id="E"/>')
    deploy(office, model(body))
    info = office.start("p", CUSTOMER, USER)
    with pytest.raises(ValidationError, match="Task 'Record' cannot be completed: A data object could not be set"):
        complete_open(office, info.id, {})
    assert complete_open(office, info.id, {"DO_x": 5}).status == "completed"


def test_a_new_table_is_taken_by_a_new_process_version_and_running_instances_keep_theirs(office: Engine) -> None:
    body = model(line('<bpmn:startEvent id="S"/>', RULE_TASK, '<bpmn:userTask id="T" name="T"/>',
                      '<bpmn:endEvent id="E"/>'))
    office.deploy_bytes(INVOICE_DMN.read_bytes(), "decisions.dmn")
    deploy(office, body)
    first = office.start("p", CUSTOMER, USER, {"amount": 100, "invoiceCategory": "Misc"})
    changed = INVOICE_DMN.read_bytes().replace(b'"day-to-day expense"</text>', b'"small"</text>')
    office.deploy_bytes(changed, "decisions.dmn")
    deploy(office, body)                        # the same file, a new table: a new version of the process
    second = office.start("p", CUSTOMER, USER, {"amount": 100, "invoiceCategory": "Misc"})
    assert (first.version, second.version) == (1, 2)
    assert "day-to-day expense" in str(office.instance(first.id).data) and "small" in str(second.data)
    deploy(office, body)                        # nothing changed: the same version
    assert office.start("p", CUSTOMER, USER, {"amount": 100, "invoiceCategory": "Misc"}).version == 2
