"""The library's import walls, checked in one interpreter.

- No module of ``smartcity_geo`` imports Streamlit (the one such test; a new module is covered
  the day it is added: ``pkgutil.walk_packages``).
- The map's data modules (registry, viewstate, geometry, choropleth, mapdata) import no folium,
  branca or Streamlit: the URL model and the briefing need them without a map library.

One fresh interpreter imports the folium-free modules first, then every other module, one at a
time, and reports after each which of the watched packages have appeared; the module after
which a package first appears is the one that brought it in.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import smartcity_geo

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("streamlit", "folium", "branca")
NO_MAP_LIBRARY = (
    "smartcity_geo.registry",
    "smartcity_geo.viewstate",
    "smartcity_geo.geometry",
    "smartcity_geo.choropleth",
    "smartcity_geo.mapdata",
)


def _library_modules() -> list[str]:
    names = [smartcity_geo.__name__]
    for info in pkgutil.walk_packages(smartcity_geo.__path__, prefix=f"{smartcity_geo.__name__}."):
        if info.name.rsplit(".", 1)[-1] != "__main__":  # running it would start the CLI
            names.append(info.name)
    return sorted(names)


MODULES = _library_modules()

_PROBE = """
import importlib, json, sys
watched = {watched!r}
seen = {{}}
for name in {order!r}:
    importlib.import_module(name)
    seen[name] = sorted(w for w in watched if any(m == w or m.startswith(w + ".") for m in sys.modules))
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def imported() -> dict[str, list[str]]:
    """Module -> the watched packages loaded once it (and those before it) were imported."""
    order = [*NO_MAP_LIBRARY, *(m for m in MODULES if m not in NO_MAP_LIBRARY)]
    code = _PROBE.format(watched=WATCHED, order=order)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_walk_finds_the_library() -> None:
    assert {"smartcity_geo.datapack", "smartcity_geo.strings", "smartcity_geo.cli"} <= set(MODULES)
    assert set(NO_MAP_LIBRARY) <= set(MODULES)
    assert len(MODULES) >= 15


@pytest.mark.parametrize("module", MODULES)
def test_library_module_does_not_import_streamlit(imported, module: str) -> None:
    assert "streamlit" not in imported[module], f"{module} (or a module it imports) imports streamlit"


@pytest.mark.parametrize("module", NO_MAP_LIBRARY)
def test_map_data_modules_do_not_import_a_map_library(imported, module: str) -> None:
    assert not imported[module], f"{module} (or a module it imports) imports {imported[module]}"
