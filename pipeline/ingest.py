"""Ingest: read input files of any supported format into documents, votes and errors.

Readers are chosen by sniffing the content (not the extension alone):

=====================  ==========================================================================
content                reader
=====================  ==========================================================================
``%PDF``               programme PDF (pypdf) -> the PDF-text cleaning below
``<officiele-publ..``  officielebekendmakingen XML (op-xsd), minimal and full-metadata variants
JSON object/array      Tweede Kamer OData v4 (Zaak + Document/ZaakActor/Besluit/Stemming, Stemming
                       pages with Besluit/Fractie/Persoon; also the saved {"url",..,"data"} wrapper),
                       tkmoties per-motion JSON (a Zaak with ZaakActor/Besluit/Stemming)
JSON Lines             motions in the schema of corpus/motions/*.jsonl, streamed line by line; a bad
                       line is an error row ``file:line``, the good lines are kept
text                   a programme when a sidecar ``<name>.meta.json`` says so or the path looks like
                       ``.../<year>/<PARTY>.txt``; otherwise a plain text / Markdown document
=====================  ==========================================================================

Cleaned programme text (the ``text`` column that segmentation reads) is Markdown-like: a heading is a
line ``# Title`` (chapter) / ``## Title`` (section) / ``### Title``, paragraphs are single lines
separated by a blank line. PDF cleaning (`clean_pdf_text`) drops page numbers (standalone and glued to
a line end in page sequence), running headers/footers (lines repeated across the document, also when
glued to the start of a line), the table of contents (dot leaders / trailing page numbers, the block at
the start), line numbers; it undoes hyphenation across line breaks (only before a lowercase letter:
"asiel-\\nzoekers" -> "asielzoekers", "Noord-\\nHolland" and "EU-\\nlanden" keep their dash,
"asiel-\\nen migratie" keeps "asiel- en"), drops footnote numbers glued to a full stop
("Dublinverordening.5 Nederland") and reflows lines into paragraphs.

Motion identity: ``kst-<dossier>-<nr>`` when any source knows it, else the Zaak nummer; every reader
also records the aliases it knows (kst id, Zaak nummer, Zaak GUID) in ``metadata["aliases"]`` and
`merge` unites documents sharing an alias. Vote records carry the key their source knows and are mapped
to the merged doc_id.

Size limits (memory stays far below 2 GB): JSON Lines are streamed without limit; a single JSON or
XML file above 200 MB and a text or PDF file above 50 MB are rejected with a reason saying so.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from . import schemas
from .parties import canonical_party

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 50 * 1024 * 1024
MAX_JSON_BYTES = 200 * 1024 * 1024
TEMP_PATTERNS = ("~$", ".#")
TEMP_SUFFIXES = ("~", ".tmp", ".swp", ".part", ".crdownload", ".bak")

VOTE_MAP = {"voor": "voor", "tegen": "tegen", "niet deelgenomen": "niet deelgenomen", "verdeeld": "verdeeld"}


class IngestError(Exception):
    """The whole file is rejected; str(exc) is a reason a user understands."""


@dataclasses.dataclass
class ReadResult:
    documents: list[dict]
    votes: list[dict]
    errors: list[dict]


@dataclasses.dataclass
class Ingested:
    documents: pd.DataFrame  # documents schema + column `text`
    votes: pd.DataFrame
    errors: pd.DataFrame


# ---------------------------------------------------------------------------------------------
# discovery
# ---------------------------------------------------------------------------------------------
def _skipped(path: Path) -> bool:
    name = path.name
    return (
        name.endswith(".meta.json")
        or name.startswith(".")
        or name.startswith(TEMP_PATTERNS)
        or name.endswith(TEMP_SUFFIXES)
    )


def discover(inputs: list) -> list[Path]:
    """Files under `inputs` (files or folders, recursive), sorted, without sidecars/hidden/temp files."""
    found: set[Path] = set()
    for item in inputs:
        root = Path(item)
        if root.is_file():
            if not _skipped(root):
                found.add(root)
        elif root.is_dir():
            for path in root.rglob("*"):
                rel = path.relative_to(root).parts
                if any(part.startswith(".") for part in rel) or not path.is_file():
                    continue
                if not _skipped(path):
                    found.add(path)
    return sorted(found, key=lambda p: str(p))


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------
def _iso_date(value) -> str | None:
    if not value:
        return None
    match = re.match(r"(\d{4}-\d{2}-\d{2})", str(value))
    return match.group(1) if match else None


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def content_hash(text: str, metadata: dict) -> str:
    h = hashlib.sha256(text.encode("utf-8"))
    h.update(json.dumps(metadata, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return h.hexdigest()


def make_document(doc_id, doc_type, title, text, source_path, *, party=None, year=None, date=None,
                  text_source="text", metadata=None) -> dict:
    metadata = dict(metadata or {})
    text = text or ""
    return {
        "doc_id": doc_id, "doc_type": doc_type, "title": title, "party": party,
        "year": year if year is not None else _year(date), "date": date,
        "source_path": str(source_path), "content_hash": content_hash(text, metadata),
        "text_source": text_source, "metadata": json.dumps(metadata, ensure_ascii=False, sort_keys=True),
        "text": text,
    }


def _vote(doc_id, party, vote, seats, vergissing=False, modified=None) -> dict:
    # `modified` (API GewijzigdOp) only orders duplicates in `merge`; it is dropped from the output.
    return {"doc_id": doc_id, "party": party, "vote": vote, "seats": seats,
            "vergissing": bool(vergissing), "modified": modified}


def _error(path, reason, stage="read") -> dict:
    return {"path": str(path), "stage": stage, "reason": reason}


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1: never fails."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    control = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0x7F <= ord(ch) < 0xA0)
    return control / len(sample) > 0.02


def _mark_from_title(title: str | None) -> str | None:
    return " ".join(title.split()) if title else None


# ---------------------------------------------------------------------------------------------
# read_path: sniff and dispatch
# ---------------------------------------------------------------------------------------------
def read_path(path) -> ReadResult:
    """Read one file; raises IngestError with a user-facing reason when the whole file is rejected."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from None
    if size == 0 or not head.strip():
        raise IngestError("empty file")
    if head.startswith(b"%PDF"):
        return _read_pdf(path, size)
    if path.suffix.lower() == ".pdf":
        raise IngestError("named .pdf but is not a PDF (no %PDF header)")
    if head.startswith(b"PK\x03\x04"):
        raise IngestError("a ZIP archive (e.g. .docx, .xlsx, .odt): not a supported format; "
                          "save it as PDF or plain text")
    if b"\x00" in head:
        raise IngestError("binary file (contains NUL bytes): not a supported format")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return _read_xml(path, size)
    if stripped.startswith((b"{", b"[")):
        if _is_json_lines(path, stripped):
            return _read_jsonl(path)
        return _read_json(path, size)
    return _read_text_file(path, size)


