"""Sign-in: failures counted in the store, a capped back-off per name and client, unknown names as slow as known ones.

Time is injected (``store_helpers.Clock``); no test reads the wall clock, except the one
loose comparison of how long two answers take.
"""

from __future__ import annotations

import statistics
import time

import pytest
from argon2 import PasswordHasher, extract_parameters
from store_helpers import PASSWORD, Clock, cheap_hasher

from smartcity_geo.store import StoreError, Users, open_store
from smartcity_geo.store.users import LOCK_S, MAX_FAILURES, MAX_LOCK_S, lock_seconds


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(store_url, clock):
    s = open_store(store_url, clock=clock)
    yield s
    s.engine.dispose()


def _users(store, clock, **kwargs) -> Users:
    return Users(store.engine, clock=clock, env={}, hasher=cheap_hasher(), **kwargs)


def _fail(users: Users, name: str = "ana", client: str = "203.0.113.9") -> str:
    with pytest.raises(StoreError) as err:
        users.authenticate(name, "wrong password", client=client)
    return err.value.key


def test_the_back_off_doubles_from_30_seconds_and_stops_at_15_minutes():
    assert [lock_seconds(n) for n in range(1, 13)] == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]
    assert (LOCK_S, MAX_LOCK_S, MAX_FAILURES) == (30, 900, 5)
    assert lock_seconds(10_000) == MAX_LOCK_S


def test_failures_are_counted_in_the_store_shared_by_every_server(store, clock):
    server_a, server_b = _users(store, clock), _users(store, clock)  # two app servers (or the CLI) on one store
    server_a.add("ana", PASSWORD)
    for users in (server_a, server_a, server_b, server_b, server_a):
        assert _fail(users) == "bad_credentials"
    assert _fail(server_b) == "rate_limited"  # the fifth failure, made on the other server, locks here too
    restarted = _users(store, clock)  # a restart forgets nothing
    with pytest.raises(StoreError, match="Try again in 1 minutes"):
        restarted.authenticate("ana", PASSWORD, client="203.0.113.9")


def test_the_lock_grows_with_each_failure_and_is_capped(store, clock):
    users = _users(store, clock)
    users.add("ana", PASSWORD)
    for _ in range(MAX_FAILURES):
        _fail(users)
    for lock in (30, 60, 120, 240, 480, 900, 900):
        clock.advance(lock - 5)
        assert _fail(users) == "rate_limited"  # still locked: refused before any password is checked
        clock.advance(6)
        assert _fail(users) == "bad_credentials"  # the lock is over; this failure earns the next one
    clock.advance(MAX_LOCK_S + 1)
    assert users.authenticate("ana", PASSWORD, client="203.0.113.9").name == "ana"  # never locked for longer


def test_nobody_can_lock_an_editor_out_from_another_client(store, clock):
    users = _users(store, clock)
    users.add("ana", PASSWORD)
    for _ in range(20):  # someone guessing ana's password from their own address
        clock.advance(MAX_LOCK_S)
        _fail(users, client="198.51.100.7")
    assert users.authenticate("ana", PASSWORD, client="203.0.113.9").name == "ana"
    assert _fail(users, name="budi", client="198.51.100.7") == "rate_limited"  # the guessing client, any name


def test_a_right_password_clears_the_count_of_that_name_and_client(store, clock):
    users = _users(store, clock)
    users.add("ana", PASSWORD)
    for _ in range(MAX_FAILURES - 1):
        _fail(users)
    users.authenticate("ana", PASSWORD, client="203.0.113.9")
    assert _fail(users) == "bad_credentials"  # counting starts again: one failure, no lock


def test_an_unknown_name_is_checked_against_a_hash_with_the_editors_parameters(store, clock):
    stored_with = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    users = Users(store.engine, clock=clock, env={}, hasher=stored_with)
    users.add("ana", PASSWORD)
    checked: list[str] = []
    verify = users.hasher.verify

    class Spy(PasswordHasher):
        def verify(self, hash, password):  # noqa: A002 - argon2's own argument name
            checked.append(hash)
            return verify(hash, password)

    # a server whose own hasher has the library's (costly) defaults: the stored hash decides
    users.hasher = Spy()
    _fail(users, name="nobody")
    _fail(users, name="ana", client="198.51.100.7")
    dummy, real = checked
    assert extract_parameters(dummy) == extract_parameters(real)
    assert extract_parameters(dummy).memory_cost == 2048  # not the default 65536 of Spy()


def test_an_unknown_name_answers_about_as_fast_as_a_known_one(store, clock):
    users = Users(store.engine, clock=clock, env={"SMARTCITY_EDITORS": f"ana:{cheap_hasher().hash(PASSWORD)}"})
    # users.hasher is argon2's default (64 MiB, 3 passes): before, the dummy was made with it

    def answer(name: str, client: str) -> float:
        start = time.perf_counter()
        _fail(users, name=name, client=client)
        return time.perf_counter() - start

    known = statistics.median(answer("ana", f"k{i}") for i in range(5))
    unknown = statistics.median(answer("nobody", f"u{i}") for i in range(5))
    assert unknown < 3 * known + 0.05, f"unknown {unknown * 1000:.0f} ms, known {known * 1000:.0f} ms"
