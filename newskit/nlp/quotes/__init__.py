"""Quotes: direct, mixed and reported speech with cue, speaker and speaker name.

What it finds (``doc._.nk_quotes``, sorted by start, never overlapping):

* direct quotes between double marks (curly, straight, ``''…''``, «…», paired
  with each other) or single marks (‘…’, '…', three words or more, e.g. in
  headlines), also over several paragraphs and split by their attribution
  ("“A,” he said. “B.”": both parts get the same cue). The span is the content
  inside the marks. Transcript lines ("SMITH: …") and signed quotes ("“…” ― Ana Ruiz") too.
* mixed quotes: a quoted fragment inside reported speech ("X said that Y “…”",
  "X called it “…”"); the span is the reported clause holding the fragment.
* indirect quotes: a speech or belief verb with a clausal complement ("X said the
  talks failed"), a speech act with an infinitive ("urged the state to act"), a bare
  parenthetical attribution ("The plan, she said, will fail") and "according to X".
* the cue and the speaker: the in-text mention that governs the cue, an attribution
  after the quote ("“…,” according to X"; "“… .” X, an economist, said in a note."),
  or, for a quote with no cue, the previous speaker or the person subject of the
  sentence (or paragraph, over a heading line) before it. Pronouns and descriptions
  are resolved by the speaker resolver (``coref``): constraints first (animacy,
  number, gender), then the speaker ranker's learned weights (``ranker``).

Not quotes: short quoted phrases with no cue (scare quotes, titles), quoted names
after naming verbs, apostrophes, section labels (UPDATE:), short single-quoted lines of
their own, evidence verbs with a thing as subject ("the data show that …"), reports
inside a title-case headline.

The package, by role (as BBC's Citron splits it):

* ``marks``: quote-mark segments (no parse);
* ``cues``: the quotes marked in the text (direct, mixed, labelled): cue and content;
* ``reported``: reported speech found from its cue verb (indirect quotes, "according to");
* ``sources``: the speaker mention of a cue and the name it stands for;
* ``referents``: what a mention that is no name stands for (a document's owner, a
  description, a pronoun's group);
* the speaker resolver (pronouns, descriptions, gender): ``mentions`` (who is named where, and
  the running state of what was resolved), ``constraints`` (animacy, number, gender),
  ``candidates`` (the ranker's candidates and features), ``resolver`` (the ``Resolver``);
* ``ranker``: the speaker ranker: candidate features and learned weights
  (``models/en/quotes/speakers.json``, trained by ``python -m newskit.train speakers``);
* ``attribution``: the quotes chosen and their speakers, in text order;
* ``quotedata`` (``QuoteData``: word lists, weights and the shared document data),
  ``config`` (``QuoteConfig``: the tuning numbers, the component's config), ``context``
  (``QuoteContext``: the per-document lookups, and the ``Candidate`` record);
* ``component``: ``find_quotes(doc, data, cfg)`` and the spaCy component ``newskit_quotes``
  (``QuotesComponent``).

Limits: rule-based on spaCy's parse, so a wrong parse gives a wrong clause span or
speaker; nested reports are given once, to the outermost speech verb; pronouns are
resolved by a small linear ranker over hand-chosen features, not a trained coreference
model; plural descriptions
("the nurses") are kept as phrases, never resolved. Word lists live in
``models/en/document/speech_verbs.txt`` (shared), ``models/en/quotes/quotes.json`` and
``models/en/quotes/coref.json``; the ranker's weights in ``models/en/quotes/speakers.json``.
"""
from .component import QuotesComponent, find_quotes
from .config import DEFAULT_CONFIG, QuoteConfig
from .marks import find_segments
from .quotedata import QuoteData

__all__ = ["QuotesComponent", "find_quotes", "find_segments", "QuoteData", "QuoteConfig", "DEFAULT_CONFIG"]
