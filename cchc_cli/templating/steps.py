"""A step budget for template code: loops over any iterable end, not only ``range()``.

The sandbox bounds what a template builds (sizes, widths, output) and the ``range()`` it
asks for, but ``{% for c in s %}{% for d in s %}`` over a long string or list builds
nothing and asks for no range, and would run for hours. While a document is rendered,
`watched` counts the lines that template code runs (a Python trace function that follows
only frames compiled from templates that are not cchc's own: not the built-in templates, not
cchc's or the libraries' Python code), and raises the
given error inside the template once it has run `MAX_STEPS` lines or `MAX_SECONDS`
seconds, so the error names the template line. Tracing is per thread, and the trace
function that was there before (a coverage tool, a debugger) is put back afterwards.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from cchc_cli.templating.files import builtin_dir

MAX_STEPS = 20_000_000  # lines of template code; a 50 000-task report runs about a tenth
MAX_SECONDS = 20.0
_CHECK_CLOCK_EVERY = 100_000


def is_untrusted_code(frame: FrameType, trusted: str) -> bool:
    """Whether `frame` runs a template's code (Jinja executes a compiled template in a
    namespace of its own: ``environment`` and ``__file__``, no ``__name__`` as every Python
    module has, whatever the template's file is called) that is not one of the built-in
    templates in the folder `trusted`."""
    names = frame.f_globals
    if "__name__" in names or "environment" not in names:
        return False
    return not frame.f_code.co_filename.startswith(trusted)


_WATCHING = threading.local()


@contextmanager
def watched(too_much: Callable[[str], Exception]) -> Iterator[None]:
    """Run the block with template code bounded (see the module); `too_much(what)` makes
    the error to raise. Inside a block already watched on this thread (a macro's output
    joined while the document renders) nothing changes: one budget per document."""
    if getattr(_WATCHING, "on", False):
        yield
        return
    left = MAX_STEPS
    deadline = time.monotonic() + MAX_SECONDS
    next_check = max(MAX_STEPS - _CHECK_CLOCK_EVERY, 0)

    def on_line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal left, next_check
        if event == "line":
            left -= 1
            if left <= next_check:
                next_check = max(next_check - _CHECK_CLOCK_EVERY, 0)
                if left <= 0:
                    raise too_much(
                        f"mẫu chạy quá nhiều bước (giới hạn {MAX_STEPS:,} dòng lệnh)".replace(
                            ",", "."
                        )
                    )
                if time.monotonic() > deadline:
                    raise too_much(f"mẫu chạy quá lâu (giới hạn {MAX_SECONDS:g} giây)")
        return on_line

    trusted = str(builtin_dir())

    def on_call(frame: FrameType, event: str, arg: Any) -> Any:
        return on_line if is_untrusted_code(frame, trusted) else None

    before = sys.gettrace()
    _WATCHING.on = True
    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(before)
        _WATCHING.on = False
