"""A small pandas-first API for analysts over the outputs of `python -m pipeline run`.

    >>> from pipeline import api
    >>> data = api.load("data/processed")                       # doctest: +SKIP
    >>> api.compare_parties(data, year=2023, theme="T3")        # doctest: +SKIP
    >>> api.vote_alignment(data, demand="spreidingswet")        # doctest: +SKIP
    >>> api.evidence(data, "spreidingswet", party="CDA", n=5)   # doctest: +SKIP

Every function takes the `Processed` bundle from `load()` and returns a plain DataFrame; filters
are keyword arguments, `None` meaning "all". Party filters take a name or a list of names and go
through the canonical party table, so "GL-PvdA" finds "GroenLinks-PvdA". Dates are ISO strings.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import aggregate, paths, schemas

try:
    from .parties import canonical_party
except ImportError:  # pragma: no cover
    def canonical_party(name, date=None):  # TODO(lead): remove once pipeline.parties is always present
        return name

__all__ = ["Processed", "load", "default_data_dir", "stances", "compare_parties", "vote_alignment",
           "evidence", "weekly", "motions", "weeks", "week_bounds"]

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass
class Processed:
    """The processed outputs of one run, as DataFrames (see pipeline.schemas / pipeline.aggregate)."""
    data_dir: Path
    documents: pd.DataFrame
    passages: pd.DataFrame
    stances: pd.DataFrame
    votes: pd.DataFrame
    document_stances: pd.DataFrame
    party_stances: pd.DataFrame
    party_vote_alignment: pd.DataFrame
    weekly_alignment: pd.DataFrame
    weekly_stances: pd.DataFrame
    provenance: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(getattr(self, n))}" for n in
                          ["documents", "stances", "votes", "party_stances", "party_vote_alignment"])
        return f"Processed({self.data_dir}: {sizes})"


def default_data_dir() -> Path:
    """$ASIEL_DATA, else data/processed of the checkout."""
    return Path(os.environ.get("ASIEL_DATA", paths.REPO_ROOT / "data" / "processed"))


def load(data_dir: str | os.PathLike | None = None) -> Processed:
    """Load a run's outputs; aggregates missing on disk are computed from the base tables.

    >>> data = api.load()            # $ASIEL_DATA or data/processed   # doctest: +SKIP
    >>> data.documents.doc_type.value_counts()                        # doctest: +SKIP
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if not (data_dir / "documents.parquet").exists():
        raise FileNotFoundError(f"no documents.parquet in {data_dir}: run `python -m pipeline run ... --out {data_dir}`")

    def read(name: str) -> pd.DataFrame | None:
        path = data_dir / f"{name}.parquet"
        return pd.read_parquet(path) if path.exists() else None

    base = {}
    for name in ("documents", "passages", "stances", "votes"):
        df = read(name)
        base[name] = schemas.coerce(df, name) if df is not None else schemas.empty(name)
    tables = {name: read(name) for name in aggregate.TABLE_NAMES}
    if any(t is None for t in tables.values()):
        computed = aggregate.aggregate(base["documents"], base["passages"], base["stances"], base["votes"])
        tables = {n: (t if t is not None else computed[n]) for n, t in tables.items()}
    provenance = {}
    if (data_dir / "provenance.json").exists():
        provenance = json.loads((data_dir / "provenance.json").read_text(encoding="utf-8"))
    return Processed(data_dir=data_dir, provenance=provenance, **base, **tables)


# --- filters ------------------------------------------------------------------------------------
def _as_list(value) -> list | None:
    if value is None:
        return None
    return [value] if isinstance(value, (str, int)) else list(value)


def _party_mask(series: pd.Series, party) -> pd.Series:
    wanted = _as_list(party)
    if wanted is None:
        return pd.Series(True, index=series.index)
    names = {canonical_party(str(p)) for p in wanted} | {str(p) for p in wanted}
    return series.isin(names).fillna(False).astype(bool)


def _in(series: pd.Series, value) -> pd.Series:
    wanted = _as_list(value)
    if wanted is None:
        return pd.Series(True, index=series.index)
    return series.isin(wanted).fillna(False).astype(bool)


def week_bounds(week: str) -> tuple[str, str]:
    """ISO week -> (Monday, Sunday) as ISO dates. ``week_bounds("2023-W39") == ("2023-09-25", "2023-10-01")``."""
    m = _WEEK.match(week or "")
    if not m:
        raise ValueError(f"not an ISO week like 2025-W27: {week!r}")
    monday = pd.Timestamp.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    return monday.strftime("%Y-%m-%d"), (monday + pd.Timedelta(days=6)).strftime("%Y-%m-%d")


