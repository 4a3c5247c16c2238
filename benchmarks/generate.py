"""Generate varied German and English news-like articles for benchmarks (JSON Lines).

The sentences are templates filled with actors, roles, numbers and dates drawn from a seeded
random generator, so a run is reproducible: ``python benchmarks/generate.py 1000 out.jsonl``.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

STATES_DE = ["Russland", "die Ukraine", "Deutschland", "Frankreich", "Polen", "die USA", "China",
             "Litauen", "Ungarn", "Israel", "der Iran", "die Türkei", "Großbritannien"]
STATES_EN = ["Russia", "Ukraine", "Germany", "France", "Poland", "the United States", "China",
             "Lithuania", "Hungary", "Israel", "Iran", "Turkey", "Britain"]
DEMONYMS_DE = ["russische", "ukrainische", "deutsche", "französische", "polnische", "chinesische"]
DEMONYMS_EN = ["Russian", "Ukrainian", "German", "French", "Polish", "Chinese"]
PEOPLE = ["Mark Rutte", "Wolodymyr Selenskyj", "Wladimir Putin", "Emmanuel Macron",
          "Donald Tusk", "Kaja Kallas", "Ursula von der Leyen", "Dmitri Peskow", "Xi Jinping"]
ORGS_DE = ["die NATO", "die EU", "die Vereinten Nationen", "die OSZE", "der Kreml"]
ORGS_EN = ["NATO", "the EU", "the United Nations", "the OSCE", "the Kremlin"]
CITIES_DE = ["Brüssel", "Kiew", "Moskau", "Warschau", "Berlin", "Paris", "Wien", "Genf"]
CITIES_EN = ["Brussels", "Kyiv", "Moscow", "Warsaw", "Berlin", "Paris", "Vienna", "Geneva"]
ROLES_DE = ["Außenminister", "Verteidigungsminister", "Präsident", "Regierungschef", "Sprecher"]
ROLES_EN = ["Foreign Minister", "Defence Minister", "President", "Prime Minister", "spokesman"]
TOPICS_DE = ["Waffenlieferungen an Kiew", "Sanktionen gegen Russland", "einen Waffenstillstand",
             "Sicherheitsgarantien", "die NATO-Mitgliedschaft der Ukraine"]
TOPICS_EN = ["arms deliveries to Kyiv", "sanctions against Russia", "a ceasefire",
             "security guarantees", "Ukraine's NATO membership"]

#: Named-query parameter values that exist in a corpus generated with seed 7 (the default);
#: the latency benchmarks fill query parameters from this table.
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

SENTENCES_DE = [
    "{person} forderte am {weekday} in {city} mehr Unterstützung für {state}.",
    "Der {demonym} {role} sagte, {org} müsse über {topic} verhandeln.",
    "„Wir werden {topic} nicht akzeptieren“, sagte {person} vor Journalisten.",
    "{state} lehnt {topic} ab, hieß es in einer Erklärung des Außenministeriums.",
    "Laut {org} wurden {n} Soldaten bei Angriffen in der Region verletzt.",
    "Die {demonym2} Regierung kündigte an, {n} weitere Systeme zu liefern.",
    "Am Rande des Treffens in {city} sprach {person} mit Vertretern von {org}.",
    "Bereits im {month} {year} hatte {state} {topic} gefordert.",
]
SENTENCES_EN = [
    "{person} called for more support for {state} in {city} on {weekday}.",
    "The {demonym} {role} said {org} had to negotiate on {topic}.",
    '"We will not accept {topic}," {person} told reporters.',
    "{state} rejects {topic}, the foreign ministry said in a statement.",
    "According to {org}, {n} soldiers were wounded in attacks in the region.",
    "The {demonym2} government announced it would deliver {n} more systems.",
    "On the sidelines of the meeting in {city}, {person} met representatives of {org}.",
    "In {month} {year}, {state} had already demanded {topic}.",
]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "September"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "September"]
WEEKDAYS_DE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _sentence(rng: random.Random, lang: str) -> str:
    de = lang == "de"
    template = rng.choice(SENTENCES_DE if de else SENTENCES_EN)
    text = template.format(
        person=rng.choice(PEOPLE),
        state=rng.choice(STATES_DE if de else STATES_EN),
        demonym=rng.choice(DEMONYMS_DE if de else DEMONYMS_EN),
        demonym2=rng.choice(DEMONYMS_DE if de else DEMONYMS_EN),
        role=rng.choice(ROLES_DE if de else ROLES_EN),
        org=rng.choice(ORGS_DE if de else ORGS_EN),
        city=rng.choice(CITIES_DE if de else CITIES_EN),
        topic=rng.choice(TOPICS_DE if de else TOPICS_EN),
        weekday=rng.choice(WEEKDAYS_DE if de else WEEKDAYS_EN),
        month=rng.choice(MONTHS_DE if de else MONTHS_EN),
        year=rng.randint(2014, 2025),
        n=rng.randint(2, 40),
    )
    return text[0].upper() + text[1:]


def generate(count: int, *, seed: int = 7) -> list[dict[str, object]]:
    """Return ``count`` article records (about 60 % German), ~250–450 words each."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    records = []
    for number in range(count):
        lang = "de" if rng.random() < 0.6 else "en"
        paragraphs = [
            " ".join(_sentence(rng, lang) for _ in range(rng.randint(3, 6)))
            for _ in range(rng.randint(4, 7))
        ]
        records.append({
            "id": f"bench-{seed}-{number}",
            "title": _sentence(rng, lang).rstrip("."),
            "text": "\n\n".join(paragraphs),
            "date": (start + timedelta(days=rng.randint(0, 700))).isoformat(),
            "lang": lang,
            "source": "kg benchmark generator",
        })
    return records


def write(count: int, path: Path, *, seed: int = 7) -> Path:
    """Write ``count`` generated records to ``path`` as JSON Lines."""
    with path.open("w", encoding="utf-8") as handle:
        for record in generate(count, seed=seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
