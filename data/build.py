"""Build the bundled points tables in data/points/ from the verbatim source copies in data/raw/.

Run from the repository root:  python data/build.py
The test suite runs this into a temporary folder and checks the committed files are identical,
so the points tables can never drift from their sources. Every row traces to one source row;
nothing is invented. What is left out is said in the catalog's notes.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pandas as pd

from scalescope.engine.arc import ARC_SETS, finish_points, merge_same_runs, set_tasks
from scalescope.engine.arc import arc_points as arc_set_points
from scalescope.engine.provenance import priced_tag

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"

ORD_BENCHMARKS = {
    "math-level-5": "MATH level 5",
    "gpqa-diamond": "GPQA Diamond",
    "otis-mock-aime": "OTIS Mock AIME 2024-2025",
}
EPOCH_BENCHMARKS = {"epoch-math-level-5": "MATH level 5", "epoch-gpqa-diamond": "GPQA Diamond"}
EPOCH_SUFFIX = re.compile(r"_(low|medium|high|\d+K)$")


def epoch_series(model: str) -> str:
    return EPOCH_SUFFIX.sub("", model)


def ord_points(benchmark: str) -> pd.DataFrame:
    raw = pd.read_csv(RAW / "ord_decomposition_points.csv")
    raw = raw[raw["benchmark"] == benchmark]
    return pd.DataFrame(
        {
            "benchmark": raw["benchmark"],
            "model": raw["model"],
            "series": raw["series"],
            "role": raw["role"].fillna(""),
            "compute": raw["compute_output_tokens_per_question"],
            "score": raw["score_pct"],
            "score_stderr": raw["score_stderr_pct"],
            "n": raw["n_questions"],
            "label": raw["label"],
            "source": "tokens: " + raw["compute_from"] + "; score: " + raw["score_from"],
        }
    )


def epoch_points(benchmark: str) -> pd.DataFrame:
    raw = pd.read_csv(RAW / "epoch_accuracy_vs_tokens.csv")
    raw = raw[raw["benchmark"] == benchmark]
    series = raw["model_version"].map(epoch_series)
    role = pd.Series("", index=raw.index)
    role[raw["model_version"] == "claude-3-5-sonnet-20241022"] = "base"
    role[series == "claude-3-7-sonnet-20250219"] = "reasoning"
    setting = raw["model_version"].str.extract(EPOCH_SUFFIX, expand=False).fillna("")
    return pd.DataFrame(
        {
            "benchmark": raw["benchmark"],
            "model": raw["model_version"],
            "series": series,
            "role": role,
            "compute": raw["output_tokens_per_question"],
            "score": raw["accuracy"] * 100,
            "score_stderr": raw["accuracy_stderr"] * 100,
            "n": raw["questions"],
            "label": setting.where(setting == "", "setting " + setting) + " run_match=" + raw["run_match"],
            "source": "Epoch AI Hub run "
            + raw["run_id"]
            + " ("
            + raw["scorer"]
            + "); tokens: "
            + raw["token_source"].str.split(";").str[0],
        }
    )


# One run listed more than once in the stored copies (data/raw/SOURCES.md): alias -> the row kept.
# The o3-preview low run is in the 2026 copy (o3-preview-low, $200), the 2025 copy (o3-low, $200)
# and the Dec 2024 blog ($20); its high run in the 2025 copy (o3-high, $3,474) and the blog (no
# cost). GPT-4.5 is in both copies under two ids with the same score and cost.
SAME_RUN = {
    "v1_Semi_Private": {
        "o3-low": "o3-preview-low",
        "o3-preview (tuned) high-efficiency (6 samples)": "o3-preview-low",
        "o3-preview (tuned) low-efficiency (1024 samples, ~172x compute)": "o3-high",
        "gpt-4.5-preview-2025-02-27": "gpt-4-5-2025-02-27",
    }
}
# o3-preview's two leaderboard runs as one series (the same system; ids from two snapshots)
SAME_SERIES = {"v1_Semi_Private": {"o3-high": "o3-preview"}}


@cache
def o3_pricing() -> tuple[str, str, str]:
    """(period of o3-low's $200, period of o3-high's $3,474, why): the blog's o3 low run cost
    $2,012 for 100 tasks ($20.12 a task) with 33M tokens; the high run used 5.7B tokens, 172.7x:
    at the blog's rates it costs $20.12 x 172.7 = $3,475, the leaderboard's $3,474. The low run's
    $200 is the leaderboard's later price (its footnote 1)."""
    blog = pd.read_csv(RAW / "arc_agi_o3_announcement.csv", dtype=str)
    low, high = blog.iloc[0], blog.iloc[1]

    def tokens(text: str) -> float:
        number, unit = re.match(r"([\d.]+)([MB])", text).groups()
        return float(number) * {"M": 1e6, "B": 1e9}[unit]

    per_task = float(low["total_cost_usd"]) / set_tasks("v1_Semi_Private")  # the semi-private set's 100 tasks
    ratio = tokens(high["tokens"]) / tokens(low["tokens"])
    why = (
        f"the blog's ${per_task:.2f} a task x {ratio:.1f}x tokens ({high['tokens']} / {low['tokens']}) = "
        f"${per_task * ratio:,.0f}: Dec-2024 rates"
    )
    return "after Dec 2024", "Dec 2024", why


