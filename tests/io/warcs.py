"""WARC files for tests, written with warcio (a real writer)."""
import io

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")


def warc_bytes(n: int = 20, gz: bool = False, extra: bool = True) -> bytes:
    """``n`` HTML responses (each preceded by its request record when ``extra``)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warcinfo_record("test.warc", {"software": "tests"}))
    for i in range(n):
        url = f"https://example.com/{i}"
        if extra:
            req = StatusAndHeaders(f"GET /{i} HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", http_headers=req))
        body = f"<html><head><title>Talks {i}</title></head><body><h1>Talks {i}</h1><p>{P}</p></body></html>"
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body.encode()), http_headers=hh))
    return buf.getvalue()


def record_starts(data: bytes) -> list[int]:
    out, i = [], data.find(b"WARC/1.")
    while i >= 0:
        out.append(i)
        i = data.find(b"\r\nWARC/1.", i + 1)
        i = i + 2 if i >= 0 else -1
    return out
