"""A cheap look at a JSON body's nesting before any parser walks it.

Python's ``json`` module and the platform SDKs' models recurse once per level of nesting: a
body of a hundred thousand ``[`` (a few hundred kilobytes, under the size limit) ends in a
``RecursionError`` deep inside them, which nothing expects, and the server answered 500. No
LINE or Telegram webhook nests more than about ten levels, so a body nested deeper than
:data:`MAX_DEPTH` is refused before parsing, by a scan of the raw bytes that never recurses.
"""

from __future__ import annotations

import re

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects accepted (real webhooks stay near ten)."""

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
"""A JSON string: brackets inside one do not nest anything."""
_BRACKETS = re.compile(rb"[\[\]{}]")


def nesting_depth_exceeds(body: bytes, max_depth: int = MAX_DEPTH) -> bool:
    """Whether ``body`` opens more than ``max_depth`` arrays or objects inside one another.

    Only brackets outside strings count. The scan stops at the first level too deep, so a
    hostile body costs no more than the regular expressions' linear passes.
    """
    # Nesting can go no deeper than the brackets opened in all: a real webhook opens a dozen, and two
    # counts in C (under 1 us) spare it the scan (20-28 us for a LINE or Telegram text message, a few
    # per cent of a webhook's CPU). Brackets in strings only raise the count: no deep body gets through.
    if body.count(b"[") + body.count(b"{") <= max_depth:
        return False
    depth = 0
    for bracket in _BRACKETS.finditer(_STRING.sub(b'""', body)):
        if bracket.group() in (b"[", b"{"):
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False
