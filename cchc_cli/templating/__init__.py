"""The one Jinja environment factory: strict, sandboxed, bounded, autoescaped for HTML only.

Report templates (`cchc_cli.report`), the dashboard page (`cchc_cli.status.html`) and the
`cchc init` scaffold (`cchc_cli.init`) are all rendered by environments made here. jinja2 is
imported only when one is made.

- `cchc_cli.templating.files`: where templates come from (the data repository's
  ``templates/`` folder, else the built-in one), and the Jinja loader of that lookup;
- `cchc_cli.templating.errors`: a template error in Vietnamese, with its file and line.

A report template may come from a data repository, so it is untrusted code. Three walls:

1. **Plain data.** Callers give templates dicts, lists, strings, numbers and dates built for
   the template, never model objects (`cchc_cli.report.model.template_context`).
2. **An attribute policy.** On top of Jinja's sandbox (no ``_`` attributes, no mutation of
   lists and dicts), attributes starting with ``parse_``, ``model_``, ``construct`` or
   ``copy`` are refused: those are the doors of pydantic models to pickle and the file system.
3. **A work budget**, so that a template cannot hang or exhaust memory: each ``range()`` holds
   at most `MAX_RANGE` numbers and all of an environment's ranges together `RANGE_BUDGET`;
   a string or list that an operator, filter or call builds holds at most `MAX_TEXT`
   characters or items; a width (``center``, ``"%9s"``, ``"{:>9}"``…) is at most
   `MAX_WIDTH`; everything an environment prints is at most `MAX_OUTPUT` characters. Going
   over is a `TemplateLimitError` (a Jinja `SecurityError`) with a Vietnamese message, raised
   inside the template's code, so the caller can name the template line.

An environment's budget is spent over its lifetime: make one environment per document.
"""

from __future__ import annotations

import re
import string
import types
from collections.abc import Callable, Mapping, Sized
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from cchc_cli.text_vi import printable

if TYPE_CHECKING:
    from jinja2 import BaseLoader
    from jinja2.sandbox import SandboxedEnvironment

HTML_EXTENSIONS = ("html", "htm", "html.j2")
REFUSED_PREFIXES = ("_", "parse_", "model_", "construct", "copy")
MAX_RANGE = 100_000
RANGE_BUDGET = 1_000_000
MAX_TEXT = 4_000_000
MAX_WIDTH = 10_000
MAX_OUTPUT = 64_000_000
MAX_POWER = 1_000
MAX_POWER_BITS = 100_000  # 10**30000: a power's result, however it is chained
_PAD_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_PERCENT_WIDTHS = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def environment(
    loader: BaseLoader | None = None,
    *,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals: Mapping[str, Any] | None = None,
    trim_blocks: bool = True,
) -> SandboxedEnvironment:
    """A sandboxed, bounded environment with `StrictUndefined`: a name a template gets wrong
    is an error, never a blank. HTML templates (by file name) are autoescaped, other text is
    not. Every value a template prints has its control characters escaped (`printable`).

    `trim_blocks` also strips the indentation before a block tag (``lstrip_blocks``), so
    ``{% if %}`` lines leave no blank lines in Markdown.
    """
    from jinja2 import StrictUndefined, select_autoescape

    env: SandboxedEnvironment = _bounded_class()(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=HTML_EXTENSIONS, default_for_string=False, default=False
        ),
        trim_blocks=trim_blocks,
        lstrip_blocks=trim_blocks,
        keep_trailing_newline=True,
    )
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env


def is_limit_error(exc: BaseException) -> bool:
    """Whether `exc` is a `TemplateLimitError`: its message is Vietnamese, shown as it is."""
    return isinstance(exc, _error_class())


# --- the bounded sandbox, built on first use (jinja2 is imported only then) ---------------

_CLASSES: dict[str, Any] = {}


def _error_class() -> type[Exception]:
    if "error" not in _CLASSES:
        from jinja2.exceptions import SecurityError

        class TemplateLimitError(SecurityError):
            """A template went over the work budget or touched a refused attribute."""

        _CLASSES["error"] = TemplateLimitError
    found: type[Exception] = _CLASSES["error"]
    return found


