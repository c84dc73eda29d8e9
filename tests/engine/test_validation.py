"""The BPMN validator: hostile input, each structural check and its message, and SpiffWorkflow's failures.

Most tests edit the valid fixture (`bpmn/valid_service.bpmn`) in one way and look for the one
Problem that edit must cause: its element id and the sentence that says what to fix.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from engine.errors import BpmnValidationError
from engine.runtime.bpmn import (
    MAX_BPMN_BYTES,
    LoadedDocument,
    Problem,
    collect_bpmn_files,
    load_document,
    validate_documents,
    validate_paths,
)
from engine.runtime.bpmn import validation as validation_module

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
FIXTURES = Path(__file__).parent / "bpmn"
CONFORMANCE = Path(__file__).parents[1] / "conformance"
TIME_LIMIT = 5.0
DTD_REFUSED = "DTDs and entity declarations are not allowed in BPMN files."


# --- helpers ---------------------------------------------------------------------------------------

def fixture(name: str = "valid_service.bpmn") -> etree._Element:
    return etree.fromstring((FIXTURES / name).read_bytes())


def by_id(root: etree._Element, element_id: str) -> etree._Element:
    (found,) = root.xpath("//*[@id=$id]", id=element_id)
    return found


def add(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{BPMN}}}{tag}", attributes)


def add_camunda(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{CAMUNDA}}}{tag}", attributes)


def flow(process: etree._Element, flow_id: str, source: str, target: str) -> etree._Element:
    return add(process, "sequenceFlow", id=flow_id, sourceRef=source, targetRef=target)


def document(root: etree._Element, name: str = "service.bpmn") -> LoadedDocument:
    return load_document(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), name)


def problems_of(root: etree._Element, **options: bool) -> list[Problem]:
    return validate_documents([document(root)], **options)


def load_problem(source: bytes, name: str = "input.bpmn") -> Problem:
    started = time.perf_counter()
    with pytest.raises(BpmnValidationError) as caught:
        load_document(source, name)
    assert time.perf_counter() - started < TIME_LIMIT
    (problem,) = caught.value.problems
    assert problem.file == name and problem.element_id == "-"
    return problem


def retag(element: etree._Element, tag: str) -> etree._Element:
    element.tag = f"{{{BPMN}}}{tag}"
    return element


def rename(root: etree._Element, old: str, new: str) -> None:
    for element in root.iter():
        for attribute in ("id", "sourceRef", "targetRef", "attachedToRef", "default"):
            if element.get(attribute) == old:
                element.set(attribute, new)
        if element.tag == f"{{{BPMN}}}flowNodeRef" and element.text == old:
            element.text = new


def timer_on_reminder(root: etree._Element) -> etree._Element:
    return by_id(root, "TimerDef_Reminder")


def set_duration(text: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        timer_on_reminder(root)[0].text = text
    return edit


def set_timer(kind: str, text: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        definition = timer_on_reminder(root)
        definition.remove(definition[0])
        add(definition, kind).text = text
    return edit


def set_attribute(element_id: str, name: str, value: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        by_id(root, element_id).set(name, value)
    return edit


def form_field(root: etree._Element, field_id: str) -> etree._Element:
    (found,) = [f for f in root.iter(f"{{{CAMUNDA}}}formField") if f.get("id") == field_id]
    return found


# --- the valid fixture and the public surface ---------------------------------------------------------

def test_the_valid_fixture_passes_every_check() -> None:
    docs, problems = validate_paths([FIXTURES / "valid_service.bpmn"])
    assert problems == []
    assert [d.filename for d in docs] == [str(FIXTURES / "valid_service.bpmn")]
    assert len(docs[0].sha256) == 64


def test_a_problem_prints_as_file_element_message() -> None:
    assert str(Problem("a.bpmn", "Task_1", "Broken.")) == "a.bpmn:Task_1: Broken."
    assert str(Problem("a.bpmn", "", "Broken.")) == "a.bpmn:-: Broken."
    # Whatever a file holds, the shape stays one line with an id free of ':' and spaces.
    assert str(Problem("a.bpmn", "bad:id", "Two\nlines.")) == "a.bpmn:-: Two lines."
    assert str(Problem("a.bpmn", "bad id", "x")) == "a.bpmn:-: x"


def test_the_package_exports_a_sorted_public_surface() -> None:
    import engine.runtime.bpmn as package

    # isort style, as in engine/__init__.py: CONSTANTS, then Classes, then functions.
    def group(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert package.__all__ == sorted(package.__all__, key=group)
    assert {"Problem", "LoadedDocument", "validate_paths", "validate_documents", "load_document",
            "collect_bpmn_files", "aftercare_task_ids", "AFTERCARE_PROPERTY", "NEW_NEEDS_MESSAGE",
            "MAX_BPMN_BYTES"} <= set(package.__all__)


def test_collect_bpmn_files_walks_folders_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/z.bpmn", "a.bpmn", "b/notes.txt", "c.BPMN"):
        (tmp_path / name).write_text("x")
    assert collect_bpmn_files(tmp_path) == [tmp_path / "a.bpmn", tmp_path / "b" / "z.bpmn", tmp_path / "c.BPMN"]
    assert collect_bpmn_files(tmp_path / "a.bpmn") == [tmp_path / "a.bpmn"]


def test_validate_paths_resolves_call_activities_between_files(tmp_path: Path) -> None:
    caller = fixture()
    retag(by_id(caller, "Task_Deliver"), "callActivity").set("calledElement", "company_visit")
    (tmp_path / "caller.bpmn").write_bytes(etree.tostring(caller))
    alone = validate_paths([tmp_path / "caller.bpmn"])[1]
    assert [p.element_id for p in alone] == ["Task_Deliver"]
    assert "calls process 'company_visit', which is neither" in alone[0].message
    (tmp_path / "visit.bpmn").write_bytes((FIXTURES / "called_visit.bpmn").read_bytes())
    docs, problems = validate_paths([tmp_path])
    assert problems == [] and len(docs) == 2


def test_missing_files_and_non_files_are_problems(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.bpmn"
    os.mkfifo(fifo)  # opening it would block for ever
    docs, problems = validate_paths([tmp_path / "missing.bpmn", fifo, FIXTURES / "valid_service.bpmn"])
    assert [str(p) for p in problems] == [f"{tmp_path / 'missing.bpmn'}:-: The file does not exist.",
                                          f"{fifo}:-: This is not a regular file."]
    assert len(docs) == 1


# --- hostile input ----------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="p" name="&lol9;" isExecutable="true"/>
</bpmn:definitions>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="p" name="&secret;" isExecutable="true"/>
</bpmn:definitions>"""


