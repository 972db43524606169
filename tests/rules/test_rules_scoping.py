"""Scopes (languages, sites by the document URL) and override order
(common < language < site < each --rules folder; disable; enabled: false)."""
from __future__ import annotations

import pytest

from cleaner.pipeline import Cleaner
from cleaner.rules.loader import RuleSet
from cleaner.rules.problems import RulePackError


def rule(rid, pattern, category="share", extra=""):
    return f"""
  - id: {rid}
    category: {category}
    description: test rule {rid}.
    kind: pattern
    pattern: '{pattern}'{extra}
    examples:
      drop: ["{pattern}"]
      keep: ["A sentence that is article text and no boilerplate at all."]
"""


def site_pack(pid, sites, rules="", disable=None):
    text = f"pack: {pid}\nkind: site\nsites: [{', '.join(sites)}]\n"
    if disable:
        text += f"disable: [{', '.join(disable)}]\n"
    return text + ("rules:" + rules if rules else "rules: []\n")


def lang_pack(pid, lang, rules):
    return f"pack: {pid}\nkind: language\nlanguage: {lang}\nrules:" + rules


def common_pack(pid, rules):
    return f"pack: {pid}\nkind: common\nrules:" + rules


def active_ids(rs, langs=("en",), host=None):
    return {r.id: r for r in rs.active(frozenset(langs), host).rules}


def verdict(cleaner, text, url=None, lang="en"):
    """The rule id that decided each block of ``text``."""
    res = cleaner.clean(text, url=url, lang=lang)
    out = []
    for b in res.document.blocks:
        v = b.drop_verdict
        out.append(v.rule if v is not None else ("keep:" + next(
            (x.rule for x in b.verdicts if x.action == "keep"), "") if b.protected else None))
    return out


def test_language_scope(write_rules):
    d = write_rules("common.yaml", common_pack("mine", rule("vi-only-thing", "zzq", extra="\n    languages: [vi]")))
    rs = RuleSet.load([d.parent])
    assert "vi-only-thing" in active_ids(rs, ("vi", "en"))
    assert "vi-only-thing" not in active_ids(rs, ("fr", "en"))
    # a language pack's rules default to the pack's language
    d = write_rules("lang/fr.yaml", lang_pack("fr-mine", "fr", rule("fr-thing", "zzq")), root="fr")
    rs = RuleSet.load([d.parent.parent])
    assert "fr-thing" in active_ids(rs, ("fr",)) and "fr-thing" not in active_ids(rs, ("de", "en"))


@pytest.mark.parametrize("host, applies", [
    ("example.com", True), ("www.example.com", True), ("news.example.com", True),
    ("example.com.evil.org", False), ("notexample.com", False), (None, False),
])
def test_site_scope_by_host(write_rules, host, applies):
    d = write_rules("sites/example.com.yaml", site_pack("example-com", ["example.com"], rule("ex-thing", "zzq")))
    rs = RuleSet.load([d.parent.parent])
    assert ("ex-thing" in active_ids(rs, host=host)) is applies


def test_site_scope_by_url_end_to_end(write_rules):
    d = write_rules("sites/example.com.yaml", site_pack("example-com", ["example.com"], rule("ex-thing", "Zzq widget")))
    c = Cleaner(preset="rules-only", rules_dirs=[d.parent.parent])
    text = "Zzq widget\n\nThe council met on Monday to discuss the budget for the coming year."
    assert verdict(c, text, url="https://www.example.com/news/1.html")[0] == "ex-thing"
    assert verdict(c, text, url="https://other.org/news/1.html")[0] is None
    assert verdict(c, text)[0] is None  # no URL: site rules stay off


def test_site_overrides_language_by_id(write_rules):
    write_rules("lang/fr.yaml", lang_pack("fr-mine", "fr", rule("shared-id", "Partager")))
    write_rules("sites/example.com.yaml",
                site_pack("example-com", ["example.com"], rule("shared-id", "Partager tout")))
    rs = RuleSet.load([write_rules("x.yaml", common_pack("x", rule("x-unused", "zzq"))).parent])
    on_site = active_ids(rs, ("fr",), "example.com")["shared-id"]
    elsewhere = active_ids(rs, ("fr",), "other.org")["shared-id"]
    assert on_site.pack == "example-com" and elsewhere.pack == "fr-mine"
    assert on_site.level > elsewhere.level


