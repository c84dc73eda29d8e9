"""Process texts in three languages inside the BPMN file (engine.runtime.bpmn.languages): read per
language on a real process, Finnish as the fallback, and the validator's missing-language warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import Engine
from engine.cli import main
from engine.runtime.bpmn import load_document, validate_documents
from engine.runtime.bpmn.languages import language_warnings, model_texts
from engine.runtime.forms import parse_date
from tests.conftest import DATA, ROOT

STARTTIRAHA = ROOT / "processes" / "starttiraha.bpmn"

# (task name, start of its instructions, a field label, an enum value's name) in each language
EXPECTED = {
    "fi": ("Palvelulupaus asiakkaalle", "Aloittavan yrittäjän palvelun aloitus.", "Yrityksen yhteyshenkilö",
           "Puhelin"),
    "sv": ("Servicelöfte till kunden", "Tjänsten för nya företagare inleds.", "Företagets kontaktperson",
           "Telefon"),
    "en": ("Service promise to the customer", "Start of the start-up service.", "The company's contact person",
           "Phone"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_real_task_reads_in_each_language(people: Engine, lang: str) -> None:
    people.deploy(STARTTIRAHA)
    info = people.start("starttiraha", customer="0112038-9", responsible="asiantuntija")
    task = people.task(info.open_tasks[0].id, lang)
    name, instructions, label, option = EXPECTED[lang]
    assert task.name == name
    assert task.documentation.startswith(instructions)
    fields = {f["id"]: f for f in task.form}
    assert fields["yhteyshenkilo"]["label"] == label
    assert {o["id"]: o["name"] for o in fields["yhteydenpito_toive"]["options"]}["puhelin"] == option
    assert people.process_names(lang)["starttiraha"] == people.model_texts("starttiraha").name("starttiraha", lang)


def test_finnish_is_the_fallback_of_a_model_without_translations(kokeilu: Engine) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    fi, sv = kokeilu.task(info.open_tasks[0].id, "fi"), kokeilu.task(info.open_tasks[0].id, "sv")
    def without_marks(form: list[dict]) -> list[dict]:
        return [{k: v for k, v in f.items() if k != "label_lang"} for f in form]
    assert (sv.name, sv.documentation, without_marks(sv.form)) == (fi.name, fi.documentation, without_marks(fi.form))
    # a Swedish reader's labels say they are Finnish (the page marks them lang="fi")
    assert {f.get("label_lang") for f in sv.form} == {"fi"}
    assert kokeilu.process_names("en") == {"kokeilu": "Kokeiluprosessi"}


def test_the_inbox_names_tasks_in_the_readers_language(people: Engine) -> None:
    people.deploy(STARTTIRAHA)
    people.start("starttiraha", customer="0112038-9", responsible="asiantuntija")
    inbox = people.inbox("asiantuntija")
    assert [t.name for t in people.task_names(inbox, "sv")] == ["Servicelöfte till kunden"]
    assert [t.name for t in people.task_names(inbox, "fi")] == ["Palvelulupaus asiakkaalle"]


def test_every_process_has_finnish_and_swedish_texts_and_finnish_instructions() -> None:
    for path in sorted((ROOT / "processes").glob("*.bpmn")):
        doc = load_document(path.read_bytes(), path.name)
        assert language_warnings(doc, ("fi", "sv", "en")) == [], path.name
        texts = model_texts(doc.root)
        for element_id, docs in texts.docs.items():
            # Finnish instructions, not the English ones they replaced
            assert " the " not in f" {docs['fi']} " and docs["en"] != docs["fi"], (path.name, element_id)


def _without(source: str, text: str) -> bytes:
    assert text in source
    return source.replace(text, "", 1).encode("utf-8")


def test_a_missing_swedish_text_is_a_warning_not_an_error(tmp_path: Path) -> None:
    source = STARTTIRAHA.read_text(encoding="utf-8")
    broken = _without(source, '<camunda:property name="name@sv" value="Mottagning av ansökan och rådgivning"/>')
    broken = broken.replace(b'<camunda:property id="value:osuuskunta@sv" value="Andelslag"/>', b"", 1)
    doc = load_document(broken, "starttiraha.bpmn")
    assert validate_documents([doc]) == []           # deployable as it is
    warnings = language_warnings(doc)
    assert [(w.element_id, w.warning) for w in warnings] == [("Task_hakemus", True)]
    assert "no Swedish text for: name, name of value 'osuuskunta' of field 'yritysmuoto'" in warnings[0].message
    assert str(warnings[0]).startswith("starttiraha.bpmn:Task_hakemus: warning: ")
    # the command line prints it and still exits 0
    path = tmp_path / "starttiraha.bpmn"
    path.write_bytes(broken)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0 and "Task_hakemus: warning:" in result.output


def test_a_model_in_finnish_only_deploys_with_warnings(people: Engine) -> None:
    source = (DATA / "kokeilu.bpmn").read_bytes()
    assert people.check_bpmn(source, "kokeilu.bpmn")                   # warnings about Swedish...
    assert all(p.warning for p in people.check_bpmn(source, "kokeilu.bpmn"))
    assert people.deploy_bytes(source, "kokeilu.bpmn")[0].version == 1  # ...and deployed all the same


@pytest.mark.parametrize(("text", "iso"), [("26.11.2026", "2026-11-26"), ("1.2.2026", "2026-02-01"),
                                           (" 2026-11-26 ", "2026-11-26")])
def test_dates_are_typed_day_first(text: str, iso: str) -> None:
    assert parse_date(text).isoformat() == iso


@pytest.mark.parametrize("text", ["11/26/2026", "31.2.2026", "26.11.26", "2026-1-2", "huomenna", "26.11.2026x"])
def test_a_date_that_is_not_day_month_year_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
