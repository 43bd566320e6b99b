// The DOCX template reader and filler (danchu_office, libzip + pugixml) and the
// report as a Decree 30/2020/NĐ-CP document (format: Appendix I; the checks in
// ../shared/domain/sources/decree-30-2020-format.md §4).

#include "catch.hpp"
#include "report_fixture.hpp"

#include <danchu/office/docx.hpp>

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <string>

namespace o = danchu::office;
using danchu_test::example_report;

namespace {

const std::string data_dir = std::string(DANCHU_TEST_SOURCE_DIR) + "/data";
const std::string bundled = data_dir + "/templates/report.docx";

// A zip made with libzip from name -> content.
std::string make_zip(const std::map<std::string, std::string>& parts) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
    zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &err);
    zip_source_keep(out);
    for (const auto& [name, text] : parts)
        zip_file_add(z, name.c_str(), zip_source_buffer(z, text.data(), text.size(), 0), ZIP_FL_OVERWRITE);
    zip_close(z);
    zip_stat_t st;
    zip_source_open(out);
    zip_source_stat(out, &st);
    std::string bytes(st.size, '\0');
    zip_source_read(out, bytes.data(), st.size);
    zip_source_close(out);
    zip_source_free(out);
    zip_error_fini(&err);
    return bytes;
}

const char* const ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string doc_xml(const std::string& body) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document ") + ns + "><w:body>" + body +
           "</w:body></w:document>";
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const danchu::error& e) {
        return e.what();
    }
    return "";
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("the bundled template holds the placeholders of Mẫu 1.4 and the A4 page of Appendix I",
          "[office]") {
    const auto t = o::docx_template::load(bundled);
    const auto ph = t.placeholders();
    for (const char* want :
         {"governing_body", "issuing_body", "number", "symbol", "place", "day", "month", "year", "summary",
          "addressees", "body", "recipients", "signer_title", "signer_name", "appendices"})
        CHECK(std::find(ph.begin(), ph.end(), want) != ph.end());
    const std::string doc = t.part("word/document.xml");
    // Appendix I §I.1-3: A4 portrait (11906 x 16838 twips), margins top and
    // bottom 20 mm (1134), left 30 mm (1701), right 15 mm (851).
    CHECK(doc.find("w:w=\"11906\" w:h=\"16838\"") != std::string::npos);
    CHECK(doc.find("w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\"") != std::string::npos);
    // §I.7: page numbers in the top margin, none on the first page.
    CHECK(doc.find("<w:titlePg") != std::string::npos);
    CHECK(t.part("word/header1.xml").find(" PAGE ") != std::string::npos);
    CHECK(t.part("word/styles.xml").find("Times New Roman") != std::string::npos);
}

TEST_CASE("a placeholder split over several runs is filled, and the text stays inert", "[office]") {
    // Word splits {{name}} when a part of it was edited: "{{gov", "erning_bo", "dy}} x".
    const std::string bytes =
        make_zip({{"[Content_Types].xml", "<Types/>"},
                  {"word/document.xml",
                   doc_xml("<w:p><w:r><w:t>A {{gov</w:t></w:r><w:r><w:t>erning_bo</w:t></w:r><w:r><w:t>dy}} "
                           "B</w:t></w:r></w:p>"
                           "<w:p><w:r><w:t>{{body}}</w:t></w:r></w:p>")}});
    auto t = o::docx_template::from_bytes(bytes, "split.docx");
    CHECK(t.placeholders() == std::vector<std::string>{"governing_body", "body"});
    t.set_text({{"governing_body", "=HYPERLINK(\"x\") <script>&\nhai"}});
    const std::string doc = t.part("word/document.xml");
    CHECK(doc.find("A =HYPERLINK(\"x\") &lt;script&gt;&amp; hai") != std::string::npos);
    CHECK(doc.find("{{body}}") != std::string::npos);
    CHECK(doc.find(" B</w:t>") != std::string::npos);
    // Blocks replace the paragraph that holds only the placeholder.
    t.set_block("body", "<w:p><w:r><w:t>one</w:t></w:r></w:p><w:tbl/>");
    const std::string after = t.part("word/document.xml");
    CHECK(after.find("{{body}}") == std::string::npos);
    CHECK(after.find("<w:t>one</w:t></w:r></w:p><w:tbl") != std::string::npos);
    // Written with libzip and read back.
    const auto again = o::docx_template::from_bytes(t.save(), "again.docx");
    const std::string back = again.part("word/document.xml");
    CHECK(back.find("A =HYPERLINK(\"x\") &lt;script&gt;&amp; hai") != std::string::npos);
    CHECK(back.find("<w:t>one</w:t></w:r></w:p><w:tbl") != std::string::npos);
}

