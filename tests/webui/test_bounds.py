"""No URL answers 500 (issue 14, finding 7): every route of the app's url_map, with each of its
arguments and every query or form parameter the pages read set to extremes (0, -1, 10**20, text,
dates in year 1 and 9999), as an admin (who passes every role check) and through the API."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import login
from webui import create_app

HUGE = str(10**20)
VALUES = ["0", "-1", HUGE, "x", "0001-01-01", "9999-12-31"]
PARAMS = ["page", "per_page", "from", "to", "version", "old", "new", "base", "year", "portfolio", "limit",
          "offset", "status", "sort", "dir", "tab", "due", "q", "customer", "process", "responsible", "partial",
          "overdue", "error", "interval", "contact_date", "expected_version", "business_id", "to_user", "note",
          "reason", "owner", "name", "target_contacts", "lang", "next"]
SKIP = {("auth.logout", "POST")}      # it would end the walking session, not find a 500
PASSWORD = "salasana-walker-1"  # noqa: S105 - a test user's password


@pytest.fixture
def walker(kokeilu: Engine) -> tuple[Flask, FlaskClient, dict[str, str], dict[str, list[str]]]:
    kokeilu.add_user("paakayttaja", roles=["admin", "expert"], groups=["TE-asiantuntijat"], password=PASSWORD)
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    portfolio = kokeilu.create_portfolio("Avainasiakkaat", "asiantuntija", 6, actor="asiantuntija")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False}, engine=kokeilu)
    client = app.test_client()
    login(client, "paakayttaja", PASSWORD)
    auth = {"Authorization": f"Bearer {kokeilu.create_token('paakayttaja', 'walker')}"}
    existing = {"instance_id": [str(info.id)], "task_id": [info.open_tasks[0].id], "portfolio_id": [str(portfolio)],
                "business_id": ["0112038-9"], "process_key": ["kokeilu"], "notification_id": ["1"],
                "number": ["1"], "version": ["1"]}
    return app, client, auth, existing


def path_variants(rule: object, existing: dict[str, list[str]]) -> Iterator[str]:
    arguments = sorted(rule.arguments)  # type: ignore[attr-defined]
    choices = []
    for name in arguments:
        converter = rule._converters[name]  # type: ignore[attr-defined]
        numeric = type(converter).__name__ in {"IdConverter", "IntegerConverter"}
        extremes = ["999999999999999999"] if numeric else ["-1", HUGE]
        choices.append(existing.get(name, []) + extremes)
    for combo in itertools.product(*choices):
        built = rule.build(dict(zip(arguments, combo, strict=True)), append_unknown=False)  # type: ignore[attr-defined]
        assert built is not None
        yield built[1]


def queries() -> Iterator[dict[str, str]]:
    for value in VALUES:
        yield {p: value for p in PARAMS}
    for value in ("0001-01-01", "9999-12-31"):   # one end of a period alone, the other as the default
        yield {"from": value}
        yield {"to": value}


def test_no_route_answers_500_to_extreme_arguments(walker: tuple[Flask, FlaskClient, dict[str, str],
                                                                 dict[str, list[str]]]) -> None:
    app, client, auth, existing = walker
    failures: list[str] = []
    tried = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            if (rule.endpoint, method) in SKIP:
                continue
            headers = auth if rule.rule.startswith("/api/") else {}
            for path in path_variants(rule, existing):
                for params in queries():
                    if method == "GET":
                        response = client.get(path, query_string=params, headers=headers)
                    else:
                        response = client.post(path, query_string=params, data=params, headers=headers)
                    response.get_data()      # a streamed answer (the CSV export) fails while it streams
                    response.close()
                    tried += 1
                    if response.status_code >= 500:
                        failures.append(f"{method} {path}?{params} -> {response.status_code}")
    assert tried > 300
    assert not failures, f"{len(failures)} of {tried} requests failed:\n" + "\n".join(failures[:40])
