"""The report as an official document: DOCX in the format of Decree 30/2020/NĐ-CP
Appendix I (checks from ../shared/domain/sources/decree-30-2020-format.md §4) and
the PDF LibreOffice converts from it; and the Vietnamese-only outputs (no English
ids or messages, no absolute path of the machine) of `--lang vi`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from conftest import danchu_exe as _cli
from danchu.report import Report

docx = pytest.importorskip("docx")
from docx.shared import Mm  # noqa: E402

ARTEFACTS = ROOT / "build" / "test-artefacts"


def _args(province: Path) -> list[str]:
    return ["--units", str(province / "organisation.json"),
            "--evidence", str(province / "evidence/2018-H1.json"),
            "--previous-evidence", str(province / "evidence/2017-H2.json"),
            "--previous-period", "2017-H2", "--pack", "vn.bac-giang.2018-05-09",
            "--records", str(province / "records-vn.decree-04-2015.json"),
            "--period", "2018-H1", "--as-of", "2018-06-14", "--generated-on", "2018-06-18"]


@pytest.fixture(scope="module")
def hostile_province(province: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample province with hostile unit names (formula, markup, newline, very long)."""
    out = tmp_path_factory.mktemp("hostile")
    for f in province.rglob("*"):
        if f.is_file():
            (out / f.relative_to(province)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, out / f.relative_to(province))
    org = json.loads((out / "organisation.json").read_text(encoding="utf-8"))
    leaves = [u for u in org["units"] if u.get("parent")][-4:]
    leaves[0]["name"] = '=HYPERLINK("http://evil.invalid","x")'
    leaves[1]["name"] = "<script>alert(1)</script>"
    leaves[2]["name"] = "Trường\nhai dòng"
    leaves[3]["name"] = "Đơn vị " + "rất dài " * 60
    (out / "organisation.json").write_text(json.dumps(org, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def written(hostile_province: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    cfg = out.parent / "cfg.json"
    cfg.write_text(json.dumps({"number": "5", "signer": {"authority": "KT. GIÁM ĐỐC",
                                                         "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn A"}},
                              ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([_cli(), "report", *_args(hostile_province), "-o", str(out), "--docx", "--pdf",
                          "--config", str(cfg)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert str(out / "report.docx") in run.stdout and str(out / "report.pdf") in run.stdout
    return out


def _size(run: Any, para: Any) -> float:
    """The effective size of a run in points (run, then paragraph style, then Normal)."""
    for s in (run.font.size, para.style.font.size if para.style else None):
        if s is not None:
            return float(s.pt)
    return 14.0


def _paras(d: Any) -> list[Any]:
    out = list(d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                out += c.paragraphs
    return out


def test_docx_is_a_decree_30_document(written: Path) -> None:
    d = docx.Document(str(written / "report.docx"))
    sec = d.sections[0]
    # Appendix I §I.1-3: A4 portrait, margins top/bottom 20-25, left 30-35, right 15-20 mm.
    assert abs(sec.page_width - Mm(210)) < Mm(1) and abs(sec.page_height - Mm(297)) < Mm(1)
    assert Mm(20) - Mm(0.5) <= sec.top_margin <= Mm(25) and Mm(20) - Mm(0.5) <= sec.bottom_margin <= Mm(25)
    assert Mm(30) - Mm(0.5) <= sec.left_margin <= Mm(35) and Mm(15) - Mm(0.5) <= sec.right_margin <= Mm(20)
    # §I.7: a PAGE field in the header, none on the first page.
    assert sec.different_first_page_header_footer
    assert "PAGE" in sec.header._element.xml and "PAGE" not in sec.first_page_header._element.xml
    # §I.4: Times New Roman everywhere.
    styles = d.styles.element.xml
    assert "Times New Roman" in styles and not re.search(r'w:ascii="(?!Times New Roman)', styles)
    texts = {p.text for p in _paras(d)}
    full = "\n".join(p.text for p in _paras(d))
    assert unicodedata.is_normalized("NFC", full)
    # Letterhead (§II.1-4), with its sizes (§V).
    by_text = {p.text: p for p in _paras(d)}
    qh = by_text["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert qh.runs[0].bold and 12 <= _size(qh.runs[0], qh) <= 13
    tn = by_text["Độc lập - Tự do - Hạnh phúc"]
    assert tn.runs[0].bold and 13 <= _size(tn.runs[0], tn) <= 14
    assert "UBND TỈNH" in full and "SỞ NỘI VỤ" in texts
    assert any(t.startswith("Số: 05/BC-") for t in texts)
    date = next(p for p in _paras(d) if re.search(r", ngày \d\d tháng \d+ năm \d{4}$", p.text))
    assert date.runs[0].italic and 13 <= _size(date.runs[0], date) <= 14
    bc = by_text["BÁO CÁO"]
    assert bc.runs[0].bold and 13 <= _size(bc.runs[0], bc) <= 14
    assert any(t.startswith("Kết quả thực hiện dân chủ") for t in texts)
    # Signer (§V.7) and recipients (§V.8b: "Nơi nhận:" 12 bold italic, list 11).
    for t in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"):
        p = by_text[t]
        assert p.runs[0].bold and 13 <= _size(p.runs[0], p) <= 14
    nn = by_text["Nơi nhận:"]
    assert nn.runs[0].bold and nn.runs[0].italic and _size(nn.runs[0], nn) == 12
    lu = next(p for p in _paras(d) if p.text.startswith("- Lưu: VT"))
    assert _size(lu.runs[0], lu) == 11 and lu.text.endswith(".")
    # The body: 13-14 pt, the sections, the charts (tables with shaded cells).
    body = [p for p in d.paragraphs if p.style is not None and p.style.style_id == "DCBody" and p.runs]
    assert body and all(13 <= _size(p.runs[0], p) <= 14 for p in body)
    for head in ("I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ XẾP LOẠI", "III. NHỮNG TỒN TẠI, HẠN CHẾ",
                 "ĐỀ XUẤT, KIẾN NGHỊ"):
        assert any(head in t for t in texts), head
    assert "w:shd" in d.element.xml and "Biểu đồ 1." in full and "Biểu đồ 3." in full
    assert "Phụ lục I" in texts and "Phụ lục IV" in texts
    assert "{{" not in full


def test_hostile_names_stay_inert_text(written: Path) -> None:
    d = docx.Document(str(written / "report.docx"))
    full = "\n".join(p.text for p in _paras(d))
    assert '=HYPERLINK("http://evil.invalid","x")' in full
    assert "<script>alert(1)</script>" in full
    assert "Trường hai dòng" in full
    assert "rất dài rất dài" in full
    xml = d.element.xml
    assert "<script>" not in xml and "w:hyperlink" not in xml and "w:fldSimple" not in xml
    pdf = subprocess.run(["pdftotext", "-layout", str(written / "report.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert "<script>alert(1)</script>" in pdf and "=HYPERLINK(" in pdf


def test_pdf_text_pages_and_a_rendered_page(written: Path) -> None:
    pdf = written / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    pages = [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True,
                            text=True, check=True).stdout
             for i in range(1, 200)
             if info.returncode != 0 or i <= int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))]
    text = "\n".join(pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
    assert unicodedata.is_normalized("NFC", text)
    # The body a Chairman reads ends before Phụ lục I, in about ten pages; the
    # appendices add the unit lists (120 units: at least 3 pages).
    first_appendix = next(i for i, t in enumerate(pages, 1) if re.search(r"^\s*Phụ lục I\s*$", t, re.M))
    assert 3 <= first_appendix - 1 <= 14
    assert len(pages) >= first_appendix + 3
    # Page numbers: none on page 1, "2" on top of page 2.
    assert pages[1].lstrip().startswith("2")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTEFACTS / "report-page-1")], check=True)
    assert (ARTEFACTS / "report-page-1.png").stat().st_size > 5000


def test_python_save_gives_the_cli_files(written: Path, hostile_province: Path, tmp_path: Path) -> None:
    r = Report.load(written / "report.json")
    cfg = written.parent / "cfg.json"
    out = r.save(tmp_path / "bao-cao.docx", config=cfg)
    assert out.read_bytes() == (written / "report.docx").read_bytes()
    pdf = r.save(tmp_path / "bao-cao.pdf", config=cfg)
    assert pdf.read_bytes().startswith(b"%PDF")
    # `danchu render` reads the JSON back into the same DOCX.
    subprocess.run([_cli(), "render", str(written / "report.json"), "-o", str(tmp_path / "r.docx"),
                    "--config", str(cfg)], check=True, capture_output=True)
    assert (tmp_path / "r.docx").read_bytes() == out.read_bytes()


def test_bad_configuration_and_template_are_clear_errors(written: Path, tmp_path: Path) -> None:
    bad = tmp_path / "cfg.json"
    bad.write_text('{"numbr": "1"}', encoding="utf-8")
    run = subprocess.run([_cli(), "render", str(written / "report.json"), "-o", str(tmp_path / "x.docx"),
                          "--config", str(bad)], capture_output=True, text=True)
    assert run.returncode != 0 and "/numbr" in run.stderr and 'did you mean "number"' in run.stderr
    (tmp_path / "mine.docx").write_text("not a zip", encoding="utf-8")
    bad.write_text('{"template": "mine.docx"}', encoding="utf-8")
    run = subprocess.run([_cli(), "render", str(written / "report.json"), "-o", str(tmp_path / "x.docx"),
                          "--config", str(bad)], capture_output=True, text=True)
    assert run.returncode != 0 and "mine.docx: is not a DOCX file" in run.stderr
    r = Report.load(written / "report.json")
    with pytest.raises(Exception, match=r"LibreOffice .* was not found"):
        r.save(tmp_path / "x.pdf", soffice="/nonexistent/soffice")


# English ids and words that must not appear in a Vietnamese report.
_ENGLISH = re.compile(r"\b(administration|finance|education|health|culture|economy|infrastructure|justice|"
                      r"social|missing_evidence|unknown_unit|invalid_value|rule_error|parse|"
                      r"is not in the organisation|no evidence for unit|left out|expected|"
                      r"Decree|Circular|Law|Dispatch|in force)\b")


def test_vietnamese_outputs_have_no_english_and_no_absolute_path(written: Path) -> None:
    d = docx.Document(str(written / "report.docx"))
    outputs = {
        "report.html": re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ",
                              (written / "report.html").read_text(encoding="utf-8"), flags=re.S)),
        "report.md": (written / "report.md").read_text(encoding="utf-8"),
        "report.docx": "\n".join(p.text for p in _paras(d)),
    }
    for name, text in outputs.items():
        hits = sorted({m.group(0) for m in _ENGLISH.finditer(text)})
        assert not hits, f"{name}: English in the Vietnamese report: {hits}"
    raw = {"report.json": (written / "report.json").read_text(encoding="utf-8"), **outputs}
    for name, text in raw.items():
        for home in (str(written.parent.parent), str(Path.home()), "/tmp/", "/home/", "/work/"):
            assert home not in text, f"{name}: absolute path {home!r}"
