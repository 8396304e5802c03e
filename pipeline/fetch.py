"""Fetch new motions and their votes from the Tweede Kamer open-data API (`python -m pipeline fetch`).

Source: the OData v4 "gegevensmagazijn" (default root in `config/fetch.yaml`, `--base-url` for a
mirror or a test server). What is asked, per sync:

    Zaak?$filter=Soort eq 'Motie' and GestartOp ge SINCE [and GestartOp lt UNTIL]
                 [and GewijzigdOp gt LAST_SYNC]
         &$expand=Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie)),ZaakActor
    Stemming?$filter=Besluit/Zaak/any(z: z/Id eq <zaak guid>)&$expand=Besluit($expand=Zaak),Fractie
    DocumentPublicatie(<guid>)/Resource            -> the officielebekendmakingen XML of the motion
    (incremental syncs also) Stemming?$filter=GewijzigdOp gt LAST_SYNC and
                 Besluit/Zaak/any(z: z/Soort eq 'Motie')   -> motions whose votes arrived later

Paging follows `@odata.nextLink` (server-driven, at most 250 per page) and, when a server sends
none, `$skip/$top`. Retries with exponential backoff on 429 (honouring Retry-After), 5xx, timeouts
and broken connections; a minimum interval between requests keeps the rate polite.

On disk, under OUT (default data/raw/tk), in the formats `pipeline.ingest` reads:

    zaak-<Nummer>.json        {"@odata.context", "value": [Zaak with Document..., ZaakActor]}
    stemmingen-<Nummer>.json  {"@odata.context", "value": [Stemming with Besluit(Zaak), Fractie]}
    kst-<dossier>-<nr>.xml    the publication text
    .fetch-state.json         last sync watermark (the largest GewijzigdOp seen) and per-zaak status

Every file is written atomically (temp + rename), the state after each Zaak, so an interrupted
fetch leaves no half-written file and the next run resumes: zaken already done (same GewijzigdOp,
files present) are skipped without a request. The watermark only advances after a complete sync.

Known defects of the source handled here: duplicate vote records (same Id, or the same fractie /
member on the same Besluit twice: the latest GewijzigdOp wins), deleted entities (`Verwijderd`:
dropped; a Zaak that becomes deleted has its files removed), votes that arrive a week after the
motion (its stemmingen file is rewritten under the same name, never a second document).
`Vergissing` is kept as it is in the record, and party names as the API gives them (ActorFractie
at the time of the vote): ingest keeps the flag as a column and maps renamed parties through
`pipeline.parties.canonical_party`.

Weekly use: `python -m pipeline weekly` = fetch since the last sync -> run -> summary of the
latest week. Cron (Mondays 06:00):

    0 6 * * 1  cd /path/to/checkout && python -m pipeline weekly >> reports/weekly.log 2>&1
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin

import yaml

from . import paths, store

log = logging.getLogger(__name__)

STATE_FILE = ".fetch-state.json"
STATE_FORMAT = 1
DEFAULT_OUT = "data/raw/tk"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchError(RuntimeError):
    """The fetch could not complete (after retries); what was done so far is kept for a resume."""


class FetchOffline(FetchError):
    """The API cannot be reached at all (no network, wrong --base-url)."""


def load_config(overrides: dict | None = None) -> dict:
    with open(paths.CONFIG_DIR / "fetch.yaml", encoding="utf-8") as fh:
        config = yaml.safe_load(fh)
    config.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return config


# ---------------------------------------------------------------------------------------------
# Dates: OData DateTimeOffset literals and watermarks
# ---------------------------------------------------------------------------------------------

def _dutch_time():
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Amsterdam")
    except Exception:  # no tz database on this machine: standard time as an approximation
        return timezone(timedelta(hours=1))


def parse_timestamp(value: str) -> datetime:
    """An API timestamp ('2024-02-19T10:59:02.367+01:00', '...Z', or a plain date) as aware UTC."""
    value = str(value).strip()
    if len(value) == 10:
        value += "T00:00:00"
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:  # plain dates are Dutch dates (the API's own offsets: +01:00/+02:00)
        parsed = parsed.replace(tzinfo=_dutch_time())
    return parsed.astimezone(timezone.utc)


def odata_datetime(value) -> str:
    """An unquoted OData v4 DateTimeOffset literal in UTC with milliseconds (what `gt` compares)."""
    moment = value if isinstance(value, datetime) else parse_timestamp(value)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _latest(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b
    return a if parse_timestamp(a) >= parse_timestamp(b) else b


# ---------------------------------------------------------------------------------------------
# HTTP client: paging, retries, rate
# ---------------------------------------------------------------------------------------------

class ODataClient:
    """A polite OData v4 reader over httpx. Counts its requests (`requests_made`)."""

    def __init__(self, base_url: str, config: dict, transport=None):
        import httpx

        self.base_url = base_url.rstrip("/") + "/"
        self.config = config
        self.requests_made = 0
        self._last_request = 0.0
        self._reached = False  # has any request ever got an answer? (offline vs flaky)
        if not log.isEnabledFor(logging.DEBUG):  # one line per request only with -v
            logging.getLogger("httpx").setLevel(logging.WARNING)
        self._http = httpx.Client(
            timeout=httpx.Timeout(config["read_timeout_s"], connect=config["connect_timeout_s"]),
            headers={"User-Agent": config["user_agent"], "Accept": "application/json"},
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _wait_politely(self) -> None:
        gap = self.config["min_interval_s"] - (time.monotonic() - self._last_request)
        if gap > 0:
            time.sleep(gap)
        self._last_request = time.monotonic()

    def _backoff(self, attempt: int, retry_after: str | None = None) -> float:
        cap = self.config["max_backoff_s"]
        if retry_after:
            try:
                return min(float(retry_after), cap)
            except ValueError:  # an HTTP date: fall back to our own backoff
                pass
        return min(self.config["backoff_s"] * (2 ** attempt), cap)

    def get(self, path_or_url: str, params: dict | None = None, *, validate=None) -> bytes:
        """GET with retries; returns the body. `validate(body)` may raise ValueError to retry
        (a body cut short by a dropped connection that still looked complete)."""
        import httpx

        url = urljoin(self.base_url, path_or_url)
        attempts = self.config["retries"] + 1
        last_problem = ""
        for attempt in range(attempts):
            self._wait_politely()
            self.requests_made += 1
            try:
                response = self._http.get(url, params=params)
            except httpx.ConnectError as exc:
                if not self._reached:  # nothing ever answered: offline, fail fast and clearly
                    raise FetchOffline(
                        f"offline: cannot reach {self.base_url} ({exc.__class__.__name__}: {exc}); "
                        "nothing was fetched. Check the network or --base-url.") from exc
                last_problem = f"{exc.__class__.__name__}: {exc}"
                wait = self._backoff(attempt)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                last_problem = f"{exc.__class__.__name__}: {exc}"
                wait = self._backoff(attempt)
            else:
                self._reached = True
                if response.status_code in RETRY_STATUSES:
                    last_problem = f"HTTP {response.status_code}"
                    wait = self._backoff(attempt, response.headers.get("Retry-After"))
                elif response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} for {response.url}: "
                                     f"{response.text[:200]}")
                else:
                    body = response.content
                    try:
                        if validate:
                            validate(body)
                        return body
                    except ValueError as exc:
                        last_problem = f"invalid body: {exc}"
                        wait = self._backoff(attempt)
            if attempt + 1 < attempts:
                log.info("retrying %s in %.2fs (%s)", url, wait, last_problem)
                time.sleep(wait)
        raise FetchError(f"giving up on {url} {params or ''} after {attempts} attempts: {last_problem}")

    def get_json(self, path_or_url: str, params: dict | None = None) -> dict:
        def _json(body: bytes):
            try:
                return json.loads(body)
            except json.JSONDecodeError as exc:  # a truncated page: retry
                raise ValueError(str(exc)) from exc

        return json.loads(self.get(path_or_url, params, validate=_json))

    def iter_pages(self, entity_set: str, *, filter: str | None = None, expand: str | None = None,
                   orderby: str | None = None):
        """Yield each page body ({"@odata.context", "value"}) of a query, through all its pages.

        Asks `$top=page_size` windows; inside a window follows `@odata.nextLink` (server paging);
        a full window without a nextLink means there may be more: ask the next `$skip`."""
        page_size = int(self.config["page_size"])
        skip = 0
        while True:
            params = {"$top": page_size, "$skip": skip}
            if filter:
                params["$filter"] = filter
            if expand:
                params["$expand"] = expand
            if orderby:
                params["$orderby"] = orderby
            page = self.get_json(entity_set, params)
            in_window = len(page.get("value", []))
            yield page
            while page.get("@odata.nextLink"):
                page = self.get_json(page["@odata.nextLink"])
                in_window += len(page.get("value", []))
                yield page
            if in_window != page_size:  # fewer: the end; more: the server ignored $top and paged
                return                   # through everything after $skip with nextLinks
            skip += page_size

    def iter_entities(self, entity_set: str, **query):
        """Yield (record, @odata.context) over all pages; repeated Ids across pages once."""
        seen: set[str] = set()
        for page in self.iter_pages(entity_set, **query):
            for record in page.get("value", []):
                key = record.get("Id")
                if key is not None and key in seen:  # a record shifted across a page boundary
                    continue
                if key is not None:
                    seen.add(key)
                yield record, page.get("@odata.context")


# ---------------------------------------------------------------------------------------------
# Cleaning the source's known defects
# ---------------------------------------------------------------------------------------------

def clean_votes(records: list[dict]) -> list[dict]:
    """Drop deleted votes (or votes of a deleted Besluit) and duplicates; keep Vergissing as is.

    A duplicate is the same record Id twice, or a second record of the same fractie (or member,
    on a hoofdelijke stemming) on the same Besluit: the one changed last wins. Sorted for
    byte-stable files."""
    best: dict[tuple, dict] = {}
    for record in records:
        besluit = record.get("Besluit") if isinstance(record.get("Besluit"), dict) else {}
        if record.get("Verwijderd") is True or besluit.get("Verwijderd") is True:
            continue
        voter = record.get("Persoon_Id") or record.get("Fractie_Id") or record.get("ActorFractie")
        key = (record.get("Besluit_Id") or besluit.get("Id"), voter, record.get("Persoon_Id") is not None)
        if voter is None:
            key = ("id", record.get("Id"))
        current = best.get(key)
        if current is None or _changed_later(record, current):
            best[key] = record
    return sorted(best.values(), key=lambda r: (str(r.get("Besluit_Id")), str(r.get("ActorFractie")),
                                               str(r.get("ActorNaam")), str(r.get("Id"))))


def _changed_later(a: dict, b: dict) -> bool:
    ta, tb = a.get("GewijzigdOp"), b.get("GewijzigdOp")
    if ta and tb:
        return parse_timestamp(ta) > parse_timestamp(tb)
    return bool(ta) and not tb


def publications(zaak: dict, document_type: str = "Xml") -> list[dict]:
    """The live XML publications of a Zaak's live documents: [{id, file, changed}]."""
    found = []
    for document in zaak.get("Document") or []:
        if document.get("Verwijderd") is True:
            continue
        version = document.get("HuidigeDocumentVersie") or {}
        if version.get("Verwijderd") is True:
            continue
        for pub in version.get("DocumentPublicatie") or []:
            if pub.get("Verwijderd") is True:
                continue
            name = str(pub.get("FileName") or "")
            if pub.get("DocumentType") != document_type and not name.lower().endswith(".xml"):
                continue
            ident = str(pub.get("Identifier") or version.get("ExterneIdentifier") or "")
            file = f"{ident}.xml" if ident.startswith("kst-") else (name or f"publicatie-{pub['Id']}.xml")
            found.append({"id": pub["Id"], "file": Path(file).name, "changed": pub.get("GewijzigdOp")})
    return sorted(found, key=lambda p: p["file"])


