"""Benchmark: ``keyplan import-calendar`` of a year of about 2,000 meetings, as a whole process.

Run: ``.venv/bin/python tests/benchmarks/bench_calendar.py [--meetings 2000] [--pairs 7]``.
Prints figures only (no asserts). Target (BENCHMARKS.md): a calendar of a year (≈ 2,000
meetings) in ≤ 2 s. The calendar is written as Outlook writes it (Windows time-zone names
with their VTIMEZONE blocks): single meetings and weekly series with EXDATEs, moved and
cancelled occurrences, all-day events, attendees from 20 accounts (umbrellas with
affiliates), our team and strangers. Each run imports into a fresh copy of the portfolio,
alternating with the yardstick ``keyplan accounts`` on the same database (interpreter,
SQLAlchemy and the store opened, nothing imported): A B A B … after one warm-up. Also timed:
a re-import of the same file (every meeting known and skipped) and the dry run. A file this
big is read by a worker process while the command loads the store (``calendar_reading``):
the CPU time printed is the command's and its worker's together, so on a quiet machine of
two cores the wall time can be below it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

KEYPLAN = [sys.executable, "-m", "keyplan"]
ACCOUNTS = 20
PEOPLE_PER_ACCOUNT = 25
TEAM = 6
SERIES = 12  # weekly series of the year; the rest are single meetings
VTIMEZONE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE"""


def person_email(account: int, number: int) -> str:
    return f"person{number}@account{account}.example"


def make_database(path: Path) -> None:
    """20 accounts (every fourth an umbrella over the next three), 25 people each, a team."""
    from keyplan.store.database import open_database
    from keyplan.store.people import edits
    from keyplan.store.roster import edits as roster_edits

    db = open_database(path)
    umbrella = None
    for account in range(ACCOUNTS):
        parent = umbrella if account % 4 else None
        account_id = edits.add_account(db, f"Account {account}", parent_id=parent)
        umbrella = account_id if account % 4 == 0 else umbrella
        for number in range(PEOPLE_PER_ACCOUNT):
            edits.add_stakeholder(db, account_id, f"Person {account}-{number}",
                                  email=person_email(account, number))  # fmt: skip
    for member in range(TEAM):
        roster_edits.add_team_member(db, f"Colleague {member}", email=f"c{member}@ourco.example")
    db.close()


def attendee_lines(rng: random.Random) -> list[str]:
    account = rng.randrange(ACCOUNTS)
    lines = [f"ORGANIZER;CN=Colleague {rng.randrange(TEAM)}:mailto:c{rng.randrange(TEAM)}"
             "@ourco.example"]  # fmt: skip
    for _ in range(rng.randint(1, 4)):
        number = rng.randrange(PEOPLE_PER_ACCOUNT)
        lines.append(f"ATTENDEE;CN=\"Person {account}-{number}\";RSVP=TRUE:mailto:"
                     f"{person_email(account, number)}")  # fmt: skip
    if rng.random() < 0.3:  # someone of another customer
        other = rng.randrange(ACCOUNTS)
        lines.append(f"ATTENDEE:mailto:{person_email(other, 0)}")
    if rng.random() < 0.2:  # someone nobody knows, at the customer
        lines.append(f"ATTENDEE;CN=New Face {rng.randrange(200)}:mailto:"
                     f"new{rng.randrange(200)}@account{account}.example")  # fmt: skip
    return lines


def event(uid: str, start: datetime, lines: list[str], extra: list[str] = ()) -> list[str]:
    stamp = "%Y%m%dT%H%M%S"
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261201T120000Z",
        f'DTSTART;TZID="W. Europe Standard Time":{start:{stamp}}',
        f'DTEND;TZID="W. Europe Standard Time":{start + timedelta(hours=1):{stamp}}',
        f"SUMMARY:Meeting {uid[-6:]}",
        *lines,
        *extra,
        "END:VEVENT",
    ]


def write_calendar(path: Path, meetings: int, seed: int = 11) -> int:
    """An Outlook export of 2026; returns the number of meetings it holds (occurrences)."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
             "VERSION:2.0", "METHOD:PUBLISH", *VTIMEZONE.splitlines()]  # fmt: skip
    held = 0
    for series in range(SERIES):
        start = datetime(2026, 1, 5 + series % 5, 9 + series % 8)
        weeks = 25
        exdate = start + timedelta(weeks=3)
        moved_from = start + timedelta(weeks=5)
        uid = f"series{series:06d}"
        attendees = attendee_lines(rng)
        lines += event(uid, start, attendees, [
            f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
            f'EXDATE;TZID="W. Europe Standard Time":{exdate:%Y%m%dT%H%M%S}',
        ])  # fmt: skip
        lines += event(uid, moved_from + timedelta(days=1), attendees, [
            f'RECURRENCE-ID;TZID="W. Europe Standard Time":{moved_from:%Y%m%dT%H%M%S}',
        ])  # fmt: skip
        held += weeks - 1
    first = date(2026, 1, 2)
    for number in range(max(0, meetings - held)):
        day = first + timedelta(days=rng.randrange(355))
        start = datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.choice((0, 30)))
        lines += event(f"single{number:06d}", start, attendee_lines(rng))
        held += 1
    for number in range(20):  # all-day events and cancelled meetings, left out
        day = first + timedelta(days=17 * number)
        lines += ["BEGIN:VEVENT", f"UID:allday{number}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  "SUMMARY:Trade fair", "END:VEVENT"]  # fmt: skip
        lines += event(f"cancelled{number:06d}", datetime(day.year, day.month, day.day, 10),
                       attendee_lines(rng), ["STATUS:CANCELLED"])  # fmt: skip
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return held


def timed(command: list[str]) -> tuple[float, int, float, str]:
    """Wall time, peak memory (KB), CPU time and output of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read().decode() if process.stdout else ""
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--pairs", type=int, default=7)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-calendar-"))
    # Cached bytecode, as an installed Keyplan has it (the warm-up run compiles it): with
    # PYTHONDONTWRITEBYTECODE set in the shell, every timed run compiled Keyplan's modules again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    try:
        run(folder, options.meetings, options.pairs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, meetings: int, pairs: int) -> None:
    source = folder / "outlook.ics"
    held = write_calendar(source, meetings)
    template = folder / "template.db"
    make_database(template)
    target = folder / "target.db"

    def import_command(dry: bool = False) -> list[str]:
        extra = ["--dry-run"] if dry else []
        return [*KEYPLAN, "import-calendar", str(source), "--db", str(target),
                "--from", "2026-01-01", "--to", "2026-12-31", *extra]  # fmt: skip

    yardstick = [*KEYPLAN, "accounts", "--db", str(template)]
    fresh = lambda: shutil.copyfile(template, target)  # noqa: E731
    fresh()
    _, _, _, first_output = timed(import_command())  # warm-up: disk cache, byte-compiled code
    imports, sticks, ratios, memory, cpu, stick_cpu = [], [], [], [], [], []
    for _ in range(pairs):
        fresh()
        seconds, peak, used, _out = timed(import_command())
        stick, _, stick_used, _ = timed(yardstick)
        stick_cpu.append(stick_used)
        imports.append(seconds)
        sticks.append(stick)
        ratios.append(seconds / stick)
        memory.append(peak)
        cpu.append(used)
    reimports = [timed(import_command())[0] for _ in range(3)]  # every meeting known
    fresh()
    dry_runs = [timed(import_command(dry=True))[0] for _ in range(3)]
    summary = [line for line in first_output.splitlines() if not line.startswith("  ")][:6]
    size = source.stat().st_size // 1024
    print(f"keyplan import-calendar of a year ({held:,} meetings in {size} KB, {SERIES} weekly "
          f"series, {ACCOUNTS} accounts), whole process:")  # fmt: skip
    for line in summary:
        print(f"  | {line}")
    print(f"  import: median {statistics.median(imports):.2f} s "
          f"(min {min(imports):.2f}, max {max(imports):.2f}); target ≤ 2 s")  # fmt: skip
    print(f"  yardstick `keyplan accounts`: median {statistics.median(sticks):.2f} s")
    print(f"  ratio import / yardstick: median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}) over {pairs} pairs")  # fmt: skip
    print(f"  CPU time (user + system, the reading worker's included), medians: import "
          f"{statistics.median(cpu):.2f} s, "
          f"yardstick {statistics.median(stick_cpu):.2f} s "
          f"(less disturbed by other load)")  # fmt: skip
    print(f"  peak memory of the import: {max(memory) / 1024:.0f} MB")
    print(f"  re-import, every meeting known and skipped: median "
          f"{statistics.median(reimports):.2f} s")  # fmt: skip
    print(f"  dry run: median {statistics.median(dry_runs):.2f} s")


if __name__ == "__main__":
    main()
