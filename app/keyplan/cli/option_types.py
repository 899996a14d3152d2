"""Argument types shared by several sub-commands: one wording for the same mistake."""

from __future__ import annotations

import argparse


def positive_whole_number(text: str) -> int:
    """A count the user typed (``--scale``, ``--max-rows``): a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
