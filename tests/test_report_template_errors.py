"""`cchc report`: every template or git failure is a Vietnamese sentence, never a traceback."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.report.provenance import git_commit

FIXTURE = Path(__file__).parent / "fixtures" / "report"
HAS_GIT = shutil.which("git") is not None


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    return Path(shutil.copytree(FIXTURE, tmp_path / "repo"))


def run(runner: CliRunner, repo: Path, *args: str) -> Any:
    return runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", *args])


def _override(repo: Path, name: str, content: str | bytes) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (repo / "templates" / name).write_bytes(data)


def _error(result: Any) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return " ".join(result.stderr.split())


# --- the git stamp -------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        check=True,
    )


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_stamp_survives_a_non_utf8_locale_and_a_vietnamese_file_name(repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "data")
    git(repo, "config", "core.quotePath", "false")
    (repo / "data" / "giờ.txt").write_text("x", encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    code = (
        "import sys; from pathlib import Path; from cchc_cli.report.provenance import git_commit; "
        "print(git_commit(Path(sys.argv[1])).encode('ascii', 'replace').decode())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(repo / "data")], env=env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode().strip().endswith("(c? thay ??i ch?a commit)")


@pytest.mark.parametrize(
    "failure",
    [
        FileNotFoundError(2, "No such file"),
        UnicodeDecodeError("ascii", b"\xe1", 0, 1, "ordinal not in range"),
        ValueError("bad"),
        subprocess.TimeoutExpired(["git"], 10),
    ],
)
def test_any_git_failure_means_no_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise failure

    monkeypatch.setattr(subprocess, "run", broken)
    assert git_commit(tmp_path) is None


def test_git_output_is_decoded_as_utf8_whatever_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []

    def fake(args: list[str], **kwargs: Any) -> Any:
        seen.append(kwargs)
        return subprocess.CompletedProcess(args, 0, stdout="abc1234\n", stderr="")

    monkeypatch.setattr(subprocess, "run", fake)
    assert git_commit(tmp_path) == "abc1234 (có thay đổi chưa commit)"
    assert all(k["encoding"] == "utf-8" and k["errors"] == "replace" for k in seen)


# --- template files that cannot be read ----------------------------------------------------


def test_a_template_that_is_not_utf8(runner: CliRunner, repo: Path) -> None:
    _override(repo, "report.md.j2", b"Dong 1\nDong 2\nD\xf2ng 3\n")
    message = _error(run(runner, repo, "-o", "-"))
    assert "Mẫu báo cáo “templates/report.md.j2” không phải văn bản UTF-8 (dòng 3)." in message
    assert "lưu lại với bảng mã UTF-8" in message
    assert "UnicodeDecodeError" not in message
    assert "codec" not in message


def test_an_included_template_that_is_not_utf8(runner: CliRunner, repo: Path) -> None:
    _override(repo, "report.md.j2", '{% include "phan.j2" %}\n')
    _override(repo, "phan.j2", b"\xe1\n")
    message = _error(run(runner, repo, "-o", "-"))
    assert "Mẫu báo cáo “templates/phan.j2” không phải văn bản UTF-8 (dòng 1)." in message


def test_an_unreadable_template_folder(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _override(repo, "report.md.j2", "{{ header.summary }}\n")
    real = os.scandir
    folder = str(repo / "templates")

    def scandir(path: Any = ".") -> Any:
        if str(path) == folder:
            raise PermissionError(13, "Permission denied", folder)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for fmt in ("md", "docx"):
        message = _error(run(runner, repo, "-o", str(repo / f"x.{fmt}"), "-f", fmt))
        assert (
            "Không đọc được thư mục mẫu báo cáo “templates/”: không có quyền truy cập." in message
        )
        assert "Permission denied" not in message
        assert not (repo / f"x.{fmt}").exists()


def test_an_unreadable_template_file(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _override(repo, "report.md.j2", "{{ header.summary }}\n")

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("jinja2.loaders.open", denied, raising=False)
    message = _error(run(runner, repo, "-o", "-"))
    assert (
        "Không đọc được mẫu báo cáo “templates/report.md.j2”: không có quyền truy cập." in message
    )


@pytest.mark.unprivileged
def test_really_unreadable_templates(runner: CliRunner, repo: Path) -> None:
    _override(repo, "report.md.j2", "{{ header.summary }}\n")
    (repo / "templates" / "report.md.j2").chmod(0)
    try:
        assert (
            "Không đọc được mẫu báo cáo “templates/report.md.j2”: không có quyền truy cập."
            in _error(run(runner, repo, "-o", "-"))
        )
    finally:
        (repo / "templates" / "report.md.j2").chmod(0o644)
    (repo / "templates").chmod(0)
    try:
        assert "thư mục mẫu báo cáo" in _error(run(runner, repo, "-o", "-"))
    finally:
        (repo / "templates").chmod(0o755)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.mkdir(), "là một thư mục, không phải tệp."),
        (lambda path: path.symlink_to(path.parent / "mat"), "là liên kết tới tệp không tồn tại."),
        # os.mkfifo exists only on POSIX: looked up when the test runs, not when it is collected
        (lambda path: os.mkfifo(path), "không phải tệp thông thường."),  # noqa: PLW0108
    ],
    ids=["folder", "dangling-link", "fifo"],
)
def test_an_override_that_is_not_a_file_never_means_the_builtin_template(
    runner: CliRunner, repo: Path, fmt: str, make: Any, message: str
) -> None:
    if os.name != "posix":
        pytest.skip("links and FIFOs are POSIX here")
    name = {"md": "report.md.j2", "html": "report.html.j2", "docx": "report.docx"}[fmt]
    (repo / "templates").mkdir()
    make(repo / "templates" / name)
    result = run(runner, repo, "-f", fmt, "-o", str(repo / f"x.{fmt}"))
    assert f"Mẫu báo cáo “templates/{name}” {message}" in _error(result)
    assert not (repo / f"x.{fmt}").exists()


# --- Jinja and Python errors inside a template ---------------------------------------------


@pytest.mark.parametrize(
    ("template", "line", "what"),
    [
        ("a\n{{ tong_so }}\n", 2, "“tong_so” chưa được định nghĩa: không có tên này trong dữ liệu"),
        (
            "a\nb\n{% if true %}\nx\n",
            4,
            "mẫu kết thúc khi khối “{% if %}” chưa đóng (thiếu “{% endif %}”).",
        ),
        ("a\n{% lap %}\n", 2, "không có thẻ “{% lap %}” trong Jinja."),
        ("a\n{% if 1 %}{% endfor %}\n", 2, "gặp “{% endfor %}” khi khối “{% if %}” chưa đóng"),
        ("a\n{% endif %}\n", 2, "thẻ đóng “{% endif %}” không khớp với khối nào đang mở."),
        ("a\n{{ a ? b }}\n", 2, "ký tự “?” không dùng được ở đây."),
        ("a\n{{ header.summary }\n", 2, "gặp “}” không đúng chỗ."),
        ("a\n{{ header.summary | in_hoa }}\n", 2, "không có bộ lọc “in_hoa”."),
        ("a\n{{ header.x.. }}\n", 2, "sau dấu chấm cần một tên hoặc một số."),
        ("\n\n{{ 1 / 0 }}\n", 3, "chia cho 0."),
        ("\n{{ 1 + 'a' }}\n", 2, "phép tính hay lời gọi dùng sai kiểu dữ liệu (unsupported"),
        ("{{ body[9999] }}\n", 1, "không có phần tử 9999."),
        ("{{ header.khong_co }}\n", 1, "không có trường “khong_co” trong dữ liệu báo cáo."),
        ('{% include "khong-co.j2" %}\n', 1, "không tìm thấy mẫu “khong-co.j2”."),
    ],
)
def test_template_errors_are_vietnamese_with_file_and_line(
    runner: CliRunner, repo: Path, template: str, line: int, what: str
) -> None:
    _override(repo, "report.md.j2", template)
    message = _error(run(runner, repo, "-o", "-"))
    assert message.startswith(
        f"cchc: lỗi: Lỗi trong mẫu báo cáo “templates/report.md.j2”, dòng {line}: "
    )
    assert what in message
    assert ".." not in message.replace("header.x..", "")
    assert ".)." not in message
    for english in ("is undefined", "Unexpected end", "unknown tag", "ZeroDivisionError"):
        assert english not in message


def test_an_unknown_error_keeps_its_detail_after_a_vietnamese_lead(
    runner: CliRunner, repo: Path
) -> None:
    _override(repo, "report.md.j2", "{{ '{:d}'.format('x') }}\n")
    message = _error(run(runner, repo, "-o", "-"))
    assert "dòng 1: giá trị không dùng được trong phép tính (ValueError: " in message


# --- Word templates ------------------------------------------------------------------------


def _docx(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_jinja_errors_are_translated(runner: CliRunner, repo: Path) -> None:
    _override(repo, "report.docx", _docx("{% if 1 %}"))
    message = _error(run(runner, repo, "-f", "docx"))
    assert "Lỗi trong mẫu báo cáo “templates/report.docx”, gần đoạn “{% if 1 %}”: " in message
    assert "mẫu kết thúc khi khối “{% if %}” chưa đóng (thiếu “{% endif %}”)." in message
    assert ".)." not in message


def test_docx_broken_xml_is_explained(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docxtpl import DocxTemplate
    from lxml import etree  # type: ignore[import-untyped]

    try:
        etree.fromstring(b"<w:p><w:t>x</w:p>")
    except etree.XMLSyntaxError as exc:
        broken = exc

    def render(self: Any, *args: Any, **kwargs: Any) -> None:
        raise broken

    monkeypatch.setattr(DocxTemplate, "render", render)
    _override(repo, "report.docx", _docx("{{ header.summary }}"))
    message = _error(run(runner, repo, "-f", "docx"))
    assert "Lỗi trong mẫu báo cáo “templates/report.docx”: sau khi điền dữ liệu" in message
    assert "nội dung Word không còn hợp lệ" in message
    assert "(chi tiết: " in message
    assert not message.startswith("cchc: lỗi: Lỗi trong mẫu báo cáo “templates/report.docx”: XML")


def test_docx_template_that_cannot_be_read(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _override(repo, "report.docx", _docx("x"))
    real = Path.open
    target = repo / "templates" / "report.docx"

    def fake_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake_open)
    message = _error(run(runner, repo, "-f", "docx"))
    assert "Không đọc được mẫu báo cáo “templates/report.docx”: không có quyền truy cập." in message


def test_a_built_in_template_over_a_limit_is_not_blamed_on_the_repository(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc_cli.templating

    monkeypatch.setattr(cchc_cli.templating, "MAX_OUTPUT", 2_000)
    text = _error(run(runner, repo, "-o", "-"))
    assert "mẫu in ra quá nhiều (giới hạn 2.000 ký tự)" in text
    assert "có sẵn của cchc, không phải mẫu của kho dữ liệu" in text
    assert "xoá tệp đó" not in text
    # the same limit in the repository's own copy of the template: that file is to fix
    _override(
        repo,
        "report.md.j2",
        (FIXTURE.parent.parent.parent / "templates" / "report.md.j2").read_text(encoding="utf-8"),
    )
    text = _error(run(runner, repo, "-o", "-"))
    assert "xoá tệp đó trong thư mục templates/" in text
