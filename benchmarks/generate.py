"""Generate varied German and English news-like articles for benchmarks (JSON Lines).

Run: ``python benchmarks/generate.py COUNT OUT.jsonl [SEED]`` (seed 7 by default).

Every article is built from sentence templates (ours, invented; not copied from any outlet)
filled with actors, roles, places, issues, numbers and dates drawn from a seeded
``random.Random``, so the same seed always gives the same file. An article has a small cast
(2–4 persons, introduced once with role and full name, then by surname or a descriptor), a few
focus states, a headline, paragraphs with occasional sub-headings and, for about a third of the
articles, reader comments (``comments``: author, text, date, ``reply_to`` an earlier author).

The templates cover what real articles have: direct quotes (colon-introduced, quote-first,
split quotes, labels), reported speech (Konjunktiv I / "said that"), "laut …"/"according to …"
claims, stances (demands, supports, opposes, rejects an issue), events with dates and places
(attacks, captures, annexations, summits, sanctions, agreements, elections, visits), roles and
appositions, government bodies ("das Außenministerium in Kiew"), numbers, and background
sentences with few or no named entities. Lengths are lognormal (median ~3,000 characters,
clipped to 800–8,000), dates spread over 2014–2025, ~60 % of the articles are German.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from string import Formatter

#: Named-query parameter values that exist in a corpus generated with seed 7 (the default);
#: the latency benchmarks fill query parameters from this table. Mark Rutte (Q57792) is in the
#: cast of ~30 % of the articles and speaks there; NATO (Q7184) and Russia (Q159) are the most
#: frequent organisation and state (Russia as event participant and as a claim's source).
QUERY_PARAMS = {
    "article": "bench-7-0",
    "actor": "Q7184",
    "speaker": "Q57792",
    "issue": "membership:Q212:Q7184",
    "since": "2024-01-01",
    "until": "2025-12-31",
    "participant": "Q159",
    "source": "Q159",
    "name": "NATO",
    "of": "Q7184",
}

#: Share of German articles (the corpus the project reads is mostly German).
GERMAN_SHARE = 0.6
#: Lognormal article length (characters of body text): median and sigma of log(length), and
#: the clip range. sigma 0.55 puts ~95 % of the articles between ~1,000 and ~8,800 characters.
LENGTH_MEDIAN = 3000
LENGTH_SIGMA = 0.55
LENGTH_MIN, LENGTH_MAX = 800, 8000
#: Share of background sentences (few or no named entities). Calibrated so that extracted quads
#: per 1,000 characters fall within ±25 % of the dev articles' average (see benchmarks/README.md).
FILLER_SHARE = 0.3
#: Share of articles with reader comments, and most comments on one article.
COMMENTED_SHARE = 0.33
MAX_COMMENTS = 14

FIRST_DAY = date(2014, 1, 1)
LAST_DAY = date(2025, 12, 31)

DE, EN = 0, 1


@dataclass(frozen=True, slots=True)
class _State:
    """A state's forms: ``name`` (nominative; German with article), ``dat``, ``gen``
    (postnominal genitive; English possessive), ``pre`` (German prenominal genitive or ""),
    ``adj`` (German adjective stem; English demonym) and ``cap`` (capital, used as place and as
    metonym), each as a (German, English) pair."""

    name: tuple[str, str]
    dat: tuple[str, str]
    gen: tuple[str, str]
    pre: str
    adj: tuple[str, str]
    cap: tuple[str, str]


def _st(
    de: str,
    dat: str,
    gen: str,
    pre: str,
    adj: str,
    cap: str,
    en: str,
    pos: str,
    demonym: str,
    cap_en: str,
) -> _State:
    return _State((de, en), (dat, en), (gen, pos), pre, (adj, demonym), (cap, cap_en))


STATES = {
    "russia": _st(
        "Russland",
        "Russland",
        "Russlands",
        "Russlands",
        "russisch",
        "Moskau",
        "Russia",
        "Russia's",
        "Russian",
        "Moscow",
    ),
    "ukraine": _st(
        "die Ukraine",
        "der Ukraine",
        "der Ukraine",
        "",
        "ukrainisch",
        "Kiew",
        "Ukraine",
        "Ukraine's",
        "Ukrainian",
        "Kyiv",
    ),
    "germany": _st(
        "Deutschland",
        "Deutschland",
        "Deutschlands",
        "Deutschlands",
        "deutsch",
        "Berlin",
        "Germany",
        "Germany's",
        "German",
        "Berlin",
    ),
    "france": _st(
        "Frankreich",
        "Frankreich",
        "Frankreichs",
        "Frankreichs",
        "französisch",
        "Paris",
        "France",
        "France's",
        "French",
        "Paris",
    ),
    "poland": _st(
        "Polen",
        "Polen",
        "Polens",
        "Polens",
        "polnisch",
        "Warschau",
        "Poland",
        "Poland's",
        "Polish",
        "Warsaw",
    ),
    "uk": _st(
        "Großbritannien",
        "Großbritannien",
        "Großbritanniens",
        "Großbritanniens",
        "britisch",
        "London",
        "Britain",
        "Britain's",
        "British",
        "London",
    ),
    "us": _st(
        "die US-Regierung",
        "den USA",
        "der USA",
        "",
        "amerikanisch",
        "Washington",
        "the United States",
        "America's",
        "American",
        "Washington",
    ),
    "china": _st(
        "China",
        "China",
        "Chinas",
        "Chinas",
        "chinesisch",
        "Peking",
        "China",
        "China's",
        "Chinese",
        "Beijing",
    ),
    "hungary": _st(
        "Ungarn",
        "Ungarn",
        "Ungarns",
        "Ungarns",
        "ungarisch",
        "Budapest",
        "Hungary",
        "Hungary's",
        "Hungarian",
        "Budapest",
    ),
    "lithuania": _st(
        "Litauen",
        "Litauen",
        "Litauens",
        "Litauens",
        "litauisch",
        "Vilnius",
        "Lithuania",
        "Lithuania's",
        "Lithuanian",
        "Vilnius",
    ),
    "estonia": _st(
        "Estland",
        "Estland",
        "Estlands",
        "Estlands",
        "estnisch",
        "Tallinn",
        "Estonia",
        "Estonia's",
        "Estonian",
        "Tallinn",
    ),
    "finland": _st(
        "Finnland",
        "Finnland",
        "Finnlands",
        "Finnlands",
        "finnisch",
        "Helsinki",
        "Finland",
        "Finland's",
        "Finnish",
        "Helsinki",
    ),
    "turkey": _st(
        "die Türkei",
        "der Türkei",
        "der Türkei",
        "",
        "türkisch",
        "Ankara",
        "Turkey",
        "Turkey's",
        "Turkish",
        "Ankara",
    ),
    "israel": _st(
        "Israel",
        "Israel",
        "Israels",
        "Israels",
        "israelisch",
        "Jerusalem",
        "Israel",
        "Israel's",
        "Israeli",
        "Jerusalem",
    ),
    "iran": _st(
        "der Iran",
        "dem Iran",
        "des Iran",
        "",
        "iranisch",
        "Teheran",
        "Iran",
        "Iran's",
        "Iranian",
        "Tehran",
    ),
    "georgia": _st(
        "Georgien",
        "Georgien",
        "Georgiens",
        "Georgiens",
        "georgisch",
        "Tiflis",
        "Georgia",
        "Georgia's",
        "Georgian",
        "Tbilisi",
    ),
    "moldova": _st(
        "Moldau",
        "Moldau",
        "Moldaus",
        "Moldaus",
        "moldauisch",
        "Chisinau",
        "Moldova",
        "Moldova's",
        "Moldovan",
        "Chisinau",
    ),
    "italy": _st(
        "Italien",
        "Italien",
        "Italiens",
        "Italiens",
        "italienisch",
        "Rom",
        "Italy",
        "Italy's",
        "Italian",
        "Rome",
    ),
    "slovakia": _st(
        "die Slowakei",
        "der Slowakei",
        "der Slowakei",
        "",
        "slowakisch",
        "Bratislava",
        "Slovakia",
        "Slovakia's",
        "Slovak",
        "Bratislava",
    ),
    "north_korea": _st(
        "Nordkorea",
        "Nordkorea",
        "Nordkoreas",
        "Nordkoreas",
        "nordkoreanisch",
        "Pjöngjang",
        "North Korea",
        "North Korea's",
        "North Korean",
        "Pyongyang",
    ),
    "taiwan": _st(
        "Taiwan",
        "Taiwan",
        "Taiwans",
        "Taiwans",
        "taiwanisch",
        "Taipeh",
        "Taiwan",
        "Taiwan's",
        "Taiwanese",
        "Taipei",
    ),
    "japan": _st(
        "Japan",
        "Japan",
        "Japans",
        "Japans",
        "japanisch",
        "Tokio",
        "Japan",
        "Japan's",
        "Japanese",
        "Tokyo",
    ),
    "qatar": _st(
        "Katar",
        "Katar",
        "Katars",
        "Katars",
        "katarisch",
        "Doha",
        "Qatar",
        "Qatar's",
        "Qatari",
        "Doha",
    ),
    "egypt": _st(
        "Ägypten",
        "Ägypten",
        "Ägyptens",
        "Ägyptens",
        "ägyptisch",
        "Kairo",
        "Egypt",
        "Egypt's",
        "Egyptian",
        "Cairo",
    ),
    "lebanon": _st(
        "der Libanon",
        "dem Libanon",
        "des Libanon",
        "",
        "libanesisch",
        "Beirut",
        "Lebanon",
        "Lebanon's",
        "Lebanese",
        "Beirut",
    ),
}
STATE_KEYS = sorted(STATES)

#: Role words: German masculine, German feminine, English title, and descriptors used after
#: the first mention (German masculine, German feminine, English).
ROLES = {
    "president": (
        "Präsident",
        "Präsidentin",
        "President",
        "der Präsident",
        "die Präsidentin",
        "the president",
    ),
    "pm": (
        "Regierungschef",
        "Regierungschefin",
        "Prime Minister",
        "der Regierungschef",
        "die Regierungschefin",
        "the prime minister",
    ),
    "chancellor": (
        "Bundeskanzler",
        "Bundeskanzlerin",
        "Chancellor",
        "der Kanzler",
        "die Kanzlerin",
        "the chancellor",
    ),
    "fm": (
        "Außenminister",
        "Außenministerin",
        "Foreign Minister",
        "der Minister",
        "die Ministerin",
        "the minister",
    ),
    "dm": (
        "Verteidigungsminister",
        "Verteidigungsministerin",
        "Defence Minister",
        "der Minister",
        "die Ministerin",
        "the minister",
    ),
}


@dataclass(frozen=True, slots=True)
class _Person:
    """A person: names and surnames (German, English), gender, state key (or ""), role key;
    ``title`` replaces "<adjective> <role>" for office holders of organisations
    ("NATO-Generalsekretär", "NATO Secretary General") and ``desc`` gives their descriptors."""

    name: tuple[str, str]
    surname: tuple[str, str]
    female: bool
    state: str
    role: str
    title: tuple[str, str] = ("", "")
    desc: tuple[str, str] = ("", "")


def _p(
    de: str,
    en: str,
    state: str,
    role: str,
    *,
    female: bool = False,
    title: tuple[str, str] = ("", ""),
    desc: tuple[str, str] = ("", ""),
    surname: str = "",
) -> _Person:
    if surname:
        de_sur, _, en_sur = surname.partition("|")
        names = (de_sur, en_sur or de_sur)
    else:
        names = (de.split()[-1], en.split()[-1])
    return _Person((de, en), names, female, state, role, title, desc)


RUTTE = _p(
    "Mark Rutte",
    "Mark Rutte",
    "",
    "sg",
    title=("NATO-Generalsekretär", "NATO Secretary General"),
    desc=("der NATO-Chef", "the NATO chief"),
)
#: (person, weight, themes): u Ukraine war, m Middle East, a East Asia, e European politics.
PEOPLE = [
    (
        _p(
            "Wladimir Putin",
            "Vladimir Putin",
            "russia",
            "president",
            desc=("der Kremlchef", "the Russian leader"),
        ),
        4,
        "uae",
    ),
    (
        _p(
            "Wolodymyr Selenskyj",
            "Volodymyr Zelensky",
            "ukraine",
            "president",
            desc=("der ukrainische Staatschef", "the Ukrainian leader"),
        ),
        4,
        "ue",
    ),
    (_p("Sergej Lawrow", "Sergei Lavrov", "russia", "fm"), 3, "uame"),
    (
        _p(
            "Dmitri Peskow",
            "Dmitry Peskov",
            "russia",
            "spokes",
            title=("Kremlsprecher", "Kremlin spokesman"),
            desc=("der Sprecher", "the spokesman"),
        ),
        3,
        "ue",
    ),
    (
        _p(
            "Maria Sacharowa",
            "Maria Zakharova",
            "russia",
            "spokes",
            female=True,
            title=("Außenamtssprecherin", "Russian Foreign Ministry spokeswoman"),
            desc=("die Sprecherin", "the spokeswoman"),
        ),
        1,
        "ue",
    ),
    (_p("Andrij Sybiha", "Andrii Sybiha", "ukraine", "fm"), 2, "u"),
    (_p("Denys Schmyhal", "Denys Shmyhal", "ukraine", "pm"), 1, "u"),
    (_p("Emmanuel Macron", "Emmanuel Macron", "france", "president"), 2, "ume"),
    (_p("Olaf Scholz", "Olaf Scholz", "germany", "chancellor"), 2, "ue"),
    (_p("Friedrich Merz", "Friedrich Merz", "germany", "chancellor"), 1, "ume"),
    (_p("Annalena Baerbock", "Annalena Baerbock", "germany", "fm", female=True), 2, "umae"),
    (_p("Boris Pistorius", "Boris Pistorius", "germany", "dm"), 2, "u"),
    (_p("Donald Tusk", "Donald Tusk", "poland", "pm"), 2, "ue"),
    (_p("Radosław Sikorski", "Radosław Sikorski", "poland", "fm"), 1, "ue"),
    (
        _p(
            "Kaja Kallas",
            "Kaja Kallas",
            "",
            "hr",
            female=True,
            title=("EU-Außenbeauftragte", "EU foreign policy chief"),
            desc=("die Außenbeauftragte", "the EU's top diplomat"),
        ),
        2,
        "umae",
    ),
    (
        _p(
            "Ursula von der Leyen",
            "Ursula von der Leyen",
            "",
            "cp",
            female=True,
            title=("EU-Kommissionspräsidentin", "European Commission President"),
            desc=("die Kommissionschefin", "the Commission president"),
            surname="von der Leyen",
        ),
        2,
        "ue",
    ),
    (
        _p(
            "António Guterres",
            "António Guterres",
            "",
            "unsg",
            title=("UN-Generalsekretär", "UN Secretary-General"),
            desc=("der UN-Chef", "the UN chief"),
        ),
        1,
        "uma",
    ),
    (_p("Viktor Orbán", "Viktor Orbán", "hungary", "pm"), 2, "ue"),
    (_p("Péter Szijjártó", "Péter Szijjártó", "hungary", "fm"), 1, "ue"),
    (_p("Donald Trump", "Donald Trump", "us", "president"), 2, "uma"),
    (_p("Joe Biden", "Joe Biden", "us", "president"), 1, "uma"),
    (
        _p(
            "Marco Rubio",
            "Marco Rubio",
            "us",
            "fm",
            title=("US-Außenminister", "US Secretary of State"),
            desc=("der Minister", "the secretary"),
        ),
        1,
        "uma",
    ),
    (_p("Keir Starmer", "Keir Starmer", "uk", "pm"), 1, "um"),
    (_p("Xi Jinping", "Xi Jinping", "china", "president", surname="Xi"), 2, "ua"),
    (_p("Wang Yi", "Wang Yi", "china", "fm", surname="Wang"), 2, "a"),
    (_p("Lai Ching-te", "Lai Ching-te", "taiwan", "president", surname="Lai"), 2, "a"),
    (
        _p(
            "Kim Jong Un",
            "Kim Jong Un",
            "north_korea",
            "leader",
            surname="Kim",
            title=("Nordkoreas Machthaber", "North Korean leader"),
            desc=("der Machthaber", "the North Korean leader"),
        ),
        1,
        "a",
    ),
    (_p("Shigeru Ishiba", "Shigeru Ishiba", "japan", "pm"), 1, "a"),
    (_p("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan", "turkey", "president"), 1, "um"),
    (_p("Benjamin Netanjahu", "Benjamin Netanyahu", "israel", "pm"), 3, "m"),
    (_p("Israel Katz", "Israel Katz", "israel", "dm"), 1, "m"),
    (_p("Massud Peseschkian", "Masoud Pezeshkian", "iran", "president"), 2, "m"),
    (_p("Abbas Araghtschi", "Abbas Araghchi", "iran", "fm"), 2, "m"),
    (
        _p(
            "Mohammed bin Abdulrahman Al Thani",
            "Mohammed bin Abdulrahman Al Thani",
            "qatar",
            "pm",
            surname="Al Thani",
        ),
        1,
        "m",
    ),
    (
        _p(
            "Abdel Fattah al-Sisi",
            "Abdel Fattah el-Sisi",
            "egypt",
            "president",
            surname="al-Sisi|el-Sisi",
        ),
        1,
        "m",
    ),
    (_p("Joseph Aoun", "Joseph Aoun", "lebanon", "president"), 1, "m"),
    (_p("Gitanas Nausėda", "Gitanas Nausėda", "lithuania", "president"), 1, "u"),
    (_p("Alexander Stubb", "Alexander Stubb", "finland", "president"), 1, "u"),
    (_p("Hanno Pevkur", "Hanno Pevkur", "estonia", "dm"), 1, "u"),
    (_p("Maia Sandu", "Maia Sandu", "moldova", "president", female=True), 2, "e"),
    (_p("Irakli Kobachidse", "Irakli Kobakhidze", "georgia", "pm"), 2, "e"),
    (
        _p("Salome Surabischwili", "Salome Zourabichvili", "georgia", "president", female=True),
        1,
        "e",
    ),
    (_p("Giorgia Meloni", "Giorgia Meloni", "italy", "pm", female=True), 1, "ume"),
    (_p("Robert Fico", "Robert Fico", "slovakia", "pm"), 1, "ue"),
]

#: Organisations (nominative/accusative; English), NATO repeated so it is the most frequent.
ORGS = [("die NATO", "NATO")] * 4 + [
    ("die EU", "the EU"),
    ("die Europäische Union", "the European Union"),
    ("die Vereinten Nationen", "the United Nations"),
    ("die OSZE", "the OSCE"),
    ("die G7", "the G7"),
]
#: Meeting places (German, English).
VENUES = [
    ("Brüssel", "Brussels"),
    ("Genf", "Geneva"),
    ("Wien", "Vienna"),
    ("Berlin", "Berlin"),
    ("Paris", "Paris"),
    ("Warschau", "Warsaw"),
    ("Istanbul", "Istanbul"),
    ("Den Haag", "The Hague"),
    ("Vilnius", "Vilnius"),
    ("Rom", "Rome"),
    ("London", "London"),
    ("Helsinki", "Helsinki"),
]
#: Cities that come under attack (German, English).
TARGET_CITIES = [
    ("Charkiw", "Kharkiv"),
    ("Odessa", "Odesa"),
    ("Dnipro", "Dnipro"),
    ("Saporischschja", "Zaporizhzhia"),
    ("Kiew", "Kyiv"),
    ("Lwiw", "Lviv"),
    ("Sumy", "Sumy"),
    ("Cherson", "Kherson"),
]
#: Invented villages and real front-line regions (German, English).
VILLAGES = [
    ("Kamjanka", "Kamianka"),
    ("Berestowe", "Berestove"),
    ("Stepowe", "Stepove"),
    ("Olhiwka", "Olhivka"),
    ("Petriwka", "Petrivka"),
    ("Nowoseliwka", "Novoselivka"),
    ("Hruschiwka", "Hrushivka"),
    ("Sorjane", "Soriane"),
]
REGIONS = [
    ("Donezk", "Donetsk"),
    ("Saporischschja", "Zaporizhzhia"),
    ("Charkiw", "Kharkiv"),
    ("Luhansk", "Luhansk"),
    ("Cherson", "Kherson"),
]
#: Issues (German accusative, English) per theme, repeated by weight. Ukraine's NATO
#: membership is the most frequent one of the Ukraine theme (QUERY_PARAMS issue).
_MEMBERSHIP = [
    ("eine NATO-Mitgliedschaft der Ukraine", "Ukraine's NATO membership"),
    ("einen NATO-Beitritt der Ukraine", "NATO membership for Ukraine"),
    ("eine Einladung der Ukraine in die NATO", "an invitation for Ukraine to join NATO"),
]
_SANCTIONS_RU = (
    "ein weiteres Sanktionspaket gegen Russland",
    "a further sanctions package against Russia",
)
ISSUES = {
    "u": _MEMBERSHIP * 2
    + [
        ("weitere Waffenlieferungen an die Ukraine", "further arms deliveries to Ukraine"),
        ("mehr Militärhilfe für Kiew", "more military aid for Kyiv"),
        (
            "zusätzliche Flugabwehrsysteme für die Ukraine",
            "additional air defence systems for Ukraine",
        ),
        ("neue Sanktionen gegen Russland", "new sanctions against Russia"),
        _SANCTIONS_RU,
        ("Sicherheitsgarantien für die Ukraine", "security guarantees for Ukraine"),
        (
            "einen Waffenstillstand zwischen Russland und der Ukraine",
            "a ceasefire between Russia and Ukraine",
        ),
        ("Verhandlungen mit Russland", "talks with Russia"),
        ("Friedensgespräche mit Moskau", "peace negotiations with Moscow"),
        ("neue Sanktionen gegen Belarus", "new sanctions against Belarus"),
    ],
    "m": [
        ("eine Waffenruhe im Gazastreifen", "a truce in Gaza"),
        (
            "einen Waffenstillstand zwischen Israel und der Hisbollah",
            "a ceasefire between Israel and Hezbollah",
        ),
        ("neue Sanktionen gegen den Iran", "new sanctions against Iran"),
        ("Verhandlungen mit dem Iran", "talks with Iran"),
        ("mehr Militärhilfe für Israel", "more military aid for Israel"),
        ("weitere Waffenlieferungen an Israel", "further arms deliveries to Israel"),
        ("mehr humanitäre Hilfe für den Gazastreifen", "more humanitarian aid for Gaza"),
    ],
    "a": [
        ("weitere Waffenlieferungen an Taiwan", "further arms deliveries to Taiwan"),
        ("mehr Militärhilfe für Taiwan", "more military aid for Taiwan"),
        ("neue Sanktionen gegen Nordkorea", "new sanctions against North Korea"),
        ("Gespräche mit China", "talks with China"),
        ("neue Sanktionen gegen China", "new sanctions against China"),
    ],
    "e": [
        ("einen EU-Beitritt Moldaus", "Moldova's accession to the EU"),
        ("einen EU-Beitritt Georgiens", "Georgia's accession to the EU"),
        ("Beitrittsverhandlungen mit der Ukraine", "accession talks with Ukraine"),
        ("einen EU-Beitritt der Ukraine", "Ukraine's accession to the EU"),
        _SANCTIONS_RU,
        ("mehr Finanzhilfe für die Ukraine", "more financial aid for Ukraine"),
        ("Verhandlungen mit Russland", "talks with Russia"),
    ],
}

WEEKDAYS = (
    ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
)
MONTHS = (
    (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
)

QUOTES = (
    [
        "Wir werden unsere Unterstützung nicht zurückfahren",
        "Die Lage ist ernst, aber nicht hoffnungslos",
        "Niemand hat ein Interesse an einer weiteren Eskalation",
        "Wir brauchen jetzt mehr Luftverteidigung",
        "Das ist ein wichtiges Signal an unsere Partner",
        "Wir stehen fest an der Seite unserer Verbündeten",
        "Diese Angriffe sind durch nichts zu rechtfertigen",
        "Die Tür bleibt offen",
        "Wir sind zu Gesprächen bereit, aber nicht um jeden Preis",
        "Sanktionen allein werden diesen Krieg nicht beenden",
        "Unsere Geduld ist nicht unbegrenzt",
        "Wir müssen mehr tun, und zwar schnell",
        "Das ist eine Frage der europäischen Sicherheit",
        "Frieden kann es nur mit Gerechtigkeit geben",
        "Wir lassen uns nicht erpressen",
        "Jede Verzögerung kostet Menschenleben",
        "Wir haben keine Zeit zu verlieren",
    ],
    [
        "We will not scale back our support",
        "The situation is serious, but it is not hopeless",
        "Nobody has an interest in further escalation",
        "What we need now is more air defence",
        "This is an important signal to our partners",
        "We stand firmly with our allies",
        "Nothing can justify these attacks",
        "The door remains open",
        "We are ready to talk, but not at any price",
        "Sanctions alone will not end this war",
        "Our patience is not unlimited",
        "We have to do more, and we have to do it fast",
        "This is a question of European security",
        "There can only be peace with justice",
        "We will not be blackmailed",
        "Every delay costs lives",
        "We have no time to lose",
    ],
)
THEME_QUOTES = {
    "u": (
        [
            "Es darf keine Entscheidungen über die Ukraine ohne die Ukraine geben",
            "Russland muss seine Truppen vollständig abziehen",
            "Die NATO ist ein Verteidigungsbündnis und wird es bleiben",
        ],
        [
            "There can be no decisions about Ukraine without Ukraine",
            "Russia must withdraw all of its troops",
            "NATO is a defensive alliance and it will stay one",
        ],
    ),
    "m": (
        [
            "Die Geiseln müssen sofort freikommen",
            "Die Menschen in Gaza brauchen jetzt Hilfe",
            "Ein regionaler Krieg muss verhindert werden",
        ],
        [
            "The hostages must be released at once",
            "The people of Gaza need help now",
            "A regional war must be prevented",
        ],
    ),
    "a": (
        [
            "Die Stabilität in der Taiwanstraße liegt im Interesse aller",
            "Wir werden unsere Souveränität verteidigen",
        ],
        [
            "Stability in the Taiwan Strait is in everyone's interest",
            "We will defend our sovereignty",
        ],
    ),
    "e": (
        [
            "Die Zukunft unseres Landes liegt in Europa",
            "Die Wähler haben eine klare Entscheidung getroffen",
        ],
        ["The future of our country lies in Europe", "Voters have made a clear choice"],
    ),
}
CONTINUATIONS = (
    [
        "und das wissen auch unsere Partner",
        "deshalb handeln wir jetzt",
        "aber wir geben nicht auf",
        "daran wird sich nichts ändern",
        "und das gilt für alle Mitglieder",
    ],
    [
        "and our partners know that",
        "which is why we are acting now",
        "but we are not giving up",
        "and that will not change",
        "and that goes for every member",
    ],
)
LABELS = (
    [
        "gefährlichen Eskalation",
        "offenen Provokation",
        "historischen Chance",
        "Politik der Erpressung",
        "neuen Phase des Krieges",
    ],
    [
        "dangerous escalation",
        "deliberate provocation",
        "historic opportunity",
        "policy of blackmail",
        "new phase of the war",
    ],
)
VERBS_SAID = (
    ["sagte", "erklärte", "betonte", "ergänzte", "sagte"],
    ["said", "added", "stressed", "said", "told reporters"],
)


# -- templates ---------------------------------------------------------------------------------
# Fields (filled lazily, once per sentence; ``_Slots._f_<field lower-cased>``):
#   P/Ps main person (Ps may be an apposition at the start of a sentence), P2 a second person,
#   Pn/Pn2 a person in a non-nominative slot, Psur the main person's surname;
#   S/S2 state (nominative), Sd dative, Sg genitive (English possessive), A/A2 adjective stem
#   (German) or demonym, Ao the other side's, D a donor state, Rd an aid recipient (dative),
#   K/K2 capital, Rk Russia as a source; O organisation; I issue; B/Bd government body
#   (nominative/dative); C venue; T target city; V village; G region;
#   Q/Q2 quote, Ql quote continuation, L label, R a verb of saying;
#   n/n2/big/pct numbers; dt date phrase, wd weekday, mon month, yr earlier year, ord ordinal.

COMMON_DE = [
    # direct quotes
    "„{Q}“, {R} {P}.",
    "„{Q}“, sagte {P} {dt} in {C}.",
    "„{Q}“, betonte {P} vor Journalisten.",
    "{Ps} sagte: „{Q}.“",
    "„{Q}“, sagte {P}. „{Q2}.“",
    "„{Q}“, sagte {P}, „{Ql}.“",
    "{Ps} sprach von einer „{L}“.",
    "In einer Videobotschaft sagte {P}: „{Q}.“",
    "„{Q}“, schrieb {P} auf der Plattform X.",
    # reported speech, Konjunktiv I
    "{Ps} sagte, {S} werde {I} weiter unterstützen.",
    "{S} sei bereit, über {I} zu verhandeln, sagte {P}.",
    "Die Lage sei ernst, aber unter Kontrolle, erklärte {P} {dt}.",
    "{Ps} betonte, dass {S} {I} ablehne.",
    "Man werde die Entscheidung genau prüfen, hieß es aus {Bd}.",
    "Die Verbündeten müssten jetzt geschlossen handeln, so {Psur}.",
    "{Ps} erklärte, {S2} trage die Verantwortung für die Eskalation.",
    # claims
    "Laut {Bd} wurden in der Nacht {n} Drohnen und {n2} Raketen abgeschossen.",
    "{Sd} zufolge wurden bei dem Angriff {n} Menschen verletzt.",
    # stances
    "{S} fordert {I}.",
    "{Ps} forderte {dt} {I}.",
    "{S} unterstützt {I}, sagte ein Regierungssprecher in {K}.",
    "{S} lehnt {I} weiterhin ab.",
    "Vor allem {S} sperrt sich bislang gegen {I}.",
    "Auch {P} begrüßte die Pläne für {I}.",
    "{Ps} bat {O} um {n} weitere Flugabwehrsysteme.",
    # events
    "{S} und {S2} unterzeichneten {dt} in {C} ein Abkommen über die Zusammenarbeit "
    "bei der Rüstung.",
    "Bei der Parlamentswahl in {Sd} erhielt die Regierungspartei nach Angaben der "
    "Wahlkommission {pct} Prozent der Stimmen.",
    "{Ps} reiste {dt} nach {C} und traf sich dort mit {Pn2}.",
    "Die Außenminister der G7 treffen sich im {mon} in {C}.",
    # roles, bodies, appositions
    "{B} teilte {dt} mit, der {A2}e Botschafter sei einbestellt worden.",
    "Auch {P} nahm an dem Treffen in {C} teil.",
    "{Ps} telefonierte am {wd} mit {Pn2}.",
    "Die Regierung in {K} kündigte an, den Verteidigungshaushalt um {pct} Prozent zu erhöhen.",
    "{B} bestätigte den Vorfall am Abend.",
]
COMMON_EN = [
    # direct quotes
    '"{Q}," {P} {R}.',
    '"{Q}," said {P} in {C} {dt}.',
    '"{Q}," {P} told journalists.',
    '{Ps} said: "{Q}."',
    '"{Q}," {P} said. "{Q2}."',
    '"{Q}," {Psur} said, "{Ql}."',
    '{Ps} spoke of a "{L}".',
    'In a video address, {P} said: "{Q}."',
    '"{Q}," {P} wrote on X.',
    # reported speech
    "{Ps} said {S} would continue to support {I}.",
    "{S} was ready to negotiate on {I}, {P} said.",
    "The situation was serious but under control, {P} said {dt}.",
    "{Ps} stressed that {S} rejected {I}.",
    "The decision would be examined carefully, {Bd} said.",
    "Allies now had to act together, {Psur} said.",
    "{Ps} said that {S2} bore responsibility for the escalation.",
    # claims
    "According to {Bd}, {n} drones and {n2} missiles were shot down overnight.",
    "{n} people were injured in the attack, according to {S}.",
    # stances
    "{S} demands {I}.",
    "{Ps} called for {I} {dt}.",
    "{S} supports {I}, a government spokesperson said in {K}.",
    "{S} continues to reject {I}.",
    "{S} in particular has so far opposed {I}.",
    "{P} also welcomed the plans for {I}.",
    "{Ps} asked {O} for {n} more air defence systems.",
    # events
    "{S} and {S2} signed an agreement on defence cooperation in {C} {dt}.",
    "In the parliamentary election in {S}, the ruling party won {pct} percent of the vote, "
    "according to the election commission.",
    "{Ps} travelled to {C} {dt} and met {Pn2} there.",
    "G7 foreign ministers will meet in {C} in {mon}.",
    # roles, bodies, appositions
    "{B} said {dt} that the {A2} ambassador had been summoned.",
    "{P} also attended the meeting in {C}.",
    "{Ps} spoke by phone with {Pn2} on {wd}.",
    "The government in {K} announced it would raise the defence budget by {pct} percent.",
    "{B} confirmed the incident in the evening.",
]

#: Templates of one theme only (its events, places and fixed actors), German and English.
THEME_TEMPLATES = {
    "u": (
        [
            "Die Lage im Osten der Ukraine sei ernst, erklärte {P} {dt}.",
            "Laut {Rk} wurden bei den Kämpfen {big} ukrainische Soldaten getötet.",
            "Nach Angaben des {A}en Verteidigungsministeriums griffen {Ao}e Einheiten "
            "ein Munitionslager an.",
            "Russische Truppen sollen nach eigenen Angaben das Dorf {V} in der Region {G} "
            "eingenommen haben.",
            "{O} sagte {Rd} weitere Unterstützung zu.",
            "Bei einem russischen Raketenangriff auf {T} wurden {dt} mindestens {n} Menschen "
            "getötet.",
            "Russische Truppen griffen in der Nacht {T} mit {n} Drohnen an.",
            "Russland hatte die Krim im März 2014 annektiert.",
            "Im September 2022 annektierte Russland vier ukrainische Regionen, "
            "ohne sie vollständig zu kontrollieren.",
            "Die Staats- und Regierungschefs der NATO kommen {dt} in {C} zu einem Gipfel zusammen.",
            "Die EU hat {dt} ihr {ord} Sanktionspaket gegen Russland beschlossen.",
            "Seit dem russischen Überfall im Februar 2022 hat {D} Militärhilfe im Wert von "
            "{n} Milliarden Euro geleistet.",
            "{Ps} kündigte an, {n} weitere Panzer an die Ukraine zu liefern.",
        ],
        [
            "The situation in eastern Ukraine was serious, {P} said {dt}.",
            "According to {Rk}, {big} Ukrainian soldiers were killed in the fighting.",
            "{Ao} units attacked an ammunition depot, the {A} defence ministry said.",
            "Russian forces claimed to have captured the village of {V} in the {G} region.",
            "{O} promised {Rd} further support.",
            "At least {n} people were killed in a Russian missile attack on {T} {dt}.",
            "Russian forces attacked {T} with {n} drones overnight.",
            "Russia annexed Crimea in March 2014.",
            "In September 2022, Russia annexed four Ukrainian regions without fully controlling "
            "them.",
            "NATO leaders will meet for a summit in {C} {dt}.",
            "The EU adopted its {ord} package of sanctions against Russia {dt}.",
            "Since the Russian invasion in February 2022, {D} has provided military aid worth "
            "{n} billion euros.",
            "{Ps} announced that {D} would deliver {n} more tanks to Ukraine.",
        ],
    ),
    "m": (
        [
            "Bei israelischen Luftangriffen im Gazastreifen wurden {dt} nach palästinensischen "
            "Angaben mindestens {n} Menschen getötet.",
            "Der Iran feuerte in der Nacht {n} ballistische Raketen auf Israel ab.",
            "Die israelische Armee griff {dt} Stellungen der Hisbollah im Süden des Libanon an.",
            "In Doha kamen {dt} Vermittler aus Katar, Ägypten und den USA zu neuen Gesprächen "
            "zusammen.",
            "Die Huthi-Miliz im Jemen griff nach eigenen Angaben ein Handelsschiff im Roten Meer "
            "an.",
            "Die USA verhängten {dt} neue Sanktionen gegen den Iran.",
            "Laut Teheran richteten sich die Angriffe ausschließlich gegen militärische Ziele.",
        ],
        [
            "At least {n} people were killed in Israeli airstrikes in the Gaza Strip {dt}, "
            "according to Palestinian officials.",
            "Iran fired {n} ballistic missiles at Israel overnight.",
            "The Israeli military struck Hezbollah positions in southern Lebanon {dt}.",
            "Mediators from Qatar, Egypt and the United States met for new talks in Doha {dt}.",
            "Yemen's Houthi militia said it had attacked a merchant ship in the Red Sea.",
            "The United States imposed new sanctions on Iran {dt}.",
            "According to Tehran, the strikes were aimed only at military targets.",
        ],
    ),
    "a": (
        [
            "China begann {dt} ein großes Manöver rund um Taiwan.",
            "Nordkorea testete nach Angaben des südkoreanischen Generalstabs erneut eine "
            "ballistische Rakete.",
            "Nach Angaben des Verteidigungsministeriums in Taipeh wurden {n} chinesische "
            "Kampfflugzeuge und {n2} Kriegsschiffe in der Nähe der Insel gesichtet.",
            "Die USA genehmigten {dt} Waffenverkäufe an Taiwan im Wert von {n} Millionen Dollar.",
            "Peking verurteilte die Waffenverkäufe als Einmischung in innere Angelegenheiten.",
            "Xi Jinping und Wladimir Putin unterzeichneten {dt} in Moskau eine Erklärung über "
            "eine engere Partnerschaft.",
        ],
        [
            "China launched large-scale military drills around Taiwan {dt}.",
            "North Korea test-fired another ballistic missile, according to South Korea's "
            "military.",
            "Taiwan's defence ministry said it had detected {n} Chinese military aircraft and "
            "{n2} warships near the island.",
            "The United States approved arms sales to Taiwan worth {n} million dollars {dt}.",
            "Beijing condemned the arms sales as interference in its internal affairs.",
            "Xi Jinping and Vladimir Putin signed a declaration on a closer partnership in Moscow "
            "{dt}.",
        ],
    ),
    "e": (
        [
            "Bei der Parlamentswahl in Georgien kam die Regierungspartei Georgischer Traum nach "
            "Angaben der Wahlkommission auf {pct} Prozent.",
            "In Tiflis demonstrierten {dt} Tausende Menschen gegen die Regierung.",
            "Moldau und die EU eröffneten {dt} in Luxemburg die ersten Verhandlungskapitel.",
            "Ungarn blockierte {dt} erneut die Freigabe von {n} Milliarden Euro für die Ukraine.",
            "Die EU-Kommission empfahl {dt}, Beitrittsverhandlungen mit der Ukraine und Moldau "
            "aufzunehmen.",
            "Die Staats- und Regierungschefs der EU kommen {dt} in Brüssel zu einem Gipfel "
            "zusammen.",
            "{O} sagte {Rd} weitere Unterstützung zu.",
        ],
        [
            "In Georgia's parliamentary election, the ruling Georgian Dream party won {pct} "
            "percent, according to the election commission.",
            "Thousands of people protested against the government in Tbilisi {dt}.",
            "Moldova and the EU opened the first negotiating chapters in Luxembourg {dt}.",
            "Hungary again blocked the release of {n} billion euros for Ukraine {dt}.",
            "The European Commission recommended {dt} opening accession talks with Ukraine and "
            "Moldova.",
            "EU leaders will meet for a summit in Brussels {dt}.",
            "{O} promised {Rd} further support.",
        ],
    ),
}

FILLER_DE = [
    "Die Lage an der Front bleibt nach Einschätzung von Beobachtern angespannt.",
    "Eine schnelle Einigung gilt als unwahrscheinlich.",
    "Die Gespräche sollen in der kommenden Woche fortgesetzt werden.",
    "Über die Einzelheiten wurde zunächst Stillschweigen vereinbart.",
    "Viele Fragen sind noch offen.",
    "Die Kosten für den Wiederaufbau werden auf mehrere hundert Milliarden Euro geschätzt.",
    "In den vergangenen Wochen hatten sich die Spannungen deutlich verschärft.",
    "Fachleute rechnen damit, dass der Konflikt noch lange andauern wird.",
    "Der Winter stellt die Energieversorgung vor große Probleme.",
    "Zahlreiche Menschen verbrachten die Nacht in Schutzräumen.",
    "Die Preise für Energie und Lebensmittel sind zuletzt stark gestiegen.",
    "Ein Termin für ein weiteres Treffen steht noch nicht fest.",
    "Diplomaten sprachen von konstruktiven, aber schwierigen Gesprächen.",
    "Am Abend gab es in mehreren Städten Luftalarm.",
    "Die Debatte darüber dauert seit Monaten an.",
    "Kritiker halten das Vorgehen für wenig durchdacht.",
    "Hilfsorganisationen warnen seit Langem vor einer humanitären Krise.",
    "Wie es weitergeht, ist unklar.",
    "Mehrere Gebäude wurden beschädigt, darunter eine Schule und ein Krankenhaus.",
    "Die Aufräumarbeiten dauerten bis zum Mittag.",
    "Die Ergebnisse sollen Ende des Monats vorgestellt werden.",
    "Ob die Pläne umgesetzt werden, hängt auch von der Finanzierung ab.",
    "Beobachter sehen darin vor allem ein Signal nach innen.",
    "Bereits im Frühjahr hatte es ähnliche Überlegungen gegeben.",
    "Die Stimmung in der Bevölkerung ist gespalten.",
    "Die Börsen reagierten zunächst kaum auf die Nachricht.",
    "Rund {pct} Prozent der Befragten äußerten sich besorgt.",
    "Die Sitzung dauerte mehr als {n} Stunden.",
    "Zu den genauen Zahlen wurden keine Angaben gemacht.",
    "Das Treffen fand unter strengen Sicherheitsvorkehrungen statt.",
    "Die Angaben ließen sich zunächst nicht unabhängig überprüfen.",
    "Seit Beginn des Jahres wurden mehr als {big} Menschen aus der Region in Sicherheit gebracht.",
    "Vor dem Gebäude versammelten sich am Nachmittag einige hundert Demonstranten.",
    "Die Entscheidung war lange erwartet worden.",
    "Einen konkreten Zeitplan gibt es bislang nicht.",
    "Die Reparatur der beschädigten Leitungen dürfte Wochen dauern.",
    "Schon {yr} war über ähnliche Schritte diskutiert worden.",
    "Die Zahl der Vertriebenen ist zuletzt wieder gestiegen.",
    "In vielen Orten fällt seit Tagen stundenweise der Strom aus.",
    "Die Sitzung wurde am späten Abend ohne Abschlusserklärung beendet.",
    "Der Streit um die Finanzierung ist damit nicht beigelegt.",
    "Eine offizielle Bestätigung stand zunächst aus.",
    "Die Verhandlungen gelten als kompliziert, weil viele Seiten beteiligt sind.",
    "Nach wie vor ist unklar, wie viele Menschen sich noch in der Stadt aufhalten.",
    "Die Schäden an der Infrastruktur sind erheblich.",
    "An den Grenzübergängen bildeten sich lange Schlangen.",
    "Mehrere Flüge wurden gestrichen oder umgeleitet.",
    "Die Lieferungen sollen bis zum Ende des Jahres abgeschlossen sein.",
    "Das Parlament will sich in der kommenden Woche mit dem Thema befassen.",
    "In der Hauptstadt blieb es in der Nacht ruhig.",
]

FILLER_EN = [
    "The situation at the front remains tense, observers say.",
    "A quick agreement is seen as unlikely.",
    "The talks are due to continue next week.",
    "No details of the discussions were made public.",
    "Many questions remain open.",
    "The cost of reconstruction is estimated at several hundred billion euros.",
    "Tensions had risen sharply in recent weeks.",
    "Experts expect the conflict to drag on for a long time.",
    "The winter is putting heavy strain on the energy supply.",
    "Many people spent the night in shelters.",
    "Prices for energy and food have risen sharply.",
    "No date has been set for a further meeting.",
    "Diplomats described the talks as constructive but difficult.",
    "Air raid sirens sounded in several cities in the evening.",
    "The debate has been going on for months.",
    "Critics say the approach has not been thought through.",
    "Aid organisations have long warned of a humanitarian crisis.",
    "It is unclear what happens next.",
    "Several buildings were damaged, including a school and a hospital.",
    "The clean-up continued until midday.",
    "The results are to be presented at the end of the month.",
    "Whether the plans go ahead also depends on funding.",
    "Observers see the move mainly as a signal to a domestic audience.",
    "Similar ideas had already been discussed in the spring.",
    "Public opinion is divided.",
    "Markets barely reacted to the news at first.",
    "Around {pct} percent of those surveyed said they were worried.",
    "The session lasted more than {n} hours.",
    "No exact figures were given.",
    "The meeting took place under tight security.",
    "The figures could not be independently verified.",
    "More than {big} people have been evacuated from the area since the start of the year.",
    "Several hundred protesters gathered outside the building in the afternoon.",
    "The decision had been expected for a long time.",
    "There is no firm timetable yet.",
    "Repairing the damaged lines is likely to take weeks.",
    "Similar steps had already been discussed in {yr}.",
    "The number of displaced people has risen again recently.",
    "In many towns the power has been going off for hours at a time.",
    "The session ended late in the evening without a joint statement.",
    "The dispute over funding has not been settled.",
    "There was no official confirmation at first.",
    "The negotiations are considered complicated because many parties are involved.",
    "It is still unclear how many people remain in the city.",
    "The damage to infrastructure is considerable.",
    "Long queues formed at the border crossings.",
    "Several flights were cancelled or diverted.",
    "The deliveries are to be completed by the end of the year.",
    "Parliament plans to take up the issue next week.",
    "The capital remained quiet overnight.",
]

HEADLINES = (
    [
        "{Psur} fordert {I}",
        "{S} lehnt {I} ab",
        "{O} berät in {C} über {I}",
        "{Psur}: „{Q}“",
        "Gipfel in {C}: Streit über {I}",
        "Wahl in {Sd}: Regierungspartei vorn",
        "{Psur} warnt vor Eskalation",
        "Treffen in {C} ohne Ergebnis",
    ],
    [
        "{Psur} calls for {I}",
        "{S} rejects {I}",
        "{O} meets in {C} to discuss {I}",
        '{Psur}: "{Q}"',
        "Summit in {C} split over {I}",
        "Ruling party ahead in {S} election",
        "{Psur} warns of escalation",
        "Talks in {C} end without result",
    ],
)
THEME_HEADLINES = {
    "u": (
        [
            "Neue Angriffe auf {T}",
            "{D} sagt Kiew weitere Hilfe zu",
            "EU beschließt neues Sanktionspaket",
            "Kreml weist Vorwürfe zurück",
        ],
        [
            "New attacks on {T}",
            "{D} pledges further aid to Kyiv",
            "EU adopts new sanctions package",
            "Kremlin rejects accusations",
        ],
    ),
    "m": (
        ["Neue Gespräche über Waffenruhe in Gaza", "Iran droht Israel mit Vergeltung"],
        ["New talks on a Gaza truce", "Iran threatens Israel with retaliation"],
    ),
    "a": (
        ["Chinesisches Manöver vor Taiwan", "Nordkorea testet erneut eine Rakete"],
        ["Chinese drills near Taiwan", "North Korea tests another missile"],
    ),
    "e": (
        ["Proteste in Tiflis halten an", "Ungarn blockiert EU-Hilfen"],
        ["Protests in Tbilisi continue", "Hungary blocks EU aid"],
    ),
}
SUBHEADINGS = (
    [
        "Scharfe Kritik",
        "Lage vor Ort",
        "Streit unter den Verbündeten",
        "Zusagen und Zweifel",
        "Wie geht es weiter",
        "Reaktionen",
        "Hintergrund",
    ],
    [
        "Sharp criticism",
        "The situation on the ground",
        "Allies divided",
        "Pledges and doubts",
        "What happens next",
        "Reactions",
        "Background",
    ],
)

COMMENT_AUTHORS = (
    [
        "Alpenblick",
        "Bergfex77",
        "Waldläufer",
        "Nordlicht",
        "kritischer_Leser",
        "Sonnenschein",
        "M. K.",
        "Hansi1960",
        "Realist",
        "Grenzgänger",
        "Wahrheitssucher",
        "Tom B.",
        "Flusskiesel",
        "Weitblick",
        "Skeptiker",
    ],
    [
        "NorthernLight",
        "j_smith",
        "Realist42",
        "Pat M.",
        "Skeptic",
        "OldSoldier",
        "Marianne",
        "kw1979",
        "Observer",
        "TruthSeeker",
        "riverbank",
        "D. Evans",
        "plainspeaker",
        "Harbour",
        "longview",
    ],
)
COMMENTS = (
    [
        "Die Ukraine braucht endlich mehr Unterstützung.",
        "Das ist doch alles nur Gerede.",
        "Putin wird nicht aufhören, solange der Westen zögert.",
        "Wer soll das alles bezahlen?",
        "Verhandlungen wären längst überfällig.",
        "Die NATO sollte sich da raushalten.",
        "Endlich mal klare Worte.",
        "Die Sanktionen schaden vor allem uns selbst.",
        "Kann mir jemand erklären, warum das so lange dauert?",
        "Wieder nur Symbolpolitik.",
        "Die Europäer müssen endlich selbst mehr tun.",
        "Russland hat diesen Krieg begonnen, nicht die Ukraine.",
        "Selenskyj hat völlig recht.",
        "Das wird böse enden.",
        "Danke für den guten Artikel.",
        "Ohne die USA geht in Europa gar nichts.",
    ],
    [
        "Ukraine needs more support, and it needs it now.",
        "This is all just talk.",
        "Putin will not stop as long as the West hesitates.",
        "Who is going to pay for all this?",
        "Negotiations are long overdue.",
        "NATO should stay out of it.",
        "Finally some clear words.",
        "The sanctions hurt us more than Russia.",
        "Can someone explain why this takes so long?",
        "More empty gestures.",
        "Europe has to do more for itself.",
        "Russia started this war, not Ukraine.",
        "Zelensky is right.",
        "This will end badly.",
        "Thanks for a good article.",
        "Nothing moves in Europe without the US.",
    ],
)
REPLIES = (
    [
        "Da hast du leider recht.",
        "Das glaubst du doch selbst nicht.",
        "Genau so ist es!",
        "Ich sehe das völlig anders.",
        "Wie naiv kann man sein?",
        "Lies den Artikel doch erst einmal ganz.",
    ],
    [
        "Sadly, you are right.",
        "You don't really believe that.",
        "Exactly!",
        "I see it completely differently.",
        "How naive can you be?",
        "Read the whole article first.",
    ],
)


@dataclass(frozen=True, slots=True)
class _Theme:
    """What an article is about: its likely cast (weighted), states that join the focus with a
    probability, how often Mark Rutte is in the cast, its issues, and its sentence templates,
    quotes and headlines (common ones plus the theme's own; German, English)."""

    cast: tuple[_Person, ...]
    core: tuple[tuple[str, float], ...]
    rutte: float
    issues: tuple[tuple[str, str], ...]
    templates: tuple[list[str], list[str]]
    quotes: tuple[list[str], list[str]]
    headlines: tuple[list[str], list[str]]


def _theme(key: str, core: tuple[tuple[str, float], ...], rutte: float) -> _Theme:
    cast = tuple(
        person for person, weight, themes in PEOPLE if key in themes for _ in range(weight)
    )
    own = THEME_TEMPLATES[key]
    return _Theme(
        cast,
        core,
        rutte,
        tuple(ISSUES[key]),
        (COMMON_DE + own[DE], COMMON_EN + own[EN]),
        (QUOTES[DE] + THEME_QUOTES[key][DE], QUOTES[EN] + THEME_QUOTES[key][EN]),
        (HEADLINES[DE] + THEME_HEADLINES[key][DE], HEADLINES[EN] + THEME_HEADLINES[key][EN]),
    )


#: Themes with their cumulative probability: the war in Ukraine, the Middle East, East Asia,
#: European politics (elections, enlargement, vetoes). Rutte's shares make him part of the cast
#: in ~29 % of all articles (QUERY_PARAMS speaker).
THEMES = (
    (0.60, _theme("u", (("russia", 0.7), ("ukraine", 0.6)), 0.4)),
    (0.75, _theme("m", (("israel", 0.7), ("iran", 0.5)), 0.0)),
    (0.85, _theme("a", (("china", 0.7), ("taiwan", 0.5)), 0.0)),
    (
        1.00,
        _theme("e", (("georgia", 0.4), ("moldova", 0.4), ("hungary", 0.3), ("russia", 0.3)), 0.35),
    ),
)


def _pick(rng: random.Random, seq: list[str] | tuple[str, ...]) -> str:
    return seq[int(rng.random() * len(seq))]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value: int, lang: int) -> str:
    """Thousands separator of the language: 1.200 (German) or 1,200 (English)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == DE else text


class _Article:
    """What one article's sentences share: language, date, cast, focus states."""

    def __init__(self, rng: random.Random, lang: int, day: date) -> None:
        self.rng = rng
        self.lang = lang
        self.day = day
        draw = rng.random()
        theme = next(theme for limit, theme in THEMES if draw < limit)
        self.theme = theme
        size = 2 + int(rng.random() * 3)
        cast: list[_Person] = [RUTTE] if rng.random() < theme.rutte else []
        pool = theme.cast
        while len(cast) < size:
            person = pool[int(rng.random() * len(pool))]
            if person not in cast:
                cast.append(person)
        self.cast = cast
        self.introduced: set[int] = set()
        focus = [p.state for p in cast if p.state]
        for key, share in theme.core:
            if key not in focus and rng.random() < share:
                focus.append(key)
        self.focus = focus or [theme.core[0][0]]
        self.used: set[str] = set()
        self.slots = _Slots(self)

    def fresh(self, items: list[str] | tuple[str, ...]) -> str:
        """An item of ``items`` this article has not used yet (after a few tries, any item)."""
        rng, used = self.rng, self.used
        for _ in range(4):
            text = items[int(rng.random() * len(items))]
            if text not in used:
                break
        used.add(text)
        return text

    def fill(self, template: str) -> str:
        """``template`` with its fields filled, as a sentence (first letter upper case)."""
        if "{" not in template:
            return template
        slots = self.slots
        slots.clear()
        text = template.format_map(slots)
        return _cap(text) if template[0] == "{" else text


