"""read_inputs: kinds told by suffix or sniffed, resume points honoured, damaged files
rejected wherever they are read (issue 10 bug 2: `templates learn` crashed on a corrupt .zst)."""
import gzip
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard

from cleaner.io.items import ResumePoint
from cleaner.io.readers import read_inputs, sniff

from .warcs import warc_bytes


def lines(n, start=0):
    return b"".join(json.dumps({"id": i, "text": f"text {i}"}).encode() + b"\n" for i in range(start, start + n))


def test_files_of_unknown_kind_are_sniffed(tmp_path):
    (tmp_path / "records").write_bytes(lines(2))
    (tmp_path / "archive").write_bytes(warc_bytes(2))
    pq.write_table(pa.table({"id": [1], "text": ["t"]}), tmp_path / "table")
    (tmp_path / "notes").write_text("Just some text.\n", encoding="utf-8")
    got = {name: [(i.kind, i.record["id"]) for i in read_inputs([str(tmp_path / name)])]
           for name in ("records", "archive", "table", "notes")}
    assert got["records"] == [("record", 0), ("record", 1)] and got["table"] == [("record", 1)]
    assert len(got["archive"]) == 2 and got["notes"] == [("document", "notes")]
    assert sniff(b'  {"a": 1}\n') == "jsonl" and sniff(b"{not json") == "document" and sniff(b"WARC/1.1\r\n") == "warc"


def test_resume_points(tmp_path):
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    plain.write_bytes(lines(5))
    packed.write_bytes(gzip.compress(lines(5, 5)))
    first = list(read_inputs([str(plain)]))
    cut = first[1]
    resume = {str(plain): ResumePoint(items=2, offset=cut.end, line=cut.next_line),
              str(packed): ResumePoint(items=3, offset=999_999)}
    got = [i.record["id"] for i in read_inputs([str(plain), str(packed)], resume=resume)]
    assert got == [2, 3, 4, 8, 9]  # the plain file seeks; the compressed one skips 3 records
    done = {str(plain): ResumePoint(done=True)}
    assert [i.record["id"] for i in read_inputs([str(plain), str(packed)], resume=done)] == list(range(5, 10))


def test_templates_learn_rejects_a_corrupt_zst(tmp_path):
    data = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(lines(2000)))
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "bad.jsonl.zst"
    bad.write_bytes(bytes(data))
    good = tmp_path / "good.jsonl"
    good.write_bytes(lines(5))
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "templates", "learn", str(bad), str(good),
                           "-o", str(tmp_path / "s.tpl")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "ZstdError" not in proc.stderr
    assert "records skipped" in proc.stderr and "the zstd frame at byte 0 is damaged" in proc.stderr