def _date_mask(df: pd.DataFrame, since, until) -> pd.Series:
    """Motions by date; programmes (no date) by year."""
    mask = pd.Series(True, index=df.index)
    date = df["date"].astype("string")
    year = df["year"].astype("Int64") if "year" in df else None
    if since:
        by_date = date >= str(since)
        by_year = (year >= int(str(since)[:4])) if year is not None else False
        mask &= by_date.where(date.notna(), by_year).fillna(False).astype(bool)
    if until:
        by_date = date <= str(until)
        by_year = (year <= int(str(until)[:4])) if year is not None else False
        mask &= by_date.where(date.notna(), by_year).fillna(False).astype(bool)
    return mask


def _week_mask(weeks: pd.Series, since, until) -> pd.Series:
    """Rows of weekly tables whose week overlaps [since, until] (ISO dates or ISO weeks)."""
    mask = pd.Series(True, index=weeks.index)
    if since:
        start = aggregate.iso_week(since) if not _WEEK.match(str(since)) else str(since)
        mask &= (weeks >= start).fillna(False).astype(bool)
    if until:
        end = aggregate.iso_week(until) if not _WEEK.match(str(until)) else str(until)
        mask &= (weeks <= end).fillna(False).astype(bool)
    return mask


# --- analyst functions --------------------------------------------------------------------------
def stances(data: Processed, party=None, theme=None, demand=None, since=None, until=None,
            doc_type=None) -> pd.DataFrame:
    """Per-document stances (one row per document x demand), filtered.

    >>> api.stances(data, party="PVV", theme="T3", since="2023-01-01", doc_type="motion")  # doctest: +SKIP
    """
    ds = data.document_stances
    mask = (_party_mask(ds["party"], party) & _in(ds["theme"], theme) & _in(ds["demand_id"], demand)
            & _in(ds["doc_type"], doc_type) & _date_mask(ds, since, until))
    out = ds[mask].merge(data.documents[["doc_id", "title"]], on="doc_id", how="left")
    return out.reset_index(drop=True)


def compare_parties(data: Processed, year: int | None = None, theme=None, parties=None,
                    value: str = "stance_index") -> pd.DataFrame:
    """Programme stances side by side: rows (theme, demand_id), columns parties, cells `value`.

    Without `year` each party's latest programme is used. NaN: the programme does not address
    the demand. `value` may be any numeric column of party_stances (n_passages, n_pro, ...).

    >>> api.compare_parties(data, year=2023, theme="T3").round(2)   # doctest: +SKIP
    """
    ps = data.party_stances
    ps = ps[_party_mask(ps["party"], parties) & _in(ps["theme"], theme)]
    if year is not None:
        ps = ps[ps["year"] == int(year)]
    else:
        latest = ps.groupby("party")["year"].transform("max")
        ps = ps[ps["year"] == latest]
    if ps.empty:
        return pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=["theme", "demand_id"]))
    table = ps.pivot_table(index=["theme", "demand_id"], columns="party", values=value, aggfunc="first")
    table.columns.name = "party"
    return table.sort_index()


def vote_alignment(data: Processed, party=None, theme=None, demand=None, since=None, until=None,
                   by: str = "demand") -> pd.DataFrame:
    """How parties voted against the letter: alignment in [-1, 1] (+1 always with the letter).

    by="demand" gives (party, theme, demand_id) rows, by="theme" (party, theme), by="party" one
    row per party. since/until (ISO dates or weeks) restrict to motions of those weeks.

    >>> api.vote_alignment(data, theme="T3", by="theme")   # doctest: +SKIP
    """
    keys = {"demand": ["party", "theme", "demand_id"], "theme": ["party", "theme"], "party": ["party"]}[by]
    wa = data.weekly_alignment
    wa = wa[_party_mask(wa["party"], party) & _in(wa["theme"], theme) & _in(wa["demand_id"], demand)
            & _week_mask(wa["week"], since, until)]
    counts = ["n_motions", "n_for", "n_against", "n_absent", "n_split", "n_agree", "n_disagree"]
    if wa.empty:
        return pd.DataFrame(columns=[*keys, "alignment", *counts])
    out = wa.groupby(keys, sort=True)[counts].sum().reset_index()
    scored = out["n_agree"] + out["n_disagree"]
    out["alignment"] = np.where(scored > 0, (out["n_agree"] - out["n_disagree"]) / scored.where(scored > 0, 1),
                                np.nan)
    return out[[*keys, "alignment", *counts]]


