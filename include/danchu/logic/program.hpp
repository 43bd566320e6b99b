#pragma once
/// @file
/// The condition language's types: values, compile options, evaluation
/// contexts, traces and compiled programs. The language itself, its contract and
/// its entry points are documented in `<danchu/logic/logic.hpp>`.

#include <danchu/core/date.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>

#include <nlohmann/json.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danchu::logic {

/// Static type of an expression or a fact, used by the compile-time checker.
enum class type : std::uint8_t { boolean, number, string, date, events, any };

/// The types' English names ("boolean", "number", "string", "date", "events",
/// "any"); "bool", "integer", "count" and "text" are read too (fact types
/// declared from Python).
DANCHU_ENUM_NAMES(type, "type", {type::boolean, "boolean"}, {type::number, "number"},
                  {type::string, "string"}, {type::date, "date"}, {type::events, "events"},
                  {type::any, "any"}, {type::boolean, "bool"}, {type::number, "integer"},
                  {type::number, "count"}, {type::string, "text"})
using ::danchu::to_string;

class value;
/// Elements of an array value.
using array = std::vector<value>;
/// Members of an object value, in insertion order.
using object = std::vector<std::pair<std::string, value>>;

/// An immutable JSON-like value with dates as a first-class kind. Scalars are
/// stored inline; strings, arrays and objects are shared (copying never
/// allocates).
class value {
public:
    enum class kind : std::uint8_t { null, boolean, number, string, date, array, object };

    /// null
    value() noexcept {}
    value(std::nullptr_t) noexcept {}
    explicit value(bool b) noexcept : kind_(kind::boolean) { u_.b = b; }
    explicit value(double n) noexcept : kind_(kind::number) { u_.n = n; }
    explicit value(int n) noexcept : kind_(kind::number) { u_.n = n; }
    explicit value(std::string s)
        : kind_(kind::string), heap_(std::make_shared<const std::string>(std::move(s))) {}
    explicit value(const char* s) : value(std::string(s)) {}
    /// @throws rule_error if the result would be nested deeper than 512 levels
    /// (deep values would make copies, comparisons and destruction recurse).
    explicit value(array a) : kind_(kind::array) {
        std::uint16_t d = 0;
        for (const auto& e : a) d = e.depth_ > d ? e.depth_ : d;
        depth_ = checked_depth(d);
        heap_ = std::make_shared<const logic::array>(std::move(a));
    }
    explicit value(object o) : kind_(kind::object) {
        std::uint16_t d = 0;
        for (const auto& kv : o) d = kv.second.depth_ > d ? kv.second.depth_ : d;
        depth_ = checked_depth(d);
        heap_ = std::make_shared<const logic::object>(std::move(o));
    }

    /// An array whose elements `*elements` are kept alive by `owner` (many
    /// arrays in one shared allocation, such as a column of event lists); the
    /// elements must not change while the value lives.
    /// @throws rule_error as for `value(array)`.
    static value array_in(std::shared_ptr<const void> owner, const logic::array& elements) {
        std::uint16_t d = 0;
        for (const auto& e : elements) d = e.depth_ > d ? e.depth_ : d;
        value v;
        v.kind_ = kind::array;
        v.depth_ = checked_depth(d);
        v.heap_ = std::shared_ptr<const void>(std::move(owner), &elements);
        return v;
    }

    /// A date, `days` since 1970-01-01.
    static value date(std::int32_t days) noexcept {
        value v;
        v.kind_ = kind::date;
        v.u_.d = days;
        return v;
    }

    kind get_kind() const noexcept { return kind_; }
    bool is_null() const noexcept { return kind_ == kind::null; }
    bool is_bool() const noexcept { return kind_ == kind::boolean; }
    bool is_number() const noexcept { return kind_ == kind::number; }
    bool is_string() const noexcept { return kind_ == kind::string; }
    bool is_date() const noexcept { return kind_ == kind::date; }
    bool is_array() const noexcept { return kind_ == kind::array; }
    bool is_object() const noexcept { return kind_ == kind::object; }

