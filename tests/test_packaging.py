"""An installed package finds its non-Python files: pyproject.toml's package data covers them all."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_non_python_file_of_the_library_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["packages"]["find"]["include"] == ["smartcity_geo*"]
    covered: set[Path] = set()
    for package, patterns in config["package-data"].items():
        base = ROOT.joinpath(*package.split("."))
        for pattern in patterns:
            covered |= {p for p in base.glob(pattern) if p.is_file()}
    needed = {
        p
        for p in (ROOT / "smartcity_geo").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    assert needed, "the library ships templates, static files and Alembic's script template"
    missing = sorted(str(p.relative_to(ROOT)) for p in needed - covered)
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"


def _requirements() -> tuple[list[str], list[str]]:
    """(runtime pins, test pins) of requirements.txt: the test tools follow its ``# Tests`` line."""
    runtime: list[str] = []
    tests: list[str] = []
    current = runtime
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.strip().lower().startswith("# tests"):
            current = tests
        elif line.strip() and not line.lstrip().startswith("#"):
            current.append(line.strip())
    return runtime, tests


def test_pyproject_declares_the_same_pins_as_requirements() -> None:

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, tests = _requirements()
    assert sorted(project["dependencies"]) == sorted(runtime)
    assert sorted(project["optional-dependencies"]["test"]) == sorted(tests)
    assert all("==" in pin for pin in runtime + tests), "every requirement is pinned"
