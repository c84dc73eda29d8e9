"""Write the Swedish and English texts of processes/*.bpmn into the files (issue 16), as the convention of
engine/runtime/bpmn/languages.py says: the BPMN text is Finnish; `name@sv`, `name@en`, `documentation@sv`,
`documentation@en` are camunda:properties of the element; `label@sv`, `label@en`, `value:ID@sv`,
`value:ID@en` are camunda:properties of the form field.

    .venv/bin/python tools/process_texts.py          # rewrite processes/*.bpmn in place

Sources: tools/process_texts_terms.tsv (Finnish | Swedish | English, one text a line: names, labels, enum
names) and tools/process_texts_docs.txt (per element id: the Finnish and Swedish instructions; the English
is what the file held before, kept as documentation@en). Running it again changes nothing. A text missing
from the tables is left as it is, and the validator's language warnings list it.

Swedish terms are those of the UI catalog (tools/sv_catalog.py): jälkihoito -> uppföljning (the call:
uppföljningssamtal), never "eftervård"; seuranta -> återkontakt (seurantapäivä: återkontaktsdag).
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
B = "http://www.omg.org/spec/BPMN/20100524/MODEL"
C = "http://camunda.org/schema/1.0/bpmn"
TERMS = Path(__file__).with_name("process_texts_terms.tsv")
DOCS = Path(__file__).with_name("process_texts_docs.txt")

# Finnish fixes of issue 16: clauses used as date labels become date labels, statements become labels.
FINNISH_FIXES = {
    "Uusi yritys 3 päivän päästä": "Uusi soittoyritys 3 päivän kuluttua",
    "Finnpro": "Finpro",
    "Finnpro / Team Finland (kansainvälistyminen ja vienti)": "Finpro / Team Finland (kansainvälistyminen ja vienti)",
    "Vähentämiset koskevat henkilöstöryhmiä ja ammatteja": "Henkilöstöryhmät ja ammatit, joita vähentäminen koskee",
    "Koskee henkilöitä (lkm)": "Henkilöitä, joita tarve koskee (lkm)",
    "Palvelut lähteville": "Palvelut irtisanottaville ja lomautettaville",
    "Kenelle ohjataan": "Mihin ohjataan",
}
DATE_LABELS = {
    "Analyysi tehty": "Analyysin valmistumispäivä",
    "Arvio tilattu": "Arvion tilauspäivä",
    "Asiakas ottaa yhteyttä viimeistään": "Päivä, johon mennessä asiakas ottaa yhteyttä",
    "Asiakkaalle kerrottu": "Päivä, jona asiakkaalle kerrottiin",
    "Ensimmäiset lomautukset tai irtisanomiset alkavat": "Ensimmäisten lomautusten tai irtisanomisten alkamispäivä",
    "Hakemus saapunut": "Hakemuksen saapumispäivä",
    "Haku julkaistu TE-palveluissa": "Haun julkaisupäivä TE-palveluissa",
    "Haku tehty": "Ehdokashaun päivämäärä",
    "Hakuaika päättyy": "Hakuajan päättymispäivä",
    "Hankintasopimus koulutusorganisaation kanssa allekirjoitettu":
        "Hankintasopimuksen allekirjoituspäivä (koulutusorganisaatio)",
    "Konsultointi alkoi": "Konsultoinnin alkamispäivä",
    "Konsultointi päättyi": "Konsultoinnin päättymispäivä",
    "Koulutus alkoi": "Koulutuksen alkamispäivä",
    "Lausunto saatu": "Lausunnon saapumispäivä",
    "Palvelu päättyi": "Palvelun päättymispäivä",
    "Sovittu seuraava yhteydenotto": "Sovitun seuraavan yhteydenoton päivämäärä",
    "Sovittu yhteydenotto asiakkaaseen tai tapaaminen": "Sovitun yhteydenoton tai tapaamisen päivämäärä",
    "Tarjouspyyntö julkaistu": "Tarjouspyynnön julkaisupäivä",
    "Tukijakso alkaa": "Tukijakson alkamispäivä",
    "Tukijakso päättyy tai päättyi": "Tukijakson päättymispäivä",
    "Työtarjoukset lähetetty": "Työtarjousten lähetyspäivä",
    "Yhteishankintasopimus yrityksen kanssa allekirjoitettu": "Yhteishankintasopimuksen allekirjoituspäivä (yritys)",
    "Yhteistoimintaneuvottelut päättyvät tai päättyivät": "Yhteistoimintaneuvottelujen päättymispäivä",
}
# Elements whose names a reader sees; flows and lanes keep the Finnish diagram.
SKIP = {"sequenceFlow", "lane", "participant", "message", "definitions", "collaboration"}


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def load_terms() -> dict[str, tuple[str, str]]:
    terms: dict[str, tuple[str, str]] = {}
    for line in TERMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fi, sv, en = (part.strip() for part in line.split("|"))
            terms[fi] = (sv, en)
    return terms


def load_docs() -> dict[tuple[str, str], tuple[str, str]]:
    """(file stem, element id) -> (Finnish, Swedish); blocks `## stem id`, then `fi: ...` and `sv: ...`."""
    docs: dict[tuple[str, str], tuple[str, str]] = {}
    key: tuple[str, str] | None = None
    parts: dict[str, str] = {}
    for line in [*DOCS.read_text(encoding="utf-8").splitlines(), "## end end"]:
        if line.startswith("## "):
            if key is not None:
                docs[key] = (parts["fi"], parts["sv"])
            stem, element_id = line[3:].split()
            key, parts = (stem, element_id), {}
        elif line[:3] in ("fi:", "sv:"):
            parts[line[:2]] = line[3:].strip()
    return docs


def properties_of(holder: etree._Element, before: etree._Element | None = None) -> etree._Element:
    """The holder's own camunda:properties, made (as its first child) if missing."""
    for child in holder:
        if child.tag == q(C, "properties"):
            return child
    props = etree.Element(q(C, "properties"))
    holder.insert(0, props)
    return props


