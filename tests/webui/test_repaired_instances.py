"""An instance that `check --repair` stopped in error (its stored state breaks today's data limits, issue 14
finding 5) stays readable on every page that shows it: the instance page and its diagram, the list, the
process version's heatmap, the customer card, the task list and the API. Its state is never loaded."""

from __future__ import annotations

from flask import Flask

from engine import Engine
from tests.engine.test_check import _store_old_data
from tests.engine.test_runtime import start
from tests.webui.helpers import login


def test_a_repaired_instance_is_readable_on_every_page_that_shows_it(kokeilu: Engine, secure_app: Flask,
                                                                     token: str) -> None:
    healthy, broken = start(kokeilu), start(kokeilu)
    _store_old_data(kokeilu, broken, "[" * 800 + "]" * 800)
    assert kokeilu.repair(broken, "esimies")
    assert kokeilu.instance(broken).status == "error"

    manager = secure_app.test_client()
    login(manager, "esimies", "salasana-3-kokeilu")
    version = kokeilu.instance(broken).version
    for url in (f"/manage/instances/{broken}", f"/manage/instances/{broken}/diagram.json",
                "/manage/instances", "/manage/instances?status=error", f"/processes/kokeilu/v{version}",
                "/customers/0112038-9", "/inbox?tab=all", f"/manage/instances/{healthy}"):
        answer = manager.get(url)
        assert answer.status_code == 200, (url, answer.status_code, answer.get_data(as_text=True)[:300])
    page = manager.get(f"/manage/instances/{broken}").get_data(as_text=True)
    assert "check --repair" in page or "repair" in page.lower()

    api = secure_app.test_client()
    answer = api.get(f"/api/v1/instances/{broken}", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.get_json()["status"] == "error"
