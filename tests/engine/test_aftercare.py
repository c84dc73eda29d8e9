"""The aftercare rule: every kind of violation is refused, by name of what is missing.

Each test edits the valid fixture (`bpmn/valid_service.bpmn`) in one way and checks the answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from engine.runtime.bpmn import (
    AFTERCARE_PROPERTY,
    NEW_NEEDS_MESSAGE,
    LoadedDocument,
    aftercare_task_ids,
    load_document,
    validate_documents,
)

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
FIXTURES = Path(__file__).parent / "bpmn"
NO_AFTERCARE = "has no aftercare task"


def fixture(name: str = "valid_service.bpmn") -> etree._Element:
    return etree.fromstring((FIXTURES / name).read_bytes())


def by_id(root: etree._Element, element_id: str) -> etree._Element:
    (found,) = root.xpath("//*[@id=$id]", id=element_id)
    return found


def add(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{BPMN}}}{tag}", attributes)


def flow(process: etree._Element, flow_id: str, source: str, target: str, condition: str | None = None) -> None:
    element = add(process, "sequenceFlow", id=flow_id, sourceRef=source, targetRef=target)
    if condition is not None:
        add(element, "conditionExpression").text = condition


def remove(root: etree._Element, element_id: str) -> None:
    element = by_id(root, element_id)
    element.getparent().remove(element)
    for ref in root.iter(f"{{{BPMN}}}flowNodeRef"):
        if ref.text == element_id:
            ref.getparent().remove(ref)


def document(root: etree._Element, name: str = "service.bpmn") -> LoadedDocument:
    return load_document(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), name)


def check(root: etree._Element, **options: bool) -> list[str]:
    return [str(p) for p in validate_documents([document(root)], **options)]


@pytest.fixture
def root() -> etree._Element:
    return fixture()


@pytest.fixture
def process(root: etree._Element) -> etree._Element:
    return by_id(root, "recruitment")


def test_the_valid_fixture_keeps_the_rule(root: etree._Element) -> None:
    assert check(root) == []
    assert check(root, aftercare=False) == []


def test_aftercare_task_ids_are_the_marked_user_tasks(root: etree._Element) -> None:
    assert aftercare_task_ids(root, "recruitment") == ["Task_Aftercare"]
    assert aftercare_task_ids(root, "no_such_process") == []
    assert AFTERCARE_PROPERTY == "aftercare" and NEW_NEEDS_MESSAGE == "uusi_palvelutarve"


@pytest.mark.parametrize("value", [None, "false", "yes"])
def test_a_process_without_an_aftercare_task_is_refused(root: etree._Element, value: str | None) -> None:
    (marker,) = root.iter(f"{{{CAMUNDA}}}property")
    if value is None:
        marker.getparent().remove(marker)
    else:
        marker.set("value", value)
    assert check(root) == [
        "service.bpmn:recruitment: Process 'Recruitment services' has no aftercare task: every service process "
        "must end with the aftercare call. Mark its user task with the extension property aftercare = true "
        "(<camunda:property name=\"aftercare\" value=\"true\"/> in its camunda:properties)."]
    assert aftercare_task_ids(root, "recruitment") == []


def test_only_a_user_task_can_be_marked_aftercare(root: etree._Element) -> None:
    gateway = by_id(root, "Gateway_Needs")
    properties = etree.SubElement(etree.SubElement(gateway, f"{{{BPMN}}}extensionElements"),
                                  f"{{{CAMUNDA}}}properties")
    etree.SubElement(properties, f"{{{CAMUNDA}}}property", name="aftercare", value="true")
    assert check(root) == [
        "service.bpmn:Gateway_Needs: Exclusive gateway 'New service needs?' is marked aftercare, but only a "
        "user task can be the aftercare task; move the mark to the user task of the aftercare call."]


def test_an_end_event_reached_around_the_aftercare_is_refused(root: etree._Element, process: etree._Element) -> None:
    by_id(root, "Flow_Delivered").set("targetRef", "Gateway_Withdrawn")
    add(process, "exclusiveGateway", id="Gateway_Withdrawn", name="Customer withdrew?", default="Flow_Continue")
    flow(process, "Flow_Continue", "Gateway_Withdrawn", "Task_Aftercare")
    flow(process, "Flow_Withdrawn", "Gateway_Withdrawn", "End_Withdrawn", condition="withdrawn")
    add(process, "endEvent", id="End_Withdrawn", name="Customer withdrew")
    assert check(root) == [
        "service.bpmn:End_Withdrawn: End event 'Customer withdrew' can be reached from start event 'Customer "
        "contacts the office' without passing the aftercare task 'Aftercare call'; route every path through the "
        "aftercare call before the process ends."]
    assert check(root, aftercare=False) == []


def test_a_boundary_event_of_the_aftercare_task_counts_as_being_at_it(root: etree._Element) -> None:
    # Even an interrupting escalation branch: the call was due, the expert is on it.
    by_id(root, "Timer_Reminder").set("cancelActivity", "true")
    assert check(root) == []


def _boundary_timer(process: etree._Element, interrupting: bool, end: str = "End_Timeout") -> etree._Element:
    timer = add(process, "boundaryEvent", id="Timer_Deliver", name="Six months passed", attachedToRef="Task_Deliver",
                cancelActivity="true" if interrupting else "false")
    add(add(timer, "timerEventDefinition"), "timeDuration").text = "P6M"
    flow(process, "Flow_Timeout", "Timer_Deliver", end)
    return timer


def test_a_boundary_event_of_another_task_starts_a_path_too(process: etree._Element) -> None:
    _boundary_timer(process, interrupting=True)
    add(process, "endEvent", id="End_Timeout", name="Service timed out")
    problems = check(process.getroottree().getroot())
    assert problems == [
        "service.bpmn:End_Timeout: End event 'Service timed out' can be reached from start event 'Customer contacts "
        "the office' through boundary event 'Six months passed' without passing the aftercare task 'Aftercare "
        "call'; route every path through the aftercare call before the process ends."]


def test_a_non_interrupting_side_branch_may_end_while_the_main_path_goes_on(process: etree._Element) -> None:
    # The token on the task itself still has to pass the aftercare before the process completes.
    _boundary_timer(process, interrupting=False)
    end = add(process, "endEvent", id="End_Timeout", name="Reminder sent")
    root = process.getroottree().getroot()
    assert check(root) == []
    add(end, "terminateEventDefinition")  # ... unless the branch terminates the whole process
    assert [p.split(":")[1] for p in check(root)] == ["End_Timeout"]


def test_an_activity_without_outgoing_flow_ends_the_process(process: etree._Element) -> None:
    _boundary_timer(process, interrupting=True, end="Task_Archive")
    add(process, "userTask", id="Task_Archive", name="Archive the case")
    problems = check(process.getroottree().getroot())
    assert len(problems) == 1
    assert problems[0].startswith("service.bpmn:Task_Archive: User task 'Archive the case' has no outgoing "
                                  "sequence flow, so the process ends there, and it can be reached from start event")
    assert "without passing the aftercare task 'Aftercare call'" in problems[0]


def test_an_embedded_subprocess_counts_as_one_node(root: etree._Element) -> None:
    # Its own end event ends the subprocess, not the process: no aftercare needed inside.
    deliver = by_id(root, "Task_Deliver")
    deliver.tag = f"{{{BPMN}}}subProcess"
    add(deliver, "startEvent", id="Start_Inner")
    flow(deliver, "Flow_Inner1", "Start_Inner", "Task_Inner")
    add(deliver, "userTask", id="Task_Inner", name="Present candidates")
    flow(deliver, "Flow_Inner2", "Task_Inner", "End_Inner")
    add(deliver, "endEvent", id="End_Inner", name="Candidates presented")
    assert check(root) == []


def test_the_aftercare_must_lead_straight_to_an_exclusive_gateway(root: etree._Element,
                                                                  process: etree._Element) -> None:
    by_id(root, "Flow_Called").set("targetRef", "Task_Survey")
    add(process, "userTask", id="Task_Survey", name="Send a survey")
    flow(process, "Flow_Surveyed", "Task_Survey", "Gateway_Needs")
    assert check(root) == [
        "service.bpmn:Task_Aftercare: The aftercare task 'Aftercare call' must lead straight to an exclusive "
        "gateway (the needs-reassessment gateway: new service needs or not); it leads to user task 'Send a survey'."]


def test_the_aftercare_needs_its_one_outgoing_flow(root: etree._Element) -> None:
    remove(root, "Flow_Called")
    problems = check(root)
    assert ("service.bpmn:Task_Aftercare: The aftercare task 'Aftercare call' must have exactly one outgoing "
            "sequence flow, to the needs-reassessment gateway; it has 0.") in problems


def test_the_reassessment_gateway_needs_a_default_flow(root: etree._Element) -> None:
    del by_id(root, "Gateway_Needs").attrib["default"]
    add(by_id(root, "Flow_NoNeeds"), "conditionExpression").text = "not new_needs"
    assert check(root) == [
        "service.bpmn:Gateway_Needs: The needs-reassessment gateway 'New service needs?' after the aftercare task "
        "'Aftercare call' has no default flow; make the 'no new needs' flow its default."]


def test_the_reassessment_gateway_needs_two_outgoing_flows(root: etree._Element) -> None:
    remove(root, "Flow_NewNeeds")
    remove(root, "End_NewNeeds")
    problems = check(root)
    assert ("service.bpmn:Gateway_Needs: The needs-reassessment gateway 'New service needs?' after the aftercare "
            "task 'Aftercare call' has 1 outgoing sequence flow(s); it needs at least two: the default (no new "
            "needs) and one to a new service needs assessment.") in problems
    assert any("ends in a message end event sending 'uusi_palvelutarve'" in p for p in problems)


def test_a_new_needs_branch_needs_the_message_end_event(root: etree._Element) -> None:
    end = by_id(root, "End_NewNeeds")
    end.remove(end[0])
    assert check(root) == [
        "service.bpmn:Gateway_Needs: No branch of the needs-reassessment gateway 'New service needs?' other than "
        "the default ends in a message end event sending 'uusi_palvelutarve'; add one so that new needs start a "
        "service needs assessment."]


def test_the_message_must_be_the_new_needs_message(root: etree._Element) -> None:
    by_id(root, "Message_NewNeeds").set("name", "uusi_tarve")
    (problem,) = check(root)
    assert problem.startswith("service.bpmn:Gateway_Needs: No branch of the needs-reassessment gateway")
    assert "(found end event 'New needs assessment' sending 'uusi_tarve')" in problem


def test_the_message_on_the_default_branch_does_not_count(root: etree._Element) -> None:
    message = by_id(root, "MessageDef_NewNeeds")
    by_id(root, "End_Done").append(message)
    assert [p.split(":")[1] for p in check(root)] == ["Gateway_Needs"]


def test_the_new_needs_branch_may_pass_further_nodes(root: etree._Element, process: etree._Element) -> None:
    by_id(root, "Flow_NewNeeds").set("targetRef", "Task_Book")
    add(process, "userTask", id="Task_Book", name="Book the needs assessment")
    flow(process, "Flow_Booked", "Task_Book", "End_NewNeeds")
    assert check(root) == []


def _caller_of(called: str) -> etree._Element:
    root = fixture()
    deliver = by_id(root, "Task_Deliver")
    deliver.tag = f"{{{BPMN}}}callActivity"
    deliver.set("calledElement", called)
    return root


def test_a_called_process_is_part_of_its_caller_and_exempt() -> None:
    called = document(fixture("called_visit.bpmn"), "called_visit.bpmn")
    caller = document(_caller_of("company_visit"))
    assert validate_documents([caller, called]) == []
    assert validate_documents([called], extra_documents=[caller]) == []
    alone = [str(p) for p in validate_documents([called])]
    assert alone == [
        "called_visit.bpmn:company_visit: Process 'Company visit' has no aftercare task: every service process "
        "must end with the aftercare call. Mark its user task with the extension property aftercare = true "
        "(<camunda:property name=\"aftercare\" value=\"true\"/> in its camunda:properties)."]


def test_a_caller_may_have_its_aftercare_in_the_called_process() -> None:
    outer = fixture("called_visit.bpmn")
    visit = by_id(outer, "Task_Visit")
    visit.tag = f"{{{BPMN}}}callActivity"
    visit.set("calledElement", "recruitment")
    docs = [document(outer, "outer.bpmn"), document(fixture())]
    assert validate_documents(docs) == []


def test_every_executable_pool_of_a_collaboration_needs_aftercare(root: etree._Element) -> None:
    collaboration = etree.Element(f"{{{BPMN}}}collaboration", id="Collaboration_1")
    root.insert(0, collaboration)
    add(collaboration, "participant", id="Participant_Office", processRef="recruitment")
    add(collaboration, "participant", id="Participant_Provider", processRef="training")
    training = add(root, "process", id="training", name="Training provider", isExecutable="true")
    add(training, "startEvent", id="Start_Training")
    flow(training, "Flow_Train", "Start_Training", "Task_Train")
    add(training, "userTask", id="Task_Train", name="Train the staff")
    flow(training, "Flow_Trained", "Task_Train", "End_Trained")
    add(training, "endEvent", id="End_Trained")
    assert [p.split(": ")[0] for p in check(root)] == ["service.bpmn:training"]


def test_switching_the_rule_off_skips_only_the_rule(root: etree._Element) -> None:
    (marker,) = root.iter(f"{{{CAMUNDA}}}property")
    marker.getparent().remove(marker)
    assert check(root, aftercare=False) == []
    by_id(root, "Flow_NewNeeds")[0].text = "${new_needs.check()}"
    problems = check(root, aftercare=False)
    assert [p.split(": ")[0] for p in problems] == ["service.bpmn:Flow_NewNeeds"]
    assert "JUEL" in problems[0]
    assert any(NO_AFTERCARE in p for p in check(root))
