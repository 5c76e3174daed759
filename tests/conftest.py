"""Test guards: no real connection unless a test opts in; cassettes replay strictly.

- Sockets are blocked for every test not marked `network` (vcrpy replays without sockets).
- `cassette(name)` replays fixtures/cassettes/NAME.yaml; a request it does not hold fails
  the test, and so does an interaction it holds that was never played.
- EXTRACTOR_RECORD=1 re-records: the real embedded local model is started and every
  exchange written anew (see README, "Re-recording cassettes"); with
  EXTRACTOR_RECORD_SERVER_URL, against that already-running llama.cpp server instead.
- Tests marked `local_model` run the real model: on with CI=true or --local-model (about a
  minute on 2 cores, server start included, since the model points at sentences: issue 12).
"""

from __future__ import annotations

import os
import socket
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import vcr

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RECORDING = os.environ.get("EXTRACTOR_RECORD") == "1"
RECORD_SERVER_URL = os.environ.get("EXTRACTOR_RECORD_SERVER_URL")
# A loopback address nothing listens on: replay never starts the local server nor connects.
REPLAY_SERVER_URL = "http://127.0.0.1:9/v1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--local-model", action="store_true", help="run tests marked local_model (slow)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--local-model") or RECORDING or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="runs the real local model: use --local-model (on by itself with CI=true)")
    for item in items:
        if "local_model" in item.keywords:
            item.add_marker(skip)


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _block_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if RECORDING or request.node.get_closest_marker("network") or request.node.get_closest_marker("local_model"):
        return
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise NetworkBlocked(f"test tried to connect to {address!r}; mark it @pytest.mark.network to allow")

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting leaks in from the developer's shell; caches go to a temporary folder."""
    for name in list(os.environ):
        if name.startswith("EXTRACTOR_") and name not in ("EXTRACTOR_RECORD", "EXTRACTOR_RECORD_SERVER_URL") or name in (
                "OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(name, raising=False)
    if not RECORDING:
        monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))


# Credentials never reach a cassette: these request headers are dropped when recording.
SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"]


def _skip_probes(request):  # type: ignore[no-untyped-def]
    if request.path.endswith("/models"):
        return None  # the local server's readiness probe: not part of an extraction
    return request


def _scrub_response(response):  # type: ignore[no-untyped-def]
    headers = response.get("headers", {})
    for header in list(headers):
        if header.lower() in ("set-cookie", "openai-organization", "x-request-id"):
            headers.pop(header)
    return response


def make_vcr() -> vcr.VCR:
    return vcr.VCR(
        cassette_library_dir=str(FIXTURES / "cassettes"),
        record_mode="all" if RECORDING else "none",
        match_on=["method", "path", "body"],
        before_record_request=_skip_probes,
        filter_headers=SECRET_HEADERS,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )


_RECORDED: set[str] = set()  # cassettes cleared in this recording session


@pytest.fixture
def cassette():
    """`with cassette("name"):` replays NAME.yaml; on leaving, every recorded exchange must have played."""
    recorder = make_vcr()

    @contextmanager
    def use(name: str) -> Iterator[object]:
        if RECORDING and name not in _RECORDED:  # written anew: vcrpy's "all" mode keeps what the file held
            (FIXTURES / "cassettes" / f"{name}.yaml").unlink(missing_ok=True)
            _RECORDED.add(name)
        with recorder.use_cassette(f"{name}.yaml", allow_playback_repeats=False) as cas:
            yield cas
        if not RECORDING:
            assert cas.all_played, f"cassette {name}.yaml holds exchanges that were never played"

    return use


def local_settings_kwargs() -> dict:
    """Settings for the embedded local model: a real server when recording (the one at
    EXTRACTOR_RECORD_SERVER_URL if set, else one started here), a dead URL on replay."""
    if RECORDING:
        return {"local_server_url": RECORD_SERVER_URL} if RECORD_SERVER_URL else {}
    return {"local_server_url": REPLAY_SERVER_URL}
