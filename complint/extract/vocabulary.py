"""What model SDKs, chat frameworks and model endpoints look like, for every extractor.

This is mechanism, not policy: it says how code talks to a model or to a user, never
what is allowed. The prefilter derives its vocabulary from these tables too.
"""

from __future__ import annotations

import functools
import re
import sys
from typing import Any, Dict, FrozenSet, Optional, Pattern, Tuple


class _LazyPattern:
    """A regular expression compiled when first used, then its compiled methods.

    Importing this module compiles none of its hundred patterns (14 ms): the prefilter
    reads only their sources (`pattern`, `flags`), and a warm scan that parses one file
    uses a few. After the first use, `search` and the rest are the compiled pattern's own
    methods, so the tables cost the extractors nothing per call."""

    _METHODS = frozenset({"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"})

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags  # as given; a compiled pattern adds the inline and default flags

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not have yet
        if name not in _LazyPattern._METHODS:
            raise AttributeError(name)
        from .. import patterns

        compiled = patterns.compile(self.pattern, self.flags)
        for method in _LazyPattern._METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"_lazy({self.pattern!r}, {self.flags!r})"


def _lazy(pattern: str, flags: int = 0) -> "Pattern[str]":
    return _LazyPattern(pattern, flags)  # type: ignore[return-value]  # used as a pattern


# Import roots of model SDKs and the provider each stands for. Longest prefix wins.
SDK_MODULES: Dict[str, str] = {
    "openai": "openai",
    "anthropic": "anthropic",
    "empsing": "empsing",
    "google.generativeai": "google-generativeai",
    "google.genai": "google-genai",
    "google.ai.generativelanguage": "google-generativeai",
    "vertexai": "vertexai",
    "cohere": "cohere",
    "mistralai": "mistralai",
    "litellm": "litellm",
    "langchain": "langchain",
    "langgraph": "langchain",
    "llama_index": "llama-index",
    "transformers": "transformers",
    "ollama": "ollama",
    "groq": "groq",
    "together": "together",
    "huggingface_hub": "huggingface-hub",
    "replicate": "replicate",
    # Unofficial clients of hosted chat models: still an AI model behind the chat.
    "revChatGPT": "chatgpt-unofficial",
    "g4f": "gpt4free",
    "claude_agent_sdk": "anthropic",
    "claude_code_sdk": "anthropic",
    # Provider-neutral clients and agent frameworks: each talks to a model it is given.
    "any_llm": "any-llm",
    "aisuite": "aisuite",
    "pydantic_ai": "pydantic-ai",
    "instructor": "instructor",
    "dspy": "dspy",
    "crewai": "crewai",
    "autogen": "autogen",
    "autogen_agentchat": "autogen",
    "semantic_kernel": "semantic-kernel",
    "haystack": "haystack",
    "smolagents": "smolagents",
    "google.adk": "google-adk",
    "vertexai.generative_models": "vertexai",
}


@functools.lru_cache(maxsize=4096)  # asked for every name a call or an import resolves to
def sdk_provider(module: str) -> Optional[str]:
    """The provider of a dotted module path, or None if it is no model SDK."""
    if module.startswith("langchain"):  # langchain, langchain_openai, langchain_core, ...
        return "langchain"
    if module.startswith("llama_index"):
        return "llama-index"
    parts = module.split(".")
    for k in range(len(parts), 0, -1):  # the longest root that is the path or leads it
        provider = SDK_MODULES.get(".".join(parts[:k]))
        if provider is not None:
            return provider
    return None


# Packages (as manifests name them) that are model SDKs: weak evidence of AI integration.
SDK_PACKAGES: Dict[str, Dict[str, str]] = {
    "pypi": {
        "openai": "openai", "anthropic": "anthropic", "empsing": "empsing",
        "google-generativeai": "google-generativeai", "google-genai": "google-genai",
        "google-cloud-aiplatform": "vertexai", "cohere": "cohere", "mistralai": "mistralai",
        "litellm": "litellm", "transformers": "transformers", "ollama": "ollama", "groq": "groq",
        "together": "together", "huggingface-hub": "huggingface-hub", "replicate": "replicate",
        "any-llm-sdk": "any-llm", "aisuite": "aisuite", "pydantic-ai": "pydantic-ai",
        "pydantic-ai-slim": "pydantic-ai", "instructor": "instructor", "dspy": "dspy",
        "dspy-ai": "dspy", "crewai": "crewai", "pyautogen": "autogen", "autogen-agentchat": "autogen",
        "semantic-kernel": "semantic-kernel", "haystack-ai": "haystack", "smolagents": "smolagents",
        "g4f": "gpt4free", "revchatgpt": "chatgpt-unofficial",
        "claude-agent-sdk": "anthropic", "claude-code-sdk": "anthropic", "openai-agents": "openai",
        "google-adk": "google-adk",
    },
    "npm": {
        "openai": "openai", "@anthropic-ai/sdk": "anthropic", "ai": "vercel-ai", "empsing": "empsing",
        "langchain": "langchain", "@google/generative-ai": "google-generativeai",
        "@google/genai": "google-genai", "cohere-ai": "cohere", "@mistralai/mistralai": "mistralai",
        "groq-sdk": "groq", "ollama": "ollama", "@huggingface/inference": "huggingface-hub",
        "replicate": "replicate",
    },
}


def sdk_package_provider(name: str, ecosystem: str) -> Optional[str]:
    """The provider of a dependency, or None if it is no model SDK."""
    if ecosystem == "pypi" and name.startswith(("langchain", "llama-index", "llama_index")):
        return "langchain" if name.startswith("langchain") else "llama-index"
    if ecosystem == "npm" and name.startswith(("@langchain/", "@ai-sdk/")):
        return "langchain" if name.startswith("@langchain/") else "vercel-ai"
    return SDK_PACKAGES.get(ecosystem, {}).get(name)


