"""A process model's texts in Finnish, Swedish and English, kept inside the BPMN file itself.

The convention (README, "Process texts in three languages"): the BPMN text itself is Finnish, the
office's default language; the other languages are Camunda extension properties beside it, which the
Camunda Modeler and our editor show and keep (`camunda:properties` is allowed on every element):

* on any element (process, task, event, gateway, message...), in its `bpmn:extensionElements`:
  `<camunda:property name="name@sv" value="..."/>`, `name@en`, `documentation@sv`, `documentation@en`;
* on a `camunda:formField`, in its own `camunda:properties` (as `multiline` is):
  `<camunda:property id="label@sv" value="..."/>`, `label@en`, and for each enum value
  `<camunda:property id="value:puhelin@sv" value="Telefon"/>`.

`model_texts` reads them all into a `ModelTexts` (one per deployed version: the screens cache it);
a text missing in a language falls back to the Finnish. `language_warnings` says which texts a
language the office uses (fi, sv) lacks: warnings, which never stop a deploy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .graph import BPMN_NS, CAMUNDA_NS, bpmn, camunda, title
from .xmlsafe import LoadedDocument, Problem

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
OFFICE_LANGUAGES = ("fi", "sv")     # the validator warns when one of these lacks a text
# Elements whose name a user reads on a screen (inbox, history, breadcrumbs); flows and lanes are not
# warned about (a lane's name is a group), but their translations are read like any other.
_NAMED = ("process", "userTask", "task", "manualTask", "scriptTask", "serviceTask", "sendTask",
          "receiveTask", "businessRuleTask", "callActivity", "subProcess", "startEvent", "endEvent",
          "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "exclusiveGateway",
          "inclusiveGateway", "parallelGateway", "eventBasedGateway")

Key = tuple[str, ...]


@dataclass(frozen=True)
class FieldText:
    """A form field as the screens show it: its label and enum names per language, and its type."""

    element_id: str
    field_id: str
    type: str
    label: dict[str, str]
    options: dict[str, dict[str, str]] = field(default_factory=dict)   # option id -> language -> name

    def label_in(self, lang: str) -> str:
        return _pick(self.label, lang) or self.field_id

    def label_language(self, lang: str) -> str:
        """The language `label_in(lang)` is in: `lang`, or Finnish where the model has no text in it."""
        return _language_of(self.label, lang)

    def option_in(self, option_id: str, lang: str) -> str:
        return _pick(self.options.get(option_id, {}), lang) or option_id


@dataclass(frozen=True)
class ModelTexts:
    """Every translatable text of one BPMN file, by element id."""

    names: dict[str, dict[str, str]] = field(default_factory=dict)
    docs: dict[str, dict[str, str]] = field(default_factory=dict)
    fields: dict[tuple[str, str], FieldText] = field(default_factory=dict)
    # A message's name is its technical id (correlation goes by it); people read the name of the event
    # that sends it (else the one that catches it): message name -> that element's id.
    messages: dict[str, str] = field(default_factory=dict)

    def name(self, element_id: str, lang: str, default: str = "") -> str:
        return _pick(self.names.get(element_id, {}), lang) or default or element_id

    def message_name(self, message: str, lang: str) -> str | None:
        """What people call the message `message` in `lang`: its event's name; None when the model has none."""
        element_id = self.messages.get(message)
        return _pick(self.names.get(element_id, {}), lang) or None if element_id else None

    def name_language(self, element_id: str, lang: str) -> str:
        """The language `name(element_id, lang)` is in ("" when it is no text of the model's)."""
        return _language_of(self.names.get(element_id, {}), lang)

    def documentation(self, element_id: str, lang: str) -> str:
        return _pick(self.docs.get(element_id, {}), lang)

    def field(self, element_id: str | None, field_id: str) -> FieldText | None:
        """The field of that task's form; without the task (or not on it), the first field of that id
        anywhere in the model, since process data keeps the name its first form gave it."""
        found = self.fields.get((element_id or "", field_id))
        if found is None:
            found = next((f for (_e, fid), f in self.fields.items() if fid == field_id), None)
        return found

    def label(self, element_id: str | None, field_id: str, lang: str) -> str:
        f = self.field(element_id, field_id)
        return f.label_in(lang) if f is not None else field_id

    def localize_form(self, element_id: str, form: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
        """A task's form (`FormSpec.as_list()`) with labels and enum names in `lang`."""
        out = []
        for entry in form:
            f = self.fields.get((element_id, str(entry["id"])))
            if f is None:
                out.append(entry)
                continue
            options = entry.get("options") or []
            out.append({**entry, "label": f.label_in(lang), "label_lang": f.label_language(lang),
                        "options": [{**o, "name": f.option_in(str(o["id"]), lang)}
                                    for o in options if isinstance(o, dict)]})
        return out


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or ""


def _language_of(texts: dict[str, str], lang: str) -> str:
    """Which language `_pick` takes its text from (a page marks a text in another language with `lang`)."""
    return lang if texts.get(lang) else DEFAULT_LANGUAGE if texts.get(DEFAULT_LANGUAGE) else ""


def _properties(element: etree._Element, attribute: str) -> dict[str, str]:
    """The element's own `camunda:property` pairs, by `name` (elements) or `id` (form fields)."""
    found: dict[str, str] = {}
    holders = [element] + [c for c in element if c.tag == bpmn("extensionElements")]
    for holder in holders:
        for group in holder:
            if group.tag == camunda("properties"):
                for p in group:
                    key = p.get(attribute) or p.get("name") or p.get("id")
                    if p.tag == camunda("property") and key:
                        found[key] = p.get("value") or ""
    return found


def _per_language(finnish: str | None, props: dict[str, str], what: str) -> dict[str, str]:
    texts = {"fi": " ".join((finnish or "").split())} if finnish and finnish.strip() else {}
    for lang in LANGUAGES[1:]:
        value = props.get(f"{what}@{lang}", "").strip()
        if value:
            texts[lang] = value
    return texts


def model_texts(root: etree._Element) -> ModelTexts:
    """The texts of a loaded BPMN tree (`LoadedDocument.root`)."""
    names: dict[str, dict[str, str]] = {}
    docs: dict[str, dict[str, str]] = {}
    fields: dict[tuple[str, str], FieldText] = {}
    for element in root.iter(tag=f"{{{BPMN_NS}}}*"):
        element_id = element.get("id")
        if not element_id or element.tag == bpmn("documentation"):
            continue
        props = _properties(element, "name")
        name = _per_language(element.get("name"), props, "name")
        if name:
            names[element_id] = name
        doc = next((c for c in element if c.tag == bpmn("documentation")), None)
        text = _per_language(doc.text if doc is not None else None, props, "documentation")
        if text:
            docs[element_id] = text
    for form_field in root.iter(camunda("formField")):
        owner = next((a for a in form_field.iterancestors(f"{{{BPMN_NS}}}*")
                      if a.tag != bpmn("extensionElements")), None)
        if owner is not None:
            f = _field_text(owner.get("id") or "", form_field)
            fields[(f.element_id, f.field_id)] = f
    return ModelTexts(names, docs, fields, _message_events(root))


_SENDING = ("intermediateThrowEvent", "endEvent", "sendTask")


def _message_events(root: etree._Element) -> dict[str, str]:
    by_id = {m.get("id"): m.get("name") or m.get("id") for m in root.iter(bpmn("message")) if m.get("id")}
    found: dict[str, tuple[bool, str]] = {}
    for definition in root.iter(bpmn("messageEventDefinition")):
        event = definition.getparent()
        name = by_id.get(definition.get("messageRef"))
        if name is None or event is None or not event.get("id"):
            continue
        sends = etree.QName(event).localname in _SENDING
        if name not in found or (sends and not found[name][0]):
            found[name] = (sends, event.get("id") or "")
    for task in root.iter(bpmn("sendTask"), bpmn("receiveTask")):
        name = by_id.get(task.get("messageRef"))
        sends = task.tag == bpmn("sendTask")
        if name is not None and task.get("id") and (name not in found or (sends and not found[name][0])):
            found[name] = (sends, task.get("id") or "")
    return {name: element_id for name, (_sends, element_id) in found.items()}


def _field_text(element_id: str, form_field: etree._Element) -> FieldText:
    props = _properties(form_field, "id")
    field_id = form_field.get("id") or ""
    options: dict[str, dict[str, str]] = {}
    for value in form_field.iter(camunda("value")):
        option_id = value.get("id") or ""
        options[option_id] = _per_language(value.get("name") or option_id, props, f"value:{option_id}")
    return FieldText(element_id, field_id, form_field.get("type") or "string",
                     _per_language(form_field.get("label") or field_id, props, "label"), options)


# --- the validator's warnings ----------------------------------------------------------------------

def language_warnings(doc: LoadedDocument, languages: tuple[str, ...] = OFFICE_LANGUAGES) -> list[Problem]:
    """One warning per element whose name, documentation, labels or enum names lack a language."""
    warnings: list[Problem] = []
    texts = model_texts(doc.root)
    for element in doc.root.iter(*(bpmn(t) for t in _NAMED)):
        element_id = element.get("id") or ""
        missing: dict[str, list[str]] = {}
        if element.get("name"):
            _note(missing, texts.names.get(element_id, {}), languages, "name")
        if element_id in texts.docs:
            _note(missing, texts.docs[element_id], languages, "documentation")
        for (owner, field_id), f in texts.fields.items():
            if owner != element_id:
                continue
            _note(missing, f.label, languages, f"label of field '{field_id}'")
            for option_id, names in f.options.items():
                _note(missing, names, languages, f"name of value '{option_id}' of field '{field_id}'")
        for lang, what in missing.items():
            warnings.append(Problem(doc.filename, element_id, _sentence(element, lang, what), warning=True,
                                    code="bpmn.language_missing", params={"language": lang, "count": len(what)}))
    return warnings


def _note(missing: dict[str, list[str]], texts: dict[str, str], languages: tuple[str, ...], what: str) -> None:
    for lang in languages:
        if not texts.get(lang):
            missing.setdefault(lang, []).append(what)


_LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}


def _sentence(element: etree._Element, lang: str, what: list[str]) -> str:
    shown = ", ".join(what[:3]) + (f" and {len(what) - 3} more" if len(what) > 3 else "")
    how = ("the BPMN text itself" if lang == DEFAULT_LANGUAGE
           else f"a camunda:property '...@{lang}' (e.g. name@{lang}, documentation@{lang}, label@{lang})")
    return (f"{title(element)[:1].upper()}{title(element)[1:]} has no {_LANGUAGE_NAMES[lang]} text for: "
            f"{shown}; add {how}.")


__all__ = ["CAMUNDA_NS", "DEFAULT_LANGUAGE", "LANGUAGES", "OFFICE_LANGUAGES", "FieldText", "ModelTexts",
           "language_warnings", "model_texts"]
