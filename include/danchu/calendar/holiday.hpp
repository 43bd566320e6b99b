#pragma once
/// @file
/// Vietnamese public holidays as data: the statutory days of each legal era
/// (rules evaluated per year, lunar ones through `lunar.hpp`) and the official
/// civil-servant schedule of each year (every day off, compensatory day, swap
/// and make-up Saturday, each with its source document).
///
/// Files (format: `data/schemas/schedule.schema.json`, documented in
/// docs/calendar.md):
///   - an eras file: `{"eras": [...]}` (bundled: `data/schedules/eras.json`);
///   - one file per year: `{"year": 2026, "entries": [...]}`
///     (bundled: `data/schedules/2018.json` .. `2026.json`).
/// A later file for the same year replaces the earlier one, so a user adds or
/// corrects a year by dropping in a file; nothing is compiled in.

#include <danchu/core/date.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/core/citation.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/text.hpp>
#include <danchu/calendar/lunar.hpp>
#include <danchu/calendar/detail/lazy.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/io/detail/text_file.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// What a calendar entry is.
enum class holiday_kind : std::uint8_t {
    statutory,          ///< a holiday fixed by the Labour Code (nghỉ lễ, tết)
    compensatory,       ///< a day off because a holiday fell on a weekly rest day (nghỉ bù)
    swapped_day_off,    ///< a weekday made a day off by a swap (hoán đổi)
    makeup_working_day, ///< a weekly rest day made a working day by a swap (làm bù)
};

DANCHU_ENUM_NAMES(holiday_kind, "holiday kind", {holiday_kind::statutory, "statutory"},
                  {holiday_kind::compensatory, "compensatory"},
                  {holiday_kind::swapped_day_off, "swapped_day_off"},
                  {holiday_kind::makeup_working_day, "makeup_working_day"})

/// @throws argument_error naming the accepted values.
inline holiday_kind holiday_kind_from_string(std::string_view s) { return from_string<holiday_kind>(s); }

/// True unless the entry is a make-up working day.
inline constexpr bool is_day_off(holiday_kind k) noexcept { return k != holiday_kind::makeup_working_day; }

/// One day of a year's holiday calendar.
struct holiday {
    civil_day date;
    holiday_kind kind = holiday_kind::statutory;
    std::string holiday_id; ///< which holiday it belongs to, e.g. "tet", "national-day"
    bilingual_text name;
    citation source;
    confidence conf = confidence::verified;
    bool derived = false; ///< true if computed by rule (no official schedule)
};

/// A statutory holiday rule of an era.
struct holiday_rule {
    enum class type : std::uint8_t {
        fixed,   ///< Gregorian `month`/`day`
        lunar,   ///< lunar `month`/`day` (+ `offset` days, e.g. -1 = the eve)
        adjacent ///< the day next to Gregorian `month`/`day`, side chosen by its weekday
    };
    std::string id;
    bilingual_text name;
    type kind = type::fixed;
    int month = 1, day = 1;
    int offset = 0;                  ///< lunar: first day relative to the lunar date
    int length = 1;                  ///< number of consecutive days
    std::array<int, 7> by_weekday{}; ///< adjacent: +1 or -1 for Mon..Sun
};

DANCHU_ENUM_NAMES_AS(holiday_rule_type, holiday_rule::type, "rule type", {holiday_rule::type::fixed, "fixed"},
                     {holiday_rule::type::lunar, "lunar"}, {holiday_rule::type::adjacent, "adjacent"})

/// The statutory holidays in force over a span of years.
struct holiday_era {
    std::string id;
    bilingual_text name;
    int from_year = 0, to_year = 0; ///< inclusive
    citation source;
    confidence conf = confidence::verified;
    std::vector<holiday_rule> rules;
    bool compensation = false; ///< a holiday on a weekly rest day gives the next working day off
    citation compensation_source;
    std::string file;
};

/// The official schedule of one year (civil servants, Saturday+Sunday rest).
struct year_schedule {
    int year = 0;
    std::string file;
    std::vector<holiday> entries; ///< sorted by date
};

