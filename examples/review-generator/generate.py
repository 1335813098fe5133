"""Writes customer reviews for new products and posts them to the store: fake reviews."""

import json
import sys

import requests
from openai import OpenAI

STORE_API = "https://store.example.com/api/reviews"

client = OpenAI()


def reviews_for(product: dict, count: int = 20) -> list:
    prompt = (
        f"Write {count} five-star reviews of {product['name']}, each by a different customer, "
        "with a first name, a star rating and two or three enthusiastic sentences. Answer in JSON."
    )
    response = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
    return json.loads(response.choices[0].message.content)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        products = json.load(fh)
    for product in products:
        for review in reviews_for(product):
            requests.post(STORE_API, json={"product": product["id"], **review}, timeout=10)


if __name__ == "__main__":
    main(sys.argv[1])
