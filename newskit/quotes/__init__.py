"""Quotes: direct, mixed and reported speech with cue, speaker and speaker name.

What it finds (``doc._.nk_quotes``, sorted by start, never overlapping):

* direct quotes between double marks (curly, straight, ``''…''``, «…», paired
  with each other) or single marks (‘…’, '…', three words or more, e.g. in
  headlines), also over several paragraphs (a paragraph left open and the next
  one opening again) and split by their attribution ("“A,” he said. “B.”":
  both parts get the same cue). The span is the content inside the marks.
  Transcript lines ("SMITH: …") and signed quotes ("“…” ― Ana Ruiz") too.
* mixed quotes: a quoted fragment inside reported speech ("X said that Y
  “…”", "X called it “…”"); the span is the reported clause holding the
  fragment, up to its closing mark.
* indirect quotes: a speech or belief verb with a clausal complement ("X said
  the talks failed", "X told Y that …", "X said in a statement that …"), a
  speech act with an infinitive ("urged the state to act"), a bare
  parenthetical attribution ("The plan, she said, will fail") and
  "according to X".
* the cue (the verb, or "according to"), the speaker (the in-text mention that
  governs the cue: a name, a pronoun, a description, a document) and the
  speaker's canonical name: he/she resolve to the nearest fitting person
  (a subject earlier in the paragraph, else the previous speaker, else the
  nearest person named; gender from honorifics and from pronouns used next to
  a name), role descriptions ("the senator") to the person introduced with
  that role, modified epithets ("the GOP nominee", "the Ohio businessman") to
  a person subject earlier in the sentence or else the article's most mentioned
  person, appositions ("one of the lawyers, Ana Ruiz,") to the name, "who" to
  its antecedent, passive agents ("was told by X") and participles after a name
  ("footage of X saying") to that name, they/it to a named organisation subject
  nearby, documents to their owner ("his letter", "an AFP report", "the
  resignation" after "his resignation", "X issued a statement"); a quote with
  no cue right after another quote (a floating quote) takes the previous
  speaker, unless a new named subject opens its paragraph.

Not quotes: short quoted phrases with no cue (scare quotes, titles), quoted
names after naming verbs (nicknames), apostrophes, section labels (UPDATE:),
short single-quoted lines of their own with no cue (section headings).
Limits: rule-based on spaCy's parse, so a wrong parse gives a wrong clause
span or speaker; nested reports are given once, to the outermost speech verb;
pronouns are resolved by salience rules, not by a coreference model; "they"
and "it" resolve only to a named organisation (a previous speaker or a nearby
subject), never to a plural description; epithets may pick the wrong person
when the article's most mentioned person is not the one meant. Word lists live
in ``models/speech_verbs.txt`` and ``models/quotes.json``.
"""
from .component import find_quotes, quotes_component
from .marks import find_segments

__all__ = ["find_quotes", "find_segments", "quotes_component"]