namespace detail {
/// A `source` object (common.schema.json): document, article, clause, point,
/// url, note; clause and point are accepted and not kept.
inline citation read_source(const json_at& j) {
    j.object({"document", "article", "clause", "point", "url", "note"});
    citation s;
    s.document = j.member("document").string();
    if (j.has("article")) s.article = j.member("article").string();
    if (j.has("url")) s.url = j.member("url").string();
    if (j.has("note")) s.note = j.member("note").string();
    return s;
}
inline confidence read_confidence(const json_at& j) { return j.enumerated<confidence>(); }
inline bilingual_text read_text(const json_at& j) {
    j.object({"vi", "en"});
    return {j.member("vi").string(), j.member("en").string()};
}
inline holiday_rule read_rule(const json_at& j) {
    j.object({"id", "name", "type", "month", "day", "offset", "length", "side_by_weekday"});
    holiday_rule r;
    r.id = j.member("id").string();
    r.name = read_text(j.member("name"));
    r.kind = j.member("type").enumerated<holiday_rule::type>();
    r.month = j.member("month").integer(1, 12);
    r.day = j.member("day").integer(1, r.kind == holiday_rule::type::lunar ? 30 : 31);
    if (j.has("offset")) r.offset = j.member("offset").integer(-3, 3);
    if (j.has("length")) r.length = j.member("length").integer(1, 9);
    if (r.kind == holiday_rule::type::adjacent) {
        const json_at w = j.member("side_by_weekday");
        w.object({"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
        static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        for (int i = 0; i < 7; ++i) {
            const json_at side = w.member(names[i]);
            const std::string s = side.string();
            if (s == "before")
                r.by_weekday[static_cast<std::size_t>(i)] = -1;
            else if (s == "after")
                r.by_weekday[static_cast<std::size_t>(i)] = 1;
            else
                side.fail("side \"" + s + "\" must be before or after");
        }
    }
    return r;
}
} // namespace detail

namespace detail {
/// The first `n` bytes of a file (fewer if it is shorter), read with C stdio
/// (cheaper to open than a stream: this runs for every file of a directory).
/// @throws parse_error naming the file if it cannot be opened or read.
inline std::string read_file_head(const std::string& path, std::size_t n) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    std::string text(n, '\0');
    bool failed = f == nullptr;
    if (f != nullptr) {
        text.resize(std::fread(text.data(), 1, n, f));
        failed = std::ferror(f) != 0;
        std::fclose(f);
    }
    if (failed) {
        (void)open_input_file(path); // names what is wrong: missing, a folder, unreadable
        throw parse_error(path, "", "cannot read the file");
    }
    return text;
}

/// What a holiday data file holds, from a scan of its top-level members up to
/// the first "eras" or "year" (no full parse): `scanned_eras`, or
/// `scanned_schedule` with the year, or `unknown` when the scan cannot tell
/// (then the file is converted at once, which reports what is wrong).
struct holiday_file_head {
    enum class kind : std::uint8_t { unknown, scanned_eras, scanned_schedule } what = kind::unknown;
    int year = 0;
};

inline holiday_file_head scan_holiday_file(std::string_view s) {
    holiday_file_head none;
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto ws = [&] {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    };
    // Skips one string (at its opening quote); false if unterminated.
    auto skip_string = [&] {
        for (++i; i < n; ++i) {
            if (s[i] == '\\')
                ++i;
            else if (s[i] == '"') {
                ++i;
                return true;
            }
        }
        return false;
    };
    // Skips one value; false if it cannot be skipped.
    auto skip_value = [&] {
        if (i >= n) return false;
        if (s[i] == '"') return skip_string();
        if (s[i] == '{' || s[i] == '[') {
            int depth = 0;
            while (i < n) {
                const char c = s[i];
                if (c == '"') {
                    if (!skip_string()) return false;
                    continue;
                }
                if (c == '{' || c == '[') ++depth;
                if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        ++i;
                        return true;
                    }
                }
                ++i;
            }
            return false;
        }
        const std::size_t start = i;
        while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
               s[i] != '\n' && s[i] != '\r')
            ++i;
        return i > start;
    };
    ws();
    if (i >= n || s[i] != '{') return none;
    ++i;
    for (;;) {
        ws();
        if (i >= n || s[i] != '"') return none; // also "}": neither member
        const std::size_t key_start = i + 1;
        if (!skip_string()) return none;
        const std::string_view key = s.substr(key_start, i - 1 - key_start);
        if (key.find('\\') != std::string_view::npos) return none;
        ws();
        if (i >= n || s[i] != ':') return none;
        ++i;
        ws();
        if (key == "eras") {
            if (s.compare(i, 4, "null") == 0) return none;
            return {holiday_file_head::kind::scanned_eras, 0};
        }
        if (key == "year") {
            // four digits, then the end of the value
            if (i + 4 > n || s[i] < '1' || s[i] > '9') return none;
            int y = 0;
            for (std::size_t k = i; k < i + 4; ++k) {
                if (s[k] < '0' || s[k] > '9') return none;
                y = y * 10 + (s[k] - '0');
            }
            i += 4;
            if (i < n && s[i] != ',' && s[i] != '}' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
                s[i] != '\r')
                return none;
            if (y < 1900 || y > 2199) return none;
            return {holiday_file_head::kind::scanned_schedule, y};
        }
        if (!skip_value()) return none;
        ws();
        if (i >= n || s[i] != ',') return none;
        ++i;
    }
}
} // namespace detail

