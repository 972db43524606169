"""The template store: clear errors for bad files, atomic writes, merge = union,
incompatible parameters, vetoes."""
import json
import random
import sqlite3

import pytest

import cleaner.corpus.learn as learn_mod
from cleaner.corpus.learn import Learner, merge_stores
from cleaner.corpus.shingles import block_key, fold
from cleaner.corpus.store import StoreError, TemplateStore, veto
from cleaner.corpus.storeschema import StoreParams
from cleaner.pipeline import Cleaner

STOP = "the of and to in a is that for it as was with be by on not this are or from at which but".split()
WORDS = ("council river market school garden energy report village season museum train doctor budget "
         "library harbor festival bridge farmer weather election station theater minister hospital").split()


def sentence(rng, n):
    return " ".join(rng.choice(STOP) if i % 2 else rng.choice(WORDS) for i in range(n)).capitalize() + "."


def page(rng, site, i):
    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    teaser = [f"More from {site}: " + " ".join(rng.choice(WORDS) for _ in range(4))] if i % 3 else []
    promo = ["Get the " + site + " morning briefing with the news of the day, the weather and the best of "
             "our reporting delivered to your inbox every " + ["weekday", "single", "working"][i % 3] + " morning"]
    return "\n".join([f"{title} | {site}", "Home", f"{site} sections", "Sign in", title,
                      *(sentence(rng, 25) for _ in range(3)), *teaser, *promo,
                      f"Updated {rng.randint(1, 28)} May 2024", f"© {site} {rng.randint(2000, 2024)}"])


def corpus(n=60, seed=1):
    rng = random.Random(seed)
    sites = ["alpha.com", "beta.co.uk", "gamma.org"]
    return [(f"https://www.{sites[i % 3]}/{i}", page(rng, sites[i % 3], i)) for i in range(n)]


def learn(pages, path, params=None):
    ln = Learner(params)
    for url, text in pages:
        ln.add_text(text, url=url)
    return ln.write(path)


def snapshot(store):
    out = {}
    for site in store.site_names():
        out[site] = {
            "pages": store.site_pages(site),
            "counts": [a.tolist() for a in store.counts(site)],
            "templates": [(t.id, t.pages, t.prot, t.status, t.variants, fold(t.text), sorted(store.member_keys(t.id)))
                          for t in store.templates(site)],
        }
    return out


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    p = tmp_path_factory.mktemp("store") / "all.tpl"
    learn(corpus(), p)
    return p


def test_open_reads_params_sites_and_templates(store_path):
    with TemplateStore.open(store_path) as st:
        assert st.params == StoreParams()
        assert st.site_names() == ["alpha.com", "beta.co.uk", "gamma.org"]
        assert st.site_pages("beta.co.uk") == 20
        t = {fold(x.text): x for x in st.templates("alpha.com")}
        assert t["home"].pages == 20 and t["home"].status == "template"
        assert t["updated 0 may 0"].pages == 20
        view = st.site_templates("alpha.com")
        assert view.exact[block_key("Sign in")] == t["sign in"].id
        assert view.tpl_pages[t["sign in"].id] == 20
        assert view.index is not None and len(view) == len(t)


