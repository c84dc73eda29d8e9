"""Task documentation is a sandboxed template: placeholders only, no way into Python."""

from __future__ import annotations

import time

import pytest

from engine import Engine
from engine.runtime.bpmn import validate_documents
from engine.runtime.bpmn.xmlsafe import load_document
from engine.runtime.documentation import DocumentationError, _env, check, render
from tests.conftest import DATA
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start


def test_placeholders_are_filled() -> None:
    text = "Soita {{ asiakas_nimi }}:lle ({{ asiakas }}); {{ puuttuu | default('ei tietoa') }}. {{ x.y }}"
    assert render(text, {"asiakas_nimi": "Oy Esimerkki Ab", "asiakas": "0112038-9"}) == (
        "Soita Oy Esimerkki Ab:lle (0112038-9); ei tietoa. ")


def test_text_without_placeholders_is_kept_as_is() -> None:
    assert render("Tarkista {tiedot} ja <ehdot>", {}) == "Tarkista {tiedot} ja <ehdot>"


@pytest.mark.parametrize(("source", "words"), [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "not allowed"),
    ("{{ asiakas.__class__ }}", "underscore"),
    ("{% for i in range(10**9) %}x{% endfor %}", "'For' is not allowed"),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", "not allowed"),
    ("{{ cycler.__init__.__globals__.os }}", "underscore"),
    ("{{ 'a' * 10**9 }}", "'Mul' is not allowed"),
    ("{{ range(10) }}", "'Call' is not allowed"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "is not allowed"),
    ("{% include '/etc/passwd' %}", "'Include' is not allowed"),
    ("{% set x = 1 %}", "'Assign' is not allowed"),
    ("{{ asiakas | attr('__class__') }}", "filter 'attr'"),
    ("{{ asiakas | format('%s') }}", "filter 'format'"),
    ("{{ config.items() }}", "'Call' is not allowed"),
    ("{{ asiakas", "not valid"),
])
def test_hostile_templates_are_refused_with_a_sentence(source: str, words: str) -> None:
    with pytest.raises(DocumentationError) as caught:
        check(source)
    assert words in str(caught.value), str(caught.value)
    began = time.monotonic()
    shown = render(source, {"asiakas": "0112038-9"})
    assert time.monotonic() - began < 0.5
    assert shown.startswith(source) and words in shown


def test_item_lookup_of_a_dunder_is_refused_and_the_sandbox_would_hide_it_anyway() -> None:
    shown = render("{{ asiakas['__class__'] }}", {"asiakas": "x"})
    assert "underscore" in shown and "<class" not in shown
    # the second wall: the environment itself is Jinja's sandbox
    assert _env.from_string("{{ x['__class__'] }}|{{ x.__class__ }}").render(x="a") == "|"


def test_the_validator_refuses_documentation_that_is_not_a_plain_template() -> None:
    source = (DATA / "kokeilu.bpmn").read_text()
    assert "<bpmn:documentation>" in source
    hostile = source.replace("<bpmn:documentation>", "<bpmn:documentation>{{ range(10**9) }} ", 1)
    problems = validate_documents([load_document(hostile.encode(), "kokeilu.bpmn")])
    assert any("'Call' is not allowed" in p.message for p in problems), problems


def test_the_task_page_gets_the_filled_documentation(people: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = (DATA / "kokeilu.bpmn").read_text().replace(
        "Record the service promise.", "Record the service promise to {{ asiakas_nimi }} ({{ asiakas }}).")
    (tmp_path / "kokeilu.bpmn").write_text(source)
    people.deploy(tmp_path / "kokeilu.bpmn")
    task = people.task(only_task(people, start(people)))
    assert task.documentation == "Record the service promise to Oy Esimerkki Ab (0112038-9)."
    people.complete(task.id, "asiantuntija", GOOD_PROMISE)


@pytest.mark.parametrize("name", ["lipsum", "cycler", "joiner", "namespace", "range", "dict"])
def test_jinja_globals_are_refused_and_print_no_repr(name: str) -> None:
    # Issue 14, finding 12: `{{ lipsum }}` printed "<function generate_lorem_ipsum at 0x7f...>".
    with pytest.raises(DocumentationError, match=f"'{name}', which is not task data"):
        check(f"Katso {{{{ {name} }}}}")
    rendered = render(f"Katso {{{{ {name} }}}}", {})
    assert "0x" not in rendered and "<" not in rendered


def test_values_that_are_not_plain_render_as_nothing() -> None:
    context = {"f": test_placeholders_are_filled, "rows": [1, 2],
               "n": 3, "ok": True, "text": "teksti"}
    assert render("{{ f }}|{{ rows }}|{{ n }}|{{ ok }}|{{ text }}", context) == "||3|True|teksti"
