"""The README's API example runs as written against a live server (a real HTTP port, not the test
client), twice: the second run resumes the event feed from the cursor the first one kept."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from engine import Engine, ManualClock
from tests.conftest import START
from webui import create_app

ROOT = Path(__file__).resolve().parents[2]


def example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- api-example -->\n```python\n(.*?)```", readme, re.S)
    assert match, "the README has the API example"
    return match.group(1)


@pytest.fixture
def people(tmp_path: Path) -> Iterator[Engine]:
    """SQLite only: on PostgreSQL the feed holds back events younger than 30 s (engine.runtime.feed),
    and the example reads its own events at once."""
    eng = Engine(f"sqlite:///{tmp_path / 'example.db'}", clock=ManualClock(START))
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    yield eng
    eng.dispose()


@pytest.fixture
def server(people: Engine) -> Iterator[str]:
    people.deploy(ROOT / "processes")
    people.add_user("maija", roles=["expert"], groups=["TE-asiantuntijat"])
    app = create_app({"TESTING": True, "SECRET_KEY": "example"}, engine=people)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join()


def test_the_readme_example_uses_the_api_end_to_end(people: Engine, server: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PALVELUPOLKU_URL", server)
    monkeypatch.setenv("PALVELUPOLKU_TOKEN", people.create_token("maija", "crm"))
    exec(compile(example(), "README.md", "exec"), {"__name__": "example"})  # noqa: S102 - our own README
    first = capsys.readouterr().out.splitlines()
    assert first[0].startswith("started ") and "yhteyshenkilo" in first[1]
    assert "instance.started" in first[2] and "task.completed" in "\n".join(first)
    exec(compile(example(), "README.md", "exec"), {"__name__": "example"})  # noqa: S102
    second = capsys.readouterr().out.splitlines()
    started = [line for line in second if line.startswith("instance.started")]
    assert len(started) == 1, second      # only the second run's own events: the cursor was kept
    assert (tmp_path / "feed-cursor").read_text().isdigit()
