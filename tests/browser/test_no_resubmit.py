"""Forms sent back with errors, with JavaScript off (issue 19): the browser ends on a GET of the form's
page showing what was typed and the error, so Reload repeats a GET, never the POST, and shows a fresh
form (the kept values are shown once)."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import sign_in


def test_a_refused_form_without_javascript_reloads_as_a_get(chromium: Any, server: str) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900},
                                   locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    try:
        sign_in(page, server, "asiantuntija")
        page.goto(f"{server}/start")
        page.fill("#customer", "0000000-0")
        methods: list[str] = []
        page.on("request", lambda r: methods.append(f"{r.method} {r.url.removeprefix(server)}")
                if r.resource_type == "document" else None)
        page.locator("form[action$='/start'] button.primary").click()
        page.wait_for_load_state()
        assert methods == ["POST /start", "GET /start"]            # posted, then redirected to a GET
        assert page.url == f"{server}/start"
        assert page.input_value("#customer") == "0000000-0"
        assert page.locator(".flash.error, [role=alert]").first.is_visible()
        methods.clear()
        page.reload()
        assert methods == ["GET /start"]                            # Reload does not send the form again
        assert page.input_value("#customer") != "0000000-0"        # shown once
        page.go_back()
        assert all(m.startswith("GET") for m in methods)
    finally:
        context.close()
