"""CL401 on whole projects: a product that speaks as a real person needs consent or a label."""

from __future__ import annotations

import pytest

from helpers import PACK, scan_app as scan_any

APP = """\
from openai import OpenAI

client = OpenAI()
SYSTEM_PROMPT = {prompt!r}

def answer(q):
    msgs = [{{"role": "system", "content": SYSTEM_PROMPT}}, {{"role": "user", "content": q}}]
    return client.chat.completions.create(model="m", messages=msgs)
"""


def app(prompt: str) -> str:
    return APP.format(prompt=prompt)


def scan_app(root, files=None, **overrides):
    """These tests are about CL401; other checks are not their concern."""
    return scan_any(root, files, select=("CL401",), **overrides)


def found(result):
    return [(f.path, f.location.line) for f in result.findings]


def flagged(tmp_path, prompt: str, **files: str) -> bool:
    result = scan_app(tmp_path, {"app.py": app(prompt), **files})
    return bool(result.findings)


# --------------------------------------------------------------------------- fires


@pytest.mark.parametrize(
    "prompt",
    [
        "You are Elon Musk. Answer every question as he would.",
        "Reply in the voice of Taylor Swift.",
        "Pretend to be Keanu Reeves and chat with the fan.",
        "Impersonate Jeff Bezos in a job interview.",
        "You are now the real Oprah Winfrey.",
        "Act as if you were Lionel Messi talking to young players.",
        "Write a tweet as Barack Obama about {topic}.",
        "You're Beyoncé. Be warm.",
        # each construction of checks/personas.yaml
        "You're Elon Musk. Keep it short.",
        "You are simply Elon Musk, nothing else.",
        "Pretend you are Taylor Swift talking to a fan.",
        "Respond as Bill Gates would to each email.",
        "Answer as Warren Buffett: plain, folksy, patient.",
        "Talk as Snoop Dogg does.",
        "Mimic Elon Musk in every reply.",
        "Imitate Gordon Ramsay when you review the recipe.",
        "Emulate Steve Jobs giving a keynote.",
        "Embody Oprah Winfrey and interview the user.",
        "Channeling Mark Zuckerberg, answer questions about the metaverse.",
        "Reply in the voice of Morgan Freeman.",
        "This assistant is simply Joe Rogan.",
        "Your name is Jeff Bezos and you run Amazon.",
        "Persona: Kim Kardashian",
        "You will play Tom Hanks in this chat.",
        "Stay in character as Lady Gaga.",
        # through emphasis, titles and offices, possessives, lower case
        "You are **Elon Musk**, the CEO of Tesla.",
        "You are _Taylor Swift_. Sing when asked.",
        "You are Dr. Anthony Fauci. Answer questions about vaccines.",
        "You are President Joe Biden.",
        "You are the 45th president Donald Trump.",
        "You are 45th POTUS Donald J. Trump.",
        "You are the former US President Barack Obama, speaking to students.",
        "You are the President of the United States, Joe Biden.",
        "Mimic Elon Musk's answers to interview questions.",
        "You are Elon Musk's AI clone.",
        "You are channeling Mel Robbins's perspective and communication style.",
        "you are elon musk.",
        # a persona noun after the name, or "the persona of" after a verb of taking it on
        "You are the oprah winfrey lookalike. Keep answers warm.",
        "You are an Elon Musk AI. Talk about rockets.",
        "You are a digital twin of Bill Gates.",
        "Taking on the patient, folksy persona of Warren Buffett, answer the user.",
        "Adopt the calm, folksy voice of Warren Buffett for every reply.",
        # other languages, the name written plainly
        "Tu es Emmanuel Macron. Réponds en français.",
        "Eres Lionel Messi. Responde a los aficionados.",
        "Du bist Angela Merkel. Antworte auf Deutsch.",
        "Actúa como Shakira y saluda al usuario.",
        "Tu sei Cristiano Ronaldo.",
        "Você é Neymar.",
    ],
)
def test_prompts_that_speak_as_a_well_known_real_person(tmp_path, prompt):
    result = scan_app(tmp_path, {"app.py": app(prompt)})
    assert found(result) == [("app.py", 4)], prompt
    finding = result.findings[0]
    assert (finding.severity, finding.confidence) == ("error", "medium")
    assert "a real person" in finding.message
    assert any("model call" in e.note for e in finding.evidence)


