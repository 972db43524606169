#!/usr/bin/env python3
"""Speed of `cleaner`, with its peers run on the same input in the same run; prints every
measurement next to its target (PASS/MISS).  A benchmark, not a test.

    python bench/speed.py                         # everything (long: the 200 MB and 1M-record runs)
    python bench/speed.py --quick                 # every section on inputs 10x smaller, 2 passes
    python bench/speed.py --only text,html --passes 5
    python bench/speed.py --json speed.json

Sections (--only, comma-separated; default all):
  text     text mode, one process: Cleaner.clean per record (one instance, built and warmed
           first) vs datatrove's C4 line rules (C4QualityFilter(min_num_sentences=-1,
           filter_lorem_ipsum=False, filter_curly_bracket=False)) on the same records in this
           process: MB/s of UTF-8 input and the ratio.  Records: the naive-scraper text of
           scrapinghub + trafilatura-dev (htmltext converter).
  stages   where text mode's time goes: the text section's records through Cleaner's own
           steps, each timed on its own (parse with language detection; the page analysis:
           block statistics, rule candidates and matches; each filter, with the roles and
           keys it is the first to ask for; the result), CPU s of the best pass per step.
  html     HTML mode, one process: Cleaner(input_format="html").clean vs trafilatura.extract
           (defaults) on the same pages' HTML (the same decoded string to both): pages/s.
  cli      the whole `cleaner clean DIR -o OUT --workers 1` over those pages written as .html
           files to a temporary folder: wall time from process start to exit, pages/s.
  workers  `cleaner clean big.jsonl --workers 2` vs `--workers 1` on a >= 200 MB JSONL made by
           repeating the bench text records with distinct ids: wall-time ratio, and whether
           the two outputs are byte-identical.
  tiny     1,000,000 tiny records (one line each, taken from the bench text) through
           `cleaner clean --workers 1`: records per CPU-second of the one process.
  bigdoc   one 50 MB plain-text document (the bench texts joined, repeated) through
           `cleaner clean FILE --workers 1`: seconds and peak RSS.
  startup  time from process start to the first byte of output, `cleaner clean` of a small
           file (best of several runs, after one priming run that writes the package's
           bytecode caches, as any install has them, even when PYTHONDONTWRITEBYTECODE is
           set here); peak RSS of that run and of a typical run (the 181-record
           scrapinghub JSONL, --workers 1).

Counting: in-process sections (text, html) count CPU time (time.process_time) of the loop
over the inputs only: not reading the files, not building or warming an instance; best of
--passes passes, the systems' passes interleaved, every pass printed (a first pass much
slower than the others would show a cache keyed on the input).  Command-line sections run
the command as a child process and count its wall time from spawn to exit (start-up,
reading, writing included) and its CPU time and peak RSS (rusage from os.wait4 in a small
launcher process, worker processes included); building the input files is not counted.
The machine may be shared: the load average is printed with the results.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from quality import c4_clean, c4_filter, default_data, read_jsonl, versions  # noqa: E402

SECTIONS = ("text", "stages", "html", "cli", "workers", "tiny", "bigdoc", "startup")

# full sizes (scaled by --scale; --quick = --scale 0.1)
SIZES = {"text_records": 1.0, "pages": 1.0, "workers_mb": 200.0,
         "tiny_records": 1_000_000, "bigdoc_mb": 50.0}


# -- output ----------------------------------------------------------------------------------

class Report:
    def __init__(self):
        self.targets: list[tuple[str, str, str, bool]] = []
        self.numbers: dict = {}

    def head(self, title: str) -> None:
        print(f"\n== {title} ==   (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)

    def line(self, text: str) -> None:
        print(f"  {text}", flush=True)

    def target(self, label: str, value: float, op: str, bound: float, unit: str, fmt: str = "{:.2f}") -> None:
        ok = value >= bound if op == ">=" else value <= bound
        shown = fmt.format(value)
        self.targets.append((label, f"{shown} {unit}", f"{'≥' if op == '>=' else '≤'} {fmt.format(bound)} {unit}", ok))
        print(f"  {'PASS' if ok else 'MISS'}  {label}: {shown} {unit} (target {'≥' if op == '>=' else '≤'} "
              f"{fmt.format(bound)} {unit})", flush=True)

    def summary(self) -> None:
        if not self.targets:
            return
        print("\n== targets ==")
        w = max(len(t[0]) for t in self.targets)
        for label, value, bound, ok in self.targets:
            print(f"  {'PASS' if ok else 'MISS'}  {label:<{w}}  {value:>16}   target {bound}")


def passes_str(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


# -- inputs ----------------------------------------------------------------------------------

def decode_html(raw: bytes) -> str:
    """Bytes of a page -> str: BOM, strict UTF-8, declared charset, then charset detection."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", raw[:8192], re.I)
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    from charset_normalizer import from_bytes
    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("utf-8", "replace")


