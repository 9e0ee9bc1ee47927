"""The pure theme engine: the number of themes is found, not given; the tree, the score,
the cut, the unsorted bucket, key phrases and quotes each checked on small known inputs."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import pytest
from scipy.cluster.hierarchy import ward
from sklearn.metrics import adjusted_rand_score

from tandem.inbound.themes import engine


def blobs(sizes: list[int], dim: int = 16, spread: float = 0.05,
          seed: int = 1) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """Unit vectors around len(sizes) well-separated random directions."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(sizes), dim))
    rows, truth = [], []
    for number, size in enumerate(sizes):
        points = centres[number] + spread * np.linalg.norm(centres[number]) * rng.normal(
            size=(size, dim))
        rows.append(points)
        truth += [number] * size
    matrix = np.vstack(rows)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix.astype(np.float32), np.asarray(truth)


@pytest.mark.parametrize(("sizes", "dim"), [
    ([40, 40, 40], 16),
    ([60, 30, 15, 15, 30], 32),
    ([25] * 8, 24),
    ([100, 12], 16),
])
def test_finds_the_number_of_well_separated_themes(sizes: list[int], dim: int) -> None:
    matrix, truth = blobs(sizes, dim)
    found = engine.discover(matrix)
    assert found.chosen_k == len(sizes)
    assert adjusted_rand_score(truth, found.labels) == pytest.approx(1.0)
    assert [t.size for t in found.themes] == sorted(sizes, reverse=True)  # largest first


def test_the_micro_cluster_path_agrees_on_clear_themes(monkeypatch: pytest.MonkeyPatch) -> None:
    matrix, truth = blobs([300, 200, 200, 100], dim=24)
    monkeypatch.setattr(engine, "EXACT_LIMIT", 100)
    monkeypatch.setattr(engine, "MICRO_CLUSTERS", 80)
    found = engine.discover(matrix)
    assert found.chosen_k == 4
    assert adjusted_rand_score(truth, found.labels) == pytest.approx(1.0)


def test_weighted_ward_with_unit_weights_is_scipy_ward() -> None:
    points = np.random.default_rng(4).normal(size=(60, 8))
    tree = engine.weighted_ward(points, np.ones(60))
    expected = ward(points)[:, 2] ** 2 / 2.0
    assert np.allclose(tree.costs, expected, rtol=1e-4)
    for k in (2, 5, 17):
        mine = engine.cut(tree, k)
        assert len(set(mine.tolist())) == k


def test_weights_count_as_repeated_points() -> None:
    """A point of weight 3 merges like three copies of it."""
    points = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 0.0], [5.0, 1.2]])
    copies = np.array([points[0], points[0], points[0], points[1], points[2], points[3]])
    weighted = engine.weighted_ward(points, np.array([3.0, 1.0, 1.0, 1.0]))
    repeated = ward(copies)[:, 2] ** 2 / 2.0
    assert weighted.costs.sum() == pytest.approx(repeated.sum())
    assert weighted.costs[-1] == pytest.approx(repeated[-1])


@pytest.mark.parametrize(("count", "themes", "unsorted"), [
    (0, 0, 0),
    (2, 0, 2),  # fewer than MIN_THEME: nothing to call a theme
    (4, 1, 0),
])
def test_tiny_inputs(count: int, themes: int, unsorted: int) -> None:
    matrix = np.eye(8, dtype=np.float32)[:count]
    found = engine.discover(matrix, ["same words"] * count)
    assert (len(found.themes), found.unsorted) == (themes, unsorted)
    assert len(found.labels) == count


def test_small_themes_go_unsorted_within_the_cap() -> None:
    labels = np.array([0] * 50 + [1] * 40 + [2] * 2 + [3] * 3 + [4] * 5)
    out = engine._unsort_small(labels, 5)
    # too small: under max(3, ceil(0.25 * 100 / 5)) = 5 items; the cap is 10 items
    assert (out == engine.UNSORTED).sum() == 5
    assert set(out[:90].tolist()) == {0, 1}
    capped = engine._unsort_small(np.array([0] * 10 + [1] * 2 + [2] * 2), 3)
    assert (capped == engine.UNSORTED).sum() == 0  # 2 items would exceed 10% of 14


def test_bic_prefers_the_true_cut() -> None:
    matrix, _ = blobs([30, 30, 30], dim=8)
    tree = engine.exact_tree(matrix)
    scores = engine.bic_by_k(tree, 8, 20)
    assert max(scores, key=lambda k: scores[k]) == 3
    assert set(scores) == set(range(1, 21))


