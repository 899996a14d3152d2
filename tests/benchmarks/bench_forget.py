"""Forgetting one person in a large portfolio file: the transaction, then the file's clean-up.

Run: ``python tests/benchmarks/bench_forget.py [--people 20000] [--runs 3]``. Prints figures;
asserts nothing. BENCHMARKS.md sets no target for forgetting (a rare, deliberate act); the
figures say how long the user waits on a big file, and what part the VACUUM takes.

Each run: a fresh synthetic portfolio, the person with the most reports in the biggest account
forgotten (``forget_in`` in one transaction, timed), then the file vacuumed and its WAL
emptied (``clean_file``, timed), then the same person forgotten in one rolling backup.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from keyplan.store.database import open_database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.forget.erase import forget_in
from keyplan.store.forget.files import clean_file, rewrite_backup
from keyplan.store.models import Account, Stakeholder
from keyplan.store.safety.backup import make_rolling_backup


def busiest_manager(db) -> tuple[int, str, str]:
    with db.read() as session:
        manager_id = session.execute(
            select(Stakeholder.reports_to_id, func.count())
            .where(Stakeholder.reports_to_id.is_not(None))
            .group_by(Stakeholder.reports_to_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()[0]
        name, account = session.execute(
            select(Stakeholder.full_name, Account.name)
            .join(Account, Account.id == Stakeholder.account_id)
            .where(Stakeholder.id == manager_id)
        ).one()
    return manager_id, name, account


def one_run(folder: Path, people: int) -> tuple[float, float, float, float]:
    path = folder / "big.db"
    db = open_database(path)
    create_synthetic_portfolio(db, people=people, seed=5)
    backup = make_rolling_backup(path, folder=folder / "backups")
    person_id, name, account = busiest_manager(db)
    size = path.stat().st_size / 1e6
    started = time.perf_counter()
    with db.transaction() as session:
        forget_in(session, person_id)
    forgotten = time.perf_counter()
    clean_file(db)
    cleaned = time.perf_counter()
    db.close()
    rewrite_backup(backup, account, name, [person_id])
    rewritten = time.perf_counter()
    return size, forgotten - started, cleaned - forgotten, rewritten - cleaned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            results.append(one_run(Path(folder), args.people))
    size = results[0][0]
    print(f"forget one person, {args.people:,} people ({size:.1f} MB file), {args.runs} runs:")
    for label, index in (("transaction", 1), ("vacuum + WAL", 2), ("one backup rewritten", 3)):
        values = [r[index] for r in results]
        print(f"  {label:<22} median {statistics.median(values) * 1000:7.0f} ms"
              f"  (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")  # fmt: skip


if __name__ == "__main__":
    main()
