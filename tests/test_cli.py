"""The CLI through typer's runner: exit codes, output, and error records."""

import json

import pytest
from typer.testing import CliRunner

from extractor import ExtractionResult
from extractor.cli.main import app
from tests.conftest import FIXTURES, REPLAY_SERVER_URL

runner = CliRunner()
SEED = FIXTURES / "articles" / "xinhua-2020-01-29-kunduz-baghlan.txt"


def test_help_explains_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "extract" in result.output and "model" in result.output
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--published", "--model", "--base-url", "--provider", "--indent"):
        assert option in result.output


@pytest.mark.parametrize("command,options", [
    (["run"], ["--format", "--store", "--concurrency", "--workers", "--rpm", "--tpm", "--max-tokens", "--max-cost", "--model"]),
    (["eval"], ["--json", "--details"]),
    (["report"], ["--articles", "--gold", "--output"]),
    (["batch", "prepare"], ["--output", "--manifest", "--model", "--base-url"]),
    (["batch", "collect"], ["--manifest", "--format", "--store"]),
    (["batch", "submit"], ["--model"]), (["batch", "status"], ["--model"]), (["batch", "fetch"], ["--output"]),
])
def test_every_command_explains_its_options(command, options) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for option in options:
        assert option in result.output, (command, option)


def test_extract_prints_one_json_result_per_article_and_error_records(cassette, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXTRACTOR_LOCAL_SERVER_URL", REPLAY_SERVER_URL)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with cassette("local-xinhua-2020-01-29-kunduz-baghlan"):
        result = runner.invoke(app, ["extract", str(empty), str(SEED), str(binary), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 4
    assert lines[0]["error"] == "EmptyArticleError" and lines[0]["file"] == str(empty)
    seed = ExtractionResult.model_validate(lines[1])
    assert seed.article.id == SEED.stem and seed.incidents
    assert lines[2]["error"] == "NotTextError"
    assert lines[3]["error"] == "FileNotFoundError"


def test_bad_provider_setting_exits_2_with_a_fix() -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--provider", "compatible"])
    assert result.exit_code == 2 and "needs a base URL" in result.output


def test_model_path_reports_the_configured_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setenv("EXTRACTOR_LOCAL_MODEL", str(model))
    result = runner.invoke(app, ["model", "path"])
    assert result.exit_code == 0 and result.stdout.strip() == str(model)
    monkeypatch.setenv("EXTRACTOR_LOCAL_MODEL", str(tmp_path / "nope.gguf"))
    result = runner.invoke(app, ["model", "path"])
    assert result.exit_code == 1 and "does not exist" in result.output


def test_pretty_prints_a_readable_table(cassette, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXTRACTOR_LOCAL_SERVER_URL", REPLAY_SERVER_URL)
    with cassette("local-xinhua-2020-01-29-kunduz-baghlan"):
        result = runner.invoke(app, ["extract", str(SEED), "--pretty"])
    assert result.exit_code == 0, result.output
    assert "2 incident(s)" in result.output
    assert "2020-01-29" in result.output and "2020-01-28" in result.output
    assert "Kunduz" in result.output and "Baghlan" in result.output and "battle / armed_clash" in result.output
    assert not result.output.lstrip().startswith("{")
