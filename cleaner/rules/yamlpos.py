"""Safe YAML loading that remembers where every value came from.

Only plain YAML is accepted: mappings, sequences and scalars with the standard tags.
Any explicit tag (``!!python/object``, ``!include``, ...) is an error, so a rule file
can never run code.  Values come back as plain Python objects plus a position map
``{path: (line, column)}`` (1-based), where a path is a tuple of keys/indices.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

_STD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class YamlError(Exception):
    """A file that is not valid plain YAML; carries line and column (1-based)."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class Positioned:
    value: object
    positions: dict  # path tuple -> (line, column)

    def where(self, path: tuple) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load(text: str, name: str = "<string>") -> Positioned:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
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
    if root is None:
        return Positioned(None, {(): (1, 1)})
    value = _convert(root, (), positions, set())
    return Positioned(value, positions)


def _convert(node, path: tuple, positions: dict, seen: set):
    # Rule files are shallow; recursion depth is bounded by the file's nesting.
    if id(node) in seen:
        line, col = _pos(node)
        raise YamlError("YAML anchors and aliases (&name / *name) are not allowed in rule files",
                        line, col)
    seen.add(id(node))
    if len(path) > 50:
        line, col = _pos(node)
        raise YamlError("nesting is too deep for a rule file", line, col)
    positions[path] = _pos(node)
    if node.tag not in _STD_TAGS:
        line, col = _pos(node)
        raise YamlError(f"YAML tag {node.tag!r} is not allowed in rule files "
                        "(only plain mappings, lists and scalars)", line, col)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                line, col = _pos(knode)
                raise YamlError("mapping keys must be plain strings", line, col)
            if knode.tag == "tag:yaml.org,2002:merge" or knode.value == "<<":
                line, col = _pos(knode)
                raise YamlError("YAML merge keys ('<<') are not allowed in rule files", line, col)
            key = knode.value
            if key in out:
                line, col = _pos(knode)
                raise YamlError(f"duplicate key {key!r}", line, col)
            positions[path + (key, "__key__")] = _pos(knode)
            out[key] = _convert(vnode, path + (key,), positions, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), positions, seen) for i, item in enumerate(node.value)]
    # Scalars: let SafeLoader's resolver construct the standard types.
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
