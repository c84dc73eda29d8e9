"""Demo data for the customer relationship pages: finished services whose aftercare went on time,
late or unanswered, quality scores and feedback, new needs that led to services, key-account
portfolios with logged contacts, the yearly plan, a hand-over and a few days of reminders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from ..clock import HELSINKI, ManualClock
from ..core import Engine
from ..office.portfolios import ContactRequest

RECRUIT = "rekrytointipalvelut"
NEEDS = "palvelutarvearvio"
# (company, days ago, expert, technical score, functional score, what the office could do better)
ON_TIME = [
    (14, 110, "asiantuntija", 5, 4, "Ehdokkaita olisi voinut esitellä nopeammin."),
    (15, 95, "asiantuntija2", 4, 5, ""),
    (16, 80, "asiantuntija", 3, 4, "Toivomme yhtä yhteyshenkilöä koko palvelun ajan."),
    (17, 64, "asiantuntija2", 5, 5, ""),
    (18, 50, "asiantuntija", 4, 3, "Työpaikkailmoituksen julkaisu viivästyi viikolla."),
    (19, 40, "asiantuntija2", 2, 3, "Palvelun vaiheista kerrottiin liian vähän alussa."),
]
LATE = [(20, 75, "asiantuntija2"), (21, 58, "asiantuntija")]
NOT_REACHED = [(22, 70, "asiantuntija")]
NEW_NEEDS = [(23, 100, "asiantuntija2"), (24, 62, "asiantuntija")]
PORTFOLIOS = [
    ("Kasvuyritykset", "asiantuntija", 6, [0, 1, 14, 15, 16, 25]),
    ("Avainasiakkaat Tampere", "asiantuntija2", 3, [2, 17, 23, 26, 27]),
]
# (company, days ago, channel, notes, new needs)
CONTACTS = [
    (0, 240, "meeting", "Vuosikatsaus: kasvusuunnitelmat ennallaan.", False),
    (14, 30, "phone", "Kuulumiset; uusia rekrytointeja keväällä.", False),
    (16, 200, "email", "Lähetetty tietoa koulutuspalveluista.", False),
    (17, 20, "phone", "Kuulumiset, ei uusia tarpeita nyt.", False),
    (26, 120, "meeting", "Yritysvierailu tuotantotiloissa.", False),
    (25, 5, "phone", "Yritys laajentaa: tarvitsee kaksi asentajaa.", True),
]
PLAN = {
    "kasvava": ("Kasvuyritysten kanta-asiakassalkut, yhteydenotto puolen vuoden välein.", 40),
    "tehostava": ("Tarjotaan TäsmäKoulutusta ja kehittämispalveluja.", 20),
    "ongelmat": ("Muutosturvan ennakointi yhdessä ELY-keskuksen kanssa.", 10),
    "aloitusvaihe": ("Starttirahan saaneille jälkihoito puolen vuoden kohdalla.", 15),
    "korvausrekrytointi": ("Eläköityvien korvaaminen: rekrytointipalvelut ja RekryKoulutus.", 25),
}


def seed_crm(eng: Engine, clock: ManualClock, ids: list[str], today: datetime,
             drive: Callable[..., None], start: Callable[..., int]) -> None:
    at_aftercare = lambda t: t.is_aftercare  # noqa: E731
    for company, days_ago, expert, tech, func, better in ON_TIME:
        drive(eng, clock, start(RECRUIT, company, days_ago, expert),
              {"asiakas_tavoitettu": True, "arvio_tulos": tech, "arvio_palvelu": func,
               "toimisto_voisi_parantaa": better or None}, days_per_task=1)
    for company, days_ago, expert in LATE:
        iid = start(RECRUIT, company, days_ago, expert)
        drive(eng, clock, iid, until=at_aftercare, days_per_task=1)
        drive(eng, clock, iid, {"asiakas_tavoitettu": True, "arvio_tulos": 3, "arvio_palvelu": 2,
                                "toimisto_voisi_parantaa": "Jälkihoitosoitto tuli vasta viikkojen päästä."},
              days_per_task=20, limit=1)
        drive(eng, clock, iid, days_per_task=1)
    for company, days_ago, expert in NOT_REACHED:
        drive(eng, clock, start(RECRUIT, company, days_ago, expert), {"asiakas_tavoitettu": False},
              days_per_task=1, limit=12)
    for company, days_ago, expert in NEW_NEEDS:
        iid = start(RECRUIT, company, days_ago, expert)
        drive(eng, clock, iid, {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True, "arvio_tulos": 4,
                                "arvio_palvelu": 4, "uudet_tarpeet_kuvaus": "Uusi rekrytointitarve",
                                "toimisto_voisi_parantaa": "Kertokaa rohkeammin muista palveluista."},
              days_per_task=1)
        for child in eng.instance(iid).children:   # the needs assessment goes on to a new service
            drive(eng, clock, child, {"tarve_rekrytointi": True, "aloita_rekrytointi": True},
                  until=at_aftercare, days_per_task=1)
    _relations(eng, clock, ids, today)


def _at(clock: ManualClock, today: datetime, days_ago: float) -> date:
    clock.set(today - timedelta(days=days_ago))
    return clock().astimezone(HELSINKI).date()


def _relations(eng: Engine, clock: ManualClock, ids: list[str], today: datetime) -> None:
    clock.set(today - timedelta(days=300))
    for name, owner, months, companies in PORTFOLIOS:
        pid = eng.create_portfolio(name, owner, months, actor=owner)
        for company in companies:
            eng.add_to_portfolio(pid, ids[company], owner)
    owners = {ids[c]: owner for _, owner, _, cs in PORTFOLIOS for c in cs}
    for company, days_ago, channel, notes, new_needs in CONTACTS:
        day = _at(clock, today, days_ago)
        eng.log_contact(ContactRequest(ids[company], day, channel, notes, owners.get(ids[company], "asiantuntija"),
                                       new_needs))
    clock.set(today - timedelta(days=20))
    year = today.astimezone(HELSINKI).year
    for segment, (actions, target) in PLAN.items():
        eng.set_plan(year, segment, actions, target, "esimies")
    _hand_over(eng, clock, today, ids[5])
    for days_ago in (3, 2, 1):
        _at(clock, today, days_ago)
        eng.send_reminders()


def _hand_over(eng: Engine, clock: ManualClock, today: datetime, business_id: str) -> None:
    """The mid-service recruitment of the main scenarios changes hands: the new expert gets a to-do."""
    clock.set(today - timedelta(days=2))
    running: list[Any] = [r for r in eng.instances(_running_of("asiantuntija")).items
                          if r.process_key == RECRUIT and r.customer_business_id == business_id]
    if running:
        eng.hand_over(running[-1].id, "asiantuntija2", "esimies",
                      "Anna siirtyy toisiin tehtäviin; Pekka jatkaa vastuuasiantuntijana.")


def _running_of(username: str) -> Any:
    from ..runtime.queries import InstanceFilter

    return InstanceFilter(status="running", responsible=username, per_page=200)
