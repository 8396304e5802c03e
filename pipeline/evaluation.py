"""Scoring predictions against labelled passages, with the definitions of `shared/eval/score.py`.

The figures (theme micro/macro F1, relevance F1, demand F1, stance F1 over (passage, demand,
stance) triples, stance accuracy and macro F1) follow the scorer's documented definitions; a test
checks that both give the same numbers on the shared dev set when it is present.
"""
from __future__ import annotations

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


def format_figures(figures: dict, heading: str | None = None) -> str:
    lines = [heading] if heading else []
    for key, value in figures.items():
        lines.append(f"{key:18} {value}")
    return "\n".join(lines)
