"""A throw-away PostgreSQL server for the team-mode tests (a pytest plugin, see conftest.py).

The server is started once per test session from the binaries of Debian's ``postgresql``
package, in a temporary folder, on 127.0.0.1 and a free port, with trust authentication, and
stopped at the end. ``initdb`` refuses to run as root, so as root it runs as the ``postgres``
user in folders that user owns. Every test gets a database of its own, copied from a template
that was migrated to the head revision once.

Without PostgreSQL the tests that need it are skipped with the reason, except in CI
(``CI=true``), where a missing server is a failure: the suite must really run on both.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "postgres"
TEMPLATE = "keyplan_template"
# Test folders whose tests run once on SQLite and once on PostgreSQL (the ``db`` fixture).
BOTH_DATABASES = ("store",)  # the floor of tests/ whose tests run on both
TESTS = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgresql: the test runs against a real PostgreSQL server (team mode)"
    )
    config.addinivalue_line(
        "markers", "sqlite_only: the test is about the SQLite file itself; its db is a file"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test of ``tests/store/`` that uses ``db`` on SQLite and on PostgreSQL."""
    if "db" not in metafunc.fixturenames:
        return
    floor = Path(metafunc.definition.path).relative_to(TESTS).parts[0]
    if floor in BOTH_DATABASES and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize(
            "database_kind",
            ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)],
        )


@dataclass
class PostgresServer:
    """A running server: its binaries, data folder and port."""

    bin_dir: Path
    root: Path
    port: int
    run_as: list[str]

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for one database on this server (psycopg 3)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def tool(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [*self.run_as, str(self.bin_dir / name), *args]
        return subprocess.run(command, check=True, capture_output=True, text=True, cwd=self.root)

    def start(self, *, existing: bool = False) -> None:
        """Make the data folder (unless ``existing``: a server kept from before) and start."""
        if not existing:
            self.tool("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                      "--encoding=UTF8", "--locale=C.UTF-8")  # fmt: skip
        # Durability is worthless for a throw-away server; without fsync it starts and
        # creates databases several times faster.
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.root} -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off"
        )
        self.tool("pg_ctl", "-D", str(self.data_dir), "-o", options, "-w", "-t", "60",
                  "-l", str(self.root / "server.log"), "start")  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.tool("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop")

    def execute(self, sql: str) -> None:
        """Run a statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        dsn = f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(sql)


def find_postgres_bin() -> Path | None:
    """The newest PostgreSQL binaries: ``KEYPLAN_PG_BIN``, Debian's folder, or the PATH."""
    configured = os.environ.get("KEYPLAN_PG_BIN")
    candidates = [Path(configured)] if configured else []
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = sorted(debian.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0)
        candidates += [version / "bin" for version in reversed(versions)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()),
                None)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the PostgreSQL tests, but {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL for the team-mode tests: {reason}")


def _private_root() -> tuple[Path, list[str]]:
    """A temporary folder the server's user owns, and how to run a command as that user."""
    root = Path(tempfile.mkdtemp(prefix="keyplan-pg-"))
    if os.geteuid() != 0:
        return root, []
    shutil.chown(root, SUPERUSER, SUPERUSER)
    return root, ["runuser", "-u", SUPERUSER, "--"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this test session, with a migrated template database."""
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        _unavailable("its binaries were not found (Debian: apt-get install postgresql)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed")
    root, run_as = _private_root()
    server = PostgresServer(bin_dir, root, _free_port(), run_as)
    try:
        server.start()
    except (subprocess.CalledProcessError, OSError) as error:
        log = root / "server.log"
        detail = getattr(error, "stderr", "") or (log.read_text() if log.exists() else "")
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the server did not start ({error}): {detail.strip()[-500:]}")
    try:
        _make_template(server)
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _make_template(server: PostgresServer) -> None:
    from keyplan.store.database import open_database

    server.execute(f"CREATE DATABASE {TEMPLATE}")
    open_database(server.url(TEMPLATE)).close()  # runs the migrations, as the app does


_numbers = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh Keyplan database (schema at head, no rows), dropped afterwards."""
    name = f"keyplan_test_{os.getpid()}_{next(_numbers)}"
    server = postgres_server
    server.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    yield server.url(name)
    server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def empty_postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a database with no tables at all, as a team gets it from its admin."""
    name = f"keyplan_empty_{os.getpid()}_{next(_numbers)}"
    postgres_server.execute(f"CREATE DATABASE {name}")
    yield postgres_server.url(name)
    postgres_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
