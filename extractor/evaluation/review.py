"""A self-contained HTML review page: each article with its evidence highlighted, beside its incidents.

One file, no network: styles and the small script are inline, all text is escaped. Clicking an
incident card highlights its evidence spans (and a span selects its incidents); the filters hide
articles and cards by event type and country. Given gold incidents, each card says whether it
matches one, and the gold incidents no card matched are listed as misses.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

from extractor.evaluation.scoring import FlatIncident, flatten, match_incidents
from extractor.coding.events import EventType
from extractor.records import ExtractionResult, Incident

__all__ = ["ReviewArticle", "render_report"]


@dataclass(frozen=True)
class ReviewArticle:
    id: str
    text: str | None
    result: ExtractionResult | None = None
    error: str | None = None
    gold: Sequence[FlatIncident] | None = None


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#f6f6f4}
header{position:sticky;top:0;background:#263238;color:#fff;padding:8px 16px;z-index:2;display:flex;gap:16px;align-items:center}
header h1{font-size:16px;margin:0 16px 0 0}
header select{font-size:13px}
.article{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;margin:16px;padding:12px;background:#fff;border:1px solid #ddd;border-radius:6px}
.article h2{grid-column:1/-1;font-size:15px;margin:0}
.text{white-space:pre-wrap;font:13px/1.55 Georgia,serif;margin:0}
mark{background:#fff1a8;cursor:pointer;border-radius:2px}
mark.active{background:#ff9800;color:#000;outline:2px solid #e65100}
.card{border:1px solid #ccc;border-left:5px solid #90a4ae;border-radius:4px;padding:6px 10px;margin-bottom:8px;cursor:pointer}
.card.active{box-shadow:0 0 0 3px #ff9800}
.card.match{border-left-color:#2e7d32}.card.extra{border-left-color:#c62828}
.card h3{font-size:14px;margin:0 0 4px}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:0 8px;margin:0}
.card dt{color:#666}.card dd{margin:0}
.badge{font-size:11px;padding:1px 6px;border-radius:8px;color:#fff;background:#2e7d32}
.badge.extra{background:#c62828}
.warn{color:#8d6e00;font-size:12px}
.missed{border:1px dashed #c62828;padding:6px 10px;border-radius:4px;color:#c62828;margin-bottom:8px}
.error{color:#c62828}
.hidden{display:none}
"""

_JS = """
function select(id){
  document.querySelectorAll('mark.active,.card.active').forEach(e=>e.classList.remove('active'));
  document.querySelectorAll('[data-incidents~="'+id+'"]').forEach(e=>e.classList.add('active'));
  const card=document.getElementById(id); if(card){card.classList.add('active');}
}
document.addEventListener('click',ev=>{
  const card=ev.target.closest('.card'); if(card){select(card.id);return;}
  const mark=ev.target.closest('mark'); if(mark){select(mark.dataset.incidents.split(' ')[0]);}
});
function applyFilters(){
  const t=document.getElementById('filter-type').value, c=document.getElementById('filter-country').value;
  document.querySelectorAll('.article').forEach(a=>{
    let shown=0;
    a.querySelectorAll('.card').forEach(card=>{
      const ok=(!t||card.dataset.type===t)&&(!c||card.dataset.country===c);
      card.classList.toggle('hidden',!ok); shown+=ok;
    });
    a.classList.toggle('hidden',(t||c)&&!shown);
  });
}
document.getElementById('filter-type').addEventListener('change',applyFilters);
document.getElementById('filter-country').addEventListener('change',applyFilters);
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with each stretch covered by evidence wrapped in a <mark> naming all its incidents."""
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        ids = [i for s, e, i in spans if s <= start and end <= e]
        piece = _e(text[start:end])
        out.append(f'<mark data-incidents="{" ".join(dict.fromkeys(ids))}">{piece}</mark>' if ids else piece)
    return "".join(out)


def _range(casualties: object) -> str:
    if casualties is None:
        return "none reported"
    total = casualties.total  # type: ignore[attr-defined]
    if total.low == total.high:
        return str(total.low)
    return f"{total.low if total.low is not None else '?'}-{total.high if total.high is not None else '?'} (best {total.best})"


