"""The fan chat of celebrity-persona-bot, clearly labeled as a parody under its title."""

import streamlit as st
from openai import OpenAI

CELEBRITIES = ["Taylor Swift", "Keanu Reeves", "Serena Williams"]

LABEL = (
    "Parody: you are chatting with an AI that plays these stars. The conversations are "
    "simulated, not the real people, and not affiliated with or endorsed by them."
)

client = OpenAI()

st.set_page_config(page_title="StarChat")
st.title("StarChat")
st.caption(LABEL)
celebrity = st.selectbox("Who would you like to talk to?", CELEBRITIES)

if "history" not in st.session_state:
    st.session_state.history = []

for turn in st.session_state.history:
    with st.chat_message(turn["role"]):
        st.markdown(turn["content"])

if message := st.chat_input(f"Say hi to {celebrity}"):
    st.session_state.history.append({"role": "user", "content": message})
    with st.chat_message("user"):
        st.markdown(message)
    persona = f"You are {celebrity}. Stay in character and keep replies short and warm."
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": persona}, *st.session_state.history],
    )
    answer = response.choices[0].message.content
    st.session_state.history.append({"role": "assistant", "content": answer})
    with st.chat_message("assistant"):
        st.markdown(answer)
