"""Holding Python's cyclic garbage collector through a burst of work the user waits for.

A map's re-layout, a comparison of a year of history, the dashboard's reading and a PDF each
make tens of thousands of small objects at once; meanwhile the collector would run passes over
the whole heap (the map's thousands of cards, the plan) for cycles none of them has, 10-25 % of
the time (~180 ms of a 500-person internal plan). It runs again as usual right after, also
after a failure. A whole map is built with it paused only once the last map's items are out
and let go of (freed then, by their reference counts), or memory would peak. Qt-free, so the
PDF exports use it too.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state before comes back after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def no_last_collection() -> None:
    """The process exits without the full collection it makes on its way out.

    At exit the interpreter walks every object still alive (every module's classes and
    functions) looking for cycles, to free them one by one just before the system takes the
    whole memory back anyway: about a hundredth of a 5,000-person ``export-map``. Frozen at
    exit (``gc.freeze``), they are left out of that walk; a command that holds nothing to be
    finalised in a cycle (its files written and closed, its database closed) can ask for it.
    Registered once however often it is asked for (a test runs the command many times).
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
