"""Editors: argon2 password hashes, sign-in with rate limiting, and unforgeable editor tokens.

Viewers need no account. Every write of the store demands an :class:`Editor` that only
this module mints (:func:`authenticate`, :func:`editor_from_identity`): it carries an HMAC
signature made with a secret that lives in this server process only, so an object built
from values a browser could put into session state does not verify.

Editors come from three places, checked in this order:

- the store's ``editor`` table (``python -m smartcity_geo users add NAME``);
- ``SMARTCITY_EDITORS`` in the environment: ``name:argon2hash;name2:argon2hash`` (``;`` or
  whitespace between editors, since an argon2 hash itself contains commas);
- ``[editors]`` in ``st.secrets`` (``name = "argon2hash"``), passed in by the app.

NOTE: passwords are never stored, only argon2id hashes; hashes are never committed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, insert, select, update

from .. import settings
from . import models
from .errors import NotAuthorised, StoreError

_HASHER = PasswordHasher()
_SECRET = secrets.token_bytes(32)  # per process; never leaves memory
MIN_PASSWORD = 10
MAX_FAILURES = 5  # failed sign-ins allowed per user and per session ...
WINDOW_S = 15 * 60  # ... within this many seconds; then locked for the rest of the window
_DUMMY: list[str] = []  # a real hash to verify against for an unknown name (made on first use)


def _dummy_hash() -> str:
    """Verifying against it takes as long as for a real editor, so timing does not tell names apart."""
    if not _DUMMY:
        _DUMMY.append(_HASHER.hash(secrets.token_hex(16)))
    return _DUMMY[0]


Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Editor:
    """A signed-in editor. Only :func:`authenticate` and :func:`editor_from_identity` make valid ones."""

    name: str
    issued: str
    signature: str = field(repr=False)


def _sign(name: str, issued: str) -> str:
    return hmac.new(_SECRET, f"{name}\x00{issued}".encode(), hashlib.sha256).hexdigest()


def _mint(name: str, clock: Clock) -> Editor:
    issued = clock().isoformat()
    return Editor(name=name, issued=issued, signature=_sign(name, issued))


def verify(editor: object) -> Editor:
    """Return ``editor`` if this process minted it; raise :class:`NotAuthorised` otherwise."""
    if not isinstance(editor, Editor):
        raise NotAuthorised()
    if not hmac.compare_digest(str(editor.signature), _sign(editor.name, editor.issued)):
        raise NotAuthorised()
    return editor


def hash_password(password: str, hasher: PasswordHasher = _HASHER) -> str:
    if len(password) < MIN_PASSWORD:
        raise StoreError("password_short", minimum=MIN_PASSWORD)
    return hasher.hash(password)


def parse_editors(value: str) -> dict[str, str]:
    """``name:hash;name2:hash`` (the SMARTCITY_EDITORS format) as a mapping."""
    editors: dict[str, str] = {}
    for item in re.split(r"[;\s]+", value):
        name, sep, digest = item.strip().partition(":")
        if sep and name.strip() and digest.strip():
            editors[name.strip()] = digest.strip()
    return editors


@dataclass
class RateLimiter:
    """Counts failed sign-ins per user and per session; refuses more than MAX_FAILURES in WINDOW_S."""

    clock: Clock = utcnow
    failures: dict[str, list[float]] = field(default_factory=dict)

    def _recent(self, key: str) -> list[float]:
        now = self.clock().timestamp()
        kept = [t for t in self.failures.get(key, []) if now - t < WINDOW_S]
        self.failures[key] = kept
        return kept

    def check(self, *keys: str) -> None:
        for key in keys:
            recent = self._recent(key)
            if len(recent) >= MAX_FAILURES:
                wait = int(WINDOW_S - (self.clock().timestamp() - recent[0])) + 1
                raise StoreError("rate_limited", minutes=max(1, (wait + 59) // 60))

    def fail(self, *keys: str) -> None:
        now = self.clock().timestamp()
        for key in keys:
            self._recent(key).append(now)


class Users:
    """The editors a server knows, and sign-in against them."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock = utcnow,
        extra: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        limiter: RateLimiter | None = None,
        hasher: PasswordHasher = _HASHER,
    ) -> None:
        self.engine = engine
        self.hasher = hasher  # tests pass a cheap one; verifying follows each hash's own parameters
        self.clock = clock
        self.extra = {**parse_editors(settings.get("editors", env=env)), **dict(extra or {})}
        self.limiter = limiter or RateLimiter(clock=clock)

    # -- managing the editor table (the CLI's ``users`` command)
    def add(self, name: str, password: str) -> None:
        name = name.strip()
        if not name or any(c in name for c in ":;,") or name.split() != [name]:
            raise StoreError("bad_user_name", name=name)
        digest = hash_password(password, self.hasher)
        now = self.clock()
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            if conn.execute(select(models.editor.c.name).where(models.editor.c.name == name)).first():
                raise StoreError("user_exists", name=name)
            conn.execute(insert(models.editor).values(name=name, password_hash=digest, created_at=now, updated_at=now))

    def reset(self, name: str, password: str) -> None:
        digest = hash_password(password, self.hasher)
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            done = conn.execute(
                update(models.editor)
                .where(models.editor.c.name == name)
                .values(password_hash=digest, updated_at=self.clock())
            )
            if done.rowcount != 1:
                raise StoreError("unknown_user", name=name)

    def names(self) -> list[str]:
        with self.engine.connect() as conn:
            stored = [r[0] for r in conn.execute(select(models.editor.c.name).order_by(models.editor.c.name))]
        return sorted(set(stored) | set(self.extra))

    def _hash_of(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(models.editor.c.password_hash).where(models.editor.c.name == name)).first()
        return row[0] if row else self.extra.get(name)

    # -- signing in
    def authenticate(self, name: str, password: str, *, session: str = "") -> Editor:
        """An :class:`Editor` token for a right name and password; refuses after repeated failures."""
        name = name.strip()
        keys = (f"user:{name.lower()}", f"session:{session}")
        self.limiter.check(*keys)
        digest = self._hash_of(name)
        try:
            self.hasher.verify(digest or _dummy_hash(), password)
            if digest is None:
                raise VerifyMismatchError
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            self.limiter.fail(*keys)
            raise StoreError("bad_credentials") from None
        return _mint(name, self.clock)


def editor_from_identity(name: str, allowed: set[str], clock: Clock = utcnow) -> Editor:
    """An editor token for an identity the provider (``st.login``) vouched for, if allowed."""
    if name not in allowed:
        raise NotAuthorised()
    return _mint(name, clock)
