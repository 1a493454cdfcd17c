"""The report templates by format. Where a template comes from (the data repository's
``templates/`` folder, else the built-in one) is `cchc_cli.templating.files`, re-exported
here for the report modules:

- ``report.md.j2``: Markdown;
- ``report.html.j2``: one self-contained printable HTML page (autoescaped);
- ``report.docx``: a Word file with docxtpl tags (see ``scripts/make_docx_template.py``).
"""

from __future__ import annotations

from cchc_cli.templating.files import (
    ENCODING,
    OVERRIDE_DIR,
    builtin_dir,
    check_override,
    check_override_dir,
    override_path,
    shown_template,
    template_file,
)

TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2", "docx": "report.docx"}
FORMATS = tuple(TEMPLATES)
DEFAULT_FORMAT = "md"

__all__ = [  # the lookup's names, for the report modules
    "DEFAULT_FORMAT",
    "ENCODING",
    "FORMATS",
    "OVERRIDE_DIR",
    "TEMPLATES",
    "builtin_dir",
    "check_override",
    "check_override_dir",
    "override_path",
    "shown_template",
    "template_file",
]
