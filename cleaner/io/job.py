"""The output side of a run: outputs, rejects, checkpoints and resume, in one object.

A command's loop asks ``OutputJob.open(...)`` for its outputs, reads its inputs with
``job.resume_points`` (so a resumed run skips what is done), and hands every item over
in input order: ``job.write(item, record)`` or ``job.reject(item, reason)``;
``job.finish(...)`` commits, ``job.abort()`` removes whatever is unfinished.

Checkpoints fall every ``checkpoint_every`` items (by default: every 1000 items that
add up to at least 1 MiB of input, so a million tiny records are not synced to the disk
a thousand times; and at most every 16 MiB of input), counted from the start of the
run, so a killed run and an uninterrupted one cut their outputs at the
same records and the resumed output is byte for byte the same.  A failed write (disk
full, ...) raises ``OutputFailure`` with the file and the reason.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from .items import Item, ResumePoint
from .jsoncodec import dumps_line
from .manifest import Manifest, input_fingerprint, restore_stats, stats_state
from .outputs import OutputPlan, mirror_name, plan_output, to_dolma
from .readers import expand, kind_of
from .sinks import OutputFailure, ParquetShard, ShardFile, is_special, part_of, remove_part, write_json_atomic

CHECKPOINT_ITEMS = 1000
CHECKPOINT_MIN_BYTES = 1 << 20  # (the default only) a checkpoint covers at least this much input
CHECKPOINT_BYTES = 16 << 20
SHAPES = ("input", "dolma")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="replace")  # lone surrogates become '?'


class OutputJob:
    def __init__(self, plan: OutputPlan, rejects_path: str, *, stats, shape: str = "input",
                 id_field: str = "id", text_field: str = "text", manifest: Manifest | None = None,
                 checkpoint_every: int | None = None, documents: int = 0, schema=None,
                 text_docs: bool = True):
        if shape not in SHAPES:
            raise ValueError(f"unknown record shape {shape!r}; known: {', '.join(SHAPES)}")
        self.plan, self.rejects_path, self.stats = plan, rejects_path, stats
        self.shape, self.id_field, self.text_field = shape, id_field, text_field
        self.manifest = manifest
        self.every = CHECKPOINT_ITEMS if checkpoint_every is None else max(1, checkpoint_every)
        self.min_bytes = CHECKPOINT_MIN_BYTES if checkpoint_every is None else 0
        self.documents = documents
        self.schema = schema
        self.text_docs = text_docs  # documents as text (else as records, like every other item)
        self._sinks: dict[str, object] = {}
        self._rejects = None
        self._current: str | None = None
        self._first: Item | None = None  # the first item of the current input
        self._committed: set[str] = set()  # outputs renamed into place by this run
        self.inputs: list[str] = ["-"]
        self._items = self._bytes = 0
        self.resumed = 0
        self.positions: dict = {}
        self._rejects_committed = False
        self._opening: str | None = None  # an output being created (see _creating)

    # -- opening ----------------------------------------------------------------------------------
    @classmethod
    def open(cls, output: str | None, inputs: list[str], *, stats, input_format: str = "auto",
             rejects: str | None = None, config: str | Callable[[], str] | None = None, resume: bool = True,
             **options) -> "OutputJob":
        """Plan the outputs (``OutputError`` for a usage error) and, when an unfinished
        manifest matches ``config`` and the inputs, continue from its last checkpoint.
        ``config`` may be a function giving it: called only when the outputs keep a
        manifest (a stream, stdout, has none)."""
        inputs = inputs or ["-"]
        plan = plan_output(output, inputs, input_format)
        files = [p for p, _r, problem in expand(inputs) if problem is None]
        documents = sum(1 for p in files if p is None or kind_of(p) == "text") if input_format != "jsonl" else 0
        job = cls(plan, rejects or plan.default_rejects(), stats=stats, documents=documents, **options)
        job.inputs = inputs
        if plan.mode == "file" and plan.fmt == "parquet" and job.schema is None:
            job.schema = _parquet_schema(files, job.shape)
        if plan.resumable and config is not None and None not in files:
            job._open_manifest(plan.manifest_path(), config() if callable(config) else config,
                               input_fingerprint(inputs), resume)
        return job

    def _open_manifest(self, path: Path, config: str, fingerprint: list, resume: bool) -> None:
        old = Manifest.load(path)
        if old is not None and resume and old.config == config \
                and old.inputs == fingerprint and self._reopen(old):
            self.manifest = old
            self.positions = old.positions
            restore_stats(self.stats, old.stats)
            self.resumed = old.items
            self._current = next(reversed(old.positions), None) if old.positions else None
            return
        if old is not None:
            self._discard(old)
        self.manifest = Manifest(path, config, fingerprint)
        self.manifest.save()

    def _reopen(self, old: Manifest) -> bool:
        """Reopen the unfinished outputs of ``old`` at its last checkpoint; False (and
        nothing reopened) when one of them is missing or shorter than recorded.  While
        ``old`` was committing, an output already renamed to its final name is done."""
        reopen = []
        for key, state in old.shards.items():
            part, final = part_of(key), Path(key)
            if state.get("done") or (old.committing and not part.exists() and final.exists()):
                if not final.exists():
                    return False
            elif not part.exists() or (part.is_file() and part.stat().st_size < state.get("bytes", 0)):
                return False
            else:
                reopen.append((key, state))
        if old.rejects:
            part = part_of(self.rejects_path)
            if old.committing and not part.exists() and Path(self.rejects_path).exists():
                self._rejects_committed = True
            elif not part.is_file() or part.stat().st_size < old.rejects.get("bytes", 0):
                return False
            else:
                self._rejects = ShardFile(Path(self.rejects_path), state=old.rejects, compression=None)
        self._sinks = {key: self._new_sink(key, state) for key, state in reopen}
        return True

    def _discard(self, old: Manifest) -> None:
        """Remove the unfinished outputs an earlier, different run left behind."""
        for key in list(old.shards) + [old.rejects.get("path") or self.rejects_path]:
            remove_part(key)

    @property
    def resume_points(self) -> dict[str, ResumePoint]:
        out = {}
        for source, p in self.positions.items():
            out[source] = ResumePoint(done=bool(p.get("done")), items=p["items"], offset=p.get("offset"),
                                      line=p.get("line", 1), after=p.get("after", 0))
        return out

    # -- sinks ------------------------------------------------------------------------------------
    def _new_sink(self, key: str, state: dict | None = None, source: str | None = None):
        path = Path(key)
        fmt = self.plan.fmt if self.plan.mode in ("file", "special") else (
            "parquet" if key.lower().endswith(".parquet") else "jsonl")
        if fmt == "parquet":
            base = self.schema if self.plan.mode == "file" else _parquet_schema([Path(source)] if source else [],
                                                                                self.shape)
            return ParquetShard(path, state=state, base=base)
        return ShardFile(path, state=state)

    def _sink_for(self, item: Item, kind: str):
        mode = self.plan.mode
        if mode == "mirror":
            key = str(self.plan.path / mirror_name(item.rel if kind == "document" or item.kind == "record"
                                                   else None, kind))
        else:
            key = str(self.plan.path)
        sink = self._sinks.get(key)
        if sink is None:
            with self._creating(key):
                sink = self._sinks[key] = self._new_sink(key, source=item.source)
        return key, sink

    @contextmanager
    def _creating(self, key: str):
        """The output at ``key`` is known to ``abort`` from before its .part exists until
        the block's end: Ctrl-C can land between the file's creation and the caller's
        keeping its object, and that .part must not stay behind."""
        self._opening = key
        yield
        self._opening = None  # (not reached when the block raised: abort removes the .part)

    # -- items ------------------------------------------------------------------------------------
    def _before(self, item: Item) -> None:
        if item.source != self._current:
            if self._current is not None:
                self.positions.setdefault(self._current, {"items": 0})["done"] = True
                if self.plan.mode == "mirror":
                    self._ensure_output(self._first)
                    self._commit_shards()
                    self.checkpoint()
            self._current, self._first = item.source, item
        elif (self._items >= self.every and self._bytes >= self.min_bytes) or self._bytes >= CHECKPOINT_BYTES:
            self.checkpoint()

    def _after(self, item: Item) -> None:
        pos = self.positions.setdefault(item.source, {"items": 0, "offset": None, "line": 1, "after": 0})
        pos["items"] += 1
        if item.end is not None:
            pos.update(offset=item.end, line=item.next_line or 1, after=0)
        else:
            pos["after"] = pos.get("after", 0) + 1
        self._items += 1
        self._bytes += item.nbytes

    def write(self, item: Item, record: dict, summary: dict | None = None) -> str | None:
        """Write a cleaned record (a document's is ``{"id", "text"}``) and count it with
        its ``summary``.  A record that cannot be written goes to the rejects file and is
        counted as rejected: the reason is returned."""
        self._before(item)
        try:
            why = None
            if item.kind == "document" and self.text_docs and (self.plan.mode in ("stdout", "mirror", "text-file")
                                                               or self.plan.fmt == "mixed"):
                self._write_text(item, record.get(self.text_field, ""))
            else:
                rec = to_dolma(record, item, self.id_field, self.text_field) if self.shape == "dolma" else record
                if self.plan.mode == "stdout":
                    why = self._stdout(rec)
                else:
                    why = self._sink_for(item, "record")[1].write_record(rec)
            if why is not None:
                why = f"cannot be written: {why}"
                self._write_reject(item, why, record=item.record)
                self.stats.add_reject(why)
            else:
                self.stats.add_document(summary or {})
            return why
        finally:
            self._after(item)

    def _stdout(self, rec) -> str | None:
        try:
            line = dumps_line(rec)
        except ValueError as exc:
            return str(exc)
        sys.stdout.buffer.write(line)
        return None

    def _write_text(self, item: Item, text: str) -> None:
        # encoded once, the final newline added to the bytes: a huge document's text is
        # not copied again as a str
        body = _encode(text)
        if self.plan.mode in ("mirror", "text-file"):
            data = body + b"\n" if text else body
            del body
            if self.plan.mode == "mirror":
                name = self.plan.path / mirror_name(item.rel, "document")
                with self._creating(str(name)):
                    f = ShardFile(name, compression=None)
                    f.write_bytes(data)
                    f.commit(sync=False)  # one small file per document: renamed whole, not synced one by one
            else:
                self._sink_for(item, "document")[1].write_bytes(data)
            return
        # a stream (stdout or a device): documents one after another, named when several
        head = _encode(f"==> {item.rel or '-'} <==\n") if self.documents > 1 else b""
        if self.plan.mode == "stdout":
            out = sys.stdout.buffer
            for piece in (head, body, b"\n"):
                out.write(piece)
        else:
            data = head + body + b"\n"
            del body
            self._sink_for(item, "document")[1].write_bytes(data)

    def reject(self, item: Item, reason: str) -> None:
        """Write a rejected item to the rejects file and count it."""
        self._before(item)
        try:
            self._write_reject(item, reason, record=item.record, raw=item.raw)
            self.stats.add_reject(reason)
            if self.plan.mode == "mirror" and item.kind == "document" and item.rel:
                # a rejected document has no output: a file an earlier run left at its
                # place must not pass for this run's output
                (self.plan.path / mirror_name(item.rel, "document")).unlink(missing_ok=True)
        finally:
            self._after(item)

    def _write_reject(self, item: Item, reason: str, record=None, raw=None) -> None:
        if self._rejects is None:
            with self._creating(self.rejects_path):
                self._rejects = ShardFile(Path(self.rejects_path), compression=None)
        entry = {"source": item.source, "line": item.line or None, "reason": reason}
        if isinstance(record, dict):
            entry["id"] = record.get(self.id_field)
            entry["record"] = record
        elif raw is not None:
            entry["raw"] = raw
        why = self._rejects.write_record(entry)
        if why is not None:  # not even the record can be written: keep its position and reason
            self._rejects.write_record({k: v for k, v in entry.items() if k not in ("record", "id")})

    def _ensure_output(self, item: Item | None) -> None:
        """An output that received no record (every record rejected, an empty input)
        is still written, empty: a file left by an earlier run must not pass for this
        run's output.  For the one output file, and for each record input of a mirror
        (a rejected document writes no text file)."""
        if self.plan.mode in ("file", "text-file"):
            key = str(self.plan.path)
        elif self.plan.mode == "mirror" and item is not None and (
                item.kind == "record" or (item.source != "-" and kind_of(Path(item.source)) not in (None, "text"))):
            key = str(self.plan.path / mirror_name(item.rel or (None if item.source == "-" else Path(item.source).name),
                                                   "record"))
        else:
            return
        self._empty_output(key, item.source if item is not None else None)

    def _empty_output(self, key: str, source: str | None) -> None:
        if key in self._sinks or key in self._committed or (
                self.manifest is not None and self.manifest.shards.get(key, {}).get("done")):
            return
        with self._creating(key):
            sink = self._sinks[key] = self._new_sink(key, source=source)
        if isinstance(sink, ShardFile):
            sink.write_bytes(b"")  # a compressed output gets its (empty) gzip member or zstd frame

    def _ensure_mirror_outputs(self) -> None:
        """Every record input of a mirror has its output, even one that held no record."""
        for path, root, problem in expand(self.inputs):
            if path is not None and problem is None and kind_of(path) not in (None, "text"):
                self._empty_output(str(self.plan.path / mirror_name(path.relative_to(root).as_posix(), "record")),
                                   str(path))

    # -- checkpoints and the end ----------------------------------------------------------------------
    def _commit_shards(self) -> None:
        for key, sink in list(self._sinks.items()):
            sink.commit()
            self._committed.add(key)
            if self.manifest is not None:
                self.manifest.shards[key] = {"done": True}
            del self._sinks[key]

    def checkpoint(self) -> None:
        self._items = self._bytes = 0
        if self.manifest is None:
            return
        m = self.manifest
        for key, sink in self._sinks.items():
            m.shards[key] = sink.checkpoint()
        m.rejects = ({**self._rejects.checkpoint(), "path": self.rejects_path} if self._rejects is not None
                     else m.rejects if self._rejects_committed else {})
        m.positions = self.positions
        m.items = sum(p.get("items", 0) for p in self.positions.values())
        m.stats = stats_state(self.stats)
        m.save()

    def finish(self, summary_path: str | None = None, summary: dict | None = None) -> None:
        """Commit every output, then the rejects file (or remove a stale one), then the
        summary; the manifest goes last."""
        if self._current is not None:
            self.positions.setdefault(self._current, {"items": 0})["done"] = True
        if self._current is not None or self.plan.mode in ("file", "text-file"):
            self._ensure_output(self._first)
        if self.plan.mode == "mirror":
            self._ensure_mirror_outputs()
        if self.manifest is not None:
            self.checkpoint()
            self.manifest.committing = True
            self.manifest.save()
        self._commit_shards()
        if self._rejects is not None and self._rejects.records:
            self._rejects.commit()
        elif not self._rejects_committed:
            if self._rejects is not None:
                self._rejects.abort()
            stale = Path(self.rejects_path)
            if stale.is_file() and not stale.is_symlink() and not is_special(stale):
                try:
                    os.unlink(stale)
                except OSError as exc:
                    raise OutputFailure(f"cannot remove the stale rejects file {stale}: {exc.strerror}") from None
        self._rejects = None
        if self.plan.mode == "stdout":
            sys.stdout.flush()
        if summary_path:
            write_json_atomic(summary_path, summary or {})
        if self.manifest is not None:  # done: nothing left to resume
            try:
                os.unlink(self.manifest.path)
            except OSError as exc:
                raise OutputFailure(f"cannot remove {self.manifest.path}: {exc.strerror}") from None
            self.manifest = None

    def abort(self) -> None:
        """Remove every unfinished output and the manifest; committed shards stay."""
        for sink in self._sinks.values():
            sink.abort()
        self._sinks.clear()
        if self._rejects is not None:
            self._rejects.abort()
            self._rejects = None
        if self._opening is not None:  # interrupted while an output was being created
            try:
                remove_part(self._opening)
            except OSError:
                pass
            self._opening = None
        if self.manifest is not None:
            try:
                os.unlink(self.manifest.path)
            except OSError:
                pass
            self.manifest = None


def _parquet_schema(files, shape: str):
    """A Parquet output from Parquet inputs keeps their schema when they all share it
    (and records keep their shape)."""
    if not files or shape != "input" or any(p is None or kind_of(p) != "parquet" for p in files):
        return None
    from .parquet import shared_schema

    return shared_schema(files)
