from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def seed(prefix):
    return next(p for p in SAMPLES.glob(prefix + "_*.txt") if ".expected" not in p.name).read_text(encoding="utf-8")


def test_metadata_prefix_glued_to_first_paragraph_is_trimmed(cleaner):
    r = cleaner.clean(seed("002"))
    block = next(b for b in r.document.blocks if b.text.startswith("发布时间"))
    assert not block.dropped
    trims = block.trims()
    assert [t.rule for t in trims] == ["zh-meta-prefix"]
    assert block.kept_text().startswith("6月19日下午,国家主席习近平同俄罗斯总统普京通电话")
    assert "责任编辑" not in r.text and "来源:新华网" not in r.text


def test_arabic_source_keywords_and_dateline(cleaner, removed_by):
    r = cleaner.clean(seed("003"))
    assert removed_by(r, "تاريخ النشر") == "ar-dateline"
    assert removed_by(r, "المصدر: بوابة الوفد") == "ar-meta-line"
    assert removed_by(r, "كلمات دلالية") == "ar-meta-line"


def test_chinese_keywords_and_dateline(cleaner, removed_by):
    r = cleaner.clean(seed("000"))
    assert removed_by(r, "关键词: 王毅会见古特雷斯") == "zh-keywords-line"
    assert removed_by(r, "2023-11-29 11:30:35 外交部") == "numeric-dateline"


def test_english_byline_and_dateline_and_title_kept(cleaner, removed_by):
    body = ("The New York State Attorney General is investigating WeWork, according to two people familiar "
            "with the matter, adding to a mounting series of problems for the workspace provider.")
    r = cleaner.clean("\n".join(["Attorney General investigating WeWork", "By Jane Smith and John Doe, Reuters",
                                 "November 18, 2019 11:03 PM", body, body]))
    assert removed_by(r, "By Jane Smith") == "en-byline"
    assert removed_by(r, "November 18, 2019") == "en-dateline"
    assert r.text.startswith("Attorney General investigating WeWork")


def test_overlapping_trims_cut_once(write_rules):
    from cleaner import Cleaner
    root = write_rules("sites/example.com.yaml", """
        pack: example-com
        kind: site
        sites: [example.com]
        rules:
          - id: example-source-prefix
            category: metadata
            description: Source prefix of this site.
            kind: trim
            prefix: '发布时间:\\S+ \\S+ \\| '
            examples:
              trim: [{input: "发布时间:2025-06-20 09:10:53 | 正文", output: "正文"}]
              keep: ["正文"]
        """).parent.parent
    c = Cleaner(rules_dirs=[root])
    text = "标题在这里\n发布时间:2025-06-20 09:10:53 | 来源:新华网 | 作者: | 责任编辑:曹川川6月19日下午,国家主席习近平同俄罗斯总统普京通电话,重点就中东局势交换意见。"
    r = c.clean(text, url="https://www.example.com/x")
    block = next(b for b in r.document.blocks if b.text.startswith("发布时间"))
    assert [t.rule for t in block.trims()] == ["zh-meta-prefix"]
    assert block.kept_text().startswith("6月19日下午")
    assert r.chars_removed["metadata"] == block.trims()[0].span[1]
