"""Filter contract: a stable id, a category, a frozen config, and ``apply(page)`` that
only adds verdicts to the page's blocks.  Filters hold no mutable state between
documents and do no I/O; what they know about a block they read from the ``Page``.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

REGISTRY: dict[str, type["Filter"]] = {}


@dataclass(frozen=True)
class NoConfig:
    """This filter has no options."""


class Filter:
    id: ClassVar[str] = ""
    category: ClassVar[str] = ""
    Config: ClassVar[type] = NoConfig

    def __init__(self, config=None, *, context=None, **options):
        if config is None:
            known = {f.name for f in fields(self.Config)}
            unknown = set(options) - known
            if unknown:
                raise ValueError(f"filter '{self.id}' has no option(s) {sorted(unknown)}; "
                                 f"known: {sorted(known) or 'none'}")
            config = self.Config(**options)
        self.config = config
        self.context = context

    def apply(self, page) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    __call__ = apply

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} {self.config}>"


def register(cls):
    if not cls.id:
        raise ValueError(f"{cls.__name__} has no id")
    if cls.id in REGISTRY and REGISTRY[cls.id] is not cls:
        raise ValueError(f"filter id {cls.id!r} registered twice")
    REGISTRY[cls.id] = cls
    return cls
