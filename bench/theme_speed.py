"""Theme speed: 100k responses, from cached vectors and from cold (benchmarks "theme-speed").

Responses: n texts with the length distribution of real single responses — each is one
pxtextmining comment drawn at random (seed 0) with one word swapped for a random corpus word, so
every text is distinct (de-duplication gets no help here: real data, with its repeated "ok"s,
is only faster) while the token lengths stay those of real comments. Nothing is written out.

Cached path: the texts' vectors sit in a SqliteVectorStore (as the ingest job would leave them)
and `theme_texts` — the function behind `yousaid theme` — runs end to end: cache reads,
clustering / codebook matching, redaction and labelling of the label samples. The cached vectors
are the source comment's real MiniLM vector plus a little noise (a proxy that only matters for
timing: it keeps 100k vectors distinct without embedding them all here).

Cold path: (1) the embedding rate, from `--reps` passes over `--slice` new texts in a FRESH
interpreter (median); (2) with `--full-cold auto` (default) and a rate that makes n feasible
within the target, or `--full-cold yes`: the real thing, once — `yousaid theme` (default
codebook) in a fresh process fed all n texts on stdin, timed from process start to its JSON on
stdout (imports, model load, embedding every text, theming, output). Not extrapolated.

Run: .venv/bin/python -m bench.theme_speed [--n 100000] [--slice 3000] [--full-cold auto]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.theme_quality import load_pxtextmining, vectors_for

ROOT = Path(__file__).resolve().parent.parent
TARGET_CACHED_S = 60.0
TARGET_COLD_S = 600.0


def single_corpus(texts: list[str], n: int, seed: int) -> tuple[list[str], np.ndarray]:
    """(n distinct texts shaped like real single comments, index of each one's source comment)."""
    rng = np.random.default_rng(seed)
    vocabulary = sorted({w for t in texts for w in t.split()})
    sources = rng.integers(0, len(texts), size=n)
    seen: set[str] = set()
    out: list[str] = []
    for source in sources:
        words = texts[source].split() or [""]
        words[int(rng.integers(len(words)))] = vocabulary[int(rng.integers(len(vocabulary)))]
        text = " ".join(words)
        while text in seen:  # short comments can collide: lengthen by a word until distinct
            text += " " + vocabulary[int(rng.integers(len(vocabulary)))]
        seen.add(text)
        out.append(text)
    return out, sources


def proxy_vectors(base: np.ndarray, sources: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    noisy = base[sources] + rng.normal(0, 0.02, size=(len(sources), base.shape[1]))
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    out: np.ndarray = noisy.astype(np.float32)
    return out


def timed_theming(
    ids: list[int], texts: list[str], store: object, with_codebook: bool
) -> tuple[float, int]:
    from nlu.theming import load_codebook, theme_texts

    start = time.perf_counter()
    book = load_codebook() if with_codebook else None
    result = theme_texts(ids, texts, codebook=book, store=store)  # type: ignore[arg-type]
    return time.perf_counter() - start, len(result.themes)


_COLD_SCRIPT = """
import json, sys, time
start = time.perf_counter()
from nlu.theming.embeddings import Embedder
embedder = Embedder()
embedder.encode(["warm up"])
load = time.perf_counter() - start
texts, reps = json.load(sys.stdin)
rates = []
for _ in range(reps):
    start = time.perf_counter()
    embedder.encode(texts)
    rates.append(len(texts) / (time.perf_counter() - start))
print(json.dumps({"load": load, "rates": rates}))
"""


def cold_rate(texts: list[str], reps: int) -> tuple[float, list[float]]:
    """(seconds to import and load the model, texts/s per pass), in a FRESH interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _COLD_SCRIPT],
        input=json.dumps([texts, reps]),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return float(figures["load"]), [float(r) for r in figures["rates"]]


def full_cold_run(texts: list[str]) -> tuple[float, int]:
    """Wall seconds for `yousaid theme` on all texts in a fresh process, and its theme count."""
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "feedback_api.cli", "theme"],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    result = json.loads(out.stdout)
    if len(result["assignments"]) != len(texts):
        raise RuntimeError(f"{len(result['assignments'])} assignments for {len(texts)} texts")
    return seconds, len(result["themes"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--slice", type=int, default=3000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--full-cold", choices=("auto", "yes", "no"), default="auto")
    args = parser.parse_args()

    start_load = _load()
    base_texts, _ = load_pxtextmining()
    texts, sources = single_corpus(base_texts, args.n, seed=0)
    cached = cached_runs(texts, proxy_vectors(vectors_for(base_texts), sources, seed=0))
    fresh, _ = single_corpus(base_texts, args.slice, seed=1)
    load_s, rates = cold_rate(fresh, args.reps)
    rate = statistics.median(rates)
    estimate = load_s + args.n / rate + max(cached)
    full = None
    if args.full_cold == "yes" or (args.full_cold == "auto" and estimate <= TARGET_COLD_S):
        full = full_cold_run(texts)
    markdown = report(args, start_load, cached, load_s, rates, estimate, full)
    from bench._report import write_section

    write_section("theme-speed", markdown)
    print(markdown)


def cached_runs(texts: list[str], vectors: np.ndarray) -> tuple[float, float, int, int]:
    """(discover s, codebook s, discover themes, codebook themes) from cached vectors."""
    from nlu.theming.codebook import anchor_texts, load_codebook
    from nlu.theming.embeddings import SqliteVectorStore, text_key

    ids = list(range(len(texts)))
    anchors = [t for theme in load_codebook().themes for t in anchor_texts(theme)]
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteVectorStore(Path(tmp) / "vectors.sqlite")
        store.put_many(zip([text_key(t) for t in texts], vectors, strict=True))
        store.put_many(zip([text_key(t) for t in anchors], vectors_for(anchors), strict=True))
        discover_s, discover_k = timed_theming(ids, texts, store, with_codebook=False)
        codebook_s, codebook_k = timed_theming(ids, texts, store, with_codebook=True)
        store.close()
    return discover_s, codebook_s, discover_k, codebook_k


def report(
    args: argparse.Namespace,
    start_load: str,
    cached: tuple[float, float, int, int],
    load_s: float,
    rates: list[float],
    estimate: float,
    full: tuple[float, int] | None,
) -> str:
    from bench._report import machine_description

    def ok(value: float, target: float) -> str:
        return "meets" if value <= target else "MISSES"

    discover_s, codebook_s, discover_k, codebook_k = cached
    rate = statistics.median(rates)
    n = f"{args.n:,}"
    cached_target = f"≤ {TARGET_CACHED_S:.0f} s"
    cold_target = f"≤ {TARGET_COLD_S:.0f} s"
    passes = ", ".join(f"{r:.0f}" for r in rates)
    rows = [
        ("cached vectors, `--codebook none`", n, f"{discover_s:.1f} s", str(discover_k),
         f"{cached_target}: {ok(discover_s, TARGET_CACHED_S)}"),
        ("cached vectors, default codebook", n, f"{codebook_s:.1f} s", str(codebook_k),
         f"{cached_target}: {ok(codebook_s, TARGET_CACHED_S)}"),
        ("cold: imports + model load (fresh process)", "—", f"{load_s:.1f} s", "", ""),
        (f"cold: embedding rate, median of {len(rates)} passes over {args.slice:,} new texts "
         f"({passes})", f"{args.slice:,}", f"{rate:.0f} texts/s", "", ""),
        ("cold, estimate (load + n ÷ rate + slower cached run)", n, f"{estimate:.0f} s", "",
         f"{cold_target}: {ok(estimate, TARGET_COLD_S)}"),
    ]  # fmt: skip
    if full is not None:
        rows.append(
            ("**cold, FULL run**: `yousaid theme` in a fresh process, all texts on stdin", n,
             f"**{full[0]:.0f} s**", str(full[1]), f"{cold_target}: {ok(full[0], TARGET_COLD_S)}")
        )  # fmt: skip
    table = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    full_note = (
        f"Cold {args.n:,} was RUN IN FULL once (not extrapolated): {full[0]:.0f} s from process "
        f"start to the JSON on stdout, {args.n / full[0]:.0f} responses/s overall."
        if full is not None
        else "Cold was NOT run in full this time: the last row is an estimate only."
    )
    return f"""## theme-speed

Command: `.venv/bin/python -m bench.theme_speed --n {args.n} --slice {args.slice} --reps
{args.reps} --full-cold {args.full_cold}` — {machine_description()}. The machine is shared with
other jobs, so figures are noisy; load average at the start {start_load}, at the end {_load()}.

Texts: single pxtextmining comments (real response lengths: median 12 word pieces), each made
distinct by swapping one word, so de-duplication does not help (real data with repeats is
faster). Embedding: each distinct text once, batches of similar token length, max 128 word
pieces, bfloat16 where the CPU has it, torch threads = cores available (1 while that measures
faster on a busy machine), `torch.inference_mode`.

| path | responses | time | themes | target |
|---|---|---|---|---|
{table}

{full_note} Cached vectors are what ingest leaves behind, which is why re-theming takes seconds.
"""


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
