"""A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary directory.

    with running_cluster() as cluster:
        url = cluster.new_database()      # postgresql://kelas@127.0.0.1:PORT/test_…, fresh and empty
        ...
        cluster.drop_database(url)        # a name or the URL new_database returned

Nothing is installed or configured system-wide: the cluster lives in one temporary directory (data, unix
socket, server log), listens on 127.0.0.1 only, on a free port, and is stopped and deleted on exit even when
a test failed. Settings trade durability for speed (fsync off and friends): never point this at real data.

initdb refuses to run as root, and CI runs as root. So when this process is root, every PostgreSQL
command runs as the `postgres` system user (which Debian's `postgresql` package creates) through
`runuser`, and the temporary directory is handed to that user. As any other user the commands run directly.

Binaries: the newest /usr/lib/postgresql/<major>/bin (Debian's layout, where they are not on PATH), else
`initdb` on PATH. The product needs PostgreSQL 15 or newer; an older one is refused with a clear error.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MIN_MAJOR = 15
SUPERUSER = "kelas"   # the cluster's superuser (initdb -U); trust authentication, so no password
RUN_AS = "postgres"   # the unprivileged system user the commands run as when we are root
START_TIMEOUT = 30.0  # seconds for pg_ctl start and the first connection

# Appended to postgresql.conf. Fast and small, for tests only.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "max_connections": "200",          # concurrency tests open many; the default 100 is close
    "shared_buffers": "'64MB'",
    "fsync": "off",                    # no flush to disk: a crash loses the cluster, which is thrown away anyway
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",            # no replication, so less WAL (needs max_wal_senders = 0)
    "max_wal_senders": "0",
    "timezone": "'UTC'",               # the same answers on every CI machine
    "log_min_messages": "warning",
    "log_line_prefix": "'%m [%p] %d '",
}

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")  # the database names we create and accept to drop


class ClusterError(RuntimeError):
    """PostgreSQL could not be found, set up or started; the message says why and what to do."""


@dataclass
class Cluster:
    """A running throwaway cluster. `url` points at its `postgres` maintenance database."""

    bin_dir: Path
    directory: Path          # the temporary directory: data/, the unix socket and server.log
    port: int
    major: int
    startup_seconds: float = 0.0
    created: list[str] = field(default_factory=list)

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def user(self) -> str:
        return SUPERUSER

    @property
    def log_path(self) -> Path:
        return self.directory / "server.log"

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@{self.host}:{self.port}/{dbname}"

    def new_database(self, name: str | None = None, template: str | None = None) -> str:
        """CREATE a fresh database (empty, or a copy of `template`) and return its URL."""
        import psycopg
        from psycopg import sql

        name = name or f"test_{uuid.uuid4().hex[:16]}"
        _check_name(name)
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            _check_name(template)
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        # FILE_COPY copies the template's files after a checkpoint, which is cheap with fsync off and little
        # unwritten data (each test's database is dropped, and its buffers with it): about 15 ms on an idle
        # cluster against 90 ms for PostgreSQL 15's default WAL_LOG, which writes every page to the WAL.
        statement += sql.SQL(" STRATEGY FILE_COPY")
        # CREATE DATABASE cannot run inside a transaction block, hence autocommit.
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(statement)
        self.created.append(name)
        return self.url_for(name)

    def drop_database(self, name_or_url: str) -> None:
        """DROP a database (by name or by the URL new_database returned), closing any connection still
        open to it (WITH (FORCE)): a test that forgot to close one must not break the next."""
        import psycopg
        from psycopg import sql

        name = name_or_url.rsplit("/", 1)[-1].split("?", 1)[0]
        _check_name(name)
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        with contextlib.suppress(ValueError):
            self.created.remove(name)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            return f"(no server log: {exc})"


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    """Start a throwaway cluster, yield it, then stop it (immediate mode) and delete its directory."""
    bin_dir, major = find_binaries()
    run_as = _unprivileged_user()
    directory = Path(tempfile.mkdtemp(prefix="kelas-pg-"))
    try:
        if run_as:
            os.chown(directory, run_as.pw_uid, run_as.pw_gid)
            _check_reachable(directory, run_as)
        cluster = Cluster(bin_dir=bin_dir, directory=directory, port=0, major=major)
        started = time.monotonic()
        _initdb(cluster, run_as)
        try:
            _start(cluster, run_as)
            cluster.startup_seconds = time.monotonic() - started
            yield cluster
        finally:  # also after a failed start: pg_ctl may have given up waiting on a server that runs
            _stop(cluster, run_as)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


# --- finding PostgreSQL --------------------------------------------------------------------------

def find_binaries() -> tuple[Path, int]:
    """The directory holding initdb, pg_ctl and postgres, and its major version (≥ MIN_MAJOR)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else -1,
                        reverse=True)
    on_path = shutil.which("initdb")
    if candidates:
        bin_dir = candidates[0].parent
    elif on_path:
        bin_dir = Path(on_path).resolve().parent
    else:
        raise ClusterError("PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb and no initdb on "
                           f"PATH. Install it (Debian: apt-get install postgresql; {MIN_MAJOR} or newer).")
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not os.access(bin_dir / tool, os.X_OK):
            raise ClusterError(f"{bin_dir / tool} is missing or not executable")
    # "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"
    version = subprocess.run([str(bin_dir / "postgres"), "--version"], capture_output=True, text=True,
                             check=False).stdout
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", version)
    if not match:
        raise ClusterError(f"cannot read the version of {bin_dir / 'postgres'}: {version!r}")
    major = int(match.group(1))
    if major < MIN_MAJOR:
        raise ClusterError(f"PostgreSQL {major} found in {bin_dir}; the product needs {MIN_MAJOR} or newer")
    return bin_dir, major


