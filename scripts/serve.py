"""Serve a whole batch: N `uvicorn app:app` processes behind HAProxy, under supervisord.

    python scripts/serve.py [--processes N] [--port 8501] [--check]

Writes haproxy.cfg and supervisord.conf from deploy/*.template into the run folder, checks the
proxy configuration with `haproxy -c`, migrates the database once, then runs supervisord in the
foreground: it starts every process and restarts any that dies. `--check` stops after the check.

The database is the one the settings name: `KELAS_DATABASE_URL=postgresql://…` (every process on
one PostgreSQL database), else the SQLite file `KELAS_DB_PATH`. Supervisord passes its whole
environment to every program, so the URL reaches each app process without being written into
the generated configuration (it may hold a password; it is only ever shown masked).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules.config import load_settings  # noqa: E402
from modules.db.dialect import shown_target  # noqa: E402

DEPLOY = ROOT / "deploy"
# One process's share of a 3,000-learner batch on two cores; beyond it newcomers queue, then get the
# "penuh" page. Size it for a machine from the README's capacity table ("Melayani satu angkatan").
DEFAULT_SESSIONS_PER_PROCESS = 1500
# Short calls (a choice, a script file) in flight at once per process; more wait briefly in the proxy.
CALLS_PER_PROCESS = 64


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=_int_env("KELAS_PROCESSES", os.cpu_count() or 1),
                        help="app processes (default: one per core, or KELAS_PROCESSES)")
    parser.add_argument("--port", type=int, default=_int_env("PORT", 8501), help="the proxy's public port")
    parser.add_argument("--bind", default=os.environ.get("KELAS_BIND", "0.0.0.0"), help="the proxy's address")
    parser.add_argument("--first-app-port", type=int, default=_int_env("KELAS_FIRST_APP_PORT", 8601),
                        help="app processes listen on 127.0.0.1 from this port up")
    parser.add_argument("--sessions-per-process", type=int,
                        default=_int_env("KELAS_SESSIONS_PER_PROCESS", DEFAULT_SESSIONS_PER_PROCESS),
                        help="open sessions one process takes before newcomers queue")
    parser.add_argument("--queue-seconds", type=int, default=_int_env("KELAS_QUEUE_SECONDS", 15),
                        help="how long a newcomer waits for a free slot before the 'penuh' page")
    parser.add_argument("--run-dir", type=Path, default=Path(os.environ.get("KELAS_RUN_DIR", ROOT / "run")),
                        help="where the generated configuration and logs go")
    parser.add_argument("--check", action="store_true", help="write and check the configuration, then stop")
    return parser.parse_args(argv)


def haproxy_config(args: argparse.Namespace) -> str:
    servers = "\n".join(f"    server app{n} 127.0.0.1:{args.first_app_port + n} cookie p{n}"
                        for n in range(args.processes))
    calls = "\n".join(f"    server app{n} 127.0.0.1:{args.first_app_port + n} track streamlit/app{n}"
                      for n in range(args.processes))
    return Template((DEPLOY / "haproxy.cfg.template").read_text()).substitute(
        GLOBAL_MAXCONN=args.processes * (args.sessions_per_process + CALLS_PER_PROCESS) + 1000,
        QUEUE_SECONDS=args.queue_seconds, ERRORS_DIR=DEPLOY / "errors", BIND=args.bind, PORT=args.port,
        SESSIONS_PER_PROCESS=args.sessions_per_process, SERVERS=servers, CALLS_PER_PROCESS=CALLS_PER_PROCESS,
        CALL_SERVERS=calls)


def supervisord_config(args: argparse.Namespace, haproxy_cfg: Path) -> str:
    python = Path(sys.executable)
    # No per-message compression on the websockets: it cost a fifth of a hello-world rerun's CPU,
    # and Streamlit's own server leaves it off by default too.
    uvicorn = f"{python} -m uvicorn app:app --host 127.0.0.1 --no-access-log --ws-per-message-deflate false"
    programs = []
    for n in range(args.processes):
        programs.append(f"""[program:app{n}]
command = {uvicorn} --port {args.first_app_port + n}
directory = {ROOT}
autorestart = true
startsecs = 3
startretries = 100
stopsignal = TERM
stopwaitsecs = 20
redirect_stderr = true
stdout_logfile = {args.run_dir}/app{n}.log
stdout_logfile_maxbytes = 20MB
""")
    programs.append(f"""[program:proxy]
command = {shutil.which("haproxy") or "haproxy"} -db -f {haproxy_cfg}
autorestart = true
startsecs = 1
redirect_stderr = true
stdout_logfile = {args.run_dir}/proxy.log
stdout_logfile_maxbytes = 20MB
""")
    return Template((DEPLOY / "supervisord.conf.template").read_text()).substitute(
        RUN_DIR=args.run_dir, MIN_FDS=min(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 65536,
                                          2 * args.sessions_per_process + 1024),
        PROGRAMS="\n".join(programs))


def write_configs(args: argparse.Namespace) -> tuple[Path, Path]:
    args.run_dir = args.run_dir.resolve()
    args.run_dir.mkdir(parents=True, exist_ok=True)
    haproxy_cfg, supervisord_conf = args.run_dir / "haproxy.cfg", args.run_dir / "supervisord.conf"
    haproxy_cfg.write_text(haproxy_config(args))
    supervisord_conf.write_text(supervisord_config(args, haproxy_cfg))
    return haproxy_cfg, supervisord_conf


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.processes < 1:
        raise SystemExit("--processes must be at least 1")
    haproxy_cfg, supervisord_conf = write_configs(args)
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        raise SystemExit("haproxy is not installed: apt-get install haproxy")
    subprocess.run([haproxy, "-c", "-q", "-f", str(haproxy_cfg)], check=True)
    print(f"{args.processes} app processes on 127.0.0.1:{args.first_app_port}-"
          f"{args.first_app_port + args.processes - 1}, proxy on {args.bind}:{args.port}; "
          f"database {shown_target(load_settings().database)}; configuration in {args.run_dir}")
    if args.check:
        return 0
    # Migrate once before N processes start, so they do not all queue on the first write. Each
    # process migrates again at start (a no-op then); migrations hold the write lock and re-check
    # what is applied under it, so processes restarted together never apply one twice.
    subprocess.run([sys.executable, "-m", "modules", "init-db"], cwd=ROOT, check=True)
    supervisord = Path(sys.executable).with_name("supervisord")
    # The app processes inherit this: a real rollout, where a certificate must never carry a QR code
    # that points at the server's own loopback address.
    os.environ.setdefault("KELAS_PRODUCTION", "1")
    os.execv(str(supervisord), [str(supervisord), "-c", str(supervisord_conf)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
