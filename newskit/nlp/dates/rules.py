"""The date rules as data: reads ``models/dates/rules.txt`` and applies it.

Job: parse the rule file (``define`` named patterns, ``rewrite`` steps, ``rule`` blocks
of match / type / value), fill ``<LIST>`` placeholders from the word lists of
``lexicon.json``, and run the rules over one cleaned expression: the first rule whose
pattern matches the whole expression and whose value is not empty gives the result.
A value is a template (``XXXX-WXX-{w}``), ``NONE`` (not a date) or ``@handler(args)``,
a function of :mod:`.normalisation` for what data cannot say (calendar arithmetic).
Limits: patterns are Python regular expressions; a handler is named, not written, here.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, NamedTuple, Optional, Tuple

from newskit.nlp.resources import data_path, per_models
from .lexicon import alternation, _lex

RULES_FILE = "en/dates/rules.txt"
_PLACEHOLDER = re.compile(r"<([A-Z_]+)(?::([a-z_0-9]+))?>")
_CALL = re.compile(r"@(\w+)\((.*)\)$")
_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


@per_models
def word_lists() -> Dict[str, Dict[str, object]]:
    """The word lists a rule can name as ``<LIST>``: word → its value."""
    lex = _lex()
    refs = {w: "PRESENT_REF" for w in lex["present_ref"]}
    refs.update({w: "PAST_REF" for w in lex["past_ref"]})
    refs.update({w: "FUTURE_REF" for w in lex["future_ref"]})
    units = lex["units"]
    return {
        "MONTH": lex["months"],
        # full names only: "sat" or "sun" alone are not weekdays in running text
        "WEEKDAY": {w: n for w, n in lex["weekdays"].items() if len(w) > 5},
        "WEEKDAY_ANY": lex["weekdays"],
        "SEASON": lex["seasons"],
        "UNIT": units,
        "UNIT_PLURAL": {w: c for w, c in units.items() if w.endswith("s") or w == "millennia"},
        "PART": lex["parts_of_day"],
        "HOLIDAY": lex["holidays"],
        "SETADV": lex["set_adverbs"],
        "REF": refs,
        "DECADE": lex["decade_words"],
        "ORDINAL": lex["ordinals"],
        "NUMBER": lex["numbers"],
        "SCALE": lex["number_scales"],
        "DAYORD": lex["day_ordinals"],
        "DAYWORD": lex["deictic_days"],
        "ZONE": {z.lower(): z for z in lex["time_zones"]},
        "MOD": {w: w for w in lex["modifiers"]},
        "VAGUE": {w: None for w in lex["vague_numbers"]},
        "COUNT_DET": {w: None for w in lex["count_determiners"]},
        # number words by value: "twenty" … "ninety", and "one" … "nine"
        "TENS": {w: n for w, n in lex["numbers"].items() if n in range(20, 100, 10) and " " not in w},
        "DIGIT_WORD": {w: n for w, n in lex["numbers"].items() if n in range(1, 10) and len(w) > 2 and " " not in w},
    }


class Rule(NamedTuple):
    name: str
    rx: "re.Pattern[str]"
    type: str
    value: str
    lists: Dict[str, str]  # group → word list it was captured from
    call: Optional[Tuple[str, List[str]]]  # (handler, argument tokens) of a "@handler(...)" value


class Rewrite(NamedTuple):
    rx: "re.Pattern[str]"
    repl: str
    clean: bool = False  # a cleaning step: applied everywhere in the text, before any rule


@per_models
def clean_steps() -> List[Rewrite]:
    return [s for s in program()[1] if isinstance(s, Rewrite) and s.clean]


def _expand(pattern: str, defines: Dict[str, str], lists, groups: Dict[str, str]) -> str:
    def sub(m: "re.Match[str]") -> str:
        name, group = m.group(1), m.group(2)
        if name in defines:
            body = defines[name]
        elif name in lists:
            body = "(?:%s)" % alternation(lists[name])
            if group:
                groups[group] = name
        else:
            raise ValueError(f"{RULES_FILE}: unknown placeholder <{name}>")
        return f"(?P<{group}>{body})" if group else body

    return _PLACEHOLDER.sub(sub, pattern)


def _parse_lines() -> List[Tuple[int, str]]:
    out = []
    with open(data_path(RULES_FILE), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                out.append((n, line))
    return out


@per_models
def program() -> Tuple[Dict[str, str], List[object]]:
    """(named patterns, the steps in order: :class:`Rule` and :class:`Rewrite`)."""
    lists = word_lists()
    defines: Dict[str, str] = {}
    steps: List[object] = []
    current: Optional[dict] = None
    for n, line in _parse_lines():
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
    groups: Dict[str, str] = {}
    rx = re.compile(_expand(spec["match"], defines, lists, groups))
    call = _CALL.match(spec["value"])
    args = [a.strip() for a in call.group(2).split(",") if a.strip()] if call else []
    return Rule(spec["name"], rx, spec["type"], spec["value"], groups, (call.group(1), args) if call else None)


def source(name: str) -> str:
    """The regular expression of a ``define``d pattern, placeholders filled (for the span grammar)."""
    return program()[0][name]


@per_models
def named(name: str) -> "re.Pattern[str]":
    """A ``define``d pattern of the rule file, compiled (case-insensitive) for the code."""
    return re.compile(program()[0][name], re.I)


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
        return word_lists()[self.rule.lists[group]][re.sub(r"\s+", " ", word)]


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


def run(text: str, ctx, handlers: Dict[str, Callable]) -> Optional[tuple]:
    """Apply the rules to one cleaned expression: ``(type, value, anchor)`` or None."""
    for step in program()[1]:
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
