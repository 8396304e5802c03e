"""Aggregation arithmetic on hand-made inputs (invented Dutch motions and programmes).

`make_sample()` is also used by test_report.py and test_api.py: a small but realistic set of
outputs of `run` (documents, passages, stances, votes) written in the stage schemas.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from pipeline import aggregate, schemas, store

# --- a hand-made sample -------------------------------------------------------------------------
# Motions (all invented): doc_id, date, title, party, result, text, [(demand, theme, label, score, conf)]
MOTIONS = [
    ("kst-900-1", "2023-09-26", "Motie van het lid De Vries over het uitvoeren van de Spreidingswet", "CDA",
     "aangenomen", "verzoekt de regering de Spreidingswet onverkort uit te voeren en gemeenten te steunen",
     [("spreidingswet", "T3", "pro", 0.9, 0.9)]),
    ("kst-900-2", "2023-09-27", "Motie van het lid Jansen over het intrekken van de Spreidingswet", "PVV",
     "verworpen", "verzoekt de regering de Spreidingswet in te trekken",
     [("spreidingswet", "T3", "contra", -0.8, 0.8)]),
    ("kst-900-3", "2023-09-28", "Motie van het lid Bakker over wachttijden bij de IND", "SP",
     "aangenomen", "verzoekt de regering structureel te investeren in de IND om wachttijden weg te werken",
     [("wachttijden_ind", "T2", "pro", 0.7, 1.0)]),
    ("kst-900-4", "2023-09-19", "Motie van het lid Smit over een onderzoek naar opvanglocaties", "VVD",
     "aangenomen", "verzoekt de regering te onderzoeken hoeveel opvangplekken er nodig zijn",
     [("spreidingswet", "T3", "neutral", 0.0, 0.6)]),
    ("kst-900-5", "2023-09-12", "Motie van het lid Visser over het tweestatusstelsel", "VVD",
     "verworpen", "verzoekt de regering een tweestatusstelsel in te voeren",
     [("nationale_maatregelen_loslaten", "T2", "contra", -0.9, 0.9)]),
    ("kst-901-1", "2024-09-11", "Motie van het lid Mulder over kinderen in de opvang", "GroenLinks-PvdA",
     None, "verzoekt de regering kinderen alleen in vaste, kindvriendelijke opvanglocaties te plaatsen",
     [("kinderen_kindvriendelijk", "T3", "pro", 0.8, 0.9)]),
]
# votes per motion: party -> vote ("voor" / "tegen" / "niet deelgenomen" / "verdeeld")
VOTES = {
    "kst-900-1": {"CDA": "voor", "VVD": "voor", "PVV": "tegen", "SP": "voor", "GroenLinks": "voor",
                  "PvdA": "voor", "BBB": "niet deelgenomen"},
    "kst-900-2": {"CDA": "tegen", "VVD": "voor", "PVV": "voor", "SP": "tegen", "GroenLinks": "tegen",
                  "PvdA": "tegen", "BBB": "verdeeld"},
    "kst-900-3": {"CDA": "voor", "VVD": "tegen", "PVV": "tegen", "SP": "voor", "GroenLinks": "voor",
                  "PvdA": "voor", "BBB": "tegen"},
    "kst-900-4": {"CDA": "voor", "VVD": "voor", "PVV": "voor", "SP": "voor"},
    "kst-900-5": {"CDA": "tegen", "VVD": "voor", "PVV": "voor", "SP": "tegen", "GroenLinks": "tegen",
                  "PvdA": "tegen"},
    # kst-901-1 has no votes
}
# Programmes: party, year, draft, paragraphs [(text, heading, [(demand, theme, label, score, conf)])]
PROGRAMMES = [
    ("CDA", 2023, False, [
        ("Wij willen dat alle gemeenten hun deel van de opvang dragen, zoals de Spreidingswet regelt.",
         "Asiel en migratie > Opvang", [("spreidingswet", "T3", "pro", 0.8, 1.0)]),
        ("Gemeenten die weigeren opvang te bieden, spreken we aan; vrijwilligheid werkt niet.",
         "Asiel en migratie > Opvang", [("spreidingswet", "T3", "pro", 0.6, 0.5)]),
        ("De IND krijgt structureel meer geld zodat aanvragen binnen de wettelijke termijn worden beslist.",
         "Asiel en migratie > Procedure", [("wachttijden_ind", "T2", "pro", 0.9, 0.8)]),
        ("We investeren in de boerenlandbouw en het platteland.", "Landbouw", []),
    ]),
    ("PVV", 2023, False, [
        ("De Spreidingswet gaat direct van tafel; geen enkele gemeente wordt gedwongen tot opvang.",
         "Immigratie", [("spreidingswet", "T3", "contra", -1.0, 1.0)]),
        ("Een asielstop: de grenzen gaan dicht voor asielzoekers.", "Immigratie",
         [("bescherming_non_refoulement", "T1", "contra", -0.9, 0.9)]),
    ]),
    ("SP", 2025, True, [
        ("Asielzoekers mogen vanaf de eerste dag werken en vrijwilligerswerk doen.", "Meedoen",
         [("arbeidsmarkt_toegang", "T3", "pro", 0.7, 0.7)]),
    ]),
]


def make_sample() -> dict[str, pd.DataFrame]:
    """documents, passages (with theme columns), stances, votes in the run's schemas."""
    docs, passages, stances, votes = [], [], [], []

    def add_passage(doc_id, order, level, text, clause_type=None, heading=""):
        pid = f"{doc_id}#{order}"
        themes = {c: 0.0 for c in schemas.THEME_COLUMNS}
        passages.append({"passage_id": pid, "doc_id": doc_id, "level": level, "order": order,
                         "clause_type": clause_type, "heading_path": heading, "text": text,
                         "char_start": 0, "char_end": len(text), **themes})
        return pid

    def add_stance(pid, doc_id, level, text, demand, theme, label, score, conf):
        stances.append({"passage_id": pid, "doc_id": doc_id, "level": level, "demand_id": demand,
                        "theme": theme, "label": label, "score": score, "confidence": conf,
                        "evidence": text[:80]})

    for doc_id, date, title, party, result, text, sts in MOTIONS:
        meta = {"dossier": doc_id.split("-")[1], "submitters": [{"name": "lid", "party": party}],
                "result": result}
        docs.append({"doc_id": doc_id, "doc_type": "motion", "title": title, "party": party,
                     "year": int(date[:4]), "date": date, "source_path": "sample.jsonl",
                     "content_hash": "0" * 64, "text_source": "text", "metadata": json.dumps(meta)})
        doc_pid = add_passage(doc_id, 0, "document", text)
        clause_pid = add_passage(doc_id, 1, "clause", text, clause_type="verzoekt")
        for demand, theme, label, score, conf in sts:
            add_stance(doc_pid, doc_id, "document", text, demand, theme, label, score, conf)
            # the clause repeats the motion's stance: evidence, must never count twice
            add_stance(clause_pid, doc_id, "clause", text, demand, theme, label, score, conf)
        for party_name, vote in VOTES.get(doc_id, {}).items():
            votes.append({"doc_id": doc_id, "party": party_name, "vote": vote, "seats": 10,
                          "vergissing": False})
    for party, year, draft, paragraphs in PROGRAMMES:
        doc_id = f"prog-{year}-{party}"
        docs.append({"doc_id": doc_id, "doc_type": "programme", "title": f"Programma {party}", "party": party,
                     "year": year, "date": None, "source_path": f"{party}.txt", "content_hash": "1" * 64,
                     "text_source": "text", "metadata": json.dumps({"draft": draft})})
        for order, (text, heading, sts) in enumerate(paragraphs):
            pid = add_passage(doc_id, order, "paragraph", text, heading=heading)
            for demand, theme, label, score, conf in sts:
                add_stance(pid, doc_id, "paragraph", text, demand, theme, label, score, conf)
    return {
        "documents": schemas.validate(pd.DataFrame(docs), "documents"),
        "passages": schemas.validate(pd.DataFrame(passages), "passages"),
        "stances": schemas.validate(pd.DataFrame(stances), "stances"),
        "votes": schemas.validate(pd.DataFrame(votes), "votes"),
    }


