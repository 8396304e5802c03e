"""Draw a reproducible random sample of pro/contra stances from run outputs, to read and judge.

The figures on `../shared/eval/dev.jsonl` say little about other parties and years; reading a
random sample of what a run says on them does. This prints, tab-separated, for each sampled
stance: its number, the run folder, the passage id, the document's party (context for the reader;
the party is never a feature of the models), the demand, label, score and evidence.

    python -m pipeline run ../shared/corpus/programmes/2021 --out /tmp/p2021
    python -m pipeline run ../shared/corpus/programmes/2025 --out /tmp/p2025
    python scripts/sample_stances.py /tmp/p2021 /tmp/p2025 --n 40 --seed 7

For motions, `--level document` keeps the motion-level stances (the ones aggregated with votes).
`--exclude ../shared/eval/dev.jsonl` leaves out every document with a passage in that file (the
corpora overlap dev: a reader tuning rules on the sample would otherwise read dev passages).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from pipeline.aggregate import _metadata
from pipeline.themes import load_gold


def documents_of(gold_path: str) -> set[str]:
    """Run document ids of the passages of a gold file (`themes.load_gold` groups them by document:
    `motie-kst-19637-3352` -> `kst-19637-3352`, `prog2023-JA21-17931` -> `prog2023-JA21`, which a run
    calls `prog-2023-JA21`)."""
    return {"prog-" + doc[len("prog"):] if doc.startswith("prog") else doc
            for doc in load_gold(gold_path)["document"]}


def sample(out_dirs: list[str], n: int, seed: int, level: str | None = None,
           exclude: set[str] = frozenset()) -> pd.DataFrame:
    frames = []
    for out in out_dirs:
        stances = pd.read_parquet(Path(out) / "stances.parquet")
        documents = pd.read_parquet(Path(out) / "documents.parquet", columns=["doc_id", "party", "metadata"])
        excluded = documents["doc_id"].isin(exclude) | documents["metadata"].map(
            lambda m: any(alias in exclude for alias in _metadata(m).get("aliases", [])))
        stances = stances[~stances["doc_id"].isin(documents.loc[excluded, "doc_id"])]
        frames.append(stances.merge(documents[["doc_id", "party"]], on="doc_id", how="left")
                      .assign(run=Path(out).name))
    stances = pd.concat(frames, ignore_index=True)
    stances = stances[stances["label"] != "neutral"]
    if level:
        stances = stances[stances["level"] == level]
    return stances.sample(min(n, len(stances)), random_state=seed)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dirs", nargs="+", help="output folders of `python -m pipeline run`")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--level", choices=["paragraph", "clause", "document"], default=None)
    parser.add_argument("--exclude", metavar="GOLD.jsonl",
                        help="leave out the documents of this labelled file (e.g. ../shared/eval/dev.jsonl)")
    args = parser.parse_args(argv)
    exclude = documents_of(args.exclude) if args.exclude else set()
    drawn = sample(args.out_dirs, args.n, args.seed, args.level, exclude)
    for i, row in enumerate(drawn.itertuples()):   # tab-separated: passage ids may hold spaces
        print("\t".join([str(i), row.run, row.passage_id, str(row.party), row.demand_id, row.label,
                         f"{row.score:+.2f}", row.evidence[:240]]))


if __name__ == "__main__":
    main()
