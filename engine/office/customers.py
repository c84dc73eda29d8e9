"""Business customers: companies identified by their Business ID (Y-tunnus), with segments and contacts;
and prospective entrepreneurs (issue 18): a person planning to found a company, on a card without a
Business ID, keyed "H-<card id>" (engine.models.Customer.key) until an expert records the company's
Business ID on the same card, which keeps its instances, history and CRM records.

The functions take the caller's `Session` (one transaction per engine operation); only the CSV
import takes a session factory, because it commits in batches so a large file neither holds one
long write lock nor loses every good row to one bad one.

Field values are short ascii ids (`paikallinen`, `kasvava` ...); `VOCABULARIES` maps each field
to its ids and their Finnish and English labels for the screens.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import BusinessIdError, NotFound, ValidationError
from ..models import AuditKind, ContactPerson, Customer, prospect_id
from ..runtime import audit
from ..runtime.queries import Page, paginate

# --- Business ID (Y-tunnus) -------------------------------------------------------------------------

BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
# [0-9], not \d: \d also matches other scripts' digits, which int() accepts but no register does.
_BUSINESS_ID = re.compile(r"([0-9]{6,7})-([0-9])")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))   # pasted from word processors
_EXAMPLE = "write it as seven digits, a hyphen and the check digit, e.g. 0112038-9"


def business_id_check_digit(digits: str) -> int | None:
    """The check digit of seven digits, or None when none fits (remainder 1: such numbers are never issued)."""
    remainder = sum(w * int(d) for w, d in zip(BUSINESS_ID_WEIGHTS, digits, strict=True)) % 11
    if remainder == 0:
        return 0
    return None if remainder == 1 else 11 - remainder


def normalize_business_id(text: str) -> str:
    """The canonical `1234567-8` form; old six-digit IDs get their leading zero. Raises BusinessIdError."""
    raw = text.strip().translate(_DASHES) if isinstance(text, str) else ""
    match = _BUSINESS_ID.fullmatch(raw)
    if match is None:
        raise BusinessIdError(_format_problem(text))
    digits = match.group(1).zfill(7)
    expected = business_id_check_digit(digits)
    if expected is None:
        raise BusinessIdError(f"Business ID '{raw}' is not valid: no check digit fits the digits {digits}, "
                              "so one of them is mistyped.", code="business_id.no_check_digit",
                              params={"business_id": raw[:40], "digits": digits})
    if int(match.group(2)) != expected:
        raise BusinessIdError(f"Business ID '{raw}' is not valid: the check digit should be {expected}, "
                              "or one of the other digits is mistyped.", code="business_id.check_digit",
                              params={"business_id": raw[:40], "expected": expected})
    return f"{digits}-{expected}"


def _format_problem(text: object) -> str:
    if not isinstance(text, str):
        return f"A Business ID must be text; {_EXAMPLE}."
    raw = text.strip()
    if not raw:
        return f"The Business ID is missing; {_EXAMPLE}."
    if re.fullmatch(r"[0-9]{8}", raw):
        return f"Business ID '{raw}' lacks the hyphen before the check digit: write {raw[:7]}-{raw[7]}."
    return f"'{raw[:40]}' is not a Business ID; {_EXAMPLE}."


def is_valid_business_id(text: str) -> bool:
    try:
        normalize_business_id(text)
    except BusinessIdError:
        return False
    return True


# --- Field vocabularies ------------------------------------------------------------------------------

class Label(NamedTuple):
    fi: str
    en: str


SIZE_CLASS_LABELS = {
    "mikro": Label("Mikroyritys (1-9 henkilöä)", "Micro company (1-9 people)"),
    "pieni": Label("Pieni yritys (10-49 henkilöä)", "Small company (10-49 people)"),
    "keskisuuri": Label("Keskisuuri yritys (50-249 henkilöä)", "Medium-sized company (50-249 people)"),
    "suuri": Label("Suuri yritys (250+ henkilöä)", "Large company (250+ people)"),
}
MINISTRY_SEGMENT_LABELS = {   # TEM's company customer strategy; the TE Office answers for the 2nd and 3rd
    "aloittava": Label("Yrityksen perustajat ja keksijät", "Founders and inventors"),
    "paikallinen": Label("Paikallisesti toimivat yritykset", "Local companies"),
    "kotimarkkina": Label("Kotimarkkinoille keskittyvät yritykset", "Domestic-market companies"),
    "kansainvalistyva": Label("Kansainvälisesti kasvavat yritykset", "Companies growing internationally"),
    "suuryritys": Label("Suuryritykset", "Large companies"),
    "yhteiso": Label("Yhteisöt", "Communities"),
}
SERVICE_NEED_SEGMENT_LABELS = {   # the office's own segments for its yearly customer plan
    "kasvava": Label("Kasvattaa toimintaa", "Growing"),
    "tehostava": Label("Tehostaa toimintaa", "Improving efficiency"),
    "ongelmat": Label("Tuotannollisia tai taloudellisia ongelmia", "Production or financial problems"),
    "aloitusvaihe": Label("Aloitusvaiheen haasteita", "Start-up challenges"),
    "korvausrekrytointi": Label("Korvausrekrytointeja", "Replacement recruitment"),
}
LIFECYCLE_PHASE_LABELS = {
    "hankinta": Label("Hankinta", "Acquisition"),
    "haltuunotto": Label("Haltuunotto", "Take-over"),
    "kehittaminen": Label("Kehittäminen", "Development"),
    "sailyttaminen": Label("Säilyttäminen", "Retention"),
}
SIZE_CLASSES = tuple(SIZE_CLASS_LABELS)
MINISTRY_SEGMENTS = tuple(MINISTRY_SEGMENT_LABELS)
SERVICE_NEED_SEGMENTS = tuple(SERVICE_NEED_SEGMENT_LABELS)
LIFECYCLE_PHASES = tuple(LIFECYCLE_PHASE_LABELS)
VOCABULARIES: dict[str, dict[str, Label]] = {
    "size_class": SIZE_CLASS_LABELS,
    "ministry_segment": MINISTRY_SEGMENT_LABELS,
    "service_need_segment": SERVICE_NEED_SEGMENT_LABELS,
    "lifecycle_phase": LIFECYCLE_PHASE_LABELS,
}


def label(field_name: str, value: str, language: str = "fi") -> str:
    """The label of a vocabulary id in 'fi' or 'en'; the id itself when unknown (old data stays readable)."""
    found = VOCABULARIES.get(field_name, {}).get(value)
    return (found.en if language == "en" else found.fi) if found else value


def size_class_for(employees: int) -> str:
    return "mikro" if employees < 10 else "pieni" if employees < 50 else "keskisuuri" if employees < 250 else "suuri"


# --- Cleaning field values ---------------------------------------------------------------------------

CUSTOMER_FIELDS = ("name", "industry", "size_class", "municipality", "ministry_segment",
                   "service_need_segment", "lifecycle_phase")
CONTACT_FIELDS = ("name", "title", "phone", "email")
MAX_NAME = 300
_TOL = re.compile(r"[0-9]{1,5}|[A-U]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 ()./-]+")
_NOUNS = {"size_class": "size class", "ministry_segment": "ministry segment",
          "service_need_segment": "service-need segment", "lifecycle_phase": "lifecycle phase"}


def _text(raw: Any, max_len: int, what: str) -> str:
    if raw is None:
        return ""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueError(f"The {what} must be text.")
    value = " ".join(raw.split())
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError(f"The {what} contains control characters; retype it.")
    if len(value) > max_len:
        raise ValueError(f"The {what} is {len(value)} characters long; at most {max_len} are allowed.")
    return value


def _fold(value: str) -> str:
    return value.strip().lower().replace("ä", "a").replace("å", "a").replace("ö", "o")


def _clean_vocabulary(field_name: str, raw: Any) -> str:
    """The id for an id or a label (Finnish or English, any case); spreadsheets often hold the labels."""
    given = _text(raw, 100, _NOUNS[field_name])
    vocabulary = VOCABULARIES[field_name]
    known = {_fold(text): value for value, labels in vocabulary.items() for text in (value, *labels)}
    if not given or _fold(given) in known:
        return known.get(_fold(given), "")
    close = difflib.get_close_matches(_fold(given), list(vocabulary), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise ValueError(f"'{given}' is not a {_NOUNS[field_name]}; use one of {', '.join(vocabulary)}.{hint}")


def _clean_industry(raw: Any) -> str:
    given = _text(raw, 20, "industry code")
    value = given.replace(".", "").replace(" ", "").upper()   # "62.01" and "62 010" are common spellings
    if value and not _TOL.fullmatch(value):
        raise ValueError(f"'{given}' is not a TOL 2008 industry code; write 1-5 digits (e.g. 62010) "
                         "or a section letter A-U.")
    return value


def _clean_name(raw: Any) -> str:
    value = _text(raw, MAX_NAME, "name")
    if not value:
        raise ValueError("Give the company's name.")
    return value


_CLEANERS: dict[str, Callable[[Any], str]] = {
    "name": _clean_name,
    "industry": _clean_industry,
    "municipality": lambda raw: _text(raw, 100, "municipality"),
    "planned_company": lambda raw: _text(raw, MAX_NAME, "planned company name"),   # a prospect's card
    **{name: partial(_clean_vocabulary, name) for name in VOCABULARIES},
}


def _clean_fields(values: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """(cleaned values, field -> error sentence) for customer fields; unknown keys are errors."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key, raw in values.items():
        cleaner = _CLEANERS.get(key)
        if cleaner is None:
            errors[str(key)[:50]] = (f"'{key}' is not a field of a company; the fields are "
                                     f"{', '.join(CUSTOMER_FIELDS)}.")
            continue
        try:
            cleaned[key] = cleaner(raw)
        except ValueError as exc:
            errors[key] = str(exc)
    return cleaned, errors


