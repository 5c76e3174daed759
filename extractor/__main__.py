"""`python -m extractor`: the `extractor` command."""

from extractor.cli.main import app

if __name__ == "__main__":
    app()
