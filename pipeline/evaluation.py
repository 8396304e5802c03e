"""Scoring predictions against labelled passages, with the definitions of `shared/eval/score.py`.

The figures (theme micro/macro F1, relevance F1, demand F1, stance F1 over (passage, demand,
stance) triples, stance accuracy and macro F1) follow the scorer's documented definitions; a test
checks that both give the same numbers on the shared dev set when it is present.
"""
from __future__ import annotations

import re
from pathlib import Path

from .schemas import STANCE_LABELS, THEMES


def _themes_of(record: dict) -> set[str]:
    themes = record.get("themes") or []
    if isinstance(themes, dict):
        return {t for t, p in themes.items() if p is not None and float(p) >= 0.5}
    return set(themes)


def _stances_of(record: dict) -> dict[str, str]:
    out = {}
    for demand, value in (record.get("stances") or {}).items():
        label = value.get("label") if isinstance(value, dict) else value
        if label in STANCE_LABELS:
            out[demand] = label
    return out


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def score(gold: dict[str, dict], pred: dict[str, dict]) -> dict:
    """gold/pred: id -> record with `themes` and `stances`. Returns the scorer's figures."""
    result: dict = {"n": len(gold)}
    per_theme = {}
    total = [0, 0, 0]
    for theme in THEMES:
        tp = fp = fn = 0
        for pid, g in gold.items():
            gs, ps = _themes_of(g), _themes_of(pred.get(pid, {}))
            tp += theme in gs and theme in ps
            fp += theme not in gs and theme in ps
            fn += theme in gs and theme not in ps
        per_theme[theme] = round(_f1(tp, fp, fn)[0], 4)
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
    relevance = [0, 0, 0]
    for pid, g in gold.items():
        has_gold, has_pred = bool(_themes_of(g)), bool(_themes_of(pred.get(pid, {})))
        relevance[0] += has_gold and has_pred
        relevance[1] += has_pred and not has_gold
        relevance[2] += has_gold and not has_pred
    result["theme_micro_f1"] = round(_f1(*total)[0], 4)
    result["theme_macro_f1"] = round(sum(per_theme.values()) / len(per_theme), 4)
    result["theme_f1"] = per_theme
    result["relevance_f1"] = round(_f1(*relevance)[0], 4)

    demand_counts = [0, 0, 0]
    stance_counts = [0, 0, 0]
    both = []
    for pid, g in gold.items():
        gs, ps = _stances_of(g), _stances_of(pred.get(pid, {}))
        for demand in set(gs) | set(ps):
            if demand in gs and demand in ps:
                demand_counts[0] += 1
                both.append((gs[demand], ps[demand]))
                if gs[demand] == ps[demand]:
                    stance_counts[0] += 1
                else:
                    stance_counts[1] += 1
                    stance_counts[2] += 1
            elif demand in ps:
                demand_counts[1] += 1
                stance_counts[1] += 1
            else:
                demand_counts[2] += 1
                stance_counts[2] += 1
    result["gold_pairs"] = sum(len(_stances_of(g)) for g in gold.values())
    result["demand_f1"] = round(_f1(*demand_counts)[0], 4)
    f1, precision, recall = _f1(*stance_counts)
    result["stance_f1"] = round(f1, 4)
    result["stance_precision"] = round(precision, 4)
    result["stance_recall"] = round(recall, 4)
    result["stance_acc"] = round(sum(a == b for a, b in both) / len(both), 4) if both else 0.0
    macro = []
    for label in STANCE_LABELS:
        tp = sum(a == label and b == label for a, b in both)
        fp = sum(a != label and b == label for a, b in both)
        fn = sum(a == label and b != label for a, b in both)
        macro.append(_f1(tp, fp, fn)[0])
    result["stance_macro_f1"] = round(sum(macro) / len(macro), 4)
    return result


