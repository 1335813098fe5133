"""The curated lists of people (checks/people/*.txt): who is real, historical or fictional.

A list is read the first time a persona construction names someone, and kept for the
process: a scan whose prompts make the model speak as no one never reads it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

from .. import derived

# The file that holds each kind, in the order a name found in two of them is decided.
LIST_FILES = (("historical", "historical.txt"), ("fictional", "fictional.txt"), ("real", "real.txt"))
_DIED = re.compile(r";\s*died\s+(\d{4})\s*$")


def normalise(name: str) -> str:
    """A name as the lists compare it: no accents, no dots or hyphens, lower case."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        name = name.replace("’", "'")
    return " ".join(name.replace(".", " ").replace("-", " ").lower().split())


@dataclass(frozen=True)
class Listed:
    """What a list says of a name."""

    kind: str  # real | historical | fictional
    category: str  # the list's section: "politics", "music", "film and television", ...
    source: str  # "checks/people/real.txt"
    died: Optional[int] = None  # for real people who died in 2000 or later

    def describe(self) -> str:
        died = f", died {self.died}" if self.died else ""
        return f"listed in {self.source} ({self.category}{died})"


@functools.lru_cache(maxsize=4)
def load_lists(directory: str) -> Dict[str, Listed]:
    """Every name of the lists in `directory`, normalised, with what the list says of it.
    A missing directory or file is an empty list: a pack may keep no lists."""
    names: Dict[str, Listed] = {}
    for kind, filename in LIST_FILES:
        path = Path(directory) / filename
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        source = f"checks/people/{filename}"
        listed: Dict[Tuple[str, Optional[int]], Listed] = {}
        for name, said in _read_list(text, kind).items():
            if name not in names:
                entry = listed.get(said)
                if entry is None:
                    entry = listed[said] = Listed(kind, said[0], source, said[1])
                names[name] = entry
    return names


@derived.kept("people-list", each=True)
def _read_list(text: str, kind: str) -> Dict[str, Tuple[str, Optional[int]]]:
    """One person a line: their names separated by `|`; `[section]` lines name the
    category of the lines below; `# ...` is a comment; `; died YYYY` ends the line of a
    real person who died in 2000 or later. Each name (normalised) with its category and
    year of death, the first line that names it deciding. Kept beside the bytecode
    (derived.py): reading the three lists took a prompt-heavy app's scan 20-50 ms."""
    # Normalised all at once (`normalise`, a line at a time, costs four times as much):
    # the folded text keeps the lines of the original, which says the sections.
    names: Dict[str, Tuple[str, Optional[int]]] = {}
    category = kind
    for line, folded in zip(text.splitlines(), _folded(text).splitlines()):
        first = line[:1]
        if not first or first == "#" or first.isspace():
            continue
        if first == "[":
            category = line.strip()[1:-1].strip()
            continue
        died = None
        if ";" in folded:
            match = _DIED.search(folded)
            if match:
                died = int(match.group(1))
                folded = folded[: match.start()]
        for name in folded.split("|"):
            names.setdefault(" ".join(name.split()), (category, died))
    return names


_COMBINING = re.compile(r"[\u0300-\u036f]+")


def _folded(text: str) -> str:
    """`normalise` applied to a whole text, line by line alike (white space inside a line
    is not yet collapsed)."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).replace("’", "'")
    return text.replace(".", " ").replace("-", " ").lower()
