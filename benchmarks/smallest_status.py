"""The smallest program shaped like `cchc status`, a reference for its start-up.

One Typer command with one option validates a pydantic model of three fields and prints a
one-row rich table. Whatever `cchc status` costs beyond this program is cchc's own work
(its 43 models, reading and checking data/, the engine and the view); what this program
costs beyond ``import typer, rich, pydantic, yaml, jinja2`` is the libraries' own.
"""

from typing import Annotated

import typer
from pydantic import BaseModel

app = typer.Typer()


class Task(BaseModel):
    id: str
    title: str
    percent: int


@app.command()
def status(as_of: Annotated[str, typer.Option("--as-of")] = "") -> None:
    from rich.console import Console
    from rich.table import Table

    task = Task.model_validate({"id": "t1", "title": "Rà soát thủ tục", "percent": 50})
    table = Table("Nhiệm vụ", "Tiến độ", title=f"Đến ngày {as_of}")
    table.add_row(task.title, f"{task.percent}%")
    Console().print(table)


if __name__ == "__main__":
    app()
