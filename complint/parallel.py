"""Extraction of every file's facts: the cache first, then the prefilter, then the parsers,
across processes when there is enough to do.

The facts come back in discovery order whatever the number of processes, so the output is
the same with `--jobs 1` and `--jobs 8`. Processes start only when enough files must be
read (`PARALLEL_FILES`): for a small project, or a warm cache, starting them costs more
than it saves.

A few files to parse, in the `complint` command, go to a process that started importing
the parser when the command did (prewarm.py), while this one reads and prefilters.

Console output counts only in an app with a console chat loop (see prefilter.py), so the
files whose only texts are console output are left for a second round, which runs when
the first round found such a loop.
"""

from __future__ import annotations

import gc
import os
import sys
from time import perf_counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence, Set, Tuple

from .cache import (
    PARSED,
    SKIPPED,
    SKIPPED_CONSOLE,
    SKIPPED_NOTE,
    Entry,
    FactsCache,
    cache_directory,
    cache_key,
    code_fingerprint,
    compact,
    content_hash,
    facts_from,
)
from .facts import FileFacts, FileProblem

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from .prewarm import ParserProcess

# Below this many files (and bytes) to read, one process does it all: starting others
# costs more than they would save.
PARALLEL_FILES = 64
PARALLEL_BYTES = 1 << 20
# Files handed to a process at a time, at most: few enough to share the work out evenly.
_CHUNK = 16


@dataclass(frozen=True)
class Settings:
    """What every process needs to treat a file the same way."""

    prefilter: bool
    # prefilter.TextPhrases (a tuple of tuples: cheap to send), or `Deferred` until a file
    # needs the prefilter: a warm run that finds a file touched but unchanged needs none.
    phrases: object
    console: bool = False
    # Whether a facts cache is kept: without one (`--no-cache`, every CI run) no file's
    # entry is written out, so none is made (its facts as a dict: a tenth of the extraction
    # of a site of a thousand pages).
    cached: bool = True


class Deferred:
    """A value worked out when first asked for (`resolved`), once. `key`: what names the
    value before it is made, if anything does (the prefilter's phrases: `_PhrasesWhenNeeded`)."""

    def __init__(self, make: Callable[[], object], key: Optional[Callable[[], str]] = None) -> None:
        self._make: Optional[Callable[[], object]] = make
        self._value: object = None
        self.key = key

    def get(self) -> object:
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value


def resolved(value: object) -> object:
    return value.get() if isinstance(value, Deferred) else value


@dataclass(frozen=True)
class Extraction:
    facts: Tuple[FileFacts, ...]  # in the order of the files given
    notes: Tuple[FileProblem, ...]  # about the cache: reported like problems, never fatal
    parsed: int = 0  # files parsed this time
    read: int = 0  # files read this time (the rest came from the cache unread)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class _Result:
    facts: FileFacts
    state: str  # PARSED, SKIPPED or SKIPPED_CONSOLE ("" when the file could not be read)
    entry: Optional[Entry] = None  # what the cache should now say, when that changed
    parsed: bool = False
    # Seconds spent on it here: prefiltering, and extracting (for `timing`).
    seconds: Tuple[float, float] = (0.0, 0.0)


def extract_all(
    files: Sequence,
    config,
    pack,
    jobs: Optional[int] = None,
    use_cache: bool = True,
    prefilter: bool = True,
    meanwhile: Optional[Callable[[], object]] = None,
    parsers: Optional[ParserProcess] = None,
) -> Extraction:
    """The facts of every file (`discovery.SourceFile`s), in their order.

    `meanwhile`: work of the caller's that this process does while other processes read
    or parse, if any do (it is otherwise left to the caller); an error it raises is the
    caller's to meet again, and is dropped here. `parsers`: a process importing the
    parsers (prewarm.py), handed the files to parse when they are few; always stopped."""
    try:
        return _extract_all(files, config, pack, jobs, use_cache, prefilter, meanwhile, parsers)
    finally:
        if parsers is not None:
            parsers.stop()