class Inputs:
    def __init__(self, data: Path):
        self.data = data
        self._text = None
        self._html = None

    def text_records(self) -> list[dict]:
        """scrapinghub + trafilatura-dev, htmltext converter: {id, url, text}."""
        if self._text is None:
            self._text = []
            for name in ("scrapinghub", "trafilatura-dev"):
                for f in sorted((self.data / name / "text").glob("htmltext.jsonl*")):
                    self._text += [{"id": f"{name}/{r['id']}", "url": r.get("url"), "text": r["text"]}
                                   for r in read_jsonl(f)]
        return self._text

    def html_pages(self, fraction: float = 1.0) -> list[dict]:
        """The same pages' HTML, the first `fraction` of them (at least 3):
        {id, url, raw (bytes as stored), html (decoded str)}."""
        if self._html is None:
            sh = self.data / "scrapinghub"
            gt = json.loads((sh / "ground-truth.json").read_text(encoding="utf-8"))
            tr = self.data / "trafilatura-dev" / "html.jsonl.gz"
            with gzip.open(tr, "rt", encoding="utf-8") as fh:
                n_tr = sum(1 for _ in fh)
            want = len(gt) + n_tr if fraction >= 1 else max(3, int((len(gt) + n_tr) * fraction))
            pages = []
            for key, v in gt.items():
                f = sh / "html" / f"{key}.html.gz"
                if f.exists() and len(pages) < want:
                    raw = gzip.open(f, "rb").read()
                    pages.append({"id": f"scrapinghub/{key}", "url": v.get("url"), "raw": raw,
                                  "html": decode_html(raw)})
            with gzip.open(tr, "rt", encoding="utf-8") as fh:
                for line in fh:
                    if len(pages) >= want:
                        break
                    r = json.loads(line)
                    pages.append({"id": f"trafilatura-dev/{r['id']}", "url": r.get("url"),
                                  "raw": r["html"].encode("utf-8"), "html": r["html"]})
            self._html = pages
        return self._html


def take(items: list, fraction: float, minimum: int = 3) -> list:
    if fraction >= 1:
        return items
    n = max(minimum, int(len(items) * fraction))
    return items[:n]


# -- child processes ---------------------------------------------------------------------------

def cleaner_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("cleaner")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cleaner.cli"]


# A child forked from this (large) process would inherit its RSS high-water mark, so commands
# are started by a small launcher process that forks/execs the command in its own process
# group, waits for it and writes its rusage (the command's, and its waited-for workers') to a
# file.  At the time limit the launcher is sent SIGTERM: it kills the command's group and
# still reports what the command used until then.
_LAUNCHER = """
import json, os, signal, sys
pid = os.fork()
if pid == 0:
    os.setpgid(0, 0)
    os.execvp(sys.argv[2], sys.argv[2:])
killed = []
def stop(*_):
    killed.append(1)
    os.killpg(pid, signal.SIGKILL)
signal.signal(signal.SIGTERM, stop)
_, status, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    json.dump({"rc": os.waitstatus_to_exitcode(status), "cpu": ru.ru_utime + ru.ru_stime,
               "rss_kb": ru.ru_maxrss, "killed": bool(killed)}, f)
"""


