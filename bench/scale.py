"""Scaling of ``cleaner clean`` over worker processes: wall time, CPU time (all
processes), records/s and MB/s, the speed-up of ``--workers 2`` over ``--workers 1``,
and whether the outputs are byte-identical.

    python bench/scale.py                       # a >= 200 MB JSONL and 1,000,000 tiny records
    python bench/scale.py --mb 50 --tiny 100000 --workers 1 2 4
    python bench/scale.py --mb 0 --tiny 0 --integrations   # datatrove and datasets vs the CLI

The large input is the scraped text of the shared benchmarks (``--data``:
scrapinghub and trafilatura-dev, htmltext), repeated with new ids until it reaches
``--mb``; the tiny records are one short sentence each.  Each command runs as its
own process (start-up included); CPU time is that of the command and its workers
(``RUSAGE_CHILDREN``).  The machine should be otherwise idle: check ``uptime``.
This script measures and prints; it is not a test.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench_records(bench: Path) -> list[dict]:
    out = []
    for p in (bench / "scrapinghub/text/htmltext.jsonl", bench / "trafilatura-dev/text/htmltext.jsonl.gz"):
        op = gzip.open if p.name.endswith(".gz") else open
        with op(p, "rt", encoding="utf-8") as fh:
            out += [json.loads(x) for x in fh if x.strip()]
    return out


def write_large(path: Path, records: list[dict], mb: int) -> tuple[int, int]:
    n = size = 0
    with open(path, "w", encoding="utf-8") as fh:
        copy = 0
        while size < mb * 1_000_000:
            for r in records:
                line = json.dumps({**r, "id": f"{copy}-{r.get('id')}"}, ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
                n += 1
            copy += 1
    return n, size


def write_tiny(path: Path, n: int) -> tuple[int, int]:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": f"Record {i}: one short sentence of a tiny document."}) + "\n")
    return n, path.stat().st_size


def run(cleaner: str, src: Path, out: Path, workers: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([cleaner, "clean", str(src), "-o", str(out), "--workers", str(workers), "-q",
                           "--no-progress"], stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"cleaner exited {proc.returncode}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def measure(name: str, cleaner: str, src: Path, n: int, size: int, workers: list[int], repeat: int, tmp: Path):
    print(f"\n{name}: {n:,} records, {size / 1e6:,.1f} MB")
    print(f"{'workers':>7} {'wall s':>8} {'CPU s':>8} {'records/s':>10} {'MB/s':>7} {'rec/CPU-s':>10} "
          f"{'speed-up':>8}  output")
    base = None
    for w in workers:
        out = tmp / f"{name}-{w}.jsonl"
        best = min((run(cleaner, src, out, w) for _ in range(repeat)), key=lambda x: x[0])
        wall, cpu = best
        base = base or wall
        print(f"{w:>7} {wall:>8.1f} {cpu:>8.1f} {n / wall:>10,.0f} {size / 1e6 / wall:>7.2f} {n / cpu:>10,.0f} "
              f"{base / wall:>7.2f}x  {digest(out)}", flush=True)


def integrations(cleaner: str, records: list[dict], tmp: Path, procs: int) -> None:
    """The datatrove step and the datasets helper on the same records as the command
    line: same texts?  (Rejected records: dropped by datatrove, flagged by datasets.)"""
    src = tmp / "bench.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    cli_out = tmp / "cli.jsonl"
    wall, cpu = run(cleaner, src, cli_out, procs)
    with open(cli_out, encoding="utf-8") as fh:
        want = {r["id"]: r["text"] for r in map(json.loads, fh)}
    print(f"\nintegrations: {len(records):,} records ({src.stat().st_size / 1e6:.1f} MB), {procs} processes each")
    print(f"{'':>10} {'wall s':>8} {'records/s':>10}  same text as the CLI")
    print(f"{'CLI':>10} {wall:>8.1f} {len(records) / wall:>10,.0f}  -")

    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor

    from cleaner.integrations.datatrove import CleanerStep

    got: dict = {}

    def collect(data, rank=0, world_size=1):
        for d in data:
            got[d.id] = d.text
            yield d

    docs = [Document(text=r["text"], id=r["id"], metadata={k: v for k, v in r.items() if k not in ("id", "text")})
            for r in records]
    t = time.perf_counter()
    # one task: the collected texts stay in this process (tasks over processes write files instead)
    LocalPipelineExecutor(pipeline=[docs, CleanerStep(), collect], tasks=1, workers=1,
                          logging_dir=str(tmp / "dt-logs")).run()
    wall = time.perf_counter() - t
    same = sum(got.get(k) == v for k, v in want.items())
    print(f"{'datatrove':>10} {wall:>8.1f} {len(records) / wall:>10,.0f}  {same:,} of {len(want):,} "
          f"(1 task in this process)")

    from datasets import Dataset

    from cleaner.integrations.hf import CleanBatch

    ds = Dataset.from_list([{"id": r["id"], "text": r["text"], "url": r.get("url") or ""} for r in records])
    t = time.perf_counter()
    out = ds.map(CleanBatch(), batched=True, num_proc=procs, cache_file_name=str(tmp / "hf.arrow"))
    wall = time.perf_counter() - t
    same = sum(want.get(i) == x for i, x, rej in zip(out["id"], out["text"], out["cleaner_rejected"]) if not rej)
    print(f"{'datasets':>10} {wall:>8.1f} {len(records) / wall:>10,.0f}  {same:,} of {len(want):,} "
          f"(num_proc={procs})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "bench"),
                    help="the shared benchmarks folder (default ../shared/bench)")
    ap.add_argument("--mb", type=int, default=200, help="size of the large JSONL (0: skip)")
    ap.add_argument("--tiny", type=int, default=1_000_000, help="number of tiny records (0: skip)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1, help="runs per setting (the best wall time is kept)")
    ap.add_argument("--integrations", action="store_true",
                    help="also run the datatrove step and the datasets helper on the benchmarks' records")
    ap.add_argument("--cleaner", default=str(Path(sys.executable).with_name("cleaner")))
    args = ap.parse_args()
    print(f"cpus: {os.cpu_count()}; load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="cleaner-scale-") as d:
        tmp = Path(d)
        if args.mb:
            src = tmp / "large.jsonl"
            n, size = write_large(src, bench_records(Path(args.data)), args.mb)
            measure("large", args.cleaner, src, n, size, args.workers, args.repeat, tmp)
            src.unlink()
        if args.tiny:
            src = tmp / "tiny.jsonl"
            n, size = write_tiny(src, args.tiny)
            measure("tiny", args.cleaner, src, n, size, args.workers, args.repeat, tmp)
        if args.integrations:
            integrations(args.cleaner, bench_records(Path(args.data)), tmp, max(args.workers))
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
