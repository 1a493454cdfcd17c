"""Vietnamese for the parts of `--help` and usage errors that Typer writes in English.

Typer (which vendors click since 0.29) has no translation catalogue, so this module:
- sets the panel titles and fixed strings of `typer.rich_utils`;
- gives the app command classes (`cls=`) whose help option, usage line and parse errors
  speak Vietnamese.
- shows each option's value in Vietnamese in `--help` (``ĐƯỜNG_DẪN``, ``SỐ``, ``CHỮ``, no
  ``<bool>`` on flags) instead of Typer's ``<path>``, ``<int>``, ``<str>``;
- turns Typer's type errors (pydantic's "Input should be a valid integer …") into
  “abc” không phải số nguyên.
It touches Typer's semi-private names only here; `tests/test_cli_i18n.py` fails loudly if a
Typer upgrade moves them.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from typer import _click
from typer.core import TyperCommand, TyperGroup

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
_PANEL_STRINGS = {
    "ARGUMENTS_PANEL_TITLE": "Đối số",
    "OPTIONS_PANEL_TITLE": "Tuỳ chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "DEFAULT_STRING": "[mặc định: {}]",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
    "DEPRECATED_STRING": "(không dùng nữa) ",
    "ABORTED_TEXT": "Đã huỷ.",
    "RICH_HELP": "Gõ [blue]'{command_path} {help_option}'[/] để xem hướng dẫn.",
}
# Patterns as text: `re` compiles one only when a message needs it (3 ms of every start).
_MESSAGES: list[tuple[str, str]] = [
    (r"^'?(.*?)'? is not one of (.*)\.$", "“{0}” không phải một trong: {1}."),
    (r"^Value '?(.*?)'? is not a valid (\w+)\.$", "“{0}” không phải {1} hợp lệ."),
    (r"^'?(.*?)'? is not a valid (\w+)\.$", "“{0}” không phải {1} hợp lệ."),
    (r"^No such command '(.*)'\.$", "Không có lệnh “{0}”."),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", "Thừa đối số: {0}."),
    (r"^Option '(.*)' requires an argument\.$", "Tuỳ chọn “{0}” cần một giá trị."),
    (r"^Option '(.*)' requires (\d+) arguments\.$", "Tuỳ chọn “{0}” cần {1} giá trị."),
    (r"^Option '(.*)' does not take a value\.$", "Tuỳ chọn “{0}” không nhận giá trị."),
    (r"^Argument '(.*)' takes (\d+) values\.$", "Đối số “{0}” cần {1} giá trị."),
    (r"^Input should be a valid (\w+)\b.*$", "Giá trị không phải {0} hợp lệ."),
    (r"^Input is not a valid (\w+)\b.*$", "Giá trị không phải {0} hợp lệ."),
    (r"^Value must be an iterable\.$", "Giá trị phải là một danh sách."),
    (r"^(?:path|file|dir) '(.*)' does not exist\.$", "“{0}” không tồn tại."),
    (r"^(?:path|file|dir) '(.*)' is a file\.$", "“{0}” là một tệp, cần thư mục."),
    (r"^(?:path|file|dir) '(.*)' is a directory\.$", "“{0}” là thư mục, cần tệp."),
    (r"^(?:path|file|dir) '(.*)' is not readable\.$", "Không đọc được “{0}”."),
    (r"^(?:path|file|dir) '(.*)' is not writable\.$", "Không ghi được vào “{0}”."),
]
_USAGE_WORDS = [
    ("Usage:", "Cách dùng:"),
    ("[OPTIONS]", "[TUỲ CHỌN]"),
    ("COMMAND", "LỆNH"),
    ("[ARGS]", "[ĐỐI SỐ]"),
]
_TYPE_NAMES = {
    "integer": "số nguyên",
    "int": "số nguyên",
    "float": "số",
    "number": "số",
    "boolean": "đúng/sai",
    "bool": "đúng/sai",
    "path": "đường dẫn",
    "date": "ngày",
    "datetime": "ngày giờ",
    "string": "chữ",
    "str": "chữ",
}
# pydantic's error types (the "type" of `ValidationError.errors()`), as what the value is not.
_PYDANTIC_KINDS = {
    "int": "số nguyên",
    "float": "số",
    "finite_number": "số",
    "decimal": "số",
    "bool": "đúng/sai (true hoặc false)",
    "date": "ngày hợp lệ",
    "datetime": "ngày giờ hợp lệ",
    "time": "giờ hợp lệ",
    "path": "đường dẫn hợp lệ",
    "uuid": "mã UUID hợp lệ",
    "string": "chữ",
}
# How a value is shown in `--help`, by Typer's type label (the text inside ``<...>``).
_VALUE_WORDS = {
    "int": "SỐ",
    "float": "SỐ",
    "int range": "SỐ",
    "float range": "SỐ",
    "str": "CHỮ",
    "bool": "ĐÚNG/SAI",
    "path": "ĐƯỜNG_DẪN",
    "Path": "ĐƯỜNG_DẪN",
    "PosixPath": "ĐƯỜNG_DẪN",
    "WindowsPath": "ĐƯỜNG_DẪN",
    "file": "TỆP",
    "dir": "THƯ_MỤC",
    "datetime": "NGÀY_GIỜ",
    "date": "NGÀY",
    "UUID": "MÃ_UUID",
}
OTHER_VALUE_WORD = "GIÁ_TRỊ"


def install() -> None:
    """Put the Vietnamese fixed strings into Typer's rich help renderer.

    Called only when help or an error is about to be shown: importing the renderer loads
    rich, which `cchc --version` should not pay for.
    """
    from typer import rich_utils

    for name, text in _PANEL_STRINGS.items():
        setattr(rich_utils, name, text)


def translate(message: str) -> str:
    """A click message in Vietnamese, or the message unchanged when it is not known."""
    message = message.strip().removeprefix("Value error, ")
    for pattern, template in _MESSAGES:
        if match := re.match(pattern, message):
            groups = [_TYPE_NAMES.get(g, g).replace("'", "") for g in match.groups()]
            return template.format(*groups)
    return message


def _unquote(value: object) -> str:
    return str(value).replace("'", "")


def _param_hint(error: _click.exceptions.BadParameter) -> str:
    """The option or argument an error is about, e.g. ``--format/-f``."""
    hint: object = error.param_hint
    if hint is None and error.param is not None:
        hint = "/".join(getattr(error.param, "opts", None) or [str(error.param.name)])
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(str(h) for h in hint)
    return _unquote(hint) if hint else ""


def _vietnamese(error: _click.exceptions.UsageError) -> str:
    exc = _click.exceptions
    if isinstance(error, exc.NoSuchOption):
        text = f"Không có tuỳ chọn “{error.option_name}”."
        if error.possibilities:
            text += " Có phải ý bạn là: " + ", ".join(sorted(error.possibilities)) + "?"
        return text
    if isinstance(error, exc.MissingParameter):
        return _missing(error)
    if isinstance(error, exc.BadParameter):
        hint = _param_hint(error)
        where = f" cho “{hint}”" if hint else ""
        return (
            f"Giá trị không hợp lệ{where}: {_coercion_message(error) or translate(error.message)}"
        )
    return translate(error.message)


def _missing(error: _click.exceptions.MissingParameter) -> str:
    """``Thiếu đối số THƯ_MỤC.`` or ``Thiếu tuỳ chọn --year.``: named as `--help` shows it."""
    param = error.param
    if param is None:
        return f"Thiếu {_param_hint(error)}."
    if param.param_type_name == "argument":
        name = param.metavar or (param.name or "").upper()
        return f"Thiếu đối số {name}."
    opts = [o for o in (*param.opts, *getattr(param, "secondary_opts", ())) if o.startswith("-")]
    return f"Thiếu tuỳ chọn {' / '.join(opts) or param.name}."


def _coercion_message(error: _click.exceptions.BadParameter) -> str | None:
    """“abc” không phải số nguyên., from the pydantic error Typer's coercion raised from."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if not callable(errors):
        return None
    try:
        first = errors()[0]
        kind = str(first["type"])
        value = first.get("input")
    except (KeyError, IndexError, TypeError, AttributeError):  # another shape: fall back
        return None
    words = next((w for k, w in _PYDANTIC_KINDS.items() if kind.startswith(k)), None)
    if words is None or not isinstance(value, str):
        return None
    return f"“{value}” không phải {words}."


