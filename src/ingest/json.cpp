// Evidence and events JSON files read with simdjson (include/danchu/ingest/json.hpp).
//
// The file is read in blocks. A small scanner walks the top-level object: it
// finds where each member's value ends (counting brackets outside strings),
// and cuts the streamed members (an evidence file's `units`, an events file's
// `events` and `none`) into batches of about half a megabyte, each parsed by
// simdjson as one object or array. The values go straight into the evidence
// builder and event records. Anything the fast path does not expect throws
// `fallback` and the reference loader of the header-only core reads the file
// again, so errors, problems and their order are the reference's.
#include <danchu/ingest/json.hpp>

#include <danchu/evidence/detail/cell.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/organisation/io.hpp>

#include "iso_date.hpp"

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace danchu::ingest {
namespace {

namespace dom = simdjson::dom;

/// Thrown when the fast path leaves the file to the reference loader.
struct fallback {};

[[noreturn]] void give_up() { throw fallback{}; }

template <class T> T ok(simdjson::simdjson_result<T> r) {
    T v{};
    if (std::move(r).get(v) != simdjson::SUCCESS) give_up();
    return v;
}

// ---------------------------------------------------------------------------
// The file in blocks, and the top-level scanner.

inline bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

constexpr std::size_t npos = static_cast<std::size_t>(-1);

std::size_t block_size = std::size_t{4} << 20; // set_buffer_sizes
std::size_t batch_size = std::size_t{1} << 19;

/// The unread part of a file in a growable buffer.
class block_reader {
public:
    explicit block_reader(const std::string& path)
        : f_(regular(path) ? std::fopen(path.c_str(), "rb") : nullptr) {
        if (!f_) give_up(); // the reference names the file and the reason
        buf_.resize(block_size + simdjson::SIMDJSON_PADDING);
        fill(0);
    }
    ~block_reader() {
        if (f_) std::fclose(f_);
    }
    block_reader(const block_reader&) = delete;
    block_reader& operator=(const block_reader&) = delete;

    const char* data() const { return buf_.data(); }
    char* data() { return &buf_[0]; }
    std::size_t size() const { return end_; }
    bool at_eof() const { return eof_; }
    std::size_t bytes_read() const { return total_; }

    /// Drops the bytes before `keep` and reads more; returns how far the kept
    /// bytes moved down (every offset held must be lowered by it), or npos at
    /// the end of the file.
    std::size_t more(std::size_t keep) {
        if (eof_) return npos;
        if (keep > 0) --keep; // one byte before the kept ones stays: a batch is parsed in place
        std::memmove(&buf_[0], buf_.data() + keep, end_ - keep);
        end_ -= keep;
        if (end_ + block_size / 2 + 1 > buf_.size() - simdjson::SIMDJSON_PADDING)
            buf_.resize(2 * buf_.size() + simdjson::SIMDJSON_PADDING); // a value longer than a block
        fill(end_);
        return keep;
    }

private:
    /// Only a regular file can be read again from its start by the reference
    /// reader (not a pipe, `/dev/stdin` or a process substitution).
    static bool regular(const std::string& path) {
        std::error_code ec;
        return std::filesystem::is_regular_file(path, ec);
    }
    void fill(std::size_t from) {
        const std::size_t room = buf_.size() - simdjson::SIMDJSON_PADDING - from;
        const std::size_t n = std::fread(&buf_[from], 1, room, f_);
        if (n < room) {
            if (std::ferror(f_)) give_up();
            eof_ = true;
        }
        end_ = from + n;
        total_ += n;
    }
    std::FILE* f_;
    std::string buf_;
    std::size_t end_ = 0, total_ = 0;
    bool eof_ = false;
};

/// The first offset from `i` holding '"' or '\\' (inside a string), or `size`.
inline std::size_t next_in_string(const char* p, std::size_t i, std::size_t size) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\');
    for (; i + 16 <= size; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, slash)));
        if (m) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(m)));
    }
#endif
    for (; i < size; ++i)
        if (p[i] == '"' || p[i] == '\\') return i;
    return size;
}

/// The offset after the string whose opening quote is just before `i`, or npos.
inline std::size_t string_end(const char* p, std::size_t i, std::size_t size) {
    for (;;) {
        i = next_in_string(p, i, size);
        if (i >= size) return npos;
        if (p[i] == '"') return i + 1;
        i += 2; // an escape: the next character is part of it
    }
}

#if defined(__SSE2__)
/// Bit i set where p[i] == c, for the 64 bytes at `p`.
inline std::uint64_t bytes_equal(const char* p, __m128i c) {
    std::uint64_t m = 0;
    for (int k = 0; k < 4; ++k) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
        m |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, c))))
             << (16 * k);
    }
    return m;
}
#endif

