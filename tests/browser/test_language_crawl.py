"""Every page a role reaches is in the reader's language (issue 16), crawled in a real browser: each role
signs in in Finnish and in Swedish, follows the links it is shown (two pages of each address shape) and
opens the page of a task of **every user task of every process** (the managers also each one's instance
page), a 404, a 403 where the role has one, for the process owner the problem list of a refused upload
and, for the expert, a task handed to a colleague while the expert had it open (a conflict). A page fails
on any text node that is an English text of the catalog, an English sentence of the engine, a raw field id
or a process key, or an English instruction of a model. In English, Finnish form labels fail instead.

The demo data reaches about half of the processes' user tasks; the fixture adds the paths of the process
tests (`tests/processes/`: every scenario, an overdue aftercare, a training prolonged once), worked on a
clock well in the past, so every user task has a task to open. The counts of pages and text nodes go to
test-artifacts/language-crawl.txt.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from engine import Engine, ManualClock
from engine.clock import system_clock
from engine.demo.seed import autofill, drive
from engine.errors import ConflictError
from engine.models import Task
from engine.office import reminders
from engine.runtime import audit, migration
from engine.runtime.bpmn.languages import ModelTexts
from tests.browser.conftest import ROOT, DemoServer
from tests.browser.test_languages import TEXT_NODES, forbidden, reader

pytestmark = pytest.mark.browser

PROCESSES = ROOT / "processes"
PER_SHAPE = 2           # pages of one address shape (/tasks/<id>) reached by links, per role and language
MAX_PAGES = 70          # pages reached by links, per role and language
SKIP = ("/logout", "/static/", "/api/", "/language", "/health", ".csv", ".json", ".bpmn", "/download")
# Words that are the same in English and in Finnish or Swedish, or names: not a finding.
SAME = {"OK", "Eures", "Finpro", "Palvelupolku", "Business Finland", "Team Finland", "API", "CSV", "BPMN", "ID"}
ROLES = ["asiantuntija", "ely", "esimies", "omistaja", "admin"]
REPORT = ROOT / "test-artifacts" / "language-crawl.txt"
TEST_CUSTOMER = "0112038-9"

ENGINE_PATTERNS = [p for table in (audit._PATTERNS, migration._PATTERNS)
                   for p in ((v[1] if isinstance(v, tuple) else v) for v in table.values())] + \
                  list(reminders._PATTERNS.values())
ENGINE_WORDS = re.compile(r"\b(does not exist|completed '|claimed '|overdue since|reload the page|reload to see"
                          r"|is not valid|may not see|Too many failed|already claimed)\b")
# The page's text nodes, but the diagram's drawing (the model's own labels) and code: a key in <code> is
# shown as the id it is, beside the name (process owners need both).
TEXTS_IN_BODY = (TEXT_NODES.replace('document.querySelector("main") || document.body', "document.body")
                 .replace('["SCRIPT", "STYLE"].includes(parent.tagName)',
                          '["SCRIPT", "STYLE", "CODE", "PRE", "TEXTAREA"].includes(parent.tagName) '
                          '|| parent.closest("code, pre")'))


# --- the data: every user task of every process has a task --------------------------------------------

def user_tasks() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(PROCESSES.glob("*.bpmn")):
        found |= {(path.stem, e) for e in re.findall(r'<(?:bpmn:)?userTask id="([^"]+)"', path.read_text())}
    return found


def _run_every_path(url: str) -> None:
    """The process tests' scenarios, an overdue aftercare and a prolonged training, on the demo database."""
    start = system_clock() - timedelta(days=900)
    clock = ManualClock(start)
    eng = Engine(url, clock=clock, run_migrations=False)
    try:
        try:
            eng.add_customer(TEST_CUSTOMER, name="Oy Esimerkki Ab")
        except ConflictError:
            pass
        for path in sorted(PROCESSES.glob("*.bpmn")):
            scenarios = importlib.import_module(f"tests.processes.test_{path.stem}").SCENARIOS
            for choices in scenarios.values():
                clock.set(start)
                instance = eng.start(path.stem, customer=TEST_CUSTOMER, responsible="asiantuntija").id
                drive(eng, clock, instance, choices, days_per_task=1, limit=80)
            clock.set(start)                                 # the aftercare left overdue: the managers' task
            instance = eng.start(path.stem, customer=TEST_CUSTOMER, responsible="asiantuntija").id
            drive(eng, clock, instance, next(iter(scenarios.values())), until=lambda t: t.is_aftercare,
                  days_per_task=1, limit=80)
            clock.advance(timedelta(days=15))
            eng.fire_due_timers()
        clock.set(start)                                    # a training prolonged once (Task_jatkoaika)
        instance = eng.start("yhteishankintakoulutus", customer=TEST_CUSTOMER, responsible="asiantuntija").id
        prolonged = {"yritys_sitoutuu": True, "hankinta_hyvaksytty": True, "kouluttaja_valittu": True,
                     "koulutus_tila": "jatketaan"}
        drive(eng, clock, instance, prolonged, until=lambda t: t.element_id == "Task_jatkoaika", days_per_task=1,
              limit=80)
        [task] = [t for t in eng.instance(instance).open_tasks if t.element_id == "Task_jatkoaika"]
        eng.claim(task.id, "ely")
        eng.complete(task.id, "ely", autofill(eng.task(task.id).form, clock().date().isoformat()))
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def every_task(demo_server: DemoServer) -> dict[str, list[str]]:
    """username -> one task id per (process, user task) that user can open: who completed it, or for an
    open task someone in its group (the managers for their own); the managers read the rest."""
    _run_every_path(demo_server.engine.url)
    eng = demo_server.engine
    with eng.reading() as s:
        rows = s.execute(select(Task.process_key, Task.element_id, Task.id, Task.assignee, Task.candidate_group)
                         .order_by(Task.id)).all()
    chosen: dict[tuple[str, str], tuple[str, str]] = {}
    for key, element, task_id, assignee, group in rows:
        who = assignee or {"Palveluesimiehet": "esimies", "ELY-asiantuntijat": "ely"}.get(group, "asiantuntija")
        chosen.setdefault((key, element), (task_id, who if who in ROLES else "esimies"))   # managers read all
    missing = user_tasks() - set(chosen)
    assert not missing, f"no task to open for {sorted(missing)}"
    by_user: dict[str, list[str]] = {}
    for task_id, who in chosen.values():
        by_user.setdefault(who, []).append(task_id)
    return by_user


