"""Grammar: finding candidate temporal expressions in a text.

Job: the span patterns of ``models/en/dates/patterns.txt`` (placeholders filled from the
word lists) tried at trigger words, spaCy DATE/TIME entities as a fallback, trimmed
the TimeML way and chosen without overlaps; filters for what looks like a date but
is not (ages, prices, titles and names, a month heading a name, "daily" meaning a paper).
Limits: English only; a candidate is not valued here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, List, Sequence, Tuple

from spacy.tokens import Doc

from newskit.nlp.document import in_furniture as in_boilerplate, text as doc_text
from .lexicon import Lexicon, alternation, capitalised_name
from .rules import RuleProgram

__all__ = ["SpanGrammar", "candidates", "name_spans", "next_word", "not_a_date", "prev_word", "select_spans"]


@dataclass(frozen=True)
class SpanGrammar:
    """The span patterns (``patterns.txt``, placeholders filled) and the word sets the finder
    and its filters use, built from the lexicon when the component's data loads."""

    span_regexes: Tuple["re.Pattern[str]", ...]
    any_regex: "re.Pattern[str]"  # all of them in one: a start position no pattern can match is skipped
    trigger_words: FrozenSet[str]
    start_words: FrozenSet[str]
    temporal_word: "re.Pattern[str]"
    proper_calendar_names: FrozenSet[str]
    calendar_names: FrozenSet[str]

    @classmethod
    def build(cls, lex: Lexicon, patterns: Sequence[str], program: RuleProgram) -> "SpanGrammar":
        rxs = _span_regexes(lex, patterns, program)
        trig = _trigger_words(lex)
        return cls(rxs, re.compile("|".join("(?:%s)" % rx.pattern for rx in rxs), re.I), trig,
                   _start_words(lex, trig, patterns), _temporal_word_re(lex), _proper_calendar_names(lex),
                   _calendar_names(lex))


def _span_regexes(lex: Lexicon, patterns: Sequence[str], program: RuleProgram) -> Tuple["re.Pattern[str]", ...]:
    full = {}  # month number → its full name (the longest word for it)
    for m, n in lex.months.items():
        full[n] = max(full.get(n, ""), m, key=len)
    month_words = []
    for m, n in lex.months.items():
        if m == full[n]:  # "March", "MARCH"
            month_words += [m.capitalize() + r"\b", m.upper() + r"\b"]
        else:  # an abbreviation, with or without its dot: "Sept", "Sept."
            month_words.append(m.capitalize() + r"\b\.?")
    month = "(?-i:" + "|".join(sorted(month_words, key=len, reverse=True)) + ")"
    wd_full = [w for w in lex.weekdays if len(w) > 5]
    wd = "(?-i:(?:" + "|".join(w.capitalize() for w in wd_full) + r")s?\b)"
    units = lex.units
    unit = "(?:" + alternation(units) + r")\b"
    unitsg = "(?:" + alternation([u for u in units if not u.endswith("s")]) + r")\b"
    unitpl = "(?:" + alternation([u for u in units if u.endswith("s") or u.endswith("ies") or u == "millennia"]) + r")\b"
    mod = "(?:" + alternation(lex.modifiers) + ")"
    season = "(?:" + alternation(lex.seasons) + r")\b"
    part = "(?:" + alternation(lex.parts_of_day) + ")"
    holiday = "(?-i:" + "|".join(capitalised_name(h) for h in sorted(lex.holidays, key=len, reverse=True)) + r")\b"
    refs = [r for r in lex.present_ref + lex.past_ref + lex.future_ref]
    ref = r"\b(?:" + alternation(refs) + r")\b"
    setadv = r"\b(?:" + alternation(lex.set_adverbs) + r")\b"
    dayord = r"(?:" + alternation(lex.day_ordinals) + r")\b(?![- ](?:quarter|half|time|round|place|prize|term)|-)"
    zone = "(?-i:" + "|".join(sorted(lex.time_zones, key=len, reverse=True)) + r")\b"
    subs = {"ZONE": zone, "MONTH": month, "WD": wd, "YEAR": program.defines["SPAN_YEAR"],
            "NUM": program.defines["SPAN_NUM"], "UNIT": unit, "UNITSG": unitsg, "UNITPL": unitpl, "MOD": mod,
            "SEASON": season, "PART": part, "HOLIDAY": holiday, "REF": ref, "SETADV": setadv, "DAYORD": dayord}
    pats = []
    for line in patterns:
        pats.append(re.sub(r"<([A-Z]+)>", lambda m: subs[m.group(1)], line).replace(" ?", r"\s*").replace(" ", r"\s+"))
    return tuple(re.compile(p, re.I) for p in pats)


