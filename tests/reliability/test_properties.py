"""Property-based tests (hypothesis) of the two parsers every form post goes through: form data and
Business IDs. Whatever arrives, the answer is cleaned values or a field-by-field refusal, never a crash."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import BusinessIdError, FormValidationError
from engine.office.customers import business_id_check_digit, normalize_business_id
from engine.runtime.forms import MESSAGES, FormField, FormSpec, validate
from tests.reliability.conftest import scale

EXAMPLES = settings(max_examples=scale(300, 5000), deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)
LONG_BOUND = 2**63

# --- Business IDs ---------------------------------------------------------------------------------

digits7 = st.text(alphabet="0123456789", min_size=7, max_size=7)
valid_ids = digits7.filter(lambda d: business_id_check_digit(d) is not None).map(
    lambda d: f"{d}-{business_id_check_digit(d)}")


@EXAMPLES
@given(st.one_of(st.text(max_size=60), st.from_regex(r"\s*[0-9]{6,8}[-‐–]?[0-9]\s*", fullmatch=True), valid_ids))
def test_any_text_is_a_canonical_business_id_or_a_sentence(text: str) -> None:
    try:
        canonical = normalize_business_id(text)
    except BusinessIdError as exc:
        assert str(exc).strip().endswith("."), str(exc)
        return
    assert len(canonical) == 9 and canonical[7] == "-" and canonical.replace("-", "").isdigit()
    assert normalize_business_id(canonical) == canonical


@EXAMPLES
@given(valid_ids, st.integers(0, 6), st.integers(1, 9))
def test_a_mistyped_digit_is_always_caught(business_id: str, position: int, shift: int) -> None:
    assert normalize_business_id(business_id) == business_id
    digits = list(business_id[:7])
    digits[position] = str((int(digits[position]) + shift) % 10)
    mistyped = "".join(digits) + business_id[7:]
    try:
        normalize_business_id(mistyped)
    except BusinessIdError:
        return
    raise AssertionError(f"{mistyped} (from {business_id}) was accepted")


@EXAMPLES
@given(valid_ids, st.integers(0, 5))
def test_swapped_neighbouring_digits_are_always_caught(business_id: str, position: int) -> None:
    digits = list(business_id[:7])
    if digits[position] == digits[position + 1]:
        return
    digits[position], digits[position + 1] = digits[position + 1], digits[position]
    swapped = "".join(digits) + business_id[7:]
    try:
        normalize_business_id(swapped)
    except BusinessIdError:
        return
    raise AssertionError(f"{swapped} (from {business_id}) was accepted")


# --- form data ------------------------------------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
numbers = st.one_of(st.none(), st.integers(-1000, 1000).map(str))


@st.composite
def form_fields(draw: st.DrawFn, field_id: str) -> FormField:
    kind = draw(st.sampled_from(["string", "long", "date", "enum", "boolean"]))
    constraints: dict[str, str | None] = {}
    if draw(st.booleans()):
        constraints["required"] = None
    if kind in ("string",):
        for name in ("maxlength", "minlength"):
            value = draw(numbers)
            if value is not None:
                constraints[name] = value
    if kind == "long":
        for name in ("min", "max"):
            value = draw(numbers)
            if value is not None:
                constraints[name] = value
    if kind == "date" and draw(st.booleans()):
        constraints["min"] = draw(st.dates()).isoformat()
    options = tuple((o, o.upper()) for o in draw(st.lists(ids, min_size=1, max_size=4, unique=True))) \
        if kind == "enum" else ()
    return FormField(id=field_id, label=field_id.capitalize(), type=kind, options=options, constraints=constraints)


@st.composite
def forms(draw: st.DrawFn) -> FormSpec:
    names = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    return FormSpec(tuple(draw(form_fields(n)) for n in names))


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates().map(date.isoformat), st.from_regex(r"-?[0-9]{1,30}", fullmatch=True),
                    st.sampled_from(["true", "kyllä", "ei", "", " 12 ", "2026-02-30", "9" * 5000]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5),
                                                                                          inner, max_size=3),
                      max_leaves=5)


@st.composite
def submissions(draw: st.DrawFn) -> tuple[FormSpec, dict[str, Any]]:
    form = draw(forms())
    keys = [f.id for f in form.fields] + draw(st.lists(st.text(max_size=8), max_size=2))
    data = {k: draw(values) for k in keys if draw(st.booleans())}
    return form, data


TYPES = {"string": str, "long": int, "date": str, "enum": str, "boolean": bool}


@EXAMPLES
@given(submissions())
def test_any_submission_is_cleaned_or_refused_field_by_field(submission: tuple[FormSpec, dict[str, Any]]) -> None:
    form, data = submission
    try:
        cleaned = validate(form, data)
    except FormValidationError as exc:
        assert exc.field_codes and set(exc.field_codes) <= {f.id for f in form.fields} | {str(k)[:100] for k in data}
        assert all(code in MESSAGES for code, _params in exc.field_codes.values())
        assert all(message.strip() for message in exc.field_errors.values())
        return
    for key, value in cleaned.items():
        f = form.field(key)
        assert f is not None and type(value) is TYPES[f.type], (f, value)
        if f.type == "long":
            assert -LONG_BOUND <= value < LONG_BOUND, "a long is a 64-bit integer, as in Camunda"
        if f.type == "date":
            date.fromisoformat(value)
        if f.type == "enum":
            assert value in [o for o, _ in f.options]
    assert validate(form, cleaned) == cleaned, "cleaning is idempotent"


@EXAMPLES
@given(st.sampled_from(["string", "long", "date", "enum", "boolean"]), values)
def test_any_value_of_any_field_type_is_cleaned_or_refused(kind: str, value: Any) -> None:
    field = FormField(id="kentta", label="Kenttä", type=kind, options=(("a", "A"),) if kind == "enum" else ())
    form = FormSpec((field,))
    try:
        cleaned = validate(form, {"kentta": value})
    except FormValidationError as exc:
        assert list(exc.field_codes) == ["kentta"] and exc.field_codes["kentta"][0] in MESSAGES
        return
    if "kentta" in cleaned:
        assert type(cleaned["kentta"]) is TYPES[kind]
        if kind == "long":
            assert -LONG_BOUND <= cleaned["kentta"] < LONG_BOUND, "a long is a 64-bit integer, as in Camunda"
