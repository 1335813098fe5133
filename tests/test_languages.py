"""Apps written in other languages than English: their domain, their AI notice and their
disclaimer are read in Spanish, Portuguese, French, German, Italian, Russian, Ukrainian,
Chinese, Japanese, Korean, Indonesian and Malay, Turkish, Vietnamese, Dutch and Polish (checks/domains.yaml, disclosure.yaml, disclaimers.yaml).
Chinese, Japanese and Korean are written without spaces between words, so a phrase in them is
found inside a longer run of them, and a Latin word beside them ("AI助手") stands apart."""

from __future__ import annotations

import json
import re

import pytest

from helpers import scan_app

from complint.phrases import phrases_pattern
from complint.policy import Lexicon, PolicyError, load_pack

CHAT = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
st.title("{title}")
st.caption("{caption}")
PROMPT = "{prompt}"
if question := st.chat_input("?"):
    answer = client.chat.completions.create(
        model="gpt-4o",
        messages=[{{"role": "system", "content": PROMPT}}, {{"role": "user", "content": question}}],
    )
    st.write(answer.choices[0].message.content)
"""

DOMAINS = ("CL201", "CL301", "CL302", "CL303", "CL304")


def found(root, prompt, caption="", title="App", prefilter=True):
    app = {"app.py": CHAT.format(title=title, caption=caption, prompt=prompt)}
    return sorted({f.code for f in scan_app(root, app, select=DOMAINS, prefilter=prefilter).findings})


# A prompt of each domain, in each language; and a notice in that language that says the
# answers come from AI and what their limits are.
CASES = [
    ("ru", "CL301", "Ты — опытный врач. Помоги пользователю разобраться в его симптомах.",
     "Ответы генерирует ИИ и могут содержать ошибки. Это не заменяет консультацию врача."),
    ("uk", "CL303", "Ти — досвідчений юрист. Надавай юридичні консультації щодо оренди житла.",
     "Відповіді генерує штучний інтелект і можуть містити помилки. Це не є юридичною консультацією."),
    ("es", "CL302", "Eres un asesor financiero. Ayuda al usuario con sus finanzas personales.",
     "Este asistente usa IA generativa y puede cometer errores. No es asesoramiento financiero."),
    ("pt", "CL302", "Você é um consultor financeiro que orienta sobre investimentos.",
     "Respostas geradas por IA podem conter erros. Não é aconselhamento financeiro."),
    ("fr", "CL304", "Résume les dernières actualités pour le lecteur en cinq phrases.",
     "Résumés générés par l'IA : ils peuvent contenir des erreurs, consultez la source."),
    ("de", "CL303", "Du bist ein Rechtsanwalt und beantwortest Rechtsfragen zum Mietrecht.",
     "Antworten werden von KI erzeugt und können Fehler enthalten. Keine Rechtsberatung."),
    ("it", "CL301", "Sei un medico. Rispondi alle domande sui sintomi del paziente.",
     "Le risposte sono generate dall'IA e possono contenere errori: non sostituisce il parere medico."),
    ("zh", "CL301", "你是一个医疗助手，请根据用户描述的症状给出建议。",
     "本回答由人工智能生成，可能出错，不能替代专业医疗建议。"),
    ("ja", "CL304", "最新ニュースを三行で要約してください。",
     "この要約はAIが作成しています。誤りを含む可能性があります。"),
    ("ko", "CL302", "당신은 사용자의 주식 투자를 돕는 조언자입니다.",
     "이 답변은 인공지능이 생성합니다. 틀릴 수 있으며 투자 조언이 아닙니다."),
    ("id", "CL301", "Kamu adalah seorang dokter. Bantu pengguna memahami gejala yang mereka alami.",
     "Jawaban dibuat oleh kecerdasan buatan dan bisa salah. Tidak menggantikan konsultasi dokter."),
    ("tr", "CL302", "Kullanıcılara yatırım tavsiyesi veren bir finansal danışmansın.",
     "Yanıtlar yapay zeka tarafından üretilir ve hatalar içerebilir. Yatırım tavsiyesi değildir."),
    ("vi", "CL303", "Bạn là một luật sư. Hãy tư vấn pháp lý về hợp đồng thuê nhà.",
     "Câu trả lời do trí tuệ nhân tạo tạo ra và có thể sai. Không phải là tư vấn pháp lý."),
    ("nl", "CL304", "Maak een nieuwsoverzicht van de nieuwsberichten van vandaag in vijf zinnen.",
     "Samenvattingen gemaakt met kunstmatige intelligentie; ze kunnen fouten bevatten."),
    ("pl", "CL301", "Jesteś doświadczonym lekarzem. Odpowiadaj na pytania pacjentów o ich objawy.",
     "Odpowiedzi generuje sztuczna inteligencja i mogą zawierać błędy. Nie zastępuje porady lekarskiej."),
]


@pytest.mark.parametrize("lang,code,prompt,notice", CASES, ids=[c[0] for c in CASES])
def test_a_prompt_in_another_language_works_in_its_domain(tmp_path, lang, code, prompt, notice):
    assert found(tmp_path, prompt) == sorted(["CL201", code])


@pytest.mark.parametrize("lang,code,prompt,notice", CASES, ids=[c[0] for c in CASES])
def test_a_notice_in_that_language_discloses_ai_and_its_limits(tmp_path, lang, code, prompt, notice):
    assert found(tmp_path, prompt, caption=notice) == []


@pytest.mark.parametrize("lang,code,prompt,notice", CASES, ids=[c[0] for c in CASES])
def test_the_prefilter_spares_no_file_a_language_makes_matter(tmp_path, lang, code, prompt, notice):
    with_prefilter = found(tmp_path / "a", prompt, caption=notice[:20])
    assert with_prefilter == found(tmp_path / "b", prompt, caption=notice[:20], prefilter=False)


@pytest.mark.parametrize(
    "caption",
    [
        "Soy tu asistente virtual de IA.",  # Spanish
        "Ich bin ein KI-Assistent.",  # German
        "Я — ИИ-помощник, а не человек.",  # Russian
        "我是AI助手。",  # a Latin word inside a run of Chinese
        "我是智能助手。",
        "저는 인공지능 챗봇입니다.",
        "Saya asisten virtual berbasis kecerdasan buatan.",  # Indonesian
        "Ben yapay zekâ destekli bir sohbet asistanıyım.",  # Turkish
        "Tôi là trợ lý ảo dùng trí tuệ nhân tạo.",  # Vietnamese
        "Ik ben een virtuele assistent.",  # Dutch
        "Jestem asystentem opartym na sztucznej inteligencji.",  # Polish
    ],
)
def test_an_ai_notice_in_another_language_is_a_disclosure(tmp_path, caption):
    assert found(tmp_path, "You help users plan their garden.", caption=caption) == []


@pytest.mark.parametrize(
    "caption",
    [
        "Ela ia dizer olá.",  # Portuguese "ia" is a verb: only "a IA", "com IA" name the AI
        "Я не бот, я живой консультант.",  # denied
        "我不是机器人。",  # denied, in a run of Chinese
        "请查看您的MAIL。",  # "AI" inside a Latin word beside Chinese
        "Sé paciente contigo mismo.",
    ],
)
def test_words_that_look_like_an_ai_notice_are_none(tmp_path, caption):
    assert found(tmp_path, "You help users plan their garden.", caption=caption) == ["CL201"]


@pytest.mark.parametrize(
    "prompt",
    [
        # A Spanish tutor told to be patient ("paciente") works in no medical domain.
        "Eres un tutor de matemáticas. Sé paciente con el estudiante y explica paso a paso.",
        # "Do not give medical advice", in Russian.
        "Ты помощник по кулинарии. Не давай медицинских советов.",
        # A cooking assistant that refers legal questions to a lawyer, in Chinese.
        "你是烹饪助手。如有法律问题，请咨询律师。",
        # "Do not give medical advice", in Indonesian, Dutch and Polish.
        "Kamu asisten resep masakan. Jangan memberikan saran medis.",
        "Je bent een kookassistent. Geef nooit medisch advies.",
        "Jesteś asystentem kulinarnym. Nigdy nie udzielaj porady medycznej.",
        # Polish "wiadomości" alone are messages in a chat, not news.
        "Jesteś asystentem czatu. Odpowiadaj na najnowsze wiadomości użytkownika.",
    ],
)
def test_a_word_of_a_domain_in_passing_makes_no_domain_app(tmp_path, prompt):
    assert found(tmp_path, prompt, caption="AI assistant") == []


def test_a_phrase_in_a_script_without_spaces_is_found_inside_a_run_of_it():
    pattern = re.compile(phrases_pattern(["症状", "AI"]), re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("请描述您的症状，我是AI助手")] == ["症状", "AI"]
    # Latin words keep their whole-word match: "AI" is not inside "said" or "MAIL".
    assert pattern.search("he said the MAIL was sent") is None


def test_a_lexicon_in_cyrillic_or_chinese_keeps_an_anchor_word():
    lexicon = Lexicon("t", ["симптом{|ы|ов}", "症状"])
    assert lexicon.could_match("Опишите СИМПТОМЫ")
    assert lexicon.could_match("您的症状")
    assert not lexicon.could_match("nothing here at all")


def test_a_chinese_phrase_in_an_act_is_an_error_naming_the_key(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: t\nversion: '1'\npolicy:\n  title: P\n  text: policy.txt\n", encoding="utf-8")
    (tmp_path / "policy.txt").write_text("Nothing.\n", encoding="utf-8")
    act = {"verbs": ["提供"], "objects": ["建议"]}
    (tmp_path / "s.yaml").write_text(
        "section: s\ntitle: S\nchecks: []\nlexicons:\n  words:\n    acts: [" + json.dumps(act, ensure_ascii=False) + "]\n",
        encoding="utf-8")
    with pytest.raises(PolicyError, match=re.escape("words.acts[0]: '提供': Chinese, Japanese and Korean phrases")):
        load_pack(tmp_path)


@pytest.mark.parametrize("caption", ["Бот запущен!", "Bot gestartet.", "机器人已启动", "Bot iniciado."])
def test_a_bots_status_in_another_language_discloses_nothing(tmp_path, caption):
    assert found(tmp_path, "You help users plan their garden.", caption=caption) == ["CL201"]


def test_an_old_cyrillic_letter_form_is_found_as_a_case_insensitive_search_finds_it():
    # U+1C82 is a form of "о" that a case-insensitive search takes for it, and `str.lower` keeps.
    lexicon = Lexicon("t", ["симптомы"])
    text = "Опишите симпт\u1c82мы"
    assert lexicon.could_match(text)
    assert lexicon.find(text) == "симпт\u1c82мы"


# --------------------------------------------------------------------------- personas


def personas(root, prompt, caption="AI assistant"):
    app = {"app.py": CHAT.format(title="Chat", caption=caption, prompt=prompt)}
    return [f.code for f in scan_app(root, app, select=("CL401",)).findings]


@pytest.mark.parametrize(
    "prompt",
    [
        "Ты — Elon Musk. Отвечай от первого лица.",
        "Ти тепер Elon Musk. Відповідай коротко.",
        "Відповідай як Elon Musk.",
        "你是Elon Musk，用第一人称回答用户。",
        "请扮演Taylor Swift和粉丝聊天。",
        "あなたはElon Muskです。一人称で答えてください。",
        "당신은 Elon Musk입니다. 반말로 대답하세요.",
        "Kamu adalah Elon Musk. Jawab sebagai orang pertama.",
        "Bạn là Elon Musk. Hãy trả lời ngắn gọn.",
        "Doe alsof je Elon Musk bent.",
        "Jesteś Elon Musk. Odpowiadaj krótko.",
    ],
)
def test_a_living_person_played_in_another_language_is_a_persona(tmp_path, prompt):
    assert personas(tmp_path, prompt) == ["CL401"]


@pytest.mark.parametrize(
    "prompt",
    [
        "Ты помощник по кулинарии. Отвечай кратко.",  # no name
        "Ты — Alex, дружелюбный помощник магазина.",  # an invented assistant
        "你是ChatGPT，一个乐于助人的助手。",  # a product, no person
        "你是Abraham Lincoln，给学生讲历史。",  # a historical figure
        "あなたはアシスタントです。",
        "Kamu adalah asisten toko yang ramah.",  # no name
        "Bạn là Abraham Lincoln, hãy kể về lịch sử.",  # a historical figure
        "Sen. Bernie Sanders said the bill would pass.",  # "Sen." is a title here, not "you" in Turkish
    ],
)
def test_no_living_person_played_in_another_language_is_none(tmp_path, prompt):
    assert personas(tmp_path, prompt) == []


@pytest.mark.parametrize("label", ["Это пародия, сгенерированная ИИ.", "本应用为AI模拟，非本人。", "Parodia creada con IA.",
                                   "Ini parodi buatan AI.", "Bản nhại do AI tạo ra.", "To jest symulacja AI."])
def test_a_simulation_label_in_another_language_labels_the_persona(tmp_path, label):
    assert personas(tmp_path, "Ты — Elon Musk. Отвечай от первого лица.", caption=label) == []


def test_a_phrase_in_a_script_without_spaces_may_touch_a_latin_word():
    pattern = re.compile(phrases_pattern(["你是", "AI"]), re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("你是Elon Musk")] == ["你是"]
    assert pattern.search("xAI and AIx") is None


def test_an_ascii_text_is_cut_into_the_same_words_by_the_fast_pattern():
    from complint.phrases import WORD_PATTERN, word_pattern

    ascii_text = "you're an AI_bot, v2.0 -- said x_y"
    assert word_pattern(ascii_text).findall(ascii_text) == re.findall(WORD_PATTERN, ascii_text)
    assert word_pattern("我是AI助手").findall("我是AI助手") == ["我是", "AI", "助手"]
