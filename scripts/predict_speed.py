"""Time `predict` on 10,000 real passages (programme paragraphs and motions of ../shared/corpus),
excluding model loading: the figure in the README.

    python scripts/predict_speed.py [N]
"""
from __future__ import annotations

import sys
import time

from pipeline import ingest, paths, segment
from pipeline.run import Models, predict_records


def passages(n: int) -> list[dict]:
    corpus = paths.shared_dir() / "corpus"
    docs = ingest.ingest([corpus / "programmes" / "2023", corpus / "motions" / "motions.jsonl"]).documents
    cut = segment.segment_documents(docs)
    programme = cut[cut["level"] == "paragraph"]
    motions = cut[cut["level"] == "document"]
    # the mix of the product: about half programme paragraphs, half whole motions
    half = n // 2
    chosen = list(programme.head(half).itertuples()) + list(motions.head(n - min(half, len(programme))).itertuples())
    return [{"id": p.passage_id, "text": p.text, "doc_type": "programme" if p.level == "paragraph" else "motion",
             "heading": p.heading_path or ""} for p in chosen[:n]]


def main(n: int = 10_000) -> None:
    records = passages(n)
    models = Models()
    for what in ("themes", "stance", "nlp"):
        models.get(what)  # loading is excluded from the timing
    started = time.perf_counter()
    predictions = predict_records(records, models)
    seconds = time.perf_counter() - started
    with_stance = sum(bool(p["stances"]) for p in predictions)
    print(f"{len(predictions)} passages predicted in {seconds:.1f} s ({len(predictions) / seconds:.0f}/s), "
          f"{with_stance} with at least one stance; model loading excluded")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