/// Where the object or array starting at `at` ends (one past it), or npos
/// when the buffer ends first. 64 bytes at a time: the quotes give which
/// bytes are inside strings (a prefix XOR), the brackets outside them the
/// depth; a block with a backslash, and the tail, byte by byte.
std::size_t container_end(const char* p, std::size_t at, std::size_t size) {
    std::size_t depth = 0;
    bool in_string = false, escape = false;
    std::size_t i = at;
    for (;;) {
#if defined(__SSE2__)
        if (!escape && i + 64 <= size) {
            const char* b = p + i;
            const std::uint64_t slash = bytes_equal(b, _mm_set1_epi8('\\'));
            if (!slash) {
                const __m128i bit5 = _mm_set1_epi8(0x20);
                std::uint64_t quote = bytes_equal(b, _mm_set1_epi8('"')), open = 0, close = 0;
                for (int k = 0; k < 4; ++k) { // '[' and ']' are '{' and '}' without bit 5
                    const __m128i y =
                        _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 16 * k)), bit5);
                    open |= static_cast<std::uint64_t>(static_cast<unsigned>(
                                _mm_movemask_epi8(_mm_cmpeq_epi8(y, _mm_set1_epi8('{')))))
                            << (16 * k);
                    close |= static_cast<std::uint64_t>(static_cast<unsigned>(
                                 _mm_movemask_epi8(_mm_cmpeq_epi8(y, _mm_set1_epi8('}')))))
                             << (16 * k);
                }
                std::uint64_t inside = quote; // bit i: an odd number of quotes up to i
                inside ^= inside << 1;
                inside ^= inside << 2;
                inside ^= inside << 4;
                inside ^= inside << 8;
                inside ^= inside << 16;
                inside ^= inside << 32;
                if (in_string) inside = ~inside;
                in_string = (inside >> 63) != 0;
                for (std::uint64_t st = (open | close) & ~inside; st; st &= st - 1) {
                    const int k = __builtin_ctzll(st);
                    if ((open >> k) & 1)
                        ++depth;
                    else if (--depth == 0)
                        return i + static_cast<std::size_t>(k) + 1;
                }
                i += 64;
                continue;
            }
        }
#endif
        const std::size_t stop = std::min(size, i + 64);
        for (; i < stop; ++i) {
            const char c = p[i];
            if (escape) {
                escape = false;
            } else if (in_string) {
                if (c == '\\')
                    escape = true;
                else if (c == '"')
                    in_string = false;
            } else {
                switch (c) {
                case '"': in_string = true; break;
                case '\\': give_up(); // a backslash outside strings
                case '{':
                case '[': ++depth; break;
                case '}':
                case ']':
                    if (--depth == 0) return i + 1;
                    break;
                default: break;
                }
            }
        }
        if (i >= size) return npos;
    }
}

/// Where the JSON value starting at `at` ends (one past it), or npos when the
/// buffer ends first. Only finds the end: simdjson checks the text.
std::size_t value_end(const char* p, std::size_t at, std::size_t size) {
    if (at >= size) return npos;
    const char c = p[at];
    if (c == '"') return string_end(p, at + 1, size);
    if (c == '{' || c == '[') return container_end(p, at, size);
    for (std::size_t i = at; i < size; ++i) // a number, true, false or null
        if (is_ws(p[i]) || p[i] == ',' || p[i] == '}' || p[i] == ']') return i;
    return npos;
}

/// A top-level member whose elements come in batches.
struct streamed {
    const char* key;
    bool array; // true: an array's items; false: an object's members
};

/// The top-level object of a file, walked member by member: streamed members
/// in batches (`on_batch(member, batch, first_index)`, the batch an array or
/// an object parsed by simdjson), the other members one by one
/// (`on_member(key, value)`). Gives up on anything unusual.
class top_level_reader {
public:
    using batch_fn = std::function<void(std::size_t member, dom::element batch, std::size_t first)>;
    using member_fn = std::function<void(const std::string& key, dom::element value)>;

    top_level_reader(block_reader& in, std::vector<streamed> which) : in_(in), which_(std::move(which)) {}

