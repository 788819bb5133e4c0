"""Progress reporting for long syncs, kept free of heavy imports so the CLI can use it early."""

from __future__ import annotations

from collections.abc import Callable


class Progress:
    """Progress over embedded chunks; the default does nothing."""

    def update(self, n: int) -> None:
        """``n`` more chunks done."""

    def close(self) -> None:
        """Finished."""


ProgressFactory = Callable[[int], Progress]
"""Makes a :class:`Progress` for a run of ``total`` chunks."""
