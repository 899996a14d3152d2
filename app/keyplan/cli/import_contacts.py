"""``keyplan import``: bring people from a CSV or vCard file into an account.

The file is read and understood before the database is opened, so a file that cannot be read
changes nothing (not even creates the database). The preview is printed whether or not the
import is written: every skip with its reason (a broken row included), every update with
what it fills and where the file differs, and the new people by name (the first fifty);
``--dry-run`` stops there. People already in the account keep the values they have; only
``--overwrite`` lets the file's replace them. The write is one transaction.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keyplan.cli.database_option import add_db_option, database_location, require_undamaged
from keyplan.cli.option_types import positive_whole_number
from keyplan.exchange.transfer.contact_files import FORMATS, ContactFile
from keyplan.exchange.transfer.import_limits import BYTES_PER_ROW, DEFAULT_MAX_ROWS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan import`` on its parser."""
    parser.add_argument("file", metavar="FILE", help="the CSV or vCard (.vcf) file")
    add_db_option(parser, "the database to import into")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--account",
        metavar="NAME",
        help="the account the people work for: rows of its company and its affiliates' go in, "
        "rows of other companies are listed and left out (see --all-companies)",
    )
    where.add_argument(
        "--portfolio",
        action="store_true",
        help="send each person to the account their company is (name, also-known-as names or "
        "the website's e-mail domain); companies that are none of your accounts are listed",
    )
    parser.add_argument(
        "--all-companies",
        action="store_true",
        help="with --account: take the rows of other companies into the account too",
    )
    parser.add_argument(
        "--create-account",
        action="store_true",
        help="with --account: create the account when there is none by that name, even when "
        "one is named much like it",
    )
    parser.add_argument(
        "--exact-only",
        action="store_true",
        help="a file's person is someone already there only by profile URL, e-mail or the same "
        "name (accents aside), never by a close name; the same for managers",
    )
    parser.add_argument(
        "--format",
        default="auto",
        choices=FORMATS,
        help="what kind of file it is (default: recognised from its content)",
    )
    parser.add_argument(
        "--map",
        metavar='"COLUMN=field,…"',
        help="for a CSV of another kind: which column holds which field "
        "(full_name, first_name, middle_name, last_name, job_title, department, email, phone, "
        "mobile, location, city, country, reports_to, company, profile_url, record_id, "
        "reports_to_id, dotted_line_to); remembered for files with the same columns",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's text encoding, when the guess reads the names wrong (UTF-8, "
        "Windows-1252, ISO-8859-1, ISO-8859-15, UTF-16 LE, UTF-16 BE, Mac Roman, …); "
        "default: recognised from the content",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="let the file's values replace the ones you have (department, phone, location, "
        "manager, …); without it an import only fills fields that are empty in Keyplan and "
        "lists where the file differs",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would happen and write nothing"
    )
    parser.add_argument(
        "--max-rows",
        metavar="N",
        type=positive_whole_number,
        default=DEFAULT_MAX_ROWS,
        help=f"read a file of up to N rows or cards (default: {DEFAULT_MAX_ROWS:,}); the size "
        f"allowed grows with it ({BYTES_PER_ROW:,} bytes a row: "
        f"{DEFAULT_MAX_ROWS * BYTES_PER_ROW // 1_000_000} MB by default)",
    )


def run(args: argparse.Namespace) -> int:
    """Read, preview and (unless ``--dry-run``) write the import; return the exit status."""
    from keyplan.exchange.transfer import mapping_memory
    from keyplan.exchange.transfer.contact_files import parse_mapping_option, read_contacts_file
    from keyplan.exchange.transfer.import_limits import ImportLimits

    mapping = parse_mapping_option(args.map) if args.map else None
    kind = "mapped" if mapping is not None and args.format == "auto" else args.format
    limits = ImportLimits(args.max_rows)
    contact_file = read_contacts_file(args.file, kind, mapping, args.encoding, limits)
    print(f"Read {contact_file.name}: {contact_file.description()}.")
    if contact_file.table is not None:
        print(f"{contact_file.columns_read()}.")
    location = database_location(args)
    if args.dry_run and _is_missing_file(location):
        return _preview_into_new_database(contact_file, args.account or "", location)
    plan = _plan(contact_file, location, args)
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    if mapping is not None and contact_file.table is not None:
        mapping_memory.remember(contact_file.table.header, contact_file.mapping_by_column())
    return _write(plan, location)


