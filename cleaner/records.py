"""What makes an input record cleanable: the one check the run loop and the template
learner share (a record the cleaner would reject teaches the learner nothing)."""
from __future__ import annotations

from .text import looks_binary


def record_problem(record, text_field: str = "text", max_chars: int | None = None) -> str | None:
    """Why this record cannot be cleaned, or None.  The reasons are stable prefixes
    (the run summary groups rejects by the text before any ' (' detail)."""
    if not isinstance(record, dict):
        return f"record is a JSON {type(record).__name__}, not an object"
    if text_field not in record:
        return f"record has no '{text_field}' field"
    text = record[text_field]
    if not isinstance(text, str):
        return f"field '{text_field}' is {type(text).__name__}, not a string"
    if max_chars is not None and len(text) > max_chars:
        return (f"text is {len(text):,} characters, over the limit of {max_chars:,} "
                "(raise max_chars to clean it)")
    if looks_binary(text):
        return "text looks binary (NUL/control characters), not text"
    return None


def text_value(record: dict, name: str | None) -> str | None:
    """A record's string field, or None when absent or not a string."""
    if not name:
        return None
    v = record.get(name)
    return v if isinstance(v, str) else None
