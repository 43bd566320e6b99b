"""danchu.report: the six-monthly report wrapper over the C++ document and renderers."""

from __future__ import annotations

import copy
import csv
import datetime
import io
import json
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import danchu
from danchu.report import SCHEMA_VERSION, Report


@pytest.fixture(scope="module")
def example_path(repo_root: Path) -> Path:
    return repo_root / "tests/render/example-report.json"


@pytest.fixture()
def example(example_path: Path) -> Report:
    return Report.load(example_path)


@pytest.fixture()
def example_dict(example_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_path.read_text(encoding="utf-8"))
    return data


def test_the_example_loads_with_its_figures(example: Report) -> None:
    assert repr(example) == "Report(province='Bắc Giang', period='2018-H1', units=12)"
    assert example.period == {
        "id": "2018-H1",
        "start": datetime.date(2018, 1, 1),
        "end": datetime.date(2018, 6, 30),
        "data_from": datetime.date(2017, 12, 15),
        "data_to": datetime.date(2018, 6, 14),
    }
    assert example.generated_on == datetime.date(2018, 6, 18)
    assert example.synthetic is True
    s = example.summary()
    assert s["units_assessed"] == 12
    assert s["units_complete"] == 11
    assert s["pass_rate"] == pytest.approx(8 / 12)
    assert s["mean_score"] == pytest.approx(69.55)
    assert [(b[0], b[3]) for b in s["bands"]] == [
        ("tot", 2), ("kha", 3), ("trung_binh", 3), ("yeu", 2),
        ("not_eligible", 1), ("not_classified", 1),
    ]
    assert (s["overdue"], s["upcoming"], s["problems"]) == (2, 2, 3)
    assert SCHEMA_VERSION == "1.1"


def test_html_is_vietnamese_by_default_and_english_on_request(example: Report) -> None:
    vi = example.to_html()
    assert vi.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "Tồn tại, hạn chế theo đơn vị" in vi
    assert "Dữ liệu trong báo cáo này là dữ liệu tổng hợp" in vi
    assert vi.count("<svg") == 3
    en = example.to_html("en")
    assert en.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Failings, unit by unit" in en and "Tồn tại" not in en
    for page in (vi, en):
        assert "<script" not in page
        assert "src=" not in page


def test_markdown(example: Report) -> None:
    md = example.to_markdown("en")
    assert md.startswith("# Six-monthly report on democracy in agencies and units — Bắc Giang")
    assert md.count("\n## ") == 8
    assert "| Pass rate | 66.7% | 58.3% | +8.3 |" in md


def test_csv_is_excel_friendly_and_parses(example: Report) -> None:
    text = example.to_csv()
    assert text.startswith("\ufeffMã đơn vị,Tên đơn vị,")
    assert text.count("\r\n") == 13
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert len(rows) == 13
    assert rows[1] == ["bg-snv", "Sở Nội vụ", "Cấp tỉnh", "Quản lý nhà nước", "92.50", "Tốt",
                       "tot", "1", "1"]
    frame = pd.read_csv(io.StringIO(example.to_csv(lang="en")[1:]))
    assert list(frame.columns)[:3] == ["Unit id", "Unit name", "District"]
    assert frame["Score"].isna().sum() == 1
    overdue = list(csv.reader(io.StringIO(example.to_csv("overdue")[1:], newline="")))
    assert [r[0] for r in overdue[1:]] == ["ln-ttyt", "yd-bvdk"]
    assert overdue[1][5] == "6"
    upcoming = list(csv.reader(io.StringIO(example.to_csv("upcoming", "en")[1:], newline="")))
    assert upcoming[1][4] == "2018-06-20"


