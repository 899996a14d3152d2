"""Writing a whole file so that it is either complete or not there at all.

Exports and backups go through ``write_file_atomically`` (or ``file_written_atomically``, for
content written piece by piece): the bytes go to a temporary file in
the target's own folder (created readable by the user only), are flushed to the disk, and the
temporary file is renamed over the target only then (``os.replace`` is atomic within one file
system). A full disk, a read-only folder or a crash half-way leaves the old target as it was
and no temporary file behind; the user gets a ``FileWriteFailed`` that says what happened.

Only a killed process leaves its temporary file behind. Those are named recognisably,
``.keyplan-partial-<name>-<random>``, and ``remove_stale_partials`` deletes the ones older
than a few minutes (so never one that a running Keyplan is still writing) when Keyplan next
starts in that folder: the database's folder and its backups folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from keyplan.domain.errors import KeyplanError

PRIVATE_FILE_MODE = 0o600  # plans hold notes about real people
PARTIAL_PREFIX = ".keyplan-partial-"
STALE_AFTER_SECONDS = 10 * 60  # no export or backup takes that long between two writes


class FileWriteFailed(KeyplanError):
    """A file could not be written; the message names the file and the reason."""


def write_file_atomically(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` as the whole new content of ``target``, all or nothing.

    Returns:
        The path written.

    Raises:
        FileWriteFailed: the folder is missing or read-only, the disk is full, … The target
            is then exactly as it was before, and no temporary file is left.
    """
    with file_written_atomically(target) as handle:
        _write_all(handle, data)
    return Path(target).expanduser()


def write_pieces_atomically(target: str | os.PathLike[str], pieces: Iterable[bytes]) -> Path:
    """``write_file_atomically`` for content made piece by piece (a document written as it
    is drawn), never held whole in memory: all of it or nothing, as there.

    Raises:
        FileWriteFailed: as ``write_file_atomically``.
    """
    with file_written_atomically(target) as handle:
        for piece in pieces:
            _write_all(handle, piece)
    return Path(target).expanduser()


@contextlib.contextmanager
def file_written_atomically(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A file to write the whole new content of ``target`` into, piece by piece.

    What the ``with`` block writes replaces ``target`` when the block ends without an error
    (for content too large to hold in memory at once). Any error, in the block or in the
    writing, leaves ``target`` as it was and no temporary file behind.

    Raises:
        FileWriteFailed: the folder is missing or read-only, the disk is full, …
    """
    with (
        file_replaced_atomically(target) as temporary,
        os.fdopen(os.open(temporary, os.O_WRONLY), "wb") as handle,
    ):
        yield handle
        handle.flush()


@contextlib.contextmanager
def file_replaced_atomically(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A private temporary file, next to ``target``, for a writer that wants a file name.

    For libraries that write a file by name (ReportLab): what the ``with`` block writes into
    the temporary file is made durable and renamed over ``target`` when the block ends
    without an error; any error leaves ``target`` as it was and no temporary file behind.

    Raises:
        FileWriteFailed: the folder is missing or read-only, the disk is full, …
    """
    path = Path(target).expanduser()
    temporary = _create_temporary(path)
    try:
        yield temporary
        _sync_file(temporary)
        os.replace(temporary, path)
    except OSError as error:
        _remove_quietly(temporary)
        raise FileWriteFailed(write_failure_message(path, error)) from error
    except BaseException:
        _remove_quietly(temporary)
        raise
    _sync_folder(path.parent)


def remove_stale_partials(
    folder: str | os.PathLike[str], *, older_than: float = STALE_AFTER_SECONDS
) -> list[Path]:
    """Delete the partial files a killed Keyplan left in ``folder``; return what was deleted.

    Only our own ``.keyplan-partial-*`` files last changed more than ``older_than`` seconds
    ago go: a file another Keyplan is writing right now changes much more often than that.
    """
    removed: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(PARTIAL_PREFIX):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and (
                    now - entry.stat(follow_symlinks=False).st_mtime > older_than
                ):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _create_temporary(path: Path) -> Path:
    """A new, empty, private file next to ``path`` (same folder, so the rename is atomic)."""
    folder = path.parent
    if not folder.is_dir():
        raise FileWriteFailed(f"Cannot write {path}: the folder {folder} does not exist.")
    if path.is_dir():
        raise FileWriteFailed(f"Cannot write {path}: it is a folder.")
    for _attempt in range(100):
        temporary = folder / f"{PARTIAL_PREFIX}{path.name}-{os.urandom(4).hex()}"
        try:
            os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE))
        except FileExistsError:
            continue
        except OSError as error:
            raise FileWriteFailed(write_failure_message(path, error)) from error
        return temporary
    raise FileWriteFailed(f"Cannot write {path}: too many temporary files in {folder}.")


def _write_all(handle: BinaryIO, data: bytes) -> None:
    # One seam for the tests, which make it fail as a full disk does.
    handle.write(data)


def _sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every system."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def write_failure_message(path: Path, error: OSError) -> str:
    """What to tell the user when writing ``path`` failed with ``error``."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "you are not allowed to write in that folder",
        errno.EPERM: "you are not allowed to write in that folder",
        errno.ENOENT: "the folder does not exist",
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"Cannot write {path}: {reason}. Nothing was changed; any older file is intact."