def test_entity_expansion_is_refused() -> None:
    assert load_problem(BILLION_LAUGHS).message == DTD_REFUSED


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_an_external_entity_is_refused_and_never_read(encoding: str) -> None:
    source = EXTERNAL_ENTITY.decode().encode(encoding)
    problem = load_problem(source)
    assert problem.message == DTD_REFUSED
    assert "root:" not in str(problem)


def test_no_message_ever_shows_a_file_outside_the_input(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    external = EXTERNAL_ENTITY.replace(b"file:///etc/passwd", secret.as_uri().encode())
    xinclude = (b'<bpmn:definitions xmlns:bpmn="' + BPMN.encode() + b'" xmlns:xi="http://www.w3.org/2001/XInclude">'
                b'<xi:include href="' + secret.as_uri().encode() + b'" parse="text"/></bpmn:definitions>')
    external_dtd = b'<!DOCTYPE d SYSTEM "' + secret.as_uri().encode() + b'"><bpmn:definitions xmlns:bpmn="x"/>'
    for number, source in enumerate((external, xinclude, external_dtd)):
        path = tmp_path / f"{number}.bpmn"
        path.write_bytes(source)
        docs, problems = validate_paths([path])
        assert problems, source
        assert all("TOP-SECRET" not in str(p) for p in problems)
        assert all(b"TOP-SECRET" not in etree.tostring(d.root) for d in docs)


def test_a_png_is_not_xml() -> None:
    png = CONFORMANCE / "bpmn-moddle" / "error" / "binary.png"
    source = png.read_bytes() if png.exists() else b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    assert load_problem(source).message == "The file is not XML (it looks like a PNG image)."


@pytest.mark.parametrize(("source", "message"), [
    (b"", "The file is empty."),
    (b"  \n\t", "The file is empty."),
    (b"\x00\x01\x02\x03binary", "The file is not XML (it contains binary data)."),
    (b"%PDF-1.7 ...", "The file is not XML (it looks like a PDF document)."),
    (b"just some text", "The file is not well-formed XML: Start tag expected, '<' not found (line 1, column 1)."),
])
def test_input_that_is_not_xml(source: bytes, message: str) -> None:
    assert load_problem(source).message == message


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.bpmn"
    with huge.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    original_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object) -> object:
        assert self != huge, "the huge file was opened"
        return original_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded_open)
    started = time.perf_counter()
    docs, problems = validate_paths([huge])
    assert time.perf_counter() - started < TIME_LIMIT
    assert docs == []
    assert [str(p) for p in problems] == [f"{huge}:-: The file is 11.0 MB; BPMN files may be at most 10 MB."]


def test_a_huge_byte_string_is_refused() -> None:
    source = b"<bpmn:definitions xmlns:bpmn='" + BPMN.encode() + b"'>" + b" " * MAX_BPMN_BYTES + b"</bpmn:definitions>"
    assert load_problem(source).message.startswith("The file is 10.0 MB; BPMN files may be at most 10 MB")


@pytest.mark.parametrize(("depth", "message"), [
    (210, "The XML is nested more than 200 levels deep; a BPMN file is never that deep."),
    (100_000, "The file is not well-formed XML: Excessive depth in document: 256"),
])
def test_deep_nesting_is_refused(depth: int, message: str) -> None:
    source = (f"<bpmn:definitions xmlns:bpmn='{BPMN}'>" + "<a>" * depth + "</a>" * depth
              + "</bpmn:definitions>").encode()
    assert load_problem(source).message.startswith(message)


WITH_UMLAUT = ('<?xml version="1.0" encoding="{label}"?><bpmn:definitions xmlns:bpmn="' + BPMN + '" id="d">'
               '<bpmn:process id="p" name="Käsittely"/></bpmn:definitions>')


@pytest.mark.parametrize(("label", "codec", "message"), [
    ("UTF-8", "latin-1", "The file is not well-formed XML: Invalid bytes in character encoding (line 1, column "),
    ("UTF-16", "utf-8", "The file declares the encoding UTF-16, but its bytes are not UTF-16; save it as UTF-8."),
    ("no-such-encoding", "utf-8", "The file is not well-formed XML: Unsupported encoding: no-such-encoding"),
])
def test_mislabelled_encodings_are_refused(label: str, codec: str, message: str) -> None:
    assert load_problem(WITH_UMLAUT.format(label=label).encode(codec)).message.startswith(message)


def test_a_correctly_labelled_utf16_file_loads() -> None:
    doc = load_document(WITH_UMLAUT.format(label="UTF-16").encode("utf-16"), "utf16.bpmn")
    assert doc.root[0].get("name") == "Käsittely"


