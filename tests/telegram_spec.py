"""Checks Bot API requests against ``shared/specs/telegram/api.json`` (Bot API 10.1, MIT).

The spec lists every method's parameters (name, types, required) and every object type's
fields; abstract types list their ``subtypes``. Parameters are checked recursively against
those types, unknown parameters and fields are errors, and the limits the spec only states in
prose are checked separately: message text 1-4,096 characters after entity parsing, valid
Telegram HTML, ``parse_mode`` values, ``callback_data`` 1-64 bytes, inline keyboard sizes,
chat actions, callback answer length, webhook secret characters.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from tests.shared_files import shared_dir

SPEC_PATH = shared_dir() / "specs" / "telegram" / "api.json"

PARSE_MODES = {"HTML", "MarkdownV2", "Markdown"}
CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
}  # fmt: skip
TEXT_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64
BUTTONS_PER_ROW = 8
BUTTONS_TOTAL = 100
CALLBACK_ANSWER_LIMIT = 200
# Tags Telegram's HTML parse mode accepts, with the attributes each may carry.
HTML_TAGS: dict[str, set[str]] = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(), "s": set(),
    "strike": set(), "del": set(), "span": {"class"}, "tg-spoiler": set(), "a": {"href"},
    "code": {"class"}, "pre": set(), "blockquote": {"expandable"}, "tg-emoji": {"emoji-id"},
}  # fmt: skip
_ENTITIES = {"lt", "gt", "amp", "quot"}
_HTML_TOKEN = re.compile(
    r"<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>[^<>]*)>"
    r"|&(?P<entity>#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);"
    r"|(?P<stray>[<>&])"
)
_ATTRIBUTE = re.compile(r'\s+(?P<name>[a-z-]+)(?:="(?P<value>[^"]*)")?')
_BUTTON_KINDS = {
    "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
}  # fmt: skip


def utf16_len(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def html_problems(text: str) -> list[str]:
    """What makes ``text`` invalid for ``parse_mode=HTML`` (empty when it is valid)."""
    problems: list[str] = []
    stack: list[str] = []
    for match in _HTML_TOKEN.finditer(text):
        if match["stray"]:
            problems.append(f"unescaped {match['stray']!r} at {match.start()}")
        elif match["entity"]:
            entity = match["entity"]
            if not entity.startswith("#") and entity not in _ENTITIES:
                problems.append(f"unsupported entity &{entity};")
        else:
            tag = match["tag"].lower()
            if tag not in HTML_TAGS:
                problems.append(f"tag <{tag}> is not allowed")
                continue
            if match["close"]:
                if not stack or stack[-1] != tag:
                    problems.append(f"</{tag}> does not close {stack[-1] if stack else 'anything'}")
                else:
                    stack.pop()
                continue
            problems.extend(_attribute_problems(tag, match["attrs"]))
            stack.append(tag)
    problems.extend(f"<{tag}> is never closed" for tag in stack)
    return problems


def _attribute_problems(tag: str, raw: str) -> list[str]:
    attributes = {m["name"]: m["value"] for m in _ATTRIBUTE.finditer(raw)}
    if _ATTRIBUTE.sub("", raw).strip():
        return [f"<{tag}> has malformed attributes {raw!r}"]
    problems = [f"<{tag}> may not have {name}=" for name in attributes if name not in HTML_TAGS[tag]]
    if tag == "a" and not attributes.get("href"):
        problems.append("<a> needs href")
    if tag == "span" and attributes.get("class") != "tg-spoiler":
        problems.append('<span> needs class="tg-spoiler"')
    if tag == "code" and "class" in attributes and not (attributes["class"] or "").startswith("language-"):
        problems.append("<code class> must be language-...")
    return problems


def html_to_text(text: str) -> str:
    """The text Telegram shows for HTML ``text``: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^<>]*>", "", text))