    /// Accessors; precondition: the matching kind (checked with assert semantics:
    /// a wrong kind returns a neutral value rather than reading garbage).
    bool as_bool() const noexcept { return kind_ == kind::boolean && u_.b; }
    double as_number() const noexcept { return kind_ == kind::number ? u_.n : 0.0; }
    std::int32_t as_date() const noexcept { return kind_ == kind::date ? u_.d : 0; }
    const std::string& as_string() const noexcept {
        return kind_ == kind::string ? *static_cast<const std::string*>(heap_.get()) : empty_string();
    }
    const logic::array& as_array() const noexcept {
        return kind_ == kind::array ? *static_cast<const logic::array*>(heap_.get()) : empty_array();
    }
    const logic::object& as_object() const noexcept {
        return kind_ == kind::object ? *static_cast<const logic::object*>(heap_.get()) : empty_object();
    }
    /// The member `key` of an object, or nullptr.
    const value* find(std::string_view key) const noexcept {
        if (kind_ != kind::object) return nullptr;
        for (const auto& kv : as_object())
            if (kv.first == key) return &kv.second;
        return nullptr;
    }

    /// Deep, strict equality (numbers by value, no coercion).
    friend bool operator==(const value& a, const value& b) noexcept {
        if (a.kind_ != b.kind_) return false;
        switch (a.kind_) {
        case kind::null: return true;
        case kind::boolean: return a.u_.b == b.u_.b;
        case kind::number: return a.u_.n == b.u_.n;
        case kind::date: return a.u_.d == b.u_.d;
        case kind::string: return a.as_string() == b.as_string();
        case kind::array: return a.as_array() == b.as_array();
        case kind::object: return a.as_object() == b.as_object();
        }
        return false;
    }
    friend bool operator!=(const value& a, const value& b) noexcept { return !(a == b); }

    /// Nesting depth: 0 for scalars, 1 + the deepest element for arrays and objects.
    std::uint16_t depth() const noexcept { return depth_; }

    /// Deepest nesting a value may have.
    static constexpr std::uint16_t max_depth = 512;

private:
    static std::uint16_t checked_depth(std::uint16_t deepest_child) {
        if (deepest_child >= max_depth)
            throw rule_error("a value nested deeper than " + std::to_string(max_depth) +
                             " levels was built (limit of the condition language)");
        return static_cast<std::uint16_t>(deepest_child + 1);
    }
    static const std::string& empty_string() noexcept {
        static const std::string s;
        return s;
    }
    static const logic::array& empty_array() noexcept {
        static const logic::array a;
        return a;
    }
    static const logic::object& empty_object() noexcept {
        static const logic::object o;
        return o;
    }

    kind kind_ = kind::null;
    std::uint16_t depth_ = 0;
    union {
        bool b;
        double n;
        std::int32_t d;
    } u_{};
    std::shared_ptr<const void> heap_;
};

/// A JSON Logic error: the value given to `throw`, or {"type": "NaN"},
/// {"type": "Invalid Arguments"}, {"type": "Unknown Operator"}, ...
class thrown_error : public rule_error {
public:
    thrown_error(nlohmann::json thrown, const std::string& message)
        : rule_error(message), thrown_(std::move(thrown)) {}
    /// The thrown value as JSON (usually an object with a "type" member).
    const nlohmann::json& thrown() const noexcept { return thrown_; }
    /// The "type" member of the thrown value, or "" if it has none.
    std::string error_type() const {
        if (thrown_.is_object()) {
            auto it = thrown_.find("type");
            if (it != thrown_.end() && it->is_string()) return it->get<std::string>();
        }
        return {};
    }

private:
    nlohmann::json thrown_;
};

