"""Saved filters (issue 19): a user names the filter of the inbox or the instance list, picks it again,
replaces it by saving the name again and deletes it; nobody else sees or deletes it. Real database."""

from __future__ import annotations

import pytest

from engine import Engine, NotFound, ValidationError
from engine.runtime.filters import MAX_PER_PAGE


def test_a_saved_filter_is_the_page_query_without_the_page_number(people: Engine) -> None:
    saved = people.save_filter("asiantuntija", "inbox", "  Myöhässä   Nokia ", "?tab=all&due=overdue&page=3&q=Nokia")
    assert saved.name == "Myöhässä Nokia"            # spaces tidied
    assert saved.query == "due=overdue&q=Nokia&tab=all"
    people.save_filter("asiantuntija", "inbox", "Aakkosissa ensin", "tab=group")
    people.save_filter("asiantuntija", "instances", "Virheessä", "in_error=1")
    assert [f.name for f in people.saved_filters("asiantuntija", "inbox")] == ["Aakkosissa ensin", "Myöhässä Nokia"]
    assert [f.query for f in people.saved_filters("asiantuntija", "instances")] == ["in_error=1"]


def test_saving_a_name_again_replaces_its_filter(people: Engine) -> None:
    first = people.save_filter("asiantuntija", "inbox", "Omat", "tab=mine")
    again = people.save_filter("asiantuntija", "inbox", "Omat", "tab=mine&due=week")
    assert again.id == first.id and again.query == "due=week&tab=mine"
    assert len(people.saved_filters("asiantuntija", "inbox")) == 1


def test_another_user_neither_sees_nor_deletes_my_filter(people: Engine) -> None:
    mine = people.save_filter("asiantuntija", "inbox", "Omat", "tab=mine")
    assert people.saved_filters("toinen", "inbox") == []
    with pytest.raises(NotFound, match="no saved filter"):
        people.delete_filter("toinen", mine.id)
    assert [f.id for f in people.saved_filters("asiantuntija", "inbox")] == [mine.id]
    theirs = people.save_filter("toinen", "inbox", "Omat", "tab=group")   # the same name is theirs to use
    assert theirs.id != mine.id
    people.delete_filter("asiantuntija", mine.id)
    assert people.saved_filters("asiantuntija", "inbox") == []
    assert [f.id for f in people.saved_filters("toinen", "inbox")] == [theirs.id]
    with pytest.raises(NotFound):
        people.delete_filter("asiantuntija", mine.id)      # already gone


@pytest.mark.parametrize(("page", "name", "query", "message"), [
    ("inbox", "   ", "tab=all", "Give the filter a name"),
    ("inbox", "x" * 81, "tab=all", "at most 80 characters"),
    ("customers", "Nimi", "tab=all", "not 'customers'"),
    ("inbox", "Pitkä", "q=" + "a" * 1000, "too long to save"),
])
def test_a_filter_without_a_name_or_too_long_is_refused(people: Engine, page: str, name: str, query: str,
                                                        message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        people.save_filter("asiantuntija", page, name, query)
    assert people.saved_filters("asiantuntija", "inbox") == []


def test_a_user_has_at_most_so_many_filters_a_page(people: Engine) -> None:
    for i in range(MAX_PER_PAGE):
        people.save_filter("asiantuntija", "inbox", f"Suodatin {i:02}", f"q={i}")
    with pytest.raises(ValidationError, match="delete one before saving another"):
        people.save_filter("asiantuntija", "inbox", "Yksi liikaa", "q=x")
    people.save_filter("asiantuntija", "inbox", "Suodatin 00", "q=uusi")   # replacing one is still allowed
    assert people.save_filter("asiantuntija", "instances", "Toisella sivulla", "").query == ""
