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