_INVOKE = r"(invoke|ainvoke|stream|astream|batch|abatch|run|arun|predict|apredict|predict_messages|generate|agenerate|call|acall)"

# (provider, pattern over the resolved callee: dotted names, "()" where an instance is made)
MODEL_CALL_PATTERNS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (provider, _lazy(pattern))
    for provider, pattern in (
        ("openai", r"^openai\.(ChatCompletion|Completion)\.a?create$"),
        # openai>=1 also exposes a default client at module level: openai.chat.completions.create
        ("openai", r"^openai\.(beta\.)?(chat\.completions|completions|responses)\.(create|parse|stream)$"),
        (
            "openai",
            r"^openai\.(Async)?(Azure)?OpenAI\(\)(\.with_options\(\))?\.(beta\.)?"
            r"(chat\.completions|completions|responses)\.(create|parse|stream)$",
        ),
        ("openai", r"^openai\.(Async)?(Azure)?OpenAI\(\)\.beta\.threads\.runs\.\w+$"),
        (
            "anthropic",
            r"^anthropic\.(Async)?Anthropic(Bedrock|Vertex)?\(\)\.(beta\.)?"
            r"(messages\.(create|stream)|completions\.create)$",
        ),
        ("empsing", r"^empsing\.[\w.()]*\.(create|stream|generate|complete|chat)$"),
        (
            "google-generativeai",
            r"^google\.generativeai\.(GenerativeModel\(\)(\.start_chat\(\))?\."
            r"(generate_content|send_message)(_async)?|generate_text|chat)$",
        ),
        (
            "google-genai",
            r"^google\.genai\.Client\(\)(\.aio)?\.(models\.generate_content(_stream)?|"
            r"chats\.create\(\)\.send_message(_stream)?)$",
        ),
        (
            "vertexai",
            r"^vertexai(\.preview)?\.generative_models\.GenerativeModel\(\)(\.start_chat\(\))?"
            r"\.(generate_content|send_message)(_async)?$",
        ),
        ("cohere", r"^cohere\.(Async)?Client(V2)?\(\)\.(chat|chat_stream|generate)$"),
        (
            "mistralai",
            r"^mistralai(\.client|\.async_client)?\.(Mistral|MistralClient|MistralAsyncClient)\(\)"
            r"\.(chat(\.complete|\.stream)?(_async)?|chat_stream)$",
        ),
        ("litellm", r"^litellm\.(Router\(\)\.)?a?(completion|text_completion)$"),
        ("ollama", r"^ollama\.((Async)?Client\(\)\.)?(chat|generate)$"),
        ("groq", r"^groq\.(Async)?Groq\(\)\.chat\.completions\.create$"),
        ("together", r"^together\.(Async)?Together\(\)\.(chat\.)?completions\.create$"),
        (
            "huggingface-hub",
            r"^huggingface_hub\.(Async)?InferenceClient\(\)\.(chat_completion|text_generation|"
            r"chat\.completions\.create|conversational)$",
        ),
        ("replicate", r"^replicate\.(run|stream|predictions\.create)$"),
        ("any-llm", r"^any_llm\.(api\.)?a?(completion|responses)$"),
        ("anthropic", r"^claude_(agent|code)_sdk\.(query|ClaudeSDKClient\(\)\.query)$"),
        ("aisuite", r"^aisuite\.Client\(\)\.chat\.completions\.create$"),
        ("chatgpt-unofficial", r"^revChatGPT[\w.]*\.(Chatbot|AsyncChatbot)\(\)\.(ask|ask_stream|get_chat_response)$"),
        ("gpt4free", r"^g4f\.(ChatCompletion\.create(_async)?|client\.(Async)?Client\(\)\.chat\.completions\.create)$"),
        ("bedrock", r"^boto3\.(session\.Session\(\)\.)?client\(\)\.(invoke_model\w*|converse\w*)$"),
        (
            "transformers",
            r"^transformers\.\w*For(CausalLM|Seq2SeqLM|ConditionalGeneration)"
            r"\.from_pretrained\(\)\.generate$",
        ),
        ("transformers", r"^transformers\.pipeline\(\)$"),
        # Frameworks: any runnable built from them that is invoked talks to a model.
        ("langchain", r"^lang(chain|graph)[\w.]*\(\)[\w.()]*\." + _INVOKE + r"$"),
        ("langchain", r"^lang(chain|graph)[\w.]*\.\w+\(\)$"),
        (
            "llama-index",
            r"^llama_index[\w.]*\(\)[\w.()]*\.(query|aquery|chat|achat|stream_chat|"
            r"astream_chat|complete|acomplete|stream_complete|predict)$",
        ),
    )
)

# Callees we cannot resolve to an SDK, but whose shape only model SDKs have.
UNRESOLVED_CALL_PATTERNS: Tuple[Tuple[str, Pattern[str]], ...] = (
    ("openai-compatible", _lazy(r"(^|\.)chat\.completions\.(create|parse|stream)$")),
)
# `x.messages.create(model=..., messages=...)`: Anthropic-shaped; Twilio's has body= and to=.
MESSAGES_CREATE = _lazy(r"(^|\.)messages\.create$")

GENERATIVE_PIPELINE_TASKS = frozenset(
    {
        "text-generation",
        "text2text-generation",
        "conversational",
        "summarization",
        "image-text-to-text",
        "translation",
    }
)

HTTP_POST_CALLEES = _lazy(
    r"^(requests(\.api)?\.(post|request)|requests\.Session\(\)\.(post|request)|"
    r"httpx\.(post|request|stream)|httpx\.(Async)?Client\(\)\.(post|request|stream)|"
    r"aiohttp\.ClientSession\(\)\.(post|request))$"
)

