"""Finding the guide section that answers a question such as "kagle gpu limit".

A small keyword index over the guide: section titles count three times, typos are forgiven by
matching each query word to the closest word the guide uses (rapidfuzz), and rare words weigh more
than common ones (inverse document frequency).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

from ..pack.core import GuideWords, Pack
from ..pack.guide import Section, squash
from ..record import Record

_WORD = re.compile(r"[a-z0-9][a-z0-9+.-]*")


_HOW_MUCH = re.compile(r"how much(?=\s*(?:$|[?.!]|(?:does|do|is|are|will|would|for|to|money)\b))")


_POSSESSIVE = re.compile(r"['’]s\b")


def words(text: str, vocabulary: GuideWords, stop: frozenset[str]) -> list[str]:
    """The guide's words of a text: lower case, the pack's phrases and synonyms read as the guide's
    words, its ``stop`` words (the vocabulary's, as a set) left out."""
    out = []
    text = text.lower()
    # "how much" asks a price unless it names what it measures ("how much ram")
    text = _HOW_MUCH.sub("price", text)
    text = _POSSESSIVE.sub("", text)  # ("what's", "colab's")
    for phrase, meaning in vocabulary.phrases.items():
        text = text.replace(phrase, meaning)
    for w in _WORD.findall(text):
        w = w.strip(".-")
        w = vocabulary.synonyms.get(w, w)
        if w and w not in stop:
            out.append(w)
    return out


_VOWELS = set("aeiouy")


def stem(word: str) -> str:
    """A word without its ending, so that forms of one word meet: 'guarantees', 'guaranteed' and
    'guarantee' are one word, and so are 'mounting' and 'mount' or 'memories' and 'memory'."""
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and not word.endswith("ss") and len(word) - len(ending) >= 3:
            root = word[: -len(ending)]
            if set(root) & _VOWELS:
                word = root
                break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS | {"l", "s"}:
        word = word[:-1]  # 'running' -> 'run'
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def _stemmed(found: list[str], keep: set[str], synonyms: dict[str, str]) -> list[str]:
    """Each word without its ending ('costing' -> 'cost', then its synonym), except names (``keep``)."""
    return [w if w in keep else synonyms.get(stemmed := stem(w), stemmed) for w in found]


class Hit(Record):
    section: Section
    score: float
    passage: str


def service_names(pack: Pack) -> dict[str, str]:
    """Each other name the pack gives a service ('aws', 'gemini platform') -> the service id's words."""
    return {
        alias.lower(): service.id.replace("-", " ") for service in pack.services for alias in service.aliases if alias
    }


class GuideIndex:
    def __init__(self, pack: Pack):
        self.sections = list(pack.sections.values())
        names = service_names(pack)
        alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
        self._names = names
        self._named = re.compile(rf"(?<![\w+])(?:{alternatives})(?![\w+])", re.I) if names else None
        self.vocabulary = pack.info.guide_words
        self.stop = frozenset(self.vocabulary.stop)
        self.compare = set(self.vocabulary.compare)
        # (names, which are also never stemmed: 'kaggle' is no form of 'kaggl')
        self.entities = set(self.vocabulary.headings) | {w for service in pack.services for w in service.id.split("-")}
        # a question that names only a service ("what is colab") wants its overview section
        self.overview: dict[str, int] = {}
        ids = [s.id for s in self.sections]
        for service in pack.services:
            if service.guide in ids:
                for w in self.words(
                    service.name + " " + service.id.replace("-", " ") + " " + " ".join(service.aliases)
                ):
                    self.overview.setdefault(w, ids.index(service.guide))
        self.tf: list[dict[str, float]] = []
        self.titles = [set(self.words(s.title + " " + s.id.replace("-", " "))) for s in self.sections]
        df: dict[str, int] = {}
        for s in self.sections:
            counts: dict[str, float] = {}
            for w in self.words(s.title + " " + s.id.replace("-", " ")):
                counts[w] = counts.get(w, 0) + 3
            for w in self.words(s.body):
                counts[w] = counts.get(w, 0) + 1
            self.tf.append(counts)
            for w in counts:
                df[w] = df.get(w, 0) + 1
        n = len(self.sections)
        self.idf = {w: math.log(1 + n / d) for w, d in df.items()}
        self.vocab = list(self.idf)

    def words(self, text: str) -> list[str]:
        """The index's words of a text, each other name of a service read as the service."""
        if self._named is not None:
            text = self._named.sub(lambda m: " " + self._names[m.group(0).lower()] + " ", text)
        return _stemmed(words(text, self.vocabulary, self.stop), self.entities, self.vocabulary.synonyms)

    def _resolve(self, word: str) -> tuple[str, float] | None:
        if word in self.idf:
            return word, 1.0
        if len(word) < 4:
            return None
        best = process.extractOne(word, self.vocab, scorer=fuzz.ratio, score_cutoff=80)
        if best is None:
            return None
        return best[0], best[1] / 100

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        terms = [r for w in self.words(query)[:30] if (r := self._resolve(w)) is not None]
        if not terms:
            return []
        scored: list[tuple[float, int]] = []
        names = {t for t, _ in terms}
        only_names = names <= set(self.overview) and len(names) <= 2
        services = {self.overview[t] for t in names if t in self.overview}
        comparing = (
            names & set(self.overview)
            if len(services) >= 2 and self.compare & set(re.findall(r"[a-z]+", query.lower()))
            else set()
        )
        for i, counts in enumerate(self.tf):
            score = 0.0
            matched = 0
            for term, closeness in terms:
                tf = counts.get(term, 0)
                if tf:
                    matched += 1
                    score += closeness * self.idf[term] * (1 + math.log(tf))
            if matched:
                # sections that cover more of the query's words win, and those titled with a
                # service the query names
                score *= matched / len(terms)
                named = names & self.entities
                if named and named & self.titles[i] and not comparing:
                    score *= 2.0
                elif not names & set(self.overview) and self.titles[i] & set(self.overview):
                    score *= 0.7  # a question naming no service: first the sections about them all
                # the query's words in a section's title say what the section is about (when it
                # compares services, the names do not: the section that covers them all does)
                titled = (names - comparing) & self.titles[i]
                score *= 1 + 0.8 * len(titled) / len(names)
                if only_names and any(self.overview.get(t) == i for t in names):
                    score *= 3.0
                if comparing:
                    # "which is cheaper, colab pro or kaggle": the section that covers all of them
                    score *= 1 + sum(1 for t in comparing if counts.get(t)) / len(comparing)
                scored.append((score, i))
        scored.sort(reverse=True)
        return [
            Hit(self.sections[i], s, best_passage(self.sections[i], [t for t, _ in terms], self.words))
            for s, i in scored[:limit]
        ]


def best_passage(section: Section, terms: list[str], split: Callable[[str], list[str]]) -> str:
    """The sentence of the section that mentions most of the query's words (a verbatim quote)."""
    text = squash(re.sub(r"```.*?```", " ", section.body, flags=re.S))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    if not sentences:
        return text
    wanted = set(terms)

    if wanted <= set(split(section.title + " " + section.id.replace("-", " "))):
        # a question about the topic as a whole ("what is colab pro"): the section's opening
        opening = sentences[0]
        for more in sentences[1:]:
            if len(opening) + len(more) > 260:
                break
            opening += " " + more
        return opening
    scores = [len(wanted & set(split(s))) for s in sentences]
    top = max(scores)
    if top == 0:
        return sentences[0]
    # the earliest sentence that mentions the most query words (sections open with their point),
    # with the next sentence when it is short enough to give context
    i = scores.index(top)
    passage = sentences[i]
    if i + 1 < len(sentences) and len(passage) + len(sentences[i + 1]) <= 260:
        passage += " " + sentences[i + 1]
    return passage


def index_for(pack: Pack) -> GuideIndex:
    return pack.derived.once("guide-index", lambda: GuideIndex(pack))