def _clean_contact(raw: Any) -> tuple[dict[str, str], dict[str, str]]:
    if not isinstance(raw, Mapping):
        return {}, {"contact": "A contact person must be given as name, title, phone and email."}
    cleaned: dict[str, str] = {}
    errors = {str(k)[:50]: f"'{k}' is not a field of a contact person; the fields are {', '.join(CONTACT_FIELDS)}."
              for k in raw if k not in CONTACT_FIELDS}
    for key in CONTACT_FIELDS:
        try:
            cleaned[key] = _contact_value(key, raw.get(key))
        except ValueError as exc:
            errors[key] = str(exc)
    return cleaned, errors


def _contact_value(key: str, raw: Any) -> str:
    value = _text(raw, 50 if key == "phone" else 200, key)
    if key == "name" and not value:
        raise ValueError("Give the contact person's name.")
    if key == "email" and value and not _EMAIL.fullmatch(value):
        raise ValueError(f"'{value}' is not an e-mail address.")
    if key == "phone" and value and not (_PHONE.fullmatch(value) and sum(ch.isdigit() for ch in value) >= 5):
        raise ValueError(f"'{value}' is not a phone number; write e.g. +358 40 123 4567.")
    return value


def _fail(errors: Mapping[str, str], what: str, bad_business_id: bool = False) -> NoReturn:
    problems = [f"{key}: {message}" for key, message in errors.items()]
    count = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
    error = BusinessIdError if bad_business_id else ValidationError
    raise error(f"The {what} was not saved ({count}). " + " ".join(problems), problems)


