"""The public API: input checks before any model call, settings precedence, exports."""

import datetime as dt
import json
from pathlib import Path

import pytest

import extractor
from extractor.testing import FakeBackend
from extractor import (
    ArticleTooLargeError, ConfigError, EmptyArticleError, Extractor, InputError, NotTextError, Settings,
)
from extractor.model.prompts import load_prompts


def test_all_is_exactly_the_public_api() -> None:
    public = {n for n in dir(extractor) if not n.startswith("_") and not isinstance(getattr(extractor, n), type(extractor))}
    assert set(extractor.__all__) == public
    for name in extractor.__all__:
        assert getattr(extractor, name) is not None


@pytest.mark.parametrize("text,error,fragment", [
    ("", EmptyArticleError, "empty"),
    ("   \n\t ", EmptyArticleError, "empty"),
    (b"\xff\xfe caf\xe9", NotTextError, "not UTF-8"),
    ("abc\x00def", NotTextError, "NUL"),
    ("x" * 101, ArticleTooLargeError, "over the limit of 100"),
])
def test_bad_input_fails_before_any_model_call(text, error, fragment) -> None:  # type: ignore[no-untyped-def]
    backend = FakeBackend([])
    ex = Extractor(Settings.from_env(env={}, max_chars=100), backend=backend)
    with pytest.raises(error) as info:
        ex.extract(text)
    assert isinstance(info.value, InputError)
    assert fragment in str(info.value)
    assert backend.calls == []


def test_utf8_bytes_are_accepted() -> None:
    backend = FakeBackend([{"incidents": []}])
    result = Extractor(backend=backend).extract("Gunmen attacked a caf\u00e9.".encode(), published=dt.date(2021, 1, 1))
    assert result.incidents == [] and result.article.published == dt.date(2021, 1, 1)


def test_bad_published_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a date"):
        Extractor(backend=FakeBackend([])).extract("text", published="last tuesday")


def test_settings_precedence_arguments_then_env_then_defaults() -> None:
    env = {"EXTRACTOR_MODEL": "env-model", "EXTRACTOR_BASE_URL": "http://localhost:8000/v1", "EXTRACTOR_MAX_CHARS": "500"}
    s = Settings.from_env(env=env, model="arg-model")
    assert (s.model, s.base_url, s.max_chars) == ("arg-model", "http://localhost:8000/v1", 500)
    assert s.resolved_provider == "compatible" and s.resolved_mode == "json"
    d = Settings.from_env(env={})
    assert d.resolved_provider == "local" and d.resolved_mode == "md_json" and d.temperature == 0.0 and d.seed == 7


def test_openai_is_chosen_explicitly_not_by_an_api_key_lying_around() -> None:
    assert Settings.from_env(env={"OPENAI_API_KEY": "sk-test"}).resolved_provider == "local"
    s = Settings.from_env(env={"OPENAI_API_KEY": "sk-test", "EXTRACTOR_PROVIDER": "openai"})
    assert (s.resolved_provider, s.resolved_model, s.resolved_mode, s.api_key) == ("openai", "gpt-4o-mini", "tools", "sk-test")


