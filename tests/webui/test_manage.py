"""The managers' pages through Flask's test client on a real database: the instance list (each filter,
sorting, pages), its CSV export, the instance page with its history and every action end to end,
the team's load, roles, 404s and CSRF."""

from __future__ import annotations

import csv
import html as entities
import io
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine, ManualClock
from tests.conftest import DATA, START
from tests.engine.test_hostile_runtime import CONDITION, SCRIPT, SOURCE, deploy_unchecked
from tests.webui.helpers import csrf, login
from tests.webui.test_api import PROMISE
from tests.webui.test_customers import valid_ids

DONE = {**PROMISE, "lupaus_annettu": True, "yhteyshenkilo": "Maija Meikäläinen", "tyontekijat": 12}
EXAMPLE = "0112038-9"      # Oy Esimerkki Ab, added by the `people` fixture


@pytest.fixture
def manager(secure_app: Flask) -> FlaskClient:
    client = secure_app.test_client()
    login(client, "esimies", "salasana-3-kokeilu")
    return client


def start(eng: Engine, customer: str = EXAMPLE, responsible: str = "asiantuntija", process: str = "kokeilu",
          **data: object) -> int:
    return eng.start(process, customer=customer, responsible=responsible, data=data or None).id


def first_task(eng: Engine, instance_id: int) -> str:
    return eng.instance(instance_id).open_tasks[0].id


