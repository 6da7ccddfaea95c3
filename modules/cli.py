"""`python -m modules …`: a thin command line over the store and the catalogue."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from modules import auth, roster
from modules.config import load_settings
from modules.course import load_catalogue
from modules.db.dialect import shown_target
from modules.evaluation import load_form
from modules.i18n import t
from modules.store import DuplicateNip, default_store


def init_db(_: argparse.Namespace) -> int:
    store = default_store()
    print(t("cli.db_ready", path=shown_target(store.target)))
    return 0


def copy_database(args: argparse.Namespace) -> int:
    from pathlib import Path

    from modules.db import DATABASE_ERRORS
    from modules.db.move import MoveError
    from modules.db.move import copy_database as copy_all
    from modules.store import Store

    source_path = Path(args.source or load_settings().db_path)
    if not source_path.exists():
        print(t("move.no_source", path=source_path), file=sys.stderr)
        return 2
    source = Store(source_path)
    try:
        result = copy_all(source.db, args.to)
    except (MoveError, *DATABASE_ERRORS) as error:
        print(t("move.failed", error=error), file=sys.stderr)
        return 2
    for check in result.tables:
        verdict = t("move.same") if check.ok else t("move.differs", source=check.source_rows, target=check.target_rows)
        print(t("move.table", table=check.table, rows=check.target_rows, verdict=verdict))
    if not result.ok:
        print(t("move.mismatch"), file=sys.stderr)
        return 1
    print(t("move.done", tables=len(result.tables), rows=sum(c.target_rows for c in result.tables),
            target=shown_target(args.to)))
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
    for value, column in ((args.name, "nama"), (args.agency, "instansi"), (args.region, "kabupaten_kota")):
        if value and len(value) > roster.MAX_LENGTH[column]:
            print(t("roster.too_long", column=column, n=len(value), limit=roster.MAX_LENGTH[column]), file=sys.stderr)
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


def settings_warnings(settings) -> list[str]:
    """Course-rule settings that are none of their values (the app then uses the default)."""
    from modules import completion, retakes

    found = []
    if retakes.parse_rule(settings.retake_rule) is None:
        found.append(t("cli.bad_retake_rule", value=settings.retake_rule))
    if (settings.completion_rule or "").strip().lower() not in ("", *completion.COMPLETION_RULES):
        found.append(t("cli.bad_completion_rule", value=settings.completion_rule))
    return found


def validate_content(_: argparse.Namespace) -> int:
    """Problems (errors) on standard output, one `file:line: message` each; warnings, the banks' cue
    statistics and the JP computation on standard error."""
    from modules import item_cues

    settings = load_settings()
    catalogue = load_catalogue(settings.content_dir, settings.quizzes_dir)
    _, form_problems = load_form(settings.content_dir)  # the course evaluation form
    problems = [*catalogue.problems, *form_problems]
    for problem in problems:
        print(problem)
    for warning in catalogue.warnings:
        print(f"{warning.file}:{warning.line}: {t('cli.warning')}: {warning.message}", file=sys.stderr)
    for warning in settings_warnings(settings):
        print(f"{t('cli.warning')}: {warning}", file=sys.stderr)
    banks = {pillar: [item_cues.item_from_question(q) for q in sorted(catalogue.pillar_questions(pillar),
                                                                       key=lambda q: q.id)]
             for pillar in catalogue.bank_versions}
    pool = [item for items in banks.values() for item in items]
    cue_warnings = 0
    for pillar, items in banks.items():
        cues = item_cues.bank_cues(pillar, items, settings.questions_per_quiz, settings.pass_mark, pool)
        print("\n".join(item_cues.format_cues(cues)), file=sys.stderr)
        for warning in item_cues.cue_warnings(cues):
            cue_warnings += 1
            print(f"  ! {warning}", file=sys.stderr)
    from modules import jp

    print(t("cli.jp_heading"), file=sys.stderr)
    print("\n".join(jp.breakdown(catalogue, settings.questions_per_quiz, settings.course_jp).lines()), file=sys.stderr)
    print(t("cli.content_summary", lessons=len(catalogue.lessons), questions=len(catalogue.questions),
            problems=len(problems)), file=sys.stderr)
    print(t("cli.warnings_summary", warnings=len(catalogue.warnings), cues=cue_warnings), file=sys.stderr)
    return 1 if problems else 0


def cue_stats(args: argparse.Namespace) -> int:
    from pathlib import Path

    from modules import item_cues

    settings = load_settings()
    quizzes_dir = Path(args.quizzes_dir) if args.quizzes_dir else settings.quizzes_dir
    banks = item_cues.load_banks(quizzes_dir)
    if not banks:
        print(t("cues.no_banks", path=quizzes_dir), file=sys.stderr)
        return 2
    print(t("cues.heading", path=quizzes_dir, count=settings.questions_per_quiz, mark=settings.pass_mark))
    pool = [item for items in banks.values() for item in items]
    for pillar, items in banks.items():
        cues = item_cues.bank_cues(pillar, items, settings.questions_per_quiz, settings.pass_mark, pool)
        print("\n".join(item_cues.format_cues(cues)))
        for warning in item_cues.cue_warnings(cues):
            print(f"  ! {warning}")
    return 0


def import_roster(args: argparse.Namespace) -> int:
    from modules import admin

    if not os.path.isfile(args.file):
        print(t("roster.cli_no_file", path=args.file), file=sys.stderr)
        return 2
    store = default_store()
    with open(args.file, "rb") as source:
        preview = admin.preview_roster(store, source.read(), source=f"cli: {os.path.basename(args.file)}")
    print("\n".join(admin.preview_report(preview.plan)))
    if preview.plan.errors:
        return 2
    if args.dry_run or not preview.plan.has_work:
        print(t("roster.cli_dry_run") if args.dry_run else t("roster.nothing_to_do"))
        return 0
    if preview.plan.refusals and not args.skip_refused:
        print(t("roster.cli_refusals", n=len(preview.plan.refusals)), file=sys.stderr)
        return 2
    codes_path = args.codes or f"kode-aktivasi-{admin.utcnow().strftime('%Y%m%d-%H%M%S')}.csv"
    try:  # claimed before importing: codes that cannot be written would be lost
        codes_file = os.fdopen(os.open(codes_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
    except OSError as error:
        print(t("roster.cli_codes_file", path=codes_path, error=error.strerror), file=sys.stderr)
        return 2
    with codes_file:
        result = admin.import_roster(store, preview, actor_id=None, accept_refusals=args.skip_refused)
        if not result.errors:
            codes_file.write(admin.codes_csv(result.codes))
    if result.errors:
        os.unlink(codes_path)
        print("\n".join(result.errors), file=sys.stderr)
        return 2
    print(t("admin.roster.imported", created=result.created, updated=result.updated, batches=result.batches))
    if result.claimed:
        print(t("admin.roster.claimed", n=result.claimed))
    if result.codes:
        print(t("roster.cli_codes_written", n=len(result.codes), path=codes_path))
    else:
        os.unlink(codes_path)
    return 0


def backup(args: argparse.Namespace) -> int:
    from modules.backup import BackupError, backup_database

    if load_settings().database_url:
        print(t("backup.postgres"), file=sys.stderr)
        return 2
    try:
        result = backup_database(load_settings().db_path, args.path, overwrite=args.overwrite)
    except BackupError as error:
        print(error, file=sys.stderr)
        return 2
    default_store().audit(None, "backup_made", str(result.path.resolve()), f"{result.size_bytes} B")
    print(t("admin.backup_done", path=result.path, mb=f"{result.size_bytes / 1e6:.1f}", users=result.users))
    return 0


def export_xapi(args: argparse.Namespace) -> int:
    from modules import xapi

    since = None
    if args.since is not None:
        since = xapi.parse_since(args.since)
        if since is None:
            print(t("xapi.bad_since", value=args.since), file=sys.stderr)
            return 2
    settings = load_settings()
    store = default_store()
    builder = xapi.StatementBuilder(settings.base_url, store.secret_key(settings.secret_key),
                                    load_catalogue(settings.content_dir, settings.quizzes_dir))
    if args.output in (None, "-"):
        count = xapi.write_jsonl(xapi.statements(store, builder, since), sys.stdout)
        print(t("xapi.written", n=count, path="stdout"), file=sys.stderr)
        return 0
    try:  # never overwrite an earlier export
        out = open(args.output, "x", encoding="utf-8")  # noqa: SIM115 - closed below, removed if the export fails
    except FileExistsError:
        print(t("xapi.file_exists", path=args.output), file=sys.stderr)
        return 2
    try:
        with out:
            count = xapi.write_jsonl(xapi.statements(store, builder, since), out)
    except BaseException:
        os.unlink(args.output)
        raise
    print(t("xapi.written", n=count, path=args.output), file=sys.stderr)
    return 0


def export_jp(args: argparse.Namespace) -> int:
    from modules import analytics, jp_export
    from modules.organiser import load_organiser

    store = default_store()
    known = {str(batch["id"]): batch["id"] for batch in store.batches()}
    known.update({batch["name"]: batch["id"] for batch in store.batches()})
    wanted = [known.get(batch.strip()) for batch in args.batch]
    unknown = [batch for batch, found in zip(args.batch, wanted, strict=True) if found is None]
    if unknown:
        names = ", ".join(batch["name"] for batch in store.batches()) or "–"
        print(t("jp.cli.unknown_batch", batch=", ".join(unknown), known=names), file=sys.stderr)
        return 2
    if args.format == "xlsx" and args.output in (None, "-"):
        print(t("jp.cli.xlsx_needs_file"), file=sys.stderr)
        return 2
    rows = jp_export.jp_rows(store, analytics.COMMAND_LINE, wanted, load_organiser(), load_settings().base_url)
    data = jp_export.render(rows, args.format)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        print(t("jp.cli.written", n=len(rows), path="stdout"), file=sys.stderr)
        return 0
    try:  # never overwrite an earlier export
        with open(args.output, "xb") as out:
            out.write(data)
    except FileExistsError:
        print(t("jp.cli.file_exists", path=args.output), file=sys.stderr)
        return 2
    print(t("jp.cli.written", n=len(rows), path=args.output), file=sys.stderr)
    return 0


def demo_data(args: argparse.Namespace) -> int:
    from modules import demo
    from modules.jp import course_jp

    settings = load_settings()
    catalogue = load_catalogue(settings.content_dir, settings.quizzes_dir)
    return demo.run_command(default_store(), catalogue,
                            learners=args.learners, seed=args.seed, replace=args.replace,
                            pass_mark=settings.pass_mark, jp=course_jp(catalogue), out=print,
                            err=lambda line: print(line, file=sys.stderr))


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
    cues_cmd = commands.add_parser("cue-stats", help="surface cues per question bank and what a learner "
                                                      "who reads nothing would score")
    cues_cmd.add_argument("--quizzes-dir", default=None, help="folder of the banks (default: KELAS_QUIZZES_DIR "
                                                              "or quizzes/)")
    cues_cmd.set_defaults(run=cue_stats)
    roster_cmd = commands.add_parser("import-roster", help="import people from a CSV or XLSX roster "
                                                           "(preview first with --dry-run)")
    roster_cmd.add_argument("file")
    roster_cmd.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    roster_cmd.add_argument("--skip-refused", action="store_true", help="import even though some rows are refused")
    roster_cmd.add_argument("--codes", default=None, help="where to write the new activation codes (CSV; "
                                                          "default kode-aktivasi-<time>.csv here)")
    roster_cmd.set_defaults(run=import_roster)
    backup_cmd = commands.add_parser("backup", help="copy the database consistently while the app runs")
    backup_cmd.add_argument("path")
    backup_cmd.add_argument("--overwrite", action="store_true", help="replace an existing file at PATH")
    backup_cmd.set_defaults(run=backup)
    move_cmd = commands.add_parser("copy-database", help="copy this SQLite site into an empty PostgreSQL "
                                                         "database and check every table")
    move_cmd.add_argument("--to", required=True, help="postgresql://user:password@host/database (must be empty)")
    move_cmd.add_argument("--from", dest="source", default=None, help="the SQLite file (default KELAS_DB_PATH)")
    move_cmd.set_defaults(run=copy_database)
    xapi_cmd = commands.add_parser("export-xapi", help="write learning records as xAPI 1.0.3 statements, "
                                                        "one JSON object per line")
    xapi_cmd.add_argument("--since", default=None, help="only events from this date on (YYYY-MM-DD, WIB)")
    xapi_cmd.add_argument("--output", default=None, help="file to create (default: standard output)")
    xapi_cmd.set_defaults(run=export_xapi)
    jp_cmd = commands.add_parser("export-jp", help="training hours (JP) of a batch's certified learners as "
                                                   "SIASN 'riwayat kursus' records")
    jp_cmd.add_argument("--batch", action="append", required=True, help="batch name or id (repeat for more)")
    jp_cmd.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    jp_cmd.add_argument("--output", default=None, help="file to create (default: standard output)")
    jp_cmd.set_defaults(run=export_jp)
    demo_cmd = commands.add_parser("demo-data", help="fill the database with a seeded demo cohort "
                                                     "(accounts marked [DEMO])")
    demo_cmd.add_argument("--learners", type=int, default=18_000, help="how many learners (default 18000)")
    demo_cmd.add_argument("--seed", type=int, default=2026, help="the seed; the same seed gives the same cohort")
    demo_cmd.add_argument("--replace", action="store_true", help="delete an existing demo cohort first")
    demo_cmd.set_defaults(run=demo_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
