"""Command line: ``cleaner clean``, ``cleaner explain``, ``cleaner rules ...``,
``cleaner templates ...``.  Each subcommand lives in its own module and registers
itself with ``add_parser(subparsers)``; rich is only used here and in report.py."""
from __future__ import annotations

import argparse
import os
import sys

# The command line does no linear algebra: numpy's OpenBLAS need not start a thread per
# CPU when it is imported (a tenth of the start-up's CPU time).  Set before numpy is
# imported (cleaner/__init__ loads the pipeline lazily); a value in the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .. import __version__  # noqa: E402
from ..gcpause import long_lived  # noqa: E402

from .exits import INTERRUPTED, OK, REJECTED, RUN_FAILURE, USAGE, RunFailure, UsageError  # noqa: F401,E402


# the module of each command: only the command run is imported (all of them for help or
# a mistyped command), so `cleaner clean` does not load what `rules` and `templates` need
COMMANDS = {"clean": "clean", "explain": "clean", "rules": "rules", "templates": "templates"}


def _command_modules(argv: list[str] | None) -> list[str]:
    args = sys.argv[1:] if argv is None else argv
    first = next((a for a in args if not a.startswith("-")), None)
    if first in COMMANDS and not {"-h", "--help"} & set(args[:args.index(first)]):
        return [COMMANDS[first]]
    return ["clean", "rules", "templates"]


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command-line parser; given the arguments, only with the command they name."""
    from importlib import import_module

    p = argparse.ArgumentParser(
        prog="cleaner",
        description="Clean boilerplate and noise out of web-scraped text (plain text, "
                    "markdown+HTML, HTML pages), explaining every removal.")
    p.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in dict.fromkeys(_command_modules(argv)):
        import_module(f"{__name__}.{name}").add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    with long_lived():  # the command's modules are imported here
        parser = build_parser(argv)
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


def console() -> None:
    """The ``cleaner`` program: ``main`` with the process's arguments, then exit with its
    code.  An interrupted run leaves at once: its outputs are already removed and its
    workers stopped, and nothing left (a worker queue's thread, an exit hook) may hold
    the process up after Ctrl-C."""
    code = main()
    if code == INTERRUPTED:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    console()
