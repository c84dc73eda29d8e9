"""The migration page through Flask's test client with CSRF on: the offer after a deploy, the dry run
per instance, the mapping in the plain form (no JavaScript), the batch and its report, and roles."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import csrf
from tests.webui.test_processes import SOURCE, manager, owner  # noqa: F401 - fixtures

RENAMED_ID = SOURCE.replace(b'"lupaus"', b'"lupaus_uusi"').replace(b"lupaus<", b"lupaus_uusi<")


def test_owner_sees_the_offer_dry_runs_maps_and_moves_a_batch(owner: FlaskClient, kokeilu: Engine,  # noqa: F811
                                                              manager: FlaskClient) -> None:  # noqa: F811
    first = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija").id
    second = kokeilu.start("kokeilu", customer="0112038-9", responsible="toinen").id
    kokeilu.deploy_edited(RENAMED_ID, "kokeilu.bpmn", "omistaja", {"source": "editor"})

    page = owner.get("/processes/kokeilu/v2").get_data(as_text=True)
    assert "2 running instances are on older versions:" in page
    assert 'href="/processes/kokeilu/migrate?to=2&amp;run=1">check</a>' in page
    assert "2 running instances are on older versions:" in owner.get("/processes/").get_data(as_text=True)

    dry = owner.get("/processes/kokeilu/migrate?from=1&to=2&run=1").get_data(as_text=True)
    assert "Dry run: 0 can move, 2 cannot" in dry
    assert "It stands at &#39;Palvelulupaus&#39; (lupaus), which version 2 does not have" in dry
    assert re.search(r'<tr class="unmapped" data-element="lupaus">', dry)
    assert '<select id="map-lupaus" name="map-lupaus">' in dry and 'value="lupaus_uusi"' in dry
    assert "Move 0" not in dry and "csrf_token" not in dry.split('id="report-heading"')[1]

    mapped = owner.get("/processes/kokeilu/migrate?from=1&to=2&responsible=asiantuntija&map-lupaus=lupaus_uusi"
                       "&run=1").get_data(as_text=True)
    assert "Dry run: 1 can move, 0 cannot" in mapped and f'data-instance="{first}"' in mapped
    assert "Move 1 instance to version 2" in mapped
    form = {"csrf_token": csrf(owner, "/processes/kokeilu/migrate"), "from": "1", "to": "2",
            "responsible": "asiantuntija", "map-lupaus": "lupaus_uusi"}
    assert owner.post("/processes/kokeilu/migrate", data={**form, "csrf_token": ""}).status_code == 400
    done = owner.post("/processes/kokeilu/migrate", data=form).get_data(as_text=True)
    assert "1 instance(s) moved to version 2; 0 left as they were." in done
    assert "Moved 1, left as they were 0" in done
    assert kokeilu.instance(first).version == 2 and kokeilu.instance(second).version == 1
    assert kokeilu.instance(first).open_tasks[0].element_id == "lupaus_uusi"

    history = manager.get(f"/manage/instances/{first}").get_data(as_text=True)
    assert "Moved to another version" in history and "Moved from version 1 to version 2 with mapping" in history
    assert manager.get("/processes/kokeilu/migrate").status_code == 200      # managers too


def test_experts_may_not_migrate(secure_app, kokeilu: Engine) -> None:  # type: ignore[no-untyped-def]
    from tests.webui.helpers import login

    client = secure_app.test_client()
    login(client, "asiantuntija", "salasana-1-kokeilu")
    assert client.get("/processes/kokeilu/migrate").status_code == 403
    assert client.get("/processes/nothing/migrate").status_code in (403, 404)