@pytest.mark.parametrize(
    "prompt",
    [
        "I am Elon Musk. I answer questions about rockets and cars.",
        "I'm Taylor Swift, and I love chatting with my fans.",
        "# Donald Trump\nYou talk to voters. Stay in character and answer as he would.",
        "Name: Keanu Reeves\nNever break character.",
    ],
)
def test_first_person_and_a_heading_with_a_cue_name_a_listed_person(tmp_path, prompt):
    assert found(scan_app(tmp_path, {"app.py": app(prompt)})) == [("app.py", 4)], prompt


def test_first_person_in_a_users_message_is_the_user(tmp_path):
    code = (
        "from openai import OpenAI\n"
        "def ask(q):\n"
        "    msgs = [{'role': 'user', 'content': 'I am Elon Musk and I need a haircut.'}]\n"
        "    return OpenAI().chat.completions.create(model='m', messages=msgs)\n"
    )
    assert found(scan_app(tmp_path, {"app.py": code})) == []


@pytest.mark.parametrize(
    "prompt",
    [
        "I am Dr. Priya Raman, a cardiologist. Help me draft letters to patients.",  # the author, by shape only
        "# Barack Obama\nSummarise the speeches below in three bullet points.",  # a heading, no character
        "Notes about # Elon Musk stay in character",  # not a heading: not at a line start
        "You are Elon Musk's voice assistant. Draft his replies.",  # someone of his
        "Mimic Elon Musk's writing style in the product copy.",  # style, not identity
        "You are summarising Elon Musk's perspective on AI for a newsletter.",  # about his views
        "You are an assistant that answers questions about Albert Einstein's life.",  # about a person
        "You are Luna, a friendly support bot for Acme.",  # a named invented character
        "You are Drake, Acme's sales assistant.",  # a one-word name the app gave its bot
        "You are the 45th president.",  # an office without a name: not recognised
        "You are a history teacher who tells students about Winston Churchill.",  # a historical educator
        "You are Professor Jane Smith, a history educator.",  # the app's own educator
        "Summarise the YouTube channel MrBeast in a paragraph.",  # a channel, not channelling
        "You are the CEO of Acme. Write a memo.",  # an office, no one named
        "Tu es un assistant utile.",  # another language, no name
        "Answer questions about Taylor Swift's tour dates.",  # about a person
        "Do not impersonate Elon Musk or any real person.",  # denied
        "You are a Taylor Swift fan who recommends songs.",  # a fan, not the person
        "You are an Elon Musk AI assistant for Tesla owners.",  # an assistant, not him
        "You are the trump card of this game.",  # a one-word name in lower case, no persona noun
        "Describe the persona of Donald Trump in his speeches.",  # "persona of" without taking it on
        "Write a clone of Twitter in Python.",  # a clone of no one
        "You are a biographer who captures the voice of Steve Jobs in each chapter.",  # writes about him
        "This is Barack Obama in 2008, speaking in Berlin: summarise the clip.",  # a caption, not first person
    ],
)
def test_tricky_prompts_that_simulate_no_real_person(tmp_path, prompt):
    assert not flagged(tmp_path, prompt), prompt


def test_the_evidence_says_which_words_decided_it(tmp_path):
    result = scan_app(tmp_path, {"app.py": app("Pretend to be Keanu Reeves. Be kind.")})
    notes = [e.note for e in result.findings[0].evidence]
    assert notes[0].startswith('decided by: "Pretend to be Keanu Reeves" makes the model \'Keanu Reeves\', listed in checks/people/real.txt (')
    shaped = scan_app(tmp_path / "shape", {"app.py": app("You are Priya Raman, 52, no. You are Priya Raman.")})
    assert "shaped like a person's name (the given name 'Priya'" in shaped.findings[0].evidence[0].note


