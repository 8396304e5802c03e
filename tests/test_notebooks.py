"""The analyst notebooks run top to bottom on the shipped sample."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import paths

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def processed_sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb") / "processed"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(paths.REPO_ROOT / "data" / "raw"),
                           "--out", str(out), "-q"], capture_output=True, text=True, cwd=paths.REPO_ROOT)
    assert proc.returncode == 0, proc.stderr
    return out


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path: Path, processed_sample, monkeypatch):
    monkeypatch.setenv("ASIEL_DATA", str(processed_sample))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(paths.REPO_ROOT / "notebooks")}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert outputs, "a notebook that shows nothing is not an analysis"
