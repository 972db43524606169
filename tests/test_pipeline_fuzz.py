"""Property test: `Cleaner.stream` takes any records — good, bad, odd — and every one
comes out cleaned or goes to `on_reject` with a reason: in = out + rejected."""
import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.stats import RunStats

EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=EXAMPLES or 40, deadline=timedelta(seconds=30), derandomize=not EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

P = "The minister said the talks would continue next week in Geneva, with all parties present."
texts = st.one_of(st.text(max_size=200), st.just(""), st.just("Title\n" + P + "\nShare"),
                  st.just("<html><body><p>" + P + "</p></body></html>"), st.just("\x00" * 40),
                  st.text(alphabet=st.characters(codec="utf-8"), max_size=100))
values = st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), st.lists(st.integers(), max_size=3),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
records = st.one_of(
    st.fixed_dictionaries({"text": texts}, optional={"id": values, "url": st.one_of(st.text(max_size=30), values),
                                                     "extra": values}),
    st.dictionaries(st.text(max_size=5), values, max_size=3),  # no text field
    st.fixed_dictionaries({"text": values}),  # a text that is not a string
    texts,  # a bare string is a record too
    values,  # neither
)


@pytest.fixture(scope="module")
def shared(cleaner):
    return cleaner


@FUZZ
@given(batch=st.lists(records, max_size=12))
def test_every_record_comes_out_or_is_rejected_with_a_reason(shared, batch):
    rejected = []
    stats = RunStats()
    out = list(shared.stream(batch, workers=1, stats=stats,
                             on_reject=lambda i, rec, why: rejected.append((i, why))))
    assert len(out) + len(rejected) == len(batch)
    assert stats.docs_in == len(batch) and stats.reconciled
    assert all(isinstance(why, str) and why for _i, why in rejected)
    assert not [why for _i, why in rejected if why.startswith("internal error")]  # a crash, caught
    assert all(isinstance(r, dict) and isinstance(r["text"], str) for r in out)
