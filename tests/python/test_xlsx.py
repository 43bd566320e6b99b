"""Excel in and out (issue 13): every XLSX danchu writes is read back by openpyxl
(texts in NFC Vietnamese, headers, frozen panes, filters, drop-downs, protection);
an evidence workbook filled by openpyxl reads back into the same findings as the
equivalent JSON events (Law 10/2022 Art. 51(1): the regular conference within
three months after the working year; the vectors of tests/python/test_events.py);
every CSV danchu writes has a BOM, CRLF line ends, RFC 4180 quoting, the
formula-injection guard and `--csv-separator ';'`; CSV input takes `;` and
dd/mm/yyyy.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import danchu
import danchu.evidence
from conftest import danchu_exe
from danchu.report import Report

UNITS = {
    "units": [
        {"id": "prov", "name": "UBND tỉnh", "kind": "province", "staff": 0},
        {"id": "SNV", "name": "Sở Nội vụ", "kind": "department", "parent": "prov", "staff": 64,
         "labels": {"district": "Thành phố Bắc Giang"}},
        {"id": "STC", "name": "=HYPERLINK(\"http://evil.example\",\"Sở Tài chính\")\n<script>x</script>",
         "kind": "department", "parent": "prov", "staff": 50, "labels": {"district": "Thành phố Bắc Giang"}},
        {"id": "BV", "name": "Bệnh viện " + "rất dài " * 500, "kind": "public_service_unit", "parent": "prov",
         "staff": 300, "labels": {"district": "Huyện Yên Thế"}},
    ]
}

EVENTS: dict[str, Any] = {
    "events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular",
         "covers_year": 2024, "form": "full", "summoned": 64, "present": 58, "votes_for": 55,
         "form_agreed_with_union": True, "note": "=1+1 họp tại hội trường"},
    ],
    "none": [
        {"unit": "STC", "kind": "conference_held", "from": "2025-01-01", "to": "2025-03-31",
         "note": "Chưa tổ chức hội nghị"},
    ],
}

RULE = "L10-ART51-CONF-ANNUAL"


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([danchu_exe(), *args], capture_output=True, text=True, encoding="utf-8")
    if check:
        assert r.returncode == 0, r.stderr
    return r


def nfc(s: Any) -> bool:
    return isinstance(s, str) and unicodedata.normalize("NFC", s) == s


@pytest.fixture()
def units(tmp_path: Path) -> Path:
    p = tmp_path / "units.json"
    p.write_text(json.dumps(UNITS, ensure_ascii=False), encoding="utf-8")
    return p


def header_columns(ws: Any) -> dict[str, int]:
    """Column ids (row 3) -> column number."""
    return {c.value: c.column for c in ws[3] if c.value}


def test_template_xlsx_one_file_per_unit_with_instructions_dropdowns_and_protection(
    units: Path, tmp_path: Path
) -> None:
    out = tmp_path / "forms"
    r = run("template", "--xlsx", "--organisation", str(units), "-o", str(out), "--rows", "20",
            "--period", "2025")
    written = sorted(Path(p).name for p in r.stdout.splitlines())
    assert written == ["BV.xlsx", "SNV.xlsx", "STC.xlsx", "prov.xlsx"]
    wb = openpyxl.load_workbook(out / "STC.xlsx")
    assert wb.sheetnames[0] == "HuongDan"
    assert "KhongPhatSinh" in wb.sheetnames
    assert wb["DanhMuc"].sheet_state == "hidden"
    guide = wb["HuongDan"]
    texts = [c.value for row in guide.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(nfc(t) for t in texts)
    assert any("dd/mm/yyyy" in t for t in texts)
    assert any("Kỳ báo cáo: 2025" in t for t in texts)
    # the hostile unit name is a plain string cell, not a formula
    name = next(c for row in guide.iter_rows() for c in row if c.value == UNITS["units"][2]["name"])
    assert name.data_type == "s"
    ws = wb["conference_held"]
    cols = header_columns(ws)
    assert list(cols)[:3] == ["unit", "date", "session"]
    assert nfc(ws.cell(2, cols["session"]).value) and "thường kỳ" in ws.cell(2, cols["session"]).value
    assert ws.cell(4, 1).value == "STC" and ws.cell(23, 1).value == "STC"
    assert ws.freeze_panes == "B4"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A3:")
    assert ws.protection.sheet and not ws.protection.autoFilter
    assert ws.cell(2, 1).protection.locked
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(cols["date"])].number_format == "dd/mm/yyyy"
    by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter
    session = by_range[f"{letter(cols['session'])}4:{letter(cols['session'])}23"]
    assert session.type == "list" and session.formula1.startswith("DanhMuc!")
    lists = wb["DanhMuc"]
    col = openpyxl.utils.column_index_from_string(session.formula1.split("$")[1])
    assert [lists.cell(r, col).value for r in (2, 3)] == ["regular", "extraordinary"]
    assert by_range["B4:B23"].type == "date"
    boolean = by_range[f"{letter(cols['form_agreed_with_union'])}4:{letter(cols['form_agreed_with_union'])}23"]
    assert boolean.type == "list" and "có" in boolean.formula1
    assert by_range[f"{letter(cols['present'])}4:{letter(cols['present'])}23"].type == "whole"
    # one per district
    by_d = tmp_path / "districts"
    r = run("template", "--xlsx", "--organisation", str(units), "-o", str(by_d), "--by-district")
    assert sorted(Path(p).name for p in r.stdout.splitlines()) == [
        "Huyện Yên Thế.xlsx", "Thành phố Bắc Giang.xlsx", "khong-thuoc-huyen.xlsx"]
    two = openpyxl.load_workbook(by_d / "Thành phố Bắc Giang.xlsx")
    assert [two["DanhMuc"].cell(r, 1).value for r in (2, 3)] == ["SNV", "STC"]
    assert two["conference_held"].cell(4, 1).value is None  # several units: chosen from the list


def fill(path: Path, events: dict[str, Any]) -> None:
    """Fills danchu's workbook with openpyxl as a clerk would: dates as dates."""
    wb = openpyxl.load_workbook(path)
    rows: dict[str, int] = {}
    for e in events["events"]:
        ws = wb[e["kind"]]
        cols = header_columns(ws)
        r = rows.get(e["kind"], 4)
        rows[e["kind"]] = r + 1
        for k, v in e.items():
            if k == "kind":
                continue
            if k == "date":
                v = datetime.fromisoformat(v)
            elif isinstance(v, bool):
                v = "có" if v else "không"
            cell = ws.cell(r, cols[k])
            cell.value = v
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # typed text, not a formula
    ws = wb["KhongPhatSinh"]
    for i, n in enumerate(events["none"]):
        ws.cell(4 + i, 1).value = n["unit"]
        ws.cell(4 + i, 2).value = n["kind"]
        ws.cell(4 + i, 3).value = date.fromisoformat(n["from"]).strftime("%d/%m/%Y")  # text, Vietnamese order
        ws.cell(4 + i, 4).value = datetime.fromisoformat(n["to"])
        ws.cell(4 + i, 5).value = n["note"]
    wb.save(path)


