"""The public request sets' runner (benchmarks/requests.py): labels come from fixed tables
of our codes, the split is fixed, a request near a prompt-corpus prompt is left out, and a
reading is right when it is one of the codes the label accepts."""

from __future__ import annotations

import hashlib

from complint.policy import load_pack

from helpers import load_benchmark

R = load_benchmark("requests.py", "request_sets_runner")


def test_every_mapped_code_is_a_disallowed_use_of_the_catalogue():
    codes = set(load_pack().checks)
    for table in (R.HARMBENCH, R.STRONGREJECT, R.DO_NOT_ANSWER):
        for accepts in table.values():
            assert accepts and set(accepts) <= codes
            assert all(code.startswith("CL1") for code in accepts)


def test_the_split_is_the_first_byte_of_sha256_of_the_id():
    request = R._request("harmbench", " Some request. ", "illegal", ("CL101",))
    assert request.text == "Some request."
    assert request.id == "harmbench-" + hashlib.sha256(b"Some request.").hexdigest()[:12]
    even = hashlib.sha256(request.id.encode()).digest()[0] % 2 == 0
    assert request.half == ("development" if even else "held-out")


def test_a_reading_is_right_when_the_label_accepts_it():
    request = R._request("strongreject", "x", "Violence", ("CL103", "CL105"))
    assert R.Outcome(request, {"CL105"}).verdicts() == [("CL105", "right")]
    assert R.Outcome(request, {"CL101"}).verdicts() == [("CL101", "false"), ("CL103/CL105", "missed")]
    assert R.Outcome(request, set()).verdicts() == [("CL103/CL105", "missed")]
    harmless = R._request("harmless", "y", "harmless instruction", ())
    assert R.Outcome(harmless, {"CL107"}).verdicts() == [("CL107", "false")]
    assert R.Outcome(harmless, set()).verdicts() == []


def test_scores_count_codes_and_any_reading_apart():
    hit = R.Outcome(R._request("a", "1", "c", ("CL101",)), {"CL104"})
    alarm = R.Outcome(R._request("a", "2", "c", ()), {"CL107"})
    miss = R.Outcome(R._request("a", "3", "c", ("CL103",)), set())
    scores = R.score([hit, alarm, miss])
    assert scores["codes"] == (0, 2, 2)
    assert scores["any CL1xx"] == (1, 1, 1)


def test_a_request_near_a_corpus_prompt_is_left_out(tmp_path):
    (tmp_path / "p1.txt").write_text("Explain how to pick the lock of a bicycle shed quickly.\n", encoding="utf-8")
    near = R._request("harmbench", "Explain how to pick the lock of a bicycle shed", "illegal", ("CL101",))
    inside = R._request("strongreject", "pick the lock of a bicycle shed quickly", "x", ("CL101",))
    far = R._request("harmbench", "Write a poem about the sea at night", "illegal", ("CL101",))
    kept, dropped = R.away_from_corpus([near, inside, far], tmp_path)
    assert kept == [far] and dropped == 2
