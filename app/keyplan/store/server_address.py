"""A team database's address, read without SQLAlchemy: the window can open before it loads.

SQLAlchemy's import (with the models) is most of the start-up time; for a file, the first
window reads through the standard library's sqlite3 (``Database.rows``). A team database's
first window reads through psycopg the same way, so its address is parsed here with the
standard library. Addresses it does not recognise go to ``database.team_server_url``, whose
messages say what is wrong.

The one reading of a server address: ``store.team.credentials`` takes a password out of an
address with ``address_parts`` and ``replace_password`` too, so the address the window shows,
the one it connects with and the one it remembers are cut at the same places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

# What SQLAlchemy names a PostgreSQL address with the psycopg 3 driver; "postgresql://" alone
# would mean psycopg2, which Keyplan does not ship.
PSYCOPG_SCHEME = "postgresql+psycopg"
_POSTGRESQL_SCHEMES = ("postgresql", PSYCOPG_SCHEME)
_PARAMETER = re.compile(r"(?<![:\w]):(\w+)")


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """One team database's address, three ways.

    Attributes:
        url: the SQLAlchemy URL (``postgresql+psycopg://…``), password included.
        conninfo: the same for libpq and psycopg (``postgresql://…``).
        display: the URL as the window shows it, its password as ``***``.
    """

    url: str
    conninfo: str
    display: str


def address_parts(location: str) -> SplitResult | None:
    """A server address (``scheme://user:password@host:port/database``) cut into its parts;
    None for a file path. The port is checked only when read (``parts.port`` raises
    ValueError), so that a password can still be taken out of an address with a bad port."""
    if "://" not in location:
        return None
    return urlsplit(location)


def replace_password(parts: SplitResult, password: str | None) -> SplitResult:
    """The address with its password replaced by ``password`` (None: taken out), its user,
    host and port kept as typed."""
    userinfo, at, host = parts.netloc.rpartition("@")
    if not at:
        return parts
    user = userinfo.partition(":")[0]
    login = user if password is None else f"{user}:{password}"
    return parts._replace(netloc=f"{login}@{host}")


def parse_server_address(location: str) -> ServerAddress | None:
    """The address of a PostgreSQL team database; None for anything else (or a malformed
    one), which ``team_server_url`` then refuses with the reason."""
    scheme, _, _rest = location.partition("://")
    if scheme not in _POSTGRESQL_SCHEMES:
        return None
    parts = address_parts(location)
    try:
        _port = parts.port if parts else None  # raises ValueError on a port not a number
    except ValueError:
        return None
    if parts is None or (not parts.hostname and not parts.path.strip("/")):
        return None
    url = urlunsplit(parts._replace(scheme=PSYCOPG_SCHEME))
    shown = parts if parts.password is None else replace_password(parts, "***")
    return ServerAddress(
        url=url,
        conninfo=urlunsplit(parts._replace(scheme="postgresql")),
        display=urlunsplit(shown._replace(scheme=PSYCOPG_SCHEME)),
    )


def psycopg_query(sql: str) -> str:
    """A query with SQLAlchemy's ``:name`` parameters in psycopg's ``%(name)s`` style."""
    return _PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%"))