class _Slots(dict[str, str]):
    """Template fields of one sentence, computed on first use (``str.format_map``)."""

    def __init__(self, art: _Article) -> None:
        super().__init__()
        self.art = art
        self.rng = art.rng
        self.lang = art.lang

    def __missing__(self, key: str) -> str:
        value: str = _FIELDS[key](self)
        self[key] = value
        return value

    # -- persons ---------------------------------------------------------------------------

    def _who(self, second: bool) -> int:
        key = "#2" if second else "#1"
        if key in self:
            return int(self[key])
        cast = self.art.cast
        index = int(self.rng.random() * len(cast))
        other = self.get("#1" if second else "#2")
        if other is not None and int(other) == index:
            index = (index + 1) % len(cast)
        self[key] = str(index)
        return index

    def _person(self, second: bool, *, start: bool) -> str:
        index = self._who(second)
        person = self.art.cast[index]
        lang, rng = self.lang, self.rng
        if index in self.art.introduced:
            if person.desc[lang] and rng.random() < 0.2:
                return person.desc[lang]
            if person.role in ROLES and rng.random() < 0.15:
                return (
                    ROLES[person.role][4 if person.female else 3]
                    if lang == DE
                    else ROLES[person.role][5]
                )
            return person.surname[lang]
        self.art.introduced.add(index)
        name = person.name[lang]
        if person.title[lang]:
            title = person.title[lang]
            if start and rng.random() < 0.3:
                return (
                    f"{name}, {'die' if person.female else 'der'} {title},"
                    if lang == DE
                    else f"{name}, the {title},"
                )
            return f"{title} {name}"
        state = STATES[person.state]
        role = ROLES[person.role]
        draw = rng.random()
        if lang == DE:
            word = role[1] if person.female else role[0]
            article = "die" if person.female else "der"
            if start and draw < 0.2:
                return f"{name}, {article} {state.adj[DE]}e {word},"
            if state.pre and draw < 0.55:
                return f"{state.pre} {word} {name}"
            return f"{article} {state.adj[DE]}e {word} {name}"
        if start and draw < 0.2:
            return f"{state.gen[EN]} {role[2].lower()}, {name},"
        if start and draw < 0.35:
            return f"{name}, the {state.adj[EN]} {role[2].lower()},"
        return f"{state.adj[EN]} {role[2]} {name}"

    def _f_p(self) -> str:
        return self._person(False, start=False)

    def _f_ps(self) -> str:
        return self._person(False, start=True)

    def _f_p2(self) -> str:
        return self._person(True, start=False)

    def _f_pn(self) -> str:
        return self._name(False)

    def _f_pn2(self) -> str:
        return self._name(True)

    def _name(self, second: bool) -> str:
        index = self._who(second)
        person = self.art.cast[index]
        if index in self.art.introduced:
            return person.surname[self.lang]
        self.art.introduced.add(index)
        return person.name[self.lang]

    def _f_psur(self) -> str:
        index = self._who(False)
        self.art.introduced.add(index)
        return self.art.cast[index].surname[self.lang]

    # -- states, places, organisations ------------------------------------------------------

    def _state(self, second: bool) -> _State:
        key = "#s2" if second else "#s1"
        if key not in self:
            focus = self.art.focus
            if self.rng.random() < 0.8:
                choice = focus[int(self.rng.random() * len(focus))]
            else:
                choice = STATE_KEYS[int(self.rng.random() * len(STATE_KEYS))]
            other = self.get("#s1" if second else "#s2")
            if other == choice:
                choice = "ukraine" if choice != "ukraine" else "russia"
            self[key] = choice
        return STATES[self[key]]

    def _f_s(self) -> str:
        return self._state(False).name[self.lang]

    def _f_d(self) -> str:
        """A state that gives aid (a focus state other than Russia and Ukraine)."""
        donors = [key for key in self.art.focus if key not in ("russia", "ukraine")]
        key = donors[int(self.rng.random() * len(donors))] if donors else "germany"
        return STATES[key].name[self.lang]

    def _f_s2(self) -> str:
        return self._state(True).name[self.lang]

    def _f_sd(self) -> str:
        return self._state(False).dat[self.lang]

    def _f_sg(self) -> str:
        return self._state(False).gen[self.lang]

    def _f_a(self) -> str:
        return self._state(False).adj[self.lang]

    def _f_a2(self) -> str:
        return self._state(True).adj[self.lang]

    def _f_ao(self) -> str:
        """The other side's adjective: Ukrainian for Russia, else Russian."""
        self._state(False)
        other = "ukraine" if self["#s1"] == "russia" else "russia"
        return STATES[other].adj[self.lang]

    def _f_rd(self) -> str:
        return _pick(
            self.rng, (("der Ukraine", "Kiew", "Moldau"), ("Ukraine", "Kyiv", "Moldova"))[self.lang]
        )

    def _f_k(self) -> str:
        return self._state(False).cap[self.lang]

    def _f_k2(self) -> str:
        return self._state(True).cap[self.lang]

    def _f_rk(self) -> str:
        return _pick(
            self.rng,
            (
                ("Moskau", "Russland", "dem russischen Verteidigungsministerium"),
                ("Moscow", "Russia", "the Russian defence ministry"),
            )[self.lang],
        )

    def _f_o(self) -> str:
        return ORGS[int(self.rng.random() * len(ORGS))][self.lang]

    def _f_c(self) -> str:
        return VENUES[int(self.rng.random() * len(VENUES))][self.lang]

    def _f_t(self) -> str:
        return TARGET_CITIES[int(self.rng.random() * len(TARGET_CITIES))][self.lang]

    def _f_v(self) -> str:
        return VILLAGES[int(self.rng.random() * len(VILLAGES))][self.lang]

    def _f_g(self) -> str:
        return REGIONS[int(self.rng.random() * len(REGIONS))][self.lang]

    def _body(self) -> tuple[str, str]:
        state = self._state(False)
        adj, cap = state.adj[self.lang], state.cap[self.lang]
        draw = int(self.rng.random() * 5)
        if self.lang == DE:
            return [
                ("das Außenministerium in " + cap, "dem Außenministerium in " + cap),
                (f"das {adj}e Verteidigungsministerium", f"dem {adj}en Verteidigungsministerium"),
                ("die Regierung in " + cap, "der Regierung in " + cap),
                (f"der {adj}e Generalstab", f"dem {adj}en Generalstab"),
                ("das Präsidialamt in " + cap, "dem Präsidialamt in " + cap),
            ][draw]
        body = [
            "the foreign ministry in " + cap,
            f"the {adj} defence ministry",
            "the government in " + cap,
            f"the {adj} general staff",
            "the presidential office in " + cap,
        ][draw]
        return body, body

    def _f_b(self) -> str:
        return self._body()[0]

    def _f_bd(self) -> str:
        return self._body()[1]

    # -- issues, quotes, numbers, dates -----------------------------------------------------

    def _f_i(self) -> str:
        """An issue of the article's theme that does not name the sentence's state (no
        "Russia demands sanctions against Russia")."""
        lang, issues = self.lang, self.art.theme.issues
        if "#s1" in self:
            state = STATES[self["#s1"]]
            name, cap = state.name[lang].split()[-1], state.cap[lang]
            issues = (
                tuple(i for i in issues if name not in i[lang] and cap not in i[lang]) or issues
            )
        return issues[int(self.rng.random() * len(issues))][lang]

    def _f_q(self) -> str:
        return _pick(self.rng, self.art.theme.quotes[self.lang])

    def _f_q2(self) -> str:
        return _pick(self.rng, self.art.theme.quotes[self.lang])

    def _f_ql(self) -> str:
        return _pick(self.rng, CONTINUATIONS[self.lang])

    def _f_l(self) -> str:
        return _pick(self.rng, LABELS[self.lang])

    def _f_r(self) -> str:
        return _pick(self.rng, VERBS_SAID[self.lang])

    def _f_n(self) -> str:
        return str(2 + int(self.rng.random() * 48))

    def _f_n2(self) -> str:
        return str(2 + int(self.rng.random() * 20))

    def _f_big(self) -> str:
        return _number(100 + int(self.rng.random() * 4900), self.lang)

    def _f_pct(self) -> str:
        return str(3 + int(self.rng.random() * 60))

    def _f_ord(self) -> str:
        number = 5 + int(self.rng.random() * 15)
        return f"{number}." if self.lang == DE else f"{number}th"

    def _f_yr(self) -> str:
        return str(2014 + int(self.rng.random() * (self.art.day.year - 2013)))

    def _f_mon(self) -> str:
        return MONTHS[self.lang][int(self.rng.random() * 12)]

    def _f_wd(self) -> str:
        return WEEKDAYS[self.lang][self.art.day.weekday()]

    def _f_dt(self) -> str:
        back = int(self.rng.random() * 12)
        day = self.art.day - timedelta(days=back)
        if back < 6:
            weekday = WEEKDAYS[self.lang][day.weekday()]
            return f"am {weekday}" if self.lang == DE else f"on {weekday}"
        month = MONTHS[self.lang][day.month - 1]
        return f"am {day.day}. {month}" if self.lang == DE else f"on {day.day} {month}"


