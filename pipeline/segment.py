"""Segment documents into passages (the `passages` schema of pipeline/schemas.py).

Motions: one passage for the whole motion (level "document", order 0), then one per clause
(level "clause"): the preamble "De Kamer, gehoord de beraadslaging," and each clause opened by a
marker (constaterende, overwegende, van mening, verzoekt, roept op, spreekt uit, draagt op, ...) up to
the next marker; "en gaat over tot de orde van de dag." is the closing clause and the signatures after
it are left out. A marker only counts at the start of the text or after "," ";" or ":" so a word in the
middle of a clause never opens one. Title-only motions get only the document passage.

Programmes and plain text: the Markdown-like text written by `ingest.clean_pdf_text` (or any Markdown /
plain text): `#` lines set the heading path ("Asiel en migratie > Opvang"), blank lines separate
paragraphs. Paragraphs longer than `max_words` are split at sentence boundaries (spaCy
`blank("nl")` + `sentencizer`), fragments shorter than `min_words` are merged with a neighbour under the
same heading. Headings themselves are not passages. Sizes are in config/segment.yaml.

Every passage has char_start/char_end into the document text such that
``" ".join(text[char_start:char_end].split()) == passage["text"]``.
"""
from __future__ import annotations

import functools
import logging
import re

import pandas as pd
import yaml

from . import schemas
from .paths import CONFIG_DIR

log = logging.getLogger(__name__)

_ADVERB = r"(?:(?:en\s+)?(?:tevens|voorts|verder|mede|ook|daarnaast|eveneens|nogmaals)\s+)?"
# clause type -> marker pattern (matched case-insensitively at a clause boundary)
CLAUSE_MARKERS: list[tuple[str, str]] = [
    ("closing", r"en\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\b\.?"),
    ("preamble", r"de\s+kamer\s*,"),
    ("constaterende", _ADVERB + r"constaterende\b"),
    ("overwegende", _ADVERB + r"overwegende\b"),
    ("van_mening", _ADVERB + r"(?:is\s+)?van\s+mening\b"),
    ("van_oordeel", _ADVERB + r"(?:is\s+)?van\s+oordeel\b"),
    ("verzoekt", _ADVERB + r"verzoekt\b"),
    ("roept_op", _ADVERB + r"roept\b"),
    ("spreekt_uit", _ADVERB + r"spreekt\b"),
    ("draagt_op", _ADVERB + r"draagt\b"),
    ("other", _ADVERB + r"(?:wijst|betreurt|stelt\s+vast|besluit|nodigt|vraagt|gelet\s+op|in\s+aanmerking\s+"
               r"nemende|concludeert|erkent|benadrukt|onderkent|meent|veroordeelt|steunt|onderschrijft|"
               r"dringt\s+er|is\s+verheugd|waardeert|herinnert)\b"),
]
_MARKER_RE = re.compile(
    r"(?:^|(?<=[,;:]))\s*(?P<marker>"
    + "|".join(f"(?P<{name}_{i}>{pattern})" for i, (name, pattern) in enumerate(CLAUSE_MARKERS))
    + ")",
    re.IGNORECASE,
)
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")


@functools.lru_cache(maxsize=1)
def _config() -> dict:
    with open(CONFIG_DIR / "segment.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["programme"]


@functools.lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


def _norm(text: str) -> str:
    return " ".join(text.split())


def _passage(level, order, clause_type, heading_path, text, start, end) -> dict:
    # trim the span to its non-space content so offsets and text agree exactly
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"level": level, "order": order, "clause_type": clause_type, "heading_path": heading_path,
            "text": _norm(text[start:end]), "char_start": start, "char_end": end}


# ---------------------------------------------------------------------------------------------
# motions
# ---------------------------------------------------------------------------------------------
def find_clauses(text: str) -> list[tuple[str, int, int]]:
    """(clause_type, start, end) of each clause; the computing half of `segment_motion`."""
    marks = []
    for match in _MARKER_RE.finditer(text):
        name = next(k for k, v in match.groupdict().items() if v is not None and k != "marker")
        marks.append((name.rsplit("_", 1)[0], match.start("marker"), match.end("marker")))
    clauses = []
    for i, (kind, start, marker_end) in enumerate(marks):
        if kind == "closing":
            clauses.append((kind, start, marker_end))
            break  # signatures follow
        end = marks[i + 1][1] if i + 1 < len(marks) else len(text)
        clauses.append((kind, start, end))
    return clauses


def segment_motion(text: str | None) -> list[dict]:
    """Whole motion (order 0, level document) + its clauses (level clause)."""
    if not text or not text.strip():
        return []
    passages = [_passage("document", 0, None, "", text, 0, len(text))]
    for kind, start, end in find_clauses(text):
        passage = _passage("clause", len(passages), kind, "", text, start, end)
        if passage["text"]:
            passages.append(passage)
    return passages


