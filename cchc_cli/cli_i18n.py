"""Vietnamese for the parts of `--help` and usage errors that Typer writes in English.

Typer (which vendors click since 0.29) has no translation catalogue, so this module:
- sets the panel titles and fixed strings of `typer.rich_utils`;
- gives the app command classes (`cls=`) whose help option, usage line and parse errors
  speak Vietnamese.
It touches Typer's semi-private names only here; `tests/test_cli_i18n.py` fails loudly if a
Typer upgrade moves them.
"""

from __future__ import annotations

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
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^'?(.*?)'? is not one of (.*)\.$"), "“{0}” không phải một trong: {1}."),
    (re.compile(r"^Value '?(.*?)'? is not a valid (\w+)\.$"), "“{0}” không phải {1} hợp lệ."),
    (re.compile(r"^'?(.*?)'? is not a valid (\w+)\.$"), "“{0}” không phải {1} hợp lệ."),
    (re.compile(r"^No such command '(.*)'\.$"), "Không có lệnh “{0}”."),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), "Thừa đối số: {0}."),
    (re.compile(r"^Option '(.*)' requires an argument\.$"), "Tuỳ chọn “{0}” cần một giá trị."),
]
_USAGE_WORDS = [
    ("Usage:", "Cách dùng:"),
    ("[OPTIONS]", "[TUỲ CHỌN]"),
    ("COMMAND", "LỆNH"),
    ("[ARGS]", "[ĐỐI SỐ]"),
]
_TYPE_NAMES = {"integer": "số nguyên", "float": "số", "boolean": "đúng/sai", "path": "đường dẫn"}


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
        if match := pattern.match(message):
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
        return f"Thiếu {_param_hint(error)}."
    if isinstance(error, exc.BadParameter):
        hint = _param_hint(error)
        where = f" cho “{hint}”" if hint else ""
        return f"Giá trị không hợp lệ{where}: {translate(error.message)}"
    return translate(error.message)


def _translated(error: _click.exceptions.UsageError) -> _click.exceptions.UsageError:
    install()
    translated = _click.exceptions.UsageError(_vietnamese(error), error.ctx)
    translated.exit_code = error.exit_code
    return translated


class _Vietnamese:
    """Mixin: Vietnamese help option text, usage prefix and parse errors."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        install()
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
