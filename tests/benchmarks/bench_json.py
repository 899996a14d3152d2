"""Benchmark: ``keyplan export-json`` and ``import-json`` of a whole database, as whole processes.

Run: ``.venv/bin/python tests/benchmarks/bench_json.py [--people 20000] [--runs 3]``.
Prints figures only (no asserts). Targets for the 20,000-person database: the export under 5 s
and under 150 MB of peak memory (a director's laptop has other programs open). Builds the
synthetic database once (``keyplan demo --scale``), then, after one warm-up, times each
command ``--runs`` times: wall time (median, min, max), CPU time and the child's peak
memory (max RSS, from ``os.wait4``). The import goes into a fresh, empty database each run.
Also timed: the export of the largest account, and the yardstick ``keyplan accounts`` on the
same database (interpreter, SQLAlchemy and the store opened, nothing exported).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEYPLAN = [sys.executable, "-m", "keyplan"]


def timed(command: list[str]) -> tuple[float, float, int]:
    """Wall time (s), CPU time (user + system, s) and peak memory (KB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def largest_account(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        (name,) = connection.execute(
            "SELECT a.name FROM accounts a JOIN stakeholders s ON s.account_id = a.id "
            "GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1"
        ).fetchone()
    return name


def measure(label: str, command: list[str], runs: int, before_each=None) -> None:
    if before_each:
        before_each()
    timed(command)  # warm-up: disk cache, byte-compiled modules
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        if before_each:
            before_each()
        wall, cpu, peak = timed(command)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    print(f"  {label}: median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}), "
          f"CPU {statistics.median(cpus):.2f} s, "
          f"peak memory {max(peaks) / 1024:.0f} MB")  # fmt: skip


def run(folder: Path, people: int, runs: int) -> None:
    database = folder / "portfolio.db"
    subprocess.run([*KEYPLAN, "demo", "--scale", str(people), "--db", str(database)],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    exported = folder / "all.json"
    target = folder / "target.db"

    def empty_target() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)

    account = largest_account(database)
    print(f"keyplan JSON export and import, {people:,}-person synthetic database, "
          f"whole processes, {runs} runs after a warm-up:")  # fmt: skip
    measure("yardstick `keyplan accounts`", [*KEYPLAN, "accounts", "--db", str(database)], runs)
    measure("export-json, whole database",
            [*KEYPLAN, "export-json", "--db", str(database), "--out", str(exported)],
            runs)  # fmt: skip
    print(f"    file: {exported.stat().st_size / 1e6:.1f} MB")
    measure(f"export-json --account {account!r}",
            [*KEYPLAN, "export-json", "--db", str(database), "--account", account,
             "--out", str(folder / "account.json")], runs)  # fmt: skip
    measure("import-json into an empty database",
            [*KEYPLAN, "import-json", str(exported), "--db", str(target)],
            runs, before_each=empty_target)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-json-"))
    try:
        run(folder, options.people, options.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
