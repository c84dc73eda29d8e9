"""One source of truth for versions: a folder's deploy never silently replaces a browser's version, and
`export` writes the newest versions back as files that deploy to the same content."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from engine import Engine
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

    # A file changed since its last deploy but older than the browser's version is not deployed either ...
    edited = folder / "kokeilu.bpmn"
    edited.write_text(edited.read_text().replace('name="Jälkihoito"', 'name="Jälkihoito tiedostosta"'))
    os.utime(edited, (0, 0))
    assert [(d.version, d.created, bool(d.notice)) for d in people.deploy(folder)] == [(2, False, True)]
    # ... while one edited after it is: the newer work wins, as with any deploy.
    os.utime(edited, None)
    assert [(d.version, d.created, d.notice) for d in people.deploy(folder)] == [(3, True, "")]


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