def test_a_template_filled_by_openpyxl_gives_the_findings_of_the_json_events(units: Path, tmp_path: Path) -> None:
    book = danchu.evidence.write_xlsx_template(tmp_path / "don-vi.xlsx", units, ["SNV", "STC", "BV"], rows=10)
    fill(book, EVENTS)
    events_json = tmp_path / "events.json"
    events_json.write_text(json.dumps(EVENTS, ensure_ascii=False), encoding="utf-8")

    pack = danchu.load_pack("vn.law-10-2022")
    org = danchu.load_organisation(units)
    from_json = danchu.evaluate(pack, org, danchu.Evidence.from_events(events_json, pack, org, period="2025"), "2025")
    from_xlsx = danchu.evaluate(pack, org, danchu.Evidence.from_events(book, pack, org, period="2025"), "2025")
    for u in ("SNV", "STC", "BV"):
        assert from_xlsx.verdict(u, RULE) == from_json.verdict(u, RULE)
    assert [from_xlsx.verdict(u, RULE) for u in ("SNV", "STC", "BV")] == ["pass", "fail", "unknown"]

    # the command line: the same findings, also from a folder holding the workbook
    base = ["evaluate", "--units", str(units), "--period", "2025", "--format", "json"]
    a = json.loads(run(*base, "--events", str(events_json)).stdout)
    b = json.loads(run(*base, "--events", str(book)).stdout)
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(book, folder / "don-vi.xlsx")
    c = json.loads(run(*base, "--events", str(folder)).stdout)
    assert a["findings"] == b["findings"] == c["findings"]

    # read back as an events document, with the provenance
    doc = danchu.evidence.read_xlsx(book, units)
    event = doc["events"][0]
    assert {k: event[k] for k in EVENTS["events"][0]} == EVENTS["events"][0]
    assert event["source"] == {"file": "don-vi.xlsx", "sheet": "conference_held", "row": 4}
    assert doc["none"][0]["from"] == "2025-01-01" and doc["none"][0]["to"] == "2025-03-31"