    void run(const batch_fn& on_batch, const member_fn& on_member) {
        std::size_t p = skip_ws(0);
        if (p == npos || in_.data()[p] != '{') give_up();
        p = skip_ws(p + 1);
        if (p == npos) give_up();
        if (in_.data()[p] == '}') {
            finish(p + 1);
            return;
        }
        std::vector<std::string> keys;
        for (;;) {
            // "key"
            std::size_t e = need(p, [&](std::size_t at) { return value_end(in_.data(), at, in_.size()); });
            const char* d = in_.data();
            if (d[p] != '"') give_up();
            const std::string key(d + p + 1, e - p - 2);
            if (key.find('\\') != std::string::npos) give_up();
            if (std::find(keys.begin(), keys.end(), key) != keys.end()) give_up();
            keys.push_back(key);
            p = skip_ws(e);
            if (p == npos || in_.data()[p] != ':') give_up();
            p = skip_ws(p + 1);
            if (p == npos) give_up();
            std::size_t s = 0;
            for (; s < which_.size(); ++s)
                if (key == which_[s].key && in_.data()[p] == (which_[s].array ? '[' : '{')) break;
            if (s < which_.size()) {
                p = stream(s, p, on_batch);
            } else {
                e = need(p, [&](std::size_t at) { return value_end(in_.data(), at, in_.size()); });
                on_member(key, parse(in_.data() + p, e - p, "", ""));
                p = e;
            }
            p = skip_ws(p);
            if (p == npos) give_up();
            if (in_.data()[p] == '}') break;
            if (in_.data()[p] != ',') give_up();
            p = skip_ws(p + 1);
            if (p == npos) give_up();
        }
        finish(p + 1);
    }

private:
    /// Runs `find(at)` until it finds an end, reading more of the file.
    template <class Find> std::size_t need(std::size_t& at, Find&& find) {
        for (;;) {
            const std::size_t e = find(at);
            if (e != npos && (e < in_.size() || in_.at_eof())) return e;
            const std::size_t moved = in_.more(at);
            if (moved == npos) {
                if (e != npos) return e;
                give_up();
            }
            at -= moved;
        }
    }
    std::size_t skip_ws(std::size_t p) {
        for (;;) {
            while (p < in_.size() && is_ws(in_.data()[p])) ++p;
            if (p < in_.size()) return p;
            const std::size_t moved = in_.more(p);
            if (moved == npos) return npos;
            p -= moved;
        }
    }
    void finish(std::size_t p) {
        if (skip_ws(p) != npos) give_up(); // text after the document
    }

    dom::element parse(const char* text, std::size_t n, const char* open, const char* close) {
        const std::size_t lo = std::strlen(open), lc = std::strlen(close);
        if (text_.size() < lo + n + lc + simdjson::SIMDJSON_PADDING)
            text_.resize(2 * (lo + n + lc) + simdjson::SIMDJSON_PADDING);
        std::memcpy(&text_[0], open, lo);
        std::memcpy(&text_[lo], text, n);
        std::memcpy(&text_[lo + n], close, lc);
        return ok(parser_.parse(text_.data(), lo + n + lc, false));
    }

    /// The elements between `start` and `end` (at the ',' or the close after
    /// the last) as one container: the byte before `start` and the one at
    /// `end` are replaced by `open` and `close` while simdjson parses (it
    /// copies what it keeps), then restored; no copy of the batch.
    dom::element parse_in_place(std::size_t start, std::size_t end, char open, char close) {
        if (start == 0) {
            const char o[2] = {open, 0}, c[2] = {close, 0};
            return parse(in_.data() + start, end - start, o, c);
        }
        char* d = in_.data();
        const char before = d[start - 1], after = d[end];
        d[start - 1] = open;
        d[end] = close;
        auto r = parser_.parse(d + start - 1, end - start + 2, false);
        d[start - 1] = before;
        d[end] = after;
        return ok(std::move(r));
    }

    /// Streams the container starting at `p` in batches; returns the offset
    /// after it.
    std::size_t stream(std::size_t s, std::size_t p, const batch_fn& on_batch) {
        const bool array = which_[s].array;
        const char close = array ? ']' : '}';
        p = skip_ws(p + 1);
        if (p == npos) give_up();
        if (in_.data()[p] == close) return p + 1;
        std::size_t index = 0;
        for (;;) {
            // One batch: elements from `start` until about batch_bytes.
            std::size_t start = p, count = 0;
            bool last = false;
            std::size_t end = p;
            for (;;) {
                // Offsets are relative to `start` while reading more.
                std::size_t rel = end - start;
                std::size_t e = need(start, [&](std::size_t at) {
                    const char* d = in_.data();
                    std::size_t q = at + rel;
                    if (!array) {
                        q = value_end(d, q, in_.size()); // the key
                        if (q == npos) return npos;
                        while (q < in_.size() && is_ws(d[q])) ++q;
                        if (q >= in_.size()) return npos;
                        if (d[q] != ':') give_up();
                        ++q;
                        while (q < in_.size() && is_ws(d[q])) ++q;
                        if (q >= in_.size()) return npos;
                    }
                    q = value_end(d, q, in_.size());
                    if (q == npos) return npos;
                    while (q < in_.size() && is_ws(d[q])) ++q;
                    return q < in_.size() ? q : npos; // at the ',' or the close
                });
                ++count;
                const char c = in_.data()[e];
                if (c == close) {
                    end = e;
                    last = true;
                    break;
                }
                if (c != ',') give_up();
                end = e;
                if (end - start >= batch_size) break;
                end = skip_ws_within(e + 1, start);
            }
            on_batch(s, parse_in_place(start, end, array ? '[' : '{', array ? ']' : '}'), index);
            index += count;
            if (last) return end + 1;
            p = skip_ws(end + 1);
            if (p == npos) give_up();
        }
    }
    /// skip_ws for an offset inside a batch that starts at `start` (which is kept).
    std::size_t skip_ws_within(std::size_t p, std::size_t& start) {
        for (;;) {
            while (p < in_.size() && is_ws(in_.data()[p])) ++p;
            if (p < in_.size()) return p;
            const std::size_t moved = in_.more(start);
            if (moved == npos) give_up();
            p -= moved;
            start -= moved;
        }
    }

