"""Signing in through a real OpenID Connect provider (tests/oidc: the certified oidc-provider) in
Chromium: the directory's groups give the roles, a group taken away takes the role away at the next
sign-in, and sign-out ends both the app's session (a replayed cookie gets the sign-in page) and the
provider's (the next sign-in asks for the password again)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

from engine import Engine
from tests.browser.conftest import ROOT, bodies_read_first, screenshot
from tests.oidc import USERS, Provider, free_port


class Site(NamedTuple):
    url: str
    engine: Engine
    provider: Provider


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from werkzeug.serving import make_server

    from webui import create_app

    folder = tmp_path_factory.mktemp("oidc-web")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    provider = Provider(folder, [f"{url}/login/oidc/callback"], [f"{url}/login"])
    eng = Engine(f"sqlite:///{folder / 'web.db'}")
    eng.deploy(ROOT / "processes")
    app = create_app({"SECRET_KEY": "browser-tests", "OIDC": provider.config()}, engine=eng)
    httpd = make_server("127.0.0.1", port, bodies_read_first(app), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(url, eng, provider)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
        eng.dispose()
        provider.stop()


def new_page(chromium: Any, site: Site) -> tuple[Any, Any, list[str]]:
    """An English page that may reach only the app and the provider (the provider's pages ask for a web
    font, refused here), recording script errors and server errors."""
    context = chromium.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    allowed = (site.url + "/", site.provider.issuer + "/")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort())
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None)
    return context, page, problems


def provider_sign_in(page: Any, site: Site, subject: str) -> None:
    page.goto(f"{site.url}/login")
    page.get_by_role("link", name="Sign in with Testi-IdP").click()
    page.wait_for_url(f"{site.provider.issuer}/**")
    page.locator("input[name=login]").fill(subject)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: url.startswith(site.url + "/") and "/login" not in url)


def sign_out(page: Any, site: Site) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{site.provider.issuer}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{site.url}/login**")


def test_directory_groups_give_roles_and_sign_out_ends_both_sessions(chromium: Any, site: Site) -> None:
    context, page, problems = new_page(chromium, site)
    try:
        provider_sign_in(page, site, "s-anna-1")
        assert page.url.startswith(f"{site.url}/inbox")
        nav = page.get_by_role("navigation", name="Main")
        assert nav.get_by_role("link", name="Team").count() == 1            # TE-Managers -> manager
        assert site.engine.user("anna.oidc").role_names == ["expert", "manager"]
        screenshot(page, "oidc-signed-in")

        site.provider.set_users({**USERS, "s-anna-1": {**USERS["s-anna-1"], "groups": ["TE-Experts"]}})
        sign_out(page, site)
        provider_sign_in(page, site, "s-anna-1")        # the provider asks again: its session ended too
        assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").count() == 0
        assert site.engine.user("anna.oidc").role_names == ["expert"]
        assert page.goto(f"{site.url}/manage/team").status == 403

        cookies = context.cookies(site.url)
        page.goto(f"{site.url}/inbox")
        sign_out(page, site)
        replay, replayed, _ = new_page(chromium, site)
        try:
            replay.add_cookies(cookies)
            replayed.goto(f"{site.url}/inbox")
            assert "/login" in replayed.url
            assert replayed.get_by_role("link", name="Sign in with Testi-IdP").count() == 1
        finally:
            replay.close()
        assert problems == [], problems
    finally:
        context.close()
        site.provider.set_users(USERS)


def test_a_directory_admin_deactivates_a_user_on_the_admin_page(chromium: Any, site: Site) -> None:
    directory = {**USERS, "s-pia-3": {"preferred_username": "pia.oidc", "name": "Pia Pääkäyttäjä",
                                      "email": "pia@te.example", "groups": ["TE-Admins"]}}
    site.provider.set_users(directory)
    context, page, problems = new_page(chromium, site)
    try:
        provider_sign_in(page, site, "s-ville-2")          # ville exists once he has signed in
        sign_out(page, site)
        provider_sign_in(page, site, "s-pia-3")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
        page.get_by_role("link", name="ville.oidc").click()
        assert page.get_by_text("No open tasks and no running instances.").count() == 1
        page.get_by_role("button", name="Deactivate").click()
        assert page.get_by_text("ville.oidc is deactivated").count() == 1
        screenshot(page, "admin-user-deactivated", full_page=True)
        assert not site.engine.user("ville.oidc").active
        assert problems == [], problems
    finally:
        context.close()
        site.provider.set_users(USERS)
