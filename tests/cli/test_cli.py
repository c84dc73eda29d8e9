"""The `palvelupolku` console script, run as a real subprocess on a temporary SQLite database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

SCRIPT = str(Path(sys.executable).with_name("palvelupolku"))


def run(tmp_path: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PALVELUPOLKU_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "PALVELUPOLKU_INSTANCE_DIR": str(tmp_path / "instance")}
    env.pop("PALVELUPOLKU_DEBUG", None)
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=env, cwd=ROOT, input=input,
                          timeout=120)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_every_command_has_help(tmp_path: Path) -> None:
    commands = ["serve", "worker", "tick", "deploy", "validate", "import-customers", "create-user", "demo",
                "create-token", "remind", "migrate", "export"]
    # twelve separate processes at once: each spends its ~1.4 s starting Python and importing the engine
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(commands, pool.map(lambda c: run(tmp_path / c, c, "--help"), commands), strict=True))
    for command, result in results.items():
        assert result.returncode == 0 and "Usage:" in result.stdout, command


def test_validate_exit_codes(tmp_path: Path) -> None:
    assert run(tmp_path, "validate", str(DATA / "kokeilu.bpmn")).returncode == 0
    broken = tmp_path / "broken.bpmn"
    broken.write_text((DATA / "kokeilu.bpmn").read_text().replace(
        '<camunda:property name="aftercare" value="true"/>', ""))
    result = run(tmp_path, "validate", str(broken))
    assert result.returncode == 1 and result.stdout.startswith(f"{broken}:kokeilu: ")
    assert run(tmp_path, "validate", "--no-aftercare", str(broken)).returncode == 0
    missing = run(tmp_path, "validate", str(tmp_path / "missing.bpmn"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert run(tmp_path, "validate").returncode == 2
    png = tmp_path / "kuva.bpmn"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = run(tmp_path, "validate", str(png))
    assert result.returncode == 1 and result.stdout.startswith(f"{png}:-: ")
    no_traceback(result)


def test_deploy_create_user_token_and_tick(tmp_path: Path) -> None:
    first = run(tmp_path, "deploy", str(DATA / "kokeilu.bpmn"))
    assert first.returncode == 0 and "kokeilu: version 1 (new version)" in first.stdout
    assert "(unchanged)" in run(tmp_path, "deploy", str(DATA / "kokeilu.bpmn")).stdout
    made = run(tmp_path, "create-user", "maija", "--role", "expert", "--group", "TE-asiantuntijat",
               "--password", "salasana-123-kokeilu")
    assert made.returncode == 0, made.stderr
    dup = run(tmp_path, "create-user", "maija", "--role", "expert", "--password", "salasana-123-kokeilu")
    assert dup.returncode == 1 and dup.stderr.startswith("Error: User 'maija' already exists.")
    token = run(tmp_path, "create-token", "maija")
    assert token.returncode == 0 and token.stdout.startswith("pp_")
    tick = run(tmp_path, "tick")
    assert tick.returncode == 0 and "Fired 0 due timer(s)." in tick.stdout


def test_bad_database_url_is_a_sentence(tmp_path: Path) -> None:
    env = {**os.environ, "PALVELUPOLKU_DATABASE_URL": "mysql://nope"}
    result = subprocess.run([SCRIPT, "tick"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1 and result.stderr.startswith("Error: ")
    no_traceback(result)


def test_import_customers_reports_bad_rows(tmp_path: Path) -> None:
    csv = tmp_path / "yritykset.csv"
    csv.write_text("business_id,name\n0112038-9,Oy Esimerkki Ab\n1234567-8,Väärä Oy\n,Nimetön\n", encoding="utf-8")
    result = run(tmp_path, "import-customers", str(csv))
    assert result.returncode == 1, result.stderr
    assert "1 added" in result.stdout
    assert f"{csv}:3: " in result.stderr and f"{csv}:4: " in result.stderr
    no_traceback(result)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_health(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PALVELUPOLKU_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
           "PALVELUPOLKU_INSTANCE_DIR": str(tmp_path / "instance")}
    server = subprocess.Popen([SCRIPT, "serve", "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    body = json.load(response)
                    break
            except OSError:
                time.sleep(0.1)
        assert body is not None and body["database"] == "ok"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_demo_seeds_once(tmp_path: Path) -> None:
    first = run(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    assert "asiantuntija" in first.stdout and "password: asiantuntija-demo-pass" in first.stdout
    second = run(tmp_path, "demo")
    assert second.returncode == 0 and "already present" in second.stdout


def test_remind_builds_todays_digests_once(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").returncode == 0
    first = run(tmp_path, "remind")
    assert first.returncode == 0, first.stderr
    assert "new digest mail(s)" in first.stdout and " 0 new digest" not in first.stdout
    again = run(tmp_path, "remind")
    assert again.returncode == 0 and "0 new notification(s), 0 new digest mail(s), 0 sent." in again.stdout
    tick = run(tmp_path, "tick")
    assert tick.returncode == 0 and "0 new digest mail(s)" in tick.stdout
    no_traceback(tick)


def test_migrate_dry_run_then_move_and_export(tmp_path: Path) -> None:
    from engine import Engine

    eng = Engine(f"sqlite:///{tmp_path / 'cli.db'}")
    eng.add_user("asiantuntija", roles=["expert"], groups=["TE-asiantuntijat"])
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(DATA / "kokeilu.bpmn")
    instance = eng.start("kokeilu", customer="0112038-9", responsible="asiantuntija").id
    renamed = (DATA / "kokeilu.bpmn").read_bytes().replace(b"lupaus<", b"lupaus2<").replace(
        b'"lupaus"', b'"lupaus2"')
    assert eng.deploy_edited(renamed, "kokeilu.bpmn", "omistaja", {"source": "editor"})[0].version == 2
    eng.dispose()

    refused = run(tmp_path, "migrate", "kokeilu", "--from", "1", "--to", "2", "--dry-run")
    assert refused.returncode == 1, refused.stderr
    assert f"not moved: Instance {instance} cannot move: It stands at 'Palvelulupaus' (lupaus)" in refused.stdout
    assert "0 can move, 1 left as they were (dry run)" in refused.stderr
    bad = run(tmp_path, "migrate", "kokeilu", "--from", "1", "--to", "2", "--where", "task=x")
    assert bad.returncode == 2 and "--where takes one of customer, element, responsible" in bad.stderr
    moved = run(tmp_path, "migrate", "kokeilu", "--from", "1", "--to", "2", "--where", "element=lupaus",
                "--map", "lupaus=lupaus2", "--actor", "omistaja")
    assert moved.returncode == 0 and f"moved: instance {instance}" in moved.stdout, moved.stderr
    assert run(tmp_path, "check").returncode == 0

    folder = tmp_path / "processes"
    exported = run(tmp_path, "export", "--to", str(folder))
    assert exported.returncode == 0 and f"kokeilu: version 2 -> {folder / 'kokeilu.bpmn'}" in exported.stdout
    assert (folder / "kokeilu.bpmn").read_bytes() == renamed
    again = run(tmp_path, "deploy", str(folder))
    assert "kokeilu: version 2 (unchanged)" in again.stdout and "Notice" not in again.stderr
def test_user_commands_manage_accounts_and_tokens(tmp_path: Path) -> None:
    from engine import Engine

    assert run(tmp_path, "user", "--help").returncode == 0
    for weak in ("12345678", "maija.meikalainen", "q1w2e3r4t5y6"):
        refused = run(tmp_path, "create-user", "maija.meikalainen", "--role", "expert", "--password", weak)
        assert refused.returncode == 1 and refused.stderr.startswith("Error: "), weak
        no_traceback(refused)
    assert run(tmp_path, "create-user", "maija.meikalainen", "--role", "expert", "--group", "TE-asiantuntijat",
               "--password", "kolme-pientä-karhua").returncode == 0
    token = run(tmp_path, "create-token", "maija.meikalainen", "--name", "integraatio", "--days", "5").stdout.strip()
    eng = Engine(f"sqlite:///{tmp_path / 'cli.db'}")
    try:
        assert eng.user_for_token(token) is not None
        eng.deploy(DATA / "kokeilu.bpmn")
        eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
        info = eng.start("kokeilu", customer="0112038-9", responsible="maija.meikalainen")
        listed = run(tmp_path, "user", "list-tokens", "maija.meikalainen")
        token_id = listed.stdout.split("\t")[0]
        assert "integraatio\tvalid\texpires" in listed.stdout
        assert run(tmp_path, "user", "revoke-token", token_id).returncode == 0
        assert eng.user_for_token(token) is None
        assert "revoked" in run(tmp_path, "user", "list-tokens").stdout
        assert run(tmp_path, "user", "reset-password", "maija.meikalainen", "--password", "1234").returncode == 1
        assert run(tmp_path, "user", "reset-password", "maija.meikalainen", "--password",
                   "neljä-pientä-karhua").returncode == 0
        assert run(tmp_path, "user", "sign-out-everywhere", "maija.meikalainen").returncode == 0
        asked = run(tmp_path, "user", "deactivate", "maija.meikalainen", input="n\n")
        assert asked.returncode == 1 and eng.user("maija.meikalainen").active       # asked first, answered no
        assert f"open task {info.open_tasks[0].id}" in asked.stdout
        assert f"responsible for instance {info.id} (kokeilu, running)" in asked.stdout
        done = run(tmp_path, "user", "deactivate", "maija.meikalainen", "--yes", "--actor", "pääkäyttäjä")
        assert done.returncode == 0 and not eng.user("maija.meikalainen").active
        assert run(tmp_path, "user", "reactivate", "maija.meikalainen").returncode == 0
        assert eng.user("maija.meikalainen").active
        with eng.reading() as s:
            from sqlalchemy import select

            from engine.models import AuditEvent
            kinds = list(s.scalars(select(AuditEvent.kind).where(AuditEvent.instance_id.is_(None),
                                                                 AuditEvent.kind != "deploy")))
        assert kinds == ["user_create", "token_create", "token_revoke", "password_set", "sign_out_everywhere",
                         "user_deactivate", "user_reactivate"]
    finally:
        eng.dispose()


def test_user_list_and_set_roles(tmp_path: Path) -> None:
    assert run(tmp_path, "create-user", "maija.meikalainen", "--role", "expert", "--group", "TE-asiantuntijat",
               "--display-name", "Maija Meikäläinen", "--password", "kolme-pientä-karhua").returncode == 0
    listed = run(tmp_path, "user", "list").stdout
    assert "maija.meikalainen\tMaija Meikäläinen\texpert\tTE-asiantuntijat\tpassword\tactive" in listed
    changed = run(tmp_path, "user", "set-roles", "maija.meikalainen", "--role", "manager", "--role", "admin",
                  "--group", "Palveluesimiehet", "--actor", "pääkäyttäjä")
    assert changed.returncode == 0 and "unchanged" not in changed.stdout
    assert "\tadmin,manager\tPalveluesimiehet\t" in run(tmp_path, "user", "list").stdout
    again = run(tmp_path, "user", "set-roles", "maija.meikalainen", "--role", "manager", "--role", "admin",
                "--group", "Palveluesimiehet")
    assert "(unchanged)" in again.stdout
    unknown = run(tmp_path, "user", "set-roles", "nobody", "--role", "expert")
    assert unknown.returncode == 1 and unknown.stderr.startswith("Error: ")
    no_traceback(unknown)
    run(tmp_path, "user", "deactivate", "maija.meikalainen", "--yes")
    assert "\tdeactivated" in run(tmp_path, "user", "list").stdout
