"""The phrase grammar of lexicons: words, `{a|b}` choices and `{a|}` optional words.

Lexicon phrases are matched as whole words, case-insensitively, any run of white space
between words. A choice keeps long lists readable: `{write|generate} {five-star|fake}
reviews` is four phrases, compiled as one regular expression rather than expanded.
"""

from __future__ import annotations

import re
from typing import List, Tuple

_PIECES = re.compile(r"\{([^{}]*)\}|([^{}]+)|([{}])")


def phrase_pieces(phrase: str) -> List[Tuple[str, ...]]:
    """A phrase as pieces: text is a 1-tuple, `{a|b|}` a tuple of choices ("" = optional).

    A space beside an optional choice moves inside it, so `x {a|} y` and `x {a |}y` are
    the same phrase: "x a y" or "x y".
    """
    pieces: List[Tuple[str, ...]] = []
    for group, text, stray in (m.groups() for m in _PIECES.finditer(phrase)):
        if stray:
            raise ValueError(f"{phrase!r}: unbalanced braces")
        pieces.append(tuple(group.split("|")) if group is not None else (text,))
    for i, piece in enumerate(pieces):
        if len(piece) < 2 or "" not in piece:
            continue
        after = pieces[i + 1][0] if i + 1 < len(pieces) and len(pieces[i + 1]) == 1 else ""
        before = pieces[i - 1][0] if i > 0 and len(pieces[i - 1]) == 1 else ""
        if after[:1].isspace():
            pieces[i] = tuple(c + " " if c else c for c in piece)
            pieces[i + 1] = (after.lstrip(),)
        elif before[-1:].isspace() and i + 1 == len(pieces):
            pieces[i] = tuple(" " + c if c else c for c in piece)
            pieces[i - 1] = (before.rstrip(),)
    if not any("" not in piece and any(c.strip() for c in piece) for piece in pieces):
        raise ValueError(f"{phrase!r}: every word is optional")
    return pieces


def phrase_clauses(phrase: str) -> Tuple[Tuple[str, ...], ...]:
    """Words every match of the phrase contains: one tuple per word, any of its spellings.

    For a prefilter: a text without one word of each tuple cannot match the phrase.
    Words glued to a choice (`{un|}safe`) and optional choices are left out.
    """
    clauses: List[Tuple[str, ...]] = []
    tokens: List[List[Tuple[str, ...]]] = [[]]
    for piece in phrase_pieces(phrase):
        if len(piece) == 1:
            parts = re.split(r"(\s+)", piece[0])
            for part in parts:
                if part.isspace():
                    tokens.append([])
                elif part:
                    tokens[-1].append((part,))
        elif "" in piece and any(c != c.strip() for c in piece):
            tokens.append([])  # an optional word: `a {licensed |}professional` is "a", "professional"
        else:
            tokens[-1].append(piece)
    for token in tokens:
        if len(token) != 1 or "" in token[0]:
            continue
        words = [c.split() for c in token[0]]
        if all(words):
            clauses.append(tuple(dict.fromkeys(max(w, key=len).lower() for w in words)))
    return tuple(clauses)


def _text_regex(text: str) -> str:
    return "".join(r"\s+" if part.isspace() else re.escape(part) for part in re.split(r"(\s+)", text) if part)


def phrase_regex(phrase: str) -> str:
    """The phrase as a regular expression (without the whole-word guards around it)."""
    try:
        pieces = phrase_pieces(phrase.strip())
    except ValueError:  # a configured phrase (packs are checked when loaded): braces are text
        return _text_regex(" ".join(phrase.split()))
    out = []
    for piece in pieces:
        if len(piece) == 1:
            out.append(_text_regex(piece[0]))
        else:
            # Longest first, so the match (and the phrase reported) takes an optional word.
            out.append("(?:%s)" % "|".join(_text_regex(c) for c in sorted(piece, key=len, reverse=True)))
    return "".join(out)
