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
import math
import re
import secrets
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from argon2 import Parameters, PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import ARGON2_VERSION
from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from .. import day, settings
from . import models
from .errors import NotAuthorised, StoreError

_HASHER = PasswordHasher()
_SECRET = secrets.token_bytes(32)  # per process; never leaves memory
MIN_PASSWORD = 10
MAX_FAILURES = 5  # failed sign-ins of one name from one client (or of one client) before a lock ...
LOCK_S = 30  # ... of this many seconds, doubled with every further failure ...
MAX_LOCK_S = 15 * 60  # ... up to this; a lock never grows beyond it
FORGET_S = 24 * 60 * 60  # failures older than this (since the last one) are forgotten
_DUMMIES: dict[tuple, str] = {}  # a real hash per argon2 parameters, to verify an unknown name against
_DUMMY_LOCK = threading.Lock()


def dummy_hash(params: Parameters) -> str:
    """A hash made with ``params``: verifying an unknown name against it costs what a known name costs.

    NOTE: argon2's cost is in the hash (time, memory, parallelism), not in the hasher that
    verifies it; a dummy made with other parameters than the editors' hashes would let the
    answer time tell known names from unknown ones (6 ms against 223 ms).
    """
    key = _params_key(params)
    with _DUMMY_LOCK:
        if key not in _DUMMIES:
            hasher = PasswordHasher(
                time_cost=params.time_cost,
                memory_cost=params.memory_cost,
                parallelism=params.parallelism,
                hash_len=params.hash_len,
                salt_len=params.salt_len,
                type=params.type,
            )
            _DUMMIES[key] = hasher.hash(secrets.token_hex(16))
        return _DUMMIES[key]


def _params_key(params: Parameters) -> tuple:
    return (
        params.type,
        params.version,
        params.salt_len,
        params.hash_len,
        params.time_cost,
        params.memory_cost,
        params.parallelism,
    )


Clock = Callable[[], datetime]


utcnow: Clock = day.utc_now


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


def lock_seconds(failures: int) -> int:
    """How long ``failures`` failed sign-ins lock out: none below :data:`MAX_FAILURES`, then
    :data:`LOCK_S` doubled with each further failure, never more than :data:`MAX_LOCK_S`."""
    if failures < MAX_FAILURES:
        return 0
    return min(MAX_LOCK_S, LOCK_S * 2 ** min(failures - MAX_FAILURES, 16))


@dataclass
class SignInLimiter:
    """Failed sign-ins counted in the store's ``signin_failure`` table, shared by every server and the CLI.

    Two things are counted: a name from one client, and a client whatever the name. Either
    reaching :data:`MAX_FAILURES` locks that (name, client) pair or that client for
    :func:`lock_seconds`; the lock grows with each further failure and is capped, and an
    attempt while locked is refused before any password is checked (it neither counts nor
    extends the lock). A name is never locked for everyone: guessing from one client does
    not keep the editor out on another. A right password clears its (name, client) count.
    """

    engine: Engine
    clock: Clock = utcnow

    @staticmethod
    def keys(name: str, client: str) -> tuple[str, str]:
        client = client or "-"
        return f"name:{name.lower()}|client:{client}"[:400], f"client:{client}"[:400]

    def check(self, *keys: str) -> None:
        """Raise ``rate_limited`` (with the minutes left) when any of ``keys`` is locked now."""
        now = self.clock().timestamp()
        table = models.signin_failure
        with self.engine.connect() as conn:
            until = conn.execute(select(func.max(table.c.locked_until)).where(table.c.key.in_(keys))).scalar()
        if until is not None and until > now:
            raise StoreError("rate_limited", minutes=max(1, math.ceil((until - now) / 60)))

    def fail(self, *keys: str) -> None:
        """Count one failure for each of ``keys``, locking those that reached the limit."""
        now = self.clock().timestamp()
        table = models.signin_failure
        for attempt in range(2):  # a key first counted by another server at the same instant: count again
            try:
                with self.engine.connect().execution_options(write=True) as conn, conn.begin():
                    query = select(table).where(table.c.key.in_(keys))
                    if conn.dialect.name == "postgresql":
                        query = query.with_for_update()
                    rows = {row.key: row for row in conn.execute(query)}
                    for key in keys:
                        row = rows.get(key)
                        fresh = row is None or now - row.last_failure > FORGET_S
                        failures = 1 if fresh else row.failures + 1
                        lock = lock_seconds(failures)
                        values = {
                            "failures": failures,
                            "last_failure": now,
                            "locked_until": now + lock if lock else None,
                        }
                        if row is None:
                            conn.execute(insert(table).values(key=key, **values))
                        else:
                            conn.execute(update(table).where(table.c.key == key).values(**values))
                return
            except IntegrityError:
                if attempt:
                    raise

    def succeed(self, key: str) -> None:
        """A right password: the (name, client) count starts again."""
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            conn.execute(delete(models.signin_failure).where(models.signin_failure.c.key == key))


class Users:
    """The editors a server knows, and sign-in against them."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock = utcnow,
        extra: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        limiter: SignInLimiter | None = None,
        hasher: PasswordHasher = _HASHER,
    ) -> None:
        self.engine = engine
        self.hasher = hasher  # tests pass a cheap one; verifying follows each hash's own parameters
        self.clock = clock
        self.extra = {**parse_editors(settings.get("editors", env=env)), **dict(extra or {})}
        self.limiter = limiter or SignInLimiter(engine, clock=clock)

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

    def _stored_hashes(self) -> list[str]:
        with self.engine.connect() as conn:
            stored = list(conn.execute(select(models.editor.c.password_hash)).scalars())
        return stored + list(self.extra.values())

    def dummy_hash(self) -> str:
        """What an unknown name is verified against: a hash with the editors' own argon2 parameters.

        The parameters most of the editors' hashes use (the hasher's when there are none), so an
        unknown name takes as long to refuse as a known name with a wrong password.
        """
        params: list[Parameters] = []
        for digest in self._stored_hashes():
            try:
                params.append(extract_parameters(digest))
            except InvalidHashError:
                continue
        if not params:
            h = self.hasher
            params = [
                Parameters(h.type, ARGON2_VERSION, h.salt_len, h.hash_len, h.time_cost, h.memory_cost, h.parallelism)
            ]
        counts = Counter(_params_key(p) for p in params)
        return dummy_hash(next(p for p in params if _params_key(p) == counts.most_common(1)[0][0]))

    # -- signing in
    def authenticate(self, name: str, password: str, *, client: str = "", session: str = "") -> Editor:
        """An :class:`Editor` token for a right name and password; refuses after repeated failures.

        ``client`` names where the attempt comes from (the browser's address as the app sees
        it, ``cli`` for the command line); ``session`` is the older name of the same argument.
        An unknown name is verified against :meth:`dummy_hash`, so it answers as slowly.
        """
        name = name.strip()
        pair, whole_client = self.limiter.keys(name, client or session)
        self.limiter.check(pair, whole_client)
        digest = self._hash_of(name)
        try:
            self.hasher.verify(digest or self.dummy_hash(), password)
            if digest is None:
                raise VerifyMismatchError
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            self.limiter.fail(pair, whole_client)
            raise StoreError("bad_credentials") from None
        self.limiter.succeed(pair)
        return _mint(name, self.clock)


def editor_from_identity(name: str, allowed: set[str], clock: Clock = utcnow) -> Editor:
    """An editor token for an identity the provider (``st.login``) vouched for, if allowed."""
    if name not in allowed:
        raise NotAuthorised()
    return _mint(name, clock)
