"""What complint works out from its pack's phrases, kept beside its bytecode.

Every process used to work out again, for each phrase of the pack, its anchor words
(`policy.phrase_anchor`), each act's verbs and objects in all their forms
(`phrases.inflected_phrase`) and the words those can start with (`phrases.first_words`):
pure functions of the phrase's text, a quarter of a second for the whole pack, paid by
every scan, warm or cold; so did each lexicon's expression written out
(`phrases.phrases_pattern`) and the words the prefilter's expressions need
(`prefilter.required_words`). They are kept here as `patterns` keeps compiled expressions: in
one marshalled file beside complint's bytecode, named after a digest of the code that
computes them (a changed complint reads none of an older one's), checksummed whole, read
once per process and written at the end of a scan that added to it, only where Python
writes bytecode. An absent, damaged or foreign file is worked out again: the store only
ever saves time. Each table is kept marshalled by itself, with its own checksum, and
checked and read when first asked: a small scan asks for the anchor words of a few hundred
phrases, and checking and reading every table (1.5-2 MB of small tuples) cost it more
than the store saved.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Tuple, TypeVar

_FORMAT = 3
# A store grown past this (many configured packs) starts again.
_MAX_ENTRIES = 200_000
# The modules whose code computes what is kept: their text names the store.
_SOURCES = ("derived.py", "phrases.py", "policy.py", "prefilter.py", "rules/people.py")

F = TypeVar("F", bound=Callable[..., Any])


class _State:
    tables: Optional[Dict[str, Dict[Any, Any]]] = None  # the tables read so far
    packed: Dict[str, bytes] = {}  # the others, as kept: each marshalled
    sizes: Dict[str, int] = {}  # the entries of each kept table
    changed = False
    size = 0


_state = _State()


@functools.lru_cache(maxsize=None)
def _code_digest() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            return ""
    return digest.hexdigest()[:16]


# The names of this store as other code made it: the same name with another digest.
SUPERSEDED = r"phrase-forms\.[0-9a-f]{16}\.marshal"


def store_path() -> Optional[Path]:
    from . import patterns

    code = _code_digest()
    return patterns.beside_bytecode(f"phrase-forms.{code}.marshal") if code else None


def _load() -> Dict[str, Dict[Any, Any]]:
    """The tables read so far (none at first); the store's others wait in `_state.packed`."""
    if _state.tables is None:
        _state.tables, _state.packed, _state.sizes, _state.size = {}, {}, {}, 0
        path = store_path()
        if path is not None:
            import marshal

            from .files import read_regular

            try:
                data = marshal.loads(read_regular(path))
            except (OSError, ValueError, EOFError, TypeError):
                data = None  # absent or damaged: worked out again, written anew
            if isinstance(data, dict) and data.get("format") == _FORMAT:
                packed, sizes = data.get("tables"), data.get("sizes")
                if (
                    isinstance(packed, dict) and isinstance(sizes, dict) and set(packed) == set(sizes)
                    and all(isinstance(t, bytes) and isinstance(sizes[n], int) for n, t in packed.items())
                ):
                    _state.packed, _state.sizes, _state.size = packed, sizes, sum(sizes.values())
    return _state.tables


def _table(name: str) -> Dict[Any, Any]:
    tables = _load()
    entries = tables.get(name)
    if entries is None:
        import marshal

        from . import patterns

        packed = _state.packed.pop(name, None)
        entries = {} if packed is None else None
        body = patterns.unsealed(packed) if packed is not None else None
        if body is not None:
            try:
                entries = marshal.loads(body)
            except (ValueError, EOFError, TypeError):
                entries = None
        if not isinstance(entries, dict):  # damaged: worked out again, written anew
            entries, _state.changed = {}, True
        tables[name] = entries
    return entries


def _tables() -> Dict[str, Dict[Any, Any]]:
    """Every table, read (for tests)."""
    for name in list(_load()) + list(_state.packed):
        _table(name)
    return _load()


def kept(table: str, each: bool = False) -> Callable[[F], F]:
    """Keep what a pure function of strings (and numbers) returns, across processes.

    `each`: for a function of large arguments and results that a run asks few of (each
    lexicon's expression written out: a scan of a small app asks for 4-15 of 500, a
    megabyte in all), the table holds each result marshalled by itself under a digest of
    its arguments, and a result is read only when asked."""

    def wrap(function: F) -> F:
        @functools.wraps(function)
        def inner(*args: Any) -> Any:
            entries = _table(table)
            key = args if len(args) != 1 else args[0]
            if each:
                return _each(entries, _digest(key), function, args)
            try:
                return entries[key]
            except KeyError:
                pass
            value = function(*args)
            _add(entries, key, value)
            return value

        return inner  # type: ignore[return-value]

    return wrap


def _add(entries: Dict[Any, Any], key: Any, value: Any) -> None:
    if _state.size < _MAX_ENTRIES:
        entries[key] = value
        _state.size += 1
        _state.changed = True


def _digest(key: Any) -> bytes:
    """Of arguments made of strings, numbers and tuples of them (`repr` writes each alike)."""
    return hashlib.sha256(repr(key).encode("utf-8", "surrogatepass")).digest()[:16]


def _each(entries: Dict[Any, Any], key: bytes, function: Callable[..., Any], args: Tuple[Any, ...]) -> Any:
    import marshal

    packed = entries.get(key)
    if isinstance(packed, bytes):
        try:
            return marshal.loads(packed)
        except (ValueError, EOFError, TypeError):
            pass  # damaged (the table's checksum held): worked out again
    value = function(*args)
    try:
        _add(entries, key, marshal.dumps(value))
    except ValueError:
        pass  # not a value marshal writes: not kept
    return value


def save() -> None:
    """Write the store, if this process worked out something it did not hold."""
    if not _state.changed or _state.tables is None:
        return
    import marshal

    from . import patterns

    try:
        packed = dict(_state.packed)  # the tables not read are written as they were read
        sizes = {name: _state.sizes[name] for name in packed}
        for name, entries in _state.tables.items():
            table = marshal.dumps(entries)
            packed[name], sizes[name] = patterns.sealed(table), len(entries)
        data = marshal.dumps({"format": _FORMAT, "tables": packed, "sizes": sizes})
    except (ValueError, EOFError, TypeError):  # a value marshal cannot write: keep nothing rather than part
        return
    if patterns.keep(store_path(), data, SUPERSEDED):
        _state.changed = False


def forget() -> None:
    """Read the store again when next asked (tests: another folder, a damaged file)."""
    _state.tables, _state.packed, _state.sizes, _state.changed, _state.size = None, {}, {}, False, 0
