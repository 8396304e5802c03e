"""`pipeline.fetch` against an in-process OData v4 server (no internet needed).

The server holds the invented records of tests/fixtures/odata (written by make_fixtures.py in the
API's real shapes) and implements the part of OData the client uses: `$filter` clauses
(eq/gt/ge/lt on fields, `Besluit/Zaak/any(z: z/<field> eq <value>)`), `$orderby`, `$skip/$top`,
server-driven paging with `@odata.nextLink`, and `DocumentPublicatie(<id>)/Resource`. Faults
(429, 503, a slow response, a connection dropped mid-body) are injected per request path.
"""
from __future__ import annotations

import json
import re
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

import pytest

from pipeline import fetch as fetch_mod
from pipeline.fetch import FetchError, FetchOffline, clean_votes, fetch, read_state

FIXTURES = Path(__file__).parent / "fixtures" / "odata"
FAST = {"min_interval_s": 0.0, "backoff_s": 0.01, "max_backoff_s": 0.05, "retries": 3,
        "connect_timeout_s": 1.0, "read_timeout_s": 0.5, "page_size": 250}
SINCE = "2025-06-01"


# ---------------------------------------------------------------------------------------------
# A small OData v4 server
# ---------------------------------------------------------------------------------------------

def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _literal(text: str):
    text = text.strip()
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)", text):
        return _when(text)
    return text  # guids and numbers compared as text


def _compare(value, op: str, wanted) -> bool:
    if value is None:
        return False
    if isinstance(wanted, datetime):
        value = _when(value)
    elif not isinstance(value, str):
        value = str(value).lower() if isinstance(value, bool) else str(value)
    return {"eq": value == wanted, "gt": value > wanted, "ge": value >= wanted,
            "lt": value < wanted, "le": value <= wanted}[op]


def matches(record: dict, odata_filter: str | None) -> bool:
    if not odata_filter:
        return True
    for clause in re.split(r"\s+and\s+(?![^()]*\))", odata_filter):
        any_clause = re.fullmatch(r"Besluit/Zaak/any\((\w+):\s*\1/(\w+) eq (.+)\)", clause.strip())
        if any_clause:
            _, field, wanted = any_clause.groups()
            zaken = (record.get("Besluit") or {}).get("Zaak") or []
            if not any(_compare(z.get(field), "eq", _literal(wanted)) for z in zaken):
                return False
            continue
        field, op, wanted = re.fullmatch(r"(\w+) (eq|gt|ge|lt|le) (.+)", clause.strip()).groups()
        if not _compare(record.get(field), op, _literal(wanted)):
            return False
    return True


