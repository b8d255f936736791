"""Settings of one model: reasoning effort and thinking budget, as model-id suffixes or columns.

A sweep (one model at several efforts or budgets) is the most common shape of inference-scaling
data: Epoch AI writes ``claude-3-7-sonnet-20250219_64K`` and ``o3-mini-2025-01-31_high``, OpenAI
``o3-mini-high``, result tables a ``reasoning_effort`` or ``thinking_tokens`` column. This module
says which part of a model id is a setting, how to name it, and how settings order (effort from
``none`` to ``max``, budgets by size), so every reader groups a sweep the same way:

- :func:`split_setting` ``("claude-3-7-sonnet-20250219_64K") -> ("claude-3-7-sonnet-20250219", "64K budget")``
- :func:`setting_label` ``(effort="high") -> "high effort"``, ``(budget=16384) -> "16K budget"``
- :func:`setting_rank` a sort key: no setting first, then efforts in their order, then budgets
  by size.

Suffixes are read conservatively: an effort word after ``_`` or ``-`` (``minimal``, ``low``,
``medium``, ``high``, ``xhigh``; ``none`` and ``max`` only after ``_``, since ``-max`` names whole
models such as ``qwen-max``), and a budget as ``_16K`` / ``_32k`` / ``-thinking-16k`` (a bare
``-16k`` is a context window, as in ``gpt-3.5-turbo-16k``, and is left alone).
"""

from __future__ import annotations

import re

EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max")

_EFFORT_SUFFIX = re.compile(r"(?i)(?:_(none|minimal|low|medium|high|xhigh|max)|-(minimal|low|medium|high|xhigh))$")
_BUDGET_SUFFIX = re.compile(r"(?i)(?:_|[-_]thinking[-_]?)(\d{1,7})k$")


def split_setting(model: str) -> tuple[str, str]:
    """``(model without its setting suffix, the setting's label)``; ``(model, "")`` when the id
    carries no effort or budget suffix (or nothing would be left of it)."""
    match = _EFFORT_SUFFIX.search(model)
    if match and match.start() > 0:
        return model[: match.start()], setting_label(effort=(match.group(1) or match.group(2)).lower())
    match = _BUDGET_SUFFIX.search(model)
    if match and match.start() > 0:
        return model[: match.start()], f"{int(match.group(1))}K budget"
    return model, ""


def budget_text(tokens: float) -> str:
    """``16384 -> '16K'``, ``64000 -> '64K'`` (Anthropic writes budgets both ways), ``1500 -> '1,500-token'``."""
    if tokens >= 1000 and tokens % 1024 == 0:
        return f"{int(tokens) // 1024}K"
    if tokens >= 1000 and tokens % 1000 == 0:
        return f"{int(tokens) // 1000}K"
    return f"{tokens:,.0f}-token" if tokens == int(tokens) else f"{tokens:,g}-token"


def setting_label(*, effort: str | None = None, budget: float | None = None) -> str:
    """How a setting is shown: ``'high effort'``, ``'16K budget'``, both joined by ``', '``."""
    parts = []
    if effort:
        parts.append(f"{effort.strip().lower()} effort")
    if budget is not None and budget == budget:
        parts.append(f"{budget_text(budget)} budget")
    return ", ".join(parts)


def setting_rank(label: str) -> tuple[int, float, str]:
    """Sort key of a setting label: no setting, then efforts in :data:`EFFORTS` order, then budgets
    by size (``16K`` = 16 x 1024), then anything else by its text."""
    text = label.strip().lower()
    if not text:
        return (0, 0.0, "")
    words = re.split(r"[\s,_-]+", text)
    for word in words:
        if word in EFFORTS:
            return (1, float(EFFORTS.index(word)), text)
    budget = re.search(r"(\d+(?:\.\d+)?)\s*([km]?)\b", text)
    if budget:
        scale = {"k": 1024, "m": 1024**2}.get(budget.group(2), 1)
        return (2, float(budget.group(1)) * scale, text)
    return (3, 0.0, text)


# headers of a column that holds a setting (normalised: lower case, spaces and dashes as "_")
EFFORT_COLUMNS = ("reasoning_effort", "effort")
BUDGET_COLUMNS = (
    "budget",
    "thinking_budget",
    "thinking_tokens",
    "budget_tokens",
    "reasoning_tokens",
    "max_thinking_tokens",
    "thinking_budget_tokens",
)
