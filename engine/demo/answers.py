"""What customers and experts write in the demo's text fields, in Finnish (issue 18 point 10).

`text_answer(field_id, label, pick)` gives a field a plausible answer: one of a few written for that
field (TEXTS), else one by what the field's id says it holds (a person, an organisation, a place, a
phone number, notes, grounds...), so no form of the library ends up with a placeholder. `pick` chooses
among the answers (the same day and field always give the same one, so the demo is the same on every
run of the same day).
"""

from __future__ import annotations

# Answers written for one field each: the dashboards, the quality page and the task pages read them.
TEXTS: dict[str, tuple[str, ...]] = {
    "palaute_tulos": ("Saimme kaksi osaavaa työntekijää, tuotanto pääsi kasvamaan.",
                      "Tulos jäi odotettua pienemmäksi, mutta suunta on oikea.",
                      "Palvelu vastasi tarpeeseen hyvin; liikevaihto on kasvanut.",
                      "Hyödyllinen, vaikka osa tavoitteista siirtyi ensi vuoteen."),
    "palaute_palvelu": ("Asiantuntija oli helposti tavoitettavissa ja asiat etenivät sovitusti.",
                        "Hakemusvaihe tuntui raskaalta, muuten sujuvaa.",
                        "Nopea ja asiantunteva palvelu, kiitos.",
                        "Tietoa olisi voinut saada aiemmin siitä, mitä seuraavaksi tapahtuu."),
    "toimisto_voisi_parantaa": ("Kertoa aikataulusta selvemmin alussa.", "Ei parannettavaa.",
                                "Yksi yhteyshenkilö koko palvelun ajan olisi helpottanut.",
                                "Päätöksen olisi voinut saada nopeammin."),
    "yritys_voisi_parantaa": ("Valmistella tarpeet tarkemmin ennen tapaamista.", "Sitouttaa esimiehet aiemmin.",
                              "Varata koulutukseen enemmän aikaa.", "Pitää yhteyttä asiantuntijaan aktiivisemmin."),
    "uudet_tarpeet_kuvaus": ("Henkilöstön koulutustarve uuden tuotantolinjan myötä.",
                             "Kansainvälistyminen: vientimarkkinoiden kartoitus.",
                             "Rekrytointitarve syksyksi, kaksi asentajaa.", "Omistajanvaihdoksen suunnittelu."),
    "asiakkaan_odotukset": ("Osaavaa työvoimaa nopeasti.", "Tukea kasvun suunnitteluun.",
                            "Selkeä aikataulu ja yksi yhteyshenkilö.", "Henkilöstön osaaminen ajan tasalle."),
    "tavoittamisyritykset_kirjaus": ("Soitettu kolmesti eri päivinä, jätetty viesti; lähetetty sähköposti.",),
    "esimies_kommentti": ("Sovittu vastuuasiantuntijan kanssa uusi soittoaika.",
                          "Asiantuntija sairaslomalla, siirretty kollegalle."),
    "seuranta_vaikutukset": ("Uudet toimintatavat ovat jääneet käyttöön, tuottavuus parantunut.",
                             "Koulutetuista suurin osa on yhä talossa.", "Yritys on palkannut kaksi lisää."),
    "seuranta_tarpeet": ("Seuraavaksi vientiin liittyvää neuvontaa.", "Ei uusia tarpeita juuri nyt."),
    # needs assessment
    "yrityksen_tilanne": ("Tilauskanta on kasvanut, ja tuotantoon tarvitaan lisää väkeä syksyyn mennessä.",
                          "Liikevaihto on pysynyt ennallaan; yritys hakee kasvua viennistä.",
                          "Omistaja on jäämässä eläkkeelle, ja jatkajaa etsitään."),
    "palvelutarve_kuvaus": ("Kaksi hitsaajaa ja yksi työnjohtaja, sekä esihenkilöiden koulutus.",
                            "Kasvusuunnitelman tueksi analyysi ja mahdollisesti konsultointi.",
                            "Henkilöstön digitaitojen kehittäminen uuden toiminnanohjausjärjestelmän myötä."),
    "ely_arvio": ("Yritys sopii kehittämispalvelujen kohderyhmään; ehdotetaan analyysia kasvun esteistä.",
                  "De minimis -tukia on saatu vähän; konsultointi tuotannon tehostamiseen on perusteltu."),
    "palvelusuunnitelma": ("Rekrytointi käynnistetään heti; koulutustarve arvioidaan uudelleen keväällä.",
                           "Analyysi haetaan ELY-keskukselta, ja yhteyshenkilö on tavattu.",),
    # development services
    "kehittamistarve": ("Tuotannon läpimenoajat ovat pitkiä; tavoite on nostaa kapasiteettia viidenneksellä.",
                        "Myynnin ja markkinoinnin suunnitelmallisuus; tavoitteena kaksi uutta asiakassegmenttiä."),
    "analyysi_havainnot": ("Tuotannon pullonkaula on maalaamossa; myynti nojaa kahteen suureen asiakkaaseen.",
                           "Johtamisen rakenteet ovat kevyet kasvuun nähden; talousraportointi viipyy."),
    "suositellut_toimenpiteet": ("Konsultointi tuotannon layoutin uudistamiseen ja esihenkilökoulutus.",
                                 "Myynnin kehittämisen konsultointi, 5 päivää."),
    "konsultointi_tulokset": ("Uusi tuotantolayout otettu käyttöön, läpimenoaika lyheni neljänneksellä.",
                              "Myyntiprosessi kuvattu ja CRM otettu käyttöön; kaksi uutta asiakasta."),
    "koulutuksen_aihe": ("Lean-johtaminen", "Myynnin johtaminen", "Talousosaaminen esihenkilöille"),
    "koulutus_tulokset": ("Osallistujat pitivät koulutusta käytännöllisenä; opit viedään tiimeihin.",
                          "Palaute keskimäärin hyvää; toivottiin enemmän yrityksen omia esimerkkejä."),
    "jatkopalvelu_kuvaus": ("Konsultointi analyysin suositusten toteuttamiseen.",),
    "seuranta_jatkotoimet": ("Soitetaan puolen vuoden päästä, ja kerrotaan kansainvälistymisen palveluista.",
                             "Ei sovittuja jatkotoimia; yritys ottaa yhteyttä tarvittaessa."),
    # change security
    "henkilostoryhmat": ("Tuotannon työntekijät ja varastohenkilöstö", "Asiakaspalvelu ja toimistotyö"),
    "tilanne_kuvaus": ("Tilauskanta on pudonnut kolmanneksella, ja yksi tuotantolinja suljetaan.",
                       "Toiminnot keskitetään toiselle paikkakunnalle vuoden loppuun mennessä."),
    "yrityksen_palvelutarve": ("Rahoitusneuvontaa ja liiketoiminnan uudelleensuunnittelua.",
                               "Jäljelle jäävien osaamisen kehittäminen uusiin tehtäviin."),
    "henkiloston_kysymykset": ("Kysyttiin ansiosidonnaisesta päivärahasta ja muutosturvakoulutuksesta.",
                               "Moni kiinnostui työnhakuvalmennuksesta ja ammattitutkinnoista."),
    "palvelut_kuvaus": ("Työnhakuvalmennus syyskuussa, muutosturvakoulutus lokakuusta alkaen.",
                        "Yksilöllinen työnhaun tuki ja kaksi rekrytointitapahtumaa alueen yrityksille."),
    "koulutusalat": ("Logistiikka, sosiaali- ja terveysala", "Kone- ja metalliala, ICT"),
    "osaamistarpeet_kuvaus": ("Monitaitoisuus tuotannossa ja automaatiolaitteiden käyttö.",
                              "Asiakaspalvelun digitaaliset kanavat ja myyntiosaaminen."),
    # recruitment
    "tehtavanimike": ("Hitsaaja", "CNC-koneistaja", "Lähihoitaja", "Myyntineuvottelija", "Ohjelmistokehittäjä",
                      "Varastotyöntekijä", "Kokki"),
    "tyon_kuvaus": ("MIG/MAG-hitsausta teräsrakenteisiin; hitsauslupa ja piirustusten lukutaito eduksi.",
                    "Asiakaskäynnit ja tarjousten laadinta; B-ajokortti vaaditaan.",
                    "Vuorotyötä kotihoidossa; lähihoitajan tutkinto ja rokotukset vaaditaan."),
    "kielitaitovaatimukset": ("Suomi, hyvä englanti eduksi", "Suomi tai ruotsi", "Englanti työkielenä"),
    "rekrytointineuvonta": ("Kerrottu palkkatuesta ja työkokeilusta sekä oppisopimuksesta.",
                            "Käyty läpi ilmoituksen sisältö ja hakuaika; neuvottu rekrytointikoulutuksesta."),
    "ilmoitus_tunnus": ("TMT-1234567", "TMT-2345678", "TMT-3456789"),
    "muut_julkaisukanavat": ("LinkedIn ja yrityksen omat sivut", "Ammattioppilaitoksen ilmoitustaulu"),
    "hakukriteerit": ("Hitsauslupa, vähintään kahden vuoden kokemus, aloitus syyskuussa.",
                      "Alan tutkinto tai vastaava kokemus, valmius vuorotyöhön."),
    "yrityksen_palaute_ehdokkaista": ("Kaksi ehdokasta kutsuttiin haastatteluun; osaaminen vastasi tarvetta.",
                                      "Ehdokkaat olivat hyviä, mutta kokemusta toivottiin enemmän."),
    "tyotarjousten_kohderyhma": ("Metallialan työnhakijat Pirkanmaalla", "Hoitoalan koulutetut työnhakijat"),
    "tapahtuman_nimi": ("Rekrytointipäivä: metalliala", "Työmarkkinatori", "Kesätyörekry"),
    "yhteistyokumppani": ("Ammattiopisto, joka markkinoi tapahtumaa opiskelijoilleen",
                          "Kunnan elinvoimapalvelut, tilat ja tiedotus"),
    "kohdemaat": ("Viro, Espanja", "Portugali, Kreikka", "Ruotsi, Norja"),
    "tyokieli": ("Englanti", "Suomi ja englanti", "Ruotsi"),
    # start-up grant
    "toimiala": ("Kahvilatoiminta", "Graafinen suunnittelu", "Rakennusalan urakointi", "Hiusalan palvelut"),
    "annettu_neuvonta": ("Ohjattu yrittäjäkurssille ja seudulliseen yrityspalveluun, kerrottu Finnveran lainoista.",),
    "konkreettinen_neuvonta": ("Käyty läpi ennakkoperintä, arvonlisävero, YEL-vakuutus ja kirjanpito.",
                               "Neuvottu rekisteröinti kaupparekisteriin ja yrittäjän eläkevakuutus."),
    "lausunto": ("Liiketoiminta on kannattavaa, jos myyntitavoite toteutuu; yrittäjällä on alan kokemus.",
                 "Suunnitelma on realistinen; rahoitus on järjestetty omilla varoilla ja pankkilainalla."),
    # joint-purchase training
    "koulutustarve": ("Tuotannon työntekijöiden automaatio-osaaminen uuden linjan myötä.",
                      "Esihenkilöiden johtamistaidot ja työhyvinvointi."),
    "koulutuksen_sisalto": ("Automaation perusteet ja robottisolun käyttö, 20 päivää.",
                            "Esihenkilötyön perusteet, 12 lähipäivää ja etätehtävät."),
    "koulutuspaikkakunta": ("Tampere", "Jyväskylä", "Oulu", "Lahti"),
    "valintaperusteet": ("Kokonaistaloudellisesti edullisin tarjous: hinta 40 %, laatu ja kokemus 60 %.",),
    "vaihtoehdot": ("Kerrottu työvoimakoulutuksesta ja oppisopimuksesta vaihtoehtoina.",),
    "jatkoajan_peruste": ("Osa koulutuspäivistä siirtyi tuotannon kiireiden vuoksi.",),
    # Enterprise Finland guidance
    "ohjattava_tarve": ("Rahoitus laitehankintaan ja vientiin.", "Kansainvälistymisen neuvonta."),
    "ohjattava_palvelu": ("Finnveran lainat ja takaukset", "Business Finlandin rahoitus",
                          "Uusyrityskeskuksen neuvonta"),
    "valitetyt_tiedot": ("Yrityksen tilanne, rahoitustarve ja yhteyshenkilön tiedot; sovittu yhteydenotto viikossa.",),
    "annetut_yhteystiedot": ("Finnveran asiakaspalvelu, puh. 029 460 11", "Uusyrityskeskuksen neuvoja"),
    "ohjeet_asiakkaalle": ("Valmistele tilinpäätöstiedot ja investointisuunnitelma tapaamiseen.",),
    "saatu_palvelu": ("Rahoitusneuvonta ja lainatarjous", "Vientineuvonta"),
}

