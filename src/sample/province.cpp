// The whole synthetic sample province as files (see province.hpp). SYNTHETIC DATA.
#include <sample/province.hpp>

#include <danchu/core/period.hpp>

#include <danchu/core/data.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/evidence/migrate.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/rules/plan.hpp>
#include <danchu/schedule/from_events.hpp>

#include <filesystem>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_set>

namespace danchu::sample {

civil_day law_10_2022_from(const std::string& data_dir) {
    return regime_choice::from_library(pack_library(data_dir)).first_day(regime_id(true));
}

period_spec period_from_label(const std::string& label, civil_day law_10_2022_from) {
    const auto parsed = assessment_period::try_parse(label);
    if (!parsed || parsed->is_range() ||
        (*parsed->kind() != period_kind::year && *parsed->kind() != period_kind::half) ||
        parsed->year() < 1900 || parsed->year() > 2199)
        throw argument_error("period \"" + label + "\": expected YYYY, YYYY-H1 or YYYY-H2 (1900..2199)");
    period_spec p;
    p.label = label;
    p.start = parsed->first().days();
    p.end = parsed->last().days();
    p.law_10_2022 = p.start >= law_10_2022_from.days();
    return p;
}

std::vector<std::string> standard_period_labels() {
    return {"2017-H1", "2017-H2", "2018-H1", "2018-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2"};
}

std::vector<period_spec> standard_periods(civil_day law_10_2022_from) {
    std::vector<period_spec> out;
    for (const auto& l : standard_period_labels()) out.push_back(period_from_label(l, law_10_2022_from));
    return out;
}

const char* regime_id(bool law_10_2022) noexcept {
    return law_10_2022 ? "vn.law-10-2022" : "vn.decree-04-2015";
}

void merge_records(schedule_records& into, const schedule_records& from) {
    std::set<std::tuple<civil_day, std::string, std::string, std::string>> seen;
    for (const auto& s : into.submissions) seen.insert({s.done_on, s.unit, s.obligation, s.occurrence});
    for (const auto& s : from.submissions)
        if (seen.insert({s.done_on, s.unit, s.obligation, s.occurrence}).second)
            into.submissions.push_back(s);
    for (const auto& e : from.events) into.events.push_back(e);
}

nlohmann::json records_to_json(const schedule_records& r) {
    nlohmann::json subs = nlohmann::json::array(), events = nlohmann::json::array();
    for (const auto& s : r.submissions) {
        nlohmann::json j = {{"unit", s.unit},
                            {"obligation", s.obligation},
                            {"occurrence", s.occurrence},
                            {"done_on", to_iso(s.done_on)}};
        if (!s.document.empty()) j["document"] = s.document;
        subs.push_back(std::move(j));
    }
    for (const auto& e : r.events)
        events.push_back({{"unit", e.unit}, {"event", e.event}, {"id", e.id}, {"date", to_iso(e.date)}});
    return {{"submissions", std::move(subs)}, {"events", std::move(events)}};
}

schedule_records regime_records(const organisation& org, const nlohmann::json& profiles, bool law_10_2022,
                                civil_day law_10_2022_from, std::uint64_t seed) {
    schedule_records out;
    for (const auto& p : standard_periods(law_10_2022_from))
        if (p.law_10_2022 == law_10_2022) merge_records(out, generate_period(org, profiles, p, seed).records);
    return out;
}

namespace {

void write_json_file(const std::filesystem::path& p, const nlohmann::json& j) {
    danchu::detail::write_output_file(p, j.dump(1) + '\n');
}

/// The indices the strict loader refuses, by member ("events", "none"):
/// problem locations look like /events/12 or /none/3 (possibly followed by a field).
std::set<std::pair<std::string, std::size_t>, std::greater<>>
refused(const std::vector<input_problem>& problems) {
    std::set<std::pair<std::string, std::size_t>, std::greater<>> drop;
    for (const auto& pr : problems)
        for (const char* member : {"events", "none"}) {
            const std::string prefix = std::string("/") + member + "/";
            if (pr.location.rfind(prefix, 0) != 0) continue;
            drop.insert({member, std::stoul(pr.location.substr(prefix.size()))});
        }
    return drop;
}

/// The dedup key of `migration::events_document`: the record without its
/// source and note.
std::string record_key(const nlohmann::json& x) {
    nlohmann::json key = x;
    key.erase("source");
    key.erase("note");
    return key.dump();
}

} // namespace

namespace detail {

/// The sample's half-years were generated one by one, so two of them can
/// disagree (a board elected in one, declared absent over the same days in
/// the other). Real files would be corrected by their unit; the sample drops
/// the records the strict loader refuses, so that its events file loads.
std::string events_file_reference(nlohmann::json doc, const std::shared_ptr<const event_kinds>& kinds,
                                  const organisation& org) {
    std::vector<input_problem> problems;
    (void)events_from_json(doc, "events.json", kinds, org, &problems);
    for (const auto& [member, i] : refused(problems)) doc[member].erase(i);
    return doc.dump(1) + '\n';
}

} // namespace detail

struct events_stream::impl {
    /// A record's dedup key, by two independent 64-bit hashes of its text
    /// (keeping every key's text would cost as much memory as the file).
    struct key {
        std::uint64_t a, b;
        bool operator==(const key& o) const noexcept { return a == o.a && b == o.b; }
    };
    struct key_hash {
        std::size_t operator()(const key& k) const noexcept { return static_cast<std::size_t>(k.a); }
    };
    static key key_of(const std::string& text) noexcept {
        std::uint64_t fnv = 14695981039346656037ull;
        for (const unsigned char c : text) fnv = (fnv ^ c) * 1099511628211ull;
        return {static_cast<std::uint64_t>(std::hash<std::string>{}(text)), fnv};
    }

