"""How deeply a source file nests, measured in one linear pass before a parser sees it.

tree-sitter and the JS/TS extractor's walks take time quadratic in the depth of an
expression tree (`"a" + "a" + ...`, `a[0][0]...`, `f(f(f(...)))`); Python's parser gives
up a few thousand levels down (RecursionError, MemoryError: extract/python.py reports
either), and the Python extractor's helpers that follow a name or an attribute chain
recurse. A file nested that deep is generated or hostile, never an app's own code, so it
is reported, the same way for every language, and not parsed. The scan counts brackets and operators outside strings and comments; it is an
estimate (a regular expression literal in JS is read as code), made to err on the side of
parsing.
"""

from __future__ import annotations

import re
from typing import FrozenSet, List, Optional

from ..patterns import compile as compile_pattern

# CPython itself refuses more than 200 nested brackets; no hand-written code comes close.
MAX_BRACKETS = 100
# Operators chained in one expression (each nests the tree one level): `"a" + "b" + ...`.
MAX_CHAIN = 500

# Strings end at their closing quote or, unclosed, at the end of the line (or of the file
# for triple quotes); every loop below takes each character in exactly one way, so no
# pattern backtracks.
_PY_TOKENS = compile_pattern(
    r"""(?P<skip>\#[^\n]*|\\\r?\n"""
    r"""|\"\"\"(?:[^\"\\]|\\[\s\S]|\"(?!\"\"))*(?:\"\"\"|\\?\Z)"""
    r"""|'''(?:[^'\\]|\\[\s\S]|'(?!''))*(?:'''|\\?\Z)"""
    r"""|\"(?:[^\"\\\n]|\\[\s\S])*\"?|'(?:[^'\\\n]|\\[\s\S])*'?)"""
    r"""|(?P<open>[(\[{])|(?P<close>[)\]}])|(?P<newline>\n)"""
    r"""|(?P<sep>[,;:]|(?:[-+*/%@&|^]|\*\*|//|<<|>>)?=(?!=)|->)"""
    r"""|(?P<op>\*\*|//|<<|>>|[=!<>]=|[-+*/%@&|^~<>.])|(?P<word>[^\W\d]\w*)"""
)
_JS_TOKENS = compile_pattern(
    r"""(?P<skip>//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/|\Z)"""
    r"""|"(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?|`(?:[^`\\]|\\[\s\S])*`?)"""
    r"""|(?P<open>[(\[{])|(?P<close>[)\]}])|(?P<newline>\n)"""
    r"""|(?P<sep>[,;:]|(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?![=>])|=>)"""
    r"""|(?P<op>\?\?|&&|\|\||\*\*|<<|>>>?|[=!]==?|[<>]=|[-+*/%&|^~<>.!?])|(?P<word>[^\W\d]\w*)"""
)
# Per language: the tokens, and whether a line break ends a statement only outside brackets
# (Python) or wherever the next token does not continue the expression (JS and its
# automatic semicolons: `"a"\n + "b"` goes on).
_LANGUAGES = {"python": (_PY_TOKENS, False), "javascript": (_JS_TOKENS, True)}
# Keywords that nest an expression like an operator (`not not x`, `a if b else c if ...`).
# Matching every name, not only these, lets the search skip a name at once.
_KEYWORDS = {
    "python": frozenset({"not", "and", "or", "if", "else", "lambda", "await", "in", "is"}),
    "javascript": frozenset({"new", "typeof", "await", "void", "delete", "in", "instanceof"}),
}


def nesting_problem(source: str, language: str) -> Optional[str]:
    """"too deeply nested to analyse (N levels)" when `source` nests beyond what its parser
    and the extractor handle in time, else None. `language`: "python" or "javascript"."""
    depth = _deepest(source, *_LANGUAGES[language], _KEYWORDS[language])
    if depth is None:
        return None
    return f"skipped: too deeply nested to analyse ({depth:,} levels)"


def _deepest(
    source: str, tokens: "re.Pattern[str]", line_breaks_anywhere: bool, keywords: FrozenSet[str]
) -> Optional[int]:
    """The deepest nesting, counted as brackets or as the length of an operator chain
    (brackets included), when it is beyond a limit; None when the file stays within both."""
    # Per open bracket: the chain length before it. A chain is reset by a separator at its
    # own level; a bracketed group counts as one link of the enclosing chain.
    saved: List[int] = []
    chain = base = deepest = brackets = 0
    line_start = -1  # after a line break that ends the statement unless an operator follows
    after_op = False  # the last token was an operator: a line break does not end the statement
    for match in tokens.finditer(source):
        kind = match.lastgroup
        if kind == "word":
            if match.group() not in keywords:
                after_op = False  # a name: a value
                continue
            kind = "op"
        elif kind == "skip":
            if match.group()[0] not in "#/\\":
                after_op = False  # a string: a value
            continue
        was_op = after_op
        if line_start >= 0:
            if kind != "op" or source[line_start : match.start()].strip():
                chain = base  # a name or a value begins the line: a new statement
            line_start = -1
        after_op = kind == "op"
        if after_op:
            chain += 1
        elif kind == "open":
            saved.append(chain)
            chain = base = chain + 1
            brackets = max(brackets, len(saved))
        elif kind == "close":
            if saved:
                chain = saved.pop() + 1
                base = saved[-1] + 1 if saved else 0
        elif kind == "sep":
            chain = base
        elif line_breaks_anywhere:
            line_start = -1 if was_op else match.end()
        elif not saved:
            chain = 0
        deepest = max(deepest, chain)
    if brackets > MAX_BRACKETS:
        return brackets
    return deepest if deepest > MAX_CHAIN else None
