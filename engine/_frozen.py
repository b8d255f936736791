"""``@frozen``: the engine's and the app's small frozen result objects, made without compiling code.

``@frozen`` gives a class what ``@dataclass(frozen=True)`` gives it: the fields it annotates, in
order (``dataclasses.fields``, ``replace`` and ``asdict`` read them as a dataclass's), an
``__init__`` taking them by position or by name with their defaults (``field(default=...)``,
``field(default_factory=...)``) and calling ``__post_init__``, a ``repr``, ``==`` and ``hash``
over the fields that ask for them (``field(repr=False)``, ``field(compare=False)``), and
``FrozenInstanceError`` on assigning or deleting a field. ``tests/test_frozen.py`` holds it to
``@dataclass(frozen=True)`` on generated classes.

Why not ``@dataclass(frozen=True)`` itself: Python 3.11 writes six methods of every such class as
source text and compiles each at import. For the 21 classes the app's first frame imports that
was 126 compilations, ~10 ms of CPU, a third of what the first frame can spend beyond its
libraries (README, Performance). Here ``dataclass`` only collects the fields (no method asked
for, nothing compiled) and the methods are closures over the class's field names: made, not
compiled. An instance is built in a few microseconds more than a dataclass's; result objects are
few (a dataset's series, its fits), so that cost is nowhere near what it saves.

Not supported (refused at class creation, so never silently different): ``InitVar``,
``kw_only`` fields and ``field(init=False)``.
"""

from __future__ import annotations

import dataclasses
import reprlib
from dataclasses import MISSING, FrozenInstanceError

__all__ = ["frozen"]


def frozen(cls: type) -> type:
    """Decorate ``cls`` as a frozen result class (``@dataclass(frozen=True)``'s behaviour)."""
    for name in ("__setattr__", "__delattr__"):
        if name in cls.__dict__:  # as dataclass(frozen=True) refuses it
            raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    # a __hash__ of the class's own is kept; one Python set to None for an own __eq__ is not (as
    # dataclass(frozen=True) decides)
    own_hash = cls.__dict__.get("__hash__", MISSING)
    keeps_hash = not (own_hash is MISSING or (own_hash is None and "__eq__" in cls.__dict__))
    if not cls.__dict__.get("__doc__"):
        # dataclass would write one from inspect.signature (~1 ms a class); the same, from the
        # annotations (text under `from __future__ import annotations`)
        annotations = cls.__dict__.get("__annotations__", {})
        listed = ", ".join(
            f"{name}: {kind if isinstance(kind, str) else getattr(kind, '__name__', kind)}"
            for name, kind in annotations.items()
        )
        cls.__doc__ = f"{cls.__name__}({listed})"
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # the fields, no methods
    fields = dataclasses.fields(cls)
    for f in fields:
        if not f.init or f.kw_only is True:
            raise TypeError(f"@frozen does not support field(init=False) or kw_only ({cls.__name__}.{f.name})")
    if any(f._field_type is dataclasses._FIELD_INITVAR for f in cls.__dataclass_fields__.values()):
        raise TypeError(f"@frozen does not support InitVar ({cls.__name__})")
    names = tuple(f.name for f in fields)
    required = 0
    for f in fields:
        if f.default is MISSING and f.default_factory is MISSING:
            if required != names.index(f.name):
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            required += 1
    defaults = {f.name: f.default for f in fields if f.default is not MISSING}
    factories = {f.name: f.default_factory for f in fields if f.default_factory is not MISSING}
    shown = tuple(f.name for f in fields if f.repr)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    methods = {
        "__init__": _init(cls, names, required, defaults, factories),
        "__repr__": _repr(shown),
        "__eq__": _eq(compared),
        "__setattr__": _setattr(cls, frozenset(names)),
        "__delattr__": _delattr(cls, frozenset(names)),
    }
    for name, method in methods.items():
        if name in ("__setattr__", "__delattr__") or name not in cls.__dict__:  # a class's own wins
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)  # type.__setattr__: the class, not an instance
    if not keeps_hash:  # eq and frozen: hashable by its fields
        method = _hash(hashed)
        method.__qualname__ = f"{cls.__qualname__}.__hash__"
        cls.__hash__ = method
    return cls


def _init(cls, names, required, defaults, factories):
    n = len(names)
    post_init = getattr(cls, "__post_init__", None) is not None
    setter = object.__setattr__

    def __init__(self, *args, **kwargs):
        if len(args) > n:
            raise TypeError(f"__init__() takes {n + 1} positional arguments but {len(args) + 1} were given")
        values = dict(zip(names, args))
        for key, value in kwargs.items():
            if key in values:
                raise TypeError(f"__init__() got multiple values for argument {key!r}")
            if key not in names:
                raise TypeError(f"__init__() got an unexpected keyword argument {key!r}")
            values[key] = value
        if len(values) < n:
            missing = [name for name in names[:required] if name not in values]
            if missing:
                listed = ", ".join(repr(name) for name in missing)
                raise TypeError(f"__init__() missing {len(missing)} required argument(s): {listed}")
        for name in names:
            if name in values:
                value = values[name]
            elif name in defaults:
                value = defaults[name]
            else:
                value = factories[name]()
            setter(self, name, value)
        if post_init:
            self.__post_init__()

    return __init__


def _repr(shown):
    @reprlib.recursive_repr()
    def __repr__(self):
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _eq(compared):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return tuple(getattr(self, n) for n in compared) == tuple(getattr(other, n) for n in compared)
        return NotImplemented

    return __eq__


def _hash(hashed):
    def __hash__(self):
        return hash(tuple(getattr(self, n) for n in hashed))

    return __hash__


def _setattr(cls, names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _delattr(cls, names):
    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__
