"""Scoring, classification and roll-ups (Python sugar over ``danchu._core.scoring``).

The C++ core computes everything; this module converts to NumPy arrays and
pandas DataFrames, renders notebook tables and draws plots. No business rules
live here: schemes are data files (``data/scoring/``, see ``docs/scoring.md``).

>>> import danchu.scoring as ds
>>> scheme = ds.load_scheme("bac-giang-chinh-quyen-than-thien")      # doctest: +SKIP
>>> card = ds.score(scheme, ds.load_findings("findings.csv"))        # doctest: +SKIP
>>> card.to_pandas()                                                 # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np

from ._core import rules as _rules
from ._core import scoring as _s
from ._core.organisation import Organisation
from ._data import PathLike, data_dir
from ._display import html_table
from ._json import dumps as _dumps
from ._json import jsonable as _jsonable
from ._organisation import OrganisationSource, load_organisation, organisation_arg

__all__ = [
    "Rollup",
    "Scheme",
    "Scorecard",
    "assessment",
    "bundled_schemes",
    "compare",
    "findings_table",
    "load_assessment",
    "load_findings",
    "load_organisation",
    "load_scheme",
    "organisation",
    "parse_scheme",
    "plot_band_distribution",
    "plot_score_trend",
    "score",
]

Scheme = _s.Scheme
FindingTable = _rules.FindingTable

#: Verdict codes of ``FindingTable.verdicts`` (the C++ enum order).
VERDICTS = ("pass", "fail", "not_applicable", "unknown", "error")
#: Classification status codes of ``Scorecard.status`` (defined once, in C++).
STATUS: tuple[str, ...] = tuple(_s.STATUS_NAMES)
#: Coverage bit flags of ``Scorecard.coverage``.
COVERAGE_FLAGS = {
    "missing_evidence": 1,
    "evaluation_error": 2,
    "missing_self": 4,
    "pending_appraisal": 8,
    "no_evidence": 16,
}
#: Why the top band was missed (bit flags of ``Scorecard.unmet_top``; ids and
#: words defined once, in C++: ``_core.scoring.unmet_label``).
UNMET_FLAGS: dict[str, int] = dict(_s.UNMET_FLAGS)
#: What a unit that sent no evidence at all counts as (``score(no_evidence=...)``);
#: the first is the default.
NO_EVIDENCE_POLICIES: tuple[str, ...] = tuple(_s.NO_EVIDENCE_POLICIES)

_HTML_ROW_CAP = 500


# --------------------------------------------------------------------------- loading


def bundled_schemes() -> list[str]:
    """Names of the scoring schemes shipped in ``<data_dir>/scoring``."""
    return sorted(p.stem for p in (data_dir() / "scoring").glob("*.json"))


def load_scheme(name_or_path: PathLike) -> Scheme:
    """A scheme by file path, or by bundled name (see :func:`bundled_schemes`)."""
    p = Path(name_or_path)
    if p.is_file():
        return _s.load_scheme(str(p))
    bundled = data_dir() / "scoring" / f"{name_or_path}.json"
    if bundled.is_file():
        return _s.load_scheme(str(bundled))
    from . import ArgumentError

    raise ArgumentError(
        f"scheme {str(name_or_path)!r}: no such file, and no bundled scheme of that "
        f"name (bundled: {', '.join(bundled_schemes())})"
    )


def parse_scheme(text: str | Mapping[str, Any], file: str = "<string>") -> Scheme:
    """A scheme from JSON text or from a dict with the same content."""
    if not isinstance(text, str):
        text = _dumps(text, "text")
    return _s.parse_scheme(text, file)


def load_findings(path: PathLike) -> Any:
    """Findings from a ``.json`` or ``.csv`` file (format: ``docs/scoring.md``)."""
    return _s.load_findings(str(path))


def _cell(shape: tuple[int, ...], n_rules: int, k: int) -> str:
    """The place of flat cell ``k`` of a verdicts array: row (unit) and column (rule)."""
    if len(shape) >= 2:
        row, col = (int(i) for i in np.unravel_index(k, shape)[:2])
    else:
        row, col = divmod(k, max(n_rules, 1))
    return f"verdicts: row {row}, column {col}"


def _verdict_codes(v: np.ndarray, n_rules: int) -> np.ndarray:
    """Verdict codes as uint8, checked. Names (see :data:`VERDICTS`) are looked
    up; integer codes must be 0-4 (``256`` used to wrap to 0, ``pass``). Anything
    else raises ``danchu.ArgumentError`` naming the row and column of the first
    bad cell."""
    from . import ArgumentError

    expected = ", ".join(f"{code} ({name})" for code, name in enumerate(VERDICTS))
    flat = v.reshape(-1)
    if v.dtype.kind in "OUS":
        lookup = {name: code for code, name in enumerate(VERDICTS)}
        codes = np.empty(flat.size, dtype=np.uint8)
        for k, x in enumerate(flat):
            name = x.decode("utf-8", "replace") if isinstance(x, bytes) else x
            name = str(name) if isinstance(name, str) else name  # np.str_ shows as text
            code = lookup.get(name) if isinstance(name, str) else None
            if code is None:
                raise ArgumentError(
                    f"[danchu.argument] {_cell(v.shape, n_rules, k)}: unknown verdict {name!r}: "
                    f"expected one of {', '.join(VERDICTS)} (or their codes {expected})"
                )
            codes[k] = code
        return codes
    if v.dtype.kind not in "iuf":  # bool, dates, complex, ...
        raise ArgumentError(
            f"[danchu.argument] verdicts: expected verdict names or codes ({expected}), "
            f"got an array of {v.dtype}"
        )
    with np.errstate(invalid="ignore"):
        bad = ~((flat >= 0) & (flat < len(VERDICTS)))
        if v.dtype.kind == "f":
            bad |= flat != np.floor(flat)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ArgumentError(
            f"[danchu.argument] {_cell(v.shape, n_rules, k)}: {flat[k].item()!r} is not a verdict "
            f"code: expected one of {expected}"
        )
    return flat.astype(np.uint8)


def findings_table(
    rules: Sequence[str | Mapping[str, Any]],
    units: Sequence[str],
    verdicts: Any,
    credits: Any = None,
) -> Any:
    """A finding table from arrays (units × rules).

    ``rules`` are ids or dicts (``id``, ``weight``, ``severity``, ``confidence``,
    ``tags``, ``title_vi``, ``title_en``). ``verdicts`` holds codes (see
    :data:`VERDICTS`) or verdict names; ``credits`` defaults to 1 for pass and
    0 otherwise.
    """
    rule_dicts: list[dict[str, Any]] = [{"id": r} if isinstance(r, str) else dict(r) for r in rules]
    v = np.ascontiguousarray(_verdict_codes(np.asarray(verdicts), len(rule_dicts)))
    if credits is None:
        c = (v == 0).astype(np.float64)
    else:
        c = np.ascontiguousarray(credits, dtype=np.float64).reshape(-1)
    return FindingTable(rule_dicts, list(units), v, c)


def assessment(
    points: Iterable[Mapping[str, Any]] = (),
    ineligible: Iterable[Mapping[str, Any]] = (),
    file: str = "<memory>",
) -> Any:
    """An assessment from dicts (dates may be ``datetime.date`` or ISO strings).

    ``points``: ``unit``, ``criterion``, ``points``, ``kind`` (``"self"`` or
    ``"appraisal"``), ``who``, ``date``, ``reason`` (required for appraisals).
    ``ineligible``: ``unit``, ``condition``, ``who``, ``date``, ``reason``.
    """
    doc = {"points": _jsonable(list(points), "points"), "ineligible": _jsonable(list(ineligible), "ineligible")}
    return _s.parse_assessment(_dumps(doc, "assessment"), file)


def load_assessment(path: PathLike) -> Any:
    """An assessment file (JSON, format: ``docs/scoring.md``)."""
    return _s.load_assessment(str(path))


def organisation(records: OrganisationSource) -> Organisation:
    """An organisation tree from dicts or a DataFrame with columns ``id``,
    ``name``, ``kind``, ``parent``, ``staff`` (and optional ``labels``): the same
    as :func:`danchu.load_organisation`."""
    return load_organisation(records)


# --------------------------------------------------------------------------- display


def _labels(ids: Sequence[str], index: np.ndarray, extra: Sequence[str]) -> np.ndarray:
    """Maps band indices (-1 = none) to labels without a Python loop."""
    table = np.array(list(ids) + list(extra), dtype=object)
    idx = np.where(index >= 0, index, len(ids))
    return table[idx]


_Raw = TypeVar("_Raw", _s.Scorecard, _s.Rollup)


class _Columns(Generic[_Raw]):
    """A wrapper of a columnar C++ object (a scorecard, a roll-up) whose NumPy
    columns read through as attributes."""

    _raw: _Raw

    def __init__(self, raw: _Raw) -> None:
        self._raw = raw

    @property
    def raw(self) -> _Raw:
        """The C++ object (its columns are NumPy arrays)."""
        return self._raw

    def __len__(self) -> int:
        return len(self._raw)

    def __getattr__(self, name: str) -> Any:  # NumPy columns of the C++ object
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._raw, name)

    def _table(self, columns: Sequence[str], rows: Iterable[Sequence[Any]], caption: str) -> str | None:
        """The notebook table, or None (plain repr) past ``_HTML_ROW_CAP`` rows."""
        return None if len(self) > _HTML_ROW_CAP else html_table(columns, rows, caption)


# --------------------------------------------------------------------------- scorecards


class Scorecard(_Columns[_s.Scorecard]):
    """Scores, bands and coverage per unit; wraps ``_core.scoring.Scorecard``."""

    @property
    def scheme(self) -> Scheme:
        return self._raw.scheme

    @property
    def unit_ids(self) -> list[str]:
        return list(self._raw.unit_ids)

    def band_labels(self, lang: str = "id") -> np.ndarray:
        """Band per unit as ``id``, ``vi`` or ``en`` name; ``not_eligible`` /
        ``not_classified`` / ``not_applicable`` when the unit has no band."""
        bands = self.scheme.bands
        names = [b["id"] if lang == "id" else b["name"][lang] for b in bands]
        status = self._raw.status
        extra = [s if lang == "id" else _s.status_label(s)[lang] for s in STATUS]
        out = _labels(names, self._raw.bands, ["-"])
        for code in range(1, len(STATUS)):
            out = np.where(status == code, extra[code], out)
        return out

    def unmet_top_labels(self, lang: str = "id") -> np.ndarray:
        """Why each unit missed the top band: reason ids joined by ``;``
        (``lang="id"``) or the words in ``"vi"`` or ``"en"``; ``""`` for a
        unit that reached it (or was not classified on a band)."""
        bits = np.asarray(self._raw.unmet_top)
        values, inverse = np.unique(bits, return_inverse=True)
        if lang == "id":
            words = [";".join(_s.unmet_ids(int(b))) for b in values]
        else:
            words = [_s.unmet_label(int(b))[lang] for b in values]
        return np.array(words, dtype=object)[inverse.reshape(-1)]

    def to_pandas(self) -> Any:
        """One row per unit: totals side by side (NaN when the unit has no total:
        nothing applies, or its report is missing), band, status, cap, why the top
        band was missed (``unmet_top`` ids, ``unmet_top_vi``/``_en`` words), coverage."""
        import pandas as pd

        raw = self._raw
        caps = [c["id"] for c in self.scheme.caps]
        cov = raw.coverage
        df = pd.DataFrame(
            {
                "unit": raw.unit_ids,
                "self_total": raw.self_totals,
                "appraised_total": raw.appraised_totals,
                "total": raw.totals,
                "band": self.band_labels("id"),
                "band_vi": self.band_labels("vi"),
                "status": np.array(STATUS, dtype=object)[raw.status],
                "capped_by": _labels(caps, raw.caps, [""]),
                "unmet_top": self.unmet_top_labels("id"),
                "unmet_top_vi": self.unmet_top_labels("vi"),
                "unmet_top_en": self.unmet_top_labels("en"),
                "criteria_achieved": raw.criteria_achieved,
                "criteria_counted": raw.criteria_counted,
                "unknown": raw.unknown_counts,
                "errors": raw.error_counts,
            }
        )
        for name, bit in COVERAGE_FLAGS.items():
            df[name] = (cov & bit) != 0
        if self.scheme.kind == "xccdf":
            df["xccdf_score"] = raw.xccdf_scores
            df["xccdf_maximum"] = raw.maxima
        return df.set_index("unit")

    def criteria_frame(self) -> Any:
        """Self-assessed and appraised points per unit and criterion (long form)."""
        import pandas as pd

        raw = self._raw
        crit = self.scheme.criteria
        n_u, n_c = len(raw), len(crit)
        states = np.array(["scored", "not_applicable", "missing"], dtype=object)
        return pd.DataFrame(
            {
                "unit": np.repeat(np.array(raw.unit_ids, dtype=object), n_c),
                "criterion": np.tile(np.array([c["id"] for c in crit], dtype=object), n_u),
                "max_points": np.tile(np.array([c["max_points"] for c in crit]), n_u),
                "self_points": raw.self_points.reshape(-1),
                "appraised_points": raw.appraised_points.reshape(-1),
                "state": states[raw.criterion_states.reshape(-1)],
            }
        )

    def adjustments_frame(self) -> Any:
        """Every manual entry applied: who, when, why."""
        import pandas as pd

        return pd.DataFrame(
            self._raw.adjustments,
            columns=["unit", "criterion", "points", "kind", "who", "date", "reason"],
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(scheme={self.scheme.id!r}, units={len(self)}, "
            f"mean_total={float(np.nanmean(self._raw.totals)) if len(self) else float('nan'):.2f})"
        )

    def _repr_html_(self) -> str | None:
        raw = self._raw
        rows = zip(raw.unit_ids, raw.self_totals, raw.appraised_totals, raw.totals, self.band_labels("vi"))
        return self._table(
            ["Đơn vị / unit", "Tự chấm / self", "Thẩm định / appraised", "Tổng / total",
             "Xếp loại / band"],
            rows,
            f"{self.scheme.title['vi']} / {self.scheme.title['en']}",
        )


def score(
    scheme: Scheme | PathLike,
    findings: Any,
    assessment: Any = None,
    no_evidence: str = "missing_report",
) -> Scorecard:
    """Scores every unit of ``findings`` under ``scheme`` (a Scheme, bundled name or path).

    ``no_evidence``: what a unit that sent no evidence at all counts as (see
    ``docs/scoring.md``): ``"missing_report"`` (default: status
    ``missing_report``, no total, no band; a :class:`Rollup` counts it as a
    missing report and leaves it out of means and minima) or ``"not_passing"``
    (scored like the others, its findings without evidence not passing).
    """
    if not isinstance(scheme, Scheme):
        scheme = load_scheme(scheme)
    return Scorecard(_s.score(scheme, findings, assessment, no_evidence))


# --------------------------------------------------------------------------- roll-ups


class Rollup(_Columns[_s.Rollup]):
    """Aggregates of a scorecard per node of the organisation tree."""

    def __init__(
        self,
        organisation: Any,
        scorecard: Scorecard | _s.Scorecard,
        weighting: str = "staff",
        expect_roots: bool = False,
        label: str = "",
    ) -> None:
        raw_card = scorecard.raw if isinstance(scorecard, Scorecard) else scorecard
        super().__init__(
            _s.Rollup(organisation_arg(organisation), raw_card, weighting, expect_roots, label)
        )

    @property
    def label(self) -> str:
        return str(self._raw.label)

    def to_pandas(self) -> Any:
        """One row per node: mean, minimum (and who), units per band, coverage, rank."""
        import pandas as pd

        raw = self._raw
        ids = np.array(raw.ids, dtype=object)
        parents = raw.parents
        min_units = raw.minimum_units
        df = pd.DataFrame(
            {
                "id": ids,
                "name": raw.names,
                "kind": raw.kinds,
                "parent": np.where(parents >= 0, ids[np.maximum(parents, 0)], ""),
                "depth": raw.depths,
                "staff": raw.staff,
                "own_total": raw.own_totals,
                "units": raw.units,
                "scored": raw.scored,
                "mean": raw.means,
                "minimum": raw.minima,
                "minimum_unit": np.where(min_units >= 0, ids[np.maximum(min_units, 0)], ""),
                "rank": raw.ranks,
                "missing": raw.missing,
                "incomplete": raw.incomplete,
            }
        )
        counts = raw.band_counts
        for k, b in enumerate([*raw.band_ids, STATUS[1], STATUS[2]]):
            df[f"n_{b}"] = counts[:, k]
        return df.set_index("id")

    def band_shares(self) -> Any:
        """Share of units in each band per node (rows sum to 1 where units > 0)."""
        import pandas as pd

        counts = self._raw.band_counts.astype(float)
        units = self._raw.units.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = np.where(units[:, None] > 0, counts / units[:, None], 0.0)
        cols = [*self._raw.band_ids, STATUS[1], STATUS[2]]
        return pd.DataFrame(shares, index=self._raw.ids, columns=cols)

    def coverage(self, node: str) -> dict[str, list[str]]:
        """Units behind a node's coverage counts (missing reports, missing evidence, …)."""
        return dict(self._raw.coverage(node))

    def subtree(self, node: str) -> list[str]:
        return list(self._raw.subtree(node))

    def drill_down(self, node: str, findings: Any) -> Any:
        """The findings behind a node, as a DataFrame (unit, rule, verdict, credit)."""
        import pandas as pd

        return pd.DataFrame(self._raw.drill_down(node, findings))

    def compare(self, before: Rollup) -> Any:
        """This roll-up against an earlier one (see :func:`compare`)."""
        return compare(self, before)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(label={self.label!r}, nodes={len(self)}, "
            f"weighting={self._raw.weighting!r})"
        )

    def _repr_html_(self) -> str | None:
        raw = self._raw
        rows = zip(raw.ids, raw.names, raw.units, raw.means, raw.minima, raw.ranks, raw.missing)
        return self._table(
            ["id", "Tên / name", "Đơn vị / units", "Bình quân / mean", "Thấp nhất / min",
             "Hạng / rank", "Thiếu báo cáo / missing"],
            rows,
            f"Tổng hợp / roll-up {self.label}",
        )


