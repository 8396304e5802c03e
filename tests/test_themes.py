"""Tests of pipeline/themes.py: estimator conventions, calibration contract, persistence, data handling.

The small training set below is hand-written for these tests (not taken from the shared data).
Tests that need ../shared or the shipped model skip cleanly when they are absent.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from pipeline import schemas, themes
from pipeline.paths import has_shared, models_dir

# (text, themes) -- hand-written Dutch examples, several per theme plus look-alike negatives
EXAMPLES = [
    ("Nederland blijft het Vluchtelingenverdrag onverkort naleven en zegt het niet op.", ["T1"]),
    ("Wij willen het Vluchtelingenverdrag opzeggen en een asielstop invoeren.", ["T1"]),
    ("Mensen die vluchten voor oorlog moeten hier asiel kunnen aanvragen; pushbacks aan de grens zijn onaanvaardbaar.", ["T1"]),
    ("Het recht op asiel blijft bestaan, ook als de instroom van asielzoekers hoog is.", ["T1"]),
    ("De IND krijgt structureel geld zodat de wachttijden in de asielprocedure verdwijnen.", ["T2"]),
    ("Asielzoekers krijgen vanaf het begin van de procedure rechtsbijstand van een advocaat en een tolk.", ["T2"]),
    ("Wij voeren een tweestatusstelsel in en beperken de gezinshereniging van vluchtelingen.", ["T2"]),
    ("De beslistermijn van de IND wordt verlengd en de dwangsom bij te late besluiten afgeschaft.", ["T2"]),
    ("De Spreidingswet zorgt voor genoeg opvangplekken voor asielzoekers in alle gemeenten.", ["T3"]),
    ("Kinderen in de asielopvang wonen op vaste, kindvriendelijke locaties van het COA.", ["T3"]),
    ("Asielzoekers mogen direct werken en krijgen taalles in het azc.", ["T3"]),
    ("De noodopvang en crisisnoodopvang van asielzoekers moet verdwijnen; de opvang wordt versoberd.", ["T3"]),
    ("Gemeenten krijgen geld om statushouders snel te huisvesten en de taakstelling te halen.", ["T4"]),
    ("De inburgering van statushouders wordt versneld; de taaleis B1 is niet voor iedereen haalbaar.", ["T4"]),
    ("De termijn voor naturalisatie blijft vijf jaar en inburgering wordt geen voorwaarde voor verblijf.", ["T4"]),
    ("Statushouders krijgen geen voorrang meer op een sociale huurwoning.", ["T4"]),
    ("Het EU-migratiepact wordt menswaardig uitgevoerd, zonder kinderen in detentie bij de grensprocedure.", ["T5"]),
    ("Wij willen geen terugkeerhubs buiten Europa en geen migratiedeals met landen die mensenrechten schenden.", ["T5"]),
    ("Nederland verhoogt het quotum voor hervestiging van vluchtelingen en biedt veilige routes.", ["T5"]),
    ("De solidariteit tussen EU-lidstaten bij de opvang van asielzoekers moet werken; het bandencriterium blijft.", ["T5", "T3"]),
    ("Het dierenasiel in onze gemeente vangt zwerfkatten op; de opvang van dieren verdient steun.", []),
    ("Kinderen krijgen op school goed taalonderwijs en extra lesuren.", []),
    ("Er moeten meer woningen gebouwd worden voor starters en ouderen.", []),
    ("Arbeidsmigranten uit Oost-Europa worden beter beschermd tegen uitbuiting door uitzendbureaus.", []),
    ("De zorgpremie gaat omlaag en het eigen risico wordt afgeschaft.", []),
    ("Wij investeren in fietspaden, spoorlijnen en openbaar vervoer in de regio.", []),
    ("De detentie van zware criminelen wordt verlengd en de gevangenissen krijgen meer personeel.", []),
    ("De opvang van daklozen in de winter moet beter geregeld worden.", []),
    ("Studenten uit het buitenland betalen hoger collegegeld.", []),
    ("Boeren krijgen een eerlijke prijs voor hun melk en minder regels.", []),
]


def _training_frame(repeat: int = 2) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    rows = [dict(text=text, doc_type="programme") for text, _ in EXAMPLES] * repeat
    Y = np.array([[int(t in labels) for t in schemas.THEMES] for _, labels in EXAMPLES] * repeat)
    # each example and its copy share a document, so the inner grouped folds keep them together
    groups = np.array([f"doc{i}" for i in range(len(EXAMPLES))] * repeat)
    return pd.DataFrame(rows), Y, groups


@pytest.fixture(scope="module")
def small_model():
    X, Y, groups = _training_frame()
    model = themes.ThemeClassifier(calibration_folds=3, min_df=1, C=10.0)
    return model.fit(X, Y, groups=groups)


def test_estimator_conventions(small_model):
    X, Y, groups = _training_frame()
    fresh = themes.ThemeClassifier(C=2.0, calibration_folds=3)
    # __init__ stores params only; no learned state before fit
    assert fresh.get_params()["C"] == 2.0
    assert not hasattr(fresh, "estimators_")
    cloned = clone(fresh)
    assert cloned.get_params() == fresh.get_params()
    assert cloned.fit(X, Y, groups=groups) is cloned
    assert len(small_model.estimators_) == 5 and small_model.thresholds_.shape == (5,)


def test_proba_shape_range_and_predict_agree(small_model):
    X = pd.DataFrame({"text": ["De IND moet sneller beslissen over asielaanvragen.", "Meer fietspaden in de stad."]})
    proba = small_model.predict_proba(X)
    assert proba.shape == (2, 5)
    assert np.all((proba >= 0) & (proba <= 1))
    np.testing.assert_array_equal(small_model.predict(X), proba >= 0.5)


def test_threshold_folded_into_calibration(small_model):
    """p >= 0.5 after folding <=> Platt probability >= the per-theme threshold chosen in fit."""
    X, _, _ = _training_frame(repeat=1)
    scores = small_model.decision_function(X)
    platt = themes._sigmoid(scores * small_model.platt_[:, 0] + small_model.platt_[:, 1])
    folded = small_model.predict_proba(X)
    mask = np.abs(platt - small_model.thresholds_) > 1e-6  # away from the exact boundary
    np.testing.assert_array_equal((folded >= 0.5)[mask], (platt >= small_model.thresholds_)[mask])


def test_learns_themes_and_rejects_lookalikes(small_model):
    X = pd.DataFrame({"text": [
        "De Spreidingswet blijft; elke gemeente levert opvangplekken voor asielzoekers.",
        "Statushouders krijgen snel een woning en de inburgering wordt versneld.",
        "Het dierenasiel krijgt subsidie voor de opvang van zwerfhonden.",
    ]})
    proba = small_model.predict_proba(X)
    assert proba[0, 2] >= 0.5  # T3 opvang
    assert proba[1, 3] >= 0.5  # T4 integratie
    assert proba[2].max() < 0.5  # animal shelter: no theme
    assert proba[2, 2] < proba[0, 2]


def test_optional_columns_and_party_never_read(small_model):
    texts = ["Asielzoekers krijgen rechtsbijstand vanaf het begin.", "Meer woningen voor starters."]
    bare = small_model.predict_proba(pd.DataFrame({"text": texts}))
    full = pd.DataFrame({"text": texts, "doc_type": ["motion", "programme"], "level": ["clause", "paragraph"],
                         "clause_type": ["verzoekt", None], "heading_path": [None, "Wonen"],
                         "title": [None, None], "party": ["A", "B"]})
    with_party = small_model.predict_proba(full)
    swapped = small_model.predict_proba(full.assign(party=["B", "A"]))
    np.testing.assert_allclose(with_party, swapped)
    assert bare.shape == with_party.shape
    with pytest.raises(ValueError):
        small_model.predict_proba(pd.DataFrame({"body": texts}))


def test_predict_themes_frame(small_model):
    passages = pd.DataFrame({"text": ["De IND krijgt meer geld.", "Melkprijs omhoog."]}, index=[10, 20])
    out = themes.predict_themes(passages, small_model)
    assert list(out.columns) == schemas.THEME_COLUMNS
    assert list(out.index) == [10, 20]
    empty = themes.predict_themes(passages.iloc[:0], small_model)
    assert list(empty.columns) == schemas.THEME_COLUMNS and len(empty) == 0


def test_save_load_roundtrip_and_tamper(small_model, tmp_path):
    themes.save_model(small_model, tmp_path)
    loaded = themes.load_model(tmp_path)
    X = pd.DataFrame({"text": [t for t, _ in EXAMPLES[:6]]})
    np.testing.assert_allclose(loaded.predict_proba(X), small_model.predict_proba(X))
    assert b"pickle" not in (tmp_path / themes.MODEL_FILE).read_bytes()[:2]  # a zip (skops), not a pickle stream
    # a changed file is refused
    path = tmp_path / themes.MODEL_FILE
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(ValueError, match="sha256"):
        themes.load_model(tmp_path)
    with pytest.raises(FileNotFoundError):
        themes.load_model(tmp_path / "nowhere")


def test_document_of_groups_programmes_and_motions():
    assert themes.document_of("prog2023-JA21-17931") == "prog2023-JA21"
    assert themes.document_of("prog2023-GL-PvdA-5", "programme") == "prog2023-GL-PvdA"
    assert themes.document_of("motie-kst-19637-3290") == "kst-19637-3290"


needs_shared = pytest.mark.skipif(not has_shared(), reason="../shared data not available")


@needs_shared
def test_gold_loading_and_grouped_folds_do_not_share_documents():
    from sklearn.model_selection import GroupKFold

    gold = themes.load_gold()
    assert len(gold) > 300 and set(gold["doc_type"]) == {"motion", "programme"}
    assert gold[schemas.THEMES].to_numpy().sum() > 100
    splitter = GroupKFold(n_splits=5, shuffle=True, random_state=0)
    for train_idx, test_idx in splitter.split(gold, groups=gold["document"]):
        assert not set(gold["document"].iloc[train_idx]) & set(gold["document"].iloc[test_idx])


@needs_shared
def test_weak_pool_excludes_documents_and_labels_by_rules():
    gold = themes.load_gold()
    motions = [d for d in gold["document"].unique() if d.startswith("kst-")]
    pool = themes.weak_pool(exclude_documents=motions)
    assert not set(pool["id"]) & set(motions)
    assert (pool["weight"] < 1).all()
    negatives = pool[pool[schemas.THEMES].sum(axis=1) == 0]
    positives = pool[pool[schemas.THEMES].sum(axis=1) > 0]
    assert len(negatives) > 100 and len(positives) > 50
    anchor = themes._compile(themes.load_config()["asylum_anchor"])
    # weak negatives never mention the asylum domain; weak positives always do
    assert not negatives["text"].str.contains(anchor).any()
    assert positives["text"].str.contains(anchor).all()


shipped = models_dir() / "themes" / themes.MODEL_FILE


@pytest.mark.skipif(not shipped.exists(), reason="no shipped theme model (python -m pipeline train)")
def test_shipped_model_on_handwritten_passages():
    model = themes.load_model()
    frame = pd.DataFrame({"text": [
        "De IND krijgt voldoende middelen zodat de wachttijden in de asielprocedure verdwijnen.",
        "Statushouders moeten sneller een woning vinden en direct met de inburgering beginnen.",
        "Het dierenasiel en de opvang van zwerfkatten verdienen steun van de gemeente.",
        "We bouwen meer betaalbare huurwoningen voor jongeren en ouderen.",
    ], "doc_type": "programme", "level": "paragraph"})
    proba = themes.predict_themes(frame, model).to_numpy()
    assert proba[0, 1] >= 0.5   # T2 procedure
    assert proba[1, 3] >= 0.5   # T4 integratie
    assert proba[2].max() < 0.5 and proba[3].max() < 0.5


def test_lexicon_counts_general_asylum_limits_as_t1_and_eu_asylum_policy_as_t5():
    # spec/demands.md: a general call for less asylum inflow is T1; the EU's asylum policy is T5's subject
    frame = themes.passage_frame(pd.DataFrame({"text": [
        "Wij willen grip op asielmigratie en de asielstroom fors inperken.",
        "Nederland zet in op gemeenschappelijke Europese migratieregels en een werkende crisisverordening.",
        "De instroom van nieuwe leraren in het basisonderwijs moet omhoog.",
    ], "doc_type": "programme", "level": "paragraph"}))
    lex = themes.LexiconFeatures().fit(frame)
    names = list(lex.get_feature_names_out())
    counts = lex.transform(frame).toarray()
    t1, t5 = names.index("lex_T1"), names.index("lex_T5")
    assert counts[0, t1] >= np.log1p(2) and counts[0, t5] == 0
    assert counts[1, t5] >= np.log1p(2) and counts[1, t1] == 0
    assert counts[2, t1] == 0 and counts[2, t5] == 0


def test_demand_target_features_count_demands_per_theme_with_domain_gate():
    """The demand block counts the catalogue's demands named in a passage; broad targets
    ('wachttijd') only count in an asylum/migration text, specific ones ('tweestatusstelsel') always."""
    frame = themes.passage_frame(pd.DataFrame({"text": [
        "Wij schaffen het tweestatusstelsel af.",
        "De wachttijd bij de huisarts moet korter.",
        "De wachttijd voor asielzoekers bij de IND moet korter.",
        "Er moeten meer woningen gebouwd worden voor starters.",
    ]}))
    block = themes.DemandTargetFeatures().fit(frame)
    counts = np.expm1(block.transform(frame).toarray()).round()
    t2 = themes.THEMES.index("T2")
    assert counts[0, t2] >= 1
    assert counts[1].sum() == 0
    assert counts[2, t2] >= 1
    assert counts[3].sum() == 0
    assert list(block.get_feature_names_out()) == [f"demands_{t}" for t in themes.THEMES]


def test_demand_target_features_keep_the_catalogue_they_were_fitted_with(tmp_path):
    """A fitted block carries its patterns: editing the catalogue afterwards changes nothing."""
    from pipeline.stance_rules import CATALOGUE_PATH

    shipped_text = CATALOGUE_PATH.read_text(encoding="utf-8")
    assert 'pattern: "tweestatus"' in shipped_text
    catalogue = tmp_path / "demands.yaml"
    catalogue.write_text(shipped_text.replace('pattern: "tweestatus"', 'pattern: "xyzstatus"'), encoding="utf-8")
    frame = themes.passage_frame(pd.DataFrame({"text": ["Wij schaffen het tweestatusstelsel af."]}))
    fitted_on_edit = themes.DemandTargetFeatures(catalogue_path=catalogue).fit(frame)
    assert fitted_on_edit.transform(frame).sum() == 0
    catalogue.write_text(shipped_text, encoding="utf-8")  # the file changes after fitting
    assert fitted_on_edit.transform(frame).sum() == 0
    assert themes.DemandTargetFeatures(catalogue_path=catalogue).fit(frame).transform(frame).sum() > 0


def test_domain_gate_keeps_passages_without_asylum_words_below_assignment(small_model):
    """Outside the asylum/migration domain no theme is assigned, whatever the words suggest
    ("vluchten" are flights at Schiphol); inside it the gate changes nothing."""
    frame = pd.DataFrame({"text": [
        "Het aantal vluchten aan de randen van de dag op Schiphol wordt beperkt; geen opvang meer voor dieren.",
        "De opvang van asielzoekers in de gemeente wordt kindvriendelijk en het COA krijgt geld.",
        "Wij schaffen het tweestatusstelsel af.",
    ], "doc_type": "programme"})
    ungated = clone(small_model).set_params(domain_gate=False)
    X, Y, groups = _training_frame()
    ungated.fit(X, Y, groups=groups)
    block = small_model.features_.named_transformers_["demands"]
    assert list(block.in_domain(themes.passage_frame(frame))) == [False, True, True]
    gated_p, ungated_p = small_model.predict_proba(frame), ungated.predict_proba(frame)
    assert gated_p[0].max() < 0.5
    np.testing.assert_allclose(gated_p[0], ungated_p[0] * 0.5)
    np.testing.assert_allclose(gated_p[1:], ungated_p[1:])
