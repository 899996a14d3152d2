"""Compare two dates on a 5,000-person map with a year of history (≈ 20,000 log rows), drawn.

Run: ``QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_history.py [--rows 20000]``
(``make bench``). Prints figures; asserts nothing. Target (BENCHMARKS.md): ≤ 300 ms from the
dates chosen to the marks painted.

The account is the umbrella family of ``create_synthetic_portfolio(people=9091)`` (5,000
people across the umbrella and its affiliates). The year is written as change-log rows spread
over the last 365 days: stance, strength and title changes, moves to another manager, people
who joined (created) and a few who left, on random people of the family. Timed, each for a
range of date pairs (a year, six months, one month back to now; a month in the middle):

- computed: the store's reads and the domain's rebuild and comparison (``compare_dates``);
- the map as it was: "Show the map as it was on <From>" ticked a year back (the earlier
  state laid out with the normal layout, its cards, lines and marks made, and painted);
- drawn: the Map tab's comparison as the user triggers it (read, compare, marks placed,
  the side list filled) and the view painted (``viewport().grab()``). Ticking "Compare
  dates" reads the log as far back as the slider goes; the slider's steps reuse that read
  while nothing is written; after a write it is read again.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.history.queries import compare_dates
from keyplan.store.models import ChangeLogEntry, utc_now
from keyplan.store.people import queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map.map_tab import MapTab

PORTFOLIO_PEOPLE = 9091  # the umbrella family gets 55 %: 5,000 people
RUNS = 7
STANCES = ("champion", "supporter", "neutral", "skeptic", "blocker")
TITLES = ("Director", "VP", "Head of", "Manager", "Lead", "Chief")


def family(db: Database) -> tuple[int, list[int]]:
    """The umbrella with the most people, and the ids of its family's accounts."""
    rows = queries.portfolio(db)
    sizes: dict[int, int] = {}
    for row in rows:
        top = row.id if row.parent_id is None else row.parent_id
        sizes[top] = sizes.get(top, 0) + row.people
    top = max(sizes, key=sizes.__getitem__)
    return top, [row.id for row in rows if top in (row.id, row.parent_id)]


def write_year(db: Database, accounts: list[int], rows: int, seed: int = 11) -> int:
    """``rows`` change-log entries over the last year, on the family's people."""
    marks = ", ".join(str(a) for a in accounts)
    people = db.rows(f"SELECT id, account_id FROM stakeholders WHERE account_id IN ({marks})")
    rng = random.Random(seed)
    now = utc_now()
    entries = []
    for _ in range(rows):
        person, account = rng.choice(people)
        at = now - timedelta(days=rng.uniform(0, 365))
        kind = rng.random()
        if kind < 0.35:
            field, old, new = "stance", rng.choice(STANCES), rng.choice(STANCES)
        elif kind < 0.6:
            field, old, new = "strength", str(rng.randint(0, 4)), str(rng.randint(0, 4))
        elif kind < 0.8:
            field, old, new = "job_title", rng.choice(TITLES), rng.choice(TITLES)
        elif kind < 0.97:
            other = str(rng.choice(people)[0])
            field, old, new = "reports_to_id", other, str(rng.choice(people)[0])
        else:
            field, old, new = "created", None, "Someone New"
        entries.append(
            {"changed_at": at, "changed_by": "bench", "account_id": account,
             "entity_kind": "person", "entity_id": person, "field": field,
             "old_value": old, "new_value": new, "is_undo": False}
        )  # fmt: skip
    with db.transaction() as session:
        session.execute(insert(ChangeLogEntry.__table__), entries)
    return len(entries)


