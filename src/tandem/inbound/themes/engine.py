"""Theme discovery, pure: unit vectors (and optionally their texts) in, themes out. No database.

How many themes there are is found, not given:

1. A Ward tree over the vectors. Up to EXACT_LIMIT items the tree is exact (scipy); past it,
   spherical k-means first summarises the items as MICRO_CLUSTERS weighted centroids and a
   weighted Ward tree (nearest-neighbour chain, below) is grown over those, so time and
   memory stay near-linear in the number of items.
2. Every cut of the tree is scored with the Bayesian information criterion of a mixture of
   spherical Gaussians with one shared variance (the model Ward's criterion assumes; the
   X-means score of Pelleg and Moore, 2000). Each merge's cost is exactly its increase in
   the within-cluster sum of squares, so all cuts are scored in one pass over the merges.
   The cut with the best score wins. The evidence is capped at REFERENCE_ITEMS items:
   past that size the log-likelihood is scaled to what REFERENCE_ITEMS items would give
   (mean log-likelihood per item x REFERENCE_ITEMS) and the penalty uses log(REFERENCE_ITEMS).
   Why: real themes are not Gaussian, so a split of one theme raises the log-likelihood in
   proportion to n while BIC's penalty grows only with log(n); plain BIC therefore finds
   more themes the more items there are (60 at 1,500, 113 at 3,080, 330 at 10,003 items
   for the same 77 intents). With the cap, a split is kept when it explains a fixed share
   of the scatter, about log(R) / R of it for R = REFERENCE_ITEMS, whatever n is: the
   number of themes no longer grows with n (docs/benchmarks.md). Up to REFERENCE_ITEMS
   items the score is plain BIC. It is the same choice as fitting k on a random sample of
   REFERENCE_ITEMS items, without the sampling noise, since the tree uses every item.
3. The BIC's clusters are the components the data support, not yet the themes: real
   themes hold sub-topics, and the BIC counts each well-supported one (about 110 at 3,000
   items whether the items come from 10, 20 or 77 labelled intents). So, as in Baudry et
   al. (2010), "Combining mixture components for clustering", the components are merged
   back: of the tree's cuts with 2 up to the BIC's number of clusters (SILHOUETTE_CUTS of
   them, evenly on a log scale), the one whose clusters are best separated wins, by the
   mean silhouette (Rousseeuw, 1987) over a random sample of SILHOUETTE_SAMPLE items. The
   silhouette is a mean per item, so the sample estimates it at any size. The BIC's k
   stays the upper bound: the silhouette alone keeps rising with k on fine-grained sets.
4. Themes too small to be worth reading (under MIN_THEME items, and under a quarter of the
   average theme size) go to the unsorted bucket, smallest first, while it holds at most
   UNSORTED_CAP of the items.

Nothing here was fitted to one data set: the choices are the model (Ward's), its score
(BIC at a capped sample size), the silhouette and the bounds above. REFERENCE_ITEMS sets
the finest resolution: the smallest theme worth telling apart is about the same share of
the items at any size.

Labels are key phrases scored by class-based TF-IDF (each theme's texts read as one
document; weight = tf in the theme x log(1 + average words per theme / frequency overall),
as in Grootendorst, BERTopic, 2022). Quotes are the theme's texts nearest its centroid.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

EXACT_LIMIT = 8000  # items clustered exactly; past it, micro-clusters first
MICRO_CLUSTERS = 2000
MICRO_ROUNDS = 5
CHUNK = 8192
MIN_THEME = 3
UNSORTED_CAP = 0.10  # at most this share of items left unsorted
MAX_AVERAGE_SIZE_DIVISOR = 3  # at least 3 items per theme on average: k <= n / 3
MAX_THEMES = 1000
REFERENCE_ITEMS = 3000  # evidence for the choice of k capped at this many items (doc above)
SILHOUETTE_SAMPLE = 2000  # items the silhouette is averaged over (an unbiased sample mean)
SILHOUETTE_CUTS = 60  # cuts tried between 2 and the BIC's k, evenly on a log scale
QUOTES = 3
KEY_PHRASES = 3
UNSORTED = -1

Matrix = npt.NDArray[np.float32]
Labels = npt.NDArray[np.int64]


@dataclass
class Theme:
    """One discovered theme: its members (row indices), key phrases and quotes."""

    number: int  # 0-based, largest theme first
    members: list[int]
    centroid: npt.NDArray[np.float32]
    key_phrases: list[str] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)  # row indices, most typical first

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def label(self) -> str:
        return " · ".join(self.key_phrases[:KEY_PHRASES]) or f"Theme {self.number + 1}"

    def description(self, total: int) -> str:
        share = 100.0 * self.size / max(total, 1)
        if not self.key_phrases:
            return f"{self.size:,} items ({share:.1f}% of all) close in meaning."
        words = [f"“{p}”" for p in self.key_phrases]
        said = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        return f"{self.size:,} items ({share:.1f}% of all) that talk about {said}."


@dataclass
class Discovery:
    """The outcome of one run: a theme number per row (UNSORTED for none) and the themes."""

    labels: Labels
    themes: list[Theme]
    chosen_k: int  # the cut chosen (step 3 of the module doc), before small ones went unsorted

    @property
    def unsorted(self) -> int:
        return int((self.labels == UNSORTED).sum())


# --- the tree -------------------------------------------------------------------------------


@dataclass
class Tree:
    """Merges of a Ward tree over `len(sizes)` leaves: pairs merged (ids as in scipy: a new
    cluster gets id leaves + step), each merge's increase in squared error, leaf weights,
    and the squared error inside the leaves (zero for exact trees)."""

    pairs: npt.NDArray[np.int64]
    costs: npt.NDArray[np.float64]
    sizes: npt.NDArray[np.float64]
    base_sse: float


def exact_tree(vectors: Matrix) -> Tree:
    from scipy.cluster.hierarchy import ward

    z = ward(vectors.astype(np.float64))
    return Tree(z[:, :2].astype(np.int64), z[:, 2] ** 2 / 2.0,
                np.ones(len(vectors)), 0.0)


def weighted_ward(points: npt.NDArray[np.float64], weights: npt.NDArray[np.float64]) -> Tree:
    """Ward's tree over weighted points, by the nearest-neighbour chain (Murtagh, 1983).

    Ward's distance between clusters a and b, na*nb/(na+nb) * |ca - cb|^2, is reducible,
    so following nearest neighbours until two are mutual finds every merge of the greedy
    algorithm with O(m) distance rows per merge instead of O(m^2).
    """
    from threadpoolctl import threadpool_limits

    # One matrix-vector product per chain step: too small to gain from threads, and BLAS
    # threads fighting over busy cores make each step up to 40 times slower.
    with threadpool_limits(1):
        return _nn_chain(points, weights)


def _nn_chain(points: npt.NDArray[np.float64], weights: npt.NDArray[np.float64]) -> Tree:
    m = len(points)
    # One row per live cluster: a merge writes the new cluster into the first one's slot.
    centres = points.astype(np.float64).copy()
    size = weights.astype(np.float64).copy()
    sq = (centres ** 2).sum(1)
    fast = centres.astype(np.float32)  # distances in float32: twice the speed, same merges
    live = np.ones(m, dtype=bool)
    name = np.arange(m)  # the tree id of the cluster in each slot
    pairs = np.zeros((max(m - 1, 0), 2), dtype=np.int64)
    costs = np.zeros(max(m - 1, 0))
    chain: list[int] = []  # slots
    for step in range(m - 1):
        if not chain:
            chain.append(int(np.argmax(live)))
        while True:
            a = chain[-1]
            d2 = np.maximum(sq + sq[a] - 2.0 * (fast @ fast[a]).astype(np.float64), 0.0)
            cost = size * size[a] / (size + size[a]) * d2
            cost[~live] = np.inf
            cost[a] = np.inf
            best = int(np.argmin(cost))
            if len(chain) > 1 and cost[chain[-2]] <= cost[best]:
                break  # mutual nearest neighbours (ties go to the previous link)
            chain.append(best)
        b = chain.pop()
        a = chain.pop()
        na, nb = size[a], size[b]
        diff = centres[a] - centres[b]
        costs[step] = na * nb / (na + nb) * float(diff @ diff)
        pairs[step] = (name[a], name[b])
        centres[a] = (na * centres[a] + nb * centres[b]) / (na + nb)
        sq[a] = float(centres[a] @ centres[a])
        fast[a] = centres[a]
        size[a] = na + nb
        live[b] = False
        name[a] = m + step
    # Merges come out of the chain in no global order; the tree is the same set of merges
    # sorted by cost (Ward's costs are monotone along every branch).
    order = np.argsort(costs, kind="stable")
    return _reordered(pairs, costs, order, m, weights)


def _reordered(pairs: npt.NDArray[np.int64], costs: npt.NDArray[np.float64],
               order: npt.NDArray[np.int64], m: int, weights: npt.NDArray[np.float64]) -> Tree:
    """Renumber merged clusters after sorting the merges by cost."""
    renamed = {m + int(old): m + new for new, old in enumerate(order)}
    fixed = np.array([[renamed.get(int(x), int(x)) for x in pairs[i]] for i in order],
                     dtype=np.int64).reshape(-1, 2)
    return Tree(fixed, costs[order], weights, 0.0)


def micro_clusters(vectors: Matrix, count: int, seed: int,
                   rounds: int = MICRO_ROUNDS) -> Labels:
    """Spherical k-means (Lloyd's rounds on cosine) from `count` sampled rows: a summary
    of a large set fine enough that Ward over it keeps the set's structure. Chunked, so
    memory stays at CHUNK x count scores."""
    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), size=count, replace=False)].copy()
    assigned = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(rounds):
        for start in range(0, len(vectors), CHUNK):
            block = vectors[start:start + CHUNK]
            assigned[start:start + CHUNK] = np.argmax(block @ centres.T, axis=1)
        sums = _sums(vectors, assigned, count)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        filled = norms[:, 0] > 0
        centres[filled] = sums[filled] / norms[filled]
    return assigned


def _sums(vectors: Matrix, groups: Labels, count: int) -> Matrix:
    """Row sums per group, as one sparse product (np.add.at is unbuffered and slow)."""
    from scipy.sparse import csr_matrix

    membership = csr_matrix((np.ones(len(groups), dtype=np.float32),
                             (groups, np.arange(len(groups)))), shape=(count, len(groups)))
    summed: Matrix = np.asarray(membership @ vectors, dtype=np.float32)
    return summed


def micro_tree(vectors: Matrix, seed: int) -> tuple[Tree, Labels]:
    """Large sets: micro-clusters first, then weighted Ward over their centroids."""
    count = min(MICRO_CLUSTERS, len(vectors))
    assigned = micro_clusters(vectors, count, seed)
    weights = np.bincount(assigned, minlength=count).astype(np.float64)
    used = np.flatnonzero(weights > 0)
    remap = np.full(count, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    leaf = remap[assigned]
    centres = _sums(vectors, leaf, len(used)).astype(np.float64) / weights[used][:, None]
    base = 0.0
    for start in range(0, len(vectors), CHUNK):
        block = vectors[start:start + CHUNK].astype(np.float64)
        base += float(((block - centres[leaf[start:start + CHUNK]]) ** 2).sum())
    tree = weighted_ward(centres, weights[used])
    tree.base_sse = base
    return tree, leaf


# --- choosing the cut -----------------------------------------------------------------------


def bic_by_k(tree: Tree, dim: int, max_k: int,
             reference: float = REFERENCE_ITEMS) -> dict[int, float]:
    """BIC (larger is better, constants dropped) of every cut with 1..max_k clusters, with
    the evidence capped at `reference` items (module doc; `math.inf` for plain BIC)."""
    leaves = len(tree.sizes)
    n = float(tree.sizes.sum())
    evidence = min(n, reference)
    weight = evidence / n
    sizes = np.concatenate([tree.sizes, np.zeros(max(leaves - 1, 0))])
    entropy = float((tree.sizes * np.log(tree.sizes)).sum())  # sum n_i log n_i
    sse = tree.base_sse
    scores: dict[int, float] = {}

    def score(k: int) -> float:
        variance = max(sse / (n * dim), 1e-12)
        log_lik = -n * dim / 2.0 * math.log(variance) + entropy - n * math.log(n)
        return weight * log_lik - k * (dim + 1) / 2.0 * math.log(evidence)

    if leaves <= max_k:
        scores[leaves] = score(leaves)
    for step, ((a, b), cost) in enumerate(zip(tree.pairs, tree.costs, strict=True)):
        na, nb = sizes[a], sizes[b]
        sizes[leaves + step] = na + nb
        entropy += (na + nb) * math.log(na + nb) - na * math.log(na) - nb * math.log(nb)
        sse += float(cost)
        k = leaves - step - 1
        if k <= max_k:
            scores[k] = score(k)
    return scores


def best_separated(matrix: Matrix, tree: Tree, leaf: Labels, most: int,
                   seed: int) -> tuple[int, Labels]:
    """The cut with 2..`most` clusters whose clusters are best separated (the highest mean
    silhouette, Rousseeuw 1987, on a sample of SILHOUETTE_SAMPLE items), and its labels.
    `most` is the BIC's choice: the components the data support. Merging them into the best
    separated clusters is the two-step of Baudry et al. (2010), "Combining mixture
    components for clustering"; module doc."""
    labels = cut(tree, most)[leaf]
    if most <= 2:
        return most, labels
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(len(matrix), min(len(matrix), SILHOUETTE_SAMPLE),
                                replace=False))
    rows = matrix[sample]
    distances = np.sqrt(np.maximum(2.0 - 2.0 * (rows @ rows.T), 0.0)).astype(np.float32)
    np.fill_diagonal(distances, 0.0)
    cuts = sorted({int(c) for c in np.rint(np.geomspace(2, most, SILHOUETTE_CUTS))} | {most})
    best_k, best_score, best_labels = most, -math.inf, labels
    for k in cuts:
        candidate = labels if k == most else cut(tree, k)[leaf]
        score = mean_silhouette(distances, candidate[sample])
        if score > best_score:
            best_k, best_score, best_labels = k, score, candidate
    return best_k, best_labels