# --------------------------------------------------------------------------- finding spans

_YEAR_ONLY = re.compile(r"(?:1[5-9]|20)\d\d")


def prev_word(text: str, start: int) -> str:
    m = re.search(r"([\w$%.,'-]+)\W*$", text[max(0, start - 30):start])
    return m.group(1).rstrip(".,") if m else ""


def next_word(text: str, end: int) -> str:
    m = re.match(r"\W*([\w'-]+)", text[end:end + 30])
    return m.group(1) if m else ""


def _trigger_words(lex: Lexicon) -> FrozenSet[str]:
    """Words without which no pattern can match: the grammar is only tried near them."""
    words = (list(lex.months) + list(lex.weekdays) + list(lex.seasons) + list(lex.units)
             + list(lex.parts_of_day) + list(lex.set_adverbs) + list(lex.present_ref) + list(lex.past_ref)
             + list(lex.future_ref) + [h.split()[-1] for h in lex.holidays]  # "Day" of "Election Day"
             + list(lex.extra_triggers))
    out = set()
    for w in words:
        out.update(re.findall(r"\w+", w))
    out.difference_update(lex.not_triggers)
    out.update(lex.forced_triggers)
    return frozenset(out)


def _start_words(lex: Lexicon, trigger_words: FrozenSet[str], patterns: Sequence[str]) -> FrozenSet[str]:
    """Every word that can begin an expression: a start position is only tried at one."""
    out = set(trigger_words)
    for line in patterns:
        out.update(w.lower() for w in re.findall(r"(?<![\\<])\b[A-Za-z]{2,}\b", re.sub(r"<[A-Z]+>", " ", line)))
    for key in ("numbers", "ordinals", "months", "weekdays", "seasons", "units", "parts_of_day", "holidays"):
        for w in getattr(lex, key):
            out.update(re.findall(r"\w+", w.lower()))
    for key in ("vague_numbers", "modifiers", "present_ref", "past_ref", "future_ref"):
        for w in getattr(lex, key):
            out.update(re.findall(r"\w+", w.lower()))
    out.update({"a", "an"})
    return frozenset(out)


_WORD = re.compile(r"\w+")
_NUMTRIG = re.compile(r"(?:1[5-9]|20)\d\d|\d0s|\d{1,2}")


def candidates(doc: Doc, text: str, data) -> List[Tuple[int, int, int]]:
    """(start, end, source) spans: source 0 = own grammar, 1/2 = spaCy DATE/TIME entity.
    ``data`` is the component's :class:`~newskit.nlp.dates.data.DateData`."""
    cands = []
    grammar, named = data.grammar, data.program.named
    trig = grammar.trigger_words
    startw = grammar.start_words
    at_the_time = named["AT_THE_TIME_BEFORE"]
    clock_word = named["CLOCK_WORD"]
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    lows = [w.lower() for _, w in words]
    starts = set()
    # only a trigger word, "time" or a number can anchor an expression
    for i in [i for i, lw in enumerate(lows) if lw in trig or lw == "time" or words[i][1][0].isdigit()]:
        ws, w = words[i]
        lw = lows[i]
        if lw in trig:
            pass
        elif lw == "time":  # "at that time", "at the time" only
            if not at_the_time.search(text, max(0, ws - 16), ws):
                continue
        elif w[0].isdigit() and clock_word.fullmatch(w):  # "2am"
            pass
        elif w[0].isdigit() and _NUMTRIG.fullmatch(w):
            if len(w) <= 2:
                follow = text[ws + len(w):ws + len(w) + 4].lower()
                if not (named["CLOCK_AFTER_NUMBER"].match(follow)
                        or named["YEAR_RANGE_START"].search(text, max(0, ws - 5), ws)):
                    continue
        else:
            continue
        for j in range(max(0, i - 6), i + 1):
            p, wj = words[j]
            if j < i and not (wj[0].isdigit() or lows[j] in startw):
                continue
            starts.add(p)
            if p and text[p - 1] in "'$":
                starts.add(p - 1)
    rxs = grammar.span_regexes
    anyrx = grammar.any_regex
    for p in sorted(starts):
        if not anyrx.match(text, p):
            continue
        for rx in rxs:
            m = rx.match(text, p)
            if m:
                cands.append((p, m.end(), 0))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            cands.append((ent.start_char, ent.end_char, 1 if ent.label_ == "DATE" else 2))
    return cands


