"""``cleaner clean`` and ``cleaner explain``."""
from __future__ import annotations

import json
import sys
import time
from collections import deque

from ..pipeline import PRESETS, Cleaner, CleanerSpec, _RecordTask
from ..rules.problems import RulePackError
from . import OK, REJECTED, RUN_FAILURE, USAGE


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


def spec_from_args(args, input_format: str = "auto") -> CleanerSpec:
    overrides = dict(input_format=input_format if input_format in ("auto", "text", "markup", "html") else "auto",
                     lang=args.lang, timeout=args.timeout, templates=args.templates)
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
                   help="output: a folder (text inputs mirror the input tree as .txt; JSONL/Parquet inputs one "
                        "file each), one .jsonl(.gz/.zst) or .parquet file, one .txt file for a single "
                        "document; stdout when absent or '-'")
    p.add_argument("--input-format", default="auto",
                   choices=("auto", "text", "markup", "html", "jsonl", "warc", "parquet"),
                   help="how to read the inputs (default: by suffix; stdin and unknown files are sniffed)")
    p.add_argument("--text-field", default="text", help="record field holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="record field holding the id (default: id)")
    p.add_argument("--url-field", default="url",
                   help="record field holding the page URL, for site rules and templates (default: url)")
    p.add_argument("--record-shape", choices=("input", "dolma"), default="input",
                   help="output records as read (default), or in the Dolma/datatrove shape "
                        "{id, text, metadata: {every other field}}")
    p.add_argument("--no-resume", action="store_true",
                   help="start afresh even when OUT.manifest.json records an unfinished run of this command")
    p.add_argument("--checkpoint-every", type=int, default=1000, metavar="N",
                   help="record progress every N records (default 1000)")
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


def _fail(msg: str) -> int:
    print(f"cleaner: {msg}", file=sys.stderr)
    return RUN_FAILURE


def _output_options(args) -> dict:
    """The command options that change the output bytes (for the resume manifest)."""
    return {"command": "clean", "output": args.output, "input_format": args.input_format,
            "text_field": args.text_field, "id_field": args.id_field, "url_field": args.url_field,
            "audit": args.audit, "record_shape": args.record_shape, "checkpoint_every": args.checkpoint_every,
            "rejects": args.rejects}


def run_clean(args) -> int:
    from ..engines.local import map_ordered
    from ..io.job import OutputJob
    from ..io.manifest import config_hash
    from ..io.outputs import OutputError
    from ..io.readers import expand, read_inputs
    from ..io.sinks import OutputFailure
    from ..report import Summary
    from ..stats import RunStats

    if args.checkpoint_every < 1:
        return _die("--checkpoint-every must be at least 1")
    cleaner, err = build_cleaner(args, args.input_format)
    if err is not None:
        return err
    inputs = args.inputs or ["-"]
    # sizes up front (paths only) for the progress bar
    files = [f for f, _root, problem in expand(inputs) if f is not None and problem is None]
    total_bytes = sum(f.stat().st_size for f in files)

    workers = args.workers
    if workers is None and args.engine == "local" and total_bytes < 2_000_000 and "-" not in inputs:
        workers = 1  # a small job: starting worker processes would cost more than it saves
    stats = RunStats()
    try:
        job = OutputJob.open(args.output, inputs, stats=stats, input_format=args.input_format,
                             rejects=args.rejects, config=config_hash(cleaner.spec, _output_options(args)),
                             resume=not args.no_resume, shape=args.record_shape, id_field=args.id_field,
                             text_field=args.text_field, checkpoint_every=args.checkpoint_every)
    except OutputError as exc:
        return _die(str(exc))
    except OutputFailure as exc:
        return _fail(str(exc))
    if job.resumed and not args.quiet:
        print(f"cleaner: resuming an interrupted run: {job.resumed:,} records were already done",
              file=sys.stderr)
    task = _RecordTask(cleaner.spec, args.text_field, args.audit, url_field=args.url_field)
    pending: deque = deque()

    def payloads():
        for item in read_inputs(inputs, args.input_format, resume=job.resume_points):
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
                job.reject(item, outcome[1])
                continue
            _, out, summary = outcome
            if item.notes.get("invalid_utf8"):
                summary["notes"]["invalid_utf8"] = item.notes["invalid_utf8"]
            job.write(item, out, summary)
    except OutputFailure as exc:
        job.abort()
        return _fail(f"{exc}; nothing was kept")
    except BaseException:
        job.abort()
        raise
    finally:
        if progress is not None:
            progress.stop()
    elapsed = time.perf_counter() - started
    rejects_file = job.rejects_path if stats.rejected else None
    try:
        job.finish(args.summary_json, {**stats.as_dict(), "seconds": round(elapsed, 3),
                                       "rejects_file": rejects_file})
    except OutputFailure as exc:
        job.abort()
        return _fail(f"{exc}; nothing was kept")
    if not args.quiet:
        _stderr_console().print(Summary(stats, rejects_file, elapsed))
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
    text = rec.get(args.text_field)
    if not isinstance(text, str):
        return _die(f"{args.input}: record has no string '{args.text_field}' field")
    url = args.url or (rec.get("url") if isinstance(rec.get("url"), str) else None)
    res = cleaner.clean(text, url=url, fmt=item.fmt, lang=args.lang)
    if args.json:
        out = {"lang": res.lang, "format": res.document.source_format, "blocks": [
            {"index": b.index, "text": b.text, "kind": b.kind, "dropped": b.dropped,
             "verdicts": [v.as_dict() for v in b.verdicts]} for b in res.document.blocks]}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return OK
    from rich.console import Console
    Console(highlight=False).print(Explanation(res.document))
    return OK
