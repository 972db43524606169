"""Benchmark of near-duplicates and site templates; prints every number side by side.

    python bench/templates.py               # everything, 1M-page memory run included
    python bench/templates.py --quick       # 100k pages for the memory run
    python bench/templates.py --pages 0     # skip the memory run

Sections:

1. MinHash signatures of real blocks: datasketch ``MinHash.update`` in a loop (its
   default SHA-1 hash), datasketch ``MinHash.bulk`` with xxhash, and the vectorized
   ``cleaner.corpus.minhash.MinHasher`` (checked bit-equal to the bulk path).
2. A multi-page-per-site corpus composed from the ScrapingHub benchmark's real
   structure (``compose``): the 181 real pages (55 sites have two), plus, for each of
   those sites, pages that wrap another page's article (and its own title, byline and
   teasers) in the site's real header and footer lines — the lines its two real pages
   share — with every digit changed (dates, counts).  Written to bench/_cache/.
3. ``templates learn`` throughput on that corpus (JSON reading included; one core).
4. ``clean`` time without and with ``--templates`` (one process).
5. Quality (ScrapingHub metric, bench/metrics.py): F1/P/R without templates, with a
   learned store (two passes), and in the single-pass streaming mode; seed 001.
6. Peak RSS of ``learn`` on N synthetic pages of one site (a child process).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SH = ROOT.parent / "shared" / "bench" / "scrapinghub"
CACHE = HERE / "_cache"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from metrics import shingle_prf, shingles, tokens  # noqa: E402

from cleaner.corpus.learn import Learner, learn_inputs, site_of_url  # noqa: E402
from cleaner.corpus.streaming import stream_clean  # noqa: E402
from cleaner.corpus.minhash import MinHasher, xxh32  # noqa: E402
from cleaner.corpus.shingles import Shingling, fold  # noqa: E402
from cleaner.corpus.store import TemplateStore  # noqa: E402
from cleaner.corpus.storeschema import StoreParams  # noqa: E402


def line(label: str, value: str) -> None:
    print(f"  {label:<58} {value}")


# -- 1. signatures ------------------------------------------------------------------------------

def bench_signatures(block_texts: list[str]) -> None:
    import numpy as np
    from datasketch import MinHash

    sh = Shingling()
    sets = [s for s in (sh.shingles(t) for t in block_texts) if s][:4000]
    enc = [[x.encode("utf-8") for x in s] for s in sets]
    nsh = sum(map(len, sets)) / len(sets)
    print(f"\n1. MinHash signatures, num_perm=128 ({len(sets)} real blocks, {nsh:.1f} shingles/block)")
    sample = enc[:300]
    t = time.perf_counter()
    for s in sample:
        m = MinHash(num_perm=128, seed=1)
        for x in s:
            m.update(x)
    loop = (time.perf_counter() - t) / len(sample) * 1e6
    t = time.perf_counter()
    bulk = MinHash.bulk(enc, num_perm=128, seed=1, hashfunc=xxh32)
    bulk_us = (time.perf_counter() - t) / len(enc) * 1e6
    h = MinHasher(128, 1)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        ours = h.signatures(sets)
        best = min(best, time.perf_counter() - t)
    vec_us = best / len(sets) * 1e6
    same = all(np.array_equal(m.hashvalues, o) for m, o in zip(bulk, ours))
    line("datasketch MinHash.update loop (SHA-1, per shingle)", f"{loop:8.1f} us/block")
    line("datasketch MinHash.bulk (update_batch, xxhash32)", f"{bulk_us:8.1f} us/block")
    line("cleaner MinHasher.signatures (numpy, xxhash32)", f"{vec_us:8.1f} us/block")
    line("vectorized == datasketch bulk, bit for bit", "yes" if same else "NO")


# -- 2. the composed multi-page-per-site corpus ----------------------------------------------------

def split_page(text: str, gold: str):
    """(head, body, tail) lines of a scraped page: body is the span of lines whose token
    4-grams are mostly in the gold article."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    gs = set(shingles(gold))
    marks = []
    for i, x in enumerate(lines):
        s = shingles(x)
        if len(tokens(x)) >= 6 and s and sum(1 for k in s if k in gs) / len(s) >= 0.6:
            marks.append(i)
    if not marks:
        return lines, [], []
    return lines[:marks[0]], lines[marks[0]:marks[-1] + 1], lines[marks[-1] + 1:]


