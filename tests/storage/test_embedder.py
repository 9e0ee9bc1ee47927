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


# --- the real model (all-MiniLM-L6-v2, int8 ONNX) -----------------------------------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tandem.storage import minilm  # noqa: E402
from tandem.storage.embedder import load_embedder  # noqa: E402


@pytest.fixture(scope="module")
def real() -> minilm.MiniLMEmbedder:
    return minilm.MiniLMEmbedder(batch_size=2)


def test_minilm_gives_unit_rows_in_input_order_whatever_the_batching(
        real: minilm.MiniLMEmbedder) -> None:
    texts = ["My card has not arrived yet.", "Where is my new card?",
             "a much longer message about a transfer that I made to a friend last week and "
             "which still has not shown up in their account", "", "refund please"]
    vectors = real.embed(texts)
    assert vectors.shape == (5, minilm.DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    one_by_one = np.vstack([real.embed([t]) for t in texts])
    assert np.allclose(vectors, one_by_one, atol=1e-5)  # sorted batches restore the order
    assert isinstance(real, Embedder) and real.name == minilm.MODEL_NAME


def test_minilm_knows_meaning_beyond_shared_words(real: minilm.MiniLMEmbedder) -> None:
    card, parcel, pin = real.embed(["My card has not arrived yet.",
                                    "The plastic I ordered still isn't in my mailbox.",
                                    "How do I change my PIN code?"])
    assert float(card @ parcel) > float(card @ pin)


def test_minilm_truncates_long_text_at_256_tokens(real: minilm.MiniLMEmbedder) -> None:
    base = "word " * 300
    first, second = real.embed([base, base + "completely different ending " * 20])
    assert float(first @ second) > 0.9999


@pytest.mark.parametrize(("damage", "message"), [
    ("missing", "is missing"),
    ("changed", "fails its checksum"),
])
def test_a_missing_or_damaged_model_file_is_a_clear_error(
        tmp_path: Path, damage: str, message: str) -> None:
    model = tmp_path / "model.onnx"
    if damage == "changed":
        source = minilm.default_model_path()
        assert source is not None
        shutil.copy(source, model)
        with model.open("r+b") as stream:
            stream.seek(1000)
            stream.write(b"\0\1\2\3")
    with pytest.raises(minilm.ModelFileError, match=message):
        minilm.MiniLMEmbedder(model_path=model)


def test_load_embedder_names_both_models() -> None:
    assert load_embedder("hashing").name.startswith("hashing")
    assert load_embedder("minilm").name == minilm.MODEL_NAME
    with pytest.raises(ValueError, match="Unknown embedder"):
        load_embedder("word2vec")
