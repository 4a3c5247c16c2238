"""Expanding CLI inputs and refusing bad input with one clear InputError."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest
from reading_fixtures import DATA

from kg.errors import InputError
from kg.reading import MAX_INPUT_BYTES, Source, SourceKind, iter_sources, read_source

GERMAN = (
    "Neue Regeln für Pendler\n\n"
    "Die Regierung hat am Montag beschlossen, dass die Züge öfter fahren sollen.\n"
)


def _read(path: Path) -> list[object]:
    (source,) = iter_sources([str(path)])
    return list(read_source(source))


def test_iter_sources_files_dirs_globs_stdin_urls(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.html", "sub/c.jsonl", "sub/d.md", "skip.pdf", ".hidden/e.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = iter_sources([str(tmp_path), "-", "https://example.org/a", str(tmp_path / "*.txt")])
    names = [s.location.replace(str(tmp_path), "T") for s in found]
    assert names == [
        "T/a.html",
        "T/b.txt",
        "T/sub/c.jsonl",
        "T/sub/d.md",
        "-",
        "https://example.org/a",
    ]
    assert [s.kind for s in found][-2:] == [SourceKind.STDIN, SourceKind.URL]
    assert found[4].name == "<stdin>"


def test_explicit_file_with_any_suffix_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "article.text"
    path.write_text(GERMAN, encoding="utf-8")
    assert iter_sources([str(path)]) == [Source(str(path), SourceKind.FILE)]


@pytest.mark.parametrize(
    "spec", ["missing.txt", "nothing-*.txt"], ids=["missing-file", "empty-glob"]
)
def test_spec_matching_nothing(tmp_path: Path, spec: str) -> None:
    target = str(tmp_path / spec)
    with pytest.raises(InputError, match="no such file or directory") as info:
        iter_sources([target])
    assert info.value.source == target


def test_directory_without_articles(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="no articles in directory"):
        iter_sources([str(tmp_path)])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty input"),
        (b"  \n\t\n", "empty input"),
        (b"Text\x00mit NUL", "binary input \\(NUL byte at offset 4\\)"),
        (b"\x01\x02\x03\x04\x05 abc \x06\x07", "binary input \\(control characters\\)"),
        ("Grüße".encode() + b"\xff\xfe rest", "invalid UTF-8 at byte offset 7"),
        (b"Nur ein Titel", "unknown language"),
        ("Il governo ha deciso che i treni saranno più frequenti.".encode(), "unknown language"),
    ],
    ids=["empty", "whitespace", "nul", "control-chars", "invalid-utf8", "no-language", "italian"],
)
def test_bad_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as info:
        _read(path)
    assert info.value.source.startswith(str(path))
    assert "\n" not in str(info.value)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + GERMAN.encode("utf-8"))
    (article,) = _read(path)
    assert article.headline == "Neue Regeln für Pendler"  # type: ignore[attr-defined]


def test_utf16_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(GERMAN.encode("utf-16"))
    (article,) = _read(path)
    assert article.lang == "de"  # type: ignore[attr-defined]


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html lang="de"><head><meta charset="iso-8859-1"></head><body><article><h1>Grüße</h1>'
        "<p>Die Regierung hat am Montag beschlossen, dass die Züge öfter fahren sollen. "
        "Die Pendler begrüßen den Plan, weil er die Straßen entlastet.</p></article></body></html>"
    )
    path = tmp_path / "latin1.html"
    path.write_bytes(page.encode("iso-8859-1"))
    (article,) = _read(path)
    assert "begrüßen" in article.text  # type: ignore[attr-defined]


def test_too_large_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: 20 MB on paper, nothing on disk
        stream.truncate(20 * 1024 * 1024)
    with pytest.raises(InputError, match=f"larger than the limit of {MAX_INPUT_BYTES} bytes"):
        _read(path)


def test_unknown_language_can_be_overridden(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Nur ein Titel\n\nKurz.", encoding="utf-8")
    (source,) = iter_sources([str(path)])
    (article,) = read_source(source, lang="de")
    assert article.lang == "de"
    with pytest.raises(InputError, match="unsupported language 'it'"):
        list(read_source(source, lang="it"))


def test_file_disappearing_after_expansion(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text(GERMAN, encoding="utf-8")
    (source,) = iter_sources([str(path)])
    path.unlink()
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_source(source))


@pytest.mark.parametrize(
    ("stdin", "count", "lang"),
    [
        (GERMAN, 1, "de"),
        ('{"text": "The minister said that the plan was good and that it would work."}', 1, "en"),
        (
            '{"text": "The minister said that it was good and that it works."}\n'
            '{"text": "Der Minister sagte, dass es gut sei und dass es nicht teuer werde."}\n',
            2,
            "en",
        ),
    ],
    ids=["text", "json", "jsonl"],
)
def test_stdin(stdin: str, count: int, lang: str) -> None:
    code = (
        "import sys; from kg.reading import iter_sources, read_source\n"
        "arts = list(read_source(iter_sources(['-'])[0]))\n"
        "print(len(arts), arts[0].lang, arts[0].source)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin.encode(),
        capture_output=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    got_count, got_lang, got_source = result.stdout.decode().split()
    assert (int(got_count), got_lang) == (count, lang)
    assert got_source == ("<stdin>:1" if count > 1 else "<stdin>")


def test_fixture_directory_reads_completely() -> None:
    from kg.reading import read_source_results

    results = [r for s in iter_sources([str(DATA)]) for r in read_source_results(s)]
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert len(results) == 14  # 7 pages, 2 JSON records, 5 JSONL lines
    assert len(errors) == 2  # the two bad lines of records.jsonl
