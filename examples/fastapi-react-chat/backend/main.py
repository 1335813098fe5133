"""The chat back end: takes the user's message, asks the model, returns the answer."""

from anthropic import Anthropic
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
client = Anthropic()


class ChatRequest(BaseModel):
    message: str


@app.post("/api/chat")
def chat(request: ChatRequest) -> dict:
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=600,
        system="Answer questions about Acme's garden tools. Be brief.",
        messages=[{"role": "user", "content": request.message}],
    )
    return {"answer": reply.content[0].text}
