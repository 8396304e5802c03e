"""One stance index per party and programme year from a run's `party_stances.parquet` (the figures
in the README): the per-demand stance indices weighted by their number of passages, with the pro
and contra counts. A second run directory adds its figures side by side (before / after a change).

    python scripts/party_index.py /tmp/x
    python scripts/party_index.py /tmp/x_before /tmp/x
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def party_index(out: Path) -> pd.DataFrame:
    """Columns n_passages, n_pro, n_contra, index; one row per (year, party)."""
    stances = pd.read_parquet(out / "party_stances.parquet")
    stances = stances.assign(weighted=stances["stance_index"] * stances["n_passages"])
    table = stances.groupby(["year", "party"])[["n_passages", "n_pro", "n_contra", "weighted"]].sum()
    table["index"] = (table.pop("weighted") / table["n_passages"]).round(2)
    return table


def main(outs: list[Path]) -> None:
    tables = [party_index(out) for out in outs]
    if len(tables) == 2:
        table = tables[0].merge(tables[1], left_index=True, right_index=True, how="outer",
                                suffixes=("_before", "_after"))
        table = table.sort_values(["year", "index_after"])
    else:
        table = tables[0].sort_values(["year", "index"])
    print(table.to_string())


if __name__ == "__main__":
    if not 2 <= len(sys.argv) <= 3:
        sys.exit(__doc__)
    main([Path(arg) for arg in sys.argv[1:]])
