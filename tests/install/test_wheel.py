"""The production install (README, "Running in production"), exercised: the wheel `make dist` builds,
installed into a fresh virtual environment outside the checkout (no editable install, no Node.js),
run on PostgreSQL, and upgraded in place from the previous release.

The previous release ("N") is the tree just before the newest Alembic migration was added (so the
upgrade really migrates), given a lower version number; where git history is not at hand (a shallow
clone), a copy of the working tree with a lower version stands in for it. N starts instances; the
wheel of the working tree ("N+1") is installed over it, migrates at start and continues them.

Every language under webui/translations/ is checked on the sign-in page: Finnish always, Swedish
when its catalog is there. The wheel is built once per session.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from babel.messages.pofile import read_po

from ..conftest import ROOT, need_postgres

pytestmark = pytest.mark.install

CATALOGS = sorted(ROOT.glob("webui/translations/*/LC_MESSAGES/messages.po"))
BUNDLES = ("viewer.js", "viewer.css", "modeler.js", "modeler.css")
PREVIOUS_VERSION = "0.0.0.dev1"
KOKEILU = ROOT / "tests" / "engine" / "data" / "kokeilu.bpmn"
PROMISE = {"lupaus_annettu": True, "lupaus_pvm": "2026-03-02", "kanava": "puhelin",
           "yhteyshenkilo": "Maija Meikäläinen", "tyontekijat": 12, "polku": "suora"}
AFTERCARE = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": False, "arvio_tulos": 5}
JS_TYPES = {"application/javascript", "text/javascript"}   # Python's mimetypes gives either, by version


def run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Runs a command; on failure the assertion shows its output."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs)
    command = " ".join(map(str, args))
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def build(source: Path, outdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build", *options, "--outdir", str(outdir), str(source)],
                          capture_output=True, text=True, timeout=600)


# The product is built the way `make dist` builds it, in isolated build environments. Release N and the
# refusal test use this environment's setuptools and Babel (dev extras), which saves two environments.
QUICK = ("--wheel", "--no-isolation")


# --- the wheels ------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build` of the working tree, as `make dist` runs it: the sdist, then the wheel from it."""
    out = tmp_path_factory.mktemp("dist")
    result = build(ROOT, out)
    assert result.returncode == 0, f"python -m build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("palvelupolku-*.whl")
    return found


def previous_release(dest: Path) -> str:
    """Writes the previous release's tree to dest; says which it is."""
    git = shutil.which("git")
    migrations = ":(glob)**/migrations/versions/*.py"
    if git and (ROOT / ".git").exists():
        added = subprocess.run([git, "-C", str(ROOT), "log", "-1", "--diff-filter=A", "--format=%H", "--",
                                migrations], capture_output=True, text=True)
        commit = added.stdout.strip()
        if added.returncode == 0 and commit:
            archive = subprocess.run([git, "-C", str(ROOT), "archive", "--format=tar", f"{commit}^"],
                                     capture_output=True)
            if archive.returncode == 0:
                with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                    tar.extractall(dest, filter="data")
                return f"{commit[:10]}^ (before its migration)"
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "dist", "*.egg-info", "instance",
                                    "test-artifacts", "__pycache__", ".*_cache", ".hypothesis", "conformance")
    shutil.copytree(ROOT, dest, ignore=ignore, dirs_exist_ok=True)
    return "a copy of the working tree (no git history here)"


@dataclass(frozen=True)
class Release:
    wheel: Path
    source: str           # which tree it was built from
    older_schema: bool    # False when a copy of the working tree stands in for it


@pytest.fixture(scope="session")
def previous_release_wheel(tmp_path_factory: pytest.TempPathFactory) -> Release:
    """Release N: the previous schema's tree with a lower version number, built the same way."""
    tree = tmp_path_factory.mktemp("previous") / "src"
    tree.mkdir()
    which = previous_release(tree)
    if (ROOT / "webui/static/dist").is_dir():     # a release is built with its bundles (they are not in git)
        shutil.copytree(ROOT / "webui/static/dist", tree / "webui/static/dist", dirs_exist_ok=True)
    pyproject = tree / "pyproject.toml"
    pyproject.write_text(re.sub(r'(?m)^version = "[^"]+"', f'version = "{PREVIOUS_VERSION}"', pyproject.read_text(),
                                count=1))
    out = tmp_path_factory.mktemp("previous-dist")
    result = build(tree, out, *QUICK)
    assert result.returncode == 0, f"building N from {which} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    (found,) = out.glob("palvelupolku-*.whl")
    return Release(found, which, older_schema="copy" not in which)


