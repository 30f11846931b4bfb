"""One table of settings: every setting is documented, and nothing else reads the environment."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from smartcity_geo import settings
from smartcity_geo.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTINGS_SECTION = README.split("## Settings", 1)[-1].split("\n## ", 1)[0]
# Where the app, the library and the tools live (tests may set variables for what they start).
CODE = [ROOT / "dashboard.py"] + [
    p for d in ("smartcity_geo", "ui", "pages", "scripts") for p in sorted((ROOT / d).rglob("*.py"))
]


def _reads(path: Path) -> list[str]:
    """``os.environ``/``os.getenv``/``st.secrets`` uses in ``path`` (as ``name:line``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "secrets"}:
            if isinstance(node.value, ast.Name) and node.value.id in {"os", "st", "streamlit"}:
                found.append(f"{node.value.id}.{node.attr}:{node.lineno}")
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"from os import {a.name}:{node.lineno}" for a in node.names if a.name in {"environ", "getenv"}]
    return found


def test_only_the_settings_table_reads_the_environment_and_secrets() -> None:
    allowed = {ROOT / "smartcity_geo" / "settings.py": "os.", ROOT / "ui" / "config.py": "st.secrets"}
    offenders = {}
    for path in CODE:
        reads = [r for r in _reads(path) if not (path in allowed and r.startswith(allowed[path]))]
        if path.name == "screenshots.py":  # starts pytest with one more variable: sets, never reads
            reads = [r for r in reads if not r.startswith("os.environ")]
        if reads:
            offenders[str(path.relative_to(ROOT))] = reads
    assert not offenders, f"read the settings through smartcity_geo.settings: {offenders}"


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_the_readme_and_the_help_list_every_setting(setting: settings.Setting) -> None:
    for name in (setting.env, setting.secret):
        if name is not None:
            assert f"`{name}`" in SETTINGS_SECTION, f"README.md's Settings does not list {name}"
    if setting.env is not None:
        assert setting.env in _parser().format_help()


def test_a_blank_value_is_unset_for_every_setting(tmp_path: Path) -> None:
    blank = {s.env: "  " for s in settings.SETTINGS if s.env}
    for setting in settings.SETTINGS:
        assert settings.get(setting.name, env=blank) == setting.default
    assert settings.data_dir({"SMARTCITY_DATA_DIR": ""}) == settings.DEFAULT_DATA_DIR
    assert settings.data_dir({"SMARTCITY_DATA_DIR": str(tmp_path)}) == tmp_path


def test_the_environment_comes_before_a_secret() -> None:
    secrets = {"public_url": "https://from-secrets.example"}
    assert settings.get("public_url", env={}, secrets=secrets) == "https://from-secrets.example"
    env = {"SMARTCITY_PUBLIC_URL": "https://from-env.example"}
    assert settings.get("public_url", env=env, secrets=secrets) == "https://from-env.example"
    assert settings.raw("editors_sso", env={}, secrets={"editors_sso": ["ana@kota.go.id"]}) == ["ana@kota.go.id"]
