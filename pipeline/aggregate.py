"""Aggregation: stances per document, per party programme, per party's votes, per ISO week.

`aggregate(documents, passages, stances, votes)` is pure and deterministic (rows sorted, no
timestamps) and returns five DataFrames; `write_aggregates(tables, out_dir)` writes them with the
atomic writers of `pipeline.store`.

What counts
-----------
* A motion's stance on a demand is its ``level == "document"`` stance row. Its clause rows are
  evidence only (they name the passages shown as evidence) and are never counted a second time.
* A programme's (or plain text's) stance counts every non-clause (paragraph) row.
* stance_index = confidence-weighted mean of the counted scores, sum(c * s) / sum(c), in [-1, 1];
  the plain mean when every confidence is 0.
* A vote counts for alignment only on motions whose document-level label is pro or contra on the
  demand (neutral motions say nothing about the letter). Score per vote: ``voor`` on a pro motion
  +1, on a contra motion -1; ``tegen`` the reverse; ``niet deelgenomen`` and ``verdeeld`` score
  nothing and are counted in n_absent / n_split. alignment = mean score over the voor/tegen votes.
* A vote flagged ``vergissing`` (the party said afterwards it voted by mistake) counts as cast, as
  recorded: the Tweede Kamer's own result is not changed by a Vergissing either, and the flag says
  nothing about which way the party meant to vote on a verdeeld/absent record.
* Party names go through `pipeline.parties.canonical_party(name, motion date)`. When two recorded
  fracties map to one canonical party for the same motion (e.g. GroenLinks and PvdA after the
  merger date) they count once: their common vote, or ``verdeeld`` when they differ.
* A motion without vote records is still in document_stances / weekly_stances (n_with_votes says
  how many had votes) but contributes nothing to alignment.
* A party with a draft and a final programme for the same year: only the final one counts; a
  year with only a draft programme counts it with ``draft = True``.

Tables and columns
------------------
document_stances  one row per (doc_id, theme, demand_id)
    doc_id, doc_type, party, year, date, week (ISO "2023-W39"; null without a date), theme,
    demand_id, label (motions: the motion's label; other documents: pro/contra when the index is
    beyond +-NEUTRAL_BAND, else neutral), stance_index, confidence (mean of counted rows),
    n_passages, n_pro, n_contra, n_neutral, evidence_ids (';'-joined passage ids, best first),
    evidence (verbatim text of the best evidence)
party_stances  one row per (party, year, theme, demand_id), programmes only
    party, year, draft, doc_id, theme, demand_id, n_passages, stance_index, n_pro, n_contra,
    n_neutral, evidence_ids
party_vote_alignment  one row per (party, theme, demand_id), motions with a pro/contra stance
    party, theme, demand_id, n_motions (such motions the party has a vote record on), alignment
    (NaN when it only abstained/split), n_for, n_against, n_absent, n_split, n_agree (votes scoring
    +1), n_disagree (-1)
weekly_alignment  party_vote_alignment with a leading ``week`` column, one row per
    (week, party, theme, demand_id)
weekly_stances  one row per (week, theme, demand_id) over the week's motions
    week, theme, demand_id, n_motions, n_pro, n_contra, n_neutral, stance_index, n_with_votes,
    n_adopted, n_rejected, doc_ids (';'-joined)
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from . import store

log = logging.getLogger(__name__)

try:
    from .parties import canonical_party
except ImportError:  # pragma: no cover - parties.py is another helper's module
    def canonical_party(name, date=None):  # TODO(lead): remove once pipeline.parties is always present
        return name

# Programme rows whose stance index lies within +-NEUTRAL_BAND are labelled neutral: a party that
# says both things about a demand should not be read as taking a side.
NEUTRAL_BAND = 0.2
# How many passage ids to keep as evidence per aggregate row.
N_EVIDENCE = 3

TABLE_NAMES = ["document_stances", "party_stances", "party_vote_alignment", "weekly_alignment", "weekly_stances"]
# Tables the issue wants as CSV as well as parquet (the others are parquet only).
CSV_TABLES = {"party_stances", "party_vote_alignment"}

DOCUMENT_STANCE_COLUMNS = ["doc_id", "doc_type", "party", "year", "date", "week", "theme", "demand_id", "label",
                           "stance_index", "confidence", "n_passages", "n_pro", "n_contra", "n_neutral",
                           "evidence_ids", "evidence"]
PARTY_STANCE_COLUMNS = ["party", "year", "draft", "doc_id", "theme", "demand_id", "n_passages", "stance_index",
                        "n_pro", "n_contra", "n_neutral", "evidence_ids"]
ALIGNMENT_COLUMNS = ["party", "theme", "demand_id", "n_motions", "alignment", "n_for", "n_against", "n_absent",
                     "n_split", "n_agree", "n_disagree"]
WEEKLY_ALIGNMENT_COLUMNS = ["week", *ALIGNMENT_COLUMNS]
WEEKLY_STANCE_COLUMNS = ["week", "theme", "demand_id", "n_motions", "n_pro", "n_contra", "n_neutral",
                         "stance_index", "n_with_votes", "n_adopted", "n_rejected", "doc_ids"]

_STR = "string"
_DTYPES = {
    "doc_id": _STR, "doc_type": _STR, "party": _STR, "year": "Int64", "date": _STR, "week": _STR, "theme": _STR,
    "demand_id": _STR, "label": _STR, "stance_index": "float64", "confidence": "float64", "alignment": "float64",
    "evidence_ids": _STR, "evidence": _STR, "doc_ids": _STR, "draft": "bool",
}


def iso_week(date) -> str | None:
    """'2023-09-26' -> '2023-W39' (ISO year and week); None for a missing or unreadable date."""
    if date is None or (isinstance(date, float) and np.isnan(date)) or pd.isna(date):
        return None
    ts = pd.to_datetime(str(date)[:10], errors="coerce")
    if pd.isna(ts):
        return None
    iso = ts.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def iso_weeks(dates: pd.Series) -> pd.Series:
    """Vectorised `iso_week` for a column of ISO dates (null where missing or unreadable)."""
    ts = pd.to_datetime(dates.astype("string").str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    iso = ts.dt.isocalendar()
    week = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    return week.where(ts.notna(), None).astype("string")


def _metadata(text) -> dict:
    if text is None or (not isinstance(text, str)) or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except (ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def _finish(df: pd.DataFrame, columns: list[str], sort: list[str]) -> pd.DataFrame:
    """Exact columns, stable dtypes, sorted rows: the same input gives byte-identical files."""
    out = df.reindex(columns=columns) if len(df) else pd.DataFrame({c: [] for c in columns})
    for col in columns:
        if col in _DTYPES:
            out[col] = out[col].astype(_DTYPES[col])
        elif col.startswith("n_"):
            out[col] = out[col].fillna(0).astype("int64")
    return out.sort_values(sort, kind="stable", na_position="last").reset_index(drop=True)


def _weighted_index(scores: pd.Series, confidences: pd.Series) -> float:
    weight = confidences.clip(lower=0).sum()
    if weight > 0:
        return float((scores * confidences.clip(lower=0)).sum() / weight)
    return float(scores.mean()) if len(scores) else float("nan")


def _stance_groups(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Vectorised per-group counts and confidence-weighted index (same rule as `_weighted_index`)."""
    weight = rows["confidence"].clip(lower=0)
    r = rows.assign(_w=weight, _ws=rows["score"] * weight, _pro=rows["label"] == "pro",
                    _contra=rows["label"] == "contra", _neutral=rows["label"] == "neutral")
    g = r.groupby(keys, sort=True)
    out = pd.DataFrame({
        "n_passages": g.size(), "_w": g["_w"].sum(), "_ws": g["_ws"].sum(), "_mean": g["score"].mean(),
        "confidence": g["confidence"].mean(), "n_pro": g["_pro"].sum(), "n_contra": g["_contra"].sum(),
        "n_neutral": g["_neutral"].sum(), "first_label": g["label"].first(),
    })
    out["stance_index"] = np.where(out["_w"] > 0, out["_ws"] / out["_w"].where(out["_w"] > 0, 1), out["_mean"])
    return out.drop(columns=["_w", "_ws", "_mean"]).reset_index()