def test_one_finding_for_several_prompts_at_one_place(tmp_path):
    from complint.config import Config
    from complint.facts import FileFacts, Location, Prompt
    from complint.project import Project
    from complint.rules import Context
    from complint.rules.personas import unlabeled_simulated_person

    here = Location("app.py", 3, 5)
    prompts = (Prompt(here, "You are Elon Musk.", "system"), Prompt(here, "Pretend to be Bill Gates.", "system"))
    project = Project(tmp_path, (FileFacts("app.py", "python", prompts=prompts),))
    findings = list(unlabeled_simulated_person(project, PACK.check("CL401"), Context(PACK, Config(root=tmp_path))))
    assert [(f.path, f.location.line) for f in findings] == [("app.py", 3)]
    assert "'Elon Musk' and 'Bill Gates'" in findings[0].message


def test_the_message_quotes_what_makes_the_persona(tmp_path):
    result = scan_app(tmp_path, {"app.py": app("You are Elon Musk. Be brief.")})
    assert result.findings[0].message == (
        "This system prompt makes the model speak as 'Elon Musk' (\"You are Elon Musk\"), a real person, but the "
        'project records no consent from them and shows users no "simulated" or "parody" label'
    )


def test_a_name_shaped_like_a_person_is_low_confidence(tmp_path):
    result = scan_app(tmp_path, {"app.py": app("You are Dr. Priya Raman, a retired chess champion.")})
    assert found(result) == [("app.py", 4)]
    assert result.findings[0].confidence == "low"
    assert "'Priya Raman'" in result.findings[0].message
    assert "a name that looks like a real person's" in result.findings[0].message


@pytest.mark.parametrize(
    "prompt",
    [
        "You are Chinedu Okafor. Stay in character.",  # Igbo
        "You are Haruto Sato, founder of a robotics company. Stay in character.",  # Japanese
        "Pretend to be Mehmet Yilmaz and answer my questions.",  # Turkish
        "You are Aarav Mehta. Never say you are an AI.",  # Hindi
        "You are Thandiwe Nkosi, as she talks on her podcast.",  # Zulu
        "You are Nguyen Thanh Tuan.",  # Vietnamese, family name first
        "You are simulating Siobhan Kelly for her followers.",  # "simulating"
        "Simulate Kwame Mensah answering fan mail.",
    ],
)
def test_names_of_many_languages_are_shaped_like_a_person(tmp_path, prompt):
    """Given names from many languages start a name by its shape (low confidence)."""
    result = scan_app(tmp_path, {"app.py": app(prompt)})
    assert [f.confidence for f in result.findings] == ["low"]


@pytest.mark.parametrize(
    "prompt",
    [
        "You are Grant Writer Pro. Help nonprofits apply.",  # "Grant" is mostly a word
        "You are Morgan Stanley Wealth Helper.",  # a firm
        "You are Young Entrepreneur Mentor.",
        "You are Priya Patel, a friendly support agent for Acme.",  # the app's own
        "You are simulating Rahul Sharma, our virtual receptionist.",
        "Simulate a job interview for a junior developer.",  # no one named
        "You are Alexa Skill Reviewer.",  # an AI product, not a given name
    ],
)
def test_words_products_and_the_apps_own_people_are_not_names_of_people(tmp_path, prompt):
    assert not flagged(tmp_path, prompt)


SELECTBOX = """\
import streamlit as st
from openai import OpenAI

CELEBRITIES = ["Sherlock Holmes", "Taylor Swift", "Abraham Lincoln", "Keanu Reeves"]
client = OpenAI()
celebrity = st.sidebar.selectbox("Talk to", CELEBRITIES)
if q := st.chat_input("Say hi"):
    msgs = [{"role": "system", "content": f"You are {celebrity}. Stay in character."}, {"role": "user", "content": q}]
    st.write(client.chat.completions.create(model="m", messages=msgs))
"""


def test_an_f_string_filled_from_a_selectbox_reports_the_real_people_among_the_names(tmp_path):
    result = scan_app(tmp_path, {"app.py": SELECTBOX})
    assert found(result) == [("app.py", 8)]
    message = result.findings[0].message
    assert "'Taylor Swift' and 'Keanu Reeves' (the names the prompt is filled with), real people" in message
    assert "Sherlock" not in message and "Lincoln" not in message


