"""The HTTP security headers the dashboard's server sends, as a plain ASGI middleware.

Streamlit's own server (``streamlit run dashboard.py``) has no setting for response
headers (streamlit/streamlit#9160, #6417). Streamlit 1.67's ``st.App`` accepts ASGI
middleware, so ``serve.py`` runs the same dashboard with :class:`SecurityHeaders` in front:
``streamlit run serve.py``. The policy is data (:func:`security_headers`), tested without a
server; a browser test checks that the served pages carry it and the map still draws.

What the Content-Security-Policy allows, and why:

- scripts and styles from the app itself only: no other origin can serve code to the page;
  ``'unsafe-inline'`` and ``'unsafe-eval'`` stay because Streamlit's front end and its
  component iframes (streamlit-folium evaluates the map script; plotly) need them;
- images from the app, ``data:``/``blob:`` (charts, the map picture) and the tile servers of
  the optional basemaps (:data:`smartcity_geo.registry.TILES`), nothing else;
- connections (the websocket, uploads) to the app itself;
- no plugins (``object-src 'none'``), ``<base>`` and form targets on the app only, and the
  page may be framed only by itself (``frame-ancestors 'self'``, also ``X-Frame-Options``).

NOTE: no Streamlit import here; the middleware only adds headers to what the app answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from .registry import TILES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


def tile_origins() -> tuple[str, ...]:
    """The origins of the optional basemaps' tiles (``https://tile.openstreetmap.org`` ...)."""
    return tuple(sorted({f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url, _ in TILES.values()}))


def content_security_policy() -> str:
    tiles = " ".join(tile_origins())
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {tiles}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        )
    )


def security_headers() -> dict[str, str]:
    """Every header :class:`SecurityHeaders` sets on every HTTP answer."""
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


class SecurityHeaders:
    """ASGI middleware: adds :func:`security_headers` to every HTTP response (websockets pass through)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in security_headers().items()]

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        names = {name for name, _ in self.headers}

        async def send_with_headers(message: Message) -> None:
            if message.get("type") == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
