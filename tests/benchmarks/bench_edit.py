"""Benchmark: one edit of a person (a typed field, then a re-parent), in a warm process.

Run: ``.venv/bin/python tests/benchmarks/bench_edit.py [--people 2000] [--edits 200]``.
Prints figures only (no asserts). Each edit is one store transaction, as a typed field or a
dropped card makes it: what the change log adds to an edit shows here (target: under 10 %).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    from keyplan.store.database import open_database
    from keyplan.store.map import edits as map_edits
    from keyplan.store.people import edits

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        account = edits.add_account(db, "Bench Corp")
        ids = [edits.add_stakeholder(db, account, f"Person {n}") for n in range(args.people)]
        field_times, move_times = [], []
        for number in range(args.edits):
            person = ids[number % len(ids)]
            start = time.perf_counter()
            edits.set_stakeholder_field(db, person, "job_title", f"Title {number}")
            field_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            map_edits.move_people_under(db, [person], ids[-1 - number % 50])
            move_times.append(time.perf_counter() - start)
        db.close()
    for name, times in (("set a field", field_times), ("re-parent", move_times)):
        ms = [t * 1000 for t in times]
        print(
            f"{name}: median {statistics.median(ms):.2f} ms, min {min(ms):.2f}, "
            f"max {max(ms):.2f} ({len(ms)} edits)"
        )


if __name__ == "__main__":
    main()
