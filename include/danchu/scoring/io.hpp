#pragma once
/// @file
/// Loading scoring schemes, assessments and findings files (JSON and CSV).
/// Formats: docs/scoring.md.

#include <danchu/scoring/detail/json.hpp>
#include <danchu/core/detail/suggest.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <algorithm>
#include <filesystem>
#include <unordered_map>

namespace danchu {
namespace detail::score_json {

inline bilingual_text text(const reader& r, const json& j, std::string_view key, const std::string& ptr,
                           bool required) {
    const json* v = required ? &r.need(j, key, ptr) : r.opt(j, key);
    if (!v) return {};
    const std::string p = reader::at(ptr, key);
    r.object(*v, p, {"vi", "en"});
    return {r.str(*v, "vi", p), r.str(*v, "en", p)};
}

inline std::vector<std::string> strings(const reader& r, const json& j, std::string_view key,
                                        const std::string& ptr) {
    const json& a = r.array(j, key, ptr, false);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string() || a[i].get<std::string>().empty())
            r.fail(reader::at(reader::at(ptr, key), i), "expected a non-empty string (a rule id)");
        out.push_back(a[i].get<std::string>());
    }
    return out;
}

inline xccdf_group group(const reader& r, const json& j, const std::string& ptr, bool root) {
    r.object(j, ptr, {"id", "title", "weight", "rules", "groups"});
    xccdf_group g;
    g.id = r.str(j, "id", ptr, !root);
    g.title = text(r, j, "title", ptr, false);
    if (r.opt(j, "weight")) g.weight = r.num(j, "weight", ptr);
    g.rules = strings(r, j, "rules", ptr);
    const json& gs = r.array(j, "groups", ptr, false);
    for (std::size_t i = 0; i < gs.size(); ++i)
        g.groups.push_back(group(r, gs[i], reader::at(reader::at(ptr, "groups"), i), false));
    return g;
}

inline boundary bound(const reader& r, const json& j, std::string_view key, const std::string& ptr,
                      boundary dflt) {
    if (!r.opt(j, key)) return dflt;
    return r.enumerator<boundary>(j, key, ptr);
}

inline band read_band(const reader& r, const json& j, const std::string& ptr) {
    r.object(j, ptr,
             {"id", "name", "min", "boundary", "achieved_fraction", "achieved_boundary", "min_achieved_share",
              "share_boundary", "no_zero_criterion", "source", "confidence"});
    band b;
    b.id = r.str(j, "id", ptr);
    b.name = text(r, j, "name", ptr, true);
    if (r.opt(j, "min")) b.min_score = r.num(j, "min", ptr);
    b.bound = bound(r, j, "boundary", ptr, boundary::at_least);
    if (r.opt(j, "achieved_fraction")) b.conditions.achieved_fraction = r.num(j, "achieved_fraction", ptr);
    b.conditions.achieved_boundary = bound(r, j, "achieved_boundary", ptr, boundary::at_least);
    if (r.opt(j, "min_achieved_share")) b.conditions.min_achieved_share = r.num(j, "min_achieved_share", ptr);
    b.conditions.share_boundary = bound(r, j, "share_boundary", ptr, boundary::above);
    b.conditions.no_zero_criterion = r.boolean(j, "no_zero_criterion", ptr, false);
    // Every threshold is cited; a catch-all band without conditions needs none.
    const bool has_threshold = b.min_score || !b.conditions.empty();
    b.source = r.source(j, "source", ptr, has_threshold);
    return b;
}

inline counting_policy counting(const reader& r, const json& j, const std::string& ptr) {
    r.object(j, ptr, {"unknown", "error", "not_applicable", "advisory", "overridden"});
    counting_policy p;
    if (r.opt(j, "unknown")) p.unknown = r.enumerator<edge_count>(j, "unknown", ptr);
    if (r.opt(j, "error")) p.error = r.enumerator<edge_count>(j, "error", ptr);
    if (r.opt(j, "not_applicable")) p.not_applicable = r.enumerator<edge_count>(j, "not_applicable", ptr);
    if (r.opt(j, "advisory")) {
        const std::string s = r.str(j, "advisory", ptr);
        if (s != "score" && s != "exclude")
            r.fail(reader::at(ptr, "advisory"), "expected \"score\" or \"exclude\"");
        p.advisory_scored = s == "score";
    }
    if (r.opt(j, "overridden")) {
        p.overridden = r.enumerator<override_use>(j, "overridden", ptr);
    }
    return p;
}

