"""The Swedish UI texts: SV below fills webui/translations/sv/LC_MESSAGES/messages.po.

Usage: `make messages` (tools/catalog.py: extract, update and fill every language), or
.venv/bin/python tools/sv_catalog.py to fill only Swedish -> lists msgids that still lack a Swedish text.

Finland-Swedish office language, as the TE Offices and ministries write it. Keep these words:
  jälkihoito / aftercare            -> uppföljning (the call: uppföljningssamtal), never "eftervård"
  palvelutarvearvio                 -> servicebehovsbedömning
  Y-tunnus / Business ID            -> FO-nummer
  vastuuasiantuntija                -> ansvarig sakkunnig (asiantuntija -> sakkunnig)
  palvelupolku / instance           -> servicestig
  TE-toimisto                       -> TE-byrån (arbets- och näringsbyrån)
  saapuneet tehtävät / inbox        -> inkorg
  seuranta / follow-up              -> återkontakt (uppföljning is taken by aftercare)
  kanta-asiakassalkku               -> nyckelkundsportfölj
  asiakkuussuunnitelma              -> kundrelationsplan
"""

from __future__ import annotations

import sys

from catalog import fill
from engine_catalog import ENGINE

SV: dict[str, str | tuple[str, str]] = {
    # sign-in, menu, header
    "Wrong username or password.": "Fel användarnamn eller lösenord.",
    "You have signed out.": "Du har loggat ut.",
    "Tasks": "Uppgifter",
    "Customers": "Kunder",
    "Instances": "Servicestigar",
    "Team": "Teamet",
    "Aftercare": "Uppföljning",
    "Portfolios": "Kundportföljer",
    "Plan": "Plan",
    "Processes": "Processer",
    "Language": "Språk",
    "Skip to content": "Hoppa till innehållet",
    "Main": "Huvudmeny",
    "Reminders": "Påminnelser",
    "%(n)s unread": "%(n)s olästa",
    "Sign out": "Logga ut",
    "Sign in": "Logga in",
    "Username": "Användarnamn",
    "Password": "Lösenord",
    "Demo users": "Demoanvändare",
    "Name": "Namn",
    "Roles": "Roller",
    "Not allowed": "Ingen behörighet",
    "Not found": "Hittades inte",
    "Something went wrong": "Något gick fel",
    "Cannot do that": "Åtgärden kan inte utföras",
    "Back to the start page": "Tillbaka till startsidan",
    "Welcome": "Välkommen",
    "Welcome, %(name)s": "Välkommen, %(name)s",
    # periods and the aftercare dashboard
    "Give the dates like 26.11.2026 (day.month.year), between 2000 and 2100.":
        "Ange datumen i formen 26.11.2026 (dag.månad.år), mellan år 2000 och 2100.",
    "The period must start before it ends.": "Perioden måste börja innan den slutar.",
    "Choose a period of at most three years.": "Välj en period på högst tre år.",
    "Group": "Grupp",
    "Process or expert": "Process eller sakkunnig",
    "Services ended": "Avslutade tjänster",
    # issue 18: what earlier steps recorded, beside the task form
    "The customer's preferred channel": "Kundens önskade kontaktsätt",
    "Recorded earlier": "Antecknat tidigare",
    "From the aftercare of %(process)s #%(id)s": "Från uppföljningen av %(process)s #%(id)s",
    "No earlier step has recorded anything yet.": "Inget har ännu antecknats i tidigare skeden.",
    # issue 18: one aftercare call per customer
    "One call covers %(n)s services of this customer.":
        "Ett samtal omfattar %(n)s tjänster för den här kunden.",
    "Open the joint aftercare call":
        "Öppna det gemensamma uppföljningssamtalet",
    "Aftercare call":
        "Uppföljningssamtal",
    "One call covers every service of this customer whose aftercare is due in the same two weeks. Record each "
    "service's outcome in its own section; the answers are saved on each service.":
        "Ett samtal omfattar alla den här kundens tjänster vars uppföljning infaller under samma två veckor. "
        "Anteckna varje tjänsts resultat i dess egen del; svaren sparas för varje tjänst.",
    "Complete the call":
        "Markera samtalet som gjort",
    "The aftercare call is recorded for %(n)s services.":
        "Uppföljningssamtalet har antecknats för %(n)s tjänster.",
    # issue 18: both sides of the evaluation and the scores of other steps on the quality page
    "Service provider":
        "Tjänsteleverantör",
    "Lasting benefit after a year":
        "Bestående nytta efter ett år",
    "What the company could do better":
        "Vad företaget självt kunde göra bättre",
    "The service provider's score is the company's score recorded when a development service ended; the lasting "
    "benefit is the customer's score a year after the service.":
        "Tjänsteleverantörens bedömning är företagets bedömning som antecknades när utvecklingstjänsten avslutades; "
        "den bestående nyttan är kundens bedömning ett år efter tjänsten.",
    # issue 18: the results scorecard
    "Results scorecard":
        "Resultatkort",
    "Results scorecard %(year)s":
        "Resultatkort %(year)s",
    "The office's results against the year's targets":
        "Byråns resultat i förhållande till årets mål",
    "Measure":
        "Mätare",
    "Target":
        "Mål",
    "Share of positive feedback":
        "Andel positiv respons",
    "Company visits":
        "Företagsbesök",
    "Growth-potential companies served":
        "Betjänade tillväxtinriktade företag",
    "No targets are set for this year: the table shows the targets of the thesis's year (%(share)s positive "
    "feedback, %(visits)s company visits).":
        "Inga mål har fastställts för det här året: tabellen visar målen för lärdomsprovets år (%(share)s positiv "
        "respons, %(visits)s företagsbesök).",
    "Of the aftercare calls done in the year (the customer reached and the service needs reassessed), those whose "
    "result and way-of-serving scores are both 4 or 5.":
        "Av årets gjorda uppföljningssamtal (kunden nåddes och servicebehovet bedömdes på nytt) de där både "
        "bedömningen av resultatet och av genomförandet är 4 eller 5.",
    "Meetings with the company in the year: contacts logged as a meeting, needs mappings done as a company visit, "
    "and aftercare calls done as a meeting.":
        "Möten med företaget under året: kontakter antecknade som möte, kartläggningar av servicebehov gjorda som "
        "företagsbesök och uppföljningar gjorda som möte.",
    "Different customers of the segment 'growing' with a service or a needs assessment started in the year.":
        "Olika kunder i segmentet ”växande” för vilka en tjänst eller en bedömning av servicebehov har inletts under"
        " året.",
    "Targets for %(year)s":
        "Mål för %(year)s",
    "Save the targets":
        "Spara målen",
    "Targets saved.":
        "Målen har sparats.",
    # issue 18: the agreed next contact
    "next contact agreed for %(day)s":
        "nästa kontakt överenskommen till %(day)s",
    "A next contact date agreed with the customer replaces the contact interval until a contact keeps it.":
        "Ett datum för nästa kontakt som avtalats med kunden ersätter kontaktintervallet tills kontakten har tagits.",
    # issue 18: expected and experienced quality
    "Expected":
        "Förväntat",
    "Goals met":
        "Målen uppfylldes",
    "Gap":
        "Skillnad",
    "Expected: the level of the customer's expectations recorded at the service promise; goals met: the customer's "
    "score in aftercare of how well their goals were met; the gap is goals met minus expected, below zero when the "
    "service fell short.":
        "Förväntat: nivån på kundens förväntningar som antecknades vid servicelöftet; målen uppfylldes: kundens "
        "bedömning i uppföljningen av hur väl målen uppfylldes; skillnaden är uppfyllda mål minus förväntat, under "
        "noll när tjänsten inte motsvarade förväntningarna.",
    # issue 18: the aftercare definitions on the pages
    "How these numbers are counted":
        "Så här räknas siffrorna",
    "Services that ended in the period, and what became of their aftercare call. The definitions are below the "
    "table.":
        "Tjänster som avslutades under perioden och hur det gick med uppföljningssamtalet. Definitionerna finns "
        "under tabellen.",
    "Services whose real end date falls in the period: the end date the last service step recorded or, when none was"
    " recorded, the day the last service step was completed.":
        "Tjänster vars faktiska slutdatum infaller under perioden: det slutdatum som antecknades i tjänstens sista "
        "skede eller, om inget antecknades, den dag då tjänstens sista skede slutfördes.",
    "An aftercare call that reached the customer and reassessed the service needs; both scores are then required. A "
    "call that did not reach the customer is not done.":
        "Ett uppföljningssamtal där kunden nåddes och servicebehovet bedömdes på nytt; då är båda bedömningarna "
        "obligatoriska. Ett samtal där kunden inte nåddes räknas inte som gjort.",
    "Done on the 14th day after the service's end date at the latest. The on-time share counts services whose "
    "aftercare is done or whose 14 days are over; services still within their 14 days are not yet late.":
        "Gjord senast den 14:e dagen efter tjänstens slutdatum. Andelen i tid räknas på tjänster vars uppföljning är"
        " gjord eller vars 14 dagar har gått; tjänster som ännu är inom sina 14 dagar är inte försenade.",
    "The 14 days from the end date are over and the aftercare call is still open.":
        "Det har gått mer än 14 dagar sedan slutdatumet och uppföljningssamtalet är fortfarande inte gjort.",
    "The customer was not reached in three tries, so a written contact was sent.":
        "Kunden nåddes inte på tre försök, så en skriftlig kontakt skickades.",
    "Days from the end date to the day the aftercare was done, for the done ones.":
        "Dagar från slutdatumet till den dag uppföljningen gjordes, för de gjorda.",
    "Done calls that found new service needs, and how many of the needs assessments they started went on to a "
    "service.":
        "Gjorda samtal som hittade nya servicebehov, och hur många av de bedömningar av servicebehov som de inledde "
        "ledde till en tjänst.",
    "Services started: services started in the year for the segment's customers; service needs assessments are not "
    "services and are not counted. Contacts: contacts logged in the contact log in the year.":
        "Inledda tjänster: tjänster som inletts under året för segmentets kunder; bedömningar av servicebehov är "
        "inte tjänster och räknas inte. Kontakter: kontakter som antecknats i kontaktloggen under året.",
    "Last contact: the latest contact in the contact log or aftercare call that reached the customer; a call that "
    "did not reach the customer is not a contact.":
        "Senaste kontakt: den senaste anteckningen i kontaktloggen eller det senaste uppföljningssamtalet där kunden"
        " nåddes; ett samtal där kunden inte nåddes är ingen kontakt.",
    "Only done aftercare calls count: the customer was reached and the service needs reassessed.":
        "Endast gjorda uppföljningssamtal räknas: kunden nåddes och servicebehovet bedömdes på nytt.",
    "Aftercare done": "Uppföljning gjord",
    "Done within 14 days": "Gjord inom 14 dagar",
    "On-time share": "Andel i tid",
    "Overdue now": "Försenade nu",
    "Customers not reached": "Kunden nåddes inte",
    "Median days to aftercare": "Dagar till uppföljning (median)",
    "New service needs": "Nya servicebehov",
    "Share with new needs": "Andel med nya behov",
    "Led to a started service": "Ledde till en påbörjad tjänst",
    "All": "Alla",
    "Process": "Process",
    "Expert": "Sakkunnig",
    "Week": "Vecka",
    "Period": "Period",
    "From": "Från",
    "To": "Till",
    "Show": "Visa",
    "Quality feedback": "Kvalitetsrespons",
    "Reminder outbox": "Påminnelsernas utkorg",
    "Download CSV": "Ladda ner CSV",
    "On-time aftercare share per week": "Andel uppföljningar i tid per vecka",
    "Share of services whose aftercare was done within 14 days, of those done or past 14 days, by the week the "
    "service ended. The weekly rows of the table below hold the same numbers.":
        "Andelen tjänster vars uppföljning gjordes inom 14 dagar, av dem som gjorts eller väntat över 14 dagar, "
        "enligt veckan då tjänsten avslutades. Veckoraderna i tabellen nedan innehåller samma siffror.",
    "No aftercare due in the period.": "Inga uppföljningar förföll under perioden.",
    "On-time aftercare share per week (by the week the service ended)":
        "Andel uppföljningar i tid per vecka (enligt veckan då tjänsten avslutades)",
    "Services ended and aftercare on time per process": "Avslutade tjänster och uppföljningar i tid per process",
    "One bar per process: its full length is the services ended, the dark part those whose aftercare was done "
    "within 14 days. The process rows of the table below hold the same numbers.":
        "En stapel per process: hela längden är de avslutade tjänsterna, den mörka delen de vars uppföljning "
        "gjordes inom 14 dagar. Processraderna i tabellen nedan innehåller samma siffror.",
    "Per process: services ended (light) and aftercare done within 14 days (dark)":
        "Per process: avslutade tjänster (ljus) och uppföljningar gjorda inom 14 dagar (mörk)",
    "Aftercare compliance per process, expert and week": "Uppföljningar som gjorts per process, sakkunnig och vecka",
    "Within 14 days": "Inom 14 dagar",
    "Not reached": "Nåddes inte",
    "Median days": "Dagar (median)",
    "New needs": "Nya behov",
    "Led to a service": "Ledde till en tjänst",
    "No service reached aftercare in the period.": "Ingen tjänst kom till uppföljning under perioden.",
    "Responsible experts": "Ansvariga sakkunniga",
    "Weeks (Monday)": "Veckor (måndag)",
    "Total": "Totalt",
    # portfolios, contacts, plan
    "Portfolio created.": "Kundportföljen har skapats.",
    "%(name)s added to the portfolio.": "%(name)s har lagts till i portföljen.",
    "Removed from the portfolio.": "Borttagen ur portföljen.",
    "Contact logged; service needs assessment %(id)s started.":
        "Kontakten har registrerats; servicebehovsbedömning %(id)s har påbörjats.",
    "Contact logged.": "Kontakten har registrerats.",
    "Plan saved.": "Planen har sparats.",
    "Log contact": "Registrera kontakt",
    "Back to the portfolio": "Tillbaka till portföljen",
    "Log a contact with %(name)s": "Registrera en kontakt med %(name)s",
    "A contact outside any running service. If the customer has new service needs, a service needs assessment "
    "starts for them at once, with you as the responsible expert.":
        "En kontakt utanför pågående tjänster. Om kunden har nya servicebehov påbörjas en servicebehovsbedömning "
        "genast, med dig som ansvarig sakkunnig.",
    "Phone": "Telefon",
    "Meeting": "Möte",
    "E-mail": "E-post",
    "Web service": "Webbtjänst",
    "Date": "Datum",
    "Channel": "Kanal",
    "Notes": "Anteckningar",
    "New service needs: start a service needs assessment": "Nya servicebehov: påbörja en servicebehovsbedömning",
    "Save contact": "Spara kontakten",
    "Earlier contacts": "Tidigare kontakter",
    "started needs assessment %(id)s": "påbörjade servicebehovsbedömning %(id)s",
    "No contacts logged yet.": "Inga kontakter har registrerats ännu.",
    "Your due and overdue aftercare, follow-ups and portfolio contacts, collected daily, and to-dos such as "
    "telling a customer that you are their new responsible expert.":
        "Dina förfallande och försenade uppföljningar, återkontakter och portföljkontakter, samlade dagligen, samt "
        "att göra-punkter som att berätta för en kund att du är dess nya ansvariga sakkunniga.",
    "Show only open ones": "Visa bara öppna",
    "Show done ones too": "Visa också gjorda",
    "Follow-up": "Återkontakt",
    "Portfolio contact": "Portföljkontakt",
    "Tell the customer": "Berätta för kunden",
    "Done": "Gjort",
    "Nothing to remind you of.": "Inget att påminna om.",
    "Outbox": "Utkorg",
    "Run today's reminders": "Kör dagens påminnelser",
    "Mails are sent through %(host)s.": "E-posten skickas via %(host)s.",
    "No SMTP server is configured (demo mode): the daily digests wait here instead of being sent.":
        "Ingen SMTP-server har konfigurerats (demoläge): de dagliga sammandragen väntar här i stället för att "
        "skickas.",
    "Each expert gets at most one digest a day; running the reminders again the same day adds nothing.":
        "Varje sakkunnig får högst ett sammandrag per dag; att köra påminnelserna igen samma dag lägger inte till "
        "något.",
    "Digest mails": "Sammandrag per e-post",
    "Day": "Dag",
    "Recipient": "Mottagare",
    "Subject": "Ämne",
    "State": "Läge",
    "(no address)": "(ingen adress)",
    "sent %(at)s": "skickat %(at)s",
    "The outbox is empty.": "Utkorgen är tom.",
    "Customer plan": "Kundrelationsplan",
    "Customer plan %(year)s": "Kundrelationsplan %(year)s",
    "Year": "År",
    "The office's yearly customer plan: customers by service-need segment with the planned actions, and what was "
    "done in the year (contacts logged, services started).":
        "Byråns årliga kundrelationsplan: kunderna per servicebehovssegment med planerade åtgärder, och vad som "
        "gjordes under året (registrerade kontakter, påbörjade tjänster).",
    "By service-need segment": "Per servicebehovssegment",
    "Segment": "Segment",
    "Planned actions": "Planerade åtgärder",
    "Contacts planned": "Planerade kontakter",
    "Contacts logged": "Registrerade kontakter",
    "Services started": "Påbörjade tjänster",
    "Save": "Spara",
    "By the ministry's segment": "Per ministeriets segment",
    "Owner %(owner)s; contact every %(n)s months. %(due)s of %(total)s customers are due for contact.":
        "Ägare %(owner)s; kontakt var %(n)s månad. %(due)s av %(total)s kunder väntar på kontakt.",
    "Customers of the portfolio": "Portföljens kunder",
    "Last contact": "Senaste kontakt",
    "Open services": "Öppna tjänster",
    "Actions": "Åtgärder",
    "never": "aldrig",
    "contact due": "kontakt förfallen",
    "in touch": "i kontakt",
    "Remove": "Ta bort",
    "No customers in this portfolio yet.": "Portföljen har inga kunder ännu.",
    "Add a customer by Business ID": "Lägg till en kund med FO-nummer",
    "Add to portfolio": "Lägg till i portföljen",
    "Key-account portfolios": "Nyckelkundsportföljer",
    "Chosen customers an expert keeps in touch with also when no service is running. A customer is due for "
    "contact when no contact has been logged for the portfolio's number of months.":
        "Utvalda kunder som en sakkunnig håller kontakt med också när ingen tjänst pågår. En kund ska kontaktas när "
        "ingen kontakt har registrerats under portföljens antal månader.",
    "Portfolio": "Portfölj",
    "Owner": "Ägare",
    "Contact every (months)": "Kontaktintervall (mån.)",
    "Contact due": "Kontakt förfallen",
    "No portfolios yet.": "Inga portföljer ännu.",
    "New portfolio": "Ny portfölj",
    "Owner (expert)": "Ägare (sakkunnig)",
    "Create portfolio": "Skapa portfölj",
    # quality
    "Quality": "Kvalitet",
    "Answers": "Svar",
    "Result (technical quality)": "Resultat (teknisk kvalitet)",
    "Way of serving (functional quality)": "Sätt att betjäna (funktionell kvalitet)",
    "No aftercare calls done in the period.": "Inga uppföljningssamtal gjordes under perioden.",
    "The customers' scores (1–5) from the aftercare calls done in the period: the result of the service "
    "(technical quality) and the way they were served (functional quality).":
        "Kundernas bedömningar (1–5) från uppföljningssamtalen under perioden: tjänstens resultat (teknisk "
        "kvalitet) och hur de blev betjänade (funktionell kvalitet).",
    "All: %(n)s answers, result %(t)s, way of serving %(f)s":
        "Alla: %(n)s svar, resultat %(t)s, sätt att betjäna %(f)s",
    "By process": "Per process",
    "By responsible expert": "Per ansvarig sakkunnig",
    "By month": "Per månad",
    "Month": "Månad",
    "What we could do better": "Vad vi kunde göra bättre",
    "What the office could do better": "Vad TE-byrån kunde göra bättre",
    "On the result": "Om resultatet",
    "On the way of serving": "Om sättet att betjäna",
    "No written feedback in the period.": "Ingen skriftlig respons under perioden.",
    # customers
    "by phone": "per telefon",
    "in a meeting": "vid ett möte",
    "by e-mail": "per e-post",
    "There is no company with Business ID %(id)s.": "Det finns inget företag med FO-nummer %(id)s.",
    "Check the marked fields.": "Kontrollera de markerade fälten.",
    "Contact person %(name)s added.": "Kontaktpersonen %(name)s har lagts till.",
    "The company was not saved; check the marked fields.":
        "Företaget sparades inte; kontrollera de markerade fälten.",
    "Company %(name)s added.": "Företaget %(name)s har lagts till.",
    "The changes were not saved; check the marked fields.":
        "Ändringarna sparades inte; kontrollera de markerade fälten.",
    "Company %(name)s saved.": "Företaget %(name)s har sparats.",
    "Choose a CSV file to import.": "Välj en CSV-fil att importera.",
    "No such import; imports are kept for an hour after they finish.":
        "Importen hittades inte; importer sparas en timme efter att de blivit klara.",
    "The file is larger than %(limit)s; split it into smaller files and import them one by one.":
        "Filen är större än %(limit)s; dela upp den i mindre filer och importera dem en i taget.",
    "Not set": "Inte angivet",
    "The form has %(num)s error": ("Blanketten har %(num)s fel", "Blanketten har %(num)s fel"),
    "version %(v)s": "version %(v)s",
    "Started from %(link)s's aftercare": "Påbörjad i uppföljningen av %(link)s",
    "since %(day)s, before %(old)s": "från %(day)s, tidigare %(old)s",
    "Customer reached": "Kunden nåddes",
    "Contacted": "Kontakt",
    "Result score": "Bedömning av resultatet",
    "%(score)s / 5": "%(score)s / 5",
    "Service score": "Bedömning av servicen",
    "Aftercare led to:": "Uppföljningen ledde till:",
    "Open tasks": "Öppna uppgifter",
    "aftercare": "uppföljning",
    "Edit %(name)s": "Redigera %(name)s",
    "Add a company": "Lägg till ett företag",
    "Company name": "Företagets namn",
    "Industry (TOL 2008)": "Bransch (TOL 2008)",
    "Size": "Storleksklass",
    "Municipality": "Kommun",
    "Ministry segment": "Ministeriets segment",
    "Service-need segment": "Servicebehovssegment",
    "Lifecycle phase": "Livscykelfas",
    "The Business ID cannot be changed; add the company under a new ID instead.":
        "FO-numret kan inte ändras; lägg i stället till företaget med det nya numret.",
    "Seven digits, a hyphen and the check digit, e.g. 0112038-9.":
        "Sju siffror, bindestreck och kontrollsiffran, t.ex. 0112038-9.",
    "A code of 1-5 digits, e.g. 62010, or a section letter A-U.":
        "En kod med 1–5 siffror, t.ex. 62010, eller en huvudnäringsgrens bokstav A–U.",
    "Cancel": "Avbryt",
    "Import companies": "Importera företag",
    "Import companies from a CSV file": "Importera företag från en CSV-fil",
    "The first line names the columns: business_id and name are required; industry, size_class, municipality, "
    "ministry_segment, service_need_segment and lifecycle_phase are optional (Finnish names such as y_tunnus and "
    "nimi work too). Commas or semicolons, UTF-8 text.":
        "Den första raden anger kolumnerna: business_id och name är obligatoriska; industry, size_class, "
        "municipality, ministry_segment, service_need_segment och lifecycle_phase är frivilliga (finska namn som "
        "y_tunnus och nimi fungerar också). Kommatecken eller semikolon, text i UTF-8.",
    "New Business IDs are added and known ones updated; a blank cell keeps the company's value. Good rows are kept "
    "and bad ones reported by line.":
        "Nya FO-nummer läggs till och kända uppdateras; en tom cell behåller företagets värde. Korrekta rader sparas "
        "och felaktiga rapporteras per rad.",
    "CSV file": "CSV-fil",
    "At most %(limit)s.": "Högst %(limit)s.",
    "Import": "Importera",
    "Importing %(file)s": "Importerar %(file)s",
    "Import of %(file)s": "Import av %(file)s",
    "Reading and checking the file…": "Filen läses och kontrolleras…",
    "%(done)s of %(total)s rows": "%(done)s av %(total)s rader",
    "This page refreshes itself every few seconds.": "Sidan uppdateras automatiskt med några sekunders mellanrum.",
    "Refresh now": "Uppdatera nu",
    "The import stopped unexpectedly": "Importen avbröts oväntat",
    "The error has been logged. Rows in batches written before the stop were kept; import the file again to finish "
    "(known companies are updated, not added twice).":
        "Felet har loggats. Rader i omgångar som sparades före avbrottet finns kvar; importera filen på nytt för att "
        "slutföra (kända företag uppdateras, de läggs inte till två gånger).",
    "Done: %(added)s added, %(updated)s updated, %(errors)s rows with errors.":
        "Klart: %(added)s tillagda, %(updated)s uppdaterade, %(errors)s rader med fel.",
    "Rows that were not imported": "Rader som inte importerades",
    "Line": "Rad",
    "Reason": "Orsak",
    "file": "filen",
    "Import another file": "Importera en annan fil",
    "To the customers": "Till kunderna",
    "Import from CSV": "Importera från CSV",
    "Company name or Business ID": "Företagets namn eller FO-nummer",
    "Search": "Sök",
    "Show all": "Visa alla",
    "Company": "Företag",
    "Segments": "Segment",
    "%(num)s company": ("%(num)s företag", "%(num)s företag"),
    "%(num)s customer": ("%(num)s kund", "%(num)s kunder"),
    "none yet (card %(key)s)": "inget ännu (kort %(key)s)",
    "No customers yet.": "Inga kunder ännu.",
    "Message": "Meddelande",
    "No company matches '%(q)s'.": "Inget företag motsvarar '%(q)s'.",
    "No companies yet.": "Inga företag ännu.",
    "Edit company": "Redigera företaget",
    "Start a service": "Påbörja en tjänst",
    "Service path": "Servicestig",
    "No services yet.": "Inga tjänster ännu.",
    "Customer since": "Kund sedan",
    "Responsible expert changed": "Ny ansvarig sakkunnig",
    "%(old)s → %(new)s in %(process)s": "%(old)s → %(new)s i %(process)s",
    "Log a contact": "Registrera en kontakt",
    "Contact persons": "Kontaktpersoner",
    "No contact persons yet.": "Inga kontaktpersoner ännu.",
    "Add a contact person": "Lägg till en kontaktperson",
    "Title": "Befattning",
    "Add": "Lägg till",
    # the vocabularies of engine.office.customers (their English labels, translated here)
    "Micro company (1-9 people)": "Mikroföretag (1–9 personer)",
    "Small company (10-49 people)": "Litet företag (10–49 personer)",
    "Medium-sized company (50-249 people)": "Medelstort företag (50–249 personer)",
    "Large company (250+ people)": "Stort företag (250+ personer)",
    "Founders and inventors": "Företagsgrundare och uppfinnare",
    "Local companies": "Lokala företag",
    "Domestic-market companies": "Företag på hemmamarknaden",
    "Companies growing internationally": "Internationellt växande företag",
    "Large companies": "Stora företag",
    "Communities": "Sammanslutningar",
    "Growing": "Utökar verksamheten",
    "Improving efficiency": "Effektiverar verksamheten",
    "Production or financial problems": "Produktionsmässiga eller ekonomiska problem",
    "Start-up challenges": "Utmaningar i startskedet",
    "Replacement recruitment": "Ersättningsrekryteringar",
    "Acquisition": "Anskaffning",
    "Take-over": "Övertagande",
    "Development": "Utveckling",
    "Retention": "Bevarande",
    # statuses and form errors
    "open": "öppen",
    "completed": "slutförd",
    "cancelled": "avbruten",
    "running": "pågår",
    "error": "fel",
    "waiting": "väntar",
    "fired": "utlöst",
    "'%(field)s' is not a field of this form.": "'%(field)s' är inte ett fält i denna blankett.",
    "%(label)s is read-only and cannot be changed.": "%(label)s: skrivskyddat, kan inte ändras.",
    "%(label)s is required.": "%(label)s: obligatorisk uppgift saknas.",
    "%(label)s has the unknown type '%(type)s'.": "%(label)s: okänd typ '%(type)s'.",
    "%(label)s must be yes or no.": "%(label)s: välj ja eller nej.",
    "%(label)s must be text.": "%(label)s: ange text.",
    "%(label)s can be at most %(limit)s characters long (now %(length)s).":
        "%(label)s: högst %(limit)s tecken (nu %(length)s).",
    "%(label)s must be at least %(limit)s characters long.": "%(label)s: minst %(limit)s tecken.",
    "%(label)s must be a whole number.": "%(label)s: ange ett heltal.",
    "%(label)s is too large a number.": "%(label)s: talet är för stort.",
    "%(label)s must be at least %(limit)s.": "%(label)s: minst %(limit)s.",
    "%(label)s must be at most %(limit)s.": "%(label)s: högst %(limit)s.",
    "%(label)s must be on or after %(limit)s.": "%(label)s: tidigast %(limit)s.",
    "%(label)s must be on or before %(limit)s.": "%(label)s: senast %(limit)s.",
    "%(label)s must be one of: %(options)s.": "%(label)s: välj ett av alternativen %(options)s.",
    # managers: history, instances, team
    "Started": "Påbörjad",
    "Claimed": "Tagen i arbete",
    "Given back": "Återlämnad till gruppen",
    "Reassigned": "Överförd",
    "Responsibility handed over": "Ansvaret överfört",
    "Completed": "Slutförd",
    "Timer fired": "Timern utlöstes",
    "Message sent": "Meddelande skickat",
    "Message delivered": "Meddelande levererat",
    "Message not delivered": "Meddelandet levererades inte",
    "Error": "Fel",
    "Retried": "Försökt på nytt",
    "Cancelled": "Avbruten",
    "Ended": "Avslutad",
    "Deployed": "Tagen i bruk",
    "Instance %(id)s does not exist.": "Servicestig %(id)s finns inte.",
    "Give the date like 26.11.2026 (day.month.year), between 2000 and 2100.":
        "Ange datumet i formen 26.11.2026 (dag.månad.år), mellan år 2000 och 2100.",
    "Version %(number)s does not exist.": "Version %(number)s finns inte.",
    "Too many failed sign-ins; wait %(seconds)s seconds and try again.":
        "För många misslyckade inloggningar; vänta %(seconds)s sekunder och försök igen.",
    "The version is a whole number like 1.": "Versionen är ett heltal, t.ex. 1.",
    "Instance": "Servicestig",
    "Process name": "Processens namn",
    "Version": "Version",
    "Status": "Status",
    "Business ID": "FO-nummer",
    "Customer": "Kund",
    "Responsible expert": "Ansvarig sakkunnig",
    "Started from instance": "Påbörjad från servicestig",
    "The step failed again: %(error)s": "Steget misslyckades igen: %(error)s",
    "Task reassigned to %(user)s.": "Uppgiften har överförts till %(user)s.",
    "Responsibility handed over to %(user)s.": "Ansvaret har överförts till %(user)s.",
    "The failed step was retried.": "Det misslyckade steget har körts på nytt.",
    "Instance %(id)s cancelled.": "Servicestig %(id)s har avbrutits.",
    "active": "aktiv",
    "waiting for a timer or message": "väntar på en timer eller ett meddelande",
    "Nothing recorded at this element.": "Inget har registrerats vid detta element.",
    "Task created": "Uppgiften skapad",
    "Diagram": "Diagram",
    "All instances on version %(v)s": "Alla servicestigar i version %(v)s",
    "The diagram could not be shown:": "Diagrammet kunde inte visas:",
    "Diagram of the instance; the list beside it has the same elements":
        "Servicestigens diagram; listan bredvid innehåller samma element",
    "Elements reached": "Skeden som tjänsten har passerat",
    "Elements reached; select one to see its history":
        "Skeden som tjänsten har passerat; välj ett skede för att se dess historik",
    "Select a task in the diagram or the list to see who did what and when.":
        "Välj en uppgift i diagrammet eller listan för att se vem som gjorde vad och när.",
    "A step failed and is waiting for a manager": "Ett steg misslyckades och väntar på åtgärd av en chef",
    "element %(id)s": "element %(id)s",
    "Fix the cause (the model or its data), then retry the failed step.":
        "Åtgärda orsaken (modellen eller dess uppgifter) och kör sedan det misslyckade steget på nytt.",
    "Started from": "Påbörjad från",
    "Led to": "Ledde till",
    "Current tasks": "Aktuella uppgifter",
    "Task": "Uppgift",
    "Assignee": "Handläggare",
    "Due": "Tidsfrist",
    "Reassign": "Överför",
    "unclaimed, group %(g)s": "ledig, grupp %(g)s",
    "Note (optional)": "Anmärkning (frivillig)",
    "Reassign task '%(name)s'": "Överför uppgiften '%(name)s'",
    "No open tasks.": "Inga öppna uppgifter.",
    "Waiting for": "Väntar på",
    "Timer %(element)s": "Timer %(element)s",
    "Message '%(name)s'": "Meddelande '%(name)s'",
    "History": "Historik",
    "Instance data": "Servicestigens uppgifter",
    "No data.": "Inga uppgifter.",
    "Retry the failed step": "Kör det misslyckade steget på nytt",
    "Hand over responsibility": "Överför ansvaret",
    "New responsible expert": "Ny ansvarig sakkunnig",
    "How the customer was told": "Hur kunden informerades",
    "Cancel the instance": "Avbryt servicestigen",
    "Reason for cancelling": "Orsak till avbrottet",
    "Cancelling ends the instance and its open tasks and timers; it cannot be undone.":
        "Avbrottet avslutar servicestigen och dess öppna uppgifter och timrar; det kan inte ångras.",
    "Cancel instance #%(id)s": "Avbryt servicestig #%(id)s",
    "This instance has ended; there is nothing to do.": "Servicestigen har avslutats; det finns inget att göra.",
    "Download as CSV": "Ladda ner som CSV",
    "Filter instances": "Filtrera servicestigar",
    "Any": "Vilken som helst",
    "Anyone": "Vem som helst",
    "Started between": "Påbörjad mellan",
    "Aftercare overdue": "Uppföljningen försenad",
    "In error": "Med fel",
    "Filter": "Filtrera",
    "Clear filters": "Töm filtren",
    "More than %(num)s instances": "Över %(num)s servicestigar",
    "%(num)s instance": ("%(num)s servicestig", "%(num)s servicestigar"),
    "showing %(first)s–%(last)s": "visas %(first)s–%(last)s",
    "Instances; the column headers sort the list": "Servicestigar; kolumnrubrikerna sorterar listan",
    "No.": "Nr",
    "No instance matches these filters.": "Ingen servicestig motsvarar filtren.",
    "Open tasks now: claimed or assigned ones per expert, unclaimed ones per group. Overdue tasks are past their "
    "due date; aftercare tasks are the calls that end each service.":
        "Öppna uppgifter nu: tagna eller tilldelade per sakkunnig, lediga per grupp. Försenade uppgifter har "
        "passerat sin tidsfrist; uppföljningsuppgifterna är de samtal som avslutar varje tjänst.",
    "Open tasks per expert and per group": "Öppna uppgifter per sakkunnig och per grupp",
    "Expert or group": "Sakkunnig eller grupp",
    "Overdue": "Försenade",
    "Experts": "Sakkunniga",
    "Instances %(name)s is responsible for": "Servicestigar som %(name)s ansvarar för",
    "No expert has open tasks.": "Ingen sakkunnig har öppna uppgifter.",
    "Groups (unclaimed tasks)": "Grupper (lediga uppgifter)",
    "No unclaimed tasks.": "Inga lediga uppgifter.",
    "An expert's name opens the instances that expert is responsible for.":
        "En sakkunnigs namn öppnar de servicestigar som hen ansvarar för.",
    # process owners: processes, the editor, compare, heatmap
    "Process %(key)s does not exist.": "Processen %(key)s finns inte.",
    "Choose two versions of this process.": "Välj två versioner av denna process.",
    "The draft was not saved.": "Utkastet sparades inte.",
    "Your draft of %(key)s was discarded.": "Ditt utkast av %(key)s har förkastats.",
    "The model has no executable process; nothing was deployed.":
        "Modellen har ingen körbar process; ingenting togs i bruk.",
    "Deployed %(key)s version %(v)s.": "Version %(v)s av %(key)s har tagits i bruk.",
    "Nothing changed: the model is the same as version %(v)s.":
        "Inga ändringar: modellen är densamma som version %(v)s.",
    "Choose a .bpmn file to upload.": "Välj en .bpmn-fil att ladda upp.",
    "Nothing changed: %(key)s is the same as version %(v)s.": "Inga ändringar: %(key)s är densamma som version %(v)s.",
    "A draft of %(key)s was made from the template; deploy it when it is ready.":
        "Ett utkast av %(key)s har gjorts utifrån mallen; ta det i bruk när det är klart.",
    "Compare versions": "Jämför versioner",
    "From version": "Från version",
    "To version": "Till version",
    "Compare": "Jämför",
    "From version %(old)s to version %(new)s": "Från version %(old)s till version %(new)s",
    "Change": "Ändring",
    "Element": "Element",
    "Type": "Typ",
    "What changed": "Vad ändrades",
    "added": "tillagt",
    "removed": "borttaget",
    "changed": "ändrat",
    "No element differs between these versions (layout is not compared).":
        "Inget element skiljer sig mellan dessa versioner (layouten jämförs inte).",
    "Edit %(key)s": "Redigera %(key)s",
    "from version %(v)s": "från version %(v)s",
    "your draft": "ditt utkast",
    "Editor": "Redigerare",
    "Check": "Kontrollera",
    "Save draft": "Spara utkastet",
    "Deploy": "Ta i bruk",
    "Download .bpmn": "Ladda ner .bpmn",
    "Draft saved %(when)s": "Utkastet sparat %(when)s",
    "Loading the diagram…": "Diagrammet laddas…",
    "The diagram could not be opened:": "Diagrammet kunde inte öppnas:",
    "Checking…": "Kontrollerar…",
    "No problems: the model can be deployed.": "Inga problem: modellen kan tas i bruk.",
    "Problems found:": "Problem hittades:",
    "Saving…": "Sparar…",
    "Draft saved.": "Utkastet har sparats.",
    "Deploying…": "Tas i bruk…",
    "The server refused:": "Servern vägrade:",
    "You have changes that are not saved.": "Du har ändringar som inte har sparats.",
    "BPMN diagram: click an element to edit it in the properties panel":
        "BPMN-diagram: klicka på ett element för att redigera det i egenskapspanelen",
    "Properties": "Egenskaper",
    "Problems": "Problem",
    "Select a problem to show its element in the diagram.": "Välj ett problem för att visa dess element i diagrammet.",
    "New process": "Ny process",
    "Upload a .bpmn file": "Ladda upp en .bpmn-fil",
    "BPMN file (at most %(mb)s MB)": "BPMN-fil (högst %(mb)s MB)",
    "The file is checked like a deploy from the editor; a valid file becomes a new version, a file with problems "
    "is kept as your draft to fix.":
        "Filen kontrolleras som vid ibruktagning från redigeraren; en giltig fil blir en ny version, en fil med "
        "problem sparas som ditt utkast för att rättas.",
    "Upload and deploy": "Ladda upp och ta i bruk",
    "%(num)d problem": ("%(num)d problem", "%(num)d problem"),
    "valid": "giltig",
    "Problems of version %(v)s": "Problem i version %(v)s",
    "Edit version %(v)s": "Redigera version %(v)s",
    "Continue your draft (saved %(when)s)": "Fortsätt med ditt utkast (sparat %(when)s)",
    "Discard draft": "Förkasta utkastet",
    "Versions of %(name)s": "Versioner av %(name)s",
    "By": "Av",
    "Content hash": "Innehållets hashvärde",
    "Running": "Pågående",
    "Finished": "Avslutade",
    "File": "Fil",
    "No processes are deployed yet.": "Inga processer har tagits i bruk ännu.",
    "The new process starts from a template that already has the start, the service promise, the aftercare task "
    "and the needs-reassessment gateway; it is kept as your draft until you deploy it.":
        "Den nya processen utgår från en mall som redan har starten, servicelöftet, uppföljningsuppgiften och "
        "gatewayen för ny bedömning av servicebehovet; den sparas som ditt utkast tills du tar den i bruk.",
    "Process id": "Processens id",
    "Letters, digits, _ and -; it cannot be changed later, e.g. rekrytointi_eures.":
        "Bokstäver, siffror, _ och -; kan inte ändras senare, t.ex. rekrytointi_eures.",
    "Create draft": "Skapa utkast",
    "Upload refused": "Uppladdningen avvisades",
    "Upload": "Uppladdning",
    "%(name)s was not deployed": "%(name)s togs inte i bruk",
    "The file has %(num)d problem:": ("Filen har %(num)d problem:", "Filen har %(num)d problem:"),
    "The file was kept as your draft of %(key)s.": "Filen sparades som ditt utkast av %(key)s.",
    "Open it in the editor to fix it": "Öppna den i redigeraren för att rätta den",
    "Back to processes": "Tillbaka till processerna",
    "from the editor": "från redigeraren",
    "draft #%(id)s": "utkast #%(id)s",
    "based on version %(v)s": "utgående från version %(v)s",
    "uploaded as %(file)s": "uppladdad som %(file)s",
    "%(running)s running, %(finished)s finished": "%(running)s pågående, %(finished)s avslutade",
    "Open in the editor": "Öppna i redigeraren",
    "Where the instances are": "Var servicestigarna befinner sig",
    "On each element: instances waiting there now, and instances that have passed it (user tasks and timers).":
        "Vid varje element: servicestigar som väntar där nu och servicestigar som har passerat det "
        "(användaruppgifter och timrar).",
    "waiting now": "väntar nu",
    "passed": "passerat",
    "Diagram of %(name)s with instance counts": "Diagram över %(name)s med antalet servicestigar",
    "Counts per element": "Antal per element",
    "Waiting now": "Väntar nu",
    "Passed": "Passerat",
    "No instance has run on this version yet.": "Ingen servicestig har körts i denna version ännu.",
    # experts: inbox, tasks, starting a service
    "No such task.": "Uppgiften hittades inte.",
    "Task claimed.": "Du har tagit uppgiften.",
    "Task returned to its group.": "Uppgiften har återlämnats till gruppen.",
    "Task handed over to %(user)s.": "Uppgiften har överförts till %(user)s.",
    "Task '%(name)s' completed.": "Uppgiften '%(name)s' är slutförd.",
    "The next step failed and is waiting for a manager: %(error)s":
        "Nästa steg misslyckades och väntar på åtgärd av en chef: %(error)s",
    "Started %(process)s for %(customer)s.": "%(process)s har påbörjats för %(customer)s.",
    "Yes": "Ja",
    "No": "Nej",
    "Choose…": "Välj…",
    "Pages": "Sidor",
    "Previous": "Föregående",
    "Page %(n)s of more than %(total)s": "Sida %(n)s av över %(total)s",
    "Page %(n)s of %(total)s": "Sida %(n)s av %(total)s",
    "Next": "Nästa",
    "overdue": "försenad",
    "Services": "Tjänster",
    "Task lists": "Uppgiftslistor",
    "Mine": "Mina",
    "My groups": "Mina grupper",
    "%(n)s overdue": "%(n)s försenade",
    "Claim": "Ta uppgiften",
    "%(n)s tasks": "%(n)s uppgifter",
    "No tasks here.": "Inga uppgifter här.",
    "My tasks": "Min inkorg",
    "Any time": "När som helst",
    "This week": "Denna vecka",
    "Service process": "Serviceprocess",
    "Customer's Business ID": "Kundens FO-nummer",
    "Start": "Påbörja",
    "Instructions": "Anvisningar",
    "Claim this task": "Ta uppgiften",
    "The form has %(n)s errors": "Blanketten har %(n)s fel",
    "Complete": "Slutför",
    "Give back to the group": "Återlämna till gruppen",
    "Hand over to another expert": "Överför till en annan sakkunnig",
    "Hand over": "Överför",
    "Customer card": "Kundkort",
    # moving running instances between versions, the deploy confirmation (issue 17)
    "Moved to another version": "Flyttad till en annan version",
    "Choose the version to move from and the version to move to.":
        "Välj versionen att flytta från och versionen att flytta till.",
    "%(moved)s instance(s) moved to version %(to)s; %(left)s left as they were.":
        "%(moved)s servicestig(ar) flyttade till version %(to)s; %(left)s lämnade som de var.",
    "%(num)d running instance is on an older version:": (
        "%(num)d pågående servicestig är på en äldre version:",
        "%(num)d pågående servicestigar är på äldre versioner:"),
    "check": "granska",
    "migrate": "flytta",
    "No element differs from the newest version (layout is not compared).":
        "Inget element skiljer sig från den nyaste versionen (layouten jämförs inte).",
    "A new process: everything in it is new.": "En ny process: allt i den är nytt.",
    "Deploy these changes?": "Ta i bruk dessa ändringar?",
    "Running instances stay on their version until they are moved.":
        "Pågående servicestigar stannar på sin version tills de flyttas.",
    "Deploy these changes": "Ta i bruk ändringarna",
    "Move running instances": "Flytta pågående servicestigar",
    "Running instances move to another version where they stand: open tasks keep their assignee, claim, due date "
    "and form values; timers and message waits follow the new version. An instance that cannot move is left "
    "exactly as it was, with the reason.":
        "Pågående servicestigar flyttas till en annan version där de står: öppna uppgifter behåller sin utförare, "
        "sitt tagande, sin förfallodag och sina blankettvärden; timrar och väntan på meddelanden följer den nya "
        "versionen. En servicestig som inte kan flyttas lämnas precis som den var, med orsaken.",
    "Running instances on older versions:": "Pågående servicestigar på äldre versioner:",
    "version %(v)s: %(n)s": "version %(v)s: %(n)s",
    "Which instances": "Vilka servicestigar",
    "%(n)s running": "%(n)s pågående",
    "Waiting at element (id)": "Väntar vid element (id)",
    "Customer (Business ID)": "Kund (FO-nummer)",
    "Responsible expert (username)": "Ansvarig sakkunnig (användarnamn)",
    "Mapping: where each element goes in version %(v)s": "Mappning: vart varje element går i version %(v)s",
    "Element of version %(v)s": "Element i version %(v)s",
    "not in version %(v)s": "inte i version %(v)s",
    "(the same id)": "(samma id)",
    "Dry run": "Provkörning",
    "The two versions side by side": "De två versionerna sida vid sida",
    "Version %(v)s": "Version %(v)s",
    "Diagram of version %(v)s; the mapping table has the same choices":
        "Diagram över version %(v)s; mappningstabellen har samma val",
    "Diagram of version %(v)s": "Diagram över version %(v)s",
    "Select an element on the left, then its counterpart on the right: the mapping above is filled in.":
        "Välj ett element till vänster och sedan dess motsvarighet till höger: mappningen ovan fylls i.",
    "Dry run: %(can)s can move, %(cannot)s cannot": "Provkörning: %(can)s kan flyttas, %(cannot)s kan inte",
    "Moved %(moved)s, left as they were %(left)s": "Flyttade %(moved)s, lämnade som de var %(left)s",
    "Responsible": "Ansvarig",
    "Stands at": "Står vid",
    "Result": "Resultat",
    "can move": "kan flyttas",
    "moved": "flyttad",
    "cannot move": "kan inte flyttas",
    "not moved": "inte flyttad",
    "No running instance of version %(v)s matches.": "Ingen pågående servicestig i version %(v)s matchar.",
    "Move %(num)d instance to version %(v)s": (
        "Flytta %(num)d servicestig till version %(v)s", "Flytta %(num)d servicestigar till version %(v)s"),
    # issue 16: dates typed day first, labels not keys, plain office language
    "Give the contact date like 26.11.2026 (day.month.year).":
        "Ange datum för kontakten i formen 26.11.2026 (dag.månad.år).",
    "%(label)s must be a date like 26.11.2026 (day.month.year).":
        "%(label)s: ange ett datum i formen 26.11.2026 (dag.månad.år).",
    "d.m.yyyy": "d.m.åååå",
    "Status code": "Statuskod",
    "Username of the responsible expert": "Den ansvariga sakkunnigas användarnamn",
    "Warning:": "Observera:",
    "The model can be deployed; texts missing in a language:":
        "Modellen kan tas i bruk; det saknas texter på något språk:",
    "Today's reminders are done. New notifications: %(n)s, new mails: %(m)s, sent: %(s)s.":
        "Dagens påminnelser är klara. Nya aviseringar: %(n)s, nya e-postmeddelanden: %(m)s, skickade: %(s)s.",
    "Nothing was deployed: the model has %(num)d problem.":
        ("Ingenting togs i bruk: modellen har %(num)d problem.",
         "Ingenting togs i bruk: modellen har %(num)d problem."),
    # issue 21: sign-in through the identity provider, user administration
    "Roles and groups saved.": "Roller och grupper har sparats.",
    "Nothing changed.": "Inget ändrades.",
    "You cannot deactivate yourself.": "Du kan inte inaktivera ditt eget konto.",
    "%(user)s still has open work: hand it over first, or confirm the deactivation.":
        "%(user)s har fortfarande öppet arbete: överlåt det först eller bekräfta inaktiveringen.",
    "%(user)s is deactivated; their sessions and API tokens no longer work.":
        "%(user)s har inaktiverats; användarens sessioner och API-nycklar fungerar inte längre.",
    "%(user)s can sign in again.": "%(user)s kan logga in igen.",
    "New password set for %(user)s; their sessions have ended.":
        "Nytt lösenord har angetts för %(user)s; användarens sessioner har avslutats.",
    "API token %(id)s revoked.": "API-nyckel %(id)s har återkallats.",
    "Users": "Användare",
    "expert": "sakkunnig",
    "service manager": "servicechef",
    "process owner": "processägare",
    "administrator": "huvudanvändare",
    "Sign-in through %(provider)s did not succeed; try again.":
        "Inloggningen via %(provider)s lyckades inte; försök igen.",
    "Your account is deactivated; ask an administrator to reactivate it.":
        "Ditt konto är inaktiverat; be en huvudanvändare att aktivera det igen.",
    "Signs in through the identity provider; roles and groups are replaced from the directory at each sign-in.":
        "Loggar in via identifieringstjänsten; roller och grupper uppdateras från katalogen vid varje inloggning.",
    "deactivated": "inaktiverad",
    "Roles and groups": "Roller och grupper",
    "Groups (comma-separated)": "Grupper (åtskilda med kommatecken)",
    "Open work": "Öppet arbete",
    "Hand these over before deactivating the user.": "Överlåt dessa innan användaren inaktiveras.",
    "Responsible for": "Ansvarar för",
    "No open tasks and no running instances.": "Inga öppna uppgifter och inga pågående servicestigar.",
    "Deactivate even though the work is not handed over": "Inaktivera trots att arbetet inte har överlåtits",
    "Deactivate": "Inaktivera",
    "Reactivate": "Aktivera igen",
    "New password": "Nytt lösenord",
    "Set the password": "Ange lösenordet",
    "API tokens": "API-nycklar",
    "Id": "Id",
    "Created": "Skapad",
    "Expires": "Upphör",
    "Last used": "Senast använd",
    "revoked": "återkallad",
    "expired": "utgången",
    "Revoke": "Återkalla",
    "No API tokens.": "Inga API-nycklar.",
    "Every user, deactivated ones too": "Alla användare, även inaktiverade",
    "Groups": "Grupper",
    "Signs in with": "Loggar in med",
    "identity provider": "identifieringstjänst",
    "password": "lösenord",
    "Sign in with %(provider)s": "Logga in med %(provider)s",
    "Or with a password": "Eller med lösenord",
    "You cannot take the administrator role from yourself.": "Du kan inte ta bort huvudanvändarrollen från dig själv.",
    "Decision %(key)s does not exist.": "Beslutstabellen %(key)s finns inte.",
    "Decision tables": "Beslutstabeller",
    "Breadcrumb": "Brödsmulor",
    "Id %(key)s, from the file %(file)s, deployed %(when)s by %(who)s.":
        "Id %(key)s, från filen %(file)s, tagen i bruk %(when)s av %(who)s.",
    "Hit policy: %(policy)s.": "Träffregel: %(policy)s.",
    "Other versions:": "Andra versioner:",
    "Rules of %(name)s": "Reglerna i %(name)s",
    "When": "När",
    "Then": "Då",
    "Note": "Anmärkning",
    "A dash means the rule matches any value of that input.":
        ("Ett streck betyder att regeln gäller för alla värden av den indatan."),
    "This decision has no rules.": "Beslutstabellen har inga regler.",
    ("DMN decision tables deployed with the processes that call them (business rule tasks). They "
     "are read-only here: change a table in its .dmn file and deploy it with its process."):
        ("DMN-beslutstabeller som tagits i bruk med de processer som anropar dem "
             "(affärsregeluppgifter). Här kan de bara läsas: ändra en tabell i dess .dmn-fil och ta den "
             "i bruk med sin process."),
    "Decision": "Beslutstabell",
    "Newest version": "Nyaste version",
    "(%(num)d version)": ("(%(num)d version)", "(%(num)d versioner)"),
    "No decision tables have been deployed.": "Inga beslutstabeller har tagits i bruk.",
    # issue 19: task states, diagram controls, landing pages
    "Claim the task to fill in the form.": "Ta uppgiften för att kunna fylla i formuläret.",
    "Claimed by %(who)s": "Tagen av %(who)s",
    "Claimed by you": "Tagen av dig",
    "Data as submitted": "Inskickade uppgifter",
    "Diagram view": "Diagramvy",
    "Fill in the form and complete the task.": "Fyll i formuläret och slutför uppgiften.",
    "Fit to view": "Anpassa till vyn",
    "Not claimed yet": "Ännu inte tagen",
    "Service": "Tjänst",
    "The form is shown read-only.": "Formuläret visas skrivskyddat.",
    "The task was completed without form data.": "Uppgiften slutfördes utan formuläruppgifter.",
    "Your account has no pages of the work tool: it is for administration and the API.":
        "Ditt konto har inga sidor i arbetsverktyget: det är avsett för administration och API:et.",
    "Zoom in": "Zooma in",
    "Zoom out": "Zooma ut",
    "by %(who)s on %(when)s": "(%(who)s, %(when)s)",
    "group %(g)s": "grupp %(g)s",
    "since %(when)s": "sedan %(when)s",
    # saved filters (issue 19)
    "Saved filters": "Sparade filter",
    "Delete the filter %(name)s": "Radera filtret %(name)s",
    "Delete": "Radera",
    "Save this filter as": "Spara filtret som",
    "Save filter": "Spara filtret",
    "Filter '%(name)s' saved.": "Filtret '%(name)s' har sparats.",
    "Filter deleted.": "Filtret har raderats.",
    # the manager's landing page (issue 19)
    "Overdue aftercare": "Försenad uppföljning",
    "Aftercare calls past their 14 days, the longest overdue first":
        "Uppföljningssamtal vars 14 dagar har gått, det mest försenade först",
    "Service ended": "Tjänsten avslutades",
    "Days overdue": "Dagar försenad",
    "All %(n)s overdue aftercare calls": "Alla %(n)s försenade uppföljningssamtal",
    "No aftercare call is overdue.": "Inget uppföljningssamtal är försenat.",
    "Team load": "Teamets arbetsbelastning",
    "Contact person from the customer card": "Kontaktperson från kundkortet",
    "New contact person": "Ny kontaktperson",
    ("A person chosen here is the contact person; for a new one choose 'New contact person' "
     "and write the name below: it is added to the customer card."):
        "Den person som väljs här är kontaktperson; för en ny väljer du 'Ny kontaktperson' "
        "och skriver namnet nedan: personen läggs till på kundkortet.",
    "Told of fitting services":
        "Informerats om lämpliga tjänster",
    "Share told of fitting services":
        "Andel som informerats om lämpliga tjänster",
    "Told of services":
        "Informerats om tjänster",
    ("Done calls in which the expert told the customer of at least one service fitting the present "
     "need (chosen from the list on the aftercare form), and their share of the done calls. Calls "
     "recorded before the list existed count as not told."):
        ("Genomförda samtal där den sakkunniga informerade kunden om minst en tjänst som passar det "
         "nuvarande behovet (vald i listan på uppföljningsblanketten), och deras andel av de genomförda "
         "samtalen. Samtal som registrerats innan listan fanns räknas som att kunden inte informerats."),
    "Services the customers were told of":
        "Tjänster som kunderna informerats om",
    "Done calls":
        "Genomförda samtal",
    "Share of done calls":
        "Andel av de genomförda samtalen",
    "No done call in the period told of a service from the list.":
        "I inget genomfört samtal under perioden informerades kunden om en tjänst i listan.",
    "Each service's own task:": "Varje tjänsts egen uppgift:",
    "One aftercare call: %(n)s services": "Ett uppföljningssamtal: %(n)s tjänster",
    "Service %(n)s of the call": "Samtalets tjänst %(n)s",
    "New customers planned": "Planerade nya kunder",
    "New customers won": "Vunna nya kunder",
    "New-customer acquisition": "Anskaffning av nya kunder",
    ("New customers won: customers whose first service with the office (a service needs assessment "
     "included, as the first contact) started in the year. Contacts and services started count what "
     "was logged and started in the year for these customers."):
        ("Vunna nya kunder: kunder vars första tjänst hos byrån (också en bedömning av servicebehovet, "
         "som första kontakt) inleddes under året. Kontakter och inledda tjänster räknar det som "
         "antecknades och inleddes under året för dessa kunder."),
    # a card without a Business ID (issue 18)
    'Business ID %(business_id)s recorded for %(name)s; the card keeps its services and history.':
        'FO-numret %(business_id)s har förts in för %(name)s; kortets tjänster och historik finns kvar.',
    'Started %(process)s for %(customer)s (customer card %(key)s, no Business ID yet).':
        '%(process)s har påbörjats för %(customer)s (kundkort %(key)s, ännu inget FO-nummer).',
    'No Business ID yet: record it on the customer card when the company has been founded.':
        'Inget FO-nummer ännu: för in det på kundkortet när företaget har grundats.',
    'None yet: a prospective entrepreneur (card %(key)s)':
        'Inget ännu: en blivande företagare (kort %(key)s)',
    'Planned company':
        'Planerat företag',
    'The company was founded: record its Business ID':
        'Företaget har grundats: för in dess FO-nummer',
    'Record the Business ID':
        'För in FO-numret',
    'Or the card key (H-123) of a customer without a Business ID.':
        'Eller kundkortets beteckning (H-123) för en kund utan FO-nummer.',
    'An applicant without a Business ID':
        'En sökande utan FO-nummer',
    ("A person planning to found a company gets a customer card without a Business ID; record the Business "
     "ID on the card when the company has been founded. Only these services accept such a card."):
        ("En person som planerar att grunda ett företag får ett kundkort utan FO-nummer; för in FO-numret på "
         "kortet när företaget har grundats. Endast dessa tjänster tar emot ett sådant kort."),
    "The person's name":
        'Personens namn',
    'Planned company name':
        'Det planerade företagets namn',
    'Make the card and start':
        'Skapa kortet och påbörja',
}

# The engine's sentences and the error pages (tools/engine_catalog.py).
SV.update({msgid: texts[1] for msgid, texts in ENGINE.items()})


def main() -> int:
    missing = fill("sv", SV)
    for key in missing:
        print(f"missing: {key!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
