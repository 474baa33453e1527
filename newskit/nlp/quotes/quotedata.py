"""The quote finder's language data, typed: :class:`QuoteData` (``QuoteData.load(folder, document)``).

Read from the quotes component's folder (``models/en/quotes/``, or a saved pipeline's copy):
``quotes.json`` (cue verbs, source and role nouns, pronoun classes: :class:`QuoteWords`),
``coref.json`` (the speaker resolver's pronouns, titles and nouns: :class:`CorefWords`) and
``speakers.json`` (the speaker ranker's learned weights); and from the shared
:class:`~newskit.nlp.data.DocumentData`: speech verbs, titles, the paragraph dateline
pattern and given-name gender. Derived tables (word sets, string-store ids of the cue
words) are built here or lazily on the instance, never in a module global.

Limits: English only (the folder's files); ``_doc`` keys of the files explain each list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, FrozenSet, Mapping, Tuple

from newskit.nlp.data import DocumentData, read_json
from newskit.nlp.givennames import GivenNames
from .ranker import Ranker

__all__ = ["QuoteData", "QuoteWords", "CorefWords", "VERB_TAGS", "SUBJ"]

# spaCy's English tags and labels the steps read
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
SUBJ = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class QuoteWords:
    """The quote finder's word lists (``quotes.json``; speech verbs shared, from ``DocumentData``)."""

    speech: FrozenSet[str]
    belief: FrozenSet[str]
    partial: FrozenSet[str]          # partial cues and the speech verbs
    cues: FrozenSet[str]             # speech, belief and infinitive cues
    naming: FrozenSet[str]
    infinitive: FrozenSet[str]
    not_labels: FrozenSet[str]
    source_nouns: FrozenSet[str]
    publish: FrozenSet[str]
    owner_preps: FrozenSet[str]
    roles: FrozenSet[str]
    male: FrozenSet[str]             # (he, she: the resolver's lists, ``coref.json``)
    female: FrozenSet[str]
    plural: FrozenSet[str]
    first: FrozenSet[str]
    first_singular: FrozenSet[str]
    responses: FrozenSet[str]
    non_speaker: FrozenSet[str]
    evidence: FrozenSet[str]
    communications: FrozenSet[str]
    person_nouns: FrozenSet[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any], speech: FrozenSet[str], coref: "CorefWords") -> "QuoteWords":
        def words(key: str) -> FrozenSet[str]:
            return frozenset(data[key])

        infinitive = words("infinitive_cues")
        return cls(speech=speech, belief=words("belief_verbs"), partial=words("partial_cues") | speech,
                   cues=speech | words("belief_verbs") | infinitive, naming=words("naming_verbs"),
                   infinitive=infinitive, not_labels=words("not_speaker_labels"), source_nouns=words("source_nouns"),
                   publish=words("publish_verbs"), owner_preps=words("owner_preps"), roles=words("roles"),
                   male=coref.male, female=coref.female, plural=words("plural_pronouns"),
                   first=words("first_person"), first_singular=words("first_person_singular"),
                   responses=words("response_nouns"), non_speaker=words("non_speaker_pronouns"),
                   evidence=words("evidence_verbs"), communications=words("communication_nouns"),
                   person_nouns=words("person_nouns"))

    def publishes(self, verb) -> bool:
        """Whether a verb token puts a document out ("issued", "put out", "sent out"): its
        lemma, or its lemma and particle, is a publish verb."""
        lemma = verb.lemma_.lower()
        return lemma in self.publish or any(
            c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.publish for c in verb.children)


@dataclass(frozen=True)
class CorefWords:
    """The speaker resolver's word lists (``coref.json``; titles shared, from ``DocumentData``)."""

    male: FrozenSet[str]
    female: FrozenSet[str]
    plural: FrozenSet[str]
    neuter: FrozenSet[str]
    male_titles: FrozenSet[str]
    female_titles: FrozenSet[str]
    aliases: Mapping[str, str]
    determiners: FrozenSet[str]
    place_preps: FrozenSet[str]
    titles: FrozenSet[str]           # titles before a name ("Sen.", "Chief"): shared ones and the gendered
    org_nouns: FrozenSet[str]
    government_nouns: FrozenSet[str]
    agent_suffixes: Tuple[str, ...]

    @classmethod
    def from_json(cls, d: Mapping[str, Any], titles: Tuple[str, ...]) -> "CorefWords":
        male_titles, female_titles = frozenset(d["male_titles"]), frozenset(d["female_titles"])
        return cls(male=frozenset(d["male_pronouns"]), female=frozenset(d["female_pronouns"]),
                   plural=frozenset(d["plural_pronouns"]), neuter=frozenset(d["neuter_pronouns"]),
                   male_titles=male_titles, female_titles=female_titles, aliases=dict(d["title_aliases"]),
                   determiners=frozenset(d["definite_determiners"]), place_preps=frozenset(d["place_prepositions"]),
                   titles=frozenset(titles) | male_titles | female_titles,
                   org_nouns=frozenset(d["organisation_nouns"]), government_nouns=frozenset(d["government_nouns"]),
                   agent_suffixes=tuple(d["agent_noun_suffixes"]))

    def agent_noun(self, word: str) -> bool:
        """A noun that names a person by what they do ("defender", "resident", "spokeswoman")."""
        return len(word) > 4 and word.endswith(self.agent_suffixes) and word not in self.org_nouns


@dataclass(frozen=True)
class QuoteData:
    """Everything the quote finder reads: its own folder's files and the shared document data."""

    words: QuoteWords
    coref: CorefWords
    ranker: Ranker                         # the speaker ranker's learned weights (``speakers.json``)
    paragraph_dateline: "re.Pattern[str]"  # "OTTAWA — " opening a paragraph (shared)
    given_names: GivenNames                # given-name gender (shared)
    # string-store ids of word sets, per string store (built on first use; see :meth:`ids`)
    _ids: Dict[Tuple[int, int], Tuple[Any, Any, FrozenSet[int]]] = field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, folder: Path, document: DocumentData) -> "QuoteData":
        folder = Path(folder)
        coref = CorefWords.from_json(read_json(folder / "coref.json"), document.titles)
        words = QuoteWords.from_json(read_json(folder / "quotes.json"), document.speech_verbs, coref)
        return cls(words=words, coref=coref, ranker=Ranker.load(folder),
                   paragraph_dateline=document.paragraph_dateline, given_names=document.given_names)

    def ids(self, strings, words) -> FrozenSet[int]:
        """String-store ids of ``words`` and their capitalised forms (lemmas keep case for
        names), computed once per string store and word set."""
        hit = self._ids.get((id(strings), id(words)))
        if hit is not None and hit[0] is strings and hit[1] is words:
            return hit[2]
        if len(self._ids) > 16:  # pipelines come and go in a long-lived process
            self._ids.clear()
        found = frozenset(strings.add(v) for w in words for v in (w, w.capitalize()))
        self._ids[(id(strings), id(words))] = (strings, words, found)
        return found
