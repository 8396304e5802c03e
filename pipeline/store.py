"""Writing and reading the outputs: atomically (temp file + rename), deterministically.

Outputs carry no timestamps, so the same input gives byte-identical files; run times go to the
run log (`run-log.jsonl`) instead.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from . import schemas


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_parquet(df: pd.DataFrame, path: str | os.PathLike, schema: str | None = None) -> Path:
    """Validate against `schema` (when given) and write atomically."""
    path = Path(path)
    if schema:
        df = schemas.validate(df, schema)
    _atomic(path, lambda tmp: df.to_parquet(tmp, index=False, engine="pyarrow", compression="zstd"))
    return path


def write_csv(df: pd.DataFrame, path: str | os.PathLike, schema: str | None = None) -> Path:
    path = Path(path)
    if schema:
        df = schemas.validate(df, schema)
    _atomic(path, lambda tmp: df.to_csv(tmp, index=False, lineterminator="\n"))
    return path


def write_text(text: str, path: str | os.PathLike) -> Path:
    path = Path(path)

    def _w(tmp):
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    _atomic(path, _w)
    return path


def write_bytes(data: bytes, path: str | os.PathLike) -> Path:
    path = Path(path)

    def _w(tmp):
        with open(tmp, "wb") as fh:
            fh.write(data)

    _atomic(path, _w)
    return path


def write_json(obj, path: str | os.PathLike) -> Path:
    return write_text(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n", path)


def append_log(record: dict, path: str | os.PathLike) -> None:
    """Append one JSON line to a log (run times live here, never in the outputs)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def read_parquet(path: str | os.PathLike) -> pd.DataFrame:
    return pd.read_parquet(path, engine="pyarrow")
