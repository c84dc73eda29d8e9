"""Engine sentences in the reader's language (issue 16): every error class, every error code raised in the
engine, every audit kind and sentence and every validator problem code has a text in Finnish, Swedish and
English; pages show them translated, and history written before codes existed still reads."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import force_locale

from engine import Engine, errors
from engine.clock import ManualClock
from engine.models import AuditKind
from engine.runtime import audit
from engine.runtime.scripting import RestrictedEnvironment
from tests.conftest import ROOT
from tests.webui.helpers import csrf
from tests.webui.test_labels import MANAGER_PASSWORD, PROMISE, office, reader, started  # noqa: F401
from tests.webui.test_manage import text_of
from webui import messages

ENGINE_SOURCE = sorted((ROOT / "engine").rglob("*.py"))


def _classes(base: type[errors.PalvelupolkuError]) -> list[type[errors.PalvelupolkuError]]:
    return [base, *(c for sub in base.__subclasses__() for c in _classes(sub))]


ERROR_CLASSES = [c for c in _classes(errors.PalvelupolkuError) if c.__module__ == "engine.errors"]


def _raised_codes(prefix_filter: str = "") -> set[str]:
    found: set[str] = set()
    for path in ENGINE_SOURCE:
        # code="task.claimed", also code="a.b" if ... else "c.d"
        for first, other in re.findall(r'\bcode="([a-z_]+\.[a-z_.]+)"(?:\s+if [^"\n]+ else "([a-z_]+\.[a-z_.]+)")?',
                                       Path(path).read_text(encoding="utf-8")):
            found |= {first, other} - {""}
    return {c for c in found if c.startswith(prefix_filter)}


# Raises that may keep their class's general code, by file and function, each with why.
GENERAL_CODE_IS_ENOUGH = {
    # configuration is read at start-up and by the command line; "tell the administrator" is the sentence
    ("engine/config.py", "ConfigurationError"): "start-up and command line only",
    ("engine/db.py", "ConfigurationError"): "start-up and command line only",
    # the class's own code is already the specific sentence (or carries the per-field codes)
    ("engine/office/customers.py", "BusinessIdError"): "error.business_id says what is wrong",
    ("engine/runtime/users.py", "TooManyAttempts"): "error.too_many_attempts carries the seconds",
    ("engine/runtime/forms.py", "FormValidationError"): "field_codes carry each field's code",
    # caught inside the engine and turned into a migration reason; never reaches a reader as an error
    ("engine/runtime/migration.py", "ValidationError"): "_round_trip's refusal becomes a migration reason",
}


def _raises_without_code() -> list[tuple[str, str, int]]:
    """Every `raise SomeEngineError(...)` in engine/ without code= (or **kwargs) as (file, class, line)."""
    names = {n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, errors.PalvelupolkuError)}
    found = []
    for path in ENGINE_SOURCE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in names and not {k.arg for k in node.exc.keywords} & {"code", None}:
                found.append((path.relative_to(ROOT).as_posix(), str(name), node.lineno))
    return found


def test_every_engine_raise_has_its_own_code_but_the_listed_ones() -> None:
    left = _raises_without_code()
    unexplained = [site for site in left if site[:2] not in GENERAL_CODE_IS_ENOUGH]
    assert not unexplained, f"give these raises a code= and params= with texts in webui/messages.py: {unexplained}"
    assert {site[:2] for site in left} == set(GENERAL_CODE_IS_ENOUGH), "an exception that is no longer needed"
    assert len(left) <= 13, f"fewer raises may keep the general code, not more: {len(left)}"


def _in_every_language(app: Flask, code: str) -> dict[str, str]:
    template = messages.MESSAGES[code]
    texts = {}
    for lang in ("fi", "sv", "en"):
        with app.test_request_context("/"), force_locale(lang):
            texts[lang] = str(template)
    return texts


def _assert_translated(app: Flask, code: str) -> None:
    assert code in messages.MESSAGES, f"{code} has no text in webui/messages.py"
    texts = _in_every_language(app, code)
    assert texts["fi"] != texts["en"] and texts["sv"] != texts["en"], f"{code} is not translated: {texts}"
    assert texts["fi"] != texts["sv"], code
    placeholders = {lang: sorted(re.findall(r"%\((\w+)\)s", t)) for lang, t in texts.items()}
    assert placeholders["fi"] == placeholders["en"] == placeholders["sv"], code


def test_every_error_class_has_its_own_code_with_fi_sv_and_en_texts(app: Flask) -> None:
    assert len(ERROR_CLASSES) >= 14
    codes = [c.code for c in ERROR_CLASSES]
    assert len(set(codes)) == len(codes), "each class its own general code"
    for cls in ERROR_CLASSES:
        _assert_translated(app, cls.code)


def test_every_code_the_engine_raises_or_writes_has_fi_sv_and_en_texts(app: Flask) -> None:
    raised = _raised_codes()
    assert {"task.not_open", "access.instance", "customer.not_found", "bpmn.language_missing"} <= raised
    for code in sorted(raised - {"bpmn.problem"}):
        _assert_translated(app, code)


def test_every_audit_kind_and_sentence_has_fi_sv_and_en_texts(app: Flask) -> None:
    kinds_with_text = {kind for kind, _t in audit.SENTENCES.values()}
    for kind in AuditKind:
        assert kind in kinds_with_text or f"audit.{kind.value}" in messages.FREE_TEXT, kind
    for code in audit.SENTENCES:
        base = code if code in messages.MESSAGES else code.removesuffix("_note")
        _assert_translated(app, base)


def test_every_stored_sentence_reads_back_as_its_code() -> None:
    for code, (kind, template) in audit.SENTENCES.items():
        params = {name: f"<{name} x>" for name in re.findall(r"\{(\w+)\}", template)}
        assert audit.describe(kind.value, audit.say(code, **params)) == (code, params)
    # as an engine before codes wrote them
    assert audit.describe("complete", "asiantuntija completed 'Palvelulupaus'.") == (
        "audit.complete", {"user": "asiantuntija", "task": "Palvelulupaus"})
    assert audit.describe("timer_fired", "Timer 'Muistutus' fired (worker vm:16209:b4f648).")[0] == \
        "audit.timer_fired_worker"
    assert audit.describe("cancel", "Asiakas perui.") == ("audit.cancel", {"reason": "Asiakas perui."})
    assert audit.describe("start", "something else")[0] == "audit.start"          # unknown: the kind's own


def test_a_real_instances_history_reads_back_without_falling_back(office: Engine) -> None:  # noqa: F811
    instance, _task = started(office)
    history = office.instance(instance).history or []
    assert {h.kind for h in history} >= {"start", "complete"}
    for h in history:
        assert h.code in audit.SENTENCES, (h.kind, h.message)


@pytest.mark.parametrize(("lang", "complete", "start"), [
    ("fi", "Maija Meikäläinen teki tehtävän 'Palvelulupaus asiakkaalle'.", "aloitettu asiakkaalle"),
    ("sv", "Maija Meikäläinen slutförde uppgiften 'Servicelöfte till kunden'.", "inleddes för"),
])
def test_the_history_speaks_the_readers_language(office: Engine, secure_app: Flask, lang: str,  # noqa: F811
                                                 complete: str, start: str) -> None:
    instance, _task = started(office)
    html = reader(secure_app, lang, "esimies", MANAGER_PASSWORD).get(f"/manage/instances/{instance}").get_data(
        as_text=True)
    history = text_of(re.search(r'<ol class="history">.*?</ol>', html, re.S).group(0))
    assert complete in history and start in history
    assert "completed '" not in history and "Started starttiraha" not in history and " v1 " not in history


@pytest.mark.parametrize(("lang", "said"), [
    ("fi", "Palvelupolussa {} ei ole virhettä; uudelleen yritettävää ei ole."),
    ("sv", "Servicestigen {} har inget fel; det finns inget att försöka på nytt."),
    ("en", "Instance {} is not in error; there is nothing to retry."),
])
def test_an_engine_refusal_is_flashed_in_the_readers_language(office: Engine, secure_app: Flask,  # noqa: F811
                                                              lang: str, said: str) -> None:
    instance, _task = started(office)
    client = reader(secure_app, lang, "esimies", MANAGER_PASSWORD)
    token = csrf(client, f"/manage/instances/{instance}")
    page = client.post(f"/manage/instances/{instance}/retry", data={"csrf_token": token}, follow_redirects=True)
    assert said.format(instance) in text_of(page.get_data(as_text=True))


def test_a_task_conflict_names_the_task_and_person_in_the_readers_language(office: Engine,  # noqa: F811
                                                                           secure_app: Flask) -> None:
    instance, task = started(office)
    client = reader(secure_app, "sv", "maija", "salasana-5-kokeilu")
    token = csrf(client, f"/tasks/{task}")
    page = client.post(f"/tasks/{task}/claim", data={"csrf_token": token}, follow_redirects=True)
    text = text_of(page.get_data(as_text=True))
    assert "Uppgiften 'Servicelöfte till kunden' är inte längre öppen (" in text, text[:2000]
    assert "is already" not in text and "reload" not in text
    assert office.task(task).status == "completed"
    del instance


def test_unknown_codes_fall_back_to_the_english_sentence(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert messages.error_text(errors.NotFound("No such thing.", code="nothing.known")) == "No such thing."
        assert messages.error_text(errors.NotFound("No such thing.")) == "Hakemaasi kohdetta ei ole."
        assert messages.error_text(errors.TooManyAttempts("Wait.", retry_after=30)) == \
            "Liian monta epäonnistunutta kirjautumista; odota 30 sekuntia ja yritä uudelleen."
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert messages.error_text(errors.NotFound("No such thing.")) == "No such thing."


@pytest.mark.parametrize(("lang", "title"), [("fi", "Sivua ei ole"), ("sv", "Sidan finns inte")])
def test_the_404_page_body_is_in_the_readers_language(secure_app: Flask, lang: str, title: str) -> None:
    client = secure_app.test_client()
    page = client.get("/no/such/page", headers={"Accept-Language": lang})
    assert page.status_code == 404
    text = text_of(page.get_data(as_text=True))
    assert title in text and "The requested URL" not in text


@pytest.mark.parametrize(("lang", "size", "raw"), [
    ("sv", "Litet företag (10–49 personer)", ">pieni<"),
    ("en", "Small company (10-49 people)", ">pieni<"),
    ("fi", "Pieni yritys (10-49 henkilöä)", ">pieni<"),
])
def test_the_task_pages_customer_card_shows_values_in_the_readers_language(office: Engine,  # noqa: F811
                                                                           secure_app: Flask, lang: str,
                                                                           size: str, raw: str) -> None:
    office.add_customer("1572860-0", name="Pieni Oy", size_class="pieni")
    info = office.start("starttiraha", customer="1572860-0", responsible="maija")
    page = reader(secure_app, lang, "maija", "salasana-5-kokeilu").get(f"/tasks/{info.open_tasks[0].id}")
    html = page.get_data(as_text=True)
    assert size in html and raw not in html


def test_every_reminder_sentence_has_texts_and_reads_back(app: Flask) -> None:
    from engine.office import reminders
    for code, template in reminders.SENTENCES.items():
        _assert_translated(app, code)
        params = {name: f"<{name} x>" for name in re.findall(r"\{(\w+)\}", template)}
        assert reminders.describe(template.format(**params)) == (code, params)
        for lang, said in reminders.MAIL.items():
            assert code == "notice.handover" or code in said, (lang, code)
    # as stored before codes, with the old date format
    assert reminders.describe("Soitto — Oy Ab (overdue since 05.03.2026)") == (
        "notice.overdue", {"task": "Soitto", "customer": "Oy Ab", "when": "05.03.2026"})
    with app.test_request_context("/", headers={"Accept-Language": "sv"}):
        class Stored:
            text = "Tell Oy Ab that you are now their responsible expert for nope (instance 7), taking over from x."
        assert messages.notice_text(Stored()) == ("Berätta för Oy Ab att du nu är kundens ansvariga sakkunniga för "
                                                  "nope (servicestig 7) efter x.")


def test_every_migration_reason_and_note_has_texts_and_reads_back(app: Flask) -> None:
    from engine.runtime import migration
    for code, template in migration.SENTENCES.items():
        _assert_translated(app, code)
        params = {name: f"<{name} x>" for name in re.findall(r"\{(\w+)\}", template)}
        assert migration.describe(template.format(**params)) == (code, params)
    with app.test_request_context("/", headers={"Accept-Language": "sv"}):
        assert messages.migration_text("It already runs on version 2.") == "Den kör redan version 2."
        assert messages.migration_text("It is completed; only running instances move.") == \
            "Den har läget slutförd; endast pågående servicestigar flyttas."
        assert messages.migration_text("Something new.") == "Something new."


def test_validator_problems_are_said_in_the_readers_language(app: Flask, tmp_path: Path) -> None:
    source = (ROOT / "processes" / "starttiraha.bpmn").read_text(encoding="utf-8")
    broken = tmp_path / "broken.bpmn"
    # a second element with the id of the start event, and the aftercare mark taken away
    broken.write_text(source.replace('<bpmn:endEvent id="', '<bpmn:endEvent id="StartEvent_starttirahahakemus" x="', 1)
                      .replace('name="aftercare" value="true"', 'name="aftercare" value="false"'), encoding="utf-8")
    problems = Engine.validate([broken])
    coded = [p for p in problems if p.code != "bpmn.problem"]
    assert {p.code for p in coded} >= {"bpmn.duplicate_id", "bpmn.no_aftercare"}, [str(p) for p in problems]
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        said = [messages.problem_text(p) for p in coded]
    assert all(s != p.message for s, p in zip(said, coded, strict=True)), said     # templates fill: no fallback
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert [messages.problem_text(p) for p in coded] == [p.message for p in coded]


def test_more_validator_problems_are_said_in_the_readers_language(app: Flask, tmp_path: Path) -> None:
    source = (ROOT / "processes" / "starttiraha.bpmn").read_text(encoding="utf-8")
    broken = tmp_path / "broken.bpmn"
    # a field of a type no form knows, and the needs-reassessment gateway without its default flow
    broken.write_text(source.replace('id="yhteyshenkilo" label="Yrityksen yhteyshenkilö" type="string"',
                                     'id="yhteyshenkilo" label="Yrityksen yhteyshenkilö" type="colour"', 1)
                      .replace('name="Palvelutarpeen uudelleenarviointi" default="Flow_ei_uusia_tarpeita"',
                               'name="Palvelutarpeen uudelleenarviointi"', 1), encoding="utf-8")
    problems = {p.code: p for p in Engine.validate([broken])}
    assert {"bpmn.field_unknown_type", "bpmn.reassessment_no_default"} <= problems.keys(), list(problems)
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        field = messages.problem_text(problems["bpmn.field_unknown_type"])
        gateway = messages.problem_text(problems["bpmn.reassessment_no_default"])
    assert "kentän 'yhteyshenkilo' tyyppi 'colour' on tuntematon" in field
    assert gateway.startswith("Jälkihoitotehtävän '") and "'Palvelutarpeen uudelleenarviointi' ei ole oletusvuota" \
        in gateway
    with app.test_request_context("/", headers={"Accept-Language": "sv"}):
        assert "uppföljningsuppgiften" in messages.problem_text(problems["bpmn.reassessment_no_default"])


def _problem_sites() -> tuple[set[str], list[tuple[str, int]]]:
    """Codes given where validator problems are made (report.add, Problem, _problem), and the sites without."""
    codes: set[str] = set()
    bare = []
    for path in ENGINE_SOURCE:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            adds = name == "add" and "bpmn" in path.parts and isinstance(func, ast.Attribute) \
                and isinstance(func.value, ast.Name) and func.value.id == "report"
            if not (adds or name in ("Problem", "_problem")):
                continue
            given = [k.value for k in node.keywords if k.arg == "code"]
            if name == "_problem" and len(node.args) >= 4:
                given.append(node.args[3])
            found = [g.value for g in given if isinstance(g, ast.Constant) and isinstance(g.value, str)]
            codes |= set(found)
            if not given and not any(k.arg is None for k in node.keywords):
                bare.append((path.relative_to(ROOT).as_posix(), node.lineno))
    return codes, bare


# Validator problems still said only in English (files and how many), most of them about Camunda features
# Palvelupolku refuses, DMN and SpiffWorkflow parser messages; lower each number as sites get codes.
ENGLISH_ONLY_PROBLEMS = {
    "engine/runtime/scripting/checks.py": 1,    # an ast helper named _problem, not a validator problem
}


def test_every_validator_problem_code_has_texts_and_english_only_sites_only_shrink(app: Flask) -> None:
    codes, bare = _problem_sites()
    assert {"bpmn.field_unknown_type", "bpmn.aftercare_outgoing", "bpmn.no_script"} <= codes
    for code in sorted(codes - {"bpmn.problem"}):
        _assert_translated(app, code)
    per_file: dict[str, int] = {}
    for path, _ in bare:
        per_file[path] = per_file.get(path, 0) + 1
    grown = {p: n for p, n in per_file.items() if n > ENGLISH_ONLY_PROBLEMS.get(p, 0)}
    assert not grown, f"give these validator problems a code= and params= with texts: {grown}"
    assert sum(per_file.values()) <= 1, "67 English-only sites before issue 16's third round; only fewer now"


SCRIPT_FAILURES = [
    ("y = 1\nz = puuttuva + 1", "script.name_missing_line",
     "Skriptin rivi 2 (`z = puuttuva + 1`) viittaa nimeen `puuttuva`, jota ei ole tehtävän tiedoissa.",
     "Rad 2 i skriptet (`z = puuttuva + 1`) hänvisar till `puuttuva`, som inte finns i uppgiftens data."),
    ("d = {}\nz = d['summa']", "script.key_missing_line",
     "Skriptin rivi 2 (`z = d['summa']`) hakee avainta 'summa', jota ei ole.",
     "Rad 2 i skriptet (`z = d['summa']`) slår upp nyckeln 'summa', som saknas."),
    ("z = 1 / 0", "script.zero_division_line",
     "Skriptin rivi 1 (`z = 1 / 0`) jakaa nollalla.", "Rad 1 i skriptet (`z = 1 / 0`) dividerar med noll."),
]


@pytest.mark.parametrize(("script", "code", "fi", "sv"), SCRIPT_FAILURES)
def test_a_failing_script_is_explained_in_the_readers_language(app: Flask, script: str, code: str, fi: str,
                                                               sv: str) -> None:
    env = RestrictedEnvironment(clock=ManualClock(datetime(2026, 3, 10, 9, tzinfo=UTC)))
    with pytest.raises(errors.ScriptError) as failed:
        env.execute(script, {})
    assert failed.value.code == code
    for lang, expected in (("fi", fi), ("sv", sv)):
        with app.test_request_context("/", headers={"Accept-Language": lang}):
            assert messages.error_text(failed.value) == expected
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert messages.error_text(failed.value) == failed.value.reason       # the CLI's sentence, unchanged


def test_an_expression_failure_is_explained_in_the_readers_language(app: Flask) -> None:
    env = RestrictedEnvironment(clock=ManualClock(datetime(2026, 3, 10, 9, tzinfo=UTC)))
    with pytest.raises(errors.ScriptError) as failed:
        env.evaluate("summa > 100", {})
    assert failed.value.code == "script.name_missing_expression"
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert messages.error_text(failed.value) == ("Lauseke `summa > 100` viittaa nimeen `summa`, jota ei ole "
                                                     "tehtävän tiedoissa.")


def test_an_instances_script_error_reads_back_in_the_readers_language(app: Flask) -> None:
    stored = ("Element 'Task_laske': Line 2 of the script (`z = puuttuva + 1`) refers to `puuttuva`, which is not "
              "in the task data.")
    code, params = audit.describe("error", stored)
    assert code == "audit.error_name_missing_line" and params["name"] == "puuttuva"
    entry = {"code": code, "params": params, "message": stored}
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert messages.history_text(entry) == ("Vaihe Task_laske: skriptin rivi 2 (`z = puuttuva + 1`) viittaa "
                                                "nimeen `puuttuva`, jota ei ole tehtävän tiedoissa.")


# --- why an instance stopped, in the reader's language --------------------------------------------------

LOOPING = "x = 0\nwhile True:\n    x = x + 1"


def _stopped(kokeilu: Engine, script: str) -> int:
    from tests.engine.test_hostile_runtime import SCRIPT, SOURCE, deploy_unchecked
    from tests.webui.test_manage import DONE, first_task, start
    deploy_unchecked(kokeilu, SOURCE.replace(SCRIPT, script))
    instance = start(kokeilu)
    assert kokeilu.complete(first_task(kokeilu, instance), "asiantuntija", DONE).status == "error"
    return instance


@pytest.mark.parametrize(("lang", "where", "said"), [
    ("sv", "Steg laske: ", " i mer än "), ("fi", "Vaihe laske: ", " kesti yli "),
])
def test_an_instance_stopped_by_a_timeout_says_why_in_the_readers_language(kokeilu: Engine, secure_app: Flask,
                                                                          lang: str, where: str, said: str) -> None:
    instance = _stopped(kokeilu, LOOPING)
    stored = kokeilu.instance(instance).error_message or ""
    # the watchdog in the sandbox child stops it, or (on a busy machine) the parent kills the child
    assert "ran for more than" in stored, stored
    client = reader(secure_app, lang, "esimies", MANAGER_PASSWORD)
    for page in (f"/manage/instances/{instance}", "/manage/instances?error=1", "/customers/0112038-9"):
        text = text_of(client.get(page).get_data(as_text=True))
        line = text[text.index(where):][:200]
        assert said in line and "ran for more than" not in text, (page, line)
    history = text_of(client.get(f"/manage/instances/{instance}").get_data(as_text=True)).split(where)
    assert len(history) >= 3, "the error line and the history both say it"


def test_an_instance_stopped_for_an_unknown_reason_keeps_the_english_marked_as_english(kokeilu: Engine,
                                                                                      secure_app: Flask) -> None:
    instance = _stopped(kokeilu, "y = open('/etc/passwd').read()")
    html = reader(secure_app, "fi", "esimies", MANAGER_PASSWORD).get(f"/manage/instances/{instance}").get_data(
        as_text=True)
    assert re.search(r'<span lang="en">Element \'laske\': [^<]*uses `open`', html.replace("&#39;", "'")), html[:3000]
    english = reader(secure_app, "en", "esimies", MANAGER_PASSWORD).get(f"/manage/instances/{instance}")
    summary = re.search(r'<div class="error-summary".*?</div>', english.get_data(as_text=True), re.S).group(0)
    assert "uses `open`" in summary and 'lang="en"' not in summary


@pytest.mark.parametrize(("stored", "code", "sv"), [
    ("Element 'laske': The script ran for more than 1.2 seconds and was stopped; check its loops and the size of "
     "the values it sorts, compares or converts.", "audit.error_timeout_script",
     "Steg laske: skriptet körde i mer än 1,2 sekunder och avbröts; kontrollera dess loopar och storleken på de "
     "värden det sorterar, jämför eller konverterar."),
    ("Element 'ehto': The expression `len(sorted(x)) > 1` ran for more than 1 second of CPU time and was stopped; "
     "check its loops.", "audit.error_out_of_time_expression",
     "Steg ehto: uttrycket `len(sorted(x)) > 1` beräknades i mer än 1 sekunder och avbröts; kontrollera dess "
     "loopar."),
    ("Element 'laske': Line 3 of the script (`l.extend(l)`) used more than 256 MB of memory and was stopped.",
     "audit.error_out_of_memory_line",
     "Steg laske: rad 3 i skriptet (`l.extend(l)`) använde mer än 256 MB minne och avbröts."),
    ("The instance's stored state has grown past 8,000,000 characters (8,000,123); the process probably loops "
     "without end through a timer or a message. Fix the model, then cancel the instance.",
     "audit.error_state_too_large",
     "Servicestigens sparade tillstånd har vuxit över 8\xa0000\xa0000 tecken (8\xa0000\xa0123); processen går "
     "troligen i en oändlig loop via en timer eller ett meddelande. Rätta modellen och avbryt sedan servicestigen."),
])
def test_stops_by_a_limit_read_back_in_swedish(app: Flask, stored: str, code: str, sv: str) -> None:
    assert audit.describe("error", stored)[0] == code
    with app.test_request_context("/", headers={"Accept-Language": "sv"}):
        assert messages.stopped_text(stored) == (sv, "")
        assert messages.history_text({"code": code, "params": audit.describe("error", stored)[1],
                                      "message": stored}) == sv


def test_a_script_stopped_by_its_time_limit_has_a_code_for_each_subject(app: Flask) -> None:
    from engine.runtime.scripting.runner import builtins_at, evaluate_here, execute_here
    scope = builtins_at(lambda: datetime(2026, 3, 10, 9, tzinfo=UTC))
    pairs = "[m for n in range(999999) for m in range(999999)]"
    stopped = []
    for run in (lambda: execute_here(LOOPING, {}, None, scope, 0.2),
                lambda: evaluate_here(pairs, {}, None, scope, 0.2)):
        with pytest.raises(errors.ScriptError) as failed:
            run()
        stopped.append(failed.value)
    assert [e.code for e in stopped] == ["script.out_of_time_line", "script.out_of_time_expression"]
    assert stopped[0].params["line"] in (2, 3)           # the loop's head or its body, where the stop fell
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        said = [messages.error_text(e) for e in stopped]
    assert re.fullmatch(r"Skriptin rivin [23] \(`.+`\) suoritus kesti yli 0,\d+ sekuntia, joten se keskeytettiin; "
                        r"tarkista sen silmukat\.", said[0]), said[0]
    assert said[1].startswith(f"Lausekkeen `{pairs}` laskeminen kesti yli 0,"), said[1]


# --- refusals made by problem finders: syntax, the restricted evaluator's refusals, data limits -------------

@pytest.mark.parametrize(("source", "mode", "code", "sv"), [
    ("summa >", "eval", "script.syntax_expression", "Uttrycket har ett syntaxfel på rad 1, kolumn "),
    ("${summa > 100}", "eval", "script.juel_expression",
     "Uttrycket `${summa > 100}` är skrivet i JUEL, Camundas uttrycksspråk, men uttryck i Palvelupolku skrivs i "
     "Python med uppgiftens data, till exempel `summa > 100`."),
    ("x = 1\ny = __import__('os')", "exec", "script.refused_line",
     "Rad 2 i skriptet tillåts inte: den använder `__import__`; namn som börjar med understreck är inte tillåtna."),
    ("x = 1e999", "exec", "data.not_finite", "Värdet `x` är inf, som inte kan sparas som tal; spara ett ändligt tal "
                                             "eller None."),
])
def test_refused_scripts_and_data_have_codes_in_the_readers_language(app: Flask, source: str, mode: str, code: str,
                                                                     sv: str) -> None:
    env = RestrictedEnvironment(clock=ManualClock(datetime(2026, 3, 10, 9, tzinfo=UTC)))
    with pytest.raises(errors.ScriptError) as failed:
        env.evaluate(source, {}) if mode == "eval" else env.execute(source, {})
    assert failed.value.code == code, failed.value
    _assert_translated(app, code)
    with app.test_request_context("/", headers={"Accept-Language": "sv"}):
        assert messages.error_text(failed.value).startswith(sv), messages.error_text(failed.value)


def test_start_data_over_a_limit_is_refused_in_the_readers_language(office: Engine, app: Flask) -> None:  # noqa: F811
    with pytest.raises(errors.ValidationError) as failed:
        office.start("starttiraha", customer="0112038-9", responsible="maija", data={"a": {"b": float("nan")}})
    assert failed.value.code == "data.not_finite" and failed.value.params["path"] == "a.b"
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert messages.error_text(failed.value) == ("Arvo `a.b` on nan, jota ei voi tallentaa lukuna; tallenna "
                                                     "äärellinen luku tai None.")
    for code in ("data.not_object", "data.too_deep", "data.big_number", "data.key_not_text", "data.unstorable",
                 "data.too_large", "script.juel_script", "script.syntax_script", "script.unreadable_expression",
                 "script.unreadable_script", "script.refused_expression"):
        _assert_translated(app, code)


CAMUNDA_FEATURES = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="ominaisuudet" name="Ominaisuudet" isExecutable="true">
    <bpmn:startEvent id="alku"/>
    <bpmn:sequenceFlow id="f1" sourceRef="alku" targetRef="java"/>
    <bpmn:serviceTask id="java" name="Lähetä kirje" camunda:class="fi.te.Kirje"/>
    <bpmn:sequenceFlow id="f2" sourceRef="java" targetRef="saanto"/>
    <bpmn:businessRuleTask id="saanto" name="Tukiehto"/>
    <bpmn:sequenceFlow id="f3" sourceRef="saanto" targetRef="kutsu"/>
    <bpmn:callActivity id="kutsu" name="Alipolku"/>
    <bpmn:sequenceFlow id="f4" sourceRef="kutsu" targetRef="monimutkainen"/>
    <bpmn:complexGateway id="monimutkainen" name="Valinta"/>
    <bpmn:sequenceFlow id="f5" sourceRef="monimutkainen" targetRef="linkki"/>
    <bpmn:intermediateThrowEvent id="linkki" name="Hyppy">
      <bpmn:linkEventDefinition name="x"/>
    </bpmn:intermediateThrowEvent>
  </bpmn:process>
</bpmn:definitions>
"""


