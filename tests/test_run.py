"""The batch as a user runs it: outputs, reruns, incremental runs, kill -9, Dask, bad input."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from pipeline import paths, schemas

SAMPLE = paths.REPO_ROOT / "data" / "raw"
OUTPUT_FILES = [
    "documents.parquet", "passages.parquet", "stances.parquet", "votes.parquet", "errors.csv",
    "document_stances.parquet", "party_stances.csv", "party_stances.parquet",
    "party_vote_alignment.csv", "party_vote_alignment.parquet",
    "weekly_alignment.parquet", "weekly_stances.parquet", "provenance.json",
]


def run_cli(*args, env=None, timeout=600):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=paths.REPO_ROOT)


def digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUT_FILES}


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "out"
    proc = run_cli("run", str(SAMPLE), "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out, proc


def test_run_on_sample_writes_every_output(sample_run):
    out, proc = sample_run
    for name in OUTPUT_FILES:
        assert (out / name).exists(), name
    documents = pd.read_parquet(out / "documents.parquet")
    schemas.validate(documents, "documents")
    assert {"motion", "programme"} <= set(documents["doc_type"])
    passages = pd.read_parquet(out / "passages.parquet")
    schemas.validate(passages, "passages")
    assert set(schemas.THEME_COLUMNS) <= set(passages.columns)
    # motions come as a whole (level document) and as clauses
    motion_ids = set(documents.loc[documents["doc_type"] == "motion", "doc_id"])
    levels = passages[passages["doc_id"].isin(motion_ids)].groupby("doc_id")["level"].apply(set)
    assert all("document" in s for s in levels)
    stances = pd.read_parquet(out / "stances.parquet")
    schemas.validate(stances, "stances")
    assert len(stances) > 0
    # evidence is verbatim from its passage
    merged = stances.merge(passages[["passage_id", "text"]], on="passage_id")
    assert all(e in t for e, t in zip(merged["evidence"], merged["text"]))
    votes = pd.read_parquet(out / "votes.parquet")
    assert set(votes["doc_id"]) <= motion_ids
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["spacy_model"]["name"]
    assert pd.read_csv(out / "errors.csv").empty
    assert "Traceback" not in proc.stderr


def test_rerun_is_byte_identical_and_processes_nothing(sample_run, tmp_path):
    out, _ = sample_run
    before = digests(out)
    proc = run_cli("run", str(SAMPLE), "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert digests(out) == before
    log = [json.loads(line) for line in (out / "run-log.jsonl").read_text().splitlines()]
    assert log[-1]["processed"] == 0


def test_incremental_run_equals_run_from_scratch(tmp_path):
    half = tmp_path / "half"
    shutil.copytree(SAMPLE, half)
    files = sorted(p for p in half.rglob("*") if p.is_file() and p.suffix in {".xml", ".pdf"})
    assert files, "the sample should hold XML and PDF inputs"
    held_back = files[0]
    keep = tmp_path / held_back.name
    held_back.rename(keep)

    out = tmp_path / "incremental"
    assert run_cli("run", str(half), "--out", str(out), "-q").returncode == 0
    keep.rename(held_back)  # a new document arrives
    assert run_cli("run", str(half), "--out", str(out), "-q").returncode == 0
    scratch = tmp_path / "scratch"
    assert run_cli("run", str(half), "--out", str(scratch), "-q").returncode == 0
    a, b = digests(out), digests(scratch)
    a.pop("provenance.json"), b.pop("provenance.json")
    # source paths differ only in the copy's folder, which is the same here
    assert a == b


def test_kill_9_at_any_moment_then_rerun_gives_the_uninterrupted_outputs(tmp_path):
    reference = tmp_path / "reference"
    env = {"ASIEL_SHARD_SIZE": "1"}  # many small shards, so kills land mid-processing
    assert run_cli("run", str(SAMPLE), "--out", str(reference), "-q", env=env).returncode == 0

    out = tmp_path / "killed"
    for delay in (0.5, 1.5, 2.5, 3.5, 5.0):
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(SAMPLE), "--out", str(out), "-q"],
                                env={**os.environ, **env}, cwd=paths.REPO_ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # whatever was written is whole: no temp files become outputs
        for name in OUTPUT_FILES:
            if (out / name).exists() and name.endswith(".parquet"):
                pd.read_parquet(out / name)
    assert run_cli("run", str(SAMPLE), "--out", str(out), "-q", env=env).returncode == 0
    assert digests(out) == digests(reference)


def test_dask_engine_gives_the_local_outputs(sample_run, tmp_path):
    local, _ = sample_run
    out = tmp_path / "dask"
    proc = run_cli("run", str(SAMPLE), "--out", str(out), "--engine", "dask", "-q", env={"ASIEL_SHARD_SIZE": "2"})
    assert proc.returncode == 0, proc.stderr
    assert digests(out) == digests(local)


# ---------------------------------------------------------------------------------------------
# Bad input: every bad file is named in errors.csv with a reason; the good ones are processed.
# ---------------------------------------------------------------------------------------------

GOOD_MOTION = {
    "id": "kst-99999-1", "title": "Motie van het lid Jansen over het behoud van de Spreidingswet",
    "date": "2025-06-24", "dossier": "99999-1",
    "submitters": [{"name": "A. Jansen", "party": "CDA"}],
    "text": "De Kamer,\ngehoord de beraadslaging,\nconstaterende dat gemeenten te weinig opvangplekken bieden;\n"
            "verzoekt de regering de Spreidingswet volledig uit te voeren,\nen gaat over tot de orde van de dag.",
    "votes": {"CDA": {"vote": "voor", "seats": 5}, "PVV": {"vote": "tegen", "seats": 37}},
    "result": "aangenomen",
}


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    inputs = d / "inputs"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "random.pdf").write_bytes(os.urandom(4096))
    sample_pdf = next(SAMPLE.rglob("*.pdf"))
    data = sample_pdf.read_bytes()
    (inputs / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (inputs / "truncated.xml").write_text('<?xml version="1.0"?>\n<officiele-publicatie><metadata><meta name="x"',
                                          encoding="utf-8")
    with zipfile.ZipFile(inputs / "notes.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    (inputs / "nul.txt").write_bytes(b"Asielzoekers\x00\x00 moeten\x00 snel duidelijkheid krijgen.\n")
    (inputs / "latin1.txt").write_bytes(
        "Wij willen dat statushouders sneller een woning krijgen en dat de inburgering beter wordt "
        "georganiseerd, met taallessen vanaf dag één.\n".encode("latin-1"))
    (inputs / "english.txt").write_text("The committee discussed fisheries quotas and the price of diesel.\n",
                                        encoding="utf-8")
    lines = [json.dumps(GOOD_MOTION), "{not json", json.dumps({**GOOD_MOTION, "id": "kst-99999-2",
             "text": None, "title": "Motie van het lid De Vries over het afschaffen van de nareis"}),
             '{"id": "kst-99999-3", "title": 5']
    (inputs / "motions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the same motion under another name, with a repeated vote record
    dup = {**GOOD_MOTION, "votes": {**GOOD_MOTION["votes"]}}
    (inputs / "copy-of-motions.jsonl").write_text(json.dumps(dup) + "\n" + json.dumps(dup) + "\n", encoding="utf-8")
    try:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for page in PdfReader(sample_pdf).pages:
            writer.add_page(page)
        writer.encrypt("geheim")
        with open(inputs / "encrypted.pdf", "wb") as fh:
            writer.write(fh)
    except Exception:  # noqa: BLE001 - without crypto support the encrypted case is skipped
        pass
    out = d / "out"
    proc = run_cli("run", str(inputs), "--out", str(out), "-q")
    return inputs, out, proc


def test_bad_inputs_are_reported_not_fatal(bad_batch):
    inputs, out, proc = bad_batch
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = pd.read_csv(out / "errors.csv")
    named = " ".join(errors["path"].astype(str))
    for bad in ["empty.txt", "random.pdf", "truncated.pdf", "truncated.xml", "notes.docx", "motions.jsonl:2",
                "motions.jsonl:4"]:
        assert bad in named, f"{bad} missing from errors.csv:\n{errors}"
    if (inputs / "encrypted.pdf").exists():
        assert "encrypted.pdf" in named
    # each reason says what is wrong with that file, in words, not an exception dump
    reason_of = {Path(str(p).split(":")[0]).name: r for p, r in zip(errors["path"], errors["reason"])}
    assert "empty" in reason_of["empty.txt"].lower()
    assert "pdf" in reason_of["random.pdf"].lower()
    assert "xml" in reason_of["truncated.xml"].lower()
    if "encrypted.pdf" in reason_of:
        assert "encrypted" in reason_of["encrypted.pdf"].lower()
    assert not errors["reason"].str.contains("Traceback|Error:", regex=True).any()


def test_good_documents_in_a_bad_batch_are_processed(bad_batch):
    _, out, _ = bad_batch
    documents = pd.read_parquet(out / "documents.parquet")
    ids = set(documents["doc_id"])
    assert {"kst-99999-1", "kst-99999-2"} <= ids
    # the same motion from two files is one document, with one vote per party
    assert (documents["doc_id"] == "kst-99999-1").sum() == 1
    votes = pd.read_parquet(out / "votes.parquet")
    assert votes[votes["doc_id"] == "kst-99999-1"]["party"].is_unique
    # a motion without text goes through on its title, flagged so
    row = documents.set_index("doc_id").loc["kst-99999-2"]
    assert row["text_source"] == "title"
    # NUL bytes and Latin-1 text are read, not rejected
    texts = " ".join(pd.read_parquet(out / "passages.parquet")["text"])
    assert "statushouders sneller een woning" in texts
    assert "\x00" not in texts
    assert "fisheries" in texts  # non-Dutch text is processed (and simply gets no theme)


def test_exit_code_1_when_the_run_itself_fails(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run_cli("run", str(SAMPLE), "--out", str(blocker / "out"), "-q")
    assert proc.returncode == 1
    assert proc.stderr.startswith("error:")


@pytest.mark.slow
def test_a_200_mb_text_file_keeps_memory_under_2_gb(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    line = ("Dit is een regel uit een zeer groot exportbestand over gemeentelijke begrotingen, "
            "wegen, riolering en sportvelden, zonder enige samenhang met asiel.\n").encode("utf-8")
    with open(inputs / "huge.txt", "wb") as fh:
        for _ in range(200 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (inputs / "motions.jsonl").write_text(json.dumps(GOOD_MOTION) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code = ("import resource, sys; from pipeline.cli import main; rc = main(sys.argv[1:]); "
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, "run", str(inputs), "--out", str(out), "-q"],
                          capture_output=True, text=True, cwd=paths.REPO_ROOT, timeout=1200)
    assert proc.returncode in (0, 3), proc.stderr
    assert "Traceback" not in proc.stderr
    maxrss_kb = int(proc.stderr.split("MAXRSS")[1].split()[0])
    assert maxrss_kb < 2 * 1024 * 1024, f"peak memory {maxrss_kb / 1024:.0f} MB"
    documents = pd.read_parquet(out / "documents.parquet")
    assert "kst-99999-1" in set(documents["doc_id"])
    errors = pd.read_csv(out / "errors.csv")
    processed = any(documents["source_path"].str.contains("huge.txt"))
    assert processed or errors["path"].str.contains("huge.txt").any()


def test_sample_stances_script_draws_reproducible_non_neutral_rows(sample_run):
    out, _ = sample_run
    script = paths.REPO_ROOT / "scripts" / "sample_stances.py"

    def draw(*extra):
        proc = subprocess.run([sys.executable, str(script), str(out), "--n", "5", "--seed", "3", *extra],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.splitlines()

    stances = pd.read_parquet(out / "stances.parquet")
    taken = stances[stances["label"] != "neutral"]
    lines = draw()
    assert lines == draw()   # the same seed draws the same sample
    assert len(lines) == min(5, len(taken)) > 0
    for line in lines:
        _, _, passage_id, _, demand_id, label, _, evidence = line.split("\t")
        row = taken[(taken["passage_id"] == passage_id) & (taken["demand_id"] == demand_id)]
        assert len(row) == 1 and row["label"].iloc[0] == label and row["evidence"].iloc[0].startswith(evidence)
    for line in draw("--level", "document"):
        passage_id = line.split("\t")[2]
        assert (stances.loc[stances["passage_id"] == passage_id, "level"] == "document").all()
    # --exclude leaves out the documents of a labelled file (motion ids with "motie-", programme
    # paragraphs by party and year)
    taken_docs = sorted(taken["doc_id"].unique())
    gold = out / "gold.jsonl"
    gold.write_text(json.dumps({"id": "motie-" + taken_docs[0], "text": "..."}) + "\n", encoding="utf-8")
    kept = {line.split("\t")[2].split("#")[0] for line in draw("--n", "1000", "--exclude", str(gold))}
    assert taken_docs[0] not in kept and kept == set(taken_docs[1:])


def test_predict_writes_one_line_per_passage_with_themes_that_follow_the_stances(tmp_path):
    # own passages; line 3 is broken JSON and line 4 has no text: both reported, the rest predicted
    lines = [
        json.dumps({"id": "p1", "text": "We schaffen het tweestatusstelsel af.", "doc_type": "programme"}),
        json.dumps({"id": "p2", "text": "De gemeente legt een nieuw fietspad aan langs het kanaal."}),
        '{"id": "p3", "text": ',
        json.dumps({"id": "p4"}),
        json.dumps({"id": "m1", "doc_type": "motion", "text": (
            "De Kamer, gehoord de beraadslaging, constaterende dat gemeenten te weinig opvangplekken bieden; "
            "verzoekt de regering de Spreidingswet in te trekken, en gaat over tot de orde van de dag.")}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    proc = run_cli("predict", str(source), "--output", str(target))
    assert proc.returncode == 3, proc.stderr   # some lines rejected
    assert "in.jsonl:3" in proc.stderr and "in.jsonl:4" in proc.stderr
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == ["p1", "p2", "m1"]
    assert all(set(o["themes"]) == set(schemas.THEMES) for o in out)
    assert out[0]["stances"]["nationale_maatregelen_loslaten"]["label"] == "pro"
    assert out[1]["stances"] == {} and max(out[1]["themes"].values()) < 0.5
    assert out[2]["stances"]["spreidingswet"]["label"] == "contra"
    # every stance's theme is assigned (>= 0.5) in the same output line
    from pipeline.stance import load_catalogue
    cat = load_catalogue()
    for o in out:
        for demand in o["stances"]:
            assert o["themes"][cat.theme_of(demand)] >= 0.5, (o["id"], demand)


def test_party_index_script_weights_each_demand_by_its_passages(sample_run):
    out, _ = sample_run
    script = paths.REPO_ROOT / "scripts" / "party_index.py"
    proc = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    party_stances = pd.read_parquet(out / "party_stances.parquet")
    assert len(party_stances) > 0
    for (year, party), rows in party_stances.groupby(["year", "party"]):
        expected = (rows["stance_index"] * rows["n_passages"]).sum() / rows["n_passages"].sum()
        line = next(line for line in proc.stdout.splitlines() if f" {party} " in f" {line} ")
        assert float(line.split()[-1]) == pytest.approx(expected, abs=0.005), (year, party)
