"""CL901 and CL902: suppression comments must suppress something, and say why."""

from __future__ import annotations

from typing import Iterable

from ..findings import Finding
from ..policy import CheckSpec
from ..project import Project
from ..suppress import directive_text
from . import Context, make_finding, rule


@rule("CL901")
def unused_suppression(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    # Whether a comment suppresses anything is known only once every other rule has
    # reported: complint.suppress.apply_suppressions judges it, after this pass.
    return ()


@rule("CL902")
def suppression_without_reason(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    if not ctx.config.require_suppression_reason:
        return []
    return [
        make_finding(spec, suppression.location, "high", construct=directive, directive=directive)
        for file_facts in project.files
        for suppression in file_facts.suppressions
        if not suppression.reason
        for directive in (directive_text(suppression),)
    ]
