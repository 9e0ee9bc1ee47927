"""Pure ranking rules for suggestions and customer quotes (no database)."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

# How much each part counts in a quote's rank: how close it is to the opportunity, how much
# the customer said it matters (the workspace's importance weights), and the customer's ARR.
SIMILARITY_SHARE = 0.5
IMPORTANCE_SHARE = 0.3
ARR_SHARE = 0.2


def query_vector(text_vector: npt.ArrayLike, linked: npt.ArrayLike | None
                 ) -> npt.NDArray[np.float64]:
    """What suggestions are compared with: the opportunity's own words and the centre of
    its linked evidence, each as a unit vector, counted equally; the words alone when
    nothing is linked (or the linked items have no vectors yet)."""
    text = _unit(np.asarray(text_vector, dtype=np.float64))
    rows = None if linked is None else np.asarray(linked, dtype=np.float64)
    if rows is None or rows.size == 0:
        return text
    centre = _unit(np.vstack([_unit(r) for r in rows]).mean(axis=0))
    return _unit(text + centre)


def _unit(vector: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def quote_score(similarity: float | None, weight: float, max_weight: float,
                arr: float | None, max_arr: float | None) -> float:
    """A customer quote's rank, 0 to 1: similarity to the opportunity (0 when unknown),
    the customer's stated importance as a share of the top weight, and their ARR on a log
    scale as a share of the largest ARR among the quotes."""
    sim = max(0.0, min(1.0, similarity or 0.0))
    importance = weight / max_weight if max_weight > 0 else 0.0
    money = 0.0
    if arr and max_arr and arr > 0 and max_arr > 0:
        money = math.log1p(arr) / math.log1p(max_arr)
    return (SIMILARITY_SHARE * sim + IMPORTANCE_SHARE * max(0.0, min(1.0, importance))
            + ARR_SHARE * max(0.0, min(1.0, money)))
