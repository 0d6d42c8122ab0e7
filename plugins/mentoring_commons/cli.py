"""The ``commons`` command line.

- ``commons check [CONTENT_DIR]``: validate content, warn about programs not checked for a long
  time, and with ``--links`` check program and reference web addresses;
- ``commons new KIND``: start a new entry from its template (``newentry.py``);
- ``commons schema``: write the JSON Schemas generated from the model;
- ``commons edit``: the web editor on this working tree, through decap-server (``editlocal.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import editlocal
from . import newentry as new_entry
from .core.check.freshness import DEFAULT_STALE_AFTER_DAYS
from .core.source.diagnostics import Diagnostic, Report, format_github, format_plain
from .linkcheck import DEFAULT_BUDGET, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from .core.load.catalog import Catalog

EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130, as a shell reports a command stopped by Ctrl-C


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 to 3600)")
    return value


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0 turns it off)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commons", description="Check, start and describe Mentoring Commons content."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate content and report every problem")
    check.add_argument("content_dir", nargs="?", default="content", help="default: content")
    check.add_argument("--format", choices=("plain", "github"), default="plain",
                       help="plain (default) or GitHub annotations")
    check.add_argument("--today", type=_date, default=None,
                       help="the date consent review dates are compared with (default: today)")
    check.add_argument("--stale-after", type=_days, default=DEFAULT_STALE_AFTER_DAYS,
                       metavar="DAYS",
                       help="warn about programs whose last_checked is more than DAYS old "
                            f"(default: {DEFAULT_STALE_AFTER_DAYS}; 0 turns it off)")
    check.add_argument("--links", action="store_true",
                       help="also check program and reference web addresses (needs internet)")
    check.add_argument("--link-timeout", type=_seconds, default=DEFAULT_TIMEOUT,
                       metavar="SECONDS",
                       help=f"time allowed per address (default: {DEFAULT_TIMEOUT:g})")
    check.add_argument("--links-budget", type=_seconds, default=DEFAULT_BUDGET,
                       metavar="SECONDS",
                       help=f"time allowed for all addresses (default: {DEFAULT_BUDGET:g})")

    new_entry.add_new_parser(sub, _date)

    schema = sub.add_parser("schema", help="write the JSON Schemas generated from the model")
    schema.add_argument("content_dir", nargs="?", default="content", help="default: content")
    schema.add_argument("--out", default="schemas", help="folder to write to (default: schemas)")
    schema.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the folder is out of date")
    editlocal.add_edit_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on usage errors
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "new":
            return new_entry.run_new(args)
        if args.command == "edit":
            return editlocal.run_edit(args)  # stops its servers on Ctrl-C itself
        return run_schema(args)
    except KeyboardInterrupt:
        # Ctrl-C: one line, no traceback. `commons new` has removed a file it had begun.
        lead = "\n" if sys.stdin is not None and sys.stdin.isatty() else ""
        done = " Nothing was written." if args.command == "new" else ""
        print(f"{lead}commons {args.command}: stopped (Ctrl-C).{done}", file=sys.stderr)
        return EXIT_INTERRUPTED


# From this many entry files on, `commons check` (without --links) is split across processes,
# one per core: at 10,000 narratives it is CPU-bound for several seconds.
PARALLEL_FROM_ENTRIES = 2000


def check_files(content_dir: Path, today: dt.date, stale_after: int,
                shard: tuple[int, int] | None = None,
                reserved: Mapping[str, str] | None = None) -> tuple[Catalog, Report]:
    """Every check `commons check` makes without --links, in this process. ``reserved``: the
    outputs besides the generated pages that content may not land on (mkdocs/reserved.py)."""
    from .core.check.freshness import FreshnessPolicy, check_freshness
    from .core.check.validate import check_content
    from .core.outputs.outputpaths import check_output_paths
    from .core.outputs.pagelinks import check_page_links

    # Nothing is loaded twice in one run, so the record cache (for mkdocs serve) is not used.
    catalog, report = check_content(content_dir, today=today, cache=None, shard=shard)
    check_output_paths(catalog, report, reserved)
    check_page_links(catalog, report, today)
    check_freshness(catalog, report, today, FreshnessPolicy(stale_after))
    return catalog, report


def _check_shard(job: tuple[Path, dt.date, int, tuple[int, int], Mapping[str, str]]
                 ) -> list[Diagnostic]:
    content_dir, today, stale_after, shard, reserved = job
    return check_files(content_dir, today, stale_after, shard, reserved)[1].items


def check_report(content_dir: Path, today: dt.date, stale_after: int,
                 workers: int | None = None,
                 reserved: Mapping[str, str] | None = None) -> Report:
    """``check_files``' report, from ``workers`` processes (by default one per core when the
    content is large) that each load and check a share of the entry files."""
    from .core.load import parallel
    from .core.model.kinds import KINDS

    if workers is None:  # a count of names: the shards walk and read the files themselves
        folders = [content_dir / kind.folder for kind in KINDS.values() if kind.folder]
        entries = sum(len(os.listdir(folder)) for folder in folders if folder.is_dir())
        workers = parallel.worker_count(entries, PARALLEL_FROM_ENTRIES)
    if workers <= 1 or not parallel.can_fork():
        return check_files(content_dir, today, stale_after, reserved=reserved)[1]
    jobs = [(content_dir, today, stale_after, (k, workers), reserved or {})
            for k in range(workers)]
    shards = parallel.map_forked(_check_shard, jobs, workers)
    return Report([diagnostic for items in shards for diagnostic in items])


def run_check(args: argparse.Namespace) -> int:
    content_dir = Path(args.content_dir)
    if not content_dir.is_dir():
        print(f"commons check: error: {args.content_dir!r} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    from .core.load.loader import collector_paused

    # The records and diagnostics live to the end of the check and hold no reference cycles:
    # the cyclic collector's passes over them found nothing and took a sixth of the check at
    # 10,000 narratives (forked shards inherit the pause). Reference counting frees the rest.
    with collector_paused():
        return _check(args, content_dir)


def _check(args: argparse.Namespace, content_dir: Path) -> int:
    today = args.today or dt.date.today()
    summary = None
    from .mkdocs.reserved import reserved_from_config_file

    reserved = reserved_from_config_file(content_dir.resolve().parent / "mkdocs.yml")
    if args.links:  # the link check needs every record in this process
        from .linkcheck import run_link_check

        catalog, report = check_files(content_dir, today, args.stale_after, reserved=reserved)
        summary = run_link_check(catalog, report, timeout=args.link_timeout,
                                 budget=args.links_budget)
    else:
        report = check_report(content_dir, today, args.stale_after, reserved=reserved)
    check_site_config(content_dir, report)
    diagnostics = report.sorted()
    formatter = format_github if args.format == "github" else format_plain
    if diagnostics:
        print(formatter(diagnostics))
    if summary is not None:
        print(summary, file=sys.stderr)
    errors, warnings = len(report.errors), len(report.warnings)
    notices = len(report.notices)
    counted = f", {notices} notice{'s' * (notices != 1)}" if notices else ""
    print(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        f"{counted} in {content_dir}",
        file=sys.stderr,
    )
    if warnings and not errors:
        print("Warnings fail the build (mkdocs build --strict), so the check fails on them too.",
              file=sys.stderr)
    # What the strict build refuses, the check refuses: errors and warnings alike.
    return EXIT_ERRORS if report.fails_strict else EXIT_CLEAN


def check_site_config(content_dir: Path, report: Report) -> None:
    """What the build refuses in mkdocs.yml beside the content folder (a site without a
    contact or without a site_url), reported as the build reports it, so the check refuses it
    first."""
    config_file = content_dir.resolve().parent / "mkdocs.yml"
    if not config_file.is_file():
        return
    from .mkdocs.contact import config_problems, contact_from_mkdocs_yml

    contact = contact_from_mkdocs_yml(config_file)
    if contact is None:  # not a commons site
        return
    shown = os.path.relpath(config_file) if config_file.is_relative_to(Path.cwd()) else str(
        config_file)
    for problem in config_problems(config_file, contact, shown):
        report.error(problem.path, problem.line, problem.col, problem.message)
    from .mkdocs.siteurl import SITE_URL_UNSET, site_url_written

    if not site_url_written(config_file):
        report.error(shown, 1, 1, SITE_URL_UNSET)


def run_schema(args: argparse.Namespace) -> int:

    content_dir = Path(args.content_dir)
    if not content_dir.is_dir():
        print(f"commons schema: error: {args.content_dir!r} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    stale = write_schemas(content_dir, Path(args.out), check_only=args.check)
    if args.check and stale:
        for name in stale:
            print(f"{Path(args.out) / name}: out of date; run 'commons schema' to update it")
        return EXIT_ERRORS
    return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def write_schemas(content_dir: Path, out: Path, *, check_only: bool = False) -> list[str]:
    """Write (or with ``check_only`` compare) the schemas; return the names that differed."""
    from .core.load.loader import load_catalog
    from .core.model.schema import build_schemas, render_schema

    catalog, _ = load_catalog(content_dir)
    stale = []
    for name, schema in build_schemas(catalog.vocabularies).items():
        text = render_schema(schema)
        target = out / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check_only:
                out.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return stale
