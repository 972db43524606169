"""``cleaner clean`` and ``cleaner explain``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..gcpause import long_lived
from ..pipeline import PRESETS, Cleaner, CleanerSpec
from ..rules.problems import RulePackError
from .exits import OK, USAGE
from .runner import (add_output_options, add_record_options, add_run_options, check_inputs, open_outputs,
                     write_outcomes)


def add_cleaner_options(p) -> None:
    g = p.add_argument_group("pipeline")
    g.add_argument("--preset", default=None, choices=sorted(PRESETS), help="filter preset (default: default)")
    g.add_argument("--config", metavar="FILE", help="pipeline config file (YAML or JSON)")
    g.add_argument("--rules", metavar="DIR", action="append", default=[],
                   help="an extra rules folder (repeatable); its rules override built-in ones by id")
    g.add_argument("--templates", metavar="STORE", help="a site-template store made by `cleaner templates learn`")
    g.add_argument("--lang", help="language of every document (ISO 639-1); detected when absent")
    g.add_argument("--timeout", type=float, default=None,
                   help="seconds a rule's regex may run on one block before it is skipped (default 1.0)")
    o = p.add_argument_group("output and HTML")
    o.add_argument("--output-format", choices=("text", "markdown", "html"), default=None,
                   help="cleaned text as plain text (default), markdown (headings, lists, tables, code) or HTML")
    o.add_argument("--links", action="store_true", help="markdown/html output: keep links as [text](url)")
    o.add_argument("--no-metadata", action="store_true",
                   help="JSONL output: no 'metadata' (title, authors, dates, site, URL, language, page type)")
    o.add_argument("--html-field", metavar="NAME", default=None,
                   help="JSONL field holding a page's HTML (default: 'html', read when a record has no text)")
    o.add_argument("--keep-html", action="store_true", help="JSONL output: keep the HTML field")


def spec_from_args(args, input_format: str = "auto") -> CleanerSpec:
    overrides = dict(input_format=input_format if input_format in ("auto", "text", "markup", "html") else "auto",
                     lang=args.lang, timeout=args.timeout, templates=args.templates,
                     output_format=getattr(args, "output_format", None),
                     links=getattr(args, "links", False) or None,
                     metadata=False if getattr(args, "no_metadata", False) else None,
                     html_field=getattr(args, "html_field", None),
                     keep_html=getattr(args, "keep_html", False) or None)
    if args.config:
        spec = CleanerSpec.from_file(args.config, **{k: v for k, v in overrides.items() if v is not None})
        if args.preset:
            spec = CleanerSpec(**{**spec.__dict__, "preset": args.preset})
        if args.rules:
            spec = CleanerSpec(**{**spec.__dict__, "rules_dirs": spec.rules_dirs + tuple(args.rules)})
        return spec
    return CleanerSpec(preset=args.preset or "default", rules_dirs=tuple(args.rules),
                       **{k: v for k, v in overrides.items() if v is not None})


def add_parser(sub) -> None:
    p = sub.add_parser("clean", help="clean files, folders, JSONL or WARC (stdin when no input)",
                       description="Clean scraped documents. Text inputs (.txt, .md, .html) are one document "
                                   "each; .jsonl(.gz) lines and WARC responses are one record each. Exit codes: "
                                   "0 all cleaned, 1 some records rejected, 2 usage or configuration error, "
                                   "3 the run failed (I/O, a worker or the cluster lost), 130 interrupted.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders; '-' or nothing for stdin")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="output: a folder (text inputs mirror the input tree as .txt; JSONL/Parquet inputs one "
                        "file each), one .jsonl(.gz/.zst) or .parquet file, one .txt file for a single "
                        "document; stdout when absent or '-'")
    p.add_argument("--input-format", default="auto",
                   choices=("auto", "text", "markup", "html", "jsonl", "warc", "parquet"),
                   help="how to read the inputs (default: by suffix; stdin and unknown files are sniffed)")
    add_record_options(p)
    p.add_argument("--audit", action="store_true",
                   help="JSONL output: add a 'removed' field listing removed blocks with their rule ids")
    add_output_options(p, resume=True)
    add_run_options(p)
    add_cleaner_options(p)
    p.set_defaults(func=run_clean)

    e = sub.add_parser("explain", help="show every block of a document with its verdict",
                       description="Print each block with its verdict: kept, or the rule/filter that dropped it.")
    e.add_argument("input", metavar="FILE", help="a text/markdown/HTML file, a .jsonl file (see --line), or '-'")
    e.add_argument("--line", type=int, default=1, help="for a .jsonl input: which record (1-based line)")
    e.add_argument("--text-field", default="text")
    e.add_argument("--url", help="the page URL (scopes site rules and templates)")
    e.add_argument("--input-format", default="auto", choices=("auto", "text", "markup", "html"))
    e.add_argument("--json", action="store_true", help="print the verdicts as JSON instead of a table")
    add_cleaner_options(e)
    e.set_defaults(func=run_explain)


def _die(msg: str) -> int:
    print(f"cleaner: {msg}", file=sys.stderr)
    return USAGE


def build_cleaner(args, input_format="auto", check_examples: bool = False):
    """(Cleaner, None), or (None, exit code) after saying what is wrong with the
    configuration: a config file that does not parse, rule packs with problems (or,
    with ``check_examples``, failing their own examples), an unusable template store."""
    yaml_error = _yaml_error() if args.config else ()
    try:
        spec = spec_from_args(args, input_format)
        with long_lived():  # the rule packs, read back from the memo, and the filters
            cleaner = Cleaner(spec=spec)
    except RulePackError as exc:
        print("cleaner: the rule packs have problems; nothing was cleaned.", file=sys.stderr)
        for prob in exc.problems:
            print(str(prob), file=sys.stderr)
        return None, USAGE
    except yaml_error as exc:
        return None, _die(f"{args.config}: not valid YAML: {' '.join(str(exc).split())}")
    except (ValueError, TypeError, OSError) as exc:
        return None, _die(str(exc))
    failures = example_failures(cleaner) if check_examples else []
    if failures:
        print(f"cleaner: {len(failures)} example(s) of your rule packs fail; fix the rules or their examples "
              "(`cleaner rules test DIR`). Nothing was cleaned.", file=sys.stderr)
        for f in failures:
            print(str(f), file=sys.stderr)
        return None, USAGE
    return cleaner, None


def _yaml_error():
    import yaml

    return yaml.YAMLError


def example_failures(cleaner) -> list:
    """The failing examples of the rule packs given with --rules or the config (the
    built-in packs are checked by the test suite, not at every start)."""
    if not cleaner.spec.rules_dirs:
        return []
    from ..rules.examples import check_all
    from ..rules.loader import RuleSet

    mine = {f.resolve() for f, _level, _root in RuleSet.sources(cleaner.spec.rules_dirs, include_builtin=False)}
    rules = [r for r in cleaner.rules.rules if Path(r.file).resolve() in mine]
    return check_all(cleaner.rules, rules)[1] if rules else []


def record_options(args, cleaner):
    """The record options of a run: the fields given, else those the template store
    was learned with (so a store grouped by --site-field is used the same way)."""
    from ..run import RecordOptions

    grouping = getattr(cleaner.template_store, "grouping", None) or {}
    url_field = args.url_field or grouping.get("url_field") or "url"
    site_field = args.site_field if args.site_field is not None else grouping.get("site_field")
    if grouping and args.site_field is not None and args.site_field != grouping.get("site_field"):
        print(f"cleaner: note: the template store grouped sites by "
              f"{grouping.get('site_field') or 'URL'!r}, this run by {args.site_field!r}", file=sys.stderr)
    return RecordOptions(text_field=args.text_field, audit=getattr(args, "audit", False), url_field=url_field,
                         site_field=site_field or None)


def _output_options(args) -> dict:
    """The command options that change the output bytes (for the resume manifest)."""
    return {"command": "clean", "output": args.output, "input_format": args.input_format,
            "text_field": args.text_field, "id_field": args.id_field, "url_field": args.url_field,
            "site_field": args.site_field, "audit": args.audit, "record_shape": args.record_shape,
            "checkpoint_every": args.checkpoint_every, "rejects": args.rejects}


def run_clean(args) -> int:
    from functools import partial

    from ..io.manifest import config_hash
    from ..io.readers import expand, read_inputs
    from ..run import RecordWork, run
    from ..stats import RunStats

    inputs = args.inputs or ["-"]
    check_inputs(inputs)
    cleaner, err = build_cleaner(args, args.input_format, check_examples=True)
    if err is not None:
        return err
    # sizes up front (paths only) for the progress display
    files = [f for f, _root, problem in expand(inputs) if f is not None and problem is None]
    total_bytes = sum(f.stat().st_size for f in files)

    workers = args.workers
    if workers is None and args.engine == "local" and total_bytes < 2_000_000 and "-" not in inputs:
        workers = 1  # a small job: starting worker processes would cost more than it saves
    options = record_options(args, cleaner)
    stats = RunStats()
    # (the hash reads every rule file: only a run whose outputs keep a manifest needs it)
    outputs = open_outputs(args, inputs, stats, config=partial(config_hash, cleaner.spec, _output_options(args)))
    work = RecordWork(partial(Cleaner, spec=cleaner.spec), options)
    results = run(work, read_inputs(inputs, args.input_format, resume=outputs.resume_points), engine=args.engine,
                  workers=workers, scheduler=args.scheduler, local=work.handler(cleaner), batched=True)
    return write_outcomes(args, results, outputs, label="cleaning", total_bytes=total_bytes or None)


def run_explain(args) -> int:
    from ..io.readers import read_inputs
    from ..report import Explanation

    cleaner, err = build_cleaner(args, args.input_format)
    if err is not None:
        return err
    item = None
    for it in read_inputs([args.input], "auto" if args.input_format == "auto" else args.input_format):
        if it.kind == "record" and it.line != args.line and it.line:
            continue
        item = it
        break
    if item is None:
        return _die(f"{args.input}: no record at line {args.line}")
    if item.reject:
        return _die(f"{args.input}: {item.reject}")
    rec = item.record
    field, fmt = args.text_field, item.fmt
    html_field = args.html_field or ("html" if field not in rec else None)
    if html_field and html_field in rec:
        field, fmt = html_field, "html"
    text = rec.get(field)
    if not isinstance(text, str):
        return _die(f"{args.input}: record has no string '{field}' field")
    url = args.url or (rec.get("url") if isinstance(rec.get("url"), str) else None)
    res = cleaner.clean(text, url=url, fmt=fmt, lang=args.lang)
    if res.notes.get("parts"):
        return _die(f"{args.input}: {len(text):,} characters are cleaned in {res.notes['parts']} parts, each a "
                    f"page of its own (over twice part_chars, {cleaner.spec.part_chars:,}), and their blocks are "
                    "not kept; explain a part of it, or give a --config with a larger part_chars")
    if args.json:
        out = {"lang": res.lang, "format": res.document.source_format, "blocks": [
            {"index": b.index, "text": b.text, "kind": b.kind, "dropped": b.dropped,
             "verdicts": [v.as_dict() for v in b.verdicts]} for b in res.document.blocks]}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return OK
    from rich.console import Console
    Console(highlight=False).print(Explanation(res.document))
    return OK