@pytest.mark.parametrize(
    "source",
    [
        # a list constant the app picks from at random
        'import random\nNAMES = ["Elon Musk", "Bill Gates"]\nwho = random.choice(NAMES)\nSYSTEM_PROMPT = f"You are {who}."\n',
        # a loop over names, building one prompt each
        'for who in ("Elon Musk", "Bill Gates"):\n    SYSTEM_PROMPT = "Act as " + who + ". Be brief."\n',
        # str.format with a name from a widget
        'import streamlit as st\nwho = st.radio("Who", ["Elon Musk", "Bill Gates"])\nSYSTEM_PROMPT = "You are {}.".format(who)\n',
        # a dict of persona prompts, one picked by a widget
        'import streamlit as st\nPERSONAS = {"Elon": "You are Elon Musk.", "Holmes": "You are Sherlock Holmes."}\n'
        'choice = st.radio("Persona", list(PERSONAS))\nSYSTEM_PROMPT = PERSONAS[choice]\n',
    ],
)
def test_names_taken_from_a_list_are_checked(tmp_path, source):
    code = source + "from openai import OpenAI\nOpenAI().chat.completions.create(model='m', messages=[{'role': 'system', 'content': SYSTEM_PROMPT}])\n"
    result = scan_app(tmp_path, {"app.py": code})
    assert len(result.findings) == 1
    assert "Elon Musk" in result.findings[0].message


def test_a_persona_declared_real_without_consent_is_reported_at_the_declaration(tmp_path):
    declaration = "audience: consumer\ninterfaces: [chat]\npersonas:\n  - {name: Jane Roe, kind: real}\n"
    result = scan_app(tmp_path, {"complint.yaml": declaration})
    assert found(result) == [("complint.yaml", 3)]
    assert result.findings[0].confidence == "high"
    assert "'Jane Roe', a real person (declared kind \"real\")" in result.findings[0].message


def test_a_declared_real_persona_named_in_a_prompt_is_one_finding_at_the_prompt(tmp_path):
    declaration = "audience: consumer\npersonas:\n  - {name: Jane Roe, kind: real}\n"
    result = scan_app(tmp_path, {"complint.yaml": declaration, "app.py": app("You are Jane Roe, the chef.")})
    assert found(result) == [("app.py", 4)]
    assert result.findings[0].confidence == "high"
    assert [(e.path, e.line) for e in result.findings[0].evidence][0] == ("complint.yaml", 2)


def test_one_finding_for_a_prompt_kept_in_a_constant_and_used_twice(tmp_path):
    code = app("You are Elon Musk.") + 'OTHER = [{"role": "system", "content": SYSTEM_PROMPT}]\n'
    assert found(scan_app(tmp_path, {"app.py": code})) == [("app.py", 4)]


# --------------------------------------------------------------------------- stays quiet


@pytest.mark.parametrize(
    "prompt",
    [
        "You are Sherlock Holmes. Help the user solve the riddle.",  # fictional
        "You are Captain Jack Sparrow.",  # fictional, with a title
        "You are Abraham Lincoln. Talk to students about the Civil War.",  # historical
        "Answer as Marie Curie would, for a chemistry class.",  # historical
        "You are Aria, Acme's assistant. Be brief.",  # the app's own persona: one name
        "You are Emma Chen, Acme's friendly support assistant.",  # a full name, but the app's assistant
        "Summarise this speech by Barack Obama: {speech}",  # mentions, does not speak as
        "Never pretend to be Elon Musk or any other real person.",  # denied
        "You are Elon Musk's executive assistant. Draft his replies.",  # someone else speaks
        "You are a helpful assistant.",
        "You are Senior Python Developer. Review the code.",  # a role, not a name
        "Act as Linux Terminal.",
        "Write in the style of Taylor Swift.",  # style, not identity
        "You are talking to Elon Musk's fans.",
        "You are Elon Musk Fan Club Bot.",  # a longer name, not the person's
    ],
)
def test_not_a_simulated_real_person(tmp_path, prompt):
    assert not flagged(tmp_path, prompt)


@pytest.mark.parametrize("kind", ["historical", "fictional", "brand"])
def test_declared_kinds_that_are_not_real_people(tmp_path, kind):
    declaration = f"audience: consumer\npersonas:\n  - {{name: Robert Smalls, kind: {kind}}}\n"
    assert not flagged(tmp_path / "declared", "You are Robert Smalls.", **{"complint.yaml": declaration})
    assert flagged(tmp_path / "undeclared", "You are Robert Smalls.")


