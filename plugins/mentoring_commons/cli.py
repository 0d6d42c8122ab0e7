"""The ``commons`` command line: ``commons check [CONTENT_DIR]`` and ``commons schema``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from .core.diagnostics import format_github, format_plain

EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commons", description="Check and describe Mentoring Commons content."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate content and report every problem")
    check.add_argument("content_dir", nargs="?", default="content", help="default: content")
    check.add_argument("--format", choices=("plain", "github"), default="plain",
                       help="plain (default) or GitHub annotations")
    check.add_argument("--today", type=_date, default=None,
                       help="the date consent review dates are compared with (default: today)")

    schema = sub.add_parser("schema", help="write the JSON Schemas generated from the model")
    schema.add_argument("content_dir", nargs="?", default="content", help="default: content")
    schema.add_argument("--out", default="schemas", help="folder to write to (default: schemas)")
    schema.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the folder is out of date")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on usage errors
    if args.command == "check":
        return run_check(args)
    return run_schema(args)


def run_check(args: argparse.Namespace) -> int:
    from .core.validate import check_content

    content_dir = Path(args.content_dir)
    if not content_dir.is_dir():
        print(f"commons check: error: {args.content_dir!r} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    _, report = check_content(content_dir, today=args.today)
    diagnostics = report.sorted()
    formatter = format_github if args.format == "github" else format_plain
    if diagnostics:
        print(formatter(diagnostics))
    errors, warnings = len(report.errors), len(report.warnings)
    print(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {content_dir}",
        file=sys.stderr,
    )
    return EXIT_ERRORS if errors else EXIT_CLEAN


def run_schema(args: argparse.Namespace) -> int:
    from .core.schema import write_schemas

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
