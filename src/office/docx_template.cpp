// The DOCX template: read with libzip (from a file or bytes), its XML parts
// parsed with pugixml, placeholders {{name}} filled, written back with
// libzip. No zip or XML is written by hand here.

#include "office_detail.hpp"

#include <danchu/core/error.hpp>
#include <danchu/office/docx.hpp>

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace danchu::office {

namespace {

constexpr const char* main_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::uint64_t max_entry = 64ull << 20;  // bytes, uncompressed
constexpr std::uint64_t max_total = 256ull << 20; // bytes, uncompressed
constexpr std::int64_t max_entries = 4096;

[[noreturn]] void fail(const std::string& file, const std::string& what) {
    throw error("office", file + ": " + what);
}

bool is_xml_part(const std::string& name) {
    return name == "word/document.xml" || name == "word/styles.xml" || name == "docProps/core.xml" ||
           (name.rfind("word/header", 0) == 0 && name.size() > 4 && name.substr(name.size() - 4) == ".xml" &&
            name.find('/', 5) == 4) ||
           (name.rfind("word/footer", 0) == 0 && name.size() > 4 && name.substr(name.size() - 4) == ".xml" &&
            name.find('/', 5) == 4);
}

struct zip_closer {
    void operator()(zip_t* z) const {
        if (z) zip_discard(z);
    }
};

// pugixml writer into a std::string.
struct string_writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// A placeholder name: lower-case ASCII letters, digits and '_'.
bool valid_name(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

} // namespace

struct docx_template::impl {
    struct part {
        std::string name;
        std::string bytes;                       // raw bytes (non-XML parts, or XML before parse)
        std::unique_ptr<pugi::xml_document> xml; // parsed XML parts
    };
    std::vector<part> parts;
    std::string prefix = "w"; // prefix of the WordprocessingML namespace in document.xml

    part* find(const std::string& name) {
        for (auto& p : parts)
            if (p.name == name) return &p;
        return nullptr;
    }
    const part* find(const std::string& name) const {
        for (auto& p : parts)
            if (p.name == name) return &p;
        return nullptr;
    }
};

docx_template::docx_template() = default;
docx_template::~docx_template() { delete p_; }
docx_template::docx_template(docx_template&& o) noexcept : name_(std::move(o.name_)), p_(o.p_) {
    o.p_ = nullptr;
}
docx_template& docx_template::operator=(docx_template&& o) noexcept {
    if (this != &o) {
        delete p_;
        name_ = std::move(o.name_);
        p_ = o.p_;
        o.p_ = nullptr;
    }
    return *this;
}

docx_template docx_template::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot open the DOCX template (missing or unreadable)");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) fail(path, "cannot read the DOCX template");
    return from_bytes(ss.str(), path);
}

docx_template docx_template::from_bytes(const std::string& bytes, const std::string& name) {
    docx_template t;
    t.name_ = name;
    t.p_ = new impl;
    if (bytes.empty()) fail(name, "is empty: expected a DOCX file (a zip archive)");
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
    if (!src) {
        zip_error_fini(&zerr);
        fail(name, "cannot read the bytes");
    }
    std::unique_ptr<zip_t, zip_closer> za(zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr));
    if (!za) {
        const std::string why = zip_error_strerror(&zerr);
        zip_source_free(src);
        zip_error_fini(&zerr);
        fail(name, "is not a DOCX file: not a readable zip archive (" + why + ")");
    }
    zip_error_fini(&zerr);
    const zip_int64_t n = zip_get_num_entries(za.get(), 0);
    if (n < 0 || n > max_entries)
        fail(name,
             "has " + std::to_string(n) + " zip entries: expected at most " + std::to_string(max_entries));
    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME))
            fail(name, "zip entry " + std::to_string(i) + " cannot be read");
        std::string entry = st.name;
        if (entry.empty() || entry.back() == '/') continue; // folders
        if (!(st.valid & ZIP_STAT_SIZE) || st.size > max_entry)
            fail(name, entry + ": the part is larger than 64 MiB uncompressed");
        total += st.size;
        if (total > max_total) fail(name, "the parts add up to more than 256 MiB uncompressed");
        for (const auto& p : t.p_->parts)
            if (p.name == entry) fail(name, entry + ": the part appears twice in the zip archive");
        zip_file_t* zf = zip_fopen_index(za.get(), static_cast<zip_uint64_t>(i), 0);
        if (!zf) fail(name, entry + ": the part cannot be opened (" + zip_strerror(za.get()) + ")");
        std::string data(static_cast<std::size_t>(st.size), '\0');
        zip_int64_t got = 0;
        while (static_cast<zip_uint64_t>(got) < st.size) {
            const zip_int64_t r = zip_fread(zf, data.data() + got, st.size - static_cast<zip_uint64_t>(got));
            if (r <= 0) break;
            got += r;
        }
        char extra;
        const bool more = zip_fread(zf, &extra, 1) > 0;
        zip_fclose(zf);
        if (static_cast<zip_uint64_t>(got) != st.size || more)
            fail(name, entry + ": the part cannot be read (corrupt or truncated zip entry)");
        impl::part p;
        p.name = entry;
        p.bytes = std::move(data);
        t.p_->parts.push_back(std::move(p));
    }
    if (!t.p_->find("word/document.xml")) fail(name, "has no word/document.xml: not a Word (DOCX) document");
    if (!t.p_->find("[Content_Types].xml")) fail(name, "has no [Content_Types].xml: not a DOCX package");
    for (auto& p : t.p_->parts) {
        if (!is_xml_part(p.name)) continue;
        p.xml = std::make_unique<pugi::xml_document>();
        const auto r =
            p.xml->load_buffer(p.bytes.data(), p.bytes.size(),
                               pugi::parse_default | pugi::parse_declaration | pugi::parse_ws_pcdata_single,
                               pugi::encoding_utf8);
        if (!r)
            fail(name, p.name + ": not well-formed XML at byte " + std::to_string(r.offset) + " (" +
                           r.description() + ")");
        p.bytes.clear();
    }
    // The prefix the document uses for the main namespace (Word and
    // LibreOffice write "w"); the body danchu inserts uses "w".
    const pugi::xml_node root = t.p_->find("word/document.xml")->xml->document_element();
    std::string prefix;
    for (const auto& a : root.attributes()) {
        const std::string an = a.name();
        if (an.rfind("xmlns:", 0) == 0 && std::string(a.value()) == main_ns) prefix = an.substr(6);
    }
    if (prefix != "w")
        fail(name,
             "word/document.xml: the WordprocessingML namespace must have the prefix \"w\" (as Word and "
             "LibreOffice write it)" +
                 (prefix.empty() ? std::string(", and it is not declared on the root element")
                                 : ", found \"" + prefix + "\""));
    if (!root.child("w:body")) fail(name, "word/document.xml: no <w:body> element");
    return t;
}