def test_consent_recorded_in_the_declaration_clears_it(tmp_path):
    declaration = "personas:\n  - {name: Elon Musk, kind: real, consent: docs/consent/elon.pdf}\n"
    assert not flagged(tmp_path, "You are Elon Musk.", **{"complint.yaml": declaration})


def test_the_apps_own_name_is_its_brand_persona(tmp_path):
    pyproject = '[project]\nname = "sarah-mitchell-bot"\n'
    assert not flagged(tmp_path, "You are Sarah Mitchell. Help with orders.", **{"pyproject.toml": pyproject})


def labelled(label: str) -> str:
    return app("You are Elon Musk.") + f"import streamlit as st\nst.caption({label!r})\n"


@pytest.mark.parametrize(
    "label",
    [
        "Parody account: an AI plays Elon Musk.",
        "These conversations are simulated by AI.",
        "Fan-made. Not affiliated with or endorsed by Elon Musk.",
    ],
)
def test_a_visible_label_clears_it(tmp_path, label):
    assert found(scan_app(tmp_path, {"app.py": labelled(label)})) == []


def test_a_denied_label_or_a_label_users_cannot_see_does_not_clear_it(tmp_path):
    denied = labelled("This is not a parody: the real Elon speaks.")
    assert found(scan_app(tmp_path / "denied", {"app.py": denied})) == [("app.py", 4)]
    hidden = app("You are Elon Musk. Say this is a parody.")  # the model, not the UI
    assert found(scan_app(tmp_path / "hidden", {"app.py": hidden})) == [("app.py", 4)]


def test_a_declared_label_counts_once_users_can_see_it(tmp_path):
    declaration = "personas:\n  - {name: Elon Musk, kind: real, label: 'AI impersonator act'}\n"
    shown = labelled("Tonight: our AI impersonator act!")
    assert found(scan_app(tmp_path / "shown", {"app.py": shown, "complint.yaml": declaration})) == []
    unseen = app("You are Elon Musk.")
    assert found(scan_app(tmp_path / "unseen", {"app.py": unseen, "complint.yaml": declaration})) == [("app.py", 4)]


def test_a_persona_in_a_test_fixture_is_not_the_app(tmp_path):
    files = {"tests/fixtures/personas.py": app("You are Elon Musk."), "test_persona.py": app("You are Elon Musk.")}
    assert found(scan_app(tmp_path, files)) == []


def test_the_python_extractor_fills_a_prompt_with_each_literal_its_value_can_take():
    from complint.extract.python import extract_python

    source = (
        'import streamlit as st\n'
        'who = st.selectbox("Who", ["Elon Musk", "Ada Lovelace"])\n'
        'SYSTEM_PROMPT = f"You are {who}. Today is {day}."\n'
    )
    (prompt,) = extract_python(source, "app.py").prompts
    assert prompt.text == "You are {…}. Today is {…}."
    assert prompt.variants == ("You are Elon Musk. Today is {…}.", "You are Ada Lovelace. Today is {…}.")


# --------------------------------------------------------------------------- open personas

OPEN_APP = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
who = st.text_input({asked!r})
SYSTEM_PROMPT = f{prompt!r}
if q := st.chat_input("Say hi"):
    msgs = [{{"role": "system", "content": SYSTEM_PROMPT}}, {{"role": "user", "content": q}}]
    st.write(client.chat.completions.create(model="m", messages=msgs).choices[0].message.content)