# --- Customers ---------------------------------------------------------------------------------------

def add_customer(session: Session, now: datetime, business_id: str, name: str, *, industry: str = "",
                 size_class: str = "", municipality: str = "", ministry_segment: str = "",
                 service_need_segment: str = "", lifecycle_phase: str = "",
                 contacts: Iterable[Mapping[str, str]] = ()) -> Customer:
    """Add a company; every field error is reported at once (BusinessIdError when the ID is one of them)."""
    errors: dict[str, str] = {}
    bid = ""
    try:
        bid = normalize_business_id(business_id)
    except BusinessIdError as exc:
        errors["business_id"] = str(exc)
    cleaned, field_errors = _clean_fields({
        "name": name, "industry": industry, "size_class": size_class, "municipality": municipality,
        "ministry_segment": ministry_segment, "service_need_segment": service_need_segment,
        "lifecycle_phase": lifecycle_phase})
    errors.update(field_errors)
    people = []
    for number, raw in enumerate(contacts, start=1):
        person, person_errors = _clean_contact(raw)
        people.append(person)
        errors.update({f"contact {number} {key}": message for key, message in person_errors.items()})
    existing = _find(session, bid) if bid else None
    if existing is not None:
        errors["business_id"] = f"Business ID {bid} is already registered to '{existing.name}'."
    if errors:
        _fail(errors, "company", bad_business_id=not bid)
    customer = Customer(business_id=bid, created_at=now, **cleaned)
    customer.contacts = [ContactPerson(**person) for person in people]
    try:
        with session.begin_nested():   # a savepoint, so a lost race leaves the caller's transaction usable
            session.add(customer)
    except IntegrityError as exc:
        raise ValidationError(f"Business ID {bid} was registered by someone else just now; "
                              "reload and check the company.", code="customer.registered_meanwhile",
                              params={"business_id": bid}) from exc
    return customer


