#!/usr/bin/env python3
"""HTML mode next to the HTML extractors, in one run: quality per set (and per WCXB
page type) and speed in pages/s of CPU time, one process.

    python bench/html_mode.py [--data ../shared/bench] [--sets scrapinghub,trafilatura-dev,wcxb-dev]
                         [--systems cleaner,trafilatura,readability,resiliparse]
                         [--passes 3] [--limit N] [--out DIR] [--bad-input]

Systems (peers from the `bench` extra: pip install -e '.[bench]'):
  cleaner      Cleaner().clean(html, fmt="html").text (default pipeline, one instance, warmed up);
  trafilatura  trafilatura.extract(html) with its defaults; on scrapinghub and
               trafilatura-dev also with include_comments=False, as those sets' READMEs
               report it ("trafilatura-nc");
  readability  readability-lxml Document(html).summary(html_partial=True), then html_text;
  resiliparse  extract_plain_text(HTMLTree.parse(html), main_content=True).
Metrics, each set its own: scrapinghub shingle F1 (bench/metrics.py), trafilatura-dev
segment F1 (bench/metrics.py), wcxb-dev word F1, mean over pages (the set's score.py).
"empty" counts pages with no output word whose gold has some.  Speed: CPU time
(time.process_time) of the whole call per page, best of --passes passes, pages/s.
--bad-input times the issue's bad pages (1,000,000 <p>, a 20 MB page) through
Cleaner.clean_record.  Everything is measured and printed; nothing is asserted.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _metrics():
    spec = importlib.util.spec_from_file_location("bench_metrics", HERE / "metrics.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_M = _metrics()
segment_prf, shingle_prf = _M.segment_prf, _M.shingle_prf

TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]
_WORD = re.compile(r"\w+")


def _read(path: Path) -> list[dict]:
    op = gzip.open if path.name.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load(data: Path, name: str, limit: int | None):
    """(pages [{id, url, html}], scorer(outputs) -> (f1, p, r, per_type|None), gold texts|None)."""
    base = data / name
    if name == "scrapinghub":
        from cleaner.parse import decode_html
        gt = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
        pages = []
        for k, v in gt.items():
            f = base / "html" / f"{k}.html.gz"
            if f.exists():
                pages.append({"id": k, "url": v.get("url"), "html": decode_html(gzip.open(f).read())[0]})
        pages = pages[:limit]
        gold = {p["id"]: gt[p["id"]]["articleBody"] for p in pages}
        return pages, (lambda out: (*shingle_prf(gold, out), None)), gold
    pages = _read(base / "html.jsonl.gz")[:limit]
    ids = {p["id"] for p in pages}
    if name == "trafilatura-dev":
        segs = {d["id"]: d for d in _read(base / "segments.jsonl") if d["id"] in ids}
        return pages, (lambda out: (*segment_prf(segs, out), None)), None
    spec = importlib.util.spec_from_file_location("wcxb_score", base / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = {d["id"]: d for d in _read(base / "gold.jsonl") if d["id"] in ids}

    def wcxb(out):
        per: dict[str, list] = {}
        for k, g in gold.items():
            per.setdefault(g["page_type"], []).append(score.word_prf(out.get(k) or "", g["main_content"]))
        allp = [x for v in per.values() for x in v]
        mean = [sum(x[i] for x in allp) / len(allp) for i in range(3)]
        types = {t: sum(x[2] for x in v) / len(v) for t, v in per.items()}
        return mean[2], mean[0], mean[1], types

    return pages, wcxb, {k: g["main_content"] for k, g in gold.items()}


# -- systems -------------------------------------------------------------------------
def system(name: str, set_name: str):
    """A function html, url -> text (built and warmed up here), or None when not installed."""
    if name == "cleaner":
        from cleaner import Cleaner
        c = Cleaner()
        c.clean("<html><body><p>Warm up the rules and the language model.</p></body></html>", fmt="html")
        return lambda html, url: c.clean(html, url=url, fmt="html").text
    try:
        if name.startswith("trafilatura"):
            import trafilatura
            comments = not name.endswith("-nc")
            return lambda html, url: trafilatura.extract(html, url=url, include_comments=comments) or ""
        if name == "readability":
            import html_text
            from readability import Document
            return lambda html, url: html_text.extract_text(Document(html).summary(html_partial=True))
        if name == "resiliparse":
            from resiliparse.extract.html2text import extract_plain_text
            from resiliparse.parse.html import HTMLTree
            return lambda html, url: extract_plain_text(HTMLTree.parse(html), main_content=True)
    except ImportError as exc:
        print(f"  {name}: skipped ({exc}; pip install -e '.[bench]')", file=sys.stderr)
        return None
    raise ValueError(f"unknown system {name!r}")


def run(fn, pages, passes: int):
    outs, best = {}, None
    for i in range(max(1, passes)):
        t = time.process_time()
        for p in pages:
            try:
                text = fn(p["html"], p.get("url"))
            except Exception as exc:  # a peer's crash on a page counts as an empty output
                text = ""
                if i == 0:
                    print(f"  error on {p['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            if i == 0:
                outs[p["id"]] = text
        secs = time.process_time() - t
        best = secs if best is None else min(best, secs)
    return outs, len(pages) / best if best else float("inf")


def bad_input() -> None:
    import random
    import resource

    from cleaner import Cleaner
    from cleaner.pipeline import Rejected
    c = Cleaner()
    rnd = random.Random(0)
    words = "the council approved budget city schools parks transport housing debate mayor report".split()

    def para():
        return " ".join(rnd.choice(words) for _ in range(40)).capitalize() + "."

    big = ("<html><head><title>A big page</title><style>" + ".c{color:red}" * 250_000 + "</style></head><body>"
           + "<nav>" + "".join(f'<a href="/s/{i}">Section {i}</a>' for i in range(3000)) + "</nav>"
           + "<script>var data = [" + ",".join(str(i) for i in range(1_500_000)) + "];</script>"
           + "<svg>" + '<path d="M0 0 L10 10"/>' * 200_000 + "</svg><article><h1>A big page</h1>"
           + "".join(f"<p>{para()}</p>" for _ in range(8000)) + "</article></body></html>")
    cases = [("1,000,000 <p> elements", "<html><body>" + "<p>x</p>" * 1_000_000 + "</body></html>"),
             (f"a {len(big) / 1e6:.0f} MB page (scripts, styles, SVG, 8,000 paragraphs)", big)]
    for name, html in cases:
        t = time.process_time()
        try:
            out, _ = c.clean_record({"id": 1, "html": html})
            what = f"{len(out['text']):,} characters out"
        except Rejected as exc:
            what = f"rejected: {exc.reason}"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name}: {time.process_time() - t:.1f} s CPU, peak RSS so far {rss:.0f} MB, {what}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # ../shared/bench next to the checkout (or next to the folder holding it, for a worktree)
    data = next((d for d in (HERE.parent.parent / "shared" / "bench", HERE.parent.parent.parent / "shared" / "bench")
                 if d.is_dir()), HERE.parent.parent / "shared" / "bench")
    ap.add_argument("--data", default=str(data))
    ap.add_argument("--sets", default="scrapinghub,trafilatura-dev,wcxb-dev")
    ap.add_argument("--systems", default="cleaner,trafilatura,readability,resiliparse")
    ap.add_argument("--passes", type=int, default=1, help="timing passes per system (best is reported)")
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    ap.add_argument("--out", help="write each system's outputs here as SET.SYSTEM.jsonl")
    ap.add_argument("--bad-input", action="store_true", help="also time the bad pages")
    args = ap.parse_args(argv)
    data = Path(args.data)
    print(f"{'set':16} {'system':15} {'F1':>6} {'P':>6} {'R':>6} {'empty':>5} {'pages/s':>8}  per page type")
    for set_name in args.sets.split(","):
        pages, scorer, gold = load(data, set_name, args.limit)
        names = args.systems.split(",")
        if set_name != "wcxb-dev" and "trafilatura" in names:
            names.insert(names.index("trafilatura") + 1, "trafilatura-nc")
        for name in names:
            fn = system(name, set_name)
            if fn is None:
                continue
            outs, rate = run(fn, pages, args.passes)
            f1, p, r, types = scorer(outs)
            empty = "-"
            if gold is not None:
                empty = sum(1 for k, g in gold.items() if _WORD.search(g or "") and not _WORD.search(outs.get(k) or ""))
            per = "  ".join(f"{t[:4]} {types[t]:.3f}" for t in TYPES if t in types) if types else ""
            print(f"{set_name:16} {name:15} {f1:6.3f} {p:6.3f} {r:6.3f} {empty:>5} {rate:8.1f}  {per}", flush=True)
            if args.out:
                Path(args.out).mkdir(parents=True, exist_ok=True)
                with open(Path(args.out) / f"{set_name}.{name}.jsonl", "w", encoding="utf-8") as fh:
                    for k, v in outs.items():
                        fh.write(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n")
    if args.bad_input:
        bad_input()
    return 0


if __name__ == "__main__":
    sys.exit(main())
