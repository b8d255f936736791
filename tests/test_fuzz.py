"""A short run of the reader fuzzer (the long one: python tests/fuzz/fuzz_readers.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


def _fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_readers", Path(__file__).parent / "fuzz" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readers_survive_random_files():
    assert _fuzzer().run(40) >= 40


@pytest.mark.slow
def test_readers_survive_more_random_files():
    assert _fuzzer().run(400) >= 400
