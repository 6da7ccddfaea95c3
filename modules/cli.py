"""`python -m modules …`: a thin command line over the store and the catalogue."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from modules import auth
from modules.config import load_settings
from modules.course import load_catalogue
from modules.i18n import t
from modules.store import DuplicateNip, default_store


def init_db(_: argparse.Namespace) -> int:
    store = default_store()
    print(t("cli.db_ready", path=store.path))
    return 0


def create_user(args: argparse.Namespace) -> int:
    check = auth.check_nip(args.nip, declared_kind=args.kind)
    if not check.ok:
        for error in check.errors:
            print(error, file=sys.stderr)
        return 2
    password = os.environ.get("KELAS_NEW_PASSWORD")
    if password is None:
        password = getpass.getpass(t("cli.password_prompt"))
        if password != getpass.getpass(t("cli.password_again")):
            print(t("password.mismatch"), file=sys.stderr)
            return 2
    problems = auth.check_password(password, nip=check.nip, name=args.name)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    try:
        default_store().create_user(nip=check.nip, nip_kind=check.kind, name=args.name, role=args.role,
                                    agency=args.agency, region=args.region,
                                    password_hash=auth.hash_password(password))
    except DuplicateNip:
        print(t("nip.taken"), file=sys.stderr)
        return 2
    print(t("cli.user_created", role=t(f"role.{args.role}"), name=args.name, nip=check.nip))
    return 0


def validate_content(_: argparse.Namespace) -> int:
    settings = load_settings()
    catalogue = load_catalogue(settings.content_dir, settings.quizzes_dir)
    for problem in catalogue.problems:
        print(problem)
    print(t("cli.content_summary", lessons=len(catalogue.lessons), questions=len(catalogue.questions),
            problems=len(catalogue.problems)), file=sys.stderr)
    return 1 if catalogue.problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m modules", description="Kelas Literasi Digital ASN")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="create or migrate the database").set_defaults(run=init_db)
    user = commands.add_parser("create-user", help="create an account (password from the terminal "
                                                   "or KELAS_NEW_PASSWORD)")
    user.add_argument("--role", choices=auth.ROLES, required=True)
    user.add_argument("--nip", required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--kind", choices=("pns", "pppk"), default=None)
    user.add_argument("--agency", default=None)
    user.add_argument("--region", default=None)
    user.set_defaults(run=create_user)
    commands.add_parser("validate-content", help="check every lesson and question bank"
                        ).set_defaults(run=validate_content)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
