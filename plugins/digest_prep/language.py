"""Stage 3 helper: the language of an article, detected from its body.

py3langid ships its model inside the package (no download); loading it
takes a few seconds, so it is loaded once per process, on first use (the
conversion's worker processes inherit it when it was loaded before they
were forked).
"""
from __future__ import annotations

import itertools
import re
from typing import Any

# The languages a detection may name: the digest's own (en, fr, es, de, pt,
# ar, ru, tr, zh) and the other widely published ones. Fewer choices than
# the model's 97 keep short texts from being given a near neighbour
# (Arabic read as Moroccan Arabic, Spanish as Galician).
LANGUAGES = (
    "en", "fr", "es", "de", "pt", "ar", "ru", "tr", "zh", "it", "nl", "pl", "sv", "da", "no",
    "fi", "cs", "sk", "hu", "ro", "bg", "uk", "el", "he", "fa", "ur", "hi", "bn", "ta", "id",
    "ms", "vi", "th", "ja", "ko", "sw", "ku", "hr", "sr", "sl", "lt", "lv", "et", "ca", "tl",
)
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ku", "sd", "ug", "dv"})
# Language codes a page or an editor may give: ISO 639-1, and the few
# ISO 639-3 codes of languages the site sets right to left (digest_site).
LANGUAGE_CODES = frozenset("""
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu ckb
""".split())
# A BCP 47 tag of the shape the site needs: language, then an optional
# script ("Latn") and region ("GB", "419"); "_" is read as "-".
LANGUAGE_TAG = re.compile(r"(?i)([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|[0-9]{3}))?")
# Characters of body read: enough for a sure answer, bounded cost per article.
SAMPLE_CHARS = 1500
# A detection this sure wins over the language the page's markup declares
# (pages carry their template's lang="en" whatever they hold).
SURE = 0.90
# Below this a detection is no answer.
MIN_CONFIDENCE = 0.50

_IDENTIFIER: list[Any] = []


def load_identifier() -> Any:
    """Nothing in; the language identifier, loaded on first call, out."""
    if not _IDENTIFIER:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # with its model, on first use
        identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(LANGUAGES))
        _IDENTIFIER.append(identifier)
    return _IDENTIFIER[0]


def detect_language(text: str) -> tuple[str | None, float]:
    """Body text in; (ISO 639-1 code, confidence) out, (None, 0.0) when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    # the 20th letter, if there is one: no need to count the letters after it
    if next(itertools.islice(filter(str.isalpha, sample), 19, None), None) is None:
        return None, 0.0
    code, confidence = load_identifier().classify(sample)
    return str(code), float(confidence)


def choose_language(body: str, declared: str | None) -> tuple[str | None, str | None]:
    """Body text and the language the markup or sidecar declares in; (code, "body" or "markup") out."""
    declared = declared.split("-")[0].split("_")[0].lower() if declared else None
    code, confidence = detect_language(body)
    if code is not None and (confidence >= SURE or (declared is None and confidence >= MIN_CONFIDENCE)):
        return code, "body"
    if declared:
        return declared, "markup"
    return None, None


def text_direction(code: str | None) -> str | None:
    """Language code in; "rtl" for a right-to-left language, else None."""
    return "rtl" if code in RTL_LANGUAGES else None


def clean_lang(value: Any) -> str | None:
    """A language tag as given ("ar", "en_GB", "EN-gb") in; it normalised ("en-GB"), or None if unknown."""
    match = LANGUAGE_TAG.fullmatch(str(value).strip().replace("_", "-"))
    if not match or match.group(1).lower() not in LANGUAGE_CODES:
        return None
    language, script, region = match.groups()
    return "-".join(part for part in (language.lower(), script and script.title(),
                                      region and region.upper()) if part)
