"""Merging template stores: counts and pages summed, sample texts and vetoes united,
templates decided again from the merged counts (so merging stores learned on shards
gives the templates learning on the union gives)."""
from __future__ import annotations

import json
from typing import Iterator

import numpy as np

from .minhash import MinHasher
from .runs import PARTS, aggregate, decide_site
from .store import TemplateStore
from .storeschema import CHUNK_KEYS, DECISION_PARAMS, SIGNATURE_PARAMS, StoreError
from .storewriter import StoreWriter


def merge_stores(inputs, output, **decision_overrides) -> dict:
    """Merge stores into ``output``: counts and pages are summed, sample texts and
    vetoes united, and the templates decided again from the merged counts.  All
    inputs must share their signature parameters (and, unless overridden here,
    their decision thresholds)."""
    if not inputs:
        raise StoreError("merge needs at least one store")
    stores = [TemplateStore.open(p) for p in inputs]
    try:
        base = stores[0].params
        given = {k for k, v in decision_overrides.items() if v is not None}
        must_agree = SIGNATURE_PARAMS + tuple(n for n in DECISION_PARAMS if n not in given)
        for st in stores[1:]:
            diff = base.incompatible(st.params, names=must_agree)
            if diff:
                raise StoreError(f"cannot merge {st.path} with {stores[0].path}: different parameters ("
                                 + "; ".join(diff) + "). Stores merge only when learned with the same settings.")
        params = base.with_decisions(**decision_overrides)
        names = sorted({n for st in stores for n in st.site_names()})
        pages = {n: sum(st.site_pages(n) for st in stores) for n in names}
        hasher = MinHasher(params.num_perm, params.seed)
        out_stats = {"sites": len(names), "pages": sum(pages.values()), "templates": 0, "protected": 0}
        with StoreWriter(output, params) as writer:
            wid = {n: writer.site_id(n, pages[n]) for n in names}
            for n in names:
                vmin = params.variant_min(pages[n])
                cands = []
                for keys, cnt, pc in _merged_counts(stores, n):
                    writer.add_counts(wid[n], keys, cnt, pc)
                    c = cnt >= vmin
                    if c.any():
                        cands.append((keys[c], cnt[c], pc[c]))
                texts: dict[int, str] = {}
                for st in stores:
                    for k, t in st.texts(n).items():
                        old = texts.get(k)
                        if old is None or t < old:
                            texts[k] = t
                writer.add_texts(wid[n], sorted(texts.items()))
                if not cands:
                    continue
                keys, cnt, pc = (np.concatenate(x) for x in zip(*cands))
                ctexts = {k: texts[k] for k in keys.tolist() if k in texts}
                for tpl in decide_site(n, pages[n], keys, cnt, pc, ctexts, params, hasher):
                    writer.add_template(wid[n], n, tpl)
                    out_stats["templates" if tpl["status"] == "template" else "protected"] += 1
            vetoes = {}
            for st in stores:
                for s, k, t, r in st.all_vetoes():
                    vetoes[(s, k)] = (s, k, t, r)
            writer.add_vetoes([vetoes[x] for x in sorted(vetoes)])
            writer.set_meta(merged_from=[str(p) for p in inputs])
            groupings = {json.dumps(st.grouping, sort_keys=True) for st in stores}
            if len(groupings) == 1:  # the inputs agree on how sites were grouped: say so
                writer.set_meta(grouping=stores[0].grouping)
        return out_stats
    finally:
        for st in stores:
            st.close()


def _merged_counts(stores, site: str) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The summed counts of one site over stores, in key order, by 64 key ranges."""
    chunks = [st.count_chunks(site) for st in stores]
    cache: dict = {}

    def chunk(i, c):
        if cache.get(i, (None,))[0] != c:
            cache[i] = (c, stores[i].load_chunk(site, c))
        return cache[i][1]

    buf, buf_n = [], 0
    for r in range(PARTS):
        lo = r << 58
        hi = ((r + 1) << 58) - 1
        parts = []
        for i, lst in enumerate(chunks):
            for c, clo, chi in lst:
                if chi < lo or clo > hi:
                    continue
                keys, cnt, pc = chunk(i, c)
                a = np.searchsorted(keys, np.uint64(lo), side="left")
                b = np.searchsorted(keys, np.uint64(hi), side="right")
                if b > a:
                    parts.append((keys[a:b], cnt[a:b], pc[a:b]))
        if not parts:
            continue
        keys = np.concatenate([p[0] for p in parts])
        cnt = np.concatenate([p[1] for p in parts])
        pc = np.concatenate([p[2] for p in parts])
        _s, keys, cnt, pc = aggregate(np.zeros(len(keys), dtype=np.uint32), keys, cnt, pc)
        buf.append((keys, cnt, pc))
        buf_n += len(keys)
        if buf_n >= CHUNK_KEYS:
            yield tuple(np.concatenate(x) for x in zip(*buf))  # type: ignore[misc]
            buf, buf_n = [], 0
    if buf:
        yield tuple(np.concatenate(x) for x in zip(*buf))  # type: ignore[misc]


__all__ = ["merge_stores"]
