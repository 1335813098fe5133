"""complint's regular expressions, compiled once and kept beside its bytecode.

Python compiles a regular expression with a parser and a compiler written in Python; the
pack's lexicons are a hundred large alternations, and the prefilter and the extractors
build more from their tables: a scan of a small app spent a fifth of its time compiling.
What the compiler makes is a list of integers, the program `re` hands its engine
(`_sre.compile`). complint keeps those programs as Python keeps bytecode: marshalled, in a
file of its package's `__pycache__` folder, one per regular expression engine (the Python version and
`_sre.MAGIC` are in its name), written when a run compiled something new, and only where
Python itself would write bytecode (the folder is writable, `PYTHONDONTWRITEBYTECODE` is
not set). Each entry carries a checksum of its pattern and program. A pattern not kept,
an entry that fails its checksum or that the engine refuses, and a store that cannot be
read are compiled as usual: the store only ever saves time. Used where the Python's `re`
has the parts it needs (`re._parser`, `re._compiler`: Python 3.11 and later); elsewhere
every pattern is compiled.

The store names the code that wrote it (`Clock`): the first run of another version of
complint that writes it keeps only the patterns that run used, so the patterns of past
versions do not pile up; runs of one version only add to it (a store of patterns made
from many packs or configurations still starts again past `_MAX_ENTRIES`).
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

_FORMAT = 4
# The store's first bytes: this, then the length of its table (8 bytes, little-endian).
_MAGIC = b"complint-patterns\0"
_HEAD = len(_MAGIC) + 8
# The engine's program as unsigned integers of its code size (`_sre.CODESIZE` bytes).
_CODE_TYPE = "I"
# A store that grew past this (patterns made from many configurations) starts again.
_MAX_ENTRIES = 4096


@functools.lru_cache(maxsize=None)
def _engine() -> Optional[str]:
    """This Python's regular expression engine, as the store's entries depend on it; None
    where the compiler's parts are not at hand."""
    try:
        import _sre
        from re import _compiler, _parser  # noqa: F401  (Python >= 3.11)
        from array import array
    except ImportError:
        return None
    if array(_CODE_TYPE).itemsize != _sre.CODESIZE:
        return None  # the programs could not be packed as unsigned ints
    return f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}-{_sre.MAGIC}-{_sre.CODESIZE}"


# Where Python keeps the package's bytecode.
DEFAULT_FOLDER = Path(__file__).resolve().parent / "__pycache__"


class Clock:
    """Which code wrote a store (`generation`: `code_generation`), and which of its entries
    this process used (`age`)."""

    def __init__(self, generation: str = "") -> None:
        self.generation = generation
        self.used: Set[Any] = set()  # by this process

    @classmethod
    def read(cls, data: Any) -> "Clock":
        """The clock kept in a store's data (`as_data`); a new one if it is absent or damaged."""
        return cls(data) if isinstance(data, str) else cls()

    def age(self, entries: Dict[Any, Any]) -> None:
        """Before a write: if other code than this process's wrote the store (another version
        of complint), only the entries this process used stay, and the store is now this
        code's; else nothing is removed (the runs of one version only add to it)."""
        current = code_generation()
        if current and self.generation != current:
            for key in [key for key in entries if key not in self.used]:
                del entries[key]
            self.generation = current

    def as_data(self) -> str:
        return self.generation


def code_generation() -> str:
    """complint's version and the status of its modules (`cache.code_fingerprint`)."""
    from .cache import code_fingerprint

    return code_fingerprint()


class _Store:
    def __init__(self) -> None:
        self.folder: Optional[Path] = DEFAULT_FOLDER
        self.entries: Optional[Dict[str, Any]] = None  # read when first asked
        self.changed = False
        self.clock = Clock()
        # The store file as read, open: each program is read from it when first asked.
        self.fd: Optional[int] = None
        self.programs = 0  # where its programs start

    @property
    def path(self) -> Optional[Path]:
        engine = _engine()
        return self.folder / f"compiled-patterns.{engine}.marshal" if self.folder is not None and engine else None


_store = _Store()


def use(folder: Optional[Path]) -> None:
    """Keep the store in `folder` instead (None: in this process only); for tests."""
    _close()
    _store.folder, _store.entries, _store.changed, _store.clock = folder, None, False, Clock()