def run_child(cmd: list[str], *, stdout=None, timeout: float | None = None) -> dict:
    """Run a command; its wall time (spawn to exit), CPU time (user+sys, waited-for worker
    processes included), peak RSS of its largest process (MB) and exit code.  At the time
    limit it is killed, and what it used until then is reported."""
    err = tempfile.TemporaryFile()
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    fd, usage = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-S", "-c", _LAUNCHER, usage] + cmd, stdin=subprocess.DEVNULL,
                            stdout=out, stderr=err, start_new_session=True)
    timed_out = False
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    wall = time.perf_counter() - t0
    if stdout:
        out.close()
    err.seek(0)
    try:
        ru = json.loads(Path(usage).read_text() or "{}")
    except ValueError:
        ru = {}
    os.unlink(usage)
    return {"wall": wall, "cpu": ru.get("cpu", float("nan")), "rss_mb": ru.get("rss_kb", float("nan")) / 1024,
            "rc": ru.get("rc", proc.returncode), "timed_out": timed_out,
            "stderr": err.read().decode("utf-8", "replace")[-2000:]}


def count_lines(*paths: Path) -> int:
    for p in paths:
        if p.exists():
            with open(p, "rb") as fh:
                return sum(1 for _ in fh)
    return 0


def child_line(res: dict) -> str:
    s = (f"wall {res['wall']:.2f} s, CPU {res['cpu']:.2f} s, peak RSS {res['rss_mb']:.0f} MB "
         f"(largest process), exit code {res['rc']}")
    if res["timed_out"]:
        s += " (KILLED at the time limit)"
    return s


def check_child(rep: Report, res: dict) -> None:
    if res["rc"] not in (0,) and not res["timed_out"]:
        tail = res["stderr"].strip().splitlines()[-5:]
        rep.line("stderr: " + " | ".join(tail))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# -- sections --------------------------------------------------------------------------------

def sec_text(rep: Report, inp: Inputs, args) -> None:
    recs = take(inp.text_records(), args.scale * SIZES["text_records"])
    mb = sum(len(r["text"].encode("utf-8")) for r in recs) / 1e6
    rep.head(f"text mode, one process: {len(recs)} records, {mb:.2f} MB "
             "(scrapinghub + trafilatura-dev, htmltext)")
    from cleaner import Cleaner
    t = time.process_time()
    cleaner = Cleaner()
    for r in recs[:5]:
        cleaner.clean(r["text"], url=r["url"])
    rep.line(f"cleaner built and warmed on 5 records in {time.process_time() - t:.2f} s CPU (not counted)")
    c4 = c4_filter()
    for r in recs[:5]:
        c4_clean(c4, r["text"])

    def run_cleaner():
        for r in recs:
            cleaner.clean(r["text"], url=r["url"])

    def run_c4():
        for r in recs:
            c4_clean(c4, r["text"])

    times = {"cleaner": [], "c4": []}
    for _ in range(args.passes):
        for name, fn in (("cleaner", run_cleaner), ("c4", run_c4)):
            t = time.process_time()
            fn()
            times[name].append(time.process_time() - t)
    rates = {k: mb / min(v) for k, v in times.items()}
    rep.line("counted: CPU time of the loop `for record: system(record.text)`; C4 includes making its "
             "datatrove Document; the best pass counts (pass 1 is cold for whatever is built lazily)")
    rep.line(f"cleaner     {rates['cleaner']:8.2f} MB/s   (passes, CPU s: {passes_str(times['cleaner'])})")
    rep.line(f"C4 lines    {rates['c4']:8.2f} MB/s   (passes, CPU s: {passes_str(times['c4'])})")
    ratio = rates["cleaner"] / rates["c4"]
    rep.line(f"ratio cleaner / C4 lines: {ratio:.3f}x (aim: 1x)")
    rep.target("text mode, one process", rates["cleaner"], ">=", 8.0, "MB/s")
    rep.numbers["text"] = {"records": len(recs), "mb": mb, "passes_cpu_s": times, "mb_per_s": rates,
                           "ratio_to_c4": ratio}


