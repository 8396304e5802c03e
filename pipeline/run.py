"""The batch: documents in, passages, themes, stances and aggregates out (`python -m pipeline run`).

    read (per file, cached by file hash) -> merge -> per document: segment -> themes -> spaCy on
    candidate passages -> stance  (cached by document content + model fingerprint) -> aggregate -> store

Incremental and crash-safe by construction:
- every file's read result and every processed shard of documents is cached under `OUT/.cache/`,
  each written atomically as soon as it is done; a killed run loses at most the shard in flight;
- the cache key of a document is its content hash plus the fingerprint of everything that
  shapes its output (package version, theme and stance models, demand catalogue, spaCy model),
  so changing a model or the catalogue reprocesses exactly what it affects;
- final outputs are rebuilt from the cache in doc_id order, so a rerun, a resumed run, a run on
  Dask and a run from scratch write byte-identical files (floats are rounded to 6 decimals).

Outputs in OUT (see `pipeline/schemas.py` for the columns): documents.parquet, passages.parquet,
stances.parquet, votes.parquet, errors.csv, the aggregates of `pipeline.aggregate`, and
provenance.json (models used). Run times go to run-log.jsonl, never into the outputs.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import __version__, paths, schemas, store

log = logging.getLogger(__name__)

CACHE_FORMAT = 1  # bump when the cache layout changes
# documents per processing shard (unit of caching, progress and Dask tasks)
SHARD_SIZE = int(os.environ.get("ASIEL_SHARD_SIZE", "200"))
FLOAT_DECIMALS = 6

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SOME_REJECTED = 0, 1, 2, 3


# --------------------------------------------------------------------------------------------
# Models: loaded once per process (once per Dask worker), fingerprinted without loading.
# --------------------------------------------------------------------------------------------

def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _dir_digest(directory: Path) -> str:
    h = hashlib.sha256()
    if directory.exists():
        for p in sorted(directory.rglob("*")):
            if p.is_file() and p.suffix != ".md":
                h.update(str(p.relative_to(directory)).encode())
                h.update(_file_digest(p).encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=None)
def model_fingerprint(nlp_name: str | None = None) -> dict:
    """What shapes a document's output, cheaply (no model is loaded)."""
    from . import nlp as nlp_stage

    spacy_model = nlp_stage.describe_model(nlp_name)
    if spacy_model["source"] in ("shipped", "path"):  # a retrained folder changes its files
        spacy_model["digest"] = _dir_digest(Path(nlp_stage.resolve_model_name(nlp_name)))
    return {
        "package": __version__,
        # the code itself: an edited stage must not be served from a cache it did not compute
        "code": hashlib.sha256("".join(_file_digest(p) for p in sorted(paths.PACKAGE_DIR.glob("*.py"))).encode()).hexdigest()[:16],
        "themes": _dir_digest(paths.models_dir() / "themes"),
        "stance": _dir_digest(paths.models_dir() / "stance"),
        "catalogue": _file_digest(paths.CONFIG_DIR / "demands.yaml")[:16],
        "config": _dir_digest(paths.CONFIG_DIR),
        # name and version: a different spaCy model or version reprocesses everything
        "nlp": json.dumps(spacy_model, sort_keys=True),
    }


@dataclass
class Models:
    """The trained things a batch needs, loaded once."""

    nlp_name: str | None = None
    _cache: dict = field(default_factory=dict)

    def get(self, what: str):
        if what not in self._cache:
            if what == "themes":
                from . import themes

                self._cache[what] = themes.load_model()
            elif what == "stance":
                from . import stance

                self._cache[what] = stance.load_model()
            elif what == "nlp":
                from . import nlp as nlp_stage

                self._cache[what] = nlp_stage.load_nlp(self.nlp_name)
            else:
                raise KeyError(what)
        return self._cache[what]


@lru_cache(maxsize=4)
def _worker_models(nlp_name: str | None) -> Models:
    # One Models per process: a Dask worker loads the models on its first shard only.
    return Models(nlp_name)


# --------------------------------------------------------------------------------------------
# Processing documents: pure function of the documents (with text) and the models.
# --------------------------------------------------------------------------------------------

