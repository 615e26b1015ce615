"""Synthetic P/CVE prose in English, French and Arabic, from library.sample_vocabulary.

Pure functions of a ``random.Random``: the same generator state always gives the same text.
Used by the search benchmark's library (bench.corpus), the extraction benchmark's sample PDFs and
the demo library of `make run` (library.demo_library). Pages are Zipf-sampled domain words cut
into sentences and paragraphs: the rhythm and word frequencies of real reports, not their sense.
"""

# ruff: noqa: S311  (reproducible synthetic text, not secrets)
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

from library.sample_vocabulary import VOCAB

LANGUAGES = ("en", "fr", "ar")
WORDS_PER_PAGE = (250, 480)
FUNCTION_SHARE = 0.45
MID_PROBABILITY = (0.04, 0.35)  # per document, log-uniform over the mid tier
RARE_PROBABILITY = (0.001, 0.025)

_TASHKEEL_MARKS = ("\u064e", "\u064f", "\u0650", "\u0652", "\u0651")
_ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x064B)}


def zipf_cum(n: int, exponent: float = 1.0, total: float = 1.0) -> list[float]:
    """Cumulative Zipf weights of ranks 1..n summing to `total` (for ``random.choices``)."""
    weights = [1 / (rank**exponent) for rank in range(1, n + 1)]
    scale = total / sum(weights)
    return list(itertools.accumulate(w * scale for w in weights))


def _log_spread(n: int, low: float, high: float) -> list[float]:
    """n probabilities from high down to low, evenly spaced on a log scale."""
    if n == 1:
        return [high]
    ratio = (low / high) ** (1 / (n - 1))
    return [high * ratio**i for i in range(n)]


def diacritise(text: str, rng: random.Random) -> str:
    """Arabic with tashkeel: a mark after roughly half of the letters."""
    out = []
    for ch in text:
        out.append(ch)
        if ch in _ARABIC_LETTERS and rng.random() < 0.5:
            out.append(rng.choice(_TASHKEEL_MARKS))
    return "".join(out)


@dataclass
class LanguageModel:
    """Sampling tables of one language."""

    language: str
    population: list[str]
    cum_weights: list[float]
    population_tashkeel: list[str]
    mid: list[tuple[str, float]]
    rare: list[tuple[str, float]]
    core: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, language: str) -> LanguageModel:
        vocab = VOCAB[language]
        function, core = vocab["function"], vocab["core"]
        cum_f = zipf_cum(len(function), 1.0, FUNCTION_SHARE)
        cum_c = zipf_cum(len(core), 1.0, 1 - FUNCTION_SHARE)
        cum = cum_f + [FUNCTION_SHARE + c for c in cum_c]
        population = function + core
        rng = random.Random(f"tashkeel-{language}")
        tashkeel = (
            [diacritise(w, rng) for w in population] if language == "ar" else list(population)
        )
        mid = list(zip(vocab["mid"], _log_spread(len(vocab["mid"]), *MID_PROBABILITY), strict=True))
        rare = list(
            zip(vocab["rare"], _log_spread(len(vocab["rare"]), *RARE_PROBABILITY), strict=True)
        )
        # Interleave probabilities with the list order so neighbours differ (a word's rank in
        # the list is not its frequency), reproducibly.
        shuffler = random.Random(f"tiers-{language}")
        probabilities = [p for _w, p in mid]
        shuffler.shuffle(probabilities)
        mid = [(w, p) for (w, _p), p in zip(mid, probabilities, strict=True)]
        probabilities = [p for _w, p in rare]
        shuffler.shuffle(probabilities)
        rare = [(w, p) for (w, _p), p in zip(rare, probabilities, strict=True)]
        return cls(language, population, cum, tashkeel, mid, rare, core)


MODELS = {language: LanguageModel.build(language) for language in LANGUAGES}


def _sentences(tokens: list[str], rng: random.Random, language: str) -> str:
    """Cut tokens into sentences and paragraphs."""
    out: list[str] = []
    i, n = 0, len(tokens)
    stop = "."
    in_paragraph = 0
    while i < n:
        j = min(n, i + rng.randint(8, 22))
        sentence = " ".join(tokens[i:j])
        if language != "ar":
            sentence = sentence[:1].upper() + sentence[1:]
        out.append(sentence + stop)
        in_paragraph += 1
        if in_paragraph >= rng.randint(4, 7):
            out.append("\n")
            in_paragraph = 0
        i = j
    return " ".join(out).replace(" \n ", "\n").strip()


def page_texts(
    rng: random.Random,
    language: str,
    page_count: int,
    topic_words: list[str],
    *,
    tashkeel: bool = False,
    words_per_page: tuple[int, int] = WORDS_PER_PAGE,
) -> list[str]:
    """The body text of one document: `page_count` pages of Zipf-sampled domain prose.

    `topic_words` (the document's mid/rare subjects and its title topic) are spread over pages.
    """
    model = MODELS[language]
    population = model.population_tashkeel if tashkeel else model.population
    pages: list[list[str]] = []
    for _ in range(page_count):
        k = rng.randint(*words_per_page)
        pages.append(rng.choices(population, cum_weights=model.cum_weights, k=k))
    for word in topic_words:
        page = pages[rng.randrange(page_count)]
        page.insert(rng.randrange(len(page) + 1), word)
    return [_sentences(tokens, rng, language) for tokens in pages]


def pick_topic_words(rng: random.Random, language: str) -> list[str]:
    """The mid and rare subjects of one document, each repeated 1-4 times."""
    model = MODELS[language]
    words: list[str] = []
    for word, probability in model.mid:
        if rng.random() < probability:
            words.extend([word] * rng.randint(1, 4))
    for word, probability in model.rare:
        if rng.random() < probability:
            words.extend([word] * rng.randint(1, 3))
    return words


def summary_text(rng: random.Random, language: str, topic: str, subjects: list[str]) -> str:
    model = MODELS[language]
    tokens = rng.choices(model.population, cum_weights=model.cum_weights, k=rng.randint(25, 45))
    for word in [topic, *subjects[:3]]:
        tokens.insert(rng.randrange(len(tokens) + 1), word)
    return _sentences(tokens, rng, language).replace("\n", " ")


def weighted_sample(rng: random.Random, items: list[int], cum: list[float], k: int) -> list[int]:
    """`k` different items, each drawn with the weights of `cum` (cumulative)."""
    chosen: list[int] = []
    while len(chosen) < k:
        item = rng.choices(items, cum_weights=cum, k=1)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen
