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
