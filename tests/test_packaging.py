"""kg works from a wheel installed into a fresh virtual environment, not only from the checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it (without dependencies: they come from the system
    site-packages, so the test needs no network) into a new virtual environment."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(work / "dist"),
            str(REPO),
        ],
        check=True,
        timeout=600,
    )
    (wheel,) = (work / "dist").glob("kg-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        timeout=600,
    )
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(env_dir / "bin" / "python"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_wheel_imports_kg_from_the_environment(wheel_env: Path, tmp_path: Path) -> None:
    result = _run(wheel_env, "-c", "import kg; print(kg.__file__)", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(wheel_env) in result.stdout


@pytest.mark.slow
def test_wheel_ships_ontology_queries_and_examples(wheel_env: Path, tmp_path: Path) -> None:
    code = (
        "from kg import resources as r\n"
        "print(len(list(r.ontology_dir().glob('*.ttl'))), len(list(r.queries_dir().glob('*.rq'))),"
        " len(list(r.examples_dir().iterdir())), str(r.queries_dir()))"
    )
    result = _run(wheel_env, "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ttl, rq, examples, where = result.stdout.split()
    assert int(ttl) >= 2
    assert int(rq) == len(list((REPO / "queries").glob("*.rq")))
    assert int(examples) >= 3
    assert str(wheel_env) in where


@pytest.mark.slow
def test_wheel_runs_the_demo(wheel_env: Path, tmp_path: Path) -> None:
    result = _run(wheel_env, "-m", "kg", "demo", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ingested 6 example articles" in result.stdout
    assert (tmp_path / "out" / "graph.html").stat().st_size > 10_000
