"""What users take away: ACLED- and UCDP-shaped rows of coded incidents, and the files they are
written to (JSON Lines, CSV, Parquet), each written atomically.

May import: the foundation, earlier stages' value types, and this package; never `runs`
(writers take the run's records, not its store).
"""
