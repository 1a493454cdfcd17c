"""Random report templates from a data repository: whatever they do, `cchc report` ends with
the document or with a located template error (exit 1), never a traceback, a hang or an
unbounded output. Templates are made from fragments that reach each wall of the sandbox
(`cchc_cli.templating`): attributes, sizes, widths, ranges, powers, loops over anything,
recursion, syntax, undefined names."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.templating import steps

FIXTURE = Path(__file__).parent / "fixtures" / "report"

N = st.sampled_from(["0", "3", "100", "5000", "100000", "10**6", "10**10", "-1"])

FRAGMENTS = st.one_of(
    st.just("{{ header.summary }}"),
    st.just("{% for p in body %}{{ p.text }}\n{% endfor %}"),
    st.just("{% for t in tasks %}{{ t.title }}|{{ t.due }}\n{% endfor %}"),
    st.just("{{ plan.parse_raw('{}') }}"),
    st.just("{{ plan.__class__ }}"),
    st.just("{{ undefined_name }}"),
    st.just("{% if %}"),
    st.just("{{ 1 / 0 }}"),
    st.just("{{ (((10 ** 100) ** 100) ** 100) > 1 }}"),
    N.map(lambda n: f"{{{{ 'ab' * {n} }}}}"),
    N.map(lambda n: f"{{{{ 'a'|center({n}) }}}}"),
    N.map(lambda n: f"{{{{ range({n})|list|length }}}}"),
    N.map(
        lambda n: (
            f"{{% for c in 'xy' * {n} %}}{{% for d in 'xy' * {n} %}}{{% endfor %}}{{% endfor %}}"
        )
    ),
    N.map(lambda n: f"{{% for i in range({n}) %}}.{{% endfor %}}"),
    N.map(
        lambda n: (
            f"{{% macro m(k) %}}{{{{ m(k - 1) if k > 0 else 1 }}}}{{% endmacro %}}{{{{ m({n}) }}}}"
        )
    ),
    N.map(lambda n: f"{{{{ '%{n}s'|format('a') }}}}"),
    N.map(lambda n: f"{{{{ '{{:>{n}}}'.format('a') }}}}"),
    st.text(alphabet="{}%#abc \n'\"|.()[]", max_size=20),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(parts=st.lists(FRAGMENTS, min_size=1, max_size=4))
def test_any_repository_template_ends_cleanly(
    parts: list[str], tmp_path: Path, runner: CliRunner
) -> None:
    repo = tmp_path / "repo"
    if not repo.exists():
        shutil.copytree(FIXTURE, repo)
        (repo / "templates").mkdir()
    (repo / "templates" / "report.md.j2").write_text("\n".join(parts), encoding="utf-8")
    budget, steps.MAX_STEPS = steps.MAX_STEPS, 200_000  # a small budget keeps examples quick
    try:
        result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    finally:
        steps.MAX_STEPS = budget
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert result.stderr.startswith("cchc: lỗi: "), result.stderr
        assert "mẫu báo cáo" in result.stderr or "Mẫu báo cáo" in result.stderr, result.stderr
    assert len(result.stdout) < 10_000_000
