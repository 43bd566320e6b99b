#pragma once
/// @file
/// Internal: the one place that turns JSON text into a document. Every
/// nlohmann exception the parser can raise (malformed text, and numbers out of
/// range such as 1e999) becomes a danchu::parse_error naming the source.

#include <danchu/io/detail/text_file.hpp>
#include <danchu/core/error.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace danchu::detail {

/// Follows the events of nlohmann's callback parser to reject an object that
/// holds the same key twice (RFC 8259 leaves such a document's meaning open;
/// nlohmann keeps the last one silently). Knows the JSON pointer of the
/// duplicate; builds it only then.
class duplicate_key_guard {
public:
    explicit duplicate_key_guard(const std::string& file) : file_(file) {}

    /// Call from the parser callback for every event, before anything else.
    void on_event(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
        using ev = nlohmann::json::parse_event_t;
        switch (event) {
        case ev::object_start:
        case ev::array_start: frames_.push_back({event == ev::object_start, {}, {}, 0}); break;
        case ev::key: {
            frame& f = frames_.back();
            f.key = parsed.get<std::string>();
            if (!f.keys.insert(f.key).second)
                throw parse_error(file_, pointer(), "the key \"" + f.key + "\" appears twice in one object");
            break;
        }
        case ev::object_end:
        case ev::array_end:
            frames_.pop_back();
            element_done();
            break;
        case ev::value: element_done(); break;
        }
    }

private:
    struct frame {
        bool object;
        std::unordered_set<std::string> keys; // objects: keys seen so far
        std::string key;                      // objects: the current key
        std::size_t index;                    // arrays: the current element
    };
    void element_done() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    }
    std::string pointer() const { // RFC 6901
        std::string out;
        for (const frame& f : frames_) {
            out += '/';
            if (!f.object) {
                out += std::to_string(f.index);
                continue;
            }
            for (const char c : f.key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
        }
        return out;
    }
    const std::string& file_;
    std::vector<frame> frames_;
};

/// The byte offset (from 1, as nlohmann counts) of the first number in JSON
/// `text` too large for a double, or 0. Used only to place that error.
inline std::size_t first_overflowing_number(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') { // skip a string
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9')) continue;
        std::size_t j = i;
        while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '-' ||
                                   text[j] == '+' || text[j] == '.' || text[j] == 'e' || text[j] == 'E'))
            ++j;
        const std::string token(text.substr(i, j - i));
        if (std::isinf(std::strtod(token.c_str(), nullptr))) return i + 1;
        i = j;
    }
    return 0;
}

/// Parses JSON text, rewrapping every parser error as parse_error.
/// @param file the name shown in errors (a path or "<string>").
/// @throws parse_error for text that is not JSON, a number out of range, or an
///         object with a duplicate key (naming its JSON pointer).
inline nlohmann::json parse_json_text(std::string_view text, const std::string& file) {
    duplicate_key_guard guard(file);
    const nlohmann::json::parser_callback_t cb = [&](int, nlohmann::json::parse_event_t event,
                                                     nlohmann::json& parsed) {
        guard.on_event(event, parsed);
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), cb);
    } catch (const nlohmann::json::parse_error& e) {
        throw parse_error(file, "byte " + std::to_string(e.byte), std::string("not valid JSON: ") + e.what());
    } catch (const nlohmann::json::exception& e) { // out_of_range.406: a number too large for a double
        const std::size_t at = first_overflowing_number(text);
        throw parse_error(file, at ? "byte " + std::to_string(at) : std::string(),
                          std::string("not valid JSON: ") + e.what());
    }
}

/// Reads and parses a JSON file.
inline nlohmann::json read_json_file(const std::string& path) {
    return parse_json_text(read_text_file(path), path);
}

} // namespace danchu::detail