def _is_json_lines(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return True
    first_line = head.split(b"\n", 1)[0].strip()
    if not first_line.startswith(b"{") or b"\n" not in head:
        return False
    try:
        json.loads(first_line)
    except ValueError:
        return False
    rest = head.split(b"\n", 1)[1].lstrip()
    return rest.startswith(b"{") or not rest


# ---------------------------------------------------------------------------------------------
# JSON Lines (corpus/motions/*.jsonl schema)
# ---------------------------------------------------------------------------------------------
def _read_jsonl(path: Path) -> ReadResult:
    result = ReadResult([], [], [])
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(_decode(raw))
            except ValueError as exc:
                result.errors.append(_error(where, f"malformed JSON line ({exc.msg})", "parse"))
                continue
            if not isinstance(record, dict):
                result.errors.append(_error(where, "JSON line is not an object", "parse"))
                continue
            try:
                doc, votes = _motion_from_record(record, path)
            except ValueError as exc:
                result.errors.append(_error(where, str(exc), "parse"))
                continue
            result.documents.append(doc)
            result.votes.extend(votes)
    if not result.documents and result.errors:
        raise IngestError(f"no readable motion in the JSON Lines file ({len(result.errors)} bad lines, "
                          f"first: {result.errors[0]['reason']})")
    return result


def _motion_from_record(record: dict, path: Path) -> tuple[dict, list[dict]]:
    """One motion of the corpus JSONL schema -> (document, votes)."""
    ident = record.get("id")
    title = _mark_from_title(record.get("title"))
    text = record.get("text")
    if not ident:
        raise ValueError("motion without 'id'")
    if not (text and str(text).strip()) and not title:
        raise ValueError("motion without text and without title")
    date = _iso_date(record.get("date"))
    submitters = [
        {"name": s.get("name"), "party": canonical_party(s.get("party"), date)}
        for s in (record.get("submitters") or []) if isinstance(s, dict)
    ]
    aliases = sorted({str(a) for a in (ident, record.get("zaak_nummer"), record.get("zaak_id")) if a})
    kst = ident if str(ident).startswith("kst-") else None
    dossier, number = None, None
    if kst:
        parts = kst.split("-")
        dossier, number = "-".join(parts[1:-1]), parts[-1]
    metadata = {
        "aliases": aliases, "dossier": record.get("dossier") or dossier, "number": number,
        "dossier_title": record.get("dossier_title"), "submitters": submitters,
        "result": record.get("result"), "zaak_nummer": record.get("zaak_nummer")
        or (ident if re.match(r"^\d{4}Z\d+$", str(ident)) else None),
        "zaak_id": record.get("zaak_id"), "kabinetsappreciatie": record.get("kabinetsappreciatie"),
    }
    has_text = bool(text and str(text).strip())
    party = next((s["party"] for s in submitters if s["party"]), None)
    doc = make_document(
        str(ident), "motion", title, str(text) if has_text else title, path, party=party, date=date,
        text_source="text" if has_text else "title", metadata=metadata,
    )
    votes = []
    for fractie, info in (record.get("votes") or {}).items():
        if not isinstance(info, dict):
            continue
        vote = VOTE_MAP.get(str(info.get("vote", "")).strip().lower())
        if vote:
            votes.append(_vote(str(ident), canonical_party(fractie, date), vote, info.get("seats"),
                               info.get("vergissing", False)))
    return doc, votes


# ---------------------------------------------------------------------------------------------
# JSON: Tweede Kamer OData v4 and tkmoties
# ---------------------------------------------------------------------------------------------
def _read_json(path: Path, size: int) -> ReadResult:
    if size > MAX_JSON_BYTES:
        raise IngestError(f"JSON file of {size // 2**20} MB is above the {MAX_JSON_BYTES // 2**20} MB limit; "
                          "split it or use JSON Lines")
    try:
        data = json.loads(_decode(path.read_bytes()))
    except ValueError as exc:
        raise IngestError(f"malformed or truncated JSON ({exc})") from None
    if isinstance(data, dict) and "data" in data and "url" in data and "status" in data:
        data = data["data"]  # the saved API response wrapper of api-responses/
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        records, entity = data["value"], _entity_set(data.get("@odata.context", ""))
    elif isinstance(data, list):
        records, entity = data, ""
    elif isinstance(data, dict):
        records, entity = [data], ""
    else:
        raise IngestError("JSON is neither an OData response nor a motion record")
    result = ReadResult([], [], [])
    zaken = [r for r in records if isinstance(r, dict) and _is_zaak(r)]
    stemmingen = [r for r in records if isinstance(r, dict) and _is_stemming(r)]
    besluiten = [r for r in records if isinstance(r, dict) and isinstance(r.get("Stemming"), list)
                 and not _is_zaak(r)]
    for zaak in zaken:
        doc, votes = _motion_from_zaak(zaak, path)
        if doc:
            result.documents.append(doc)
            result.votes.extend(votes)
    for besluit in besluiten:
        _votes_from_besluit(besluit, besluit.get("Stemming") or [], path, result)
    if stemmingen:
        _votes_from_stemming_page(stemmingen, path, result)
    if not (result.documents or result.votes or result.errors):
        what = f"entity set '{entity}'" if entity else "JSON content"
        raise IngestError(f"OData {what} holds no motions (Zaak) or votes (Stemming): nothing to ingest"
                          if entity else "JSON holds no motions (Zaak) or votes (Stemming): nothing to ingest")
    return result


def _entity_set(context: str) -> str:
    match = re.search(r"\$metadata#(\w+)", context or "")
    return match.group(1) if match else ""


def _is_zaak(r: dict) -> bool:
    return "Nummer" in r and "Onderwerp" in r and re.match(r"^\d{4}Z\d+$", str(r.get("Nummer") or "")) is not None


def _is_stemming(r: dict) -> bool:
    return "ActorFractie" in r and "Soort" in r and ("Besluit_Id" in r or "Besluit" in r)


def _odata_vote(soort) -> str | None:
    return VOTE_MAP.get(str(soort or "").strip().lower())


def _motion_from_zaak(zaak: dict, path: Path) -> tuple[dict | None, list[dict]]:
    if zaak.get("Verwijderd") is True:
        return None, []
    nummer = zaak["Nummer"]
    date = _iso_date(zaak.get("GestartOp"))
    kst, text, doc_nummer = None, None, None
    for document in _as_list(zaak.get("Document")):
        if document.get("Verwijderd") is True:
            continue
        version = document.get("HuidigeDocumentVersie") or {}
        ident = version.get("ExterneIdentifier") or next(
            (p.get("Identifier") for p in _as_list(version.get("DocumentPublicatie")) if p.get("Identifier")), None)
        if ident and str(ident).startswith("kst-"):
            kst = kst or str(ident)
        doc_nummer = doc_nummer or document.get("DocumentNummer")
        # the expansion carries text only when a caller added it (e.g. a converted publication)
        for key in ("Tekst", "Text", "Inhoud"):
            if isinstance(document.get(key), str) and document[key].strip():
                text = text or document[key]
        date = date or _iso_date(document.get("Datum"))
    submitters = []
    for actor in _as_list(zaak.get("ZaakActor")):
        relation = str(actor.get("Relatie") or "Indiener")
        if "indiener" not in relation.lower():
            continue
        submitters.append({"name": actor.get("ActorNaam"),
                           "party": canonical_party(actor.get("ActorFractie"), date)})
    title = _mark_from_title(zaak.get("Onderwerp")) or _mark_from_title(zaak.get("Titel"))
    result_text = None
    votes: list[dict] = []
    doc_id = kst or nummer
    for besluit in _as_list(zaak.get("Besluit")):
        if besluit.get("Verwijderd") is True:
            continue
        soort = str(besluit.get("BesluitSoort") or "")
        if soort.startswith("Stemmen"):
            result_text = soort.split("-", 1)[1].strip() if "-" in soort else soort
        tmp = ReadResult([], [], [])
        _collect_votes(doc_id, _as_list(besluit.get("Stemming")), date, tmp)
        votes = tmp.votes or votes  # the last Besluit with votes wins (a re-vote replaces)
    dossier, number = None, None
    if kst:
        parts = kst.split("-")
        dossier, number = "-".join(parts[1:-1]), parts[-1]
    metadata = {
        "aliases": sorted({a for a in (kst, nummer, zaak.get("Id")) if a}), "dossier": dossier,
        "number": number or zaak.get("Volgnummer"), "dossier_title": zaak.get("Titel"),
        "submitters": submitters, "result": result_text, "zaak_nummer": nummer, "zaak_id": zaak.get("Id"),
        "document_nummer": doc_nummer, "kabinetsappreciatie": zaak.get("Kabinetsappreciatie"),
    }
    party = next((s["party"] for s in submitters if s["party"]), None)
    has_text = bool(text)
    doc = make_document(doc_id, "motion", title, text if has_text else title, path, party=party, date=date,
                        text_source="text" if has_text else "title", metadata=metadata)
    return doc, votes


def _as_list(value) -> list[dict]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return [value] if isinstance(value, dict) else []


def _collect_votes(doc_id: str, stemmingen: list[dict], date: str | None, result: ReadResult) -> None:
    """Fractie records directly; per-MP roll-call records (Persoon set) aggregated to their party."""
    per_mp: dict[str, list[dict]] = defaultdict(list)
    for s in stemmingen:
        if s.get("Verwijderd") is True:
            continue
        vote = _odata_vote(s.get("Soort"))
        if vote is None:
            continue
        party = canonical_party(s.get("ActorFractie") or (s.get("Fractie") or {}).get("NaamNL"), date)
        if not party:
            continue
        if s.get("Persoon_Id") or s.get("Persoon"):
            per_mp[party].append(s)
            continue
        result.votes.append(_vote(doc_id, party, vote, s.get("FractieGrootte"), s.get("Vergissing"),
                                  s.get("GewijzigdOp")))
    for party, members in per_mp.items():
        kinds = {_odata_vote(m.get("Soort")) for m in members} - {"niet deelgenomen"}
        vote = "niet deelgenomen" if not kinds else kinds.pop() if len(kinds) == 1 else "verdeeld"
        modified = max((str(m.get("GewijzigdOp") or "") for m in members), default=None)
        seats = max((m.get("FractieGrootte") or 0 for m in members), default=0) or len(members)
        result.votes.append(_vote(doc_id, party, vote, seats, any(m.get("Vergissing") for m in members),
                                  modified))


def _votes_from_besluit(besluit: dict, stemmingen: list[dict], path: Path, result: ReadResult) -> None:
    """Votes of one Besluit, linked to its own Zaak; a Besluit without one is reported, not guessed."""
    zaken = [z for z in _as_list(besluit.get("Zaak")) if z.get("Nummer")]
    live = [s for s in stemmingen if s.get("Verwijderd") is not True]
    if not live:
        return
    if len(zaken) != 1:
        why = ("its Besluit is linked to several Zaken" if zaken else
               "its Besluit has no Zaak link of its own (the Agendapunt lists several motions, so it "
               "is not used)" if besluit.get("Agendapunt") or besluit.get("Agendapunt_Id") else
               "its Besluit has no Zaak link")
        result.errors.append(_error(path, f"{len(live)} vote records of Besluit {besluit.get('Id')} not "
                                          f"assigned to a motion: {why}", "parse"))
        return
    zaak = zaken[0]
    date = _iso_date(zaak.get("GestartOp"))
    doc, _ = _motion_from_zaak(zaak, path)
    if doc is None:
        return
    meta = json.loads(doc["metadata"])
    meta["stub"] = True  # known only through the vote: merged into the motion or reported
    soort = str(besluit.get("BesluitSoort") or "")
    if soort.startswith("Stemmen"):
        meta["result"] = soort.split("-", 1)[1].strip() if "-" in soort else soort
    doc["metadata"] = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    result.documents.append(doc)
    _collect_votes(doc["doc_id"], live, date, result)


def _votes_from_stemming_page(stemmingen: list[dict], path: Path, result: ReadResult) -> None:
    by_besluit: dict[str, tuple[dict, list[dict]]] = {}
    unexpanded = 0
    for s in stemmingen:
        besluit = s.get("Besluit")
        if not isinstance(besluit, dict):
            unexpanded += 1
            continue
        key = str(besluit.get("Id") or s.get("Besluit_Id"))
        by_besluit.setdefault(key, (besluit, []))[1].append(s)
    if unexpanded:
        result.errors.append(_error(path, f"{unexpanded} vote records without an expanded Besluit: cannot "
                                          "link them to a motion (request $expand=Besluit($expand=Zaak))",
                                    "parse"))
    for key in sorted(by_besluit):
        besluit, records = by_besluit[key]
        _votes_from_besluit(besluit, records, path, result)


# ---------------------------------------------------------------------------------------------
# officielebekendmakingen XML
# ---------------------------------------------------------------------------------------------
CLOSING_RE = re.compile(r"en gaat over tot de orde van de dag\.?", re.IGNORECASE)


def _read_xml(path: Path, size: int) -> ReadResult:
    from lxml import etree

    if size > MAX_JSON_BYTES:
        raise IngestError(f"XML file above the {MAX_JSON_BYTES // 2**20} MB limit")
    try:
        root = etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                    huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"malformed or truncated XML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    tag = etree.QName(root).localname
    if tag != "officiele-publicatie":
        raise IngestError(f"XML with root <{tag}> is not an officielebekendmakingen publication "
                          "(officiele-publicatie); nothing to ingest")
    meta = defaultdict(list)
    for m in root.iter("meta"):
        if m.get("name") and m.get("content") is not None:
            meta[m.get("name")].append(m.get("content"))
    first = lambda name: (meta.get(name) or [None])[0]  # noqa: E731
    dossier = first("OVERHEIDop.dossiernummer") or _text(root.find(".//dossiernr"))
    dossier = re.sub(r"\s+", "", dossier) if dossier else None
    number = first("OVERHEIDop.ondernummer") or _text(root.find(".//ondernummer"))
    ident = first("DC.identifier")
    if not (ident and ident.startswith("kst-")):
        if not (dossier and number):
            raise IngestError("publication XML without dossier and number: cannot identify the motion")
        ident = f"kst-{dossier}-{number}"
    datum = root.find(".//datum")
    date = _iso_date(datum.get("isodatum") if datum is not None else None) or _iso_date(first("DCTERMS.issued"))
    stuk = root.find(".//stuk")
    paragraphs = [" ".join("".join(al.itertext()).split()) for al in (stuk if stuk is not None else root).iter("al")]
    paragraphs = [p for p in paragraphs if p]
    body, trailing = paragraphs, []
    for i, par in enumerate(paragraphs):
        if CLOSING_RE.search(par):
            body, trailing = paragraphs[: i + 1], paragraphs[i + 1:]
            break
    indieners = meta.get("OVERHEIDop.indiener") or trailing
    submitters = [{"name": name, "party": None} for name in indieners]
    title = first("OVERHEIDop.documenttitel") or _text(stuk.find("titel") if stuk is not None else None)
    doc_type = (first("DC.type") or "").lower()
    metadata = {
        "aliases": [ident], "dossier": dossier, "number": number,
        "dossier_title": first("OVERHEIDop.dossiertitel") or _text(root.find(".//dossier/titel")),
        "submitters": submitters, "vergaderjaar": first("OVERHEIDop.vergaderjaar"), "kamerstuk_type": doc_type or None,
    }
    text = "\n".join(body)
    if not text.strip():
        raise IngestError("publication XML has no text paragraphs (<al>)")
    return ReadResult([make_document(ident, "motion", _mark_from_title(title), text, path, date=date,
                                     metadata=metadata)], [], [])


def _text(element) -> str | None:
    if element is None:
        return None
    value = " ".join("".join(element.itertext()).split())
    return value or None


# ---------------------------------------------------------------------------------------------
# text and PDF: programmes and plain documents
# ---------------------------------------------------------------------------------------------
def _programme_identity(path: Path) -> dict | None:
    """Sidecar <name>.meta.json (party, year, title, draft) or a .../<year>/<PARTY>.txt path."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.exists():
        try:
            meta = json.loads(_decode(sidecar.read_bytes()))
        except ValueError as exc:
            raise IngestError(f"sidecar {sidecar.name} is not valid JSON ({exc})") from None
        if not isinstance(meta, dict) or not meta.get("party") or not meta.get("year"):
            raise IngestError(f"sidecar {sidecar.name} needs at least 'party' and 'year'")
        return {"party": meta["party"], "year": int(meta["year"]), "title": meta.get("title"),
                "draft": bool(meta.get("draft", False)), "date": _iso_date(meta.get("date"))}
    if re.fullmatch(r"(19|20)\d\d", path.parent.name):
        return {"party": path.stem, "year": int(path.parent.name), "title": None, "draft": False, "date": None}
    return None


def _programme_document(path: Path, identity: dict, text: str) -> dict:
    party = canonical_party(identity["party"])
    year = identity["year"]
    title = identity.get("title") or f"Verkiezingsprogramma {party} {year}"
    metadata = {"draft": identity.get("draft", False), "original_party_name": identity["party"]}
    return make_document(f"prog-{year}-{party}", "programme", title, text, path, party=party, year=year,
                         date=identity.get("date"), metadata=metadata)


def _read_text_file(path: Path, size: int) -> ReadResult:
    if size > MAX_TEXT_BYTES:
        raise IngestError(f"text file of {size // 2**20} MB is above the {MAX_TEXT_BYTES // 2**20} MB limit "
                          "for one document; split it")
    text = _decode(path.read_bytes())
    if _looks_binary(text):
        raise IngestError("binary content (control characters), not text: not a supported format")
    identity = _programme_identity(path)
    if identity:
        cleaned = clean_pdf_text(text)
        if not cleaned.strip():
            raise IngestError("programme text is empty after cleaning")
        return ReadResult([_programme_document(path, identity, cleaned)], [], [])
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    stem = re.sub(r"[^\w.-]+", "_", path.stem)
    body = re.sub(r"\A---\n.*?\n---\n", "", text, count=1, flags=re.DOTALL)  # Jekyll front matter
    headings = [ln.strip("# ").strip(" :") for ln in body.splitlines() if ln.startswith("#") and ln.strip("# ")]
    title = headings[0] if headings else next((ln.strip() for ln in body.splitlines() if ln.strip()), stem)
    return ReadResult([make_document(f"text-{stem}", "text", title[:200], text, path,
                                     metadata={"format": "markdown" if path.suffix.lower() == ".md" else "text"})],
                      [], [])


def _read_pdf(path: Path, size: int) -> ReadResult:
    if size > MAX_TEXT_BYTES:
        raise IngestError(f"PDF of {size // 2**20} MB is above the {MAX_TEXT_BYTES // 2**20} MB limit")
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 4096))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise IngestError("truncated or damaged PDF (no end-of-file marker)")
    text = extract_pdf_text(path)
    identity = _programme_identity(path)
    cleaned = clean_pdf_text(text)
    if not cleaned.strip():
        raise IngestError("PDF has no extractable text (scanned images?)")
    if identity:
        return ReadResult([_programme_document(path, identity, cleaned)], [], [])
    stem = re.sub(r"[^\w.-]+", "_", path.stem)
    return ReadResult([make_document(f"text-{stem}", "text", stem, cleaned, path, metadata={"format": "pdf"})],
                      [], [])


def extract_pdf_text(path: Path) -> str:
    """Text of every page (pages separated by form feeds); IngestError for encrypted/damaged PDFs."""
    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - missing crypto backend or unsupported algorithm
                ok = 0
            if not ok:
                raise IngestError("PDF is encrypted (password protected): cannot read its text")
        pages = []
        for page in reader.pages:
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # noqa: BLE001 - one broken page must not lose the document
                log.debug("page of %s unreadable: %s", path, exc)
                pages.append("")
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError, AttributeError) as exc:
        raise IngestError(f"damaged PDF ({type(exc).__name__}: {exc})") from None
    return "\f".join(pages)


# ---------------------------------------------------------------------------------------------
# PDF-text cleaning
# ---------------------------------------------------------------------------------------------
BULLET_RE = re.compile(r"^\s*([•●▪■○◦►\-–—*·]|\(?\d{1,2}[.)]|[a-z][.)])\s+")
BULLET_ONLY_RE = re.compile(r"^\s*[•●▪■○◦►\-–—*·]\s*$")
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\u00ad": ""}
TOC_LINE_RE = re.compile(r"^(?P<title>\D.{1,90}?)\s*(?:\.{2,}|…+|\s)\s*\d{1,3}$")
DOT_LEADER_RE = re.compile(r"(\.\s?){4,}\s*\d{0,3}$|…{2,}\s*\d{0,3}$")
NUMBERED_HEADING_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(?P<title>\S.*)$")
CHAPTER_RE = re.compile(r"^(hoofdstuk|deel|chapter)\s+\d+", re.IGNORECASE)
TERMINAL = ".,;:!?…"
# a footnote number (or a page number) glued to the full stop of a sentence: "Dublinverordening.5 Nederland"
# -> "Dublinverordening. Nederland"; otherwise the two sentences stay one. Four letters before the mark
# keep "art.5" and numbers like "1.5" as they are.
GLUED_NOTE_RE = re.compile(r"(?<=[a-zà-ÿ]{4})([.!?][”\"']?)\d{1,3}(?=\s+[A-ZÀ-Þ])")


def _norm_key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line)).strip().lower()


def _strip_line_numbers(lines: list[str]) -> list[str]:
    """Documents with numbered lines (SP 2025 draft): strip the leading numbers when most lines have them."""
    nonempty = [ln for ln in lines if ln.strip()]
    numbered = [ln for ln in nonempty if re.match(r"^\s*\d{1,5}\s+\S", ln)]
    if len(nonempty) < 20 or len(numbered) < 0.5 * len(nonempty):
        return lines
    return [re.sub(r"^\s*\d{1,5}(\s+|$)", "", ln) for ln in lines]


def _running_headers(lines: list[str], pages: int = 1) -> tuple[set[str], list[re.Pattern], list[re.Pattern]]:
    """Repeated full lines (normalised keys), header pieces glued anywhere, prefixes glued to line starts."""
    glued_anywhere: list[re.Pattern] = []
    counts = Counter(_norm_key(ln) for ln in lines if ln.strip())
    repeated = set()
    for key, count in counts.items():
        # a short PDF (a few pages, known from form feeds) repeats its header fewer times
        if count < (3 if pages >= 3 else 4) or key.endswith(":") or len(key) < 3:
            continue
        if "#" in key or len(key) >= 25 or count >= 20 or (pages >= 3 and count >= pages - 1):
            repeated.add(key)
    # a header glued to the text that follows it: "JA21 Verkiezingsprogramma 2023In dit ..."
    prefix_counts: Counter = Counter()
    for ln in lines:
        match = re.search(r"(?<=[a-z0-9\u00e0-\u00ff])(?=[A-Z])|(?<=\d)(?=[a-z])", ln)
        if match and match.start() >= 12:
            prefix_counts[re.sub(r"\d+", "#", ln[: match.start()])] += 1
    glued = [p for p, c in prefix_counts.items() if c >= 5 and not p.rstrip().endswith(tuple(TERMINAL))]
    # pieces of frequent running headers also occur glued inside lines (D66 2023): remove them anywhere
    example = {}
    for ln in lines:
        example.setdefault(_norm_key(ln), ln)
    for key in repeated:
        if counts[key] >= 8:
            for piece in re.split(r"\s{3,}|\s\|\s", re.sub(r"\d+", "#", example[key])):
                if len(piece.strip()) >= 20 and ("#" in piece or len(piece.strip()) >= 30):
                    pattern = r"\s*".join(re.escape(part) for part in piece.split())
                    glued_anywhere.append(re.compile(pattern.replace("\\#", r"\d+").replace("#", r"\d+"),
                                                     re.IGNORECASE))
    # as regexes, the page numbers in them free: "12 Verkiezingsprogramma Partij voor de Dieren"
    return repeated, glued_anywhere, [re.compile(re.escape(p).replace("\\#", r"\d+").replace("#", r"\d+"))
                      for p in sorted(glued, key=len, reverse=True)]


def _drop_toc(lines: list[str]) -> list[str]:
    """Dot-leader lines anywhere; the block of 'Title  12' lines near the start."""
    out = [ln for ln in lines if not DOT_LEADER_RE.search(ln.strip()) or len(ln.strip()) > 120]
    limit = max(40, len(out) // 8)
    contents_re = re.compile(r"(inhoud(sopgave)?|index|contents)", re.IGNORECASE)
    out = [ln for k, ln in enumerate(out) if k >= limit or not contents_re.fullmatch(ln.strip())]
    flags = [bool(TOC_LINE_RE.match(ln.strip())) and not ln.strip().endswith(tuple(".,;")) for ln in out[:limit]]
    drop = set()
    i = 0
    while i < len(flags):
        if flags[i]:
            j = i
            while j < len(flags) and (flags[j] or not out[j].strip()):
                j += 1
            if sum(flags[i:j]) >= 3:
                drop.update(range(i, j))
                # the "Inhoud" heading right above the block
                if i > 0 and re.fullmatch(r"(inhoud(sopgave)?|index|contents)", out[i - 1].strip().lower()):
                    drop.add(i - 1)
            i = j
        else:
            i += 1
    return [ln for k, ln in enumerate(out) if k not in drop]


def _drop_page_numbers(lines: list[str]) -> list[str]:
    """Standalone numbers, and numbers glued to a line end that continue the page sequence."""
    out: list[str] = []
    last_page, since = 0, 0
    for ln in lines:
        stripped = ln.strip()
        if re.fullmatch(r"\d{1,3}|[-–]\s*\d{1,3}\s*[-–]|(pagina|page|blz\.?)\s*\d{1,3}(\s*(van|/|of)\s*\d{1,3})?",
                        stripped, re.IGNORECASE):
            number = re.search(r"\d+", stripped)
            last_page, since = int(number.group()) if number else last_page, 0
            continue
        match = re.search(r"(?<=[^\d\s.,])\s?(\d{1,3})$|(?<=[.!?:])(\d{1,3})$", stripped)
        if match and since >= 8:
            value = int(match.group(1) or match.group(2))
            if last_page < value <= last_page + 3 or (last_page == 0 and value <= 6):
                stripped = stripped[: match.start()].rstrip()
                last_page, since = value, 0
                out.append(stripped)
                continue
        since += 1
        out.append(ln)
    return out


def _is_heading_candidate(line: str, full_width: float = 80) -> bool:
    s = line.strip()
    if not s or len(s) > 90 or BULLET_RE.match(s) and not NUMBERED_HEADING_RE.match(s):
        return False
    numbered = NUMBERED_HEADING_RE.match(s)
    if s[0].isdigit() and not numbered:  # "6Referenda ...": a page number glued to text
        return False
    letters_only = [ch for ch in s if ch.isalpha()]
    all_caps = bool(letters_only) and all(ch.isupper() for ch in letters_only)
    # a full-width line is a wrapped body line, a sentence end inside it makes it body text
    if not (numbered or all_caps) and (len(s) >= 0.75 * full_width or re.search(r"[.!?]\s+[A-Z]", s)):
        return False
    if s[-1] in TERMINAL or s.endswith(("-", "–")):
        return False
    words = s.split()
    if len(words) > 12:
        return False
    letters = [ch for ch in s if ch.isalpha()]
    if len(letters) < 3 or len(letters) < 0.6 * len(s.replace(" ", "")):
        return False
    first = s[0]
    return first.isupper() or first.isdigit()


def _heading_level(line: str) -> int:
    s = line.strip()
    numbered = NUMBERED_HEADING_RE.match(s)
    if numbered and numbered.group("title")[:1].isupper():
        return min(3, numbered.group("num").count(".") + 1)
    letters = [ch for ch in s if ch.isalpha()]
    if CHAPTER_RE.match(s) or (letters and all(ch.isupper() for ch in letters)):
        return 1
    return 2


def _join(previous: str, line: str) -> str:
    """Join two lines of one paragraph, undoing hyphenation across the break."""
    line = line.strip()
    if not previous:
        return line
    match = re.search(r"(\w+)(\s?)[-\u2010\u2011]$", previous)
    if match:
        word, head = match.group(1), previous[: match.end(1)]
        if line[:1].islower():
            if re.match(r"^(en|of|tot)\b", line):  # "asiel- en migratiebeleid": a real dash
                return head + "- " + line
            if word[-1].isupper() or word[-1].isdigit():  # "EU-landen", "COVID-19-besmetting"
                return head + "-" + line
            return head + line  # "asiel-" + "zoekers", also "correct -" + "heid"
        if line[:1].isupper() and not match.group(2):  # "Noord-" + "Holland": a compound, keep the dash
            return head + "-" + line
    return previous.rstrip() + " " + line


def clean_pdf_text(text: str) -> str:
    """PDF-extracted text -> Markdown-like text: `#`/`##`/`###` headings, one paragraph per line,
    blank lines between. See the module docstring for what is removed."""
    pages = text.count("\f") + 1  # pypdf pages and PyMuPDF extractions are separated by form feeds
    for bad, good in LIGATURES.items():
        text = text.replace(bad, good)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.replace("\f", "\n").replace("\u00a0", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    lines = _strip_line_numbers(lines)
    # page-number lines also tell how many pages there were when no form feeds were kept
    pages = max(pages, sum(1 for ln in lines if re.fullmatch(r"\s*\d{1,3}\s*", ln)))
    repeated, glued_anywhere, glued = _running_headers(lines, pages)
    stripped_lines = []
    for ln in lines:
        if _norm_key(ln) in repeated:
            continue
        for pattern in glued_anywhere:
            ln = pattern.sub(" ", ln) if pattern.search(ln) else ln
        for prefix in glued:
            match = prefix.match(ln)
            if match:
                ln = ln[match.end():]
                break
        stripped_lines.append(ln)
    lines = _drop_toc(stripped_lines)
    lines = _drop_page_numbers(lines)
    lines = [ln for ln in lines if re.search(r"\w", ln) or BULLET_ONLY_RE.match(ln) or not ln.strip()]

    body_lengths = [len(ln.strip()) for ln in lines if len(ln.strip()) >= 20]
    full_width = statistics.median(body_lengths) if body_lengths else 80

    blocks: list[tuple[str, str]] = []  # ("h1"/"h2"/"h3"/"p", text)
    paragraph = ""
    prev_ends_paragraph = prev_ends_sentence = True
    pending_bullet = False

    def flush():
        nonlocal paragraph
        if paragraph.strip():
            blocks.append(("p", GLUED_NOTE_RE.sub(r"\1", " ".join(paragraph.split()))))
        paragraph = ""

    n = len(lines)
    i = 0
    while i < n:
        raw = lines[i]
        s = raw.strip()
        if not s:
            flush()
            prev_ends_paragraph = True
            i += 1
            continue
        if BULLET_ONLY_RE.match(s):  # a bullet glyph on its own line: the next line is an item
            flush()
            pending_bullet = True
            i += 1
            continue
        numbered = NUMBERED_HEADING_RE.match(s) is not None
        if (prev_ends_paragraph or prev_ends_sentence or numbered) and not pending_bullet \
                and _is_heading_candidate(s, full_width):
            nxt = next((lines[k].strip() for k in range(i + 1, min(n, i + 4)) if lines[k].strip()), "")
            run = 0
            k = i
            while k < n and lines[k].strip() and _is_heading_candidate(lines[k], full_width) and run < 4:
                run += 1
                k += 1
            body_follows = nxt and not nxt[:1].islower() and (
                len(nxt) >= 40 or nxt[-1:] in TERMINAL or BULLET_RE.match(nxt) or _is_heading_candidate(nxt, full_width))
            if body_follows and (run <= 2 or (numbered and len(nxt) >= 40)):
                flush()
                heading = s
                level = _heading_level(s)
                if run == 2 and CHAPTER_RE.fullmatch(s.strip()) or re.fullmatch(r"\d{1,2}\.?", s):
                    heading = f"{s} {lines[i + 1].strip()}"  # "Hoofdstuk 3" + "Asiel en migratie"
                    level = 1
                    i += 1
                blocks.append((f"h{level}", " ".join(heading.split())))
                prev_ends_paragraph = True
                i += 1
                continue
        if BULLET_RE.match(s) or pending_bullet:
            flush()
        elif paragraph and prev_ends_paragraph:
            flush()
        paragraph = _join(paragraph, s) if paragraph else s
        pending_bullet = False
        ends_sentence = s[-1] in ".!?:" or s.endswith(("!”", ".”", '."', "?”"))
        prev_ends_paragraph = ends_sentence and len(s) < 0.8 * full_width
        prev_ends_sentence = ends_sentence
        i += 1
    flush()
    out = []
    for kind, value in blocks:
        out.append(("#" * int(kind[1]) + " " + value) if kind != "p" else value)
    return "\n\n".join(out) + ("\n" if out else "")


# ---------------------------------------------------------------------------------------------
# merge
# ---------------------------------------------------------------------------------------------
class _Aliases:
    """Union-find over document keys (kst id, Zaak nummer, Zaak GUID)."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _identity(keys: set[str]) -> str:
    kst = sorted(k for k in keys if k.startswith("kst-"))
    if kst:
        return kst[0]
    zaak = sorted(k for k in keys if re.match(r"^\d{4}Z\d+$", k))
    return zaak[0] if zaak else sorted(keys)[0]


def _merge_group(docs: list[dict]) -> dict:
    """Several records of one motion -> one: real text beats a title; metadata united."""
    metas = [json.loads(d["metadata"]) if isinstance(d["metadata"], str) else dict(d["metadata"] or {}) for d in docs]
    order = sorted(range(len(docs)), key=lambda i: (docs[i]["text_source"] != "text",
                                                   bool(metas[i].get("stub")), -len(docs[i]["text"] or "")))
    best = docs[order[0]]
    merged_meta: dict = {}
    for i in order:
        for key, value in metas[i].items():
            if key == "aliases":
                merged_meta["aliases"] = sorted(set(merged_meta.get("aliases", [])) | set(value or []))
            elif key == "submitters":
                # a source with parties beats one with bare names (the XML)
                current = merged_meta.get("submitters")
                if not current or (value and not any(s.get("party") for s in current)
                                   and any(s.get("party") for s in value)):
                    merged_meta["submitters"] = value
            elif merged_meta.get(key) in (None, "", []):
                merged_meta[key] = value
    merged_meta.pop("stub", None)
    if any(not m.get("stub") for m in metas):
        merged_meta.pop("stub", None)
    else:
        merged_meta["stub"] = True
    # the Zaak Onderwerp ("Motie van het lid X over ...") says what the motion is about; an XML
    # <titel> "MOTIE VAN HET LID X" does not
    titles = [docs[i]["title"] for i in order if docs[i]["title"]]
    title = max(titles, key=lambda t: (" over " in t, not t.isupper()), default=None)
    date = next((docs[i]["date"] for i in order if docs[i]["date"]), None)
    party = next((s.get("party") for s in merged_meta.get("submitters") or [] if s.get("party")), None)
    text = best["text"] if best["text_source"] == "text" else (title or best["text"])
    sources = sorted({p for d in docs for p in str(d["source_path"]).split(";")})
    out = dict(best)
    out.update({
        "title": title, "date": date, "party": party or best.get("party"),
        "year": _year(date) if date else best.get("year"), "source_path": ";".join(sources),
        "text": text, "metadata": merged_meta,
    })
    return out


def merge(results: list[ReadResult]) -> Ingested:
    """Read results of several files -> one set of documents, votes and errors (see module docstring)."""
    errors: list[dict] = [dict(e) for r in results for e in r.errors]
    aliases = _Aliases()
    docs: list[dict] = []
    for r in results:
        for d in r.documents:
            meta = json.loads(d["metadata"]) if isinstance(d["metadata"], str) else dict(d["metadata"] or {})
            keys = {d["doc_id"], *(meta.get("aliases") or [])} if d["doc_type"] == "motion" else {d["doc_id"]}
            for key in keys:
                aliases.union(d["doc_id"], key)
            docs.append(d)
    groups: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        groups[aliases.find(d["doc_id"])].append(d)
    group_keys: dict[str, set[str]] = defaultdict(set)
    for key in list(aliases.parent):
        group_keys[aliases.find(key)].add(key)

    final: dict[str, dict] = {}
    root_to_id: dict[str, str] = {}
    for root, members in groups.items():
        doc_id = _identity(group_keys[root]) if members[0]["doc_type"] == "motion" else members[0]["doc_id"]
        root_to_id[root] = doc_id
        if members[0]["doc_type"] == "motion":
            doc = _merge_group(members)
        else:
            if len(members) > 1:  # the same programme/text twice: keep the last file, say so
                kept = sorted(members, key=lambda m: str(m["source_path"]))[-1]
                errors.append(_error(kept["source_path"], f"document {doc_id} also read from "
                                     f"{'; '.join(sorted(str(m['source_path']) for m in members if m is not kept))};"
                                     " the last file was kept", "read"))
                doc = dict(kept)
            else:
                doc = dict(members[0])
            doc["metadata"] = json.loads(doc["metadata"]) if isinstance(doc["metadata"], str) else doc["metadata"]
        doc["doc_id"] = doc_id
        final[doc_id] = doc

    # votes: map to the merged doc_id; a later record of the same motion+party replaces an earlier one
    latest: dict[tuple[str, str], tuple[tuple, dict]] = {}
    seq = 0
    for r in results:
        for v in r.votes:
            seq += 1
            root = aliases.find(v["doc_id"]) if v["doc_id"] in aliases.parent else None
            doc_id = root_to_id.get(root) if root else None
            if doc_id is None:
                errors.append(_error("(votes)", f"vote of {v['party']} for {v['doc_id']}: no such motion in the "
                                                "input; vote dropped", "parse"))
                continue
            key = (doc_id, v["party"])
            rank = (str(v.get("modified") or ""), seq)
            if key not in latest or rank >= latest[key][0]:
                latest[key] = (rank, {**v, "doc_id": doc_id})

    # stubs known only through their votes are reported, not kept dangling
    stub_ids = {i for i, d in final.items() if d["doc_type"] == "motion" and d["metadata"].get("stub")}
    for doc_id in sorted(stub_ids):
        n_votes = sum(1 for k in latest if k[0] == doc_id)
        errors.append(_error(final[doc_id]["source_path"], f"{n_votes} votes for motion {doc_id} whose text "
                             "and title were not in the input; votes not kept", "parse"))
        del final[doc_id]
    votes = [v for (doc_id, _), (_, v) in sorted(latest.items()) if doc_id not in stub_ids]

    # consistency: the submitters' own parties should vote for their motion
    by_doc: dict[str, dict[str, str]] = defaultdict(dict)
    for v in votes:
        by_doc[v["doc_id"]][v["party"]] = v["vote"]
    violations = 0
    for doc_id, party_votes in by_doc.items():
        meta = final[doc_id]["metadata"]
        parties = {s.get("party") for s in meta.get("submitters") or [] if s.get("party")}
        against = sorted(p for p in parties if party_votes.get(p) == "tegen")
        if against:
            meta["submitter_votes_against"] = against
            violations += 1
    if by_doc:
        log.info("votes: submitters' own party voted against in %d of %d motions with votes", violations, len(by_doc))

    rows = []
    for doc_id in sorted(final):
        d = final[doc_id]
        meta = d["metadata"]
        d["content_hash"] = content_hash(d["text"] or "", meta)
        d["metadata"] = json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)
        rows.append({c: d.get(c) for c in [*schemas.columns("documents"), "text"]})
    documents = (schemas.coerce(pd.DataFrame(rows), "documents") if rows
                 else schemas.empty("documents").assign(text=pd.Series(dtype="string")))
    documents["text"] = documents["text"].astype("string")
    vote_frame = (schemas.coerce(pd.DataFrame([{c: v[c] for c in schemas.columns("votes")} for v in votes]), "votes")
                  if votes else schemas.empty("votes"))
    error_frame = (schemas.coerce(pd.DataFrame(errors, columns=schemas.columns("errors")), "errors")
                   if errors else schemas.empty("errors"))
    return Ingested(documents=documents, votes=vote_frame, errors=error_frame)