def write_sample(out_dir) -> dict[str, pd.DataFrame]:
    """Write the sample as `run` would (inputs + aggregates) into out_dir; returns the aggregates."""
    s = make_sample()
    for name in ("documents", "passages", "stances", "votes"):
        store.write_parquet(s[name], out_dir / f"{name}.parquet")
    store.write_json({"models": {"stance": "hand-made sample"}}, out_dir / "provenance.json")
    tables = aggregate.aggregate(s["documents"], s["passages"], s["stances"], s["votes"])
    aggregate.write_aggregates(tables, out_dir)
    return tables


@pytest.fixture(scope="module")
def tables():
    s = make_sample()
    return aggregate.aggregate(s["documents"], s["passages"], s["stances"], s["votes"])


def _row(df, **keys):
    mask = np.ones(len(df), dtype=bool)
    for k, v in keys.items():
        mask &= (df[k] == v).to_numpy()
    rows = df[mask]
    assert len(rows) == 1, f"expected one row for {keys}, got {len(rows)}"
    return rows.iloc[0]


# --- alignment arithmetic -----------------------------------------------------------------------
def test_alignment_per_party_on_spreidingswet(tables):
    al = tables["party_vote_alignment"]
    # kst-900-1 pro, kst-900-2 contra; kst-900-4 neutral must not count
    cda = _row(al, party="CDA", demand_id="spreidingswet")   # voor pro (+1), tegen contra (+1)
    assert (cda.n_motions, cda.alignment, cda.n_for, cda.n_against) == (2, 1.0, 1, 1)
    pvv = _row(al, party="PVV", demand_id="spreidingswet")   # tegen pro (-1), voor contra (-1)
    assert pvv.alignment == -1.0 and pvv.n_disagree == 2 and pvv.n_agree == 0
    vvd = _row(al, party="VVD", demand_id="spreidingswet")   # voor pro (+1), voor contra (-1)
    assert vvd.alignment == 0.0 and vvd.n_for == 2 and vvd.n_motions == 2


