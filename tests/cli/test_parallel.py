"""``kg ingest -j N``: workers analyse, the parent writes; the store is the same for any N."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_fixtures import corpus, store_nquads

from kg.cli import main


@pytest.mark.parametrize("jobs", [2, 3], ids=["two-workers", "three-workers"])
def test_store_content_does_not_depend_on_jobs(tmp_path: Path, jobs: int) -> None:
    inputs = corpus(tmp_path)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert main(["ingest", *inputs, "--store", str(serial), "-q"]) == 0
    assert main(["ingest", *inputs, "--store", str(parallel), "-q", "-j", str(jobs)]) == 0
    expected = store_nquads(serial)
    assert len(expected) > 1000
    assert store_nquads(parallel) == expected


def test_parallel_keep_going_reports_bad_input_and_keeps_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = corpus(tmp_path, count=4)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    store = tmp_path / "store"
    code = main(["ingest", inputs[1], str(bad), "--store", str(store), "-j", "2", "--keep-going"])
    captured = capsys.readouterr()
    assert code == 1
    assert "ingested 4 article(s)" in captured.out
    assert "bad.txt" in captured.err


def test_zero_jobs_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(tmp_path), "--store", str(tmp_path / "s"), "-j", "0"])
    assert exit_info.value.code == 2
