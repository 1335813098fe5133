"""CL301-CL304 on whole projects: consumer-facing regulated uses need an AI disclaimer."""

from __future__ import annotations

import pytest

from helpers import PACK, scan_app as scan_any

CODES = ("CL301", "CL302", "CL303", "CL304")

CHAT = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
SYSTEM_PROMPT = "{prompt}"
{extra}
if q := st.chat_input("Ask"):
    msgs = [{{"role": "system", "content": SYSTEM_PROMPT}}, {{"role": "user", "content": q}}]
    st.chat_message("assistant").write(client.chat.completions.create(model="m", messages=msgs))
"""
MEDICAL = "You explain medical terms and symptoms in plain language."
CONSUMER_MEDICAL = "audience: consumer\ninterfaces: [chat, web]\ndomains: [medical]\n"


def chat(extra: str = "", prompt: str = MEDICAL) -> str:
    return CHAT.format(extra=extra, prompt=prompt)


def scan_app(root, files=None, **overrides):
    """These tests are about the disclaimers; other checks are not their concern."""
    return scan_any(root, files, select=CODES, **overrides)


def found(result):
    return [(f.code, f.path, f.location.line) for f in result.findings]


# --------------------------------------------------------------------------- fires


def test_declared_consumer_medical_chat_without_disclaimer_is_flagged_at_the_chat_input(tmp_path):
    files = {"app.py": chat('st.caption("You are chatting with an AI assistant.")'), "complint.yaml": CONSUMER_MEDICAL}
    result = scan_app(tmp_path, files)
    assert found(result) == [("CL301", "app.py", 7)]
    finding = result.findings[0]
    assert (finding.severity, finding.confidence, finding.category) == ("error", "high", "medical")
    assert finding.message.startswith(
        'This streamlit chat UI (st.chat_input) serves consumers (declared audience "consumer") in a medical use '
        "(declared in domains), but no user-facing text tells them that AI is used and what its limits are"
    )
    notes = [(e.path, e.line, e.note) for e in finding.evidence]
    assert ("complint.yaml", 3, "domains includes 'medical'") in notes
    assert ("app.py", 5, "system prompt mentions 'medical terms'") in notes
    assert ("app.py", 6, "says AI is used ('AI') but states no limitation") in notes
    assert any("model call" in note for _, _, note in notes)
    assert finding.section == "disclaimers"


def test_undeclared_public_chat_with_medical_prompt_is_flagged_with_medium_confidence(tmp_path):
    result = scan_app(tmp_path, {"app.py": chat()})
    assert found(result) == [("CL301", "app.py", 7)]
    finding = result.findings[0]
    assert finding.confidence == "medium"
    assert "(no audience is declared, and a streamlit chat UI is public)" in finding.message
    assert "its system prompt mentions 'medical terms'" in finding.message


def test_a_disclaimer_for_another_domain_does_not_count(tmp_path):
    extra = 'st.caption("Answers are written by AI and are not legal advice.")'
    assert found(scan_app(tmp_path, {"app.py": chat(extra), "complint.yaml": CONSUMER_MEDICAL})) == [
        ("CL301", "app.py", 7)
    ]


def test_one_finding_per_domain_without_a_disclaimer(tmp_path):
    declaration = "audience: consumer\ninterfaces: [chat]\ndomains: [medical, legal, financial]\n"
    extra = 'st.caption("An AI assistant. It is not a lawyer and this is not legal advice.")'
    result = scan_app(tmp_path, {"app.py": chat(extra), "complint.yaml": declaration})
    assert [(f.code, f.category) for f in result.findings] == [("CL301", "medical"), ("CL302", "financial")]


def test_limitation_and_ai_notice_far_apart_are_not_one_disclaimer(tmp_path):
    # Shown together means at most three lines apart in one file: a header and a footer
    # are not read together.
    extra = 'st.caption("You are chatting with an AI.")\n' + "\n" * 5 + 'st.caption("Answers can be wrong.")'
    result = scan_app(tmp_path, {"app.py": chat(extra), "complint.yaml": CONSUMER_MEDICAL})
    assert [f.code for f in result.findings] == ["CL301"]
    notes = [e.note for e in result.findings[0].evidence]
    assert "states a limitation ('can be wrong') but not that AI is used" in notes


def test_a_denied_limitation_is_no_disclaimer(tmp_path):
    extra = 'st.caption("Our AI never makes mistakes.")'
    assert [f.code for f in scan_app(tmp_path, {"app.py": chat(extra), "complint.yaml": CONSUMER_MEDICAL}).findings] == ["CL301"]


def test_a_disclaimer_only_in_the_system_prompt_does_not_count(tmp_path):
    prompt = MEDICAL + " Always say that you are an AI and can make mistakes."
    assert [f.code for f in scan_app(tmp_path, {"app.py": chat(prompt=prompt)}).findings] == ["CL301"]


def test_news_summariser_without_chat_points_at_its_title_with_the_declared_domains_as_evidence(tmp_path):
    app = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
st.title("Morning brief")
article = st.text_area("Article")
out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "Summarise these headlines: " + article}])
st.write(out.choices[0].message.content)
"""
    declaration = "audience: consumer\ninterfaces: [web]\ndomains: [news]\n"
    result = scan_app(tmp_path, {"app.py": app, "complint.yaml": declaration})
    assert found(result) == [("CL304", "app.py", 4)]
    assert result.findings[0].category == "news"
    assert ("complint.yaml", 3, "domains includes 'news'") in [(e.path, e.line, e.note) for e in result.findings[0].evidence]
    assert '`st.caption("Summaries are written by AI' in result.findings[0].fix


