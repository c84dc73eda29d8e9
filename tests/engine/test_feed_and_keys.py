"""The event feed and idempotency keys in the engine (issue 21), without the web app."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine import ConflictError, Engine, ManualClock, ValidationError
from tests.conftest import DATA
from tests.engine.test_runtime import GOOD_PROMISE


def test_a_second_request_with_a_running_key_waits_and_a_finished_one_replays(people: Engine,
                                                                              clock: ManualClock) -> None:
    assert people.reserve_idempotency_key("asiantuntija", "k1", "a" * 64) is None
    with pytest.raises(ConflictError, match="still running"):
        people.reserve_idempotency_key("asiantuntija", "k1", "a" * 64)
    assert people.reserve_idempotency_key("toinen", "k1", "a" * 64) is None          # another user's key
    people.finish_idempotency_key("asiantuntija", "k1", 201, {"id": 7})
    replay = people.reserve_idempotency_key("asiantuntija", "k1", "a" * 64)
    assert replay is not None and (replay.status, replay.body) == (201, {"id": 7})
    with pytest.raises(ValidationError, match="another request"):
        people.reserve_idempotency_key("asiantuntija", "k1", "b" * 64)
    people.release_idempotency_key("toinen", "k1")                                    # failed: free again
    assert people.reserve_idempotency_key("toinen", "k1", "b" * 64) is None
    clock.advance(timedelta(hours=24, seconds=1))
    assert people.reserve_idempotency_key("asiantuntija", "k1", "b" * 64) is None     # expired and deleted


def test_the_feed_names_a_migration_and_moves_past_what_a_reader_may_not_see(kokeilu: Engine,
                                                                            clock: ManualClock) -> None:
    info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    renamed = (DATA / "kokeilu.bpmn").read_bytes().replace(b'"lupaus"', b'"lupaus2"').replace(b"lupaus<",
                                                                                            b"lupaus2<")
    kokeilu.deploy_edited(renamed, "kokeilu.bpmn", "omistaja", {"source": "test"})
    kokeilu.migrate_instance(info.id, 2, "esimies", {"lupaus": "lupaus2"})
    clock.advance(timedelta(minutes=1))          # settled (PostgreSQL holds back the youngest events)
    page = kokeilu.events("esimies")
    migrated = [e for e in page.events if e.type == "instance.migrated"]
    assert [(e.instance_id, e.data["from"], e.data["to"], e.actor) for e in migrated] == [(info.id, 1, 2, "esimies")]
    assert not page.more and kokeilu.events("esimies", after=page.cursor).events == []
    outsider = kokeilu.events("ulkopuolinen", limit=1)
    assert outsider.events == [] and outsider.cursor == page.cursor and not outsider.more
    kokeilu.complete(info.open_tasks[0].id, "asiantuntija", GOOD_PROMISE)
    clock.advance(timedelta(minutes=1))
    one = kokeilu.events("asiantuntija", after=page.cursor, limit=1)
    assert [e.type for e in one.events] == ["task.completed"] and one.more
    with pytest.raises(ValidationError, match="not a cursor"):
        kokeilu.events("esimies", after="-1")


def test_where_ids_may_commit_out_of_order_the_feed_stops_at_the_first_young_event(kokeilu: Engine,
                                                                                  clock: ManualClock) -> None:
    kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    young = kokeilu.events("esimies")
    if kokeilu.dialect == "sqlite":
        assert [e.type for e in young.events] == ["instance.started", "task.created"]   # ids commit in order
        return
    assert young.events == [] and young.cursor == "0" and not young.more
    clock.advance(timedelta(seconds=31))
    assert [e.type for e in kokeilu.events("esimies").events] == ["instance.started", "task.created"]