def test_save_writes_the_format_the_suffix_names(example: Report, tmp_path: Path) -> None:
    assert example.save(tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == example.to_html()
    assert example.save(tmp_path / "r.md", lang="en").read_text(encoding="utf-8") == \
        example.to_markdown("en")
    raw = example.save(tmp_path / "units.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\r\r\n" not in raw
    assert Report.load(example.save(tmp_path / "r.json")) == example
    with pytest.raises(danchu.ArgumentError, match=r"cannot tell the format .* \.xlsx, \.docx or \.pdf"):
        example.save(tmp_path / "r.txt")


def test_json_round_trip_equality_and_pickle(example: Report, example_dict: dict[str, Any]) -> None:
    again = Report.from_json(example.to_json())
    assert again == example
    assert Report.from_json(example_dict) == example
    assert Report.from_json(example.to_json().encode("utf-8")) == example
    assert example.to_dict() == example_dict
    assert pickle.loads(pickle.dumps(example)) == example
    changed = copy.deepcopy(example_dict)
    changed["units"][0]["score"] = 91.0
    assert Report.from_json(changed) != example


def test_errors_name_the_source_and_json_pointer(example_dict: dict[str, Any]) -> None:
    bad = copy.deepcopy(example_dict)
    bad["units"][0]["band"] = "xuat_sac"
    with pytest.raises(danchu.ParseError) as info:
        Report.from_json(bad, source="mine.json")
    assert str(info.value).startswith(
        '[danchu.parse] mine.json:/units/0/band: unknown band "xuat_sac"'
    )
    assert isinstance(info.value, ValueError)
    bad = copy.deepcopy(example_dict)
    bad["header"]["provinc"] = "x"
    with pytest.raises(danchu.ParseError, match=r"/header/provinc: unknown key"):
        Report.from_json(bad)
    with pytest.raises(danchu.ParseError, match="not valid JSON"):
        Report.from_json("{", source="broken.json")
    # Regression: a number too large for a double escaped as a C++ exception.
    # ... and it names its byte offset (issue 15, item 12).
    with pytest.raises(danchu.ParseError, match=r"broken\.json:byte 20: not valid JSON"):
        Report.from_json('{"schema_version": 1e999}', source="broken.json")
    with pytest.raises(danchu.ParseError, match="cannot open"):
        Report.load("/nonexistent/report.json")
    with pytest.raises(danchu.ArgumentError, match="expected JSON text or a dict"):
        Report.from_json(42)  # type: ignore[arg-type]
    with pytest.raises(danchu.ArgumentError, match=r"expected a danchu\._core\.report\.Document"):
        Report("nope")


def test_bad_arguments(example: Report) -> None:
    with pytest.raises(danchu.ArgumentError, match=r'lang: unknown language "fr"'):
        example.to_html("fr")
    with pytest.raises(danchu.ArgumentError, match="unknown table 'agenda'"):
        example.to_csv("agenda")


def test_user_strings_are_escaped_everywhere(example_dict: dict[str, Any]) -> None:
    data = copy.deepcopy(example_dict)
    data["units"][0]["name"] = "<script>alert(1)</script>"
    data["header"]["province"]["vi"] = "<b>Bắc Giang</b>"
    r = Report.from_json(data)
    page = r.to_html()
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Bắc" not in page
    assert "<script" not in r.to_markdown()
    shown = r._repr_html_()
    assert "&lt;b&gt;Bắc Giang&lt;/b&gt;" in shown and "<b>Bắc" not in shown


def test_to_pandas(example: Report) -> None:
    frame = example.to_pandas()
    assert frame.index.name == "id"
    assert list(frame.index[:2]) == ["bg-snv", "bg-sgddt"]
    assert list(frame.columns) == ["name", "district", "sector", "score", "band", "rank",
                                   "complete_evidence"]
    assert frame.loc["bg-snv", "score"] == 92.5
    assert np.isnan(frame.loc["yd-bvdk", "score"])
    assert frame.loc["yd-bvdk", "rank"] is pd.NA
    assert frame.loc["tp-ttvh", "rank"] == 10
    assert list(frame["band"].cat.categories) == ["tot", "kha", "trung_binh", "yeu",
                                                  "not_eligible", "not_classified"]
    assert frame["band"].value_counts()["kha"] == 3
    assert frame.groupby("district", sort=False)["score"].count().to_dict()["Yên Dũng"] == 2


def test_the_example_follows_the_published_json_schema(example_dict: dict[str, Any]) -> None:
    import jsonschema  # scripts/requirements-dev.txt
    import referencing
    schemas = Path(danchu.data_dir()) / "schemas"
    common = json.loads((schemas / "common.schema.json").read_text(encoding="utf-8"))
    schema = json.loads((schemas / "report.schema.json").read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resources(
        [(s["$id"], referencing.Resource.from_contents(s)) for s in (common, schema)]
    )
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(validator.iter_errors(example_dict)) == []
    bad = copy.deepcopy(example_dict)
    bad["bands"][0]["colour"] = "green"
    bad["current"]["units_assessed"] = -1
    assert len(list(validator.iter_errors(bad))) == 2
