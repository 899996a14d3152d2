"""The dashboard's last reading of a file, kept while the file has not changed.

Opening the dashboard again (switching back to it, reopening the window, a reload with no edit
in between) reads the same counts as last time; counting 20,000 people again costs a quarter
of a second. So the whole-portfolio reading of a database file is kept with the file's
*change stamp* and the day it was read for, and given back while both still match.

The change stamp, and why it covers every write:

- ``PRAGMA data_version`` on a connection of our own that never writes: SQLite changes its
  value whenever any other connection has committed a change to the file since the previous
  call — the app's own engine, a second window, the command line, a restore through the
  backup API. This watch connection is private to this module, so no write can come from it.
- the file's identity (device and inode): a file replaced whole (a damaged file restored)
  is a new file the watch connection does not see, so the stamp changes with it.
- the file's size and modification time: a file in a read-only place is opened "immutable"
  (SQLite then watches nothing, so ``data_version`` stays put), yet its owner may change it
  from elsewhere; any write to the file itself moves these. (In write-ahead mode they also
  move when the log is folded into the file: a needless recount, never a stale one.)

The time-based rules (stale contact, overdue promises, the trend's months) read only the day
the reading is for, which is part of the key. A PostgreSQL database (team mode) is never
kept: other people write there, and NOTIFY, not a stamp, tells this window of it.
Anything unexpected (a file this module cannot read) means no cache: the reading is always
computed then. An encrypted file is watched through SQLCipher with its key, like the app's.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.cipher.detect import all_errors, connect_file

if TYPE_CHECKING:
    import sqlite3

    from keyplan.store.database import Database

__all__ = ["DashboardCache", "cache_of"]

Reading = tuple[tuple[Any, ...], dict[int, Any]]
Stamp = tuple[int, int, int, int, int]  # (device, inode, size, mtime ns, data_version)


@dataclass(frozen=True, slots=True)
class _Kept:
    stamp: Stamp
    today: date
    reading: Reading


class DashboardCache:
    """One file's last whole-portfolio reading, with the change stamp it was read at."""

    def __init__(self, path: Path, *, read_only_uri: str | None = None) -> None:
        self.path = path
        self.read_only_uri = read_only_uri  # how a file in a read-only place is opened
        self._lock = threading.Lock()
        self._watch: sqlite3.Connection | None = None
        self._usable = True
        self._kept: _Kept | None = None
        self.hits = 0  # how many readings came from the cache (for tests and benchmarks)
        self.computed = 0  # how many were computed

    def reading(self, today: date, compute: Callable[[], Reading]) -> Reading:
        """The kept reading when nothing changed since it was made, else ``compute()``'s.

        The stamp is taken before computing, so a write landing while the counts are read
        leaves a reading keyed by the stamp before it: the next call sees the new stamp.
        """
        stamp = self.stamp()
        kept = self._kept
        if stamp is not None and kept is not None and kept.stamp == stamp and kept.today == today:
            self.hits += 1
            return _copy(kept.reading)
        reading = compute()
        self.computed += 1
        if stamp is not None:
            self._kept = _Kept(stamp, today, _copy(reading))
        return reading

    def stamp(self) -> Stamp | None:
        """The file's change stamp now; None when it cannot be read (then nothing is kept)."""
        with self._lock:
            if not self._usable:
                return None
            try:
                status = os.stat(self.path)
                (version,) = self._watch_connection().execute("PRAGMA data_version").fetchone()
            except _unreadable():
                self._give_up()
                return None
            return (
                status.st_dev,
                status.st_ino,
                status.st_size,
                status.st_mtime_ns,
                int(version),
            )

    def forget(self) -> None:
        """Drop the kept reading: the next one is computed (benchmarks time both)."""
        self._kept = None

    def close(self) -> None:
        with self._lock:
            self._give_up()

    def _watch_connection(self) -> sqlite3.Connection:
        if self._watch is None:
            # Read-write where the app writes (it never writes through it): the last
            # connection to close a file checkpoints it, which a read-only one cannot.
            # Through the same SQLite library (and key) as the app's own connections: closing
            # another library's handle on the file would drop this process's locks on it.
            if self.read_only_uri is None:
                watch = connect_file(self.path, check_same_thread=False)
            else:
                watch = connect_file(
                    self.path, self.read_only_uri, uri=True, check_same_thread=False
                )
            try:
                # A file SQLite cannot read (not a database) fails here, not later.
                watch.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except all_errors():
                watch.close()
                raise
            self._watch = watch
        return self._watch

    def _give_up(self) -> None:
        self._usable = False
        self._kept = None
        if self._watch is not None:
            with contextlib.suppress(*all_errors()):
                self._watch.close()
            self._watch = None


def _unreadable() -> tuple[type[Exception], ...]:
    """What reading the stamp may raise: the file gone, SQLite's errors, a key not given."""
    return (OSError, DatabaseRefused, *all_errors())


def _copy(reading: Reading) -> Reading:
    """A reading whose dictionary the caller may change (the tallies themselves are frozen)."""
    accounts, tallies = reading
    return accounts, dict(tallies)


_caches: weakref.WeakKeyDictionary[Database, DashboardCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def cache_of(db: Database) -> DashboardCache | None:
    """The cache of a database file; None for a server database (never kept)."""
    if db.path is None:
        return None
    with _caches_lock:
        cache = _caches.get(db)
        if cache is None:
            from keyplan.store.database import read_only_uri

            uri = read_only_uri(db.path, immutable=db.immutable) if db.read_only_place else None
            cache = _caches[db] = DashboardCache(Path(db.path), read_only_uri=uri)
            db.close_observers.append(cache.close)
        return cache
