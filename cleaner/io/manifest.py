"""The progress manifest beside an output (``OUT.manifest.json``).

It names the inputs (path, size, modification time), the configuration (a hash of
everything that changes the output: the pipeline spec, the rule files' bytes, the
template store, the command's output options), and, at each checkpoint, how far each
input was read, the state of every output file and rejects file, and the run counts.
A run that finds an unfinished manifest for the same inputs and configuration goes on
from its last checkpoint; a different configuration or changed inputs start afresh
(and the unfinished outputs of the other run are removed).  When the run completes,
its outputs are committed and the manifest is removed.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .readers import expand
from .sinks import write_json_atomic

FORMAT = "cleaner-manifest/1"


def stats_state(stats) -> dict:
    """The run counts (a ``RunStats``) as the manifest stores them."""
    return {f.name: (dict(v) if isinstance(v, Counter) else v)
            for f in dataclasses.fields(stats) for v in [getattr(stats, f.name)]}


def restore_stats(stats, state: dict) -> None:
    """Put the counts a checkpoint recorded back into ``stats`` (a resumed run)."""
    for f in dataclasses.fields(stats):
        if f.name in state:
            cur = getattr(stats, f.name)
            setattr(stats, f.name, Counter(state[f.name]) if isinstance(cur, Counter) else state[f.name])


def input_fingerprint(inputs: list[str]) -> list[list]:
    """[path, size, mtime_ns] for every input file (folders expanded), in reading order."""
    out = []
    for path, _root, problem in expand(inputs):
        if path is None:
            out.append(["-", None, None])
            continue
        try:
            st = path.stat()
            out.append([str(path), st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([str(path), None, None])
    return out


def file_digest(path, h=None):
    h = h or hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h


def config_hash(spec, options: dict) -> str:
    """A digest of what determines the output: the pipeline spec, the bytes of every
    rule file it loads, the template store, and the command's output options."""
    from .. import __version__
    from ..rules.loader import RuleSet

    h = hashlib.sha256()
    h.update(f"cleaner {__version__}\n".encode())
    h.update(repr(sorted(spec.__dict__.items())).encode())
    h.update(orjson.dumps(options, option=orjson.OPT_SORT_KEYS))
    for f, _level, _root in RuleSet.sources(spec.rules_dirs, spec.include_builtin_rules):
        h.update(str(f.name).encode())
        file_digest(f, h)
    if spec.templates and Path(spec.templates).is_file():
        st = Path(spec.templates).stat()
        h.update(f"templates {st.st_size} {st.st_mtime_ns}".encode())
    return h.hexdigest()


@dataclass
class Manifest:
    path: Path
    config: str
    inputs: list
    committing: bool = False
    items: int = 0
    positions: dict = field(default_factory=dict)  # source -> progress dict
    shards: dict = field(default_factory=dict)  # output path -> sink state
    rejects: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)

    def save(self) -> None:
        write_json_atomic(self.path, {
            "format": FORMAT, "config": self.config, "inputs": self.inputs,
            "committing": self.committing, "items": self.items, "positions": self.positions,
            "shards": self.shards, "rejects": self.rejects, "stats": self.stats})

    @classmethod
    def load(cls, path: Path) -> "Manifest | None":
        """The manifest at ``path``, or None when there is none or it is not readable."""
        try:
            data = orjson.loads(Path(path).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        try:
            return cls(Path(path), data["config"], data["inputs"], bool(data.get("committing")),
                       int(data.get("items", 0)), dict(data.get("positions") or {}), dict(data.get("shards") or {}),
                       dict(data.get("rejects") or {}), dict(data.get("stats") or {}))
        except (KeyError, TypeError, ValueError):
            return None
