"""Where things are: the repository, the shipped models, the shared data beside the checkout."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
CONFIG_DIR = PACKAGE_DIR / "config"


def models_dir() -> Path:
    """Trained artifacts: $ASIEL_MODELS, else `models/` of the checkout."""
    return Path(os.environ.get("ASIEL_MODELS", REPO_ROOT / "models"))



def shared_dir() -> Path:
    """The read-only shared data (`../shared` beside the checkout), or $ASIEL_SHARED."""
    return Path(os.environ.get("ASIEL_SHARED", REPO_ROOT.parent / "shared"))


def has_shared() -> bool:
    return (shared_dir() / "eval" / "dev.jsonl").exists()
