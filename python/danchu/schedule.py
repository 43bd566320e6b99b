"""Obligations, recorded submissions and events, the schedule and the agenda
(Python sugar over ``danchu._core.schedule``).

The C++ core decides every due date and status (``include/danchu/schedule/schedule.hpp``,
obligations as cited data in ``data/obligations/``, see ``docs/obligations.md``);
this module loads inputs from files, dicts and pandas DataFrames and presents
the schedule as NumPy columns, DataFrames and notebook tables.

>>> import danchu.schedule as dsch
>>> obs = dsch.load_obligations("vn.decree-04-2015", "vn.bac-giang.2018-05-09")  # doctest: +SKIP
>>> s = dsch.build(obs, org, records, year=2018, as_of="2018-06-14")            # doctest: +SKIP
>>> s.counts()                                                                  # doctest: +SKIP
>>> s.agenda(days=30)                                                           # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json as _json
import os as _os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import _core
from ._core import ArgumentError, ParseError
from ._data import PathLike
from ._data import resolve_data_dir as _dd
from ._dates import iso_date
from ._display import html_table as _html_table
from ._json import dumps as _dumps
from ._organisation import organisation_arg

_s = _core.schedule

__all__ = [
    "STATUSES",
    "Obligations",
    "Records",
    "Schedule",
    "build",
    "bundled_obligations",
    "load_obligations",
    "load_records",
]

#: Status names, in the order of the C++ enum (``to_string(occurrence_status)``).
STATUSES: tuple[str, ...] = tuple(_s.STATUS_NAMES)

#: Status labels for display (Vietnamese / English).
STATUS_LABELS = {
    "done_on_time": ("đã thực hiện đúng hạn", "done on time"),
    "done_late": ("thực hiện muộn", "done late"),
    "overdue": ("quá hạn", "overdue"),
    "due_soon": ("sắp đến hạn", "due soon"),
    "upcoming": ("chưa đến hạn", "upcoming"),
    "unknown": ("không xác định (thiếu hồ sơ)", "unknown (no record)"),
}

_HTML_ROW_CAP = 500


def _to_date(iso: str) -> _dt.date:
    return _dt.date.fromisoformat(iso)


def _days(a: np.ndarray) -> np.ndarray:
    """int64 days since 1970-01-01 (INT64_MIN = missing) as ``datetime64[D]`` (NaT)."""
    return np.asarray(a, dtype=np.int64).view("datetime64[D]")


# --------------------------------------------------------------------------- obligations


def bundled_obligations(data_dir: PathLike | None = None) -> list[str]:
    """Ids of the obligation sets shipped in ``<data_dir>/obligations``
    (``vn.decree-04-2015``, ``vn.law-10-2022``, ``vn.bac-giang.2018-05-09``)."""
    return sorted(p.stem for p in (_dd(data_dir) / "obligations").glob("*.json"))


class Obligations:
    """A set of obligations (ids unique across the files it was loaded from)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._cols: dict[str, Any] | None = None

    @property
    def raw(self) -> Any:
        """The C++ obligation set."""
        return self._raw

    @property
    def ids(self) -> list[str]:
        return list(self._raw.ids)

    @property
    def sources(self) -> list[str]:
        """Ids of the documents loaded (the ``id`` of each file)."""
        return list(self._raw.sources)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, obligation_id: object) -> bool:
        return obligation_id in self.ids

    def _columns(self) -> dict[str, Any]:
        if self._cols is None:
            self._cols = dict(self._raw._columns())
        return self._cols

    def to_pandas(self) -> Any:
        """One row per obligation: id, titles, citation, responsible party,
        recurrence, deadline rule, confidence and what fulfils it."""
        import pandas as pd

        return pd.DataFrame(self._columns()).set_index("id")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(sources={self.sources!r}, obligations={len(self)})"

    def _repr_html_(self) -> str:
        c = self._columns()
        rows = zip(c["id"], c["title_vi"], c["citation"], c["recurrence"], c["deadline"], c["confidence"])
        return _html_table(
            ["id", "Nghĩa vụ / obligation", "Căn cứ / source", "Lặp lại / recurrence",
             "Thời hạn / deadline", "Độ tin cậy / confidence"],
            rows,
            "Nghĩa vụ / obligations: " + ", ".join(self.sources),
        )