def sec_stages(rep: Report, inp: Inputs, args) -> None:
    recs = take(inp.text_records(), args.scale * SIZES["text_records"])
    mb = sum(len(r["text"].encode("utf-8")) for r in recs) / 1e6
    rep.head(f"where text mode's time goes: {len(recs)} records, {mb:.2f} MB, each step timed on its own")
    from cleaner import Cleaner
    from cleaner.page import Page
    cleaner = Cleaner()
    part = 2 * (cleaner.spec.part_chars or 0)
    recs = [r for r in recs if not part or len(r["text"]) <= part]  # huge ones are cleaned in parts
    for r in recs[:5]:
        cleaner.clean(r["text"], url=r["url"])
    clock = time.process_time

    def one_pass() -> dict[str, float]:
        spent: dict[str, float] = {}

        def add(name, t0):
            t1 = clock()
            spent[name] = spent.get(name, 0.0) + t1 - t0
            return t1

        for r in recs:
            t = clock()
            doc = cleaner.parse(r["text"], url=r["url"])
            t = add("parse + language", t)
            page = Page(doc, cleaner.context)
            page.codes  # noqa: B018 - asked for their cost
            t = add("analysis: block statistics, prose classes", t)
            page.matches  # noqa: B018
            t = add("analysis: rule candidates and matches", t)
            for f in cleaner.filters:
                f.apply(page)
                t = add(f"filter {f.id}", t)
            page.done()
            cleaner.result_of(doc)
            add("result: render, removal records", t)
        return spent

    passes = [one_pass() for _ in range(args.passes)]
    best = {k: min(p[k] for p in passes) for k in passes[0]}
    total = sum(best.values())
    rep.line("counted: CPU time of each step, summed over the records (a step's clock reads included); "
             "lazily computed roles and keys count in the first filter that asks for them")
    for name, sec in best.items():
        rep.line(f"{name:45s} {sec:7.2f} s  {100 * sec / total:5.1f}%  {mb / sec if sec else float('inf'):8.2f} MB/s alone")
    rep.line(f"{'all steps':45s} {total:7.2f} s          {mb / total:8.2f} MB/s")
    rep.numbers["stages"] = {"records": len(recs), "mb": mb, "best_cpu_s": best, "passes": passes}


def sec_html(rep: Report, inp: Inputs, args) -> None:
    pages = inp.html_pages(args.scale * SIZES["pages"])
    mb = sum(len(p["html"].encode("utf-8")) for p in pages) / 1e6
    rep.head(f"HTML mode, one process: {len(pages)} pages, {mb:.1f} MB of HTML (scrapinghub + trafilatura-dev)")
    from cleaner import Cleaner
    cleaner = Cleaner(input_format="html")
    for p in pages[:3]:
        cleaner.clean(p["html"], url=p["url"])
    systems = {}

    def run_cleaner():
        for p in pages:
            cleaner.clean(p["html"], url=p["url"])
    systems["cleaner"] = run_cleaner
    try:
        import trafilatura

        for p in pages[:3]:
            trafilatura.extract(p["html"])

        def run_trafilatura():
            for p in pages:
                trafilatura.extract(p["html"])
        systems["trafilatura"] = run_trafilatura
    except ImportError as exc:
        rep.line(f"trafilatura skipped: {exc} (pip install -e '.[bench]')")
    times = {k: [] for k in systems}
    for _ in range(args.passes):
        for name, fn in systems.items():
            t = time.process_time()
            fn()
            times[name].append(time.process_time() - t)
    rates = {k: len(pages) / min(v) for k, v in times.items()}
    rep.line("counted: CPU time of the loop over the decoded pages (decoding the files is not counted)")
    rep.line(f"cleaner       {rates['cleaner']:8.1f} pages/s   (passes, CPU s: {passes_str(times['cleaner'])})")
    rep.numbers["html"] = {"pages": len(pages), "mb": mb, "passes_cpu_s": times, "pages_per_s": rates}
    if "trafilatura" in rates:
        rep.line(f"trafilatura   {rates['trafilatura']:8.1f} pages/s   "
                 f"(passes, CPU s: {passes_str(times['trafilatura'])}; extract(html), defaults)")
        ratio = rates["cleaner"] / rates["trafilatura"]
        rep.numbers["html"]["ratio_to_trafilatura"] = ratio
        rep.target("HTML mode, one process, x trafilatura", ratio, ">=", 2.0, "x")


