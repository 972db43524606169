"""Parquet in and out (pyarrow), streaming by row group.

Reading yields one Item per row (all columns kept; the text column is whatever
``--text-field`` names).  A row group that cannot be decoded is rejected as a whole,
with its row range, and reading goes on with the next one; a file without a readable
footer is rejected with the reason.

Writing appends row groups of ``ROW_GROUP`` rows; the schema is the first rows' (when
the input is Parquet, its schema).  A record whose fields do not fit the schema is
rejected with the reason rather than failing the run.  Output bytes are the same for
the same records (no timestamps in the file).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .items import Item

ROW_GROUP = 1000


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:  # pragma: no cover - optional extra
        raise RuntimeError("Parquet needs the 'parquet' extra (pip install 'cleaner[parquet]')") from None
    return pyarrow


def read_parquet(path: Path, source: str, rel: str | None, *, start_row: int = 0,
                 batch_rows: int = 256) -> Iterator[Item]:
    """Items for the rows of a Parquet file, from row ``start_row`` (0-based)."""
    try:
        pa = _pyarrow()
    except RuntimeError as exc:
        yield Item(source, reject=str(exc), rel=rel)
        return
    try:
        pf = pa.parquet.ParquetFile(path)
        meta = pf.metadata
    except (OSError, ValueError, pa.ArrowException) as exc:
        yield Item(source, reject=f"not a readable Parquet file: {exc}", rel=rel)
        return
    first = 0
    size = max(1, Path(path).stat().st_size)
    for g in range(meta.num_row_groups):
        rows = meta.row_group(g).num_rows
        if first + rows <= start_row:
            first += rows
            continue
        row = first
        nbytes = max(1, meta.row_group(g).total_byte_size * size // max(1, _total_bytes(meta)) // max(1, rows))
        try:
            for batch in pf.iter_batches(batch_size=batch_rows, row_groups=[g]):
                for rec in batch.to_pylist():
                    row += 1
                    if row <= start_row:
                        continue
                    yield Item(source, row, record=rec, rel=rel, kind="record", nbytes=nbytes, end=row,
                               next_line=row + 1)
        except (OSError, ValueError, pa.ArrowException) as exc:
            yield Item(source, row + 1, rel=rel, kind="record", end=first + rows, next_line=first + rows + 1,
                       reject=f"damaged Parquet: rows {row + 1:,} to {first + rows:,} (row group {g}) "
                              f"cannot be read: {exc}")
        first += rows


def _total_bytes(meta) -> int:
    return sum(meta.row_group(g).total_byte_size for g in range(meta.num_row_groups))


class ParquetWriter:
    """Records to one Parquet file, ``row_group`` rows per row group.

    Without a given schema, the schema is the union of the first group's records
    (a field that is null in one record and text in another is text); after the first
    row group it is fixed.  ``write`` returns why a record cannot be stored, or None."""

    def __init__(self, fh, schema=None, row_group: int = ROW_GROUP, base=None):
        self.pa = _pyarrow()
        self.fh = fh
        self.schema = schema
        self.fixed = schema is not None
        self.base = base  # known column types (the input's schema): kept, other fields inferred
        self.row_group = row_group
        self.rows: list[dict] = []
        self._writer = None

    def write(self, record: dict) -> str | None:
        pa = self.pa
        try:
            if self.fixed:
                extra = _unknown_field(record, pa.struct(list(self.schema)))
                if extra:
                    return f"record has a field the Parquet output does not have: {extra}"
                pa.Table.from_pylist([record], schema=self.schema)
            else:
                self.schema = self._grow(record)
        except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
            return f"record does not fit the Parquet schema of the output: {exc}"
        self.rows.append(record)
        if len(self.rows) >= self.row_group:
            self.flush()
        return None

    def _grow(self, record: dict):
        """The schema so far, unified with this record's fields (base types kept)."""
        pa = self.pa
        known = self.base.names if self.base is not None else []
        own = pa.Table.from_pylist([{k: v for k, v in record.items() if k not in known}]).schema
        if known:
            pa.Table.from_pylist([{k: v for k, v in record.items() if k in known}],
                                 schema=pa.schema([self.base.field(k) for k in known]))
        current = self.schema if self.schema is not None else (self.base or pa.schema([]))
        return pa.unify_schemas([current, own], promote_options="permissive")

    def flush(self) -> None:
        """Write the pending rows as one row group."""
        if not self.rows:
            return
        pa = self.pa
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        self.fixed = True
        if self._writer is None:
            self._writer = pa.parquet.ParquetWriter(self.fh, self.schema, compression="zstd")
        self._writer.write_table(table, row_group_size=len(self.rows))
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self._writer is None:
            self._writer = self.pa.parquet.ParquetWriter(self.fh, self.schema or self.pa.schema([]),
                                                         compression="zstd")
        self._writer.close()


def _unknown_field(value, typ, path: str = "") -> str | None:
    """The first key of ``value`` (nested dicts and lists included) that Arrow type
    ``typ`` has no field for (Arrow would drop it without a word), or None."""
    import pyarrow as pa

    if isinstance(value, dict) and pa.types.is_struct(typ):
        names = {typ.field(i).name: typ.field(i).type for i in range(typ.num_fields)}
        for k, v in value.items():
            if k not in names:
                return f"{path}{k}"
            found = _unknown_field(v, names[k], f"{path}{k}.")
            if found:
                return found
    elif isinstance(value, list) and (pa.types.is_list(typ) or pa.types.is_large_list(typ)):
        for v in value:
            found = _unknown_field(v, typ.value_type, path)
            if found:
                return found
    return None


def schema_of(path: Path):
    """The Arrow schema of a Parquet file."""
    return _pyarrow().parquet.read_schema(path)


def shared_schema(files):
    """The schema these Parquet files share (their metadata aside), else None; an
    unreadable file gives none (its reader rejects it)."""
    schemas = set()
    for p in files:
        try:
            schemas.add(schema_of(p).remove_metadata())
        except Exception:
            return None
    return schemas.pop() if len(schemas) == 1 else None
