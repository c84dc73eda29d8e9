"""Every word in the reader's language (issue 16), in a real browser against the demo server: a task
page and an instance page (with its history and the diagram's element panel) read in Finnish, Swedish
and English (the diagram drawing itself keeps the model's Finnish labels). A Finnish or Swedish page
fails on a raw field id, a process key where its name belongs, or an English instruction; an English
page fails on a Finnish form label. Screenshots: test-artifacts/screenshots/i18n-{task,instance}-{fi,sv,en}.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from engine.demo.seed import demo_password
from engine.runtime.bpmn.languages import ModelTexts
from engine.runtime.queries import InstanceFilter
from tests.browser.conftest import DemoServer, shot

pytestmark = pytest.mark.browser

LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
TEXT_NODES = """() => {
  const walker = document.createTreeWalker(document.querySelector("main") || document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    // the drawing's own labels (SVG) are the model's diagram, drawn in the model's Finnish
    if (parent && (["SCRIPT", "STYLE"].includes(parent.tagName) || parent.closest("svg"))) continue;
    const text = walker.currentNode.textContent.replace(/\\s+/g, " ").trim();
    if (text) found.push(text);
  }
  return found;
}"""
CHECKED = {"pages": 0, "text_nodes": 0}


@pytest.fixture(scope="module")
def models(demo_server: DemoServer) -> dict[str, ModelTexts]:
    eng = demo_server.engine
    return {p.process_key: eng.model_texts(p.process_key) for p in eng.processes()}


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(f"\ni18n crawl: {CHECKED['pages']} pages, {CHECKED['text_nodes']} text nodes checked")


def reader(chromium: Any, server: str, lang: str, username: str) -> Any:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALES[lang],
                                   extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    page.goto(f"{server}/login")
    page.fill("#username", username)
    page.fill("#password", demo_password(username))
    page.locator("form button.primary").click()
    page.wait_for_url(lambda url: not url.endswith("/login"))
    return page


def text_nodes(page: Any) -> list[str]:
    nodes: list[str] = page.evaluate(TEXT_NODES)
    CHECKED["pages"] += 1
    CHECKED["text_nodes"] += len(nodes)
    return nodes


def forbidden(models: dict[str, ModelTexts], lang: str) -> tuple[set[str], list[str]]:
    """(texts no node may equal or start with, texts no node may contain) on a page in `lang`."""
    exact: set[str] = set()
    within: list[str] = []
    for key, texts in models.items():
        exact.update((key, f"{key} #"))                           # "palvelutarvearvio #2" in a breadcrumb
        within.append(f"› {key} #")
        for (_element, field_id), f in texts.fields.items():
            if lang == "en":
                if f.label.get("fi") != f.label_in("en"):
                    exact.add(f.label["fi"])                       # a Finnish label on an English page
            else:
                exact.add(field_id)                                # a raw field id
        if lang != "en":
            within.extend(d["en"][:60] for d in texts.docs.values() if d.get("en") and d["en"] != d.get("fi"))
    return exact, within


def check(nodes: list[str], models: dict[str, ModelTexts], lang: str, where: str) -> None:
    exact, within = forbidden(models, lang)
    bad = [n for n in nodes if n in exact or n.rstrip(":") in exact or re.sub(r"\d+$", "", n) in exact
           or any(w in n for w in within)]
    assert bad == [], f"{where} ({lang}): {bad[:10]}"


def an_instance_with_history(demo_server: DemoServer) -> int:
    eng = demo_server.engine
    for row in eng.export_instances(InstanceFilter()):
        if any(h.kind == "complete" and h.data for h in eng.instance(row.id).history):
            return row.id
    raise AssertionError("the demo data has an instance with a completed task")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_task_page_speaks_the_readers_language(chromium: Any, demo_server: DemoServer,
                                                   models: dict[str, ModelTexts], lang: str) -> None:
    task = demo_server.engine.inbox("asiantuntija")[0]
    page = reader(chromium, demo_server.url, lang, "asiantuntija")
    page.goto(f"{demo_server.url}/tasks/{task.id}")
    nodes = text_nodes(page)
    check(nodes, models, lang, f"task {task.element_id}")
    texts = models[task.process_key]
    assert texts.name(task.element_id, lang) in nodes                           # the heading
    assert page.locator("input[type=date]").count() == 0                      # no browser mm/dd/yyyy
    instructions = texts.documentation(task.element_id, lang)
    if instructions:
        assert page.locator(".doc p").inner_text().startswith(instructions[:40])
    shot(page, f"i18n-task-{lang}")
    page.context.close()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_instance_page_shows_labels_not_keys(chromium: Any, demo_server: DemoServer,
                                                 models: dict[str, ModelTexts], lang: str) -> None:
    instance = an_instance_with_history(demo_server)
    page = reader(chromium, demo_server.url, lang, "esimies")
    page.goto(f"{demo_server.url}/manage/instances/{instance}")
    page.wait_for_selector("#element-states li button")
    reached = page.locator("#element-states li button")
    for i in range(reached.count()):                       # the element panel, for each element reached
        reached.nth(i).click()
        check(page.locator("#element-history").evaluate("e => [e.innerText]")[0].split("\n"), models, lang,
              f"diagram panel of instance {instance}")
    nodes = text_nodes(page)
    check(nodes, models, lang, f"instance {instance}")
    history = page.locator("section[aria-labelledby=history-heading] ol.history").inner_text()
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", history)                  # dates as the reader writes them
    if lang == "fi":
        assert "Kyllä" in history
    shot(page, f"i18n-instance-{lang}")
    page.context.close()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_aftercare_dashboard_speaks_the_readers_language(chromium: Any, demo_server: DemoServer,
                                                             models: dict[str, ModelTexts], lang: str) -> None:
    page = reader(chromium, demo_server.url, lang, "esimies")
    page.goto(f"{demo_server.url}/crm/aftercare")
    nodes = text_nodes(page)
    check(nodes, models, lang, "aftercare dashboard")
    assert page.locator("html").get_attribute("lang") == lang
    iso = [n for n in nodes if re.search(r"\b\d{4}-\d{2}-\d{2}\b", n)]
    assert iso == [], iso[:5]                                               # dates as d.m.yyyy
    shot(page, f"i18n-aftercare-{lang}")
    page.context.close()