@pytest.fixture(scope="module")
def every_instance(demo_server: DemoServer, every_task: dict[str, list[str]]) -> list[int]:
    """The instances holding those tasks: an instance page with its history for every process and path."""
    ids = [t for tasks in every_task.values() for t in tasks]
    with demo_server.engine.reading() as s:
        return sorted(set(s.scalars(select(Task.instance_id).where(Task.id.in_(ids)))))


@pytest.fixture(scope="module")
def models(demo_server: DemoServer) -> dict[str, ModelTexts]:
    eng = demo_server.engine
    return {p.process_key: eng.model_texts(p.process_key) for p in eng.processes()}


@pytest.fixture(scope="module")
def report() -> Iterator[dict[str, tuple[int, int]]]:
    counts: dict[str, tuple[int, int]] = {}
    yield counts
    lines = [f"{who}: {pages} pages, {nodes} text nodes" for who, (pages, nodes) in sorted(counts.items())]
    total = (sum(p for p, _ in counts.values()), sum(n for _, n in counts.values()))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + f"\ntotal: {total[0]} pages, {total[1]} text nodes\n", encoding="utf-8")


# --- what a page may not say ----------------------------------------------------------------------------

def english_msgids(lang: str) -> set[str]:
    """The catalog's English texts that the language says otherwise (two words or more)."""
    with (ROOT / "webui" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    found = set()
    for m in catalog:
        msgid = m.id if isinstance(m.id, str) else m.id[0]
        string = m.string if isinstance(m.string, str) else m.string[0]
        if msgid and "%(" not in msgid and string and string != msgid and len(msgid.split()) >= 2:
            found.add(" ".join(msgid.split()))
    return found - SAME


def findings(nodes: list[str], lang: str, models: dict[str, ModelTexts], english: set[str]) -> list[str]:
    exact, within = forbidden(models, lang)
    bad = []
    for text in nodes:
        if text in english:
            bad.append(f"catalog English: {text!r}")
        elif any(p.fullmatch(text) for p in ENGINE_PATTERNS) or ENGINE_WORDS.search(text):
            bad.append(f"engine English: {text!r}")
        elif text in exact or text.rstrip(":") in exact or re.sub(r"\d+$", "", text) in exact:
            bad.append(f"raw id or key: {text!r}")
        elif any(w in text for w in within):
            bad.append(f"English instruction or key: {text!r}")
    return bad


def finnish_labels(models: dict[str, ModelTexts]) -> set[str]:
    """Form labels and enum names of every process, in Finnish, where the English says otherwise."""
    found = set()
    for texts in models.values():
        for f in texts.fields.values():
            if f.label.get("en") and f.label.get("fi") != f.label["en"]:
                found.add(" ".join(f.label["fi"].split()))
            found |= {" ".join(n["fi"].split()) for n in f.options.values()
                      if n.get("fi") and n.get("en") and n["fi"] != n["en"] and len(n["fi"]) > 3}
    return found


def shape(url: str) -> str:
    parts = urlsplit(url)
    return re.sub(r"/[0-9a-f-]{8,}|/\d+", "/<id>", parts.path) + ("?" if parts.query else "")


def crawl(page: Any, server: str, start: list[str], pinned: set[str]) -> Iterator[tuple[str, int, list[str]]]:
    """(address, status, text nodes) of every page reached from `start`, two per shape but the pinned."""
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue = list(start)
    while queue and len(seen) < MAX_PAGES + len(pinned):
        url = urldefrag(queue.pop(0))[0]
        if not url.startswith(server) or url in seen or any(s in url for s in SKIP):
            continue
        if shapes.get(shape(url), 0) >= PER_SHAPE and url not in pinned:
            continue
        shapes[shape(url)] = shapes.get(shape(url), 0) + 1
        seen.add(url)
        response = page.goto(url)
        if response is None or "html" not in (response.headers.get("content-type") or ""):
            continue
        yield url, response.status, page.evaluate(TEXTS_IN_BODY)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        queue.extend(urljoin(page.url, h) for h in hrefs)


# --- the tests ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches_is_in_its_language(chromium: Any, demo_server: DemoServer,
                                                      every_task: dict[str, list[str]], every_instance: list[int],
                                                      models: dict[str, ModelTexts],
                                                      report: dict[str, tuple[int, int]], username: str,
                                                      lang: str, tmp_path: Path) -> None:
    server = demo_server.url
    page = reader(chromium, server, lang, username)
    try:
        assert page.locator("html").get_attribute("lang") == lang
        english = english_msgids(lang)
        tasks = [f"{server}/tasks/{t}" for t in every_task.get(username, [])]
        if username == "esimies":           # the managers read every instance
            tasks += [f"{server}/manage/instances/{i}" for i in every_instance]
        start = [f"{server}/", *tasks, f"{server}/no/such/page", f"{server}/manage/instances",
                 f"{server}/processes/", f"{server}/admin/users"]
        pages = nodes = 0
        problems: list[str] = []
        statuses: dict[str, int] = {}
        for url, status, texts in crawl(page, server, start, set(tasks)):
            pages, nodes = pages + 1, nodes + len(texts)
            statuses[url] = status
            problems += [f"{url}: {b}" for b in findings(texts, lang, models, english)]
        if username == "asiantuntija":
            texts = _a_task_handed_over_meanwhile(page, demo_server)
            pages, nodes = pages + 1, nodes + len(texts)
            problems += [f"conflict: {b}" for b in findings(texts, lang, models, english)]
        if username == "omistaja":
            texts = _an_upload_refused_with_its_problems(page, demo_server, tmp_path)
            pages, nodes = pages + 1, nodes + len(texts)
            problems += [f"upload problems: {b}" for b in findings(texts, lang, models, english)]
        report[f"{username}/{lang}"] = (pages, nodes)
        print(f"language crawl {username}/{lang}: {pages} pages, {nodes} text nodes")
        assert statuses[f"{server}/no/such/page"] == 404
        assert all(statuses.get(t) == 200 for t in tasks), {t: statuses.get(t) for t in tasks}
        assert pages >= 8 + len(tasks)
        assert not problems, "\n".join(sorted(set(problems))[:60])
    finally:
        page.context.close()


