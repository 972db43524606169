"""Output files that appear whole or not at all, and can be continued after a crash.

``ShardFile`` writes to ``NAME.part`` and renames it to ``NAME`` when complete.  At a
checkpoint it ends the current gzip member or zstd frame (or Parquet piece), flushes
and syncs, and reports its state; a later run reopens the ``.part``, cuts it back to
that state and goes on, so the finished file is byte for byte what an uninterrupted
run writes (compressed members end at the same records; no timestamps or names are
stored in the headers).

Special files are never replaced: a device, FIFO or socket (``/dev/null``,
``/dev/stdout``, a named pipe) is written directly; a symbolic link is followed and its
target written.
"""
from __future__ import annotations

import os
import shutil
import stat
import zlib
from pathlib import Path

from .jsoncodec import dumps

GZIP_LEVEL = 6
ZSTD_LEVEL = 3


class OutputFailure(Exception):
    """Writing an output failed (disk full, permissions, ...): the run cannot go on."""


def compression_of(name: str) -> str | None:
    name = name.lower()
    if name.endswith(".gz"):
        return "gzip"
    if name.endswith(".zst"):
        return "zstd"
    return None


def is_special(path: Path) -> bool:
    """True for an existing device, FIFO or socket (after following links)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def real_target(path: Path) -> Path:
    """Where writing ``path`` should land: links followed (a dangling link's target)."""
    return Path(os.path.realpath(path))


def part_name(target: Path) -> Path:
    """Where ``target`` (a real path) is written until it is complete."""
    return target.with_name(target.name + ".part")


def part_of(path) -> Path:
    """Where the output at ``path`` is written until it is complete."""
    return part_name(real_target(Path(path)))


def remove_part(path) -> None:
    """Remove the unfinished output at ``path`` (a file, or a Parquet output's folder)."""
    part = part_of(path)
    if part.is_dir():
        shutil.rmtree(part, ignore_errors=True)
    elif part.is_file():
        part.unlink()


class _Codec:
    """Bytes in, compressed bytes out; ``end()`` closes the current member/frame."""

    def __init__(self, kind: str | None):
        self.kind = kind
        self._c = None

    def compress(self, data: bytes) -> bytes:
        if self.kind is None:
            return data
        if self._c is None:
            if self.kind == "gzip":
                self._c = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
            else:
                try:
                    import zstandard
                except ImportError:  # pragma: no cover - optional extra
                    raise OutputFailure("writing .zst needs the 'zstd' extra (pip install 'cleaner[zstd]')") \
                        from None
                self._c = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True).compressobj()
        return self._c.compress(data)

    def end(self) -> bytes:
        if self._c is None:
            return b""
        out = self._c.flush()
        self._c = None
        return out


def _fail(path, exc: OSError) -> OutputFailure:
    return OutputFailure(f"cannot write {path}: {exc.strerror or exc}")


class ShardFile:
    """One output file of JSON lines or text (optionally .gz/.zst), written atomically.

    ``state`` (a dict) is what a checkpoint records; ``ShardFile(path, state=...)``
    continues from it."""

    def __init__(self, path: Path, *, state: dict | None = None, compression: str | None = "auto"):
        self.path = Path(path)
        self.direct = is_special(self.path)
        target = self.path if self.direct else real_target(self.path)
        self.target = target
        self.part = target if self.direct else part_name(target)
        self.codec = _Codec(compression_of(target.name) if compression == "auto" else compression)
        self.records = 0
        try:
            if self.direct:
                self.fh = open(target, "ab")
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                if state:
                    self.fh = open(self.part, "r+b")
                    self.fh.truncate(state["bytes"])
                    self.fh.seek(state["bytes"])
                    self.records = state.get("records", 0)
                else:
                    self.fh = open(self.part, "wb")
        except OSError as exc:
            raise _fail(self.path, exc) from None

    def _put(self, data: bytes) -> None:
        if data:
            try:
                self.fh.write(data)
            except OSError as exc:
                raise _fail(self.path, exc) from None

    def write_bytes(self, data: bytes) -> None:
        self._put(self.codec.compress(data))

    def write_record(self, record) -> str | None:
        try:
            line = dumps(record)
        except ValueError as exc:
            return str(exc)
        self._put(self.codec.compress(line + b"\n"))
        self.records += 1
        return None

    def checkpoint(self, sync: bool = True) -> dict:
        """End the compressed member/frame and flush (``sync``: to the disk, so that a
        checkpoint survives a power cut as well as a killed process)."""
        self._put(self.codec.end())
        try:
            self.fh.flush()
            if sync and not self.direct:
                os.fsync(self.fh.fileno())
            size = self.fh.tell() if not self.direct else 0
        except OSError as exc:
            raise _fail(self.path, exc) from None
        return {"bytes": size, "records": self.records}

    def commit(self, sync: bool = True) -> None:
        self.checkpoint(sync)
        try:
            self.fh.close()
            if not self.direct:
                os.replace(self.part, self.target)
        except OSError as exc:
            raise _fail(self.path, exc) from None

    def abort(self) -> None:
        try:
            self.fh.close()
        except OSError:
            pass
        if not self.direct:
            try:
                os.unlink(self.part)
            except OSError:
                pass


class ParquetShard:
    """A Parquet output file, written as numbered pieces under ``NAME.part/`` (one per
    checkpoint) and merged into ``NAME`` on commit — so a killed run keeps its pieces."""

    def __init__(self, path: Path, *, state: dict | None = None, schema=None, base=None):
        from .parquet import ParquetWriter

        self._writer_cls = ParquetWriter
        self.path = Path(path)
        if is_special(self.path):
            raise OutputFailure(f"{path}: Parquet output must be a regular file")
        self.target = real_target(self.path)
        self.part = part_name(self.target)
        self.schema, self.base = schema, base
        self.records = state.get("records", 0) if state else 0
        self.pieces = state.get("pieces", 0) if state else 0
        try:
            if self.part.is_dir():
                keep = {self._piece(i).name for i in range(self.pieces)} if state else set()
                for f in self.part.iterdir():
                    if f.name not in keep:
                        f.unlink()
            elif self.part.exists():
                self.part.unlink()
            self.part.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(self.path, exc) from None
        if state and state.get("schema"):
            import pyarrow as pa
            self.schema = pa.ipc.read_schema(pa.py_buffer(bytes.fromhex(state["schema"])))
        self._fh = None
        self._w = None

    def _piece(self, i: int) -> Path:
        return self.part / f"{i:06d}.parquet"

    def write_record(self, record) -> str | None:
        if self._w is None:
            try:
                self._fh = open(self._piece(self.pieces), "wb")
            except OSError as exc:
                raise _fail(self.path, exc) from None
            self._w = self._writer_cls(self._fh, schema=self.schema, base=self.base)
        try:
            why = self._w.write(record)
        except OSError as exc:
            raise _fail(self.path, exc) from None
        if why is None:
            self.records += 1
        return why

    def checkpoint(self) -> dict:
        if self._w is not None:
            try:
                self._w.close()
                self._fh.flush()
                os.fsync(self._fh.fileno())
                self._fh.close()
            except OSError as exc:
                raise _fail(self.path, exc) from None
            self.schema = self._w.schema
            self._w = None
            self.pieces += 1
        state = {"pieces": self.pieces, "records": self.records}
        if self.schema is not None:
            state["schema"] = self.schema.serialize().to_pybytes().hex()
        return state

    def commit(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.checkpoint()
        tmp = self.target.with_name(self.target.name + ".merge.part")
        try:
            with open(tmp, "wb") as fh:
                writer = None
                for i in range(self.pieces):
                    pf = pq.ParquetFile(self._piece(i))
                    for g in range(pf.metadata.num_row_groups):
                        table = pf.read_row_group(g)
                        if writer is None:
                            writer = pq.ParquetWriter(fh, self.schema or table.schema, compression="zstd")
                        writer.write_table(table.cast(writer.schema), row_group_size=max(1, table.num_rows))
                if writer is None:
                    writer = pq.ParquetWriter(fh, self.schema or pa.schema([]), compression="zstd")
                writer.close()
            os.replace(tmp, self.target)
            shutil.rmtree(self.part)
        except OSError as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise _fail(self.path, exc) from None

    def abort(self) -> None:
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
        shutil.rmtree(self.part, ignore_errors=True)


def write_json_atomic(path, obj) -> None:
    """A small JSON document (summary, manifest): all of it or nothing."""
    import orjson

    data = orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n"
    path = Path(path)
    if is_special(path):
        with open(path, "wb", buffering=0) as fh:
            fh.write(data)
        return
    target = real_target(path)
    tmp = part_name(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise _fail(path, exc) from None
