"""Text typed by the user for a data file: one line, NFC, not empty."""

from __future__ import annotations

import unicodedata

from cchc_cli.errors import UsageError


def clean_text(value: str, field: str) -> str:
    """`value` stripped and in NFC; `UsageError` (naming `field`) when it is empty or holds a
    control character, a line break or a character that is not text."""
    text = unicodedata.normalize("NFC", value.strip())
    if not text:
        raise UsageError("Giá trị không được để trống.", field=field)
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") and char != "\t":
            raise UsageError(
                f"Giá trị có ký tự điều khiển hoặc xuống dòng (U+{ord(char):04X}).",
                "Ghi trên một dòng; muốn xuống dòng thì sửa trực tiếp trong tệp.",
                field=field,
            )
    return text