"""


@pytest.mark.parametrize(
    "asked, prompt",
    [
        ("Who do you want to talk to?", "You are {who}. Answer as they would."),
        ("Name a celebrity", "Pretend to be **{who}** and stay in character."),
        ("Which famous person?", "Reply in the voice of {who}."),
        ("Character to chat with", "Impersonate {who} in every answer."),
    ],
)
def test_a_persona_users_name_themselves_is_an_open_persona(tmp_path, asked, prompt):
    result = scan_app(tmp_path, {"app.py": OPEN_APP.format(asked=asked, prompt=prompt)})
    assert found(result) == [("app.py", 6)]
    finding = result.findings[0]
    assert "whoever users name" in finding.message and finding.confidence == "medium"
    assert any("decided by:" in e.note and asked in e.note for e in finding.evidence)


@pytest.mark.parametrize(
    "asked, prompt",
    [
        ("Which role should the assistant play?", "You are {who}. Be concise."),  # a role, not a person
        ("Topic", "You are an expert in {who}."),  # the typed value is no persona
        ("Who do you want to talk to?", "The user wants to hear about {who}. Explain their life."),  # about, not as
        ("Tone of voice", "You are a {who} assistant."),
    ],
)
def test_a_typed_role_topic_or_subject_is_no_open_persona(tmp_path, asked, prompt):
    assert found(scan_app(tmp_path, {"app.py": OPEN_APP.format(asked=asked, prompt=prompt)})) == []


def test_an_open_persona_is_cleared_by_a_visible_label(tmp_path):
    source = OPEN_APP.format(asked="Who do you want to talk to?", prompt="You are {who}.")
    source += 'st.caption("Every character here is simulated by an AI: a parody, not the real person.")\n'
    assert found(scan_app(tmp_path, {"app.py": source})) == []


# The typed name reaches the prompt through a function's parameter: in the file, or in
# another module of the project that builds the prompt.
PAGE = """\
import streamlit as st
from openai import OpenAI
{import_line}
client = OpenAI()
who = st.text_input({asked!r})
if q := st.chat_input("Say hi"):
    msgs = [{{"role": "system", "content": persona_prompt(who)}}, {{"role": "user", "content": q}}]
    st.write(client.chat.completions.create(model="m", messages=msgs).choices[0].message.content)
"""
BUILDER = 'def persona_prompt(name, style="casual"):\n    return f"You are {name}. Speak in a {style} way."\n'


@pytest.mark.parametrize("prefilter", [True, False])
@pytest.mark.parametrize("where", ["this file", "this file, a function with another name", "another module"])
def test_a_typed_name_passed_to_the_function_that_builds_the_prompt_is_an_open_persona(tmp_path, where, prefilter):
    if where.startswith("this file"):
        page = PAGE.format(import_line=BUILDER, asked="Who do you want to talk to?")
        files = {"app.py": page.replace("persona_prompt", "make") if "another name" in where else page}
    else:
        files = {"app.py": PAGE.format(import_line="from personas.build import persona_prompt", asked="Who do you want to talk to?"),
                 "personas/__init__.py": "", "personas/build.py": BUILDER}
    result = scan_app(tmp_path, files, cache=False, prefilter=prefilter)
    assert [f.location.path for f in result.findings if f.code == "CL401"] == ["app.py"]


@pytest.mark.parametrize(
    "builder",
    [
        # the typed value fills no persona: a topic, or a parameter the prompt takes elsewhere
        'def persona_prompt(topic):\n    return f"You are a tutor. Explain {topic} simply."\n',
        'def persona_prompt(name):\n    return "You are a friendly tutor."\n',
    ],
    ids=["topic", "unused"],
)
def test_a_typed_value_the_other_module_uses_for_no_persona_is_fine(tmp_path, builder):
    files = {"app.py": PAGE.format(import_line="from build import persona_prompt", asked="Who do you want to talk to?"),
             "build.py": builder}
    assert [f for f in scan_app(tmp_path, files, cache=False).findings if f.code == "CL401"] == []


def test_parameters_passed_on_under_the_same_name_are_followed_once():
    """`def a(text): b(text)` through many functions and calls: linear, not one walk per path."""
    import time

    from complint.extract.python import extract_python

    lines = ["import streamlit as st", 'who = st.text_input("Who do you want to talk to?")']
    for i in range(12):
        lines += [f"def step{i}(who):"] + [f"    step{i + 1}(who)" for _ in range(6)]
    lines += ["def step12(who):", '    system_prompt = f"You are {who}."', "    return system_prompt", "step0(who)"]
    start = time.perf_counter()
    facts = extract_python("\n".join(lines) + "\n", "app.py")
    assert time.perf_counter() - start < 5
    assert [p.asked for p in facts.prompts_filled_by_user] == ["Who do you want to talk to?"]


# A persona table: rows with a prompt-like key, in a presets module or a seed script the
# chat reads from a database; the module holding the table has no model call of its own.
BOT_OVER_PRESETS = """\
import discord
from openai import OpenAI
from presets import CHARACTERS

