"""YAML that refuses a key written twice in one mapping.

PyYAML keeps the last of two equal keys without a word, so a second ``ดอลลาร์:`` line in
``spellings.yaml`` silently dropped the first line's variants ("ดอลล์" was no longer read as
"ดอลลาร์"), and a term with two ``aliases:`` keeps only one list. Files that people edit by
hand are read with :class:`UniqueKeyLoader`, which names the key and its line instead.
"""

from __future__ import annotations

from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]


class UniqueKeyLoader(yaml.SafeLoader):  # type: ignore[misc,unused-ignore]
    """A safe loader that raises :class:`yaml.constructor.ConstructorError` on a repeated mapping key."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The mapping of ``node``, after checking that no key occurs twice in it."""
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"found the key {key!r} twice (first on line {seen[key] + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def load_unique(text: str) -> Any:
    """``text`` parsed as YAML (safe), refusing a key written twice in one mapping."""
    return yaml.load(text, Loader=UniqueKeyLoader)  # a SafeLoader subclass
