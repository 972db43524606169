"""``cleaner rules lint|test|try|list``: tools for editors of rule packs (docs/rules.md)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .exits import OK, REJECTED, USAGE
from .rulecheck import Positions, category_problems, disable_problems, failure_problem, load_for_check


def add_parser(sub) -> None:
    from .clean import add_cleaner_options

    p = sub.add_parser("rules", help="check, test, try and list rule packs",
                       description="Tools for editors of rule packs (see docs/rules.md).")
    rs = p.add_subparsers(dest="rules_command", metavar="ACTION")
    rs.required = True

    lint = rs.add_parser(
        "lint", help="validate rule files and report every problem with file:line:column",
        description="Validate rule packs and run their examples; every problem is reported at once with "
                    "file:line:column, the rule id, what is wrong and how to fix it. Given PATHS (files or "
                    "folders, e.g. your draft folder), they are checked together with the built-in packs "
                    "and only their problems are reported. Exit code 1 when there is any problem.")
    lint.add_argument("paths", nargs="*", metavar="PATH",
                      help="rule files or folders (default: the built-in rules/)")
    lint.add_argument("--no-examples", action="store_true", help="skip running the rules' examples")
    lint.set_defaults(func=run_lint)

    test = rs.add_parser(
        "test", help="run every rule's drop/keep examples as tests",
        description="Run the examples of every rule (of PATHS, or all built-in rules) and show each "
                    "failing example. Exit code 1 when any fails.")
    test.add_argument("paths", nargs="*", metavar="PATH",
                      help="rule files or folders (default: the built-in rules/)")
    test.set_defaults(func=run_test)

    t = rs.add_parser(
        "try", help="run a draft rule file over sample documents and show what it would remove",
        description="Clean each input document with and without the draft rules and report, per draft "
                    "rule: blocks it drops, documents touched, examples, and which of those blocks the "
                    "current rules already drop. Exit code 1 when a draft rule drops every block of a "
                    "document (over-firing), 2 when the draft has problems.")
    t.add_argument("draft", metavar="RULE_FILE", help="the draft rule file (or a folder of them)")
    t.add_argument("inputs", nargs="+", metavar="INPUT", help="sample documents: files, folders, JSONL")
    t.add_argument("--limit", type=int, default=1000, metavar="N", help="at most N documents (default 1000)")
    t.add_argument("--examples", type=int, default=5, metavar="K", help="example blocks per rule (default 5)")
    t.add_argument("--url", help="URL for documents that carry none (scopes site rules), e.g. https://example.com/a")
    t.add_argument("--input-format", default="auto", choices=("auto", "text", "markup", "html", "jsonl"))
    t.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    t.add_argument("--json", action="store_true", help="print the report as JSON")
    add_cleaner_options(t)
    t.set_defaults(func=run_try)

    ls = rs.add_parser(
        "list", help="list rules by category, language or site (with hit counts over a sample)",
        description="A table of the loaded rules: id, category, kind, scope, file:line, description. "
                    "Given INPUTs, a hits column counts the blocks each rule removed in them.")
    ls.add_argument("inputs", nargs="*", metavar="INPUT", help="sample documents for hit counts")
    ls.add_argument("--category", help="only this category (nav, share, related, ...)")
    ls.add_argument("--language", metavar="LANG", help="only rules that apply to this language (ISO 639-1)")
    ls.add_argument("--site", metavar="DOMAIN", help="only rules scoped to this site (e.g. bbc.com)")
    ls.add_argument("--kind", help="only this kind (pattern, lexicon, section, trim, selector, protect)")
    ls.add_argument("--sort", choices=("file", "id", "category", "hits"), default="file",
                    help="row order (default: file order; 'hits' needs INPUTs)")
    ls.add_argument("--url", help="URL for sample documents that carry none")
    ls.add_argument("--limit", type=int, default=None, metavar="N", help="at most N sample documents")
    ls.add_argument("--input-format", default="auto", choices=("auto", "text", "markup", "html", "jsonl"))
    ls.add_argument("--text-field", default="text")
    ls.add_argument("--json", action="store_true", help="print the rows as JSON")
    add_cleaner_options(ls)
    ls.set_defaults(func=run_list)


def _print_problems(problems) -> None:
    for p in sorted(problems, key=lambda p: (p.file, p.line, p.column, p.code)):
        print(p)


# -- lint / test -------------------------------------------------------------------------------------
def _load_checked(paths):
    """(rule set, files under check) or, when they cannot be loaded, an exit code."""
    from ..rules.problems import RulePackError

    try:
        return load_for_check(paths)
    except FileNotFoundError as exc:
        print(f"cleaner: no such file or folder: {exc}", file=sys.stderr)
        return USAGE
    except RulePackError as exc:
        _print_problems(exc.problems)
        return REJECTED


def run_lint(args) -> int:
    from ..rules.examples import check_all

    loaded = _load_checked(args.paths)
    if isinstance(loaded, int):
        return loaded
    rs, files = loaded
    mine = (lambda f: True) if files is None else (lambda f: f in files)
    problems = [p for p in rs.problems if mine(p.file)]
    elsewhere = len(rs.problems) - len(problems)
    rules = [r for r in rs.rules if mine(r.file)]
    positions = Positions()
    problems += category_problems(rules, positions)
    problems += disable_problems(rs, files, positions)
    if not args.no_examples:
        _n, fails = check_all(rs, rules)
        problems += [failure_problem(f, positions) for f in fails]
    _print_problems(problems)
    nfiles = len(files) if files is not None else len({r.file for r in rs.rules} | {p.file for p in rs.problems})
    if problems:
        print()
    print(f"{len(rules)} rules in {nfiles} files: "
          + ("no problems." if not problems else f"{len(problems)} problem(s)."))
    if elsewhere:
        print(f"note: {elsewhere} problem(s) in other rule files (run `cleaner rules lint` to see them); "
              "the rule set would not load.")
    return REJECTED if problems or elsewhere else OK


def run_test(args) -> int:
    from ..rules.examples import check_all

    loaded = _load_checked(args.paths)
    if isinstance(loaded, int):
        return loaded
    rs, files = loaded
    mine = [p for p in rs.problems if files is None or p.file in files]
    elsewhere = len(rs.problems) - len(mine)
    if mine:
        print(f"{len(mine)} problem(s) in the rule files (rules with problems are not tested; "
              "run `cleaner rules lint`):")
        _print_problems(mine)
        print()
    rules = [r for r in rs.rules if files is None or r.file in files]
    n, fails = check_all(rs, rules)
    positions = Positions()
    for f in fails:
        print(f"FAIL {failure_problem(f, positions)}")
    failed_rules = sorted({f.rule.id for f in fails})
    if fails:
        print()
    print(f"{n} examples of {len(rules)} rules: {n - len(fails)} passed, {len(fails)} failed"
          + (f"\nfailing rules: {', '.join(failed_rules)}" if fails else "."))
    if elsewhere:
        print(f"note: {elsewhere} problem(s) in other rule files (run `cleaner rules lint` to see them); "
              "the rule set would not load.")
    return REJECTED if fails or rs.problems else OK


# -- try -------------------------------------------------------------------------------------------------
def _records(args):
    """(doc id, text, fmt, url, lang) per readable input; None for an unreadable one."""
    from ..io.readers import read_inputs

    fmt_in = args.input_format
    for item in read_inputs(args.inputs, fmt_in):
        name = (item.rel or item.source) + (f":{item.line}" if item.kind == "record" and item.line else "")
        if item.reject is not None or item.record is None:
            yield None
            continue
        rec = item.record
        text = rec.get(args.text_field)
        if not isinstance(text, str):
            yield None
            continue
        url = rec.get("url") if isinstance(rec.get("url"), str) else args.url
        lang = args.lang or (rec.get("lang") if isinstance(rec.get("lang"), str) else None)
        yield (name, text, item.fmt, url, lang)


def _n(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def run_try(args) -> int:
    from ..rules.problems import RulePackError
    from ..rules.trial import Trial
    from .clean import spec_from_args

    if not Path(args.draft).exists():
        print(f"cleaner: no such file or folder: {args.draft}", file=sys.stderr)
        return USAGE
    try:
        spec = spec_from_args(args)
        trial = Trial(args.draft, spec, examples=args.examples)
    except RulePackError as exc:
        print("cleaner: the rule packs have problems; fix them first (`cleaner rules lint "
              f"{args.draft}`):", file=sys.stderr)
        for p in exc.problems:
            print(str(p), file=sys.stderr)
        return USAGE
    except (ValueError, OSError) as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return USAGE
    if not trial.trials and not any(p.file in trial.draft_files and p.disable for p in trial.draft_rules.packs):
        print(f"cleaner: {args.draft} holds no rules", file=sys.stderr)
        return USAGE
    report = trial.run(_records(args), limit=args.limit)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print_trial(report)
    return REJECTED if report.over_firing else OK


def _print_trial(rep) -> None:
    print(f"draft: {', '.join(rep.draft_files)} ({_n(len(rep.rules), 'rule')})")
    sample = f"sample: {_n(rep.documents, 'document')}, {_n(rep.blocks, 'block')}"
    if rep.rejected:
        sample += f" ({rep.rejected} unreadable inputs skipped)"
    if rep.limited:
        sample += " (stopped at --limit)"
    print(sample)
    for t in rep.rules:
        r = t.rule
        print()
        print(f"rule {r.id} ({r.kind}, {r.category}) at {r.file}:{r.line}")
        if t.applied_by is None:
            print(f"  not applied: no filter of this pipeline applies '{r.category}' rules")
            continue
        print(f"  in force on {t.docs_in_scope} of {rep.documents} documents"
              + ("" if t.docs_in_scope else " — check its 'languages'/'sites' scope (give --url or --lang?)"))
        if r.kind == "protect":
            what = f"protects {_n(t.protected, 'block')} in {_n(t.docs_touched, 'document')}"
            what += f"; {t.already_total} of them the current rules drop (the draft keeps them)"
        elif r.kind == "trim":
            what = f"trims {_n(t.trimmed, 'block')} in {_n(t.docs_touched, 'document')}"
            if t.dropped:
                what += f" (and drops {t.dropped} it would leave empty)"
            if t.already_total:
                what += f"; the current rules already cut or drop {t.already_total} of them"
        else:
            what = f"drops {_n(t.dropped, 'block')} in {_n(t.docs_touched, 'document')}: {t.new} new"
            what += f", {t.already_total} already dropped by the current rules"
        print("  " + what)
        if t.already:
            verb = "cut or dropped" if r.kind == "trim" else "dropped"
            print(f"  already {verb} by: " + ", ".join(f"{k} {n}" for k, n in t.already.most_common(8)))
        if t.hits:
            print(f"  with the whole draft in the pipeline, the verdict names this rule on {t.in_draft_run} "
                  f"of {_n(t.hits, 'block')}")
        for e in t.examples + t.already_examples:
            tag = f"already: {e.already}" if e.already else ("protects" if r.kind == "protect" else "new")
            cut = f" cut {_short(e.cut, 60)!r} from" if e.cut else ""
            print(f"    [{tag}] {e.doc} #{e.block}:{cut} {_short(e.text)!r}")
        if t.timeouts:
            print(f"  TIMED OUT on {len(t.timeouts)} documents (passed on without the rule): "
                  + ", ".join(t.timeouts[:5]))
        if t.over_fired:
            docs = ", ".join(f"{d} ({n} blocks)" for d, n in t.over_fired[:5])
            print(f"  !! OVER-FIRING: drops EVERY block of {len(t.over_fired)} document(s): {docs}")
            print("     make it stricter (anchor the pattern, add max_tokens, narrow its scope)")
    print()
    print(f"with the draft: {_n(rep.newly_dropped, 'block')} newly dropped, {rep.newly_kept} newly kept; "
          f"the output changes in {rep.docs_changed} of {_n(rep.documents, 'document')}")
    for e in rep.kept_examples:
        print(f"    [newly kept, was: {e.already}] {e.doc} #{e.block}: {_short(e.text)!r}")
    if rep.emptied:
        print(f"!! documents emptied by the draft: {', '.join(rep.emptied[:10])}")
    if rep.over_firing:
        print(f"!! over-firing rules: {', '.join(t.rule.id for t in rep.over_firing)}")


# -- list -------------------------------------------------------------------------------------------------
def run_list(args) -> int:
    from ..document import CATEGORIES
    from ..rules.listing import count_hits, select
    from ..rules.schema import RULE_KINDS
    from ..rules.validator import did_you_mean
    from .clean import build_cleaner

    if args.category and args.category not in CATEGORIES:
        g = did_you_mean(args.category, CATEGORIES)
        print(f"cleaner: unknown category {args.category!r}" + (f"; did you mean {g!r}?" if g else "")
              + f" (known: {', '.join(CATEGORIES)})", file=sys.stderr)
        return USAGE
    if args.kind and args.kind not in RULE_KINDS:
        print(f"cleaner: unknown kind {args.kind!r} (known: {', '.join(RULE_KINDS)})", file=sys.stderr)
        return USAGE
    cleaner, err = build_cleaner(args, "auto")
    if err is not None:
        return err
    rs = cleaner.rules
    if args.language and args.language not in rs.languages:
        g = did_you_mean(args.language, rs.languages)
        print(f"cleaner: unknown language {args.language!r}" + (f"; did you mean {g!r}?" if g else ""),
              file=sys.stderr)
        return USAGE
    listing = select(rs, args.category, args.language, args.site, args.kind)
    if args.inputs:
        def results():
            for i, rec in enumerate(r for r in _records(args) if r is not None):
                if args.limit is not None and i >= args.limit:
                    break
                name, text, fmt, url, lang = rec
                yield cleaner.clean(text, url=url, fmt=fmt, lang=lang, doc_id=name)
        count_hits(listing, results())
    rows = listing.rows
    key = {"id": lambda r: r.rule.id, "category": lambda r: (r.rule.category, r.rule.id),
           "hits": lambda r: (-(r.hits or 0), r.rule.id)}.get(args.sort)
    if key is not None:
        rows = sorted(rows, key=key)
    if args.json:
        print(json.dumps({"documents": listing.documents, "rules": [r.as_dict() for r in rows],
                          "disabled": listing.disabled, "other_hits": dict(listing.other_hits)},
                         ensure_ascii=False, indent=1))
        return OK
    from rich.console import Console
    from rich.table import Table

    hits = listing.documents is not None
    t = Table(show_edge=False, pad_edge=False, title_justify="left",
              title=f"{len(rows)} rules" + (f" · hits over {listing.documents} documents" if hits else ""))
    t.add_column("id", no_wrap=True)
    t.add_column("category", no_wrap=True)
    t.add_column("kind", no_wrap=True)
    t.add_column("scope", overflow="fold")
    t.add_column("where", no_wrap=True)
    if hits:
        t.add_column("hits", justify="right", no_wrap=True)
    t.add_column("description", overflow="fold", ratio=1)
    for row in rows:
        r = row.rule
        desc = r.description + (f" [{row.status}]" if row.status else "")
        cells = [r.id, r.category, r.kind, row.scope, f"{r.file}:{r.line}"]
        if hits:
            cells.append(f"{row.hits:,}")
        t.add_row(*cells, desc)
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 160)
    con = Console(highlight=False, width=width)
    con.print(t)
    if listing.disabled:
        con.print("disabled on this site: " + ", ".join(f"{k} (by {v})" for k, v in sorted(listing.disabled.items())))
    if hits and listing.other_hits:
        con.print("blocks removed by filters without rule ids: "
                  + ", ".join(f"{k} {n:,}" for k, n in listing.other_hits.most_common()))
    return OK
