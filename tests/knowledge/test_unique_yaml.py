"""Hand-edited YAML (the chat spellings, the course's glossary): a key written twice is an error, not a loss."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.glossary import read_related, read_spellings


def test_a_spelling_listed_under_the_same_word_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "spellings.yaml"
    path.write_text("spellings:\n  ดอลลาร์: [ดอลล์]\n  ไฟฟ้า: [ไฟฟ่า]\n  ดอลลาร์: [ดอลล่า]\n", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError, match=r"ดอลลาร์.*twice.*line 2"):
        read_spellings(path)


def test_the_same_word_may_be_a_spelling_and_a_related_word(tmp_path: Path) -> None:
    """The two mappings are separate: only a key repeated within one of them is an error."""
    path = tmp_path / "spellings.yaml"
    path.write_text("spellings:\n  เวอร์ชัน: [เวอชั่น]\nrelated:\n  เวอร์ชัน: [ฉบับ]\n", encoding="utf-8")
    assert read_spellings(path) == {"เวอชั่น": "เวอร์ชัน"} and read_related(path) == {"เวอร์ชัน": ("ฉบับ",)}