def load_obligations(*sources: PathLike | Mapping[str, Any], data_dir: PathLike | None = None) -> Obligations:
    """Obligation sets by bundled id (see :func:`bundled_obligations`), file path
    or dict (the file format of ``docs/obligations.md``), merged into one set.

    Raises ``danchu.ParseError`` naming the file and JSON pointer of a mistake,
    ``danchu.ArgumentError`` for an unknown id.
    """
    if not sources:
        raise ArgumentError("[danchu.argument] load_obligations: expected at least one id, path or dict")
    files: list[str] = []
    texts: list[str] = []
    names: list[str] = []
    folder = _dd(data_dir) / "obligations"
    for src in sources:
        if isinstance(src, Mapping):
            texts.append(_dumps(src, f"sources[{len(files) + len(texts)}]"))
            names.append(f"<dict #{len(names) + 1}>")
            continue
        p = Path(src)
        if p.is_file():
            files.append(str(p))
        elif (folder / f"{src}.json").is_file():
            files.append(str(folder / f"{src}.json"))
        else:
            raise ArgumentError(
                f"[danchu.argument] obligations {str(src)!r}: no such file, and no bundled "
                f"obligation set of that id (bundled: {', '.join(bundled_obligations(data_dir))})"
            )
    return Obligations(_s.ObligationSet.load(files, texts, names))


# --------------------------------------------------------------------------- records

_SUBMISSION_COLUMNS = ("unit", "obligation", "occurrence", "done_on", "document")
_EVENT_COLUMNS = ("unit", "event", "id", "date")


def _text_column(df: Any, col: str, n: int) -> list[str]:
    if col not in df.columns:
        return [""] * n
    s = df[col]
    cells: list[str] = s.astype(object).where(s.notna(), "").astype(str).str.strip().tolist()
    return cells


def _date_column(series: Any, where: str, col: str) -> np.ndarray:
    """Days since 1970-01-01 (int32) of a date column: datetime64, or objects
    (``datetime.date``, ISO strings). A missing or malformed date raises
    ``danchu.ParseError`` naming the row and column."""
    import pandas as pd

    if series.dtype.kind == "M":
        parsed = series
    else:  # datetime.date objects and ISO strings; anything else becomes NaT
        parsed = pd.to_datetime(series, format="%Y-%m-%d", errors="coerce")
    bad = np.flatnonzero(parsed.isna().to_numpy())
    if bad.size:
        row = int(bad[0])
        raise ParseError(
            f"[danchu.parse] {where}:row {row}, column {col}: {series.iloc[row]!r} is not a date "
            "YYYY-MM-DD"
        )
    days = parsed.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.ascontiguousarray(days, dtype=np.int32)


def _require(df: Any, required: Sequence[str], where: str, expected: Sequence[str]) -> None:
    for col in required:
        if col not in df.columns:
            raise ArgumentError(
                f"[danchu.argument] {where}: missing column {col!r} (expected the columns "
                f"{', '.join(expected)}; found {', '.join(map(str, df.columns)) or 'none'})"
            )


