"""``cleaner rules lint`` and ``cleaner rules test``: for editors of rule packs."""
from __future__ import annotations

import sys
from pathlib import Path

from . import OK, REJECTED, USAGE


def add_parser(sub) -> None:
    p = sub.add_parser("rules", help="check, test, try and list rule packs",
                       description="Tools for editors of rule packs (see docs/rules.md).")
    rs = p.add_subparsers(dest="rules_command", metavar="ACTION")
    rs.required = True
    lint = rs.add_parser("lint", help="validate rule files and report every problem with file:line:column")
    lint.add_argument("paths", nargs="*", metavar="PATH",
                      help="rule files or folders (default: the built-in rules/)")
    lint.add_argument("--no-examples", action="store_true", help="skip running the rules' examples")
    lint.set_defaults(func=run_lint)
    test = rs.add_parser("test", help="run every rule's drop/keep examples as tests")
    test.add_argument("paths", nargs="*", metavar="PATH",
                      help="rule files or folders (default: the built-in rules/)")
    test.set_defaults(func=run_test)


def _load(paths):
    """A RuleSet of the given paths on top of the built-in packs (or the built-ins alone),
    and the set of files whose rules are under test."""
    from ..rules.loader import RuleSet, builtin_rules_dir

    if not paths:
        return RuleSet.load(), None
    dirs, files = [], set()
    for p in paths:
        pth = Path(p)
        if not pth.exists():
            raise FileNotFoundError(p)
        dirs.append(pth)
    builtin = builtin_rules_dir().resolve()
    extra = [d for d in dirs if d.resolve() != builtin and builtin not in d.resolve().parents]
    rs = RuleSet.load(extra)
    import os
    for d in dirs:
        for f in ([d] if d.is_file() else d.rglob("*.y*ml")):
            files.add(os.path.relpath(f))
    return rs, files


def run_lint(args) -> int:
    from ..rules.examples import check_all
    from ..rules.problems import RulePackError

    try:
        rs, files = _load(args.paths)
    except FileNotFoundError as exc:
        print(f"cleaner: no such file or folder: {exc}", file=sys.stderr)
        return USAGE
    except RulePackError as exc:
        for prob in exc.problems:
            print(prob)
        print(f"\n{len(exc.problems)} problem(s).")
        return REJECTED
    rules = [r for r in rs.rules if files is None or r.file in files]
    problems = 0
    if not args.no_examples:
        n, fails = check_all(rs, rules)
        for f in fails:
            print(f"{f.rule.file}:{f.rule.line}:1: R010 [{f.rule.id}] {f.kind} example is not satisfied by "
                  f"the rule: {f.message}\n    example: {f.example!r}\n    fix: change the pattern or the "
                  "example (run `cleaner rules test` to see all)")
        problems += len(fails)
    print(f"{len(rules)} rules in {len({r.file for r in rules})} files: "
          + ("no problems." if not problems else f"{problems} problem(s)."))
    return REJECTED if problems else OK


def run_test(args) -> int:
    from ..rules.examples import check_all
    from ..rules.problems import RulePackError

    try:
        rs, files = _load(args.paths)
    except FileNotFoundError as exc:
        print(f"cleaner: no such file or folder: {exc}", file=sys.stderr)
        return USAGE
    except RulePackError as exc:
        for prob in exc.problems:
            print(prob)
        return REJECTED
    rules = [r for r in rs.rules if files is None or r.file in files]
    n, fails = check_all(rs, rules)
    for f in fails:
        print(f"FAIL {f}")
    failed_rules = {f.rule.id for f in fails}
    print(f"{n} examples of {len(rules)} rules: {n - len(fails)} passed, {len(fails)} failed"
          + (f" (rules: {', '.join(sorted(failed_rules))})" if fails else "."))
    return REJECTED if fails else OK