def _find(session: Session, business_id: str) -> Customer | None:
    return session.scalars(select(Customer).where(Customer.business_id == business_id)).first()


def get_customer(session: Session, business_id: str) -> Customer:
    """The card a key names: a Business ID (also in the old six-digit form), or "H-<id>" of any card."""
    card = prospect_id(business_id)
    if card is not None:
        found = session.get(Customer, card)
        if found is None:
            raise NotFound(f"There is no customer card {business_id.strip()}.", code="customer.no_card",
                           params={"key": business_id.strip()[:40]})
        return found
    try:
        bid = normalize_business_id(business_id)
    except BusinessIdError as exc:
        raise NotFound(f"There is no company with Business ID '{str(business_id)[:40]}'. {exc}",
                       code="customer.bad_business_id", params={"business_id": str(business_id)[:40]}) from exc
    customer = _find(session, bid)
    if customer is None:
        raise NotFound(f"There is no company with Business ID {bid}; add the company first.", code="customer.not_found",
                       params={"business_id": bid})
    return customer


def update_customer(session: Session, business_id: str, /, **fields: Any) -> Customer:
    """Change the given fields of a company (not its Business ID); every error is reported at once."""
    customer = get_customer(session, business_id)
    changes = dict(fields)
    errors: dict[str, str] = {}
    if "business_id" in changes:
        changes.pop("business_id")
        errors["business_id"] = "The Business ID of a company cannot be changed; add the company under the new ID."
    cleaned, field_errors = _clean_fields(changes)
    errors.update(field_errors)
    if errors:
        _fail(errors, f"company {customer.key}")
    for key, value in cleaned.items():
        setattr(customer, key, value)
    session.flush()
    return customer


def add_contact(session: Session, business_id: str, name: str, title: str = "", phone: str = "",
                email: str = "") -> ContactPerson:
    customer = get_customer(session, business_id)
    cleaned, errors = _clean_contact({"name": name, "title": title, "phone": phone, "email": email})
    if errors:
        _fail(errors, "contact person")
    person = ContactPerson(**cleaned)
    customer.contacts.append(person)
    session.flush()
    return person


def add_prospect(session: Session, now: datetime, name: str, *, planned_company: str = "",
                 municipality: str = "", phone: str = "", email: str = "") -> Customer:
    """A card for a person planning to found a company, without a Business ID (keyed "H-<id>"): the
    person's name, the planned company's name if known, and the person as the card's contact person."""
    cleaned, errors = _clean_fields({"name": name, "municipality": municipality})
    if "name" in errors:
        errors["name"] = "Give the person's name."
    planned = ""
    try:
        planned = _text(planned_company, MAX_NAME, "planned company name")
    except ValueError as exc:
        errors["planned_company"] = str(exc)
    person, person_errors = _clean_contact({"name": name, "phone": phone, "email": email})
    errors.update({key: message for key, message in person_errors.items() if key != "name"})
    if errors:
        _fail(errors, "customer card")
    customer = Customer(business_id=None, created_at=now, planned_company=planned,
                        ministry_segment="aloittava", lifecycle_phase="hankinta", **cleaned)
    customer.contacts = [ContactPerson(**person)]
    session.add(customer)
    session.flush()                   # the id is the card's key
    return customer


