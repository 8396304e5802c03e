"""The analyst API on the hand-made sample of test_aggregate (invented motions and programmes)."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline import api
from test_aggregate import write_sample


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    write_sample(out)
    return api.load(out)


def test_load_reads_all_tables(data):
    assert len(data.documents) == 9 and len(data.votes) > 0
    assert {"party", "alignment"} <= set(data.party_vote_alignment.columns)
    assert data.provenance["models"]["stance"] == "hand-made sample"


def test_load_computes_missing_aggregates(tmp_path):
    tables = write_sample(tmp_path)
    (tmp_path / "weekly_alignment.parquet").unlink()
    data = api.load(tmp_path)
    assert len(data.weekly_alignment) == len(tables["weekly_alignment"])


def test_load_from_env_and_missing_dir(tmp_path, monkeypatch, data):
    monkeypatch.setenv("ASIEL_DATA", str(data.data_dir))
    assert api.load().data_dir == data.data_dir
    with pytest.raises(FileNotFoundError):
        api.load(tmp_path / "nothing")


def test_stances_filters(data):
    motions = api.stances(data, party="VVD", doc_type="motion")
    assert set(motions["doc_id"]) == {"kst-900-4", "kst-900-5"}
    # motions by date, programmes (no date) by year: the 2025 draft programme is "since 2024" too
    assert set(api.stances(data, theme="T3", since="2024-01-01")["doc_id"]) == {"kst-901-1", "prog-2025-SP"}
    # programmes have no date: since/until select them by year
    progs = api.stances(data, doc_type="programme", until="2024-12-31")
    assert set(progs["party"]) == {"CDA", "PVV"}
    assert "title" in motions.columns


def test_compare_parties(data):
    table = api.compare_parties(data, year=2023)
    assert list(table.columns) == ["CDA", "PVV"]
    assert table.loc[("T3", "spreidingswet"), "PVV"] == -1.0
    assert table.loc[("T3", "spreidingswet"), "CDA"] == pytest.approx(1.1 / 1.5)
    assert np.isnan(table.loc[("T2", "wachttijden_ind"), "PVV"])
    latest = api.compare_parties(data)  # each party's latest programme: SP 2025 (draft)
    assert "SP" in latest.columns and latest.loc[("T3", "arbeidsmarkt_toegang"), "SP"] == 0.7
    assert list(api.compare_parties(data, year=2023, value="n_passages", theme="T3").index) == [("T3", "spreidingswet")]


def test_vote_alignment_by_theme_and_dates(data):
    t3 = api.vote_alignment(data, theme="T3", by="theme").set_index("party")
    assert t3.loc["VVD", "alignment"] == 0.0 and t3.loc["CDA", "n_motions"] == 2
    assert np.isnan(t3.loc["BBB", "alignment"])
    only_w37 = api.vote_alignment(data, since="2023-W37", until="2023-09-17", by="party").set_index("party")
    assert only_w37.loc["VVD", "alignment"] == -1.0 and only_w37.loc["VVD", "n_motions"] == 1
    assert api.vote_alignment(data, party="GL-PvdA").empty  # GroenLinks-PvdA had no scored votes here


def test_evidence(data):
    ev = api.evidence(data, "spreidingswet", n=10)
    assert ev["doc_id"].is_unique
    assert ev.iloc[0]["doc_id"] == "prog-2023-PVV"  # strongest: score -1, confidence 1
    contra = api.evidence(data, "spreidingswet", label="contra", doc_type="motion")
    assert list(contra["doc_id"]) == ["kst-900-2"] and contra.iloc[0]["level"] == "clause"
    assert contra.iloc[0]["text"].startswith("verzoekt de regering de Spreidingswet in te trekken")
    assert api.evidence(data, "geen_terugkeerhubs").empty


def test_weekly_and_motions(data):
    ws = api.weekly(data, demand="spreidingswet")
    assert list(ws["week"]) == ["2023-W38", "2023-W39"]
    cda = api.weekly(data, party="CDA", since="2023-W39")
    assert set(cda["week"]) == {"2023-W39"}
    m = api.motions(data, week="2023-W39", theme="T3")
    assert list(m["doc_id"]) == ["kst-900-1", "kst-900-2"] and m["has_votes"].all()
    assert api.weeks(data) == ["2023-W37", "2023-W38", "2023-W39", "2024-W37"]
    assert api.week_bounds("2023-W39") == ("2023-09-25", "2023-10-01")
