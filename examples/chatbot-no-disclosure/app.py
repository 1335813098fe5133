"""A streamlit support chatbot that never tells users they are talking to an AI."""

import streamlit as st
from openai import OpenAI

SYSTEM_PROMPT = (
    "You are an AI assistant for Acme Bikes. Answer questions about orders, "
    "returns and repairs. Be brief and friendly."
)

client = OpenAI()

st.set_page_config(page_title="Acme Bikes help")
st.title("Acme Bikes help desk")

if "history" not in st.session_state:
    st.session_state.history = []

for turn in st.session_state.history:
    with st.chat_message(turn["role"]):
        st.markdown(turn["content"])

if question := st.chat_input("Ask about your order"):
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