def _close() -> None:
    if _store.fd is not None:
        import os

        try:
            os.close(_store.fd)
        except OSError:
            pass
        _store.fd = None


def store_path() -> Optional[Path]:
    return _store.path


def beside_bytecode(name: str) -> Optional[Path]:
    """Where complint keeps the file `name` of what it derives from itself (its parsed
    pack, the prefilter's phrases), beside the compiled patterns; None when the store is
    kept in no folder."""
    return _store.folder / name if _store.folder is not None else None


def sealed(data: bytes) -> bytes:
    """`data` behind the first 16 bytes of its SHA-256: how every store beside the bytecode
    is written, so that a damaged one is known when read (`unsealed`)."""
    return hashlib.sha256(data).digest()[:16] + data


def unsealed(raw: bytes) -> Optional[bytes]:
    """What `sealed` wrote, or None when the checksum does not match (damaged or foreign)."""
    data = raw[16:]
    return data if len(raw) >= 16 and hashlib.sha256(data).digest()[:16] == raw[:16] else None


def keep(path: Optional[Path], data: bytes, replaces: str = "") -> bool:
    """Write `data` to `path`, a file beside complint's bytecode, whole or not at all, and
    only where Python would write bytecode; whether it was written (a file that cannot be
    written costs the next run the work it saves, nothing more). `replaces`: a regular
    expression of the names of the stores this one supersedes (the same store made by
    other versions of complint's code, which no run of this code reads), removed once it
    is written (`remove_superseded`)."""
    if path is None or sys.dont_write_bytecode:
        return False
    from .files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, durable=False)
    except OSError:
        return False
    if replaces:
        remove_superseded(path, replaces)
    return True


def remove_superseded(path: Path, replaces: str) -> None:
    """Remove, beside `path`, the regular files whose whole name `replaces` matches, but
    `path` itself: stores of past versions of the code would otherwise pile up (a few
    hundred KB each, every edit or upgrade). Never a link, a folder or a name of another
    form; one that cannot be removed is left."""
    import os
    import stat

    form = re.compile(replaces)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name == path.name or not form.fullmatch(name):
            continue
        other = path.parent / name
        try:
            if stat.S_ISREG(os.lstat(other).st_mode):
                os.unlink(other)
        except OSError:
            pass  # gone already, or not ours to remove: the next write tries again