inline criterion read_criterion(const reader& r, const json& j, const std::string& ptr) {
    r.object(j, ptr, {"id", "title", "max_points", "from", "bonus", "items", "source", "confidence"});
    criterion k;
    k.id = r.str(j, "id", ptr);
    k.title = text(r, j, "title", ptr, true);
    k.max_points = r.num(j, "max_points", ptr);
    if (r.opt(j, "from")) {
        k.from = r.enumerator<points_source>(j, "from", ptr);
    }
    k.bonus = r.boolean(j, "bonus", ptr, false);
    const json& items = r.array(j, "items", ptr, false);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string p = reader::at(reader::at(ptr, "items"), i);
        r.object(items[i], p, {"rule", "points", "credit"});
        criterion_item it;
        it.rule = r.str(items[i], "rule", p);
        it.points = r.num(items[i], "points", p);
        if (r.opt(items[i], "credit")) {
            it.credit = r.enumerator<item_credit>(items[i], "credit", p);
        }
        k.items.push_back(std::move(it));
    }
    k.source = r.source(j, "source", ptr, false);
    return k;
}

inline scheme_spec read_spec(const json& doc, const std::string& file) {
    const reader r{file};
    r.object(doc, "",
             {"$schema",   "id",          "title",    "description", "source",  "confidence", "pack",
              "kind",      "counting",    "model",    "benchmark",   "weights", "criteria",   "max_points",
              "max_total", "classify_on", "rounding", "bands",       "caps",    "ineligible"});
    scheme_spec s;
    s.file = file;
    s.id = r.str(doc, "id", "");
    s.title = text(r, doc, "title", "", true);
    s.source = r.source(doc, "source", "", false);
    if (r.opt(doc, "confidence")) s.conf = r.enumerator<confidence>(doc, "confidence", "");
    s.pack = r.str(doc, "pack", "", false);
    s.kind = r.enumerator<scheme_kind>(doc, "kind", "");
    if (const json* c = r.opt(doc, "counting")) s.counting = counting(r, *c, "/counting");
    if (s.kind == scheme_kind::xccdf) {
        s.model = r.enumerator<xccdf_model>(doc, "model", "");
        if (const json* b = r.opt(doc, "benchmark")) s.root = group(r, *b, "/benchmark", true);
        if (r.opt(doc, "criteria")) r.fail("/criteria", "an xccdf scheme has no criteria");
    } else {
        if (r.opt(doc, "model")) r.fail("/model", "a scorecard scheme has no XCCDF model");
        if (r.opt(doc, "benchmark")) r.fail("/benchmark", "a scorecard scheme has no benchmark");
        const json& cs = r.array(doc, "criteria", "", true);
        for (std::size_t i = 0; i < cs.size(); ++i)
            s.criteria.push_back(read_criterion(r, cs[i], reader::at("/criteria", i)));
        if (r.opt(doc, "max_points")) s.max_points = r.num(doc, "max_points", "");
        if (r.opt(doc, "max_total")) s.max_total = r.num(doc, "max_total", "");
        if (r.opt(doc, "classify_on")) {
            s.classify_on = r.enumerator<score_basis>(doc, "classify_on", "");
        }
    }
    if (const json* w = r.opt(doc, "weights")) {
        if (!w->is_object()) r.fail("/weights", "expected an object of rule id → weight");
        for (auto it = w->begin(); it != w->end(); ++it) {
            const std::string p = reader::at("/weights", it.key());
            if (!it->is_number()) r.fail(p, "expected the weight as a number");
            s.weights.emplace_back(it.key(), r.number(*it, p));
        }
    }
    if (const json* ro = r.opt(doc, "rounding")) {
        r.object(*ro, "/rounding", {"mode", "decimals"});
        s.round.mode = r.enumerator<rounding_mode>(*ro, "mode", "/rounding");
        if (const json* d = r.opt(*ro, "decimals")) {
            if (!d->is_number_integer()) r.fail("/rounding/decimals", "expected a whole number");
            s.round.decimals = d->get<int>();
        }
    }
    const json& bs = r.array(doc, "bands", "", false);
    for (std::size_t i = 0; i < bs.size(); ++i)
        s.bands.push_back(read_band(r, bs[i], reader::at("/bands", i)));
    const json& caps = r.array(doc, "caps", "", false);
    for (std::size_t i = 0; i < caps.size(); ++i) {
        const std::string p = reader::at("/caps", i);
        r.object(caps[i], p, {"id", "title", "critical_failure", "rules", "max_band", "source"});
        cap_rule c;
        c.id = r.str(caps[i], "id", p);
        c.title = text(r, caps[i], "title", p, true);
        c.any_critical_failure = r.boolean(caps[i], "critical_failure", p, false);
        c.rules = strings(r, caps[i], "rules", p);
        c.max_band = r.str(caps[i], "max_band", p);
        c.source = r.source(caps[i], "source", p, true);
        s.caps.push_back(std::move(c));
    }
    const json& in = r.array(doc, "ineligible", "", false);
    for (std::size_t i = 0; i < in.size(); ++i) {
        const std::string p = reader::at("/ineligible", i);
        r.object(in[i], p, {"id", "title", "rule", "source"});
        ineligibility_rule c;
        c.id = r.str(in[i], "id", p);
        c.title = text(r, in[i], "title", p, true);
        c.rule = r.str(in[i], "rule", p, false);
        c.source = r.source(in[i], "source", p, true);
        s.ineligible.push_back(std::move(c));
    }
    return s;
}

} // namespace detail::score_json

