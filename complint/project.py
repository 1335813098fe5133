"""The project model: every file's facts merged, so checks can reason project-wide."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
import posixpath
import re
from pathlib import Path
from typing import FrozenSet, List, Optional, Tuple

from .declaration import AppDeclaration, DeclarationIssue, read_declaration
from .facts import (
    DOCUMENT_CHANNEL,
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
    # The app's folder, relative to the root: "" for the whole project, "bots/support"
    # for one app of several kept in one repository (see split_into_apps).
    prefix: str = ""

    def at_app_root(self, path: str) -> bool:
        """Whether a project-relative path is a file in the app's own folder."""
        return posixpath.dirname(path) == self.prefix

    @property
    def name(self) -> str:
        return self.prefix or "."

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
    def shown_paths(self) -> FrozenSet[str]:
        """Project files whose text code reads and shows users, as project-relative paths."""
        return frozenset(path for f in self.files for path in shown_paths_of(f))

    @cached_property
    def user_texts(self) -> Tuple[UserFacingText, ...]:
        """Text users see; a document's text only where the app shows that document."""
        return tuple(
            t
            for f in self.files
            for t in f.user_texts
            if t.channel != DOCUMENT_CHANNEL or f.path in self.shown_paths
        )

    @cached_property
    def prompts(self) -> Tuple[Prompt, ...]:
        return tuple(p for f in self.files for p in f.prompts)

    @cached_property
    def dependencies(self) -> Tuple[Dependency, ...]:
        return tuple(d for f in self.files for d in f.dependencies)

    @cached_property
    def sdk_dependencies(self) -> Tuple[Dependency, ...]:
        if not self.dependencies:
            return ()
        from .extract.vocabulary import sdk_package_provider  # its tables cost an import

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
        facts = [d for f in self.files if self.at_app_root(f.path) for d in f.declarations]
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


def shown_paths_of(facts: FileFacts) -> Tuple[str, ...]:
    """Where the files a file's code shows may be, relative to the project root: from the
    root (where apps usually run) and from the file's own folder."""
    out = []
    for shown in facts.shown_files:
        target = shown.target.replace("\\", "/")
        for path in (target, posixpath.join(posixpath.dirname(facts.path), target)):
            path = posixpath.normpath(path)
            if path not in out and not path.startswith("../") and not posixpath.isabs(path):
                out.append(path)
    return tuple(out)


_CHAINLIT_MD = re.compile(r"^chainlit(_[\w-]+)?\.md$", re.IGNORECASE)
_MANIFESTS = re.compile(r"^(pyproject\.toml|package\.json|setup\.py|complint\.ya?ml|requirements([-_.][\w.-]*)?\.(txt|in))$")


def split_into_apps(root: Path, files: Tuple[FileFacts, ...], problems: Tuple[FileProblem, ...] = ()) -> Tuple[Project, ...]:
    """The apps a repository holds: one, unless it keeps several self-contained chat apps.

    A sub-folder with its own manifest whose files both call a model and give users a way
    to converse is an app of its own when there are at least two such apps (counting what
    stands around them): a disclosure in one of them says nothing to the users of another. A front end without
    model calls is not self-contained, so a back end and its front end stay one app; and
    a declaration at the root says the whole repository is one app.
    """
    whole = Project(root, files, problems)
    if whole.declaration is not None or whole.declaration_issues:
        return (whole,)
    folders = sorted(
        {posixpath.dirname(f.path) for f in files if _MANIFESTS.match(posixpath.basename(f.path))} - {""},
        key=lambda d: (d.count("/"), d),
    )
    chosen: List[str] = []
    for folder in folders:
        if any(folder.startswith(c + "/") for c in chosen):
            continue
        inside = Project(root, tuple(f for f in files if f.path.startswith(folder + "/")), prefix=folder)
        if inside.integrates_ai and inside.chat_surfaces:
            chosen.append(folder)

    def owner(path: str) -> str:
        return next((c for c in chosen if path.startswith(c + "/")), "")

    if not chosen:
        return (whole,)
    if len(chosen) == 1:
        # One sub-folder app: a separate app only if what stands around it is one too.
        rest = Project(root, tuple(f for f in files if owner(f.path) == ""))
        if not (rest.integrates_ai and rest.chat_surfaces):
            return (whole,)

    # chainlit.md is the welcome screen of the chainlit app, wherever `chainlit run` is started.
    chainlit_apps = [
        prefix for prefix in [""] + chosen
        if any(s.framework == "chainlit" for f in files if owner(f.path) == prefix for s in f.chat_surfaces)
    ]

    def home(facts: FileFacts) -> str:
        mine = owner(facts.path)
        if _CHAINLIT_MD.match(posixpath.basename(facts.path)) and mine not in chainlit_apps and len(chainlit_apps) == 1:
            return chainlit_apps[0]
        return mine

    apps = []
    for prefix in [""] + chosen:
        mine = tuple(f for f in files if home(f) == prefix)
        if mine:
            trouble = tuple(p for p in problems if owner(p.path) == prefix)
            apps.append(Project(root, mine, trouble, prefix=prefix))
    return tuple(apps)
