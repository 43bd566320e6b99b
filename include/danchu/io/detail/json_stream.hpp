#pragma once
/// @file
/// Internal: reading a large JSON document without holding all of it. A
/// province's evidence file is one object whose `units` member holds one
/// object per unit (100,000 units: about 280 MB of text, several GB as a
/// whole DOM); a records file holds arrays of submissions and events.
/// `parse_streaming_members` hands each element of such top-level members to
/// a callback as soon as it is complete and then drops it, so memory holds one
/// element's DOM at a time; it returns the rest of the document. It uses only
/// nlohmann's public parser-callback API.

#include <danchu/io/detail/json_text.hpp>
#include <danchu/core/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace danchu::detail {

/// A top-level member whose elements are streamed: the members of an object
/// (`array` false) or the items of an array (`array` true).
struct streamed_member {
    std::string key;
    bool array = false;
};

/// Parses JSON from `input` (anything `nlohmann::json::parse` accepts: text,
/// an input stream). For each top-level member named in `which` whose value is
/// the container named there, calls `on_element(member, key, value)` for each
/// of its elements in document order (`key`: the member's key, or the item's
/// index in decimal) and leaves the container
/// empty in the returned document. A member of another type is returned as it
/// is, for the caller's own checks.
/// @throws parse_error naming `file` for text that is not JSON; whatever
/// `on_element` throws propagates unchanged.
template <class Input, class OnElement>
nlohmann::json parse_streaming_members(Input&& input, const std::string& file,
                                       const std::vector<streamed_member>& which, OnElement&& on_element) {
    using json = nlohmann::json;
    std::string top_key, element_key;
    const streamed_member* current = nullptr; // the container being streamed
    std::vector<const streamed_member*> streamed;
    std::size_t index = 0;
    auto find = [&](bool array) -> const streamed_member* {
        for (const auto& m : which)
            if (m.key == top_key && m.array == array) return &m;
        return nullptr;
    };
    duplicate_key_guard guard(file);
    json::parser_callback_t cb = [&](int depth, json::parse_event_t event, json& parsed) {
        guard.on_event(event, parsed);
        switch (event) {
        case json::parse_event_t::key:
            if (depth == 1)
                top_key = parsed.get<std::string>();
            else if (depth == 2 && current && !current->array)
                element_key = parsed.get<std::string>();
            return true;
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start:
            if (depth == 1 && (current = find(event == json::parse_event_t::array_start)) != nullptr) {
                streamed.push_back(current);
                index = 0;
            }
            return true;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
        case json::parse_event_t::value:
            if (depth == 1 && event != json::parse_event_t::value) current = nullptr;
            if (depth == 2 && current) {
                if (current->array) element_key = std::to_string(index++);
                on_element(std::as_const(current->key), std::as_const(element_key), std::as_const(parsed));
                return false; // drop it: the caller has consumed it
            }
            return true;
        }
        return true;
    };
    try {
        json rest = json::parse(std::forward<Input>(input), cb);
        // Dropped elements may leave "discarded" placeholders behind: empty them.
        if (rest.is_object())
            for (const auto* m : streamed) rest[m->key] = m->array ? json::array() : json::object();
        return rest;
    } catch (const json::parse_error& e) {
        throw parse_error(file, "byte " + std::to_string(e.byte), std::string("not valid JSON: ") + e.what());
    } catch (const json::out_of_range& e) { // a number too large for a double
        throw parse_error(file, "", std::string("not valid JSON: ") + e.what());
    }
}

} // namespace danchu::detail