class Records:
    """Recorded submissions (unit, obligation, occurrence, done_on, document)
    and triggering events (unit, event, id, date) that the schedule reads.

    Build with :meth:`load` (JSON or CSV files), :meth:`from_dict`,
    :meth:`from_pandas`, or :func:`load_records` for any mix of them.
    """

    def __init__(self, raw: Any = None) -> None:
        self._raw = raw if raw is not None else _s.Records()

    @property
    def raw(self) -> Any:
        return self._raw

    # --- construction -------------------------------------------------------
    @classmethod
    def load(cls, *paths: PathLike) -> Records:
        """Records files: ``.csv`` (submissions or events, told apart by the
        header) or JSON (``{"submissions": [...], "events": [...]}``)."""
        return cls(_s.Records.load([str(p) for p in paths]))

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], name: str = "<dict>") -> Records:
        """``{"submissions": [{unit, obligation, occurrence, done_on, document}],
        "events": [{unit, event, id, date}]}``; dates may be ``datetime.date``,
        ``numpy.datetime64`` or pandas ``Timestamp``, numbers NumPy scalars. A value
        JSON cannot hold (bytes, an object) raises ``danchu.ArgumentError`` naming
        its place (``doc.events[0].date``)."""
        return cls(_s.Records.from_json_text(_dumps(doc, "doc"), name))

    @classmethod
    def from_json(cls, text: str, name: str = "<json>") -> Records:
        """Records from JSON text."""
        return cls(_s.Records.from_json_text(text, name))

    @classmethod
    def from_csv(cls, text: str, name: str = "<csv>") -> Records:
        """Records from CSV text (one list per text, told apart by its header)."""
        return cls(_s.Records.from_csv_text(text, name))

    @classmethod
    def from_pandas(cls, submissions: Any = None, events: Any = None) -> Records:
        """Records from DataFrames. ``submissions`` needs the columns ``unit``,
        ``obligation``, ``done_on`` (``occurrence`` and ``document`` optional);
        ``events`` needs ``unit``, ``event``, ``id``, ``date``. Dates may be
        ``datetime64``, ``datetime.date`` or ISO strings. Columnar: the columns
        are handed to C++ as lists and arrays, no per-row Python loop.

        Raises ``danchu.ArgumentError`` naming a missing column and
        ``danchu.ParseError`` naming the row and column of a bad value.
        """
        import pandas as pd

        empty_s = pd.DataFrame({c: pd.Series([], dtype=object) for c in _SUBMISSION_COLUMNS})
        empty_e = pd.DataFrame({c: pd.Series([], dtype=object) for c in _EVENT_COLUMNS})
        s = empty_s if submissions is None else submissions
        e = empty_e if events is None else events
        _require(s, ("unit", "obligation", "done_on"), "submissions DataFrame", _SUBMISSION_COLUMNS)
        _require(e, _EVENT_COLUMNS, "events DataFrame", _EVENT_COLUMNS)
        s = s.reset_index(drop=True)
        e = e.reset_index(drop=True)
        ns, ne = len(s), len(e)
        return cls(
            _s.Records.from_columns(
                "<DataFrame>",
                _text_column(s, "unit", ns),
                _text_column(s, "obligation", ns),
                _text_column(s, "occurrence", ns),
                _date_column(s["done_on"], "<DataFrame submissions>", "done_on") if ns else np.zeros(0, np.int32),
                _text_column(s, "document", ns),
                _text_column(e, "unit", ne),
                _text_column(e, "event", ne),
                _text_column(e, "id", ne),
                _date_column(e["date"], "<DataFrame events>", "date") if ne else np.zeros(0, np.int32),
            )
        )

    # --- access ---------------------------------------------------------------
    def __len__(self) -> int:
        return int(self._raw.submission_count + self._raw.event_count)

    @property
    def submission_count(self) -> int:
        return int(self._raw.submission_count)

    @property
    def event_count(self) -> int:
        return int(self._raw.event_count)

    @property
    def submissions(self) -> Any:
        """The submissions as a DataFrame (``done_on`` as ``datetime64``)."""
        import pandas as pd

        c = dict(self._raw._submission_columns())
        c["done_on"] = _days(c["done_on"])
        return pd.DataFrame(c, columns=list(_SUBMISSION_COLUMNS))

    @property
    def events(self) -> Any:
        """The events as a DataFrame (``date`` as ``datetime64``)."""
        import pandas as pd

        c = dict(self._raw._event_columns())
        c["date"] = _days(c["date"])
        return pd.DataFrame(c, columns=list(_EVENT_COLUMNS))

    def to_pandas(self, kind: str = "submissions") -> Any:
        """``kind="submissions"`` (default) or ``"events"`` as a DataFrame."""
        if kind == "submissions":
            return self.submissions
        if kind == "events":
            return self.events
        raise ArgumentError(f'[danchu.argument] kind: expected "submissions" or "events", found {kind!r}')

    def to_dict(self) -> dict[str, Any]:
        """The JSON records document (what ``danchu sample`` writes)."""
        return dict(_json.loads(self._raw.to_json_text(0)))

    def save(self, path: PathLike) -> None:
        """Writes the records as JSON (``danchu agenda --records`` reads it)."""
        Path(path).write_text(self._raw.to_json_text(1) + "\n", encoding="utf-8")

    def __add__(self, other: Records) -> Records:
        if not isinstance(other, Records):
            return NotImplemented
        return Records(_s.Records.concat([self._raw, other._raw]))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(submissions={self.submission_count}, events={self.event_count})"


