"""Stance stage: catalogue, linguistic rules (own hand-written Dutch sentences), motions,
schema of the output, persistence, and (when ../shared is present) the dev evaluation."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import spacy

from pipeline import schemas, segment, stance, stance_rules
from pipeline.evaluation import probe_context, probe_read_right, read_probes
from pipeline.paths import has_shared, shared_dir


@pytest.fixture(scope="module")
def nlp():
    # a blank pipeline keeps the rule tests independent of the trained parser and fast;
    # the rules must work without lemmas or a parse
    blank = spacy.blank("nl")
    blank.add_pipe("sentencizer")
    return blank


def rules(text, nlp, doc_type="programme"):
    return stance.predict_text(text, doc_type=doc_type, nlp=nlp, model=None)


def label(text, demand, nlp, doc_type="programme"):
    return rules(text, nlp, doc_type).get(demand, {}).get("label")


# ---------------------------------------------------------------------------------------------
# catalogue
# ---------------------------------------------------------------------------------------------
def test_catalogue_has_all_28_demands_with_themes_targets():
    cat = stance.load_catalogue()
    assert len(cat) == 28 and len(set(cat.ids)) == 28
    assert {d.theme for d in cat} == {"T1", "T2", "T3", "T4", "T5"}
    assert all(d.targets and d.wording for d in cat)


@pytest.mark.skipif(not has_shared(), reason="needs ../shared")
def test_catalogue_ids_are_the_schema_ids():
    spec = (shared_dir() / "spec" / "demands.md").read_text(encoding="utf-8")
    for demand_id in stance.load_catalogue().ids:
        assert f"`{demand_id}`" in spec


def test_catalogue_rejects_an_unknown_label(tmp_path):
    bad = tmp_path / "demands.yaml"
    bad.write_text("directions: {more: [meer]}\ndemands:\n  - id: x\n    theme: T1\n"
                   "    targets: [{pattern: abc, more: misschien}]\n", encoding="utf-8")
    with pytest.raises(ValueError):
        stance.load_catalogue(bad)


# ---------------------------------------------------------------------------------------------
# the letter decides the direction, not the author's framing
# ---------------------------------------------------------------------------------------------
def test_abolishing_two_status_system_is_pro_introducing_is_contra(nlp):
    assert label("Wij schaffen het tweestatusstelsel zo snel mogelijk af.",
                 "nationale_maatregelen_loslaten", nlp) == "pro"
    assert label("Dit kabinet voert per direct een tweestatusstelsel in voor alle asielzoekers.",
                 "nationale_maatregelen_loslaten", nlp) == "contra"


def test_negation_flips_the_direction(nlp):
    assert label("Wij willen geen tweestatusstelsel invoeren.", "nationale_maatregelen_loslaten", nlp) == "pro"
    assert label("De Spreidingswet moet worden ingetrokken.", "spreidingswet", nlp) == "contra"
    assert label("De Spreidingswet wordt niet ingetrokken.", "spreidingswet", nlp) == "pro"


def test_negated_bare_mention(nlp):
    assert label("Er komt een asielstop.", "bescherming_non_refoulement", nlp) == "contra"
    assert label("Er komen geen terugkeerhubs buiten Europa.", "geen_terugkeerhubs", nlp) == "pro"
    assert label("Nederland richt terugkeerhubs in.", "geen_terugkeerhubs", nlp) == "contra"


def test_double_negation_no_longer_forbid(nlp):
    assert label("We verbieden asielzoekers om te werken.", "arbeidsmarkt_toegang", nlp) == "contra"
    assert label("We gaan asielzoekers niet langer verbieden om te werken.", "arbeidsmarkt_toegang", nlp) == "pro"


def test_stoppen_met_and_nooit(nlp):
    assert label("We stoppen met het tweestatusstelsel.", "nationale_maatregelen_loslaten", nlp) == "pro"
    assert label("Het gebruik van pushbacks direct staken.", "bescherming_non_refoulement", nlp) == "pro"
    assert label("Nederland zal nooit terugkeerhubs openen.", "geen_terugkeerhubs", nlp) == "pro"


PINNED = [
    ("Wij schaffen het tweestatusstelsel zo snel mogelijk af.", "nationale_maatregelen_loslaten", "pro"),
    ("Dit kabinet voert per direct een tweestatusstelsel in voor alle asielzoekers.", "nationale_maatregelen_loslaten", "contra"),
    ("Wij willen geen tweestatusstelsel invoeren.", "nationale_maatregelen_loslaten", "pro"),
    ("We gaan asielzoekers niet langer verbieden om te werken.", "arbeidsmarkt_toegang", "pro"),
    ("De regering gaat onderzoeken of een asielstop juridisch haalbaar is.", "bescherming_non_refoulement", "neutral"),
    ("Er is veel kritiek op de Spreidingswet, maar wij behouden deze wet.", "spreidingswet", "pro"),
    ("We verlagen het hervestigingsquotum.", "hervestiging_veilige_routes", "contra"),
    ("De tijdelijke verblijfsvergunning asiel wordt verkort van vijf naar drie jaar.", "verblijfsduur_behouden", "contra"),
    # the lemma view ("mens in azc") must not bring back a place named in passing
    ("We voeren een sollicitatieplicht in voor mensen in azc's die mogen werken.", "spreidingswet", None),
    ("Asielzoekers die via Turkije zijn gereisd, sturen we terug naar een veilig derde land.", "veilig_derde_land", "contra"),
]


@pytest.mark.parametrize("text,demand,expected", PINNED)
def test_rules_hold_with_the_full_spacy_pipeline(text, demand, expected):
    # with lemmas and a parse the lemma view adds matches; the decisions must not change
    from pipeline import nlp as nlp_stage
    try:
        full = nlp_stage.load_nlp()
    except Exception as exc:  # pragma: no cover - no pipeline installed or shipped
        pytest.skip(f"no spaCy pipeline: {exc}")
    assert label(text, demand, full) == expected


def test_modality_makes_neutral(nlp):
    assert label("De regering gaat onderzoeken of een asielstop juridisch haalbaar is.",
                 "bescherming_non_refoulement", nlp) == "neutral"
    assert label("Het kabinet informeert de Kamer over de wachttijden bij de IND.",
                 "wachttijden_ind", nlp) == "neutral"


def test_a_verdict_in_the_next_sentence_decides_the_side(nlp):
    # "Dat steunen wij." / "Daar werken wij niet aan mee." pass a verdict on what the sentence before
    # says; the plan of others alone takes no side
    plan = "Het kabinet wil de Spreidingswet intrekken."
    assert label(plan, "spreidingswet", nlp) == "neutral"
    assert label(plan + " Daar werken wij niet aan mee.", "spreidingswet", nlp) == "pro"
    assert label(plan + " Dat steunen wij van harte.", "spreidingswet", nlp) == "contra"
    assert label(plan + " Dat steunen wij niet.", "spreidingswet", nlp) == "pro"
    # waiting for it is no side; a connective ("daarbij", "daarom") passes no verdict
    assert label("Er komt een tweestatusstelsel.", "nationale_maatregelen_loslaten", nlp) == "contra"
    assert label("Er komt een tweestatusstelsel. Die uitkomst willen wij eerst afwachten.",
                 "nationale_maatregelen_loslaten", nlp) == "neutral"
    assert label(plan + " Daarbij zijn wij mild voor gemeenten.", "spreidingswet", nlp) == "neutral"


def test_a_whether_clause_put_first_asks(nlp):
    assert label("Of het tweestatusstelsel de instroom beperkt, is onder deskundigen omstreden.",
                 "nationale_maatregelen_loslaten", nlp) == "neutral"
    # the concessive "of ... of ..." is no question
    assert label("Of het nu om statushouders of asielzoekers gaat, iedereen moet snel aan het werk kunnen.",
                 "arbeidsmarkt_toegang", nlp) == "pro"


def test_contrastive_maar_the_second_part_counts(nlp):
    assert label("We begrijpen dat gemeenten de Spreidingswet lastig vinden, maar we trekken de wet in.",
                 "spreidingswet", nlp) == "contra"
    assert label("Er is veel kritiek op de Spreidingswet, maar wij behouden deze wet.",
                 "spreidingswet", nlp) == "pro"


def test_niet_a_maar_b_corrects_a(nlp):
    # "geen X, maar Y": what is said of X is the negated part, not the words after "maar"
    assert label("Statushouders krijgen geen voorrang op een sociale huurwoning, maar blijven eerst op "
                 "een integratielocatie.", "voorrang_taakstelling", nlp) == "contra"
    assert label("Statushouders krijgen voorrang op een sociale huurwoning.", "voorrang_taakstelling", nlp) == "pro"


def test_a_direction_word_in_the_same_list_item_speaks(nlp):
    # "tegen te gaan" is nearer in characters but belongs to the previous item of the list
    assert label("We sluiten deals met landen om mensensmokkel tegen te gaan, legale mogelijkheden voor "
                 "migratie te scheppen en armoede te verminderen.", "hervestiging_veilige_routes", nlp) == "pro"
    assert label("We beperken legale mogelijkheden voor migratie.", "hervestiging_veilige_routes", nlp) == "contra"


def test_stricter_rules_are_contra_whatever_the_target(nlp):
    # "aanscherpen" was a "more" word: stricter family reunification rules came out pro
    assert label("Aanscherping van de regels voor gezinshereniging van minderjarigen.", "gezinshereniging", nlp) == "contra"
    assert label("Nederland zet in op het aanscherpen van het EU-migratiepact.",
                 "nationale_maatregelen_loslaten", nlp) == "contra"
    assert label("De taaleis voor inburgering wordt strenger.", "taaleis_haalbaar", nlp) == "contra"
    # a target may say otherwise: stricter independent oversight is what the letter asks
    assert label("Er komt strenger onafhankelijk toezicht op de rechten van migranten.",
                 "onafhankelijke_monitoring", nlp) == "pro"


def test_meer_dan_a_number_is_a_count_not_a_direction(nlp):
    assert label("De opvang van asielzoekers kost dit jaar meer dan € 9 miljard.", "opvang_kwaliteit", nlp) == "neutral"
    assert label("We investeren meer in goede opvang van asielzoekers.", "opvang_kwaliteit", nlp) == "pro"


def test_a_cap_on_asylum_is_contra_whatever_the_verb(nlp):
    # "maximum" is itself a "less" word: it must not flip the cap to pro
    assert label("Er komt een maximum van 5000 asielzoekers per jaar.", "bescherming_non_refoulement", nlp) == "contra"
    assert label("Wij willen een asielquotum van hooguit 5000 per jaar.", "bescherming_non_refoulement", nlp) == "contra"
    assert label("Er komt geen asielplafond.", "bescherming_non_refoulement", nlp) == "pro"


def test_a_numeric_cap_on_asylum_numbers_is_contra(nlp):
    # "beperken tot" a number of people per year caps protection itself
    assert label("Wij willen de opvang van statushouders beperken tot 12.000 per jaar.",
                 "bescherming_non_refoulement", nlp) == "contra"
    assert label("Het aantal asielaanvragen wordt begrensd tot maximaal 8000 asielzoekers.",
                 "bescherming_non_refoulement", nlp) == "contra"
    # a limit on a waiting time is not a cap on people
    assert label("We beperken de wachttijd van asielzoekers tot zes maanden.",
                 "bescherming_non_refoulement", nlp) is None
    assert label("We beperken de wachttijd van asielzoekers tot 6 maanden.",
                 "bescherming_non_refoulement", nlp) is None


def _doc_with_lemmas(nlp, pairs):
    """A Doc with given (word, lemma) pairs, one sentence: the lemmatizer's output, fixed."""
    from spacy.tokens import Doc

    words = [w for w, _ in pairs]
    spaces = [i + 1 < len(words) and words[i + 1] not in ".," for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, lemmas=[lemma for _, lemma in pairs],
               sent_starts=[True] + [False] * (len(words) - 1))


def test_a_lemma_match_has_a_place_in_the_sentence(nlp):
    # "uitgezet" matches the target only through its lemma ("uitzetten", or "uit_zetten" as UD
    # writes separable verbs); the negation before it must count, and the relative clause inside
    # the match ("waar ze gevaar lopen") does not end its scope
    tail = [("naar", "naar"), ("een", "een"), ("land", "land"), ("waar", "waar"), ("ze", "ze"),
            ("gevaar", "gevaar"), ("lopen", "lopen"), (".", ".")]
    negated = _doc_with_lemmas(nlp, [("Vluchtelingen", "vluchteling"), ("mogen", "mogen"), ("nooit", "nooit"),
                                     ("worden", "worden"), ("uitgezet", "uit_zetten")] + tail)
    plain = _doc_with_lemmas(nlp, [("Vluchtelingen", "vluchteling"), ("worden", "worden"),
                                   ("uitgezet", "uitzetten")] + tail)
    for doc, expected in ((negated, "pro"), (plain, "contra")):
        out = stance.predict_text(doc.text, doc=doc, model=None)
        assert out["bescherming_non_refoulement"]["label"] == expected, doc.text


def test_opposite_verbs_resettlement_quota(nlp):
    assert label("Het hervestigingsquotum wordt verhoogd naar duizend mensen.",
                 "hervestiging_veilige_routes", nlp) == "pro"
    assert label("We verlagen het hervestigingsquotum.", "hervestiging_veilige_routes", nlp) == "contra"


def test_opposite_verbs_residence_duration(nlp):
    assert label("De tijdelijke verblijfsvergunning asiel wordt verkort van vijf naar drie jaar.",
                 "verblijfsduur_behouden", nlp) == "contra"
    assert label("We behouden de tijdelijke verblijfsvergunning van vijf jaar.",
                 "verblijfsduur_behouden", nlp) == "pro"
    # a longer wait for the permanent permit is contra, though "verlengen" of a permit would be pro
    assert label("Verzoekt de regering de termijn van verkrijging van een permanente verblijfsvergunning te "
                 "verlengen.", "verblijfsduur_behouden", nlp) == "contra"


def test_naturalisation_term_longer_is_contra_keep_is_pro(nlp):
    assert label("Naturalisatie is pas mogelijk na tien jaar verblijf.", "naturalisatietermijn", nlp) == "contra"
    assert label("De naturalisatietermijn blijft vijf jaar.", "naturalisatietermijn", nlp) == "pro"
    # the term: longer is contra; naturalisation itself: faster access is pro, refusing it contra
    assert label("De termijn voor naturalisatie moet worden verlengd.", "naturalisatietermijn", nlp) == "contra"
    assert label("Statushouders krijgen sneller het Nederlanderschap.", "naturalisatietermijn", nlp) == "pro"
    assert label("Wij willen gemeenten de mogelijkheid bieden om statushouders versneld in aanmerking te laten "
                 "komen voor het Nederlanderschap.", "naturalisatietermijn", nlp) == "pro"
    assert label("Meer juridische ruimte creëren om naturalisatie af te wijzen bij statushouders met een "
                 "strafblad.", "naturalisatietermijn", nlp) == "contra"
    # a target holding its own "af te wijzen" is not read as "less" of itself
    assert label("De Kamer, verzoekt de regering de asielaanvragen van vreemdelingen die frauderen af te wijzen, "
                 "en gaat over tot de orde van de dag.", "bescherming_non_refoulement", nlp, "motion") == "contra"


def test_demands_without_dev_examples_are_carried_by_the_catalogue(nlp):
    assert label("Kinderen van asielzoekers horen nooit in detentie.", "geen_kinderen_detentie", nlp) == "pro"
    assert label("Gezinnen met kinderen gaan in vreemdelingenbewaring.", "geen_kinderen_detentie", nlp) == "contra"
    assert label("Het aanmeldgehoor wordt afgeschaft.", "procedurele_waarborgen", nlp) == "contra"
    assert label("Het bandencriterium blijft behouden.", "veilig_derde_land", nlp) == "pro"


def test_unrelated_text_addresses_no_demand(nlp):
    assert rules("Het dierenasiel vangt zwerfkatten op en zoekt vrijwilligers.", nlp) == {}
    assert rules("We bouwen meer woningen voor starters en ouderen.", nlp) == {}


def test_broad_targets_count_only_in_asylum_and_migration_texts(nlp):
    # "solidariteit" and "wachttijd" are targets, but not in a vaccine or hospital context
    assert rules("We tonen solidariteit met arme landen en delen onze vaccins.", nlp) == {}
    assert "wachttijden_ind" not in rules("De wachttijd voor een heupoperatie moet omlaag.", nlp)
    assert label("Bij de opvang van asielzoekers steunen we de solidariteit tussen de lidstaten.",
                 "eu_solidariteit", nlp) == "pro"
    assert label("De wachttijden bij de IND moeten omlaag.", "wachttijden_ind", nlp) == "pro"
    # the heading path or title puts a paragraph in the domain
    out = stance.predict_text("We steunen de solidariteit tussen de lidstaten.", nlp=nlp, model=None,
                              heading="Asiel en migratie")
    assert out["eu_solidariteit"]["label"] == "pro"
    # a target that names an asylum measure by itself needs no context
    assert label("Het tweestatusstelsel wordt afgeschaft.", "nationale_maatregelen_loslaten", nlp) == "pro"


def test_being_against_the_arrival_of_a_reception_centre_is_contra(nlp):
    assert label("Wij zijn tegen de bouw van een nieuw azc in onze gemeente.", "spreidingswet", nlp) == "contra"
    assert label("Inwoners mogen in verzet komen tegen de komst van een azc.", "spreidingswet", nlp) == "contra"
    assert label("We bouwen een nieuw azc in onze gemeente.", "spreidingswet", nlp) == "pro"


def test_a_target_containing_a_modal_word_is_not_a_modal_frame(nlp):
    # "medisch onderzoek" is the safeguard itself; only "we onderzoeken of ..." is a modal frame
    base = "Het medisch onderzoek bij de aanmelding van asielzoekers"
    assert label(base + " blijft.", "procedurele_waarborgen", nlp) == "pro"
    assert label(base + " wordt geschrapt.", "procedurele_waarborgen", nlp) == "contra"
    assert label("We onderzoeken of het medisch onderzoek bij de aanmelding van asielzoekers kan vervallen.",
                 "procedurele_waarborgen", nlp) == "neutral"
    assert "procedurele_waarborgen" not in rules("Het kabinet is voornemens de asielwetgeving aan te scherpen.", nlp)


@pytest.mark.parametrize("text,expected", [
    ("We verkorten de wachttijden bij de IND.", "pro"),        # the wachttijden get shorter, not the IND
    ("De wachttijden bij de IND moeten omlaag.", "pro"),
    ("De IND moet de wachttijden verkorten.", "pro"),
    ("We investeren in de IND om de wachttijden te verkorten.", "pro"),
    ("We bezuinigen op de IND.", "contra"),
])
def test_several_targets_in_one_sentence_the_one_the_verb_is_about_speaks(nlp, text, expected):
    assert label(text, "wachttijden_ind", nlp) == expected


def test_a_motion_clause_is_judged_in_the_light_of_its_whole_motion(nlp):
    motion = ("De Kamer, gehoord de beraadslaging, constaterende dat asielzoekers maanden wachten op een "
              "beslissing; verzoekt de regering de wachttijden fors te verkorten, en gaat over tot de orde van de dag.")
    out = stance.score_passages(_motion_passages(motion), nlp=nlp, model=None)
    request = out[(out["level"] == "clause") & (out["demand_id"] == "wachttijden_ind")]
    assert len(request) == 1 and request.iloc[0]["label"] == "pro"
    # the same request in a motion about hospitals addresses no demand
    other = motion.replace("asielzoekers maanden wachten op een beslissing", "patiënten maanden wachten op zorg")
    assert stance.score_passages(_motion_passages(other), nlp=nlp, model=None).empty
    # ... unless its title says it is about asylum seekers
    titled = stance.score_passages(_motion_passages(other), nlp=nlp, model=None,
                                   titles={"kst-1-1": "Motie over de wachttijden voor asielzoekers"})
    assert "wachttijden_ind" in set(titled["demand_id"])
    # ... or the motion is filed in the asylum dossier 19637
    in_dossier = stance.score_passages(_motion_passages(other, doc_id="kst-19637-9999"), nlp=nlp, model=None)
    assert "wachttijden_ind" in set(in_dossier["demand_id"])


def test_evidence_is_a_verbatim_substring_and_scores_in_range(nlp):
    text = "Onze partij vindt dat de opvang beter moet. Het kabinet schaft het tweestatusstelsel weer af."
    out = rules(text, nlp)
    assert out
    for value in out.values():
        assert value["evidence"] in text
        assert -1 <= value["score"] <= 1 and 0 <= value["confidence"] <= 1


# ---------------------------------------------------------------------------------------------
# motions: the request, read in the light of the considerations, decides
# ---------------------------------------------------------------------------------------------
MOTION_REQUEST_AGAINST = (
    "De Kamer, gehoord de beraadslaging, constaterende dat de Spreidingswet gemeenten helpt om "
    "voldoende opvangplekken te bieden; overwegende dat veel gemeenten de wet steunen; verzoekt de "
    "regering de Spreidingswet in te trekken, en gaat over tot de orde van de dag.")
MOTION_ANAPHOR = (
    "De Kamer, gehoord de beraadslaging, constaterende dat het kabinet de Spreidingswet wil intrekken; "
    "verzoekt de regering deze wet te behouden, en gaat over tot de orde van de dag.")
