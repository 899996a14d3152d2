"""The dashboard's smaller reads are shared out: each done once, by whichever thread is free."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.insights import dashboard_tally
from keyplan.store.insights.shared_reads import SharedReads

TODAY = date(2026, 5, 4)
SHARED = ("team_logged_on", "monthly_trend", "_plan", "_owners", "current_blockers")


def test_each_read_is_done_once_whichever_threads_take_their_turns():
    done_by: dict[str, list[int]] = {}
    first_taken = threading.Event()

    def read(name: str) -> Any:
        def reading(session: Any) -> str:
            done_by.setdefault(name, []).append(threading.get_ident())
            first_taken.set()
            return f"{name} in {session}"

        return reading

    reads = SharedReads([(name, read(name)) for name in "abcdef"])
    other = threading.Thread(target=lambda: (first_taken.wait(5), reads.take_turns("theirs")))
    other.start()
    reads.take_turns("ours")
    other.join()
    assert sorted(done_by) == list("abcdef")
    assert all(len(threads) == 1 for threads in done_by.values())
    assert all(reads.done[n] in (f"{n} in ours", f"{n} in theirs") for n in "abcdef")


def _shared_reads_recorded(monkeypatch: pytest.MonkeyPatch) -> tuple[dict, threading.Event]:
    """Which thread did each shared read; an event set once all of them are done."""
    threads: dict[str, int] = {}
    all_done = threading.Event()
    for name in SHARED:
        original = getattr(dashboard_tally, name)

        def recorded(*args: Any, _name: str = name, _read: Any = original, **options: Any) -> Any:
            result = _read(*args, **options)
            threads[_name] = threading.get_ident()
            if len(threads) == len(SHARED):
                all_done.set()
            return result

        monkeypatch.setattr(dashboard_tally, name, recorded)
    return threads, all_done


@pytest.mark.parametrize("held", ["people_counts", "read_recent_window"])
def test_the_thread_free_first_does_the_shared_reads_with_the_same_figures(
    db: Database, monkeypatch: pytest.MonkeyPatch, held: str
):
    if held == "people_counts" and not db.is_sqlite:
        pytest.skip("on a server the helper does the shared reads, after the people count")
    create_demo_portfolio(db, today=TODAY)
    expected = dashboard_tally.dashboard_tallies(db, TODAY, None)
    threads, all_done = _shared_reads_recorded(monkeypatch)
    original = getattr(dashboard_tally, held)
    held_on: list[int] = []

    def held_back(*args: Any, **options: Any) -> Any:
        # Held until the other thread has done every shared read: it fails unless that
        # thread, free first, takes them all.
        held_on.append(threading.get_ident())
        assert all_done.wait(20), f"the shared reads were not done beside {held}"
        return original(*args, **options)

    monkeypatch.setattr(dashboard_tally, held, held_back)
    assert dashboard_tally.dashboard_tallies(db, TODAY, None) == expected
    assert sorted(threads) == sorted(SHARED)
    assert held_on[0] not in threads.values()
