"""The Finnish UI texts: FI below fills webui/translations/fi/LC_MESSAGES/messages.po.

Usage: `make messages` (tools/catalog.py: extract, update and fill every language), or
.venv/bin/python tools/fi_catalog.py to fill only Finnish -> lists msgids that still lack a Finnish text.
Kept as a plain table so a reviewer can read the Finnish next to the English.
"""

from __future__ import annotations

import sys

from catalog import fill
from engine_catalog import ENGINE

FI: dict[str, str | tuple[str, str]] = {
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
    "%(label)s is too large a number.": "%(label)s: luku on liian suuri.",
    "%(label)s must be at least %(limit)s.": "%(label)s: vähintään %(limit)s.",
    "%(label)s must be at most %(limit)s.": "%(label)s: enintään %(limit)s.",
    "%(label)s must be on or after %(limit)s.": "%(label)s: aikaisintaan %(limit)s.",
    "%(label)s must be on or before %(limit)s.": "%(label)s: viimeistään %(limit)s.",
    "%(label)s must be one of: %(options)s.": "%(label)s: valitse jokin vaihtoehdoista %(options)s.",
    # customers
    "by phone": "puhelimitse",
    "in a meeting": "tapaamisessa",
    "by e-mail": "sähköpostitse",
    "There is no company with Business ID %(id)s.": "Y-tunnuksella %(id)s ei ole yritystä.",
    "Contact person %(name)s added.": "Yhteyshenkilö %(name)s lisätty.",
    "The company was not saved; check the marked fields.": "Yritystä ei tallennettu; tarkista merkityt kentät.",
    "Company %(name)s added.": "Yritys %(name)s lisätty.",
    "The changes were not saved; check the marked fields.": "Muutoksia ei tallennettu; tarkista merkityt kentät.",
    "Company %(name)s saved.": "Yritys %(name)s tallennettu.",
    "Choose a CSV file to import.": "Valitse tuotava CSV-tiedosto.",
    "No such import; imports are kept for an hour after they finish.":
        "Tuontia ei löydy; tuonnit säilyvät tunnin valmistumisen jälkeen.",
    "The file is larger than %(limit)s; split it into smaller files and import them one by one.":
        "Tiedosto on suurempi kuin %(limit)s; jaa se pienempiin osiin ja tuo ne yksi kerrallaan.",
    "Not set": "Ei asetettu",
    "The form has %(num)s error": ("Lomakkeessa on %(num)s virhe", "Lomakkeessa on %(num)s virhettä"),
    "version %(v)s": "versio %(v)s",
    "Started from %(link)s's aftercare": "Alkoi palvelun %(link)s jälkihoidosta",
    "Started": "Aloitettu",
    "Ended": "Päättynyt",
    "Error": "Virhe",
    "Aftercare": "Jälkihoito",
    "Customer reached": "Asiakas tavoitettu",
    "Contacted": "Yhteydenotto",
    "Result score": "Arvio tuloksesta",
    "%(score)s / 5": "%(score)s / 5",
    "Service score": "Arvio palvelusta",
    "New service needs": "Uusia palvelutarpeita",
    "Aftercare led to:": "Jälkihoidosta alkoi:",
    "Open tasks": "Avoimet tehtävät",
    "Edit %(name)s": "Muokkaa: %(name)s",
    "Add a company": "Lisää yritys",
    "Company name": "Yrityksen nimi",
    "Ministry segment": "Ministeriön segmentti",
    "Service-need segment": "Palvelutarvesegmentti",
    "Lifecycle phase": "Elinkaaren vaihe",
    "The Business ID cannot be changed; add the company under a new ID instead.":
        "Y-tunnusta ei voi muuttaa; lisää yritys uudella tunnuksella.",
    "Seven digits, a hyphen and the check digit, e.g. 0112038-9.":
        "Seitsemän numeroa, väliviiva ja tarkistusnumero, esim. 0112038-9.",
    "A code of 1-5 digits, e.g. 62010, or a section letter A-U.":
        "1–5 numeron koodi, esim. 62010, tai pääluokan kirjain A–U.",
    "Save": "Tallenna",
    "Cancel": "Peruuta",
    "Import companies": "Tuo yrityksiä",
    "Import companies from a CSV file": "Tuo yrityksiä CSV-tiedostosta",
    "The first line names the columns: business_id and name are required; industry, size_class, municipality, "
    "ministry_segment, service_need_segment and lifecycle_phase are optional (Finnish names such as y_tunnus and "
    "nimi work too). Commas or semicolons, UTF-8 text.":
        "Ensimmäinen rivi nimeää sarakkeet: business_id ja name ovat pakollisia; industry, size_class, municipality, "
        "ministry_segment, service_need_segment ja lifecycle_phase ovat vapaaehtoisia (myös suomenkieliset nimet "
        "kuten y_tunnus ja nimi käyvät). Erottimena pilkku tai puolipiste, UTF-8-teksti.",
    "New Business IDs are added and known ones updated; a blank cell keeps the company's value. Good rows are kept "
    "and bad ones reported by line.":
        "Uudet Y-tunnukset lisätään ja tunnetut päivitetään; tyhjä solu säilyttää yrityksen arvon. Hyvät rivit "
        "tallennetaan ja virheelliset raportoidaan riveittäin.",
    "CSV file": "CSV-tiedosto",
    "At most %(limit)s.": "Enintään %(limit)s.",
    "Import": "Tuo",
    "Importing %(file)s": "Tuodaan %(file)s",
    "Import of %(file)s": "Tuonti: %(file)s",
    "Reading and checking the file…": "Luetaan ja tarkistetaan tiedostoa…",
    "%(done)s of %(total)s rows": "%(done)s / %(total)s riviä",
    "This page refreshes itself every few seconds.": "Sivu päivittyy itsestään muutaman sekunnin välein.",
    "Refresh now": "Päivitä nyt",
    "The import stopped unexpectedly": "Tuonti keskeytyi odottamatta",
    "The error has been logged. Rows in batches written before the stop were kept; import the file again to "
    "finish (known companies are updated, not added twice).":
        "Virhe on kirjattu lokiin. Ennen keskeytystä tallennetut erät säilyivät; tuo tiedosto uudelleen loppuun "
        "(tunnetut yritykset päivitetään, ei lisätä kahdesti).",
    "Done: %(added)s added, %(updated)s updated, %(errors)s rows with errors.":
        "Valmis: %(added)s lisätty, %(updated)s päivitetty, %(errors)s virheellistä riviä.",
    "Rows that were not imported": "Rivit, joita ei tuotu",
    "Line": "Rivi",
    "Reason": "Syy",
    "file": "tiedosto",
    "Import another file": "Tuo toinen tiedosto",
    "To the customers": "Asiakkaisiin",
    "Import from CSV": "Tuo CSV-tiedostosta",
    "Search": "Hae",
    "Show all": "Näytä kaikki",
    "Company": "Yritys",
    "Segments": "Segmentit",
    "Open services": "Avoimet palvelut",
    "%(num)s company": ("%(num)s yritys", "%(num)s yritystä"),
    "%(num)s customer": ("%(num)s asiakas", "%(num)s asiakasta"),
    "none yet (card %(key)s)": "ei vielä (kortti %(key)s)",
    "No customers yet.": "Ei vielä asiakkaita.",
    "Message": "Viesti",
    "No company matches '%(q)s'.": "Haulla '%(q)s' ei löytynyt yritystä.",
    "No companies yet.": "Ei vielä yrityksiä.",
    "Edit company": "Muokkaa yritystä",
    "Service path": "Palvelupolku",
    "No services yet.": "Ei vielä palveluita.",
    "Customer since": "Asiakkaana alkaen",
    "No contact persons yet.": "Ei vielä yhteyshenkilöitä.",
    "Add a contact person": "Lisää yhteyshenkilö",
    "Title": "Tehtävänimike",
    "Phone": "Puhelin",
    "E-mail": "Sähköposti",
    "Add": "Lisää",
    # managers
    "Claimed": "Otettu työn alle",
    "Given back": "Palautettu ryhmälle",
    "Reassigned": "Siirretty",
    "Responsibility handed over": "Vastuu siirretty",
    "Completed": "Valmis",
    "Timer fired": "Ajastin laukesi",
    "Message sent": "Viesti lähetetty",
    "Message delivered": "Viesti toimitettu",
    "Message not delivered": "Viestiä ei toimitettu",
    "Retried": "Yritetty uudelleen",
    "Cancelled": "Peruttu",
    "Deployed": "Otettu käyttöön",
    "Instance %(id)s does not exist.": "Palvelupolkua %(id)s ei ole.",
    "Give the date like 26.11.2026 (day.month.year), between 2000 and 2100.":
        "Anna päivämäärä muodossa 26.11.2026 (päivä.kuukausi.vuosi), vuosien 2000 ja 2100 väliltä.",
    "Version %(number)s does not exist.": "Versiota %(number)s ei ole.",
    "Too many failed sign-ins; wait %(seconds)s seconds and try again.":
        "Liian monta epäonnistunutta kirjautumista; odota %(seconds)s sekuntia ja yritä uudelleen.",
    "The version is a whole number like 1.": "Versio on kokonaisluku, esim. 1.",
    "Instance": "Palvelupolku",
    "Process name": "Prosessin nimi",
    "Version": "Versio",
    "Started from instance": "Alkoi palvelupolusta",
    "The step failed again: %(error)s": "Vaihe epäonnistui uudelleen: %(error)s",
    "Task reassigned to %(user)s.": "Tehtävä siirretty käyttäjälle %(user)s.",
    "Responsibility handed over to %(user)s.": "Vastuu siirretty käyttäjälle %(user)s.",
    "The failed step was retried.": "Epäonnistunut vaihe ajettiin uudelleen.",
    "Instance %(id)s cancelled.": "Palvelupolku %(id)s peruttu.",
    "A step failed and is waiting for a manager": "Vaihe epäonnistui ja odottaa esimiehen toimia",
    "element %(id)s": "elementti %(id)s",
    "Fix the cause (the model or its data), then retry the failed step.":
        "Korjaa syy (malli tai sen tiedot) ja aja epäonnistunut vaihe uudelleen.",
    "Started from": "Alkoi",
    "Led to": "Johti",
    "Current tasks": "Nykyiset tehtävät",
    "Reassign": "Siirrä",
    "Note (optional)": "Huomautus (vapaaehtoinen)",
    "Reassign task '%(name)s'": "Siirrä tehtävä '%(name)s'",
    "No open tasks.": "Ei avoimia tehtäviä.",
    "Waiting for": "Odottaa",
    "Timer %(element)s": "Ajastin %(element)s",
    "Message '%(name)s'": "Viesti '%(name)s'",
    "History": "Historia",
    "Instance data": "Palvelupolun tiedot",
    "No data.": "Ei tietoja.",
    "Retry the failed step": "Aja epäonnistunut vaihe uudelleen",
    "Hand over responsibility": "Siirrä vastuu",
    "New responsible expert": "Uusi vastuuasiantuntija",
    "Cancel the instance": "Peru palvelupolku",
    "Reason for cancelling": "Perumisen syy",
    "Cancelling ends the instance and its open tasks and timers; it cannot be undone.":
        "Peruminen päättää palvelupolun, sen avoimet tehtävät ja ajastimet; sitä ei voi perua.",
    "Cancel instance #%(id)s": "Peru palvelupolku #%(id)s",
    "This instance has ended; there is nothing to do.": "Palvelupolku on päättynyt; toimenpiteitä ei ole.",
    "Download as CSV": "Lataa CSV-tiedostona",
    "Filter instances": "Suodata palvelupolkuja",
    "Any": "Mikä tahansa",
    "Anyone": "Kuka tahansa",
    "Started between": "Aloitettu välillä",
    "From": "Alkaen",
    "To": "Asti",
    "Aftercare overdue": "Jälkihoito myöhässä",
    "In error": "Virhetilassa",
    "Clear filters": "Tyhjennä suodattimet",
    "%(num)s instance": ("%(num)s palvelupolku", "%(num)s palvelupolkua"),
    "showing %(first)s–%(last)s": "näytetään %(first)s–%(last)s",
    "More than %(num)s instances": "Yli %(num)s palvelupolkua",
    "Page %(n)s of more than %(total)s": "Sivu %(n)s / yli %(total)s",
    "Instances; the column headers sort the list": "Palvelupolut; sarakeotsikot lajittelevat listan",
    "No.": "Nro",
    "No instance matches these filters.": "Yksikään palvelupolku ei vastaa suodattimia.",
    "Open tasks now: claimed or assigned ones per expert, unclaimed ones per group. Overdue tasks are past their "
    "due date; aftercare tasks are the calls that end each service.":
        "Avoimet tehtävät nyt: otetut tai osoitetut asiantuntijoittain, vapaat ryhmittäin. Myöhässä olevien "
        "määräaika on ohi; jälkihoitotehtävät ovat kunkin palvelun päättäviä soittoja.",
    "Open tasks per expert and per group": "Avoimet tehtävät asiantuntijoittain ja ryhmittäin",
    "Expert or group": "Asiantuntija tai ryhmä",
    "Experts": "Asiantuntijat",
    "Instances %(name)s is responsible for": "Palvelupolut, joista %(name)s vastaa",
    "No expert has open tasks.": "Kenelläkään asiantuntijalla ei ole avoimia tehtäviä.",
    "Groups (unclaimed tasks)": "Ryhmät (vapaat tehtävät)",
    "No unclaimed tasks.": "Ei vapaita tehtäviä.",
    "Total": "Yhteensä",
    "An expert's name opens the instances that expert is responsible for.":
        "Asiantuntijan nimestä avautuvat palvelupolut, joista hän vastaa.",
    # --- customer relationship management (issue 8) ---
    "Portfolios": "Asiakassalkut",
    "Quality": "Laatu",
    "Outbox": "Lähtevät",
    "Plan": "Suunnitelma",
    "Give the dates like 26.11.2026 (day.month.year), between 2000 and 2100.":
        "Anna päivämäärät muodossa 26.11.2026 (päivä.kuukausi.vuosi), vuosien 2000 ja 2100 väliltä.",
    "The period must start before it ends.": "Jakson alun on oltava ennen sen loppua.",
    "Choose a period of at most three years.": "Valitse enintään kolmen vuoden jakso.",
    "Group": "Ryhmä",
    "Process or expert": "Prosessi tai asiantuntija",
    "Services ended": "Päättyneet palvelut",
    # issue 18: what earlier steps recorded, beside the task form
    "The customer's preferred channel": "Asiakkaan toivoma yhteydenpitotapa",
    "Recorded earlier": "Aiemmin kirjattu",
    "From the aftercare of %(process)s #%(id)s": "Palvelun %(process)s #%(id)s jälkihoidosta",
    "No earlier step has recorded anything yet.": "Aiemmissa vaiheissa ei ole vielä kirjattu mitään.",
    # issue 18: one aftercare call per customer
    "One call covers %(n)s services of this customer.":
        "Yksi soitto kattaa tämän asiakkaan %(n)s palvelua.",
    "Open the joint aftercare call":
        "Avaa yhteinen jälkihoitosoitto",
    "Aftercare call":
        "Jälkihoitosoitto",
    "One call covers every service of this customer whose aftercare is due in the same two weeks. Record each "
    "service's outcome in its own section; the answers are saved on each service.":
        "Yksi soitto kattaa kaikki tämän asiakkaan palvelut, joiden jälkihoito erääntyy samojen kahden viikon "
        "aikana. Kirjaa kunkin palvelun tulos sen omaan osioon; vastaukset tallennetaan kullekin palvelulle.",
    "Complete the call":
        "Merkitse soitto tehdyksi",
    "The aftercare call is recorded for %(n)s services.":
        "Jälkihoitosoitto kirjattu %(n)s palvelulle.",
    # issue 18: both sides of the evaluation and the scores of other steps on the quality page
    "Service provider":
        "Palveluntuottaja",
    "Lasting benefit after a year":
        "Pysyvä hyöty vuoden päästä",
    "What the company could do better":
        "Missä yritys voisi itse parantaa",
    "The service provider's score is the company's score recorded when a development service ended; the lasting "
    "benefit is the customer's score a year after the service.":
        "Palveluntuottajan arvio on yrityksen arvio, joka kirjattiin kehittämispalvelun päättyessä; pysyvä hyöty on "
        "asiakkaan arvio vuoden kuluttua palvelusta.",
    # issue 18: the results scorecard
    "Results scorecard":
        "Tuloskortti",
    "Results scorecard %(year)s":
        "Tuloskortti %(year)s",
    "The office's results against the year's targets":
        "Toimiston tulokset suhteessa vuoden tavoitteisiin",
    "Measure":
        "Mittari",
    "Target":
        "Tavoite",
    "Share of positive feedback":
        "Myönteisen palautteen osuus",
    "Company visits":
        "Yrityskäynnit",
    "Growth-potential companies served":
        "Palvellut kasvuhakuiset yritykset",
    "No targets are set for this year: the table shows the targets of the thesis's year (%(share)s positive "
    "feedback, %(visits)s company visits).":
        "Tälle vuodelle ei ole asetettu tavoitteita: taulukossa ovat opinnäytetyön vuoden tavoitteet (myönteistä "
        "palautetta %(share)s, yrityskäyntejä %(visits)s).",
    "Of the aftercare calls done in the year (the customer reached and the service needs reassessed), those whose "
    "result and way-of-serving scores are both 4 or 5.":
        "Vuoden aikana tehdyistä jälkihoitosoitoista (asiakas tavoitettiin ja palvelutarve arvioitiin uudelleen) ne,"
        " joissa sekä lopputuloksen että palvelun toteutuksen arvio on 4 tai 5.",
    "Meetings with the company in the year: contacts logged as a meeting, needs mappings done as a company visit, "
    "and aftercare calls done as a meeting.":
        "Vuoden aikana yrityksen kanssa pidetyt tapaamiset: tapaamisena kirjatut yhteydenotot, yrityskäyntinä tehdyt"
        " palvelutarpeen kartoitukset ja tapaamisena tehdyt jälkihoidot.",
    "Different customers of the segment 'growing' with a service or a needs assessment started in the year.":
        "Segmentin ”kasvattaa toimintaa” eri asiakkaat, joille on vuoden aikana aloitettu palvelu tai "
        "palvelutarvearvio.",
    "Targets for %(year)s":
        "Tavoitteet vuodelle %(year)s",
    "Save the targets":
        "Tallenna tavoitteet",
    "Targets saved.":
        "Tavoitteet tallennettu.",
    # issue 18: the agreed next contact
    "next contact agreed for %(day)s":
        "seuraava yhteydenotto sovittu %(day)s",
    "A next contact date agreed with the customer replaces the contact interval until a contact keeps it.":
        "Asiakkaan kanssa sovittu seuraavan yhteydenoton päivä korvaa yhteydenottovälin, kunnes yhteydenotto on tehty.",
    # issue 18: expected and experienced quality
    "Expected":
        "Odotettu",
    "Goals met":
        "Tavoitteet toteutuivat",
    "Gap":
        "Ero",
    "Expected: the level of the customer's expectations recorded at the service promise; goals met: the customer's "
    "score in aftercare of how well their goals were met; the gap is goals met minus expected, below zero when the "
    "service fell short.":
        "Odotettu: palvelulupauksessa kirjattu asiakkaan odotusten taso; tavoitteet toteutuivat: asiakkaan "
        "jälkihoidossa antama arvio siitä, kuinka hyvin hänen tavoitteensa toteutuivat; ero on toteutuneet "
        "tavoitteet miinus odotettu, alle nollan, kun palvelu jäi odotuksista.",
    # issue 18: the aftercare definitions on the pages
    "How these numbers are counted":
        "Näin luvut lasketaan",
    "Services that ended in the period, and what became of their aftercare call. The definitions are below the "
    "table.":
        "Jaksolla päättyneet palvelut ja niiden jälkihoitosoittojen tulos. Määritelmät ovat taulukon alla.",
    "Services whose real end date falls in the period: the end date the last service step recorded or, when none was"
    " recorded, the day the last service step was completed.":
        "Palvelut, joiden todellinen päättymispäivä osuu jaksolle: palvelun viimeisessä vaiheessa kirjattu "
        "päättymispäivä tai, jos sitä ei kirjattu, päivä, jona palvelun viimeinen vaihe tehtiin.",
    "An aftercare call that reached the customer and reassessed the service needs; both scores are then required. A "
    "call that did not reach the customer is not done.":
        "Jälkihoitosoitto, jossa asiakas tavoitettiin ja palvelutarve arvioitiin uudelleen; silloin molemmat arviot "
        "ovat pakollisia. Soitto, jossa asiakasta ei tavoitettu, ei ole tehty jälkihoito.",
    "Done on the 14th day after the service's end date at the latest. The on-time share counts services whose "
    "aftercare is done or whose 14 days are over; services still within their 14 days are not yet late.":
        "Tehty viimeistään 14. päivänä palvelun päättymispäivän jälkeen. Ajallaan tehtyjen osuus lasketaan "
        "palveluista, joiden jälkihoito on tehty tai joiden 14 päivää ovat kuluneet; palvelut, joiden 14 päivää ovat"
        " vielä kesken, eivät ole myöhässä.",
    "The 14 days from the end date are over and the aftercare call is still open.":
        "Päättymispäivästä on kulunut yli 14 päivää, ja jälkihoitosoitto on yhä tekemättä.",
    "The customer was not reached in three tries, so a written contact was sent.":
        "Asiakasta ei tavoitettu kolmella yrityksellä, joten hänelle lähetettiin kirjallinen yhteydenotto.",
    "Days from the end date to the day the aftercare was done, for the done ones.":
        "Päiviä päättymispäivästä jälkihoidon tekopäivään, tehdyistä jälkihoidoista.",
    "Done calls that found new service needs, and how many of the needs assessments they started went on to a "
    "service.":
        "Tehdyt soitot, joissa löytyi uusia palvelutarpeita, ja kuinka moni niiden käynnistämistä "
        "palvelutarvearvioista johti palveluun.",
    "Services started: services started in the year for the segment's customers; service needs assessments are not "
    "services and are not counted. Contacts: contacts logged in the contact log in the year.":
        "Aloitetut palvelut: vuoden aikana segmentin asiakkaille aloitetut palvelut; palvelutarvearviot eivät ole "
        "palveluja eikä niitä lasketa. Yhteydenotot: vuoden aikana yhteydenottolokiin kirjatut yhteydenotot.",
    "Last contact: the latest contact in the contact log or aftercare call that reached the customer; a call that "
    "did not reach the customer is not a contact.":
        "Viimeisin yhteydenotto: uusin yhteydenottolokin merkintä tai jälkihoitosoitto, jossa asiakas tavoitettiin; "
        "soitto, jossa asiakasta ei tavoitettu, ei ole yhteydenotto.",
    "Only done aftercare calls count: the customer was reached and the service needs reassessed.":
        "Vain tehdyt jälkihoitosoitot lasketaan: asiakas tavoitettiin ja palvelutarve arvioitiin uudelleen.",
    "Aftercare done": "Jälkihoito tehty",
    "Done within 14 days": "Tehty 14 päivässä",
    "On-time share": "Ajallaan-osuus",
    "Overdue now": "Nyt myöhässä",
    "Customers not reached": "Asiakasta ei tavoitettu",
    "Median days to aftercare": "Päiviä jälkihoitoon (mediaani)",
    "Share with new needs": "Uusia tarpeita, osuus",
    "Led to a started service": "Johti aloitettuun palveluun",
    "Week": "Viikko",
    "Portfolio created.": "Asiakassalkku luotu.",
    "%(name)s added to the portfolio.": "%(name)s lisätty salkkuun.",
    "Removed from the portfolio.": "Poistettu salkusta.",
    "Contact logged; service needs assessment %(id)s started.":
        "Yhteydenotto kirjattu; palvelutarvearvio %(id)s aloitettu.",
    "Contact logged.": "Yhteydenotto kirjattu.",
    "Plan saved.": "Suunnitelma tallennettu.",
    "Reminders": "Muistutukset",
    "%(n)s unread": "%(n)s lukematonta",
    "Period": "Jakso",
    "Show": "Näytä",
    "Download CSV": "Lataa CSV",
    "On-time aftercare share per week": "Ajallaan tehtyjen jälkihoitojen osuus viikoittain",
    "Share of services whose aftercare was done within 14 days, of those done or past 14 days, by the week the "
    "service ended. The weekly rows of the table below hold the same numbers.":
        "Niiden palvelujen osuus, joiden jälkihoito tehtiin 14 päivässä, tehdyistä tai yli 14 päivää odottaneista, "
        "palvelun päättymisviikon mukaan. Alla olevan taulukon viikkorivit sisältävät samat luvut.",
    "No aftercare due in the period.": "Jaksolla ei ollut erääntyviä jälkihoitoja.",
    "On-time aftercare share per week (by the week the service ended)":
        "Ajallaan tehtyjen jälkihoitojen osuus viikoittain (palvelun päättymisviikon mukaan)",
    "Services ended and aftercare on time per process":
        "Päättyneet palvelut ja ajallaan tehdyt jälkihoidot prosesseittain",
    "One bar per process: its full length is the services ended, the dark part those whose aftercare was done "
    "within 14 days. The process rows of the table below hold the same numbers.":
        "Yksi palkki prosessia kohden: koko pituus on päättyneet palvelut, tumma osa ne, joiden jälkihoito tehtiin "
        "14 päivässä. Alla olevan taulukon prosessirivit sisältävät samat luvut.",
    "Per process: services ended (light) and aftercare done within 14 days (dark)":
        "Prosesseittain: päättyneet palvelut (vaalea) ja 14 päivässä tehdyt jälkihoidot (tumma)",
    "Aftercare compliance per process, expert and week":
        "Jälkihoidon toteutuminen prosesseittain, asiantuntijoittain ja viikoittain",
    "Within 14 days": "14 päivässä",
    "Not reached": "Ei tavoitettu",
    "Median days": "Päiviä (mediaani)",
    "New needs": "Uusia tarpeita",
    "Led to a service": "Johti palveluun",
    "No service reached aftercare in the period.": "Yksikään palvelu ei tullut jälkihoitoon jaksolla.",
    "Responsible experts": "Vastuuasiantuntijat",
    "Weeks (Monday)": "Viikot (maanantai)",
    "Log contact": "Kirjaa yhteydenotto",
    "Back to the portfolio": "Takaisin salkkuun",
    "Log a contact with %(name)s": "Kirjaa yhteydenotto: %(name)s",
    "A contact outside any running service. If the customer has new service needs, a service needs assessment "
    "starts for them at once, with you as the responsible expert.":
        "Yhteydenotto käynnissä olevien palvelujen ulkopuolella. Jos asiakkaalla on uusia palvelutarpeita, "
        "palvelutarvearvio alkaa heti, ja sinä olet sen vastuuasiantuntija.",
    "Meeting": "Tapaaminen",
    "Web service": "Verkkopalvelu",
    "Date": "Päivämäärä",
    "Channel": "Kanava",
    "Notes": "Muistiinpanot",
    "New service needs: start a service needs assessment": "Uusia palvelutarpeita: aloita palvelutarvearvio",
    "Save contact": "Tallenna yhteydenotto",
    "Earlier contacts": "Aiemmat yhteydenotot",
    "started needs assessment %(id)s": "aloitti palvelutarvearvion %(id)s",
    "No contacts logged yet.": "Yhteydenottoja ei ole vielä kirjattu.",
    "Your due and overdue aftercare, follow-ups and portfolio contacts, collected daily, and to-dos such as "
    "telling a customer that you are their new responsible expert.":
        "Erääntyvät ja myöhässä olevat jälkihoitosi, seurannat ja salkun yhteydenotot päivittäin koottuina sekä "
        "tehtävät, kuten asiakkaalle kertominen, että olet sen uusi vastuuasiantuntija.",
    "Show only open ones": "Näytä vain avoimet",
    "Show done ones too": "Näytä myös tehdyt",
    "Follow-up": "Seuranta",
    "Portfolio contact": "Salkun yhteydenotto",
    "Tell the customer": "Kerro asiakkaalle",
    "Done": "Tehty",
    "Nothing to remind you of.": "Ei muistutettavaa.",
    "Reminder outbox": "Muistutusten lähtevät viestit",
    "Run today's reminders": "Aja päivän muistutukset",
    "Mails are sent through %(host)s.": "Viestit lähetetään palvelimen %(host)s kautta.",
    "No SMTP server is configured (demo mode): the daily digests wait here instead of being sent.":
        "SMTP-palvelinta ei ole määritetty (demotila): päivittäiset koosteet odottavat tässä lähettämisen sijaan.",
    "Each expert gets at most one digest a day; running the reminders again the same day adds nothing.":
        "Kukin asiantuntija saa enintään yhden koosteen päivässä; uusi ajo samana päivänä ei lisää mitään.",
    "Digest mails": "Koosteviestit",
    "Day": "Päivä",
    "Recipient": "Vastaanottaja",
    "Subject": "Aihe",
    "State": "Tila",
    "(no address)": "(ei osoitetta)",
    "sent %(at)s": "lähetetty %(at)s",
    "The outbox is empty.": "Lähtevät viestit -kansio on tyhjä.",
    "Customer plan": "Asiakkuussuunnitelma",
    "Customer plan %(year)s": "Asiakkuussuunnitelma %(year)s",
    "Year": "Vuosi",
    "The office's yearly customer plan: customers by service-need segment with the planned actions, and what was "
    "done in the year (contacts logged, services started).":
        "Toimiston vuosittainen asiakkuussuunnitelma: asiakkaat palvelutarvesegmenteittäin, suunnitellut "
        "toimenpiteet ja vuoden aikana tehty (kirjatut yhteydenotot, aloitetut palvelut).",
    "By service-need segment": "Palvelutarvesegmenteittäin",
    "Segment": "Segmentti",
    "Planned actions": "Suunnitellut toimenpiteet",
    "Contacts planned": "Suunnitellut yhteydenotot",
    "Contacts logged": "Kirjatut yhteydenotot",
    "Services started": "Aloitetut palvelut",
    "By the ministry's segment": "Ministeriön segmenteittäin",
    "Owner %(owner)s; contact every %(n)s months. %(due)s of %(total)s customers are due for contact.":
        "Omistaja %(owner)s; yhteydenotto %(n)s kuukauden välein. %(due)s / %(total)s asiakkaasta odottaa "
        "yhteydenottoa.",
    "Customers of the portfolio": "Salkun asiakkaat",
    "Last contact": "Viimeisin yhteydenotto",
    "never": "ei koskaan",
    "contact due": "yhteydenotto erääntynyt",
    "in touch": "yhteydessä",
    "Remove": "Poista",
    "No customers in this portfolio yet.": "Salkussa ei ole vielä asiakkaita.",
    "Add a customer by Business ID": "Lisää asiakas Y-tunnuksella",
    "Add to portfolio": "Lisää salkkuun",
    "Key-account portfolios": "Kanta-asiakassalkut",
    "Chosen customers an expert keeps in touch with also when no service is running. A customer is due for "
    "contact when no contact has been logged for the portfolio's number of months.":
        "Valitut asiakkaat, joihin asiantuntija pitää yhteyttä silloinkin, kun palvelua ei ole käynnissä. "
        "Yhteydenotto erääntyy, kun yhteydenottoa ei ole kirjattu salkun kuukausimäärään.",
    "Portfolio": "Salkku",
    "Owner": "Omistaja",
    "Contact every (months)": "Yhteydenottoväli (kk)",
    "Contact due": "Yhteydenotto erääntynyt",
    "No portfolios yet.": "Salkkuja ei ole vielä.",
    "New portfolio": "Uusi salkku",
    "Owner (expert)": "Omistaja (asiantuntija)",
    "Create portfolio": "Luo salkku",
    "Answers": "Vastauksia",
    "Result (technical quality)": "Lopputulos (tekninen laatu)",
    "Way of serving (functional quality)": "Palvelutapa (toiminnallinen laatu)",
    "No aftercare calls done in the period.": "Jaksolla ei tehty jälkihoitoja.",
    "Quality feedback": "Laatupalaute",
    "The customers' scores (1–5) from the aftercare calls done in the period: the result of the service "
    "(technical quality) and the way they were served (functional quality).":
        "Asiakkaiden arviot (1–5) jaksolla tehdyistä jälkihoidoista: palvelun lopputulos (tekninen laatu) ja "
        "tapa, jolla heitä palveltiin (toiminnallinen laatu).",
    "All: %(n)s answers, result %(t)s, way of serving %(f)s":
        "Kaikki: %(n)s vastausta, lopputulos %(t)s, palvelutapa %(f)s",
    "By process": "Prosesseittain",
    "By responsible expert": "Vastuuasiantuntijoittain",
    "By month": "Kuukausittain",
    "Month": "Kuukausi",
    "What we could do better": "Missä voisimme parantaa",
    "What the office could do better": "Missä TE-toimisto olisi voinut toimia paremmin",
    "On the result": "Lopputuloksesta",
    "On the way of serving": "Palvelutavasta",
    "No written feedback in the period.": "Jaksolla ei annettu kirjallista palautetta.",
    "since %(day)s, before %(old)s": "%(day)s alkaen, aiemmin %(old)s",
    "Responsible expert changed": "Vastuuasiantuntija vaihtunut",
    "%(old)s → %(new)s in %(process)s": "%(old)s → %(new)s: %(process)s",
    "Log a contact": "Kirjaa yhteydenotto",
    # process owners: processes, the editor, compare, heatmap; managers' instance diagram
    "Process %(key)s does not exist.": "Prosessia %(key)s ei ole.",
    "Choose two versions of this process.": "Valitse kaksi tämän prosessin versiota.",
    "The draft was not saved.": "Luonnosta ei tallennettu.",
    "Your draft of %(key)s was discarded.": "Luonnoksesi prosessista %(key)s hylättiin.",
    "The model has no executable process; nothing was deployed.":
        "Mallissa ei ole suoritettavaa prosessia; mitään ei otettu käyttöön.",
    "Deployed %(key)s version %(v)s.": "Prosessin %(key)s versio %(v)s otettu käyttöön.",
    "Nothing changed: the model is the same as version %(v)s.": "Ei muutoksia: malli on sama kuin versio %(v)s.",
    "Choose a .bpmn file to upload.": "Valitse ladattava .bpmn-tiedosto.",
    "Nothing changed: %(key)s is the same as version %(v)s.": "Ei muutoksia: %(key)s on sama kuin versio %(v)s.",
    "A draft of %(key)s was made from the template; deploy it when it is ready.":
        "Prosessista %(key)s tehtiin luonnos mallipohjasta; ota se käyttöön, kun se on valmis.",
    "active": "aktiivinen",
    "waiting for a timer or message": "odottaa ajastinta tai viestiä",
    "Nothing recorded at this element.": "Tähän elementtiin ei ole kirjattu mitään.",
    "Task created": "Tehtävä luotu",
    "Diagram": "Kaavio",
    "All instances on version %(v)s": "Kaikki version %(v)s palvelupolut",
    "The diagram could not be shown:": "Kaaviota ei voitu näyttää:",
    "Diagram of the instance; the list beside it has the same elements":
        "Palvelupolun kaavio; viereinen luettelo sisältää samat elementit",
    "Elements reached": "Vaiheet, joissa palvelu on käynyt",
    "Elements reached; select one to see its history":
        "Vaiheet, joissa palvelu on käynyt; valitse vaihe, niin näet sen historian",
    "Select a task in the diagram or the list to see who did what and when.":
        "Valitse tehtävä kaaviosta tai luettelosta nähdäksesi, kuka teki mitä ja milloin.",
    "Compare versions": "Vertaa versioita",
    "From version": "Versiosta",
    "To version": "Versioon",
    "Compare": "Vertaa",
    "From version %(old)s to version %(new)s": "Versiosta %(old)s versioon %(new)s",
    "Change": "Muutos",
    "Element": "Elementti",
    "Type": "Tyyppi",
    "What changed": "Mikä muuttui",
    "added": "lisätty",
    "removed": "poistettu",
    "changed": "muutettu",
    "No element differs between these versions (layout is not compared).":
        "Versioiden välillä ei ole eroa missään elementissä (asettelua ei verrata).",
    "Edit %(key)s": "Muokkaa: %(key)s",
    "from version %(v)s": "versiosta %(v)s",
    "your draft": "luonnoksesi",
    "Editor": "Muokkain",
    "Check": "Tarkista",
    "Save draft": "Tallenna luonnos",
    "Deploy": "Ota käyttöön",
    "Download .bpmn": "Lataa .bpmn",
    "Draft saved %(when)s": "Luonnos tallennettu %(when)s",
    "Loading the diagram…": "Ladataan kaaviota…",
    "The diagram could not be opened:": "Kaaviota ei voitu avata:",
    "Checking…": "Tarkistetaan…",
    "No problems: the model can be deployed.": "Ei ongelmia: mallin voi ottaa käyttöön.",
    "Problems found:": "Ongelmia löytyi:",
    "Saving…": "Tallennetaan…",
    "Draft saved.": "Luonnos tallennettu.",
    "Deploying…": "Otetaan käyttöön…",
    "The server refused:": "Palvelin kieltäytyi:",
    "You have changes that are not saved.": "Sinulla on tallentamattomia muutoksia.",
    "BPMN diagram: click an element to edit it in the properties panel":
        "BPMN-kaavio: napsauta elementtiä muokataksesi sitä ominaisuuspaneelissa",
    "Properties": "Ominaisuudet",
    "Problems": "Ongelmat",
    "Select a problem to show its element in the diagram.": "Valitse ongelma näyttääksesi sen elementin kaaviossa.",
    "New process": "Uusi prosessi",
    "Upload a .bpmn file": "Lataa .bpmn-tiedosto",
    "BPMN file (at most %(mb)s MB)": "BPMN-tiedosto (enintään %(mb)s Mt)",
    "The file is checked like a deploy from the editor; a valid file becomes a new version, a file with problems "
    "is kept as your draft to fix.":
        "Tiedosto tarkistetaan kuten muokkaimesta käyttöön otettaessa; kelvollisesta tiedostosta tulee uusi versio, "
        "ongelmallinen tiedosto säilytetään luonnoksenasi korjattavaksi.",
    "Upload and deploy": "Lataa ja ota käyttöön",
    "%(num)d problem": ("%(num)d ongelma", "%(num)d ongelmaa"),
    "valid": "kelvollinen",
    "Problems of version %(v)s": "Version %(v)s ongelmat",
    "Edit version %(v)s": "Muokkaa versiota %(v)s",
    "Continue your draft (saved %(when)s)": "Jatka luonnostasi (tallennettu %(when)s)",
    "Discard draft": "Hylkää luonnos",
    "Versions of %(name)s": "Prosessin %(name)s versiot",
    "By": "Tekijä",
    "Content hash": "Sisällön tiiviste",
    "Running": "Käynnissä",
    "Finished": "Päättyneet",
    "File": "Tiedosto",
    "No processes are deployed yet.": "Yhtään prosessia ei ole vielä otettu käyttöön.",
    "The new process starts from a template that already has the start, the service promise, the aftercare task "
    "and the needs-reassessment gateway; it is kept as your draft until you deploy it.":
        "Uusi prosessi tehdään mallipohjasta, jossa on valmiina alku, palvelulupaus, jälkihoitotehtävä ja "
        "palvelutarpeen uudelleenarvioinnin haara; se säilyy luonnoksenasi, kunnes otat sen käyttöön.",
    "Process id": "Prosessin tunnus",
    "Letters, digits, _ and -; it cannot be changed later, e.g. rekrytointi_eures.":
        "Kirjaimia, numeroita, _ ja -; tunnusta ei voi myöhemmin muuttaa, esim. rekrytointi_eures.",
    "Create draft": "Luo luonnos",
    "Upload refused": "Lataus hylättiin",
    "Upload": "Lataus",
    "%(name)s was not deployed": "Tiedostoa %(name)s ei otettu käyttöön",
    "The file has %(num)d problem:": ("Tiedostossa on %(num)d ongelma:", "Tiedostossa on %(num)d ongelmaa:"),
    "The file was kept as your draft of %(key)s.": "Tiedosto säilytettiin luonnoksenasi prosessista %(key)s.",
    "Open it in the editor to fix it": "Avaa se muokkaimessa korjataksesi sen",
    "Back to processes": "Takaisin prosesseihin",
    "%(running)s running, %(finished)s finished": "%(running)s käynnissä, %(finished)s päättynyt",
    "Open in the editor": "Avaa muokkaimessa",
    "Where the instances are": "Missä palvelupolut ovat",
    "On each element: instances waiting there now, and instances that have passed it (user tasks and timers).":
        "Kunkin elementin kohdalla: siinä nyt odottavat palvelupolut ja sen ohittaneet palvelupolut "
        "(käyttäjätehtävät ja ajastimet).",
    "waiting now": "odottaa nyt",
    "passed": "ohitettu",
    "Diagram of %(name)s with instance counts": "Prosessin %(name)s kaavio palvelupolkujen määrineen",
    "Counts per element": "Määrät elementeittäin",
    "Waiting now": "Odottaa nyt",
    "Passed": "Ohittaneet",
    "No instance has run on this version yet.": "Tällä versiolla ei ole vielä ajettu yhtään palvelupolkua.",
    "from the editor": "muokkaimesta",
    "draft #%(id)s": "luonnos #%(id)s",
    "based on version %(v)s": "pohjana versio %(v)s",
    "uploaded as %(file)s": "ladattu tiedostona %(file)s",
    "Language": "Kieli",
    # the vocabularies of engine.office.customers: the same Finnish as their Label.fi
    "Micro company (1-9 people)": "Mikroyritys (1-9 henkilöä)",
    "Small company (10-49 people)": "Pieni yritys (10-49 henkilöä)",
    "Medium-sized company (50-249 people)": "Keskisuuri yritys (50-249 henkilöä)",
    "Large company (250+ people)": "Suuri yritys (250+ henkilöä)",
    "Founders and inventors": "Yrityksen perustajat ja keksijät",
    "Local companies": "Paikallisesti toimivat yritykset",
    "Domestic-market companies": "Kotimarkkinoille keskittyvät yritykset",
    "Companies growing internationally": "Kansainvälisesti kasvavat yritykset",
    "Large companies": "Suuryritykset",
    "Communities": "Yhteisöt",
    "Growing": "Kasvattaa toimintaa",
    "Improving efficiency": "Tehostaa toimintaa",
    "Production or financial problems": "Tuotannollisia tai taloudellisia ongelmia",
    "Start-up challenges": "Aloitusvaiheen haasteita",
    "Replacement recruitment": "Korvausrekrytointeja",
    "Acquisition": "Hankinta",
    "Take-over": "Haltuunotto",
    "Development": "Kehittäminen",
    "Retention": "Säilyttäminen",
    # moving running instances between versions (issue 17)
    "Moved to another version": "Siirretty toiseen versioon",
    "Choose the version to move from and the version to move to.":
        "Valitse versio, jolta siirretään, ja versio, jolle siirretään.",
    "%(moved)s instance(s) moved to version %(to)s; %(left)s left as they were.":
        "%(moved)s palvelupolkua siirretty versioon %(to)s; %(left)s jätetty ennalleen.",
    "%(num)d running instance is on an older version:": (
        "%(num)d käynnissä oleva palvelupolku on vanhemmassa versiossa:",
        "%(num)d käynnissä olevaa palvelupolkua on vanhemmissa versioissa:"),
    "check": "tarkista",
    "migrate": "siirrä",
    "Move running instances": "Siirrä käynnissä olevia palvelupolkuja",
    "Running instances move to another version where they stand: open tasks keep their assignee, claim, due date "
    "and form values; timers and message waits follow the new version. An instance that cannot move is left "
    "exactly as it was, with the reason.":
        "Käynnissä olevat palvelupolut siirtyvät toiseen versioon siitä kohdasta, jossa ne ovat: avoimet tehtävät "
        "säilyttävät tekijänsä, varauksensa, määräpäivänsä ja lomakkeen arvot; ajastimet ja viestien odotukset "
        "seuraavat uutta versiota. Palvelupolku, jota ei voi siirtää, jätetään täsmälleen ennalleen, ja syy kerrotaan.",
    "Running instances on older versions:": "Käynnissä olevia palvelupolkuja vanhemmissa versioissa:",
    "version %(v)s: %(n)s": "versio %(v)s: %(n)s",
    "Which instances": "Mitkä palvelupolut",
    "%(n)s running": "%(n)s käynnissä",
    "Waiting at element (id)": "Odottaa elementissä (tunnus)",
    "Customer (Business ID)": "Asiakas (Y-tunnus)",
    "Responsible expert (username)": "Vastuuasiantuntija (käyttäjätunnus)",
    "Mapping: where each element goes in version %(v)s": "Vastaavuudet: mihin kukin elementti siirtyy versiossa %(v)s",
    "Element of version %(v)s": "Version %(v)s elementti",
    "not in version %(v)s": "ei versiossa %(v)s",
    "(the same id)": "(sama tunnus)",
    "Dry run": "Koeajo",
    "The two versions side by side": "Kaksi versiota rinnakkain",
    "Version %(v)s": "Versio %(v)s",
    "Diagram of version %(v)s; the mapping table has the same choices":
        "Version %(v)s kaavio; vastaavuustaulukossa on samat valinnat",
    "Diagram of version %(v)s": "Version %(v)s kaavio",
    "Select an element on the left, then its counterpart on the right: the mapping above is filled in.":
        "Valitse elementti vasemmalta ja sitten sen vastine oikealta: yllä oleva vastaavuus täyttyy.",
    "Dry run: %(can)s can move, %(cannot)s cannot": "Koeajo: %(can)s voidaan siirtää, %(cannot)s ei voida",
    "Moved %(moved)s, left as they were %(left)s": "Siirretty %(moved)s, jätetty ennalleen %(left)s",
    "Responsible": "Vastuuhenkilö",
    "Stands at": "Kohta",
    "Result": "Tulos",
    "can move": "voidaan siirtää",
    "moved": "siirretty",
    "cannot move": "ei voida siirtää",
    "not moved": "ei siirretty",
    "No running instance of version %(v)s matches.": "Mikään version %(v)s käynnissä oleva palvelupolku ei täsmää.",
    "Move %(num)d instance to version %(v)s": (
        "Siirrä %(num)d palvelupolku versioon %(v)s", "Siirrä %(num)d palvelupolkua versioon %(v)s"),
    "No element differs from the newest version (layout is not compared).":
        "Mikään elementti ei eroa uusimmasta versiosta (asettelua ei verrata).",
    "A new process: everything in it is new.": "Uusi prosessi: kaikki siinä on uutta.",
    "Deploy these changes?": "Otetaanko nämä muutokset käyttöön?",
    "Running instances stay on their version until they are moved.":
        "Käynnissä olevat palvelupolut pysyvät versiossaan, kunnes ne siirretään.",
    "Deploy these changes": "Ota muutokset käyttöön",
    # issue 16: dates typed day first, labels not keys, plain office language
    "Give the contact date like 26.11.2026 (day.month.year).":
        "Anna yhteydenoton päivämäärä muodossa 26.11.2026 (päivä.kuukausi.vuosi).",
    "%(label)s must be a date like 26.11.2026 (day.month.year).":
        "%(label)s: anna päivämäärä muodossa 26.11.2026 (päivä.kuukausi.vuosi).",
    "d.m.yyyy": "pp.kk.vvvv",
    "Status code": "Tilan koodi",
    "Username of the responsible expert": "Vastuuasiantuntijan käyttäjätunnus",
    "Warning:": "Huomautus:",
    "The model can be deployed; texts missing in a language:":
        "Mallin voi ottaa käyttöön; kieliversioista puuttuu tekstejä:",
    "Today's reminders are done. New notifications: %(n)s, new mails: %(m)s, sent: %(s)s.":
        "Päivän muistutukset on tehty. Uusia ilmoituksia: %(n)s, uusia sähköpostiviestejä: %(m)s, lähetetty: %(s)s.",
    "Nothing was deployed: the model has %(num)d problem.":
        ("Mitään ei otettu käyttöön: mallissa on %(num)d ongelma.",
         "Mitään ei otettu käyttöön: mallissa on %(num)d ongelmaa."),
    # issue 21: sign-in through the identity provider, user administration
    "Roles and groups saved.": "Roolit ja ryhmät tallennettu.",
    "Nothing changed.": "Mikään ei muuttunut.",
    "You cannot deactivate yourself.": "Et voi poistaa omaa tunnustasi käytöstä.",
    "%(user)s still has open work: hand it over first, or confirm the deactivation.":
        "Käyttäjällä %(user)s on vielä avoimia töitä: siirrä ne ensin tai vahvista käytöstä poisto.",
    "%(user)s is deactivated; their sessions and API tokens no longer work.":
        "Käyttäjä %(user)s on poistettu käytöstä; hänen istuntonsa ja API-tunnisteensa eivät enää toimi.",
    "%(user)s can sign in again.": "Käyttäjä %(user)s voi taas kirjautua sisään.",
    "New password set for %(user)s; their sessions have ended.":
        "Käyttäjälle %(user)s asetettu uusi salasana; hänen istuntonsa on päätetty.",
    "API token %(id)s revoked.": "API-tunniste %(id)s mitätöity.",
    "Users": "Käyttäjät",
    "expert": "asiantuntija",
    "service manager": "palveluesimies",
    "process owner": "prosessinomistaja",
    "administrator": "pääkäyttäjä",
    "Sign-in through %(provider)s did not succeed; try again.":
        "Kirjautuminen palvelun %(provider)s kautta ei onnistunut; yritä uudelleen.",
    "Your account is deactivated; ask an administrator to reactivate it.":
        "Tunnuksesi on poistettu käytöstä; pyydä pääkäyttäjää palauttamaan se.",
    "Signs in through the identity provider; roles and groups are replaced from the directory at each sign-in.":
        "Kirjautuu tunnistuspalvelun kautta; roolit ja ryhmät päivitetään hakemistosta jokaisella kirjautumisella.",
    "deactivated": "poistettu käytöstä",
    "Roles and groups": "Roolit ja ryhmät",
    "Groups (comma-separated)": "Ryhmät (pilkuin erotettuina)",
    "Open work": "Avoimet työt",
    "Hand these over before deactivating the user.": "Siirrä nämä muille ennen kuin poistat käyttäjän käytöstä.",
    "Responsible for": "Vastuussa",
    "No open tasks and no running instances.": "Ei avoimia tehtäviä eikä käynnissä olevia palvelupolkuja.",
    "Deactivate even though the work is not handed over": "Poista käytöstä, vaikka töitä ei ole siirretty",
    "Deactivate": "Poista käytöstä",
    "Reactivate": "Palauta käyttöön",
    "New password": "Uusi salasana",
    "Set the password": "Aseta salasana",
    "API tokens": "API-tunnisteet",
    "Id": "Tunnus",
    "Created": "Luotu",
    "Expires": "Vanhenee",
    "Last used": "Viimeksi käytetty",
    "revoked": "mitätöity",
    "expired": "vanhentunut",
    "Revoke": "Mitätöi",
    "No API tokens.": "Ei API-tunnisteita.",
    "Every user, deactivated ones too": "Kaikki käyttäjät, myös käytöstä poistetut",
    "Groups": "Ryhmät",
    "Signs in with": "Kirjautumistapa",
    "identity provider": "tunnistuspalvelu",
    "password": "salasana",
    "Sign in with %(provider)s": "Kirjaudu palvelulla %(provider)s",
    "Or with a password": "Tai salasanalla",
    "You cannot take the administrator role from yourself.": "Et voi poistaa itseltäsi pääkäyttäjän roolia.",
    "Decision %(key)s does not exist.": "Päätöstaulua %(key)s ei löydy.",
    "Decision tables": "Päätöstaulut",
    "Breadcrumb": "Murupolku",
    "Id %(key)s, from the file %(file)s, deployed %(when)s by %(who)s.":
        "Tunniste %(key)s, tiedostosta %(file)s, otettu käyttöön %(when)s, käyttöönottaja %(who)s.",
    "Hit policy: %(policy)s.": "Osumasääntö: %(policy)s.",
    "Other versions:": "Muut versiot:",
    "Rules of %(name)s": "Päätöstaulun %(name)s säännöt",
    "When": "Kun",
    "Then": "Niin",
    "Note": "Huomautus",
    "A dash means the rule matches any value of that input.":
        ("Viiva tarkoittaa, että sääntö sopii mihin tahansa syötteen arvoon."),
    "This decision has no rules.": "Tässä päätöstaulussa ei ole sääntöjä.",
    ("DMN decision tables deployed with the processes that call them (business rule tasks). They "
     "are read-only here: change a table in its .dmn file and deploy it with its process."):
        ("DMN-päätöstaulut, jotka on otettu käyttöön niitä kutsuvien prosessien kanssa "
             "(liiketoimintasääntötehtävät). Täällä niitä voi vain lukea: muuta taulua sen "
             ".dmn-tiedostossa ja ota se käyttöön prosessinsa kanssa."),
    "Decision": "Päätöstaulu",
    "Newest version": "Uusin versio",
    "(%(num)d version)": ("(%(num)d versio)", "(%(num)d versiota)"),
    "No decision tables have been deployed.": "Päätöstauluja ei ole otettu käyttöön.",
    # issue 19: task states, diagram controls, landing pages
    "Claim the task to fill in the form.": "Ota tehtävä työn alle, niin voit täyttää lomakkeen.",
    "Claimed by %(who)s": "Työn alla käyttäjällä %(who)s",
    "Claimed by you": "Työn alla sinulla",
    "Data as submitted": "Lähetetyt tiedot",
    "Diagram view": "Kaavion näkymä",
    "Fill in the form and complete the task.": "Täytä lomake ja merkitse tehtävä valmiiksi.",
    "Fit to view": "Sovita näkymään",
    "Not claimed yet": "Ei vielä työn alla",
    "Service": "Palvelu",
    "The form is shown read-only.": "Lomake näytetään vain luettavana.",
    "The task was completed without form data.": "Tehtävä merkittiin valmiiksi ilman lomakkeen tietoja.",
    "Your account has no pages of the work tool: it is for administration and the API.":
        "Tunnuksellasi ei ole työvälineen sivuja: se on ylläpitoa ja rajapintaa varten.",
    "Zoom in": "Lähennä",
    "Zoom out": "Loitonna",
    "by %(who)s on %(when)s": "(%(who)s, %(when)s)",
    "group %(g)s": "ryhmä %(g)s",
    "since %(when)s": "%(when)s alkaen",
    # saved filters (issue 19)
    "Saved filters": "Tallennetut suodattimet",
    "Delete the filter %(name)s": "Poista suodatin %(name)s",
    "Delete": "Poista",
    "Save this filter as": "Tallenna tämä suodatin nimellä",
    "Save filter": "Tallenna suodatin",
    "Filter '%(name)s' saved.": "Suodatin '%(name)s' tallennettu.",
    "Filter deleted.": "Suodatin poistettu.",
    # the manager's landing page (issue 19)
    "Overdue aftercare": "Myöhässä olevat jälkihoidot",
    "Aftercare calls past their 14 days, the longest overdue first":
        "Jälkihoitosoitot, joiden 14 päivää on kulunut, pisimpään myöhässä ollut ensin",
    "Service ended": "Palvelu päättyi",
    "Days overdue": "Päiviä myöhässä",
    "All %(n)s overdue aftercare calls": "Kaikki %(n)s myöhässä olevaa jälkihoitosoittoa",
    "No aftercare call is overdue.": "Yksikään jälkihoitosoitto ei ole myöhässä.",
    "Team load": "Tiimin kuormitus",
    "Contact person from the customer card": "Yhteyshenkilö asiakaskortilta",
    "New contact person": "Uusi yhteyshenkilö",
    ("A person chosen here is the contact person; for a new one choose 'New contact person' "
     "and write the name below: it is added to the customer card."):
        "Tästä valittu henkilö on yhteyshenkilö; uutta varten valitse 'Uusi "
        "yhteyshenkilö' ja kirjoita nimi alle: se lisätään asiakaskortille.",
    "Told of fitting services":
        "Kerrottu sopivista palveluista",
    "Share told of fitting services":
        "Osuus, jolle kerrottiin sopivista palveluista",
    "Told of services":
        "Kerrottu palveluista",
    ("Done calls in which the expert told the customer of at least one service fitting the present "
     "need (chosen from the list on the aftercare form), and their share of the done calls. Calls "
     "recorded before the list existed count as not told."):
        ("Tehdyt soitot, joissa asiantuntija kertoi asiakkaalle vähintään yhdestä nykyiseen tarpeeseen "
         "sopivasta palvelusta (valittu jälkihoitolomakkeen luettelosta), ja niiden osuus tehdyistä "
         "soitoista. Ennen luetteloa kirjatut soitot lasketaan kertomattomiksi."),
    "Services the customers were told of":
        "Palvelut, joista asiakkaille kerrottiin",
    "Done calls":
        "Tehdyt soitot",
    "Share of done calls":
        "Osuus tehdyistä soitoista",
    "No done call in the period told of a service from the list.":
        "Yhdessäkään kauden tehdyssä soitossa ei kerrottu luettelon palvelusta.",
    "Each service's own task:": "Kunkin palvelun oma tehtävä:",
    "One aftercare call: %(n)s services": "Yksi jälkihoitosoitto: %(n)s palvelua",
    "Service %(n)s of the call": "Soiton palvelu %(n)s",
    "New customers planned": "Uusia asiakkaita suunniteltu",
    "New customers won": "Uusia asiakkaita saatu",
    "New-customer acquisition": "Uusasiakashankinta",
    ("New customers won: customers whose first service with the office (a service needs assessment "
     "included, as the first contact) started in the year. Contacts and services started count what "
     "was logged and started in the year for these customers."):
        ("Uusia asiakkaita saatu: asiakkaat, joiden ensimmäinen palvelu TE-toimistossa (myös "
         "palvelutarvearvio, ensimmäisenä yhteydenottona) alkoi vuoden aikana. Yhteydenotot ja aloitetut "
         "palvelut laskevat, mitä näille asiakkaille kirjattiin ja aloitettiin vuoden aikana."),
    # a card without a Business ID (issue 18)
    'Business ID %(business_id)s recorded for %(name)s; the card keeps its services and history.':
        'Y-tunnus %(business_id)s kirjattu asiakkaalle %(name)s; kortin palvelut ja historia säilyvät.',
    'Started %(process)s for %(customer)s (customer card %(key)s, no Business ID yet).':
        '%(process)s aloitettu asiakkaalle %(customer)s (asiakaskortti %(key)s, ei vielä Y-tunnusta).',
    'No Business ID yet: record it on the customer card when the company has been founded.':
        'Y-tunnusta ei vielä ole: kirjaa se asiakaskorttiin, kun yritys on perustettu.',
    'None yet: a prospective entrepreneur (card %(key)s)':
        'Ei vielä: aloittava yrittäjä (kortti %(key)s)',
    'Planned company':
        'Suunniteltu yritys',
    'The company was founded: record its Business ID':
        'Yritys on perustettu: kirjaa sen Y-tunnus',
    'Record the Business ID':
        'Kirjaa Y-tunnus',
    'Or the card key (H-123) of a customer without a Business ID.':
        'Tai asiakaskortin tunnus (H-123), jos asiakkaalla ei ole Y-tunnusta.',
    'An applicant without a Business ID':
        'Hakija ilman Y-tunnusta',
    ("A person planning to found a company gets a customer card without a Business ID; record the Business "
     "ID on the card when the company has been founded. Only these services accept such a card."):
        ("Yritystä suunnittelevalle henkilölle tehdään asiakaskortti ilman Y-tunnusta; kirjaa Y-tunnus "
         "korttiin, kun yritys on perustettu. Vain nämä palvelut hyväksyvät tällaisen kortin."),
    "The person's name":
        'Henkilön nimi',
    'Planned company name':
        'Suunnitellun yrityksen nimi',
    'Make the card and start':
        'Tee kortti ja aloita',
}

# The engine's sentences and the error pages (tools/engine_catalog.py).
FI.update({msgid: texts[0] for msgid, texts in ENGINE.items()})


def main() -> int:
    missing = fill("fi", FI)
    for key in missing:
        print(f"missing: {key!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