def load_records(*sources: Any) -> Records:
    """Records from any mix of paths (JSON/CSV), dicts, :class:`Records`,
    DataFrames of submissions, or ``(submissions, events)`` DataFrame pairs."""
    parts = []
    for src in sources:
        if src is None:
            continue
        if isinstance(src, Records):
            parts.append(src)
        elif isinstance(src, Mapping):
            parts.append(Records.from_dict(src))
        elif isinstance(src, (str, Path, _os.PathLike)):
            parts.append(Records.load(src))
        elif isinstance(src, tuple) and len(src) == 2:
            parts.append(Records.from_pandas(*src))
        elif hasattr(src, "columns"):
            cols = set(map(str, src.columns))
            parts.append(Records.from_pandas(events=src) if "event" in cols else Records.from_pandas(src))
        else:
            raise ArgumentError(
                f"[danchu.argument] records: cannot read a {type(src).__name__}: expected a path, a dict, "
                "Records, or DataFrames of submissions/events"
            )
    if not parts:
        return Records()
    if len(parts) == 1:
        return parts[0]
    return Records(_s.Records.concat([p.raw for p in parts]))


# --------------------------------------------------------------------------- schedule


class Schedule:
    """Every occurrence of every obligation for every unit in a date range,
    with its due date and status (columnar; see :data:`STATUSES`).

    Columns (NumPy arrays, one row per occurrence, in due-date order):
    ``unit``, ``obligation``, ``key``, ``opens``, ``due``, ``done_on``
    (``datetime64[D]``, NaT when absent), ``status`` (names),
    ``status_codes``, ``working_days_late`` (done late: at completion;
    overdue: as of the as-of date), ``document``.
    """

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._c: dict[str, Any] | None = None
        self._units: dict[str, Any] | None = None
        self._obligations: Obligations | None = None

    @property
    def raw(self) -> Any:
        return self._raw

    def _cols(self) -> dict[str, Any]:
        if self._c is None:
            raw = dict(self._raw._columns())
            uids = np.array(self._raw.unit_ids, dtype=object)
            oids = np.array(self._raw.obligation_ids, dtype=object)
            self._c = {
                "unit": uids[raw["unit_index"]] if len(uids) else np.array([], dtype=object),
                "obligation": oids[raw["obligation_index"]] if len(oids) else np.array([], dtype=object),
                "key": np.array(raw["key"], dtype=object),
                "opens": _days(raw["opens"]),
                "due": _days(raw["due"]),
                "done_on": _days(raw["done_on"]),
                "status_codes": raw["status"],
                "status": np.array(STATUSES, dtype=object)[raw["status"]],
                "working_days_late": raw["working_days_late"],
                "document": np.array(raw["document"], dtype=object),
                "_obligation_index": raw["obligation_index"],
                "_unit_index": raw["unit_index"],
            }
        return self._c

    def _unit_cols(self) -> dict[str, Any]:
        if self._units is None:
            self._units = dict(_core.organisation.unit_columns(self._raw.organisation))
        return self._units

    def __getattr__(self, name: str) -> Any:
        if name in ("unit", "obligation", "key", "opens", "due", "done_on", "status", "status_codes",
                    "working_days_late", "document"):
            return self._cols()[name]
        raise AttributeError(name)

    @property
    def obligations(self) -> Obligations:
        if self._obligations is None:
            self._obligations = Obligations(self._raw.obligations)
        return self._obligations

    @property
    def records(self) -> Records:
        return Records(self._raw.records)

    @property
    def as_of(self) -> _dt.date:
        return _to_date(self._raw.as_of)

    @property
    def start(self) -> _dt.date:
        return _to_date(self._raw.start)

    @property
    def end(self) -> _dt.date:
        return _to_date(self._raw.end)

    @property
    def problems(self) -> list[tuple[str, str]]:
        """Inputs that did not fit, as ``(where, message)``: a submission for an
        unknown unit or obligation, an event no obligation reads, a fulfilment
        before its window opens. The schedule covers everything else."""
        return [(str(w), str(m)) for w, m in self._raw.problems]

    def __len__(self) -> int:
        return len(self._raw)

    def counts(self) -> dict[str, int]:
        """Occurrences per status (every status present, zero if none)."""
        n = np.bincount(self._cols()["status_codes"], minlength=len(STATUSES))
        return {name: int(n[i]) for i, name in enumerate(STATUSES)}

    def to_pandas(self) -> Any:
        """One row per occurrence: unit, obligation, occurrence, opens, due,
        done_on, status (categorical), working_days_late, document, confidence."""
        import pandas as pd

        c = self._cols()
        conf = np.array(self.obligations._columns()["confidence"], dtype=object)
        return pd.DataFrame(
            {
                "unit": c["unit"],
                "obligation": c["obligation"],
                "occurrence": c["key"],
                "opens": c["opens"],
                "due": c["due"],
                "done_on": c["done_on"],
                "status": pd.Categorical.from_codes(c["status_codes"].astype(np.int8), categories=list(STATUSES)),
                "working_days_late": c["working_days_late"],
                "document": c["document"],
                "confidence": conf[c["_obligation_index"]] if len(conf) else np.array([], dtype=object),
            }
        )

    def agenda(self, as_of: Any = None, days: int = 30, *, include_overdue: bool = True) -> Any:
        """What is due in the next ``days`` days, by unit: the occurrences not
        yet done whose due date falls in ``[as_of, as_of + days]``, plus those
        already overdue (``include_overdue``). Statuses are as of ``as_of``
        (default: this schedule's as-of date). A DataFrame sorted by unit and
        due date: unit, unit_name, obligation, title_vi, title_en, occurrence,
        due, days_left, status, working_days_late, confidence.
        """
        import pandas as pd

        when = self._raw.as_of if as_of is None else iso_date(as_of, "as_of")
        sub = Schedule(self._raw.agenda(when, int(days), include_overdue))
        c = sub._cols()
        ob = self.obligations._columns()
        uc = self._unit_cols()
        oi, ui = c["_obligation_index"], c["_unit_index"]

        def pick(values: Sequence[Any], idx: np.ndarray) -> np.ndarray:
            return np.array(values, dtype=object)[idx] if len(values) else np.array([], dtype=object)

        df = pd.DataFrame(
            {
                "unit": c["unit"],
                "unit_name": pick(uc["name"], ui),
                "obligation": c["obligation"],
                "title_vi": pick(ob["title_vi"], oi),
                "title_en": pick(ob["title_en"], oi),
                "occurrence": c["key"],
                "due": c["due"],
                "days_left": (c["due"] - np.datetime64(when, "D")).astype(np.int64),
                "status": pd.Categorical.from_codes(c["status_codes"].astype(np.int8), categories=list(STATUSES)),
                "working_days_late": c["working_days_late"],
                "confidence": pick(ob["confidence"], oi),
            }
        )
        return df.sort_values(["unit", "due", "obligation"], kind="stable").reset_index(drop=True)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts().items() if v)
        return (
            f"{type(self).__name__}({self.start.isoformat()}..{self.end.isoformat()}, "
            f"as_of={self.as_of.isoformat()}, occurrences={len(self)}"
            + (f", {counts}" if counts else "")
            + (f", problems={len(self.problems)}" if self.problems else "")
            + ")"
        )

    def _repr_html_(self) -> str | None:
        counts = self.counts()
        summary = "".join(
            f"<tr><td>{_html.escape(STATUS_LABELS[k][0])} / {_html.escape(STATUS_LABELS[k][1])}</td>"
            f"<td>{v}</td></tr>"
            for k, v in counts.items()
        )
        out = (
            f"<p><b>Lịch nghĩa vụ / schedule</b> {self.start} – {self.end}, "
            f"tính đến / as of {self.as_of}: {len(self)} lần thực hiện / occurrences</p>"
            f"<table><tbody>{summary}</tbody></table>"
        )
        if self.problems:
            items = "".join(
                f"<li>{_html.escape(w)}: {_html.escape(m)}</li>" for w, m in self.problems[:50]
            )
            out += f"<p>Vấn đề dữ liệu / input problems ({len(self.problems)}):</p><ul>{items}</ul>"
        if len(self) <= _HTML_ROW_CAP:
            c = self._cols()
            rows = zip(c["unit"], c["obligation"], c["key"], c["due"], c["status"], c["working_days_late"],
                       c["done_on"])
            out += _html_table(
                ["Đơn vị / unit", "Nghĩa vụ / obligation", "Kỳ / occurrence", "Hạn / due",
                 "Trạng thái / status", "Ngày làm việc trễ / working days late", "Thực hiện / done on"],
                rows,
                "",
            )
        return out


