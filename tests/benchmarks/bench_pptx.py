"""Benchmark: PowerPoint decks as whole processes (``keyplan export-pptx``), against the PDF.

Run: ``.venv/bin/python tests/benchmarks/bench_pptx.py [--pairs 7]``.
Prints figures only (no asserts). Two accounts: the demo's umbrella (Aldermark Group, with
its affiliates) and a 500-person plan (``bench_pdf.build_account``). For each, the internal
deck (A) and its yardstick, the internal PDF of the same plan (B), run in turn A B A B …
after one warm-up pair, each as a whole process (interpreter start, imports, work, exit).
Reports the median wall and CPU time of A and B, the median of the pair ratios A/B with min
and max, the deck's slide count, and the peak resident memory of the deck process.
Targets (BENCHMARKS.md): the umbrella deck ≤ 2 s, the 500-person deck ≤ 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # bench_pdf's account builder

from bench_pdf import build_account

from keyplan.store.database import open_database

PYTHON = sys.executable


def _run(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "-m", "keyplan", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def _slides(path: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(path)).slides)


def measure(label: str, db: Path, account: str, folder: Path, pairs: int) -> None:
    common = ["--db", str(db), "--account", account, "--variant", "internal"]
    deck, pdf = folder / f"{label}.pptx", folder / f"{label}.pdf"
    a_argv = ["export-pptx", *common, "--out", str(deck)]
    b_argv = ["export-pdf", *common, "--out", str(pdf)]
    _run(a_argv), _run(b_argv)  # warm-up: file caches, bytecode
    a_runs, b_runs = [], []
    for _ in range(pairs):
        a_runs.append(_run(a_argv))
        b_runs.append(_run(b_argv))
    ratios = [a[0] / b[0] for a, b in zip(a_runs, b_runs, strict=True)]
    cpu_ratios = [a[1] / b[1] for a, b in zip(a_runs, b_runs, strict=True)]

    def median(runs, index):
        return statistics.median(run[index] for run in runs)

    print(f"{label}: deck of {_slides(deck)} slides, {deck.stat().st_size // 1024} KB")
    print(
        f"  deck  (A) wall {median(a_runs, 0):.2f} s  cpu {median(a_runs, 1):.2f} s  "
        f"peak {max(run[2] for run in a_runs)} MB"
    )
    print(f"  PDF   (B) wall {median(b_runs, 0):.2f} s  cpu {median(b_runs, 1):.2f} s")
    print(
        f"  A/B wall median {statistics.median(ratios):.2f} "
        f"(min {min(ratios):.2f}, max {max(ratios):.2f}); "
        f"cpu median {statistics.median(cpu_ratios):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--people", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        demo = folder / "demo.db"
        subprocess.run(
            [PYTHON, "-m", "keyplan", "demo", "--db", str(demo)], check=True, capture_output=True
        )
        large = folder / "large.db"
        db = open_database(large)
        try:
            build_account(db, args.people)
        finally:
            db.close()
        print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {args.pairs} pairs")
        measure("umbrella (Aldermark Group)", demo, "Aldermark Group", folder, args.pairs)
        measure(f"{args.people} people", large, "Benchmark Holding SE", folder, args.pairs)


if __name__ == "__main__":
    main()
