#pragma once
/// @file
/// The compiler of the condition language: JSON -> program_data, with arity
/// checks, fact resolution and type checking in typed mode. Included by
/// <danchu/logic/logic.hpp>; not API.

#include <danchu/logic/detail/core.hpp>
#include <danchu/logic/detail/json.hpp>
#include <danchu/logic/program.hpp>

#include <algorithm>
#include <map>

namespace danchu::logic::detail {

/// How an operator reads a non-array argument.
enum class arg_style : std::uint8_t {
    spread, ///< one operation whose array result supplies the operands
    strict, ///< must be an array ("Invalid Arguments" otherwise)
    single  ///< a non-array is the only operand
};

struct op_info {
    op code;
    arg_style style;
};

inline const std::map<std::string, op_info, std::less<>>& operator_table() {
    static const std::map<std::string, op_info, std::less<>> t = {
        {"var", {op::var, arg_style::single}},
        {"val", {op::val, arg_style::single}},
        {"exists", {op::exists, arg_style::single}},
        {"missing", {op::missing, arg_style::spread}},
        {"missing_some", {op::missing_some, arg_style::strict}},
        {"and", {op::and_, arg_style::strict}},
        {"or", {op::or_, arg_style::strict}},
        {"!", {op::not_, arg_style::single}},
        {"!!", {op::truthy, arg_style::single}},
        {"if", {op::if_, arg_style::strict}},
        {"?:", {op::if_, arg_style::strict}},
        {"??", {op::coalesce, arg_style::spread}},
        {"==", {op::eq, arg_style::strict}},
        {"!=", {op::ne, arg_style::strict}},
        {"===", {op::seq, arg_style::strict}},
        {"!==", {op::sne, arg_style::strict}},
        {"<", {op::lt, arg_style::strict}},
        {"<=", {op::le, arg_style::strict}},
        {">", {op::gt, arg_style::strict}},
        {">=", {op::ge, arg_style::strict}},
        {"+", {op::add, arg_style::spread}},
        {"-", {op::sub, arg_style::spread}},
        {"*", {op::mul, arg_style::spread}},
        {"/", {op::div, arg_style::spread}},
        {"%", {op::mod, arg_style::spread}},
        {"max", {op::max, arg_style::spread}},
        {"min", {op::min, arg_style::spread}},
        {"cat", {op::cat, arg_style::spread}},
        {"substr", {op::substr, arg_style::strict}},
        {"in", {op::in, arg_style::strict}},
        {"merge", {op::merge, arg_style::spread}},
        {"log", {op::log, arg_style::single}},
        {"map", {op::map, arg_style::strict}},
        {"filter", {op::filter, arg_style::strict}},
        {"reduce", {op::reduce, arg_style::strict}},
        {"all", {op::all, arg_style::strict}},
        {"some", {op::some, arg_style::strict}},
        {"none", {op::none, arg_style::strict}},
        {"throw", {op::throw_, arg_style::single}},
        {"try", {op::try_, arg_style::single}},
        // typed extensions (docs/rules.md)
        {"count", {op::count, arg_style::single}},
        {"date", {op::to_date, arg_style::single}},
        {"as_of", {op::as_of, arg_style::single}},
        {"period_start", {op::period_start, arg_style::single}},
        {"period_end", {op::period_end, arg_style::single}},
        {"add_days", {op::add_days, arg_style::single}},
        {"add_months", {op::add_months, arg_style::single}},
        {"add_years", {op::add_years, arg_style::single}},
        {"add_working_days", {op::add_working_days, arg_style::single}},
        {"days_between", {op::days_between, arg_style::single}},
        {"working_days_between", {op::working_days_between, arg_style::single}},
        {"is_working_day", {op::is_working_day, arg_style::single}},
        {"year_of", {op::year_of, arg_style::single}},
        {"month_of", {op::month_of, arg_style::single}},
        {"in_window", {op::in_window, arg_style::single}},
        {"in_period", {op::in_period, arg_style::single}},
        {"events_between", {op::events_between, arg_style::single}},
        {"events_in_period", {op::events_in_period, arg_style::single}},
        {"earliest_date", {op::earliest_date, arg_style::single}},
        {"latest_date", {op::latest_date, arg_style::single}},
        {"ratio_at_least", {op::ratio_at_least, arg_style::single}},
        {"ratio_above", {op::ratio_above, arg_style::single}},
    };
    return t;
}

/// Names of every operator (for "did you mean" on an unknown operator).
inline std::vector<std::string> operator_names() {
    std::vector<std::string> v;
    for (const auto& kv : operator_table()) v.push_back(kv.first);
    return v;
}

class compiler {
public:
    compiler(const compile_options& opts, program_data& pd) : opts_(opts), pd_(pd) {
        pd_.typed = static_cast<bool>(opts.resolve);
        pd_.file = opts.file.empty() ? std::string("<rule>") : opts.file;
    }

