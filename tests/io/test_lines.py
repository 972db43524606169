"""Lines with offsets in bounded memory."""
from cleaner.io.lines import PREVIEW, iter_lines


def chunked(data: bytes, n: int):
    return [data[i:i + n] for i in range(0, len(data), n)]


def test_offsets_terminators_and_crlf_whatever_the_chunking():
    data = b"one\r\ntwo\n\nthree"
    for n in (1, 2, 3, 5, 100):
        lines = list(iter_lines(chunked(data, n)))
        assert [(x.data, x.start, x.end, x.terminated) for x in lines] == [
            (b"one", 0, 5, True), (b"two", 5, 9, True), (b"", 9, 10, True), (b"three", 10, 15, False)]


def test_a_giant_line_is_cut_to_a_preview_and_the_next_line_survives():
    data = b"x" * 10_000 + b"\nnext\n"
    lines = list(iter_lines(chunked(data, 777), max_bytes=1000))
    assert [x.too_long for x in lines] == [True, False]
    assert 1000 < len(lines[0].data) <= PREVIEW and lines[0].end == 10_001 and lines[1].data == b"next"
    tail = list(iter_lines(chunked(b"ok\n" + b"y" * 5000, 64), max_bytes=1000))
    assert tail[1].too_long and not tail[1].terminated and tail[1].end == 5003


def test_start_offset_for_a_resumed_read():
    assert [(x.start, x.end) for x in iter_lines([b"a\nb\n"], start=100)] == [(100, 102), (102, 104)]
