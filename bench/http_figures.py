"""H1 and M1: the web app under gunicorn on the big data set, with concurrent clients.

H1: each client thread (its own `requests.Session`, signed in through the sign-in form) loads the
inbox page and completes a task through the JSON API (bearer token), by turns; baseline: `/health`
under the same load, interleaved. M1: the largest RSS of a gunicorn worker after the workers served
inbox, search and instance-list pages (Q1-Q3 over HTTP); baseline: the same workers' RSS after start.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.common import Figure, judge, median, p95, progress, skipped
from bench.data import MANAGER, PASSWORD, Dataset, expert_name
from bench.engine_figures import LOOP_PROCESS, LOOP_STEP
from bench.query_figures import _instance_filters
from engine import Engine

PER_INSTANCE = 20          # completions in one loop instance before the client moves to its next one


@dataclass
class HttpCounts:
    clients: int
    rounds: int            # per client and phase: /health + inbox page + one completion
    workers: int
    memory_rounds: int     # per client: Q1-Q3-like pages served before M1 is read
    pace_s: float          # paced phase: each client starts a round this often (users who read and type)


FULL_HTTP = HttpCounts(clients=16, rounds=40, workers=4, memory_rounds=5, pace_s=1.0)
QUICK_HTTP = HttpCounts(clients=4, rounds=3, workers=2, memory_rounds=2, pace_s=0.1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return sorted(out)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def gunicorn(url: str, workers: int, log_dir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """gunicorn 'webui.wsgi:app' as README "Running in production" starts it, on `url`."""
    port = free_port()
    env = {**os.environ, "PALVELUPOLKU_DATABASE_URL": url, "PALVELUPOLKU_SECRET_KEY": secrets.token_hex(32),
           "PALVELUPOLKU_INSTANCE_DIR": str(log_dir)}
    env.pop("PALVELUPOLKU_SESSION_COOKIE_SECURE", None)   # plain http on the loopback
    binary = str(Path(sys.executable).parent / "gunicorn")
    log = open(log_dir / "gunicorn.log", "wb")  # noqa: SIM115 - closed below, after the process
    args = [binary, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "120", "webui.wsgi:app"]
    process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603 - our own
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process, workers)
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        log.close()


def _wait_healthy(base: str, process: subprocess.Popen[bytes], workers: int) -> None:
    import requests

    deadline = time.monotonic() + 90
    while True:
        try:
            if requests.get(f"{base}/health", timeout=5).status_code == 200 and \
                    len(_children(process.pid)) >= workers:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError("gunicorn did not start; see gunicorn.log in the data directory.")
        time.sleep(0.2)


def sign_in(base: str, username: str) -> Any:
    """A session signed in through the sign-in form (CSRF token from the page, then the post)."""
    import requests

    session = requests.Session()
    page = session.get(f"{base}/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError("The sign-in page has no CSRF token.")
    answer = session.post(f"{base}/login", data={"username": username, "password": PASSWORD,
                                                 "csrf_token": token.group(1)}, allow_redirects=False, timeout=30)
    if answer.status_code != 302:
        raise RuntimeError(f"Signing in as {username} failed with HTTP {answer.status_code}.")
    return session


@dataclass
class Client:
    username: str
    session: Any
    token: str
    instances: list[int]            # every loop instance started for the client (cancelled at the end)
    queue: list[str]                # first task ids of the instances not yet worked on
    task_id: str = ""
    done_here: int = 0


def _timed(call: Callable[[], Any], into: list[float], expect: int = 200) -> Any:
    started = time.perf_counter()
    answer = call()
    into.append((time.perf_counter() - started) * 1000)
    if answer.status_code != expect:
        raise RuntimeError(f"{answer.request.method} {answer.url} answered HTTP {answer.status_code}: "
                           f"{answer.text[:200]}")
    return answer


def _load_phase(base: str, clients: list[Client], rounds: int, pace_s: float = 0.0) -> dict[str, list[float]]:
    """Every client does `rounds` rounds: flat out (pace 0, each round right after the last), or paced:
    client n starts round i at n/clients + i paces after the start (late rounds start at once)."""
    times: dict[str, list[float]] = {"health": [], "inbox": [], "complete": []}
    lock = threading.Lock()
    gate = threading.Barrier(len(clients))
    errors: list[BaseException] = []

    def work(c: Client) -> None:
        mine: dict[str, list[float]] = {k: [] for k in times}
        try:
            gate.wait()
            start = time.perf_counter() + pace_s * clients.index(c) / len(clients)
            for i in range(rounds):
                if pace_s:
                    time.sleep(max(0.0, start + i * pace_s - time.perf_counter()))
                _timed(lambda: c.session.get(f"{base}/health", timeout=60), mine["health"])
                _timed(lambda: c.session.get(f"{base}/inbox", params={"tab": "all"}, timeout=60), mine["inbox"])
                answer = _timed(lambda: c.session.post(
                    f"{base}/api/v1/tasks/{c.task_id}/complete", json={"data": dict(LOOP_STEP)},
                    headers={"Authorization": f"Bearer {c.token}"}, timeout=60), mine["complete"])
                _next_task(c, answer.json())
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        with lock:
            for k, v in mine.items():
                times[k].extend(v)

    _all_at_once([(c,) for c in clients], work, errors, "An HTTP client failed")
    return times


def _all_at_once(args: list[tuple[Any, ...]], work: Callable[..., None], errors: list[BaseException],
                 failure: str) -> None:
    """Run `work` on each argument tuple in its own thread; raise the first error the threads collected."""
    threads = [threading.Thread(target=work, args=a) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{failure}: {errors[0]}") from errors[0]


def _next_task(c: Client, info: dict[str, Any]) -> None:
    """The client's next task: in the same instance, or the next fresh one after PER_INSTANCE."""
    c.done_here += 1
    if c.done_here >= PER_INSTANCE:
        c.done_here, c.task_id = 0, c.queue.pop(0)
    else:
        c.task_id = info["open_tasks"][0]["id"]


