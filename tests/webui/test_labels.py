"""Labels, not keys (issue 16): history, the diagram's element panel, the task form and CSV exports in the
reader's language, on the real start-up grant process: field labels, enum names, Yes/No, d.m.yyyy dates,
people by name; dates typed day first."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.conftest import ROOT
from tests.webui.helpers import csrf, login
from tests.webui.test_manage import rows_of, text_of

PROMISE = {"yhteyshenkilo": "Matti Virtanen", "palvelulupaus_annettu": True, "vastuuasiantuntija_kerrottu": True,
           "palvelulupaus_pvm": "2026-03-02", "yhteydenpito_toive": "tapaaminen"}
# (date label, enum label, enum value, yes, date as shown) per language
SHOWN = {
    "fi": ("Palvelulupauksen päivämäärä", "Asiakkaan toivoma yhteydenpitotapa", "Tapaaminen", "Kyllä", "2.3.2026"),
    "sv": ("Datum för servicelöftet", "Kontaktsätt som kunden önskar", "Möte", "Ja", "2.3.2026"),
    "en": ("Date of the service promise", "Contact method the customer prefers", "Meeting", "Yes", "02/03/2026"),
}
RAW = ("palvelulupaus_pvm", "yhteydenpito_toive", "vastuuasiantuntija_kerrottu", ">tapaaminen<", "starttiraha #")


@pytest.fixture
def office(kokeilu: Engine) -> Engine:
    kokeilu.deploy(ROOT / "processes" / "starttiraha.bpmn")
    kokeilu.add_user("maija", roles=["expert"], groups=["TE-asiantuntijat"], password="salasana-5-kokeilu",
                     display_name="Maija Meikäläinen")
    return kokeilu


MANAGER_PASSWORD = "salasana-3-kokeilu"


def reader(app: Flask, lang: str, username: str, password: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    login(client, username, password)
    return client


def started(office: Engine, complete: bool = True) -> tuple[int, str]:
    info = office.start("starttiraha", customer="0112038-9", responsible="maija")
    task_id = info.open_tasks[0].id
    if complete:
        office.complete(task_id, "maija", PROMISE)
    return info.id, task_id


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_history_shows_labels_enum_names_dates_and_yes(office: Engine, secure_app: Flask, lang: str) -> None:
    instance, _task = started(office)
    client = reader(secure_app, lang, "esimies", MANAGER_PASSWORD)
    html = client.get(f"/manage/instances/{instance}").get_data(as_text=True)
    history = re.search(r'<ol class="history">.*?</ol>', html, re.S).group(0)
    date_label, enum_label, enum_value, yes, shown = SHOWN[lang]
    assert f"<dt>{date_label}</dt>\n  <dd>{shown}</dd>" in history
    assert f"<dt>{enum_label}</dt>\n  <dd>{enum_value}</dd>" in history
    assert f"<dd>{yes}</dd>" in history
    assert "Maija Meikäläinen" in text_of(history)                  # who did it, by name
    for raw in RAW:
        assert raw not in history, raw
    assert "2026-03-02" not in text_of(history)                      # ISO only in <time datetime=...>
    name = office.model_texts("starttiraha").name("starttiraha", lang)
    assert f"{name} #{instance}" in html                             # the process by name, not by key
    assert re.search(r"<dd>Maija Meikäläinen</dd>", html)            # the responsible expert


def test_the_diagram_panel_gets_labels_and_names(office: Engine, secure_app: Flask) -> None:
    instance, _task = started(office)
    body = reader(secure_app, "sv", "esimies", MANAGER_PASSWORD).get(f"/manage/instances/{instance}/diagram.json").json
    assert body is not None
    entries = body["history"]["Task_palvelulupaus"]
    completed = next(e for e in entries if e["kind"] == "complete")
    assert ["Datum för servicelöftet", "2.3.2026"] in completed["items"]
    assert ["Kontaktsätt som kunden önskar", "Möte"] in completed["items"]
    assert completed["actor"] == "Maija Meikäläinen"
    assert body["names"]["Task_palvelulupaus"] == "Servicelöfte till kunden"


def test_the_task_page_is_in_the_readers_language(office: Engine, secure_app: Flask) -> None:
    _instance, task = started(office, complete=False)
    fi = reader(secure_app, "fi", "maija", "salasana-5-kokeilu").get(f"/tasks/{task}").get_data(as_text=True)
    assert "Aloittavan yrittäjän palvelun aloitus." in fi and "Start of the start-up service" not in fi
    assert "Palvelulupauksen päivämäärä" in fi and "Aloittavan yrittäjän palvelut ja starttiraha #" in fi
    sv = reader(secure_app, "sv", "maija", "salasana-5-kokeilu").get(f"/tasks/{task}").get_data(as_text=True)
    assert "Tjänsten för nya företagare inleds." in sv and "Datum för servicelöftet" in sv
    assert ">Telefon</option>" in sv and "Palvelulupauksen päivämäärä" not in sv
    en = reader(secure_app, "en", "maija", "salasana-5-kokeilu").get(f"/tasks/{task}").get_data(as_text=True)
    assert "Start of the start-up service." in en and "Yrityksen yhteyshenkilö" not in en


def _complete(client: FlaskClient, office: Engine, task: str, instance: int, day: str) -> tuple[int, str]:
    token = csrf(client, f"/tasks/{task}")
    data = {**{k: str(v).lower() if isinstance(v, bool) else v for k, v in PROMISE.items()},
            "palvelulupaus_pvm": day, "csrf_token": token, "expected_version": office.instance(instance).lock_version}
    response = client.post(f"/tasks/{task}/complete", data=data)
    if response.status_code == 303:          # sent back with errors: the task page shows them (issue 19)
        return 303, client.get(response.headers["Location"]).get_data(as_text=True)
    return response.status_code, response.get_data(as_text=True)


def test_dates_are_typed_day_first_with_a_clear_error(office: Engine, secure_app: Flask) -> None:
    instance, task = started(office, complete=False)
    client = reader(secure_app, "fi", "maija", "salasana-5-kokeilu")
    page = client.get(f"/tasks/{task}").get_data(as_text=True)
    field = re.search(r'<input[^>]*name="palvelulupaus_pvm"[^>]*>', page).group(0)
    assert 'type="text"' in field and 'placeholder="pp.kk.vvvv"' in field and 'type="date"' not in page
    status, html = _complete(client, office, task, instance, "03/02/2026")      # the US way: refused
    assert status == 303
    assert "Palvelulupauksen päivämäärä: anna päivämäärä muodossa 26.11.2026 (päivä.kuukausi.vuosi)." in html
    assert 'value="03/02/2026"' in html                                          # what was typed stays
    sv = reader(secure_app, "sv", "maija", "salasana-5-kokeilu")
    status, html = _complete(sv, office, task, instance, "31.2.2026")
    assert status == 303 and "Datum för servicelöftet: ange ett datum i formen 26.11.2026 (dag.månad.år)." in html
    status, _html = _complete(client, office, task, instance, "2.3.2026")
    assert status == 302
    assert office.instance(instance).data["palvelulupaus_pvm"] == "2026-03-02"  # the engine keeps ISO


@pytest.mark.parametrize(("lang", "header", "status"), [
    ("fi", ["Palvelupolku", "Prosessin tunnus", "Prosessin nimi"], "käynnissä"),
    ("sv", ["Servicestig"], "pågår"),
    ("en", ["Instance", "Process id", "Process name"], "running"),
])
def test_csv_headers_and_status_in_the_readers_language(office: Engine, secure_app: Flask, lang: str,
                                                         header: list[str], status: str) -> None:
    instance, _task = started(office)
    rows = rows_of(reader(secure_app, lang, "esimies", MANAGER_PASSWORD).get("/manage/instances.csv").data)
    assert rows[0][:len(header)] == header
    row = next(r for r in rows[1:] if r[0] == str(instance))
    assert row[1] == "starttiraha" and row[4] == status and row[5] == "running"    # machine-readable beside
    assert row[2] == office.model_texts("starttiraha").name("starttiraha", lang)
    assert row[8:10] == ["Maija Meikäläinen", "maija"]


def test_data_received_from_the_service_that_started_it_shows_that_forms_labels(office: Engine,
                                                                              secure_app: Flask) -> None:
    """A needs assessment starts a recruitment with its own answers as the start data: the recruitment's
    page names them by the needs assessment's labels, not by their ids (the crawl found `kartoitus_pvm`)."""
    from webui.labels import data_items

    office.deploy(ROOT / "processes" / "palvelutarvearvio.bpmn")
    with secure_app.test_request_context("/", headers={"Accept-Language": "fi"}):
        texts = office.model_texts("starttiraha")
        labels = dict(data_items({"kartoitus_pvm": "2026-03-02", "aloita_rekrytointi": True}, texts))
    assert "kartoitus_pvm" not in labels and "aloita_rekrytointi" not in labels, labels
    assert labels == {office.model_texts("palvelutarvearvio").label(None, "kartoitus_pvm", "fi"): "2.3.2026",
                      office.model_texts("palvelutarvearvio").label(None, "aloita_rekrytointi", "fi"): "Kyllä"}


def test_a_message_is_named_by_the_event_that_sends_it(office: Engine, secure_app: Flask) -> None:
    """A message's name is a technical id (aloita_koulutus); pages name it by its sending event."""
    from webui import messages
    from webui.labels import data_items

    office.deploy(ROOT / "processes" / "palvelutarvearvio.bpmn")
    texts = office.model_texts("palvelutarvearvio")
    for lang in ("fi", "sv"):
        with secure_app.test_request_context("/", headers={"Accept-Language": lang}):
            named = texts.message_name("aloita_koulutus", lang)
            assert named and named != "aloita_koulutus"
            assert data_items({"message": "aloita_koulutus"}) == [("Viesti" if lang == "fi" else "Meddelande", named)]
            assert named in messages.text("audit.message_sent", {"name": "aloita_koulutus"}, "")