    void run(const nlohmann::json& expr) {
        const auto r = compile(expr, opts_.pointer, 1, 0);
        pd_.root = r.idx;
        pd_.result = r.t;
        std::sort(pd_.slots.begin(), pd_.slots.end());
        pd_.slots.erase(std::unique(pd_.slots.begin(), pd_.slots.end()), pd_.slots.end());
        auto& m = pd_.data_members;
        std::sort(m.begin(), m.end());
        m.erase(std::unique(m.begin(), m.end()), m.end());
        if (pd_.typed || pd_.reads_whole_data) m.clear();
    }

private:
    struct res {
        std::uint32_t idx;
        type t;
    };

    std::string where(const std::string& ptr) const { return pd_.file + ":" + ptr + ": "; }

    /// Data mode: records what a root-level read may touch (see
    /// program_data::data_members).
    void reads_root(const std::vector<std::string>* path) {
        if (!path || path->empty())
            pd_.reads_whole_data = true;
        else
            pd_.data_members.push_back((*path)[0]);
    }

    [[noreturn]] void invalid(const std::string& ptr, const std::string& msg) const {
        throw thrown_error({{"type", "Invalid Arguments"}}, where(ptr) + msg);
    }
    [[noreturn]] void type_fail(const std::string& ptr, const std::string& msg) const {
        throw rule_error(where(ptr) + msg);
    }

    bool is_literal(std::uint32_t idx) const { return pd_.nodes[idx].code == op::literal; }
    const value& constant(std::uint32_t idx) const { return pd_.constants[idx]; }

    std::uint32_t add(node n, value c = {}) {
        pd_.nodes.push_back(std::move(n));
        pd_.constants.push_back(std::move(c));
        return static_cast<std::uint32_t>(pd_.nodes.size() - 1);
    }
    std::uint32_t add_op(op code, const std::string& name, const std::string& ptr,
                         const std::vector<std::uint32_t>& kids, bool dynamic = false) {
        node n;
        n.code = code;
        n.name = name;
        n.pointer = ptr;
        n.dynamic_args = dynamic;
        n.first = static_cast<std::uint32_t>(pd_.kids.size());
        n.count = static_cast<std::uint32_t>(kids.size());
        pd_.kids.insert(pd_.kids.end(), kids.begin(), kids.end());
        return add(std::move(n));
    }
    std::uint32_t add_literal(value v, const std::string& ptr) {
        node n;
        n.code = op::literal;
        n.pointer = ptr;
        return add(std::move(n), std::move(v));
    }

