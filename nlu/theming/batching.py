"""Planning embedding batches: each distinct text once, similar token lengths together.

Pure functions over lists and arrays (no torch), so the plan is testable without the model.
A batch is padded to its longest text, so sorting by token length removes almost all padding,
and a token budget lets a batch of one-word answers be large while a batch of long comments
stays small (bounded memory, and no quadratic attention over mostly-padding rows).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def distinct(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """(each distinct text once, in first-seen order; index into it for every input text)."""
    position: dict[str, int] = {}
    inverse = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        inverse[i] = position.setdefault(text, len(position))
    return list(position), inverse


def length_batches(lengths: Sequence[int], max_tokens: int, max_size: int) -> list[np.ndarray]:
    """Row indices grouped into batches of similar length, shortest first.

    A batch grows while (rows × its longest row) stays within `max_tokens` and it holds at most
    `max_size` rows; every batch has at least one row, so an over-long text still gets embedded.
    """
    sizes = np.asarray(lengths, dtype=np.int64)
    order = np.argsort(sizes, kind="stable")
    batches: list[np.ndarray] = []
    start = 0
    while start < len(order):
        end = start + 1
        # Sorted ascending, so the row just added is always the batch's longest.
        while (
            end < len(order)
            and end - start < max_size
            and (end - start + 1) * sizes[order[end]] <= max_tokens
        ):
            end += 1
        batches.append(order[start:end])
        start = end
    return batches


class ThreadTuner:
    """Picks the torch thread count batch by batch from measured throughput.

    On an idle machine all cores are fastest; when other jobs hold a core, threads that must
    wait for each other at every operation made 2 threads slower than 1 (measured 40 vs 20
    texts/s). So it probes each choice on a few consecutive batches (similar lengths, as they
    are sorted), keeps the fastest in word pieces per second, and probes again every
    `reprobe_s` seconds because the load on a shared machine changes.
    """

    def __init__(self, choices: Sequence[int], probe_batches: int = 3, reprobe_s: float = 30.0):
        self.choices = list(dict.fromkeys(choices))
        self.probe_batches = probe_batches
        self.reprobe_s = reprobe_s
        self.best = self.choices[0]
        self._plan: list[int] = []
        self._speed: dict[int, list[float]] = {}
        self._since_probe = 0.0
        self._start_probe()

    def _start_probe(self) -> None:
        if len(self.choices) > 1:
            self._plan = [c for c in self.choices for _ in range(self.probe_batches)]
            self._speed = {c: [] for c in self.choices}
        self._since_probe = 0.0

    def next_threads(self) -> int:
        return self._plan[0] if self._plan else self.best

    def record(self, threads: int, tokens: int, seconds: float) -> None:
        self._since_probe += seconds
        if self._plan:
            self._plan.pop(0)
            self._speed[threads].append(tokens / max(seconds, 1e-9))
            if not self._plan:
                self.best = max(self.choices, key=lambda c: float(np.median(self._speed[c])))
        elif self._since_probe >= self.reprobe_s:
            self._start_probe()