def _field_table() -> dict[str, Callable[[_Slots], str]]:
    """Template field name -> the ``_Slots`` method ``_f_<name lower-cased>`` that fills it
    (raises KeyError at import when a template uses a field nothing fills)."""
    methods = {name[3:]: getattr(_Slots, name) for name in dir(_Slots) if name.startswith("_f_")}
    pools = [
        FILLER_DE,
        FILLER_EN,
        *(pool for _, theme in THEMES for pool in (*theme.templates, *theme.headlines)),
    ]
    fields = {
        field
        for pool in pools
        for template in pool
        for _, field, _, _ in Formatter().parse(template)
        if field
    }
    return {field: methods[field.lower()] for field in sorted(fields)}


_FIELDS = _field_table()


def _sentence(art: _Article, templates: list[str], filler: list[str]) -> str:
    rng = art.rng
    pool = filler if rng.random() < FILLER_SHARE else templates
    return art.fill(art.fresh(pool))


def _comments(art: _Article, published: datetime) -> list[dict[str, str]]:
    rng, lang = art.rng, art.lang
    count = 1 + int(rng.random() ** 2 * MAX_COMMENTS)
    when = published + timedelta(minutes=20 + int(rng.random() * 120))
    authors: list[str] = []
    out: list[dict[str, str]] = []
    for _ in range(count):
        author = _pick(rng, COMMENT_AUTHORS[lang])
        item = {"author": author, "date": when.strftime("%Y-%m-%d %H:%M")}
        earlier = [a for a in authors if a != author]
        if earlier and rng.random() < 0.45:
            target = earlier[int(rng.random() * len(earlier))]
            item["reply_to"] = target
            item["text"] = f"@{target} {art.fresh(REPLIES[lang])}"
            if rng.random() < 0.4:
                item["text"] += " " + art.fresh(COMMENTS[lang])
        else:
            item["text"] = art.fresh(COMMENTS[lang])
            if rng.random() < 0.3:
                item["text"] += " " + art.fresh(COMMENTS[lang])
        out.append(item)
        authors.append(author)
        when += timedelta(minutes=1 + int(rng.random() * 90))
    return out


