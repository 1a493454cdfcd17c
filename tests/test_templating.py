"""The one Jinja factory: a sandbox that refuses the doors of model objects and bounds the work
a template can do, so a hostile or careless template ends quickly with a located error."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.templating import MAX_RANGE, environment, is_limit_error
from tests.conftest import TreeFactory


def render(source: str, **context: Any) -> str:
    return environment().from_string(source).render(**context)


def refused(source: str, **context: Any) -> BaseException:
    """The error `source` raises; it must come within two seconds."""
    started = time.monotonic()
    with pytest.raises(Exception) as caught:
        render(source, **context)
    assert time.monotonic() - started < 2
    return caught.value


# --- the attribute policy ------------------------------------------------------------------


@pytest.mark.parametrize(
    "attribute", ["parse_raw", "parse_file", "model_dump", "model_copy", "construct", "copy"]
)
def test_the_doors_of_pydantic_models_stay_shut(attribute: str) -> None:
    """Even if a model object reached a template, its parse_*/model_*/copy methods would not."""
    from jinja2.exceptions import SecurityError

    from cchc_cli.models.plan import Signer

    error = refused(f"{{{{ signer.{attribute} }}}}", signer=Signer(position="GĐ", name="A"))
    assert isinstance(error, SecurityError)
    assert attribute in str(error)


def test_lists_and_dicts_of_the_context_cannot_be_changed() -> None:
    from jinja2.exceptions import SecurityError

    assert isinstance(refused("{{ rows.append(1) }}", rows=[]), SecurityError)
    assert isinstance(refused("{{ header.update({'a': 1}) }}", header={}), SecurityError)


def test_plain_values_keep_their_harmless_methods() -> None:
    text = "{{ d.year }} {{ name.upper() }} {{ '%5s'|format('a') }} {{ '{:>3}'.format(1) }}"
    assert render(text, d=date(2024, 1, 2), name="sở") == "2024 SỞ     a   1"


# --- the work budget -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
            "vòng lặp range() quá nhiều",
        ),
        ("{% for i in range(10**6) %}{% endfor %}", f"quá giới hạn {MAX_RANGE}"),
        ("{{ 'a' * 10**10 }}", "chuỗi nhân lặp quá dài"),
        ("{{ [0] * 10**10 }}", "chuỗi nhân lặp quá dài"),
        ("{{ 10 ** (10 ** 10) }}", "số mũ"),
        ("{{ 'a'|center(10**9) }}", "độ rộng 1000000000 quá lớn"),
        ("{{ 'a'|indent(10**9) }}", "độ rộng 1000000000 quá lớn"),
        ("{{ 'a'.ljust(10**9) }}", "độ rộng 1000000000 quá lớn"),
        ("{{ '%10000000000s'|format('a') }}", "độ rộng 10000000000 quá lớn"),
        ("{{ '%10000000000s' % 'a' }}", "độ rộng 10000000000 quá lớn"),
        ("{{ '{:>10000000000}'.format('a') }}", "độ rộng 10000000000 quá lớn"),
        ("{{ [1]|batch(10**9, 'x')|list }}", "độ rộng 1000000000 quá lớn"),
        ("{{ ('a' * 1000)|replace('a', 'a' * 100000) }}", "chuỗi sau khi thay thế quá dài"),
        (
            "{% set ns = namespace(x='a') %}{% for i in range(60) %}"
            "{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
            "giá trị tạo ra quá dài",
        ),
        (
            "{% macro f(s, n) %}{{ f(s ~ s, n - 1) if n else s }}{% endmacro %}{{ f('a', 60) }}",
            "đối số quá dài",
        ),
        ("{% for i in range(100000) %}{{ 'a' * 1000000 }}{% endfor %}", "in ra quá nhiều"),
        ("{% for i in range(90000) %}" + "x" * 1000 + "{% endfor %}", "in ra quá nhiều"),
    ],
)
def test_a_template_cannot_run_for_ever_or_fill_the_memory(source: str, message: str) -> None:
    error = refused(source)
    assert is_limit_error(error), error
    assert message in str(error)


def test_lipsum_is_not_offered() -> None:
    from jinja2 import UndefinedError

    assert isinstance(refused("{{ lipsum(10**9) }}"), UndefinedError)


def test_ordinary_templates_are_not_hindered() -> None:
    source = (
        "{{ 'a' * 3 }}|{{ range(3)|list }}|{{ 2 ** 10 }}|{{ [1, 2, 3]|batch(2)|list }}|"
        "{{ 'x'|replace('x', 'yy') }}|{{ 'a' + 'b' }}|{{ 7 % 3 }}"
    )
    assert render(source) == "aaa|[0, 1, 2]|1024|[[1, 2], [3]]|yy|ab|1"


def test_the_budget_is_per_environment() -> None:
    """Each document gets a fresh environment, hence a fresh budget."""
    loop = "{% for i in range(100000) %}{% endfor %}"
    for _ in range(20):
        assert render(loop) == ""


def test_a_runaway_report_template_is_a_located_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    nested = "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}"
    repo = make_repo({"templates/report.md.j2": f"Dòng 1\nDòng 2\n{nested}\n"})
    started = time.monotonic()
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert (
        "Lỗi trong mẫu báo cáo “templates/report.md.j2”, dòng 3: các vòng lặp range() quá "
        "nhiều (tổng cộng quá 1000000 lần lặp)." in result.stderr
    )
    assert "Traceback" not in result.output


def test_a_huge_string_in_a_report_template_is_a_located_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo({"templates/report.md.j2": "Dòng 1\n{{ 'a' * 10**10 }}\n"})
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 1
    assert "“templates/report.md.j2”, dòng 2: chuỗi nhân lặp quá dài" in result.stderr


# --- the step budget: loops over anything ---------------------------------------------------


@pytest.fixture
def few_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A budget of 200 000 template lines, so that these tests run it out in well under a
    second (the real one is 100 times larger)."""
    from cchc_cli.templating import steps

    monkeypatch.setattr(steps, "MAX_STEPS", 200_000)