def extension_elements(element: etree._Element) -> etree._Element:
    for child in element:
        if child.tag == q(B, "extensionElements"):
            return child
    ext = etree.Element(q(B, "extensionElements"))
    position = sum(1 for c in element if c.tag == q(B, "documentation"))
    element.insert(position, ext)
    return ext


def set_property(props: etree._Element, attribute: str, key: str, value: str) -> None:
    for p in props:
        if p.get(attribute) == key:
            p.set("value", value)
            return
    p = etree.SubElement(props, q(C, "property"))
    p.set(attribute, key)
    p.set("value", value)


def translate(path: Path, terms: dict[str, tuple[str, str]], docs: dict[tuple[str, str], tuple[str, str]],
              missing: set[str]) -> None:
    tree = etree.parse(str(path))
    root = tree.getroot()
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if element.tag.startswith(f"{{{B}}}") and local not in SKIP and element.get("name"):
            _element(path.stem, element, terms, docs, missing)
        if element.tag == q(C, "formField"):
            _form_field(element, terms, missing)
    etree.indent(root, space="  ")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _element(stem: str, element: etree._Element, terms: dict[str, tuple[str, str]],
             docs: dict[tuple[str, str], tuple[str, str]], missing: set[str]) -> None:
    name = FINNISH_FIXES.get(element.get("name") or "", element.get("name") or "")
    if name:
        element.set("name", name)
    doc = next((c for c in element if c.tag == q(B, "documentation")), None)
    found = docs.get((stem, element.get("id") or ""))
    if not name and doc is None:
        return
    props = properties_of(extension_elements(element))
    if name in terms:
        set_property(props, "name", "name@sv", terms[name][0])
        set_property(props, "name", "name@en", terms[name][1])
    elif name:
        missing.add(name)
    if doc is not None and found is not None:
        english = next((p.get("value") for p in props if p.get("name") == "documentation@en"), None)
        english = english or " ".join((doc.text or "").split()).replace("Finnpro", "Finpro")
        set_property(props, "name", "documentation@en", english)
        set_property(props, "name", "documentation@sv", found[1])
        doc.text = found[0]
    if not len(props):
        props.getparent().remove(props)


def _form_field(element: etree._Element, terms: dict[str, tuple[str, str]], missing: set[str]) -> None:
    label = element.get("label") or ""
    label = FINNISH_FIXES.get(label, label)
    if element.get("type") == "date":
        label = DATE_LABELS.get(label, label)
    element.set("label", label)
    props = properties_of(element)
    for text, key in [(label, "label"), *((v.get("name") or "", f"value:{v.get('id')}")
                                          for v in element.iter(q(C, "value")))]:
        fixed = FINNISH_FIXES.get(text, text)
        if key.startswith("value:") and fixed != text:
            next(v for v in element.iter(q(C, "value")) if f"value:{v.get('id')}" == key).set("name", fixed)
        if fixed in terms:
            set_property(props, "id", f"{key}@sv", terms[fixed][0])
            set_property(props, "id", f"{key}@en", terms[fixed][1])
        else:
            missing.add(fixed)
    if not len(props):
        element.remove(props)


def main() -> int:
    terms, docs = load_terms(), load_docs()
    missing: set[str] = set()
    for path in sorted((ROOT / "processes").glob("*.bpmn")):
        translate(path, terms, docs, missing)
    for text in sorted(missing):
        print(f"no translation: {text}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