TEST_CASE("bad templates give clear errors naming the file and the part", "[office]") {
    CHECK_THAT(message_of([] { o::docx_template::load("/nonexistent/dir/mine.docx"); }),
               danchu_test::contains("[danchu.office] /nonexistent/dir/mine.docx: cannot open"));
    CHECK_THAT(message_of([] { o::docx_template::from_bytes("this is not a zip", "x.docx"); }),
               danchu_test::contains("x.docx: is not a DOCX file: not a readable zip archive"));
    CHECK_THAT(message_of([] { o::docx_template::from_bytes("", "e.docx"); }),
               danchu_test::contains("e.docx: is empty"));
    CHECK_THAT(message_of([] {
                   o::docx_template::from_bytes(
                       make_zip({{"[Content_Types].xml", "<Types/>"}, {"a.txt", "x"}}), "nodoc.docx");
               }),
               danchu_test::contains("nodoc.docx: has no word/document.xml"));
    CHECK_THAT(message_of([] {
                   o::docx_template::from_bytes(make_zip({{"[Content_Types].xml", "<Types/>"},
                                                          {"word/document.xml", "<w:document><w:body>"}}),
                                                "bad.docx");
               }),
               danchu_test::contains("bad.docx: word/document.xml: not well-formed XML"));
    // A template without {{body}}: named with its part.
    const std::string no_body =
        make_zip({{"[Content_Types].xml", "<Types/>"},
                  {"word/document.xml", doc_xml("<w:p><w:r><w:t>{{number}} {{summary}}</w:t></w:r></w:p>")}});
    const auto t = o::docx_template::from_bytes(no_body, "mine.docx");
    const auto doc = example_report();
    CHECK_THAT(
        message_of([&] { o::to_docx(doc, o::default_config(doc), t); }),
        danchu_test::contains("mine.docx: word/document.xml: the template has no {{body}} placeholder"));
    const std::string unknown =
        make_zip({{"[Content_Types].xml", "<Types/>"},
                  {"word/document.xml", doc_xml("<w:p><w:r><w:t>{{bdy}}</w:t></w:r></w:p>")}});
    CHECK_THAT(message_of([&] {
                   o::to_docx(doc, o::default_config(doc), o::docx_template::from_bytes(unknown, "u.docx"));
               }),
               danchu_test::contains("u.docx: unknown placeholder {{bdy}}: expected one of"));
    // set_block on a placeholder that is not alone in its paragraph.
    auto t2 = o::docx_template::from_bytes(no_body, "mine.docx");
    CHECK_THAT(message_of([&] { t2.set_block("number", "<w:p/>"); }),
               danchu_test::contains(
                   "mine.docx: word/document.xml: no paragraph holds only the placeholder {{number}}"));
}

TEST_CASE("the report fills the template: letterhead, number, date, signer, body, appendices", "[office]") {
    auto doc = example_report();
    doc.units[0].name = "=HYPERLINK(\"http://evil.invalid\") <script>x</script>\nhai dòng";
    auto cfg = o::default_config(doc);
    cfg.number = "5";
    cfg.signer_name = "Nguyễn Văn A";
    cfg.date = "2018-07-03";
    const std::string bytes = o::to_docx(doc, cfg, data_dir);
    REQUIRE(bytes.rfind("PK", 0) == 0);
    // The same inputs give the same bytes (the CLI and Python write identical files).
    CHECK(o::to_docx(doc, cfg, data_dir) == bytes);
    const auto out = o::docx_template::from_bytes(bytes, "out.docx");
    CHECK(out.placeholders().empty());
    const std::string x = out.part("word/document.xml");
    CHECK(x.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
    CHECK(x.find("Số: 05/BC-SNV") != std::string::npos);            // §II.3.c: leading zero below 10
    CHECK(x.find("ngày 03 tháng 7 năm 2018") != std::string::npos); // §II.4.b
    CHECK(x.find(o::default_config(doc).governing_body) != std::string::npos);
    CHECK(x.find("Nguyễn Văn A") != std::string::npos);
    CHECK(x.find("- Lưu: VT, XDCQ.") != std::string::npos);
    CHECK(x.find("ĐỀ XUẤT, KIẾN NGHỊ") != std::string::npos);
    CHECK(x.find("Phụ lục I") != std::string::npos);
    CHECK(x.find("&lt;script&gt;x&lt;/script&gt; hai dòng") != std::string::npos);
    CHECK(x.find("<script>") == std::string::npos);
    CHECK(count(x, "w:pageBreakBefore") >= 4); // each appendix on its own page
}

TEST_CASE("the configuration file is validated with errors naming the file and pointer", "[office]") {
    const auto doc = example_report();
    const auto dir = std::filesystem::temp_directory_path() / "danchu-office-test";
    std::filesystem::create_directories(dir);
    auto write = [&](const std::string& text) {
        const auto p = (dir / "cfg.json").string();
        std::ofstream(p) << text;
        return p;
    };
    const auto ok =
        o::load_config(write(R"({"number": 7, "signer": {"name": "Trần B"}, "template": "mine.docx"})"), doc);
    CHECK(ok.number == "7");
    CHECK(ok.signer_name == "Trần B");
    CHECK(ok.signer_title == "GIÁM ĐỐC");
    CHECK(ok.template_path == (dir / "mine.docx").string());
    CHECK_THAT(message_of([&] { o::load_config(write(R"({"numbr": "1"})"), doc); }),
               danchu_test::contains("cfg.json:/numbr: unknown key \"numbr\"; did you mean \"number\"?"));
    CHECK_THAT(message_of([&] { o::load_config(write(R"({"number": "12a"})"), doc); }),
               danchu_test::contains("cfg.json:/number: expected the document's number"));
    CHECK_THAT(message_of([&] { o::load_config(write(R"({"recipients": ["a", 3]})"), doc); }),
               danchu_test::contains("cfg.json:/recipients/1: expected a non-empty string"));
    CHECK_THAT(message_of([&] { o::load_config(write(R"({"signer": {"nam": "x"}})"), doc); }),
               danchu_test::contains("cfg.json:/signer/nam: unknown key"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("a missing LibreOffice is a clear error", "[office]") {
    o::pdf_options opt;
    opt.soffice = "/nonexistent/soffice";
    CHECK_THAT(message_of([&] { o::docx_to_pdf("PK", opt); }),
               danchu_test::contains("LibreOffice (/nonexistent/soffice) was not found") &&
                   danchu_test::contains("libreoffice-writer-nogui"));
}
