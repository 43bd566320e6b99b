#pragma once
// Every heap allocation of a benchmark program counted, to report allocations
// per unit. Replaces the global operator new: include it in exactly one source
// file of each benchmark executable.

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace danchu_bench {
inline std::atomic<std::uint64_t> allocations{0};
} // namespace danchu_bench

void* operator new(std::size_t n) {
    danchu_bench::allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
