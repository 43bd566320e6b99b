#pragma once
/// @file
/// The whole SYNTHETIC sample province as files: the organisation, evidence
/// for each standard half-year and the schedule records of each regime. One
/// implementation shared by `danchu sample` (src/cli/sample.cpp) and
/// `danchu.sample` in Python (src/register_schedule.cpp).
///
/// Nothing here describes a real agency: see `sample.hpp` and `docs/sample.md`.

#include <danchu/core/date.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/organisation/io.hpp>
#include <sample/sample.hpp>
#include <sample/evidence.hpp>
#include <danchu/schedule/io.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace danchu::sample {

/// First day of the Law 10/2022/QH15 regime, read from the rule packs in
/// `<data_dir>/packs` (the `regime.valid_from` of the base pack
/// `regime_id(true)`); before it the Decree 04/2015/NĐ-CP regime applies.
/// The same date `regime_choice` (rules/plan.hpp) uses.
/// @throws argument_error when the packs give no such date.
civil_day law_10_2022_from(const std::string& data_dir);

/// A period spec from a label: "YYYY-H1", "YYYY-H2" or "YYYY" (a calendar
/// year). The regime is the one in force on the period's first day:
/// Law 10/2022 from `law_10_2022_from` (see above) on.
/// @throws argument_error naming the label and the accepted forms.
period_spec period_from_label(const std::string& label, civil_day law_10_2022_from);

/// The labels of the half-years the sample province carries evidence for:
/// 2017-H1 … 2018-H2 and 2023-H1 … 2024-H2.
std::vector<std::string> standard_period_labels();

/// The standard half-years (`standard_period_labels`) as period specs.
std::vector<period_spec> standard_periods(civil_day law_10_2022_from);

/// The regime ids of the bundled obligation files, by flag.
const char* regime_id(bool law_10_2022) noexcept;

/// Appends `from` to `into`, keeping each submission once: the same
/// fulfilment can be implied by several periods' evidence (an election stays
/// on record). Events are kept as they are (each period draws its own).
void merge_records(schedule_records& into, const schedule_records& from);

/// Records as the JSON records document (`schedule_io.hpp`).
nlohmann::json records_to_json(const schedule_records& r);

/// The schedule records of one regime over the standard periods (deduplicated,
/// in generation order): what `records-<regime>.json` holds.
schedule_records regime_records(const organisation& org, const nlohmann::json& profiles, bool law_10_2022,
                                civil_day law_10_2022_from, std::uint64_t seed = 2018);

namespace detail {
/// The key by which the sample keeps a migrated event or none once: the
/// record without its `source` and `note`, as compact JSON text (the key of
/// `migration::events_document`). Records are compared by this text, exactly.
std::string dedup_key(const nlohmann::json& record);

/// The reference of the sample's events.json (the tree-based writer): the
/// events document `doc` (`{"events": [...], "none": [...]}`) without the
/// records the strict loader refuses, as `dump(1)` text.
std::string events_file_reference(nlohmann::json doc, const std::shared_ptr<const event_kinds>& kinds,
                                  const organisation& org);
} // namespace detail

/// What `write_province` wrote.
struct province_summary {
    std::size_t units = 0;
    std::size_t periods = 0;
    std::size_t silent = 0;         ///< unit-periods without evidence
    std::vector<std::string> files; ///< paths written
};

/// Writes the sample province into `out_dir` (created if needed):
/// `organisation.json`, `evidence/<half-year>.json` for each standard period,
/// `records-vn.decree-04-2015.json` and `records-vn.law-10-2022.json`.
/// @param profiles the parsed `data/sample/profiles.json`.
/// @param law_10_2022_from the regime switch (`law_10_2022_from(data_dir)`).
/// @throws argument_error if `units` is below 31; error("io") if a file cannot be written.
/// `on_period(done, total)`, if given, is called before each half-year of
/// each shard of units is generated and once at the end (progress for long
/// runs; `total` = half-years x shards).
/// Issue 14 §2: generated shard of units by shard (`shard_units` units each,
/// 0: 256), every file's text spilled to a temporary file beside the output
/// (`.events.json.spill-<random>`, removed on success and on every failure)
/// and copied out in the files' order; no JSON tree holds more than a shard.
/// The files do not depend on `shard_units`.
/// @throws error("memory") when memory runs out (the temporary file removed).
/// It also writes the same evidence as dated events (issue 11):
/// `events.json` (every half-year's facts migrated, `migrate.hpp`, with
/// SYNTHETIC dates where a fact has none) and `facts/<half-year>.json`, the
/// facts that are not events. `data_dir` holds the fact dictionary and the
/// event kinds (empty: danchu's default data folder).
province_summary write_province(const std::string& out_dir, const nlohmann::json& profiles,
                                civil_day law_10_2022_from, std::size_t units = 330,
                                std::uint64_t seed = 2018,
                                const std::function<void(std::size_t, std::size_t)>& on_period = {},
                                const std::string& data_dir = {}, std::size_t shard_units = 0);

} // namespace danchu::sample
