"""engine/_frozen.frozen behaves as dataclass(frozen=True): the same class built both ways, from
generated field lists, is compared on every behaviour the result objects rely on."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine._frozen import frozen

KINDS = ("required", "default", "factory")


@st.composite
def field_specs(draw):
    n = draw(st.integers(0, 6))
    names = [f"f{i}" for i in range(n)]
    specs = []
    seen_default = False
    for name in names:
        kind = draw(st.sampled_from(KINDS if not seen_default else KINDS[1:]))
        seen_default |= kind != "required"
        specs.append((name, kind, draw(st.booleans()), draw(st.booleans())))  # repr, compare
    return specs


def build(specs, decorate, post_init=False, name="Result"):
    namespace = {"__annotations__": {}, "__module__": __name__, "__qualname__": name}
    for field_name, kind, shown, compared in specs:
        namespace["__annotations__"][field_name] = "object"
        options = {"repr": shown, "compare": compared}
        if kind == "default":
            options["default"] = len(field_name)
        elif kind == "factory":
            options["default_factory"] = list
        namespace[field_name] = dataclasses.field(**options)
    if post_init:

        def __post_init__(self):
            if getattr(self, "f0", None) == "bad":
                raise ValueError("f0 is bad")
            object.__setattr__(self, "derived", repr(getattr(self, "f0", None)))

        namespace["__post_init__"] = __post_init__
    return decorate(type(name, (), namespace))


def outcome(call):
    try:
        return ("ok", call())
    except (TypeError, ValueError) as exc:
        return (type(exc).__name__, None)


values = st.one_of(st.integers(-3, 3), st.text(max_size=3), st.just("bad"), st.tuples(st.integers(0, 2)))


@settings(max_examples=300, deadline=None)
@given(specs=field_specs(), post_init=st.booleans(), data=st.data())
def test_frozen_behaves_as_a_frozen_dataclass(specs, post_init, data):
    real = build(specs, dataclasses.dataclass(frozen=True), post_init)
    ours = build(specs, frozen, post_init)
    assert [(f.name, f.default, f.default_factory, f.repr, f.compare) for f in dataclasses.fields(ours)] == [
        (f.name, f.default, f.default_factory, f.repr, f.compare) for f in dataclasses.fields(real)
    ]
    assert ours.__match_args__ == real.__match_args__
    names = [s[0] for s in specs]
    # arguments as a caller might give them: some by position, some by name, maybe one too many,
    # a name twice or a name that is no field
    positional = data.draw(st.lists(values, max_size=len(names) + 1))
    by_name = data.draw(st.dictionaries(st.sampled_from([*names, "nope"]) if names else st.just("nope"), values))
    made_real = outcome(lambda: real(*positional, **by_name))
    made_ours = outcome(lambda: ours(*positional, **by_name))
    assert made_real[0] == made_ours[0]
    if made_real[0] != "ok":
        return
    a, b = made_real[1], made_ours[1]
    assert repr(b).replace("Result(", "") == repr(a).replace("Result(", "")
    assert dataclasses.asdict(b) == dataclasses.asdict(a)
    assert b.__dict__ == a.__dict__  # every field, and what __post_init__ set
    again = ours(*positional, **by_name)
    assert (again == b) is True and (again != b) is False
    assert (b == a) is False  # another class: NotImplemented both ways, so not equal
    hashable = outcome(lambda: hash(a))[0] == "ok"
    assert (outcome(lambda: hash(b))[0] == "ok") == hashable
    if hashable:
        assert hash(again) == hash(b)
    for name in [*names, "other"]:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(b, name, 1)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(b, name)
    assert copy.copy(b).__dict__ == b.__dict__
    if names:
        changed_real = outcome(lambda: dataclasses.replace(a, **{names[0]: "new"}))
        changed_ours = outcome(lambda: dataclasses.replace(b, **{names[0]: "new"}))
        assert changed_real[0] == changed_ours[0]
        if changed_real[0] == "ok":
            assert changed_ours[1].__dict__ == changed_real[1].__dict__
            # equal exactly when the compared fields are
            compared_same = all(getattr(changed_ours[1], s[0]) == getattr(b, s[0]) for s in specs if s[3])
            assert (changed_ours[1] == b) is compared_same


@frozen
class Pickled:
    name: str
    values: tuple = ()
    extra: dict = dataclasses.field(default_factory=dict, compare=False)


def test_pickle_and_copy_keep_every_field():
    one = Pickled("a", (1, 2), {"k": 1})
    for other in (pickle.loads(pickle.dumps(one)), copy.copy(one), copy.deepcopy(one)):
        assert other == one and other.__dict__ == one.__dict__ and hash(other) == hash(one)
        with pytest.raises(dataclasses.FrozenInstanceError):
            other.name = "b"


def test_a_default_before_a_required_field_is_refused_as_dataclass_does():
    specs = [("f0", "default", True, True), ("f1", "required", True, True)]
    with pytest.raises(TypeError, match="non-default argument"):
        build(specs, dataclasses.dataclass(frozen=True))
    with pytest.raises(TypeError, match="non-default argument"):
        build(specs, frozen)


def test_own_methods_are_kept_and_own_setattr_refused():
    @frozen
    class Own:
        x: int

        def __repr__(self):
            return "mine"

        def __eq__(self, other):
            return True

    assert repr(Own(1)) == "mine" and Own(1) == Own(2)
    assert hash(Own(1)) == hash(Own(1)) and hash(Own(1)) != hash(Own(2))  # dataclass adds a field hash

    with pytest.raises(TypeError, match="__setattr__"):

        @frozen
        class Settable:
            x: int

            def __setattr__(self, name, value):
                pass


def test_unsupported_field_options_are_refused():
    with pytest.raises(TypeError, match="init=False"):

        @frozen
        class Hidden:
            x: int = dataclasses.field(default=0, init=False)

    with pytest.raises(TypeError, match="InitVar"):

        @frozen
        class WithInitVar:
            x: dataclasses.InitVar[int]


def test_every_result_class_of_the_engine_and_app_is_frozen():
    """No result class is left a compiled dataclass (the source says @frozen, never @dataclass),
    and the classes the app's first frame uses are made by @frozen and refuse assignment."""
    from pathlib import Path

    import scalescope.tui.app  # noqa: F401  (the first frame's modules)

    root = Path(__file__).resolve().parents[1]
    sources = [p for d in ("engine", "tui") for p in (root / d).rglob("*.py")]
    assert len(sources) > 30
    decorated = [p for p in sources if re.search(r"^@dataclass", p.read_text(encoding="utf-8"), re.M)]
    assert decorated == []
    import sys

    found = [
        value
        for name, module in list(sys.modules.items())
        if name.startswith("scalescope.")
        for value in vars(module).values()
        if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value)
    ]
    assert len(found) >= 19
    assert [c.__qualname__ for c in found if c.__init__.__module__ != "scalescope.engine._frozen"] == []
    assert all(c.__setattr__.__module__ == "scalescope.engine._frozen" for c in found)
