"""Turning text into vectors: the `Embedder` protocol every part of Tandem embeds through.

Search, near-duplicates and themes only ever see this protocol, so the real model and the
small fake used by fast tests are interchangeable. Vectors come back as float32 rows of length
`dim`, L2-normalised, one per input text, in input order; `name` is stored beside each vector
(see `tandem.storage.vectors`) so vectors of different models are never compared.

`HashingEmbedder` is the fake: deterministic, instant and dependency-free. It hashes word
unigrams and bigrams into `dim` buckets, so texts that share words are near and texts that
share none are orthogonal. That is enough to test ranking, fusion and clustering code paths;
it knows nothing of meaning (synonyms score zero), which is what the real model is for.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

_WORD = re.compile(r"\w+", re.UNICODE)


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into unit vectors of one fixed dimension."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised float32 row per text, in input order (shape: len(texts) x dim)."""
        ...


class HashingEmbedder:
    """The fake embedder for tests: bag of hashed words and word pairs, normalised."""

    def __init__(self, dim: int = 64, name: str = "hashing-64") -> None:
        self.dim = dim
        self.name = name

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, (1.0 if value >> 63 else -1.0)

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for token in (*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))):
                index, sign = self._bucket(token)
                out[row, index] += sign
            norm = float(np.linalg.norm(out[row]))
            if norm == 0.0:  # no words at all: a fixed direction, so the row is still a unit
                out[row, 0] = 1.0
            else:
                out[row] /= norm
        return out


def load_embedder(name: str) -> Embedder:
    """The embedder the `embedder` setting names (see `tandem.settings`).

    `minilm` checks its model files' checksums here and raises `ModelFileError` when one is
    missing or wrong: there is never a silent fallback to the hashing stand-in.
    """
    if name == "hashing":
        return HashingEmbedder()
    if name == "minilm":
        from tandem.storage.minilm import MiniLMEmbedder  # onnxruntime loads only when asked

        return MiniLMEmbedder()
    raise ValueError(f"Unknown embedder '{name}'.")