def test_absent_and_split_votes_count_as_neither(tables):
    bbb = _row(tables["party_vote_alignment"], party="BBB", demand_id="spreidingswet")
    assert bbb.n_motions == 2 and bbb.n_absent == 1 and bbb.n_split == 1
    assert bbb.n_for == 0 and bbb.n_against == 0 and np.isnan(bbb.alignment)
    bbb_ind = _row(tables["party_vote_alignment"], party="BBB", demand_id="wachttijden_ind")
    assert bbb_ind.alignment == -1.0


def test_neutral_motion_and_motion_without_votes_do_not_count(tables):
    al = tables["party_vote_alignment"]
    assert "kinderen_kindvriendelijk" not in set(al["demand_id"])  # its only motion has no votes
    ws = tables["weekly_stances"]
    kids = _row(ws, week="2024-W37", demand_id="kinderen_kindvriendelijk")
    assert kids.n_motions == 1 and kids.n_with_votes == 0 and kids.n_pro == 1
    neutral_week = _row(ws, week="2023-W38", demand_id="spreidingswet")
    assert neutral_week.n_neutral == 1 and neutral_week.n_with_votes == 1
    assert not ((tables["weekly_alignment"]["week"] == "2023-W38")).any()


def test_clause_rows_are_not_counted_twice(tables):
    ds = tables["document_stances"]
    motion = _row(ds, doc_id="kst-900-1", demand_id="spreidingswet")
    assert motion.n_passages == 1 and motion.n_pro == 1 and motion.label == "pro"
    assert motion.stance_index == pytest.approx(0.9)
    assert motion.week == "2023-W39"
    # the clause row is what a reader wants to see as evidence
    assert motion.evidence_ids.split(";")[0] == "kst-900-1#1"