    block_reader& in_;
    std::vector<streamed> which_;
    dom::parser parser_;
    std::string text_;
};

// ---------------------------------------------------------------------------
// Shared checks.

/// Gives up if any object inside `v` holds a key twice (the reference refuses it).
void check_unique_keys(dom::element v) {
    switch (v.type()) {
    case dom::element_type::OBJECT: {
        std::vector<std::string_view> keys;
        for (auto field : dom::object(v)) {
            if (std::find(keys.begin(), keys.end(), field.key) != keys.end()) give_up();
            keys.push_back(field.key);
            check_unique_keys(field.value);
        }
        break;
    }
    case dom::element_type::ARRAY:
        for (auto item : dom::array(v)) check_unique_keys(item);
        break;
    default: break;
    }
}

/// A string, or give up.
std::string_view str(dom::element v) {
    if (v.type() != dom::element_type::STRING) give_up();
    return ok(v.get_string());
}

/// A number as nlohmann's get<double>() gives it; gives up on -0.0 (which
/// nlohmann reads as an integer 0 when written "-0").
double number(dom::element v) {
    switch (v.type()) {
    case dom::element_type::INT64: return static_cast<double>(ok(v.get_int64()));
    case dom::element_type::UINT64: return static_cast<double>(ok(v.get_uint64()));
    case dom::element_type::DOUBLE: {
        const double x = ok(v.get_double());
        if (x == 0 && std::signbit(x)) give_up();
        return x;
    }
    default: give_up();
    }
}
bool is_number(dom::element v) {
    const auto t = v.type();
    return t == dom::element_type::INT64 || t == dom::element_type::UINT64 || t == dom::element_type::DOUBLE;
}
bool is_integer(dom::element v) {
    const auto t = v.type();
    return t == dom::element_type::INT64 || t == dom::element_type::UINT64;
}

/// `a == b` for the short keys of evidence files, inline (no call to memcmp):
/// overlapping loads of 8 bytes from both ends; never reads outside either.
inline bool same_key(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n < 8) return a == b;
    const auto load = [](const char* p) {
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        return x;
    };
    const char *p = a.data(), *q = b.data();
    for (std::size_t i = 0; i + 8 < n; i += 8)
        if (load(p + i) != load(q + i)) return false;
    return load(p + n - 8) == load(q + n - 8);
}

/// The dictionary's fact keys in an open-addressing table hashed on the
/// length and the first and last eight bytes: a key of an evidence file found
/// with two loads, a multiplication and one comparison.
class fact_keys {
public:
    explicit fact_keys(const fact_dictionary& facts) {
        std::size_t n = 16;
        while (n < 4 * facts.size()) n *= 2;
        slots_.assign(n, {nullptr, 0});
        mask_ = n - 1;
        for (std::size_t f = 0; f < facts.size(); ++f) {
            std::size_t i = hash(facts[f].key) & mask_;
            while (slots_[i].key) i = (i + 1) & mask_;
            slots_[i] = {&facts[f].key, f};
        }
    }
    /// The fact's index, or fact_dictionary::npos.
    std::size_t find(std::string_view key) const {
        for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
            const slot& e = slots_[i];
            if (!e.key) return fact_dictionary::npos;
            if (same_key(*e.key, key)) return e.fact;
        }
    }

private:
    struct slot {
        const std::string* key;
        std::size_t fact;
    };
    static std::size_t hash(std::string_view k) {
        const std::size_t n = k.size();
        std::uint64_t a = 0, b = 0;
        if (n >= 8) {
            std::memcpy(&a, k.data(), 8);
            std::memcpy(&b, k.data() + n - 8, 8);
        } else {
            for (std::size_t i = 0; i < n; ++i) a = a << 8 | static_cast<unsigned char>(k[i]);
        }
        const std::uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ n;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    std::vector<slot> slots_;
    std::size_t mask_ = 0;
};

/// Keys of a small object, each allowed once: index of `key` in `names`, or npos.
template <std::size_t N> std::size_t slot(std::string_view key, const std::string_view (&names)[N]) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == key) return i;
    return npos;
}

/// The `$comment` any object of the reference's expect_object may carry: a string.
bool comment(std::string_view key, dom::element v) {
    if (key != detail::comment_key) return false;
    if (v.type() != dom::element_type::STRING) give_up();
    return true;
}

/// Walks a small object whose keys are `names`, each at most once, and one
/// `$comment` string at most: `on(i, value)` for the key `names[i]`. Gives up
/// on anything else (the reference says what). Returns which keys were seen.
template <std::size_t N, class F>
std::array<bool, N> walk_members(dom::element v, const std::string_view (&names)[N], F&& on) {
    if (v.type() != dom::element_type::OBJECT) give_up();
    std::array<bool, N> seen{};
    bool have_comment = false;
    for (auto field : dom::object(v)) {
        const std::size_t i = slot(field.key, names);
        if (i == npos) {
            if (!comment(field.key, field.value) || have_comment) give_up();
            have_comment = true;
            continue;
        }
        if (seen[i]) give_up();
        seen[i] = true;
        on(i, field.value);
    }
    return seen;
}

