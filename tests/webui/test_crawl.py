"""Every page a demo role reaches, in Finnish and in Swedish, is in that language (issue 16): a crawl from
the start page over the links each role sees, plus a 404 and a 403, failing on any text node that is an
English text of the catalog, an English sentence of the engine, or a raw process key. In English, form
labels must not stay Finnish. (The test client, not a browser: the same pages, ten times faster.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from engine.clock import ManualClock, system_clock
from engine.demo.seed import DEMO_USERS, demo_password, seed
from engine.office import reminders
from engine.runtime import audit, migration
from tests.conftest import ROOT
from tests.webui.helpers import login
from webui import create_app

MAX_PAGES = 70          # per role and language
PER_SHAPE = 2           # pages of one shape (/tasks/<id>) per role and language
SKIP = ("/logout", "/static/", "/api/", "/language", "/health", ".csv", ".json", ".bpmn", "/download")
# Words that are the same in English and in Finnish or Swedish, or names: not a finding.
SAME = {"OK", "Eures", "Finpro", "Palvelupolku", "Business Finland", "Team Finland", "API", "CSV", "BPMN", "ID"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "pre", "textarea"):
            self._skip += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre", "textarea") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.texts.append(text)


def _english_msgids(lang: str) -> set[str]:
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


ENGINE_PATTERNS = [p for table in (audit._PATTERNS, migration._PATTERNS)
                   for p in ((v[1] if isinstance(v, tuple) else v) for v in table.values())] + \
                  list(reminders._PATTERNS.values())
ENGINE_WORDS = re.compile(r"\b(does not exist|completed '|claimed '|overdue since|reload the page|reload to see"
                          r"|is not valid|may not see|Too many failed)\b")


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, Engine]]:
    path = tmp_path_factory.mktemp("crawl") / "demo.sqlite"
    clock = ManualClock(system_clock())
    eng = Engine(f"sqlite:///{path}", clock=clock)
    eng.deploy(ROOT / "processes")
    seed(eng)
    clock.set(system_clock())
    app = create_app({"TESTING": True, "SECRET_KEY": "crawl", "WTF_CSRF_ENABLED": False}, engine=eng)
    yield app, eng
    eng.dispose()


def _crawl(client: FlaskClient, start: list[str]) -> Iterator[tuple[str, int, list[str]]]:
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue = list(start)
    while queue and len(seen) < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0]
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or url in seen or any(s in url for s in SKIP):
            continue
        shape = re.sub(r"/[0-9a-f-]{8,}|/\d+", "/<id>", parts.path) + ("?" if parts.query else "")
        if shapes.get(shape, 0) >= PER_SHAPE and url not in start:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        seen.add(url)
        response = client.get(url, follow_redirects=True)
        if "html" not in (response.content_type or ""):
            continue
        parser = _Text()
        parser.feed(response.get_data(as_text=True))
        yield url, response.status_code, parser.texts
        queue.extend(parser.links)


def _findings(texts: list[str], english: set[str], keys: set[str]) -> list[str]:
    bad = []
    for text in texts:
        if text in english:
            bad.append(f"catalog English: {text!r}")
        elif any(p.fullmatch(text) for p in ENGINE_PATTERNS) or ENGINE_WORDS.search(text):
            bad.append(f"engine English: {text!r}")
        elif text in keys:
            bad.append(f"process key: {text!r}")
    return bad


ROLES = [u for u, _n, _r, _g in DEMO_USERS if u != "asiantuntija2"]
REPORT: dict[str, tuple[int, int]] = {}


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches_is_in_its_language(demo_app: tuple[Flask, Engine], username: str,
                                                      lang: str) -> None:
    app, eng = demo_app
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    login(client, username, demo_password(username))
    assert f'<html lang="{lang}">' in client.get("/", follow_redirects=True).get_data(as_text=True)
    keys = {k for k in eng.process_names("fi")}
    english = _english_msgids(lang)
    tasks = [f"/tasks/{t.id}" for t in eng.inbox(username)[:3]]
    start = ["/", *tasks, "/no/such/page", "/manage/instances", "/processes", "/admin/users"]
    pages = nodes = 0
    problems: list[str] = []
    statuses: set[int] = set()
    for url, status, texts in _crawl(client, start):
        pages, nodes = pages + 1, nodes + len(texts)
        statuses.add(status)
        problems += [f"{url}: {b}" for b in _findings(texts, english, keys)]
    REPORT[f"{username}/{lang}"] = (pages, nodes)
    print(f"crawl {username}/{lang}: {pages} pages, {nodes} text nodes")
    assert pages >= 8 and 404 in statuses
    assert not problems, "\n".join(sorted(set(problems))[:60])


def _finnish_labels(eng: Engine) -> set[str]:
    """Form labels and enum names of every process, in Finnish, where the English says otherwise."""
    found = set()
    for key in eng.process_names("fi"):
        for f in eng.model_texts(key).fields.values():
            if f.label.get("en") and f.label.get("fi") != f.label["en"]:
                found.add(" ".join(f.label["fi"].split()))
            found |= {" ".join(n["fi"].split()) for n in f.options.values()
                      if n.get("fi") and n.get("en") and n["fi"] != n["en"] and len(n["fi"]) > 3}
    return found


@pytest.mark.parametrize("username", ["asiantuntija", "esimies"])
def test_english_pages_show_no_finnish_form_labels(demo_app: tuple[Flask, Engine], username: str) -> None:
    app, eng = demo_app
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(client, username, demo_password(username))
    finnish = _finnish_labels(eng)
    assert len(finnish) > 50
    tasks = [f"/tasks/{t.id}" for t in eng.inbox(username)[:3]]
    pages = nodes = 0
    problems = []
    for url, _status, texts in _crawl(client, ["/", *tasks, "/manage/instances"]):
        pages, nodes = pages + 1, nodes + len(texts)
        problems += [f"{url}: Finnish label {t!r}" for t in texts if t in finnish]
    print(f"crawl {username}/en: {pages} pages, {nodes} text nodes")
    assert pages >= 8
    assert not problems, "\n".join(sorted(set(problems))[:60])
