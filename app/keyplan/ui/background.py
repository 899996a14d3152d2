"""Work off the GUI thread: one helper for every long job (PDF export, import, backup).

``run_task(work, ...)`` runs ``work(report)`` on a ``QThreadPool`` and posts what happens back
to the GUI thread by queued signals: progress, the result, or the error. The worker never
touches a widget; the callbacks, which may, always run on the GUI thread. ``work`` reports
progress by calling ``report(fraction)``; after ``cancel()`` that call raises
``TaskCancelled``, which stops the work at its next report.

Jobs that write to the database go through one serial pool (``writes=True``), so two of them
never write at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Report = Callable[[float], None]


class TaskCancelled(Exception):
    """Raised inside a task's work by ``report`` once the user asked to cancel."""


class _TaskSignals(QObject):
    """Signals a task emits from its worker thread; connections to them are queued."""

    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class BackgroundTask(QRunnable):
    """One job on a worker thread; its callbacks run on the thread that created it."""

    def __init__(self, work: Callable[[Report], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept alive by _running until its end is posted
        self.work = work
        self.signals = _TaskSignals()
        self._cancel = threading.Event()
        self.thread_name: str | None = None  # the worker thread it ran on, for tests

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, fraction: float) -> None:
        # Work that has finished is not cancelled any more: the file is written by then.
        if self._cancel.is_set() and fraction < 1.0:
            raise TaskCancelled
        self.signals.progressed.emit(float(fraction))

    def run(self) -> None:
        self.thread_name = threading.current_thread().name
        try:
            result = self.work(self._report)
        except TaskCancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # posted to the GUI thread, which decides what to show
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


_running: set[BackgroundTask] = set()
_writer_pool: QThreadPool | None = None


def _pool(writes: bool) -> QThreadPool:
    global _writer_pool
    if not writes:
        return QThreadPool.globalInstance()
    if _writer_pool is None:
        _writer_pool = QThreadPool()
        _writer_pool.setMaxThreadCount(1)  # the one serial queue for database writes
    return _writer_pool


def wait_for_all(timeout_ms: int = 30_000) -> None:
    """Let running work finish before the application is torn down.

    Called once the event loop has ended: a worker still running then would post its result
    into signal objects that are being deleted (and a write would be cut short).
    """
    QThreadPool.globalInstance().waitForDone(timeout_ms)
    if _writer_pool is not None:
        _writer_pool.waitForDone(timeout_ms)


def run_task(
    work: Callable[[Report], Any],
    *,
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[float], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    writes: bool = False,
) -> BackgroundTask:
    """Run ``work(report)`` off the GUI thread; the callbacks run on the GUI thread.

    Args:
        work: the job; it calls ``report(fraction)`` (0 to 1) now and then.
        on_success: called with what ``work`` returned.
        on_error: called with the exception ``work`` raised.
        on_progress: called with each reported fraction.
        on_cancelled: called when the job stopped because it was cancelled.
        writes: the job writes to the database, so it waits for the other writers.

    Returns:
        The task, whose ``cancel()`` asks the work to stop.
    """
    task = BackgroundTask(work)
    signals = task.signals
    if on_progress is not None:
        signals.progressed.connect(on_progress)
    signals.succeeded.connect(on_success)
    signals.failed.connect(on_error)
    if on_cancelled is not None:
        signals.cancelled.connect(on_cancelled)
    for end in (signals.succeeded, signals.failed, signals.cancelled):
        end.connect(lambda *_args, t=task: _running.discard(t))
    _running.add(task)
    _pool(writes).start(task)
    return task
