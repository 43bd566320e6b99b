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

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <mutex>
#include <new>
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

namespace {

/// The temporary files of the runs in progress, removed by the terminate
/// handler too (an exception thrown where none may be, such as the
/// allocation of a JSON tree's destructor, ends the process without unwinding).
std::mutex& live_mutex() {
    static std::mutex m;
    return m;
}
std::vector<std::string>& live_spills() {
    static std::vector<std::string> v;
    return v;
}
std::terminate_handler previous_terminate = nullptr;

[[noreturn]] void remove_spills_and_terminate() {
    bool running = false; // a sample was being written
    {
        std::lock_guard<std::mutex> lock(live_mutex());
        running = !live_spills().empty();
        for (const auto& p : live_spills()) std::remove(p.c_str());
    }
    if (const std::exception_ptr e = std::current_exception(); e && running) {
        try {
            std::rethrow_exception(e);
        } catch (const std::bad_alloc&) {
            std::fputs("[danchu.memory] out of memory while writing the sample province; its temporary "
                       "file was removed\n",
                       stderr);
        } catch (...) {}
    }
    if (previous_terminate) previous_terminate();
    std::abort();
}

/// Text chunks appended to a temporary file beside the output and copied out
/// in any order: the sample's files are written in an order (half-year by
/// half-year, units sorted by id) other than the one they are generated in
/// (shard of units by shard). Removed when destroyed, and on terminate.
class spill_file {
public:
    struct chunk {
        std::uint64_t offset = 0, size = 0;
    };

    explicit spill_file(std::string path) : path_(std::move(path)) {
        {
            std::lock_guard<std::mutex> lock(live_mutex());
            if (!previous_terminate) previous_terminate = std::set_terminate(remove_spills_and_terminate);
            live_spills().push_back(path_);
        }
        f_ = std::fopen(path_.c_str(), "w+b");
        if (!f_) {
            unregister();
            throw danchu::error("io", path_ + ": cannot create the temporary file");
        }
    }
    ~spill_file() {
        std::fclose(f_);
        std::remove(path_.c_str());
        unregister();
    }
    spill_file(const spill_file&) = delete;
    spill_file& operator=(const spill_file&) = delete;

