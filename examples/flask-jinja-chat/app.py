"""A Flask chatbot: the page is a Jinja template, the answers come from OpenAI."""

from flask import Flask, jsonify, render_template, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


@app.route("/")
def index():
    return render_template("chat.html", bot_kind="AI assistant")


@app.route("/chat", methods=["POST"])
def chat():
    question = request.get_json()["message"]
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Help library visitors find books and opening hours."},
            {"role": "user", "content": question},
        ],
    )
    return jsonify(answer=completion.choices[0].message.content)