@pytest.mark.usefixtures("few_steps")
@pytest.mark.parametrize(
    "source",
    [
        "{% set s = 'a' * 3000 %}{% for c in s %}{% for d in s %}{% endfor %}{% endfor %}",
        "{% set l = range(1000)|list %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{% for c in 'abcdefghij' %}{{ f(n - 1) if n else '' }}{% endfor %}"
        "{% endmacro %}{{ f(7) }}",
    ],
)
def test_loops_over_strings_lists_and_macros_run_out_of_steps(source: str) -> None:
    before = sys.gettrace()
    error = refused(source)
    assert is_limit_error(error), error
    assert "mẫu chạy quá nhiều bước (giới hạn 200.000 dòng lệnh)" in str(error)
    assert sys.gettrace() is before  # the tracer that was there is back


def test_a_power_of_a_power_is_bounded() -> None:
    error = refused("{{ (((10 ** 1000) ** 1000) ** 1000) > 5 }}")
    assert is_limit_error(error)
    assert "kết quả của phép lũy thừa quá lớn" in str(error)
    assert render("{{ (2 ** 100) ** 10 > 5 }}") == "True"


def test_the_built_in_templates_are_not_traced(
    make_repo: TreeFactory, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cchc's own templates are trusted code: the built-in report renders under a budget of
    50 lines, far fewer than its own; the same template copied into the repository's
    templates/ runs out of it, with the template line named."""
    from cchc_cli.templating import steps
    from cchc_cli.templating.files import builtin_dir

    monkeypatch.setattr(steps, "MAX_STEPS", 50)
    repo = make_repo({})
    args = ["--data", str(repo), "report", "--year", "2024", "-o", "-"]
    source = (builtin_dir() / "report.md.j2").read_text(encoding="utf-8")
    assert runner.invoke(app, args).exit_code == 0
    (repo / "templates").mkdir()
    (repo / "templates" / "report.md.j2").write_text(source, encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "“templates/report.md.j2”, dòng " in result.stderr
    assert "mẫu chạy quá nhiều bước (giới hạn 50 dòng lệnh)" in result.stderr


@pytest.mark.usefixtures("few_steps")
def test_one_budget_for_the_whole_document_macros_included() -> None:
    """Each call of the macro stays well under the budget; together they do not."""
    source = (
        "{% macro m() %}{% for i in range(30000) %}{% endfor %}{% endmacro %}"
        "{% for j in range(30) %}{{ m() }}{% endfor %}"
    )
    error = refused(source)
    assert "mẫu chạy quá nhiều bước" in str(error)
    assert (
        render("{% macro m() %}{% for i in range(300) %}{% endfor %}{% endmacro %}{{ m() }}") == ""
    )


def test_the_tracer_that_was_there_is_put_back() -> None:
    """A coverage tool or a debugger traces too: after a document, rendered or refused, its
    trace function is back in place."""

    def theirs(frame: Any, event: str, arg: Any) -> None:
        return None

    before = sys.gettrace()
    sys.settrace(theirs)
    try:
        assert render("{% for c in 'abc' %}{{ c }}{% endfor %}") == "abc"
        assert sys.gettrace() is theirs
        with pytest.raises(ZeroDivisionError):
            render("{{ 1 / 0 }}")
        assert sys.gettrace() is theirs
    finally:
        sys.settrace(before)


def test_squaring_in_a_loop_is_bounded() -> None:
    source = (
        "{% set ns = namespace(x=(10 ** 1000) ** 30) %}{% for i in range(14) %}"
        "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x > 1 }}"
    )
    assert "kết quả của phép nhân quá lớn" in str(refused(source))
    assert render("{{ (2 ** 100) * (3 ** 100) > 1 }}") == "True"


def test_a_repository_template_named_like_python_is_still_counted(
    make_repo: TreeFactory, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the built-in folder is trusted, whatever a repository's file is called."""
    from cchc_cli.templating import steps

    monkeypatch.setattr(steps, "MAX_STEPS", 100_000)
    loop = "{% set s = 'x' * 2000 %}{% for c in s %}{% for d in s %}{% endfor %}{% endfor %}"
    repo = make_repo(
        {"templates/report.md.j2": '{% include "loop.py" %}', "templates/loop.py": loop}
    )
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 1, result.output
    assert "mẫu chạy quá nhiều bước (giới hạn 100.000 dòng lệnh)" in result.stderr