// ---------------------------------------------------------------------------
// Evidence.

/// A date of an evidence fact: the table's fast path (ingest/iso_date.hpp), or
/// the reference's parser for anything else (its value or its error).
inline std::int32_t day_of(const fact_def& f, std::string_view s, const detail::value_site& site) {
    std::int32_t d;
    if (ingest::internal::fast_iso_day(s, d)) return d;
    return detail::parse_date_or_throw(f, s, site);
}

provenance read_provenance(dom::element v) {
    static constexpr std::string_view names[] = {"document", "issuer", "date"};
    std::string out[3];
    walk_members(v, names, [&](std::size_t i, dom::element x) { out[i] = std::string(str(x)); });
    return {std::move(out[0]), std::move(out[1]), std::move(out[2]), {}, {}};
}

/// A parsed (small) value as nlohmann JSON, for the parts the reference code
/// reads itself (overrides). Gives up on a duplicate key.
nlohmann::json to_nlohmann(dom::element v) {
    switch (v.type()) {
    case dom::element_type::OBJECT: {
        nlohmann::json o = nlohmann::json::object();
        for (auto field : dom::object(v)) {
            const std::string k(field.key);
            if (o.contains(k)) give_up();
            o[k] = to_nlohmann(field.value);
        }
        return o;
    }
    case dom::element_type::ARRAY: {
        nlohmann::json a = nlohmann::json::array();
        for (auto item : dom::array(v)) a.push_back(to_nlohmann(item));
        return a;
    }
    case dom::element_type::INT64: return ok(v.get_int64());
    case dom::element_type::UINT64: return ok(v.get_uint64());
    case dom::element_type::DOUBLE: return number(v);
    case dom::element_type::STRING: return std::string(ok(v.get_string()));
    case dom::element_type::BOOL: return ok(v.get_bool());
    case dom::element_type::NULL_VALUE: return nullptr;
    }
    give_up();
}

/// One fact's values of the current batch, stored column by column when the
/// batch ends (`evidence_builder::set_numbers`, `set_event_days`): the
/// columns are written in runs, not a cache line per fact for each unit.
struct column_stage {
    std::vector<std::uint32_t> units;
    std::vector<double> numbers;    ///< boolean, number, integer and date facts
    std::vector<std::int32_t> days; ///< events facts: every unit's dates in a row
    std::vector<std::size_t> ends;  ///< events facts: where each unit's dates end in `days`
};

