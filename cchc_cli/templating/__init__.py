"""The one Jinja environment factory: strict, sandboxed, autoescaped for HTML only.

Report templates (`cchc_cli.report`), the dashboard page (`cchc_cli.status.html`) and the
`cchc init` scaffold (`cchc_cli.init`) are all rendered by environments made here. jinja2 is
imported only when one is made.

- `cchc_cli.templating.files`: where templates come from (the data repository's
  ``templates/`` folder, else the built-in one), and the Jinja loader of that lookup;
- `cchc_cli.templating.errors`: a template error in Vietnamese, with its file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from cchc_cli.text_vi import printable

if TYPE_CHECKING:
    from jinja2 import BaseLoader
    from jinja2.sandbox import SandboxedEnvironment

HTML_EXTENSIONS = ("html", "htm", "html.j2")


def environment(
    loader: BaseLoader | None = None,
    *,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals: Mapping[str, Any] | None = None,
    trim_blocks: bool = True,
) -> SandboxedEnvironment:
    """A sandboxed environment with `StrictUndefined`: a name a template gets wrong is an
    error, never a blank. HTML templates (by file name) are autoescaped, other text is not.
    Every value a template prints has its control characters escaped (`printable`).

    `trim_blocks` also strips the indentation before a block tag (``lstrip_blocks``), so
    ``{% if %}`` lines leave no blank lines in Markdown.
    """
    from jinja2 import StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=HTML_EXTENSIONS, default_for_string=False, default=False
        ),
        trim_blocks=trim_blocks,
        lstrip_blocks=trim_blocks,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env


def _finalize(value: Any) -> Any:
    """What ``{{ value }}`` prints: text with its control characters escaped."""
    return printable(value) if isinstance(value, str) else value
