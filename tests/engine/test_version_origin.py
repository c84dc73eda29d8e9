"""One source of truth for versions: a folder's deploy never silently replaces a browser's version, and
`export` writes the newest versions back as files that deploy to the same content."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from sqlalchemy import select

from engine import Engine
from engine.models import AuditEvent
from engine.runtime import audit
from tests.conftest import DATA


def folder_with_kokeilu(tmp_path: Path) -> Path:
    folder = tmp_path / "processes"
    folder.mkdir()
    shutil.copy(DATA / "kokeilu.bpmn", folder / "kokeilu.bpmn")
    return folder


def browser_edit(eng: Engine) -> int:
    source = (DATA / "kokeilu.bpmn").read_bytes().replace(b'name="Palvelulupaus"', b'name="Lupaus selaimesta"')
    return eng.deploy_edited(source, "kokeilu.bpmn", "omistaja", {"source": "editor"})[0].version


def test_folder_deploy_after_a_browser_deploy_keeps_the_browser_version(people: Engine, tmp_path: Path) -> None:
    folder = folder_with_kokeilu(tmp_path)
    assert [(d.version, d.created) for d in people.deploy(folder)] == [(1, True)]
    assert browser_edit(people) == 2

    again = people.deploy(folder)                            # what `make run` does next
    assert [(d.version, d.created) for d in again] == [(2, False)]
    assert "version 2, deployed in the browser by omistaja on 2.3.2026" in again[0].notice
    assert f"palvelupolku export kokeilu --to {folder}" in again[0].notice
    info, _source = people.process_version("kokeilu")
    assert info.version == 2
    assert people.start("kokeilu", customer="0112038-9", responsible="asiantuntija").open_tasks[0].name == \
        "Lupaus selaimesta"

    # A file changed since its last deploy, but not from the browser's version, is not deployed either:
    # both changed; however new the file looks (its modification time says nothing after a checkout).
    edited = folder / "kokeilu.bpmn"
    edited.write_text(edited.read_text().replace('name="Jälkihoito"', 'name="Jälkihoito tiedostosta"'))
    os.utime(edited, (4_000_000_000, 4_000_000_000))
    (kept,) = people.deploy(folder)
    assert (kept.version, kept.created) == (2, False) and "was changed too, but not from that version" in kept.notice
    # ... while one exported from the browser's version and edited since is newer work, and wins.
    people.export(folder, "kokeilu", actor="omistaja")
    with people.reading() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.kind == "export")).one()
    assert (event.actor, event.data["version"], event.data["file"]) == ("omistaja", 2, "kokeilu.bpmn")
    assert audit.describe("export", event.message) == (
        "audit.export", {"process": "kokeilu", "version": "2", "path": str(folder / "kokeilu.bpmn")})
    edited.write_text(edited.read_text().replace('name="Jälkihoito"', 'name="Jälkihoito tiedostosta"'))
    os.utime(edited, (0, 0))
    assert [(d.version, d.created, d.notice) for d in people.deploy(folder)] == [(3, True, "")]
    assert people.start("kokeilu", customer="0112038-9", responsible="asiantuntija").open_tasks[0].name == \
        "Lupaus selaimesta"                                   # the browser's change came along


def test_a_checkout_of_older_content_never_replaces_the_browser_version(people: Engine, tmp_path: Path) -> None:
    """`git checkout` of an older commit writes old content with a fresh modification time."""
    folder = folder_with_kokeilu(tmp_path)
    people.deploy(folder)
    first = (folder / "kokeilu.bpmn").read_bytes()
    (folder / "kokeilu.bpmn").write_bytes(first.replace(b'name="Laske"', b'name="Laske 2"'))
    assert [(d.version, d.created) for d in people.deploy(folder)] == [(2, True)]
    assert browser_edit(people) == 3
    (folder / "kokeilu.bpmn").write_bytes(first)             # the checkout: version 1's bytes, modified now
    os.utime(folder / "kokeilu.bpmn", (4_000_000_000, 4_000_000_000))
    (kept,) = people.deploy(folder)
    assert (kept.version, kept.created) == (3, False), kept
    assert "version 3, deployed in the browser by omistaja" in kept.notice and "stays the newest" in kept.notice
    assert people.process_version("kokeilu")[0].version == 3


def test_export_writes_files_that_deploy_to_the_same_content(people: Engine, tmp_path: Path) -> None:
    folder = folder_with_kokeilu(tmp_path)
    people.deploy(folder)
    browser_edit(people)
    exported = people.export(folder, "kokeilu")
    assert [(e.process_key, e.version, e.path, e.written) for e in exported] == [
        ("kokeilu", 2, folder / "kokeilu.bpmn", True)]
    info, source = people.process_version("kokeilu")
    assert hashlib.sha256((folder / "kokeilu.bpmn").read_bytes()).hexdigest() == info.content_hash
    assert [(d.version, d.created, d.notice) for d in people.deploy(folder)] == [(2, False, "")]
    assert people.export(folder)[0].written is False       # already the same bytes
    assert sorted(p.name for p in folder.iterdir()) == ["kokeilu.bpmn"]