def _card(card_id: str, incident: Incident, status: str | None) -> str:
    where = ", ".join(dict.fromkeys(x for x in (incident.location.place, incident.location.admin2,
                                                 incident.location.admin1, incident.location.country) if x))
    kind = f"{incident.event_type.value if incident.event_type else '?'} / {incident.sub_event_type.value if incident.sub_event_type else '?'}"
    claims = "".join(
        f"<li>{_e(c.claimant)} ({_e(c.side)}): "
        f"{'killed ' + _e(c.killed.text) if c.killed else ''}{'; ' if c.killed and c.wounded else ''}"
        f"{'wounded ' + _e(c.wounded.text) if c.wounded else ''}{' — ' + _e(c.victims) if c.victims else ''}"
        f"{' <em>(not in evidence, not counted)</em>' if not c.in_evidence else ''}</li>"
        for c in incident.claims
    )
    badge = {"match": '<span class="badge">matches gold</span>',
             "extra": '<span class="badge extra">not in gold</span>'}.get(status or "", "")
    warnings = "".join(f'<div class="warn">⚠ {_e(w)}</div>' for w in incident.warnings)
    date = incident.date.value.isoformat() if incident.date.value else f"unresolved ({incident.date.text})"
    return (
        f'<div class="card {status or ""}" id="{card_id}" data-type="{_e(incident.event_type.value if incident.event_type else "")}" '
        f'data-country="{_e(incident.location.country)}"><h3>{_e(date)} · {_e(where)} {badge}</h3><dl>'
        f"<dt>type</dt><dd>{_e(kind)}</dd>"
        f"<dt>who</dt><dd>{_e(', '.join(a.canonical for a in incident.perpetrators) or '?')} → "
        f"{_e(', '.join(a.canonical for a in incident.targets) or '?')}</dd>"
        f"<dt>killed</dt><dd>{_e(_range(incident.fatalities))}</dd><dt>wounded</dt><dd>{_e(_range(incident.injuries))}</dd>"
        f"<dt>date from</dt><dd>{_e(incident.date.text)} ({_e(incident.date.precision)})</dd>"
        f"<dt>evidence</dt><dd>{len(incident.evidence)} span(s)</dd></dl>"
        f"{'<ul>' + claims + '</ul>' if claims else ''}{warnings}</div>"
    )


def _article(index: int, item: ReviewArticle) -> str:
    result = item.result
    incidents = list(result.incidents) if result else []
    status: dict[int, str] = {}
    missed = ""
    if item.gold is not None and result is not None:
        pairs = match_incidents(list(item.gold), [flatten(i) for i in incidents])
        matched_pred = {p for _, p in pairs}
        status = {n: "match" if n in matched_pred else "extra" for n in range(len(incidents))}
        misses = [g for n, g in enumerate(item.gold) if n not in {g for g, _ in pairs}]
        missed = "".join(
            f'<div class="missed">missed gold incident: {_e(g.date)} · '
            f'{_e(", ".join(x for x in (g.place, g.admin2, g.admin1) if x))} · {_e(g.event_type)}</div>' for g in misses)
    ids = [f"a{index}-i{n}" for n in range(len(incidents))]
    spans = [(s.start, s.end, ids[n]) for n, i in enumerate(incidents) for s in i.evidence]
    if item.text is None:
        body = '<p class="error">article text not available: pass the articles (--articles) to see the evidence</p>'
    else:
        body = f'<pre class="text">{_highlight(item.text, spans)}</pre>'
    cards = "".join(_card(ids[n], i, status.get(n)) for n, i in enumerate(incidents))
    if item.error:
        cards = f'<p class="error">{_e(item.error)}</p>'
    elif not incidents:
        cards = "<p>No incidents.</p>"
    types = " ".join(sorted({i.event_type.value for i in incidents if i.event_type}))
    title = f"{_e(item.id)} — {len(incidents)} incident(s)"
    if result and result.rejected:
        title += f", {len(result.rejected)} not grounded"
    return (f'<section class="article" id="article-{index}" data-types="{types}"><h2>{title}</h2>'
            f"<div>{body}</div><div>{missed}{cards}</div></section>")


def render_report(articles: Sequence[ReviewArticle], title: str = "extractor review") -> str:
    incidents = [i for a in articles if a.result for i in a.result.incidents]
    types = [t.value for t in EventType]
    countries = sorted({i.location.country for i in incidents if i.location.country})
    options = lambda values, label: f'<option value="">all {label}</option>' + "".join(  # noqa: E731
        f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{_CSS}</style></head><body><header><h1>{_e(title)}</h1>"
        f"<span>{len(articles)} articles · {len(incidents)} incidents</span>"
        f'<label>type <select id="filter-type">{options(types, "types")}</select></label>'
        f'<label>country <select id="filter-country">{options(countries, "countries")}</select></label></header>'
        + "".join(_article(n, a) for n, a in enumerate(articles))
        + f"<script>{_JS}</script></body></html>"
    )
