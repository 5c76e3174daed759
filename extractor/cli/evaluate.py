"""`extractor eval` (predicted incidents scored against a gold set or MUC-4 keys) and
`extractor report` (the HTML review page of a run's results)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from extractor.cli.options import fail
from extractor.evaluation.review import ReviewArticle
from extractor.evaluation.scoring import EvalReport, FlatIncident, GoldArticle

__all__ = ["eval_command", "report"]


def eval_command(
    gold: Path = typer.Argument(..., help="Gold set: a folder of ID.json annotations beside ID.txt articles (fixtures/gold), or a MUC-4 set folder (e.g. ../shared/datasets/muc4/dev)."),
    predictions: Path = typer.Argument(..., help="JSONL predictions: `extractor run` output, ExtractionResult lines, or {id, incidents: \\[flat incidents]} (the fields of `extractor.evaluation.scoring.FlatIncident`)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole report (with per-article details) as JSON."),
    details: bool = typer.Option(False, "--details", help="Also list each article's matches and misses."),
) -> None:
    """Score predicted incidents against gold ones: incident precision, recall and F1 (a pair needs
    dates within a day and a shared place name), then field accuracy on the matched pairs."""
    from extractor.evaluation.scoring import evaluate

    articles, predicted = _gold_and_predictions(gold, predictions)
    report = evaluate(articles, predicted)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    _print_scores(report)
    if report.missing_predictions:
        typer.echo(f"no prediction for {len(report.missing_predictions)} article(s): {', '.join(report.missing_predictions)}")
    if details:
        _print_details(report, articles, predicted)


def _gold_and_predictions(gold: Path, predictions: Path) -> tuple[list[GoldArticle], dict[str, list[FlatIncident] | None]]:
    """The gold articles (a gold folder, or MUC-4 keys for the predicted ids) and the
    predictions by article id; unreadable files exit 2."""
    from extractor.evaluation.scoring import load_gold, load_predictions

    try:
        predicted = load_predictions(predictions)
        if any(gold.glob("key-*")):
            from extractor.evaluation.muc4 import load_muc4, read_texts

            known = set(read_texts(gold))
            articles = load_muc4(gold, ids=sorted(set(predicted) & known))
        else:
            articles = load_gold(gold)
    except (OSError, ValueError, KeyError) as exc:
        raise fail(exc, 2) from None
    unknown = sorted(set(predicted) - {a.id for a in articles})
    if unknown:
        typer.echo(f"warning: {len(unknown)} prediction(s) name articles that {gold} does not hold, not scored: "
                   f"{', '.join(unknown[:5])}{' ...' if len(unknown) > 5 else ''}", err=True)
    return articles, predicted


def _print_scores(report: EvalReport) -> None:
    """Two tables: incident precision / recall / F1, then each field's accuracy on matched pairs."""
    from rich.console import Console
    from rich.table import Table

    from extractor.evaluation.scoring import FIELDS

    console = Console(width=120)
    summary = Table(title=f"{report.articles} articles: {report.gold} gold, {report.predicted} predicted, {report.matched} matched")
    for column in ("precision", "recall", "F1", "evidence verbatim"):
        summary.add_column(column)
    summary.add_row(f"{report.precision:.3f}", f"{report.recall:.3f}", f"{report.f1:.3f}",
                    "-" if report.evidence_verbatim is None else f"{report.evidence_verbatim:.3f}")
    console.print(summary)
    fields = Table(title="field accuracy on matched pairs")
    for name in FIELDS:
        fields.add_column(name)
    fields.add_row(*("-" if report.field_accuracy[f] is None else f"{report.field_accuracy[f]:.2f}" for f in FIELDS))
    console.print(fields)


def _print_details(report: EvalReport, articles: list[GoldArticle], predicted: dict[str, list[FlatIncident] | None]) -> None:
    """One line per article: counts, the gold missed, the extra predicted, and each wrong field of
    a matched pair with both values ("place 'San Isidro' (gold) / 'Lima'")."""
    gold = {a.id: a.incidents for a in articles}
    for a in report.details:
        wrong = [f"{k} {_value(gold[a.id][p['gold']], k)!r} (gold) / {_value((predicted.get(a.id) or [])[p['predicted']], k)!r}"
                 for p in a.pairs for k, ok in p["fields"].items() if not ok]
        typer.echo(f"{a.id}: gold {a.gold}, predicted {a.predicted}, matched {a.matched}"
                   f"{'; missed gold ' + str(a.unmatched_gold) if a.unmatched_gold else ''}"
                   f"{'; extra predicted ' + str(a.unmatched_predicted) if a.unmatched_predicted else ''}"
                   f"{'; wrong: ' + ', '.join(wrong) if wrong else ''}")


