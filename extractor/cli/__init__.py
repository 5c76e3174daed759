"""The command line: thin commands over the Python API (`extractor --help`)."""

from extractor.cli.main import app

__all__ = ["app"]
