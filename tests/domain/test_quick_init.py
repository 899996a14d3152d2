"""quick_init: a faster constructor that makes exactly what the dataclass's own makes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from keyplan.domain.layout.model import Box, CardSpec
from keyplan.domain.quick_init import quick_init
from keyplan.store.map.rows import MapPerson


@dataclass(frozen=True, slots=True)
class _Plain:
    name: str
    size: float
    note: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class _Quick:
    name: str
    size: float
    note: str | None = None


def test_the_record_made_is_the_one_the_dataclass_makes():
    for args, kwargs in [(("a", 1.0), {}), (("b", 2.0, "n"), {}), (("c",), {"size": 3.0})]:
        quick, plain = _Quick(*args, **kwargs), _Plain(*args, **kwargs)
        assert dataclasses.astuple(quick) == dataclasses.astuple(plain)
    assert _Quick("a", 1.0) == _Quick("a", 1.0) != _Quick("a", 1.5)
    assert hash(_Quick("a", 1.0)) == hash(_Quick("a", 1.0))
    assert dataclasses.replace(_Quick("a", 1.0), note="x") == _Quick("a", 1.0, "x")


def test_it_stays_frozen_and_checks_its_arguments():
    record = _Quick("a", 1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "b"  # type: ignore[misc]
    with pytest.raises(TypeError, match="size"):
        _Quick("a")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword"):
        _Quick("a", 1.0, colour="red")  # type: ignore[call-arg]


def test_the_map_records_use_it_and_keep_their_defaults():
    assert CardSpec(1, None, 2.0, 3.0).manual_position is None
    assert Box(1.0, 2.0, 3.0, 4.0).bottom == 6.0
    person = MapPerson(1, 2, "Ann", None, None, None, None, "user", None, "neutral", 1, False,
                       None, None, (), None)  # fmt: skip
    assert (person.profile_url, person.is_vacancy, person.evidence) == (None, False, ())
    assert MapPerson.__init__.__qualname__ == "MapPerson.__init__"


@pytest.mark.parametrize(
    "cls",
    [
        dataclass(slots=True)(type("Mutable", (), {"__annotations__": {"a": "int"}})),
        dataclass(frozen=True)(type("NoSlots", (), {"__annotations__": {"a": "int"}})),
    ],
)
def test_only_frozen_slotted_dataclasses_are_taken(cls):
    with pytest.raises(TypeError, match="not a frozen, slotted dataclass"):
        quick_init(cls)


def test_a_default_factory_is_refused():
    with pytest.raises(TypeError, match="plain __init__ parameter"):

        @quick_init
        @dataclass(frozen=True, slots=True)
        class _Listed:
            items: list[int] = field(default_factory=list)
