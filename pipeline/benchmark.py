"""`python -m pipeline benchmark [INPUT ...]`: what each stage costs, against a blank tokenizer.

Prints words/s per stage (read, segment, themes, spaCy parse of the candidate passages, stance,
aggregate), the wall time of a full `run` from scratch (one process, model loading included) and
of a rerun with nothing new, peak memory, and the time spaCy's blank Dutch tokenizer needs to
`nlp.pipe` the same texts, so every cost is visible as a ratio to that baseline.
"""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from . import paths


def _default_inputs() -> list[str]:
    shared = paths.shared_dir() / "corpus"
    if (shared / "motions" / "motions.jsonl").exists():
        return [str(shared / "programmes" / "2023"), str(shared / "motions" / "motions.jsonl")]
    return [str(paths.REPO_ROOT / "data" / "raw")]


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def benchmark(inputs: list[str], out_dir: Path | None = None, stages: bool = True) -> dict:
    import spacy

    from . import aggregate, ingest, segment, stance, themes
    from . import nlp as nlp_stage
    from .run import Models, _titles, run_batch

    figures: dict = {"inputs": inputs}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(out_dir) if out_dir else Path(tmp) / "out"

        t = time.perf_counter()
        result = run_batch(inputs, out, progress=False)
        figures["run_seconds"] = round(time.perf_counter() - t, 2)
        figures["run_stage_seconds"] = result.timings
        t = time.perf_counter()
        rerun = run_batch(inputs, out, progress=False)
        figures["rerun_seconds"] = round(time.perf_counter() - t, 2)
        figures["rerun_processed_documents"] = rerun.n_processed
        figures["documents"] = result.n_documents
        figures["passages"] = result.n_passages
        figures["stances"] = result.n_stances

        # the same texts through the blank tokenizer: the baseline of every ratio
        ingested = ingest.ingest(inputs)
        texts = ingested.documents["text"].tolist()
        blank = spacy.blank("nl")
        t = time.perf_counter()
        n_words = sum(len(doc) for doc in blank.pipe(texts, batch_size=256))
        blank_seconds = time.perf_counter() - t
        figures["words"] = n_words
        figures["blank_tokenizer_seconds"] = round(blank_seconds, 3)
        figures["blank_tokenizer_words_per_s"] = round(n_words / blank_seconds)
        figures["run_over_blank"] = round(figures["run_seconds"] / blank_seconds, 1)
        figures["rerun_over_run"] = round(figures["rerun_seconds"] / figures["run_seconds"], 4)

        if stages:
            per_stage = {}
            t = time.perf_counter()
            ingest.ingest(inputs)
            per_stage["read"] = time.perf_counter() - t
            t = time.perf_counter()
            passages = segment.segment_documents(ingested.documents)
            per_stage["segment"] = time.perf_counter() - t
            models = Models()
            models.get("themes"), models.get("stance")
            t = time.perf_counter()
            nlp = models.get("nlp")
            figures["spacy_model_load_seconds"] = round(time.perf_counter() - t, 2)
            t = time.perf_counter()
            probs = themes.predict_themes(passages, models.get("themes"))
            per_stage["themes"] = time.perf_counter() - t
            passages = passages.join(probs)
            t = time.perf_counter()
            mask = stance.candidate_mask(passages)
            selected = passages[passages["doc_id"].isin(set(passages.loc[mask, "doc_id"]))].reset_index(drop=True)
            docs = list(nlp_stage.pipe(selected["text"].tolist(), nlp=nlp))
            per_stage["spacy_parse_candidates"] = time.perf_counter() - t
            t = time.perf_counter()
            stances = stance.score_passages(selected, docs=docs, model=models.get("stance"), nlp=nlp,
                                             titles=_titles(ingested.documents))
            per_stage["stance"] = time.perf_counter() - t
            t = time.perf_counter()
            aggregate.aggregate(result_frame(out, "documents"), result_frame(out, "passages"), stances,
                                result_frame(out, "votes"))
            per_stage["aggregate"] = time.perf_counter() - t
            figures["candidate_passages"] = int(len(selected))
            figures["stages"] = {
                name: {"seconds": round(s, 3), "words_per_s": round(n_words / s) if s else None,
                       "over_blank": round(s / blank_seconds, 2)}
                for name, s in per_stage.items()
            }
    figures["peak_memory_mb"] = round(_peak_rss_mb())
    return figures


def result_frame(out: Path, name: str):
    import pandas as pd

    return pd.read_parquet(out / f"{name}.parquet")


def _cmd_benchmark(args) -> int:
    inputs = args.inputs or _default_inputs()
    figures = benchmark(inputs, stages=not args.no_stages)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"inputs: {' '.join(inputs)}")
    print(f"{figures['documents']} documents, {figures['passages']} passages, {figures['words']} words")
    print(f"blank nl tokenizer (nlp.pipe): {figures['blank_tokenizer_seconds']} s "
          f"({figures['blank_tokenizer_words_per_s']} words/s)")
    print(f"full run, one process, models loaded: {figures['run_seconds']} s "
          f"= {figures['run_over_blank']}x the blank tokenizer")
    print(f"rerun with nothing new: {figures['rerun_seconds']} s = {figures['rerun_over_run']:.1%} of the full run "
          f"({figures['rerun_processed_documents']} documents reprocessed)")
    for name, s in figures.get("stages", {}).items():
        print(f"  {name:24} {s['seconds']:8.2f} s  {s['words_per_s'] or 0:>10} words/s  {s['over_blank']:6.2f}x blank")
    if "spacy_model_load_seconds" in figures:
        print(f"spaCy model load: {figures['spacy_model_load_seconds']} s; "
              f"candidate passages parsed: {figures['candidate_passages']}")
    print(f"peak memory: {figures['peak_memory_mb']} MB")
    return 0


def register_cli(sub) -> None:
    p = sub.add_parser("benchmark", help="words/s per stage against the blank tokenizer baseline")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="default: shared programmes 2023 + motions, else data/raw")
    p.add_argument("--no-stages", action="store_true", help="only the full run, rerun and baseline")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_benchmark)


if __name__ == "__main__":
    sys.exit(_cmd_benchmark(type("A", (), {"inputs": sys.argv[1:], "no_stages": False, "json": False})()))
