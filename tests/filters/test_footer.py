from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_chinese_licence_and_copyright_footer(cleaner, removed_by):
    r = cleaner.clean(next(p for p in SAMPLES.glob("000_*.txt") if ".expected" not in p.name).read_text(encoding="utf-8"))
    assert removed_by(r, "沪公网安备") == "zh-licence"
    assert removed_by(r, "举报电话:021-62870000") == "zh-report-line"
    assert removed_by(r, "Copyright © 2016 Kankanews.com") == "copyright-symbol"
    for gone in ("ICP备", "版权所有", "举报", "关于我们"):
        assert gone not in r.text


def test_english_footer_links_and_rights(cleaner, removed_by):
    body = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
            "table, and that a ceasefire remained the first priority for everyone involved in them.")
    r = cleaner.clean("\n".join(["Talks to resume", body, "Privacy Policy | Terms of Use | Contact Us",
                                 "All Rights Reserved."]))
    assert removed_by(r, "Privacy Policy") == "en-footer-links"
    assert removed_by(r, "All Rights Reserved") == "en-rights-reserved"


def test_copyright_in_a_sentence_is_kept(cleaner, removed_by):
    line = "The court ruled that the copyright of the photograph belonged to the agency, not the photographer."
    r = cleaner.clean("Court rules on photo\n" + line + "\n" + line)
    assert removed_by(r, "The court ruled") is None