LOW_WHY = "[the leaderboard's later $200 (its footnote 1); the blog gave $20 for the same run]"


def arc_points(arc_set: str) -> pd.DataFrame:
    """One ARC set from the verbatim leaderboard copy (``scalescope fetch arc`` uses the same code),
    each run once (its other listings named in its label) and the o3 pair's pricing periods flagged."""
    raw = pd.read_csv(RAW / "arc_agi_score_vs_cost.csv")
    frame = arc_set_points(raw, arc_set)
    same = SAME_RUN.get(arc_set)
    if not same:
        return frame
    snapshot = dict(zip(raw["model"] + "|" + raw["dataset"], raw["snapshot"]))

    def describe(row) -> str:
        cost = "no cost" if pd.isna(row["compute"]) else f"${row['compute']:,.2f}".replace(".00", "")
        where = snapshot.get(f"{row['model']}|{arc_set}", "")
        return f"{row['model']} ({where}: {row['score']:g} %, {cost})"

    frame = merge_same_runs(frame, same, describe)
    for model, series in SAME_SERIES.get(arc_set, {}).items():
        frame.loc[frame["model"] == model, "series"] = series
    if arc_set == "v1_Semi_Private":
        low_period, high_period, why = o3_pricing()
        frame.loc[frame["model"] == "o3-preview-low", "label"] += f" {priced_tag(low_period)} {LOW_WHY}"
        frame.loc[frame["model"] == "o3-high", "label"] += f" {priced_tag(high_period)} [{why}]"
    return frame


ESSAY_ARC_MODELS = {  # ARC model id -> series, in the essay's order (leaderboard rows, v1 semi-private)
    "o1 - low": "o1",
    "o1 - medium": "o1",
    "o1 - high": "o1",
    "o3-low": "o3 (ARC leaderboard costs, Apr 2025)",
    "o3-high": "o3 (ARC leaderboard costs, Apr 2025)",
    "mturker": "human: Avg. Mturker",
    "stem_grad": "human: Stem Grad",
    "2025_human_panel": "human: Human Panel (2025)",
}
O3_BLOG = "o3 (ARC blog costs, Dec 2024)"


def arc_essay_points() -> pd.DataFrame:
    """ARC-AGI-1 as Ord's log-x essay drew it: o1 low/medium/high and o3 low/high, with the o3
    costs by source (the Dec 2024 blog, the Apr 2025 leaderboard export) and the human rows.

    The blog publishes no cost for o3 high, only that it used 172x the low run's compute: the
    blog series' high point is derived as 172 x the blog's low cost and labelled so."""
    raw = pd.read_csv(RAW / "arc_agi_score_vs_cost.csv")
    raw = raw[(raw["dataset"] == "v1_Semi_Private") & raw["model"].isin(list(ESSAY_ARC_MODELS))].drop_duplicates()
    raw = raw.set_index("model").loc[list(ESSAY_ARC_MODELS)].reset_index()
    board = pd.DataFrame(
        {
            "model": raw["model"].map(lambda m: f"{m} (leaderboard)" if m.startswith("o3") else m),
            "series": raw["model"].map(ESSAY_ARC_MODELS),
            "compute": raw["cost_per_task_usd"],
            "score": raw["score_pct"],
            "label": (raw["display_name"].fillna("") + "; cost: ARC leaderboard export (" + raw["snapshot"] + ")")
            + raw["note"].fillna("").map(lambda n: f" [{n}]" if n else ""),
            "source": raw["source"],
        }
    )
    blog = pd.read_csv(RAW / "arc_agi_o3_announcement.csv", dtype=str)
    blog = blog[blog["eval_set"] == "Semi-Private (100 tasks)"]
    low = blog[blog["system"].str.contains("low-compute")].iloc[0]
    high = blog[blog["system"].str.contains("high-compute")].iloc[0]
    multiple = float(re.search(r"(\d+)x compute of low", high["system"]).group(1))
    low_cost = float(low["cost_per_task_usd"])
    blog_rows = pd.DataFrame(
        {
            "model": ["o3-low (blog)", "o3-high (blog, cost derived)"],
            "series": [O3_BLOG, O3_BLOG],
            "compute": [low_cost, multiple * low_cost],
            "score": [float(low["score_pct"]), float(high["score_pct"])],
            "label": [
                f"o3 low compute, {low['samples']} samples; cost as published in the ARC blog "
                f"(total ${float(low['total_cost_usd']):,.0f}, {low['tokens']} tokens)",
                f"o3 high compute, {high['samples']} samples; DERIVED cost = {multiple:g} x ${low_cost:g} "
                f"(blog's low cost) = ${multiple * low_cost:,.0f}: the blog gives the 172x compute ratio, "
                "not the cost (OpenAI asked ARC not to publish it)",
            ],
            "source": [low["source"], high["source"] + " (score, 172x); cost derived"],
        }
    )
    low_period, high_period, why = o3_pricing()
    tags = {
        "o3-low (blog)": f"[o3-preview, ARC-tuned] {priced_tag('Dec 2024')}",
        "o3-high (blog, cost derived)": f"[o3-preview, ARC-tuned] {priced_tag('Dec 2024')}",
        "o3-low (leaderboard)": f"[o3-preview, ARC-tuned] {priced_tag(low_period)} {LOW_WHY}",
        "o3-high (leaderboard)": f"{priced_tag(high_period)} [{why}]",
    }
    board["label"] = board["label"] + board["model"].map(lambda m: f" {tags[m]}" if m in tags else "")
    blog_rows["label"] = blog_rows["label"] + " " + blog_rows["model"].map(tags)
    rows = pd.concat([board.iloc[:3], blog_rows, board.iloc[3:]], ignore_index=True)
    machine = ~rows["series"].str.startswith("human")
    return rows.assign(
        benchmark="ARC-AGI v1_Semi_Private",
        role="",
        score_stderr=float("nan"),
        n=machine.map({True: float(set_tasks("v1_Semi_Private")), False: float("nan")}),  # its 100 tasks
    )


