"""Start-up of an encrypted demo file (SQLCipher), against the stack floor and the plain file.

Run with `python tests/benchmarks/bench_startup_encrypted.py [--pairs N]`. Times whole
processes of `keyplan --db FILE --exit-when-ready`, the passphrase given in KEYPLAN_PASSPHRASE
(as a script would; the dialog would add the user's typing), interleaved A B A B after one
warm-up, and prints the median of the pair ratios with min and max, and the peak memory
(BENCHMARKS.md). Target: encrypted ≤ 0.6 × the stack floor; a plain file must not get slower.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_startup import BARE_WINDOW, STACK_FLOOR, compare, make_database

PASSPHRASE = "benchmark passphrase"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "KEYPLAN_PASSPHRASE": PASSPHRASE,
    }
    plain = make_database(folder, None, env)
    encrypted = folder / "encrypted.db"
    shutil.copyfile(plain, encrypted)
    command = [sys.executable, "-m", "keyplan", "encrypt", "--db", str(encrypted)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

    def keyplan(path: Path) -> list[str]:
        return [sys.executable, "-m", "keyplan", "--db", str(path), "--exit-when-ready"]

    floor = [sys.executable, "-c", STACK_FLOOR]
    bare = [sys.executable, "-c", BARE_WINDOW]
    print(f"Start-up, {args.pairs} pairs each, {os.cpu_count()} cores")
    compare("keyplan encrypted demo / stack floor", keyplan(encrypted), floor, env, args.pairs)
    compare("keyplan plain demo / stack floor", keyplan(plain), floor, env, args.pairs)
    compare("keyplan encrypted demo / plain demo", keyplan(encrypted), keyplan(plain), env,
            args.pairs)  # fmt: skip
    compare("stack floor / bare window", floor, bare, env, args.pairs)
    print("Target (BENCHMARKS.md, Dec 2026): encrypted demo ≤ 0.6 × the stack floor.")


if __name__ == "__main__":
    main()
