"""Checks of period statistics (data/statistics/*.yaml) against the catalogue.

Each value: a declared metric or rate, once per period, inside the plan; a whole number
where things are counted, never negative, not above its maximum. Each metric: a month and
its quarter not both written, unless the quarter is declared their total (and is). Each
sum rule of the catalogue: true in every period where all its metrics have a figure. Each
typed rate: the same as the rate its counts give. What a period's figure is (a month's own
value, a quarter's, or its three months together) is `cchc_cli.engine.statistics`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.checks.common import at, suggest
from cchc_cli.checks.metrics import catalogue_problems
from cchc_cli.dataset import METRICS_FILE, Dataset
from cchc_cli.engine.stat_periods import Period
from cchc_cli.engine.statistics import Recorded, Statistics
from cchc_cli.errors import Problem
from cchc_cli.models.statistics import Metric, SumRule
from cchc_cli.text_vi import number

RATE_TOLERANCE = 0.05  # percentage points: a typed rate is rounded to 1-2 decimals
EPSILON = 1e-9  # sums of decimals are not exact in binary
ROUNDING = 0.005  # a quarter's score written to two decimals

_OPS = {"=": "=", "<=": "≤", ">=": "≥", "≤": "≤", "≥": "≥"}
_BROKEN = {"=": "khác", "<=": "lớn hơn", ">=": "nhỏ hơn", "≤": "lớn hơn", "≥": "nhỏ hơn"}


def statistics_problems(dataset: Dataset) -> Iterator[Problem]:
    """Every problem of the catalogue and the values (nothing without a catalogue: the
    reader reports it missing when there are values)."""
    catalogue = dataset.metrics
    if catalogue is None:
        return
    yield from catalogue_problems(dataset, catalogue)
    stats = Statistics(catalogue, dataset.statistics)
    yield from _periods(dataset)
    yield from _values(dataset, stats)
    yield from _overlaps(stats)
    for rule in catalogue.rules:
        yield from _rule(stats, rule)
    yield from _typed_rates(stats)


def _periods(dataset: Dataset) -> Iterator[Problem]:
    plan = dataset.plan
    for entry in dataset.statistics:
        period = Period.parse(entry.item.period)
        if period is None:
            continue
        if plan is not None and not plan.period.start <= period.year <= plan.period.end:
            yield at(
                entry.path,
                (*entry.loc, "period"),
                "outside-period",
                f"Kỳ {period.key} nằm ngoài giai đoạn của kế hoạch "
                f"({plan.period.start}-{plan.period.end}).",
                "Kiểm tra năm của kỳ.",
            )
        if entry.item.months_total and period.is_month:
            yield at(
                entry.path,
                (*entry.loc, "months_total"),
                "quarter-total",
                f"“months_total” chỉ dùng cho kỳ quý, không dùng cho tháng {period.key}.",
                "Xoá dòng “months_total”.",
            )


def _values(dataset: Dataset, stats: Statistics) -> Iterator[Problem]:
    known = {*stats.metrics, *stats.rates}
    for record in stats.records:
        if record.metric not in known:
            yield at(
                record.path,
                record.loc,
                "unknown-ref",
                f"Không có chỉ tiêu mã “{record.metric}” (khai báo ở "
                f"{dataset.shown(METRICS_FILE)}).",
                suggest(record.metric, known),
            )
            continue
        other = stats.values[record.metric][record.period]  # the first one written
        if other is not record:
            yield at(
                record.path,
                record.loc,
                "duplicate-id",
                f"Chỉ tiêu “{record.metric}” kỳ {record.period.key} đã ghi ở {other.path} "
                f"(mục {_item(other)} của “periods”).",
                "Mỗi chỉ tiêu một số cho mỗi kỳ: xoá một trong hai, hoặc sửa kỳ.",
            )
        metric = stats.metrics.get(record.metric)
        value = record.value
        if metric is None or value < 0 or value != int(value) or metric.max is not None:
            yield from _value(record, metric)


def _item(record: Recorded) -> int:
    """The 1-based number of the record's entry in its file's ``periods`` list."""
    index = record.entry.loc[-1]
    return index + 1 if isinstance(index, int) else 0


def _value(record: Recorded, metric: Metric | None) -> Iterator[Problem]:
    value, what = record.value, f"“{record.metric}” kỳ {record.period.key}"
    if value < 0:
        yield at(
            record.path,
            record.loc,
            "negative-value",
            f"Số liệu {what} là số âm ({number(value)}).",
            "Số đếm và tỷ lệ không âm; không có số liệu thì bỏ dòng này (không ghi 0).",
        )
        return
    if metric is None:  # a typed rate, in percent
        if value > 100:
            yield at(
                record.path,
                record.loc,
                "out-of-range",
                f"Tỷ lệ {what} là {number(value)}%, quá 100%.",
                "Tỷ lệ ghi bằng phần trăm, từ 0 đến 100.",
            )
        return
    if metric.integer and value != int(value):
        hint = "Chỉ tiêu này đếm số lượng: ghi số nguyên."
        thousands = round(value * 1000)
        if abs(value * 1000 - thousands) < 1e-6:
            hint += (
                f" Nếu đây là {thousands} viết có dấu chấm ngăn cách hàng nghìn, hãy viết "
                f"liền: {thousands}."
            )
        yield at(
            record.path,
            record.loc,
            "not-integer",
            f"Số liệu {what} phải là số nguyên ({metric.unit}), không phải {value!r}.",
            hint,
        )
    if metric.max is not None and value > metric.max:
        yield at(
            record.path,
            record.loc,
            "out-of-range",
            f"Số liệu {what} là {number(value)}, lớn hơn mức tối đa {number(metric.max)}.",
        )


def _overlaps(stats: Statistics) -> Iterator[Problem]:
    """A quarter and its months written for the same metric (see the module docstring)."""
    for metric_id, by_period in stats.values.items():
        metric = stats.metrics.get(metric_id)
        if metric is None:
            continue
        for period, record in by_period.items():
            if period.is_month:
                continue
            months = [by_period.get(m) for m in period.months()]
            written = [m.period.key for m in months if m is not None]
            if record.months_total:
                yield from _declared_total(stats, metric, record, written)
            elif written:
                yield at(
                    record.path,
                    record.loc,
                    "period-overlap",
                    f"Chỉ tiêu “{metric_id}” đã có số liệu tháng {', '.join(written)}: số của "
                    f"quý {period.key} sẽ bị tính trùng.",
                    "Ghi theo tháng hoặc theo quý. Nếu số quý là tổng các tháng, ghi thêm để "
                    "đối chiếu, thêm “months_total: true” vào kỳ quý.",
                )


def _declared_total(
    stats: Statistics, metric: Metric, record: Recorded, written: list[str]
) -> Iterator[Problem]:
    period = record.period
    if len(written) < 3:
        lacking = [m.key for m in period.months() if m.key not in written]
        yield at(
            record.path,
            record.loc,
            "quarter-total",
            f"Quý {period.key} ghi là tổng các tháng (months_total) nhưng “{metric.id}” chưa có "
            f"số liệu tháng {', '.join(lacking)}.",
            "Ghi đủ ba tháng, hoặc bỏ “months_total” và các tháng đã ghi.",
        )
        return
    months = stats.figure_of(metric.id, period)  # all three months: they are used
    # a score (not a count) may be written rounded to two decimals
    tolerance = EPSILON if metric.integer else ROUNDING + EPSILON
    if months.value is not None and abs(months.value - record.value) > tolerance:
        how = {"sum": "tổng", "mean": "bình quân", "last": "số tháng cuối", "first": "số tháng đầu"}
        yield at(
            record.path,
            record.loc,
            "quarter-total",
            f"Số quý {period.key} của “{metric.id}” là {number(record.value)}, khác "
            f"{how[metric.aggregate]} ba tháng ({number(months.value)}).",
            "Sửa số của quý hoặc của các tháng cho khớp.",
        )


def _rule(stats: Statistics, rule: SumRule) -> Iterator[Problem]:
    terms = [*rule.left, *rule.right]
    if any(t not in stats.metrics for t in terms):
        return  # reported in the catalogue
    periods = sorted({p for t in terms for p in stats.values.get(t, {})}, key=Period.sort_key)
    for period in periods:
        figures: dict[str, float] = {}
        for term in terms:
            value = stats.value_of(term, period)
            if value is None or value < 0:
                break  # no data for one term (or a negative one, reported): nothing to compare
            figures[term] = value
        else:
            left = sum(figures[t] for t in rule.left)
            if not _holds(left, rule.op, sum(figures[t] for t in rule.right), rule.tolerance):
                yield _broken(stats, rule, period, figures)


def _broken(stats: Statistics, rule: SumRule, period: Period, figures: dict[str, float]) -> Problem:
    """The problem of a rule that the figures of `period` break, at a value of the period."""
    place = next(
        stats.values[t][period]
        for t in [*rule.right, *rule.left]
        if period in stats.values.get(t, {})
    )
    return at(
        place.path,
        place.loc,
        "sum-rule",
        f"Quy tắc “{_rule_text(rule)}” sai ở kỳ {period.key}: {_side(rule.left, figures)} "
        f"{_BROKEN[rule.op]} {_side(rule.right, figures)}.",
        "Đối chiếu các số này với nguồn số liệu của kỳ (quy tắc khai báo ở “rules” của "
        "danh mục chỉ tiêu).",
    )


def _holds(left: float, op: str, right: float, tolerance: float) -> bool:
    slack = tolerance + EPSILON
    if op == "=":
        return abs(left - right) <= slack
    if op in ("<=", "≤"):
        return left <= right + slack
    return left + slack >= right


def _rule_text(rule: SumRule) -> str:
    if rule.name:
        return rule.name
    return f"{' + '.join(rule.left)} {_OPS[rule.op]} {' + '.join(rule.right)}"


def _side(codes: list[str], figures: dict[str, float]) -> str:
    """``hs-a 120 + hs-b 280 = 400``: each metric with its figure of the period, and the
    total when there are several."""
    text = " + ".join(f"{code} {number(figures[code])}" for code in codes)
    if len(codes) > 1:
        text += f" = {number(sum(figures[code] for code in codes))}"
    return text


def _typed_rates(stats: Statistics) -> Iterator[Problem]:
    """A typed rate is checked against the rate its counts give (in percent)."""
    for record in stats.records:
        rate = stats.rates.get(record.metric)
        if rate is None or record.value < 0:
            continue
        found = stats.rate_of(rate, record.period)
        if not found.complete or found.value is None:
            lacking = [
                m
                for m in dict.fromkeys([*rate.numerator, *rate.denominator])
                if not stats.figure_of(m, record.period).complete
            ]
            why = "chưa có số liệu " + ", ".join(lacking) if lacking else "mẫu số bằng 0"
            yield Problem(
                record.path,
                0,
                0,
                "rate-without-counts",
                f"Tỷ lệ “{rate.id}” kỳ {record.period.key} ghi tay nhưng không tính được từ "
                f"số liệu ({why}); số ghi tay không được dùng.",
                "Tỷ lệ luôn tính từ số liệu: ghi các chỉ tiêu của tử số và mẫu số cho kỳ này, "
                "hoặc bỏ tỷ lệ ghi tay.",
                level="warning",
                loc=record.loc,
            )
            continue
        computed = found.value * 100
        if abs(computed - record.value) > RATE_TOLERANCE:
            yield at(
                record.path,
                record.loc,
                "rate-mismatch",
                f"Tỷ lệ “{rate.id}” kỳ {record.period.key} ghi {number(record.value)}%, nhưng "
                f"số liệu cho {number(found.numerator)}/{number(found.denominator)} = "
                f"{number(computed)}%.",
                "Sửa tỷ lệ theo số liệu, hoặc kiểm tra lại số liệu (tỷ lệ không ghi tay cũng "
                "được: cchc tự tính).",
            )
