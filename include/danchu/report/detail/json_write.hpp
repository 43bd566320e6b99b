#pragma once
/// @file
/// Writes a report document as JSON (internal; see <danchu/report/json.hpp>).
/// Templated on the JSON type so that the text form keeps the schema's field
/// order (nlohmann::ordered_json) while the ADL hook fills nlohmann::json.
/// Empty optional fields are left out.

#include <danchu/report/document.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace danchu::report::detail {

template <class J> J write_text(const bilingual_text& t) {
    J j = J::object();
    j["vi"] = t.vi;
    j["en"] = t.en;
    return j;
}

template <class J> J write_citation(const citation& c) {
    J j = J::object();
    j["document"] = c.document;
    if (!c.article.empty()) j["article"] = c.article;
    if (!c.clause.empty()) j["clause"] = c.clause;
    if (!c.point.empty()) j["point"] = c.point;
    if (!c.note.empty()) j["note"] = c.note;
    j["confidence"] = c.confidence;
    return j;
}

template <class J, class T, class F> J write_list(const std::vector<T>& v, F f) {
    J j = J::array();
    for (const auto& x : v) j.push_back(f(x));
    return j;
}

template <class J> J write_refs(const std::vector<source_ref>& v) {
    return write_list<J>(v, [](const source_ref& r) {
        J j = J::object();
        j["id"] = r.id;
        j["name"] = write_text<J>(r.name);
        if (!r.version.empty()) j["version"] = r.version;
        return j;
    });
}

template <class J> J write_header(const header& h) {
    J j = J::object();
    j["province"] = write_text<J>(h.province);
    j["reporting_body"] = write_text<J>(h.reporting_body);
    j["recipient"] = write_text<J>(h.recipient);
    J p = J::object();
    p["id"] = h.period.id;
    p["start"] = h.period.start;
    p["end"] = h.period.end;
    p["data_from"] = h.period.data_from;
    p["data_to"] = h.period.data_to;
    j["period"] = p;
    j["generated_on"] = h.generated_on;
    j["regimes"] = write_refs<J>(h.regimes);
    j["packs"] = write_refs<J>(h.packs);
    j["legal_basis"] = write_list<J>(h.legal_basis, write_citation<J>);
    j["synthetic"] = h.synthetic;
    if (!h.synthetic_note.vi.empty() || !h.synthetic_note.en.empty())
        j["synthetic_note"] = write_text<J>(h.synthetic_note);
    return j;
}

template <class J> J write_figures(const figures& f) {
    J j = J::object();
    j["period_id"] = f.period_id;
    j["units_assessed"] = f.units_assessed;
    j["units_complete"] = f.units_complete;
    if (f.pass_rate) j["pass_rate"] = *f.pass_rate;
    if (f.mean_score) j["mean_score"] = *f.mean_score;
    j["band_counts"] = f.band_counts;
    if (!f.no_evidence_policy.empty()) {
        J n = J::object();
        n["policy"] = f.no_evidence_policy;
        n["units"] = f.no_evidence_units;
        j["no_evidence"] = std::move(n);
    }
    return j;
}

template <class J> J write_groups(const std::vector<group_counts>& v) {
    return write_list<J>(v, [](const group_counts& g) {
        J j = J::object();
        j["key"] = g.key;
        j["band_counts"] = g.band_counts;
        return j;
    });
}

template <class J> J write_failing(const failing& f) {
    J j = J::object();
    j["id"] = f.id;
    j["title"] = write_text<J>(f.title);
    j["source"] = write_citation<J>(f.source);
    j["rules"] = write_list<J>(f.rules, [](const rule_ref& r) {
        J x = J::object();
        x["id"] = r.id;
        x["title"] = write_text<J>(r.title);
        x["citations"] = write_list<J>(r.citations, write_citation<J>);
        return x;
    });
    j["units"] = write_list<J>(f.units, [](const failing_unit& u) {
        J x = J::object();
        x["unit_id"] = u.unit_id;
        x["unit_name"] = u.unit_name;
        x["district"] = u.district;
        x["rule_ids"] = u.rule_ids;
        return x;
    });
    return j;
}

