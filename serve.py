"""The dashboard as it should be served: ``streamlit run serve.py`` (same app as ``dashboard.py``).

Streamlit's own server cannot add response headers or compress its files; ``st.App``
(Streamlit 1.67) runs the same script behind ASGI middleware:

- :class:`smartcity_geo.headers.SecurityHeaders`: Content-Security-Policy, X-Frame-Options,
  nosniff ... (README, Security);
- :class:`smartcity_geo.compress.CompressStatic`: Streamlit's front-end files gzip-compressed,
  each once (about 8 MB of JavaScript to a new browser becomes about 2 MB; README, Performance).
"""

import streamlit as st
from starlette.middleware import Middleware

from smartcity_geo.compress import CompressStatic
from smartcity_geo.headers import SecurityHeaders

app = st.App("dashboard.py", middleware=[Middleware(SecurityHeaders), Middleware(CompressStatic)])