def test_bad_cells_are_named_file_sheet_cell(units: Path, tmp_path: Path) -> None:
    book = danchu.evidence.write_xlsx_template(tmp_path / "sai.xlsx", units, ["SNV"], rows=5)
    wb = openpyxl.load_workbook(book)
    ws = wb["conference_held"]
    cols = header_columns(ws)
    ws.cell(7, cols["date"]).value = "05/13/2025"
    ws.cell(7, cols["session"]).value = "regular"
    ws.cell(8, cols["date"]).value = datetime(2025, 4, 1)
    ws.cell(8, cols["present"]).value = "năm mươi"
    ws.cell(8, cols["session"]).value = "regular"
    ws.cell(6, cols["date"]).value = datetime(2025, 4, 2)
    ws.cell(6, cols["session"]).value = "regular"
    ws.cell(6, cols["summoned"]).value = "=40+24"  # openpyxl writes the formula, no computed value
    wb.save(book)
    with pytest.raises(danchu.Error) as e:
        danchu.evidence.read_xlsx(book, units)
    message = str(e.value)
    letter = openpyxl.utils.get_column_letter
    assert "sai.xlsx!conference_held!B7" in message and "US order" in message
    assert f"sai.xlsx!conference_held!{letter(cols['present'])}8" in message and "a whole number" in message
    assert f"sai.xlsx!conference_held!{letter(cols['summoned'])}6" in message
    assert "without a computed value" in message
    r = run("evaluate", "--units", str(units), "--events", str(book), "--period", "2025", check=False)
    assert r.returncode == 2 and "sai.xlsx!conference_held!B7" in r.stderr
    not_xlsx = tmp_path / "khong-phai.xlsx"
    not_xlsx.write_text("unit,kind,date\n", encoding="utf-8")
    with pytest.raises(danchu.Error, match="not an XLSX workbook"):
        danchu.evidence.read_xlsx(not_xlsx, units)


