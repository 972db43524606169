#!/usr/bin/env python3
"""Quality of `cleaner` in text mode next to its peers, in one run, on every benchmark set
and every converter variant, each scored with the set's own metric.

    python bench/quality.py                       # everything (a few minutes on 2 cores)
    python bench/quality.py --sets wcxb-dev --variants markdown --jobs 2
    python bench/quality.py --peers c4 --limit 20 # a quick look
    python bench/quality.py --json scores.json --save-outputs out/

Sets (under --data, default: the `shared/bench` folder found above this checkout):
  scrapinghub      181 news/blog pages; token 4-gram shingle F1 (bench/metrics.py): mean P and
                   mean R over pages, F1 of the two means.
  trafilatura-dev  507 pages; "with"/"without" segments, micro-averaged; in text mode only the
                   segments present in the page's input are counted.
  wcxb-dev         600 pages of seven page types; word F1, mean over pages, overall and per
                   page type, computed by the set's own score.py (imported from the data folder).
Variants: every text/<converter>.jsonl[.gz] present (htmltext, resiliparse, markdown).  The
markdown variant is scored as plain text: markdown syntax is stripped from every tool's output
and (for the presence test) from the input, the same way for every tool
(bench/metrics.strip_markdown, as the sets' READMEs describe).

Systems, all given the same input text:
  cleaner  Cleaner() (default preset), Cleaner.clean(text, url=url) per page, language detected;
  nothing  the input as is;
  c4       datatrove's C4QualityFilter line rules: C4QualityFilter(min_num_sentences=-1,
           filter_lorem_ipsum=False, filter_curly_bracket=False).  With those three settings
           no page is ever dropped (the sentence count is never taken, so no sentence
           splitter runs); what remains is per line: drop a line with a word over 1000
           characters, remove [1]/[edit]/[citation needed] citations, drop a line that does
           not end in . ? ! " ' (or ends in ...), has fewer than 3 words, mentions
           "javascript", or holds a terms-of-use/privacy/cookie phrase.  Kept lines joined by \\n;
  justext  jusText 3 with its default parameters over the lines (each non-empty line one <p>),
           the stoplist of the row's guessed language; where jusText has none (zh, ja, ...),
           its language-independent mode (empty stoplist, stopword thresholds 0).

Quality only: speed is bench/speed.py's job.  --jobs N spreads cleaner's pass over N
processes (one Cleaner built per process); the scores do not depend on it.  HTML mode with
its peers: bench/html.py.
"""
from __future__ import annotations

import argparse
import gzip
import html
import importlib.util
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from metrics import norm, segment_prf, shingle_prf, strip_markdown  # noqa: E402

SETS = ("scrapinghub", "trafilatura-dev", "wcxb-dev")
VARIANTS = ("htmltext", "resiliparse", "markdown")
PEERS = ("nothing", "c4", "justext")

# ISO 639-1 -> jusText stoplist name (the languages jusText ships a stoplist for)
JUSTEXT_LANGS = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian",
    "ast": "Asturian", "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali",
    "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian", "ca": "Catalan", "ceb": "Cebuano",
    "cv": "Chuvash", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch", "en": "English",
    "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French", "gl": "Galician",
    "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati", "ht": "Haitian",
    "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "ig": "Igbo",
    "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada",
    "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian",
    "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam",
    "mt": "Maltese", "mr": "Marathi", "ne": "Nepali", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "pl": "Polish", "pt": "Portuguese",
    "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sh": "Serbo_Croatian",
    "scn": "Sicilian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "su": "Sundanese",
    "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish",
    "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}


def default_data() -> Path:
    """The first `shared/bench` folder above this checkout (or $CLEANER_BENCH_DATA)."""
    env = os.environ.get("CLEANER_BENCH_DATA")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        cand = parent / "shared" / "bench"
        if cand.is_dir():
            return cand
    return ROOT.parent / "shared" / "bench"


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def variant_files(base: Path) -> dict[str, Path]:
    out = {}
    for f in sorted((base / "text").glob("*.jsonl*")):
        out[f.name.split(".")[0]] = f
    return out


# -- the three sets: gold and metric -----------------------------------------------------------

