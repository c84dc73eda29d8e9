"""The parent side of the sandbox: a few child interpreters per process, fed by pipe, killed on time.

`run(request, ...)` sends one request to an idle child (`child.py`) and waits for the answer with
a wall-clock deadline (the time limit x 1.25 plus `_MARGIN`). A child that misses it is killed
(SIGKILL) and replaced; the caller gets a ScriptError. Children are started lazily and one is kept
warm, so a request never waits for an interpreter to start unless several run at once. At most
`MAX_CHILDREN` run at a time per process; a further caller waits for one (each is done within its
deadline). A fork of this process (gunicorn) starts its own children. No Flask here.
"""

from __future__ import annotations

import atexit
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ...errors import ScriptError
from . import wire

MAX_CHILDREN = 4          # per process: each may hold MEMORY_GROWTH_LIMIT of memory
_KEEP_IDLE = 2
_MARGIN = 0.25            # seconds for the round trip on top of the child's own wall-clock limit
_START_TIMEOUT = 20.0     # an interpreter start on a busy machine
_MAX_REPLY = 64 * 2**20   # bytes of JSON an answer may take

_ROOT = str(Path(__file__).resolve().parents[3])
_BOOT = """
import sys, types
root = sys.argv[1]
sys.path.insert(0, root)
for name in ("engine", "engine.runtime", "engine.runtime.scripting"):
    package = types.ModuleType(name)
    package.__path__ = [root + "/" + name.replace(".", "/")]
    sys.modules[name] = package
from engine.runtime.scripting.child import main
main()
"""


class _Child:
    def __init__(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed bootstrap, no shell
            [sys.executable, "-I", "-c", _BOOT, _ROOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, close_fds=True)
        self.ready = False
        self.buffer = b""

    def read_line(self, deadline: float) -> bytes | None:
        """One line from the child, or None when the deadline passed or the child died."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or len(self.buffer) > _MAX_REPLY:
                return None
            readable, _, _ = select.select([fd], [], [], remaining)
            if not readable:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def ask(self, payload: bytes, timeout: float) -> tuple[dict[str, Any] | None, float]:
        """The answer (None: no answer in time, or the child died) and the seconds it took."""
        if not self.ready:
            if self.read_line(time.monotonic() + _START_TIMEOUT) != b"ready":
                return None, 0.0
            self.ready = True
        assert self.process.stdin is not None
        began = time.monotonic()
        try:
            self.process.stdin.write(payload)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            return None, 0.0
        line = self.read_line(began + timeout)
        took = time.monotonic() - began
        return (wire.loads(line) if line is not None else None), took

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass

    def died_of_cpu_limit(self) -> bool:
        return self.process.poll() == -signal.SIGXCPU if hasattr(signal, "SIGXCPU") else False


class _Pool:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self.lock = threading.Lock()
        self.idle: list[_Child] = []
        self.slots = threading.BoundedSemaphore(MAX_CHILDREN)

    def warm(self) -> None:
        with self.lock:
            if not self.idle:
                self.idle.append(_Child())

    def take(self) -> _Child:
        with self.lock:
            child = self.idle.pop() if self.idle else _Child()
            if not self.idle:
                self.idle.append(_Child())      # the next request finds one started
            return child

    def give_back(self, child: _Child) -> None:
        with self.lock:
            if len(self.idle) < _KEEP_IDLE:
                self.idle.append(child)
                return
        child.stop()

    def close(self) -> None:
        with self.lock:
            children, self.idle = self.idle, []
        for child in children:
            child.stop()


_pool: _Pool | None = None
_pool_lock = threading.Lock()
_inherited: list[_Pool] = []    # a forked parent's pool: kept, not collected (its children are not ours)


def _current_pool() -> _Pool:
    global _pool
    with _pool_lock:
        if _pool is None or _pool.pid != os.getpid():
            # After a fork the parent's children are not ours to talk to: start afresh.
            if _pool is not None:
                _inherited.append(_pool)
            _pool = _Pool()
            atexit.register(_pool.close)
        return _pool


def warm() -> None:
    """Start a child now, so the first request does not wait for an interpreter."""
    _current_pool().warm()


def deadline_for(time_limit: float) -> float:
    return time_limit * 1.25 + _MARGIN


def run(request: dict[str, Any], where: str) -> dict[str, Any]:
    """The child's answer to `request`; a child that fails to answer in time raises ScriptError.

    `where` is the sentence's subject ("The expression `x`", "The script")."""
    payload = wire.dumps(request)
    timeout = deadline_for(float(request["time_limit"]))
    pool = _current_pool()
    with pool.slots:
        child = pool.take()
        try:
            answer, took = child.ask(payload, timeout)
        except BaseException:
            child.stop()
            raise
        if answer is None:
            cpu = child.died_of_cpu_limit()
            child.stop()
            if cpu or took >= timeout:
                raise ScriptError(f"{where} ran for more than {timeout:.2g} seconds and was stopped; check its"
                                  " loops and the size of the values it sorts, compares or converts.",
                                  code="script.timeout", params={"seconds": f"{timeout:.2g}"})
            raise ScriptError(f"{where} was stopped: it needed more memory or time than it may use.",
                              code="script.limits")
        if answer.get("recycle"):
            child.stop()
        else:
            pool.give_back(child)
    return answer