def _value(incident: FlatIncident, field: str) -> Any:
    """The value a field of `extractor.evaluation.scoring` field accuracy compares (killed_low: the
    killed range's low end)."""
    if field in ("killed_low", "killed_high"):
        killed = incident.killed
        return None if killed is None else (killed.low if field == "killed_low" else killed.high or killed.low)
    if field == "wounded":
        return None if incident.wounded is None else (incident.wounded.low, incident.wounded.high)
    value = getattr(incident, field, None)
    return value.isoformat() if hasattr(value, "isoformat") else value


def report(
    results: Path = typer.Argument(..., help="Results JSONL: `extractor run` output or ExtractionResult lines (`extractor extract`)."),
    output: Path = typer.Option(..., "-o", "--output", help="The HTML file to write (one self-contained file)."),
    articles: list[Path] = typer.Option([], "--articles", help="The articles the results came from (folder, .txt, .jsonl, .csv, as given to `run`), to show the text with its evidence highlighted. Repeatable."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="A gold folder (fixtures/gold): mark each incident as matching gold or not, and list the gold incidents missed. Its articles' texts are used too."),
    text_column: str = typer.Option("text", "--text-column", help="JSONL/CSV column holding the article text."),
    id_column: str = typer.Option("id", "--id-column", help="JSONL/CSV column holding the article id."),
) -> None:
    """Write an HTML review page: each article's text with the evidence highlighted, beside its
    incident cards (date, place, type, actors, claims, fatality ranges, warnings). Click a card to
    highlight its evidence; filter by event type and country."""
    from extractor.evaluation.review import render_report
    from extractor.outputs.files import write_text_atomic

    texts, gold_articles, lines = _review_inputs(results, articles, gold, text_column, id_column)
    items = [_review_article(record, texts, gold_articles) for record in lines]
    write_text_atomic(output, render_report(items, title=f"extractor review: {results.name}"))
    shown = sum(1 for i in items if i.text is not None)
    typer.echo(f"wrote {output}: {len(items)} articles ({shown} with their text), "
               f"{sum(len(i.result.incidents) for i in items if i.result)} incidents", err=True)


def _review_inputs(results: Path, articles: list[Path], gold: Path | None, text_column: str,
                   id_column: str) -> tuple[dict[str, str], dict[str, GoldArticle], list[dict[str, Any]]]:
    """The article texts by id (the inputs', then the gold set's), the gold articles by id, and
    the results' records; unreadable files exit 2."""
    from extractor.evaluation.scoring import load_gold
    from extractor.runs.inputs import read_inputs

    try:
        texts = {i.id: i.text for i in read_inputs(articles, text_column=text_column, id_column=id_column) if i.text}
        gold_articles = {a.id: a for a in load_gold(gold)} if gold else {}
        lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        raise fail(exc, 2) from None
    texts.update({k: a.text for k, a in gold_articles.items() if k not in texts})
    return texts, gold_articles, lines


def _review_article(record: dict[str, Any], texts: dict[str, str], gold_articles: dict[str, GoldArticle]) -> ReviewArticle:
    """One results line as the review page shows it: its text only when the result's offsets
    point into it (same content hash)."""
    from extractor.records import ExtractionResult
    from extractor.text.article import content_hash

    if "state" in record:  # `extractor run` output
        result = ExtractionResult.model_validate(record["result"]) if record.get("result") else None
        error = None if result else f"{record['state']}: {record.get('error') or record.get('reason') or ''}"
        item_id = record["id"]
    else:
        result, error = ExtractionResult.model_validate(record), None
        item_id = result.article.id or result.article.sha256[:12]
    text = texts.get(item_id)
    if text is not None and result is not None and content_hash(text) != result.article.sha256:
        text = None  # not the text these offsets point into
    gold_incidents = gold_articles[item_id].incidents if item_id in gold_articles else None
    return ReviewArticle(id=item_id, text=text, result=result, error=error, gold=gold_incidents)
