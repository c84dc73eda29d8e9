"""WCAG 2.1 A and AA on every page each demo role can reach, in Finnish (and in English and Swedish for one
role each), checked by axe-core (frontend/node_modules/axe-core, a dev dependency of the front-end build)
injected by Playwright.

Each role signs in and follows every same-site link it is shown, breadth first; one page per address pattern
(digits and ids become a placeholder) keeps the crawl to the pages' kinds rather than every row. Pages with
form errors (a task form, starting a service, a new customer, an aftercare call, an administrator's change of
password), pages that need data the demo does not link to (a decision table, a task with earlier steps beside
its form, the joint aftercare call, the scorecard) and the process editor, also with its token simulation on,
are added by hand, since no link leads to them. The number of pages and rules checked is printed and written
to test-artifacts/accessibility.txt.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.conftest import ROOT, DemoServer, skip_or_fail

AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ROLES = {"expert": "asiantuntija", "manager": "esimies", "owner": "omistaja", "admin": "admin"}
SKIP = re.compile(r"(\.csv|\.bpmn|\.json|\.svg|\.png)(\?|$)|/logout|/api/|/static/|/health")
MAX_PAGES = 60   # per role and language: far more than the kinds of page any role has today
REPORT = ROOT / "test-artifacts" / "accessibility.txt"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        skip_or_fail("axe-core is missing (frontend/node_modules/axe-core; run `make frontend`)")
    return AXE.read_text(encoding="utf-8")


def pattern(url: str) -> str:
    """The kind of page an address is: its path with numbers, ids and versions made generic, and the
    names (not values) of its query parameters."""
    parts = urlsplit(url)
    path = re.sub(r"/v?\d[\w-]*", "/#", parts.path)
    path = re.sub(r"/[0-9a-f]{8}-[0-9a-f-]{27,}", "/#", path)
    keys = sorted({p.split("=", 1)[0] for p in parts.query.split("&") if p} - {"page", "sort", "dir"})
    return path + ("?" + "&".join(keys) if keys else "")


def run_axe(page: Any, axe_source: str) -> tuple[list[dict[str, Any]], int]:
    """The violations on the page as it stands, and how many rules were run."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
             const rules = r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length;
             return { rules, violations: r.violations.map(v => ({ id: v.id, help: v.help,
                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: '
                                                      + n.failureSummary.split('\\n').slice(0, 3).join(' ')) })) };
           }""", TAGS)
    return result["violations"], result["rules"]


def crawl(page: Any, server: str, start: str, visit: Callable[[str], None] | None = None) -> list[str]:
    """Every same-site page reachable from `start` by following links, one per address pattern; `visit`
    checks each page as it stands after its load (a page is loaded once)."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        key = pattern(url)
        if key in seen:
            continue
        response = page.goto(url)
        if response is None or response.status >= 400 or not page.url.startswith(server):
            seen[key] = ""
            continue
        seen[key] = page.url
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        if visit is not None:
            visit(page.url)
        for href in hrefs:
            target = urljoin(page.url, href).split("#", 1)[0]
            if target.startswith(server) and not SKIP.search(target) and pattern(target) not in seen:
                queue.append(target)
    return [u for u in seen.values() if u]


@pytest.fixture(scope="module")
def totals() -> dict[str, Any]:
    return {"pages": 0, "rules": 0, "lines": []}


# Every role in Finnish; English and Swedish once each. The pages' structure is the same in every language:
# what a language changes for axe is the lang marks (`valid-lang`) and the fallback texts they mark.
RUNS = [(role, "fi") for role in ROLES] + [("expert", "en"), ("manager", "sv")]


@pytest.mark.parametrize(("role", "language"), RUNS)
def test_every_page_a_role_reaches_passes_wcag_21_aa(chromium: Any, with_decisions: DemoServer, axe_source: str,
                                                     role: str, language: str, totals: dict[str, Any]) -> None:
    server = with_decisions.url
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True,
                                   extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    try:
        failures: list[str] = []
        rules = 0
        page.goto(f"{server}/login")
        checked = _check(page, axe_source, f"{server}/login (signed out)", failures)
        rules = max(rules, checked)
        sign_in_any_language(page, server, ROLES[role])
        def visit(url: str) -> None:
            nonlocal rules
            rules = max(rules, _check(page, axe_source, url, failures))

        urls = crawl(page, server, f"{server}/", visit)
        extra: list[str] = []

        def check_here(name: str) -> None:
            nonlocal rules
            extra.append(name)
            rules = max(rules, _check(page, axe_source, name, failures))

        _special_pages(page, with_decisions, role, check_here)
        count = 1 + len(urls) + len(extra)
        totals["pages"] += count
        totals["rules"] = max(totals["rules"], rules)
        wanted = {"expert": {"start a service, refused", "new customer, refused", "a task form sent back with errors",
                             "a task with earlier steps", "the joint aftercare call",
                             "the joint aftercare call sent back with errors"},
                  "manager": {"the scorecard", "decision tables", "a decision table"},
                  "owner": {"the editor", "the editor, token simulation on", "decision tables", "a decision table"},
                  "admin": {"users", "a user", "a user, new password refused"}}.get(role, set())
        assert wanted <= set(extra), f"{role} never reached {sorted(wanted - set(extra))}"
        line = (f"{role} ({language}): {count} pages, {rules} rules, {len(failures)} violations; "
                f"by hand: {', '.join(extra) or 'none'}")
        totals["lines"].append(line)
        print(line)
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text("\n".join(totals["lines"]) + f"\ntotal: {totals['pages']} pages\n", encoding="utf-8")
        assert failures == [], "\n".join(failures)
    finally:
        context.close()