def record_business_id(session: Session, now: datetime, key: str, business_id: str, name: str = "",
                       actor: str = audit.SYSTEM) -> Customer:
    """The company was founded: its Business ID goes on the prospect's card, which keeps its instances,
    history and CRM records (all keyed by the card's id); `name` (default: the planned company name,
    else the person's) becomes the card's name. A Business ID on another card is refused."""
    customer = get_customer(session, key)
    if customer.business_id is not None:
        raise ValidationError(f"Customer {customer.name} already has Business ID {customer.business_id}; "
                              "it cannot be changed.", code="customer.has_business_id",
                              params={"customer": customer.name, "business_id": customer.business_id})
    bid = normalize_business_id(business_id)
    other = _find(session, bid)
    if other is not None:
        raise ValidationError(f"Business ID {bid} is already on the card of {other.name}; check the ID, or "
                              "continue on that card.", code="customer.business_id_taken",
                              params={"business_id": bid, "customer": other.name})
    cleaned, errors = _clean_fields({"name": name or customer.planned_company or customer.name})
    if errors:
        _fail(errors, f"customer card {customer.key}")
    old_key = customer.key
    customer.business_id = bid
    customer.name = cleaned["name"]
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise ValidationError(f"Business ID {bid} was registered by someone else just now; "
                              "reload and check the company.", code="customer.registered_meanwhile",
                              params={"business_id": bid}) from exc
    audit.record(session, now, actor, AuditKind.CUSTOMER_BUSINESS_ID, data={"customer_id": customer.id},
                 message=audit.say("audit.customer_business_id", business_id=bid, key=old_key, name=customer.name))
    return customer


_ID_PREFIX = re.compile(r"[0-9]{1,7}(-[0-9]?)?")


def search_customers(name_or_id: str) -> Select[tuple[Customer]]:
    """Companies whose name contains the text (any case) or whose Business ID starts with it, by name.

    A Select, so the caller paginates. On SQLite, case folding covers ascii letters only (Ä/ä differ).
    """
    query = " ".join(name_or_id.split())
    statement = select(Customer).order_by(Customer.name, Customer.id)
    if not query:
        return statement
    conditions = [Customer.name.icontains(query, autoescape=True),
                  Customer.planned_company.icontains(query, autoescape=True)]
    if (card := prospect_id(query)) is not None:
        conditions.append(Customer.id == card)
    if _ID_PREFIX.fullmatch(query):
        if re.fullmatch(r"[0-9]{6}-[0-9]?", query):   # an old six-digit ID is stored with its leading zero
            query = "0" + query
        conditions.append(Customer.business_id.startswith(query, autoescape=True))
    return statement.where(or_(*conditions))


# --- CSV import --------------------------------------------------------------------------------------

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_IMPORT_ROWS = 200_000
IMPORT_BATCH_ROWS = 500
IMPORT_COLUMNS = ("business_id", *CUSTOMER_FIELDS)
FINNISH_COLUMNS = ("y_tunnus", "nimi", "toimiala", "kokoluokka", "kunta", "ministerion_segmentti",
                   "palvelutarvesegmentti", "elinkaaren_vaihe")
_COLUMN_OF = {**{c: c for c in IMPORT_COLUMNS}, **dict(zip(FINNISH_COLUMNS, IMPORT_COLUMNS, strict=True))}


@dataclass
class RowError:
    line: int      # physical line in the file, the header being line 1; 0 = the file as a whole
    reason: str


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    business_id: str
    fields: dict[str, str]


