#pragma once
/// @file
/// Loading the recorded submissions and events that `build_schedule` reads.
///
/// JSON: `{"submissions": [{"unit", "obligation", "occurrence", "done_on",
/// "document"?}], "events": [{"unit", "event", "id", "date"}]}`.
/// CSV (one file per list, told apart by its header): `unit,obligation,
/// occurrence,done_on[,document]` or `unit,event,id,date`.

#include <danchu/schedule/schedule.hpp>
#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/json_stream.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/io/detail/text_file.hpp>

#include <fstream>
#include <istream>
#include <string>
#include <vector>

namespace danchu {

/// Submissions and events, as recorded.
struct schedule_records {
    std::vector<submission> submissions;
    std::vector<trigger_event> events;
};

namespace detail {

inline civil_day read_record_date(const std::string& text, const std::string& file,
                                  const std::string& where) {
    try {
        return civil_day::parse(text, "date");
    } catch (const calendar_error& e) {
        throw parse_error(file, where, e.what());
    }
}

} // namespace detail

namespace detail {

inline submission read_submission(const nlohmann::json& j, const std::string& file, const std::string& p) {
    expect_object(j, file, p, {"unit", "obligation", "occurrence", "done_on", "document"});
    submission s;
    s.unit = require_string(j, "unit", file, p);
    s.obligation = require_string(j, "obligation", file, p);
    s.occurrence = optional_string(j, "occurrence", file, p);
    s.done_on = read_record_date(require_string(j, "done_on", file, p), file, p + "/done_on");
    s.document = optional_string(j, "document", file, p);
    return s;
}

inline trigger_event read_trigger_event(const nlohmann::json& j, const std::string& file,
                                        const std::string& p) {
    expect_object(j, file, p, {"unit", "event", "id", "date"});
    trigger_event e;
    e.unit = require_string(j, "unit", file, p);
    e.event = require_string(j, "event", file, p);
    e.id = require_string(j, "id", file, p);
    e.date = read_record_date(require_string(j, "date", file, p), file, p + "/date");
    return e;
}

/// Reads the records document into `out` (its arrays may have been emptied
/// by streaming; their types and the top-level keys are still checked).
inline void read_records_document(const nlohmann::json& doc, const std::string& file, schedule_records& out) {
    expect_object(doc, file, "", {"$schema", "submissions", "events"});
    if (doc.contains("submissions")) {
        const auto& list = doc["submissions"];
        if (!list.is_array()) throw parse_error(file, "/submissions", "expected an array");
        for (std::size_t i = 0; i < list.size(); ++i)
            out.submissions.push_back(read_submission(list[i], file, "/submissions/" + std::to_string(i)));
    }
    if (doc.contains("events")) {
        const auto& list = doc["events"];
        if (!list.is_array()) throw parse_error(file, "/events", "expected an array");
        for (std::size_t i = 0; i < list.size(); ++i)
            out.events.push_back(read_trigger_event(list[i], file, "/events/" + std::to_string(i)));
    }
}

} // namespace detail

/// Reads records from a JSON document.
/// @throws parse_error naming the file and JSON pointer.
inline schedule_records schedule_records_from_json(const nlohmann::json& doc, const std::string& file) {
    schedule_records out;
    detail::read_records_document(doc, file, out);
    return out;
}

/// Reads records from JSON in a stream, one submission or event at a time (a
/// 100,000-unit province records about 100 MB of them). Same checks and errors
/// as schedule_records_from_json.
inline schedule_records schedule_records_from_json_stream(std::istream& in, const std::string& file) {
    schedule_records out;
    const nlohmann::json rest = detail::parse_streaming_members(
        in, file, {{"submissions", true}, {"events", true}},
        [&](const std::string& member, const std::string& index, const nlohmann::json& item) {
            const std::string p = "/" + member + "/" + index;
            if (member == "submissions")
                out.submissions.push_back(detail::read_submission(item, file, p));
            else
                out.events.push_back(detail::read_trigger_event(item, file, p));
        });
    detail::read_records_document(rest, file, out);
    return out;
}

/// Reads records from CSV text (submissions or events, by the header).
/// @throws parse_error naming the file and line.
inline schedule_records schedule_records_from_csv(std::string_view text, const std::string& file) {
    const auto rows = detail::parse_csv(text, file);
    if (rows.empty()) throw parse_error(file, "line 1", "empty file: expected a header row");
    std::vector<std::string> header;
    for (const auto& h : rows[0].fields) header.emplace_back(detail::trim(h));
    const bool events = header.size() >= 2 && header[1] == "event";
    const std::vector<std::string> want =
        events ? std::vector<std::string>{"unit", "event", "id", "date"}
               : std::vector<std::string>{"unit", "obligation", "occurrence", "done_on", "document"};
    if (header.size() < 4 || header.size() > want.size() ||
        !std::equal(header.begin(), header.end(), want.begin()))
        throw parse_error(file, "line 1",
                          "expected the header \"unit,obligation,occurrence,done_on[,document]\" "
                          "or \"unit,event,id,date\"");
    schedule_records out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& f = rows[r].fields;
        const std::string where = "line " + std::to_string(rows[r].line);
        if (f.size() != header.size())
            throw parse_error(file, where,
                              "expected " + std::to_string(header.size()) + " fields, found " +
                                  std::to_string(f.size()));
        for (std::size_t c = 0; c < 2; ++c)
            if (detail::trim(f[c]).empty())
                throw parse_error(file, where + ", column " + header[c], "empty value");
        if (events) {
            out.events.push_back(
                {std::string(detail::trim(f[0])), std::string(detail::trim(f[1])),
                 std::string(detail::trim(f[2])),
                 detail::read_record_date(std::string(detail::trim(f[3])), file, where + ", column date")});
        } else {
            out.submissions.push_back(
                {std::string(detail::trim(f[0])), std::string(detail::trim(f[1])),
                 std::string(detail::trim(f[2])),
                 detail::read_record_date(std::string(detail::trim(f[3])), file, where + ", column done_on"),
                 f.size() > 4 ? f[4] : std::string()});
        }
    }
    return out;
}

/// Loads a records file: `.csv` as CSV, anything else as JSON; appends to `into`.
inline void load_schedule_records(const std::string& path, schedule_records& into) {
    const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    schedule_records r;
    if (csv) {
        r = schedule_records_from_csv(detail::read_text_file(path), path);
    } else {
        std::ifstream in = detail::open_input_file(path);
        r = schedule_records_from_json_stream(in, path);
    }
    for (auto& s : r.submissions) into.submissions.push_back(std::move(s));
    for (auto& e : r.events) into.events.push_back(std::move(e));
}

} // namespace danchu
