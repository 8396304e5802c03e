"""The DataFrames that flow between stages, with their documented columns.

Every stage takes and returns pandas DataFrames with exactly these columns (in this order).
`validate(df, NAME)` checks a frame before it is written, so a stage that drifts from its
contract fails loudly in the tests instead of writing a silently different file.

Flow:  ingest -> DOCUMENTS, VOTES, ERRORS
       segment(DOCUMENTS) -> PASSAGES
       themes(PASSAGES) -> PASSAGES + theme_T1..theme_T5
       stance(PASSAGES, Docs) -> STANCES
       aggregate(DOCUMENTS, PASSAGES, STANCES, VOTES) -> DOCUMENT_STANCES, PARTY_STANCES, ...
"""
from __future__ import annotations

import pandas as pd

THEMES = ["T1", "T2", "T3", "T4", "T5"]
THEME_COLUMNS = [f"theme_{t}" for t in THEMES]
STANCE_LABELS = ["pro", "contra", "neutral"]
VOTE_VALUES = ["voor", "tegen", "niet deelgenomen", "verdeeld"]

# name -> {column: description}. dtype hints: str (nullable string), int, float, bool, Int64 (nullable int)
SCHEMAS: dict[str, dict[str, tuple[str, str]]] = {
    "documents": {
        "doc_id": ("str", "source identity: kst-<dossier>-<nr> or Zaak nummer for motions; prog-<year>-<PARTY> for programmes; text-<stem> for plain text"),
        "doc_type": ("str", "motion | programme | text"),
        "title": ("str", "motion title (Zaak Onderwerp) or programme title"),
        "party": ("str", "canonical party (programme author; first submitter's party for a motion); null if unknown"),
        "year": ("Int64", "programme election year, or the year of the motion date"),
        "date": ("str", "ISO date YYYY-MM-DD (motions); null for programmes without one"),
        "source_path": ("str", "input file the document came from (';'-joined when merged from several)"),
        "content_hash": ("str", "sha256 of the document text + metadata: detects change, is not the identity"),
        "text_source": ("str", "text | title: title when the motion text was missing and the title stands in"),
        "metadata": ("str", "JSON object: dossier, number, submitters [{name, party}], result, draft, zaak_nummer, ..."),
    },
    "votes": {
        "doc_id": ("str", "the motion"),
        "party": ("str", "canonical party name"),
        "vote": ("str", "voor | tegen | niet deelgenomen | verdeeld"),
        "seats": ("Int64", "fractiegrootte at the vote"),
        "vergissing": ("bool", "the API's Vergissing flag: the party said it voted by mistake"),
    },
    "errors": {
        "path": ("str", "input file (with :line for a JSON line)"),
        "stage": ("str", "read | parse | segment | nlp | themes | stance | ..."),
        "reason": ("str", "a sentence a user understands"),
    },
    "passages": {
        "passage_id": ("str", "<doc_id>#<order>"),
        "doc_id": ("str", ""),
        "level": ("str", "document (a motion as a whole) | clause (a motion clause) | paragraph (programme/text)"),
        "order": ("int", "position in the document, 0-based; the document-level passage of a motion is 0"),
        "clause_type": ("str", "motions: constaterende, overwegende, verzoekt, spreekt_uit, roept_op, draagt_op, van_mening, preamble, closing...; null otherwise"),
        "heading_path": ("str", "programme heading path, e.g. 'Asiel en migratie > Opvang'; '' when none"),
        "text": ("str", "passage text, whitespace-normalised"),
        "char_start": ("int", "offset of the passage in the document text"),
        "char_end": ("int", ""),
    },
    "stances": {
        "passage_id": ("str", ""),
        "doc_id": ("str", ""),
        "level": ("str", "as in passages; for motions the document-level row is the motion's stance"),
        "demand_id": ("str", "one of the 28 demand ids of the catalogue"),
        "theme": ("str", "T1..T5 of the demand"),
        "label": ("str", "pro | contra | neutral (measured against the letter)"),
        "score": ("float", "[-1, 1]: positive pro, negative contra"),
        "confidence": ("float", "[0, 1]"),
        "evidence": ("str", "verbatim substring of the passage text"),
    },
}


def columns(name: str) -> list[str]:
    return list(SCHEMAS[name])


def empty(name: str) -> pd.DataFrame:
    return coerce(pd.DataFrame({c: [] for c in SCHEMAS[name]}), name)


_DTYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool", "Int64": "Int64"}


def coerce(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return df with exactly the schema's columns, in order, with the schema's dtypes."""
    spec = SCHEMAS[name]
    missing = [c for c in spec if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}")
    extra = [c for c in df.columns if c not in spec]
    out = df[list(spec) + extra].copy()
    for col, (kind, _) in spec.items():
        out[col] = out[col].astype(_DTYPES[kind])
    return out.reset_index(drop=True)


def validate(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check the contract before writing: columns, dtypes, value domains. Returns the coerced frame."""
    out = coerce(df, name)
    if name == "documents":
        _check_unique(out, ["doc_id"], name)
        _check_in(out, "doc_type", {"motion", "programme", "text"}, name)
        _check_in(out, "text_source", {"text", "title"}, name)
    elif name == "votes":
        _check_unique(out, ["doc_id", "party"], name)
        _check_in(out, "vote", set(VOTE_VALUES), name)
    elif name == "passages":
        _check_unique(out, ["passage_id"], name)
        _check_in(out, "level", {"document", "clause", "paragraph"}, name)
        for col in THEME_COLUMNS:
            if col in out and ((out[col] < 0) | (out[col] > 1)).any():
                raise ValueError(f"{name}: {col} outside [0, 1]")
    elif name == "stances":
        _check_unique(out, ["passage_id", "demand_id"], name)
        _check_in(out, "label", set(STANCE_LABELS), name)
        if ((out["score"] < -1) | (out["score"] > 1)).any():
            raise ValueError(f"{name}: score outside [-1, 1]")
        if ((out["confidence"] < 0) | (out["confidence"] > 1)).any():
            raise ValueError(f"{name}: confidence outside [0, 1]")
    return out


def _check_unique(df, cols, name):
    dup = df.duplicated(cols)
    if dup.any():
        raise ValueError(f"{name}: duplicate {cols}: {df.loc[dup, cols].head(3).to_dict('records')}")


def _check_in(df, col, allowed, name):
    bad = set(df[col].dropna().unique()) - allowed
    if bad:
        raise ValueError(f"{name}: unexpected {col} values {sorted(bad)[:5]}")