    std::shared_ptr<const event_kinds> kinds;
    const organisation* org;
    std::vector<std::uint32_t> unit_of; ///< each event's unit index (0 when unknown: the check reports it)
    std::unordered_set<key, key_hash> seen_events, seen_nones;
    std::string text;       ///< the kept events, serialised (when not spilled)
    std::string spill_path; ///< the temporary file holding that text instead, if any
    std::FILE* spill = nullptr;
    std::vector<std::uint64_t> ends;   ///< end of each event's text
    std::vector<nlohmann::json> nones; ///< the kept nones (checked after every event, as the loader does)
    std::string item;                  ///< reused buffer
    bool written = false;
    std::size_t shard_events = 250000; ///< about how many events the check holds at once

    impl(std::shared_ptr<const event_kinds> k, const organisation& org, std::string spill_to)
        : kinds(std::move(k)), org(&org), spill_path(std::move(spill_to)) {
        if (!spill_path.empty()) {
            spill = std::fopen(spill_path.c_str(), "w+b");
            if (!spill) throw danchu::error("io", spill_path + ": cannot create the temporary events file");
        }
    }
    ~impl() {
        if (spill) {
            std::fclose(spill);
            std::error_code ec;
            std::filesystem::remove(spill_path, ec);
        }
    }

    void add_event(const nlohmann::json& e) {
        unit_of.push_back(unit_index(e));
        const std::uint64_t end = ends.empty() ? 0 : ends.back();
        if (spill) {
            item.clear();
            serialise(item, e);
            if (std::fwrite(item.data(), 1, item.size(), spill) != item.size())
                throw danchu::error("io",
                                    spill_path + ": writing the temporary events file failed (disk full?)");
            ends.push_back(end + item.size());
        } else {
            serialise(text, e);
            ends.push_back(text.size());
        }
    }

    std::uint32_t unit_index(const nlohmann::json& r) const {
        const auto it = r.is_object() ? r.find("unit") : r.end();
        if (!r.is_object() || it == r.end() || !it->is_string()) return 0;
        const std::size_t u = org->find(it->get_ref<const std::string&>());
        return u == organisation::npos ? 0 : static_cast<std::uint32_t>(u);
    }

    /// The text of event `i`; with a spill file, read sequentially (the
    /// caller asks for events in order after a rewind).
    std::string_view event_text(std::size_t i) {
        const std::uint64_t begin = i == 0 ? 0 : ends[i - 1];
        const auto size = static_cast<std::size_t>(ends[i] - begin);
        if (!spill) return std::string_view(text.data() + begin, size);
        item.resize(size);
        if (std::fread(item.data(), 1, size, spill) != size)
            throw danchu::error("io", spill_path + ": cannot read the temporary events file back");
        return std::string_view(item.data(), size);
    }
    void rewind() {
        if (spill && (std::fflush(spill) != 0 || std::fseek(spill, 0, SEEK_SET) != 0))
            throw danchu::error("io", spill_path + ": cannot read the temporary events file back");
    }

