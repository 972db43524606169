"""The layout filter's `strictness` knob, measured: WCXB dev word precision, recall and F1
(mean over pages, the set's own score.py) per page type, for several strictness values,
in one run.

    python bench/strictness.py                          # 0.5 1 2 on the htmltext converter
    python bench/strictness.py --values 0.5,1,2,4 --variant markdown --jobs 2
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from dataclasses import replace
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import default_data, read_jsonl, variant_files  # noqa: E402

_CLEANER = None


def _init(strictness: float) -> None:
    global _CLEANER
    from cleaner import Cleaner
    _CLEANER = Cleaner()
    for f in _CLEANER.filters:
        if f.id == "layout":
            f.config = replace(f.config, strictness=strictness)


def _clean(row: dict) -> tuple[str, str]:
    return row["id"], _CLEANER.clean(row["text"], url=row.get("url")).text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="folder holding the sets (default: shared/bench)")
    ap.add_argument("--values", default="0.5,1,2", help="comma-separated strictness values")
    ap.add_argument("--variant", default="htmltext", help="converter variant (htmltext, resiliparse, markdown)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    base = (args.data or default_data()) / "wcxb-dev"
    spec = importlib.util.spec_from_file_location("wcxb_score", base / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = {g["id"]: g for g in read_jsonl(base / "gold.jsonl")}
    rows = read_jsonl(variant_files(base)[args.variant])
    types = score.TYPE_ORDER + ["all"]
    print(f"wcxb-dev, {args.variant}: word P / R / F1 per page type, mean over pages")
    print("strictness " + "".join(f"{t:>22}" for t in types))
    for value in (float(v) for v in args.values.split(",")):
        with Pool(args.jobs, _init, (value,)) as pool:
            out = dict(pool.map(_clean, rows, chunksize=8))
        by = defaultdict(list)
        for pid, g in gold.items():
            prf = score.word_prf(out.get(pid, ""), g["main_content"])
            by[g["page_type"]].append(prf)
            by["all"].append(prf)
        cells = []
        for t in types:
            v = by[t]
            p, r, f = (sum(x[k] for x in v) / len(v) for k in range(3))
            cells.append(f"{p:.3f}/{r:.3f}/{f:.3f}")
        print(f"{value:<10} " + "".join(f"{c:>22}" for c in cells), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
