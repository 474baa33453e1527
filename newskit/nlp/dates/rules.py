"""The date rules as data: reads ``models/en/dates/rules.txt`` and applies it.

Job: parse the rule file (``define`` named patterns, ``rewrite`` steps, ``rule`` blocks
of match / type / value), fill ``<LIST>`` placeholders from the word lists of
``lexicon.json``, and run the rules over one cleaned expression: the first rule whose
pattern matches the whole expression and whose value is not empty gives the result.
A value is a template (``XXXX-WXX-{w}``), ``NONE`` (not a date) or ``@handler(args)``,
a function of the handler table (:mod:`.handlers`) for what data cannot say (calendar arithmetic).
The parsed file is a :class:`RuleProgram` (built once, when the component's data loads);
:func:`run` takes the program and the handler table from ``ctx.data`` (a
:class:`~newskit.nlp.dates.data.DateData`).
Limits: patterns are Python regular expressions; a handler is named, not written, here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Mapping, NamedTuple, Optional, Tuple, Union

from .lexicon import Lexicon, alternation

__all__ = ["RULES_FILE", "Match", "Rewrite", "Rule", "RuleProgram", "run", "word_lists"]

RULES_FILE = "rules.txt"
_PLACEHOLDER = re.compile(r"<([A-Z_]+)(?::([a-z_0-9]+))?>")
_CALL = re.compile(r"@(\w+)\((.*)\)$")
_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


def word_lists(lex: Lexicon) -> Dict[str, Mapping[str, object]]:
    """The word lists a rule can name as ``<LIST>``: word → its value."""
    refs = {w: "PRESENT_REF" for w in lex.present_ref}
    refs.update({w: "PAST_REF" for w in lex.past_ref})
    refs.update({w: "FUTURE_REF" for w in lex.future_ref})
    units = lex.units
    return {
        "MONTH": lex.months,
        # full names only: "sat" or "sun" alone are not weekdays in running text
        "WEEKDAY": {w: n for w, n in lex.weekdays.items() if len(w) > 5},
        "WEEKDAY_ANY": lex.weekdays,
        "SEASON": lex.seasons,
        "UNIT": units,
        "UNIT_PLURAL": {w: c for w, c in units.items() if w.endswith("s") or w == "millennia"},
        "PART": lex.parts_of_day,
        "HOLIDAY": lex.holidays,
        "SETADV": lex.set_adverbs,
        "REF": refs,
        "DECADE": lex.decade_words,
        "ORDINAL": lex.ordinals,
        "NUMBER": lex.numbers,
        "SCALE": lex.number_scales,
        "DAYORD": lex.day_ordinals,
        "DAYWORD": lex.deictic_days,
        "ZONE": {z.lower(): z for z in lex.time_zones},
        "MOD": {w: w for w in lex.modifiers},
        "VAGUE": {w: None for w in lex.vague_numbers},
        "COUNT_DET": {w: None for w in lex.count_determiners},
        # number words by value: "twenty" … "ninety", and "one" … "nine"
        "TENS": {w: n for w, n in lex.numbers.items() if n in range(20, 100, 10) and " " not in w},
        "DIGIT_WORD": {w: n for w, n in lex.numbers.items() if n in range(1, 10) and len(w) > 2 and " " not in w},
    }


class Rule(NamedTuple):
    name: str
    rx: "re.Pattern[str]"
    type: str
    value: str
    lists: Dict[str, Mapping[str, object]]  # group → the word list it was captured from
    call: Optional[Tuple[str, List[str]]]  # (handler, argument tokens) of a "@handler(...)" value


class Rewrite(NamedTuple):
    rx: "re.Pattern[str]"
    repl: str
    clean: bool = False  # a cleaning step: applied everywhere in the text, before any rule


@dataclass(frozen=True)
class RuleProgram:
    """``rules.txt`` parsed: the named patterns (source and compiled), the steps in order
    (:class:`Rule` and :class:`Rewrite`), and the cleaning steps."""

    defines: Mapping[str, str]
    steps: Tuple[object, ...]
    clean: Tuple[Rewrite, ...]
    named: Mapping[str, "re.Pattern[str]"]  # each ``define``, compiled case-insensitive for the code

    @classmethod
    def load(cls, path: Union[str, Path], lists: Mapping[str, Mapping[str, object]]) -> "RuleProgram":
        defines, steps = _parse(_rule_lines(Path(path)), lists)
        return cls(defines, tuple(steps), tuple(s for s in steps if isinstance(s, Rewrite) and s.clean),
                   {name: re.compile(rx, re.I) for name, rx in defines.items()})


def _expand(pattern: str, defines: Dict[str, str], lists, groups: Dict[str, Mapping[str, object]]) -> str:
    def sub(m: "re.Match[str]") -> str:
        name, group = m.group(1), m.group(2)
        if name in defines:
            body = defines[name]
        elif name in lists:
            body = "(?:%s)" % alternation(lists[name])
            if group:
                groups[group] = lists[name]
        else:
            raise ValueError(f"{RULES_FILE}: unknown placeholder <{name}>")
        return f"(?P<{group}>{body})" if group else body

    return _PLACEHOLDER.sub(sub, pattern)


def _rule_lines(path: Path) -> List[Tuple[int, str]]:
    """(line number, line) of the rule file without comments and blank lines. (Not
    :func:`~newskit.nlp.data.read_words`: indentation is meaningful and a pattern may hold '#'.)"""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                out.append((n, line))
    return out


def _parse(lines: List[Tuple[int, str]], lists) -> Tuple[Dict[str, str], List[object]]:
    """(named patterns, the steps in order: :class:`Rule` and :class:`Rewrite`)."""
    defines: Dict[str, str] = {}
    steps: List[object] = []
    current: Optional[dict] = None
    for n, line in lines:
        key, _, rest = line.strip().partition(" ")
        rest = rest.strip()
        if line[:1].isspace():
            if current is None or key not in ("match", "type", "value"):
                raise ValueError(f"{RULES_FILE}:{n}: '{key}' outside a rule")
            current[key] = rest
            continue
        if current is not None:
            steps.append(_make_rule(current, defines, lists))
            current = None
        if key == "define":
            name, _, rx = rest.partition(" ")
            defines[name] = "(?:%s)" % _expand(rx.strip(), defines, lists, {})
        elif key == "clean":
            rx, _, repl = rest.partition("=>")
            steps.append(Rewrite(re.compile(_expand(rx.strip(), defines, lists, {})), repl.strip(), clean=True))
        elif key == "rewrite":
            rx, _, repl = rest.partition("=>")
            steps.append(Rewrite(re.compile(_expand(rx.strip(), defines, lists, {})), repl.lstrip()))
        elif key == "rule":
            current = {"name": rest, "line": n}
        else:
            raise ValueError(f"{RULES_FILE}:{n}: unknown entry '{key}'")
    if current is not None:
        steps.append(_make_rule(current, defines, lists))
    return defines, steps


def _make_rule(spec: dict, defines, lists) -> Rule:
    missing = [k for k in ("match", "type", "value") if k not in spec]
    if missing:
        raise ValueError(f"{RULES_FILE}:{spec['line']}: rule {spec['name']} lacks {', '.join(missing)}")
    groups: Dict[str, Mapping[str, object]] = {}
    rx = re.compile(_expand(spec["match"], defines, lists, groups))
    call = _CALL.match(spec["value"])
    args = [a.strip() for a in call.group(2).split(",") if a.strip()] if call else []
    return Rule(spec["name"], rx, spec["type"], spec["value"], groups, (call.group(1), args) if call else None)


class Match:
    """What a handler sees: the raw groups and the word-list values of captured words."""

    __slots__ = ("raw", "rule")

    def __init__(self, m: "re.Match[str]", rule: Rule):
        self.raw = m.groupdict()
        self.rule = rule

    def value(self, group: str):
        word = self.raw.get(group)
        if word is None or group not in self.rule.lists:
            return word
        return self.rule.lists[group][re.sub(r"\s+", " ", word)]


def _template(tpl: str, m: Match) -> str:
    def sub(f: "re.Match[str]") -> str:
        v = m.value(f.group(1))
        if v is None:
            return ""
        return format(v, f.group(2)) if f.group(2) else str(v)

    return _FIELD.sub(sub, tpl)


def _arg(token: str, m: Match):
    """A handler argument: a group's value (its word-list value if captured from a list),
    else the literal (a number, or a word such as ``X``)."""
    if token in m.raw:
        return m.value(token)
    return int(token) if token.isdigit() else token


def run(text: str, ctx) -> Optional[tuple]:
    """Apply the rules to one cleaned expression: ``(type, value, anchor)`` or None.
    The program and the handlers are ``ctx.data``'s; a handler's error is not caught."""
    handlers = ctx.data.handlers
    for step in ctx.data.program.steps:
        if isinstance(step, Rewrite):
            if step.clean:
                continue
            text = step.rx.sub(step.repl, text, count=1)
            ctx.core = text
            continue
        m = step.rx.fullmatch(text)
        if m is None:
            continue
        if step.value == "NONE":
            return None
        if step.call is None:
            return step.type, _template(step.value, Match(m, step)), None
        mm = Match(m, step)
        r = handlers[step.call[0]](ctx, step.type, *(_arg(a, mm) for a in step.call[1]))
        if r is not None:
            return r
    return None
