"""Command line: `python -m pipeline <command> ...` (also installed as `asielstandpunten`).

Each stage module registers its own sub-commands through `register_cli(subparsers)`, so a command
lives next to the code it runs. Exit codes: 0 all inputs processed, 3 some inputs rejected (see
errors.csv), 1 the run itself failed, 2 bad usage.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

# Modules that contribute sub-commands, in the order they appear in --help.
COMMAND_MODULES = [
    "pipeline.run",        # run, predict, evaluate, train, info
    "pipeline.ingest",     # ingest (read only: documents, votes, errors)
    "pipeline.benchmark",  # benchmark
    "pipeline.nlp",        # train-nlp, nlp-eval
    "pipeline.report",     # summary
    "pipeline.fetch",      # fetch, weekly
]


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Stances of Dutch motions and party programmes on the demands of "
        "VluchtelingenWerk Nederland's letter.",
    )
    parser.add_argument("--version", action="store_true", help="print versions of the package and models")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a stage not built yet must not break the others
            if exc.name == name:
                continue
            raise
        register = getattr(module, "register_cli", None)
        if register:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.version:
        from .run import version_info

        for key, value in version_info().items():
            print(f"{key}: {value}")
        return 0
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the run itself failed: one line, not a traceback, unless -v
        if args.verbose:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
