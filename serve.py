"""The dashboard with HTTP security headers: ``streamlit run serve.py`` (same app as ``dashboard.py``).

Streamlit's own server cannot add response headers; ``st.App`` (Streamlit 1.67) runs the same
script behind ASGI middleware, here :class:`smartcity_geo.headers.SecurityHeaders`
(Content-Security-Policy, X-Frame-Options, nosniff ...). See README, Security.
"""

import streamlit as st
from starlette.middleware import Middleware

from smartcity_geo.headers import SecurityHeaders

app = st.App("dashboard.py", middleware=[Middleware(SecurityHeaders)])