def families(themes: int, count: int, dim: int = 24, seed: int = 0, offset: float = 0.1
             ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """`count` unit vectors from `themes` well-separated themes, each a tight family of five
    nearby sub-topics, as real themes are (not one Gaussian each). The themes are the same
    at every count; only the sample grows."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(themes, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    subs = centres[:, None, :] + offset * rng.normal(size=(themes, 5, dim)) / np.sqrt(dim)
    draw = np.random.default_rng(seed + count)
    theme, sub = draw.integers(0, themes, count), draw.integers(0, 5, count)
    matrix = subs[theme, sub] + 0.15 * draw.normal(size=(count, dim)) / np.sqrt(dim)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix.astype(np.float32), theme


@pytest.mark.parametrize(("themes", "counts", "exact_limit"), [
    (4, [250, 1000, 4000], engine.EXACT_LIMIT),
    (9, [250, 1000, 4000], engine.EXACT_LIMIT),
    (6, [1000, 4000], 500),  # past 500 items: micro-clusters, then the weighted tree
])
def test_the_number_of_themes_does_not_grow_with_the_number_of_items(
        monkeypatch: pytest.MonkeyPatch, themes: int, counts: list[int],
        exact_limit: int) -> None:
    """Sizes 1x, 4x and 16x the reference: the same themes at every size. Plain BIC (no
    cap) splits them into their sub-topics once there are enough items."""
    monkeypatch.setattr(engine, "REFERENCE_ITEMS", 250)
    monkeypatch.setattr(engine, "EXACT_LIMIT", exact_limit)
    monkeypatch.setattr(engine, "MICRO_CLUSTERS", 300)
    for count in counts:
        matrix, truth = families(themes, count)
        found = engine.discover(matrix)
        assert found.chosen_k == themes, count
        assert adjusted_rand_score(truth, found.labels) == pytest.approx(1.0)
    matrix, _ = families(themes, counts[-1])
    plain = engine.bic_by_k(engine.exact_tree(matrix), matrix.shape[1], 100, math.inf)
    assert max(plain, key=lambda k: plain[k]) > 2 * themes


@pytest.mark.parametrize(("themes", "count"), [(4, 1000), (7, 1500)])
def test_clear_sub_topics_are_merged_back_into_their_themes(themes: int, count: int) -> None:
    """Sub-topics far enough apart for the BIC to count each one (five per theme), inside
    themes that are far better separated: the best-separated cut is the themes."""
    matrix, truth = families(themes, count, offset=0.3)
    tree = engine.exact_tree(matrix)
    scores = engine.bic_by_k(tree, matrix.shape[1], count // 3)
    assert max(scores, key=lambda k: scores[k]) >= 4 * themes
    found = engine.discover(matrix)
    assert found.chosen_k == themes
    assert adjusted_rand_score(truth, found.labels) == pytest.approx(1.0)


def test_mean_silhouette_is_sklearns() -> None:
    from sklearn.metrics import silhouette_score

    matrix, _ = blobs([20, 15, 1, 9], dim=6, spread=0.4)
    distances = np.sqrt(np.maximum(2 - 2 * matrix @ matrix.T, 0)).astype(np.float32)
    np.fill_diagonal(distances, 0.0)
    labels = np.random.default_rng(3).integers(0, 4, len(matrix))
    labels[7] = 9  # one item alone in its cluster counts as 0
    expected = silhouette_score(distances, labels, metric="precomputed")
    assert engine.mean_silhouette(distances, labels) == pytest.approx(expected, abs=1e-5)
    assert engine.mean_silhouette(distances, np.zeros(len(matrix), np.int64)) == 0.0


@pytest.mark.parametrize(("count", "reference", "expected"), [
    (100, 1000.0, (1.0, 100.0)),  # under the reference: plain BIC
    (100, math.inf, (1.0, 100.0)),
    (4000, 1000.0, (0.25, 1000.0)),  # over it: the evidence of 1,000 items
])
def test_the_evidence_is_capped_at_the_reference_size(
        count: int, reference: float, expected: tuple[float, float]) -> None:
    """The score is weight x log-likelihood - k (d + 1) / 2 x log(evidence): check both by
    comparing with plain BIC written out for the same cuts."""
    matrix, _ = blobs([count // 2, count - count // 2], dim=4)
    tree = engine.exact_tree(matrix)
    capped = engine.bic_by_k(tree, 4, 5, reference)
    plain = engine.bic_by_k(tree, 4, 5, math.inf)
    weight, evidence = expected
    for k in range(1, 5):
        # plain(k) = L(k) - k * 2.5 * log(count), so L(k) is known; rebuild the capped score
        log_lik = plain[k] + k * 2.5 * math.log(count)
        assert capped[k] == pytest.approx(weight * log_lik - k * 2.5 * math.log(evidence))


@pytest.mark.parametrize(("texts", "labels", "expected"), [
    (["card arrival late", "card arrival when", "my card arrival",
      "refund please now", "refund my money", "refund this"],
     [0, 0, 0, 1, 1, 1], [["card arrival"], ["refund"]]),
    (["the and of", "to be or"], [0, 0], [[]]),
])
def test_key_phrases_are_what_sets_a_theme_apart(texts: list[str], labels: list[int],
                                                 expected: list[list[str]]) -> None:
    found = engine.key_phrases(texts, np.asarray(labels), len(expected), top=1)
    assert found == expected


def test_quotes_are_nearest_the_centre_and_distinct() -> None:
    matrix = np.array([[1, 0], [0.9, 0.1], [0.9, 0.1], [0.5, 0.5], [0.2, 0.8]], np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    theme = engine.Theme(0, [0, 1, 2, 3, 4], np.array([1.0, 0.0], np.float32))
    texts = ["a", "b", "B ", "c", "d"]
    assert engine.quotes(matrix, theme, texts) == [0, 1, 3]


def test_labels_and_descriptions_read_well() -> None:
    theme = engine.Theme(0, list(range(30)), np.zeros(2, np.float32),
                         ["card arrival", "waiting", "ordered"])
    assert theme.label == "card arrival · waiting · ordered"
    assert theme.description(300) == (
        "30 items (10.0% of all) that talk about “card arrival”, “waiting” and “ordered”.")
    assert engine.Theme(4, [1], np.zeros(2, np.float32)).label == "Theme 5"


def test_texts_must_match_vectors() -> None:
    with pytest.raises(ValueError, match="2 texts for 3 vectors"):
        engine.discover(np.eye(3, dtype=np.float32), ["a", "b"])