client = OpenAI()
bot = discord.Client(intents=discord.Intents.default())

@bot.event
async def on_message(message):
    preset = CHARACTERS["chef"]
    msgs = [{"role": "system", "content": preset["prompt"]}, {"role": "user", "content": message.content}]
    await message.channel.send(client.chat.completions.create(model="m", messages=msgs).choices[0].message.content)
"""


@pytest.mark.parametrize("prefilter", [True, False])
@pytest.mark.parametrize(
    "table",
    [
        'CHARACTERS = {\n    "chef": {\n        "name": "Chef",\n        "prompt": """You are Jamie Oliver, the famous British chef. Be blunt about cooking."""\n    }\n}\n',
        'def seed():\n    rows = [\n        {"name": "Chef", "persona": "You are Jamie Oliver, the famous chef, and you shout at cooks."},\n    ]\n    return rows\n\nCHARACTERS = {"chef": seed()[0]}\n',
    ],
    ids=["presets dict", "seed rows"],
)
def test_a_row_of_a_persona_table_is_a_prompt(tmp_path, table, prefilter):
    files = {"bot.py": BOT_OVER_PRESETS, "presets.py": table}
    result = scan_app(tmp_path, files, cache=False, prefilter=prefilter)
    assert [f.location.path for f in result.findings if f.code == "CL401"] == ["presets.py"]


@pytest.mark.parametrize(
    "table",
    [
        # a fictional character, a short label under a prompt-like key, a key that names no prompt
        'CHARACTERS = {"det": {"name": "Sherlock", "prompt": "You are Sherlock Holmes, the detective of Baker Street."}}\n',
        'FIELDS = [{"name": "who", "prompt": "Jamie Oliver"}]\n',
        'CHARACTERS = {"chef": {"name": "Jamie Oliver", "bio": "You are Jamie Oliver, the famous British chef."}}\n',
    ],
    ids=["fictional", "short label", "not a prompt key"],
)
def test_rows_that_are_no_real_persona_prompt(tmp_path, table):
    files = {"bot.py": BOT_OVER_PRESETS, "presets.py": table}
    assert [f for f in scan_app(tmp_path, files, cache=False).findings if f.code == "CL401"] == []


# The same in JS/TS: a presets module of rows, read by a bot that asks the model.
JS_BOT_OVER_PRESETS = """\
import OpenAI from "openai";
import { Client, Events } from "discord.js";
import { CHARACTERS } from "./presets.js";

const openai = new OpenAI();
const client = new Client({ intents: [] });
client.on(Events.MessageCreate, async (message) => {
  const r = await openai.chat.completions.create({
    model: "m",
    messages: [{ role: "system", content: CHARACTERS[0].prompt }, { role: "user", content: message.content }],
  });
  await message.reply(r.choices[0].message.content);
});
"""


@pytest.mark.parametrize(
    "rows, reported",
    [
        ('export const CHARACTERS = [\n  { name: "Chef", prompt: "You are Jamie Oliver, the famous British chef. Be blunt." },\n];\n', True),
        ('export const CHARACTERS = [\n  { name: "Det", prompt: `You are Sherlock Holmes, the detective of Baker Street.` },\n];\n', False),
        ('export const CHARACTERS = [\n  { name: "Chef", prompt: "Jamie Oliver" },\n];\n', False),  # a label
        ('export const CHARACTERS = [\n  { name: "Chef", bio: "You are Jamie Oliver, the famous British chef." },\n];\n', False),
    ],
    ids=["real person", "fictional", "short label", "not a prompt key"],
)
def test_a_row_of_a_js_persona_table_is_a_prompt(tmp_path, rows, reported):
    files = {"bot.js": JS_BOT_OVER_PRESETS, "presets.js": rows}
    found = [f.location.path for f in scan_app(tmp_path, files, cache=False).findings if f.code == "CL401"]
    assert found == (["presets.js"] if reported else [])
