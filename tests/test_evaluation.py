"""pipeline.evaluation: its figures are the shared scorer's (`../shared/eval/score.py`), and the
product's cross-validated figures over several fold seeds are what one seed at a time gives."""
import json
import subprocess
import sys

import pytest

from pipeline import evaluation
from pipeline.paths import has_shared, shared_dir

needs_shared = pytest.mark.skipif(not has_shared(), reason="needs ../shared")


def _gold_rows():
    return [json.loads(line) for line in (shared_dir() / "eval" / "dev.jsonl").read_text().splitlines()
            if line.strip()]


def _imperfect_predictions(rows):
    """Predictions that differ from the gold in every way the scorer counts: themes dropped, added
    and given as probabilities; stances missed, added, with the wrong side, or as dicts."""
    pred = {}
    for k, r in enumerate(rows):
        themes = list(r.get("themes") or [])
        stances = dict(r.get("stances") or {})
        if k % 3 == 0 and themes:
            themes = themes[1:]                       # a theme missed
        if k % 5 == 0:
            themes = themes + ["T2"]                  # a theme added (or already there)
        if k % 4 == 0:                                # probabilities instead of a list
            themes = {t: (0.9 if t in themes else 0.1) for t in evaluation.THEMES}
        for n, demand in enumerate(sorted(stances)):
            if (k + n) % 4 == 0:
                del stances[demand]                   # a pair missed
            elif (k + n) % 4 == 1:
                stances[demand] = {"pro": "contra", "contra": "neutral", "neutral": "pro"}[stances[demand]]
            elif (k + n) % 4 == 2:
                stances[demand] = {"label": stances[demand], "score": 0.5}
        if k % 7 == 0:
            stances["wachttijden_ind"] = "pro"        # a pair added (or its side changed)
        if k % 11 == 0:
            continue                                  # a passage not predicted at all
        pred[r["id"]] = {"id": r["id"], "themes": themes, "stances": stances}
    return pred


@needs_shared
def test_score_gives_the_shared_scorers_figures(tmp_path):
    rows = _gold_rows()
    pred = _imperfect_predictions(rows)
    gold_file, pred_file = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pred_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred.values()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared_dir() / "eval" / "score.py"), str(gold_file), str(pred_file),
                          "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = evaluation.score({r["id"]: r for r in rows}, pred)
    shared_keys = [k for k in theirs if k in ours]
    assert {"theme_micro_f1", "relevance_f1", "demand_f1", "stance_f1", "stance_acc"} <= set(shared_keys)
    for key in shared_keys:
        if isinstance(theirs[key], float):
            assert ours[key] == pytest.approx(theirs[key], abs=1e-4), key
        else:
            assert ours[key] == theirs[key], key
    # the perturbations are real: far from a perfect score, and a perfect prediction scores 1
    assert ours["stance_f1"] < 0.9 and ours["theme_micro_f1"] < 0.95
    perfect = evaluation.score({r["id"]: r for r in rows}, {r["id"]: r for r in rows})
    assert perfect["theme_micro_f1"] == 1.0 and perfect["stance_f1"] == 1.0


@needs_shared
def test_product_figures_over_seeds_are_the_single_seed_figures_and_their_mean():
    over_seeds = evaluation.cross_validate_product_seeds(2, n_splits=3)
    seed_1 = evaluation.cross_validate_product(n_splits=3, seed=1)
    assert over_seeds["n_seeds"] == 2
    for key in ("theme_micro_f1", "relevance_f1", "stance_f1", "stance_acc"):
        per_seed = over_seeds[f"{key}_per_seed"]
        assert len(per_seed) == 2 and per_seed[1] == seed_1[key]
        assert over_seeds[f"{key}_mean"] == pytest.approx(sum(per_seed) / 2, abs=1e-4)
    # other fold assignments give other figures: the seeds are really used
    assert over_seeds["theme_micro_f1_per_seed"][0] != over_seeds["theme_micro_f1_per_seed"][1]