template <class J, class Item> J write_item(const Item& it, const char* days_key, int days) {
    J j = J::object();
    j["unit_id"] = it.unit_id;
    j["unit_name"] = it.unit_name;
    j["obligation_id"] = it.obligation_id;
    j["obligation"] = write_text<J>(it.obligation);
    j["due"] = it.due;
    j[days_key] = days;
    if (it.source) j["source"] = write_citation<J>(*it.source);
    return j;
}

template <class J> J write_schedule(const schedule_status& s) {
    J j = J::object();
    if (!s.as_of.empty()) j["as_of"] = s.as_of;
    j["horizon_days"] = s.horizon_days;
    j["overdue"] = write_list<J>(s.overdue, [](const overdue_item& it) {
        return write_item<J>(it, "working_days_late", it.working_days_late);
    });
    j["upcoming"] = write_list<J>(s.upcoming, [](const upcoming_item& it) {
        return write_item<J>(it, "working_days_left", it.working_days_left);
    });
    return j;
}

template <class J> J write_change(const unit_change& c) {
    J j = J::object();
    j["unit_id"] = c.unit_id;
    j["unit_name"] = c.unit_name;
    if (c.score_before) j["score_before"] = *c.score_before;
    if (c.score_after) j["score_after"] = *c.score_after;
    if (c.rank_before) j["rank_before"] = *c.rank_before;
    if (c.rank_after) j["rank_after"] = *c.rank_after;
    if (!c.band_before.empty()) j["band_before"] = c.band_before;
    if (!c.band_after.empty()) j["band_after"] = c.band_after;
    return j;
}

/// The document's members in schema order: `member(name, value)` for each,
/// `list(name, count, item)` for the long lists (`item(i)`: the i-th item),
/// so a writer can stream them (report/json.hpp, write_json_text).
template <class J, class Member, class List>
void write_document_parts(const document& doc, Member&& member, List&& list) {
    member("schema_version", J(schema_version));
    member("header", write_header<J>(doc.head));
    member("bands", write_list<J>(doc.bands, [](const band& b) {
               J x = J::object();
               x["id"] = b.id;
               x["label"] = write_text<J>(b.label);
               x["colour"] = b.colour;
               x["graded"] = b.graded;
               return x;
           }));
    member("current", write_figures<J>(doc.current));
    if (doc.previous) member("previous", write_figures<J>(*doc.previous));
    member("by_district", write_groups<J>(doc.by_district));
    member("by_sector", write_groups<J>(doc.by_sector));
    list("failings", doc.failings.size(), [&](std::size_t i) { return write_failing<J>(doc.failings[i]); });
    member("schedule", write_schedule<J>(doc.schedule));
    list("changes", doc.changes.size(), [&](std::size_t i) { return write_change<J>(doc.changes[i]); });
    list("problems", doc.problems.size(), [&](std::size_t i) {
        const input_problem& p = doc.problems[i];
        J x = J::object();
        x["kind"] = p.kind;
        x["source"] = p.source;
        x["location"] = p.location;
        x["subject"] = p.subject;
        x["message"] = p.message;
        return x;
    });
    list("units", doc.units.size(), [&](std::size_t i) {
        const unit_row& u = doc.units[i];
        J x = J::object();
        x["id"] = u.id;
        x["name"] = u.name;
        x["district"] = u.district;
        x["sector"] = u.sector;
        if (u.score) x["score"] = *u.score;
        x["band"] = u.band;
        x["complete_evidence"] = u.complete_evidence;
        if (u.rank) x["rank"] = *u.rank;
        x["not_reported"] = u.not_reported;
        x["declared_none"] = u.declared_none;
        return x;
    });
}

template <class J> J write_document(const document& doc) {
    J j = J::object();
    write_document_parts<J>(
        doc, [&](const char* name, J value) { j[name] = std::move(value); },
        [&](const char* name, std::size_t n, auto&& item) {
            J a = J::array();
            for (std::size_t i = 0; i < n; ++i) a.push_back(item(i));
            j[name] = std::move(a);
        });
    return j;
}

} // namespace danchu::report::detail