def cross_validate_product(n_splits: int = 5, seed: int = 0, theme_probs=None, stance_predictions=None) -> dict:
    """Themes and stances as the product outputs them, cross-validated on the shared dev set
    (needs ../shared): out-of-fold theme probabilities (`themes.cross_val_proba`) aligned with the
    out-of-fold stances (`stance.align_theme_probabilities_with_stances`), scored with
    `score` (score.py's figures; a test checks both agree). Each model is refit inside its own
    folds, grouped by document; combining two out-of-fold outputs keeps every figure out-of-fold.
    `theme_probs` / `stance_predictions`: those two outputs for this seed when the caller has them."""
    from . import stance, themes
    from .stance_rules import load_catalogue

    gold = themes.load_gold()
    if theme_probs is None:
        theme_probs = themes.cross_val_proba(n_splits=n_splits, seed=seed, gold=gold)
    if stance_predictions is None:
        stance_predictions = stance.cross_val_predictions(n_splits, seed)
    stance_preds, _, rows = stance_predictions
    cat = load_catalogue()
    predictions = {}
    for passage_id, probs in theme_probs.iterrows():
        stances = stance_preds.get(passage_id, {}).get("stances", {})
        by_theme = {t: float(probs[f"theme_{t}"]) for t in THEMES}
        predictions[passage_id] = {"id": passage_id, "stances": stances,
                                   "themes": stance.align_theme_probabilities_with_stances(by_theme, stances, cat)}
    figures = score({r["id"]: r for r in rows}, predictions)
    figures.update(n_splits=n_splits, seed=seed, grouped_by="document")
    return figures


def cross_validate_product_seeds(n_seeds: int, n_splits: int = 5) -> dict:
    """`cross_validate_product` for fold seeds 0..n_seeds-1: per-seed figures and their means. With
    a few hundred passages one fold assignment moves the F1 figures by about a hundredth, so changes
    are judged on the mean."""
    return summarize_seeds([cross_validate_product(n_splits=n_splits, seed=s) for s in range(n_seeds)])


def summarize_seeds(runs: list[dict]) -> dict:
    """Per-seed figures and their means of `cross_validate_product` runs for fold seeds 0, 1, ..."""
    result = {"n_seeds": len(runs), "n_splits": runs[0]["n_splits"], "grouped_by": "document"}
    for key in ("theme_micro_f1", "relevance_f1", "stance_f1", "stance_acc"):
        values = [r[key] for r in runs]
        result[f"{key}_per_seed"] = values
        result[f"{key}_mean"] = round(sum(values) / len(values), 4)
    return result


def format_figures(figures: dict, heading: str | None = None) -> str:
    lines = [heading] if heading else []
    for key, value in figures.items():
        lines.append(f"{key:18} {value}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# probe sentences (tests/fixtures/stance_probes*.tsv, scripts/probe_stances.py)
# ---------------------------------------------------------------------------------------------
_MOTION_REQUEST = re.compile(r"\bverzoekt\b|\broept\b.*\bop\b|\bspreekt uit\b")


def read_probes(path: str | Path) -> list[tuple[str, str, str]]:
    """(demand_id, label, text) of a probe file: one text per line, tab-separated; label "pro" or
    "contra", or "neutral" for a text that addresses the demand without taking a side (read right
    when the stance stage gives it no side: neutral or not addressed). Lines starting with '#' are
    comments."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[1] not in STANCE_LABELS:
            raise ValueError(f"{path}:{n}: expected demand_id<TAB>pro|contra|neutral<TAB>text")
        rows.append((parts[0], parts[1], parts[2]))
    return rows


def probe_context(text: str) -> dict:
    """How a probe sentence is read: a line with a motion's request ("verzoekt de regering") as a motion
    in an asylum dossier, any other line as a programme paragraph under an asylum heading (so broad
    targets count, as they would there). Keyword arguments for `stance.predict_text`."""
    if _MOTION_REQUEST.search(text):
        return {"doc_type": "motion", "doc_id": "kst-19637-0"}
    return {"heading": "Asiel en migratie"}


def probe_read_right(expected: str, label: str | None) -> bool:
    """A sided probe needs its side; a neutral one any reading without a side (neutral or none)."""
    return label in ("neutral", None) if expected == "neutral" else label == expected
