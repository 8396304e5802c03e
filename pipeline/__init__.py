"""asielstandpunten: where Dutch politics stands on the demands of VluchtelingenWerk Nederland's letter.

The analyst API (pandas-first; see README "Python API")::

    import pipeline as ap
    data = ap.load("data/processed")               # outputs of `python -m pipeline run`
    ap.compare_parties(data, year=2023, theme="T3") # demand x party stance index
    ap.vote_alignment(data, demand="spreidingswet") # how parties voted on motions pro/contra
    ap.evidence(data, "spreidingswet", party="CDA") # the passages behind a figure
    ap.predict(["We schaffen het tweestatusstelsel af."])  # themes + stances of new text

The stages, one module each, in the order data flows: ingest -> segment -> themes -> nlp ->
stance -> aggregate -> store / report; `run` orchestrates them (`python -m pipeline run`).
"""
__version__ = "0.1.0"

from .api import (  # noqa: E402  (the version must exist before the submodules import it)
    Processed,
    compare_parties,
    evidence,
    load,
    motions,
    stances,
    vote_alignment,
    weekly,
    weeks,
)


def run_batch(inputs=None, out_dir="data/processed", **options):
    """Run the batch over files/folders into `out_dir` (see `pipeline.run.run_batch`).

    >>> result = run_batch(["data/raw"], "/tmp/processed")   # doctest: +SKIP
    >>> result.n_documents, result.exit_code           # doctest: +SKIP
    """
    from .run import run_batch as _run_batch

    return _run_batch(inputs, out_dir, **options)


def predict(texts, doc_type: str = "programme"):
    """Themes and stances for new passages, as a DataFrame (one row per text).

    >>> predict(["We schaffen het tweestatusstelsel af."])   # doctest: +SKIP
       id  T1  T2  ...  stances
    """
    import pandas as pd

    from .run import predict_records

    records = [{"id": i, "text": t, "doc_type": doc_type} for i, t in enumerate(texts)]
    rows = []
    for result in predict_records(records):
        rows.append({"id": result["id"], **result["themes"], "stances": result["stances"]})
    return pd.DataFrame(rows)


__all__ = ["__version__", "Processed", "load", "stances", "compare_parties", "vote_alignment",
           "evidence", "weekly", "weeks", "motions", "run_batch", "predict"]