def _validate_xml(body: bytes) -> None:
    from lxml import etree

    try:
        etree.fromstring(body)
    except etree.XMLSyntaxError as exc:  # cut off mid-download
        raise ValueError(f"not well-formed XML ({exc})") from exc


def _quote(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------------
# The sync
# ---------------------------------------------------------------------------------------------

@dataclass
class FetchSummary:
    out_dir: str
    zaken_listed: int = 0
    zaken_written: int = 0        # zaak files written (new or changed)
    zaken_skipped: int = 0        # already done with the same GewijzigdOp (resume / no change)
    zaken_deleted: int = 0        # became Verwijderd: files removed
    votes_written: int = 0        # vote records in the stemmingen files written this run
    vote_files_written: int = 0
    duplicate_votes_dropped: int = 0
    documents_downloaded: int = 0  # publication XML files downloaded
    requests: int = 0
    last_sync: str | None = None
    incremental: bool = False
    written_files: list = field(default_factory=list)

    def line(self) -> str:
        return (f"fetched {self.zaken_written} motions (of {self.zaken_listed} listed, "
                f"{self.zaken_skipped} unchanged, {self.zaken_deleted} deleted), "
                f"{self.votes_written} votes in {self.vote_files_written} files "
                f"({self.duplicate_votes_dropped} duplicates dropped), "
                f"{self.documents_downloaded} documents, {self.requests} requests; "
                f"last sync {self.last_sync or '-'}")


def read_state(out_dir) -> dict:
    path = Path(out_dir) / STATE_FILE
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    return {"format": STATE_FORMAT, "since": None, "until": None, "last_sync": None, "zaken": {}}


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Atomic write, skipped when the file already holds exactly these bytes (stable mtimes)."""
    if path.exists() and path.read_bytes() == data:
        return False
    store.write_bytes(data, path)
    return True


def _json_bytes(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def fetch(
    since: str | date | None = None,
    until: str | date | None = None,
    out_dir: str | Path = DEFAULT_OUT,
    *,
    base_url: str | None = None,
    full: bool = False,
    config: dict | None = None,
    progress: bool | None = None,
    transport=None,
) -> FetchSummary:
    """Sync motions (GestartOp in [since, until)) and their votes and texts into `out_dir`.

    `since` defaults to the one remembered in the state (a first sync needs it). Incremental
    unless `full`: only what changed (GewijzigdOp) after the last complete sync is listed.
    Raises FetchOffline when the API cannot be reached (then nothing is written), FetchError
    when it gives up mid-way (then the state allows a resume)."""
    cfg = load_config(config)
    if base_url:
        cfg["base_url"] = base_url
    out = Path(out_dir)
    state = read_state(out)
    since = str(since) if since else state.get("since")  # None until a first sync completed
    until = str(until) if until else None
    if not since:
        raise FetchError("no --since given and no earlier sync in "
                         f"{out / STATE_FILE}: say from which date to fetch (e.g. --since 2025-06-01)")
    # The watermark only applies when this window lies inside the one already synced.
    covered = (state.get("since") and parse_timestamp(since) >= parse_timestamp(state["since"])
               and (not state.get("until") or (until and parse_timestamp(until) <= parse_timestamp(state["until"]))))
    watermark = None if full or not covered else state.get("last_sync")
    summary = FetchSummary(out_dir=str(out), incremental=bool(watermark))
    show = sys.stderr.isatty() if progress is None else progress

    zaak_filter = ["Soort eq 'Motie'", f"GestartOp ge {odata_datetime(since)}"]
    if until:
        zaak_filter.append(f"GestartOp lt {odata_datetime(until)}")
    if watermark:
        zaak_filter.append(f"GewijzigdOp gt {odata_datetime(watermark)}")

    with ODataClient(cfg["base_url"], cfg, transport=transport) as client:
        try:
            # 1. list what changed ---------------------------------------------------------------
            listed: dict[str, tuple[dict, str]] = {}
            newest = watermark
            for zaak, context in client.iter_entities(
                    "Zaak", filter=" and ".join(zaak_filter), expand=cfg["zaak_expand"],
                    orderby="GewijzigdOp,Id"):
                listed[zaak["Id"]] = (zaak, context)
                newest = _latest(newest, zaak.get("GewijzigdOp"))
            late_votes: set[str] = set()
            if watermark:  # votes (or vote corrections) on motions fetched before
                for vote, _ in client.iter_entities(
                        "Stemming", filter=f"GewijzigdOp gt {odata_datetime(watermark)} and "
                                           "Besluit/Zaak/any(z: z/Soort eq 'Motie')",
                        expand="Besluit($expand=Zaak)", orderby="GewijzigdOp,Id"):
                    newest = _latest(newest, vote.get("GewijzigdOp"))
                    besluit = vote.get("Besluit") or {}
                    for zaak in besluit.get("Zaak") or []:
                        entry = state["zaken"].get(zaak.get("Id"))
                        if (entry and entry.get("status") == "done" and zaak["Id"] not in listed
                                and _latest(entry.get("votes_changed"), vote.get("GewijzigdOp"))
                                != entry.get("votes_changed")):  # newer than the votes we hold
                            late_votes.add(zaak["Id"])
                # motions fetched before their XML publication existed: look once more (the
                # Zaak's GewijzigdOp need not change when the publication appears)
                horizon = parse_timestamp(watermark) - timedelta(days=float(cfg["recheck_text_days"]))
                for key, entry in sorted(state["zaken"].items()):
                    if (entry.get("status") == "done" and not entry.get("text") and key not in listed
                            and entry.get("gestart_op") and parse_timestamp(entry["gestart_op"]) >= horizon):
                        for zaak, context in client.iter_entities("Zaak", filter=f"Id eq {key}",
                                                                  expand=cfg["zaak_expand"]):
                            if publications(zaak, cfg["publication_document_type"]):
                                listed[key] = (zaak, context)
            summary.zaken_listed = len(listed)

            state.update(format=STATE_FORMAT, base_url=cfg["base_url"])
            work = [("zaak", key) for key in sorted(listed, key=lambda k: listed[k][0].get("Nummer", ""))]
            work += [("votes", key) for key in sorted(late_votes)]
            items = work
            if show and work:
                from tqdm import tqdm

                items = tqdm(work, desc="fetch", unit="motion", file=sys.stderr, leave=False)
            # 2. one Zaak at a time, state saved after each ------------------------------------
            for kind, key in items:
                if kind == "zaak":
                    zaak, context = listed[key]
                    _sync_zaak(client, cfg, out, state, zaak, context, summary)
                else:
                    _sync_votes(client, cfg, out, state, key, summary)
                # the watermark also covers the votes seen, so they are not listed again next time
                newest = _latest(newest, state["zaken"].get(key, {}).get("votes_changed"))
                _save_state(out, state)
            # 3. the sync is complete: advance the watermark ----------------------------------
            # (the window too: a wider window interrupted half-way must be listed in full again)
            state.update(until=_wider_until(state, until), since=_wider_since(state, since))
            if newest:
                state["last_sync"] = newest
            _save_state(out, state)  # the API answered: remember the sync even when empty
        finally:
            summary.requests = client.requests_made
    summary.last_sync = state.get("last_sync")
    return summary


def _wider_until(state: dict, until: str | None) -> str | None:
    if state.get("since") and not state.get("until"):
        return None  # an open window was synced before: it stays open
    if not until or not state.get("until"):
        return until if not state.get("since") else None
    return max(until, state["until"])


def _wider_since(state: dict, since: str) -> str:
    old = state.get("since")
    return since if not old or parse_timestamp(since) < parse_timestamp(old) else old


def _save_state(out: Path, state: dict) -> None:
    store.write_json(state, out / STATE_FILE)


def _zaak_files_present(out: Path, entry: dict) -> bool:
    return all((out / name).exists() for name in entry.get("files", []))


def _sync_zaak(client: ODataClient, cfg: dict, out: Path, state: dict, zaak: dict, context: str,
               summary: FetchSummary) -> None:
    key, nummer = zaak["Id"], zaak.get("Nummer") or zaak["Id"]
    entry = state["zaken"].get(key)
    if zaak.get("Verwijderd") is True:
        if entry and entry.get("status") != "deleted":
            for name in entry.get("files", []):
                (out / name).unlink(missing_ok=True)
            state["zaken"][key] = {"nummer": nummer, "status": "deleted", "gewijzigd_op": zaak.get("GewijzigdOp"),
                                   "files": []}
            summary.zaken_deleted += 1
        return
    if (entry and entry.get("status") == "done" and entry.get("gewijzigd_op") == zaak.get("GewijzigdOp")
            and set(entry.get("publications", {})) == {p["id"] for p in publications(
                zaak, cfg["publication_document_type"])}
            and _zaak_files_present(out, entry)):
        summary.zaken_skipped += 1  # resume / unchanged: no request at all
        return
    files: list[str] = []
    # the text first, then the votes, the Zaak last: a reader never sees a Zaak without them
    done_pubs = (entry or {}).get("publications", {})
    pubs = {}
    for pub in publications(zaak, cfg["publication_document_type"]):
        target = out / pub["file"]
        if not (done_pubs.get(pub["id"]) == pub["changed"] and target.exists()):
            body = client.get(f"DocumentPublicatie({pub['id']})/Resource", validate=_validate_xml)
            _write_if_changed(target, body)
            summary.documents_downloaded += 1
            summary.written_files.append(pub["file"])
        pubs[pub["id"]] = pub["changed"]
        files.append(pub["file"])
    votes_file, votes_changed = _fetch_votes(client, cfg, out, key, nummer, summary)
    if votes_file:
        files.append(votes_file)
    zaak_file = f"zaak-{nummer}.json"
    ctx = context or f"{client.base_url}$metadata#Zaak"
    if _write_if_changed(out / zaak_file, _json_bytes({"@odata.context": ctx, "value": [zaak]})):
        summary.written_files.append(zaak_file)
    summary.zaken_written += 1
    files.append(zaak_file)
    for stale in set((entry or {}).get("files", [])) - set(files):  # e.g. a replaced publication
        (out / stale).unlink(missing_ok=True)
    state["zaken"][key] = {"nummer": nummer, "status": "done", "gewijzigd_op": zaak.get("GewijzigdOp"),
                           "gestart_op": zaak.get("GestartOp"), "files": sorted(files), "publications": pubs,
                           "text": bool(pubs), "votes_changed": votes_changed}


def _sync_votes(client: ODataClient, cfg: dict, out: Path, state: dict, key: str,
                summary: FetchSummary) -> None:
    entry = state["zaken"][key]
    if entry.get("status") != "done":
        return
    votes_file, entry["votes_changed"] = _fetch_votes(client, cfg, out, key, entry["nummer"], summary)
    files = set(entry.get("files", []))
    stale = f"stemmingen-{entry['nummer']}.json"
    files.discard(stale)
    if votes_file:
        files.add(votes_file)
    entry["files"] = sorted(files)


def _fetch_votes(client: ODataClient, cfg: dict, out: Path, zaak_id: str, nummer: str,
                 summary: FetchSummary) -> tuple[str | None, str | None]:
    """All votes of one Zaak (through its Besluit's own Zaak link), cleaned, (re)written.
    Returns the file name (None without votes) and the latest GewijzigdOp among the records."""
    records, context = [], None
    for page in client.iter_pages("Stemming", filter=f"Besluit/Zaak/any(z: z/Id eq {zaak_id})",
                                  expand=cfg["stemming_expand"], orderby="Id"):
        records.extend(page.get("value", []))  # raw, so repeated records are counted below
        context = context or page.get("@odata.context")
    votes = clean_votes(records)
    live = [r for r in records if r.get("Verwijderd") is not True
            and (r.get("Besluit") or {}).get("Verwijderd") is not True]
    summary.duplicate_votes_dropped += len(live) - len(votes)
    changed = None
    for record in records:
        changed = _latest(changed, record.get("GewijzigdOp"))
    name = f"stemmingen-{nummer}.json"
    if not votes:
        (out / name).unlink(missing_ok=True)  # all deleted (or none yet)
        return None, changed
    ctx = context or f"{client.base_url}$metadata#Stemming"
    if _write_if_changed(out / name, _json_bytes({"@odata.context": ctx, "value": votes})):
        summary.votes_written += len(votes)
        summary.vote_files_written += 1
        summary.written_files.append(name)
    return name, changed


# ---------------------------------------------------------------------------------------------
# Weekly: fetch since the last sync -> run -> summary of the latest week
# ---------------------------------------------------------------------------------------------

def weekly(
    out_dir: str | Path = DEFAULT_OUT,
    processed_dir: str | Path | None = None,
    report_dir: str | Path | None = None,
    *,
    inputs: list[str] | None = None,
    base_url: str | None = None,
    since: str | None = None,
    config: dict | None = None,
    progress: bool | None = None,
) -> int:
    """Exit code: 0 ok, 3 some inputs rejected by the run, 1 failed (offline: nothing written)."""
    out = Path(out_dir)
    processed = Path(processed_dir or paths.REPO_ROOT / "data" / "processed")
    reports = Path(report_dir or paths.REPO_ROOT / "reports" / "weekly")
    if not since and not read_state(out).get("since"):
        since = (date.today() - timedelta(days=7)).isoformat()  # a first weekly: the past week
    try:
        summary = fetch(since, None, out, base_url=base_url, config=config, progress=progress)
    except FetchOffline as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(summary.line(), file=sys.stderr)
    from .run import run_batch  # lazily: the batch pulls in spaCy and the models

    run_inputs = list(inputs) if inputs else [str(paths.REPO_ROOT / "data" / "raw")]
    if not any(_inside(out, Path(p)) for p in run_inputs):
        run_inputs.append(str(out))
    result = run_batch(run_inputs, str(processed))
    code = result if isinstance(result, int) else getattr(result, "exit_code", 0)
    if code not in (0, 3):
        return code
    from .report import build_summary

    build_summary(str(processed), "last", str(reports))
    print(f"weekly summary in {reports}", file=sys.stderr)
    return code


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

def _cmd_fetch(args) -> int:
    try:
        summary = fetch(args.since, args.until, args.out, base_url=args.base_url, full=args.full,
                        progress=False if args.quiet else None)
    except FetchOffline as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except FetchError as exc:
        print(f"fetch stopped: {exc}\nwhat was fetched is kept; run the same command again to resume.",
              file=sys.stderr)
        return 1
    print(summary.line())
    return 0


def _cmd_weekly(args) -> int:
    try:
        return weekly(args.out, args.processed, args.report_dir, inputs=args.inputs or None,
                      base_url=args.base_url, since=args.since, progress=False if args.quiet else None)
    except FetchError as exc:
        print(f"fetch stopped: {exc}\nrun `weekly` again to resume.", file=sys.stderr)
        return 1


def register_cli(sub) -> None:
    p = sub.add_parser("fetch", help="download new motions, their texts and votes from the Tweede Kamer API",
                       description="Sync motions (Zaak Soort 'Motie') started in [--since, --until), their "
                       "publication XML and their votes into --out; incremental after the first sync.")
    p.add_argument("--since", help="first GestartOp date, YYYY-MM-DD (default: that of the last sync)")
    p.add_argument("--until", help="end date (exclusive), YYYY-MM-DD (default: open)")
    p.add_argument("--out", default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    p.add_argument("--base-url", help="OData v4 root (default: the public gegevensmagazijn, see config/fetch.yaml)")
    p.add_argument("--full", action="store_true", help="ignore the last sync and list the whole window again")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_fetch)

    p = sub.add_parser("weekly", help="fetch since the last sync, run the batch, write the weekly summary")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="inputs of the run (default: data/raw + --out)")
    p.add_argument("--out", default=DEFAULT_OUT, help=f"fetch folder (default: {DEFAULT_OUT})")
    p.add_argument("--processed", help="run output folder (default: data/processed)")
    p.add_argument("--report-dir", help="summary folder (default: reports/weekly)")
    p.add_argument("--since", help="only for a first sync: from this date (default: 7 days ago)")
    p.add_argument("--base-url", help="OData v4 root (default: the public gegevensmagazijn)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_weekly)