/// Holiday eras and official schedules, loaded from data files.
///
/// The files of a directory are converted lazily: `load_directory` reads only
/// the top-level members of each file up to "eras" or "year" (usually within
/// its first 4 KiB); a year's schedule is read and converted (parsed and
/// checked in full) the first time that year is asked for, the eras the first
/// time an era is. So an error deep inside such a file (a bad entry) is raised
/// by the first call that needs the file (`schedule_for`, `era_for`, `eras`,
/// `schedules`, the calendar's functions), not by `load_directory`; a file
/// whose top level cannot be read that way is converted at once, and one
/// replaced by a later file for the same year is never converted. `add_file`
/// and `add_json` (a user's extra file) convert at once; `load_all()` converts
/// every file now. Copies share the converted files; conversion is thread-safe.
class holiday_data {
public:
    /// Empty data: no era, no schedule.
    holiday_data() = default;

    /// Adds every `*.json` file of a directory (in name order), as
    /// add_file_lazily: each is converted when first needed.
    /// @throws parse_error for a missing directory, an unreadable file or one
    /// whose top level is malformed.
    static holiday_data load_directory(const std::string& dir) {
        namespace fs = std::filesystem;
        std::error_code ec;
        if (!fs::is_directory(dir, ec))
            throw parse_error(dir, "", "not a directory of holiday schedule files");
        std::vector<std::string> files;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        holiday_data data;
        for (const auto& f : files) data.add_file_lazily(f);
        return data;
    }

    /// Adds an eras file or a year's schedule, converted (checked in full) now;
    /// a year already present is replaced.
    /// @throws parse_error naming the file and JSON pointer.
    void add_file(const std::string& path) { add_json(detail::read_json_file(path), path); }

    /// Same as add_file for an already parsed document; `name` is used in errors.
    /// @throws parse_error naming the file and JSON pointer.
    void add_json(const nlohmann::json& doc, const std::string& name) {
        converted c = convert(doc, name);
        if (c.is_schedule) {
            const int year = c.schedule.year;
            schedules_[year] = std::make_shared<const schedule_slot>(std::move(c.schedule));
        } else {
            era_files_.push_back(std::make_shared<const eras_slot>(std::move(c.eras)));
        }
        reset_views();
    }

    /// Adds a file as add_file does, but converts it when first needed (see the
    /// class comment); load_directory adds its files this way.
    /// @throws parse_error naming the file (and JSON pointer) if it cannot be
    /// read, or if its top level is malformed.
    void add_file_lazily(const std::string& path) {
        // The top level is read from the file's first block; the whole file only
        // if the scan needs more, and then again when it is converted.
        constexpr std::size_t block = 4096;
        std::string head = detail::read_file_head(path, block);
        detail::holiday_file_head what = detail::scan_holiday_file(head);
        if (what.what == detail::holiday_file_head::kind::unknown && head.size() == block) {
            head = detail::read_text_file(path);
            what = detail::scan_holiday_file(head);
        }
        switch (what.what) {
        case detail::holiday_file_head::kind::unknown:
            add_json(detail::parse_json_text(detail::read_text_file(path), path), path);
            return;
        case detail::holiday_file_head::kind::scanned_eras:
            era_files_.push_back(
                std::make_shared<const eras_slot>([path]() { return convert_file(path).eras; }));
            break;
        case detail::holiday_file_head::kind::scanned_schedule: {
            const int year = what.year;
            schedules_[year] = std::make_shared<const schedule_slot>([path, year]() {
                converted c = convert_file(path);
                if (!c.is_schedule || c.schedule.year != year)
                    throw parse_error(path, "/year",
                                      "the year changed since the file was added (" + std::to_string(year) +
                                          "), or the member \"year\" is given twice");
                return std::move(c.schedule);
            });
            break;
        }
        }
        reset_views();
    }

