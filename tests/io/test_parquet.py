"""Parquet in (by row group) and out (schema kept or inferred, misfits rejected)."""
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cleaner.io.parquet import ParquetWriter, read_parquet


@pytest.fixture
def table_file(tmp_path):
    t = pa.table({"doc_id": pa.array([f"d{i}" for i in range(250)]),
                  "body": pa.array([f"text {i}" for i in range(250)]),
                  "score": pa.array([i / 2 for i in range(250)], pa.float32()),
                  "n": pa.array(list(range(250)), pa.int32())})
    f = tmp_path / "in.parquet"
    pq.write_table(t, f, row_group_size=100)
    return f


def test_rows_stream_with_all_columns(table_file):
    items = list(read_parquet(table_file, str(table_file), "in.parquet", batch_rows=33))
    assert len(items) == 250 and items[0].record == {"doc_id": "d0", "body": "text 0", "score": 0.0, "n": 0}
    assert [(i.line, i.end, i.next_line) for i in items[:2]] == [(1, 1, 2), (2, 2, 3)]
    assert all(i.kind == "record" and i.nbytes > 0 for i in items)


def test_start_row_skips_whole_row_groups(table_file):
    items = list(read_parquet(table_file, "f", "f", start_row=150))
    assert [i.record["doc_id"] for i in items][:2] == ["d150", "d151"] and len(items) == 100


def test_unreadable_and_damaged_files(tmp_path, table_file):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really")
    items = list(read_parquet(bad, str(bad), "bad.parquet"))
    assert len(items) == 1 and items[0].reject.startswith("not a readable Parquet file")
    data = bytearray(table_file.read_bytes())
    meta = pq.ParquetFile(table_file).metadata
    col = meta.row_group(1).column(1)  # the second row group's 'body' pages
    start = col.data_page_offset
    data[start + 10:start + 60] = b"\xff" * 50
    dmg = tmp_path / "damaged.parquet"
    dmg.write_bytes(bytes(data))
    items = list(read_parquet(dmg, str(dmg), "damaged.parquet"))
    rejects = [i for i in items if i.reject]
    assert len(rejects) == 1 and rejects[0].reject.startswith("damaged Parquet: rows")
    assert [i.record["doc_id"] for i in items if i.record][:100] == [f"d{i}" for i in range(100)]
    assert [i.record["doc_id"] for i in items if i.record][-50:] == [f"d{i}" for i in range(200, 250)]


def test_writer_keeps_the_input_schema_and_infers_new_fields(table_file):
    base = pq.read_schema(table_file).remove_metadata()
    buf = io.BytesIO()
    w = ParquetWriter(buf, base=base, row_group=100)
    for i in range(150):
        assert w.write({"doc_id": f"d{i}", "body": "x", "score": 1.5, "n": i, "removed": [{"rule": "r"}]}) is None
    w.close()
    t = pq.read_table(io.BytesIO(buf.getvalue()))
    assert t.schema.field("n").type == pa.int32() and t.schema.field("score").type == pa.float32()
    assert t.schema.field("removed").type == pa.list_(pa.struct([("rule", pa.string())]))
    assert pq.ParquetFile(io.BytesIO(buf.getvalue())).metadata.num_row_groups == 2


def test_writer_unifies_the_first_group_and_rejects_misfits_after():
    buf = io.BytesIO()
    w = ParquetWriter(buf, row_group=3)
    assert w.write({"id": 1, "url": None, "text": "a"}) is None
    assert w.write({"id": 2, "url": "https://x", "text": "b"}) is None
    assert "does not fit" in w.write({"id": "three", "url": None, "text": "c"})
    assert w.write({"id": 4, "url": None, "text": "d"}) is None
    assert w.write({"id": 5, "url": "u", "text": "e"}) is None  # the first row group is written here
    assert "does not fit" in w.write({"id": [6], "url": "u", "text": "f"})
    assert "a field the Parquet output does not have: new" in w.write({"id": 7, "text": "g", "new": 1})
    w.close()
    t = pq.read_table(io.BytesIO(buf.getvalue()))
    assert t.column("id").to_pylist() == [1, 2, 4, 5] and t.schema.field("url").type == pa.string()


def test_empty_output_is_a_valid_file():
    buf = io.BytesIO()
    ParquetWriter(buf).close()
    assert pq.read_table(io.BytesIO(buf.getvalue())).num_rows == 0


def test_a_nested_field_the_schema_lacks_is_rejected_not_dropped():
    buf = io.BytesIO()
    w = ParquetWriter(buf, row_group=2)
    assert w.write({"id": "a", "metadata": {"url": "u"}, "removed": [{"rule": "r"}]}) is None
    assert w.write({"id": "b", "metadata": {"lang": "en"}, "removed": []}) is None  # unified in the first group
    assert "metadata.year" in w.write({"id": "c", "metadata": {"year": 2020}})
    assert "removed.reason" in w.write({"id": "d", "removed": [{"rule": "x", "reason": "y"}]})
    assert w.write({"id": "e", "metadata": {"url": "v"}}) is None
    w.close()
    rows = pq.read_table(io.BytesIO(buf.getvalue())).to_pylist()
    assert [r["id"] for r in rows] == ["a", "b", "e"] and rows[1]["metadata"] == {"url": None, "lang": "en"}
