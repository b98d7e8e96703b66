"""Language identification, offline (py3langid ships its model inside the package).

Only English is analysed; anything else is stored as ``skipped: language=xx`` rather than run
through English rules that would produce nonsense.
"""

from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 40


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; short texts are assumed English."""
    sample = text[:5000]
    if len(sample.strip()) < MIN_CHARS:
        return "en"
    lang, prob = _identifier().classify(sample)
    if lang != "en" and prob < 0.9:
        return "en"
    return str(lang)