def test_user_folder_overrides_builtin_and_later_folder_wins(write_rules):
    # the built-in common rule 'media-duration' drops "01:06"; a user folder narrows it
    a = write_rules("common.yaml", common_pack("mine-a", rule("media-duration", "91:06",
                                                               category="related")), root="a")
    rs = RuleSet.load([a.parent])
    assert active_ids(rs)["media-duration"].pack == "mine-a"
    c = Cleaner(preset="rules-only", rules_dirs=[a.parent])
    text = "01:06\n\n91:06\n\nThe council met on Monday to discuss the budget for the coming year."
    assert verdict(c, text)[:2] == [None, "media-duration"]
    b = write_rules("common.yaml", common_pack("mine-b", rule("media-duration", "01:06", category="related")),
                    root="b")
    rs = RuleSet.load([a.parent, b.parent])
    assert active_ids(rs)["media-duration"].pack == "mine-b"
    rs = RuleSet.load([b.parent, a.parent])
    assert active_ids(rs)["media-duration"].pack == "mine-a"


def test_site_pack_disables_a_rule_only_on_its_site(write_rules):
    d = write_rules("sites/example.com.yaml",
                    site_pack("example-com", ["example.com"], disable=["media-duration"]))
    rs = RuleSet.load([d.parent.parent])
    assert "media-duration" in active_ids(rs, host="other.org")  # first: fills the cache for other hosts
    assert "media-duration" not in active_ids(rs, host="example.com")
    assert "media-duration" not in active_ids(rs, host="www.example.com")
    assert "media-duration" in active_ids(rs, host=None)
    c = Cleaner(preset="rules-only", rules_dirs=[d.parent.parent])
    text = "01:06\n\nThe council met on Monday to discuss the budget for the coming year."
    assert verdict(c, text, url="https://example.com/a")[0] is None
    assert verdict(c, text, url="https://other.org/a")[0] == "media-duration"


def test_disable_does_not_switch_off_a_higher_level_rule(write_rules):
    write_rules("sites/example.com.yaml", site_pack("example-com", ["example.com"], disable=["media-duration"]),
                root="a")
    b = write_rules("common.yaml", common_pack("mine-b", rule("media-duration", "01:06", category="related")),
                    root="b")
    rs = RuleSet.load([b.parent.parent / "a", b.parent])
    assert active_ids(rs, host="example.com")["media-duration"].pack == "mine-b"


def test_enabled_false_override_switches_the_rule_off(write_rules):
    d = write_rules("common.yaml", common_pack("mine", rule("media-duration", "01:06", category="related",
                                                            extra="\n    enabled: false")))
    rs = RuleSet.load([d.parent])
    assert "media-duration" not in active_ids(rs)
    assert "media-duration" in active_ids(RuleSet.load())


def test_a_pack_with_mistakes_never_half_loads(write_rules):
    good = write_rules("sites/good.yaml", site_pack("good", ["good.com"], rule("good-thing", "zzq")))
    write_rules("sites/bad.yaml", site_pack("bad", ["bad.com"], rule("bad-thing", "x(y")))
    write_rules("sites/worse.yaml", "pack: worse\nkind: site\nsites: [worse.com]\nrules:\n  - id: w\n")
    with pytest.raises(RulePackError) as ei:
        RuleSet.load([good.parent.parent])
    files = {p.file.rsplit("/", 1)[-1] for p in ei.value.problems}
    assert files == {"bad.yaml", "worse.yaml"}
    assert len(ei.value.problems) >= 3
    with pytest.raises(RulePackError):
        Cleaner(rules_dirs=[good.parent.parent])


def test_rules_dir_that_does_not_exist(tmp_path):
    with pytest.raises(RulePackError) as ei:
        RuleSet.load([tmp_path / "nope"])
    assert "does not exist" in str(ei.value)
