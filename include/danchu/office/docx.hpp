#pragma once
/// @file
/// The six-monthly report as an official administrative document: DOCX in the
/// format of Decree 30/2020/NĐ-CP, Appendix I (Mẫu 1.4 "Văn bản có tên loại",
/// Appendix III), and PDF converted from that DOCX by LibreOffice.
///
/// NOT header-only: these functions live in the compiled static library
/// `danchu_office` (src/office/, libzip and pugixml), which the command-line
/// tool and the Python extension link. The umbrella header <danchu/danchu.hpp>
/// leaves this folder out (scripts/check_includes.py says so).
///
/// One implementation for every door: `danchu report --docx --pdf`, the C++
/// functions below and Python's `Report.save("bao-cao.docx")` / `.pdf` give
/// the same bytes for the same document, configuration and template.

#include <danchu/report/document.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace danchu::office {

/// What a department edits (data/schemas/report-config.schema.json): the
/// letterhead, the number, place, addressees, recipients, signer and the
/// proposals of the report. Every field has a default (`default_config`).
struct report_config {
    std::string governing_body; ///< "UBND TỈNH BẮC GIANG" (cell 2, upper line); default from the province
    std::string issuing_body;   ///< "SỞ NỘI VỤ" (cell 2, bold)
    std::string number;         ///< "05" (cell 3); empty: left blank for the clerk
    std::string symbol;         ///< "BC-SNV" (cell 3: type abbreviation BC, Appendix III)
    std::string place;          ///< "Bắc Giang" (cell 4); default the province
    std::string date;           ///< ISO date of the document (cell 4); empty: the report's generated_on
    std::string summary;        ///< trích yếu (cell 5a); empty: built from the period
    std::vector<std::string> addressees; ///< "Kính gửi"; default the report's recipient
    std::vector<std::string> recipients; ///< "Nơi nhận" (cell 9b), the last usually "Lưu: VT, ..."
    std::string signer_authority;        ///< "KT. GIÁM ĐỐC" (cell 7a); may be empty
    std::string signer_title;            ///< "PHÓ GIÁM ĐỐC" (cell 7a)
    std::string signer_name;             ///< "Nguyễn Văn A" (cell 7c); empty: left blank
    std::vector<std::string> proposals;  ///< the proposals section; empty: danchu's defaults
    std::string template_path; ///< a department's own DOCX template; empty: data/templates/report.docx
};

/// The configuration with every default filled in from the report (province,
/// recipient, period) — what `load_config` starts from.
report_config default_config(const report::document& doc);

/// Reads a configuration file (JSON, data/schemas/report-config.schema.json)
/// over `default_config(doc)`. A relative `template` is relative to the file.
/// @throws parse_error naming the file and JSON pointer: unknown key (with the
///         keys allowed), wrong type, a date that is not YYYY-MM-DD, a number
///         that is not 1 to 4 digits.
report_config load_config(const std::string& path, const report::document& doc);

/// The proposals danchu writes when the configuration gives none (editable:
/// the `proposals` of the configuration file replace them).
std::vector<std::string> default_proposals(const report::document& doc);

/// The bundled template: `<data_dir>/templates/report.docx`.
std::string default_template_path(const std::string& data_dir);

/// A DOCX template read into memory: its parts (zip entries) as bytes, and
/// the placeholders `{{name}}` it holds. Read with libzip, parsed with
/// pugixml; written back with libzip.
class docx_template {
public:
    /// Reads a template file.
    /// @throws error ("office") naming the file: missing, not a zip, no
    ///         word/document.xml, a part that is not well-formed XML (naming
    ///         the part), an entry too large (more than 64 MiB uncompressed).
    static docx_template load(const std::string& path);
    /// Reads a template from bytes; `name` is used in messages.
    static docx_template from_bytes(const std::string& bytes, const std::string& name);

    /// The placeholders found in the document, its headers and footers, in
    /// order of first appearance (`governing_body`, `body`, ...).
    std::vector<std::string> placeholders() const;

    /// Replaces `{{name}}` by plain text everywhere (document, headers,
    /// footers, core properties), also when Word split the placeholder over
    /// several runs. The text is inert: XML-escaped by pugixml; a newline
    /// becomes a line break, other control characters a space.
    void set_text(const std::map<std::string, std::string>& values);

    /// Replaces the paragraph that holds only `{{name}}` by the block-level
    /// WordprocessingML in `xml` (paragraphs and tables, the children of one
    /// `<w:body>` element in the main namespace).
    /// @throws error ("office") naming the file and part when no paragraph
    ///         holds the placeholder alone.
    void set_block(const std::string& name, const std::string& xml);

    /// Replaces the paragraph that holds only `{{name}}` by one copy of it per
    /// line (same paragraph and run properties), each with its line of text.
    /// @throws error ("office") as `set_block`.
    void set_lines(const std::string& name, const std::vector<std::string>& lines);

    /// The style ids defined in word/styles.xml.
    std::vector<std::string> styles() const;

    /// A part (zip entry) as text, XML parts re-serialised; empty when absent.
    std::string part(const std::string& name) const;

    /// The filled document as DOCX bytes (a new zip: every part of the
    /// template, the changed ones re-serialised).
    std::string save() const;

    const std::string& name() const { return name_; }

    docx_template();
    ~docx_template();
    docx_template(docx_template&&) noexcept;
    docx_template& operator=(docx_template&&) noexcept;

private:
    struct impl;
    std::string name_;
    impl* p_ = nullptr;
};

/// The report as DOCX bytes, from `tpl` (checked first: the placeholders
/// `body`, `appendices`, `number`, `summary`, `signer_name` and the
/// paragraph styles the body uses must be there, and no unknown placeholder).
/// @throws error ("office") naming the template and what is missing.
std::string to_docx(const report::document& doc, const report_config& config, const docx_template& tpl);

/// Same, reading the template named by `config.template_path` (or the bundled
/// one under `data_dir`).
std::string to_docx(const report::document& doc, const report_config& config, const std::string& data_dir);

/// How to call LibreOffice.
struct pdf_options {
    std::string soffice; ///< program; empty: $DANCHU_SOFFICE, else "soffice" on PATH
    int timeout_seconds = 180;
};

/// Converts DOCX bytes to PDF bytes with LibreOffice headless (`soffice
/// --headless --convert-to pdf`), in a private profile folder
/// (`-env:UserInstallation`) under a new temporary folder, removed after.
/// @throws error ("office"): soffice missing (says which package installs
///         it), timed out (killed), failed (its exit status and output).
std::string docx_to_pdf(const std::string& docx, const pdf_options& options = {});

} // namespace danchu::office
