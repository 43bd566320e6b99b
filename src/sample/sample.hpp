#pragma once
/// @file
/// Synthetic provinces for the demo, the notebook, tests and benchmarks.
///
/// SYNTHETIC DATA. The top of the tree is shaped like Bắc Giang province in
/// 2018 (its provincial departments and its ten district-level units: one city
/// and nine districts); every unit below them, every staff count and every
/// piece of evidence is generated. Nothing here describes a real agency.
///
/// Generation is deterministic for a given seed on every platform (own
/// splitmix64 generator, no std:: distributions).

#include <danchu/organisation/unit.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace danchu::sample {

/// A small deterministic random generator (splitmix64).
class rng {
public:
    explicit rng(std::uint64_t seed) noexcept : state_(seed) {}
    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }
    /// Uniform in [0, 1).
    double uniform() noexcept { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
    /// Uniform integer in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1U;
        return lo + static_cast<std::int64_t>(next() % span);
    }
    bool chance(double p) noexcept { return uniform() < p; }

private:
    std::uint64_t state_;
};

/// A synthetic province shaped like Bắc Giang in 2018 with `units` units in
/// total (at least the 31 named top-level bodies: the province, 20 departments
/// and 10 district-level People's Committees). Units are spread over the 30
/// parents in turn. Labels: `district` (or "cấp tỉnh" for provincial
/// departments), `sector`, and `synthetic` = "true".
/// @throws argument_error if `units` is below 31.
organisation bac_giang_2018(std::size_t units = 330, std::uint64_t seed = 2018);

} // namespace danchu::sample
