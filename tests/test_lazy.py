"""``lazy.cached``: a property computed on the first read and kept on the instance."""
from __future__ import annotations

from cleaner.lazy import cached


class Counted:
    def __init__(self):
        self.calls = 0

    @cached
    def value(self) -> int:
        """The value, counted."""
        self.calls += 1
        return 41 + self.calls


def test_computed_once_then_read_from_the_instance():
    c = Counted()
    assert c.value == 42 and c.value == 42
    assert c.calls == 1
    assert c.__dict__["value"] == 42  # later reads find it there, without the descriptor


def test_each_instance_computes_its_own():
    a, b = Counted(), Counted()
    a.value
    assert b.calls == 0 and b.value == 42


def test_a_value_set_in_advance_is_what_is_read():
    c = Counted()
    c.__dict__["value"] = 7  # as Page.prime sets what a batch found
    assert c.value == 7 and c.calls == 0


def test_the_class_attribute_is_the_descriptor_with_its_doc():
    assert isinstance(Counted.value, cached)
    assert Counted.value.__doc__ == "The value, counted."
