"""The review queue: an attorney approves, edits or rejects each draft in the back office."""

import uuid

QUEUE: dict = {}


def submit_for_review(question: str, draft: str) -> str:
    ticket = uuid.uuid4().hex[:8]
    QUEUE[ticket] = {"question": question, "draft": draft, "status": "pending attorney review"}
    return ticket