@pytest.mark.parametrize(("source", "message"), [
    (b"<definitions xmlns='http://not-bpmn'/>", "The root element is 'definitions' in namespace "
     "'http://not-bpmn', not BPMN 2.0 'definitions' in namespace"),
    (b"<bpmn:process xmlns:bpmn='" + BPMN.encode() + b"' id='p'/>", "The root element is 'process' in "),
])
def test_the_root_must_be_bpmn_definitions(source: bytes, message: str) -> None:
    assert load_problem(source).message.startswith(message)


def test_a_folder_of_hostile_files_yields_problems_not_exceptions(tmp_path: Path) -> None:
    inputs = {"laughs.bpmn": BILLION_LAUGHS, "xxe.bpmn": EXTERNAL_ENTITY, "empty.bpmn": b"",
              "png.bpmn": b"\x89PNG\r\n\x1a\n\x00\x00", "text.bpmn": b"hello", "deep.bpmn":
              b"<a>" * 5000 + b"</a>" * 5000, "latin.bpmn": WITH_UMLAUT.format(label="UTF-8").encode("latin-1")}
    for name, source in inputs.items():
        (tmp_path / name).write_bytes(source)
    started = time.perf_counter()
    docs, problems = validate_paths([tmp_path])
    assert time.perf_counter() - started < TIME_LIMIT
    assert docs == []
    assert sorted(Path(p.file).name for p in problems) == sorted(inputs)


# --- document-level checks --------------------------------------------------------------------------

def test_a_file_without_an_executable_process_gets_one_problem() -> None:
    root = fixture()
    by_id(root, "recruitment").set("isExecutable", "false")
    assert [str(p) for p in problems_of(root)] == [
        "service.bpmn:recruitment: No executable process: process 'Recruitment services' is not marked "
        "executable; mark the process isExecutable=\"true\" (in Camunda Modeler: the 'Executable' checkbox) so "
        "that Palvelupolku can run it."]


def test_a_file_without_any_process_gets_one_problem() -> None:
    root = etree.fromstring(f"<bpmn:definitions xmlns:bpmn='{BPMN}' id='d'/>".encode())
    (problem,) = problems_of(root)
    assert problem.element_id == "-" and problem.message.startswith("No executable process")


def test_process_ids_must_be_unique_across_files() -> None:
    first, second = document(fixture(), "one.bpmn"), document(fixture(), "two.bpmn")
    problems = [str(p) for p in validate_documents([first, second])]
    assert ("two.bpmn:recruitment: The id 'recruitment' of process 'Recruitment services' is also a process or "
            "subprocess id in one.bpmn; process and subprocess ids must be unique across all deployed files."
            ) in problems


def test_recursive_calls_across_files_are_refused() -> None:
    caller = fixture()
    retag(by_id(caller, "Task_Deliver"), "callActivity").set("calledElement", "company_visit")
    visit = fixture("called_visit.bpmn")
    retag(by_id(visit, "Task_Visit"), "callActivity").set("calledElement", "recruitment")
    problems = [str(p) for p in validate_documents([document(caller), document(visit, "visit.bpmn")])]
    assert ("service.bpmn:Task_Deliver: Call activity 'Deliver the recruitment service' makes a recursive call "
            "(recruitment -> company_visit -> recruitment); SpiffWorkflow would expand the calls without end, so a "
            "process may not call itself.") in problems
    assert any(p.startswith("visit.bpmn:Task_Visit: Call activity 'Visit the company' makes a recursive call")
               for p in problems)


def _calling(process_id: str, called: str) -> LoadedDocument:
    root = fixture("called_visit.bpmn")
    by_id(root, "company_visit").set("id", process_id)
    retag(by_id(root, "Task_Visit"), "callActivity").set("calledElement", called)
    return document(root, f"{process_id}.bpmn")


def test_a_cycle_of_three_processes_is_shown_in_call_order() -> None:
    docs = [_calling("a", "b"), _calling("b", "c"), _calling("c", "a"), _calling("d", "a")]
    chains = {p.file: p.message.split("(")[1].split(")")[0] for p in validate_documents(docs)
              if "recursive call" in p.message}
    assert chains == {"a.bpmn": "a -> b -> c -> a", "b.bpmn": "b -> c -> a -> b", "c.bpmn": "c -> a -> b -> c"}


# --- element-level checks: one edit, one problem ------------------------------------------------------

def _drop_flow_id(root: etree._Element) -> None:
    del by_id(root, "Flow_Promised").attrib["id"]


def _drop_task_id(root: etree._Element) -> None:
    del by_id(root, "Task_Remind").attrib["id"]


def _duplicate_id(root: etree._Element) -> None:
    root.insert(0, etree.Element(f"{{{BPMN}}}message", id="Task_Deliver", name="duplicate"))


def _message_without_id(root: etree._Element) -> None:
    root.insert(0, etree.Element(f"{{{BPMN}}}message", name="orphan"))