# By what the id says the field holds: answers for fields without their own above.
PEOPLE = ("Liisa Laine", "Jukka Nieminen", "Sanna Mäkinen", "Timo Korhonen", "Hanna Virtanen", "Mikko Heikkinen")
ORGANISATIONS = ("Kasvupolku Consulting Oy", "Taitotalo", "Johtamistaito Oy", "Ammattiopisto Sataedu",
                 "Tuotantokehitys Laine Oy")
NOTES = ("Sovittu jatkosta yrityksen kanssa puhelimessa.", "Ei erityistä huomautettavaa.",
         "Yritys toivoi yhteydenpitoa sähköpostitse.", "Aikataulu piti; seuraava askel sovittu.")
GROUNDS = ("Yritys täyttää palvelun ehdot, ja tarve ja tavoitteet on kuvattu selvästi.",
           "Palvelu tukee yrityksen kasvusuunnitelmaa; tukikelpoisuus on tarkistettu.")
_BY_NAME: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("_puhelin",), ("040 123 4567", "050 765 4321", "044 555 0101")),
    (("_sahkoposti",), ("yhteys@esimerkki.fi", "rekrytointi@esimerkki.fi")),
    (("yhteyshenkilo", "hakija", "arvioija", "vastaanottaja", "ely_asiantuntija"), PEOPLE),
    (("palveluntuottaja", "organisaatio", "kumppani"), ORGANISATIONS),
    (("perustelut",), GROUNDS),
    (("huomiot", "kirjaus"), NOTES),
)


def text_answer(field_id: str, pick: int) -> str:
    """A plausible Finnish answer for a text field; "" for a field left empty on purpose."""
    if field_id.startswith("vastuuasiantuntija_"):
        return ""        # the expert of a started service: empty means the sender, as the form says
    answers = TEXTS.get(field_id) or next((a for keys, a in _BY_NAME if any(k in field_id for k in keys)), NOTES)
    return answers[pick % len(answers)]


__all__ = ["TEXTS", "text_answer"]
