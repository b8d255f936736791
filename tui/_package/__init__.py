"""scalescope: a keyboard-driven terminal explorer for inference scaling.

This folder is installed as the top-level ``scalescope`` package; the repository's ``engine/``
becomes ``scalescope.engine`` (pure analysis, no UI imports), ``tui/`` becomes ``scalescope.tui``
(the app and the command line) and ``data/`` becomes ``scalescope.data`` (the bundled datasets).
The mapping is ``[tool.setuptools] package-dir`` in pyproject.toml.

Importing this package imports nothing else: the version is read from the installed metadata on
first use.
"""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str):
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("scalescope")
        except PackageNotFoundError:  # running from a checkout that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'scalescope' has no attribute {name!r}")