def ingest(inputs, progress: bool = False) -> Ingested:
    """discover -> read_path per file (never dies on one file) -> merge."""
    files = discover([p for p in inputs if Path(p).exists()])
    missing = [_error(p, "no such file or folder") for p in inputs if not Path(p).exists()]
    results = [ReadResult([], [], missing)]
    iterator = files
    if progress:
        from tqdm import tqdm

        iterator = tqdm(files, desc="read", unit="file")
    for path in iterator:
        try:
            results.append(read_path(path))
        except IngestError as exc:
            results.append(ReadResult([], [], [_error(path, str(exc))]))
        except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
            log.debug("reader crashed on %s", path, exc_info=True)
            results.append(ReadResult([], [], [_error(path, f"unexpected {type(exc).__name__} while reading: {exc}")]))
    return merge(results)


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser("ingest", help="read inputs and print document/vote/error counts")
    parser.add_argument("inputs", nargs="+")

    def run(args) -> int:
        result = ingest(args.inputs, progress=False)
        print(f"documents: {len(result.documents)}  votes: {len(result.votes)}  errors: {len(result.errors)}")
        print(result.documents["doc_type"].value_counts().to_string())
        for e in result.errors.head(20).itertuples():
            print(f"  {e.path}: {e.reason}")
        return 3 if len(result.errors) else 0

    parser.set_defaults(func=run)