MOTION_ASKS_INFORMATION = (
    "De Kamer, gehoord de beraadslaging, constaterende dat de wachttijden bij de IND oplopen; "
    "verzoekt de regering de Kamer voor de zomer te informeren over de wachttijden bij de IND, "
    "en gaat over tot de orde van de dag.")


def test_motion_request_differs_from_considerations(nlp):
    out = rules(MOTION_REQUEST_AGAINST, nlp, "motion")
    assert out["spreidingswet"]["label"] == "contra"
    assert "verzoekt" in out["spreidingswet"]["evidence"]


def test_motion_request_refers_back_to_considerations(nlp):
    assert label(MOTION_ANAPHOR, "spreidingswet", nlp, "motion") == "pro"


def test_a_motion_that_names_a_demand_only_in_its_considerations_takes_no_side_on_it(nlp):
    motion = ("De Kamer, gehoord de beraadslaging, constaterende dat het kabinet de Spreidingswet wil "
              "intrekken; overwegende dat gemeenten daardoor hun opvangplekken gaan sluiten; verzoekt de "
              "regering de kosten van hotelschepen voor de zomer in kaart te brengen, en gaat over tot de orde van de dag.")
    out = rules(motion, nlp, "motion")
    assert out["spreidingswet"]["label"] == "neutral"
    assert out["spreidingswet"]["score"] < 0   # the considerations' lean stays in the score
    # "deze uitdagingen" do not point back to the law named among them
    motion = ("De Kamer, gehoord de beraadslaging, overwegende dat de IND voor uitdagingen staat zoals het "
              "invoeren van het tweestatusstelsel; verzoekt de regering extra te investeren in de IND om "
              "deze uitdagingen aan te kunnen, en gaat over tot de orde van de dag.")
    out = rules(motion, nlp, "motion")
    assert out["nationale_maatregelen_loslaten"]["label"] == "neutral"
    assert out["wachttijden_ind"]["label"] == "pro"


def test_a_conjunction_dat_does_not_refer_back(nlp):
    # "mede te delen dat ..." is no anaphor: the request is not about the IND named in a consideration
    motion = ("De Kamer,\ngehoord de beraadslaging,\nconstaterende dat de IND en het COA de asielcrisis "
              "maatschappij-ontwrichtend noemen;\nverzoekt de regering in Brussel mede te delen dat Nederland "
              "overgaat tot invoering van grenscontroles,\nen gaat over tot de orde van de dag.")
    assert label(motion, "wachttijden_ind", nlp, "motion") in (None, "neutral")


def test_introducing_a_restriction_is_less(nlp):
    # a "more" verb whose object is a "less" word: a stop, a ban, extra restrictions
    assert label("De regering voert ook een stop in voor gezinshereniging van Syriërs.", "gezinshereniging", nlp) == "contra"
    assert label("Verzoekt de regering een stop in te voeren op gezinshereniging.", "gezinshereniging", nlp) == "contra"
    assert label("Er komen extra beperkingen op gezinshereniging.", "gezinshereniging", nlp) == "contra"
    assert label("We breiden gezinshereniging uit.", "gezinshereniging", nlp) == "pro"


def test_motion_asking_information_is_neutral(nlp):
    assert label(MOTION_ASKS_INFORMATION, "wachttijden_ind", nlp, "motion") == "neutral"


# ---------------------------------------------------------------------------------------------
# word order of Dutch main clauses, lists, look-alike words (errors seen on 2025 programmes)
# ---------------------------------------------------------------------------------------------
def test_negation_after_the_finite_verb_and_inside_a_split_verb(nlp):
    # verb second, negation after it; separable verbs split around the object
    assert label("We voeren geen asielstop in.", "bescherming_non_refoulement", nlp) == "pro"
    assert label("We voeren een asielstop in.", "bescherming_non_refoulement", nlp) == "contra"
    assert label("We schaffen de asielstop niet af.", "bescherming_non_refoulement", nlp) == "contra"
    assert label("De asielstop voeren we niet in.", "bescherming_non_refoulement", nlp) == "pro"
    assert label("We verhogen het quotum voor hervestiging niet.", "hervestiging_veilige_routes", nlp) == "contra"
    # "niet alleen" is no negation; a negation in the next clause is not this verb's
    assert label("We verhogen het quotum voor hervestiging, niet alleen voor Syriërs.",
                 "hervestiging_veilige_routes", nlp) == "pro"
    assert label("We schaffen het tweestatusstelsel af, zodat gezinnen niet lang wachten.",
                 "nationale_maatregelen_loslaten", nlp) == "pro"
    # a dash opens an appendix: "ook niet" there repeats the negation, it does not cancel it
    assert label("Statushouders krijgen nooit meer voorrang – ook niet met urgentie.",
                 "voorrang_taakstelling", nlp) == "contra"
    # "zonder" after the cue opens its own phrase
    assert label("Naturalisatie kan na vijf jaar zonder strafblad.", "naturalisatietermijn", nlp) == "pro"


def test_list_items_are_read_one_by_one(nlp):
    text = "• We schaffen het tweestatusstelsel af • We voeren een asielstop in"
    out = rules(text, nlp)
    assert out["nationale_maatregelen_loslaten"]["label"] == "pro"
    assert "asielstop" not in out["nationale_maatregelen_loslaten"]["evidence"]
    assert out["bescherming_non_refoulement"]["label"] == "contra"
    assert out["bescherming_non_refoulement"]["evidence"] == "We voeren een asielstop in"
    # a dash inside an item is no list marker
    item = "Nooit meer voorrang op sociale huurwoningen voor statushouders – ook niet met urgentie."
    assert rules(item, nlp)["voorrang_taakstelling"]["evidence"] == item


def test_look_alike_words_are_not_the_demand(nlp):
    assert label("Minder kwetsbare, laagbetaalde arbeidsmigratie naar Nederland.", "kwetsbare_groepen", nlp) is None
    assert label("Kwetsbare asielzoekers krijgen passende opvang.", "kwetsbare_groepen", nlp) == "pro"
    assert label("Asielzoekers uit veilige landen van herkomst krijgen snel een besluit.",
                 "veilig_derde_land", nlp) is None
    assert label("We sturen meer asielzoekers naar veilige landen buiten Europa.",
                 "veilig_derde_land", nlp) == "contra"
    assert label("Meer geld voor de Immigratie- en Naturalisatiedienst voor asielzoekers.",
                 "naturalisatietermijn", nlp) is None
    assert label("Naturalisatie van statushouders kan pas na tien jaar.", "naturalisatietermijn", nlp) == "contra"
    # "meewerken" and "werk maken van" (= act on) are no work; "internationale solidariteit" is aid
    assert label("Asielzoekers die niet meewerken aan terugkeer maken zich strafbaar.", "arbeidsmarkt_toegang", nlp) is None
    assert label("We maken werk van de terugkeer van uitgeprocedeerde asielzoekers.", "arbeidsmarkt_toegang", nlp) is None
    assert label("Meer werk voor statushouders en asielzoekers.", "arbeidsmarkt_toegang", nlp) == "pro"
    assert label("Hulp aan vluchtelingen in de regio is een kwestie van internationale solidariteit.",
                 "eu_solidariteit", nlp) is None
    # persecution is the demand's, prosecution is not; a migration background is no asylum text
    assert label("Asielzoekers krijgen hulp. Bedrijven die vrouwen minder betalen dan mannen worden vervolgd.",
                 "bescherming_non_refoulement", nlp) is None
    assert label("Vluchtelingen die vervolgd worden vanwege hun geloof krijgen hier bescherming.",
                 "bescherming_non_refoulement", nlp) == "pro"
    assert label("Jongeren met een migratieachtergrond worden vaker gediscrimineerd. Kwetsbare jongeren "
                 "krijgen meer steun.", "kwetsbare_groepen", nlp) is None
    assert label("Asielzoekers worden vaker gediscrimineerd. Kwetsbare jongeren krijgen meer steun.",
                 "kwetsbare_groepen", nlp) == "pro"
    assert label("Asielzoekers krijgen opvang. Rusland werkt niet mee aan opsporing, vervolging en berechting "
                 "van verdachten.", "bescherming_non_refoulement", nlp) is None
    # "werkelijk" is no work, "onder meer" (among others) is no "more", an obligation of municipalities
    # is the Spreidingswet only when it is about reception, "zich maximaal inzetten" is no cap
    assert label("Wij bieden vluchtelingen die werkelijk in nood verkeren bescherming.",
                 "arbeidsmarkt_toegang", nlp) is None
    assert label("Asielzoekers en vertegenwoordigers van onder meer de IND overleggen.", "wachttijden_ind", nlp) != "pro"
    assert label("Asielzoekers krijgen opvang. Gemeenten zijn verplicht een woonvisie te maken.",
                 "spreidingswet", nlp) is None
    assert label("Gemeenten worden verplicht asielzoekers op te vangen.", "spreidingswet", nlp) == "pro"
    assert label("Nederland zet zich maximaal in voor een eerlijke verdeling van vluchtelingen.",
                 "bescherming_non_refoulement", nlp) is None
    # treaties in general only count next to an asylum word
    assert label("Asielzoekers krijgen hulp. Nederland sluit een nieuw verdrag tegen landmijnen.",
                 "verdrag_behouden", nlp) is None
    assert label("Het asielbeleid wordt beperkt door verouderde internationale verdragen.",
                 "verdrag_behouden", nlp) == "contra"
    assert label("Het asielbeleid moet strenger. Wij willen de internationale verdragen herzien.",
                 "verdrag_behouden", nlp) == "contra"


def test_look_alike_words_read_on_the_2017_programmes(nlp):
    # "beperking" of people is a disability, not a restriction
    assert label("Asielzoekers met een beperking en LHBTI-asielzoekers krijgen passende opvang.",
                 "kwetsbare_groepen", nlp) == "pro"
    assert label("We beperken de opvang van asielzoekers.", "opvang_kwaliteit", nlp) == "contra"
    # "IND" in capitals; "ind ien" is a broken "indien" in PDF text
    assert label("Asielzoekers krijgen hulp, ind ien nodig, van de gemeente.", "wachttijden_ind", nlp) is None
    assert label("De IND krijgt meer geld voor asielzoekers.", "wachttijden_ind", nlp) == "pro"
    assert stance.candidate_mask(pd.DataFrame({"text": ["De IND krijgt meer geld."]})).tolist() == [True]
    # waiting for social housing is not waiting for the IND
    assert label("Voor statushouders en starters verkorten we de wachttijd voor sociale woningen.",
                 "wachttijden_ind", nlp) is None
    assert label("We verkorten de wachttijden voor asielzoekers.", "wachttijden_ind", nlp) == "pro"
    # displaced people are Ukrainians only when Ukraine is named ("Oekraïense" has an e before the n)
    assert label("Door oorlogen slaan meer vluchtelingen op de vlucht en zijn miljoenen gezinnen ontheemd.",
                 "oekraine_perspectief", nlp) is None
    assert label("De ontheemde Oekraïense vluchtelingen mogen blijven.", "oekraine_perspectief", nlp) == "pro"
    assert label("De Oekraïense mannen moeten terugkeren.", "oekraine_perspectief", nlp) == "contra"
    # concluding new agreements with countries is not the Refugee Convention; standing by it is pro
    assert label("We willen verdragen sluiten met landen in Afrika om vluchtelingen perspectief te bieden.",
                 "verdrag_behouden", nlp) is None
    assert label("Wij staan pal voor het VN-Vluchtelingenverdrag.", "verdrag_behouden", nlp) == "pro"
    assert label("Nederland zet in op het wereldwijd ratificeren van het Vluchtelingenverdrag.",
                 "verdrag_behouden", nlp) == "pro"
    # shelter by municipalities for rejected asylum seekers is not the Spreidingswet
    assert label("Gemeenten die uitgeprocedeerde asielzoekers opvang bieden krijgen een boete.",
                 "spreidingswet", nlp) is None
    # preventing harm to minors is not less of them
    assert label("Voorkomen moet worden dat alleenstaande minderjarige asielzoekers slachtoffer worden van "
                 "mensenhandel.", "kwetsbare_groepen", nlp) != "contra"


def test_cases_read_on_the_2021_programmes(nlp):
    # emphatic accents do not hide a negation
    assert label("Er komt géén beperkend quotum voor het opvangen van vluchtelingen.",
                 "bescherming_non_refoulement", nlp) == "pro"
    # the treaty of Schengen is not the Refugee Convention; an opt-out of the EU pact is not one of it
    assert label("Een herziening van het Verdrag van Schengen is nodig voor het asielbeleid.",
                 "verdrag_behouden", nlp) is None
    assert label("Het Verdrag van Genève over vluchtelingen moet worden herzien.", "verdrag_behouden", nlp) == "contra"
    text = "Wij streven naar een opt-out regeling binnen het nieuwe Migratiepact van de EU."
    assert label(text, "verdrag_behouden", nlp) is None
    assert label(text, "eu_solidariteit", nlp) == "contra"
    assert label("Nederland neemt een opt-out van het Vluchtelingenverdrag.", "verdrag_behouden", nlp) == "contra"
    # "zijn tegen" is opposition, "is tegen de wet" is not
    assert label("Asielzoekers: wij zijn in alle gevallen tegen detentie van kinderen.",
                 "geen_kinderen_detentie", nlp) == "pro"
    assert label("Wij zijn tegenstander van een asielstop.", "bescherming_non_refoulement", nlp) == "pro"
    assert label("Dat is tegen de wet, zegt de IND over asielzoekers.", "wachttijden_ind", nlp) != "contra"
    # work permits for EU labour migrants are not about asylum seekers
    assert label("Met tewerkstellingsvergunningen voor arbeidsmigranten beperken we de instroom van Polen.",
                 "arbeidsmarkt_toegang", nlp) is None
    # legal aid for asylum seekers is legal aid, not the right to asylum
    text = "Gesubsidieerde asielrechtshulp voor asielzoekers moet stoppen."
    assert label(text, "rechtsbijstand_start", nlp) == "contra"
    assert label(text, "bescherming_non_refoulement", nlp) is None


def test_a_purpose_clause_has_its_own_object(nlp):
    # the crises are prevented and the procedures shortened, not solidarity or family reunification
    assert label("Samenwerking en solidariteit tussen lidstaten zijn een voorwaarde om migratiecrises in Europa "
                 "te voorkomen.", "eu_solidariteit", nlp) != "contra"
    assert label("Om procedures te verkorten mag tegelijk met de asielaanvraag het verzoek tot gezinshereniging "
                 "worden ingediend.", "gezinshereniging", nlp) != "contra"
    # the target inside the purpose clause, also in a complement after its verb, is read as before
    assert label("We nemen maatregelen om de wachttijden voor asielzoekers te verkorten.", "wachttijden_ind", nlp) == "pro"
    assert label("Het kabinet neemt maatregelen om sneller te beslissen over asielaanvragen bij de IND.",
                 "wachttijden_ind", nlp) == "pro"
    assert label("We voeren een asielstop in om de instroom te beperken.", "bescherming_non_refoulement", nlp) == "contra"
    # with the purpose clause's verb out of reach, "een einde aan" itself is the direction word: contra
    assert label("In aanloop naar een einde aan asielopvang in Nederland zijn stappen nodig om de druk op "
                 "gemeenten te verlichten.", "bescherming_non_refoulement", nlp) == "contra"


def test_cases_read_on_the_corpus_motions(nlp):
    def motion(request, considering=""):
        return f"De Kamer, gehoord de beraadslaging, {considering}verzoekt de regering {request}, en gaat over tot de orde van de dag."
    assert label(motion("het Vluchtelingenverdrag op te zeggen"), "verdrag_behouden", nlp, "motion") == "contra"
    assert label(motion("uit het VN-Vluchtelingenverdrag te stappen"), "verdrag_behouden", nlp, "motion") == "contra"
    # "niet-" is a prefix, not a negation
    text = motion("ook niet-Oekraïense vluchtelingen eerder aan het werk te laten gaan")
    assert label(text, "arbeidsmarkt_toegang", nlp, "motion") == "pro"
    assert label(text, "oekraine_perspectief", nlp, "motion") is None
    # a list of measures: the second stop is about family reunification, not about the asylum stop
    text = motion("de volgende maatregelen onmiddellijk in te voeren:\nintensieve grenscontroles;\n"
                  "een complete asielstop;\neen stop op gezinshereniging;")
    assert label(text, "bescherming_non_refoulement", nlp, "motion") == "contra"
    assert label(text, "gezinshereniging", nlp, "motion") == "contra"
    # a demand's cue inside an "om ... te" complement still counts, with the negation before it
    text = motion("de Spreidingswet niet in te voeren", "van mening dat er geen draagvlak is om dwang toe te passen "
                  "op gemeenten voor asielopvang; ")
    assert label(text, "spreidingswet", nlp, "motion") == "contra"


def test_cases_read_on_the_2025_programmes(nlp):
    # a self-contained target: its own "niet meer" is neither direction nor negation
    assert label("We leggen vast dat asielzoekers niet meer tegen een afgewezen asielaanvraag kunnen procederen.",
                 "bescherming_non_refoulement", nlp) == "contra"
    assert label("Wij willen niet dat asielzoekers niet meer kunnen procederen.",
                 "bescherming_non_refoulement", nlp) == "pro"
    # adapting the Convention is contra keeping it
    assert label("Europa moet het Vluchtelingenverdrag en het EVRM aan te passen.", "verdrag_behouden", nlp) == "contra"


def test_a_target_named_as_a_comparison_is_not_the_subject(nlp):
    text = ("We schrappen de noodzaak voor een tewerkstellingsvergunning, net als bij Oekraïense vluchtelingen, "
            "en brengen werkgevers met asielzoekers in contact.")
    assert label(text, "oekraine_perspectief", nlp) is None
    assert label(text, "arbeidsmarkt_toegang", nlp) == "pro"
    assert label("Asielzoekers die langer dan een half jaar in de procedure zitten, moeten aan het werk kunnen.",
                 "arbeidsmarkt_toegang", nlp) == "pro"
    assert label("Asielzoekers mogen niet aan het werk.", "arbeidsmarkt_toegang", nlp) == "contra"


def _motion(request, considering=""):
    return f"De Kamer, gehoord de beraadslaging, {considering}verzoekt de regering {request}, en gaat over tot de orde van de dag."


def test_agreements_are_concluded_not_closed(nlp):
    # "sluiten" after an agreement concludes it (more), before a reception centre it closes (less)
    assert label("Nederland wil migratieakkoorden met veilige derde landen sluiten.", "veilig_derde_land", nlp) == "contra"
    assert label("Wij sluiten geen deals met veilige derde landen over asielzoekers.", "veilig_derde_land", nlp) == "pro"
    assert label("Gemeenten mogen meerjarige contracten afsluiten voor de opvang van Oekraïners.",
                 "oekraine_perspectief", nlp) == "pro"
    assert label("Het kabinet sluit dit jaar drie azc's.", "spreidingswet", nlp) == "contra"


def test_undoing_or_loosening_a_restriction(nlp):
    assert label("We scherpen de regels voor gezinshereniging aan.", "gezinshereniging", nlp) == "contra"
    assert label("De aanscherpingen van de regels voor gezinshereniging draaien wij volledig terug.",
                 "gezinshereniging", nlp) == "pro"
    assert label("Wij pleiten voor het terugdraaien van de strengere eisen voor gezinshereniging.",
                 "gezinshereniging", nlp) == "pro"
    assert label("De regels voor nareis worden versoepeld.", "gezinshereniging", nlp) == "pro"
    # loosening a protection weakens it
    assert label("Het bandencriterium voor veilige derde landen wordt versoepeld.", "veilig_derde_land", nlp) == "contra"


def test_replacing_one_thing_by_another(nlp):
    assert label("Het eenstatusstelsel vervangen we door een tweestatusstelsel.",
                 "nationale_maatregelen_loslaten", nlp) == "contra"
    assert label("Wij vervangen het tweestatusstelsel door één status voor alle vluchtelingen.",
                 "nationale_maatregelen_loslaten", nlp) == "pro"


def test_a_limit_is_no_negation(nlp):
    # "niet langer dan zes maanden" is at most six months, not "no longer"
    assert label("Voor een asielzoeker mag de procedure niet langer dan zes maanden duren.",
                 "bescherming_non_refoulement", nlp) is None
    assert label("Asielzoekers kunnen niet langer in beroep gaan.", "bescherming_non_refoulement", nlp) == "contra"


def test_conditional_and_prevent_clauses(nlp):
    # a negation inside an "als"-clause does not reach the main clause
    assert label("Als vluchtelingen in het eerste land niet veilig kunnen blijven, dan volgt hervestiging in Nederland.",
                 "hervestiging_veilige_routes", nlp) != "contra"
    # "voorkomen dat ..." negates the direction word of its clause
    assert label("We voorkomen dat gemeenten de opvang van asielzoekers stoppen.", "opvang_kwaliteit", nlp) == "pro"
    assert label("Wij willen voorkomen dat er een tweestatusstelsel komt.", "nationale_maatregelen_loslaten", nlp) == "pro"
    # a demand's cue inside "om ... te voorkomen" is prevented: the compulsion, not the law, is the object
    assert label("De Spreidingswet wordt ingetrokken, liefst deze maand, maar uiterlijk in maart om een nieuwe "
                 "verplichte verdeling van asielzoekers te voorkomen.", "spreidingswet", nlp) == "contra"
    assert label("Gemeenten worden verplicht om asielzoekers op te vangen om een nieuwe crisis in het "
                 "aanmeldcentrum te voorkomen.", "spreidingswet", nlp) == "pro"