def test_vergissing_counts_as_cast():
    s = make_sample()
    votes = s["votes"].copy()
    votes.loc[(votes["doc_id"] == "kst-900-1") & (votes["party"] == "PVV"), "vergissing"] = True
    t = aggregate.aggregate(s["documents"], s["passages"], s["stances"], votes)
    pvv = _row(t["party_vote_alignment"], party="PVV", demand_id="spreidingswet")
    assert pvv.n_against == 1 and pvv.alignment == -1.0


def test_parties_are_canonical_and_merged_fracties_fold():
    s = make_sample()
    docs, votes = s["documents"].copy(), s["votes"].copy()
    # move the Spreidingswet motion after the GroenLinks-PvdA merger; let PvdA vote differently
    docs.loc[docs["doc_id"] == "kst-900-1", "date"] = "2024-03-05"
    votes.loc[(votes["doc_id"] == "kst-900-1") & (votes["party"] == "PvdA"), "vote"] = "tegen"
    votes.loc[(votes["doc_id"] == "kst-900-3") & (votes["party"] == "CDA"), "party"] = "Christen-Democratisch Appèl"
    t = aggregate.aggregate(docs, s["passages"], s["stances"], votes)
    al = t["party_vote_alignment"]
    gl = _row(al, party="GroenLinks-PvdA", demand_id="spreidingswet")
    assert gl.n_motions == 1 and gl.n_split == 1  # GroenLinks voor + PvdA tegen -> one verdeeld
    assert _row(al, party="CDA", demand_id="wachttijden_ind").n_for == 1
    assert "Christen-Democratisch Appèl" not in set(al["party"])


def test_weekly_alignment_per_iso_week(tables):
    wa = tables["weekly_alignment"]
    assert set(wa["week"]) == {"2023-W37", "2023-W39"}
    cda = _row(wa, week="2023-W39", party="CDA", demand_id="spreidingswet")
    assert cda.n_motions == 2 and cda.alignment == 1.0
    cda_pact = _row(wa, week="2023-W37", party="CDA", demand_id="nationale_maatregelen_loslaten")
    assert cda_pact.alignment == 1.0  # tegen a contra motion


# --- programmes ---------------------------------------------------------------------------------
def test_party_stance_is_confidence_weighted(tables):
    ps = tables["party_stances"]
    cda = _row(ps, party="CDA", year=2023, demand_id="spreidingswet")
    assert cda.stance_index == pytest.approx((0.8 * 1.0 + 0.6 * 0.5) / 1.5)
    assert (cda.n_passages, cda.n_pro, cda.n_contra) == (2, 2, 0)
    assert cda.evidence_ids.split(";")[0] == "prog-2023-CDA#0"
    assert _row(ps, party="PVV", year=2023, demand_id="spreidingswet").stance_index == -1.0
    assert bool(_row(ps, party="SP", year=2025).draft) is True
    assert not ps["draft"][ps["party"] == "CDA"].any()


def test_final_programme_replaces_draft():
    s = make_sample()
    docs, stances = s["documents"].copy(), s["stances"].copy()
    final = docs[docs["doc_id"] == "prog-2025-SP"].assign(doc_id="prog-2025-SP-final",
                                                         metadata=json.dumps({"draft": False}))
    docs = pd.concat([docs, final], ignore_index=True)
    st = stances[stances["doc_id"] == "prog-2025-SP"].assign(
        doc_id="prog-2025-SP-final", passage_id="prog-2025-SP-final#0", label="contra", score=-0.5)
    t = aggregate.aggregate(docs, s["passages"], pd.concat([stances, st], ignore_index=True), s["votes"])
    sp = _row(t["party_stances"], party="SP", year=2025)
    assert sp.stance_index == -0.5 and not sp.draft and sp.doc_id == "prog-2025-SP-final"


def test_programmes_do_not_enter_vote_tables(tables):
    assert not tables["weekly_stances"]["doc_ids"].str.contains("prog-").any()
    assert not tables["document_stances"].query("doc_type == 'programme'")["week"].notna().any()


