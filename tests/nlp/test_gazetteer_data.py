"""Checks on the shipped gazetteer data (``kg/data/gazetteer/*.jsonl``).

These tests read the real files: they guard the data against dangling keys, unverified QIDs,
non-canonical role names and regressions in the posts the pipeline relies on.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kg.model import ActorKind
from kg.nlp.gazetteer import Entry, Gazetteer, check_references, fold
from kg.resources import gazetteer_dir

# The canonical English role names a post may use (shared with the role lexicons and eval).
CANONICAL_ROLES = frozenset(
    {
        "president",
        "prime minister",
        "chancellor",
        "vice president",
        "foreign minister",
        "defence minister",
        "interior minister",
        "finance minister",
        "economy minister",
        "minister",
        "spokesperson",
        "secretary general",
        "high representative",
        "commission president",
        "council president",
        "parliament president",
        "king",
        "queen",
        "emir",
        "crown prince",
        "supreme leader",
        "head of office",
        "commander in chief",
        "chief of general staff",
        "ambassador",
        "director",
        "secretary of state",
        "national security advisor",
        "security council secretary",
        "mayor",
    }
)

BODY_TYPES = frozenset(
    {
        "government",
        "foreign_ministry",
        "defence_ministry",
        "interior_ministry",
        "finance_ministry",
        "presidential_office",
        "head_of_government_office",
        "parliament",
        "security_council",
        "intelligence_service",
        "central_bank",
        "economy_ministry",
        "justice_ministry",
    }
)

FILE_KINDS = {
    "states.jsonl": {ActorKind.STATE},
    "organizations.jsonl": {ActorKind.ORGANIZATION},
    "bodies.jsonl": {ActorKind.GOVERNMENT_BODY},
    "military.jsonl": {ActorKind.MILITARY},
    "persons.jsonl": {ActorKind.PERSON},
    "places.jsonl": {ActorKind.PLACE},
    "parties.jsonl": {ActorKind.PARTY},
    "groups.jsonl": {ActorKind.GROUP},
}

# The 193 UN member states (UN membership list), as the keys the gazetteer uses for them.
UN_MEMBER_KEYS = (
    "afghanistan",
    "albania",
    "algeria",
    "andorra",
    "angola",
    "antigua-and-barbuda",
    "argentina",
    "armenia",
    "australia",
    "austria",
    "azerbaijan",
    "bahamas",
    "bahrain",
    "bangladesh",
    "barbados",
    "belarus",
    "belgium",
    "belize",
    "benin",
    "bhutan",
    "bolivia",
    "bosnia-and-herzegovina",
    "botswana",
    "brazil",
    "brunei",
    "bulgaria",
    "burkina-faso",
    "burundi",
    "cambodia",
    "cameroon",
    "canada",
    "cape-verde",
    "central-african-republic",
    "chad",
    "chile",
    "china",
    "colombia",
    "comoros",
    "republic-of-the-congo",
    "costa-rica",
    "ivory-coast",
    "croatia",
    "cuba",
    "cyprus",
    "czech-republic",
    "democratic-republic-of-the-congo",
    "denmark",
    "djibouti",
    "dominica",
    "dominican-republic",
    "ecuador",
    "egypt",
    "el-salvador",
    "equatorial-guinea",
    "eritrea",
    "estonia",
    "eswatini",
    "ethiopia",
    "fiji",
    "finland",
    "france",
    "gabon",
    "gambia",
    "georgia",
    "germany",
    "ghana",
    "greece",
    "grenada",
    "guatemala",
    "guinea",
    "guinea-bissau",
    "guyana",
    "haiti",
    "honduras",
    "hungary",
    "iceland",
    "india",
    "indonesia",
    "iran",
    "iraq",
    "ireland",
    "israel",
    "italy",
    "jamaica",
    "japan",
    "jordan",
    "kazakhstan",
    "kenya",
    "kiribati",
    "kuwait",
    "kyrgyzstan",
    "laos",
    "latvia",
    "lebanon",
    "lesotho",
    "liberia",
    "libya",
    "liechtenstein",
    "lithuania",
    "luxembourg",
    "madagascar",
    "malawi",
    "malaysia",
    "maldives",
    "mali",
    "malta",
    "marshall-islands",
    "mauritania",
    "mauritius",
    "mexico",
    "micronesia",
    "moldova",
    "monaco",
    "mongolia",
    "montenegro",
    "morocco",
    "mozambique",
    "myanmar",
    "namibia",
    "nauru",
    "nepal",
    "netherlands",
    "new-zealand",
    "nicaragua",
    "niger",
    "nigeria",
    "north-korea",
    "north-macedonia",
    "norway",
    "oman",
    "pakistan",
    "palau",
    "panama",
    "papua-new-guinea",
    "paraguay",
    "peru",
    "philippines",
    "poland",
    "portugal",
    "qatar",
    "romania",
    "russia",
    "rwanda",
    "saint-kitts-and-nevis",
    "saint-lucia",
    "saint-vincent-and-the-grenadines",
    "samoa",
    "san-marino",
    "sao-tome-and-principe",
    "saudi-arabia",
    "senegal",
    "serbia",
    "seychelles",
    "sierra-leone",
    "singapore",
    "slovakia",
    "slovenia",
    "solomon-islands",
    "somalia",
    "south-africa",
    "south-korea",
    "south-sudan",
    "spain",
    "sri-lanka",
    "sudan",
    "suriname",
    "sweden",
    "switzerland",
    "syria",
    "tajikistan",
    "tanzania",
    "thailand",
    "east-timor",
    "togo",
    "tonga",
    "trinidad-and-tobago",
    "tunisia",
    "turkey",
    "turkmenistan",
    "tuvalu",
    "uganda",
    "ukraine",
    "united-arab-emirates",
    "united-kingdom",
    "united-states",
    "uruguay",
    "uzbekistan",
    "vanuatu",
    "venezuela",
    "vietnam",
    "yemen",
    "zambia",
    "zimbabwe",
)

_REPO_ROOT = Path(__file__).resolve().parents[2]
_QID_IN_TEXT = re.compile(r"\bQ[1-9][0-9]*\b")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def raw_records() -> list[tuple[str, dict[str, object]]]:
    """Every JSON line of the shipped files as (file name, decoded record)."""
    records: list[tuple[str, dict[str, object]]] = []
    for path in sorted(gazetteer_dir().glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        records.extend(
            (path.name, json.loads(line))
            for line in lines
            if line.strip() and not line.lstrip().startswith("//")
        )
    return records


def _entries(gazetteer: Gazetteer, kind: ActorKind) -> list[Entry]:
    return [entry for entry in gazetteer.entries() if entry.kind is kind]


def test_every_expected_file_is_shipped() -> None:
    shipped = {path.name for path in gazetteer_dir().glob("*.jsonl")}
    assert set(FILE_KINDS) <= shipped


def test_loads_without_dangling_references(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 1000
    assert list(check_references(gazetteer)) == []


def test_each_file_holds_only_its_kind(raw_records: list[tuple[str, dict[str, object]]]) -> None:
    wrong = [
        (name, record["key"])
        for name, record in raw_records
        if name in FILE_KINDS and ActorKind(str(record["kind"])) not in FILE_KINDS[name]
    ]
    assert wrong == []


def test_keys_are_unique_across_files(raw_records: list[tuple[str, dict[str, object]]]) -> None:
    counts = Counter(str(record["key"]) for _, record in raw_records)
    assert [key for key, n in counts.items() if n > 1] == []


def test_every_un_member_state_is_present(gazetteer: Gazetteer) -> None:
    states = {entry.key for entry in _entries(gazetteer, ActorKind.STATE)}
    assert len(UN_MEMBER_KEYS) == 193
    assert [key for key in UN_MEMBER_KEYS if key not in states] == []
    assert {"holy-see", "palestine", "taiwan", "kosovo"} <= states
    assert len(states) >= 197


def test_every_entry_has_german_and_english_labels(gazetteer: Gazetteer) -> None:
    missing = [
        entry.key
        for entry in gazetteer.entries()
        if not entry.labels.get("de") or not entry.labels.get("en")
    ]
    assert missing == []


def test_every_state_has_demonyms_in_both_languages(gazetteer: Gazetteer) -> None:
    missing = [
        entry.key
        for entry in _entries(gazetteer, ActorKind.STATE)
        if not entry.demonyms.get("en")
        or (not entry.demonyms.get("de") and entry.key != "saint-kitts-and-nevis")
    ]
    assert missing == []


def test_german_demonyms_are_lowercase_stems(gazetteer: Gazetteer) -> None:
    bad = [
        (entry.key, stem)
        for entry in _entries(gazetteer, ActorKind.STATE)
        for stem in entry.demonyms.get("de", ())
        if stem != stem.lower() or stem.endswith(("e", "en", "er", "es"))
    ]
    assert bad == []


def _known_qids() -> str:
    text = (gazetteer_dir() / "VERIFICATION.md").read_text(encoding="utf-8")
    shared = _REPO_ROOT.parent / "shared" / "qids.tsv"
    if shared.is_file():
        text += shared.read_text(encoding="utf-8")
    return text


def test_every_qid_is_documented_in_verification(gazetteer: Gazetteer) -> None:
    documented = set(_QID_IN_TEXT.findall(_known_qids()))
    undocumented = [
        (entry.key, entry.qid)
        for entry in gazetteer.entries()
        if entry.qid and entry.qid not in documented
    ]
    assert undocumented == []


def test_every_qid_carries_its_evidence(raw_records: list[tuple[str, dict[str, object]]]) -> None:
    without = [
        record["key"]
        for _, record in raw_records
        if record.get("qid") and not record.get("evidence")
    ]
    assert without == []


def test_posts_use_canonical_roles_and_known_keys(gazetteer: Gazetteer) -> None:
    bad = [
        (entry.key, post.role, post.of)
        for entry in _entries(gazetteer, ActorKind.PERSON)
        for post in entry.posts
        if post.role not in CANONICAL_ROLES or post.of is None or post.of not in gazetteer
    ]
    assert bad == []


def test_posts_end_after_they_start(gazetteer: Gazetteer) -> None:
    bad = [
        (entry.key, post.role)
        for entry in gazetteer.entries()
        for post in entry.posts
        if post.start and post.end and post.end < post.start
    ]
    assert bad == []


def test_persons_have_gender_and_state(gazetteer: Gazetteer) -> None:
    bad = [
        entry.key
        for entry in _entries(gazetteer, ActorKind.PERSON)
        if entry.gender not in {"f", "m"} or entry.state is None
    ]
    assert bad == []


def test_bodies_and_militaries_have_state_and_body_type(gazetteer: Gazetteer) -> None:
    bad = [
        entry.key
        for kind in (ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY)
        for entry in _entries(gazetteer, kind)
        if entry.state is None
        or entry.body_type
        not in (BODY_TYPES if kind is ActorKind.GOVERNMENT_BODY else {"armed_forces"})
    ]
    assert bad == []


def test_capitals_stand_for_their_state(gazetteer: Gazetteer) -> None:
    places = {entry.key: entry for entry in _entries(gazetteer, ActorKind.PLACE)}
    for key, state in (
        ("kyiv", "ukraine"),
        ("moscow", "russia"),
        ("beijing", "china"),
        ("washington-dc", "united-states"),
        ("warsaw", "poland"),
        ("tbilisi", "georgia"),
    ):
        assert places[key].metonym_of == state
    metonymic = {entry.metonym_of for entry in places.values() if entry.metonym_of}
    # Capitals whose names are also common words or names elsewhere ("Victoria", "Kingston")
    # deliberately stand for nothing; every other capital does.
    assert len(metonymic) >= 170


def test_no_person_alias_is_a_bare_surname(gazetteer: Gazetteer) -> None:
    """Surname-only mentions are the mention stage's job; an alias must be a fuller name form."""
    bad: list[tuple[str, str]] = []
    for entry in _entries(gazetteer, ActorKind.PERSON):
        surnames = {fold(label.split()[-1]) for label in entry.labels.values() if " " in label}
        for names in entry.aliases.values():
            bad.extend((entry.key, name) for name in names if fold(name) in surnames)
    assert bad == []