def _article(rng: random.Random, seed: int, number: int) -> dict[str, object]:
    lang = DE if rng.random() < GERMAN_SHARE else EN
    day = FIRST_DAY + timedelta(days=int(rng.random() * ((LAST_DAY - FIRST_DAY).days + 1)))
    art = _Article(rng, lang, day)
    templates = art.theme.templates[lang]
    filler = FILLER_DE if lang == DE else FILLER_EN
    headlines = art.theme.headlines[lang]
    title = art.fill(_pick(rng, headlines))
    art.introduced.clear()  # the headline does not introduce anyone to the body
    length = math.exp(math.log(LENGTH_MEDIAN) + LENGTH_SIGMA * rng.gauss(0.0, 1.0))
    target = min(LENGTH_MAX, max(LENGTH_MIN, int(length)))
    blocks: list[str] = []
    size = 0
    since_heading = 0
    while size < target:
        if since_heading >= 3 and target > 2500 and rng.random() < 0.3:
            heading = art.fresh(SUBHEADINGS[lang])
            blocks.append(heading)
            size += len(heading) + 2
            since_heading = 0
        if blocks:
            count = 2 + int(rng.random() * 4)
            sentences = []
        else:  # the lead: one to three sentences, the first one always news (never filler)
            count = 1 + int(rng.random() * 3)
            sentences = [art.fill(art.fresh(templates))]
        sentences += [_sentence(art, templates, filler) for _ in range(count - len(sentences))]
        paragraph = " ".join(sentences)
        blocks.append(paragraph)
        size += len(paragraph) + 2
        since_heading += 1
    published = datetime(
        day.year, day.month, day.day, 6 + int(rng.random() * 14), int(rng.random() * 60)
    )
    record: dict[str, object] = {
        "id": f"bench-{seed}-{number}",
        "title": title,
        "text": "\n\n".join(blocks),
        "date": published.strftime("%Y-%m-%d %H:%M"),
        "lang": "de" if lang == DE else "en",
        "source": "kg benchmark generator",
    }
    # The first article always has comments: it is QUERY_PARAMS' article (comment_threads).
    if rng.random() < COMMENTED_SHARE or number == 0:
        record["comments"] = _comments(art, published)
    return record


def iter_articles(count: int, *, seed: int = 7) -> Iterator[dict[str, object]]:
    """Yield ``count`` article records (ids ``bench-<seed>-<n>``), the same for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        yield _article(rng, seed, number)


def generate(count: int, *, seed: int = 7) -> list[dict[str, object]]:
    """Return ``count`` article records (about 60 % German, median ~3,000 characters)."""
    return list(iter_articles(count, seed=seed))


def write(count: int, path: Path, *, seed: int = 7) -> Path:
    """Write ``count`` generated records to ``path`` as JSON Lines."""
    with path.open("w", encoding="utf-8") as handle:
        for record in iter_articles(count, seed=seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]), seed=int(sys.argv[3]) if len(sys.argv) > 3 else 7)
