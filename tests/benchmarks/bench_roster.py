"""What one edit of our team or offerings costs while the account tabs that follow it are open.

Run with `python tests/benchmarks/bench_roster.py [--scale N] [--repeats N]`. Builds a synthetic
portfolio (`keyplan demo --scale`), opens the main window offscreen on its largest account,
builds every account tab (the Insights tab in front, as a user would leave it), opens the
roster window, and times each kind of roster edit and its undo, in the same process: what the
user waits for between pressing Enter in a cell and the window answering again. Prints the
median with min and max. There is no yardstick: the edits are compared with one another (a
rename re-reads what names our team; the others must cost next to nothing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(app: object, step: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        app.processEvents()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - started)
    return times


def report(label: str, times: list[float]) -> None:
    ms = [1000 * t for t in times]
    print(
        f"{label:<44} median {statistics.median(ms):7.0f} ms"
        f"  (min {min(ms):.0f}, max {max(ms):.0f}, n={len(ms)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20000, help="people in the portfolio")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-roster-"))
    database = folder / "roster.db"
    keyplan = Path(sys.executable).with_name("keyplan")
    command = [str(keyplan), "demo", "--scale", str(args.scale), "--db", str(database)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    from PySide6.QtWidgets import QApplication

    from keyplan.store.database import open_database
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.shell.launch import open_document
    from keyplan.ui.shell.main_window import MainWindow

    app = QApplication([])
    document = PortfolioDocument(open_database(database))
    window = MainWindow(document, open_document)
    window.show()
    largest = max(document.portfolio(), key=lambda row: row.people)
    window.select_account(largest.id)
    for title in ("People", "Map", "Plan", "Commitments", "Interactions", "Insights"):
        window.show_tab(title)
        app.processEvents()
    print(f"{args.scale} people; account {largest.name!r}: {largest.people} people")
    started = time.perf_counter()
    window.show_roster()
    app.processEvents()
    report("open the roster window", [time.perf_counter() - started])

    member = document.team_roster()[0]
    offering = document.offering_list()[0]
    roles = ["specialist", "account_director"]
    edits = {
        "change a colleague's role": lambda n: document.set_team_member_field(
            member.id, "role", roles[n % 2]
        ),
        "change an offering's description": lambda n: document.set_offering_field(
            offering.id, "description", f"Described {n}"
        ),
        "add a colleague": lambda n: document.add_team_member(f"Bench Colleague {n}"),
        "rename a colleague who owns relationships": lambda n: document.set_team_member_field(
            member.id, "name", f"{member.name} {n}"
        ),
    }
    for label, edit in edits.items():
        steps = iter(range(1_000_000))
        report(label, timed(app, lambda e=edit, s=steps: e(next(s)), args.repeats))
        report("  … and undo it", timed(app, document.undo_stack.undo, args.repeats))
    os._exit(0)  # no Qt teardown: see tests/conftest.py


if __name__ == "__main__":
    main()
