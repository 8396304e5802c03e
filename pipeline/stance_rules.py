"""Rule layer of the stance stage: the demand catalogue, target detection and polarity rules.

The catalogue (`pipeline/config/demands.yaml`, format in docs/demand-catalogue.md) says per
demand which targets it is about and what "more / less / keep" of each target means against the
letter. For every sentence (for motions: every clause-sentence) the rules find the targets,
the nearest direction word, negations before it (parity: "niet langer verbieden" = allow),
modal frames ("onderzoeken", "de Kamer informeren" -> neutral) and contrastive "maar" (the
part after "maar" weighs more). Output per (passage, demand): a rule label, a score and the
features the learned layer in `pipeline.stance` calibrates.

Works on spaCy Docs with or without lemmas: patterns run on the surface text and, when the
pipeline lemmatizes, also on a lemma view of the same sentence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import paths

CATALOGUE_PATH = paths.CONFIG_DIR / "demands.yaml"
LABELS = ("pro", "contra", "neutral")
OPERATIVE_CLAUSES = {"verzoekt", "roept_op", "spreekt_uit", "draagt_op", "van_mening"}
CONSIDERING_CLAUSES = {"constaterende", "overwegende", "preamble"}
_FLIP = {"pro": "contra", "contra": "pro", "neutral": "neutral"}
_SIGN = {"pro": 1.0, "contra": -1.0, "neutral": 0.0}


def _compile(patterns: list[str]) -> re.Pattern | None:
    patterns = [str(p) for p in patterns or []]
    if not patterns:
        return None
    return re.compile("|".join(f"\\b(?:{p})" for p in patterns), re.IGNORECASE)


@dataclass
class Target:
    pattern: str
    more: str = "pro"
    less: str | None = None
    keep: str | None = None
    bare: str = "neutral"
    # stricter rules for it ("aanscherpen", "strenger"): against the letter, whatever the target
    stricter: str = "contra"
    specific: bool = False   # names an asylum/migration measure by itself: counts outside the domain too
    # the pattern holds its own negation or direction word ("asielzoekers ... niet meer"): the words
    # inside the match are neither its direction nor a negation of it
    self_contained: bool = False
    # a broad word for the demand's field ("azc", "asielopvang" for the Spreidingswet): it yields to
    # another demand's precise target in the same sentence ("in het azc krijgen asielzoekers vanaf
    # dag één taalles" is about language lessons, not about the distribution of reception)
    generic: bool = False
    # the word's sense depends on the surrounding text (the passage with its heading, the whole
    # motion): it counts only where `when` is found there, and not where `unless` is ("de wachttijd"
    # of a motion whose considerations say it is the wait before asylum seekers may work)
    when: re.Pattern | None = field(default=None, repr=False)
    unless: re.Pattern | None = field(default=None, repr=False)
    regex: re.Pattern = field(default=None, repr=False)

    def label_for(self, direction: str | None) -> str:
        if direction is None:
            return self.bare
        if direction == "more":
            return self.more
        if direction == "less":
            return self.less or _FLIP[self.more]
        if direction == "stricter":
            return self.stricter
        if direction == "looser":   # the opposite of stricter rules ("versoepelen", a tightening undone)
            return "neutral" if self.more == "neutral" else _FLIP[self.stricter]
        return self.keep or self.more  # keep


@dataclass
class Demand:
    id: str
    theme: str
    wording: str
    targets: list[Target]
    pro_cues: re.Pattern | None = None
    contra_cues: re.Pattern | None = None
    # a sentence with one of these is about something else ("opvang" financed from the aid budget)
    exclude: re.Pattern | None = None


@dataclass
class Catalogue:
    demands: list[Demand]
    directions: dict[str, re.Pattern]
    candidate_regex: re.Pattern
    domain: re.Pattern | None = None
    domain_dossiers: frozenset = frozenset()
    path: str = ""

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.demands]

    def __iter__(self):
        return iter(self.demands)

    def __len__(self):
        return len(self.demands)

    def by_id(self, demand_id: str) -> Demand:
        return next(d for d in self.demands if d.id == demand_id)

    def theme_of(self, demand_id: str) -> str:
        return self.by_id(demand_id).theme

    def in_domain(self, context: str, doc_id: str | None = None) -> bool:
        """Is a text (passage with its heading/title, or the whole motion) about asylum or migration
        at all? Outside the domain only `specific` targets count ("solidariteit" in a vaccine motion,
        "taakstelling" in a budget, "kinderopvang" are not the letter's subjects). A motion in one
        of the `domain_dossiers` (doc_id kst-<dossier>-<nr>) is in the domain whatever its words."""
        if self.domain is None:
            return True
        dossier = _DOSSIER.search(doc_id or "")
        if dossier and dossier.group(1) in self.domain_dossiers:
            return True
        return bool(self.domain.search(context or ""))


_DOSSIER = re.compile(r"kst-(\d+)-")


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read and validate the demand catalogue YAML (see docs/demand-catalogue.md).

    Parsed once per file version: every passage scored asks for it, and compiling its patterns
    is not free. An edited file (new mtime) is read again.
    """
    path = Path(path) if path else CATALOGUE_PATH
    return _parse_catalogue(path.resolve(), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _parse_catalogue(path: Path, mtime_ns: int) -> Catalogue:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    directions = {name: _compile(words) for name, words in raw["directions"].items()}
    demands, all_patterns = [], []
    for item in raw["demands"]:
        targets = []
        for t in item["targets"]:
            for key in ("more", "less", "keep", "bare", "stricter"):
                if t.get(key) is not None and t[key] not in LABELS:
                    raise ValueError(f"{path}: {item['id']}: {key}={t[key]!r} is not one of {LABELS}")
            target = Target(pattern=str(t["pattern"]), more=t.get("more", "pro"), less=t.get("less"),
                            keep=t.get("keep"), bare=t.get("bare", "neutral"),
                            stricter=t.get("stricter", "contra"), specific=bool(t.get("specific", False)),
                            self_contained=bool(t.get("self_contained", False)),
                            generic=bool(t.get("generic", False)),
                            when=_compile([t["when"]] if t.get("when") else None),
                            unless=_compile([t["unless"]] if t.get("unless") else None))
            target.regex = _compile([target.pattern])
            targets.append(target)
            all_patterns.append(target.pattern)
        demands.append(Demand(id=item["id"], theme=item["theme"], wording=item.get("wording", ""),
                              targets=targets, pro_cues=_compile(item.get("pro_cues")),
                              contra_cues=_compile(item.get("contra_cues")),
                              exclude=_compile(item.get("exclude"))))
    ids = [d.id for d in demands]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate demand ids")
    return Catalogue(demands=demands, directions=directions, candidate_regex=_compile(all_patterns),
                     domain=_compile(raw.get("domain")),
                     domain_dossiers=frozenset(str(d) for d in raw.get("domain_dossiers") or []), path=str(path))


# ------------------------------------------------------------------------------------------
# units: the stretches of text the rules read (sentences; for motions, sentences within a clause)
# ------------------------------------------------------------------------------------------
@dataclass
class Unit:
    text: str            # verbatim text of the unit (a substring of the passage)
    start: int           # offset in the passage text
    clause_type: str | None
    lemma_text: str = ""  # lemmas joined by spaces, '' when the pipeline has no lemmatizer
    # (start, end) of each token in `text`, in the order of `lemma_text`: places a lemma match
    token_spans: tuple = ()
    # end (in `text`) of a verbless lead: the whole of a short list item without any verb ("Europese
    # herverdeling.") or its part before a subordinate clause ("Veilige en legale routes naar Europa,
    # zodat ..."); 0 when there is none or the pipeline tags no parts of speech
    verbless_end: int = 0

    @functools.cached_property
    def low(self) -> str:
        """`text` lowercased, computed once: every demand's reading of the unit uses it. A footnote or
        page number glued to the next word by a PDF export ("12Geen") is blanked (same length)."""
        return _GLUED_NUMBER.sub(lambda m: " " * len(m.group()), self.text).lower()


_GLUED_NUMBER = re.compile(r"(?<![\w.,])\d{1,4}(?=[A-Z][a-z])")


def _has_lemmas(doc) -> bool:
    return any(t.lemma_ and t.lemma_.lower() != t.lower_ for t in doc[:200])


def _sentences(doc):
    try:
        return list(doc.sents)
    except ValueError:  # no sentence boundaries: the whole doc is one unit
        return [doc[:]]


def _lemma_text(span, use_lemmas: bool) -> str:
    # UD Dutch writes separable verbs as "uit_zetten": the catalogue's patterns read "uitzetten";
    # one token must stay one word (spaces are the token separators)
    return " ".join((t.lemma_ or t.text).lower().replace("_", "").replace(" ", "")
                    for t in span) if use_lemmas else ""


def _verbless_end(span) -> int:
    """End offset (in the span's text) of its verbless lead: a fragment of 2-20 words without a verb,
    the whole span (ending in a full stop: a heading has none) or its part before ", zodat/zoals/om/
    die/dat/waarbij ..."; 0 when there is none, the pipeline tags no parts of speech, or the span
    holds a line of a table of contents or an index ("Asielzoekers ....... 41, 42", "4.1 Integratie,
    inburgering en assimilatie 11", "... integratiebeleid 4.")."""
    if not span.doc.has_annotation("POS") or _LEADER_OR_PAGES.search(span.text):
        return 0
    lead = _LEAD_END.search(span.text)
    if lead is None and not span.text.rstrip().endswith((".", "!", ";")):
        return 0
    end = lead.start() if lead else len(span.text)
    if ":" in span.text[:end]:
        return 0   # a term and its definition ("Rechtsbijstand: hulp bij juridische kwesties."), a heading
    tokens = [t for t in span if t.idx - span.start_char < end and not t.is_punct]
    if not 2 <= sum(t.is_alpha for t in tokens) <= 20 or tokens[-1].like_num:
        return 0
    # the tagger misses verbs: a personal pronoun is a subject ("Aparte voorzieningen achten wij niet
    # nodig": "achten" tagged as a noun), "niet" modifies a verb ("Veel Europeanen ervaren niet ...")
    # and a common finite verb counts whatever its tag ("AZC’s zijn overvol": "zijn" tagged as a
    # possessive); a lead that opens with a preposition or conjunction continues the sentence before it
    # ("In opvoeding, in onderwijs, in inburgeringscursussen ...")
    if (any(t.pos_ in ("VERB", "AUX") or t.lower_ in _VERB_GUARDS for t in tokens)
            or tokens[0].pos_ in ("ADP", "CCONJ", "SCONJ")):
        return 0
    return end


_VERB_GUARDS = {"ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "u", "jullie", "men", "niet",
                "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "heeft", "hebben", "had",
                "kan", "kunnen", "moet", "moeten", "mag", "mogen", "zal", "zullen", "wil", "willen",
                "gaat", "gaan", "komt", "komen", "blijft", "blijven", "krijgt", "krijgen", "staat", "staan"}


# dot leaders and page lists of a table of contents; section numbers ("4.1"), not thousands ("1.000")
_LEADER_OR_PAGES = re.compile(r"\.{3}|…|\d+\s*,\s*\d+|\b\d{1,2}\.\d{1,2}\b")
_LEAD_END = re.compile(r",\s+(?:zodat|zoals|om|die|dat|waarbij|waardoor|waarmee|opdat)\b", re.IGNORECASE)


def _unit(span, clause_type: str | None, use_lemmas: bool) -> Unit:
    base = span.start_char
    spans = tuple((t.idx - base, t.idx + len(t) - base) for t in span) if use_lemmas else ()
    # only a programme's units can be verbless list items (not a motion's clauses)
    verbless_end = _verbless_end(span) if clause_type is None else 0
    return Unit(span.text, base, clause_type, _lemma_text(span, use_lemmas), spans, verbless_end)


# List markers that start an item. Programme PDFs lose their line breaks, and the parser then
# runs a list into one "sentence": each item is read on its own (its own negation, its own
# direction word, its own evidence). "o", "-" and "–" only count when a capitalised word follows
# ("statushouders – ook niet met urgentie" is one item).
_BULLETS = {"•", "●", "▪", "◦", "■", "○", "►", "▶", "➢", "✓"}
_SOFT_BULLETS = {"o", "-", "–", "—"}


def _list_items(span):
    """`span` cut at list markers (the markers themselves are left out)."""
    start = span.start
    for i in range(span.start, span.end):
        token = span.doc[i]
        next_word = span.doc[i + 1] if i + 1 < span.end else None
        if token.text in _BULLETS or (token.text in _SOFT_BULLETS and next_word is not None
                                      and next_word.text[:1].isupper()):
            if i > start:
                yield span.doc[start:i]
            start = i + 1
    if start < span.end:
        yield span.doc[start:span.end]


def units_of(doc, clauses: list[tuple[str, int, int]] | None = None) -> list[Unit]:
    """Sentences of a Doc, cut at list markers; with motion clauses (type, start, end) each sentence
    is cut to its clause."""
    use_lemmas = _has_lemmas(doc)
    units = []
    if not clauses:
        for sent in _sentences(doc):
            for item in _list_items(sent):
                units.append(_unit(item, None, use_lemmas))
        return units
    for kind, start, end in clauses:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        for sent in _sentences(doc):
            lo, hi = max(sent.start, span.start), min(sent.end, span.end)
            if lo < hi:
                for item in _list_items(doc[lo:hi]):
                    units.append(_unit(item, kind, use_lemmas))
    return units


# ------------------------------------------------------------------------------------------
# polarity of one unit for one demand
# ------------------------------------------------------------------------------------------
@dataclass
class UnitReading:
    demand_id: str
    label: str
    score: float          # signed, before weighting
    weight: float
    clause_type: str | None
    evidence: str
    target_index: int
    direction: str | None
    negated: bool
    modal: bool
    contrast: bool
    direct_cue: str | None
    lemma_only: bool
    # only broad targets of the demand (`generic`) in the unit and no cue of the demand: the reading
    # yields to another demand's precise one (see `_without_yielding`)
    generic: bool = False
    decisive_at: int | None = None   # offset of the decisive word in the unit (None: a bare mention)


_CLAUSE_STOP = re.compile(r"[,;:()]| en | of | maar ")
# "niet alleen", and a limit: "niet langer dan acht weken" is "at most eight weeks"; "zonder
# voorbehoud" (unreservedly) denies nothing
_NOT_A_NEGATION = re.compile(r"\bniet (?:alleen|enkel|slechts|zozeer|eens)\b|\bniet (?:langer|meer|later) dan\b"
                             r"|\bzonder (?:voorbehoud|twijfel|uitzondering)\b")


def _normalise_negations(text: str) -> str:
    """"niet langer/meer" is one negation; "niet alleen/enkel ..." and "niet langer dan" are none."""
    return re.sub(r"niet (?:langer|meer)", "niet", _NOT_A_NEGATION.sub(" ", text))


def _after_last(text: str, bounds: re.Pattern) -> str:
    """`text` from the end of its last `bounds` match on (a clause or list item that ends `text`)."""
    stops = list(bounds.finditer(text))
    return text[stops[-1].end():] if stops else text


def _prevented(text: str, word: re.Match, prevent: re.Pattern | None) -> int:
    """1 when the direction word stands in a clause "voorkomen dat ..." (preventing that contracts
    "worden opgezegd" keeps them), else 0. The clause reaches at most 90 characters back, within
    one list item."""
    if prevent is None or prevent.match(text, word.start()):  # the prevent phrase itself
        return 0
    clause = _after_last(text[max(0, word.start() - 90):word.start()], _LIST_SEPARATOR)
    return 1 if prevent.search(clause) else 0


# a purpose clause and its verb: "om zo een nieuwe verplichte ronde te voorkomen" (a line number of
# the PDF may stand before the verb); also the first of the phrases with their own object below.
# After "te laten/doen" the next verb is the clause's: in "om gemeenten meer te laten bijdragen aan de
# opvang" the contribution to reception is what there should be more of.
_PURPOSE = r"\bom\b[^,;:.()]{1,80}?\bte\s+(?:\d+\s+)?(?:laten\s+|doen\s+)?(\w+)"
_PURPOSE_CLAUSE = re.compile(_PURPOSE)


def _undone_by_purpose(text: str, cue: re.Match, less: re.Pattern | None) -> int:
    """1 when a demand's cue stands in a purpose clause whose verb is a "less" word: "(de wet
    intrekken) om een nieuwe verplichte ronde te voorkomen" prevents the compulsion, else 0."""
    if less is None:
        return 0
    return int(any(m.start() < cue.start() < m.start(1) and less.match(text, m.start(1))
                   for m in _matches(_PURPOSE_CLAUSE, text)))


def _count_negations(text: str, negation: re.Pattern | None) -> int:
    return len(negation.findall(_normalise_negations(text))) if negation else 0


_RELATIVE_CLAUSE = re.compile(r"\b(?:die|dat|wie)\b[^,;]*,")

# how far before a word a negator still counts (same clause): "niet langer" ... "verbieden"
NEGATION_WINDOW = 45


def _negations_before(text: str, pos: int, negation: re.Pattern, window: int = NEGATION_WINDOW) -> int:
    """Negators in the same clause, shortly before `pos` ("niet langer" counts once)."""
    return _count_negations(_after_last(text[max(0, pos - window):pos].lower(), _CLAUSE_STOP), negation)


# where the clause of a direction word ends, looking right from it
# (a dash opens an appendix: "nooit meer voorrang krijgen – ook niet met urgentie" is one negation;
# a time clause has its own: "geen taalles zolang ze geen verblijfsvergunning hebben" is one, as has
# "voor wie dat niveau niet kan halen")
_CLAUSE_END = re.compile(r"[,;:()–—]| - | en | of | maar | zodat | omdat | dat | als | waardoor | die | wat | waar "
                         r"| wie | zolang | totdat | voordat | nadat | zodra ")


def _negations_after(text: str, pos: int, negation: re.Pattern, window: int = 60) -> int:
    """Negators after a direction word, up to the end of its clause. Dutch main clauses put the
    finite verb second and the negation after it, and split separable verbs around the object:
    "we voeren geen asielstop in", "we schaffen de asielstop niet af", "we verhogen het quotum niet"."""
    right = text[pos:pos + window].lower()
    end = _CLAUSE_END.search(right, 1)
    if end:
        right = right[:end.start()]
    # after the verb, "zonder" opens a phrase of its own: "vijf jaar zonder misdrijven" is no "not five years"
    right = re.sub(r"\bzonder\b", " ", _normalise_negations(right))
    return len(negation.findall(right)) if negation else 0


def _restriction_introduced(scope: str, best: tuple, less: re.Pattern | None) -> tuple:
    """A "more" word whose object is a "less" word restricts: "een stop in te voeren", "voert een
    verbod in", "extra beperkingen". The less word must touch the more word (nothing but spaces
    between) or lie inside its match."""
    if less is None:
        return best
    more = best[2]
    for m in _matches(less, scope):
        if m.end() <= more.start():
            gap = scope[m.end():more.start()]
        elif m.start() >= more.end():
            gap = scope[more.end():m.start()]
        else:  # overlapping or inside
            gap = ""
        if not gap.strip():
            return ("less", best[1], m)
    return best


# "stoppen met X meer te bieden (dan verplicht is)", "stoppen met het bouwen van ...": the stop undoes
# the "more" words of its complement, to the end of its clause
_STOP_WITH = re.compile(r"\bstop\w*\s+(?:\w+\s+){0,2}?met\b[^,;:.()]{0,80}?\b(?:te\s+\w+|het\s+\w+en\b)[^,;:.()]*")


# "zich verzetten tegen elke verdere verruiming van ...", "tegen de uitbreiding van ...": a "more" noun
# right after "tegen" (up to three articles or modifiers between) is what is opposed
_OPPOSED = re.compile(r"\btegen\s+(?:(?:de|het|een|elke|iedere|verdere|nog|meer|nieuwe)\s+){0,3}$")


def _opposed(scope: str, best: tuple) -> tuple:
    """A "more" word governed by "tegen" reads as "less": ("less", distance, match), else `best`."""
    if best[0] == "more" and _OPPOSED.search(scope, 0, best[2].start()):
        return ("less", *best[1:])
    return best


def _stopped(scope: str, best: tuple) -> tuple:
    """A "more" word inside "stoppen met ... te <verb>" is stopped: ("less", distance, stop match)
    ("we stoppen met asielzoekers meer te bieden dan verplicht is"), else `best` unchanged."""
    more = best[2]
    for m in _matches(_STOP_WITH, scope):
        if m.start() < more.start() < m.end():
            return ("less", best[1], m)
    return best


# what may stand between an undoing word and the restriction it undoes ("het terugdraaien van de
# aanscherpingen")
_ARTICLES_ONLY = re.compile(r"\w*\s*(?:(?:van|de|het|alle|deze|die)\s+)*")   # \w*: the rest of a stem match


def _lifts(scope: str, less_word: re.Match, stricter: re.Match) -> bool:
    """Does `less_word` undo `stricter`? (see `_restriction_lifted`)"""
    inside = less_word.start() < stricter.start() < less_word.end()
    before = (less_word.end() <= stricter.start()
              and _ARTICLES_ONLY.fullmatch(scope, less_word.end(), stricter.start()))
    # the object first, the verb after it in the same clause: "de aanscherpingen ... draaien we terug"
    after = (0 <= less_word.start() - stricter.end() <= 60
             and not _CLAUSE_STOP.search(scope, stricter.end(), less_word.start()))
    return bool(inside or before or after)


def _restriction_lifted(scope: str, best: tuple, less: re.Pattern | None,
                        stricter: re.Pattern | None) -> tuple:
    """A "less" word whose object is a "stricter" word lifts the restriction: "we draaien de
    aanscherpingen terug", "het schrappen van de strengere eisen" loosen the rules, whichever of the
    two is nearer the target (`best`). The stricter word must lie inside the less word's match,
    follow it with only articles between, or precede it in the same clause (object before verb)."""
    if less is None or stricter is None:
        return best
    if best[0] == "stricter":
        if any(_lifts(scope, m, best[2]) for m in _matches(less, scope)):
            return ("looser", *best[1:])
    elif any(_lifts(scope, best[2], m) for m in _matches(stricter, scope)):
        return ("looser", *best[1:])
    return best


def _replacement(replace: re.Pattern | None, scope: str, anchor: int) -> tuple | None:
    """In "X vervangen door Y" / "vervangen van X door Y", X goes (less) and Y comes (more):
    ("less" or "more", distance 0, match) when the target at `anchor` is X or Y, else None."""
    for m in _matches(replace, scope):
        if m.start() < anchor < m.end() or 0 <= m.start() - anchor <= 40:
            return ("less", 0, m)
        if 0 <= anchor - m.end() <= 30:
            return ("more", 0, m)
    return None


# a reason clause between the negated part and "maar" ("X niet te verlagen, omdat ..., maar ...")
_REASON_CLAUSE = re.compile(r",\s*(?:omdat|want|aangezien|doordat)\b[^;:]*$")


def _is_correction(before_maar: str, negation: re.Pattern | None) -> bool:
    """True when the words just before "maar" are negated: "geen X, maar Y", "niet om X maar om Y";
    a reason clause in between is skipped."""
    before_maar = _REASON_CLAUSE.sub("", before_maar.rstrip(" ,;")).rstrip(" ,;")
    return _count_negations(before_maar[-40:], negation) > 0


# what may stand between two "less" words of which the second is the first's object ("tegen het
# sluiten van", "stoppen met het afschaffen van")
_LESS_OF_LESS_GAP = re.compile(r"\w*\s*(?:(?:van|met|de|het|alle|deze|die)\s+)*")
# the object (at least one word: "voorkomen dat ..." is a conjunction) and its relative pronoun
_RELATIVE_OBJECT = re.compile(r"\s+[^,;:.()]{0,60}?\w\s+(?:die|dat|welke)\b")


def _takes_as_object(text: str, outer: re.Match, inner: re.Match) -> bool:
    """Is the "less" word `inner` the object of the "less" word `outer` ("tegen het sluiten van")?"""
    return outer.end() <= inner.start() and bool(_LESS_OF_LESS_GAP.fullmatch(text, outer.end(), inner.start()))


# Dutch puts the object before an infinitive: "de bezuiniging (op de IND) terug te draaien"
_OBJECT_THEN_INFINITIVE = re.compile(r"\w*(?:\s+(?:op|van|voor|bij|aan|in)\s+(?:de\s+|het\s+|een\s+)?[\w-]+)?\s+")
_INFINITIVE = re.compile(r"(?:\w+\s+)?te\s")


def _object_before_verb(text: str, outer: re.Match, inner: re.Match) -> bool:
    """Is the "less" noun `outer` the object of the "less" infinitive `inner` right after it (one
    prepositional phrase may stand between)?"""
    return (outer.end() <= inner.start() and bool(_INFINITIVE.match(inner.group(0)))
            and bool(_OBJECT_THEN_INFINITIVE.fullmatch(text, outer.end(), inner.start())))


def _less_undone(scope: str, best: tuple, less: re.Pattern | None, anchor: int) -> tuple:
    """A "less" word whose object is another "less" word undoes it: "wij verzetten ons tegen het
    sluiten van opvanglocaties" keeps them (a "more"), whichever of the two is nearer the target
    at `anchor`. So does one whose object has a relative clause with the other and the target:
    "wij verzetten ons tegen wetgeving die het recht op asiel verslechtert"."""
    if less is None:
        return best
    word = best[2]
    for m in _matches(less, scope):
        outer, inner = (m, word) if m.end() <= word.start() else (word, m)
        if outer is inner or outer.end() > inner.start():
            continue
        relative = _RELATIVE_OBJECT.match(scope, outer.end(), inner.start())
        if _takes_as_object(scope, outer, inner) or _object_before_verb(scope, outer, inner) or (
                relative and relative.end() <= anchor < inner.start()
                and not _CLAUSE_STOP.search(scope, outer.end(), inner.start())):
            return ("more", *best[1:])
    return best


# a "less" noun or verb whose object is a demand's cue undoes it: "het schrappen van de verplichting
# (voor gemeenten om asielzoekers te huisvesten)", "wij zijn tegen dwang"; not a participle used as
# an adjective ("géén beperkend quotum" keeps the quotum a quotum)
_OBJECT_OF = re.compile(r"(?!\w*?ende?\s)\w*\s+(?:(?:van|met|op)\s+)?(?:(?:de|het|een|deze|die|dit|elke|iedere)\s+)?")


_FIRST_WORD = re.compile(r"\w+")


def _verb_end(less_match: re.Match, cue: re.Match) -> int:
    """Where the "less" word ends, as the cue's head: the end of the match, or, for a split verb whose
    match spans the cue ("schaffen de verplichte verdeling ... af"), the end of its first word."""
    if less_match.end() <= cue.start():
        return less_match.end()
    if less_match.start() < cue.start() and less_match.end() >= cue.end():
        first = _FIRST_WORD.match(less_match.string, less_match.start())
        if first is not None and first.end() <= cue.start():
            return first.end()
    return cue.start() + 1   # no head before the cue: never an object (fullmatch fails)


def _undone_by_head(text: str, cue: re.Match, less: re.Pattern | None, cues: list[re.Pattern | None]) -> int:
    """1 when a "less" word stands right before the cue with the cue as its object, else 0. A less
    word that is itself one of the demand's cues ("opzeggen van het gedateerde verdrag") is a cue
    of its own, not a negation of the next one."""
    own_cues = [span for regex in cues for span in _spans(regex, text)]

    def undoes(m: re.Match) -> bool:
        head_end = _verb_end(m, cue)
        return bool(_OBJECT_OF.fullmatch(text, head_end, cue.start())
                    and not any(start < min(m.end(), head_end) and m.start() < end for start, end in own_cues)
                    # a less word that is itself undone ("tegen het sluiten van kleinschalige ...")
                    and not any(_takes_as_object(text, outer, m) for outer in _matches(less, text)))

    return int(any(undoes(m) for m in _matches(less, text)))


# a cue in a relative clause of what a negation or "less" word takes as its object: "af te zien van de
# wet waarmee gemeenten gedwongen worden" (no law, so no compulsion), "stoppen met het beleid dat
# gemeenten verplicht ..."; the object has an article, and no comma or "en"/"of"/"maar" stands between
_RELATIVE_TO_CUE = re.compile(r"\w*\s+(?:(?:van|met|op|tegen|aan)\s+)?(?:de|het|een|deze|dit|die|elke|iedere)\s+"
                              r"[^,;:.()]{0,50}?\w\s+(?:die|dat|welke|waarmee|waardoor|waarbij|waarin|waarop)\s+"
                              r"[^,;:.()]{0,60}?")


def _undone_in_relative_clause(text: str, cue: re.Match, less: re.Pattern | None,
                               negation: re.Pattern | None, window: int = NEGATION_WINDOW) -> int:
    """1 when the cue stands in a relative clause of the object of a negation or "less" word, else 0.
    A negation within `window` characters before the cue is already counted by `_negations_before`."""
    words = list(_matches(less, text)) + [m for m in _matches(negation, text) if cue.start() - m.start() > window]
    return int(any(m.end() <= cue.start() and _RELATIVE_TO_CUE.fullmatch(text, m.end(), cue.start())
                   and not _CLAUSE_STOP.search(text, m.end(), cue.start())   # "... die opvang bieden en te zorgen voor"
                   for m in words))


def _opens_with_negation(text: str, cue: re.Match, negation: re.Pattern | None) -> int:
    """1 when the cue itself begins with a negation word ("weigeren ... over te nemen" is a cue, not
    a negated one), else 0: that word is counted after the cue's start and must not flip it."""
    return int(negation is not None and negation.match(text, cue.start()) is not None)


# a cue inside a fronted object ("De verplichte taakstelling ... schaffen we af"): an article and at most
# two words before it at the start of the sentence, and a "less" verb that the subject pronoun follows
_FRONTED_NP = re.compile(r"\W*(?:de|het|een|deze|dit|die)\s+(?:[\w-]+\s+){0,2}")
_INVERTED_SUBJECT = re.compile(r"\b(?:we|wij|ik|ze|zij)\b")
_SUBJECT_NEXT = re.compile(r"\s+(?:we|wij|ik|ze|zij)\b")


def _undone_as_fronted_object(text: str, cue: re.Match, less: re.Pattern | None) -> int:
    """1 when the cue is part of a fronted object that a later "less" verb undoes, with the subject
    after the verb (Dutch verb-second after a fronted object), else 0."""
    if less is None or not _FRONTED_NP.fullmatch(text, 0, cue.start()):
        return 0
    # the subject inside the verb's match ("schaffen we dus af") or right after it ("stoppen we")
    return int(any(m.start() >= cue.end()
                   and (_INVERTED_SUBJECT.search(m.group()) or _SUBJECT_NEXT.match(text, m.end()))
                   for m in _matches(less, text)))


# a direction word across a comma or semicolon from the target is farther than its character
# distance says: in "mensenhandel tegen te gaan, legale mogelijkheden voor migratie te scheppen" the
# legal routes are created, not fought
_LIST_SEPARATOR = re.compile(r"[,;]")
CROSS_CLAUSE_PENALTY = 40


def _distance(text: str, pos: int, other: int) -> int:
    lo, hi = min(pos, other), max(pos, other)
    return hi - lo + (CROSS_CLAUSE_PENALTY if _LIST_SEPARATOR.search(text, lo, hi) else 0)


# Phrases whose direction word has its own object, so it does not speak about a target outside them:
# - a purpose clause "om ... te <verb>" (a line number of the PDF may stand before the verb): in
#   "solidariteit is een voorwaarde om migratiecrises te voorkomen" the crises are prevented; in
#   "om procedures te verkorten mag het verzoek tot gezinshereniging tegelijk worden ingediend" the
#   procedures are shortened. A prepositional
#   complement after the verb belongs to the clause ("om meer in te zetten op taalles");
# - a direction noun with its object, up to the end of its list item: "een complete asielstop; een
#   stop op gezinshereniging" (the second stop is not about the asielstop); "sluiting (van) X"; a verb
#   used as a noun ("het afschaffen van X");
# - a conditional clause up to its comma: in "als kwetsbare vluchtelingen niet kunnen blijven in
#   hun opvangland, dan komen ze in aanmerking voor hervestiging" the resettlement is not negated.
#   A target inside such a clause is read as a condition, not a position (see `_read_hit`).
# - a result clause ", zodat/opdat/waardoor ..." to the end of the sentence;
# (an apposition ", zoals ...," stays inside it)
_CONDITIONAL = (r"(?:^|(?<=[,;:(] )|(?<=[,;:(]))\s*(?:als|indien|wanneer|zodra)\b"
                r"(?:[^,;:.()]|,\s*zoals\b[^,;:.()]{1,80},){1,150},"
                # the verb-first conditional answered by "dan" ("Komt er geen heronderhandeling, dan
                # zegt Nederland het verdrag op")
                r"|^\W*(?:komt|komen|lukt|lukken|blijkt|blijken|is|zijn|wordt|worden|gaat|gaan|blijft|blijven|"
                r"werkt|werken|wil|willen|kan|kunnen|weigert|weigeren)\b[^,;:.()]{1,150},(?=\s*dan\b)")
_CONDITIONAL_CLAUSE = re.compile(_CONDITIONAL, re.IGNORECASE)
# a trailing conditional clause, to the end of the sentence ("alternatieven achter de hand houden
# wanneer het niet lukt om overeenkomsten met veilige derde landen te sluiten"); not "als" (also
# "as"), and not a condition that is the position itself ("alleen mogelijk wanneer de IND kortere
# procedures heeft", "pas wanneer de mensenrechten gegarandeerd zijn")
_TRAILING_CONDITIONAL = re.compile(r"\b(?:indien|wanneer|zodra)\b[^,;:.()]{1,250}(?=[.;:]|$)", re.IGNORECASE)
_ONLY_IF = re.compile(r"\b(?:alleen|slechts|enkel|pas|mits|dan)\b(?:\W+\w+){0,3}\W*$")


def _in_condition(low: str, pos: int) -> bool:
    """Is `pos` inside a conditional clause (fronted and closed by a comma, or trailing)?"""
    if any(m.start() <= pos < m.end() for m in _matches(_CONDITIONAL_CLAUSE, low)):
        return True
    return any(m.start() <= pos < m.end() and not _ONLY_IF.search(low, 0, m.start())
               for m in _matches(_TRAILING_CONDITIONAL, low))


_OWN_OBJECT_PHRASE = re.compile(
    _PURPOSE + r"(?:\s+(?:op|aan|in|voor|met|van|tot|naar|over)\b[^,;:.()]*)?"
    # the object of a stop ends before a place: in "een einde aan verveling in azc's" the boredom ends
    r"|\b(?:stop|verbod|einde|maximum|plafond)\s+(?:op|aan|van|voor)\b(?:(?!\s(?:in|op|bij)\s)[^,;:\n])*"
    r"|\bsluiting\s+(?:van\s+)?(?:de\s+|het\s+|alle\s+)?\w+"
    # restrictions attached to a measure describe it: in "een tweestatusstelsel met strenge beperkingen
    # voor ..." the system is wanted, not limited (plural: "met een beperking" is a disability)
    r"|\bmet\s+(?:[\w-]+\s+){0,2}?(?:beperkingen|restricties|voorwaarden|uitzonderingen)\b[^,;:.()]{0,60}"
    # a verb used as a noun with its object that opens a list item, up to the end of the item: in
    # "voorstellen aangaande het tweestatusstelsel, het afschaffen van het hoger beroep" the appeal is
    # abolished, not the system (at the start of a sentence the phrase is its subject: "het huisvesten
    # van statushouders wordt afgeschaft")
    r"|(?:(?<=[,;]\s)|(?<=\sen\s))het\s+(?:[a-zà-ÿ]+\s+)?[a-zà-ÿ]+en\s+van\b[^,;:\n]*"
    # a fronted frame: in "Bij de uitvoering van de grensprocedure zorgen wij ervoor dat kinderen nooit
    # in detentie komen" the procedure is carried out, not the detention
    r"|\bbij de (?:uitvoering|invoering|implementatie|toepassing) van\b[^,;:.()]{0,80}?"
    r"(?=\s(?:zorgen|zorgt|moet|moeten|willen|wil|gaan|gaat|zullen|zal|blijft|blijven|is|zijn|mag|mogen)\b)"
    # a result clause speaks about the result: in "meer laten bijdragen aan de opvang, zodat dit
    # minder drukt op de armere buurten" the reception is not less
    r"|,\s*(?:zodat|opdat|waardoor)\b[^;:.()]*"
    r"|" + _CONDITIONAL)


def _phrases_of_their_own(text: str, pos: int) -> list[tuple[int, int]]:
    """Spans of the own-object phrases (`_OWN_OBJECT_PHRASE`) of `text` that do not contain `pos`."""
    return [m.span() for m in _matches(_OWN_OBJECT_PHRASE, text) if not m.start() <= pos < m.end()]


def _outside(text: str, start: int, end: int, bounds: re.Pattern) -> list[tuple[int, int]]:
    """The spans of `text` before and after the stretch between two `bounds` matches (list
    separators, or clause stops) that holds `start`..`end`."""
    left = max((m.end() for m in bounds.finditer(text, 0, start)), default=0)
    right = bounds.search(text, end)
    return [(0, left), (right.start() if right else len(text), len(text))]


@functools.lru_cache(maxsize=2048)
def _matches(regex: re.Pattern | None, text: str) -> tuple[re.Match, ...]:
    """All matches of `regex` in `text`, found once: the 28 demands, each target hit and each pass
    of the direction search read the same unit with the same patterns."""
    return tuple(regex.finditer(text)) if regex is not None else ()


def _spans(regex: re.Pattern | None, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _matches(regex, text)]


def _nearest(regex: re.Pattern | None, text: str, pos: int, skip: list[tuple[int, int]] = (),
             end: int | None = None) -> tuple[int, re.Match] | None:
    """(distance, match) of the match of `regex` nearest to `pos`, or None; matches that start inside
    one of the `skip` spans do not count. With `end` (the end of a target starting at `pos`), a match
    after the target is measured from its end: a long target ("de tijdelijke beschermingsstatus")
    is not farther from the verb after it than from a word the same distance before it."""
    best = None
    for m in _matches(regex, text):
        if any(start <= m.start() < stop for start, stop in skip):
            continue
        d = _distance(text, end if end is not None and m.start() >= end else pos, m.start())
        if best is None or d < best[0]:
            best = (d, m)
    return best


# also the second of two coordinated words ("in asiel- en nareiszaken", "over gezinshereniging en nareis")
_PREPOSITION_BEFORE = re.compile(r"\b(?:bij|van|door|aan|voor|in|met|op|over)\s+(?:de\s+|het\s+|een\s+)?"
                                 r"(?:[\w-]+\s+(?:en|of)\s+)?$")


# a target named only as a comparison is not what the unit is about ("we schrappen de
# tewerkstellingsvergunning, net als bij Oekraïense vluchtelingen", "een huisvestingsplicht voor
# daklozen, vergelijkbaar met de huisvestingsplicht voor statushouders")
_COMPARISON_BEFORE = re.compile(r"\b(?:net als|evenals|zoals)\s+(?:bij|voor|met)\s+(?:de\s+|het\s+)?$"
                                r"|\b(?:net als|vergelijkbaar met)\s+(?:de\s+|het\s+)?$")


def _target_hits(unit: Unit, demand: Demand, in_domain: bool,
                 context: str = "") -> list[tuple[int, Target, int, int, bool]]:
    """(index, target, start, end, lemma_only) of each of the demand's targets in the unit (first
    match each). Lemma matches only when nothing matched on the surface; their start and end are
    those of the tokens they cover ("uitgezet" matched as "uitzetten"). A target with `when`/`unless`
    counts only if its context pattern is / is not in `context` (the passage or whole motion)."""
    # target regexes ignore case, except in a (?-i:...) group ("IND", not a broken "ind ien"), so they
    # read the text as written; lowercasing only when it would shift offsets (rare Unicode)
    low = unit.low
    text = unit.text if len(unit.text) == len(low) else low
    around = context or unit.text
    allowed = [(i, t) for i, t in enumerate(demand.targets) if (in_domain or t.specific)
               and (t.when is None or t.when.search(around))
               and (t.unless is None or not t.unless.search(around))]

    def compared(start: int) -> bool:
        return bool(_COMPARISON_BEFORE.search(low[:start]))

    hits = [(i, t, m.start(), m.end(), False) for i, t in allowed
            if (m := t.regex.search(text)) and not compared(m.start())]
    if not hits and unit.lemma_text:
        for i, t in allowed:
            m = t.regex.search(unit.lemma_text)
            if m:
                start, end = _surface_span(unit, m.start(), m.end())
                if not (end and compared(start)):
                    return [(i, t, start, end, True)]
    return hits


def _surface_span(unit: Unit, lemma_start: int, lemma_end: int) -> tuple[int, int]:
    """Surface offsets of the tokens a match in `unit.lemma_text` covers ((0, 0) when unknown)."""
    first = unit.lemma_text.count(" ", 0, lemma_start)
    last = unit.lemma_text.count(" ", 0, max(lemma_start, lemma_end - 1))
    if not unit.token_spans or last >= len(unit.token_spans):
        return 0, 0
    return unit.token_spans[first][0], unit.token_spans[last][1]


def read_unit(unit: Unit, demand: Demand, cat: Catalogue, extra_targets: list[Target] | None = None,
              in_domain: bool = True, context: str = "") -> UnitReading | None:
    """The rule reading of one unit for one demand, or None when no target of it is there.

    `extra_targets` are targets carried over from a motion's considerations ("verzoekt de
    regering deze wet in te trekken" refers back to the wet named before). Outside the
    asylum/migration domain (`in_domain=False`) only the demand's `specific` targets count.
    `context` (default: the unit) is the text a target's `when`/`unless` pattern is looked for in.
    When several targets of the demand stand in the unit, the one that is not inside a prepositional
    phrase and is closest to its decisive word speaks ("we verkorten de wachttijden bij de IND":
    the wachttijden are shortened, not the IND)."""
    if demand.exclude is not None and demand.exclude.search(unit.text):
        return None
    hits = _target_hits(unit, demand, in_domain, context)
    if not hits and extra_targets:
        hits = [(-1, extra_targets[0], 0, 0, False)]
    if not hits:
        return None
    readings = [_read_hit(unit, demand, cat, hit) for hit in hits]
    # on a tie, a sided reading speaks before a neutral one: with no direction word in the sentence,
    # a target whose mention is a position ("van noodopvang naar noodopvang") beats a bare word
    reading = min(readings, key=lambda pair: (*pair[1], pair[0].label == "neutral"))[0]
    reading.generic = all(hit[1].generic for hit in hits) and reading.direct_cue is None
    return reading


# "geen X meer" is "no more X": with the negation it says "less X" of a target X inside it
# ("statushouders geen voorrang meer geven"), and nothing of a target outside it ("nul asielzoekers
# erbij en geen immigranten meer", "Noodwet: geen procedures meer tegen afwijzen")
_NO_LONGER = re.compile(r"\bg[eé][eé]n\s+(?:[\w'-]+\s+){1,3}?(meer)\b")


def _direction_word(scope: str, anchor: int, target_end: int, target: Target, d: dict) -> tuple | None:
    """(direction, distance, match) of the generic direction word that speaks about the target at
    `anchor`..`target_end` of `scope`, or None (a bare mention). `d`: the catalogue's directions."""
    # a direction word inside a phrase with its own object speaks about that object (not so a
    # demand's cues: in "geen draagvlak om dwang toe te passen" the cue "dwang" is the subject)
    foreign = _phrases_of_their_own(scope, anchor)
    if target.bare != "neutral":
        # a target that carries its own stance ("asielzoekers aan de grens terugsturen") is not
        # read through the verb of another list item ("gaan azc's sluiten, asielzoekers ...")
        foreign += _outside(scope, anchor, target_end, _LIST_SEPARATOR)
    # "overeenkomsten ... sluiten" concludes agreements: a "more", not a closing
    concluded = _spans(d.get("conclude"), scope)
    # "soepeler" is rare and short-range: only in the target's own clause ("een opt-out op asiel en
    # soepeler stikstofbeleid" does not loosen the opt-out)
    other_clauses = _outside(scope, anchor, target_end, _CLAUSE_STOP)
    prevents = _spans(d.get("prevent"), scope)
    no_longer = [m.span(1) for m in _matches(_NO_LONGER, scope)
                 if not (anchor < m.end() and max(target_end, anchor + 1) > m.start())]
    own = [(anchor, target_end)] if target_end > anchor and ".{" not in target.pattern else []
    # Three passes, the first that finds a word decides:
    # 1. the target's own clause: in "het tweestatusstelsel in te voeren en daarbij de rechten op
    #    gezinshereniging te beperken" each conjunct has its verb;
    # 2. the whole unit. In both, a "voorkomen dat" phrase (it negates the word of its clause) and the
    #    target's own words ("recht op" in "recht op asiel"; not for patterns with a gap: in
    #    "opvang\\w* .{0,40}vluchtelingen" the gap holds the verb) are skipped;
    # 3. nothing skipped, and the `weak_more` words ("recht op": "de rechten op ... te beperken")
    #    count too; a "voorkomen dat" phrase then speaks itself, as a "less" ("voorkomen dat er een
    #    tweestatusstelsel komt").
    # Within a pass, a "stop"-word beats a generic "meer" at about the same distance.
    names = ("less", "stricter", "looser", "keep", "more", "conclude")
    passes = [(prevents + own + other_clauses, names), (prevents + own, names), ([], names + ("weak_more",))]
    best = None
    for skipped, classes in passes:
        for name in classes:
            skip = (foreign + skipped + (concluded if name == "less" else [])
                    + (other_clauses if name == "looser" else [])
                    + (no_longer if name == "more" else []))
            near = _nearest(d.get(name), scope, anchor, skip=skip, end=target_end if target_end > anchor else None)
            if near is not None and (best is None or near[0] < best[1] - 3):
                best = (name, *near)
        if best is not None:
            break
    if best is not None and best[0] == "less":
        # a "less" word inside a looser phrase loosens: "minder streng", "de beperkingen wegnemen"
        looser = next((m for m in _matches(d.get("looser"), scope)
                       if m.start() <= best[2].start() < m.end()), None)
        if looser is not None:
            best = ("looser", best[1], looser)
    if best is not None and best[0] in ("conclude", "weak_more"):
        best = ("more", *best[1:])
    elif best is not None and best[0] == "more":
        best = _opposed(scope, _stopped(scope, _restriction_introduced(scope, best, d.get("less"))))
    elif best is not None and best[0] in ("stricter", "less"):
        best = _restriction_lifted(scope, best, d.get("less"), d.get("stricter"))
        if best[0] == "less":
            best = _less_undone(scope, best, d.get("less"), anchor)
    return _replacement(d.get("replace"), scope, anchor) or best


# "<mention> ... is in strijd met / onaanvaardbaar / onmenselijk": a predicate that rejects the
# mention before it (group 1: the rejecting words, "in strijd met" or one of the catalogue's `reject`
# words; negations before them count as well)
@functools.lru_cache(maxsize=8)
def _rejected_predicate(reject: re.Pattern | None) -> re.Pattern:
    words = r"in strijd met" + (f"|{reject.pattern}" if reject is not None else "")
    return re.compile(r"[^,;:.?!]{0,40}?\b(?:is|zijn|was|waren|blijft|blijven)\b(?:\s+[\w-]+){0,3}?\s+"
                      rf"({words})\b", reject.flags if reject is not None else re.IGNORECASE)


_COMPLEMENTIZER = re.compile(r"\b(?:dat|indien|als|wanneer|om)\b")
# the rest of the target's word, then a relative pronoun: the clause that follows describes the target
_RELATIVE_ON_TARGET = re.compile(r"\w*,?\s+(?:die|dat|welke)\b[^,;:.()]*$")
_SENTENCE_STOP = re.compile(r"[.;:]")
# a fronted complementizer "Dat <clause>, vinden wij ..."; not the demonstrative "Dat betekent ..."
_FRONTED_DAT = re.compile(r"\W*dat\b(?! (?:is|was|betekent|betekende|geldt|kan|moet|gaat|komt|doet|doen|wil|willen)\b)")
# an attributive reject word ("het onmenselijke gesol") qualifies a noun, it rejects no clause
_ATTRIBUTIVE = re.compile(r"e\b")
_FRONTED_WHETHER = re.compile(r"\W*of\b(?![^,;:]*\b(?:nu|of)\b)[^,;:]*,")
# an indirect wh-question put first ("Welke onderdelen ... overeind blijven, moet nog blijken"); not
# "hoe meer ..., hoe beter", nor the free relatives "wie/wat ..., ..." ("Wie hier mag blijven, moet ...")
_FRONTED_WH = re.compile(r"\W*(?:welke|in hoeverre|hoeveel|hoe(?! \w+er\b))\b[^,;:]*,")


# between a "denied_before" phrase and the mention: at most three words ("geen sprake van illegale pushbacks")
_FEW_WORDS = re.compile(r"\s*(?:[\w-]+\s+){0,3}")
# between the mention and a "denied_after" predicate: the rest of its clause, up to 60 characters
_SAME_CLAUSE = re.compile(r"[^,;:.?!]{0,60}?")


def _denied(low: str, t_start: int, t_end: int, before: re.Pattern | None, after: re.Pattern | None) -> bool:
    """Is the mention at `t_start`..`t_end` denied without a direction word of its own: "er mag geen
    sprake zijn van <mention>" or "<mention> wordt niet getolereerd / kan nooit aan de orde zijn"?"""
    if before is not None and any(_FEW_WORDS.fullmatch(low, m.end(), t_start) for m in _matches(before, low)
                                  if m.end() <= t_start):
        return True
    if after is None or t_end <= t_start:
        return False
    return any(_SAME_CLAUSE.fullmatch(low, t_end, m.start()) for m in _matches(after, low) if m.start() >= t_end)


def _rejected(scope: str, position: int, reject: re.Pattern | None) -> bool:
    """Is the word at `position` inside what a `reject` word ("onaanvaardbaar") rejects? Either
    "het is onaanvaardbaar dat/indien/om <...word...>" (the complementizer within 30 characters of the
    reject word, nothing but the clause in between) or a fronted "Dat <...word...>, vinden wij
    onaanvaardbaar"."""
    if reject is None:
        return False
    for m in _matches(reject, scope):
        if _ATTRIBUTIVE.match(scope, m.end()):
            continue
        if m.end() <= position:
            between = scope[m.end():position]
            opener = _COMPLEMENTIZER.search(between)
            if opener and opener.start() <= 30 and not _SENTENCE_STOP.search(between):
                return True
        elif m.start() > position and _FRONTED_DAT.match(scope) and "," in scope[position:m.start()]:
            return True
    return False


def _wished_for(unit: Unit, target: Target, t_start: int) -> bool:
    """A programme's verbless list item names what the party wants ("Europese herverdeling.",
    "Spreiding over gemeenten.", "Geen vreemdelingendetentie." with its negation): a target in the
    verbless lead is read as "more" if the letter asks for more of it. Not a problem named in a
    fragment ("Lange wachttijden.": a target whose "more" is contra), nor a target with a side of its
    own, nor the complement of the fragment's head; a motion's clause has no verbless lead (`_unit`)."""
    return (t_start < unit.verbless_end and target.bare == "neutral" and target.more == "pro"
            and not _OF_BEFORE.search(unit.low, 0, t_start))


# a target that is the complement of the fragment's head ("Eerlijke verdeling van de opvang van
# vluchtelingen.": the distribution is wished for, not the reception as such)
_OF_BEFORE = re.compile(r"\bvan\s+(?:de\s+|het\s+|een\s+)?$")


def _read_hit(unit: Unit, demand: Demand, cat: Catalogue, hit) -> tuple[UnitReading, tuple]:
    """The reading of one target hit and its rank: (inside a prepositional phrase, distance to the
    decisive word); lower ranks speak first."""
    text = unit.text
    low = unit.low
    index, target, t_start, t_end, lemma_only = hit
    if target.self_contained and t_end > t_start:
        low = low[:t_start] + " " * (t_end - t_start) + low[t_end:]  # its own words are not read again

    d = cat.directions
    # contrastive "maar": the part after it carries the stance
    contrast = False
    scope_start = 0
    scope_end = len(low)
    contrast_regex = d.get("contrast")
    if contrast_regex is not None:
        for m in contrast_regex.finditer(low):
            if m.start() >= len(low) - 10:  # a "maar" at the very end opens nothing
                continue
            if t_start < m.start() and _is_correction(low[scope_start:m.start()], d.get("negation")):
                # "niet A, maar B" corrects A: what is said of a target in A is its negation
                # ("statushouders krijgen geen voorrang, maar blijven op integratielocaties")
                scope_end = m.start()
                break
            contrast = True
            scope_start = m.end()
    scope = low[scope_start:scope_end]
    offset = scope_start if contrast else 0
    anchor = max(0, t_start - offset)

    # direct cues of the demand win over generic direction words
    direct = None
    label = None
    # a cue inside a conditional clause without the target is the condition, not the position ("Komt
    # er geen heronderhandeling, dan zegt Nederland het verdrag op")
    conditions = [m.span() for m in _matches(_CONDITIONAL_CLAUSE, scope) if not m.start() <= anchor < m.end()]
    for name, regex in (("pro", demand.pro_cues), ("contra", demand.contra_cues)):
        near = _nearest(regex, scope, anchor, skip=conditions)
        if near is not None and (direct is None or near[0] < direct[1]):
            direct = (name, *near)
    direction = None
    negations = 0
    best = None
    if direct is not None:
        label = direct[0]
        negations = (_negations_before(scope, direct[2].start(), d.get("negation"))
                     + _negations_after(scope, direct[2].start(), d.get("negation"))
                     - _opens_with_negation(scope, direct[2], d.get("negation"))
                     + _undone_by_purpose(scope, direct[2], d.get("less"))
                     + _undone_by_head(scope, direct[2], d.get("less"), [demand.pro_cues, demand.contra_cues])
                     + _undone_as_fronted_object(scope, direct[2], d.get("less"))
                     + _undone_in_relative_clause(scope, direct[2], d.get("less"), d.get("negation")))
    else:
        best = _direction_word(scope, anchor, max(anchor, t_end - offset), target, d)
        if best is not None:
            direction = best[0]
            negations = (_negations_before(scope, best[2].start(), d.get("negation"))
                         + _prevented(scope, best[2], d.get("prevent"))
                         + _negations_after(scope, best[2].start(), d.get("negation")))
        elif _denied(low, t_start, t_end, d.get("denied_before"), d.get("denied_after")):
            # "er mag geen sprake zijn van pushbacks", "pushbacks worden niet getolereerd": less of it
            direction = "less"
        else:
            # a bare mention: negators shortly before it or inside a co-occurrence match
            # ("kinderen horen nooit in detentie") count; a relative clause inside the match
            # ("uitgezet naar een land waar ze gevaar lopen") does not end its scope, but a negation
            # inside a relative clause closed by a comma is the clause's ("gezinnen die niet
            # meewerken, worden ... vastgehouden")
            negations = (_negations_before(low, t_start, d.get("negation"), window=25)
                         + _count_negations(_RELATIVE_CLAUSE.sub(" ", low[t_start:t_end]), d.get("negation")))
            # a mention the sentence then rejects ("Een asielstop ... is in strijd met het internationaal
            # recht"; "... is niet in strijd met ..." counts its own negation too)
            rejected = _rejected_predicate(d.get("reject")).match(low, t_end) if t_end > t_start else None
            if rejected is not None:
                negations += 1 + _count_negations(low[rejected.start():rejected.start(1)], d.get("negation"))
            elif _wished_for(unit, target, t_start):
                # a wish; a negation that opens the fragment denies all of it ("Geen voorrang meer
                # voor een sociale woning voor statushouders.")
                direction = "more"
                negations = _count_negations(low[:t_start], d.get("negation")) + _count_negations(
                    low[t_start:t_end], d.get("negation"))
        label = target.label_for(direction)
    decisive = direct if direct is not None else best
    if decisive is not None and _rejected(scope, decisive[2].start(), d.get("reject")):
        negations += 1
    negated = negations % 2 == 1
    if negated:
        label = _FLIP[label]
    decisive_at = scope_start + decisive[2].start() if decisive is not None else None

    def frames(m: re.Match) -> bool:
        """A modal word frames the reading unless it is the target itself ("medisch onderzoek"), the
        verb of a relative clause on the target ("een toezichtsmechanisme dat schendingen onderzoekt")
        or an add-on in a clause of its own after the decisive word ("de Spreidingswet in te trekken,
        en de Kamer hierover te informeren")."""
        if m.start() < t_end and m.end() > t_start:
            return False
        if t_end > t_start and m.start() > t_end and _RELATIVE_ON_TARGET.match(low, t_end, m.start()):
            return False
        return not (decisive_at is not None and m.start() > max(decisive_at, t_start)
                    and _LIST_SEPARATOR.search(low, decisive_at, m.start()))
    # a target inside a conditional clause ("als kwetsbare vluchtelingen niet kunnen terugkeren, ...")
    # is a condition, not a position: read like a modal frame
    conditional = _in_condition(low, t_start)
    # a question ("Hoe zorgen we ervoor dat nieuwkomers beter integreren?") asks, it takes no side
    # or is an indirect one put first ("Of taalles de inburgering versnelt, laten wij onderzoeken"; not
    # the concessive "Of het nu gaat om X of Y, ...")
    question = text.rstrip().endswith("?") or bool(_FRONTED_WHETHER.match(low)) or bool(_FRONTED_WH.match(low))
    # what others did, plan or allow ("het vorige kabinet stelde voor ...") is described, not asked
    # for; not in a motion's request, which names the government as the one to act
    reported = unit.clause_type not in OPERATIVE_CLAUSES and bool(_matches(d.get("report"), low))
    modal = conditional or question or reported or any(frames(m) for m in _matches(d.get("modal"), low))
    score = _SIGN[label]
    if modal:
        label, score = "neutral", 0.1 * score  # keeps the lean as a feature, below the label threshold
    weight = 1.0
    if unit.clause_type in OPERATIVE_CLAUSES:
        weight = 2.0
    elif unit.clause_type in CONSIDERING_CLAUSES:
        weight = 0.5
    if index == -1:
        weight *= 0.8
    reading = UnitReading(demand_id=demand.id, label=label, score=score, weight=weight,
                          clause_type=unit.clause_type, evidence=text.strip(), target_index=index,
                          direction=direction, negated=negated, modal=modal, contrast=contrast,
                          direct_cue=(direct[0] if direct else None), lemma_only=lemma_only,
                          decisive_at=decisive_at)
    # a target inside a prepositional phrase ("de wachttijden bij de IND") modifies another noun
    modifier = bool(t_end and _PREPOSITION_BEFORE.search(low[:t_start]))
    return reading, (modifier, decisive[1] if decisive is not None else float("inf"))


# words of a request that point back to what the considerations named ("deze wet in te trekken");
# a demonstrative only with a noun for a measure: "dat"/"die" alone are a conjunction or relative
# pronoun ("mede te delen dat Nederland overgaat tot grensbewaking" is not about the IND named
# before), and "deze uitdagingen" are not the law named among them
_ANAPHOR = re.compile(r"\b(?:daarvan|hiervan|hiermee|daarmee|daartoe|hiertoe|"
                      r"(?:deze|dit|dat|die) (?:\w+ )?(?:besluit|voorstel|wetsvoorstel|beleid|plan|wet|regeling|"
                      r"maatregel|stelsel|richtlijn|pact|verdrag|akkoord|overeenkomst|quotum|stop|aanpak|"
                      r"afspra(?:ak|ken)|norm|eis|termijn|regel|mogelijkhe(?:id|den)|voornemen|koppeling|verbod|"
                      r"wijziging|aanscherping|verplichting|verlenging|verkorting|verhoging|beperking|inperking|"
                      r"versobering)\w*)\b",
                      re.IGNORECASE)
# among those, a plan or agreement the considerations describe with a direction of its own, not the
# thing itself ("deze wet", "dit stelsel"): see `_referred`
_MEASURE_ANAPHOR = re.compile(r"\b(?:deze|dit|die|dat) (?:\w+ )?(?:afspra(?:ak|ken)|plan(?:nen)?|voornemen(?:s)?|"
                              r"mogelijkhe(?:id|den)|"
                              r"(?:wets)?voorstel(?:len)?|besluit(?:en)?|maatregel(?:en)?|aanpak|akkoord(?:en)?|"
                              r"koppeling(?:en)?|verbod(?:en)?|wijziging(?:en)?|aanscherping(?:en)?|verplichting(?:en)?|"
                              r"verlenging|verkorting|verhoging|beperking(?:en)?|inperking(?:en)?|versobering(?:en)?)\b",
                              re.IGNORECASE)


def _without_yielding(found: dict[str, UnitReading]) -> dict[str, UnitReading]:
    """The readings of one unit, without the `generic` ones that another demand's precise reading
    overrides: a bare mention, or one read through the same decisive word ("in de asielopvang
    krijg je les in de Nederlandse taal"). A generic target with a verb of its own keeps its reading
    ("azc's sluiten, asielzoekers aan de grens terugsturen")."""
    precise_words = {r.decisive_at for r in found.values() if not r.generic}
    if not precise_words:
        return found
    return {demand_id: r for demand_id, r in found.items()
            if not (r.generic and (r.decisive_at is None or r.decisive_at in precise_words))}


# a verdict's anaphor stands among the first words of its sentence ("Daar werken wij niet aan mee",
# "Wij steunen dat"); further on, "dat" is a conjunction
_VERDICT_REACH = re.compile(r"^\W*(?:\w+\W+){0,3}?$")
_VERDICT_MAX_WORDS = 20


def _opens_with_anaphor(low: str, cat: Catalogue) -> bool:
    """Is `low` (a lowercased sentence up to its colon) a short sentence with a `verdict_anaphor`
    among its first words ("Dat steunen wij", "Die route willen wij beperken")?"""
    anaphor = cat.directions.get("verdict_anaphor")
    if anaphor is None or len(low.split()) > _VERDICT_MAX_WORDS:
        return False
    first = anaphor.search(low)
    return first is not None and bool(_VERDICT_REACH.match(low[:first.start()]))


def _verdict(unit: Unit, cat: Catalogue) -> str | None:
    """"endorse", "refuse" or "modal" when the unit passes a verdict on the sentence before it
    (`verdict_anaphor`, `endorse`, `refuse` in the catalogue's directions), else None."""
    d = cat.directions
    low = unit.low.split(":")[0]   # "Dat steunen wij: gemeenten moeten zelf kiezen" -> the verdict
    if not _opens_with_anaphor(low, cat):
        return None
    negated = bool(_matches(d.get("negation"), low))
    if _matches(d.get("refuse"), low) or (negated and _matches(d.get("endorse"), low)):
        return "refuse"
    if _matches(d.get("endorse"), low):
        return "endorse"
    if _matches(d.get("modal"), low):
        return "modal"
    return None


_WE = re.compile(r"\b(?:wij|we)\b")
# "Dat moet stoppen.", "Dit moet worden teruggedraaid.": an impersonal plan, only with a "less" word
_MUST = re.compile(r"\b(?:moet|moeten)\b")
# the means to the goal of the sentence before ("Dit doen we door hen sneller een vergunning te
# verlenen"): its verb is about the means, the goal keeps its own reading
_MEANS = re.compile(r"^\W*(?:dit|dat) (?:doen|doet|bereiken|realiseren) (?:wij|we)\b")


def _anaphoric_plan(unit: Unit, cat: Catalogue) -> str | None:
    """Does the unit state the author's plan for what the sentence before it named ("Via nareis komen
    jaarlijks duizenden gezinsleden. Die route willen wij drastisch beperken.")? An anaphor among its
    first words, "wij/we" ("we"), or "moet/moeten" ("must": "... van noodopvang naar noodopvang. Dat
    moet stoppen."), and a short sentence."""
    low = unit.low.split(":")[0]   # "Die route willen wij beperken: alleen nog het kerngezin, ..."
    if _MEANS.match(low) or not _opens_with_anaphor(low, cat):
        return None
    return "we" if _WE.search(low) else "must" if _MUST.search(low) else None


def _apply_anaphoric_plans(units: list[Unit], by_unit: list[dict[str, UnitReading]], cat: Catalogue,
                           in_domain: bool, context: str) -> None:
    """A bare mention followed by the author's plan for it ("Die route willen wij beperken") is read
    through the plan's direction word (in place); the plan sentence holds the reading."""
    for i in range(1, len(units)):
        plan = _anaphoric_plan(units[i], cat) if by_unit[i - 1] else None
        if plan is None:
            continue
        for demand_id, before in list(by_unit[i - 1].items()):
            if demand_id in by_unit[i] or before.score != 0 or before.target_index < 0:
                continue
            demand = cat.by_id(demand_id)
            r = read_unit(units[i], demand, cat, extra_targets=[demand.targets[before.target_index]],
                          in_domain=in_domain, context=context)
            if (r is None or r.label == "neutral" or (r.direction is None and r.direct_cue is None)
                    or units[i].low.startswith("meer", r.decisive_at or 0)
                    or (plan == "must" and r.direction != "less")):
                continue   # no side gained; not the comparative: "Dat is meer dan nodig, vinden wij";
                # "Dat moet beter" does not say which way
            by_unit[i][demand_id] = replace(r, evidence=f"{before.evidence} {r.evidence}")
            del by_unit[i - 1][demand_id]


def _apply_verdicts(units: list[Unit], by_unit: list[dict[str, UnitReading]], cat: Catalogue) -> None:
    """A verdict sentence decides the side of the demands read in the sentence before it (in place):
    endorsing takes the side of what was described (also of a reported plan, read as modal),
    refusing the opposite one, a modal verdict makes it neutral. A bare mention (no lean) stays,
    except that refusing it wants less of what it describes ("... zijn 190.000 sociale huurwoningen
    met voorrang aan statushouders gegeven. Dit is onacceptabel.")."""
    for i in range(1, len(units)):
        if not by_unit[i - 1]:
            continue   # nothing read in the sentence before: no verdict to look for
        kind = _verdict(units[i], cat)
        if kind is None:
            continue
        for demand_id, before in list(by_unit[i - 1].items()):
            own = by_unit[i].get(demand_id)
            if own is not None and (own.direction or own.direct_cue):
                continue
            if before.score == 0:
                if kind == "refuse" and before.target_index >= 0 and not before.modal:
                    refused = cat.by_id(demand_id).targets[before.target_index].label_for("less")
                    if refused != "neutral":
                        by_unit[i - 1][demand_id] = replace(
                            before, label=refused, score=_SIGN[refused], direction="less",
                            evidence=f"{before.evidence} {units[i].text.strip()}")
                        by_unit[i].pop(demand_id, None)
                continue
            sign = 1.0 if before.score > 0 else -1.0
            if kind == "refuse":
                sign = -sign
            label = "neutral" if kind == "modal" else ("pro" if sign > 0 else "contra")
            by_unit[i - 1][demand_id] = replace(
                before, label=label, score=0.1 * sign if kind == "modal" else sign, modal=kind == "modal",
                negated=before.negated != (kind == "refuse"),
                evidence=f"{before.evidence} {units[i].text.strip()}")
            by_unit[i].pop(demand_id, None)   # the verdict's own bare mention is the same reading


def read_units(units: list[Unit], cat: Catalogue, in_domain: bool = True,
               context: str | None = None) -> dict[str, list[UnitReading]]:
    """All readings per demand over the units of one passage (motion clauses included). `context`
    (default: the units' text) is what targets with a `when`/`unless` pattern are judged by."""
    out: dict[str, list[UnitReading]] = {}
    is_motion = any(u.clause_type for u in units)
    context = " ".join(u.text for u in units) if context is None else context
    by_unit = [{demand.id: r for demand in cat
                if (r := read_unit(u, demand, cat, in_domain=in_domain, context=context)) is not None}
               for u in units]
    by_unit = [_without_yielding(found) for found in by_unit]
    if not is_motion:
        _apply_verdicts(units, by_unit, cat)
        _apply_anaphoric_plans(units, by_unit, cat, in_domain, context)
    # requests that point back to the considerations, and whether to a described measure (per unit,
    # not per demand)
    referring = [(u, bool(_MEASURE_ANAPHOR.search(u.text))) for u in units
                 if u.clause_type in OPERATIVE_CLAUSES and _ANAPHOR.search(u.text)] if is_motion else []
    for demand in cat:
        readings = [found[demand.id] for found in by_unit if demand.id in found]
        if is_motion and readings and not any(r.clause_type in OPERATIVE_CLAUSES for r in readings):
            # the request may refer back to a target named in the considerations
            first = next((r for r in readings if r.target_index >= 0), None)
            considered = [demand.targets[first.target_index]] if first is not None else []
            for u, to_measure in referring:
                r = read_unit(u, demand, cat, extra_targets=considered, in_domain=in_domain, context=context)
                if (r is not None and r.direction is None and to_measure
                        and _matches(cat.directions.get("undo_measure"), u.low)):
                    r = replace(r, direction="less")   # "af te zien van dit voornemen"
                if r is not None and r.direction is not None:
                    # "deze wet" is the target itself; "deze afspraken" the measure described
                    readings.append(_referred(r, first) if to_measure else r)
        if readings:
            out[demand.id] = readings
    return out


def _referred(request: UnitReading, considered: UnitReading | None) -> UnitReading:
    """A request that refers back to a measure the considerations describe with a side of their own
    carries out or undoes that measure: "constaterende dat is afgesproken de rechtsbijstand te
    beperken; verzoekt de regering deze afspraken uit te voeren" is contra (the rights are limited),
    not pro (something is carried out); "... verzoekt deze plannen in te trekken" is pro. A considered
    mention without a side (a law named) keeps the request's own reading of the target."""
    if (considered is None or considered.label == "neutral" or considered.modal
            or not (considered.direction or considered.direct_cue) or request.direction not in ("more", "keep", "less")):
        return request
    carries_out = (request.direction != "less") != request.negated
    label = considered.label if carries_out else _FLIP[considered.label]
    score = _SIGN[label] * (0.1 if request.modal else 1.0)
    return replace(request, label="neutral" if request.modal else label, score=score)


def combine(readings: list[UnitReading]) -> tuple[str, float, str]:
    """(label, score in [-1, 1], evidence) of a demand from its unit readings.

    Motions: operative clauses decide; when the request itself does not address the demand, the
    considerations give the motion a lean on it but no side (neutral)."""
    operative = [r for r in readings if r.clause_type in OPERATIVE_CLAUSES]
    use = operative or readings
    total_w = sum(r.weight for r in use)
    score = sum(r.score * r.weight for r in use) / total_w if total_w else 0.0
    if not operative and any(r.clause_type in CONSIDERING_CLAUSES for r in use):
        # a motion that names the demand only in its considerations describes, it does not ask:
        # neutral, with the lean kept as a feature ("overwegende dat gemeenten de lvv's gaan sluiten")
        score *= 0.1
    if score > 0.15:
        label = "pro"
    elif score < -0.15:
        label = "contra"
    else:
        label = "neutral"
    # evidence: the strongest reading agreeing with the label
    agreeing = [r for r in use if r.label == label] or use
    best = max(agreeing, key=lambda r: (abs(r.score) * r.weight, -len(r.evidence)))
    return label, max(-1.0, min(1.0, score)), best.evidence
