"""Errors the engine raises for bad input: one line that names file, row and column."""

from __future__ import annotations


class ScalescopeError(Exception):
    """Base class for every error scalescope reports to a user (never a traceback)."""


class DataError(ScalescopeError, ValueError):
    """A problem with an input file or table.

    ``row`` is the 1-based line number in the file as a user sees it in an editor (the header
    is line 1, so the first data row is line 2), or the record number for JSON and Parquet.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.detail = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.detail}" if prefix else self.detail


class ColumnsError(DataError):
    """A table whose columns cannot be matched to the points table (the app offers a mapping)."""

    def __init__(self, message: str, *, file: str | None, found: list[str], missing: list[str]) -> None:
        self.found = found
        self.missing = missing
        super().__init__(message, file=file)


class InputError(ScalescopeError, ValueError):
    """A bad argument (not a file): a cost ratio that is not above 1, a decline that is no decline."""


class FitError(ScalescopeError, ValueError):
    """A fit or an analysis that cannot be done on the points given (too few, degenerate)."""


class FetchError(ScalescopeError):
    """A download that failed (offline, HTTP error, timeout, truncated, too large): nothing was cached."""
