"""Where a run's output goes, decided once from ``-o`` and the inputs.

=====================================  ==========================================================
``-o``                                 output
=====================================  ==========================================================
absent or ``-``                        stdout: JSON lines for records, text for documents
a device, FIFO or socket               written directly (never replaced), like stdout
``x.jsonl`` ``x.ndjson`` (+``.gz``,    one file of JSON lines; documents (text files) become
``.zst``), ``x.parquet``               records ``{"id": path, "text": ...}``
``x.txt`` ``x.md``                     one text file — for exactly one document
an existing folder, ``DIR/``, or a     a mirrored tree: one output per input, same relative
name without one of those suffixes     path; documents as ``.txt``, JSONL/Parquet keep their
                                       name, WARC becomes ``.jsonl(.gz)``
=====================================  ==========================================================

Two inputs that would write the same mirrored file are refused up front.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .items import Item
from .readers import base_name, expand, kind_of
from .sinks import is_special

COMPRESSED_PARQUET = (".parquet.gz", ".parquet.zst")
TEXT_FILE_SUFFIXES = (".txt", ".md", ".text", ".markdown")
DOCUMENT_SUFFIX = ".txt"


class OutputError(ValueError):
    """An output that cannot work with these inputs (a usage error)."""


@dataclass(frozen=True)
class OutputPlan:
    mode: str  # stdout | special | file | text-file | mirror
    path: Path | None = None
    fmt: str = "jsonl"  # jsonl | parquet (file); text (text-file); mixed (special: text documents,
    #                     JSON records, as on stdout)

    @property
    def resumable(self) -> bool:
        return self.mode in ("file", "mirror")

    def default_rejects(self) -> str:
        if self.mode in ("stdout", "special"):
            return "cleaner-rejects.jsonl"
        return str(self.path).rstrip("/" + os.sep) + ".rejects.jsonl"

    def manifest_path(self) -> Path:
        return Path(str(self.path).rstrip("/" + os.sep) + ".manifest.json")


def record_format(name: str) -> str | None:
    """'jsonl' or 'parquet' for a record-file name (compression suffixes allowed)."""
    base = base_name(name).lower()
    if base.endswith(".parquet"):
        return "parquet" if base == name.lower() else None
    if base.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return None


def plan_output(out: str | None, inputs: list[str], input_format: str = "auto") -> OutputPlan:
    if out is None or out == "-":
        return OutputPlan("stdout")
    p = Path(out)
    if is_special(p):  # like stdout, unless its name says records
        return OutputPlan("special", p, record_format(p.name) or "mixed")
    if p.is_dir() or out.endswith(("/", os.sep)):
        plan = OutputPlan("mirror", p)
        mirror_collisions(inputs, input_format, p)
        return plan
    fmt = record_format(p.name)
    if fmt is not None:
        return OutputPlan("file", p, fmt)
    if p.name.lower().endswith(COMPRESSED_PARQUET):
        raise OutputError(f"{out}: Parquet compresses its own columns; name the output .parquet")
    if p.suffix.lower() in TEXT_FILE_SUFFIXES:
        docs = _document_inputs(inputs, input_format)
        if docs != 1:
            raise OutputError(f"{out} is one text file, but the inputs hold {'several' if docs else 'no'} "
                              "documents: give a folder (-o DIR/) or a .jsonl file")
        return OutputPlan("text-file", p, "text")
    if p.exists():
        raise OutputError(f"output {out} is an existing file; give a folder, a .jsonl or a .parquet path")
    mirror_collisions(inputs, input_format, p)
    return OutputPlan("mirror", p)



def _document_inputs(inputs: list[str], input_format: str) -> int:
    """1 when the inputs are exactly one document (a text file, or stdin read as text)."""
    files = list(expand(inputs or ["-"]))
    if len(files) != 1:
        return len(files)
    path, _root, problem = files[0]
    if problem or input_format in ("jsonl", "warc", "parquet"):
        return 0
    if path is None:
        return 1
    return 1 if (kind_of(path) == "text" or input_format in ("text", "markup", "html")) else 0


def mirror_name(rel: str | None, kind: str) -> str:
    """The output path (relative to the mirror folder) for an input: ``kind`` is
    'document' (one text per input) or 'record' (records of a JSONL/WARC/Parquet file)."""
    if kind == "document":
        name = base_name(rel or "stdin.txt")
        return str(Path(name).with_suffix(DOCUMENT_SUFFIX))
    rel = rel or "stdin.jsonl"
    base = base_name(rel)
    comp = rel[len(base):]
    if record_format(rel) is not None:
        return rel
    stem = Path(base)
    if stem.suffix.lower() == ".wet" and Path(stem.stem).suffix.lower() == ".warc":
        stem = Path(stem.stem)  # x.warc.wet.gz -> x.jsonl.gz
    return str(stem.with_suffix(".jsonl")) + comp


def mirror_collisions(inputs: list[str], input_format: str, out: Path) -> None:
    seen: dict[str, str] = {}
    for path, root, problem in expand(inputs or ["-"]):
        if problem:
            continue
        if path is None:
            rel, kind = None, "record" if input_format == "jsonl" else "document"
        else:
            rel = path.relative_to(root).as_posix()
            k = input_format if input_format != "auto" else kind_of(path)
            kind = "document" if k in ("text", "markup", "html") else "record"
        name = mirror_name(rel, kind)
        src = str(path or "-")
        if name in seen and seen[name] != src:
            raise OutputError(f"{seen[name]} and {src} would both be written to {out / name}: "
                              "give them different names or run them separately")
        seen[name] = src


def to_dolma(record: dict, item: Item, id_field: str, text_field: str) -> dict:
    """``{"id", "text", "metadata"}``: every other field moves under ``metadata`` (an
    existing ``metadata`` mapping is kept, its keys winning)."""
    rid = record.get(id_field)
    if rid is None:
        rid = f"{item.rel or item.source}#{item.line}" if item.line else (item.rel or item.source)
    meta = {k: v for k, v in record.items() if k not in (id_field, text_field, "metadata")}
    if isinstance(record.get("metadata"), dict):
        meta.update(record["metadata"])
    elif "metadata" in record:
        meta["metadata"] = record["metadata"]
    return {"id": str(rid), "text": record.get(text_field, ""), "metadata": meta}
