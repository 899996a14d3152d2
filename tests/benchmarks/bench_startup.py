"""Start-up time and peak memory of `keyplan --exit-when-ready`, against the yardsticks.

Run with `make bench` (or `python tests/benchmarks/bench_startup.py [--pairs N]`). Times whole
processes, interleaved A B A B after one warm-up, and prints the median of the pair ratios with
min and max, as ../shared/BENCHMARKS.md asks. Targets (BENCHMARKS.md, newer than the issue):
demo ≤ 0.4 × the stack floor; 20,000 people ≤ 0.5 × the stack floor and < 150 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
STACK_FLOOR = "import sqlalchemy.orm\n" + BARE_WINDOW


def run_process(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a whole process; return (seconds, peak resident memory in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def compare(
    name: str, program: Sequence[str], yardstick: Sequence[str], env: dict[str, str], pairs: int
) -> dict[str, float]:
    run_process(program, env)  # warm-up: file cache, bytecode
    run_process(yardstick, env)
    ratios, times, memories, base_times = [], [], [], []
    for _ in range(pairs):
        a, memory = run_process(program, env)
        b, _ = run_process(yardstick, env)
        ratios.append(a / b)
        times.append(a)
        base_times.append(b)
        memories.append(memory)
    result = {
        "median": statistics.median(ratios),
        "min": min(ratios),
        "max": max(ratios),
        "seconds": statistics.median(times),
        "yardstick_seconds": statistics.median(base_times),
        "peak_mb": max(memories),
    }
    print(
        f"{name:<38} ratio median {result['median']:.2f} (min {result['min']:.2f}, "
        f"max {result['max']:.2f}) · {result['seconds'] * 1000:.0f} ms vs "
        f"{result['yardstick_seconds'] * 1000:.0f} ms · peak {result['peak_mb']:.0f} MB"
    )
    return result


def make_database(folder: Path, scale: int | None, env: dict[str, str]) -> Path:
    path = folder / (f"scale-{scale}.db" if scale else "demo.db")
    command = [sys.executable, "-m", "keyplan", "demo", "--db", str(path)]
    if scale:
        command += ["--scale", str(scale)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--scale", type=int, default=20000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        # Cached bytecode, as an installed Keyplan has it: the warm-up compiles, the timed runs
        # read. With PYTHONDONTWRITEBYTECODE (set in some shells) every run compiled Keyplan's
        # own modules again while the yardsticks' libraries came precompiled.
        "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare = [sys.executable, "-c", BARE_WINDOW]
    floor = [sys.executable, "-c", STACK_FLOOR]
    print(f"Start-up, {args.pairs} pairs each, {os.cpu_count()} cores")
    compare("stack floor / bare window", floor, bare, env, args.pairs)
    for scale in (None, args.scale):
        database = make_database(folder, scale, env)
        keyplan = [sys.executable, "-m", "keyplan", "--db", str(database), "--exit-when-ready"]
        label = "demo" if scale is None else f"{scale} people"
        compare(f"keyplan {label} / stack floor", keyplan, floor, env, args.pairs)
        compare(f"keyplan {label} / bare window", keyplan, bare, env, args.pairs)
    print("Targets (BENCHMARKS.md, Dec 2026): demo ≤ 0.4 × floor; 20,000 people ≤ 0.5 × floor")
    print("and a peak under 150 MB.")


if __name__ == "__main__":
    main()
