"""Write the illustrative sample inputs of data/raw/ (run from the repo root: python scripts/make_sample_data.py).

Everything here is invented for illustration (motions, names, votes, programme texts); the formats are
the real ones: Tweede Kamer OData v4 JSON (a Zaak page with expanded Document/ZaakActor and a Stemming
page with expanded Besluit(Zaak)/Fractie), officielebekendmakingen XML (minimal and full metadata), a
programme PDF (matplotlib's PDF backend, dev-only) and PDF-style programme text, with .meta.json sidecars.
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1] / "data" / "raw"

SEATS = {"PVV": 37, "GroenLinks-PvdA": 25, "VVD": 24, "NSC": 20, "D66": 9, "BBB": 7, "CDA": 5, "SP": 5,
         "DENK": 3, "PvdD": 3, "ChristenUnie": 3, "SGP": 3, "FVD": 3, "Volt": 2, "JA21": 1}
LEFT = ["GroenLinks-PvdA", "D66", "SP", "DENK", "PvdD", "ChristenUnie", "Volt", "CDA"]
RIGHT = ["PVV", "VVD", "NSC", "BBB", "SGP", "FVD", "JA21"]

# (nr, dossier, zaak, date, title, submitters [(name, party)], clauses, sources, voor-parties or None)
MOTIONS = [
    (4101, "19637", "2025Z11001", "2025-06-03",
     "Motie van de leden Bakker en De Vries over het behouden van de Spreidingswet",
     [("A.B. Bakker", "GroenLinks-PvdA"), ("C. de Vries", "CDA")],
     ["constaterende dat gemeenten dankzij de Spreidingswet afspraken maken over een evenwichtige verdeling "
      "van opvangplekken;",
      "overwegende dat de intrekking van de wet de druk op het aanmeldcentrum opnieuw vergroot;",
      "verzoekt de regering de Spreidingswet niet in te trekken en gemeenten te blijven ondersteunen bij "
      "het realiseren van kleinschalige opvang,"],
     ("xml-full", "odata"), LEFT + ["NSC"]),
    (4102, "19637", "2025Z11002", "2025-06-10",
     "Motie van het lid Smit over het invoeren van een tweestatusstelsel",
     [("E. Smit", "VVD")],
     ["overwegende dat een tweestatusstelsel onderscheid maakt tussen vluchtelingen op grond van het "
      "Vluchtelingenverdrag en mensen met subsidiaire bescherming;",
      "verzoekt de regering het tweestatusstelsel zo snel mogelijk in te voeren en daarbij de rechten op "
      "gezinshereniging voor subsidiair beschermden te beperken,"],
     ("xml-minimal", "odata"), RIGHT),
    (4103, "19637", "2025Z11003", "2025-06-17",
     "Motie van het lid Jansen over het inperken van nareis",
     [("F. Jansen", "PVV")],
     ["constaterende dat het aantal nareizigers de afgelopen jaren is gestegen;",
      "verzoekt de regering de voorwaarden voor nareis en gezinshereniging aan te scherpen en de "
      "inkomenseis ook voor vluchtelingen te laten gelden,"],
     ("xml-minimal", "odata"), None),
    (4104, "19637", "2025Z11004", "2025-06-24",
     "Motie van de leden Mulder en Visser over het oprichten van terugkeerhubs buiten Europa",
     [("G. Mulder", "BBB"), ("H. Visser", "JA21")],
     [], ("odata",), RIGHT),
    (4105, "19637", "2025Z11005", "2025-07-01",
     "Motie van het lid Peters over het terugdringen van de wachttijden bij de IND",
     [("I. Peters", "NSC")],
     ["constaterende dat asielzoekers soms meer dan een jaar wachten op hun eerste gehoor bij de IND;",
      "overwegende dat lange wachttijden leiden tot onzekerheid en hogere opvangkosten;",
      "verzoekt de regering de wettelijke beslistermijn weer na te leven en de IND structureel voldoende "
      "capaciteit te geven,"],
     ("xml-full", "odata"), LEFT + ["NSC", "BBB", "VVD"]),
    (4106, "19637", "2025Z11006", "2025-07-01",
     "Motie van het lid Koster over kindvriendelijke opvang",
     [("J. Koster", "ChristenUnie")],
     ["constaterende dat kinderen in de noodopvang vaak maandenlang zonder onderwijs en zonder eigen "
      "ruimte verblijven;",
      "verzoekt de regering ervoor te zorgen dat gezinnen met kinderen binnen vier weken naar een "
      "kindvriendelijke opvanglocatie met toegang tot onderwijs gaan,"],
     ("xml-minimal", "odata"), None),
    (4107, "36600", "2025Z11007", "2025-06-17",
     "Motie van het lid Hendriks over het verlengen van de naturalisatietermijn",
     [("K. Hendriks", "PVV")],
     ["van mening dat het Nederlanderschap het sluitstuk van een geslaagde integratie hoort te zijn;",
      "verzoekt de regering de naturalisatietermijn te verlengen van vijf naar tien jaar,"],
     ("xml-full",), None),
    (4108, "31305", "2025Z11008", "2025-06-24",
     "Motie van het lid De Boer over veilige fietspaden rond scholen",
     [("L. de Boer", "D66")],
     ["constaterende dat het aantal fietsongevallen rond basisscholen toeneemt;",
      "verzoekt de regering samen met gemeenten te investeren in veilige fietsroutes naar scholen,"],
     ("xml-minimal", "odata"), LEFT + ["VVD", "NSC", "BBB"]),
]


def motion_text(clauses: list[str]) -> list[str]:
    return ["De Kamer,", "gehoord de beraadslaging,", *clauses, "en gaat over tot de orde van de dag."]


def write_xml(nr, dossier, date, title, submitters, clauses, full: bool) -> str:
    names = [name.split()[-1] if not name.split()[-2:-1] == ["de"] else " ".join(name.split()[-2:])
             for name, _ in submitters]
    paragraphs = motion_text(clauses) + ([] if full else names)
    meta = [f'<meta name="OVERHEIDop.externMetadataRecord" scheme="" content="https://zoek.officielebekendmakingen.nl/kst-{dossier}-{nr}/metadata.xml"/>']
    if full:
        meta = [
            f'<meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="kst-{dossier}-{nr}"/>',
            f'<meta name="OVERHEIDop.ondernummer" content="{nr}"/>',
            '<meta name="DC.type" scheme="OVERHEIDop.KamerstukTypen" content="Motie"/>',
            f'<meta name="OVERHEIDop.dossiernummer" content="{dossier}"/>',
            f'<meta name="OVERHEIDop.documenttitel" scheme="" content="{escape(title)}"/>',
            *[f'<meta name="OVERHEIDop.indiener" scheme="" content="{escape(name)}"/>' for name, _ in submitters],
            '<meta name="OVERHEIDop.vergaderjaar" scheme="" content="2024-2025"/>',
            f'<meta name="DCTERMS.issued" scheme="DCTERMS.W3CDTF" content="{date}"/>',
        ]
    als = "\n".join(f"            <al>{escape(p)}</al>" for p in paragraphs)
    heading = "MOTIE VAN " + ("DE LEDEN " if len(submitters) > 1 else "HET LID ") + " EN ".join(n.upper() for n in names)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    {chr(10).join('    ' + m for m in meta).strip()}
  </metadata>
  <kamerstuk>
    <dossier><dossiernummer><dossiernr>{dossier[:2]} {dossier[2:]}</dossiernr></dossiernummer><titel>Vreemdelingenbeleid</titel></dossier>
    <stuk>
      <stuknr>Nr. <ondernummer kamer="2">{nr}</ondernummer></stuknr>
      <titel>{heading}</titel>
      <datumtekst>Voorgesteld <datum isodatum="{date}">{date}</datum></datumtekst>
      <algemeen><vrije-tekst><tekst status="goed">
{als}
      </tekst></vrije-tekst></algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""


def zaak_record(nr, dossier, zaak, date, title, submitters) -> dict:
    guid = f"00000000-0000-4000-8000-{int(zaak[-5:]):012d}"
    return {
        "Id": guid, "Nummer": zaak, "Soort": "Motie", "Titel": "Vreemdelingenbeleid", "Onderwerp": title,
        "GestartOp": f"{date}T00:00:00+02:00", "Vergaderjaar": "2024-2025", "Volgnummer": nr, "Verwijderd": False,
        "Kabinetsappreciatie": "Oordeel Kamer",
        "ZaakActor": [{"ActorNaam": name, "ActorFractie": party, "Relatie": "Indiener" if i == 0 else "Medeindiener"}
                      for i, (name, party) in enumerate(submitters)],
        "Document": [{
            "Id": f"10000000-0000-4000-8000-{int(zaak[-5:]):012d}", "Soort": "Motie",
            "DocumentNummer": zaak.replace("Z", "D"), "Onderwerp": title, "Datum": f"{date}T00:00:00+02:00",
            "Verwijderd": False, "ContentType": "application/pdf",
            "HuidigeDocumentVersie": {"ExterneIdentifier": f"kst-{dossier}-{nr}", "Extensie": ".pdf",
                                      "DocumentPublicatie": [{"Identifier": f"kst-{dossier}-{nr}", "DocumentType": "Xml"}]},
        }],
    }


def stemming_records(zaak_rec: dict, voor: list[str], roll_call: bool) -> list[dict]:
    date = zaak_rec["GestartOp"][:10]
    besluit = {"Id": f"20000000-0000-4000-8000-{int(zaak_rec['Nummer'][-5:]):012d}",
               "StemmingsSoort": "Hoofdelijk" if roll_call else "Met handopsteken",
               "BesluitSoort": "Stemmen - " + ("aangenomen" if sum(SEATS[p] for p in voor) > 75 else "verworpen"),
               "Verwijderd": False, "Agendapunt_Id": "30000000-0000-4000-8000-000000000001",
               "Zaak": [{k: zaak_rec[k] for k in ("Id", "Nummer", "Soort", "Onderwerp", "GestartOp")}]}
    records = []
    for i, (party, seats) in enumerate(SEATS.items()):
        soort = "Voor" if party in voor else "Tegen"
        base = {"Besluit_Id": besluit["Id"], "Soort": soort, "ActorFractie": party, "Vergissing": False,
                "GewijzigdOp": f"{date}T17:00:00+02:00", "Verwijderd": False, "Besluit": besluit,
                "Fractie": {"NaamNL": party, "Afkorting": party, "AantalZetels": seats}}
        if roll_call and party == "NSC":  # one party split in a roll call: aggregates to "verdeeld"
            for member in range(seats):
                records.append({**base, "Id": f"r{i}-{member}", "Persoon_Id": f"p-{member}", "FractieGrootte": seats,
                                "ActorNaam": f"Kamerlid {member + 1}", "Soort": "Voor" if member < 12 else "Tegen"})
        else:
            records.append({**base, "Id": f"s{i}", "Persoon_Id": None, "FractieGrootte": seats, "ActorNaam": party})
    return records


PROGRAMME_PDF = {
    "party": "Voorbeeldpartij Noord", "year": 2025, "title": "Voorbeeldprogramma Voorbeeldpartij Noord 2025 (illustratief)", "draft": True,
    "chapters": [
        ("1. Wonen", [
            "We bouwen de komende vier jaar minstens een miljoen betaalbare woningen. Gemeenten krijgen "
            "daarvoor meer geld en meer personeel, zodat vergunningen sneller worden verleend.",
            "Starters krijgen voorrang bij nieuwbouw in hun eigen regio."]),
        ("2. Asiel en migratie", [
            "Mensen die vluchten voor oorlog en vervolging verdienen een eerlijke en snelle procedure. "
            "We houden vast aan de Spreidingswet, zodat elke gemeente haar deel van de opvang regelt en "
            "niemand meer buiten hoeft te slapen in Ter Apel.",
            "De IND krijgt structureel meer capaciteit, zodat asielzoekers binnen de wettelijke termijn "
            "duidelijkheid krijgen. Kinderen wonen in kindvriendelijke opvang en gaan vanaf de eerste week "
            "naar school.",
            "Gezinshereniging blijft een recht: een vluchteling mag zijn gezin snel laten overkomen."]),
        ("3. Klimaat", [
            "We sluiten de laatste kolencentrales en investeren in wind op zee en in warmtenetten in wijken."]),
    ],
}

PROGRAMME_TXT = """Voorbeeldpartij voor Nederland
Verkiezingsprogramma 2025
Inhoud
1. Zorg ............................ 2
2. Asiel en migratie ............... 3
3. Onderwijs ....................... 4
Voorbeeldpartij verkiezingsprogramma 2025
1. Zorg
De zorg moet weer dichtbij en betaalbaar worden. Huisartsen krij-
gen meer tijd per patiënt en het eigen risico gaat stap voor stap om-
laag. In Noord-
Holland en Friesland openen we nieuwe streekziekenhuizen.
2
Voorbeeldpartij verkiezingsprogramma 2025
2. Asiel en migratie
Nederland moet grip krijgen op migratie, maar we blijven mensen be-
schermen die vluchten voor oorlog. De asiel- en migratieprocedures
worden sneller en eerlijker, zodat asielzoe-
kers niet jarenlang in onzekerheid zitten.
De opvang van asielzoekers wordt eerlijk over het land verdeeld. We
schaffen het tweestatusstelsel af voordat het er is en houden nareis
voor gezinnen mogelijk.
3
Voorbeeldpartij verkiezingsprogramma 2025
3. Onderwijs
Elke leerling verdient een goede leraar. We verkleinen de klassen en
verhogen de salarissen in het primair onderwijs. Het lerarentekort
pakken we aan met zij-instromers en een betere begeleiding van star-
tende docenten.
4
Voorbeeldpartij verkiezingsprogramma 2025
"""


def write_pdf(path: Path, spec: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType: pypdf can extract the text
    with PdfPages(path, metadata={"Title": spec["title"], "CreationDate": None}) as pdf:
        for page, (heading, paragraphs) in enumerate(spec["chapters"], start=1):
            fig = plt.figure(figsize=(8.27, 11.69))
            y = 0.95
            fig.text(0.08, y, f"{spec['title']}", fontsize=8)
            y -= 0.05
            fig.text(0.08, y, heading, fontsize=14, weight="bold")
            y -= 0.04
            for paragraph in paragraphs:
                for line in textwrap.wrap(paragraph, 85):
                    fig.text(0.08, y, line, fontsize=10)
                    y -= 0.022
                y -= 0.015
            fig.text(0.5, 0.04, str(page), fontsize=8)
            pdf.savefig(fig)
            plt.close(fig)


def main() -> None:
    (ROOT / "motions").mkdir(parents=True, exist_ok=True)
    (ROOT / "programmes").mkdir(parents=True, exist_ok=True)
    zaken, stemmingen = [], []
    for nr, dossier, zaak, date, title, submitters, clauses, sources, voor in MOTIONS:
        if "xml-full" in sources or "xml-minimal" in sources:
            xml = write_xml(nr, dossier, date, title, submitters, clauses, "xml-full" in sources)
            (ROOT / "motions" / f"kst-{dossier}-{nr}.xml").write_text(xml, encoding="utf-8")
        rec = zaak_record(nr, dossier, zaak, date, title, submitters)
        if "odata" in sources:
            zaken.append(rec)
        if voor:
            stemmingen.extend(stemming_records(rec, voor, roll_call=(nr == 4105)))
    context = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#"
    (ROOT / "motions" / "odata_zaak_document.json").write_text(json.dumps(
        {"@odata.context": context + "Zaak(Document(HuidigeDocumentVersie(DocumentPublicatie())),ZaakActor())",
         "value": zaken}, ensure_ascii=False, indent=1), encoding="utf-8")
    (ROOT / "motions" / "odata_stemming_besluit.json").write_text(json.dumps(
        {"@odata.context": context + "Stemming(Besluit(Zaak()),Fractie())", "value": stemmingen},
        ensure_ascii=False, indent=1), encoding="utf-8")

    pdf_path = ROOT / "programmes" / "voorbeeldpartij-noord-2025.pdf"
    write_pdf(pdf_path, PROGRAMME_PDF)
    pdf_path.with_name(pdf_path.stem + ".meta.json").write_text(json.dumps(
        {k: PROGRAMME_PDF[k] for k in ("party", "year", "title", "draft")}, ensure_ascii=False, indent=1) + "\n")
    txt_path = ROOT / "programmes" / "voorbeeldpartij-zuid-2025.txt"
    txt_path.write_text(PROGRAMME_TXT, encoding="utf-8")
    txt_path.with_name(txt_path.stem + ".meta.json").write_text(json.dumps(
        {"party": "Voorbeeldpartij Zuid", "year": 2025, "title": "Voorbeeldprogramma Voorbeeldpartij Zuid 2025 (illustratief)", "draft": False},
        ensure_ascii=False, indent=1) + "\n")
    print(f"wrote sample data under {ROOT}")


if __name__ == "__main__":
    main()
