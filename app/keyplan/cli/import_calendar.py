"""``keyplan import-calendar``: meetings from an .ics calendar export become interactions.

The file is read before the database is opened, so a file that cannot be read changes
nothing; a big one is read by a worker process while the store's modules load
(``calendar_reading``). The preview (meetings per account, meetings skipped and why,
attendees nobody knows) is printed whether or not the import is written; ``--dry-run``
stops there. Past meetings by default: the year up to now. The write is one transaction.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

from keyplan.cli.database_option import add_db_option, database_location, require_undamaged


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan import-calendar`` on its parser."""
    parser.add_argument(
        "file", metavar="FILE", help="an .ics calendar export (Outlook, Google, Apple)"
    )
    add_db_option(parser, "the database to import into")
    parser.add_argument(
        "--from",
        dest="first",
        metavar="DATE",
        type=_date,
        help="the first day (YYYY-MM-DD); default: a year before the last",
    )
    parser.add_argument(
        "--to",
        dest="last",
        metavar="DATE",
        type=_date,
        help="the last day, included (YYYY-MM-DD); default: now (past meetings only)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )


def run(args: argparse.Namespace) -> int:
    """Read, preview and (unless ``--dry-run``) write the import; return the exit status."""
    from keyplan.exchange.transfer.calendar_file import day_range
    from keyplan.exchange.transfer.calendar_reading import start_reading

    since, until = day_range(args.first, args.last, datetime.now().astimezone())
    # A big file is read by a worker process while this one loads the store's modules; the
    # database is touched only once the file is read (a file refused changes nothing).
    with start_reading(args.file, since, until) as reading:
        from keyplan.exchange.transfer.calendar_import import (
            import_calendar,
            import_summary,
            match,
            preview_lines,
        )
        from keyplan.store.database import open_database
        from keyplan.store.meetings.calendar_import import calendar_directory

        if reading.by_worker:  # time on our hands: what the writing loads on its way, now
            from keyplan.store.warm_up import load_writing_modules

            load_writing_modules()
        read = reading.result()
    location = database_location(args)
    if not args.dry_run:
        require_undamaged(location)
    db = open_database(location, create=False)
    try:
        preview = match(read, calendar_directory(db), since, until)
        print("\n".join(preview_lines(preview)))
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        if not preview.plan.meetings:
            print("Nothing to import: nothing was written.")
            return 0
        receipt = import_calendar(db, preview)
    finally:
        db.close()
    print(import_summary(receipt))
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None
