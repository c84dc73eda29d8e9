"""Demo data for `make run`: users per role, ~30 companies, instances in varied states.

Seeding happens once (it is skipped when the demo expert exists). Instances are driven through
their real forms on a clock set back in time, so due dates, overdue aftercare and fired
timers look as they would after weeks of use.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from ..clock import ManualClock, system_clock
from ..core import Engine
from ..errors import NotFound
from ..runtime.views import TaskInfo
from .answers import text_answer

DEMO_USERS: list[tuple[str, str, list[str], list[str]]] = [
    ("asiantuntija", "Anna Asiantuntija", ["expert"], ["TE-asiantuntijat"]),
    # the international recruitment group (EURES, thesis 3.2) is a few experts of the business services
    ("asiantuntija2", "Pekka Palvelu", ["expert"], ["TE-asiantuntijat", "Kansainvälinen rekrytointi"]),
    ("ely", "Eeva Elinkeino", ["expert"], ["ELY-asiantuntijat"]),
    ("esimies", "Sari Esimies", ["manager"], ["Palveluesimiehet"]),
    ("omistaja", "Olli Omistaja", ["process_owner"], []),
    ("admin", "Ylläpito", ["admin"], []),
]


def demo_password(username: str) -> str:
    return f"{username}-demo-pass"


def demo_accounts() -> list[tuple[str, str, str, str]]:
    """Username, name, roles and password of each demo user, for the sign-in page of a demo server."""
    return [(u, name, ", ".join(roles), demo_password(u)) for u, name, roles, _groups in DEMO_USERS]


@dataclass
class SeedReport:
    skipped: bool = False
    users: list[tuple[str, str, str]] = field(default_factory=list)   # username, roles, password
    companies: int = 0
    instances: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.skipped:
            return "Demo data is already present; nothing seeded."
        lines = [f"Seeded {self.companies} companies and {len(self.instances)} instances.", "Demo users:"]
        lines += [f"  {u:<14} {r:<14} password: {p}" for u, r, p in self.users]
        lines += [f"  - {i}" for i in self.instances]
        return "\n".join(lines)


def autofill(form: list[dict[str, Any]], today: str, choices: dict[str, Any] | None = None) -> dict[str, Any]:
    """Plausible values for every field of a form; `choices` override by field id."""
    choices = choices or {}
    data: dict[str, Any] = {}
    for f in form:
        if "readonly" in f["constraints"]:
            continue
        if f["id"] in choices:
            data[f["id"]] = choices[f["id"]]
            continue
        data[f["id"]] = _value(f, today)
    return data


# The service promise was given and the needs reassessed in aftercare, as they always should be; other
# yes/no fields default to no, which keeps autofilled runs on a process's plain path unless a scenario
# chooses otherwise.
# Customers' 1-5 scores as a TE Office meets them: mostly good, some middling, a few poor (the same day and
# field always give the same score, so the demo is the same on every run of the same day).
SCORES = (5, 4, 4, 5, 3, 4, 2, 5, 4, 3)
CONTACT_FIELDS = {"yhteyshenkilo", "yhteyshenkilo_puhelin", "yhteyshenkilo_sahkoposti"}
TRUE_BY_DEFAULT = {"palvelulupaus_annettu", "vastuuasiantuntija_kerrottu", "palvelutarve_arvioitu"}


def _value(f: dict[str, Any], today: str) -> Any:
    kind, cons = f["type"], f["constraints"]
    pick = zlib.crc32(f"{today}:{f['id']}".encode())
    if kind == "enum" and f.get("properties", {}).get("multiple") == "true":   # one to three of the options
        options = [o["id"] for o in f["options"]]
        return sorted({options[(pick >> (8 * i)) % len(options)] for i in range(1 + pick % 3)}, key=options.index)
    if kind == "boolean":
        return f["id"] in TRUE_BY_DEFAULT
    if kind == "long" and f["id"].startswith("arvio_"):
        return SCORES[zlib.crc32(f"{today}:{f['id']}".encode()) % len(SCORES)]
    if kind == "long":     # counts of people, days, offers: small numbers, as a company has them
        low, high = int(cons.get("min") or 1), int(cons.get("max") or 10)
        return max(low, min(high, 1 + pick % 6))
    if kind == "date" and f["id"] == "seuraava_yhteydenotto":   # the next contact is agreed for a season on
        return (date.fromisoformat(today) + timedelta(days=120)).isoformat()
    if kind == "date":
        return today
    if kind == "enum":
        return f["options"][0]["id"]
    text = text_answer(f["id"], pick)     # what a customer or an expert would write there
    return text[: int(cons["maxlength"])] if cons.get("maxlength") else text


def _worker_for(eng: Engine, task: TaskInfo) -> str:
    if task.assignee:
        return task.assignee
    for username, _, _, groups in DEMO_USERS:
        if task.candidate_group in groups:
            eng.claim(task.id, username)
            return username
    raise NotFound(f"No demo user is in group '{task.candidate_group}' of task '{task.name}'.",
                   code="demo.no_user", params={"group": task.candidate_group, "task": task.name})


def drive(eng: Engine, clock: ManualClock, instance_id: int, choices: dict[str, Any] | None = None,
          until: Callable[[TaskInfo], bool] = lambda t: False, days_per_task: float = 2, limit: int = 40,
          horizon: datetime | None = None) -> None:
    """Work an instance's tasks with autofilled forms until `until(task)` or the instance waits/ends.

    Waiting timers are fired by moving the clock to them, but never past `horizon` (the demo keeps
    its story before today; tests pass None and let time run as far as the process needs).
    """
    for _ in range(limit):
        info = eng.instance(instance_id)
        tasks = [t for t in info.open_tasks if t.candidate_group != "Palveluesimiehet"]
        if not tasks or info.status != "running":
            due = min((t["due_at"] for t in info.timers), default=None)
            if due is None or info.status != "running" or tasks or (horizon is not None and due > horizon):
                return  # ended, failed, or waits past today: leave it there
            clock.set(max(due, clock()))
            eng.fire_due_timers()
            continue
        task = tasks[0]
        if until(task):
            return
        user = _worker_for(eng, task)
        form = eng.task(task.id).form
        step = clock() + timedelta(days=days_per_task)
        clock.set(min(step, horizon) if horizon is not None else step)
        eng.fire_due_timers()
        # The contact person is the one on the customer card, as an expert picks it there (the task's pre-fill).
        card = {k: v for k, v in eng.task_context(task.id, user).prefill.items() if k in CONTACT_FIELDS}
        eng.complete(task.id, user, autofill(form, clock().date().isoformat(), {**card, **(choices or {})}))


def seed(eng: Engine) -> SeedReport:
    try:
        eng.user(DEMO_USERS[0][0])
        return SeedReport(skipped=True)
    except NotFound:
        pass
    from .companies import DEMO_COMPANIES

    report = SeedReport()
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, password=demo_password(username), display_name=name)
        report.users.append((username, ",".join(roles), demo_password(username)))
    for company in DEMO_COMPANIES:
        eng.add_customer(**company)
    report.companies = len(DEMO_COMPANIES)
    ids = [c["business_id"] for c in DEMO_COMPANIES]
    clock = ManualClock(system_clock() - timedelta(days=60))
    past = Engine(eng.url, clock=clock, run_migrations=False)
    try:
        _scenarios(past, clock, ids, report)
    finally:
        past.dispose()
    return report


def _scenarios(eng: Engine, clock: ManualClock, ids: list[str], report: SeedReport) -> None:
    today = system_clock()

    def start(process: str, company: int, days_ago: float, responsible: str = "asiantuntija") -> int:
        clock.set(today - timedelta(days=days_ago))
        info = eng.start(process, customer=ids[company], responsible=responsible, actor=responsible)
        report.instances.append(f"{process} #{info.id} for {info.customer_name}")
        return info.id

    at_aftercare = lambda t: t.is_aftercare  # noqa: E731
    go = partial(drive, horizon=today)
    # Finished services: one whose aftercare found new needs (-> a linked needs assessment), one without.
    go(eng, clock, start("rekrytointipalvelut", 0, 30), {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True,
                                                            "uudet_tarpeet_kuvaus": "Henkilöstön koulutustarve",
                                                            "toimisto_voisi_parantaa": "Hyvä palvelu, ei lisättävää."},
          days_per_task=1)
    go(eng, clock, start("rekrytointipalvelut", 1, 90, "asiantuntija2"), {"asiakas_tavoitettu": True,
                                                                          "toimisto_voisi_parantaa": None},
          days_per_task=3)
    # In aftercare: one long overdue (escalated to the managers when timers fire below), two on time.
    go(eng, clock, start("rekrytointipalvelut", 2, 60), until=at_aftercare, days_per_task=2)
    for company in (3, 4):
        go(eng, clock, start("rekrytointipalvelut", company, 8, "asiantuntija2"), until=at_aftercare,
              days_per_task=0.5)
    # Mid-service, and fresh needs assessments.
    go(eng, clock, start("rekrytointipalvelut", 5, 12), limit=2, days_per_task=2)
    for company, days_ago in ((6, 6), (7, 3), (8, 1)):
        start("palvelutarvearvio", company, days_ago, "asiantuntija" if company % 2 else "asiantuntija2")
    # Every other service of the library run to its end (the long ones then wait for their follow-up day a
    # year on), each with another outcome of the aftercare, and one of each still under way.
    deployed = {p.process_key for p in eng.processes()}
    committed = {"yritys_sitoutuu": True, "hankinta_hyvaksytty": True, "kouluttaja_valittu": True, "tarjouksia": 3,
                 "hakemus_jatetty": True, "palvelu_myonnetty": True, "paatos": "myonnetty", "tukijakso_kk": 1}
    outcomes: list[dict[str, Any]] = [{"asiakas_tavoitettu": True, "uudet_palvelutarpeet": False},
                {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True},
                {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": False, "yhteydenottotapa": "tapaaminen"},
                {"asiakas_tavoitettu": False}]
    others = [("yhteishankintakoulutus", 9, 2), ("kehittamispalvelut", 10, 1), ("muutosturva", 11, 2),
              ("yritys_suomi_ohjaus", 12, 1), ("starttiraha", 13, 1)]
    for n, (process, company, per_task) in enumerate(others):
        if process not in deployed:
            continue
        for k, outcome in enumerate(outcomes[: 3 if n % 2 else 4]):
            expert = "asiantuntija" if (n + k) % 2 else "asiantuntija2"
            go(eng, clock, start(process, (company + 3 * k) % len(ids), 150 - 20 * k, expert),
               {**committed, **outcome}, days_per_task=per_task, limit=60)
        go(eng, clock, start(process, company, 10), committed, limit=3, days_per_task=1)
    if "starttiraha" in deployed:
        # An applicant still founding the company: a card without a Business ID (issue 18), a few steps in.
        clock.set(today - timedelta(days=5))
        info = eng.start_for_prospect("starttiraha", {"name": "Aino Aloittaja", "planned_company": "Ainon Kahvila",
                                                      "municipality": "Tampere", "phone": "+358 40 765 4321"},
                                      "asiantuntija", actor="asiantuntija")
        report.instances.append(f"starttiraha #{info.id} for {info.customer_name} ({info.customer_business_id})")
        go(eng, clock, info.id, committed, limit=2, days_per_task=1)
    from .crm import seed_crm

    seed_crm(eng, clock, ids, today, go, start)
    clock.set(today)
    eng.fire_due_timers()
