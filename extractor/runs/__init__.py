"""Many articles: reading input files, the SQLite run store (resume, one outcome per article),
the concurrent runner and its worker processes, token prices and budgets, and the OpenAI Batch
API path (prepare, submit, fetch, collect).

May import: every earlier stage (`pipeline.Extractor`'s public `aask` / `code`, `outputs`) and
this package.
"""