def test_a_trailing_conditional_clause_is_a_condition_unless_it_is_the_position(nlp):
    # "... wanneer het niet lukt om X te sluiten": the negation of the condition says nothing of X
    assert label("Wij houden noodmaatregelen achter de hand wanneer het niet lukt om overeenkomsten met "
                 "veilige derde landen te sluiten.", "veilig_derde_land", nlp) == "neutral"
    assert label("Wij sluiten geen migratieovereenkomsten met veilige derde landen.",
                 "veilig_derde_land", nlp) == "pro"
    assert label("Wij steunen het migratiepact wanneer kinderen nooit in detentie komen.",
                 "geen_kinderen_detentie", nlp) == "neutral"
    # "alleen wanneer ..." is the position itself
    assert label("Wij steunen het migratiepact alleen wanneer kinderen nooit in detentie komen.",
                 "geen_kinderen_detentie", nlp) == "pro"


def test_a_measure_denied_by_its_predicate_or_by_geen_sprake_van(nlp):
    # no direction word: the negated predicate after the mention ("wordt niet getolereerd", "kan nooit aan
    # de orde zijn") or "geen sprake (meer) zijn van" before it wants less of the measure
    assert label("Er mag geen sprake meer zijn van pushbacks door Europese grenswachten.",
                 "bescherming_non_refoulement", nlp) == "pro"
    assert label("Pushbacks aan onze grenzen worden door Nederland niet getolereerd.",
                 "bescherming_non_refoulement", nlp) == "pro"
    assert label("Detentie van kinderen in de asielprocedure kan nooit aan de orde zijn.", "geen_kinderen_detentie", nlp) == "pro"
    assert label("Gezinshereniging van vluchtelingen wordt niet langer toegestaan.", "gezinshereniging", nlp) == "contra"
    # without the negation the mention keeps its own reading
    assert label("Pushbacks aan onze grenzen worden door Nederland getolereerd.",
                 "bescherming_non_refoulement", nlp) == "contra"


def test_an_evaluative_frame_rejects_or_keeps_what_it_frames(nlp):
    assert label("Het is absurd dat statushouders voorrang krijgen bij de toewijzing van sociale huurwoningen.",
                 "voorrang_taakstelling", nlp) == "contra"
    assert label("Het is goed dat statushouders voorrang krijgen bij de toewijzing van sociale huurwoningen.",
                 "voorrang_taakstelling", nlp) == "pro"
    assert label("Het is onverantwoord om gezinshereniging voor vluchtelingen nog verder te beperken.",
                 "gezinshereniging", nlp) == "pro"
    assert label("Het is schandalig dat asielzoekers maandenlang niet mogen werken.", "arbeidsmarkt_toegang", nlp) == "pro"
    # an attributive adjective rejects no clause, and "Dat betekent" is no fronted dat-clause
    assert label("Dat betekent: de Spreidingswet goed uitvoeren, en een einde aan het onmenselijke gesol met "
                 "asielzoekers.", "spreidingswet", nlp) == "pro"


def test_denying_a_right_and_quantifier_negation(nlp):
    assert label("Het recht op gezinshereniging wordt deze groep ontzegd.", "gezinshereniging", nlp) == "contra"
    assert label("Wie fraudeert, moet het recht op gezinshereniging worden ontnomen.", "gezinshereniging", nlp) == "contra"
    assert label("Er gaat nul euro meer naar het Europese herverdelingsfonds voor asielzoekers.", "eu_solidariteit", nlp) == "contra"


def test_a_footnote_number_glued_to_a_word_does_not_hide_it(nlp):
    # PDF exports glue footnote and page numbers to the next word ("12Geen")
    assert label("Dit willen wij: 12Geen asielopvang in Nederland meer.", "opvang_kwaliteit", nlp) == "contra"


def test_a_measure_named_with_its_own_verb_keeps_its_side_next_to_another_verb(nlp):
    # "beperken" belongs to "migratie", not to closing the borders
    assert label("Door de grenzen voor asielzoekers te sluiten en migratie te beperken besparen we miljarden.",
                 "bescherming_non_refoulement", nlp) == "contra"
    assert label("Voor asielzoekers gaan de grenzen dicht en de instroom beperken we.",
                 "bescherming_non_refoulement", nlp) == "contra"
    # stacking procedures is the restrictive parties' word: countering it means fewer remedies
    assert label("Het stapelen van asielprocedures gaan we tegen.", "rechtsbijstand_start", nlp) == "contra"


def test_a_cue_in_a_fronted_object_is_undone_by_the_verb_after_it(nlp):
    # "De verplichte X schaffen we af": the compulsion (a cue of the Spreidingswet) is what goes
    assert label("De verplichte opvang van asielzoekers door gemeenten schaffen we af.", "spreidingswet", nlp) == "contra"
    assert label("De verplichte opvang van asielzoekers door gemeenten houden we in stand.", "spreidingswet", nlp) == "pro"
    # a comparison is not a direction word: "meer dan een reisdocument"
    assert label("De eisen voor inburgering van asielzoekers scherpen we aan: een paspoort is meer dan een "
                 "reisdocument.", "inburgering_investeren", nlp) != "pro"


def test_words_that_look_like_a_position_but_are_not(nlp):
    # "tegen de achtergrond van" is no opposition; a bilateral treaty is not the Refugee Convention
    assert label("Dit is nodig tegen de achtergrond van de krapte in de asielopvang.", "opvang_kwaliteit",
                 nlp) in (None, "neutral")
    assert "verdrag_behouden" not in rules("Elk bilateraal verdrag over migratie wordt opgeschort zodra "
                                           "mensenrechten worden geschonden.", nlp)


def test_what_a_named_cabinet_did_or_what_happens_meanwhile_is_described(nlp):
    assert label("In plaats van de instroom te beperken koos het kabinet-Jansen II ervoor om gemeenten te "
                 "verplichten tot asielopvang.", "spreidingswet", nlp) in (None, "neutral")
    assert label("Het kabinet-Jansen heeft de Spreidingswet ingevoerd.", "spreidingswet", nlp) in (None, "neutral")
    assert label("Intussen krijgen statushouders voorrang op de sociale huurwoningen.",
                 "voorrang_taakstelling", nlp) in (None, "neutral")
    # the recent past, put first, in a sentence of one clause; a clause of the author's own still speaks
    assert label("De afgelopen jaren is de opvang van asielzoekers sterk verbeterd.", "opvang_kwaliteit",
                 nlp) in (None, "neutral")
    assert label("In de afgelopen jaren is de instroom van asielzoekers gestegen, daarom voeren wij een "
                 "asielstop in.", "bescherming_non_refoulement", nlp) == "contra"
    # this cabinet's plans are the programme's own
    assert label("Dit kabinet voert de Spreidingswet volledig uit.", "spreidingswet", nlp) == "pro"


def test_a_verb_used_as_a_noun_in_a_list_has_its_own_object(nlp):
    # "het afschaffen van het hoger beroep" abolishes the appeal, not the system named before it
    text = _motion("wetsvoorstellen naar de Kamer te sturen over het tweestatusstelsel, het afschaffen van het "
                   "hoger beroep en het verkorten van de asielvergunning")
    assert label(text, "nationale_maatregelen_loslaten", nlp, doc_type="motion") != "pro"
    assert label(text, "rechtsbijstand_start", nlp, doc_type="motion") == "contra"


def test_structure_around_a_measure(nlp):
    # restrictions attached to a measure do not limit it (a plain "wij willen" is no direction word: tried,
    # it read goals listed in passing as positions)
    assert label("Wij willen een tweestatusstelsel met extra beperkingen voor asielzoekers met subsidiaire "
                 "bescherming.", "nationale_maatregelen_loslaten", nlp) != "pro"
    assert label("Het kabinet voert een tweestatusstelsel in met extra beperkingen voor asielzoekers met "
                 "subsidiaire bescherming.", "nationale_maatregelen_loslaten", nlp) == "contra"
    # an evaluation is asked for, not a side
    assert label("Wij vragen een onafhankelijke evaluatie van de Spreidingswet voor de opvang van asielzoekers.",
                 "spreidingswet", nlp) in (None, "neutral")
    # a list of oppositions: each "tegen" opposes its own item
    text = "Wij zijn tegen een asielstop, tegen de Spreidingswet en tegen het opzeggen van het Vluchtelingenverdrag."
    assert label(text, "spreidingswet", nlp) == "contra"
    assert label(text, "verdrag_behouden", nlp) == "pro"
    # refusing negates; a cue that is itself a refusal is not negated by it
    assert label("Nederland weigert bij te dragen aan het Europese solidariteitsmechanisme voor asielzoekers.",
                 "eu_solidariteit", nlp) == "contra"
    assert label("Wij weigeren asielzoekers over te nemen van andere EU-landen.", "eu_solidariteit", nlp) == "contra"
    # "X is overbodig" rejects X
    assert label("Een onafhankelijk toezichtsorgaan is overbodig bij de asielprocedure aan de grens.",
                 "onafhankelijke_monitoring", nlp) == "contra"
    # applications not handled, people turned back at the border
    assert label("Nieuwe asielaanvragen worden voorlopig niet meer in behandeling genomen.",
                 "bescherming_non_refoulement", nlp) == "contra"
    assert label("Asielzoekers worden aan de grens teruggewezen.", "bescherming_non_refoulement", nlp) == "contra"
    # what others plead for, in either word order
    assert label("In de Kamer pleitten drie fracties voor het opzeggen van het Vluchtelingenverdrag voor asielzoekers.",
                 "verdrag_behouden", nlp) in (None, "neutral")


def test_the_dublin_regulation_alone_takes_no_side_on_solidarity(nlp):
    # enforcing Dublin or abolishing it says nothing of a solidarity mechanism by itself
    assert label("De Dublinverordening moet strikt worden gehandhaafd.", "eu_solidariteit", nlp) in (None, "neutral")
    assert label("Nederland zet zich in voor het afschaffen van de Dublinverordening.",
                 "eu_solidariteit", nlp) in (None, "neutral")
    # a solidarity mechanism is still the demand
    assert label("Wij zetten ons in voor een eerlijk solidariteitsmechanisme voor asielzoekers tussen de EU-lidstaten.", "eu_solidariteit", nlp) == "pro"


def test_people_described_by_the_right_to_asylum_take_no_side(nlp):
    assert "bescherming_non_refoulement" not in rules(
        "Economische migranten hebben geen recht op asiel en keren terug.", nlp)
    assert "bescherming_non_refoulement" not in rules(
        "Mensen die geen recht op asiel hebben, keren terug naar hun land.", nlp)
    # denying the right to a group is a position
    assert label("Geen recht op asiel voor wie uit een veilig land komt.", "bescherming_non_refoulement", nlp) == "contra"


def test_targets_of_their_own_in_a_list_of_measures(nlp):
    # each list item has its verb: closing centres says nothing about sending people back
    assert label("Wij sluiten de azc's, sturen asielzoekers aan de grens terug en voeren een asielstop in.",
                 "bescherming_non_refoulement", nlp) == "contra"
    assert label("Een volledige asielstop en sluiting van alle azc's.", "bescherming_non_refoulement", nlp) == "contra"
    assert label("Nederland doet de grenzen dicht voor asielzoekers.", "bescherming_non_refoulement", nlp) == "contra"


def test_sentences_about_something_else_are_excluded(nlp):
    # which budget pays for reception is not about its quality or the right to protection
    text = "Wij betalen de opvang van asielzoekers niet langer uit het budget voor ontwikkelingssamenwerking."
    assert label(text, "opvang_kwaliteit", nlp) is None
    assert label(text, "bescherming_non_refoulement", nlp) is None
    assert label("Er komen meer opvanglocaties voor vluchtelingen die slachtoffer zijn van huiselijk geweld.",
                 "opvang_kwaliteit", nlp) is None
    assert label("Wij investeren in goede opvang in de regio voor Syrische vluchtelingen.", "opvang_kwaliteit", nlp) is None
    assert label("De opvang van Syrische vluchtelingen in de regio steunen wij met geld.", "opvang_kwaliteit", nlp) is None
    assert label("Wie zich aansluit bij een terroristische groep en een dubbele nationaliteit heeft, verliest het "
                 "Nederlanderschap.", "naturalisatietermijn", nlp) is None
    assert label("Er komen strengere taaleisen voor arbeidsmigranten in de bouw.", "taaleis_haalbaar", nlp) is None
    assert label("Er komen strengere taaleisen voor statushouders.", "taaleis_haalbaar", nlp) == "contra"
    # a treaty on the EU is not the Refugee Convention; a UNHCR quota is resettlement, not a cap
    assert label("Grenscontroles tegen irreguliere migratie, op grond van het Verdrag betreffende de werking "
                 "van de Europese Unie.", "verdrag_behouden", nlp) is None
    text = "Wij verhogen het quotum van de UNHCR naar drieduizend vluchtelingen per jaar."
    assert label(text, "hervestiging_veilige_routes", nlp) == "pro"
    assert label(text, "bescherming_non_refoulement", nlp) is None
    assert label("Er komt een hervestigingsquotum voor vluchtelingen dat ook nul mag zijn.",
                 "hervestiging_veilige_routes", nlp) == "contra"
    # housing backlogs, spreading people over neighbourhoods and "eigen volk eerst" abroad
    assert label("Kinderen van nieuwkomers met achterstanden in taal gaan naar de voorschool.",
                 "wachttijden_ind", nlp) is None
    assert label("De achterstanden bij de IND werken we weg.", "wachttijden_ind", nlp) == "pro"
    assert label("Gemeenten mogen nieuwkomers over wijken spreiden.", "spreidingswet", nlp) is None
    assert label("We spreiden asielzoekers eerlijk over alle gemeenten.", "spreidingswet", nlp) == "pro"
    assert label("Daar steunt het regime groepen met de leuze eigen volk eerst, en vluchtelingen betalen de prijs.",
                 "huisvesting_statushouders", nlp) is None
    # support for Ukraine in the war is not the perspective of Ukrainian refugees
    assert label("Wij steunen Oekraïners militair, zolang als nodig.", "oekraine_perspectief", nlp) is None
    assert label("Oekraïense vluchtelingen krijgen steun om hier te blijven werken.", "oekraine_perspectief", nlp) == "pro"


def test_more_direction_words(nlp):
    assert label("De gesloten gezinslocatie heffen we op.", "geen_kinderen_detentie", nlp) == "pro"
    assert label("De inburgeringstoets schaffen we af.", "taaleis_haalbaar", nlp) == "pro"
    assert label("De inburgeringstoets schaffen we af.", "inburgering_investeren", nlp) is None
    assert label("Werk wordt voor asielzoekers makkelijker.", "arbeidsmarkt_toegang", nlp) == "pro"
    assert label("Gezinshereniging wordt voor vluchtelingen niet moeilijker gemaakt.", "gezinshereniging", nlp) == "pro"
    assert label("Gezinshereniging wordt voor vluchtelingen moeilijker.", "gezinshereniging", nlp) == "contra"
    assert label("Wie in de opvang geweld gebruikt, verliest het recht op asiel.", "bescherming_non_refoulement", nlp) == "contra"
    # "tornen aan" is tampering with: not doing it keeps the treaty
    assert label("Wij tornen niet aan het Vluchtelingenverdrag.", "verdrag_behouden", nlp) == "pro"
    assert label("Bij de herziening van het asielbeleid niet tornen aan de rechten uit het Vluchtelingenverdrag.",
                 "verdrag_behouden", nlp) == "pro"
    assert label("In de asielprocedure wordt beter gekeken naar kwetsbare groepen.", "kwetsbare_groepen", nlp) == "pro"
    assert label("Wij zijn voorstander van de maatregelen uit de Asielnoodmaatregelenwet.",
                 "nationale_maatregelen_loslaten", nlp) == "contra"
    assert label("Er komt een behandelstop op asielaanvragen.", "bescherming_non_refoulement", nlp) == "contra"


def test_direction_words_stay_in_their_clause(nlp):
    # "soepeler" loosens only what stands in its own clause
    text = "Wij willen een opt-out op asiel en een soepeler stikstofbeleid in de EU."
    assert label(text, "eu_solidariteit", nlp) == "contra"
    # a verb inside a target's own words speaks only when no other direction word does
    assert label("Wie in een azc geweld gebruikt, verliest zijn recht op asiel.",
                 "bescherming_non_refoulement", nlp) == "contra"
    assert label("Iedereen die vlucht voor oorlog houdt recht op asiel.", "bescherming_non_refoulement", nlp) == "pro"
    # an article of the ECHR applied to a case is not the treaty's status
    assert label("Het Vreemdelingenbesluit passen we zo aan dat asielkinderen altijd een toets op artikel 8 "
                 "EVRM krijgen.", "verdrag_behouden", nlp) is None


def test_each_conjunct_has_its_own_verb(nlp):
    # the direction word of the target's own clause comes first; "recht op" is mostly a noun phrase
    text = _motion("het tweestatusstelsel zo snel mogelijk in te voeren en daarbij de rechten op gezinshereniging "
                   "voor subsidiair beschermden te beperken")
    assert label(text, "gezinshereniging", nlp, "motion") == "contra"
    assert label(text, "nationale_maatregelen_loslaten", nlp, "motion") == "contra"
    assert label("Wij willen meer opvangplekken en minder noodopvang voor asielzoekers.", "opvang_kwaliteit", nlp) == "pro"
    assert label("Iedereen die vlucht voor oorlog houdt recht op asiel.", "bescherming_non_refoulement", nlp) == "pro"


def test_a_modal_add_on_after_the_request_does_not_make_it_neutral(nlp):
    text = _motion("de Spreidingswet in te trekken, en de Kamer daarover voor de zomer te informeren")
    assert label(text, "spreidingswet", nlp, "motion") == "contra"
    text = _motion("te onderzoeken of de Spreidingswet kan worden ingetrokken")
    assert label(text, "spreidingswet", nlp, "motion") == "neutral"


def _motion_passages(text, doc_id="kst-1-1"):
    rows = segment.segment_motion(text)
    df = pd.DataFrame(rows)
    df["doc_id"] = doc_id
    df["passage_id"] = [f"{doc_id}#{o}" for o in df["order"]]
    return schemas.coerce(df, "passages")


def test_score_passages_motion_has_one_document_row_and_clause_evidence(nlp):
    passages = _motion_passages(MOTION_REQUEST_AGAINST)
    out = stance.score_passages(passages, nlp=nlp, model=None)
    schemas.validate(out, "stances")
    doc_rows = out[(out["level"] == "document") & (out["demand_id"] == "spreidingswet")]
    assert len(doc_rows) == 1 and doc_rows.iloc[0]["label"] == "contra"
    assert (out["level"] == "clause").any()
    texts = dict(zip(passages["passage_id"], passages["text"]))
    assert all(ev in texts[pid] for pid, ev in zip(out["passage_id"], out["evidence"]))


def test_score_passages_empty_and_unrelated(nlp):
    assert stance.score_passages(schemas.empty("passages"), nlp=nlp).empty
    df = pd.DataFrame([{"passage_id": "p#0", "doc_id": "p", "level": "paragraph", "order": 0,
                        "clause_type": None, "heading_path": "", "text": "Wij investeren in fietspaden.",
                        "char_start": 0, "char_end": 28}])
    assert stance.score_passages(schemas.coerce(df, "passages"), nlp=nlp).empty


def test_candidate_mask_is_cheap_filter():
    df = pd.DataFrame({"text": ["Het kabinet schaft het tweestatusstelsel weer af.", "Meer fietspaden in de stad.",
                                "De Spreidingswet blijft.", None]})
    assert stance.candidate_mask(df).tolist() == [True, False, True, False]


def test_spacy_component_writes_target_spans(nlp):
    component = stance.DemandTargets(stance.load_catalogue())
    doc = component(nlp("Het kabinet schaft het tweestatusstelsel weer af en behoudt de Spreidingswet."))
    labels = {span.label_ for span in doc.spans["demand_targets"]}
    assert {"nationale_maatregelen_loslaten", "spreidingswet"} <= labels


# ---------------------------------------------------------------------------------------------
# learned layer and persistence
# ---------------------------------------------------------------------------------------------
def _toy_pairs(nlp):
    texts = {"Het kabinet schaft het tweestatusstelsel weer af.": "pro",
             "Ons land voert een tweestatusstelsel in.": "contra",
             "Het tweestatusstelsel wordt onderzocht.": "neutral",
             "Ons tweestatusstelsel is een term uit de biologie.": "none"}
    rows = []
    for text, y in texts.items():
        found = stance.analyse(text, nlp(text))
        readings = found["nationale_maatregelen_loslaten"]
        rows.append({"features": stance.pair_features(readings, "nationale_maatregelen_loslaten", "T2",
                                                      "programme", "paragraph"), "y": y})
    return pd.DataFrame(rows * 3)


def test_model_fit_predict_save_load_roundtrip(tmp_path, nlp):
    pairs = _toy_pairs(nlp)
    model = stance.StanceModel(C=5.0).fit(pairs, pairs["y"])
    proba = model.predict_proba(pairs)
    assert proba.shape == (len(pairs), 4)
    stance.save_model(model, tmp_path)
    loaded = stance.load_model(tmp_path)
    assert (loaded.predict_proba(pairs) - proba).__abs__().max() < 1e-9
    assert list(loaded.predict(pairs[:3])) == ["pro", "contra", "neutral"]