class BenchSet:
    """A benchmark set: its gold, its page ids, and its own metric."""

    name = ""
    unit = ""

    def __init__(self, base: Path):
        self.base = base
        self.variants = variant_files(base)

    def ids(self) -> list[str]:
        raise NotImplementedError

    def score(self, out: dict, inp: dict) -> dict:
        """out, inp: id -> text as scored (markdown already stripped)."""
        raise NotImplementedError


class ScrapingHub(BenchSet):
    name = "scrapinghub"
    unit = "token 4-gram shingle F1; P and R are means over pages"

    def __init__(self, base: Path):
        super().__init__(base)
        gt = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
        self.gold = {k: v["articleBody"] for k, v in gt.items()}

    def ids(self):
        return list(self.gold)

    def score(self, out, inp):
        gold = {k: v for k, v in self.gold.items() if k in inp}
        f1, p, r = shingle_prf(gold, out)
        return {"f1": f1, "precision": p, "recall": r, "pages": len(gold)}


class TrafilaturaDev(BenchSet):
    name = "trafilatura-dev"
    unit = "segments, micro-averaged; only segments present in the input count"

    def __init__(self, base: Path):
        super().__init__(base)
        self.gold = {d["id"]: d for d in read_jsonl(base / "segments.jsonl")}

    def ids(self):
        return list(self.gold)

    def scorable(self, inp: dict) -> tuple[int, int]:
        n = {"with": 0, "without": 0}
        for key, g in self.gold.items():
            if key not in inp:
                continue
            x = norm(inp[key])
            for side in n:
                n[side] += sum(norm(s) in x for s in g[side])
        return n["with"], n["without"]

    def score(self, out, inp):
        gold = {k: v for k, v in self.gold.items() if k in inp}
        f1, p, r = segment_prf(gold, out, inp)
        w, wo = self.scorable(inp)
        return {"f1": f1, "precision": p, "recall": r, "pages": len(gold),
                "scorable_with": w, "scorable_without": wo}


class Wcxb(BenchSet):
    """Scored by the set's own score.py (imported from the data folder), file in, numbers out."""

    name = "wcxb-dev"
    unit = "word F1 per page, mean over pages (the set's score.py)"

    def __init__(self, base: Path):
        super().__init__(base)
        spec = importlib.util.spec_from_file_location("wcxb_score", base / "score.py")
        self.metric = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.metric)
        self.gold = {str(g["id"]): g for g in self.metric.read_jsonl(base / "gold.jsonl")}

    def ids(self):
        return list(self.gold)

    def score(self, out, inp):
        gold = {k: v for k, v in self.gold.items() if k in inp}
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "out.jsonl"
            write_outputs(path, out)
            res = self.metric.score_file(path, gold, "text")
        m = res["overall"]
        return {"f1": m["f1"], "precision": m["precision"], "recall": m["recall"], "pages": len(gold),
                "f1_std": m["f1_std"], "with_rate": m["with_rate"], "without_rate": m["without_rate"],
                "empty_out": m["empty_out"],
                "types": {t: {k: v[k] for k in ("pages", "f1", "precision", "recall")}
                          for t, v in res["types"].items()}}


SET_CLASSES = {c.name: c for c in (ScrapingHub, TrafilaturaDev, Wcxb)}