    res compile(const nlohmann::json& e, const std::string& ptr, std::size_t depth, int scope) {
        if (depth > opts_.max_depth)
            type_fail(ptr, "expression nested deeper than " + std::to_string(opts_.max_depth) +
                               " levels (expected a shallower condition)");
        if (e.is_null()) return {add_literal(value(), ptr), type::any};
        if (e.is_boolean()) return {add_literal(value(e.get<bool>()), ptr), type::boolean};
        if (e.is_number()) return {add_literal(value(e.get<double>()), ptr), type::number};
        if (e.is_string()) return {add_literal(value(e.get<std::string>()), ptr), type::string};
        if (e.is_array()) {
            std::vector<std::uint32_t> kids;
            bool all_lit = true;
            for (std::size_t i = 0; i < e.size(); ++i) {
                const auto r = compile(e[i], pointer_join(ptr, std::to_string(i)), depth + 1, scope);
                kids.push_back(r.idx);
                all_lit = all_lit && is_literal(r.idx);
            }
            if (all_lit) {
                array a;
                a.reserve(kids.size());
                for (auto k : kids) a.push_back(constant(k));
                return {add_literal(value(std::move(a)), ptr), type::any};
            }
            return {add_op(op::array_lit, "array", ptr, kids), type::any};
        }
        // object
        if (e.empty()) return {add_literal(value(object{}), ptr), type::any};
        if (e.size() > 1) {
            if (pd_.typed)
                type_fail(ptr, "an operation must be an object with exactly one key (the operator); "
                               "found " +
                                   std::to_string(e.size()) + " keys");
            return {add_literal(value_from_json(e), ptr), type::any};
        }
        const auto it = e.begin();
        return compile_op(it.key(), it.value(), pointer_join(ptr, it.key()), depth, scope);
    }

    res compile_op(const std::string& name, const nlohmann::json& args, const std::string& ptr,
                   std::size_t depth, int scope) {
        if (name == "preserve") return {add_literal(value_from_json(args), ptr), type::any};
        const auto& table = operator_table();
        const auto found = table.find(name);
        if (found == table.end()) {
            std::string msg = "unknown operator \"" + name + "\"";
            const std::string near = closest(name, operator_names());
            if (!near.empty()) msg += " (did you mean \"" + near + "\"?)";
            msg += "; expected a JSON Logic operator or a danchu extension (docs/rules.md)";
            throw thrown_error({{"type", "Unknown Operator"}}, where(ptr) + msg);
        }
        const op code = found->second.code;
        const arg_style style = found->second.style;

        // Special forms that read their arguments structurally.
        switch (code) {
        case op::var: return compile_var(name, args, ptr, depth, scope);
        case op::val:
        case op::exists: return compile_val(code, name, args, ptr, depth, scope);
        case op::in_window: return compile_window(name, args, ptr, depth, scope);
        default: break;
        }

        const bool is_array = args.is_array();
        const bool is_operation = args.is_object() && args.size() == 1;
        if (!is_array && style == arg_style::strict)
            invalid(ptr, "\"" + name + "\" takes an array of arguments");
        std::vector<const nlohmann::json*> items;
        bool dynamic = false;
        if (is_array) {
            for (const auto& a : args) items.push_back(&a);
        } else {
            items.push_back(&args);
            dynamic = style == arg_style::spread && is_operation;
        }
        if (code == op::missing && pd_.typed) return compile_missing(name, items, ptr, false);
        if (code == op::missing_some && pd_.typed) return compile_missing(name, items, ptr, true);
        if ((code == op::missing || code == op::missing_some) && scope == 0) reads_root(nullptr);

        const bool iterator = code == op::map || code == op::filter || code == op::reduce ||
                              code == op::all || code == op::some || code == op::none || code == op::count;
        std::vector<std::uint32_t> kids;
        std::vector<type> types;
        for (std::size_t i = 0; i < items.size(); ++i) {
            int s = scope;
            if (iterator && i == 1) s = scope + 2;
            if (code == op::try_ && i >= 1) s = scope + 2;
            const std::string p = is_array ? pointer_join(ptr, std::to_string(i)) : ptr;
            const auto r = compile(*items[i], p, depth + 1, s);
            kids.push_back(r.idx);
            types.push_back(r.t);
        }
        check_arity(code, name, ptr, kids, dynamic);
        const type t = pd_.typed ? check_types(code, name, ptr, kids, types) : result_type_of(code, types);
        return {add_op(code, name, ptr, kids, dynamic), t};
    }

