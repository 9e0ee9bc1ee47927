"""Ranking rules of suggestions and quotes, alone."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.inbound.suggestions.engine import query_vector, quote_score


def test_query_vector_is_the_words_alone_without_linked_vectors() -> None:
    assert np.allclose(query_vector([3.0, 4.0], None), [0.6, 0.8])
    assert np.allclose(query_vector([3.0, 4.0], np.empty((0, 2))), [0.6, 0.8])


def test_query_vector_counts_words_and_linked_centre_equally() -> None:
    found = query_vector([1.0, 0.0], [[0.0, 2.0], [0.0, 5.0]])
    assert np.allclose(found, [2 ** -0.5, 2 ** -0.5])
    assert np.linalg.norm(found) == pytest.approx(1.0)


@pytest.mark.parametrize(("args", "expected"), [
    ((1.0, 3, 3, 1_000_000, 1_000_000), 1.0),  # closest, critical, the largest customer
    ((None, 0, 3, None, None), 0.0),  # no vector, not important, no ARR
    ((0.5, 3, 3, None, None), 0.55),
    ((0.0, 0, 3, 1000, 1000), 0.2),
    ((-0.4, 0, 0, 0, 0), 0.0),  # negative similarity and zero weights count nothing
])
def test_quote_score(args: tuple[float | None, float, float, float | None, float | None],
                     expected: float) -> None:
    assert quote_score(*args) == pytest.approx(expected)


def test_quote_score_orders_by_importance_then_arr() -> None:
    critical_small = quote_score(0.5, 3, 3, 10_000, 1_000_000)
    nice_big = quote_score(0.5, 1, 3, 1_000_000, 1_000_000)
    nice_small = quote_score(0.5, 1, 3, 10_000, 1_000_000)
    assert critical_small > nice_big > nice_small
