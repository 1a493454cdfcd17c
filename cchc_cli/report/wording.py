"""How a report words things, as officials write them. Pure string functions.

Numbers and dates come from `cchc_cli.text_vi`: ``96,15%`` (no space before ``%``), dates as
``ngày 15/01/2024`` in running text and ``15/01/2024`` in tables. Spelling follows Nghị định
30/2020's own text (``hóa``, ``hòa``).
"""

from __future__ import annotations

import re
from datetime import date

from cchc_cli.text_vi import dmy, number

RANK = "hạng"
# "Every year" / "every quarter" at either end of a title is dropped once the occurrence is
# named ("… năm 2024"): "Hằng năm rà soát …" reads "Rà soát … năm 2024", "Báo cáo … hằng
# quý" reads "Báo cáo … quý I năm 2024".
_LEADING = re.compile(r"^(hằng|hàng)\s+(năm|quý)\s*,?\s+|^định\s+kỳ\s*,?\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s+(hằng|hàng)\s+(năm|quý)$", re.IGNORECASE)


def one_line(text: str | None) -> str:
    """Text on one line: line breaks and runs of spaces become single spaces."""
    return " ".join((text or "").split())


def sentence(text: str) -> str:
    """`text` on one line, ending with a full stop (or its own ``.``, ``!``, ``?``)."""
    text = one_line(text).rstrip(" ;,:")
    return text if text.endswith((".", "!", "?")) else f"{text}."


def lower_first(text: str) -> str:
    """`text` with its first letter in lower case, unless the first word is an acronym
    (``UBND``, ``PAR``) or a single capital: ``Rà soát`` → ``rà soát``."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[1:] == word[1:].lower() and word[0].isupper():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# A title that opens with one of these verbs says its own action: "Đang triển khai triển
# khai …", "Đang triển khai chủ trì …" or "Đã hoàn thành tổ chức …" would not be Vietnamese,
# so the sentence takes the title's verb: "Đang chủ trì, phối hợp …", "Đã tổ chức …".
_OWN_VERB = re.compile(
    r"^(triển khai|thực hiện|chủ trì|phối hợp|tổ chức|tham mưu|tiếp tục|duy trì|hoàn thành|"
    r"theo dõi|quán triệt|hướng dẫn|đôn đốc)\b",
    re.IGNORECASE,
)


def under_way(name: str) -> str:
    """``Đang triển khai rà soát …``; ``Đang tổ chức …`` for a title with its own verb;
    ``Đang tiến hành …`` for one that says "triển khai" further on."""
    lowered = lower_first(name)
    if _OWN_VERB.match(lowered):
        return f"Đang {lowered}"
    return f"Đang {'tiến hành' if 'triển khai' in lowered else 'triển khai'} {lowered}"


_STEADY = re.compile(r"^(thường xuyên|tiếp tục|duy trì|định kỳ)\b", re.IGNORECASE)


def steadily(name: str) -> str:
    """A standing duty as a result of the period: ``Thường xuyên tuyên truyền …``; a title
    that already says so (``Duy trì …``, ``Tiếp tục …``) as it is. "Tiếp tục" is left to
    the way ahead (section IV), so the two sections do not repeat each other."""
    lowered = lower_first(name)
    return upper_first(lowered) if _STEADY.match(lowered) else f"Thường xuyên {lowered}"


def completed(name: str) -> str:
    """``Đã hoàn thành rà soát …``; ``Đã tổ chức …`` for a title with its own verb."""
    lowered = lower_first(name)
    return f"Đã {lowered}" if _OWN_VERB.match(lowered) else f"Đã hoàn thành {lowered}"


def task_name(title: str, label: str) -> str:
    """A task's title with its occurrence: ``Rà soát … năm 2024``."""
    title = one_line(title).rstrip(".;")
    if not label:
        return title
    stripped = _TRAILING.sub("", _LEADING.sub("", title))
    head, _, last = stripped.rpartition(" ")
    if head and last.lower() == label.split(" ", 1)[0]:  # "Kế hoạch … năm" + "năm 2024"
        stripped = head
    return f"{upper_first(stripped)} {label}"


def day(value: date) -> str:
    """A date in running text: ``ngày 15/01/2024``."""
    return f"ngày {dmy(value)}"


def percent_text(value: float, digits: int = 2) -> str:
    """``96,15%``: the decimal comma and no space before the sign."""
    return f"{number(value, digits)}%"


def share(part: int, whole: int) -> str:
    """``66,7%`` of `whole`; empty when `whole` is 0."""
    return percent_text(part * 100 / whole, 1) if whole else ""


def quantity(value: float, unit: str, digits: int = 2, out_of: int | None = None) -> str:
    """A value with its unit: ``96,15%``, ``thứ 5/20``, ``88,9 điểm``."""
    if unit == RANK:
        return f"thứ {number(value, digits)}" + (f"/{out_of}" if out_of else "")
    if unit == "%":
        return percent_text(value, digits)
    return f"{number(value, digits)} {unit}"


_TARGET_WORDS = {
    ">": "trên",
    ">=": "từ {} trở lên",
    "≥": "từ {} trở lên",
    "<": "dưới",
    "<=": "không quá",
    "≤": "không quá",
}


def target_words(op: str, value: float, unit: str) -> str:
    """A target in words: ``trên 95%``, ``trong tốp 8``, ``từ 80 điểm trở lên``."""
    if unit == RANK:
        if op in ("<=", "≤"):
            return f"trong tốp {number(value)}"
        if op == "<":
            return f"trong tốp {number(value - 1)}"
        return f"xếp từ thứ {number(value)} trở xuống"
    amount = percent_text(value) if unit == "%" else f"{number(value)} {unit}"
    words = _TARGET_WORDS.get(op, op)
    return words.format(amount) if "{}" in words else f"{words} {amount}"


def change_words(value: float, previous: float, unit: str) -> str:
    """The change from last year: ``tăng 5 bậc`` (a rank 10 → 5), ``giảm 1,2 điểm phần
    trăm``, ``không thay đổi``."""
    if value == previous:
        return "giữ nguyên thứ hạng" if unit == RANK else "không thay đổi"
    if unit == RANK:
        steps = number(abs(previous - value))
        return f"tăng {steps} bậc" if value < previous else f"giảm {steps} bậc"
    amount = number(abs(value - previous))
    what = "điểm phần trăm" if unit == "%" else unit
    return f"{'tăng' if value > previous else 'giảm'} {amount} {what}"