class _FileProblem(Exception):
    """A problem with the whole file: it is reported as the one error and nothing is imported."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def import_customers_csv(session_factory: Callable[[], Session], path: str | Path, now: datetime,
                         progress: Callable[[int, int], None] | None = None, *,
                         batch_size: int = IMPORT_BATCH_ROWS) -> ImportReport:
    """Import companies from a CSV file: new Business IDs are added, known ones updated.

    Good rows are kept and bad ones reported by line; blank cells leave an existing company's value
    as it is. Each batch of rows is its own transaction; `progress(done, total)` follows each batch.
    """
    report = ImportReport()
    try:
        header_line, header, records = _read_table(Path(path))
        columns = _columns(header_line, header)
    except _FileProblem as problem:
        report.errors.append(RowError(problem.line, problem.reason))
        return report
    seen: dict[str, int] = {}
    checked = [_check_row(line, values, columns, header, seen) for line, values in records]
    report.errors.extend(row for row in checked if isinstance(row, RowError))
    for start in range(0, len(checked), batch_size):
        rows = [row for row in checked[start:start + batch_size] if isinstance(row, _Row)]
        _write(session_factory, rows, now, report)
        if progress is not None:
            progress(min(start + batch_size, len(checked)), len(checked))
    report.errors.sort(key=lambda e: e.line)
    return report


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_IMPORT_BYTES + 1)   # read no further than the cap, whatever the file is
    except OSError as exc:
        raise _FileProblem(0, f"The file {path} cannot be read: {exc.strerror or exc}.") from exc
    if len(data) > MAX_IMPORT_BYTES:
        raise _FileProblem(0, f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; "
                              "split it into smaller files and import them one by one.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _FileProblem(1, "The file is UTF-16 text; save it as UTF-8 (in Excel: 'CSV UTF-8').")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _FileProblem(line, f"The file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
                                 "save it as UTF-8 (in Excel: 'CSV UTF-8') and import it again.") from exc


def _read_table(path: Path) -> tuple[int, list[str], list[tuple[int, list[str] | str]]]:
    """(header line, header cells, [(line, cells)]) of the non-blank rows; line = where the row starts.

    A row the csv module cannot read has the csv error text in place of its cells.
    """
    text = _read_text(path)
    first = text.split("\n", 1)[0]
    # The header names contain no delimiters, so counting them there beats csv.Sniffer's guess on data.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    rows: list[tuple[int, list[str] | str]] = []
    line = 1
    while True:
        values: list[str] | str
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            values = str(exc)
        if isinstance(values, str) or any(v.strip() for v in values):
            rows.append((line, values))
            if len(rows) > MAX_IMPORT_ROWS + 1:
                raise _FileProblem(0, f"The file has more than {MAX_IMPORT_ROWS:,} rows; split it into "
                                      "smaller files and import them one by one.")
        line = reader.line_num + 1
    if not rows:
        raise _FileProblem(1, f"The file is empty; its first line names the columns: {','.join(IMPORT_COLUMNS)}.")
    header_line, header = rows[0]
    if isinstance(header, str):
        raise _FileProblem(header_line, f"The header line cannot be read as CSV: {header}. Nothing was imported.")
    return header_line, header, rows[1:]


def _columns(line: int, header: list[str]) -> list[str]:
    if is_valid_business_id(header[0]):
        raise _FileProblem(line, "The first line must name the columns, e.g. "
                                 f"{','.join(IMPORT_COLUMNS)}; it holds data now. Nothing was imported.")
    folded = [_fold(h).replace(" ", "_").replace("-", "_") for h in header]
    unknown = [f"'{h.strip()[:40]}'" if h.strip() else f"(no name, column {i})"
               for i, (h, f) in enumerate(zip(header, folded, strict=True), start=1) if f not in _COLUMN_OF]
    if unknown:
        hints = {difflib.get_close_matches(f, list(_COLUMN_OF), n=1)[0] for f in folded
                 if f not in _COLUMN_OF and difflib.get_close_matches(f, list(_COLUMN_OF), n=1)}
        hint = f" Did you mean {', '.join(sorted(hints))}?" if hints else ""
        raise _FileProblem(line, f"Unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; the "
                                 f"columns are {', '.join(IMPORT_COLUMNS)} (in Finnish {', '.join(FINNISH_COLUMNS)})."
                                 f"{hint} Nothing was imported.")
    columns = [_COLUMN_OF[f] for f in folded]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise _FileProblem(line, f"The column{'s' if len(twice) > 1 else ''} {', '.join(twice)} "
                                 "appear more than once. Nothing was imported.")
    missing = [c for c in ("business_id", "name") if c not in columns]
    if missing:
        raise _FileProblem(line, f"The column{'s' if len(missing) > 1 else ''} {' and '.join(missing)} "
                                 f"{'are' if len(missing) > 1 else 'is'} required. Nothing was imported.")
    return columns


def _check_row(line: int, values: list[str] | str, columns: list[str], header: list[str],
               seen: dict[str, int]) -> _Row | RowError:
    if isinstance(values, str):
        return RowError(line, f"The row cannot be read as CSV: {values}.")
    if len(values) != len(columns):
        hint = " A quoted value runs over several lines: check for a missing closing quote." if any(
            "\n" in v or "\r" in v for v in values) else " Check the delimiters and quotes."
        return RowError(line, f"The row has {len(values)} values but the header has {len(columns)} columns.{hint}")
    raw = dict(zip(columns, values, strict=True))
    named = dict(zip(columns, (h.strip() for h in header), strict=True))   # errors use the file's column names
    errors = {named[key]: "The value runs over several lines; check for a missing closing quote."
              for key, value in raw.items() if "\n" in value or "\r" in value}
    if errors:   # an unclosed quote swallows the lines after it into one value; none of these fields has lines
        return RowError(line, " ".join(f"{key}: {message}" for key, message in errors.items()))
    bid = ""
    try:
        bid = normalize_business_id(raw.pop("business_id"))
    except BusinessIdError as exc:
        errors[named["business_id"]] = str(exc)
    cleaned, field_errors = _clean_fields(raw)
    errors.update({named[key]: message for key, message in field_errors.items()})
    if bid in seen:
        errors[named["business_id"]] = f"Business ID {bid} is already on line {seen[bid]} of this file."
    if errors:
        return RowError(line, " ".join(f"{key}: {message}" for key, message in errors.items()))
    seen[bid] = line
    return _Row(line, bid, cleaned)


def _write(session_factory: Callable[[], Session], rows: list[_Row], now: datetime, report: ImportReport) -> None:
    if not rows:
        return
    try:
        with session_factory() as session, session.begin():
            added, updated = _upsert(session, rows, now)
    except IntegrityError:
        if len(rows) > 1:   # someone added one of these companies meanwhile: retry one by one to keep the rest
            for row in rows:
                _write(session_factory, [row], now, report)
            return
        report.errors.append(RowError(rows[0].line, f"Business ID {rows[0].business_id} was added by someone "
                                                    "else during the import; import this row again."))
        return
    report.added += added
    report.updated += updated


def _upsert(session: Session, rows: list[_Row], now: datetime) -> tuple[int, int]:
    ids = [row.business_id for row in rows]
    existing = {c.business_id: c for c in session.scalars(select(Customer).where(Customer.business_id.in_(ids)))}
    for row in rows:
        customer = existing.get(row.business_id)
        if customer is None:
            session.add(Customer(business_id=row.business_id, created_at=now, **row.fields))
            continue
        for key, value in row.fields.items():
            if value:
                setattr(customer, key, value)
    session.flush()
    return len(rows) - len(existing), len(existing)


def customer_page(session: Session, q: str, page: int, per_page: int) -> Page[Customer]:
    """One page of customers: those matching `q` (name, Business ID), else all by name."""
    query = search_customers(q) if q.strip() else select(Customer).order_by(Customer.name)
    rows, total, page, per_page = paginate(session, query, page, per_page)
    return Page([r[0] for r in rows], total, page, per_page)


SEGMENT_FIELD = "palvelutarvesegmentti"   # the needs assessment's field; its option ids are SERVICE_NEED_SEGMENTS


def record_segment(session: Session, customer_id: int, data: Mapping[str, Any]) -> None:
    """A completed form that chose the service-need segment writes it to the customer card."""
    segment = data.get(SEGMENT_FIELD)
    if isinstance(segment, str) and segment in SERVICE_NEED_SEGMENTS:
        customer = session.get(Customer, customer_id)
        if customer is not None:
            customer.service_need_segment = segment


# The form fields that name the company's contact person (CARD_CONTACT in context.py reads the card the
# other way): a task form picks the person from the card's contacts or writes a new one there.
CONTACT_FORM_FIELDS = {"name": "yhteyshenkilo", "phone": "yhteyshenkilo_puhelin", "email": "yhteyshenkilo_sahkoposti"}


def record_contact(session: Session, customer_id: int, data: Mapping[str, Any]) -> ContactPerson | None:
    """A completed form naming a contact person the card does not have adds them to the card (issue 18:
    the contact is picked from the card or added there, never only typed into one service's data).

    The same name in another letter case is the same person. A phone or e-mail that is not valid is left
    out rather than refusing the task: the form has already been accepted, and the card keeps the name."""
    name = data.get(CONTACT_FORM_FIELDS["name"])
    if not isinstance(name, str) or not name.strip():
        return None
    customer = session.get(Customer, customer_id)
    if customer is None:
        return None
    if any(c.name.strip().casefold() == name.strip().casefold() for c in customer.contacts):
        return None
    raw = {k: data.get(v) if isinstance(data.get(v), str) else "" for k, v in CONTACT_FORM_FIELDS.items()}
    cleaned, errors = _clean_contact({**raw, "title": ""})
    if "name" in errors:
        return None
    for bad in errors:
        raw[bad] = ""
    cleaned, _ = _clean_contact({**raw, "title": ""})
    person = ContactPerson(**cleaned)
    customer.contacts.append(person)
    session.flush()
    return person