def _check(page: Any, axe_source: str, name: str, failures: list[str]) -> int:
    violations, rules = run_axe(page, axe_source)
    for v in violations:
        failures.append(f"{name}: {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"]))
    return rules


def sign_in_any_language(page: Any, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#username", username)
    page.fill("#password", f"{username}-demo-pass")
    page.locator("form[action$='/login'] button[type=submit], form[action$='/login'] button").first.click()
    page.wait_for_url(lambda url: not url.endswith("/login"))


def _special_pages(page: Any, demo: DemoServer, role: str, check_here: Any) -> None:
    """Pages no link leads to, each checked where it stands: forms sent back with their errors, the
    inbox's other tabs with a filter, pages that need data (decisions, a task's earlier steps, a joint
    call), the administrator's pages and the editor with and without its token simulation."""
    server, eng, username = demo.url, demo.engine, ROLES[role]
    if role in ("manager", "owner"):
        page.goto(f"{server}/processes/decisions/")
        check_here("decision tables")
        page.locator("main a[href*='/processes/decisions/']").first.click()
        page.wait_for_load_state()
        check_here("a decision table")
    if role == "manager":
        page.goto(f"{server}/crm/scorecard")
        check_here("the scorecard")
    if role == "admin":
        page.goto(f"{server}/admin/users")
        check_here("users")
        page.goto(f"{server}/admin/users/asiantuntija")
        check_here("a user")
        page.fill("#password", "asiantuntija")          # the username: long enough, refused by the policy
        page.locator("form[action$='/password'] button").first.click()
        page.wait_for_load_state()
        assert page.locator("[role=alert], .flash.error, .error").count()
        check_here("a user, new password refused")
    if role in ("expert", "manager"):
        earlier = next((t for t in eng.inbox(username, limit=200)
                        if eng.task_context(t.id, username, "en").earlier), None)
        if earlier is not None:
            page.goto(f"{server}/tasks/{earlier.id}")
            check_here("a task with earlier steps")
        calls = sorted(eng.aftercare_calls(username), key=lambda c: -c.services)   # a joint call if any
        joint = calls[0] if calls else None
        if joint is not None:
            page.goto(f"{server}/crm/calls/{joint.task_ids[0]}")
            check_here("the joint aftercare call")
            page.locator("main form button.primary, main form button[type=submit]").last.click()
            page.wait_for_load_state()
            check_here("the joint aftercare call sent back with errors")
        page.goto(f"{server}/start")
        page.fill("#customer", "not-a-business-id")
        page.locator("form[action$='/start'] button.primary").click()
        page.wait_for_load_state()
        check_here("start a service, refused")
        page.goto(f"{server}/customers/new")
        page.locator("main form button.primary, main form button[type=submit]").first.click()
        page.wait_for_load_state()
        check_here("new customer, refused")
        page.goto(f"{server}/inbox?tab=all&due=overdue")
        check_here("inbox, all tabs, overdue")
        link = page.locator("#inbox table a[href*='/tasks/']").first
        if link.count():
            link.click()
            page.wait_for_load_state()
            check_here("a task (all tab)")
        page.goto(f"{server}/inbox?tab=mine")
        mine = page.locator("#inbox table a[href*='/tasks/']")
        for i in range(mine.count()):
            page.goto(f"{server}/inbox?tab=mine")
            page.locator("#inbox table a[href*='/tasks/']").nth(i).click()
            page.wait_for_load_state()
            form = page.locator("form.task-form")
            if form.count() and form.locator("[aria-required=true], [required]").count():
                form.locator("button.primary").click()
                page.wait_for_load_state()
                check_here("a task form sent back with errors")
                break
    if role == "owner":
        page.goto(f"{server}/processes/")
        edit = page.locator("main a[href$='/edit']").first
        if edit.count():
            edit.click()
            page.wait_for_load_state()
            page.wait_for_selector(".djs-container", timeout=15000)
            check_here("the editor")
            page.locator(".bts-toggle-mode").click()
            page.wait_for_selector(".simulation", timeout=5000)
            check_here("the editor, token simulation on")
        page.goto(f"{server}/processes/new")
        button = page.locator("main form button.primary, main form button[type=submit]").first
        if button.count():
            button.click()
            page.wait_for_load_state()
            check_here("new process, refused")
