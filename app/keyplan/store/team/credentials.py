"""A team database's password, kept out of every address Keyplan remembers.

An address typed with its password (``postgresql+psycopg://sofie:secret@server/keyplan``) would
otherwise sit in plain text in the settings file, the recent-files list and the last place. The
password is moved either to the system keyring (when the user allows it) or to libpq's own
password file, ``~/.pgpass`` (mode 0600, the file ``psql`` also reads), and the address is
remembered without it. At connection, libpq finds a ``.pgpass`` entry by itself; a keyring
entry is looked up here (``password_from_keyring``) and handed to the driver.

Plain string work on purpose (``store.server_address``, no SQLAlchemy): the settings are cleaned
at start-up, before anything heavy is imported.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlunsplit

from keyplan.store.server_address import address_parts, replace_password

KEYRING_SERVICE = "Keyplan team database"
DEFAULT_PORT = 5432


class PasswordStore:
    """Where a moved password goes."""

    KEYRING = "keyring"
    PGPASS = "pgpass"


@dataclass(frozen=True)
class ServerLogin:
    """What libpq and the keyring key a password by: host, port, database and user."""

    host: str
    port: int
    database: str
    user: str

    @property
    def keyring_name(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def pgpass_line(self, password: str) -> str:
        fields = (self.host, str(self.port), self.database, self.user, password)
        return ":".join(_pgpass_escape(field) for field in fields)

    def matches_pgpass_line(self, line: str) -> bool:
        fields = _pgpass_fields(line)
        return fields is not None and fields[:4] == [
            self.host,
            str(self.port),
            self.database,
            self.user,
        ]


def has_password(location: str) -> bool:
    """Whether ``location`` is a server address that carries a password."""
    return split_password(location)[1] is not None


def split_password(location: str) -> tuple[str, str | None]:
    """The address without its password, and the password (None: there was none).

    A file path, or an address without a password, comes back unchanged.
    """
    parts = address_parts(location)
    if parts is None or parts.password is None:
        return location, None
    return urlunsplit(replace_password(parts, None)), unquote(parts.password)


def server_login(location: str) -> ServerLogin | None:
    """The login an address connects as (None when it names no user or is not an address)."""
    parts = address_parts(location)
    if parts is None or not parts.username:
        return None
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:  # a port that is not a number: the open refuses the address itself
        return None
    return ServerLogin(
        host=parts.hostname or "localhost",  # no host: libpq's socket, "localhost" in .pgpass
        port=port,
        database=unquote(parts.path.lstrip("/")) or unquote(parts.username),
        user=unquote(parts.username),
    )


def move_password_out(location: str, store: str = PasswordStore.PGPASS) -> tuple[str, str | None]:
    """Keep an address's password in ``store`` and give the address without it.

    Returns:
        The address to remember, and where the password went (a path or "the system keyring";
        None when there was no password to move).

    Raises:
        OSError: the password file cannot be written (the address is then not to be remembered
            with its password either: the caller drops it).
    """
    bare, password = split_password(location)
    login = server_login(bare)
    if password is None or login is None:
        return bare, None
    if store == PasswordStore.KEYRING and _keyring_set(login, password):
        return bare, "the system keyring"
    return bare, str(save_in_pgpass(login, password))


def password_from_keyring(location: str) -> str | None:
    """The password the system keyring keeps for this address's login, if any."""
    login = server_login(location)
    if login is None:
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, login.keyring_name)
    except Exception:
        return None


def pgpass_path() -> Path:
    """libpq's password file: ``PGPASSFILE``, else its per-system default."""
    configured = os.environ.get("PGPASSFILE")
    if configured:
        return Path(configured)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def save_in_pgpass(login: ServerLogin, password: str) -> Path:
    """Write (or replace) the login's line of the password file, readable by its owner only."""
    path = pgpass_path()
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [line for line in lines if not login.matches_pgpass_line(line)]
    _write_private(path, "\n".join([*kept, login.pgpass_line(password)]) + "\n")
    return path


def _keyring_set(login: ServerLogin, password: str) -> bool:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, login.keyring_name, password)
    except Exception:
        return False
    return True


def _write_private(path: Path, text: str) -> None:
    """Replace ``path`` in one step with a file only its owner can read (libpq ignores a
    ``.pgpass`` that others can read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".pgpass-")
    try:
        os.chmod(temporary, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _pgpass_escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _pgpass_fields(line: str) -> list[str] | None:
    """A password-file line's five fields, unescaped (None for a comment or a short line)."""
    if not line or line.startswith("#"):
        return None
    fields, current, escaped = [], [], False
    for character in line:
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == ":":
            fields.append("".join(current))
            current = []
        else:
            current.append(character)
    fields.append("".join(current))
    return fields if len(fields) >= 5 else None
