"""Decompression that tells trusted bytes from damaged, truncated and lost ones."""
import gzip
import io

import pytest
import zstandard

from cleaner.io.compressed import codec_of, decompressed_chunks, events, scan

import random

_rng = random.Random(10)
# text that compresses like real text (not to nothing): several compressed feeds per member
LINES = b"".join(b'{"id": %d, "text": "%s"}\n' % (i, " ".join(_rng.choice(
    ["talks", "Geneva", "minister", "said", "week", "%d" % _rng.randrange(10 ** 6)]) for _ in range(60)).encode())
    for i in range(3000))


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def decoded(path, codec):
    with open(path, "rb") as fh:
        return b"".join(decompressed_chunks(fh, codec))


def test_codec_comes_from_magic_bytes_not_the_name(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(gz(LINES))
    (tmp_path / "b.gz").write_bytes(LINES)
    (tmp_path / "c.txt").write_bytes(zstandard.ZstdCompressor().compress(LINES))
    (tmp_path / "e").write_bytes(b"")
    assert [codec_of(tmp_path / n) for n in ("a.jsonl", "b.gz", "c.txt", "e")] == ["gzip", None, "zstd", None]


def test_multi_member_gzip_and_nul_padding_are_clean(tmp_path):
    f = tmp_path / "m.gz"
    f.write_bytes(gz(LINES[:5000]) + gz(LINES[5000:]) + b"\x00" * 512)
    assert scan(f, "gzip") == [] and decoded(f, "gzip") == LINES


def test_gzip_damaged_mid_stream_marks_the_member_untrusted(tmp_path):
    # issue 10 bug 5: garbage decoded before the CRC failed at the end passed as records
    data = bytearray(gz(LINES))
    data[len(data) // 2] ^= 0x55
    f = tmp_path / "bad.jsonl.gz"
    f.write_bytes(bytes(data))
    damages = scan(f, "gzip")
    assert len(damages) == 1 and damages[0].kind == "damaged" and damages[0].start == 0
    assert "not trusted" in damages[0].reason
    assert damages[0].overlaps(0, 10)


def test_damage_in_one_member_spares_the_others(tmp_path):
    a, b = 400_000, 800_000
    first, second, third = gz(LINES[:a]), bytearray(gz(LINES[a:b])), gz(LINES[b:])
    second[len(second) // 2] ^= 0xFF
    f = tmp_path / "three.gz"
    f.write_bytes(first + bytes(second) + third)
    damages = scan(f, "gzip")
    bad = [d for d in damages if d.kind == "damaged"]
    assert len(bad) == 1 and bad[0].start == a and a < bad[0].end <= b
    out = decoded(f, "gzip")
    assert out.startswith(LINES[:a]) and out.endswith(LINES[b:])


def test_a_member_that_fails_before_any_output_is_reported_lost(tmp_path):
    small = bytearray(gz(LINES[:3000]))
    small[len(small) // 2] ^= 0xFF
    f = tmp_path / "small.gz"
    f.write_bytes(gz(LINES[:100]) + bytes(small))
    damages = scan(f, "gzip")
    assert [d.kind for d in damages] == ["lost"] and damages[0].start == 100


def test_truncated_gzip_keeps_the_prefix_and_reports_the_cut(tmp_path):
    data = gz(LINES)
    f = tmp_path / "cut.gz"
    f.write_bytes(data[: len(data) * 2 // 3])
    damages = scan(f, "gzip")
    assert [d.kind for d in damages] == ["truncated"] and "truncated" in damages[0].reason
    out = decoded(f, "gzip")
    assert LINES.startswith(out) and 0 < len(out) == damages[0].start


def test_garbage_between_members_is_reported_lost(tmp_path):
    f = tmp_path / "junk.gz"
    f.write_bytes(gz(LINES[:100]) + b"this is not gzip" + gz(LINES[100:200]))
    damages = scan(f, "gzip")
    assert [d.kind for d in damages] == ["lost"] and "16 bytes" in damages[0].reason
    assert decoded(f, "gzip") == LINES[:200]


def test_an_invalid_block_loses_the_rest_of_its_member_and_resyncs(tmp_path):
    body = bytearray(gz(LINES[:600_000]))
    body[20:40] = b"\xff" * 20  # the first deflate block's header: undecodable
    f = tmp_path / "invalid.gz"
    f.write_bytes(bytes(body) + gz(LINES[600_000:]))
    damages = scan(f, "gzip")
    assert "lost" in [d.kind for d in damages]
    assert decoded(f, "gzip").endswith(LINES[600_000:])


def test_corrupt_zstd_is_damaged_not_a_crash(tmp_path):
    # issue 10 bug 2: a corrupt .zst crashed with a ZstdError traceback
    data = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(LINES))
    data[len(data) // 2] ^= 0xFF
    f = tmp_path / "bad.jsonl.zst"
    f.write_bytes(bytes(data))
    damages = scan(f, "zstd")
    assert damages and damages[0].kind == "damaged" and "zstd frame at byte 0" in damages[0].reason


def test_truncated_zstd_is_reported_as_truncated(tmp_path):
    # issue 10 bug 2: a truncated .zst was reported as a "malformed JSON line"
    data = zstandard.ZstdCompressor().compress(LINES)
    f = tmp_path / "cut.jsonl.zst"
    f.write_bytes(data[: len(data) // 2])
    damages = scan(f, "zstd")
    assert [d.kind for d in damages] == ["truncated"]


def test_zstd_frames_and_skippable_frames(tmp_path):
    c = zstandard.ZstdCompressor()
    skippable = b"\x50\x2a\x4d\x18" + (5).to_bytes(4, "little") + b"12345"
    f = tmp_path / "frames.zst"
    f.write_bytes(c.compress(LINES[:100]) + skippable + c.compress(LINES[100:]))
    assert scan(f, "zstd") == [] and decoded(f, "zstd") == LINES


def test_a_compression_bomb_streams_in_bounded_pieces():
    stream = io.BytesIO(gzip.compress(b"\x00" * (64 << 20), compresslevel=9, mtime=0))
    assert len(stream.getvalue()) < 1 << 20
    sizes = [len(v) for k, v in events(stream, "gzip") if k == "data"]
    assert sum(sizes) == 64 << 20 and max(sizes) <= 4 << 20


def test_unknown_codec():
    with pytest.raises(ValueError):
        list(events(io.BytesIO(b""), "bzip2"))
