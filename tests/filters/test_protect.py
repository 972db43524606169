from cleaner import Cleaner


def test_protect_rule_overrides_drops(write_rules):
    root = write_rules("sites/example.com.yaml", """
        pack: example-com
        kind: site
        sites: [example.com]
        rules:
          - id: example-lede
            category: protect
            description: The site's lede line starts with a dash and is never boilerplate.
            kind: protect
            pattern: '— .{3,}'
            examples:
              protect: ["— Short lede"]
              keep: ["Other text"]
        """).parent.parent
    c = Cleaner(rules_dirs=[root])
    body = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
            "table, and that a ceasefire remained the first priority for everyone involved in them.")
    text = "\n".join(["Menu", "— Short lede", "Talks to resume", body])
    on_site = c.clean(text, url="https://www.example.com/a")
    off_site = c.clean(text, url="https://other.org/a")
    assert "— Short lede" in on_site.text
    assert "— Short lede" not in off_site.text
    block = next(b for b in on_site.document.blocks if b.text == "— Short lede")
    assert block.protected and any(v.rule == "example-lede" for v in block.verdicts)