def test_report_xlsx_appendix_from_python_and_the_command_line(tmp_path: Path, repo_root: Path) -> None:
    example = Report.load(repo_root / "tests/render/example-report.json")
    doc = example.to_dict()
    doc["units"][0]["name"] = "=HYPERLINK(\"http://evil.example\",\"x\")\n<script>alert(1)</script>"
    evil = Report.from_json(doc)
    path = evil.save(tmp_path / "phu-luc.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["DonVi", "TonTai", "QuaHan", "SapDenHan", "VanDeDuLieu"]
    units = wb["DonVi"]
    assert [c.value for c in units[2]][:8] == ["Mã đơn vị", "Tên đơn vị", "Huyện", "Lĩnh vực", "Điểm", "Xếp loại",
                                               "Thứ hạng", "Đủ minh chứng"]
    assert all(nfc(c.value) for row in units.iter_rows() for c in row if isinstance(c.value, str))
    assert units.freeze_panes == "A3"
    assert units.auto_filter.ref == f"A2:L{2 + len(doc['units'])}"
    assert units["B3"].value == doc["units"][0]["name"] and units["B3"].data_type == "s"
    assert units["E3"].value == pytest.approx(doc["units"][0]["score"]) and units["E3"].number_format == "0.00"
    bands = {c.value for c in units["F"][2:]} - {None}
    assert bands <= {b["label"]["vi"] for b in doc["bands"]} and "Tốt" in bands
    overdue = wb["QuaHan"]
    assert overdue["E3"].is_date and overdue["E3"].number_format == "dd/mm/yyyy"
    assert overdue["E3"].value.date().isoformat() == doc["schedule"]["overdue"][0]["due"]
    en = openpyxl.load_workbook(example.save(tmp_path / "appendix-en.xlsx", lang="en"))
    assert en["DonVi"]["A2"].value == "Unit id"


def test_report_cli_xlsx_and_semicolon_csv(province: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    r = run("report", "--units", str(province / "organisation.json"), "--evidence",
            str(province / "evidence/2018-H1.json"), "--period", "2018-H1", "--previous-evidence",
            str(province / "evidence/2017-H2.json"), "--previous-period", "2017-H2", "--pack",
            "vn.bac-giang.2018-05-09", "--records", str(province / "records-vn.decree-04-2015.json"),
            "--as-of", "2018-06-14", "-o", str(out), "--xlsx", "--csv-separator", ";")
    assert "appendix.xlsx" in r.stdout
    wb = openpyxl.load_workbook(out / "appendix.xlsx")
    assert wb["DonVi"].max_row == 2 + len(json.loads((out / "report.json").read_text("utf-8"))["units"])
    raw = (out / "units.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    header = raw.decode("utf-8-sig").split("\r\n")[0]
    assert header.startswith("Mã đơn vị;Tên đơn vị;")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len({len(row) for row in rows}) == 1


def test_every_csv_written_has_bom_crlf_and_the_guard(units: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.json"
    events.write_text(json.dumps(EVENTS, ensure_ascii=False), encoding="utf-8")
    findings = tmp_path / "f.json"
    run("evaluate", "--units", str(units), "--events", str(events), "--period", "2025", "--json", "-o",
        str(findings))
    outputs = {
        "evaluate": run("evaluate", "--units", str(units), "--events", str(events), "--period", "2025",
                        "--format", "csv", "--csv-separator", ";").stdout,
        "score": run("score", str(findings), "--scheme", "xccdf-default", "--format", "csv",
                     "--csv-separator", ";").stdout,
        "template": run("template", "--pack", "vn.law-10-2022", "--organisation", str(units),
                        "--csv-separator", ";").stdout,
    }
    for name, text in outputs.items():
        assert text.startswith("\ufeff"), name
        rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
        assert len(rows) > 1 and len({len(r) for r in rows}) == 1, name
    raw = subprocess.run([danchu_exe(), "template", "--pack", "vn.law-10-2022", "--organisation", str(units)],
                         capture_output=True, check=True).stdout
    assert raw.startswith(b"\xef\xbb\xbfunit,fact,") and b"\r\n" in raw and b"\r\r\n" not in raw
    # the report's CSV: a hostile unit name starts with an apostrophe, stays one cell
    example = Report.from_json(
        {**(doc := json.loads((Path(__file__).parents[1] / "render/example-report.json").read_text("utf-8"))),
         "units": [{**doc["units"][0], "name": "=HYPERLINK(\"http://evil.example\",\"x\")"}, *doc["units"][1:]]})
    units_csv = example.to_csv(csv_separator=";")
    row = next(csv.reader(io.StringIO(units_csv[1:].split("\r\n")[1]), delimiter=";"))
    assert row[1] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    with pytest.raises(danchu.Error, match="expected"):
        example.to_csv(csv_separator="|")


def test_csv_input_with_semicolons_bom_and_vietnamese_dates(units: Path, tmp_path: Path) -> None:
    text = ("\ufeffunit;kind;date;session;covers_year;present;note\r\n"
            "SNV;conference_held;20/03/2025;regular;2024;58;\"họp; toàn thể\"\r\n")
    events = tmp_path / "events.csv"
    events.write_text(text, encoding="utf-8")
    pack = danchu.load_pack("vn.law-10-2022")
    org = danchu.load_organisation(units)
    ev = danchu.Evidence.from_events(events, pack, org, period="2025")
    assert ev.value("SNV", "conference.held_on").isoformat() == "2025-03-20"
    events.write_text(text.replace("20/03/2025", "03/20/2025"), encoding="utf-8")
    with pytest.raises(danchu.Error, match=r"US order.*20/03/2025"):
        danchu.Evidence.from_events(events, pack, org, period="2025")
    events.write_text(text.replace("20/03/2025", "20/03/25"), encoding="utf-8")
    with pytest.raises(danchu.Error, match="ambiguous"):
        danchu.Evidence.from_events(events, pack, org, period="2025")
