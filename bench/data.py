"""Bulk data for the query and HTTP figures, inserted into the real schema that `Engine(url)` migrates.

People and process definitions go through the engine (`add_user`, `deploy`); customers, instances and
tasks are inserted in bulk: SQLAlchemy Core executemany in big batches on SQLite, COPY on PostgreSQL.
Instances get a tiny state JSON (the list queries never load it). A `bench_params` table remembers the
parameters, so a rerun with the same ones reuses the data instead of generating it again.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, text

from bench.common import progress
from engine import Engine
from engine.models import Customer, DefinitionVersion, Instance, Task
from engine.office.customers import business_id_check_digit

GENERATOR_VERSION = 1
ROOT = Path(__file__).resolve().parent.parent
PROCESSES = ROOT / "processes"
BENCH_BPMN = Path(__file__).resolve().parent / "kierros.bpmn"
PASSWORD = "bench-salasana-1"  # noqa: S105 - the generated bench users' shared password
MANAGER = "bench-esimies"
GROUPS = ("TE-asiantuntijat", "ELY-asiantuntijat", "Rekrytointitiimi")
BATCH = 20_000
NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)   # fixed, so reused data keeps its due-date spread

SURNAMES = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
            "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
            "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen",
            "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen", "Ahonen", "Kallio", "Leppänen")
PLACES = ("Pohjolan", "Savon", "Karjalan", "Hämeen", "Lapin", "Kainuun", "Pirkan", "Satakunnan", "Uudenmaan",
          "Keski-Suomen", "Kymen", "Etelä-Pohjanmaan")
TRADES = ("Rakennus", "Kone", "Puu", "Sähkö", "Kuljetus", "Ohjelmisto", "Konsultointi", "Metalli", "Leipomo",
          "Siivous", "Matkailu", "Kiinteistöpalvelu", "Muovi", "Optiikka", "Tilitoimisto", "Vesihuolto")
FORMS = ("Oy", "Oy", "Oy", "Ky", "Ay", "Oyj", "Tmi")
# element ids and names of open tasks, per process (realistic inbox rows; rows only, never loaded)
STEPS = {
    "rekrytointipalvelut": [("Task_palvelulupaus", "Palvelulupaus asiakkaalle"),
                            ("Task_ilmoitus", "Avoimen työpaikan julkaisu"),
                            ("Task_tilanne", "Rekrytoinnin tilanne ja tulos")],
    "palvelutarvearvio": [("Task_palvelulupaus", "Palvelulupaus"), ("Task_arvio", "Palvelutarpeen arviointi")],
    "kehittamispalvelut": [("Task_analyysi", "Analyysi"), ("Task_konsultointi", "Konsultointi")],
    "muutosturva": [("Task_muutosturva", "Muutosturvan suunnittelu")],
    "yhteishankintakoulutus": [("Task_hankinta", "Koulutuksen hankinta")],
    "yritys_suomi_ohjaus": [("Task_ohjaus", "Ohjaus Yritys-Suomeen")],
    "starttiraha": [("Task_hakemus", "Starttirahahakemus")],
}
AFTERCARE = ("Task_jalkihoito", "Jälkihoito: palaute ja palvelutarpeen uudelleenarviointi")


@dataclass(frozen=True)
class Size:
    customers: int
    experts: int
    open_tasks: int
    finished_tasks: int
    instances: int
    signed_in: int          # experts with a password (HTTP clients sign in as them)

    def describe(self) -> str:
        return (f"{self.open_tasks:,} open + {self.finished_tasks:,} finished tasks, {self.instances:,} instances, "
                f"{self.customers:,} customers, {self.experts} experts")


FULL = Size(customers=5_000, experts=50, open_tasks=100_000, finished_tasks=1_000_000, instances=1_000_000,
            signed_in=16)
QUICK = Size(customers=200, experts=12, open_tasks=1_000, finished_tasks=2_000, instances=2_000, signed_in=4)


def expert_name(n: int) -> str:
    return f"bench-asiantuntija{n:02d}"


def expert_groups(n: int) -> list[str]:
    """Most experts are in the TE group; every fifth is also in the recruitment team; a fifth are ELY's."""
    if n % 5 == 4:
        return [GROUPS[1]]
    return [GROUPS[0], GROUPS[2]] if n % 5 == 0 else [GROUPS[0]]


