"""The app's settings: :mod:`smartcity_geo.settings` with ``.streamlit/secrets.toml`` beside the environment.

The one place ``st.secrets`` is read. The library takes the secrets as a plain mapping, so it
never imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from smartcity_geo import settings


def secrets() -> Mapping[str, object]:
    """``.streamlit/secrets.toml`` as a mapping; empty when there is no such file."""
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return {}


def get(name: str) -> str:
    """Setting ``name`` (environment, then secrets, then default) as a string."""
    return settings.get(name, secrets=secrets())


def raw(name: str) -> object:
    """Setting ``name`` as configured: a secret may be a table or a list."""
    return settings.raw(name, secrets=secrets())