def write_outputs(path: Path, out: dict, raw: dict | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for key, text in out.items():
            rec = {"id": key, "text": text}
            if raw is not None:
                rec["raw"] = raw[key]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


# -- systems -------------------------------------------------------------------------------------

_WORKER = {}


def _worker_init() -> None:
    from cleaner import Cleaner
    _WORKER["cleaner"] = Cleaner()


def _worker_clean(chunk: list[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
    c = _WORKER["cleaner"]
    out = []
    for key, text, url in chunk:
        try:
            out.append((key, c.clean(text, url=url).text, None))
        except Exception as exc:  # scored as empty, and counted
            out.append((key, "", f"{type(exc).__name__}: {exc}"))
    return out


class CleanerRunner:
    """One Cleaner for the whole run (or one per process with --jobs N)."""

    def __init__(self, jobs: int = 1):
        self.jobs = max(1, jobs)
        self.pool = None
        self.errors: list[str] = []

    def __call__(self, rows: list[dict]) -> dict:
        items = [(r["id"], r["text"], r.get("url")) for r in rows]
        if self.jobs == 1:
            if not _WORKER:
                _worker_init()
            results = _worker_clean(items)
        else:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_worker_init)
            size = max(1, min(16, len(items) // (self.jobs * 4) or 1))
            chunks = [items[i:i + size] for i in range(0, len(items), size)]
            results = [x for part in self.pool.map(_worker_clean, chunks) for x in part]
        out = {}
        for key, text, err in results:
            out[key] = text
            if err:
                self.errors.append(f"{key}: {err}")
        return out

    def close(self):
        if self.pool is not None:
            self.pool.shutdown()


def run_nothing(rows):
    return {r["id"]: r["text"] for r in rows}


_C4 = []


def c4_filter():
    """datatrove's C4 line rules only (no page-level rule; see the module docstring)."""
    if not _C4:
        import logging
        logging.disable(logging.WARNING)
        from datatrove.pipeline.filters import C4QualityFilter
        _C4.append(C4QualityFilter(min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False))
    return _C4[0]


def c4_clean(f, text: str, key="") -> str:
    from datatrove.data import Document
    doc = Document(text=text, id=key)
    keep = f.filter(doc)
    if keep is not True and not (isinstance(keep, tuple) and keep[0]):
        return ""  # never happens with these settings; kept for honesty
    return doc.text


def run_c4(rows):
    f = c4_filter()
    return {r["id"]: c4_clean(f, r["text"], r["id"]) for r in rows}


def justext_stoplist(lang: str | None) -> frozenset:
    """The stoplist of the guessed language; empty where jusText has none."""
    import justext
    name = JUSTEXT_LANGS.get((lang or "en").lower())
    return justext.get_stoplist(name) if name else frozenset()


def justext_clean(text: str, stoplist: frozenset) -> str:
    """jusText over the lines: each non-empty line one <p>; default parameters, except the
    language-independent mode (stopword thresholds 0) where the stoplist is empty."""
    import justext
    lines = [x for x in text.split("\n") if x.strip()]
    if not lines:
        return ""
    doc = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + "</body></html>"
    opts = {} if stoplist else {"stopwords_low": 0, "stopwords_high": 0}
    paras = justext.justext(doc, stoplist, **opts)
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def run_justext(rows):
    out = {}
    for r in rows:
        out[r["id"]] = justext_clean(r["text"], justext_stoplist(r.get("lang")))
    return out


PEER_FUNCS = {"nothing": run_nothing, "c4": run_c4, "justext": run_justext}


def versions() -> dict:
    from importlib import metadata
    out = {"python": sys.version.split()[0]}
    for dist in ("cleaner", "datatrove", "jusText", "trafilatura"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return out


# -- printing ------------------------------------------------------------------------------------

def fmt_row(variant: str, system: str, s: dict) -> str:
    line = f"  {variant:12} {system:9} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f}"
    if "f1_std" in s:
        line += (f"   ±{s['f1_std']:.3f} {100 * s['with_rate']:6.1f} {100 * s['without_rate']:9.1f}"
                 f" {s['empty_out']:6d}")
    return line


def print_types(variant: str, scores: dict) -> None:
    systems = list(scores)
    first = scores[systems[0]]["types"]
    head = [f"{t} ({first[t]['pages']})" for t in first] + ["all"]
    width = max(len(h) for h in head) + 1
    print(f"\n  wcxb-dev, {variant}: F1 per page type")
    print(f"  {'system':9}" + "".join(f"{h:>{width}}" for h in head))
    for system in systems:
        s = scores[system]
        vals = [s["types"][t]["f1"] for t in first] + [s["f1"]]
        print(f"  {system:9}" + "".join(f"{v:>{width}.3f}" for v in vals))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="folder holding the sets (default: shared/bench)")
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated (default: {','.join(SETS)})")
    ap.add_argument("--variants", default="all", help="comma-separated converters, or all (default)")
    ap.add_argument("--peers", default=",".join(PEERS), help=f"comma-separated, or none (default: {','.join(PEERS)})")
    ap.add_argument("--no-cleaner", action="store_true", help="peers only")
    ap.add_argument("--jobs", type=int, default=1, metavar="N", help="processes for cleaner's pass (default 1)")
    ap.add_argument("--limit", type=int, default=0, metavar="N", help="only the first N pages of each set")
    ap.add_argument("--json", type=Path, default=None, metavar="PATH", help="write every number here")
    ap.add_argument("--save-outputs", type=Path, default=None, metavar="DIR",
                    help="write DIR/<set>/<variant>/<system>.jsonl ({id, text as scored[, raw]})")
    args = ap.parse_args(argv)

    data = args.data or default_data()
    peers = [] if args.peers in ("", "none") else [p for p in args.peers.split(",") if p]
    unknown = [p for p in peers if p not in PEER_FUNCS]
    if unknown:
        ap.error(f"unknown peer(s) {unknown}; known: {', '.join(PEER_FUNCS)}")
    systems = ([] if args.no_cleaner else ["cleaner"]) + peers
    want_variants = None if args.variants == "all" else set(args.variants.split(","))
    runner = CleanerRunner(args.jobs)
    t_start = time.perf_counter()
    print(f"data: {data}   versions: {' '.join(f'{k} {v}' for k, v in versions().items())}")
    print(f"cleaner: Cleaner().clean(text, url=url), {args.jobs} process(es); "
          "markdown variant scored after strip_markdown of output and input")
    results: dict = {}
    for name in args.sets.split(","):
        if name not in SET_CLASSES:
            ap.error(f"unknown set {name!r}; known: {', '.join(SET_CLASSES)}")
        base = data / name
        if not base.is_dir():
            print(f"\n== {name}: not found under {data}, skipped")
            continue
        bset = SET_CLASSES[name](base)
        ids = bset.ids()
        if args.limit:
            ids = ids[:args.limit]
        wanted = set(ids)
        print(f"\n== {name} ({len(ids)} pages; {bset.unit}) ==")
        results[name] = {}
        for variant, path in bset.variants.items():
            if want_variants is not None and variant not in want_variants:
                continue
            rows = [r for r in read_jsonl(path) if r["id"] in wanted]
            md = variant == "markdown"
            scored_in = {r["id"]: strip_markdown(r["text"]) if md else r["text"] for r in rows}
            missing = len(wanted) - len(rows)
            header = f"  {variant}: {len(rows)} pages, {sum(len(r['text'].encode()) for r in rows) / 1e6:.2f} MB"
            if missing:
                header += f" ({missing} gold pages have no input row: scored as empty)"
                for key in wanted - set(scored_in):
                    scored_in[key] = ""
            if isinstance(bset, TrafilaturaDev):
                w, wo = bset.scorable(scored_in)
                header += f"; scorable segments: {w} with, {wo} without"
            print(header)
            cols = f"  {'variant':12} {'system':9} {'F1':>6} {'P':>6} {'R':>6}"
            if isinstance(bset, Wcxb):
                cols += f"   {'F1 std':>6} {'with%':>6} {'without%':>9} {'empty':>6}"
            print(cols)
            results[name][variant] = {}
            for system in systems:
                t = time.perf_counter()
                try:
                    raw = runner(rows) if system == "cleaner" else PEER_FUNCS[system](rows)
                except ImportError as exc:
                    print(f"  {variant:12} {system:9} skipped: {exc} (pip install -e '.[bench]')")
                    continue
                secs = time.perf_counter() - t
                out = {k: strip_markdown(v) if md else v for k, v in raw.items()}
                for key in scored_in:
                    out.setdefault(key, "")
                s = bset.score(out, scored_in)
                s["wall_seconds"] = round(secs, 2)
                results[name][variant][system] = s
                print(fmt_row(variant, system, s), flush=True)
                if args.save_outputs:
                    write_outputs(args.save_outputs / name / variant / f"{system}.jsonl", out,
                                  raw if md else None)
            if isinstance(bset, Wcxb) and results[name][variant]:
                print_types(variant, results[name][variant])
                print()
    runner.close()
    if runner.errors:
        print(f"\ncleaner raised on {len(runner.errors)} page(s), scored as empty:")
        for e in runner.errors[:20]:
            print(f"  {e}")
    print(f"\n(quality only; wall time of this run {time.perf_counter() - t_start:.0f} s; "
          "speed: python bench/speed.py)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M:%S"), "data": str(data),
                                         "versions": versions(), "jobs": args.jobs, "limit": args.limit,
                                         "cleaner_errors": runner.errors, "results": results},
                                        indent=1), encoding="utf-8")
        print(f"numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
