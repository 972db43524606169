"""Property tests: whatever the bytes, the readers yield Items (a record or a reject
with a reason) and never raise; valid records come back whole; a damaged WARC never
passes a damaged record as clean."""
import gzip
import json
import os
import string
from datetime import timedelta

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.io.items import Item
from cleaner.io.jsoncodec import dumps, loads_object
from cleaner.io.jsonl import read_jsonl
from cleaner.io.readers import read_inputs
from cleaner.io.warc import read_warc

from .warcs import warc_bytes

# CI runs a fixed, small set of examples; CLEANER_FUZZ_EXAMPLES=5000 fuzzes longer (and randomly)
EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=EXAMPLES or 60, deadline=timedelta(seconds=10), derandomize=not EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

SUFFIXES = [".jsonl", ".jsonl.gz", ".jsonl.zst", ".warc", ".warc.gz", ".txt", ".html", ".md", ".parquet", ".bin"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)
records = st.dictionaries(st.text(max_size=8), json_values, max_size=5)


def well_formed(items):
    for it in items:
        assert isinstance(it, Item)
        assert (it.record is None) != (it.reject is None), it
        if it.reject is not None:
            assert isinstance(it.reject, str) and it.reject
        else:
            assert isinstance(it.record, dict)
    return items


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), compress=st.booleans())
def test_any_bytes_under_any_name(tmp_path_factory, data, suffix, compress):
    f = tmp_path_factory.mktemp("fuzz") / ("input" + suffix)
    f.write_bytes(gzip.compress(data, mtime=0) if compress else data)
    well_formed(list(read_inputs([str(f)])))


@FUZZ
@given(lines=st.lists(st.one_of(json_values.map(dumps),
                                st.binary(max_size=60)), max_size=12),
       sep=st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_json_lines_of_anything(lines, sep):
    items = well_formed(list(read_jsonl([sep.join(lines)], "f")))
    for it in items:
        assert it.line >= 1


@FUZZ
@given(rec=records)
def test_every_object_survives_a_write_and_read(rec):
    line = dumps(rec)
    back, _notes = loads_object(line)
    orjson.loads(line)  # valid JSON for a strict reader (which may round wide integers)
    assert json.loads(line) == back or _has_nan(rec)
    again, _ = loads_object(dumps(back))
    assert again == back


def _has_nan(x) -> bool:
    if isinstance(x, float):
        return x != x or x in (float("inf"), float("-inf"))
    if isinstance(x, dict):
        return any(_has_nan(v) for v in x.values())
    if isinstance(x, list):
        return any(_has_nan(v) for v in x)
    return False


@FUZZ
@given(good=st.lists(records, max_size=8))
def test_good_lines_come_back_in_order_with_their_line_numbers(good):
    data = b"".join(dumps(r) + b"\n" for r in good)
    items = well_formed(list(read_jsonl([data], "f")))
    assert [it.line for it in items] == list(range(1, len(good) + 1))
    assert [it.record for it in items] == [loads_object(dumps(r))[0] for r in good]


BASE = warc_bytes(4)


@st.composite
def damaged_warcs(draw):
    data = bytearray(BASE)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        i = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "cut":
            del data[i:]
        elif op == "flip" and data:
            data[i] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=40) | st.sampled_from(
                [b"WARC/1.0\r\n", b"\r\n\r\n", b"Content-Length: 9999999\r\n", string.digits.encode()]))
        else:
            del data[i:i + draw(st.integers(1, 200))]
    return bytes(data)


@FUZZ
@given(data=damaged_warcs())
def test_damaged_archives_never_merge_records(data):
    """Whatever the damage, no record swallows another: each one that comes out holds
    one page at most (damage inside a body is caught by the block digest only while
    the digest header itself is intact, so contents are not compared here)."""
    for it in well_formed(list(read_warc([data], "x.warc", "x.warc"))):
        if it.record is not None:
            assert it.record["text"].count("<title>") <= 1


@FUZZ
@given(at=st.integers(0, len(BASE) - 1), value=st.integers(1, 255))
def test_one_flipped_byte_never_passes_as_clean(at, value):
    """A single damaged byte (this archive carries block digests): every record that
    comes out is one of the originals, whole."""
    data = bytearray(BASE)
    data[at] ^= value
    originals = {i.record["text"] for i in read_warc([BASE], "x", "x")}
    for it in well_formed(list(read_warc([bytes(data)], "x.warc", "x.warc"))):
        if it.record is not None:
            assert it.record["text"] in originals
