"""The emulator's ASGI app: Telegram's URL scheme, the control API and the chat page."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.emulator.control import control_routes
from bot.emulator.methods_bot import METHODS as BOT_METHODS
from bot.emulator.methods_bot import Described
from bot.emulator.methods_messages import METHODS as MESSAGE_METHODS
from bot.emulator.models import ApiError
from bot.emulator.params import Params
from bot.emulator.state import TOKEN_SHAPE, EmulatorState
from bot.emulator.webhook import WebhookPusher

METHODS = {**BOT_METHODS, **MESSAGE_METHODS}


def json_response(body: Any, status: int = 200) -> Response:
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(payload, status_code=status, media_type="application/json")


async def request_params(request: Request) -> dict[str, Any]:
    """Query parameters overlaid with the body, whatever its encoding."""
    params: dict[str, Any] = dict(request.query_params)
    if request.method != "POST":
        return params
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        body = await request.body()
        if body:
            try:
                data = json.loads(body)
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse JSON request body") from None
            if isinstance(data, dict):
                params.update(data)
    elif content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


def _chat_id(params: Params) -> int | None:
    try:
        return params.integer("chat_id")
    except ApiError:
        return None


def _bot_api(state: EmulatorState) -> Any:
    async def endpoint(request: Request) -> Response:
        started = time.perf_counter()
        method = request.path_params["method"].lower()
        token = request.path_params["token"]
        try:
            if not TOKEN_SHAPE.match(token):
                raise ApiError(404, "Not Found")
            if token != state.token:
                raise ApiError(401, "Unauthorized")
            handler = METHODS.get(method)
            if handler is None:
                raise ApiError(404, "Not Found")
            delay, fault = state.take_faults(method)
            if delay:
                await asyncio.sleep(delay)
            if fault is not None:
                raise fault
            params = Params(await request_params(request))
            if state.flood is not None:
                state.flood.check(method, _chat_id(params))
            result = await handler(state, params)
        except ApiError as exc:
            state.log_call(method, exc.status, started)
            return json_response(exc.to_json(), exc.status)
        state.log_call(method, 200, started)
        if isinstance(result, Described):
            return json_response(
                {"ok": True, "result": result.result, "description": result.description}
            )
        return json_response({"ok": True, "result": result})

    return endpoint


def _chat_page() -> str:
    return resources.files("bot.emulator").joinpath("static/chat.html").read_text("utf-8")


def create_emulator_app(state: EmulatorState | None = None) -> Starlette:
    """The emulator for one bot; pass your own `state` to inspect it from Python."""
    state = state or EmulatorState()
    page = _chat_page()

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        pusher = WebhookPusher(state)
        await pusher.start()
        try:
            yield
        finally:
            await pusher.stop()

    async def chat(_request: Request) -> Response:
        return HTMLResponse(page)

    async def root(_request: Request) -> Response:
        return RedirectResponse("/chat")

    routes = [
        Route("/bot{token}/{method}", _bot_api(state), methods=["GET", "POST"]),
        Route("/chat", chat, methods=["GET"]),
        Route("/", root, methods=["GET"]),
        *control_routes(state),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.emulator = state
    return app