    chunk append(std::string_view text) {
        if (reading_ && std::fseek(f_, 0, SEEK_END) != 0) fail("writing");
        reading_ = false;
        if (std::fwrite(text.data(), 1, text.size(), f_) != text.size()) fail("writing (disk full?)");
        const chunk c{size_, text.size()};
        size_ += text.size();
        return c;
    }
    /// Writes chunk `c` to `out`.
    void copy(const chunk& c, std::ostream& out) {
        if (!reading_ && std::fflush(f_) != 0) fail("writing (disk full?)");
        reading_ = true;
        if (std::fseek(f_, static_cast<long>(c.offset), SEEK_SET) != 0) fail("reading back");
        buf_.resize(static_cast<std::size_t>(c.size));
        if (std::fread(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail("reading back");
        out.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    }
    const std::string& path() const noexcept { return path_; }

private:
    void unregister() noexcept {
        std::lock_guard<std::mutex> lock(live_mutex());
        auto& v = live_spills();
        v.erase(std::remove(v.begin(), v.end(), path_), v.end());
    }
    [[noreturn]] void fail(const char* what) const {
        throw danchu::error("io", path_ + ": " + what + " the temporary file failed");
    }
    std::string path_;
    std::FILE* f_ = nullptr;
    std::uint64_t size_ = 0;
    bool reading_ = false;
    std::string buf_;
};

/// `e` as `dump(1)` writes a value at depth 2 (an element of a top-level
/// member's array, or a member of a top-level member's object), without the
/// leading spaces.
void serialise(std::string& out, const nlohmann::json& e) {
    nlohmann::detail::serializer<nlohmann::json> s(nlohmann::detail::output_adapter<char>(out), ' ');
    s.dump(e, true, false, 1, 2);
}

/// Appends `item` to a list of items at depth 2 (",\n  " between them).
void append_item(std::string& list, const nlohmann::json& item) {
    if (!list.empty()) list += ",\n  ";
    serialise(list, item);
}

/// Appends the member `"id": value` to a list of members at depth 2.
void append_member(std::string& list, const std::string& id, const nlohmann::json& value) {
    if (!list.empty()) list += ",\n  ";
    // Unit ids are plain ASCII (letters, digits, . _ - : +): nothing to escape.
    list += '"';
    list += id;
    list += "\": ";
    serialise(list, value);
}

/// The chunks of one depth-2 array or object, in order.
using chunk_list = std::vector<spill_file::chunk>;

/// Writes the chunks as the items of a `dump(1)` array (or object) at depth 1.
void write_list(spill_file& spill, const std::vector<const chunk_list*>& lists, std::ostream& out, char open,
                char close) {
    bool first = true;
    for (const chunk_list* l : lists)
        for (const auto& c : *l) {
            if (c.size == 0) continue;
            if (first)
                out << open << "\n  ";
            else
                out << ",\n  ";
            spill.copy(c, out);
            first = false;
        }
    if (first)
        out << open << close;
    else
        out << "\n " << close;
}

/// Per-unit members of an evidence document, by unit index in the organisation.
using unit_chunks = std::vector<std::pair<std::uint32_t, spill_file::chunk>>;

/// An evidence document (`{"period": ..., "units": {...}}`, as `dump(1)`)
/// from its units' members, sorted by unit id as a JSON object sorts them.
void write_evidence_document(spill_file& spill, const std::string& period, unit_chunks units,
                             const organisation& org, std::ostream& out) {
    std::sort(units.begin(), units.end(),
              [&](const auto& a, const auto& b) { return org[a.first].id < org[b.first].id; });
    chunk_list sorted;
    sorted.reserve(units.size());
    for (const auto& u : units) sorted.push_back(u.second);
    out << "{\n \"period\": " << nlohmann::json(period).dump() << ",\n \"units\": ";
    write_list(spill, {&sorted}, out, '{', '}');
    out << "\n}\n";
}

nlohmann::json submission_json(const submission& s) {
    nlohmann::json j = {{"unit", s.unit},
                        {"obligation", s.obligation},
                        {"occurrence", s.occurrence},
                        {"done_on", to_iso(s.done_on)}};
    if (!s.document.empty()) j["document"] = s.document;
    return j;
}

nlohmann::json trigger_json(const trigger_event& e) {
    return {{"unit", e.unit}, {"event", e.event}, {"id", e.id}, {"date", to_iso(e.date)}};
}

/// The dedup key of `migration::events_document` (the record without its
/// source and note, as compact JSON text), built without copying the record.
void key_of(std::string& out, const nlohmann::json& x) {
    out.clear();
    if (!x.is_object()) {
        out = x.dump();
        return;
    }
    // `dump()` of the object without the two members, written in place.
    nlohmann::detail::serializer<nlohmann::json> s(nlohmann::detail::output_adapter<char>(out), ' ');
    out += '{';
    bool first = true;
    for (auto it = x.begin(); it != x.end(); ++it) {
        const std::string& k = it.key();
        if (k == "source" || k == "note") continue;
        if (!first) out += ',';
        first = false;
        if (std::all_of(k.begin(), k.end(), [](char c) { return c >= 0x20 && c != '"' && c != '\\'; })) {
            out += '"';
            out += k;
            out += '"';
        } else {
            out += nlohmann::json(k).dump();
        }
        out += ':';
        s.dump(it.value(), false, false, 0);
    }
    out += '}';
}

} // namespace

namespace detail {

std::string dedup_key(const nlohmann::json& record) {
    std::string k;
    key_of(k, record);
    return k;
}

} // namespace detail

namespace {

province_summary write_province_sharded(const std::string& out_dir, const nlohmann::json& profiles,
                                        civil_day law_10_2022_from, std::size_t units, std::uint64_t seed,
                                        const std::function<void(std::size_t, std::size_t)>& on_period,
                                        const std::string& data_dir, std::size_t shard_units) {
    namespace fs = std::filesystem;
    const organisation org = bac_giang_2018(units, seed);
    const fs::path out(out_dir);
    std::error_code ec;
    fs::create_directories(out / "evidence", ec);
    if (ec)
        throw danchu::error("io",
                            (out / "evidence").string() + ": cannot create the folder: " + ec.message());
    fs::create_directories(out / "facts", ec);
    if (ec)
        throw danchu::error("io", (out / "facts").string() + ": cannot create the folder: " + ec.message());
    province_summary sum;
    sum.units = org.size();
    // Every unit carries the label synthetic=true (the loaders accept no extra
    // top-level keys).
    write_json_file(out / "organisation.json", organisation_to_json(org));
    sum.files.push_back((out / "organisation.json").string());
    const std::string data = data_dir.empty() ? default_data_dir() : data_dir;
    const auto dict = std::make_shared<const fact_dictionary>(load_default_fact_dictionary(data));
    const auto kinds = load_event_kinds(data);
    const event_windows windows = load_event_windows(data);
    // The schedule's records are events too (issue 11: nothing entered twice):
    // the reports sent, the requests and the conferences that answer them,
    // converted by the obligations' own `fulfilled_by_event` declarations.
    obligation_set obligations[2];
    for (const bool l10 : {false, true}) {
        const std::string base = regime_id(l10),
                          province = l10 ? "vn.bac-giang.2018-05-09.l10" : "vn.bac-giang.2018-05-09";
        for (const std::string* id : {&base, &province})
            if (fs::is_regular_file(data + "/obligations/" + *id + ".json", ec))
                obligations[l10].add_file(data + "/obligations/" + *id + ".json");
    }
    const auto periods = standard_periods(law_10_2022_from);
    const std::size_t np = periods.size();

    // Issue 14 §2: the province is generated shard of units by shard, every
    // half-year of a shard in turn, so that no JSON tree holds more than a
    // shard. Everything a unit's files hold depends on that unit alone (its
    // draws are seeded by its id; the migration, the dedup key, the records'
    // dedup and the strict loader's checks are all within one unit), so the
    // files are the whole-province ones: the shards' text goes to a temporary
    // file and is copied out in the files' order.
    // The spill file's name carries a random suffix: two runs into one folder do not collide.
    spill_file spill(
        (out / (".events.json.spill-" + std::to_string(std::random_device{}() & 0xffffffu))).string());
    // Chunks, in shard order, by half-year: migrated events, nones, converted
    // submissions and trigger events, records' submissions and trigger events.
    std::vector<chunk_list> events(np), nones(np), conv_subs(np), conv_trig(np), rec_subs(np), rec_trig(np);
    std::vector<unit_chunks> evidence_units(np), facts_units(np);

    const std::size_t shard = shard_units == 0 ? 256 : shard_units;
    const std::size_t shards = (org.size() + shard - 1) / shard;
    std::string key, text;
    for (std::size_t s = 0; s < shards; ++s) {
        const std::size_t first = s * shard, last = std::min(org.size(), first + shard);
        std::vector<unit> members(org.units().begin() + static_cast<std::ptrdiff_t>(first),
                                  org.units().begin() + static_cast<std::ptrdiff_t>(last));
        for (auto& m : members) m.parent.clear(); // the parents may be in other shards
        const organisation sub(std::move(members), "sample shard");
        // The shard's records, in the order the checks and the files take them:
        // half-year by half-year, then the converted records; `stream` is the
        // index in `events`/`conv_subs`/`conv_trig` order (np per list).
        // The strict loader's check (`events_from_json`, lenient) takes the
        // shard's records in the files' order as they come; each kept event
        // is text at once (its end in `kept_text`, its list in `kept_stream`)
        // until the check says which to leave out. Its checks are all within
        // one unit, so the shard's organisation will do.
        event_log_builder check(kinds, sub);
        std::vector<event_issue> issues;
        check.set_problem_sink(&issues);
        std::string kept_text;
        std::vector<std::size_t> kept_end;
        std::vector<std::uint32_t> kept_stream, none_period;
        std::vector<nlohmann::json> kept_nones; // checked after every event, as the loader does
        auto keep = [&](const nlohmann::json& e, std::size_t stream) {
            danchu::detail::add_event_record(check, *kinds, "events", e, "events.json",
                                             "/events/" + std::to_string(kept_end.size()), &issues);
            serialise(kept_text, e);
            kept_end.push_back(kept_text.size());
            kept_stream.push_back(static_cast<std::uint32_t>(stream));
        };
        std::unordered_set<std::string> seen_events, seen_nones; // exact: the keys' text
        schedule_records recs[2];
        std::vector<std::size_t> sub_end(np), trig_end(np);
        for (std::size_t pi = 0; pi < np; ++pi) {
            const auto& p = periods[pi];
            if (on_period) on_period(s * np + pi, shards * np);
            generated_period g = generate_period(sub, profiles, p, seed);
            for (auto it = g.evidence["units"].begin(); it != g.evidence["units"].end(); ++it) {
                text.clear();
                append_member(text, it.key(), it.value());
                evidence_units[pi].push_back(
                    {static_cast<std::uint32_t>(first + sub.find(it.key())), spill.append(text)});
            }
            const std::string file = "evidence/" + p.label + ".json";
            migration m;
            migrate_evidence(evidence_from_json(g.evidence, file, dict, sub), file,
                             assessment_period(p.label), *kinds, windows, m, true);
            g.evidence = nlohmann::json();
            for (auto& e : m.events) {
                key_of(key, e);
                if (!seen_events.insert(key).second) continue;
                keep(e, pi);
            }
            for (auto& n : m.nones) {
                key_of(key, n);
                if (!seen_nones.insert(key).second) continue;
                kept_nones.push_back(std::move(n));
                none_period.push_back(static_cast<std::uint32_t>(pi));
            }
            if (const auto st = m.standing.find(p.label); st != m.standing.end())
                for (auto it = st->begin(); it != st->end(); ++it) {
                    text.clear();
                    append_member(text, it.key(), it.value());
                    facts_units[pi].push_back(
                        {static_cast<std::uint32_t>(first + sub.find(it.key())), spill.append(text)});
                }
            schedule_records& r = recs[p.law_10_2022];
            merge_records(r, g.records);
            sub_end[pi] = r.submissions.size();
            trig_end[pi] = r.events.size();
            sum.silent += g.silent_units.size();
        }
        // The converted records, regime by regime: all submissions, then all
        // trigger events, each half-year's in turn (the order of the regime's
        // merged records).
        for (const bool l10 : {false, true}) {
            const schedule_records& r = recs[l10];
            for (const bool trig : {false, true}) {
                std::size_t begin = 0;
                for (std::size_t pi = 0; pi < np; ++pi) {
                    if (periods[pi].law_10_2022 != l10) continue;
                    const std::size_t end = trig ? trig_end[pi] : sub_end[pi];
                    schedule_records part;
                    text.clear();
                    if (trig) {
                        part.events.assign(r.events.begin() + static_cast<std::ptrdiff_t>(begin),
                                           r.events.begin() + static_cast<std::ptrdiff_t>(end));
                        for (const auto& e : part.events) append_item(text, trigger_json(e));
                        rec_trig[pi].push_back(spill.append(text));
                    } else {
                        part.submissions.assign(r.submissions.begin() + static_cast<std::ptrdiff_t>(begin),
                                                r.submissions.begin() + static_cast<std::ptrdiff_t>(end));
                        for (const auto& x : part.submissions) append_item(text, submission_json(x));
                        rec_subs[pi].push_back(spill.append(text));
                    }
                    begin = end;
                    nlohmann::json conv =
                        schedule_records_to_events(part, obligations[l10], *kinds)["events"];
                    for (const auto& e : conv) keep(e, (trig ? 2 : 1) * np + pi);
                }
            }
        }
        // The records the check refuses (two half-years generated one by one
        // can disagree) are left out.
        for (std::size_t i = 0; i < kept_nones.size(); ++i)
            danchu::detail::add_event_record(check, *kinds, "none", kept_nones[i], "events.json",
                                             "/none/" + std::to_string(i), &issues);
        (void)check.build();
        std::vector<char> drop_event(kept_end.size(), 0), drop_none(kept_nones.size(), 0);
        {
            std::vector<input_problem> problems;
            danchu::detail::to_problems(issues, &problems);
            for (const auto& [member, i] : refused(problems)) {
                auto& drop = member == "events" ? drop_event : drop_none;
                if (i < drop.size()) drop[i] = 1;
            }
        }
        // The kept records' text, one chunk per list.
        std::vector<std::string> lists(3 * np);
        for (std::size_t i = 0; i < kept_end.size(); ++i) {
            if (drop_event[i]) continue;
            std::string& l = lists[kept_stream[i]];
            if (!l.empty()) l += ",\n  ";
            const std::size_t begin = i == 0 ? 0 : kept_end[i - 1];
            l.append(kept_text, begin, kept_end[i] - begin);
        }
        kept_text = std::string();
        for (std::size_t i = 0; i < 3 * np; ++i) {
            auto& to = i < np ? events[i] : i < 2 * np ? conv_subs[i - np] : conv_trig[i - 2 * np];
            to.push_back(spill.append(lists[i]));
            lists[i].clear();
        }
        for (std::size_t i = 0; i < kept_nones.size(); ++i)
            if (!drop_none[i]) append_item(lists[none_period[i]], kept_nones[i]);
        for (std::size_t i = 0; i < np; ++i) nones[i].push_back(spill.append(lists[i]));
    }
    if (on_period) on_period(shards * np, shards * np);

    // The files, from the chunks.
    danchu::detail::output_files files;
    for (std::size_t pi = 0; pi < np; ++pi) {
        const fs::path p = out / "evidence" / (periods[pi].label + ".json");
        files.add_stream(p, [&](std::ostream& o) {
            write_evidence_document(spill, periods[pi].label, std::move(evidence_units[pi]), org, o);
        });
        sum.files.push_back(p.string());
    }
    files.add_stream(out / "events.json", [&](std::ostream& o) {
        std::vector<const chunk_list*> all;
        for (auto& l : events) all.push_back(&l);
        for (const bool l10 : {false, true})
            for (auto* conv : {&conv_subs, &conv_trig})
                for (std::size_t pi = 0; pi < np; ++pi)
                    if (periods[pi].law_10_2022 == l10) all.push_back(&(*conv)[pi]);
        o << "{\n \"events\": ";
        write_list(spill, all, o, '[', ']');
        o << ",\n \"none\": ";
        all.clear();
        for (auto& l : nones) all.push_back(&l);
        write_list(spill, all, o, '[', ']');
        o << "\n}\n";
    });
    sum.files.push_back((out / "events.json").string());
    for (std::size_t pi = 0; pi < np; ++pi) {
        const fs::path p = out / "facts" / (periods[pi].label + ".json");
        files.add_stream(p, [&](std::ostream& o) {
            write_evidence_document(spill, periods[pi].label, std::move(facts_units[pi]), org, o);
        });
        sum.files.push_back(p.string());
    }
    for (const bool l10 : {false, true}) {
        const fs::path p = out / (std::string("records-") + regime_id(l10) + ".json");
        files.add_stream(p, [&](std::ostream& o) {
            std::vector<const chunk_list*> subs, trig;
            for (std::size_t pi = 0; pi < np; ++pi)
                if (periods[pi].law_10_2022 == l10) {
                    subs.push_back(&rec_subs[pi]);
                    trig.push_back(&rec_trig[pi]);
                }
            o << "{\n \"events\": ";
            write_list(spill, trig, o, '[', ']');
            o << ",\n \"submissions\": ";
            write_list(spill, subs, o, '[', ']');
            o << "\n}\n";
        });
        sum.files.push_back(p.string());
    }
    files.commit();
    sum.periods = np;
    return sum;
}

} // namespace

province_summary write_province(const std::string& out_dir, const nlohmann::json& profiles,
                                civil_day law_10_2022_from, std::size_t units, std::uint64_t seed,
                                const std::function<void(std::size_t, std::size_t)>& on_period,
                                const std::string& data_dir, std::size_t shard_units) {
    try {
        return write_province_sharded(out_dir, profiles, law_10_2022_from, units, seed, on_period, data_dir,
                                      shard_units);
    } catch (const std::bad_alloc&) {
        // Everything the run held is freed by now, the temporary file removed.
        throw danchu::error("memory", "sample: out of memory writing " + std::to_string(units) +
                                          " units into " + out_dir +
                                          "; the temporary file was removed (try fewer units)");
    }
}

} // namespace danchu::sample
