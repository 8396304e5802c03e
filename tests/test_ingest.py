"""Readers, bad input, merge/dedupe, and (when ../shared is present) the real corpora."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from pipeline import ingest, schemas
from pipeline.parties import canonical_party
from pipeline.paths import REPO_ROOT, has_shared, shared_dir

SAMPLE = REPO_ROOT / "data" / "raw"
needs_shared = pytest.mark.skipif(not has_shared(), reason="shared data (../shared) not present")

XML_MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <metadata><meta name="OVERHEIDop.externMetadataRecord" content="x"/></metadata>
  <kamerstuk>
    <dossier><dossiernummer><dossiernr>19 637</dossiernr></dossiernummer><titel>Vreemdelingenbeleid</titel></dossier>
    <stuk>
      <stuknr>Nr. <ondernummer kamer="2">9001</ondernummer></stuknr>
      <titel>MOTIE VAN DE LEDEN DEKKER EN VAN DAM</titel>
      <datumtekst>Voorgesteld <datum isodatum="2025-06-12">12 juni 2025</datum></datumtekst>
      <algemeen><vrije-tekst><tekst>
        <al>De Kamer,</al>
        <al>gehoord de beraadslaging,</al>
        <al>constaterende dat de wachttijd voor een eerste gehoor bij de IND is opgelopen tot vijftien maanden;</al>
        <al>verzoekt de regering de beslistermijn weer na te leven,</al>
        <al>en gaat over tot de orde van de dag.</al>
        <al>Dekker</al>
        <al>Van Dam</al>
      </tekst></vrije-tekst></algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""

XML_FULL = XML_MINIMAL.replace(
    '<metadata><meta name="OVERHEIDop.externMetadataRecord" content="x"/></metadata>',
    '<metadata><meta name="DC.identifier" content="kst-19637-9001"/>'
    '<meta name="OVERHEIDop.dossiernummer" content="19637"/><meta name="OVERHEIDop.ondernummer" content="9001"/>'
    '<meta name="OVERHEIDop.indiener" content="P. Dekker"/><meta name="OVERHEIDop.indiener" content="R. van Dam"/>'
    '<meta name="OVERHEIDop.documenttitel" content="Motie van de leden Dekker en Van Dam over de beslistermijn"/>'
    '</metadata>').replace("<al>Dekker</al>", "").replace("<al>Van Dam</al>", "")


def _zaak(nummer="2025Z09001", kst="kst-19637-9001", title="Motie van de leden Dekker en Van Dam over de beslistermijn"):
    return {
        "Id": "guid-9001", "Nummer": nummer, "Soort": "Motie", "Onderwerp": title, "GestartOp": "2025-06-12T00:00:00+02:00",
        "Verwijderd": False,
        "ZaakActor": [{"ActorNaam": "P. Dekker", "ActorFractie": "NSC", "Relatie": "Indiener"},
                      {"ActorNaam": "R. van Dam", "ActorFractie": "GL-PvdA", "Relatie": "Medeindiener"}],
        "Document": [{"DocumentNummer": "2025D09001", "Verwijderd": False,
                      "HuidigeDocumentVersie": {"ExterneIdentifier": kst}}],
    }


def _stemming(party, soort, besluit, *, persoon=None, modified="2025-06-17T17:00:00", vergissing=False, seats=5):
    return {"Id": f"{party}-{persoon}-{modified}", "Besluit_Id": besluit["Id"], "Soort": soort, "ActorFractie": party,
            "FractieGrootte": seats, "Vergissing": vergissing, "Persoon_Id": persoon, "GewijzigdOp": modified,
            "Verwijderd": False, "Besluit": besluit}


def _besluit(zaak_nummer="2025Z09001", with_zaak=True):
    b = {"Id": f"besluit-{zaak_nummer}", "BesluitSoort": "Stemmen - aangenomen", "Agendapunt_Id": "ap-1"}
    if with_zaak:
        b["Zaak"] = [{"Id": "guid-9001", "Nummer": zaak_nummer, "Onderwerp": "Motie over de beslistermijn",
                      "GestartOp": "2025-06-12T00:00:00+02:00"}]
    else:
        b["Agendapunt"] = {"Zaak": [{"Nummer": "2025Z09001"}, {"Nummer": "2025Z09002"}]}
    return b


def _page(records, entity="Stemming"):
    return json.dumps({"@odata.context": f"https://x/OData/v4/2.0/$metadata#{entity}", "value": records})


# --------------------------------------------------------------------------------------------
def test_discover_skips_sidecars_hidden_and_temp_files(tmp_path):
    for name in ["b.txt", "a.xml", "a.meta.json", ".hidden.txt", "~$draft.docx", "notes.txt~", "x.tmp"]:
        (tmp_path / name).write_text("De Kamer,")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    found = ingest.discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.xml", "b.txt", "sub/c.txt"]


def test_xml_minimal_takes_submitters_from_trailing_lines(tmp_path):
    path = tmp_path / "motie.xml"
    path.write_text(XML_MINIMAL, encoding="utf-8")
    doc = ingest.read_path(path).documents[0]
    meta = json.loads(doc["metadata"])
    assert doc["doc_id"] == "kst-19637-9001" and doc["date"] == "2025-06-12" and doc["year"] == 2025
    assert meta["dossier"] == "19637" and meta["number"] == "9001"
    assert [s["name"] for s in meta["submitters"]] == ["Dekker", "Van Dam"]
    assert doc["text"].endswith("en gaat over tot de orde van de dag.") and "Dekker" not in doc["text"]
    assert doc["text_source"] == "text"


def test_xml_full_metadata_variant(tmp_path):
    path = tmp_path / "full.xml"
    path.write_text(XML_FULL, encoding="utf-8")
    doc = ingest.read_path(path).documents[0]
    meta = json.loads(doc["metadata"])
    assert [s["name"] for s in meta["submitters"]] == ["P. Dekker", "R. van Dam"]
    assert doc["title"].startswith("Motie van de leden Dekker")


def test_odata_zaak_and_stemming_merge_with_xml(tmp_path):
    (tmp_path / "motie.xml").write_text(XML_MINIMAL, encoding="utf-8")
    (tmp_path / "zaak.json").write_text(_page([_zaak()], "Zaak"), encoding="utf-8")
    besluit = _besluit()
    votes = [_stemming("NSC", "Voor", besluit), _stemming("GroenLinks-PvdA", "Voor", besluit),
             _stemming("PVV", "Tegen", besluit, seats=37)]
    # a roll call within D66: split -> "verdeeld"
    votes += [_stemming("D66", "Voor", besluit, persoon="p1"), _stemming("D66", "Tegen", besluit, persoon="p2")]
    # a withdrawn record is skipped
    votes.append({**_stemming("SP", "Tegen", besluit), "Verwijderd": True})
    (tmp_path / "stemming.json").write_text(_page(votes), encoding="utf-8")
    result = ingest.ingest([tmp_path])
    assert list(result.documents["doc_id"]) == ["kst-19637-9001"]
    doc = result.documents.iloc[0]
    meta = json.loads(doc["metadata"])
    assert doc["text_source"] == "text" and doc["party"] == "NSC"  # text from XML, parties from OData
    assert doc["title"].startswith("Motie van de leden Dekker")
    assert {"2025Z09001", "kst-19637-9001"} <= set(meta["aliases"])
    assert len(doc["source_path"].split(";")) == 3
    votes = dict(zip(result.votes["party"], result.votes["vote"]))
    assert votes == {"NSC": "voor", "GroenLinks-PvdA": "voor", "PVV": "tegen", "D66": "verdeeld"}
    assert "submitter_votes_against" not in meta
    schemas.validate(result.documents.drop(columns="text"), "documents")
    schemas.validate(result.votes, "votes")


def test_stemming_without_own_zaak_link_is_reported_not_guessed(tmp_path):
    besluit = _besluit(with_zaak=False)
    path = tmp_path / "stemming.json"
    path.write_text(_page([_stemming("NSC", "Voor", besluit), _stemming("PVV", "Tegen", besluit)]))
    result = ingest.read_path(path)
    assert result.votes == [] and result.documents == []
    assert "no Zaak link of its own" in result.errors[0]["reason"]


def test_votes_for_a_motion_never_read_are_reported(tmp_path):
    besluit = _besluit()
    (tmp_path / "stemming.json").write_text(_page([_stemming("NSC", "Voor", besluit)]))
    result = ingest.ingest([tmp_path])
    assert len(result.documents) == 0 and len(result.votes) == 0
    assert result.errors["reason"].str.contains("2025Z09001").any()


def test_later_vote_record_replaces_earlier_and_vergissing_is_kept(tmp_path):
    (tmp_path / "motie.xml").write_text(XML_FULL, encoding="utf-8")
    (tmp_path / "zaak.json").write_text(_page([_zaak()], "Zaak"))  # links Zaak nummer <-> kst id
    besluit = _besluit()
    (tmp_path / "s1.json").write_text(_page([_stemming("VVD", "Voor", besluit, modified="2025-06-17T17:00:00")]))
    (tmp_path / "s0.json").write_text(_page([_stemming("VVD", "Tegen", besluit, modified="2025-06-18T09:00:00",
                                                       vergissing=True)]))
    result = ingest.ingest([tmp_path])
    row = result.votes.set_index("party").loc["VVD"]
    assert row["vote"] == "tegen" and bool(row["vergissing"]) is True
    assert len(result.votes) == 1


def test_submitter_voting_against_own_motion_is_flagged(tmp_path):
    (tmp_path / "zaak.json").write_text(_page([_zaak()], "Zaak"))
    (tmp_path / "stemming.json").write_text(_page([_stemming("NSC", "Tegen", _besluit())]))
    doc = ingest.ingest([tmp_path]).documents.iloc[0]
    assert json.loads(doc["metadata"])["submitter_votes_against"] == ["NSC"]
    assert doc["text_source"] == "title" and doc["text"] == doc["title"]


def test_tkmoties_json_is_title_only_with_votes(tmp_path):
    record = {"Id": "g", "Nummer": "2023Z00001", "Titel": "Vreemdelingenbeleid",
              "Onderwerp": "Motie van het lid Jansen over kortere wachttijden", "GestartOp": "2023-02-01T00:00:00+01:00",
              "ZaakActor": [{"ActorNaam": "J. Jansen", "ActorFractie": "GroenLinks"}],
              "Besluit": [{"BesluitSoort": "Stemmen - verworpen", "Stemming": [
                  {"Soort": "Voor", "FractieGrootte": 8, "ActorFractie": "GroenLinks"},
                  {"Soort": "Tegen", "FractieGrootte": 5, "ActorFractie": "FvD"}]}]}
    path = tmp_path / "motie.json"
    path.write_text(json.dumps(record))
    result = ingest.read_path(path)
    doc = result.documents[0]
    assert doc["doc_id"] == "2023Z00001" and doc["text_source"] == "title" and doc["party"] == "GroenLinks"
    assert json.loads(doc["metadata"])["result"] == "verworpen"
    assert {(v["party"], v["vote"]) for v in result.votes} == {("GroenLinks", "voor"), ("FVD", "tegen")}


def test_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path):
    good = {"id": "kst-1-2", "title": "Motie van het lid A over B", "date": "2024-03-01", "text": "De Kamer,\nverzoekt de regering iets,",
            "submitters": [{"name": "A", "party": "CU"}], "votes": {"ChristenUnie": {"vote": "voor", "seats": 3}},
            "zaak_nummer": "2024Z00002", "zaak_id": "z2"}
    title_only = {"id": "2024Z00003", "title": "Motie van het lid C over D", "date": "2024-03-02", "text": None,
                  "submitters": [], "votes": None, "zaak_id": "z3"}
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps(title_only), '{"id": "x"}']) + "\n")
    result = ingest.read_path(path)
    assert [d["doc_id"] for d in result.documents] == ["kst-1-2", "2024Z00003"]
    assert result.documents[0]["party"] == "ChristenUnie"
    assert result.documents[1]["text_source"] == "title" and result.documents[1]["text"] == "Motie van het lid C over D"
    assert [e["path"] for e in result.errors] == [f"{path}:2", f"{path}:4"]
    assert "malformed JSON" in result.errors[0]["reason"]


def _encrypted_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="geheim", owner_password="geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_bad_inputs_get_clear_reasons_and_good_files_survive(tmp_path):
    (tmp_path / "good.xml").write_text(XML_MINIMAL, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "random.pdf").write_bytes(bytes(range(256)) * 4)
    pdf = (SAMPLE / "programmes" / "voorbeeldpartij-noord-2025.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (tmp_path / "locked.pdf").write_bytes(_encrypted_pdf())
    (tmp_path / "cut.xml").write_text(XML_MINIMAL[:400], encoding="utf-8")
    (tmp_path / "brief.docx").write_bytes(b"PK\x03\x04" + b"\x14\x00" * 50)
    (tmp_path / "nul.txt").write_bytes(b"De Kamer\x00\x00\x00 verzoekt")
    (tmp_path / "latin1.txt").write_bytes("Asielzoekers in België en Curaçao krijgen opvang.".encode("cp1252"))
    (tmp_path / "english.txt").write_text("The committee met on Tuesday to discuss the budget.")
    result = ingest.ingest([tmp_path])
    reasons = dict(zip(result.errors["path"].map(lambda p: Path(p).name), result.errors["reason"]))
    assert reasons["empty.txt"] == "empty file"
    assert "not a PDF" in reasons["random.pdf"]
    assert "truncated" in reasons["truncated.pdf"]
    assert "encrypted" in reasons["locked.pdf"]
    assert "XML" in reasons["cut.xml"]
    assert "ZIP" in reasons["brief.docx"]
    assert "NUL" in reasons["nul.txt"]
    docs = result.documents.set_index("doc_id")
    assert set(docs.index) == {"kst-19637-9001", "text-latin1", "text-english"}
    assert "België en Curaçao" in docs.loc["text-latin1", "text"]
    assert not any("Traceback" in r for r in result.errors["reason"])


def test_text_above_size_limit_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "groot.txt"
    path.write_text("woord " * 500)
    with pytest.raises(ingest.IngestError, match="limit"):
        ingest.read_path(path)


def test_programme_text_cleaning(tmp_path):
    folder = tmp_path / "2025"
    folder.mkdir()
    lines = ["Inhoud", "1. Zorg ........ 2", "2. Asiel en migratie ........ 3", "3. Wonen ........ 4"]
    body = {
        "1. Zorg": ["Wij willen dat de huisarts weer tijd heeft voor iedere patiënt en dat het",
                    "eigen risico verdwijnt, zodat niemand zorg hoeft te mijden vanwege geld."],
        "2. Asiel en migratie": ["Wij kiezen voor een humaan beleid waarin asiel-",
                                 "zoekers snel duidelijkheid krijgen over hun toekomst in Noord-",
                                 "Holland en elders, en waarin de EU-",
                                 "landen samen de verantwoordelijkheid dragen voor de opvang."],
        "3. Wonen": ["Er komen meer betaalbare huurwoningen voor starters, ouderen en gezinnen in",
                     "alle regio's van het land, ook in dorpen die nu leeglopen."],
    }
    page = 2
    for heading, text in body.items():
        lines += ["Partij voor Voorbeelden - programma 2025", heading, *text, str(page)]
        page += 1
    path = folder / "PvdA.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = ingest.read_path(path).documents[0]
    assert doc["doc_id"] == "prog-2025-PvdA" and doc["doc_type"] == "programme" and doc["year"] == 2025
    text = doc["text"]
    assert "asielzoekers" in text and "Noord-Holland" in text and "EU-landen" in text
    assert "........" not in text and "Inhoud" not in text
    assert "Partij voor Voorbeelden" not in text
    assert not re.search(r"^\d+$", text, re.MULTILINE)
    assert "# 2. Asiel en migratie" in text.splitlines()


def test_footnote_numbers_glued_to_a_full_stop_are_dropped():
    text = ingest.clean_pdf_text(
        "Nederland houdt zich aan de Dublinverordening.12 Een asielzoeker wordt overgedragen\n"
        "aan het land van binnenkomst. Volgens art.5 Vw en regel 2.5 Dit blijft staan.\n")
    assert "Dublinverordening. Een asielzoeker" in text
    assert "art.5 Vw" in text and "regel 2.5 Dit" in text  # abbreviations and decimal numbers stay


def test_sidecar_meta_makes_a_programme(tmp_path):
    path = tmp_path / "concept.txt"
    path.write_text("Hoofdstuk over wonen\nWij bouwen huizen voor iedereen die een huis zoekt in Nederland.\n")
    path.with_name("concept.meta.json").write_text(json.dumps({"party": "GroenLinks–PvdA", "year": 2025, "draft": True}))
    doc = ingest.read_path(path).documents[0]
    assert doc["doc_id"] == "prog-2025-GroenLinks-PvdA"
    assert json.loads(doc["metadata"])["draft"] is True


def test_sample_data_ingests():
    result = ingest.ingest([SAMPLE])
    docs = result.documents.set_index("doc_id")
    motions = docs[docs["doc_type"] == "motion"]
    assert len(motions) == 8 and {"prog-2025-Voorbeeldpartij Noord", "prog-2025-Voorbeeldpartij Zuid", "text-README"} <= set(docs.index)
    assert docs.loc["kst-19637-4104", "text_source"] == "title"
    assert docs.loc["kst-19637-4101", "text_source"] == "text"
    assert len(result.errors) == 0
    voted = result.votes.groupby("doc_id").size()
    assert set(voted.index) == {"kst-19637-4101", "kst-19637-4102", "kst-19637-4104", "kst-19637-4105", "kst-31305-4108"}
    assert (result.votes["vote"] == "verdeeld").sum() == 1
    assert not motions["metadata"].str.contains("submitter_votes_against").any()
    assert motions["date"].str[:7].isin(["2025-06", "2025-07"]).all()
    assert "Asiel en migratie" in docs.loc["prog-2025-Voorbeeldpartij Noord", "text"]
    assert json.loads(docs.loc["prog-2025-Voorbeeldpartij Noord", "metadata"])["draft"] is True


def test_merge_equals_ingest():
    files = ingest.discover([SAMPLE])
    merged = ingest.merge([ingest.read_path(p) for p in files])
    direct = ingest.ingest([SAMPLE])
    assert merged.documents.equals(direct.documents) and merged.votes.equals(direct.votes)


def test_canonical_party_table():
    assert canonical_party("GL-PvdA") == canonical_party("GroenLinks–PvdA") == "GroenLinks-PvdA"
    assert canonical_party("FvD") == canonical_party("Forum voor Democratie") == "FVD"
    assert canonical_party("CU") == "ChristenUnie"
    assert canonical_party("GroenLinks", "2021-03-17") == "GroenLinks"
    assert canonical_party("PvdA", "2024-02-01") == "GroenLinks-PvdA"
    assert canonical_party("Groep Van Haga") == "Groep Van Haga" and canonical_party("Gündogan") == "Gündogan"
    assert canonical_party(None) is None


# ---------------------------------------------------------------------------------- real data
@needs_shared
def test_real_raw_format_samples():
    folder = shared_dir() / "corpus" / "motions" / "raw-formats"
    result = ingest.ingest([folder])
    docs = result.documents.set_index("doc_id")
    # 01 (XML) and 02 (OData Zaak) are one motion: text from the XML
    assert docs.loc["kst-19637-3194", "text_source"] == "text"
    assert len(docs.loc["kst-19637-3194", "source_path"].split(";")) == 2
    assert json.loads(docs.loc["kst-19637-3403", "metadata"])["submitters"][0]["name"] == "H.D. Heutink"
    assert docs.loc["2023Z01541", "text_source"] == "title"
    assert (result.votes["doc_id"] == "2023Z01541").sum() == 20
    # 03: votes whose Besluit only reaches the motion via the Agendapunt are reported, not assigned
    assert result.errors["reason"].str.contains("Agendapunt").sum() == 2
    assert "text-04_davidzomerdijk_markdown_kst-34334-26" in docs.index


@needs_shared
def test_real_motion_files():
    folder = shared_dir() / "corpus" / "motions"
    main = ingest.ingest([folder / "motions.jsonl"])
    assert len(main.documents) == 8418 and len(main.errors) == 0
    assert (main.documents["text_source"] == "title").sum() == 8
    both = ingest.ingest([folder / "motions.jsonl", folder / "motions-votes-only-2022-2023.jsonl"])
    assert len(both.documents) == 8418 + 6769 - 96
    merged = both.documents[both.documents["source_path"].str.contains(";")]
    assert len(merged) == 96 and (merged["text_source"] == "text").all()
    assert both.votes["doc_id"].isin(set(merged["doc_id"])).groupby(both.votes["doc_id"]).any().sum() >= 90
    against = both.documents["metadata"].str.contains("submitter_votes_against").sum()
    assert 0 < against < 0.02 * both.votes["doc_id"].nunique()


@needs_shared
@pytest.mark.slow
def test_real_programmes_2023_are_cleaned():
    folder = shared_dir() / "corpus" / "programmes" / "2023"
    result = ingest.ingest([folder])
    assert len(result.documents) == 20 and len(result.errors) == 0
    texts = result.documents.set_index("doc_id")["text"]
    broken, joined = 0, 0
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        doc_id = f"prog-2023-{canonical_party(path.stem)}"
        clean = texts[doc_id]
        assert not re.search(r"^\d{1,3}$", clean, re.MULTILINE), doc_id  # no page-number lines
        for first, second in re.findall(r"\b([a-z]{3,})-\n([a-z]{3,})\b", raw):
            if second in ("en", "of", "tot"):
                continue
            joined += (first + second) in clean
            broken += f"{first}- {second}" in clean or f"{first} {second}" in clean
    assert joined > 500 and broken <= 0.02 * joined
    assert "Verkiezingsprogramma 2023" not in texts["prog-2023-JA21"]  # running header glued to lines
    assert texts["prog-2023-D66"].count("Verkiezingsprogramma D66 2023") <= 2
    assert "Recht doen. Een hoopvolle agenda" not in texts["prog-2023-CDA"]


@needs_shared
@pytest.mark.slow
def test_real_pdfs_read():
    pdfs = sorted((shared_dir() / "corpus" / "programmes" / "pdf" / "2023").glob("*.pdf"))
    assert len(pdfs) == 11
    for path in pdfs:
        doc = ingest.read_path(path).documents[0]
        assert doc["doc_id"] == f"prog-2023-{canonical_party(path.stem)}"
        assert len(doc["text"].split()) > 1500, path.name
        assert "# " in doc["text"], path.name  # headings found
