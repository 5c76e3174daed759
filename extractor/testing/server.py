"""A real OpenAI-compatible HTTP server on 127.0.0.1 that answers from a script.

Each scripted step is one of: ok(content, finish_reason="stop"), status(code, headers),
slow(seconds, step), drop() (close the connection without answering), malformed(),
echo_auth(code, form) (an error whose body quotes the request's Authorization header, as some
servers do on 401: as is, JSON-escaped with `\\/` as PHP writes it, or URL-encoded). Requests are
recorded (bodies in `requests`, headers in `headers` with lower-case names, arrival times in
`arrivals`) so that tests can check what was sent, how often and when.

It also serves the Batch API's files and batches endpoints: a created batch is executed at once,
each request answered by the same rule/script as online calls, and reads as completed.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.parse
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


def ok(content: str | dict, finish_reason: str = "stop", prompt_tokens: int = 100, completion_tokens: int = 50) -> dict:
    text = content if isinstance(content, str) else json.dumps(content)
    return {"kind": "ok", "content": text, "finish_reason": finish_reason,
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


def status(code: int, headers: dict[str, str] | None = None) -> dict:
    return {"kind": "status", "code": code, "headers": headers or {}}


def slow(seconds: float, step: dict) -> dict:
    return {**step, "delay": seconds}


def drop() -> dict:
    return {"kind": "drop"}


def malformed() -> dict:
    return {"kind": "malformed"}


def echo_auth(code: int = 401, form: str = "raw") -> dict:
    """`form`: "raw" (JSON as Python writes it), "php" (every `/` written `\\/`) or "url" (%-encoded)."""
    return {"kind": "echo_auth", "code": code, "form": form}


class FakeOpenAI:
    def __init__(self, script: list[dict] | None = None, default: dict | None = None,
                 rule: Callable[[dict], dict | None] | None = None) -> None:
        """`rule(body)` may answer a request by its content (before the script); None passes."""
        self.script: deque[dict] = deque(script or [])
        self.default = default
        self.rule = rule
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.arrivals: list[float] = []  # time.time() of each chat request
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes: without this, Nagle's algorithm and the
            # client's delayed ACK add ~40 ms to every answer.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                parts = self.path.rstrip("/").split("/")
                if "batches" in parts:
                    batch = fake.batches.get(parts[-1])
                    self._send(200 if batch else 404, batch or {"error": {"message": "no such batch"}})
                elif "files" in parts and parts[-1] == "content":
                    raw = fake.files.get(parts[-2], b"")
                    self.send_response(200)
                    self.send_header("content-type", "application/octet-stream")
                    self.send_header("content-length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                else:
                    self._send(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                if self.path.rstrip("/").endswith("/files"):
                    self._send(200, fake.upload(raw, self.headers.get("content-type", "")))
                    return
                body = json.loads(raw or b"{}")
                if self.path.rstrip("/").endswith("/batches"):
                    self._send(200, fake.run_batch(body))
                    return
                with fake.lock:
                    fake.requests.append(body)
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                    fake.arrivals.append(time.time())
                    step = fake.rule(body) if fake.rule else None
                    if step is None:
                        step = fake.script.popleft() if fake.script else fake.default
                if step is None:
                    self._send(500, {"error": {"message": "fake server: script exhausted"}})
                    return
                time.sleep(step.get("delay", 0))
                if step["kind"] == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if step["kind"] == "status":
                    self._send(step["code"], {"error": {"message": f"fake {step['code']}"}}, step["headers"])
                    return
                if step["kind"] == "echo_auth":
                    auth = self.headers.get("authorization", "")
                    if step.get("form") == "url":
                        auth = urllib.parse.quote(auth, safe="")
                    self._send(step["code"], {"error": {"message": f"Incorrect API key provided: {auth}",
                                                        "type": "invalid_request_error"}},
                               escape_slashes=step.get("form") == "php")
                    return
                if step["kind"] == "malformed":
                    raw = b'{"id": "x", "choices": [ this is not json'
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                    return
                self._send(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": body.get("model"),
                    "choices": [{"index": 0, "finish_reason": step["finish_reason"],
                                 "message": {"role": "assistant", "content": step["content"]}}],
                    "usage": step["usage"],
                })

            def _send(self, code: int, payload: dict, headers: dict[str, str] | None = None,
                      escape_slashes: bool = False) -> None:
                text = json.dumps(payload)
                raw = (text.replace("/", "\\/") if escape_slashes else text).encode()
                self.send_response(code)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(raw)

        class Server(ThreadingHTTPServer):
            request_queue_size = 1024  # the default 5 resets connections under high concurrency

            def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
                # A client that gave up (a timeout, a killed worker) is what several tests do on purpose.
                # socketserver would print its traceback to sys.stderr, which a later test's CliRunner may
                # hold at that moment: a slow answer finishing after its test ended broke that test's output.
                if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                    super().handle_error(request, client_address)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _step(self, body: dict) -> dict | None:
        with self.lock:
            self.requests.append(body)
            step = self.rule(body) if self.rule else None
            if step is None:
                step = self.script.popleft() if self.script else self.default
        return step

    def upload(self, raw: bytes, content_type: str) -> dict:
        boundary = content_type.split("boundary=")[-1].encode()
        content = b""
        for part in raw.split(b"--" + boundary):
            head, _, data = part.partition(b"\r\n\r\n")
            if b'name="file"' in head:
                content = data.rsplit(b"\r\n", 1)[0]
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return {"id": file_id, "object": "file", "bytes": len(content), "created_at": 0, "filename": "requests.jsonl",
                "purpose": "batch", "status": "processed"}

    def run_batch(self, body: dict) -> dict:
        """Execute every request of the input file now, as the Batch API would over its window."""
        out, errors, failed = [], [], 0
        for n, line in enumerate(self.files[body["input_file_id"]].decode().splitlines()):
            request = json.loads(line)
            step = self._step(request["body"])
            if step is None or step["kind"] != "ok":
                failed += 1
                code = step.get("code", 500) if step else 500
                errors.append({"id": f"req-{n}", "custom_id": request["custom_id"], "response": {"status_code": code, "body": {
                    "error": {"message": f"fake {code}"}}}, "error": None})
                continue
            out.append({"id": f"req-{n}", "custom_id": request["custom_id"], "error": None, "response": {
                "status_code": 200, "request_id": f"r{n}", "body": {
                    "id": f"chatcmpl-{n}", "object": "chat.completion", "created": 0, "model": request["body"].get("model"),
                    "choices": [{"index": 0, "finish_reason": step["finish_reason"],
                                 "message": {"role": "assistant", "content": step["content"]}}],
                    "usage": step["usage"]}}})
        batch_id = f"batch_{len(self.batches) + 1}"
        output_id, error_id = f"file-out-{batch_id}", f"file-err-{batch_id}" if errors else None
        self.files[output_id] = "".join(json.dumps(r) + "\n" for r in out).encode()
        if error_id:
            self.files[error_id] = "".join(json.dumps(r) + "\n" for r in errors).encode()
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": body["endpoint"], "input_file_id": body["input_file_id"],
            "completion_window": body["completion_window"], "status": "completed", "created_at": 0,
            "output_file_id": output_id, "error_file_id": error_id,
            "request_counts": {"total": len(out) + failed, "completed": len(out), "failed": failed},
        }
        return self.batches[batch_id]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> "FakeOpenAI":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


CHAOS = (  # (weight, kind) of each answer in --chaos mode (benchmarks/soak.py)
    (55, "ok"), (10, "429"), (7, "500"), (7, "503"), (6, "malformed"), (5, "truncated"), (5, "drop"), (5, "stall"),
)


def chaos_rule(answer: dict, seed: int, stall: float, log: Any = None) -> Callable[[dict], dict]:
    """A rule answering each request at random from CHAOS; each request is logged to `log` (a
    text file) as `time.time() TAB article TAB kind`, the article read from "Report number N."."""
    import random
    import re

    rng = random.Random(seed)
    lock = threading.Lock()
    kinds = [k for w, k in CHAOS for _ in range(w)]

    def rule(body: dict) -> dict:
        with lock:
            kind = rng.choice(kinds)
            retry_after = rng.choice(["1", "soon", "3600", None])
        number = re.search(r"Report number (\d+)\.", json.dumps(body))
        if log is not None:
            log.write(f"{time.time():.6f}\t{number.group(1) if number else '-'}\t{kind}\n")
            log.flush()
        return {
            "ok": ok(answer), "429": status(429, {"retry-after": retry_after} if retry_after else {}),
            "500": status(500), "503": status(503), "malformed": malformed(), "drop": drop(),
            "truncated": ok('{"incidents": [{"summ', finish_reason="length"), "stall": slow(stall, ok(answer)),
        }[kind]

    return rule


def main() -> None:
    """`python -m extractor.testing.server --delay 0.2 --answer FILE.json`: serve until killed, in its own
    process (benchmarks use it so that the server does not share the client's interpreter).
    `--chaos SEED --log FILE` answers with a random mix of failures (`CHAOS`) and logs each request."""
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--answer", required=True, help="JSON file: the model-facing answer to give every time")
    parser.add_argument("--chaos", type=int, default=None, help="seed: answer with a random mix of failures")
    parser.add_argument("--stall", type=float, default=5.0, help="seconds a stalled answer takes (--chaos)")
    parser.add_argument("--log", default=None, help="append one line per chat request to this file")
    args = parser.parse_args()
    with open(args.answer, encoding="utf-8") as handle:
        answer = json.load(handle)
    log = open(args.log, "a", encoding="utf-8") if args.log else None  # noqa: SIM115 - open until killed
    if args.chaos is not None:
        server_rule = chaos_rule(answer, args.chaos, args.stall, log)
    else:
        def server_rule(body: dict) -> dict | None:
            if log is not None:
                log.write(f"{time.time():.6f}\t-\tok\n")
                log.flush()
            return None
    with FakeOpenAI(default=slow(args.delay, ok(answer)), rule=server_rule) as server:
        print(server.base_url, flush=True)
        sys.stdout.close()
        server.thread.join()


if __name__ == "__main__":
    main()