def _a_task_handed_over_meanwhile(page: Any, demo: DemoServer) -> list[str]:
    """The expert opens a task of theirs, a manager hands it to a colleague meanwhile, the expert's release
    is refused: the refusal's page, in the reader's language."""
    eng = demo.engine
    with eng.reading() as s:
        task_id = s.scalars(select(Task.id).where(Task.status == "open", Task.assignee == "asiantuntija",
                                                  Task.candidate_group == "TE-asiantuntijat")).first()
    assert task_id is not None, "the demo has no group task claimed by the expert"
    page.goto(f"{demo.url}/tasks/{task_id}")
    eng.assign(task_id, "asiantuntija2", "esimies")
    page.locator("form[action$='/unclaim'] button").first.click()
    page.wait_for_load_state()
    texts: list[str] = page.evaluate(TEXTS_IN_BODY)
    assert page.locator("[role=alert], .flash.error").count(), texts[:20]
    return texts


SKIPS_AFTERCARE = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
  <bpmn:process id="ohittaa" name="Ohittaa jälkihoidon" isExecutable="true">
    <bpmn:startEvent id="alku"/>
    <bpmn:sequenceFlow id="f1" sourceRef="alku" targetRef="tyo"/>
    <bpmn:userTask id="tyo" name="Työ"/>
    <bpmn:sequenceFlow id="f2" sourceRef="tyo" targetRef="loppu"/>
    <bpmn:endEvent id="loppu"/>
  </bpmn:process>