def sec_cli(rep: Report, inp: Inputs, args, tmp: Path) -> None:
    pages = inp.html_pages(args.scale * SIZES["pages"])
    folder = tmp / "cli_pages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i, p in enumerate(pages):
        (folder / f"{i:05d}.html").write_bytes(p["raw"])
    out = tmp / "cli_out"
    shutil.rmtree(out, ignore_errors=True)
    rep.head(f"whole CLI, HTML mode: {len(pages)} .html files (as stored: scrapinghub bytes, "
             "trafilatura-dev UTF-8)")
    cmd = cleaner_cmd() + ["clean", str(folder), "-o", str(out), "--workers", "1", "--no-progress", "-q"]
    rep.line("command: cleaner clean PAGES/ -o OUT/ --workers 1 --no-progress -q")
    res = run_child(cmd, timeout=args.timeout)
    check_child(rep, res)
    done = sum(1 for _ in out.rglob("*.txt")) if out.exists() else 0
    rate = len(pages) / res["wall"]
    rep.line(child_line(res))
    rep.line(f"{done} output files; {rate:.1f} pages/s wall (start-up included), "
             f"{len(pages) / res['cpu']:.1f} pages per CPU-second")
    if "html" in rep.numbers and "trafilatura" in rep.numbers["html"]["pages_per_s"]:
        tr = rep.numbers["html"]["pages_per_s"]["trafilatura"]
        rep.line(f"for reference: trafilatura in-process above {tr:.1f} pages/s (no start-up, no file I/O): "
                 f"the whole CLI is {rate / tr:.2f}x that")
    rep.numbers["cli"] = {"pages": len(pages), "outputs": done, **{k: v for k, v in res.items() if k != "stderr"},
                          "pages_per_s_wall": rate}


def make_big_jsonl(inp: Inputs, path: Path, target_mb: float) -> tuple[int, float]:
    recs = inp.text_records()
    n = size = 0
    rep = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < target_mb * 1e6:
            for r in recs:
                line = json.dumps({"id": f"{r['id']}#{rep}", "url": r["url"], "text": r["text"]},
                                  ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
                n += 1
                if size >= target_mb * 1e6:
                    break
            rep += 1
    return n, size / 1e6


def sec_workers(rep: Report, inp: Inputs, args, tmp: Path) -> None:
    target_mb = max(0.2, args.scale * SIZES["workers_mb"])
    big = tmp / "big.jsonl"
    n, mb = make_big_jsonl(inp, big, target_mb)
    rep.head(f"--workers 2 vs --workers 1: {n} records, {mb:.1f} MB JSONL (the scrapinghub + trafilatura-dev "
             "htmltext records repeated, ids made distinct)")
    res = {}
    for w in (1, 2):
        out = tmp / f"big.w{w}.jsonl"
        cmd = cleaner_cmd() + ["clean", str(big), "-o", str(out), "--workers", str(w), "--no-progress", "-q"]
        rep.line(f"load average before --workers {w}: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        res[w] = run_child(cmd, timeout=args.timeout)
        check_child(rep, res[w])
        rep.line(f"--workers {w}: {child_line(res[w])}")
    same = all((tmp / f"big.w{w}.jsonl").exists() for w in (1, 2)) and \
        sha256(tmp / "big.w1.jsonl") == sha256(tmp / "big.w2.jsonl")
    rep.line(f"outputs byte-identical: {'yes' if same else 'NO'}")
    ratio = res[1]["wall"] / res[2]["wall"]
    rep.target("--workers 2 / --workers 1, wall-time speed-up", ratio, ">=", 1.8, "x")
    rep.numbers["workers"] = {"records": n, "mb": mb, "identical": same,
                              **{f"w{w}": {k: v for k, v in r.items() if k != "stderr"} for w, r in res.items()},
                              "speedup": ratio}


def sec_tiny(rep: Report, inp: Inputs, args, tmp: Path) -> None:
    n = max(200, int(args.scale * SIZES["tiny_records"]))
    lines = [x.strip() for r in inp.text_records() for x in r["text"].split("\n") if 20 <= len(x.strip()) <= 160]
    path = tmp / "tiny.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": lines[i % len(lines)]}, ensure_ascii=False) + "\n")
    mb = path.stat().st_size / 1e6
    rep.head(f"tiny records: {n:,} one-line records ({mb:.1f} MB JSONL; lines of 20-160 characters "
             "from the bench text, cycled)")
    out = tmp / "tiny.out.jsonl"
    cmd = cleaner_cmd() + ["clean", str(path), "-o", str(out), "--workers", "1", "--no-progress", "-q"]
    rep.line("command: cleaner clean tiny.jsonl -o out.jsonl --workers 1 --no-progress -q")
    res = run_child(cmd, timeout=args.timeout)
    check_child(rep, res)
    rep.line(child_line(res))
    done = n
    if res["timed_out"]:
        done = count_lines(out, out.with_name(out.name + ".part"))
        rep.line(f"killed after {done:,} of {n:,} records had been written: the rates below are over those")
    per_cpu = done / res["cpu"]
    rep.line(f"{done / res['wall']:,.0f} records/s wall (start-up included), {per_cpu:,.0f} records per CPU-second")
    rep.target("tiny records, per process", per_cpu, ">=", 20000, "records/s", "{:,.0f}")
    rep.numbers["tiny"] = {"records": n, "records_done": done, "mb": mb, **{k: v for k, v in res.items() if k != "stderr"},
                           "records_per_cpu_s": per_cpu}


