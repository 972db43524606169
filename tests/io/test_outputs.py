"""Where output goes, decided from -o and the inputs."""
import os

import pytest

from cleaner.io.outputs import OutputError, mirror_name, plan_output


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.jsonl").write_text("{}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a")
    return tmp_path


def test_stdout_and_dash():
    assert plan_output(None, ["x"]).mode == "stdout" and plan_output("-", ["x"]).mode == "stdout"


@pytest.mark.parametrize("name, fmt", [("o.jsonl", "jsonl"), ("o.jsonl.gz", "jsonl"), ("o.jsonl.zst", "jsonl"),
                                       ("o.ndjson", "jsonl"), ("o.parquet", "parquet")])
def test_record_files(tmp_path, inputs, name, fmt):
    # issue 8 of the list: text inputs with -o out.jsonl created a folder named out.jsonl
    plan = plan_output(str(tmp_path / name), [str(inputs / "a.txt"), str(inputs / "b.jsonl")])
    assert (plan.mode, plan.fmt) == ("file", fmt)
    assert plan.default_rejects() == str(tmp_path / name) + ".rejects.jsonl"


def test_compressed_parquet_is_refused(tmp_path, inputs):
    with pytest.raises(OutputError, match="Parquet compresses"):
        plan_output(str(tmp_path / "o.parquet.gz"), [str(inputs / "b.jsonl")])


def test_one_text_file_for_one_document_only(tmp_path, inputs):
    assert plan_output(str(tmp_path / "o.txt"), [str(inputs / "a.txt")]).mode == "text-file"
    with pytest.raises(OutputError, match="several documents"):
        plan_output(str(tmp_path / "o.txt"), [str(inputs / "a.txt"), str(inputs / "sub")])
    with pytest.raises(OutputError, match="no documents"):
        plan_output(str(tmp_path / "o.txt"), [str(inputs / "b.jsonl")])


def test_folders(tmp_path, inputs):
    assert plan_output(str(tmp_path / "out") + "/", [str(inputs / "a.txt")]).mode == "mirror"
    assert plan_output(str(tmp_path / "new"), [str(inputs / "a.txt")]).mode == "mirror"
    (tmp_path / "existing").mkdir()
    assert plan_output(str(tmp_path / "existing"), [str(inputs / "a.txt")]).mode == "mirror"
    (tmp_path / "file.bin").write_text("x")
    with pytest.raises(OutputError, match="existing file"):
        plan_output(str(tmp_path / "file.bin"), [str(inputs / "a.txt")])


def test_two_inputs_writing_one_mirrored_file_are_refused(tmp_path, inputs):
    with pytest.raises(OutputError, match="would both be written"):
        plan_output(str(tmp_path / "out") + "/", [str(inputs / "a.txt"), str(inputs / "sub" / "a.txt")])
    plan_output(str(tmp_path / "out") + "/", [str(inputs)])  # a.txt and sub/a.txt differ inside a folder


def test_special_files_are_written_like_stdout(tmp_path):
    # issue 10 bug 7: -o /dev/null turned /dev/null into a regular file
    assert plan_output("/dev/null", ["x"]).mode == "special"
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    assert (plan_output(str(fifo), ["x"]).mode, plan_output(str(fifo), ["x"]).fmt) == ("special", "jsonl")
    assert plan_output("/dev/null", ["x"]).default_rejects() == "cleaner-rejects.jsonl"


@pytest.mark.parametrize("rel, kind, name", [
    ("a/b.txt", "document", "a/b.txt"), ("a/b.html.gz", "document", "a/b.txt"), ("x.md", "document", "x.txt"),
    ("s/x.jsonl.gz", "record", "s/x.jsonl.gz"), ("x.parquet", "record", "x.parquet"),
    ("c.warc.gz", "record", "c.jsonl.gz"), ("CC-1.warc.wet.gz", "record", "CC-1.jsonl.gz"),
    ("d.warc", "record", "d.jsonl"), (None, "record", "stdin.jsonl"), (None, "document", "stdin.txt"),
])
def test_mirror_names(rel, kind, name):
    assert mirror_name(rel, kind) == name
