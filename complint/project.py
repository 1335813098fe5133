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
    # The app's folder, relative to the root: "" for the app at the scan root, "bots/support"
    # for one app of several kept in one repository (see find_apps).
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
_REQUIREMENTS = re.compile(r"^requirements([-_.][\w.-]*)?\.(txt|in)$", re.IGNORECASE)
_PROJECT_MANIFESTS = frozenset({"pyproject.toml", "package.json"})
# Frameworks whose entry point, beside its own requirements file, is an app on its own.
_APP_FRAMEWORKS = frozenset({"streamlit", "gradio", "chainlit"})


def find_apps(root: Path, files: Tuple[FileFacts, ...], problems: Tuple[FileProblem, ...] = ()) -> Tuple[Project, ...]:
    """The apps below the scan root, found from declarations and manifests (README: "Apps").

    1. A folder holding a declaration (complint.yaml, [tool.complint.app]) is an app's root;
       everything below it is that app, except what lies below a deeper declaration.
    2. Outside declared apps, a folder holding a manifest (pyproject.toml, package.json, or
       a requirements file beside a streamlit, gradio or chainlit app) whose files use a model
       API is an app of its own when the app around it has another part that uses one (its
       own files, or another such folder), or nothing else. A part that uses no model (a
       front end, a docs site), or the only part that does (a back end beside its front
       end), belongs to the app around it.
    3. What belongs to no other app belongs to the app at the scan root (".").
    """
    declared = sorted({posixpath.dirname(f.path) for f in files if f.declarations}, key=_depth)
    fixed = [""] + [d for d in declared if d]
    candidates = [] if "" in declared else [
        folder for folder in _manifest_folders(files) if folder and not any(_below(folder, d) for d in fixed if d)
    ]
    roots = set(fixed) | set(_split_undeclared(files, fixed, candidates))
    ordered = sorted(roots, key=lambda r: (-_depth(r), r))

    def owner(path: str) -> str:
        return next(r for r in ordered if _below(path, r))

    undeclared_chainlit = [
        r for r in sorted(roots) if r not in declared
        and any(s.framework == "chainlit" for f in files if owner(f.path) == r for s in f.chat_surfaces)
    ]

    def home(facts: FileFacts) -> str:
        mine = owner(facts.path)
        # chainlit.md is the chainlit app's welcome screen wherever `chainlit run` starts.
        if (
            _CHAINLIT_MD.match(posixpath.basename(facts.path)) and mine not in declared
            and mine not in undeclared_chainlit and len(undeclared_chainlit) == 1
        ):
            return undeclared_chainlit[0]
        return mine

    apps = []
    for prefix in sorted(roots):
        mine = tuple(f for f in files if home(f) == prefix)
        if mine or prefix in declared:
            trouble = tuple(p for p in problems if owner(p.path) == prefix)
            apps.append(Project(root, mine, trouble, prefix=prefix))
    return tuple(apps) or (Project(root, files, problems),)


def _depth(folder: str) -> int:
    return folder.count("/") + 1 if folder else 0


def _below(path: str, folder: str) -> bool:
    """Whether a root-relative path is `folder` or lies below it ("" is the scan root)."""
    return not folder or path == folder or path.startswith(folder + "/")


def _manifest_folders(files: Tuple[FileFacts, ...]) -> List[str]:
    by_folder: dict = {}
    for f in files:
        by_folder.setdefault(posixpath.dirname(f.path), []).append(f)
    out = []
    for folder, inside in by_folder.items():
        names = {posixpath.basename(f.path).lower() for f in inside}
        if names & _PROJECT_MANIFESTS:
            out.append(folder)
            continue
        requirements = [f for f in inside if _REQUIREMENTS.match(posixpath.basename(f.path))]
        if not requirements:
            continue
        listed = {d.name for f in requirements for d in f.dependencies}
        framed = {s.framework for f in inside for s in f.chat_surfaces}
        if (listed | framed) & _APP_FRAMEWORKS:
            out.append(folder)
    return sorted(out, key=lambda d: (_depth(d), d))


def _uses_ai(files: Tuple[FileFacts, ...]) -> bool:
    part = Project(Path("."), files)
    return part.integrates_ai or bool(part.sdk_dependencies)


def _split_undeclared(files: Tuple[FileFacts, ...], fixed: List[str], candidates: List[str]) -> List[str]:
    """The undeclared manifest folders that are apps of their own (rule 2 of find_apps)."""
    chosen: List[str] = []
    pending = [""]
    while pending:
        around = pending.pop()
        nested = [c for c in candidates if c != around and _below(c, around)]
        inner_fixed = [r for r in fixed if r != around and _below(r, around)]

        def outside_declared(path: str) -> bool:
            return not any(_below(path, r) for r in inner_fixed)

        outermost = [c for c in nested if not any(o != c and _below(c, o) for o in nested)]
        parts = [
            c for c in outermost
            if _uses_ai(tuple(f for f in files if _below(f.path, c) and outside_declared(f.path)))
        ]
        rest = tuple(
            f for f in files
            if _below(f.path, around) and outside_declared(f.path) and not any(_below(f.path, c) for c in parts)
        )
        # A lone part that uses a model stays with what surrounds it (its front end, say),
        # unless nothing does.
        if parts and (not rest or len(parts) + _uses_ai(rest) >= 2):
            chosen += parts
            pending += parts
    return chosen
