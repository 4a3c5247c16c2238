"""HTML pages: main text without chrome, metadata, comments from markup."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from reading_fixtures import DATA

from kg.errors import InputError
from kg.model import Article, BlockKind
from kg.reading import parse_html
from kg.reading.formats import decode_text

ARTICLE_P = (
    "<p>Die Regierung hat am Montag ein neues Gesetz beschlossen, das die Mieten in den Städten "
    "begrenzen soll. Die Opposition kritisierte den Plan und sprach von einem Wahlgeschenk.</p>"
)


@pytest.fixture(scope="module")
def news_page() -> Article:
    html = (DATA / "news_page.html").read_text(encoding="utf-8")
    return parse_html(html, source="news_page.html")


def test_news_page_metadata(news_page: Article) -> None:
    assert news_page.headline == "Außenminister treffen sich in Wien"
    assert news_page.lang == "de"
    assert news_page.published == date(2025, 3, 18)
    assert news_page.published_at == datetime(2025, 3, 18, 16, 40)
    assert news_page.publisher == "Bergpost"
    assert news_page.url == "https://bergpost.example.org/politik/wien-treffen"
    assert news_page.agencies == ("APA", "Reuters")


def test_news_page_text_has_no_chrome(news_page: Article) -> None:
    for chrome in (
        "Startseite",
        "Skirennen",
        "Mehr zum Thema",
        "Impressum",
        "Von: APA",
        "Wieder nur Worte",
    ):
        assert chrome not in news_page.text
    headings = [
        news_page.text[b.start : b.end] for b in news_page.blocks if b.kind is BlockKind.HEADING
    ]
    assert headings == ["Streit über Sanktionen"]
    assert news_page.blocks[0].kind is BlockKind.HEADLINE
    assert sum(b.kind is BlockKind.PARAGRAPH for b in news_page.blocks) == 3


def test_news_page_wpdiscuz_comments(news_page: Article) -> None:
    got = [(c.author, c.rank, c.age, c.reply_to, c.parent) for c in news_page.comments]
    assert got == [
        ("Eisacktaler", "Stammleser", "2 h 10 Min", None, None),
        ("Vinschger", "Neuling", "1 h 45 Min", "Eisacktaler", 0),
        ("Ritten_Rosi", "Vielschreiberin", "1 h 14 Min", None, None),
    ]
    assert news_page.comments[1].text == "Diplomatie braucht eben Zeit.\nAbwarten."
    assert news_page.comments[0].created == datetime(2025, 3, 18, 17, 5)


def test_wordpress_page_in_declared_charset() -> None:
    data = (DATA / "wordpress_comments.html").read_bytes()
    html = decode_text(data, "wp.html", html=True)  # windows-1252, as its <meta> says
    article = parse_html(html, source="wp.html")
    assert article.lang == "en"
    assert article.publisher == "Coast Courier"
    assert [(c.author, c.reply_to, c.created) for c in article.comments] == [
        ("Dockside Dave", None, datetime(2025, 2, 7, 10, 2)),
        ("Harbour Mum", "Dockside Dave", datetime(2025, 2, 7, 11, 40)),
    ]
    assert "Café talk" in article.comments[0].text
    assert "Dockside" not in article.text


def test_microdata_comments() -> None:
    html = f"""<html lang="de"><body><article><h1>Mietgesetz beschlossen</h1>{ARTICLE_P}</article>
    <div itemscope itemtype="http://schema.org/Comment"><span itemprop="author" itemscope
    itemtype="http://schema.org/Person"><span itemprop="name">Karin</span></span>
    <time itemprop="dateCreated" datetime="2025-04-01T08:00">1. April</time>
    <div itemprop="text">Das wurde auch Zeit.</div>
      <div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Paul</span>
      <div itemprop="text">Bringt doch nichts.</div></div>
    </div></body></html>"""
    article = parse_html(html, source="micro.html")
    assert [(c.author, c.text, c.reply_to) for c in article.comments] == [
        ("Karin", "Das wurde auch Zeit.", None),
        ("Paul", "Bringt doch nichts.", "Karin"),
    ]
    assert article.comments[0].created == datetime(2025, 4, 1, 8, 0)


def test_jsonld_comments() -> None:
    html = f"""<html lang="de"><head><script type="application/ld+json">
    {{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Mietgesetz",
      "datePublished": "2025-04-01T07:30:00+02:00",
      "comment": [{{"@type": "Comment", "author": {{"@type": "Person", "name": "Karin"}},
                   "text": "Das wurde auch Zeit.", "dateCreated": "2025-04-01T08:00",
                   "comment": [{{"@type": "Comment", "author": {{"name": "Paul"}},
                                "text": "Nein."}}]}}]}}
    </script></head><body><article><h1>Mietgesetz beschlossen</h1>{ARTICLE_P}</article>
    </body></html>"""
    article = parse_html(html, source="ld.html")
    assert article.published_at == datetime(2025, 4, 1, 7, 30)
    assert [(c.author, c.reply_to, c.parent) for c in article.comments] == [
        ("Karin", None, None),
        ("Paul", "Karin", 0),
    ]


def test_url_argument_sets_url_and_id() -> None:
    import hashlib

    html = f"<html lang='de'><body><article><h1>Mietgesetz</h1>{ARTICLE_P}</article></body></html>"
    article = parse_html(html, source="x", url="https://example.org/a")
    assert article.url == "https://example.org/a"
    assert article.id == hashlib.sha256(b"https://example.org/a").hexdigest()[:16]


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>Nur ein Titel</title></head><body></body></html>",
        "<p></p>",
    ],
    ids=["nav-only", "title-only", "empty-paragraph"],
)
def test_html_without_article_text(html: str) -> None:
    with pytest.raises(InputError, match="no article text found in HTML"):
        parse_html(html, source="empty.html")


def test_html_language_attribute_is_only_a_hint() -> None:
    # WordPress themes often declare lang="en-US" whatever the article's language
    html = (
        f"<html lang='en-US'><body><article><h1>Mietgesetz</h1>{ARTICLE_P}</article></body></html>"
    )
    assert parse_html(html, source="x").lang == "de"
    short = (
        "<html lang='de-AT'><body><article><h1>Kurz</h1>"
        "<p>Bozen, Meran, Brixen, Bruneck, Sterzing.</p></article></body></html>"
    )
    assert parse_html(short, source="x").lang == "de"  # detection cannot decide: the hint does
    assert parse_html(short, source="x", lang="en").lang == "en"


def test_unknown_theme_comment_area_is_read_as_text() -> None:
    html = f"""<html lang="de"><body><article><h1>Mietgesetz beschlossen</h1>{ARTICLE_P}</article>
    <section id="comments"><h3>Kommentare</h3>
    <div class="c-item"><div class="c-head"><span class="user">Anna</span></div>
      <div class="c-meta">vor 2 Stunden</div>
      <div class="c-body"><p>Das wurde auch Zeit.</p></div></div>
    <div class="c-item"><div class="c-head"><span class="user">Berti</span></div>
      <div class="c-meta">vor einer Stunde</div>
      <div class="c-body"><p>@Anna Abwarten, das Gesetz hilft wenig.</p></div></div>
    </section></body></html>"""
    article = parse_html(html, source="theme.html")
    assert [(c.author, c.age, c.text, c.reply_to) for c in article.comments] == [
        ("Anna", "vor 2 Stunden", "Das wurde auch Zeit.", None),
        ("Berti", "vor einer Stunde", "@Anna Abwarten, das Gesetz hilft wenig.", "Anna"),
    ]
    assert "Abwarten" not in article.text


def test_deeply_nested_jsonld_is_ignored() -> None:
    deep = '{"comment": ' * 5000 + "1" + "}" * 5000
    html = (
        f'<html lang="de"><head><script type="application/ld+json">{deep}</script></head>'
        f"<body><article><h1>Mietgesetz</h1>{ARTICLE_P}</article></body></html>"
    )
    assert parse_html(html, source="deep.html").comments == ()


def test_source_line_in_a_meta_paragraph() -> None:
    html = (
        "<html lang='de'><body><article><h1>Mietgesetz</h1>"
        "<p class='meta'><time datetime='2025-01-14T09:30:00+01:00'>14. Januar 2025</time>"
        f" | Quelle: dpa</p>{ARTICLE_P * 3}</article>"
        "<nav><ul><li>Von A bis Z</li></ul></nav></body></html>"
    )
    article = parse_html(html, source="x")
    assert article.agencies == ("dpa",)
    assert article.published_at == datetime(2025, 1, 14, 9, 30)
    assert "Quelle" not in article.text
