"""Figure R4: the conformance files plus generated hostile files: a clear answer for each, fast.

Generated here (not stored): an entity bomb that would expand to about 1 GB, a 50 MB file, deep
nesting, a wide file just under the size cap, binary data, external entities and DTDs. Every file
gets sentences (or no problems), never a traceback, each within 5 seconds; the command line gives
the same answer for the whole folder.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import time
from pathlib import Path

from engine.runtime.bpmn import validate_paths
from engine.runtime.bpmn.xmlsafe import MAX_ELEMENTS
from tests.reliability.conftest import record
from tests.reliability.workers import CLI

CONFORMANCE = Path(__file__).parents[1] / "conformance"
TIME_LIMIT = 5.0
NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def entity_bomb() -> bytes:
    """Ten levels of ten references to a 10-byte string: 10 ** 8 * 10 bytes = 1 GB once expanded."""
    levels = ['<!ENTITY e0 "0123456789">'] + [
        f'<!ENTITY e{n} "{("&e" + str(n - 1) + ";") * 10}">' for n in range(1, 9)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE bomb [\n{chr(10).join(levels)}\n]>\n'
            f'<bpmn:definitions {NS} id="d"><bpmn:process id="p" name="&e8;" isExecutable="true"/>'
            f'</bpmn:definitions>').encode()


def padded(size: int) -> bytes:
    head = f'<?xml version="1.0"?>\n<bpmn:definitions {NS} id="d"><bpmn:process id="p" isExecutable="true">' \
           '<bpmn:documentation>'
    tail = '</bpmn:documentation></bpmn:process></bpmn:definitions>'
    return (head + "x" * (size - len(head) - len(tail)) + tail).encode()


def wide(tasks: int) -> bytes:
    """Many small elements just under the 10 MB cap: the validator must stay linear."""
    body = "".join(f'<bpmn:task id="t{n}"/>' for n in range(tasks))
    return (f'<?xml version="1.0"?>\n<bpmn:definitions {NS} id="d"><bpmn:process id="p" isExecutable="true">'
            f'{body}</bpmn:process></bpmn:definitions>').encode()


def hostile_files(folder: Path) -> dict[str, bytes]:
    files = {
        "entity-bomb-1gb.bpmn": entity_bomb(),
        "external-entity.bpmn": (f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
                                 f'<bpmn:definitions {NS} id="d"><bpmn:process id="p" name="&s;"/>'
                                 f'</bpmn:definitions>').encode(),
        "network-dtd.bpmn": (f'<?xml version="1.0"?>\n<!DOCTYPE d SYSTEM "http://example.invalid/x.dtd">'
                             f'<bpmn:definitions {NS} id="d"/>').encode(),
        "parameter-entity.bpmn": (f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY % p SYSTEM '
                                  f'"http://example.invalid/p.dtd"> %p;]><bpmn:definitions {NS} id="d"/>').encode(),
        "deep-nesting.bpmn": (f'<bpmn:definitions {NS} id="d">' + "<a>" * 100_000 + "</a>" * 100_000
                              + "</bpmn:definitions>").encode(),
        "wide-9mb.bpmn": wide(400_000),
        "wide-just-under-the-element-cap.bpmn": wide(MAX_ELEMENTS - 10),
        "random-binary.bpmn": os.urandom(1024 * 1024),
        "gzip-bomb.bpmn": gzip.compress(b"\0" * 50 * 1024 * 1024),
        "png-header.bpmn": b"\x89PNG\r\n\x1a\n" + os.urandom(4096),
        "empty.bpmn": b"",
        "nul-bytes.bpmn": b"<bpmn:definitions\0\0\0>",
        "not-utf8.bpmn": f'<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions {NS} id="\xe4"/>'.encode("latin-1"),
        "unclosed.bpmn": f'<bpmn:definitions {NS} id="d"><bpmn:process id="p">'.encode(),
        "huge-attribute.bpmn": (f'<bpmn:definitions {NS} id="d"><bpmn:process id="p" name="' + "n" * 9_000_000
                                + '" isExecutable="true"/></bpmn:definitions>').encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "big-50mb.bpmn").open("wb") as out:   # written to disk, refused before it is read
        out.write(padded(50 * 1024 * 1024))
    return files


def is_sentence(message: str) -> bool:
    return bool(message.strip()) and "Traceback" not in message and "<" not in message[:1] \
        and message.rstrip()[-1:] in ".)!?'\""


def test_every_file_gets_a_clear_answer_quickly(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    hostile_files(hostile)
    generated = sorted(hostile.iterdir())
    conformance = sorted(p for p in CONFORMANCE.rglob("*") if p.is_file() and p.name != "README.md")
    slowest, unclear, refused = 0.0, [], 0
    for path in conformance + generated:
        began = time.perf_counter()
        _docs, problems = validate_paths([path])
        took = time.perf_counter() - began
        slowest = max(slowest, took)
        refused += bool(problems)
        unclear += [f"{path.name}: {p.message}" for p in problems if not is_sentence(p.message)]
        assert took < TIME_LIMIT, f"{path.name} took {took:.1f} s"
        if path in generated:
            assert problems, f"{path.name} was accepted"
    began = time.perf_counter()
    cli = subprocess.run([CLI, "validate", str(hostile)], capture_output=True, text=True, timeout=120)
    cli_seconds = time.perf_counter() - began
    output = cli.stdout + cli.stderr
    record("R4", "-", conformance_files=len(conformance), generated_files=len(generated),
           answered=len(conformance) + len(generated), with_problems=refused, unclear_messages=len(unclear),
           tracebacks=output.count("Traceback"), slowest_file_seconds=round(slowest, 3),
           cli_exit=cli.returncode, cli_seconds=round(cli_seconds, 2),
           generated=[p.name for p in generated])
    assert unclear == [], unclear[:5]
    assert cli.returncode == 1 and "Traceback" not in output
    assert f"{len(generated)} file(s) checked: 0 valid, {len(generated)} with problems." in output
    for path in generated:
        assert f"{path}:" in output, f"{path.name} has its own line in the command's answer"