def _translated(error: _click.exceptions.UsageError) -> _click.exceptions.UsageError:
    install()
    from cchc_cli.text_vi import printable

    translated = _click.exceptions.UsageError(printable(_vietnamese(error)), error.ctx)
    translated.exit_code = error.exit_code
    return translated


def _value_word(param: Any, ctx: Any) -> str | None:
    """The value column of `--help` for `param`, in Vietnamese; None to show nothing.

    Flags take no value; an argument already shows its name (its metavar, e.g. THƯ_MỤC);
    an option with a metavar shows it. Otherwise Typer's ``<int>`` becomes ``SỐ``,
    ``<path>`` ``ĐƯỜNG_DẪN``, ``<list[Path]>`` ``ĐƯỜNG_DẪN...``; choices stay ``a|b|c``.
    """
    is_argument = param.param_type_name == "argument"
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar is not None:
        return None if is_argument else str(param.metavar)
    label = str(type(param).display_type(param, ctx)).removeprefix("<").removesuffix(">")
    many = param.nargs != 1 or getattr(param, "multiple", False)
    if label.startswith("list[") and label.endswith("]"):
        label, many = label[5:-1], True
    if "|" in label:  # choices: the values themselves
        word = label
    else:
        word = ",".join(_VALUE_WORDS.get(part, OTHER_VALUE_WORD) for part in label.split(","))
    return word + "..." if many and not is_argument else word


def _localise_value_column(param: Any) -> None:
    if "display_type_rich" not in vars(param):
        param.display_type_rich = lambda ctx: _value_word(param, ctx)


def reflowed(text: str) -> str:
    """A docstring's paragraphs each on one line, so that the terminal wraps them: Typer 0.29
    keeps the single line breaks of every paragraph but the first, which then wrap twice
    ("… tổng⏎hợp …") at any width but the source's."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) if "\b" not in p else p for p in paragraphs)


class _Vietnamese:
    """Mixin: Vietnamese help option text, usage prefix, value column and parse errors."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            _localise_value_column(param)
        return params

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        install()
        help_text = getattr(self, "help", None)
        if help_text:
            setattr(self, "help", reflowed(help_text))  # noqa: B010 (a Command's attribute)
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_usage(self, ctx: Any) -> str:
        usage: str = super().get_usage(ctx)  # type: ignore[misc]
        for english, vietnamese in _USAGE_WORDS:
            usage = usage.replace(english, vietnamese, 1)
        return usage

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except _click.exceptions.UsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                raise
            raise _translated(error) from None


class VietnameseGroup(_Vietnamese, TyperGroup):
    """The app's group class."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _click.exceptions.UsageError as error:
            raise _translated(error) from None


class VietnameseCommand(_Vietnamese, TyperCommand):
    """Each command's class."""
