"""``Item``: one input record, or a reject with its reason and position.

Every reader yields Items, so nothing read is ever dropped silently: a record to
clean, or a reject that the run writes to the rejects file and counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Item:
    """``source`` is the file (or '-'), ``line`` the 1-based line for JSONL, the record
    number for WARC and Parquet (0 for a whole-file document), ``rel`` the path relative
    to its input root.  ``end`` is the input position just after this item (a byte offset
    in the decompressed stream, or a row number for Parquet) — where a resumed run
    can continue — when the reader can restart there, else None."""

    source: str
    line: int = 0
    record: dict | None = None
    reject: str | None = None
    raw: str | None = None  # the undecodable/invalid line, kept for the rejects file
    rel: str | None = None
    fmt: str | None = None  # document format hint for this record (text/markup/html)
    notes: dict = field(default_factory=dict)
    kind: str = "document"  # document (a whole file) or record (a JSONL line, a WARC record, a row)
    nbytes: int = 0  # input bytes this item consumed (for progress)
    end: int | None = None
    next_line: int | None = None  # the line (record) number that follows ``end``


# The largest record or document read into memory: longer lines, WARC records and files
# are rejected with the reason instead of exhausting memory.
MAX_RECORD_BYTES = 256 << 20


@dataclass(frozen=True)
class ResumePoint:
    """Where a resumed run picks up one input: skip it (``done``); or, when the reader
    can seek, restart at ``offset`` (a byte offset, or a row for Parquet) with record
    number ``line`` and skip ``after`` more items; or else skip the first ``items``."""

    done: bool = False
    items: int = 0
    offset: int | None = None
    line: int = 1
    after: int = 0
