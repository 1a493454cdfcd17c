"""The value types every model shares, and `Model`, the base of every model.

Dates are written ``dd/mm/yyyy`` or ``yyyy-mm-dd``; codes are lower-case ASCII; text is never
blank; numbers are strict (YAML's `true` is not 1); years are 1900-2200.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

CODE_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TASK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
CRITERION_ID_PATTERN = r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$"
YEARS_PATTERN = r"^[0-9]{4}(\s*-\s*[0-9]{4})?$"
PERIOD_PATTERN = r"^[0-9]{4}(-Q[1-4])?$"
# Digits are ASCII: full-width (２０２４) or Arabic-Indic (٢٠٢٤) ones are a typing accident.
_DMY = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_ISO = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$")


def parse_date(value: Any) -> Any:
    """Accept a date, ``dd/mm/yyyy`` or ``yyyy-mm-dd``; leave anything else to pydantic."""
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        try:  # yyyy-mm-dd exactly (what the parse cache keeps): the C parser, first
            if value.isascii():
                return date.fromisoformat(value)
        except ValueError:
            pass  # the rule below gives the reason
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if match := _DMY.match(value):
            day, month, year = (int(g) for g in match.groups())
        elif match := _ISO.match(value):
            year, month, day = (int(g) for g in match.groups())
        else:
            raise ValueError("date format")
        return date(year, month, day)  # ValueError for 30/02 etc.
    return value


def year_span(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def period_key(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip().upper()
    return value


def year_or_text(pattern: str, description: str, examples: list[Any]) -> WithJsonSchema:
    """Schema of a value written as a bare year (2024) or as text matching `pattern`.

    The model keeps it as text (see `year_span`, `period_key`); editors must accept both.
    """
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": pattern},
            ],
            "description": description,
            "examples": examples,
        }
    )


VnDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$",
            "description": "Ngày, viết dd/mm/yyyy (15/12/2024) hoặc yyyy-mm-dd (2024-12-15).",
            "examples": ["15/12/2024", "2024-12-15"],
        }
    ),
]
Code = Annotated[str, Field(pattern=CODE_PATTERN, examples=["van-phong"])]
# A PAR INDEX criterion as its set numbers it ("1", "1.1", "1.1.2"). A bare whole number is
# taken as text; "1.1" must be quoted, or YAML reads the number 1.1 (and "1.10" as 1.1).
CriterionId = Annotated[
    str,
    BeforeValidator(year_span),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": CRITERION_ID_PATTERN},
            ],
            "description": 'Số thứ tự tiêu chí như trong bộ tiêu chí, trong dấu nháy kép: "1.1.2".',
            "examples": ["1.1.2"],
        }
    ),
    Field(pattern=CRITERION_ID_PATTERN),
]


def _not_blank(value: str) -> str:
    """Refuse text made only of spaces and invisible characters (zero-width spaces, word
    joiners, BOMs: Unicode's format characters), which reads as empty. Stops at the first
    visible character."""
    if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value):
        raise PydanticCustomError("blank_text", "text is blank")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]
# Numbers are strict: YAML's `true` must not count as 1, nor a quoted "50" pass unnoticed.
Int = Annotated[int, Field(strict=True)]
Number = Annotated[float, Field(strict=True)]
Year = Annotated[int, Field(strict=True, ge=1900, le=2200)]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=False, allow_inf_nan=False
    )