    void check_arity(op code, const std::string& name, const std::string& ptr,
                     const std::vector<std::uint32_t>& kids, bool dynamic) {
        if (dynamic) return;
        const std::size_t n = kids.size();
        auto need = [&](std::size_t lo, std::size_t hi, const char* what) {
            if (n < lo || n > hi)
                invalid(ptr, "\"" + name + "\" expects " + what + ", got " + std::to_string(n));
        };
        switch (code) {
        case op::eq:
        case op::ne:
        case op::seq:
        case op::sne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge: need(2, SIZE_MAX, "at least 2 arguments"); break;
        case op::sub:
        case op::div: need(1, SIZE_MAX, "at least 1 argument"); break;
        case op::mod: need(2, SIZE_MAX, "at least 2 arguments"); break;
        case op::substr: need(2, 3, "2 or 3 arguments (string, start, length?)"); break;
        case op::in: need(2, 2, "2 arguments (needle, haystack)"); break;
        case op::missing_some: need(2, 2, "2 arguments (minimum, [keys])"); break;
        case op::map:
        case op::filter:
            need(2, 2, "2 arguments (array, expression)");
            if (is_literal(kids[0]) && constant(kids[0]).is_null())
                invalid(ptr, "\"" + name + "\" needs an array, got null");
            if (is_literal(kids[1]) && constant(kids[1]).is_null())
                invalid(ptr, "\"" + name + "\" needs an expression, got null");
            break;
        case op::all:
        case op::some:
        case op::none:
            need(2, 2, "2 arguments (array, predicate)");
            if (is_literal(kids[0]) && constant(kids[0]).is_null())
                invalid(ptr, "\"" + name + "\" needs an array, got null");
            break;
        case op::reduce: need(2, 3, "2 or 3 arguments (array, expression, initial?)"); break;
        case op::count: need(1, 2, "1 or 2 arguments (array, predicate?)"); break;
        case op::to_date:
        case op::is_working_day:
        case op::year_of:
        case op::month_of:
        case op::in_period:
        case op::events_in_period:
        case op::earliest_date:
        case op::latest_date: need(1, 1, "1 argument"); break;
        case op::as_of:
        case op::period_start:
        case op::period_end: need(0, 0, "no arguments"); break;
        case op::add_days:
        case op::add_working_days:
        case op::days_between:
        case op::working_days_between: need(2, 2, "2 arguments"); break;
        case op::add_months:
        case op::add_years:
            need(2, 3, "2 or 3 arguments (date, count, end-of-month policy?)");
            if (n == 3) {
                if (!is_literal(kids[2]) || !constant(kids[2]).is_string())
                    invalid(ptr, "the end-of-month policy must be a literal string "
                                 "(\"clamp\", \"keep_last\" or \"error\")");
                const std::string& pol = constant(kids[2]).as_string();
                if (pol != "clamp" && pol != "keep_last" && pol != "error")
                    invalid(pointer_join(ptr, "2"),
                            "unknown end-of-month policy \"" + pol +
                                "\" (expected \"clamp\", \"keep_last\" or \"error\")");
            }
            break;
        case op::events_between: need(3, 3, "3 arguments (events, from, to)"); break;
        case op::ratio_at_least:
        case op::ratio_above:
            need(4, 4, "4 arguments (numerator, denominator, p, q) meaning numerator/denominator vs p/q");
            break;
        default: break;
        }
    }

