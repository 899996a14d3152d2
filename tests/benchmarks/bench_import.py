"""Benchmark: ``keyplan import`` of a 10,000-row CRM export, as a whole process.

Run: ``.venv/bin/python tests/benchmarks/bench_import.py [--rows 10000] [--pairs 7]``.
Prints figures only (no asserts). Target (BENCHMARKS.md): 10,000 CSV rows parsed, matched
and written in ≤ 1.5 s, whole process. Each run imports into a fresh copy of a database
holding one empty account (so every run adds all rows), alternating with the yardstick
``keyplan accounts`` on the same database (interpreter, SQLAlchemy and the store opened,
nothing imported): A B A B … after one warm-up. Also timed: a re-import of the same file into
the filled account (every row matched by e-mail and skipped as unchanged) and the dry run.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEYPLAN = [sys.executable, "-m", "keyplan"]
FIRST = ("Anna", "Björn", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines",
         "Jonas", "Zoë", "Ελένη", "太郎", "محمد", "Olga", "Pedro", "Quentin", "Rania", "Sven",
         "Yuki")  # fmt: skip
LAST = ("Andersen", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen",
        "Müller-Łukasiewicz", "Παπαδοπούλου", "山田", "العلي", "Novak", "Olsen",
        "Petrov")  # fmt: skip
DEPARTMENTS = ("Finance", "IT", "Operations", "Procurement", "Sales", "Legal", "HR", "R&D")
HEADER = ["First Name", "Last Name", "Title", "Department", "Account Name", "Email", "Phone",
          "Mobile", "Reports To", "Mailing City", "Mailing Country"]  # fmt: skip


def write_crm_file(path: Path, rows: int, seed: int = 7) -> None:
    """A CRM export of ``rows`` people in one reporting tree (about 6 reports per manager)."""
    rng = random.Random(seed)
    names: list[str] = []
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for number in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            last = f"{last} {number}"  # unique names: every manager is found by name
            manager = names[rng.randrange(max(1, len(names) // 6 + 1))] if names else ""
            names.append(f"{first} {last}")
            writer.writerow([
                first, last, rng.choice(("Director", "Manager", "Analyst", "VP")),
                rng.choice(DEPARTMENTS), "Bench Corp", f"person{number}@bench.example",
                f"+47 22 {number:06d}", "", manager, "Oslo", "Norway",
            ])  # fmt: skip


def make_database(path: Path) -> None:
    """A database holding one empty account, Bench Corp."""
    from keyplan.store.database import open_database
    from keyplan.store.people import edits

    db = open_database(path)
    edits.add_account(db, "Bench Corp")
    db.close()


def timed(command: list[str]) -> tuple[float, int, float]:
    """Wall time, peak memory (KB) and CPU time (user + system) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=7)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-import-"))
    # Cached bytecode, as an installed Keyplan has it (the warm-up run compiles it): with
    # PYTHONDONTWRITEBYTECODE set in the shell, every timed run compiled Keyplan's modules again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    try:
        run(folder, options.rows, options.pairs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, rows: int, pairs: int) -> None:
    source = folder / "contacts.csv"
    write_crm_file(source, rows)
    template = folder / "template.db"
    make_database(template)
    target = folder / "target.db"

    def import_command(dry: bool = False) -> list[str]:
        extra = ["--dry-run"] if dry else []
        return [*KEYPLAN, "import", str(source), "--db", str(target), "--account", "Bench Corp",
                *extra]  # fmt: skip

    yardstick = [*KEYPLAN, "accounts", "--db", str(template)]
    fresh = lambda: shutil.copyfile(template, target)  # noqa: E731
    fresh()
    timed(import_command())  # warm-up: disk cache, byte-compiled modules
    imports, sticks, ratios, memory, cpu, stick_cpu = [], [], [], [], [], []
    for _ in range(pairs):
        fresh()
        seconds, peak, used = timed(import_command())
        stick, _, stick_used = timed(yardstick)
        imports.append(seconds)
        sticks.append(stick)
        ratios.append(seconds / stick)
        memory.append(peak)
        cpu.append(used)
        stick_cpu.append(stick_used)
    reimports = [timed(import_command())[0] for _ in range(3)]  # into the filled account
    fresh()
    dry_runs = [timed(import_command(dry=True))[0] for _ in range(3)]
    print(f"keyplan import of {rows:,} CRM rows (UTF-8 BOM, reporting tree), whole process:")
    print(f"  import into an empty account: median {statistics.median(imports):.2f} s "
          f"(min {min(imports):.2f}, max {max(imports):.2f}); target ≤ 1.5 s")  # fmt: skip
    print(f"  yardstick `keyplan accounts`: median {statistics.median(sticks):.2f} s")
    print(f"  ratio import / yardstick: median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}) over {pairs} pairs")  # fmt: skip
    print(f"  CPU time (user + system), medians: import {statistics.median(cpu):.2f} s, "
          f"yardstick {statistics.median(stick_cpu):.2f} s "
          f"(less disturbed by other load)")  # fmt: skip
    print(f"  peak memory of the import: {max(memory) / 1024:.0f} MB")
    print(
        f"  re-import, every row matched and unchanged: median {statistics.median(reimports):.2f} s"
    )
    print(f"  dry run into the empty account: median {statistics.median(dry_runs):.2f} s")


if __name__ == "__main__":
    main()
