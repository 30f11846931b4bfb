"""The one caching seam: data is loaded and prepared once per data-pack version.

NOTE: the pack and the prepared map data are immutable by convention (frozen dataclasses,
read-only mappings), so they are cached with ``st.cache_resource`` and shared, instead of
``st.cache_data``, which would pickle and copy GeoDataFrames on every rerun.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from smartcity_geo.datapack import DataPack, load_pack
from smartcity_geo.layers import MapData, prepare_map_data

DATA_DIR = Path(os.environ.get("SMARTCITY_DATA_DIR", Path(__file__).resolve().parent.parent / "geodata"))


def pack_signature(root: Path = DATA_DIR) -> str:
    """Changes whenever a file of the pack changes (name, size, mtime): the cache key."""
    parts = []
    for path in sorted(Path(root).glob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


@st.cache_resource(show_spinner=False, max_entries=4)
def _pack(root: str, signature: str) -> DataPack:
    return load_pack(Path(root))


def pack() -> DataPack:
    return _pack(str(DATA_DIR), pack_signature())


@st.cache_resource(show_spinner=False, max_entries=4)
def _map_data(root: str, signature: str) -> MapData:
    return prepare_map_data(_pack(root, signature))


def map_data() -> MapData:
    return _map_data(str(DATA_DIR), pack_signature())
