"""The LINE bot fixtures (real uvicorn server, LINE stand-in, real engine), reused to watch logs and metrics."""

from tests.bot.channels.line.conftest import line_api, line_bot, line_channel  # noqa: F401
