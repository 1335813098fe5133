"""A streamlit chatbot that explains medical terms to the public.

It tells users they are chatting with an AI, but never that the AI can be wrong or
that it is no substitute for a doctor.
"""

import streamlit as st
from openai import OpenAI

SYSTEM_PROMPT = (
    "You explain medical terms and test results in plain language, and help people "
    "write down questions to bring to their doctor. Keep answers short."
)

client = OpenAI()

st.set_page_config(page_title="Plain Health")
st.title("Plain Health")
st.caption("You are chatting with an AI assistant.")

if "history" not in st.session_state:
    st.session_state.history = []

for turn in st.session_state.history:
    with st.chat_message(turn["role"]):
        st.markdown(turn["content"])

if question := st.chat_input("Which term would you like explained?"):
    st.session_state.history.append({"role": "user", "content": question})
    with st.chat_message("user"):
        st.markdown(question)
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, *st.session_state.history],
    )
    answer = response.choices[0].message.content
    st.session_state.history.append({"role": "assistant", "content": answer})
    with st.chat_message("assistant"):
        st.markdown(answer)