def compose(extra: int = 6, seed: int = 1):
    """Records (id, url, lang, text) and gold of the composed corpus (see the module doc)."""
    recs = [json.loads(x) for x in open(SH / "text" / "htmltext.jsonl", encoding="utf-8")]
    gt = json.load(open(SH / "ground-truth.json", encoding="utf-8"))
    rng = random.Random(seed)
    parts = {r["id"]: split_page(r["text"], gt[r["id"]]["articleBody"]) for r in recs}
    by_site = defaultdict(list)
    for r in recs:
        by_site[site_of_url(r["url"])].append(r)

    def shared_of(pages):
        seen = defaultdict(set)
        for r in pages:
            h, _b, t = parts[r["id"]]
            for x in h + t:
                seen[fold(x)].add(r["id"])
        return {k for k, v in seen.items() if len(v) >= 2 and k}

    shared = {s: shared_of(v) for s, v in by_site.items()}
    out, gold = [], {}
    for r in recs:
        out.append({"id": r["id"], "url": r["url"], "lang": r.get("lang"), "text": r["text"]})
        gold[r["id"]] = gt[r["id"]]["articleBody"]

    def bump_digits(x):
        return "".join(str(rng.randint(0, 9)) if c.isdigit() else c for c in x)

    for site in sorted(s for s, v in by_site.items() if len(v) >= 2):
        pages = by_site[site]
        donors = [r for r in recs if site_of_url(r["url"]) != site and parts[r["id"]][1]]
        same_lang = [r for r in donors if r.get("lang") == pages[0].get("lang")]
        pool = same_lang if len(same_lang) >= extra else donors
        chosen = rng.sample(pool, extra)
        host = pages[0]["url"].split("/")[2]
        for j, donor in enumerate(chosen):
            head, _b, tail = parts[pages[j % len(pages)]["id"]]
            dh, db, dt = parts[donor["id"]]
            dsh = shared[site_of_url(donor["url"])]
            own_head = [x for x in dh if fold(x) not in dsh]  # the donor page's title, byline, ...
            own_tail = [x for x in dt if fold(x) not in dsh]  # ... and teasers
            lines = (own_head[:1] + [bump_digits(x) for x in head if fold(x) in shared[site]] + own_head[1:]
                     + db + own_tail + [bump_digits(x) for x in tail if fold(x) in shared[site]])
            cid = f"composed-{site}-{j}"
            out.append({"id": cid, "url": f"https://{host}/composed/{j}", "lang": donor.get("lang"),
                        "text": "\n".join(lines)})
            gold[cid] = gt[donor["id"]]["articleBody"]
    random.Random(seed + 1).shuffle(out)  # a crawl interleaves its sites
    return out, gold


# -- 3-5. learn, clean, quality ---------------------------------------------------------------------

def timed(fn, repeat=3):
    best_wall = best_cpu = float("inf")
    res = None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        res = fn()
        best_wall = min(best_wall, time.perf_counter() - w)
        best_cpu = min(best_cpu, time.process_time() - c)
    return res, best_wall, best_cpu


