"""Fill webui/translations/fi/LC_MESSAGES/messages.po from FI below (after `pybabel update`).

Usage: .venv/bin/python tools/fi_catalog.py   -> lists msgids that still lack a Finnish text.
Kept as a plain table so a reviewer can read the Finnish next to the English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "webui" / "translations" / "fi" / "LC_MESSAGES" / "messages.po"

FI = {
    "Wrong username or password.": "Väärä käyttäjätunnus tai salasana.",
    "You have signed out.": "Olet kirjautunut ulos.",
    "Tasks": "Tehtävät",
    "Customers": "Asiakkaat",
    "Instances": "Palvelupolut",
    "Team": "Tiimi",
    "Processes": "Prosessit",
    "No such task.": "Tehtävää ei löydy.",
    "Task claimed.": "Tehtävä otettu työn alle.",
    "Task returned to its group.": "Tehtävä palautettu ryhmälle.",
    "Task handed over to %(user)s.": "Tehtävä siirretty käyttäjälle %(user)s.",
    "Check the marked fields.": "Tarkista merkityt kentät.",
    "Task '%(name)s' completed.": "Tehtävä '%(name)s' valmis.",
    "The next step failed and is waiting for a manager: %(error)s":
        "Seuraava vaihe epäonnistui ja odottaa esimiehen toimia: %(error)s",
    "Started %(process)s for %(customer)s.": "Aloitettu %(process)s asiakkaalle %(customer)s.",
    "Yes": "Kyllä",
    "No": "Ei",
    "Choose…": "Valitse…",
    "Pages": "Sivut",
    "Previous": "Edellinen",
    "Page %(n)s of %(total)s": "Sivu %(n)s / %(total)s",
    "Next": "Seuraava",
    "overdue": "myöhässä",
    "Skip to content": "Siirry sisältöön",
    "Main": "Päävalikko",
    "Sign out": "Kirjaudu ulos",
    "Sign in": "Kirjaudu sisään",
    "Username": "Käyttäjätunnus",
    "Password": "Salasana",
    "Demo users": "Demokäyttäjät",
    "Name": "Nimi",
    "Roles": "Roolit",
    "Not allowed": "Ei oikeutta",
    "Not found": "Ei löydy",
    "Something went wrong": "Jokin meni vikaan",
    "Cannot do that": "Toiminto ei onnistu",
    "Back to the start page": "Takaisin etusivulle",
    "Business ID": "Y-tunnus",
    "Municipality": "Kunta",
    "Industry (TOL 2008)": "Toimiala (TOL 2008)",
    "Size": "Kokoluokka",
    "Responsible expert": "Vastuuasiantuntija",
    "Contact persons": "Yhteyshenkilöt",
    "Services": "Palvelut",
    "Task lists": "Tehtävälistat",
    "Mine": "Omat",
    "My groups": "Ryhmieni",
    "All": "Kaikki",
    "%(n)s overdue": "%(n)s myöhässä",
    "Due": "Määräaika",
    "Task": "Tehtävä",
    "Customer": "Asiakas",
    "Process": "Prosessi",
    "Assignee": "Tekijä",
    "Actions": "Toiminnot",
    "aftercare": "jälkihoito",
    "Claim": "Ota työn alle",
    "%(n)s tasks": "%(n)s tehtävää",
    "No tasks here.": "Ei tehtäviä.",
    "My tasks": "Omat tehtävät",
    "Start a service": "Aloita palvelu",
    "Company name or Business ID": "Yrityksen nimi tai Y-tunnus",
    "Any time": "Milloin tahansa",
    "Overdue": "Myöhässä",
    "This week": "Tällä viikolla",
    "Filter": "Suodata",
    "Service process": "Palveluprosessi",
    "Customer's Business ID": "Asiakkaan Y-tunnus",
    "Start": "Aloita",
    "unclaimed, group %(g)s": "vapaana, ryhmä %(g)s",
    "Status": "Tila",
    "Instructions": "Ohjeet",
    "Claim this task": "Ota tehtävä työn alle",
    "The form has %(n)s errors": "Lomakkeessa on %(n)s virhettä",
    "Complete": "Valmis",
    "Give back to the group": "Palauta ryhmälle",
    "Hand over to another expert": "Siirrä toiselle asiantuntijalle",
    "Expert": "Asiantuntija",
    "How the customer was told": "Miten asiakkaalle kerrottiin",
    "Hand over": "Siirrä",
    "Customer card": "Asiakaskortti",
    "Welcome": "Tervetuloa",
    "Welcome, %(name)s": "Tervetuloa, %(name)s",
    "Choose a page from the menu above.": "Valitse sivu yläreunan valikosta.",
    "open": "avoin",
    "completed": "valmis",
    "cancelled": "peruttu",
    "running": "käynnissä",
    "error": "virhe",
    "waiting": "odottaa",
    "fired": "lauennut",
    "'%(field)s' is not a field of this form.": "'%(field)s' ei ole tämän lomakkeen kenttä.",
    "%(label)s is read-only and cannot be changed.": "%(label)s: vain luku, ei voi muuttaa.",
    "%(label)s is required.": "%(label)s: pakollinen tieto puuttuu.",
    "%(label)s has the unknown type '%(type)s'.": "%(label)s: tuntematon tyyppi '%(type)s'.",
    "%(label)s must be yes or no.": "%(label)s: valitse kyllä tai ei.",
    "%(label)s must be text.": "%(label)s: anna tekstiä.",
    "%(label)s can be at most %(limit)s characters long (now %(length)s).":
        "%(label)s: enintään %(limit)s merkkiä (nyt %(length)s).",
    "%(label)s must be at least %(limit)s characters long.": "%(label)s: vähintään %(limit)s merkkiä.",
    "%(label)s must be a whole number.": "%(label)s: anna kokonaisluku.",
    "%(label)s must be at least %(limit)s.": "%(label)s: vähintään %(limit)s.",
    "%(label)s must be at most %(limit)s.": "%(label)s: enintään %(limit)s.",
    "%(label)s must be a date like 2026-11-26.": "%(label)s: anna päivämäärä, esim. 26.11.2026.",
    "%(label)s must be on or after %(limit)s.": "%(label)s: aikaisintaan %(limit)s.",
    "%(label)s must be on or before %(limit)s.": "%(label)s: viimeistään %(limit)s.",
    "%(label)s must be one of: %(options)s.": "%(label)s: valitse jokin vaihtoehdoista %(options)s.",
}


def main() -> int:
    with PO.open("rb") as f:
        catalog = read_po(f, locale="fi")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in FI:
            message.string = FI[key]
            message.flags.discard("fuzzy")
        else:
            if "fuzzy" in message.flags:   # pybabel's guesses are usually wrong; English is better
                message.string = "" if isinstance(message.id, str) else ("",) * len(message.string)
                message.flags.discard("fuzzy")
            if not message.string or not any(message.string):
                missing.append(key)
    with PO.open("wb") as f:
        write_po(f, catalog, width=120)
    for key in missing:
        print(f"missing: {key!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
