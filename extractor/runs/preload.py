"""Imported once by the batch workers' fork server (`extractor.runs.workers`), never by users:
the SDKs and the coding layer's tables (gazetteer, countries, date parser) are loaded here,
before any worker is forked, so that each starts working at once."""

from __future__ import annotations


def _warm() -> None:
    from extractor.pipeline import Extractor
    from extractor.model.backends import RecordedBackend, import_sdks
    from extractor.settings import Settings

    import_sdks()

    sentence = "Gunmen killed three police officers in Kunduz province on Tuesday, a police spokesman said."
    reply = {"incidents": [{"summary": "Gunmen killed three police officers.", "when": "on Tuesday",
                            "province": "Kunduz province", "perpetrators": ["Gunmen"], "targets": ["police officers"],
                            "event_type": "battle",
                            "claims": [{"claimant": "a police spokesman", "killed": "three", "victims": "police officers"}],
                            "evidence": [sentence]}]}
    extractor = Extractor(Settings.from_env(env={}, log="off"), backend=RecordedBackend("warm-up", "none"))
    extractor.code_output(f"KABUL, Jan. 29 (Wire) -- {sentence}", reply, published="2020-01-29")


from extractor.errors import one_line_warnings  # noqa: E402

one_line_warnings()  # the workers print warnings as the command line does: one line each

try:
    _warm()
except Exception:  # noqa: BLE001 - warming only saves time; a worker loads what it needs anyway
    pass
