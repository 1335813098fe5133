"""Facts are plain data: they survive a JSON round trip (the cache depends on it)."""

from __future__ import annotations

import json
import textwrap

from complint.extract.python import extract_python
from complint.facts import Declaration, DeclaredValue, Dependency, FileFacts, Location, ManifestText


def roundtrip(facts: FileFacts) -> FileFacts:
    return FileFacts.from_dict(json.loads(json.dumps(facts.to_dict())))


def test_python_facts_round_trip():
    source = textwrap.dedent("""\
        import streamlit as st
        from openai import OpenAI
        client = OpenAI()
        st.caption("AI inside")
        if q := st.chat_input("Ask"):
            r = client.chat.completions.create(model="m", messages=[{"role": "system", "content": "Be nice"}])
    """)
    facts = extract_python(source, "app.py")
    assert facts.model_calls and facts.chat_surfaces and facts.user_texts and facts.prompts
    assert facts.imports == ("openai.OpenAI", "streamlit")
    assert roundtrip(facts) == facts


def test_manifest_and_declaration_facts_round_trip():
    where = Location("pyproject.toml", 3, 1, 3, 20)
    facts = FileFacts(
        path="pyproject.toml",
        language="toml",
        dependencies=(Dependency(where, "openai", "pypi"),),
        manifest_texts=(ManifestText(where, "keywords", "chatbot"),),
        declarations=(Declaration(where, (DeclaredValue("domains", ["medical"], 4),)),),
    )
    assert roundtrip(facts) == facts


def test_damaged_facts_are_refused_with_where_they_are_wrong():
    import dataclasses

    import pytest

    from complint.facts import ChatSurface, FileFacts, Location, check_types

    good = FileFacts(path="a.py", language="python",
                     chat_surfaces=(ChatSurface(Location("a.py", 1, 1), "streamlit", "chat-ui", "st.chat_input"),))
    check_types(good)
    bad_line = dataclasses.replace(good, chat_surfaces=(ChatSurface(Location("a.py", "1", 1), "streamlit", "chat-ui", "x"),))
    with pytest.raises(TypeError, match=r"Location\.line"):
        check_types(bad_line)
    with pytest.raises(TypeError, match=r"Location\.column"):
        check_types(dataclasses.replace(good, chat_surfaces=(ChatSurface(Location("a.py", 1, True), "s", "k", "d"),)))
    with pytest.raises(TypeError, match="chat_surfaces"):
        check_types(dataclasses.replace(good, chat_surfaces=[]))  # a list where a tuple belongs
    check_types(dataclasses.replace(good, chat_surfaces=(ChatSurface(Location("a.py", 1, 1, 2, 5), "s", "k", "d"),)))
