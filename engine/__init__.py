"""scalescope's engine: pure fitting and attribution over numpy, pandas and scipy.

No UI imports here (a test enforces it). Every analysis returns a small frozen result object.
The names below are imported on first use, so that importing one small module (say
``scalescope.engine.passk``) does not pull in pandas or the readers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

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


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:
    from .catalog import catalog, dataset_ids, load_bundled
    from .dataset import Dataset, XAxis
    from .decompose import DecomposeOptions, Decomposition, decompose
    from .errors import DataError, FitError, ScalescopeError
    from .fit import LINKS, TrendFit, fit_trend
    from .uncertainty import Interval
