"""A big calendar file read by a second process while the command line loads the store.

Reading a year of meetings is most of an import's time, all of it icalendar's parsing in one
Python thread, and loading the store's modules (SQLAlchemy, the models) is most of the rest.
Neither needs the other and the machines have two cores, so ``start_reading`` hands a big
file to a worker process and returns at once; ``CalendarReading.result`` waits for the
meetings. The worker runs the same ``meetings_in`` on the same bytes: the meetings, and the
refusal of a file that is not a calendar, are what reading it here gives. Anything else going
wrong over there (the worker failed to start, crashed, or hit an error that is not a refusal)
reads the file again here, so the error raised, if any, is this process's own.

The file's bytes are read here first: a missing or unreadable file is refused at once. A
small file is read here too, as before: where the worker is a new interpreter (Windows,
macOS) starting it would cost more than the reading. On Linux the worker is a fork, started
before this process has any thread or open database.
"""

from __future__ import annotations

import sys
import threading
from datetime import datetime, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any

from keyplan.exchange.transfer.calendar_file import (
    CalendarRead,
    CalendarRefused,
    calendar_bytes,
    meetings_in,
)

#: Events from which a file is read by a worker: a year of a busy calendar has thousands;
#: a few hundred take about as long to read as a new interpreter takes to start.
WORKER_EVENTS = 500


class CalendarReading:
    """A calendar file being read, here or by a worker: ``result`` gives its meetings."""

    def __init__(
        self, name: str, data: bytes, since: datetime, until: datetime, zone: tzinfo | None
    ) -> None:
        self._request = (name, data, since, until, zone)
        self._worker: Any = None
        self._answers: Any = None

    @property
    def by_worker(self) -> bool:
        """Whether a worker process is reading the file (until its answer is taken)."""
        return self._worker is not None

    def start_worker(self, method: str) -> None:
        """Hand the reading to a worker process (``method``: "fork" or "spawn")."""
        import multiprocessing

        context = multiprocessing.get_context(method)
        answers, sender = context.Pipe(duplex=False)
        worker = context.Process(
            target=_read_for, args=(sender, *self._request), name="keyplan-calendar", daemon=True
        )
        worker.start()
        sender.close()  # the worker's end: if it dies, this end reads end-of-file at once
        self._worker, self._answers = worker, answers

    def result(self) -> CalendarRead:
        """The meetings of the file (waits for the worker).

        Raises:
            CalendarRefused: the file is not a calendar Keyplan can read (one line says why).
        """
        answer = self._worker_answer()
        if answer is None:
            name, data, since, until, zone = self._request
            return meetings_in(name, data, since, until, zone=zone)
        read, refusal = answer
        if refusal is not None:
            raise CalendarRefused(refusal)
        return read

    def close(self) -> None:
        """Stop a worker that has not answered (the command may stop before the result).

        One that has answered is left to end by itself: it has nothing left to do but exit,
        and the command need not wait for that.
        """
        if self._answers is not None:
            self._answers.close()
        if self._worker is not None:
            self._worker.terminate()
            self._worker.join()
        self._worker = self._answers = None

    def __enter__(self) -> CalendarReading:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _worker_answer(self) -> tuple[CalendarRead | None, str | None] | None:
        """What the worker sent: (meetings, None) or (None, refusal); None: read here."""
        if self._answers is None:
            return None
        from multiprocessing.connection import wait

        answer: tuple[CalendarRead | None, str | None] | None = None
        # Its end of the pipe may outlive it (a new interpreter is handed a copy), so its
        # exit is watched too: a worker that died before a word is not waited for forever.
        wait([self._answers, self._worker.sentinel])
        if self._answers.poll():
            try:
                answer = self._answers.recv()
            except (EOFError, OSError):
                answer = None  # it ended without a whole answer
        if answer is not None:
            self._worker = None  # it has answered: see ``close``
        self.close()
        return answer


def start_reading(
    path: str | Path, since: datetime, until: datetime, *, zone: tzinfo | None = None
) -> CalendarReading:
    """Start reading the meetings in [since, until) of an .ics file (``read_calendar``).

    Raises:
        CalendarRefused: the file is missing, a folder, unreadable or far too big.
    """
    path = Path(path)
    data = calendar_bytes(path)
    reading = CalendarReading(path.name, data, since, until, zone)
    method = worker_method()
    if method is not None and data.count(b"BEGIN:VEVENT") >= WORKER_EVENTS:
        try:
            reading.start_worker(method)
        except (OSError, ValueError, RuntimeError):
            reading.close()  # no worker to be had: it is read here
    return reading


def worker_method() -> str | None:
    """How a worker is started: a fork on Linux (at once, with the modules loaded); a new
    interpreter elsewhere (macOS's system libraries are not safe in a forked child, Windows
    cannot fork). None in a bundled application that cannot fork: its executable is Keyplan
    itself, not an interpreter a worker could be started with.

    A fork only while this process has one thread: a fork copies the locks another thread
    holds (the import lock, a logging handler's) and the child would wait on them forever.
    The command line has none at this point; a caller that has started threads gets a new
    interpreter, as elsewhere."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return None if getattr(sys, "frozen", False) else "spawn"


def _read_for(
    answers: Any, name: str, data: bytes, since: datetime, until: datetime, zone: tzinfo | None
) -> None:
    """The worker's whole work: read the file, send the meetings or the refusal back."""
    try:
        answer: tuple[CalendarRead | None, str | None] | None
        try:
            answer = (meetings_in(name, data, since, until, zone=zone), None)
        except CalendarRefused as refusal:
            answer = (None, str(refusal))
        except Exception:
            answer = None  # read again by the command itself, which raises its own error
        answers.send(answer)
    finally:
        answers.close()
