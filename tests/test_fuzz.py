"""A short run of the reader fuzzer (the long one: python tests/fuzz/fuzz_readers.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_readers_survive_random_files():
    spec = importlib.util.spec_from_file_location("fuzz_readers", Path(__file__).parent / "fuzz" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.run(150) >= 150