@pytest.mark.parametrize("case,message", [
    ("missing", "no such template store"),
    ("empty", "empty file"),
    ("garbage", "not an SQLite file"),
    ("other-sqlite", "not a template store (no meta table)"),
    ("other-format", "not a template store (format"),
    ("newer", "newer than this cleaner"),
    ("incompatible", "incompatible template store"),
    ("bad-params", "invalid parameters"),
    ("truncated", "damaged"),
])
def test_bad_stores_fail_with_a_clear_message(tmp_path, store_path, case, message):
    p = tmp_path / "bad.tpl"
    if case == "empty":
        p.write_bytes(b"")
    elif case == "garbage":
        p.write_bytes(b"this is not a database at all" * 100)
    elif case == "other-sqlite":
        c = sqlite3.connect(p)
        c.execute("CREATE TABLE t (x)")
        c.commit()
        c.close()
    elif case != "missing":
        p.write_bytes(store_path.read_bytes())
        if case == "truncated":
            data = p.read_bytes()
            p.write_bytes(data[:len(data) // 2])
        else:
            c = sqlite3.connect(p)
            if case == "other-format":
                c.execute("UPDATE meta SET value = 'something-else' WHERE name = 'format'")
            elif case == "newer":
                c.execute("UPDATE meta SET value = '99' WHERE name = 'version'")
            elif case in ("incompatible", "bad-params"):
                params = json.loads(c.execute("SELECT value FROM meta WHERE name = 'params'").fetchone()[0])
                if case == "incompatible":
                    params["key"] = "some-other-key/v9"
                else:
                    params["bands"] = 1000
                c.execute("UPDATE meta SET value = ? WHERE name = 'params'", (json.dumps(params),))
            c.commit()
            c.close()
    with pytest.raises(StoreError) as exc:
        TemplateStore.open(p)
    assert message in str(exc.value)
    assert str(p) in str(exc.value)
    with pytest.raises(StoreError):  # the cleaner refuses it too
        Cleaner(templates=str(p))


def test_interrupted_learn_leaves_the_old_store(tmp_path, store_path, monkeypatch):
    target = tmp_path / "s.tpl"
    target.write_bytes(store_path.read_bytes())
    before = target.read_bytes()

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(learn_mod, "decide_site", boom)
    with pytest.raises(KeyboardInterrupt):
        learn(corpus(12, seed=5), target)
    assert target.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["s.tpl"]  # no temporary file left
    TemplateStore.open(target).close()
    fresh = tmp_path / "new.tpl"
    with pytest.raises(KeyboardInterrupt):
        learn(corpus(12, seed=5), fresh)
    assert not fresh.exists()


@pytest.mark.parametrize("split", ["interleaved", "by-site", "three-way"])
def test_merge_equals_learning_on_the_union(tmp_path, store_path, split):
    pages = corpus()
    if split == "interleaved":
        shards = [pages[0::2], pages[1::2]]
    elif split == "by-site":
        shards = [[p for p in pages if "alpha" in p[0]], [p for p in pages if "alpha" not in p[0]]]
    else:
        shards = [pages[:7], pages[7:40], pages[40:]]
    paths = []
    for i, shard in enumerate(shards):
        paths.append(tmp_path / f"shard{i}.tpl")
        learn(shard, paths[-1])
    stats = merge_stores(paths, tmp_path / "merged.tpl")
    with TemplateStore.open(store_path) as union, TemplateStore.open(tmp_path / "merged.tpl") as merged:
        su, sm = snapshot(union), snapshot(merged)
        assert su == sm
        assert stats["pages"] == 60 and stats["templates"] == sum(
            1 for s in su.values() for t in s["templates"] if t[3] == "template")
        # merging is associative: merge the merge with nothing new
    merge_stores([tmp_path / "merged.tpl"], tmp_path / "again.tpl")
    with TemplateStore.open(tmp_path / "again.tpl") as again:
        assert snapshot(again) == sm


def test_merge_refuses_incompatible_parameters(tmp_path, store_path):
    other = tmp_path / "other.tpl"
    learn(corpus(9, seed=3), other, StoreParams(num_perm=64, bands=16, rows=4))
    with pytest.raises(StoreError, match="different parameters.*num_perm"):
        merge_stores([store_path, other], tmp_path / "m.tpl")
    k5 = tmp_path / "k5.tpl"
    learn(corpus(9, seed=3), k5, StoreParams(min_pages=5))
    with pytest.raises(StoreError, match="min_pages"):
        merge_stores([store_path, k5], tmp_path / "m.tpl")
    assert not (tmp_path / "m.tpl").exists()
    # decision thresholds can be set for the merged store
    merge_stores([store_path, k5], tmp_path / "m.tpl", min_pages=40)
    with TemplateStore.open(tmp_path / "m.tpl") as st:
        assert st.params.min_pages == 40
        assert all(t.pages >= 40 for t in st.templates())


def test_veto_is_kept_by_key_and_survives_merge(tmp_path, store_path):
    p = tmp_path / "s.tpl"
    p.write_bytes(store_path.read_bytes())
    with TemplateStore.open(p) as st:
        tid = next(t.id for t in st.templates("alpha.com") if "briefing" in t.text)
        assert block_key(next(t.text for t in st.templates("alpha.com") if t.id == tid)) in \
            st.site_templates("alpha.com").exact
    assert veto(p, [tid], "house promo: content for us") == [tid]
    with TemplateStore.open(p) as st:
        t = st.template(tid)
        assert t.vetoed and t.veto_reason == "house promo: content for us"
        assert tid not in st.site_templates("alpha.com").exact.values()
        assert [s.vetoed for s in st.sites() if s.name == "alpha.com"] == [1]
    merge_stores([p], tmp_path / "m.tpl")
    with TemplateStore.open(tmp_path / "m.tpl") as st:
        assert st.template(tid).vetoed
    veto(p, [tid], undo=True)
    with TemplateStore.open(p) as st:
        assert not st.template(tid).vetoed
        assert tid in st.site_templates("alpha.com").exact.values()
    with pytest.raises(StoreError, match="no template"):
        veto(p, ["tpl-nope-0000000000"])
