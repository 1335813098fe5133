"""What a module may offer other modules as a text: the rule both extractors apply to what
a module binds (Python) or exports (JS/TS), before flow.py looks it up."""

from __future__ import annotations

import re
from typing import Any, Optional

from ..facts import REFERENCE_OPEN

MAX_MODULE_TEXT = 20000  # characters of a text other modules may import
_LETTER = re.compile(r"[^\W\d_]")


def exportable(text: Optional[str], placeholder: str) -> bool:
    """A text worth recording: not too long, and with words of its own or a reference on."""
    if text is None or len(text) > MAX_MODULE_TEXT:
        return False
    return REFERENCE_OPEN in text or _LETTER.search(text.replace(placeholder, "")) is not None


def text_with_references(extraction: Any, node: Any) -> Optional[str]:
    """`extraction.string_value(node)` with the names other modules define written as
    references (both extractors read them so while `_references` is set)."""
    extraction._references = True
    try:
        return extraction.string_value(node)
    finally:
        extraction._references = False


def template_of(extraction: Any, node: Any) -> Optional[str]:
    """The text of a value with references, when it holds any: for flow.py to resolve."""
    text = text_with_references(extraction, node)
    return text if text is not None and REFERENCE_OPEN in text else None
