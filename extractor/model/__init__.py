"""Asking the model: the answer schema the model fills in, the prompt templates, the backends
(instructor over OpenAI-compatible endpoints; recorded answers), HTTP transport and retries, the
embedded llama.cpp server, and the exchange log of every call.

Nothing here decides what an answer means: that is `coding`.
May import: the foundation, `text`, and this package. Provider SDKs are imported lazily, here only.
"""
