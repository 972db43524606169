"""Safe YAML loading that remembers where every value came from.

Only plain YAML is accepted: mappings, sequences and scalars.  Any explicit tag
(``!!python/object``, ``!include``, even ``!!str``), any anchor or alias (``&name``,
``*name``) and any merge key (``<<``) is refused, so a rule file is plain data and can
never run code or expand into something its reader did not see.  Values come back as
plain Python objects plus a position map ``{path: (line, column)}`` (1-based), where a
path is a tuple of keys/indices; ``Positioned.char_pos`` finds the line and column of a
character *inside* a scalar (used to point at the exact spot of a regex error).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

# libyaml when available (several times faster); same events, nodes and marks
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
# Implicitly resolved types that are not plain data: an unquoted 2023-11-29 would become a
# date.  They are kept as the text the editor wrote.
_AS_TEXT_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value", "tag:yaml.org,2002:binary"}


class YamlError(Exception):
    """A file that is not valid plain YAML; carries line and column (1-based).

    ``unsafe`` is true when the file is valid YAML but uses a feature rule files refuse
    (tags, anchors/aliases, merge keys)."""

    def __init__(self, message: str, line: int = 0, column: int = 0, unsafe: bool = False):
        super().__init__(message)
        self.message, self.line, self.column, self.unsafe = message, line, column, unsafe


@dataclass
class Positioned:
    value: object
    positions: dict  # path tuple -> (line, column)
    scalars: dict = field(default_factory=dict)  # path -> (style, start (l, c), end (l, c)), 0-based
    lines: list = field(default_factory=list)  # the source lines

    def where(self, path: tuple) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def char_pos(self, path: tuple, index: int) -> tuple[int, int] | None:
        """Line and column (1-based) of character ``index`` of the scalar at ``path``,
        or None when it cannot be located exactly (folded or multi-line flow scalars)."""
        info = self.scalars.get(tuple(path))
        if info is None or index is None or index < 0:
            return None
        style, (l0, c0), (l1, _c1) = info
        if style in (None, "'", '"'):
            if l0 != l1 or l0 >= len(self.lines):
                return None
            raw = self.lines[l0]
            if style is None:
                return l0 + 1, c0 + 1 + index
            col = _quoted_offset(raw, c0 + 1, index, style)
            return None if col is None else (l0 + 1, col + 1)
        if style == "|":
            # literal block: value line k is source line l0 + 1 + k, after the indentation
            k, rest = 0, index
            body = self.lines[l0 + 1:l1 + 1]
            indent = None
            for ln in body:
                if ln.strip():
                    indent = len(ln) - len(ln.lstrip(" "))
                    break
            if indent is None:
                return None
            for ln in body:
                seg = ln[indent:] if ln.strip() else ""
                if rest <= len(seg):
                    return l0 + 2 + k, indent + rest + 1
                rest -= len(seg) + 1
                k += 1
        return None


def _quoted_offset(raw: str, start: int, index: int, style: str) -> int | None:
    """0-based column in ``raw`` of value character ``index`` of a quoted scalar whose
    content starts at column ``start``."""
    i, n = start, 0
    while i < len(raw):
        if n == index:
            return i
        ch = raw[i]
        if style == "'" and ch == "'":
            if raw[i + 1:i + 2] == "'":
                i += 2
                n += 1
                continue
            return None  # the closing quote: index is past the end
        if style == '"':
            if ch == '"':
                return None
            if ch == "\\":
                nxt = raw[i + 1:i + 2]
                i += {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
                n += 1
                continue
        i += 1
        n += 1
    return None


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _refuse_unsafe(text: str) -> None:
    """Refuse tags, anchors and aliases before anything is built (events carry them)."""
    for ev in yaml.parse(text, Loader=_Loader):
        mark = ev.start_mark
        if isinstance(ev, yaml.AliasEvent):
            raise YamlError(f"YAML alias '*{ev.anchor}' is not allowed in rule files",
                            mark.line + 1, mark.column + 1, unsafe=True)
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            raise YamlError(f"YAML anchor '&{anchor}' is not allowed in rule files",
                            mark.line + 1, mark.column + 1, unsafe=True)
        tag = getattr(ev, "tag", None)
        if tag is not None:
            raise YamlError(f"YAML tag {tag!r} is not allowed in rule files",
                            mark.line + 1, mark.column + 1, unsafe=True)


def load(text: str, name: str = "<string>") -> Positioned:
    try:
        _refuse_unsafe(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        msg = exc.problem or str(exc)
        if exc.context:
            msg = f"{exc.context}: {msg}"
        raise YamlError(msg, line, col) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other scanner errors
        raise YamlError(str(exc)) from None
    positions: dict = {}
    scalars: dict = {}
    if root is None:
        return Positioned(None, {(): (1, 1)})
    value = _convert(root, (), positions, scalars, yaml.constructor.SafeConstructor())
    return Positioned(value, positions, scalars, text.split("\n"))


def _convert(node, path: tuple, positions: dict, scalars: dict, ctor):
    # Rule files are shallow; recursion depth is bounded by the file's nesting.
    if len(path) > 50:
        line, col = _pos(node)
        raise YamlError("nesting is too deep for a rule file", line, col)
    positions[path] = _pos(node)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                line, col = _pos(knode)
                raise YamlError("mapping keys must be plain strings", line, col)
            if knode.tag == "tag:yaml.org,2002:merge" or knode.value == "<<":
                line, col = _pos(knode)
                raise YamlError("YAML merge keys ('<<') are not allowed in rule files", line, col, unsafe=True)
            key = knode.value
            if key in out:
                line, col = _pos(knode)
                raise YamlError(f"duplicate key {key!r}", line, col)
            positions[path + (key, "__key__")] = _pos(knode)
            out[key] = _convert(vnode, path + (key,), positions, scalars, ctor)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), positions, scalars, ctor) for i, item in enumerate(node.value)]
    scalars[path] = (node.style or None, (node.start_mark.line, node.start_mark.column),
                     (node.end_mark.line, node.end_mark.column))
    if node.tag in _AS_TEXT_TAGS:
        return node.value
    if node.tag not in _STD_TAGS:  # pragma: no cover - explicit tags are refused earlier
        line, col = _pos(node)
        raise YamlError(f"YAML tag {node.tag!r} is not allowed in rule files", line, col, unsafe=True)
    # Scalars: the safe constructor builds the standard types (str, int, float, bool, None).
    return ctor.construct_object(node, deep=True)