evidence fast_evidence(const std::string& file, const std::shared_ptr<const fact_dictionary>& dict,
                       const organisation& org, std::vector<input_problem>* problems) {
    static const std::string nowhere;
    static const nlohmann::json null_json;
    const detail::value_site site{nowhere, nowhere, nowhere};
    const fact_dictionary& facts = *dict;
    evidence_builder b(dict, org);
    if (problems) b.set_problem_sink(problems, file);
    std::vector<std::uint8_t> unit_seen(org.size(), 0);
    const fact_keys keys(facts);
    std::vector<column_stage> stages(facts.size());
    std::vector<std::size_t> staged; // facts with values in `stages`
    auto flush = [&] {
        for (const std::size_t f : staged) {
            column_stage& st = stages[f];
            if (facts[f].type == fact_type::events)
                b.set_event_days(f, st.units.data(), st.days.data(), st.ends.data(), st.units.size(),
                                 nowhere);
            else
                b.set_numbers(f, st.units.data(), st.numbers.data(), st.units.size(), nowhere);
            st.units.clear();
            st.numbers.clear();
            st.days.clear();
            st.ends.clear();
        }
        staged.clear();
    };
    bool have_units = false;
    std::string period;
    nlohmann::json overrides;
    block_reader in(file);
    top_level_reader top(in, {{"units", false}});
    std::size_t next_unit = 0; // units mostly come in the organisation's order
    top.run(
        [&](std::size_t, dom::element batch, std::size_t) {
            have_units = true;
            for (auto unit : dom::object(batch)) {
                std::size_t ui = next_unit;
                if (ui >= org.size() || org[ui].id != unit.key) {
                    ui = org.find(unit.key);
                    if (ui == organisation::npos) give_up();
                }
                if (unit_seen[ui]) give_up();
                unit_seen[ui] = 1;
                next_unit = ui + 1;
                if (unit.value.type() != dom::element_type::OBJECT) give_up();
                for (auto fact : dom::object(unit.value)) {
                    const std::size_t fi = keys.find(fact.key);
                    if (fi == fact_dictionary::npos || facts[fi].from_organisation) give_up();
                    dom::element v = fact.value;
                    if (v.type() == dom::element_type::OBJECT) {
                        static constexpr std::string_view parts[] = {"value", "source"};
                        dom::element value;
                        provenance source;
                        const auto has = walk_members(v, parts, [&](std::size_t i, dom::element x) {
                            if (i == 0)
                                value = x;
                            else
                                source = read_provenance(x);
                        });
                        if (!has[0]) give_up();
                        v = value;
                        if (has[1]) b.set_source(ui, fi, std::move(source), nowhere);
                    }
                    const fact_def& def = facts[fi];
                    if (v.type() == dom::element_type::NULL_VALUE) {
                        b.set_json(ui, fi, null_json, nowhere);
                        continue;
                    }
                    if (def.type == fact_type::string) {
                        detail::evidence_cell c;
                        c.text = std::string(str(v));
                        b.set_cell(ui, fi, std::move(c), nowhere);
                        continue;
                    }
                    column_stage& st = stages[fi];
                    if (st.units.empty()) staged.push_back(fi);
                    st.units.push_back(static_cast<std::uint32_t>(ui));
                    switch (def.type) {
                    case fact_type::boolean:
                        if (v.type() != dom::element_type::BOOL) give_up();
                        st.numbers.push_back(ok(v.get_bool()) ? 1.0 : 0.0);
                        break;
                    case fact_type::number:
                    case fact_type::integer: st.numbers.push_back(number(v)); break;
                    case fact_type::date: st.numbers.push_back(day_of(def, str(v), site)); break;
                    case fact_type::events: {
                        if (v.type() != dom::element_type::ARRAY) give_up();
                        const dom::array a(v);
                        for (auto d : a) st.days.push_back(day_of(def, str(d), site));
                        st.ends.push_back(st.days.size());
                        break;
                    }
                    case fact_type::string: break;
                    }
                }
            }
            flush();
        },
        [&](const std::string& key, dom::element v) {
            if (key == "period") {
                period = std::string(str(v));
            } else if (key == "units") {
                give_up(); // not an object
            } else if (key == "overrides") {
                if (v.type() != dom::element_type::ARRAY) give_up();
                overrides = to_nlohmann(v);
            } else if (key == "$schema" || key == "help") {
                check_unique_keys(v);
            } else if (!comment(key, v)) {
                give_up();
            }
        });
    if (!have_units) give_up(); // missing, or empty: the reference says what it needs
    b.set_file(file);
    b.set_period(std::move(period));
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        auto r = detail::read_override(overrides[i], file, detail::child("/overrides", i));
        b.unit_index(r.unit_id, nowhere);
        b.add_override(std::move(r));
    }
    return b.build();
}

// ---------------------------------------------------------------------------
// Events.

day_number date_of(dom::element v) {
    const std::string_view s = str(v);
    try {
        return parse_iso_date(s, "date");
    } catch (const calendar_error&) {
        give_up();
    }
}

std::string non_empty(dom::element v) {
    const std::string_view s = str(v);
    if (s.empty()) give_up();
    return std::string(s);
}

event_value read_value(const event_field& f, event_field_type type, dom::element v) {
    event_value out;
    out.present = true;
    switch (type) {
    case event_field_type::date: out.number = date_of(v); break;
    case event_field_type::integer: {
        if (!is_number(v)) give_up();
        const double x = number(v);
        if (!is_integer(v) && (x != std::floor(x) || std::abs(x) > 9.0e15)) give_up();
        out.number = x;
        break;
    }
    case event_field_type::number: out.number = number(v); break;
    case event_field_type::boolean:
        if (v.type() != dom::element_type::BOOL) give_up();
        out.number = ok(v.get_bool()) ? 1 : 0;
        break;
    case event_field_type::string: out.text = std::string(str(v)); break;
    case event_field_type::enumeration: {
        const std::size_t i = f.find_value(str(v));
        if (i == event_field::npos) give_up();
        out.number = static_cast<double>(i);
        break;
    }
    case event_field_type::object: {
        if (v.type() != dom::element_type::OBJECT) give_up();
        std::vector<dom::element> given(f.item_fields.size());
        std::vector<std::uint8_t> seen(f.item_fields.size(), 0);
        for (auto field : dom::object(v)) {
            std::size_t i = 0;
            while (i < f.item_fields.size() && f.item_fields[i].name != field.key) ++i;
            if (i == f.item_fields.size() || seen[i]) give_up();
            seen[i] = 1;
            given[i] = field.value;
        }
        for (std::size_t i = 0; i < f.item_fields.size(); ++i) {
            const event_field& sf = f.item_fields[i];
            if (!seen[i] || given[i].type() == dom::element_type::NULL_VALUE) {
                if (sf.required) give_up();
                out.items.emplace_back();
            } else {
                out.items.push_back(read_value(sf, sf.type, given[i]));
            }
        }
        break;
    }
    case event_field_type::list:
        if (v.type() != dom::element_type::ARRAY) give_up();
        for (auto item : dom::array(v)) out.items.push_back(read_value(f, f.item_type, item));
        break;
    }
    if (type == event_field_type::integer || type == event_field_type::number)
        if (!event_log_builder::check_value(f, type, out, false).empty()) give_up();
    return out;
}