# Model endpoints: (provider label, pattern over the URL text we could resolve).
MODEL_ENDPOINTS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (label, _lazy(pattern, re.IGNORECASE))
    for label, pattern in (
        ("openai-compatible", r"/chat/completions\b"),
        ("openai-compatible", r"/v1/completions\b"),
        ("openai-compatible", r"/v1/responses\b"),
        ("anthropic", r"/v1/messages\b"),
        ("anthropic", r"api\.anthropic\.com"),
        ("openai", r"api\.openai\.com"),
        ("azure-openai", r"\.openai\.azure\.com"),
        ("huggingface", r"api-inference\.huggingface\.co"),
        ("huggingface", r"router\.huggingface\.co"),
        ("huggingface", r"\.endpoints\.huggingface\.cloud"),
        ("google", r"generativelanguage\.googleapis\.com"),
        ("cohere", r"api\.cohere\.(ai|com)"),
        ("mistral", r"api\.mistral\.ai"),
        ("empsing", r"api\.empsing\."),
        ("openrouter", r"openrouter\.ai/api"),
    )
)
# Voice-agent platforms: a POST that places a phone call, or sets up the agent that answers
# one, in which a model speaks with a person. What the person hears first is the call's first
# message (`VOICE_FIRST_MESSAGE_KEYS`, anywhere in the body); the model's instructions are the
# body's system messages and its prompt keys (`VOICE_PROMPT_KEYS`).
VOICE_ENDPOINTS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (label, _lazy(pattern, re.IGNORECASE))
    for label, pattern in (
        ("vapi", r"api\.vapi\.ai/(call|assistant)"),
        ("bland", r"api\.bland\.ai/v\d+/(calls|agents|inbound)"),
        ("retell", r"api\.retellai\.com/(v\d+/)?create-(phone-call|web-call|retell-llm|agent)"),
        ("synthflow", r"api\.synthflow\.ai/v\d+/(calls|assistants)"),
    )
)
VOICE_FIRST_MESSAGE_KEYS = frozenset(
    {"firstMessage", "first_message", "first_sentence", "firstSentence", "begin_message", "beginMessage"}
)
VOICE_PROMPT_KEYS = frozenset({"task", "prompt", "general_prompt", "systemPrompt", "system_prompt"})
VOICE_CHANNEL = "voice call's first message"


def voice_field(key: Optional[str], role: Optional[str]) -> str:
    """What a key of a voice call's body holds: "first" (the call's first message), "prompt"
    (the model's instructions: a prompt key, or the content of a system message), or ""."""
    if key in VOICE_FIRST_MESSAGE_KEYS:
        return "first"
    if key in VOICE_PROMPT_KEYS or (key == "content" and role == "system"):
        return "prompt"
    return ""
VOICE_ENDPOINT_SUFFIX = " voice-call endpoint"
# Ollama's own paths are common words ("/api/chat" is also many apps' own route):
# they count only with Ollama's port or name in the URL, or a `model` in the payload.
OLLAMA_PATHS = _lazy(r"/api/(chat|generate)\b")
OLLAMA_HINT = _lazy(r"11434|ollama", re.IGNORECASE)
# A JSON body that names a model and carries the conversation is a chat request (the shape of
# OpenAI-compatible servers, Ollama's /api/chat, Anthropic's messages), wherever it is posted.
CHAT_PAYLOAD_KEYS = frozenset({"model", "messages"})

# Chat frameworks.
STREAMLIT_CHAT = frozenset({"streamlit.chat_input", "streamlit.chat_message", "streamlit_chat.message"})
GRADIO_CHAT = frozenset({"gradio.ChatInterface", "gradio.Chatbot"})
TELEGRAM_HANDLERS = _lazy(
    r"^telegram\.ext\.(MessageHandler|CommandHandler|ConversationHandler|ApplicationBuilder|Updater)$"
)
# UI frameworks a page is built with: the prefilter parses every file that names one.
PAGE_UI_MODULES = frozenset({"streamlit", "gradio", "chainlit"})
# A question box and a button whose answer the page shows: a one-question chat (a Q&A form).
# The question box is one line (a text area mostly holds a document to process: an article to
# summarise, a résumé to screen); one typed as a password holds a key or a secret.
QA_BOXES = frozenset({"streamlit.text_input"})
QA_BUTTONS = frozenset({"streamlit.button", "streamlit.form_submit_button"})
# The same in gradio: an Interface, or a Blocks event (a button's click, the box's submit),
# from one text box (`gr.Textbox`, or "text"; a box of more than two lines holds a document)
# to text the page shows.
GRADIO_QA_BOXES = frozenset({"gradio.Textbox", "gradio.Text", "text", "textbox"})
GRADIO_QA_ANSWERS = frozenset(
    {"gradio.Textbox", "gradio.Text", "gradio.Markdown", "gradio.HTML", "text", "textbox", "markdown", "html"}
)
GRADIO_QA_EVENTS = frozenset({"click", "submit"})
# What makes a gradio text box a question box rather than one for a text to process (an
# article to summarise): a word of these in its label or placeholder, the page's title or
# description, or the handler's name (`answer_question`), or a question mark.
QA_WORDS = frozenset(
    {"question", "questions", "ask", "asks", "asking", "query", "queries", "chat", "message", "talk",
     "answer", "answers", "respond", "response", "reply", "converse", "conversation", "help"}
)
# Methods of a predictive model (scikit-learn, xgboost, a pickled estimator) that score what a
# form submitted: a route that scores an application is a scoring tool, not a conversation,
# even when it also asks a language model to comment on the score. When the language
# model's own call is named so (langchain's `llm.predict`), it is a model call, not a score.
SCORING_METHODS = frozenset({"predict", "predict_proba", "predict_log_proba", "decision_function"})
# Keys of a model endpoint's JSON payload that hold the prompt (messages are role dicts).
HTTP_PROMPT_KEYS = frozenset({"prompt", "input", "inputs", "contents", "message", "system"})
# Calls that read a text as data: what the model answered, read so, is a verdict's fields.
ANSWER_PARSERS = frozenset({"json.loads", "ast.literal_eval", "orjson.loads", "ujson.loads", "json_repair.loads", "json_repair.repair_json"})
# ... and methods that do so on any class: pydantic's (`Verdict.model_validate_json(answer)`).
ANSWER_PARSER_METHODS = frozenset({"model_validate_json", "parse_raw"})
TWILIO_RESPONSES = _lazy(r"^twilio\.twiml\.(messaging_response\.MessagingResponse|voice_response\.VoiceResponse)$")

# Decorators that register a handler, by framework: (framework, kind, pattern over callee).
HANDLER_DECORATORS: Tuple[Tuple[str, str, Pattern[str]], ...] = tuple(
    (framework, kind, _lazy(pattern))
    for framework, kind, pattern in (
        ("chainlit", "chat-ui", r"^chainlit\.on_message$"),
        ("discord", "messaging-bot", r"^(discord|interactions|nextcord|disnake)\.[\w.()]*\.(command|hybrid_command|slash_command|listen)$"),
        ("slack", "messaging-bot", r"^slack_bolt\.[\w.()]*\.(message|event|command)$"),
        ("telegram", "messaging-bot", r"^(aiogram|telebot|pyrogram)\.[\w.()]*\.(message_handler|message|on_message)$"),
        ("whatsapp", "messaging-bot", r"^pywa\.[\w.()]*\.on_message$"),
        ("twitch", "messaging-bot", r"^twitchio\.[\w.()]*\.command$"),
        # LINE's Messaging API: `handler = WebhookHandler(secret)`, `@handler.add(MessageEvent, ...)`.
        ("line", "messaging-bot", r"^linebot\.[\w.()]*WebhookHandler\(\)\.add$"),
    )
)
# Handler decorators on a client we cannot resolve (made in another module of the app),
# by the messaging framework the file imports; matched against the decorator's own text.
UNRESOLVED_HANDLER_DECORATORS: Dict[str, Pattern[str]] = {
    "discord": _lazy(r"(^|\.)(tree\.command|slash_command|hybrid_command|bot\.command|listen)$"),
    "telegram": _lazy(r"(^|\.)(message_handler|message|on_message)$"),
    "slack": _lazy(r"(^|\.)(message|event|command)$"),
    "whatsapp": _lazy(r"(^|\.)on_message$"),
    "line": _lazy(r"(^|\.)handler\.add$"),
}
# discord's `@client.event` registers whatever the function is named after.
DISCORD_EVENT = _lazy(r"^(discord|nextcord|disnake)\.[\w.()]*\.event$")

WEB_FRAMEWORKS: Dict[str, str] = {
    "flask": "flask",
    "quart": "flask",
    "fastapi": "fastapi",
    "starlette": "fastapi",
    "sanic": "sanic",
    "django": "django",
    "aiohttp": "aiohttp",
}
ROUTE_METHODS = frozenset({"route", "post", "get", "put", "patch", "websocket", "api_route", "websocket_route"})

MESSAGING_MODULES: Dict[str, str] = {
    "discord": "discord",
    "nextcord": "discord",
    "disnake": "discord",
    "interactions": "discord",
    "telegram": "telegram",
    "aiogram": "telegram",
    "telebot": "telegram",
    "pyrogram": "telegram",
    "slack_bolt": "slack",
    "slack_sdk": "slack",
    "twilio": "twilio",
    "pywa": "whatsapp",
    "twitchio": "twitch",
    "linebot": "line",
}
# Methods that send text to a chat in those libraries; the text they send is user-facing.
MESSAGING_SEND_METHODS = frozenset(
    {
        "send",
        "reply",
        "send_message",
        "reply_text",
        "reply_markdown",
        "reply_markdown_v2",
        "reply_html",
        "answer",
        "edit_text",
        "edit_message_text",
        "reply_to",
        "respond",
        "say",
        "chat_postMessage",
        "message",
        "edit_original_response",
        "Embed",
    }
)
MESSAGING_TEXT_KWARGS = frozenset({"text", "content", "body", "description", "title", "caption"})
# Sends named by their last two parts, too common alone: (texts among the first n positional
# arguments, keywords that hold text). Twilio's SMS and WhatsApp `client.messages.create(body=...)`.
MESSAGING_SEND_CALLS: Dict[str, Tuple[int, FrozenSet[str]]] = {"messages.create": (0, frozenset({"body"}))}
# Message objects a library sends (LINE replies with `TextSendMessage(text=...)`, made apart
# from the `reply_message` call that sends it), by the library's module: their text is a reply.
MESSAGING_MESSAGES: Dict[str, FrozenSet[str]] = {"linebot": frozenset({"TextSendMessage", "TextMessage"})}

# A chat platform's send API posted to over plain HTTP, with no SDK (`requests.post(url, json=...)`,
# `axios.post`, `fetch`): (platform, pattern over the URL text we could resolve, interpolations
# as placeholders, whether the send answers a user by itself). A LINE reply needs the reply
# token of the user's message; the Graph API's `…/messages` (Messenger's Send API, the WhatsApp
# Cloud API) writes to someone who wrote to the Page or number first. Telegram's Bot API also
# posts to channels nobody answers: it is a bot's reply only in a file that also takes the
# bot's updates (`/getUpdates`, `/setWebhook`: TELEGRAM_INBOUND).
PLATFORM_SEND_ENDPOINTS: Tuple[Tuple[str, Pattern[str], bool], ...] = tuple(
    (platform, _lazy(pattern), replies)
    for platform, pattern, replies in (
        ("line", r"api\.line\.me/v2/bot/message/(reply|push)\b", True),
        ("messenger", r"graph\.facebook\.com/(v[\d.]+/)?me/messages\b", True),
        ("whatsapp", r"graph\.facebook\.com/\S*/messages\b", True),
        ("telegram", r"/bot[^/\s]*/(sendMessage|sendPhoto|sendDocument|sendVoice|editMessageText)\b", False),
    )
)
TELEGRAM_INBOUND = _lazy(r"/(getUpdates|setWebhook)\b")
# Twilio's Messages API (SMS, WhatsApp) posted to over plain HTTP, with no SDK: the form it
# posts names the message's recipient, sender and text with Twilio's own capitalised
# parameters, all three, whatever builds the URL. Such a send is a call of Twilio's messages
# API (a LibraryCall under this name, as if the SDK made it): what the SDK's import says of
# an app (it answers people on a messaging platform), this says too; the `Body` it sends is
# a bot's reply. Twilio's inbound webhook posts the same fields to the app: a POST whose URL
# can be read and is not Twilio's (`http://localhost:3000/sms`) is that form, posted to test it.
TWILIO_MESSAGE_KEYS = frozenset({"To", "From", "Body"})
TWILIO_API = _lazy(r"(^|[/.])api\.twilio\.com/")
TWILIO_REST_SEND = "twilio.rest.messages.create"
# The keys of a send's JSON body whose values are the text users read (nested: Messenger's
# `{"message": {"text": ...}}`, LINE's `{"messages": [{"type": "text", "text": ...}]}`).
PLATFORM_TEXT_KEYS = frozenset({"text", "caption"})

# Web responses users see as a page: (callee's last part, texts among the first n positional
# arguments, keywords that hold HTML).
HTML_RESPONSE_CALLS: Dict[str, Tuple[int, FrozenSet[str]]] = {
    "HTMLResponse": (1, frozenset({"content"})),
    "render_template_string": (1, frozenset({"source"})),
}

STREAMLIT_TEXT_METHODS = frozenset(
    {
        "title", "header", "subheader", "markdown", "write", "caption", "text", "info",
        "warning", "error", "success", "toast", "chat_input", "set_page_config", "expander",
        "text_input", "text_area", "button", "html", "tabs", "radio", "selectbox", "multiselect",
        "slider", "select_slider", "checkbox", "toggle", "file_uploader", "number_input",
        "download_button", "link_button", "form_submit_button", "page_link", "status", "popover",
    }
)
STREAMLIT_TEXT_KWARGS = frozenset({"page_title", "placeholder", "label", "help", "body"})
GRADIO_TEXT_CALLS = frozenset(
    {
        "ChatInterface", "Chatbot", "Markdown", "HTML", "Blocks", "Interface", "Textbox",
        "Button", "Info", "Warning", "Label", "Accordion", "Tab", "Examples",
    }
)
GRADIO_TEXT_KWARGS = frozenset(
    {"title", "description", "placeholder", "label", "info", "value", "article", "examples", "submit_btn"}
)
CHAINLIT_TEXT_CALLS = frozenset({"Message", "AskUserMessage", "Text", "ErrorMessage", "AskActionMessage"})
CONSOLE_INPUT_CALLEES = frozenset(
    {"input", "rich.prompt.Prompt.ask", "prompt_toolkit.prompt", "click.prompt", "typer.prompt"}
)
# Calls that pick one of a list of literals (users in a widget, or chance), keyed by
# "root.method" so `st.sidebar.selectbox` counts: (position of the options, their keyword).
CHOICE_CALLS: Dict[str, Tuple[int, str]] = {
    "streamlit.selectbox": (1, "options"),
    "streamlit.radio": (1, "options"),
    "streamlit.select_slider": (1, "options"),
    "streamlit.pills": (1, "options"),
    "streamlit.segmented_control": (1, "options"),
    "random.choice": (0, "seq"),
    "gradio.Dropdown": (0, "choices"),
    "gradio.Radio": (0, "choices"),
}
# Text boxes with a default users may keep: (position, keyword) of the default.
DEFAULT_CALLS: Dict[str, Tuple[int, str]] = {
    "streamlit.text_input": (1, "value"),
    "streamlit.text_area": (1, "value"),
    "gradio.Textbox": (0, "value"),
}
# Text boxes whose value users type: (position, keyword) of the label or question they show.
TYPED_VALUE_CALLS: Dict[str, Tuple[int, str]] = {
    "streamlit.text_input": (0, "label"),
    "streamlit.text_area": (0, "label"),
    "gradio.Textbox": (99, "label"),
    "input.input": (0, "prompt"),  # the builtin: "root.method" is input.input
}
# Calls that hand a function the values of UI components: the keyword listing them, and
# how many of the function's parameters come before (a ChatInterface's message and history).
COMPONENT_INPUTS: Dict[str, int] = {"inputs": 0, "additional_inputs": 2}

SYSTEM_PROMPT_KWARGS = frozenset({"system", "system_instruction", "instructions", "preamble", "system_prompt", "system_message"})
# An agent framework's own prompt fields, read where an agent or a task of a model SDK is
# made (`LlmAgent(instruction=...)` in Google's ADK, `Agent(role=, goal=, backstory=)` and
# `Task(description=, expected_output=)` in crewai): the agent's fields are its system
# prompt, a task's are what it is asked.
AGENT_CLASS = _lazy(r"Agent$")
AGENT_PROMPT_KWARGS = frozenset({"instruction", "global_instruction", "role", "goal", "backstory"})
TASK_CLASS = _lazy(r"^Task$")
TASK_PROMPT_KWARGS = frozenset({"description", "expected_output"})
# The fields of an agent kept in a YAML file (crewai's `config/agents.yaml`): all three make one.
AGENT_YAML_FIELDS = frozenset({"role", "goal", "backstory"})
ASSISTANT_ROLES = frozenset({"assistant", "ai", "bot", "model"})
SYSTEM_ROLES = frozenset({"system", "developer"})
USER_ROLES = frozenset({"user", "human"})
# ---- What extract/python.py follows, which the prefilter must know too

# Reading a file's text: `open(...).read()`, `Path(...).read_text()`.
READS = frozenset({"read", "read_text", "readlines"})
# Writing a file readers open as a page: a digest written to Markdown or HTML is published
# (a site, a repository's pages), as an e-mailed one is sent.
WRITES = frozenset({"write", "write_text", "writelines"})
PUBLISHED_SUFFIXES = (".md", ".markdown", ".html", ".htm")
OPENERS = frozenset({"open", "io.open", "codecs.open", "pathlib.Path", "pathlib.PurePath"})
# What a web route reads of its request when all it is sent is uploaded files (Flask's
# `request.files`, Django's `request.FILES`): a document handed in for processing, not a message.
REQUEST_UPLOADS = frozenset({"files", "FILES"})
# What a route reads of its request besides what it is sent (how, from where, by whom).
REQUEST_CIRCUMSTANCES = frozenset({"method", "headers", "cookies", "COOKIES", "META", "url", "path", "remote_addr", "host", "user"})
# Calls that hand back the text they are given, reindented or trimmed: a prompt written as
# `textwrap.dedent(f"""...""")` or `"...".strip()` is still that prompt.
TEXT_KEEPING_FUNCTIONS = frozenset({"textwrap.dedent", "inspect.cleandoc", "str"})
TEXT_KEEPING_METHODS = frozenset({"strip", "lstrip", "rstrip"})
# The standard library's modules (Python >= 3.10 lists them; before, none is known): their
# values are never another module of the project's.
STDLIB_MODULES = frozenset(getattr(sys, "stdlib_module_names", ()))
# How code names its module's own folder, spaces removed.
MODULE_FOLDERS = frozenset(
    {
        "os.path.dirname(__file__)", "os.path.dirname(os.path.abspath(__file__))",
        "os.path.dirname(os.path.realpath(__file__))", "Path(__file__).parent",
        "Path(__file__).resolve().parent", "Path(__file__).absolute().parent",
        "pathlib.Path(__file__).parent", "pathlib.Path(__file__).resolve().parent",
    }
)
# Reading structured data from a file: `json.load(open("personas.json"))`.
DATA_LOADERS = frozenset(
    {"json.load", "json.loads", "yaml.safe_load", "yaml.load", "yaml.full_load", "tomllib.load", "tomli.load", "toml.load",
     "csv.DictReader", "pandas.read_csv"}
)
# Those that take the file's path itself (`pd.read_csv("personas.csv")`), not an open file.
PATH_LOADERS = frozenset({"pandas.read_csv"})
# Libraries that write and send e-mail: what an app mails, its recipients read.
EMAIL_MODULES = frozenset({"smtplib", "email", "yagmail", "sendgrid"})
# Their calls that carry an e-mail's text, by the callee's last part: (texts among the first
# n positional arguments, keywords that hold text).
EMAIL_TEXT_CALLS: Dict[str, Tuple[int, FrozenSet[str]]] = {
    "MIMEText": (1, frozenset({"_text"})),
    "set_content": (1, frozenset()),
    "add_alternative": (1, frozenset()),
    "Mail": (0, frozenset({"subject", "html_content", "plain_text_content"})),
    "sendmail": (3, frozenset({"msg"})),
    "send": (3, frozenset({"subject", "contents"})),  # yagmail: send(to, subject, contents)
}
# Libraries whose calls say what an app does to people (recognises faces, reads emotions,
# mails its readers): every call into them is a LibraryCall fact; checks decide which matter.
# Of the standard library's `email`, only what writes a message (`email.mime`, EmailMessage):
# the rest parses or formats mail, and the package is everywhere (parsing every module that
# calls `email.utils` cost the standard library's scan ten times its prefiltered time).
LIBRARY_CALL_MODULES = frozenset({"face_recognition", "deepface", "fer", "insightface", "facenet_pytorch", "dlib"}) | EMAIL_MODULES
# The classes that write a message, by the module that defines them; the prefilter looks
# for their names, which any import or call of one spells out.
EMAIL_WRITERS = {
    "email.message": ("EmailMessage",),
    "email.mime.text": ("MIMEText",),
    "email.mime.multipart": ("MIMEMultipart",),
    "email.mime.base": ("MIMEBase",),
    "email.mime.nonmultipart": ("MIMENonMultipart",),
    "email.mime.application": ("MIMEApplication",),
    "email.mime.image": ("MIMEImage",),
    "email.mime.audio": ("MIMEAudio",),
    "email.mime.message": ("MIMEMessage",),
}
EMAIL_WRITER_WORDS = tuple(sorted({name for names in EMAIL_WRITERS.values() for name in names}))
# A module that writes one of those counts only if it also sends mail: a call by one of these
# names (smtplib's sendmail and send_message, the Gmail API's `messages().send`).
EMAIL_SENDS = frozenset({"send", "sendmail", "send_message"})


def is_library_call(callee: str) -> bool:
    """Whether a resolved callee is one whose call is a LibraryCall fact."""
    root = callee.split(".")[0]
    if root != "email":
        return root in LIBRARY_CALL_MODULES
    module, _, name = callee.replace("()", "").rpartition(".")
    return name in EMAIL_WRITERS.get(module, ())
# Keys that, beside "name" and "description", make a dict a tool's schema (OpenAI
# `parameters`, Anthropic `input_schema`).
TOOL_SCHEMA_KEYS = frozenset({"parameters", "input_schema"})

# The system message's text kept under a name that says so counts too (`system_message`,
# `systemContent` in a table of personas).
PROMPT_NAME = _lazy(
    r"(?i)(^|_)(system_?)?(prompts?|instructions?|personas?|preambles?)(_|$)|system_?(msg|message)"
    r"|(^|_)system_?(content|text)(_|$)"
)
_SYSTEM_ROLE_NAME = _lazy(r"(?i)system|persona|instruction|preamble")
# A word every name PROMPT_NAME matches holds: a cheap first look at many names (object keys).
PROMPT_NAME_HINT = _lazy(r"(?i)prompt|instruction|persona|preamble|system")


def prompt_role(name: str) -> str:
    """The role of a prompt kept under a prompt-like name: "system" for a system prompt, a
    persona, instructions or a preamble; "unknown" otherwise (`prompt`, `user_prompt`)."""
    return "system" if _SYSTEM_ROLE_NAME.search(name) else "unknown"


# ---- JavaScript / TypeScript
# Resolved callees in JS/TS are written `<import specifier>.<export>...`, "()" where an
# instance is made: `new OpenAI()` from "openai" -> "openai.OpenAI()".

# npm packages, beyond SDK_PACKAGES["npm"], whose import is model SDK evidence.
JS_SDK_EXTRA_PACKAGES: Dict[str, str] = {
    "@anthropic-ai/bedrock-sdk": "anthropic",
    "@anthropic-ai/vertex-sdk": "anthropic",
    "openai-edge": "openai",
    "@azure/openai": "openai",
}


def js_sdk_provider(specifier: str) -> Optional[str]:
    """The provider of an import specifier ("openai", "@ai-sdk/openai", "ai/react"), or None."""
    if specifier.startswith(("@empsing/",)):
        return "empsing"
    parts = specifier.split("/")
    package = "/".join(parts[:2]) if specifier.startswith("@") else parts[0]
    return JS_SDK_EXTRA_PACKAGES.get(package) or sdk_package_provider(package, "npm")


# What a default import (or `require`) of a package is, when it is a class: `new X()` makes it.
JS_DEFAULT_EXPORTS: Dict[str, str] = {
    "openai": "OpenAI",
    "openai-edge": "OpenAI",
    "@anthropic-ai/sdk": "Anthropic",
    "@anthropic-ai/bedrock-sdk": "AnthropicBedrock",
    "@anthropic-ai/vertex-sdk": "AnthropicVertex",
    "groq-sdk": "Groq",
    "replicate": "Replicate",
    "@mistralai/mistralai": "MistralClient",
    "node-telegram-bot-api": "TelegramBot",
}

JS_MODEL_CALL_PATTERNS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (provider, _lazy(pattern))
    for provider, pattern in (
        (
            "openai",
            r"^(openai|openai-edge)\.(OpenAI|AzureOpenAI)\(\)\.(beta\.)?"
            r"(chat\.completions|completions|responses)\.(create|parse|stream|runTools)$",
        ),
        ("openai", r"^openai\.(OpenAI|AzureOpenAI)\(\)\.beta\.threads\.runs\.\w+$"),
        ("openai", r"^(openai|openai-edge)\.OpenAIApi\(\)\.(createChatCompletion|createCompletion)$"),
        ("openai", r"^@azure/openai\.OpenAIClient\(\)\.(getChatCompletions|streamChatCompletions|getCompletions)$"),
        (
            "anthropic",
            r"^@anthropic-ai/(sdk|bedrock-sdk|vertex-sdk)\.Anthropic(Bedrock|Vertex)?\(\)\.(beta\.)?"
            r"(messages\.(create|stream)|completions\.create)$",
        ),
        ("vercel-ai", r"^ai(/rsc)?\.(generateText|streamText|generateObject|streamObject|streamUI|render)$"),
        (
            "langchain",
            r"^(langchain|@langchain/[\w-]+)(/[\w/-]+)?\.[\w.()]*\(\)[\w.()]*\."
            r"(invoke|stream|batch|call|predict|predictMessages|generate|run|streamEvents|streamLog)$",
        ),
        (
            "google-generativeai",
            r"^@google/generative-ai\.GoogleGenerativeAI\(\)\.getGenerativeModel\(\)(\.startChat\(\))?\."
            r"(generateContent|generateContentStream|sendMessage|sendMessageStream)$",
        ),
        (
            "google-genai",
            r"^@google/genai\.GoogleGenAI\(\)\.(models\.(generateContent|generateContentStream)|"
            r"chats\.create\(\)\.(sendMessage|sendMessageStream))$",
        ),
        ("cohere", r"^cohere-ai\.(CohereClient|CohereClientV2)\(\)\.(chat|chatStream|generate|generateStream)$"),
        ("mistralai", r"^@mistralai/mistralai\.(Mistral|MistralClient)\(\)\.(chat(\.complete|\.stream)?|chatStream)$"),
        ("groq", r"^groq-sdk\.Groq\(\)\.chat\.completions\.create$"),
        ("ollama", r"^ollama(/browser)?(\.Ollama\(\))?\.(chat|generate)$"),
        (
            "huggingface-hub",
            r"^@huggingface/inference(\.(HfInference|InferenceClient)\(\))?\."
            r"(chatCompletion|chatCompletionStream|textGeneration|textGenerationStream)$",
        ),
        ("replicate", r"^replicate\.Replicate\(\)\.(run|stream|predictions\.create)$"),
        ("empsing", r"^(empsing|@empsing/[\w-]+)\.[\w.()]*\.(create|stream|generate|complete|chat)$"),
    )
)

# HTTP clients. fetch-like: (url, init); post-like: (url, data); config-like: ({url, method, data}).
JS_FETCH_CALLEES = _lazy(
    r"^(fetch|window\.fetch|globalThis\.fetch|self\.fetch|node-fetch|cross-fetch|isomorphic-fetch|"
    r"undici\.fetch|ofetch|ofetch\.(ofetch|\$fetch)|\$fetch)$"
)
JS_POST_CALLEES = _lazy(r"^(axios|axios\.create\(\)|ky|ky\.create\(\)|got|superagent)\.post$")
JS_CONFIG_CALLEES = _lazy(r"^axios(\.request)?$")
# The path of an app's own chat API, as its front end calls it: "/api/chat", `${API}/ask`.
JS_CHAT_ROUTE = _lazy(
    r"(?i)(^|/)(chat|chats|chatbot|ask|assistant|completions?|conversations?|llm|ai|bot|agent|prompt)(/|\?|$)"
)

