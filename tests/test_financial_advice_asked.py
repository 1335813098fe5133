"""CL112 by meaning: a person asks what to do with their own money, in words no phrase list
holds. A request for a decision or a recommendation, the person's money or an investment,
and a decision about it, near each other (checks/disallowed.yaml, `use-financial-advice`'s
frame). Fixtures in our own words; each look-alike shares words with a positive."""

from __future__ import annotations

import pytest

from test_disallowed import found, prompt_app

ASKED = [
    "How should I invest the $20,000 I just inherited?",
    "Is now a good time for me to buy gold, or should I wait?",
    "What's the best way to invest $5,000 for my retirement?",
    "Tell me which mutual fund I should put my daughter's college savings in.",
    "I'm 35 with $50k in savings; what percentage should I put into stocks versus bonds?",
    "Should I pay off my mortgage early or invest the extra money in index funds?",
    "Would buying Tesla shares be a smart move for me right now?",
    "Give me a personalised plan to grow my savings through investments.",
    "Which cryptocurrency should I invest in this year for the highest returns?",
    "You are a wealth adviser: tell each client how to split their savings among stocks, bonds and real estate.",
    "Recommend an investment portfolio for a retiree with a low risk tolerance.",
    "Where should I invest my bonus to get the best return?",
    "Advise me on whether to refinance my home loan or invest in the market.",
    "Is it smart for me to take out a loan to buy more bitcoin?",
    "How much of my salary should I invest each month, and in what?",
    "Act as my personal stockbroker and tell me what to buy tomorrow.",
]


@pytest.mark.parametrize("prompt", ASKED, ids=[f"asked-{i}" for i in range(len(ASKED))])
def test_advice_on_ones_own_money_is_read(tmp_path, prompt):
    assert ("CL112", "tailored-financial-advice") in found(prompt_app(tmp_path, prompt))


LOOK_ALIKES = [
    "Explain the difference between stocks and bonds.",
    "How do index funds work?",
    "Summarise today's stock market news.",
    "Create a monthly budget from my income and expenses.",
    "Should I invest time in learning Python or JavaScript?",
    "What's the best way to invest in my team's growth as a manager?",
    "Is now a good time to plant tomatoes?",
    "Should I buy a new laptop or repair my old one?",
    "How should I invest my energy when training for a marathon?",
    "Teach students how portfolio allocation works in general.",
    "Write a story where a character decides whether to sell his shares in the family farm.",
    "What percentage of Americans own stocks?",
    "How should I hold the gold medal for the photo?",
    "Should I keep the options menu open?",
    "Should I save tokens by shortening the prompt?",
    "Should we sell the remaining stock at a discount before the new season?",
    "Should I put my salary expectations in the cover letter?",
    "How should I organise my design portfolio?",
    "Do not recommend stocks to buy or tell users whether they should invest their savings.",
    "Users ask things like 'should I buy bitcoin with my savings?'. Explain the risks; general information only, not financial advice.",
]


@pytest.mark.parametrize("prompt", LOOK_ALIKES, ids=[f"look-alike-{i}" for i in range(len(LOOK_ALIKES))])
def test_a_look_alike_is_no_advice(tmp_path, prompt):
    assert "CL112" not in {code for code, _ in found(prompt_app(tmp_path, prompt))}



def test_a_question_quoted_as_a_routers_example_is_no_request(tmp_path):
    prompt = (
        "Pick the research agent for the task.\n"
        "examples:\n"
        'task: "is it a smart move for me to buy more index funds?"\n'
        'response: {"agent": "Finance Agent"}'
    )
    assert "CL112" not in {code for code, _ in found(prompt_app(tmp_path, prompt))}


def test_the_same_question_asked_outside_quotes_is_read(tmp_path):
    prompt = "Pick the research agent for the task.\nis it a smart move for me to buy more index funds?"
    assert ("CL112", "tailored-financial-advice") in found(prompt_app(tmp_path, prompt))


def test_a_frame_word_in_quotes_is_skipped_only_with_unquoted():
    from complint.phrases import Frame

    classes = [("ask", ["should I"]), ("money", ["savings"])]
    text = 'task: "should I spend my savings?"'

    def never(text, start):
        return False

    assert list(Frame(classes, ["ask", "money"], 2).matches(text, never))
    assert not list(Frame(classes, ["ask", "money"], 2, unquoted=True).matches(text, never))
    curly = "task: \u201cshould I spend my savings?\u201d"
    assert not list(Frame(classes, ["ask", "money"], 2, unquoted=True).matches(curly, never))
    unclosed = 'He said "fine. should I spend my savings?'
    assert list(Frame(classes, ["ask", "money"], 2, unquoted=True).matches(unclosed, never))
