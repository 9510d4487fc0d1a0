"""A tiny real HTTP server standing in for Rasa's /model/parse, with scriptable misbehaviour."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

SHARE_VIEW = {
    "intent": {"name": "share_view", "confidence": 0.97},
    "entities": [{"entity": "place", "value": "the rec", "start": 0, "end": 7}],
}


@dataclass
class FakeRasa:
    """mode: "ok" | "slow" | "401" | "garbage" | "no_model" | "hang_up"."""

    mode: str = "ok"
    body: dict[str, Any] = field(default_factory=lambda: dict(SHARE_VIEW))
    delay: float = 2.0
    requests: list[str] = field(default_factory=list)
    _server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"http://{host}:{port}"

    async def __aenter__(self) -> FakeRasa:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line = head.split(b"\r\n", 1)[0].decode()
            length = next(
                (
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                ),
                0,
            )
            await reader.readexactly(length)
            self.requests.append(request_line)
            await self._respond(writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def _respond(self, writer: asyncio.StreamWriter) -> None:
        if self.mode == "hang_up":
            return
        if self.mode == "slow":
            await asyncio.sleep(self.delay)
        status, payload = "200 OK", json.dumps(self.body).encode()
        if self.mode == "401":
            status, payload = "401 Unauthorized", b'{"message": "no token"}'
        elif self.mode == "garbage":
            payload = b"<html>not json</html>"
        elif self.mode == "no_model":
            payload = json.dumps({"intent": None, "entities": []}).encode()
        writer.write(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode()
            + payload
        )
        await writer.drain()
