"""Heavy modules bound at import but loaded on first use.

``from ._lazy import pandas as pd`` lets a reader name ``pd.DataFrame`` as usual, while a command
that never touches pandas (a plain CSV points table, a bundled dataset) never pays its import
(about 0.3 s, more than reading 100k rows). The first attribute looked up loads the real module.
"""

from __future__ import annotations

import importlib
import types


class LazyModule(types.ModuleType):
    def __getattr__(self, attr: str):
        module = importlib.import_module(self.__name__)
        return getattr(module, attr)


pandas = LazyModule("pandas")