def sec_bigdoc(rep: Report, inp: Inputs, args, tmp: Path) -> None:
    target = max(0.1, args.scale * SIZES["bigdoc_mb"]) * 1e6
    path = tmp / "bigdoc.txt"
    size = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < target:
            for r in inp.text_records():
                chunk = r["text"] + "\n\n"
                fh.write(chunk)
                size += len(chunk.encode("utf-8"))
                if size >= target:
                    break
    mb = path.stat().st_size / 1e6
    rep.head(f"one big document: {mb:.1f} MB of plain text (the bench texts joined by blank lines, repeated)")
    cmd = cleaner_cmd() + ["clean", str(path), "--workers", "1", "--no-progress", "-q"]
    rep.line(f"command: cleaner clean bigdoc.txt --workers 1 --no-progress -q > out.txt "
             f"(time limit {args.timeout:.0f} s)")
    res = run_child(cmd, stdout=tmp / "bigdoc.out.txt", timeout=args.timeout)
    check_child(rep, res)
    rep.line(child_line(res))
    rep.target(f"one {mb:.1f} MB document, time", res["wall"], "<=", 10.0, "s")
    rep.target(f"one {mb:.1f} MB document, peak RSS", res["rss_mb"], "<=", 500, "MB", "{:.0f}")
    rep.numbers["bigdoc"] = {"mb": mb, **{k: v for k, v in res.items() if k != "stderr"}}