def bench_corpus(quick: bool) -> None:
    from cleaner.pipeline import Cleaner, CleanerSpec
    from cleaner.io.readers import Item

    CACHE.mkdir(exist_ok=True)
    recs, gold = compose()
    src = CACHE / "sites.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    sites = defaultdict(int)
    for r in recs:
        sites[site_of_url(r["url"])] += 1
    multi = sum(1 for v in sites.values() if v >= 2)
    print(f"\n2. Composed corpus: {len(recs)} pages, {len(sites)} sites ({multi} with 8 pages: 2 real + 6 composed), "
          f"{src.stat().st_size / 1e6:.1f} MB -> {src.relative_to(ROOT)}")

    store = CACHE / "sites.tpl"
    summary, wall, cpu = timed(lambda: learn_inputs([str(src)], store), repeat=1 if quick else 3)
    print("\n3. templates learn (JSON reading included, one process)")
    line("blocks", f"{summary.blocks:,} ({summary.pages:,} pages, {summary.keys:,} distinct keys)")
    line("wall time / CPU time", f"{wall:.2f} s / {cpu:.2f} s")
    line("throughput (wall) / (CPU, one core)", f"{summary.blocks / wall:,.0f} / {summary.blocks / cpu:,.0f} blocks/s")
    line("templates learned / protected candidates", f"{summary.templates:,} / {summary.protected:,}")

    plain = Cleaner()
    with_t = Cleaner(templates=str(store))

    def run(c):
        return {r["id"]: c.clean(r["text"], url=r["url"]).text for r in recs}

    for r in recs[:20]:  # warm both (regex caches, language models)
        plain.clean(r["text"], url=r["url"]), with_t.clean(r["text"], url=r["url"])
    # interleaved runs, best of each: the machine's load changes between runs
    w0 = c0 = w1 = c1 = float("inf")
    for _ in range(1 if quick else 3):
        out_plain, w, c = timed(lambda: run(plain), repeat=1)
        w0, c0 = min(w0, w), min(c0, c)
        out_tpl, w, c = timed(lambda: run(with_t), repeat=1)
        w1, c1 = min(w1, w), min(c1, c)
    # the templates filter's own CPU time, measured inside one run (robust to load changes)
    tf = next(f for f in with_t.filters if f.id == "templates")
    spent = [0.0]
    apply = tf.apply

    def timed_apply(doc):
        t0 = time.process_time()
        try:
            return apply(doc)
        finally:
            spent[0] += time.process_time() - t0

    tf.apply = timed_apply  # Cleaner.process calls f.apply on each filter
    _out, _w, c_in = timed(lambda: run(with_t), repeat=1)
    del tf.apply
    nblocks = summary.blocks
    print("\n4. clean time, one process (best of interleaved runs)")
    line("clean", f"{c0:.2f} s CPU ({nblocks / c0:,.0f} blocks/s), wall {w0:.2f} s")
    line("clean --templates", f"{c1:.2f} s CPU ({nblocks / c1:,.0f} blocks/s), wall {w1:.2f} s")
    line("added by --templates (CPU, whole runs)", f"{(c1 / c0 - 1) * 100:+.1f} %")
    line("the templates filter's own CPU, within one run", f"{spent[0]:.2f} s of {c_in:.2f} s "
                                                             f"({spent[0] / c_in * 100:.1f} %)")

    items = [Item("sites.jsonl", i + 1, record=r, kind="record") for i, r in enumerate(recs)]
    out_stream = {it.record["id"]: o.record["text"] for it, o in stream_clean(CleanerSpec(), items, window=100)}
    print("\n5. Quality on the composed corpus (ScrapingHub metric: mean P, mean R, F1)")
    subsets = {"all pages": list(gold), "pages of 8-page sites": [k for k in gold if sites[site_of_url(
        next(r["url"] for r in recs if r["id"] == k))] >= 2]}
    for name, keys in subsets.items():
        g = {k: gold[k] for k in keys}
        print(f"  {name} ({len(keys)}):")
        for label, out in (("default, no templates", out_plain), ("default + templates (two passes)", out_tpl),
                           ("default + templates (single pass, window 100)", out_stream)):
            f1, p, r = shingle_prf(g, out)
            line(f"  {label}", f"F1 {f1:.4f}  P {p:.4f}  R {r:.4f}")
    rs = [json.loads(x) for x in open(SH / "text" / "htmltext.jsonl", encoding="utf-8")]
    gt = json.load(open(SH / "ground-truth.json", encoding="utf-8"))
    f1, p, r = shingle_prf({x["id"]: gt[x["id"]]["articleBody"] for x in rs},
                           {x["id"]: out_plain[x["id"]] for x in rs})
    line("ScrapingHub text (181 real pages), default, no templates", f"F1 {f1:.4f}  P {p:.4f}  R {r:.4f}")
    f1, p, r = shingle_prf({x["id"]: gt[x["id"]]["articleBody"] for x in rs},
                           {x["id"]: out_tpl[x["id"]] for x in rs})
    line("... the same pages with templates learned on the corpus", f"F1 {f1:.4f}  P {p:.4f}  R {r:.4f}")
    with TemplateStore.open(store) as st:
        n = sum(len(st.templates(s, include_protected=False)) for s in st.site_names())
    line("templates in the store", f"{n:,}")

    seed = next(p for p in (ROOT / "samples").glob("001_*.txt") if ".expected" not in p.name)
    expected = seed.with_name(seed.stem + ".expected.txt").read_text(encoding="utf-8").strip()
    from cleaner.pipeline import PRESETS
    no_rel = Cleaner(spec=CleanerSpec(filters=tuple((f, ()) for f in PRESETS["default"] if f != "related")))
    text = seed.read_text(encoding="utf-8")
    line("seed 001, default pipeline == gold", str(plain.clean(text).text.strip() == expected))
    line("seed 001, default without 'related' rules (duplicates alone) == gold",
         str(no_rel.clean(text).text.strip() == expected))