    static type result_type_of(op code, const std::vector<type>& types) {
        switch (code) {
        case op::eq:
        case op::ne:
        case op::seq:
        case op::sne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge:
        case op::not_:
        case op::truthy:
        case op::in:
        case op::all:
        case op::some:
        case op::none:
        case op::exists:
        case op::is_working_day:
        case op::in_window:
        case op::in_period:
        case op::ratio_at_least:
        case op::ratio_above: return type::boolean;
        case op::add:
        case op::sub:
        case op::mul:
        case op::div:
        case op::mod:
        case op::count:
        case op::days_between:
        case op::working_days_between:
        case op::year_of:
        case op::month_of: return type::number;
        case op::max:
        case op::min:
            return !types.empty() &&
                           std::all_of(types.begin(), types.end(), [](type t) { return t == type::date; })
                       ? type::date
                       : type::number;
        case op::cat:
        case op::substr: return type::string;
        case op::to_date:
        case op::as_of:
        case op::period_start:
        case op::period_end:
        case op::add_days:
        case op::add_months:
        case op::add_years:
        case op::add_working_days:
        case op::earliest_date:
        case op::latest_date: return type::date;
        case op::map:
        case op::filter:
        case op::merge:
        case op::missing:
        case op::missing_some:
        case op::events_between:
        case op::events_in_period: return type::events;
        case op::and_:
        case op::or_:
        case op::coalesce: {
            if (types.empty()) return type::any;
            for (type t : types)
                if (t != types[0]) return type::any;
            return types[0];
        }
        case op::if_: {
            std::vector<type> branches;
            for (std::size_t i = 1; i < types.size(); i += 2) branches.push_back(types[i]);
            if (types.size() % 2 == 1 && !types.empty()) branches.push_back(types.back());
            if (branches.empty()) return type::any;
            for (type t : branches)
                if (t != branches[0]) return type::any;
            return branches[0];
        }
        default: return type::any;
        }
    }

    // --- typed mode -----------------------------------------------------------

    /// Requires argument i to be one of the allowed types (any always passes);
    /// a string literal where a date is expected is converted at compile time.
    void expect(const std::string& name, const std::string& /*ptr*/, std::vector<std::uint32_t>& kids,
                std::vector<type>& types, std::size_t i, std::initializer_list<type> allowed) {
        type& t = types[i];
        if (t == type::any) return;
        for (type a : allowed)
            if (a == t) return;
        const bool wants_date = std::find(allowed.begin(), allowed.end(), type::date) != allowed.end();
        if (wants_date && t == type::string && is_literal(kids[i])) {
            const node& n = pd_.nodes[kids[i]];
            const auto day = civil_day::try_parse(constant(kids[i]).as_string());
            if (!day)
                type_fail(n.pointer, "\"" + constant(kids[i]).as_string() +
                                         "\" is not a date (expected \"YYYY-MM-DD\")");
            pd_.constants[kids[i]] = value::date(day->days());
            t = type::date;
            return;
        }
        std::string list;
        for (type a : allowed) list += (list.empty() ? "" : " or ") + std::string(to_string(a));
        type_fail(pd_.nodes[kids[i]].pointer, "argument " + std::to_string(i + 1) + " of \"" + name +
                                                  "\" is " + std::string(to_string(t)) + ", expected " +
                                                  list);
    }

    type check_types(op code, const std::string& name, const std::string& ptr,
                     std::vector<std::uint32_t>& kids, std::vector<type>& types) {
        const std::size_t n = kids.size();
        auto all = [&](std::initializer_list<type> allowed, std::size_t from = 0, std::size_t to = SIZE_MAX) {
            for (std::size_t i = from; i < n && i < to; ++i) expect(name, ptr, kids, types, i, allowed);
        };
        const type N = type::number, D = type::date, E = type::events, S = type::string, B = type::boolean;
        switch (code) {
        case op::eq:
        case op::ne:
        case op::seq:
        case op::sne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge: {
            const bool ordering = code == op::lt || code == op::le || code == op::gt || code == op::ge;
            type known = type::any;
            for (type t : types)
                if (t != type::any && t != S) {
                    known = t;
                    break;
                }
            if (known == type::any)
                for (type t : types)
                    if (t != type::any) {
                        known = t;
                        break;
                    }
            if (known == E) type_fail(ptr, "\"" + name + "\" cannot compare events (use \"count\")");
            if (ordering && known == B) type_fail(ptr, "\"" + name + "\" cannot order booleans");
            if (known != type::any) all({known});
            return B;
        }
        case op::add:
        case op::sub:
        case op::mul:
        case op::div:
        case op::mod: all({N}); return N;
        case op::max:
        case op::min: {
            const bool dates =
                std::any_of(types.begin(), types.end(), [](type t) { return t == type::date; });
            all({dates ? D : N});
            return dates ? D : N;
        }
        case op::map:
        case op::filter:
        case op::all:
        case op::some:
        case op::none:
        case op::count:
        case op::reduce: expect(name, ptr, kids, types, 0, {E}); return result_type_of(code, types);
        case op::to_date: all({D, S}); return D;
        case op::add_days:
        case op::add_working_days:
        case op::add_months:
        case op::add_years:
            expect(name, ptr, kids, types, 0, {D});
            expect(name, ptr, kids, types, 1, {N});
            return D;
        case op::days_between:
        case op::working_days_between: all({D}); return N;
        case op::is_working_day:
        case op::in_period: all({D}); return B;
        case op::year_of:
        case op::month_of: all({D}); return N;
        case op::events_between:
            expect(name, ptr, kids, types, 0, {E});
            all({D}, 1);
            return E;
        case op::events_in_period:
        case op::earliest_date:
        case op::latest_date: all({E}); return code == op::events_in_period ? E : D;
        case op::ratio_at_least:
        case op::ratio_above: all({N}); return B;
        case op::cat:
        case op::substr:
        case op::in: return result_type_of(code, types);
        default: return result_type_of(code, types);
        }
    }