def test_wheel_carries_catalogs_bundles_and_processes(dist: Path, wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert CATALOGS, "no catalogs under webui/translations/"
    for po in CATALOGS:
        lang = po.parent.parent.name
        assert f"webui/translations/{lang}/LC_MESSAGES/messages.mo" in names, f"the {lang} catalog is not compiled in"
    for bundle in BUNDLES:
        assert f"webui/static/dist/{bundle}" in names
    name, version = wheel.name.split("-")[:2]
    for folder, pattern in [("processes", "*.bpmn"), ("deploy", "*")]:
        data = f"{name}-{version}.data/data/share/palvelupolku/{folder}/"
        shipped = {n.removeprefix(data) for n in names if n.startswith(data)}
        assert shipped == {p.name for p in ROOT.glob(f"{folder}/{pattern}")} and shipped, folder
    migrations = {p.name for p in ROOT.glob("engine/**/migrations/versions/*.py")}
    assert migrations <= {n.rsplit("/", 1)[-1] for n in names if "/migrations/versions/" in n}
    assert not [n for n in names if n.endswith((".map", ".po", ".pot")) or n.startswith(("tests/", "frontend/"))]
    (sdist,) = dist.glob("palvelupolku-*.tar.gz")
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
    assert {f"webui/static/dist/{b}" for b in BUNDLES} | {str(p.relative_to(ROOT)) for p in CATALOGS} <= members


def test_build_refuses_without_the_bundles(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "dist", "*.egg-info", "instance",
                                    "test-artifacts", "__pycache__", ".*_cache", ".hypothesis", "tests")
    shutil.copytree(ROOT, tree, ignore=ignore)
    assert not (tree / "webui/static/dist").exists()
    result = build(tree, tmp_path / "out", *QUICK)
    assert result.returncode != 0
    assert "The browser bundles are missing from webui/static/dist/" in result.stdout + result.stderr
    assert not list((tmp_path / "out").glob("*.whl"))


# --- the server installed from the wheel -------------------------------------------------------------

class Installed:
    """A virtual environment outside the checkout, and the commands of the palvelupolku installed there."""

    def __init__(self, root: Path, database_url: str) -> None:
        self.venv, self.cwd = root / "venv", root / "run"
        self.cwd.mkdir()
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("PALVELUPOLKU_", "PYTHON", "VIRTUAL_ENV"))}
        self.env.update(PALVELUPOLKU_DATABASE_URL=database_url, PALVELUPOLKU_INSTANCE_DIR=str(root / "instance"),
                        PALVELUPOLKU_SECRET_KEY="a-long-random-secret-for-the-test", PYTHONUNBUFFERED="1")
        run([sys.executable, "-m", "venv", self.venv])

    def pip_install(self, wheel: Path) -> None:
        run([self.venv / "bin/python", "-m", "pip", "install", "--quiet", wheel], env=self.env, cwd=self.cwd)

    def version_and_location(self) -> list[str]:
        code = "import importlib.metadata as m, webui; print(m.version('palvelupolku')); print(webui.__file__)"
        return run([self.venv / "bin/python", "-c", code], env=self.env, cwd=self.cwd).stdout.split()

    def cli(self, *args: str | Path, stdin: str | None = None) -> str:
        return run([self.venv / "bin/palvelupolku", *args], env=self.env, cwd=self.cwd, input=stdin).stdout

    @contextmanager
    def serving(self) -> Iterator[str]:
        """`palvelupolku serve` and a `palvelupolku worker` from this environment; yields the base URL."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        web = self.spawn("serve", "--port", str(port))
        worker = self.spawn("worker", "--interval", "0.5")
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while not self.healthy(base):
                assert web.poll() is None and time.monotonic() < deadline, f"serve did not start:\n{self.stop(web)}"
                time.sleep(0.2)
            yield base
            time.sleep(1.2)     # two sweeps at least
            assert worker.poll() is None, f"the worker ended:\n{self.stop(worker)}"
        finally:
            web_log, worker_log = self.stop(web), self.stop(worker)
        assert "Traceback" not in web_log, web_log
        assert "Worker stopped." in worker_log and "sweep failed" not in worker_log, worker_log

    def spawn(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([str(self.venv / "bin/palvelupolku"), *args], env=self.env, cwd=self.cwd,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)

    @staticmethod
    def healthy(base: str) -> bool:
        try:
            return requests.get(f"{base}/health", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    @staticmethod
    def stop(process: subprocess.Popen[str]) -> str:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)
        assert process.stdout is not None
        with process.stdout:
            return process.stdout.read()


class Api:
    def __init__(self, base: str, token: str) -> None:
        self.base, self.headers = f"{base}/api/v1", {"Authorization": f"Bearer {token}"}

    def post(self, path: str, body: dict[str, object], status: int = 200) -> dict[str, object]:
        response = requests.post(f"{self.base}{path}", json=body, headers=self.headers, timeout=30)
        assert response.status_code == status, response.text
        return dict(response.json())

    def instance(self, instance_id: int) -> dict[str, object]:
        response = requests.get(f"{self.base}/instances/{instance_id}", headers=self.headers, timeout=30)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def complete_open_task(self, instance_id: int, element_id: str, data: dict[str, object]) -> dict[str, object]:
        tasks = self.instance(instance_id)["open_tasks"]
        assert isinstance(tasks, list)
        (task,) = [t for t in tasks if t["element_id"] == element_id]
        return self.post(f"/tasks/{task['id']}/complete", {"data": data})


def schema_head() -> str:
    """The newest Alembic revision of the working tree: the one no other revision names as its down_revision."""
    revisions, downs = set(), set()
    for path in ROOT.glob("engine/**/migrations/versions/*.py"):
        text = path.read_text()
        revisions |= set(re.findall(r'(?m)^revision(?:: str)? = "([^"]+)"', text))
        downs |= set(re.findall(r'(?m)^down_revision(?:: [^=]+)? = "([^"]+)"', text))
    (head,) = revisions - downs
    return head


def schema_version(installed: Installed) -> str:
    code = ("import os, sqlalchemy as sa; e = sa.create_engine(os.environ['PALVELUPOLKU_DATABASE_URL'])\n"
            "with e.connect() as c: print(c.execute(sa.text('SELECT version_num FROM alembic_version')).scalar())")
    return run([installed.venv / "bin/python", "-c", code], env=installed.env, cwd=installed.cwd).stdout.strip()


def sign_in_title(lang: str) -> str:
    """The sign-in heading as the language's catalog has it (English is the source language)."""
    if lang == "en":
        return "Sign in"
    with (ROOT / f"webui/translations/{lang}/LC_MESSAGES/messages.po").open("rb") as f:
        message = read_po(f).get("Sign in")
    assert message is not None and message.string, f"the {lang} catalog does not translate 'Sign in'"
    return str(message.string)


