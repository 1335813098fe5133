"""Summarise every text file in a folder with Claude; no one converses with it."""

import pathlib
import sys

import anthropic

PROMPT = "Summarise this document in three bullet points for an internal digest:\n\n{text}"


def summarise(client: anthropic.Anthropic, text: str) -> str:
    message = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=400,
        messages=[{"role": "user", "content": PROMPT.format(text=text)}],
    )
    return message.content[0].text


def main(folder: str) -> None:
    client = anthropic.Anthropic()
    for path in sorted(pathlib.Path(folder).glob("*.txt")):
        summary = summarise(client, path.read_text())
        path.with_suffix(".summary.md").write_text(summary)
        print(f"summarised {path.name}")


if __name__ == "__main__":
    main(sys.argv[1])
