#!/usr/bin/env python3
"""Writes data/templates/report.docx, the DOCX template of the six-monthly report
in the format of Decree 30/2020/NĐ-CP, Appendix I (Mẫu 1.4 "Văn bản có tên loại",
Appendix III): A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm
(Appendix I §I.3); Times New Roman (§I.4); sizes per component (§V); page
numbers centred in the top margin, none on the first page (§I.7).

The template is a file a department may replace with its own (docs/report.md,
"Your own template"): danchu reads it with libzip and pugixml and fills the
{{placeholders}}. This script is how the bundled one is made (zipfile, a real
zip writer; fixed timestamps so the file is reproducible):
    .venv/bin/python scripts/make_report_template.py [OUT]
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
FONT = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" ' \
       'w:eastAsia="Times New Roman"/>'


def rpr(size: int, bold: bool = False, italic: bool = False, caps: bool = False) -> str:
    return ("<w:rPr>" + FONT + ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
            + ("<w:caps/>" if caps else "") + f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/></w:rPr>')


def para(text: str, size: int, bold: bool = False, italic: bool = False, jc: str = "center",
         style: str = "", extra_ppr: str = "") -> str:
    ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + extra_ppr + \
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>' + f'<w:jc w:val="{jc}"/>' + \
        rpr(size, bold, italic) + "</w:pPr>"
    run = f'<w:r>{rpr(size, bold, italic)}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def rule(indent_left: int, indent_right: int) -> str:
    """An empty paragraph whose bottom border is the rule under a line of the letterhead."""
    return ('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
            '<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>'
            f'<w:ind w:left="{indent_left}" w:right="{indent_right}"/><w:jc w:val="center"/>'
            '<w:rPr><w:sz w:val="8"/></w:rPr></w:pPr></w:p>')


def cell(width: int, body: str, valign: str = "top") -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="{valign}"/></w:tcPr>'
            f"{body}</w:tc>")


def borderless_table(widths: list[int], rows: list[list[str]]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = ('<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
           '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
           '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>%s</w:tblGrid>') % (sum(widths), grid)
    for row in rows:
        out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cell(w, c) for w, c in zip(widths, row)) + "</w:tr>"
    return out + "</w:tbl>"


# A4 portrait in twips (1 mm = 56.7 twips); text width 210 - 30 - 15 = 165 mm = 9354 twips.
LEFT, RIGHT = 3600, 5754

letterhead = borderless_table([LEFT, RIGHT], [
    [para("{{governing_body}}", 13) + para("{{issuing_body}}", 13, bold=True) + rule(1100, 1100),
     para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
     + para("Độc lập - Tự do - Hạnh phúc", 13, bold=True) + rule(1520, 1520)],
    [para("Số: {{number}}/{{symbol}}", 13, extra_ppr="") ,
     para("{{place}}, ngày {{day}} tháng {{month}} năm {{year}}", 14, italic=True)],
])

signature = borderless_table([4300, 5054], [
    [para("Nơi nhận:", 12, bold=True, italic=True, jc="left") + para("{{recipients}}", 11, jc="left"),
     para("{{signer_authority}}", 14, bold=True) + para("{{signer_title}}", 14, bold=True)
     + para("", 14) + para("", 14) + para("", 14) + para("", 14)
     + para("{{signer_name}}", 14, bold=True)],
])

document = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
{letterhead}
{para("", 14)}
{para("BÁO CÁO", 14, bold=True)}
{para("{{summary}}", 14, bold=True)}
{rule(3400, 3400)}
{para("", 14)}
{para("Kính gửi: {{addressees}}", 14)}
{para("{{body}}", 14, jc="both", style="DCBody")}
{signature}
{para("{{appendices}}", 14, style="DCBody")}
<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:headerReference w:type="first" r:id="rIdHeader2"/>
<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>
<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>
<w:titlePg/></w:sectPr>
</w:body></w:document>
"""


def style(sid: str, name: str, size: int, bold: bool = False, italic: bool = False, jc: str = "left",
          first_line: int = 0, before: int = 0, after: int = 0, line: int = 240, keep_next: bool = False,
          kind: str = "paragraph") -> str:
    ppr = ("<w:pPr>" + ("<w:keepNext/>" if keep_next else "")
           + f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>'
           + (f'<w:ind w:firstLine="{first_line}"/>' if first_line else "") + f'<w:jc w:val="{jc}"/></w:pPr>')
    return (f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:qFormat/>{ppr}{rpr(size, bold, italic)}</w:style>')


styles = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr>{FONT}<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>
<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>{rpr(14)}</w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>
<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="DCTableGrid"><w:name w:val="danchu table"/><w:basedOn w:val="TableNormal"/>
<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>
<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
{style("DCBody", "danchu body", 14, jc="both", first_line=567, before=120, line=288)}
{style("DCHeading1", "danchu heading 1", 14, bold=True, jc="both", first_line=567, before=240, after=60, line=288, keep_next=True)}
{style("DCHeading2", "danchu heading 2", 14, bold=True, jc="both", first_line=567, before=120, line=288, keep_next=True)}
{style("DCTable", "danchu table text", 12)}
{style("DCTableHead", "danchu table heading", 12, bold=True, jc="center")}
{style("DCCaption", "danchu caption", 13, italic=True, jc="center", before=60, after=60)}
{style("DCAppendixNo", "danchu appendix number", 14, bold=True, jc="center")}
{style("DCAppendixTitle", "danchu appendix title", 14, bold=True, jc="center")}
{style("DCRecipient", "danchu recipient", 11)}
{style("DCPageNumber", "danchu page number", 14, jc="center")}
</w:styles>
"""

header_page = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W}><w:p><w:pPr><w:pStyle w:val="DCPageNumber"/><w:jc w:val="center"/></w:pPr>
<w:r>{rpr(14)}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr(14)}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
<w:r>{rpr(14)}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr(14)}<w:t>2</w:t></w:r><w:r>{rpr(14)}<w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>
"""
header_first = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W}><w:p><w:pPr><w:pStyle w:val="DCPageNumber"/></w:pPr></w:p></w:hdr>
"""
settings = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
"""
content_types = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>
"""
rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>
"""
doc_rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rIdHeader2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
</Relationships>
"""
core = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{{summary}}</dc:title><dc:creator>{{issuing_body}}</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>
"""

PARTS = [
    ("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("docProps/core.xml", core),
    ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels), ("word/styles.xml", styles),
    ("word/settings.xml", settings), ("word/header1.xml", header_page), ("word/header2.xml", header_first),
]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "data/templates/report.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS:
            info = zipfile.ZipInfo(name, date_time=(2020, 3, 5, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
