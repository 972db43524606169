"""JSON for records: lenient and lossless in, always valid and deterministic out.

Reading a JSON line tries orjson first (fast, strict) and falls back to the standard
library for what orjson refuses or would change:

- integers outside the 64-bit range (orjson turns them into floats, losing digits);
- numbers that overflow a double (``1e999``): kept exactly, as ``decimal.Decimal``;
- ``NaN``/``Infinity`` (not JSON, but written by Python's ``json``): read as null, the
  JavaScript/orjson convention, so the output is valid JSON;
- lone UTF-16 surrogates (``"\\udc00"``): not Unicode, so no UTF-8 writer can store
  them; replaced by U+FFFD and counted like invalid UTF-8 bytes;
- invalid UTF-8 bytes: replaced by U+FFFD and counted;
- raw control characters inside strings: accepted.

Writing uses orjson (compact separators, keys in record order, UTF-8); whatever it
cannot encode is made encodable first (wide integers and big decimals as exact
numbers, lone surrogates as U+FFFD, bytes as base64), so writing a record never fails.
"""
from __future__ import annotations

import base64
import decimal
import json
import math
import re

import orjson

from .decode import utf8_or_legacy

# Records nested deeper are rejected when read: orjson writes at most 254 levels, and
# the output may add a level (the Dolma shape's ``metadata``).
MAX_DEPTH = 200
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonLineError(ValueError):
    """A line that is not a JSON object; ``reason`` is the rejects-file reason."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _parse_float(s: str):
    f = float(s)
    return f if math.isfinite(f) else decimal.Decimal(s)


_STDLIB = json.JSONDecoder(strict=False, parse_float=_parse_float, parse_constant=lambda _name: None)


def loads_object(raw: bytes) -> tuple[dict, dict]:
    """One JSON line (bytes, no terminator) -> (object, notes).  Raises JsonLineError.

    ``notes`` may hold ``invalid_utf8``: how many characters were replaced by U+FFFD
    (invalid UTF-8 bytes and lone surrogates)."""
    notes: dict = {}
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "depth limit" in str(exc):
            raise JsonLineError(f"JSON line is nested more than {MAX_DEPTH} levels deep") from None
        obj = None
    if obj is None or _rounded(obj):
        obj = _loads_lenient(raw, notes)
    if not isinstance(obj, dict):
        raise JsonLineError(f"JSON line is {_kind(obj)}, not an object")
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and depth(obj) > MAX_DEPTH:
        raise JsonLineError(f"JSON line is nested more than {MAX_DEPTH} levels deep")
    return obj, notes


_INT64 = 2.0 ** 63


def _rounded(obj) -> bool:
    """Did orjson turn an integer outside the 64-bit range into a float?  (Such a float
    is whole and at least 2**63 in size; the json module keeps every digit.)"""
    stack = [obj]
    while stack:
        x = stack.pop()
        if type(x) is float:
            if abs(x) >= _INT64 and x.is_integer():
                return True
        elif type(x) is dict:
            stack.extend(x.values())
        elif type(x) is list:
            stack.extend(x)
    return False


def depth(obj) -> int:
    """How many containers deep ``obj`` is (a scalar is 0, ``[]`` is 1)."""
    deepest = 0
    stack = [(obj, 1)]
    while stack:
        x, d = stack.pop()
        if isinstance(x, dict):
            deepest = max(deepest, d)
            stack.extend((v, d + 1) for v in x.values())
        elif isinstance(x, list):
            deepest = max(deepest, d)
            stack.extend((v, d + 1) for v in x)
    return deepest


def _loads_lenient(raw: bytes, notes: dict):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text, found = utf8_or_legacy(raw)  # JSON Lines are UTF-8; a GBK or cp1251 export is read as such
    notes.update(found)
    try:
        obj = _STDLIB.decode(text)
    except json.JSONDecodeError as exc:
        raise JsonLineError(f"malformed JSON line ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise JsonLineError(f"JSON line is nested more than {MAX_DEPTH} levels deep") from None
    if "\\u" in text and _has_surrogate(obj):
        obj, n = _replace_surrogates(obj)
        notes["invalid_utf8"] = notes.get("invalid_utf8", 0) + n
    return obj


def _kind(obj) -> str:
    names = {list: "a list", str: "a string", bool: "a boolean", type(None): "null", int: "a number",
             float: "a number", decimal.Decimal: "a number"}
    return names.get(type(obj), type(obj).__name__)


def _has_surrogate(obj) -> bool:
    stack = [obj]
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            if _SURROGATE.search(x):
                return True
        elif isinstance(x, dict):
            stack.extend(x.keys())
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return False


def _replace_surrogates(obj) -> tuple[object, int]:
    count = 0

    def fix(x):
        nonlocal count
        if isinstance(x, str):
            if _SURROGATE.search(x):
                count += len(_SURROGATE.findall(x))
                return _SURROGATE.sub("\ufffd", x)
            return x
        if isinstance(x, dict):
            return {fix(k): fix(v) for k, v in x.items()}
        if isinstance(x, list):
            return [fix(v) for v in x]
        return x

    return fix(obj), count


# -- writing ------------------------------------------------------------------------------------------

def _default(obj):
    if isinstance(obj, decimal.Decimal):
        if obj.is_finite():
            return orjson.Fragment(str(obj).encode("ascii"))
        return None
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(obj)).decode("ascii")
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"cannot write a {type(obj).__name__} as JSON")


def _encodable(x):
    """A copy of ``x`` that orjson can write: wide ints as exact numbers, lone
    surrogates replaced, non-string keys as strings."""
    if isinstance(x, str):
        return _SURROGATE.sub("\ufffd", x)
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, int):
        return x if -(2 ** 63) <= x < 2 ** 64 else orjson.Fragment(str(x).encode("ascii"))
    if isinstance(x, dict):
        return {(_encodable(k) if isinstance(k, str) else _key(k)): _encodable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        return [_encodable(v) for v in x]
    return x


def _key(k) -> str:
    if isinstance(k, (bytes, bytearray)):
        return bytes(k).decode("utf-8", errors="replace")
    return str(k)


def dumps(record) -> bytes:
    """A record as one line of valid JSON (UTF-8 bytes, no newline)."""
    try:
        return orjson.dumps(record, default=_default)
    except TypeError:
        pass
    try:
        return orjson.dumps(_encodable(record), default=_default)
    except (TypeError, RecursionError) as exc:
        # not representable at all (an object nested beyond orjson's limit, an
        # unknown type): say so in valid JSON rather than fail the run
        raise ValueError(f"record cannot be written as JSON: {exc}") from None


def dumps_line(record) -> bytes:
    return dumps(record) + b"\n"
