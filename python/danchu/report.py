"""The six-monthly report document and its renderers.

The document model and every renderer are C++ (``danchu::report``); this module
wraps them with Python sugar: reading from a ``dict`` or a file, ``datetime.date``
for dates, ``pandas`` for the unit table, and notebook display. No rules here.

>>> from danchu.report import Report
>>> r = Report.load("report.json")          # doctest: +SKIP
>>> r.save("report.html")                   # doctest: +SKIP  (Vietnamese by default)
>>> r.to_html("en")                         # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import html
import json
import os
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Union

from . import _core
from ._core import ArgumentError
from ._data import resolve_data_dir
from ._dates import iso_date
from ._json import dumps as _dumps

__all__ = ["SCHEMA_VERSION", "Report", "build"]

_Document = _core.report.Document

#: The layout version written to JSON as ``schema_version``.
SCHEMA_VERSION: str = _core.report.SCHEMA_VERSION

_TABLES = ("units", "overdue", "upcoming")
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json", ".csv": "csv",
             ".ics": "ical", ".xlsx": "xlsx"}
# The official document (Decree 30/2020 format, Vietnamese): bytes, written as is.
_BINARY = {".docx": "docx", ".pdf": "pdf"}


class Report:
    """A six-monthly report: the document the Department of Home Affairs sends
    the provincial Chairman, with its JSON, HTML, Markdown and CSV renderings.

    Build one from JSON (``Report.from_json``, ``Report.load``) or from a
    ``danchu._core.report.Document`` that another part of danchu returns.
    """

    __slots__ = ("_doc",)
    _doc: _Document

    def __init__(self, document: Any) -> None:
        if isinstance(document, Report):
            document = document._doc
        if not isinstance(document, _Document):
            raise ArgumentError(
                "[danchu.argument] document: expected a danchu._core.report.Document "
                f"(use Report.from_json or Report.load), got {type(document).__name__}"
            )
        self._doc = document

    # --- construction -------------------------------------------------------
    @classmethod
    def from_json(
        cls, data: str | bytes | dict[str, Any], source: str = "<string>"
    ) -> Report:
        """Reads a report from JSON text (``str`` or UTF-8 ``bytes``) or a parsed ``dict``.

        Raises ``danchu.ParseError`` naming ``source`` and the JSON pointer.
        """
        if isinstance(data, dict):
            text = _dumps(data, "data")
        elif isinstance(data, bytes):
            text = data.decode("utf-8")
        elif isinstance(data, str):
            text = data
        else:
            raise ArgumentError(
                "[danchu.argument] data: expected JSON text or a dict, "
                f"got {type(data).__name__}"
            )
        return cls(_Document.from_json(text, source))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Report:
        """Reads a report from a JSON file."""
        return cls(_Document.load(os.fspath(path)))

    # --- renderings ---------------------------------------------------------
    def to_json(self, indent: int = 2) -> str:
        """The document as JSON text (``data/schemas/report.schema.json``)."""
        return str(self._doc.to_json(indent))

    def to_dict(self) -> dict[str, Any]:
        """The document as parsed JSON."""
        result: dict[str, Any] = json.loads(self._doc.to_json(-1))
        return result

    def to_html(self, lang: str = "vi") -> str:
        """One self-contained HTML file (inline CSS and SVG, no scripts), printable."""
        return str(self._doc.to_html(lang))

    def to_markdown(self, lang: str = "vi") -> str:
        """The report as Markdown (GFM tables)."""
        return str(self._doc.to_markdown(lang))

    def to_csv(self, table: str = "units", lang: str = "vi", csv_separator: str = ",") -> str:
        """A table as CSV: ``"units"`` (the appendix), ``"overdue"`` or ``"upcoming"``.

        UTF-8 text starting with a byte-order mark (so Excel reads Vietnamese
        correctly), comma-separated (``csv_separator=";"`` for Excel under
        Vietnamese regional settings), CRLF line ends, text cells guarded
        against formula injection. Write it with ``newline=""`` (or use
        :meth:`save`) to keep the line ends.
        """
        if table not in _TABLES:
            raise ArgumentError(
                f"[danchu.argument] table: unknown table {table!r}: expected "
                "'units', 'overdue' or 'upcoming'"
            )
        return str(getattr(self._doc, f"{table}_csv")(lang, csv_separator))

    def save(
        self,
        path: str | os.PathLike[str],
        lang: str = "vi",
        table: str = "units",
        csv_separator: str = ",",
        config: str | os.PathLike[str] | None = None,
        soffice: str = "",
    ) -> Path:
        """Writes the report in the format its suffix names (.html, .md, .json, .csv,
        .ics for the upcoming deadlines, .xlsx for the appendix workbook: units,
        failings, overdue and upcoming obligations, data problems; .docx and .pdf for
        the official document in the Decree 30/2020 format, with ``config`` the
        department's configuration file, and ``soffice`` the LibreOffice program for
        the PDF)."""
        p = Path(path)
        binary = _BINARY.get(p.suffix.lower())
        if binary is not None:
            data = self.to_docx(config)
            if binary == "pdf":
                data = _core.report.docx_to_pdf(data, soffice)
            p.write_bytes(data)
            return p
        kind = _SUFFIXES.get(p.suffix.lower())
        if kind is None:
            raise ArgumentError(
                f"[danchu.argument] path: cannot tell the format of {str(p)!r}: "
                "expected a .html, .md, .json, .csv, .xlsx, .docx or .pdf file, or .ics for the deadlines"
            )
        if kind == "xlsx":
            _core.report.save_xlsx(self._doc, os.fspath(p), lang)
            return p
        text = {
            "html": lambda: self.to_html(lang),
            "markdown": lambda: self.to_markdown(lang),
            "json": lambda: self.to_json() + "\n",
            "csv": lambda: self.to_csv(table, lang, csv_separator),
            "ical": lambda: self.to_ical(lang),
        }[kind]()
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return p

    def to_docx(self, config: str | os.PathLike[str] | None = None) -> bytes:
        """The report as a Decree 30/2020/NĐ-CP document (DOCX bytes, Vietnamese):
        the same bytes as ``danchu report --docx``; ``config`` is the department's
        configuration file (data/schemas/report-config.schema.json)."""
        return bytes(
            self._doc.to_docx("" if config is None else os.fspath(config), os.fspath(resolve_data_dir(None)))
        )

    def to_ical(self, lang: str = "vi") -> str:
        """The upcoming deadlines as an iCalendar file (RFC 5545 text, CRLF line ends)."""
        return str(self._doc.deadlines_ical(lang))

    def problems(self) -> Any:
        """The data problems listed in the report as a ``pandas.DataFrame``
        (kind, source, location, subject, message)."""
        import pandas as pd

        rows = self.to_dict().get("problems", [])
        cols = ["kind", "source", "location", "subject", "message"]
        return pd.DataFrame([{c: p.get(c, "") for c in cols} for p in rows], columns=cols)

    def to_pandas(self) -> Any:
        """The appendix (one row per unit) as a ``pandas.DataFrame`` indexed by unit id.

        ``score`` is NaN and ``rank`` is ``<NA>`` where there is none; ``band``
        is a categorical in the legend's order.
        """
        import pandas as pd

        cols = self._doc.unit_columns()
        bands = [b[0] for b in self._doc.summary()["bands"]]
        ranks = pd.array(cols["rank"], dtype="Int64")
        ranks[cols["rank"] == 0] = pd.NA
        frame = pd.DataFrame(
            {
                "name": cols["name"],
                "district": cols["district"],
                "sector": cols["sector"],
                "score": cols["score"],
                "band": pd.Categorical(cols["band"], categories=bands),
                "rank": ranks,
                "complete_evidence": cols["complete_evidence"],
            },
            index=pd.Index(cols["id"], name="id"),
        )
        return frame

    # --- figures ------------------------------------------------------------
    @property
    def document(self) -> Any:
        """The underlying ``danchu._core.report.Document``."""
        return self._doc

    @property
    def period_id(self) -> str:
        return str(self._doc.period["id"])

    @property
    def period(self) -> dict[str, Any]:
        """The period: ``id`` and ``start``, ``end``, ``data_from``, ``data_to`` as dates."""
        p = dict(self._doc.period)
        return {k: (v if k == "id" else datetime.date.fromisoformat(v)) for k, v in p.items()}

    @property
    def generated_on(self) -> datetime.date:
        return datetime.date.fromisoformat(self._doc.generated_on)

    @property
    def province(self) -> str:
        return str(self._doc.province)

    @property
    def synthetic(self) -> bool:
        return bool(self._doc.synthetic)

    def summary(self) -> dict[str, Any]:
        """Headline figures: units assessed and complete, pass rate, mean score,
        ``bands`` as (id, label vi, label en, count), the numbers of overdue
        and upcoming obligations and of data problems, and how units that sent
        no evidence were counted (``no_evidence_policy``, ``no_evidence_units``)."""
        return dict(self._doc.summary())

    # --- Python protocol ----------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return bool(self._doc == other._doc)

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, Any]:
        return {"version": 1, "json": self.to_json(-1)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != 1:
            raise ArgumentError("[danchu.argument] Report pickle: unknown state version")
        self._doc = _Document.from_json(state["json"], "<pickle>")

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(province={self.province!r}, period={self.period_id!r}, "
            f"units={self._doc.unit_count})"
        )

    def _repr_html_(self) -> str:
        """A compact, escaped summary for notebooks (the full report is ``to_html()``)."""
        s = self.summary()
        e = html.escape

        def num(v: Any, fmt: str) -> str:
            return "—" if v is None else format(v, fmt)

        rows = [
            ("Đơn vị được đánh giá / Units assessed", str(s["units_assessed"])),
            ("Đủ minh chứng / Complete evidence", str(s["units_complete"])),
            ("Tỷ lệ đạt / Pass rate", num(None if s["pass_rate"] is None
                                          else s["pass_rate"] * 100, ".1f") + " %"),
            ("Điểm bình quân / Mean score", num(s["mean_score"], ".1f")),
        ]
        rows += [(f"{vi} / {en}", str(n)) for _, vi, en, n in s["bands"]]
        rows += [
            ("Quá hạn / Overdue", str(s["overdue"])),
            ("Sắp đến hạn / Upcoming", str(s["upcoming"])),
            ("Vấn đề dữ liệu / Data problems", str(s["problems"])),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{e(k)}</th><td style='text-align:right'>"
            f"{e(v)}</td></tr>"
            for k, v in rows
        )
        note = (
            "<p><em>Dữ liệu tổng hợp (giả lập) / synthetic data</em></p>"
            if self.synthetic
            else ""
        )
        return (
            f"<div><strong>{e(type(self).__name__)}: {e(self.province)} — "
            f"{e(self.period_id)}</strong>{note}<table>{body}</table></div>"
        )



_PathLike = Union[str, "os.PathLike[str]"]


def _path(value: _PathLike | None) -> str:
    return "" if value is None else os.fspath(value)


def build(
    organisation: _PathLike | None = None,
    evidence: _PathLike | None = None,
    period: str | None = None,
    *,
    previous_evidence: _PathLike | None = None,
    previous_period: str | None = None,
    pack: str = "auto",
    scheme: _PathLike | None = None,
    assessment: _PathLike | None = None,
    previous_assessment: _PathLike | None = None,
    obligations: Iterable[_PathLike] = (),
    records: Iterable[_PathLike] = (),
    events: Iterable[_PathLike] = (),
    as_of: str | datetime.date | None = None,
    days: int = 30,
    province: str | None = None,
    generated_on: str | datetime.date | None = None,
    data_dir: _PathLike | None = None,
    facts: _PathLike | None = None,
    units: _PathLike | None = None,
    no_evidence: str = "missing_report",
    what_if: bool = False,
) -> Report:
    """Builds the six-monthly report from files, as ``danchu report`` does (one
    C++ implementation): load the organisation and evidence, evaluate the pack,
    score under the scheme, build the obligation schedule, assemble.

    ``pack`` and ``scheme`` are bundled ids or files (default: the regime in
    force at the end of the period, and ``default-<pack id>``); ``obligations``
    are ids or files (default: those of the pack and its base). ``as_of``
    defaults to the data cut-off (Decree 09/2019 window), ``generated_on`` to
    today. Bad input (a unit not in the organisation, a submission for an
    unknown obligation, a period that does not exist, an unreadable evidence
    or records file) is listed in the report's problems (:meth:`Report.problems`);
    only a missing organisation, pack, scheme or period raises ``danchu.Error``.

    ``no_evidence`` says what a unit that sent no evidence at all counts as:
    ``"missing_report"`` (the default: a missing report, as in
    :func:`danchu.score`'s roll-up: not scored, not among the units assessed,
    their band counts or the mean) or ``"not_passing"`` (scored, its findings without
    evidence not passing). The report states the policy and lists the units
    (``summary()["no_evidence_policy"]``, ``["no_evidence_units"]``).

    >>> r = build("province/organisation.json", "province/evidence/2018-H1.json",
    ...           "2018-H1", previous_evidence="province/evidence/2017-H2.json",
    ...           records=["province/records-vn.decree-04-2015.json"],
    ...           pack="vn.bac-giang.2018-05-09")           # doctest: +SKIP
    >>> r.save("report.html")                               # doctest: +SKIP

    ``events`` are dated events files (issue 11): the facts of the period and of
    the previous one are derived from them, and ``evidence`` (optional then)
    gives the facts that are not events.

    ``what_if=True`` judges the same events under the other regime (Decree
    04/2015 <-> Law 10/2022) than the one in force; the header says so.

    A period that straddles 01/07/2023 (a 2023 annual report) is judged by
    date when ``events`` are given and ``pack`` is ``"auto"``: each regime's
    rules on the events of its own days, the header naming both.

    ``organisation`` is the organisation file (JSON or CSV); ``units`` is its
    former name, deprecated (it warns with ``DeprecationWarning``).
    """
    if units is not None:
        warnings.warn(
            "danchu.report.build: the keyword `units` is deprecated; use `organisation`",
            DeprecationWarning,
            stacklevel=2,
        )
        if organisation is not None:
            raise ArgumentError(
                "[danchu.argument] build: give `organisation` (or its deprecated name "
                "`units`), not both"
            )
        organisation = units
    event_files = [os.fspath(e) for e in events]
    if organisation is None or (evidence is None and not event_files) or period is None:
        given = {"organisation": organisation, "evidence (or events)": evidence or event_files or None,
                 "period": period}
        missing = ", ".join(n for n, v in given.items() if v is None)
        raise ArgumentError(f"[danchu.argument] build: missing {missing}")
    doc = _core.report.build(
        _path(organisation),
        _path(evidence),
        str(period),
        previous_evidence=_path(previous_evidence),
        previous_period=previous_period or "",
        pack=pack or "auto",
        scheme=_path(scheme),
        assessment=_path(assessment),
        previous_assessment=_path(previous_assessment),
        obligations=[os.fspath(o) for o in obligations],
        records=[os.fspath(r) for r in records],
        as_of=iso_date(as_of, "as_of", optional=True),
        days=int(days),
        province=province or "",
        generated_on=iso_date(generated_on, "generated_on", optional=True),
        data_dir=os.fspath(resolve_data_dir(data_dir)),
        facts=_path(facts),
        events=event_files,
        no_evidence=no_evidence,
        what_if=bool(what_if),
    )
    return Report(doc)
