#pragma once
/// @file
/// Internal: the pack to use when none is given (`--pack auto`), chosen from
/// the data, not from dates or ids written in code. Shared by
/// `build_report_from_files` (danchu report, danchu.report.build) and
/// `danchu agenda`.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/rules/pack.hpp>
#include <danchu/schedule/io.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace danchu::detail {

/// What the data ask of a pack.
struct pack_needs {
    std::set<std::string> obligations; ///< obligation ids the records name
    std::vector<std::size_t> facts;    ///< dictionary indices of the facts the evidence supplies
};

/// The obligation ids named by records' submissions.
inline std::set<std::string> obligations_named(const schedule_records& rec) {
    std::set<std::string> out;
    for (const auto& s : rec.submissions) out.insert(s.obligation);
    return out;
}

/// Dictionary indices of the facts an evidence supplies (organisation facts not counted).
inline std::vector<std::size_t> facts_supplied(const evidence& ev) {
    std::vector<std::size_t> out;
    if (!ev.dictionary()) return out;
    for (std::size_t f = 0; f < ev.dictionary()->size(); ++f) {
        if ((*ev.dictionary())[f].from_organisation) continue;
        const auto& p = ev.column(f).present;
        if (std::any_of(p.begin(), p.end(), [](auto x) { return x != 0; })) out.push_back(f);
    }
    return out;
}

/// The obligation ids defined along a pack chain (`<data>/obligations/<pack id>.json`).
inline std::set<std::string> obligations_of_chain(const std::string& data_dir,
                                                  const std::vector<std::string>& chain) {
    std::set<std::string> out;
    std::error_code ec;
    for (const auto& id : chain) {
        const std::string path = data_dir + "/obligations/" + id + ".json";
        if (!std::filesystem::is_regular_file(path, ec)) continue;
        obligation_set obs;
        try {
            obs.add_file(path);
        } catch (const error&) {
            continue;
        }
        for (const auto& o : obs.items()) out.insert(o.id);
    }
    return out;
}

/// Chooses the pack for data dated `date` (the end of the period, the as-of
/// date): among the library's packs whose regime, overlays resolved, is in
/// force on `date`, the one whose rules read the most of the facts the
/// evidence supplies and whose obligations (along its chain) define the most
/// of those the records name; of several equally good, the one the others
/// overlay (their common base).
/// @throws argument_error when no pack is in force on `date`, or when the data
///   fit several packs equally; the message lists the `option` values to give.
inline std::string choose_pack(const pack_library& lib, const std::shared_ptr<const fact_dictionary>& dict,
                               civil_day date, const pack_needs& need, const std::string& option = "--pack") {
    struct candidate {
        std::string id;
        std::vector<std::string> chain;
        std::size_t missing = 0;
    };
    std::vector<candidate> in_force;
    const std::vector<std::string> all = lib.ids();
    for (const auto& id : all) {
        candidate c{id, {}, 0};
        try {
            const rule_set s = lib.load_set(id);
            const auto& r = s.regime();
            if ((r.valid_from && date < *r.valid_from) || (r.valid_to && date > *r.valid_to)) continue;
            c.chain = s.chain();
            if (!need.facts.empty() && dict) {
                const evaluation_plan plan(s, dict);
                const auto& read = plan.facts_read();
                for (std::size_t f : need.facts)
                    c.missing += !std::binary_search(read.begin(), read.end(), f);
            }
        } catch (const error&) {
            continue; // a pack that does not load is no candidate
        }
        if (!need.obligations.empty()) {
            const auto defined = obligations_of_chain(lib.data_dir(), c.chain);
            for (const auto& o : need.obligations) c.missing += defined.count(o) == 0;
        }
        in_force.push_back(std::move(c));
    }
    auto list = [](const std::vector<std::string>& ids) {
        std::string s;
        for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
        return s;
    };
    if (in_force.empty())
        throw argument_error(option + ": no rule pack in " + lib.data_dir() + "/packs is in force on " +
                             to_iso(date) + "; give " + option + " (one of: " + list(all) + ")");
    std::size_t best = in_force.front().missing;
    for (const auto& c : in_force) best = std::min(best, c.missing);
    std::vector<const candidate*> top;
    for (const auto& c : in_force)
        if (c.missing == best) top.push_back(&c);
    for (const auto* base : top) {
        const bool under_all = std::all_of(top.begin(), top.end(), [&](const candidate* o) {
            return o->chain.size() >= base->chain.size() &&
                   std::equal(base->chain.begin(), base->chain.end(), o->chain.begin());
        });
        if (under_all) return base->id;
    }
    std::vector<std::string> ids;
    for (const auto* c : top) ids.push_back(c->id);
    throw argument_error(option + ": the data fit several rule packs in force on " + to_iso(date) +
                         " equally; give " + option + " (one of: " + list(ids) + ")");
}

} // namespace danchu::detail
