"""The house's rules that a reader checks with ast: where state, settings and caches live."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def test_no_thread_local_state_in_the_app() -> None:
    """A run's data is a value the page context carries (``loaders.Run``), never a thread-local."""
    offenders = []
    for path in [ROOT / "dashboard.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "local"
                and getattr(node.value, "id", "") == "threading"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and node.module == "threading":
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno}" for a in node.names if a.name == "local"]
    assert not offenders


def test_everything_the_app_caches_is_in_the_loaders() -> None:
    """``st.cache_resource``/``st.cache_data`` appear in ``ui/loaders.py`` only (one seam, one version)."""
    offenders = []
    for path in [ROOT / "dashboard.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]:
        if path.name == "loaders.py":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr in {"cache_resource", "cache_data"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders


def test_the_suite_has_one_day() -> None:
    """``TODAY`` (and the ``today`` fixture) are defined in ``tests/conftest.py`` only."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name == "conftest.py" and path.parent.name == "tests":
            continue
        for node in _tree(path).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(t, ast.Name) and t.id == "TODAY" for t in targets):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders
