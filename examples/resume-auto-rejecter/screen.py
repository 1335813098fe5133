"""Screens applicants' résumés with a model, and emails a rejection when it answers REJECT."""

import csv
import smtplib
from email.message import EmailMessage
from pathlib import Path

from openai import OpenAI

SYSTEM_PROMPT = (
    "You screen job applicants for a warehouse associate role. Read the résumé and "
    "answer with one word: ACCEPT or REJECT."
)

client = OpenAI()


def screen(resume: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": resume}],
    )
    return response.choices[0].message.content.strip().upper()


def send_rejection(address: str) -> None:
    message = EmailMessage()
    message["To"] = address
    message["Subject"] = "Your application"
    message.set_content("Thank you for applying. We will not be moving forward with your application.")
    with smtplib.SMTP("localhost") as smtp:
        smtp.send_message(message)


def main(path: str = "applicants.csv") -> None:
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            resume = Path(row["resume_file"]).read_text(encoding="utf-8")
            if screen(resume) == "REJECT":
                send_rejection(row["email"])


if __name__ == "__main__":
    main()
