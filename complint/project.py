"""The project model: every file's facts merged, so checks can reason project-wide."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Optional, Tuple

from .declaration import AppDeclaration, DeclarationIssue, read_declaration
from .extract.vocabulary import sdk_package_provider
from .facts import (
    ChatSurface,
    Dependency,
    FileFacts,
    ManifestText,
    FileProblem,
    ModelCall,
    ModelImport,
    Prompt,
    UserFacingText,
)

# Where users meet a chat first: a chat UI beats a bot, a bot beats a bare endpoint.
_SURFACE_ORDER = {"chat-ui": 0, "messaging-bot": 1, "console-loop": 2, "web-route": 3}
# Where users type: the place a disclosure belongs, rather than where answers are drawn.
_ENTRY_POINTS = frozenset({"st.chat_input", "gr.ChatInterface"})


@dataclass(frozen=True)
class Project:
    root: Path
    files: Tuple[FileFacts, ...]
    problems: Tuple[FileProblem, ...] = ()

    @cached_property
    def model_calls(self) -> Tuple[ModelCall, ...]:
        return tuple(c for f in self.files for c in f.model_calls)

    @cached_property
    def model_imports(self) -> Tuple[ModelImport, ...]:
        return tuple(i for f in self.files for i in f.model_imports)

    @cached_property
    def chat_surfaces(self) -> Tuple[ChatSurface, ...]:
        surfaces = [s for f in self.files for s in f.chat_surfaces]
        surfaces.sort(
            key=lambda s: (
                _SURFACE_ORDER.get(s.kind, 9),
                s.detail not in _ENTRY_POINTS,
                s.location.path,
                s.location.line,
            )
        )
        return tuple(surfaces)

    @cached_property
    def user_texts(self) -> Tuple[UserFacingText, ...]:
        return tuple(t for f in self.files for t in f.user_texts)

    @cached_property
    def prompts(self) -> Tuple[Prompt, ...]:
        return tuple(p for f in self.files for p in f.prompts)

    @cached_property
    def dependencies(self) -> Tuple[Dependency, ...]:
        return tuple(d for f in self.files for d in f.dependencies)

    @cached_property
    def sdk_dependencies(self) -> Tuple[Dependency, ...]:
        return tuple(d for d in self.dependencies if sdk_package_provider(d.name, d.ecosystem))

    @cached_property
    def manifest_texts(self) -> Tuple[ManifestText, ...]:
        return tuple(t for f in self.files for t in f.manifest_texts)

    @property
    def integrates_ai(self) -> bool:
        """Code evidence: a model call or an SDK import (a dependency alone is not enough)."""
        return bool(self.model_calls or self.model_imports)

    @cached_property
    def _declaration(self) -> Tuple[Optional[AppDeclaration], Tuple[DeclarationIssue, ...]]:
        # The app's declaration lives at the project root; nested ones belong to other apps.
        facts = [d for f in self.files if "/" not in f.path for d in f.declarations]
        if not facts:
            return None, ()
        declaration, issues = read_declaration(facts[0])
        for extra in facts[1:]:
            issues.append(
                DeclarationIssue(
                    extra.location,
                    "",
                    f"a second declaration (the first is {facts[0].location.path}:{facts[0].location.line}); "
                    "keep one, in [tool.complint.app] or complint.yaml",
                )
            )
        return declaration, tuple(issues)

    @property
    def declaration(self) -> Optional[AppDeclaration]:
        return self._declaration[0]

    @property
    def declaration_issues(self) -> Tuple[DeclarationIssue, ...]:
        return self._declaration[1]

    def primary_surface(self) -> Optional[ChatSurface]:
        return self.chat_surfaces[0] if self.chat_surfaces else None
