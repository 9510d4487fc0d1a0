"""The screen's speed-ups must never change a result: each is checked against the plain way of
doing the same thing, over the shipped labelled messages and harder variants of them."""

import json
import math
import random
import re
from functools import cache

import pytest
import yaml

from nlu.screen import Level, ScreenResult, default_screener
from nlu.screen import normalise as norm_module
from nlu.screen.features import pair_features, word_features
from nlu.screen.index import RuleIndex
from nlu.screen.jsonl import _dumps, _line, _loads, _record
from nlu.screen.lexicon import Lexicon, load_lexicon
from nlu.screen.model import TESTSETS
from nlu.screen.normalise import fold, normalise, unsqueezed
from nlu.screen.patterns import _phrase_regex, expand
from nlu.screen.rx import alternation, word_start

SEP = r"[^a-z0-9]+"
_LEET = str.maketrans({"i": "1", "e": "3", "a": "4", "o": "0", "s": "5"})


@cache
def corpus() -> tuple[str, ...]:
    """Every shipped labelled message, plus spaced, leet, doubled and punctuated variants."""
    rng = random.Random(3)
    texts = [
        json.loads(line)["text"]
        for path in sorted(TESTSETS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = list(texts)
    for text in rng.sample(texts, 600):
        words = text.split() or [""]
        k = rng.randrange(len(words))
        out.append(" ".join([*words[:k], " ".join(words[k]), *words[k + 1 :]]))
        out.append("  ".join(" ".join(w) for w in words[:8]))
        out.append(text.translate(_LEET) + " 2 u 4 real!! $$ k1ll")
        out.append("".join(c * 2 if c.isalpha() and rng.random() < 0.3 else c for c in text))
        out.append(text.replace(" ", " ... ").upper())
    return tuple(out)


def _unsqueezed_without_first_looks(text: str) -> str:
    """normalise.unsqueezed with every exact pattern always run (no cheap first looks)."""
    n = norm_module
    text = fold(text)
    if n._MAYBE_SPACED.search(text):
        if "  " in text:
            text = n._SPACED_PHRASE.sub(n._join_phrase, text)
        text = n._SPACED.sub(n._join_spaced, text)
    text = n._FOUR.sub("for", n._TWO.sub("to", text))
    return n.respell(n._LEET_TOKEN.sub(n._unleet, text))


def test_first_looks_at_spaced_letters_and_leet_never_change_the_normalised_text():
    extra = ["s u i c i d e", "k.m.s", "a b", "k1ll", "r@pe", "14yo", "i w a n t  t o  d i e"]
    for text in [*corpus(), *extra]:
        assert unsqueezed(text) == _unsqueezed_without_first_looks(text), text


def _slot_alternatives(entries: list[str], lists: dict[str, list[str]]) -> list[str]:
    regexes = [_phrase_regex(e)[0] for entry in entries for e in expand(entry, lists)]
    return sorted(regexes, key=len, reverse=True)


def test_merged_alternations_find_the_same_spans_as_the_plain_ones():
    lexicon_yaml = TESTSETS.parent / "lexicon.yaml"
    data = yaml.safe_load(lexicon_yaml.read_text(encoding="utf-8"))
    lists = {k.upper(): [str(v) for v in vals] for k, vals in (data.get("lists") or {}).items()}
    texts = [normalise(t) for t in corpus()[::3]]
    compared = 0
    for entries in lists.values():
        alts = _slot_alternatives(entries, lists)
        if len(alts) < 2:
            continue
        plain = re.compile(word_start("(?:" + "|".join(alts) + ")") + "(?![a-z0-9])")
        merged = re.compile(word_start(alternation(alts)) + "(?![a-z0-9])")
        for text in texts:
            spans = [m.span() for m in merged.finditer(text)]
            assert spans == [m.span() for m in plain.finditer(text)], (entries[:3], text)
        compared += 1
    assert compared >= 3


@pytest.mark.parametrize(
    ("alternatives", "text"),
    [
        (["my", f"my{SEP}older{SEP}brother", f"my{SEP}older"], "my older brother is"),
        ([f"my{SEP}(?:mums|mum)", f"my{SEP}(?:mums|mum){SEP}boyfriend"], "my mums boyfriend"),
        ([f"a{SEP}man", f"a{SEP}(?:older|old){SEP}man", "a"], "a  older man, a man"),
        ([f"he{SEP}is", f"he{SEP}(?:is|s)?{SEP}old", "he"], "he is old he s old"),
        (["kil[a-z]*", "kil", f"kil{SEP}me"], "kill kilo kil me"),
    ],
)
def test_merging_keeps_which_alternative_wins(alternatives: list[str], text: str):
    plain = re.compile("(?:" + "|".join(alternatives) + ")")
    merged = re.compile(alternation(alternatives))
    for pos in range(len(text)):
        a, b = plain.match(text, pos), merged.match(text, pos)
        assert (a and a.span()) == (b and b.span()), (pos, merged.pattern)


def test_shared_starts_are_merged_and_separators_only_before_words():
    merged = alternation([f"my{SEP}older", f"my{SEP}sister"])
    assert merged == f"(?:my{SEP}(?:older|sister))"
    # a separator followed by punctuation could match in more than one way: not taken out
    assert SEP + "(?:" not in alternation([f"my{SEP}\\-a", f"my{SEP}b"])


def test_the_stem_bit_says_what_the_stem_search_says():
    engine = default_screener()._engine
    index, vocab = engine._index, engine._vocab
    assert vocab is not None and index.stem_bit
    for text in corpus():
        norm = normalise(text)
        words = set(re.findall("[a-z0-9]+", norm))
        _, bits = index.scan(words)
        assert bool(bits & index.stem_bit) == (vocab._stem_rx.search(norm) is not None), text


def test_word_pairs_add_up_to_the_same_floats_as_the_feature_strings():
    model = default_screener()._model
    assert model is not None
    bias_r, bias_u = model._w.bias
    for text in corpus()[::2]:
        words = re.findall("[a-z0-9]+", normalise(text))
        # the plain way: every feature as a string, looked up one by one
        shares = [model._share(word_features(w)) for w in words]
        pairs = model._share(pair_features(words))
        n = sum(s[0] for s in shares) + pairs[0]
        total_r = total_u = 0.0
        for s in shares:
            total_r += s[1]
            total_u += s[2]
        scale = 1.0 / math.sqrt(max(n, 1))
        plain = (bias_r + (total_r + pairs[1]) * scale, bias_u + (total_u + pairs[2]) * scale)
        assert model._scores(words) == plain, text


@pytest.mark.parametrize(
    "ident",
    [0, -7, 10**30, 1.5, 1e300, "a", 'q"uo\\te', "émoji 💊\u2028", None, True, [1, {"a": 2}], {}],
)
def test_a_none_line_is_the_bytes_the_encoder_writes_for_the_whole_record(ident: object):
    version = load_lexicon(TESTSETS.parent / "lexicon.yaml").version + "+m"
    result = ScreenResult(Level.NONE, (), (), version)
    assert _line(ident, result) == _dumps(_record(ident, result))


@pytest.mark.parametrize(
    "line",
    [
        '{"id": 1, "text": "a"}',
        '{"id":1,"text":"b"}\n',
        '{"id": 1} \t\r\n',
        '{"id": 1} x',
        '{"id": 1}\x0b',
        '{"id": ',
        "{}{}",
        '{"a": NaN, "b": 1e999}',
        '{"a": "\\ud800 lone half"}',
        "[1]",
        ' {"a": 1}',
        '\ufeff{"a": 1}',
        "",
    ],
)
def test_reading_a_line_gives_what_json_loads_gives_or_its_very_error(line: str):
    try:
        expected: object = json.loads(line)
    except ValueError as exc:
        with pytest.raises(type(exc)) as raised:
            _loads(line)
        assert str(raised.value) == str(exc)
    else:
        got = _loads(line)
        assert json.dumps(got) == json.dumps(expected)


def test_the_stem_bit_is_only_offered_when_every_stem_is_a_plain_word_start():
    empty = Lexicon(version="t", rules=(), combinations=(), negation=frozenset())
    plain = RuleIndex(empty, ("cut", "overdos"))
    assert plain.lookup("cutting")[2] & plain.stem_bit
    assert not plain.lookup("haircut")[2] & plain.stem_bit
    # "self-harm" spans two words: only a search of the text can tell, so no bit is offered
    assert RuleIndex(empty, ("cut", "self-harm")).stem_bit == 0
