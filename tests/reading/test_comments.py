"""Comment sections: splitting layouts and rebuilding threads."""

from __future__ import annotations

from datetime import datetime

import pytest

from kg.reading.comments import (
    MAX_SILENT_REPLY_GAP_S,
    RawComment,
    normalize_name,
    parse_comment_section,
    thread_comments,
)


def _raw(author: str, text: str, age_s: int | None = None) -> RawComment:
    return RawComment(author=author, text=text, age_seconds=age_s)


def _reply_to(raws: list[RawComment]) -> list[str | None]:
    return [c.reply_to for c in thread_comments(raws)]


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("N. G.", "ng"),
        ("@N.G.", "ng"),
        ("Look_at_Yourself", "lookatyourself"),
        ("Anna-Lena", "annalena"),
    ],
    ids=["spaced-initials", "at-initials", "underscores", "hyphen"],
)
def test_normalize_name(name: str, folded: str) -> None:
    assert normalize_name(name) == folded


def test_at_name_matches_despite_spacing_and_dots() -> None:
    raws = [_raw("N. G.", "Erster Beitrag.", 600), _raw("Zweiter", "@N.G. Genau.", 60)]
    comments = thread_comments(raws)
    assert (comments[1].reply_to, comments[1].parent) == ("N. G.", 0)


def test_at_name_prefix_and_latest_comment_by_author() -> None:
    raws = [
        _raw("Speedy Gonzales", "Eins.", 900),
        _raw("Other", "Zwei.", 1000),
        _raw("Speedy Gonzales", "Drei.", 800),
        _raw("Third", "@Speedy das stimmt nicht.", 100),
    ]
    comments = thread_comments(raws)
    assert (comments[3].reply_to, comments[3].parent) == ("Speedy Gonzales", 2)


def test_at_name_of_unknown_author_is_no_reply() -> None:
    raws = [_raw("A", "Eins.", 900), _raw("B", "@Niemand hallo", 9000)]
    assert _reply_to(raws) == [None, None]


def test_older_comment_starts_a_new_thread_even_when_naming_someone() -> None:
    raws = [_raw("Speedy", "Eins.", 3600), _raw("Other", "LG an Speedy, übrigens.", 7200)]
    assert _reply_to(raws) == [None, None]


def test_silent_reply_depends_on_gap() -> None:
    near = [_raw("A", "Eins.", 7200), _raw("B", "Stimmt.", 7200 - MAX_SILENT_REPLY_GAP_S)]
    far = [_raw("A", "Eins.", 7200 + MAX_SILENT_REPLY_GAP_S + 60), _raw("B", "Stimmt.", 0)]
    assert _reply_to(near) == [None, "A"]
    assert _reply_to(far) == [None, None]


def test_cue_lets_a_late_reply_join_the_thread() -> None:
    raws = [_raw("Root", "Eins.", 50_000), _raw("Late", "Da irrst du dich gewaltig.", 60)]
    assert _reply_to(raws) == [None, "Root"]


def test_name_prefix_picks_the_named_member() -> None:
    raws = [
        _raw("Root", "Eins.", 5000),
        _raw("Goennenihrwichtigtuer", "Zwei.", 4000),
        _raw("Blitz", "Goenne… Hallo noch da?", 3000),
    ]
    assert _reply_to(raws) == [None, "Root", "Goennenihrwichtigtuer"]


def test_short_words_are_no_name_cue() -> None:
    # "die" is a prefix of "diedrich" but shorter than MIN_NAME_PREFIX
    raws = [
        _raw("Root", "Eins.", 50_000),
        _raw("diedrich", "Zwei.", 49_000),
        _raw("X", "die Sache", 10),
    ]
    assert _reply_to(raws)[2] is None


def test_no_times_means_no_positional_threads() -> None:
    raws = [_raw("A", "Eins."), _raw("B", "Zwei du."), _raw("C", "@A drei")]
    assert _reply_to(raws) == [None, None, "A"]


def test_absolute_times_order_comments() -> None:
    raws = [
        RawComment(author="A", text="Eins.", created=datetime(2025, 1, 1, 10, 0)),
        RawComment(author="B", text="Zwei.", created=datetime(2025, 1, 1, 10, 30)),
        RawComment(author="C", text="Drei.", created=datetime(2025, 1, 1, 9, 0)),
    ]
    assert _reply_to(raws) == [None, "A", None]


def test_mixed_absolute_and_relative_times_are_not_compared() -> None:
    raws = [
        RawComment(author="A", text="Eins.", created=datetime(2025, 1, 1, 10, 0)),
        RawComment(author="B", text="Zwei.", age_seconds=60),
    ]
    assert _reply_to(raws) == [None, None]


def test_layout_author_once_without_rank() -> None:
    lines = [
        "Kommentare",
        "",
        "Anna",
        "vor 2 Stunden",
        "Gut so.",
        "",
        "Berti",
        "vor einer Stunde",
        "Finde ich nicht, Anna.",
    ]
    comments = parse_comment_section(lines)
    assert [(c.author, c.rank, c.age, c.reply_to) for c in comments] == [
        ("Anna", None, "vor 2 Stunden", None),
        ("Berti", None, "vor einer Stunde", "Anna"),
    ]


def test_layout_without_anchors_or_markers_gives_no_comments() -> None:
    assert parse_comment_section(["Kommentare", "", "Noch keine Kommentare vorhanden."]) == ()


def test_multiline_comment_text_keeps_lines() -> None:
    lines = [
        "Bob",
        "Bob",
        "Rang",
        "3 h 1 Min",
        "",
        "Zeile eins.",
        "Zeile zwei.",
        "",
        "Zeile drei.",
        "Antworten",
    ]
    (comment,) = parse_comment_section(lines)
    assert comment.text == "Zeile eins.\nZeile zwei.\n\nZeile drei."
    assert comment.rank == "Rang"


def test_blank_line_between_author_and_age() -> None:
    text = (
        "Kommentare\n\nAnna\n\nvor 2 Stunden\n\nDas wurde auch Zeit.\n\n"
        "Berti\n\nvor einer Stunde\n\nAnna, das hilft wenig.\n"
    )
    comments = parse_comment_section(text.split("\n"))
    assert [(c.author, c.text, c.reply_to) for c in comments] == [
        ("Anna", "Das wurde auch Zeit.", None),
        ("Berti", "Anna, das hilft wenig.", "Anna"),
    ]


@pytest.mark.parametrize(
    "text",
    ["Antwort an Anna Berger: so nicht.", "In reply to Anna Berger - not so.", "@Anna Berger nein"],
    ids=["antwort-an", "in-reply-to", "at"],
)
def test_explicit_reply_prefixes(text: str) -> None:
    raws = [_raw("Anna Berger", "Eins."), _raw("Other", "Zwei."), _raw("Third", text)]
    assert _reply_to(raws) == [None, None, "Anna Berger"]


def test_thread_starter_answers_the_latest_other_reply() -> None:
    raws = [
        _raw("Root", "Eins.", 5000),
        _raw("A", "Zwei.", 4000),
        _raw("B", "Drei.", 3000),
        _raw("Root", "Stimmt nicht.", 2000),
    ]
    assert _reply_to(raws) == [None, "Root", "Root", "B"]