# -- 6. memory on N pages of one site ------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _tag(n: int) -> str:
    s = ""
    while True:
        n, r = divmod(n, 26)
        s = _LETTERS[r] + s
        if not n:
            return "q" + s


def synthetic_pages(n: int, seed: int = 7):
    """One site's pages: 6 header lines (one with a changing date), 10 article lines that
    exist on no other page, 4 footer lines (a changing count): 20 blocks a page."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(_LETTERS) for _ in range(rng.randint(3, 9))) for _ in range(4000)]
    stop = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on"]
    pool = [" ".join(rng.choice(vocab) if k % 2 else rng.choice(stop) for k in range(rng.randint(6, 14)))
            for _ in range(20000)]
    header = ["Home", "World news", "Business and markets", "Sign in to your account", "Subscribe today"]
    footer = ["Related stories", "Privacy policy and terms of use", "Contact the newsroom"]
    for i in range(n):
        body = [f"{pool[(i * 7 + k * 131) % 20000].capitalize()} {_tag(i * 10 + k)} "
                f"{pool[(i * 13 + k * 17 + 5) % 20000]}." for k in range(10)]
        text = "\n\n".join([f"Story {_tag(i)} | example.com", *header[:5], *body,
                          *footer, f"{(i * 37) % 9000 + 100:,} readers online"])
        yield json.dumps({"id": i, "url": f"https://www.example.com/story/{i}", "text": text})


def child_memory(n: int, out: str) -> None:
    ln = Learner()
    t = time.perf_counter()
    c = time.process_time()
    for raw in synthetic_pages(n):
        ln.add_record(json.loads(raw))
    s = ln.write(out)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": s.pages, "blocks": s.blocks, "keys": s.keys, "templates": s.templates,
                      "wall": wall, "cpu": cpu, "peak_rss_mb": rss, "spilled_mb": s.spilled_bytes / 2**20,
                      "store_mb": os.path.getsize(out) / 2**20}))


def bench_memory(n: int) -> None:
    CACHE.mkdir(exist_ok=True)
    out = CACHE / "one-site.tpl"
    print(f"\n6. learn on {n:,} synthetic pages of one site (20 blocks a page; child process)")
    proc = subprocess.run([sys.executable, __file__, "--child-memory", str(n), str(out)],
                          capture_output=True, text=True)
    if proc.returncode:
        print(proc.stderr)
        return
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    line("pages / blocks / distinct keys", f"{r['pages']:,} / {r['blocks']:,} / {r['keys']:,}")
    line("templates", f"{r['templates']:,}")
    line("wall / CPU", f"{r['wall']:.0f} s / {r['cpu']:.0f} s ({r['blocks'] / r['cpu']:,.0f} blocks/s CPU, "
                       "page generation and JSON round trip included)")
    line("peak RSS", f"{r['peak_rss_mb']:,.0f} MB")
    line("spilled to the temporary folder / store size", f"{r['spilled_mb']:,.0f} MB / {r['store_mb']:,.0f} MB")
    out.unlink(missing_ok=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=None, help="pages of the memory run (default 1,000,000)")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, 100,000 pages for the memory run")
    ap.add_argument("--child-memory", nargs=2, metavar=("N", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_memory:
        child_memory(int(args.child_memory[0]), args.child_memory[1])
        return
    pages = args.pages if args.pages is not None else (100_000 if args.quick else 1_000_000)
    print(f"cleaner templates benchmark — python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"store defaults {StoreParams().to_json()}")
    from cleaner.parse import parse
    texts = [json.loads(x)["text"] for x in open(SH / "text" / "htmltext.jsonl", encoding="utf-8")]
    bench_signatures([b.text for t in texts[:40] for b in parse(t).blocks])
    bench_corpus(args.quick)
    if pages:
        bench_memory(pages)


if __name__ == "__main__":
    main()
