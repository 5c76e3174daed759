"""The coding rules: what the model copied, turned into coded values by deterministic code.
Dates against the dateline, casualty phrases and claims, fatality ranges, ACLED/UCDP event types,
actors, places and the gazetteer, and `incident` that ties them into one coded incident.

Pure functions of the article and the model's answer (no I/O beyond reading shipped tables).
May import: the foundation, `text`, `model.schema` (the coding input: the answer in its evidence shape), and this package.
"""
