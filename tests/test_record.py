"""`Record`, the cheap stand-in for @dataclass that the core's data classes use."""

from __future__ import annotations

import pytest

from advisor.record import Record, asdict, field


class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


class Labelled(Point):
    label: str = ""


class Identity(Record, eq=False):
    name: str


class WithPost(Record):
    a: int

    def __post_init__(self) -> None:
        self.double = self.a * 2


def test_positional_keyword_and_defaults():
    assert Point(1, 2).y == 2
    assert Point(x=1).y == 0
    assert Point(1, tags=["a"]).tags == ["a"]


def test_default_factories_are_fresh_per_object():
    first, second = Point(1), Point(2)
    first.tags.append("mutated")
    assert second.tags == []


def test_equality_and_repr_follow_the_fields():
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(1, 3)
    assert Point(1) != Labelled(1)
    assert repr(Labelled(1, label="a")) == "Labelled(x=1, y=0, tags=[], label='a')"
    with pytest.raises(TypeError):
        hash(Point(1))


def test_eq_false_compares_identity_and_hashes():
    a = Identity("a")
    assert a != Identity("a") and a == a
    assert len({a, Identity("a")}) == 2


def test_wrong_arguments_are_type_errors_naming_the_field():
    with pytest.raises(TypeError, match="missing argument 'x'"):
        Point()
    with pytest.raises(TypeError, match="unexpected argument 'z'"):
        Point(1, z=3)
    with pytest.raises(TypeError, match="takes 3 arguments"):
        Point(1, 2, [], 4)


def test_a_required_field_after_a_default_is_refused():
    with pytest.raises(TypeError, match="'b' without a default"):

        class Bad(Record):
            a: int = 0
            b: int


def test_post_init_and_asdict():
    assert WithPost(3).double == 6
    assert asdict({"p": [Labelled(1, label="l")], "t": (Point(2),)}) == {
        "p": [{"x": 1, "y": 0, "tags": [], "label": "l"}],
        "t": ({"x": 2, "y": 0, "tags": []},),
    }


def test_a_mutable_default_is_refused_so_objects_never_share_one_list():
    with pytest.raises(TypeError, match="mutable default"):

        class Shared(Record):
            notes: list[str] = []  # noqa: RUF012