def sec_startup(rep: Report, inp: Inputs, args, tmp: Path) -> None:
    small = ROOT / "samples" / "000_7fd473eb7fccdec6.txt"
    if not small.exists():
        small = tmp / "small.txt"
        small.write_text(inp.text_records()[0]["text"][:3000], encoding="utf-8")
    rep.head(f"start-up: cleaner clean {small.name} ({small.stat().st_size / 1e3:.1f} kB) to stdout")
    cmd = cleaner_cmd() + ["clean", str(small), "--no-progress", "-q"]
    # warm means compiled: without bytecode caches every start would compile the package
    # again (0.3-0.4 s more on this 2-core machine); an installed package has them, a
    # source checkout gets them here
    prime_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=prime_env, check=False)
    firsts, walls = [], []
    for _ in range(args.startup_runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        first = proc.stdout.read(1)
        t1 = time.perf_counter()
        proc.stdout.read()
        proc.wait()
        walls.append(time.perf_counter() - t0)
        if first:
            firsts.append(t1 - t0)
    small_run = run_child(cmd, timeout=args.timeout)
    rep.line("counted: wall time from spawning the process to reading the first byte of its output, "
             "after one priming run that wrote the bytecode caches")
    rep.line(f"first output after (s): {passes_str(firsts)}; whole run (s): {passes_str(walls)}")
    rep.line(f"the same run measured: {child_line(small_run)}")
    best = min(firsts) if firsts else float("inf")
    rep.target("start-up, process start to first output", best, "<=", 0.5, "s")
    typical = inp.data / "scrapinghub" / "text" / "htmltext.jsonl"
    res = None
    if typical.exists():
        cmd = cleaner_cmd() + ["clean", str(typical), "-o", str(tmp / "typical.jsonl"), "--workers", "1",
                               "--no-progress", "-q"]
        res = run_child(cmd, timeout=args.timeout)
        check_child(rep, res)
        rep.line(f"typical run, scrapinghub/text/htmltext.jsonl (181 records) --workers 1: {child_line(res)}")
    rep.numbers["startup"] = {"first_output_s": firsts, "whole_run_s": walls, "small_rss_mb": small_run["rss_mb"],
                              "typical": None if res is None else {k: v for k, v in res.items() if k != "stderr"}}


# -- main ------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="folder holding the sets (default: shared/bench)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"sections, comma-separated ({','.join(SECTIONS)})")
    ap.add_argument("--quick", action="store_true", help="a smoke check: inputs 10x smaller (--scale 0.1), 2 passes")
    ap.add_argument("--scale", type=float, default=None, help="multiply every input size by this")
    ap.add_argument("--passes", type=int, default=None, help="timed passes of the in-process sections (default 3)")
    ap.add_argument("--startup-runs", type=int, default=5, help="runs of the start-up measurement (default 5)")
    ap.add_argument("--timeout", type=float, default=1800, help="time limit of one command-line run, s (default 1800)")
    ap.add_argument("--tmp", type=Path, default=None, help="folder for generated inputs (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated inputs and outputs")
    ap.add_argument("--json", type=Path, default=None, metavar="PATH", help="write every number here")
    args = ap.parse_args(argv)
    args.scale = args.scale if args.scale is not None else (0.1 if args.quick else 1.0)
    args.passes = args.passes or (2 if args.quick else 3)
    only = [s for s in args.only.split(",") if s]
    bad = [s for s in only if s not in SECTIONS]
    if bad:
        ap.error(f"unknown section(s) {bad}; known: {', '.join(SECTIONS)}")
    data = args.data or default_data()
    missing = [n for n in ("scrapinghub", "trafilatura-dev") if not (data / n / "text").is_dir()]
    if missing:
        ap.error(f"no benchmark set {', '.join(missing)} under {data}: pass --data FOLDER")
    inp = Inputs(data)
    rep = Report()
    print(f"bench/speed.py  {time.strftime('%Y-%m-%d %H:%M:%S')}  {platform.node()}  {os.cpu_count()} CPUs  "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"versions: {' '.join(f'{k} {v}' for k, v in versions().items())}")
    print(f"data: {data}; scale {args.scale:g}; {args.passes} passes; command: {' '.join(cleaner_cmd())}")
    if args.scale != 1:
        print(f"inputs scaled by {args.scale:g}: the targets are set for the full sizes, so PASS/MISS of the "
              "size-bound ones (workers, tiny, bigdoc) is only indicative")
    tmp = args.tmp or Path(tempfile.mkdtemp(prefix="cleaner-speed-"))
    tmp.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    try:
        for name in SECTIONS:
            if name not in only:
                continue
            fn = globals()[f"sec_{name}"]
            if name in ("text", "stages", "html"):
                fn(rep, inp, args)
            else:
                fn(rep, inp, args, tmp)
    finally:
        if not args.keep and args.tmp is None:
            shutil.rmtree(tmp, ignore_errors=True)
    rep.summary()
    load = os.getloadavg()
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in load)}; "
          f"this run took {time.perf_counter() - t0:.0f} s wall")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M:%S"), "versions": versions(),
                                         "scale": args.scale, "passes": args.passes, "loadavg_end": load,
                                         "targets": [{"what": t[0], "value": t[1], "target": t[2], "pass": t[3]}
                                                     for t in rep.targets],
                                         "sections": rep.numbers}, indent=1, default=str), encoding="utf-8")
        print(f"numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