def _trim(text: str, s: int, e: int, filters) -> Tuple[int, int]:
    """The span without a leading preposition and trailing junk; ``filters`` are the named
    patterns PREP_LEAD, TRAILING_JUNK, ABBR_DOT_END."""
    lead, junk, abbr = filters
    seg = text[s:e]
    m = lead.match(seg)
    if m and m.end() < len(seg):
        s += m.end()
    seg = text[s:e]
    m = junk.search(seg)
    while m and m.start() > 0:
        # keep the dot of an abbreviation ("Sept.", "p.m.")
        if seg.endswith(".") and abbr.search(seg):
            break
        e -= len(seg) - m.start()
        seg = text[s:e]
        m = junk.search(seg)
    return s, e


def select_spans(text: str, cands, data) -> List[Tuple[int, int, int]]:
    """The candidates trimmed, own grammar first then the longest, without overlaps, in text order."""
    out = []
    seen = set()
    named = data.program.named
    filters = named["PREP_LEAD"], named["TRAILING_JUNK"], named["ABBR_DOT_END"]
    for s, e, src in cands:
        s, e = _trim(text, s, e, filters)
        if e <= s or (s, e) in seen:
            continue
        seen.add((s, e))
        out.append((s, e, src))
    # own grammar first, then longest
    out.sort(key=lambda x: (x[2], -(x[1] - x[0]), x[0]))
    chosen: List[Tuple[int, int, int]] = []
    taken = []
    for s, e, src in out:
        if any(s < te and ts < e for ts, te in taken):
            continue
        chosen.append((s, e, src))
        taken.append((s, e))
    chosen.sort()
    return chosen


def _temporal_word_re(lex: Lexicon) -> "re.Pattern[str]":
    """Any calendar or unit word, or a year: a spaCy DATE entity without one is no date."""
    words = list(lex.months) + list(lex.weekdays) + list(lex.seasons) + list(lex.units) + \
        list(lex.parts_of_day) + list(lex.deictic_days) + ["ago"]
    return re.compile(r"\b(?:%s)\b|\b(?:1[5-9]|20)\d\ds?\b" % alternation(words), re.I)


def _keep_year(text: str, s: int, e: int, ent_cover, data) -> bool:
    """A bare 4-digit number is a year only in a temporal context."""
    raw_prev = prev_word(text, s)
    prev = raw_prev.lower()
    nxt = text[e:e + 12]
    if data.named["NOT_YEAR_AFTER"].match(nxt):
        return False
    before = text[max(0, s - 2):s]
    if before.endswith(("$", "#", "No", "No.")):
        return False
    if prev in data.lex.year_prev_words or prev.endswith(("'s", "’s")):
        return True
    if any(es <= s and e <= ee for es, ee in ent_cover):
        # spaCy calls it a date; but a year right after a capitalised name is a product/event name
        if raw_prev[:1].isupper() and prev not in data.lex.months:
            return False
        return True
    return False


def _sentence_initial(text: str, s: int) -> bool:
    before = text[max(0, s - 4):s].rstrip(" \t\"'`“‘")
    return not before or before[-1] in ".!?\n:"