# Everyday words that no name may fold to, per language: names are looked up case-folded, so an
# English alias such as "WHO" or "IS" would turn every "who" and "is" into an actor. (German "IS"
# and "WHO" are fine: German has no such words.)
_COMMON_WORDS = {
    "en": frozenset(
        {"is", "who", "car", "sis", "the", "and", "an", "in", "am", "so", "was", "man", "war"}
        | {"art", "not", "can", "may", "will", "union", "congress", "commission", "council"}
        | {"security", "wagner", "francis", "male"}
    ),
    "de": frozenset(
        {"die", "der", "das", "und", "ein", "wer", "was", "man", "war", "rat", "kommission"}
        | {"wagner", "franziskus", "sicherheitsrat"}
    ),
}


def _names_in(entry: Entry, lang: str) -> list[str]:
    names = [entry.labels[lang]] if lang in entry.labels else []
    for group in (entry.aliases, entry.metonyms):
        names.extend(group.get(lang, ()))
    return names


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_name_folds_to_a_common_word(gazetteer: Gazetteer, lang: str) -> None:
    bad = [
        (entry.key, name)
        for entry in gazetteer.entries()
        for name in _names_in(entry, lang)
        if fold(name) in _COMMON_WORDS[lang]
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("role", "of", "day", "expected"),
    [
        ("secretary general", "nato", date(2024, 12, 3), "mark-rutte"),
        ("secretary general", "nato", date(2023, 1, 1), "jens-stoltenberg"),
        ("foreign minister", "ukraine", date(2024, 12, 3), "andrii-sybiha"),
        ("foreign minister", "ukraine", date(2023, 6, 1), "dmytro-kuleba"),
        ("defence minister", "russia", date(2024, 12, 3), "andrei-belousov"),
        ("defence minister", "russia", date(2023, 6, 1), "sergei-shoigu"),
        ("president", "united-states", date(2024, 12, 3), "joe-biden"),
        ("president", "united-states", date(2025, 3, 1), "donald-trump"),
        ("foreign minister", "united-states", date(2025, 3, 1), "marco-rubio"),
        ("chancellor", "germany", date(2024, 12, 3), "olaf-scholz"),
        ("chancellor", "germany", date(2025, 6, 1), "friedrich-merz"),
        ("foreign minister", "germany", date(2024, 12, 3), "annalena-baerbock"),
        ("foreign minister", "germany", date(2025, 6, 1), "johann-wadephul"),
        ("defence minister", "germany", date(2024, 12, 3), "boris-pistorius"),
        ("high representative", "european-union", date(2024, 11, 1), "josep-borrell"),
        ("high representative", "european-union", date(2024, 12, 3), "kaja-kallas"),
        ("council president", "european-council", date(2024, 12, 3), "antonio-costa"),
        ("commander in chief", "armed-forces-of-ukraine", date(2023, 6, 1), "valerii-zaluzhnyi"),
        ("commander in chief", "armed-forces-of-ukraine", date(2024, 12, 3), "oleksandr-syrskyi"),
        (
            "spokesperson",
            "presidential-administration-of-russia",
            date(2024, 12, 3),
            "dmitry-peskov",
        ),
        (
            "spokesperson",
            "ministry-of-foreign-affairs-of-russia",
            date(2024, 12, 3),
            "maria-zakharova",
        ),
        ("secretary general", "united-nations", date(2024, 12, 3), "antonio-guterres"),
    ],
    ids=lambda value: value.isoformat() if isinstance(value, date) else None,
)
def test_post_holders_on_a_day(
    gazetteer: Gazetteer, role: str, of: str, day: date, expected: str
) -> None:
    assert [entry.key for entry in gazetteer.holders(role, of, day)] == [expected]


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("united-states", "Vereinigte Staaten von Amerika"),
        ("united-states", "USA"),
        ("united-kingdom", "Großbritannien"),
        ("russia", "Russische Föderation"),
        ("china", "Volksrepublik China"),
        ("south-korea", "Republik Korea"),
        ("netherlands", "Holland"),
        ("nato", "Nordatlantikpakt"),
        ("presidential-administration-of-russia", "Kreml"),
        ("executive-office-of-the-president-of-the-united-states", "Weißes Haus"),
        ("us-department-of-defense", "Pentagon"),
        ("presidency-of-the-french-republic", "Élysée"),
        ("german-chancellery", "Kanzleramt"),
        ("ukraine-defense-contact-group", "Ramstein-Gruppe"),
        ("kyiv", "Kyjiw"),
        ("volodymyr-zelenskyy", "Wolodymyr Selenskyj"),
        ("andrii-sybiha", "Andrij Sybiha"),
        ("islamic-revolutionary-guard-corps", "Revolutionsgarden"),
    ],
)
def test_names_reach_their_entry(gazetteer: Gazetteer, key: str, name: str) -> None:
    entry = gazetteer.get(key)
    assert entry is not None
    assert name in entry.all_names()


@pytest.mark.parametrize(
    ("key", "stems"),
    [
        ("russia", {"russisch", "Russian"}),
        ("united-states", {"us-amerikanisch", "amerikanisch", "American"}),
        ("united-kingdom", {"britisch", "British"}),
        ("netherlands", {"niederländisch", "Dutch"}),
    ],
)
def test_demonyms(gazetteer: Gazetteer, key: str, stems: set[str]) -> None:
    entry = gazetteer.get(key)
    assert entry is not None
    assert stems <= {stem for values in entry.demonyms.values() for stem in values}
