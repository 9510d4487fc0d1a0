"""The FastAPI application: built by `create_app(settings)`, nothing happens at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import import_module
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from feedback_api.db import make_engine, make_session_factory
from feedback_api.errors import Conflict
from feedback_api.settings import Settings

# Routers are imported when the app is built, not when this module is imported.
ROUTER_MODULES = (
    "feedback_api.health.router",
    "feedback_api.escalations.router",
    "feedback_api.responses.router",
    "feedback_api.themes.router",
    "feedback_api.themes.places_router",
    "feedback_api.staff.router",
    "feedback_api.actions.router",
    "feedback_api.reports.router",
    "feedback_api.public.router",
    "bot.webhook",
)


def create_app(
    settings: Settings, *, on_startup: list[Callable[[FastAPI], Any]] | None = None
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.resolved_database_url)
        app.state.engine = engine
        app.state.session_factory = make_session_factory(engine)
        _install_jobs(app, settings)
        for hook in on_startup or []:
            await hook(app)
        try:
            yield
        finally:
            app.state.jobs.shutdown(wait=True, cancel_futures=True)
            engine.dispose()

    app = FastAPI(
        title="yousaid",
        version="0.1.0",
        description="Youth voice, safeguarding escalations and 'you said, we did' reports.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    _install_error_handlers(app)
    for module_name in ROUTER_MODULES:
        app.include_router(import_module(module_name).router)
    return app


def _install_jobs(app: FastAPI, settings: Settings) -> None:
    from feedback_api.themes.runs import execute_run, fail_interrupted_runs

    factory = app.state.session_factory
    fail_interrupted_runs(factory)

    def run_theming(run_id: int) -> None:
        path = settings.codebook_path
        execute_run(factory, run_id, codebook_path=path if path.exists() else None)

    app.state.run_theming = run_theming
    # One job at a time: theming is CPU-bound and the machine may have two cores.
    app.state.jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="yousaid-job")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in err['loc'] if p != 'body')}: {err['msg']}"
            for err in exc.errors()
        ]
        return JSONResponse({"error": "invalid request", "problems": problems}, status_code=422)

    @app.exception_handler(Conflict)
    async def conflict(_request: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=409)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, _exc: Exception) -> JSONResponse:
        # Never a stack trace to the client; the server log has it.
        return JSONResponse({"error": "internal error"}, status_code=500)
