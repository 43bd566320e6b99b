#pragma once
/// @file
/// Internal: reading a large JSON document without holding all of it. A
/// province's evidence file is one object whose `units` member holds one
/// object per unit (100,000 units: about 200 MB of text, several GB as a
/// whole DOM). `parse_streaming_members` hands each member of such a
/// top-level member to a callback as soon as it is complete and then drops
/// it, so memory holds one unit's DOM at a time; it returns the rest of the
/// document. It uses only nlohmann's public parser-callback API.

#include <danchu/detail/json_text.hpp>
#include <danchu/error.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace danchu::detail {

/// Parses JSON from `input` (anything `nlohmann::json::parse` accepts: text,
/// an input stream), calling `on_member(key, value)` for each member of the
/// top-level object's member `stream_key` when that member is an object; the
/// member is then left empty in the returned document. Members are passed in
/// document order and duplicate keys are passed twice (the callee decides).
/// @throws parse_error naming `file` for text that is not JSON; whatever
/// `on_member` throws propagates unchanged.
template <class Input, class OnMember>
nlohmann::json parse_streaming_members(Input&& input, const std::string& file, std::string_view stream_key,
                                       OnMember&& on_member) {
    using json = nlohmann::json;
    std::string top_key, member_key;
    bool streaming = false; // inside the object value of top-level `stream_key`
    bool streamed = false;
    json::parser_callback_t cb = [&](int depth, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::key:
            if (depth == 1) top_key = parsed.get<std::string>();
            else if (depth == 2 && streaming) member_key = parsed.get<std::string>();
            return true;
        case json::parse_event_t::object_start:
            if (depth == 1 && top_key == stream_key) streaming = streamed = true;
            return true;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
        case json::parse_event_t::value:
            if (depth == 1 && event == json::parse_event_t::object_end) streaming = false;
            if (depth == 2 && streaming) {
                on_member(std::as_const(member_key), std::as_const(parsed));
                return false; // drop it: the caller has consumed it
            }
            return true;
        case json::parse_event_t::array_start:
            return true;
        }
        return true;
    };
    try {
        json rest = json::parse(std::forward<Input>(input), cb);
        // Dropped scalars leave "discarded" placeholders behind: empty it.
        if (streamed && rest.is_object()) rest[std::string(stream_key)] = json::object();
        return rest;
    } catch (const json::parse_error& e) {
        throw parse_error(file, "byte " + std::to_string(e.byte), std::string("not valid JSON: ") + e.what());
    } catch (const json::out_of_range& e) { // a number too large for a double
        throw parse_error(file, "", std::string("not valid JSON: ") + e.what());
    }
}

} // namespace danchu::detail
