"""The dates component's language data, typed and loaded once: :class:`DateData`.

Job: read ``models/en/dates/`` (``lexicon.json``, ``patterns.txt``, ``rules.txt``) with the
shared calendar names of :class:`~newskit.nlp.data.DocumentData`, and build everything
derived from them (the span grammar, the rule program, the named patterns, the range and
tense cues) together with the explicit handler table the rules name; check that every
handler a rule names is in the table.
Limits: English only; nothing here is cached at module level: a component keeps its
``DateData`` on the instance (``Component.data``), a caller of :func:`~.normalise` keeps
the one it loaded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping, Optional, Union

from newskit.nlp.data import DocumentData, installed_folder, read_json, read_words
from .anchoring import forward_phrase_pattern
from .grammar import SpanGrammar
from .handlers import HANDLERS, Handler
from .lexicon import Lexicon
from .ranges import RangeCues
from .rules import RULES_FILE, Rule, RuleProgram, word_lists

__all__ = ["DateData"]

FOLDER = "dates"


@dataclass(frozen=True)
class DateData:
    """Everything the dates component knows of English, ready to use.

    * ``lex``: the word lists (:class:`~.lexicon.Lexicon`);
    * ``program``: the rules of ``rules.txt`` (:class:`~.rules.RuleProgram`); ``named`` is its
      ``define``d patterns, compiled, for the code;
    * ``grammar``: the span patterns of ``patterns.txt`` and the finder's word sets;
    * ``handlers``: the handler table (name → function) the rules' ``@name(...)`` values call;
    * ``forward_phrase``, ``ranges``: the tense and range cues built from the word lists;
    * ``dateparser_memo``: dateparser's answers, kept (a memo of a function of its
      arguments, holding no language data).
    """

    folder: Path
    lex: Lexicon
    program: RuleProgram
    named: Mapping[str, "re.Pattern[str]"]
    grammar: SpanGrammar
    handlers: Mapping[str, Handler]
    forward_phrase: "re.Pattern[str]"
    ranges: RangeCues
    dateparser_memo: Dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, folder: Optional[Union[str, Path]] = None, document: Optional[DocumentData] = None,
             handlers: Mapping[str, Handler] = HANDLERS) -> "DateData":
        """Read a ``dates`` folder (default: the installed one) with the shared ``document`` data
        (default: the installed one). ``handlers`` is the handler table (tests pass their own)."""
        folder = Path(folder) if folder is not None else installed_folder(FOLDER)
        document = document if document is not None else DocumentData.load()
        lex = Lexicon.from_json(read_json(folder / "lexicon.json"), document)
        program = RuleProgram.load(folder / RULES_FILE, word_lists(lex))
        _check_handlers(program, handlers)
        grammar = SpanGrammar.build(lex, read_words(folder / "patterns.txt"), program)
        return cls(folder, lex, program, program.named, grammar, handlers, forward_phrase_pattern(lex),
                   RangeCues.build(lex))


def _check_handlers(program: RuleProgram, handlers: Mapping[str, Handler]) -> None:
    """Every ``@name(...)`` of a rule is in the handler table (else the file and the code disagree)."""
    missing = sorted({f"{s.call[0]} (rule {s.name})" for s in program.steps
                      if isinstance(s, Rule) and s.call and s.call[0] not in handlers})
    if missing:
        raise ValueError(f"rules.txt names handlers that do not exist: {', '.join(missing)}")
