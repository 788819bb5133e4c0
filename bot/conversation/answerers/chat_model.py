"""The LangChain chat model behind LLM answers, and which of its failures mean "provider unavailable"."""

from __future__ import annotations

from typing import Any

import httpx
import openai
from langchain_core.language_models import BaseChatModel

from bot.settings import LLMSettings

# Local OpenAI-compatible servers (Ollama, vLLM) need no key, but the OpenAI client refuses to
# start without one and would otherwise read OPENAI_API_KEY from the environment.
_NO_KEY = "no-key"


class ChatModelConfigError(ValueError):
    """The LLM settings cannot produce a chat model."""


def build_chat_model(settings: LLMSettings) -> BaseChatModel:
    """The chat model that ``settings`` describe.

    ``openai``: any OpenAI-compatible Chat Completions endpoint (Typhoon, OpenAI, vLLM, Ollama) at
    ``base_url``. ``init_chat_model``: any LangChain provider, ``model`` given as ``provider:model``.
    """
    if not settings.model:
        raise ChatModelConfigError("llm.model is empty: name the model to use, e.g. typhoon-v2.1-12b-instruct")
    api_key = settings.api_key.get_secret_value() if settings.api_key else None
    common: dict[str, Any] = {
        "temperature": settings.temperature,
        "timeout": settings.timeout_seconds,
        "max_retries": settings.max_retries,
        "max_tokens": settings.max_tokens,
    }
    if settings.provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=settings.model,
            base_url=settings.base_url or None,
            api_key=api_key or _NO_KEY,
            # Compatible servers implement Chat Completions; never route to the Responses API.
            use_responses_api=False,
            **common,
        )
    if settings.provider == "init_chat_model":
        try:
            from langchain.chat_models import init_chat_model
        except ImportError as error:
            raise ChatModelConfigError(
                "llm.provider init_chat_model needs the 'langchain' package and the provider's integration "
                "(e.g. langchain-anthropic): pip install langchain"
            ) from error

        if settings.base_url:
            common["base_url"] = settings.base_url
        if api_key:
            common["api_key"] = api_key
        # With keyword arguments from a dict mypy cannot pick the overload; a fixed model is a BaseChatModel.
        model: BaseChatModel = init_chat_model(settings.model, **common)
        return model
    raise ChatModelConfigError(f"llm.provider {settings.provider!r} has no chat model; use openai or init_chat_model")


_UNAVAILABLE_STATUS = frozenset({408, 409, 429})


def _status_code(error: BaseException) -> int | None:
    """The HTTP status of a provider error, for SDKs other than OpenAI's too (they name it alike)."""
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        return status
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def is_unavailable(error: BaseException) -> bool:
    """True when ``error`` says the provider is unreachable, slow, overloaded or failing (timeout, 429, 5xx)."""
    if isinstance(error, openai.APIConnectionError | httpx.TransportError | TimeoutError | ConnectionError):
        return True
    status = _status_code(error)
    return status is not None and (status in _UNAVAILABLE_STATUS or status >= 500)


def is_provider_error(error: BaseException) -> bool:
    """True for any error the provider reported (including 4xx such as a wrong key), as opposed to a bug here."""
    if is_unavailable(error) or isinstance(error, openai.APIError | httpx.HTTPError):
        return True
    return _status_code(error) is not None