def _prepare_clients(eng: Engine, base: str, data: Dataset, count: int, rounds: int) -> list[Client]:
    customer = data.search_ids[0]
    clients = []
    per_client = -(-rounds // PER_INSTANCE) + 1
    for n in range(1, count + 1):
        user = expert_name(n)
        infos = [eng.start(LOOP_PROCESS, customer=customer, responsible=user) for _ in range(per_client)]
        queue = [i.open_tasks[0].id for i in infos]
        clients.append(Client(user, sign_in(base, user), eng.create_token(user, "bench"), [i.id for i in infos],
                              queue[1:], queue[0]))
    return clients


def _memory_phase(base: str, clients: list[Client], data: Dataset, rounds: int) -> None:
    """Q1-Q3 over HTTP: inbox pages, searches, and the manager's instance list with filters."""
    filters = [_filter_args(f) for f in _instance_filters(data)]
    terms = data.search_names + data.search_ids
    errors: list[BaseException] = []

    def work(n: int, c: Client) -> None:
        try:
            with sign_in(base, MANAGER) as manager:   # a session per thread: requests' pools are not shared well
                for r in range(rounds):
                    c.session.get(f"{base}/inbox", params={"tab": "all", "page": r % 3 + 1}, timeout=120)
                    c.session.get(f"{base}/inbox", params={"tab": "all", "q": terms[(n + r) % len(terms)]},
                                  timeout=120)
                    answer = manager.get(f"{base}/manage/instances", params=filters[(n + r) % len(filters)],
                                         timeout=120)
                    if answer.status_code != 200:
                        raise RuntimeError(f"/manage/instances answered HTTP {answer.status_code}")
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    _all_at_once(list(enumerate(clients)), work, errors, "An HTTP client failed while serving Q1-Q3 pages")


def _filter_args(f: Any) -> dict[str, str]:
    args = {"process": f.process_key or "", "status": f.status or "", "responsible": f.responsible or "",
            "customer": f.customer, "from": f.started_from.isoformat() if f.started_from else "",
            "to": f.started_to.isoformat() if f.started_to else ""}
    return {k: v for k, v in args.items() if v}


def run(data: Dataset, database: str, counts: HttpCounts, data_dir: Path, only: Callable[[str], bool],
        h1_reason: str | None) -> list[Figure]:
    """H1 (skipped with `h1_reason` when set, e.g. without PostgreSQL) and M1 on `data`."""
    h1_inbox = Figure(id="H1", what="HTTP inbox page (HTML, tab all), signed in", database=database,
                      counts=f"{counts.clients} clients x {counts.rounds} rounds, gunicorn -w {counts.workers}",
                      unit="ms", bar="p95 <= 50 ms")
    h1_complete = Figure(id="H1", what="HTTP task completion (JSON API)", database=database,
                         counts=h1_inbox.counts, unit="ms", bar="p95 <= 80 ms")
    m1 = Figure(id="M1", what="largest RSS of a gunicorn worker after serving Q1-Q3 pages", database=database,
                counts=f"{counts.workers} workers, {counts.clients} clients x {counts.memory_rounds} rounds of 3 pages",
                unit="MB", bar="<= 200 MB")
    try:
        import requests  # noqa: F401 - the HTTP clients need it (a dev extra)
    except ImportError:
        reason = "requests is not installed (pip install -e '.[dev]')"
        return [skipped(h1_inbox, reason), skipped(h1_complete, reason), skipped(m1, reason)]
    log_dir = Path(tempfile.mkdtemp(prefix="gunicorn-", dir=data_dir))
    eng = Engine(data.url, run_migrations=False)
    figures: list[Figure] = []
    try:
        with gunicorn(data.url, counts.workers, log_dir) as (base, process):
            progress(f"H1/M1 on {database}: gunicorn -w {counts.workers} up at {base}; signing in "
                     f"{counts.clients} clients")
            workers = _children(process.pid)
            fresh = max(rss_mb(pid) for pid in workers)
            clients = _prepare_clients(eng, base, data, counts.clients, 2 * counts.rounds)
            if only("H1") and h1_reason is None:
                # Paced: 16 people working (a round a second each is a busy office); flat out: as many
                # rounds as the server takes, which on 2 cores measures the queue more than the server.
                for mode, pace in ((f"paced, a round every {counts.pace_s:g} s per client", counts.pace_s),
                                   ("flat out", 0.0)):
                    progress(f"H1 {mode}: {counts.clients} clients x {counts.rounds} rounds (health, inbox, "
                             "complete)")
                    times = _load_phase(base, clients, counts.rounds, pace)
                    base_p95 = p95(times["health"])
                    for template, key, bar in ((h1_inbox, "inbox", 50.0), (h1_complete, "complete", 80.0)):
                        fig = replace(template, what=f"{template.what}; {mode}")
                        fig.median, fig.p95, fig.samples = median(times[key]), p95(times[key]), len(times[key])
                        fig.extra = {"baseline_median": median(times["health"]), "pace_s": pace}
                        figures.append(judge(fig, p95(times[key]), base_p95, at_most=bar))
            elif only("H1"):
                figures += [skipped(h1_inbox, h1_reason or ""), skipped(h1_complete, h1_reason or "")]
            if only("M1"):
                progress(f"M1: serving Q1-Q3 pages, {counts.clients} clients x {counts.memory_rounds} rounds")
                _memory_phase(base, clients, data, counts.memory_rounds)
                sizes = {pid: rss_mb(pid) for pid in _children(process.pid)}
                m1.samples = len(sizes)
                m1.extra = {"workers_mb": sorted(round(v, 1) for v in sizes.values())}
                figures.append(judge(m1, max(sizes.values()), fresh, at_most=200))
            _cancel(eng, clients)
            for c in clients:
                c.session.close()
    finally:
        eng.dispose()
    return figures


def _cancel(eng: Engine, clients: list[Client]) -> None:
    """End the bench's own instances so a reused data set keeps its counts."""
    for c in clients:
        for instance_id in c.instances:
            try:
                eng.cancel(instance_id, MANAGER, "benchmark run over")
            except Exception as exc:  # noqa: BLE001 - best effort; the data set stays usable either way
                progress(f"could not cancel bench instance {instance_id}: {exc}")
