"""The Thai text toolkit every layer uses: normalise, words, sentences, numbers, Buddhist-Era dates.

Only offline pythainlp engines are used: ``newmm`` for words and ``crfcut`` for sentences.
"""

from __future__ import annotations

import os

# pythainlp writes a data folder under $HOME on import and some engines fetch corpora;
# keep it offline and tolerate a read-only home. Set before the first pythainlp import.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from ingestion.thai.normalise import fold_for_matching, normalize
from ingestion.thai.sentences import sentences
from ingestion.thai.words import tokenize

__all__ = ["fold_for_matching", "normalize", "sentences", "tokenize"]