@pytest.mark.skipif(not has_shared(), reason="needs ../shared")
def test_bootstrap_mean_shrinks_rare_features_more_than_common_ones():
    pairs, _ = stance._dev_pairs()
    single = stance.StanceModel(n_bootstrap=0).fit(pairs, pairs["y"])
    averaged = stance.StanceModel(n_bootstrap=20).fit(pairs, pairs["y"])
    assert list(averaged.classes_) == list(single.classes_)   # still one linear model of the same classes
    X = single.vectorizer_.transform(list(pairs["features"]))
    seen_in = np.asarray((X != 0).sum(axis=0)).ravel()

    def shrink(mask):
        return (np.abs(averaged.classifier_.coef_[:, mask]).mean()
                / np.abs(single.classifier_.coef_[:, mask]).mean())

    assert shrink(seen_in == 1) < shrink(seen_in > 10) < 1.0


def test_load_model_refuses_tampered_file(tmp_path, nlp):
    pairs = _toy_pairs(nlp)
    stance.save_model(stance.StanceModel().fit(pairs, pairs["y"]), tmp_path)
    path = tmp_path / stance.MODEL_FILE
    payload = json.loads(path.read_text())
    payload["intercept"][0] += 1.0
    path.write_text(json.dumps(payload))
    with pytest.raises(ValueError):
        stance.load_model(tmp_path)


def test_shipped_model_loads_and_scores(nlp):
    model = stance.load_model()
    if model is None:
        pytest.skip("no shipped stance model")
    out = stance.predict_text("Het kabinet schaft het tweestatusstelsel weer af.", nlp=nlp, model=model)
    for value in out.values():
        assert value["label"] in schemas.STANCE_LABELS


SCORED_SENTENCES = [
    "Het kabinet schaft het tweestatusstelsel weer af.",
    "Wij voeren een tweestatusstelsel in.",
    "Verzoekt de regering de Spreidingswet niet in te trekken.",
    "Verzoekt de regering de Spreidingswet in te trekken.",
    "We verkorten de wachttijden bij de IND.",
    "De naturalisatietermijn gaat naar tien jaar.",
    "Wij zijn tegen de bouw van een nieuw azc in onze gemeente.",
    "We steunen de hervestiging van vluchtelingen uit kampen via de VN.",
    "We steunen internationale verdragen over asiel.",
]


def test_shipped_model_score_agrees_with_its_label(nlp):
    model = stance.load_model()
    if model is None:
        pytest.skip("no shipped stance model")
    seen = 0
    for text, doc_type in [(t, d) for t in SCORED_SENTENCES for d in ("programme", "motion")]:
        for value in stance.predict_text(text, doc_type=doc_type, nlp=nlp, model=model).values():
            seen += 1
            if value["label"] == "pro":
                assert value["score"] > 0, (text, value)
            elif value["label"] == "contra":
                assert value["score"] < 0, (text, value)
            assert 0.0 <= value["confidence"] <= 1.0
    assert seen >= 4


def test_certain_rules_overrule_the_learned_layer_despite_a_mention_in_passing(nlp):
    """A title-only motion: the rules are certain about the Spreidingswet (no coercion of
    municipalities = contra); the bare mention of reception (opvang_kwaliteit) must not block that."""
    model = stance.load_model()
    if model is None:
        pytest.skip("no shipped stance model")
    title = ("Motie van het lid Jansen over geen enkele dwang richting gemeenten die geen asielopvang "
             "op hun grondgebied willen")
    out = stance.predict_text(title, doc_type="motion", nlp=nlp, model=model)
    assert out["spreidingswet"]["label"] == "contra"
    assert out["spreidingswet"]["score"] < 0


def test_shipped_model_gives_a_bare_mention_no_side_unless_sure(nlp):
    """Naming the Refugee Convention as the basis of one's policy takes no side against the letter;
    the learned layer used to read such bare mentions as contra (a prior from dev's authors). The
    bootstrap-mean layer (ninth session) mostly reports a purely factual mention as not addressed at
    all rather than neutral; either way it gets no side."""
    model = stance.load_model()
    if model is None:
        pytest.skip("no shipped stance model")
    for text in ["Het Vluchtelingenverdrag regelt wie als vluchteling wordt erkend.",
                 "Het Vluchtelingenverdrag is in 1951 opgesteld, na de Tweede Wereldoorlog."]:
        out = stance.predict_text(text, nlp=nlp, model=model)
        if "verdrag_behouden" in out:
            assert out["verdrag_behouden"]["label"] == "neutral", out
            assert abs(out["verdrag_behouden"]["score"]) < 0.1
    # upholding it is a cue of the demand, not a bare mention: pro
    for text in ["Het Vluchtelingenverdrag en het Europees Verdrag voor de Rechten van de Mens vormen de "
                 "basis voor onze omgang met vluchtelingen.",
                 "Menswaardigheid en naleving van het Vluchtelingenverdrag staan hierbij voorop."]:
        out = stance.predict_text(text, nlp=nlp, model=model)
        assert out["verdrag_behouden"]["label"] == "pro", out
    # a direction word still gives a side
    out = stance.predict_text("Wij zeggen het Vluchtelingenverdrag op.", nlp=nlp, model=model)
    assert out["verdrag_behouden"]["label"] == "contra"


@pytest.mark.skipif(not has_shared(), reason="needs ../shared")
def test_candidate_mask_recall_on_dev_against_full_detection():
    rows = [json.loads(line) for line in (shared_dir() / "eval" / "dev.jsonl").read_text().splitlines()]
    blank = spacy.blank("nl")
    blank.add_pipe("sentencizer")
    mask = stance.candidate_mask(pd.DataFrame({"text": [r["text"] for r in rows]}))
    detected = [bool(stance.analyse(r["text"], blank(r["text"]),
                                    r["doc_type"], "document" if r["doc_type"] == "motion" else "paragraph"))
                for r in rows]
    missed = sum(d and not m for d, m in zip(detected, mask))
    assert missed == 0
    assert mask.mean() < 0.9  # it does filter


@pytest.mark.skipif(not has_shared(), reason="needs ../shared")
def test_cross_validation_returns_scorer_figures():
    res = stance.cross_validate(n_splits=3, seed=0)
    for key in ("demand_f1", "stance_f1", "stance_acc", "stance_macro_f1", "stance_precision", "stance_recall"):
        assert 0.0 <= res[key] <= 1.0
    assert set(res["per_demand"]) == set(stance.load_catalogue().ids)
    assert res["stance_f1"] > 0.3  # far above chance (a random label on found pairs gives ~1/3 of demand F1)


def test_coming_into_being_starting_and_stopping_with(nlp):
    # "er komt" brings a measure into being: negated, the letter's side
    assert label("Wij zorgen dat asielzoekers niet langer hoeven te wachten en er geen tweestatusstelsel komt.",
                 "nationale_maatregelen_loslaten", nlp) == "pro"
    assert label("Er komt een tweestatusstelsel.", "nationale_maatregelen_loslaten", nlp) == "contra"
    # starting: "start geen" is far from the target, but negates the verb
    assert label("Ook start Nederland geen zogenaamde 'terugkeerhubs' buiten Europa.", "geen_terugkeerhubs", nlp) == "pro"
    assert label("Nederland gaat samen met Denemarken terugkeerhubs opzetten.", "geen_terugkeerhubs", nlp) == "contra"
    # "stoppen met ... meer te bieden dan ..." stops what the clause offers, examples after it included
    assert label("We stoppen met vluchtelingen meer te geven dan de EU vereist, bijvoorbeeld bij de geldigheidsduur "
                 "van de verblijfsvergunning.", "verblijfsduur_behouden", nlp) == "contra"
    # only temporary permits: the permanent one goes
    assert label("Wij kiezen voor tijdelijke asielvergunningen.", "verblijfsduur_behouden", nlp) == "contra"
    assert label("De tijdelijke asielvergunning van vijf jaar blijft bestaan.", "verblijfsduur_behouden", nlp) == "pro"


def test_the_ind_as_one_agency_among_many_or_as_decider_is_not_about_waiting_times(nlp):
    assert label("De IND krijgt meer geld en personeel.", "wachttijden_ind", nlp) == "pro"
    assert label("Statushouders verliezen hun vergunning, tenzij anders wordt besloten door de IND.",
                 "wachttijden_ind", nlp) is None
    assert label("De Belastingdienst, het UWV en de IND krijgen meer geld voor klantcontact.",
                 "wachttijden_ind", nlp) is None


def test_a_broad_word_for_reception_yields_to_a_precise_target_of_another_demand(nlp):
    # "azc" alone is about the distribution of reception ...
    assert label("Wij zijn tegen de komst van een azc in onze gemeente.", "spreidingswet", nlp) == "contra"
    # ... but next to another demand's precise target the sentence is about that one
    text = "In het azc krijgen asielzoekers vanaf dag één taalles."
    out = rules(text, nlp)
    assert "spreidingswet" not in out
    assert out["activiteiten_taal"]["label"] == "pro"
    # with a verb of its own the broad word keeps its reading next to another demand's measure
    out = rules("Wij gaan alle azc's sluiten, asielzoekers aan de grens terugsturen en criminelen uitzetten.", nlp)
    assert out["spreidingswet"]["label"] == "contra"
    assert out["bescherming_non_refoulement"]["label"] == "contra"


def test_reception_of_asylum_seekers_and_a_cue_that_names_the_demand(nlp):
    # "opvang ... voor asielzoekers" is reception as much as "opvang ... van vluchtelingen"
    assert label("Wij willen de opvang en voorzieningen voor asielzoekers versoberen.", "opvang_kwaliteit", nlp) == "contra"
    # a broad word with the demand's own cue ("vrijwilligheid") does not yield to the reception demand
    text = "De Kamer spreekt uit dat asielopvang door gemeenten altijd op basis van vrijwilligheid plaatsvindt."
    assert label(text, "spreidingswet", nlp) == "contra"


def test_sending_asylum_seekers_to_a_safe_third_country(nlp):
    # sending asylum seekers to a "safe" third country, or examining their claims there, empties
    # the principle the letter wants kept: contra, with or without a direction word
    assert label("Asielzoekers die via Turkije zijn gereisd, sturen we terug naar een veilig derde land.",
                 "veilig_derde_land", nlp) == "contra"
    assert label("Wij willen dat asielverzoeken voortaan in een veilig derde land worden behandeld.",
                 "veilig_derde_land", nlp) == "contra"
    # a passive "worden onderzocht" of applications is the IND at work, not a noncommittal study
    assert label("Wij steunen een regeling waarmee asielaanvragen in een veilig derde land worden onderzocht.",
                 "veilig_derde_land", nlp) == "contra"
    assert label("Er wordt onderzocht of het bandencriterium kan vervallen.", "veilig_derde_land", nlp) == "neutral"
    # negated: nobody is sent there
    assert label("Wij sturen niemand terug naar een zogenaamd veilig derde land waarmee hij geen band heeft.",
                 "veilig_derde_land", nlp) == "pro"
    # letting go of the connection criterion weakens the principle
    assert label("Het bandencriterium wordt losgelaten.", "veilig_derde_land", nlp) == "contra"
    assert label("We laten het tweestatusstelsel los.", "nationale_maatregelen_loslaten", nlp) == "pro"


def test_carrying_on_keeps_and_reception_abroad_or_of_rejected_asylum_seekers_is_not_reception_here(nlp):
    assert label("Daarom zetten wij de Spreidingswet gewoon door.", "spreidingswet", nlp) == "pro"
    assert label("We zetten de Spreidingswet voort.", "spreidingswet", nlp) == "pro"
    # shelter for rejected asylum seekers is another policy than the reception the letter means ...
    assert "opvang_kwaliteit" not in rules(
        "Gemeenten die afgewezen asielzoekers toch opvang geven, verliezen hun subsidie.", nlp)
    # ... unless it is named "bed, bad en brood", the letter's own word for sober reception
    assert label("Wij schaffen bed, bad en brood voor uitgeprocedeerde asielzoekers af.",
                 "opvang_kwaliteit", nlp) is not None
    # reception in other countries is not the Dutch reception the demand is about
    assert "opvang_kwaliteit" not in rules("Landen die veel vluchtelingen opvangen, krijgen extra steun van de EU.", nlp)
    assert "opvang_kwaliteit" not in rules(
        "Wij willen dat de opvang van asielzoekers voortaan in veilige derde landen plaatsvindt.", nlp)
    # reception of asylum seekers in the Netherlands still is
    assert label("Wij investeren in goede opvang van asielzoekers.", "opvang_kwaliteit", nlp) == "pro"


def test_loosening_removing_barriers_condemning_and_refraining(nlp):
    # "minder" inside "minder streng" loosens the rules, it does not cut family reunification
    assert label("De eisen voor gezinshereniging worden minder streng.", "gezinshereniging", nlp) == "pro"
    # removing the restrictions on small reception locations is more of them, not fewer
    assert label("Wij willen alle beperkingen wegnemen voor nieuwe opvanglocaties voor asielzoekers.",
                 "opvang_kwaliteit", nlp) == "pro"
    # condemning pushbacks is against them (the letter: pro protection)
    assert label("Nederland moet het veroordelen van pushbacks aan de Europese grenzen steunen.",
                 "bescherming_non_refoulement", nlp) == "pro"
    # refraining from introducing a measure is not introducing it
    assert label("Het kabinet moet afzien van het invoeren van een tweestatusstelsel.",
                 "nationale_maatregelen_loslaten", nlp) == "pro"
    # "een streep zetten door" ends a plan; it is not "doorzetten"
    assert label("Wij zetten een streep door de plannen voor een nieuw azc in onze stad.", "spreidingswet", nlp) == "contra"
    # a place named in passing is not the distribution of reception
    assert "spreidingswet" not in rules("Na het azc verhuizen statushouders niet meer vanzelf naar een huurwoning.", nlp)


@pytest.mark.parametrize("text", [
    "Bij al deze maatregelen letten we op de rechten van asielzoekers en de internationale "
    "verdragen. We blijven pal staan voor het VN-Vluchtelingenverdrag.",
    # the learned layer refitted in the eleventh session called this one not addressed (the rules read
    # pro, 0.5: the bare mention in the first sentence halves the score, so the rules' override does
    # not apply); the thirteenth session's refit reads it pro again
    "Bij al deze maatregelen kijken we naar de rechten van vluchtelingen en de internationale "
    "verdragen. Wij blijven het Vluchtelingenverdrag trouw.",
])
def test_the_learned_layer_does_not_turn_a_side_the_rules_read_into_the_opposite(text, nlp):
    model = stance.load_model()
    if model is None:
        pytest.skip("no shipped stance model")
    # a bare mention of treaties next to a clear "keep": without the guard the learned layer said contra
    out = stance.predict_text(text, nlp=nlp, model=model)
    assert out["verdrag_behouden"]["label"] == "pro"
    assert out["verdrag_behouden"]["score"] > 0


def test_a_request_to_carry_out_or_undo_a_measure_the_considerations_describe(nlp):
    # "deze afspraken" are the agreement to limit legal aid: carrying them out limits it
    motion = ("De Kamer, gehoord de beraadslaging, constaterende dat in het coalitieakkoord is afgesproken "
              "om de rechtsbijstand bij asielaanvragen zo veel mogelijk te beperken; constaterende dat er nog "
              "geen uitvoering is gegeven aan deze afspraken; verzoekt de regering zo snel mogelijk over te "
              "gaan tot uitvoering van deze afspraken, en gaat over tot de orde van de dag.")
    assert label(motion, "rechtsbijstand_start", nlp, "motion") == "contra"
    motion = ("De Kamer, gehoord de beraadslaging, constaterende dat de regering voornemens is de "
              "rechtsbijstand voor asielzoekers te beperken; verzoekt de regering deze plannen in te trekken, "
              "en gaat over tot de orde van de dag.")
    assert label(motion, "rechtsbijstand_start", nlp, "motion") == "pro"
    # "deze wet" is the law itself, whatever the considerations say is planned for it
    assert label(MOTION_ANAPHOR, "spreidingswet", nlp, "motion") == "pro"


def test_fairer_distribution_and_solidarity_outside_the_eu(nlp):
    motion = ("De Kamer, gehoord de beraadslaging, verzoekt de regering bij het plaatsen van opvangplekken voor asielzoekers "
              "ook naar de wijken te kijken, zodat de spreiding eerlijker wordt en kan rekenen op meer "
              "draagvlak, en gaat over tot de orde van de dag.")
    assert label(motion, "spreidingswet", nlp, "motion") == "pro"
    assert label("Gemeenten bieden alleen opvang aan asielzoekers als daar draagvlak voor is.", "spreidingswet", nlp) == "contra"
    # solidarity in development aid is not solidarity between EU member states ...
    text = ("Wij investeren vanuit solidariteit in het welzijn van mensen elders. Het budget voor "
            "ontwikkelingssamenwerking staat los van het budget voor asielopvang.")
    assert "eu_solidariteit" not in rules(text, nlp)
    # ... which it is next to the EU or asylum
    assert "eu_solidariteit" in rules("Wij willen meer solidariteit tussen de lidstaten bij de opvang van asielzoekers.", nlp)


def test_treaties_no_longer_up_to_the_task_or_adapted(nlp):
    # "opgewassen tegen" is "up to", not "against"; no longer up to it is outdated
    assert label("Oude internationale verdragen zijn niet langer opgewassen tegen de migratievraagstukken van nu.",
                 "verdrag_behouden", nlp) == "contra"
    assert label("Met een groep gelijkgestemde landen wordt het Vluchtelingenverdrag aangepast.",
                 "verdrag_behouden", nlp) == "contra"
    # people living in an azc are not the distribution of reception
    assert "spreidingswet" not in rules("We voeren een sollicitatieplicht in voor mensen in azc's die mogen werken.", nlp)


def test_a_test_before_naturalisation_and_lessons_for_labour_migrants(nlp):
    # naturalisation named as the occasion of a language test is the language requirement's
    out = rules("Wij willen een verplichte taaltoets voor nieuwkomers vóór hun naturalisatie.", nlp)
    assert out["taaleis_haalbaar"]["label"] == "contra"
    assert "naturalisatietermijn" not in out
    # naturalisation on its own stays the naturalisation demand's
    assert label("Wij maken naturalisatie voor vluchtelingen makkelijker.", "naturalisatietermijn", nlp) == "pro"
    # language lessons for labour migrants are not activities during the asylum procedure
    assert "activiteiten_taal" not in rules(
        "Werkgevers moeten arbeidsmigranten onder werktijd taallessen laten volgen.", nlp)


class _SureOfOneSide:
    """A stand-in for the learned layer that is sure of one side, whatever the readings say."""
    classes_ = ["contra", "neutral", "none", "pro"]

    def __init__(self, side):
        self.side = side

    def predict_proba(self, frame):
        return [[0.85 if c == self.side else 0.05 for c in self.classes_]]


def test_the_learned_layer_gives_no_side_inside_a_modal_frame_nor_the_opposite_side(nlp):
    # only inside a modal frame ("onderzoek naar"): neutral, however sure the learned layer is
    text = "Verzoekt de regering onderzoek te doen naar de pushbacks aan de grenzen van Kroatië."
    readings = stance.analyse(text, nlp(text))["bescherming_non_refoulement"]
    assert all(r.modal for r in readings)
    decided = stance._decide(readings, "bescherming_non_refoulement", "T1", "programme", "paragraph",
                             _SureOfOneSide("contra"))
    assert decided["label"] == "neutral"
    # a side read from a direction word is not turned into the opposite one
    text = "Wij blijven het Vluchtelingenverdrag trouw."
    readings = stance.analyse(text, nlp(text))["verdrag_behouden"]
    decided = stance._decide(readings, "verdrag_behouden", "T1", "programme", "paragraph", _SureOfOneSide("contra"))
    assert decided["label"] == "pro" and decided["score"] > 0
    # ... while a learned "pro" for the same reading stands
    decided = stance._decide(readings, "verdrag_behouden", "T1", "programme", "paragraph", _SureOfOneSide("pro"))
    assert decided["label"] == "pro"


