"""Draw a reproducible random sample of pro/contra stances from run outputs, to read and judge.

The figures on `../shared/eval/dev.jsonl` say little about other parties and years; reading a
random sample of what a run says on them does. This prints, tab-separated, for each sampled
stance: its number, the run folder, the passage id, the document's party (context for the reader;
the party is never a feature of the models), the demand, label, score and evidence.

    python -m pipeline run ../shared/corpus/programmes/2021 --out /tmp/p2021
    python -m pipeline run ../shared/corpus/programmes/2025 --out /tmp/p2025
    python scripts/sample_stances.py /tmp/p2021 /tmp/p2025 --n 40 --seed 7

For motions, `--level document` keeps the motion-level stances (the ones aggregated with votes).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd


def sample(out_dirs: list[str], n: int, seed: int, level: str | None = None) -> pd.DataFrame:
    frames = []
    for out in out_dirs:
        stances = pd.read_parquet(Path(out) / "stances.parquet")
        documents = pd.read_parquet(Path(out) / "documents.parquet", columns=["doc_id", "party"])
        frames.append(stances.merge(documents, on="doc_id", how="left").assign(run=Path(out).name))
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
    args = parser.parse_args(argv)
    drawn = sample(args.out_dirs, args.n, args.seed, args.level)
    for i, row in enumerate(drawn.itertuples()):   # tab-separated: passage ids may hold spaces
        print("\t".join([str(i), row.run, row.passage_id, str(row.party), row.demand_id, row.label,
                         f"{row.score:+.2f}", row.evidence[:240]]))


if __name__ == "__main__":
    main()
