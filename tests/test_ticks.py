from __future__ import annotations

import pytest

from scalescope.engine.ticks import decade_ticks, nice_ticks, short_number


@pytest.mark.parametrize(
    "value, text",
    [
        (1, "1"),
        (10, "10"),
        (1000, "1K"),
        (1500, "1.5K"),
        (10_000, "10K"),
        (100_000, "100K"),
        (2e6, "2M"),
        (0.01, "0.01"),
        (0.25, "0.25"),
        (1681.8, "1.68K"),
        (3e9, "3B"),
    ],
)
def test_short_numbers(value, text):
    assert short_number(value) == text


def test_decades_for_tokens_usd_samples():
    _, labels = decade_ticks(300, 300_000, "tokens")
    assert labels == ["1K", "10K", "100K"]
    _, labels = decade_ticks(0.01, 5000, "usd")
    assert labels == ["$0.01", "$0.1", "$1", "$10", "$100", "$1K"]
    _, labels = decade_ticks(1, 10_000, "samples")
    assert labels == ["1", "10", "100", "1K", "10K"]


def test_narrow_ranges_get_1_2_5_steps_and_never_odd_decimals():
    _, labels = decade_ticks(400, 30_000, "tokens")
    assert labels == ["500", "1K", "2K", "5K", "10K", "20K"]
    for lo, hi in [(1200, 4000), (0.3, 0.9), (800, 14_000), (441, 26_990)]:
        _, labels = decade_ticks(lo, hi, "tokens")
        assert all("." not in label or len(label) <= 4 for label in labels), labels


def test_many_decades_are_thinned():
    pos, labels = decade_ticks(1e-3, 1e12, "tokens", max_ticks=8)
    assert len(labels) <= 8


def test_linear_ticks_are_round():
    values, labels = nice_ticks(0, 27_000, "tokens")
    assert labels[:3] == ["0", "10K", "20K"]
    values, labels = nice_ticks(0, 3474, "usd")
    assert labels == ["$0", "$1K", "$2K", "$3K"]
