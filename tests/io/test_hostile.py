"""Every class of hostile input in tests/data/hostile (made by its make.py) through
`cleaner clean` in one run: no crash, no traceback, exactly the records each case
says come out, every other record rejected with its reason, counts reconciled."""
import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from cleaner.io.compressed import codec_of, decompressed_chunks
from cleaner.io.jsoncodec import loads_object
from cleaner.io.outputs import mirror_name
from cleaner.io.readers import kind_of

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
CASES = json.loads((HOSTILE / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    out = tmp / "out"
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(HOSTILE), "-o", str(out) + "/",
                           "--workers", "1", "--summary-json", str(tmp / "s.json"), "--no-progress"],
                          capture_output=True, timeout=600)
    rejects = [orjson.loads(x) for x in (tmp / "out.rejects.jsonl").read_bytes().splitlines()]
    return proc, out, rejects, json.loads((tmp / "s.json").read_text())


def test_the_files_match_their_generator(tmp_path):
    subprocess.run([sys.executable, str(HOSTILE / "make.py"), str(tmp_path)], check=True, capture_output=True)
    for name in CASES:
        assert (tmp_path / name).read_bytes() == (HOSTILE / name).read_bytes(), name
    assert len(CASES) >= 40


def test_no_crash_and_counts_reconcile(run):
    proc, _out, rejects, summary = run
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err  # something was rejected, nothing failed
    assert "Traceback" not in err and "internal error" not in json.dumps(rejects)
    docs = summary["documents"]
    assert docs["in"] == docs["out"] + docs["rejected"] and docs["rejected"] == len(rejects)


def _outputs(out: Path, name: str) -> list:
    kind = "document" if kind_of(Path(name)) == "text" else "record"
    f = out / mirror_name(name, kind)
    if kind == "document":
        return [f.read_text(encoding="utf-8")] if f.exists() else []
    if not f.exists():
        return []
    if f.suffix == ".parquet":
        import pyarrow.parquet as pq
        return pq.read_table(f).to_pylist()
    with open(f, "rb") as fh:
        data = b"".join(decompressed_chunks(fh, codec_of(f)))
    return [loads_object(x)[0] for x in data.splitlines()]  # 1E+999 is JSON, but not for orjson


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(run, name):
    _proc, out, rejects, _summary = run
    case = CASES[name]
    got = _outputs(out, name)
    mine = [r for r in rejects if Path(r["source"]).name == name]
    if case["out"] is None:
        assert got
    else:
        assert len(got) == case["out"], [r["reason"] for r in mine]
    if case["rejected"] is None:
        assert mine
    else:
        assert len(mine) == case["rejected"], [r["reason"] for r in mine]
    for reason in case["reasons"]:
        assert any(reason in r["reason"] for r in mine), (reason, [r["reason"] for r in mine])
    if "ids" in case:
        assert [r["id"] for r in got] == case["ids"]
