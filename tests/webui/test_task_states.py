"""The task page says which state a task is in and offers only what that state allows; the inbox opens
on the tab with the user's work and counts under the filter it shows (issue 19)."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from engine import Engine
from tests.webui.helpers import login
from tests.webui.test_api import PROMISE


def _client(app: Flask, username: str, password: str) -> FlaskClient:
    client = app.test_client()
    login(client, username, password)
    return client


def test_claimed_by_me_then_by_someone_else_then_completed(kokeilu: Engine, secure_app: Flask,
                                                           expert: FlaskClient, clock) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    task_id = info.open_tasks[0].id
    mine = expert.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert "Claimed by you" in mine and ">Complete</button>" not in mine.replace("\n", "")
    assert re.search(r"</svg>\s*Complete</button>", mine)
    assert " disabled" not in mine.split('class="task-form')[1].split("</form>")[0]

    manager = _client(secure_app, "esimies", "salasana-3-kokeilu")
    other = manager.get(f"/tasks/{task_id}").get_data(as_text=True)
    form = other.split('class="task-form')[1].split("</form>")[0]
    assert "Claimed by asiantuntija" in other and "since " in other and "read-only" in other
    assert "Complete</button>" not in form and "<select" in form and not re.search(r"<select(?![^>]*disabled)", form)
    assert "Hand over to another expert" in other       # a manager may hand any task over

    kokeilu.complete(task_id, "asiantuntija", {**PROMISE, "lupaus_annettu": True, "lupaus_pvm": "2026-03-02"})
    clock.advance(days=400)                             # far past any due date: a done task is never late
    done = expert.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert "Completed" in done and "by asiantuntija on" in done and "Data as submitted" in done
    submitted = done.split("Data as submitted")[1].split("</section>")[0]
    assert "02/03/2026" in submitted and "Yes" in submitted and "overdue" not in done
    assert '<form method="post" action="/tasks/' not in done
    assert f'href="/manage/instances/{info.id}"' in done and 'href="/customers/0112038-9"' in done


def test_unclaimed_task_is_claimed_first_its_form_read_only(kokeilu: Engine, secure_app: Flask, clock) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    kokeilu.complete(info.open_tasks[0].id, "asiantuntija", {**PROMISE, "lupaus_annettu": True})
    clock.advance(days=15)
    kokeilu.fire_due_timers()
    escalation = next(t for t in kokeilu.instance(info.id).open_tasks if t.element_id == "eskalointi")
    manager = _client(secure_app, "esimies", "salasana-3-kokeilu")
    html = manager.get(f"/tasks/{escalation.id}").get_data(as_text=True)
    assert "Not claimed yet" in html and "Claim this task" in html and "Claim the task to fill in the form" in html
    form = html.split('class="task-form')[1].split("</form>")[0]
    assert "Complete</button>" not in form
    fields = re.findall(r"<(?:input|select|textarea)(?![^>]*type=\"hidden\")[^>]*>", form)
    assert fields and all("disabled" in tag for tag in fields)

    inbox = manager.get("/inbox").get_data(as_text=True)   # nothing of the manager's own: their groups' tab
    assert re.search(r'tab=group[^"]*" aria-current="page"', inbox) and escalation.name in inbox
    assert 'tab=mine' in inbox and re.search(r'tab=mine[^"]*" aria-current', inbox) is None


def test_inbox_counts_follow_the_filter(kokeilu: Engine, expert: FlaskClient) -> None:
    kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    everything = expert.get("/inbox").get_data(as_text=True)
    assert re.search(r"Mine\s*<span class=\"count\">1</span>", everything)
    filtered = expert.get("/inbox?q=nobody").get_data(as_text=True)
    assert re.search(r"Mine\s*<span class=\"count\">0</span>", filtered) and "No tasks here" in filtered
    by_name = expert.get("/inbox?q=Esimerkki").get_data(as_text=True)
    assert re.search(r"Mine\s*<span class=\"count\">1</span>", by_name)
