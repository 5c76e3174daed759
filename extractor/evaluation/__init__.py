"""Measuring: gold sets and their scoring (matching, precision/recall/F1, field accuracy), the
MUC-4 reader, and the review page that shows results beside the article and the gold.

May import: every earlier stage and this package.
"""