def _plan(contact_file: ContactFile, location: str, args: argparse.Namespace):
    from keyplan.exchange.transfer.import_plan import plan_import
    from keyplan.exchange.transfer.import_preview_text import preview_lines
    from keyplan.store.database import open_database
    from keyplan.store.transfer import import_reads

    account = (args.account or "").strip()
    db = open_database(location, create=not args.dry_run)
    try:
        if args.portfolio:
            target = import_reads.import_target(db, None, portfolio=True)
            account_id = None
        else:
            account_id = import_reads.account_id_by_name(db, account)
            if account_id is None and not args.create_account:
                _refuse_a_near_miss(import_reads.close_account_names(db, account), account)
            target = import_reads.import_target(db, account_id, account)
    finally:
        db.close()
    if account_id is None and not args.portfolio:
        verb = "would be created" if args.dry_run else "will be created"
        print(f"There is no account named '{account}': it {verb}.")
    plan = plan_import(
        contact_file.contacts,
        target,
        overwrite=args.overwrite,
        all_companies=args.all_companies,
        exact_only=args.exact_only,
    )
    print("\n".join(preview_lines(plan)))
    return plan


def _refuse_a_near_miss(close: list[str], account: str) -> None:
    """A typo must not make a second account: name the ones meant, and the way to insist."""
    if not close:
        return
    from keyplan.exchange.transfer.contacts import ImportRefused

    names = " or ".join(f"'{name}'" for name in close)
    raise ImportRefused(
        f"There is no account named '{account}'. Did you mean {names}? "
        f"Give the name as it is, or add --create-account to create '{account}'."
    )


def _write(plan, location: str) -> int:
    from keyplan.domain.wording import count_of
    from keyplan.store.database import open_database

    if not plan.new_count and not plan.update_count:
        print("Nothing to import: nothing was written.")
        return 0
    require_undamaged(location)
    db = open_database(location)
    try:
        added, updated, account_ids, created = _apply(db, plan.to_write())
    finally:
        db.close()
    where = count_of(len(account_ids), "account") if plan.target.portfolio else None
    print(
        f"Imported into {where or plan.target.account_name}"
        f"{' (new account)' if created else ''}: {_people(added)} added, {updated} updated."
    )
    return 0


def _apply(db, write) -> tuple[int, int, set[int], bool]:
    """Write the import: people added, people updated, accounts changed, account created.

    New people only, into a file's existing account, go through the driver: SQLAlchemy and
    the models, a third of a large import's time, are not loaded for them.
    """
    from keyplan.store.transfer import import_driver

    if import_driver.writes_through_driver(db, write):
        added_ids = import_driver.add_new_people(db, write)
        return len(added_ids), 0, {write.account_id}, False
    from keyplan.store.transfer import import_writes

    receipt = import_writes.apply_import(db, write)
    return (
        len(receipt.added_ids),
        len(receipt.updated_ids),
        receipt.account_ids,
        receipt.account_created,
    )


def _preview_into_new_database(contact_file: ContactFile, account: str, location: str) -> int:
    from keyplan.exchange.transfer.import_plan import plan_import
    from keyplan.exchange.transfer.import_preview_text import preview_lines
    from keyplan.store.transfer.import_reads import ImportTarget

    print(f"There is no database at {location} yet: it and the account would be created.")
    if not account:
        print("There are no accounts to import into yet.")
        return 0
    plan = plan_import(contact_file.contacts, ImportTarget(None, account.strip(), [], []))
    print("\n".join(preview_lines(plan)))
    print("Dry run: nothing was written.")
    return 0


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _is_missing_file(location: str) -> bool:
    if "://" in location:
        return False
    path = Path(location).expanduser()
    return not path.exists() or path.stat().st_size == 0
