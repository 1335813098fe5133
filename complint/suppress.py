"""Inline suppressions: find `complint: ignore[...]` comments, and apply them to findings."""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
    Union,
)

from .facts import FileProblem, Location, Suppression
from .findings import Finding
from .patterns import compile as compile_pattern

if TYPE_CHECKING:  # extraction reads the comments in processes that never check anything
    from .config import Config
    from .policy import Pack
    from .project import Project

# --------------------------------------------------------------------------- finding comments

# Comments are found by one regular expression per syntax whose alternatives are, in
# order, the things a comment marker may hide inside (strings, code fences) and the
# comments themselves: scanning left to right, a `#` inside a string is consumed as part
# of the string and never read as a comment.
_PY_STRING = (
    r"(?:\b[rRbBuUfF]{1,2})?(?:'''[\s\S]*?(?:'''|\Z)|\"\"\"[\s\S]*?(?:\"\"\"|\Z)"
    r"|'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\")"
)
_JS_STRING = r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|`(?:\\.|[^`\\])*`"
_DATA_STRING = r"'''[\s\S]*?(?:'''|\Z)|\"\"\"[\s\S]*?(?:\"\"\"|\Z)|'[^'\n]*'|\"(?:\\.|[^\"\\\n])*\""
_FENCE = r"^[ \t]*(?P<fence>```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*(?P=fence)[ \t]*$|\Z)"

_HASH = r"#[^\n]*"
_SLASH = r"//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)"
_HTML = r"<!--[\s\S]*?(?:-->|\Z)"
_JINJA = r"\{#[\s\S]*?(?:#\}|\Z)"


def _syntax(skip: Sequence[str], comments: Sequence[str]) -> "re.Pattern[str]":
    return compile_pattern(
        r"(?P<skip>%s)|(?P<comment>%s)" % ("|".join(skip) or r"(?!)", "|".join(comments)),
        re.MULTILINE,
    )


_PYTHON = _syntax([_PY_STRING], [_HASH])
# YAML and TOML: a `#` starts a comment only at the start of a line or after white space.
_DATA = _syntax([_DATA_STRING], [r"(?:(?<=\s)|^)" + _HASH])
_SCRIPT = _syntax([_JS_STRING], [_SLASH])
_MARKUP = _syntax([], [_HTML])
_MARKDOWN = _syntax([_FENCE], [_HTML])
_TEMPLATE = _syntax([], [_HTML, _JINJA])
# Single-file components: markup comments in the template, script comments in <script>.
_COMPONENT = _syntax([_JS_STRING], [_HTML, _SLASH])

# Each file kind's comment syntax, by suffix. A suffix missing here has no suppressions.
COMMENT_SYNTAX: Dict[str, "re.Pattern[str]"] = {
    **dict.fromkeys((".py", ".pyw", ".pyi"), _PYTHON),
    **dict.fromkeys((".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"), _SCRIPT),
    **dict.fromkeys((".htm", ".xml", ".svg"), _MARKUP),
    **dict.fromkeys((".md", ".markdown"), _MARKDOWN),
    # .html is often a Jinja or Django template: both comment forms count there.
    **dict.fromkeys((".html", ".jinja", ".jinja2", ".j2", ".djhtml"), _TEMPLATE),
    **dict.fromkeys((".vue", ".svelte"), _COMPONENT),
    # Configuration, manifests, gettext catalogues; requirements files (requirements*.txt, *.in).
    **dict.fromkeys((".yaml", ".yml", ".toml", ".txt", ".in", ".po"), _DATA),
}