def test_cases_read_on_party_programmes_and_motions_seventh_session(nlp):
    # "geen ... meer" is "no longer": its "meer" is not a "more"
    assert label("Nul asielaanvragen en geen vluchtelingen meer in ons land.",
                 "bescherming_non_refoulement", nlp) == "contra"
    # ... while of a target inside it, "geen X meer" says "less X"
    assert label("Gemeenten geven statushouders geen voorrang meer bij sociale huurwoningen.",
                 "voorrang_taakstelling", nlp) == "contra"
    # the object of "een einde aan" ends before a place: the boredom ends, not the centres
    assert label("Wij maken een einde aan de lange wachttijden en het nietsdoen in asielzoekerscentra.",
                 "spreidingswet", nlp) != "contra"
    # a target inside a conditional clause is a condition, not a position
    assert label("Als kwetsbare asielzoekers, zoals lhbti-vluchtelingen, niet veilig zijn in de gewone opvang, "
                 "krijgen zij een eigen plek.", "kwetsbare_groepen", nlp) != "contra"
    # opting out of the migration pact is less of it
    assert label("Nederland moet een opt-out op het Migratiepact bedingen.", "nationale_maatregelen_loslaten", nlp) == "contra"
    # an attribute "de verplichte ..." names the task; the verb decides
    assert label("De taakstelling voor de verplichte huisvesting van statushouders wordt geschrapt.",
                 "voorrang_taakstelling", nlp) == "contra"
    # abolishing penalty payments for late decisions is contra, whatever the decision term
    assert label("Dwangsommen in asielzaken bij overschrijden beslistermijnen schaffen we af.", "wachttijden_ind", nlp) == "contra"
    # a "less" word whose object is the demand's cue undoes it
    assert label("Wij willen het schrappen van de verplichting voor gemeenten om asielzoekers op te vangen.",
                 "spreidingswet", nlp) == "contra"
    assert label("Gemeenten worden verplicht om asielzoekers op te vangen.", "spreidingswet", nlp) == "pro"
    # ... but not a participle used as an adjective, nor a cue of the demand itself
    assert label("Er komt geen beperkend quotum voor asielzoekers.", "bescherming_non_refoulement", nlp) == "pro"
    assert label("Wij willen het opzeggen van het gedateerde Vluchtelingenverdrag.", "verdrag_behouden", nlp) == "contra"
    # "niet X, omdat ..., maar Y": the reason clause does not hide the correction
    assert label("Het kabinet moet het aantal hervestigingsplaatsen niet verlagen, omdat het om de meest kwetsbaren "
                 "gaat, maar juist de arbeidsmigratie verminderen.", "hervestiging_veilige_routes", nlp) == "pro"
    # border detention of minors is the children-in-detention demand's, not the vulnerable groups'
    out = rules("Wij maken grensdetentie voor alleenstaande minderjarige vreemdelingen mogelijk.", nlp)
    assert out["geen_kinderen_detentie"]["label"] == "contra"
    assert "kwetsbare_groepen" not in out
    # security staff in and around reception centres is not their distribution
    assert "spreidingswet" not in rules("Er komt meer beveiliging in en rondom asielzoekerscentra.", nlp)
    # LGBTI rights in general are not reception geared to LGBTI asylum seekers ...
    assert "kwetsbare_groepen" not in rules(
        "In de cursus is aandacht voor de gelijkheid van man en vrouw, LHBTI-rechten en godsdienstvrijheid.", nlp)
    # ... which the letter asks for
    assert label("In azc's krijgen lhbti'ers een eigen, veilige plek.", "kwetsbare_groepen", nlp) == "pro"
    # reception agreed with countries outside the EU is not Dutch reception
    assert "opvang_kwaliteit" not in rules(
        "We sluiten migratieovereenkomsten met landen in Noord-Afrika over de opvang van asielzoekers daar.", nlp)
    # a question asks; it takes no side
    assert label("Hoe zorgen we ervoor dat statushouders sneller inburgeren?", "inburgering_investeren", nlp) in (None, "neutral")
    # waiting for a benefit is not the IND's waiting time; social assistance's language rule is not
    # the integration requirement; legal aid for undocumented people is not the asylum procedure's
    assert "wachttijden_ind" not in rules("De wachttijden voor een uitkering van asielzoekers worden korter.", nlp)
    assert "taaleis_haalbaar" not in rules("De taaleis in de bijstand geldt ook voor statushouders.", nlp)
    assert "rechtsbijstand_start" not in rules(
        "Asielzoekers en mensen zonder papieren krijgen toegang tot onderdak en rechtsbijstand.", nlp)
    # decent shelter for rejected asylum seekers is not the letter's reception
    assert "opvang_kwaliteit" not in rules("Er komt menswaardige opvang voor afgewezen asielzoekers die niet terug kunnen.", nlp)
    # minors in general are not the vulnerable groups in reception; minors in reception are
    assert "kwetsbare_groepen" not in rules(
        "Het openbare-orde-criterium voor een verblijfsvergunning wordt aangescherpt, ook voor minderjarigen.", nlp)
    assert label("In de opvang krijgen minderjarige asielzoekers extra begeleiding.", "kwetsbare_groepen", nlp) == "pro"
    # language lessons for family migrants paid by employers are not activities during the asylum procedure
    assert "activiteiten_taal" not in rules("Werkgevers betalen mee aan taalles voor asielzoekers en gezinsmigranten.", nlp)
    # refusing asylum seekers is contra; asylum seekers who refuse to leave are not about protection
    assert label("Asielzoekers worden aan de grens geweigerd.", "bescherming_non_refoulement", nlp) == "contra"
    assert "bescherming_non_refoulement" not in rules(
        "Er zijn duizenden uitgeprocedeerde asielzoekers die weigeren het land te verlaten.", nlp)
    # a verb after a long target is as near as a word the same distance before it
    assert label("Voor ontheemden geldt: lidstaten krijgen de bevoegdheid de tijdelijke beschermingsstatus in te trekken.",
                 "oekraine_perspectief", nlp) == "contra"
    assert label("We blijven vluchtelingen uit Oekraïne opvangen.", "oekraine_perspectief", nlp) == "pro"
    # public support for reception is not its quality
    assert "opvang_kwaliteit" not in rules("Het draagvlak voor de opvang van asielzoekers moet behouden blijven.", nlp)
    assert label("Alle asielzoekers die over land komen, gaan we tegenhouden.", "bescherming_non_refoulement", nlp) == "contra"


def test_cases_read_on_party_programmes_and_motions_eighth_session(nlp):
    # "verzoekt ... om X meer te laten bijdragen aan Y": the verb after "te laten" carries the object,
    # and the "minder" of a result clause does not decide
    assert label("Verzoekt de regering om welvarende gemeenten meer te laten bijdragen aan de opvang van asielzoekers, "
                 "zodat dit minder drukt op de armere gemeenten.", "opvang_kwaliteit", nlp) == "pro"
    # resisting (the verb, reflexive) is a "less"; resisting a tightening loosens
    assert label("Wij verzetten ons tegen de herziening van het concept veilig derde land.", "veilig_derde_land", nlp) == "pro"
    assert label("De partij verzet zich tegen de aanscherping van het begrip veilig derde land.",
                 "veilig_derde_land", nlp) == "pro"
    assert label("Wij verzetten ons tegen het sluiten van kleinschalige opvanglocaties.", "opvang_kwaliteit", nlp) == "pro"
    # language teaching for asylum seekers in reception is the lessons-during-the-procedure demand ...
    out = rules("Asielzoekers in de opvang moeten direct taalonderwijs krijgen en de Nederlandse taal leren.", nlp)
    assert out["activiteiten_taal"]["label"] == "pro" and "inburgering_investeren" not in out
    # ... language lessons for status holders are civic integration
    out = rules("Wij investeren in taallessen voor statushouders, zodat zij sneller aan het werk gaan.", nlp)
    assert out["inburgering_investeren"]["label"] == "pro" and "activiteiten_taal" not in out
    assert label("Statushouders krijgen taalonderwijs en worden door gemeenten begeleid bij hun inburgering.",
                 "inburgering_investeren", nlp) == "pro"
    # opposing what worsens a target (its relative clause) keeps the target
    assert label("Wij verzetten ons tegen nieuwe regels die het recht op asiel verder verslechteren.",
                 "bescherming_non_refoulement", nlp) == "pro"
    assert label("Het recht op asiel wordt verslechterd.", "bescherming_non_refoulement", nlp) == "contra"
    assert label("Asielzoekers mogen betaald werk zoeken.", "arbeidsmarkt_toegang", nlp) == "pro"
    # a result clause ", zodat ..." speaks about the result, not about the target before it
    assert label("Wij willen dat rijkere gemeenten meer bijdragen aan de opvang van asielzoekers, zodat dit minder "
                 "drukt op de armere gemeenten.", "opvang_kwaliteit", nlp) == "pro"
    # ... while a target inside it is read there
    assert label("Het COA krijgt meer geld, zodat er minder noodopvang voor asielzoekers nodig is.",
                 "opvang_kwaliteit", nlp) == "pro"
    # language lessons without an asylum context are civic integration, not lessons during the procedure
    out = rules("De integratie van statushouders begint zo snel mogelijk. Nederlandse taallessen en toegang tot "
                "de arbeidsmarkt zijn daarbij van groot belang.", nlp)
    assert out["inburgering_investeren"]["label"] == "pro" and "activiteiten_taal" not in out
    assert label("In het azc krijgt iedereen vanaf de eerste week taalles.", "activiteiten_taal", nlp) == "pro"


def test_cases_read_on_party_programmes_and_motions_ninth_session(nlp):
    # "de wachttijd" of a motion whose considerations say it is the wait before asylum seekers may
    # work is the labour-market demand, not the IND's waiting times
    motion = ("De Kamer, gehoord de beraadslaging, constaterende dat asielzoekers na een wachttijd van zes maanden "
              "de arbeidsmarkt op mogen; verzoekt de regering de wachttijd te verlengen naar negen maanden, "
              "en gaat over tot de orde van de dag.")
    out = rules(motion, nlp, doc_type="motion")
    assert out["arbeidsmarkt_toegang"]["label"] == "contra" and "wachttijden_ind" not in out
    out = rules("Voor asielzoekers geldt een wachttijd van zes maanden voordat zij mogen werken. "
                "Wij willen de wachttijd verkorten naar drie maanden.", nlp)
    assert out["arbeidsmarkt_toegang"]["label"] == "pro" and "wachttijden_ind" not in out
    # ... while the IND's waiting times stay the IND's
    assert label("De wachttijden bij de IND voor asielzoekers moeten omlaag.", "wachttijden_ind", nlp) == "pro"
    # a cost calculation is asked for, not a position
    motion = ("De Kamer, gehoord de beraadslaging, constaterende dat terugkeerhubs geld kosten; verzoekt de regering "
              "een doorrekening te maken van de kosten van de terugkeerhubs, en gaat over tot de orde van de dag.")
    assert label(motion, "geen_terugkeerhubs", nlp, doc_type="motion") == "neutral"
    # other permits and rights are not the duration of the asylum permit
    out = rules("Asielzoekers en slachtoffers van mensenhandel krijgen een permanente verblijfsvergunning.", nlp)
    assert "verblijfsduur_behouden" not in out and out["kwetsbare_groepen"]["label"] == "pro"
    assert "verblijfsduur_behouden" not in rules(
        "Migranten met een permanente verblijfsvergunning mogen na vijf jaar stemmen voor de Tweede Kamer.", nlp)
    assert label("De permanente verblijfsvergunning voor vluchtelingen blijft bestaan.", "verblijfsduur_behouden", nlp) == "pro"
    # "zonder recht op asiel" describes people
    assert "bescherming_non_refoulement" not in rules(
        "De overlast door rondreizende migranten zonder recht op asiel neemt toe.", nlp)
    assert label("Het recht op asiel blijft overeind.", "bescherming_non_refoulement", nlp) == "pro"
    # bringing the most vulnerable refugees here is resettlement; citizens with a migration background
    # are not asylum reception
    out = rules("Het is beter de meest kwetsbare vluchtelingen veilig naar Nederland te brengen via hervestiging.", nlp)
    assert "kwetsbare_groepen" not in out and out["hervestiging_veilige_routes"]["label"] == "pro"
    assert "kwetsbare_groepen" not in rules(
        "Er is aandacht voor kwetsbare groepen zoals ouderen met een migratieachtergrond en asielzoekers.", nlp)
    assert label("In de opvang van asielzoekers krijgen kwetsbare groepen extra begeleiding.", "kwetsbare_groepen", nlp) == "pro"
    # daytime activities together with language teaching are the reception demand
    out = rules("Asielzoekers wachten lang. Wij investeren in zinvolle dagbesteding door snellere toegang tot taalonderwijs.", nlp)
    assert out["activiteiten_taal"]["label"] == "pro" and "inburgering_investeren" not in out
    # "Nederlandse taal" without newcomers or learning is not civic integration (cultural diplomacy)
    assert "inburgering_investeren" not in rules(
        "Buitenlandse Zaken richt zich op het inperken van illegale immigratie en op culturele diplomatie "
        "gericht op het versterken van de Nederlandse taal en cultuur.", nlp)
    assert label("Nieuwkomers moeten zo snel mogelijk de Nederlandse taal leren.", "inburgering_investeren", nlp) == "pro"
    # the idiom "werk (te) maken van" (to act on) is no work
    assert "arbeidsmarkt_toegang" not in rules(
        "Gemeenten stimuleren nieuwkomers om zelf werk te maken van financiële onafhankelijkheid.", nlp)
    # the permit as a condition of civic integration, also with the separable verb; people described by
    # their permit are not that condition
    out = rules("Statushouders die weigeren in te burgeren, verliezen hun verblijfsstatus.", nlp)
    assert out["inburgering_geen_verblijfsvoorwaarde"]["label"] == "contra" and "inburgering_investeren" not in out
    out = rules("Wie niet inburgert, verliest zijn verblijfsvergunning.", nlp)
    assert out["inburgering_geen_verblijfsvoorwaarde"]["label"] == "contra" and "inburgering_investeren" not in out
    out = rules("Wij investeren in goed taalonderwijs voor vluchtelingen met een verblijfsvergunning.", nlp)
    assert out["inburgering_investeren"]["label"] == "pro" and "inburgering_geen_verblijfsvoorwaarde" not in out
    # waiting times and decision terms of family reunification: shorter is pro, longer contra; a target
    # coordinated inside a prepositional phrase ("in asiel- en nareiszaken") is not what is shortened
    assert label("Wij willen dat de beslistermijnen in asiel- en nareiszaken weer korter worden en de wachttijden "
                 "worden weggewerkt.", "gezinshereniging", nlp) == "pro"
    assert label("Wij willen de beslistermijn voor gezinshereniging en nareisaanvragen verlengen naar negen "
                 "maanden.", "gezinshereniging", nlp) == "contra"
    # ... while the same plan reported as the cabinet's is a description (`report`, tenth session)
    assert label("Het kabinet wil de beslistermijn voor gezinshereniging en nareisaanvragen verlengen naar negen "
                 "maanden.", "gezinshereniging", nlp) == "neutral"
    assert label("Voor gezinshereniging van subsidiair beschermden komt een wachttijd van twee jaar.",
                 "gezinshereniging", nlp) == "contra"
    # an implementation test of a bill is asked for, not a position on it
    motion = ("De Kamer, gehoord de beraadslaging, constaterende dat het kabinet de beslistermijnen in asielzaken wil "
              "verlengen; verzoekt de regering het wetsvoorstel tot verlenging van de beslistermijnen in asielzaken te "
              "onderwerpen aan een uitvoeringstoets, en gaat over tot de orde van de dag.")
    assert label(motion, "wachttijden_ind", nlp, doc_type="motion") == "neutral"
    # what is called unacceptable is rejected: compulsion of municipalities is the Spreidingswet's cue
    motion = ("De Kamer, gehoord de beraadslaging, spreekt uit dat het onaanvaardbaar is indien een kabinet overgaat "
              "tot dwang richting gemeenten om asielzoekers op te vangen, en gaat over tot de orde van de dag.")
    assert label(motion, "spreidingswet", nlp, doc_type="motion") == "contra"
    assert label("Dat gemeenten worden gedwongen asielzoekers op te vangen, vinden wij onaanvaardbaar.",
                 "spreidingswet", nlp) == "contra"
    assert label("Gemeenten worden verplicht asielzoekers op te vangen, ook als dat onaanvaardbaar wordt gevonden.",
                 "spreidingswet", nlp) == "pro"


# ---------------------------------------------------------------------------------------------
# probe sentences: one per demand and side, written from the label schema (tests/fixtures)
# ---------------------------------------------------------------------------------------------
PROBE_DIR = Path(__file__).parent / "fixtures"
# texts of sets 1-3 the rules still read wrong (strict expected failures, so that a fix shows)
PROBE_MISSES = {
    # set 1
    "Pushbacks aan de Europese buitengrenzen worden gedoogd.":
        "tolerating pushbacks is no target of the monitoring demand",
    # set 2
    "Nederland blijft zonder voorbehoud partij bij het VN-Vluchtelingenverdrag; aan opzegging of uittreding "
    "werken wij niet mee.": "'werken wij niet mee' after 'of' is outside the clause of the cue 'opzegging'",
    "overwegende dat het Vluchtelingenverdrag al ruim zeventig jaar mensen beschermt tegen vervolging; verzoekt "
    "de regering zich niet aan te sluiten bij Europese initiatieven om het verdrag te herschrijven of af te "
    "zwakken": "the negation stands more than 45 characters before the cue",
    "verzoekt de regering af te zien van aanvullende nationale asielmaatregelen bovenop het EU-migratiepact":
        "a bare mention of national measures is neutral; negated it stays neutral",
    "verzoekt de regering wettelijk te regelen dat statushouders niet langer als urgent woningzoekende worden "
    "aangemerkt": "'aangemerkt als' is no direction word",
    # set 3
    "Iedere asielzoeker krijgt vanaf de eerste dag onafhankelijke voorlichting, een eigen advocaat en waar nodig "
    "een tolk. Goede rechtshulp aan het begin voorkomt lange beroepszaken later.":
        "'voorkomt' (prevents appeals) is read as less legal aid",
    "Asielzoekers krijgen in Nederland via de Raad voor Rechtsbijstand een advocaat toegewezen; de kosten daarvan "
    "worden door de overheid gedragen.": "a description of current law is read as a position",
    "Na de registratie volgt eerst het aanmeldgehoor; daarna krijgt de asielzoeker rust- en voorbereidingstijd "
    "voordat het nader gehoor plaatsvindt.": "a description of the procedure is read as a position",
    "• Taallessen zijn er pas voor wie een verblijfsvergunning heeft. Tijdens de procedure investeren we niet in "
    "integratie.": "language lessons without an asylum word in their sentence are not this demand's",
    "Asielzoekers mogen in Nederland werken als hun aanvraag na zes maanden nog niet is afgerond; de werkgever "
    "heeft dan een tewerkstellingsvergunning nodig.": "a description of current law is read as a position",
    "De Kamer, gehoord de beraadslaging, constaterende dat de Richtlijn tijdelijke bescherming niet onbeperkt kan "
    "worden verlengd; verzoekt de regering tijdig een regeling uit te werken die Oekraïense ontheemden na afloop "
    "van de richtlijn een langetermijnperspectief in Nederland biedt, en gaat over tot de orde van de dag.":
        "'uit te werken' is modal",
    "De Europese tijdelijke bescherming voor Oekraïners is verlengd tot maart 2027; in Nederland verblijven meer "
    "dan 100.000 Oekraïense ontheemden.": "a fact is read as a position ('verlengd')",
    "De Kamer, gehoord de beraadslaging, constaterende dat het kabinet de mogelijkheid wil schrappen om "
    "statushouders urgentie te verlenen; overwegende dat gemeenten daarmee een belangrijk instrument verliezen "
    "om hun taakstelling te halen; verzoekt de regering deze mogelijkheid niet te schrappen, en gaat over tot de "
    "orde van de dag.": "the request's 'niet te schrappen' of the measure named before is not read",
    "Iedere gemeente krijgt per halfjaar een taakstelling: het aantal statushouders dat zij moet huisvesten, "
    "afhankelijk van het aantal inwoners.": "a description of current law is read as a position",
    "• Inburgering is de eigen verantwoordelijkheid van de nieuwkomer. Wie wil inburgeren, betaalt zelf zijn "
    "cursus.": "the cue 'betaalt zelf' after a comma loses to the bare mention of the first sentence",
    "• De verhoging van de taaleis naar B1 voor naturalisatie gaat niet door; het huidige niveau blijft gelden.":
        "'gaat niet door' stands too far from 'verhoging'",
    "De Kamer, gehoord de beraadslaging, constaterende dat het kabinet overweegt de verlenging van "
    "asielvergunningen afhankelijk te maken van het behalen van de inburgering; verzoekt de regering van dit "
    "plan af te zien, en gaat over tot de orde van de dag.": "the considered plan is reported (neutral), so "
                                                             "undoing it takes no side",
    "De Kamer, gehoord de beraadslaging, overwegende dat detentie schadelijk is voor de ontwikkeling van kinderen; "
    "verzoekt de regering bij de uitvoering van het migratiepact wettelijk vast te leggen dat minderjarigen niet "
    "in vreemdelingenbewaring of grensdetentie worden geplaatst, en gaat over tot de orde van de dag.":
        "the negation inside the 'minderjarigen ... bewaring' match is not counted after 'vast te leggen'",
    "Wij zien niets in een nieuw Europees toezichtsorgaan dat grenswachten op de vingers kijkt; de lidstaten aan "
    "de buitengrens controleren hun eigen werk.": "'niets zien in' is no negation",
    "Nederland en Oeganda hebben in 2025 een intentieverklaring getekend over een mogelijke terugkeerhub.":
        "a fact is read as a position (return hubs are contra when named)",
    "Wij willen dat Europa meer deals sluit zoals met Turkije en Tunesië. Kritiek op de mensenrechtensituatie mag "
    "zulke afspraken niet langer in de weg staan.": "'deals' without 'met derde landen' is no target",
}