def _extract_all(
    files: Sequence,
    config,
    pack,
    jobs: Optional[int],
    use_cache: bool,
    prefilter: bool,
    meanwhile: Optional[Callable[[], object]],
    parsers: Optional[ParserProcess],
) -> Extraction:
    notes: List[FileProblem] = []
    cache: Optional[FactsCache] = None
    if use_cache:
        # The prefilter's words follow from the pack, the code and the configured phrases
        # (`Context.lexicon`): a setting that extends a lexicon must be part of the key.
        extras = repr(getattr(config, "disclosure_extra_phrases", ()))
        key = cache_key(code_fingerprint(), pack.digest, extras, f"prefilter={prefilter}")
        cache, note = FactsCache.load(cache_directory(config), key)
        notes.extend([note] if note else [])
    jobs = jobs or default_jobs()
    settings = Settings(prefilter, None, cached=cache is not None)
    results: Dict[str, _Result] = {}
    work: List[Tuple[str, str, Optional[Entry]]] = []
    for source in files:
        entry = _unchanged(cache, source)
        if entry is not None:
            results[source.rel] = _Result(facts_from(entry, source.rel, SKIPPED_NOTE), entry.state)
        else:
            work.append((source.file, source.rel, cache.entries.get(source.rel) if cache else None))
    if work and prefilter:
        settings = Settings(prefilter, _deferred_phrases(pack, config), cached=cache is not None)
    if not work and parsers is not None:
        parsers.stop()  # nothing to parse: give its core back at once
    _run(work, settings, jobs, results, meanwhile, parsers)
    read = len(work)
    if prefilter and any(s.kind == "console-loop" for r in results.values() for s in r.facts.chat_surfaces):
        # Console output matters in this app: look again at what was left alone for it.
        again = [(s.file, s.rel, results[s.rel].entry or (cache.entries.get(s.rel) if cache else None))
                 for s in files if results[s.rel].state == SKIPPED]
        phrases = settings.phrases if settings.phrases is not None else _deferred_phrases(pack, config)
        _run(again, Settings(True, phrases, console=True, cached=cache is not None), jobs, results)
        read += len(again)
    if cache is not None:
        for rel, result in results.items():
            if result.entry is not None:
                cache.store(rel, result.entry)
        if read:  # files read only to be sure (changed near the last write): write anew
            cache.changed = True
        cache.forget_missing(results, Path(config.root))
        note = cache.save()
        notes.extend([note] if note else [])
    parsed = sum(r.parsed for r in results.values())
    _account(results.values())
    return Extraction(tuple(results[s.rel].facts for s in files), tuple(notes), parsed, read)


def _account(results) -> None:
    """The prefilter's and each language's extraction seconds, to `timing`."""
    from . import timing

    for result in results:
        prefiltered, extracted = result.seconds
        if prefiltered:
            timing.add("extraction: prefilter", prefiltered)
        if extracted:
            timing.add(f"extraction: {result.facts.language}", extracted)


def _deferred_phrases(pack, config) -> Deferred:
    return Deferred(lambda: _phrases(pack, config), lambda: _phrases_key(pack, config))


def _phrases_key(pack, config) -> str:
    """What the prefilter's phrases follow from: complint's code, the pack, the configured phrases."""
    return cache_key(code_fingerprint(), pack.digest, repr(getattr(config, "disclosure_extra_phrases", ())))


def _phrases(pack, config):
    """The prefilter's phrases (`prefilter.text_phrases`) for this pack and configuration:
    worked out once, and kept beside complint's bytecode for the next run (a tenth of a
    second, paid by every scan that prefilters a file)."""
    from .rules import Context

    context = Context(pack=pack, config=config)
    key = _phrases_key(pack, config)
    kept = _kept_phrases(key)
    if kept is not None:
        return kept
    from .prefilter import text_phrases

    phrases = replace(text_phrases(pack, lambda name: context.lexicon(name).phrases), key=key)
    _keep_phrases(key, phrases)
    return phrases


_KEPT_PHRASES = "prefilter-phrases.marshal"


