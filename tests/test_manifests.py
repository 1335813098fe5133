"""Manifests: what the project says it is and depends on, each value with its line."""

from __future__ import annotations

import textwrap

import pytest

from complint.extract.manifests import claims, extract_manifest


def manifest(path, source):
    return extract_manifest(textwrap.dedent(source), path)


@pytest.mark.parametrize(
    "path,kind",
    [
        ("pyproject.toml", "pyproject"), ("backend/pyproject.toml", "pyproject"),
        ("requirements.txt", "requirements"), ("requirements-dev.txt", "requirements"),
        ("requirements/base.in", None), ("requirements_prod.txt", "requirements"),
        ("package.json", "package.json"), ("complint.yaml", "declaration"), ("complint.yml", "declaration"),
        ("README.md", "readme"), ("extension/manifest.json", "extension"),
        ("tsconfig.json", None), ("app.py", None), ("locales/en.json", None), ("myrequirements.txt", None),
        (".github/workflows/pages.yml", "workflow"), (".github/dependabot.yml", None),
    ],
)
def test_which_files_are_manifests(path, kind):
    assert claims(path) == kind


def test_pyproject_description_keywords_classifiers_and_dependencies():
    facts = manifest("pyproject.toml", """\
        [project]
        name = "medbot"
        description = "A symptom checker chatbot"
        keywords = ["health", "chatbot"]
        classifiers = ["Topic :: Scientific/Engineering :: Medical Science Apps."]
        dependencies = [
          "openai>=1.0",
          "Streamlit_Chat ; python_version > '3.8'",
        ]

        [project.optional-dependencies]
        test = ["pytest"]
    """)
    assert [(t.field, t.text, t.location.line) for t in facts.manifest_texts] == [
        ("name", "medbot", 2),
        ("description", "A symptom checker chatbot", 3),
        ("keywords", "health", 4),
        ("keywords", "chatbot", 4),
        ("classifier", "Topic :: Scientific/Engineering :: Medical Science Apps.", 5),
    ]
    assert [(d.name, d.location.line, d.ecosystem) for d in facts.dependencies] == [
        ("openai", 7, "pypi"), ("streamlit-chat", 8, "pypi"),
    ]
    assert facts.declarations == ()


def test_poetry_dependencies():
    facts = manifest("pyproject.toml", """\
        [tool.poetry]
        name = "bot"
        description = "Discord bot"

        [tool.poetry.dependencies]
        python = "^3.10"
        anthropic = "^0.30"
    """)
    assert [(d.name, d.location.line) for d in facts.dependencies] == [("anthropic", 7)]
    assert ("description", "Discord bot") in [(t.field, t.text) for t in facts.manifest_texts]


def test_pyproject_declaration_has_a_line_per_key():
    facts = manifest("pyproject.toml", """\
        [project]
        name = "x"

        [tool.complint.app]
        audience = "consumer"
        interfaces = ["chat"]
        "use-cases" = ["tutoring"]

        [tool.other]
        audience = "ignored"
    """)
    (declaration,) = facts.declarations
    assert declaration.location.line == 4
    assert [(v.key, v.value, v.line) for v in declaration.values] == [
        ("audience", "consumer", 5), ("interfaces", ["chat"], 6), ("use-cases", ["tutoring"], 7),
    ]


def test_invalid_toml_is_a_problem_not_a_crash():
    facts = manifest("pyproject.toml", "[project\nname = 1\n")
    assert facts.problems[0].message.startswith("invalid TOML:")


def test_requirements_lines():
    facts = manifest("requirements.txt", """\
        # the model
        openai==1.30.0  # pinned
        -r base.txt
        -e git+https://github.com/x/y#egg=LangChain_Community
        anthropic[bedrock] >= 0.30 ; python_version >= "3.9"
        mypkg @ https://example.com/mypkg.whl
        --index-url https://pypi.org/simple

    """)
    assert [(d.name, d.location.line) for d in facts.dependencies] == [
        ("openai", 2), ("langchain-community", 4), ("anthropic", 5), ("mypkg", 6),
    ]


def test_package_json():
    facts = manifest("package.json", """\
        {
          "name": "chat-ui",
          "description": "Next.js chat app",
          "keywords": ["ai", "chat"],
          "dependencies": {
            "openai": "^4.0.0",
            "@ai-sdk/react": "^1.0.0"
          },
          "devDependencies": {"typescript": "^5"}
        }
    """)
    assert [(d.name, d.location.line, d.ecosystem) for d in facts.dependencies] == [
        ("openai", 6, "npm"), ("@ai-sdk/react", 7, "npm"),
    ]
    assert [(t.field, t.text, t.location.line) for t in facts.manifest_texts] == [
        ("name", "chat-ui", 2), ("description", "Next.js chat app", 3), ("keywords", "ai", 4), ("keywords", "chat", 4),
    ]


def test_broken_package_json_is_a_problem():
    assert manifest("package.json", "{ nope").problems[0].message.startswith("invalid JSON:")


def test_complint_yaml_declaration_and_its_syntax_errors():
    good = manifest("complint.yaml", """\
        audience: consumer
        interfaces:
          - chat
        personas:
          - {name: Ada Lovelace, kind: historical}
    """)
    (declaration,) = good.declarations
    assert [(v.key, v.line) for v in declaration.values] == [("audience", 1), ("interfaces", 2), ("personas", 4)]
    assert declaration.values[2].value == [{"name": "Ada Lovelace", "kind": "historical"}]
    bad = manifest("complint.yaml", "audience: consumer\ninterfaces: chat: web\n")
    (broken,) = bad.declarations
    assert broken.location.line == 2
    assert broken.error.startswith("invalid YAML: mapping values are not allowed")  # libyaml words it differently
    assert manifest("complint.yaml", "").declarations[0].values == ()
    assert manifest("complint.yaml", "- a\n").declarations[0].error.startswith("expected a mapping")


def test_hugging_face_space_front_matter():
    facts = manifest("README.md", """\
        ---
        title: Symptom Helper
        sdk: gradio
        short_description: Ask about symptoms
        tags:
          - medical
        ---
        # Symptom Helper
        This is an AI assistant.
    """)
    assert [(t.field, t.text, t.location.line) for t in facts.manifest_texts] == [
        ("title", "Symptom Helper", 2), ("description", "Ask about symptoms", 4),
        ("platform", "huggingface-space:gradio", 3), ("keywords", "medical", 6),
    ]
    assert facts.user_texts == ()  # a README is not what users of the app see


def test_plain_readme_says_nothing():
    assert manifest("README.md", "# My app\n---\nnot front matter\n").manifest_texts == ()
    assert manifest("README.md", "---\ntitle: blog post\n---\n").manifest_texts == ()


def test_browser_extension_manifest():
    facts = manifest("manifest.json", '{"manifest_version": 3, "name": "Reply Writer", "description": "Writes replies with GPT"}')
    assert [t.text for t in facts.manifest_texts] == ["Reply Writer", "Writes replies with GPT"]
    assert manifest("manifest.json", '{"name": "web app manifest"}').manifest_texts == ()
    assert manifest("manifest.json", "not json").problems == ()
