"""The command line (`extractor --help`): thin commands over the Python API, one module per
command group over `options` (the shared model options and the one way to fail): `extract`,
`run` (run, status), `evaluate` (eval, report), `model`, `batch`; `main` builds the app from them.
Exit codes: 0 done, 1 some articles failed, 2 bad input or settings, 3 stopped.

May import: every stage.
"""

from typing import Any

from extractor.errors import one_line_warnings

one_line_warnings()  # "warning: what failed and what to do", not Python's file, line and source line

__all__ = ["app"]


def __getattr__(name: str) -> Any:
    """`extractor.cli.app` (the console script) is built on first use: importing `main` here, with
    the package, would make `python -m extractor.cli.main` run a module already imported."""
    if name == "app":
        from extractor.cli.main import app

        return app
    raise AttributeError(f"module 'extractor.cli' has no attribute {name!r}")