_DELIMITERS = (("<!--", "-->"), ("{#", "#}"), ("/*", "*/"), ("//", ""), ("#", ""))
_DIRECTIVE = compile_pattern(r"(?:^|#\s*)complint:", re.IGNORECASE)
_FORM = compile_pattern(
    r"complint:\s*(?P<kind>ignore-file|ignore)(?![\w-])\s*(?:\[(?P<codes>[^\]]*)\])?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_REASON = compile_pattern(r"reason\s*:(.*)$", re.IGNORECASE | re.DOTALL)
_CODE = compile_pattern(r"^[A-Za-z]+[0-9]+$")
USAGE = "write `complint: ignore[CL201] reason: why` or `complint: ignore-file[CL201] reason: why`"
# Problems about suppression comments start with this, so they can be told from files
# that could not be analysed (where no suppression can be judged unused).
PROBLEM_PREFIX = "complint comment:"
UNUSED_SUPPRESSION = "CL901"  # judged here, once every other finding is known


def find_suppressions(text: str, path: str) -> Tuple[Suppression, ...]:
    """Every suppression comment in `text`, read in the comment syntax of `path`'s suffix."""
    return scan_suppressions(text, path)[0]


def scan_suppressions(text: str, path: str) -> Tuple[Tuple[Suppression, ...], Tuple[FileProblem, ...]]:
    """Suppressions, and a problem for each `complint:` comment that is not one."""
    syntax = COMMENT_SYNTAX.get(os.path.splitext(path)[1].lower())
    if syntax is None or "complint:" not in text.lower():
        return (), ()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: List[Suppression] = []
    problems: List[FileProblem] = []
    for match in syntax.finditer(text):
        if match.lastgroup != "comment":
            continue
        body = _strip_delimiters(match.group("comment"))
        directive = _DIRECTIVE.search(body)
        if directive is None:
            continue
        start = match.start("comment")
        line = bisect.bisect_right(line_starts, start)
        end_line = bisect.bisect_right(line_starts, match.end("comment") - 1)
        column = start - line_starts[line - 1] + 1
        words = body[directive.end() - len("complint:") :].strip()
        parsed = _parse_directive(words)
        if isinstance(parsed, str):
            problems.append(FileProblem(path, f"{PROBLEM_PREFIX} {parsed}", line, column))
            continue
        codes, reason, file_level = parsed
        end_column = match.end("comment") - line_starts[end_line - 1] + 1
        location = Location(path, line, column, end_line, end_column)
        found.append(Suppression(location, codes, reason, file_level))
    return tuple(found), tuple(problems)


def _strip_delimiters(comment: str) -> str:
    for opener, closer in _DELIMITERS:
        if comment.startswith(opener) and comment.endswith(closer):
            inner = comment[len(opener) : len(comment) - len(closer)].strip("-")  # {#- -#}
            # A block comment's continuation lines may start with ` * `.
            return re.sub(r"\n[ \t]*\*?", " ", inner).strip()
    return comment.strip()


def _parse_directive(words: str) -> Union[str, Tuple[Tuple[str, ...], str, bool]]:
    """(codes, reason, file_level), or a message saying what is wrong with the comment."""
    shown = f"`{_shorten(' '.join(words.split()))}`"
    form = _FORM.match(words)
    if form is None:
        return f"{shown} is not a suppression: {USAGE}"
    codes: Tuple[str, ...] = ()
    if form.group("codes") is not None:
        items = [c for c in re.split(r"[\s,]+", form.group("codes")) if c]
        bad = [c for c in items if not _CODE.match(c)]
        if not items or bad:
            what = f"{bad[0]!r} is not a rule code" if bad else "no rule code between [ ]"
            return f"{shown}: {what}: {USAGE}"
        codes = tuple(dict.fromkeys(c.upper() for c in items))
    rest = form.group("rest").strip()
    reason = _REASON.match(rest)
    if rest and reason is None:
        return f"{shown}: put the explanation after `reason:`, as in `complint: ignore[CL201] reason: why`"
    text = " ".join(reason.group(1).split()) if reason else ""
    return codes, text, form.group("kind").lower() == "ignore-file"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def directive_text(suppression: Suppression) -> str:
    """How a suppression reads in its comment: `complint: ignore[CL201]`."""
    kind = "ignore-file" if suppression.file_level else "ignore"
    codes = f"[{', '.join(suppression.codes)}]" if suppression.codes else ""
    return f"complint: {kind}{codes}"


# --------------------------------------------------------------------------- applying them


@dataclass(frozen=True)
class SuppressedFinding:
    """A finding kept out of the report, and what kept it out."""

    finding: Finding
    reason: str
    suppression: Optional[Suppression] = None  # None: per-file-ignores in the configuration


@dataclass(frozen=True)
class SuppressionOutcome:
    findings: Tuple[Finding, ...]  # still reported, with CL901 for unused suppressions
    suppressed: Tuple[SuppressedFinding, ...]


class _PerFileIgnores:
    """`per-file-ignores`: gitignore-style globs, relative to the project root, to code prefixes."""

    def __init__(self, config: Config) -> None:
        self.entries: List[Tuple[Any, str, Tuple[str, ...]]] = []
        if config.per_file_ignores:  # pathspec is imported only for them
            import pathspec

            self.entries = [
                (pathspec.GitIgnoreSpec.from_lines([glob]), glob, prefixes)
                for glob, prefixes in config.per_file_ignores
            ]
        # Globs are relative to the configuration's folder, paths to the scan root.
        folder = os.path.relpath(config.base, config.root).replace(os.sep, "/") if self.entries else "."
        self.prefix = "" if folder == "." else folder + "/"

    def match(self, finding: Finding) -> Optional[str]:
        if not finding.path.startswith(self.prefix):
            return None
        path = finding.path[len(self.prefix):]
        for spec, glob, prefixes in self.entries:
            if any(finding.code.startswith(p) for p in prefixes) and spec.match_file(path):
                return glob
        return None


def _covers(suppression: Suppression, finding: Finding, hygiene: Set[str]) -> bool:
    """Whether the comment names the finding's code and stands on its line or the line above."""
    if suppression.location.path != finding.location.path:
        return False
    if suppression.codes:
        if finding.code not in suppression.codes:
            return False
    elif finding.code in hygiene:
        return False  # a blanket comment must not hide the findings about itself
    if suppression.file_level:
        return True
    first, last = suppression.location.line, suppression.location.end_line or suppression.location.line
    return first <= finding.location.line <= last + 1


def apply_suppressions(findings: Sequence[Finding], project: Project, pack: Pack, config: Config) -> SuppressionOutcome:
    """Drop suppressed findings; report suppressions that suppress nothing as CL901."""
    hygiene = {code for code, spec in pack.checks.items() if spec.kind == "hygiene"}
    by_path: Dict[str, List[Suppression]] = {}
    for file_facts in project.files:
        if file_facts.suppressions:
            by_path[file_facts.path] = list(file_facts.suppressions)
    per_file = _PerFileIgnores(config)
    used: Dict[Suppression, Set[str]] = {}
    kept, suppressed = _split(findings, by_path, per_file, hygiene, used)
    unused = list(_unused_suppressions(project, pack, config, used))
    more_kept, more_suppressed = _split(unused, by_path, per_file, hygiene, {})
    kept += more_kept
    suppressed += more_suppressed
    kept.sort(key=Finding.sort_key)
    return SuppressionOutcome(tuple(kept), tuple(suppressed))


def _split(
    findings: Iterable[Finding],
    by_path: Dict[str, List[Suppression]],
    per_file: _PerFileIgnores,
    hygiene: Set[str],
    used: Dict[Suppression, Set[str]],
) -> Tuple[List[Finding], List[SuppressedFinding]]:
    kept: List[Finding] = []
    suppressed: List[SuppressedFinding] = []
    for finding in findings:
        # Every comment that covers the finding counts as used, not only the first.
        covering = [s for s in by_path.get(finding.location.path, ()) if _covers(s, finding, hygiene)]
        for s in covering:
            used.setdefault(s, set()).add(finding.code)
        glob = per_file.match(finding)
        if covering:
            suppressed.append(SuppressedFinding(finding, covering[0].reason, covering[0]))
        elif glob is not None:
            suppressed.append(SuppressedFinding(finding, f"per-file-ignores {glob!r}"))
        else:
            kept.append(finding)
    return kept, suppressed


def _unused_suppressions(
    project: Project, pack: Pack, config: Config, used: Dict[Suppression, Set[str]]
) -> Iterable[Finding]:
    from .rules import make_finding

    spec = pack.checks.get(UNUSED_SUPPRESSION)
    if spec is None or not config.selects(spec.code):
        return
    for file_facts in project.files:
        if any(not p.message.startswith(PROBLEM_PREFIX) for p in file_facts.problems):
            continue  # a file that could not be analysed: its findings are unknown
        for suppression in file_facts.suppressions:
            detail = _why_unused(suppression, used.get(suppression, set()), pack, config)
            if detail:
                directive = directive_text(suppression)
                yield make_finding(
                    spec, suppression.location, "high", construct=directive, directive=directive, detail=detail
                )


def _why_unused(suppression: Suppression, matched: Set[str], pack: Pack, config: Config) -> str:
    """Why the suppression (or some code it names) suppresses nothing; "" if it does its job."""
    scope = _scope(suppression)
    if not suppression.codes:
        return "" if matched else f"no finding is reported {scope}"
    reasons = [
        f"{code} is not a rule code{_suggest(code, pack)}" for code in suppression.codes if code not in pack.checks
    ]
    # Codes that did not run (deselected) or that judge suppressions cannot be judged here.
    idle = [
        code
        for code in suppression.codes
        if code in pack.checks and code not in matched and code != UNUSED_SUPPRESSION and config.selects(code)
    ]
    if idle:
        reasons.append(f"no {' or '.join(idle)} finding is reported {scope}")
    return "; ".join(reasons)


def _scope(suppression: Suppression) -> str:
    if suppression.file_level:
        return "in this file"
    first = suppression.location.line
    last = (suppression.location.end_line or first) + 1
    return f"on line {first} or {last}" if last == first + 1 else f"on lines {first} to {last}"


def _suggest(code: str, pack: Pack) -> str:
    import difflib  # only for a message

    close = difflib.get_close_matches(code, list(pack.checks), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else " (`complint rules` lists them)"