namespace {

// Every paragraph (w:p) under `node`, in document order, nested ones included.
void paragraphs(pugi::xml_node node, std::vector<pugi::xml_node>& out) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (std::string_view(c.name()) == "w:p") out.push_back(c);
        paragraphs(c, out);
    }
}

// The text nodes (w:t) of one paragraph, not those of paragraphs nested in it.
void texts(pugi::xml_node node, std::vector<pugi::xml_node>& out) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string_view n = c.name();
        if (n == "w:p") continue;
        if (n == "w:t")
            out.push_back(c);
        else
            texts(c, out);
    }
}

std::string text_of(const std::vector<pugi::xml_node>& ts) {
    std::string s;
    for (const auto& t : ts) s += t.text().get();
    return s;
}

void set_t(pugi::xml_node t, const std::string& value) {
    t.text().set(value.c_str());
    if (!t.attribute("xml:space")) t.append_attribute("xml:space") = "preserve";
}

// Placeholders of one paragraph: (name, begin, end) over the joined text.
struct found {
    std::string name;
    std::size_t begin, end;
};
std::vector<found> scan(const std::string& s) {
    std::vector<found> out;
    for (std::size_t at = s.find("{{"); at != std::string::npos; at = s.find("{{", at + 2)) {
        const std::size_t close = s.find("}}", at + 2);
        if (close == std::string::npos) break;
        std::string name = s.substr(at + 2, close - at - 2);
        const auto b = name.find_first_not_of(' '), e = name.find_last_not_of(' ');
        name = b == std::string::npos ? std::string() : name.substr(b, e - b + 1);
        if (valid_name(name)) out.push_back({name, at, close + 2});
    }
    return out;
}

