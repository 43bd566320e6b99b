#pragma once
/// @file
/// Loading the recorded submissions and events that `build_schedule` reads.
///
/// JSON: `{"submissions": [{"unit", "obligation", "occurrence", "done_on",
/// "document"?}], "events": [{"unit", "event", "id", "date"}]}`.
/// CSV (one file per list, told apart by its header): `unit,obligation,
/// occurrence,done_on[,document]` or `unit,event,id,date`.

#include <danchu/schedule.hpp>
#include <danchu/detail/csv_reader.hpp>
#include <danchu/detail/rules_json.hpp>

#include <string>
#include <vector>

namespace danchu {

/// Submissions and events, as recorded.
struct schedule_records {
    std::vector<submission> submissions;
    std::vector<trigger_event> events;
};

namespace detail {

inline day_number read_record_date(const std::string& text, const std::string& file,
                                   const std::string& where) {
    try {
        return danchu::parse_iso_date(text, "date");
    } catch (const calendar_error& e) {
        throw parse_error(file, where, e.what());
    }
}

} // namespace detail

/// Reads records from a JSON document.
/// @throws parse_error naming the file and JSON pointer.
inline schedule_records schedule_records_from_json(const nlohmann::json& doc, const std::string& file) {
    using namespace detail;
    expect_object(doc, file, "", {"$schema", "submissions", "events"});
    schedule_records out;
    if (doc.contains("submissions")) {
        const auto& list = doc["submissions"];
        if (!list.is_array()) throw parse_error(file, "/submissions", "expected an array");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string p = "/submissions/" + std::to_string(i);
            expect_object(list[i], file, p, {"unit", "obligation", "occurrence", "done_on", "document"});
            submission s;
            s.unit = require_string(list[i], "unit", file, p);
            s.obligation = require_string(list[i], "obligation", file, p);
            s.occurrence = optional_string(list[i], "occurrence", file, p);
            s.done_on = read_record_date(require_string(list[i], "done_on", file, p), file, p + "/done_on");
            s.document = optional_string(list[i], "document", file, p);
            out.submissions.push_back(std::move(s));
        }
    }
    if (doc.contains("events")) {
        const auto& list = doc["events"];
        if (!list.is_array()) throw parse_error(file, "/events", "expected an array");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string p = "/events/" + std::to_string(i);
            expect_object(list[i], file, p, {"unit", "event", "id", "date"});
            trigger_event e;
            e.unit = require_string(list[i], "unit", file, p);
            e.event = require_string(list[i], "event", file, p);
            e.id = require_string(list[i], "id", file, p);
            e.date = read_record_date(require_string(list[i], "date", file, p), file, p + "/date");
            out.events.push_back(std::move(e));
        }
    }
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
            throw parse_error(file, where, "expected " + std::to_string(header.size()) +
                                               " fields, found " + std::to_string(f.size()));
        for (std::size_t c = 0; c < 2; ++c)
            if (detail::trim(f[c]).empty())
                throw parse_error(file, where + ", column " + header[c], "empty value");
        if (events) {
            out.events.push_back({std::string(detail::trim(f[0])), std::string(detail::trim(f[1])),
                                  std::string(detail::trim(f[2])),
                                  detail::read_record_date(std::string(detail::trim(f[3])), file,
                                                           where + ", column date")});
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
    const std::string text = detail::read_text_file(path);
    const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    schedule_records r = csv ? schedule_records_from_csv(text, path)
                             : schedule_records_from_json(detail::parse_json_text(text, path), path);
    for (auto& s : r.submissions) into.submissions.push_back(std::move(s));
    for (auto& e : r.events) into.events.push_back(std::move(e));
}

} // namespace danchu
