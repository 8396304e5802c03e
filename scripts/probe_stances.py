"""How many hand-written sentences of known stance does the stance stage read right?

A probe file has one text per line, tab-separated: `demand_id`, `pro`, `contra` or `neutral` (as
`../shared/spec/demands.md` defines them) and the text. A sided text addresses its demand and takes
that side; a neutral one addresses it without taking a side and is read right when the stance stage
gives it none (neutral, or not addressed). A line that reads like a motion ("verzoekt de regering", "roept de regering
op") is scored as a motion in an asylum dossier; any other line as a programme paragraph under the
heading "Asiel en migratie" (so broad targets count, as they would under such a heading).

    python scripts/probe_stances.py tests/fixtures/stance_probes.tsv tests/fixtures/stance_probes_2.tsv --misses
    python scripts/probe_stances.py tests/fixtures/stance_probes_heldout_3.tsv

It prints, for the rules alone and for the product (rules + learned layer), how many sentences get
their demand with the expected label, and with `--misses` the sentences that do not. Sentences are
checked for their own demand; a side the product gives to another demand is counted separately
(some are right: a text about one demand may touch another) and listed with the misses. For a set
whose texts each address one demand only (sets 6, 7 and 8), "right with no other demand" is the figure that
counts: a text read right that also gets another demand has a demand-assignment error.
"""
from __future__ import annotations

import argparse

from pipeline import stance
from pipeline.evaluation import probe_context, probe_read_right, read_probes
from pipeline.run import Models


def probe(rows, models: Models | None = None) -> list[dict]:
    """One dict per sentence: demand, expected, rules and product labels, other demands found."""
    models = models or Models()
    nlp, model = models.get("nlp"), models.get("stance")
    out = []
    for (demand, expected, text), doc in zip(rows, nlp.pipe([r[2] for r in rows])):
        context = probe_context(text)
        rules = stance.predict_text(text, doc=doc, model=None, **context)
        product = stance.predict_text(text, doc=doc, model=model, **context)
        out.append({"demand": demand, "expected": expected, "text": text,
                    "motion": context.get("doc_type") == "motion",
                    "rules": rules.get(demand, {}).get("label"),
                    "product": product.get(demand, {}).get("label"),
                    "others": sorted(f"{d}:{v['label']}" for d, v in product.items() if d != demand),
                    "other_sides": sum(d != demand and v["label"] != "neutral" for d, v in product.items()),
                    "other_demands": sum(d != demand for d in product)})
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", nargs="+")
    parser.add_argument("--misses", action="store_true", help="list the sentences read wrong")
    args = parser.parse_args(argv)
    models = Models()
    for path in args.probes:
        results = probe(read_probes(path), models)
        n = len(results)
        n_motion = sum(r["motion"] for r in results)
        rules_ok = sum(probe_read_right(r["expected"], r["rules"]) for r in results)
        product_ok = sum(probe_read_right(r["expected"], r["product"]) for r in results)
        other_sides = sum(r["other_sides"] for r in results)
        # for sets whose texts each address one demand only: right, and no other demand addressed
        only_ok = sum(probe_read_right(r["expected"], r["product"]) and not r["other_demands"] for r in results)
        print(f"{path}: {n} texts ({n_motion} as motions): rules {rules_ok}/{n} ({rules_ok / n:.0%}), "
              f"product {product_ok}/{n} ({product_ok / n:.0%}); sides the product gives to other "
              f"demands: {other_sides}; product right with no other demand: {only_ok}/{n}")
        if args.misses:
            for r in results:
                if not (probe_read_right(r["expected"], r["rules"]) and probe_read_right(r["expected"], r["product"])):
                    print(f"  {r['demand']:36} expected {r['expected']:7} rules {r['rules']!s:7} "
                          f"product {r['product']!s:7} other {r['others']} | {r['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
