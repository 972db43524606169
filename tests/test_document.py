from cleaner.document import DROP, KEEP, TRIM, Block, Document, Verdict


def test_block_without_verdicts_is_kept():
    b = Block(0, "Hello world")
    assert not b.dropped and b.kept_text() == "Hello world"


def test_drop_verdict_drops_and_is_reported():
    b = Block(0, "Share")
    b.add(Verdict("share", "share", "share row", DROP, "en-share-row"))
    assert b.dropped
    assert b.kept_text() == ""
    assert b.drop_verdict.rule == "en-share-row"


def test_keep_verdict_overrides_any_drop():
    b = Block(0, "Title")
    b.add(Verdict("layout", "layout", "before the title", DROP))
    b.add(Verdict("layout", "protect", "article title", KEEP))
    assert not b.dropped and b.protected and b.drop_verdict is None


def test_trim_removes_spans_and_keeps_the_rest():
    b = Block(0, "来源:新华网 | 作者:张三正文开始。")
    b.add(Verdict("metadata", "metadata", "prefix", TRIM, "zh-meta-prefix", (0, 14)))
    assert b.kept_text() == "正文开始。"
    assert not b.dropped


def test_overlapping_trims_are_merged():
    b = Block(0, "abcdefghij")
    b.add(Verdict("f", "metadata", "r", TRIM, None, (0, 4)))
    b.add(Verdict("f", "metadata", "r", TRIM, None, (2, 6)))
    assert b.kept_text() == "ghij"


def test_document_kept_and_removed():
    blocks = [Block(0, "a"), Block(1, "b")]
    blocks[1].add(Verdict("x", "nav", "r"))
    doc = Document(blocks)
    assert [b.text for b in doc.kept()] == ["a"]
    assert [b.text for b in doc.removed()] == ["b"]
    assert Verdict("x", "nav", "why", DROP, "rid").as_dict() == {
        "filter": "x", "category": "nav", "action": "drop", "reason": "why", "rule": "rid"}


def test_block_given_verdicts_decides_as_add_would():
    drop = Verdict("layout", "layout", "before title")
    keep = Verdict("protect", "protect", "title", action=KEEP)
    given = Block(0, "x", verdicts=[drop, keep])
    added = Block(0, "x")
    added.add(drop)
    added.add(keep)
    assert given == added and given.verdicts == [drop, keep]
    assert given.protected and not given.dropped and given.drop_verdict is None
    assert Block(1, "y", verdicts=[drop]).drop_verdict is drop


def test_block_defaults_are_not_shared():
    a, b = Block(0, "a"), Block(1, "b")
    a.features["tag"] = "p"
    a.add(Verdict("f", "nav", "r"))
    assert b.features == {} and b.verdicts == [] and b.kind == "line" and not b.gap_before


def test_decision_flags_follow_the_verdicts_in_any_order():
    from itertools import product

    kinds = {DROP: Verdict("a", "nav", "first drop"), KEEP: Verdict("p", "protect", "title", KEEP),
             TRIM: Verdict("m", "metadata", "prefix", TRIM, None, (0, 1))}
    for seq in product([DROP, KEEP, TRIM], repeat=3):
        b = Block(0, "text")
        given = [kinds[a] if a != DROP else Verdict("f", "nav", f"drop {k}") for k, a in enumerate(seq)]
        for v in given:
            b.add(v)
        drops = [v for v in given if v.action == DROP]
        kept = KEEP in seq
        assert b.protected == kept
        assert b.dropped == (bool(drops) and not kept)
        assert b.drop_verdict is (drops[0] if drops and not kept else None)
        assert Block(0, "text", verdicts=given) == b
