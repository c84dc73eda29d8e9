"""Only a portfolio's owner or a manager changes it (issue 14, finding 6): through the pages, with the
forms another expert could forge, and in the engine."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine, PermissionDenied
from tests.webui.helpers import csrf, login

COMPANY = "0112038-9"


def member_ids(eng: Engine, portfolio_id: int) -> list[str]:
    return [m.business_id for m in eng.portfolio(portfolio_id).members]


def signed_in(app: Flask, username: str, password: str) -> tuple[FlaskClient, str]:
    client = app.test_client()
    login(client, username, password)
    return client, csrf(client, "/crm/portfolios")


def test_another_expert_cannot_change_or_create_someone_elses_portfolio(kokeilu: Engine, secure_app: Flask) -> None:
    owned = kokeilu.create_portfolio("Asiantuntijan salkku", "asiantuntija", 6, actor="asiantuntija")
    other, token = signed_in(secure_app, "toinen", "salasana-2-kokeilu")
    other.post(f"/crm/portfolios/{owned}/members", data={"business_id": COMPANY, "csrf_token": token})
    assert member_ids(kokeilu, owned) == []
    kokeilu.add_to_portfolio(owned, COMPANY, "asiantuntija")
    answer = other.post(f"/crm/portfolios/{owned}/members/{COMPANY}/remove", data={"csrf_token": token},
                        follow_redirects=True)
    assert "only its owner asiantuntija or a manager may" in answer.get_data(as_text=True)
    assert member_ids(kokeilu, owned) == [COMPANY]
    other.post("/crm/portfolios", data={"name": "Väärennetty", "owner": "asiantuntija", "interval": "6",
                                        "csrf_token": token})
    assert "Väärennetty" not in [p.name for p in kokeilu.portfolios()]
    with pytest.raises(PermissionDenied):
        kokeilu.add_to_portfolio(owned, COMPANY, "ulkopuolinen")


def test_the_owner_and_a_manager_may(kokeilu: Engine, secure_app: Flask) -> None:
    owner, token = signed_in(secure_app, "asiantuntija", "salasana-1-kokeilu")
    owner.post("/crm/portfolios", data={"name": "Oma salkku", "owner": "asiantuntija", "interval": "6",
                                        "csrf_token": token})
    owned = next(p.id for p in kokeilu.portfolios() if p.name == "Oma salkku")
    owner.post(f"/crm/portfolios/{owned}/members", data={"business_id": COMPANY, "csrf_token": token})
    assert member_ids(kokeilu, owned) == [COMPANY]
    manager, manager_token = signed_in(secure_app, "esimies", "salasana-3-kokeilu")
    manager.post(f"/crm/portfolios/{owned}/members/{COMPANY}/remove", data={"csrf_token": manager_token})
    assert member_ids(kokeilu, owned) == []
    manager.post("/crm/portfolios", data={"name": "Toisen salkku", "owner": "toinen", "interval": "3",
                                          "csrf_token": manager_token})
    assert [p.owner for p in kokeilu.portfolios() if p.name == "Toisen salkku"] == ["toinen"]
