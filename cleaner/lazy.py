"""``cached``: a property computed the first time it is read, then kept in the
instance's ``__dict__`` (where later reads find it without calling anything).

It is ``functools.cached_property`` without the lock Python 3.10 and 3.11 take at every
first read (about 1.5 µs each; a page and its roles read some twenty such properties,
which on a one-line record is a few per cent of its cleaning).  A page is never shared
between threads, so nothing needs the lock.
"""
from __future__ import annotations


class cached:  # noqa: N801  (used as a decorator, like ``property``)
    """A property computed once per instance (see the module doc)."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