// Replaces [begin, end) of the paragraph's joined text by `value`, editing the
// text nodes: the first node touched gets the value, the others lose the
// characters of the range.
void splice(std::vector<pugi::xml_node>& ts, std::size_t begin, std::size_t end, const std::string& value) {
    std::size_t off = 0;
    bool placed = false;
    for (auto& t : ts) {
        std::string s = t.text().get();
        const std::size_t a = off, b = off + s.size();
        off = b;
        if (b <= begin || a >= end) {
            if (!(a == b && a == begin && !placed)) continue;
        }
        const std::size_t lo = std::max(begin, a) - a, hi = std::min(end, b) - a;
        std::string next = s.substr(0, lo) + (placed ? std::string() : value) + s.substr(hi);
        placed = true;
        set_t(t, next);
    }
}

} // namespace

std::vector<std::string> docx_template::placeholders() const {
    std::vector<std::string> out;
    for (const auto& part : p_->parts) {
        if (!part.xml || part.name == "word/styles.xml") continue;
        std::vector<pugi::xml_node> ps;
        paragraphs(part.xml->document_element(), ps);
        std::vector<std::string> plain; // core.xml: plain elements
        if (part.name == "docProps/core.xml")
            for (pugi::xml_node c : part.xml->document_element().children())
                for (const auto& f : scan(c.text().get()))
                    if (std::find(out.begin(), out.end(), f.name) == out.end()) out.push_back(f.name);
        for (const auto& p : ps) {
            std::vector<pugi::xml_node> ts;
            texts(p, ts);
            for (const auto& f : scan(text_of(ts)))
                if (std::find(out.begin(), out.end(), f.name) == out.end()) out.push_back(f.name);
        }
    }
    return out;
}

void docx_template::set_text(const std::map<std::string, std::string>& values) {
    for (auto& part : p_->parts) {
        if (!part.xml || part.name == "word/styles.xml") continue;
        if (part.name == "docProps/core.xml") {
            for (pugi::xml_node c : part.xml->document_element().children()) {
                std::string s = c.text().get();
                bool changed = false;
                for (auto fs = scan(s); !fs.empty(); fs = scan(s)) {
                    auto it = std::find_if(fs.begin(), fs.end(),
                                           [&](const found& f) { return values.count(f.name); });
                    if (it == fs.end()) break;
                    s.replace(it->begin, it->end - it->begin, detail::clean_text(values.at(it->name)));
                    changed = true;
                }
                if (changed) c.text().set(s.c_str());
            }
            continue;
        }
        std::vector<pugi::xml_node> ps;
        paragraphs(part.xml->document_element(), ps);
        for (const auto& p : ps) {
            std::vector<pugi::xml_node> ts;
            texts(p, ts);
            // Replace from the last placeholder back: earlier offsets stay valid.
            auto fs = scan(text_of(ts));
            for (auto it = fs.rbegin(); it != fs.rend(); ++it) {
                auto v = values.find(it->name);
                if (v == values.end()) continue;
                splice(ts, it->begin, it->end, detail::clean_text(v->second));
            }
        }
    }
}

namespace {

// The paragraph of word/document.xml that holds only {{name}}.
pugi::xml_node block_paragraph(pugi::xml_document& doc, const std::string& name, const std::string& file) {
    std::vector<pugi::xml_node> ps;
    paragraphs(doc.document_element(), ps);
    for (const auto& p : ps) {
        std::vector<pugi::xml_node> ts;
        texts(p, ts);
        std::string s = text_of(ts);
        const auto b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
        if (b != std::string::npos && s.substr(b, e - b + 1) == "{{" + name + "}}") return p;
    }
    fail(file, "word/document.xml: no paragraph holds only the placeholder {{" + name +
                   "}} (it must be alone in its paragraph)");
}

} // namespace

