#pragma once
/// @file
/// danchu's condition language: JSON Logic at its core (passes the community's
/// 1,138-case conformance suites) with typed extensions for dates, periods,
/// ratios and working days. See docs/rules.md for every operator.
///
/// CONTRACT (agreed between the condition-language and the rules-engine work;
/// extend it, do not break it). Everything lives in namespace `danchu::logic`:
///
///   // 1. Plain JSON Logic, JSON in and out (the conformance entry point).
///   nlohmann::json apply(const nlohmann::json& rule, const nlohmann::json& data);
///
///   // 2. Compiled programs for rule packs: parsed and type-checked once.
///   enum class type { boolean, number, string, date, events, any };
///   struct var_binding { std::size_t slot; type t; };
///   struct compile_options {
///       std::function<std::optional<var_binding>(std::string_view)> resolve;
///       std::string file;     // for error messages
///       std::string pointer;  // JSON pointer of the expression in the file
///       std::size_t max_depth = 64;
///       std::vector<std::string> fact_names; // ADDED: candidates for "did you mean"
///   };
///   class value;        // null | bool | number | string | date | array | object
///   class program {     // immutable, thread-safe, cheap to copy (shared state)
///     public:
///       type result_type() const;
///       value evaluate(const value* facts, const eval_context& ctx) const;
///       value evaluate(const value* facts, const eval_context& ctx, trace& out) const;
///       std::vector<std::size_t> slots_read() const;
///       value apply(const value& data, const eval_context& ctx = {}) const; // ADDED
///   };
///   program compile(const nlohmann::json& expr, const compile_options& opts);
///   struct eval_context {
///       danchu::civil_day period_start, period_end;      // inclusive
///       danchu::civil_day as_of;
///       std::function<bool(danchu::civil_day)> is_working_day; // empty: Monday-Friday
///       std::uint64_t max_work = 50'000'000; // ADDED: bound on one evaluation's work
///   };
///   struct trace { std::vector<trace_step> steps; }; // pointer, operator, value (JSON)
///
/// Two modes. With `compile_options::resolve` set (rule packs, "typed mode"),
/// top-level `var`/`val` paths are resolved to fact slots at compile time and
/// type-checked, and a missing fact (null slot) whose absence decides the
/// result makes the result null (the rules engine's verdict `unknown`). Without
/// it ("data mode", what `apply` uses), `var`/`val` read a JSON-like data value
/// and null behaves as in JSON Logic (0 in arithmetic, falsy).
///
/// Errors. JSON Logic errors (`throw`, NaN, "Invalid Arguments", "Unknown
/// Operator") are `thrown_error`, a `rule_error` carrying the thrown value.
/// Compile errors name the file and JSON pointer. Exceeding a resource limit
/// (`max_work`, string or array size, value nesting) throws a plain `rule_error` that `try`
/// cannot catch.
///
/// Dates are days since 1970-01-01 (proleptic Gregorian) inside `value`; in JSON
/// they are ISO strings "YYYY-MM-DD".

#include <danchu/logic/detail/compile.hpp>
#include <danchu/logic/detail/eval.hpp>
#include <danchu/logic/program.hpp>

namespace danchu::logic {

/// Plain JSON Logic, JSON in and out (the conformance entry point): evaluates
/// `rule` against `data`. @throws thrown_error with JSON Logic's error value
/// (e.g. {"type":"NaN"}).
inline nlohmann::json apply(const nlohmann::json& rule, const nlohmann::json& data) {
    compile_options opts;
    opts.max_depth = 256;
    const program p = compile(rule, opts);
    return value_to_json(p.apply(value_from_json(data)));
}

} // namespace danchu::logic