/// Builds a scheme from its JSON document (format: docs/scoring.md,
/// schema: data/schemas/scoring.schema.json).
/// @throws parse_error naming `file` and the JSON pointer of the problem.
inline scoring_scheme scoring_scheme_from_json(const nlohmann::json& doc, const std::string& file) {
    return scoring_scheme(detail::score_json::read_spec(doc, file));
}

/// Parses a scheme from JSON text.
inline scoring_scheme parse_scoring_scheme(std::string_view text, const std::string& file = "<string>") {
    return scoring_scheme_from_json(detail::score_json::parse(text, file), file);
}

/// Loads a scheme file.
inline scoring_scheme load_scoring_scheme(const std::string& path) {
    return parse_scoring_scheme(detail::score_json::read_file(path), path);
}

/// A scheme by file path, or by name from `<data_dir>/scoring/<name>.json`.
/// @throws argument_error listing where it looked.
inline scoring_scheme find_scoring_scheme(const std::string& name_or_path, const std::string& data_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_regular_file(name_or_path, ec)) return load_scoring_scheme(name_or_path);
    const fs::path p = fs::path(data_dir) / "scoring" / (name_or_path + ".json");
    if (fs::is_regular_file(p, ec)) return load_scoring_scheme(p.string());
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(fs::path(data_dir) / "scoring", ec))
        if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    throw argument_error("scheme \"" + name_or_path + "\": no such file, and no " + p.string() +
                         detail::did_you_mean(name_or_path, names));
}