    // --- var / val / exists / missing -------------------------------------------

    /// Resolves a dotted fact path to a fact node (typed mode).
    res fact_node(const std::string& path, const std::string& op_name, const std::string& ptr) {
        if (path.empty())
            type_fail(ptr, "\"" + op_name + "\" needs a fact name here (the whole fact set cannot be read)");
        std::string prefix = path;
        std::vector<std::string> rest;
        while (true) {
            if (auto b = opts_.resolve(prefix)) {
                node n;
                n.code = op::fact;
                n.slot = static_cast<std::int32_t>(b->slot);
                n.name = prefix;
                n.pointer = ptr;
                std::reverse(rest.begin(), rest.end());
                n.path = rest;
                pd_.slots.push_back(b->slot);
                return {add(std::move(n)), rest.empty() ? b->t : type::any};
            }
            const auto dot = prefix.rfind('.');
            if (dot == std::string::npos) break;
            rest.push_back(prefix.substr(dot + 1));
            prefix.resize(dot);
        }
        std::string msg = "unknown fact \"" + path + "\"";
        const std::string near = closest(path, opts_.fact_names);
        if (!near.empty()) msg += " (did you mean \"" + near + "\"?)";
        msg += "; expected a fact of the fact dictionary";
        type_fail(ptr, msg);
    }

    static bool literal_path_component(const nlohmann::json& j) {
        return j.is_string() || (j.is_number() && j.get<double>() >= 0);
    }
    static std::string component_string(const nlohmann::json& j) {
        if (j.is_string()) return j.get<std::string>();
        return number_to_string(std::floor(j.get<double>()));
    }

