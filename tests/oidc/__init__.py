"""A real OpenID Connect provider for the sign-in tests: the certified `oidc-provider` from npm
(tests/oidc/provider.mjs), started on a free loopback port with one client and the users of a JSON
file that the provider rereads at every lookup, so `set_users` changes the directory between sign-ins.

`npm ci` runs here when tests/oidc/node_modules is missing or older than the lock file (`make test`
runs it too). Without Node.js the tests skip, unless PALVELUPOLKU_REQUIRE_BROWSER=1 (CI) makes that
a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
CLIENT_ID = "palvelupolku"
CLIENT_SECRET = "palvelupolku-test-secret"  # noqa: S105 - the test provider's client, on loopback only
REQUIRE = os.environ.get("PALVELUPOLKU_REQUIRE_BROWSER") == "1"

# Directory users: the subject is the key (what the provider's development login form takes).
USERS: dict[str, dict[str, Any]] = {
    "s-anna-1": {"preferred_username": "anna.oidc", "name": "Anna Suora", "email": "anna@te.example",
                 "groups": ["TE-Experts", "TE-Managers"]},
    "s-ville-2": {"preferred_username": "ville.oidc", "name": "Ville Vieras", "email": "ville@te.example",
                  "groups": ["Unmapped"]},
}
ROLE_MAP = "TE-Experts=expert+group:TE-asiantuntijat,TE-Managers=manager,TE-Admins=admin"


def _skip_or_fail(problem: str) -> None:
    if REQUIRE:
        pytest.fail(f"PALVELUPOLKU_REQUIRE_BROWSER=1 but {problem}.")
    pytest.skip(problem)


def ensure_installed() -> None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        _skip_or_fail("Node.js and npm are needed for the OpenID provider of the tests (apt-get install nodejs npm)")
    stamp = HERE / "node_modules" / ".installed"
    if stamp.exists() and stamp.stat().st_mtime >= (HERE / "package-lock.json").stat().st_mtime:
        return
    subprocess.run([str(npm), "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE, check=True,
                   capture_output=True, timeout=300)
    stamp.touch()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Provider:
    """One running provider; `issuer` is its URL."""

    def __init__(self, folder: Path, redirect_uris: list[str], post_logout_uris: list[str]) -> None:
        ensure_installed()
        self.users_file = folder / "oidc-users.json"
        self.set_users(USERS)
        port = free_port()
        self.issuer = f"http://127.0.0.1:{port}"
        env = {**os.environ, "OIDC_PORT": str(port), "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET,
               "OIDC_REDIRECT_URIS": json.dumps(redirect_uris), "OIDC_POST_LOGOUT_URIS": json.dumps(post_logout_uris),
               "OIDC_USERS_FILE": str(self.users_file)}
        self.process = subprocess.Popen(["node", str(HERE / "provider.mjs")], cwd=HERE, env=env,  # noqa: S607
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("ready "):
            self.stop()
            raise RuntimeError(f"The test OpenID provider did not start (it said {line!r}).")

    def set_users(self, users: dict[str, dict[str, Any]]) -> None:
        """The directory as the provider sees it from its next lookup on."""
        self.users_file.write_text(json.dumps(users))

    def config(self, name: str = "Testi-IdP") -> Any:
        from engine.config import OidcConfig, parse_role_map

        return OidcConfig(issuer=self.issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, name=name,
                          scopes="openid profile email groups", role_map=parse_role_map(ROLE_MAP))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