class FakeOData:
    """Entity sets in memory, a request log and a queue of faults per path prefix."""

    def __init__(self, week: str = "week1.json", server_page: int = 2, server_paging: bool = True):
        self.entities = {"Zaak": [], "Stemming": []}
        self.add(week)
        self.server_page = server_page
        self.server_paging = server_paging
        self.faults: list[tuple[str, str]] = []  # (path prefix, kind); each fires once, in order
        self.persistent_faults: dict[str, int] = {}  # path substring -> status, every time
        self.log: list[str] = []
        self.lock = threading.Lock()

    def add(self, week: str) -> None:
        data = json.loads((FIXTURES / week).read_text(encoding="utf-8"))
        for entity_set, records in data.items():
            by_id = {r["Id"]: i for i, r in enumerate(self.entities[entity_set])}
            for record in records:
                if record["Id"] in by_id and entity_set == "Zaak":  # an update replaces the record
                    self.entities[entity_set][by_id[record["Id"]]] = record
                else:
                    self.entities[entity_set].append(record)

    def requests_to(self, path_part: str) -> int:
        return sum(path_part in line for line in self.log)

    def __enter__(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                try:
                    fake.handle(self)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out first
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/OData/v4/2.0"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # -- request handling -------------------------------------------------------------------
    def handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        path = parts.path.split("/OData/v4/2.0/", 1)[-1]
        with self.lock:
            self.log.append(unquote_plus(request.path))  # as the client meant it
            assert len(self.log) < 500, "runaway client"  # bounded request count
            fault = next((f for f in self.faults if path.startswith(f[0])), None)
            if fault:
                self.faults.remove(fault)
        for part, status in self.persistent_faults.items():
            if part in request.path:
                return self.send(request, status, b'{"error": "intern"}')
        if fault and fault[1] == "429":
            return self.send(request, 429, b"{}", {"Retry-After": "0"})
        if fault and fault[1] == "503":
            return self.send(request, 503, b"Service Unavailable")
        if fault and fault[1] == "slow":
            time.sleep(1.0)  # longer than the client's read timeout
        if path.startswith("DocumentPublicatie("):
            pub_id = path[len("DocumentPublicatie("):path.index(")")]
            file = FIXTURES / "publications" / f"{pub_id}.xml"
            if not file.exists():
                return self.send(request, 404, b"{}")
            body = file.read_bytes()
            if fault and fault[1] == "cut":  # promise the whole body, send half, hang up
                request.send_response(200)
                request.send_header("Content-Type", "application/xml")
                request.send_header("Content-Length", str(len(body)))
                request.end_headers()
                request.wfile.write(body[: len(body) // 2])
                request.wfile.flush()
                request.close_connection = True
                return
            return self.send(request, 200, body, {"Content-Type": "application/xml"})
        if path not in self.entities:
            return self.send(request, 404, b"{}")
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        records = [r for r in self.entities[path] if matches(r, query.get("$filter"))]
        for key in reversed([k.strip().split()[0] for k in query.get("$orderby", "").split(",") if k.strip()]):
            records.sort(key=lambda r: str(r.get(key)))
        skip = int(query.get("$skip", 0))
        top = int(query["$top"]) if "$top" in query else None
        window = records[skip: None if top is None else skip + top]
        page = {"@odata.context": f"{self.base_url}/$metadata#{path}", "value": window}
        if self.server_paging and len(window) > self.server_page:
            page["value"] = window[: self.server_page]
            rest = dict(query, **{"$skip": str(skip + self.server_page)})
            if top is not None:
                rest["$top"] = str(top - self.server_page)
            page["@odata.nextLink"] = f"{self.base_url}/{path}?{urlencode(rest)}"
        self.send(request, 200, json.dumps(page).encode(), {"Content-Type": "application/json"})

    @staticmethod
    def send(request, status: int, body: bytes, headers: dict | None = None) -> None:
        request.send_response(status)
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)


# ---------------------------------------------------------------------------------------------
# What the fixture pages hold, computed from them (the expected result of a fetch)
# ---------------------------------------------------------------------------------------------

def expected_from(server: FakeOData) -> dict:
    """{zaak nummer: (set of vote keys, [publication files])} for live motions started since SINCE."""
    since = _when("2025-06-01T00:00:00+02:00")
    expected = {}
    for zaak in server.entities["Zaak"]:
        if zaak["Verwijderd"] or _when(zaak["GestartOp"]) < since:
            continue
        votes = {}
        for s in server.entities["Stemming"]:
            if s["Verwijderd"] or not any(z["Id"] == zaak["Id"] for z in s["Besluit"]["Zaak"]):
                continue
            key = (s["Besluit_Id"], s["ActorFractie"])
            if key not in votes or _when(s["GewijzigdOp"]) > _when(votes[key]["GewijzigdOp"]):
                votes[key] = s
        pubs = [p["FileName"] for d in zaak["Document"]
                for p in d["HuidigeDocumentVersie"]["DocumentPublicatie"]]
        expected[zaak["Nummer"]] = ({(k[0], k[1], v["Soort"], v["Vergissing"]) for k, v in votes.items()},
                                    pubs, [p["Id"] for d in zaak["Document"]
                                           for p in d["HuidigeDocumentVersie"]["DocumentPublicatie"]])
    return expected


def assert_out_matches(out: Path, server: FakeOData) -> None:
    expected = expected_from(server)
    zaak_files = sorted(p.name for p in out.glob("zaak-*.json"))
    assert zaak_files == sorted(f"zaak-{n}.json" for n in expected)
    for nummer, (votes, pub_files, pub_ids) in expected.items():
        page = json.loads((out / f"zaak-{nummer}.json").read_text(encoding="utf-8"))
        assert [z["Nummer"] for z in page["value"]] == [nummer]
        assert "@odata.context" in page
        votes_file = out / f"stemmingen-{nummer}.json"
        if votes:
            records = json.loads(votes_file.read_text(encoding="utf-8"))["value"]
            got = [(r["Besluit_Id"], r["ActorFractie"], r["Soort"], r["Vergissing"]) for r in records]
            assert len(got) == len(set(got)) and set(got) == votes
            assert all(r["Besluit"]["Zaak"][0]["Nummer"] == nummer and r["Fractie"]["NaamNL"] for r in records)
        else:
            assert not votes_file.exists()
        for name, pub_id in zip(pub_files, pub_ids):
            assert (out / name).read_bytes() == (FIXTURES / "publications" / f"{pub_id}.xml").read_bytes()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def mtimes(out: Path) -> dict:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if not p.name.startswith(".")}


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------

def test_fetch_reproduces_the_pages_through_paging_and_errors(tmp_path):
    out = tmp_path / "tk"
    with FakeOData() as server:
        server.faults = [("Zaak", "429"), ("Stemming", "slow"), ("Stemming", "503"),
                         ("DocumentPublicatie", "cut")]
        summary = fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert not server.faults  # every fault was hit and survived
        assert server.requests_to("$skip=2") > 0  # the listing needed nextLink pages
        assert_out_matches(out, server)
    expected = expected_from(server)
    assert summary.zaken_written == len(expected) == 5
    assert summary.documents_downloaded == sum(len(v[1]) for v in expected.values())
    assert summary.duplicate_votes_dropped == 2  # same record twice + an older record of a fractie
    # a vote marked Vergissing is kept as it is
    records = json.loads((out / "stemmingen-2025Z11101.json").read_text())["value"]
    assert [r["ActorFractie"] for r in records if r["Vergissing"]] == ["CDA"]
    state = read_state(out)
    assert state["last_sync"] and {e["status"] for e in state["zaken"].values()} == {"done"}


def test_client_side_paging_with_skip_when_the_server_sends_no_next_link(tmp_path):
    out = tmp_path / "tk"
    with FakeOData(server_paging=False) as server:
        fetch(SINCE, None, out, base_url=server.base_url, config=dict(FAST, page_size=2), progress=False)
        assert server.requests_to("$skip=4") > 0
        assert_out_matches(out, server)


def test_second_fetch_downloads_nothing_new(tmp_path):
    out = tmp_path / "tk"
    with FakeOData() as server:
        fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        before, state_before = mtimes(out), read_state(out)
        server.log.clear()
        summary = fetch(None, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert mtimes(out) == before
        assert summary.zaken_written == summary.documents_downloaded == summary.votes_written == 0
        assert server.requests_to("/Resource") == 0
        assert server.requests_to("any(z: z/Id") == 0  # no per-motion vote request
        # only listings of what changed, and one look whether the motion without text has one now
        recheck = "Id eq a0000000-0000-4000-8000-000000011105"
        assert server.log and all("GewijzigdOp gt " in line or recheck in line for line in server.log)
        assert server.requests_to(recheck) == 1
        assert read_state(out)["last_sync"] == state_before["last_sync"]


def test_late_votes_rewrite_the_same_file_and_deleted_motions_disappear(tmp_path):
    out = tmp_path / "tk"
    with FakeOData() as server:
        fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert not (out / "stemmingen-2025Z11103.json").exists()  # no votes yet in week 1
        assert (out / "zaak-2025Z11104.json").exists() and (out / "kst-36600-4204.xml").exists()
        server.add("week2.json")
        server.log.clear()
        summary = fetch(None, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert summary.incremental and summary.zaken_deleted == 1
        assert_out_matches(out, server)
        # a changed Zaak is rewritten, its unchanged publication is not downloaded again
        assert json.loads((out / "zaak-2025Z11101.json").read_text())["value"][0]["Afgedaan"] is True
        assert server.requests_to("c0000000-0000-4000-8000-000000011101") == 0
        assert server.requests_to("c0000000-0000-4000-8000-000000011207") == 1
        assert not list(out.glob("*11104*")) and not (out / "kst-36600-4204.xml").exists()
        assert len(list(out.glob("zaak-2025Z11103*"))) == 1  # updated, not duplicated
        assert len(json.loads((out / "stemmingen-2025Z11103.json").read_text())["value"]) == 6
        # and once more: nothing new
        server.log.clear()
        again = fetch(None, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert again.zaken_written == again.vote_files_written == again.documents_downloaded == 0


def test_until_limits_the_window_and_a_wider_window_is_listed_in_full(tmp_path):
    out = tmp_path / "tk"
    with FakeOData() as server:
        fetch(SINCE, "2025-06-05", out, base_url=server.base_url, config=FAST, progress=False)
        assert sorted(p.name for p in out.glob("zaak-*")) == ["zaak-2025Z11101.json", "zaak-2025Z11102.json"]
        # the open window was never synced: no GewijzigdOp filter, or older motions would be missed;
        # that holds too after a wider sync that was interrupted half-way
        server.persistent_faults = {"a0000000-0000-4000-8000-000000011104": 500}
        with pytest.raises(FetchError):
            fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert read_state(out)["until"] == "2025-06-05"
        server.persistent_faults = {}
        server.log.clear()
        summary = fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert not summary.incremental and summary.zaken_skipped == 3  # 11101-11103 done before
        assert not any("GewijzigdOp gt" in line for line in server.log)
        assert_out_matches(out, server)


def test_a_publication_that_appears_later_is_downloaded(tmp_path):
    out = tmp_path / "tk"
    with FakeOData() as server:
        fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert not (out / "kst-19637-4205.xml").exists()
        server.add("week3.json")
        summary = fetch(None, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert summary.documents_downloaded == 1 and (out / "kst-19637-4205.xml").exists()
        assert_out_matches(out, server)
        assert read_state(out)["zaken"]["a0000000-0000-4000-8000-000000011105"]["text"] is True
        server.log.clear()
        fetch(None, None, out, base_url=server.base_url, config=FAST, progress=False)
        assert server.requests_to("Id eq a0000000-0000-4000-8000-000000011105") == 0  # no longer pending


def test_an_interrupted_fetch_resumes_where_it_stopped(tmp_path):
    out = tmp_path / "tk"
    with FakeOData() as server:
        # the votes of the third motion keep failing: the fetch stops there
        server.persistent_faults = {"a0000000-0000-4000-8000-000000011103": 500}
        with pytest.raises(FetchError):
            fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        state = read_state(out)
        done = {e["nummer"] for e in state["zaken"].values() if e["status"] == "done"}
        assert done == {"2025Z11101", "2025Z11102"} and state["last_sync"] is None
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
        assert not (out / "zaak-2025Z11103.json").exists()  # nothing half done on disk
        server.persistent_faults = {}
        server.log.clear()
        fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        # the two finished motions are not downloaded again
        assert server.requests_to("c0000000-0000-4000-8000-000000011101") == 0
        assert server.requests_to("a0000000-0000-4000-8000-000000011102") == 0
        assert server.requests_to("c0000000-0000-4000-8000-000000011103") == 1
        assert_out_matches(out, server)
        assert read_state(out)["last_sync"]


def test_giving_up_after_the_retries(tmp_path):
    with FakeOData() as server:
        server.persistent_faults = {"Zaak": 503}
        with pytest.raises(FetchError, match="after 2 attempts"):
            fetch(SINCE, None, tmp_path / "tk", base_url=server.base_url, config=dict(FAST, retries=1),
                  progress=False)
        assert server.requests_to("Zaak") == 2
    assert not (tmp_path / "tk").exists()


def test_offline_gives_one_clear_line_and_writes_nothing(tmp_path, capsys):
    from pipeline.cli import main

    with FakeOData() as server:  # a port that was just free again: connection refused
        base_url = server.base_url
    out = tmp_path / "tk"
    with pytest.raises(FetchOffline, match="offline"):
        fetch(SINCE, None, out, base_url=base_url, config=FAST, progress=False)
    code = main(["fetch", "--since", SINCE, "--out", str(out), "--base-url", base_url, "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and err[0].startswith("offline: cannot reach")
    assert not out.exists()
    assert fetch_mod.weekly(out, tmp_path / "processed", tmp_path / "reports", base_url=base_url,
                            since=SINCE, config=FAST) == 1
    assert not any(tmp_path.iterdir())


def test_fetched_files_are_read_by_ingest(tmp_path):
    from pipeline import ingest

    out = tmp_path / "tk"
    with FakeOData() as server:
        fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        expected = expected_from(server)
    result = ingest.ingest([str(out)])
    docs = result.documents
    motions = docs[docs["doc_type"] == "motion"] if "doc_type" in docs else docs
    with_text = motions[motions["text"].fillna("").str.contains("verzoekt de regering")]
    assert len(with_text) == sum(1 for v in expected.values() if v[1])  # every motion with an XML
    assert len(result.votes) == sum(len(v[0]) for v in expected.values())


def test_clean_votes_drops_deleted_and_duplicate_records():
    base = {"Besluit_Id": "b1", "Persoon_Id": None, "Verwijderd": False, "Vergissing": False}
    records = [
        dict(base, Id="1", Fractie_Id="f1", ActorFractie="SP", Soort="Voor", GewijzigdOp="2025-06-10T10:00:00+02:00"),
        dict(base, Id="1", Fractie_Id="f1", ActorFractie="SP", Soort="Voor", GewijzigdOp="2025-06-10T10:00:00+02:00"),
        dict(base, Id="2", Fractie_Id="f1", ActorFractie="SP", Soort="Tegen", GewijzigdOp="2025-06-10T11:00:00+02:00"),
        dict(base, Id="3", Fractie_Id="f2", ActorFractie="JA21", Soort="Tegen", Vergissing=True,
             GewijzigdOp="2025-06-10T10:00:00+02:00"),
        dict(base, Id="4", Fractie_Id="f3", ActorFractie="BBB", Soort="Voor", Verwijderd=True,
             GewijzigdOp="2025-06-10T10:00:00+02:00"),
    ]
    cleaned = clean_votes(records)
    assert [(r["Id"], r["Soort"], r["Vergissing"]) for r in cleaned] == [("3", "Tegen", True), ("2", "Tegen", False)]


def test_weekly_fetches_since_the_last_sync_then_runs_and_summarises(tmp_path, monkeypatch):
    import sys
    import types

    import pipeline.run

    calls = []

    def fake_run_batch(inputs, out_dir, **kwargs):  # the batch itself is tested elsewhere
        calls.append(("run", list(inputs), str(out_dir)))
        return 0

    report = types.ModuleType("pipeline.report")
    report.build_summary = lambda data_dir, week, out_dir: calls.append(("summary", data_dir, week, out_dir))
    monkeypatch.setattr(pipeline.run, "run_batch", fake_run_batch)
    monkeypatch.setitem(sys.modules, "pipeline.report", report)
    out, processed, reports = tmp_path / "tk", tmp_path / "processed", tmp_path / "reports"
    with FakeOData() as server:
        fetch(SINCE, None, out, base_url=server.base_url, config=FAST, progress=False)
        server.add("week2.json")
        server.log.clear()
        code = fetch_mod.weekly(out, processed, reports, inputs=[str(tmp_path / "programmes")],
                                base_url=server.base_url, config=FAST, progress=False)
        assert code == 0
        assert all("GewijzigdOp gt " in line or "Id eq " in line for line in server.log
                   if "/Resource" not in line and "z/Id eq" not in line)  # incremental listings only
        assert_out_matches(out, server)
    assert calls == [("run", [str(tmp_path / "programmes"), str(out)], str(processed)),
                     ("summary", str(processed), "last", str(reports))]
