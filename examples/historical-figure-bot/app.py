"""A streamlit chat for history lessons: students interview figures from the past, played by a model.

Chatbots that depict historical public figures are exempt from the consent-or-label rule
for simulated people. Abraham Lincoln, Marie Curie and Ada Lovelace are in complint's list
of historical figures; Robert Smalls is declared historical in pyproject.toml.
"""

import streamlit as st
from openai import OpenAI

FIGURES = ["Abraham Lincoln", "Marie Curie", "Ada Lovelace", "Robert Smalls"]

client = OpenAI()

st.set_page_config(page_title="Ask History")
st.title("Ask History")
st.caption("You are chatting with an AI that plays figures from history for your lessons.")
figure = st.selectbox("Who would you like to interview?", FIGURES)

if "history" not in st.session_state:
    st.session_state.history = []

for turn in st.session_state.history:
    with st.chat_message(turn["role"]):
        st.markdown(turn["content"])

if question := st.chat_input(f"Ask {figure} a question"):
    st.session_state.history.append({"role": "user", "content": question})
    with st.chat_message("user"):
        st.markdown(question)
    persona = (
        f"You are {figure}. Answer a student's questions about your life and times, "
        "in the first person, using only what the historical record supports."
    )
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": persona}, *st.session_state.history],
    )
    answer = response.choices[0].message.content
    st.session_state.history.append({"role": "assistant", "content": answer})
    with st.chat_message("assistant"):
        st.markdown(answer)
