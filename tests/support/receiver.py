"""A tiny HTTP server that records what it is sent: a webhook receiver and a fake Bot API."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    # Responses to give before answering normally: (status, json body).
    script: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    seen_keys: set[str] = field(default_factory=set)

    def delivered(self) -> list[Received]:
        """Requests a receiver that dedupes by Idempotency-Key would act on."""
        unique, keys = [], set()
        for r in self.requests:
            key = r.headers.get("idempotency-key")
            if key and key in keys:
                continue
            keys.add(key or str(id(r)))
            unique.append(r)
        return unique


@contextmanager
def run_receiver() -> Iterator[Receiver]:
    lock = threading.Lock()
    receiver = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {"raw": raw.decode(errors="replace")}
            with lock:
                status, answer = receiver.script.pop(0) if receiver.script else (200, None)
                if status < 300:
                    receiver.requests.append(
                        Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
            if answer is None:
                answer = {"ok": True, "result": {"message_id": len(receiver.requests)}}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
