"""Configuration shared by the web app and the command line: defaults, then the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

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


def smtp() -> Any:
    """The SMTP server for reminder mails from PALVELUPOLKU_SMTP_HOST/PORT/USER/PASSWORD/FROM/STARTTLS;
    None without a host, and then the mails wait in the outbox page."""
    from engine.reminders import SmtpConfig

    host = os.environ.get("PALVELUPOLKU_SMTP_HOST", "").strip()
    if not host:
        return None
    port = os.environ.get("PALVELUPOLKU_SMTP_PORT", "25").strip()
    return SmtpConfig(host=host, port=int(port) if port.isdigit() else 25,
                      user=os.environ.get("PALVELUPOLKU_SMTP_USER", ""),
                      password=os.environ.get("PALVELUPOLKU_SMTP_PASSWORD", ""),
                      sender=os.environ.get("PALVELUPOLKU_SMTP_FROM", "palvelupolku@localhost"),
                      starttls=os.environ.get("PALVELUPOLKU_SMTP_STARTTLS", "") == "1")
