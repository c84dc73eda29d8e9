"""Hardened loading of BPMN files: bytes in, an lxml tree out, or one Problem saying why not.

A BPMN file comes from a person we do not control (an upload, a folder on disk), so loading must
never expand entities, read another file, reach the network, or run for ever. Hence:

* any DOCTYPE is refused before parsing (that is where entities and external DTDs live);
* the parser gets bytes, never a filename, with entity resolution, DTD loading and network off;
* size and nesting depth are capped, and the root must be BPMN 2.0 `definitions`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ...errors import BpmnValidationError

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DMN_NAMESPACES = ("http://www.omg.org/spec/DMN/", "https://www.omg.org/spec/DMN/")
MAX_BPMN_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 200
# The largest real models we know (the OMG MIWG reference files, our own processes) have under 3,000
# XML elements; every check walks the tree, so 20,000 (7x the largest) keeps any file under a second.
MAX_ELEMENTS = 20_000
NO_ELEMENT = "-"

# Signatures of binary formats people upload by mistake; said by name, not as a parser error.
_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_LXML_POSITION = re.compile(r",? line \d+, column \d+\s*$")
_DECLARED_ENCODING = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")
_ENCODING_HINT = ("; the bytes do not match the encoding the file declares (UTF-8 when it declares none), so "
                  "save the file as UTF-8")


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be deployed, printed as `FILE:ELEMENT_ID: message`; or, with
    `warning`, something worth fixing that does not stop a deploy (a text missing in a language).
    `code` and `params` let an interface say it in the reader's language; the general code
    "bpmn.problem" means only the English `message` exists."""

    file: str
    element_id: str
    message: str
    warning: bool = False
    code: str = "bpmn.problem"
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        # One line, and an id that cannot break the `FILE:ID:` shape, whatever the file contained.
        if not is_valid_id(self.element_id):
            object.__setattr__(self, "element_id", NO_ELEMENT)
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        return f"{self.file}:{self.element_id}: {'warning: ' if self.warning else ''}{self.message}"


def is_valid_id(value: str | None) -> bool:
    """Ids are XML names: our `FILE:ID:` output and SpiffWorkflow's lookups rely on that."""
    return bool(value) and not any(c.isspace() or c == ":" for c in value or "")


@dataclass(frozen=True)
class LoadedDocument:
    filename: str
    root: etree._Element
    source: bytes
    sha256: str


def load_document(source: bytes, filename: str) -> LoadedDocument:
    """Parse `source` safely; raise BpmnValidationError with one Problem when it is not usable BPMN."""
    reason = _refuse_bytes(source)
    if reason is None:
        root, reason = _parse(source)
        if root is not None and reason is None:
            reason = _refuse_tree(root)
            if reason is None:
                return LoadedDocument(filename, root, source, hashlib.sha256(source).hexdigest())
    reason = reason or "The file could not be read as BPMN."
    problem = Problem(filename, NO_ELEMENT, reason, code="bpmn.not_bpmn", params={"detail": reason})
    raise BpmnValidationError(f"{filename} is not a usable BPMN file.", [problem], code="bpmn.unusable",
                              params={"file": filename})


def _refuse_bytes(source: bytes) -> str | None:
    if len(source) > MAX_BPMN_BYTES:
        return (f"The file is {len(source) / 1024 / 1024:.1f} MB; BPMN files may be at most "
                f"{MAX_BPMN_BYTES // 1024 // 1024} MB.")
    if not source.strip():
        return "The file is empty."
    for signature, what in _BINARY_SIGNATURES:
        if source.startswith(signature):
            return f"The file is not XML (it looks like {what})."
    if _has_doctype(source):
        return "DTDs and entity declarations are not allowed in BPMN files."
    if b"\x00" in source[:4096] and not _looks_like_wide_unicode(source):
        return "The file is not XML (it contains binary data)."
    declared = _DECLARED_ENCODING.match(source)
    if declared and declared.group(1).upper().startswith((b"UTF-16", b"UTF-32")) \
            and not _looks_like_wide_unicode(source):
        label = declared.group(1).decode("ascii", "replace")
        return f"The file declares the encoding {label}, but its bytes are not {label}; save it as UTF-8."
    return None


def _has_doctype(source: bytes) -> bool:
    # UTF-16 and UTF-32 put NUL bytes between the ASCII letters of "<!DOCTYPE"; drop them to see it.
    return bool(_DOCTYPE.search(source) or _DOCTYPE.search(source.replace(b"\x00", b"")))


def _looks_like_wide_unicode(source: bytes) -> bool:
    if source.startswith(_UNICODE_BOMS):
        return True
    return source[:4] in (b"<\x00?\x00", b"\x00<\x00?", b"<\x00\x00\x00", b"\x00\x00\x00<")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_pis=True)


def _parse(source: bytes) -> tuple[etree._Element | None, str | None]:
    try:
        return etree.fromstring(source, parser=_parser()), None
    except etree.XMLSyntaxError as exc:
        return None, _syntax_sentence(exc)
    except (ValueError, LookupError, UnicodeError) as exc:  # unknown encoding names land here
        return None, f"The file is not readable XML: {_one_line(str(exc))}."


def _syntax_sentence(exc: etree.XMLSyntaxError) -> str:
    message = _LXML_POSITION.sub("", _one_line(exc.msg or str(exc))).rstrip(" .")
    line, column = exc.position if exc.position else (exc.lineno, 0)
    where = f" (line {line}, column {column})" if line else ""
    hint = _ENCODING_HINT if "encoding" in message.lower() or "utf-8" in message.lower() else ""
    return f"The file is not well-formed XML: {message}{where}{hint}."


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _refuse_tree(root: etree._Element) -> str | None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        return "DTDs and entity declarations are not allowed in BPMN files."
    # counted first: it stops at the cap, so the walks after it are bounded too
    if _more_than(root, MAX_ELEMENTS):
        return (f"The file has more than {MAX_ELEMENTS:,} XML elements; a BPMN process is never that big "
                "(the largest real models have a few thousand). Split it into processes called from each other.")
    if _deeper_than(root, MAX_DEPTH):
        return f"The XML is nested more than {MAX_DEPTH} levels deep; a BPMN file is never that deep."
    if root.tag != f"{{{BPMN_NS}}}definitions" and not is_dmn_root(root):
        return _wrong_root_sentence(root)
    return None


def is_dmn_root(root: etree._Element) -> bool:
    """A DMN decision file: deployed with the processes whose business rule tasks evaluate its decisions."""
    qname = etree.QName(root)
    return qname.localname == "definitions" and bool(qname.namespace) and qname.namespace.startswith(DMN_NAMESPACES)


def _more_than(root: etree._Element, limit: int) -> bool:
    return any(n > limit for n, _ in enumerate(root.iter(), start=1))


def _deeper_than(root: etree._Element, limit: int) -> bool:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def _wrong_root_sentence(root: etree._Element) -> str:
    qname = etree.QName(root)
    shown = f"'{qname.localname}' in namespace '{qname.namespace}'" if qname.namespace else f"'{qname.localname}'"
    if qname.namespace and qname.namespace.startswith(DMN_NAMESPACES):
        return (f"The root element is {shown}: this is a DMN decision file, not a BPMN process; "
                "Palvelupolku does not run DMN decisions.")
    return (f"The root element is {shown}, not BPMN 2.0 'definitions' in namespace '{BPMN_NS}'; "
            "this is not a BPMN 2.0 file.")
