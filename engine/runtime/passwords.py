"""Password hashing with the standard library's scrypt (no web framework in the engine), and the
password policy: at least 12 characters, not the username or part of it, not on the shipped list of
common passwords (data/common-passwords.txt).

The stored form is `scrypt:N:r:p$salt$hexdigest`, the same format werkzeug writes, so hashes made
by either verify with the other.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache
from pathlib import Path

N, R, P = 2**15, 8, 1
SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _scrypt(password: str, salt: str, n: int, r: int, p: int) -> str:
    return hashlib.scrypt(password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=132 * n * r * p).hex()


def hash_password(password: str) -> str:
    salt = "".join(secrets.choice(SALT_CHARS) for _ in range(16))
    return f"scrypt:{N}:{R}:{P}${salt}${_scrypt(password, salt, N, R, P)}"


def check_password(stored: str, password: str) -> bool:
    """True when `password` matches `stored`; False for any malformed or foreign hash."""
    try:
        method, salt, digest = stored.split("$", 2)
        name, n, r, p = method.split(":")
        if name != "scrypt":
            return False
        return hmac.compare_digest(_scrypt(password, salt, int(n), int(r), int(p)), digest)
    except ValueError:
        return False


# --- the password policy -----------------------------------------------------------------------------

MIN_LENGTH = 12
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list (see its header for provenance), read once on first use."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def policy_problem(username: str, password: str) -> str | None:
    """Why `password` may not be used by `username`, as a sentence; None when it may.

    Length first (the cheapest rule an attacker's guess list obeys least), then the username, which
    is public, then the list of passwords attackers try first."""
    found = policy_rule(username, password)
    return found[0] if found else None


def policy_rule(username: str, password: str) -> tuple[str, str, dict[str, int]] | None:
    """The broken rule as (English sentence, code, params), so a reader sees it in their own language."""
    if len(password) < MIN_LENGTH:
        return (f"The password must be at least {MIN_LENGTH} characters long.", "password.too_short",
                {"min": MIN_LENGTH})
    lowered, name = password.lower(), username.strip().lower()
    if name and lowered in name:
        return "The password may not be the username or a part of it.", "password.username", {}
    if lowered in common_passwords():
        return ("That password is on the list of common passwords attackers try first; choose another.",
                "password.common", {})
    return None
