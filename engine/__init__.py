"""scalescope's engine: pure fitting and attribution over numpy, pandas and scipy.

No UI imports here (a test enforces it). Every analysis returns a small frozen result object.
The names below load on first use: importing one small module (``scalescope.engine.errors``,
``scalescope.engine.affordable``) imports nothing else, and nothing here needs pandas, pyarrow or
scipy until a file is read or an analysis needs them.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module

_WHERE = {
    "catalog": "catalog",
    "dataset_ids": "catalog",
    "load_bundled": "catalog",
    "Dataset": "dataset",
    "XAxis": "dataset",
    "DecomposeOptions": "decompose",
    "Decomposition": "decompose",
    "decompose": "decompose",
    "DataError": "errors",
    "FitError": "errors",
    "ScalescopeError": "errors",
    "LINKS": "fit",
    "TrendFit": "fit",
    "fit_trend": "fit",
    "Interval": "uncertainty",
}

__all__ = [
    "DataError",
    "Dataset",
    "DecomposeOptions",
    "Decomposition",
    "FitError",
    "Interval",
    "LINKS",
    "ScalescopeError",
    "TrendFit",
    "XAxis",
    "catalog",
    "dataset_ids",
    "decompose",
    "fit_trend",
    "load_bundled",
]


class _Engine(types.ModuleType):
    def __getattr__(self, name: str):
        module = _WHERE.get(name)
        if module is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", self.__name__), name)
        setattr(self, name, value)
        return value

    def __setattr__(self, name: str, value) -> None:
        # importing a submodule binds it on the package; two are named like the function they
        # export (catalog, decompose): the package keeps the function, as an eager import would
        if name in _WHERE and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(_WHERE))


sys.modules[__name__].__class__ = _Engine
