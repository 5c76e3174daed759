"""The two-pass variant of issue 12 (benchmarks only): first which sentences report incidents and how
they group, then each incident's fields from its own sentences alone, with a short prompt.

Both passes answer in the pointed shape (`PointedExtraction`): pass 1 gives incidents with
sentence numbers only; pass 2 is shown one group's sentences (with the article's numbers) and its
first incident's fields are kept, with pass 1's sentences.
"""

from __future__ import annotations

from typing import Any

from extractor import Extractor
from extractor.model.prompts import Prompts
from extractor.model.pointed import PointedExtraction, PointedIncident, Pointing
from extractor.text.sentences import number_sentences


class TwoPass:
    def __init__(self, extractor: Extractor, fields: Prompts) -> None:
        self.extractor, self.fields = extractor, fields

    def __call__(self, article: Any) -> dict[str, Any]:
        backend, numbered = self.extractor.backend, number_sentences(article.text)
        groups = backend.complete(self.extractor.prompts.messages(numbered.render()), Pointing.whole(numbered))
        usage, warnings, incidents = groups.usage, list(groups.warnings), []
        for group in groups.extraction.incidents:
            shown = sorted(group.sentences)
            reply = backend.complete(self.fields.messages(numbered.render(shown)), Pointing(numbered, frozenset(shown)))
            usage, warnings = usage + reply.usage, warnings + reply.warnings
            found = reply.extraction.incidents
            fields = found[0].model_dump(exclude={"sentences"}) if found else {}
            incidents.append(PointedIncident(**fields, sentences=shown))
        output = PointedExtraction(incidents=incidents).model_dump(mode="json", exclude_none=True)
        version = self.extractor.prompts.version + "+" + self.fields.version
        return {"output": output, "warnings": warnings, "prompt_tokens": usage.prompt_tokens,
                "completion_tokens": usage.completion_tokens, "requests": usage.requests, "prompt_version": version}


__all__ = ["TwoPass"]