    /// Converts every file not yet converted (and so checks it in full).
    /// @throws parse_error for the first malformed file.
    void load_all() const {
        (void)eras();
        for (const auto& [year, slot] : schedules_) (void)slot->get();
    }

    /// The era in force in `year`, or nullptr.
    /// @throws parse_error if an eras file not yet converted is malformed.
    const holiday_era* era_for(int year) const {
        const std::vector<holiday_era>& all = eras();
        for (auto it = all.rbegin(); it != all.rend(); ++it)
            if (it->from_year <= year && year <= it->to_year) return &*it;
        return nullptr;
    }
    /// True if `year` has an official schedule (without converting its file).
    bool has_schedule(int year) const noexcept { return schedules_.count(year) != 0; }
    /// The years with an official schedule, ascending (without converting any file).
    std::vector<int> official_years() const {
        std::vector<int> out;
        out.reserve(schedules_.size());
        for (const auto& [year, slot] : schedules_) out.push_back(year);
        return out;
    }
    /// The official schedule of `year`, or nullptr; converts its file on first use.
    /// @throws parse_error if that file is malformed.
    const year_schedule* schedule_for(int year) const {
        const auto it = schedules_.find(year);
        return it == schedules_.end() ? nullptr : &it->second->get();
    }
    /// Every era, in the order the files were added; converts the eras files.
    /// @throws parse_error if one is malformed.
    const std::vector<holiday_era>& eras() const { return eras_view()->get(); }
    /// Every official schedule by year; converts every schedule file.
    /// @throws parse_error if one is malformed.
    const std::map<int, year_schedule>& schedules() const { return schedules_view()->get(); }

    /// The statutory days of `year` computed from its era's rules (marked
    /// derived), sorted by date; empty if no era covers the year.
    /// @throws calendar_error if a lunar rule leaves the lunar range.
    std::vector<holiday> statutory_by_rule(int year) const {
        std::vector<holiday> out;
        const holiday_era* era = era_for(year);
        if (era == nullptr) return out;
        for (const holiday_rule& r : era->rules) {
            day_number first = 0;
            switch (r.kind) {
            case holiday_rule::type::fixed: first = make_day(year, r.month, r.day).days(); break;
            case holiday_rule::type::lunar:
                first = to_solar(year, r.month, r.day, false).days() + r.offset;
                break;
            case holiday_rule::type::adjacent: {
                const day_number base = make_day(year, r.month, r.day).days();
                first = base + r.by_weekday[static_cast<std::size_t>(weekday_of(base))];
                break;
            }
            }
            for (int i = 0; i < r.length; ++i) {
                holiday h;
                h.date = civil_day::from_days(first + i);
                h.kind = holiday_kind::statutory;
                h.holiday_id = r.id;
                h.name = r.name;
                h.source = era->source;
                h.conf = era->conf;
                h.derived = true;
                out.push_back(std::move(h));
            }
        }
        std::sort(out.begin(), out.end(), [](const holiday& a, const holiday& b) { return a.date < b.date; });
        return out;
    }

private:
    using eras_slot = detail::lazy<std::vector<holiday_era>>;
    using schedule_slot = detail::lazy<year_schedule>;

    /// A converted file: eras or one year's schedule.
    struct converted {
        bool is_schedule = false;
        std::vector<holiday_era> eras;
        year_schedule schedule;
    };

    static converted convert_file(const std::string& path) {
        return convert(detail::read_json_file(path), path);
    }

    static converted convert(const nlohmann::json& doc, const std::string& name) {
        const detail::json_at root{doc, name, ""};
        if (!doc.is_object()) root.fail("expected an object with \"eras\" or \"year\"");
        converted c;
        if (root.has("eras")) {
            root.object({"$schema", "description", "eras"});
            if (root.has("description")) (void)detail::read_text(root.member("description")); // documentation
            c.eras = read_eras(root);
        } else if (root.has("year")) {
            root.object({"$schema", "description", "note", "year", "entries"});
            if (root.has("description")) (void)detail::read_text(root.member("description")); // documentation
            if (root.has("note")) (void)root.member("note").string();
            c.is_schedule = true;
            c.schedule = read_schedule(root);
        } else {
            root.fail("expected a member \"eras\" (holiday eras) or \"year\" (a year's schedule)");
        }
        return c;
    }

