"""Configuration shared by the web app and the command line: defaults, then the environment.

Read only when called (never at import), by the command line and the web app's factory; engine
operations get what they need passed in."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

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
