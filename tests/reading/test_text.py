"""Plain-text pages: the seed, our own German/English layouts, front matter."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from reading_fixtures import DATA, SEED, SEED_GOLD

from kg.errors import InputError
from kg.model import Article, BlockKind
from kg.reading import parse_news_text

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="shared/seeds not beside the repo")


@pytest.fixture(scope="module")
def seed() -> Article:
    return parse_news_text(SEED.read_text(encoding="utf-8"), source=str(SEED))


def _block_texts(article: Article, kind: BlockKind) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.kind is kind]


@needs_seed
def test_seed_header(seed: Article) -> None:
    assert seed.headline == "NATO-Generalsekretär Rutte fordert mehr Hilfe für die Ukraine"
    assert seed.lang == "de"
    assert seed.published == date(2024, 12, 3)
    assert seed.published_at == datetime(2024, 12, 3, 18, 57)
    assert seed.agencies == ("APA", "Reuters", "Ukrinform", "dpa", "TASS")
    assert _block_texts(seed, BlockKind.SUBHEADLINE) == [
        "Rutte sieht Zukunft der Ukraine in der NATO – Schritt für Schritt"
    ]


@needs_seed
def test_seed_headings_and_paragraphs(seed: Article) -> None:
    assert _block_texts(seed, BlockKind.HEADING) == [
        "Ukraine bittet NATO um 19 Flugabwehrsysteme",
        "Rutte: Putin hat kein Interesse an Frieden",
        "Kiew erinnert an Budapester Memorandum",
        "Kreml erachtet NATO-Mitgliedschaft als “Bedrohung”",
        "Russland erobert weitere Siedlungen",
    ]
    paragraphs = _block_texts(seed, BlockKind.PARAGRAPH)
    assert len(paragraphs) == 13
    assert paragraphs[0].startswith("Die Ukraine kann wohl nicht so schnell")
    assert paragraphs[-1].endswith("ohne sie vollständig zu kontrollieren.")


@needs_seed
def test_seed_text_excludes_dateline_byline_and_comments(seed: Article) -> None:
    assert "Dezember 2024 | 18:57" not in seed.text
    assert "Von: APA" not in seed.text
    assert "Kommentare" not in seed.text
    assert "Speedy Gonzales" not in seed.text
    assert seed.text.startswith(seed.headline or "")


@needs_seed
def test_seed_comments_match_gold(seed: Article) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["comments"]
    got = [(c.author, c.rank, c.reply_to) for c in seed.comments]
    assert got == [(g["author"], g["rank"], g["reply_to"]) for g in gold]


@needs_seed
def test_seed_comment_fields(seed: Article) -> None:
    first, reply = seed.comments[0], seed.comments[6]
    assert first.age == "9 h 51 Min"
    assert (
        first.text
        == "Die Ukraine wird diesen Krieg verlieren und das weiß der NATO-Generalsekretär auch."
    )
    assert reply.age == "4 Min 18 Sek"
    assert reply.parent == 4  # "@Sosonadann": the comment by Sosonadann
    assert seed.comments[4].text.endswith("dass…")  # "Weiterlesen »" cut
    assert seed.comments[12].text.endswith("als Sieg zu verkafen.")  # no trailing "wpDiscuz"
    assert all(c.index == i for i, c in enumerate(seed.comments))


def test_blocks_lay_out_the_text() -> None:
    article = parse_news_text((DATA / "de_wpdiscuz.txt").read_text(encoding="utf-8"), source="x")
    pieces = [article.text[b.start : b.end] for b in article.blocks]
    assert "\n\n".join(pieces) == article.text
    assert [b.kind for b in article.blocks][:2] == [BlockKind.HEADLINE, BlockKind.SUBHEADLINE]


# expected (author, rank, age, reply_to) per comment of our own comment sections
COMMENT_CASES = {
    "de_wpdiscuz.txt": [
        ("Bergfex", "Stammleser", "5 h 10 Min", None),
        ("Lisa M.", "Neuling", "4 h 55 Min", "Bergfex"),  # "@Bergfex"
        ("Talblick", "Stammleser", "4 h 20 Min", "Bergfex"),  # names Bergfex in the thread
        ("Pustertaler", "Vielschreiber", "6 h 2 Min", None),  # older: new thread
        ("Lisa M.", "Neuling", "5 h 40 Min", "Pustertaler"),  # silent, 22 min later
        ("Kaltern_77", "Neuling", "30 Min", None),  # silent, 5 h later: top level
    ],
    "en_reply_markers.txt": [
        ("hillwalker", None, "2 hours ago", None),
        ("Maria K.", None, "1 hour ago", "hillwalker"),
        ("tollpayer", None, "5 hours ago", None),
    ],
    "de_antworten.txt": [
        ("Anna Berger", None, None, None),
        ("Max M.", None, None, "Anna Berger"),
        ("Sepp", None, None, None),
    ],
    "en_says.txt": [
        ("Tom Archer", None, None, None),
        ("Jen Wu", None, None, "Tom Archer"),  # "you", 45 min later
        ("Rob", None, None, None),  # 13 h later, addresses nobody
    ],
}


@pytest.mark.parametrize("name", sorted(COMMENT_CASES), ids=sorted(COMMENT_CASES))
def test_own_comment_sections(name: str) -> None:
    article = parse_news_text((DATA / name).read_text(encoding="utf-8"), source=name)
    got = [(c.author, c.rank, c.age, c.reply_to) for c in article.comments]
    assert got == COMMENT_CASES[name]
    for comment in article.comments:
        assert comment.text
        assert comment.text.split("\n")[-1] not in ("Reply", "Antworten", "wpDiscuz")
        if comment.reply_to is not None:
            assert comment.parent is not None
            assert article.comments[comment.parent].author == comment.reply_to


@pytest.mark.parametrize(
    ("name", "lang", "published", "agencies"),
    [
        ("de_wpdiscuz.txt", "de", date(2025, 5, 14), ("APA", "dpa")),
        ("en_reply_markers.txt", "en", date(2024, 12, 3), ("Reuters", "AP")),
        ("de_antworten.txt", "de", date(2025, 6, 5), ()),
        ("en_says.txt", "en", date(2024, 12, 3), ("Reuters",)),
    ],
    ids=["de-wpdiscuz", "en-reply", "de-antworten", "en-says"],
)
def test_own_page_headers(name: str, lang: str, published: date, agencies: tuple[str, ...]) -> None:
    article = parse_news_text((DATA / name).read_text(encoding="utf-8"), source=name)
    assert (article.lang, article.published, article.agencies) == (lang, published, agencies)
    assert article.headline is not None
    assert "Comments" not in article.text
    assert "Kommentare" not in article.text


def test_english_dateline_time_pm() -> None:
    text = (DATA / "en_reply_markers.txt").read_text(encoding="utf-8")
    assert parse_news_text(text, source="x").published_at == datetime(2024, 12, 3, 18, 57)


def test_front_matter() -> None:
    article = parse_news_text((DATA / "front_matter.md").read_text(encoding="utf-8"), source="fm")
    assert article.headline == "Regierung legt Haushalt für 2026 vor"
    assert article.id == "haushalt-2026-01"
    assert article.url == "https://news.example.org/haushalt-2026"
    assert article.publisher == "Bergpost"
    assert article.agencies == ("APA", "dpa")
    assert article.published == date(2025, 10, 14)
    assert _block_texts(article, BlockKind.HEADING) == ["Opposition kritisiert Kürzungen"]
    assert "title:" not in article.text


def test_front_matter_without_title_uses_first_line() -> None:
    text = (
        "---\ndate: 2025-01-02\n---\nWahl im Frühjahr\n\n"
        "Die Regierung hat den Termin für die Wahl festgelegt, sagte der Sprecher."
    )
    article = parse_news_text(text, source="fm")
    assert article.headline == "Wahl im Frühjahr"
    assert article.published == date(2025, 1, 2)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("---\ntitle: x\ndate: 2025-01-01\n", "not closed"),
        ("---\nnot a key value line\n---\nText", "not 'key: value'"),
        (
            "---\ndate: someday\n---\nDie Regierung hat das nicht gesagt und es ist gut.",
            "not a date",
        ),
    ],
    ids=["unclosed", "no-colon", "bad-date"],
)
def test_bad_front_matter(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        parse_news_text(text, source="fm.md")


def test_soft_wrapped_lines_are_joined() -> None:
    text = (
        "Überschrift des Artikels\n\n"
        "Die Regierung hat am Montag in der Hauptstadt ein neues Gesetz\n"
        "beschlossen, das die Mieten begrenzen soll. Die Opposition ist dagegen.\n"
        "Kurzer Zwischentitel\n"
        "Der Minister sagte, dass das Gesetz im Sommer in Kraft treten werde."
    )
    article = parse_news_text(text, source="wrap")
    assert _block_texts(article, BlockKind.PARAGRAPH)[0].startswith(
        "Die Regierung hat am Montag in der Hauptstadt ein neues Gesetz beschlossen,"
    )
    assert _block_texts(article, BlockKind.HEADING) == ["Kurzer Zwischentitel"]


def test_article_heading_named_like_a_comment_marker_stays_in_text() -> None:
    text = (
        "Streit im Gemeinderat\n\nDie Sitzung am Montag dauerte bis in die Nacht, weil der Rat "
        "über den Haushalt stritt.\n\nDiskussion\n\nDie Diskussion drehte sich vor allem um die "
        "Kosten der neuen Schule, sagte der Bürgermeister."
    )
    article = parse_news_text(text, source="x")
    assert _block_texts(article, BlockKind.HEADING) == ["Diskussion"]
    assert article.comments == ()


def test_crlf_and_nfc_normalisation() -> None:
    decomposed = (
        "Gru\u0308ße aus Bozen\r\n\r\nDie Regierung hat das nicht gesagt, und es ist gut so.\r\n"
    )
    article = parse_news_text(decomposed, source="x")
    assert article.headline == "Grüße aus Bozen"
    assert "\r" not in article.text
    assert "u\u0308" not in article.text


def test_published_argument_is_the_fallback() -> None:
    text = "Titel\n\nDie Regierung hat das nicht gesagt, und es ist gut so."
    assert parse_news_text(text, source="x", published=date(2020, 1, 1)).published == date(
        2020, 1, 1
    )
    assert parse_news_text(text, source="x").published is None


def test_id_is_hash_of_text_without_url() -> None:
    import hashlib

    article = parse_news_text(
        "Titel\n\nDie Regierung hat das nicht gesagt, und es ist gut so.", source="x"
    )
    assert article.id == hashlib.sha256(article.text.encode()).hexdigest()[:16]


def test_dateline_above_headline_and_closing_credit() -> None:
    text = (
        "03.12.2024 18:57\n\nNeue Regeln für Pendler\n\n"
        "Die Regierung hat am Montag beschlossen, dass die Züge öfter fahren sollen.\n\n"
        "Der Minister sagte, das sei ein guter Tag für alle Pendler.\n\n(APA/dpa)\n"
    )
    article = parse_news_text(text, source="x")
    assert article.headline == "Neue Regeln für Pendler"
    assert article.published_at == datetime(2024, 12, 3, 18, 57)
    assert article.agencies == ("APA", "dpa")
    assert article.text.endswith("für alle Pendler.")


def test_parenthesised_aside_is_no_credit() -> None:
    text = (
        "Neue Regeln\n\nDie Regierung hat am Montag beschlossen, dass die Züge öfter fahren.\n\n"
        "(Die Regierung hat das nicht näher begründet und will im Mai entscheiden)"
    )
    article = parse_news_text(text, source="x")
    assert article.agencies == ()
    assert article.text.endswith("entscheiden)")


def test_byline_with_pipes_and_date() -> None:
    text = (
        "Talks resume\n\nBy: Reuters | AP | December 3, 2024\n\n"
        "The minister said that the plan was good and that it would work."
    )
    article = parse_news_text(text, source="x")
    assert (article.agencies, article.published) == (("Reuters", "AP"), date(2024, 12, 3))


def test_disqus_like_layout_with_bullets_and_arrows() -> None:
    text = (
        "Talks resume\n\nThe minister said that the plan was good and that it would work.\n\n"
        "2 thoughts on “Talks resume”\n\nSort by Best\n"
        "Anna Lee\n• 3 hours ago\nThis will not last long.\nReply ↓\n"
        "Ben\n• 2 hours ago\nAnna, you said that last year too.\nReply ↓\n"
    )
    article = parse_news_text(text, source="x")
    assert [(c.author, c.age, c.reply_to) for c in article.comments] == [
        ("Anna Lee", "3 hours ago", None),
        ("Ben", "2 hours ago", "Anna Lee"),
    ]
    assert article.comments[1].text == "Anna, you said that last year too."


def test_marker_like_heading_before_the_real_comment_section() -> None:
    text = (
        "Streit im Gemeinderat\n\nDie Sitzung am Montag dauerte bis in die Nacht, weil der Rat "
        "über den Haushalt stritt.\n\nDiskussion\n\nDie Diskussion drehte sich vor allem um die "
        "Kosten der neuen Schule, sagte der Bürgermeister.\n\nKommentare\n\nHinterlasse einen "
        "Kommentar\n\nAnna\nvor 2 Stunden\nDas ist doch nicht zu glauben.\n"
    )
    article = parse_news_text(text, source="x")
    assert _block_texts(article, BlockKind.HEADING) == ["Diskussion"]
    assert article.text.endswith("sagte der Bürgermeister.")
    assert [(c.author, c.age) for c in article.comments] == [("Anna", "vor 2 Stunden")]


def test_hard_wrapped_english_page_with_photo_credit() -> None:
    text = (
        "Allies pledge more air defence\n\nMinisters meet in Brussels\n\nDecember 3, 2024\n\n"
        "By Reuters and AP\n\n"
        "BRUSSELS - NATO foreign ministers pledged on Tuesday to send more air\n"
        "defence systems to Ukraine, as the alliance's secretary general said that\n"
        "support must come first.\n\nWhat comes next?\n\n"
        "Ministers will meet again in February. Officials said no date had been set.\n\n"
        "Photo: AP/Jane Doe\n"
    )
    article = parse_news_text(text, source="x")
    assert article.agencies == ("Reuters", "AP")
    assert _block_texts(article, BlockKind.SUBHEADLINE) == ["Ministers meet in Brussels"]
    assert _block_texts(article, BlockKind.HEADING) == ["What comes next?"]
    assert _block_texts(article, BlockKind.PARAGRAPH)[0].endswith(
        "air defence systems to Ukraine, as the alliance's secretary general said that "
        "support must come first."
    )
    assert "Photo:" not in article.text


def test_dateline_and_source_on_one_line() -> None:
    text = (
        "Waffenruhe in Sicht\n\n14. Januar 2025, 09:30 Uhr | Quelle: dpa\n\n"
        "Die Vermittler sprachen am Dienstag von Fortschritten, und eine Einigung sei nahe."
    )
    article = parse_news_text(text, source="x")
    assert (article.agencies, article.published_at) == (("dpa",), datetime(2025, 1, 14, 9, 30))
    assert "Quelle" not in article.text
