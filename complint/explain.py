"""A rule's documentation page, rendered from its entry in the policy pack."""

from __future__ import annotations

import re
from typing import List

from .policy import CheckSpec, Pack

_MARKER = re.compile(r"^\s*(#|//|<!--|\{#)\s*(ruleid|ok|todoruleid):.*$")


def _example_files(files, indent: str = "    ") -> List[str]:
    out: List[str] = []
    for path, content in files:
        out.append(f"{indent}# {path}")
        for line in content.rstrip("\n").splitlines():
            if not _MARKER.match(line):
                out.append(f"{indent}{line}" if line else "")
    return out


def is_flagged_example(spec: CheckSpec, content: str) -> bool:
    return any(
        m and m.group(2) == "ruleid" and spec.code in line for line in content.splitlines() for m in [_MARKER.match(line)]
    )


def render_explanation(spec: CheckSpec, pack: Pack) -> str:
    lines = [f"{spec.code} ({spec.name}) [{spec.severity}]", "", spec.summary, ""]
    lines += ["## What it does", "", spec.rationale.strip(), ""]
    if spec.kind == "hygiene":
        lines += ["## Policy clause", "", "  None: this check keeps complint's own annotations honest.", ""]
    else:
        lines += ["## Policy clause", "", f"  \"{spec.clause}\"", f"  ({pack.policy_title}, pack {pack.name} {pack.version})", ""]
    flagged = [e for e in spec.examples if any(is_flagged_example(spec, c) for _, c in e.files)]
    clean = [e for e in spec.examples if e not in flagged]
    for heading, examples in (("## Example", flagged), ("## Use instead", clean)):
        for example in examples:
            lines += [heading, "", f"  {example.title}:", ""]
            lines += _example_files(example.files)
            lines.append("")
    categories = getattr(spec, "categories", ())
    if categories:
        lines += ["## Categories", ""]
        for category in categories:
            lines.append(f"  {category.name}: {category.label}")
        lines.append("")
    if spec.known_problems:
        lines += ["## Known problems", "", spec.known_problems.strip(), ""]
    lines += ["## Fix", "", _wrapped(spec.fix)]
    others = [(kind, text) for kind, text in spec.fix_examples if kind != "default"]
    if others:
        lines += ["", "The finding's fix shows the example in the app's own construct:", ""]
        lines += [f"  {kind}: {text}" for kind, text in others]
    return "\n".join(lines)


def _wrapped(text: str, width: int = 88) -> str:
    """Folded prose (one line a paragraph) wrapped for a terminal; code blocks as written."""
    import textwrap

    return "\n\n".join(
        paragraph if paragraph.startswith((" ", "\t")) else textwrap.fill(paragraph, width)
        for paragraph in text.strip().split("\n\n")
    )
