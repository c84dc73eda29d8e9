"""Finnish and Swedish for the engine's sentences (webui/messages.py: errors, history, validator problems)
and the error pages. Kept apart from the page texts so the table reads as one piece: English, Finnish,
Swedish side by side. tools/fi_catalog.py and tools/sv_catalog.py take their columns from ENGINE.
"""

from __future__ import annotations

ENGINE: dict[str, tuple[str, str]] = {
    # error pages
    "The request was not understood; go back and try again.":
        ("Pyyntöä ei ymmärretty; palaa takaisin ja yritä uudelleen.",
         "Begäran kunde inte tolkas; gå tillbaka och försök på nytt."),
    "You may not see this page.":
        ("Sinulla ei ole oikeutta nähdä tätä sivua.",
         "Du har inte rätt att se den här sidan."),
    "The page does not exist; check the address or go back to the start page.":
        ("Sivua ei ole; tarkista osoite tai palaa etusivulle.",
         "Sidan finns inte; kontrollera adressen eller gå tillbaka till startsidan."),
    "This page cannot be used that way; go back and try again.":
        ("Sivua ei voi käyttää näin; palaa takaisin ja yritä uudelleen.",
         "Sidan kan inte användas så; gå tillbaka och försök på nytt."),
    "The upload is too large; BPMN files may be at most 10 MB.":
        ("Tiedosto on liian suuri; BPMN-tiedosto saa olla enintään 10 Mt.",
         "Filen är för stor; en BPMN-fil får vara högst 10 MB."),
    "Too many requests in a short time; wait a moment and try again.":
        ("Liian monta pyyntöä lyhyessä ajassa; odota hetki ja yritä uudelleen.",
         "För många förfrågningar på kort tid; vänta en stund och försök på nytt."),
    "An unexpected error occurred; it has been logged.":
        ("Tapahtui odottamaton virhe; se on kirjattu lokiin.",
         "Ett oväntat fel inträffade; det har loggats."),
    "The form was too old or not sent by this site; reload the page and try again.":
        ("Lomake oli vanhentunut tai se ei tullut tältä sivustolta; lataa sivu uudelleen ja yritä uudelleen.",
         "Blanketten var för gammal eller kom inte från den här webbplatsen; ladda om sidan och försök på nytt."),
    # the general sentence of each error class
    "The request could not be carried out.": ("Pyyntöä ei voitu toteuttaa.", "Begäran kunde inte genomföras."),
    "The service is not configured correctly; tell the administrator.":
        ("Palvelun asetuksissa on virhe; ilmoita ylläpitäjälle.",
         "Tjänsten är felaktigt konfigurerad; meddela administratören."),
    "What you looked for does not exist.": ("Hakemaasi kohdetta ei ole.", "Det du sökte finns inte."),
    "The input breaks a rule; check it and try again.":
        ("Syötetyt tiedot eivät kelpaa; tarkista ne ja yritä uudelleen.",
         "Uppgifterna godtas inte; kontrollera dem och försök på nytt."),
    "The BPMN file has problems; nothing was deployed.":
        ("BPMN-tiedostossa on ongelmia; mitään ei otettu käyttöön.",
         "BPMN-filen har problem; ingenting togs i bruk."),
    "The Business ID is not valid: write it as seven digits, a hyphen and a check digit.":
        ("Y-tunnus ei kelpaa: kirjoita seitsemän numeroa, yhdysmerkki ja tarkistusnumero.",
         "FO-numret är inte giltigt: skriv sju siffror, bindestreck och en kontrollsiffra."),
    "You may not do this.": ("Sinulla ei ole oikeutta tähän.", "Du har inte rätt att göra detta."),
    "Someone else changed this at the same time; reload and try again.":
        ("Joku muu muutti tätä samaan aikaan; lataa sivu uudelleen ja yritä uudelleen.",
         "Någon annan ändrade detta samtidigt; ladda om sidan och försök på nytt."),
    "This changed since you loaded it; reload the page and try again.":
        ("Tietoja on muutettu sivun avaamisen jälkeen; lataa sivu uudelleen ja yritä uudelleen.",
         "Uppgifterna har ändrats sedan du öppnade sidan; ladda om sidan och försök på nytt."),
    "The task is no longer open; reload to see its current state.":
        ("Tehtävä ei ole enää avoinna; lataa sivu uudelleen nähdäksesi sen tilan.",
         "Uppgiften är inte längre öppen; ladda om sidan för att se dess läge."),
    "Running the process failed.": ("Prosessin suoritus epäonnistui.", "Processen kunde inte köras."),
    "A script or an expression of the process failed.":
        ("Prosessin skripti tai lauseke epäonnistui.", "Ett skript eller ett uttryck i processen misslyckades."),
    # raise sites of issue 16, second round
    "The password must be at least %(min)s characters long.":
        ("Salasanassa on oltava vähintään %(min)s merkkiä.",
         "Lösenordet ska ha minst %(min)s tecken."),
    "The password may not be the username or a part of it.":
        ("Salasana ei saa olla käyttäjätunnus tai sen osa.",
         "Lösenordet får inte vara användarnamnet eller en del av det."),
    "That password is on the list of common passwords attackers try first; choose another.":
        ("Salasana on yleisten salasanojen luettelossa, joita hyökkääjät kokeilevat ensimmäisinä; valitse toinen.",
         "Lösenordet finns på listan över vanliga lösenord som angripare prövar först; välj ett annat."),
    "The API token does not exist.":
        ("API-tunnistetta ei ole.",
         "API-token finns inte."),
    "The language %(language)s is not offered; choose one of %(choices)s.":
        ("Kieli %(language)s ei ole valittavissa; valitse jokin näistä: %(choices)s.",
         "Språket %(language)s kan inte väljas; välj något av följande: %(choices)s."),
    "Unknown roles %(roles)s; the roles are %(choices)s.":
        ("Tuntemattomat roolit %(roles)s; roolit ovat %(choices)s.",
         "Okända roller %(roles)s; rollerna är %(choices)s."),
    "The start data must be an object whose keys are names like 'kuvaus'.":
        ("Aloitustietojen on oltava olio, jonka avaimet ovat nimiä kuten 'kuvaus'.",
         "Startuppgifterna ska vara ett objekt vars nycklar är namn som 'kuvaus'."),
    "Start data keys may not start with an underscore.":
        ("Aloitustietojen avaimet eivät saa alkaa alaviivalla.",
         "Startuppgifternas nycklar får inte börja med ett understreck."),
    "The start data is %(size)s bytes; at most %(max)s are accepted.":
        ("Aloitustiedot ovat %(size)s tavua; enintään %(max)s tavua hyväksytään.",
         "Startuppgifterna är %(size)s byte; högst %(max)s byte godtas."),
    "Nothing catches the message %(message)s for %(customer)s: no waiting instance and no process with a message "
    "start event for it.":
        ("Viestiä %(message)s asiakkaalle %(customer)s ei ota vastaan mikään: sitä ei odota yksikään "
         "palvelupolku, eikä millään prosessilla ole sille viestialkutapahtumaa.",
         "Ingenting tar emot meddelandet %(message)s för %(customer)s: ingen servicestig väntar på det och ingen "
         "process har en meddelandestarthändelse för det."),
    "A mapping may name at most %(max)s elements.":
        ("Vastaavuuksissa voi nimetä enintään %(max)s elementtiä.",
         "En mappning får namnge högst %(max)s element."),
    "%(element)s is not an element id; map ids such as Task_jalkihoito.":
        ("%(element)s ei ole elementin tunnus; anna tunnuksia kuten Task_jalkihoito.",
         "%(element)s är inte ett element-id; ange id:n som Task_jalkihoito."),
    "No .bpmn files were found at %(path)s.":
        ("Kohteesta %(path)s ei löytynyt .bpmn-tiedostoja.",
         "Inga .bpmn-filer hittades i %(path)s."),
    "%(count)s problem(s) found; nothing was deployed.":
        ("Ongelmia löytyi %(count)s; mitään ei otettu käyttöön.",
         "%(count)s problem hittades; ingenting togs i bruk."),
    "An Idempotency-Key is 1 to %(max)s printable characters, such as a UUID.":
        ("Idempotency-Key on 1–%(max)s tulostettavaa merkkiä, esimerkiksi UUID.",
         "En Idempotency-Key är 1–%(max)s utskrivbara tecken, till exempel ett UUID."),
    "The Idempotency-Key was used for another request; use a new key for a new request.":
        ("Idempotency-Key on jo käytetty toiseen pyyntöön; käytä uudessa pyynnössä uutta avainta.",
         "Idempotency-Key har redan använts för en annan begäran; använd en ny nyckel för en ny begäran."),
    "%(cursor)s is not a cursor of this feed; give the 'cursor' of an earlier answer, or leave 'after' out to "
    "read from the beginning.":
        ("%(cursor)s ei ole tämän syötteen kohdistin; anna aiemman vastauksen 'cursor' tai jätä 'after' pois, "
         "niin syöte luetaan alusta.",
         "%(cursor)s är inte en markör i det här flödet; ange 'cursor' från ett tidigare svar eller utelämna "
         "'after' för att läsa från början."),
    "The target share of positive feedback is a percentage from 0 to 100.":
        ("Myönteisen palautteen tavoiteosuus on prosenttiluku väliltä 0–100.",
         "Målet för andelen positiv respons är ett procenttal från 0 till 100."),
    "The targets for visits and growth companies must be 0 to 1000000.":
        ("Yrityskäyntien ja kasvuyritysten tavoitteiden on oltava 0–1000000.",
         "Målen för företagsbesök och tillväxtföretag ska vara 0–1000000."),
    "Task %(id)s is no open aftercare call.":
        ("Tehtävä %(id)s ei ole avoin jälkihoitopuhelu.",
         "Uppgiften %(id)s är inget öppet uppföljningssamtal."),
    "The call covers %(services)s services; answer each of them (%(missing)s missing).":
        ("Puhelu kattaa %(services)s palvelua; vastaa jokaisesta (%(missing)s puuttuu).",
         "Samtalet gäller %(services)s tjänster; besvara var och en (%(missing)s saknas)."),
    "There is no company with Business ID %(business_id)s: write it as seven digits, a hyphen and a check digit.":
        ("Y-tunnuksella %(business_id)s ei ole yritystä: kirjoita Y-tunnus seitsemänä numerona, yhdysmerkkinä ja "
         "tarkistusnumerona.",
         "Det finns inget företag med FO-numret %(business_id)s: skriv det som sju siffror, bindestreck och en "
         "kontrollsiffra."),
    "The decision %(decision)s does not exist.":
        ("Päätöstaulua %(decision)s ei ole.",
         "Beslutstabellen %(decision)s finns inte."),
    "The identity provider sent no subject ('sub' claim); the sign-in cannot be used.":
        ("Tunnistuspalvelu ei lähettänyt käyttäjän tunnistetta ('sub'); kirjautumista ei voi käyttää.",
         "Identifieringstjänsten skickade ingen användaridentifierare ('sub'); inloggningen kan inte användas."),
    "The identity provider's user name %(user)s cannot be made a username here.":
        ("Tunnistuspalvelun käyttäjänimestä %(user)s ei voi muodostaa käyttäjätunnusta tähän palveluun.",
         "Identifieringstjänstens användarnamn %(user)s kan inte göras till ett användarnamn här."),
    "%(user)s is deactivated; ask an administrator to reactivate the user.":
        ("%(user)s on poistettu käytöstä; pyydä ylläpitäjää ottamaan käyttäjä uudelleen käyttöön.",
         "%(user)s är inaktiverad; be administratören aktivera användaren på nytt."),
    "The username %(user)s already belongs to another directory account; an administrator must rename one of them.":
        ("Käyttäjätunnus %(user)s kuuluu jo toiselle hakemistotilille; ylläpitäjän on nimettävä toinen niistä "
         "uudelleen.",
         "Användarnamnet %(user)s hör redan till ett annat katalogkonto; administratören måste byta namn på ett "
         "av dem."),
    "A script or expression ran for more than %(seconds)s seconds and was stopped; check its loops and the size "
    "of the values it sorts, compares or converts.":
        ("Skripti tai lauseke oli käynnissä yli %(seconds)s sekuntia, ja se pysäytettiin; tarkista sen silmukat "
         "ja lajiteltavien, verrattavien tai muunnettavien arvojen koko.",
         "Ett skript eller uttryck körde i mer än %(seconds)s sekunder och stoppades; kontrollera dess loopar "
         "och storleken på de värden det sorterar, jämför eller konverterar."),
    "A script or expression was stopped: it needed more memory or time than it may use.":
        ("Skripti tai lauseke pysäytettiin: se tarvitsi enemmän muistia tai aikaa kuin sille on sallittu.",
         "Ett skript eller uttryck stoppades: det behövde mer minne eller tid än det får använda."),
    "The expression %(expression)s gives an iterator, which cannot be kept; wrap it in list(...) or use any(...) "
    "or all(...).":
        ("Lauseke %(expression)s tuottaa iteraattorin, jota ei voi tallentaa; kääri se list(...)-kutsuun tai "
         "käytä any(...)- tai all(...)-kutsua.",
         "Uttrycket %(expression)s ger en iterator, som inte kan sparas; omslut det med list(...) eller använd "
         "any(...) eller all(...)."),
    "The script leaves %(name)s as an iterator, which cannot be kept in the task data; wrap it in list(...).":
        ("Skripti jättää kentän %(name)s iteraattoriksi, jota ei voi tallentaa tehtävän tietoihin; kääri se "
         "list(...)-kutsuun.",
         "Skriptet lämnar %(name)s som en iterator, som inte kan sparas i uppgiftens data; omslut det med "
         "list(...)."),
    "The task data has fields named like predefined values (%(names)s); rename those fields.":
        ("Tehtävän tiedoissa on kenttiä, joilla on valmiiksi määriteltyjen arvojen nimet (%(names)s); nimeä "
         "kentät uudelleen.",
         "Uppgiftens data har fält med samma namn som fördefinierade värden (%(names)s); byt namn på fälten."),
    "A script or expression cannot run: the task data holds a %(kind)s, which is not a value task data may hold.":
        ("Skriptiä tai lauseketta ei voi suorittaa: tehtävän tiedoissa on arvo (%(kind)s), jota tehtävän "
         "tiedoissa ei saa olla.",
         "Skriptet eller uttrycket kan inte köras: uppgiftens data innehåller ett värde (%(kind)s) som "
         "uppgiftens data inte får innehålla."),
    "Line %(line)s of the script (`%(text)s`) refers to `%(name)s`, which is not in the task data.":
        ("Skriptin rivi %(line)s (`%(text)s`) viittaa nimeen `%(name)s`, jota ei ole tehtävän tiedoissa.",
         "Rad %(line)s i skriptet (`%(text)s`) hänvisar till `%(name)s`, som inte finns i uppgiftens data."),
    "The expression `%(expression)s` refers to `%(name)s`, which is not in the task data.":
        ("Lauseke `%(expression)s` viittaa nimeen `%(name)s`, jota ei ole tehtävän tiedoissa.",
         "Uttrycket `%(expression)s` hänvisar till `%(name)s`, som inte finns i uppgiftens data."),
    "Line %(line)s of the script (`%(text)s`) looks up the key %(key)s, which is missing.":
        ("Skriptin rivi %(line)s (`%(text)s`) hakee avainta %(key)s, jota ei ole.",
         "Rad %(line)s i skriptet (`%(text)s`) slår upp nyckeln %(key)s, som saknas."),
    "The expression `%(expression)s` looks up the key %(key)s, which is missing.":
        ("Lauseke `%(expression)s` hakee avainta %(key)s, jota ei ole.",
         "Uttrycket `%(expression)s` slår upp nyckeln %(key)s, som saknas."),
    "Line %(line)s of the script (`%(text)s`) reads `.%(name)s` from a dictionary; write `['%(name)s']` instead.":
        ("Skriptin rivi %(line)s (`%(text)s`) lukee sanakirjasta `.%(name)s`; kirjoita sen sijaan `['%(name)s']`.",
         "Rad %(line)s i skriptet (`%(text)s`) läser `.%(name)s` ur en ordlista; skriv `['%(name)s']` i stället."),
    "The expression `%(expression)s` reads `.%(name)s` from a dictionary; write `['%(name)s']` instead.":
        ("Lauseke `%(expression)s` lukee sanakirjasta `.%(name)s`; kirjoita sen sijaan `['%(name)s']`.",
         "Uttrycket `%(expression)s` läser `.%(name)s` ur en ordlista; skriv `['%(name)s']` i stället."),
    "Line %(line)s of the script (`%(text)s`) divides by zero.":
        ("Skriptin rivi %(line)s (`%(text)s`) jakaa nollalla.",
         "Rad %(line)s i skriptet (`%(text)s`) dividerar med noll."),
    "The expression `%(expression)s` divides by zero.":
        ("Lauseke `%(expression)s` jakaa nollalla.",
         "Uttrycket `%(expression)s` dividerar med noll."),
    "Element %(element)s failed: %(detail)s":
        ("Vaihe %(element)s epäonnistui: %(detail)s", "Steget %(element)s misslyckades: %(detail)s"),
    "A step failed: %(detail)s":
        ("Vaihe epäonnistui: %(detail)s", "Ett steg misslyckades: %(detail)s"),
    "Element %(element)s: Line %(line)s of the script (`%(text)s`) refers to `%(name)s`, which is not in the task "
    "data.":
        ("Vaihe %(element)s: skriptin rivi %(line)s (`%(text)s`) viittaa nimeen `%(name)s`, jota ei ole tehtävän "
         "tiedoissa.",
         "Steg %(element)s: rad %(line)s i skriptet (`%(text)s`) hänvisar till `%(name)s`, som inte finns i "
         "uppgiftens data."),
    "Element %(element)s: The expression `%(expression)s` refers to `%(name)s`, which is not in the task data.":
        ("Vaihe %(element)s: lauseke `%(expression)s` viittaa nimeen `%(name)s`, jota ei ole tehtävän tiedoissa.",
         "Steg %(element)s: uttrycket `%(expression)s` hänvisar till `%(name)s`, som inte finns i uppgiftens data."),
    "Element %(element)s: Line %(line)s of the script (`%(text)s`) looks up the key %(key)s, which is missing.":
        ("Vaihe %(element)s: skriptin rivi %(line)s (`%(text)s`) hakee avainta %(key)s, jota ei ole.",
         "Steg %(element)s: rad %(line)s i skriptet (`%(text)s`) slår upp nyckeln %(key)s, som saknas."),
    "Element %(element)s: Line %(line)s of the script (`%(text)s`) divides by zero.":
        ("Vaihe %(element)s: skriptin rivi %(line)s (`%(text)s`) jakaa nollalla.",
         "Steg %(element)s: rad %(line)s i skriptet (`%(text)s`) dividerar med noll."),
    # validator problems (engine/runtime/bpmn)
    "'%(element)s', form field '%(field)s': %(detail)s":
        ("'%(element)s', lomakekenttä '%(field)s': %(detail)s",
         "'%(element)s', formulärfältet '%(field)s': %(detail)s"),
    "'%(element)s', the default value of form field '%(field)s': %(detail)s":
        ("'%(element)s', lomakekentän '%(field)s' oletusarvo: %(detail)s",
         "'%(element)s', standardvärdet för formulärfältet '%(field)s': %(detail)s"),
    "The script of '%(element)s' is refused: %(detail)s":
        ("Tehtävän '%(element)s' skriptiä ei hyväksytä: %(detail)s",
         "Skriptet i '%(element)s' godtas inte: %(detail)s"),
    "'%(element)s' is an external task without a camunda:topic; name the topic, which is the name of the Python "
    "service handler that does the work.":
        ("'%(element)s' on ulkoinen tehtävä ilman camunda:topic-määritystä; anna aihe (topic), joka on työn "
         "tekevän Python-palvelukäsittelijän nimi.",
         "'%(element)s' är en extern uppgift utan camunda:topic; ange ämnet (topic), som är namnet på den "
         "Python-tjänstehanterare som utför arbetet."),
    "'%(element)s' names the service handler '%(name)s', but no Python service handler is installed under that "
    "name; install one or model the work as a user task.":
        ("'%(element)s' käyttää palvelukäsittelijää '%(name)s', mutta sen nimistä Python-palvelukäsittelijää ei "
         "ole asennettu; asenna se tai mallinna työ käyttäjätehtäväksi.",
         "'%(element)s' anger tjänstehanteraren '%(name)s', men ingen Python-tjänstehanterare med det namnet är "
         "installerad; installera en eller modellera arbetet som en användaruppgift."),
    "'%(element)s' runs Java code (%(how)s); Palvelupolku cannot run it; name a Python service handler with "
    "camunda:class, or model it as a user task or a script task.":
        ("'%(element)s' suorittaa Java-koodia (%(how)s), jota Palvelupolku ei voi suorittaa; nimeä "
         "Python-palvelukäsittelijä camunda:class-määrityksellä tai mallinna vaihe käyttäjä- tai "
         "skriptitehtäväksi.",
         "'%(element)s' kör Java-kod (%(how)s), som Palvelupolku inte kan köra; ange en Python-tjänstehanterare "
         "med camunda:class eller modellera steget som en användaruppgift eller en skriptuppgift."),
    "'%(element)s' has no implementation Palvelupolku can run; name a Python service handler with camunda:class, "
    "or model it as a user task (work a person does) or a script task (Python).":
        ("Tehtävällä '%(element)s' ei ole toteutusta, jota Palvelupolku voisi suorittaa; nimeä "
         "Python-palvelukäsittelijä camunda:class-määrityksellä tai mallinna se käyttäjätehtäväksi (ihmisen tekemä "
         "työ) tai skriptitehtäväksi (Python).",
         "'%(element)s' har ingen implementation som Palvelupolku kan köra; ange en Python-tjänstehanterare med "
         "camunda:class eller modellera den som en användaruppgift (arbete som en person gör) eller en "
         "skriptuppgift (Python)."),
    "'%(element)s' is a business rule task without camunda:decisionRef; name the DMN decision it evaluates (deploy "
    "the .dmn file with the process), or model the decision with an exclusive gateway and conditions.":
        ("'%(element)s' on liiketoimintasääntötehtävä ilman camunda:decisionRef-määritystä; nimeä DMN-päätös, "
         "jonka se laskee (ota .dmn-tiedosto käyttöön prosessin kanssa), tai mallinna päätös poissulkevalla "
         "haarautumalla ja ehdoilla.",
         "'%(element)s' är en affärsregeluppgift utan camunda:decisionRef; ange det DMN-beslut som den utvärderar "
         "(ta i bruk .dmn-filen tillsammans med processen) eller modellera beslutet med en exklusiv förgrening och "
         "villkor."),
    "'%(element)s' evaluates the DMN decision '%(decision)s', which is in none of the .dmn files being deployed or "
    "already deployed; deploy the .dmn file with the process.":
        ("'%(element)s' laskee DMN-päätöksen '%(decision)s', jota ei ole yhdessäkään käyttöön otettavassa tai jo "
         "käytössä olevassa .dmn-tiedostossa; ota .dmn-tiedosto käyttöön prosessin kanssa.",
         "'%(element)s' utvärderar DMN-beslutet '%(decision)s', som inte finns i någon av de .dmn-filer som tas i "
         "bruk eller redan är i bruk; ta i bruk .dmn-filen tillsammans med processen."),
    "'%(element)s' evaluates the DMN decision '%(decision)s', which requires the decision(s) %(required)s; "
    "Palvelupolku evaluates one decision table at a time, so evaluate each required decision first in its own "
    "business rule task.":
        ("'%(element)s' laskee DMN-päätöksen '%(decision)s', joka edellyttää päätöksiä %(required)s; Palvelupolku "
         "laskee yhden päätöstaulun kerrallaan, joten laske kukin edellytetty päätös ensin omassa "
         "liiketoimintasääntötehtävässään.",
         "'%(element)s' utvärderar DMN-beslutet '%(decision)s', som kräver besluten %(required)s; Palvelupolku "
         "utvärderar en beslutstabell åt gången, så utvärdera först varje beslut som krävs i en egen "
         "affärsregeluppgift."),
    "'%(element)s' binds its decision by %(binding)s; Palvelupolku evaluates the decision deployed with the "
    "process version, so leave camunda:decisionRefBinding out.":
        ("'%(element)s' sitoo päätöksensä tavalla %(binding)s; Palvelupolku laskee prosessiversion kanssa käyttöön "
         "otetun päätöksen, joten jätä camunda:decisionRefBinding pois.",
         "'%(element)s' binder sitt beslut med %(binding)s; Palvelupolku utvärderar det beslut som togs i bruk med "
         "processversionen, så lämna bort camunda:decisionRefBinding."),
    "'%(element)s' has no calledElement; name the id of the process it calls.":
        ("Kutsutehtävällä '%(element)s' ei ole calledElement-määritystä; anna kutsuttavan prosessin tunnus.",
         "'%(element)s' har inget calledElement; ange id för den process som den anropar."),
    "'%(element)s' calls the process '%(process_id)s', which is neither in the files being validated nor deployed; "
    "deploy it first or validate both files together.":
        ("'%(element)s' kutsuu prosessia '%(process_id)s', jota ei ole tarkistettavissa tiedostoissa eikä "
         "käytössä; ota se ensin käyttöön tai tarkista molemmat tiedostot yhdessä.",
         "'%(element)s' anropar processen '%(process_id)s', som varken finns i de filer som kontrolleras eller är "
         "i bruk; ta den i bruk först eller kontrollera båda filerna tillsammans."),
    "'%(element)s' calls the process '%(process_id)s', which is not marked executable; Palvelupolku runs and "
    "checks only executable processes.":
        ("'%(element)s' kutsuu prosessia '%(process_id)s', jota ei ole merkitty suoritettavaksi; Palvelupolku "
         "suorittaa ja tarkistaa vain suoritettavat prosessit.",
         "'%(element)s' anropar processen '%(process_id)s', som inte är markerad som körbar; Palvelupolku kör och "
         "kontrollerar bara körbara processer."),
    "'%(element)s' is an interrupting event subprocess, which would not interrupt the process here, so the rest "
    "would go on; make its start event non-interrupting or use an interrupting boundary event.":
        ("'%(element)s' on keskeyttävä tapahtuma-aliprosessi, joka ei tässä keskeyttäisi prosessia, vaan muu "
         "prosessi jatkuisi; tee sen aloitustapahtumasta keskeyttämätön tai käytä keskeyttävää reunatapahtumaa.",
         "'%(element)s' är en avbrytande händelsedelprocess, som här inte skulle avbryta processen, utan resten "
         "skulle fortsätta; gör dess starthändelse icke-avbrytande eller använd en avbrytande gränshändelse."),
    "'%(element)s' is a complex gateway, which is not supported; use an inclusive or a parallel gateway.":
        ("'%(element)s' on monimutkainen haarautuma, jota ei tueta; käytä inklusiivista tai rinnakkaista "
         "haarautumaa.",
         "'%(element)s' är en komplex förgrening, som inte stöds; använd en inkluderande eller parallell "
         "förgrening."),
    # validator problems (engine/runtime/bpmn)
    "'%(element)s' refers to a shared event definition (eventDefinitionRef); only event definitions inside the "
    "event itself are read.":
        ("'%(element)s' viittaa jaettuun tapahtumamääritykseen (eventDefinitionRef); vain tapahtuman omat "
         "tapahtumamääritykset luetaan.",
         "'%(element)s' hänvisar till en delad händelsedefinition (eventDefinitionRef); bara händelsedefinitioner "
         "inne i själva händelsen läses."),
    "'%(element)s' is a link event, which is not supported (the path would silently stop there); connect the "
    "elements with a sequence flow.":
        ("'%(element)s' on linkkitapahtuma, jota ei tueta (polku pysähtyisi siihen huomaamatta); yhdistä elementit "
         "sarjavuolla.",
         "'%(element)s' är en länkhändelse, som inte stöds (flödet skulle tyst stanna där); koppla ihop elementen "
         "med ett sekvensflöde."),
    "'%(element)s' is a compensation event, which is not supported; model the undo steps as ordinary tasks.":
        ("'%(element)s' on kompensaatiotapahtuma, jota ei tueta; mallinna peruutusvaiheet tavallisina tehtävinä.",
         "'%(element)s' är en kompensationshändelse, som inte stöds; modellera ångrastegen som vanliga uppgifter."),
    "'%(element)s' is a conditional event, whose condition is checked only once, when the event is reached, so it "
    "could wait for ever; use an exclusive gateway, a timer or a message instead.":
        ("'%(element)s' on ehtotapahtuma, jonka ehto tarkistetaan vain kerran tapahtumaan tultaessa, joten se "
         "voisi odottaa ikuisesti; käytä sen sijaan poissulkevaa haarautumaa, ajastinta tai viestiä.",
         "'%(element)s' är en villkorshändelse, vars villkor kontrolleras bara en gång, när händelsen nås, så den "
         "kunde vänta för evigt; använd i stället en exklusiv förgrening, en timer eller ett meddelande."),
    "The timer of '%(element)s' %(detail)s":
        ("Ajastin '%(element)s': %(detail)s",
         "Timern '%(element)s': %(detail)s"),
    "'%(element)s' has the camunda:expression '%(expression)s' on its message, which is not evaluated: the message "
    "carries the sender's task data as its payload, so leave the expression out.":
        ("Elementin '%(element)s' viestissä on camunda:expression '%(expression)s', jota ei lasketa: viesti "
         "välittää lähettäjän tehtävän tiedot, joten jätä lauseke pois.",
         "'%(element)s' har camunda:expression '%(expression)s' på sitt meddelande, som inte utvärderas: "
         "meddelandet bär avsändarens uppgiftsdata, så lämna bort uttrycket."),
    "'%(element)s' runs Java code (%(how)s), which Palvelupolku cannot run; leave the implementation out and the "
    "message carries the task data.":
        ("'%(element)s' suorittaa Java-koodia (%(how)s), jota Palvelupolku ei voi suorittaa; jätä toteutus pois, "
         "niin viesti välittää tehtävän tiedot.",
         "'%(element)s' kör Java-kod (%(how)s), som Palvelupolku inte kan köra; lämna bort implementationen så bär "
         "meddelandet uppgiftens data."),
    "'%(element)s' refers to the message '%(ref)s', which is not defined in this file; add a bpmn:message with "
    "that id.":
        ("'%(element)s' viittaa viestiin '%(ref)s', jota ei ole määritelty tässä tiedostossa; lisää bpmn:message, "
         "jolla on tämä tunnus.",
         "'%(element)s' hänvisar till meddelandet '%(ref)s', som inte är definierat i den här filen; lägg till ett "
         "bpmn:message med det id:t."),
    "'%(element)s' has neither a messageRef nor a name, so there is no telling which message it is about; define a "
    "bpmn:message and refer to it.":
        ("Elementillä '%(element)s' ei ole viittausta viestiin (messageRef) eikä nimeä, joten ei voi tietää, mistä "
         "viestistä on kyse; määrittele bpmn:message ja viittaa siihen.",
         "'%(element)s' har varken messageRef eller namn, så det går inte att veta vilket meddelande det gäller; "
         "definiera ett bpmn:message och hänvisa till det."),
    "'%(element)s' refers to the signal '%(ref)s', which is not defined in this file.":
        ("'%(element)s' viittaa signaaliin '%(ref)s', jota ei ole määritelty tässä tiedostossa.",
         "'%(element)s' hänvisar till signalen '%(ref)s', som inte är definierad i den här filen."),
    "'%(element)s' waits for a signal; Palvelupolku does not send signals between instances, so nothing could "
    "start the process this way; use a message start event.":
        ("'%(element)s' odottaa signaalia; Palvelupolku ei välitä signaaleja palvelupolkujen välillä, joten mikään "
         "ei voisi käynnistää prosessia näin; käytä viestillä alkavaa aloitustapahtumaa.",
         "'%(element)s' väntar på en signal; Palvelupolku skickar inte signaler mellan servicestigar, så ingenting "
         "kunde starta processen på det här sättet; använd en starthändelse med meddelande."),
    "'%(element)s' waits for the signal '%(name)s', which no element of these processes throws; Palvelupolku does "
    "not pass signals between instances, so it would wait for ever.":
        ("'%(element)s' odottaa signaalia '%(name)s', jota mikään näiden prosessien elementti ei lähetä; "
         "Palvelupolku ei välitä signaaleja palvelupolkujen välillä, joten se odottaisi ikuisesti.",
         "'%(element)s' väntar på signalen '%(name)s', som inget element i de här processerna skickar; "
         "Palvelupolku skickar inte signaler mellan servicestigar, så den skulle vänta för evigt."),
    "'%(element)s' refers to the %(kind)s '%(ref)s', which is not defined in this file; add a bpmn:%(kind)s with "
    "that id.":
        ("'%(element)s' viittaa määritykseen %(kind)s '%(ref)s', jota ei ole tässä tiedostossa; lisää "
         "bpmn:%(kind)s, jolla on tämä tunnus.",
         "'%(element)s' hänvisar till %(kind)s '%(ref)s', som inte är definierad i den här filen; lägg till ett "
         "bpmn:%(kind)s med det id:t."),
    # validator problems (engine/runtime/bpmn)
    "'%(element)s': the expression '%(text)s' is JUEL that cannot be translated to Python (%(detail)s). Write it "
    "as a Python expression over task data instead.":
        ("'%(element)s': lauseke '%(text)s' on JUEL-kieltä, jota ei voi kääntää Pythoniksi (%(detail)s). Kirjoita "
         "se sen sijaan Python-lausekkeena tehtävän tiedoista.",
         "'%(element)s': uttrycket '%(text)s' är JUEL som inte kan översättas till Python (%(detail)s). Skriv det "
         "i stället som ett Python-uttryck med uppgiftens data."),
    "'%(element)s': the expression '%(text)s' is FEEL, which is not supported; write Python: %(python)s.":
        ("'%(element)s': lauseke '%(text)s' on FEEL-kieltä, jota ei tueta; kirjoita Pythonilla: %(python)s.",
         "'%(element)s': uttrycket '%(text)s' är FEEL, som inte stöds; skriv Python: %(python)s."),
    "The candidate groups of '%(element)s' ('%(groups)s') are an expression, which would not be evaluated; name "
    "the groups (camunda:candidateGroups=\"ely\") or put the task in the lane of its group.":
        ("Tehtävän '%(element)s' ehdokasryhmät ('%(groups)s') on annettu lausekkeena, jota ei laskettaisi; nimeä "
         "ryhmät (camunda:candidateGroups=\"ely\") tai sijoita tehtävä ryhmänsä kaistalle.",
         "Kandidatgrupperna för '%(element)s' ('%(groups)s') är ett uttryck, som inte skulle utvärderas; ange "
         "grupperna med namn (camunda:candidateGroups=\"ely\") eller placera uppgiften i gruppens bana."),
    "'%(element)s' is a multi-instance activity over BPMN data references, which Palvelupolku does not run; name "
    "the list with camunda:collection=\"items\" and each element with camunda:elementVariable=\"item\" instead.":
        ("'%(element)s' on monikertainen tehtävä, joka käy läpi BPMN-tietoviittauksia, eikä Palvelupolku suorita "
         "sellaista; nimeä luettelo määrityksellä camunda:collection=\"items\" ja kukin alkio määrityksellä "
         "camunda:elementVariable=\"item\".",
         "'%(element)s' är en aktivitet med flera instanser över BPMN-datareferenser, som Palvelupolku inte kör; "
         "ange listan med camunda:collection=\"items\" och varje element med camunda:elementVariable=\"item\" i "
         "stället."),
    "'%(element)s' uses SpiffWorkflow's spiffworkflow:%(name)s, which Palvelupolku does not run; leave it out, or "
    "move the work into a script task.":
        ("'%(element)s' käyttää SpiffWorkflow'n määritystä spiffworkflow:%(name)s, jota Palvelupolku ei suorita; "
         "jätä se pois tai siirrä työ skriptitehtävään.",
         "'%(element)s' använder SpiffWorkflows spiffworkflow:%(name)s, som Palvelupolku inte kör; lämna bort det "
         "eller flytta arbetet till en skriptuppgift."),
    "'%(element)s' has input/output mappings or pre/post-scripts, which run only on tasks, subprocesses and call "
    "activities; move them into a script task before or after it.":
        ("Elementillä '%(element)s' on syöte- tai tulosmäärityksiä tai esi- tai jälkiskriptejä, jotka suoritetaan "
         "vain tehtävissä, aliprosesseissa ja kutsutehtävissä; siirrä ne skriptitehtävään ennen elementtiä tai sen "
         "jälkeen.",
         "'%(element)s' har in- eller utdatamappningar eller för- eller efterskript, som bara körs i uppgifter, "
         "delprocesser och anropsaktiviteter; flytta dem till en skriptuppgift före eller efter elementet."),
    "The input/output mappings or pre/post-scripts of '%(element)s' are refused: %(detail)s":
        ("Elementin '%(element)s' syöte- tai tulosmäärityksiä tai esi- tai jälkiskriptejä ei hyväksytä: %(detail)s",
         "In- eller utdatamappningarna eller för- eller efterskripten i '%(element)s' godtas inte: %(detail)s"),
    "A mapping of '%(element)s' cannot become task data: '%(name)s' is not a Python name (like amount).":
        ("Elementin '%(element)s' määritystä ei voi tallentaa tehtävän tietoihin: '%(name)s' ei ole kelvollinen "
         "Python-nimi (kuten summa).",
         "En mappning i '%(element)s' kan inte bli uppgiftsdata: '%(name)s' är inte ett Python-namn (som summa)."),
    # validator problems (engine/runtime/bpmn)
    "'%(element)s': the expression '%(text)s' is refused: %(detail)s":
        ("'%(element)s': lauseketta '%(text)s' ei hyväksytä: %(detail)s",
         "'%(element)s': uttrycket '%(text)s' godtas inte: %(detail)s"),
    "'%(element)s' calls processes nested too deeply to follow its paths to the aftercare task; flatten the chain "
    "of call activities.":
        ("'%(element)s' kutsuu prosesseja niin monta tasoa sisäkkäin, ettei sen polkuja jälkihoitotehtävään voi "
         "seurata; madalla kutsutehtävien ketjua.",
         "'%(element)s' anropar processer i så många nivåer att dess vägar till uppföljningsuppgiften inte kan "
         "följas; gör kedjan av anropsaktiviteter kortare."),
    "No branch of the needs-reassessment gateway '%(gateway)s' other than the default ends in a message end event "
    "sending '%(sent)s'; add one so that new needs start a service needs assessment.":
        ("Mikään palvelutarpeen uudelleenarvioinnin haarautuman '%(gateway)s' haara oletushaaran lisäksi ei pääty "
         "viestilliseen lopetustapahtumaan, joka lähettää viestin '%(sent)s'; lisää sellainen, jotta uudet "
         "tarpeet käynnistävät palvelutarpeen arvioinnin.",
         "Ingen annan gren än standardgrenen från förgreningen för ny bedömning av servicebehovet '%(gateway)s' "
         "slutar i en sluthändelse som skickar meddelandet '%(sent)s'; lägg till en, så att nya behov startar "
         "en bedömning av servicebehovet."),
    "The id '%(id)s' of '%(element)s' is also a process or subprocess id in %(file)s; process and subprocess ids "
    "must be unique across all deployed files.":
        ("Elementin '%(element)s' tunnus '%(id)s' on myös prosessin tai aliprosessin tunnus tiedostossa %(file)s; "
         "prosessien ja aliprosessien tunnusten on oltava yksilöllisiä kaikissa käytössä olevissa tiedostoissa.",
         "Id:t '%(id)s' för '%(element)s' är också id för en process eller delprocess i %(file)s; id:n för "
         "processer och delprocesser måste vara unika i alla filer som är i bruk."),
    "'%(element)s' makes a recursive call (%(chain)s), which would expand without end, so a process may not call "
    "itself.":
        ("'%(element)s' kutsuu prosessia rekursiivisesti (%(chain)s), jolloin kutsut laajenisivat loputtomiin; "
         "prosessi ei saa kutsua itseään.",
         "'%(element)s' gör ett rekursivt anrop (%(chain)s), som skulle expandera utan slut; en process får inte "
         "anropa sig själv."),
    "SpiffWorkflow, which runs the processes, cannot read the model: %(detail)s":
        ("Prosesseja suorittava SpiffWorkflow ei pysty lukemaan mallia: %(detail)s",
         "SpiffWorkflow, som kör processerna, kan inte läsa modellen: %(detail)s"),
    # validator problems (engine/runtime/bpmn)
    "No executable process: none of %(processes)s is marked executable; mark the process executable (in Camunda "
    "Modeler: the 'Executable' checkbox) so that Palvelupolku can run it.":
        ("Ei suoritettavaa prosessia: prosessia %(processes)s ei ole merkitty suoritettavaksi; merkitse prosessi "
         "suoritettavaksi (Camunda Modelerissa valintaruutu 'Executable'), jotta Palvelupolku voi suorittaa sen.",
         "Ingen körbar process: %(processes)s är inte markerad som körbar; markera processen som körbar (i Camunda "
         "Modeler: kryssrutan 'Executable') så att Palvelupolku kan köra den."),
    "This DMN file holds no decision; add a decision table or leave the file out.":
        ("Tässä DMN-tiedostossa ei ole yhtään päätöstä; lisää päätöstaulu tai jätä tiedosto pois.",
         "Den här DMN-filen innehåller inget beslut; lägg till en beslutstabell eller lämna bort filen."),
    "The DMN decision '%(decision)s' has no id; a business rule task names a decision by its id "
    "(camunda:decisionRef).":
        ("DMN-päätöksellä '%(decision)s' ei ole tunnusta; liiketoimintasääntötehtävä viittaa päätökseen sen "
         "tunnuksella (camunda:decisionRef).",
         "DMN-beslutet '%(decision)s' har inget id; en affärsregeluppgift hänvisar till ett beslut med dess id "
         "(camunda:decisionRef)."),
    "The DMN decision '%(decision)s' is not a decision table; Palvelupolku evaluates only decision tables.":
        ("DMN-päätös '%(decision)s' ei ole päätöstaulu; Palvelupolku laskee vain päätöstauluja.",
         "DMN-beslutet '%(decision)s' är ingen beslutstabell; Palvelupolku utvärderar bara beslutstabeller."),
    "The element on line %(line)s has the id '%(id)s', which is not a valid BPMN id; ids are XML names, without "
    "spaces or colons.":
        ("Rivin %(line)s elementin tunnus '%(id)s' ei kelpaa BPMN-tunnukseksi; tunnukset ovat XML-nimiä ilman "
         "välilyöntejä ja kaksoispisteitä.",
         "Elementet på rad %(line)s har id:t '%(id)s', som inte är ett giltigt BPMN-id; id:n är XML-namn utan "
         "mellanslag och kolon."),
    "The definition on line %(line)s has no id, and SpiffWorkflow refuses a definition without an id; give it one.":
        ("Rivin %(line)s määrityksellä ei ole tunnusta, eikä SpiffWorkflow hyväksy määritystä ilman tunnusta; anna "
         "sille tunnus.",
         "Definitionen på rad %(line)s har inget id, och SpiffWorkflow godtar ingen definition utan id; ge den "
         "ett."),
    "'%(element)s' cannot be used: Palvelupolku has no data store implementation, so the whole file would be "
    "refused; keep the data in task data instead.":
        ("Elementtiä '%(element)s' ei voi käyttää: Palvelupolussa ei ole tietovarastojen toteutusta, joten koko "
         "tiedosto hylättäisiin; säilytä tiedot sen sijaan tehtävän tiedoissa.",
         "'%(element)s' kan inte användas: Palvelupolku har ingen implementation för datalager, så hela filen "
         "skulle avvisas; förvara uppgifterna i uppgiftens data i stället."),
    "The correlation on line %(line)s picks messages by their data, which Palvelupolku does not do: a message "
    "reaches the waiting instance of the customer it is sent for, by its name. Remove the correlation and send the "
    "message for the right customer.":
        ("Rivin %(line)s korrelaatio valitsee viestit niiden tietojen perusteella, mitä Palvelupolku ei tee: "
         "viesti saapuu nimensä perusteella sen asiakkaan odottavalle palvelupolulle, jolle se lähetetään. Poista "
         "korrelaatio ja lähetä viesti oikealle asiakkaalle.",
         "Korrelationen på rad %(line)s väljer meddelanden efter deras data, vilket Palvelupolku inte gör: ett "
         "meddelande når den väntande servicestigen för den kund det skickas för, med sitt namn. Ta bort "
         "korrelationen och skicka meddelandet för rätt kund."),
    "The lane '%(lane)s' lists '%(target)s', which is not an element of '%(container)s'; remove it from the lane.":
        ("Kaista '%(lane)s' sisältää kohteen '%(target)s', joka ei ole prosessin '%(container)s' elementti; poista "
         "se kaistalta.",
         "Banan '%(lane)s' tar upp '%(target)s', som inte är ett element i '%(container)s'; ta bort det från banan."),
    "The instructions of '%(element)s': %(detail)s":
        ("Tehtävän '%(element)s' ohjeet: %(detail)s",
         "Instruktionerna för '%(element)s': %(detail)s"),
    "'%(element)s' has a Camunda listener; Palvelupolku does not run listeners, so its work would be skipped; move "
    "it into a script task.":
        ("Elementillä '%(element)s' on Camundan kuuntelija (listener); Palvelupolku ei suorita kuuntelijoita, "
         "joten sen työ jäisi tekemättä; siirrä se skriptitehtävään.",
         "'%(element)s' har en Camunda-lyssnare (listener); Palvelupolku kör inte lyssnare, så dess arbete skulle "
         "hoppas över; flytta det till en skriptuppgift."),
    "'%(element)s' asks for an asynchronous continuation (camunda:%(attribute)s); Palvelupolku runs each step in "
    "the transaction of the step before it, so remove the setting.":
        ("'%(element)s' pyytää asynkronista jatkoa (camunda:%(attribute)s); Palvelupolku suorittaa jokaisen "
         "vaiheen edellisen vaiheen transaktiossa, joten poista asetus.",
         "'%(element)s' begär asynkron fortsättning (camunda:%(attribute)s); Palvelupolku kör varje steg i "
         "föregående stegs transaktion, så ta bort inställningen."),
    "'%(element)s' has camunda:failedJobRetryTimeCycle; Palvelupolku retries failed timers on its own schedule and "
    "does not take this setting, so remove it.":
        ("Elementillä '%(element)s' on camunda:failedJobRetryTimeCycle; Palvelupolku yrittää epäonnistuneita "
         "ajastimia uudelleen omalla aikataulullaan eikä käytä tätä asetusta, joten poista se.",
         "'%(element)s' har camunda:failedJobRetryTimeCycle; Palvelupolku försöker misslyckade timrar på nytt "
         "enligt sitt eget schema och använder inte den här inställningen, så ta bort den."),
    "The sequence flow on line %(line)s has no id; it would be silently dropped, so give it one.":
        ("Rivin %(line)s sarjavuolla ei ole tunnusta; se jätettäisiin huomaamatta pois, joten anna sille tunnus.",
         "Sekvensflödet på rad %(line)s har inget id; det skulle tyst hoppas över, så ge det ett."),
    "The element on line %(line)s has no id, so the process cannot reach it; give it one.":
        ("Rivin %(line)s elementillä ei ole tunnusta, joten prosessi ei voi edetä siihen; anna sille tunnus.",
         "Elementet på rad %(line)s har inget id, så processen kan inte nå det; ge det ett."),
    "The sequence flow '%(element)s' refers to '%(ref)s', which is not an element it can connect to (none in this "
    "file, or across a subprocess border).":
        ("Sarjavuo '%(element)s' viittaa kohteeseen '%(ref)s', johon se ei voi liittyä (sitä ei ole tässä "
         "tiedostossa, tai se on aliprosessin rajan toisella puolella).",
         "Sekvensflödet '%(element)s' hänvisar till '%(ref)s', som det inte kan kopplas till (det finns inte i den "
         "här filen, eller på andra sidan en delprocessgräns)."),
    "The id '%(id)s' of '%(element)s' clashes with SpiffWorkflow's internal task names; rename the element.":
        ("Elementin '%(element)s' tunnus '%(id)s' on sama kuin SpiffWorkflow'n sisäinen tehtävänimi; nimeä "
         "elementti uudelleen.",
         "Id:t '%(id)s' för '%(element)s' krockar med SpiffWorkflows interna uppgiftsnamn; byt namn på elementet."),
    "The camunda:%(attribute)s '%(value)s' of '%(element)s' must be the name of a task data variable (a Python "
    "name like items).":
        ("Elementin '%(element)s' camunda:%(attribute)s '%(value)s' on oltava tehtävän tietojen muuttujan nimi "
         "(Python-nimi, kuten kohteet).",
         "camunda:%(attribute)s '%(value)s' i '%(element)s' måste vara namnet på en variabel i uppgiftens data "
         "(ett Python-namn som poster)."),
    "End event '%(end)s' can be reached from start event '%(start)s' without passing the aftercare task %(tasks)s; "
    "route every path through the aftercare call before the process ends.":
        ("Lopetustapahtumaan '%(end)s' pääsee aloitustapahtumasta '%(start)s' kulkematta jälkihoitotehtävän "
         "%(tasks)s kautta; ohjaa jokainen polku jälkihoitosoiton kautta ennen prosessin päättymistä.",
         "Sluthändelsen '%(end)s' kan nås från starthändelsen '%(start)s' utan att passera uppföljningsuppgiften "
         "%(tasks)s; led varje väg genom uppföljningssamtalet innan processen slutar."),
    "End event '%(end)s' can be reached from start event '%(start)s' through boundary event '%(via)s' without "
    "passing the aftercare task %(tasks)s; route every path through the aftercare call before the process ends.":
        ("Lopetustapahtumaan '%(end)s' pääsee aloitustapahtumasta '%(start)s' reunatapahtuman '%(via)s' kautta "
         "kulkematta jälkihoitotehtävän %(tasks)s kautta; ohjaa jokainen polku jälkihoitosoiton kautta ennen "
         "prosessin päättymistä.",
         "Sluthändelsen '%(end)s' kan nås från starthändelsen '%(start)s' via gränshändelsen '%(via)s' utan att "
         "passera uppföljningsuppgiften %(tasks)s; led varje väg genom uppföljningssamtalet innan processen "
         "slutar."),
    "'%(end)s' has no outgoing sequence flow, so the process ends there, and it can be reached from start event "
    "'%(start)s' without passing the aftercare task %(tasks)s; route every path through the aftercare call before "
    "the process ends.":
        ("Elementistä '%(end)s' ei lähde sarjavuota, joten prosessi päättyy siihen, ja siihen pääsee "
         "aloitustapahtumasta '%(start)s' kulkematta jälkihoitotehtävän %(tasks)s kautta; ohjaa jokainen polku "
         "jälkihoitosoiton kautta ennen prosessin päättymistä.",
         "Från '%(end)s' går inget sekvensflöde, så processen slutar där, och den kan nås från starthändelsen "
         "'%(start)s' utan att passera uppföljningsuppgiften %(tasks)s; led varje väg genom uppföljningssamtalet "
         "innan processen slutar."),
    "'%(end)s' has no outgoing sequence flow, so the process ends there, and it can be reached from start event "
    "'%(start)s' through boundary event '%(via)s' without passing the aftercare task %(tasks)s; route every path "
    "through the aftercare call before the process ends.":
        ("Elementistä '%(end)s' ei lähde sarjavuota, joten prosessi päättyy siihen, ja siihen pääsee "
         "aloitustapahtumasta '%(start)s' reunatapahtuman '%(via)s' kautta kulkematta jälkihoitotehtävän %(tasks)s "
         "kautta; ohjaa jokainen polku jälkihoitosoiton kautta ennen prosessin päättymistä.",
         "Från '%(end)s' går inget sekvensflöde, så processen slutar där, och den kan nås från starthändelsen "
         "'%(start)s' via gränshändelsen '%(via)s' utan att passera uppföljningsuppgiften %(tasks)s; led varje väg "
         "genom uppföljningssamtalet innan processen slutar."),
    "The file does not exist.":
        ("Tiedostoa ei ole.",
         "Filen finns inte."),
    "This is not a regular file.":
        ("Tämä ei ole tavallinen tiedosto.",
         "Det här är ingen vanlig fil."),
    "The file is %(size)s MB; BPMN files may be at most %(max)s MB.":
        ("Tiedosto on %(size)s Mt; BPMN-tiedosto saa olla enintään %(max)s Mt.",
         "Filen är %(size)s MB; en BPMN-fil får vara högst %(max)s MB."),
    "The file cannot be read (%(detail)s).":
        ("Tiedostoa ei voi lukea (%(detail)s).",
         "Filen kan inte läsas (%(detail)s)."),
    "The file cannot be read as BPMN: %(detail)s":
        ("Tiedostoa ei voi lukea BPMN-mallina: %(detail)s",
         "Filen kan inte läsas som BPMN: %(detail)s"),
    # scripts and expressions refused before they run
    "The expression is not allowed: it %(clause)s.":
        ("Lauseketta ei sallita: se %(clause)s.", "Uttrycket tillåts inte: det %(clause)s."),
    "Line %(line)s of the script is not allowed: it %(clause)s.":
        ("Skriptin riviä %(line)s ei sallita: se %(clause)s.", "Rad %(line)s i skriptet tillåts inte: den %(clause)s."),
    # ... and why: the clause after "it" / "se" / "det"
    "imports a module, which is not allowed; now(), today(), date, datetime, timedelta and timezone are available "
    "without an import":
        ("tuo moduulin (import), mikä ei ole sallittua; now(), today(), date, datetime, timedelta ja timezone ovat "
         "käytettävissä ilman importia",
         "importerar en modul, vilket inte är tillåtet; now(), today(), date, datetime, timedelta och timezone finns "
         "utan import"),
    "uses `async` or `await`, which is not allowed":
        ("käyttää sanaa `async` tai `await`, mikä ei ole sallittua",
         "använder `async` eller `await`, vilket inte är tillåtet"),
    "uses `yield`, which is not allowed; build a list instead":
        ("käyttää sanaa `yield`, mikä ei ole sallittua; kokoa sen sijaan lista",
         "använder `yield`, vilket inte är tillåtet; bygg en lista i stället"),
    "uses `global`, which is not allowed; a plain assignment already stores a value in the task data":
        ("käyttää sanaa `global`, mikä ei ole sallittua; tavallinen sijoitus tallentaa arvon jo tehtävän tietoihin",
         "använder `global`, vilket inte är tillåtet; en vanlig tilldelning sparar redan värdet i uppgiftens data"),
    "uses `nonlocal`, which is not allowed":
        ("käyttää sanaa `nonlocal`, mikä ei ole sallittua", "använder `nonlocal`, vilket inte är tillåtet"),
    "defines a class, which is not allowed; use a dictionary for structured data":
        ("määrittelee luokan, mikä ei ole sallittua; käytä jäsenneltyyn tietoon sanakirjaa (dictionary)",
         "definierar en klass, vilket inte är tillåtet; använd en ordbok (dictionary) för strukturerade data"),
    "uses `with`, which is not allowed":
        ("käyttää sanaa `with`, mikä ei ole sallittua", "använder `with`, vilket inte är tillåtet"),
    "uses `match`, which is not allowed; use if and elif instead":
        ("käyttää sanaa `match`, mikä ei ole sallittua; käytä sen sijaan if- ja elif-ehtoja",
         "använder `match`, vilket inte är tillåtet; använd if och elif i stället"),
    "uses `except*`, which is not allowed":
        ("käyttää muotoa `except*`, mikä ei ole sallittua", "använder `except*`, vilket inte är tillåtet"),
    "uses a type annotation, which is not allowed; write a plain assignment such as `x = 1`":
        ("käyttää tyyppimerkintää, mikä ei ole sallittua; kirjoita tavallinen sijoitus, kuten `x = 1`",
         "använder en typannotering, vilket inte är tillåtet; skriv en vanlig tilldelning som `x = 1`"),
    "uses Python syntax that is not allowed here (%(syntax)s)":
        ("käyttää Pythonin rakennetta, joka ei ole tässä sallittu (%(syntax)s)",
         "använder Python-syntax som inte är tillåten här (%(syntax)s)"),
    "uses `%(name)s`; names starting with an underscore are not allowed":
        ("käyttää nimeä `%(name)s`; alaviivalla alkavat nimet eivät ole sallittuja",
         "använder `%(name)s`; namn som börjar med understreck är inte tillåtna"),
    "uses `.%(attribute)s`; attribute names starting with an underscore are not allowed":
        ("käyttää määrettä `.%(attribute)s`; alaviivalla alkavat määreet eivät ole sallittuja",
         "använder `.%(attribute)s`; attributnamn som börjar med understreck är inte tillåtna"),
    'calls `.%(attribute)s`, which is not allowed; use an f-string such as f"{name}" instead':
        ('kutsuu metodia `.%(attribute)s`, mikä ei ole sallittua; käytä sen sijaan f-merkkijonoa, kuten f"{name}"',
         'anropar `.%(attribute)s`, vilket inte är tillåtet; använd en f-sträng som f"{name}" i stället'),
    "uses `.%(attribute)s`, which is not allowed":
        ("käyttää määrettä `.%(attribute)s`, mikä ei ole sallittua",
         "använder `.%(attribute)s`, vilket inte är tillåtet"),
    "sets the attribute `.%(attribute)s`, which is not allowed; keep values in the task data":
        ("asettaa määreen `.%(attribute)s`, mikä ei ole sallittua; pidä arvot tehtävän tiedoissa",
         "sätter attributet `.%(attribute)s`, vilket inte är tillåtet; håll värdena i uppgiftens data"),
    "uses `finally`, which is not allowed":
        ("käyttää sanaa `finally`, mikä ei ole sallittua", "använder `finally`, vilket inte är tillåtet"),
    "computes the error type of an `except`, which is not allowed; use names such as `ValueError`":
        ("laskee `except`-lohkon virhetyypin, mikä ei ole sallittua; käytä nimiä, kuten `ValueError`",
         "räknar ut feltypen i en `except`, vilket inte är tillåtet; använd namn som `ValueError`"),
    "The expression `%(text)s` is written in JUEL, Camunda's expression language, but Palvelupolku expressions are "
    "Python over task data, e.g. `%(example)s`.":
        ("Lauseke `%(text)s` on kirjoitettu JUEL-kielellä, jota Camunda käyttää, mutta Palvelupolun lausekkeet "
         "kirjoitetaan Pythonilla tehtävän tiedoista, esimerkiksi `%(example)s`.",
         "Uttrycket `%(text)s` är skrivet i JUEL, Camundas uttrycksspråk, men uttryck i Palvelupolku skrivs i "
         "Python med uppgiftens data, till exempel `%(example)s`."),
    "The script `%(text)s` is written in JUEL, Camunda's expression language, but Palvelupolku scripts are Python "
    "over task data, e.g. `%(example)s`.":
        ("Skripti `%(text)s` on kirjoitettu JUEL-kielellä, jota Camunda käyttää, mutta Palvelupolun skriptit "
         "kirjoitetaan Pythonilla tehtävän tiedoista, esimerkiksi `%(example)s`.",
         "Skriptet `%(text)s` är skrivet i JUEL, Camundas uttrycksspråk, men skript i Palvelupolku skrivs i "
         "Python med uppgiftens data, till exempel `%(example)s`."),
    "The expression has a syntax error at line %(line)s, column %(column)s (Python says: %(detail)s)":
        ("Lausekkeessa on kielioppivirhe rivillä %(line)s, sarakkeessa %(column)s (Pythonin ilmoitus: %(detail)s)",
         "Uttrycket har ett syntaxfel på rad %(line)s, kolumn %(column)s (Python säger: %(detail)s)"),
    "The script has a syntax error at line %(line)s, column %(column)s (Python says: %(detail)s)":
        ("Skriptissä on kielioppivirhe rivillä %(line)s, sarakkeessa %(column)s (Pythonin ilmoitus: %(detail)s)",
         "Skriptet har ett syntaxfel på rad %(line)s, kolumn %(column)s (Python säger: %(detail)s)"),
    "The expression cannot be read as Python (Python says: %(detail)s)":
        ("Lauseketta ei voi lukea Python-koodina (Pythonin ilmoitus: %(detail)s)",
         "Uttrycket kan inte läsas som Python (Python säger: %(detail)s)"),
    "The script cannot be read as Python (Python says: %(detail)s)":
        ("Skriptiä ei voi lukea Python-koodina (Pythonin ilmoitus: %(detail)s)",
         "Skriptet kan inte läsas som Python (Python säger: %(detail)s)"),
    # what instance data may hold (engine/runtime/datalimits.py)
    "The data must be an object of named values.":
        ("Tietojen on oltava nimettyjen arvojen joukko (objekti).",
         "Uppgifterna måste vara ett objekt med namngivna värden."),
    "The data is nested more than %(max)s levels deep (at `%(path)s`); flatten it.":
        ("Tiedot ovat sisäkkäin yli %(max)s tasoa syvältä (kohdassa `%(path)s`); madalla rakennetta.",
         "Uppgifterna är kapslade i mer än %(max)s nivåer (vid `%(path)s`); gör strukturen plattare."),
    "The value `%(path)s` is %(value)s, which is not a number that can be stored; store a finite number or None.":
        ("Arvo `%(path)s` on %(value)s, jota ei voi tallentaa lukuna; tallenna äärellinen luku tai None.",
         "Värdet `%(path)s` är %(value)s, som inte kan sparas som tal; spara ett ändligt tal eller None."),
    "The value `%(path)s` is a whole number of more than %(max)s digits; store it as text.":
        ("Arvo `%(path)s` on kokonaisluku, jossa on yli %(max)s numeroa; tallenna se tekstinä.",
         "Värdet `%(path)s` är ett heltal med mer än %(max)s siffror; spara det som text."),
    "The data has the key %(key)s, which is not text; keys must be text.":
        ("Tiedoissa on avain %(key)s, joka ei ole tekstiä; avainten on oltava tekstiä.",
         "Uppgifterna har nyckeln %(key)s, som inte är text; nycklar måste vara text."),
    "The value `%(path)s` holds a %(kind)s, which cannot be stored; keep only text, numbers, truth values, dates, "
    "lists and dictionaries.":
        ("Arvossa `%(path)s` on %(kind)s, jota ei voi tallentaa; tallenna vain tekstiä, lukuja, totuusarvoja, "
         "päivämääriä, luetteloita ja sanakirjoja.",
         "Värdet `%(path)s` innehåller en %(kind)s, som inte kan sparas; spara bara text, tal, sanningsvärden, "
         "datum, listor och ordlistor."),
    "The data is larger than %(max)s characters; keep large documents outside the process.":
        ("Tiedot ovat yli %(max)s merkin kokoiset; säilytä suuret asiakirjat prosessin ulkopuolella.",
         "Uppgifterna är större än %(max)s tecken; förvara stora dokument utanför processen."),
    # scripts and expressions stopped by their limits
    "Line %(line)s of the script (`%(text)s`) ran for more than %(seconds)s seconds and was stopped; check its loops.":
        ("Skriptin rivin %(line)s (`%(text)s`) suoritus kesti yli %(seconds)s sekuntia, joten se keskeytettiin; "
         "tarkista sen silmukat.",
         "Rad %(line)s i skriptet (`%(text)s`) körde i mer än %(seconds)s sekunder och avbröts; kontrollera dess "
         "loopar."),
    "The expression `%(expression)s` ran for more than %(seconds)s seconds and was stopped; check its loops.":
        ("Lausekkeen `%(expression)s` laskeminen kesti yli %(seconds)s sekuntia, joten se keskeytettiin; tarkista "
         "sen silmukat.",
         "Uttrycket `%(expression)s` beräknades i mer än %(seconds)s sekunder och avbröts; kontrollera dess "
         "loopar."),
    "The script ran for more than %(seconds)s seconds and was stopped; check its loops.":
        ("Skriptin suoritus kesti yli %(seconds)s sekuntia, joten se keskeytettiin; tarkista sen silmukat.",
         "Skriptet körde i mer än %(seconds)s sekunder och avbröts; kontrollera dess loopar."),
    "Line %(line)s of the script (`%(text)s`) used more than %(megabytes)s MB of memory and was stopped.":
        ("Skriptin rivi %(line)s (`%(text)s`) käytti muistia yli %(megabytes)s Mt, joten se keskeytettiin.",
         "Rad %(line)s i skriptet (`%(text)s`) använde mer än %(megabytes)s MB minne och avbröts."),
    "The expression `%(expression)s` used more than %(megabytes)s MB of memory and was stopped.":
        ("Lauseke `%(expression)s` käytti muistia yli %(megabytes)s Mt, joten se keskeytettiin.",
         "Uttrycket `%(expression)s` använde mer än %(megabytes)s MB minne och avbröts."),
    "The script used more than %(megabytes)s MB of memory and was stopped.":
        ("Skripti käytti muistia yli %(megabytes)s Mt, joten se keskeytettiin.",
         "Skriptet använde mer än %(megabytes)s MB minne och avbröts."),
    "Element %(element)s: Line %(line)s of the script (`%(text)s`) ran for more than %(seconds)s seconds and was "
    "stopped; check its loops.":
        ("Vaihe %(element)s: skriptin rivin %(line)s (`%(text)s`) suoritus kesti yli %(seconds)s sekuntia, joten se "
         "keskeytettiin; tarkista sen silmukat.",
         "Steg %(element)s: rad %(line)s i skriptet (`%(text)s`) körde i mer än %(seconds)s sekunder och avbröts; "
         "kontrollera dess loopar."),
    "Element %(element)s: The expression `%(expression)s` ran for more than %(seconds)s seconds and was stopped; "
    "check its loops.":
        ("Vaihe %(element)s: lausekkeen `%(expression)s` laskeminen kesti yli %(seconds)s sekuntia, joten se "
         "keskeytettiin; tarkista sen silmukat.",
         "Steg %(element)s: uttrycket `%(expression)s` beräknades i mer än %(seconds)s sekunder och avbröts; "
         "kontrollera dess loopar."),
    "Element %(element)s: The script ran for more than %(seconds)s seconds and was stopped; check its loops.":
        ("Vaihe %(element)s: skriptin suoritus kesti yli %(seconds)s sekuntia, joten se keskeytettiin; tarkista "
         "sen silmukat.",
         "Steg %(element)s: skriptet körde i mer än %(seconds)s sekunder och avbröts; kontrollera dess loopar."),
    "Element %(element)s: Line %(line)s of the script (`%(text)s`) used more than %(megabytes)s MB of memory and "
    "was stopped.":
        ("Vaihe %(element)s: skriptin rivi %(line)s (`%(text)s`) käytti muistia yli %(megabytes)s Mt, joten se "
         "keskeytettiin.",
         "Steg %(element)s: rad %(line)s i skriptet (`%(text)s`) använde mer än %(megabytes)s MB minne och "
         "avbröts."),
    "Element %(element)s: The expression `%(expression)s` used more than %(megabytes)s MB of memory and was "
    "stopped.":
        ("Vaihe %(element)s: lauseke `%(expression)s` käytti muistia yli %(megabytes)s Mt, joten se keskeytettiin.",
         "Steg %(element)s: uttrycket `%(expression)s` använde mer än %(megabytes)s MB minne och avbröts."),
    "Element %(element)s: The script used more than %(megabytes)s MB of memory and was stopped.":
        ("Vaihe %(element)s: skripti käytti muistia yli %(megabytes)s Mt, joten se keskeytettiin.",
         "Steg %(element)s: skriptet använde mer än %(megabytes)s MB minne och avbröts."),
    "Element %(element)s: The expression `%(expression)s` ran for more than %(seconds)s seconds and was stopped; "
    "check its loops and the size of the values it sorts, compares or converts.":
        ("Vaihe %(element)s: lausekkeen `%(expression)s` laskeminen kesti yli %(seconds)s sekuntia, joten se "
         "keskeytettiin; tarkista sen silmukat ja lajiteltavien, verrattavien tai muunnettavien arvojen koko.",
         "Steg %(element)s: uttrycket `%(expression)s` beräknades i mer än %(seconds)s sekunder och avbröts; "
         "kontrollera dess loopar och storleken på de värden det sorterar, jämför eller konverterar."),
    "Element %(element)s: The script ran for more than %(seconds)s seconds and was stopped; check its loops and "
    "the size of the values it sorts, compares or converts.":
        ("Vaihe %(element)s: skriptin suoritus kesti yli %(seconds)s sekuntia, joten se keskeytettiin; tarkista "
         "sen silmukat ja lajiteltavien, verrattavien tai muunnettavien arvojen koko.",
         "Steg %(element)s: skriptet körde i mer än %(seconds)s sekunder och avbröts; kontrollera dess loopar och "
         "storleken på de värden det sorterar, jämför eller konverterar."),
    "Element %(element)s: The expression `%(expression)s` was stopped: it needed more memory or time than it may "
    "use.":
        ("Vaihe %(element)s: lausekkeen `%(expression)s` laskeminen keskeytettiin, koska se tarvitsi enemmän "
         "muistia tai aikaa kuin sille on sallittu.",
         "Steg %(element)s: uttrycket `%(expression)s` avbröts eftersom det behövde mer minne eller tid än det "
         "får använda."),
    "Element %(element)s: The script was stopped: it needed more memory or time than it may use.":
        ("Vaihe %(element)s: skriptin suoritus keskeytettiin, koska se tarvitsi enemmän muistia tai aikaa kuin "
         "sille on sallittu.",
         "Steg %(element)s: skriptet avbröts eftersom det behövde mer minne eller tid än det får använda."),
    "The process ran more than %(steps)s steps without waiting for a person, a timer or a message; it probably "
    "loops without end. Fix the model and retry.":
        ("Prosessi eteni yli %(steps)s vaihetta odottamatta ihmistä, ajastinta tai viestiä; se on luultavasti "
         "jäänyt kiertämään silmukkaa. Korjaa malli ja yritä uudelleen.",
         "Processen gick över %(steps)s steg utan att vänta på en person, en timer eller ett meddelande; den går "
         "troligen i en oändlig loop. Rätta modellen och försök på nytt."),
    "The instance's stored state has grown past %(limit)s characters (%(size)s); the process probably loops "
    "without end through a timer or a message. Fix the model, then cancel the instance.":
        ("Palvelupolun tallennettu tila on kasvanut yli %(limit)s merkin (%(size)s); prosessi kiertää luultavasti "
         "loputonta silmukkaa ajastimen tai viestin kautta. Korjaa malli ja peruuta sitten palvelupolku.",
         "Servicestigens sparade tillstånd har vuxit över %(limit)s tecken (%(size)s); processen går troligen i en "
         "oändlig loop via en timer eller ett meddelande. Rätta modellen och avbryt sedan servicestigen."),
    "%(user)s cannot take task '%(task)s': it belongs to the group %(group)s, which they are not in. Hand it to a "
    "member of the group, or ask a manager.":
        ("%(user)s ei voi ottaa tehtävää '%(task)s': se kuuluu ryhmälle %(group)s, johon hän ei kuulu. Anna "
         "tehtävä ryhmän jäsenelle tai pyydä esimiestä siirtämään se.",
         "%(user)s kan inte ta uppgiften '%(task)s': den hör till gruppen %(group)s, som hen inte hör till. Ge "
         "uppgiften till en medlem i gruppen eller be en chef överlämna den."),
    "The expression is empty.":
        ("Lauseke on tyhjä.",
         "Uttrycket är tomt."),
    "The script or expression is nested too deeply to read; split it into smaller steps.":
        ("Skripti tai lauseke on liian syvälle sisäkkäinen luettavaksi; jaa se pienempiin vaiheisiin.",
         "Skriptet eller uttrycket är för djupt nästlat för att kunna läsas; dela upp det i mindre steg."),
    "The task data holds a value that cannot be saved; store text, numbers, true/false, dates, lists or "
    "dictionaries in task data.":
        ("Tehtävän tiedoissa on arvo, jota ei voi tallentaa; tallenna tehtävän tietoihin tekstiä, lukuja, "
         "tosi/epätosi-arvoja, päivämääriä, luetteloita tai sanakirjoja.",
         "Uppgiftens data innehåller ett värde som inte kan sparas; spara text, tal, sant/falskt, datum, listor "
         "eller ordlistor i uppgiftens data."),
    "No demo user is in the group %(group)s of task '%(task)s'.":
        ("Yksikään esittelykäyttäjä ei kuulu tehtävän '%(task)s' ryhmään %(group)s.",
         "Ingen demoanvändare hör till gruppen %(group)s för uppgiften '%(task)s'."),
    "%(file)s is not a usable BPMN file.":
        ("%(file)s ei ole käyttökelpoinen BPMN-tiedosto.",
         "%(file)s är inte en användbar BPMN-fil."),
    # tasks
    "The task %(id)s does not exist.": ("Tehtävää %(id)s ei ole.", "Uppgiften %(id)s finns inte."),
    "Task '%(task)s' is no longer open (%(status)s); reload to see its current state.":
        ("Tehtävä '%(task)s' ei ole enää avoinna (%(status)s); lataa sivu uudelleen nähdäksesi sen tilan.",
         "Uppgiften '%(task)s' är inte längre öppen (%(status)s); ladda om sidan för att se dess läge."),
    "Task '%(task)s' is no longer open (%(status)s: %(user)s); reload to see its current state.":
        ("Tehtävä '%(task)s' ei ole enää avoinna (%(status)s: %(user)s); lataa sivu uudelleen nähdäksesi sen tilan.",
         "Uppgiften '%(task)s' är inte längre öppen (%(status)s: %(user)s); ladda om sidan för att se dess läge."),
    "Task '%(task)s' is already being worked on by %(user)s.":
        ("Tehtävä '%(task)s' on jo henkilön %(user)s työn alla.", "Uppgiften '%(task)s' behandlas redan av %(user)s."),
    "%(user)s is not in the group %(group)s of task '%(task)s'.":
        ("%(user)s ei kuulu tehtävän '%(task)s' ryhmään %(group)s.",
         "%(user)s hör inte till gruppen %(group)s för uppgiften '%(task)s'."),
    "Task '%(task)s' was taken or completed by someone else just now; reload.":
        ("Joku muu otti tehtävän '%(task)s' työn alle tai teki sen juuri; lataa sivu uudelleen.",
         "Någon annan tog just uppgiften '%(task)s' eller slutförde den; ladda om sidan."),
    "Only the person working on task '%(task)s' can give it back.":
        ("Vain tehtävää '%(task)s' työstävä henkilö voi palauttaa sen.",
         "Endast den som behandlar uppgiften '%(task)s' kan lämna tillbaka den."),
    "Task '%(task)s' belongs to the responsible expert and has no group to return to.":
        ("Tehtävä '%(task)s' kuuluu vastuuasiantuntijalle, eikä sillä ole ryhmää, jolle sen voisi palauttaa.",
         "Uppgiften '%(task)s' hör till den ansvariga sakkunniga och har ingen grupp att lämnas tillbaka till."),
    "Only the person working on task '%(task)s' or a manager can hand it over.":
        ("Vain tehtävää '%(task)s' työstävä henkilö tai esimies voi siirtää sen.",
         "Endast den som behandlar uppgiften '%(task)s' eller en chef kan överlämna den."),
    "Write a note that the customer was told who takes over.":
        ("Kirjoita merkintä siitä, että asiakkaalle kerrottiin, kuka jatkaa.",
         "Skriv en anteckning om att kunden fick veta vem som tar över."),
    "Task '%(task)s' belongs to %(owner)s, not to you.":
        ("Tehtävä '%(task)s' kuuluu henkilölle %(owner)s, ei sinulle.",
         "Uppgiften '%(task)s' hör till %(owner)s, inte till dig."),
    "Instance %(instance)s changed since you loaded it; reload the task and try again.":
        ("Palvelupolkua %(instance)s on muutettu sivun avaamisen jälkeen; avaa tehtävä uudelleen ja yritä uudelleen.",
         "Servicestigen %(instance)s har ändrats sedan du öppnade sidan; öppna uppgiften på nytt och försök igen."),
    "Task '%(task)s' is no longer waiting for input; reload.":
        ("Tehtävä '%(task)s' ei enää odota tietoja; lataa sivu uudelleen.",
         "Uppgiften '%(task)s' väntar inte längre på uppgifter; ladda om sidan."),
    "The form data must be an object of field values.":
        ("Lomakkeen tietojen on oltava kenttien arvoja.", "Blankettens uppgifter ska vara fältvärden."),
    "Task '%(task)s' cannot be completed: a value the process needs is missing. Submit it with the task, or ask "
    "the process owner to fix the model.":
        ("Tehtävää '%(task)s' ei voi merkitä valmiiksi: prosessin tarvitsema tieto puuttuu. Anna se tehtävän "
         "mukana tai pyydä prosessin omistajaa korjaamaan malli.",
         "Uppgiften '%(task)s' kan inte slutföras: en uppgift som processen behöver saknas. Lämna den med "
         "uppgiften eller be processens ägare rätta modellen."),
    "You may not see instance %(instance)s: it is neither yours nor your group's.":
        ("Et voi nähdä palvelupolkua %(instance)s: se ei ole sinun eikä ryhmäsi.",
         "Du kan inte se servicestigen %(instance)s: den är varken din eller din grupps."),
    "You may not see task '%(task)s': it is neither yours nor your group's.":
        ("Et voi nähdä tehtävää '%(task)s': se ei ole sinun eikä ryhmäsi.",
         "Du kan inte se uppgiften '%(task)s': den är varken din eller din grupps."),
    # instances
    "Instance %(instance)s does not exist.":
        ("Palvelupolkua %(instance)s ei ole.",
         "Servicestigen %(instance)s finns inte."),
    "Instance %(instance)s is not in error; there is nothing to retry.":
        ("Palvelupolussa %(instance)s ei ole virhettä; uudelleen yritettävää ei ole.",
         "Servicestigen %(instance)s har inget fel; det finns inget att försöka på nytt."),
    "Give a reason for cancelling the instance.":
        ("Kerro syy palvelupolun keskeyttämiselle.", "Ange orsaken till att servicestigen avbryts."),
    "Instance %(instance)s has already ended.": ("Palvelupolku %(instance)s on jo päättynyt.",
                                                 "Servicestigen %(instance)s har redan avslutats."),
    "Write a note on how the customer was told about the new responsible expert.":
        ("Kirjoita, miten asiakkaalle kerrottiin uudesta vastuuasiantuntijasta.",
         "Skriv hur kunden fick veta om den nya ansvariga sakkunniga."),
    "Instance %(instance)s was changed since you loaded it; reload the page and check before handing over.":
        ("Palvelupolkua %(instance)s on muutettu sivun avaamisen jälkeen; lataa sivu uudelleen ja tarkista "
         "tiedot ennen siirtoa.",
         "Servicestigen %(instance)s har ändrats sedan du öppnade sidan; ladda om sidan och kontrollera "
         "uppgifterna före överlämningen."),
    "Instance %(instance)s has ended; its responsibility cannot be handed over.":
        ("Palvelupolku %(instance)s on päättynyt; sen vastuuta ei voi siirtää.",
         "Servicestigen %(instance)s har avslutats; ansvaret kan inte överlämnas."),
    "%(user)s is already the responsible expert.": ("%(user)s on jo vastuuasiantuntija.",
                                                    "%(user)s är redan ansvarig sakkunnig."),
    "Someone changed this instance at the same time; reload and try again.":
        ("Joku muutti tätä palvelupolkua samaan aikaan; lataa sivu uudelleen ja yritä uudelleen.",
         "Någon ändrade servicestigen samtidigt; ladda om sidan och försök på nytt."),
    "There is no user %(user)s.": ("Käyttäjää %(user)s ei ole.", "Användaren %(user)s finns inte."),
    "There is no active user %(user)s.":
        ("Aktiivista käyttäjää %(user)s ei ole.",
         "Det finns ingen aktiv användare %(user)s."),
    "%(user)s cannot be responsible: only an active expert can open the tasks that come with it.":
        ("%(user)s ei voi olla vastuuhenkilö: vain aktiivinen asiantuntija voi avata vastuuseen kuuluvat tehtävät.",
         "%(user)s kan inte vara ansvarig: endast en aktiv sakkunnig kan öppna de uppgifter som hör till ansvaret."),
    "Instance %(instance)s changed since its dry run; run the dry run again.":
        ("Palvelupolkua %(instance)s on muutettu koeajon jälkeen; tee koeajo uudelleen.",
         "Servicestigen %(instance)s har ändrats efter provkörningen; gör provkörningen på nytt."),
    # processes and customers
    "The process %(process)s is not deployed.": ("Prosessia %(process)s ei ole otettu käyttöön.",
                                                 "Processen %(process)s har inte tagits i bruk."),
    "The process %(process)s does not exist.": ("Prosessia %(process)s ei ole.", "Processen %(process)s finns inte."),
    "The process %(process)s has no version %(version)s.": ("Prosessilla %(process)s ei ole versiota %(version)s.",
                                                            "Processen %(process)s har ingen version %(version)s."),
    "A process with the id %(process)s exists already; open it instead.":
        ("Prosessi tunnuksella %(process)s on jo olemassa; avaa se.",
         "En process med id:t %(process)s finns redan; öppna den i stället."),
    "The process %(process)s is only called from other processes; start its caller.":
        ("Prosessi %(process)s käynnistyy vain toisista prosesseista; käynnistä sen kutsuva prosessi.",
         "Processen %(process)s startas bara från andra processer; starta den process som anropar den."),
    "The process %(process)s starts only by a message (%(messages)s).":
        ("Prosessi %(process)s käynnistyy vain viestillä (%(messages)s).",
         "Processen %(process)s startas bara av ett meddelande (%(messages)s)."),
    "Migrating the database would break a reference from table %(table)s to %(target)s; nothing was changed.":
        ("Tietokannan päivitys rikkoisi viittauksen taulusta %(table)s tauluun %(target)s; mitään ei muutettu.",
         "Uppdateringen av databasen skulle bryta en hänvisning från tabellen %(table)s till %(target)s; "
         "ingenting ändrades."),
    "'process_id' and 'customer' (a Business ID, or the key H-123 of a card without one) are required strings; "
    "or 'applicant' instead of 'customer'.":
        ("'process_id' ja 'customer' (Y-tunnus tai Y-tunnuksettoman kortin tunnus H-123) ovat pakollisia "
         "merkkijonoja; 'customer'-kentän sijaan voi antaa 'applicant'.",
         "'process_id' och 'customer' (ett FO-nummer eller beteckningen H-123 för ett kort utan FO-nummer) är "
         "obligatoriska strängar; i stället för 'customer' kan 'applicant' anges."),
    "'process_id' is required, and 'applicant' is an object of texts: %(fields)s.":
        ("'process_id' on pakollinen, ja 'applicant' on tekstikenttien olio: %(fields)s.",
         "'process_id' är obligatoriskt, och 'applicant' är ett objekt med textfält: %(fields)s."),
    "Recorded Business ID %(business_id)s on customer card %(key)s (%(name)s).":
        ("Y-tunnus %(business_id)s kirjattu asiakaskorttiin %(key)s (%(name)s).",
         "FO-numret %(business_id)s fördes in på kundkortet %(key)s (%(name)s)."),
    "There is no customer card %(key)s.":
        ("Asiakaskorttia %(key)s ei ole.", "Det finns inget kundkort %(key)s."),
    "%(customer)s has no Business ID yet, and the process %(process)s needs one: record the company's "
    "Business ID on the customer card first.":
        ("Asiakkaalla %(customer)s ei ole vielä Y-tunnusta, ja prosessi %(process)s edellyttää sen: kirjaa "
         "yrityksen Y-tunnus ensin asiakaskorttiin.",
         "%(customer)s har ännu inget FO-nummer, och processen %(process)s kräver ett: för först in företagets "
         "FO-nummer på kundkortet."),
    "%(customer)s already has Business ID %(business_id)s; it cannot be changed.":
        ("Asiakkaalla %(customer)s on jo Y-tunnus %(business_id)s; sitä ei voi muuttaa.",
         "%(customer)s har redan FO-numret %(business_id)s; det kan inte ändras."),
    "Business ID %(business_id)s is already on the card of %(customer)s; check the ID, or continue on that card.":
        ("Y-tunnus %(business_id)s on jo asiakkaan %(customer)s kortilla; tarkista tunnus tai jatka sillä kortilla.",
         "FO-numret %(business_id)s finns redan på kundkortet för %(customer)s; kontrollera numret eller fortsätt "
         "på det kortet."),
    "There is no company with Business ID %(business_id)s; add the company first.":
        ("Yritystä Y-tunnuksella %(business_id)s ei ole; lisää yritys ensin.",
         "Det finns inget företag med FO-numret %(business_id)s; lägg först till företaget."),
    "Business ID %(business_id)s was registered by someone else just now; reload and check the company.":
        ("Joku muu lisäsi juuri Y-tunnuksen %(business_id)s; lataa sivu uudelleen ja tarkista yrityksen tiedot.",
         "Någon annan registrerade just FO-numret %(business_id)s; ladda om sidan och kontrollera företaget."),
    "Business ID %(business_id)s is not valid: no check digit fits its digits, so one of them is mistyped.":
        ("Y-tunnus %(business_id)s ei kelpaa: mikään tarkistusnumero ei sovi sen numeroihin, joten jokin "
         "numero on kirjoitettu väärin.",
         "FO-numret %(business_id)s är inte giltigt: ingen kontrollsiffra passar till siffrorna, så någon "
         "av dem är felskriven."),
    "Business ID %(business_id)s is not valid: the check digit should be %(expected)s, or one of the other "
    "digits is mistyped.":
        ("Y-tunnus %(business_id)s ei kelpaa: tarkistusnumeron pitäisi olla %(expected)s, tai jokin muu "
         "numero on kirjoitettu väärin.",
         "FO-numret %(business_id)s är inte giltigt: kontrollsiffran borde vara %(expected)s, eller så är "
         "någon annan siffra felskriven."),
    "The database was busy with another change; try again.":
        ("Tietokanta oli varattuna toiselle muutokselle; yritä uudelleen.",
         "Databasen var upptagen av en annan ändring; försök på nytt."),
    "The notification %(id)s does not exist.": ("Ilmoitusta %(id)s ei ole.", "Meddelandet %(id)s finns inte."),
    "That notification belongs to someone else.": ("Ilmoitus kuuluu toiselle käyttäjälle.",
                                                   "Meddelandet hör till någon annan."),
    "The portfolio %(id)s does not exist.": ("Salkkua %(id)s ei ole.", "Portföljen %(id)s finns inte."),
    "Only the portfolio's owner %(owner)s or a manager may do this.":
        ("Vain salkun omistaja %(owner)s tai esimies voi tehdä tämän.",
         "Endast portföljens ägare %(owner)s eller en chef får göra detta."),
    "%(customer)s is already in the portfolio %(portfolio)s.":
        ("%(customer)s on jo salkussa %(portfolio)s.", "%(customer)s finns redan i portföljen %(portfolio)s."),
    "%(customer)s is not in this portfolio.": ("%(customer)s ei ole tässä salkussa.",
                                               "%(customer)s finns inte i den här portföljen."),
    "Choose a channel.": ("Valitse yhteydenottotapa.", "Välj kontaktsätt."),
    "The contact date cannot be in the future.": ("Yhteydenoton päivä ei voi olla tulevaisuudessa.",
                                                  "Kontaktdagen kan inte vara i framtiden."),
    "Describe the new needs in the notes.": ("Kuvaa uudet tarpeet muistiinpanoissa.",
                                             "Beskriv de nya behoven i anteckningarna."),
    "%(user)s is not an expert; a portfolio is owned by an expert.":
        ("%(user)s ei ole asiantuntija; salkun omistaa aina asiantuntija.",
         "%(user)s är inte sakkunnig; en portfölj ägs av en sakkunnig."),
    "Give the portfolio a name of at most 200 characters.":
        ("Anna salkulle enintään 200 merkin nimi.", "Ge portföljen ett namn på högst 200 tecken."),
    "The contact interval must be 1 to 36 months.":
        ("Yhteydenottovälin on oltava 1–36 kuukautta.", "Kontaktintervallet ska vara 1–36 månader."),
    "A portfolio named %(portfolio)s already exists.":
        ("Salkku nimeltä %(portfolio)s on jo olemassa.", "En portfölj med namnet %(portfolio)s finns redan."),
    "The notes may be at most %(count)s characters long.":
        ("Muistiinpanot saavat olla enintään %(count)s merkkiä.", "Anteckningarna får vara högst %(count)s tecken."),
    "Choose one of the service-need segments.":
        ("Valitse jokin palvelutarvesegmenteistä.", "Välj ett av servicebehovssegmenten."),
    "Give a year between 2000 and 2100.": ("Anna vuosi väliltä 2000–2100.", "Ange ett år mellan 2000 och 2100."),
    "The number of planned contacts must be 0 to 100000.":
        ("Suunniteltujen yhteydenottojen määrän on oltava 0–100000.",
         "Antalet planerade kontakter ska vara 0–100000."),
    "The planned actions may be at most %(count)s characters long.":
        ("Suunnitellut toimenpiteet saavat olla enintään %(count)s merkkiä.",
         "De planerade åtgärderna får vara högst %(count)s tecken."),
    "A process id starts with a letter and has only letters, digits, _ and - (at most 100 characters); "
    "%(process)s does not.":
        ("Prosessin tunnus alkaa kirjaimella ja sisältää vain kirjaimia, numeroita, _ ja - (enintään 100 "
         "merkkiä); %(process)s ei täytä tätä.",
         "En process-id börjar med en bokstav och har bara bokstäver, siffror, _ och - (högst 100 tecken); "
         "%(process)s uppfyller inte detta."),
    "The timer %(id)s does not exist.": ("Ajastinta %(id)s ei ole.", "Timern %(id)s finns inte."),
    "The timer has not failed; it is %(status)s.":
        ("Ajastin ei ole epäonnistunut; sen tila on %(status)s.",
         "Timern har inte misslyckats; dess läge är %(status)s."),
    "The username %(user)s is not valid: use 2-80 lowercase letters, digits, '.', '_' or '-', starting with a "
    "letter or a digit.":
        ("Käyttäjätunnus %(user)s ei kelpaa: käytä 2–80 pientä kirjainta, numeroa, '.', '_' tai '-' ja aloita "
         "kirjaimella tai numerolla.",
         "Användarnamnet %(user)s är inte giltigt: använd 2–80 små bokstäver, siffror, '.', '_' eller '-' och "
         "börja med en bokstav eller siffra."),
    "The user %(user)s already exists.": ("Käyttäjä %(user)s on jo olemassa.", "Användaren %(user)s finns redan."),
    "%(user)s is already active.": ("%(user)s on jo käytössä.", "%(user)s är redan aktiv."),
    "%(user)s is already deactivated.": ("%(user)s on jo poistettu käytöstä.", "%(user)s är redan inaktiverad."),
    "A token is valid for 1 to %(max)s days.":
        ("Avain on voimassa 1–%(max)s päivää.", "En nyckel gäller 1–%(max)s dagar."),
    "%(user)s is deactivated; reactivate the user before making a token.":
        ("%(user)s on poistettu käytöstä; ota käyttäjä uudelleen käyttöön ennen avaimen luomista.",
         "%(user)s är inaktiverad; aktivera användaren på nytt innan du skapar en nyckel."),
    "The API token %(id)s is already revoked.":
        ("API-avain %(id)s on jo peruttu.", "API-nyckeln %(id)s är redan återkallad."),
    # history
    "Deployed the decision %(decision)s, version %(version)s, from %(file)s.":
        ("Päätöstaulu %(decision)s, versio %(version)s, otettu käyttöön tiedostosta %(file)s.",
         "Beslutstabellen %(decision)s, version %(version)s, togs i bruk från filen %(file)s."),
    "Deployed %(process)s version %(version)s from %(file)s.":
        ("%(process)s, versio %(version)s, otettu käyttöön tiedostosta %(file)s.",
         "%(process)s, version %(version)s, togs i bruk från filen %(file)s."),
    "Started %(process)s (version %(version)s) for %(customer)s by the message '%(name)s'.":
        ("%(process)s (versio %(version)s) aloitettu asiakkaalle %(customer)s viestillä '%(name)s'.",
         "%(process)s (version %(version)s) inleddes för %(customer)s genom meddelandet '%(name)s'."),
    "Started %(process)s (version %(version)s) for %(customer)s.":
        ("%(process)s (versio %(version)s) aloitettu asiakkaalle %(customer)s.",
         "%(process)s (version %(version)s) inleddes för %(customer)s."),
    "%(user)s took '%(task)s' to work on.": ("%(user)s otti tehtävän '%(task)s' työn alle.",
                                             "%(user)s tog uppgiften '%(task)s' för behandling."),
    "%(user)s gave '%(task)s' back to the group %(group)s.":
        ("%(user)s palautti tehtävän '%(task)s' ryhmälle %(group)s.",
         "%(user)s lämnade tillbaka uppgiften '%(task)s' till gruppen %(group)s."),
    "'%(task)s' handed from the group to %(new)s.": ("Tehtävä '%(task)s' siirretty ryhmältä henkilölle %(new)s.",
                                                     "Uppgiften '%(task)s' överläts från gruppen till %(new)s."),
    "'%(task)s' handed from %(old)s to %(new)s.": ("Tehtävä '%(task)s' siirretty: %(old)s → %(new)s.",
                                                   "Uppgiften '%(task)s' överläts: %(old)s → %(new)s."),
    "Responsibility handed over from %(old)s to %(new)s.": ("Vastuu siirretty: %(old)s → %(new)s.",
                                                            "Ansvaret överläts: %(old)s → %(new)s."),
    "%(user)s completed '%(task)s'.":
        ("%(user)s teki tehtävän '%(task)s'.",
         "%(user)s slutförde uppgiften '%(task)s'."),
    "Timer '%(timer)s' fired.": ("Ajastin '%(timer)s' laukesi.", "Timern '%(timer)s' löstes ut."),
    "Sent the message '%(name)s'.": ("Viesti '%(name)s' lähetetty.", "Meddelandet '%(name)s' skickades."),
    "Received the message '%(name)s'.": ("Viesti '%(name)s' vastaanotettu.", "Meddelandet '%(name)s' togs emot."),
    "The message '%(name)s' started %(process)s (instance %(instance)s).":
        ("Viesti '%(name)s' aloitti prosessin %(process)s (palvelupolku %(instance)s).",
         "Meddelandet '%(name)s' startade %(process)s (servicestig %(instance)s)."),
    "The message '%(name)s' was not delivered: more than %(hops)s messages in one step; the models probably "
    "send messages in a loop.":
        ("Viestiä '%(name)s' ei toimitettu: yhdessä vaiheessa yli %(hops)s viestiä; mallit lähettänevät "
         "viestejä silmukassa.",
         "Meddelandet '%(name)s' levererades inte: fler än %(hops)s meddelanden i ett steg; modellerna "
         "skickar troligen meddelanden i en slinga."),
    "The message '%(name)s' was not delivered: its data holds a value that cannot be saved (only text, numbers, "
    "true/false, dates, lists and dictionaries can).":
        ("Viestiä '%(name)s' ei toimitettu: sen tiedoissa on arvo, jota ei voi tallentaa (vain tekstiä, lukuja, "
         "tosi/epätosi-arvoja, päivämääriä, luetteloita ja sanakirjoja voi).",
         "Meddelandet '%(name)s' levererades inte: dess data innehåller ett värde som inte kan sparas (endast text, "
         "tal, sant/falskt, datum, listor och ordlistor kan sparas)."),
    "The message '%(name)s' could not be delivered: %(detail)s":
        ("Viestiä '%(name)s' ei voitu toimittaa: %(detail)s",
         "Meddelandet '%(name)s' kunde inte levereras: %(detail)s"),
    "No deployed process and no waiting instance of this customer receives the message '%(name)s'.":
        ("Mikään käytössä oleva prosessi tai tämän asiakkaan odottava palvelupolku ei ota vastaan viestiä "
         "'%(name)s'.",
         "Ingen process i bruk och ingen väntande servicestig för kunden tar emot meddelandet '%(name)s'."),
    "The timer failed %(attempts)s times and needs a manager: %(detail)s":
        ("Ajastin epäonnistui %(attempts)s kertaa ja tarvitsee esimiehen toimia: %(detail)s",
         "Timern misslyckades %(attempts)s gånger och behöver en chefs åtgärd: %(detail)s"),
    "The timer was sent back to be run again.": ("Ajastin palautettiin ajettavaksi uudelleen.",
                                                 "Timern skickades tillbaka för att köras på nytt."),
    "The failed step was tried again.": ("Epäonnistunutta vaihetta yritettiin uudelleen.",
                                         "Det misslyckade steget försöktes på nytt."),
    "The instance ended.": ("Palvelupolku päättyi.", "Servicestigen avslutades."),
    "Moved from version %(old)s to version %(new)s with mapping %(mapping)s.":
        ("Siirretty versiosta %(old)s versioon %(new)s (elementtien vastaavuudet: %(mapping)s).",
         "Flyttades från version %(old)s till version %(new)s (element som motsvarar varandra: %(mapping)s)."),
    "Exported %(process)s version %(version)s to the file %(path)s.":
        ("%(process)s, versio %(version)s, viety tiedostoon %(path)s.",
         "%(process)s, version %(version)s, exporterades till filen %(path)s."),
    "Moved from version %(old)s to version %(new)s.": ("Siirretty versiosta %(old)s versioon %(new)s.",
                                                       "Flyttades från version %(old)s till version %(new)s."),
    "Created the user %(user)s.": ("Käyttäjä %(user)s luotu.", "Användaren %(user)s skapades."),
    "Deactivated %(user)s.": ("Käyttäjä %(user)s poistettu käytöstä.", "Användaren %(user)s inaktiverades."),
    "Reactivated %(user)s.":
        ("Käyttäjä %(user)s otettu uudelleen käyttöön.",
         "Användaren %(user)s aktiverades på nytt."),
    "New password for %(user)s.": ("Uusi salasana käyttäjälle %(user)s.", "Nytt lösenord för %(user)s."),
    "Signed %(user)s out everywhere.": ("Käyttäjä %(user)s kirjattu ulos kaikkialta.",
                                        "Användaren %(user)s loggades ut överallt."),
    "API token %(id)s for %(user)s.": ("API-avain %(id)s käyttäjälle %(user)s.", "API-nyckel %(id)s för %(user)s."),
    "Revoked the API token %(id)s of %(user)s.": ("Käyttäjän %(user)s API-avain %(id)s peruttu.",
                                                  "API-nyckeln %(id)s för %(user)s återkallades."),
    # reminders and to-dos
    "Agreed contact due: %(customer)s (agreed for %(when)s)":
        ("Sovittu yhteydenotto erääntynyt: %(customer)s (sovittu %(when)s)",
         "Överenskommen kontakt förfallen: %(customer)s (överenskommen till %(when)s)"),
    "%(task)s — %(customer)s (overdue since %(when)s)": ("%(task)s — %(customer)s (myöhässä %(when)s alkaen)",
                                                           "%(task)s — %(customer)s (försenad sedan %(when)s)"),
    "%(task)s — %(customer)s (due %(when)s)": ("%(task)s — %(customer)s (erääntyy %(when)s)",
                                               "%(task)s — %(customer)s (förfaller %(when)s)"),
    "Contact due: %(name)s in the portfolio '%(portfolio)s' (no earlier contact)":
        ("Yhteydenotto erääntynyt: %(name)s, salkku '%(portfolio)s' (ei aiempaa yhteydenottoa)",
         "Kontakt förfallen: %(name)s i portföljen '%(portfolio)s' (ingen tidigare kontakt)"),
    "Contact due: %(name)s in the portfolio '%(portfolio)s' (last contact %(last)s)":
        ("Yhteydenotto erääntynyt: %(name)s, salkku '%(portfolio)s' (edellinen yhteydenotto %(last)s)",
         "Kontakt förfallen: %(name)s i portföljen '%(portfolio)s' (senaste kontakt %(last)s)"),
    "Tell %(customer)s that you are now their responsible expert for %(process)s (instance %(instance)s), "
    "taking over from %(old)s.":
        ("Kerro asiakkaalle %(customer)s, että olet nyt sen vastuuasiantuntija palvelussa %(process)s "
         "(palvelupolku %(instance)s) henkilön %(old)s jälkeen.",
         "Berätta för %(customer)s att du nu är kundens ansvariga sakkunniga för %(process)s "
         "(servicestig %(instance)s) efter %(old)s."),
    # migration dry runs
    "It runs the sub-process %(name)s, which the target version does not have.":
        ("Se suorittaa aliprosessia %(name)s, jota kohdeversiossa ei ole.",
         "Den kör underprocessen %(name)s, som målversionen inte har."),
    "Element %(element)s moved into or out of a sub-process in version %(version)s; such moves are refused.":
        ("Elementti %(element)s on siirretty aliprosessiin tai pois siitä versiossa %(version)s; tällaisia "
         "siirtoja ei tehdä.",
         "Elementet %(element)s har flyttats in i eller ut ur en underprocess i version %(version)s; sådana "
         "flyttningar görs inte."),
    "It stands at %(element)s, which version %(version)s does not have; map it to an element of that version.":
        ("Se on kohdassa %(element)s, jota versiossa %(version)s ei ole; kohdista se johonkin version elementtiin.",
         "Den står vid %(element)s, som version %(version)s inte har; koppla den till ett element i den "
         "versionen."),
    "It already passed %(element)s, which version %(version)s does not have; map it to an element of that "
    "version.":
        ("Se on jo ohittanut kohdan %(element)s, jota versiossa %(version)s ei ole; kohdista se johonkin "
         "version elementtiin.",
         "Den har redan passerat %(element)s, som version %(version)s inte har; koppla den till ett element i "
         "den versionen."),
    "It already passed %(element)s, which version %(version)s does not have; its history keeps it.":
        ("Se on jo ohittanut kohdan %(element)s, jota versiossa %(version)s ei ole; se säilyy sen historiassa.",
         "Den har redan passerat %(element)s, som version %(version)s inte har; den finns kvar i dess historik."),
    "The multi-instance task %(element)s runs over another collection or item in version %(version)s; it cannot "
    "change that while it runs.":
        ("Monikertainen tehtävä %(element)s käy versiossa %(version)s läpi eri kokoelmaa tai alkiota; sitä ei voi "
         "muuttaa kesken suorituksen.",
         "Flerinstansuppgiften %(element)s går i version %(version)s igenom en annan samling eller ett annat "
         "element; det kan inte ändras medan den pågår."),
    "It waits at the join %(element)s, whose incoming branches differ in version %(version)s; it would wait for a "
    "branch no token runs on, or miss one.":
        ("Se odottaa yhdistävässä rinnakkaishaarassa %(element)s, jonka saapuvat haarat ovat versiossa %(version)s "
         "erilaiset; se jäisi odottamaan haaraa, jota mikään suoritus ei kulje, tai ohittaisi yhden.",
         "Den väntar vid sammanslagningen %(element)s, vars inkommande grenar är andra i version %(version)s; den "
         "skulle vänta på en gren som ingen körning går längs, eller missa en."),
    "It is inside the branches of %(element)s, which splits differently in version %(version)s; their join would "
    "wait for a branch no token runs on.":
        ("Se on haarautumisen %(element)s haaroissa, ja versiossa %(version)s haarat ovat erilaiset; niiden "
         "yhdistäminen jäisi odottamaan haaraa, jota mikään suoritus ei kulje.",
         "Den befinner sig i grenarna från %(element)s, som delar sig på annat sätt i version %(version)s; deras "
         "sammanslagning skulle vänta på en gren som ingen körning går längs."),
    "Element %(element)s and %(new_element)s in version %(version)s are of different types; an element cannot "
    "change its type.":
        ("Elementti %(element)s ja version %(version)s %(new_element)s ovat eri tyyppiä; elementin tyyppi ei voi "
         "muuttua.",
         "Elementet %(element)s och %(new_element)s i version %(version)s är av olika typ; ett element kan inte "
         "byta typ."),
    "It stands at %(element)s, which version %(version)s reaches differently (a preceding element or a boundary "
    "event changed around it).":
        ("Se on kohdassa %(element)s, johon versiossa %(version)s tullaan toista kautta (edeltävä elementti tai "
         "reunatapahtuma on muuttunut).",
         "Den står vid %(element)s, dit version %(version)s kommer på ett annat sätt (ett föregående element "
         "eller en gränshändelse har ändrats)."),
    "%(element)s would not stand the same way in version %(version)s.":
        ("%(element)s ei olisi samassa tilassa versiossa %(version)s.",
         "%(element)s skulle inte stå på samma sätt i version %(version)s."),
    "Version %(version)s belongs to another process than %(process)s.":
        ("Versio %(version)s kuuluu eri prosessiin kuin %(process)s.",
         "Version %(version)s hör till en annan process än %(process)s."),
    "It already runs on version %(version)s.":
        ("Se on jo versiossa %(version)s.", "Den kör redan version %(version)s."),
    "It is in error; only running instances move (retry or cancel it first).":
        ("Siinä on virhe; vain käynnissä olevat palvelupolut siirretään (yritä uudelleen tai keskeytä se ensin).",
         "Den har ett fel; endast pågående servicestigar flyttas (försök på nytt eller avbryt den först)."),
    "It is %(status)s; only running instances move.":
        ("Sen tila on %(status)s; vain käynnissä olevat palvelupolut siirretään.",
         "Den har läget %(status)s; endast pågående servicestigar flyttas."),
    "The new version's definitions could not take its state (%(detail)s).":
        ("Uuden version määrittelyt eivät sopineet sen tilaan (%(detail)s).",
         "Den nya versionens definitioner kunde inte ta emot dess läge (%(detail)s)."),
    "It runs on version %(now)s now, not on %(expected)s.":
        ("Se on nyt versiossa %(now)s, ei versiossa %(expected)s.", "Den kör nu version %(now)s, inte %(expected)s."),
    "Others changed it at the same time %(times)s times; run the batch again.":
        ("Muut muuttivat sitä samaan aikaan %(times)s kertaa; aja erä uudelleen.",
         "Andra ändrade den samtidigt %(times)s gånger; kör partiet på nytt."),
    "Timer %(element)s changed; its due time is computed anew from now.":
        ("Ajastin %(element)s muuttui; sen eräaika lasketaan uudelleen tästä hetkestä.",
         "Timern %(element)s ändrades; dess förfallotid räknas på nytt från nu."),
    "%(element)s now waits for the message '%(name)s'.":
        ("%(element)s odottaa nyt viestiä '%(name)s'.", "%(element)s väntar nu på meddelandet '%(name)s'."),
    "%(element)s becomes %(new_element)s.": ("%(element)s muuttuu elementiksi %(new_element)s.",
                                             "%(element)s blir %(new_element)s."),
    "%(element)s changed under it (%(changes)s); it continues with the definition of version %(version)s.":
        ("%(element)s muuttui (%(changes)s); se jatkuu version %(version)s määrittelyllä.",
         "%(element)s ändrades (%(changes)s); den fortsätter med definitionen i version %(version)s."),
    "Roles of %(user)s from the directory: %(roles)s; groups: %(groups)s.":
        ("Käyttäjän %(user)s roolit hakemistosta: %(roles)s; ryhmät: %(groups)s.",
         "Roller för %(user)s från katalogen: %(roles)s; grupper: %(groups)s."),
    "Roles of %(user)s: %(roles)s; groups: %(groups)s.":
        ("Käyttäjän %(user)s roolit: %(roles)s; ryhmät: %(groups)s.",
         "Roller för %(user)s: %(roles)s; grupper: %(groups)s."),
    "%(user)s signs in through the identity provider (subject %(subject)s).":
        ("%(user)s kirjautuu tunnistuspalvelun kautta (tunniste %(subject)s).",
         "%(user)s loggar in via identitetstjänsten (identifierare %(subject)s)."),
    "Task '%(task)s' is open.": ("Tehtävä '%(task)s' on avoinna.", "Uppgiften '%(task)s' är öppen."),
    # validator
    "No executable process: the file holds no process at all; add a process and mark it executable.":
        ("Ei suoritettavaa prosessia: tiedostossa ei ole yhtään prosessia; lisää prosessi ja merkitse se "
         "suoritettavaksi.",
         "Ingen körbar process: filen innehåller ingen process alls; lägg till en process och märk den som körbar."),
    "The id '%(id)s' is used by %(count)s elements; ids must be unique within a file.":
        ("Tunnusta '%(id)s' käyttää %(count)s elementtiä; tunnusten on oltava tiedostossa yksilöllisiä.",
         "Id:t '%(id)s' används av %(count)s element; id:n ska vara unika i en fil."),
    "The sequence flow %(element)s is not connected at both ends; connect its start and its end to an element.":
        ("Sarjavuo %(element)s ei ole kytketty molemmista päistään; kytke sen alku ja loppu elementteihin.",
         "Sekvensflödet %(element)s är inte kopplat i båda ändarna; koppla dess början och slut till element."),
    "The sequence flow %(element)s has an empty condition; write a Python expression, or make the flow the "
    "gateway's default.":
        ("Sarjavuon %(element)s ehto on tyhjä; kirjoita Python-lauseke tai tee vuosta haarautumisen oletus.",
         "Sekvensflödet %(element)s har ett tomt villkor; skriv ett Python-uttryck eller gör flödet till "
         "förgreningens standardflöde."),
    "%(element)s has %(count)s outgoing sequence flows, but only one may leave it; branch with a gateway after "
    "it.":
        ("Elementistä %(element)s lähtee %(count)s sarjavuota, mutta siitä saa lähteä vain yksi; haaroita sen "
         "jälkeen haarautumalla.",
         "Från %(element)s går %(count)s sekvensflöden, men bara ett får gå därifrån; förgrena med en "
         "förgrening efter det."),
    "The sequence flow %(element)s leaves %(gateway)s without a condition and is not its default flow; give it a "
    "condition or make it the default.":
        ("Sarjavuo %(element)s lähtee haarautumasta %(gateway)s ilman ehtoa eikä ole sen oletus; anna sille "
         "ehto tai tee siitä oletus.",
         "Sekvensflödet %(element)s går från %(gateway)s utan villkor och är inte dess standardflöde; ge det "
         "ett villkor eller gör det till standardflöde."),
    "%(element)s has a form field without an id (line %(line)s); every field needs an id, which becomes its task "
    "data name.":
        ("Tehtävän %(element)s lomakkeella on kenttä ilman tunnusta (rivi %(line)s); jokainen kenttä tarvitsee "
         "tunnuksen, josta tulee sen nimi tehtävän tiedoissa.",
         "%(element)s har ett blankettfält utan id (rad %(line)s); varje fält behöver ett id, som blir dess namn "
         "i uppgiftens data."),
    "%(element)s has the form field id '%(field)s', which is not a valid Python name; field ids become task data "
    "names used in conditions and scripts (like customer_name).":
        ("Tehtävän %(element)s lomakkeen kentän tunnus '%(field)s' ei kelpaa Python-nimeksi; kenttien tunnuksista "
         "tulee tehtävän tietojen nimiä, joita käytetään ehdoissa ja skripteissä (esimerkiksi customer_name).",
         "%(element)s har blankettfältet med id:t '%(field)s', som inte är ett giltigt Python-namn; fältens id:n "
         "blir namn i uppgiftens data som används i villkor och skript (till exempel customer_name)."),
    "%(element)s has an unknown form field type '%(type)s' in field '%(field)s'; use one of: %(choices)s.":
        ("Tehtävän %(element)s lomakkeen kentän '%(field)s' tyyppi '%(type)s' on tuntematon; käytä jotakin "
         "näistä: %(choices)s.",
         "%(element)s har en okänd fälttyp '%(type)s' i fältet '%(field)s'; använd någon av följande: %(choices)s."),
    "%(element)s has the script format '%(format)s'; Palvelupolku runs only Python scripts, so write it in Python "
    "with the script format python (or none).":
        ("Tehtävän %(element)s skriptin muoto on '%(format)s'; Palvelupolku suorittaa vain Python-skriptejä, "
         "joten kirjoita skripti Pythonilla ja merkitse muodoksi python (tai jätä muoto pois).",
         "%(element)s har skriptformatet '%(format)s'; Palvelupolku kör bara Python-skript, så skriv skriptet i "
         "Python med formatet python (eller utan format)."),
    "%(element)s loads its script from the resource '%(resource)s', which Palvelupolku cannot read; put the "
    "Python code in the script body.":
        ("Tehtävä %(element)s lataa skriptinsä resurssista '%(resource)s', jota Palvelupolku ei voi lukea; "
         "kirjoita Python-koodi skriptin runkoon.",
         "%(element)s hämtar sitt skript från resursen '%(resource)s', som Palvelupolku inte kan läsa; skriv "
         "Python-koden i skriptets innehåll."),
    "The sequence flow %(element)s has a condition, but it leaves %(source)s, where conditions are not evaluated; "
    "only exclusive and inclusive gateways evaluate them.":
        ("Sarjavuolla %(element)s on ehto, mutta se lähtee elementistä %(source)s, jossa ehtoja ei arvioida; vain "
         "poissulkevat ja sisällyttävät haarautumat arvioivat ehtoja.",
         "Sekvensflödet %(element)s har ett villkor, men det går från %(source)s, där villkor inte utvärderas; "
         "bara exklusiva och inkluderande förgreningar utvärderar dem."),
    "The condition of the sequence flow %(element)s is written in '%(language)s'; Palvelupolku evaluates "
    "conditions as Python expressions.":
        ("Sarjavuon %(element)s ehto on kirjoitettu kielellä '%(language)s'; Palvelupolku arvioi ehdot "
         "Python-lausekkeina.",
         "Villkoret för sekvensflödet %(element)s är skrivet på '%(language)s'; Palvelupolku utvärderar villkor "
         "som Python-uttryck."),
    "%(element)s has no outgoing sequence flow, so the process would end as soon as it starts; connect it to the "
    "first step.":
        ("Alkutapahtumasta %(element)s ei lähde sarjavuota, joten prosessi päättyisi heti alettuaan; yhdistä se "
         "ensimmäiseen vaiheeseen.",
         "Från %(element)s går inget sekvensflöde, så processen skulle sluta genast när den startar; koppla den "
         "till det första steget."),
    "%(element)s has no incoming sequence flow, so it never runs; connect it from the start event or a step "
    "before it.":
        ("Elementtiin %(element)s ei tule sarjavuota, joten sitä ei koskaan suoriteta; yhdistä se "
         "alkutapahtumasta tai sitä edeltävästä vaiheesta.",
         "Till %(element)s kommer inget sekvensflöde, så det körs aldrig; koppla det från starthändelsen eller "
         "ett steg före det."),
    "%(element)s names '%(flow)s' as its default flow, which is not one of its outgoing sequence flows.":
        ("Elementin %(element)s oletusvuoksi on merkitty '%(flow)s', joka ei ole yksikään siitä lähtevistä "
         "sarjavoista.",
         "%(element)s anger '%(flow)s' som standardflöde, men det är inte ett av dess utgående sekvensflöden."),
    "%(element)s is attached to no activity; say which activity it is attached to.":
        ("Reunatapahtumaa %(element)s ei ole liitetty mihinkään toimintoon; kerro, mihin toimintoon se liittyy.",
         "Gränshändelsen %(element)s är inte fäst vid någon aktivitet; ange vilken aktivitet den hör till."),
    "%(element)s is attached to '%(host)s', which is not an activity in the same process or subprocess.":
        ("Reunatapahtuma %(element)s on liitetty kohteeseen '%(host)s', joka ei ole saman prosessin tai "
         "aliprosessin toiminto.",
         "Gränshändelsen %(element)s är fäst vid '%(host)s', som inte är en aktivitet i samma process eller "
         "delprocess."),
    "%(element)s has no event definition; say what it waits for (a timer, a message or an error).":
        ("Reunatapahtumalta %(element)s puuttuu tapahtuman määritys; kerro, mitä se odottaa (ajastinta, viestiä "
         "tai virhettä).",
         "Gränshändelsen %(element)s saknar händelsedefinition; ange vad den väntar på (en timer, ett meddelande "
         "eller ett fel)."),
    "The timer of %(element)s repeats, but Palvelupolku starts an instance when a person, the API or a message "
    "starts it, never by a start timer; use a date or a duration, or start the instances from outside.":
        ("Alkutapahtuman %(element)s ajastin toistuu, mutta Palvelupolku aloittaa palvelupolun vain, kun henkilö, "
         "rajapinta tai viesti sen aloittaa, ei koskaan alkuajastimella; käytä päivämäärää tai kestoa tai aloita "
         "palvelupolut ulkopuolelta.",
         "Timern för %(element)s upprepas, men Palvelupolku startar en servicestig bara när en person, API:et "
         "eller ett meddelande startar den, aldrig med en starttimer; använd ett datum eller en varaktighet, "
         "eller starta servicestigarna utifrån."),
    "%(element)s is marked aftercare, but only a user task can be the aftercare task; move the mark to the user "
    "task of the aftercare call.":
        ("%(element)s on merkitty jälkihoidoksi, mutta vain käyttäjätehtävä voi olla jälkihoitotehtävä; siirrä "
         "merkintä jälkihoitosoiton käyttäjätehtävään.",
         "%(element)s är märkt som uppföljning, men bara en användaruppgift kan vara uppföljningsuppgiften; "
         "flytta märkningen till uppföljningssamtalets användaruppgift."),
    "The aftercare task '%(task)s' must have exactly one outgoing sequence flow, to the needs-reassessment "
    "gateway; it has %(count)s.":
        ("Jälkihoitotehtävästä '%(task)s' on lähdettävä täsmälleen yksi sarjavuo palvelutarpeen "
         "uudelleenarvioinnin haarautumaan; siitä lähtee %(count)s.",
         "Från uppföljningsuppgiften '%(task)s' ska exakt ett sekvensflöde gå, till förgreningen för ny "
         "bedömning av servicebehovet; nu går %(count)s."),
    "The aftercare task '%(task)s' must lead straight to an exclusive gateway (the needs-reassessment gateway: "
    "new service needs or not); it leads to %(target)s.":
        ("Jälkihoitotehtävän '%(task)s' on johdettava suoraan poissulkevaan haarautumaan (palvelutarpeen "
         "uudelleenarviointi: uusia palvelutarpeita vai ei); nyt se johtaa kohteeseen %(target)s.",
         "Uppföljningsuppgiften '%(task)s' ska leda direkt till en exklusiv förgrening (ny bedömning av "
         "servicebehovet: nya servicebehov eller inte); nu leder den till %(target)s."),
    "The needs-reassessment gateway '%(gateway)s' after the aftercare task '%(task)s' has no default flow; make "
    "the 'no new needs' flow its default.":
        ("Jälkihoitotehtävän '%(task)s' jälkeisellä palvelutarpeen uudelleenarvioinnin haarautumalla "
         "'%(gateway)s' ei ole oletusvuota; tee 'ei uusia tarpeita' -vuosta sen oletus.",
         "Förgreningen för ny bedömning av servicebehovet '%(gateway)s' efter uppföljningsuppgiften '%(task)s' "
         "har inget standardflöde; gör flödet 'inga nya behov' till dess standardflöde."),
    "The needs-reassessment gateway '%(gateway)s' after the aftercare task '%(task)s' has %(count)s outgoing "
    "sequence flow(s); it needs at least two: the default (no new needs) and one to a new service needs assessment.":
        ("Jälkihoitotehtävän '%(task)s' jälkeisestä palvelutarpeen uudelleenarvioinnin haarautumasta "
         "'%(gateway)s' lähtee %(count)s sarjavuota; niitä tarvitaan vähintään kaksi: oletus (ei uusia tarpeita) "
         "ja yksi uuteen palvelutarpeen arviointiin.",
         "Från förgreningen för ny bedömning av servicebehovet '%(gateway)s' efter uppföljningsuppgiften "
         "'%(task)s' går %(count)s sekvensflöden; det behövs minst två: standardflödet (inga nya behov) och ett "
         "till en ny bedömning av servicebehovet."),
    "%(element)s has two form fields with the id '%(field)s'; field ids must be unique within a form.":
        ("Tehtävän %(element)s lomakkeella on kaksi kenttää tunnuksella '%(field)s'; kenttien tunnusten on "
         "oltava lomakkeella yksilöllisiä.",
         "%(element)s har två blankettfält med id:t '%(field)s'; fältens id:n ska vara unika i en blankett."),
    "%(element)s has the choice field '%(field)s' without any values; add the options to choose from.":
        ("Tehtävän %(element)s valintakentällä '%(field)s' ei ole vaihtoehtoja; lisää valittavat vaihtoehdot.",
         "%(element)s har valfältet '%(field)s' utan alternativ; lägg till de alternativ som kan väljas."),
    "The script task %(element)s has no script; write the Python code it should run.":
        ("Skriptitehtävällä %(element)s ei ole skriptiä; kirjoita Python-koodi, jonka se suorittaa.",
         "Skriptuppgiften %(element)s har inget skript; skriv den Python-kod som den ska köra."),
    "The timer of %(element)s does not say when it fires; give it a date, a duration (for example P14D) or a "
    "cycle.":
        ("Elementin %(element)s ajastin ei kerro, milloin se laukeaa; anna sille päivämäärä, kesto (esim. "
         "P14D) tai toistoväli.",
         "Timern för %(element)s anger inte när den löses ut; ge den ett datum, en varaktighet (t.ex. P14D) "
         "eller ett intervall."),
    "The process %(element)s has no aftercare task: every service process must end with the aftercare call; mark "
    "its user task as the aftercare task.":
        ("Prosessissa %(element)s ei ole jälkihoitotehtävää: jokaisen palveluprosessin on päätyttävä "
         "jälkihoitosoittoon; merkitse sen käyttäjätehtävä jälkihoitotehtäväksi.",
         "Processen %(element)s har ingen uppföljningsuppgift: varje serviceprocess ska avslutas med "
         "uppföljningssamtalet; märk dess användaruppgift som uppföljningsuppgift."),
    "Texts missing in %(language)s: %(count)s (name, instructions, field labels or value names); add them in "
    "the element's texts.":
        ("Puuttuvia tekstejä (%(language)s): %(count)s (nimi, ohjeet, kenttien nimet tai arvojen nimet); "
         "lisää ne elementin teksteihin.",
         "Saknade texter (%(language)s): %(count)s (namn, anvisningar, fältnamn eller värdenamn); lägg till "
         "dem i elementets texter."),
    "The user task '%(task)s' lists '%(item)s' in its context property, but no earlier step records a field with "
    "that id and it is no earlier user task; check the id, or remove it from the list.":
        ("Käyttäjätehtävän '%(task)s' context-ominaisuudessa on '%(item)s', mutta mikään aiempi vaihe ei kirjaa "
         "kenttää, jonka tunnus on tämä, eikä se ole aiempi käyttäjätehtävä; tarkista tunnus tai poista se "
         "luettelosta.",
         "Användaruppgiften '%(task)s' anger '%(item)s' i sin context-egenskap, men inget tidigare skede "
         "registrerar ett fält med den identifieraren och den är ingen tidigare användaruppgift; kontrollera "
         "identifieraren eller ta bort den ur listan."),
    "Finnish": ("suomi", "finska"),
    "Swedish": ("ruotsi", "svenska"),
    "English": ("englanti", "engelska"),
    # saved filters (issue 19)
    "Filters are saved for the inbox and the instance list only.":
        ("Suodattimia voi tallentaa vain tehtäväluetteloon ja palvelupolkujen luetteloon.",
         "Filter kan sparas endast för inkorgen och listan över servicestigar."),
    "Give the filter a name.": ("Anna suodattimelle nimi.", "Ge filtret ett namn."),
    "A filter's name is at most %(count)s characters.":
        ("Suodattimen nimi saa olla enintään %(count)s merkkiä.", "Ett filters namn får vara högst %(count)s tecken."),
    "The filter is too long to save (at most %(count)s characters).":
        ("Suodatin on liian pitkä tallennettavaksi (enintään %(count)s merkkiä).",
         "Filtret är för långt för att sparas (högst %(count)s tecken)."),
    "You have %(count)s saved filters on this page; delete one before saving another.":
        ("Sinulla on tällä sivulla %(count)s tallennettua suodatinta; poista yksi ennen kuin tallennat uuden.",
         "Du har %(count)s sparade filter på den här sidan; radera ett innan du sparar ett nytt."),
    "You have no saved filter %(id)s.": ("Sinulla ei ole tallennettua suodatinta %(id)s.",
                                         "Du har inget sparat filter %(id)s."),
}