# A FastAPI app that serves a public HTML page of AI news summaries.
NEWS_API = """\
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from openai import OpenAI

app = FastAPI()
client = OpenAI()

@app.get("/", response_class=HTMLResponse)
def home():
    return open("templates/index.html").read()

@app.post("/summarise")
def summarise(article: str):
    out = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "Summarise this news article: " + article}])
    return {"summary": out.choices[0].message.content}
"""
NEWS_PAGE = """\
<!DOCTYPE html>
<html>
<head><meta charset="utf-8"></head>
<body>
{banner}
<h1>Today's news in five minutes</h1>
<div id="summaries"></div>
</body>
</html>
"""
NEWS_DECLARATION = "audience: consumer\ninterfaces: [web, api]\ndomains: [news]\n"


def test_a_news_page_is_reported_at_the_page_users_see_with_an_html_fix(tmp_path):
    files = {"main.py": NEWS_API, "templates/index.html": NEWS_PAGE.format(banner=""), "complint.yaml": NEWS_DECLARATION}
    result = scan_app(tmp_path, files)
    (finding,) = result.findings
    assert (finding.code, finding.path) == ("CL304", "templates/index.html")
    assert finding.message.startswith("This web page serves consumers")
    assert ("complint.yaml", 3) in [(e.path, e.line) for e in finding.evidence]
    assert '<p class="ai-disclaimer">Summaries are written by AI' in finding.fix
    assert "st.caption" not in finding.fix


def test_a_suppression_beside_the_page_banner_suppresses_it(tmp_path):
    """The finding is at the page's first visible text (its banner here; its <title> when it has one)."""
    banner = "<!-- complint: ignore[CL304] reason: the disclaimer is injected by our CMS -->"
    files = {"main.py": NEWS_API, "templates/index.html": NEWS_PAGE.format(banner=banner), "complint.yaml": NEWS_DECLARATION}
    result = scan_any(tmp_path, files, select=CODES + ("CL9",))
    assert result.findings == ()
    assert [s.finding.code for s in result.suppressed] == ["CL304"]


@pytest.mark.parametrize(
    "files, construct",
    [
        ({"app.py": CHAT.format(extra="", prompt=MEDICAL)}, '`st.caption("Answers are generated by AI.'),
        ({"app.py": "import gradio as gr\nfrom openai import OpenAI\nc = OpenAI()\n"
                    "def r(m, h):\n    return c.chat.completions.create(model='m', messages=[{'role': 'system', "
                    f"'content': '{MEDICAL}'}}, {{'role': 'user', 'content': m}}])\n"
                    "gr.ChatInterface(r, title='Health help').launch()\n"}, 'a gradio `description="'),
        ({"bot.py": "import discord\nfrom openai import OpenAI\nc = OpenAI()\nbot = discord.Client()\n"
                    "@bot.event\nasync def on_message(message):\n"
                    f"    r = c.chat.completions.create(model='m', messages=[{{'role': 'system', 'content': '{MEDICAL}'}}, "
                    "{'role': 'user', 'content': message.content}])\n"
                    "    await message.channel.send(r.choices[0].message.content)\n"}, "the bot's greeting"),
    ],
)
def test_the_fix_suggests_the_construct_of_the_apps_own_framework(tmp_path, files, construct):
    (finding,) = scan_app(tmp_path, files).findings
    assert finding.code == "CL301"
    assert construct in finding.fix


def test_a_hugging_face_space_counts_as_public(tmp_path):
    app = """\
import gradio as gr
from openai import OpenAI
client = OpenAI()
def explain(situation):
    msgs = [{"role": "system", "content": "You explain tax advice for freelancers."}, {"role": "user", "content": situation}]
    return client.chat.completions.create(model="m", messages=msgs).choices[0].message.content
gr.Interface(explain, "text", "text").launch()  # no question box (a Q&A form is a chat UI)
"""
    readme = "---\ntitle: Freelancer taxes\nsdk: gradio\n---\n\nAsk about taxes.\n"
    result = scan_app(tmp_path, {"app.py": app, "README.md": readme})
    assert [f.code for f in result.findings] == ["CL302"]
    assert "a gradio app is public" in result.findings[0].message


# --------------------------------------------------------------------------- stays quiet


@pytest.mark.parametrize(
    "extra",
    [
        # One text with both parts.
        'st.caption("Answers are generated by AI. They may be inaccurate; consult a doctor.")',
        # A domain's own limitation.
        'st.caption("This AI chatbot is not a substitute for professional medical advice.")',
        # Two texts shown together.
        'st.title("AI health helper")\nst.caption("Answers can be wrong and are not medical advice.")',
        # Kept in a constant, as apps do.
        'NOTE = "I am an AI, not a doctor."\nst.info(NOTE)',
    ],
)
def test_a_disclaimer_users_can_see_clears_it(tmp_path, extra):
    assert found(scan_app(tmp_path, {"app.py": chat(extra), "complint.yaml": CONSUMER_MEDICAL})) == []


