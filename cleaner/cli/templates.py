"""``cleaner templates learn|merge|show|veto|stream``: site templates (docs/templates.md)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .exits import OK, REJECTED, USAGE
from .progress import RunProgress, wanted
from .runner import (add_output_options, add_record_options, add_run_options, check_inputs, open_outputs,
                     write_outcomes)


def _die(msg: str) -> int:
    print(f"cleaner: {msg}", file=sys.stderr)
    return USAGE


def _add_decision_options(p, defaults: bool) -> None:
    g = p.add_argument_group("template decisions")
    d = (lambda v: v) if defaults else (lambda v: None)
    g.add_argument("--min-pages", "-k", type=int, default=d(3), metavar="K",
                   help="a template occurs on at least K pages of its site (default 3)")
    g.add_argument("--min-share", "-f", type=float, default=d(0.01), metavar="F",
                   help="... and on at least this share of the site's pages (default 0.01)")
    g.add_argument("--protect-share", type=float, default=d(0.5), metavar="S",
                   help="never a template when it is the title or body prose on more than this share of "
                        "its pages (default 0.5)")
    g.add_argument("--similarity", type=float, default=d(0.75), metavar="J",
                   help="estimated Jaccard similarity of near-duplicate blocks (default 0.75)")


def add_parser(sub) -> None:
    p = sub.add_parser("templates", help="learn, merge, inspect and veto site templates",
                       description="Site templates: blocks that recur on many pages of one site (see "
                                   "docs/templates.md). Learn a store, then `cleaner clean --templates STORE`.")
    ts = p.add_subparsers(dest="templates_command", metavar="ACTION")
    ts.required = True

    ln = ts.add_parser("learn", help="count blocks per site and write a template store",
                       description="First pass: count, per site, the pages carrying each block (or a "
                                   "near-duplicate of it) and write the store (SQLite) atomically.")
    ln.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders ('-' or nothing: stdin)")
    ln.add_argument("-o", "--output", required=True, metavar="STORE", help="the store to write")
    ln.add_argument("--input-format", default="auto", choices=("auto", "text", "markup", "html", "jsonl"))
    ln.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    ln.add_argument("--url-field", default="url", help="JSONL field holding the page URL (default: url)")
    ln.add_argument("--site-field", metavar="FIELD",
                    help="group pages by this field instead of the URL's registrable domain (the store "
                         "remembers it: `cleaner clean --templates` groups pages the same way)")
    ln.add_argument("--num-perm", type=int, default=128, help="MinHash permutations (default 128)")
    ln.add_argument("--bands", type=int, default=20,
                    help="LSH bands (default 20; rows per band = num-perm // bands)")
    ln.add_argument("--seed", type=int, default=1, help="MinHash seed (default 1)")
    ln.add_argument("--memory-mb", type=int, default=256,
                    help="counts kept in memory before spilling to a temporary folder (default 256)")
    ln.add_argument("--tmp", metavar="DIR", help="folder for spilled counts (default: the system's)")
    ln.add_argument("--no-progress", action="store_true", help="no progress display (it shows only on a terminal)")
    ln.add_argument("-q", "--quiet", action="store_true")
    _add_decision_options(ln, defaults=True)
    ln.set_defaults(func=run_learn)

    mg = ts.add_parser("merge", help="merge stores learned on different shards",
                       description="Sum the counts of stores (same parameters) and decide the templates "
                                   "again: the same result as learning on the union of their inputs.")
    mg.add_argument("stores", nargs="+", metavar="STORE")
    mg.add_argument("-o", "--output", required=True, metavar="STORE")
    mg.add_argument("-q", "--quiet", action="store_true")
    _add_decision_options(mg, defaults=False)
    mg.set_defaults(func=run_merge)

    sh = ts.add_parser("show", help="list sites, or a site's templates with their counts",
                       description="Without --site: the sites of a store. With --site: its templates, most "
                                   "frequent first, with ids to veto.")
    sh.add_argument("store", metavar="STORE")
    sh.add_argument("--site", metavar="DOMAIN", help="a site (registrable domain, or a --site-field value)")
    sh.add_argument("--limit", type=int, default=50, help="rows to show (default 50; 0 = all)")
    sh.add_argument("--json", action="store_true", help="print JSON")
    sh.set_defaults(func=run_show)

    vt = ts.add_parser("veto", help="veto templates: they will never be dropped",
                       description="Record a veto in the store (by key, so it survives merges).")
    vt.add_argument("store", metavar="STORE")
    vt.add_argument("ids", nargs="+", metavar="TEMPLATE_ID", help="ids as `show` prints them (tpl-...)")
    vt.add_argument("--reason", default="vetoed by an editor")
    vt.add_argument("--undo", action="store_true", help="remove the vetoes instead")
    vt.set_defaults(func=run_veto)

    st = ts.add_parser("stream", help="clean in one pass, learning templates as it goes",
                       description="Single-pass mode for jobs that cannot read their input twice: each window "
                                   "of records is counted (in input order, in this process) and then cleaned "
                                   "against the templates known so far. Output does not depend on --workers. "
                                   "Exit codes as for `cleaner clean`.")
    st.add_argument("inputs", nargs="*", metavar="INPUT")
    st.add_argument("-o", "--output", metavar="OUT", help="a .jsonl file or a folder (default: stdout)")
    st.add_argument("--input-format", default="auto", choices=("auto", "text", "markup", "html", "jsonl"))
    add_record_options(st)
    st.add_argument("--window", type=int, default=1000, help="records counted before each is cleaned (default 1000)")
    st.add_argument("--max-keys-per-site", type=int, default=50_000,
                    help="bounded memory: block keys counted per site (default 50000)")
    st.add_argument("--audit", action="store_true")
    add_output_options(st, resume=False)
    add_run_options(st, workers_default=1, engines=False)
    g = st.add_argument_group("pipeline")
    g.add_argument("--preset", default=None, help="filter preset (default: default)")
    g.add_argument("--config", metavar="FILE")
    g.add_argument("--rules", metavar="DIR", action="append", default=[])
    g.add_argument("--lang")
    g.add_argument("--timeout", type=float, default=None)
    _add_decision_options(st, defaults=True)
    st.set_defaults(func=run_stream, templates=None)


def _params(args, base=None):
    from ..corpus.storeschema import StoreParams

    dec = dict(min_pages=args.min_pages, min_share=args.min_share, protect_share=args.protect_share,
               similarity=args.similarity)
    if base is not None:
        return base.with_decisions(**dec)
    num_perm = getattr(args, "num_perm", 128)
    bands = getattr(args, "bands", 20)
    if not 1 <= bands <= num_perm:
        raise ValueError(f"--bands {bands} must be between 1 and --num-perm {num_perm}")
    return StoreParams(num_perm=num_perm, seed=getattr(args, "seed", 1), bands=bands, rows=num_perm // bands,
                       **{k: v for k, v in dec.items() if v is not None})


def run_learn(args) -> int:
    from ..corpus.learn import learn_inputs
    from ..corpus.store import StoreError

    try:
        params = _params(args)
    except ValueError as exc:
        return _die(str(exc))
    if Path(args.output).is_dir():
        return _die(f"output {args.output} is a folder; give a file name for the store")
    inputs = args.inputs or ["-"]
    check_inputs(inputs)
    total = _input_bytes(inputs)
    try:
        with RunProgress("learning", total, enabled=wanted(args)) as progress:
            s = learn_inputs(inputs, args.output, params=params, input_format=args.input_format,
                             text_field=args.text_field, url_field=args.url_field, site_field=args.site_field,
                             memory_mb=args.memory_mb, workdir=args.tmp,
                             on_item=lambda item: progress.advance(item.nbytes))
    except StoreError as exc:
        return _die(str(exc))
    if not args.quiet:
        print(f"learned {s.pages:,} pages of {s.sites:,} sites ({s.blocks:,} blocks, {s.keys:,} distinct) in "
              f"{s.seconds:.1f}s ({s.blocks_per_second:,.0f} blocks/s): {s.templates:,} templates, "
              f"{s.protected:,} protected candidates -> {args.output}", file=sys.stderr)
        if s.unknown_site_pages:
            print(f"note: {s.unknown_site_pages:,} pages had no URL (or site field): they form the "
                  f"'(unknown)' site of this run", file=sys.stderr)
        if s.skipped:
            reasons = ", ".join(f"{r}: {n:,}" for r, n in sorted(s.skip_reasons.items()))
            print(f"note: {s.skipped:,} records skipped ({reasons})", file=sys.stderr)
    return REJECTED if s.skipped else OK


def run_merge(args) -> int:
    from ..corpus.learn import merge_stores
    from ..corpus.store import StoreError

    try:
        dec = {k: getattr(args, k) for k in ("min_pages", "min_share", "protect_share", "similarity")}
        stats = merge_stores(args.stores, args.output, **dec)
    except (StoreError, ValueError, OSError) as exc:
        return _die(str(exc))
    if not args.quiet:
        print(f"merged {len(args.stores)} stores: {stats['pages']:,} pages of {stats['sites']:,} sites, "
              f"{stats['templates']:,} templates, {stats['protected']:,} protected -> {args.output}",
              file=sys.stderr)
    return OK


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def run_show(args) -> int:
    from ..corpus.store import StoreError, TemplateStore

    try:
        store = TemplateStore.open(args.store)
    except StoreError as exc:
        return _die(str(exc))
    try:
        limit = args.limit if args.limit > 0 else None
        p = store.params
        if args.site is None:
            sites = store.sites()
            if args.json:
                print(json.dumps({"params": json.loads(p.to_json()),
                                  "sites": [s.__dict__ for s in sites[:limit]]}, ensure_ascii=False, indent=1))
                return OK
            from rich.console import Console
            from rich.table import Table

            t = Table(title=f"{args.store}: {len(sites):,} sites (k={p.min_pages}, f={p.min_share})",
                      title_justify="left", show_edge=False)
            for col, j in (("site", "left"), ("pages", "right"), ("templates", "right"),
                           ("protected", "right"), ("vetoed", "right")):
                t.add_column(col, justify=j)
            for s in sites[:limit]:
                t.add_row(s.name, f"{s.pages:,}", f"{s.templates:,}", f"{s.protected:,}", f"{s.vetoed:,}")
            Console(highlight=False, width=200 if not sys.stdout.isatty() else None).print(t)
            if limit and len(sites) > limit:
                print(f"... {len(sites) - limit:,} more (--limit 0 shows all)")
            return OK
        if args.site not in store.site_names():
            return _die(f"{args.store}: no site {args.site!r} (`cleaner templates show {args.store}` lists them)")
        tpls = store.templates(args.site)
        pages = store.site_pages(args.site)
        if args.json:
            print(json.dumps({"site": args.site, "pages": pages, "threshold": p.threshold(pages),
                              "templates": [{k: v for k, v in t.__dict__.items() if k != "key"}
                                            | {"key": f"{t.key:016x}"} for t in tpls[:limit]]},
                             ensure_ascii=False, indent=1))
            return OK
        from rich.console import Console
        from rich.table import Table

        t = Table(title=f"{args.site}: {pages:,} pages; a template needs {p.threshold(pages):,} pages",
                  title_justify="left", show_edge=False)
        for col, j in (("id", "left"), ("pages", "right"), ("share", "right"), ("status", "left"),
                       ("var.", "right"), ("text", "left")):
            t.add_column(col, justify=j, overflow="fold" if col == "text" else "ellipsis")
        for x in tpls[:limit]:
            status = "VETOED" if x.vetoed else x.status
            if x.status == "protected":
                status += f" ({x.prot}/{x.pages} title/body)"
            t.add_row(x.id, f"{x.pages:,}", f"{x.share:.0%}", status, str(x.variants),
                      _short(x.text) if x.text else "(text not recorded)")
        Console(highlight=False, width=200 if not sys.stdout.isatty() else None).print(t)
        if limit and len(tpls) > limit:
            print(f"... {len(tpls) - limit:,} more (--limit 0 shows all)")
        return OK
    except StoreError as exc:
        return _die(str(exc))
    finally:
        store.close()


def run_veto(args) -> int:
    from ..corpus.store import StoreError, veto

    try:
        done = veto(args.store, args.ids, args.reason, undo=args.undo)
    except StoreError as exc:
        return _die(str(exc))
    print(f"{'un-vetoed' if args.undo else 'vetoed'} {len(done)} template(s): {', '.join(done)}", file=sys.stderr)
    return OK


def _input_bytes(inputs) -> int | None:
    from ..io.readers import expand

    return sum(f.stat().st_size for f, _root, problem in expand(inputs) if f is not None and problem is None) or None


def run_stream(args) -> int:
    from ..corpus.streaming import stream_clean
    from ..io.readers import read_inputs
    from .clean import build_cleaner, record_options

    if args.window < 1:
        return _die("--window must be at least 1")
    check_inputs(args.inputs or ["-"])
    try:
        params = _params(args)
    except ValueError as exc:
        return _die(str(exc))
    cleaner, err = build_cleaner(args, args.input_format, check_examples=True)
    if err is not None:
        return err
    ids = _filter_ids(cleaner)
    if "templates" not in ids:
        return _die("the pipeline has no 'templates' filter: use a preset or config that lists it "
                    f"(this one has: {', '.join(ids)})")
    from ..stats import RunStats

    inputs = args.inputs or ["-"]
    stats = RunStats()
    outputs = open_outputs(args, inputs, stats, text_docs=False)  # one stream of records
    results = stream_clean(cleaner.spec, read_inputs(inputs, args.input_format), params=params, window=args.window,
                           workers=args.workers, options=record_options(args, cleaner),
                           max_keys_per_site=args.max_keys_per_site)
    return write_outcomes(args, results, outputs, label="cleaning", total_bytes=_input_bytes(inputs))


def _filter_ids(cleaner) -> list[str]:
    from ..pipeline import PRESETS

    spec = cleaner.spec
    if spec.filters:
        return [i for i, _o in spec.filters]
    return list(PRESETS.get(spec.preset, ()))
