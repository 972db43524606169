from cleaner.lang import detect, identify


def test_identify_scripts_and_languages():
    assert identify("这是一个关于中国外交政策的长句子,用于测试语言识别是否正确。") == "zh"
    assert identify("これは日本語の文章です。言語の識別をテストします。") == "ja"
    assert identify("이것은 한국어 문장입니다. 언어 식별을 시험합니다.") == "ko"
    assert identify("Der Minister sagte, die Gespräche würden nächste Woche fortgesetzt.") == "de"


def test_mixed_chinese_and_english_page_reports_both():
    zh = ["国家主席习近平同俄罗斯总统普京通电话,重点就中东局势交换意见,双方表示愿意保持密切沟通。"] * 4
    en = ["Chinese President Xi Jinping said on Thursday that ceasefire must be an urgent priority in the region."] * 4
    primary, langs = detect(zh + en)
    assert {"zh", "en"} <= langs


def test_menus_do_not_decide_the_language():
    menu = ["Home", "News", "Sport", "Contact us", "About us"] * 10
    article = ["Der Minister sagte am Montag, die Gespräche würden nächste Woche in Genf fortgesetzt, "
               "und alle Parteien seien eingeladen worden."] * 3
    assert detect(menu + article)[0] == "de"


def test_empty_input():
    assert detect([]) == ("und", set())


def test_the_sample_is_the_largest_blocks_by_utf8_size():
    from cleaner.lang import _may_rank

    # eleven ASCII lines of 30-40 characters and one Chinese line of 12: 36 bytes, among the ten largest
    blocks = ["An English line of some length " + "x" * k for k in range(11)] + ["中文的句子在这里很短的一行"]
    kept = list(_may_rank(blocks))
    assert 11 in kept and kept == sorted(kept)
    assert list(_may_rank(blocks + ["tiny"])) == kept  # a four-character line cannot rank
    assert list(_may_rank(["a", "b"])) == [0, 1]