def _kept_phrases(key: str):
    """What `_keep_phrases` kept for `key`; None when it kept nothing for it, or it is
    damaged (then the phrases are worked out again)."""
    import marshal

    from .files import read_regular
    from .patterns import beside_bytecode, unsealed
    from .prefilter import TextPhrases

    path = beside_bytecode(_KEPT_PHRASES)
    if path is None:
        return None
    try:
        raw = read_regular(path)
        body = unsealed(raw)
        if body is None:
            return None
        kept_key, entries, modules, by_word, by_first_word = marshal.loads(body)
    except Exception:  # absent, or damaged in any way (or of the older form): worked out again
        return None
    if kept_key != key or not isinstance(entries, tuple) or not isinstance(modules, tuple):
        return None
    phrases = TextPhrases(entries, modules, key)
    if isinstance(by_word, dict) and isinstance(by_first_word, tuple) and len(by_first_word) == 2:
        phrases.known_indexes(by_word, by_first_word)
    return phrases


def _keep_phrases(key: str, phrases) -> None:
    """Keep the phrases as marshalled tuples, each equal word and tuple written once: a
    run reads them back in a few milliseconds (pickled, 0.8 MB took 0.02 s to load).
    Their indexes by word are kept with them: every process that took a second look at a
    file's texts built them again (1.5 % of 45 field apps' cold scans)."""
    import marshal

    from .patterns import beside_bytecode, keep, sealed

    shared: Dict[object, object] = {}

    def once(value):
        if isinstance(value, tuple):
            value = tuple(once(item) for item in value)
        return shared.setdefault(value, value)

    try:
        data = marshal.dumps((key, once(phrases.entries), once(phrases.modules), phrases._index(), phrases._first_words()))
    except (ValueError, TypeError):
        return
    # The phrases were once kept pickled, in a file no run reads since: removed.
    keep(beside_bytecode(_KEPT_PHRASES), sealed(data), r"prefilter-phrases\.pickle")


def _unchanged(cache: Optional[FactsCache], source) -> Optional[Entry]:
    if cache is None:
        return None
    try:
        stat = os.stat(source.file)
    except OSError:
        return None  # reading it will say what is wrong
    return cache.fresh(source.rel, stat)


# --------------------------------------------------------------------------- one file


# The prefilters this process built, newest last: (words, console, prefilter).
_prefilters: List[list] = []


def _prefilter(settings: Settings):
    from .prefilter import Prefilter

    given = settings.phrases
    for held in reversed(_prefilters):
        if held[1] == settings.console and (held[0] is given or held[0] == given):
            held[0] = given  # the same words, sent again: know them by identity next time
            return held[2]
    if isinstance(given, Deferred) and given.key is not None:
        phrases: object = _PhrasesWhenNeeded(given)
    else:
        phrases = resolved(given)
    built = Prefilter(phrases, console=settings.console)  # type: ignore[arg-type]
    _prefilters.append([given, settings.console, built])
    del _prefilters[:-4]
    return built


class _PhrasesWhenNeeded:
    """The prefilter's phrases, read (or worked out) when first used. A matcher kept beside
    the bytecode (`prefilter.Prefilter`) needs only their key until a second look at a
    file's texts asks which phrases they hold, and a small app's files often give a fact
    before that (an SDK's import): reading the 0.76 MB of them cost a scan ~4 %."""

    def __init__(self, deferred: Deferred) -> None:
        self._deferred = deferred
        self.key = deferred.key() if deferred.key is not None else ""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__") or name == "_deferred":  # copy, pickle: not the phrases'
            raise AttributeError(name)
        return getattr(self._deferred.get(), name)


# A file a process found worth parsing, left for the process that parses (see _in_processes).
TO_PARSE = "to-parse"