# ---------------------------------------------------------------------------------------------
# programmes / text
# ---------------------------------------------------------------------------------------------
def _paragraphs(text: str) -> list[tuple[str, int, int]]:
    """(heading_path, start, end) per paragraph: heading lines set the path, blank lines separate."""
    stack: list[tuple[int, str]] = []
    out = []
    start = end = None
    pos = 0
    front = re.match(r"---[ \t]*\n.*?\n---[ \t]*\n", text, re.DOTALL)  # Jekyll/YAML front matter
    if front:
        pos = front.end()
    for line in text[pos:].splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        stripped = line.strip()
        heading = _HEADING_RE.match(stripped)
        if not stripped or heading or stripped == "---":
            if start is not None:
                out.append((" > ".join(t for _, t in stack), start, end))
                start = None
            if heading:
                level = len(heading.group(1))
                stack = [(lv, t) for lv, t in stack if lv < level] + [(level, heading.group(2).strip(" :"))]
            continue
        if start is None:
            start = line_start
        end = line_start + len(line.rstrip())
    if start is not None:
        out.append((" > ".join(t for _, t in stack), start, end))
    return out


def _word_spans(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """Hard split of a sentence without punctuation (SGP 2021 is nearly one line) every max_words words."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    return [(words[i][0], words[min(i + max_words, len(words)) - 1][1]) for i in range(0, len(words), max_words)]


def _chunks(text: str, paragraphs: list[tuple[str, int, int]]) -> list[tuple[str, int, int, int]]:
    """Paragraph spans split at sentences into (heading_path, start, end, words) of at most max_words."""
    cfg = _config()
    max_words, target = cfg["max_words"], cfg["target_words"]
    long = [p for p in paragraphs if len(text[p[1]:p[2]].split()) > max_words]
    sentences: dict[tuple[int, int], list[tuple[int, int]]] = {}
    if long:
        nlp = _sentencizer()
        for (path, start, end), doc in zip(long, nlp.pipe((text[s:e] for _, s, e in long), batch_size=64)):
            sentences[(start, end)] = [(start + s.start_char, start + s.end_char) for s in doc.sents]
    out = []
    for path, start, end in paragraphs:
        words = len(text[start:end].split())
        if words <= max_words:
            out.append((path, start, end, words))
            continue
        spans = []
        for s, e in sentences[(start, end)]:
            spans.extend(_word_spans(text, s, e, max_words) if len(text[s:e].split()) > max_words else [(s, e)])
        cur_start, cur_end, cur_words = None, None, 0
        for s, e in spans:
            n = len(text[s:e].split())
            if cur_start is not None and (cur_words >= target or cur_words + n > max_words):
                out.append((path, cur_start, cur_end, cur_words))
                cur_start, cur_words = None, 0
            cur_start = s if cur_start is None else cur_start
            cur_end, cur_words = e, cur_words + n
        if cur_start is not None:
            out.append((path, cur_start, cur_end, cur_words))
    return out


def _merge_small(chunks: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """Merge fragments under min_words into the next (or previous) chunk of the same heading path."""
    cfg = _config()
    min_words, max_words = cfg["min_words"], cfg["max_words"]
    out: list[list] = []
    for path, start, end, words in chunks:
        if out and out[-1][0] == path and (out[-1][3] < min_words or words < min_words) \
                and out[-1][3] + words <= max_words:
            out[-1][2], out[-1][3] = end, out[-1][3] + words
        else:
            out.append([path, start, end, words])
    return [tuple(c) for c in out]


def segment_programme(text: str | None) -> list[dict]:
    """Paragraph passages (15-150 words) with their heading path, for programmes and plain text."""
    if not text or not text.strip():
        return []
    chunks = _merge_small(_chunks(text, _paragraphs(text)))
    return [_passage("paragraph", i, None, path, text, start, end) for i, (path, start, end, _) in enumerate(chunks)]


# ---------------------------------------------------------------------------------------------
# DataFrame API
# ---------------------------------------------------------------------------------------------
def segment_document(doc_type: str, text: str | None, text_source: str = "text") -> list[dict]:
    if doc_type == "motion":
        if text_source == "title":
            return [_passage("document", 0, None, "", text, 0, len(text))] if text and text.strip() else []
        return segment_motion(text)
    return segment_programme(text)


def segment_documents_with_errors(documents: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Passages of every document, and an error row (stage "segment") per document that failed."""
    rows, errors = [], []
    for doc in documents.itertuples(index=False):
        try:
            passages = segment_document(doc.doc_type, None if pd.isna(doc.text) else str(doc.text),
                                        getattr(doc, "text_source", "text"))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            log.warning("segmenting %s failed: %s", doc.doc_id, exc)
            errors.append({"path": str(doc.source_path), "stage": "segment",
                           "reason": f"could not segment {doc.doc_id}: {type(exc).__name__}: {exc}"})
            continue
        for p in passages:
            rows.append({"passage_id": f"{doc.doc_id}#{p['order']}", "doc_id": doc.doc_id, **p})
    frame = pd.DataFrame(rows, columns=schemas.columns("passages")) if rows else schemas.empty("passages")
    return schemas.coerce(frame, "passages"), errors


def segment_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """documents (schema + `text`) -> passages schema, ordered by doc_id and order."""
    passages, _ = segment_documents_with_errors(documents)
    return passages
