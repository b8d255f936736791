"""Remote paths (engine/remote.py) against local servers on 127.0.0.1 started here: an S3 server
(moto) and an HTTP server that serves byte ranges. Every command reads s3:// and https:// as it
reads the same local files; credentials come from the environment or a profile and are never
printed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scalescope.engine import remote
from scalescope.engine.errors import DataError
from scalescope.engine.io import load
from scalescope.engine.partials import reduce_source, write_partials
from scalescope.engine.readers import read_per_sample
from scalescope.tui.cli import main

from .remote_servers import KEY_ID, S3_ENV, SECRET, http_server, s3_admin, s3_server, upload
from .test_partials import passk_json, same_rows, samples, shards

BUCKET = "evals"
INSPECT = Path(__file__).parent / "fixtures" / "inspect"
# the tests that start a server are in the slow tier (CI's second run): a few seconds each here
server = pytest.mark.slow


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Local per-sample files and their partials: the same data is uploaded to the servers."""
    root = tmp_path_factory.mktemp("remote-data")
    rng = np.random.default_rng(11)
    frame = samples(rng, 6000, problems=60)
    frame.to_parquet(root / "runs.parquet", index=False)
    frame.to_csv(root / "runs.csv", index=False)
    shards(frame, root / "shards", 4)
    rich = samples(rng, 3000, problems=20, extra=True)
    rich.to_parquet(root / "rich.parquet", index=False)
    write_partials(reduce_source(root / "rich.parquet").table, root / "partials.parquet")
    return root


@pytest.fixture(scope="module")
def endpoint(data):
    with s3_server() as url:
        fs = s3_admin(url)
        fs.create_dir(BUCKET)
        for name in ("runs.parquet", "runs.csv", "shards", "rich.parquet", "partials.parquet"):
            upload(fs, data / name, f"{BUCKET}/{name}")
        upload(fs, INSPECT, f"{BUCKET}/logs")
        yield url


@pytest.fixture
def s3(endpoint, monkeypatch, tmp_path):
    """The environment of a user of that S3 server: keys and endpoint in the usual variables."""
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL_S3", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    return f"s3://{BUCKET}"


@server
@pytest.mark.parametrize("name", ["runs.parquet", "runs.csv", "shards", "shards/", "partials.parquet"])
def test_passk_s3_equals_local(s3, data, name, capsys):
    local = data / name.rstrip("/")
    same_rows(read_per_sample(f"{s3}/{name}"), read_per_sample(local))
    assert passk_json(f"{s3}/{name}", capsys) == passk_json(local, capsys)


