"""Customers: Business IDs, field vocabularies, add/update/search, contacts and the CSV import."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from engine import BusinessIdError, NotFound, ValidationError
from engine.db import connect, migrate, session_factory
from engine.demo.companies import DEMO_COMPANIES
from engine.models import AuditEvent, ContactPerson, Customer
from engine.office import customers as c

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
HEADER = "business_id,name,industry,size_class,municipality,ministry_segment,service_need_segment,lifecycle_phase"


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    eng = connect(f"sqlite:///{tmp_path}/t.db")
    migrate(eng)
    yield session_factory(eng)
    eng.dispose()


@pytest.fixture
def s(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as session, session.begin():
        yield session


def reference_check_digit(seven: str) -> int | None:
    """Written apart from the module on purpose: the rule as the register states it."""
    total = 0
    for weight, digit in zip([7, 9, 10, 5, 8, 4, 2], seven, strict=True):
        total += weight * int(digit)
    remainder = total % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Customer)) or 0


# --- Business ID -------------------------------------------------------------------------------------

# Worked by hand with weights 7,9,10,5,8,4,2; the sum mod 11 is the remainder r, the check digit 11 - r.
@pytest.mark.parametrize(("text", "canonical"), [
    ("0112038-9", "0112038-9"),           # 9 + 10 + 10 + 12 + 16 = 57, r = 2 -> 9
    ("  0112038-9\t", "0112038-9"),       # surrounding whitespace
    ("112038-9", "0112038-9"),            # an old six-digit ID, written without its leading zero
    ("0112038\u20139", "0112038-9"),      # an en dash pasted from a word processor
    ("0201256-6", "0201256-6"),           # 18 + 5 + 16 + 20 + 12 = 71, r = 5 -> 6
    ("1572860-0", "1572860-0"),           # 7 + 45 + 70 + 10 + 64 + 24 = 220, r = 0 -> 0
    ("0000000-0", "0000000-0"),           # r = 0 -> 0
    ("1000000-4", "1000000-4"),           # 7, r = 7 -> 4
    ("2000000-8", "2000000-8"),           # 14, r = 3 -> 8
    ("0110000-3", "0110000-3"),           # 9 + 10 = 19, r = 8 -> 3
    ("0000100-3", "0000100-3"),           # 8 -> 3
    ("0000010-7", "0000010-7"),           # 4 -> 7
    ("0000011-5", "0000011-5"),           # 4 + 2 = 6 -> 5
    ("0000001-9", "0000001-9"),           # 2 -> 9
    ("0000005-1", "0000005-1"),           # 10 -> 1
])
def test_valid_business_ids_normalize(text: str, canonical: str) -> None:
    assert c.normalize_business_id(text) == canonical
    assert c.is_valid_business_id(text)


@pytest.mark.parametrize(("text", "says"), [
    ("0112038-8", "the check digit should be 9"),
    ("0201256-5", "the check digit should be 6"),
    ("1572860-1", "the check digit should be 0"),
    ("0000011-0", "the check digit should be 5"),
    ("0000000-1", "the check digit should be 0"),
    ("1234567-8", "the check digit should be 1"),   # 7 + 18 + 30 + 20 + 40 + 24 + 14 = 153, r = 10 -> 1
])
def test_wrong_check_digits_say_the_right_one(text: str, says: str) -> None:
    with pytest.raises(BusinessIdError, match=says):
        c.normalize_business_id(text)
    assert not c.is_valid_business_id(text)


def test_remainder_one_has_no_valid_check_digit() -> None:
    # 0000006: 6 * 2 = 12, r = 1: 11 - 1 = 10 is no digit, so no ID starting so is valid.
    assert reference_check_digit("0000006") is None
    for digit in range(10):
        with pytest.raises(BusinessIdError, match="no check digit fits the digits 0000006"):
            c.normalize_business_id(f"0000006-{digit}")


@pytest.mark.parametrize(("text", "says"), [
    ("", "missing"),
    ("   ", "missing"),
    ("abc", "is not a Business ID"),
    ("1234567", "is not a Business ID"),
    ("01120389", "lacks the hyphen before the check digit: write 0112038-9"),
    ("0112038-", "is not a Business ID"),
    ("12345-6", "is not a Business ID"),
    ("0112038-99", "is not a Business ID"),
    ("00112038-9", "is not a Business ID"),
    ("FI01120389", "is not a Business ID"),
    ("0112 038-9", "is not a Business ID"),
    ("\uff10\uff11\uff11\uff12\uff10\uff13\uff18-9", "is not a Business ID"),   # full-width digits
    ("\u0660112038-9", "is not a Business ID"),                                 # an Arabic-Indic zero
])
def test_bad_formats_are_sentences(text: str, says: str) -> None:
    with pytest.raises(BusinessIdError, match=says) as caught:
        c.normalize_business_id(text)
    assert str(caught.value).endswith(".")
    assert not c.is_valid_business_id(text)


def test_non_text_is_not_a_business_id() -> None:
    with pytest.raises(BusinessIdError, match="must be text"):
        c.normalize_business_id(1120389)  # type: ignore[arg-type]
    assert not c.is_valid_business_id(None)  # type: ignore[arg-type]


def test_normalize_accepts_exactly_the_computed_check_digit() -> None:
    rng = random.Random(11)
    numbers = [f"{rng.randrange(10_000_000):07d}" for _ in range(3000)] + ["0000000", "9999999", "0000006"]
    seen_remainder_one = 0
    for seven in numbers:
        expected = reference_check_digit(seven)
        seen_remainder_one += expected is None
        assert c.business_id_check_digit(seven) == expected
        for digit in range(10):
            assert c.is_valid_business_id(f"{seven}-{digit}") == (digit == expected), f"{seven}-{digit}"
        if expected is not None and seven.startswith("0"):
            assert c.normalize_business_id(f"{seven[1:]}-{expected}") == f"{seven}-{expected}"
    assert seen_remainder_one > 100   # about one in eleven numbers has no valid check digit


# --- Vocabularies ------------------------------------------------------------------------------------

def test_vocabularies_have_ascii_ids_and_both_labels() -> None:
    assert c.SIZE_CLASSES == ("mikro", "pieni", "keskisuuri", "suuri")
    assert len(c.MINISTRY_SEGMENTS) == 6 and {"paikallinen", "kotimarkkina"} <= set(c.MINISTRY_SEGMENTS)
    assert len(c.SERVICE_NEED_SEGMENTS) == 5 and len(c.LIFECYCLE_PHASES) == 4
    for name, vocabulary in c.VOCABULARIES.items():
        for value, labels in vocabulary.items():
            assert value.isascii() and value.isidentifier() and len(value) <= 20, (name, value)
            assert labels.fi and labels.en
    assert c.label("ministry_segment", "paikallinen", "en") == "Local companies"
    assert c.label("lifecycle_phase", "sailyttaminen") == "Säilyttäminen"
    assert c.label("size_class", "unknown-old-value") == "unknown-old-value"
    assert [c.size_class_for(n) for n in (1, 9, 10, 49, 50, 249, 250)] == [
        "mikro", "mikro", "pieni", "pieni", "keskisuuri", "keskisuuri", "suuri"]


# --- add, get, update, contacts ----------------------------------------------------------------------

def test_add_customer_cleans_and_stores_everything(s: Session) -> None:
    customer = c.add_customer(
        s, NOW, " 112038-9 ", "  Oy   Esimerkki Ab ", industry="62.010", size_class="Pieni", municipality="Tampere",
        ministry_segment="paikallinen", service_need_segment="kasvava", lifecycle_phase="kehittäminen",
        contacts=[{"name": "Maija Meikäläinen", "title": "toimitusjohtaja", "phone": "+358 40 123 4567",
                   "email": "maija@esimerkki.example"}])
    assert customer.id is not None
    got = c.get_customer(s, "0112038-9")
    assert got is customer
    assert (got.business_id, got.name, got.industry, got.size_class, got.lifecycle_phase) == (
        "0112038-9", "Oy Esimerkki Ab", "62010", "pieni", "kehittaminen")
    assert got.created_at == NOW
    assert [(p.name, p.email) for p in got.contacts] == [("Maija Meikäläinen", "maija@esimerkki.example")]


def test_vocabulary_fields_take_ids_or_labels_in_any_case(s: Session) -> None:
    customer = c.add_customer(s, NOW, "0112038-9", "Oy Esimerkki Ab", size_class=" Pieni ",
                              ministry_segment="LOCAL COMPANIES", service_need_segment="Korvausrekrytointeja",
                              lifecycle_phase="Säilyttäminen")
    assert (customer.size_class, customer.ministry_segment, customer.service_need_segment,
            customer.lifecycle_phase) == ("pieni", "paikallinen", "korvausrekrytointi", "sailyttaminen")


def test_add_customer_reports_every_field_error_at_once(s: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        c.add_customer(s, NOW, "0112038-9", "", industry="62-01x", size_class="huge", municipality="x" * 101,
                       ministry_segment="paikalinen", service_need_segment="nope", lifecycle_phase="loppu",
                       contacts=[{"name": "", "email": "not-an-address", "phone": "call me"}, {"nam": "typo"}])
    exc = caught.value
    assert not isinstance(exc, BusinessIdError)
    fields = [p.split(":", 1)[0] for p in exc.problems]
    assert fields == ["name", "industry", "size_class", "municipality", "ministry_segment", "service_need_segment",
                      "lifecycle_phase", "contact 1 name", "contact 1 phone", "contact 1 email", "contact 2 nam",
                      "contact 2 name"]
    message = str(exc)
    assert message.startswith("The company was not saved (12 errors).")
    for field in fields:
        assert f"{field}: " in message
    assert "Did you mean 'paikallinen'?" in message and "use one of mikro, pieni, keskisuuri, suuri" in message
    assert count(s) == 0


def test_bad_business_id_raises_business_id_error_with_the_other_errors(s: Session) -> None:
    with pytest.raises(BusinessIdError, match="the check digit should be 9") as caught:
        c.add_customer(s, NOW, "0112038-8", "Oy Esimerkki Ab", size_class="huge")
    assert [p.split(":", 1)[0] for p in caught.value.problems] == ["business_id", "size_class"]
    assert count(s) == 0


def test_long_name_and_control_characters_are_refused(s: Session) -> None:
    with pytest.raises(ValidationError, match="301 characters long; at most 300"):
        c.add_customer(s, NOW, "0112038-9", "x" * 301)
    with pytest.raises(ValidationError, match="control characters"):
        c.add_customer(s, NOW, "0112038-9", "Oy\x00 Ab")
    c.add_customer(s, NOW, "0112038-9", "x" * 300)


def test_duplicate_business_id_names_the_existing_company(s: Session) -> None:
    c.add_customer(s, NOW, "0112038-9", "Oy Esimerkki Ab")
    with pytest.raises(ValidationError, match="0112038-9 is already registered to 'Oy Esimerkki Ab'") as caught:
        c.add_customer(s, NOW, "112038-9", "Toinen Oy")
    assert not isinstance(caught.value, BusinessIdError)
    assert count(s) == 1


def test_get_customer_not_found_is_a_sentence(s: Session) -> None:
    with pytest.raises(NotFound, match=r"no company with Business ID 0112038-9; add the company first\."):
        c.get_customer(s, "0112038-9")
    with pytest.raises(NotFound, match="the check digit should be 9"):
        c.get_customer(s, "0112038-8")


def test_update_customer_changes_given_fields_only(s: Session) -> None:
    c.add_customer(s, NOW, "0112038-9", "Oy Esimerkki Ab", municipality="Tampere", size_class="mikro")
    updated = c.update_customer(s, "112038-9", size_class="pieni", lifecycle_phase="haltuunotto", industry="")
    assert (updated.size_class, updated.lifecycle_phase, updated.municipality, updated.industry) == (
        "pieni", "haltuunotto", "Tampere", "")
    with pytest.raises(ValidationError) as caught:
        c.update_customer(s, "0112038-9", business_id="0201256-6", name="", colour="blue", size_class="iso")
    assert [p.split(":", 1)[0] for p in caught.value.problems] == ["business_id", "name", "colour", "size_class"]
    assert c.get_customer(s, "0112038-9").name == "Oy Esimerkki Ab"
    with pytest.raises(NotFound):
        c.update_customer(s, "0201256-6", name="Ei ole Oy")


def test_add_contact(s: Session) -> None:
    c.add_customer(s, NOW, "0112038-9", "Oy Esimerkki Ab")
    person = c.add_contact(s, "0112038-9", "Matti Meikäläinen", title="HR", phone="040-123 4567",
                           email="matti@esimerkki.example")
    assert person.id is not None and person.customer_id == c.get_customer(s, "0112038-9").id
    assert s.scalar(select(func.count()).select_from(ContactPerson)) == 1
    with pytest.raises(ValidationError) as caught:
        c.add_contact(s, "0112038-9", " ", email="a@b", phone="12")
    assert [p.split(":", 1)[0] for p in caught.value.problems] == ["name", "phone", "email"]
    with pytest.raises(NotFound):
        c.add_contact(s, "0201256-6", "Joku")


# --- search ------------------------------------------------------------------------------------------

def test_search_by_name_substring_or_business_id_prefix(s: Session) -> None:
    for bid, name in [("0112038-9", "Oy Esimerkki Ab"), ("0201256-6", "Tampereen Konepaja Oy"),
                      ("1000000-4", "Konepaja 100% Oy"), ("2000000-8", "Alku_Oy")]:
        c.add_customer(s, NOW, bid, name)

    def names(query: str) -> list[str]:
        return [x.name for x in s.scalars(c.search_customers(query))]

    assert names("KONEPAJA") == ["Konepaja 100% Oy", "Tampereen Konepaja Oy"]
    assert names("  tampereen   konepaja ") == ["Tampereen Konepaja Oy"]
    assert names("0") == ["Konepaja 100% Oy", "Oy Esimerkki Ab", "Tampereen Konepaja Oy"]
    assert names("02012") == ["Tampereen Konepaja Oy"]
    assert names("112038-") == ["Oy Esimerkki Ab"]       # an old six-digit ID's start
    assert names("100") == ["Konepaja 100% Oy"]          # ID prefix and name match the same company
    assert names("%") == ["Konepaja 100% Oy"]            # wildcards are literal
    assert names("_") == ["Alku_Oy"]
    assert names("") == ["Alku_Oy", "Konepaja 100% Oy", "Oy Esimerkki Ab", "Tampereen Konepaja Oy"]
    assert names("ei ketään") == []
    assert len(s.scalars(c.search_customers("").limit(2)).all()) == 2   # the caller paginates


# --- CSV import --------------------------------------------------------------------------------------

def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "yritykset.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run_import(sessions: sessionmaker[Session], path: Path, **kwargs: object) -> c.ImportReport:
    return c.import_customers_csv(sessions, path, NOW, **kwargs)  # type: ignore[arg-type]


def all_customers(sessions: sessionmaker[Session]) -> dict[str, Customer]:
    with sessions() as session:
        return {x.business_id: x for x in session.scalars(select(Customer))}


def test_import_keeps_good_rows_and_reports_bad_ones_by_line(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    path = write(tmp_path, "\n".join([
        HEADER,
        "0112038-9,Oy Esimerkki Ab,62010,pieni,Tampere,paikallinen,kasvava,kehittaminen",  # 2 good
        "1234567-8,Väärä Oy,,,,,,",                                                        # 3 bad check digit
        ",Nimetön,,,,,,",                                                                  # 4 no ID
        "0201256-6,,,,,,,",                                                                # 5 no name
        "",                                                                                # 6 blank: skipped
        "1000000-4,Segmentti Oy,,,,globaali,,",                                            # 7 unknown segment
        "2000000-8,Liikaa Oy,,,,,,,ylimääräinen",                                          # 8 too many columns
        "0000002-7,Liian vähän Oy",                                                        # 9 too few columns
        '"0000010-7","Lainaus, Oy",,"mikro",Nokia,,,',                                     # 10 good, quoted
        "112038-9,Sama Oy,,,,,,",                                                          # 11 repeats line 2
        "0000100-3,Oy Toinen Ab,,,,,,",                                                    # 12 good
    ]) + "\n")
    report = run_import(sessions, path)
    assert (report.added, report.updated) == (3, 0)
    lines = {e.line: e.reason for e in report.errors}
    assert sorted(lines) == [3, 4, 5, 7, 8, 9, 11]
    assert "business_id: " in lines[3] and "the check digit should be 1" in lines[3]
    assert "The Business ID is missing" in lines[4]
    assert "name: Give the company's name." in lines[5]
    assert "ministry_segment: 'globaali' is not a ministry segment" in lines[7]
    assert "The row has 9 values but the header has 8 columns." in lines[8]
    assert "The row has 2 values but the header has 8 columns." in lines[9]
    assert "Business ID 0112038-9 is already on line 2 of this file." in lines[11]
    stored = all_customers(sessions)
    assert sorted(stored) == ["0000010-7", "0000100-3", "0112038-9"]
    assert stored["0000010-7"].name == "Lainaus, Oy" and stored["0000010-7"].municipality == "Nokia"
    assert stored["0112038-9"].ministry_segment == "paikallinen"


def test_import_updates_existing_companies_and_keeps_blank_cells(sessions: sessionmaker[Session],
                                                                   tmp_path: Path) -> None:
    with sessions() as session, session.begin():
        c.add_customer(session, NOW, "0112038-9", "Oy Esimerkki Ab", municipality="Tampere", size_class="mikro")
    path = write(tmp_path, "business_id,name,size_class,municipality\n0112038-9,Esimerkki Oyj,pieni,\n"
                           "0201256-6,Uusi Oy,,Nokia\n")
    report = run_import(sessions, path)
    assert (report.added, report.updated, report.errors) == (1, 1, [])
    stored = all_customers(sessions)
    assert (stored["0112038-9"].name, stored["0112038-9"].size_class, stored["0112038-9"].municipality) == (
        "Esimerkki Oyj", "pieni", "Tampere")
    assert stored["0201256-6"].municipality == "Nokia" and stored["0201256-6"].created_at == NOW


def test_import_bom_semicolons_and_finnish_column_names(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    text = ("Y-tunnus;Nimi;Toimiala;Kokoluokka;Kunta;Ministeriön segmentti;Palvelutarvesegmentti;Elinkaaren vaihe\r\n"
            "0112038-9;Äänekosken Öljy Oy;47300;mikro;Pälkäne;kotimarkkina;tehostava;säilyttäminen\r\n"
            "0201256-6;Rivi, jossa pilkku Oy;;;Ylöjärvi;;;\r\n"
            "0000002-7;;;;;;;\r\n")
    report = run_import(sessions, write(tmp_path, "\ufeff" + text))
    assert report.added == 2
    assert [(e.line, e.reason) for e in report.errors] == [(4, "Nimi: Give the company's name.")]
    stored = all_customers(sessions)
    assert stored["0112038-9"].name == "Äänekosken Öljy Oy"
    assert stored["0112038-9"].lifecycle_phase == "sailyttaminen"
    assert stored["0201256-6"].name == "Rivi, jossa pilkku Oy"


def test_latin1_file_is_one_clear_error(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    path = write(tmp_path, "business_id,name\n0112038-9,Oy Esimerkki Ab\n0201256-6,Pälkäneen Oy\n", "latin-1")
    report = run_import(sessions, path)
    assert (report.added, report.updated) == (0, 0)
    assert len(report.errors) == 1
    assert report.errors[0].line == 3
    assert "not UTF-8" in report.errors[0].reason and "CSV UTF-8" in report.errors[0].reason
    assert all_customers(sessions) == {}


def test_utf16_file_is_one_clear_error(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    report = run_import(sessions, write(tmp_path, "\ufeffbusiness_id,name\n0112038-9,Oy\n", "utf-16-le"))
    assert [e.line for e in report.errors] == [1]
    assert report.errors[0].reason.startswith("The file is UTF-16 text; save it as UTF-8")


@pytest.mark.parametrize(("text", "says"), [
    ("business_id,name,colour\n0112038-9,Oy,blue\n", "Unknown column 'colour'"),
    ("business_id,nmae\n0112038-9,Oy\n", "Did you mean name?"),
    ("business_id,name,\n0112038-9,Oy,\n", "Unknown column (no name, column 3)"),
    ("business_id,industry\n0112038-9,62010\n", "The column name is required."),
    ("municipality\nTampere\n", "The columns business_id and name are required."),
    ("business_id,name,y_tunnus\n0112038-9,Oy,0112038-9\n", "The column business_id appear"),
    ("0112038-9,Oy Esimerkki Ab\n0201256-6,Toinen Oy\n", "The first line must name the columns"),
    ("", "The file is empty"),
    ("\n\n  \n", "The file is empty"),
])
def test_header_problems_are_one_error_and_nothing_is_imported(sessions: sessionmaker[Session], tmp_path: Path,
                                                                text: str, says: str) -> None:
    report = run_import(sessions, write(tmp_path, text))
    assert len(report.errors) == 1 and report.errors[0].line == 1, report.errors
    reason = report.errors[0].reason
    assert says in reason
    assert reason.endswith("Nothing was imported.") or reason.startswith("The file is empty")
    assert (report.added, report.updated) == (0, 0)
    assert all_customers(sessions) == {}


def test_header_only_imports_nothing_without_errors(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = run_import(sessions, write(tmp_path, HEADER + "\n"), progress=lambda d, t: calls.append((d, t)))
    assert (report.added, report.updated, report.errors, calls) == (0, 0, [], [])


def test_line_numbers_are_physical_and_multiline_values_refused(sessions: sessionmaker[Session],
                                                                    tmp_path: Path) -> None:
    path = write(tmp_path, 'business_id,name\n0112038-9,"Monirivinen\nnimi Oy"\n\n0201256-6,\n'
                           '0000002-7,"Avoin lainaus Oy\n0000010-7,Oy\n')
    report = run_import(sessions, path)
    assert report.added == 0
    lines = {e.line: e.reason for e in report.errors}
    assert sorted(lines) == [2, 5, 6]
    assert lines[2] == "name: The value runs over several lines; check for a missing closing quote."
    assert "name: Give the company's name." in lines[5]
    assert "missing closing quote" in lines[6]   # it swallowed line 7


def test_progress_is_called_after_each_batch(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    rng = random.Random(5)
    numbers: set[str] = set()
    while len(numbers) < 1200:
        seven = f"{rng.randrange(10_000_000):07d}"
        if reference_check_digit(seven) is not None:
            numbers.add(seven)
    rows = [f"{n}-{reference_check_digit(n)},Yritys {i} Oy" for i, n in enumerate(sorted(numbers))]
    rows[700] = "0112038-8,Väärä Oy"
    calls: list[tuple[int, int]] = []
    report = run_import(sessions, write(tmp_path, "business_id,name\n" + "\n".join(rows)),
                        progress=lambda done, total: calls.append((done, total)))
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]
    assert (report.added, [e.line for e in report.errors]) == (1199, [702])
    with sessions() as session:
        assert count(session) == 1199


def test_each_batch_is_its_own_transaction(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    text = "business_id,name\n0112038-9,A Oy\n0201256-6,B Oy\n1000000-4,C Oy\n"
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        with sessions() as session:    # committed by the time progress is told
            seen.append(count(session))

    run_import(sessions, write(tmp_path, text), progress=progress, batch_size=2)
    assert seen == [2, 3]


def test_row_and_size_caps_are_clear_errors(sessions: sessionmaker[Session], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    text = "business_id,name\n0112038-9,A Oy\n0201256-6,B Oy\n1000000-4,C Oy\n"
    monkeypatch.setattr(c, "MAX_IMPORT_ROWS", 2)
    report = run_import(sessions, write(tmp_path, text))
    assert [e.line for e in report.errors] == [0] and "more than 2 rows" in report.errors[0].reason
    monkeypatch.setattr(c, "MAX_IMPORT_ROWS", 3)
    monkeypatch.setattr(c, "MAX_IMPORT_BYTES", 20)
    report = run_import(sessions, write(tmp_path, text))
    assert [e.line for e in report.errors] == [0] and "split it into smaller files" in report.errors[0].reason
    assert all_customers(sessions) == {}
    monkeypatch.setattr(c, "MAX_IMPORT_BYTES", 50 * 1024 * 1024)
    assert run_import(sessions, write(tmp_path, text)).added == 3


def test_unreadable_paths_are_errors_not_tracebacks(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    for path in (tmp_path / "missing.csv", tmp_path):
        report = run_import(sessions, path)
        assert [e.line for e in report.errors] == [0] and "cannot be read" in report.errors[0].reason


def test_csv_errors_and_odd_bytes_never_raise(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    huge = "x" * 200_000
    report = run_import(sessions, write(tmp_path, f"business_id,name\n0112038-9,{huge}\n0201256-6,Oy\x00\n"
                                                  "1000000-4,Hyvä Oy\n"))
    assert report.added == 1
    assert [e.line for e in report.errors] == [2, 3]
    assert "cannot be read as CSV" in report.errors[0].reason and "control characters" in report.errors[1].reason
    rng = random.Random(3)
    for n in range(30):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        prefix = b"business_id;name\n" if n % 2 else b""
        path = tmp_path / f"noise{n}.csv"
        path.write_bytes(prefix + blob)
        report = run_import(sessions, path)
        assert all(isinstance(e.line, int) and e.reason.endswith((".", "?")) for e in report.errors), report.errors


def test_engine_facade_adds_and_imports(tmp_path: Path) -> None:
    from engine import Engine, ManualClock

    eng = Engine(f"sqlite:///{tmp_path / 'e.db'}", clock=ManualClock(NOW))
    try:
        eng.add_customer("0112038-9", name="Oy Esimerkki Ab", size_class="mikro")
        report = eng.import_customers(write(tmp_path, "y_tunnus;nimi\n0201256-6;Toinen Oy\n0112038-9;Uusi nimi Oy\n"))
        assert (report.added, report.updated, report.errors) == (1, 1, [])
        assert eng.customer("112038-9").name == "Uusi nimi Oy"
    finally:
        eng.dispose()


# --- demo data ---------------------------------------------------------------------------------------

def test_every_demo_company_passes_add_customer(s: Session) -> None:
    assert len(DEMO_COMPANIES) >= 30
    ids = [company["business_id"] for company in DEMO_COMPANIES]
    assert len(set(ids)) == len(ids)
    assert len({company["name"] for company in DEMO_COMPANIES}) == len(ids)
    for company in DEMO_COMPANIES:
        assert c.normalize_business_id(company["business_id"]) == company["business_id"]
        assert 1 <= len(company["contacts"]) <= 2
        for field in ("industry", "size_class", "municipality", "ministry_segment", "lifecycle_phase"):
            assert company[field], (company["name"], field)
        c.add_customer(s, NOW, **company)
    assert count(s) == len(DEMO_COMPANIES)
    assert s.scalar(select(func.count()).select_from(ContactPerson)) == sum(
        len(company["contacts"]) for company in DEMO_COMPANIES)


# --- prospective entrepreneurs: cards without a Business ID (issue 18) -------------------------------

def test_a_prospect_card_has_no_business_id_and_a_key_that_is_never_one(s: Session) -> None:
    card = c.add_prospect(s, NOW, "  Maija   Meikäläinen ", planned_company="Meikän Leipomo", phone="040 123 4567")
    other = c.add_prospect(s, NOW, "Ville Virtanen")        # many cards without a Business ID
    assert (card.business_id, card.name, card.planned_company) == (None, "Maija Meikäläinen", "Meikän Leipomo")
    assert card.key == f"H-{card.id}" and other.key == f"H-{other.id}" and card.is_prospect
    assert not c.is_valid_business_id(card.key)
    assert [(p.name, p.phone) for p in card.contacts] == [("Maija Meikäläinen", "040 123 4567")]
    assert c.get_customer(s, card.key) is card and c.get_customer(s, f" h-{card.id}") is card
    assert s.scalar(select(Customer.key).where(Customer.id == card.id)) == card.key    # the same key in SQL
    found = s.scalars(c.search_customers(card.key)).all()
    assert found == [card]
    assert s.scalars(c.search_customers("leipomo")).all() == [card]     # by the planned company's name


def test_a_prospect_card_needs_a_name_and_takes_only_good_contact_details(s: Session) -> None:
    with pytest.raises(ValidationError) as refused:
        c.add_prospect(s, NOW, " ", email="not an address")
    assert "name: Give the person's name." in refused.value.problems
    assert any(p.startswith("email:") for p in refused.value.problems)
    assert count(s) == 0


def test_an_unknown_card_key_is_a_sentence(s: Session) -> None:
    with pytest.raises(NotFound) as missing:
        c.get_customer(s, "H-999")
    assert missing.value.code == "customer.no_card" and str(missing.value) == "There is no customer card H-999."


def test_recording_the_business_id_keeps_the_card_and_is_checked(s: Session) -> None:
    company = c.add_customer(s, NOW, "0112038-9", "Oy Esimerkki Ab")
    card = c.add_prospect(s, NOW, "Maija Meikäläinen", planned_company="Meikän Leipomo")
    with pytest.raises(ValidationError) as taken:
        c.record_business_id(s, NOW, card.key, "112038-9")       # the old six-digit form of the company's ID
    assert taken.value.code == "customer.business_id_taken" and "Oy Esimerkki Ab" in str(taken.value)
    with pytest.raises(BusinessIdError):
        c.record_business_id(s, NOW, card.key, "2617416-5")
    founded = c.record_business_id(s, NOW, card.key, "2617416-4")
    assert (founded.id, founded.business_id, founded.name, founded.key) == (card.id, "2617416-4", "Meikän Leipomo",
                                                                           "2617416-4")
    assert c.get_customer(s, f"H-{card.id}") is founded and c.get_customer(s, "2617416-4") is founded
    [event] = s.scalars(select(AuditEvent).where(AuditEvent.kind == "customer_business_id")).all()
    assert (event.actor, event.data) == ("system", {"customer_id": card.id})
    assert event.message == f"Recorded Business ID 2617416-4 on customer card H-{card.id} (Meikän Leipomo)."
    with pytest.raises(ValidationError) as again:
        c.record_business_id(s, NOW, "2617416-4", "0112038-9")
    assert again.value.code == "customer.has_business_id"
    with pytest.raises(ValidationError) as has_one:
        c.record_business_id(s, NOW, company.key, "2617416-4")
    assert has_one.value.code == "customer.has_business_id"