def _round(df: pd.DataFrame) -> pd.DataFrame:
    floats = df.select_dtypes("float").columns
    if len(floats):
        df = df.copy()
        df[floats] = df[floats].round(FLOAT_DECIMALS)
    return df


def _titles(documents: pd.DataFrame) -> dict:
    """doc_id -> title ('' when missing): the stance stage reads it to tell asylum texts from others."""
    return dict(zip(documents["doc_id"], documents["title"].fillna("").astype(str)))


def process_documents(documents: pd.DataFrame, models: Models) -> tuple[pd.DataFrame, pd.DataFrame]:
    """segment -> themes -> spaCy on candidates -> stance for a batch of documents.

    Returns (passages with theme_T1..T5, stances); a passage's themes include the theme of every
    demand it takes a stance on, and other themes only where the theme model is sure of them
    (`stance.align_themes_with_stances`). Raises on failure: the caller
    isolates the failing document.
    """
    from . import nlp as nlp_stage
    from . import segment, stance, themes

    passages = segment.segment_documents(documents)
    if passages.empty:
        passages = schemas.empty("passages")
        for col in schemas.THEME_COLUMNS:
            passages[col] = pd.Series(dtype="float64")
        return passages, schemas.empty("stances")
    probs = themes.predict_themes(passages, models.get("themes"))
    passages = pd.concat([passages.reset_index(drop=True), probs.reset_index(drop=True)], axis=1)

    # Only passages that could address a demand get the full spaCy parse: the parse is the one
    # costly stage, and most text is about something else. A motion is parsed whole or not at all,
    # since its stance reads its request in the light of its considerations.
    candidate = stance.candidate_mask(passages)
    candidate_docs = set(passages.loc[candidate, "doc_id"])
    selected = passages[passages["doc_id"].isin(candidate_docs)].reset_index(drop=True)
    if selected.empty:
        return passages, schemas.empty("stances")
    nlp = models.get("nlp")
    docs = list(nlp_stage.pipe(selected["text"].tolist(), nlp=nlp))
    stances = stance.score_passages(selected, docs=docs, model=models.get("stance"), nlp=nlp,
                                     titles=_titles(documents))
    return stance.align_themes_with_stances(passages, stances), stances


def _process_isolating_failures(documents, models):
    """Process a shard; if it fails, process its documents one by one so one bad document
    is reported and the others go through."""
    try:
        passages, stances = process_documents(documents, models)
        return passages, stances, []
    except Exception as exc:  # noqa: BLE001 - isolate below
        if len(documents) == 1:
            return None, None, [_error_row(documents.iloc[0], exc)]
    parts_p, parts_s, errors = [], [], []
    for i in range(len(documents)):
        one = documents.iloc[[i]]
        try:
            p, s = process_documents(one, models)
            parts_p.append(p)
            parts_s.append(s)
        except Exception as exc:  # noqa: BLE001 - reported in errors.csv
            errors.append(_error_row(one.iloc[0], exc))
    passages = pd.concat(parts_p, ignore_index=True) if parts_p else None
    stances = pd.concat(parts_s, ignore_index=True) if parts_s else None
    return passages, stances, errors


def _error_row(doc_row, exc: Exception) -> dict:
    log.warning("document %s failed: %s", doc_row["doc_id"], exc)
    return {
        "path": str(doc_row.get("source_path") or doc_row["doc_id"]),
        "stage": "process",
        "reason": f"document {doc_row['doc_id']}: {type(exc).__name__}: {exc}",
        "doc_id": doc_row["doc_id"],
    }


def process_shard(documents: pd.DataFrame, nlp_name: str | None = None):
    """Entry point of a Dask task (module-level so it pickles by reference)."""
    return _process_isolating_failures(documents, _worker_models(nlp_name))


# --------------------------------------------------------------------------------------------
# The cache under OUT/.cache
# --------------------------------------------------------------------------------------------

