"""``cleaner clean`` and ``cleaner explain``."""
from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from pathlib import Path

from ..pipeline import PRESETS, Cleaner, CleanerSpec, _RecordTask
from ..rules.problems import RulePackError
from . import OK, REJECTED, USAGE


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
                                   "each; .jsonl(.gz) lines and WARC responses are one record each.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders; '-' or nothing for stdin")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="output: a folder (text inputs mirror the input tree as .txt; JSONL inputs one file "
                        "each) or a .jsonl file; stdout when absent")
    p.add_argument("--input-format", default="auto", choices=("auto", "text", "markup", "html", "jsonl"),
                   help="how to read stdin/unknown files (default: by suffix, content sniffed)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    p.add_argument("--audit", action="store_true",
                   help="JSONL output: add a 'removed' field listing removed blocks with their rule ids")
    p.add_argument("--rejects", metavar="PATH",
                   help="where rejected records go (default: beside the output, or ./cleaner-rejects.jsonl)")
    p.add_argument("--workers", type=int, default=None,
                   help="processes (default: one per CPU; 1 = in this process)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (default with --engine dask: a local cluster)")
    p.add_argument("--summary-json", metavar="PATH", help="also write the run summary as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
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


def _stderr_console():
    from rich.console import Console
    return Console(stderr=True, highlight=False)


def _die(msg: str) -> int:
    print(f"cleaner: {msg}", file=sys.stderr)
    return USAGE


def build_cleaner(args, input_format="auto"):
    try:
        spec = spec_from_args(args, input_format)
        return Cleaner(spec=spec), None
    except RulePackError as exc:
        print("cleaner: the rule packs have problems; nothing was cleaned.", file=sys.stderr)
        for prob in exc.problems:
            print(str(prob), file=sys.stderr)
        return None, USAGE
    except (ValueError, OSError) as exc:
        return None, _die(str(exc))


def _default_rejects(out: str | None) -> str:
    if out is None:
        return "cleaner-rejects.jsonl"
    return out.rstrip("/" + os.sep) + ".rejects.jsonl"


def run_clean(args) -> int:
    from ..engines.local import map_ordered
    from ..io.readers import expand, kind_of, read_inputs
    from ..io.writers import JsonlOutput, RejectsOutput, TextOutput
    from ..report import Summary
    from ..stats import RunStats

    if args.output and Path(args.output).is_file() and not args.output.endswith((".jsonl", ".jsonl.gz")):
        return _die(f"output {args.output} is an existing file; give a folder or a .jsonl path")
    cleaner, err = build_cleaner(args, args.input_format)
    if err is not None:
        return err
    inputs = args.inputs or ["-"]
    # sizes and document counts up front (paths only) for the progress bar and stdout headers
    files = [f for f, _root, problem in expand(inputs) if f is not None and problem is None]
    total_bytes = sum(f.stat().st_size for f in files)
    doc_files = sum(1 for f in files if kind_of(f) in ("text", "text-gz") and args.input_format != "jsonl")
    doc_files += inputs.count("-") if args.input_format != "jsonl" else 0

    workers = args.workers
    if workers is None and args.engine == "local" and total_bytes < 2_000_000 and "-" not in inputs:
        workers = 1  # a small job: starting worker processes would cost more than it saves
    rejects_path = args.rejects or _default_rejects(args.output)
    jsonl_out = JsonlOutput(args.output if args.output else None)
    text_out = TextOutput(args.output)
    rejects = RejectsOutput(rejects_path)
    stats = RunStats()
    task = _RecordTask(cleaner.spec, args.text_field, args.audit)
    pending: deque = deque()

    def payloads():
        for item in read_inputs(inputs, args.input_format):
            pending.append(item)
            yield (item.record, item.fmt, item.reject)

    progress = None
    if sys.stderr.isatty() and not args.no_progress and not args.quiet:
        from rich.progress import (BarColumn, DownloadColumn, MofNCompleteColumn, Progress,
                                   TextColumn, TimeRemainingColumn, TransferSpeedColumn)
        progress = Progress(TextColumn("[bold]cleaning"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                            MofNCompleteColumn(), TimeRemainingColumn(), console=_stderr_console(),
                            transient=True)
        bar = progress.add_task("clean", total=total_bytes or None)
        progress.start()
    started = time.perf_counter()
    try:
        if args.engine == "dask":
            from ..engines.dask import map_ordered_dask
            results = map_ordered_dask(task, payloads(), scheduler=args.scheduler, workers=args.workers)
        else:
            results = map_ordered(task, payloads(), workers=workers, local=cleaner)
        for _payload, outcome in results:
            item = pending.popleft()
            if progress is not None:
                progress.update(bar, advance=item.nbytes)
            if outcome[0] == "rejected":
                stats.add_reject(outcome[1])
                rejects.write(item.source, item.line, outcome[1], item.record, item.raw)
                continue
            _, out, summary = outcome
            if item.notes.get("invalid_utf8"):
                summary["notes"]["invalid_utf8"] = item.notes["invalid_utf8"]
            stats.add_document(summary)
            if item.kind == "record":
                jsonl_out.write(out, item.rel)
            else:
                text_out.write(out[args.text_field], item.rel, total_hint=doc_files)
    except Exception:
        jsonl_out.abort()
        raise
    finally:
        if progress is not None:
            progress.stop()
        rejects.close()
    jsonl_out.close()
    text_out.close()
    elapsed = time.perf_counter() - started
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps({**stats.as_dict(), "seconds": round(elapsed, 3),
                                                       "rejects_file": rejects_path if stats.rejected else None},
                                                      ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.quiet:
        _stderr_console().print(Summary(stats, rejects_path if stats.rejected else None, elapsed))
    return REJECTED if stats.rejected else OK


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
    if args.json:
        out = {"lang": res.lang, "format": res.document.source_format, "blocks": [
            {"index": b.index, "text": b.text, "kind": b.kind, "dropped": b.dropped,
             "verdicts": [v.as_dict() for v in b.verdicts]} for b in res.document.blocks]}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return OK
    from rich.console import Console
    Console(highlight=False).print(Explanation(res.document))
    return OK
