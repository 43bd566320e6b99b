"""Rule packs, evidence, evaluation and explanations (``danchu._core.rules``).

Everything that decides a verdict runs in C++; this module converts Python
inputs (dicts, files, pandas DataFrames, ``datetime.date``) and presents
results (DataFrames, notebook tables, readable explanations).

>>> import danchu
>>> pack = danchu.load_pack("vn.decree-04-2015")
>>> org = danchu.load_organisation([{"id": "SNV", "kind": "department", "staff": 64}])
>>> ev = danchu.Evidence.from_dict({"SNV": {"conference.held_on": "2018-01-12"}}, pack, org)
>>> findings = danchu.evaluate(pack, org, ev, period=2018)
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json as _json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path as _Path
from typing import Any

from . import _core
from ._data import resolve_data_dir
from ._dates import is_date_like, iso_date
from ._json import dumps as _dumps
from ._json import jsonable as _jsonable
from ._organisation import load_organisation, organisation_arg

_r = _core.rules

VERDICTS = ("pass", "fail", "not_applicable", "unknown", "error")
_HTML_ROW_CAP = 2000

__all__ = [
    "VERDICTS",
    "Events",
    "Evidence",
    "Explanation",
    "Findings",
    "Pack",
    "evaluate",
    "explain",
    "list_packs",
    "load_organisation",
    "load_pack",
    "regime_pack",
    "run_tests",
]


def _dd(data_dir: str | os.PathLike[str] | None) -> str:
    return str(resolve_data_dir(data_dir))


def _period(p: Any) -> str:
    return str(p)


def list_packs(data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Ids of the bundled (or ``data_dir``'s) rule packs."""
    return list(_r._pack_ids(_dd(data_dir)))


def regime_pack(
    date: Any, switch_date: Any = None, data_dir: str | os.PathLike[str] | None = None
) -> str:
    """The base pack governing ``date``, from the packs' own ``regime.valid_from``/``valid_to``.

    ``switch_date``, if given, replaces the first day of the latest base regime
    (Law 10/2022); the regime before it (Decree 04/2015) then runs up to the day before.
    """
    sd = "" if switch_date is None else iso_date(switch_date, "switch_date")
    return str(_r._regime_pack(iso_date(date, "date"), sd, _dd(data_dir)))


class Pack:
    """A rule pack, overlays resolved, compiled against the fact dictionary."""

    def __init__(self, core: Any) -> None:
        self._core = core
        self._rules: list[dict[str, Any]] = _json.loads(core._rules_json())

    @property
    def id(self) -> str:
        return str(self._core.id)

    @property
    def title(self) -> str:
        return str(self._core.title_vi)

    @property
    def title_en(self) -> str:
        return str(self._core.title_en)

    @property
    def chain(self) -> list[str]:
        """Pack ids from the base pack to this one."""
        return list(self._core.chain)

    @property
    def rules(self) -> list[dict[str, Any]]:
        """Every rule in force: id, titles, citation, confidence, severity, weight, tags, facts."""
        return [dict(r) for r in self._rules]

    def facts(self) -> list[dict[str, Any]]:
        """The evidence facts this pack reads, with descriptions and the rules reading each."""
        return list(_json.loads(self._core._facts_json()))

    def template(self, format: str = "csv", units: Iterable[str] | None = None, period: Any = "") -> Any:
        """The evidence-collection template: CSV text, or a dict for ``format="json"``."""
        ids = list(units or [])
        if format == "csv":
            return self._core.template_csv(ids)
        if format == "json":
            return _json.loads(self._core._template_json(ids, _period(period) if period != "" else ""))
        raise _core.ArgumentError(f'format: expected "csv" or "json", found "{format}"')

    def to_pandas(self) -> Any:
        """The rules as a DataFrame (one row per rule)."""
        import pandas as pd

        return pd.DataFrame(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r}, rules={len(self)})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{_html.escape(r['id'])}</td><td>{_html.escape(r['title_vi'])}</td>"
            f"<td>{_html.escape(r['citation'])}</td><td>{_html.escape(r['confidence'])}</td></tr>"
            for r in self._rules
        )
        return (
            f"<p><b>{_html.escape(self.id)}</b>: {_html.escape(self.title)}</p>"
            "<table><tr><th>rule</th><th>quy định</th><th>căn cứ</th><th>độ tin cậy</th></tr>"
            f"{rows}</table>"
        )


