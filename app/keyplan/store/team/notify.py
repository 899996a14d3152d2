"""Telling the other windows on a team database what changed: PostgreSQL LISTEN/NOTIFY.

Each write transaction on a team database sends ``NOTIFY keyplan, '<json>'`` for the rows it
changed (``send_changes``, called by the session hooks in ``team_tracking``). PostgreSQL
delivers a notification only when its transaction commits, so a refused or rolled-back edit
announces nothing. ``ChangeListener`` listens on a connection of its own, in a background
thread, and hands each batch of changes made by *other* windows to a callback (the UI turns
them into the document's signals). An SQLite file has no listener and sends nothing.

The payload is compact JSON: ``{"o": origin, "u": user, "c": [[table, id, null, kind,
[fields]], …]}``; ``id`` is null when a statement changed rows it did not name (an import).
Any login may LISTEN, so a payload names no account and carries no value: a table, a row id
and column names. The listener places each row in its account by reading it again through
the server's access policies (``place_changes``): a row its login may not read is dropped,
so a window hears of its own accounts only.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from keyplan.store.database import Database

CHANNEL = "keyplan"
# PostgreSQL refuses payloads of 8000 bytes or more: longer lists go in several notifications.
MAX_PAYLOAD = 7000
# A listener whose connection broke tries again after this many seconds.
RETRY_SECONDS = 5.0

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row a transaction inserted, updated or deleted."""

    table: str
    row_id: int | None  # None: rows of this table that the statement did not name
    account_id: int | None
    kind: str  # "insert", "update" or "delete"
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeBatch:
    """The changes of one notification, and who made them."""

    user: str | None
    changes: tuple[RowChange, ...]


def encode(origin: str, user: str | None, changes: Sequence[RowChange]) -> list[str]:
    """Payloads for ``changes``, each under PostgreSQL's size limit."""
    # No account id: a login that may not read the account learns nothing it can use.
    items = [[c.table, c.row_id, None, c.kind, list(c.fields)] for c in changes]
    payloads: list[str] = []
    batch: list[list[Any]] = []
    for item in items:
        trial = _payload(origin, user, [*batch, item])
        if len(trial.encode()) > MAX_PAYLOAD and batch:
            payloads.append(_payload(origin, user, batch))
            batch = []
        batch.append(item)
    if batch:
        payloads.append(_payload(origin, user, batch))
    return payloads


def _payload(origin: str, user: str | None, items: list[list[Any]]) -> str:
    return json.dumps({"o": origin, "u": user, "c": items}, separators=(",", ":"))


def decode(payload: str) -> tuple[str, ChangeBatch] | None:
    """(origin, batch) from a payload, or None for one that is not Keyplan's."""
    try:
        data = json.loads(payload)
        changes = tuple(RowChange(str(t), i, a, str(k), tuple(f)) for t, i, a, k, f in data["c"])
        return str(data["o"]), ChangeBatch(data.get("u"), changes)
    except (ValueError, KeyError, TypeError):
        return None


def send_changes(connection: Connection, database: Database, changes: Sequence[RowChange]) -> None:
    """NOTIFY the other windows, in the transaction of ``connection`` (sent on commit)."""
    from sqlalchemy import func, select

    for payload in encode(database.origin, database.user_name, changes):
        connection.execute(select(func.pg_notify(CHANNEL, payload)))


class ChangeListener:
    """Listens for other windows' changes on a team database, in a background thread.

    Args:
        database: the open team database (its URL and own origin, whose changes are skipped).
        on_changes: called in the listener's thread with each batch from someone else.
    """

    def __init__(self, database: Database, on_changes: Callable[[ChangeBatch], None]) -> None:
        self._database = database
        self._conninfo = _conninfo(database)
        self._origin = database.origin
        self._on_changes = on_changes
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="keyplan-team-listener",
                                        daemon=True)  # fmt: skip

    def start(self) -> None:
        self._thread.start()

    def wait_until_listening(self, timeout: float = 10.0) -> bool:
        """Block until LISTEN is in place (tests and callers that must not miss a change)."""
        return self._listening.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except Exception as error:  # the server went away: keep trying, quietly
                self._listening.clear()
                log.warning("Team notifications interrupted (%s); retrying", error)
                self._stop.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        import psycopg

        with psycopg.connect(self._conninfo, autocommit=True) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self._listening.set()
            while not self._stop.is_set():
                for notify in connection.notifies(timeout=0.5):
                    self._deliver(notify.payload)

    def _deliver(self, payload: str) -> None:
        decoded = decode(payload)
        if decoded is None:
            return
        origin, batch = decoded
        if origin == self._origin:
            return
        placed = place_changes(self._database, batch.changes)
        if placed:
            self._on_changes(ChangeBatch(batch.user, placed))


def place_changes(database: Database, changes: Sequence[RowChange]) -> tuple[RowChange, ...]:
    """The changes with their account ids, read through the access policies.

    A row this login cannot read (another account's, under the server's policies) is left
    out. A deleted row keeps the account this window saw it in; one it never saw, a whole
    table, or a table whose rows belong to no account stays with no account: every
    account's views check it.
    """
    from keyplan.store.team.tracking import record_accounts

    wanted: dict[str, list[int]] = {}
    for change in changes:
        if change.row_id is not None and change.kind != "delete":
            wanted.setdefault(change.table, []).append(change.row_id)
    found = {table: record_accounts(database, table, ids) for table, ids in wanted.items()}
    placed: list[RowChange] = []
    for change in changes:
        accounts = found.get(change.table)
        if change.kind == "delete" and change.row_id is not None:
            placed.append(_placed_as_seen(database, change))
        elif accounts is None or change.row_id is None:
            placed.append(change)
        elif change.row_id in accounts:
            account = accounts[change.row_id]
            placed.append(RowChange(change.table, change.row_id, account, change.kind,
                                    change.fields))  # fmt: skip
    return tuple(placed)


def _placed_as_seen(database: Database, change: RowChange) -> RowChange:
    """A deleted row in the account this window saw it in (none when it never saw it)."""
    seen = database.seen_versions.get((change.table, change.row_id or 0))
    account = seen.values.get("account_id") if seen is not None else None
    if not isinstance(account, int):
        return change
    return RowChange(change.table, change.row_id, account, change.kind, change.fields)


def _conninfo(database: Database) -> str:
    """The libpq URI of a database opened with a ``postgresql+psycopg://`` URL."""
    if database.server is not None:  # known without the engine, which may not be made yet
        return database.server.conninfo
    url = database.engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)