    /// The strict loader's check (`events_from_json` in lenient mode), shard
    /// by shard of units: every check of `event_log_builder` (duplicates, ids,
    /// nones against events) is within one unit, so each shard's builder holds
    /// only its units' records. Returns the problems.
    std::vector<input_problem> check() {
        const std::size_t units = std::max<std::size_t>(org->size(), 1);
        const std::size_t shards = std::min<std::size_t>(units, 1 + ends.size() / shard_events);
        std::vector<std::uint32_t> none_unit;
        for (const auto& n : nones) none_unit.push_back(unit_index(n));
        std::vector<input_problem> problems;
        for (std::size_t s = 0; s < shards; ++s) {
            auto in_shard = [&](std::uint32_t u) { return u * shards / units == s; };
            event_log_builder b(kinds, *org);
            std::vector<event_issue> issues;
            b.set_problem_sink(&issues);
            rewind();
            for (std::size_t i = 0; i < ends.size(); ++i) {
                if (!in_shard(unit_of[i])) {
                    if (spill && std::fseek(spill, static_cast<long>(ends[i] - (i == 0 ? 0 : ends[i - 1])),
                                            SEEK_CUR) != 0)
                        throw danchu::error("io",
                                            spill_path + ": cannot read the temporary events file back");
                    continue;
                }
                const std::string_view t = event_text(i);
                danchu::detail::add_event_record(b, *kinds, "events",
                                                 nlohmann::json::parse(t.begin(), t.end()), "events.json",
                                                 "/events/" + std::to_string(i), &issues);
            }
            for (std::size_t i = 0; i < nones.size(); ++i)
                if (in_shard(none_unit[i]))
                    danchu::detail::add_event_record(b, *kinds, "none", nones[i], "events.json",
                                                     "/none/" + std::to_string(i), &issues);
            (void)b.build();
            danchu::detail::to_problems(issues, &problems);
        }
        return problems;
    }