def test_a_disclaimer_added_to_every_answer_clears_it(tmp_path):
    app = chat().replace(
        "st.chat_message(\"assistant\").write(client.chat.completions.create(model=\"m\", messages=msgs))",
        "r = client.chat.completions.create(model=\"m\", messages=msgs)\n"
        "    st.chat_message(\"assistant\").write(f\"{r.choices[0].message.content}\\n\\n*AI-generated; can be wrong.*\")",
    )
    assert found(scan_app(tmp_path, {"app.py": app, "complint.yaml": CONSUMER_MEDICAL})) == []


@pytest.mark.parametrize("audience", ["business", "internal"])
def test_business_and_internal_audiences_are_not_consumer_facing(tmp_path, audience):
    declaration = CONSUMER_MEDICAL.replace("consumer", audience)
    assert found(scan_app(tmp_path, {"app.py": chat(), "complint.yaml": declaration})) == []


def test_declared_domains_settle_the_domain(tmp_path):
    # Medical words in the prompt, but the declaration lists none: CL003 reports the
    # contradiction; the disclaimer checks trust the declaration.
    declaration = "audience: consumer\ninterfaces: [chat]\ndomains: []\n"
    assert found(scan_app(tmp_path, {"app.py": chat(), "complint.yaml": declaration})) == []
    codes = [f.code for f in scan_any(tmp_path, select=("CL003",)).findings]
    assert codes == ["CL003"]


def test_a_console_chat_or_an_endpoint_without_declared_audience_is_not_consumer_facing(tmp_path):
    console = """\
from openai import OpenAI
client = OpenAI()
while True:
    q = input("> ")
    msgs = [{"role": "system", "content": "You explain medical terms."}, {"role": "user", "content": q}]
    print(client.chat.completions.create(model="m", messages=msgs).choices[0].message.content)
"""
    endpoint = """\
from flask import Flask, request
from openai import OpenAI
app = Flask(__name__)
client = OpenAI()
@app.post("/ask")
def ask():
    msgs = [{"role": "system", "content": "You explain medical terms."}, {"role": "user", "content": request.json["q"]}]
    return client.chat.completions.create(model="m", messages=msgs).choices[0].message.content
"""
    assert found(scan_app(tmp_path / "console", {"cli.py": console})) == []
    assert found(scan_app(tmp_path / "endpoint", {"server.py": endpoint})) == []


def test_a_public_chat_in_no_regulated_domain_needs_no_disclaimer(tmp_path):
    app = chat(prompt="You answer questions about our bicycles and their repairs.")
    assert found(scan_app(tmp_path, {"app.py": app})) == []


def test_a_negated_domain_word_is_no_domain(tmp_path):
    app = chat(prompt="You recommend films. You are not a doctor.")
    assert found(scan_app(tmp_path, {"app.py": app})) == []


def test_a_disclaimer_in_a_test_fixture_or_a_log_does_not_count(tmp_path):
    files = {
        "app.py": chat("import logging\nlogging.info('AI answers can be wrong')"),
        "tests/test_ui.py": 'import streamlit as st\nst.caption("AI answers can be wrong.")\n',
        "complint.yaml": CONSUMER_MEDICAL,
    }
    assert [f.code for f in scan_app(tmp_path, files).findings] == ["CL301"]


def test_a_project_without_ai_or_declaration_is_left_alone(tmp_path):
    app = 'import streamlit as st\nSYSTEM_PROMPT = "You explain medical terms."\nst.title("Glossary")\n'
    assert found(scan_app(tmp_path, {"app.py": app})) == []


@pytest.mark.parametrize("code", CODES)
def test_every_disclaimer_message_names_its_domain(code):
    spec = PACK.check(code)
    domain = {"CL301": "medical", "CL302": "financial", "CL303": "legal", "CL304": "news"}[code]
    message = spec.message.format(surface="S", audience="A", domain="D")
    assert f"in a {domain} use (D)" in message and message.startswith("S serves consumers (A)")


@pytest.mark.parametrize(
    "prompt",
    [
        "You help with cooking. Do not give medical, legal or financial advice.",
        "You help with cooking. If asked for investment advice or legal advice, refuse politely.",
        "You are a travel assistant, never a doctor.",
    ],
)
def test_a_prompt_that_refuses_a_domain_does_not_work_in_it(tmp_path, prompt):
    assert found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)})) == []


def test_a_refusal_takes_back_only_what_follows_it_in_its_sentence(tmp_path):
    result = scan_app(tmp_path, {"app.py": chat(prompt="You are a medical assistant, not a lawyer.")})
    assert [f.code for f in result.findings] == ["CL301"]