def evidence(data: Processed, demand: str, party=None, label=None, doc_type=None, n: int = 10) -> pd.DataFrame:
    """The strongest evidence passages on a demand, one per document, strongest first.

    >>> api.evidence(data, "spreidingswet", label="contra", n=5)[["party", "title", "evidence"]]  # doctest: +SKIP
    """
    st = data.stances[data.stances["demand_id"] == demand]
    if label is not None:
        st = st[_in(st["label"], label)]
    docs = data.documents[["doc_id", "doc_type", "party", "year", "date", "title"]]
    st = st.merge(docs, on="doc_id", how="inner")
    st = st[_party_mask(st["party"], party) & _in(st["doc_type"], doc_type)]
    if st.empty:
        return pd.DataFrame(columns=["doc_id", "doc_type", "party", "year", "date", "title", "passage_id",
                                     "level", "label", "score", "confidence", "evidence", "text"])
    st = st.assign(_strength=st["score"].abs() * st["confidence"],
                   _clause_first=(st["level"] == "document").astype(int))  # a clause quote reads better
    st = st.sort_values(["_strength", "_clause_first", "passage_id"], ascending=[False, True, True], kind="stable")
    st = st.drop_duplicates("doc_id").head(n)
    text = data.passages[["passage_id", "text"]] if "text" in data.passages else None
    if text is not None:
        st = st.merge(text, on="passage_id", how="left")
    else:
        st["text"] = pd.NA
    return st[["doc_id", "doc_type", "party", "year", "date", "title", "passage_id", "level", "label",
               "score", "confidence", "evidence", "text"]].reset_index(drop=True)


def weekly(data: Processed, theme=None, demand=None, party=None, since=None, until=None) -> pd.DataFrame:
    """Week-by-week tables: motion stances per (week, theme, demand) or, with `party`, that party's
    vote alignment per (week, party, theme, demand).

    >>> api.weekly(data, demand="spreidingswet", since="2023-01-01")          # doctest: +SKIP
    >>> api.weekly(data, party=["VVD", "NSC"], theme="T2")                     # doctest: +SKIP
    """
    table = data.weekly_alignment if party is not None else data.weekly_stances
    mask = _in(table["theme"], theme) & _in(table["demand_id"], demand) & _week_mask(table["week"], since, until)
    if party is not None:
        mask &= _party_mask(table["party"], party)
    return table[mask].reset_index(drop=True)


def weeks(data: Processed) -> list[str]:
    """ISO weeks that have motions, oldest first. ``api.weeks(data)[-1]`` is the latest."""
    docs = data.documents[data.documents["doc_type"] == "motion"]
    return sorted(set(aggregate.iso_weeks(docs["date"]).dropna()))


def motions(data: Processed, week: str | None = None, theme=None, demand=None, since=None, until=None,
            party=None) -> pd.DataFrame:
    """Motions with a stance on a demand, one row per (motion, demand), with how each party voted.

    Columns: week, date, doc_id, title, party (first submitter), result, theme, demand_id, label,
    stance_index, confidence, evidence, has_votes, voor, tegen, niet_deelgenomen, verdeeld (the
    last four: ';'-joined canonical party names).

    >>> api.motions(data, week="2023-W39", theme="T3")   # doctest: +SKIP
    """
    ds = data.document_stances
    ds = ds[(ds["doc_type"] == "motion") & _in(ds["theme"], theme) & _in(ds["demand_id"], demand)
            & _party_mask(ds["party"], party) & _date_mask(ds, since, until)]
    if week is not None:
        ds = ds[ds["week"] == week]
    docs = data.documents[["doc_id", "title", "metadata"]].copy()
    docs["result"] = docs["metadata"].map(lambda m: aggregate._metadata(m).get("result"))
    out = ds.merge(docs[["doc_id", "title", "result"]], on="doc_id", how="left")
    motion_votes = data.votes[data.votes["doc_id"].isin(set(ds["doc_id"]))]
    votes = aggregate.canonical_votes(motion_votes, data.documents) if len(motion_votes) else \
        pd.DataFrame(columns=["doc_id", "party", "vote"])
    by_vote = {}
    for value in schemas.VOTE_VALUES:
        sub = votes[votes["vote"] == value]
        by_vote[value] = {d: ";".join(sorted(map(str, g))) for d, g in sub.groupby("doc_id")["party"]}
    out["has_votes"] = out["doc_id"].isin(set(votes["doc_id"]))
    for value in schemas.VOTE_VALUES:
        out[value.replace(" ", "_")] = pd.Series([by_vote[value].get(d, "") for d in out["doc_id"]],
                                                  index=out.index, dtype="string")
    cols = ["week", "date", "doc_id", "title", "party", "result", "theme", "demand_id", "label", "stance_index",
            "confidence", "evidence", "has_votes", "voor", "tegen", "niet_deelgenomen", "verdeeld"]
    return out[cols].sort_values(["date", "doc_id", "theme", "demand_id"], kind="stable").reset_index(drop=True)
