"""HTML news pages: main text and metadata with trafilatura, comments from common markup.

trafilatura finds the main text (dropping navigation, teasers and footers), the title, the date
and the site name. Reader comments are read from the markup first, because it keeps who answers
whom: wpDiscuz (``wpd-comment``), WordPress core (``li.comment`` with ``fn`` and
``comment-content``), schema.org ``Comment`` microdata and JSON-LD. The comment elements are cut
from the page before trafilatura sees it, so no comment leaks into the article text. Without
such markup, a container named like a comment area (``id="comments"``, ``class="kommentare"``)
is read line by line like a plain-text comment section (kg.reading.comments); failing that,
trafilatura's own comment text is.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from kg.errors import InputError
from kg.model import Article, BlockKind, Comment
from kg.reading.article import Draft, finish_article, normalize_text
from kg.reading.comments import RawComment, parse_comment_section, thread_comments
from kg.reading.dates import is_dateline, parse_age, parse_date_text
from kg.reading.text import byline_agencies
from kg.reading.vocabulary import page_vocabulary

log = logging.getLogger(__name__)

# CSS classes of the comment plugins and themes we read, most specific first.
_AUTHOR_CLASSES = ("wpd-comment-author", "fn", "comment-author-name", "comment-author", "author")
_TEXT_CLASSES = ("wpd-comment-text", "comment-content", "comment-text")
_DATE_CLASSES = ("wpd-comment-date", "comment-date", "comment-time", "comment-metadata")
_RANK_CLASSES = ("wpd-comment-label", "wpd-user-label", "comment-rank", "user-rank", "badge")
_BYLINE_CLASSES = ("byline", "author", "source", "quelle", "article-source")

_COMMENT_AREA = re.compile(r"^(?:comments?|kommentare?|leserkommentare|disqus_thread)(?:[-_].*)?$")
_TEXT_TAGS = ("p", "div", "span", "small", "address", "footer", "header", "li", "section")
_CONTAINER_TAGS = frozenset({"div", "section", "aside", "ol", "ul"})
_BLOCK_TAGS = frozenset(
    "div p li ol ul section article aside header footer h1 h2 h3 h4 h5 h6 blockquote time "  # noqa: SIM905
    "table tr td dl dt dd".split()
)

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "dc.date",
    "pubdate",
)


def _classes(el: lxml.etree._Element) -> set[str]:
    value = el.get("class") if isinstance(el.tag, str) else None
    return set(value.split()) if value else set()


def _is_comment(el: lxml.etree._Element) -> bool:
    if not isinstance(el.tag, str):
        return False
    classes = _classes(el)
    itemtype = (el.get("itemtype") or "").rstrip("/")
    return (
        "wpd-comment" in classes
        or (el.tag in ("li", "article", "div") and "comment" in classes)
        or itemtype.endswith("schema.org/Comment")
    )


def _own(
    el: lxml.etree._Element, match: Callable[[lxml.etree._Element], bool]
) -> lxml.etree._Element | None:
    """First descendant of ``el`` that matches, not looking inside nested comments."""
    stack = list(reversed(list(el)))
    while stack:
        child = stack.pop()
        if not isinstance(child.tag, str) or _is_comment(child):
            continue
        if match(child):
            return child
        stack.extend(reversed(list(child)))
    return None


def _find(
    el: lxml.etree._Element, classes: tuple[str, ...], itemprops: tuple[str, ...]
) -> lxml.etree._Element | None:
    for name in classes:
        found = _own(el, lambda c, name=name: name in _classes(c))  # type: ignore[misc]
        if found is not None:
            return found
    for prop in itemprops:
        found = _own(el, lambda c, prop=prop: c.get("itemprop") == prop)  # type: ignore[misc]
        if found is not None:
            return found
    return None


def _text(el: lxml.etree._Element | None) -> str:
    if el is None:
        return ""
    blocks = [" ".join(p.text_content().split()) for p in el.iter("p")]
    if not blocks:
        blocks = [" ".join(el.text_content().split())]
    return "\n".join(b for b in blocks if b)


def _markup_comment(el: lxml.etree._Element) -> RawComment | None:
    vocab = page_vocabulary()
    author_el = _find(el, _AUTHOR_CLASSES, ("author",))
    if author_el is not None and author_el.get("itemprop") == "author":
        name_el = _own(author_el, lambda c: c.get("itemprop") == "name")
        author_el = author_el if name_el is None else name_el
    author = _text(author_el)
    author = re.sub(r"\s+(?:" + "|".join(vocab.says) + r"):?$", "", author, flags=re.IGNORECASE)
    text = _text(_find(el, _TEXT_CLASSES, ("text", "commentText")))
    if not text:
        return None
    rank = _text(_find(el, _RANK_CLASSES, ())) or None
    date_el = _find(el, _DATE_CLASSES, ("dateCreated", "datePublished"))
    if date_el is not None and date_el.tag != "time":
        time_el = _own(date_el, lambda c: c.tag == "time")
        date_el = date_el if time_el is None else time_el
    shown = _text(date_el)
    stamp = (
        date_el.get("datetime") or date_el.get("content") or date_el.get("title")
        if date_el is not None
        else None
    )
    age_seconds = parse_age(shown, vocab=vocab) if shown else None
    found = parse_date_text(stamp or shown, vocab=vocab) if (stamp or shown) else None
    created = None
    if found is not None:
        created = found[1] or datetime(found[0].year, found[0].month, found[0].day)
    return RawComment(
        author=author or "anonymous",
        text=text,
        rank=rank,
        age=shown if age_seconds is not None else None,
        age_seconds=age_seconds,
        created=created,
    )


def _markup_comments(tree: lxml.etree._Element) -> tuple[Comment, ...]:
    """Comments from wpDiscuz/WordPress/microdata markup, threaded by nesting; cut from tree."""
    elements = [el for el in tree.iter() if _is_comment(el)]
    raws: list[RawComment] = []
    kept: list[lxml.etree._Element] = []
    for el in elements:
        raw = _markup_comment(el)
        if raw is not None:
            raws.append(raw)
            kept.append(el)
    position = {el: i for i, el in enumerate(kept)}
    everything = set(elements)
    parents = [
        next((position[a] for a in el.iterancestors() if a in position), None) for el in kept
    ]
    for el in elements:
        if el.getparent() is not None and not any(a in everything for a in el.iterancestors()):
            el.drop_tree()
    if not any(p is not None for p in parents):
        return thread_comments(raws)  # flat markup: fall back to the plain-text rules
    return tuple(
        Comment(
            index=i,
            author=raw.author,
            text=raw.text,
            rank=raw.rank,
            age=raw.age,
            created=raw.created,
            reply_to=raws[p].author if p is not None else None,
            parent=p,
        )
        for i, (raw, p) in enumerate(zip(raws, parents, strict=True))
    )


def _block_lines(el: lxml.etree._Element) -> list[str]:
    """The non-empty lines of ``el``, broken at every block element (as a browser shows it)."""
    parts: list[str] = []

    def walk(node: lxml.etree._Element) -> None:
        block = isinstance(node.tag, str) and node.tag.lower() in _BLOCK_TAGS
        if block or node.tag == "br":
            parts.append("\n")
        if isinstance(node.tag, str) and node.tag.lower() not in ("script", "style"):
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if block:
            parts.append("\n")
        parts.append(node.tail or "")

    walk(el)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]  # empty lines are block boundaries, not layout


def _container_comments(tree: lxml.etree._Element) -> tuple[Comment, ...]:
    """Comments in a container named like a comment area, read as a plain-text section.

    For themes without known comment markup: ``<section id="comments">`` with the author, the
    age and the text in their own block elements reads like a copied comment section.
    """
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag.lower() not in _CONTAINER_TAGS:
            continue
        names = {*(el.get("class") or "").lower().split(), (el.get("id") or "").lower()}
        if not any(_COMMENT_AREA.match(name) for name in names):
            continue
        comments = parse_comment_section(_block_lines(el))
        if comments:
            el.drop_tree()
            return comments
    return ()


def _jsonld_objects(tree: lxml.etree._Element) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            log.debug("skipping unparsable JSON-LD block")
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k == "@graph")


def _jsonld_comments(tree: lxml.etree._Element) -> tuple[Comment, ...]:
    vocab = page_vocabulary()
    flat: list[tuple[dict[str, Any], int | None]] = []

    def walk(items: object, parent: int | None) -> None:
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, dict) and str(item.get("@type", "")).endswith("Comment"):
                flat.append((item, parent))
                walk(item.get("comment", []), len(flat) - 1)

    try:
        for obj in _jsonld_objects(tree):
            if "comment" in obj and not str(obj.get("@type", "")).endswith("Comment"):
                walk(obj["comment"], None)
    except RecursionError:  # comments nested deeper than Python recurses: not a real page
        log.debug("JSON-LD comments nested too deeply; ignored")
        flat.clear()
    comments: list[Comment] = []
    for i, (item, parent) in enumerate(flat):
        author = item.get("author")
        name = author.get("name") if isinstance(author, dict) else author
        text = item.get("text") or item.get("commentText")
        if not isinstance(text, str) or not text.strip():
            continue
        found = parse_date_text(str(item.get("dateCreated", "")), vocab=vocab)
        comments.append(
            Comment(
                index=len(comments),
                author=str(name or "anonymous"),
                text=normalize_text(text).strip(),
                created=found[1] if found else None,
                reply_to=str(flat[parent][0].get("author", {}).get("name", "")) or None
                if parent is not None and isinstance(flat[parent][0].get("author"), dict)
                else None,
                parent=parent if parent is not None and parent < i else None,
            )
        )
    return tuple(comments)


def _published(tree: lxml.etree._Element) -> tuple[date, datetime | None] | None:
    """Publication date (and time) from meta tags, JSON-LD or the first ``<time>``."""
    vocab = page_vocabulary()
    values: list[str] = []
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key in _PUBLISHED_META and meta.get("content"):
            values.append(meta.get("content", ""))
    values.extend(str(o["datePublished"]) for o in _jsonld_objects(tree) if "datePublished" in o)
    values.extend(t.get("datetime", "") for t in tree.iter("time") if t.get("datetime"))
    for value in values:
        found = parse_date_text(value, vocab=vocab)
        if found is not None:
            return found
    return None


def _byline(tree: lxml.etree._Element) -> tuple[str, ...]:
    """Agencies from a byline element ("byline" class), else any short "Quelle: …" line."""
    vocab = page_vocabulary()
    loose: tuple[str, ...] = ()
    for el in tree.iter(*_TEXT_TAGS):
        line = " ".join(el.text_content().split())
        if _classes(el) & set(_BYLINE_CLASSES):
            agencies = byline_agencies(line, vocab)
            if agencies:
                return agencies
        elif not loose:
            loose = byline_agencies(line, vocab, need_colon=True) or ()
    return loose


def _language(tree: lxml.etree._Element) -> str | None:
    root = tree.getroottree().getroot()
    declared = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if declared:
        return str(declared)
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" and meta.get("content"):
            return str(meta.get("content"))
    return None


def parse_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    lang: str | None = None,
    published: date | None = None,
) -> Article:
    """Read an HTML news page into an Article (main text, metadata, comments).

    Raises:
        InputError: the page cannot be parsed or has no article text, or its language is
            unknown/unsupported.
    """
    import trafilatura  # heavy; only HTML needs it

    try:
        # bytes + an explicit UTF-8 parser: the text is decoded already, so a <meta charset>
        # in the page must not make lxml decode it a second time
        parser = lxml.html.HTMLParser(encoding="utf-8")
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(source, f"cannot parse HTML: {exc}") from exc
    comments = _markup_comments(tree) or _jsonld_comments(tree) or _container_comments(tree)
    found = _published(tree)
    agencies = _byline(tree)
    declared = _language(tree)
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=True, include_tables=False
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as exc:
        raise InputError(source, f"cannot extract text from HTML: {exc}") from exc
    if doc is None or isinstance(doc, dict) or doc.body is None or not (doc.text or "").strip():
        raise InputError(source, "no article text found in HTML")
    vocab = page_vocabulary()
    if not comments and doc.comments:
        comments = parse_comment_section(doc.comments.split("\n"), vocab=vocab)
    draft = Draft(
        headline=doc.title or None,
        url=url or doc.url or None,
        publisher=doc.sitename or None,
        agencies=agencies,
        comments=comments,
        lang_hint=declared or doc.language,
    )
    if found is not None:
        draft.published, draft.published_at = found
    elif doc.date:
        day = parse_date_text(doc.date, vocab=vocab)
        draft.published = day[0] if day else None
    if draft.headline:
        draft.parts.append((BlockKind.HEADLINE, draft.headline))
    for child in doc.body:
        text = " ".join("".join(child.itertext()).split()) if isinstance(child.tag, str) else ""
        if not text or text == draft.headline:
            continue
        if is_dateline(text, vocab=vocab) or byline_agencies(text, vocab):
            draft.agencies = draft.agencies or byline_agencies(text, vocab) or ()
            continue
        if child.tag == "head" and draft.headline is None:
            draft.headline = text
            draft.parts.append((BlockKind.HEADLINE, text))
            continue
        draft.parts.append(
            (BlockKind.HEADING if child.tag == "head" else BlockKind.PARAGRAPH, text)
        )
    if not any(kind is not BlockKind.HEADLINE for kind, _ in draft.parts):
        raise InputError(source, "no article text found in HTML")
    return finish_article(draft, source=source, lang=lang, published=published)