def mean_silhouette(distances: Matrix, labels: Labels) -> float:
    """Mean silhouette of items with pairwise `distances` (0 for an item alone in its
    cluster), from one product of the distances with the membership matrix."""
    _, groups = np.unique(labels, return_inverse=True)
    n, count = len(groups), int(groups.max()) + 1
    if count < 2:
        return 0.0
    membership = np.zeros((n, count), dtype=np.float32)
    membership[np.arange(n), groups] = 1.0
    sizes = membership.sum(axis=0)
    summed = distances @ membership  # each item's total distance to each cluster
    own_size = sizes[groups]
    inside = summed[np.arange(n), groups] / np.maximum(own_size - 1.0, 1.0)
    outside = summed / sizes
    outside[np.arange(n), groups] = np.inf
    nearest = outside.min(axis=1)
    widths = (nearest - inside) / np.maximum(np.maximum(inside, nearest), 1e-12)
    widths[own_size == 1] = 0.0
    return float(widths.mean())


def cut(tree: Tree, k: int) -> Labels:
    """Cluster number (0..k-1) of every leaf when the tree is cut into k clusters."""
    leaves = len(tree.sizes)
    parent = np.arange(2 * leaves - 1)
    for step in range(leaves - k):
        a, b = tree.pairs[step]
        parent[a] = parent[b] = leaves + step

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    roots = np.array([root(i) for i in range(leaves)])
    _, labels = np.unique(roots, return_inverse=True)
    return labels.astype(np.int64)


