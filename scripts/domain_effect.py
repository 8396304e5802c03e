"""How many stances the catalogue's asylum/migration domain removes on real motions.

Runs the shipped stance stage over the corpus motions whose text contains a catalogue target
(`../shared/corpus/motions/motions.jsonl`), once as shipped and once with the domain switched off
(every target counts everywhere), and prints the counts and a few removed stances to read.

    python scripts/domain_effect.py            # all candidate motions (~800, about 30 s)
"""
from __future__ import annotations

import dataclasses
import json
import sys
from collections import Counter

from pipeline import nlp as nlp_stage
from pipeline import stance
from pipeline.paths import shared_dir


def main(limit: int | None = None) -> None:
    path = shared_dir() / "corpus" / "motions" / "motions.jsonl"
    shipped = stance.load_catalogue()
    no_domain = dataclasses.replace(shipped, domain=None, domain_dossiers=frozenset())
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("text") and shipped.candidate_regex.search(r["text"].lower())][:limit]
    nlp = nlp_stage.load_nlp()
    model = stance.load_model()
    counts, removed = Counter(), []
    for r, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=32)):
        found = {name: set(stance.predict_text(r["text"], "motion", title=r.get("title"), model=model, doc=doc,
                                               doc_id=r["id"], cat=cat))
                 for name, cat in (("with domain", shipped), ("without domain", no_domain))}
        counts.update({name: len(demands) for name, demands in found.items()})
        counts["in domain"] += shipped.in_domain(stance.domain_context(r.get("title"), r["text"]), r["id"])
        for demand in sorted(found["without domain"] - found["with domain"]):
            removed.append((demand, r.get("title") or r["id"]))
    print(f"candidate motions: {len(rows)} ({counts['in domain']} in the asylum/migration domain)")
    print(f"stances without the domain restriction: {counts['without domain']}")
    print(f"stances as shipped (with it):           {counts['with domain']}")
    print(f"removed: {len(removed)}; by demand: {Counter(d for d, _ in removed).most_common()}")
    for demand, title in removed[:15]:
        print(f"  {demand:32s} {title[:110]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
