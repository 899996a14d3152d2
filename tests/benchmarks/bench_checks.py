"""Benchmark: what checking a database for damage costs, at open and with `keyplan check`.

Run: ``.venv/bin/python tests/benchmarks/bench_checks.py [--scale 20000] [--pairs 7]``.
Prints figures only (no asserts), for the demo and a synthetic portfolio of ``--scale`` people:

- in this process, the median of 7 runs: the check at open (``probe_sqlite_revision`` with
  ``check``: the whole ``quick_check`` up to 4 MB, the header of a bigger file), the whole
  ``quick_check`` and ``integrity_check`` a command that writes or the background check runs,
  and everything ``keyplan check`` reads (SQLite's integrity, references, reporting lines,
  field rules);
- as whole processes, A B A B … after one warm-up: ``keyplan check`` (A) against
  ``keyplan accounts`` on the same file (B: interpreter, imports and an open, no check), the
  median of the pair ratios A/B with min and max, and each one's median seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
sys.path.insert(0, str(APP))
KEYPLAN = [sys.executable, "-m", "keyplan"]


def make_database(folder: Path, scale: int | None) -> Path:
    path = folder / (f"scale-{scale}.db" if scale else "demo.db")
    command = [*KEYPLAN, "demo", "--db", str(path)] + (["--scale", str(scale)] if scale else [])
    subprocess.run(command, check=True, capture_output=True)
    return path


def median_ms(work: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def in_process(path: Path) -> None:
    from keyplan.store.database import check_whole_file, probe_sqlite_revision
    from keyplan.store.safety.integrity import check_database

    megabytes = path.stat().st_size / 1e6
    figures = {
        "open check (as the window opens it)": median_ms(
            lambda: probe_sqlite_revision(path, check=True)
        ),
        "quick_check of every page": median_ms(lambda: check_whole_file(path)),
        "integrity_check (background, full)": median_ms(lambda: check_whole_file(path, full=True)),
        "everything `keyplan check` reads": median_ms(lambda: check_database(path), runs=3),
    }
    for what, ms in figures.items():
        print(f"    {what:38} {ms:9.1f} ms  ({ms / megabytes:5.2f} ms a MB)")


def whole_processes(path: Path, pairs: int) -> None:
    check = [*KEYPLAN, "check", "--db", str(path)]
    accounts = [*KEYPLAN, "accounts", "--db", str(path)]

    def run(command: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        return time.perf_counter() - started

    run(check), run(accounts)  # warm-up
    a_times, b_times = [], []
    for _ in range(pairs):
        a_times.append(run(check))
        b_times.append(run(accounts))
    ratios = [a / b for a, b in zip(a_times, b_times, strict=True)]
    print(
        f"    keyplan check / keyplan accounts: median {statistics.median(ratios):.2f} "
        f"(min {min(ratios):.2f}, max {max(ratios):.2f}); check {statistics.median(a_times):.2f} s,"
        f" accounts {statistics.median(b_times):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20000)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for scale in (None, args.scale):
            path = make_database(Path(folder), scale)
            label = "demo" if scale is None else f"{scale:,} people"
            print(f"{label}: {path.stat().st_size / 1e6:.1f} MB")
            in_process(path)
            whole_processes(path, args.pairs)


if __name__ == "__main__":
    main()