def date_pairs(now: datetime) -> list[tuple[str, datetime, datetime]]:
    return [
        ("a year back to now", now - timedelta(days=365), now),
        ("6 months back to now", now - timedelta(days=182), now),
        ("1 month back to now", now - timedelta(days=30), now),
        ("a month in the middle", now - timedelta(days=200), now - timedelta(days=170)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    options = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        create_synthetic_portfolio(db, PORTFOLIO_PEOPLE)
        top, accounts = family(db)
        logged = write_year(db, accounts, options.rows)
        people = db.rows(
            f"SELECT COUNT(*) FROM stakeholders WHERE account_id IN "
            f"({', '.join(map(str, accounts))})"
        )[0][0]
        print(f"Compare two dates: {people:,} people, {logged:,} change-log rows over a year")
        print("(target ≤ 300 ms, computed and drawn; medians of 7 runs)")
        now = utc_now()
        for label, start, end in date_pairs(now):
            times, cpu = [], []
            for _ in range(RUNS):
                started, started_cpu = time.perf_counter(), time.process_time()
                result = compare_dates(db, accounts, start, end)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            report("computed, " + label, times, cpu, f"{len(result.changes):,} changes")
        bench_drawn(app, db, top)
        db.close()


def bench_drawn(app: QApplication, db: Database, account_id: int) -> None:
    """The Map tab's comparison, from choosing the dates to the painted view."""
    document = PortfolioDocument(db)
    tab = MapTab(document)
    tab.resize(1500, 950)
    tab.show()
    tab.show_account(account_id)
    app.processEvents()
    tab.view.fit_all()
    comparison = tab.show_comparison(True)
    assert comparison is not None
    panel = comparison.panel
    for label, months in (("a year back to now", 12), ("6 months back to now", 6),
                          ("1 month back to now", 1)):  # fmt: skip
        times, cpu = [], []
        for _ in range(RUNS):
            panel.slider.setValue(0)  # to "now": nothing to compare, reset the marks
            started, started_cpu = time.perf_counter(), time.process_time()
            panel.slider.setValue(months)  # compares, as a user's slider step does
            tab.view.viewport().grab()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        shown = len(comparison.last.changes) if comparison.last else 0
        report("drawn, " + label, times, cpu, f"{shown:,} changes, whole map in view")
    bench_first(comparison, tab, "drawn")
    bench_past_map(comparison, "the map as it was a year back")
    tab.view.actual_size()
    times, cpu = [], []
    for _ in range(RUNS):
        panel.slider.setValue(0)
        started, started_cpu = time.perf_counter(), time.process_time()
        panel.slider.setValue(12)
        tab.view.viewport().grab()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    report("drawn, a year back, at 100 %", times, cpu, "the view's part of the map")


def bench_first(comparison, tab: MapTab, label: str) -> None:
    """Reading the log: "Compare dates" ticked a month back (the log is read as far back as
    the slider goes), and ticked with From a year back (read and compared at once: the
    slowest a year back gets, as after a write, which makes the next step read again)."""
    times, cpu = [], []
    for _ in range(RUNS):
        comparison.set_active(False)
        comparison.panel.slider.setValue(1)  # off: nothing compared
        started, started_cpu = time.perf_counter(), time.process_time()
        comparison.set_active(True)  # a month back, as the box opens: the year's log read
        tab.view.viewport().grab()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    report(f"{label}, box ticked", times, cpu, "a month back, the year's log read")
    times, cpu = [], []
    for _ in range(RUNS):
        comparison.set_active(False)
        comparison.panel.slider.setValue(12)  # off: nothing compared
        started, started_cpu = time.perf_counter(), time.process_time()
        comparison.set_active(True)  # a year back at once: the log read and compared
        tab.view.viewport().grab()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    report(f"{label}, box ticked a year back", times, cpu, "the year's log read, compared")


def bench_past_map(comparison, label: str) -> None:
    """'Show the map as it was on <From>' ticked: the earlier state laid out, cards and lines
    made, marks placed, and the view painted."""
    past = comparison.past
    comparison.panel.slider.setValue(12)
    times, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        past.box.setChecked(True)
        past.view.viewport().grab()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        past.box.setChecked(False)
    report(label, times, cpu, f"{len(past.cards):,} cards of then, laid out and drawn")


def report(label: str, times: list[float], cpu: list[float], what: str) -> None:
    """One line of figures: wall-clock median (min, max) and the CPU time's median."""
    ms = [t * 1e3 for t in times]
    print(
        f"  {label:34} median {statistics.median(ms):6.1f} ms (min {min(ms):.1f}, "
        f"max {max(ms):.1f}; CPU median {statistics.median(cpu) * 1e3:.1f} ms), {what}"
    )


if __name__ == "__main__":
    main()
