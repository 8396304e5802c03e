"""Counts and passage-length distribution of a run's outputs (the figures in the README).

    python scripts/passage_stats.py /tmp/x
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd


def main(out: Path) -> None:
    documents = pd.read_parquet(out / "documents.parquet")
    passages = pd.read_parquet(out / "passages.parquet")
    stances = pd.read_parquet(out / "stances.parquet")
    errors = pd.read_csv(out / "errors.csv")
    print("documents by type:", documents["doc_type"].value_counts().to_dict())
    print("motions processed on their title only:", int((documents["text_source"] == "title").sum()))
    print("rejected inputs:", len(errors))
    words = passages["text"].str.split().str.len()
    table = words.groupby(passages["level"]).describe(percentiles=[0.05, 0.5, 0.95])
    print("passage length in words, per level:")
    print(table[["count", "min", "5%", "50%", "95%", "max"]].astype(int).to_string())
    paragraphs = words[passages["level"] == "paragraph"]
    if len(paragraphs):
        inside = paragraphs.between(15, 150).mean()
        print(f"programme paragraphs within 15-150 words: {inside:.1%}")
    themed = (passages.filter(like="theme_T") >= 0.5).any(axis=1)
    print(f"passages with a theme (p >= 0.5): {int(themed.sum())} of {len(passages)}")
    counted = stances[stances["level"].isin(["document", "paragraph"])]
    print("stances (document-level for motions, paragraphs for programmes):",
          counted["label"].value_counts().to_dict())
    log = out / "run-log.jsonl"
    if log.exists():
        last = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
        print("last run:", json.dumps(last["seconds"]))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "data/processed"))
