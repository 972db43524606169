"""Command line: ``cleaner clean``, ``cleaner explain``, ``cleaner rules ...``,
``cleaner templates ...``.  Each subcommand lives in its own module and registers
itself with ``add_parser(subparsers)``; rich is only used here and in report.py."""
from __future__ import annotations

import argparse
import sys

from .. import __version__

# exit codes
OK, REJECTED, USAGE = 0, 1, 2
RUN_FAILURE = 3  # the run could not finish: an output could not be written (disk full, ...)


def build_parser() -> argparse.ArgumentParser:
    from . import clean, rules, templates

    p = argparse.ArgumentParser(
        prog="cleaner",
        description="Clean boilerplate and noise out of web-scraped text (plain text, "
                    "markdown+HTML, HTML pages), explaining every removal.")
    p.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    clean.add_parser(sub)
    rules.add_parser(sub)
    templates.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `cleaner clean ... | head`
        try:
            sys.stdout.close()
        except Exception:
            pass
        return OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
