"""OpenID Connect claims made into users (engine.runtime.directory) and the group map (engine.config)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import AuditKind, ConfigurationError, Engine, PermissionDenied, ValidationError
from engine.config import parse_role_map
from engine.models import AuditEvent
from engine.runtime.directory import Identity, identity

MAP = parse_role_map("TE-Experts=expert+group:TE-asiantuntijat, TE-Managers=manager,TE-Experts=group:Kaikki")


def test_role_map_in_both_forms() -> None:
    assert MAP == {"TE-Experts": ("expert", "group:TE-asiantuntijat", "group:Kaikki"), "TE-Managers": ("manager",)}
    assert parse_role_map('{"TE-Experts": ["expert", "group:TE-asiantuntijat", "group:Kaikki"], '
                          '"TE-Managers": "manager"}') == MAP
    assert parse_role_map("") == {}
    for bad in ("TE-Experts", "=expert", "{not json", '{"g": 5}', "TE-Experts=experts"):
        with pytest.raises(ConfigurationError, match="PALVELUPOLKU_OIDC_ROLE_MAP"):
            parse_role_map(bad)


def test_claims_to_identity() -> None:
    who = identity({"sub": "abc", "preferred_username": "Anna.Suora@te.example", "name": "Anna Suora",
                    "email": "anna@te.example", "groups": ["TE-Experts", "Unmapped"]}, "groups", MAP)
    assert who == Identity("abc", "anna.suora", "Anna Suora", "anna@te.example", ("expert",),
                           ("Kaikki", "TE-asiantuntijat"))
    assert identity({"sub": "xyz-1", "roles": "TE-Managers"}, "roles", MAP).roles == ("manager",)   # another claim
    assert identity({"sub": "xyz-1"}, "groups", MAP).username == "xyz-1"
    with pytest.raises(ValidationError, match="no subject"):
        identity({"preferred_username": "anna"}, "groups", MAP)


def test_sign_in_creates_updates_and_refuses(people: Engine) -> None:
    first = Identity("sub-1", "anna", "Anna Suora", "anna@te.example", ("expert", "manager"), ("TE-asiantuntijat",))
    user = people.sign_in_directory(first)
    assert (user.username, user.role_names, user.oidc_subject, user.password_hash) == \
        ("anna", ["expert", "manager"], "sub-1", None)
    user = people.sign_in_directory(Identity("sub-1", "anna.renamed", "Anna S.", "", ("expert",), ()))
    assert (user.username, user.display_name, user.email, user.role_names, user.group_names) == \
        ("anna", "Anna S.", "anna@te.example", ["expert"], [])
    people.sign_in_directory(Identity("sub-1", "anna", "Anna S.", "", ("expert",), ()))      # unchanged: no audit
    with people.reading() as s:
        kinds = s.scalars(select(AuditEvent.kind).where(AuditEvent.actor == "anna").order_by(AuditEvent.id)).all()
    assert kinds == [AuditKind.USER_CREATE, AuditKind.USER_DIRECTORY, AuditKind.USER_ROLES, AuditKind.USER_ROLES]
    people.deactivate_user("anna", "admin")
    with pytest.raises(PermissionDenied, match="deactivated"):
        people.sign_in_directory(first)


def test_an_existing_local_user_is_linked_once(people: Engine) -> None:
    user = people.sign_in_directory(Identity("sub-9", "toinen", "Toinen", "", ("expert",), ("TE-asiantuntijat",)))
    assert user.oidc_subject == "sub-9" and user.password_hash is not None
    with pytest.raises(ValidationError, match="another directory account"):
        people.sign_in_directory(Identity("sub-10", "toinen", "Toinen", "", ("expert",), ()))
    with pytest.raises(ValidationError, match="Unknown role"):
        people.sign_in_directory(Identity("sub-9", "toinen", "Toinen", "", ("wizard",), ()))


def test_set_roles(people: Engine) -> None:
    assert people.set_roles("toinen", ["manager"], ["Palveluesimiehet", " "], "admin")
    assert not people.set_roles("toinen", ["manager"], ["Palveluesimiehet"], "admin")
    assert people.user("toinen").role_names == ["manager"]
    with pytest.raises(ValidationError, match="Unknown role"):
        people.set_roles("toinen", ["boss"], [], "admin")


def test_configuration_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import config

    monkeypatch.delenv("PALVELUPOLKU_OIDC_ISSUER", raising=False)
    monkeypatch.delenv("PALVELUPOLKU_LOCAL_PASSWORDS", raising=False)
    assert config.oidc() is None and config.local_passwords()
    monkeypatch.setenv("PALVELUPOLKU_OIDC_ISSUER", "https://sso.example.fi/realms/te/")
    monkeypatch.delenv("PALVELUPOLKU_OIDC_CLIENT_ID", raising=False)
    with pytest.raises(ConfigurationError, match="PALVELUPOLKU_OIDC_CLIENT_ID"):
        config.oidc()
    monkeypatch.setenv("PALVELUPOLKU_OIDC_CLIENT_ID", "palvelupolku")
    monkeypatch.setenv("PALVELUPOLKU_OIDC_ROLE_MAP", "TE-Managers=manager")
    monkeypatch.setenv("PALVELUPOLKU_LOCAL_PASSWORDS", "off")
    cfg = config.oidc()
    assert cfg is not None and (cfg.issuer, cfg.groups_claim, cfg.role_map) == \
        ("https://sso.example.fi/realms/te", "groups", {"TE-Managers": ("manager",)})
    assert not config.local_passwords()
