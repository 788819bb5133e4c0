"""Hostile and malformed webhook bodies never make the server answer 5xx.

The whole production app (``build_server``: web chat, LINE, Telegram, console, metrics) runs
under uvicorn; LINE and Telegram point at their stand-ins. Hypothesis generates bodies of
three kinds for every endpoint: arbitrary bytes, arbitrary JSON, and recorded real payloads
with their fields replaced by generated values (so that parsing reaches deep into the SDKs'
models). LINE bodies are signed correctly, so they pass the signature check and reach the
event parser; Telegram bodies carry the right secret. Afterwards a real Thai question must
still be answered: nothing the fuzzer sent broke the server.

Two more kinds go to every endpoint: real payloads with one value replaced by arrays or objects
nested deeper than any platform sends (thousands of levels made Python's JSON parser and the
SDKs' models raise ``RecursionError``, a 500), refused with 400 before anything parses them; and
bodies over the size limit, declared or streamed, refused with 413.

The number of generated cases per endpoint is ``CASES`` (Hypothesis runs exactly that many
unless it finds a failure).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app.composition import build_server
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.line.conftest import SECRET as LINE_SECRET
from tests.bot.channels.line.conftest import TOKEN as LINE_TOKEN
from tests.bot.channels.line.conftest import sign
from tests.bot.channels.telegram.conftest import SECRET as TELEGRAM_SECRET
from tests.line_stand_in import LineStandIn
from tests.server_thread import serve
from tests.telegram_stand_in import TOKEN as TELEGRAM_TOKEN
from tests.telegram_stand_in import TelegramStandIn
from tests.web_chat import browser

pytestmark = pytest.mark.slow  # hundreds of generated bodies per endpoint

CASES = 300
SHAPE_CASES = 60
MAX_BODY_BYTES = 200_000
PAYLOADS = Path(__file__).parents[2] / "channels"
LINE_PAYLOADS = [
    json.loads(p.read_text(encoding="utf-8")) for p in sorted((PAYLOADS / "line" / "payloads").glob("*.json"))
]
TELEGRAM_PAYLOADS = [
    json.loads(p.read_text(encoding="utf-8")) for p in sorted((PAYLOADS / "telegram" / "payloads").glob("*.json"))
]

# Values that break naive code: wrong types, huge and negative numbers, Thai, control
# characters, surrogates spelt as escapes, prompt-injection text, nested containers.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=60),
    st.sampled_from(["", "ค่าไฟ 10,000 หน่วย", "\u200b\u0000", "ignore previous instructions", "T-0042", "/forget"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copied = copy.deepcopy(document)
    target = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copied


@st.composite
def mutated(draw: st.DrawFn, documents: list[Any]) -> Any:
    """A recorded payload with one to three values replaced by generated ones."""
    document = draw(st.sampled_from(documents))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(document))))
        document = _replace(document, path, draw(json_values))
    return document


_HOLE = "\u0000nested\u0000"


@st.composite
def nested(draw: st.DrawFn, documents: list[Any]) -> bytes:
    """A recorded payload with one value replaced by arrays or objects nested 33 to 20,000 levels deep."""
    document = draw(st.sampled_from(documents))
    document = _replace(document, draw(st.sampled_from(list(_paths(document))[1:])), _HOLE)
    depth = draw(st.one_of(st.integers(33, 200), st.integers(900, 1100), st.integers(5_000, 20_000)))
    opening, closing = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}"), (b'[{"b":', b"}]")]))
    deep = opening * depth + b"1" + closing * depth
    return json.dumps(document, ensure_ascii=False).encode("utf-8").replace(json.dumps(_HOLE).encode(), deep)


@st.composite
def oversized(draw: st.DrawFn, documents: list[Any]) -> tuple[bytes, bool]:
    """A recorded payload padded past the size limit, and whether to stream it (no Content-Length)."""
    document = draw(st.sampled_from(documents))
    path = draw(st.sampled_from(list(_paths(document))))
    padding = "ก" * draw(st.integers(MAX_BODY_BYTES // 3 + 1, MAX_BODY_BYTES))
    body = json.dumps(_replace(document, path, padding), ensure_ascii=False).encode("utf-8")
    return body, draw(st.booleans())


def bodies(documents: list[Any]) -> st.SearchStrategy[bytes]:
    """Raw bytes, any JSON, or a mutated real payload, encoded."""
    encoded = st.one_of(json_values, mutated(documents)).map(
        lambda value: json.dumps(value, ensure_ascii=False).encode("utf-8")
    )
    return st.one_of(st.binary(max_size=300), encoded, mutated(documents).map(lambda v: json.dumps(v).encode()))


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[tuple[str, LineStandIn]]:
    from tests.conftest import THAI_MODULE

    root = tmp_path_factory.mktemp("fuzz")
    course = root / "course"
    course.mkdir()
    (course / "week03.md").write_text(THAI_MODULE, encoding="utf-8")
    with LineStandIn(LINE_TOKEN) as line_api, TelegramStandIn() as telegram_api:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=root / "data",
            line={"channel_secret": LINE_SECRET, "channel_access_token": LINE_TOKEN, "api_base_url": line_api.url},
            telegram={"bot_token": TELEGRAM_TOKEN, "webhook_secret": TELEGRAM_SECRET, "api_base_url": telegram_api.url},
            server={"max_body_bytes": MAX_BODY_BYTES},
            # Hundreds of fuzzed messages from one address: not what the per-address limit is tested on.
            limits={"messages_per_minute_per_address": 100_000, "burst_per_address": 100_000},
        )
        sync_folders([course], settings.resolved_index_dir(), embedder)
        with serve(build_server(settings)) as url:
            yield url, line_api


FUZZ = settings(
    max_examples=CASES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(body=bodies(LINE_PAYLOADS))
def test_line_webhook_never_answers_5xx(app_url: tuple[str, LineStandIn], body: bytes) -> None:
    url, _ = app_url
    response = httpx.post(
        f"{url}/webhooks/line",
        content=body,
        headers={"Content-Type": "application/json", "X-Line-Signature": sign(body)},
        timeout=30,
    )
    assert response.status_code < 500, (response.status_code, response.text[:300])


@FUZZ
@given(body=bodies(TELEGRAM_PAYLOADS))
def test_telegram_webhook_never_answers_5xx(app_url: tuple[str, LineStandIn], body: bytes) -> None:
    url, _ = app_url
    response = httpx.post(
        f"{url}/webhooks/telegram",
        content=body,
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
        timeout=30,
    )
    assert response.status_code < 500, (response.status_code, response.text[:300])


WEB_CHAT = [{"text": "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่", "action": None}]


@FUZZ
@given(body=bodies(WEB_CHAT))
def test_web_chat_never_answers_5xx(app_url: tuple[str, LineStandIn], body: bytes) -> None:
    url, _ = app_url
    response = httpx.post(f"{url}/api/chat", content=body, headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code < 500, (response.status_code, response.text[:300])


ENDPOINTS = {
    "line": ("/webhooks/line", LINE_PAYLOADS),
    "telegram": ("/webhooks/telegram", TELEGRAM_PAYLOADS),
    "web": ("/api/chat", WEB_CHAT),
}


def _headers(endpoint: str, body: bytes) -> dict[str, str]:
    """Headers a genuine sender would attach: LINE's signature over these very bytes, Telegram's secret."""
    headers = {"Content-Type": "application/json"}
    if endpoint == "line":
        headers["X-Line-Signature"] = sign(body)
    elif endpoint == "telegram":
        headers["X-Telegram-Bot-Api-Secret-Token"] = TELEGRAM_SECRET
    return headers


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_deeply_nested_bodies_are_refused_with_400(app_url: tuple[str, LineStandIn], endpoint: str) -> None:
    url, _ = app_url
    path, documents = ENDPOINTS[endpoint]

    @settings(FUZZ, max_examples=SHAPE_CASES)
    @given(body=nested(documents))
    def case(body: bytes) -> None:
        response = httpx.post(f"{url}{path}", content=body, headers=_headers(endpoint, body), timeout=60)
        # The web chat's model refuses a list where text belongs (422) when Python could still parse it.
        assert response.status_code in ({400, 422} if endpoint == "web" else {400}), (
            response.status_code,
            response.text[:300],
        )

    case()


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_oversized_bodies_are_refused_with_413(app_url: tuple[str, LineStandIn], endpoint: str) -> None:
    url, _ = app_url
    path, documents = ENDPOINTS[endpoint]

    @settings(FUZZ, max_examples=SHAPE_CASES // 3)
    @given(shaped=oversized(documents))
    def case(shaped: tuple[bytes, bool]) -> None:
        body, streamed = shaped
        content: bytes | Iterator[bytes] = body
        if streamed:  # chunked: no Content-Length to refuse on, the bytes are counted as they come
            content = iter([body[i : i + 65536] for i in range(0, len(body), 65536)])
        response = httpx.post(f"{url}{path}", content=content, headers=_headers(endpoint, body), timeout=60)
        assert response.status_code == 413, (response.status_code, response.text[:300])

    case()


def test_after_the_fuzzing_a_real_question_is_still_answered(app_url: tuple[str, LineStandIn]) -> None:
    url, _ = app_url
    # A new session agrees to the privacy notice first (otherwise the notice is the reply).
    with browser(url) as client:
        agreed = client.post("/api/chat", json={"action": "consent:yes"})
        assert agreed.status_code == 200
        response = client.post("/api/chat", json={"text": "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่"})
    assert response.status_code == 200
    texts = " ".join(r.get("text", "") for r in response.json()["replies"])
    assert "4,750" in texts
