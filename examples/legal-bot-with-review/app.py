"""Tenant help chat: the model drafts tailored advice, and a licensed attorney reviews every draft."""

import streamlit as st
from openai import OpenAI

from review import submit_for_review

SYSTEM_PROMPT = (
    "You are a tenant-rights lawyer's assistant. Draft tailored advice on the user's "
    "situation: their rights, what they should do next, and the deadlines that apply. "
    "A licensed attorney reviews and corrects every draft before the user receives it."
)
DISCLAIMER = (
    "You are chatting with an AI assistant. It may be wrong and is not a substitute for a "
    "lawyer: a licensed attorney reviews every answer before you receive it."
)

client = OpenAI()

st.title("Tenant help")
st.caption(DISCLAIMER)

if question := st.chat_input("Describe your situation"):
    with st.chat_message("user"):
        st.markdown(question)
    draft = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}],
    )
    ticket = submit_for_review(question, draft.choices[0].message.content)
    with st.chat_message("assistant"):
        st.markdown(
            f"Thanks! An attorney is reviewing the answer to your question (ticket {ticket}). "
            "You will receive it by email within one business day."
        )
