"""Benchmark: what the change log adds to one edit and to a 10,000-person import.

Run: ``.venv/bin/python tests/benchmarks/bench_edit.py [--people 2000] [--edits 200]``.
Prints figures only (no asserts). Target: the log adds under 10 % to an edit and to the import.

Measured side by side in one process, A B A B …: each edit (a typed field, then a re-parent,
each one store transaction as the app makes it) and each import (10,000 new people through
``import_writes.apply_import``, into a fresh account) is made alternately with the change log
recording (A) and with it paused (B, ``marks.not_recorded``: the hooks still run, nothing is
written). Reported: medians of wall and CPU time, and the median of the pair ratios A/B —
CPU time is the figure to trust on a shared machine.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def order(number: int) -> tuple[bool, bool]:
    """Which goes first in pair ``number``: the log and no log take turns (no order bias)."""
    return (True, False) if number % 2 == 0 else (False, True)


def as_pair(results: dict[bool, tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    return results[True], results[False]


def timed(step: Callable[[], object], recorded: bool) -> tuple[float, float]:
    from keyplan.store.history.marks import not_recorded

    pause = contextlib.nullcontext() if recorded else not_recorded()
    with pause:
        started, started_cpu = time.perf_counter(), time.process_time()
        step()
        return time.perf_counter() - started, time.process_time() - started_cpu


def report(name: str, pairs: list[tuple[tuple[float, float], ...]]) -> None:
    logged = [a for a, _b in pairs]
    paused = [b for _a, b in pairs]
    ratios = [a[1] / b[1] for a, b in pairs if b[1] > 0]
    print(
        f"{name}: with the log {statistics.median(t for t, _c in logged) * 1e3:.2f} ms wall, "
        f"{statistics.median(c for _t, c in logged) * 1e3:.2f} ms CPU; without "
        f"{statistics.median(t for t, _c in paused) * 1e3:.2f} ms wall, "
        f"{statistics.median(c for _t, c in paused) * 1e3:.2f} ms CPU; CPU ratio median "
        f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f}, "
        f"{len(ratios)} pairs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--imports", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=10_000)
    args = parser.parse_args()
    from keyplan.store.database import open_database
    from keyplan.store.map import edits as map_edits
    from keyplan.store.people import edits
    from keyplan.store.transfer.import_writes import ImportWrite, PersonWrite, apply_import

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        account = edits.add_account(db, "Bench Corp")
        ids = [edits.add_stakeholder(db, account, f"Person {n}") for n in range(args.people)]
        fields, moves = [], []
        for number in range(args.edits):
            person = ids[number % len(ids)]
            results = {}
            for recorded in order(number):
                title = f"Title {number} {recorded}"
                step = lambda p=person, t=title: edits.set_stakeholder_field(db, p, "job_title", t)  # noqa: E731
                results[recorded] = timed(step, recorded)
            fields.append(as_pair(results))
            results = {}
            for recorded in order(number):
                manager = ids[-1 - (number * 2 + recorded) % 50]
                step = lambda p=person, m=manager: map_edits.move_people_under(db, [p], m)  # noqa: E731
                results[recorded] = timed(step, recorded)
            moves.append(as_pair(results))
        report("set a field", fields)
        report("re-parent  ", moves)
        imports = []
        for number in range(args.imports):
            results = {}
            for recorded in order(number):
                target = edits.add_account(db, f"Import {number} {recorded}")
                plan = ImportWrite(
                    target,
                    "",
                    new=[
                        PersonWrite(None, {"full_name": f"P {n}", "email": f"p{n}@x.example"},
                                    manager_new=(n // 6 if n else None))
                        for n in range(args.import_rows)
                    ],
                )  # fmt: skip
                results[recorded] = timed(lambda plan=plan: apply_import(db, plan), recorded)
            imports.append(as_pair(results))
        report(f"import of {args.import_rows:,} new people", imports)
        db.close()


if __name__ == "__main__":
    main()