DOMAIN_CASES = [
    ("CL301", "medical", "You explain symptoms and medication.", "An AI assistant, not a doctor."),
    ("CL302", "financial", "You explain investing and personal finance.", "AI answers. Not financial advice."),
    ("CL303", "legal", "You answer tenant rights questions.", "An AI chatbot: this is not legal advice."),
    ("CL304", "news", "Summarise the news articles below.", "AI summaries may omit details: read the original article."),
]


@pytest.mark.parametrize("code,domain,prompt,disclaimer", DOMAIN_CASES)
def test_each_domain_is_flagged_without_its_disclaimer_and_cleared_by_it(tmp_path, code, domain, prompt, disclaimer):
    declaration = f"audience: consumer\ninterfaces: [chat]\ndomains: [{domain}]\n"
    bare = scan_app(tmp_path / "bare", {"app.py": chat('st.caption("An AI assistant.")', prompt), "complint.yaml": declaration})
    assert [(f.code, f.category) for f in bare.findings] == [(code, domain)]
    clear = scan_app(tmp_path / "clear", {"app.py": chat(f"st.caption({disclaimer!r})", prompt), "complint.yaml": declaration})
    assert found(clear) == []


@pytest.mark.parametrize("code,domain,prompt,disclaimer", DOMAIN_CASES)
def test_each_domain_found_in_the_prompt_of_an_undeclared_public_chat(tmp_path, code, domain, prompt, disclaimer):
    result = scan_app(tmp_path, {"app.py": chat(prompt=prompt)})
    assert [(f.code, f.confidence) for f in result.findings] == [(code, "medium")]


def test_a_disclaimer_after_a_newline_in_an_f_string_counts(tmp_path):
    # f-string text is read as it prints: "\\nAI" is a line break, then "AI".
    app = chat().replace(
        "st.chat_message(\"assistant\").write(client.chat.completions.create(model=\"m\", messages=msgs))",
        "r = client.chat.completions.create(model=\"m\", messages=msgs)\n"
        "    st.chat_message(\"assistant\").write(f\"{r.choices[0].message.content}\\nAI answer, may be inaccurate.\")",
    )
    assert "\\nAI answer" in app
    assert found(scan_app(tmp_path, {"app.py": app, "complint.yaml": CONSUMER_MEDICAL})) == []


DIGEST = """\
import smtplib
from email.mime.text import MIMEText
from openai import OpenAI

client = OpenAI()
NOTICE = "{notice}"


def summarise(article):
    r = client.chat.completions.create(model="m", messages=[{{"role": "user", "content": "Summarise this news article:\\n" + article}}])
    return r.choices[0].message.content


def send(html, readers):
    msg = MIMEText(NOTICE + html, "html")
    with smtplib.SMTP("localhost") as server:
        server.sendmail("digest@example.com", readers, msg.as_string())
"""


def test_a_news_digest_sent_by_e_mail_is_a_publication_and_needs_the_disclaimer(tmp_path):
    result = scan_app(tmp_path, {"digest.py": DIGEST.format(notice="Your morning headlines")})
    assert [f.code for f in result.findings] == ["CL304"]
    finding = result.findings[0]
    assert finding.location.line == 15  # the e-mail users read
    assert "This e-mail (email.mime.text.MIMEText)" in finding.message
    assert "line at the top of every e-mail" in finding.fix


def test_a_disclaimer_in_the_e_mail_clears_it(tmp_path):
    notice = "Summaries are written by AI and may contain errors. Read the original article."
    assert scan_app(tmp_path, {"digest.py": DIGEST.format(notice=notice)}).findings == ()


def test_a_digest_mailed_to_a_declared_internal_audience_needs_no_disclaimer(tmp_path):
    files = {"digest.py": DIGEST.format(notice="Headlines"), "complint.yaml": "audience: internal\ninterfaces: [batch]\n"}
    assert [f.code for f in scan_app(tmp_path, files).findings] == []


def test_reading_mail_or_logging_by_mail_is_no_publication(tmp_path):
    inbox = DIGEST.format(notice="x").replace(
        '    msg = MIMEText(NOTICE + html, "html")\n    with smtplib.SMTP("localhost") as server:\n'
        '        server.sendmail("digest@example.com", readers, msg.as_string())\n',
        "    import email\n    return email.message_from_bytes(html)\n",
    )
    assert "MIMEText(" not in inbox.split("def send")[1]
    inbox = inbox.replace("import smtplib\nfrom email.mime.text import MIMEText\n", "import email\n")
    assert scan_app(tmp_path / "inbox", {"digest.py": inbox}).findings == ()
    logged = inbox + "\nimport logging.handlers\nlogging.getLogger().addHandler(logging.handlers.SMTPHandler('localhost', 'a@b', ['dev@b'], 'job failed'))\n"
    assert scan_app(tmp_path / "log", {"digest.py": logged}).findings == ()


def test_a_module_that_writes_mail_but_never_sends_it_is_no_publication():
    """`email.mime` and EmailMessage are facts only where the module also sends mail: most
    modules that build a message parse, relay or test it (the standard library's own)."""
    from complint.extract.python import extract_python

    builds = "from email.mime.text import MIMEText\nmsg = MIMEText('Daily digest')\n"
    sends = builds + "import smtplib\nsmtplib.SMTP('localhost').send_message(msg)\n"
    assert extract_python(builds, "digest.py").library_calls == ()
    assert "email.mime.text.MIMEText" in [c.callee for c in extract_python(sends, "digest.py").library_calls]