def _calendar_core(calendar: Any) -> Any:
    if calendar is None:
        from .calendar import Calendar

        return Calendar.vietnam()._core
    core = getattr(calendar, "_core", calendar)
    if not isinstance(core, _core.calendar.Calendar):
        raise ArgumentError(
            f"[danchu.argument] calendar: expected a danchu.Calendar, got {type(calendar).__name__}"
        )
    return core


def build(
    obligations: Obligations | str | Sequence[str],
    organisation: Any,
    records: Any = None,
    year: int | None = None,
    *,
    start: Any = None,
    end: Any = None,
    as_of: Any = None,
    due_soon_days: int = 30,
    calendar: Any = None,
) -> Schedule:
    """The schedule of ``obligations`` for every unit of ``organisation``.

    ``obligations``: an :class:`Obligations`, or bundled ids / paths.
    ``organisation``: the organisation object (``danchu.load_organisation``,
    ``danchu.scoring.organisation``, ``danchu.sample.province``) or a path /
    DataFrame / list of dicts. ``records``: anything :func:`load_records` reads.
    The range of due dates is the calendar ``year`` or ``[start, end]``;
    ``as_of`` is the status date (default: today); occurrences due within
    ``due_soon_days`` of it are ``due_soon``. Working days come from
    ``calendar`` (default: the Vietnamese civil-servant calendar, as
    ``danchu agenda`` uses).
    """
    if not isinstance(obligations, Obligations):
        ids = [obligations] if isinstance(obligations, (str, Path, Mapping)) else list(obligations)
        obligations = load_obligations(*ids)
    if year is not None:
        if start is not None or end is not None:
            raise ArgumentError("[danchu.argument] build: give either year or start/end, not both")
        if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
            raise ArgumentError(f"[danchu.argument] year: expected an integer year, got {year!r}")
        start, end = f"{int(year):04d}-01-01", f"{int(year):04d}-12-31"
    elif start is None or end is None:
        raise ArgumentError("[danchu.argument] build: give year=, or both start= and end=")
    when = _dt.date.today() if as_of is None else as_of
    rec = records if isinstance(records, Records) else load_records(records)
    raw = _s.build(
        obligations.raw,
        organisation_arg(organisation),
        rec.raw,
        _calendar_core(calendar),
        iso_date(start, "start"),
        iso_date(end, "end"),
        iso_date(when, "as_of"),
        int(due_soon_days),
    )
    return Schedule(raw)
