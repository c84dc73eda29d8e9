"""Finnish, Swedish and English pages: the switch in the header, the user's choice, the browser's
Accept-Language, <html lang> and the Finland-Swedish formats."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from webui.i18n import browser_language, day

from .helpers import csrf, login

EXAMPLE = "1234567-1"


def choose(client: FlaskClient, lang: str, page: str) -> str:
    client.post("/language", data={"lang": lang, "csrf_token": csrf(client, page), "next": page})
    return client.get(page).get_data(as_text=True)


def test_a_user_choosing_swedish_gets_swedish_pages(secure_app: Flask, kokeilu: Engine) -> None:
    client = secure_app.test_client()                                   # the browser asks for English
    sign_in = choose(client, "sv", "/login")
    assert '<html lang="sv">' in sign_in
    assert "<h1>Logga in</h1>" in sign_in and "Användarnamn" in sign_in and "Lösenord" in sign_in
    login(client, "asiantuntija", "salasana-1")
    inbox = client.get("/inbox").get_data(as_text=True)
    assert '<html lang="sv">' in inbox and "<title>Min inkorg · Palvelupolku</title>" in inbox
    assert "Logga ut" in inbox and "Påbörja en tjänst" in inbox and "Företagets namn eller FO-nummer" in inbox
    assert "Sign out" not in inbox and "Kirjaudu ulos" not in inbox

    choose(client, "sv", "/inbox")                                      # signed in: kept per user
    assert kokeilu.user("asiantuntija").language == "sv"
    again = secure_app.test_client()
    login(again, "asiantuntija", "salasana-1")
    assert "Logga ut" in again.get("/inbox").get_data(as_text=True)     # a new session, still Swedish


@pytest.mark.parametrize(("header", "lang"), [
    ("sv-FI", "sv"), ("sv", "sv"), ("sv-SE", "sv"), ("sv-FI,fi;q=0.5", "sv"), ("fi-FI,sv-FI;q=0.8", "fi"),
    ("en-US,fi;q=0.5", "en"), ("de-DE,sv;q=0.3", "sv"), ("de-DE", "fi"),
])
def test_accept_language_picks_the_first_offered_language(expert: FlaskClient, header: str, lang: str) -> None:
    del expert.environ_base["HTTP_ACCEPT_LANGUAGE"]
    html = expert.get("/inbox", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert {"fi": "Kirjaudu ulos", "sv": "Logga ut", "en": "Sign out"}[lang] in html


def test_browser_language_reads_tags_in_the_browsers_order() -> None:
    assert browser_language([("sv-FI", 1.0), ("fi", 0.5)]) == "sv"
    assert browser_language([("sv_FI", 1.0)]) == "sv"
    assert browser_language([("sv", 0.0), ("en", 0.5)]) == "en"
    assert browser_language([("*", 1.0)]) is None


@pytest.mark.parametrize("current", ["fi", "sv", "en"])
def test_the_header_offers_all_three_languages_each_in_its_own(secure_app: Flask, current: str) -> None:
    client = secure_app.test_client()
    html = choose(client, current, "/login")
    switch = re.search(r'<form[^>]*class="inline languages"[^>]*>(.*?)</form>', html, re.S)
    assert switch, "the header has the language switch"
    names = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
    for code, name in names.items():
        if code == current:
            assert f'<span lang="{code}" aria-current="true">{name}</span>' in switch.group(1)
        else:
            assert f'<button name="lang" value="{code}" lang="{code}" class="link">{name}</button>' in switch.group(1)
    assert 'aria-label="{}"'.format({"fi": "Kieli", "sv": "Språk", "en": "Language"}[current]) in html


def test_swedish_pages_write_dates_the_finland_swedish_way(secure_app: Flask) -> None:
    with secure_app.test_request_context("/", headers={"Accept-Language": "sv-FI"}):
        assert day(date(2026, 12, 4)) == "4.12.2026"
        assert day(date(2026, 12, 4), "long") == "4 december 2026"
    with secure_app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert day(date(2026, 12, 4), "long") == "4. joulukuuta 2026"


def test_swedish_company_pages_show_the_vocabularies_in_swedish(kokeilu: Engine, expert: FlaskClient) -> None:
    kokeilu.add_customer(EXAMPLE, name="Ab Exempel Oy", municipality="Tampere", ministry_segment="paikallinen",
                         service_need_segment="kasvava", size_class="mikro")
    html = choose(expert, "sv", f"/customers/{EXAMPLE}")
    assert "FO-nummer" in html and "Lokala företag" in html and "Utökar verksamheten" in html
    assert "Mikroföretag (1–9 personer)" in html
    assert "Local companies" not in html and "Paikallisesti toimivat yritykset" not in html