class Cache:
    """Read results per input file and processed shards, each an atomically written file."""

    def __init__(self, out_dir: Path):
        self.root = out_dir / ".cache" / f"v{CACHE_FORMAT}"
        self.read_dir = self.root / "read"
        self.shard_dir = self.root / "shards"

    # read results ------------------------------------------------------------------------
    def read_key(self, path: Path) -> str:
        h = hashlib.sha256()
        h.update(str(path.resolve()).encode())
        h.update(_file_digest(path).encode())
        h.update(__version__.encode())
        h.update(model_fingerprint()["config"].encode())
        meta = path.with_name(path.stem + ".meta.json")  # the sidecar is part of the input
        if meta.exists():
            h.update(_file_digest(meta).encode())
        return h.hexdigest()[:32]

    def load_read(self, key: str):
        from .ingest import ReadResult

        path = self.read_dir / f"{key}.json"
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return ReadResult(documents=data["documents"], votes=data["votes"], errors=data["errors"])
        except (OSError, ValueError, KeyError):
            return None  # a damaged cache entry is simply recomputed

    def save_read(self, key: str, result) -> None:
        data = {"documents": result.documents, "votes": result.votes, "errors": result.errors}
        store.write_text(json.dumps(data, ensure_ascii=False, default=str), self.read_dir / f"{key}.json")

    # processed shards --------------------------------------------------------------------
    def load_shards(self, wanted: set[str]) -> tuple[list[pd.DataFrame], list[pd.DataFrame], set[str], list[Path]]:
        """Cached passages/stances whose cache_key is wanted; also the shard files no longer used."""
        passages, stances, found, unused = [], [], set(), []
        if not self.shard_dir.exists():
            return passages, stances, found, unused
        for path in sorted(self.shard_dir.glob("*.passages.parquet")):
            stance_path = path.with_name(path.name.replace(".passages.", ".stances."))
            try:
                p = pd.read_parquet(path)
                s = pd.read_parquet(stance_path)
            except Exception:  # noqa: BLE001 - half-present or damaged shard: recompute
                unused.append(path)
                continue
            keep = p["cache_key"].isin(wanted)
            if not keep.any():
                unused.append(path)
                continue
            keys = set(p.loc[keep, "cache_key"]) - found
            passages.append(p[p["cache_key"].isin(keys)])
            stances.append(s[s["cache_key"].isin(keys)])
            found |= keys
        return passages, stances, found, unused

    def save_shard(self, passages: pd.DataFrame, stances: pd.DataFrame) -> None:
        keys = sorted(set(passages["cache_key"]))
        name = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:24]
        # stances first: a shard counts as present only once its passages file exists
        store.write_parquet(stances, self.shard_dir / f"{name}.stances.parquet")
        store.write_parquet(passages, self.shard_dir / f"{name}.passages.parquet")

    def drop(self, passage_paths: list[Path]) -> None:
        for path in passage_paths:
            for p in (path, path.with_name(path.name.replace(".passages.", ".stances."))):
                try:
                    p.unlink()
                except FileNotFoundError:
                    pass


# --------------------------------------------------------------------------------------------
# The batch
# --------------------------------------------------------------------------------------------

@dataclass
class RunResult:
    out_dir: Path
    n_documents: int
    n_passages: int
    n_stances: int
    n_errors: int
    n_processed: int  # documents processed in this run (not taken from the cache)
    timings: dict

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_REJECTED if self.n_errors else EXIT_OK


def _doc_cache_key(doc: pd.Series, fingerprint: str) -> str:
    return hashlib.sha256(f"{doc['doc_id']}\n{doc['content_hash']}\n{fingerprint}".encode()).hexdigest()[:32]


def _progress(iterable, total, desc, enabled):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="shard" if "process" in desc else "file",
                file=sys.stderr, leave=False)


