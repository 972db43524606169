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
        return f"field '{text_field}' looks binary (NUL/control characters), not text"
    return None


def source_field(record, text_field: str = "text", html_field: str | None = None) -> tuple[str, str | None]:
    """Which field of a record holds the page, and its format: the ``html_field`` when
    given and present (HTML), an ``html`` field when the record has no ``text_field``
    (HTML), else the ``text_field`` (format sniffed)."""
    if isinstance(record, dict):
        if html_field and html_field in record:
            return html_field, "html"
        if html_field is None and text_field not in record and "html" in record:
            return "html", "html"
    return text_field, None


def text_value(record: dict, name: str | None) -> str | None:
    """A record's string field, or None when absent or not a string."""
    if not name:
        return None
    v = record.get(name)
    return v if isinstance(v, str) else None
