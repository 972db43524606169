ARTICLE = ("The minister said the talks would continue next week in Geneva, with all parties present "
           "at the table, and that a ceasefire remained the first priority for everyone involved.")


def test_share_rows_in_chinese_and_english(cleaner, removed_by):
    text = "\n".join(["王毅会见联合国秘书长古特雷斯", "当地时间2023年11月28日,中共中央政治局委员、外交部长王毅在纽约联合国总部会见联合国秘书长古特雷斯,双方就巴以冲突交换了意见。",
                      "点赞", "收藏", "分享", "用手机看", "Share Tweet Pin Email"])
    r = cleaner.clean(text)
    assert removed_by(r, "点赞") == "zh-share-row"
    assert removed_by(r, "用手机看") == "zh-share-row"
    assert removed_by(r, "Share Tweet Pin Email") == "en-share-row"
    assert "双方就巴以冲突交换了意见" in r.text


def test_follow_prompts(cleaner, removed_by):
    text = "\n".join(["Title of the story here", ARTICLE, "Follow us on Twitter",
                      "Mời quý độc giả theo dõi VOV.VN trên", "انضم إلى قناة زمان على واتساب:"])
    r = cleaner.clean(text, lang="en")
    assert removed_by(r, "Follow us on Twitter") == "en-follow-us"
    assert removed_by(r, "Mời quý độc giả") in ("vi-follow-us", "layout")
    assert "Follow us" not in r.text


def test_share_word_inside_a_sentence_is_kept(cleaner, removed_by):
    r = cleaner.clean("Markets\n\n" + ARTICLE + "\n\nShare prices fell by three percent on Monday after the "
                      "announcement, traders said, and the index closed lower for the third day.")
    assert removed_by(r, "Share prices fell") is None