# What a front end posts to its own API when it sends the conversation (`{ messages }`): a
# chat request whatever the route is called ("/api/doctor").
JS_CHAT_PAYLOAD_KEYS = frozenset({"messages"})

# Chat UI hooks and component kits, by import: (framework, pattern over the resolved name).
JS_CHAT_HOOKS = _lazy(r"^(ai/(react|vue|svelte|solid)|@ai-sdk/(react|vue|svelte|solid))\.(useChat|useAssistant)$")
JS_CHAT_COMPONENTS: Tuple[Tuple[str, Pattern[str]], ...] = (
    ("chatscope", _lazy(r"^@chatscope/chat-ui-kit-react\.(ChatContainer|MessageInput)$")),
    ("copilotkit", _lazy(r"^@copilotkit/react-ui\.(CopilotChat|CopilotPopup|CopilotSidebar)$")),
    ("assistant-ui", _lazy(r"^@assistant-ui/react(-ui)?\.(Thread|AssistantModal)$")),
    ("react-chatbot-kit", _lazy(r"^react-chatbot-kit\.Chatbot$")),
)

JS_WEB_FRAMEWORKS: Dict[str, str] = {
    "express": "express",
    "hono": "hono",
    "fastify": "fastify",
    "koa": "koa",
    "@koa/router": "koa",
    "koa-router": "koa",
    "elysia": "elysia",
    "restify": "restify",
}
JS_ROUTE_METHODS = frozenset({"post", "get", "put", "patch", "all"})
JS_ROUTE_EXPORTS = frozenset({"POST", "GET", "PUT", "PATCH"})

JS_MESSAGING_MODULES: Dict[str, str] = {
    "discord.js": "discord",
    "telegraf": "telegram",
    "grammy": "telegram",
    "node-telegram-bot-api": "telegram",
    "@slack/bolt": "slack",
    "@slack/web-api": "slack",
    "twilio": "twilio",
    "whatsapp-web.js": "whatsapp",
    "tmi.js": "twitch",
    "@line/bot-sdk": "line",
}
# The bot object each messaging library is used through, for handlers on unresolved names.
JS_BOT_INSTANCES: Dict[str, str] = {
    "discord.js": "discord.js.Client()",
    "telegraf": "telegraf.Telegraf()",
    "grammy": "grammy.Bot()",
    "node-telegram-bot-api": "node-telegram-bot-api.TelegramBot()",
    "@slack/bolt": "@slack/bolt.App()",
    "whatsapp-web.js": "whatsapp-web.js.Client()",
    "tmi.js": "tmi.js.Client()",
}
# Handler registrations: (framework, pattern over the callee, pattern the event must match or None).
JS_BOT_HANDLERS: Tuple[Tuple[str, Pattern[str], Optional[Pattern[str]]], ...] = tuple(
    (framework, _lazy(callee), _lazy(event) if event else None)
    for framework, callee, event in (
        (
            "discord",
            r"^discord\.js\.Client\(\)\.(on|once)$",
            r"^(messageCreate|interactionCreate|message|discord\.js\.Events\.(MessageCreate|InteractionCreate)|discord\.js\.Events\[\])$",
        ),
        ("telegram", r"^(telegraf\.(Telegraf|Composer)|grammy\.(Bot|Composer))\(\)\.(command|hears|start)$", None),
        (
            "telegram",
            r"^(telegraf\.(Telegraf|Composer)|grammy\.(Bot|Composer)|node-telegram-bot-api\.TelegramBot)\(\)\.on$",
            r"(^|[.:/])(message|text|msg)\b",
        ),
        ("telegram", r"^node-telegram-bot-api\.TelegramBot\(\)\.onText$", None),
        ("slack", r"^@slack/bolt\.App\(\)\.(message|command)$", None),
        ("slack", r"^@slack/bolt\.App\(\)\.event$", r"^(app_mention|message)$"),
        ("whatsapp", r"^whatsapp-web\.js\.Client\(\)\.on$", r"^message(_create)?$"),
        # Twitch chat (tmi.js): `new tmi.Client(...)`, or `tmi.client(...)` as its guide writes it.
        ("twitch", r"^tmi\.js\.(Client|client)\(\)\.on$", r"^(message|chat|whisper|action)$"),
        # LINE's Messaging API: its webhook is checked by the SDK's middleware or signature check.
        ("line", r"^@line/bot-sdk\.(middleware|validateSignature)$", None),
    )
)
# discord.js handlers kept in modules of their own, as its guide lays a bot out.
JS_EXPORTED_BOT_HANDLER = _lazy(
    r"^(messageCreate|interactionCreate|discord\.js\.Events\.(MessageCreate|InteractionCreate)|"
    r"discord\.js\.(SlashCommandBuilder|ContextMenuCommandBuilder)\(\)[\w.()]*)$"
)
JS_TWILIO_RESPONSES = _lazy(r"^twilio\.twiml\.(MessagingResponse|VoiceResponse)\(\)$")
# Methods that send text to a chat in those libraries; the text they send is user-facing.
JS_SEND_METHODS = frozenset(
    {
        "reply", "send", "sendMessage", "say", "respond", "replyWithMarkdown", "replyWithMarkdownV2",
        "replyWithHTML", "editMessageText", "editReply", "followUp", "postMessage", "message",
        "setTitle", "setDescription", "setFooter", "replyMessage", "pushMessage",
    }
)
JS_SYSTEM_PROMPT_KEYS = frozenset(
    {"system", "systemInstruction", "instructions", "preamble", "systemPrompt", "systemMessage",
     "system_prompt", "system_instruction"}
)
