"""The data model of a CCHC plan: pydantic v2 models, no I/O, one module per kind of file.

Keys are English; every field carries a Vietnamese description, which editors show from the
JSON Schema (`cchc schema`). Models forbid unknown keys, so a misspelt key is an error.

- `base`: the shared value types (dates as staff write them, codes, non-blank text, strict
  numbers, years) and `Model`, the base of every model;
- `plan`: the plan of record, its areas and units (``plan.yaml``, ``areas.yaml``,
  ``units.yaml``);
- `indicators`: indicators, their targets and yearly values (``indicators/``);
- `tasks`: tasks, their updates and occurrences (``tasks/``);
- `reports`: report settings (``reports.yaml``);
- `par`: the PAR INDEX files (``par/``), and `statistics`: period statistics
  (``metrics.yaml``, ``statistics/``). These two are imported only where a repository has
  such files (or a command needs them), so the others never pay for building them.

Nothing is imported here: each module is imported by name (``cchc_cli.models.tasks``).
"""