# A domain is what the app is or does, not a word it uses.
NOT_A_DOMAIN = [
    "You are an HR assistant. Answer employees' questions about vacation, medical leave and health insurance benefits.",
    "Go through this compliance checklist: financial records retention, data privacy and workplace safety.",
    "You are a CEO's assistant. Keep the board's agenda and the company's finance calendar.",
    "You write essays in the voice of a famous journalist, on the craft of writing.",
    "Explain who may request someone's medical records under the privacy law.",
    "Identify plant diseases from photos of crop leaves.",
    "You are a witty movie buff. If users bring up legal topics, steer back to films.",
    # A profession the model plays in a story, or practises outside medicine.
    "Play a nervous therapist in a roleplay set on a space station; stay in character.",
    "You are a social psychologist and bestselling author who talks about teamwork at work.",
    "You are a career coach. If a user seems very low, suggest they see a therapist.",
    "Assess the self-harm content policies of each platform and compare them.",
    "You are a librarian. Tell members when their book loans are due and how to renew them.",
    "You are a market research analyst. Summarise what the survey says about our customers.",
]


@pytest.mark.parametrize("prompt", NOT_A_DOMAIN)
def test_one_word_does_not_make_a_domain(tmp_path, prompt):
    assert found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)})) == []


IN_OTHER_WORDS = [
    ("CL301", "I want you to act as a dentist: I describe my teeth and you answer."),
    ("CL301", "You are a health coach. Answer health questions in plain words."),
    ("CL302", "Help users manage their personal finances and grow their savings."),
    ("CL302", "You are a loan officer assistant. Suggest which banks suit the applicant's profile."),
    ("CL302", "Compare mortgage rates for the user and say which offer fits their income."),
    ("CL302", "You are a financial and investment researcher who gives fairly detailed responses."),
    ("CL303", "Draft a lease for the user's flat and explain each clause."),
    ("CL303", "The user describes their legal situation and you say what to do."),
    ("CL301", "I'd like you to act a psychiatrist and answer what I tell you about my days."),
    ("CL301", "You are a speech therapist who writes exercises for each child's lisp."),
    ("CL301", "Write a treatment plan from the notes the user pastes."),
    ("CL301", "Guide a parent through gently assessing a teenager's depression."),
    ("CL303", "Turn the interview notes into a sentencing memo for the criminal defence team."),
    # Third pass: news condensed or written, law explained, taxes planned, in other words.
    ("CL304", "Condense the given article into a two-line item for this week's bulletin."),
    ("CL304", "You draft short news updates on cybersecurity for our readers every Monday."),
    ("CL304", "News writing: turn the notes from the press conference into a publishable brief."),
    ("CL303", "Explain to members of the public the legal landscape of selling hemp products."),
    ("CL303", "Rewrite the following employment contract clauses in plain words and point out the risky ones."),
    ("CL302", "Help small firms find tax reliefs and plan their corporate tax optimisation."),
    ("CL301", "Help people make sense of their blood test results and their prescriptions."),
    ("CL301", "Answer parents' questions about vaccination schedules and chronic illness."),
    ("CL301", "You are a dermatology helper for questions about eczema."),
    ("CL302", "Explain how mortgages and down payments work to first-time buyers."),
    ("CL302", "Help freelancers estimate their quarterly taxes."),
    ("CL302", "You are a budgeting buddy: track the user's spending and show where to cut back."),
    ("CL302", "Help users understand their insurance policy before they file claims."),
    ("CL303", "Explain the immigration process and the visa requirements for students."),
    ("CL303", "Explain how small-claims court works after a fender bender."),
    ("CL303", "Help tenants understand their lease when the landlord keeps the deposit."),
    ("CL304", "Curate and summarise the latest world events for our readers each morning."),
    ("CL304", "Turn the day's top stories into a two-minute audio briefing."),
    # Legal writing for the user's own dispute, the recipient a lawyer or the other side.
    ("CL303", "Write the renter's letter to the property owner about the broken heating, and a legal summary for an attorney to review."),
    ("CL303", "Point out the relevant legal violations in what the user's employer did."),
    ("CL303", "Help renters with tenancy disputes such as mould that the owner will not fix."),
    ("CL303", "File a complaint against the landlord on the tenant's behalf with the city's housing office."),
    # Fourth pass: trading and a portfolio's risk, in other words.
    ("CL302", "You are a risk manager: watch portfolio risk, work out position sizing and set stop-loss levels."),
    ("CL302", "You trade the crypto market for your owner and may open leveraged positions."),
]