/// Builds an assessment (manual and appraised points, declared ineligibility).
/// @throws parse_error naming `file` and the JSON pointer.
inline assessment assessment_from_json(const nlohmann::json& doc, const std::string& file) {
    using detail::score_json::reader;
    const reader r{file};
    r.object(doc, "", {"$schema", "points", "ineligible"});
    assessment a;
    a.file = file;
    const auto& ps = r.array(doc, "points", "", false);
    for (std::size_t i = 0; i < ps.size(); ++i) {
        const std::string p = reader::at("/points", i);
        r.object(ps[i], p, {"unit", "criterion", "points", "kind", "who", "date", "reason"});
        points_entry e;
        e.unit = r.str(ps[i], "unit", p);
        e.criterion = r.str(ps[i], "criterion", p);
        e.points = r.num(ps[i], "points", p);
        e.kind = r.enumerator<entry_kind>(ps[i], "kind", p);
        const bool appraisal = e.kind == entry_kind::appraisal; // who, when, why required
        e.who = r.str(ps[i], "who", p, appraisal);
        e.date = r.str(ps[i], "date", p, appraisal);
        e.reason = r.str(ps[i], "reason", p, appraisal);
        a.points.push_back(std::move(e));
    }
    const auto& is = r.array(doc, "ineligible", "", false);
    for (std::size_t i = 0; i < is.size(); ++i) {
        const std::string p = reader::at("/ineligible", i);
        r.object(is[i], p, {"unit", "condition", "who", "date", "reason"});
        ineligibility_entry e;
        e.unit = r.str(is[i], "unit", p);
        e.condition = r.str(is[i], "condition", p);
        e.who = r.str(is[i], "who", p);
        e.date = r.str(is[i], "date", p);
        e.reason = r.str(is[i], "reason", p);
        a.ineligible.push_back(std::move(e));
    }
    return a;
}

/// Loads an assessment file.
inline assessment load_assessment(const std::string& path) {
    return assessment_from_json(detail::score_json::parse(detail::score_json::read_file(path), path), path);
}

namespace detail::score_json {

/// Collects findings cells, then builds the table (cells not given are unknown).
struct findings_builder {
    std::vector<rule_meta> rules;
    std::unordered_map<std::string, std::size_t> rule_ix, unit_ix;
    std::vector<std::string> units;
    struct cell {
        std::size_t u, r;
        verdict v;
        double credit;
    };
    std::vector<cell> cells;

    std::size_t unit(const std::string& id) {
        auto [it, fresh] = unit_ix.emplace(id, units.size());
        if (fresh) units.push_back(id);
        return it->second;
    }
    finding_table build() {
        finding_table t(rules, units);
        for (const auto& c : cells) t.set(c.u, c.r, c.v, c.credit);
        return t;
    }
};

inline double credit_for(const reader& r, const json* v, verdict vd, const std::string& ptr) {
    if (!v) return vd == verdict::pass ? 1.0f : 0.0f;
    const double x = r.number(*v, ptr);
    if (x < 0 || x > 1) r.fail(ptr, "expected a credit between 0 and 1");
    return x;
}

} // namespace detail::score_json

