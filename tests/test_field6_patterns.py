"""Patterns found on the sixth field test's development half (benchmarks/field6_expectations.yaml),
each captured in a fixture of our own, with the negatives that must stay quiet."""

from __future__ import annotations

import pytest

from helpers import scan_app

# A lending pipeline built of an agent framework's agents: the last one decides.
ADK_PIPELINE = """\
from google.adk.agents import LlmAgent, SequentialAgent

checker = LlmAgent(
    model="gemini-2.0-flash",
    name="Checker",
    description="Reads the documents a borrower sends.",
    instruction="Check the borrower's pay slips and report their monthly income.",
)
judge = LlmAgent(
    model="gemini-2.0-flash",
    name="Judge",
    instruction={instruction},
)
pipeline = SequentialAgent(name="Lending", sub_agents=[checker, judge])
"""
DECIDES = '"Using the income report, decide the final outcome for the loan applicant: Approve or Reject."'

CREW = """\
from crewai import Agent, Task, Crew

twin = Agent(
    role={role},
    goal="Answer fans' questions in his voice",
    backstory={backstory},
)
answer = Task(description="Reply to the fan's message: {{message}}", expected_output="A short reply", agent=twin)
crew = Crew(agents=[twin], tasks=[answer])
"""


def found(root, files, select):
    return sorted({f.code for f in scan_app(root, files, select=select).findings})


def test_an_agent_frameworks_instruction_is_its_prompt(tmp_path):
    app = {"pipeline.py": ADK_PIPELINE.format(instruction=DECIDES), "requirements.txt": "google-adk\n"}
    assert found(tmp_path, app, ("CL106", "CL001")) == ["CL001", "CL106"]


def test_an_agent_whose_instruction_decides_nothing_is_quiet(tmp_path):
    app = {"pipeline.py": ADK_PIPELINE.format(instruction='"Summarise the income report for the loan officer."')}
    assert found(tmp_path, app, ("CL106",)) == []


def test_the_same_keyword_on_the_apps_own_class_is_no_prompt(tmp_path):
    # `instruction=` means nothing where the class is the app's own, not a model SDK's.
    own = ADK_PIPELINE.format(instruction=DECIDES).replace(
        "from google.adk.agents import LlmAgent, SequentialAgent",
        "from .workflow import LlmAgent, SequentialAgent",
    )
    app = {"pipeline.py": own, "workflow.py": "class LlmAgent:\n    pass\n\n\nclass SequentialAgent:\n    pass\n"}
    assert found(tmp_path, app, ("CL106",)) == []


def test_a_crew_agents_role_and_backstory_make_the_model_someone(tmp_path):
    crew = CREW.format(role='"Elon Musk"', backstory='"You are Elon Musk, answering as yourself."')
    assert found(tmp_path, {"crew.py": crew}, ("CL401",)) == ["CL401"]


def test_a_crew_agent_with_a_job_title_simulates_nobody(tmp_path):
    crew = CREW.format(role='"Fan mail assistant"', backstory='"You sort fan mail for a football club."')
    assert found(tmp_path, {"crew.py": crew}, ("CL401",)) == []


@pytest.mark.parametrize("prefilter", [True, False])
def test_agent_fields_are_read_with_and_without_the_prefilter(tmp_path, prefilter):
    app = {"pipeline.py": ADK_PIPELINE.format(instruction=DECIDES)}
    result = scan_app(tmp_path, app, select=("CL106",), prefilter=prefilter)
    assert [f.code for f in result.findings] == ["CL106"]


# A table of personas kept in a data module: each row's system message under `systemContent`,
# read by the route that asks the model.
PERSONA_TABLE_TS = """\
interface Figure { name: string; systemContent: string; }
const figures: Record<string, Figure> = {
  ["{name}"]: {
    name: "{name}",
    systemContent: "You are {name}. Answer the user's questions as {name} would, in the first person.",
  },
};
export const figureFor = (name: string): Figure => figures[name];
"""
ROUTE_TS = """\
import express from "express";
import OpenAI from "openai";
import { figureFor } from "./figures";
const openai = new OpenAI();
export const router = express.Router();
router.post("/", async (req, res) => {
  const figure = figureFor(req.body.name);
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "system", content: figure.systemContent }, { role: "user", content: req.body.input }],
  });
  res.json({ message: completion.choices[0].message.content });
});
"""


@pytest.mark.parametrize("prefilter", [True, False])
def test_a_persona_tables_system_content_is_a_prompt(tmp_path, prefilter):
    app = {"src/figures.ts": PERSONA_TABLE_TS.replace("{name}", "Barack Obama"), "src/route.ts": ROUTE_TS}
    result = scan_app(tmp_path, app, select=("CL401",), prefilter=prefilter)
    assert [(f.code, f.path) for f in result.findings] == [("CL401", "src/figures.ts")]


@pytest.mark.parametrize("name", ["Albert Einstein", "Sherlock Holmes"])
def test_a_persona_table_of_historical_or_fictional_people_is_quiet(tmp_path, name):
    app = {"src/figures.ts": PERSONA_TABLE_TS.replace("{name}", name), "src/route.ts": ROUTE_TS}
    assert found(tmp_path, app, ("CL401",)) == []


def test_a_name_that_only_contains_system_content_is_no_prompt(tmp_path):
    table = PERSONA_TABLE_TS.replace("{name}", "Barack Obama").replace("systemContent", "filesystemContent")
    app = {"src/figures.ts": table, "src/route.ts": ROUTE_TS.replace("figure.systemContent", "figure.filesystemContent")}
    assert found(tmp_path, app, ("CL401",)) == []


def test_a_python_system_content_variable_is_a_prompt(tmp_path):
    app = {
        "bot.py": (
            "from openai import OpenAI\n\n"
            "system_content = \"You are Taylor Swift. Reply to fans as yourself.\"\n\n\n"
            "def reply(text):\n"
            "    return OpenAI().chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": text}])\n"
        )
    }
    assert found(tmp_path, app, ("CL401",)) == ["CL401"]