def _send_task_to(message_ref: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        task = retag(by_id(root, "Task_Deliver"), "sendTask")
        add(task, "messageEventDefinition", messageRef=message_ref)
    return edit


def _id_with_space(root: etree._Element) -> None:
    root.insert(0, etree.Element(f"{{{BPMN}}}message", id="Message one", name="spaced"))


def _no_source(root: etree._Element) -> None:
    del by_id(root, "Flow_Promised").attrib["sourceRef"]


def _lane_ghost(root: etree._Element) -> None:
    etree.SubElement(by_id(root, "Lane_Expert"), f"{{{BPMN}}}flowNodeRef").text = "Ghost"


def _call(called: str | None) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        task = retag(by_id(root, "Task_Deliver"), "callActivity")
        if called is not None:
            task.set("calledElement", called)
    return edit


def _boundary_with(definition: str, **attributes: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        process = by_id(root, "recruitment")
        event = add(process, "boundaryEvent", id="Boundary_Deliver", name="Problem in delivery",
                    attachedToRef="Task_Deliver")
        if definition:
            add(event, definition, **attributes)
        flow(process, "Flow_Problem", "Boundary_Deliver", "Task_Aftercare")
    return edit


def _catch_event_with(definition: str, **attributes: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        process = by_id(root, "recruitment")
        by_id(root, "Flow_Promised").set("targetRef", "Catch_Wait")
        event = add(process, "intermediateCatchEvent", id="Catch_Wait", name="Wait")
        add(event, definition, **attributes)
        flow(process, "Flow_Waited", "Catch_Wait", "Task_Deliver")
    return edit


def _throw_link(root: etree._Element) -> None:
    process = by_id(root, "recruitment")
    by_id(root, "Flow_Promised").set("targetRef", "Throw_Link")
    add(add(process, "intermediateThrowEvent", id="Throw_Link", name="Go to delivery"), "linkEventDefinition",
        name="delivery")


def _compensation(root: etree._Element) -> None:
    add(by_id(root, "End_Done"), "compensateEventDefinition")


def _signal_start(root: etree._Element) -> None:
    add(by_id(root, "Start_Contact"), "signalEventDefinition")


def _unnamed_message(root: etree._Element) -> None:
    start = by_id(root, "Start_Request")
    del start.attrib["name"]
    del start[0].attrib["messageRef"]


def _condition_on_task_flow(root: etree._Element) -> None:
    add(by_id(root, "Flow_Promised"), "conditionExpression").text = "promise_given"


def _second_outgoing(root: etree._Element) -> None:
    flow(by_id(root, "recruitment"), "Flow_Shortcut", "Task_Deliver", "End_Done")


def _script_task(script: str | None, **attributes: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        task = retag(by_id(root, "Task_Deliver"), "scriptTask")
        for name, value in attributes.items():
            task.set(name, value)
        if script is not None:
            add(task, "script").text = script
    return edit


def _service_task(**attributes: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        task = retag(by_id(root, "Task_Deliver"), "serviceTask")
        for name, value in attributes.items():
            task.set(f"{{{CAMUNDA}}}{name}", value)
    return edit


def _connector(root: etree._Element) -> None:
    task = retag(by_id(root, "Task_Deliver"), "serviceTask")
    add_camunda(add(task, "extensionElements"), "connector")


def _interrupting_event_subprocess(root: etree._Element) -> None:
    sub = add(by_id(root, "recruitment"), "subProcess", id="Sub_Cancel", name="Customer cancels",
              triggeredByEvent="true")
    add(add(sub, "startEvent", id="Start_Cancel"), "messageEventDefinition", messageRef="Message_Request")
    flow(sub, "Flow_Cancel", "Start_Cancel", "End_Cancel")
    add(sub, "endEvent", id="End_Cancel")


def _complex_gateway(root: etree._Element) -> None:
    retag(by_id(root, "Gateway_Needs"), "complexGateway")


def _data_store(root: etree._Element) -> None:
    root.insert(0, etree.Element(f"{{{BPMN}}}dataStore", id="Store_CRM", name="CRM"))


def _listener(root: etree._Element) -> None:
    task = by_id(root, "Task_Deliver")
    add_camunda(add(task, "extensionElements"), "executionListener", event="start",
                **{"class": "org.example.Listener"})


def _input_output(root: etree._Element) -> None:
    mapping = add_camunda(add(by_id(root, "Task_Deliver"), "extensionElements"), "inputOutput")
    add_camunda(add_camunda(mapping, "inputParameter", name="total"), "script", scriptFormat="groovy").text = "sum(x)"


def _async_before(root: etree._Element) -> None:
    by_id(root, "Task_Deliver").set(f"{{{CAMUNDA}}}asyncBefore", "true")


def _retry_cycle(root: etree._Element) -> None:
    add_camunda(add(by_id(root, "Task_Deliver"), "extensionElements"), "failedJobRetryTimeCycle").text = "R3/PT5M"


def _multi_instance(root: etree._Element) -> None:
    multi = add(by_id(root, "Task_Deliver"), "multiInstanceLoopCharacteristics")
    multi.set(f"{{{CAMUNDA}}}collection", "${candidates.all()}")


def _form(field_id: str, **changes: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        element = form_field(root, field_id)
        for name, value in changes.items():
            element.set(name, value)
    return edit


def _constraint(field_id: str, name: str, config: str | None) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        element = form_field(root, field_id)
        validation = element.find(f"{{{CAMUNDA}}}validation")
        if validation is None:
            validation = add_camunda(element, "validation")
        attributes = {"name": name} if config is None else {"name": name, "config": config}
        add_camunda(validation, "constraint", **attributes)
    return edit


def _enum_without_values(root: etree._Element) -> None:
    channel = form_field(root, "channel")
    for value in list(channel):
        channel.remove(value)
    del channel.attrib["defaultValue"]


def _duplicate_field(root: etree._Element) -> None:
    form_field(root, "vacancies").set("id", "business_id")


def _external_form(root: etree._Element) -> None:
    by_id(root, "Task_Deliver").set(f"{{{CAMUNDA}}}formKey", "embedded:app:forms/deliver.html")


def _empty_condition(root: etree._Element) -> None:
    by_id(root, "Flow_NewNeeds")[0].text = "  "


ELEMENT_CASES = [
    pytest.param(_drop_task_id, "-", "The user task 'Remind the responsible expert' on line", id="task-without-id"),
    pytest.param(_duplicate_id, "Task_Deliver", "The id 'Task_Deliver' is used by 2 elements (message on line",
                 id="duplicate-id"),
    pytest.param(_message_without_id, "-", "has no id; SpiffWorkflow refuses a message "
                 "without an id.", id="message-without-id"),
    pytest.param(_send_task_to("Message_Gone"), "Task_Deliver", "Send task 'Deliver the recruitment service' "
                 "refers to message 'Message_Gone', which is not defined in this file", id="send-task-message"),
    pytest.param(_id_with_space, "-", "has the id 'Message one', which is not a valid BPMN id", id="id-with-space"),
    pytest.param(set_attribute("Flow_Promised", "targetRef", "Nowhere"), "Flow_Promised",
                 "Sequence flow 'Flow_Promised' has targetRef=\"Nowhere\", but no element with the id 'Nowhere' "
                 "exists in this file.", id="dangling-target"),
    pytest.param(set_attribute("Flow_Promised", "targetRef", "MessageDef_Request"), "Flow_Promised",
                 "'MessageDef_Request' is not an element of the same process", id="target-not-a-node"),
    pytest.param(_no_source, "Flow_Promised", "has no sourceRef; every sequence flow needs", id="missing-source"),
    pytest.param(set_attribute("Gateway_Needs", "default", "Flow_Called"), "Gateway_Needs",
                 "Exclusive gateway 'New service needs?' names 'Flow_Called' as its default flow, which is not one "
                 "of its outgoing sequence flows.", id="dangling-default"),
    pytest.param(set_attribute("MessageDef_NewNeeds", "messageRef", "Message_Gone"), "End_NewNeeds",
                 "End event 'New needs assessment' refers to message 'Message_Gone', which is not defined in this "
                 "file", id="dangling-message"),
    pytest.param(set_attribute("Timer_Reminder", "attachedToRef", "Nowhere"), "Timer_Reminder",
                 "Boundary event 'Two weeks without aftercare' is attached to 'Nowhere', which is not an activity",
                 id="dangling-attachment"),
    pytest.param(_lane_ghost, "Lane_Expert", "Lane 'expert' lists 'Ghost', which is not an element of process "
                 "'Recruitment services'; remove it from the lane.", id="dangling-lane-ref"),
    pytest.param(_call("nowhere"), "Task_Deliver", "Call activity 'Deliver the recruitment service' calls process "
                 "'nowhere', which is neither in the files being validated nor deployed", id="dangling-call"),
    pytest.param(_call(None), "Task_Deliver", "has no calledElement; name the id of the process it calls.",
                 id="call-without-target"),
    pytest.param(_call("recruitment"), "Task_Deliver", "makes a recursive call (recruitment -> recruitment)",
                 id="calls-itself"),
    pytest.param(_boundary_with("errorEventDefinition", errorRef="Error_Gone"), "Boundary_Deliver",
                 "refers to error 'Error_Gone', which is not defined in this file", id="dangling-error"),
    pytest.param(_boundary_with("escalationEventDefinition", escalationRef="Esc_Gone"), "Boundary_Deliver",
                 "refers to escalation 'Esc_Gone', which is not defined in this file", id="dangling-escalation"),
    pytest.param(_catch_event_with("signalEventDefinition", signalRef="Signal_Gone"), "Catch_Wait",
                 "refers to signal 'Signal_Gone', which is not defined in this file", id="dangling-signal"),
    pytest.param(_catch_event_with("signalEventDefinition"), "Catch_Wait",
                 "waits for signal 'Wait', which no element of these processes throws", id="signal-never-thrown"),
    pytest.param(lambda r: rename(r, "Task_Deliver", "Start"), "Start", "clashes with SpiffWorkflow's internal "
                 "task names (SpiffWorkflow names the internal first and last task", id="reserved-Start"),
    pytest.param(lambda r: rename(r, "Task_Deliver", "End"), "End", "clashes with SpiffWorkflow's internal",
                 id="reserved-End"),
    pytest.param(lambda r: rename(r, "Task_Deliver", "recruitment.EndJoin"), "recruitment.EndJoin",
                 "'<process id>.EndJoin'", id="reserved-EndJoin"),
    pytest.param(lambda r: rename(r, "Task_Deliver", "StartEventSplit"), "StartEventSplit",
                 "to join several start events", id="reserved-StartEventSplit"),
    pytest.param(lambda r: rename(r, "Task_Deliver", "StartEventJoin"), "StartEventJoin",
                 "to join several start events", id="reserved-StartEventJoin"),
    pytest.param(lambda r: rename(r, "Task_Deliver", "Task.BoundaryEventSplit"), "Task.BoundaryEventSplit",
                 "around boundary events", id="reserved-BoundaryEvent"),
    pytest.param(lambda r: by_id(r, "Flow_NewNeeds")[0].__setattr__("text", "${needs.check()}"), "Flow_NewNeeds",
                 "The condition of sequence flow 'Yes' ('${needs.check()}') is JUEL that Palvelupolku cannot translate "
                 "to Python: The method `check()` has no Python equivalent", id="juel-condition"),
    pytest.param(lambda r: by_id(r, "Flow_NewNeeds")[0].__setattr__("text", "__import__('os')"), "Flow_NewNeeds",
                 "is refused: The expression uses `__import__`", id="unsafe-condition"),
    pytest.param(lambda r: by_id(r, "Flow_NewNeeds")[0].set("language", "groovy"), "Flow_NewNeeds",
                 "The condition of sequence flow 'Yes' is written in 'groovy'; Palvelupolku evaluates conditions as "
                 "Python expressions.", id="groovy-condition"),
    pytest.param(_empty_condition, "Flow_NewNeeds", "has an empty condition", id="empty-condition"),
    pytest.param(lambda r: by_id(r, "Flow_NewNeeds").remove(by_id(r, "Flow_NewNeeds")[0]), "Flow_NewNeeds",
                 "Sequence flow 'Yes' leaves exclusive gateway 'New service needs?' without a condition and is not "
                 "its default flow", id="gateway-flow-without-condition"),
    pytest.param(_condition_on_task_flow, "Flow_Promised", "has a condition, but it leaves user task 'Agree on the "
                 "service promise', where SpiffWorkflow ignores conditions", id="condition-after-task"),
    pytest.param(_second_outgoing, "Task_Deliver", "User task 'Deliver the recruitment service' has 2 outgoing "
                 "sequence flows; SpiffWorkflow allows only one from a user task", id="two-flows-from-task"),
    pytest.param(set_attribute("Task_Deliver", f"{{{CAMUNDA}}}assignee", "${users.find(owner)}"), "Task_Deliver",
                 "The camunda:assignee of user task 'Deliver the recruitment service' ('${users.find(owner)}') is "
                 "JUEL that Palvelupolku cannot translate to Python", id="juel-assignee"),
    pytest.param(set_attribute("Task_Deliver", f"{{{CAMUNDA}}}dueDate", "${dateTime().withHour(9).toDate()}"),
                 "Task_Deliver", "The camunda:dueDate of user task 'Deliver the recruitment service' "
                 "('${dateTime().withHour(9).toDate()}') is JUEL that Palvelupolku cannot translate to Python: The "
                 "function `dateTime()` has no Python equivalent in Palvelupolku. A due date is an ISO 8601 duration",
                 id="juel-due-date"),
    pytest.param(set_duration("14 days"), "Timer_Reminder", "The timer of boundary event 'Two weeks without "
                 "aftercare' has the timeDuration '14 days', which is not an ISO 8601 duration like P14D, nor an "
                 "allowed Python expression: The expression has a syntax error", id="timer-not-iso"),
    pytest.param(set_duration("'14 days'"), "Timer_Reminder", "has the timeDuration '14 days', which is not an "
                 "ISO 8601 duration like P14D.", id="timer-literal-not-iso"),
    pytest.param(set_duration("${reminder.get()}"), "Timer_Reminder", "is JUEL that Palvelupolku cannot translate",
                 id="timer-juel"),
    pytest.param(set_duration(""), "Timer_Reminder", "has an empty timeDuration; write an ISO 8601 duration like "
                 "P14D.", id="timer-empty"),
    pytest.param(set_timer("timeDate", "'next monday'"), "Timer_Reminder", "has the timeDate 'next monday', which "
                 "is not an ISO 8601 date and time like 2026-01-31T09:00:00+02:00.", id="timer-date-not-iso"),
    pytest.param(set_timer("timeCycle", "0 0 * * *"), "Timer_Reminder", "which is not an ISO 8601 cycle like "
                 "R3/P1D", id="timer-cron-cycle"),
    pytest.param(set_timer("timeCycle", "R/PT0S"), "Timer_Reminder", "has the timeCycle 'R/PT0S', which is not "
                 "an ISO 8601 cycle like R3/P1D (a positive period is needed).", id="timer-cycle-without-period"),
    pytest.param(lambda r: timer_on_reminder(r).remove(timer_on_reminder(r)[0]), "Timer_Reminder",
                 "has no timeDate, timeDuration or timeCycle", id="timer-without-time"),
    pytest.param(_script_task("x = 1", scriptFormat="groovy"), "Task_Deliver", "Script task 'Deliver the "
                 "recruitment service' has scriptFormat 'groovy'; Palvelupolku runs only Python scripts",
                 id="groovy-script"),
    pytest.param(_script_task(None), "Task_Deliver", "has no script; write the Python code", id="no-script"),
    pytest.param(_script_task("import os\nos.remove('x')", scriptFormat="python"), "Task_Deliver",
                 "The script of script task 'Deliver the recruitment service' is refused: Line 1 of the script "
                 "imports a module", id="refused-script"),
    pytest.param(_script_task(None, **{f"{{{CAMUNDA}}}resource": "deployment://x.py"}), "Task_Deliver",
                 "loads its script from the resource 'deployment://x.py'", id="script-resource"),
    pytest.param(_service_task(**{"class": "org.example.Delegate"}), "Task_Deliver", "Service task 'Deliver the "
                 "recruitment service' names the Java class 'org.example.Delegate', but no Python service handler is "
                 "installed under that name", id="java-class"),
    pytest.param(_service_task(delegateExpression="${bean}"), "Task_Deliver", "names the delegate expression "
                 "'bean', but no Python service handler is installed", id="java-delegate-expression"),
    pytest.param(_service_task(expression="${bean.run()}"), "Task_Deliver", "names the bean expression "
                 "'bean.run', but no Python service handler is installed", id="java-expression"),
    pytest.param(_service_task(expression="${execution.setVariable('a', 1)}"), "Task_Deliver", "runs Java code "
                 "(camunda:expression=", id="java-api-expression"),
    pytest.param(_service_task(type="external", topic="invoices"), "Task_Deliver", "names the external-task topic "
                 "'invoices', but no Python service handler is installed", id="external-task"),
    pytest.param(_connector, "Task_Deliver", "runs Java code (a Camunda connector)", id="connector"),
    pytest.param(_service_task(), "Task_Deliver", "Service task 'Deliver the recruitment service' has no "
                 "implementation Palvelupolku can run, and SpiffWorkflow 3.2 cannot store a plain service task",
                 id="plain-service-task"),
    pytest.param(lambda r: retag(by_id(r, "Task_Deliver"), "businessRuleTask"), "Task_Deliver",
                 "is a business rule task without camunda:decisionRef", id="business-rule-task"),
    pytest.param(_form("vacancies", type="currency"), "Task_Promise", "User task 'Agree on the service promise' "
                 "has an unknown form field type 'currency' in field 'vacancies'; use one of: string, long, boolean, "
                 "date, enum.", id="form-unknown-type"),
    pytest.param(_enum_without_values, "Task_Promise", "has the enum field 'channel' without any camunda:value",
                 id="form-enum-without-values"),
    pytest.param(_duplicate_field, "Task_Promise", "has two form fields with the id 'business_id'",
                 id="form-duplicate-field"),
    pytest.param(_form("vacancies", id="vacancy-count"), "Task_Promise", "has the form field id 'vacancy-count', "
                 "which is not a valid Python identifier", id="form-id-not-identifier"),
    pytest.param(_form("vacancies", id="class"), "Task_Promise", "has the form field id 'class', which is not a "
                 "valid Python identifier", id="form-id-keyword"),
    pytest.param(_constraint("business_id", "pattern", "[0-9]+"), "Task_Promise", "form field 'business_id': "
                 "unknown constraint 'pattern'; use one of: required, required_when, min, max, minlength, maxlength, "
                 "readonly.",
                 id="form-unknown-constraint"),
    pytest.param(_constraint("vacancies", "min", "one"), "Task_Promise", "form field 'vacancies': constraint 'min' "
                 "needs a whole number as its config, not 'one'.", id="form-min-not-number"),
    pytest.param(_constraint("service_ends", "max", "31.12.2026"), "Task_Promise", "form field 'service_ends': "
                 "constraint 'max' needs a date like 2026-01-31 as its config", id="form-max-not-iso-date"),
    pytest.param(_constraint("business_id", "maxlength", "-1"), "Task_Promise", "constraint 'maxlength' needs a "
                 "whole number of at least 0", id="form-negative-maxlength"),
    pytest.param(_constraint("business_id", "min", "3"), "Task_Promise", "constraint 'min' applies only to long "
                 "and date fields, not to a string field.", id="form-min-on-string"),
    pytest.param(_constraint("vacancies", "minlength", "3"), "Task_Promise", "constraint 'minlength' applies only "
                 "to string fields", id="form-minlength-on-long"),
    pytest.param(_form("vacancies", defaultValue="many"), "Task_Promise", "the default value 'many' is not a valid "
                 "long value.", id="form-bad-default"),
    pytest.param(_form("channel", defaultValue="fax"), "Task_Promise", "the default value 'fax' is not a valid "
                 "enum value.", id="form-enum-default-not-an-option"),
    pytest.param(_throw_link, "Throw_Link", "Intermediate throw event 'Go to delivery' is a link event; "
                 "SpiffWorkflow 3.2 does not support link events", id="link-event"),
    pytest.param(_compensation, "End_Done", "is a compensation event; SpiffWorkflow 3.2 does not support "
                 "compensation", id="compensation-event"),
    pytest.param(_catch_event_with("conditionalEventDefinition"), "Catch_Wait", "Intermediate catch event 'Wait' "
                 "is a conditional event; SpiffWorkflow 3.2 checks its condition only once", id="conditional-event"),
    pytest.param(_signal_start, "Start_Contact", "Start event 'Customer contacts the office' waits for a signal; "
                 "Palvelupolku does not send signals between instances", id="signal-start"),
    pytest.param(_boundary_with(""), "Boundary_Deliver", "Boundary event 'Problem in delivery' has no event "
                 "definition", id="boundary-without-definition"),
    pytest.param(_unnamed_message, "Start_Request", "has neither a messageRef nor a name", id="anonymous-message"),
    pytest.param(_interrupting_event_subprocess, "Sub_Cancel", "Subprocess 'Customer cancels' is an interrupting "
                 "event subprocess; SpiffWorkflow's Camunda parser runs event subprocesses without interrupting",
                 id="interrupting-event-subprocess"),
    pytest.param(_complex_gateway, "Gateway_Needs", "is a complex gateway, which SpiffWorkflow does not support",
                 id="complex-gateway"),
    pytest.param(_listener, "Task_Deliver", "has a Camunda execution listener; Palvelupolku does not run listeners",
                 id="listener"),
    pytest.param(_input_output, "Task_Deliver", "The inputParameter 'total' of user task 'Deliver the recruitment "
                 "service' ('sum(x)') is JUEL that Palvelupolku cannot translate to Python: it is a groovy script",
                 id="input-output"),
    pytest.param(_async_before, "Task_Deliver", "asks for an asynchronous continuation (camunda:asyncBefore); "
                 "Palvelupolku runs each step in the transaction of the step before it", id="async-before"),
    pytest.param(_retry_cycle, "Task_Deliver", "has camunda:failedJobRetryTimeCycle; Palvelupolku retries failed "
                 "timers on its own schedule", id="retry-cycle"),
    pytest.param(_multi_instance, "Task_Deliver", "The camunda:collection of user task 'Deliver the recruitment "
                 "service' ('${candidates.all()}') is JUEL that Palvelupolku cannot translate", id="juel-collection"),
]


@pytest.mark.parametrize(("edit", "element_id", "fragment"), ELEMENT_CASES)
def test_each_check_names_the_element_and_the_fix(edit: Callable[[etree._Element], None], element_id: str,
                                                  fragment: str) -> None:
    root = fixture()
    edit(root)
    started = time.perf_counter()
    problems = problems_of(root, aftercare=False)
    assert time.perf_counter() - started < TIME_LIMIT
    matching = [p for p in problems if fragment in p.message]
    assert matching, "\n".join(str(p) for p in problems)
    assert matching[0].element_id == element_id
    assert all(p.message.endswith((".", "?", ")")) and "\n" not in p.message for p in problems)


@pytest.mark.parametrize("edit", [
    pytest.param(set_duration('"P14D"'), id="duration-as-python-string"),
    pytest.param(set_duration("reminder_after"), id="duration-as-python-expression"),
    pytest.param(set_timer("timeDate", "2026-01-31T09:00:00+02:00"), id="iso-date"),
    pytest.param(set_timer("timeDate", "'2026-01-31T09:00:00+02:00'"), id="iso-date-string"),
    pytest.param(set_timer("timeCycle", "R3/P1D"), id="iso-cycle"),
    pytest.param(set_attribute("Task_Deliver", f"{{{CAMUNDA}}}assignee", "maija"), id="plain-assignee"),
    pytest.param(set_attribute("Task_Deliver", f"{{{CAMUNDA}}}dueDate", "P30D"), id="iso-due-date"),
    pytest.param(_script_task("total = vacancies * 2\nsummary = f'{total} hires'", scriptFormat="Python"),
                 id="python-script"),
    pytest.param(_send_task_to("Message_NewNeeds"), id="send-task"),
])
def test_what_palvelupolku_can_run_passes(edit: Callable[[etree._Element], None]) -> None:
    root = fixture()
    edit(root)
    assert [str(p) for p in problems_of(root)] == []


# --- SpiffWorkflow's own failures become problems ---------------------------------------------------------

def test_a_spiffworkflow_validation_error_names_its_element() -> None:
    root = fixture()
    task = retag(by_id(root, "Task_Deliver"), "subProcess")
    add(task, "userTask", id="Task_Inner", name="Present candidates")
    (problem,) = problems_of(root)
    assert problem.element_id == "Task_Deliver"
    assert problem.message.startswith("SpiffWorkflow cannot load process 'Recruitment services' at bpmn:subProcess "
                                      "'Deliver the recruitment service': Exactly one start event is required")


class _BrokenParser:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def get_spec(self, process_id: str) -> None:
        raise self.error


@pytest.mark.parametrize(("error", "message"), [
    (KeyError("camunda:decisionRef"), "SpiffWorkflow cannot load process 'Recruitment services': KeyError: "
     "camunda:decisionRef."),
    (AttributeError("'NoneType' object has no attribute 'get'"), "SpiffWorkflow cannot load process 'Recruitment "
     "services': AttributeError: 'NoneType' object has no attribute 'get'."),
    (RecursionError("maximum recursion depth exceeded"), "SpiffWorkflow cannot load process 'Recruitment services': "
     "its parser ran out of recursion depth"),
])
def test_any_exception_of_the_parser_becomes_a_problem(monkeypatch: pytest.MonkeyPatch, error: Exception,
                                                       message: str) -> None:
    parser = _BrokenParser(error)
    monkeypatch.setattr(validation_module, "new_parser", lambda: parser)
    monkeypatch.setattr(validation_module, "add_document", lambda *args: None)
    (problem,) = problems_of(fixture())
    assert problem.element_id == "recruitment"
    assert problem.message.startswith(message)


def test_a_failure_while_reading_a_document_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(validation_module, "add_document", broken)
    (problem,) = problems_of(fixture())
    assert str(problem).startswith("service.bpmn:-: SpiffWorkflow cannot read this file: UnicodeDecodeError")


def test_the_spiffworkflow_step_runs_only_on_sound_structure(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(validation_module, "add_document", lambda parser, root, name: calls.append(name))
    root = fixture()
    by_id(root, "Flow_NewNeeds")[0].text = "${new_needs.check()}"
    problems_of(root)
    assert calls == []


def test_a_file_with_too_many_elements_is_refused_quickly() -> None:
    from engine.runtime.bpmn.xmlsafe import MAX_ELEMENTS

    body = "".join(f'<bpmn:task id="t{n}"/>' for n in range(MAX_ELEMENTS))
    source = (f'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
              f'<bpmn:process id="p" isExecutable="true">{body}</bpmn:process></bpmn:definitions>').encode()
    began = time.perf_counter()
    problem = load_problem(source)
    assert time.perf_counter() - began < 2
    assert problem.message.startswith(f"The file has more than {MAX_ELEMENTS:,} XML elements")


def test_a_start_event_with_nowhere_to_go_and_an_unreached_activity_are_refused() -> None:
    # bpmn-moddle's process-children.bpmn had both: accepted, it started and waited for nothing (issue 20).
    root = fixture()
    process = root.find(f"{{{BPMN}}}process")
    assert process is not None
    add(process, "startEvent", id="second_start")
    add(process, "userTask", id="orphan_task", name="Orphan")
    found = {(p.element_id, p.message.split(" has ", 1)[1][:28]) for p in problems_of(root)}
    assert ("second_start", "no outgoing sequence flow, s") in found
    assert ("orphan_task", "no incoming sequence flow, s") in found
    # A compensation handler is reached by an association, not a flow: not an orphan.
    by_id(root, "orphan_task").set("isForCompensation", "true")
    assert "orphan_task" not in {p.element_id for p in problems_of(root)}
