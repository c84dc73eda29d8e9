"""The customers' pages through Flask's test client: list and search, the company page with its
service path, create and edit, contact persons, CSV import in the background, roles, 404s and CSRF."""

from __future__ import annotations

import io
import re
import threading
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from engine.office.customers import business_id_check_digit
from tests.webui.helpers import csrf, login, sent_back
from tests.webui.test_api import PROMISE

EXAMPLE = "0112038-9"      # Oy Esimerkki Ab, added by the `people` fixture


def valid_ids(count: int, first: int = 2000000) -> list[str]:
    found: list[str] = []
    number = first
    while len(found) < count:
        check = business_id_check_digit(f"{number:07d}")
        if check is not None:
            found.append(f"{number:07d}-{check}")
        number += 1
    return found


@pytest.fixture
def expert(secure_app: Flask) -> FlaskClient:  # noqa: F811
    client = secure_app.test_client()
    login(client, "asiantuntija", "salasana-1-kokeilu")
    return client


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_list_searches_and_pages(kokeilu: Engine, expert: FlaskClient) -> None:
    for number, business_id in enumerate(valid_ids(26), start=1):
        kokeilu.add_customer(business_id, name=f"Yritys {number:02d} Oy", municipality="Tampere",
                             ministry_segment="paikallinen", service_need_segment="kasvava")
    kokeilu.start("kokeilu", customer=EXAMPLE, responsible="asiantuntija")
    first = expert.get("/customers")
    html = first.get_data(as_text=True)
    assert first.status_code == 200 and "Page 1 of 2" in html and "27 customers" in html
    assert "Local companies" in html and "Growing" in html        # vocabulary labels in the page's language
    row = re.search(r"<tr>\s*<td><a href=\"/customers/0112038-9\">Oy Esimerkki Ab</a>.*?</tr>", html, re.S)
    assert row and re.search(r'<td class="num">1</td>', row.group(0))   # one open service
    second = expert.get("/customers?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and second.count("<tr>") == 1 + 2
    by_name = expert.get("/customers?q=yritys 07").get_data(as_text=True)
    assert "Yritys 07 Oy" in by_name and "Yritys 08 Oy" not in by_name and "1 customer" in by_name
    by_id = expert.get("/customers?q=0112038").get_data(as_text=True)
    assert "Oy Esimerkki Ab" in by_id and "Yritys" not in by_id
    assert "No company matches" in expert.get("/customers?q=ei-ketään").get_data(as_text=True)
    finnish = expert.get("/customers", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Paikallisesti toimivat yritykset" in finnish


def test_company_page_shows_the_service_path_with_links_and_aftercare(kokeilu: Engine, expert: FlaskClient) -> None:
    parent = kokeilu.start("kokeilu", customer=EXAMPLE, responsible="asiantuntija")
    kokeilu.complete(parent.open_tasks[0].id, "asiantuntija", {**PROMISE, "lupaus_annettu": True})
    aftercare = kokeilu.instance(parent.id).open_tasks[0]
    kokeilu.complete(aftercare.id, "asiantuntija", {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True,
                                                    "arvio_tulos": 4})
    child = kokeilu.instance(parent.id).children[0]
    kokeilu.add_contact(EXAMPLE, "Maija Meikäläinen", title="toimitusjohtaja", phone="+358 40 123 4567")
    response = expert.get(f"/customers/{EXAMPLE}")
    html = response.get_data(as_text=True)
    words = text_of(html)
    assert response.status_code == 200
    assert f'id="step-{parent.id}"' in html and f'id="step-{child}"' in html
    assert html.index(f'id="step-{parent.id}"') < html.index(f'id="step-{child}"')      # time order
    assert f'Started from <a href="#step-{parent.id}">#{parent.id}</a>\'s aftercare' in html
    assert f'<a href="#step-{child}">Kokeiluprosessi #{child}</a>' in html               # the parent's link down
    assert "Customer reached Yes" in words and "Result score 4 / 5" in words and "New service needs Yes" in words
    assert "Service score –" in words                       # kokeilu's aftercare form asks no service score
    assert "version 1" in words and "completed" in words and "running" in words
    assert "Responsible expert asiantuntija" in words and "Started 02/03/2026" in words
    open_task = kokeilu.instance(child).open_tasks[0]
    assert f'href="/tasks/{open_task.id}">Palvelulupaus</a>' in html
    assert f'href="/start?customer={EXAMPLE}"' in html
    assert "Maija Meikäläinen, toimitusjohtaja" in html and 'href="tel:+358 40 123 4567"' in html
    finnish = text_of(expert.get(f"/customers/{EXAMPLE}", headers={"Accept-Language": "fi"}).get_data(as_text=True))
    assert "2.3.2026" in finnish                             # Finnish date format, Helsinki time


def test_create_shows_every_error_next_to_its_field_then_saves(kokeilu: Engine, expert: FlaskClient) -> None:
    form = expert.get("/customers/new").get_data(as_text=True)
    assert '<label for="f-business_id">' in form and '<select id="f-size_class"' in form
    token = csrf(expert, "/customers/new")
    values = {"csrf_token": token, "business_id": "0201256-5", "name": "", "municipality": "Nokia",
              "size_class": "pieni", "ministry_segment": "kotimarkkina"}
    bad = expert.post("/customers/new", data=values)
    html = sent_back(expert, bad)
    assert "The form has 2 errors" in html
    assert re.search(r'id="f-business_id-err">[^<]*the check digit should be 6', html)
    assert re.search(r'id="f-name-err">Give the company&#39;s name.', html)
    assert 'value="Nokia"' in html and '<option value="pieni" selected>' in html         # values kept
    assert '<option value="kotimarkkina" selected>' in html
    good = expert.post("/customers/new", data={**values, "business_id": "0201256-6", "name": "Nokian Paja Oy"})
    assert good.status_code == 302 and good.headers["Location"] == "/customers/0201256-6"
    saved = kokeilu.customer("0201256-6")
    assert (saved.name, saved.municipality, saved.size_class) == ("Nokian Paja Oy", "Nokia", "pieni")
    again = expert.post("/customers/new", data={**values, "business_id": "0201256-6", "name": "Toinen"})
    assert "already registered to" in sent_back(expert, again)


def test_edit_keeps_values_on_error_and_saves(kokeilu: Engine, expert: FlaskClient) -> None:
    form = expert.get(f"/customers/{EXAMPLE}/edit").get_data(as_text=True)
    assert 'value="Oy Esimerkki Ab"' in form and "readonly" in form
    token = csrf(expert, f"/customers/{EXAMPLE}/edit")
    bad = expert.post(f"/customers/{EXAMPLE}/edit", data={"csrf_token": token, "name": "Oy Esimerkki Ab",
                                                          "industry": "xyz", "municipality": "Tampere"})
    html = sent_back(expert, bad)
    assert 'id="f-industry-err"' in html and 'value="Tampere"' in html
    good = expert.post(f"/customers/{EXAMPLE}/edit", data={"csrf_token": token, "name": "Oy Esimerkki Ab",
                                                           "industry": "62.01", "municipality": "Tampere",
                                                           "lifecycle_phase": "kehittaminen"})
    assert good.status_code == 302
    saved = kokeilu.customer(EXAMPLE)
    assert (saved.industry, saved.municipality, saved.lifecycle_phase) == ("6201", "Tampere", "kehittaminen")
    assert "Development" in expert.get(f"/customers/{EXAMPLE}").get_data(as_text=True)


def test_add_contact_person_on_the_company_page(kokeilu: Engine, expert: FlaskClient) -> None:
    token = csrf(expert, f"/customers/{EXAMPLE}")
    bad = expert.post(f"/customers/{EXAMPLE}/contacts", data={"csrf_token": token, "name": "Matti M",
                                                              "email": "matti-at-example"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "<details open>" in html
    assert re.search(r'id="f-email-err">&#39;matti-at-example&#39; is not an e-mail address', html)
    assert 'value="Matti M"' in html
    good = expert.post(f"/customers/{EXAMPLE}/contacts", data={"csrf_token": token, "name": "Matti M",
                                                               "email": "matti@example.fi"})
    assert good.status_code == 302 and good.headers["Location"].endswith("#contacts")
    assert [(c.name, c.email) for c in kokeilu.customer(EXAMPLE).contacts] == [("Matti M", "matti@example.fi")]


def wait_for_import(client: FlaskClient, location: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        html = client.get(location).get_data(as_text=True)
        if 'data-import-state="running"' not in html:
            return html
        if time.monotonic() > deadline:
            pytest.fail(f"the import at {location} did not finish in {timeout} s")
        time.sleep(0.05)


def upload(client: FlaskClient, content: bytes, name: str = "yritykset.csv") -> Any:
    return client.post("/customers/import", data={"csrf_token": csrf(client, "/customers/import"),
                                                  "file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def test_csv_import_keeps_good_rows_and_reports_bad_ones_by_line(kokeilu: Engine, expert: FlaskClient) -> None:
    good_a, good_b = valid_ids(2)
    content = "\n".join([
        "y_tunnus;nimi;kunta;kokoluokka",
        f"{good_a};Ensimmäinen Oy;Tampere;pieni",
        "0201256-5;Väärä tarkiste Oy;Nokia;",
        f"{EXAMPLE};Oy Esimerkki Ab;;mikro",          # known: updated, the blank municipality kept
        f"{good_b};;Ylöjärvi;",
        "1234567;Ilman viivaa Oy;;",
    ]).encode()
    response = upload(expert, content)
    assert response.status_code == 302 and "/customers/import/" in response.headers["Location"]
    html = wait_for_import(expert, response.headers["Location"])
    assert 'data-import-state="done"' in html
    assert "Done: 1 added, 1 updated, 3 rows with errors." in text_of(html)
    errors = re.findall(r'<tr><td class="num">(\d+)</td><td lang="en">([^<]*)</td></tr>', html)
    assert [line for line, _ in errors] == ["3", "5", "6"]
    assert "check digit should be 6" in errors[0][1] and "Give the company" in errors[1][1]
    assert kokeilu.customer(good_a).name == "Ensimmäinen Oy"
    assert kokeilu.customer(EXAMPLE).size_class == "mikro"


def test_import_shows_progress_while_running(kokeilu: Engine, expert: FlaskClient,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = kokeilu.import_customers

    def slow(path: Any, progress: Any = None) -> Any:
        progress(1, 4)
        assert release.wait(10)
        return real(path, progress)

    monkeypatch.setattr(kokeilu, "import_customers", slow)
    location = upload(expert, b"business_id,name\n0201256-6,Hidas Oy\n").headers["Location"]
    running = expert.get(location).get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in running and "<script" not in running.split("</head>")[1]
    assert '<progress id="progress" max="4" value="1">' in running and "1 of 4 rows" in running
    release.set()
    done = wait_for_import(expert, location)
    assert "1 added" in done and "http-equiv" not in done
    other = expert.application.test_client()
    login(other, "toinen", "salasana-2-kokeilu")
    assert other.get(location).status_code == 404          # a job is its starter's only


def test_import_refuses_a_missing_or_too_large_file(secure_app: Flask, expert: FlaskClient) -> None:  # noqa: F811
    token = csrf(expert, "/customers/import")
    empty = expert.post("/customers/import", data={"csrf_token": token}, content_type="multipart/form-data")
    assert empty.status_code == 422 and "Choose a CSV file to import." in empty.get_data(as_text=True)
    secure_app.config["MAX_CONTENT_LENGTH"] = 4096
    big = upload(expert, b"business_id,name\n" + b"x" * 8192)
    html = big.get_data(as_text=True)
    assert big.status_code == 413 and "The file is larger than 4 kB; split it into smaller files" in html
    assert 'id="f-file-err"' in html


def test_customer_pages_refuse_a_process_owner(kokeilu: Engine, secure_app: Flask) -> None:  # noqa: F811
    kokeilu.add_user("omistaja", roles=["process_owner"], password="salasana-9-kokeilu")
    client = secure_app.test_client()
    login(client, "omistaja", "salasana-9-kokeilu")
    for path in ["/customers", f"/customers/{EXAMPLE}", "/customers/new", f"/customers/{EXAMPLE}/edit",
                 "/customers/import", "/customers/import/x"]:
        response = client.get(path)
        assert response.status_code == 403 and "Not allowed" in response.get_data(as_text=True), path
    token = csrf(client, "/processes/")              # the owner lands there
    assert client.post("/customers/new", data={"csrf_token": token, "business_id": "0201256-6",
                                               "name": "X"}).status_code == 403


def test_manager_may_use_the_customer_pages(secure_app: Flask) -> None:  # noqa: F811
    client = secure_app.test_client()
    login(client, "esimies", "salasana-3-kokeilu")
    assert client.get("/customers").status_code == 200


def test_unknown_company_is_a_404_page(expert: FlaskClient) -> None:
    for path in ["/customers/0201256-6", "/customers/not-an-id", "/customers/0201256-6/edit",
                 "/customers/import/no-such-job"]:
        response = expert.get(path)
        assert response.status_code == 404 and "Not found" in response.get_data(as_text=True), path
    token = csrf(expert, "/customers")
    missing = expert.post("/customers/0201256-6/contacts", data={"csrf_token": token, "name": "X"})
    assert missing.status_code == 404


def test_old_six_digit_business_id_redirects_to_the_canonical_page(expert: FlaskClient) -> None:
    response = expert.get("/customers/112038-9")
    assert response.status_code == 302 and response.headers["Location"] == f"/customers/{EXAMPLE}"


def test_posts_without_csrf_token_are_refused(kokeilu: Engine, expert: FlaskClient) -> None:
    response = expert.post("/customers/new", data={"business_id": "0201256-6", "name": "Ilman tokenia Oy"})
    assert response.status_code == 400 and "reload the page" in response.get_data(as_text=True)
    assert expert.post(f"/customers/{EXAMPLE}/contacts", data={"name": "X"}).status_code == 400
    assert upload_without_token(expert).status_code == 400
    assert kokeilu.customers("Ilman tokenia").total == 0


def upload_without_token(client: FlaskClient) -> Any:
    return client.post("/customers/import", data={"file": (io.BytesIO(b"business_id,name\n"), "a.csv")},
                       content_type="multipart/form-data")