@pytest.mark.parametrize("env,fragment", [
    ({"EXTRACTOR_PROVIDER": "compatible"}, "needs a base URL"),
    ({"EXTRACTOR_BASE_URL": "http://localhost:11434/v1"}, "needs a model name"),
    ({"EXTRACTOR_PROVIDER": "anthropic"}, "not one of"),
    ({"EXTRACTOR_MAX_CHARS": "lots"}, "not a valid"),
])
def test_bad_settings_say_how_to_fix(env: dict, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        Settings.from_env(env=env)


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings.from_env(env={}, modle="typo")


def test_settings_are_frozen() -> None:
    with pytest.raises(Exception):
        Settings().model = "x"  # type: ignore[misc]


def test_every_setting_is_in_the_readme_table() -> None:
    import dataclasses

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    for f in dataclasses.fields(Settings):
        [row] = [r for r in rows if r.startswith(f"| `{f.name}` |")]
        names = f.metadata["env"]
        for name in (names,) if isinstance(names, str) else names:
            assert f"`{name}`" in row, name


def test_settings_own_every_environment_variable() -> None:
    """Only `settings.py` reads EXTRACTOR_* variables: anything else would bypass Settings."""
    import re

    package = Path(__file__).resolve().parent.parent / "extractor"
    readers = {str(p.relative_to(package)) for p in package.rglob("*.py")
               if re.search(r"environ(?:\.get)?\s*[\[(]\s*[\"']EXTRACTOR_", p.read_text(encoding="utf-8"))}
    assert readers <= {"settings.py"}


def test_actor_aliases_come_from_settings(tmp_path: Path) -> None:
    extra = tmp_path / "actors.json"
    extra.write_text(json.dumps({"actors": [{"canonical": "Jaish al-Test", "kind": "rebel_group", "aliases": ["gunmen"]}]}))
    answer = {"incidents": [{"summary": "Gunmen attacked.", "perpetrators": ["Gunmen"], "targets": [],
                             "event_type": "violence_against_civilians",
                             "evidence": ["Gunmen attacked Dambala village on Tuesday."]}]}
    text = "Gunmen attacked Dambala village on Tuesday."
    plain = Extractor(backend=FakeBackend([answer]), log="off").extract(text)
    ours = Extractor(Settings.from_env(env={"EXTRACTOR_ACTORS": str(extra), "EXTRACTOR_LOG": "off"}),
                     backend=FakeBackend([answer])).extract(text)
    assert plain.incidents[0].perpetrators[0].canonical != "Jaish al-Test"
    assert ours.incidents[0].perpetrators[0].canonical == "Jaish al-Test"
    assert ours.incidents[0].perpetrators[0].kind == "rebel_group"


def test_prompt_version_tracks_the_templates(tmp_path: Path) -> None:
    base = load_prompts()
    (tmp_path / "system.txt").write_text(base.system + "\nOne more rule.", encoding="utf-8")
    (tmp_path / "user.txt").write_text(base.user, encoding="utf-8")
    changed = load_prompts(tmp_path)
    assert changed.version != base.version and len(base.version) == 12


def test_prompt_holds_the_article_but_not_the_publication_date() -> None:
    backend = FakeBackend([{"incidents": []}])
    Extractor(backend=backend).extract("Gunmen attacked a bus {{ not jinja }}.", published="2021-05-06")
    system, user = backend.calls[0][0], backend.calls[0][-1]
    assert system["role"] == "system" and user["role"] == "user"
    assert "[1] Gunmen attacked a bus {{ not jinja }}." in user["content"]
    assert "2021-05-06" not in "".join(m["content"] for m in backend.calls[0])
    assert "A different place or day is a different incident" in system["content"]


def test_no_anchor_leaves_relative_dates_unresolved_with_a_warning() -> None:
    ideal = {"incidents": [{"summary": "s", "when": "on Tuesday", "perpetrators": ["gunmen"], "targets": ["villagers"],
                            "claims": [], "evidence": ["Gunmen attacked Dambala village on Tuesday."]}]}
    result = Extractor(backend=FakeBackend([ideal])).extract("Gunmen attacked Dambala village on Tuesday.")
    [incident] = result.incidents
    assert incident.date.value is None and incident.date.text == "on Tuesday"
    assert any("no dateline" in w for w in result.warnings)


@pytest.mark.parametrize("reply", [
    [{"summary": "s", "claims": [{"claimant": "police", "killed": 3}], "evidence": ["Gunmen killed three police."]}],
    {"summary": "s", "claims": [{"claimant": "police", "killed": 3}], "evidence": ["Gunmen killed three police."]},
])
def test_small_model_shapes_are_read_not_reasked(reply) -> None:  # type: ignore[no-untyped-def]
    from extractor.model.schema import RawExtraction, grounded_in

    with grounded_in("Gunmen killed three police."):
        parsed = RawExtraction.model_validate(reply)
    assert parsed.incidents[0].claims[0].killed == "3"


def test_the_core_imports_no_provider_sdk() -> None:
    """Like LangExtract's core: openai and instructor load only when a real backend is built."""
    import subprocess
    import sys

    code = "import extractor, sys; print(sorted(m for m in ('openai', 'instructor', 'llama_cpp') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_every_exchange_is_logged_to_sqlite(tmp_path: Path) -> None:
    import sqlite3

    from extractor import ExtractionError

    log = tmp_path / "log.sqlite"
    ideal = {"incidents": [{"summary": "s", "when": "on Tuesday", "perpetrators": ["gunmen"], "targets": ["villagers"],
                            "claims": [], "evidence": ["Gunmen attacked Dambala village on Tuesday."]}]}
    failure = ExtractionError("endpoint down", cause="transport", attempts=3)
    ex = Extractor(Settings.from_env(env={"EXTRACTOR_LOG": str(log)}), backend=FakeBackend([ideal, failure]))
    ex.extract("Gunmen attacked Dambala village on Tuesday.", article_id="ok-one")
    with pytest.raises(ExtractionError):
        ex.extract("Gunmen attacked the town on Monday.", article_id="failed-one")
    rows = sqlite3.connect(log).execute(
        "SELECT article_id, outcome, model_output, error, prompt_version FROM exchanges ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("ok-one", "ok"), ("failed-one", "error")]
    assert '"Gunmen attacked Dambala village on Tuesday."' in rows[0][2] and rows[1][3] == "transport: endpoint down"
    assert rows[0][4] == ex.prompts.version


def test_exchange_log_can_be_turned_off(tmp_path: Path) -> None:
    assert Settings.from_env(env={"EXTRACTOR_LOG": "off"}).log_path is None
    assert Extractor(Settings.from_env(env={"EXTRACTOR_LOG": "off"}), backend=FakeBackend([])).log is None


def test_code_output_refuses_or_salvages_an_answer_with_quotes_not_in_the_article() -> None:
    from extractor import ExtractionError

    text = "KABUL, Jan. 29 (Wire) -- Gunmen killed three police officers at a checkpoint in Kunduz province on Tuesday night."
    answer = {"incidents": [
        {"summary": "real", "event_type": "battle", "province": "Kunduz province",
         "evidence": ["Gunmen killed three police officers at a checkpoint in Kunduz province on Tuesday night."]},
        {"summary": "invented", "event_type": "battle", "evidence": ["Rebels burned a market in Herat."]},
    ]}
    coder = Extractor(backend=FakeBackend([]), log="off")
    with pytest.raises(ExtractionError) as failed:
        coder.code_output(text, answer, published="2020-01-29")
    assert failed.value.cause == "validation" and "re-run this article online" in str(failed.value)
    result = coder.code_output(text, json.dumps(answer), published="2020-01-29", salvage=True)
    assert [i.summary for i in result.incidents] == ["real"] and len(result.rejected) == 1
    assert any("failed validation" in w for w in result.warnings)