def extract_one(path: str, rel: str, known: Optional[Entry], settings: Settings, parse: Optional[bool] = True) -> _Result:
    """The facts of one file, reading it once; `known`: what the cache said of it.

    `parse`: True parses what the prefilter lets through; False only marks it `TO_PARSE`;
    None parses without asking the prefilter (it said yes before)."""
    from .extract import decode, extract_text, extractor_for, read_file

    found = extractor_for(rel)
    if found is None:
        return _Result(FileFacts(path=rel, language="unknown"), "")
    language, module_name, _ = found
    data, problem = read_file(Path(path))
    if data is None:
        return _Result(extract_text(rel, found, None, problem), "")
    try:
        stat: Optional[os.stat_result] = os.stat(path)
    except OSError:
        stat = None
    digest = content_hash(data) if settings.cached else ""

    def remember(state: str, facts: Callable[[], Optional[dict]]) -> Optional[Entry]:
        if not settings.cached or stat is None or stat.st_size != len(data):
            return None  # no cache, or it changed while we read it: remember nothing
        return Entry(stat.st_size, stat.st_mtime_ns, digest, language, state, facts())

    usable = known is not None and known.digest == digest and not (settings.console and known.state == SKIPPED)
    if usable:  # same content, touched: what the cache says stands
        assert known is not None
        return _Result(facts_from(known, rel, SKIPPED_NOTE), known.state, remember(known.state, lambda: known.facts))
    text, problem = decode(data, language)
    begun = perf_counter()
    if text is not None and settings.prefilter and parse is not None:
        if _spared(settings, module_name, text):
            state = SKIPPED_CONSOLE if settings.console else SKIPPED
            return _Result(FileFacts(path=rel, language=language, note=SKIPPED_NOTE), state, remember(state, lambda: None),
                           seconds=(perf_counter() - begun, 0.0))
    if text is not None and parse is False:
        return _Result(FileFacts(path=rel, language=language), TO_PARSE, seconds=(perf_counter() - begun, 0.0))
    prefiltered = perf_counter()
    facts = extract_text(rel, found, text, problem)
    if text is None:
        return _Result(facts, "")
    result = _Result(facts, PARSED, remember(PARSED, lambda: compact(facts)), parsed=True)
    return replace(result, seconds=(prefiltered - begun, perf_counter() - prefiltered))


def _spared(settings: Settings, module_name: str, text: str) -> bool:
    """Does the prefilter spare this file? Should it fail, the file is parsed."""
    try:
        return _prefilter(settings).reason_to_parse(module_name, text) is None
    except Exception:  # a bug in the prefilter must cost time, never a finding
        return False


def _extract_chunk(
    chunk: List[Tuple[str, str, Optional[Entry]]], settings: Settings, parse: Optional[bool] = True
) -> List[Tuple[str, _Result]]:
    return [(rel, extract_one(path, rel, known, settings, parse)) for path, rel, known in chunk]


# --------------------------------------------------------------------------- many files


def _run(
    work: List[Tuple[str, str, Optional[Entry]]],
    settings: Settings,
    jobs: int,
    results: Dict[str, _Result],
    meanwhile: Optional[Callable[[], object]] = None,
    parsers: Optional[ParserProcess] = None,
) -> None:
    """Extract `work` into `results`, in as many processes as it is worth."""
    if not work:
        return
    if jobs <= 1 or (len(work) < PARALLEL_FILES and _size(work) < PARALLEL_BYTES):
        rows = _extract_chunk(work, settings) if parsers is None else _with_parsers(work, settings, parsers, meanwhile)
    else:
        if parsers is not None:
            parsers.stop()  # the pool's processes read, and this one loads the parsers
        rows = _in_processes(work, settings, jobs, meanwhile)
    results.update(rows)


