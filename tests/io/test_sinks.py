"""Output files: atomic, resumable byte for byte, never replacing special files."""
import gzip
import io
import os

import orjson
import pytest
import zstandard

from cleaner.io.sinks import OutputFailure, ParquetShard, ShardFile, write_json_atomic

RECS = [{"id": i, "text": f"record {i} " * (i % 7 + 1)} for i in range(300)]


def write(path, recs, every=40, state=None, start=0):
    f = ShardFile(path, state=state)
    states = []
    for i, r in enumerate(recs[start:], start):
        if i and i % every == 0:
            states.append((i, f.checkpoint()))
        assert f.write_record(r) is None
    return f, states


@pytest.mark.parametrize("name", ["o.jsonl", "o.jsonl.gz", "o.jsonl.zst"])
def test_continuing_from_a_checkpoint_gives_the_same_bytes(tmp_path, name):
    ref, _ = write(tmp_path / ("ref-" + name), RECS)
    ref.commit()
    crashed, states = write(tmp_path / name, RECS[:170])
    crashed.fh.write(b"half a record that was never checkpointed")
    crashed.fh.close()  # the process dies here: the .part stays
    assert not (tmp_path / name).exists() and (tmp_path / (name + ".part")).exists()
    at, state = states[-1]
    again, _ = write(tmp_path / name, RECS, state=state, start=at)
    again.commit()
    assert (tmp_path / name).read_bytes() == (tmp_path / ("ref-" + name)).read_bytes()
    assert not (tmp_path / (name + ".part")).exists()
    raw = (tmp_path / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(raw)  # several members, one per checkpoint
    elif name.endswith(".zst"):
        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw), read_across_frames=True).read()
    else:
        data = raw
    assert [orjson.loads(x) for x in data.splitlines()] == RECS


def test_gzip_output_has_no_timestamp_or_name(tmp_path):
    f = ShardFile(tmp_path / "a.jsonl.gz")
    f.write_record({"a": 1})
    f.commit()
    head = (tmp_path / "a.jsonl.gz").read_bytes()[:10]
    assert head[3] & 0x08 == 0 and head[4:8] == b"\x00\x00\x00\x00"  # no FNAME, mtime 0


def test_abort_leaves_nothing(tmp_path):
    f = ShardFile(tmp_path / "a.jsonl")
    f.write_record({"a": 1})
    f.abort()
    assert list(tmp_path.iterdir()) == []


def test_devices_are_written_not_replaced(tmp_path, null_device):
    # issue 10 bug 7
    dev = null_device
    before = os.stat(dev)
    f = ShardFile(dev)
    f.write_record({"a": 1})
    f.commit()
    after = os.stat(dev)
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_a_fifo_is_written_not_replaced(tmp_path):
    import threading
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    f = ShardFile(fifo)
    f.write_record({"a": 1})
    f.commit()
    reader.join(10)
    assert got == [b'{"a":1}\n'] and fifo.is_fifo()


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path):
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    f = ShardFile(link)
    f.write_record({"a": 1})
    f.commit()
    assert link.is_symlink() and target.read_bytes() == b'{"a":1}\n'
    dangling = tmp_path / "dangling.jsonl"
    dangling.symlink_to(tmp_path / "made.jsonl")
    f = ShardFile(dangling)
    f.write_record({"b": 2})
    f.commit()
    assert dangling.is_symlink() and (tmp_path / "made.jsonl").read_bytes() == b'{"b":2}\n'


def test_a_full_device_is_a_clear_failure():
    f = ShardFile("/dev/full")
    with pytest.raises(OutputFailure, match="No space left on device"):
        for _ in range(10_000):
            f.write_record({"text": "x" * 1000})
        f.commit()


def test_unwritable_record_is_reported_not_raised(tmp_path):
    f = ShardFile(tmp_path / "a.jsonl")
    assert "cannot be written" in f.write_record({"x": object()})
    f.abort()


def test_write_json_atomic(tmp_path):
    write_json_atomic(tmp_path / "s.json", {"a": 1})
    assert orjson.loads((tmp_path / "s.json").read_bytes()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]
    write_json_atomic("/dev/null", {"a": 1})


def test_parquet_pieces_resume_and_merge_to_the_same_bytes(tmp_path):
    import pyarrow.parquet as pq

    def run(path, stop=None, state=None, start=0):
        p = ParquetShard(path, state=state)
        states = []
        for i, r in enumerate(RECS[start:stop], start):
            if i and i % 50 == 0:
                states.append((i, p.checkpoint()))
            assert p.write_record(r) is None
        return p, states

    ref, _ = run(tmp_path / "ref.parquet")
    ref.commit()
    crashed, states = run(tmp_path / "o.parquet", stop=130)
    crashed._fh.close()
    at, state = states[-1]
    again, _ = run(tmp_path / "o.parquet", state=state, start=at)
    again.commit()
    assert (tmp_path / "o.parquet").read_bytes() == (tmp_path / "ref.parquet").read_bytes()
    assert pq.read_table(tmp_path / "o.parquet").to_pylist() == RECS
    assert not (tmp_path / "o.parquet.part").exists()
