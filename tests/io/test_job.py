"""The output side of `cleaner clean`, end to end: every issue-10 reproduction that ends
in an output (bugs 1, 7, 8, 9, 10, 11, 14), counts that reconcile, and resume after
SIGKILL with byte-identical output."""
import gzip
import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
import zstandard

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
Q = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
     "several points were still contested and would need further discussion before any signing.")
DOC = "\n".join(["Home", "Talks to resume in Geneva", P, "Share", Q])


def cli(*args, stdin: bytes | None = None, cwd=None, preexec=None):
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", *map(str, args)], input=stdin,
                          capture_output=True, cwd=cwd, timeout=300, preexec_fn=preexec)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


@pytest.fixture
def run(capsysbinary):
    """`cleaner ...` in this process (no interpreter start): (exit code, stdout bytes, stderr)."""
    from cleaner.cli import main

    def call(*args):
        capsysbinary.readouterr()
        rc = main([str(a) for a in args])
        out, err = capsysbinary.readouterr()
        return rc, out, err.decode("utf-8", "replace")
    return call


def jsonl(path) -> list[dict]:
    return [orjson.loads(x) for x in Path(path).read_bytes().splitlines()]


def records(n, start=0):
    return [{"id": i, "text": DOC.replace("Geneva", f"Geneva {i}"), "url": f"https://ex.com/{i}"}
            for i in range(start, start + n)]


def write_jsonl(path, recs):
    Path(path).write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in recs))
    return path


def test_lone_surrogate_record_is_written_and_the_run_goes_on(tmp_path, run):
    # bug 1: {"id":"\udc00x"} crashed the writer: UnicodeEncodeError, no output, exit 1
    f = tmp_path / "s.jsonl"
    f.write_bytes(b'{"id":"\\udc00x","text":"Talks\\n' + P.encode() + b'"}\n' + orjson.dumps(records(1)[0]) + b"\n")
    rc, _out, err = run("clean", f, "-o", tmp_path / "o.jsonl", "--summary-json", tmp_path / "s.json")
    assert rc == 0, err
    assert [r["id"] for r in jsonl(tmp_path / "o.jsonl")] == ["\ufffdx", 0]
    assert "Traceback" not in err and "2 in = 2 out + 0 rejected" in err
    assert json.loads((tmp_path / "s.json").read_text())["notes"]["documents with invalid UTF-8 (replaced)"] == 1


def test_non_finite_ids_give_valid_json(tmp_path, run):
    # bug 14: 1e999 / NaN ids were written as Infinity / NaN
    f = tmp_path / "n.jsonl"
    f.write_bytes(b'{"id": 1e999, "text": "T\\n' + P.encode() + b'"}\n{"id": NaN, "text": "T\\n' + P.encode() + b'"}\n')
    rc, out, err = run("clean", f, "-q")
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(b'{"id":1E+999,') and lines[1].startswith(b'{"id":null,')
    for line in lines:
        json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} written"))


def test_text_and_jsonl_inputs_to_one_jsonl_file(tmp_path, run):
    # bug 8: text inputs with -o out.jsonl made a folder; text + JSONL crashed (IsADirectoryError)
    (tmp_path / "a.txt").write_text(DOC, encoding="utf-8")
    write_jsonl(tmp_path / "b.jsonl", records(2))
    out = tmp_path / "out.jsonl"
    rc, _o, err = run("clean", tmp_path / "a.txt", tmp_path / "b.jsonl", "-o", out, "-q")
    assert rc == 0, err
    assert out.is_file() and [r["id"] for r in jsonl(out)] == ["a.txt", 0, 1]
    assert jsonl(out)[0]["text"].startswith("Talks to resume in Geneva\n\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.jsonl", "out.jsonl"]
    rc, _o, err = run("clean", tmp_path / "a.txt", "-o", tmp_path / "only.jsonl", "-q")
    assert rc == 0 and jsonl(tmp_path / "only.jsonl")[0]["id"] == "a.txt"


def test_piped_jsonl_is_sniffed(tmp_path):
    # bug 9: piped JSONL without --input-format was cleaned as one text document
    data = b"".join(orjson.dumps(r) + b"\n" for r in records(3))
    rc, out, err = cli("clean", stdin=data, cwd=tmp_path)
    assert rc == 0, err
    assert [orjson.loads(x)["id"] for x in out.splitlines()] == [0, 1, 2]
    assert "3 in = 3 out" in err
    rc, out, err = cli("clean", "-q", stdin=DOC.encode(), cwd=tmp_path)
    assert rc == 0 and out.decode().startswith("Talks to resume in Geneva\n")


