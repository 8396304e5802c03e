"""Canonical party names, from the table in `config/parties.yaml`.

`canonical_party("GL-PvdA") == "GroenLinks-PvdA"`, `canonical_party("FvD") == "FVD"`, and
`canonical_party("GroenLinks", "2024-05-01") == "GroenLinks-PvdA"` (the merger rule in the YAML).
Unknown names come back stripped but unchanged: a new splinter group must not vanish.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import yaml

from .paths import CONFIG_DIR


def _key(name: str) -> str:
    # "GroenLinks–PvdA", "groenlinks - pvda", "GL/PvdA" all compare equal after this.
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[\u2010-\u2015/\-]", "-", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .")


@functools.lru_cache(maxsize=1)
def load_table() -> tuple[dict[str, str], list[dict]]:
    """(alias key -> canonical name, merger rules) from config/parties.yaml."""
    with open(CONFIG_DIR / "parties.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    lookup: dict[str, str] = {}
    for canonical, aliases in data["parties"].items():
        for alias in [canonical, *(aliases or [])]:
            lookup[_key(str(alias))] = canonical
    return lookup, list(data.get("merged") or [])


def known_parties() -> list[str]:
    lookup, _ = load_table()
    return sorted(set(lookup.values()))


def canonical_party(name: str | None, date: str | None = None) -> str | None:
    """The canonical name of a party/fractie; `date` (ISO) applies the merger rules."""
    if name is None:
        return None
    name = " ".join(str(name).split())
    if not name:
        return None
    lookup, merged = load_table()
    canonical = lookup.get(_key(name), name)
    if date:
        for rule in merged:
            if canonical in rule["parties"] and str(date)[:10] >= str(rule["from"]):
                return rule["into"]
    return canonical
