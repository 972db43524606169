#!/usr/bin/env python3
"""Quality and speed of `cleaner` in text mode, next to its peers, in one run.

    python bench/quality.py [--data ../shared/bench] [--sets scrapinghub,trafilatura-dev]
                            [--peers nothing,c4,justext] [--html]

For each benchmark set and each naive-scraper converter (htmltext, resiliparse) it
prints F1 / precision / recall of:
  - cleaner (default pipeline, text in);
  - nothing (the scraped text as is);
  - c4: datatrove's C4QualityFilter (line filter) on the same text;
  - justext: jusText 3 over the lines (each line a paragraph, language stoplist);
and the throughput (MB/s of input text) of cleaner and the C4 filter on the same input,
each system built once and warmed up (as in a corpus job); --parallel N also times the
default multi-process path.
With --html it also scores cleaner on the raw HTML (and trafilatura on the HTML, if
installed).  Peers come from the `bench` extra: pip install -e '.[bench]'.
Metrics: bench/metrics.py (each set's own).
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metrics import segment_prf, shingle_prf  # noqa: E402

JUSTEXT_LANGS = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
                 "it": "Italian", "pl": "Polish", "nl": "Dutch", "ru": "Russian", "fi": "Finnish",
                 "id": "Indonesian", "hu": "Hungarian", "tr": "Turkish", "cs": "Czech", "sv": "Swedish",
                 "uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "vi": "Vietnamese", "bn": "Bengali"}


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.name.endswith(".gz") else open(path, encoding="utf-8")


def load_set(data: Path, name: str):
    """(gold, scorer, {converter: rows})."""
    base = data / name
    convs = {}
    for f in sorted((base / "text").glob("*.jsonl*")):
        conv = f.name.split(".")[0]
        with _open(f) as fh:
            convs[conv] = [json.loads(line) for line in fh]
    if name == "scrapinghub":
        gt = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
        gold = {k: v["articleBody"] for k, v in gt.items()}
        return gold, (lambda out, inp: shingle_prf(gold, out)), convs
    gold = {}
    with open(base / "segments.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            gold[d["id"]] = d
    return gold, (lambda out, inp: segment_prf(gold, out, inp)), convs


# -- systems ---------------------------------------------------------------------------
_CLEANER = []


def cleaner_instance():
    """One Cleaner for the whole run, as a corpus job keeps one (start-up is printed)."""
    if not _CLEANER:
        from cleaner import Cleaner
        t = time.perf_counter()
        c = Cleaner()
        c.clean("warm up\n\nThis is a warm-up paragraph that loads the language model and the rules.")
        print(f"(cleaner start-up: {time.perf_counter() - t:.2f} s, not counted below)", flush=True)
        _CLEANER.append(c)
    return _CLEANER[0]


def run_cleaner(rows):
    c = cleaner_instance()
    t = time.perf_counter()
    out = {r["id"]: c.clean(r["text"], url=r.get("url")).text for r in rows}
    return out, time.perf_counter() - t


def run_nothing(rows):
    return {r["id"]: r["text"] for r in rows}, 0.0


_C4 = []


def run_c4(rows):
    import logging
    logging.disable(logging.WARNING)
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter
    if not _C4:
        _C4.append(C4QualityFilter())
        _C4[0].filter(Document(text="Warm up the tokenizer. It is loaded on first use.", id="w"))
    f = _C4[0]
    out = {}
    t = time.perf_counter()
    for r in rows:
        d = Document(text=r["text"], id=r["id"])
        res = f.filter(d)
        keep = res is True or (isinstance(res, tuple) and res[0])
        out[r["id"]] = d.text if keep else ""
    return out, time.perf_counter() - t


def run_justext(rows):
    import justext
    out = {}
    t = time.perf_counter()
    for r in rows:
        lang = JUSTEXT_LANGS.get(r.get("lang") or "en", "English")
        lines = [x for x in r["text"].split("\n") if x.strip()]
        doc = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + "</body></html>"
        try:
            paras = justext.justext(doc, justext.get_stoplist(lang))
        except Exception:
            out[r["id"]] = ""
            continue
        out[r["id"]] = "\n\n".join(p.text for p in paras if not p.is_boilerplate)
    return out, time.perf_counter() - t


PEERS = {"nothing": run_nothing, "c4": run_c4, "justext": run_justext}


def html_rows(data: Path, name: str):
    base = data / name
    if name == "scrapinghub":
        gt = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
        rows = []
        for k, v in gt.items():
            f = base / "html" / f"{k}.html.gz"
            if f.exists():
                from cleaner.parse import decode_html
                text, _ = decode_html(gzip.open(f, "rb").read())
                rows.append({"id": k, "url": v.get("url"), "html": text})
        return rows
    with gzip.open(base / "html.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "bench"))
    ap.add_argument("--sets", default="scrapinghub,trafilatura-dev")
    ap.add_argument("--peers", default="nothing,c4,justext")
    ap.add_argument("--html", action="store_true", help="also score HTML mode (cleaner, trafilatura)")
    ap.add_argument("--parallel", type=int, default=0, metavar="N",
                    help="also time Cleaner.stream with N worker processes over all text inputs")
    args = ap.parse_args(argv)
    data = Path(args.data)
    peers = [p for p in args.peers.split(",") if p]
    print(f"{'set':16} {'converter':12} {'system':10} {'F1':>6} {'P':>6} {'R':>6} {'MB/s':>7}")
    speed = {}
    for name in args.sets.split(","):
        gold, score, convs = load_set(data, name)
        for conv, rows in convs.items():
            rows = [r for r in rows if r["id"] in gold]
            inp = {r["id"]: r["text"] for r in rows}
            mb = sum(len(r["text"].encode("utf-8")) for r in rows) / 1e6
            for system in ["cleaner"] + peers:
                fn = run_cleaner if system == "cleaner" else PEERS[system]
                try:
                    out, secs = fn(rows)
                except ImportError as exc:
                    print(f"{name:16} {conv:12} {system:10} skipped: {exc} (pip install -e '.[bench]')")
                    continue
                f1, p, r = score(out, inp)
                rate = f"{mb / secs:7.2f}" if secs else "      -"
                if secs:
                    speed.setdefault(system, [0.0, 0.0])
                    speed[system][0] += mb
                    speed[system][1] += secs
                print(f"{name:16} {conv:12} {system:10} {f1:6.3f} {p:6.3f} {r:6.3f} {rate}", flush=True)
        if args.html:
            rows = html_rows(data, name)
            from cleaner import Cleaner
            c = Cleaner(input_format="html")
            t = time.perf_counter()
            out = {r["id"]: c.clean(r["html"], url=r.get("url")).text for r in rows}
            secs = time.perf_counter() - t
            mb = sum(len(r["html"].encode("utf-8")) for r in rows) / 1e6
            f1, p, r = score(out, None)
            print(f"{name:16} {'html':12} {'cleaner':10} {f1:6.3f} {p:6.3f} {r:6.3f} {mb / secs:7.2f}", flush=True)
            try:
                import trafilatura
                t = time.perf_counter()
                out = {x["id"]: trafilatura.extract(x["html"], include_comments=False) or "" for x in rows}
                secs = time.perf_counter() - t
                f1, p, r = score(out, None)
                print(f"{name:16} {'html':12} {'trafilatura':10} {f1:6.3f} {p:6.3f} {r:6.3f} {mb / secs:7.2f}",
                      flush=True)
            except ImportError:
                pass
    if "cleaner" in speed and args.parallel:
        from cleaner import Cleaner
        allrows = [r for name in args.sets.split(",") for rows in load_set(data, name)[2].values() for r in rows]
        mb = sum(len(r["text"].encode("utf-8")) for r in allrows) / 1e6
        c = Cleaner()
        t = time.perf_counter()
        n = sum(1 for _ in c.stream(({"id": r["id"], "url": r.get("url"), "text": r["text"]} for r in allrows),
                                    workers=args.parallel))
        secs = time.perf_counter() - t
        print(f"\ncleaner.stream with {args.parallel} worker processes: {n} documents, "
              f"{mb / secs:.2f} MB/s (start-up included)")
    if speed:
        print("\nthroughput over all text inputs (one process):")
        for system, (mb, secs) in speed.items():
            print(f"  {system:10} {mb / secs:6.2f} MB/s  ({mb:.1f} MB in {secs:.1f} s)")
        if "cleaner" in speed and "c4" in speed:
            ratio = (speed["cleaner"][0] / speed["cleaner"][1]) / (speed["c4"][0] / speed["c4"][1])
            print(f"  cleaner / c4 speed ratio: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
