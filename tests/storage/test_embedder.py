"""The fake embedder keeps the protocol's promises: unit rows, input order, determinism,
and shared words bringing texts closer."""

from __future__ import annotations

import numpy as np

from tandem.storage.embedder import Embedder, HashingEmbedder


def test_hashing_embedder_follows_the_protocol() -> None:
    embedder = HashingEmbedder(dim=32)
    assert isinstance(embedder, Embedder)
    texts = ["card payment declined", "", "Card payment DECLINED", "refund my transfer"]
    vectors = embedder.embed(texts)
    assert vectors.shape == (4, 32)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert np.allclose(vectors[0], vectors[2])  # case does not matter
    assert np.allclose(embedder.embed(texts), vectors)  # deterministic


def test_shared_words_score_higher_than_none() -> None:
    vectors = HashingEmbedder(dim=256).embed(
        ["my card payment was declined", "card payment declined again", "how do I reset my pin"])
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])


def test_no_texts_give_an_empty_matrix() -> None:
    assert HashingEmbedder(dim=8).embed([]).shape == (0, 8)