/// Builds a finding table from a findings JSON document:
/// `{"rules": [{"id", "title": {"vi","en"}, "weight", "severity", "confidence", "tags"}],
///   "units": ["id", …], "findings": [{"unit", "rule", "verdict", "credit"}],
///   "overrides": [{"unit", "rule", "original", "replacement", "who", "date", "reason", "authority"}]}`.
/// Cells without a finding are `unknown`.
/// @throws parse_error naming `file` and the JSON pointer.
inline finding_table findings_from_json(const nlohmann::json& doc, const std::string& file) {
    using detail::score_json::reader;
    const reader r{file};
    r.object(doc, "", {"$schema", "pack", "period", "rules", "units", "findings", "overrides"});
    detail::score_json::findings_builder b;
    const auto& rs = r.array(doc, "rules", "", true);
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const std::string p = reader::at("/rules", i);
        r.object(rs[i], p, {"id", "title", "weight", "severity", "confidence", "tags"});
        rule_meta m;
        m.id = r.str(rs[i], "id", p);
        if (const auto* t = r.opt(rs[i], "title")) { // may be empty in machine-written files
            const std::string tp = reader::at(p, "title");
            r.object(*t, tp, {"vi", "en"});
            m.title.vi = r.str(*t, "vi", tp, false, false);
            m.title.en = r.str(*t, "en", tp, false, false);
        }
        if (r.opt(rs[i], "weight")) {
            m.weight = r.num(rs[i], "weight", p);
            if (m.weight < 0) r.fail(reader::at(p, "weight"), "expected a weight >= 0");
        }
        if (r.opt(rs[i], "severity")) m.sev = r.enumerator<severity>(rs[i], "severity", p);
        if (r.opt(rs[i], "confidence")) m.conf = r.enumerator<confidence>(rs[i], "confidence", p);
        m.tags = detail::score_json::strings(r, rs[i], "tags", p);
        if (!b.rule_ix.emplace(m.id, i).second)
            r.fail(reader::at(p, "id"), "rule id \"" + m.id + "\" appears twice");
        b.rules.push_back(std::move(m));
    }
    const auto& us = r.array(doc, "units", "", false);
    for (std::size_t i = 0; i < us.size(); ++i) {
        if (!us[i].is_string() || us[i].get<std::string>().empty())
            r.fail(reader::at("/units", i), "expected a unit id");
        if (!b.unit_ix.count(us[i].get<std::string>()))
            b.unit(us[i].get<std::string>());
        else
            r.fail(reader::at("/units", i), "unit id appears twice");
    }
    const auto& fs = r.array(doc, "findings", "", true);
    for (std::size_t i = 0; i < fs.size(); ++i) {
        const std::string p = reader::at("/findings", i);
        r.object(fs[i], p, {"unit", "rule", "verdict", "credit"});
        const std::string rule = r.str(fs[i], "rule", p);
        auto rit = b.rule_ix.find(rule);
        if (rit == b.rule_ix.end())
            r.fail(reader::at(p, "rule"), "unknown rule \"" + rule + "\": not in /rules");
        const std::size_t u = b.unit(r.str(fs[i], "unit", p));
        const verdict v = r.enumerator<verdict>(fs[i], "verdict", p);
        b.cells.push_back(
            {u, rit->second, v,
             detail::score_json::credit_for(r, r.opt(fs[i], "credit"), v, reader::at(p, "credit"))});
    }
    finding_table t = b.build();
    const auto& os = r.array(doc, "overrides", "", false);
    for (std::size_t i = 0; i < os.size(); ++i) {
        const std::string p = reader::at("/overrides", i);
        r.object(os[i], p, {"unit", "rule", "original", "replacement", "who", "date", "reason", "authority"});
        override_record o;
        o.unit_id = r.str(os[i], "unit", p);
        o.rule_id = r.str(os[i], "rule", p);
        if (!b.unit_ix.count(o.unit_id)) r.fail(reader::at(p, "unit"), "unknown unit \"" + o.unit_id + "\"");
        if (!b.rule_ix.count(o.rule_id)) r.fail(reader::at(p, "rule"), "unknown rule \"" + o.rule_id + "\"");
        o.original = r.enumerator<verdict>(os[i], "original", p);
        o.replacement = r.enumerator<verdict>(os[i], "replacement", p);
        o.who = r.str(os[i], "who", p);
        o.date = r.str(os[i], "date", p);
        o.reason = r.str(os[i], "reason", p);
        o.authority = r.str(os[i], "authority", p, false, false);
        // The cell holds the verdict that counts. A file written by danchu
        // holds the replacement already; one written by hand may hold the
        // original, which the override then replaces. Anything else
        // contradicts the record.
        const std::size_t u = b.unit_ix.at(o.unit_id), c = b.rule_ix.at(o.rule_id);
        const verdict cell = t.at(u, c);
        if (cell != o.replacement) {
            if (cell != o.original)
                r.fail(p, "the finding of unit \"" + o.unit_id + "\" for rule \"" + o.rule_id + "\" is " +
                              std::string(to_string(cell)) + ", but this override says it was " +
                              std::string(to_string(o.original)) + " and is now " +
                              std::string(to_string(o.replacement)));
            t.set(u, c, o.replacement, o.replacement == verdict::pass ? 1.0 : 0.0);
        }
        t.add_override(std::move(o));
    }
    return t;
}

