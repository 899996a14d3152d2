"""A whole sales team on one PostgreSQL server: 1,000 accounts / 200,000 people.

Run with ``make bench`` or ``QT_QPA_PLATFORM=offscreen .venv/bin/python
tests/benchmarks/bench_team.py [--people N] [--runs N] [--stand-in] [--keep FOLDER]
[--only dashboard]``. Skips (with a printed line) when PostgreSQL's binaries are not
installed. Starts a throw-away server, makes the team database through the app's own
migrations, fills it (``team_database.py``: about three minutes on the shared 2-core
machines), and measures what an account director on 20 of the
accounts waits for (targets: ``../shared/BENCHMARKS.md`` and issue 19):

- the window ready: ``keyplan --db <team address> --exit-when-ready`` as their login, whole
  processes, ≤ 2 s;
- the dashboard filled: ``PortfolioDashboardModel.load`` (the app's read, analysis and model),
  ≤ 1 s;
- one edit by a teammate seen by their open window: from the start of the teammate's save to
  the changed row in the window's People table (and, second figure, the dashboard's row),
  through the change notifications of ``store/team/notify.py``, ≤ 1 s.

The user's login sees their 20 accounts through row-level security keyed on the account:
issue 19's own policies (revision ``0010_account_access``, granted in
``team_database.grant_users_accounts``), or with ``--stand-in`` (or in a version without
``store/access``) a stand-in of the same shape (``team_database.emulate_policies``).
Every figure is paired, run in turn with the same work past the policies (a login with the
same grants and BYPASSRLS, which sees every account), so what the policies cost shows
beside it. Prints the median of each series with min and max;
asserts nothing.

``--keep FOLDER`` leaves the filled server in FOLDER, and a later run with the same FOLDER
starts it again instead of filling another (remove the folder when done; a different
``--people`` needs another folder). ``--only dashboard`` times the dashboard alone.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path

from bench_startup import STACK_FLOOR, run_process
from team_database import (
    BYPASSING_USER,
    TEAMMATE,
    USER,
    TeamServer,
    describe,
    emulate_policies,
    fill,
    grant_users_accounts,
    has_access_policies,
    make_logins,
    mark_filled,
    start_server,
    users_accounts,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEN_TIMEOUT_S = 10.0


def spread(values: Sequence[float]) -> str:
    """'median 812 ms (min 790, max 901)' of values in seconds."""
    ms = sorted(v * 1000 for v in values)
    return f"median {statistics.median(ms):.0f} ms (min {ms[0]:.0f}, max {ms[-1]:.0f})"


def verdict(values: Sequence[float], target_s: float) -> str:
    met = statistics.median(values) <= target_s
    return f"target ≤ {target_s:g} s: {'met' if met else 'NOT met'}"


# ---- the window ready: whole processes ------------------------------------------------------


def window_ready(
    label: str, program: Sequence[str], yardstick: Sequence[str], yardstick_label: str,
    env: dict[str, str], pairs: int,
) -> None:  # fmt: skip
    """Time ``program``, ``yardstick`` and the stack floor in turn, after one warm-up each
    (the floor says how loaded the shared machine was)."""
    floor = [sys.executable, "-c", STACK_FLOOR]
    for command in (program, yardstick, floor):
        run_process(command, env)
    times, base, floors, peaks = [], [], [], []
    for _ in range(pairs):
        a, peak = run_process(program, env)
        times.append(a)
        peaks.append(peak)
        base.append(run_process(yardstick, env)[0])
        floors.append(run_process(floor, env)[0])
    print(
        f"window ready, {label}: {spread(times)}, peak {max(peaks):.0f} MB · {verdict(times, 2.0)}"
    )
    print(f"  {yardstick_label}: {spread(base)} · {label} / it: {ratios(times, base)}")
    print(f"  stack floor (import sqlalchemy.orm + empty window): {spread(floors)} · "
          f"{label} / floor: {ratios(times, floors)}")  # fmt: skip


def ratios(a: Sequence[float], b: Sequence[float]) -> str:
    pairs = sorted(x / y for x, y in zip(a, b, strict=True))
    return f"median {statistics.median(pairs):.2f} (min {pairs[0]:.2f}, max {pairs[-1]:.2f})"


def keyplan_window(url: str) -> list[str]:
    return [sys.executable, "-m", "keyplan", "--db", url, "--exit-when-ready"]


# ---- the dashboard: the app's read, analysis and model -------------------------------------


def dashboard_model(url: str, account_ids: Collection[int] | None) -> tuple[object, object]:
    """An open database as a login, and the dashboard's model reading it (all its accounts,
    or only ``account_ids`` and their affiliates: the emulation of the access policies)."""
    from keyplan.store.database import open_database
    from keyplan.store.insights.queries import dashboard_facts
    from keyplan.ui.insights.dashboard_model import PortfolioDashboardModel

    db = open_database(url)

    def read(today: date, wanted: Collection[int] | None) -> object:
        return dashboard_facts(db, today, wanted if wanted is not None else account_ids)

    return db, PortfolioDashboardModel(read)  # type: ignore[arg-type]


def dashboards(
    series: list[tuple[str, str, Collection[int] | None]],
    runs: int,
    before_each: Callable[[], None] | None = None,
    case: str = "",
) -> None:
    """Fill each dashboard ``runs`` times, the series in turn (A B A B), after a warm-up;
    ``before_each`` (untimed) runs before each fill: a teammate's write, or the kept tallies
    dropped."""
    from keyplan.store.warm_up import settle_long_lived_objects

    opened = [dashboard_model(url, ids) for _label, url, ids in series]
    timings: list[list[float]] = [[] for _ in series]
    cpu: list[list[float]] = [[] for _ in series]  # this process's CPU (all its threads)
    try:
        for run in range(runs + 1):
            for position, (_db, model) in enumerate(opened):
                if before_each is not None:
                    before_each()
                started, used = time.perf_counter(), time.process_time()
                model.load()  # type: ignore[attr-defined]
                if run:
                    timings[position].append(time.perf_counter() - started)
                    cpu[position].append(time.process_time() - used)
            if not run:
                settle_long_lived_objects()
        for (label, _url, _ids), values, used, (_db, model) in zip(
            series, timings, cpu, opened, strict=True
        ):
            rows = model.rowCount()  # type: ignore[attr-defined]
            print(f"dashboard filled{case}, {label} ({rows:,} rows): {spread(values)}, "
                  f"client CPU {spread(used)} · {verdict(values, 1.0)}")  # fmt: skip
    finally:
        for db, _model in opened:
            db.close()  # type: ignore[attr-defined]


def dashboard_cases(
    team: TeamServer, mine: Sequence[int], series: list[tuple[str, str, None]], runs: int
) -> None:
    """The dashboard on a team server in its three cases: unchanged since the last load;
    after a teammate's write to one account (the middle one of the user's by size: the usual
    case); the first load of the day, nothing kept (on a version without kept tallies
    the three are the same work)."""
    written = mine[len(mine) // 2]
    person = team.sql(f"SELECT min(id) FROM stakeholders WHERE account_id = {written}")[0][0]
    edits = itertools.count()

    def teammates_write() -> None:
        team.sql(f"UPDATE stakeholders SET job_title = 'Edited {next(edits)}' WHERE id = {person}")

    def nothing_kept() -> None:
        team.sql("DO $$ BEGIN IF to_regclass('kept_tallies') IS NOT NULL THEN "
                 "DELETE FROM kept_tallies; END IF; END $$")  # fmt: skip

    dashboards(series, runs)
    dashboards(series, runs, teammates_write, f" after a teammate's write to account {written}")
    dashboards(series, runs, nothing_kept, ", first load of the day (nothing kept)")


# ---- a teammate's edit seen in the user's open window --------------------------------------


class OpenWindow:
    """The user's main window on one of their accounts, listening for teammates' changes."""

    def __init__(self, url: str, account_id: int) -> None:
        from PySide6.QtWidgets import QApplication

        from keyplan.ui.shell.launch import open_document
        from keyplan.ui.shell.main_window import MainWindow

        self.app = QApplication.instance() or QApplication([])
        self.window = MainWindow(open_document(url, create=False), open_document)
        self.window.show()
        self.window.select_account(account_id)
        self.people = self.window.show_tab("People").model  # type: ignore[attr-defined]
        listener = self.window.teammate_changes.listener
        if not listener.wait_until_listening():
            raise SystemExit("the window's change listener did not start")

    def shows(self, person_id: int, text: str) -> bool:
        row = self.people.row_of(person_id)
        model = self.people
        return row is not None and any(
            model.index(row, column).data() == text for column in range(model.columnCount())
        )

    def wait_until(self, seen: Callable[[], bool], timeout: float = SEEN_TIMEOUT_S) -> float:
        """Turn the event loop until ``seen()``; return when that was (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while not seen():
            if time.perf_counter() > deadline:
                raise SystemExit(f"not seen within {timeout:g} s")
            self.app.processEvents()
            time.sleep(0.001)
        return time.perf_counter()

    def close(self) -> None:
        self.window.teammate_changes.listener.stop()  # before the server goes
        self.window.close()
        self.window.document.database.close()  # type: ignore[union-attr]


def teammate_edits(url: str, edit: Callable[[object], None]) -> Callable[[], float]:
    """Run ``edit(db)`` as the teammate on a thread of its own (their own process, in life);
    return a function that waits for it and gives when it committed."""
    from keyplan.store.database import open_database

    committed: list[float] = []
    db = open_database(url, user_name=TEAMMATE)

    def work() -> None:
        try:
            edit(db)
            committed.append(time.perf_counter())
        finally:
            db.close()

    thread = threading.Thread(target=work)
    thread.start()

    def joined() -> float:
        thread.join()
        if not committed:
            raise SystemExit("the teammate's edit failed")
        return committed[0]

    return joined


def edits_seen(user_url: str, teammate_url: str, account_id: int, runs: int, label: str) -> None:
    """A teammate changes the job title (People table) and the stance (the dashboard's
    row) of a person the user sees; time from the start of the save to the window."""
    from keyplan.store.people.edits import set_stakeholder_field

    window = OpenWindow(user_url, account_id)
    try:
        person = window.people.person_id(0)
        table, table_after_commit = [], []
        for run in range(runs + 1):
            title = f"Head of Procurement {run}"
            started = time.perf_counter()
            joined = teammate_edits(
                teammate_url, lambda db, t=title: set_stakeholder_field(db, person, "job_title", t)
            )
            seen = window.wait_until(lambda t=title: window.shows(person, t))
            committed = joined()
            if run:  # the first is the warm-up
                table.append(seen - started)
                table_after_commit.append(max(0.0, seen - committed))
        print(f"edit seen, {label}, People table: {spread(table)} · after the commit "
              f"{spread(table_after_commit)} · {verdict(table, 1.0)}")  # fmt: skip
        _dashboard_edits(window, teammate_url, account_id, person, runs, label)
    finally:
        window.close()


def _dashboard_edits(
    window: OpenWindow, teammate_url: str, account_id: int, person: int, runs: int, label: str
) -> None:
    from keyplan.store.people.edits import set_stakeholder_field

    dashboard = window.window.show_dashboard()
    model = dashboard.model  # type: ignore[attr-defined]

    def loaded() -> bool:
        return model.loaded and dashboard._loading is None  # type: ignore[attr-defined]

    window.wait_until(loaded, timeout=120)  # every account of the team: a while
    changed: list[float] = []
    model.dataChanged.connect(
        lambda first, _last: (
            changed.append(time.perf_counter())
            if model.row(first.row()).account.id == account_id
            else None
        )
    )
    times = []
    for run in range(runs + 1):
        stance = ("champion", "blocker")[run % 2]
        changed.clear()
        started = time.perf_counter()
        joined = teammate_edits(
            teammate_url, lambda db, s=stance: set_stakeholder_field(db, person, "stance", s)
        )
        seen = window.wait_until(lambda: bool(changed))
        joined()
        if run:
            times.append(seen - started)
    print(f"edit seen, {label}, dashboard row: {spread(times)} · {verdict(times, 1.0)}")


# ---- the run --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7, help="timed runs (pairs) of each figure")
    parser.add_argument(
        "--policies",
        action="store_true",
        help="issue 19's access policies (the default where store/access is)",
    )
    parser.add_argument("--stand-in", action="store_true",
                        help="the benchmark's own stand-in policies instead")  # fmt: skip
    parser.add_argument("--keep", type=Path, metavar="FOLDER",
                        help="keep the filled server in FOLDER; a later run with the same "
                             "FOLDER starts it again instead of filling a new one")  # fmt: skip
    parser.add_argument("--only", choices=("all", "dashboard"), default="all",
                        help="which figures: all, or the dashboard's alone")  # fmt: skip
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-team-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # the app's settings: fresh
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    team = start_server(args.keep)
    if team is None:
        return
    try:
        measure(team, args)
    finally:
        team.stop()


def measure(team: TeamServer, args: argparse.Namespace) -> None:
    if team.reused:
        print(f"reused the server kept in {args.keep}: {describe(team)} ({os.cpu_count()} cores)")
    else:
        seconds = fill(team, args.people)
        print(f"built {describe(team)} in {seconds:.1f} s ({os.cpu_count()} cores)")
        make_logins(team)
    mine = users_accounts(team)
    if team.reused:
        policies = "the policies set when it was filled"
    elif not args.stand_in and (args.policies or has_access_policies()):
        grant_users_accounts(team, mine)  # issue 19's own policies decide what USER sees
        policies = "the access policies"
    else:
        emulate_policies(team, mine)
        policies = "stand-in policies (row-level security by account, team_database.py)"
    mark_filled(team)
    user, unfiltered, teammate = team.url(USER), team.url(BYPASSING_USER), team.url(TEAMMATE)
    print(f"{USER} sees {len(mine)} accounts through {policies}; {BYPASSING_USER} has the "
          f"same grants and BYPASSRLS: every account. Paired, in turn:")  # fmt: skip
    if args.only == "dashboard":
        dashboard_cases(team, mine, [
            (f"{USER}, {len(mine)} accounts through the policies", user, None),
            ("past the policies, every account", unfiltered, None)], args.runs)  # fmt: skip
        return
    window_ready(f"{USER}, {len(mine)} accounts", keyplan_window(user),
                 keyplan_window(unfiltered), "past the policies, every account", dict(os.environ),
                 args.runs)  # fmt: skip
    dashboards([(f"{USER}, {len(mine)} accounts through the policies", user, None),
                ("past the policies, the same accounts by id", unfiltered, mine),
                ("past the policies, every account", unfiltered, None)], args.runs)  # fmt: skip
    largest = mine[0]
    edits_seen(user, teammate, largest, args.runs, f"{USER} through the policies")
    edits_seen(unfiltered, teammate, largest, args.runs, "past the policies, every account")
    print("Targets (BENCHMARKS.md, issue 19): window ≤ 2 s, dashboard ≤ 1 s, edit seen ≤ 1 s.")


if __name__ == "__main__":
    main()
