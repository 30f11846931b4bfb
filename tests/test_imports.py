"""The library never imports Streamlit: every module of ``smartcity_geo``, each in a fresh interpreter.

This is the one guard: a new module is covered the day it is added (``pkgutil.walk_packages``).
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import smartcity_geo

ROOT = Path(__file__).resolve().parent.parent


def _library_modules() -> list[str]:
    names = [smartcity_geo.__name__]
    for info in pkgutil.walk_packages(smartcity_geo.__path__, prefix=f"{smartcity_geo.__name__}."):
        if info.name.rsplit(".", 1)[-1] != "__main__":  # running it would start the CLI
            names.append(info.name)
    return sorted(names)


MODULES = _library_modules()


def test_the_walk_finds_the_library() -> None:
    assert {"smartcity_geo.datapack", "smartcity_geo.strings"} <= set(MODULES)
    assert len(MODULES) >= 15


@pytest.mark.parametrize("module", MODULES)
def test_library_module_does_not_import_streamlit(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "found = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "sys.exit(f'imports {found[0]}' if found else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"{module}: {done.stderr.strip() or done.stdout.strip()}"