def check_pages(base: str) -> None:
    """The sign-in page in every language, and the viewer and editor bundles as their pages load them."""
    for lang in ["en", *(po.parent.parent.name for po in CATALOGS)]:
        page = requests.get(f"{base}/login", headers={"Accept-Language": lang}, timeout=10)
        assert page.status_code == 200
        assert f"<h1>{html.escape(sign_in_title(lang), quote=False)}</h1>" in page.text, (lang, page.text[:2000])
    session = requests.Session()
    login = session.get(f"{base}/login", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert token, login.text[:1000]
    form = {"username": "omistaja", "password": "salasana-omistaja", "csrf_token": token.group(1)}
    signed_in = session.post(f"{base}/login", data=form, allow_redirects=False, timeout=10,
                             headers={"Referer": f"{base}/login"})
    assert signed_in.status_code == 302, signed_in.text[:1000]
    for page_path, bundle in [("/processes/kokeilu/v1", "viewer"), ("/processes/kokeilu/edit", "modeler")]:
        page = session.get(f"{base}{page_path}", timeout=10)
        assert page.status_code == 200, page.text[:1000]
        for ext, types in [("js", JS_TYPES), ("css", {"text/css"})]:
            url = re.search(rf'"([^"]*/static/dist/{bundle}\.{ext}[^"]*)"', page.text)
            assert url, f"{page_path} does not load dist/{bundle}.{ext}"
            asset = session.get(f"{base}{html.unescape(url.group(1))}", timeout=10)
            assert asset.status_code == 200 and asset.headers["Content-Type"].split(";")[0] in types, \
                (url.group(1), asset.status_code, asset.headers.get("Content-Type"))
            assert len(asset.content) > 10_000


@pytest.fixture(scope="session")
def postgres() -> str:
    """Asked for before the wheels: without PostgreSQL the test skips (fails with PALVELUPOLKU_REQUIRE_POSTGRES=1)
    before spending time on building them."""
    return need_postgres()


@pytest.mark.postgres
def test_install_upgrade_and_run(postgres: str, wheel: Path, previous_release_wheel: Release, pg_schema_url: str,
                                 tmp_path: Path) -> None:
    previous = previous_release_wheel
    print(f"release N: {previous.source}")
    installed = Installed(tmp_path, pg_schema_url)

    # Release N: install, deploy, people and customers, two instances; one task done.
    installed.pip_install(previous.wheel)
    assert installed.version_and_location()[0] == PREVIOUS_VERSION
    installed.cli("deploy", KOKEILU)
    installed.cli("create-user", "maija", "--role", "expert", "--group", "TE-asiantuntijat", "--password", "salasana-1")
    token = installed.cli("create-token", "maija").strip().splitlines()[-1]
    customers = tmp_path / "customers.csv"
    customers.write_text("business_id,name\n0112038-9,Oy Esimerkki Ab\n")
    installed.cli("import-customers", customers)
    with installed.serving() as base:
        api = Api(base, token)
        first, second = (api.post("/instances", {"process_id": "kokeilu", "customer": "0112038-9"}, 201)["id"]
                         for _ in range(2))
        assert isinstance(first, int) and isinstance(second, int)
        done = api.complete_open_task(first, "lupaus", PROMISE)
        assert [t["element_id"] for t in done["open_tasks"]] == ["jalkihoito"]  # type: ignore[union-attr]
    old_schema = schema_version(installed)

    # Release N+1 over it: the same environment, the new wheel; starting migrates.
    installed.pip_install(wheel)
    version, location = installed.version_and_location()
    assert version != PREVIOUS_VERSION and Path(location).is_relative_to(installed.venv), (version, location)
    installed.cli("create-user", "omistaja", "--role", "process_owner", "--password", "salasana-omistaja")
    shipped = installed.venv / "share/palvelupolku/processes"
    assert sorted(p.name for p in shipped.glob("*.bpmn")) == sorted(p.name for p in ROOT.glob("processes/*.bpmn"))
    deployed = installed.cli("deploy", shipped)
    assert "palvelutarvearvio: version 1 (new version)" in deployed
    with installed.serving() as base:
        assert requests.get(f"{base}/health", timeout=10).json()["status"] == "ok"
        check_pages(base)
        api = Api(base, token)
        finished = api.complete_open_task(first, "jalkihoito", AFTERCARE)
        assert finished["status"] == "completed", finished
        promised = api.complete_open_task(second, "lupaus", PROMISE)
        assert [t["element_id"] for t in promised["open_tasks"]] == ["jalkihoito"]  # type: ignore[union-attr]
    new_schema = schema_version(installed)
    assert new_schema == schema_head() and (old_schema != new_schema or not previous.older_schema), old_schema
    assert "0 finding(s)" in subprocess.run([installed.venv / "bin/palvelupolku", "check"], env=installed.env,
                                            cwd=installed.cwd, capture_output=True, text=True).stderr