def test_zst_output_is_compressed(tmp_path, run):
    # bug 10: -o x.jsonl.zst wrote uncompressed JSONL
    src = write_jsonl(tmp_path / "in.jsonl", records(3))
    rc, _o, err = run("clean", src, "-o", tmp_path / "o.jsonl.zst", "-q")
    assert rc == 0, err
    raw = (tmp_path / "o.jsonl.zst").read_bytes()
    assert raw[:4] == b"\x28\xb5\x2f\xfd"
    data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw), read_across_frames=True).read()
    assert [orjson.loads(x)["id"] for x in data.splitlines()] == [0, 1, 2]
    rc, _o, err = run("clean", src, "-o", tmp_path / "o.jsonl.gz", "-q")
    assert [orjson.loads(x)["id"] for x in gzip.decompress((tmp_path / "o.jsonl.gz").read_bytes()).splitlines()] \
        == [0, 1, 2]


def test_special_outputs_are_written_in_place(tmp_path, null_device):
    # bug 7: -o /dev/null (as root) became a regular file; a FIFO or a symlink was replaced
    src = write_jsonl(tmp_path / "in.jsonl", records(2))
    dev = null_device
    before = os.stat(dev)
    rc, _o, err = cli("clean", src, "-o", dev, "-q", cwd=tmp_path)
    after = os.stat(dev)
    assert rc == 0, err
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev) and not (tmp_path / "null.part").exists()
    target = tmp_path / "v1.jsonl"
    target.write_text("old")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    rc, _o, err = cli("clean", src, "-o", link, "-q")
    assert rc == 0 and link.is_symlink() and [r["id"] for r in jsonl(target)] == [0, 1]
    rc, out, err = cli("clean", src, "-o", "/dev/stdout", "-q")
    assert rc == 0 and [orjson.loads(x)["id"] for x in out.splitlines()] == [0, 1]