# --- the whole run --------------------------------------------------------------------------


def discover(vectors: npt.ArrayLike, texts: Sequence[str] | None = None,
             seed: int = 0) -> Discovery:
    """Themes in `vectors` (rows of unit vectors); `texts` (same order) give labels/quotes."""
    matrix = np.asarray(vectors, dtype=np.float32)
    n = len(matrix)
    if texts is not None and len(texts) != n:
        raise ValueError(f"{len(texts)} texts for {n} vectors.")
    if n < 2 * MIN_THEME:
        labels = np.full(n, 0 if n >= MIN_THEME else UNSORTED, dtype=np.int64)
        return _finish(matrix, labels, texts, chosen_k=1 if n >= MIN_THEME else 0)
    if n <= EXACT_LIMIT:
        tree, leaf = exact_tree(matrix), np.arange(n, dtype=np.int64)
    else:
        tree, leaf = micro_tree(matrix, seed)
    max_k = max(1, min(MAX_THEMES, n // MAX_AVERAGE_SIZE_DIVISOR, len(tree.sizes)))
    scores = bic_by_k(tree, matrix.shape[1], max_k, REFERENCE_ITEMS)
    most = max(scores, key=lambda c: (scores[c], -c))
    k, labels = best_separated(matrix, tree, leaf, most, seed)
    return _finish(matrix, _unsort_small(labels, k), texts, chosen_k=k)


def _unsort_small(labels: Labels, k: int) -> Labels:
    """Send the smallest themes to unsorted while the bucket stays within UNSORTED_CAP."""
    n = len(labels)
    counts = np.bincount(labels, minlength=k)
    too_small = max(MIN_THEME, math.ceil(0.25 * n / max(k, 1)))
    budget = math.floor(UNSORTED_CAP * n)
    out = labels.copy()
    for number in np.argsort(counts, kind="stable"):
        if counts[number] >= too_small or counts[number] > budget:
            break
        out[labels == number] = UNSORTED
        budget -= int(counts[number])
    return out


def _finish(matrix: Matrix, labels: Labels, texts: Sequence[str] | None,
            chosen_k: int) -> Discovery:
    """Renumber themes largest first and give each its centroid, key phrases and quotes."""
    kept = [int(x) for x in np.unique(labels) if x != UNSORTED]
    kept.sort(key=lambda x: (-int((labels == x).sum()), x))
    renumbered = np.full(len(labels), UNSORTED, dtype=np.int64)
    themes: list[Theme] = []
    for number, old in enumerate(kept):
        members = np.flatnonzero(labels == old)
        renumbered[members] = number
        centroid = matrix[members].mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
        themes.append(Theme(number, members.tolist(), centroid.astype(np.float32)))
    if texts is not None:
        for theme, phrases in zip(themes, key_phrases(texts, renumbered, len(themes)),
                                  strict=True):
            theme.key_phrases = phrases
            theme.quotes = quotes(matrix, theme, texts)
    else:
        for theme in themes:
            theme.quotes = quotes(matrix, theme, None)
    return Discovery(renumbered, themes, chosen_k)


def quotes(matrix: Matrix, theme: Theme, texts: Sequence[str] | None,
           count: int = QUOTES) -> list[int]:
    """The members nearest the centroid, skipping repeats of a text already chosen."""
    members = np.asarray(theme.members)
    order = members[np.argsort(-(matrix[members] @ theme.centroid), kind="stable")]
    chosen: list[int] = []
    seen: set[str] = set()
    for row in order.tolist():
        key = " ".join(texts[row].lower().split()) if texts is not None else str(row)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(row)
        if len(chosen) == count:
            break
    return chosen


def key_phrases(texts: Sequence[str], labels: Labels, count: int,
                top: int = KEY_PHRASES) -> list[list[str]]:
    """Top phrases per theme by class-based TF-IDF over words and word pairs."""
    from sklearn.feature_extraction.text import CountVectorizer

    if count == 0:
        return []
    documents = [" ".join(texts[int(i)] for i in np.flatnonzero(labels == t))
                 for t in range(count)]
    vectorizer = CountVectorizer(stop_words="english", ngram_range=(1, 2),
                                 token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b")
    try:
        counts = vectorizer.fit_transform(documents)
    except ValueError:  # nothing but stop words
        return [[] for _ in range(count)]
    vocabulary = vectorizer.get_feature_names_out()
    tf = counts.toarray().astype(np.float64)
    frequency = tf.sum(axis=0)
    average_words = tf.sum() / count
    weights = tf * np.log1p(average_words / np.maximum(frequency, 1.0))
    words = np.array([phrase.count(" ") + 1 for phrase in vocabulary])
    out: list[list[str]] = []
    for row in weights:
        picked: list[str] = []
        for index in np.lexsort((-words, -row)):  # a pair as telling as its words wins
            if row[index] <= 0 or len(picked) == top:
                break
            phrase = str(vocabulary[index])
            if any(phrase in p.split() or p in phrase.split() for p in picked):
                continue  # "card" after "card arrival", or the reverse
            picked.append(phrase)
        out.append(picked)
    return out


def split_in_two(vectors: npt.ArrayLike, seed: int = 0) -> Labels:
    """The top split of the Ward tree over `vectors`: a 0 or 1 per row (0 = the larger part).
    For a person's "split this theme in two"; at least two rows."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if len(matrix) < 2:
        raise ValueError("Splitting needs at least two items.")
    if len(matrix) <= EXACT_LIMIT:
        tree, leaf = exact_tree(matrix), np.arange(len(matrix), dtype=np.int64)
    else:
        tree, leaf = micro_tree(matrix, seed)
    labels = cut(tree, 2)[leaf]
    if (labels == 0).sum() < (labels == 1).sum():
        labels = 1 - labels
    return labels


def describe(phrases: Sequence[str]) -> str:
    """A one-line description from a theme's key phrases (no counts, which go stale)."""
    if not phrases:
        return "Feedback close in meaning, with no phrase that stands out."
    words = [f"“{p}”" for p in phrases]
    said = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"Customers talk about {said}."
