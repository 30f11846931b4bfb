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


def test_only_the_day_module_reads_the_machines_date() -> None:
    """The app's day is read in one place (``smartcity_geo/day.py``, honouring ``SMARTCITY_TODAY``):
    no other module of the library, the app or the screens calls ``date.today()`` or ``datetime.now()``."""
    offenders = []
    paths = [ROOT / "dashboard.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
    paths += [p for p in sorted((ROOT / "smartcity_geo").rglob("*.py")) if p.name != "day.py"]
    for path in paths:
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"today", "now"}
            ):
                owner = node.func.value
                name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
                if name in {"date", "datetime"}:
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


MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
#: A module or function longer than the limits says why in its docstring with this phrase.
WHY = "on purpose"


def _code_files() -> list[Path]:
    dirs = ("smartcity_geo", "ui", "pages", "scripts", "bench")
    return [ROOT / "dashboard.py", *(p for d in dirs for p in sorted((ROOT / d).rglob("*.py")))]


def test_modules_and_functions_are_short_or_say_why() -> None:
    """Every module under 450 lines and every function under 80, or its docstring says why ("on purpose")."""
    long = []
    for path in _code_files():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        name = str(path.relative_to(ROOT))
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES and WHY not in (ast.get_docstring(tree) or ""):
            long.append(f"{name}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and WHY not in (ast.get_docstring(node) or ""):
                    long.append(f"{name}: {node.name}() {length} lines")
    assert not long, "split these, or say in the docstring why not (on purpose):\n" + "\n".join(long)
