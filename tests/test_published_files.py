"""Files the app publishes: a news digest written to a Markdown or HTML page is read by the
public, as a mailed one is (CL304 and the other disclaimers)."""

from __future__ import annotations

import pytest
from helpers import scan_app


DIGEST = '''\
from datetime import date
from pathlib import Path

from openai import OpenAI

client = OpenAI()
PROMPT = "Summarise these news articles into a short daily news digest."


def summarise(articles):
    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": PROMPT}, {"role": "user", "content": articles}])
    return r.choices[0].message.content


def publish(articles):
    digest = summarise(articles)
    {write}
'''


@pytest.mark.parametrize(
    "write",
    [
        'with open(f"digests/{date.today()}.md", "w") as out:\n        out.write(f"# Daily digest\\n\\n{digest}\\n")',
        '(Path("site") / "index.html").write_text("<h1>News</h1>" + digest)',
        'out = open("digest.md", mode="a")\n    out.write(digest)',
    ],
    ids=["with open, f-string", "pathlib write_text", "append, the answer alone"],
)
def test_a_news_digest_written_to_a_markdown_or_html_file_is_published(tmp_path, write):
    result = scan_app(tmp_path, {"digest.py": DIGEST.replace("{write}", write)})
    (finding,) = [f for f in result.findings if f.code == "CL304"]
    assert finding.message.startswith("This published file")
    assert finding.location.line >= 17  # where the file is written, not the prompt


@pytest.mark.parametrize(
    "write",
    [
        'with open("digest.md") as out:\n        print(out.read(), digest)',  # read, not written
        'with open("digest.json", "w") as out:\n        out.write(digest)',  # data, not a page
        'with open("notes.md", "w") as out:\n        out.write("# Notes\\n")',  # no answer in it
    ],
    ids=["read", "json", "no answer"],
)
def test_files_that_publish_no_answer_are_not_publications(tmp_path, write):
    result = scan_app(tmp_path, {"digest.py": DIGEST.replace("{write}", write)})
    assert [f.code for f in result.findings if f.code == "CL304"] == []


def test_a_disclaimer_written_into_the_published_digest_counts(tmp_path):
    write = ('with open("digest.md", "w") as out:\n        out.write("Summaries are written by AI and may contain errors: '
             'read the original article.\\n\\n" + digest)')
    result = scan_app(tmp_path, {"digest.py": DIGEST.replace("{write}", write)})
    assert [f.code for f in result.findings if f.code == "CL304"] == []


# The answer written by a helper the digest is handed to, through a function's parameter:
# `save(page)` writes what its callers pass. The path is bound in several functions: the
# write's own function's binding is the path it writes.
RELAYED = '''\
from pathlib import Path

from openai import OpenAI

client = OpenAI()
OUT = Path("site")


def summarise(articles):
    prompt = "Summarise today's news headlines for our readers: " + articles
    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


def frame(body, count):
    top = "# Morning edition"
    return top + "\\n\\n" + body + "\\n\\n" + str(count) + " stories" + "\\n"


def save(page):
    target = OUT / "{name}"
    target.write_text(page, encoding="utf-8")


def remember(state):
    target = OUT / "{other}"
    target.write_text(state)


def main(articles):
    body = summarise(articles)
    save({saved})
    remember("last run: ok")
'''


@pytest.mark.parametrize(
    "name, other, saved",
    [
        ("today.md", "state.json", "frame(body, 3)"),
        ("index.html", "state.txt", "body"),
    ],
    ids=["framed Markdown", "the answer alone, HTML"],
)
def test_a_digest_handed_to_a_helper_that_writes_the_page_is_published(tmp_path, name, other, saved):
    source = RELAYED.replace("{name}", name).replace("{other}", other).replace("{saved}", saved)
    result = scan_app(tmp_path, {"digest.py": source})
    (finding,) = [f for f in result.findings if f.code == "CL304"]
    assert finding.message.startswith("This published file")
    assert finding.location.line == 22  # the helper's write


@pytest.mark.parametrize(
    "name, other, saved",
    [
        ("today.json", "state.md", "frame(body, 3)"),  # the page-named path is another function's
        ("today.md", "state.json", '"no stories today"'),  # the helper is only handed a constant
    ],
    ids=["the write's own path is data", "no answer handed over"],
)
def test_a_helper_that_writes_no_answer_to_a_page_publishes_nothing(tmp_path, name, other, saved):
    source = RELAYED.replace("{name}", name).replace("{other}", other).replace("{saved}", saved)
    result = scan_app(tmp_path, {"digest.py": source})
    assert [f.code for f in result.findings if f.code == "CL304"] == []
