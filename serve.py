"""The dashboard as it should be served: ``streamlit run serve.py`` (same app as ``dashboard.py``).

Streamlit's own server cannot add response headers or compress its files; ``st.App``
(Streamlit 1.67) runs the same script behind ASGI middleware:

- :class:`smartcity_geo.headers.SecurityHeaders`: Content-Security-Policy, X-Frame-Options,
  nosniff ... (README, Security);
- :class:`smartcity_geo.compress.CompressStatic`: Streamlit's front-end files gzip-compressed,
  each once (about 8 MB of JavaScript to a new browser becomes about 2 MB; README, Performance);
- :class:`smartcity_geo.preload.PreloadChunk`: the screens that open on a chart (``CHART_PAGES``)
  start loading Plotly with the page, not after the script has run (a shared link's charts
  about half a second sooner; README, Performance);
- and, as the server starts, the data read and prepared in the background (``lifespan``,
  ``ui.loaders.warm``): a province's first visitor does not wait half a minute for it.
"""

import contextlib
import logging
import threading
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from smartcity_geo.compress import CompressStatic
from smartcity_geo.headers import SecurityHeaders
from smartcity_geo.preload import PreloadChunk, find_chunk

# The url_path of each screen whose first screen shows a Plotly chart (dashboard.py).
CHART_PAGES = ("kelurahan", "indicators", "budget")
PLOTLY_CHUNK = find_chunk(Path(st.__file__).parent / "static" / "static" / "js", "PlotlyChart")

LOG = logging.getLogger("smartcity.serve")


def _warm() -> None:
    """The data read and prepared before the first visitor comes (``ui.loaders.warm``).

    A failure here is only logged: the first visitor then meets the same problem, said in
    their language by the app as usual.
    """
    # before the import, which already asks for a script run context: no warning at every start
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    from ui import loaders  # noqa: PLC0415  (imports the app's caches: only in the server)

    try:
        LOG.info("warmed data version %s", loaders.warm())
    except Exception:  # noqa: BLE001 - any problem is the first visitor's message, not a crash of the server
        LOG.warning("warming the data failed; the first visit will read it", exc_info=True)


@contextlib.asynccontextmanager
async def lifespan(_app):
    """Start warming the data in the background as the server starts (``_warm``)."""
    threading.Thread(target=_warm, name="smartcity-warm", daemon=True).start()
    yield


app = st.App(
    "dashboard.py",
    lifespan=lifespan,
    middleware=[
        Middleware(SecurityHeaders),
        Middleware(CompressStatic),
        Middleware(PreloadChunk, chunk=PLOTLY_CHUNK, paths=CHART_PAGES),
    ],
)