    static std::vector<holiday_era> read_eras(const detail::json_at& root) {
        std::vector<holiday_era> out;
        const detail::json_at list = root.member("eras");
        const auto& arr = list.array();
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const detail::json_at j = list.index(i);
            j.object(
                {"id", "name", "from_year", "to_year", "source", "confidence", "holidays", "compensation"});
            holiday_era e;
            e.file = root.file;
            e.id = j.member("id").string();
            e.name = detail::read_text(j.member("name"));
            e.from_year = j.member("from_year").integer(1900, 2199);
            e.to_year = j.member("to_year").integer(e.from_year, 2199);
            e.source = detail::read_source(j.member("source"));
            e.conf = detail::read_confidence(j.member("confidence"));
            const detail::json_at rules = j.member("holidays");
            for (std::size_t k = 0; k < rules.array().size(); ++k)
                e.rules.push_back(detail::read_rule(rules.index(k)));
            const detail::json_at comp = j.member("compensation");
            comp.object({"enabled", "source"});
            e.compensation = comp.member("enabled").boolean();
            if (comp.has("source")) e.compensation_source = detail::read_source(comp.member("source"));
            out.push_back(std::move(e));
        }
        return out;
    }

    static year_schedule read_schedule(const detail::json_at& root) {
        year_schedule s;
        s.file = root.file;
        s.year = root.member("year").integer(1900, 2199);
        const detail::json_at entries = root.member("entries");
        for (std::size_t i = 0; i < entries.array().size(); ++i) {
            const detail::json_at j = entries.index(i);
            j.object({"date", "kind", "holiday", "name", "source", "confidence"});
            holiday h;
            const detail::json_at date = j.member("date");
            h.date = date.date();
            if (h.date.year() != s.year)
                date.fail("date " + to_iso(h.date) + " is not in the file's year " + std::to_string(s.year));
            const detail::json_at kind = j.member("kind");
            try {
                h.kind = holiday_kind_from_string(kind.string());
            } catch (const argument_error&) {
                kind.fail("kind \"" + kind.string() +
                          "\" must be statutory, compensatory, swapped_day_off or "
                          "makeup_working_day");
            }
            const weekday wd = weekday_of(h.date);
            if (h.kind == holiday_kind::makeup_working_day && wd != weekday::sat && wd != weekday::sun)
                date.fail("make-up working day " + to_iso(h.date) + " is not a Saturday or Sunday");
            h.holiday_id = j.member("holiday").string();
            h.name = detail::read_text(j.member("name"));
            h.source = detail::read_source(j.member("source"));
            h.conf = detail::read_confidence(j.member("confidence"));
            s.entries.push_back(std::move(h));
        }
        std::stable_sort(s.entries.begin(), s.entries.end(),
                         [](const holiday& a, const holiday& b) { return a.date < b.date; });
        for (std::size_t i = 1; i < s.entries.size(); ++i)
            if (s.entries[i].date == s.entries[i - 1].date)
                root.fail("two entries for " + to_iso(s.entries[i].date) + " in /entries");
        return s;
    }

    // The flattened views (eras(), schedules()) are made on first use and
    // replaced by every change, so copies made before a change keep theirs.
    using eras_view_t = detail::lazy<std::vector<holiday_era>>;
    using schedules_view_t = detail::lazy<std::map<int, year_schedule>>;

    void reset_views() {
        auto files = era_files_;
        eras_view_ = std::make_shared<const eras_view_t>([files]() {
            std::vector<holiday_era> all;
            for (const auto& f : files) {
                const auto& e = f->get();
                all.insert(all.end(), e.begin(), e.end());
            }
            return all;
        });
        auto slots = schedules_;
        schedules_view_ = std::make_shared<const schedules_view_t>([slots]() {
            std::map<int, year_schedule> all;
            for (const auto& [year, slot] : slots) all.emplace(year, slot->get());
            return all;
        });
    }
    const std::shared_ptr<const eras_view_t>& eras_view() const {
        static const auto empty = std::make_shared<const eras_view_t>(std::vector<holiday_era>{});
        return eras_view_ ? eras_view_ : empty;
    }
    const std::shared_ptr<const schedules_view_t>& schedules_view() const {
        static const auto empty = std::make_shared<const schedules_view_t>(std::map<int, year_schedule>{});
        return schedules_view_ ? schedules_view_ : empty;
    }

    std::vector<std::shared_ptr<const eras_slot>> era_files_;
    std::map<int, std::shared_ptr<const schedule_slot>> schedules_;
    std::shared_ptr<const eras_view_t> eras_view_;
    std::shared_ptr<const schedules_view_t> schedules_view_;
};

} // namespace danchu
