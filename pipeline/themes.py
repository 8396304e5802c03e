"""Themes: the probability that a passage is about each of the letter's five themes T1..T5.

Input: passages (a DataFrame with at least `text`; optional `doc_type`, `level`, `clause_type`,
`heading_path`, `title`). Output: `theme_T1..theme_T5` in [0, 1], calibrated so that a theme
counts as assigned when its probability is >= 0.5 (the per-theme decision thresholds, chosen by
grouped cross-validation inside `fit`, are folded into the calibration).

Method (one multi-label `ThemeClassifier`, scikit-learn conventions):
  features  word 1-2-grams (TF-IDF, sublinear; character n-grams optional, off in config) over "title + text",
            plus a small dense block: per-theme lexicon hits in the text and in the heading path
            (config/themes.yaml), asylum-anchor hits, doc_type/level indicators, and per theme the number
            of the letter's demands named (the stance catalogue's targets, `DemandTargetFeatures`). Raw text only, no
            spaCy, so the model does not depend on which Dutch pipeline a user has installed.
  classifier one L2 logistic regression per theme (class-balanced).
  calibration Platt scaling on out-of-fold decision scores (grouped inner folds), then the
            F1-optimal threshold t on those calibrated scores is folded in: p' = sigmoid(logit(p) - logit(t)).
  training  the adjudicated dev passages (weight 1); optionally (config `weak.enabled`, off in the
            shipped model because it lowered the grouped-CV figures) a weak-supervision pool of corpus
            motions labelled by the lexicon rules of config/themes.yaml (weight 0.3, see `weak_pool`).

The author's party is never read: the feature builder only looks at the columns listed above.

Persistence: skops (no pickle) + a sha256 checked on load.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import math
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import yaml
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from . import schemas
from .paths import CONFIG_DIR, has_shared, models_dir, shared_dir

THEMES = schemas.THEMES
THEME_COLUMNS = schemas.THEME_COLUMNS
OPTIONAL_COLUMNS = ["doc_type", "level", "clause_type", "heading_path", "title"]
MODEL_FILE = "model.skops"
HASH_FILE = "model.sha256"


@functools.lru_cache(maxsize=1)
def load_config() -> dict:
    with open(CONFIG_DIR / "themes.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def keep_other_theme_from() -> float:
    """The theme probability a passage with stances needs to keep a theme none of its stances names
    (`themes_follow_stances` in config/themes.yaml; see `stance.align_themes_with_stances`). Without
    the setting every such theme goes: 1.01 is above any probability."""
    return float(load_config().get("themes_follow_stances", {}).get("keep_other_theme_from", 1.01))


# ---------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------

def passage_frame(X) -> pd.DataFrame:
    """The columns the theme model reads, with missing optional columns filled in ('' / None).

    Only `text` and OPTIONAL_COLUMNS are copied: a `party` column, if present, is never read.
    """
    if isinstance(X, pd.Series):
        X = X.to_frame("text")
    if not isinstance(X, pd.DataFrame):
        X = pd.DataFrame({"text": list(X)})
    if "text" not in X.columns:
        raise ValueError("themes: input needs a 'text' column")
    out = pd.DataFrame(index=X.index)
    out["text"] = X["text"].fillna("").astype(str)
    for col in OPTIONAL_COLUMNS:
        out[col] = X[col].fillna("").astype(str) if col in X.columns else ""
    # motion title and passage text together: the title ("Motie ... over <subject>") names the subject
    out["view_text"] = (out["title"] + " \n " + out["text"]).str.lower()
    return out


def _compile(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"\b(?:{p})" for p in patterns), re.IGNORECASE)


class LexiconFeatures(BaseEstimator, TransformerMixin):
    """Dense lexicon block: per theme log1p(hits in text), per theme [hits in heading path],
    log1p(asylum-anchor hits in text), [anchor in heading], [doc_type == motion], [level == clause].

    Patterns are plain data (config/themes.yaml); `lexicon=None` takes them from there.
    """

    def __init__(self, lexicon=None, anchor=None):
        self.lexicon = lexicon
        self.anchor = anchor

    def fit(self, X, y=None):
        cfg = load_config()
        lexicon = self.lexicon if self.lexicon is not None else cfg["lexicon"]
        anchor = self.anchor if self.anchor is not None else cfg["asylum_anchor"]
        self.themes_ = [t for t in THEMES]
        self.patterns_ = {t: list(lexicon.get(t, [])) for t in self.themes_}
        self.anchor_patterns_ = list(anchor)
        self.n_features_out_ = 2 * len(self.themes_) + 4
        return self

    @functools.cached_property
    def _regexes(self):
        return [_compile(self.patterns_[t]) for t in self.themes_], _compile(self.anchor_patterns_)

    def transform(self, X):
        frame = X if isinstance(X, pd.DataFrame) else passage_frame(X)
        theme_res, anchor_re = self._regexes
        text = frame["text"].fillna("").astype(str)
        heading = frame["heading_path"].fillna("").astype(str)
        cols = []
        for rx in theme_res:
            cols.append(np.log1p(text.str.count(rx).to_numpy(dtype=float)))
        for rx in theme_res:
            cols.append((heading.str.count(rx).to_numpy() > 0).astype(float))
        cols.append(np.log1p(text.str.count(anchor_re).to_numpy(dtype=float)))
        cols.append((heading.str.count(anchor_re).to_numpy() > 0).astype(float))
        cols.append((frame["doc_type"].astype(str) == "motion").to_numpy(dtype=float))
        cols.append((frame["level"].astype(str) == "clause").to_numpy(dtype=float))
        return sp.csr_matrix(np.column_stack(cols))

    def get_feature_names_out(self, input_features=None):
        names = [f"lex_{t}" for t in self.themes_] + [f"head_{t}" for t in self.themes_]
        return np.array(names + ["anchor", "head_anchor", "is_motion", "is_clause"], dtype=object)

    def __getstate__(self):
        # compiled regexes are a cache, not state: keep them out of the saved model
        state = dict(self.__dict__)
        state.pop("_regexes", None)
        return state


class DemandTargetFeatures(BaseEstimator, TransformerMixin):
    """Per theme, log1p(number of the letter's demands of that theme whose targets occur in the text).

    The targets are the stance stage's demand catalogue (config/demands.yaml: the one list of what
    each demand is about), read here as plain surface regexes, no spaCy. As in the stance stage,
    a target not marked `specific` only counts when the passage, its heading path or its title is
    about asylum/migration at all (the catalogue's `domain` words). The patterns are copied into
    the fitted transformer, so a saved model keeps the catalogue it was trained with.
    `catalogue_path=None` reads the package's catalogue.
    """

    def __init__(self, catalogue_path=None):
        self.catalogue_path = catalogue_path

    def fit(self, X, y=None):
        from .stance_rules import load_catalogue  # the catalogue is shared config, read as data

        catalogue = load_catalogue(self.catalogue_path)
        self.themes_ = list(THEMES)
        # per demand: its theme, its specific target patterns, its broad (domain-gated) patterns
        self.demands_ = [[d.theme, [t.pattern for t in d.targets if t.specific],
                          [t.pattern for t in d.targets if not t.specific]] for d in catalogue]
        self.domain_pattern_ = catalogue.domain.pattern if catalogue.domain is not None else ""
        self.n_features_out_ = len(self.themes_)
        return self

    @functools.cached_property
    def _regexes(self):
        domain = re.compile(self.domain_pattern_, re.IGNORECASE) if self.domain_pattern_ else None
        return [(self.themes_.index(theme), _compile(spec) if spec else None, _compile(broad) if broad else None)
                for theme, spec, broad in self.demands_], domain

    @staticmethod
    def _columns(X):
        frame = X if isinstance(X, pd.DataFrame) else passage_frame(X)
        return zip(*(frame[c].fillna("").astype(str) for c in ("text", "title", "heading_path")))

    def transform(self, X):
        demands, domain = self._regexes
        rows = []
        for text, title, heading in self._columns(X):
            domain_words = domain is None or bool(domain.search(f"{title} {heading} {text}"))
            counts = np.zeros(len(self.themes_))
            for k, specific, broad in demands:
                if (specific is not None and specific.search(text)) or \
                        (domain_words and broad is not None and broad.search(text)):
                    counts[k] += 1
            rows.append(counts)
        return sp.csr_matrix(np.log1p(np.array(rows).reshape(-1, len(self.themes_))))

    def in_domain(self, X) -> np.ndarray:
        """Is each passage about asylum/migration at all: a domain word in its text, heading path or
        title, or a target that names an asylum measure by itself. Stops at the first hit, so it costs
        little next to `transform`."""
        demands, domain = self._regexes
        specifics = [specific for _, specific, _ in demands if specific is not None]
        return np.array([domain is None or bool(domain.search(f"{title} {heading} {text}"))
                         or any(specific.search(text) for specific in specifics)
                         for text, title, heading in self._columns(X)], dtype=bool)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"demands_{t}" for t in self.themes_], dtype=object)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_regexes", None)
        return state


def build_features(word_ngrams=(1, 2), char_ngrams=(3, 5), min_df=2, max_word_features=50000,
                   max_char_features=80000, lexicon=None, anchor=None,
                   demand_targets=True) -> ColumnTransformer:
    """Sparse feature matrix from a `passage_frame`: word + char TF-IDF over view_text, lexicon block,
    demand-target block (optional)."""
    blocks = [("word", TfidfVectorizer(ngram_range=tuple(word_ngrams), min_df=min_df, sublinear_tf=True,
                                       max_features=max_word_features, dtype=np.float32), "view_text")]
    if char_ngrams:  # None / empty switches the character block off
        blocks.append(("char", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams), min_df=min_df,
                                               sublinear_tf=True, max_features=max_char_features,
                                               dtype=np.float32), "view_text"))
    blocks.append(("lexicon", LexiconFeatures(lexicon=lexicon, anchor=anchor),
                   ["text", "heading_path", "doc_type", "level"]))
    if demand_targets:
        blocks.append(("demands", DemandTargetFeatures(), ["text", "title", "heading_path"]))
    return ColumnTransformer(blocks, sparse_threshold=1.0)


# ---------------------------------------------------------------------------------------------
# Estimator
# ---------------------------------------------------------------------------------------------

def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


def _logit(p):
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _best_threshold(y, p, grid) -> float:
    """The threshold on calibrated scores that maximises F1 (ties: the one closest to 0.5)."""
    best, best_f1 = 0.5, -1.0
    for t in np.arange(*grid):
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        fp = float(np.sum(pred & (y == 0)))
        fn = float(np.sum(~pred & (y == 1)))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1 + 1e-9 or (abs(f1 - best_f1) <= 1e-9 and abs(t - 0.5) < abs(best - 0.5)):
            best, best_f1 = float(t), f1
    return best


class ThemeClassifier(BaseEstimator, ClassifierMixin):
    """Multi-label theme classifier; `predict_proba(X)` is (n, 5), >= 0.5 means assigned.

    fit(X, Y, groups=None, sample_weight=None, calibration_mask=None):
      X  DataFrame with `text` (+ optional columns, see module doc); Y (n, 5) 0/1 for T1..T5;
      groups  document of each row, so the inner calibration folds never split a document;
      sample_weight  per-row weight (weak labels < 1);
      calibration_mask  rows whose out-of-fold scores set the calibration and thresholds
      (default: all rows; train_model passes the gold rows only).
    """

    def __init__(self, word_ngrams=(1, 2), char_ngrams=(3, 5), min_df=2, max_word_features=50000,
                 max_char_features=80000, C=4.0, class_weight="balanced", calibration_folds=4,
                 threshold_grid=(0.15, 0.85, 0.01), lexicon=None, anchor=None, demand_targets=True,
                 domain_gate=True, random_state=0):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.C = C
        self.class_weight = class_weight
        self.calibration_folds = calibration_folds
        self.threshold_grid = threshold_grid
        self.lexicon = lexicon
        self.anchor = anchor
        self.demand_targets = demand_targets
        self.domain_gate = domain_gate
        self.random_state = random_state

    @classmethod
    def from_config(cls, **overrides) -> "ThemeClassifier":
        params = dict(load_config()["model"])
        params.update(overrides)
        return cls(**params)

    def _new_logreg(self):
        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear", max_iter=1000)

    def fit(self, X, Y, groups=None, sample_weight=None, calibration_mask=None):
        frame = passage_frame(X)
        Y = np.asarray(Y, dtype=int)
        if Y.shape != (len(frame), len(THEMES)):
            raise ValueError(f"Y must be (n, {len(THEMES)}), got {Y.shape}")
        n = len(frame)
        weight = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        groups = np.arange(n) if groups is None else np.asarray(groups)
        calib = np.ones(n, dtype=bool) if calibration_mask is None else np.asarray(calibration_mask, dtype=bool)

        self.features_ = build_features(self.word_ngrams, self.char_ngrams, self.min_df,
                                        self.max_word_features, self.max_char_features,
                                        self.lexicon, self.anchor, self.demand_targets)
        matrix = self.features_.fit_transform(frame).tocsr()

        # out-of-fold decision scores (grouped) -> Platt scaling + threshold per theme
        n_folds = min(self.calibration_folds, len(np.unique(groups)))
        oof = np.zeros((n, len(THEMES)))
        splitter = GroupKFold(n_splits=n_folds, shuffle=True, random_state=self.random_state)
        for train_idx, test_idx in splitter.split(matrix, groups=groups):
            for k in range(len(THEMES)):
                y = Y[train_idx, k]
                if y.min() == y.max():
                    oof[test_idx, k] = -5.0 if y.max() == 0 else 5.0
                    continue
                clf = self._new_logreg().fit(matrix[train_idx], y, sample_weight=weight[train_idx])
                oof[test_idx, k] = clf.decision_function(matrix[test_idx])

        self.estimators_, self.platt_, self.thresholds_ = [], [], []
        for k in range(len(THEMES)):
            y = Y[:, k]
            self.estimators_.append(self._new_logreg().fit(matrix, y, sample_weight=weight))
            platt = LogisticRegression(C=1e4).fit(oof[calib, k:k + 1], y[calib])
            a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
            threshold = _best_threshold(y[calib], _sigmoid(a * oof[calib, k] + b), self.threshold_grid)
            self.platt_.append([a, b])
            self.thresholds_.append(threshold)
        self.platt_ = np.array(self.platt_)
        self.thresholds_ = np.array(self.thresholds_)
        # fold the threshold into the intercept: p' = sigmoid(a*s + b - logit(t)), so p' >= 0.5 <=> p >= t
        self.intercepts_ = self.platt_[:, 1] - np.array([_logit(t) for t in self.thresholds_])
        self.classes_ = np.array(THEMES)
        return self

    def decision_function(self, X) -> np.ndarray:
        matrix = self.features_.transform(passage_frame(X)).tocsr()
        return np.column_stack([est.decision_function(matrix) for est in self.estimators_])

    def predict_proba(self, X) -> np.ndarray:
        if len(X) == 0:
            return np.zeros((0, len(THEMES)))
        scores = self.decision_function(X)
        proba = _sigmoid(scores * self.platt_[:, 0] + self.intercepts_)
        if self.domain_gate and "demands" in self.features_.named_transformers_:
            # a passage without any asylum/migration word is about none of the letter's themes
            # ("vluchten" at Schiphol, victims of human trafficking): halved, so never >= 0.5
            outside = ~self.features_.named_transformers_["demands"].in_domain(passage_frame(X))
            proba[outside] *= 0.5
        return proba

    def predict(self, X) -> np.ndarray:
        return self.predict_proba(X) >= 0.5


# ---------------------------------------------------------------------------------------------
# Data: the labelled dev passages and the weak-supervision pool
# ---------------------------------------------------------------------------------------------

def document_of(passage_id: str, doc_type: str | None = None) -> str:
    """Document a dev passage belongs to: `prog2023-JA21-17931` -> `prog2023-JA21`,
    `motie-kst-32317-941` -> `kst-32317-941` (the corpus motion id)."""
    if passage_id.startswith("prog") or doc_type == "programme":
        return passage_id.rsplit("-", 1)[0]
    return passage_id[len("motie-"):] if passage_id.startswith("motie-") else passage_id


def load_gold(path=None) -> pd.DataFrame:
    """Labelled passages (dev.jsonl format) as a frame: id, text, doc_type, level, title,
    heading_path, document, T1..T5 (0/1)."""
    path = Path(path) if path else shared_dir() / "eval" / "dev.jsonl"
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            doc_type = r.get("doc_type") or ("motion" if str(r["id"]).startswith("motie") else "programme")
            themes = set(r.get("themes") or [])
            rows.append({
                "id": str(r["id"]), "text": r.get("text") or "", "doc_type": doc_type,
                "level": "document" if doc_type == "motion" else "paragraph",
                "title": r.get("title") or "", "heading_path": r.get("heading") or "",
                "document": document_of(str(r["id"]), doc_type),
                **{t: int(t in themes) for t in THEMES},
            })
    return pd.DataFrame(rows)


def _motions_path() -> Path:
    return shared_dir() / "corpus" / "motions" / "motions.jsonl"


def weak_pool(exclude_documents=(), config=None) -> pd.DataFrame:
    """Corpus motions labelled by the rules of config/themes.yaml (`weak:`), as a frame like
    `load_gold` plus `weight`. Documents in `exclude_documents` (corpus motion ids) are left out.

    The labels come only from the motion's text/title and dossier, never from its votes or party.
    """
    cfg = config or load_config()
    rules = cfg["weak"]
    anchor_re = _compile(cfg["asylum_anchor"])
    theme_res = {t: _compile(cfg["lexicon"][t]) for t in THEMES}
    ambiguous_re = _compile(rules["ambiguous_words"])
    excluded = set(exclude_documents)
    positives, negatives, ambiguous_negatives = [], [], []
    with open(_motions_path(), encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in excluded or not r.get("text"):
                continue
            text = " ".join(r["text"].split())
            title = r.get("title") or ""
            row = {"id": r["id"], "text": text, "doc_type": "motion", "level": "document",
                   "title": title, "heading_path": "", "document": r["id"]}
            anchors = len(anchor_re.findall(text)) + len(anchor_re.findall(title))
            dossier = (r.get("dossier") or "").split("-")[0]
            if anchors == 0:
                row.update({t: 0 for t in THEMES})
                (ambiguous_negatives if ambiguous_re.search(text) else negatives).append(row)
                continue
            if dossier not in rules["asylum_dossiers"] and anchors < rules["min_anchor"]:
                continue
            hits = {t: len(theme_res[t].findall(text)) for t in THEMES}
            labels = {t: int(hits[t] >= rules["min_theme_hits"]) for t in THEMES}
            if any(labels.values()):
                row.update(labels)
                positives.append(row)
    rng = np.random.default_rng(rules["seed"])

    def sample(rows, k):
        if len(rows) <= k:
            return rows
        return [rows[i] for i in sorted(rng.choice(len(rows), size=k, replace=False))]

    chosen, seen = [], set()
    for t in THEMES:  # cap per theme so the common themes do not swamp the pool
        for row in sample([r for r in positives if r[t]], rules["max_positive_per_theme"]):
            if row["id"] not in seen:
                seen.add(row["id"])
                chosen.append(row)
    chosen += sample(ambiguous_negatives, rules["max_ambiguous_negative"])
    chosen += sample(negatives, rules["max_negative"])
    pool = pd.DataFrame(chosen)
    pool["weight"] = float(rules["weight"])
    return pool


def _weak_enabled(use_weak) -> bool:
    return bool(load_config()["weak"].get("enabled", False)) if use_weak is None else bool(use_weak)


def training_frame(gold: pd.DataFrame, use_weak=None, exclude_documents=()) -> pd.DataFrame:
    """Gold rows (weight 1, is_gold) + the weak pool without any gold document or excluded document.
    use_weak=None follows config `weak.enabled`."""
    gold = gold.assign(weight=1.0, is_gold=True)
    use_weak = _weak_enabled(use_weak)
    if not use_weak or not has_shared():
        return gold
    exclude = set(gold["document"]) | set(exclude_documents)
    pool = weak_pool(exclude_documents=exclude).assign(is_gold=False)
    return pd.concat([gold, pool], ignore_index=True)


def _fit(train: pd.DataFrame, **params) -> ThemeClassifier:
    model = ThemeClassifier.from_config(**params)
    return model.fit(train, train[THEMES].to_numpy(), groups=train["document"].to_numpy(),
                     sample_weight=train["weight"].to_numpy(), calibration_mask=train["is_gold"].to_numpy())


# ---------------------------------------------------------------------------------------------
# Scoring, cross-validation
# ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _score_module():
    """The shared scorer (../shared/eval/score.py), loaded at run time so the figures are its figures."""
    spec = importlib.util.spec_from_file_location("shared_score", shared_dir() / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_probabilities(gold: pd.DataFrame, proba: np.ndarray) -> dict:
    """Theme figures of score.py for probabilities aligned with `gold` rows."""
    gold_rows = {r.id: {"id": r.id, "themes": [t for t in THEMES if getattr(r, t)]} for r in gold.itertuples()}
    pred_rows = {i: {"id": i, "themes": {t: float(p) for t, p in zip(THEMES, row)}}
                 for i, row in zip(gold["id"], proba)}
    res = _score_module().score(gold_rows, pred_rows)
    return {k: res[k] for k in ("n", "theme_micro_f1", "theme_macro_f1", "theme_f1", "relevance_f1")}


def cross_val_proba(n_splits=5, seed=0, use_weak=None, gold=None, **params) -> pd.DataFrame:
    """Out-of-fold theme probabilities for every dev passage, folds grouped by document.

    Everything learned (vocabulary, weights, calibration, thresholds) is refit inside each fold;
    the held-out fold's documents are excluded from the weak pool too. Index: dev id.
    """
    gold = load_gold() if gold is None else gold
    out = np.zeros((len(gold), len(THEMES)))
    splitter = GroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(gold, groups=gold["document"]):
        held_out = set(gold["document"].iloc[test_idx])
        train = training_frame(gold.iloc[train_idx], use_weak=use_weak, exclude_documents=held_out)
        model = _fit(train, **params)
        out[test_idx] = model.predict_proba(gold.iloc[test_idx])
    return pd.DataFrame(out, index=pd.Index(gold["id"], name="id"), columns=THEME_COLUMNS)


def cross_validate(n_splits=5, seed=0, use_weak=None, proba=None, **params) -> dict:
    """Grouped-by-document cross-validated figures on dev.jsonl (keys as score.py). `proba`: the
    `cross_val_proba` output for these settings when the caller already has it."""
    gold = load_gold()
    if proba is None:
        proba = cross_val_proba(n_splits=n_splits, seed=seed, use_weak=use_weak, gold=gold, **params)
    res = score_probabilities(gold, proba.loc[gold["id"]].to_numpy())
    res.update({"n_splits": n_splits, "seed": seed, "grouped_by": "document",
                "weak_supervision": _weak_enabled(use_weak)})
    return res


# ---------------------------------------------------------------------------------------------
# Persistence
# ---------------------------------------------------------------------------------------------

_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.", "pipeline.themes.", "re.")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_model(model: ThemeClassifier, directory=None) -> Path:
    """Write model.skops (no pickle) and its sha256 into `directory` (default models/themes)."""
    import skops.io as sio

    directory = Path(directory) if directory else models_dir() / "themes"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    tmp = path.with_suffix(".tmp")
    sio.dump(model, tmp)
    tmp.replace(path)
    (directory / HASH_FILE).write_text(_sha256(path) + "\n", encoding="utf-8")
    return path


def load_model(directory=None) -> ThemeClassifier:
    """Load the theme model, verifying its sha256; clear errors if it is missing or was altered."""
    import skops.io as sio

    directory = Path(directory) if directory else models_dir() / "themes"
    path = directory / MODEL_FILE
    if not path.exists():
        raise FileNotFoundError(f"no theme model at {path}: build it with `python -m pipeline train`")
    hash_path = directory / HASH_FILE
    if not hash_path.exists():
        raise FileNotFoundError(f"{hash_path} missing: cannot verify the theme model")
    expected = hash_path.read_text(encoding="utf-8").split()[0]
    if _sha256(path) != expected:
        raise ValueError(f"theme model {path} does not match its sha256 ({hash_path}): "
                         "file changed or corrupted; rebuild with `python -m pipeline train`")
    untrusted = sio.get_untrusted_types(file=path)
    unexpected = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
    if unexpected:
        raise ValueError(f"theme model {path} contains unexpected types: {unexpected}")
    return sio.load(path, trusted=untrusted)


# ---------------------------------------------------------------------------------------------
# Product API
# ---------------------------------------------------------------------------------------------

def predict_themes(passages: pd.DataFrame, model: ThemeClassifier | None = None) -> pd.DataFrame:
    """theme_T1..theme_T5 probabilities for each passage (same index); >= 0.5 means assigned."""
    model = model if model is not None else load_model()
    if len(passages) == 0:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in THEME_COLUMNS}, index=passages.index)
    proba = model.predict_proba(passages)
    return pd.DataFrame(proba, index=passages.index, columns=THEME_COLUMNS)


def benchmark_predict(model: ThemeClassifier, n=10_000, seed=0) -> dict:
    """Seconds to predict `n` passages (dev + corpus motion texts resampled), model load excluded."""
    gold = load_gold()
    pool = weak_pool()
    texts = pd.concat([gold[["text", "doc_type", "level", "title", "heading_path"]],
                       pool[["text", "doc_type", "level", "title", "heading_path"]]], ignore_index=True)
    rng = np.random.default_rng(seed)
    frame = texts.iloc[rng.integers(0, len(texts), size=n)].reset_index(drop=True)
    start = time.perf_counter()
    predict_themes(frame, model)
    seconds = time.perf_counter() - start
    return {"n_passages": n, "seconds": round(seconds, 2), "passages_per_second": round(n / seconds)}


def train_model(out_dir=None, n_splits=5, seed=0) -> dict:
    """Fit on dev.jsonl + weak pool, save to models/themes, write metrics.json and MODEL_CARD.md."""
    if not has_shared():
        raise FileNotFoundError(f"training needs the shared data at {shared_dir()} (eval/dev.jsonl)")
    out_dir = Path(out_dir) if out_dir else models_dir() / "themes"
    started = time.perf_counter()
    gold = load_gold()
    train = training_frame(gold)
    model = _fit(train)
    fit_seconds = time.perf_counter() - started
    save_model(model, out_dir)

    resubstitution = score_probabilities(gold, model.predict_proba(gold))
    lexicon_only = lexicon_rule_figures(gold)
    cv = cross_validate(n_splits=n_splits, seed=seed)
    cv_other = cross_validate(n_splits=n_splits, seed=seed, use_weak=not _weak_enabled(None))
    cv_seeds = [cross_validate(n_splits=n_splits, seed=s)["theme_micro_f1"] for s in (1, 2)]
    # the demand-target block rests on the hand-refined stance catalogue: its effect, same folds
    demand_targets = bool(load_config()["model"].get("demand_targets", True))
    cv_switched = [cross_validate(n_splits=n_splits, seed=s, demand_targets=not demand_targets)
                   for s in (seed, 1, 2)]
    speed = benchmark_predict(model)
    report = {
        "model": str(out_dir / MODEL_FILE),
        "sha256": (out_dir / HASH_FILE).read_text().strip(),
        "training_rows": {"gold": int(train["is_gold"].sum()), "weak": int((~train["is_gold"]).sum()),
                          "weak_positive_per_theme": {t: int(train.loc[~train["is_gold"], t].sum()) for t in THEMES}},
        "weak_enabled": _weak_enabled(None),
        "thresholds": dict(zip(THEMES, [round(float(t), 2) for t in model.thresholds_])),
        "fit_seconds": round(fit_seconds, 1),
        "cross_validated": cv,
        "cross_validated_other_weak_setting": cv_other,
        "cross_validated_micro_f1_other_seeds": cv_seeds,
        "demand_targets": demand_targets,
        "cross_validated_other_demand_target_setting": {
            "micro_f1_seeds_0_1_2": [r["theme_micro_f1"] for r in cv_switched],
            "relevance_f1_seeds_0_1_2": [r["relevance_f1"] for r in cv_switched]},
        "training_figures_resubstitution": resubstitution,
        "training_figures_lexicon_rule_only": lexicon_only,
        "predict_10k": speed,
        "command": "python -m pipeline train --only themes",
    }
    (out_dir / "metrics.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_model_card(report, out_dir)
    return report


def lexicon_rule_figures(gold: pd.DataFrame) -> dict:
    """Dev figures of the hand-written weak-labelling rule alone (a training figure: hand-written)."""
    cfg = load_config()
    anchor_re = _compile(cfg["asylum_anchor"])
    theme_res = {t: _compile(cfg["lexicon"][t]) for t in THEMES}
    need = cfg["weak"]["min_theme_hits"]
    proba = np.array([[float(bool(anchor_re.search(text)) and len(theme_res[t].findall(text)) >= need)
                       for t in THEMES] for text in gold["text"]])
    return score_probabilities(gold, proba)


def _fmt(res: dict) -> str:
    per = ", ".join(f"{t} {v:.3f}" for t, v in res["theme_f1"].items())
    return (f"theme micro-F1 **{res['theme_micro_f1']:.3f}**, macro-F1 {res['theme_macro_f1']:.3f}, "
            f"relevance F1 **{res['relevance_f1']:.3f}**; per theme: {per}")


def write_model_card(report: dict, out_dir: Path) -> None:
    cfg = load_config()
    weak = cfg["weak"]
    card = f"""# Theme model (T1-T5)

Built by `{report['command']}` (calls `pipeline.themes.train_model()`); cross-validated figures
can be re-run with `python -m pipeline.themes` or `python -m pipeline evaluate --cv`.
Artifact: `model.skops` (skops, no pickle), `model.sha256` (checked on load), `metrics.json` (all figures below).

## Data
- Gold: `shared/eval/dev.jsonl`, {report['training_rows']['gold']} adjudicated passages (2023 programmes of 11 parties,
  2023-2025 motions), weight 1.
- Weak supervision (`weak:` in `pipeline/config/themes.yaml`, `weak_pool()`): corpus motions
  (`shared/corpus/motions/motions.jsonl`) labelled by lexicon rules, weight {weak['weight']}: a motion with no
  asylum-anchor word is a negative for all themes ({weak['max_ambiguous_negative']} chosen among motions with ambiguous
  words like opvang/kinderen/woning/detentie, {weak['max_negative']} at random); a motion in an asylum dossier (19637 etc.)
  or with >= {weak['min_anchor']} anchor words and >= {weak['min_theme_hits']} lexicon hits for a theme is a positive for it.
  Every dev document (motion id, programme party+year) is excluded from the pool, so in cross-validation
  held-out documents never enter training through it.
  **Shipped model: weak pool {'ON' if report['weak_enabled'] else 'OFF'}** ({report['training_rows']['weak']} weak rows used).
  Grouped CV with the other setting (weak pool {'off' if report['weak_enabled'] else 'on'}): {_fmt(report['cross_validated_other_weak_setting'])}.
  The rule-labelled positives are noisy (the rule alone scores micro-F1
  {report['training_figures_lexicon_rule_only']['theme_micro_f1']:.2f} on dev) and the long corpus motions shift the
  training distribution, so the pool lowered the cross-validated figures; it stays available for later work
  (better rules, programme paragraphs under asylum headings).
- Never used: the author's party, submitters, motion votes.

## Method
- Features (raw text, no spaCy): word {cfg['model']['word_ngrams']}-gram TF-IDF (char n-grams: {cfg['model']['char_ngrams']}) over title + text; a dense
  block of per-theme lexicon hits in the text and in the heading path, asylum-anchor hits, motion/clause indicators;
  {'a' if report['demand_targets'] else 'NOT used in this model: a'} demand block (`DemandTargetFeatures`): per theme, log1p of the number of the letter's demands
  of that theme whose targets in the stance catalogue (`config/demands.yaml`) occur in the text, broad
  targets only when the passage, heading or title is about asylum/migration (as in the stance stage).
  Grouped CV with the demand block {'off' if report['demand_targets'] else 'on'} (same folds, seeds 0, 1, 2): theme micro-F1
  {report['cross_validated_other_demand_target_setting']['micro_f1_seeds_0_1_2']}, relevance F1
  {report['cross_validated_other_demand_target_setting']['relevance_f1_seeds_0_1_2']}
  (`python -m pipeline.themes --set demand_targets={'false' if report['demand_targets'] else 'true'} --seed N`).
- Domain gate ({'on' if cfg['model'].get('domain_gate', True) and report['demand_targets'] else 'off'}; `domain_gate` in config, needs the demand block): a passage with no asylum/migration word
  in its text, heading path or title (the stance catalogue's `domain` list) and no asylum-specific target
  gets its probabilities halved, so no theme is assigned (motions about flights at Schiphol were T1
  through the word "vluchten"). Neutral in grouped CV on dev (11 of its 139 themed passages have no
  domain word; dev was selected around the letter's subjects, the corpora are not). The demand-block-off
  figures above have no gate either.
- One class-balanced L2 logistic regression per theme (C={cfg['model']['C']}).
- Calibration: Platt scaling on grouped out-of-fold scores ({cfg['model']['calibration_folds']} inner folds, gold rows only),
  then the per-theme F1-optimal threshold on those scores is folded into the intercept so that
  probability >= 0.5 means assigned. Thresholds (on the Platt scale) of this model: {report['thresholds']}.
- Alternatives tried under the same grouped CV (all within noise or worse, so not shipped): character
  3-5-grams (`python -m pipeline.themes --set 'char_ngrams=[3, 5]'`), C in 0.3-16, the weak pool
  (`--weak on`). Also tried with a throw-away script (not kept, so no figure is quoted): paragraphs
  of the 2017, 2021 and 2025 programmes (no 2023 programme, hence no dev document) as weak examples,
  negatives from non-asylum headings without an asylum word, positives from asylum headings
  labelled by the lexicon: it lowered the cross-validated micro-F1 (mean of seeds 0-2). Likewise
  (2026-11-29): a latent-semantic block (TF-IDF + TruncatedSVD, 150 or 300 dimensions, fitted on
  ~25,000 unlabelled corpus motions and programme chunks without any dev document): micro-F1 +0.01,
  relevance F1 -0.005, within noise; a separate "any theme" model that lifts the most probable theme
  of a passage it finds relevant: lower on both (its own relevance F1 was below the union of the
  per-theme models). Tried 2026-12-07 (product figures, `python -m pipeline evaluate --cv --seeds 10`,
  code not kept): the motion's parliamentary file (in an asylum dossier such as 19637, in another
  one, read from the id kst-<dossier>-<nr>) as two features: relevance F1 +0.004, theme micro-F1
  -0.005, a trade, not a gain; the threshold grid reaching down to 0.05 (T1 and T5 sit at its floor,
  0.15): micro-F1 -0.016; reception-participation words for T3 (lvv, taallessen, ...): +0.001.
- Heading path: only the lexicon block reads it (a theme's words in the heading). Dev passages and
  the weak pool have no headings, so those weights are learned as ~0: the model does not depend on
  headings; they add nothing yet (known gap).

## What was hand-written (and has therefore "seen" the dev data's domain)
- The lexicon and anchor lists and the weak-labelling rules (`config/themes.yaml`) were written from
  the label schema (`spec/demands.md`) and the letter's vocabulary before any cross-validation, not by reading
  dev passages; the hyper-parameters (C, n-gram ranges, weak-pool sizes) were chosen by looking at the
  cross-validated figures on dev (so the cross-validated figures are slightly optimistic). After the
  lexicon was written, about twenty out-of-fold errors on dev were read to understand the labelling;
  the lexicon was not changed afterwards until 2026-12-07 (thirteenth session), when the out-of-fold
  T1 and T5 errors of the product were read and words were added from the schema: for T1 a general
  call to limit asylum inflow (the schema's note for borderline cases: "asielstroom", "grip op
  asielmigratie", "instroom ... beperken"), for T5 asylum policy at EU level ("Europees asielbeleid",
  "crisisverordening", "Middellandse Zee"). The product's ten-seed CV rose a little (README), but the
  words were chosen with dev's errors in view, so part of that is a training figure.
  Dev figures of hand-written parts are training figures:
  - The demand block reads the stance catalogue, which WAS refined after reading dev passages and
    the gold pairs its rules missed (see models/stance/MODEL_CARD.md). Its weights are learned inside
    the folds, but its patterns have seen dev: part of the gain it brings in CV is a training figure.
  - lexicon rule alone on dev (training figure): {_fmt(report['training_figures_lexicon_rule_only'])}

## Figures (scorer: `shared/eval/score.py`, threshold 0.5)
- **Cross-validated**, {report['cross_validated']['n_splits']} folds grouped by document (no document in both train and test;
  vocabulary, weights, calibration and thresholds refit inside each fold), shipped setting
  (weak pool {'on' if report['weak_enabled'] else 'off'}): {_fmt(report['cross_validated'])}
- Same, seeds 1 and 2 (fold assignment): theme micro-F1 {report['cross_validated_micro_f1_other_seeds']}
- Training figures (resubstitution on the dev passages the model was fit on; NOT a generalisation
  estimate): {_fmt(report['training_figures_resubstitution'])}
- Targets: theme micro-F1 >= 0.85, relevance F1 >= 0.90 (annotator agreement 0.97 is the ceiling).
  {'Met by the cross-validated figures.' if report['cross_validated']['theme_micro_f1'] >= 0.85 and report['cross_validated']['relevance_f1'] >= 0.90 else '**Not met**: the cross-validated figures above fall short of the targets.'} T1 (verdrag) and T5 (migratiepact)
  are the weak themes: in dev they cover general asylum-restriction and EU/third-country passages whose
  wording overlaps with passages labelled with no theme (general migration, labour migration).
  Dev is small (364 passages, 139 with a theme; T2 has 18 positives): per-theme figures move by several
  points between seeds. The product is used on other parties, years and motions: expect lower.
- These are the theme model's own figures. The product's themes also follow its stances: a passage
  that takes a stance on a demand gets that demand's theme (in dev every stance's theme is among the
  passage's themes), and keeps another theme only when this model gives it at least
  {keep_other_theme_from()} (`stance.align_themes_with_stances`,
  `themes_follow_stances` in config/themes.yaml). The product's cross-validated figures (out-of-fold
  themes aligned with out-of-fold stances) are the third block of `python -m pipeline evaluate --cv`
  (all fold seeds with `--seeds 10`) and are quoted in the README; the stance rules read the
  catalogue, which has seen dev, and that threshold was chosen on the product's CV, so part of that
  gain is a training figure.

## Speed
- predict on {report['predict_10k']['n_passages']} passages: {report['predict_10k']['seconds']} s
  ({report['predict_10k']['passages_per_second']} passages/s, model load excluded, 1 core); fit: {report['fit_seconds']} s.
"""
    (out_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description="cross-validated theme figures (grouped by document)")
    parser.add_argument("--splits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weak", choices=["config", "on", "off"], default="config",
                        help="weak-supervision pool: as config/themes.yaml says (default), on, off")
    parser.add_argument("--set", action="append", default=[], metavar="PARAM=YAML",
                        help="override a ThemeClassifier parameter, e.g. --set 'char_ngrams=[3, 5]' --set C=8")
    args = parser.parse_args()
    use_weak = {"config": None, "on": True, "off": False}[args.weak]
    params = {}
    for item in args.set:
        key, _, value = item.partition("=")
        params[key.strip()] = yaml.safe_load(value)
    res = cross_validate(n_splits=args.splits, seed=args.seed, use_weak=use_weak, **params)
    res["params"] = params
    print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
