"""The process owners' pages through Flask's test client with CSRF on, on a real database: the
processes page, check / draft / deploy / upload / compare / new process, hostile uploads answered
with one clear error, roles (403) and CSRF on the JSON endpoints; managers' diagram JSON."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from engine import Engine
from engine.models import AuditEvent
from tests.conftest import DATA
from tests.webui.helpers import csrf, login
from tests.webui.test_api import PROMISE

AFTERCARE_MARK = b'<camunda:properties><camunda:property name="aftercare" value="true"/></camunda:properties>'
SOURCE = (DATA / "kokeilu.bpmn").read_bytes()
RENAMED = SOURCE.replace(b'name="Palvelulupaus"', b'name="Palvelulupaus puhelimessa"', 1)


@pytest.fixture
def owner(secure_app: Flask, kokeilu: Engine) -> FlaskClient:
    kokeilu.add_user("omistaja", roles=["process_owner"], password="salasana-5-kokeilu")
    client = secure_app.test_client()
    login(client, "omistaja", "salasana-5-kokeilu")
    return client


@pytest.fixture
def manager(secure_app: Flask) -> FlaskClient:
    client = secure_app.test_client()
    login(client, "esimies", "salasana-3-kokeilu")
    return client


def token(client: FlaskClient) -> str:
    return csrf(client, "/processes/")


def post_xml(client: FlaskClient, path: str, body: bytes, csrf_token: str | None = None) -> tuple[int, dict]:
    headers = {"Accept": "application/json", "Content-Type": "application/xml"}
    if csrf_token is not None:
        headers["X-CSRFToken"] = csrf_token
    response = client.post(path, data=body, headers=headers)
    return response.status_code, json.loads(response.get_data(as_text=True))


def upload(client: FlaskClient, data: bytes, name: str = "kokeilu.bpmn") -> tuple[int, str]:
    """A multipart upload, encoded here: the test client would spool a large one to a temporary
    file it never closes (a ResourceWarning, which this suite turns into an error)."""
    boundary = "----palvelupolku-test"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token(client)}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    response = client.post("/processes/upload", data=body, content_type=f"multipart/form-data; boundary={boundary}",
                           follow_redirects=True)
    return response.status_code, response.get_data(as_text=True)


def test_processes_page_lists_versions_counts_and_validation(owner: FlaskClient, kokeilu: Engine) -> None:
    kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    html = owner.get("/processes/").get_data(as_text=True)
    assert "Kokeiluprosessi" in html and "version 1" in html and "valid" in html
    version = kokeilu.process_version("kokeilu")[0]
    assert version.content_hash[:12] in html
    assert '<td class="num">1</td><td class="num">0</td>' in html          # running, finished
    page = owner.get("/processes/kokeilu/v1")
    assert page.status_code == 200 and 'id="heatmap"' in page.get_data(as_text=True)
    download = owner.get("/processes/kokeilu/v1.bpmn")
    assert download.data == SOURCE and "attachment" in download.headers["Content-Disposition"]
    assert owner.get("/processes/kokeilu/v9").status_code == 404
    assert owner.get("/processes/nope/v1.bpmn").status_code == 404


def test_roles_and_sign_in_are_required(expert: FlaskClient, manager: FlaskClient, secure_app: Flask) -> None:
    for path in ("/processes/", "/processes/kokeilu/edit", "/processes/new", "/processes/kokeilu/source.bpmn"):
        assert expert.get(path).status_code == 403
        assert manager.get(path).status_code == 403
    assert expert.get("/processes/kokeilu/v1").status_code == 403
    assert manager.get("/processes/kokeilu/v1").status_code == 200         # managers see the heatmap
    anonymous = secure_app.test_client().get("/processes/")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    status, _body = post_xml(expert, "/processes/kokeilu/check", SOURCE, csrf(expert, "/inbox"))
    assert status == 403
    status, _body = post_xml(manager, "/processes/kokeilu/deploy", RENAMED, csrf(manager, "/manage/instances"))
    assert status == 403


def test_json_endpoints_refuse_a_missing_csrf_token(owner: FlaskClient, kokeilu: Engine) -> None:
    for path in ("/processes/kokeilu/check", "/processes/kokeilu/draft", "/processes/kokeilu/deploy"):
        status, body = post_xml(owner, path, RENAMED)
        assert status == 400 and "reload the page" in body["error"]
    assert kokeilu.draft("omistaja", "kokeilu") is None
    assert [v.version for v in kokeilu.process_overview()[0].versions] == [1]


def test_check_reports_problems_at_their_elements(owner: FlaskClient) -> None:
    t = token(owner)
    status, body = post_xml(owner, "/processes/kokeilu/check", SOURCE, t)
    # kokeilu.bpmn is Finnish only: deployable, with warnings about the missing Swedish
    assert status == 200 and body["ok"] is True and body["errors"] == 0
    assert body["problems"] and all(p["warning"] and "Swedish" in p["message"] for p in body["problems"])
    status, body = post_xml(owner, "/processes/kokeilu/check", SOURCE.replace(AFTERCARE_MARK, b""), t)
    assert status == 200 and body["ok"] is False
    assert any("aftercare" in p["message"].lower() and p["element_id"] for p in body["problems"])
    status, body = post_xml(owner, "/processes/kokeilu/check", b"not xml at all", t)
    assert status == 200 and body["problems"][0]["element_id"] is None
    assert "not well-formed XML" in body["problems"][0]["message"]


def test_draft_is_saved_reopened_and_discarded(owner: FlaskClient, kokeilu: Engine) -> None:
    t = token(owner)
    status, body = post_xml(owner, "/processes/kokeilu/draft?base=1", RENAMED, t)
    assert status == 200 and body["id"]
    assert owner.get("/processes/kokeilu/source.bpmn").data == RENAMED
    assert owner.get("/processes/kokeilu/source.bpmn?version=1").data == SOURCE
    assert "Continue your draft" in owner.get("/processes/").get_data(as_text=True)
    editor = owner.get("/processes/kokeilu/edit").get_data(as_text=True)
    assert 'name="csrf-token"' in editor and "dist/modeler.js" in editor
    status, body = post_xml(owner, "/processes/kokeilu/draft", b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', t)
    assert status == 422 and "DTDs and entity declarations are not allowed" in body["problems"][0]["message"]
    owner.post("/processes/kokeilu/draft/discard", data={"csrf_token": t})
    assert kokeilu.draft("omistaja", "kokeilu") is None


def test_deploy_refuses_problems_then_deploys_and_audits(owner: FlaskClient, kokeilu: Engine) -> None:
    old = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    t = token(owner)
    _status, saved = post_xml(owner, "/processes/kokeilu/draft?base=1", RENAMED, t)
    status, body = post_xml(owner, "/processes/kokeilu/deploy?base=1", SOURCE.replace(AFTERCARE_MARK, b""), t)
    assert status == 422 and "Nothing was deployed" in body["error"] and body["problems"]
    status, body = post_xml(owner, "/processes/kokeilu/deploy?base=1", RENAMED, t)
    assert status == 200, body
    assert body == {"deployed": [{"process_key": "kokeilu", "version": 2, "created": True}],
                    "url": "/processes/kokeilu/v2"}
    with kokeilu.reading() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.kind == "deploy").order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.actor == "omistaja"
        expected = {"source": "editor", "draft_id": saved["id"], "version": 2, "base_version": 1}
        assert event.data is not None and expected.items() <= event.data.items()
    assert kokeilu.draft("omistaja", "kokeilu") is None
    page = owner.get("/processes/kokeilu/v2").get_data(as_text=True)
    assert f"from the editor, draft #{saved['id']}, based on version 1" in page
    new = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    assert (kokeilu.instance(old.id).version, new.version) == (1, 2)
    status, body = post_xml(owner, "/processes/kokeilu/deploy", RENAMED, t)          # same bytes again
    assert status == 200 and body["deployed"][0] == {"process_key": "kokeilu", "version": 2, "created": False}


def test_upload_deploys_a_valid_file_and_keeps_a_broken_one_as_draft(owner: FlaskClient, kokeilu: Engine) -> None:
    status, html = upload(owner, RENAMED)
    assert status == 200 and "Deployed kokeilu version 2." in html
    assert "uploaded as kokeilu.bpmn" in owner.get("/processes/kokeilu/v2").get_data(as_text=True)
    status, html = upload(owner, SOURCE.replace(AFTERCARE_MARK, b""))
    assert status == 422 and "was not deployed" in html and "aftercare" in html.lower()
    assert "kept as your draft of kokeilu" in html
    assert kokeilu.draft("omistaja", "kokeilu") is not None


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "The file is not XML (it looks like a PNG image)."),
    (b"just some text", "The file is not well-formed XML"),
    (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><x>&lol2;</x>',
     "DTDs and entity declarations are not allowed in BPMN files."),
    (b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>',
     "DTDs and entity declarations are not allowed in BPMN files."),
    (b"<a>" + b" " * (10 * 1024 * 1024 + 10) + b"</a>", "BPMN files may be at most 10 MB."),
    (b"<root/>", "this is not a BPMN 2.0 file"),
])
def test_hostile_uploads_get_one_clear_error(owner: FlaskClient, kokeilu: Engine, data: bytes, message: str) -> None:
    status, html = upload(owner, data, "evil.bpmn")
    assert status == 422 and message in html
    assert "Traceback" not in html
    assert [v.version for v in kokeilu.process_overview()[0].versions] == [1]


def test_an_upload_beyond_the_request_limit_is_refused_clearly(owner: FlaskClient) -> None:
    status, html = upload(owner, b"<a>" + b" " * (13 * 1024 * 1024) + b"</a>", "huge.bpmn")
    assert status == 413 and "BPMN files may be at most 10 MB" in html


def test_upload_without_a_file_says_so(owner: FlaskClient) -> None:
    response = owner.post("/processes/upload", data={"csrf_token": token(owner)}, follow_redirects=True)
    assert "Choose a .bpmn file to upload." in response.get_data(as_text=True)


def test_new_process_from_the_template(owner: FlaskClient, kokeilu: Engine) -> None:
    t = token(owner)
    response = owner.post("/processes/new", data={"csrf_token": t, "process_key": "uusi_palvelu", "name": "Uusi"})
    assert response.status_code == 302 and response.headers["Location"] == "/processes/uusi_palvelu/edit"
    source = owner.get("/processes/uusi_palvelu/source.bpmn").data
    status, body = post_xml(owner, "/processes/uusi_palvelu/check", source, t)
    # the template has its texts in three languages; only the owner's own name lacks Swedish (a warning)
    assert body["ok"] is True and body["errors"] == 0 and body["warnings"] == 1
    assert [(p["element_id"], p["warning"]) for p in body["problems"]] == [("uusi_palvelu", True)]
    assert "no Swedish text for: name" in body["problems"][0]["message"]
    taken = owner.post("/processes/new", data={"csrf_token": t, "process_key": "kokeilu", "name": "X"})
    assert taken.status_code == 422 and "exists already" in taken.get_data(as_text=True)
    bad = owner.post("/processes/new", data={"csrf_token": t, "process_key": "<script>", "name": "X"})
    assert bad.status_code == 422 and "<script>" not in bad.get_data(as_text=True)
    status, body = post_xml(owner, "/processes/uusi_palvelu/deploy", source, t)
    assert status == 200 and body["url"] == "/processes/uusi_palvelu/v1"


def test_compare_page_lists_changes(owner: FlaskClient, kokeilu: Engine) -> None:
    kokeilu.deploy_bytes(RENAMED, "kokeilu.bpmn", "omistaja")
    html = owner.get("/processes/kokeilu/compare?old=1&new=2").get_data(as_text=True)
    assert "Palvelulupaus puhelimessa" in html and "changed" in html
    assert "name: &#39;Palvelulupaus&#39; → &#39;Palvelulupaus puhelimessa&#39;" in html
    same = owner.get("/processes/kokeilu/compare?old=2&new=2").get_data(as_text=True)
    assert "No element differs" in same
    assert "Choose two versions" in owner.get("/processes/kokeilu/compare?old=7&new=2").get_data(as_text=True)


def test_managers_get_the_instance_diagram_and_heatmap(manager: FlaskClient, expert: FlaskClient,
                                                       kokeilu: Engine, secure_app: Flask) -> None:
    inst = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    kokeilu.complete(inst.open_tasks[0].id, "asiantuntija", PROMISE)
    body = manager.get(f"/manage/instances/{inst.id}/diagram.json").get_json()
    assert body["elements"]["lupaus"] == "completed" and body["elements"]["jalkihoito"] == "active"
    assert "f_alku" in body["flows"] and body["xml"].startswith("<?xml")
    assert [(e["kind"], e["actor"]) for e in body["history"]["lupaus"]] == [("created", "asiantuntija"),
                                                                           ("complete", "asiantuntija")]
    page = manager.get(f"/manage/instances/{inst.id}").get_data(as_text=True)
    assert 'id="instance-diagram"' in page and 'id="diagram-labels"' in page
    # the responsible expert may read the instance (engine.runtime.access), an expert of another group not
    assert expert.get(f"/manage/instances/{inst.id}/diagram.json").status_code == 200
    outsider = secure_app.test_client()
    login(outsider, "ulkopuolinen", "salasana-4-kokeilu")
    assert outsider.get(f"/manage/instances/{inst.id}/diagram.json").status_code == 403
    version_page = manager.get("/processes/kokeilu/v1").get_data(as_text=True)
    assert re.search(r'<th scope="row">Jälkihoito <code class="muted">jalkihoito</code></th>'
                     r'<td class="num">1</td><td class="num">0</td>', version_page)
    heat = manager.get("/processes/kokeilu/v1/heatmap.json").get_json()
    assert heat["counts"]["lupaus"] == {"waiting": 0, "passed": 1}
    assert heat["counts"]["jalkihoito"] == {"waiting": 1, "passed": 0}
    assert manager.get("/manage/instances/999999/diagram.json").status_code == 404


def test_deploy_confirmation_lists_the_changes_against_the_newest_version(owner: FlaskClient) -> None:
    t = token(owner)
    status, body = post_xml(owner, "/processes/kokeilu/changes", RENAMED, t)
    assert status == 200 and body["newest"] == 1
    assert [(c["element_id"], c["change"], c["change_label"]) for c in body["changes"]] == [
        ("lupaus", "changed", "changed")]
    assert "name: 'Palvelulupaus' → 'Palvelulupaus puhelimessa'" in body["changes"][0]["details"]
    status, body = post_xml(owner, "/processes/uusi/changes", SOURCE, t)
    assert status == 200 and body == {"newest": None, "changes": []}
    status, _body = post_xml(owner, "/processes/kokeilu/changes", b"not xml", t)
    assert status == 422
    status, _body = post_xml(owner, "/processes/kokeilu/changes", RENAMED)      # no CSRF token
    assert status == 400


def test_deployed_decision_tables_are_shown_read_only(owner: FlaskClient, manager: FlaskClient,
                                                     expert: FlaskClient, kokeilu: Engine) -> None:
    dmn = DATA.parents[1] / "conformance" / "camunda-examples" / "invoice" / "invoiceBusinessDecisions.dmn"
    kokeilu.deploy(dmn)
    listing = owner.get("/processes/decisions/").get_data(as_text=True)
    assert "Invoice Classification" in listing and "invoiceClassification" in listing
    page = manager.get("/processes/decisions/invoiceClassification")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # The table as DMN draws it: input and output columns, one row per rule, the hit policy.
    table = kokeilu.decision("invoiceClassification")
    assert [c.label for c in table.inputs] == ["Invoice Amount", "Invoice Category"]
    assert [c.expression for c in table.outputs] == ["invoiceClassification"]
    assert table.rules[0] == (["< 250", '"Misc"'], ['"day-to-day expense"'], "")
    assert html.count('<th scope="row">') == len(table.rules) and "&lt; 250" in html
    assert f"Hit policy: {table.hit_policy}." in html
    assert "<form" not in html.split("<main", 1)[-1].split("</main>", 1)[0]     # read-only
    assert expert.get("/processes/decisions/").status_code == 403
    assert owner.get("/processes/decisions/nope").status_code == 404
    assert owner.get("/processes/decisions/invoiceClassification?version=9").status_code == 404
