"""Configuration shared by the web app and the command line: defaults, then the environment.

Read only when called (never at import), by the command line and the web app's factory; engine
operations get what they need passed in."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigurationError
from .models import Role

ENV_PREFIX = "PALVELUPOLKU"
DATABASE_ENV = "PALVELUPOLKU_DATABASE_URL"


def instance_dir() -> Path:
    return Path(os.environ.get("PALVELUPOLKU_INSTANCE_DIR", Path.cwd() / "instance"))


def database_url() -> str:
    """PALVELUPOLKU_DATABASE_URL, or the embedded SQLite file instance/palvelupolku.db."""
    return os.environ.get(DATABASE_ENV) or f"sqlite:///{instance_dir() / 'palvelupolku.db'}"


def secret_key() -> str:
    """PALVELUPOLKU_SECRET_KEY, or a random key kept in instance/secret_key (created once, mode 600)."""
    configured = os.environ.get("PALVELUPOLKU_SECRET_KEY")
    if configured:
        return configured
    path = instance_dir() / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = "palvelupolku@localhost"
    starttls: bool = False
    timeout: float = 10.0


def smtp() -> SmtpConfig | None:
    """The SMTP server for reminder mails from PALVELUPOLKU_SMTP_HOST/PORT/USER/PASSWORD/FROM/STARTTLS;
    None without a host, and then the mails wait in the outbox page."""
    host = os.environ.get("PALVELUPOLKU_SMTP_HOST", "").strip()
    if not host:
        return None
    port = os.environ.get("PALVELUPOLKU_SMTP_PORT", "25").strip()
    return SmtpConfig(host=host, port=int(port) if port.isdigit() else 25,
                      user=os.environ.get("PALVELUPOLKU_SMTP_USER", ""),
                      password=os.environ.get("PALVELUPOLKU_SMTP_PASSWORD", ""),
                      sender=os.environ.get("PALVELUPOLKU_SMTP_FROM", "palvelupolku@localhost"),
                      starttls=os.environ.get("PALVELUPOLKU_SMTP_STARTTLS", "") == "1")


@dataclass(frozen=True)
class OidcConfig:
    """Sign-in through an OpenID Connect provider (authorization code flow with PKCE)."""
    issuer: str
    client_id: str
    client_secret: str
    name: str = "OpenID Connect"         # shown as "Sign in with <name>"
    scopes: str = "openid profile email"
    groups_claim: str = "groups"
    # directory group -> what it gives: role names ("expert") and candidate groups ("group:TE-asiantuntijat")
    role_map: dict[str, tuple[str, ...]] = field(default_factory=dict)


def oidc() -> OidcConfig | None:
    """PALVELUPOLKU_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _NAME, _SCOPES, _GROUPS_CLAIM and _ROLE_MAP;
    None without an issuer (local passwords only)."""
    issuer = os.environ.get("PALVELUPOLKU_OIDC_ISSUER", "").strip().rstrip("/")
    if not issuer:
        return None
    client_id = os.environ.get("PALVELUPOLKU_OIDC_CLIENT_ID", "").strip()
    if not client_id:
        raise ConfigurationError("PALVELUPOLKU_OIDC_ISSUER is set but PALVELUPOLKU_OIDC_CLIENT_ID is not; "
                              "set the client id the identity provider gave this application.")
    return OidcConfig(issuer=issuer, client_id=client_id,
                      client_secret=os.environ.get("PALVELUPOLKU_OIDC_CLIENT_SECRET", ""),
                      name=os.environ.get("PALVELUPOLKU_OIDC_NAME", "").strip() or "OpenID Connect",
                      scopes=os.environ.get("PALVELUPOLKU_OIDC_SCOPES", "").strip() or "openid profile email",
                      groups_claim=os.environ.get("PALVELUPOLKU_OIDC_GROUPS_CLAIM", "").strip() or "groups",
                      role_map=parse_role_map(os.environ.get("PALVELUPOLKU_OIDC_ROLE_MAP", "")))


def parse_role_map(text: str) -> dict[str, tuple[str, ...]]:
    """The group mapping, as JSON ({"te-experts": ["expert", "group:TE-asiantuntijat"]}) or as
    "te-experts=expert+group:TE-asiantuntijat,te-managers=manager" (a group may appear more than once)."""
    text = text.strip()
    mapping: dict[str, list[str]] = {}
    if text.startswith("{"):
        try:
            loaded = json.loads(text)
        except ValueError as exc:
            raise ConfigurationError(f"PALVELUPOLKU_OIDC_ROLE_MAP is not valid JSON: {exc}.") from exc
        for group, given in loaded.items():
            targets = [given] if isinstance(given, str) else given
            if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
                raise ConfigurationError(f"PALVELUPOLKU_OIDC_ROLE_MAP: group '{group}' must map to a role name "
                                      "or a list of role names and 'group:NAME' entries.")
            mapping.setdefault(str(group), []).extend(t.strip() for t in targets if t.strip())
    elif text:
        for pair in (p.strip() for p in text.split(",")):
            group, sep, targets = pair.partition("=")
            if not pair:
                continue
            if not sep or not group.strip() or not targets.strip():
                raise ConfigurationError(f"PALVELUPOLKU_OIDC_ROLE_MAP: '{pair}' is not 'directory-group=role' "
                                      "(or '=role+group:NAME').")
            mapping.setdefault(group.strip(), []).extend(t.strip() for t in targets.split("+") if t.strip())
    roles = {r.value for r in Role}
    named = {t for targets in mapping.values() for t in targets if not t.startswith("group:")}
    unknown = sorted(named - roles)
    if unknown:
        raise ConfigurationError(f"PALVELUPOLKU_OIDC_ROLE_MAP names unknown role(s) {', '.join(unknown)}; roles are "
                                 f"{', '.join(sorted(roles))}, candidate groups are written 'group:NAME'.")
    return {group: tuple(dict.fromkeys(targets)) for group, targets in mapping.items()}


def local_passwords() -> bool:
    """PALVELUPOLKU_LOCAL_PASSWORDS=off switches the password form off (sign-in through the provider only)."""
    return os.environ.get("PALVELUPOLKU_LOCAL_PASSWORDS", "on").strip().lower() not in {"off", "0", "no", "false"}