event_source read_source(dom::element v) {
    static constexpr std::string_view names[] = {"document", "issuer",     "file",      "sheet",
                                                 "row",      "entered_by", "entered_on"};
    event_source s;
    walk_members(v, names, [&](std::size_t i, dom::element x) {
        switch (i) {
        case 0: s.document = std::string(str(x)); break;
        case 1: s.issuer = std::string(str(x)); break;
        case 2: s.file = std::string(str(x)); break;
        case 3: s.sheet = std::string(str(x)); break;
        case 4:
            if (x.type() != dom::element_type::INT64 || ok(x.get_int64()) < 1) give_up();
            s.row = ok(x.get_int64());
            break;
        case 5: s.entered_by = std::string(str(x)); break;
        case 6:
            (void)date_of(x);
            s.entered_on = std::string(str(x));
            break;
        }
    });
    return s;
}

event read_event_record(const event_kinds& table, dom::element v) {
    if (v.type() != dom::element_type::OBJECT) give_up();
    static constexpr std::string_view fixed[] = {"unit", "kind", "date", "id", "note", "source"};
    dom::element given[6];
    bool has[6] = {};
    std::vector<std::pair<std::string_view, dom::element>> other;
    for (auto field : dom::object(v)) {
        const std::size_t i = slot(field.key, fixed);
        if (i == npos) {
            for (const auto& o : other)
                if (o.first == field.key) give_up();
            other.emplace_back(field.key, field.value);
            continue;
        }
        if (has[i]) give_up();
        has[i] = true;
        given[i] = field.value;
    }
    if (!has[0] || !has[1] || !has[2]) give_up();
    event e;
    e.unit = non_empty(given[0]);
    e.kind = non_empty(given[1]);
    const std::size_t k = table.find(e.kind);
    if (k == event_kinds::npos) give_up();
    const event_kind& kd = table[k];
    e.date = date_of(given[2]);
    if (has[3]) e.id = std::string(str(given[3]));
    if (has[4]) e.note = std::string(str(given[4]));
    if (has[5]) e.source = read_source(given[5]);
    e.values.resize(kd.fields.size());
    for (const auto& [key, value] : other) {
        const std::size_t f = kd.find_field(key);
        if (f == event_kind::npos) give_up();
        if (value.type() == dom::element_type::NULL_VALUE) continue;
        e.values[f] = read_value(kd.fields[f], kd.fields[f].type, value);
    }
    for (std::size_t f = 0; f < kd.fields.size(); ++f)
        if (kd.fields[f].required && !e.values[f].present) give_up();
    return e;
}

declared_none read_none_record(dom::element v) {
    static constexpr std::string_view names[] = {"unit", "kind", "from", "to", "note", "source"};
    dom::element given[6];
    const auto has = walk_members(v, names, [&](std::size_t i, dom::element x) { given[i] = x; });
    if (!has[0] || !has[1] || !has[2] || !has[3]) give_up();
    declared_none n;
    n.unit = non_empty(given[0]);
    n.kind = non_empty(given[1]);
    n.from = date_of(given[2]);
    n.to = date_of(given[3]);
    if (has[4]) n.note = std::string(str(given[4]));
    if (has[5]) n.source = read_source(given[5]);
    return n;
}

/// Reads an events file into the builder batch by batch: each batch's
/// records are all read first (any trouble: `fallback`, before the builder
/// sees one of them), then added in document order. What the builder throws
/// (strict mode) propagates as the reference's would at the same record.
void fast_events(event_log_builder& b, const event_kinds& table, const std::string& file) {
    std::vector<event> events;
    std::vector<declared_none> nones;
    block_reader in(file);
    top_level_reader top(in, {{"events", true}, {"none", true}});
    top.run(
        [&](std::size_t member, dom::element batch, std::size_t first) {
            events.clear();
            nones.clear();
            try {
                for (auto item : dom::array(batch)) {
                    if (member == 0)
                        events.push_back(read_event_record(table, item));
                    else
                        nones.push_back(read_none_record(item));
                }
            } catch (const error&) {
                give_up();
            }
            for (std::size_t i = 0; i < events.size(); ++i)
                b.add(std::move(events[i]), {file, "/events/" + std::to_string(first + i)});
            for (std::size_t i = 0; i < nones.size(); ++i)
                b.add_none(std::move(nones[i]), {file, "/none/" + std::to_string(first + i)});
        },
        [&](const std::string& key, dom::element v) {
            if (key == "$schema")
                check_unique_keys(v);
            else if (key == "events" || key == "none")
                give_up(); // not an array
            else if (!comment(key, v))
                give_up();
        });
}

// ---------------------------------------------------------------------------
// Organisation.

