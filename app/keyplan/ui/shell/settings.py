"""Every setting the UI keeps between runs, declared once with its default (QSettings)."""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every start of the window makes this module's.

import os
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_FILES = 8


class Setting(NamedTuple):  # not a dataclass: made ten times faster at start-up
    key: str
    default: Any
    kind: type


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = Setting("window/state", QByteArray(), QByteArray)
SPLITTER_STATE = Setting("window/splitter", QByteArray(), QByteArray)
LAST_DATABASE = Setting("files/last_database", "", str)
RECENT_DATABASES = Setting("files/recent", [], list)
# Where the user was when they last closed a database: "dashboard" or "account:<id>", with the
# database it belongs to, so the next start opens on the same view.
LAST_PLACE = Setting("window/last_place", "", str)
LAST_PLACE_DATABASE = Setting("window/last_place_database", "", str)
# Where a team database's password goes when an address is typed with one: "keyring" (the
# user allowed the system keyring) or "pgpass" (libpq's ~/.pgpass); empty: not asked yet, so
# the password file. A remembered address never carries its password (store/team/credentials).
PASSWORD_STORE = Setting("team/password_store", "", str)
# The name stored with each change (team mode's "last changed by"); empty: the OS user name.
USER_NAME = Setting("team/user_name", "", str)
# The folder last used for each kind of file, so that its next dialog starts there
# (ui/shell/file_folders.py); empty: the user's Documents folder.
FOLDER_PDF_EXPORTS = Setting("folders/pdf_exports", "", str)
FOLDER_MAP_EXPORTS = Setting("folders/map_exports", "", str)
FOLDER_DATA_EXPORTS = Setting("folders/data_exports", "", str)  # CSV and JSON
FOLDER_IMPORT_SOURCES = Setting("folders/import_sources", "", str)
FOLDER_DATABASES = Setting("folders/databases", "", str)  # open, new, back up, restore
# Encrypted files whose key the user let the system keyring keep (absolute paths): only those
# are looked up there, so opening any other file never loads the keyring (ui/cipher/unlock.py).
KEYRING_FILES = Setting("cipher/keyring_files", [], list)


def _store() -> QSettings:
    return QSettings("Keyplan", "Keyplan")


def read(setting: Setting) -> Any:
    return _as_kind(setting, _store().value(setting.key, setting.default))


def _as_kind(setting: Setting, value: Any) -> Any:
    if setting.kind is list:
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)
    if setting.kind is str:
        return str(value or "")
    return value if value is not None else setting.default


def write(setting: Setting, value: Any) -> None:
    """Store ``value``; a value already stored is not written again.

    Each write syncs the settings file when its QSettings goes (about 10 ms on a busy disk),
    and every start and close writes the same last database, place and geometry as before.
    """
    store = _store()
    if store.contains(setting.key) and _as_kind(setting, store.value(setting.key)) == value:
        return
    store.setValue(setting.key, value)


def remember_database(path: str) -> str | None:
    """Make ``path`` the last opened database and the first of the recent files.

    A file is remembered by its absolute path: ``keyplan --db plan.db`` means the plan.db of
    the folder it was started in, not of the folder the next start happens to be in. A team
    database's address is remembered without its password, which moves to the keyring or
    ``~/.pgpass`` (``PASSWORD_STORE``).

    Returns:
        A sentence for the user when a password was moved, else None.
    """
    path, moved_to = _without_password(absolute_location(path))
    write(LAST_DATABASE, path)
    recent = [p for p in read(RECENT_DATABASES) if p != path]
    write(RECENT_DATABASES, [path, *recent][:MAX_RECENT_FILES])
    return _moved_sentence(moved_to)


def forget_remembered_passwords() -> str | None:
    """Take the passwords out of every remembered address (settings written before Keyplan
    kept them out); cheap when there is none, so it runs at every start.

    Returns:
        A sentence for the user when a password was moved, else None.
    """
    last = read(LAST_DATABASE)
    recent = read(RECENT_DATABASES)
    place = read(LAST_PLACE_DATABASE)
    if not any(_may_hold_password(value) for value in (last, place, *recent)):
        return None
    cleaned_last, moved_to = _without_password(last)
    cleaned_recent = [_without_password(value)[0] for value in recent]
    write(LAST_DATABASE, cleaned_last)
    write(RECENT_DATABASES, list(dict.fromkeys(cleaned_recent)))
    if _may_hold_password(place):  # a display name: its password is shown as "***"
        from keyplan.store.team.credentials import split_password

        write(LAST_PLACE_DATABASE, split_password(place)[0])
    return _moved_sentence(moved_to)


def _may_hold_password(value: str) -> bool:
    return "://" in value and "@" in value


def _without_password(location: str) -> tuple[str, str | None]:
    if not _may_hold_password(location):
        return location, None
    from keyplan.store.team.credentials import PasswordStore, move_password_out

    store = PasswordStore.KEYRING if read(PASSWORD_STORE) == "keyring" else PasswordStore.PGPASS
    try:
        return move_password_out(location, store)
    except OSError:  # the password file cannot be written: remember the address without it
        from keyplan.store.team.credentials import split_password

        return split_password(location)[0], None


def _moved_sentence(moved_to: str | None) -> str | None:
    if moved_to is None:
        return None
    return (
        f"The team database's password is kept in {moved_to}, not in Keyplan's settings: "
        f"the remembered address has none."
    )


def absolute_location(location: str) -> str:
    """A database file's path made absolute (``~`` expanded); a team database's URL as it is.

    Not resolved: a link the user chose is remembered as the link.
    """
    if not location or "://" in location:
        return location
    return os.path.abspath(os.path.expanduser(location))