# set 4 (written 2026-12-07; scored as written, then used for fixes): the texts the rules still read
# wrong, with what the rules read (see the stance card, "eleventh session")
PROBE_MISSES_4 = {
    'De Kamer, gehoord de beraadslaging, constaterende dat in verschillende Europese hoofdsteden wordt gepleit voor een herziening van het Vluchtelingenverdrag; overwegende dat Nederland andere staten alleen op hun verdragsverplichtingen kan aanspreken als het zelf aan het verdrag vasthoudt; verzoekt de regering zich niet aan te sluiten bij initiatieven om het Vluchtelingenverdrag te wijzigen, op te schorten of op te zeggen, en gaat over tot de orde van de dag.':
        "verdrag_behouden: read contra, written pro",
    'Uittreden uit het Vluchtelingenverdrag mag voor ons geen taboe meer zijn. Als Europa geen opt-out regelt, zeggen wij het verdrag desnoods eenzijdig op.':
        "verdrag_behouden: read pro, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat asielzoekers soms langer dan een jaar op hun eerste gehoor wachten; overwegende dat lange wachttijden leiden tot onzekerheid, hogere opvangkosten en een volle opvang; verzoekt de regering een stabiele financiering van de IND te regelen en een plan te presenteren om de achterstanden binnen twee jaar weg te werken, en gaat over tot de orde van de dag.':
        "wachttijden_ind: read neutral, written pro",
    'Iedere asielzoeker krijgt vanaf de eerste dag onafhankelijke uitleg over de procedure, een eigen advocaat en zo nodig een tolk. Goede rechtshulp aan het begin voorkomt dure en lange procedures achteraf.':
        "rechtsbijstand_start: read neutral, written pro",
    'Een vorig kabinet wilde onderscheid maken tussen twee soorten asielstatus en een nationale asielcrisis uitroepen. Daar werken wij niet aan mee.':
        "nationale_maatregelen_loslaten: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat het verkorten van de geldigheidsduur van de asielvergunning extra verlengingsaanvragen bij de IND oplevert; verzoekt de regering niet langer vast te houden aan het voornemen om de vergunning te verkorten en de verblijfsvergunning voor onbepaalde tijd te behouden, en gaat over tot de orde van de dag.':
        "verblijfsduur_behouden: read contra, written pro",
    'Veel gemeenten zien de Spreidingswet als inbreuk op hun eigen beslissingsruimte, maar zonder die wet blijft de opvang bij een handvol plaatsen hangen. Wij houden de wet daarom in stand en zorgen dat iedere gemeente haar deel levert.':
        "spreidingswet: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat de kosten van de asielopvang de afgelopen jaren sterk zijn gestegen; verzoekt de regering het voorzieningenniveau in asielzoekerscentra terug te brengen tot het Europese minimum, en gaat over tot de orde van de dag.':
        "opvang_kwaliteit: read neutral, written contra",
    'De Kamer, gehoord de beraadslaging, overwegende dat kinderen baat hebben bij een stabiele omgeving; overwegende echter dat de opvangcrisis geen ruimte laat voor uitzonderingen; verzoekt de regering de afspraak los te laten dat kinderen alleen op vaste locaties worden opgevangen en gezinnen waar nodig ook in noodopvang te plaatsen, en gaat over tot de orde van de dag.':
        "kinderen_kindvriendelijk: read pro, written contra",
    'Taallessen en activiteiten zijn er voor mensen met een verblijfsvergunning. Voor asielzoekers die nog in de procedure zitten, betalen wij geen cursussen.':
        "activiteiten_taal: read as not addressed, written contra",
    'Werken is de beste vorm van integratie, maar wie nog geen status heeft, hoort niet op de Nederlandse arbeidsmarkt.':
        "arbeidsmarkt_toegang: read as not addressed, written contra",
    'Wanneer de tijdelijke bescherming voor Oekraïners eindigt, eindigt ook hun verblijf hier. Wij zetten dan in op terugkeer naar Oekraïne en sluiten de gemeentelijke opvang.':
        "oekraine_perspectief: read neutral, written contra",
    "De Kamer, gehoord de beraadslaging, constaterende dat duizenden vergunninghouders in azc's wachten op een woning en daarmee opvangplekken bezet houden; verzoekt de regering samen met gemeenten en corporaties de uitstroom van statushouders naar passende woonruimte te versnellen, onder meer via flexwonen, en gaat over tot de orde van de dag.":
        "huisvesting_statushouders: read neutral, written pro",
    'Inburgeren is de eigen verantwoordelijkheid van de nieuwkomer. Wie hier wil blijven, betaalt zelf zijn cursus; de begeleiding door gemeenten bouwen wij af.':
        "inburgering_investeren: read neutral, written contra",
    'Niet iedere nieuwkomer kan in korte tijd taalniveau B1 halen. Wij kiezen voor haalbare eisen die passen bij wat iemand kan, ook bij de toets voor het Nederlanderschap.':
        "taaleis_haalbaar: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat een grote groep inburgeraars laaggeletterd is; verzoekt de regering naast de B1-route een volwaardige alternatieve route te behouden voor wie dat niveau redelijkerwijs niet kan halen, en gaat over tot de orde van de dag.':
        "taaleis_haalbaar: read contra, written pro",
    'De verblijfsvergunning van een vluchteling mag nooit worden ingetrokken of niet verlengd omdat iemand een inburgeringsexamen niet haalt. Bescherming is geen beloning voor een examen.':
        "inburgering_geen_verblijfsvoorwaarde: read as not addressed, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat het kabinet overweegt het slagen voor de inburgering een voorwaarde te maken voor verlenging van de asielvergunning; verzoekt de regering van dit voornemen af te zien, en gaat over tot de orde van de dag.':
        "inburgering_geen_verblijfsvoorwaarde: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat een deel van de inburgeraars niet binnen de termijn aan de inburgeringsplicht voldoet; verzoekt de regering wetgeving voor te bereiden waardoor het niet nakomen van die plicht kan leiden tot intrekking van de verblijfsvergunning, en gaat over tot de orde van de dag.':
        "inburgering_geen_verblijfsvoorwaarde: read as not addressed, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat speciale opvangunits voor lhbti-asielzoekers en andere groepen extra kosten met zich meebrengen; verzoekt de regering deze aparte voorzieningen te sluiten, en gaat over tot de orde van de dag.':
        "kwetsbare_groepen: read neutral, written contra",
    'Het COA heeft enkele locaties met extra begeleiding, bijvoorbeeld voor lhbti-asielzoekers en alleenstaande minderjarige vreemdelingen. Het aantal van zulke plekken wisselt van jaar tot jaar.':
        "kwetsbare_groepen: read pro, written neutral",
    'De Kamer, gehoord de beraadslaging, overwegende dat Europese samenwerking op veel terreinen waardevol is; overwegende dat Nederland zelf over zijn asielbeleid moet gaan; verzoekt de regering bij de Europese Commissie formeel een uitzondering op de Europese asielregels aan te vragen, en gaat over tot de orde van de dag.':
        "eu_solidariteit: read neutral, written contra",
    'Wij horen graag over Europese solidariteit, maar Nederland neemt zelf geen enkele asielzoeker uit een ander land over en koopt zich ook niet af.':
        "eu_solidariteit: read neutral, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat het migratiepact lidstaten verplicht toezicht te houden op de grondrechten bij screening en grensprocedures; verzoekt de regering dit toezicht in Nederland te beleggen bij een onafhankelijke instantie en niet bij de uitvoerende diensten zelf, en gaat over tot de orde van de dag.':
        "onafhankelijke_monitoring: read neutral, written pro",
    'Grensbewaking is een zaak van de lidstaten zelf. Wij zien niets in een extra controlemechanisme van buitenaf dat grenswachten bij hun werk op de vingers kijkt.':
        "onafhankelijke_monitoring: read as not addressed, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat Europese regels onafhankelijke waarnemers toegang geven tot grensprocedures; verzoekt de regering zich te verzetten tegen verdere Europese verplichtingen tot extern toezicht op grensbewaking, en gaat over tot de orde van de dag.':
        "onafhankelijke_monitoring: read pro, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat in Europa wordt voorgesteld het verbindingsvereiste bij het begrip veilig derde land te schrappen; overwegende dat asielzoekers daardoor naar landen kunnen worden gestuurd waar zij niemand kennen; verzoekt de regering zich in de Raad tegen dit voorstel uit te spreken, en gaat over tot de orde van de dag.':
        "veilig_derde_land: read neutral, written pro",
    'Wij willen asielzoekers kunnen overbrengen naar ieder land dat als veilig geldt, ook als zij daar nooit zijn geweest. De eis van een band met dat land moet verdwijnen.':
        "veilig_derde_land: read pro, written contra",
    'Terugkeerhubs buiten Europa zijn voor ons een doodlopende weg. Wij zetten in op vrijwillige en begeleide terugkeer naar het land van herkomst.':
        "geen_terugkeerhubs: read contra, written pro",
    'Afspraken over migratie met landen buiten Europa maken wij alleen als mensenrechten en de bescherming van vluchtelingen gegarandeerd zijn. Geen deals met regimes die migranten mishandelen.':
        "derde_landen_mensenrechten: read as not addressed, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat er berichten zijn over ernstige misstanden in landen waarmee de EU migratieafspraken heeft; verzoekt de regering in elke migratieovereenkomst met een derde land harde mensenrechtenvoorwaarden op te nemen en de samenwerking op te schorten bij schendingen, en gaat over tot de orde van de dag.':
        "derde_landen_mensenrechten: read neutral, written pro",
    'Als een land aan de Middellandse Zee bootjes tegenhoudt, maken wij daar afspraken mee. Hoe dat land met zijn eigen burgers omgaat, is niet onze zaak.':
        "derde_landen_mensenrechten: read as not addressed, written contra",
}


PROBE_MISSES_5 = {
    'Wij willen een tweestatusstelsel met strenge beperkingen voor wie alleen subsidiaire bescherming krijgt.':
        "nationale_maatregelen_loslaten: read neutral, written contra",
    'Nareizende gezinsleden worden alleen nog toegelaten als de statushouder een vast inkomen en zelfstandige woonruimte kan aantonen.':
        "gezinshereniging: read as not addressed, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat asielzoekerskinderen soms meerdere keren per jaar van opvanglocatie moeten wisselen; verzoekt de regering kinderen uitsluitend te plaatsen in permanente en kindvriendelijke opvanglocaties, en gaat over tot de orde van de dag.':
        "kinderen_kindvriendelijk: read neutral, written pro",
    'Asielzoekers mogen pas aan het werk als hun aanvraag is ingewilligd; tot dat moment geldt een volledig werkverbod.':
        "arbeidsmarkt_toegang: read pro, written contra",
    'Wij willen een grensprocedure met streng en onafhankelijk toezicht, zodat misstanden en pushbacks aan de buitengrens aan het licht komen.':
        "onafhankelijke_monitoring: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, overwegende dat migratieafspraken met landen buiten de EU alleen houdbaar zijn met rechtsstatelijke waarborgen; verzoekt de regering zulke afspraken alleen te steunen als de bescherming van vluchtelingen en mensenrechten daarin centraal staan, en gaat over tot de orde van de dag.':
        "derde_landen_mensenrechten: read neutral, written pro",
    'Wij willen een migratiedeal met Tunesië zonder mensenrechtenvoorwaarden die de uitvoering alleen maar ophouden.':
        "derde_landen_mensenrechten: read neutral, written contra",
    'Nederland neemt pas weer vluchtelingen via hervestiging op wanneer de asielinstroom structureel is gehalveerd.':
        "hervestiging_veilige_routes: read pro, written contra",
}


# set 6 (demand assignment: each text addresses one demand, in words close to its neighbours)
PROBE_MISSES_6 = {
    'Zolang een asielverzoek in behandeling is, wordt er niet gewerkt. Pas met een verblijfsvergunning op zak krijgt iemand toegang tot de arbeidsmarkt; zo voorkomen we dat Nederland aantrekkelijk wordt voor wie vooral voor werk komt.':
        "arbeidsmarkt_toegang: read as not addressed, written contra",
    'De doorlooptijden bij de IND verschillen sterk per nationaliteit en per fase van de procedure. Voordat er wordt gesproken over extra geld of andere beslistermijnen, willen we een onafhankelijke analyse van waar de vertraging precies ontstaat.':
        "wachttijden_ind: read contra, written neutral",
    'Asielgezinnen met kinderen worden voortaan, net als andere asielzoekers, opgevangen op grote centrale locaties. Aparte kleinschalige gezinsvoorzieningen zijn te duur en houden we niet langer in stand.':
        "kinderen_kindvriendelijk: read neutral, written contra",
    'Afspraken met landen buiten Europa over migratie kunnen helpen, maar alleen als vluchtelingen daar echt veilig zijn en hun rechten worden gerespecteerd. Europees geld voor kustwachten die migranten mishandelen of in de woestijn achterlaten, moet stoppen.':
        "derde_landen_mensenrechten: read as not addressed, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat er voorstellen circuleren om mensen die zich aan de Nederlandse grens melden zonder beoordeling van hun verzoek terug te sturen; overwegende dat ieder die vervolging of oorlog ontvlucht, moet kunnen vragen om bescherming; verzoekt de regering te waarborgen dat asielverzoeken die aan de grens of op Nederlands grondgebied worden gedaan altijd in behandeling worden genomen, en gaat over tot de orde van de dag.':
        "bescherming_non_refoulement: read as not addressed, written pro",
    'Bij de nieuwe Europese grensprocedures hoort een onafhankelijke waakhond die onaangekondigd mag binnenlopen, klachten onderzoekt en misstanden openbaar maakt. Zonder toezicht van buitenaf weet niemand of de rechten van mensen aan de buitengrens worden nageleefd.':
        "onafhankelijke_monitoring: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat het migratiepact lidstaten verplicht een toezichtsmechanisme voor de screening en de grensprocedures in te richten; overwegende dat lidstaten die de buitengrens bewaken niet gehinderd moeten worden door extra controlerende instanties; verzoekt de regering dit toezicht zo beperkt mogelijk in te vullen en geen onafhankelijke instantie toegang te geven tot grenslocaties, en gaat over tot de orde van de dag.':
        "onafhankelijke_monitoring: read neutral, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat de IND, de Raad voor de rechtspraak en de advocatuur waarschuwen dat de asielnoodmaatregelenwet en het tweestatusstelsel tot meer procedures en meer werk leiden; overwegende dat het Europese migratiepact in juni 2026 moet worden ingevoerd en daarvoor alle beschikbare capaciteit nodig is; verzoekt de regering beide wetsvoorstellen in te trekken en zich te concentreren op een zorgvuldige uitvoering van het pact, met behoud van rechtsbescherming, en gaat over tot de orde van de dag.':
        "nationale_maatregelen_loslaten: read neutral, written pro",
    'Nareis van gezinsleden zorgt voor een flink deel van de asielinstroom. Wij beperken gezinshereniging tot echtgenoten en minderjarige kinderen, en stellen eisen aan inkomen en woonruimte voordat het gezin mag overkomen.':
        "gezinshereniging: read neutral, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat ongehuwde partners van statushouders bij nareis moeten aantonen dat zij een duurzame relatie hebben, terwijl bewijs daarvan in oorlogsgebieden vaak niet te krijgen is; overwegende dat een gezin een gezin is, getrouwd of niet; verzoekt de regering ongehuwde partners bij gezinshereniging gelijk te behandelen met gehuwde partners, en gaat over tot de orde van de dag.':
        "gezinshereniging: read neutral, written pro",
    'Wie na vijf jaar nog steeds niet veilig terug kan, verdient zekerheid over zijn toekomst hier. We houden vast aan een eerste vergunning van vijf jaar en de mogelijkheid om daarna permanent verblijf te krijgen.':
        "verblijfsduur_behouden: read as not addressed, written pro",
    'Wie zijn inburgering niet haalt, krijgt zijn verblijfsvergunning niet verlengd. Meedoen is een plicht, geen vrijblijvend aanbod.':
        "inburgering_geen_verblijfsvoorwaarde: read pro, written contra",
    "Taallessen en activiteitenprogramma's zijn er pas voor wie een verblijfsvergunning krijgt. Het is zonde om belastinggeld te steken in mensen die het land waarschijnlijk weer moeten verlaten.":
        "activiteiten_taal: read as not addressed, written contra",
    'Veel Oekraïners wonen en werken hier inmiddels al jaren en hun kinderen gaan hier naar school. Als de Europese tijdelijke bescherming afloopt, moeten zij een verblijfsstatus kunnen krijgen die hun echte zekerheid biedt.':
        "oekraine_perspectief: read neutral, written pro",
    "Wat er met Oekraïense vluchtelingen gebeurt na het einde van de tijdelijke bescherming, hangt af van het verloop van de oorlog en van afspraken in Europa. We vragen het kabinet tijdig scenario's uit te werken en die met gemeenten te bespreken.":
        "oekraine_perspectief: read contra, written neutral",
    'De kosten van gesubsidieerde rechtsbijstand in asielzaken rijzen de pan uit. We beperken de vergoeding voor advocaten en brengen het aantal beroepsmogelijkheden terug tot één rechterlijke toets.':
        "rechtsbijstand_start: read neutral, written contra",
    'Het recht om asiel aan te vragen blijft overeind. Een asielstop, een gesloten grens of het idee dat vluchtelingen uitsluitend in de eigen regio horen, wijzen wij af.':
        "bescherming_non_refoulement: read neutral, written pro",
}

