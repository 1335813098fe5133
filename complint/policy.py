"""Load and validate policy packs (`checks/`): checks, clauses, examples and lexicons."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from .errors import UsageError
from .findings import SEVERITIES
from . import checkedpack, derived, patterns
from .phrases import CJK, HAS_CJK, Act, Frame, fold, phrase_pieces, phrases_pattern

CODE_RE = re.compile(r"^CL\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED_TEXT = ("summary", "clause", "message", "rationale", "fix")
# policy: enforces a clause of the policy text. hygiene: keeps complint's own
# annotations honest (unused suppressions, ...), so it quotes no clause (`clause: null`).
CHECK_KINDS = ("policy", "hygiene")
# A check's `categories` name lexicons by what they find (see Category); a category's
# other keys are `label`, `domain` and `allowed-with-review`.
CATEGORY_ROLES = ("uses", "subjects", "actions", "mentions", "calls", "decisions", "scores")


class PolicyError(UsageError):
    """A policy pack that cannot be used; the scan must stop (exit 2)."""


@dataclass(frozen=True)
class Example:
    title: str
    files: Tuple[Tuple[str, str], ...]  # (relative path, content)


@dataclass(frozen=True)
class Category:
    """A sub-category of a check (gambling, under economic harm) and the lexicons that find it.

    uses: phrases that name the use on their own. subjects + actions: a phrase of each, in
    one text, name it together ("lawyer" + "exactly what to do in their case"). mentions:
    phrases that make a text about the use rather than a use (detect, moderate, recovery).
    calls: library calls that perform it. decisions: answers code acts on ("REJECT").
    scores: requests for a number ("rate the résumé from 1 to 10") that make code setting
    the model's number against a threshold (`if score >= 7`) a decision too.
    """

    name: str
    label: str
    lexicons: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()  # (role, lexicon names)
    domain: str = ""  # a regulated domain; declaring it supplies the subject
    allowed_with_review: bool = False  # a declared human-review of `domain` allows the use

    def role(self, role: str) -> Tuple[str, ...]:
        return next((names for r, names in self.lexicons if r == role), ())


@dataclass(frozen=True)
class CheckSpec:
    code: str
    name: str
    severity: str
    summary: str
    clause: str
    message: str
    rationale: str
    fix: str
    section: str
    section_title: str
    source: str
    known_problems: str = ""
    examples: Tuple[Example, ...] = ()
    kind: str = "policy"
    categories: Tuple[Category, ...] = ()
    obligation: str = ""  # what the policy asks, as a checklist item: "Tell users they talk to an AI"
    # `fix-examples`: the fix's `{example}` written for each kind of app (its framework's
    # own construct: `st.caption(...)`, an HTML element, a bot's greeting); `fix` holds the
    # "default" one.
    fix_template: str = ""
    fix_examples: Tuple[Tuple[str, str], ...] = ()

    def fix_for(self, kind: str) -> str:
        """The fix, with its example in the construct of this kind of app when the pack has one."""
        if not self.fix_template:
            return self.fix
        examples = dict(self.fix_examples)
        return self.fix_template.replace("{example}", examples.get(kind, examples["default"]))


class Lexicon:
    """Phrases matched as whole words, case-insensitively, unless a negation precedes them."""

    def __init__(
        self, name: str, phrases: Sequence[str], negations: Sequence[str] = (), qualifies: bool = False,
        acts: Sequence[Act] = (), frames: Sequence[Frame] = (),
    ):
        self.name = name
        self.phrases = tuple(dict.fromkeys(p.strip() for p in phrases if p.strip()))
        self.negations = tuple(n.lower() for n in negations)
        # Verbs and their objects in one clause (`phrases.Act`): what a text asks for, in
        # any words of a class of synonyms, not one sentence of a list.
        self.acts = tuple(acts)
        # Words of several classes near each other (`phrases.Frame`): what an app does, read
        # from its mechanics (a game, a stake, a payout) rather than from one phrase.
        self.frames = tuple(frames)
        # Its phrases only qualify a text another lexicon has made relevant (a given name
        # after "you are", a refusal beside a use): alone they change no finding, so the
        # prefilter does not look for them.
        self.qualifies = qualifies

    # Compiled when first matched: a pack holds a hundred lexicons, their expressions take
    # a fifth of a second to compile, and a scan that finds little text needs few of them.
    @functools.cached_property
    def pattern(self) -> Optional["re.Pattern[str]"]:
        return _phrase_pattern(self.phrases)

    @functools.cached_property
    def _negated(self) -> Optional["re.Pattern[str]"]:
        # "not a bot", "never an AI": negation, optional article, then the phrase. A
        # negation ending in "-" is a prefix of the phrase itself: "anti-fraud".
        words = [re.escape(n) for n in self.negations if not n.endswith("-")]
        prefixes = [re.escape(n) for n in self.negations if n.endswith("-")]
        # A negation in Chinese, Japanese or Korean stands right before the phrase, in a run
        # of its script: "不是机器人".
        glued = [re.escape(n) for n in self.negations if HAS_CJK.search(n)]
        words = [w for w in words if not HAS_CJK.search(w)]
        negated = [r"(?:%s)\s+(?:(?:a|an|the|ein|eine|un|une)\s+)?" % "|".join(words)] if words else []
        negated += [r"(?:%s)" % "|".join(prefixes)] if prefixes else []
        either = [r"(?:^|\W)(?:%s)" % "|".join(negated)] if negated else []
        either += [r"(?:%s)\s*" % "|".join(glued)] if glued else []
        return patterns.compile(r"(?:%s)$" % "|".join(either), re.IGNORECASE) if either else None

    @functools.cached_property
    def _anchors(self) -> Optional[Tuple[str, ...]]:
        """Lower-case ASCII words, one of which every match holds (`phrase_anchor`); None
        when a phrase has none, and then every text is searched."""
        return _anchors_of(
            self.phrases + tuple(o for act in self.acts for o in act.objects) + tuple(p for f in self.frames for p in f.must_phrases())
        )

    # How many short texts `could_match` was asked about, up to _MANY_TEXTS.
    _texts_asked = 0

    @functools.cached_property
    def _anchor_pattern(self) -> "Optional[re.Pattern[str]]":
        """Finds any of `_anchors` in a folded text: one search instead of a substring test
        per anchor word (half the time over the 47,000 texts of a site of 500 pages), made
        for a lexicon asked about many texts (a small app's few would not pay for making it)."""
        anchors = self._anchors
        return patterns.compile("|".join(map(re.escape, anchors))) if anchors is not None else None

    @functools.cached_property
    def _phrase_anchors(self) -> Optional[Tuple[str, ...]]:
        """Like `_anchors`, for the phrases alone (not the acts' objects)."""
        return _anchors_of(self.phrases) if self.acts or self.frames else self._anchors

    @functools.cached_property
    def _reach(self) -> int:
        """The most characters other than white space a match of a phrase can hold."""
        return max((len(p) for p in self.phrases), default=0)

    def could_match(self, text: str) -> bool:
        """False when no phrase can be in `text`: it lacks a word each phrase needs. Spares
        compiling the expression for texts that could never match it."""
        anchors = self._anchors
        if anchors is None:
            return True
        if len(text) <= _WHOLE_TEXT:
            if self._texts_asked < _MANY_TEXTS:  # a few texts: not worth making the search
                self._texts_asked += 1
                return any(map(_folded(text).__contains__, anchors))  # the tests run in C
            return bool(anchors) and self._anchor_pattern.search(_folded(text)) is not None  # type: ignore[union-attr]
        # A long text: many lexicons ask about the same words, and each look is a search
        # of the whole text, so each word is looked for once.
        folded, seen = _folded(text), _seen(text)
        for word in anchors:
            found = seen.get(word)
            if found is None:
                found = seen[word] = word in folded
            if found:
                return True
        return False

    def anchors_in(self, text: str) -> Optional[Tuple[str, ...]]:
        """The anchor words `text` holds: a part of it that holds none of them cannot match
        (so a caller that reads a text part by part skips those parts with a few substring
        tests instead of all the anchors). None when the lexicon has no anchors."""
        anchors = self._anchors
        if anchors is None:
            return None
        return tuple(filter(_folded(text).__contains__, anchors))

    def matches(self, text: str) -> Iterator["re.Match[str]"]:
        """Every occurrence of a phrase in `text` that no negation precedes."""
        if not self.could_match(text):
            return
        if self.acts or self.frames:
            yield from self._act_matches(text)
        if self.pattern is None:  # no phrase: no anchor, no pattern
            return
        for start, end in self._ranges(text):
            for match in self.pattern.finditer(text, start, end):
                if not self._negated_at(text, match.start()):
                    yield match

    def _ranges(self, text: str) -> List[Tuple[int, int]]:
        """Where in `text` a phrase can match: every match holds an anchor word of its
        phrase, and reaches at most `_reach` characters other than white space either side
        of it, so a long text is searched only around its anchors (a regular expression
        of many phrases costs a try at every position: a 160 KB text took a tenth of a
        second per lexicon). Each range ends before a character that is not a word's, so
        the expression's "no word character after" sees there what it would in `text`."""
        anchors = self._phrase_anchors
        if anchors is None or len(text) <= _WHOLE_TEXT:
            return [(0, len(text))]
        folded = _folded(text)
        found: List[Tuple[int, int]] = []
        for word in anchors:
            at = folded.find(word)
            while at >= 0:
                found.append((at, at + len(word)))
                at = folded.find(word, at + 1)
        found.sort()
        reach, stretch = self._reach, _stretch(self._reach)
        ranges: List[Tuple[int, int]] = []
        open_ended = False  # the last range ends at its anchors' end, not yet widened
        for i, (start, end) in enumerate(found):
            if ranges and (open_ended or start <= ranges[-1][1]):  # in the range so far
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
            else:
                left = len(text) - stretch.match(_reversed(text), len(text) - start).end()
                ranges.append((left, end))
            # A range is widened only where no anchor follows closely: a window reaches at
            # least `reach` characters on, so the next anchor, that near, is inside it.
            last = ranges[-1][1]
            open_ended = i + 1 < len(found) and found[i + 1][0] <= last + reach
            if not open_ended:
                right = stretch.match(text, last).end()
                ranges[-1] = (ranges[-1][0], _WORD_RUN.match(text, right).end())  # type: ignore[union-attr]
        return ranges

    def _negated_at(self, text: str, start: int) -> bool:
        before = text[max(0, start - 24) : start]
        return self._negated is not None and self._negated.search(before) is not None

    def _act_matches(self, text: str) -> Iterator["ActMatch"]:
        negations = frozenset(n for n in self.negations if not n.endswith("-"))
        found = [
            ActMatch(parts[0][0], parts[-1][1], said, parts)
            for act in self.acts
            for parts, said in act.matches(text, negations)
            if not self._negated_at(text, parts[0][0])
        ]
        found += [ActMatch(parts[0][0], parts[0][1], said, parts) for frame in self.frames for parts, said in frame.matches(text, self._negated_at)]
        yield from sorted(found, key=ActMatch.start)

    def find(self, text: str) -> Optional[str]:
        """The first phrase that occurs in `text`, not negated; None if there is none.
        Kept for the texts asked last: checks ask again about the same texts (each
        domain's disclaimer check reads every text for the AI-disclosure and limitation
        lexicons)."""
        found = self._found.get(text, _NOT_ASKED)
        if found is _NOT_ASKED:
            if len(self._found) >= _FOUND_KEPT:
                self._found.clear()
            found = self._found[text] = next((m.group(0) for m in self.matches(text)), None)
        return found  # type: ignore[return-value]

    @functools.cached_property
    def _found(self) -> Dict[str, Optional[str]]:
        return {}

    def extended(self, extra: Sequence[str]) -> "Lexicon":
        return Lexicon(self.name, self.phrases + tuple(extra), self.negations, self.qualifies, self.acts, self.frames)

    def needs(self) -> Iterator[Tuple[str, ...]]:
        """For a prefilter: the phrases a match needs, all in the texts of a file; one tuple
        per way the lexicon can match (a phrase, or an act's verb and object)."""
        for phrase in self.phrases:
            yield (phrase,)
        for act in self.acts:
            yield act.needs()
        for frame in self.frames:
            for phrase in frame.must_phrases():
                yield (phrase,)


class ActMatch:
    """An act found in a text, read as a match: its span, and the words that decided it."""

    __slots__ = ("_start", "_end", "_said", "parts")

    def __init__(self, start: int, end: int, said: str, parts: Tuple[Tuple[int, int], ...] = ()) -> None:
        self._start, self._end, self._said = start, end, said
        self.parts = parts or ((start, end),)  # where its own words stand: the verb, the object

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> Tuple[int, int]:
        return self._start, self._end

    def group(self, _: int = 0) -> str:
        return self._said


@derived.kept("anchors-of", each=True)
def _anchors_of(phrases: Tuple[str, ...]) -> Optional[Tuple[str, ...]]:
    """The anchor words of a lexicon's phrases, kept as one answer (a lexicon with acts has
    hundreds of phrases, each looked up in the store by itself before)."""
    words: List[str] = []
    for phrase in phrases:
        anchor = phrase_anchor(phrase)
        if anchor is None:
            return None
        words.extend(anchor)
    return tuple(dict.fromkeys(words))


# What an anchor is cut from: ASCII, Cyrillic, and Chinese, Japanese and Korean, whose case
# (none for the last three) `fold` turns as a case-insensitive search does.
_ASCII_RUN = patterns.compile(r"[!-~\u0400-\u045f%s]+" % CJK)  # whole scripts: from the store


@derived.kept("anchor")
def phrase_anchor(phrase: str) -> Optional[Tuple[str, ...]]:
    """Lower-case ASCII strings one of which the folded text of every match of `phrase`
    holds: a piece every match has (a word, or any of a choice's spellings), each cut to
    its longest run of ASCII without white space ("don’t" holds "don"); the piece whose
    shortest such run is longest. None when there is none (a configured phrase with stray
    braces, or one of only non-ASCII words)."""
    try:
        pieces = phrase_pieces(phrase)
    except ValueError:
        return None
    best: Optional[Tuple[str, ...]] = None
    for piece in pieces:
        if "" in piece:
            continue  # optional: not in every match
        runs = [max(_ASCII_RUN.findall(choice), key=len, default="").lower() for choice in piece]
        if all(runs) and (best is None or min(map(len, runs)) > min(map(len, best))):
            best = tuple(dict.fromkeys(runs))
    return best


# Texts up to this long are searched whole: finding the ranges would cost more.
_WHOLE_TEXT = 2048
# After this many short texts a lexicon looks for its anchor words with one search.
_MANY_TEXTS = 200
# What `Lexicon.find` keeps: the answers for this many texts, a lexicon (then it starts again).
_FOUND_KEPT = 50_000
_NOT_ASKED = object()
_WORD_RUN = re.compile(r"\w*")


@functools.lru_cache(maxsize=64)
def _folded(text: str) -> str:
    """`fold(text)`, once per text however many lexicons ask (same length as `text`)."""
    return fold(text)


@functools.lru_cache(maxsize=8)
def _seen(text: str) -> Dict[str, bool]:
    """For a long text: which anchor words it holds, as far as asked."""
    return {}


@functools.lru_cache(maxsize=None)
def _stretch(reach: int) -> "re.Pattern[str]":
    return patterns.compile(r"(?:\s*\S){0,%d}" % reach)


@functools.lru_cache(maxsize=8)
def _reversed(text: str) -> str:
    return text[::-1]


def _phrase_pattern(phrases: Sequence[str]) -> Optional["re.Pattern[str]"]:
    if not phrases:
        return None
    return patterns.compile(phrases_pattern(phrases), re.IGNORECASE)


@dataclass(frozen=True)
class Pack:
    name: str
    version: str
    policy_title: str
    policy_text: str
    checks: Mapping[str, CheckSpec]
    lexicons: Mapping[str, Lexicon]
    sections: Tuple[Tuple[str, str], ...]  # (id, title) in catalogue order
    digest: str  # hash of every file in the pack, for the facts cache
    root: str = ""
    extra: Dict[str, Any] = field(default_factory=dict)
    # About the cache of the parsed pack (a damaged one was discarded): facts.FileProblem,
    # reported with the scan's other problems, never fatal.
    notes: Tuple[Any, ...] = ()

    def check(self, code: str) -> CheckSpec:
        return self.checks[code]

    def lexicon(self, name: str) -> Lexicon:
        try:
            return self.lexicons[name]
        except KeyError:
            raise PolicyError(f"policy pack {self.name}: no lexicon named {name!r}") from None


def builtin_pack_dir() -> Path:
    here = Path(__file__).resolve().parent
    # Installed wheels carry the pack inside the package; a source checkout keeps it beside.
    for candidate in (here / "checks", here.parent / "checks"):
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise PolicyError("the built-in policy pack (checks/) is missing: reinstall complint")


def _load_yaml(path: Path, data: bytes) -> Any:
    """`data`, the bytes of the pack file `path`, parsed."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(data, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PolicyError(f"{path}{where}: invalid YAML: {problem}") from None


# The pack's YAML files, parsed, in a scan's cache directory (`load_pack`).
PACK_CACHE = "pack.json"
SHARED_PACK_CACHE = "parsed-pack.json"
_PACK_CACHE_FORMAT = 1


def _read(path: Path, key: str = "") -> bytes:
    """A pack file's bytes; `key`: the setting that named it, for the message."""
    try:
        return path.read_bytes()
    except OSError as exc:
        where = f"{key}: cannot read {path}" if key else f"{path}: cannot read"
        raise PolicyError(f"{where}: {exc.strerror or exc}") from None


class _ParsedYaml:
    """The pack's files (their bytes, read once) parsed, from the cache when it holds
    their digest, else by PyYAML (and then kept, if JSON says back exactly what YAML said)."""

    def __init__(self, cache_dir: Optional[Path], contents: Dict[Path, bytes]) -> None:
        # Without a scan's cache (`--no-cache`, `complint rules`), beside complint's bytecode,
        # where the compiled patterns are: the pack is part of what is installed.
        self.shared = cache_dir is None
        self.path = cache_dir / PACK_CACHE if cache_dir is not None else patterns.beside_bytecode(SHARED_PACK_CACHE)
        self.contents = contents
        hasher = hashlib.sha256(str(_PACK_CACHE_FORMAT).encode())
        for path, data in contents.items():
            hasher.update(path.name.encode() + b"\0" + data + b"\0")
        self.digest = digest = hasher.hexdigest()
        self.files: Dict[str, Any] = {}
        self.fresh = False  # parsed here: worth keeping
        self.notes: List[Any] = []
        if self.path is None:
            return
        import json

        from .files import read_regular

        try:
            cached = json.loads(read_regular(self.path))
        except FileNotFoundError:
            return
        except (OSError, ValueError, RecursionError) as exc:  # discarded, said, and written anew
            from .cache import short_reason

            reason = short_reason(exc)
            self._note(f"the cache of the parsed policy pack cannot be used ({reason}); it was discarded and will be rebuilt")
            return
        if not isinstance(cached, dict) or not isinstance(cached.get("files"), dict) or not isinstance(cached.get("digest"), str):
            self._note("the cache of the parsed policy pack is damaged; it was discarded and will be rebuilt")
        elif cached["digest"] == digest:
            self.files = cached["files"]  # another digest: another pack, quietly replaced

    def discard(self, exc: Exception) -> None:
        """The cached files failed the pack's checks, where the YAML they were made from
        passed them: the cache was damaged. Parse the YAML again and say so."""
        self.files, self.fresh = {}, True
        self._note(
            f"the cache of the parsed policy pack is damaged (it fails the checks its YAML passes: "
            f"{type(exc).__name__}); it was discarded and will be rebuilt"
        )

    def _note(self, message: str) -> None:
        from .facts import FileProblem

        self.notes.append(FileProblem(str(self.path), message))

    def load(self, path: Path) -> Any:
        if path.name not in self.files:
            self.files[path.name] = _load_yaml(path, self.contents[path])
            self.fresh = True
        return self.files[path.name]

    def save(self) -> None:
        if self.path is None or not self.fresh:
            return
        import json

        from .cache import dumps, write_json

        try:
            text = dumps({"digest": self.digest, "files": self.files})
            if json.loads(text)["files"] != self.files:
                return  # a value JSON cannot hold as it is (a date, a number as a key)
            if self.shared:  # no cache marks there: it is no project's cache folder
                patterns.keep(self.path, text.encode("utf-8", "backslashreplace"))
            else:
                write_json(self.path, text)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written costs the next run a parse, nothing more


def _normalise(text: str) -> str:
    return " ".join(text.split())


def load_pack(directory: Optional[Path] = None, cache_dir: Optional[Path] = None) -> Pack:
    """The policy pack in `directory` (default: the built-in one), checked.

    `cache_dir`: where a scan keeps its caches. The pack's YAML, parsed, is kept there as
    JSON (`PACK_CACHE`) for the pack's digest: a warm scan then neither imports nor runs a
    YAML parser; without one, beside complint's bytecode (`SHARED_PACK_CACHE`, where
    Python writes bytecode). The checks run on the data either way.
    """
    directory = directory or builtin_pack_dir()
    meta_path = directory / "pack.yaml"
    if not meta_path.is_file():
        raise PolicyError(f"{directory}: not a policy pack (no pack.yaml)")
    section_files = sorted(p for p in directory.glob("*.yaml") if p.name != "pack.yaml")
    contents = {path: _read(path) for path in [meta_path, *section_files]}
    # The built-in pack, without a scan's cache: as checked by a run before (checkedpack.py).
    store = cache_dir is None and directory == builtin_pack_dir()
    pack = checkedpack.kept(directory, contents) if store else None
    if pack is not None:
        return pack
    # With a scan's cache: the pack checked from its parsed copy, kept beside the bytecode,
    # while that copy holds the bytes it was checked from (a touched run checked the pack
    # again in every process; a copy damaged since is read, and noted, as before).
    kept_at = checkedpack.for_scans() if cache_dir is not None and directory == builtin_pack_dir() else None
    if kept_at is not None:
        witness = _cached_bytes(cache_dir / PACK_CACHE)
        pack = checkedpack.kept(directory, contents, kept_at, witness) if witness else None
        if pack is not None:
            return pack
    parsed = _ParsedYaml(cache_dir, contents)
    if not parsed.files:
        pack = _pack_from(directory, meta_path, section_files, parsed)
    else:
        try:
            pack = _pack_from(directory, meta_path, section_files, parsed)
        except Exception as exc:  # noqa: BLE001 - the cache, not the pack: JSON of the right digest, damaged
            parsed.discard(exc)
            pack = _pack_from(directory, meta_path, section_files, parsed)
    if store:
        checkedpack.keep(directory, contents, parsed.load(meta_path)["policy"]["text"], pack)
    elif kept_at is not None and not pack.notes:
        witness = _cached_bytes(cache_dir / PACK_CACHE)
        if witness:
            checkedpack.keep(directory, contents, parsed.load(meta_path)["policy"]["text"], pack, kept_at, witness)
    return pack


def _cached_bytes(path: Path) -> bytes:
    from .files import read_regular

    try:
        return read_regular(path)
    except OSError:
        return b""


def _pack_from(directory: Path, meta_path: Path, section_files: List[Path], parsed: "_ParsedYaml") -> Pack:
    meta = parsed.load(meta_path)
    if not isinstance(meta, dict):
        raise PolicyError(f"{meta_path}: expected a mapping with name, version and policy")
    name = _text(meta, "name", meta_path)
    version = str(_require(meta, "version", meta_path))
    policy = _require(meta, "policy", meta_path)
    if not isinstance(policy, dict):
        raise PolicyError(f"{meta_path}: policy: expected a mapping with title and text")
    text_path = directory / _text(policy, "text", meta_path, "policy.")
    text_bytes = _read(text_path, f"{meta_path}: policy.text")
    try:
        policy_text = text_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{meta_path}: policy.text: {text_path} is not UTF-8 ({exc.reason})") from None

    digest = hashlib.sha256()
    for path, data in [(meta_path, parsed.contents[meta_path]), (text_path, text_bytes)] + [
        (path, parsed.contents[path]) for path in section_files
    ]:
        digest.update(path.name.encode() + b"\0" + data)

    checks: Dict[str, CheckSpec] = {}
    lexicons: Dict[str, Lexicon] = {}
    sections: List[Tuple[str, str]] = []
    normalised_policy = _normalise(policy_text)
    for path in section_files:
        _load_section(path, parsed.load(path), normalised_policy, checks, lexicons, sections)
    _check_category_lexicons(checks, lexicons)
    parsed.save()
    return Pack(
        name=name,
        version=version,
        policy_title=str(policy.get("title", "")),
        policy_text=policy_text,
        checks=dict(sorted(checks.items())),
        lexicons=lexicons,
        sections=_catalogue_order(sections, checks),
        digest=digest.hexdigest()[:16],
        root=str(directory),
        notes=tuple(parsed.notes),
    )


def _catalogue_order(sections: List[Tuple[str, str]], checks: Mapping[str, CheckSpec]) -> Tuple[Tuple[str, str], ...]:
    """Sections by their first code (CL001, CL101, CL201, ...), not by file name; sections
    with only lexicons last."""
    first = {}
    for code, spec in sorted(checks.items()):
        first.setdefault(spec.section, code)
    return tuple(sorted(sections, key=lambda s: (s[0] not in first, first.get(s[0], ""))))


def _require(data: Mapping[str, Any], key: str, path: Path, prefix: str = "") -> Any:
    if key not in data or data[key] in (None, ""):
        raise PolicyError(f"{path}: {prefix}{key}: missing")
    return data[key]


def _text(data: Mapping[str, Any], key: str, path: Path, prefix: str = "") -> str:
    value = _require(data, key, path, prefix)
    if not isinstance(value, str):
        raise PolicyError(f"{path}: {prefix}{key}: expected text, got {type(value).__name__}")
    return value


def _load_section(
    path: Path,
    data: Any,
    policy_text: str,
    checks: Dict[str, CheckSpec],
    lexicons: Dict[str, Lexicon],
    sections: List[Tuple[str, str]],
) -> None:
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping with section, title and checks")
    unknown = set(data) - {"section", "title", "checks", "lexicons"}
    if unknown:
        raise PolicyError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    section = _text(data, "section", path)
    title = _text(data, "title", path)
    sections.append((section, title))
    raw_checks = data.get("checks") or []
    if not isinstance(raw_checks, list):
        raise PolicyError(f"{path}: checks: expected a list")
    for index, raw in enumerate(raw_checks):
        spec = _load_check(raw, path, f"checks[{index}].", section, title, policy_text)
        if spec.code in checks:
            raise PolicyError(
                f"{path}: {spec.code} is defined twice (also in {checks[spec.code].source})"
            )
        checks[spec.code] = spec
    for lex_name, raw in (data.get("lexicons") or {}).items():
        if lex_name in lexicons:
            raise PolicyError(f"{path}: lexicon {lex_name!r} is defined twice")
        if not isinstance(raw, dict) or not isinstance(raw.get("phrases", []), list) or not (raw.get("phrases") or raw.get("acts") or raw.get("frames")):
            raise PolicyError(f"{path}: lexicons.{lex_name}: expected a mapping with phrases, acts or frames")
        phrases = _checked_phrases(_strings(raw.get("phrases") or [], path, f"lexicons.{lex_name}.phrases"), path, f"lexicons.{lex_name}.phrases")
        negations = _strings(raw.get("negations") or [], path, f"lexicons.{lex_name}.negations")
        unknown = set(raw) - {"phrases", "negations", "qualifies", "acts", "frames"}
        if unknown:
            raise PolicyError(f"{path}: lexicons.{lex_name}: unknown key {sorted(unknown)[0]!r}; keys are phrases, acts, frames, negations, qualifies")
        acts = _load_acts(raw.get("acts") or [], path, f"lexicons.{lex_name}.acts")
        frames = _load_frames(raw.get("frames") or [], path, f"lexicons.{lex_name}.frames")
        qualifies = raw.get("qualifies", False)
        if not isinstance(qualifies, bool):
            raise PolicyError(f"{path}: lexicons.{lex_name}.qualifies: expected true or false")
        lexicons[lex_name] = Lexicon(lex_name, phrases, negations, qualifies, acts, frames)


_ACT_KEYS = ("verbs", "objects", "context", "window", "not-between", "context-reach", "unless", "either-order")


def _load_acts(raw: Any, path: Path, where: str) -> List[Act]:
    """A lexicon's `acts`: each a mapping of verbs and objects (lists of phrases), and
    optionally context (phrases), context-reach (characters), window (words),
    not-between (words), unless (phrases) and either-order (true: the object may come
    first)."""
    if not isinstance(raw, list):
        raise PolicyError(f"{path}: {where}: expected a list of acts (verbs and objects)")
    acts = []
    for index, entry in enumerate(raw):
        here = f"{where}[{index}]"
        if not isinstance(entry, dict) or not entry.get("verbs") or not entry.get("objects"):
            raise PolicyError(f"{path}: {here}: expected a mapping with verbs and objects")
        unknown = set(entry) - set(_ACT_KEYS)
        if unknown:
            raise PolicyError(f"{path}: {here}: unknown key {sorted(unknown)[0]!r}; keys are {', '.join(_ACT_KEYS)}")
        lists = {}
        for key in ("verbs", "objects", "context", "not-between", "unless"):
            value = entry.get(key) or []
            if not isinstance(value, list):
                raise PolicyError(f"{path}: {here}.{key}: expected a list")
            lists[key] = _checked_phrases(_strings(value, path, f"{here}.{key}"), path, f"{here}.{key}")
        window = entry.get("window", 6)
        if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 20:
            raise PolicyError(f"{path}: {here}.window: expected a number of words from 0 to 20")
        reach = entry.get("context-reach", 0)
        if not isinstance(reach, int) or isinstance(reach, bool) or not 0 <= reach <= 2000:
            raise PolicyError(f"{path}: {here}.context-reach: expected a number of characters from 0 to 2000")
        either = entry.get("either-order", False)
        if not isinstance(either, bool):
            raise PolicyError(f"{path}: {here}.either-order: expected true or false")
        _no_cjk(lists["verbs"] + lists["objects"], path, f"{here}")
        acts.append(
            Act(lists["verbs"], lists["objects"], lists["context"], window, lists["not-between"], reach, lists["unless"], either)
        )
    return acts


_FRAME_KEYS = ("classes", "must", "needs", "reach", "unless", "unquoted")


def _load_frames(raw: Any, path: Path, where: str) -> List[Frame]:
    """A lexicon's `frames`: each a mapping of `classes` (class name: list of phrases),
    `must` (the classes every match holds), `needs` (how many classes, at least 2) and
    optionally `reach` (characters around the first must class's word, default 400),
    `unless` (phrases that take a match back in that word's sentence) and `unquoted` (true:
    that word inside double quotes on its line does not count)."""
    if not isinstance(raw, list):
        raise PolicyError(f"{path}: {where}: expected a list of frames (classes, must, needs)")
    frames = []
    for index, entry in enumerate(raw):
        here = f"{where}[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("classes"), dict) or not entry.get("must"):
            raise PolicyError(f"{path}: {here}: expected a mapping with classes, must and needs")
        unknown = set(entry) - set(_FRAME_KEYS)
        if unknown:
            raise PolicyError(f"{path}: {here}: unknown key {sorted(unknown)[0]!r}; keys are {', '.join(_FRAME_KEYS)}")
        classes = []
        for name, value in entry["classes"].items():
            if not isinstance(name, str):  # YAML reads a bare no, yes, true or false as a boolean
                raise PolicyError(f"{path}: {here}.classes: {name!r} is not a class name; put it in quotes")
            if not isinstance(value, list) or not value:
                raise PolicyError(f"{path}: {here}.classes.{name}: expected a list of phrases")
            classes.append((name, _checked_phrases(_strings(value, path, f"{here}.classes.{name}"), path, f"{here}.classes.{name}")))
            _no_cjk(classes[-1][1], path, f"{here}.classes.{name}")
        must = entry["must"]
        must = [must] if isinstance(must, str) else must
        names = [name for name, _ in classes]
        if not isinstance(must, list) or not all(m in names for m in must):
            raise PolicyError(f"{path}: {here}.must: expected class names among {', '.join(names)}")
        needs = entry.get("needs")
        if not isinstance(needs, int) or isinstance(needs, bool) or not 2 <= needs <= len(classes):
            raise PolicyError(f"{path}: {here}.needs: expected a number of classes from 2 to {len(classes)}")
        reach = entry.get("reach", 400)
        if not isinstance(reach, int) or isinstance(reach, bool) or not 0 < reach <= 2000:
            raise PolicyError(f"{path}: {here}.reach: expected a number of characters from 1 to 2000")
        unless = entry.get("unless") or []
        if not isinstance(unless, list):
            raise PolicyError(f"{path}: {here}.unless: expected a list")
        unless = _checked_phrases(_strings(unless, path, f"{here}.unless"), path, f"{here}.unless")
        unquoted = entry.get("unquoted", False)
        if not isinstance(unquoted, bool):
            raise PolicyError(f"{path}: {here}.unquoted: expected true or false")
        frames.append(Frame(classes, must, needs, reach, unless, unquoted))
    return frames


def _no_cjk(phrases: List[str], path: Path, where: str) -> None:
    """Acts and frames are read word by word, and a run of Chinese, Japanese or Korean is one
    word to them (`phrases.WORD_PATTERN`): such a phrase belongs in the lexicon's `phrases`."""
    for phrase in phrases:
        if HAS_CJK.search(phrase):
            raise PolicyError(
                f"{path}: {where}: {phrase!r}: Chinese, Japanese and Korean phrases are read in a lexicon's "
                "`phrases`, not in its acts or frames; move it there"
            )


def _checked_phrases(phrases: List[str], path: Path, where: str) -> List[str]:
    for phrase in phrases:
        try:
            phrase_pieces(phrase)
        except ValueError as exc:
            raise PolicyError(f"{path}: {where}: {exc}") from None
    return phrases


def _check_category_lexicons(checks: Mapping[str, CheckSpec], lexicons: Mapping[str, Lexicon]) -> None:
    """Categories may use lexicons from any section, so they are checked once all are loaded."""
    for spec in checks.values():
        for category in spec.categories:
            for role, names in category.lexicons:
                for name in names:
                    if name not in lexicons:
                        raise PolicyError(
                            f"{spec.source}: {spec.code} categories.{category.name}.{role}: no lexicon named {name!r}"
                        )


def _load_categories(raw: Any, path: Path, where: str) -> Tuple[Category, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise PolicyError(f"{path}: {where}categories: expected a mapping of category names")
    return tuple(_load_category(name, entry, path, f"{where}categories.{name}") for name, entry in raw.items())


def _load_category(name: Any, raw: Any, path: Path, where: str) -> Category:
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise PolicyError(f"{path}: {where}: category names are lower-case words joined by -")
    if not isinstance(raw, dict):
        raise PolicyError(f"{path}: {where}: expected a mapping with label and uses")
    unknown = set(raw) - set(CATEGORY_ROLES) - {"label", "domain", "allowed-with-review"}
    if unknown:
        raise PolicyError(f"{path}: {where}: unknown key {sorted(unknown)[0]!r}; roles are {', '.join(CATEGORY_ROLES)}")
    lexicons = []
    for role in CATEGORY_ROLES:
        value = raw.get(role)
        if value is None:
            continue
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise PolicyError(f"{path}: {where}.{role}: expected a lexicon name or a list of them")
        lexicons.append((role, tuple(names)))
    roles = {role for role, _ in lexicons}
    if ("subjects" in roles) != ("actions" in roles):
        raise PolicyError(f"{path}: {where}: subjects and actions go together")
    if not roles & {"uses", "subjects", "calls"}:
        raise PolicyError(f"{path}: {where}: name the lexicons that find it (uses, subjects and actions, or calls)")
    allowed = raw.get("allowed-with-review", False)
    if not isinstance(allowed, bool) or (allowed and not raw.get("domain")):
        raise PolicyError(f"{path}: {where}.allowed-with-review: true or false, and it needs a domain")
    return Category(
        name=name,
        label=str(raw.get("label") or name.replace("-", " ")),
        lexicons=tuple(lexicons),
        domain=str(raw.get("domain") or ""),
        allowed_with_review=allowed,
    )


def _strings(values: List[Any], path: Path, where: str) -> List[str]:
    for value in values:
        if not isinstance(value, str):
            # YAML reads a bare no, yes, on or off as a boolean.
            raise PolicyError(f"{path}: {where}: {value!r} is not text; put it in quotes")
    return list(values)


def _load_check(
    raw: Any, path: Path, where: str, section: str, title: str, policy_text: str
) -> CheckSpec:
    if not isinstance(raw, dict):
        raise PolicyError(f"{path}: {where[:-1]}: expected a mapping")
    code = _text(raw, "code", path, where)
    if not CODE_RE.match(code):
        raise PolicyError(f"{path}: {where}code: {code!r} is not of the form CL000")
    where = f"{where[:-1]} ({code})."
    name = _text(raw, "name", path, where)
    if not NAME_RE.match(name):
        raise PolicyError(f"{path}: {where}name: {name!r} must be lower-case words joined by -")
    severity = _text(raw, "severity", path, where)
    if severity not in SEVERITIES:
        raise PolicyError(
            f"{path}: {where}severity: {severity!r} is not one of {', '.join(SEVERITIES)}"
        )
    kind = raw.get("kind", "policy")
    if kind not in CHECK_KINDS:
        raise PolicyError(f"{path}: {where}kind: {kind!r} is not one of {', '.join(CHECK_KINDS)}")
    if kind == "hygiene" and raw.get("clause") is not None:
        raise PolicyError(f"{path}: {where}clause: a hygiene check quotes no policy clause; write `clause: null`")
    required = REQUIRED_TEXT if kind == "policy" else tuple(k for k in REQUIRED_TEXT if k != "clause")
    texts = {key: _text(raw, key, path, where).strip() for key in required}
    texts.setdefault("clause", "")
    if _normalise(texts["clause"]) not in policy_text:
        raise PolicyError(
            f"{path}: {where}clause: not found verbatim in the policy text; quote it exactly"
        )
    examples = tuple(_load_example(e, path, f"{where}examples[{i}].") for i, e in
                     enumerate(raw.get("examples") or []))
    fix_examples = _load_fix_examples(raw.get("fix-examples"), texts["fix"], path, where)
    fix = folded(texts["fix"])
    return CheckSpec(
        code=code,
        name=name,
        severity=severity,
        summary=" ".join(texts["summary"].split()),
        clause=" ".join(texts["clause"].split()),
        message=" ".join(texts["message"].split()),
        rationale=texts["rationale"],
        fix=fix.replace("{example}", dict(fix_examples)["default"]) if fix_examples else fix,
        fix_template=fix if fix_examples else "",
        fix_examples=fix_examples,
        section=section,
        section_title=title,
        source=str(path),
        known_problems=str(raw.get("known-problems") or "").strip(),
        obligation=" ".join(str(raw.get("obligation") or "").split()),
        examples=examples,
        kind=kind,
        categories=_load_categories(raw.get("categories"), path, where),
    )


def _load_fix_examples(raw: Any, fix: str, path: Path, where: str) -> Tuple[Tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise PolicyError(f"{path}: {where}fix-examples: expected a mapping of kind of app to text")
    if "default" not in raw:
        raise PolicyError(f"{path}: {where}fix-examples: needs a `default` example, for apps of other kinds")
    if "{example}" not in fix:
        raise PolicyError(f"{path}: {where}fix: write {{example}} where fix-examples' text goes")
    return tuple((kind, " ".join(text.split())) for kind, text in raw.items())


def folded(text: str) -> str:
    """Prose as YAML folds it: the lines of a paragraph joined into one, paragraphs kept
    apart by a blank line, and an indented block (an example of code) kept as written."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip("\n")):
        lines = paragraph.splitlines()
        if all(line.startswith((" ", "\t")) for line in lines):
            paragraphs.append("\n".join(line.rstrip() for line in lines))
        else:
            paragraphs.append(" ".join(paragraph.split()))
    return "\n\n".join(paragraphs)


def _load_example(raw: Any, path: Path, where: str) -> Example:
    if not isinstance(raw, dict) or not isinstance(raw.get("files"), dict) or not raw["files"]:
        raise PolicyError(f"{path}: {where[:-1]}: expected a mapping with title and files")
    files = tuple((str(k), str(v)) for k, v in raw["files"].items())
    return Example(title=_text(raw, "title", path, where), files=files)
