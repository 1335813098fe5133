"""The project model: every file's facts merged, so checks can reason project-wide."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Optional, Tuple

from .facts import (
    ChatSurface,
    FileFacts,
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

    @property
    def integrates_ai(self) -> bool:
        return bool(self.model_calls or self.model_imports)

    def primary_surface(self) -> Optional[ChatSurface]:
        return self.chat_surfaces[0] if self.chat_surfaces else None
