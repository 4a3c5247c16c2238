"""find_issues: issue phrases and their slots, on real sentences and mentions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.model import Article, IssueMention
from kg.nlp.issues import ANAPHOR, RELATIONS, find_issues, load_issue_lexicon
from kg.nlp.mentions import find_mentions
from kg.nlp.sentences import split_sentences
from kg.reading import parse_news_text
from kg.resources import lexicon_dir

DAY = date(2025, 3, 12)


def _article(lang: str, body: str) -> Article:
    return parse_news_text(f"Meldung\n\n{body}\n", source="<test>", lang=lang, published=DAY)


def _issues(resources, lang: str, body: str) -> tuple[Article, tuple[IssueMention, ...]]:  # type: ignore[no-untyped-def]
    article = _article(lang, body)
    lexicon = resources.mention_lexicon(lang)
    sentences = split_sentences(article, abbreviations=lexicon.abbreviations)
    found = find_mentions(article, sentences, resources.gazetteer, lexicon, index=resources.index)
    issues = find_issues(
        article, sentences, found.mentions, found.actors, lexicon=load_issue_lexicon(lang)
    )
    return article, issues


def _slots(issues: tuple[IssueMention, ...]) -> set[tuple[str, str | None, str | None]]:
    return {(i.relation, i.subject, i.object) for i in issues}


@pytest.mark.parametrize(
    ("lang", "body", "expected"),
    [
        ("de", "Russland lehnt eine NATO-Mitgliedschaft der Ukraine ab.",
         ("membership", "ukraine", "nato")),
        ("de", "Polen unterstützt den Beitritt der Ukraine zur NATO.",
         ("membership", "ukraine", "nato")),
        ("de", "Rutte sieht die Zukunft der Ukraine in der NATO.",
         ("membership", "ukraine", "nato")),
        ("de", "Die NATO berät. Kiew fordert eine Einladung in die Allianz.",
         ("membership", None, "nato")),
        ("de", "Die mögliche Aufnahme Kiews in das westliche Verteidigungsbündnis sei für Moskau "
               "einer der Kriegsgründe gewesen, sagte die NATO.",
         ("membership", "ukraine", "nato")),
        ("de", "Deutschland stoppt die Waffenlieferungen an Kiew.", ("aid", None, "ukraine")),
        ("de", "Estland fordert Sanktionen gegen Russland.", ("sanction", None, "russia")),
        ("de", "Die Türkei will Gespräche zwischen Russland und der Ukraine ausrichten.",
         ("negotiation", "russia", "ukraine")),
        ("de", "Beide Seiten lehnen einen Waffenstillstand ab.", ("ceasefire", None, None)),
        ("de", "Die Ukraine verlangt Sicherheitsgarantien für die Ukraine.",
         ("guarantee", None, "ukraine")),
        ("en", "Hungary opposes Ukraine's NATO membership.", ("membership", "ukraine", "nato")),
        ("en", "Moscow warned against Ukraine joining NATO.", ("membership", "ukraine", "nato")),
        ("en", "Germany wants new EU sanctions on Russia.",
         ("sanction", "european-union", "russia")),
        ("en", "Qatar pressed for a ceasefire between Israel and Hamas.",
         ("ceasefire", "israel", "hamas")),
        ("en", "Norway pledged military aid to Ukraine.", ("aid", None, "ukraine")),
        ("en", "Stoltenberg said Ukraine's future is in NATO.", ("membership", "ukraine", "nato")),
    ],
    ids=[
        "de-compound-genitive", "de-beitritt-zur", "de-zukunft-in", "de-alias-allianz",
        "de-aufnahme-genitive-alias", "de-lieferungen-an-metonym", "de-sanktionen-gegen",
        "de-gespraeche-zwischen", "de-waffenstillstand-bare", "de-garantien-fuer",
        "en-possessive-modifier", "en-joining", "en-modifier-subject", "en-between",
        "en-aid-to", "en-future-copula",
    ],
)  # fmt: skip
def test_issue_slots(resources, lang: str, body: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    article, issues = _issues(resources, lang, body)
    assert expected in _slots(issues)
    for issue in issues:
        assert article.text[issue.start : issue.end] == issue.surface
        assert issue.relation in RELATIONS or issue.relation == ANAPHOR


def test_asserting_phrase_is_flagged(resources) -> None:  # type: ignore[no-untyped-def]
    _, issues = _issues(resources, "de", "Rutte sieht die Zukunft der Ukraine in der NATO.")
    assert [i.asserts for i in issues if i.relation == "membership"] == [True]
    _, plain = _issues(resources, "de", "Russland lehnt eine NATO-Mitgliedschaft der Ukraine ab.")
    assert [i.asserts for i in plain] == [False]


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("de", "Frankreich bekundet Unterstützung für eine NATO-Mitgliedschaft der Ukraine."),
        ("en", "France voiced support for NATO membership for Ukraine."),
    ],
    ids=["de-unterstuetzung-fuer-issue", "en-support-for-issue"],
)
def test_support_for_an_issue_is_not_aid(resources, lang: str, body: str) -> None:  # type: ignore[no-untyped-def]
    _, issues = _issues(resources, lang, body)
    assert {i.relation for i in issues} == {"membership"}


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("de", "Nach einem Waffenstillstand will Frankreich Truppen schicken."),
        ("en", "After a ceasefire, France would send troops."),
        ("de", "Russland sieht einen Weg für Gespräche."),  # "Weg" needs an object
    ],
    ids=["de-nach-waffenstillstand", "en-after-ceasefire", "de-weg-without-object"],
)
def test_phrases_that_name_no_issue(resources, lang: str, body: str) -> None:  # type: ignore[no-untyped-def]
    _, issues = _issues(resources, lang, body)
    assert [i for i in issues if i.relation in ("ceasefire", "membership")] == []


def test_anaphor_nouns_are_marked(resources) -> None:  # type: ignore[no-untyped-def]
    _, issues = _issues(resources, "de", "Rutte begrüßte die Zusage.")
    assert [(i.relation, i.surface) for i in issues] == [(ANAPHOR, "Zusage")]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shipped_lexicons_load(lang: str) -> None:
    lexicon = load_issue_lexicon(lang)
    assert {rule.relation for rule in lexicon.rules} >= {"membership", "aid", "sanction"}
    assert lexicon.genitive
    assert lexicon.aliases


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("friendship\tfreundschaft\t-\t-\t-\t-\t-\t-\t.", "relation 'friendship'"),
        ("aid\thilfe\t-\t-\t-\t-\tfür=recipient\t-\t.", "slot 'recipient'"),
        ("aid\thilfe\t-\t-\t-\t-\t-\tsometimes\t.", "need 'sometimes'"),
        ("aid\thilfe\t-\t-", "9 tab-separated columns"),
    ],
    ids=["unknown-relation", "unknown-slot", "unknown-need", "short-row"],
)
def test_malformed_lexicon_names_the_problem(tmp_path: Path, row: str, problem: str) -> None:
    (tmp_path / "issue_patterns.tsv").write_text(f"# test\n{row}\n@genitive\tder\n", "utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_issue_lexicon("de", tmp_path)


def test_missing_lexicon_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read lexicon"):
        load_issue_lexicon("de", tmp_path)
    assert (lexicon_dir("de") / "issue_patterns.tsv").is_file()


@pytest.mark.parametrize(
    ("lang", "body", "expected"),
    [
        ("de", "Die EU eröffnet Beitrittsgespräche mit der Ukraine und Moldau.",
         {("accession", "ukraine", None), ("accession", "moldova", None)}),
        ("en", "The EU imposed sanctions on Russia and Belarus.",
         {("sanction", None, "russia"), ("sanction", None, "belarus")}),
    ],
    ids=["de-coordinated-subjects", "en-coordinated-objects"],
)  # fmt: skip
def test_coordinated_actors_name_one_issue_each(
    resources,  # type: ignore[no-untyped-def]
    lang: str,
    body: str,
    expected: set[tuple[str, str | None, str | None]],
) -> None:
    _, issues = _issues(resources, lang, body)
    assert expected <= _slots(issues)
    assert len({i.id for i in issues}) == len(issues)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Estland fordert mehr Militärhilfe der EU für die Ukraine.",
         ("aid", "european-union", "ukraine")),
        ("Die Unterstützung der USA für Kiew bleibt entscheidend.",
         ("aid", "united-states", "ukraine")),
        ("Die Unterstützung der Ukraine bleibt wichtig.", ("aid", None, "ukraine")),
    ],
    ids=["genitive-then-fuer", "genitive-metonym-recipient", "genitive-alone-receives"],
)  # fmt: skip
def test_genitive_gives_when_a_preposition_names_the_recipient(
    resources,  # type: ignore[no-untyped-def]
    body: str,
    expected: tuple[str, str | None, str | None],
) -> None:
    _article, issues = _issues(resources, "de", body)
    assert expected in _slots(issues)