def load_pack(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    facts: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> Pack:
    """Loads a pack by id (``"vn.decree-04-2015"``), from a ``.json`` file, or from a dict.

    Overlays (``extends``) are resolved against the data directory's packs and
    every condition is type-checked against the fact dictionary.
    """
    dd = _dd(data_dir)
    fx = str(facts) if facts is not None else ""
    if isinstance(source, Mapping):
        return Pack(_r.Pack.from_json_text(_dumps(source, "source"), dd, fx))
    s = str(source)
    if s.endswith(".json") or os.sep in s:
        return Pack(_r.Pack.from_file(s, dd, fx))
    return Pack(_r.Pack.load(s, dd, fx))


class Evidence:
    """Typed, columnar evidence (checked against the fact dictionary and the organisation)."""

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def from_dict(
        cls,
        units: Mapping[str, Mapping[str, Any]],
        pack: Pack,
        organisation: Any,
        *,
        period: Any = "",
        overrides: Sequence[Mapping[str, Any]] = (),
    ) -> Evidence:
        """``{unit: {fact: value}}``; a value may be ``{"value": v, "source": {...}}``.
        Dates may be ``datetime.date`` or ISO strings; ``None`` means not supplied."""
        org = organisation_arg(organisation)
        doc: dict[str, Any] = {"units": _jsonable(units, "units")}
        if period != "":
            doc["period"] = _period(period)
        if overrides:
            doc["overrides"] = _jsonable(list(overrides), "overrides")
        return cls(_r.Evidence.from_json_text(_dumps(doc, "evidence"), pack._core, org, "<dict>"))

    @classmethod
    def from_json(cls, source: str | os.PathLike[str] | Mapping[str, Any], pack: Pack, organisation: Any) -> Evidence:
        """An evidence JSON document: a path, JSON text, or an already parsed dict."""
        org = organisation_arg(organisation)
        if isinstance(source, Mapping):
            return cls(_r.Evidence.from_json_text(_dumps(source, "source"), pack._core, org, "<dict>"))
        s = str(source)
        if s.lstrip().startswith("{"):
            return cls(_r.Evidence.from_json_text(s, pack._core, org, "<json>"))
        return cls(_r.Evidence.from_file(s, pack._core, org, ""))

    @classmethod
    def from_csv(cls, source: str | os.PathLike[str], pack: Pack, organisation: Any, *, period: Any = "") -> Evidence:
        """Wide (unit + one column per fact) or long (unit, fact, value, ...) CSV: a path or CSV text."""
        org = organisation_arg(organisation)
        s = str(source)
        if "\n" in s or ("," in s and not os.path.exists(s)):
            return cls(_r.Evidence.from_csv_text(s, pack._core, org, _period(period), "<csv>"))
        return cls(_r.Evidence.from_file(s, pack._core, org, _period(period)))

    @classmethod
    def from_dataframe(
        cls, df: Any, pack: Pack, organisation: Any, *, period: Any = "", unit_column: str = "unit"
    ) -> Evidence:
        """A wide DataFrame (one row per unit, one column per fact; NaN = not supplied) or a
        long one (columns unit, fact, value[, document, issuer, date]). Converted to CSV by
        pandas and parsed in C++ (no per-unit Python loop)."""
        org = organisation_arg(organisation)
        frame = df.reset_index() if unit_column not in df.columns and df.index.name == unit_column else df
        if unit_column != "unit":
            frame = frame.rename(columns={unit_column: "unit"})
        for col in frame.columns:
            s = frame[col]
            if s.dtype != object:
                continue
            if s.map(lambda v: isinstance(v, (list, tuple))).any():
                cells = s.map(lambda v: ";".join(map(_cell, v)) if isinstance(v, (list, tuple)) else v)
            else:
                cells = s.map(lambda v, c=str(col): iso_date(v, c) if isinstance(v, _dt.date) else v)
            frame = frame.assign(**{col: cells})
        text = frame.to_csv(index=False, date_format="%Y-%m-%d")
        return cls(_r.Evidence.from_csv_text(text, pack._core, org, _period(period), "<DataFrame>"))

    @classmethod
    def from_events(
        cls,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        pack: Pack,
        organisation: Any,
        *,
        period: Any,
        facts: Evidence | None = None,
    ) -> Evidence:
        """Facts derived from dated events files (``data/events/kinds.json`` kinds) for one
        period, judged under ``pack``'s regime (an overlay: its base). A unit's declared
        none decides a fact (see :meth:`declared_none`); what it did not report stays
        missing. ``facts``: evidence for the facts that are not events (a standing state
        such as the citizens' reception place). Raises :class:`danchu.Error` listing every
        problem of every file."""
        org = organisation_arg(organisation)
        files = [str(paths)] if isinstance(paths, (str, os.PathLike)) else [str(p) for p in paths]
        given = facts._core if facts is not None else None
        return cls(_r.Evidence.from_events(files, pack._core, org, _period(period), given))

    @classmethod
    def from_event_log(
        cls,
        events: Events,
        pack: Pack,
        organisation: Any,
        *,
        period: Any,
        facts: Evidence | None = None,
    ) -> Evidence:
        """Facts derived from an :class:`Events` already loaded (as :meth:`from_events` does
        from files): the same events judged for several periods or packs without reading
        them again."""
        org = organisation_arg(organisation)
        given = facts._core if facts is not None else None
        return cls(_r.Evidence.from_event_log(events._core, pack._core, org, _period(period), given))

    def declared_none(self, unit: str, fact: str) -> bool:
        """True if the unit declared that the event ``fact`` describes did not happen."""
        return bool(self._core._declared_none(unit, fact))

    @property
    def period(self) -> str:
        return str(self._core.period)

    @property
    def unit_ids(self) -> list[str]:
        return list(self._core.unit_ids)

    def value(self, unit: str, fact: str) -> Any:
        """One supplied value (``None`` if not supplied); dates as ``datetime.date``."""
        v = _json.loads(self._core._value_json(unit, fact))
        return _to_date(v)

    def __len__(self) -> int:
        return int(self._core.value_count)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(units={len(self.unit_ids)}, values={len(self)}, period={self.period!r})"


class Events:
    """Dated events of the units of one organisation (``data/events/kinds.json``
    kinds): what happened, and when, as the units recorded it (issue 11).

    Loaded from events files (:meth:`load`) or a long table, one row per event
    (:meth:`from_dataframe`: columns ``unit``, ``kind``, ``date`` and the kinds'
    fields; empty cells are values not given), and checked in C++: an unknown
    kind, unit or field, a value of the wrong type or the same event twice is a
    :class:`danchu.Error` naming the file (or row) and the field. Facts for a
    period come from :meth:`Evidence.from_event_log`.

    >>> ev = danchu.Events.load("province/events.json", org)          # doctest: +SKIP
    >>> ev.to_pandas().groupby("kind").size()                          # doctest: +SKIP
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def load(
        cls,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        organisation: Any,
        *,
        data_dir: str | os.PathLike[str] | None = None,
    ) -> Events:
        """Events files (JSON or CSV); every problem of every file in one error."""
        org = organisation_arg(organisation)
        files = [str(paths)] if isinstance(paths, (str, os.PathLike)) else [str(p) for p in paths]
        return cls(_r.EventLog.load(files, org, os.fspath(resolve_data_dir(data_dir))))

    @classmethod
    def from_dataframe(
        cls, df: Any, organisation: Any, *, data_dir: str | os.PathLike[str] | None = None
    ) -> Events:
        """A long table, one row per event; the rows are read in C++ (row N is
        ``<DataFrame>:/events/N`` in errors). Date columns may hold dates,
        datetimes or ISO text."""
        import pandas as pd

        if not isinstance(df, pd.DataFrame):
            raise _core.ArgumentError(
                f"[danchu.argument] Events.from_dataframe: df: expected a pandas DataFrame, got {type(df).__name__}"
            )
        if df.columns.duplicated().any():
            dup = sorted({str(c) for c in df.columns[df.columns.duplicated()]})
            raise _core.ArgumentError(f"[danchu.argument] Events.from_dataframe: duplicate columns {dup}")
        missing = [c for c in ("unit", "kind", "date") if c not in df.columns]
        if missing:
            raise _core.ArgumentError(f"[danchu.argument] Events.from_dataframe: df: missing columns {missing}")
        table = df.copy()
        for c in table.columns:
            if pd.api.types.is_datetime64_any_dtype(table[c]):
                table[c] = table[c].dt.strftime("%Y-%m-%d")
            elif table[c].dtype == object:
                table[c] = table[c].map(lambda x: x.isoformat() if isinstance(x, _dt.date) else x)
        text = '{"events": ' + table.to_json(orient="records", force_ascii=False) + "}"
        org = organisation_arg(organisation)
        return cls(_r.EventLog.from_json_text(text, "<DataFrame>", org, os.fspath(resolve_data_dir(data_dir))))

    def __len__(self) -> int:
        return len(self._core)

    @property
    def unit_ids(self) -> list[str]:
        return list(self._core.unit_ids)

    @property
    def kinds(self) -> list[str]:
        """The event kinds of the table the events were checked against."""
        return list(self._core.kinds)

    def to_pandas(self) -> Any:
        """One row per event: ``unit``, ``kind``, ``date`` (datetime64), ``id``, where
        danchu read it (``file``, ``pointer``), then one column per field of any kind
        (empty where the event's kind has no such field or the value was not given)."""
        import pandas as pd

        df = pd.DataFrame(self._core._columns())
        df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
        return df

    def nones_to_pandas(self) -> Any:
        """The declarations that no event of a kind happened, one row each."""
        import pandas as pd

        df = pd.DataFrame(self._core._nones())
        for c in ("from", "to"):
            df[c] = pd.to_datetime(df[c], format="%Y-%m-%d")
        return df

    def __repr__(self) -> str:
        return f"{type(self).__name__}(units={len(self.unit_ids)}, events={len(self)})"


def _cell(x: Any) -> str:
    """One element of a list cell (an events fact): dates as ISO text."""
    return iso_date(x, "value") if is_date_like(x) else str(x)


def _to_date(v: Any) -> Any:
    if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
        try:
            return _dt.date.fromisoformat(v)
        except ValueError:
            return v
    if isinstance(v, list):
        return [_to_date(x) for x in v]
    return v


class Findings:
    """Findings of one evaluation: one verdict and credit per unit and rule.

    ``table`` is the C++ FindingTable that ``danchu.scoring`` consumes.
    """

    def __init__(self, table: Any, pack: Pack, period: str) -> None:
        self.table = table
        self.pack = pack
        self.period = period

    @property
    def unit_ids(self) -> list[str]:
        return list(self.table.unit_ids)

    @property
    def rule_ids(self) -> list[str]:
        return list(self.table.rule_ids)

    @property
    def verdict_codes(self) -> Any:
        """Units × rules NumPy array of codes (0 pass, 1 fail, 2 not_applicable, 3 unknown, 4 error)."""
        return self.table.verdicts

    @property
    def credits(self) -> Any:
        """Units × rules NumPy array of credits in [0, 1]."""
        return self.table.credits

    def verdict(self, unit: str, rule: str) -> str:
        return VERDICTS[int(self.table.verdicts[self.unit_ids.index(unit), self.rule_ids.index(rule)])]

    def overrides(self) -> list[dict[str, Any]]:
        return list(_json.loads(_r._overrides_json(self.table)))

    def to_json(self) -> dict[str, Any]:
        """The findings document ``danchu score`` reads."""
        return dict(_json.loads(_r._findings_json(self.table, self.pack.id, self.period)))

    def to_pandas(self) -> Any:
        """Long DataFrame: unit, rule, verdict, credit, title, citation, confidence, advisory, severity, tags."""
        import numpy as np
        import pandas as pd

        units = np.asarray(self.unit_ids, dtype=object)
        rules = self.pack.rules
        n_u, n_r = len(units), len(rules)
        codes = np.asarray(self.table.verdicts).reshape(-1)
        meta = pd.DataFrame(rules)
        df = pd.DataFrame(
            {
                "unit": np.repeat(units, n_r),
                "rule": np.tile(meta["id"].to_numpy(dtype=object), n_u) if n_r else np.array([], dtype=object),
                "verdict": pd.Categorical.from_codes(codes.astype("int8"), categories=list(VERDICTS)),
                "credit": np.asarray(self.table.credits).reshape(-1),
            }
        )
        for col in ("title_vi", "citation", "confidence", "advisory", "severity", "weight"):
            if n_r:
                df[col] = np.tile(meta[col].to_numpy(dtype=object), n_u)
        if n_r:
            df["tags"] = np.tile(meta["tags"].map(lambda t: " ".join(t)).to_numpy(dtype=object), n_u)
        return df

    def pivot(self) -> Any:
        """Units × rules DataFrame of verdict names."""
        import numpy as np
        import pandas as pd

        names = np.asarray(VERDICTS, dtype=object)[np.asarray(self.table.verdicts)]
        return pd.DataFrame(names, index=self.unit_ids, columns=self.rule_ids)

    def summary(self) -> Any:
        """Per unit: counts of each verdict and the ids of failed rules."""
        import numpy as np
        import pandas as pd

        v = np.asarray(self.table.verdicts)
        out = pd.DataFrame({name: (v == i).sum(axis=1) for i, name in enumerate(VERDICTS)}, index=self.unit_ids)
        rid = np.asarray(self.rule_ids, dtype=object)
        out["failed"] = [" ".join(rid[row == 1]) for row in v]
        return out

    def failings(self, prefix: str = "bg:") -> Any:
        """Per unit and tag (e.g. the directive's failings ``bg:review``): failed rules."""
        import pandas as pd

        df = self.to_pandas()
        df = df[df["verdict"] == "fail"]
        rows = []
        for unit, tags, rule in zip(df["unit"], df.get("tags", []), df["rule"]):
            for t in str(tags).split():
                if t.startswith(prefix):
                    rows.append({"unit": unit, "tag": t, "rule": rule})
        return pd.DataFrame(rows, columns=["unit", "tag", "rule"])

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(pack={self.pack.id!r}, period={self.period!r}, "
            f"units={len(self.unit_ids)}, rules={len(self.rule_ids)})"
        )

    def _repr_html_(self) -> str | None:
        if len(self.unit_ids) > _HTML_ROW_CAP:
            return None
        s = self.summary()
        colour = {"pass": "#2e7d32", "fail": "#c62828", "unknown": "#8d6e63"}
        head = "".join(f"<th>{_html.escape(c)}</th>" for c in ["đơn vị / unit", *VERDICTS, "failed"])
        body = "".join(
            "<tr><td>"
            + _html.escape(str(u))
            + "</td>"
            + "".join(
                f'<td style="color:{colour.get(n, "inherit")}">{int(r[n])}</td>' for n in VERDICTS
            )
            + f"<td>{_html.escape(str(r['failed']))}</td></tr>"
            for u, r in s.iterrows()
        )
        return (
            f"<p><b>{_html.escape(self.pack.id)}</b> — {_html.escape(self.period)}</p>"
            f"<table><tr>{head}</tr>{body}</table>"
        )


def _pack_arg(pack: Pack | str) -> Pack:
    return load_pack(pack) if isinstance(pack, str) else pack


def evaluate(
    pack: Pack | str,
    organisation: Any,
    evidence: Evidence,
    period: Any,
    *,
    as_of: Any = None,
    apply_overrides: bool = True,
) -> Findings:
    """Evaluates every rule of ``pack`` for every unit: a :class:`Findings`."""
    p = _pack_arg(pack)
    table = _r.evaluate(
        p._core, organisation_arg(organisation), evidence._core, _period(period),
        as_of=iso_date(as_of, "as_of", optional=True), apply_overrides=apply_overrides,
    )
    return Findings(table, p, _period(period))


class Explanation:
    """Why one rule gave one verdict for one unit (facts, failed sub-condition, citation, override)."""

    def __init__(self, data: dict[str, Any], text_vi: str, text_en: str) -> None:
        self.data = data
        self.text_vi = text_vi
        self.text_en = text_en

    @property
    def verdict(self) -> str:
        return str(self.data["verdict"])

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __str__(self) -> str:
        return self.text_vi

    def __repr__(self) -> str:
        d = self.data
        return f"{type(self).__name__}(unit={d['unit']!r}, rule={d['rule']!r}, verdict={self.verdict!r})"

    def _repr_html_(self) -> str:
        return "<pre>" + _html.escape(self.text_vi) + "\n\n" + _html.escape(self.text_en) + "</pre>"


def explain(
    pack: Pack | str,
    organisation: Any,
    evidence: Evidence,
    period: Any,
    unit: str,
    rule: str,
    *,
    as_of: Any = None,
    apply_overrides: bool = True,
) -> Explanation:
    """Explains the finding of ``rule`` for ``unit``."""
    p = _pack_arg(pack)
    j, vi, en = _r._explain_json(
        p._core, organisation_arg(organisation), evidence._core, _period(period), unit, rule,
        as_of=iso_date(as_of, "as_of", optional=True), apply_overrides=apply_overrides,
    )
    return Explanation(_json.loads(j), vi, en)


def run_tests(pack: str, *, data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Runs a pack's rule tests (a pack id or a ``.tests.json`` path); returns the report."""
    dd = _dd(data_dir)
    path = pack if pack.endswith(".json") else str(_Path(dd) / "packs" / f"{pack}.tests.json")
    return dict(_json.loads(_r._run_tests_json(path, dd, "")))