    /// `e` as `dump(1)` writes an element of a top-level member's array (at
    /// indent 2, without the leading spaces).
    static void serialise(std::string& out, const nlohmann::json& e) {
        nlohmann::detail::serializer<nlohmann::json> s(nlohmann::detail::output_adapter<char>(out), ' ');
        s.dump(e, true, false, 1, 2);
    }
};

events_stream::events_stream(std::shared_ptr<const event_kinds> kinds, const organisation& org,
                             const std::string& spill_path)
    : d_(std::make_unique<impl>(std::move(kinds), org, spill_path)) {}
events_stream::~events_stream() = default;

void events_stream::add_migrated(const nlohmann::json& events, const nlohmann::json& nones) {
    for (const auto& e : events)
        if (d_->seen_events.insert(impl::key_of(record_key(e))).second) d_->add_event(e);
    for (const auto& n : nones)
        if (d_->seen_nones.insert(impl::key_of(record_key(n))).second) d_->nones.push_back(n);
}

void events_stream::set_check_shard(std::size_t events) {
    d_->shard_events = std::max<std::size_t>(events, 1);
}

void events_stream::add_converted(const nlohmann::json& events) {
    for (const auto& e : events) d_->add_event(e);
}

void events_stream::write(std::ostream& out) {
    if (d_->written) throw argument_error("events_stream::write: the events were written already");
    d_->written = true;
    auto& d = *d_;
    const std::vector<input_problem> problems = d.check();
    std::vector<char> drop_event(d.ends.size(), 0), drop_none(d.nones.size(), 0);
    for (const auto& [member, i] : refused(problems)) {
        auto& drop = member == "events" ? drop_event : drop_none;
        if (i < drop.size()) drop[i] = 1;
    }
    out << "{\n \"events\": [";
    bool first = true;
    d.rewind();
    for (std::size_t i = 0; i < d.ends.size(); ++i) {
        const std::string_view text = d.event_text(i);
        if (drop_event[i]) continue;
        out << (first ? "\n  " : ",\n  ");
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        first = false;
    }
    out << (first ? "],\n \"none\": [" : "\n ],\n \"none\": [");
    first = true;
    for (std::size_t i = 0; i < d.nones.size(); ++i) {
        if (drop_none[i]) continue;
        d.item.clear();
        impl::serialise(d.item, d.nones[i]);
        out << (first ? "\n  " : ",\n  ") << d.item;
        first = false;
    }
    out << (first ? "]\n}\n" : "\n ]\n}\n");
}

province_summary write_province(const std::string& out_dir, const nlohmann::json& profiles,
                                civil_day law_10_2022_from, std::size_t units, std::uint64_t seed,
                                const std::function<void(std::size_t, std::size_t)>& on_period,
                                const std::string& data_dir) {
    namespace fs = std::filesystem;
    const organisation org = bac_giang_2018(units, seed);
    const fs::path out(out_dir);
    std::error_code ec;
    fs::create_directories(out / "evidence", ec);
    if (ec)
        throw danchu::error("io",
                            (out / "evidence").string() + ": cannot create the folder: " + ec.message());
    province_summary sum;
    sum.units = org.size();
    auto write = [&](const fs::path& p, const nlohmann::json& j) {
        write_json_file(p, j);
        sum.files.push_back(p.string());
    };
    // Every unit carries the label synthetic=true (the loaders accept no extra
    // top-level keys).
    write(out / "organisation.json", organisation_to_json(org));
    schedule_records d04, l10_records;
    const std::string data = data_dir.empty() ? default_data_dir() : data_dir;
    const auto dict = std::make_shared<const fact_dictionary>(load_default_fact_dictionary(data));
    const auto kinds = load_event_kinds(data);
    const event_windows windows = load_event_windows(data);
    // events.json is streamed (issue 14): each half-year's events become text
    // as they are migrated; the facts that stay facts are written at once.
    // The spill file's name carries a random suffix: two runs into one folder do not collide.
    const std::string spill = ".events.json.spill-" + std::to_string(std::random_device{}() & 0xffffffu);
    events_stream events(kinds, org, (out / spill).string());
    const auto periods = standard_periods(law_10_2022_from);
    std::vector<std::string> facts_files;
    fs::create_directories(out / "facts", ec);
    for (const auto& p : periods) {
        if (on_period) on_period(sum.periods, periods.size());
        const generated_period g = generate_period(org, profiles, p, seed);
        write(out / "evidence" / (p.label + ".json"), g.evidence);
        const std::string file = "evidence/" + p.label + ".json";
        migration m;
        migrate_evidence(evidence_from_json(g.evidence, file, dict, org), file, assessment_period(p.label),
                         *kinds, windows, m, true);
        events.add_migrated(m.events, m.nones);
        facts_files.push_back((out / "facts" / (p.label + ".json")).string());
        write_json_file(facts_files.back(), m.standing_document(p.label));
        merge_records(p.law_10_2022 ? l10_records : d04, g.records);
        sum.silent += g.silent_units.size();
        ++sum.periods;
    }
    // The schedule's records are events too (issue 11: nothing entered twice):
    // the reports sent, the requests and the conferences that answer them,
    // converted by the obligations' own `fulfilled_by_event` declarations.
    for (const bool l10 : {false, true}) {
        obligation_set obs;
        const std::string base = regime_id(l10),
                          province = l10 ? "vn.bac-giang.2018-05-09.l10" : "vn.bac-giang.2018-05-09";
        for (const std::string* id : {&base, &province})
            if (fs::is_regular_file(data + "/obligations/" + *id + ".json", ec))
                obs.add_file(data + "/obligations/" + *id + ".json");
        events.add_converted(schedule_records_to_events(l10 ? l10_records : d04, obs, *kinds)["events"]);
    }
    {
        danchu::detail::output_files files;
        files.add_stream(out / "events.json", [&](std::ostream& o) { events.write(o); });
        files.commit();
        sum.files.push_back((out / "events.json").string());
    }
    for (auto& f : facts_files) sum.files.push_back(std::move(f));
    write(out / (std::string("records-") + regime_id(false) + ".json"), records_to_json(d04));
    write(out / (std::string("records-") + regime_id(true) + ".json"), records_to_json(l10_records));
    if (on_period) on_period(sum.periods, periods.size());
    return sum;
}

} // namespace danchu::sample