def _with_parsers(
    work: List[Tuple[str, str, Optional[Entry]]],
    settings: Settings,
    parsers: ParserProcess,
    meanwhile: Optional[Callable[[], object]],
) -> List[Tuple[str, _Result]]:
    """Read and prefilter here; parse in `parsers`, which has its parser loaded, what it
    can parse, and the rest here meanwhile."""
    from .extract import extractor_for

    rows = _extract_chunk(work, settings, False)
    marked = [item for item, (_, result) in zip(work, rows) if result.state == TO_PARSE]
    _account(result for _, result in rows if result.state == TO_PARSE)  # parsed anew below
    modules = {rel: found[1] for rel, found in ((rel, extractor_for(rel)) for _, rel, _ in marked) if found}
    there = [item for item in marked if modules.get(item[1]) in parsers.modules]
    here = [item for item in marked if modules.get(item[1]) not in parsers.modules]
    done: Dict[str, _Result] = {}

    def elsewhere() -> None:  # what this process does while the other parses
        done.update(_extract_chunk(here, settings, None))
        if meanwhile is not None:
            meanwhile()

    # The other process needs no phrases: the prefilter has had its say.
    parsed = parsers.parse(there, replace(settings, phrases=None), elsewhere) if there else None
    parsers.stop()
    if len(done) < len(here):  # not done meanwhile: nothing went to the other process
        done.update(_extract_chunk(here, settings, None))
    if parsed is None:
        parsed = _extract_chunk(there, settings, None)
    done.update(parsed)
    return [(rel, done[rel] if result.state == TO_PARSE else result) for rel, result in rows]


def _size(work: List[Tuple[str, str, Optional[Entry]]]) -> int:
    total = 0
    for path, _, _ in work:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
        if total >= PARALLEL_BYTES:
            break
    return total


def _in_processes(
    work: List[Tuple[str, str, Optional[Entry]]],
    settings: Settings,
    jobs: int,
    meanwhile: Optional[Callable[[], object]] = None,
) -> List[Tuple[str, _Result]]:
    """Read and prefilter in `jobs` processes; parse what they let through here, as it
    comes, or in them too when there is much of it.

    The processes only decide, and this one parses: it imports the parsers of the kinds
    of file in the work while they read (tree-sitter's grammars, the Python extractor, which
    would otherwise come after the last file they hand back: the largest files go first, so
    the small app files tend to come last), and the processes never import them. A
    repository with many files to parse parses the rest in the processes. The settings
    reach each process once, when it starts (with fork, unpickled: the prefilter built
    here comes along).
    """
    import multiprocessing

    # fork is the cheap start where it is safe; elsewhere (macOS, Windows) spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    settings = replace(settings, phrases=resolved(settings.phrases))  # what the processes get
    if method == "fork" and settings.prefilter:
        _prepare(work, settings)  # built once, here; the processes inherit it
    context = multiprocessing.get_context(method)
    chunks = _chunks(work)
    if method == "fork":
        # What the processes inherit is never garbage: kept out of their collections, which
        # would otherwise walk (and copy, page by page) this process's whole heap. Only
        # while they run: a program that scans again must collect its garbage.
        gc.freeze()
    try:
        return _collect(work, settings, jobs, context, chunks, meanwhile)
    finally:
        if method == "fork":
            gc.unfreeze()


def _collect(
    work: List[Tuple[str, str, Optional[Entry]]],
    settings: Settings,
    jobs: int,
    context: object,
    chunks: List[List[Tuple[str, str, Optional[Entry]]]],
    meanwhile: Optional[Callable[[], object]],
) -> List[Tuple[str, _Result]]:
    """The pool's part of `_in_processes`: start it, hand out the chunks, gather."""
    from concurrent.futures import ProcessPoolExecutor

    rows: List[Tuple[str, _Result]] = []
    known = {rel: (path, entry) for path, rel, entry in work}
    try:
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(chunks)), mp_context=context, initializer=_install, initargs=(settings, os.getpid())
        )
    except (OSError, ValueError, NotImplementedError):  # no processes here: one does it all
        return _extract_chunk(work, settings)
    with pool:
        try:
            _gather(pool, chunks, work, settings, meanwhile, rows, known)
        except BaseException:  # Ctrl-C, SIGTERM (cli.py), a bug: no process is left behind
            _abandon(pool)
            raise
    return rows


