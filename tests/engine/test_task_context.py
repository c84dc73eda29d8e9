"""The customer is not asked twice (issue 18): a task's form is pre-filled from the service's data and
the customer card, the page lists what earlier steps recorded (for a needs assessment started in
aftercare, the new needs written there), experts read the instances of customers they work for, and the
needs assessment writes the chosen segment to the card. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import Engine, ManualClock, PermissionDenied, cli
from engine.demo.seed import DEMO_USERS, drive
from engine.office.context import TaskContext
from engine.runtime.bpmn import load_document
from tests.conftest import ROOT

BID = "0112038-9"
NEEDS = "Tarvitsee kaksi hitsaajaa syksyksi."
CONTACT = {"name": "Liisa Laine", "title": "HR-päällikkö", "phone": "040 123 4567", "email": "liisa@esimerkki.fi"}


@pytest.fixture
def office(eng: Engine) -> Engine:
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, display_name=name)
    eng.add_customer(BID, name="Oy Esimerkki Ab", contacts=[CONTACT])
    eng.add_customer("2331972-7", name="Toinen Oy")
    eng.deploy(ROOT / "processes")
    return eng


def assessment_from_aftercare(eng: Engine, clock: ManualClock) -> int:
    service = eng.start("rekrytointipalvelut", customer=BID, responsible="asiantuntija").id
    drive(eng, clock, service, {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True,
                                "uudet_palvelutarpeet": True, "uudet_tarpeet_kuvaus": NEEDS,
                                "yhteydenpito_toive": "sahkoposti", "yhteyshenkilo": "Matti Meikäläinen"},
          days_per_task=1, limit=30)
    (child,) = eng.instance(service).children
    return child


def test_a_needs_assessment_from_aftercare_shows_the_new_needs_and_knows_the_contact(
        office: Engine, clock: ManualClock) -> None:
    child = assessment_from_aftercare(office, clock)
    (first,) = office.instance(child).open_tasks
    context = office.task_context(first.id, "asiantuntija")
    # the service's own record wins over the card: the contact person the recruitment worked with
    assert context.prefill["yhteyshenkilo"] == "Matti Meikäläinen"
    top = context.earlier[0]
    assert top.from_parent and top.process_key == "rekrytointipalvelut"
    assert {v.field_id: v.value for v in top.values}["uudet_tarpeet_kuvaus"] == NEEDS
    assert context.preferred_channel == "sahkoposti"
    # the aftercare's new needs stay on top; the needs assessment's own steps follow as they are done
    drive(office, clock, child, limit=1, days_per_task=1)
    (second,) = office.instance(child).open_tasks
    later = office.task_context(second.id, "asiantuntija")
    assert later.earlier[0].from_parent
    assert (later.earlier[1].instance_id, later.earlier[1].task_name) == (child, first.name)


def test_a_form_is_pre_filled_from_the_customer_card(office: Engine) -> None:
    iid = office.start("palvelutarvearvio", customer=BID, responsible="asiantuntija").id
    (first,) = office.instance(iid).open_tasks
    context = office.task_context(first.id, "asiantuntija")
    assert {k: context.prefill.get(k) for k in ("yhteyshenkilo", "yhteyshenkilo_puhelin", "yhteyshenkilo_sahkoposti")} \
        == {"yhteyshenkilo": "Liisa Laine", "yhteyshenkilo_puhelin": "040 123 4567",
            "yhteyshenkilo_sahkoposti": "liisa@esimerkki.fi"}
    assert context.earlier == []


def test_experts_read_instances_of_customers_they_work_for(office: Engine, clock: ManualClock) -> None:
    te_service = office.start("rekrytointipalvelut", customer=BID, responsible="asiantuntija").id
    drive(office, clock, te_service, limit=2, days_per_task=1)
    stranger = office.start("rekrytointipalvelut", customer="2331972-7", responsible="asiantuntija2").id
    with pytest.raises(PermissionDenied):
        office.instance(te_service, viewer="ely")     # the ELY expert does not work for the customer yet
    office.start("yritys_suomi_ohjaus", customer=BID, responsible="ely")
    seen = office.instance(te_service, viewer="ely")   # now they do: the TE expert's notes are theirs to read
    assert seen.history and seen.data.get("yhteyshenkilo")
    with pytest.raises(PermissionDenied):
        office.instance(stranger, viewer="ely")


def test_the_needs_assessment_writes_the_segment_to_the_customer_card(office: Engine, clock: ManualClock) -> None:
    iid = office.start("palvelutarvearvio", customer=BID, responsible="asiantuntija").id
    drive(office, clock, iid, {"palvelutarvesegmentti": "aloitusvaihe"},
          until=lambda t: t.element_id == "Task_palvelusuunnitelma", days_per_task=1)
    assert office.customer(BID).service_need_segment == "aloitusvaihe"


@pytest.mark.parametrize(("chosen", "expected"), [("asiantuntija2", "asiantuntija2"), ("", "asiantuntija"),
                                                  ("esimies", "asiantuntija")])
def test_each_started_service_gets_the_expert_chosen_for_it(office: Engine, clock: ManualClock, chosen: str,
                                                            expected: str) -> None:
    """The sender is the default; a name that is no active expert (a manager) falls back to the sender."""
    iid = office.start("palvelutarvearvio", customer=BID, responsible="asiantuntija").id
    drive(office, clock, iid, {"tarve_rekrytointi": True, "aloita_rekrytointi": True, "aloita_starttiraha": True,
                               "vastuuasiantuntija_rekrytointipalvelut": chosen,
                               "vastuuasiantuntija_starttiraha": ""},
          until=lambda t: t.is_aftercare, days_per_task=1)
    started = {office.instance(c).process_key: office.instance(c).responsible for c in office.instance(iid).children}
    assert started == {"rekrytointipalvelut": expected, "starttiraha": "asiantuntija"}


def _first_task(eng: Engine) -> str:
    iid = eng.start("palvelutarvearvio", customer=BID, responsible="asiantuntija").id
    (first,) = eng.instance(iid).open_tasks
    eng.claim(first.id, "asiantuntija")
    return first.id


def _card(eng: Engine) -> list[tuple[str, str, str]]:
    return [(c.name, c.phone, c.email) for c in eng.customer(BID).contacts]


def test_the_contact_person_is_picked_from_the_card_or_added_to_it(office: Engine, clock: ManualClock) -> None:
    from engine.demo.seed import autofill

    task = _first_task(office)
    assert office.task_context(task, "asiantuntija").contacts == [("Liisa Laine", "HR-päällikkö")]
    # a person the card has, in another letter case, is the same person: the card does not grow
    form = office.task(task).form
    office.complete(task, "asiantuntija", autofill(form, "2026-03-02", {"yhteyshenkilo": "liisa laine"}))
    assert _card(office) == [("Liisa Laine", "040 123 4567", "liisa@esimerkki.fi")]
    # a new person is written to the card with the phone and e-mail typed beside the name
    task = _first_task(office)
    office.complete(task, "asiantuntija", autofill(office.task(task).form, "2026-03-02", {
        "yhteyshenkilo": "Pekka Puro", "yhteyshenkilo_puhelin": "050 765 4321",
        "yhteyshenkilo_sahkoposti": "pekka@esimerkki.fi"}))
    assert _card(office)[1] == ("Pekka Puro", "050 765 4321", "pekka@esimerkki.fi")
    # the next form offers both, and a task without a contact-person field offers none
    task = _first_task(office)
    assert [n for n, _ in office.task_context(task, "asiantuntija").contacts] == ["Liisa Laine", "Pekka Puro"]
    service = office.start("rekrytointipalvelut", customer=BID, responsible="asiantuntija").id
    drive(office, clock, service, until=lambda t: t.is_aftercare, days_per_task=1, limit=30)
    (aftercare,) = office.instance(service).open_tasks
    assert office.task_context(aftercare.id, "asiantuntija").contacts == []


def _steps(context: TaskContext) -> list[tuple[str, list[str]]]:
    return [(s.task_name, [v.field_id for v in s.values]) for s in context.earlier]


def test_the_panel_shows_what_the_model_lists_for_the_task(office: Engine, clock: ManualClock) -> None:
    """The ELY assessment lists the mapping (whole) and the customer's expectations: not the contact data
    of the service promise, which the default rule shows in full."""
    iid = office.start("palvelutarvearvio", customer=BID, responsible="asiantuntija").id
    drive(office, clock, iid, {"tarve_kehittaminen": True, "asiakkaan_odotukset": "Kasvua vientiin."},
          until=lambda t: t.element_id == "Task_ely_arvio", days_per_task=1)
    (ely,) = office.instance(iid).open_tasks
    assert ely.element_id == "Task_ely_arvio"
    steps = _steps(office.task_context(ely.id, "ely"))
    assert [name for name, _ in steps] == ["Palvelutarpeen kartoitus", "Palvelulupaus ja ajanvaraus"]
    assert {"kartoitus_pvm", "palvelutarvesegmentti", "palvelutarve_kuvaus"} <= set(steps[0][1])
    assert sorted(steps[1][1]) == ["asiakkaan_odotukset", "odotusten_taso"]   # the phone and e-mail stay out


def test_a_listed_field_is_shown_once_where_it_was_last_recorded(office: Engine, clock: ManualClock) -> None:
    """The service planning lists the ELY assessment and the mapping whole, and the preferred channel,
    which only the service promise records; without the list the planning would show the promise whole."""
    iid = office.start("palvelutarvearvio", customer=BID, responsible="asiantuntija").id
    drive(office, clock, iid, {"tarve_kehittaminen": True, "yhteydenpito_toive": "sahkoposti"},
          until=lambda t: t.element_id == "Task_palvelusuunnitelma", days_per_task=1)
    (planning,) = office.instance(iid).open_tasks
    context = office.task_context(planning.id, "asiantuntija")
    steps = _steps(context)
    assert [name for name, _ in steps] == ["ELY-keskuksen arvio", "Palvelutarpeen kartoitus",
                                          "Palvelulupaus ja ajanvaraus"]
    assert sorted(steps[2][1]) == ["asiakkaan_odotukset", "yhteydenpito_toive"]
    assert context.earlier[2].values[[v.field_id for v in context.earlier[2].values].index(
        "yhteydenpito_toive")].value == "sahkoposti"


def test_the_validator_warns_of_a_listed_id_no_earlier_step_records(tmp_path: Path) -> None:
    from engine.runtime.bpmn.context_panel import context_warnings

    source = (ROOT / "processes" / "kehittamispalvelut.bpmn").read_text(encoding="utf-8")
    listed = "myonnetty_palvelu, palveluntuottaja, Task_tulokset"
    assert listed in source
    # seuranta_pvm is recorded only after the aftercare (the follow-up day), Task_nope nowhere
    broken = source.replace(listed, f"{listed}, seuranta_pvm, Task_nope", 1)
    warnings = context_warnings(load_document(broken.encode("utf-8"), "kehittamispalvelut.bpmn"))
    assert [(w.element_id, w.code, w.params["item"], w.warning) for w in warnings] == [
        ("Task_jalkihoito", "bpmn.context_unknown", "seuranta_pvm", True),
        ("Task_jalkihoito", "bpmn.context_unknown", "Task_nope", True)]
    # a warning never stops a deploy; the library itself lists only what earlier steps record
    assert Engine.validate([ROOT / "processes"]) == []
    for path in sorted((ROOT / "processes").glob("*.bpmn")):
        assert context_warnings(load_document(path.read_bytes(), path.name)) == [], path.name
    # the command line prints them beside the language warnings, and exits 0
    path = tmp_path / "kehittamispalvelut.bpmn"
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "Task_jalkihoito: warning: The user task 'Jälkihoito: palaute ja palvelutarpeen uudelleenarviointi' " \
           "lists 'Task_nope' in its context property" in result.output


def test_the_context_check_of_a_huge_file_stops_at_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each listed task walks back over the process: a generated file of many listing tasks stops being
    checked when the walks have visited WALK_BUDGET nodes, and says nothing wrong about the unchecked rest."""
    from engine.runtime.bpmn import context_panel

    n = 300
    tasks = "".join(f'<bpmn:userTask id="T{i}"><bpmn:extensionElements><camunda:properties>'
                    f'<camunda:property name="context" value="{"nowhere" if i == n - 1 else "T0"}"/>'
                    '</camunda:properties></bpmn:extensionElements></bpmn:userTask>' for i in range(n))
    flows = "".join(f'<bpmn:sequenceFlow id="F{i}" sourceRef="T{i}" targetRef="T{i + 1}"/>' for i in range(n - 1))
    source = ('<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
              'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">'
              f'<bpmn:process id="p" isExecutable="true">{tasks}{flows}</bpmn:process></bpmn:definitions>')
    doc = load_document(source.encode(), "huge.bpmn")
    # the tasks list T0, which comes before them (T0 itself lists what it cannot see: a warning), the last
    # task lists an id nothing records
    warned = [(w.element_id, w.params["item"]) for w in context_panel.context_warnings(doc)]
    assert warned == [("T0", "T0"), (f"T{n - 1}", "nowhere")]
    monkeypatch.setattr(context_panel, "WALK_BUDGET", 1000)     # about n * n / 2 visits are needed in all
    assert [w.element_id for w in context_panel.context_warnings(doc)] == ["T0"]   # stopped well before the end
