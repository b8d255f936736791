"""Write the bad-input corpus in this folder, and expected.json: what each file's error names.

    python tests/bad_inputs/make_corpus.py

Each entry: the words the one-line error must contain, and the row and column it must name
(null where a whole-file problem has none). tests/test_bad_inputs.py runs every file through
the command line and the app. Cases that cannot be files in git (a directory, a file without
read permission) are made by the test itself.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOOD_HEAD = "model,compute,score\n"

CASES: dict[str, tuple[bytes, list[str], int | None, str | None]] = {
    "empty.csv": (b"", ["file is empty"], None, None),
    "header_only.csv": (GOOD_HEAD.encode(), ["no data rows"], None, None),
    "whitespace_only.csv": (b"  \n\n  \n", ["no content"], None, None),
    "wrong_delimiter.csv": (b"model compute score\na 10 5\nb 100 9\n", ["missing column", "model compute score"], None,
                            None),
    "bom_bad_cell.csv": (("\ufeff" + GOOD_HEAD + "a,10,5\nb,ten,6\n").encode(), ["'ten' is not a number"], 3, "compute"),
    "latin1.csv": ((GOOD_HEAD + "caf\u00e9,10,5\n").encode("latin-1"), ["not UTF-8"], 2, None),
    "binary.csv": (bytes(range(256)) * 4, ["not UTF-8"], None, None),
    "non_numeric_score.csv": ((GOOD_HEAD + "a,10,5\nb,100,high\n").encode(), ["'high' is not a number"], 3, "score"),
    "nan_score.csv": ((GOOD_HEAD + "a,10,NaN\n").encode(), ["NaN"], 2, "score"),
    "inf_compute.csv": ((GOOD_HEAD + "a,inf,5\n").encode(), ["infinite"], 2, "compute"),
    "zero_compute.csv": ((GOOD_HEAD + "a,10,5\nb,0,6\n").encode(), ["must be > 0"], 3, "compute"),
    "negative_compute.csv": ((GOOD_HEAD + "a,-10,5\n").encode(), ["must be > 0"], 2, "compute"),
    "score_over_100.csv": ((GOOD_HEAD + "a,10,5\nb,20,100.5\n").encode(), ["outside 0-100"], 3, "score"),
    "score_below_0.csv": ((GOOD_HEAD + "a,10,-0.1\n").encode(), ["outside 0-100"], 2, "score"),
    "accuracy_over_1.csv": (b"model,tokens,accuracy\na,10,0.5\nb,20,55\n", ["outside 0-100", "0-1 fraction"], 3,
                            "accuracy"),
    "duplicate_rows.csv": ((GOOD_HEAD + "a,10,5\nb,20,6\na,10,5\n").encode(), ["appears twice (rows 2 and 4)"], 4,
                           "model"),
    "empty_model.csv": ((GOOD_HEAD + "a,10,5\n,20,6\n").encode(), ["model is empty"], 3, "model"),
    "unknown_role.csv": (b"model,compute,score,role\na,10,5,teacher\n", ["not one of base, reasoning"], 2, "role"),
    "ragged.csv": ((GOOD_HEAD + "a,10,5\nb,20,6,7,8\n").encode(), ["cannot parse"], None, None),
    "huge_cell.csv": ((GOOD_HEAD + "x" * 20000 + ",10,5\n").encode(), ["20,000 characters"], 2, "model"),
    "stderr_negative.csv": (b"model,compute,score,score_stderr\na,10,5,-1\n", ["stderr must be >= 0"], 2,
                            "score_stderr"),
    "invalid.json": (b'[{"model": "a", "compute": 10, "score": 5},', ["invalid JSON"], None, None),
    "wrong_shape.json": (b'{"model": "a", "compute": 10}', ["JSON must be"], None, None),
    "scalar_list.json": (b"[1, 2, 3]", ["expected an object"], 1, None),
    "nested.json": (b'[{"model": "a", "compute": [1, 2], "score": 5}]', ["nested values"], 1, "compute"),
    "bad_line.jsonl": (b'{"model": "a", "compute": 10, "score": 5}\n{"model": "b", oops}\n', ["invalid JSON"], 2,
                       None),
    "empty.eval": (b"", ["file is empty"], None, None),
    "random.parquet": (b"PAR1" + bytes(range(200)), ["not a readable Parquet"], None, None),
    "per_sample_bad_value.csv": (b"problem_id,correct\nq1,1\nq1,maybe\n", ["'maybe' is not a correctness value"], 3,
                                 "correct"),
    "counts_c_over_n.csv": (b"problem,n,c\nq1,10,3\nq2,5,6\n", ["impossible"], 3, "c"),
    "monkeys_not_list.jsonl": (b'{"question": "q", "is_corrects": 3}\n', ["non-empty list"], 1, "is_corrects"),
}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CASES["not_inspect.eval"] = (zip_bytes({"readme.txt": b"hello"}), ["not an Inspect log"], None, None)
CASES["unfinished.eval"] = (zip_bytes({"_journal/start.json": b"{}"}), ["did not finish"], None, None)
CASES["zip_is_not_eval.eval"] = (b"PK\x03\x04garbage", ["not a readable .eval file"], None, None)


def main() -> None:
    expected = {}
    for name, (content, words, row, column) in CASES.items():
        (HERE / name).write_bytes(content)
        expected[name] = {"words": words, "row": row, "column": column}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")
    print(f"{len(CASES)} files")


if __name__ == "__main__":
    main()