def not_a_date(doc: Doc, s: int, e: int, src: int, ent_cover, names, data) -> bool:
    """Whether a chosen span only looks like a date: an age, a quantity, a name, a verb
    (``data``: the component's :class:`~newskit.nlp.dates.data.DateData`)."""
    text = doc_text(doc)
    span_text = text[s:e]
    if in_boilerplate(doc, s):
        return True
    if data.named["AGE_AFTER"].match(text[e:e + 6]) or (src and data.named["ENTITY_NOT_DATE"].search(span_text)):
        return True
    if src and not data.grammar.temporal_word.search(span_text):
        return True
    if _YEAR_ONLY.fullmatch(span_text) and not _keep_year(text, s, e, ent_cover, data):
        return True
    if data.named["SKIP_SPAN"].search(span_text):
        return True
    if span_text.lower() == "now" and text[e:e + 1] == "," and _sentence_initial(text, s) and _discourse_now(doc, s, data):
        return True
    if " " not in span_text and (_month_heads_a_name(text, s, e, data) or _publication_noun(doc, text, s, e, data)):
        return True
    return _word_not_a_date(text, s, e, src, data) or _in_a_name(doc, s, e, names, data)


def _month_heads_a_name(text: str, s: int, e: int, data) -> bool:
    """"the annual March of the Lanterns", "the March of Dimes": a month that begins a name."""
    if not text[s:s + 1].isupper() or text[e:e + 1] != " " or text[s:e].lower() not in data.lex.months:
        return False
    after = data.named["MONTH_NAME_AFTER"].match(text[e:e + 40])
    return bool(after and after.group(1).lower() not in data.grammar.calendar_names
                and data.named["MONTH_NAME_BEFORE"].search(text, max(0, s - 30), s))


def _publication_noun(doc: Doc, text: str, s: int, e: int, data) -> bool:
    """"the French daily Le Monde", "another daily", "a weekly": a set adverb used as the noun
    for a paper (after a determiner, an adjective or a name, and the head of its phrase or
    put before the paper's name), not a frequency ("daily flights", "the daily tally")."""
    if text[s:e].lower() not in data.lex.set_adverbs:
        return False
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) != 1 or span.start == 0:
        return False
    t = span[0]
    if doc[t.i - 1].pos_ not in ("DET", "ADJ", "PROPN") and doc[t.i - 1].tag_ != "PRP$":
        return False
    if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos"):
        return True
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return nxt is not None and nxt.pos_ == "PROPN" and t.head.pos_ == "PROPN" and t.head.i > t.i


def _discourse_now(doc: Doc, s: int, data) -> bool:
    """Whether a sentence-opening "Now," opens an argument rather than saying when.

    "Now, I want to be clear", "Now, look", "Now, what next?", "Now, he says, ..." and a
    sentence without a verb ("Now for the weather") are discourse; "Now, the firm employs
    300 people" (a present state set against the past) is a time. Decided from the parse
    of the sentence: its root verb, subject, mood and whether it is a question."""
    tok = doc.char_span(s, s + 3, alignment_mode="expand")
    if tok is None:
        return False
    sent = tok[0].sent
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or sent.text.rstrip().endswith("?"):
        return True
    if any(t.lemma_.lower() in data.lex.reporting_verbs for t in doc[tok[0].i + 1:min(tok[0].i + 6, sent.end)]):
        return True  # "Now, he says, the plan ...": a parenthetical report
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subj:
        return True  # imperative: "Now, look at the figures"
    return subj[0].lower_ in data.lex.discourse_subjects


def name_spans(doc: Doc, data) -> List[Tuple[int, int]]:
    """Character spans of the name entities (works, organisations, events) of a Doc."""
    labels = data.lex.name_entity_labels
    return [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in labels]


