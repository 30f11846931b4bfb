"""How much reading anonymous uploads may ask of the server at once, and of one session.

The sources screen's upload needs no sign-in. Each file is bounded on its own
(:mod:`smartcity_geo.datafiles`: rows, cells, unpacked size); here the files together are:

- **per server**: at most :data:`MAX_CONCURRENT_PARSES` uploads are read at the same time
  (a process-wide semaphore, taken without waiting: a further upload is refused at once
  with "busy, try again in a moment" instead of queueing behind the others while the
  viewers' clicks wait for the CPU);
- **per session**: at most :data:`MAX_UPLOADS_PER_SESSION` uploads in
  :data:`SESSION_WINDOW_S` seconds.

Both refusals are :class:`~smartcity_geo.errors.DataPackError` with a message in
Indonesian and English. The clock is passed in (the app gives ``time.monotonic()``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DataPackError

#: Uploads read at the same time by one server process (the machine has 2 cores).
MAX_CONCURRENT_PARSES = 2
#: Uploads one browser session may try in :data:`SESSION_WINDOW_S`.
MAX_UPLOADS_PER_SESSION = 10
SESSION_WINDOW_S = 600.0

_PARSES = threading.BoundedSemaphore(MAX_CONCURRENT_PARSES)


@contextmanager
def parse_slot() -> Iterator[None]:
    """Hold one of the server's upload-reading slots, or refuse at once when all are taken."""
    if not _PARSES.acquire(blocking=False):
        raise DataPackError("upload_busy")
    try:
        yield
    finally:
        _PARSES.release()


def session_allows(times: tuple[float, ...], *, now: float) -> tuple[float, ...]:
    """The session's upload times with ``now`` added, or a refusal when it already used its share.

    ``times``: the moments (seconds, any monotonic clock) of the session's earlier uploads;
    the ones older than :data:`SESSION_WINDOW_S` are forgotten.
    """
    recent = tuple(t for t in times if now - t < SESSION_WINDOW_S)
    if len(recent) >= MAX_UPLOADS_PER_SESSION:
        wait = recent[0] + SESSION_WINDOW_S - now
        raise DataPackError(
            "upload_session_limit",
            limit=MAX_UPLOADS_PER_SESSION,
            window=round(SESSION_WINDOW_S / 60),
            minutes=max(1, math.ceil(wait / 60)),
        )
    return (*recent, now)
