"""Start-up of the desktop bundle (dist/keyplan/, `make bundle`) against Keyplan from .venv.

Run with `make bench` (or `python tests/benchmarks/bench_bundle.py [--pairs N]`); prints
nothing but a note when there is no bundle. Whole processes, A B A B after one warm-up, the
median of the pair ratios with min and max, and the bundle's peak memory (BENCHMARKS.md):
- the window on the demo portfolio, bundle vs the same from .venv, and vs the stack floor;
- `keyplan --version`, bundle vs .venv (the bundle unpacks nothing, but starts its own Python).
Also prints the bundle's size on disk.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_startup import STACK_FLOOR, compare

REPO = Path(__file__).resolve().parents[2]
BUNDLE_DIR = REPO / "dist" / "keyplan"
BUNDLED = str(BUNDLE_DIR / ("keyplan.exe" if sys.platform == "win32" else "keyplan"))
FROM_VENV = [sys.executable, "-m", "keyplan"]


def folder_megabytes(folder: Path) -> float:
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    if not Path(BUNDLED).exists():
        print(f"no bundle at {BUNDLED}: run `make bundle` first; nothing measured")
        return 0
    with tempfile.TemporaryDirectory(prefix="keyplan-bench-bundle-") as scratch:
        folder = Path(scratch)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_DATA_HOME": str(folder / "data"),
        }
        demo = folder / "demo.db"
        subprocess.run([BUNDLED, "demo", "--db", str(demo)], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        window = ["--db", str(demo), "--exit-when-ready"]
        print(f"bundle: {BUNDLE_DIR}, {folder_megabytes(BUNDLE_DIR):.0f} MB on disk")
        compare("window: bundle / .venv", [BUNDLED, *window], [*FROM_VENV, *window], env,
                args.pairs)  # fmt: skip
        compare("window: bundle / stack floor", [BUNDLED, *window],
                [sys.executable, "-c", STACK_FLOOR], env, args.pairs)  # fmt: skip
        compare("--version: bundle / .venv", [BUNDLED, "--version"],
                [*FROM_VENV, "--version"], env, args.pairs)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
