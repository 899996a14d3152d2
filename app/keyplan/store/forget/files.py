"""After forgetting: nothing of the person left in the file's free pages, nor in its backups.

SQLite leaves deleted rows' bytes in free pages and in the WAL until they are reused. A WAL
checkpoint that truncates the WAL, a VACUUM (which writes every live page anew and drops the
free ones), and a second truncating checkpoint (in WAL mode VACUUM writes through the WAL)
leave the file and its WAL with only what is still there.

Rolling backups (and the copies kept before schema upgrades) still hold the person. Rewriting
one: copy it with the backup function into a private temporary folder beside it, open the copy
as a database (upgrading an older backup's schema), forget the person there by name, vacuum,
and write the result back over the backup atomically with the same backup function.
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyplan.domain.plain_text import typed_name_key
from keyplan.store.database import SQLITE_HEADER, Database, probe_sqlite_revision
from keyplan.store.models import Account, Stakeholder
from keyplan.store.safety.backup import backup_file, list_backups
from keyplan.store.schema import HEAD_REVISION


def clean_file(db: Database) -> bool:
    """Vacuum the database file and empty its WAL; True when the WAL was emptied entirely.

    False means another connection (another window) still reads an older state: its WAL
    frames may still hold deleted rows until it closes.
    """
    from keyplan.store.safety.lock import writing

    assert db.path is not None, "a team database has no file to clean"
    with writing(db.path), db.engine.connect() as plain:
        connection = plain.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.exec_driver_sql("VACUUM")
        busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
    return not busy


@dataclass(frozen=True, slots=True)
class BackupRewrite:
    """One backup after rewriting: how many records of the person it held.

    ``ambiguous``: it holds several people of that name at the account and none with the
    forgotten record's id, so it was left as it was (the user is told).
    """

    path: Path
    records: int
    ambiguous: bool = False


def backups_holding_copies(database: Path, *, folder: Path | None = None) -> list[Path]:
    """The backups of a database file: its rolling backups and the copies kept before upgrades."""
    rolling = [info.path for info in list_backups(database, folder=folder)]
    before_upgrades = sorted(database.parent.glob(f"{database.name}.before-upgrade-from-*.bak"))
    return rolling + before_upgrades


def rewrite_backups(
    database: Path,
    account_name: str,
    full_name: str,
    person_ids: Collection[int] = (),
    *,
    folder: Path | None = None,
) -> list[BackupRewrite]:
    """Forget the person in every backup of ``database``.

    In each backup the person is their record (``person_ids``, as in the database) when it
    bears their name there, else the one person of that name at the account. A backup that
    never held them is left untouched. Each rewrite is all or nothing: a backup that fails
    keeps its bytes and the error is raised.
    """
    return [
        rewrite_backup(path, account_name, full_name, person_ids)
        for path in backups_holding_copies(Path(database), folder=folder)
    ]


def rewrite_backup(
    backup: Path, account_name: str, full_name: str, person_ids: Collection[int] = ()
) -> BackupRewrite:
    """Forget the person in one backup file, replacing it atomically."""
    from keyplan.store.forget.erase import forget_in

    if not _may_hold(backup, full_name):
        return BackupRewrite(backup, 0)
    with tempfile.TemporaryDirectory(dir=backup.parent, prefix=".keyplan-forget-") as temp:
        copy = Path(temp) / "copy.db"
        backup_file(backup, copy)
        was_upgraded = probe_sqlite_revision(copy) != HEAD_REVISION
        db = Database(path=copy)
        try:
            if was_upgraded:
                from keyplan.store.migrate import upgrade_to_head

                upgrade_to_head(db.engine)
            with db.transaction() as session:
                ids, ambiguous = _whom_to_forget(session, account_name, full_name, person_ids)
                if not ids:
                    return BackupRewrite(backup, 0, ambiguous)
                for person_id in ids:
                    still_there = select(Stakeholder.id).where(Stakeholder.id == person_id)
                    if session.scalar(still_there) is not None:  # linked ones went along
                        forget_in(session, person_id)
            clean_file(db)
        finally:
            db.close()
        backup_file(copy, backup)
    return BackupRewrite(backup, len(ids))


def _may_hold(backup: Path, full_name: str) -> bool:
    """False when a plain (unencrypted) backup's bytes cannot hold the name: no copy needed.

    Every record of the name holds an ASCII piece of it (``wording``), in any case; a file
    that is not plain SQLite (encrypted) may hold anything.
    """
    from keyplan.store.forget.wording import scrubber

    fragments = scrubber([full_name]).fragments
    data = backup.read_bytes()
    if fragments is None or not data.startswith(SQLITE_HEADER):
        return True
    lowered = data.lower()
    return any(piece.encode("ascii") in lowered for piece in fragments)


def _whom_to_forget(
    session: Session, account_name: str, full_name: str, person_ids: Collection[int]
) -> tuple[list[int], bool]:
    """The backup's records of the person, and whether several namesakes left it unclear.

    Their record by its id when it bears their name there (at any account: it may have been
    renamed since), else the one person of that name at the account.
    """
    wanted_account, wanted_name = typed_name_key(account_name), typed_name_key(full_name)
    rows = session.execute(
        select(Stakeholder.id, Stakeholder.full_name, Account.name)
        .join(Account, Account.id == Stakeholder.account_id)
        .where(Stakeholder.is_vacancy.is_(False))
    ).all()
    named = [row for row in rows if typed_name_key(row.full_name) == wanted_name]
    known = [row.id for row in named if row.id in set(person_ids)]
    if known:
        return known, False
    at_account = [row.id for row in named if typed_name_key(row.name) == wanted_account]
    return (at_account, False) if len(at_account) <= 1 else ([], True)
