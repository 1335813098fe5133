"""The built-in policy pack, loaded and checked, kept beside complint's bytecode.

Loading the pack from its parsed YAML checks every check, lexicon and act, and builds
every act's inflected forms: 0.05 s of every `--no-cache` scan (every CI run) and
`complint rules`, for a result that only the pack's files and complint's code decide. A
run that loaded it without a scan's cache keeps the `Pack` here, pickled, as `patterns`
keeps compiled expressions: in the package's `__pycache__` folder, named after a digest of
the code that loads it (derived.py's), only where Python writes bytecode. The next run
reads it back (a few milliseconds) when the pack's files hold the bytes it was made from:
their digest, and the policy text's, are in it. An absent, damaged or foreign file is
loaded again from the YAML: the store only ever saves time. A scan with its cache reads
its own parsed copy (`policy.PACK_CACHE`), and notes when that copy is damaged, as before;
the pack checked from that copy is kept beside the bytecode too (`for_scans`), with the
copy's digest, and read back while the copy holds the same bytes: a copy damaged since
does not match, so it is read and checked again, and its damage noted.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Optional

if TYPE_CHECKING:
    from .policy import Pack

_FORMAT = 1


def _path(kind: str = "checked-pack") -> Optional[Path]:
    """The store of that kind, named after the code that loads the pack (derived.py's digest)."""
    from . import derived, patterns

    code = derived._code_digest()
    return patterns.beside_bytecode(f"{kind}.{_FORMAT}.{code}.pickle") if code else None


def _digest(contents: Dict[Path, bytes], witness: bytes = b"") -> str:
    hasher = hashlib.sha256()
    for path in sorted(contents, key=lambda p: p.name):
        hasher.update(path.name.encode() + b"\0" + contents[path] + b"\0")
    if witness:
        hasher.update(b"witness\0" + witness)
    return hasher.hexdigest()


def for_scans() -> Optional[Path]:
    """Where the pack checked from a scan's parsed copy (`policy.PACK_CACHE`) is kept: beside
    the bytecode too, never in the scanned project (whose files are not to be unpickled)."""
    return _path("checked-pack-scans")


def kept(
    directory: Path, contents: Dict[Path, bytes], path: Optional[Path] = None, witness: bytes = b""
) -> "Optional[Pack]":
    """The pack kept for these files (`contents`: pack.yaml and the sections, by path), if
    the policy text beside them is the one it was made from; else None. `path`: another
    store than the default (`for_scans`); `witness`: bytes the pack was kept with, which
    must be the same (a scan's parsed copy: one byte changed there and the pack is loaded
    from it again, its damage noted)."""
    path = path or _path()
    if path is None:
        return None
    import pickle

    from .files import read_regular
    from .policy import Pack

    try:
        digest, text_name, text_digest, pack = pickle.loads(read_regular(path))
        if digest != _digest(contents, witness) or not isinstance(pack, Pack) or pack.root != str(directory):
            return None
        if hashlib.sha256(read_regular(directory / text_name)).hexdigest() != text_digest:
            return None
    except Exception:  # absent, damaged, foreign: loaded from the YAML again
        return None
    return pack


def keep(
    directory: Path, contents: Dict[Path, bytes], text_name: str, pack: "Pack",
    path: Optional[Path] = None, witness: bytes = b"",
) -> None:
    """Keep `pack`, just loaded from `contents` and the policy text `text_name` (`path`,
    `witness`: as for `kept`)."""
    import pickle

    from . import patterns

    path = path or _path()
    if path is None or pack.notes:
        return
    try:
        # The text the pack holds is the file's bytes decoded (strict UTF-8 gives them back).
        text_digest = hashlib.sha256(pack.policy_text.encode("utf-8")).hexdigest()
        data = pickle.dumps((_digest(contents, witness), text_name, text_digest, pack), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, ValueError, AttributeError, UnicodeError):
        return
    patterns.keep(path, data, r"%s\.\d+\.[0-9a-f]{16}\.pickle" % re.escape(path.name.split(".")[0]))