/// Builds a finding table from CSV with a header naming at least `unit`,
/// `rule` and `verdict`; optional columns `credit`, `weight`, `severity`,
/// `confidence` (rule metadata must agree between rows of the same rule).
/// @throws parse_error naming `file` and "line N".
inline finding_table findings_from_csv(std::string_view text, const std::string& file) {
    const auto rows = detail::parse_csv(text, file);
    if (rows.empty()) throw parse_error(file, "", "empty file: expected a header row");
    std::unordered_map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < rows[0].fields.size(); ++i)
        if (!col.emplace(rows[0].fields[i], i).second) // the second would be dropped silently
            throw parse_error(file, "line 1",
                              "column \"" + detail::preview(rows[0].fields[i]) + "\" appears twice");
    for (auto k : {"unit", "rule", "verdict"})
        if (!col.count(k))
            throw parse_error(file, "line 1",
                              std::string("missing column \"") + k +
                                  "\" (expected unit, rule, verdict[, credit, "
                                  "weight, severity, confidence])");
    auto get = [&](const detail::csv_row& row, const char* k) -> std::string {
        auto it = col.find(k);
        if (it == col.end() || it->second >= row.fields.size()) return {};
        return row.fields[it->second];
    };
    detail::score_json::findings_builder b;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const std::string where = "line " + std::to_string(row.line);
        if (row.fields.size() != rows[0].fields.size())
            throw parse_error(file, where,
                              "expected " + std::to_string(rows[0].fields.size()) + " fields, found " +
                                  std::to_string(row.fields.size()));
        const std::string unit = get(row, "unit"), rule = get(row, "rule");
        if (unit.empty() || rule.empty()) throw parse_error(file, where, "empty unit or rule");
        rule_meta m;
        m.id = rule;
        try {
            if (auto w = get(row, "weight"); !w.empty()) {
                std::size_t used = 0;
                m.weight = std::stod(w, &used);
                if (used != w.size() || !(m.weight >= 0) || !std::isfinite(m.weight))
                    throw parse_error(file, where, "weight \"" + w + "\": expected a number >= 0");
            }
            if (auto s = get(row, "severity"); !s.empty()) m.sev = severity_from_string(s);
            if (auto c = get(row, "confidence"); !c.empty()) m.conf = confidence_from_string(c);
        } catch (const std::logic_error&) {
            throw parse_error(file, where, "weight \"" + get(row, "weight") + "\": expected a number >= 0");
        } catch (const argument_error& e) {
            throw parse_error(file, where, detail::score_json::bare_message(e));
        }
        auto [rit, fresh] = b.rule_ix.emplace(rule, b.rules.size());
        if (fresh)
            b.rules.push_back(m);
        else {
            const auto& o = b.rules[rit->second];
            if (o.weight != m.weight || o.sev != m.sev || o.conf != m.conf)
                throw parse_error(file, where,
                                  "rule \"" + rule +
                                      "\": weight, severity or "
                                      "confidence differ from an earlier row");
        }
        verdict v;
        try {
            v = verdict_from_string(get(row, "verdict"));
        } catch (const argument_error& e) {
            throw parse_error(file, where, detail::score_json::bare_message(e));
        }
        double credit = v == verdict::pass ? 1.0 : 0.0;
        if (auto c = get(row, "credit"); !c.empty()) {
            std::size_t used = 0;
            double x = -1;
            try {
                x = std::stod(c, &used);
            } catch (const std::logic_error&) {
                used = 0;
            }
            if (used != c.size() || !(x >= 0 && x <= 1))
                throw parse_error(file, where, "credit \"" + c + "\": expected a number in [0, 1]");
            credit = x;
        }
        b.cells.push_back({b.unit(unit), rit->second, v, credit});
    }
    return b.build();
}

/// Loads findings from a `.json` or `.csv` file (by extension).
inline finding_table load_findings(const std::string& path) {
    const std::string text = detail::score_json::read_file(path);
    const bool csv = path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 ||
                                          path.compare(path.size() - 4, 4, ".CSV") == 0);
    if (csv) return findings_from_csv(text, path);
    return findings_from_json(detail::score_json::parse(text, path), path);
}

} // namespace danchu
