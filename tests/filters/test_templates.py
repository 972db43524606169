"""The templates filter: drops a site's learned templates (exact and near-duplicate),
with category 'template' and the template id as the rule; never the article or title."""
import random

import pytest

from cleaner.corpus.learn import Learner
from cleaner.corpus.shingles import block_key
from cleaner.corpus.store import TemplateStore, veto
from cleaner.corpus.storeschema import StoreParams
from cleaner.corpus.streaming import SnapshotStore, StreamingTemplates
from cleaner.parse import parse
from cleaner.pipeline import Cleaner, CleanerSpec

STOP = "the of and to in a is that for it as was with be by on not this are or from at which but".split()
WORDS = ("council river market school garden energy report village season museum train doctor budget "
         "library harbor festival bridge farmer weather election station theater minister hospital").split()
PROMO = ("Get the Example Media morning briefing with the news of the day, the weather and the best of our "
         "reporting delivered to your inbox every weekday morning")
FIRST = ("This article is part of our weekly series on local history, written by readers and checked by the "
         "editors of the paper.")


def sentence(rng, n=26):
    return " ".join(rng.choice(STOP) if i % 2 else rng.choice(WORDS) for i in range(n)).capitalize() + "."


def page(rng, title=None, promo=PROMO):
    title = title or " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    return "\n".join([f"{title} | example.com", "Home", "Local voices", "Sign in to your account", title, FIRST,
                      *(sentence(rng) for _ in range(4)), promo,
                      f"Page made at {rng.randint(0, 23)}:{rng.randint(10, 59)} by Example CMS",
                      f"{rng.randint(100, 5000):,} people are reading Example Media"])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    rng = random.Random(1)
    ln = Learner()
    for i in range(10):
        ln.add_text(page(rng), url=f"https://www.example.com/{i}")
    for i in range(4):
        ln.add_text(page(rng), url=None)  # the (unknown) site
    path = tmp_path_factory.mktemp("tpl") / "site.tpl"
    ln.write(path)
    return path


def template_verdicts(res):
    return {b.text: v for b in res.document.blocks for v in b.verdicts if v.filter == "templates"}


def test_templates_are_dropped_with_their_id_and_the_article_stays(store):
    c = Cleaner(templates=store)
    assert "templates" in c.filter_ids
    rng = random.Random(99)
    text = page(rng, title="Harbor festival returns after five years")
    r = c.clean(text, url="https://news.example.com/new-page")
    v = template_verdicts(r)
    with TemplateStore.open(store) as st:
        ids = {t.text: t.id for t in st.templates("example.com")}
    assert v["Sign in to your account"].category == "template"
    assert v["Sign in to your account"].rule == ids["Sign in to your account"]
    assert v["Sign in to your account"].reason == \
        f"site template {ids['Sign in to your account']}: on 10 of 10 pages of example.com"
    assert {"Home", "Local voices", PROMO} <= set(v)
    assert any(t.startswith("Page made at ") for t in v) and any(t.endswith(" are reading Example Media") for t in v)
    assert FIRST in r.text  # protected: the body's standard first sentence
    assert "Harbor festival returns after five years" in r.text
    for para in text.split("\n")[6:10]:
        assert para in r.text


def test_near_duplicate_of_a_template_is_dropped(store):
    c = Cleaner(templates=store)
    variant = PROMO.replace("every weekday morning", "every single morning")
    assert block_key(variant) != block_key(PROMO)
    r = c.clean(page(random.Random(5), promo=variant), url="https://example.com/x")
    v = template_verdicts(r)[variant]
    assert "near-duplicate (similarity" in v.reason and v.rule.startswith("tpl-example.com-")


def test_other_sites_and_unknown_bucket(store):
    c = Cleaner(templates=store)
    text = page(random.Random(6))
    assert template_verdicts(c.clean(text, url="https://elsewhere.org/a")) == {}
    v = template_verdicts(c.clean(text))  # no URL: the run's (unknown) bucket
    assert "Sign in to your account" in v and v["Sign in to your account"].rule.startswith("tpl-(unknown)-")


def test_the_page_title_is_never_dropped(tmp_path):
    rng = random.Random(7)
    ln = Learner()
    for i in range(10):  # "Local voices" is a template of the site ...
        ln.add_text(page(rng), url=f"https://example.com/{i}")
    ln.write(tmp_path / "s.tpl")
    c = Cleaner(templates=tmp_path / "s.tpl")
    # ... and the title of this page
    r = c.clean(page(rng, title="Local voices"), url="https://example.com/n")
    kept = [b for b in r.document.blocks if b.text == "Local voices"]
    assert len(kept) == 2 and not any(v.filter == "templates" for b in kept for v in b.verdicts)
    assert template_verdicts(r)["Home"].category == "template"


def test_vetoed_templates_stay(store, tmp_path):
    p = tmp_path / "s.tpl"
    p.write_bytes(store.read_bytes())
    with TemplateStore.open(p) as st:
        tid = next(t.id for t in st.templates("example.com") if t.text == PROMO)
    veto(p, [tid])
    r = Cleaner(templates=p).clean(page(random.Random(8)), url="https://example.com/v")
    assert PROMO in r.text and PROMO not in template_verdicts(r)
    assert "Home" in template_verdicts(r)


def test_without_a_store_there_is_no_templates_filter_and_with_a_bad_one_an_error():
    assert "templates" not in Cleaner().filter_ids
    with pytest.raises(ValueError, match="needs a template store"):
        from cleaner.filters.templates import TemplatesFilter
        TemplatesFilter()
    with pytest.raises(ValueError):
        Cleaner(spec=CleanerSpec(filters=(("templates", (("similarity", 2.0),)),)), templates=object())


def test_streaming_snapshot_store_drives_the_filter():
    rng = random.Random(9)
    learner = StreamingTemplates(StoreParams())
    for i in range(5):
        learner.observe("example.com", parse(page(rng)))
    snap = SnapshotStore(learner.params)
    c = Cleaner(templates=snap)
    text = page(rng)
    snap.current = learner.snapshot("example.com")
    v = template_verdicts(c.clean(text, url="https://example.com/s"))
    sign_in = v["Sign in to your account"]
    assert sign_in.reason == f"site template {sign_in.rule}: on 5 of 5 pages of example.com"
    snap.current = None
    assert template_verdicts(c.clean(text, url="https://example.com/s")) == {}


def test_an_open_store_object_reaches_worker_processes(store):
    with TemplateStore.open(store) as st:
        c = Cleaner(templates=st)
        assert c.spec.templates == str(st.path)
        rng = random.Random(5)
        recs = [{"id": i, "url": f"https://www.example.com/p{i}", "text": page(rng)} for i in range(12)]
        serial = list(c.stream(recs, workers=1))
        parallel = list(c.stream(recs, workers=2, chunk_size=3))
    assert serial == parallel
    assert all("Sign in to your account" not in r["text"] for r in parallel)
