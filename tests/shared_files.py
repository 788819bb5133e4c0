"""Where the shared design files live: the specs the stand-ins validate against, the fact sheet,
the public benchmark sets.

They sit in ``shared/`` beside the checkout. A clone made elsewhere from a local checkout (as
``git clone /work/main /tmp/fresh`` does) looks beside the checkout it was cloned from, through
its ``origin`` remote; ``NZAP_SHARED_DIR`` names the folder explicitly.
"""

from __future__ import annotations

import os
import subprocess
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _origin_checkout() -> Path | None:
    """The local checkout this one was cloned from, if its ``origin`` is a path on this machine."""
    try:
        url = subprocess.run(
            ["git", "-C", str(REPO), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://"))
    return path.resolve() if url and path.is_absolute() and path.is_dir() else None


@cache
def shared_dir() -> Path:
    """The shared folder: ``NZAP_SHARED_DIR``, else beside this checkout, else beside its origin."""
    explicit = os.environ.get("NZAP_SHARED_DIR")
    if explicit:
        return Path(explicit)
    beside = REPO.parent / "shared"
    if beside.is_dir():
        return beside
    origin = _origin_checkout()
    if origin is not None and (origin.parent / "shared").is_dir():
        return origin.parent / "shared"
    return beside  # missing: the tests that need it say so
