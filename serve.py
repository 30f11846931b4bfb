"""The dashboard as it should be served: ``streamlit run serve.py`` (same app as ``dashboard.py``).

Streamlit's own server cannot add response headers or compress its files; ``st.App``
(Streamlit 1.67) runs the same script behind ASGI middleware:

- :class:`smartcity_geo.headers.SecurityHeaders`: Content-Security-Policy, X-Frame-Options,
  nosniff ... (README, Security);
- :class:`smartcity_geo.compress.CompressStatic`: Streamlit's front-end files gzip-compressed,
  each once (about 8 MB of JavaScript to a new browser becomes about 2 MB; README, Performance);
- :class:`smartcity_geo.preload.PreloadChunk`: the screens that open on a chart (``CHART_PAGES``)
  start loading Plotly with the page, not after the script has run (a shared link's charts
  about half a second sooner; README, Performance).
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from smartcity_geo.compress import CompressStatic
from smartcity_geo.headers import SecurityHeaders
from smartcity_geo.preload import PreloadChunk, find_chunk

# The url_path of each screen whose first screen shows a Plotly chart (dashboard.py).
CHART_PAGES = ("kelurahan", "indicators", "budget")
PLOTLY_CHUNK = find_chunk(Path(st.__file__).parent / "static" / "static" / "js", "PlotlyChart")

app = st.App(
    "dashboard.py",
    middleware=[
        Middleware(SecurityHeaders),
        Middleware(CompressStatic),
        Middleware(PreloadChunk, chunk=PLOTLY_CHUNK, paths=CHART_PAGES),
    ],
)
