"""The per-file facts cache: what each file said last time, so unchanged files are not read.

One JSON file per project, `.complint_cache/facts.json` (or `cache-dir`). An entry holds a
file's size, mtime_ns and content hash, and its facts (or, for a file the prefilter left
alone, nothing but that). Like ruff's cache, a warm run trusts an entry while the file's
size and mtime_ns are unchanged, and reads the file only when they differ; if its content
hash is the one recorded (a checkout that touched every file), the entry stands.

The whole cache belongs to one `key`: complint's version and code, the policy pack's
digest and the prefilter's vocabulary. Another key means another complint or another
policy, so the entries are dropped, not trusted. A cache that cannot be read is reported
(a note, as a problem of the cache file) and rebuilt; it is never trusted in part.

The file starts with the languages of the files the last scan parsed (`parsed`), which
the command reads alone, before anything else, to decide whether to load a parser early
(prewarm.py).

Writes go to a temporary file beside the cache and replace it atomically, so concurrent
runs never see half a file: the last writer wins, and every version is whole. The file is
written only when something changed.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .facts import FileFacts, FileProblem, check_types

CACHE_DIR = ".complint_cache"
# What the facts of a file the prefilter left alone say about it (`FileFacts.note`).
SKIPPED_NOTE = "not parsed: the prefilter found none of the words a fact needs"
CACHE_FILE = "facts.json"
FORMAT = 2  # 2: module texts and texts built from them (flow.py)
# A file changed this close to (or after) the moment the cache was written may have
# changed again within the same mtime tick: its stat proves nothing, its hash does.
_RACY_NS = 2_000_000_000
_DEFAULTS = {f.name: f.default for f in fields(FileFacts) if f.name not in ("path", "language")}

# Parsed, or left alone by the prefilter in one of these modes (see parallel.py). A file
# left alone in the console mode is left alone in the base mode too, not the other way.
PARSED, SKIPPED, SKIPPED_CONSOLE = "parsed", "skipped", "skipped-console"


def content_hash(data: bytes) -> str:
    try:
        digest = hashlib.sha1(data, usedforsecurity=False)  # type: ignore[call-arg]
    except TypeError:  # pragma: no cover - Python < 3.9 builds without the keyword
        digest = hashlib.sha1(data)
    return digest.hexdigest()


@dataclass
class Entry:
    size: int
    mtime_ns: int
    digest: str
    language: str
    state: str  # PARSED, SKIPPED or SKIPPED_CONSOLE
    facts: Optional[Dict[str, Any]]  # compact `FileFacts.to_dict()`; None when skipped
    built: Optional[FileFacts] = field(default=None, compare=False, repr=False)  # the facts, read back

    def to_json(self) -> List[Any]:
        return [self.size, self.mtime_ns, self.digest, self.language, self.state, self.facts]

    @classmethod
    def from_json(cls, raw: Any) -> "Entry":
        size, mtime_ns, digest, language, state, facts = raw
        if not (isinstance(size, int) and isinstance(mtime_ns, int) and isinstance(digest, str)):
            raise ValueError("an entry's size, mtime or hash has the wrong type")
        if state not in (PARSED, SKIPPED, SKIPPED_CONSOLE) or not isinstance(language, str):
            raise ValueError(f"an entry has an unknown state {state!r}")
        if (facts is None) != (state != PARSED) or (facts is not None and not isinstance(facts, dict)):
            raise ValueError("an entry's facts do not match its state")
        built = None
        if facts is not None:  # read back and checked now: a damaged entry spoils the cache, not the scan
            built = FileFacts.from_dict(facts)
            check_types(built)
        return cls(size, mtime_ns, digest, language, state, facts, built)


def compact(facts: FileFacts) -> Dict[str, Any]:
    """`facts.to_dict()` without the fields at their defaults: most are empty."""
    data = facts.to_dict()
    return {k: v for k, v in data.items() if k in ("path", "language") or v != _empty(k)}


def _empty(name: str) -> Any:
    default = _DEFAULTS.get(name)
    return [] if isinstance(default, tuple) else default


class FactsCache:
    """The entries of one project's cache, for one key."""

    def __init__(self, path: Path, key: str, entries: Optional[Dict[str, Entry]] = None, written_ns: int = 0) -> None:
        self.path = path
        self.key = key
        self.entries: Dict[str, Entry] = entries or {}
        self.written_ns = written_ns
        self.changed = False

    @classmethod
    def load(cls, directory: Path, key: str) -> Tuple["FactsCache", Optional[FileProblem]]:
        """The cache in `directory`, or an empty one (and a note, if the file is damaged)."""
        import json

        from .files import read_regular

        path = directory / CACHE_FILE
        try:
            raw = read_regular(path)
        except FileNotFoundError:
            return cls(path, key), None
        except OSError as exc:
            return cls(path, key), _note(path, f"cannot read the cache ({exc.strerror or exc}); it is not used")
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a complint facts cache of this format")
            if data.get("key") != key:
                return cls(path, key), None  # another complint or policy: start afresh, quietly
            entries = {rel: Entry.from_json(item) for rel, item in data["entries"].items()}
            written_ns = int(data["written_ns"])
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            return cls(path, key), _note(path, f"the cache is damaged ({short_reason(exc)}); it was discarded and will be rebuilt")
        return cls(path, key, entries, written_ns), None

    def fresh(self, rel: str, stat: os.stat_result) -> Optional[Entry]:
        """The entry, if the file's size and mtime say it is unchanged."""
        entry = self.entries.get(rel)
        if entry is None or entry.size != stat.st_size or entry.mtime_ns != stat.st_mtime_ns:
            return None
        if stat.st_mtime_ns >= self.written_ns - _RACY_NS:
            return None  # changed around the time the cache was written: check the content
        return entry

    def same_content(self, rel: str, digest: str) -> Optional[Entry]:
        entry = self.entries.get(rel)
        return entry if entry is not None and entry.digest == digest else None

    def store(self, rel: str, entry: Entry) -> None:
        if self.entries.get(rel) != entry:
            self.entries[rel] = entry
            self.changed = True

    def forget_missing(self, present: Iterable[str], root: Path) -> None:
        """Drop entries of files that are gone (entries of files not scanned this time stay)."""
        keep = set(present)
        for rel in [r for r in self.entries if r not in keep]:
            if not (root / rel).exists():
                del self.entries[rel]
                self.changed = True

    def save(self) -> Optional[FileProblem]:
        """Write the cache if anything changed: atomically, so a concurrent reader never
        sees half a file. A cache that cannot be written is a note, not an error."""
        if not self.changed:
            try:  # a warm run writes nothing, but mends the folder's marks
                if self.path.parent.is_dir():
                    mark(self.path.parent)
            except OSError:
                pass  # a cache that cannot be written is noted when it must be
            return None
        data = {
            "format": FORMAT,
            "key": self.key,
            # Read alone, from the start of the file (`parsed_languages`): keep it near there.
            "parsed": sorted({e.language for e in self.entries.values() if e.state == PARSED}),
            "written_ns": time.time_ns(),
            "entries": {rel: e.to_json() for rel, e in sorted(self.entries.items())},
        }
        try:
            write_json(self.path, data)
        except OSError as exc:
            return _note(self.path, f"cannot write the cache ({exc.strerror or exc}); the next scan reads every file again")
        self.changed = False
        return None


