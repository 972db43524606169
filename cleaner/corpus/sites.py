"""Sites: which site a record belongs to (a ``--site-field`` value, else the
registrable domain of its URL, else the ``(unknown)`` bucket)."""
from __future__ import annotations

import pkgutil
from functools import lru_cache
from urllib.parse import urlsplit

import regex

from .storeschema import UNKNOWN_SITE


@lru_cache(maxsize=1)
def public_suffixes() -> frozenset:
    """Multi-label public suffixes (``cleaner/data/public_suffixes.txt``)."""
    text = pkgutil.get_data("cleaner", "data/public_suffixes.txt").decode("utf-8")
    out = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        out.update(x.strip().lower().strip(".") for x in line.split() if x.strip())
    return frozenset(out)


_IPV4 = regex.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def registrable_domain(host: str) -> str:
    """The registrable domain of a host name: the public suffix plus one label.

    A small heuristic, not the full Public Suffix List: the public suffix is the
    longest multi-label suffix listed in ``cleaner/data/public_suffixes.txt``
    (``co.uk``, ``com.br``, ``github.io``, ...), else the last label.  So
    ``www.bbc.co.uk`` -> ``bbc.co.uk``, ``edition.cnn.com`` -> ``cnn.com``.  IP
    addresses and single-label hosts are returned as they are."""
    host = host.lower().strip().rstrip(".")
    if host.startswith("[") or ":" in host or _IPV4.match(host):
        return host
    labels = [x for x in host.split(".") if x]
    if len(labels) <= 2:
        return ".".join(labels)
    suffixes = public_suffixes()
    for n in range(min(len(labels) - 1, 4), 1, -1):
        if ".".join(labels[-n:]) in suffixes:
            return ".".join(labels[-n - 1:])
    return ".".join(labels[-2:])


def site_of_url(url) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    u = url.strip()
    try:
        host = urlsplit(u if "//" in u else "//" + u).hostname
    except ValueError:
        return None
    if not host:
        return None
    return registrable_domain(host)


def site_of(record: dict, *, url_field: str = "url", site_field: str | None = None) -> str:
    """The site of a record: its ``site_field`` value when given, else the
    registrable domain of its URL, else ``(unknown)``."""
    if site_field:
        v = record.get(site_field)
        if isinstance(v, str) and v.strip():
            return v.strip().lower()
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
        return UNKNOWN_SITE
    return site_of_url(record.get(url_field)) or UNKNOWN_SITE


__all__ = ["public_suffixes", "registrable_domain", "site_of", "site_of_url", "UNKNOWN_SITE"]