@server
def test_passk_s3_text_and_app_dataset(s3, data, capsys):
    assert main(["passk", f"{s3}/shards"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("s3://evals/shards: 2 model(s)")
    assert main(["passk", str(data / "shards")]) == 0
    assert out.split("\n", 1)[1] == capsys.readouterr().out.split("\n", 1)[1]
    ds = load(f"{s3}/runs.parquet")
    assert ds.x.kind == "samples" and sorted(ds.series) == ["m0", "m1"]
    assert [p["score"] for p in ds.points.records()] == [
        p["score"] for p in load(data / "runs.parquet").points.records()
    ]


@server
def test_reduce_s3_to_s3_and_back(s3, data, capsys):
    out = f"{s3}/out/partials.parquet"
    assert main(["reduce", f"{s3}/rich.parquet", "--out", out, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["out"] == "s3://evals/out/partials.parquet" and report["rows"] == 3000
    assert passk_json(out, capsys) == passk_json(data / "rich.parquet", capsys)
    assert main(["reduce", f"{s3}/rich.parquet", "--out", out]) == 2  # never overwritten
    assert "already exists" in capsys.readouterr().err


@server
def test_profile_gives_endpoint_and_keys(endpoint, data, monkeypatch, tmp_path, capsys):
    """No variables but AWS_PROFILE: the endpoint from ~/.aws/config, the keys from credentials."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    config, credentials = tmp_path / "config", tmp_path / "credentials"
    config.write_text(f"[profile lab]\nregion = us-east-1\nendpoint_url = {endpoint}\n")
    credentials.write_text(f"[lab]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_PROFILE", "lab")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    assert remote.s3_options()["endpoint_override"] == endpoint.split("://")[1]
    same_rows(read_per_sample(f"s3://{BUCKET}/runs.parquet"), read_per_sample(data / "runs.parquet"))


@server
@pytest.mark.parametrize(
    "argv",
    [
        ["passk", "s3://evals/missing.parquet"],
        ["passk", "s3://no-such-bucket/x.parquet"],
        ["passk", f"s3://{KEY_ID}:{SECRET}@evals/runs.parquet"],
        ["passk", "s3://evals/runs.parquet", "--json"],
        ["reduce", "s3://evals/missing/", "--out", "x.parquet", "--json"],
        ["show", "s3://evals/nothing.csv", "--json"],
    ],
)
def test_secrets_never_printed(s3, argv, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    main(argv)
    out, err = capsys.readouterr()
    assert out or err
    for secret in (SECRET, KEY_ID):
        assert secret not in out and secret not in err


@server
def test_credentials_in_the_path_refused_and_unreachable_server(s3, monkeypatch, capsys):
    assert main(["passk", f"s3://{KEY_ID}:{SECRET}@evals/runs.parquet"]) == 2
    err = capsys.readouterr().err
    assert "credentials in the path are refused" in err and "s3://evals/runs.parquet" in err
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens on the discard port
    monkeypatch.setattr(remote, "CONNECT_TIMEOUT", 1.0)
    assert main(["passk", "s3://evals/runs.parquet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scalescope: s3://evals/runs.parquet: cannot read") and SECRET not in err


def test_scrub_replaces_every_secret(monkeypatch):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_SESSION_TOKEN", "tok-123456")
    assert remote.scrub(f"denied for {SECRET} with tok-123456") == "denied for *** with ***"


@server
def test_remote_limits_named(s3, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(remote, "MAX_STREAM_BYTES", 1000)
        with pytest.raises(DataError, match=r"s3://evals/runs.parquet: file is .* the limit"):
            read_per_sample(f"{s3}/runs.parquet")
    monkeypatch.setattr(remote, "MAX_FOLDER_LOGS", 2)
    entries, notes = remote.list_files(remote.parse(f"{s3}/shards"), (".parquet",))
    assert len(entries) == 2 and notes == [
        "skipped s3://evals/shards/part-002.parquet: more than 2 files (MAX_FOLDER_LOGS)",
        "skipped s3://evals/shards/part-003.parquet: more than 2 files (MAX_FOLDER_LOGS)",
    ]


@server
def test_https_file_read_by_ranges(data, capsys):
    with http_server(data) as url:
        same_rows(read_per_sample(f"{url}/runs.parquet"), read_per_sample(data / "runs.parquet"))
        assert passk_json(f"{url}/runs.csv", capsys) == passk_json(data / "runs.csv", capsys)
        assert main(["passk", f"{url}/shards"]) == 2  # HTTP has no folders: one file at a time
        assert capsys.readouterr().err == f"scalescope: {url}/shards: no such file (HTTP 404)\n"
    with http_server(data, ranges=False) as url:
        assert main(["passk", f"{url}/runs.parquet"]) == 2
        assert "only servers that serve byte ranges are read" in capsys.readouterr().err


@server
def test_remote_frame_matches_pandas(s3, data):
    frame = pd.read_parquet(data / "runs.parquet")
    want = frame.groupby(["model", "problem_id"])["correct"].agg(n="size", c="sum").sort_index()
    got = read_per_sample(f"{s3}/shards").set_index(["model", "problem"])[["n", "c"]].sort_index()
    np.testing.assert_array_equal(got.to_numpy(float), want.to_numpy(float))


def test_s3_options_from_environment_and_profile(monkeypatch, tmp_path):
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    assert remote.s3_options() == {"connect_timeout": remote.CONNECT_TIMEOUT, "request_timeout": remote.REQUEST_TIMEOUT}
    config = tmp_path / "config"
    config.write_text("[default]\nregion = eu-west-1\n[profile minio]\nendpoint_url = https://minio.lab:9000\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    assert remote.s3_options()["region"] == "eu-west-1"
    monkeypatch.setenv("AWS_PROFILE", "minio")
    options = remote.s3_options()
    assert (options["endpoint_override"], options["scheme"], options["region"]) == (
        "minio.lab:9000",
        "https",
        "us-east-1",
    )
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9001")  # the service-specific one wins
    assert remote.s3_options()["endpoint_override"] == "127.0.0.1:9001"


def test_parse_remote_paths():
    assert remote.is_remote("s3://b/k") and remote.is_remote("GS://b") and remote.is_remote("https://h/x.csv")
    assert not remote.is_remote("runs/s3://x") and not remote.is_remote("file.csv")
    path = remote.parse("gcs://bucket/dir/runs.parquet")
    assert (path.uri, path.path, path.stem, path.suffix) == (
        "gs://bucket/dir/runs.parquet",
        "bucket/dir/runs.parquet",
        "runs",
        ".parquet",
    )
    with pytest.raises(DataError, match="^s3://bucket/k: credentials in the path are refused") as info:
        remote.parse(f"s3://{KEY_ID}:{SECRET}@bucket/k")
    assert SECRET not in str(info.value) and KEY_ID not in str(info.value)


def _points(ds) -> list[tuple]:
    return [(r["model"], r["compute"], r["score"], r["n"]) for r in ds.points.records()]


@server
def test_inspect_logs_from_s3_and_https(s3, capsys):
    """A remote folder of Inspect logs (.eval zips and .json) reads as the local folder: the file
    access layer (engine/files.py) opens the objects, the Inspect reader is unchanged."""
    local = load(INSPECT)
    got = load(f"{s3}/logs")
    assert got.x.kind == "tokens" and _points(got) == _points(local) and len(_points(got)) == 3
    assert main(["fit", f"{s3}/logs", "--json"]) == 0
    remote_fit = json.loads(capsys.readouterr().out)
    assert main(["fit", str(INSPECT), "--json"]) == 0
    local_fit = json.loads(capsys.readouterr().out)
    assert remote_fit["dataset"] == "logs" and remote_fit["fits"] == local_fit["fits"]
    with http_server(INSPECT) as url:
        one = load(f"{url}/budget-8k.eval")
        assert _points(one) == _points(load(INSPECT / "budget-8k.eval"))


@server
async def test_app_opens_an_s3_path(s3, tmp_path):
    from scalescope.tui.app import ScalescopeApp
    from tests.test_app import settle, summary_text

    app = ScalescopeApp(f"{s3}/shards", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view.dataset_id == "shards"
        text = summary_text(app)
        assert "m0" in text and "m1" in text


@pytest.mark.parametrize("url", ["https://127.0.0.1:1/\x1b]0;x\x07.csv", "https://127.0.0.1:1/" + "a" * 100_000])
def test_url_httpx_refuses_is_one_line(url, capsys):
    """httpx.InvalidURL (a control character, a URL too long) is not an httpx.HTTPError: it was a
    traceback."""
    assert main(["show", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("scalescope: ") and "\x1b" not in err


@pytest.mark.parametrize("url", [f"s3://{KEY_ID}:{SECRET}@evals/x.eval", f"https://user:{SECRET}@127.0.0.1:1/x.eval"])
def test_budget_never_prints_credentials_in_a_url(url, capsys):
    assert main(["budget", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and SECRET not in err and KEY_ID not in err
