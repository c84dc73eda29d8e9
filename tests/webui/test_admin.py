"""The administrator's pages: who may open them, CSRF, roles, deactivation after open work, passwords
and API tokens, each change in the audit trail."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from engine import AuditKind, Engine
from engine.models import AuditEvent
from tests.webui.helpers import csrf, login


@pytest.fixture
def admin(kokeilu: Engine, secure_app: Flask) -> FlaskClient:
    kokeilu.add_user("paakayttaja", roles=["admin"], password="salasana-9-kokeilu", display_name="Pää Käyttäjä")
    client = secure_app.test_client()
    login(client, "paakayttaja", "salasana-9-kokeilu")
    return client


def audited(eng: Engine, kind: AuditKind) -> list[AuditEvent]:
    with eng.reading() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.kind == kind.value)))


def post(client: FlaskClient, path: str, **data: str | list[str]) -> tuple[int, str]:
    response = client.post(path, data={**data, "csrf_token": csrf(client, "/admin/users/asiantuntija")})
    return response.status_code, response.headers.get("Location", "")


def test_only_admins_open_the_pages(kokeilu: Engine, secure_app: Flask) -> None:
    for username, password in (("asiantuntija", "salasana-1-kokeilu"), ("esimies", "salasana-3-kokeilu")):
        client = secure_app.test_client()
        login(client, username, password)
        assert client.get("/admin/users").status_code == 403
        assert client.get("/admin/users/toinen").status_code == 403
        token = csrf(client, "/customers")
        for path in ("/admin/users/toinen/roles", "/admin/users/toinen/deactivate", "/admin/users/toinen/password",
                     "/admin/users/toinen/tokens/1/revoke"):
            assert client.post(path, data={"csrf_token": token, "role": "admin"}).status_code == 403, path
    assert kokeilu.user("toinen").active and kokeilu.user("toinen").role_names == ["expert"]
    assert secure_app.test_client().get("/admin/users").status_code == 302   # not signed in: the sign-in page


def test_changes_need_the_csrf_token(kokeilu: Engine, admin: FlaskClient) -> None:
    assert admin.post("/admin/users/toinen/roles", data={"role": "admin"}).status_code == 400
    assert admin.post("/admin/users/toinen/deactivate").status_code == 400
    assert kokeilu.user("toinen").active and kokeilu.user("toinen").role_names == ["expert"]


def test_list_and_set_roles_and_groups(kokeilu: Engine, admin: FlaskClient) -> None:
    page = admin.get("/admin/users").get_data(as_text=True)
    assert all(name in page for name in ("asiantuntija", "esimies", "paakayttaja", "Pää Käyttäjä"))
    assert 'href="/admin/users"' in admin.get("/inbox").get_data(as_text=True)     # in the navigation
    assert post(admin, "/admin/users/toinen/roles", role=["manager", "expert"],
                groups="Palveluesimiehet, TE-asiantuntijat") == (302, "/admin/users/toinen")
    user = kokeilu.user("toinen")
    assert (user.role_names, user.group_names) == (["expert", "manager"], ["Palveluesimiehet", "TE-asiantuntijat"])
    [event] = audited(kokeilu, AuditKind.USER_ROLES)
    assert event.actor == "paakayttaja"
    assert event.data["before"] == {"roles": ["expert"], "groups": ["TE-asiantuntijat"]}
    post(admin, "/admin/users/toinen/roles", role=["wizard"], groups="")
    assert kokeilu.user("toinen").role_names == ["expert", "manager"]        # an unknown role changes nothing
    assert "Unknown role(s) wizard" in admin.get("/admin/users/toinen").get_data(as_text=True)


def test_deactivation_lists_open_work_first_and_ends_sessions_and_tokens(kokeilu: Engine, admin: FlaskClient,
                                                                        expert: FlaskClient, auth: dict[str, str]
                                                                        ) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task = kokeilu.inbox("asiantuntija")[0]
    kokeilu.claim(task.id, "asiantuntija")
    page = admin.get("/admin/users/asiantuntija").get_data(as_text=True)
    assert f"/manage/instances/{info.id}" in page and task.name in page
    assert post(admin, "/admin/users/asiantuntija/deactivate")[0] == 302
    assert kokeilu.user("asiantuntija").active               # open work: not without confirming
    assert "still has open work" in admin.get("/admin/users/asiantuntija").get_data(as_text=True)
    post(admin, "/admin/users/asiantuntija/deactivate", confirm="yes")
    assert not kokeilu.user("asiantuntija").active
    assert expert.get("/inbox").status_code == 302            # the session ended
    assert expert.application.test_client().get("/api/v1/inbox", headers=auth).status_code == 401
    post(admin, "/admin/users/asiantuntija/reactivate")
    assert kokeilu.user("asiantuntija").active
    changes = audited(kokeilu, AuditKind.USER_DEACTIVATE) + audited(kokeilu, AuditKind.USER_REACTIVATE)
    assert [e.actor for e in changes] == ["paakayttaja", "paakayttaja"]


def test_admin_cannot_deactivate_themselves_or_drop_their_admin_role(kokeilu: Engine, admin: FlaskClient) -> None:
    post(admin, "/admin/users/paakayttaja/deactivate", confirm="yes")
    assert kokeilu.user("paakayttaja").active
    post(admin, "/admin/users/paakayttaja/roles", role=["expert"], groups="")
    assert kokeilu.user("paakayttaja").role_names == ["admin"]
    post(admin, "/admin/users/paakayttaja/roles", role=["admin", "expert"], groups="")
    assert kokeilu.user("paakayttaja").role_names == ["admin", "expert"]


def test_reset_password(kokeilu: Engine, admin: FlaskClient, expert: FlaskClient) -> None:
    post(admin, "/admin/users/asiantuntija/password", password="short")
    assert kokeilu.sign_in("asiantuntija", "salasana-1-kokeilu", "t") is not None   # refused by the policy
    post(admin, "/admin/users/asiantuntija/password", password="uusi-salasana-7-kokeilu")
    assert kokeilu.sign_in("asiantuntija", "salasana-1-kokeilu", "t") is None
    assert kokeilu.sign_in("asiantuntija", "uusi-salasana-7-kokeilu", "t") is not None
    assert expert.get("/inbox").status_code == 302
    assert [e.actor for e in audited(kokeilu, AuditKind.PASSWORD_SET)] == ["paakayttaja"]


def test_tokens_with_expiry_and_revocation(kokeilu: Engine, admin: FlaskClient, secure_app: Flask, token: str,
                                           auth: dict[str, str]) -> None:
    [info] = kokeilu.tokens("asiantuntija")
    page = admin.get("/admin/users/asiantuntija").get_data(as_text=True)
    assert "tests" in page and "valid" in page and f"{info.expires_at.astimezone().day}" in page
    api = secure_app.test_client()
    assert api.get("/api/v1/inbox", headers=auth).status_code == 200
    assert post(admin, f"/admin/users/toinen/tokens/{info.id}/revoke")[0] == 404    # not that user's token
    assert post(admin, f"/admin/users/asiantuntija/tokens/{info.id}/revoke")[0] == 302
    assert api.get("/api/v1/inbox", headers=auth).status_code == 401
    assert "revoked" in admin.get("/admin/users/asiantuntija").get_data(as_text=True)
    assert [e.actor for e in audited(kokeilu, AuditKind.TOKEN_REVOKE)] == ["paakayttaja"]