def _key(source: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _checksum(key: str, flags: int, code: bytes, groups: int, groupindex: Any, indexgroup: Any) -> str:
    """Of the pattern (its key) and all that the engine is given to make it."""
    digest = hashlib.sha256(f"{key}\0{flags}\0{groups}\0{groupindex!r}\0{indexgroup!r}\0".encode())
    digest.update(code)
    return digest.hexdigest()[:16]


def _entries() -> Dict[str, Any]:
    """The store's table: each pattern's key and what the engine is given to make it, its
    program as (offset, length) in the store file, read when the pattern is first asked
    for (a scan asks for a few hundred of a store's thousand, and reading the whole store,
    megabytes, was a tenth of a small app's scan)."""
    if _store.entries is None:
        _store.entries = {}
        path = _store.path
        if path is not None:
            import marshal
            import os

            from .files import open_regular

            try:
                fd = open_regular(path)
            except (OSError, ValueError):
                return _store.entries  # absent or unreadable: written anew once something is compiled
            try:
                head = os.pread(fd, _HEAD, 0)
                size = int.from_bytes(head[len(_MAGIC) :], "little") if head[: len(_MAGIC)] == _MAGIC else -1
                table = os.pread(fd, size, _HEAD) if 0 <= size <= 64 << 20 else b""
                data = marshal.loads(table) if len(table) == size else None
            except (OSError, ValueError, EOFError, TypeError, OverflowError):
                data = None  # damaged: written anew once something is compiled
            if isinstance(data, dict) and data.get("format") == _FORMAT and data.get("engine") == _engine():
                entries = data.get("patterns")
                if isinstance(entries, dict) and len(entries) <= _MAX_ENTRIES:
                    _store.entries, _store.clock = entries, Clock.read(data.get("clock"))
                    _store.fd, _store.programs = fd, _HEAD + size
                    return _store.entries
            os.close(fd)
    return _store.entries


def _program(entry: Any) -> Optional[bytes]:
    """An entry's program: kept in it (compiled by this process), or read from the store;
    None when the store does not hold what its table says (damaged)."""
    code = entry[1]
    if isinstance(code, bytes):
        return code
    import os

    try:
        offset, length = code
        if _store.fd is None or offset < 0 or length < 0:
            return None
        program = os.pread(_store.fd, length, _store.programs + offset)
    except (OSError, ValueError, TypeError, OverflowError):
        return None
    return program if len(program) == length else None


def compile(source: str, flags: int = 0) -> "re.Pattern[str]":
    """`re.compile(source, flags)`, from the store when it holds the pattern."""
    if _engine() is None:
        return re.compile(source, flags)
    key = _key(source, flags)
    entries = _entries()
    _store.clock.used.add(key)
    entry = entries.get(key)
    if entry is not None:
        restored = _restore(source, key, entry)
        if restored is not None:
            return restored
        del entries[key]  # damaged: made again below
    pattern, entry = _compiled(source, flags)
    entries[key] = (*entry, _checksum(key, *entry))
    _store.changed = True
    return pattern


def _restore(source: str, key: str, entry: Any) -> "Optional[re.Pattern[str]]":
    import _sre
    from array import array

    try:
        flags, _, groups, groupindex, indexgroup, checksum = entry
        code = _program(entry)
        if code is None or checksum != _checksum(key, flags, code, groups, groupindex, indexgroup):
            return None
        program = array(_CODE_TYPE)
        program.frombytes(code)
        return _sre.compile(source, flags, program.tolist(), groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]
    except (TypeError, ValueError, RuntimeError, OverflowError):
        return None


def _compiled(source: str, flags: int) -> "Tuple[re.Pattern[str], Tuple[Any, ...]]":
    """The pattern, and what the engine was given to make it (as `re._compiler.compile`),
    the program packed as bytes: a store of them loads in milliseconds, and only the
    programs a run uses are unpacked."""
    import _sre
    from array import array
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # plain integers, not named constants
    groupindex = dict(parsed.state.groupdict)
    indexgroup: List[Optional[str]] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final_flags, groups = int(flags | parsed.state.flags), parsed.state.groups - 1
    pattern = _sre.compile(source, final_flags, code, groups, groupindex, tuple(indexgroup))
    return pattern, (final_flags, array(_CODE_TYPE, code).tobytes(), groups, groupindex, tuple(indexgroup))


def save() -> None:
    """Write the store, if patterns were compiled since it was read (`keep`)."""
    if _store.changed and _store.entries is not None and _engine() is not None:
        _store.clock.age(_store.entries)
        data = encode({"format": _FORMAT, "engine": _engine(), "patterns": _store.entries, "clock": _store.clock.as_data()})
        if keep(_store.path, data):
            _store.changed = False


def encode(data: Dict[str, Any]) -> bytes:
    """The store's bytes: `_MAGIC`, the length of the table, the table (marshalled, each
    program as its offset and length), then the programs. An entry whose program cannot be
    read from the store it came from is left out."""
    import marshal

    table: Dict[str, Any] = {}
    programs: List[bytes] = []
    offset = 0
    for key, entry in data["patterns"].items():
        try:
            program = _program(entry)
        except (TypeError, IndexError):
            program = None
        if program is None:
            continue
        table[key] = (entry[0], (offset, len(program)), *entry[2:])
        programs.append(program)
        offset += len(program)
    head = marshal.dumps({**data, "patterns": table})
    return _MAGIC + len(head).to_bytes(8, "little") + head + b"".join(programs)


def decode(raw: bytes) -> Dict[str, Any]:
    """What `encode` wrote, each program in its entry (for tests: a run reads programs
    only when asked); raises ValueError when it is not a store."""
    import marshal

    if raw[: len(_MAGIC)] != _MAGIC:
        raise ValueError("not a store of compiled patterns")
    size = int.from_bytes(raw[len(_MAGIC) : _HEAD], "little")
    data = marshal.loads(raw[_HEAD : _HEAD + size])
    body = raw[_HEAD + size :]
    data["patterns"] = {
        key: (entry[0], body[entry[1][0] : entry[1][0] + entry[1][1]], *entry[2:]) for key, entry in data["patterns"].items()
    }
    return data  # type: ignore[no-any-return]
