"""The process owners' engine side on a real database: drafts, check and deploy from the editor
(audited with the draft), the new-process template, comparing versions, an instance's diagram state
and the heatmap counts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import BpmnValidationError, Engine, ValidationError
from engine.models import AuditEvent
from engine.runtime.compare import compare
from engine.runtime.modelling import new_process_xml
from tests.conftest import DATA

PROMISE = {"lupaus_annettu": True, "lupaus_pvm": "2026-03-02", "polku": "suora"}
AFTERCARE_MARK = b'<camunda:properties><camunda:property name="aftercare" value="true"/></camunda:properties>'


def kokeilu_source() -> bytes:
    return (DATA / "kokeilu.bpmn").read_bytes()


def renamed(source: bytes) -> bytes:
    return source.replace(b'name="Palvelulupaus"', b'name="Palvelulupaus puhelimessa"', 1)


def test_template_for_a_new_process_passes_the_validator(people: Engine) -> None:
    xml = new_process_xml("uusi_palvelu", "Uusi <palvelu> & muuta")
    # no errors; only the owner's own name lacks Swedish, which is a warning
    assert [(p.element_id, p.warning) for p in people.check_bpmn(xml.encode(), "uusi_palvelu.bpmn")] == \
        [("uusi_palvelu", True)]
    draft = people.new_process("omistaja", "uusi_palvelu", "Uusi palvelu")
    deployed = people.deploy_edited(draft.source_xml.encode(), "uusi_palvelu.bpmn", "omistaja",
                                    {"source": "editor", "draft_id": draft.id})
    assert [(d.process_key, d.version, d.created) for d in deployed] == [("uusi_palvelu", 1, True)]
    assert people.draft("omistaja", "uusi_palvelu") is None          # deployed drafts are done with
    inst = people.start("uusi_palvelu", customer="0112038-9", responsible="asiantuntija")
    assert [t.element_id for t in inst.open_tasks] == ["palvelulupaus"]


def test_new_process_refuses_a_taken_or_bad_id(kokeilu: Engine) -> None:
    with pytest.raises(ValidationError, match="exists already"):
        kokeilu.new_process("omistaja", "kokeilu", "Toinen")
    with pytest.raises(ValidationError, match="starts with a letter"):
        kokeilu.new_process("omistaja", "1 bad id", "Huono")


def test_check_finds_the_missing_aftercare_at_its_element(kokeilu: Engine) -> None:
    assert [p for p in kokeilu.check_bpmn(kokeilu_source(), "kokeilu.bpmn") if not p.warning] == []
    broken = kokeilu_source().replace(AFTERCARE_MARK, b"")
    problems = [p for p in kokeilu.check_bpmn(broken, "kokeilu.bpmn") if not p.warning]
    assert problems and any("aftercare" in p.message.lower() for p in problems)
    assert kokeilu.check_bpmn(b"\x89PNG\r\n\x1a\nrest", "x.bpmn")[0].message == \
        "The file is not XML (it looks like a PNG image)."


def test_drafts_are_kept_per_owner(kokeilu: Engine) -> None:
    kokeilu.save_draft("omistaja", "kokeilu", renamed(kokeilu_source()), base_version=1)
    kokeilu.save_draft("toinen_omistaja", "kokeilu", kokeilu_source())
    mine = kokeilu.draft("omistaja", "kokeilu")
    assert mine is not None and mine.base_version == 1 and "Palvelulupaus puhelimessa" in mine.source_xml
    theirs = kokeilu.draft("toinen_omistaja", "kokeilu")
    assert theirs is not None and "Palvelulupaus puhelimessa" not in theirs.source_xml
    with pytest.raises(BpmnValidationError):
        kokeilu.save_draft("omistaja", "kokeilu", b'<!DOCTYPE x [<!ENTITY a "b">]><x/>')
    assert kokeilu.discard_draft("omistaja", "kokeilu") is True
    assert kokeilu.draft("omistaja", "kokeilu") is None


def test_deploy_from_a_draft_is_audited_and_old_instances_stay(kokeilu: Engine) -> None:
    old = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    draft = kokeilu.save_draft("omistaja", "kokeilu", renamed(kokeilu_source()), base_version=1)
    with pytest.raises(BpmnValidationError):
        kokeilu.deploy_edited(kokeilu_source().replace(AFTERCARE_MARK, b""), "kokeilu.bpmn", "omistaja", {})
    deployed = kokeilu.deploy_edited(renamed(kokeilu_source()), "kokeilu.bpmn", "omistaja",
                                     {"source": "editor", "draft_id": draft.id})
    assert [(d.version, d.created) for d in deployed] == [(2, True)]
    with kokeilu.reading() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.kind == "deploy").order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.actor == "omistaja"
        assert event.data is not None and event.data["draft_id"] == draft.id and event.data["version"] == 2
    new = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    assert (kokeilu.instance(old.id).version, new.version) == (1, 2)
    assert new.open_tasks[0].name == "Palvelulupaus puhelimessa"
    overview = {d.process_key: d for d in kokeilu.process_overview("omistaja")}["kokeilu"]
    assert [(v.version, v.running, v.finished) for v in overview.versions] == [(1, 1, 0), (2, 1, 0)]
    assert overview.problems == []


def test_compare_lists_added_removed_and_changed_elements() -> None:
    old = kokeilu_source()
    new = renamed(old).replace(b'<bpmn:endEvent id="loppu_eskalointi" name="Eskaloitu"/>', b"")
    new = new.replace(b'camunda:dueDate="P14D"', b'camunda:dueDate="P21D"', 1)
    new = new.replace(b"</bpmn:process>", b'<bpmn:task id="uusi_tehtava" name="Uusi"/></bpmn:process>')
    changes = {c.element_id: c for c in compare(old, new)}
    assert changes["uusi_tehtava"].change == "added"
    assert changes["loppu_eskalointi"].change == "removed"
    assert changes["lupaus"].change == "changed"
    assert "name: 'Palvelulupaus' → 'Palvelulupaus puhelimessa'" in changes["lupaus"].details
    assert changes["jalkihoito"].details == ["camunda:dueDate: 'P14D' → 'P21D'"]
    assert compare(old, old) == []


def test_compare_sees_form_fields_and_conditions() -> None:
    old = kokeilu_source()
    new = old.replace(b'<camunda:formField id="kanava"', b'<camunda:formField id="kanava2"')
    new = new.replace(b"uudet_palvelutarpeet == True", b"uudet_palvelutarpeet")
    changes = {c.element_id: c for c in compare(old, new)}
    assert "form field kanava removed" in changes["lupaus"].details
    assert "form field kanava2 added" in changes["lupaus"].details
    assert changes["f_uusia"].details == ["condition changed"]


def test_instance_diagram_marks_completed_active_and_taken_flows(kokeilu: Engine) -> None:
    inst = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    state = kokeilu.instance_diagram(inst.id)
    assert state.elements == {"alku": "completed", "lupaus": "active"}
    assert state.flows == ["f_alku"]
    kokeilu.complete(inst.open_tasks[0].id, "asiantuntija", {**PROMISE, "polku": "odotus"})
    state = kokeilu.instance_diagram(inst.id)
    assert state.elements["lupaus"] == "completed"
    assert state.elements["odota"] == "waiting"                       # the one-week timer
    assert {"f_alku", "f_lupaus", "f_laske"} <= set(state.flows)
    assert [e["kind"] for e in state.history["lupaus"]] == ["created", "complete"]
    assert [e["actor"] for e in state.history["lupaus"]] == ["asiantuntija", "asiantuntija"]
    assert state.history["lupaus"][1]["data"]["polku"] == "odotus"


def test_heatmap_counts_waiting_and_passed_per_element(kokeilu: Engine) -> None:
    first = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    kokeilu.complete(first.open_tasks[0].id, "asiantuntija", {**PROMISE, "polku": "odotus"})
    counts = kokeilu.heatmap("kokeilu", 1)
    assert counts["lupaus"] == {"waiting": 1, "passed": 1}
    assert counts["odota"] == {"waiting": 1, "passed": 0}
    assert "jalkihoito" not in counts


def test_instance_diagram_marks_the_failed_element(kokeilu: Engine) -> None:
    from tests.engine.test_hostile_runtime import CONDITION, SOURCE, deploy_unchecked

    deploy_unchecked(kokeilu, SOURCE.replace(CONDITION, "open('/etc/passwd').read()"))
    inst = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    failed = kokeilu.complete(inst.open_tasks[0].id, "asiantuntija", {**PROMISE, "polku": "odotus"})
    assert failed.status == "error"
    state = kokeilu.instance_diagram(inst.id)
    assert state.elements["valinta"] == "error"
    assert state.elements["lupaus"] == "completed" and state.elements["laske"] == "completed"
    assert "f_laske" in state.flows and "f_odotus" not in state.flows
