"""The Dutch spaCy layer: selection order, the clear error, batching that survives bad texts.

No Dutch spaCy package can be installed here, so one test builds a real package from the shipped
pipeline with `spacy package`, installs it into a temporary folder and checks it is preferred.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline import nlp, paths

SHIPPED = paths.REPO_ROOT / "models" / "nlp"
needs_shipped = pytest.mark.skipif(not (SHIPPED / "meta.json").exists(), reason="models/nlp not present")
OFFICIAL_INSTALLED = any(spacy.util.is_package(p) for p in ("nl_core_news_md", "nl_core_news_sm"))


def run_python(code: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != nlp.ENV_MODEL}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=paths.REPO_ROOT, timeout=300)


@needs_shipped
@pytest.mark.skipif(OFFICIAL_INSTALLED, reason="an official Dutch package is installed and preferred")
def test_without_packages_the_shipped_pipeline_is_chosen(monkeypatch):
    monkeypatch.delenv(nlp.ENV_MODEL, raising=False)
    assert Path(nlp.resolve_model_name()) == SHIPPED.resolve()
    info = nlp.describe_model()
    assert info["source"] == "shipped" and info["version"]


@needs_shipped
def test_a_named_pipeline_wins_over_everything(monkeypatch, tmp_path):
    copy = tmp_path / "my_pipeline"
    import shutil

    shutil.copytree(SHIPPED, copy)
    monkeypatch.setenv(nlp.ENV_MODEL, str(copy))
    assert Path(nlp.resolve_model_name()) == copy.resolve()
    assert nlp.describe_model()["source"] == "path"
    # an explicit argument beats the environment
    assert Path(nlp.resolve_model_name(str(SHIPPED))) == SHIPPED.resolve()


def test_unknown_model_name_gives_install_instructions(monkeypatch):
    monkeypatch.setenv(nlp.ENV_MODEL, "nl_no_such_pipeline")
    with pytest.raises(nlp.NlpModelMissing) as error:
        nlp.resolve_model_name()
    assert "nl_no_such_pipeline" in str(error.value)
    assert "pip install" in str(error.value) and "train-nlp" in str(error.value)


@pytest.mark.skipif(OFFICIAL_INSTALLED, reason="an official Dutch package is installed")
def test_nothing_installed_and_nothing_shipped_is_a_clear_error(tmp_path):
    result = run_python("from pipeline import nlp; nlp.load_nlp()", {"ASIEL_MODELS": str(tmp_path)})
    assert result.returncode != 0
    assert "No Dutch spaCy pipeline found" in result.stderr
    # the batch command reports it without a traceback
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "pipeline", "info"], capture_output=True, text=True,
                            cwd=paths.REPO_ROOT, env={**os.environ, "ASIEL_MODELS": str(tmp_path)})
    assert "Traceback" not in result.stderr


@needs_shipped
@pytest.mark.skipif(OFFICIAL_INSTALLED, reason="an official Dutch package is installed")
def test_an_installed_package_is_preferred_over_the_shipped_pipeline(tmp_path):
    # Build a real spaCy package from the shipped weights under the name the config prefers second
    # (nl_core_news_sm), install it into a private folder and check the selection and provenance.
    build = subprocess.run([sys.executable, "-m", "spacy", "package", str(SHIPPED), str(tmp_path),
                            "--name", "core_news_sm", "--version", "0.0.0", "--build", "none", "--force"],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    site = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                              "--no-build-isolation", "--quiet", "--target", str(site),
                              str(tmp_path / "nl_core_news_sm-0.0.0")], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    code = ("import json; from pipeline import nlp; n = nlp.load_nlp(); "
            "print(json.dumps(nlp.model_info(n))); print(len(list(n('Geen kinderen in detentie.'))))")
    result = run_python(code, {"PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout.splitlines()[0])
    assert info["name"] == "nl_core_news_sm" and info["source"] == "package" and info["version"] == "0.0.0"
    assert result.stdout.splitlines()[1] == "5"
    # --version shows the package too
    version = subprocess.run([sys.executable, "-m", "pipeline", "--version"], capture_output=True,
                             text=True, cwd=paths.REPO_ROOT,
                             env={**os.environ, "PYTHONPATH": str(site)})
    assert "nl_core_news_sm" in version.stdout


@needs_shipped
def test_shipped_pipeline_annotates_lemmas_pos_parse_and_sentences():
    pipeline = nlp.load_nlp(str(SHIPPED))
    assert nlp.capabilities(pipeline) == {"lemmas": True, "pos": True, "parse": True, "sentences": True}
    doc = pipeline("De kinderen werden niet in detentie gehouden. Wij willen dat veranderen.")
    assert len(list(doc.sents)) == 2
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["kinderen"] == "kind" and lemmas["werden"] == "worden"
    assert {t.pos_ for t in doc} >= {"NOUN", "VERB", "ADV"}
    assert any(t.dep_ == "advmod" and t.lower_ == "niet" for t in doc)
    light = nlp.load_nlp(str(SHIPPED), purpose="light")
    assert "parser" not in light.pipe_names
    assert nlp.capabilities(light)["sentences"]


@Language.component("explodes_on_boom")
def _explodes_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("cannot parse this one")
    return doc


def test_pipe_yields_one_doc_per_text_even_when_a_text_fails():
    pipeline = spacy.blank("nl")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("explodes_on_boom")
    texts = ["De opvang moet beter.", "Hier gaat het BOOM mis.", "Gezinshereniging blijft.", None,
             "met\x00nul"]
    docs = list(nlp.pipe(texts, nlp=pipeline, batch_size=2))
    assert [d.text for d in docs] == ["De opvang moet beter.", "Hier gaat het BOOM mis.",
                                      "Gezinshereniging blijft.", "", "met nul"]
    assert nlp.capabilities(pipeline) == {"lemmas": False, "pos": False, "parse": False,
                                          "sentences": True}


def _conllu(sentences: list[list[tuple[str, str, int, str]]]) -> str:
    """Minimal CoNLL-U: each word as (form, upos, head, deprel)."""
    blocks = []
    for k, words in enumerate(sentences, 1):
        lines = [f"# sent_id = s{k}"]
        for i, (form, upos, head, deprel) in enumerate(words, 1):
            lines.append(f"{i}\t{form}\t{form.lower()}\t{upos}\t_\t_\t{head}\t{deprel}\t_\t_")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n\n"


def test_convert_ud_writes_each_train_file_as_often_as_configured(tmp_path, monkeypatch):
    ud = tmp_path / "ud"
    ud.mkdir()
    sentence = [("Gemeenten", "NOUN", 2, "nsubj"), ("vangen", "VERB", 0, "root"),
                ("vluchtelingen", "NOUN", 2, "obj"), ("op", "ADP", 2, "compound:prt"),
                (".", "PUNCT", 2, "punct")]
    for name in ("train.conllu", "train-older-annotation.conllu", "dev.conllu", "test.conllu"):
        (ud / name).write_text(_conllu([sentence, sentence]), encoding="utf-8")
    monkeypatch.setattr(nlp, "_train_repeats", lambda: {"train.conllu": 3})
    corpus = nlp.convert_ud(tmp_path / "corpus", ud)
    train_files = sorted(p.name for p in (corpus / "train").glob("*.spacy"))
    assert train_files == ["train-older-annotation.spacy", "train.repeat2.spacy", "train.repeat3.spacy",
                           "train.spacy"]
    assert (corpus / "dev.spacy").exists() and (corpus / "test.spacy").exists()
    # stage 2 trains on the current-annotation file only (config/nlp.yaml training.finetune.files)
    assert sorted(p.name for p in (corpus / "finetune").glob("*.spacy")) == ["train.spacy"]
    # a later conversion with fewer repeats removes the stale copies
    monkeypatch.setattr(nlp, "_train_repeats", lambda: {})
    nlp.convert_ud(tmp_path / "corpus", ud)
    assert sorted(p.name for p in (corpus / "train").glob("*.spacy")) == ["train-older-annotation.spacy",
                                                                          "train.spacy"]


def test_stage_two_callback_restores_the_sourced_lemmatizers_label_map():
    """spaCy 3.8 loads an edit-tree lemmatizer without its tree -> label map; training it further
    would map every gold lemma to label 0. training/nlp/functions.py rebuilds the map."""
    import importlib.util

    import numpy
    from spacy.training import Example

    if not nlp.shipped_path().exists():
        pytest.skip("shipped pipeline missing")
    spec = importlib.util.spec_from_file_location("nlp_training_functions", nlp.TRAINING_DIR / "functions.py")
    functions = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(functions)
    pipeline = spacy.load(nlp.shipped_path())
    lemmatizer = pipeline.get_pipe("trainable_lemmatizer")
    words, lemmas = ["De", "gemeenten", "bouwden", "woningen"], ["de", "gemeente", "bouwen", "woning"]
    doc = pipeline.make_doc(" ".join(words))
    example = Example.from_dict(doc, {"lemmas": lemmas})
    scores = [numpy.full((len(doc), len(lemmatizer.labels)), 1.0 / len(lemmatizer.labels), dtype="f")]

    def gold_labels():
        _loss, d_scores = lemmatizer.get_loss([example], scores)
        # the gradient is score - one-hot(gold): the gold label is where it is most negative
        return d_scores[0].argmin(axis=1).tolist()

    assert set(gold_labels()) == {0}  # the bug the callback repairs
    with pipeline.select_pipes(disable=["trainable_lemmatizer"]):  # as during spacy train's initialize
        functions.restore_lemmatizer_labels()(pipeline)
    assert len(lemmatizer.tree2label) == len(lemmatizer.labels)
    labels = gold_labels()
    assert len(set(labels)) > 1  # plural nouns and a past tense need different edit trees
    trees = [lemmatizer.labels[i] for i in labels]
    assert [lemmatizer.trees.apply(tree, word) for tree, word in zip(trees, words)] == lemmas


def test_sentence_constraints_find_tokens_that_typography_forbids_as_sentence_starts():
    assert nlp.add_sentence_constraints(spacy.blank("nl")).pipe_names == []  # no sentences to constrain
    blank = spacy.blank("nl")
    blank.add_pipe("sentencizer")
    nlp.add_sentence_constraints(blank)
    constraints = blank.get_pipe("sentence_constraints")
    doc = blank.make_doc('Zij zei: "Wij blijven." (Dat klopt .) ,,Echt?" vroeg hij. De stijging was 5 % .')
    cannot_start = [doc[i].text for i in constraints.find(doc) if not doc[i].text[:1].islower()]
    # every full stop, colon, question mark, closing bracket, closing quote and percent sign;
    # the words right after the opening quote '"', the bracket and ',,'; not ',,' itself
    # (lowercase words: the next test)
    assert cannot_start == [":", "Wij", ".", '"', "Dat", ".", ")", "Echt", "?", '"', ".", "%", "."]
    assert blank.pipe_names == ["sentencizer", "sentence_constraints"]


def test_sentence_constraints_keep_lowercase_words_inside_their_sentence():
    blank = spacy.blank("nl")
    blank.add_pipe("sentencizer")
    nlp.add_sentence_constraints(blank)
    constraints = blank.get_pipe("sentence_constraints")
    text = "Wij bieden opvang i.p.v. tenten. Zie www.opvang.nl voor meer.\nsnellere procedures bij de IND\n's Avonds is het stil."
    doc = blank.make_doc(text)
    lowercase_starts_forbidden = [doc[i].text for i in constraints.find(doc) if doc[i].text[:1].isalpha()]
    # after an abbreviation or a word: no new sentence; a web address, a list item after a line
    # break ("snellere") and a capitalised word may start one
    assert lowercase_starts_forbidden == ["bieden", "opvang", "i.p.v.", "tenten", "voor", "meer", "procedures",
                                          "bij", "de", "is", "het", "stil"]
    # switched off in the config, only punctuation constrains
    permissive = nlp.SentenceConstraints("sc", closing=["."], may_start=[], opening=[], straight_quotes=[],
                                         lowercase_may_start=True)
    assert [doc[i].text for i in permissive.find(doc)] == [".", ".", "."]


@needs_shipped
def test_shipped_pipeline_keeps_quotations_inside_their_sentence():
    pipeline = nlp.load_nlp(str(SHIPPED))
    assert pipeline.pipe_names.index("sentence_constraints") < pipeline.pipe_names.index("parser")
    texts = {
        # without the constraints the parser split after the opening quote
        'In een interview verklaarde zij: "Opvang is een plicht van elke gemeente." Daarna bleef het stil.':
            ['In een interview verklaarde zij: "Opvang is een plicht van elke gemeente."',
             "Daarna bleef het stil."],
        # ... and made the closing quote a sentence of its own
        ',,Wij kunnen dit niet alleen", zei de burgemeester. ,,Het Rijk moet helpen."':
            [',,Wij kunnen dit niet alleen", zei de burgemeester.', ',,Het Rijk moet helpen."'],
    }
    for text, sentences in texts.items():
        assert [s.text for s in pipeline(text).sents] == sentences


def test_sentence_constraints_keep_a_glued_apostrophe_with_its_word():
    blank = spacy.blank("nl")
    blank.add_pipe("sentencizer")
    nlp.add_sentence_constraints(blank)
    constraints = blank.get_pipe("sentence_constraints")
    doc = blank.make_doc("De azc’s zijn vol. ’s Avonds is het stil.")
    assert [t.text for t in doc][:3] == ["De", "azc", "’s"]
    cannot_start = [doc[i].text for i in constraints.find(doc) if doc[i].text[:1] in "'’"]
    # a plural or genitive glued to its word cannot start a sentence; "’s Avonds" after a space can
    assert cannot_start == ["’s"]


@needs_shipped
def test_shipped_pipeline_keeps_a_plural_with_an_apostrophe_in_its_sentence():
    pipeline = nlp.load_nlp(str(SHIPPED))
    # without the apostrophe rule the parser cut "In AZC || ’s komt meer aandacht ..."
    text = "In AZC’s komt meer aandacht voor LHBTI-asielzoekers. ’s Avonds is er begeleiding."
    assert [s.text for s in pipeline(text).sents] == ["In AZC’s komt meer aandacht voor LHBTI-asielzoekers.",
                                                       "’s Avonds is er begeleiding."]


@needs_shipped
def test_shipped_pipeline_does_not_start_a_sentence_with_a_lowercase_word():
    pipeline = nlp.load_nlp(str(SHIPPED))
    # without the lowercase rule the parser cut "zit || vol." (and, in a shorter text, "z.g. || noodopvang")
    text = "Ter Apel Het aanmeldcentrum zit vol. Daarom sliepen mensen buiten in het gras z.g. noodopvang was er niet."
    sentences = [s.text for s in pipeline(text).sents]
    assert "Het aanmeldcentrum zit vol." in sentences
    assert not any(s.startswith(("vol", "noodopvang")) for s in sentences)


@needs_shipped
def test_nlp_eval_scores_the_dev_split_and_stores_only_the_shipped_test_figures():
    dev = paths.shared_dir() / "ud" / "dev.conllu"
    if not dev.exists():
        pytest.skip("../shared/ud is not present")
    # --write would overwrite the card's test figures with another split's: refused before any work
    result = subprocess.run([sys.executable, "-m", "pipeline", "nlp-eval", "--split", "dev", "--write"],
                            capture_output=True, text=True, cwd=paths.REPO_ROOT)
    assert result.returncode == 2 and "shipped setting only" in result.stderr
    scores = nlp.evaluate_pipeline(split="dev", beam_width=4)
    words = sum(1 for line in dev.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#") and line.split("\t")[0].isdigit())
    assert scores["n_words"] == words
    assert scores["test_file"].startswith("dev.conllu") and "beam width 4" in scores["test_file"]
    assert 0 < scores["sents_f"] <= 1 and 0 < scores["dep_las"] <= 1
