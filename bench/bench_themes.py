"""Theme and embedding benchmarks: quality against references, scale, import throughput.

Run: .venv/bin/python bench/bench_themes.py [quality|scale|import|all]
Prints Markdown to paste into docs/benchmarks.md.

- quality: BANKING77 test (3,080 messages, 77 intents) embedded once with the int8 MiniLM;
  Tandem's engine (not told k), KMeans told the true k, and BERTopic with its defaults on
  the same vectors when the optional `bench` extra is installed. Every item counts: the
  unsorted bucket is one more cluster. Also a 1,500-item sample of test, a 6,000-item sample
  of train and test together, train (10,003), both (13,083) and the items of 10, 20 and 40
  intents drawn at random, each also with plain BIC (the criterion before the cap on
  evidence and the merge), to show how the choice of k behaves with n and with coarseness.
- scale: 10k, 30k and 100k vectors made from the 13,083 real BANKING77 vectors (train and
  test): each synthetic vector is a randomly chosen real one plus Gaussian noise of 0.35 of
  its length spread over all dimensions, normalised again (so copies of one message are
  near but never equal). Each size runs in a fresh process limited to 2 BLAS threads;
  time and peak RSS of that process; growth exponent = slope of log time on log n.
- import: the same texts imported end to end (CSV parse, store, embed through the job's
  code path) against the bare model on the same texts, interleaved, in one process.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from tandem.inbound.themes import engine
from tandem.storage.minilm import MiniLMEmbedder

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CACHE = Path(os.environ.get("TANDEM_BENCH_CACHE",
                           Path(tempfile.gettempdir()) / "tandem-bench-vectors"))


def read(name: str) -> tuple[list[str], list[str]]:
    with (DATA / f"banking77_{name}.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def vectors(name: str, texts: list[str], model: MiniLMEmbedder) -> np.ndarray:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name}.npy"
    if path.exists():
        return np.load(path)
    found = model.embed(texts)
    np.save(path, found)
    return found


def scores(truth: list[str], labels: np.ndarray) -> str:
    nmi = normalized_mutual_info_score(truth, labels)
    ari = adjusted_rand_score(truth, labels)
    return f"{nmi:.3f} | {ari:.3f}"


def banking77(name: str, sample: int | None, model: MiniLMEmbedder, intents: int = 0
              ) -> tuple[str, list[str], list[str], np.ndarray]:
    """One labelled set: test, train or their union ("all"), a seeded sample of it, or the
    items of `intents` intents drawn at random (seed = intents), for coarser sets."""
    parts = ("train", "test") if name == "all" else (name,)
    texts, truth, blocks = [], [], []
    for part in parts:
        more_texts, more_truth = read(part)
        texts += more_texts
        truth += more_truth
        blocks.append(vectors(part, more_texts, model))
    matrix = np.vstack(blocks)
    pick = None
    if intents:
        chosen = np.random.default_rng(intents).choice(sorted(set(truth)), intents,
                                                       replace=False)
        pick = np.flatnonzero(np.isin(np.asarray(truth), chosen))
    elif sample:
        pick = np.random.default_rng(0).choice(len(texts), sample, replace=False)
    if pick is not None:
        matrix = matrix[pick]
        texts = [texts[i] for i in pick]
        truth = [truth[i] for i in pick]
    what = f"{intents} intents" if intents else f"{name}{' sample' if sample else ''}"
    return f"{what} ({len(texts):,})", texts, truth, matrix


def _plain(matrix: np.ndarray, tree: engine.Tree, leaf: np.ndarray, most: int,
           seed: int) -> tuple[int, np.ndarray]:
    return most, engine.cut(tree, most)[leaf]


def tandem_line(title: str, method: str, texts: list[str], truth: list[str],
                matrix: np.ndarray, plain: bool = False) -> str:
    """The engine as it is, or (`plain`) as it was: plain BIC, no cap, no merge."""
    kept = engine.REFERENCE_ITEMS, engine.best_separated
    if plain:
        engine.REFERENCE_ITEMS, engine.best_separated = math.inf, _plain
    try:
        start = time.perf_counter()
        found = engine.discover(matrix, texts)
        spent = time.perf_counter() - start
    finally:
        engine.REFERENCE_ITEMS, engine.best_separated = kept
    return (f"| {title} | {method} | {len(found.themes)} | "
            f"{found.unsorted / len(texts):.1%} | {scores(truth, found.labels)} | "
            f"{spent:.1f} s |")


def quality() -> list[str]:
    """Every size and coarseness with the engine as it is and as it was (plain BIC), so
    that the number of themes can be read against n and against the number of intents."""
    model = MiniLMEmbedder()
    lines = ["| set | method | clusters | unsorted | NMI | ARI | time |",
             "|---|---|---|---|---|---|---|"]
    for name, sample, intents in (("test", 1500, 0), ("test", None, 0), ("all", 6000, 0),
                                  ("train", None, 0), ("all", None, 0), ("all", None, 10),
                                  ("all", None, 20), ("all", None, 40)):
        title, texts, truth, matrix = banking77(name, sample, model, intents)
        lines.append(tandem_line(title, "Tandem (k found)", texts, truth, matrix))
        lines.append(tandem_line(title, "plain BIC (before)", texts, truth, matrix, True))
        if name == "all":
            continue
        true_k = len(set(truth))
        start = time.perf_counter()
        kmeans = KMeans(true_k, n_init=10, random_state=0).fit_predict(matrix)
        spent = time.perf_counter() - start
        lines.append(f"| {title} | KMeans given k={true_k} | {true_k} | 0% | "
                     f"{scores(truth, kmeans)} | {spent:.1f} s |")
        if name == "test" and sample is None:
            lines.append(bertopic_line(title, texts, truth, matrix))
    return lines


def bertopic_line(title: str, texts: list[str], truth: list[str], matrix: np.ndarray) -> str:
    try:
        from bertopic import BERTopic
    except Exception as exc:  # the optional `bench` extra is not installed
        return f"| {title} | BERTopic defaults | not run: {type(exc).__name__}: {exc} | | | | |"
    start = time.perf_counter()
    topics, _ = BERTopic().fit_transform(texts, embeddings=matrix)
    spent = time.perf_counter() - start
    labels = np.asarray(topics)
    outliers = float((labels == -1).mean())
    return (f"| {title} | BERTopic defaults | {len(set(topics) - {-1})} | {outliers:.1%} | "
            f"{scores(truth, labels)} | {spent:.1f} s |")


def synthetic(n: int, seed: int = 0) -> np.ndarray:
    model = MiniLMEmbedder()
    real = np.vstack([vectors(name, read(name)[0], model) for name in ("train", "test")])
    rng = np.random.default_rng(seed)
    base = real[rng.integers(0, len(real), size=n)]
    noisy = base + rng.normal(scale=0.35 / math.sqrt(real.shape[1]), size=base.shape)
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


def scale_child(n: int) -> None:
    matrix = synthetic(n)
    start = time.perf_counter()
    found = engine.discover(matrix)
    spent = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "seconds": spent, "peak_mb": peak, "themes": len(found.themes),
                      "unsorted": found.unsorted}))


def scale() -> list[str]:
    lines = ["| items | themes | unsorted | time | peak RSS |", "|---|---|---|---|---|"]
    points = []
    env = {**os.environ, "OMP_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2"}
    for n in (10_000, 30_000, 100_000):
        out = subprocess.run([sys.executable, __file__, "scale-child", str(n)], env=env,
                             check=True, capture_output=True, text=True).stdout
        got = json.loads(out.strip().splitlines()[-1])
        points.append((n, got["seconds"]))
        lines.append(f"| {n:,} | {got['themes']} | {got['unsorted']:,} | "
                     f"{got['seconds']:.1f} s | {got['peak_mb']:.0f} MB |")
    x = np.log([p[0] for p in points])
    y = np.log([p[1] for p in points])
    slope = float(np.polyfit(x, y, 1)[0])
    lines.append(f"\nGrowth exponent (time ~ n^a, fitted on 10k/30k/100k): a = {slope:.2f}")
    return lines


class _Timed:
    """The model, timing its calls (wall and this thread's CPU), so the run's own overhead
    can be told from the model's time inside `embed_missing`."""

    def __init__(self, model: MiniLMEmbedder) -> None:
        self.model, self.name = model, model.name
        self.wall = self.cpu = 0.0

    def embed(self, texts: list[str]) -> np.ndarray:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return self.model.embed(texts)
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.thread_time() - cpu


def import_throughput(rounds: int = 3) -> list[str]:
    from tandem.inbound.embeddings.service import embed_missing
    from tandem.inbound.evidence.importer import Request, import_file
    from tandem.platform.actor import LocalAdmin
    from tandem.runtime import Runtime
    from tandem.settings import Settings

    texts, _ = read("test")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["text"])
    writer.writerows([t] for t in texts)
    payload = buffer.getvalue()
    model = MiniLMEmbedder()
    model.embed(texts[:64])  # warm up
    bare, end_to_end, parts = [], [], []
    for round_ in range(rounds):
        start = time.perf_counter()
        model.embed(texts)
        bare.append(len(texts) / (time.perf_counter() - start))
        with tempfile.TemporaryDirectory() as tmp:
            runtime = Runtime(Settings(data_dir=Path(tmp), database_url="", secret_key="b" * 40,
                                       embedder="hashing"))
            from tandem.accounts import service as accounts

            with runtime.session() as session:
                user = accounts.create_user(session, "bench@example.com", "correct-horse-1")
                accounts.create_workspace(session, f"Bench {round_}", user, "bench")
            source = Path(tmp) / "texts.csv"
            source.write_text(payload, encoding="utf-8")
            timed = _Timed(model)
            start, cpu = time.perf_counter(), time.thread_time()
            import_file(partial(runtime.scope, LocalAdmin(), "bench"), source,
                        Request("texts.csv"))
            stored, stored_cpu = time.perf_counter(), time.thread_time()
            embed_missing(partial(runtime.scope, LocalAdmin(), "bench"), timed)
            done, done_cpu = time.perf_counter(), time.thread_time()
            end_to_end.append(len(texts) / (done - start))
            parts.append((stored - start, done - stored - timed.wall, timed.wall,
                          stored_cpu - cpu + done_cpu - stored_cpu - timed.cpu))
            runtime.close()
    ratio = float(np.median(end_to_end) / np.median(bare))
    imported, around, inside, overhead_cpu = (float(np.median(p)) for p in zip(*parts, strict=True))
    return ["| run | texts/s |", "|---|---|",
            f"| bare model (median of {rounds}) | {np.median(bare):.0f} |",
            f"| import end to end: parse, store, embed (median of {rounds}) | "
            f"{np.median(end_to_end):.0f} |",
            f"\nRatio end to end / bare model: {ratio:.2f}",
            f"\nEnd to end, medians: import (parse, check, store) {imported:.2f} s; "
            f"embedding run outside the model {around:.2f} s; the model inside it "
            f"{inside:.2f} s. CPU time of the run outside the model (this thread, "
            f"load-independent): {overhead_cpu:.2f} s."]


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what == "scale-child":
        scale_child(int(sys.argv[2]))
        return
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    if what in ("quality", "all"):
        print("\n".join(quality()), "\n")
    if what in ("scale", "all"):
        print("\n".join(scale()), "\n")
    if what in ("import", "all"):
        print("\n".join(import_throughput()), "\n")


if __name__ == "__main__":
    main()
