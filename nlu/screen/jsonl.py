"""The `yousaid screen` stream: JSON lines in, one JSON line out per input, same order.

Kept in nlu (no CLI framework) so the CLI, the benchmark and the tests run exactly the same loop.
Nothing is silently dropped: a line that is not a JSON object with a string "text" still gets an
output line, at level `concern` with an "error", so a broken upstream cannot hide a message.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlu.screen import Level, Screener, ScreenResult

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass
class StreamCounts:
    lines: int = 0
    errors: int = 0


_raw_decode = json.JSONDecoder().raw_decode  # what json.loads runs, without its wrapper
_JSON_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, all json.loads allows after a value


def _loads(line: str) -> Any:
    """json.loads(line), the usual line (an object, then at most whitespace) read directly.

    Anything else goes to json.loads itself, so errors and their messages stay its own.
    """
    if line[:1] == "{":
        try:
            record, end = _raw_decode(line)
        except ValueError:
            return json.loads(line)
        if end == len(line) or _JSON_SPACE.fullmatch(line, end):
            return record
    return json.loads(line)


def _parse(line: str) -> tuple[Any, str | None, str | None]:
    """(id, text, error) for one input line."""
    try:
        record: Any = _loads(line)
    except ValueError as exc:
        return None, None, f"not valid JSON: {exc}"
    if not isinstance(record, dict):
        return None, None, "not a JSON object"
    ident, text = record.get("id"), record.get("text")
    if not isinstance(text, str):
        return ident, None, 'missing or non-string "text"'
    return ident, text, None


def screen_lines(screener: Screener, lines: list[str]) -> list[tuple[str, bool]]:
    """Output JSON lines (without newline) for a batch of input lines, and which were errors.

    The batch is screened in one call: the learned reader is far faster on many texts at once.
    """
    parsed = [_parse(line) for line in lines]
    texts = [text for _, text, error in parsed if error is None and text is not None]
    results = iter(screener.screen_many(texts))
    out: list[tuple[str, bool]] = []
    for ident, text, error in parsed:
        if error is not None or text is None:
            out.append((_error(screener, ident, error or "no text"), True))
            continue
        out.append((_line(ident, next(results)), False))
    return out


def _line(ident: Any, result: ScreenResult) -> str:
    if result.level is Level.NONE and not result.categories and not result.evidence:
        # most messages: only the id varies, so only the id is encoded
        return _ID_HEAD + _dumps(ident) + _none_tail(result.lexicon_version)
    return _dumps(_record(ident, result))


def _record(ident: Any, result: ScreenResult) -> dict[str, Any]:
    return {
        "id": ident,
        "level": result.level.value,
        "categories": list(result.categories),
        "evidence": list(result.evidence),
        "lexicon_version": result.lexicon_version,
    }


_ID_HEAD = '{"id":'


@lru_cache(maxsize=16)
def _none_tail(version: str) -> str:
    """What follows the id in a `none` line, cut from a line the encoder wrote itself so the
    bytes are the same as encoding the whole record."""
    line = _dumps(_record(0, ScreenResult(Level.NONE, (), (), version)))
    assert line.startswith(_ID_HEAD + "0,")
    return line[len(_ID_HEAD) + 1 :]


def screen_line(screener: Screener, line: str) -> tuple[str, bool]:
    """One output JSON line (without newline) for one input line, and whether it was an error."""
    return screen_lines(screener, [line])[0]


def _error(screener: Screener, ident: Any, message: str) -> str:
    return _dumps(
        {
            "id": ident,
            "level": "concern",
            "categories": [],
            "evidence": [],
            "lexicon_version": screener.version,
            "error": message,
        }
    )


def screen_stream(
    screener: Screener,
    lines: Iterable[str],
    write: Callable[[str], object],
    flush: Callable[[], object] | None = None,
    batch: int = 512,
) -> StreamCounts:
    """Screen every non-blank line in batches; with `flush` (interactive) one line at a time."""
    return screen_batches(screener, _chunks(lines, 1 if flush is not None else batch), write, flush)


def screen_batches(
    screener: Screener,
    batches: Iterable[list[str]],
    write: Callable[[str], object],
    flush: Callable[[], object] | None = None,
) -> StreamCounts:
    counts = StreamCounts()
    for lines in batches:
        # blank lines carry no message; skipping keeps `cat a b | screen` simple
        real = [line for line in lines if line.strip()]
        if not real:
            continue
        for out, failed in screen_lines(screener, real):
            write(out + "\n")
            counts.lines += 1
            counts.errors += failed
        if flush is not None:
            flush()
    return counts


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def read_available_batches(fd: int, limit: int = 1 << 16) -> Iterator[list[str]]:
    """Complete lines as they arrive on a file descriptor: whatever one read returns is a batch.

    A bulk file is read in big batches; an interactive writer that sends one line and waits for
    the answer gets it at once, because a read returns what is there without waiting for more.
    """
    pending = b""
    while True:
        data = os.read(fd, limit)
        if not data:
            break
        pending += data
        *complete, pending = pending.split(b"\n")
        if complete:
            yield [line.decode("utf-8", errors="replace") for line in complete]
    if pending:
        yield [pending.decode("utf-8", errors="replace")]