def test_stale_rejects_file_does_not_survive_a_clean_run(tmp_path, run):
    # bug 11: OUT.rejects.jsonl from an earlier run survived a run with no rejects
    src = tmp_path / "in.jsonl"
    src.write_bytes(orjson.dumps(records(1)[0]) + b"\nnot json\n")
    out = tmp_path / "o.jsonl"
    rc, _o, _e = run("clean", src, "-o", out, "-q")
    assert rc == 1 and (tmp_path / "o.jsonl.rejects.jsonl").exists()
    write_jsonl(src, records(2))
    rc, _o, err = run("clean", src, "-o", out, "-q")
    assert rc == 0, err
    assert not (tmp_path / "o.jsonl.rejects.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "o.jsonl"]


def _no_space(limit_bytes):
    def set_limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return set_limit


def test_a_full_disk_is_a_clear_failure_that_leaves_nothing_behind(tmp_path):
    # bug 11: ENOSPC crashed with a traceback, left .part files, a truncated rejects file
    # and an empty summary.  The file-size limit makes writes fail as on a full disk (it
    # applies to every file, so --lang keeps the language model from unpacking its own).
    recs = records(300)
    src = tmp_path / "in" / "in.jsonl"
    src.parent.mkdir()
    write_jsonl(src, recs[:150])
    with open(src, "ab") as fh:
        fh.write(b"not json\n" * 50)
    out = tmp_path / "out"
    out.mkdir()
    rc, _o, err = cli("clean", src, "-o", out / "o.jsonl", "--summary-json", out / "s.json",
                      "--preset", "rules-only", "--lang", "en", preexec=_no_space(20_000))
    assert rc == 3, err
    assert "cannot write" in err and "File too large" in err and "Traceback" not in err
    assert list(out.iterdir()) == []
    rc, _o, err = cli("clean", src, "--rejects", "/dev/full", "-o", out / "o.jsonl", "-q")
    assert rc == 3 and "No space left on device" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_dolma_shape_and_parquet_round_trip(tmp_path, run):
    import pyarrow.parquet as pq

    src = write_jsonl(tmp_path / "in.jsonl", [{**r, "lang": "en", "metadata": {"year": 2020}} for r in records(3)])
    rc, _o, err = run("clean", src, "-o", tmp_path / "d.jsonl", "--record-shape", "dolma", "-q")
    assert rc == 0, err
    d = jsonl(tmp_path / "d.jsonl")
    assert list(d[0]) == ["id", "text", "metadata"] and d[0]["id"] == "0"
    assert d[0]["metadata"] == {"url": "https://ex.com/0", "lang": "en", "year": 2020}
    rc, _o, err = run("clean", src, "-o", tmp_path / "o.parquet", "-q")
    assert rc == 0, err
    table = pq.read_table(tmp_path / "o.parquet")
    rc, _o, err = run("clean", src, "-o", tmp_path / "o.jsonl", "-q")
    assert table.to_pylist() == jsonl(tmp_path / "o.jsonl")
    # Parquet in, with mapped fields, and JSONL out: the same texts
    pq.write_table(pq.read_table(src.with_suffix(".jsonl").parent / "o.parquet")
                   .rename_columns(["key", "body", "page", "lang", "metadata"]), tmp_path / "m.parquet")
    rc, out, err = run("clean", tmp_path / "m.parquet", "--text-field", "body", "--id-field", "key",
                       "--url-field", "page", "--record-shape", "dolma", "-q")
    assert rc == 0, err
    got = [orjson.loads(x) for x in out.splitlines()]
    assert [g["id"] for g in got] == ["0", "1", "2"] and [g["text"] for g in got] == [r["text"] for r in d]


def _wait_for_progress(manifest: Path, items: int, proc) -> None:
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None:
        try:
            if orjson.loads(manifest.read_bytes())["items"] >= items:
                return
        except (OSError, orjson.JSONDecodeError, KeyError):
            pass
        time.sleep(0.02)
    pytest.fail("the run made no checkpoint")


@pytest.mark.parametrize("out_name", ["o.jsonl.gz", "shards/"])
def test_resume_after_sigkill_gives_byte_identical_output(tmp_path, out_name):
    """The run is killed with SIGKILL mid-way; the same command finishes the job and
    the output is byte for byte what an uninterrupted run writes."""
    src = tmp_path / "in"
    src.mkdir()
    # files long enough that the run is still going when the test sees its checkpoint inside
    # the second (compressed) file, also when this process is slowed by other work
    write_jsonl(src / "a.jsonl", records(200))
    with gzip.open(src / "b.jsonl.gz", "wb") as fh:
        fh.write(b"".join(orjson.dumps(r) + b"\n" for r in records(200, 200)) + b"not json\n")
    write_jsonl(src / "c.jsonl", records(200, 400))
    args = [src, "--checkpoint-every", "10", "--workers", "1", "--preset", "rules-only", "-q"]
    rc, _o, err = cli("clean", *args, "-o", tmp_path / "ref" / out_name)
    assert rc == 1, err
    out = tmp_path / "run" / out_name
    (tmp_path / "run").mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "clean", *map(str, args), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for_progress(Path(str(out).rstrip("/") + ".manifest.json"), 210, proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any(p.name.endswith(".part") for p in (tmp_path / "run").rglob("*"))
    rc, _o, err = cli("clean", *[a for a in args if a != "-q"], "-o", out)
    assert rc == 1, err
    assert "resuming an interrupted run" in err and "601 in = 600 out + 1 rejected" in err
    ref_files = sorted(p.relative_to(tmp_path / "ref") for p in (tmp_path / "ref").rglob("*") if p.is_file())
    run_files = sorted(p.relative_to(tmp_path / "run") for p in (tmp_path / "run").rglob("*") if p.is_file())
    assert ref_files == run_files
    for rel in ref_files:
        assert (tmp_path / "ref" / rel).read_bytes() == (tmp_path / "run" / rel).read_bytes(), rel


def test_a_changed_config_starts_afresh(tmp_path, run):
    src = write_jsonl(tmp_path / "in.jsonl", records(3))
    out = tmp_path / "o.jsonl"
    m = tmp_path / "o.jsonl.manifest.json"
    m.write_bytes(orjson.dumps({"format": "cleaner-manifest/1", "config": "other", "inputs": [], "items": 2,
                                "positions": {}, "shards": {str(out): {"bytes": 5}}, "rejects": {}}))
    (tmp_path / "o.jsonl.part").write_text("stale")
    rc, _o, err = run("clean", src, "-o", out)
    assert rc == 0 and "resuming" not in err
    assert [r["id"] for r in jsonl(out)] == [0, 1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "o.jsonl"]


@pytest.mark.parametrize("out_name", ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst", "out.parquet"])
def test_a_run_that_writes_no_record_replaces_a_stale_output_with_an_empty_one(tmp_path, run, out_name):
    # an earlier run's output survived a run whose records were all rejected (exit 1)
    # or that read none (exit 0): it passed for this run's output
    out = tmp_path / out_name
    assert run("clean", write_jsonl(tmp_path / "in.jsonl", records(2)), "-o", out, "-q", "--workers", "1")[0] == 0
    assert out.stat().st_size > 0
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert run("clean", tmp_path / "empty.jsonl", "-o", out, "-q", "--workers", "1")[0] == 0
    (tmp_path / "bad.jsonl").write_bytes(b"not json\n[1]\n")
    assert run("clean", tmp_path / "bad.jsonl", "-o", out, "-q", "--workers", "1")[0] == 1
    if out_name.endswith(".parquet"):
        import pyarrow.parquet as pq
        assert pq.read_metadata(out).num_rows == 0
    else:
        data = out.read_bytes()
        data = gzip.decompress(data) if out_name.endswith(".gz") else (
            zstandard.ZstdDecompressor().decompressobj().decompress(data) if out_name.endswith(".zst") else data)
        assert data == b""  # and a valid (empty) gzip member / zstd frame
    assert not list(tmp_path.glob("*.part")) and not (tmp_path / (out_name + ".manifest.json")).exists()


def test_every_record_input_of_a_mirror_gets_its_output(tmp_path, run):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("empty.jsonl", "bad.jsonl", "good.jsonl"):
        (out / name).write_bytes(b'{"id": "stale", "text": "from an earlier run"}\n')
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_bytes(b"not json\n")
    write_jsonl(tmp_path / "good.jsonl", records(1))
    rc, _out, _err = run("clean", tmp_path / "bad.jsonl", tmp_path / "empty.jsonl", tmp_path / "good.jsonl",
                         "-o", str(out) + "/", "-q", "--workers", "1")
    assert rc == 1
    assert (out / "empty.jsonl").read_bytes() == b"" and (out / "bad.jsonl").read_bytes() == b""
    assert [r["id"] for r in jsonl(out / "good.jsonl")] == [0]


def test_a_rejected_document_of_a_mirror_leaves_no_earlier_output(tmp_path, run):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "good.txt").write_text("A paragraph of content that is long enough to be kept as prose here.\n")
    (src / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    (out / "bad.txt").write_text("cleaned text from an earlier run\n")
    rc, _out, _err = run("clean", src, "-o", str(out) + "/", "-q", "--workers", "1")
    assert rc == 1
    assert (out / "good.txt").exists() and not (out / "bad.txt").exists()
    rejects = [json.loads(x) for x in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert [r["source"].endswith("bad.txt") for r in rejects] == [True]


@pytest.mark.parametrize("every, size, n, want", [(None, 80, 30_000, [13_108, 26_216]),
                                                  (None, 2000, 3000, [1000, 2000]),
                                                  (1000, 80, 3000, [1000, 2000]),
                                                  (None, 20_000, 1000, [839])])  # 16 MiB
def test_checkpoints_by_default_cover_at_least_a_mebibyte(tmp_path, monkeypatch, every, size, n, want):
    # a million tiny records were synced to the disk a thousand times (about 11 s of a
    # run's wall time); an explicit --checkpoint-every N is kept to the record
    from cleaner.io.items import Item
    from cleaner.io.job import OutputJob
    from cleaner.stats import RunStats

    src = tmp_path / "in.jsonl"
    src.write_bytes(b"")
    job = OutputJob.open(str(tmp_path / "o.jsonl"), [str(src)], stats=RunStats(), config="c", checkpoint_every=every)
    saves = []
    monkeypatch.setattr(type(job.manifest), "save", lambda self: saves.append(self.items))
    for i in range(n):
        job.write(Item(str(src), i + 1, record={"id": i}, kind="record", nbytes=size, end=(i + 1) * size), {"id": i})
    assert saves == want
    job.abort()


def test_the_configuration_hash_is_asked_for_only_when_a_manifest_is_kept(tmp_path):
    # (hashing the configuration reads every rule file: a stream to stdout has no manifest)
    from cleaner.io.job import OutputJob
    from cleaner.stats import RunStats

    src = tmp_path / "in.jsonl"
    src.write_bytes(b"")
    asked = []

    def config():
        asked.append(1)
        return "c"

    OutputJob.open(None, [str(src)], stats=RunStats(), config=config).abort()
    assert asked == []
    job = OutputJob.open(str(tmp_path / "o.jsonl"), [str(src)], stats=RunStats(), config=config)
    assert asked == [1] and job.manifest is not None and job.manifest.config == "c"
    job.abort()


@pytest.mark.parametrize("action", ["write", "reject"])
def test_an_interrupt_as_an_output_is_created_leaves_no_part_file(tmp_path, monkeypatch, action):
    # Ctrl-C can land just after an output's .part file is made and before the job keeps
    # its object (a run interrupted early, on a loaded machine): abort must still remove it
    import cleaner.io.job as job_module
    from cleaner.io.items import Item
    from cleaner.stats import RunStats

    class InterruptedAfterOpening(job_module.ShardFile):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            raise KeyboardInterrupt

    src = tmp_path / "in.jsonl"
    src.write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    job = job_module.OutputJob.open(str(out / "o.jsonl"), [str(src)], stats=RunStats(), config="c")
    monkeypatch.setattr(job_module, "ShardFile", InterruptedAfterOpening)
    item = Item(str(src), 1, record={"id": 1}, kind="record", nbytes=10, end=10)
    with pytest.raises(KeyboardInterrupt):
        job.write(item, {"id": 1}) if action == "write" else job.reject(item, "a reason")
    made = "o.jsonl.rejects.jsonl.part" if action == "reject" else "o.jsonl.part"
    assert sorted(p.name for p in out.iterdir()) == ["o.jsonl.manifest.json", made]  # (made, then interrupted)
    job.abort()
    assert sorted(p.name for p in out.iterdir()) == []
