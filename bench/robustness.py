"""Robustness of corpus jobs: bad input, kill -9 and resume, formats.  It measures and
prints; it is not a test.

    python bench/robustness.py                 # everything (the resume run takes a while)
    python bench/robustness.py --quick         # hostile inputs and WARC readers only

1. Hostile inputs: every class in tests/data/hostile (made by its make.py) plus large
   and stream/file-system cases made here, each through its own `cleaner clean` run.
   Prints the classes tried, crashes (a traceback or an undocumented exit code), hangs
   over 60 s, records lost (expected out but missing) and whether the counts reconcile
   (summary in = out + rejected = what the files hold).  Target: 0 / 0 / 0 / all.
2. WARC readers: CPU time of FastWARC, warcio and cleaner's checked reader on the same
   archive, and how many records each returns from damaged copies of it.
3. kill -9 and resume: a run over >= 200 MB of the shared benches' text is killed with
   SIGKILL mid-way and run again; its output is compared byte for byte with an
   uninterrupted run's.
4. Parquet round trip: each shared bench cleaned from JSONL and from Parquet (converted
   with pyarrow) must give the same records.
5. Frameworks (datatrove step, Hugging Face datasets helper): see the note printed
   there; that part is measured by the integrations' own benchmark.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench" if (ROOT.parent / "shared" / "bench").is_dir() else Path("/work/shared/bench")
HOSTILE = ROOT / "tests" / "data" / "hostile"
CLEANER = [sys.executable, "-m", "cleaner.cli"]
EXIT_CODES = {0, 1, 2, 3}
HANG_SECONDS = 60


def _make_module():
    spec = importlib.util.spec_from_file_location("hostile_make", HOSTILE / "make.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _run(args, stdin=None, timeout=HANG_SECONDS, cwd=None):
    """(exit code or 'hang', stderr)."""
    try:
        proc = subprocess.run(args, input=stdin, capture_output=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        return "hang", ""
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


# -- 1. hostile inputs ---------------------------------------------------------------------------------

def _extra_cases(mk, tmp: Path) -> list[dict]:
    """Large inputs and cases that are not one file: made here, not committed."""
    P = mk.P.encode()
    out = []
    big = tmp / "big"
    big.mkdir()
    f = big / "jsonl-line-over-limit.jsonl"
    with open(f, "wb") as fh:
        fh.write(b'{"id": "huge", "text": "')
        for _ in range(300):
            fh.write(b"x" * (1 << 20))
        fh.write(b'"}\n' + mk.rec(1) + b"\n")
    out.append({"name": f.name, "input": [f], "out": 1, "rejected": 1, "reasons": ["line is longer than"]})
    f = big / "doc-over-limit.txt"
    with open(f, "wb") as fh:
        for _ in range(300):
            fh.write((P + b"\n") * ((1 << 20) // (len(P) + 1)))
    out.append({"name": f.name, "input": [f], "out": 0, "rejected": 1, "reasons": ["larger than"], "kind": "document"})
    f = big / "gz-bomb.jsonl.gz"
    with gzip.open(f, "wb", compresslevel=9) as fh:
        for _ in range(1024):
            fh.write(b"\x00" * (1 << 20))
    out.append({"name": f.name, "input": [f], "out": 0, "rejected": 1, "reasons": ["longer than"]})
    f = big / "warc-record-over-limit.warc"
    with open(f, "wb") as fh:
        body_len = 300 << 20
        fh.write(b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://example.com/big\r\n"
                 b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % body_len)
        for _ in range(300):
            fh.write(b"y" * (1 << 20))
        fh.write(b"\r\n\r\n" + mk.warc(2))
    out.append({"name": f.name, "input": [f], "out": 2, "rejected": 1, "reasons": ["over the limit"]})
    # streams and the file system
    out.append({"name": "stdin-jsonl-sniffed", "input": ["-"], "stdin": mk.lines(3), "out": 3, "rejected": 0,
                "reasons": [], "stdout": True})
    out.append({"name": "stdin-gzip", "input": ["-"], "stdin": mk.gz(mk.lines(3)), "out": 0, "rejected": 1,
                "reasons": ["compressed data on stdin"], "stdout": True})
    out.append({"name": "stdin-binary", "input": ["-"], "stdin": bytes(range(256)) * 20, "out": 0, "rejected": 1,
                "reasons": ["binary"], "stdout": True})
    # inputs that cannot be read at all: a usage error (exit code 2), nothing is cleaned
    out.append({"name": "missing-file", "input": [tmp / "no-such.jsonl"], "out": 0, "rejected": 0,
                "reasons": ["no such file"], "usage": True})
    fifo = tmp / "fifo.jsonl"
    os.mkfifo(fifo)
    out.append({"name": "fifo-input", "input": [fifo], "out": 0, "rejected": 0, "reasons": ["not a regular file"],
                "usage": True})
    d = tmp / "dir.jsonl"
    d.mkdir()
    (d / "inner.jsonl").write_bytes(mk.lines(2))
    out.append({"name": "folder-named-jsonl", "input": [d], "out": 2, "rejected": 0, "reasons": [],
                "mirror": "inner.jsonl"})
    loop = tmp / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (loop / "a.jsonl").write_bytes(mk.lines(1))
    out.append({"name": "symlink-loop-folder", "input": [loop], "out": 1, "rejected": 0, "reasons": [],
                "mirror": "a.jsonl"})
    return out


def _count_outputs(out_dir: Path, mirror: str, kind: str) -> int:
    from cleaner.io.compressed import codec_of, decompressed_chunks

    f = out_dir / mirror
    if not f.exists():
        return 0
    if kind == "document":
        return 1
    if f.suffix == ".parquet":
        import pyarrow.parquet as pq
        return pq.read_metadata(f).num_rows
    with open(f, "rb") as fh:
        return sum(chunk.count(b"\n") for chunk in decompressed_chunks(fh, codec_of(f)))


def hostile(tmp: Path) -> dict:
    from cleaner.io.outputs import mirror_name
    from cleaner.io.readers import kind_of

    mk = _make_module()
    files = tmp / "hostile"
    spec = mk.write(files)
    cases = [{"name": n, "input": [files / n], **c} for n, c in sorted(spec.items())] + _extra_cases(mk, tmp)
    totals = {"classes": len(cases), "crashes": 0, "hangs": 0, "lost": 0, "reconciled": 0, "wrong": 0}
    print(f"\n== 1. hostile inputs: {len(cases)} classes, each in its own run (hang limit {HANG_SECONDS} s)")
    for c in cases:
        out_dir = tmp / "out" / c["name"]
        rej = tmp / "out" / (c["name"] + ".rejects.jsonl")
        summ = tmp / "out" / (c["name"] + ".summary.json")
        args = [*CLEANER, "clean", *map(str, c["input"]), "--workers", "1", "--no-progress", "-q",
                "--rejects", str(rej), "--summary-json", str(summ)]
        if not c.get("stdout"):
            args += ["-o", str(out_dir) + "/"]
        started = time.perf_counter()
        try:
            proc = subprocess.run(args, input=c.get("stdin"), capture_output=True, timeout=HANG_SECONDS)
            rc, err, stdout = proc.returncode, proc.stderr.decode("utf-8", "replace"), proc.stdout
        except subprocess.TimeoutExpired:
            rc, err, stdout = "hang", "", b""
        secs = time.perf_counter() - started
        crash = rc != "hang" and (rc not in EXIT_CODES or "Traceback" in err)
        rejects = [json.loads(x) for x in rej.read_bytes().splitlines()] if rej.exists() else []
        if c.get("stdout"):
            n_out = len([x for x in stdout.splitlines() if x.strip()]) if c["out"] else 0
        else:
            name = c["input"][0].name if not c.get("mirror") else c["mirror"]
            kind = c.get("kind") or ("document" if kind_of(Path(name)) == "text" else "record")
            n_out = _count_outputs(out_dir, c.get("mirror") or mirror_name(name, kind), kind)
        summary = json.loads(summ.read_text()) if summ.exists() else None
        docs = summary["documents"] if summary else {}
        if c.get("usage"):  # refused before reading: one line on stderr, nothing written
            reconciled = summary is None and not rejects and n_out == 0 and not (tmp / "out" / c["name"]).exists()
            reasons_ok = all(r in err for r in c["reasons"]) and len(err.strip().splitlines()) == 1
        else:
            reconciled = bool(summary) and docs["in"] == docs["out"] + docs["rejected"] \
                and docs["rejected"] == len(rejects) and docs["out"] == n_out
            reasons_ok = all(any(r in x["reason"] for x in rejects) for r in c["reasons"])
        lost = max(0, c["out"] - n_out) if c["out"] is not None else 0
        count_ok = (c["out"] is None or n_out == c["out"]) and (
            len(rejects) >= 1 if c["rejected"] is None else len(rejects) == c["rejected"])
        exit_ok = rc == (2 if c.get("usage") else 1 if rejects else 0)
        totals["crashes"] += crash
        totals["hangs"] += rc == "hang"
        totals["lost"] += lost
        totals["reconciled"] += reconciled
        totals["wrong"] += not (count_ok and reasons_ok and exit_ok)
        flag = "ok" if (count_ok and reasons_ok and exit_ok and reconciled and not crash) else "FAIL"
        print(f"  {flag:4} {c['name']:36} exit {rc!s:4} out {n_out:4} rejected {len(rejects):4} {secs:6.1f}s")
    print(f"classes of bad input tried: {totals['classes']}; crashes: {totals['crashes']}; hangs over "
          f"{HANG_SECONDS} s: {totals['hangs']}; records lost: {totals['lost']}; counts reconciled: "
          f"{totals['reconciled']}/{totals['classes']}; outcome differs from the case: {totals['wrong']}")
    return totals


# -- 2. WARC readers ----------------------------------------------------------------------------------

def _best(fn, n=3):
    best, result = float("inf"), None
    for _ in range(n):
        t = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t)
    return best, result


def warc_readers(tmp: Path) -> None:
    from fastwarc.warc import ArchiveIterator as FastIterator
    from fastwarc.warc import WarcRecordType
    from warcio.archiveiterator import ArchiveIterator
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from cleaner.io.readers import read_inputs

    pages = [json.loads(x)["html"] for x in gzip.open(SHARED / "trafilatura-dev" / "html.jsonl.gz")]
    plain = tmp / "bench.warc"
    with open(plain, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i, html in enumerate(pages):
            hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://example.com/{i}", "response",
                                                payload=io.BytesIO(html.encode()), http_headers=hh))
    data = plain.read_bytes()
    gz = tmp / "bench.warc.gz"
    with open(gz, "wb") as fh:  # one gzip member per record, as crawlers write them
        starts = [i for i in _record_starts(data)] + [len(data)]
        for a, b in zip(starts, starts[1:]):
            fh.write(gzip.compress(data[a:b], mtime=0))

    def count_warcio(path):
        with open(path, "rb") as fh:
            return sum(1 for r in ArchiveIterator(fh) if r.rec_type == "response" and r.content_stream().read())

    def count_fast(path):
        with open(path, "rb") as fh:
            return sum(1 for r in FastIterator(fh, record_types=WarcRecordType.response, auto_decode="all")
                       if r.reader.read())

    def count_ours(path):
        return sum(1 for it in read_inputs([str(path)]) if it.record)

    def count_framing(path):
        from cleaner.io.compressed import codec_of, decompressed_chunks
        from cleaner.io.warc import _Stream, frames
        with open(path, "rb") as fh:
            return sum(1 for f in frames(_Stream(decompressed_chunks(fh, codec_of(path))))
                       if f[0] == "record" and f[4].get("warc-type") == "response")

    mb = len(data) / 1e6
    print(f"\n== 2. WARC readers: {len(pages)} responses, {mb:.0f} MB ({gz.stat().st_size / 1e6:.0f} MB as .warc.gz); "
          "CPU seconds, best of 3.\n  The libraries return payload bytes; cleaner's framing checks each record "
          "(and a .gz file is decompressed twice: a check pass, then the read), '+ decoding' adds the digest "
          "check, HTTP and charset decoding to text")
    for label, fn in (("warcio", count_warcio), ("FastWARC", count_fast), ("cleaner: framing", count_framing),
                      ("cleaner: + decoding", count_ours)):
        t1, n1 = _best(lambda: fn(plain))
        t2, n2 = _best(lambda: fn(gz))
        print(f"  {label:20} .warc {t1:6.2f}s ({mb / t1:6.0f} MB/s, {n1} records)   "
              f".warc.gz {t2:6.2f}s ({mb / t2:5.0f} MB/s, {n2} records)")
    starts = _record_starts(data)
    i = data.index(b"Content-Length: ", starts[1])
    j = data.index(b"\r\n", i)
    damaged = {"huge Content-Length in record 2": data[:i] + b"Content-Length: 99999999999" + data[j:],
               "truncated by 100 bytes": data[:-100],
               "10 bytes flipped in record 3": data[:starts[2] + 900] + bytes(b ^ 0x55 for b in data[starts[2] + 900:
                                                                                           starts[2] + 910])
               + data[starts[2] + 910:]}
    print(f"  records returned from damaged copies (of {len(pages)}; the rest are lost unless rejected):")
    for what, blob in damaged.items():
        f = tmp / "damaged.warc"
        f.write_bytes(blob)
        row = []
        for label, fn in (("warcio", count_warcio), ("FastWARC", count_fast)):
            try:
                row.append(f"{label} {fn(f)}")
            except Exception as exc:
                row.append(f"{label} error ({type(exc).__name__})")
        items = list(read_inputs([str(f)]))
        row.append(f"cleaner {sum(1 for x in items if x.record)} + {sum(1 for x in items if x.reject)} rejected")
        print(f"    {what:32} " + "; ".join(row))


def _record_starts(data: bytes) -> list[int]:
    out, i = [], 0
    while True:
        out.append(i)
        i = data.find(b"\r\n\r\nWARC/1.", i + 1)
        if i < 0:
            return out
        i += 4


# -- 3. kill -9 and resume ----------------------------------------------------------------------------

def _corpus(path: Path, target_mb: int) -> int:
    files = sorted(SHARED.glob("*/text/*.jsonl*"))
    n = written = 0
    with open(path, "wb") as out:
        rep = 0
        while written < target_mb * 1e6:
            for f in files:
                opener = gzip.open if f.name.endswith(".gz") else open
                with opener(f, "rb") as fh:
                    for line in fh:
                        rec = json.loads(line)
                        rec["id"] = f"{f.parent.parent.name}/{f.name.split('.')[0]}/{rec.get('id')}/{rep}"
                        data = json.dumps(rec, ensure_ascii=False).encode() + b"\n"
                        out.write(data)
                        written += len(data)
                        n += 1
            rep += 1
    return n


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def resume(tmp: Path, mb: int, workers: int) -> None:
    src = tmp / "corpus.jsonl"
    n = _corpus(src, mb)
    size = src.stat().st_size / 1e6
    print(f"\n== 3. kill -9 and resume: {n:,} records, {size:.0f} MB, --workers {workers}, output .jsonl.gz")
    args = [*CLEANER, "clean", str(src), "--workers", str(workers), "--no-progress", "-q"]
    t = time.perf_counter()
    rc, err = _run([*args, "-o", str(tmp / "ref.jsonl.gz")], timeout=None)
    ref_secs = time.perf_counter() - t
    print(f"  uninterrupted run: exit {rc}, {ref_secs:.0f} s")
    out = tmp / "run.jsonl.gz"
    manifest = Path(str(out) + ".manifest.json")
    proc = subprocess.Popen([*args, "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    killed_at = 0
    while proc.poll() is None:
        try:
            killed_at = json.loads(manifest.read_bytes())["items"]
        except (OSError, ValueError, KeyError):
            killed_at = 0
        if killed_at >= n * 0.4:
            os.killpg(proc.pid, signal.SIGKILL)  # the job and its workers, as a scheduler kills a job
            break
        time.sleep(0.5)
    proc.wait()
    t = time.perf_counter()
    rc2, err2 = _run(args + ["-o", str(out)], timeout=None)
    resumed_secs = time.perf_counter() - t
    same = _digest(out) == _digest(tmp / "ref.jsonl.gz")
    rej_ref, rej_run = Path(str(tmp / "ref.jsonl.gz") + ".rejects.jsonl"), Path(str(out) + ".rejects.jsonl")
    same_rej = (rej_ref.exists() == rej_run.exists()) and (not rej_ref.exists() or _digest(rej_ref) == _digest(rej_run))
    print(f"  killed with SIGKILL after the checkpoint at record {killed_at:,}; the same command then ran "
          f"{resumed_secs:.0f} s (exit {rc2})")
    print(f"  output byte-identical to the uninterrupted run: {'yes' if same else 'NO'} "
          f"(sha256 {_digest(out)}); rejects file identical: {'yes' if same_rej else 'NO'}")


# -- 4. Parquet round trip ----------------------------------------------------------------------------

def parquet_round_trip(tmp: Path, workers: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cleaner.io.jsoncodec import loads_object

    print("\n== 4. Parquet round trip: each bench cleaned from JSONL and from Parquet (converted with pyarrow)")
    sets = [SHARED / "scrapinghub" / "text" / "htmltext.jsonl", SHARED / "trafilatura-dev" / "text" / "htmltext.jsonl.gz",
            SHARED / "wcxb-dev" / "text" / "htmltext.jsonl.gz"]
    for src in sets:
        if not src.exists():
            continue
        opener = gzip.open if src.name.endswith(".gz") else open
        with opener(src, "rb") as fh:
            rows = [json.loads(x) for x in fh]
        pq_in = tmp / (src.parent.parent.name + ".parquet")
        pq.write_table(pa.Table.from_pylist(rows), pq_in)
        a, b = tmp / "a.jsonl", tmp / "b.parquet"
        rc1, _ = _run([*CLEANER, "clean", str(src), "-o", str(a), "--workers", str(workers), "-q"], timeout=None)
        rc2, _ = _run([*CLEANER, "clean", str(pq_in), "-o", str(b), "--workers", str(workers), "-q"], timeout=None)
        via_jsonl = [loads_object(x)[0] for x in a.read_bytes().splitlines()]
        via_parquet = pq.read_table(b).to_pylist()
        same = via_jsonl == via_parquet
        print(f"  {src.parent.parent.name:16} {len(rows):4} records: JSONL exit {rc1}, Parquet exit {rc2}; "
              f"same records both ways: {'yes' if same else 'NO'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="hostile inputs and WARC readers only")
    ap.add_argument("--resume-mb", type=int, default=200, help="size of the kill -9 and resume corpus (default 200)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", choices=("hostile", "warc", "resume", "parquet"), help="one section")
    args = ap.parse_args()
    sections = [args.only] if args.only else (["hostile", "warc"] if args.quick else
                                              ["hostile", "warc", "resume", "parquet"])
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-robustness-"))
    try:
        if "hostile" in sections:
            hostile(tmp / "h")
        if "warc" in sections:
            (tmp / "w").mkdir()
            warc_readers(tmp / "w")
        if "resume" in sections:
            (tmp / "r").mkdir()
            resume(tmp / "r", args.resume_mb, args.workers)
        if "parquet" in sections:
            (tmp / "p").mkdir()
            parquet_round_trip(tmp / "p", args.workers)
        if not args.only:
            print("\n== 5. frameworks: the datatrove step and the Hugging Face datasets helper on the shared "
                  "benches\n  (measured with the integrations; not part of this script yet)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
