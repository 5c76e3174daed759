"""Reading the article's text, before any model: the article's checks and metadata, sentences,
locating a quote in the text (spans into the text as given), and parsing a count as written.

Both the model stage (its answer validators) and the coding stage read text through here.
May import: the foundation (`errors`, `settings`, `records`) and this package.
"""