_PARSED_FIELD = re.compile(rb'"parsed":(\[[^\]]{0,400}\])')


def parsed_languages(directory: Path) -> Tuple[str, ...]:
    """The languages of the files the last scan parsed, read off the start of the cache
    file alone: a hint (prewarm.py), not trusted like the cache, which is checked whole
    when it is loaded."""
    try:
        import json

        from .files import read_head

        head = read_head(directory / CACHE_FILE, 1024)
        found = _PARSED_FIELD.search(head)
        languages = json.loads(found.group(1)) if found else []
    except (OSError, ValueError):
        return ()
    return tuple(language for language in languages if isinstance(language, str))


def short_reason(exc: Exception) -> str:
    """Why reading a cache failed, in a few words for a note: its first line."""
    text = getattr(exc, "strerror", None) or str(exc)
    return text.splitlines()[0][:120] if text else type(exc).__name__


def dumps(data: Any) -> str:
    """`data` as a cache file holds it: compact JSON."""
    import json

    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def write_json(path: Path, data: Any) -> None:
    """Write a cache file atomically (a temporary file beside it, then a rename), so that a
    concurrent reader sees the old version or the new one, never half of one. `data`: a
    value, or its JSON already made (`dumps`)."""
    from .files import write_atomic

    text = data if isinstance(data, str) else dumps(data)
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    mark(directory)
    # A file name that is not UTF-8 holds lone surrogates (surrogateescape), which UTF-8
    # cannot hold; in a JSON string, "\udce9" is their escape, and reads back the same.
    data = text.encode("utf-8", "backslashreplace")
    write_atomic(path, data, 0o644, durable=False)  # mkstemp makes it private; a cache is not


def cache_directory(config: Any) -> Path:
    """Where a project's caches live: `cache-dir`, or `.complint_cache` at its root."""
    return Path(config.cache_dir) if getattr(config, "cache_dir", None) else Path(config.root) / CACHE_DIR


# What marks a folder as complint's cache: out of version control and backups, as ruff
# does with its own.
MARKS = {
    ".gitignore": "# Automatically created by complint.\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by complint.\n",
}


def mark(directory: Path) -> None:
    """Write the marks the folder lacks, or holds damaged (a full disk once left them empty:
    the cache would be committed). Each written whole or not at all; an error is the
    caller's, like one writing the cache."""
    from .files import write_atomic

    for name, text in MARKS.items():
        path = directory / name
        try:
            with open(path, "rb") as fh:
                held = fh.read(len(text) + 1)
        except OSError:
            held = b""
        wanted = text.encode("utf-8")
        if held != wanted:
            write_atomic(path, wanted, 0o644, durable=False)


def _note(path: Path, message: str) -> FileProblem:
    return FileProblem(str(path), message)


def cache_key(*parts: str) -> str:
    """One key for everything the facts depend on besides the files themselves."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def code_fingerprint() -> str:
    """complint's version, and the size and mtime of each of its modules: a development
    checkout whose extractor changed must not trust facts the old one found."""
    from . import __version__

    found: List[Tuple[List[str], str]] = []

    def walk(folder: str, rel: List[str]) -> None:  # os.scandir: its entries know their type
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):  # as Path.rglob: no linked folder
                    walk(entry.path, rel + [entry.name])
                elif entry.name.endswith(".py") and entry.is_file():
                    stat = entry.stat()
                    found.append((rel + [entry.name], f"{stat.st_size}:{stat.st_mtime_ns}"))
            except OSError:
                continue

    walk(os.path.dirname(os.path.abspath(os.path.realpath(__file__))), [])
    # In the order of the paths' parts, as sorted Path objects would have them.
    parts = [__version__] + [f"{'/'.join(rel)}:{stamp}" for rel, stamp in sorted(found)]
    return cache_key(*parts)


def facts_from(entry: Entry, rel: str, note: str) -> FileFacts:
    """The facts an entry stands for."""
    if entry.facts is None:
        return FileFacts(path=rel, language=entry.language, note=note)
    return entry.built if entry.built is not None else FileFacts.from_dict(entry.facts)