</bpmn:definitions>
"""


def _an_upload_refused_with_its_problems(page: Any, demo: DemoServer, tmp_path: Path) -> list[str]:
    """The process owner uploads a model that skips the aftercare: the refusal lists its problems."""
    path = tmp_path / "ohittaa.bpmn"
    path.write_text(SKIPS_AFTERCARE, encoding="utf-8")
    page.goto(f"{demo.url}/processes/")
    page.locator("details.upload summary").click()
    page.set_input_files("#upload-file", str(path))
    page.locator("form[action$='/upload'] button").first.click()
    page.wait_for_load_state()
    texts: list[str] = page.evaluate(TEXTS_IN_BODY)
    assert page.locator("main li").count() >= 1, texts[:30]
    return texts


@pytest.mark.parametrize("username", ["asiantuntija", "esimies"])
def test_english_pages_show_no_finnish_form_labels(chromium: Any, demo_server: DemoServer,
                                                   every_task: dict[str, list[str]],
                                                   models: dict[str, ModelTexts],
                                                   report: dict[str, tuple[int, int]], username: str) -> None:
    server = demo_server.url
    finnish = finnish_labels(models)
    assert len(finnish) > 50
    page = reader(chromium, server, "en", username)
    try:
        tasks = [f"{server}/tasks/{t}" for t in every_task.get(username, [])]
        pages = nodes = 0
        problems = []
        for url, _status, texts in crawl(page, server, [f"{server}/", *tasks, f"{server}/manage/instances"],
                                         set(tasks)):
            pages, nodes = pages + 1, nodes + len(texts)
            problems += [f"{url}: Finnish label {t!r}" for t in texts if t in finnish]
        report[f"{username}/en"] = (pages, nodes)
        print(f"language crawl {username}/en: {pages} pages, {nodes} text nodes")
        assert pages >= 8 + len(tasks)
        assert not problems, "\n".join(sorted(set(problems))[:60])
    finally:
        page.context.close()
