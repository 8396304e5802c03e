"""Motion clauses, programme paragraphs with heading paths, offsets, and the real corpora."""
from __future__ import annotations

import pytest

from pipeline import ingest, schemas, segment
from pipeline.paths import REPO_ROOT, has_shared, shared_dir

needs_shared = pytest.mark.skipif(not has_shared(), reason="shared data (../shared) not present")

MOTION = """De Kamer,
gehoord de beraadslaging,
constaterende dat de wachttijden bij de IND voor een eerste gehoor
zijn opgelopen tot meer dan een jaar;
constaterende dat de wettelijke beslistermijn daardoor structureel
wordt overschreden;
overwegende dat
kinderen in de noodopvang vaak geen onderwijs krijgen;
overwegende dat lange onzekerheid de integratie vertraagt;
van mening dat de regering hier een verantwoordelijkheid heeft;
verzoekt de regering de beslistermijn weer na te leven en gezinnen
met kinderen binnen vier weken een vaste opvangplek te bieden;
spreekt uit dat gezinshereniging een recht is dat niet mag worden
uitgehold,
en gaat over tot de orde van de dag.

Dekker
Van Dam
"""


def _offsets_hold(text, passages):
    for p in passages:
        assert " ".join(text[p["char_start"]:p["char_end"]].split()) == p["text"]


def test_motion_clauses():
    passages = segment.segment_motion(MOTION)
    assert passages[0]["level"] == "document" and passages[0]["order"] == 0
    types = [p["clause_type"] for p in passages[1:]]
    assert types == ["preamble", "constaterende", "constaterende", "overwegende", "overwegende", "van_mening",
                     "verzoekt", "spreekt_uit", "closing"]
    assert passages[2]["text"] == ("constaterende dat de wachttijden bij de IND voor een eerste gehoor zijn "
                                   "opgelopen tot meer dan een jaar;")
    assert passages[4]["text"].startswith("overwegende dat kinderen in de noodopvang")
    assert passages[-1]["text"] == "en gaat over tot de orde van de dag."
    assert not any("Dekker" in p["text"] for p in passages[1:])
    assert [p["order"] for p in passages] == list(range(len(passages)))
    _offsets_hold(MOTION, passages)


def test_marker_word_inside_a_clause_does_not_open_one():
    text = ("De Kamer,\ngehoord de beraadslaging,\nverzoekt de regering na te gaan of de minister\n"
            "verzoekt om uitstel en dat te melden,\nen gaat over tot de orde van de dag.")
    types = [p["clause_type"] for p in segment.segment_motion(text)[1:]]
    assert types == ["preamble", "verzoekt", "closing"]


def test_title_only_motion_is_one_document_passage():
    docs = ingest.ingest([REPO_ROOT / "data" / "raw"]).documents
    passages = segment.segment_documents(docs[docs["doc_id"] == "kst-19637-4104"])
    assert list(passages["level"]) == ["document"]
    assert passages.iloc[0]["text"].startswith("Motie van de leden Mulder en Visser")


def test_programme_paragraphs_heading_path_and_sizes():
    long_sentences = " ".join(f"Zin nummer {i} gaat over de opvang van asielzoekers in kleine gemeenten." for i in range(40))
    text = ("# Asiel en migratie\n\nKort.\n\nWe willen dat iedere gemeente een eerlijk deel van de opvang regelt en "
            "dat niemand buiten hoeft te slapen.\n\n## Opvang\n\n" + long_sentences + "\n\n# Wonen\n\n"
            "Er komen meer betaalbare huurwoningen voor starters en ouderen in alle regio's van het land.\n")
    passages = segment.segment_programme(text)
    paths = [p["heading_path"] for p in passages]
    assert paths[0] == "Asiel en migratie" and "Asiel en migratie > Opvang" in paths and paths[-1] == "Wonen"
    assert passages[0]["text"].startswith("Kort. We willen")  # the tiny fragment merged into its neighbour
    opvang = [p for p in passages if p["heading_path"].endswith("Opvang")]
    assert len(opvang) >= 3 and all(15 <= len(p["text"].split()) <= 150 for p in opvang)
    assert all(p["text"].endswith(".") for p in opvang)  # split at sentence boundaries
    assert not any(p["text"].startswith("#") or p["text"] in ("Asiel en migratie", "Opvang") for p in passages)
    _offsets_hold(text, passages)


def test_segment_documents_schema_on_sample():
    docs = ingest.ingest([REPO_ROOT / "data" / "raw"]).documents
    passages = schemas.validate(segment.segment_documents(docs), "passages")
    assert set(passages["doc_id"]) == set(docs["doc_id"])
    assert (passages[passages["level"] == "paragraph"]["doc_id"].str.startswith(("prog-", "text-"))).all()
    volt = passages[passages["doc_id"] == "prog-2025-Voorbeeldpartij Noord"]
    assert volt["heading_path"].str.contains("Asiel en migratie").any()
    texts = docs.set_index("doc_id")["text"]
    for p in passages.itertuples():
        assert " ".join(texts[p.doc_id][p.char_start:p.char_end].split()) == p.text


def test_one_bad_document_does_not_stop_the_batch():
    docs = ingest.ingest([REPO_ROOT / "data" / "raw"]).documents.head(3).copy()
    docs["doc_type"] = docs["doc_type"].astype(object)
    docs.loc[docs.index[1], "text"] = None
    docs.loc[docs.index[1], "doc_type"] = "motion"
    passages, errors = segment.segment_documents_with_errors(docs)
    assert passages["doc_id"].nunique() == 2 and errors == []


@needs_shared
@pytest.mark.slow
def test_real_corpus_passages():
    root = shared_dir() / "corpus"
    result = ingest.ingest([root / "programmes" / "2023", root / "motions" / "motions.jsonl"])
    passages = schemas.validate(segment.segment_documents(result.documents), "passages")
    motion_ids = set(result.documents[result.documents["doc_type"] == "motion"]["doc_id"])
    motions = passages[passages["doc_id"].isin(motion_ids)]
    assert motions[motions["level"] == "document"]["doc_id"].nunique() == 8418
    with_text = result.documents[(result.documents["doc_type"] == "motion") & (result.documents["text_source"] == "text")]
    verzoekt = motions[motions["clause_type"] == "verzoekt"]["doc_id"].nunique()
    assert verzoekt >= 0.95 * len(with_text)
    programme = passages[passages["level"] == "paragraph"]
    words = programme["text"].str.split().str.len()
    assert words.max() <= 150 and (words >= 15).mean() >= 0.97
    asylum = programme[programme["heading_path"].str.contains("asiel|migratie|vluchteling", case=False)]
    assert asylum["doc_id"].nunique() >= 5
    assert "ASIEL EN IMMIGRATIE" in set(programme[programme["doc_id"] == "prog-2023-PVV"]["heading_path"])
