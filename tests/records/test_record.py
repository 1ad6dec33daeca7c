"""``@record``: immutable slotted value classes, as the catalog's types use them."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from llmdex.records.record import field, fields, record, replace, specs
from tests.conftest import ROOT

RECORD_LINE = Path(__file__).read_text(encoding="utf-8").splitlines().index("@record") + 1


@record
class Point:
    x: int
    y: int = 0
    label: str = field(default="", key="name")


@record
class Point3(Point):
    z: int = 0

    def describe(self) -> str:
        return "3d " + super().__repr__()


def test_fields_keep_declaration_order_across_bases() -> None:
    assert fields(Point3) == ("x", "y", "label", "z")
    assert specs(Point)["label"].key == "name"


def test_construction_is_keyword_only_with_defaults() -> None:
    assert Point(x=1) == Point(x=1, y=0, label="")
    with pytest.raises(TypeError, match=r"Point\.__init__\(\) takes 1 positional argument"):
        Point(1)  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"Point\.__init__\(\) missing 1 required"):
        Point()  # type: ignore[call-arg]


def test_records_are_immutable_and_replace_makes_a_copy() -> None:
    point = Point(x=1)
    with pytest.raises(AttributeError, match="immutable"):
        point.x = 2  # type: ignore[misc]
    assert replace(point, y=5) == Point(x=1, y=5) and point.y == 0
    with pytest.raises(TypeError, match="no field 'w'"):
        replace(point, w=1)  # type: ignore[call-arg]


def test_equality_hash_repr_and_pickle_are_field_wise() -> None:
    point = Point3(x=1, y=2, z=3)
    assert point == Point3(x=1, y=2, z=3) != Point3(x=1, y=2, z=4)
    assert Point(x=1) != Point3(x=1)  # another class is never equal
    assert hash(point) == hash(Point3(x=1, y=2, z=3))
    assert repr(point) == "Point3(x=1, y=2, label='', z=3)"
    assert pickle.loads(pickle.dumps(point)) == point


def test_zero_argument_super_works_in_a_record() -> None:
    assert Point3(x=1, y=-2, z=3).describe() == "3d Point3(x=1, y=-2, label='', z=3)"


def test_a_mutable_default_is_refused() -> None:
    with pytest.raises(TypeError, match=r"Bad\.items: the default \[\] is mutable"):

        @record
        class Bad:
            items: list[int] = []  # noqa: RUF012


def test_init_names_the_file_and_line_of_its_class() -> None:
    code = Point.__init__.__code__
    assert code.co_filename == __file__
    assert code.co_firstlineno == RECORD_LINE
    assert Point.__init__.__qualname__ == "Point.__init__"


def test_the_runtime_records_take_their_init_from_record_inits() -> None:
    # record_inits.py is what `make schema` writes from the classes as they are now; a class
    # whose fields changed since would compile its __init__ at every import.
    from codegen.record_inits import OUTPUT, formatted, record_classes
    from llmdex.records.inits import INITS

    assert (ROOT / OUTPUT).read_text(encoding="utf-8") == formatted(), "run `make schema`"
    for key, cls in record_classes().items():
        assert cls.__init__.__code__ is INITS[key].__code__, key


def test_an_init_from_record_inits_keeps_defaults_and_checks() -> None:
    from llmdex.pricing.usage import Usage
    from llmdex.records.model import Limit

    assert Limit(context=10, output=5).input is None
    assert Limit.__init__.__qualname__ == "Limit.__init__"
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'output'"):
        Limit(context=10)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="input_tokens"):
        Usage(input_tokens=-1)
