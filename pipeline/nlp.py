"""The Dutch spaCy layer: which pipeline is loaded, and parsing texts with it in batches.

Selection order (first match wins; see `pipeline/config/nlp.yaml`):

1. a name passed to `load_nlp(name)` / `--model` on the command line,
2. the environment variable ``ASIEL_SPACY_MODEL``,
3. ``model`` in the config,
4. the first installed package of ``preferred_packages`` (``nl_core_news_md``, then ``nl_core_news_sm``),
5. the pipeline shipped with this project in ``models/nlp`` (trained on Dutch UD, see its MODEL_CARD),
6. otherwise `NlpModelMissing`, whose message says how to install a model.

Later stages must work with whichever pipeline was loaded. `capabilities(nlp)` tells them what it
has; the degradation rules are:

- no lemmatizer  -> use the lowercased form where a lemma is wanted (``token.lemma_`` is empty);
- no tagger/morphologizer -> POS-based rules are skipped;
- no parser -> dependency-based negation scope falls back to a token window in the sentence;
- no parser and no senter -> a rule-based ``sentencizer`` is added at load time, so sentences
  always exist;
- every pipeline gets the `sentence_constraints` component (typographic rules: no sentence starts with closing
  punctuation or right after an opening quote) in front of its parser, or after its senter/sentencizer.

Commands: ``train-nlp`` (reproduces models/nlp from ../shared/ud with spaCy's own training) and
``nlp-eval`` (prints the figures in models/nlp/MODEL_CARD.md).
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from . import paths, store

log = logging.getLogger(__name__)

ENV_MODEL = "ASIEL_SPACY_MODEL"
INSTALL_HELP = (
    "No Dutch spaCy pipeline found. Install the official one (needs internet):\n"
    "    pip install -e \".[md]\"        # or: python -m spacy download nl_core_news_md\n"
    "or restore the pipeline shipped in models/nlp (git checkout models/nlp), or train it:\n"
    "    python -m pipeline train-nlp\n"
    f"or name a pipeline folder or package with --model or ${ENV_MODEL}."
)


class NlpModelMissing(RuntimeError):
    """No usable Dutch spaCy pipeline could be found."""


@lru_cache(maxsize=1)
def config() -> dict:
    with open(paths.CONFIG_DIR / "nlp.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def shipped_path() -> Path:
    return paths.models_dir() / config()["shipped_dir"]


def _is_pipeline_dir(path: Path) -> bool:
    return (path / "meta.json").is_file() and (path / "config.cfg").is_file()


def _is_package(name: str) -> bool:
    import spacy.util

    return spacy.util.is_package(name)


def resolve_model_name(name: str | None = None) -> str:
    """The model that `load_nlp(name)` would load (package name or folder path), without loading it.

    >>> resolve_model_name()          # doctest: +SKIP
    '/home/me/asielstandpunten/models/nlp'
    """
    explicit = name or os.environ.get(ENV_MODEL) or config().get("model")
    if explicit:
        if _is_package(explicit) or _is_pipeline_dir(Path(explicit)):
            return str(Path(explicit).resolve()) if _is_pipeline_dir(Path(explicit)) else explicit
        raise NlpModelMissing(f"The spaCy pipeline {explicit!r} is neither an installed package "
                              f"nor a pipeline folder.\n" + INSTALL_HELP)
    for package in config().get("preferred_packages", []):
        if _is_package(package):
            return package
    if _is_pipeline_dir(shipped_path()):
        return str(shipped_path().resolve())
    raise NlpModelMissing(INSTALL_HELP)


def describe_model(name: str | None = None) -> dict:
    """Name, version and source of the model `load_nlp(name)` would use, read from its meta (no loading).

    Goes into every run's provenance.json and into `python -m pipeline --version`.
    """
    try:
        resolved = resolve_model_name(name)
    except NlpModelMissing:
        return {"name": None, "version": None, "source": "missing"}
    if _is_pipeline_dir(Path(resolved)):
        meta = json.loads((Path(resolved) / "meta.json").read_text(encoding="utf-8"))
        shipped = Path(resolved) == shipped_path().resolve()
        return {"name": f"{meta.get('lang', 'nl')}_{meta.get('name', 'pipeline')}",
                "version": meta.get("version"),
                "source": "shipped" if shipped else "path",
                "spacy_version": meta.get("spacy_version")}
    import spacy.util

    meta = _meta(resolved)
    return {"name": resolved, "version": spacy.util.get_package_version(resolved) or meta.get("version"),
            "source": "package", "spacy_version": meta.get("spacy_version")}


def _meta(model: str) -> dict:
    """meta.json of a pipeline folder or an installed pipeline package ({} when unreadable)."""
    import spacy.util

    folder = Path(model) if _is_pipeline_dir(Path(model)) else spacy.util.get_package_path(model)
    try:
        return json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _components_to_exclude(model: str, purpose: str) -> list[str]:
    keep = set(config()["keep_components"][purpose])
    return [pipe for pipe in _meta(model).get("pipeline", []) if pipe not in keep]


_SOURCES: dict[int, dict] = {}


def load_nlp(name: str | None = None, *, purpose: str = "full"):
    """Load the Dutch spaCy pipeline (cached per name and purpose in this process).

    `purpose="full"` keeps tagger/morphologizer, lemmatizer and parser; `"light"` drops the
    parser (sentences from senter or a sentencizer). NER and other unused components are excluded.

    >>> nlp = load_nlp()                                   # doctest: +SKIP
    >>> [t.lemma_ for t in nlp("We schaffen het tweestatusstelsel af.")]  # doctest: +SKIP
    ['we', 'schaffen', 'het', 'tweestatusstelsel', 'af', '.']
    """
    return _load(resolve_model_name(name), purpose)


class SentenceConstraints:
    """spaCy component: tokens that typography says cannot start a sentence get ``is_sent_start = False``.

    Runs in front of the parser, which keeps boundaries set before it, so the parser no longer splits
    before a full stop or right after an opening quote (see ``sentence_constraints`` in
    config/nlp.yaml for the punctuation, which is plain data). `find` computes the token indices,
    `set_annotations` writes them. A plain callable: spaCy's `nlp.pipe` applies it doc by doc with
    the pipeline's error handler, so one bad document does not stop a batch.
    """

    def __init__(self, name: str, closing: list[str], may_start: list[str], opening: list[str],
                 straight_quotes: list[str], lowercase_may_start: bool = True,
                 apostrophes: list[str] = ()):
        self.name = name
        self.closing = tuple(closing)
        self.may_start = frozenset(may_start)
        self.opening = frozenset(opening)
        self.straight_quotes = frozenset(straight_quotes)
        self.lowercase_may_start = lowercase_may_start
        self.apostrophes = tuple(apostrophes)

    def _closing_quote(self, doc, i: int) -> bool:
        # a straight quote glued to the word before it closes a quotation
        return doc[i].text in self.straight_quotes and not doc[i - 1].whitespace_

    def _after_opening(self, doc, i: int) -> bool:
        previous = doc[i - 1]
        if previous.text in self.opening:
            return True
        # a straight quote glued to this token, with a space (or nothing) before it, opens a quotation
        return (previous.text in self.straight_quotes and not previous.whitespace_
                and (i == 1 or bool(doc[i - 2].whitespace_)))

    def _glued_apostrophe(self, doc, i: int) -> bool:
        # "azc’s", "COA's": a plural or genitive glued to the word before it, not a quotation
        return bool(self.apostrophes) and doc[i].text.startswith(self.apostrophes) and not doc[i - 1].whitespace_

    def _lowercase_word(self, doc, i: int) -> bool:
        # Dutch sentences begin with a capital ('s-Gravenhage and 't begin with a quote); a lowercase
        # word after a line break is kept free: it may be an item of a list whose bullets were lost
        token, previous = doc[i], doc[i - 1]
        return (not self.lowercase_may_start and token.text[:1].islower() and not token.like_url
                and "\n" not in previous.text + previous.whitespace_)

    def find(self, doc) -> list[int]:
        """Indices of the tokens that cannot start a sentence (the first token always may)."""
        return [token.i for token in doc[1:]
                if (token.text.startswith(self.closing) and token.text not in self.may_start)
                or self._closing_quote(doc, token.i) or self._after_opening(doc, token.i)
                or self._lowercase_word(doc, token.i) or self._glued_apostrophe(doc, token.i)]

    def set_annotations(self, doc, indices: list[int]) -> None:
        for i in indices:
            doc[i].is_sent_start = False

    def __call__(self, doc):
        self.set_annotations(doc, self.find(doc))
        return doc


@lru_cache(maxsize=1)
def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("sentence_constraints"):
        Language.factory("sentence_constraints", default_config=dict(config()["sentence_constraints"]),
                         func=_make_sentence_constraints)


def _make_sentence_constraints(nlp, name: str, closing: list[str], may_start: list[str],
                               opening: list[str], straight_quotes: list[str],
                               lowercase_may_start: bool, apostrophes: list[str]) -> SentenceConstraints:
    return SentenceConstraints(name, closing=closing, may_start=may_start, opening=opening,
                               straight_quotes=straight_quotes, lowercase_may_start=lowercase_may_start,
                               apostrophes=apostrophes)


def add_sentence_constraints(nlp):
    """Put the `sentence_constraints` component where it takes effect: before the parser, or after senter/sentencizer.

    A pipeline that is already parsed cannot take new boundaries, hence the parser goes last. Returns nlp.
    """
    _register_components()
    if "sentence_constraints" in nlp.pipe_names:
        return nlp
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sentence_constraints", before="parser")
    elif any(pipe in nlp.pipe_names for pipe in ("senter", "sentencizer")):
        nlp.add_pipe("sentence_constraints", last=True)
    return nlp


@lru_cache(maxsize=4)
def _load(model: str, purpose: str):
    import spacy

    started = time.perf_counter()
    nlp = spacy.load(model, exclude=_components_to_exclude(model, purpose))
    if not any(pipe in nlp.pipe_names for pipe in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")  # sentences must always exist for the later stages
    add_sentence_constraints(nlp)
    nlp.max_length = max(nlp.max_length, int(config()["max_chars"]) + 1)
    info = describe_model(model)
    info.update(components=list(nlp.pipe_names), load_seconds=round(time.perf_counter() - started, 2))
    _SOURCES[id(nlp)] = info
    log.info("spaCy pipeline %s %s (%s) loaded in %.1f s: %s", info["name"], info["version"],
             info["source"], info["load_seconds"], ", ".join(nlp.pipe_names))
    return nlp


def model_info(nlp) -> dict:
    """`name`, `version`, `source` (package | shipped | path | blank) and `components` of a loaded pipeline."""
    if id(nlp) in _SOURCES:
        return dict(_SOURCES[id(nlp)])
    meta = nlp.meta
    return {"name": f"{meta.get('lang', nlp.lang)}_{meta.get('name', 'pipeline')}",
            "version": meta.get("version"), "source": "blank" if not nlp.pipe_names else "path",
            "components": list(nlp.pipe_names)}


def capabilities(nlp) -> dict[str, bool]:
    """What the loaded pipeline can annotate, so later stages can degrade (see module docstring)."""
    names = set(nlp.pipe_names)
    return {
        "lemmas": bool(names & {"lemmatizer", "trainable_lemmatizer"}),
        "pos": bool(names & {"tagger", "morphologizer"}),
        "parse": "parser" in names,
        "sentences": bool(names & {"parser", "senter", "sentencizer"}),
    }


def _clean(text) -> str:
    # NUL and other control bytes confuse nothing in spaCy but pollute evidence; cut giant inputs.
    text = "" if text is None else str(text)
    text = text.replace("\x00", " ")
    return text[: int(config()["max_chars"])]


def _parse_one(nlp, text: str):
    try:
        return nlp(text)
    except Exception as exc:  # one bad text must not stop a batch: keep it, tokenized only
        log.warning("spaCy failed on a text of %d chars (%s: %s); using tokens only",
                    len(text), type(exc).__name__, exc)
        try:
            doc = nlp.make_doc(text)
        except Exception:
            doc = nlp.make_doc("")
        return doc


def pipe(texts: Iterable[str], nlp=None, batch_size: int | None = None, n_process: int | None = None
         ) -> Iterator:
    """Parse texts in batches with `nlp.pipe`, yielding exactly one Doc per text, in order.

    A batch that raises is redone text by text; a text that still fails yields a tokenized-only Doc
    (logged), so one bad text never stops or misaligns a batch.

    >>> docs = list(pipe(["Geen kinderen in detentie.", "De opvang moet beter."]))  # doctest: +SKIP
    """
    nlp = nlp if nlp is not None else load_nlp()
    batch_size = batch_size or int(config()["batch_size"])
    n_process = n_process or int(config()["n_process"])
    texts = (_clean(text) for text in texts)
    if n_process > 1:
        # multiprocessing: spaCy's own error handler logs and we pad the gaps by re-parsing
        batch = list(texts)
        try:
            docs = list(nlp.pipe(batch, batch_size=batch_size, n_process=n_process))
            if len(docs) == len(batch):
                yield from docs
                return
        except Exception as exc:
            log.warning("multi-process parse failed (%s); parsing in this process", exc)
        yield from pipe(batch, nlp=nlp, batch_size=batch_size, n_process=1)
        return
    from spacy.util import minibatch

    for batch in minibatch(texts, size=batch_size):
        try:
            docs = list(nlp.pipe(batch, batch_size=batch_size))
        except Exception:
            docs = [_parse_one(nlp, text) for text in batch]
        yield from docs


# --------------------------------------------------------------------------------------------
# Training and evaluation of the shipped pipeline (reproduces models/nlp and its model card).

TRAINING_DIR = paths.REPO_ROOT / "training" / "nlp"
UD_FILES = {"train": ["train.conllu", "train-older-annotation.conllu"], "dev": ["dev.conllu"],
            "test": ["test.conllu"]}


def _training_config() -> dict:
    """The `training` section of config/nlp.yaml (repeats of the UD files, version of the pipeline)."""
    return config().get("training") or {}


def _train_repeats() -> dict[str, int]:
    """How often each UD train file enters the training data (config/nlp.yaml `training.repeat`)."""
    return {name: int(n) for name, n in (_training_config().get("repeat") or {}).items()}


def _finetune_config() -> dict:
    """The `training.finetune` section of config/nlp.yaml (stage 2: which train files, how many steps)."""
    return _training_config().get("finetune") or {}


def convert_ud(corpus_dir: Path | None = None, ud_dir: Path | None = None) -> Path:
    """Convert ../shared/ud/*.conllu to spaCy's binary format (10 sentences per doc, so the parser
    learns sentence boundaries): corpus/train/ (both train files, each repeated as configured in
    config/nlp.yaml; stage 1), corpus/finetune/ (the files of `training.finetune.files`; stage 2),
    corpus/dev.spacy, corpus/test.spacy."""
    ud_dir = ud_dir or paths.shared_dir() / "ud"
    corpus_dir = corpus_dir or TRAINING_DIR / "corpus"
    repeats = _train_repeats()
    for split, files in UD_FILES.items():
        target = corpus_dir / "train" if split == "train" else corpus_dir
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            source = ud_dir / name
            if not source.exists():
                raise FileNotFoundError(f"{source} is missing: the UD treebank is needed to train")
            subprocess.run([sys.executable, "-m", "spacy", "convert", str(source), str(target),
                            "--converter", "conllu", "--n-sents", "10"], check=True,
                           stdout=subprocess.DEVNULL)
            if split == "train":
                # spaCy's corpus reader takes every .spacy file in the folder: extra copies upweight a file
                converted = target / (Path(name).stem + ".spacy")
                for old_copy in target.glob(Path(name).stem + ".repeat*.spacy"):
                    old_copy.unlink()
                for k in range(2, repeats.get(name, 1) + 1):
                    shutil.copyfile(converted, target / f"{Path(name).stem}.repeat{k}.spacy")
    finetune = corpus_dir / "finetune"
    shutil.rmtree(finetune, ignore_errors=True)
    finetune.mkdir(parents=True)
    for name in _finetune_config().get("files") or []:
        shutil.copyfile(corpus_dir / "train" / (Path(name).stem + ".spacy"), finetune / (Path(name).stem + ".spacy"))
    return corpus_dir


def evaluate_pipeline(model: str | Path | None = None, test_path: Path | None = None, split: str = "test",
                      beam_width: int = 1) -> dict:
    """Accuracy on a UD split (test by default) plus speed; the figures of models/nlp/MODEL_CARD.md.
    `beam_width` > 1 lets the parser decode with beam search (an experiment: the shipped parser was
    trained greedily and the product parses greedily)."""
    import spacy
    from spacy.training import Corpus

    model = str(model or shipped_path())
    test_path = test_path or TRAINING_DIR / "corpus" / f"{split}.spacy"
    if not Path(test_path).exists():
        convert_ud(Path(test_path).parent)
    started = time.perf_counter()
    nlp = add_sentence_constraints(spacy.load(model))  # evaluated as the product loads it
    load_seconds = time.perf_counter() - started
    if beam_width > 1 and "parser" in nlp.pipe_names:
        nlp.get_pipe("parser").cfg["beam_width"] = beam_width
    examples = list(Corpus(str(test_path))(nlp))
    scores = nlp.evaluate(examples)
    texts = [eg.reference.text for eg in examples]
    n_words = sum(len(eg.reference) for eg in examples)

    def words_per_second(pipeline) -> float:
        started = time.perf_counter()
        for _ in pipeline.pipe(texts, batch_size=64):
            pass
        return n_words / (time.perf_counter() - started)

    return {
        "model": describe_model(model) | {"components": nlp.pipe_names},
        "test_file": f"{Path(test_path).stem}.conllu (UD Dutch Alpino + LassySmall {Path(test_path).stem})"
                     + (f", parser beam width {beam_width}" if beam_width > 1 else ""),
        "n_words": n_words,
        "pos_acc": round(scores["pos_acc"], 3),
        "morph_acc": round(scores["morph_acc"], 3),
        "dep_uas": round(scores["dep_uas"], 3),
        "dep_las": round(scores["dep_las"], 3),
        "lemma_acc": round(scores["lemma_acc"], 3),
        "sents_f": round(scores["sents_f"], 3),
        "load_seconds": round(load_seconds, 2),
        "words_per_second": round(words_per_second(nlp)),
        "blank_tokenizer_words_per_second": round(words_per_second(spacy.blank("nl"))),
        "size_mb": round(sum(f.stat().st_size for f in Path(model).rglob("*") if f.is_file()) / 1e6, 1)
        if Path(model).is_dir() else None,
    }


def format_scores(scores: dict) -> str:
    model = scores["model"]
    return "\n".join([
        f"model: {model['name']} {model['version']} ({model['source']}): {', '.join(model['components'])}",
        f"test: {scores['test_file']}, {scores['n_words']} words",
        f"POS accuracy      {scores['pos_acc']:.3f}",
        f"morph accuracy    {scores['morph_acc']:.3f}",
        f"UAS               {scores['dep_uas']:.3f}",
        f"LAS               {scores['dep_las']:.3f}",
        f"lemma accuracy    {scores['lemma_acc']:.3f}",
        f"sentence F        {scores['sents_f']:.3f}",
        f"load time         {scores['load_seconds']:.2f} s",
        f"speed (nlp.pipe)  {scores['words_per_second']} words/s "
        f"(blank nl tokenizer: {scores['blank_tokenizer_words_per_second']} words/s)",
        f"size              {scores['size_mb']} MB",
    ])


def train_pipeline(output: Path | None = None, max_steps: int | None = None) -> dict:
    """Reproduce models/nlp in two stages with spaCy's own training, then evaluate on test and write
    models/nlp/scores.json.

    1. `spacy train training/nlp/config.cfg`: all components from scratch on both UD train files.
    2. `spacy train training/nlp/finetune.cfg`: stage 1's best checkpoint, sourced, trained further
       at a lower learning rate on the current-annotation file only (the annotation of the test
       split); `training/nlp/functions.py` repairs the sourced lemmatizer (see there).
    `max_steps` caps both stages (for a quick check of the recipe)."""
    corpus = convert_ud()
    output = output or shipped_path()
    work = TRAINING_DIR / "output"
    stage1, stage2 = work / "stage1", work / "stage2"
    common = ["--paths.dev", str(corpus / "dev.spacy"), "--nlp.batch_size", "256"]
    command = [sys.executable, "-m", "spacy", "train", str(TRAINING_DIR / "config.cfg"), "--output", str(stage1),
               "--paths.train", str(corpus / "train"), *common]
    if max_steps:
        command += ["--training.max_steps", str(max_steps)]
    log.info("training, stage 1: %s", " ".join(command))
    subprocess.run(command, check=True, cwd=paths.REPO_ROOT)
    steps = int(max_steps or _finetune_config().get("steps", 4000))
    command = [sys.executable, "-m", "spacy", "train", str(TRAINING_DIR / "finetune.cfg"), "--output", str(stage2),
               "--code", str(TRAINING_DIR / "functions.py"), "--paths.base", str(stage1 / "model-best"),
               "--paths.train", str(corpus / "finetune"), *common,
               "--training.max_steps", str(steps), "--training.optimizer.learn_rate.total_steps", str(steps)]
    log.info("training, stage 2: %s", " ".join(command))
    subprocess.run(command, check=True, cwd=paths.REPO_ROOT)
    finalize_model(stage2 / "model-best", output)
    scores = evaluate_pipeline(output, corpus / "test.spacy")
    store.write_json(scores, output / "scores.json")
    return scores


def finalize_model(best: Path, output: Path) -> None:
    """Copy the best checkpoint into the shipped folder with the project's name and licence."""
    tmp = output.with_name(output.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(best, tmp)
    meta_path = tmp / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    version = str(_training_config().get("version", "1.0.0"))
    meta.update(name="ud_asielstandpunten", version=version, license="CC BY-SA 4.0",
                author="asielstandpunten project",
                description="Dutch pipeline (tok2vec, morphologizer, parser, trainable lemmatizer) "
                            "trained on UD Dutch Alpino + LassySmall (CC BY-SA 4.0).",
                sources=[{"name": "UD_Dutch-Alpino", "url":
                          "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
                          "license": "CC BY-SA 4.0"},
                         {"name": "UD_Dutch-LassySmall", "url":
                          "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
                          "license": "CC BY-SA 4.0"}])
    meta.pop("performance", None)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # the training-only callback of stage 2 (training/nlp/functions.py) is not needed to load or
    # re-initialise the shipped pipeline: the config must not name it
    from thinc.api import Config
    pipeline_config = Config().from_disk(tmp / "config.cfg", interpolate=False)
    pipeline_config["initialize"]["after_init"] = None
    pipeline_config.to_disk(tmp / "config.cfg")
    for keep in ("MODEL_CARD.md", "scores.json"):
        if (output / keep).exists():
            shutil.copy2(output / keep, tmp / keep)
    if output.exists():
        shutil.rmtree(output)
    tmp.rename(output)


def register_cli(sub) -> None:
    train = sub.add_parser("train-nlp", help="train the shipped Dutch spaCy pipeline from ../shared/ud")
    train.add_argument("--out", type=Path, default=None, help="pipeline folder (default models/nlp)")
    train.add_argument("--max-steps", type=int, default=None,
                       help="cap the steps of both stages (a quick check of the recipe, not a model)")
    train.set_defaults(func=_cmd_train)
    evaluate = sub.add_parser("nlp-eval", help="accuracy and speed of a spaCy pipeline on UD test")
    evaluate.add_argument("--model", default=None, help="package or folder (default models/nlp)")
    evaluate.add_argument("--write", action="store_true", help="also write models/nlp/scores.json")
    evaluate.add_argument("--split", choices=["test", "dev"], default="test",
                          help="UD split to score (default test; dev is what model selection used)")
    evaluate.add_argument("--beam-width", type=int, default=1,
                          help="decode the parser with beam search of this width (an experiment; default 1, greedy)")
    evaluate.set_defaults(func=_cmd_eval)


def _cmd_train(args) -> int:
    scores = train_pipeline(args.out, args.max_steps)
    print(format_scores(scores))
    return 0


def _cmd_eval(args) -> int:
    if not (paths.shared_dir() / "ud" / "test.conllu").exists() and \
            not (TRAINING_DIR / "corpus" / "test.spacy").exists():
        print(f"error: {paths.shared_dir() / 'ud'} is missing (needed for the UD test split)",
              file=sys.stderr)
        return 1
    if args.write and (args.split != "test" or args.beam_width > 1):
        print("error: --write stores the test figures of the shipped setting only", file=sys.stderr)
        return 2
    scores = evaluate_pipeline(args.model, split=args.split, beam_width=args.beam_width)
    print(format_scores(scores))
    if args.write:
        store.write_json(scores, shipped_path() / "scores.json")
    return 0
