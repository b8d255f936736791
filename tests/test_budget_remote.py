"""scalescope budget reads remote Inspect logs as the other readers do (through engine/files.py):
it refused them because it asked Path.exists whether a URL was a log. Tested against a real HTTP
server on 127.0.0.1 that serves byte ranges, as the other remote tests are."""

from __future__ import annotations

import json

from scalescope.tui.cli import main

from .conftest import ROOT
from .remote_servers import http_server

INSPECT = ROOT / "tests" / "fixtures" / "inspect"


def test_budget_of_a_log_over_https_equals_the_local_one(capsys):
    assert main(["budget", str(INSPECT / "budget-8k.eval"), "--json"]) == 0
    local = json.loads(capsys.readouterr().out)
    with http_server(INSPECT) as url:
        assert main(["budget", f"{url}/budget-8k.eval", "--json"]) == 0
        remote = json.loads(capsys.readouterr().out)
        assert main(["budget", f"{url}/budget-8k.eval"]) == 0
        text = capsys.readouterr().out
    assert remote["curves"] == local["curves"] and remote["task"] == local["task"]
    assert "score within L" in text


def test_a_remote_file_that_is_not_a_log_is_still_one_line(tmp_path, capsys):
    (tmp_path / "points.csv").write_text("model,compute,score\na,1,2\n")
    with http_server(tmp_path) as url:
        assert main(["budget", f"{url}/points.csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "budget reads Inspect logs" in err


def test_passk_of_a_remote_log_equals_the_local_one(capsys):
    assert main(["passk", str(INSPECT / "budget-8k.eval"), "--json"]) == 0
    local = json.loads(capsys.readouterr().out)
    with http_server(INSPECT) as url:
        assert main(["passk", f"{url}/budget-8k.eval", "--json"]) == 0
        remote = json.loads(capsys.readouterr().out)
    assert remote["models"] == local["models"]
