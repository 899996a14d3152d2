"""``keyplan export-pptx``: the internal plan, the customer-safe plan or a meeting brief as a
PowerPoint deck (16:9, native shapes, speaker notes).

The command line wires ``add_arguments`` into its ``export-pptx`` sub-parser and calls ``run``.
User errors print one line on stderr and give exit status 1.
"""

from __future__ import annotations

import argparse
import sys

from keyplan.cli.document_options import add_document_arguments, run_document_export


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan export-pptx`` on its parser."""
    add_document_arguments(parser, "the .pptx file to write")


def run(args: argparse.Namespace) -> int:
    """Export the deck the arguments describe; print where it went (1 after a user error)."""
    from keyplan.reports.deck.export import export_pptx

    if not args.out.lower().endswith(".pptx"):
        print("keyplan: the deck's file name must end in .pptx.", file=sys.stderr)
        return 1
    return run_document_export(args, export_pptx)


def main(argv: list[str] | None = None) -> int:
    """Run the command on its own: ``python -m keyplan.cli.export_pptx --db … ``."""
    parser = argparse.ArgumentParser(prog="keyplan export-pptx", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
