"""Enums whose value is the Vietnamese label and whose name gives the stable JSON key."""

from __future__ import annotations

from enum import Enum


class LabelledEnum(Enum):
    """``member.label`` is shown to users; ``member.key`` (e.g. ``"done_on_time"``) is for JSON."""

    @property
    def label(self) -> str:
        return str(self.value)

    @property
    def key(self) -> str:
        return self.name.lower()
