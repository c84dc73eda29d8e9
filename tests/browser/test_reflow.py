"""Reflow at 320 CSS px (WCAG 1.4.10, also 1280 px at 400 % zoom): on every page the expert, the manager the
process owner and the administrator reach (the crawl of test_accessibility, its pages reached by hand
included: forms with errors, decisions, the joint call, the editor), nothing makes the page scroll sideways; a
wide table scrolls inside its own focusable, named region instead. E-mail addresses wrap before '@' or a dot,
never mid-word."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DemoServer, shot
from tests.browser.test_accessibility import ROLES, _special_pages, crawl, sign_in_any_language

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];   // the page does not scroll sideways
  // it does: name what sticks out (outside the scroll regions first)
  const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1);
  const outside = wide.filter((e) => !e.closest('.table-scroll, .djs-container'));
  return (outside.length ? outside : wide).slice(0, 4).map((e) => e.tagName.toLowerCase()
    + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
    + ' right=' + Math.round(e.getBoundingClientRect().right));
}"""


@pytest.mark.parametrize("role", ["expert", "manager", "owner", "admin"])
def test_no_page_scrolls_sideways_at_320_px(chromium: Any, with_decisions: DemoServer, role: str) -> None:
    server = with_decisions.url
    context = chromium.new_context(viewport={"width": 320, "height": 720}, extra_http_headers={"Accept-Language": "fi"})
    page = context.new_page()
    try:
        sign_in_any_language(page, server, ROLES[role])
        urls = crawl(page, server, f"{server}/")
        assert len(urls) >= (4 if role == "admin" else 8)
        problems = []

        def check_here(name: str) -> None:
            wide = page.evaluate(OVERFLOW)
            if wide:
                problems.append(f"{name}: {wide}")
            for region in page.locator(".table-scroll").all():
                assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")

        for url in urls:
            page.goto(url)
            page.wait_for_load_state()
            check_here(url)
        _special_pages(page, with_decisions, role, check_here)
        assert problems == [], "\n".join(problems)
        if role == "expert":
            page.goto(f"{server}/inbox")
            shot(page, "reflow-320-inbox")
    finally:
        context.close()


def test_e_mail_addresses_wrap_at_their_parts(chromium: Any, server: str) -> None:
    context = chromium.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()
    try:
        sign_in_any_language(page, server, "asiantuntija")
        page.goto(f"{server}/customers")
        page.locator("main table a[href*='/customers/']:not([href*='/customers/H-'])").first.click()   # a company
        page.wait_for_load_state()
        links = page.locator("a[href^='mailto:']")
        assert links.count() >= 1
        for i in range(links.count()):
            html = links.nth(i).inner_html()
            assert "<wbr>@" in html, html
            # no break inside a word (only at the <wbr>s), and the address stays inside the page
            style = links.nth(i).evaluate("(a) => { const s = getComputedStyle(a); return [s.overflowWrap, s.wordBreak,"
                                          " a.getBoundingClientRect().right]; }")
            assert style[0] == "normal" and style[1] == "normal" and style[2] <= 320, style
    finally:
        context.close()