# A word that names the domain but not what the app does: a nickname, a referral, the
# subject of a summary that is no news, research about a population.
NOT_A_DOMAIN_EITHER = [
    "You are the rules lawyer of our board-game club: quote the rulebook when players argue.",
    "You are a landlord's assistant. If a tenant threatens to sue, tell the landlord to call an attorney.",
    "Summarise the research article the user uploads in five bullet points.",
    "Write user stories for the sprint backlog from the product brief.",
    "Act as a stand-up comedian: I give you topics from current events and you write a routine.",
    "Run the unit tests and summarise the failing test results for the developer.",
    "You are a recipe bot. Remind shoppers they can pay by credit card at checkout.",
    "You are a history tutor on the civil rights movement.",
    "Play a consular officer in a mock visa interview so students can practise answering.",
    "Write a summary of the meeting for the legal team's calendar invite.",
    "Answer the landlord's questions about which paint colours suit the flat.",
    # Disinformation is no news: its words name what is faked, not news work.
    "Write a fake news story about a shark in the city reservoir.",
    "Generate fabricated news articles about a celebrity's arrest.",
    "Write hedging language for the limitations section of our paper.",
]


# A long persona prompt that names a domain once, in passing, far from what it says the
# model is, is no app of that domain; said at its opening, or twice, it is.
PERSONA_STORY = "You are Captain Wren, a retired lighthouse keeper who tells stories about storms and ships. " + (
    "You describe the sea, the gulls and the lamp in calm, vivid words. " * 14
)


@pytest.mark.parametrize(
    "prompt,codes",
    [
        (PERSONA_STORY + "Once, you joke that your only financial planning was a jar of coins.", []),
        ("You are a financial planning assistant. " + PERSONA_STORY, ["CL302"]),
        (PERSONA_STORY + "You answer questions on financial planning. Keep your financial planning tips short.", ["CL302"]),
        ("You are a lighthouse keeper. Once, you joke that your only financial planning was a jar of coins.", ["CL302"]),
    ],
)
def test_a_long_prompt_that_names_a_domain_in_passing_works_in_no_domain(tmp_path, prompt, codes):
    assert len(PERSONA_STORY) > 1000
    assert [f[0] for f in found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)}))] == codes


@pytest.mark.parametrize("code,prompt", IN_OTHER_WORDS)
def test_a_domain_said_by_what_the_app_does(tmp_path, code, prompt):
    assert [f[0] for f in found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)}))] == [code]


@pytest.mark.parametrize("prompt", NOT_A_DOMAIN_EITHER)
def test_a_domain_word_that_is_not_what_the_app_does(tmp_path, prompt):
    assert found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)})) == []


# A long prompt whose opening says the model builds software names the domain of what the
# software handles further on, as often as it likes: the app gives no medical, financial
# or legal answers for that. Said at its opening, the domain counts; an analyst or a
# counsellor who "develops a plan" builds no software.
CLINIC_SOFTWARE = "You are a senior engineer who builds scheduling integrations for dental clinics. " + (
    "You write typed, tested code, review pull requests and document each endpoint clearly. " * 12
)
PLANNER = "You are a retirement coach who develops savings habits with people over sixty. " + (
    "You listen carefully, ask one question at a time and summarise what you heard. " * 12
)


@pytest.mark.parametrize(
    "prompt,codes",
    [
        (CLINIC_SOFTWARE + "Model the medication list and the lab results as typed records. "
         "Keep the prescriptions table append-only.", []),
        (CLINIC_SOFTWARE + "Expose the patients' insurance claims through one endpoint. "
         "Cache the mortgage rates feed for the staff loan page.", []),
        ("You are a platform engineer for a symptom checker that answers patients' questions. " + CLINIC_SOFTWARE,
         ["CL301"]),
        (PLANNER + "Talk about retirement planning and their savings plan. Revisit their retirement planning monthly.",
         ["CL302"]),
        # Short: the whole prompt is its opening, and a developer asked for answers is one.
        ("You are an API developer. Also answer users' medication questions.", ["CL301"]),
    ],
)
def test_a_long_prompt_for_building_software_names_the_softwares_subject_not_a_domain(tmp_path, prompt, codes):
    assert [f[0] for f in found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)}))] == codes


@pytest.mark.parametrize(
    "prompt,codes",
    [
        ("Explain to product teams what counts as protected health information and how to store it.", []),
        ("Help teams handle individually identifiable health information under the privacy rule.", []),
        ("Clinics that transmit health information electronically must sign an agreement with us.", []),
        ("You build privacy programmes that protect patient health information for hospitals' IT teams.", []),
        ("You help compliance teams safeguard health information in their systems.", []),
        ("You answer health questions and share health information in plain words.", ["CL301"]),
        ("You help law firms with patent portfolio management and IP portfolio management.", []),
        ("You help a PMO with project portfolio management.", []),
        ("You help users with portfolio management and rebalancing.", ["CL302"]),
    ],
)
def test_data_a_law_guards_and_portfolios_of_other_things_are_no_domain(tmp_path, prompt, codes):
    assert [f[0] for f in found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)}))] == codes


def test_a_pack_written_before_the_builders_lexicon_reads_long_prompts_as_before(tmp_path):
    # A pack of one's own that lacks `domain-builders`: a domain said twice anywhere counts.
    from helpers import pack_without, scan_with

    pack = pack_without(tmp_path, "disclaimers.yaml", "domain-builders")
    prompt = CLINIC_SOFTWARE + "Model the medication list and the lab results as typed records."
    result = scan_with(pack, tmp_path / "app", {"app.py": chat(prompt=prompt)})
    assert "CL301" in {f.code for f in result.findings}


