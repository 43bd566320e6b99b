#pragma once
/// @file
/// Reads a report document from JSON, strictly (internal; see
/// <danchu/report/json.hpp>). Every error is a parse_error naming the source
/// and the JSON pointer of the offending value.

#include <danchu/core/error.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/report/document.hpp>
#include <danchu/report/validate.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::report::detail {

class json_reader {
public:
    using json = nlohmann::json;
    std::string source;

    document read_document(const json& j) {
        object(j, "",
               {"schema_version", "header", "bands", "current", "previous", "by_district", "by_sector",
                "failings", "schedule", "changes", "problems", "units"});
        const std::string version = str(j, "", "schema_version");
        if (version.substr(0, version.find('.')) != "1")
            fail("/schema_version", "schema version \"" + version + "\" is not supported: expected 1.x");
        document doc;
        doc.head = read_header(field(j, "", "header"), "/header");
        doc.bands = list<band>(j, "", "bands", true, [&](const json& b, const std::string& p) {
            object(b, p, {"id", "label", "colour", "graded"});
            return band{str(b, p, "id"), txt(b, p, "label"), str(b, p, "colour"),
                        boolean(b, p, "graded", true)};
        });
        doc.current = read_figures(field(j, "", "current"), "/current");
        if (has(j, "previous")) doc.previous = read_figures(j.at("previous"), "/previous");
        doc.by_district = read_groups(j, "by_district");
        doc.by_sector = read_groups(j, "by_sector");
        doc.failings = list<failing>(j, "", "failings", false,
                                     [&](const json& f, const std::string& p) { return read_failing(f, p); });
        if (has(j, "schedule")) doc.schedule = read_schedule(j.at("schedule"), "/schedule");
        doc.changes = list<unit_change>(
            j, "", "changes", false, [&](const json& c, const std::string& p) { return read_change(c, p); });
        doc.problems =
            list<input_problem>(j, "", "problems", false, [&](const json& x, const std::string& p) {
                object(x, p, {"kind", "source", "location", "subject", "message"});
                return input_problem{opt_str(x, p, "kind"), opt_str(x, p, "source"),
                                     opt_str(x, p, "location"), opt_str(x, p, "subject"),
                                     str(x, p, "message")};
            });
        doc.units = list<unit_row>(j, "", "units", false, [&](const json& u, const std::string& p) {
            object(u, p,
                   {"id", "name", "district", "sector", "score", "band", "complete_evidence", "rank",
                    "not_reported", "declared_none"});
            return unit_row{str(u, p, "id"),
                            opt_str(u, p, "name"),
                            opt_str(u, p, "district"),
                            opt_str(u, p, "sector"),
                            number(u, p, "score"),
                            str(u, p, "band"),
                            boolean(u, p, "complete_evidence", false),
                            count_opt(u, p, "rank"),
                            count_opt(u, p, "not_reported").value_or(0),
                            count_opt(u, p, "declared_none").value_or(0)};
        });
        if (auto problem = checker(doc).run()) fail(problem->pointer, problem->message);
        return doc;
    }

private:
    [[noreturn]] void fail(const std::string& ptr, const std::string& msg) const {
        danchu::detail::json_fail(source, ptr, msg);
    }
    static const char* type_of(const json& j) { return danchu::detail::json_type_name(j); }
    static std::string at(const std::string& ptr, std::string_view key) {
        return danchu::detail::child(ptr, key);
    }
    static bool has(const json& o, const char* key) {
        auto it = o.find(key);
        return it != o.end() && !it->is_null();
    }
    void object(const json& j, const std::string& ptr, std::initializer_list<std::string_view> keys) {
        danchu::detail::expect_object(j, source, ptr, keys);
    }
    const json& field(const json& o, const std::string& ptr, const char* key) {
        if (!has(o, key)) fail(ptr, "missing required key \"" + std::string(key) + "\"");
        return o.at(key);
    }
    std::string str(const json& o, const std::string& ptr, const char* key) {
        const json& v = field(o, ptr, key);
        if (!v.is_string()) fail(at(ptr, key), std::string("expected a string, found ") + type_of(v));
        return v.get<std::string>();
    }
    std::string opt_str(const json& o, const std::string& ptr, const char* key) {
        return has(o, key) ? str(o, ptr, key) : std::string();
    }
    bool boolean(const json& o, const std::string& ptr, const char* key, bool dflt) {
        if (!has(o, key)) return dflt;
        const json& v = o.at(key);
        if (!v.is_boolean()) fail(at(ptr, key), std::string("expected true or false, found ") + type_of(v));
        return v.get<bool>();
    }
    std::optional<double> number(const json& o, const std::string& ptr, const char* key) {
        if (!has(o, key)) return std::nullopt;
        const json& v = o.at(key);
        if (!v.is_number()) fail(at(ptr, key), std::string("expected a number, found ") + type_of(v));
        return v.get<double>();
    }
    std::size_t to_count(const json& v, const std::string& ptr) {
        if (v.is_number_unsigned()) return v.get<std::size_t>();
        if (v.is_number_integer() && v.get<long long>() >= 0)
            return static_cast<std::size_t>(v.get<long long>());
        fail(ptr,
             std::string("expected a whole number >= 0, found ") + (v.is_number() ? v.dump() : type_of(v)));
    }
    std::optional<std::size_t> count_opt(const json& o, const std::string& ptr, const char* key) {
        if (!has(o, key)) return std::nullopt;
        return to_count(o.at(key), at(ptr, key));
    }
    int integer(const json& o, const std::string& ptr, const char* key, int dflt) {
        if (!has(o, key)) return dflt;
        const json& v = o.at(key);
        if (!v.is_number_integer() || v.get<long long>() < -1000000 || v.get<long long>() > 1000000)
            fail(at(ptr, key), "expected a whole number, found " + v.dump());
        return static_cast<int>(v.get<long long>());
    }
    bilingual_text txt(const json& o, const std::string& ptr, const char* key) {
        const json& v = field(o, ptr, key);
        const std::string p = at(ptr, key);
        object(v, p, {"vi", "en"});
        return bilingual_text{str(v, p, "vi"), str(v, p, "en")};
    }
    bilingual_text opt_txt(const json& o, const std::string& ptr, const char* key) {
        return has(o, key) ? txt(o, ptr, key) : bilingual_text{};
    }
    template <class T, class F>
    std::vector<T> list(const json& o, const std::string& ptr, const char* key, bool required, F f) {
        std::vector<T> out;
        if (!required && !has(o, key)) return out;
        const json& v = field(o, ptr, key);
        const std::string p = at(ptr, key);
        if (!v.is_array()) fail(p, std::string("expected an array, found ") + type_of(v));
        out.reserve(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) out.push_back(f(v[i], p + "/" + std::to_string(i)));
        return out;
    }
    std::vector<std::size_t> counts(const json& o, const std::string& ptr, const char* key) {
        return list<std::size_t>(o, ptr, key, true,
                                 [&](const json& v, const std::string& p) { return to_count(v, p); });
    }
    std::vector<std::string> strings(const json& o, const std::string& ptr, const char* key) {
        return list<std::string>(o, ptr, key, false, [&](const json& v, const std::string& p) {
            if (!v.is_string()) fail(p, std::string("expected a string, found ") + type_of(v));
            return v.get<std::string>();
        });
    }
    citation read_citation(const json& c, const std::string& p) {
        object(c, p, {"document", "article", "clause", "point", "note", "confidence"});
        citation out{str(c, p, "document"),  opt_str(c, p, "article"), opt_str(c, p, "clause"),
                     opt_str(c, p, "point"), opt_str(c, p, "note"),    "verified"};
        if (has(c, "confidence")) out.confidence = str(c, p, "confidence");
        return out;
    }
    std::vector<citation> citations(const json& o, const std::string& ptr, const char* key, bool required) {
        return list<citation>(o, ptr, key, required,
                              [&](const json& c, const std::string& p) { return read_citation(c, p); });
    }
    std::vector<source_ref> refs(const json& o, const std::string& ptr, const char* key, bool required) {
        return list<source_ref>(o, ptr, key, required, [&](const json& r, const std::string& p) {
            object(r, p, {"id", "name", "version"});
            return source_ref{str(r, p, "id"), txt(r, p, "name"), opt_str(r, p, "version")};
        });
    }
    header read_header(const json& h, const std::string& p) {
        object(h, p,
               {"province", "reporting_body", "recipient", "period", "generated_on", "regimes", "packs",
                "legal_basis", "synthetic", "synthetic_note"});
        header out;
        out.province = txt(h, p, "province");
        out.reporting_body = txt(h, p, "reporting_body");
        out.recipient = txt(h, p, "recipient");
        const json& per = field(h, p, "period");
        const std::string pp = p + "/period";
        object(per, pp, {"id", "start", "end", "data_from", "data_to"});
        out.period = {str(per, pp, "id"), str(per, pp, "start"), str(per, pp, "end"),
                      str(per, pp, "data_from"), str(per, pp, "data_to")};
        out.generated_on = str(h, p, "generated_on");
        out.regimes = refs(h, p, "regimes", true);
        out.packs = refs(h, p, "packs", false);
        out.legal_basis = citations(h, p, "legal_basis", true);
        out.synthetic = boolean(h, p, "synthetic", false);
        out.synthetic_note = opt_txt(h, p, "synthetic_note");
        return out;
    }
    figures read_figures(const json& f, const std::string& p) {
        object(f, p,
               {"period_id", "units_assessed", "units_complete", "pass_rate", "mean_score", "band_counts",
                "no_evidence"});
        figures out{str(f, p, "period_id"),
                    to_count(field(f, p, "units_assessed"), p + "/units_assessed"),
                    to_count(field(f, p, "units_complete"), p + "/units_complete"),
                    number(f, p, "pass_rate"),
                    number(f, p, "mean_score"),
                    counts(f, p, "band_counts")};
        if (has(f, "no_evidence")) { // since 1.1
            const json& n = f.at("no_evidence");
            const std::string np = at(p, "no_evidence");
            object(n, np, {"policy", "units"});
            out.no_evidence_policy = str(n, np, "policy");
            out.no_evidence_units = strings(n, np, "units");
        }
        return out;
    }
    std::vector<group_counts> read_groups(const json& j, const char* key) {
        return list<group_counts>(j, "", key, false, [&](const json& g, const std::string& p) {
            object(g, p, {"key", "band_counts"});
            return group_counts{str(g, p, "key"), counts(g, p, "band_counts")};
        });
    }
    failing read_failing(const json& f, const std::string& p) {
        object(f, p, {"id", "title", "source", "rules", "units"});
        failing out{
            str(f, p, "id"), txt(f, p, "title"), read_citation(field(f, p, "source"), p + "/source"), {}, {}};
        out.rules = list<rule_ref>(f, p, "rules", false, [&](const json& r, const std::string& rp) {
            object(r, rp, {"id", "title", "citations"});
            return rule_ref{str(r, rp, "id"), txt(r, rp, "title"), citations(r, rp, "citations", false)};
        });
        out.units = list<failing_unit>(f, p, "units", false, [&](const json& u, const std::string& up) {
            object(u, up, {"unit_id", "unit_name", "district", "rule_ids"});
            return failing_unit{str(u, up, "unit_id"), opt_str(u, up, "unit_name"),
                                opt_str(u, up, "district"), strings(u, up, "rule_ids")};
        });
        return out;
    }
    template <class Item> Item read_item(const json& x, const std::string& p, const char* days_key) {
        object(x, p, {"unit_id", "unit_name", "obligation_id", "obligation", "due", days_key, "source"});
        Item it;
        it.unit_id = str(x, p, "unit_id");
        it.unit_name = opt_str(x, p, "unit_name");
        it.obligation_id = str(x, p, "obligation_id");
        it.obligation = txt(x, p, "obligation");
        it.due = str(x, p, "due");
        field(x, p, days_key);
        if (has(x, "source")) it.source = read_citation(x.at("source"), p + "/source");
        return it;
    }
    schedule_status read_schedule(const json& s, const std::string& p) {
        object(s, p, {"as_of", "horizon_days", "overdue", "upcoming"});
        schedule_status out;
        out.as_of = opt_str(s, p, "as_of");
        out.horizon_days = integer(s, p, "horizon_days", 30);
        out.overdue = list<overdue_item>(s, p, "overdue", false, [&](const json& x, const std::string& ip) {
            auto it = read_item<overdue_item>(x, ip, "working_days_late");
            it.working_days_late = integer(x, ip, "working_days_late", 0);
            return it;
        });
        out.upcoming =
            list<upcoming_item>(s, p, "upcoming", false, [&](const json& x, const std::string& ip) {
                auto it = read_item<upcoming_item>(x, ip, "working_days_left");
                it.working_days_left = integer(x, ip, "working_days_left", 0);
                return it;
            });
        return out;
    }
    unit_change read_change(const json& c, const std::string& p) {
        object(c, p,
               {"unit_id", "unit_name", "score_before", "score_after", "rank_before", "rank_after",
                "band_before", "band_after"});
        return unit_change{str(c, p, "unit_id"),           opt_str(c, p, "unit_name"),
                           number(c, p, "score_before"),   number(c, p, "score_after"),
                           count_opt(c, p, "rank_before"), count_opt(c, p, "rank_after"),
                           opt_str(c, p, "band_before"),   opt_str(c, p, "band_after")};
    }
};

} // namespace danchu::report::detail
