"""The recall net: enough risk words of one category in a personal message -> concern.

Phrasings the patterns have never seen still use the words of the topic ("rope", "miss me";
"second phone", "ringing at night"). Strong words score 2, weak 1; a category reaching the
threshold is a `concern` if the message is about the writer or someone they name (I/me/my, mate,
brother...: the engine checks) and nothing marks it as a lesson or the news.

Weak words ("phone", "they") wake in most messages, so they are counted by word first and only
the categories that could reach the threshold are ever located or read.
"""

from __future__ import annotations

from nlu.screen.context import Hit
from nlu.screen.evidence import locate
from nlu.screen.lexicon import Rule
from nlu.screen.result import Level

# one-word signals present in the message, with the forms of them it contains
Simple = list[tuple[Rule, list[str]]]


def _points(rule: Rule) -> int:
    return 2 if rule.cue == "strong" else 1


def worth_running(pending: list[Rule], simple: Simple, threshold: int) -> list[Rule]:
    """Phrase signals of the categories that could still reach the threshold.

    Each regex costs a scan of the message; a category whose one-word signals plus every
    pending phrase (at most 2 points each) cannot reach the threshold is not worth one.
    """
    if not pending:
        return pending
    bound: dict[str, int] = {}
    for rule, forms in simple:
        bound[rule.category] = bound.get(rule.category, 0) + len(forms) * _points(rule)
    for rule in pending:
        bound[rule.category] = bound.get(rule.category, 0) + _points(rule)
    return [r for r in pending if bound[r.category] >= threshold]


def promising(norm: str, signals: list[Hit], simple: Simple, threshold: int) -> list[Hit]:
    """Signal hits of the categories that could reach the threshold, others dropped unread."""
    points: dict[str, dict[str, int]] = {}
    for rule, forms in simple:
        for form in forms:
            points.setdefault(rule.category, {})[form] = _points(rule)
    for h in signals:
        points.setdefault(h.rule.category, {})[norm[h.start : h.end]] = _points(h.rule)
    keep = {cat for cat, found in points.items() if sum(found.values()) >= threshold}
    if not keep:
        return []
    out = [h for h in signals if h.rule.category in keep]
    for rule, forms in simple:
        if rule.category in keep:
            out.extend(
                Hit(rule, a, b, Level.CONCERN) for form in forms for a, b in locate(norm, form)
            )
    return out


def signalled(norm: str, signals: list[Hit], flagged: set[str], threshold: int) -> list[Hit]:
    """The signal hits of categories not already flagged that reach the threshold."""
    points: dict[str, dict[str, int]] = {}
    for h in signals:
        points.setdefault(h.rule.category, {})[norm[h.start : h.end]] = _points(h.rule)
    return [
        h
        for h in signals
        if h.rule.category not in flagged and sum(points[h.rule.category].values()) >= threshold
    ]
