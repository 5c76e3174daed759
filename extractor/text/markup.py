"""HTML as the text a person sees, with the offset in the HTML of every character of that text.

Articles scraped from the web arrive as a `<p>` body, a whole page with navigation and scripts,
or plain text with character references (`Kabul&#8217;s`, `&nbsp;`). The model reads, and the
coding rules work on, what a browser would show; evidence offsets must still index what the
user gave. Libraries that render HTML to text (selectolax, lxml, BeautifulSoup, inscriptis)
drop the source positions, so the tokenizing is done by the standard library's
`html.parser.HTMLParser` (the tokenizer BeautifulSoup uses by default), whose `getpos()` gives
each token's place in the source, and entities are decoded by `html.unescape`. What is ours is
only which elements a person does not see and where blocks break:

- not shown: `head`, `title`, `script`, `style`, `noscript`, `template`, `nav`, `aside`,
  `footer`, `form`, `button`, `select`, `svg`, `iframe`, `object`, `canvas`, and any element
  with the `hidden` attribute, `aria-hidden="true"` or an inline `display:none` /
  `visibility:hidden` style;
- a block element (`p`, `div`, `h1`-`h6`, `li`, `tr`, `article`, `section`, `blockquote`, ...)
  starts a new paragraph (a blank line), `<br>` a new line; runs of white space inside text
  are one space, except in `pre`.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["looks_like_html", "has_entities", "visible_text", "decode_entities"]

_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|br|a|b|i|u|em|strong|small|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th"
    r"|article|section|main|header|footer|nav|aside|figure|figcaption|blockquote|pre|img|meta|link|title|script|style"
    r"|noscript|iframe|form|button|time|abbr|cite|q|sup|sub|hr|wbr)\b[^<>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_ENTITY_AT = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*);?")
_HIDDEN = frozenset({
    "head", "title", "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select",
    "svg", "iframe", "object", "canvas",
})
_BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "article",
    "section", "main", "header", "blockquote", "pre", "figure", "figcaption", "hr", "address", "body", "html",
})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "area", "base", "col", "embed", "source", "track"})
_INVISIBLE_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

Mapped = tuple[str, list[int], list[int]]


def looks_like_html(text: str) -> bool:
    """True when `text` holds HTML tags (of elements that news pages use), not just a '<' or two."""
    return _TAG.search(text) is not None


def has_entities(text: str) -> bool:
    """True when `text` holds HTML character references (`&amp;`, `&#8217;`, `&#x2019;`)."""
    return _ENTITY.search(text) is not None


def decode_entities(text: str) -> Mapped:
    """Plain text with its character references decoded: (text, starts, ends), each character's
    [start, end) in `text`. Everything else, line breaks included, is kept as it is."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for m in _ENTITY.finditer(text):
        _keep(out, starts, ends, text, last, m.start())
        _put(out, starts, ends, html.unescape(m.group(0)), m.start(), m.end())
        last = m.end()
    _keep(out, starts, ends, text, last, len(text))
    return "".join(out), starts, ends


def _keep(out: list[str], starts: list[int], ends: list[int], text: str, begin: int, end: int) -> None:
    out.append(text[begin:end])
    starts.extend(range(begin, end))
    ends.extend(range(begin + 1, end + 1))


def _put(out: list[str], starts: list[int], ends: list[int], chars: str, begin: int, end: int) -> None:
    out.append(chars)
    starts.extend([begin] * len(chars))
    ends.extend([end] * len(chars))


def visible_text(source: str) -> Mapped:
    """The text a person sees in the HTML `source`: (text, starts, ends), each character's
    [start, end) in `source` (a decoded entity covers the whole reference; a paragraph break
    stands at the tag that makes it and covers nothing)."""
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    return "".join(reader.out), reader.starts, reader.ends


class _Reader(HTMLParser):
    """Collects visible text; each handler reads its token's source offset from `getpos()`."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.hidden: list[str] = []  # open elements a person does not see
        self.pre = 0
        self.pending = ""  # a paragraph or line break owed before the next visible character
        self.space = False  # a space owed before the next visible character

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _break(self, kind: str) -> None:
        if self.out and len(kind) > len(self.pending):
            self.pending = kind
        self.space = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closes=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closes=True)

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], closes: bool) -> None:
        if self.hidden:
            if not closes and tag not in _VOID:
                self.hidden.append(tag)
            return
        attr = dict(attrs)
        unseen = (tag in _HIDDEN or "hidden" in attr or (attr.get("aria-hidden") or "").lower() == "true"
                  or bool(_INVISIBLE_STYLE.search(attr.get("style") or "")))
        if unseen and not closes and tag not in _VOID:
            self.hidden.append(tag)
            return
        if tag == "br":
            self._break("\n")
        elif tag in _BLOCK:
            self._break("\n\n")
        if tag == "pre" and not closes:
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag in self.hidden:
                while self.hidden.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self._break("\n\n")
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.hidden or not data:
            return
        start = self._offset()
        if self.pre:
            self._emit_pending(start)
            _keep(self.out, self.starts, self.ends, self.source, start, start + len(data))
            return
        for m in re.finditer(r"\S+|\s+", data):
            if m.group(0)[0].isspace():
                self.space = bool(self.out) and not self.pending
                continue
            self._emit_pending(start + m.start())
            _keep(self.out, self.starts, self.ends, self.source, start + m.start(), start + m.end())

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _reference(self) -> None:
        if self.hidden:
            return
        start = self._offset()
        m = _ENTITY_AT.match(self.source, start)
        end = m.end() if m else start + 1
        chars = html.unescape(self.source[start:end])
        if chars.isspace() and not self.pre:  # &nbsp; between words is a space like any other
            self.space = bool(self.out) and not self.pending
            return
        self._emit_pending(start)
        _put(self.out, self.starts, self.ends, chars, start, end)

    def _emit_pending(self, at: int) -> None:
        owed = self.pending or (" " if self.space else "")
        if owed:
            _put(self.out, self.starts, self.ends, owed, at, at)
        self.pending, self.space = "", False