def _bounded_class() -> Any:
    if "env" not in _CLASSES:
        _CLASSES["env"] = _make_bounded_class()
    return _CLASSES["env"]


def _too_big_an_int(operator: str, left: Any, right: Any) -> str | None:
    """Why an integer ``*`` or ``**`` is refused: its result would pass `MAX_POWER_BITS`
    (squaring in a loop, or a power of a power, is one long C call the step budget cannot
    stop). None when it may be computed."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return None
    if operator == "*" and left.bit_length() + right.bit_length() > MAX_POWER_BITS:
        return f"kết quả của phép nhân quá lớn (giới hạn {MAX_POWER_BITS} bit)"
    if operator == "**" and right > 0 and left.bit_length() * right > MAX_POWER_BITS:
        return f"kết quả của phép lũy thừa quá lớn (giới hạn {MAX_POWER_BITS} bit)"
    return None


def _make_bounded_class() -> Any:
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from jinja2.utils import Namespace

    error = _error_class()

    def too_long(what: str) -> Exception:
        return error(f"{what} quá dài (giới hạn {MAX_TEXT:,} ký tự hoặc phần tử)".replace(",", "."))

    def check_size(value: Any, what: str = "giá trị tạo ra") -> Any:
        if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
            raise too_long(what)
        return value

    def check_width(value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
            raise error(f"độ rộng {value} quá lớn (giới hạn {MAX_WIDTH})")
        if isinstance(value, str) and len(value) > MAX_WIDTH:
            raise error(f"độ rộng quá lớn (giới hạn {MAX_WIDTH} ký tự)")

    def check_percent_format(text: str) -> None:
        for match in _PERCENT_WIDTHS.finditer(text):
            for part in match.groups():
                if part == "*":
                    raise error("không dùng được độ rộng “*” trong mẫu định dạng")
                if part is not None:
                    check_width(int(part))

    def check_brace_format(text: str) -> None:
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError:
            return  # Python reports the malformed format itself
        for _literal, _field, spec, _conversion in parsed:
            if spec and "{" in spec:
                raise error("không dùng được độ rộng lồng “{…}” trong mẫu định dạng")
            if spec:
                for digits in re.findall(r"\d+", spec):
                    check_width(int(digits))

    def check_binop(operator: str, left: Any, right: Any) -> None:
        """Refuse ``*``, ``**``, ``%`` and ``+`` whose result would be too large to build."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(times, int)
                    and len(seq) * max(times, 0) > MAX_TEXT
                ):
                    raise too_long("chuỗi nhân lặp")
        elif operator == "**":
            numbers = (int, float)
            if (
                isinstance(left, numbers)
                and isinstance(right, numbers)
                and abs(right) > MAX_POWER
                and abs(left) > 1
            ):
                raise error(f"số mũ {right} quá lớn (giới hạn {MAX_POWER})")
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left)
        elif (
            operator == "+"
            and isinstance(left, (str, list, tuple))
            and isinstance(right, Sized)
            and len(left) + len(right) > MAX_TEXT
        ):
            raise too_long("chuỗi ghép")
        if (why := _too_big_an_int(operator, left, right)) is not None:
            raise error(why)

    def too_much_output() -> Exception:
        return error(f"mẫu in ra quá nhiều (giới hạn {MAX_OUTPUT:,} ký tự)".replace(",", "."))

    class BoundedNamespace(Namespace):
        """``namespace()`` whose values obey `MAX_TEXT` (a loop cannot double a string)."""

        def __setitem__(self, name: str, value: Any) -> None:
            super().__setitem__(name, check_size(value))

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%", "+"})

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, finalize=self._finalize, **kwargs)
            self.range_left = RANGE_BUDGET
            self.output_left = MAX_OUTPUT
            # Whether template code may come from a data repository: then it runs under the
            # step budget of `templating.steps`. Callers that know it cannot turn it off.
            self.untrusted = True
            self.globals["range"] = self._range
            self.globals["namespace"] = BoundedNamespace
            self.globals.pop("lipsum", None)  # lipsum(10**9) would write for ever
            for name, wrap in (
                ("center", self._width_filter),
                ("indent", self._width_filter),
                ("batch", self._width_filter),
                ("slice", self._width_filter),
                ("format", self._format_filter),
                ("replace", self._replace_filter),
            ):
                if name in self.filters:
                    self.filters[name] = wrap(self.filters[name])
            self.concat = self._bounded_join  # type: ignore[method-assign]

        # attributes -------------------------------------------------------------------
        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            if attr.startswith(REFUSED_PREFIXES):
                return False
            return bool(super().is_safe_attribute(obj, attr, value))

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            check_brace_format(value.__self__)
            return wrapped

        # work -------------------------------------------------------------------------
        def _range(self, *args: int) -> range:
            numbers = range(*args)
            if len(numbers) > MAX_RANGE:
                raise error(f"range() có {len(numbers)} số, quá giới hạn {MAX_RANGE}")
            self.range_left -= len(numbers)
            if self.range_left < 0:
                raise error(
                    f"các vòng lặp range() quá nhiều (tổng cộng quá {RANGE_BUDGET} lần lặp)"
                )
            return numbers

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            check_binop(operator, left, right)
            return check_size(super().call_binop(context, operator, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            for value in (*args, *kwargs.values()):
                check_size(value, "đối số")
            if (
                isinstance(__obj, types.BuiltinMethodType)
                and isinstance(getattr(__obj, "__self__", None), str)
                and __obj.__name__ in _PAD_METHODS
            ):
                for value in (*args, *kwargs.values()):
                    check_width(value)
            if isinstance(__obj, types.BuiltinMethodType) and __obj.__name__ == "replace":
                _check_replace(getattr(__obj, "__self__", None), args)
            result = super().call(__context, __obj, *args, **kwargs)
            # A macro's output may be long (a whole section); its arguments were checked.
            return check_size(result) if isinstance(__obj, types.BuiltinMethodType) else result

        def _finalize(self, value: Any) -> Any:
            """What ``{{ value }}`` prints: text with its control characters escaped,
            counted against `MAX_OUTPUT`."""
            if isinstance(value, str):
                self._spend_output(len(value))
                return printable(value)
            return value

        def _spend_output(self, size: int) -> None:
            self.output_left -= size
            if self.output_left < 0:
                raise too_much_output()

        def _bounded_join(self, chunks: Any) -> str:
            """`str.join` that stops once the document passes `MAX_OUTPUT` characters
            (static text repeated by a loop is counted here), while the template code that
            makes the chunks runs under a step budget (`templating.steps`)."""
            from cchc_cli.templating.steps import watched

            kept: list[str] = []
            total = 0
            with watched(error) if self.untrusted else nullcontext():
                for chunk in chunks:
                    total += len(chunk)
                    if total > MAX_OUTPUT:
                        raise too_much_output()
                    kept.append(chunk)
            return "".join(kept)

        # filters ----------------------------------------------------------------------
        @staticmethod
        def _width_filter(function: Callable[..., Any]) -> Callable[..., Any]:
            def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
                for arg in (*args, *kwargs.values()):
                    check_width(arg)
                return check_size(function(value, *args, **kwargs))

            return bounded

        @staticmethod
        def _format_filter(function: Callable[..., Any]) -> Callable[..., Any]:
            def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
                check_percent_format(str(value))
                return check_size(function(value, *args, **kwargs))

            return bounded

        @staticmethod
        def _replace_filter(function: Callable[..., Any]) -> Callable[..., Any]:
            def bounded(eval_ctx: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
                _check_replace(str(value), args)
                return check_size(function(eval_ctx, value, *args, **kwargs))

            bounded.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
            return bounded

    def _check_replace(text: Any, args: tuple[Any, ...]) -> None:
        """Refuse a replacement whose result would be longer than `MAX_TEXT`."""
        if not isinstance(text, str) or len(args) < 2:
            return
        old, new = str(args[0]), str(args[1])
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * max(len(new) - len(old), 0) > MAX_TEXT:
            raise too_long("chuỗi sau khi thay thế")

    return BoundedSandbox
