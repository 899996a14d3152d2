"""Marks on what is being written, read by the change log (no SQLAlchemy: the UI's undo
commands import this at any time, and it must cost nothing at start-up)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

UNDOING: ContextVar[bool] = ContextVar("keyplan_undoing", default=False)
PAUSED: ContextVar[bool] = ContextVar("keyplan_history_paused", default=False)


@contextlib.contextmanager
def undoing() -> Iterator[None]:
    """Mark what is written inside the block as an undo (its log entries say so)."""
    token = UNDOING.set(True)
    try:
        yield
    finally:
        UNDOING.reset(token)


@contextlib.contextmanager
def not_recorded() -> Iterator[None]:
    """Write without logging: for a writer that logs its own, dated history (the demo)."""
    token = PAUSED.set(True)
    try:
        yield
    finally:
        PAUSED.reset(token)


ERASING: ContextVar[bool] = ContextVar("keyplan_history_erasing", default=False)
