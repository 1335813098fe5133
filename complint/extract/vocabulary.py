"""What model SDKs, chat frameworks and model endpoints look like, for every extractor.

This is mechanism, not policy: it says how code talks to a model or to a user, never
what is allowed. The prefilter derives its vocabulary from these tables too.
"""

from __future__ import annotations

import re
from typing import Dict, Optional, Pattern, Tuple

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
}


def sdk_provider(module: str) -> Optional[str]:
    """The provider of a dotted module path, or None if it is no model SDK."""
    if module.startswith("langchain"):  # langchain, langchain_openai, langchain_core, ...
        return "langchain"
    if module.startswith("llama_index"):
        return "llama-index"
    best = None
    for root, provider in SDK_MODULES.items():
        if module == root or module.startswith(root + "."):
            if best is None or len(root) > len(best[0]):
                best = (root, provider)
    return best[1] if best else None


_INVOKE = r"(invoke|ainvoke|stream|astream|batch|abatch|run|arun|predict|apredict|predict_messages|generate|agenerate|call|acall)"

# (provider, pattern over the resolved callee: dotted names, "()" where an instance is made)
MODEL_CALL_PATTERNS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (provider, re.compile(pattern))
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
    ("openai-compatible", re.compile(r"(^|\.)chat\.completions\.(create|parse|stream)$")),
)
# `x.messages.create(model=..., messages=...)`: Anthropic-shaped; Twilio's has body= and to=.
MESSAGES_CREATE = re.compile(r"(^|\.)messages\.create$")

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

HTTP_POST_CALLEES = re.compile(
    r"^(requests(\.api)?\.(post|request)|requests\.Session\(\)\.(post|request)|"
    r"httpx\.(post|request|stream)|httpx\.(Async)?Client\(\)\.(post|request|stream)|"
    r"aiohttp\.ClientSession\(\)\.(post|request))$"
)

# Model endpoints: (provider label, pattern over the URL text we could resolve).
MODEL_ENDPOINTS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
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
# Ollama's own paths are common words ("/api/chat" is also many apps' own route):
# they count only with Ollama's port or name in the URL, or a `model` in the payload.
OLLAMA_PATHS = re.compile(r"/api/(chat|generate)\b")
OLLAMA_HINT = re.compile(r"11434|ollama", re.IGNORECASE)

# Chat frameworks.
STREAMLIT_CHAT = frozenset({"streamlit.chat_input", "streamlit.chat_message", "streamlit_chat.message"})
GRADIO_CHAT = frozenset({"gradio.ChatInterface", "gradio.Chatbot"})
TELEGRAM_HANDLERS = re.compile(
    r"^telegram\.ext\.(MessageHandler|CommandHandler|ConversationHandler|ApplicationBuilder|Updater)$"
)
TWILIO_RESPONSES = re.compile(r"^twilio\.twiml\.(messaging_response\.MessagingResponse|voice_response\.VoiceResponse)$")

# Decorators that register a handler, by framework: (framework, kind, pattern over callee).
HANDLER_DECORATORS: Tuple[Tuple[str, str, Pattern[str]], ...] = tuple(
    (framework, kind, re.compile(pattern))
    for framework, kind, pattern in (
        ("chainlit", "chat-ui", r"^chainlit\.on_message$"),
        ("discord", "messaging-bot", r"^(discord|interactions|nextcord|disnake)\.[\w.()]*\.(command|hybrid_command|slash_command|listen)$"),
        ("slack", "messaging-bot", r"^slack_bolt\.[\w.()]*\.(message|event|command)$"),
        ("telegram", "messaging-bot", r"^(aiogram|telebot|pyrogram)\.[\w.()]*\.(message_handler|message|on_message)$"),
        ("whatsapp", "messaging-bot", r"^pywa\.[\w.()]*\.on_message$"),
    )
)
# discord's `@client.event` registers whatever the function is named after.
DISCORD_EVENT = re.compile(r"^(discord|nextcord|disnake)\.[\w.()]*\.event$")

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

STREAMLIT_TEXT_METHODS = frozenset(
    {
        "title", "header", "subheader", "markdown", "write", "caption", "text", "info",
        "warning", "error", "success", "toast", "chat_input", "set_page_config", "expander",
        "text_input", "text_area", "button", "html", "tabs",
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

SYSTEM_PROMPT_KWARGS = frozenset({"system", "system_instruction", "instructions", "preamble", "system_prompt", "system_message"})
ASSISTANT_ROLES = frozenset({"assistant", "ai", "bot", "model"})
SYSTEM_ROLES = frozenset({"system", "developer"})
USER_ROLES = frozenset({"user", "human"})
PROMPT_NAME = re.compile(r"(?i)(^|_)(system_?)?(prompt|instructions?|persona|preamble)(_|$)|system_?(msg|message)")
