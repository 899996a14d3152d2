"""``keyplan export-pdf``: write the internal plan, the customer-safe plan or a meeting brief.

The command line wires ``add_arguments`` into its ``export-pdf`` sub-parser and calls ``run``.
User errors print one line on stderr and give exit status 1 (``cli.py`` may also catch them).
"""

from __future__ import annotations

import argparse

from keyplan.cli.document_options import (
    PEOPLE_SHOWN,
    VARIANTS,
    add_document_arguments,
    run_document_export,
)

__all__ = ["PEOPLE_SHOWN", "VARIANTS", "add_arguments", "run"]

PAGE_SIZES = ("A4", "Letter")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan export-pdf`` on its parser."""
    add_document_arguments(parser, "the PDF file to write")
    parser.add_argument(
        "--page-size",
        default="A4",
        choices=PAGE_SIZES,
        type=_page_size,
        help="paper size (default: A4)",
    )


def _page_size(text: str) -> str:
    for choice in PAGE_SIZES:
        if choice.lower() == text.strip().lower():
            return choice
    return text  # argparse's choices check then names the valid sizes


def run(args: argparse.Namespace) -> int:
    """Export the PDF the arguments describe; print where it went (1 after a user error)."""
    from keyplan.reports.export import export_pdf

    return run_document_export(args, export_pdf, page_size=args.page_size)


def main(argv: list[str] | None = None) -> int:
    """Run the command on its own: ``python -m keyplan.cli.export_pdf --db … ``."""
    parser = argparse.ArgumentParser(prog="keyplan export-pdf", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