    res compile_var(const std::string& name, const nlohmann::json& args, const std::string& ptr,
                    std::size_t depth, int scope) {
        const nlohmann::json* path = nullptr;
        const nlohmann::json* dflt = nullptr;
        static const nlohmann::json null_json;
        if (args.is_array()) {
            if (args.size() > 2) invalid(ptr, "\"var\" expects [path, default?]");
            path = args.empty() ? &null_json : &args[0];
            if (args.size() == 2) dflt = &args[1];
        } else {
            path = &args;
        }
        node n;
        n.name = name;
        n.pointer = ptr;
        std::vector<std::uint32_t> kids;
        const bool static_path = path->is_null() || path->is_string() || path->is_number();
        std::uint32_t path_kid = 0;
        if (!static_path) {
            if (pd_.typed && scope == 0)
                type_fail(ptr,
                          "a fact name must be a literal string (computed fact names cannot be checked)");
            const std::string p = args.is_array() ? pointer_join(ptr, "0") : ptr;
            path_kid = compile(*path, p, depth + 1, scope).idx;
        }
        std::uint32_t dflt_kid = 0;
        type dflt_t = type::any;
        if (dflt) {
            const auto r = compile(*dflt, pointer_join(ptr, "1"), depth + 1, scope);
            dflt_kid = r.idx;
            dflt_t = r.t;
        }
        std::string text;
        if (static_path && !path->is_null()) {
            text = path->is_string() ? path->get<std::string>() : number_to_string(path->get<double>());
        }
        if (pd_.typed && scope == 0) {
            auto f = fact_node(text, name, ptr);
            if (!dflt) return f;
            // {"var": [fact, default]}: the default replaces a missing fact.
            return {add_op(op::coalesce, name, ptr, {f.idx, dflt_kid}), f.t == dflt_t ? f.t : f.t};
        }
        if (static_path)
            n.path = split_path(text);
        else
            kids.push_back(path_kid);
        if (scope == 0) reads_root(static_path ? &n.path : nullptr);
        if (dflt) kids.push_back(dflt_kid);
        n.code = op::var;
        n.dynamic_args = !static_path;
        n.first = static_cast<std::uint32_t>(pd_.kids.size());
        n.count = static_cast<std::uint32_t>(kids.size());
        n.aux = dflt ? 1 : 0;
        pd_.kids.insert(pd_.kids.end(), kids.begin(), kids.end());
        return {add(std::move(n)), type::any};
    }

    res compile_val(op code, const std::string& name, const nlohmann::json& args, const std::string& ptr,
                    std::size_t depth, int scope) {
        node n;
        n.code = code;
        n.name = name;
        n.pointer = ptr;
        std::vector<const nlohmann::json*> comps;
        if (args.is_array())
            for (const auto& a : args) comps.push_back(&a);
        else
            comps.push_back(&args);
        std::size_t start = 0;
        if (code == op::val && !comps.empty() && comps[0]->is_array()) {
            const auto& c = *comps[0];
            if (c.size() != 1 || !c[0].is_number()) invalid(ptr, "a scope step must be [n] with a number n");
            const double k = std::fabs(c[0].get<double>());
            n.climb = k > 1000 ? 1000 : static_cast<std::int32_t>(k);
            start = 1;
        }
        bool all_static = true;
        for (std::size_t i = start; i < comps.size(); ++i)
            all_static = all_static && literal_path_component(*comps[i]);
        if (all_static &&
            !(comps.size() == 1 && comps[0]->is_null() && code == op::val && !args.is_array())) {
            for (std::size_t i = start; i < comps.size(); ++i) n.path.push_back(component_string(*comps[i]));
        } else if (!all_static) {
            std::vector<std::uint32_t> kids;
            for (std::size_t i = start; i < comps.size(); ++i) {
                const std::string p = args.is_array() ? pointer_join(ptr, std::to_string(i)) : ptr;
                kids.push_back(compile(*comps[i], p, depth + 1, scope).idx);
            }
            n.dynamic_args = true;
            n.first = static_cast<std::uint32_t>(pd_.kids.size());
            n.count = static_cast<std::uint32_t>(kids.size());
            pd_.kids.insert(pd_.kids.end(), kids.begin(), kids.end());
        }
        const bool at_root = scope == 0 || n.climb >= scope;
        if (!pd_.typed && at_root) reads_root(n.dynamic_args ? nullptr : &n.path);
        if (pd_.typed && at_root) {
            if (n.dynamic_args)
                type_fail(ptr, "a fact name must be literal (computed fact names cannot be checked)");
            std::string joined;
            for (const auto& c : n.path) joined += (joined.empty() ? "" : ".") + c;
            auto f = fact_node(joined, name, ptr);
            if (code == op::val) return f;
            return {add_op(op::exists, name, ptr, {f.idx}), type::boolean};
        }
        return {add(std::move(n)), code == op::exists ? type::boolean : type::any};
    }