def run_batch(
    inputs: list[str] | None = None,
    out_dir: str | os.PathLike = "data/processed",
    *,
    engine: str = "local",
    scheduler: str | None = None,
    nlp_name: str | None = None,
    progress: bool | None = None,
) -> RunResult:
    """Run the whole flow over `inputs` (files and folders) into `out_dir`. See module docstring."""
    from . import aggregate, ingest

    started = time.perf_counter()
    timings: dict[str, float] = {}
    inputs = list(inputs or [str(paths.REPO_ROOT / "data" / "raw")])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cache = Cache(out)
    show = sys.stderr.isatty() if progress is None else progress

    # 1. read, per file, through the cache ---------------------------------------------------
    t = time.perf_counter()
    missing_inputs = [p for p in inputs if not Path(p).exists()]
    files = ingest.discover([p for p in inputs if Path(p).exists()])
    results, read_errors = [], [
        {"path": str(p), "stage": "read", "reason": "no such file or folder"} for p in missing_inputs
    ]
    for path in _progress(files, len(files), "read", show):
        try:
            key = cache.read_key(path)
        except OSError as exc:
            read_errors.append({"path": str(path), "stage": "read", "reason": f"cannot read file: {exc.strerror or exc}"})
            continue
        result = cache.load_read(key)
        if result is None:
            try:
                result = ingest.read_path(path)
            except ingest.IngestError as exc:
                read_errors.append({"path": str(path), "stage": "read", "reason": str(exc)})
                result = ingest.ReadResult(documents=[], votes=[], errors=[])
            except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
                log.debug("reader crashed on %s", path, exc_info=True)
                read_errors.append({"path": str(path), "stage": "read",
                                    "reason": f"unexpected {type(exc).__name__} while reading: {exc}"})
                result = ingest.ReadResult(documents=[], votes=[], errors=[])
            cache.save_read(key, result)
        results.append(result)
    ingested = ingest.merge(results)
    documents = ingested.documents
    errors = [*read_errors, *ingested.errors.to_dict("records")]
    timings["read"] = time.perf_counter() - t

    # 2. process documents not in the cache ----------------------------------------------------
    t = time.perf_counter()
    fingerprint_info = model_fingerprint(nlp_name)
    fingerprint = hashlib.sha256(json.dumps(fingerprint_info, sort_keys=True).encode()).hexdigest()
    documents = documents.assign(
        cache_key=[_doc_cache_key(row, fingerprint) for _, row in documents.iterrows()]
    ) if len(documents) else documents.assign(cache_key=pd.Series(dtype="string"))
    wanted = set(documents["cache_key"])
    cached_p, cached_s, found, unused = cache.load_shards(wanted)
    todo = documents[~documents["cache_key"].isin(found)].sort_values("doc_id")
    shards = [todo.iloc[i:i + SHARD_SIZE] for i in range(0, len(todo), SHARD_SIZE)]
    new_p, new_s, failed = [], [], []
    for passages, stances, shard_errors in _execute(shards, engine, scheduler, nlp_name, show):
        failed.extend(shard_errors)
        if passages is not None:
            key_of = dict(zip(todo["doc_id"], todo["cache_key"]))
            passages = _round(passages.assign(cache_key=passages["doc_id"].map(key_of)))
            stances = _round(stances.assign(cache_key=stances["doc_id"].map(key_of).astype("string")))
            cache.save_shard(passages, stances)
            new_p.append(passages)
            new_s.append(stances)
    timings["process"] = time.perf_counter() - t

    # 3. assemble in doc_id order, aggregate, write ---------------------------------------------
    t = time.perf_counter()
    failed_ids = {e["doc_id"] for e in failed}
    errors.extend({k: v for k, v in e.items() if k != "doc_id"} for e in failed)
    documents = documents[~documents["doc_id"].isin(failed_ids)]
    passages = _concat(cached_p + new_p, "passages", wanted)
    stances = _concat(cached_s + new_s, "stances", wanted)
    passages = passages.sort_values(["doc_id", "order"], kind="stable").reset_index(drop=True)
    stances = stances.sort_values(["doc_id", "passage_id", "demand_id"], kind="stable").reset_index(drop=True)
    votes = ingested.votes[ingested.votes["doc_id"].isin(set(documents["doc_id"]))]

    doc_table = schemas.validate(documents.drop(columns=["text", "cache_key"], errors="ignore"), "documents")
    passage_table = schemas.validate(passages.drop(columns=["cache_key"]), "passages")
    stance_table = schemas.validate(stances.drop(columns=["cache_key"]), "stances")
    vote_table = schemas.validate(votes, "votes")
    error_table = schemas.validate(pd.DataFrame(errors, columns=schemas.columns("errors")), "errors")
    error_table = error_table.sort_values(["path", "stage", "reason"], kind="stable").reset_index(drop=True)

    tables = aggregate.aggregate(doc_table, passage_table, stance_table, vote_table)
    _write_if_changed(out / "documents.parquet", doc_table, store.write_parquet)
    _write_if_changed(out / "passages.parquet", passage_table, store.write_parquet)
    _write_if_changed(out / "stances.parquet", stance_table, store.write_parquet)
    _write_if_changed(out / "votes.parquet", vote_table, store.write_parquet)
    _write_if_changed(out / "errors.csv", error_table, store.write_csv)
    aggregate.write_aggregates(tables, out)
    store.write_json(provenance(fingerprint_info, nlp_name), out / "provenance.json")
    cache.drop(unused)
    timings["write"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - started

    result = RunResult(out, len(doc_table), len(passage_table), len(stance_table), len(error_table),
                       int(len(todo)) - len(failed_ids), {k: round(v, 3) for k, v in timings.items()})
    store.append_log({
        "event": "run", "inputs": inputs, "engine": engine, "documents": result.n_documents,
        "processed": result.n_processed, "passages": result.n_passages, "stances": result.n_stances,
        "errors": result.n_errors, "seconds": result.timings, "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }, out / "run-log.jsonl")
    return result


def _concat(frames: list[pd.DataFrame], name: str, wanted: set[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        df = schemas.empty(name)
        if name == "passages":
            for col in schemas.THEME_COLUMNS:
                df[col] = pd.Series(dtype="float64")
        return df.assign(cache_key=pd.Series(dtype="string"))
    df = pd.concat(frames, ignore_index=True)
    return df[df["cache_key"].isin(wanted)]


def _write_if_changed(path: Path, df: pd.DataFrame, writer) -> None:
    # Writing is skipped when the content is the same: a rerun with nothing new stays cheap and
    # leaves the files (and their mtimes) alone.
    if path.exists():
        try:
            old = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, dtype=str, keep_default_na=False)
            new = df if path.suffix == ".parquet" else df.astype(str).replace({"<NA>": ""})
            if path.suffix == ".parquet" and old.equals(new) and list(old.dtypes) == list(new.dtypes):
                return
            if path.suffix == ".csv" and old.shape == new.shape and (old.values == new.values).all():
                return
        except Exception:  # noqa: BLE001 - unreadable old output: rewrite it
            pass
    writer(df, path)


def _execute(shards, engine, scheduler, nlp_name, show):
    """Yield (passages, stances, errors) per shard, locally or on Dask, in completion order."""
    if not shards:
        return
    if engine == "local":
        models = Models(nlp_name)
        for shard in _progress(shards, len(shards), "process", show):
            yield _process_isolating_failures(shard, models)
        return
    if engine != "dask":
        raise ValueError(f"unknown engine {engine!r}: use local or dask")
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(process_shard, shards, nlp_name=nlp_name, pure=False)
        for future in _progress(as_completed(futures), len(futures), "process (dask)", show):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def provenance(fingerprint_info: dict, nlp_name: str | None = None) -> dict:
    from . import nlp as nlp_stage

    return {
        "package": "asielstandpunten",
        "version": __version__,
        "spacy_model": nlp_stage.describe_model(nlp_name),
        "themes_model": fingerprint_info["themes"],
        "stance_model": fingerprint_info["stance"],
        "demand_catalogue": fingerprint_info["catalogue"],
        "config": fingerprint_info["config"],
    }


def version_info() -> dict:
    from . import nlp as nlp_stage

    fp = model_fingerprint()
    model = nlp_stage.describe_model(None)
    return {
        "asielstandpunten": __version__,
        "python": sys.version.split()[0],
        "spacy model": f"{model.get('name')} {model.get('version')} ({model.get('source')})",
        "themes model": fp["themes"],
        "stance model": fp["stance"],
        "demand catalogue": fp["catalogue"],
    }


# --------------------------------------------------------------------------------------------
# predict / evaluate / train
# --------------------------------------------------------------------------------------------

def _passage_frame(records: list[dict]) -> pd.DataFrame:
    """Input records (id, text, doc_type, title, date, heading) as a passages-like frame."""
    rows = []
    for r in records:
        doc_type = r.get("doc_type") or "programme"
        rows.append({
            "passage_id": str(r["id"]), "doc_id": str(r["id"]),
            "level": "document" if doc_type == "motion" else "paragraph",
            "order": 0, "clause_type": None, "heading_path": r.get("heading") or "",
            "text": r["text"], "char_start": 0, "char_end": len(r["text"]),
            "doc_type": doc_type, "title": r.get("title"),
        })
    return pd.DataFrame(rows)


def predict_records(records: list[dict], models: Models | None = None, batch_size: int = 2000) -> list[dict]:
    """Themes and stances for passages given as dicts with at least `id` and `text`.

    Returns one dict per record: {"id", "themes": {"T1": p, ...}, "stances": {demand: {...}}}.
    """
    from . import nlp as nlp_stage
    from . import stance, themes

    models = models or Models()
    out = []
    for start in range(0, len(records), batch_size):
        batch = records[start:start + batch_size]
        frame = _passage_frame(batch)
        probs = themes.predict_themes(frame, models.get("themes"))
        candidate = stance.candidate_mask(frame).to_numpy()
        cat = stance.load_catalogue()   # once per batch, not a file stat per record
        # candidates are parsed together with nlp.pipe (batched), not one nlp() call each
        texts = [record["text"] for record, keep in zip(batch, candidate) if keep]
        docs = iter(nlp_stage.pipe(texts, nlp=models.get("nlp")) if texts else [])
        for i, record in enumerate(batch):
            theme_probs = {t: round(float(probs.iloc[i][f"theme_{t}"]), FLOAT_DECIMALS) for t in schemas.THEMES}
            stances = {}
            if candidate[i]:
                doc = next(docs)
                stances = stance.predict_text(
                    record["text"], doc_type=frame.iloc[i]["doc_type"], title=record.get("title"),
                    heading=record.get("heading"), doc_id=str(record["id"]),
                    nlp=models.get("nlp"), model=models.get("stance"), cat=cat,
                    doc=doc if doc.text == record["text"] else None)  # cleaned text: parse as given
                theme_probs = {t: round(p, FLOAT_DECIMALS) for t, p in
                               stance.align_theme_probabilities_with_stances(theme_probs, stances, cat).items()}
            out.append({"id": record["id"], "themes": theme_probs, "stances": stances})
    return out


def _read_jsonl(path: Path) -> tuple[list[dict], list[str]]:
    records, problems = [], []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path}:{n}: not JSON ({exc.msg})")
                continue
            if not isinstance(r, dict) or "id" not in r or not isinstance(r.get("text"), str):
                problems.append(f"{path}:{n}: needs an object with 'id' and a 'text' string")
                continue
            records.append(r)
    return records, problems


def _cmd_run(args) -> int:
    result = run_batch(args.inputs, args.out, engine=args.engine, scheduler=args.scheduler,
                       nlp_name=args.model, progress=not args.quiet and None)
    print(f"{result.n_documents} documents ({result.n_processed} processed now, the rest from the cache), "
          f"{result.n_passages} passages, {result.n_stances} stances, {result.n_errors} rejected inputs "
          f"-> {result.out_dir} in {result.timings['total']:.1f} s")
    if result.n_errors:
        print(f"some inputs were rejected: see {result.out_dir / 'errors.csv'}", file=sys.stderr)
    return result.exit_code


def _cmd_predict(args) -> int:
    records, problems = _read_jsonl(Path(args.input))
    for p in problems:
        print(p, file=sys.stderr)
    models = Models(args.model)
    predictions = predict_records(records, models)
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions)
    store.write_text(lines, args.output)
    print(f"{len(predictions)} predictions -> {args.output}" + (f"; {len(problems)} lines rejected" if problems else ""))
    return EXIT_SOME_REJECTED if problems else EXIT_OK


def _trained_on(gold_path: Path) -> bool:
    """Were the shipped models trained on this gold file? Then its figures are training figures."""
    dev = paths.shared_dir() / "eval" / "dev.jsonl"
    return dev.exists() and _file_digest(dev) == _file_digest(gold_path)


def _cmd_evaluate(args) -> int:
    from .evaluation import cross_validate_product, format_figures, score

    if args.cv:
        from . import stance, themes

        # seed 0's out-of-fold outputs, computed once: printed per model, combined as the product, and
        # the first of the N runs summarized with --seeds N
        theme_probs = themes.cross_val_proba(gold=themes.load_gold())
        stance_predictions = stance.cross_val_predictions()
        print(format_figures(themes.cross_validate(proba=theme_probs),
                             "# themes, cross-validated (grouped by document)"))
        print(format_figures(stance.cross_validate(predictions=stance_predictions),
                             "\n# stance, cross-validated (grouped by document)"))
        runs = [cross_validate_product(theme_probs=theme_probs, stance_predictions=stance_predictions)]
        runs += [cross_validate_product(seed=seed) for seed in range(1, args.seeds)]
        print(format_figures(runs[0], "\n# the product's output, cross-validated: themes aligned "
                                      "with the passage's stances"))
        if args.seeds > 1:
            from .evaluation import summarize_seeds

            print(f"\n# the product's output, cross-validated with fold seeds 0-{args.seeds - 1}")
            print(json.dumps(summarize_seeds(runs), indent=1))
        return EXIT_OK
    if not args.gold:
        print("evaluate needs GOLD.jsonl or --cv", file=sys.stderr)
        return EXIT_USAGE
    gold_path = Path(args.gold)
    records, problems = _read_jsonl(gold_path)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
    gold = {str(r["id"]): r for r in records}
    predictions = {str(p["id"]): p for p in predict_records(records, Models(args.model))}
    heading = ("# TRAINING figures: the shipped models were trained on these passages"
               if _trained_on(gold_path) else f"# figures on {gold_path}")
    print(format_figures(score(gold, predictions), heading))
    return EXIT_OK


def _cmd_train(args) -> int:
    from . import stance, themes

    if args.only in (None, "themes"):
        report = themes.train_model()
        print("themes:", json.dumps(report, ensure_ascii=False)[:2000])
    if args.only in (None, "stance"):
        report = stance.train_model()
        print("stance:", json.dumps(report, ensure_ascii=False)[:2000])
    return EXIT_OK


def _cmd_info(args) -> int:
    for key, value in version_info().items():
        print(f"{key}: {value}")
    return EXIT_OK


def register_cli(sub) -> None:
    p = sub.add_parser("run", help="process documents into passages, themes, stances and aggregates")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files and folders (default: data/raw)")
    p.add_argument("--out", default=str(paths.REPO_ROOT / "data" / "processed"), help="output folder (default: data/processed)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="local (one process) or dask")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler (with --engine dask), e.g. tcp://10.0.0.5:8786")
    p.add_argument("--model", help="spaCy pipeline to use (package name or path); default: see `info`")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("predict", help="themes and stances for passages in a JSONL file")
    p.add_argument("input", metavar="INPUT.jsonl", help="lines with id, text, optional doc_type, title, date, heading")
    p.add_argument("--output", required=True, metavar="OUTPUT.jsonl")
    p.add_argument("--model", help="spaCy pipeline to use")
    p.set_defaults(func=_cmd_predict)

    p = sub.add_parser("evaluate", help="score the current models on labelled passages (or --cv)")
    p.add_argument("gold", nargs="?", metavar="GOLD.jsonl")
    p.add_argument("--cv", action="store_true", help="cross-validated figures on the shared dev set")
    p.add_argument("--seeds", type=int, default=1, metavar="N",
                   help="with --cv: also the product's figures for fold seeds 0..N-1 and their mean")
    p.add_argument("--model", help="spaCy pipeline to use")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("train", help="train the theme and stance models into models/")
    p.add_argument("--only", choices=["themes", "stance"])
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("info", help="versions of the package and of the models in use")
    p.set_defaults(func=_cmd_info)
