"""The `extractor` command: builds the typer app from the command groups' modules and nothing
else (`extractor.cli:app` is the console script; `python -m extractor.cli.main` runs it too)."""

from __future__ import annotations

import typer

from extractor.cli.batch import app as batch_app
from extractor.cli.evaluate import eval_command, report
from extractor.cli.extract import extract
from extractor.cli.model import app as model_app
from extractor.cli.run import run, status

__all__ = ["app"]

app = typer.Typer(help="Extract validated, source-grounded conflict incidents from news articles.", no_args_is_help=True)
app.add_typer(model_app, name="model")
app.command()(extract)
app.command()(run)
app.command("eval")(eval_command)
app.command()(report)
app.command()(status)
app.add_typer(batch_app, name="batch")

if __name__ == "__main__":  # pragma: no cover
    app()
