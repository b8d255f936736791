"""scalescope's engine: pure fitting and attribution over numpy, pandas and scipy.

No UI imports here (a test enforces it). Every analysis returns a small frozen result object.
Importing the engine imports numpy only: pandas, pyarrow and scipy load when a file is read or
an analysis needs them.
"""

from .catalog import catalog, dataset_ids, load_bundled
from .dataset import Dataset, XAxis
from .decompose import DecomposeOptions, Decomposition, decompose
from .errors import DataError, FitError, ScalescopeError
from .fit import LINKS, TrendFit, fit_trend
from .uncertainty import Interval

__all__ = [
    "LINKS",
    "DataError",
    "Dataset",
    "DecomposeOptions",
    "Decomposition",
    "FitError",
    "Interval",
    "ScalescopeError",
    "TrendFit",
    "XAxis",
    "catalog",
    "dataset_ids",
    "decompose",
    "fit_trend",
    "load_bundled",
]
