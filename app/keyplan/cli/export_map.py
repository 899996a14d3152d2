"""``keyplan export-map``: an account's stakeholder map as a picture or a diagram, no window.

For pasting into slides or editing in a diagram tool. An SVG, a GraphML file (yEd) or a
draw.io file is written by ``keyplan.exchange.map`` without Qt, the format picked by the
suffix of ``--out``; a PNG is painted on Qt's offscreen platform. Wired into
``keyplan.cli`` as a sub-command (``add_arguments`` and ``run``); also runs alone:
``python -m keyplan.cli.export_map``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.exchange.map.suffixes import SUFFIX_HELP, SUFFIXES

HELP = "export an account's stakeholder map as SVG, PNG, GraphML (yEd) or draw.io"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``keyplan export-map``."""
    add_db_option(parser, "the database to read")
    parser.add_argument("--account", required=True, metavar="NAME", help="the account's name")
    parser.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="the file to write: FILE.svg, FILE.png, FILE.graphml (yEd) or FILE.drawio",
    )
    parser.add_argument(
        "--no-affiliates",
        action="store_true",
        help="only the account's own people (by default its affiliates' people are included)",
    )
    parser.add_argument("--no-influence", action="store_true", help="leave out the influence lines")


def run(args: argparse.Namespace) -> int:
    """Write the picture; return the exit code (1 with a one-line message on a user error)."""
    from keyplan.domain.errors import KeyplanError

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        print(f"keyplan: cannot export the map as '{out.name}': {SUFFIX_HELP}", file=sys.stderr)
        return 1
    try:
        people = _export_png(args, out) if suffix == ".png" else _export_text(args, out, suffix)
    except KeyplanError as error:
        print(f"keyplan: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"keyplan: cannot write {out}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote the map of {args.account} ({people} people) to {out}")
    if suffix != ".png":  # the file is written and closed, the database too: nothing to finalise
        from keyplan.collector import no_last_collection

        no_last_collection()
    return 0


def _export_text(args: argparse.Namespace, out: Path, suffix: str) -> int:
    """``_write_text`` with the garbage collector paused (and resumed as it was after).

    The drawing of thousands of people makes a few hundred thousand tuples and records, none
    in a reference cycle, so a collection finds nothing to free; yet even at the command
    line's rarer collections (``program.CLI_COLLECTION_THRESHOLD``) the older ones walked
    them all: about a thirtieth of the whole command's work at 5,000 people."""
    from keyplan.collector import collector_paused

    with collector_paused():
        return _write_text(args, out, suffix)


def _write_text(args: argparse.Namespace, out: Path, suffix: str) -> int:
    """An SVG, GraphML or draw.io file needs neither Qt nor (for an up-to-date SQLite file)
    SQLAlchemy: both take longer to import than the whole drawing, and the command is timed
    as a whole process."""
    from datetime import date

    from keyplan.exchange.map.formats import map_document_pieces
    from keyplan.exchange.map.svg import map_title
    from keyplan.store.map.sqlite_read import read_map
    from keyplan.store.safety.atomic_files import write_pieces_atomically
    from keyplan.store.safety.output_paths import check_output_path

    location = database_location(args)
    out = check_output_path(out, None if "://" in location else location)
    data = read_map(location, args.account, with_affiliates=not args.no_affiliates)
    if data is None:
        data = _read_through_store(location, args)
    today = date.today()
    name = data.accounts[data.account_id].name
    seats = sum(1 for person in data.people if person.is_vacancy)  # not counted as people
    pieces = map_document_pieces(
        data,
        suffix,
        title=map_title(name, len(data.people) - seats, today, vacancies=seats),
        today=today,
        with_lines=not args.no_influence,
    )
    # Written as they come: the whole text and its bytes are never held at once. An SVG of
    # 5,000 people is 7.6 MB; its process peaked at 66 MB instead of 41, in system time too.
    write_pieces_atomically(out, _chunks(pieces))
    return len(data.people) - seats


def _chunks(pieces: Iterable[str], size: int = 1500) -> Iterator[bytes]:
    """The pieces encoded and joined in runs of ``size`` (a card is three pieces): a dozen
    writes of most of a megabyte for a map of thousands, not one per card (which cost more
    than the memory saved).

    Each piece is encoded on its own: most pieces are plain ASCII, copied as they are, while
    a run joined first is as wide as its widest character (one Greek name in 500 cards) and
    all of it goes through the slow path of the encoder."""
    run: list[bytes] = []
    for piece in pieces:
        run.append(piece.encode("utf-8"))
        if len(run) == size:
            yield b"".join(run)
            run.clear()
    yield b"".join(run)


def _read_through_store(location: str, args: argparse.Namespace):
    """The map through the full store: a team database, or a file that needs an upgrade."""
    from keyplan.store.database import open_database
    from keyplan.store.map.queries import map_data
    from keyplan.store.people.queries import find_account

    db = open_database(location, create=False)
    try:
        account_id = find_account(db, args.account)
        return map_data(db, account_id, with_affiliates=not args.no_affiliates)
    finally:
        db.close()


def _export_png(args: argparse.Namespace, out: Path) -> int:
    """A PNG is the scene painted, as on screen: drawn by the map's own export (Qt, in ui/)."""
    from keyplan.ui.map.export import export_account_png  # Qt loads only for a PNG

    return export_account_png(
        database_location(args),
        args.account,
        out,
        with_affiliates=not args.no_affiliates,
        with_influence=not args.no_influence,
    )


def main(argv: list[str] | None = None) -> int:
    """Run alone, outside ``keyplan``'s own command line."""
    parser = argparse.ArgumentParser(prog="keyplan export-map", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