# set 7 (recall through paraphrase: each measure named in other words than its usual keyword)
PROBE_MISSES_7 = {
    'Het internationale verdrag dat bepaalt wie als vluchteling moet worden erkend, is geschreven voor een wereld die niet meer bestaat. Nederland neemt samen met gelijkgestemde landen het initiatief tot nieuwe afspraken en sluit niet uit dat we ons uit de huidige afspraken terugtrekken als dat niet lukt.':
        "verdrag_behouden: read neutral, written contra",
    'Wie in eigen land vervolging, oorlog of marteling vreest, moet in Nederland om bescherming kunnen vragen. Mensen terugsturen naar een land waar hun leven gevaar loopt, is voor ons onaanvaardbaar.':
        "bescherming_non_refoulement: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat het aantal mensen dat hier om bescherming vraagt al jaren hoger ligt dan de samenleving aankan; overwegende dat opvang, zorg en huisvesting onder grote druk staan; verzoekt de regering voorlopig geen nieuwe verzoeken om bescherming meer in behandeling te nemen en mensen zonder geldige papieren aan de grens de toegang te weigeren, en gaat over tot de orde van de dag.':
        "bescherming_non_refoulement: read as not addressed, written contra",
    'De boetes die de overheid moet betalen wanneer een beslissing op een verzoek om bescherming te laat komt, schaffen we af. Ook krijgt de immigratiedienst meer maanden de tijd om te beslissen, zodat er ruimte is voor grondige controle.':
        "wachttijden_ind: read pro, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat voor veel erkende vluchtelingen later nog een of meer familieleden naar Nederland komen; overwegende dat deze tweede instroom de druk op opvang en woningen verder vergroot; verzoekt de regering het laten overkomen van familieleden door mensen met een verblijfsvergunning aan een jaarlijks maximum te binden en strengere eisen te stellen aan inkomen en woonruimte, en gaat over tot de orde van de dag.':
        "gezinshereniging: read neutral, written contra",
    'Een gezin hoort bij elkaar. Het is onmenselijk dat kinderen jarenlang in een oorlogsgebied achterblijven terwijl hun vader of moeder hier al een verblijfsvergunning heeft; wij willen dat zij veel sneller kunnen overkomen.':
        "gezinshereniging: read as not addressed, written pro",
    "De mogelijkheid voor een aanvrager om schriftelijk te reageren op een voorgenomen afwijzing kost tijd, maar voorkomt ook fouten. Wij laten onderzoeken hoe vaak zo'n reactie tot een ander besluit leidt en beslissen daarna over het voortbestaan ervan.":
        "procedurele_waarborgen: read contra, written neutral",
    'De Kamer, gehoord de beraadslaging, constaterende dat een verblijfsvergunning voor bescherming nu vijf jaar geldig is en daarna vrijwel automatisch overgaat in blijvend verblijf; overwegende dat bescherming niet langer moet duren dan de situatie in het land van herkomst vereist; verzoekt de regering de geldigheid van deze vergunning terug te brengen naar drie jaar en de mogelijkheid van een permanente vergunning voor vluchtelingen te laten vervallen, en gaat over tot de orde van de dag.':
        "verblijfsduur_behouden: read as not addressed, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat asielzoekers soms binnen een jaar vier of vijf keer worden verhuisd tussen sporthallen, paviljoens en schepen; overwegende dat deze voortdurende verplaatsingen schadelijk zijn voor de gezondheid en het welzijn van bewoners; verzoekt de regering structureel geld vrij te maken voor opvang van goede kwaliteit en een einde te maken aan langdurig verblijf op tijdelijke crisislocaties, en gaat over tot de orde van de dag.':
        "opvang_kwaliteit: read as not addressed, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat wordt aangedrongen op opvang van gezinnen met kinderen uitsluitend in vaste, op kinderen ingerichte locaties; overwegende dat de opvangcapaciteit beperkt is en flexibiliteit noodzakelijk blijft; verzoekt de regering geen aparte eisen te stellen aan de opvang van asielzoekende gezinnen en hen onder te brengen waar plaats is, ook op grootschalige tijdelijke locaties, en gaat over tot de orde van de dag.':
        "kinderen_kindvriendelijk: read neutral, written contra",
    "Lessen Nederlands en andere programma's zijn alleen bedoeld voor wie zeker weet dat hij mag blijven. Zolang er nog niet is beslist over de aanvraag, steken we hier geen publiek geld in.":
        "activiteiten_taal: read as not addressed, written contra",
    'Wie nog niet weet of hij mag blijven, gaat niet aan het werk. De mogelijkheid om tijdens de asielprocedure bij te verdienen schaffen we af, zodat Nederland niet aantrekkelijker wordt voor mensen die hier geen recht op verblijf hebben.':
        "arbeidsmarkt_toegang: read as not addressed, written contra",
    'De mensen die sinds 2022 voor het Russische oorlogsgeweld naar Nederland zijn gevlucht, werken en gaan hier inmiddels naar school. Wanneer de Europese regeling voor hun tijdelijke bescherming afloopt, moeten zij een eigen verblijfsrecht kunnen krijgen.':
        "oekraine_perspectief: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat de Europese afspraak over de tijdelijke opvang van mensen die voor de Russische invasie zijn gevlucht binnen afzienbare tijd afloopt; overwegende dat deze bescherming vanaf het begin als tijdelijk was bedoeld; verzoekt de regering bij het einde van die regeling de opvang te beëindigen en de terugkeer naar de veilige delen van het land te organiseren, en gaat over tot de orde van de dag.':
        "oekraine_perspectief: read neutral, written contra",
    'Niet de nieuwkomer is het probleem, maar het tekort aan betaalbare woningen. Wij bouwen fors bij, zodat jongeren, gezinnen én mensen die hier een verblijfsvergunning hebben gekregen snel een passende woning vinden.':
        "huisvesting_statushouders: read as not addressed, written pro",
    'Eerst moeten onze eigen inwoners die al jaren een huis zoeken aan de beurt komen. Het huisvesten van mensen die net een verblijfsvergunning hebben gekregen, komt pas daarna aan de orde.':
        "huisvesting_statushouders: read as not addressed, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat duizenden mensen met een verblijfsvergunning maandenlang in de asielopvang blijven wonen omdat er geen woning voor hen is; overwegende dat zij daarmee plekken bezet houden die nodig zijn voor nieuwe aankomsten; verzoekt de regering samen met gemeenten en corporaties te zorgen voor snelle doorstroming naar passende woonruimte, onder meer via flexwoningen en het splitsen van bestaande woningen, en gaat over tot de orde van de dag.':
        "huisvesting_statushouders: read as not addressed, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat mensen met een verblijfsvergunning in veel gemeenten eerder een sociale huurwoning krijgen dan andere woningzoekenden, die soms jaren wachten; overwegende dat dit het gevoel van oneerlijkheid voedt; verzoekt de regering wettelijk te regelen dat deze groep bij de toewijzing van sociale huurwoningen niet langer vóór mag gaan, en gaat over tot de orde van de dag.':
        "voorrang_taakstelling: read as not addressed, written contra",
    'De verplichting voor gemeenten om jaarlijks een door het Rijk opgelegd aantal erkende vluchtelingen aan een woning te helpen, schaffen we af. Gemeenten bepalen zelf wie er in hun wijken komt wonen.':
        "voorrang_taakstelling: read as not addressed, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat gemeenten sinds 2022 verantwoordelijk zijn voor het begeleiden van nieuwkomers bij het leren van de taal en het vinden van werk, maar daarvoor onvoldoende middelen ontvangen; overwegende dat een snelle start voorkomt dat mensen langdurig afhankelijk worden van een uitkering; verzoekt de regering gemeenten structureel voldoende te financieren om dit traject te versnellen en te intensiveren, en gaat over tot de orde van de dag.':
        "inburgering_investeren: read as not addressed, written pro",
    'Wie zich hier vestigt, betaalt zelf voor de taalcursus en de lessen over de Nederlandse samenleving. De overheid leent het geld desnoods voor, maar het wordt altijd terugbetaald.':
        "inburgering_investeren: read as not addressed, written contra",
    'Niet iedereen kan op latere leeftijd, of na een leven zonder schoolopleiding, het hogere taalniveau halen dat nu wordt gevraagd. Wij willen eisen die passen bij wat iemand realistisch kan bereiken, ook voor wie Nederlander wil worden.':
        "taaleis_haalbaar: read neutral, written pro",
    'Een vluchteling die de taal niet snel genoeg leert, mag daarvoor niet zijn bescherming verliezen. Of iemand zijn verblijfsvergunning houdt, hangt af van de veiligheid in zijn land, niet van een examenuitslag.':
        "inburgering_geen_verblijfsvoorwaarde: read as not addressed, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat een deel van de mensen met een verblijfsvergunning niet binnen de gestelde termijn aan de eisen voor taal en kennis van de samenleving voldoet; overwegende dat meedoen geen vrijblijvende keuze mag zijn; verzoekt de regering te regelen dat een verblijfsvergunning niet wordt verlengd wanneer iemand zonder geldige reden niet aan deze verplichtingen heeft voldaan, en gaat over tot de orde van de dag.':
        "inburgering_geen_verblijfsvoorwaarde: read as not addressed, written contra",
    'Alle asielzoekers worden op dezelfde manier opgevangen. Aparte locaties of speciale voorzieningen voor bepaalde groepen vinden wij niet nodig; dat is duur en wekt verkeerde verwachtingen.':
        "kwetsbare_groepen: read as not addressed, written contra",
    'De Kamer, gehoord de beraadslaging, constaterende dat landen aan de buitengrens van Europa een onevenredig groot deel van de aankomsten opvangen; overwegende dat de nieuwe Europese afspraken voorzien in een verdeelmechanisme waarbij lidstaten mensen overnemen of financieel bijdragen; verzoekt de regering zich actief in te zetten voor een goed werkend systeem van gedeelde verantwoordelijkheid en daar zelf naar rato aan bij te dragen, en gaat over tot de orde van de dag.':
        "eu_solidariteit: read neutral, written pro",
    'Nederland vraagt in Brussel een uitzondering aan, zodat wij niet langer gebonden zijn aan de gemeenschappelijke Europese asielregels. Wij betalen niet mee en nemen geen mensen over uit landen aan de buitengrens.':
        "eu_solidariteit: read pro, written contra",
    'Aan de Europese buitengrenzen worden mensen teruggeduwd zonder dat iemand naar hun verzoek om bescherming kijkt. Wij willen dat een onafhankelijke instantie toezicht houdt op wat er tijdens de procedures aan de grens gebeurt, en dat misstanden gevolgen hebben.':
        "onafhankelijke_monitoring: read neutral, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat lidstaten aan de buitengrens onder grote druk staan; overwegende dat extra toezichtsorganen het werk van grenswachten bemoeilijken; verzoekt de regering zich in Europees verband te verzetten tegen nieuwe externe controlemechanismen op het optreden aan de grens, en gaat over tot de orde van de dag.':
        "onafhankelijke_monitoring: read neutral, written contra",
    'Een asielzoeker mag alleen naar een ander land buiten Europa worden doorgestuurd als hij daar familie heeft, er eerder heeft gewoond of er op een andere manier mee verbonden is. Die voorwaarde moet blijven; anders kan iemand naar elk willekeurig land worden gestuurd waar hij niemand kent.':
        "veilig_derde_land: read contra, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat asielzoekers nu alleen naar een veilig land buiten de EU kunnen worden overgebracht als zij daar een persoonlijke connectie mee hebben; overwegende dat deze eis afspraken met partnerlanden ernstig beperkt; verzoekt de regering zich in Europa in te zetten voor het schrappen van deze voorwaarde, zodat aanvragen ook kunnen worden afgehandeld in landen waarmee de aanvrager geen enkele binding heeft, en gaat over tot de orde van de dag.':
        "veilig_derde_land: read neutral, written contra",
    'Centra buiten Europa waar uitgeprocedeerden worden ondergebracht totdat zij naar hun land kunnen worden teruggebracht, wijzen wij af. Ze schuiven onze verantwoordelijkheid af op landen met minder middelen en bieden geen garantie op een menswaardige behandeling.':
        "geen_terugkeerhubs: read contra, written pro",
    'De Kamer, gehoord de beraadslaging, constaterende dat veel afgewezen asielzoekers niet vertrekken omdat hun land van herkomst niet meewerkt; overwegende dat onderbrenging buiten de Unie in afwachting van terugkeer hiervoor een oplossing kan bieden; verzoekt de regering met andere lidstaten afspraken te maken met een land buiten Europa over het huisvesten van uitgeprocedeerde asielzoekers tot hun vertrek, en gaat over tot de orde van de dag.':
        "geen_terugkeerhubs: read neutral, written contra",
    'Afspraken met landen als Tunesië of Libië over het tegenhouden van migranten maken we alleen als de rechten van mensen op de vlucht daar aantoonbaar worden gerespecteerd. Geld voor grensbewaking in ruil voor wegkijken bij mishandeling is onaanvaardbaar.':
        "derde_landen_mensenrechten: read as not addressed, written pro",
    'Om de overtochten over de Middellandse Zee terug te dringen, maakt Europa afspraken met elk land dat bereid is migranten tegen te houden. Hoe die landen met hun eigen burgers omgaan, is daarbij niet doorslaggevend.':
        "derde_landen_mensenrechten: read as not addressed, written contra",
}

# set 8 (plain programme phrasing: bullet fragments, passives, present tense for plans, statements
# of fact that carry a position)
PROBE_MISSES_8 = {
    'Nederland blijft zonder voorbehoud partij bij het Vluchtelingenverdrag; opzeggen, uittreden of een opt-out is voor ons geen optie, ook niet onder politieke druk.':
        "verdrag_behouden: read contra, written pro",
    'Het Vluchtelingenverdrag stamt uit 1951 en past niet meer bij de migratie van vandaag. Komt er binnen Europa geen heronderhandeling, dan zegt Nederland het verdrag op.':
        "verdrag_behouden: read neutral, written contra",
    'Opvang van vluchtelingen hoort in de eigen regio. Asielzoekers die toch aan de Nederlandse grens verschijnen, worden direct teruggestuurd.':
        "bescherming_non_refoulement: read as not addressed, written contra",
    'Asielzoekers wachten nu vaak meer dan een jaar op hun eerste gesprek bij de IND, terwijl hun leven stilstaat. Die achterstanden worden met extra capaciteit weggewerkt.':
        "wachttijden_ind: read neutral, written pro",
    'Gezinshereniging zorgt elk jaar voor duizenden extra asielmigranten. Daarom geldt voortaan een wachttijd van twee jaar na het verkrijgen van een verblijfsvergunning voordat een gezinslid kan nareizen.':
        "gezinshereniging: read pro, written contra",
    'Zonder voornemenprocedure kan een asielzoeker fouten in het verslag van zijn gehoor niet meer rechtzetten voordat de beslissing valt. Die procedure blijft daarom bestaan, net als het aanmeldgehoor.':
        "procedurele_waarborgen: read neutral, written pro",
    'Ook gezinnen met kinderen worden opgevangen in grootschalige centra. Een aparte kindvriendelijke opvang is een luxe die we ons niet kunnen veroorloven.':
        "kinderen_kindvriendelijk: read neutral, written contra",
    'Taallessen en cursussen zijn er alleen voor wie een verblijfsvergunning heeft. Aan asielzoekers die mogelijk weer moeten vertrekken, wordt in het azc geen Nederlands onderwezen.':
        "activiteiten_taal: read as not addressed, written contra",
    'Wie maanden in een azc zit zonder iets te doen, raakt achterop. Daarom krijgen opvanglocaties geld voor taalcafés, sport en cursussen voor hun bewoners.':
        "activiteiten_taal: read as not addressed, written pro",
    'Zolang een asielaanvraag loopt, wordt er niet gewerkt. Pas wie een verblijfsvergunning heeft, krijgt toegang tot de arbeidsmarkt.':
        "arbeidsmarkt_toegang: read as not addressed, written contra",
    'Zodra de Europese beschermingsrichtlijn voor Oekraïners afloopt, stopt hun opvang in Nederland en keren zij terug naar de veilige delen van hun land.':
        "oekraine_perspectief: read neutral, written contra",
    'Duizenden statushouders zitten maanden na hun erkenning nog in een azc omdat er geen woning voor hen is. Er komt extra geld om snel tijdelijke woonruimte voor hen te bouwen.':
        "huisvesting_statushouders: read as not addressed, written pro",
    'Gemeenten krijgen elk half jaar een taakstelling voor het aantal statushouders dat zij huisvesten. Of zij daarbij urgentie verlenen, bepalen zij nu zelf in hun huisvestingsverordening.':
        "voorrang_taakstelling: read pro, written neutral",
    'Haalbare inburgeringseisen: wie ondanks serieuze inzet het B1-niveau niet haalt, kan zijn inburgering ook op een lager taalniveau afronden.':
        "taaleis_haalbaar: read neutral, written pro",
    'De grensprocedure uit het Europese pact geldt ook voor gezinnen met kinderen; zij verblijven tijdens die procedure in een gesloten centrum aan de grens.':
        "geen_kinderen_detentie: read as not addressed, written contra",
    'Geen aparte opvanglocaties of speciale voorzieningen voor bepaalde groepen asielzoekers: iedereen wordt op dezelfde manier opgevangen.':
        "kwetsbare_groepen: read neutral, written contra",
    'Het toezicht op grensprocedures blijft bij de lidstaten zelf. Een extra, onafhankelijk monitoringsorgaan is overbodige bureaucratie.':
        "onafhankelijke_monitoring: read pro, written contra",
    'Met herkomst- en transitlanden worden migratiedeals gesloten, ook met regimes waarmee we het op andere punten oneens zijn; wat telt is dat er minder mensen overkomen.':
        "derde_landen_mensenrechten: read neutral, written contra",
    'Europees geld gaat niet langer naar kustwachten en grenstroepen in landen waar migranten worden mishandeld of in de woestijn worden achtergelaten.':
        "derde_landen_mensenrechten: read as not addressed, written pro",
}

def _probe_miss(name: str, text: str) -> str | None:
    misses = {"stance_probes_4.tsv": PROBE_MISSES_4, "stance_probes_5.tsv": PROBE_MISSES_5,
              "stance_probes_6.tsv": PROBE_MISSES_6, "stance_probes_7.tsv": PROBE_MISSES_7,
              "stance_probes_8.tsv": PROBE_MISSES_8}
    return misses.get(name, PROBE_MISSES).get(text)


def _probe_cases():
    cases = []
    for name in ("stance_probes.tsv", "stance_probes_2.tsv", "stance_probes_3.tsv", "stance_probes_4.tsv",
                 "stance_probes_5.tsv", "stance_probes_6.tsv", "stance_probes_7.tsv", "stance_probes_8.tsv"):
        for demand, expected, text in read_probes(PROBE_DIR / name):
            miss = _probe_miss(name, text)
            marks = [pytest.mark.xfail(strict=True, reason=miss)] if miss else []
            cases.append(pytest.param(demand, expected, text, marks=marks, id=f"{name[:-4]}:{demand}:{text[:30]}"))
    return cases


@pytest.fixture(scope="module")
def full_nlp():
    from pipeline import nlp as nlp_stage
    try:
        return nlp_stage.load_nlp()
    except Exception as exc:  # pragma: no cover - no pipeline installed or shipped
        pytest.skip(f"no spaCy pipeline: {exc}")


@pytest.mark.parametrize("path", sorted(PROBE_DIR.glob("stance_probes*.tsv")), ids=lambda path: path.stem)
def test_every_probe_file_covers_every_demand_of_the_catalogue(path):
    # the held-out sets are only scored (scripts/probe_stances.py), not run as tests: they must stay readable
    rows = read_probes(path)
    assert {demand for demand, _, _ in rows} == set(stance.load_catalogue().ids)
    assert len({text for _, _, text in rows}) == len(rows)   # no text twice


@pytest.mark.parametrize("demand,expected,text", _probe_cases())
def test_probe_sentences_read_with_their_side(demand, expected, text, full_nlp):
    # as scripts/probe_stances.py reads them: a motion in an asylum dossier, a programme paragraph
    # under an asylum heading
    out = stance.predict_text(text, nlp=full_nlp, model=None, **probe_context(text))
    assert probe_read_right(expected, out.get(demand, {}).get("label")), out


def test_a_passage_with_a_stance_is_about_its_demands_theme_and_others_only_when_sure(nlp):
    # the theme model may miss a theme the stance stage reads: the stored themes must not deny it;
    # and a passage that takes sides is about its stances' themes, others stay only when sure
    passages = pd.DataFrame({
        "passage_id": ["d#0", "d#1"], "doc_id": ["d", "d"], "level": ["paragraph", "paragraph"],
        "text": ["Wij schaffen het tweestatusstelsel zo snel mogelijk af.",
                 "De gemeente legt een nieuw fietspad aan."],
        "theme_T1": [0.10, 0.10], "theme_T2": [0.32, 0.20], "theme_T3": [0.70, 0.05],
        "theme_T4": [0.90, 0.01], "theme_T5": [0.26, 0.60]})
    stances = stance.score_passages(passages, nlp=nlp, model=None)
    assert set(stances["demand_id"]) == {"nationale_maatregelen_loslaten"}
    aligned = stance.align_themes_with_stances(passages, stances, keep_other_theme_from=0.8)
    assert aligned.loc[0, "theme_T2"] == 0.5                     # the stance's theme, now assigned
    assert aligned.loc[0, "theme_T3"] == 0.35                    # assigned but unsure: halved
    assert aligned.loc[0, "theme_T4"] == 0.90                    # sure: kept
    assert aligned.loc[0, ["theme_T1", "theme_T5"]].tolist() == [0.05, 0.13]
    assert aligned.loc[1].equals(passages.loc[1])                # no stance, no change
    assert passages.loc[0, "theme_T2"] == 0.32                   # the input frame is not modified
    # the shipped setting comes from config/themes.yaml
    shipped = stance.align_themes_with_stances(passages, stances)
    assert shipped.loc[0, "theme_T3"] < 0.5 <= shipped.loc[0, "theme_T4"]
    # the same for one passage as predict returns it
    probs = stance.align_theme_probabilities_with_stances(
        {"T1": 0.1, "T2": 0.32, "T3": 0.7, "T4": 0.9}, {"nationale_maatregelen_loslaten": {}},
        keep_other_theme_from=0.8)
    assert probs == {"T1": 0.05, "T2": 0.5, "T3": 0.35, "T4": 0.9}
    assert stance.align_theme_probabilities_with_stances({"T3": 0.7}, {}) == {"T3": 0.7}


def test_a_motion_request_can_undo_the_measure_its_considerations_describe(nlp):
    # "verzoekt de regering af te zien van dit voornemen" undoes what the considerations describe
    plan = ("De Kamer, gehoord de beraadslaging, constaterende dat het kabinet voornemens is de "
            "naturalisatietermijn te verlengen naar tien jaar; verzoekt de regering ")
    end = ", en gaat over tot de orde van de dag."
    assert label(plan + "af te zien van dit voornemen" + end, "naturalisatietermijn", nlp, "motion") == "pro"
    assert label(plan + "dit voornemen niet door te zetten" + end, "naturalisatietermijn", nlp, "motion") == "pro"
    assert label(plan + "dit voornemen snel uit te voeren" + end, "naturalisatietermijn", nlp, "motion") == "contra"
    # taking part is a "more": refraining from it is pro
    assert label("De Kamer, gehoord de beraadslaging, verzoekt de regering af te zien van deelname aan "
                 "terugkeerhubs" + end, "geen_terugkeerhubs", nlp, "motion") == "pro"


def test_the_authors_plan_for_what_the_sentence_before_named(nlp):
    # "Die route willen wij beperken": the anaphor names the nareis of the sentence before
    assert label("Via nareis komen elk jaar duizenden gezinsleden naar Nederland. Die route willen wij "
                 "beperken.", "gezinshereniging", nlp) == "contra"
    assert label("Sinds 2024 is er een Spreidingswet. Die schaffen we af.", "spreidingswet", nlp) == "contra"
    # no plan of the author's, a comparative, or the means to another goal: no side
    assert label("Sinds 2024 is er een Spreidingswet. Die is meer dan nodig, vinden wij.",
                 "spreidingswet", nlp) in ("neutral", None)
    assert label("Sinds 2024 is er een Spreidingswet. Die werd door gemeenten afgewezen.",
                 "spreidingswet", nlp) in ("neutral", None)


def test_descriptions_of_the_present_state_take_no_side(nlp):
    assert label("Op dit moment krijgt een erkende vluchteling een verblijfsvergunning voor bepaalde tijd van "
                 "vijf jaar.", "verblijfsduur_behouden", nlp) == "neutral"
    assert label("Naturalisatie is nu mogelijk na vijf jaar verblijf.", "naturalisatietermijn", nlp) == "neutral"
    assert label("Nu mogen asielzoekers maar 24 weken per jaar werken.", "arbeidsmarkt_toegang", nlp) == "neutral"
    # "nu" as a conjunction, or a plan that starts with "nu", keeps its side
    assert label("Nu de oorlog voortduurt, willen wij meer stabiliteit voor Oekraïners.",
                 "oekraine_perspectief", nlp) == "pro"
    assert label("Nu moeten we de naturalisatietermijn verlengen naar tien jaar.",
                 "naturalisatietermijn", nlp) == "contra"
    # the renewal of a permit is not its duration
    assert "verblijfsduur_behouden" not in rules(
        "De verlenging van een asielvergunning wordt afhankelijk van een geslaagde inburgering.", nlp)