void docx_template::set_block(const std::string& name, const std::string& xml) {
    auto& doc = *p_->find("word/document.xml")->xml;
    pugi::xml_node p = block_paragraph(doc, name, name_);
    pugi::xml_document frag;
    const std::string wrapped = std::string("<w:body xmlns:w=\"") + main_ns +
                                "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                "relationships\">" +
                                xml + "</w:body>";
    const auto r = frag.load_buffer(wrapped.data(), wrapped.size(),
                                    pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
    if (!r)
        throw error("office", "{{" + name + "}}: the generated content is not well-formed XML (" +
                                  r.description() + ")");
    pugi::xml_node parent = p.parent();
    for (pugi::xml_node c = frag.document_element().first_child(); c; c = c.next_sibling())
        parent.insert_copy_before(c, p);
    parent.remove_child(p);
}

void docx_template::set_lines(const std::string& name, const std::vector<std::string>& lines) {
    auto& doc = *p_->find("word/document.xml")->xml;
    pugi::xml_node p = block_paragraph(doc, name, name_);
    pugi::xml_node parent = p.parent();
    for (const auto& line : lines) {
        pugi::xml_node copy = parent.insert_copy_before(p, p);
        std::vector<pugi::xml_node> ts;
        texts(copy, ts);
        const std::string s = text_of(ts);
        const std::size_t at = s.find("{{");
        const std::size_t end = s.find("}}", at);
        splice(ts, at, end + 2, detail::clean_text(line));
    }
    parent.remove_child(p);
}

std::vector<std::string> docx_template::styles() const {
    std::vector<std::string> out;
    const impl::part* s = p_->find("word/styles.xml");
    if (!s || !s->xml) return out;
    for (pugi::xml_node st : s->xml->document_element().children("w:style"))
        out.emplace_back(st.attribute("w:styleId").value());
    return out;
}

std::string docx_template::part(const std::string& name) const {
    const impl::part* p = p_->find(name);
    if (!p) return {};
    if (!p->xml) return p->bytes;
    string_writer w;
    p->xml->save(w, "", pugi::format_raw, pugi::encoding_utf8);
    return w.out;
}

std::string docx_template::save() const {
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &zerr);
    if (!out) {
        zip_error_fini(&zerr);
        throw error("office", name_ + ": cannot create the DOCX in memory");
    }
    zip_t* zw = zip_open_from_source(out, ZIP_TRUNCATE, &zerr);
    if (!zw) {
        zip_source_free(out);
        zip_error_fini(&zerr);
        throw error("office", name_ + ": cannot create the DOCX in memory");
    }
    zip_error_fini(&zerr);
    zip_source_keep(out);
    // The bytes each entry points at must live until zip_close.
    std::vector<std::string> held;
    held.reserve(p_->parts.size());
    // [Content_Types].xml first, as Word writes it; then the template's order.
    std::vector<const impl::part*> order;
    for (const auto& p : p_->parts)
        if (p.name == "[Content_Types].xml") order.push_back(&p);
    for (const auto& p : p_->parts)
        if (p.name != "[Content_Types].xml") order.push_back(&p);
    auto abort = [&](const std::string& what) {
        zip_discard(zw);
        zip_source_free(out);
        throw error("office", name_ + ": cannot write the DOCX (" + what + ")");
    };
    for (const impl::part* p : order) {
        if (p->xml) {
            string_writer w;
            p->xml->save(w, "", pugi::format_raw, pugi::encoding_utf8);
            held.push_back(std::move(w.out));
        } else {
            held.push_back(p->bytes);
        }
        const std::string& data = held.back();
        zip_source_t* s = zip_source_buffer(zw, data.data(), data.size(), 0);
        if (!s) abort(p->name);
        const zip_int64_t idx = zip_file_add(zw, p->name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(s);
            abort(p->name);
        }
        // Same bytes on every run: a fixed time (05/03/2020, the decree's date).
        zip_file_set_mtime(zw, static_cast<zip_uint64_t>(idx), 1583366400, 0);
        zip_set_file_compression(zw, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 6);
    }
    if (zip_close(zw) != 0) {
        const std::string why = zip_strerror(zw);
        zip_discard(zw);
        zip_source_free(out);
        throw error("office", name_ + ": cannot write the DOCX (" + why + ")");
    }
    std::string bytes;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_open(out) != 0 || zip_source_stat(out, &st) != 0) {
        zip_source_free(out);
        throw error("office", name_ + ": cannot read back the DOCX written in memory");
    }
    bytes.resize(static_cast<std::size_t>(st.size));
    zip_int64_t got = 0;
    while (static_cast<zip_uint64_t>(got) < st.size) {
        const zip_int64_t r =
            zip_source_read(out, bytes.data() + got, st.size - static_cast<zip_uint64_t>(got));
        if (r <= 0) break;
        got += r;
    }
    zip_source_close(out);
    zip_source_free(out);
    if (static_cast<zip_uint64_t>(got) != st.size)
        throw error("office", name_ + ": cannot read back the DOCX written in memory");
    return bytes;
}

} // namespace danchu::office
