#pragma once
/// @file
/// danchu's condition language: JSON Logic at its core (passes the community's
/// 1,138-case conformance suites) with typed extensions for dates, periods,
/// ratios and working days.
///
/// CONTRACT (agreed between the condition-language and the rules-engine work;
/// extend it, do not break it):
///
///   // 1. Plain JSON Logic, JSON in and out (the conformance entry point).
///   nlohmann::json apply(const nlohmann::json& rule, const nlohmann::json& data);
///
///   // 2. Compiled programs for rule packs: parsed and type-checked once.
///   enum class type { boolean, number, string, date, events, any };
///   struct var_binding { std::size_t slot; type t; };
///   struct compile_options {
///       // maps a `var` path (e.g. "conference.held_on") to a fact slot and its
///       // declared type; nullopt = unknown fact -> compile error.
///       std::function<std::optional<var_binding>(std::string_view)> resolve;
///       std::string file;     // for error messages
///       std::string pointer;  // JSON pointer of the expression in the file
///       std::size_t max_depth = 64;
///   };
///   class value;        // null | bool | number | string | date | array | object
///   class program {     // immutable, thread-safe, cheap to copy (shared state)
///     public:
///       type result_type() const;
///       // facts: one value per slot for one unit; a null value = missing fact.
///       value evaluate(const value* facts, const eval_context& ctx) const;
///       // same, recording which sub-expressions decided the result
///       value evaluate(const value* facts, const eval_context& ctx, trace& out) const;
///       std::vector<std::size_t> slots_read() const;  // facts this program reads
///   };
///   program compile(const nlohmann::json& expr, const compile_options& opts);
///       // throws rule_error / parse_error naming file and JSON pointer for an
///       // unknown operator, unknown fact, type error, or depth over max_depth.
///
///   struct eval_context {
///       std::int32_t period_start = 0, period_end = 0; // assessed period, days since 1970-01-01
///       std::int32_t as_of = 0;                        // evaluation date
///       // working-day services from the calendar engine (may be empty: then the
///       // working-day operators treat every Monday–Friday as a working day)
///       std::function<bool(std::int32_t)> is_working_day;
///   };
///   struct trace { std::vector<trace_step> steps; }; // step: JSON pointer, operator, value (as JSON)
///
/// Missing facts: a program that reads a missing fact (null slot) whose absence
/// decides the result yields a null value; the rules engine turns that into the
/// verdict `unknown`.
///
/// Dates are days since 1970-01-01 (proleptic Gregorian) inside `value`; in JSON
/// they are ISO strings "YYYY-MM-DD".

#include <danchu/error.hpp>