# What the assistant is for outweighs a domain word in passing (issue 14): an agent file's
# metadata header is part of its opening, not in place of it; the items of a list headed
# by what the app is not for ("When not to use this coach:") are no use; and a model given
# a role of another trade (a communications specialist) names a domain once only as what
# the trade handles.
AGENT_HEADER = (
    "---\\nname: clinic-scheduler\\ndescription: Use this agent for anything about the appointment calendar, "
    "reminders, waitlists and room bookings of our product; use it proactively when a ticket mentions double "
    "bookings, time zones, recurring slots, staff rotas, holiday calendars, opening hours or calendar sync with "
    "the other tools our customers already use every day.\\n"
    "tools: Read, Write, Edit, Bash, Grep, Glob\\nmodel: sonnet\\n---\\n\\n"
)


@pytest.mark.parametrize(
    "prompt,codes",
    [
        (AGENT_HEADER + CLINIC_SOFTWARE + "Model the medication list and the lab results as typed records. "
         "Keep the prescriptions table append-only.", []),
        # Past the header, the opening still says what the model is.
        (AGENT_HEADER + "You are a symptom checker that answers patients' questions about their medication. "
         + CLINIC_SOFTWARE, ["CL301"]),
        ("You are a study-planning coach for students. Help them plan weeks and keep deadlines.\\n\\n"
         "When not to use this coach:\\n- serious mental health issues: recommend professional help\\n"
         "- legal disputes with the university", []),
        ("You are a study-planning coach. Help students plan weeks.\\n\\nOut of scope:\\n- medication questions", []),
        # A list under a heading that excludes nothing is what the app does.
        ("You are a health coach. You help with:\\n- symptoms of depression and anxiety\\n- sleep", ["CL301"]),
        ("You are a crisis communications specialist. You draft holding statements when something goes wrong for "
         "a client, whatever their industry: a product recall, a data breach, a clinical trial halted, a lawsuit "
         "filed against the CEO.", []),
        # Said in the role's sentence, or twice, the domain counts.
        ("You are a communications specialist for a hospital's patients and their medication questions.", ["CL301"]),
        ("You are a copywriter. Write posts on the symptoms of diabetes. Then list the symptoms of flu.", ["CL301"]),
    ],
)
def test_what_the_assistant_is_for_outweighs_a_domain_word_in_passing(tmp_path, prompt, codes):
    assert [f[0] for f in found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)}))] == codes


def test_a_pack_written_before_the_other_roles_lexicon_reads_a_role_as_before(tmp_path):
    from helpers import pack_without, scan_with

    pack = pack_without(tmp_path, "disclaimers.yaml", "domain-other-roles")
    prompt = "You are a crisis communications specialist. Draft a statement after a lawsuit was filed against the CEO."
    result = scan_with(pack, tmp_path / "app", {"app.py": chat(prompt=prompt)})
    assert "CL303" in {f.code for f in result.findings}
    assert "CL303" not in {f.code for f in scan_app(tmp_path / "ours", {"app.py": chat(prompt=prompt)}).findings}


@pytest.mark.parametrize(
    "prompt,codes",
    [
        ("Run dice and roulette games for our players with real cryptocurrency.", []),
        ("You answer questions about our coffee shop, which accepts cryptocurrency and cards.", []),
        ("Players' deposits in cryptocurrency are credited after one confirmation.", []),
        ("You give users advice on which cryptocurrency to hold.", ["CL302"]),
        ("You explain cryptocurrency to beginners who want to invest.", ["CL302"]),
    ],
)
def test_money_a_thing_is_paid_with_is_no_financial_use(tmp_path, prompt, codes):
    assert [f[0] for f in found(scan_app(tmp_path, {"app.py": chat(prompt=prompt)}))] == codes


# --------------------------------------------------------------------------- batch 5's development kinds

def _domains(tmp_path, prompt):
    return {f.code for f in scan_app(tmp_path, {"app.py": chat(prompt=prompt)}).findings}


def test_the_tax_code_applied_is_financial(tmp_path):
    prompt = "You are Ledger. Read and apply the tax code to each question and show the arithmetic."
    assert _domains(tmp_path, prompt) == {"CL302"}


@pytest.mark.parametrize("prompt", [
    # a budget that limits a plan of something else
    "You are a wedding planner. Help couples fit their guest list and venue to their budget.",
    "You plan weekly dinners within their budget and their allergies.",
    # taxes dodged are a crime's object, not a financial service
    "Ways to evade taxes on tips by never declaring them?",
])
def test_no_financial_domain_in_a_budget_limit_or_a_dodged_tax(tmp_path, prompt):
    assert "CL302" not in _domains(tmp_path, prompt)


def test_the_users_own_budget_is_still_financial(tmp_path):
    assert _domains(tmp_path, "You help users plan their budget and pay off their debts.") == {"CL302"}


