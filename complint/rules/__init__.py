"""Rule logic by policy section; each rule turns the project model into findings."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, Sequence

from ..config import Config
from ..facts import Location
from ..findings import Evidence, Finding, one_line
from ..policy import CheckSpec, Lexicon, Pack, PolicyError
from ..project import Project

RULE_MODULES = ("declarations", "disallowed", "disclosure", "disclaimers", "personas", "publication", "suppressions")


@dataclass(frozen=True)
class Context:
    pack: Pack
    config: Config
    # The disclosure lexicon with the configured extra phrases, made once: a new lexicon on
    # every call built its expression again and kept none of its answers.
    _extended: Dict[str, Lexicon] = field(default_factory=dict, compare=False, repr=False)

    def lexicon(self, name: str) -> Lexicon:
        if name == "ai-disclosure" and self.config.disclosure_extra_phrases:
            if name not in self._extended:
                self._extended[name] = self.pack.lexicon(name).extended(self.config.disclosure_extra_phrases)
            return self._extended[name]
        return self.pack.lexicon(name)


Rule = Callable[[Project, CheckSpec, Context], Iterable[Finding]]
REGISTRY: Dict[str, Rule] = {}


def rule(code: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        if code in REGISTRY:
            raise PolicyError(f"{code} is implemented twice")
        REGISTRY[code] = fn
        return fn

    return register


def load_rules(pack: Pack) -> Dict[str, Rule]:
    """Every check in the pack, paired with its implementation."""
    for module in RULE_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    missing = [code for code in pack.checks if code not in REGISTRY]
    if missing:
        raise PolicyError(
            f"policy pack {pack.name} defines {', '.join(missing)}, which this version of complint does not implement"
        )
    return {code: REGISTRY[code] for code in pack.checks}


def make_finding(
    spec: CheckSpec,
    location: Location,
    confidence: str,
    evidence: Sequence[Evidence] = (),
    category: str = "",
    construct: str = "",
    fix_kind: str = "",
    **message_values: str,
) -> Finding:
    """A finding of `spec`; `construct` says what it is about (see `Finding.construct`);
    `fix_kind` picks the fix written for that kind of app (`CheckSpec.fix_for`)."""
    return Finding(
        code=spec.code,
        name=spec.name,
        severity=spec.severity,
        confidence=confidence,
        # Values quote the app's own text, which may span lines; a message is one line.
        message=one_line(spec.message.format(**message_values)),
        location=location,
        fix=spec.fix_for(fix_kind),
        clause=spec.clause,
        section=spec.section,
        evidence=tuple(evidence),
        category=category,
        construct=construct,
    )