def test_unsupported_camunda_features_are_said_in_swedish(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "ominaisuudet.bpmn"
    path.write_text(CAMUNDA_FEATURES, encoding="utf-8")
    problems = {p.code: p for p in Engine.validate([path])}
    expected = {
        "bpmn.service_missing": "'Lähetä kirje' anger tjänstehanteraren 'fi.te.Kirje', men ingen "
                                "Python-tjänstehanterare med det namnet är installerad",
        "bpmn.no_decision_ref": "'Tukiehto' är en affärsregeluppgift utan camunda:decisionRef",
        "bpmn.no_called_element": "'Alipolku' har inget calledElement",
        "bpmn.complex_gateway": "'Valinta' är en komplex förgrening, som inte stöds",
        "bpmn.link_event": "'Hyppy' är en länkhändelse, som inte stöds",
    }
    assert expected.keys() <= problems.keys(), [str(p) for p in problems.values()]
    with app.test_request_context("/", headers={"Accept-Language": "sv"}):
        for code, said in expected.items():
            assert messages.problem_text(problems[code]).startswith(said), messages.problem_text(problems[code])


def test_a_process_not_marked_executable_is_said_in_finnish(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "ei_suoritettava.bpmn"
    path.write_text(CAMUNDA_FEATURES.replace('isExecutable="true"', 'isExecutable="false"'), encoding="utf-8")
    problems = {p.code: p for p in Engine.validate([path])}
    assert "bpmn.not_executable" in problems, [str(p) for p in problems.values()]
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert messages.problem_text(problems["bpmn.not_executable"]).startswith(
            "Ei suoritettavaa prosessia: prosessia Ominaisuudet ei ole merkitty suoritettavaksi;")


BYPASS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="ohitus" name="Ohitus" isExecutable="true">
    <bpmn:startEvent id="alku" name="Alku"/>
    <bpmn:sequenceFlow id="f1" sourceRef="alku" targetRef="g"/>
    <bpmn:exclusiveGateway id="g" name="Soitetaanko" default="f3"/>
    <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="jh"><bpmn:conditionExpression>x</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="ohi"/>
    <bpmn:userTask id="jh" name="Jälkihoitosoitto">
      <bpmn:extensionElements><camunda:properties><camunda:property name="aftercare" value="true"/>
      </camunda:properties></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f4" sourceRef="jh" targetRef="loppu"/>
    <bpmn:endEvent id="loppu" name="Loppu"/>
    <bpmn:endEvent id="ohi" name="Ohi"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_path_around_the_aftercare_call_is_said_in_swedish(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "ohitus.bpmn"
    path.write_text(BYPASS, encoding="utf-8")
    problems = {p.code: p for p in Engine.validate([path])}
    assert "bpmn.aftercare_bypass" in problems, [str(p) for p in problems.values()]
    with app.test_request_context("/", headers={"Accept-Language": "sv"}):
        assert messages.problem_text(problems["bpmn.aftercare_bypass"]) == (
            "Sluthändelsen 'Ohi' kan nås från starthändelsen 'Alku' utan att passera uppföljningsuppgiften "
            "'Jälkihoitosoitto'; led varje väg genom uppföljningssamtalet innan processen slutar.")


@pytest.mark.parametrize(("source", "fi"), [
    ("import os", "Skriptin riviä 1 ei sallita: se tuo moduulin (import), mikä ei ole sallittua; now(), today(), "
                  "date, datetime, timedelta ja timezone ovat käytettävissä ilman importia."),
    ("x = 1\nnow.leak = x", "Skriptin riviä 2 ei sallita: se asettaa määreen `.leak`, mikä ei ole sallittua; pidä "
                            "arvot tehtävän tiedoissa."),
    ("y = '{}'.format(1)", "Skriptin riviä 1 ei sallita: se kutsuu metodia `.format`, mikä ei ole sallittua; käytä "
                           'sen sijaan f-merkkijonoa, kuten f"{name}".'),
])
def test_why_a_script_is_refused_is_said_in_the_readers_language(app: Flask, source: str, fi: str) -> None:
    env = RestrictedEnvironment(clock=ManualClock(datetime(2026, 3, 10, 9, tzinfo=UTC)))
    with pytest.raises(errors.ScriptError) as failed:
        env.execute(source, {})
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert messages.error_text(failed.value) == fi


def test_every_refusal_clause_has_a_text_with_the_same_placeholders(app: Flask) -> None:
    from string import Formatter

    from engine.runtime.scripting.checks import CLAUSES

    assert set(messages.CLAUSE_TEXTS) == set(CLAUSES)
    for key, english in CLAUSES.items():
        fields = {f for _, f, _, _ in Formatter().parse(english) if f}
        for lang in ("fi", "sv", "en"):
            with app.test_request_context("/", headers={"Accept-Language": lang}):
                sample = english.format(**{f: "x" for f in fields})
                said = messages.clause_text(sample)
                assert said != sample or lang == "en", (key, lang)
                assert said == str(messages.CLAUSE_TEXTS[key]) % {f: "x" for f in fields}


@pytest.mark.parametrize(("stored", "code", "fi"), [
    ("Element 'laske' failed: division by zero", "audit.error_element_failed",
     "Vaihe laske epäonnistui: division by zero"),
    ("A step failed: KeyError", "audit.error_step_failed", "Vaihe epäonnistui: KeyError"),
    # a specific sentence is still read as itself, not as the general frame
    ("Element 'laske': Line 2 of the script (`y = 1 / 0`) divides by zero.", "audit.error_zero_division_line",
     "Vaihe laske: skriptin rivi 2"),
])
def test_any_other_failure_of_a_step_has_its_frame_in_the_readers_language(app: Flask, stored: str, code: str,
                                                                           fi: str) -> None:
    assert audit.describe("error", stored)[0] == code
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        said, lang = messages.stopped_text(stored)
    assert lang == "" and said.startswith(fi), said


@pytest.mark.parametrize(("lang", "said"), [
    ("fi", "Viestiä 'Uusi palvelutarve' ei voitu toimittaa: "),
    ("sv", "Meddelandet 'Uusi palvelutarve' kunde inte levereras: "),
])
def test_a_refused_delivery_is_said_in_the_readers_language_with_its_reason(app: Flask, lang: str,
                                                                            said: str) -> None:
    stored = "Message 'uusi_palvelutarve' could not be delivered: No active user 'asiantuntija'."
    code, params = audit.describe("message_undelivered", stored)
    assert code == "audit.message_failed"
    entry = {"code": code, "params": params, "message": stored,
             "data": {"message": "uusi_palvelutarve",
                      "error": {"code": "user.not_active", "params": {"user": "asiantuntija"}}}}
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        text = messages.history_text(entry)
        reason = messages.text("user.not_active", {"user": "asiantuntija"}, "")
    assert text == said + reason and "No active user" not in text and reason
