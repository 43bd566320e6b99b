#pragma once
/// @file
/// Exceptions thrown on bad input. Domain outcomes (a rule that fails, missing
/// evidence) are values, never exceptions. Every message starts with
/// `[danchu.<kind>]` and says what was wrong and where (file, JSON pointer,
/// argument).

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace danchu {

namespace detail {
/// The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF) that starts at `s[i]`, or 0.
inline std::size_t utf8_length_at(std::string_view s, std::size_t i) noexcept {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || b == 0xC0 || b == 0xC1 || b > 0xF4) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    const auto c = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if ((b == 0xE0 && c < 0xA0) || (b == 0xED && c >= 0xA0) || (b == 0xF0 && c < 0x90) ||
        (b == 0xF4 && c >= 0x90))
        return 0;
    return n;
}

/// The offset of the first byte of `s` that is not well-formed UTF-8, or npos.
inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_length_at(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

/// `s` with every byte that does not start a well-formed UTF-8 sequence
/// replaced by U+FFFD, so a message quoting bad input can still be written
/// into JSON, CSV and HTML outputs.
inline std::string valid_utf8(const std::string& s) {
    if (first_invalid_utf8(s) == std::string_view::npos) return s;
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_length_at(s, i);
        if (n) {
            out.append(s, i, n);
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

/// At most 40 bytes of a bad value, for a message; control characters shown as '?'.
inline std::string preview(std::string_view s) {
    std::string out;
    for (const char c : s.substr(0, 40)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    return s.size() > 40 ? out + "…" : out;
}

/// A message of at most about `limit` bytes: a longer one (it quotes a huge
/// value) keeps its start and end, cut at UTF-8 character boundaries, and says
/// how much was left out. Messages go to a terminal and into report files.
inline std::string bounded_message(const std::string& m, std::size_t limit = 1000) {
    if (m.size() <= limit) return m;
    auto boundary = [&](std::size_t i) {
        while (i > 0 && i < m.size() && (static_cast<unsigned char>(m[i]) & 0xC0) == 0x80) --i;
        return i;
    };
    const std::size_t head = boundary(limit * 3 / 4), tail = boundary(m.size() - limit / 5);
    return m.substr(0, head) + " …[" + std::to_string(tail - head) + " bytes left out]… " + m.substr(tail);
}
} // namespace detail

/// Base class of every exception danchu throws.
class error : public std::runtime_error {
public:
    /// @param kind short category, shown as `[danchu.<kind>]`.
    /// @param message what was wrong and where (made valid UTF-8, and at most
    ///        about 1,000 bytes kept: see detail::bounded_message).
    error(const std::string& kind, const std::string& message)
        : std::runtime_error(detail::bounded_message(detail::valid_utf8("[danchu." + kind + "] " + message))),
          kind_(kind) {}

    /// The category, for example "parse" or "calendar".
    const std::string& kind() const noexcept { return kind_; }

private:
    std::string kind_;
};

/// Malformed input document (JSON, CSV): names the file and the JSON pointer.
class parse_error : public error {
public:
    /// @param file the file (or "<string>" for in-memory input).
    /// @param pointer the JSON pointer (RFC 6901) or "line N" for CSV.
    /// @param message what was expected.
    parse_error(const std::string& file, const std::string& pointer, const std::string& message)
        : error("parse", file + (pointer.empty() ? std::string() : ":" + pointer) + ": " + message),
          file_(file), pointer_(pointer) {}

    const std::string& file() const noexcept { return file_; }
    const std::string& pointer() const noexcept { return pointer_; }

private:
    std::string file_;
    std::string pointer_;
};

/// A date or calendar argument out of range or impossible (30 February, a leap
/// month that does not exist, a year outside the supported range).
class calendar_error : public error {
public:
    explicit calendar_error(const std::string& message) : error("calendar", message) {}
};

/// A rule pack or condition that is invalid (unknown operator, type error,
/// cyclic overlay).
class rule_error : public error {
public:
    explicit rule_error(const std::string& message) : error("rule", message) {}
};

/// Evidence that does not fit the fact dictionary or the organisation.
class evidence_error : public error {
public:
    explicit evidence_error(const std::string& message) : error("evidence", message) {}
};

/// An invalid scoring configuration or organisation tree.
class scoring_error : public error {
public:
    explicit scoring_error(const std::string& message) : error("scoring", message) {}
};

/// An invalid function argument that is not a date or document (a negative
/// count, an unknown enumerator name).
class argument_error : public error {
public:
    explicit argument_error(const std::string& message) : error("argument", message) {}
};

} // namespace danchu
