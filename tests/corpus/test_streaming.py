"""Single-pass templates: bounded counting, snapshots, and the same output for any
worker count."""
import random

from cleaner.corpus.shingles import block_key
from cleaner.corpus.storeschema import StoreParams
from cleaner.corpus.streaming import StreamingTemplates, stream_clean
from cleaner.io.readers import Item
from cleaner.parse import parse
from cleaner.pipeline import CleanerSpec
from cleaner.run import Outcome

STOP = "the of and to in a is that for it as was with be by on not this are or from at which but".split()
WORDS = ("council river market school garden energy report village season museum train doctor budget "
         "library harbor festival bridge farmer weather election station theater minister hospital factory "
         "teacher island forest mayor court border museum orchestra airport tunnel glacier").split()
HEADER = ["Home", "World", "Business", "Sign in to your account", "Subscribe to our newsletter"]


def sentence(rng, n):
    return " ".join(rng.choice(STOP) if i % 2 else rng.choice(WORDS) for i in range(n)).capitalize() + "."


def page(rng, site="example.com", *, first=None, extra=(), title=None):
    title = title or " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    body = [sentence(rng, rng.randint(22, 34)) for _ in range(4)]
    if first:
        body.insert(0, first)
    footer = [f"Updated {rng.randint(1, 28)} March 20{rng.randint(10, 24)}", "Related stories",
              f"© 2024 Example Media. {rng.randint(100, 5000):,} readers online", *extra]
    return "\n".join([f"{title} | {site}", *HEADER, title, *body, *footer])


def test_streaming_templates_snapshot_and_bounded_memory():
    rng = random.Random(10)
    st = StreamingTemplates(StoreParams(), max_keys_per_site=40)
    first = ("This article is part of our weekly series on local history, written by readers and checked "
             "by the editors of the paper.")
    for i in range(30):
        st.observe("example.com", parse(page(rng, first=first)))
        assert len(st._sites["example.com"].counts) <= 40
    snap = st.snapshot("example.com")
    assert block_key("Home") in snap.exact
    assert block_key("Updated 3 March 2019") in snap.exact
    assert block_key(first) not in snap.exact  # protected: the body's first sentence
    assert st.snapshot("nowhere.com") is None


def test_stream_clean_is_the_same_with_any_worker_count():
    rng = random.Random(11)
    items = [Item("mem", i + 1, record={"id": i, "url": f"https://example.com/{i}", "text": page(rng)},
                  kind="record") for i in range(12)]
    items.append(Item("mem", 13, reject="malformed JSON line", kind="record"))
    spec = CleanerSpec()
    one = [(it.line, out) for it, out in stream_clean(spec, items, window=5, workers=1)]
    two = [(it.line, out) for it, out in stream_clean(spec, items, window=5, workers=2)]
    assert one == two
    assert one[-1][1] == Outcome(reason="malformed JSON line")
    texts = [out.record["text"] for _line, out in one[:-1]]
    # the first window already knows the site's templates (counted before cleaning)
    assert all("Sign in to your account" not in t for t in texts)
    assert all("Subscribe to our newsletter" not in t for t in texts)


def test_stream_clean_uses_the_url_field_it_counted_with():
    from cleaner.run import RecordOptions

    rng = random.Random(12)
    items = [Item("mem", i + 1, record={"id": i, "link": f"https://example.com/{i}", "text": page(rng)},
                  kind="record") for i in range(8)]
    out = [o for _it, o in stream_clean(CleanerSpec(), items, window=4, workers=1,
                                        options=RecordOptions(url_field="link", audit=True))]
    assert all(o.ok for o in out)
    # the site (from 'link') is the one the templates were counted for, so they apply
    assert all(any(x["rule"].startswith("tpl-example.com-") for x in o.record["removed"]) for o in out)