@dataclass(frozen=True)
class Dataset:
    url: str
    size: Size
    reused: bool
    seconds: float
    search_names: list[str]       # company-name fragments that occur
    search_ids: list[str]         # Business IDs that occur
    experts: list[str]


def business_ids(count: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        digits = f"{rng.randrange(1_000_000, 3_300_000):07d}"
        check = business_id_check_digit(digits)
        if check is None or digits in seen:
            continue
        seen.add(digits)
        out.append(f"{digits}-{check}")
    return out


def company_name(rng: random.Random) -> str:
    first = rng.choice(SURNAMES) if rng.random() < 0.6 else rng.choice(PLACES)
    return f"{first} {rng.choice(TRADES)} {rng.choice(FORMS)}"


# --- the marker -----------------------------------------------------------------------------------------

def _params(size: Size) -> str:
    return json.dumps({"generator": GENERATOR_VERSION, **asdict(size)}, sort_keys=True)


def stored_params(eng: Engine) -> str | None:
    with eng.reading() as s:
        try:
            return s.execute(text("SELECT params FROM bench_params")).scalar()
        except Exception:  # noqa: BLE001 - no marker table: not a bench database (or a half-made one)
            return None


def _mark(eng: Engine, params: str) -> None:
    with eng.transaction() as s:
        s.execute(text("CREATE TABLE IF NOT EXISTS bench_params (params TEXT NOT NULL)"))
        s.execute(text("DELETE FROM bench_params"))
        s.execute(text("INSERT INTO bench_params (params) VALUES (:p)"), {"p": params})


# --- rows --------------------------------------------------------------------------------------------------

def _customer_rows(ids: Sequence[str], rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for n, bid in enumerate(ids, start=1):
        yield (n, bid, company_name(rng), "62010", "10-49", "Helsinki", "", "", "", NOW - timedelta(days=900))


CUSTOMER_COLUMNS = ("id", "business_id", "name", "industry", "size_class", "municipality", "ministry_segment",
                    "service_need_segment", "lifecycle_phase", "created_at")
INSTANCE_COLUMNS = ("id", "definition_version_id", "process_key", "customer_id", "responsible", "parent_id", "status",
                    "error_message", "error_element", "serializer_version", "state_json", "lock_version",
                    "started_at", "started_by", "ended_at", "aftercare_completed_at")
TASK_COLUMNS = ("id", "instance_id", "customer_id", "process_key", "element_id", "name", "lane", "candidate_group",
                "assignee", "is_aftercare", "status", "due_at", "created_at", "claimed_at", "completed_at",
                "completed_by")


@dataclass(frozen=True)
class _Plan:
    size: Size
    versions: list[tuple[int, str]]     # (definition version id, process key)
    serializer_version: str

    def instance_of(self, n: int) -> tuple[int, str, int, str]:
        """(version id, process key, customer id, responsible) of instance n, a pure function of n."""
        version_id, key = self.versions[(n * 7 + n // 13) % len(self.versions)]
        customer = (n * 7919) % self.size.customers + 1
        responsible = expert_name((n * 31) % self.size.experts + 1)
        return version_id, key, customer, responsible


def _instance_rows(plan: _Plan, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    size = plan.size
    for n in range(1, size.instances + 1):
        version_id, key, customer, responsible = plan.instance_of(n)
        if n <= size.open_tasks:
            status, started = "running", NOW - timedelta(days=rng.uniform(0, 150))
            ended = None
        else:
            roll = rng.random()
            status = "completed" if roll < 0.9 else "cancelled" if roll < 0.98 else "error"
            started = NOW - timedelta(days=rng.uniform(30, 3 * 365))
            ended = None if status == "error" else started + timedelta(days=rng.uniform(5, 120))
        error = "Element 'Task_x' failed: a generated error." if status == "error" else None
        yield (n, version_id, key, customer, responsible, None, status, error, "Task_x" if error else None,
               plan.serializer_version, '{"bench":true}', 1, started, responsible, ended,
               ended if status == "completed" else None)


def _task_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012x}"


def _open_task_rows(plan: _Plan, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for n in range(1, plan.size.open_tasks + 1):
        _, key, customer, responsible = plan.instance_of(n)
        aftercare = rng.random() < 0.15
        element, name = AFTERCARE if aftercare else rng.choice(STEPS.get(key, STEPS["palvelutarvearvio"]))
        created = NOW - timedelta(days=rng.uniform(0, 40))
        if rng.random() < 0.7:
            group, assignee = None, responsible
        else:
            group, assignee = rng.choice((GROUPS[0], GROUPS[0], GROUPS[0], GROUPS[1], GROUPS[2])), None
        due = None if rng.random() < 0.05 else created + timedelta(days=rng.choice((3, 7, 14, 30, 60)))
        yield (_task_id(n), n, customer, key, element, name, group, group, assignee, aftercare, "open", due,
               created, created if assignee else None, None, None)


def _finished_task_rows(plan: _Plan, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    size = plan.size
    for m in range(1, size.finished_tasks + 1):
        instance = (m - 1) % size.instances + 1
        _, key, customer, responsible = plan.instance_of(instance)
        element, name = rng.choice(STEPS.get(key, STEPS["palvelutarvearvio"]))
        created = NOW - timedelta(days=rng.uniform(20, 3 * 365))
        done = created + timedelta(days=rng.uniform(0.1, 20))
        status = "completed" if rng.random() < 0.95 else "cancelled"
        yield (_task_id(size.open_tasks + m), instance, customer, key, element, name, None, None, responsible,
               False, status, created + timedelta(days=14), created, created, done,
               responsible if status == "completed" else None)


def _batches(rows: Iterator[tuple[Any, ...]], size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _load(eng: Engine, table: Table, columns: Sequence[str], rows: Iterator[tuple[Any, ...]], total: int) -> None:
    """Insert rows in big batches: COPY on PostgreSQL, Core executemany on SQLite."""
    done, started = 0, time.monotonic()
    with eng.transaction() as s:
        conn = s.connection()
        if eng.dialect == "postgresql":
            raw: Any = conn.connection.driver_connection
            copy_sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"  # noqa: S608 - our own names
            with raw.cursor() as cur, cur.copy(copy_sql) as copy:
                for batch in _batches(rows):
                    for row in batch:
                        copy.write_row(row)
                    done += len(batch)
                    _report(table.name, done, total, started)
        else:
            statement = insert(table)
            for batch in _batches(rows):
                conn.execute(statement, [dict(zip(columns, row, strict=True)) for row in batch])
                done += len(batch)
                _report(table.name, done, total, started)


def _report(name: str, done: int, total: int, started: float) -> None:
    if done == total or done % 100_000 == 0:
        rate = done / max(time.monotonic() - started, 1e-6)
        progress(f"  {name}: {done:,}/{total:,} rows ({rate:,.0f}/s)")


# --- the whole data set ----------------------------------------------------------------------------------

def _people(eng: Engine, size: Size) -> None:
    for n in range(1, size.experts + 1):
        password = PASSWORD if n <= size.signed_in else None
        eng.add_user(expert_name(n), roles=["expert"], groups=expert_groups(n), password=password,
                     display_name=f"{rng_name(n)}")
    eng.add_user(MANAGER, roles=["manager"], groups=["Palveluesimiehet"], password=PASSWORD,
                 display_name="Sari Esimies")


def rng_name(n: int) -> str:
    first = ("Anna", "Pekka", "Eeva", "Matti", "Liisa", "Juha", "Sari", "Timo", "Kaisa", "Jari")
    return f"{first[n % len(first)]} {SURNAMES[n % len(SURNAMES)]}"


def _versions(eng: Engine) -> list[tuple[int, str]]:
    with eng.reading() as s:
        rows = s.execute(select(DefinitionVersion.id, DefinitionVersion.definition_id, DefinitionVersion.version)
                         .order_by(DefinitionVersion.id)).all()
        keys: dict[int, str] = {i: k for i, k in s.execute(text("SELECT id, process_key FROM process_definitions"))}
    newest: dict[int, tuple[int, int]] = {}
    for version_id, definition_id, version in rows:
        if definition_id not in newest or version > newest[definition_id][1]:
            newest[definition_id] = (version_id, version)
    return sorted((vid, keys[d]) for d, (vid, _) in newest.items() if keys[d] in STEPS)


def _fix_sequences(eng: Engine) -> None:
    if eng.dialect != "postgresql":
        return
    with eng.transaction() as s:
        for table in ("customers", "instances"):
            s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - our names
                           f"(SELECT coalesce(max(id), 1) FROM {table}))"))


def _analyze(eng: Engine) -> None:
    with eng.transaction() as s:
        s.execute(text("ANALYZE"))


def generate(eng: Engine, size: Size, seed: int = 7) -> None:
    """Fill an empty (freshly migrated) database."""
    rng = random.Random(seed)
    progress(f"generating {size.describe()} on {eng.dialect}")
    eng.deploy(PROCESSES)
    eng.deploy(BENCH_BPMN)
    _people(eng, size)
    codec_version = eng.rt.codec.version
    plan = _Plan(size, _versions(eng), codec_version)
    _load(eng, Customer.__table__, CUSTOMER_COLUMNS,  # type: ignore[arg-type]
          _customer_rows(business_ids(size.customers, rng), rng), size.customers)
    _load(eng, Instance.__table__, INSTANCE_COLUMNS, _instance_rows(plan, rng), size.instances)  # type: ignore[arg-type]
    _load(eng, Task.__table__, TASK_COLUMNS, _open_task_rows(plan, rng), size.open_tasks)  # type: ignore[arg-type]
    _load(eng, Task.__table__, TASK_COLUMNS, _finished_task_rows(plan, rng),  # type: ignore[arg-type]
          size.finished_tasks)
    _fix_sequences(eng)
    progress("analyzing")
    _analyze(eng)


def _samples(eng: Engine) -> tuple[list[str], list[str]]:
    """Search terms that occur in the data: company-name fragments and Business IDs."""
    with eng.reading() as s:
        names = [n for (n,) in s.execute(select(Customer.name).order_by(Customer.id).limit(40))]
        ids = [b for (b,) in s.execute(select(Customer.business_id).order_by(Customer.id).limit(40))]
        count = s.scalar(select(func.count()).select_from(Customer)) or 0
    if not count:
        raise RuntimeError("The bench database has no customers; delete it and run again.")
    fragments = sorted({n.split()[0][:6].lower() for n in names} | {n.split()[1][:5].lower() for n in names})
    return fragments, ids


def sqlite_url(data_dir: Path, size: Size) -> str:
    name = "bench-quick.db" if size == QUICK else "bench-full.db" if size == FULL else "bench.db"
    return f"sqlite:///{data_dir / name}"


def prepare(url: str, size: Size, *, reset: Any) -> Dataset:
    """The data set at `url`: reused when its parameters match, else `reset()` and generated anew."""
    started = time.monotonic()
    eng = Engine(url)
    try:
        reused = stored_params(eng) == _params(size)
        if not reused:
            eng.dispose()
            reset()
            eng = Engine(url)
            generate(eng, size)
            _mark(eng, _params(size))
        else:
            progress(f"reusing the generated data on {eng.dialect} ({size.describe()})")
        names, ids = _samples(eng)
    finally:
        eng.dispose()
    return Dataset(url, size, reused, time.monotonic() - started, names, ids,
                   [expert_name(n) for n in range(1, size.experts + 1)])
