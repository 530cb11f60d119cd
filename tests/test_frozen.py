"""`msqschema.frozen`: a frozen class behaves as `dataclass(frozen=True)` does, method for
method (equality, hash, repr, immutability, replace, pickling), without compiling them."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msqschema.frozen import frozen


@dataclass(frozen=True)
class Reference:
    name: str
    items: tuple[int, ...] = ()
    hidden: str = field(default="", repr=False)
    note: str = field(default="", compare=False)


@frozen
class Ours:
    name: str
    items: tuple[int, ...] = ()
    hidden: str = field(default="", repr=False)
    note: str = field(default="", compare=False)


@frozen(kw_only=True)
class Child(Ours):
    extra: int = 0


@frozen
class Empty:
    pass


@frozen
class OwnEquality:
    text: str
    weight: int = field(default=0, hash=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnEquality) and self.text.lower() == other.text.lower()


@dataclass(frozen=True)
class ReferenceOwnEquality:
    text: str
    weight: int = field(default=0, hash=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReferenceOwnEquality) and self.text.lower() == other.text.lower()


@frozen
class Shown:
    text: str

    def __repr__(self) -> str:
        return f"<{self.text}>"


VALUES = st.builds(lambda *args: args, st.text(max_size=3), st.lists(st.integers(0, 3)).map(tuple),
                   st.text(max_size=2), st.text(max_size=2))


@given(VALUES, VALUES)
def test_equality_hash_and_repr_are_those_of_a_frozen_dataclass(first, second):
    reference = (Reference(*first), Reference(*second))
    ours = (Ours(*first), Ours(*second))
    assert (ours[0] == ours[1]) == (reference[0] == reference[1])
    assert (ours[0] != ours[1]) == (reference[0] != reference[1])
    assert hash(ours[0]) == hash(reference[0])
    assert repr(ours[0]) == repr(reference[0]).replace("Reference(", "Ours(")


def test_other_classes_are_never_equal_and_own_methods_are_kept():
    assert Ours("a") != Reference("a") and Ours("a") != Child("a")
    assert Child("a", extra=1) == Child("a", extra=1) != Child("a", extra=2)
    assert repr(Child("a", extra=1)) == "Child(name='a', items=(), note='', extra=1)"
    assert Empty() == Empty() and hash(Empty()) == hash(()) and repr(Empty()) == "Empty()"
    assert repr(Shown("x")) == "<x>"
    assert OwnEquality("A", 1) == OwnEquality("a", 2)  # its own equality is kept
    assert hash(OwnEquality("a", 1)) == hash(ReferenceOwnEquality("a", 2)) == hash(("a",))
    with pytest.raises(TypeError):
        Child("a", (), "h", "n", 1)  # type: ignore[misc]  # extra is keyword-only


def test_a_frozen_value_cannot_change_and_is_replaced_and_pickled_as_a_dataclass():
    value = Ours("a", (1,), "h", "n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.name = "b"  # type: ignore[misc]
    assert dataclasses.replace(value, name="b") == Ours("b", (1,), "h", "n")
    assert pickle.loads(pickle.dumps(value)) == value
    assert dataclasses.asdict(value) == {"name": "a", "items": (1,), "hidden": "h", "note": "n"}