class BotApiSpec:
    """The Bot API description and the checks built on it."""

    def __init__(self, path: Path = SPEC_PATH) -> None:
        spec = json.loads(path.read_text(encoding="utf-8"))
        self.version: str = spec["version"]
        self.types: dict[str, dict[str, Any]] = spec["types"]
        self._methods = {name.lower(): method for name, method in spec["methods"].items()}

    def method(self, name: str) -> dict[str, Any] | None:
        """A method's description (method names are case-insensitive)."""
        return self._methods.get(name.lower())

    def decode_form(self, method: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
        """Form fields as JSON values: each field is JSON-decoded unless its type is only String."""
        fields = {f["name"]: f["types"] for f in method.get("fields", [])}
        params: dict[str, Any] = {}
        for name, raw in form.items():
            types = fields.get(name, ["String"])
            if types == ["String"]:
                params[name] = raw
                continue
            try:
                params[name] = json.loads(raw)
            except json.JSONDecodeError:
                params[name] = raw
        return params

    def check(self, method_name: str, params: dict[str, Any]) -> list[str]:
        """Every problem with calling ``method_name`` with ``params``."""
        method = self.method(method_name)
        if method is None:
            return [f"unknown method {method_name}"]
        problems = self._check_fields(method_name, method.get("fields", []), params)
        problems.extend(_limits(method["name"], params))
        return problems

    def _check_fields(self, where: str, fields: list[dict[str, Any]], values: dict[str, Any]) -> list[str]:
        known = {f["name"]: f for f in fields}
        problems = [f"{where}: unknown field {name}" for name in values if name not in known]
        for name, field in known.items():
            if name not in values:
                if field["required"]:
                    problems.append(f"{where}: missing required {name}")
                continue
            problems.extend(self.check_value(f"{where}.{name}", values[name], field["types"]))
        return problems

    def check_value(self, where: str, value: Any, types: list[str]) -> list[str]:
        """Problems with ``value`` as one of ``types`` (empty when any type accepts it)."""
        attempts = [self._check_type(where, value, name) for name in types]
        if any(not attempt for attempt in attempts):
            return []
        if len(attempts) == 1:
            return attempts[0]
        return [f"{where}: matches none of {types}: {attempts[0][:3]}"]

    def _check_type(self, where: str, value: Any, name: str) -> list[str]:
        scalar = {
            "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "Boolean": lambda v: isinstance(v, bool),
            "String": lambda v: isinstance(v, str),
            "InputFile": lambda v: isinstance(v, str),
        }
        if name in scalar:
            return [] if scalar[name](value) else [f"{where}: {value!r} is not {name}"]
        if name.startswith("Array of "):
            if not isinstance(value, list):
                return [f"{where}: {value!r} is not an array"]
            inner = name.removeprefix("Array of ")
            return [p for i, item in enumerate(value) for p in self.check_value(f"{where}[{i}]", item, [inner])]
        described = self.types.get(name)
        if described is None:
            return [f"{where}: type {name} is not in the spec"]
        if described.get("subtypes"):
            return self.check_value(where, value, described["subtypes"])
        if not isinstance(value, dict):
            return [f"{where}: {value!r} is not a {name} object"]
        return self._check_fields(f"{where}<{name}>", described.get("fields", []), value)


def _limits(method: str, params: dict[str, Any]) -> list[str]:
    """The limits the spec states only in prose."""
    problems: list[str] = []
    parse_mode = params.get("parse_mode")
    if parse_mode is not None and parse_mode not in PARSE_MODES:
        problems.append(f"{method}: parse_mode {parse_mode!r} is not one of {sorted(PARSE_MODES)}")
    text = params.get("text")
    if method in ("sendMessage", "editMessageText") and isinstance(text, str):
        shown = text
        if parse_mode == "HTML":
            problems.extend(f"{method}: HTML: {p}" for p in html_problems(text))
            shown = html_to_text(text)
        if not shown.strip():
            problems.append(f"{method}: text is empty")
        if utf16_len(shown) > TEXT_LIMIT:
            problems.append(f"{method}: text is {utf16_len(shown)} characters (limit {TEXT_LIMIT})")
    if method == "answerCallbackQuery" and isinstance(text, str) and len(text) > CALLBACK_ANSWER_LIMIT:
        problems.append(f"{method}: text longer than {CALLBACK_ANSWER_LIMIT} characters")
    if method == "sendChatAction" and params.get("action") not in CHAT_ACTIONS:
        problems.append(f"{method}: unknown action {params.get('action')!r}")
    if method == "setWebhook":
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            problems.append(f"{method}: secret_token must be 1-256 of A-Z a-z 0-9 _ -")
    limit = params.get("limit", 100)
    if method == "getUpdates" and isinstance(limit, int) and not 1 <= limit <= 100:
        problems.append(f"{method}: limit must be 1-100")
    markup = params.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        problems.extend(_keyboard_problems(method, markup["inline_keyboard"]))
    return problems


def _keyboard_problems(method: str, rows: Any) -> list[str]:
    if not isinstance(rows, list):
        return []
    problems: list[str] = []
    buttons = [button for row in rows if isinstance(row, list) for button in row]
    if len(buttons) > BUTTONS_TOTAL:
        problems.append(f"{method}: {len(buttons)} buttons (limit {BUTTONS_TOTAL})")
    problems.extend(f"{method}: a row has {len(row)} buttons" for row in rows if len(row) > BUTTONS_PER_ROW)
    problems.extend(f"{method}: an empty keyboard row" for row in rows if not row)
    for button in buttons:
        if not isinstance(button, dict):
            continue
        if not str(button.get("text", "")).strip():
            problems.append(f"{method}: a button without text")
        kinds = [kind for kind in _BUTTON_KINDS if kind in button]
        if len(kinds) != 1:
            problems.append(f"{method}: a button must have exactly one action field, has {kinds}")
        data = button.get("callback_data")
        if isinstance(data, str) and not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            problems.append(f"{method}: callback_data is {len(data.encode('utf-8'))} bytes (1-{CALLBACK_DATA_LIMIT})")
    return problems