    res compile_missing(const std::string& name, const std::vector<const nlohmann::json*>& items,
                        const std::string& ptr, bool some) {
        std::vector<std::uint32_t> kids;
        std::size_t i = 0;
        std::vector<const nlohmann::json*> keys;
        if (some) {
            if (items.size() != 2 || !items[0]->is_number() || !items[1]->is_array())
                invalid(ptr, "\"missing_some\" expects [minimum, [fact names]] with literals in a rule pack");
            kids.push_back(add_literal(value(items[0]->get<double>()), pointer_join(ptr, "0")));
            for (const auto& k : *items[1]) keys.push_back(&k);
            i = 1;
        } else {
            keys = items;
            if (keys.size() == 1 && keys[0]->is_array()) {
                const auto* arr = keys[0];
                keys.clear();
                for (const auto& k : *arr) keys.push_back(&k);
            }
        }
        (void)i;
        for (std::size_t k = 0; k < keys.size(); ++k) {
            if (!keys[k]->is_string())
                type_fail(ptr, "\"" + name + "\" needs literal fact names in a rule pack");
            kids.push_back(fact_node(keys[k]->get<std::string>(), name, ptr).idx);
        }
        return {add_op(some ? op::missing_some : op::missing, name, ptr, kids), type::events};
    }

    res compile_window(const std::string& name, const nlohmann::json& args, const std::string& ptr,
                       std::size_t depth, int scope) {
        if (!args.is_array() || args.size() != 3)
            invalid(
                ptr,
                "\"in_window\" expects [date, anchor, {\"days\"|\"months\"|\"years\"|\"working_days\": n}]");
        const auto& off = args[2];
        if (!off.is_object() || off.size() != 1)
            invalid(pointer_join(ptr, "2"),
                    "the window must be {\"days\"|\"months\"|\"years\"|\"working_days\": n}");
        const std::string u = off.begin().key();
        unit un;
        if (u == "days")
            un = unit::days;
        else if (u == "months")
            un = unit::months;
        else if (u == "years")
            un = unit::years;
        else if (u == "working_days")
            un = unit::working_days;
        else
            invalid(pointer_join(ptr, "2"),
                    "unknown window unit \"" + u + "\" (expected days, months, years or working_days)");
        std::vector<std::uint32_t> kids;
        std::vector<type> types;
        for (int i = 0; i < 2; ++i) {
            const auto r = compile(args[static_cast<std::size_t>(i)], pointer_join(ptr, std::to_string(i)),
                                   depth + 1, scope);
            kids.push_back(r.idx);
            types.push_back(r.t);
        }
        const auto r =
            compile(off.begin().value(), pointer_join(pointer_join(ptr, "2"), u), depth + 1, scope);
        kids.push_back(r.idx);
        types.push_back(r.t);
        if (pd_.typed) {
            expect(name, ptr, kids, types, 0, {type::date});
            expect(name, ptr, kids, types, 1, {type::date});
            expect(name, ptr, kids, types, 2, {type::number});
        }
        const auto idx = add_op(op::in_window, name, ptr, kids);
        pd_.nodes[idx].aux = static_cast<std::uint8_t>(un);
        return {idx, type::boolean};
    }

    const compile_options& opts_;
    program_data& pd_;
};

} // namespace danchu::logic::detail

namespace danchu::logic {

/// Compiles `expr`. @throws rule_error / thrown_error naming file and JSON
/// pointer for an unknown operator, unknown fact, type error, malformed
/// arguments or depth over `max_depth`.
inline program compile(const nlohmann::json& expr, const compile_options& opts = {}) {
    auto pd = std::make_shared<detail::program_data>();
    detail::compiler c(opts, *pd);
    c.run(expr);
    // end-of-month policies: literal third argument of add_months / add_years
    for (auto& n : pd->nodes) {
        if ((n.code == detail::op::add_months || n.code == detail::op::add_years) && n.count == 3) {
            const std::string& pol = pd->constants[pd->kids[n.first + 2]].as_string();
            n.aux = static_cast<std::uint8_t>(pol == "keep_last" ? detail::eom::keep_last
                                              : pol == "error"   ? detail::eom::error
                                                                 : detail::eom::clamp);
        }
    }
    return program(std::move(pd));
}

} // namespace danchu::logic