def _in_a_name(doc: Doc, s: int, e: int, names, data) -> bool:
    """A time word inside the name of a work, a show or an organisation ("The Morning Show",
    "Good Morning America", "Once Upon a Time in Hollywood"): the span lies inside a longer
    name entity, or is written in title case in running text (not at a sentence start, not
    on a headline line) with a capitalised word that is not a calendar name."""
    text = doc_text(doc)
    caps = [w for w in text[s:e].split() if w[:1].isupper() and not w.isupper()]  # "GMT" is no name
    if not caps:
        return False
    common = [w for w in caps if _bare(w) not in data.grammar.proper_calendar_names]
    if common and not _sentence_initial(text, s) and _inside_a_name(s, e, names):
        return True  # "the Tonight Show", "Friday Night Lights": a word written small in a date
    if all(_bare(w) in data.grammar.calendar_names for w in caps):
        return _named_single_word(text, s, e, common, data)
    if _inside_a_name(s, e, names):
        return True
    words = text[s:e].split()
    if len(words) < 2 or _sentence_initial(text, s) or _bare(words[-1]) in data.lex.event_name_heads:
        return _named_single_word(text, s, e, common, data)  # "Election Day": a named day is still a date
    return _running_text(text, s, e)


def _inside_a_name(s: int, e: int, names) -> bool:
    return any(ns <= s and e <= ne and ne - ns > e - s for ns, ne in names)


def _named_single_word(text: str, s: int, e: int, common, data) -> bool:
    """A time word written small in running text but capitalised after another word
    ("Harbour Radio Today", "USA Today", "the Daily Mail"): the name of a programme or paper."""
    if len(common) != 1 or " " in text[s:e].strip() or _sentence_initial(text, s):
        return False
    if _bare(common[0]) in data.lex.seasons:
        return False  # "in Spring", "Spring 2022": a house style, not a name
    before = text[max(0, s - 3):s].rstrip()
    return bool(before) and before[-1].isalnum() and _running_text(text, s, e)


def _running_text(text: str, s: int, e: int) -> bool:
    """Whether the line of a span is running text, not a title-case headline."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line = text[line_start:line_end if line_end >= 0 else len(text)].split()
    lower = sum(1 for w in line if w[:1].islower())
    return lower * 3 >= len(line)


def _proper_calendar_names(lex: Lexicon) -> FrozenSet[str]:
    """Calendar words always capitalised: months, weekdays, holiday words."""
    out = set(lex.months) | set(lex.weekdays)
    for h in lex.holidays:
        out.update(_bare(w) for w in h.split())
    return frozenset(out)


def _calendar_names(lex: Lexicon) -> FrozenSet[str]:
    """Words a date may capitalise in running text: months, weekdays, seasons, parts of
    the day ("Monday Morning", "Spring 2020"), holiday words."""
    out = set(lex.months) | set(lex.weekdays) | set(lex.seasons) | set(lex.parts_of_day)
    for h in lex.holidays:
        out.update(_bare(w) for w in h.split())
    return frozenset(out)


def _bare(word: str) -> str:
    """A word without trailing punctuation and possessive, lower case: "Sept." → "sept"."""
    w = word.lower().rstrip(".,;:")
    return w[:-2] if w.endswith(("'s", "’s")) else w


def _word_not_a_date(text: str, s: int, e: int, src: int, data) -> bool:
    """Words that are dates only sometimes: "may", "march", "fall", "now", "today's", "years"."""
    lex = data.lex
    span_text = text[s:e]
    low = span_text.lower()
    prev, nxt = prev_word(text, s).lower(), next_word(text, e).lower()
    if src == 0 and low in ("fall", "spring", "second"):
        return True
    if (low == "may" and _sentence_initial(text, s)) or (low == "march" and (
            prev in ("will", "would") or (prev in ("the", "a", "to") and span_text == "march"))):
        return True
    if src == 0 and data.named["PLURAL_UNIT"].fullmatch(low) and prev not in lex.plural_duration_cues \
            and nxt != "of":  # "years of talks" is a stretch of time
        return True
    if src == 0 and data.named["ABBR_MONTH"].fullmatch(span_text) and not text[e:e + 3].strip()[:1].isdigit():
        return True
    if low in ("today", "tomorrow") and text[e:e + 2] in ("'s", "’s") and \
            next_word(text, e + 2).lower() in lex.generic_after_today:
        return True  # "today's world": the present in general, not the day
    if src == 0 and data.named["TITLE_UNIT"].fullmatch(span_text) and not _sentence_initial(text, s) \
            and low not in lex.holidays:
        return True  # a programme or title ("This Week", "60 Minutes"), not a time
    return low in ("the night", "the morning", "the evening", "the afternoon") and nxt == "of"