def compare(now: Rollup, before: Rollup) -> Any:
    """Node-by-node comparison of two periods: means, delta, ranks and rank change
    (positive = moved up), own band now and before."""
    import pandas as pd

    d = _s.compare(now.raw, before.raw)
    return pd.DataFrame(d).set_index("id")


# --------------------------------------------------------------------------- plots


def plot_band_distribution(rollup: Rollup, kind: str = "district", ax: Any = None) -> Any:
    """Stacked bars: share of units per band for every node of ``kind``."""
    import matplotlib.pyplot as plt

    shares = rollup.band_shares()
    kinds = np.array(rollup.raw.kinds, dtype=object)
    sel = shares[kinds == kind]
    names = np.array(rollup.raw.names, dtype=object)[kinds == kind]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.4 * max(len(sel), 4) + 1))
    left = np.zeros(len(sel))
    labels = [n["vi"] for n in rollup.raw.band_names] + [_s.status_label(s)["vi"] for s in STATUS[1:3]]
    for k, col in enumerate(sel.columns):
        vals = sel[col].to_numpy()
        ax.barh(names, vals, left=left, label=labels[k])
        left += vals
    ax.set_xlim(0, 1)
    ax.set_xlabel("Tỷ lệ đơn vị / share of units")
    ax.set_title(f"Xếp loại theo {kind} / bands per {kind} {rollup.label}".strip())
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_score_trend(rollups: Sequence[Rollup], nodes: Sequence[str], ax: Any = None) -> Any:
    """Mean score of ``nodes`` across periods (one roll-up per period, in order)."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    labels = [r.label or str(i) for i, r in enumerate(rollups)]
    for node in nodes:
        ys = []
        for r in rollups:
            i = r.raw.find(node)
            ys.append(float("nan") if i is None else float(r.raw.means[i]))
        ax.plot(labels, ys, marker="o", label=node)
    ax.set_ylabel("Điểm bình quân / mean score")
    ax.set_title("Xu hướng điểm / score trend")
    ax.legend(fontsize="small")
    return ax
