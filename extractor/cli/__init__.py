"""The command line (`extractor --help`): thin commands over the Python API, one module per
command group. Exit codes: 0 done, 1 some articles failed, 2 bad input or settings, 3 stopped.

May import: every stage.
"""

from extractor.cli.main import app

__all__ = ["app"]