def listed(client: FlaskClient, query: str = "") -> list[int]:
    """The instance ids in the list, in the order shown."""
    response = client.get(f"/manage/instances?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [int(n) for n in re.findall(r'<td><a href="/manage/instances/(\d+)">#', response.get_data(as_text=True))]


def text_of(html: str) -> str:
    """What a person reads: tags out, entities resolved, whitespace collapsed."""
    return " ".join(entities.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def flashes(html: str) -> str:
    found = re.search(r'<div class="flashes".*?</div>', html, re.S)
    return text_of(found.group(0)) if found else ""


# --- roles, 404s, CSRF ---------------------------------------------------------------------------------

def test_only_managers_and_admins_get_in(kokeilu: Engine, secure_app: Flask, expert: FlaskClient) -> None:
    instance = start(kokeilu)
    pages = ["/manage/instances", "/manage/instances.csv", f"/manage/instances/{instance}", "/manage/team"]
    anonymous = secure_app.test_client()
    for path in pages[:2] + pages[3:]:
        assert expert.get(path).status_code == 403, path
    for path in pages:
        assert "/login" in anonymous.get(path).headers["Location"], path
    # the responsible expert reads the instance (the API's rule, engine.runtime.access), without the actions
    own = expert.get(pages[2]).get_data(as_text=True)
    assert f"#{instance}" in own and "/cancel" not in own and "/hand-over" not in own and "/reassign" not in own
    outsider = secure_app.test_client()
    login(outsider, "ulkopuolinen", "salasana-4-kokeilu")
    assert outsider.get(pages[2]).status_code == 403
    token = csrf(expert, "/inbox")
    forged = expert.post(f"/manage/instances/{instance}/cancel", data={"csrf_token": token, "reason": "Minä vain."})
    assert forged.status_code == 403 and kokeilu.instance(instance).status == "running"
    assert "/manage/" not in expert.get("/inbox").get_data(as_text=True)       # no menu links either
    kokeilu.add_user("paakayttaja", roles=["admin"], password="salasana-8-kokeilu")
    admin = secure_app.test_client()
    login(admin, "paakayttaja", "salasana-8-kokeilu")
    for path in pages:
        assert admin.get(path).status_code == 200, path


def test_unknown_instance_is_a_404_page(manager: FlaskClient) -> None:
    for path in ["/manage/instances/99999", f"/manage/instances/{2**70}", "/manage/instances/abc"]:
        response = manager.get(path)
        assert response.status_code == 404, path
    assert "Instance 99999 does not exist." in manager.get("/manage/instances/99999").get_data(as_text=True)


def test_actions_without_a_csrf_token_are_refused(kokeilu: Engine, manager: FlaskClient) -> None:
    instance = start(kokeilu)
    base = f"/manage/instances/{instance}"
    task = first_task(kokeilu, instance)
    for path, data in [(f"{base}/cancel", {"reason": "Asiakas perui."}), (f"{base}/retry", {}),
                       (f"{base}/hand-over", {"to_user": "toinen", "note": "Soitettu."}),
                       (f"{base}/tasks/{task}/reassign", {"to_user": "toinen"})]:
        response = manager.post(path, data=data)
        assert response.status_code == 400 and "reload the page" in response.get_data(as_text=True), path
    info = kokeilu.instance(instance)
    assert info.status == "running" and info.responsible == "asiantuntija"
    assert info.open_tasks[0].assignee == "asiantuntija"


# --- the list: filters, sorting, pages ----------------------------------------------------------------

def test_each_filter_narrows_the_list(kokeilu: Engine, manager: FlaskClient, clock: ManualClock) -> None:
    other_id = valid_ids(1)[0]
    kokeilu.add_customer(other_id, name="Konepaja Virtanen Oy")
    kokeilu.deploy_bytes(SOURCE.replace('"kokeilu"', '"toinen_prosessi"').replace("Kokeiluprosessi", "Toinen prosessi")
                         .encode(), "toinen_prosessi.bpmn")
    late = start(kokeilu)                                                   # 2 March, aftercare due 16 March
    kokeilu.complete(first_task(kokeilu, late), "asiantuntija", DONE)
    clock.advance(days=3)
    virtanen = start(kokeilu, customer=other_id, responsible="toinen")    # 5 March
    clock.advance(days=3)
    other = start(kokeilu, process="toinen_prosessi")                      # 8 March
    changed = (DATA / "kokeilu.bpmn").read_text().replace('name="Palvelulupaus"', 'name="Lupaus v2"')
    kokeilu.deploy_bytes(changed.encode(), "kokeilu.bpmn")
    newest = start(kokeilu)                                                 # 8 March, kokeilu v2
    kokeilu.cancel(newest, "esimies", "Asiakas perui.")
    clock.advance(days=10)                                                  # 18 March: the aftercare is late

    everything = listed(manager)
    assert sorted(everything) == sorted([late, virtanen, other, newest])
    assert listed(manager, "process=toinen_prosessi") == [other]
    assert sorted(listed(manager, "process=kokeilu")) == sorted([late, virtanen, newest])
    assert listed(manager, "process=kokeilu&version=2") == [newest]
    assert sorted(listed(manager, "process=kokeilu&version=1")) == sorted([late, virtanen])
    assert listed(manager, "status=cancelled") == [newest]
    assert sorted(listed(manager, "status=running")) == sorted([late, virtanen, other])
    assert listed(manager, "responsible=toinen") == [virtanen]
    assert listed(manager, "customer=virtanen") == [virtanen]
    assert listed(manager, f"customer={other_id}") == [virtanen]
    assert listed(manager, "from=2026-03-05&to=2026-03-05") == [virtanen]
    assert listed(manager, "to=2026-03-04") == [late]
    assert sorted(listed(manager, "from=2026-03-06")) == sorted([other, newest])
    assert listed(manager, "overdue=1") == [late]
    assert listed(manager, "error=1") == []
    assert listed(manager, "customer=virtanen&status=cancelled") == []

    html = manager.get("/manage/instances?responsible=toinen&overdue=1").get_data(as_text=True)
    assert "0 instances" in html and "No instance matches these filters." in html
    assert re.search(r'<option value="toinen" selected>', html) and 'name="overdue" value="1" checked' in html
    for label in ["Process", "Version", "Status", "Responsible expert", "Company name or Business ID", "From", "To",
                  "Aftercare overdue", "In error"]:
        assert f">{label}</label>" in html or f"> {label}</label>" in html, label


def test_a_date_that_cannot_be_read_is_marked_and_filters_nothing(kokeilu: Engine, manager: FlaskClient) -> None:
    instance = start(kokeilu)
    response = manager.get("/manage/instances?from=3/2/2026&version=x")     # US month first: not ours
    html = response.get_data(as_text=True)
    assert "Give the date like 26.11.2026 (day.month.year), between 2000 and 2100." in html
    assert "The version is a whole number like 1." in html
    assert 'aria-invalid="true" aria-describedby="from-err"' in html
    assert listed(manager, "from=3/2/2026") == [instance]
    # day first, as typed in Finland, filters (and ISO, as bookmarks have it, still does)
    assert listed(manager, "from=2.3.2026") == [instance] == listed(manager, "from=2026-03-02")
    assert listed(manager, "from=3.3.2026") == [] == listed(manager, "to=1.3.2026")


def test_in_error_filter_finds_an_instance_whose_model_failed(kokeilu: Engine, manager: FlaskClient) -> None:
    healthy = start(kokeilu)
    deploy_unchecked(kokeilu, SOURCE.replace(CONDITION, "open('/etc/passwd').read()"))
    broken = start(kokeilu)
    failed = kokeilu.complete(first_task(kokeilu, broken), "asiantuntija", {**DONE, "polku": "odotus"})
    assert failed.status == "error"
    assert listed(manager, "error=1") == [broken]
    assert listed(manager, "status=error") == [broken]
    assert listed(manager, "status=running") == [healthy]
    html = manager.get("/manage/instances?error=1").get_data(as_text=True)
    assert "Element 'valinta': The expression" in text_of(html) and 'class="badge status-error"' in html


def test_columns_sort_both_ways_and_say_so(kokeilu: Engine, manager: FlaskClient, clock: ManualClock) -> None:
    b_id, a_id = valid_ids(2)
    kokeilu.add_customer(b_id, name="Bertta Oy")
    kokeilu.add_customer(a_id, name="Aalto Oy")
    first = start(kokeilu, customer=b_id)
    clock.advance(hours=1)
    second = start(kokeilu, customer=a_id)
    clock.advance(hours=1)
    third = start(kokeilu)                                                  # Oy Esimerkki Ab
    assert listed(manager) == [third, second, first]                       # newest first by default
    assert listed(manager, "sort=started&dir=asc") == [first, second, third]
    assert listed(manager, "sort=customer") == [second, first, third]      # names A to Z first
    assert listed(manager, "sort=customer&dir=desc") == [third, first, second]
    assert listed(manager, "sort=id&dir=asc") == [first, second, third]
    assert listed(manager, "sort=nonsense") == [third, second, first]

    html = manager.get("/manage/instances?sort=customer&dir=asc&status=running").get_data(as_text=True)
    header = re.search(r'<th scope="col" aria-sort="ascending"><a href="([^"]+)" class="sort">Customer', html)
    assert header, "the active column says how it is sorted"
    assert html.count("aria-sort=") == 1
    toggle = header.group(1).replace("&amp;", "&")
    assert "dir=desc" in toggle and "status=running" in toggle and "sort=customer" in toggle
    assert listed(manager, toggle.split("?", 1)[1]) == [third, first, second]


def test_the_list_is_paginated_with_counts(kokeilu: Engine, manager: FlaskClient, clock: ManualClock) -> None:
    made = []
    for _ in range(5):
        made.append(start(kokeilu))
        clock.advance(minutes=1)
    newest_first = list(reversed(made))
    html = manager.get("/manage/instances?per_page=2&customer=Esimerkki").get_data(as_text=True)
    assert "5 instances" in html and "showing 1–2" in html and "Page 1 of 3" in html
    assert listed(manager, "per_page=2&customer=Esimerkki") == newest_first[:2]
    assert listed(manager, "per_page=2&customer=Esimerkki&page=2") == newest_first[2:4]
    next_link = re.search(r'<a href="([^"]+)" rel="next">', html)
    assert next_link and "customer=Esimerkki" in next_link.group(1) and "page=2" in next_link.group(1)
    last = manager.get("/manage/instances?per_page=2&customer=Esimerkki&page=3").get_data(as_text=True)
    assert "showing 5–5" in last and 'rel="next"' not in last and 'rel="prev"' in last
    assert listed(manager, "per_page=2&page=99") == []
    assert listed(manager, "per_page=0&page=-1") == newest_first                # nonsense falls back to defaults


# --- CSV export ------------------------------------------------------------------------------------------

def rows_of(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads the Finnish letters"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_export_is_the_filtered_list_excel_can_open_safely(kokeilu: Engine, manager: FlaskClient,
                                                                clock: ManualClock) -> None:
    hostile_id, plus_id = valid_ids(2)
    kokeilu.add_customer(hostile_id, name='=HYPERLINK("http://evil.example","Klikkaa")')
    kokeilu.add_customer(plus_id, name="+358 Äänekoski Oy")
    hostile = start(kokeilu, customer=hostile_id)
    plus = start(kokeilu, customer=plus_id, responsible="toinen")
    clock.advance(days=1)
    start(kokeilu)

    response = manager.get("/manage/instances.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"] and ".csv" in response.headers["Content-Disposition"]
    rows = rows_of(response.data)
    assert rows[0] == ["Instance", "Process id", "Process name", "Version", "Status", "Status code", "Business ID",
                       "Customer", "Responsible expert", "Username of the responsible expert", "Started", "Ended",
                       "Started from instance", "Error"]
    assert len(rows) == 1 + 3
    by_id = {int(r[0]): r for r in rows[1:]}
    assert by_id[hostile][7] == '\'=HYPERLINK("http://evil.example","Klikkaa")'
    assert by_id[plus][7] == "'+358 Äänekoski Oy"
    assert by_id[plus][:7] == [str(plus), "kokeilu", "Kokeiluprosessi", "1", "running", "running", plus_id]
    assert by_id[plus][9:] == ["toinen", "2026-03-02T09:00:00+02:00", "", "", ""]   # Helsinki time, ISO
    assert response.data.split(b"\n")[0].endswith(b";Error\r")       # Excel's own line ends

    only = rows_of(manager.get("/manage/instances.csv?responsible=toinen&page=3").data)
    assert [r[0] for r in only[1:]] == [str(plus)]                      # filtered, all pages
    assert "responsible=toinen" in manager.get("/manage/instances?responsible=toinen").get_data(as_text=True)


# --- the instance page ----------------------------------------------------------------------------------

def test_instance_page_shows_the_state_and_the_history_with_submitted_data(kokeilu: Engine,
                                                                            manager: FlaskClient) -> None:
    instance = start(kokeilu, kuvaus="Rekrytointi keväälle")
    kokeilu.complete(first_task(kokeilu, instance), "asiantuntija", DONE)
    response = manager.get(f"/manage/instances/{instance}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Kokeiluprosessi #{instance}" in html and 'class="badge status-running"' in html
    assert '<a href="/customers/0112038-9">Oy Esimerkki Ab</a>' in html
    assert re.search(r"<dt>Responsible expert</dt><dd>asiantuntija</dd>", html)
    tasks = re.search(r'id="tasks-heading".*?</section>', html, re.S).group(0)
    assert "Jälkihoito" in tasks and "aftercare" in tasks and "<time datetime=\"2026-03-16T07:00:00+00:00\"" in tasks
    assert "Timer 14 päivää" in html      # the timer's name, not its id
    history = text_of(re.search(r'<ol class="history">.*?</ol>', html, re.S).group(0))
    assert "Started · asiantuntija" in history and "kuvaus Rekrytointi keväälle" in history
    assert "Completed · asiantuntija" in history and "asiantuntija completed 'Palvelulupaus'." in history
    # labels, not field ids; values as the form shows them
    assert "<dt>Yhteyshenkilö</dt>\n  <dd>Maija Meikäläinen</dd>" in html and "<dt>yhteyshenkilo</dt>" not in html
    assert "<dt>Palvelulupaus annettu</dt>\n  <dd>Yes</dd>" in html and "<dt>Työntekijöitä</dt>\n  <dd>12</dd>" in html
    assert re.search(r'<details class="instance-data">\s*<summary>Instance data</summary>', html)
    assert 'class="diagram-slot" id="diagram"' in html
    assert "A step failed" not in html and "Retry the failed step" not in html


def test_reassign_a_task_to_another_expert(kokeilu: Engine, manager: FlaskClient) -> None:
    instance = start(kokeilu)
    task = first_task(kokeilu, instance)
    page = f"/manage/instances/{instance}"
    token = csrf(manager, page)
    html = manager.get(page).get_data(as_text=True)
    assert f'action="/manage/instances/{instance}/tasks/{task}/reassign"' in html
    assert f'<label for="to-{task}">Expert</label>' in html
    response = manager.post(f"{page}/tasks/{task}/reassign", data={"csrf_token": token, "to_user": "toinen",
                                                                   "note": "Lomalla."}, follow_redirects=True)
    assert "Task reassigned to toinen." in flashes(response.get_data(as_text=True))
    info = kokeilu.instance(instance)
    assert info.open_tasks[0].assignee == "toinen" and info.responsible == "asiantuntija"
    assert info.history[-1].kind == "assign" and info.history[-1].actor == "esimies"
    assert "Reassigned · esimies" in text_of(response.get_data(as_text=True))
    unknown = manager.post(f"{page}/tasks/{task}/reassign", data={"csrf_token": token, "to_user": "haamu"},
                           follow_redirects=True)
    assert "No active user 'haamu'." in flashes(unknown.get_data(as_text=True))
    assert kokeilu.instance(instance).open_tasks[0].assignee == "toinen"


def test_hand_over_responsibility_needs_a_note(kokeilu: Engine, manager: FlaskClient) -> None:
    instance = start(kokeilu)
    page = f"/manage/instances/{instance}"
    token = csrf(manager, page)
    refused = manager.post(f"{page}/hand-over", data={"csrf_token": token, "to_user": "toinen", "note": "  "},
                           follow_redirects=True)
    assert "Write a note on how the customer was told" in flashes(refused.get_data(as_text=True))
    assert kokeilu.instance(instance).responsible == "asiantuntija"
    done = manager.post(f"{page}/hand-over", data={"csrf_token": token, "to_user": "toinen",
                                                   "note": "Soitettu asiakkaalle 2.3."}, follow_redirects=True)
    assert "Responsibility handed over to toinen." in flashes(done.get_data(as_text=True))
    info = kokeilu.instance(instance)
    assert info.responsible == "toinen" and info.open_tasks[0].assignee == "toinen"
    assert "<dt>note</dt>\n  <dd>Soitettu asiakkaalle 2.3.</dd>" in done.get_data(as_text=True)
    same = manager.post(f"{page}/hand-over", data={"csrf_token": token, "to_user": "toinen", "note": "Uudestaan."},
                        follow_redirects=True)
    assert "toinen is already the responsible expert." in flashes(same.get_data(as_text=True))


def test_a_hand_over_from_a_stale_page_is_refused_with_who_changed_it(kokeilu: Engine, manager: FlaskClient) -> None:
    instance = start(kokeilu)
    page = f"/manage/instances/{instance}"
    html = manager.get(page).get_data(as_text=True)
    shown = re.search(r'name="version" value="(\d+)"', html)
    assert shown, "the hand-over form carries the version the page showed"
    kokeilu.hand_over(instance, "toinen", "esimies", "Soitettu.")      # another manager, meanwhile
    stale = manager.post(f"{page}/hand-over", follow_redirects=True, data={
        "csrf_token": csrf(manager, page), "to_user": "asiantuntija", "note": "Soitettu myös.",
        "version": shown.group(1)})
    assert f"Instance {instance} was changed by esimies since you loaded it" in flashes(stale.get_data(as_text=True))
    assert kokeilu.instance(instance).responsible == "toinen"


def test_cancel_needs_a_reason_and_ends_the_instance(kokeilu: Engine, manager: FlaskClient) -> None:
    instance = start(kokeilu)
    page = f"/manage/instances/{instance}"
    token = csrf(manager, page)
    assert f"Cancel instance #{instance}" in manager.get(page).get_data(as_text=True)
    refused = manager.post(f"{page}/cancel", data={"csrf_token": token, "reason": ""}, follow_redirects=True)
    assert "Give a reason for cancelling the instance." in flashes(refused.get_data(as_text=True))
    assert kokeilu.instance(instance).status == "running"
    done = manager.post(f"{page}/cancel", data={"csrf_token": token, "reason": "Yritys lopetti toimintansa."},
                        follow_redirects=True)
    html = done.get_data(as_text=True)
    assert f"Instance {instance} cancelled." in flashes(html)
    info = kokeilu.instance(instance)
    assert info.status == "cancelled" and info.open_tasks == [] and info.timers == []
    assert "Cancelled · esimies" in text_of(html) and "Yritys lopetti toimintansa." in html
    assert "This instance has ended" in html and "Cancel instance" not in html
    again = manager.post(f"{page}/cancel", data={"csrf_token": token, "reason": "Varmuuden vuoksi."},
                         follow_redirects=True)
    assert "has already ended" in flashes(again.get_data(as_text=True))


def test_retry_when_the_step_fails_again(kokeilu: Engine, manager: FlaskClient) -> None:
    deploy_unchecked(kokeilu, SOURCE.replace(CONDITION, "open('/etc/passwd').read()"))
    instance = start(kokeilu)
    kokeilu.complete(first_task(kokeilu, instance), "asiantuntija", {**DONE, "polku": "odotus"})
    page = f"/manage/instances/{instance}"
    html = manager.get(page).get_data(as_text=True)
    assert 'role="alert"' in html and "A step failed and is waiting for a manager" in html
    assert "uses `open`, which is not available" in html and "(element valinta)" in html
    assert "Retry the failed step" in html
    response = manager.post(f"{page}/retry", data={"csrf_token": csrf(manager, page)}, follow_redirects=True)
    said = flashes(response.get_data(as_text=True))
    assert "The failed step was retried." in said and "The step failed again:" in said
    assert [h.kind for h in kokeilu.instance(instance).history][-2:] == ["retry", "error"]


def test_retry_after_the_cause_is_fixed_runs_on(kokeilu: Engine, manager: FlaskClient) -> None:
    # A loop that ends after 40 rounds, run under a step limit too low for it; a higher limit is the fix.
    looping = (SOURCE.replace(SCRIPT, "kierros = kierros + 1\nviesti = 'ok'")
               .replace(CONDITION, "kierros &lt; 40")
               .replace('targetRef="odota">', 'targetRef="laske">'))
    deploy_unchecked(kokeilu, looping)
    kokeilu.rt.max_steps = 30
    instance = start(kokeilu, kierros=0)
    assert kokeilu.complete(first_task(kokeilu, instance), "asiantuntija", DONE).status == "error"
    page = f"/manage/instances/{instance}"
    token = csrf(manager, page)
    assert listed(manager, "error=1") == [instance]
    kokeilu.rt.max_steps = 10_000
    response = manager.post(f"{page}/retry", data={"csrf_token": token}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The failed step was retried." in flashes(html) and "failed again" not in flashes(html)
    info = kokeilu.instance(instance)
    assert info.status == "running" and info.open_tasks[0].element_id == "jalkihoito" and info.data["kierros"] == 40
    assert "Retry the failed step" not in html and "Retried · esimies" in text_of(html)
    nothing = manager.post(f"{page}/retry", data={"csrf_token": token}, follow_redirects=True)
    assert f"Instance {instance} is not in error; there is nothing to retry." in flashes(nothing.get_data(as_text=True))


# --- the team ---------------------------------------------------------------------------------------------

def team_rows(html: str) -> dict[str, tuple[int, int, int]]:
    """Row name -> (open, overdue, aftercare), for every row with numbers."""
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        head = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        numbers = [int(text_of(n)) for n in re.findall(r'<td class="num">(.*?)</td>', row, re.S)]
        if head and len(numbers) == 3:
            rows[text_of(head.group(1))] = (numbers[0], numbers[1], numbers[2])
    return rows


def test_team_load_per_expert_and_group_adds_up(kokeilu: Engine, manager: FlaskClient, clock: ManualClock) -> None:
    late = start(kokeilu)
    kokeilu.complete(first_task(kokeilu, late), "asiantuntija", DONE)      # aftercare due in 14 days
    start(kokeilu)                                                          # a promise due in 7 days
    start(kokeilu, responsible="toinen")
    clock.advance(days=15)
    kokeilu.fire_due_timers()                                               # late aftercare: escalation to managers
    html = manager.get("/manage/team").get_data(as_text=True)
    rows = team_rows(html)
    assert rows == {"asiantuntija asiantuntija": (2, 2, 1), "toinen toinen": (1, 1, 0),
                    "Palveluesimiehet": (1, 0, 0), "Total": (4, 3, 1)}
    parts = [v for k, v in rows.items() if k != "Total"]
    assert rows["Total"] == tuple(sum(column) for column in zip(*parts, strict=True))
    open_tasks = sum(len(kokeilu.instance(i).open_tasks) for i in listed(manager))
    assert rows["Total"][0] == open_tasks
    assert 'href="/manage/instances?responsible=asiantuntija"' in html
    assert sorted(listed(manager, "responsible=toinen")) == [late + 2]
    assert "<th scope=\"row\">Palveluesimiehet</th>" in html                # a group is not anyone's responsibility
    # The landing page starts with the overdue aftercare, from the aftercare dashboard's outcomes.
    late_part = html.split('id="late-title"', 1)[1].split("Team load", 1)[0]
    assert '<span class="count">1</span>' in late_part
    assert f'href="/manage/instances/{late}"' in late_part and '<span class="overdue">1</span>' in late_part
    assert html.index('id="late-title"') < html.index("Team load")


def test_team_page_without_open_tasks(manager: FlaskClient) -> None:
    html = manager.get("/manage/team").get_data(as_text=True)
    assert "No expert has open tasks." in html and team_rows(html) == {"Total": (0, 0, 0)}
    assert "No aftercare call is overdue." in html


def test_started_dates_are_helsinki_days(kokeilu: Engine, manager: FlaskClient, clock: ManualClock) -> None:
    clock.set(START.replace(hour=22, minute=30))                            # 00:30 on 3 March in Helsinki
    instance = start(kokeilu)
    assert listed(manager, f"from={date(2026, 3, 3).isoformat()}&to=2026-03-03") == [instance]
    assert listed(manager, "to=2026-03-02") == []