def _label_of_index(index: float) -> str:
    if index >= NEUTRAL_BAND:
        return "pro"
    if index <= -NEUTRAL_BAND:
        return "contra"
    return "neutral"


def _document_frame(documents: pd.DataFrame) -> pd.DataFrame:
    docs = documents[["doc_id", "doc_type", "party", "year", "date", "metadata"]].copy()
    meta = docs["metadata"].map(_metadata)
    docs["draft"] = meta.map(lambda m: bool(m.get("draft") or False))
    docs["result"] = meta.map(lambda m: (str(m.get("result")).strip().lower() if m.get("result") else None))
    docs["week"] = iso_weeks(docs["date"])
    pairs = list(zip(docs["party"].astype(object), docs["date"].astype(object)))
    canon = {(p, d): canonical_party(p, d if isinstance(d, str) else None) if isinstance(p, str) else None
             for p, d in set(pairs)}
    docs["party"] = [canon[pair] for pair in pairs]
    return docs.drop(columns=["metadata"])


def _counted_rows(stances: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """The stance rows that count: a motion's document-level row; every paragraph of other documents."""
    st = stances.merge(docs[["doc_id", "doc_type"]], on="doc_id", how="inner")
    is_motion = st["doc_type"] == "motion"
    keep = (is_motion & (st["level"] == "document")) | (~is_motion & (st["level"] != "clause"))
    return st[keep.fillna(False)].drop(columns=["doc_type"])


def _evidence_ranked(stances: pd.DataFrame, counted: pd.DataFrame) -> pd.DataFrame:
    """Per (doc_id, demand_id): passage ids and best evidence text, strongest first.

    Motions: clause rows that agree with the motion's label first (the clause that says it is the
    better quote to read), then the document row. Others: counted rows by |score| * confidence.
    """
    st = stances.copy()
    motion_label = counted.loc[counted["level"] == "document", ["doc_id", "demand_id", "label"]].rename(
        columns={"label": "_doc_label"})
    st = st.merge(motion_label, on=["doc_id", "demand_id"], how="left")
    is_clause = st["level"] == "clause"
    has_doc_label = st["_doc_label"].notna()
    counted_ids = set(counted["passage_id"])
    usable = st["passage_id"].isin(counted_ids) | (is_clause & has_doc_label & (st["label"] == st["_doc_label"]))
    st = st[usable.fillna(False)].copy()
    st["_strength"] = st["score"].abs() * st["confidence"]
    # clause evidence is what a reader wants to see; the document row is the fallback
    st["_rank_group"] = (st["level"] == "document").astype(int)
    st = st.sort_values(["doc_id", "demand_id", "_rank_group", "_strength", "passage_id"],
                        ascending=[True, True, True, False, True], kind="stable")
    keys = ["doc_id", "demand_id"]
    top = st[st.groupby(keys, sort=False).cumcount() < N_EVIDENCE]
    ids = top.groupby(keys, sort=True)["passage_id"].agg(";".join).rename("evidence_ids")
    has_text = st["evidence"].fillna("").astype(str).str.strip() != ""
    text = st[has_text].drop_duplicates(keys).set_index(keys)["evidence"]
    out = ids.to_frame().join(text, how="left").reset_index()
    return out[["doc_id", "demand_id", "evidence_ids", "evidence"]]


def document_stances(docs: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    counted = _counted_rows(stances, docs)
    if counted.empty:
        return _finish(pd.DataFrame(), DOCUMENT_STANCE_COLUMNS, ["doc_id", "theme", "demand_id"])
    out = _stance_groups(counted, ["doc_id", "theme", "demand_id"])
    # a motion's single document row keeps the stance model's label; other documents: index rule
    out["label"] = out["first_label"]
    out = out.merge(docs[["doc_id", "doc_type", "party", "year", "date", "week"]], on="doc_id", how="left")
    out = out.merge(_evidence_ranked(stances, counted), on=["doc_id", "demand_id"], how="left")
    # a motion's document row is labelled by the stance model; keep it, but a document row of a
    # non-motion (should not happen) falls back to the index rule
    non_motion = out["doc_type"] != "motion"
    out.loc[non_motion, "label"] = out.loc[non_motion, "stance_index"].map(_label_of_index)
    return _finish(out, DOCUMENT_STANCE_COLUMNS, ["doc_id", "theme", "demand_id"])


def party_stances(docs: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    sort = ["party", "year", "theme", "demand_id"]
    progs = docs[(docs["doc_type"] == "programme") & docs["party"].notna() & docs["year"].notna()].copy()
    if progs.empty:
        return _finish(pd.DataFrame(), PARTY_STANCE_COLUMNS, sort)
    # a final programme replaces the draft of the same party and year
    progs["_final_exists"] = progs.groupby(["party", "year"])["draft"].transform(lambda d: (~d).any())
    progs = progs[~(progs["draft"] & progs["_final_exists"])]
    counted = _counted_rows(stances, docs)
    counted = counted.merge(progs[["doc_id", "party", "year", "draft"]], on="doc_id", how="inner")
    if counted.empty:
        return _finish(pd.DataFrame(), PARTY_STANCE_COLUMNS, sort)
    keys = ["party", "year", "theme", "demand_id"]
    out = _stance_groups(counted, keys)
    counted["_strength"] = counted["score"].abs() * counted["confidence"]
    best = counted.sort_values([*keys, "_strength", "passage_id"], ascending=[True] * 4 + [False, True],
                               kind="stable")
    g = best.groupby(keys, sort=True)
    extra = pd.DataFrame({
        "draft": g["draft"].all(),
        "doc_id": g["doc_id"].agg(lambda ids: ";".join(sorted(set(ids)))),
        "evidence_ids": g["passage_id"].agg(lambda ids: ";".join(ids.head(N_EVIDENCE))),
    }).reset_index()
    rows = out.merge(extra, on=keys, how="left")
    return _finish(rows, PARTY_STANCE_COLUMNS, sort)


def scored_votes(docs: pd.DataFrame, stances: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """One row per (motion, demand, party vote) on motions with a pro/contra stance.

    Columns: doc_id, week, theme, demand_id, motion_label, party, vote, score (+1 / -1 / NaN).
    Exposed for the report (how each party voted) and for tests of the vote arithmetic.
    """
    cols = ["doc_id", "week", "theme", "demand_id", "motion_label", "party", "vote", "score"]
    counted = _counted_rows(stances, docs)
    motion_rows = counted[(counted["level"] == "document") & counted["label"].isin(["pro", "contra"])]
    motion_rows = motion_rows.merge(docs.loc[docs["doc_type"] == "motion", ["doc_id", "date", "week"]], on="doc_id")
    if motion_rows.empty or votes.empty:
        return pd.DataFrame({c: [] for c in cols})
    v = canonical_votes(votes[votes["doc_id"].isin(set(motion_rows["doc_id"]))], docs)
    merged = motion_rows[["doc_id", "week", "theme", "demand_id", "label"]].rename(
        columns={"label": "motion_label"}).merge(v, on="doc_id", how="inner")
    sign = np.where(merged["motion_label"] == "pro", 1.0, -1.0)
    direction = merged["vote"].map({"voor": 1.0, "tegen": -1.0})  # NaN for absent / split
    merged["score"] = sign * direction
    return merged[cols].sort_values(["doc_id", "demand_id", "party"], kind="stable").reset_index(drop=True)


def canonical_votes(votes: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Votes with canonical party names (at the motion's date), one row per (doc_id, party).

    Two records that fold into one party count once: their vote when equal, else ``verdeeld``.
    """
    date_of = docs.set_index("doc_id")["date"].astype(object)
    v = votes[["doc_id", "party", "vote"]].astype(object).copy()
    v["date"] = v["doc_id"].map(date_of)
    # the party table lookup runs once per distinct (name, date), not once per vote
    pairs = v[["party", "date"]].drop_duplicates()
    canon = {(p, d): canonical_party(p, d if isinstance(d, str) else None) if isinstance(p, str) else None
             for p, d in zip(pairs["party"], pairs["date"])}
    v["party"] = [canon[(p, d)] for p, d in zip(v["party"], v["date"])]
    v = v[v["party"].notna()].drop(columns=["date"])
    dup = v.duplicated(["doc_id", "party"], keep=False)
    if dup.any():
        folded = v[dup].groupby(["doc_id", "party"], sort=False)["vote"].agg(
            lambda s: s.iloc[0] if s.nunique() == 1 else "verdeeld").reset_index()
        v = pd.concat([v[~dup], folded], ignore_index=True)
    return v.sort_values(["doc_id", "party"], kind="stable").reset_index(drop=True)


def _alignment_table(scored: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if scored.empty:
        return pd.DataFrame()
    s = scored.assign(
        _for=scored["vote"] == "voor", _against=scored["vote"] == "tegen",
        _absent=scored["vote"] == "niet deelgenomen", _split=scored["vote"] == "verdeeld",
        _agree=scored["score"] == 1.0, _disagree=scored["score"] == -1.0)
    grouped = s.groupby(keys, sort=True)
    out = pd.DataFrame({
        "n_motions": grouped["doc_id"].nunique(),
        "alignment": grouped["score"].mean(),  # pandas skips NaN: absent/split do not score
        "n_for": grouped["_for"].sum(), "n_against": grouped["_against"].sum(),
        "n_absent": grouped["_absent"].sum(), "n_split": grouped["_split"].sum(),
        "n_agree": grouped["_agree"].sum(), "n_disagree": grouped["_disagree"].sum(),
    }).reset_index()
    return out


def weekly_stances(docs: pd.DataFrame, doc_stances: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    sort = ["week", "theme", "demand_id"]
    motions = doc_stances[(doc_stances["doc_type"] == "motion") & doc_stances["week"].notna()]
    if motions.empty:
        return _finish(pd.DataFrame(), WEEKLY_STANCE_COLUMNS, sort)
    voted = set(votes["doc_id"])
    result_of = dict(zip(docs["doc_id"], docs["result"]))
    m = motions.assign(
        _voted=motions["doc_id"].isin(voted),
        _adopted=motions["doc_id"].map(result_of) == "aangenomen",
        _rejected=motions["doc_id"].map(result_of) == "verworpen")
    rows = []
    for (week, theme, demand_id), grp in m.groupby(["week", "theme", "demand_id"], sort=True):
        labels = grp["label"].value_counts()
        rows.append({
            "week": week, "theme": theme, "demand_id": demand_id, "n_motions": grp["doc_id"].nunique(),
            "n_pro": int(labels.get("pro", 0)), "n_contra": int(labels.get("contra", 0)),
            "n_neutral": int(labels.get("neutral", 0)),
            "stance_index": _weighted_index(grp["stance_index"], grp["confidence"]),
            "n_with_votes": int(grp["_voted"].sum()), "n_adopted": int(grp["_adopted"].sum()),
            "n_rejected": int(grp["_rejected"].sum()), "doc_ids": ";".join(sorted(grp["doc_id"])),
        })
    return _finish(pd.DataFrame(rows), WEEKLY_STANCE_COLUMNS, sort)


def aggregate(documents: pd.DataFrame, passages: pd.DataFrame, stances: pd.DataFrame,
              votes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """All aggregate tables from the run's outputs (see the module docstring for the columns).

    `passages` is accepted for the contract (and future use: theme probabilities) but the
    aggregates are computed from stances, which already carry doc_id and level.

    >>> tables = aggregate(documents, passages, stances, votes)   # doctest: +SKIP
    >>> tables["party_vote_alignment"].query("demand_id == 'spreidingswet'")  # doctest: +SKIP
    """
    del passages  # see docstring
    docs = _document_frame(documents)
    stances = stances.copy()
    for col in ("score", "confidence"):
        stances[col] = stances[col].astype("float64")
    doc_st = document_stances(docs, stances)
    scored = scored_votes(docs, stances, votes)
    alignment = _alignment_table(scored, ["party", "theme", "demand_id"])
    weekly_alignment = _alignment_table(scored[scored["week"].notna()] if len(scored) else scored,
                                        ["week", "party", "theme", "demand_id"])
    return {
        "document_stances": doc_st,
        "party_stances": party_stances(docs, stances),
        "party_vote_alignment": _finish(alignment, ALIGNMENT_COLUMNS, ["party", "theme", "demand_id"]),
        "weekly_alignment": _finish(weekly_alignment, WEEKLY_ALIGNMENT_COLUMNS,
                                    ["week", "party", "theme", "demand_id"]),
        "weekly_stances": weekly_stances(docs, doc_st, votes),
    }


def write_aggregates(tables: dict[str, pd.DataFrame], out_dir) -> list[Path]:
    """Write every table as OUT/<name>.parquet (and .csv for the party tables); returns the paths."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    for name in TABLE_NAMES:
        if name not in tables:
            continue
        df = tables[name]
        written.append(store.write_parquet(df, out_dir / f"{name}.parquet"))
        if name in CSV_TABLES:
            written.append(store.write_csv(df, out_dir / f"{name}.csv"))
    return written