def _gather(
    pool: "ProcessPoolExecutor",
    chunks: List[List[Tuple[str, str, Optional[Entry]]]],
    work: List[Tuple[str, str, Optional[Entry]]],
    settings: Settings,
    meanwhile: Optional[Callable[[], object]],
    rows: List[Tuple[str, _Result]],
    known: Dict[str, Tuple[str, Optional[Entry]]],
) -> None:
    """Hand out the chunks and gather the rows, parsing here a few of the files to parse."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    parsed_here = 0
    running: Set[Future] = {pool.submit(_extract_installed, chunk, False) for chunk in chunks}
    _load_parsers(work)  # while they read
    if meanwhile is not None:
        try:
            meanwhile()
        except Exception:  # the caller meets it again, after the reading
            pass
    while running:
        done, running = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            for rel, result in future.result():
                if result.state != TO_PARSE:
                    rows.append((rel, result))
                    continue
                _account([result])  # its prefilter's seconds: it is parsed anew
                path, entry = known[rel]
                if parsed_here < PARSE_HERE:  # a few: here, while the processes go on
                    parsed_here += 1
                    rows.extend(_extract_chunk([(path, rel, entry)], settings, None))
                else:  # many: the processes parse them too
                    running.add(pool.submit(_extract_installed, [(path, rel, entry)], None))


def _abandon(pool: "ProcessPoolExecutor") -> None:
    """Stop the pool's processes now: leaving the `with` would otherwise wait for every
    chunk handed out, and an ended command would leave them reading."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError, ValueError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


# Files handed to a process at a time hold about this many bytes (a larger file goes alone).
_CHUNK_BYTES = 256 * 1024


def _chunks(work: List[Tuple[str, str, Optional[Entry]]]) -> List[List[Tuple[str, str, Optional[Entry]]]]:
    """The work in chunks of about `_CHUNK_BYTES` or `_CHUNK` files, largest files first."""
    sizes: Dict[str, int] = {}
    for path, _, _ in work:
        try:
            sizes[path] = os.stat(path).st_size
        except OSError:
            sizes[path] = 0
    chunks: List[List[Tuple[str, str, Optional[Entry]]]] = []
    chunk: List[Tuple[str, str, Optional[Entry]]] = []
    held = 0
    for item in sorted(work, key=lambda item: -sizes[item[0]]):
        chunk.append(item)
        held += sizes[item[0]]
        if held >= _CHUNK_BYTES or len(chunk) >= _CHUNK:
            chunks.append(chunk)
            chunk, held = [], 0
    return chunks + ([chunk] if chunk else [])


# What the processes of a pool were started with (`_install`).
_installed: Optional[Settings] = None


def _install(settings: Settings, parent: int) -> None:
    global _installed
    _installed = settings
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command's handler (cli.py), inherited by fork
    die_with_parent(parent)


# prctl(2) option: the signal a process gets when the thread that started it ends.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this process when `parent` ends, however it ends (SIGKILL included).

    On Linux the pool's processes are forked and inherit the write end of the pipe they
    read their work from, so a parent's death never reaches them as an end of file: they
    would wait forever. (Elsewhere they are spawned, hold no such end, and see one.)"""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the line above took effect
        os._exit(1)


def _extract_installed(chunk: List[Tuple[str, str, Optional[Entry]]], parse: Optional[bool]) -> List[Tuple[str, _Result]]:
    assert _installed is not None, "a pool process runs _install first"
    return _extract_chunk(chunk, _installed, parse)


# Up to this many files to parse are parsed by the process that started the others.
PARSE_HERE = 32


def _extractors(work: List[Tuple[str, str, Optional[Entry]]]) -> Set[Tuple[str, str, str]]:
    """The extractors (language, module, function) the work's files need."""
    from .extract import extractor_for

    return {found for found in map(extractor_for, (rel for _, rel, _ in work)) if found}


def _prepare(work: List[Tuple[str, str, Optional[Entry]]], settings: Settings) -> None:
    prefilter = _prefilter(settings)
    for _, module, _ in _extractors(work):
        prefilter.matcher(module)


def _load_parsers(work: List[Tuple[str, str, Optional[Entry]]]) -> None:
    from .extract import _function

    for _, module, function in _extractors(work):
        try:
            _function(module, function)
        except Exception:  # pragma: no cover - reading the file will say what is wrong
            pass