def test_questions_reported_or_left_open_take_no_side(nlp):
    assert label("In het debat vroeg de fractie de minister of de rust- en voorbereidingstijd blijft.",
                 "procedurele_waarborgen", nlp) == "neutral"
    assert label("Welke waarborgen, zoals het aanmeldgehoor, overeind blijven, moet nog blijken.",
                 "procedurele_waarborgen", nlp) == "neutral"
    assert label("Het wetsvoorstel om de naturalisatietermijn te verlengen is nog in behandeling.",
                 "naturalisatietermijn", nlp) == "neutral"
    # "vroeg" as "early" is no question
    assert label("Asielzoekers krijgen vroeg in de procedure een advocaat.", "rechtsbijstand_start", nlp) == "pro"


def test_voices_of_others_and_a_verdict_on_them(nlp):
    voices = "Er gaan stemmen op om het Vluchtelingenverdrag op te zeggen."
    assert label(voices, "verdrag_behouden", nlp) == "neutral"
    assert label(voices + " Dat is een heilloze weg.", "verdrag_behouden", nlp) == "pro"
    assert label("Een politieke meerderheid weigert kwetsbare kinderen uit Griekse kampen op te vangen.",
                 "kwetsbare_groepen", nlp) in ("neutral", None)


def test_a_predicate_that_rejects_the_mention_before_it(nlp):
    assert label("Een asielstop is in strijd met het internationaal recht.", "bescherming_non_refoulement", nlp) == "pro"
    assert label("Een asielstop is niet in strijd met het Vluchtelingenverdrag.",
                 "bescherming_non_refoulement", nlp) == "contra"
    assert label("Pushbacks aan de buitengrens zijn onacceptabel.", "bescherming_non_refoulement", nlp) == "pro"
    # "niet alleen ... (maar ook)" is no negation
    assert label("Een asielstop is niet alleen in strijd met het recht, hij werkt ook niet.",
                 "bescherming_non_refoulement", nlp) == "pro"


def test_words_that_name_something_else(nlp):
    # the law's nickname does not oblige; "gaat van tafel" withdraws it
    assert label("De Spreidingswet, de dwangwet, gaat van tafel.", "spreidingswet", nlp) == "contra"
    # the support for reception that others undermine is no plea for voluntary reception
    assert label("Overlastgevers ondermijnen het draagvlak voor goede asielopvang.", "spreidingswet", nlp) != "contra"
    # digital literacy for all citizens is not the integration of newcomers
    assert "inburgering_investeren" not in rules("Iedere burger krijgt toegang tot digitale inburgering.", nlp)
    # a fronted frame: the procedure is carried out, the detention of children is what is excluded
    assert label("Bij de uitvoering van het migratiepact zorgen wij ervoor dat kinderen nooit in detentie "
                 "komen.", "geen_kinderen_detentie", nlp) == "pro"
    # work for refugees in the region is not the Dutch labour market; stateless children's nationality is
    # not the naturalisation term; shares by population are the Spreidingswet's distribution
    assert "arbeidsmarkt_toegang" not in rules("Wij investeren in de regio in werk voor vluchtelingen.", nlp)
    assert label("Vluchtelingen mogen vanaf de eerste dag werken.", "arbeidsmarkt_toegang", nlp) == "pro"
    assert "naturalisatietermijn" not in rules(
        "Kinderen die hier stateloos geboren worden, krijgen na vijf jaar het Nederlanderschap.", nlp)
    assert label("Gemeenten vangen asielzoekers op naar rato van hun aantal inwoners.", "spreidingswet", nlp) == "pro"


def test_error_breakdown_sorts_every_pair_once():
    rows = [{"id": "a", "stances": {"spreidingswet": "pro", "gezinshereniging": "contra"}},
            {"id": "b", "stances": {"verdrag_behouden": "pro"}},
            {"id": "c", "stances": {}}]
    pairs = pd.DataFrame({"id": ["a", "a", "b", "c"],
                          "demand_id": ["spreidingswet", "gezinshereniging", "eu_solidariteit", "opvang_kwaliteit"]})
    preds = {"a": {"stances": {"spreidingswet": {"label": "pro"}, "gezinshereniging": "pro"}},
             "c": {"stances": {"opvang_kwaliteit": {"label": "neutral"}}}}
    out = stance.error_breakdown(preds, pairs, rows)
    assert out == {"gold_pairs": 3, "predicted_pairs": 3, "right": 1, "wrong_label": 1, "not_a_gold_pair": 1,
                   "gold_never_proposed": 1, "gold_dropped_by_learned_layer": 0}
    # a proposed gold pair the learned layer leaves out
    assert stance.error_breakdown({}, pairs, rows)["gold_dropped_by_learned_layer"] == 2


def test_split_verbs_ruling_out_and_the_demand_a_sentence_is_about(nlp):
    # a split "afwijzen"/"afkeuren" with its object between the parts is a "less" word, also after a
    # fronted object; a participle ("Afgewezen asielzoekers") is not
    assert label("Wij wijzen terugkeerhubs buiten Europa af.", "geen_terugkeerhubs", nlp) == "pro"
    assert label("Herverdeling van asielzoekers over de lidstaten wijzen wij af.", "eu_solidariteit", nlp) == "contra"
    assert label("Afgewezen asielzoekers gaan naar terugkeerhubs buiten Europa.", "geen_terugkeerhubs", nlp) == "contra"
    # ruling out is "less"; the adverb "uitsluitend" is not
    assert label("Vreemdelingenbewaring van kinderen willen wij bij wet uitsluiten.", "geen_kinderen_detentie",
                 nlp) == "pro"
    assert label("Vluchtelingen worden uitsluitend in de eigen regio opgevangen.", "bescherming_non_refoulement",
                 nlp) == "contra"
    # a split verb whose object holds the cue undoes it: no more obliged distribution
    assert label("Wij schaffen de verplichte spreiding van asielzoekers over gemeenten af.", "spreidingswet",
                 nlp) == "contra"
    # opposing the loss of the connection criterion, with a few words between pronoun and verb
    assert label("De regering moet zich in Brussel met kracht verzetten tegen het loslaten van het "
                 "bandencriterium.", "veilig_derde_land", nlp) == "pro"
    # "zorgen we voor" inverted after "daarom"
    assert label("Daarom zorgen we voor gratis rechtsbijstand vanaf het begin van de asielprocedure.",
                 "rechtsbijstand_start", nlp) == "pro"
    # the letter asks for a working mechanism and a fair share
    assert label("Het Europese solidariteitsmechanisme voor asielzoekers moet eindelijk gaan werken.",
                 "eu_solidariteit", nlp) == "pro"
    # the money per reception place is its quality, not the number of places; day one for status
    # holders is civic integration, not activities during the asylum procedure
    assert "spreidingswet" not in rules("Het budget per opvangplek voor asielzoekers gaat omlaag.", nlp)
    assert "activiteiten_taal" not in rules(
        "Statushouders krijgen vanaf de eerste dag begeleiding bij hun inburgering.", nlp)


def test_a_relative_clause_of_what_is_refused_a_municipal_registration_and_moves_to_a_better_place(nlp):
    # no law, so no compulsion: the cue stands in a relative clause of the refused object
    assert label("De regering moet afzien van de aangekondigde wet waarmee gemeenten gedwongen kunnen worden "
                 "tot asielopvang.", "spreidingswet", nlp) == "contra"
    assert label("Wij stoppen met het beleid dat gemeenten verplicht om asielzoekers op te vangen.",
                 "spreidingswet", nlp) == "contra"
    assert label("Wij steunen de wet die gemeenten verplicht om asielzoekers op te vangen.", "spreidingswet",
                 nlp) == "pro"
    # a coordinated clause is no part of the relative clause
    assert label("Wij stoppen met de subsidie aan bedrijven die asielopvang bieden en zorgen voor kleinschalige "
                 "opvang van asielzoekers.", "opvang_kwaliteit", nlp) == "pro"
    # backlogs in the municipal registration (BRP) are not the IND's waiting times
    assert "wachttijden_ind" not in rules("Achterstanden bij de BRP-straten voor asielzoekers worden weggewerkt.",
                                          nlp)
    # moving children TO a small-scale, child-friendly or permanent place is what the letter asks
    assert label("Kinderen krijgen voorrang bij overplaatsing naar kleinschalige asielopvang.",
                 "kinderen_kindvriendelijk", nlp) == "pro"
    assert label("Asielkinderen moeten met hun gezin verhuizen naar een vaste kindvriendelijke opvanglocatie.",
                 "kinderen_kindvriendelijk", nlp) == "pro"
    assert label("Asielkinderen moeten steeds weer verhuizen naar een andere noodopvang.",
                 "kinderen_kindvriendelijk", nlp) == "contra"


def test_a_count_of_what_exists_and_the_pact_as_inverted_subject_describe(nlp):
    # what exists, counted, and what the pact introduces, after a fronted phrase, take no side
    assert label("Er zijn meer dan 300 opvanglocaties voor asielzoekers; elke maand komt er een azc bij.",
                 "opvang_kwaliteit", nlp) in (None, "neutral")
    assert label("Tegelijkertijd introduceert het pact een herverdelingsmechanisme van asielzoekers binnen "
                 "Europa.", "eu_solidariteit", nlp) in (None, "neutral")
    # a need counted is a position; a plan of one's own too
    assert label("Er zijn drie dingen nodig: meer opvangplekken voor asielzoekers, betere opvang en snellere "
                 "procedures.", "opvang_kwaliteit", nlp) == "pro"
    assert label("Wij introduceren een herverdelingsmechanisme van asielzoekers binnen Europa.", "eu_solidariteit",
                 nlp) == "pro"


def test_verbless_list_items_of_a_programme_name_what_the_party_wants(full_nlp):
    def read(text, demand):
        return stance.predict_text(text, doc_type="programme", nlp=full_nlp, model=None,
                                   heading="Asiel en migratie").get(demand, {}).get("label")
    # a list item without a verb is a wish; its negation a refusal
    assert read("• Herverdeling van asielzoekers binnen Europa. • Minder bureaucratie.", "eu_solidariteit") == "pro"
    assert read("Hervestiging van kwetsbare vluchtelingen uit kampen in Libanon.",
                "hervestiging_veilige_routes") == "pro"
    assert read("Geen hervestiging meer.", "hervestiging_veilige_routes") == "contra"
    # a negation that opens the fragment denies all of it, also a target far from it
    assert read("• Geen voorrang meer bij de toewijzing van een sociale huurwoning aan statushouders.",
                "huisvesting_statushouders") == "contra"
    # ... also its lead before a subordinate clause or a colon
    assert read("Legale routes voor vluchtelingen, zodat minder mensen de oversteek wagen.",
                "hervestiging_veilige_routes") == "pro"
    # not a heading without a full stop, a line of a table of contents, or a problem named
    assert read("Hervestiging van vluchtelingen", "hervestiging_veilige_routes") in (None, "neutral")
    assert read("3.2 Hervestiging en gezinshereniging 14.", "hervestiging_veilige_routes") in (None, "neutral")
    assert read("Lange wachttijden bij de IND.", "wachttijden_ind") in (None, "neutral")
    # a sentence with a verb still needs a direction word
    assert read("Hervestiging is een van de onderwerpen van dit hoofdstuk.",
                "hervestiging_veilige_routes") in (None, "neutral")


def test_an_impersonal_must_sentence_with_a_less_word_ends_what_the_sentence_before_named(nlp):
    assert label("Asielzoekers verhuizen nu keer op keer van de ene noodopvang naar de andere. Dat moet stoppen.",
                 "opvang_kwaliteit", nlp) == "pro"
    # "moet" with a more word does not say which way
    assert label("Asielzoekers verhuizen nu keer op keer van de ene noodopvang naar de andere. Dat moet beter.",
                 "opvang_kwaliteit", nlp) in (None, "neutral")


def test_a_more_word_governed_by_tegen_is_opposed(nlp):
    assert label("Wij zijn tegen elke verdere verruiming van het begrip veilig derde land.",
                 "veilig_derde_land", nlp) == "pro"
    assert label("Wij verruimen het begrip veilig derde land.", "veilig_derde_land", nlp) == "contra"


def test_no_longer_is_a_negation_and_other_negated_phrasings(nlp, full_nlp):
    # the "meer" of "niet meer" is no "more" of a word near it
    assert label("Een asielstop: nieuwe asielaanvragen worden niet meer in behandeling genomen.",
                 "bescherming_non_refoulement", nlp) == "contra"
    # ... and what no longer leads to or applies is less
    assert label("Een erkenning als vluchteling leidt niet meer automatisch tot een permanente verblijfsvergunning.",
                 "verblijfsduur_behouden", nlp) == "contra"
    assert label("Het recht op gezinshereniging is niet meer van toepassing op subsidiair beschermden.",
                 "gezinshereniging", nlp) == "contra"
    # "niet rechtvaardig dat ..." rejects what follows
    assert label("Wij vinden het niet rechtvaardig dat iemand met een verblijfsvergunning voorrang krijgt op een "
                 "sociale huurwoning.", "voorrang_taakstelling", nlp) == "contra"
    # a verb-first conditional: its cue is the condition, the main clause the position
    assert label("Komt er binnen Europa geen heronderhandeling, dan zegt Nederland het Vluchtelingenverdrag op.",
                 "verdrag_behouden", nlp) == "contra"
    # a current rule with its figure is described
    assert label("Een tijdelijke asielvergunning is nu vijf jaar geldig.", "verblijfsduur_behouden",
                 nlp) in (None, "neutral")
    # "Nederlanders worden ... achtergesteld" (the lemmas of "Nederlander worden") is no naturalisation
    assert "naturalisatietermijn" not in stance.predict_text(
        "Nederlanders worden in hun eigen land achtergesteld bij de woningtoewijzing. Dit moet stoppen.",
        doc_type="programme", nlp=full_nlp, model=None, heading="Asiel en migratie")


def test_motion_requests_read_on_real_motions_sixteenth_session(nlp):
    def motion(request):
        text = f"De Kamer, gehoord de beraadslaging, verzoekt de regering {request}, en gaat over tot de orde van de dag."
        out = stance.predict_text(text, doc_type="motion", nlp=nlp, model=None, doc_id="kst-19637-9999")
        return {demand: v["label"] for demand, v in out.items()}
    assert motion("het recht op het aanvragen van asiel tijdelijk op te schorten")["bescherming_non_refoulement"] == "contra"
    assert motion("te stoppen met het binnenlaten van asielzoekers uit veilige landen")["bescherming_non_refoulement"] == "contra"
    assert motion("de refoulementtoets niet uit de terugkeerprocedure te schrappen")["bescherming_non_refoulement"] == "pro"
    assert motion("ervoor te zorgen dat geen enkele gemeente gedwongen wordt tot opvang")["spreidingswet"] == "contra"
    assert motion("niet over te gaan tot het sanctioneren van gemeenten die het verdeelbesluit niet uitvoeren"
                  )["spreidingswet"] == "contra"
    assert motion("de opvang van asielzoekers te verdelen onder alle gemeenten")["spreidingswet"] == "pro"
    assert motion("het besluitmoratorium voor asielzoekers uit Jemen op te heffen")["wachttijden_ind"] == "pro"
    assert motion("uit te dragen dat Nederland het strengste en soberste asielbeleid van Europa voert"
                  )["nationale_maatregelen_loslaten"] == "contra"


def test_a_refused_practice_and_plain_names_of_measures(nlp):
    # a described practice the next sentence refuses: less of it
    described = "In veel gemeenten gaan statushouders met voorrang naar een sociale huurwoning."
    assert label(described + " Dit is onacceptabel.", "voorrang_taakstelling", nlp) == "contra"
    # ... while a merely described one keeps no side, and an endorsed one takes its side
    assert label(described, "voorrang_taakstelling", nlp) in (None, "neutral")
    assert label(described + " Dat steunen wij.", "voorrang_taakstelling", nlp) == "pro"
    # countries that do not cooperate ("werken niet mee") are no work for asylum seekers
    assert "arbeidsmarkt_toegang" not in rules("Landen waar afgewezen asielzoekers naartoe moeten, werken vaak niet "
                                               "mee. Dit is onacceptabel.", nlp)
    # moving people named without the places; safe escape routes
    assert label("Wij maken een einde aan het voortdurende verplaatsen van asielzoekers.", "opvang_kwaliteit",
                 nlp) == "pro"
    assert label("Nederland zet zich in voor meer veilige vluchtroutes voor vluchtelingen.", "hervestiging_veilige_routes",
                 nlp) == "pro"


def test_plain_programme_phrasings_of_plans(nlp):
    # a passive plan: spreading reception over the country, the EU share
    assert label("Asielzoekers worden naar rato over alle gemeenten verdeeld.", "spreidingswet", nlp) == "pro"
    assert label("Wij kiezen voor een evenwichtige verdeling van kleine azc's over het hele land.",
                 "spreidingswet", nlp) == "pro"
    assert label("Nederland vangt zijn evenredig deel van de vluchtelingen op die de Europese Unie bereiken.",
                 "eu_solidariteit", nlp) == "pro"
    # something that disappears, backlogs cleared, an offer widened
    assert label("De 24-wekenregel voor asielzoekers verdwijnt.", "arbeidsmarkt_toegang", nlp) == "pro"
    assert label("Zo worden de achterstanden bij de IND weggewerkt.", "wachttijden_ind", nlp) == "pro"
    assert label("Het aanbod van taalcursussen voor asielzoekers in de opvang wordt verruimd.",
                 "activiteiten_taal", nlp) == "pro"
    # a fair share of refugees in the EU (not of natural resources), distribution over all municipalities
    assert label("Binnen de EU neemt ieder land een eerlijk deel van de vluchtelingen op.", "eu_solidariteit",
                 nlp) == "pro"
    assert "eu_solidariteit" not in rules("Europa en Nederland verbruiken meer dan hun eerlijke deel van de "
                                          "grondstoffen; asiel en migratie staan elders in dit programma.", nlp)
    # the organisation dissolved
    assert label("Het COA wordt ontbonden.", "opvang_kwaliteit", nlp) == "contra"
    # families held in a closed centre; the negation of a relative clause on them is the clause's
    assert label("Gezinnen met kinderen die niet vrijwillig vertrekken, worden tot hun uitzetting in een gesloten "
                 "gezinsvoorziening vastgehouden.", "geen_kinderen_detentie", nlp) == "contra"
    # a complaint about unjustly long waits; an interpreter named in other words
    assert label("De chaos bij de IND zorgt voor onrechtvaardig lange wachttijden voor asielzoekers.",
                 "wachttijden_ind", nlp) == "pro"
    assert label("Wij zorgen voor een onafhankelijke vertaler bij elk gehoor van een asielzoeker.",
                 "rechtsbijstand_start", nlp) == "pro"
    # free civic integration, and priority for people with a residence permit abolished
    assert label("De inburgering wordt weer gratis voor nieuwkomers.", "inburgering_investeren", nlp) == "pro"
    assert label("Wij schrappen de voorrang voor mensen met een verblijfsvergunning op een sociale huurwoning.",
                 "voorrang_taakstelling", nlp) == "contra"
    # children who disappear from reception are not a measure that should go
    assert label("Alleenstaande minderjarige asielzoekers verdwijnen uit de opvang.", "kwetsbare_groepen",
                 nlp) in (None, "neutral")


def test_measures_named_in_other_words(nlp):
    # the IND and its waiting times without the acronym (not immigration services among security services)
    assert label("Wij zorgen voor meer beslismedewerkers bij de immigratiedienst, zodat asielzoekers niet langer "
                 "maanden wachten.", "wachttijden_ind", nlp) == "pro"
    assert "wachttijden_ind" not in rules("De AIVD, immigratiediensten en de NCTV houden deze personen in de gaten.",
                                          nlp)
    # family members who come over, by who they are
    assert label("Een erkende vluchteling moet zijn partner en kinderen snel naar Nederland kunnen laten komen.",
                 "gezinshereniging", nlp) == "pro"
    # return hubs as centres outside Europe; resettlement as refugees taken over from camps
    assert label("Wij wijzen centra buiten Europa voor uitgeprocedeerde asielzoekers af.", "geen_terugkeerhubs",
                 nlp) == "pro"
    assert label("Nederland neemt elk jaar meer vluchtelingen over uit kampen in de regio.",
                 "hervestiging_veilige_routes", nlp) == "pro"
    # the two-status system as a distinction, and a national crisis declared
    assert label("Wij voeren een onderscheid in tussen vluchtelingen die persoonlijk vervolgd worden en mensen "
                 "die voor algemeen oorlogsgeweld bescherming krijgen.", "nationale_maatregelen_loslaten",
                 nlp) == "contra"
    assert label("Het kabinet moet een nationale asielcrisis afkondigen.", "nationale_maatregelen_loslaten",
                 nlp) == "contra"
    # being able to ask for protection (not the counterfactual "had daar bescherming kunnen vragen")
    assert label("Een asielzoeker die vervolging vreest, moet hier om bescherming kunnen vragen.",
                 "bescherming_non_refoulement",
                 nlp) == "pro"
    assert "bescherming_non_refoulement" not in rules(
        "Een asielzoeker die door Duitsland is gereisd, had daar bescherming kunnen vragen.", nlp)
