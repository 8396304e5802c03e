"""The weekly summary on the hand-made sample of test_aggregate (invented motions and votes)."""
from __future__ import annotations

import base64
import re
import subprocess
import sys

import pandas as pd
import pytest

from pipeline import api, paths, report
from test_aggregate import write_sample


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    write_sample(out)
    return out


def test_week_with_votes(data_dir, tmp_path):
    written = report.build_summary(data_dir, "2023-W39", tmp_path)
    assert {p.name for p in written.values()} == {"summary-2023-W39.html", "summary-2023-W39.md",
                                                   "summary-2023-W39.csv"}
    page = written["html"].read_text(encoding="utf-8")
    # the week's motions, their stances and how parties voted
    assert "Motie van het lid De Vries over het uitvoeren van de Spreidingswet" in page
    assert "Motie van het lid Bakker over wachttijden bij de IND" in page
    assert "Spreidingswet uitvoeren: contra" in page
    assert "kst-900-5" not in page  # a motion of another week
    assert "Geen stemgegevens." not in page
    # self-contained: charts inline, no external references
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 2 and all(base64.b64decode(i)[:4] == b"\x89PNG" for i in images)
    assert not re.search(r'(src|href)="(https?:|//|file:)', page)
    csv = pd.read_csv(written["csv"])
    assert sorted(csv["doc_id"].unique()) == ["kst-900-1", "kst-900-2", "kst-900-3"]
    pro_row = csv[csv["doc_id"] == "kst-900-1"].iloc[0]
    assert pro_row["label"] == "pro" and "PVV" in pro_row["tegen"] and pro_row["niet_deelgenomen"] == "BBB"
    md = written["md"].read_text(encoding="utf-8")
    assert "| 2023-09-27 | Motie van het lid Jansen" in md and "contra -0.80" in md


def test_week_summary_numbers(data_dir):
    data = api.load(data_dir)
    s = report.week_summary(data, "2023-W39")
    assert s["motion_ids"] == ["kst-900-1", "kst-900-2", "kst-900-3"]
    assert (s["n_with_votes"], s["n_adopted"], s["n_rejected"]) == (3, 2, 1)
    al = s["alignment"].set_index(["party", "theme"])["alignment"]
    assert al[("CDA", "T3")] == 1.0 and al[("VVD", "T3")] == 0.0 and al[("PVV", "T2")] == -1.0
    assert pd.isna(al[("BBB", "T3")])  # only absent / split on the Spreidingswet motions
    # change: VVD on T2 voted against the letter in W37 too (no move), wachttijden is new this week
    assert any(line.startswith("Wachttijden IND") for line in s["moved"])
    assert s["trend"].loc["2023-W37", "n_contra"] == 1 and s["trend"].loc["2023-W39", "n_pro"] == 2


def test_what_moved_reports_a_shift(data_dir):
    data = api.load(data_dir)
    wa = data.weekly_alignment.copy()
    # pretend VVD voted with the letter on T2 before: its -1.00 this week is then a move
    extra = wa[(wa["week"] == "2023-W37") & (wa["party"] == "CDA")].assign(party="VVD")
    wa = pd.concat([wa[~((wa["week"] == "2023-W37") & (wa["party"] == "VVD"))], extra], ignore_index=True)
    wa_week = wa[(wa["week"] == "2023-W39") & (wa["party"] == "VVD") & (wa["theme"] == "T2")]
    assert wa_week["n_disagree"].sum() == 1
    data.weekly_alignment = wa
    moved = report.week_summary(data, "2023-W39")["moved"]
    assert any("VVD" in m and "Asielprocedure" in m and "meer tegen" in m for m in moved)


def test_week_without_votes_says_so(data_dir, tmp_path):
    written = report.build_summary(data_dir, "2024-W37", tmp_path)
    page = written["html"].read_text(encoding="utf-8")
    assert "Geen stemgegevens" in page
    assert "Motie van het lid Mulder over kinderen in de opvang" in page
    assert "Kindvriendelijke opvang: pro" in page
    assert "Geen stemgegevens" in written["md"].read_text(encoding="utf-8")


def test_week_without_motions(data_dir, tmp_path):
    written = report.build_summary(data_dir, "2023-W45", tmp_path)
    page = written["html"].read_text(encoding="utf-8")
    assert "Geen moties" in page and "2023-W39" in page  # points to nearby weeks with motions
    assert len(pd.read_csv(written["csv"])) == 0


def test_last_week_and_bad_weeks(data_dir, tmp_path):
    data = api.load(data_dir)
    assert report.resolve_week(data, "last") == "2024-W37"
    with pytest.raises(ValueError):
        report.resolve_week(data, "2023-39")
    with pytest.raises(ValueError):
        report.resolve_week(data, "2023-W54")
    assert report.previous_weeks("2024-W02", 3) == ["2023-W51", "2023-W52", "2024-W01"]


def test_output_is_deterministic(data_dir, tmp_path):
    first = report.build_summary(data_dir, "2023-W39", tmp_path / "a")
    second = report.build_summary(data_dir, "2023-W39", tmp_path / "b")
    for kind in first:
        assert first[kind].read_bytes() == second[kind].read_bytes()


def test_cli_summary(data_dir, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "summary", "--week", "last", "--data", str(data_dir),
                           "--out", str(tmp_path)], capture_output=True, text=True, cwd=paths.REPO_ROOT)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "summary-2024-W37.html").exists()
    bad = subprocess.run([sys.executable, "-m", "pipeline", "summary", "--week", "week39", "--data", str(data_dir),
                          "--out", str(tmp_path)], capture_output=True, text=True, cwd=paths.REPO_ROOT)
    assert bad.returncode == 2 and "2025-W27" in bad.stdout + bad.stderr


def test_motions_on_a_theme_without_stance_are_listed(data_dir):
    data = api.load(data_dir)
    doc = data.documents[data.documents["doc_id"] == "kst-900-3"].assign(
        doc_id="kst-900-9", title="Motie van het lid Peters over statistieken van de opvang")
    passage = data.passages[data.passages["doc_id"] == "kst-900-3"].head(1).assign(
        doc_id="kst-900-9", passage_id="kst-900-9#0", theme_T3=0.9)
    low = passage.assign(doc_id="kst-900-8", passage_id="kst-900-8#0", theme_T3=0.2)
    data.documents = pd.concat([data.documents, doc, doc.assign(doc_id="kst-900-8")], ignore_index=True)
    data.passages = pd.concat([data.passages, passage, low], ignore_index=True)
    s = report.week_summary(data, "2023-W39")
    assert list(s["theme_only"]["doc_id"]) == ["kst-900-9"] and s["theme_only"].iloc[0]["themes"] == "Opvang"
    assert s["n_motions_week"] == 5 and len(s["motion_ids"]) == 3
    assert "Motie van het lid Peters over statistieken van de opvang" in report.render_html(s, data)
