"""``kg viz``: thin handler over to_view_graph + write_html (kg/cli/viz.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from viz_fixtures import fill_store

from kg.cli import main
from kg.store import open_store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz-cli") / "kg"
    with open_store(path) as store:
        fill_store(store)
    return path


@pytest.mark.parametrize(
    ("args", "summary"),
    [
        ([], "actors view"),
        (["--actor", "Q57792", "--hops", "2"], "ego view"),
        (["--issue", "membership:Q212:Q7184"], "issue view"),
        (["--article", "v1"], "article view"),
        (["--view", "timeline"], "timeline view"),
        (["--view", "comments", "--article", "v1"], "comments view"),
        (["--since", "2025-01-01", "--max-nodes", "3"], "(+"),
    ],
    ids=["actors", "ego", "issue", "article", "timeline", "comments", "since-capped"],
)
def test_kg_viz_writes_the_page_and_nothing_else(
    store_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    summary: str,
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "out" / "view.html"
    out.parent.mkdir()
    code = main(["viz", "--store", str(store_dir), "-o", str(out), *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert summary in captured.out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["view.html"]
    assert list(cwd.iterdir()) == []  # no lib/ folder, no stray files


def test_unknown_actor_is_exit_1_with_one_line(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "view.html"
    code = main(["viz", "--store", str(store_dir), "-o", str(out), "--actor", "Nobody Known"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("kg: error:")
    assert "Nobody Known" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [["--view", "galaxy"], ["--since", "03.12.2024"], ["--hops", "two"]],
    ids=["bad-view", "bad-date", "bad-hops"],
)
def test_usage_errors_exit_2(store_dir: Path, tmp_path: Path, args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["viz", "--store", str(store_dir), "-o", str(tmp_path / "v.html"), *args])
    assert info.value.code == 2


def test_missing_output_directory_is_a_usage_error(store_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["viz", "--store", str(store_dir), "-o", str(tmp_path / "no" / "v.html")])
    assert info.value.code == 2


def test_view_without_its_option_is_exit_1(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["viz", "--store", str(store_dir), "-o", str(tmp_path / "v.html"), "--view", "ego"])
    assert code == 1
    assert "--actor" in capsys.readouterr().err