def o1_aime_points() -> pd.DataFrame:
    raw = pd.read_csv(RAW / "o1_aime_samples.csv")
    return pd.DataFrame(
        {
            "benchmark": "AIME 2024",
            "model": raw["system"] + " @" + raw["samples_per_problem"].astype(str) + " samples",
            "series": raw["system"],
            "role": "",
            "compute": raw["samples_per_problem"],
            "score": raw["aime2024_pct"],
            "score_stderr": float("nan"),
            "n": float("nan"),
            "label": raw["setting"],
            "source": raw["status"] + ": " + raw["source"],
        }
    )


def monkeys_points() -> pd.DataFrame:
    raw = pd.read_csv(RAW / "llm_monkeys_coverage.csv", dtype={"coverage_pct": str})
    numeric = pd.to_numeric(raw["coverage_pct"], errors="coerce")
    raw = raw[numeric.notna()].assign(coverage=numeric[numeric.notna()])  # ">95" is a bound
    return pd.DataFrame(
        {
            "benchmark": raw["task"],
            "model": raw["model"] + " @" + raw["samples_k"].map("{:g}".format),
            "series": raw["task"] + ": " + raw["model"],
            "role": "",
            "compute": raw["samples_k"],
            "score": raw["coverage"],
            "score_stderr": float("nan"),
            "n": float("nan"),
            "label": raw["status"],
            "source": raw["source"],
        }
    )


AIDER_COMMIT = "5dc9490bb35f"  # github.com/Aider-AI/aider, aider/website/_data/polyglot_leaderboard.yml
AIDER_SETTING = re.compile(r"^(?P<series>.*?) \((?P<setting>[^()]*)\)$")


def aider_points() -> pd.DataFrame:
    """Aider's polyglot leaderboard, its effort and thinking-budget sweeps: dollars per test case
    (total_cost / test_cases) against pass_rate_2. The model name's parenthesis is the setting;
    a name without one ran at the default effort (no --reasoning-effort in the command)."""
    raw = pd.read_csv(RAW / "aider_polyglot_sweeps.csv", dtype={"thinking_tokens": str, "reasoning_effort": str})
    parts = raw["model"].str.extract(AIDER_SETTING)
    series = parts["series"].fillna(raw["model"])
    setting = parts["setting"].fillna("default effort (no --reasoning-effort)")
    budget = raw["thinking_tokens"].fillna("").map(lambda t: f"; thinking_tokens {t}" if t else "")
    return pd.DataFrame(
        {
            "benchmark": "Aider polyglot",
            "model": raw["model"],
            "series": series,
            "role": "",
            "compute": raw["total_cost"] / raw["test_cases"],
            "score": raw["pass_rate_2"],
            "score_stderr": float("nan"),
            "n": raw["total_tests"].astype(float),
            "label": setting + budget,
            "source": "Aider polyglot leaderboard @"
            + AIDER_COMMIT
            + " run "
            + raw["dirname"]
            + " ("
            + raw["date"]
            + "): total_cost $"
            + raw["total_cost"].map("{:.4f}".format)
            + " / "
            + raw["test_cases"].astype(str)
            + " cases",
        }
    )


def build_all() -> dict[str, pd.DataFrame]:
    tables: dict[str, pd.DataFrame] = {}
    for key, benchmark in ORD_BENCHMARKS.items():
        tables[key] = ord_points(benchmark)
    for key, benchmark in EPOCH_BENCHMARKS.items():
        tables[key] = epoch_points(benchmark)
    for key, arc_set in ARC_SETS.items():
        tables[key] = arc_points(arc_set)
    tables["arc-agi-1-o1-o3"] = arc_essay_points()
    tables["o1-aime-samples"] = o1_aime_points()
    tables["llm-monkeys-coverage"] = monkeys_points()
    tables["aider-polyglot"] = aider_points()
    return {key: finish_points(frame) for key, frame in tables.items()}


def write_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for key, frame in build_all().items():
        path = out / f"{key}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "points"
    for path in write_all(target):
        print(path)
