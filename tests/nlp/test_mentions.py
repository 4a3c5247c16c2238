"""find_mentions: names, inflection, metonyms, demonyms, role phrases, bodies, coreference."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import ActorKind, Article, Comment, MentionForm
from kg.nlp._names import build_name_index
from kg.nlp.gazetteer import Gazetteer, parse_entry
from kg.nlp.lexicon import load_mention_lexicon
from kg.nlp.mentions import find_mentions
from kg.nlp.sentences import split_sentences

ENTRIES = [
    {
        "key": "nato",
        "kind": "organization",
        "qid": "Q7184",
        "labels": {"de": "NATO", "en": "NATO"},
        "aliases": {"de": ["Nato"]},
    },
    {
        "key": "ukraine",
        "kind": "state",
        "qid": "Q212",
        "labels": {"de": "Ukraine", "en": "Ukraine"},
        "demonyms": {"de": ["ukrainisch"], "en": ["Ukrainian"]},
    },
    {
        "key": "russia",
        "kind": "state",
        "qid": "Q159",
        "labels": {"de": "Russland", "en": "Russia"},
        "demonyms": {"de": ["russisch"], "en": ["Russian"]},
    },
    {
        "key": "germany",
        "kind": "state",
        "qid": "Q183",
        "labels": {"de": "Deutschland", "en": "Germany"},
        "demonyms": {"de": ["deutsch"], "en": ["German"]},
    },
    {
        "key": "lithuania",
        "kind": "state",
        "labels": {"de": "Litauen", "en": "Lithuania"},
        "demonyms": {"de": ["litauisch"], "en": ["Lithuanian"]},
    },
    {
        "key": "united-states",
        "kind": "state",
        "qid": "Q30",
        "labels": {"de": "Vereinigte Staaten", "en": "United States"},
        "aliases": {"de": ["USA"], "en": ["US"]},
    },
    {
        "key": "kyiv",
        "kind": "place",
        "labels": {"de": "Kiew", "en": "Kyiv"},
        "metonym_of": "ukraine",
    },
    {
        "key": "moscow",
        "kind": "place",
        "labels": {"de": "Moskau", "en": "Moscow"},
        "metonym_of": "russia",
    },
    {
        "key": "brussels",
        "kind": "place",
        "labels": {"de": "Brüssel", "en": "Brussels"},
        "metonym_of": "belgium",
    },
    {"key": "belgium", "kind": "state", "labels": {"de": "Belgien", "en": "Belgium"}},
    {"key": "donetsk-oblast", "kind": "place", "labels": {"de": "Donezk", "en": "Donetsk"}},
    {
        "key": "presidential-administration-of-russia",
        "kind": "government_body",
        "labels": {
            "de": "Präsidialverwaltung Russlands",
            "en": "Presidential Administration of Russia",
        },
        "metonyms": {"de": ["Kreml"], "en": ["Kremlin"]},
        "state": "russia",
        "body_type": "presidential_office",
    },
    {
        "key": "mark-rutte",
        "kind": "person",
        "qid": "Q57792",
        "gender": "m",
        "labels": {"de": "Mark Rutte", "en": "Mark Rutte"},
        "posts": [{"role": "secretary general", "of": "nato", "start": "2024-10-01"}],
    },
    {
        "key": "jens-stoltenberg",
        "kind": "person",
        "gender": "m",
        "labels": {"de": "Jens Stoltenberg", "en": "Jens Stoltenberg"},
        "posts": [
            {"role": "secretary general", "of": "nato", "start": "2014-10-01", "end": "2024-10-01"}
        ],
    },
    {
        "key": "vladimir-putin",
        "kind": "person",
        "qid": "Q7747",
        "gender": "m",
        "labels": {"de": "Wladimir Putin", "en": "Vladimir Putin"},
        "state": "russia",
        "posts": [{"role": "president", "of": "russia", "start": "2012-05-07"}],
    },
    {
        "key": "dmitry-peskov",
        "kind": "person",
        "gender": "m",
        "labels": {"de": "Dmitri Peskow", "en": "Dmitry Peskov"},
        "state": "russia",
        "posts": [
            {
                "role": "spokesperson",
                "of": "presidential-administration-of-russia",
                "start": "2012-05-22",
            }
        ],
    },
    {
        "key": "luc-frieden",
        "kind": "person",
        "labels": {"de": "Luc Frieden", "en": "Luc Frieden"},
        "posts": [{"role": "prime minister", "of": "belgium", "start": "2023-11-17"}],
    },
]
DAY = date(2024, 12, 3)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(parse_entry(e) for e in ENTRIES)


def _run(gazetteer: Gazetteer, text: str, lang: str = "de", comments: tuple[str, ...] = ()):
    lexicon = load_mention_lexicon(lang)
    article = Article(
        id="t",
        text=text,
        lang=lang,
        source="test",
        published=DAY,
        comments=tuple(Comment(index=i, author=f"u{i}", text=c) for i, c in enumerate(comments)),
    )
    sentences = split_sentences(article, abbreviations=lexicon.abbreviations)
    return find_mentions(article, sentences, gazetteer, lexicon, index=build_name_index(gazetteer))


def _actors(result, *, comment: int | None = None) -> set[str]:
    return {m.actor for m in result.mentions if not m.is_place and m.comment == comment}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Zukunft Russlands ist offen.", {"russia"}),
        ("Selbst der Präsident Russlands schwieg.", {"russia", "vladimir-putin"}),
        ("Die Mitgliedschaft der Ukraine in der NATO bleibt offen.", {"ukraine", "nato"}),
        ("Die NATO-Mitgliedschaft ist ein Ziel.", {"nato"}),
        ("Putins Krieg geht weiter.", {"vladimir-putin"}),
    ],
    ids=["genitive-s", "role-genitive", "plain", "hyphen-compound", "surname-genitive"],
)
def test_names_with_inflection(gazetteer: Gazetteer, text: str, expected: set[str]) -> None:
    assert _actors(_run(gazetteer, text)) == expected


@pytest.mark.parametrize(
    ("text", "actor", "is_place"),
    [
        ("Kiew hatte zuvor klargemacht, keine Garantien zu akzeptieren.", "ukraine", False),
        ("Die Aufnahme Kiews in das Bündnis sei ein Kriegsgrund.", "ukraine", False),
        ("Die Minister trafen sich in Brüssel.", "brussels", True),
        ("Der Gipfel fand in Moskau statt.", "moscow", True),
        ("Moscow rejected the proposal.", "russia", False),
    ],
    ids=["capital-subject", "capital-genitive", "in-place", "in-place-2", "english-metonym"],
)
def test_capitals_are_metonyms_unless_locative(
    gazetteer: Gazetteer, text: str, actor: str, is_place: bool
) -> None:
    lang = "en" if text.startswith("Moscow") else "de"
    mention = next(m for m in _run(gazetteer, text, lang).mentions if m.actor == actor)
    assert mention.is_place is is_place
    assert mention.form is (MentionForm.NAME if is_place else MentionForm.METONYM)


def test_regions_are_places(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Russland meldet Kämpfe bei Donezk.")
    assert _actors(result) == {"russia"}
    assert any(m.actor == "donetsk-oblast" and m.is_place for m in result.mentions)


def test_kremlin_metonym_is_the_presidential_administration(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Der Kreml erachtet eine Mitgliedschaft als Bedrohung.")
    (mention,) = result.mentions
    assert mention.actor == "presidential-administration-of-russia"
    assert mention.form is MentionForm.METONYM


@pytest.mark.parametrize(
    ("text", "person", "role", "of"),
    [
        ("NATO-Generalsekretär Mark Rutte sprach.", "mark-rutte", "secretary general", "nato"),
        (
            "Kreml-Sprecher Dmitri Peskow betonte das.",
            "dmitry-peskov",
            "spokesperson",
            "presidential-administration-of-russia",
        ),
        (
            "Der russische Präsident Wladimir Putin schwieg.",
            "vladimir-putin",
            "president",
            "russia",
        ),
        (
            "Der litauische Verteidigungsminister Tomas Beispielis kam.",
            "tomas-beispielis",
            "defence minister",
            "lithuania",
        ),
        (
            "Die deutsche Außenministerin Erika Musterfrau reiste ab.",
            "erika-musterfrau",
            "foreign minister",
            "germany",
        ),
        (
            "Mark Rutte, der NATO-Generalsekretär, sprach.",
            "mark-rutte",
            "secretary general",
            "nato",
        ),
    ],
    ids=[
        "compound-org",
        "compound-metonym",
        "demonym-role",
        "new-person",
        "new-person-female",
        "apposition",
    ],
)
def test_role_phrases_yield_post_holdings(
    gazetteer: Gazetteer, text: str, person: str, role: str, of: str
) -> None:
    result = _run(gazetteer, text)
    stated = {(h.person, h.role, h.of) for h in result.holdings if h.start is not None}
    assert (person, role, of) in stated
    assert person in _actors(result)


@pytest.mark.parametrize(
    ("text", "lang", "person", "role", "of"),
    [
        (
            "NATO Secretary General Mark Rutte said so.",
            "en",
            "mark-rutte",
            "secretary general",
            "nato",
        ),
        (
            "Kremlin spokesman Dmitry Peskov said so.",
            "en",
            "dmitry-peskov",
            "spokesperson",
            "presidential-administration-of-russia",
        ),
        (
            "Lithuanian Defence Minister Tomas Beispielis arrived.",
            "en",
            "tomas-beispielis",
            "defence minister",
            "lithuania",
        ),
        ("Russia's President Vladimir Putin spoke.", "en", "vladimir-putin", "president", "russia"),
    ],
    ids=["title-org", "title-metonym", "title-demonym", "possessive"],
)
def test_english_role_phrases(
    gazetteer: Gazetteer, text: str, lang: str, person: str, role: str, of: str
) -> None:
    result = _run(gazetteer, text, lang)
    assert (person, role, of) in {(h.person, h.role, h.of) for h in result.holdings}


def test_role_descriptor_refers_back_to_the_holder(gazetteer: Gazetteer) -> None:
    text = (
        "Die deutsche Außenministerin Erika Musterfrau sprach in Brüssel. "
        "Es sei ein gerechter Frieden nötig, sagte die Ministerin."
    )
    result = _run(gazetteer, text)
    descriptor = next(m for m in result.mentions if m.form is MentionForm.DESCRIPTOR)
    assert descriptor.surface == "Ministerin"
    assert descriptor.actor == "erika-musterfrau"


def test_org_descriptor_uses_the_holder_at_the_article_date(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Das sagte der NATO-Chef am Dienstag.")
    descriptor = next(m for m in result.mentions if m.form is MentionForm.DESCRIPTOR)
    assert descriptor.actor == "mark-rutte"  # Stoltenberg's term ended on 2024-10-01


def test_descriptor_without_a_holder_is_not_guessed(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Das bestätigte die Ministerin.")
    assert not [m for m in result.mentions if m.form is MentionForm.DESCRIPTOR]


@pytest.mark.parametrize(
    ("text", "body", "kind"),
    [
        ("Die russischen Streitkräfte rückten vor.", "armed-forces-of-russia", ActorKind.MILITARY),
        (
            "Das Außenministerium in Kiew erinnerte daran.",
            "ministry-of-foreign-affairs-of-ukraine",
            ActorKind.GOVERNMENT_BODY,
        ),
        (
            "Das erklärte das Außenministerium der Ukraine.",
            "ministry-of-foreign-affairs-of-ukraine",
            ActorKind.GOVERNMENT_BODY,
        ),
        (
            "Ukraine's foreign ministry said so.",
            "ministry-of-foreign-affairs-of-ukraine",
            ActorKind.GOVERNMENT_BODY,
        ),
        (
            "The Russian defence ministry said so.",
            "ministry-of-defence-of-russia",
            ActorKind.GOVERNMENT_BODY,
        ),
    ],
    ids=["demonym-military", "in-capital", "genitive", "en-possessive", "en-demonym"],
)
def test_bodies_are_built_from_noun_and_state(
    gazetteer: Gazetteer, text: str, body: str, kind: ActorKind
) -> None:
    lang = "en" if text.startswith(("Ukraine's", "The")) else "de"
    result = _run(gazetteer, text, lang)
    actor = next(a for a in result.actors if a.key == body)
    assert actor.kind is kind
    assert not actor.curated


def test_body_without_state_is_not_an_actor(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Er habe Berichte vom Militär erhalten.")
    assert not result.mentions


def test_surname_after_full_name_and_partial_names_merge(gazetteer: Gazetteer) -> None:
    text = (
        "Außenminister Tomas Beispielis reiste nach Kiew. "
        "Beispielis sagte, Litauen stehe fest an der Seite der Ukraine."
    )
    result = _run(gazetteer, text)
    forms = [(m.surface, m.actor) for m in result.mentions]
    assert ("Beispielis", "tomas-beispielis") in forms


def test_curated_surname_alone_but_not_common_nouns(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Rutte und Stoltenberg wollen einen dauerhaften Frieden.")
    assert _actors(result) == {"mark-rutte", "jens-stoltenberg"}


def test_comments_are_scanned_with_their_own_offsets(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Rutte sprach.", comments=("Die Nato und Putin!", "Nichts."))
    assert _actors(result, comment=0) == {"nato", "vladimir-putin"}
    mention = next(m for m in result.mentions if m.comment == 0 and m.actor == "nato")
    assert "Die Nato und Putin!"[mention.start : mention.end] == "Nato"
    assert not _actors(result, comment=1)


def test_acronyms_match_case_sensitively(gazetteer: Gazetteer) -> None:
    assert _actors(_run(gazetteer, "Let us talk about the US.", "en")) == {"united-states"}


def test_offsets_point_at_the_surface(gazetteer: Gazetteer) -> None:
    text = "Der ukrainische Präsident sprach mit Kreml-Sprecher Dmitri Peskow über Kiews Plan."
    for mention in _run(gazetteer, text).mentions:
        assert text[mention.start : mention.end] == mention.surface


def test_curated_holdings_of_mentioned_persons_are_added(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "Rutte sprach.")
    curated = [h for h in result.holdings if h.start is None]
    assert [(h.person, h.role, h.of) for h in curated] == [
        ("mark-rutte", "secretary general", "nato")
    ]


GAZETTEER_MORE = [
    *ENTRIES,
    {
        "key": "federal-foreign-office",
        "kind": "government_body",
        "labels": {"de": "Auswärtiges Amt", "en": "Federal Foreign Office"},
        "state": "germany",
        "body_type": "foreign_ministry",
    },
    {
        "key": "european-union",
        "kind": "organization",
        "labels": {"de": "Europäische Union", "en": "European Union"},
    },
    {
        "key": "volodymyr-zelenskyy",
        "kind": "person",
        "gender": "m",
        "labels": {"de": "Wolodymyr Selenskyj", "en": "Volodymyr Zelenskyy"},
        "state": "ukraine",
        "posts": [{"role": "president", "of": "ukraine", "start": "2019-05-20"}],
    },
    {"key": "frederik-x", "kind": "person", "labels": {"de": "Frederik X", "en": "Frederik X"}},
]


@pytest.fixture(scope="module")
def gazetteer_more() -> Gazetteer:
    return Gazetteer(parse_entry(e) for e in GAZETTEER_MORE)


@pytest.mark.parametrize(
    ("text", "lang", "surface", "actor"),
    [
        (
            "Das sagte ein Sprecher des Auswärtigen Amtes.",
            "de",
            "Auswärtigen Amtes",
            "federal-foreign-office",
        ),
        (
            "Die Gipfel der Europäischen Union enden spät.",
            "de",
            "Europäischen Union",
            "european-union",
        ),
        (
            "Selenskyjs Büro teilte das mit.",
            "de",
            "Selenskyjs Büro",
            "presidential-office-of-ukraine",
        ),
        ("Zelensky's office said so.", "en", "Zelensky's office", "presidential-office-of-ukraine"),
        ("Die russische Botschaft widersprach.", "de", "russische Botschaft", "embassy-of-russia"),
    ],
    ids=[
        "adjective-genitive",
        "adjective-dative",
        "person-office-de",
        "person-office-en",
        "embassy",
    ],
)
def test_inflected_and_owned_bodies(
    gazetteer_more: Gazetteer, text: str, lang: str, surface: str, actor: str
) -> None:
    gazetteer = gazetteer_more
    if lang == "en":
        entries = [dict(e) for e in GAZETTEER_MORE]
        for entry in entries:
            if entry["key"] == "volodymyr-zelenskyy":
                entry["aliases"] = {"en": ["Volodymyr Zelensky"]}
        gazetteer = Gazetteer(parse_entry(e) for e in entries)
    result = _run(gazetteer, text, lang)
    assert (surface, actor) in {(m.surface, m.actor) for m in result.mentions}


@pytest.mark.parametrize(
    ("text", "person", "role", "of"),
    [
        (
            "Der estnische Europaminister Mart Beispiel begrüßte das.",
            "mart-beispiel",
            "minister",
            "estonia",
        ),
        (
            "Der Sprecher des katarischen Außenministeriums, Madschid al-Beispiel, sagte das.",
            "madschid-al-beispiel",
            "spokesperson",
            "ministry-of-foreign-affairs-of-qatar",
        ),
        (
            "Der nigrische Regierungssprecher Amadou Beispiel sagte das.",
            "amadou-beispiel",
            "spokesperson",
            "government-of-niger",
        ),
    ],
    ids=["compound-suffix", "comma-apposition-particle", "body-role"],
)
def test_roles_generalise(text: str, person: str, role: str, of: str) -> None:
    entries = [
        *ENTRIES,
        {
            "key": "estonia",
            "kind": "state",
            "labels": {"de": "Estland", "en": "Estonia"},
            "demonyms": {"de": ["estnisch"]},
        },
        {
            "key": "qatar",
            "kind": "state",
            "labels": {"de": "Katar", "en": "Qatar"},
            "demonyms": {"de": ["katarisch"]},
        },
        {
            "key": "niger",
            "kind": "state",
            "labels": {"de": "Niger", "en": "Niger"},
            "demonyms": {"de": ["nigrisch"]},
        },
    ]
    result = _run(Gazetteer(parse_entry(e) for e in entries), text)
    assert (person, role, of) in {(h.person, h.role, h.of) for h in result.holdings}


def test_regnal_numbers_are_no_surnames(gazetteer_more: Gazetteer) -> None:
    result = _run(gazetteer_more, "Scholz schrieb auf X, die Lage sei ernst.")
    assert "frederik-x" not in {m.actor for m in result.mentions}


def test_states_after_locatives_are_places(gazetteer: Gazetteer) -> None:
    result = _run(gazetteer, "In Litauen und Deutschland wird gewählt. Russland warnt.")
    assert _actors(result) == {"russia"}
    assert {m.actor for m in result.mentions if m.is_place} == {"lithuania", "germany"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("NATO leaders met in The Hague on Tuesday.", "en"),
        ("The NATO leaders agreed on higher spending.", "en"),
        ("Die NATO-Außenministerinnen berieten am Dienstag.", "de"),
    ],
    ids=["en-org-leaders", "en-the-org-leaders", "de-feminine-plural"],
)
def test_plural_role_nouns_are_no_post_of_the_organisation(
    gazetteer: Gazetteer, text: str, lang: str
) -> None:
    result = _run(gazetteer, text, lang)
    assert "mark-rutte" not in _actors(result)
    assert not [h for h in result.holdings if h.of == "nato"]


def test_the_leaders_refer_back_to_the_organisation_of_a_plural_role(
    gazetteer: Gazetteer,
) -> None:
    result = _run(gazetteer, "NATO leaders met on Tuesday. The leaders said more was needed.", "en")
    descriptor = next(m for m in result.mentions if m.form is MentionForm.DESCRIPTOR)
    assert (descriptor.surface, descriptor.actor) == ("The leaders", "nato")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Luc Frieden traf Vertreter der EU. Später sagte der Premierminister, es gebe "
            "Fortschritte.",
            "de",
        ),
        ("Luc Frieden met EU officials. Later, the prime minister said there was progress.", "en"),
    ],
    ids=["de-premier", "en-prime-minister"],
)
def test_bare_role_descriptor_takes_the_last_named_curated_holder(
    gazetteer: Gazetteer, text: str, lang: str
) -> None:
    result = _run(gazetteer, text, lang)
    descriptor = next(m for m in result.mentions if m.form is MentionForm.DESCRIPTOR)
    assert descriptor.actor == "luc-frieden"


def test_bare_role_descriptor_with_two_holders_in_one_sentence_is_not_guessed(
    resources,  # type: ignore[no-untyped-def]
) -> None:
    lexicon = resources.mention_lexicon("en")
    article = Article(id="t", text="Donald Tusk met Keir Starmer in Warsaw. Later, the prime "
                      "minister said the talks went well.", lang="en", source="test",
                      published=date(2025, 6, 1))  # fmt: skip
    sentences = split_sentences(article, abbreviations=lexicon.abbreviations)
    result = find_mentions(article, sentences, resources.gazetteer, lexicon, index=resources.index)
    assert not [m for m in result.mentions if m.form is MentionForm.DESCRIPTOR]
