"""Reads the dashboard's two threads share out: each done once, by whichever thread is free.

The dashboard reads on two threads (``dashboard_tally``): the people count on a helper, the
recent window on the caller's. Which of the two finishes first depends on the file (how many
people, how many meetings) and on the machine, so the smaller reads (our team logged in the
window, the trend, the plan rows, the owners, the blockers) are not given to either thread in
advance: each thread, its long read done, takes the next read nobody has taken yet, until
none is left. A fixed split left one thread waiting for the other, by turns on different
files, for as long as one of those reads takes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.orm import Session

Read = Callable[[Session], Any]


class SharedReads:
    """Named reads, each done once, in the session of the thread that takes it.

    ``done`` holds each read's result by name once every thread that took part has returned
    from ``take_turns`` (the caller waits for the other thread before looking).
    """

    def __init__(self, reads: Iterable[tuple[str, Read]]) -> None:
        self._waiting = deque(reads)
        self.done: dict[str, Any] = {}

    def take_turns(self, session: Session) -> None:
        """Do the reads no thread has taken yet, in the order given, in ``session``."""
        while True:
            try:  # deque.popleft is atomic: two threads never take the same read
                name, read = self._waiting.popleft()
            except IndexError:
                return
            self.done[name] = read(session)
