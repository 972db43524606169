"""Command line: ``cleaner clean``, ``cleaner explain``, ``cleaner rules ...``,
``cleaner templates ...``.  Each subcommand lives in its own module and registers
itself with ``add_parser(subparsers)``; rich is only used here and in report.py."""
from __future__ import annotations

import argparse
import sys

from .. import __version__

from .exits import INTERRUPTED, OK, REJECTED, RUN_FAILURE, USAGE, RunFailure, UsageError  # noqa: F401


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
    args = parser.parse_args(argv)  # usage errors exit with USAGE (argparse)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("cleaner: interrupted; no output was written", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # e.g. `cleaner clean ... | head`
        try:
            sys.stdout.close()
        except Exception:
            pass
        return OK
    except UsageError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return USAGE
    except RunFailure as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return RUN_FAILURE
    except OSError as exc:  # a disk full, a file vanished, a device error: no traceback
        print(f"cleaner: the run failed: {exc}", file=sys.stderr)
        return RUN_FAILURE
    except Exception:  # a bug: show where, and say the run failed
        import traceback
        traceback.print_exc()
        print("cleaner: the run failed with an internal error (above); please report it", file=sys.stderr)
        return RUN_FAILURE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