/// A fact the resolver knows: its slot in the per-unit fact array and its type.
struct var_binding {
    std::size_t slot;
    type t;
};

/// How `compile` resolves facts and reports errors.
struct compile_options {
    /// Maps a `var` path (e.g. "conference.held_on") to a fact slot and its
    /// declared type; nullopt = unknown fact (compile error). Empty function =
    /// data mode: `var` reads the data value given to `program::apply`.
    std::function<std::optional<var_binding>(std::string_view)> resolve;
    std::string file;    ///< for error messages
    std::string pointer; ///< JSON pointer of the expression in the file
    std::size_t max_depth = 64;
    /// Known fact names, used only to suggest a correction for an unknown fact.
    std::vector<std::string> fact_names;
};

/// What an evaluation may ask about the world: the assessed period, the
/// evaluation date and the working-day calendar.
struct eval_context {
    civil_day period_start, period_end; ///< assessed period, inclusive
    civil_day as_of;                    ///< evaluation date
    /// Working-day services from the calendar engine; empty = Monday-Friday.
    std::function<bool(civil_day)> is_working_day;
    /// Upper bound on one evaluation's work (iterations plus elements and
    /// characters built); exceeding it throws rule_error.
    std::uint64_t max_work = 50'000'000;
};

/// One sub-expression evaluated while deciding a result.
struct trace_step {
    std::string pointer; ///< JSON pointer of the sub-expression
    std::string op;      ///< operator as written ("var" or "val" for a fact read)
    std::string fact;    ///< the fact read, for fact reads; empty otherwise
    nlohmann::json value;
};

/// The sub-expressions evaluated, innermost first (post-order). Short-circuit
/// operators stop early, so what is recorded is what decided the result.
struct trace {
    std::vector<trace_step> steps;
};

namespace detail {
struct program_data;
struct program_access;
} // namespace detail

/// A compiled, type-checked expression. Immutable, thread-safe, cheap to copy.
class program {
public:
    program() = default;
    explicit program(std::shared_ptr<const detail::program_data> d) noexcept : d_(std::move(d)) {}

    /// Static type of the result (`any` if unknown).
    type result_type() const noexcept;
    /// Evaluates for one unit. `facts`: one value per slot, null = missing fact.
    /// @throws thrown_error on a JSON Logic error (NaN, throw); rule_error on a limit.
    value evaluate(const value* facts, const eval_context& ctx) const;
    /// Same, recording the sub-expressions evaluated into `out`.
    value evaluate(const value* facts, const eval_context& ctx, trace& out) const;
    /// Same as evaluate, with the facts given by address: `facts[slot]` points
    /// to the slot's value, nullptr = missing. Nothing is copied, so a caller
    /// can point into values it keeps (shared strings and event lists).
    value evaluate_indirect(const value* const* facts, const eval_context& ctx) const;
    /// Same, recording the sub-expressions evaluated into `out`.
    value evaluate_indirect(const value* const* facts, const eval_context& ctx, trace& out) const;
    /// Data mode: evaluates with `data` as the JSON Logic data object.
    value apply(const value& data, const eval_context& ctx = {}) const;
    /// Data mode with a trace.
    value apply(const value& data, const eval_context& ctx, trace& out) const;
    /// The fact slots this program reads, ascending, without duplicates.
    std::vector<std::size_t> slots_read() const;
    /// Data mode: the top-level members of the data object this program can
    /// read, sorted, without duplicates; false if it may read any member (or
    /// the whole data: an empty or computed path, `missing` at the top level).
    /// Members not listed cannot change the result, so a caller may leave
    /// them out of the data it builds.
    bool data_members_read(std::vector<std::string>& out) const;
    /// True once compiled (a default-constructed program is empty).
    bool valid() const noexcept { return d_ != nullptr; }

private:
    friend struct detail::program_access; // the column evaluator reads the compiled tree
    std::shared_ptr<const detail::program_data> d_;
};

} // namespace danchu::logic
