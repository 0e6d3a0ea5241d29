"""Race tests: one function run by several threads released at the same instant.

The suite's SQLite database is in memory with a shared cache, where a second writer gets
"table is locked" at once instead of waiting as on a file; such tests run on PostgreSQL
(CI sets DATABASE_URL). The embedded file database has its own test,
test_sqlite_concurrency.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections


def needs_concurrent_writers() -> None:
    """Skip the test unless the database lets two writers wait for each other."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (the test SQLite is in memory)")


def run_at_once(fn: Callable[[], Any], n: int = 2, *, timeout: float = 10.0) -> list[Any]:
    """Call `fn()` in `n` threads that start together; return what each returned, or the
    exception it raised, in the order they finished. Each thread closes its own database
    connection (a test with `transaction=True` would otherwise leave it open)."""
    barrier = threading.Barrier(n)
    lock = threading.Lock()
    outcomes: list[Any] = []

    def run() -> None:
        try:
            barrier.wait(timeout=timeout)
            outcome = fn()
        except Exception as exc:  # handed to the test, which says what it expects
            outcome = exc
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a racing thread never finished"
    return outcomes