# --- running as an unprivileged user -------------------------------------------------------------

def _unprivileged_user() -> pwd.struct_passwd | None:
    """None when we are not root (run commands directly); else the `postgres` user to run them as."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(RUN_AS)
    except KeyError:
        raise ClusterError(
            f"running as root, and initdb refuses root, but there is no '{RUN_AS}' user to run it as. "
            f"Install Debian's postgresql package (it creates the user) or: "
            f"useradd --system --home-dir /var/lib/postgresql --shell /bin/bash {RUN_AS}") from None


def _run(cluster: Cluster, run_as: pwd.struct_passwd | None, *args: str,
         timeout: float = START_TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run one PostgreSQL tool from the cluster's bin directory, as `run_as` when given."""
    command = [str(cluster.bin_dir / args[0]), *args[1:]]
    if run_as:
        if shutil.which("runuser"):
            command = ["runuser", "-u", run_as.pw_name, "--", *command]
        else:  # runuser is in util-linux, essential on Debian; elsewhere let Python drop privileges
            return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                                  cwd=cluster.directory, env=_environment(run_as), user=run_as.pw_uid,
                                  group=run_as.pw_gid, extra_groups=[])
    # cwd: the temporary directory, which the user can enter (root's own cwd, e.g. /root, it cannot).
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=cluster.directory, env=_environment(run_as))


def _environment(run_as: pwd.struct_passwd | None) -> dict[str, str]:
    """This process's environment without PG* variables (a developer's PGPORT, PGDATA… must not leak
    into the throwaway cluster), with a plain C locale and, under runuser, the user's own HOME."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C"
    if run_as:
        env["HOME"] = run_as.pw_dir
        env["USER"] = env["LOGNAME"] = run_as.pw_name
    return env


def _check_reachable(directory: Path, run_as: pwd.struct_passwd) -> None:
    """The unprivileged user must be able to reach the temporary directory (every parent searchable):
    a TMPDIR under /root would not be."""
    for parent in directory.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            raise ClusterError(f"'{run_as.pw_name}' cannot enter {parent} (mode {oct(mode & 0o777)}), a parent "
                               f"of the temporary cluster directory {directory}; set TMPDIR to a directory it can "
                               "reach, such as /tmp")


# --- initdb, start, stop -------------------------------------------------------------------------

def _initdb(cluster: Cluster, run_as: pwd.struct_passwd | None) -> None:
    # Locale C with UTF-8 text: byte-order sorting and comparisons like SQLite's, on every machine.
    done = _run(cluster, run_as, "initdb", "--pgdata", str(cluster.directory / "data"), "--username", SUPERUSER,
                "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions")
    if done.returncode != 0:
        raise ClusterError(f"initdb failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    settings = {**SETTINGS, "unix_socket_directories": f"'{cluster.directory}'"}
    # The file belongs to the unprivileged user; root may still append to it, and it keeps its owner.
    with (cluster.directory / "data" / "postgresql.conf").open("a") as conf:
        conf.write("\n# tests/pg_cluster.py: a throwaway cluster for the tests\n")
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())


def _start(cluster: Cluster, run_as: pwd.struct_passwd | None, attempts: int = 3) -> None:
    """pg_ctl start on a free port and wait until a connection succeeds. The port is free when chosen but
    another process may take it before the server binds it: then try again with another one."""
    for attempt in range(1, attempts + 1):
        cluster.port = _free_port()
        done = _run(cluster, run_as, "pg_ctl", "start", "--pgdata", str(cluster.directory / "data"),
                    "--log", str(cluster.log_path), "--wait", "--timeout", str(int(START_TIMEOUT)),
                    "-o", f"-p {cluster.port}", timeout=START_TIMEOUT + 10)
        if done.returncode == 0:
            _wait_for_connection(cluster)
            return
        in_use = "already in use" in cluster.log_tail()
        if not in_use or attempt == attempts:
            raise ClusterError(f"pg_ctl start failed ({done.returncode}):\n{done.stdout}\n{done.stderr}\n"
                               f"--- tail of {cluster.log_path}:\n{cluster.log_tail()}")


def _wait_for_connection(cluster: Cluster) -> None:
    """pg_ctl --wait already waits for "ready"; one real connection proves the TCP address and the role."""
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with psycopg.connect(cluster.url, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise ClusterError(f"PostgreSQL started but refuses connections at {cluster.url}: {exc}\n"
                                   f"--- tail of {cluster.log_path}:\n{cluster.log_tail()}") from exc
            time.sleep(0.05)


def _stop(cluster: Cluster, run_as: pwd.struct_passwd | None) -> None:
    """Immediate shutdown: no checkpoint, nothing worth keeping. If pg_ctl cannot stop it, kill the
    postmaster we started (its pid is the first line of postmaster.pid) so no server outlives the tests."""
    data = cluster.directory / "data"
    done = None
    with contextlib.suppress(subprocess.TimeoutExpired):
        done = _run(cluster, run_as, "pg_ctl", "stop", "--pgdata", str(data), "--mode", "immediate", "--wait")
    if done is not None and done.returncode == 0:
        return
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int((data / "postmaster.pid").read_text().splitlines()[0])
        # Only our own postmaster (its command line names our data directory), never a reused pid.
        if str(data).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
            os.kill(pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise ValueError(f"not a database name this helper creates: {name!r} (lower case, digits, underscore)")
