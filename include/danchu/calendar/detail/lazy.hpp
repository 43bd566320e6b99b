#pragma once
/// @file
/// Internal: a value computed on first use, once, thread-safely (the holiday
/// data files converted when a year needs them, the calendar's per-year lists).

#include <exception>
#include <functional>
#include <mutex>
#include <utility>

namespace danchu::detail {

/// A value made by `make` on the first `get()`; later calls return the same
/// value. Concurrent first calls wait for one computation. If `make` throws,
/// every `get()` rethrows that error (it is not retried).
template <class T> class lazy {
public:
    explicit lazy(std::function<T()> make) : make_(std::move(make)) {}
    /// An already computed value.
    explicit lazy(T value) : value_(std::move(value)) {
        std::call_once(once_, [] {});
    }
    lazy(const lazy&) = delete;
    lazy& operator=(const lazy&) = delete;

    /// The value, computed on the first call.
    /// @throws whatever `make` threw.
    const T& get() const {
        std::call_once(once_, [this] {
            try {
                value_ = make_();
            } catch (...) {
                error_ = std::current_exception();
            }
            make_ = nullptr; // frees what it captured (e.g. a file's text)
        });
        if (error_) std::rethrow_exception(error_);
        return value_;
    }

private:
    mutable std::once_flag once_;
    mutable std::function<T()> make_;
    mutable T value_{};
    mutable std::exception_ptr error_;
};

/// A slot for a value computed on first use by whatever function the first
/// `get` passes (the owner always passes the same one): no allocation, for
/// arrays of per-year values. Same guarantees as `lazy`.
template <class T> class once_slot {
public:
    template <class Make> const T& get(Make&& make) const {
        std::call_once(once_, [&] {
            try {
                value_ = make();
            } catch (...) {
                error_ = std::current_exception();
            }
        });
        if (error_) std::rethrow_exception(error_);
        return value_;
    }

private:
    mutable std::once_flag once_;
    mutable T value_{};
    mutable std::exception_ptr error_;
};

} // namespace danchu::detail
