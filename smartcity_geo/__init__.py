"""Library of the smart-city dashboard of one kota or kabupaten (the data pack's region).

Data loading and validation (:mod:`datapack`), spatial analytics (:mod:`analytics`),
map layers (:mod:`layers`), charts and language strings (:mod:`strings`).

NOTE: this package never imports streamlit; the app (``dashboard.py``, ``ui/``, ``pages/``)
is the only place that does.
"""

from __future__ import annotations

__version__ = "0.1.0"

WGS84 = "EPSG:4326"  # storage CRS: lon/lat order (RFC 7946)
