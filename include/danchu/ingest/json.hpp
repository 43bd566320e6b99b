#pragma once
/// @file
/// Evidence and events files read at parser speed (issue 14): the JSON
/// evidence files (`--evidence`) and JSON events files (`--events`) parsed
/// with simdjson, the values going straight into the evidence columns and the
/// event log builder, with no JSON tree and no JSON pointer built per value.
///
/// Part of the compiled library `danchu::ingest` (`src/ingest/`, built with
/// simdjson: `cmake/DanchuIngest.cmake`), so it is not in the header-only
/// umbrella `<danchu/danchu.hpp>`; the header-only loaders
/// (`<danchu/evidence/io.hpp>`, `<danchu/evidence/event_io.hpp>`) are the
/// reference and work without it. The command-line tool and the Python
/// extension link it and call `enable_fast_json()` (CMake option
/// `DANCHU_INGEST`; off in wheels, whose libraries may need nothing but libc
/// and libm from the system, while Debian's simdjson needs libstdc++).
///
/// Same results as the reference loaders, byte for byte: the fast path
/// handles the files as they usually are; whenever it meets an error or
/// anything unusual (a duplicate key, a value of the wrong type, an unknown
/// unit, invalid UTF-8, a number out of range, a byte order mark...) it drops
/// what it read and the reference loader reads the file again, giving the
/// same evidence, problems and error messages (file and JSON pointer).
/// The file is read in blocks: memory holds a block and the values built,
/// never the whole text or a tree of it.

#include <danchu/core/problem.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/organisation/unit.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace danchu::ingest {

/// How the last fast read went (for tests and benchmarks).
enum class read_path {
    fast,     ///< simdjson read the whole file
    fallback, ///< the reference loader read it (an error or something unusual)
};

/// Loads a JSON evidence file like `danchu::load_evidence` (same evidence,
/// same `problems`, same errors).
/// @param path set to how the file was read, if not null.
/// @throws parse_error, evidence_error as the reference loader.
evidence load_evidence_json(const std::string& file, std::shared_ptr<const fact_dictionary> dict,
                            const organisation& org, std::vector<input_problem>* problems = nullptr,
                            read_path* path = nullptr);

/// Adds the records of a JSON events file to a builder like
/// `danchu::add_events_file` does for JSON (same records in the same order,
/// same issues, same errors).
/// @param path set to how the file was read, if not null.
/// @throws parse_error, evidence_error as the reference loader.
void add_events_json(event_log_builder& b, const event_kinds& table, const std::string& file,
                     std::vector<event_issue>* issues = nullptr, read_path* path = nullptr);

/// Loads a JSON organisation file like `danchu::load_organisation` (same
/// units, same errors). The file is parsed whole (organisation files are
/// small beside evidence: 28 MB for 100,000 units).
/// @param path set to how the file was read, if not null.
/// @throws parse_error, scoring_error as the reference loader.
organisation load_organisation_json(const std::string& file, read_path* path = nullptr);

/// The sizes the reader works in: blocks read from the file, batches handed
/// to simdjson. Tests make them tiny to cross every boundary; 0 restores the
/// defaults (4 MiB, 512 KiB).
void set_buffer_sizes(std::size_t block_bytes, std::size_t batch_bytes) noexcept;

/// Makes the header-only loaders (`load_organisation`, `load_evidence`,
/// `add_events_file`, so `load_events` and the report) read JSON files
/// through this library.
void enable_fast_json() noexcept;

} // namespace danchu::ingest
