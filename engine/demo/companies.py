"""Demo data: fictional business customers in Pirkanmaa for `palvelupolku demo` and tests.

Plain data, one dict per company with `engine.customers.add_customer`'s keywords. The companies and
people are invented. The Business IDs are drawn from 7000000-7999999, with their check digits
computed: valid, yet from a range the register has not reached as far as we know (it hands out
numbers in order and was in the 3 millions in the 2020s). E-mail domains end in `.example`,
which never resolves.
"""

from __future__ import annotations

from typing import Any

DEMO_COMPANIES: list[dict[str, Any]] = [
    {
        "business_id": "7022708-3", "name": "Tampereen Konepaja Oy", "industry": "25620",
        "size_class": "keskisuuri", "municipality": "Tampere", "ministry_segment": "kotimarkkina",
        "service_need_segment": "kasvava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Matti Virtanen", "title": "toimitusjohtaja", "phone": "+358 40 704 5242",
             "email": "matti.virtanen@tampereenkonepaja.example"},
            {"name": "Sari Laine", "title": "henkilöstöpäällikkö", "phone": "+358 50 997 1238",
             "email": "sari.laine@tampereenkonepaja.example"},
        ],
    },
    {
        "business_id": "7461522-7", "name": "Hervannan Koodiverstas Oy", "industry": "62010",
        "size_class": "pieni", "municipality": "Tampere", "ministry_segment": "kansainvalistyva",
        "service_need_segment": "kasvava", "lifecycle_phase": "haltuunotto",
        "contacts": [
            {"name": "Laura Mäkinen", "title": "toimitusjohtaja", "phone": "+358 40 234 2179",
             "email": "laura.makinen@koodiverstas.example"},
        ],
    },
    {
        "business_id": "7855617-2", "name": "Nokian Puutuote Oy", "industry": "16100",
        "size_class": "pieni", "municipality": "Nokia", "ministry_segment": "kotimarkkina",
        "service_need_segment": "tehostava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Jukka Nieminen", "title": "tuotantopäällikkö", "phone": "+358 40 703 7725",
             "email": "jukka.nieminen@nokianpuutuote.example"},
            {"name": "Anna Korhonen", "title": "talouspäällikkö", "phone": "+358 44 332 6186",
             "email": "anna.korhonen@nokianpuutuote.example"},
        ],
    },
    {
        "business_id": "7929402-0", "name": "Ylöjärven Leipomo Oy", "industry": "10710",
        "size_class": "pieni", "municipality": "Ylöjärvi", "ministry_segment": "paikallinen",
        "service_need_segment": "korvausrekrytointi", "lifecycle_phase": "sailyttaminen",
        "contacts": [
            {"name": "Timo Hämäläinen", "title": "yrittäjä", "phone": "+358 40 750 9907",
             "email": "timo.hamalainen@ylojarvenleipomo.example"},
        ],
    },
    {
        "business_id": "7908306-3", "name": "Kangasalan Sähköasennus Oy", "industry": "43210",
        "size_class": "mikro", "municipality": "Kangasala", "ministry_segment": "paikallinen",
        "service_need_segment": "kasvava", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Pekka Heikkinen", "title": "toimitusjohtaja", "phone": "+358 50 671 8615",
             "email": "pekka.heikkinen@kangasalansahko.example"},
        ],
    },
    {
        "business_id": "7936590-9", "name": "Pirkkalan Ohjelmistotalo Oy", "industry": "62010",
        "size_class": "keskisuuri", "municipality": "Pirkkala", "ministry_segment": "kansainvalistyva",
        "service_need_segment": "kasvava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Minna Koskinen", "title": "HR-päällikkö", "phone": "+358 40 410 7075",
             "email": "minna.koskinen@pirkkalanohjelmistotalo.example"},
            {"name": "Juha Järvinen", "title": "teknologiajohtaja", "phone": "+358 40 976 4437",
             "email": "juha.jarvinen@pirkkalanohjelmistotalo.example"},
        ],
    },
    {
        "business_id": "7593017-3", "name": "Lempäälän Kuljetus ja Logistiikka Oy", "industry": "49410",
        "size_class": "keskisuuri", "municipality": "Lempäälä", "ministry_segment": "kotimarkkina",
        "service_need_segment": "tehostava", "lifecycle_phase": "haltuunotto",
        "contacts": [
            {"name": "Tiina Lehtonen", "title": "henkilöstöpäällikkö", "phone": "+358 40 799 6094",
             "email": "tiina.lehtonen@lempaalanlogistiikka.example"},
        ],
    },
    {
        "business_id": "7096408-3", "name": "Valkeakosken Kartonkipalvelu Oy", "industry": "17210",
        "size_class": "keskisuuri", "municipality": "Valkeakoski", "ministry_segment": "kotimarkkina",
        "service_need_segment": "ongelmat", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Mikko Lehtinen", "title": "tehtaanjohtaja", "phone": "+358 44 986 5078",
             "email": "mikko.lehtinen@kartonkipalvelu.example"},
            {"name": "Heidi Saarinen", "title": "HR-asiantuntija", "phone": "+358 44 535 7415",
             "email": "heidi.saarinen@kartonkipalvelu.example"},
        ],
    },
    {
        "business_id": "7655922-2", "name": "Sastamalan Elintarvike Oy", "industry": "10890",
        "size_class": "pieni", "municipality": "Sastamala", "ministry_segment": "kotimarkkina",
        "service_need_segment": "kasvava", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Kari Salminen", "title": "toimitusjohtaja", "phone": "+358 50 433 6307",
             "email": "kari.salminen@sastamalanelintarvike.example"},
        ],
    },
    {
        "business_id": "7426676-8", "name": "Pirkanmaan Nostinhuolto Oy", "industry": "33120",
        "size_class": "pieni", "municipality": "Tampere", "ministry_segment": "paikallinen",
        "service_need_segment": "korvausrekrytointi", "lifecycle_phase": "sailyttaminen",
        "contacts": [
            {"name": "Paula Heinonen", "title": "huoltopäällikkö", "phone": "+358 40 123 9196",
             "email": "paula.heinonen@nostinhuolto.example"},
        ],
    },
    {
        "business_id": "7156290-8", "name": "Näsijärven Muovi Oy", "industry": "22220",
        "size_class": "keskisuuri", "municipality": "Tampere", "ministry_segment": "kansainvalistyva",
        "service_need_segment": "tehostava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Antti Niemi", "title": "tuotantojohtaja", "phone": "+358 44 235 5624",
             "email": "antti.niemi@nasijarvenmuovi.example"},
            {"name": "Johanna Heikkilä", "title": "henkilöstöasiantuntija", "phone": "+358 40 651 9630",
             "email": "johanna.heikkila@nasijarvenmuovi.example"},
        ],
    },
    {
        "business_id": "7253779-8", "name": "Tesoman Puusepänverstas Oy", "industry": "31090",
        "size_class": "mikro", "municipality": "Tampere", "ministry_segment": "paikallinen",
        "service_need_segment": "aloitusvaihe", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Jari Kinnunen", "title": "yrittäjä", "phone": "+358 40 536 3544",
             "email": "jari.kinnunen@tesomanpuuseppa.example"},
        ],
    },
    {
        "business_id": "7301783-1", "name": "Oriveden Rakennus Oy", "industry": "41200",
        "size_class": "pieni", "municipality": "Orivesi", "ministry_segment": "paikallinen",
        "service_need_segment": "kasvava", "lifecycle_phase": "haltuunotto",
        "contacts": [
            {"name": "Kirsi Salonen", "title": "toimistopäällikkö", "phone": "+358 44 695 7733",
             "email": "kirsi.salonen@orivedenrakennus.example"},
            {"name": "Markku Turunen", "title": "vastaava työnjohtaja", "phone": "+358 50 235 7046",
             "email": "markku.turunen@orivedenrakennus.example"},
        ],
    },
    {
        "business_id": "7609836-6", "name": "Ikaalisten Kylpylähotelli Oy", "industry": "55101",
        "size_class": "keskisuuri", "municipality": "Ikaalinen", "ministry_segment": "kotimarkkina",
        "service_need_segment": "ongelmat", "lifecycle_phase": "sailyttaminen",
        "contacts": [
            {"name": "Elina Salo", "title": "hotellinjohtaja", "phone": "+358 40 530 1694",
             "email": "elina.salo@ikaalistenkylpylahotelli.example"},
        ],
    },
    {
        "business_id": "7100241-7", "name": "Akaan Teräsrakenne Oy", "industry": "25110",
        "size_class": "pieni", "municipality": "Akaa", "ministry_segment": "kotimarkkina",
        "service_need_segment": "kasvava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Petri Laitinen", "title": "toimitusjohtaja", "phone": "+358 50 954 3626",
             "email": "petri.laitinen@akaanterasrakenne.example"},
        ],
    },
    {
        "business_id": "7754084-9", "name": "Mäntän Paperiteknologia Oy", "industry": "17120",
        "size_class": "suuri", "municipality": "Mänttä-Vilppula", "ministry_segment": "suuryritys",
        "service_need_segment": "tehostava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Hanna Tuominen", "title": "henkilöstöjohtaja", "phone": "+358 50 943 4969",
             "email": "hanna.tuominen@mantanpaperiteknologia.example"},
            {"name": "Ville Rantanen", "title": "kehitysjohtaja", "phone": "+358 44 481 7169",
             "email": "ville.rantanen@mantanpaperiteknologia.example"},
        ],
    },
    {
        "business_id": "7491568-4", "name": "Hämeenkyrön Kotipalvelu Oy", "industry": "88101",
        "size_class": "pieni", "municipality": "Hämeenkyrö", "ministry_segment": "paikallinen",
        "service_need_segment": "korvausrekrytointi", "lifecycle_phase": "sailyttaminen",
        "contacts": [
            {"name": "Outi Karjalainen", "title": "palveluesimies", "phone": "+358 44 100 9651",
             "email": "outi.karjalainen@hameenkyronkotipalvelu.example"},
        ],
    },
    {
        "business_id": "7079443-2", "name": "Parkanon Metsäkone Oy", "industry": "28300",
        "size_class": "pieni", "municipality": "Parkano", "ministry_segment": "kotimarkkina",
        "service_need_segment": "ongelmat", "lifecycle_phase": "haltuunotto",
        "contacts": [
            {"name": "Janne Jokinen", "title": "toimitusjohtaja", "phone": "+358 40 183 7306",
             "email": "janne.jokinen@parkanonmetsakone.example"},
        ],
    },
    {
        "business_id": "7642725-4", "name": "Virtain Kalajaloste Oy", "industry": "10200",
        "size_class": "mikro", "municipality": "Virrat", "ministry_segment": "paikallinen",
        "service_need_segment": "aloitusvaihe", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Riikka Mattila", "title": "yrittäjä", "phone": "+358 50 809 7591",
             "email": "riikka.mattila@virtainkalajaloste.example"},
        ],
    },
    {
        "business_id": "7073249-3", "name": "Lempäälän Hammasklinikka Oy", "industry": "86230",
        "size_class": "mikro", "municipality": "Lempäälä", "ministry_segment": "paikallinen",
        "service_need_segment": "korvausrekrytointi", "lifecycle_phase": "sailyttaminen",
        "contacts": [
            {"name": "Sami Savolainen", "title": "vastaava hammaslääkäri", "phone": "+358 50 264 9394",
             "email": "sami.savolainen@lempaalanhammasklinikka.example"},
        ],
    },
    {
        "business_id": "7748691-8", "name": "Tampereen Insinööritoimisto Kaari Oy", "industry": "71122",
        "size_class": "pieni", "municipality": "Tampere", "ministry_segment": "kotimarkkina",
        "service_need_segment": "kasvava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Päivi Lahtinen", "title": "toimitusjohtaja", "phone": "+358 40 143 5866",
             "email": "paivi.lahtinen@insinooritoimistokaari.example"},
            {"name": "Harri Ahonen", "title": "suunnittelupäällikkö", "phone": "+358 40 632 4145",
             "email": "harri.ahonen@insinooritoimistokaari.example"},
        ],
    },
    {
        "business_id": "7382156-3", "name": "Pispalan Panimo Oy", "industry": "11050",
        "size_class": "mikro", "municipality": "Tampere", "ministry_segment": "paikallinen",
        "service_need_segment": "kasvava", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Satu Hiltunen", "title": "panimomestari", "phone": "+358 50 408 3182",
             "email": "satu.hiltunen@pispalanpanimo.example"},
        ],
    },
    {
        "business_id": "7093368-2", "name": "Kangasalan Vihannestila Oy", "industry": "01130",
        "size_class": "mikro", "municipality": "Kangasala", "ministry_segment": "paikallinen",
        "service_need_segment": "tehostava", "lifecycle_phase": "haltuunotto",
        "contacts": [
            {"name": "Tuomas Koivisto", "title": "yrittäjä", "phone": "+358 50 321 3823",
             "email": "tuomas.koivisto@kangasalanvihannes.example"},
        ],
    },
    {
        "business_id": "7420638-6", "name": "Pirkkalan Autohuolto Oy", "industry": "45200",
        "size_class": "mikro", "municipality": "Pirkkala", "ministry_segment": "paikallinen",
        "service_need_segment": "korvausrekrytointi", "lifecycle_phase": "sailyttaminen",
        "contacts": [
            {"name": "Esa Leinonen", "title": "korjaamopäällikkö", "phone": "+358 50 756 2559",
             "email": "esa.leinonen@pirkkalanautohuolto.example"},
        ],
    },
    {
        "business_id": "7229790-7", "name": "Nokian Pintakäsittely Oy", "industry": "25610",
        "size_class": "pieni", "municipality": "Nokia", "ministry_segment": "kotimarkkina",
        "service_need_segment": "ongelmat", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Merja Kallio", "title": "toimitusjohtaja", "phone": "+358 40 185 8712",
             "email": "merja.kallio@nokianpintakasittely.example"},
            {"name": "Olli Aaltonen", "title": "laatupäällikkö", "phone": "+358 40 221 6280",
             "email": "olli.aaltonen@nokianpintakasittely.example"},
        ],
    },
    {
        "business_id": "7615173-7", "name": "Ylöjärven Sähkömoottori Oy", "industry": "27110",
        "size_class": "keskisuuri", "municipality": "Ylöjärvi", "ministry_segment": "kansainvalistyva",
        "service_need_segment": "kasvava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Marja Peltonen", "title": "henkilöstöpäällikkö", "phone": "+358 40 772 8722",
             "email": "marja.peltonen@ylojarvensahkomoottori.example"},
        ],
    },
    {
        "business_id": "7682643-1", "name": "Valkeakosken Tekstiilityö Oy", "industry": "13920",
        "size_class": "mikro", "municipality": "Valkeakoski", "ministry_segment": "paikallinen",
        "service_need_segment": "aloitusvaihe", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Leena Honkanen", "title": "yrittäjä", "phone": "+358 40 675 3115",
             "email": "leena.honkanen@tekstiilityo.example"},
        ],
    },
    {
        "business_id": "7189567-3", "name": "Sastamalan Kone ja Kuljetin Oy", "industry": "28220",
        "size_class": "pieni", "municipality": "Sastamala", "ministry_segment": "kansainvalistyva",
        "service_need_segment": "kasvava", "lifecycle_phase": "haltuunotto",
        "contacts": [
            {"name": "Ari Mustonen", "title": "myyntijohtaja", "phone": "+358 50 697 4291",
             "email": "ari.mustonen@konejakuljetin.example"},
            {"name": "Niina Vainio", "title": "talous- ja henkilöstöpäällikkö", "phone": "+358 50 127 7179",
             "email": "niina.vainio@konejakuljetin.example"},
        ],
    },
    {
        "business_id": "7081553-9", "name": "Tampereen Ravintolapalvelut Oy", "industry": "56101",
        "size_class": "keskisuuri", "municipality": "Tampere", "ministry_segment": "paikallinen",
        "service_need_segment": "korvausrekrytointi", "lifecycle_phase": "sailyttaminen",
        "contacts": [
            {"name": "Jaana Ketola", "title": "ravintolapäällikkö", "phone": "+358 44 222 7472",
             "email": "jaana.ketola@tampereenravintolapalvelut.example"},
        ],
    },
    {
        "business_id": "7405788-6", "name": "Pirkanmaan Yrittäjyysyhdistys ry", "industry": "94110",
        "size_class": "mikro", "municipality": "Tampere", "ministry_segment": "yhteiso",
        "service_need_segment": "", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Raimo Lindholm", "title": "puheenjohtaja", "phone": "+358 50 923 6988",
             "email": "raimo.lindholm@yrittajyysyhdistys.example"},
        ],
    },
    {
        "business_id": "7536821-3", "name": "Lempäälän Ohutlevy Oy", "industry": "25990",
        "size_class": "pieni", "municipality": "Lempäälä", "ministry_segment": "kotimarkkina",
        "service_need_segment": "tehostava", "lifecycle_phase": "kehittaminen",
        "contacts": [
            {"name": "Vesa Räsänen", "title": "tuotantopäällikkö", "phone": "+358 50 175 5170",
             "email": "vesa.rasanen@lempaalanohutlevy.example"},
        ],
    },
    {
        "business_id": "7785172-7", "name": "Ruoveden Mökkirakentajat Oy", "industry": "16230",
        "size_class": "mikro", "municipality": "Ruovesi", "ministry_segment": "paikallinen",
        "service_need_segment": "aloitusvaihe", "lifecycle_phase": "hankinta",
        "contacts": [
            {"name": "Mervi Toivonen", "title": "yrittäjä", "phone": "+358 50 592 1426",
             "email": "mervi.toivonen@mokkirakentajat.example"},
        ],
    },
]
