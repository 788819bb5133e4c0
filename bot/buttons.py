"""Button payloads: what a pressed button means and which turn or ticket it belongs to.

Every button the assistant shows carries a payload (LINE postback data, Telegram
``callback_data``, the web chat's ``action``). A payload names the *kind* of button and,
since a button can be pressed long after it was shown, the thing it belongs to:

- ``q<id>``: a *turn*, the stored user message (``messages.id``) the button was shown under;
  "send to mentor" under an earlier question sends that question, never a later one;
- ``t<id>``: a ticket (``tickets.id``);
- ``a<id>``: an answer (the assistant message, ``messages.id``) that the button rates (👍 / 👎).

The text form is ``<kind>@<ref>`` or ``<kind>@<ref>/<arg>``: ``escalate:yes@q42``,
``ticket:add@t7``, ``topic@q42/<title>``. Ids are decimal, so a payload without an argument
is printable ASCII of at most about 30 bytes, well inside Telegram's 64-byte limit (a
payload with a Thai argument goes through the Telegram channel's token map). The ids mean
nothing to the channels; the engine checks that a referenced turn or ticket is the presser's
own before acting on it. Older payloads without ``@`` (``escalate:yes``, ``topic:<title>``)
still decode, with no reference: see :attr:`ButtonPayload.turn`.

Feedback buttons use it too: ``ButtonPayload("feedback:up", answer=42).encode()`` is ``feedback:up@a42``.
"""

from __future__ import annotations

from dataclasses import dataclass

_SEPARATOR = "@"
_ARGUMENT = "/"
_TURN = "q"
_TICKET = "t"
_ANSWER = "a"
_LEGACY_TOPIC = "topic:"


@dataclass(frozen=True)
class ButtonPayload:
    """A decoded button: its kind, the turn or ticket it belongs to, and an optional argument."""

    kind: str
    """What the button does (``escalate:yes``, ``answer:more``, ``ticket:add``...); no ``@`` or ``/`` in it."""
    turn: int | None = None
    """The user message the button was shown under; ``None`` for a button from before turn ids (then the
    engine treats it as belonging to the latest question, as it always did)."""
    ticket: int | None = None
    """The ticket the button belongs to."""
    answer: int | None = None
    """The answer (assistant message) the button rates."""
    arg: str = ""
    """Free text the button carries (a clarifying topic's title)."""

    def __post_init__(self) -> None:
        if not self.kind or _SEPARATOR in self.kind or _ARGUMENT in self.kind:
            raise ValueError(f"a button kind is non-empty and has no {_SEPARATOR!r} or {_ARGUMENT!r}: {self.kind!r}")
        if sum(ref is not None for ref in (self.turn, self.ticket, self.answer)) > 1:
            raise ValueError("a button belongs to one turn, ticket or answer at most")

    def encode(self) -> str:
        """The payload as the channels carry it."""
        if self.turn is not None:
            ref = f"{_TURN}{self.turn}"
        elif self.ticket is not None:
            ref = f"{_TICKET}{self.ticket}"
        elif self.answer is not None:
            ref = f"{_ANSWER}{self.answer}"
        else:
            ref = ""
        text = f"{self.kind}{_SEPARATOR}{ref}" if ref or self.arg else self.kind
        return f"{text}{_ARGUMENT}{self.arg}" if self.arg else text

    @classmethod
    def decode(cls, data: str) -> ButtonPayload | None:
        """The payload ``data`` carries; ``None`` when it is malformed (a forged or mangled button)."""
        if not data:
            return None
        if _SEPARATOR not in data:
            if data.startswith(_LEGACY_TOPIC):
                return cls("topic", arg=data.removeprefix(_LEGACY_TOPIC))
            return None if _ARGUMENT in data else cls(data)
        kind, rest = data.split(_SEPARATOR, 1)
        ref, _, arg = rest.partition(_ARGUMENT)
        if not kind or _ARGUMENT in kind:
            return None
        if not ref:
            return cls(kind, arg=arg)
        number = ref[1:]
        if not (number.isascii() and number.isdigit()) or len(number) > 18:
            return None
        if ref[0] == _TURN:
            return cls(kind, turn=int(number), arg=arg)
        if ref[0] == _TICKET:
            return cls(kind, ticket=int(number), arg=arg)
        if ref[0] == _ANSWER:
            return cls(kind, answer=int(number), arg=arg)
        return None