/// A string member that the reference requires non-empty.
std::string non_empty_string(dom::element v) {
    const std::string_view s = str(v);
    if (s.empty()) give_up();
    return std::string(s);
}

organisation fast_organisation(const std::string& file) {
    // Only a regular file can be read again by the reference (not a pipe).
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) give_up();
    simdjson::padded_string text;
    if (simdjson::padded_string::load(file).get(text) != simdjson::SUCCESS) give_up();
    dom::parser parser;
    const dom::element doc = ok(parser.parse(text));
    static constexpr std::string_view top_names[] = {"$schema", "units"};
    dom::element units_value;
    const auto top = walk_members(doc, top_names, [&](std::size_t i, dom::element v) {
        if (i == 0)
            check_unique_keys(v);
        else
            units_value = v;
    });
    if (!top[1] || units_value.type() != dom::element_type::ARRAY) give_up();
    const dom::array arr(units_value);
    std::vector<unit> units;
    units.reserve(arr.size());
    static constexpr std::string_view names[] = {"id", "name", "kind", "parent", "staff", "labels"};
    for (auto item : arr) {
        unit x;
        const auto has = walk_members(item, names, [&](std::size_t i, dom::element v) {
            switch (i) {
            case 0: x.id = non_empty_string(v); break;
            case 1: x.name = std::string(str(v)); break;
            case 2: {
                const auto k = try_from_string<unit_kind>(str(v));
                if (!k) give_up();
                x.kind = *k;
                break;
            }
            case 3: x.parent = std::string(str(v)); break;
            case 4: {
                if (v.type() != dom::element_type::INT64) give_up();
                const std::int64_t n = ok(v.get_int64());
                if (n < 0) give_up();
                x.staff = n;
                break;
            }
            case 5: {
                if (v.type() != dom::element_type::OBJECT) give_up();
                for (auto l : dom::object(v)) {
                    if (!x.labels.emplace(std::string(l.key), std::string(str(l.value))).second)
                        give_up(); // a key twice
                }
                break;
            }
            }
        });
        if (!has[0] || !has[2] || !has[4]) give_up();
        units.push_back(std::move(x));
    }
    try {
        return organisation(std::move(units), file);
    } catch (const error&) {
        give_up(); // the reference names the place
    }
}

evidence evidence_hook(const std::string& file, std::shared_ptr<const fact_dictionary> dict,
                       const organisation& org, std::vector<input_problem>* problems) {
    return load_evidence_json(file, std::move(dict), org, problems);
}

organisation organisation_hook(const std::string& file) { return load_organisation_json(file); }

void events_hook(event_log_builder& b, const event_kinds& table, const std::string& file,
                 std::vector<event_issue>* issues) {
    add_events_json(b, table, file, issues);
}

} // namespace

evidence load_evidence_json(const std::string& file, std::shared_ptr<const fact_dictionary> dict,
                            const organisation& org, std::vector<input_problem>* problems, read_path* path) {
    if (!dict) throw argument_error("evidence_builder: the fact dictionary is null");
    const std::size_t before = problems ? problems->size() : 0;
    try {
        evidence ev = fast_evidence(file, dict, org, problems);
        if (path) *path = read_path::fast;
        return ev;
    } catch (const fallback&) {
    } catch (const error&) {
    } catch (const nlohmann::json::exception&) {}
    if (problems) problems->resize(before);
    if (path) *path = read_path::fallback;
    return detail::load_evidence_json_reference(file, std::move(dict), org, problems);
}

void add_events_json(event_log_builder& b, const event_kinds& table, const std::string& file,
                     std::vector<event_issue>* issues, read_path* path) {
    const event_log_builder::checkpoint start = b.mark();
    const std::size_t issues_before = issues ? issues->size() : 0;
    try {
        fast_events(b, table, file);
        if (path) *path = read_path::fast;
        return;
    } catch (const fallback&) {}
    // Back to where this file began, and the reference reads it all again.
    b.rollback(start);
    if (issues && issues->size() > issues_before)
        issues->erase(issues->begin() + static_cast<std::ptrdiff_t>(issues_before), issues->end());
    if (path) *path = read_path::fallback;
    detail::add_events_json_reference(b, table, file, issues);
}

organisation load_organisation_json(const std::string& file, read_path* path) {
    try {
        organisation org = fast_organisation(file);
        if (path) *path = read_path::fast;
        return org;
    } catch (const fallback&) {
    } catch (const error&) {}
    if (path) *path = read_path::fallback;
    return detail::load_organisation_json_reference(file);
}

void set_buffer_sizes(std::size_t block_bytes, std::size_t batch_bytes) noexcept {
    block_size = block_bytes ? block_bytes : std::size_t{4} << 20;
    batch_size = batch_bytes ? batch_bytes : std::size_t{1} << 19;
}

void enable_fast_json() noexcept {
    json_organisation_reader() = &organisation_hook;
    json_evidence_reader() = &evidence_hook;
    json_events_reader() = &events_hook;
}

} // namespace danchu::ingest
