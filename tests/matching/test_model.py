import numpy as np
from scipy.optimize import check_grad

from tests.matching.synthetic import synthetic_edges, synthetic_places
from twinnings.matching import model
from twinnings.matching.features import FEATURES
from twinnings.matching.model import Examples, FitConfig, fit_softmax, inner_split, training_examples


def test_the_softmax_gradient_is_exact(monkeypatch: object) -> None:
    rng = np.random.default_rng(1)
    x_pos = rng.normal(size=(6, 4)).astype(np.float32)
    x_neg = rng.normal(size=(30, 4)).astype(np.float32)
    ex = Examples(
        x_pos, np.repeat(np.arange(3), 2), x_neg, np.repeat(np.arange(3), 10), rng.normal(size=30).astype(np.float32)
    )
    captured = {}
    original = model.optimize.minimize

    def spy(f, x0, **kwargs):  # type: ignore[no-untyped-def]
        captured["f"] = f
        return original(f, x0, **kwargs)

    monkeypatch.setattr(model.optimize, "minimize", spy)  # type: ignore[attr-defined]
    fit_softmax(ex, 1e-3)
    f = captured["f"]
    assert check_grad(lambda w: f(w)[0], lambda w: f(w)[1], rng.normal(size=4), epsilon=1e-3) < 1e-2


def test_inner_splits_hold_out_pairs_their_features_do_not_see() -> None:
    edges = synthetic_edges(synthetic_places())
    rng = np.random.default_rng(0)
    for mode in ("warm", "cold"):
        kept, pairs = inner_split(edges, mode, 0.1, rng)
        kept_pairs = {tuple(e) for e in kept.tolist()}
        assert pairs.size
        assert not any((min(a, b), max(a, b)) in kept_pairs for a, b in pairs.tolist())
        if mode == "cold":
            assert not set(pairs[:, 0].tolist()) & set(kept.ravel().tolist())


def test_training_examples_have_positives_and_weighted_samples() -> None:
    places = synthetic_places()
    ex = training_examples(
        places, synthetic_edges(places), "warm", FitConfig(negatives=10, max_queries=50), np.random.default_rng(0)
    )
    assert ex.x_pos.shape[1] == ex.x_neg.shape[1] == len(FEATURES)
    assert len(ex.x_pos) > 0 and len(ex.x_neg) > len(ex.x_pos)
    assert (np.diff(ex.neg_group) >= 0).all()
    assert (ex.log_weight >= 0).all()  # each sample stands for at least itself
