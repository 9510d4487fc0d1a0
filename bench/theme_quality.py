"""Theme quality: do discovered themes agree with human coding? (docs/benchmarks.md "theme-quality")

Data: /work/shared/data/pxtextmining (NHS comments coded by staff). Rows labelled "Labelling
not possible", empty comments and rows flagged as containing personal information are dropped.
Human code = the row's single label; only SINGLE-LABEL rows are scored (multi-label rows have
no one right answer), the same rows for every method. A secondary line scores all labelled rows
against their first label (column order).

Methods, all in this run, at the SAME k (the k our method chose):
  ours      nlu.theming.discover.cluster (MiniLM vectors, k by silhouette) = `yousaid theme
            --codebook none`
  tfidf     TF-IDF (English stop words, sublinear tf, min_df 2) + k-means, median of 3 seeds
  minilm    MiniLM vectors + plain k-means (n_init 3), median of 3 seeds
Metric: adjusted mutual information. Target: ours ≥ 1.6 × tfidf.
Vectors are cached in var/bench-vectors.sqlite, so only the first run pays for embedding.

Run: .venv/bin/python -m bench.theme_quality
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path

import numpy as np

DATA = Path("/work/shared/data/pxtextmining/datasets_v6framework_230831.csv")
CACHE = Path(__file__).resolve().parent.parent / "var" / "bench-vectors.sqlite"
FIRST_LABEL_COLUMN = 11
TARGET = 1.6
HEADER = (
    "| rows scored | n | human codes | k | ours (MiniLM, k by silhouette) | MiniLM + k-means "
    "| TF-IDF + k-means | ours ÷ TF-IDF | ours time |\n|---|---|---|---|---|---|---|---|---|"
)


def load_pxtextmining(path: Path = DATA) -> tuple[list[str], list[list[str]]]:
    """(texts, labels per text) after the README's exclusions."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        columns = list(reader.fieldnames or [])[FIRST_LABEL_COLUMN:]
        texts, labels = [], []
        for row in reader:
            text = (row["FFT answer"] or "").strip()
            if not text or _flag(row["Labelling not possible"]):
                continue
            if _flag(row["Person identifiable info?"]):
                continue
            texts.append(text)
            labels.append([c for c in columns if _flag(row[c])])
    return texts, labels


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "1.0", "true", "yes", "y"}


def vectors_for(texts: list[str]) -> np.ndarray:
    from nlu.theming.embeddings import SqliteVectorStore, default_embedder, embed_with_cache

    store = SqliteVectorStore(CACHE)
    try:
        return embed_with_cache(texts, default_embedder(), store, progress=True)
    finally:
        store.close()


def tfidf_kmeans(texts: list[str], k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True).fit_transform(texts)
    return np.asarray(KMeans(k, n_init=3, random_state=seed).fit_predict(matrix))


def minilm_kmeans(vectors: np.ndarray, k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return np.asarray(KMeans(k, n_init=3, random_state=seed).fit_predict(vectors))


def score(truth: list[str], texts: list[str], vectors: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import adjusted_mutual_info_score as ami

    from nlu.theming.discover import cluster

    start = time.perf_counter()
    ours = cluster(vectors)
    ours_s = time.perf_counter() - start
    tfidf = [ami(truth, tfidf_kmeans(texts, ours.k, s)) for s in range(3)]
    plain = [ami(truth, minilm_kmeans(vectors, ours.k, s)) for s in range(3)]
    return {
        "n": len(texts),
        "codes": len(set(truth)),
        "k": ours.k,
        "ours": ami(truth, ours.labels),
        "ours_s": ours_s,
        "tfidf": statistics.median(tfidf),
        "minilm": statistics.median(plain),
    }


def codebook_fit_rate(vectors: np.ndarray) -> float:
    """Share of these (adult, out-of-domain) comments the youth codebook claims at its threshold."""
    from nlu.theming.codebook import anchors, load_codebook
    from nlu.theming.embeddings import default_embedder
    from nlu.theming.engine import DEFAULT_THRESHOLD

    anchor_vectors = anchors(load_codebook(), default_embedder().encode)
    best = (vectors @ anchor_vectors.T).max(axis=1)
    return float((best >= DEFAULT_THRESHOLD).mean())


def main() -> None:
    from threadpoolctl import threadpool_limits

    texts, labels = load_pxtextmining()
    all_vectors = vectors_for(texts)
    with threadpool_limits(limits=1):  # same single-thread setting as our method, for fairness
        _report(texts, labels, all_vectors)


def _report(texts: list[str], labels: list[list[str]], all_vectors: np.ndarray) -> None:
    from bench._report import machine_description, write_section

    single = [i for i, ls in enumerate(labels) if len(ls) == 1]
    primary = score([labels[i][0] for i in single], [texts[i] for i in single], all_vectors[single])
    labelled = [i for i, ls in enumerate(labels) if ls]
    secondary = score(
        [labels[i][0] for i in labelled], [texts[i] for i in labelled], all_vectors[labelled]
    )
    fit = codebook_fit_rate(all_vectors)
    rows = [("single-label rows (primary)", primary), ("all labelled rows, first label", secondary)]
    table = "\n".join(
        f"| {name} | {r['n']} | {r['codes']} | {r['k']} | {r['ours']:.3f} | {r['minilm']:.3f} "
        f"| {r['tfidf']:.3f} | **{r['ours'] / r['tfidf']:.2f}×** | {r['ours_s']:.1f} s |"
        for name, r in rows
    )
    ratio = primary["ours"] / primary["tfidf"]
    verdict = "meets" if ratio >= TARGET else "DOES NOT meet"
    markdown = f"""## theme-quality

Command: `.venv/bin/python -m bench.theme_quality` — {machine_description()}

Adjusted mutual information (AMI) between discovered themes and NHS staff codes
(pxtextmining v6; "Labelling not possible", empty and personal-info rows dropped). All methods
at the k our method chose from the data; baselines are medians over seeds 0–2, same run.

{HEADER}
{table}

Primary ratio {ratio:.2f}× {verdict} the ≥ {TARGET}× target.

Codebook threshold check: the youth codebook claims {fit:.0%} of these adult health comments
(out of domain) at its similarity threshold; the rest go to discovered "proposed" themes.
"""
    write_section("theme-quality", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