# --- determinism, empties, writing -------------------------------------------------------------
def test_deterministic_and_sorted(tables):
    s = make_sample()
    shuffled = {k: v.sample(frac=1.0, random_state=3).reset_index(drop=True) for k, v in s.items()}
    again = aggregate.aggregate(shuffled["documents"], shuffled["passages"], shuffled["stances"],
                                shuffled["votes"])
    for name in aggregate.TABLE_NAMES:
        pd.testing.assert_frame_equal(tables[name], again[name])


def test_empty_inputs_give_empty_tables_with_columns():
    t = aggregate.aggregate(schemas.empty("documents"), schemas.empty("passages"), schemas.empty("stances"),
                            schemas.empty("votes"))
    assert set(t) == set(aggregate.TABLE_NAMES)
    assert list(t["party_vote_alignment"].columns) == aggregate.ALIGNMENT_COLUMNS
    assert all(len(df) == 0 for df in t.values())


def test_write_aggregates_csv_and_parquet(tmp_path, tables):
    paths = aggregate.write_aggregates(tables, tmp_path)
    names = sorted(p.name for p in paths)
    assert "party_stances.csv" in names and "party_vote_alignment.parquet" in names
    assert "weekly_alignment.parquet" in names and "document_stances.parquet" in names
    back = pd.read_parquet(tmp_path / "party_vote_alignment.parquet")
    pd.testing.assert_frame_equal(back, tables["party_vote_alignment"], check_dtype=False)
    csv = pd.read_csv(tmp_path / "party_stances.csv")
    assert len(csv) == len(tables["party_stances"])
    first = (tmp_path / "party_stances.csv").read_bytes()
    aggregate.write_aggregates(tables, tmp_path)
    assert (tmp_path / "party_stances.csv").read_bytes() == first


def test_iso_week_edges():
    assert aggregate.iso_week("2023-09-26") == "2023-W39"
    assert aggregate.iso_week("2021-01-03") == "2020-W53"  # ISO year differs from calendar year
    assert aggregate.iso_week(None) is None and aggregate.iso_week("niet bekend") is None


# --- real vote data (read from ../shared at run time) -------------------------------------------
from pipeline.paths import has_shared, shared_dir  # noqa: E402


@pytest.mark.skipif(not has_shared(), reason="needs ../shared (real motions with verified votes)")
def test_submitters_vote_with_their_own_motion_on_real_votes():
    """Call every verified motion 'pro' on one demand: the submitter's own party voted voor in
    nearly all cases (275 of 279 per the data's README), so its score must be +1 almost always.
    Fails when party names of submitters and votes do not meet in the canonical table, or when
    the vote arithmetic flips a sign."""
    from pipeline import ingest

    ing = ingest.ingest([shared_dir() / "corpus" / "motions" / "motions.jsonl"])
    docs = ing.documents.drop(columns=["text"], errors="ignore")
    voted = docs[docs["doc_id"].isin(set(ing.votes["doc_id"])) & docs["party"].notna()]
    assert len(voted) > 200
    stances = pd.DataFrame({"passage_id": voted["doc_id"] + "#0", "doc_id": voted["doc_id"], "level": "document",
                            "demand_id": "spreidingswet", "theme": "T3", "label": "pro", "score": 1.0,
                            "confidence": 1.0, "evidence": ""})
    docs_t = schemas.validate(docs, "documents")
    scored = aggregate.scored_votes(aggregate._document_frame(docs_t), stances, schemas.validate(ing.votes, "votes"))
    own = scored.merge(aggregate._document_frame(docs_t)[["doc_id", "party"]].rename(columns={"party": "submitter"}),
                       on="doc_id")
    own = own[own["party"] == own["submitter"]]
    assert own["doc_id"].nunique() >= 0.95 * len(voted)  # the submitter's party is found among the voters
    assert (own["score"] == 1.0).mean() >= 0.95
    tables = aggregate.aggregate(docs_t, schemas.empty("passages"), stances, schemas.validate(ing.votes, "votes"))
    al = tables["party_vote_alignment"]
    assert al["alignment"].dropna().between(-1, 1).all() and (al["n_for"] + al["n_against"] <= al["n_motions"]).all()
    assert tables["weekly_alignment"]["week"].str.match(r"^\d{4}-W\d{2}$").all()