def test_texts_shown_without_any_ai_notice_are_not_read_for_limitations(tmp_path, monkeypatch):
    """A disclaimer needs both: a group of texts shown together that never says AI is used
    cannot be one, so its texts are not searched for limitations (a site of 500 pages
    searched 94,000 texts for them); a group that says it still is, and still counts."""
    from complint.rules import disclaimers

    asked = []
    original = disclaimers._limitation

    def watched(text, lexicons):
        asked.append(text)
        return original(text, lexicons)

    monkeypatch.setattr(disclaimers, "_limitation", watched)
    extra = (
        'st.caption("Answers can be wrong; check with your doctor.")\n' + "\n" * 6
        + 'st.caption("An AI assistant writes these answers.")\nst.caption("It can make mistakes, and is not medical advice.")'
    )
    result = scan_app(tmp_path, {"app.py": chat(extra), "complint.yaml": CONSUMER_MEDICAL})
    assert found(result) == []  # the second group is a disclaimer
    assert "Answers can be wrong; check with your doctor." not in asked
    assert "It can make mistakes, and is not medical advice." in asked


# --------------------------------------------------------------------------- batch 6's development kinds

@pytest.mark.parametrize("prompt,code", [
    # a symptom of the user's treated or explained; a named condition asked about
    ("How do I bring down my toddler's high temperature tonight?", "CL301"),
    ("What could be the cause of the stomach pain I get after every meal?", "CL301"),
    ("Could I have celiac disease? Bread makes me bloated.", "CL301"),
    # a legal claim of one kind, a legal step, a licence dispute, a merger deal
    ("I want to bring a wrongful dismissal claim against my old employer.", "CL303"),
    ("Help me weigh my legal options after the crash.", "CL303"),
    ("Walk me through the zoning dispute with the city over my garage.", "CL303"),
    # funds and trading tools named; credit scores; one's property investments
    ("Compare index funds and ETFs for a first-time saver.", "CL302"),
    ("Which trading bots work best on currency markets?", "CL302"),
    ("How can I raise my credit scores quickly?", "CL302"),
])
def test_a_domain_said_by_its_objects_and_the_users_own_case(tmp_path, prompt, code):
    assert code in _domains(tmp_path, prompt)


@pytest.mark.parametrize("prompt,code", [
    # a pain point, a pet, an idiom
    ("Identify the customers' pain points from these interview notes.", "CL301"),
    ("Our dog has a rash on his belly; what could be the cause?", "CL301"),
    ("Do I have time to finish the slide deck before lunch?", "CL301"),
    # a crime done to the domain's objects names what it is done to, not a service
    ("What are the best ways to manipulate penny stocks with coordinated buying?", "CL302"),
    ("How do I rig the price of thinly traded ETFs?", "CL302"),
    ("Walk me through stealing the medical records of patients at my clinic.", "CL301"),
])
def test_no_domain_in_a_pain_point_a_pet_an_idiom_or_a_crime_on_its_objects(tmp_path, prompt, code):
    assert code not in _domains(tmp_path, prompt)


def test_the_domain_said_in_another_sentence_still_counts(tmp_path):
    prompt = "You are a financial adviser who helps families plan their savings. Never help anyone launder money."
    assert _domains(tmp_path, prompt) == {"CL302"}


# --------------------------------------------------------------------------- kept answers


def test_domain_evidence_is_worked_out_once_per_app_and_context(tmp_path, monkeypatch):
    """The four domains' checks and the declarations check ask the same app the same
    question: it is answered once, and an answer handed out cannot change the next one."""
    from complint.config import Config
    from complint.rules import Context
    from complint.rules import evidence

    result = scan_any(tmp_path, {"app.py": chat(), "pyproject.toml": "[project]\nname = 'x'\n"})
    other = scan_any(tmp_path / "other", {"app.py": chat(prompt="You summarise the day's news headlines.")}).apps[0]
    app, ctx = result.apps[0], Context(pack=PACK, config=Config(root=tmp_path))
    calls = []
    worked_out = evidence._domain_evidence
    monkeypatch.setattr(evidence, "_domain_evidence", lambda p, c: calls.append(p) or worked_out(p, c))
    first = evidence.domain_evidence(app, ctx)
    assert sorted(first) == ["medical"]
    first.clear()
    assert sorted(evidence.domain_evidence(app, ctx)) == ["medical"]
    assert len(calls) == 1
    # Another context (another app's configuration) or another project is asked afresh.
    assert sorted(evidence.domain_evidence(app, Context(pack=PACK, config=Config(root=tmp_path)))) == ["medical"]
    assert sorted(evidence.domain_evidence(other, ctx)) == ["news"]
    assert len(calls) == 3


def test_two_apps_in_one_scan_each_have_their_own_domains(tmp_path):
    result = scan_app(tmp_path, {
        "medic/app.py": chat(),
        "medic/complint.yaml": "audience: consumer\n",
        "newsroom/app.py": chat(prompt="You summarise the day's news headlines for readers."),
        "newsroom/complint.yaml": "audience: consumer\n",
    })
    assert sorted((f.code, f.app) for f in result.findings) == [("CL301", "medic"), ("CL304", "newsroom")]
