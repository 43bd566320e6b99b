#pragma once
/// @file
/// The evaluator of the condition language: a tree-walking interpreter over
/// program_data with scope frames on the C++ stack (no allocation for scalar
/// results). Included by <danchu/logic/logic.hpp>; not API.

#include <danchu/logic/detail/core.hpp>
#include <danchu/logic/detail/json.hpp>
#include <danchu/logic/program.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace danchu::logic::detail {

// --- coercions ---------------------------------------------------------------

inline bool truthy(const value& v) noexcept {
    switch (v.get_kind()) {
    case value::kind::null: return false;
    case value::kind::boolean: return v.as_bool();
    case value::kind::number: return v.as_number() != 0 && !std::isnan(v.as_number());
    case value::kind::string: return !v.as_string().empty();
    case value::kind::array: return !v.as_array().empty();
    case value::kind::date:
    case value::kind::object: return true;
    }
    return false;
}

/// JSON Logic's number conversion; false = NaN (arrays, objects, dates, text).
inline bool to_number(const value& v, double& out) {
    switch (v.get_kind()) {
    case value::kind::null: out = 0; return true;
    case value::kind::boolean: out = v.as_bool() ? 1 : 0; return true;
    case value::kind::number: out = v.as_number(); return !std::isnan(out);
    case value::kind::string: return string_to_number(v.as_string(), out);
    default: return false;
    }
}

inline bool to_date(const value& v, std::int32_t& out) {
    if (v.is_date()) {
        out = v.as_date();
        return true;
    }
    if (!v.is_string()) return false;
    const auto d = civil_day::try_parse(v.as_string());
    if (d) out = d->days();
    return d.has_value();
}

inline void append_string(std::string& out, const value& v) {
    switch (v.get_kind()) {
    case value::kind::null: break;
    case value::kind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case value::kind::number: out += number_to_string(v.as_number()); break;
    case value::kind::string: out += v.as_string(); break;
    case value::kind::date: out += to_iso(v.as_date()); break;
    case value::kind::array: {
        bool first = true;
        for (const auto& e : v.as_array()) {
            if (!first) out += ',';
            first = false;
            append_string(out, e);
        }
        break;
    }
    case value::kind::object: out += to_json_rec(v).dump(); break;
    }
}

/// a*b vs c*d for non-negative integers below 2^63, exactly: -1, 0, 1.
inline int compare_products(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) noexcept {
    if (((a | b | c | d) >> 32) == 0) { // both products fit in 64 bits
        const std::uint64_t x = a * b, y = c * d;
        return x < y ? -1 : x > y ? 1 : 0;
    }
    auto mul = [](std::uint64_t x, std::uint64_t y, std::uint64_t& hi, std::uint64_t& lo) {
        const std::uint64_t xl = x & 0xffffffffu, xh = x >> 32, yl = y & 0xffffffffu, yh = y >> 32;
        const std::uint64_t ll = xl * yl, lh = xl * yh, hl = xh * yl, hh = xh * yh;
        const std::uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
        lo = (ll & 0xffffffffu) | (mid << 32);
        hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    };
    std::uint64_t h1, l1, h2, l2;
    mul(a, b, h1, l1);
    mul(c, d, h2, l2);
    if (h1 != h2) return h1 < h2 ? -1 : 1;
    if (l1 != l2) return l1 < l2 ? -1 : 1;
    return 0;
}

/// `ratio_at_least` / `ratio_above`: num/den against p/q (den, q > 0 and num,
/// p not negative, checked by the caller) as num*q against p*den, exactly for
/// whole numbers below 2^53, else in long double.
inline int compare_ratio(double num, double den, double p, double q) noexcept {
    // whole and below 2^53 (and not negative): exact as a 64-bit integer
    auto exact = [](double x) {
        return x < 9007199254740992.0 && static_cast<double>(static_cast<std::uint64_t>(x)) == x;
    };
    if (exact(num) && exact(den) && exact(p) && exact(q))
        return compare_products(static_cast<std::uint64_t>(num), static_cast<std::uint64_t>(q),
                                static_cast<std::uint64_t>(p), static_cast<std::uint64_t>(den));
    const long double l = static_cast<long double>(num) * q, r = static_cast<long double>(p) * den;
    return l < r ? -1 : l > r ? 1 : 0;
}

/// One scope of an iteration (or of a `try` fallback): frames live on the C++
/// stack and point to their parent.
struct frame {
    enum class kind : std::uint8_t { item, meta, reduce } k = kind::item;
    const value* v = nullptr;
    const value* acc = nullptr;
    std::size_t index = 0;
    const frame* parent = nullptr;
};

class evaluator {
public:
    evaluator(const program_data& pd, const value* facts, const eval_context& ctx, trace* tr)
        : pd_(pd), facts_(facts), ctx_(ctx), tr_(tr) {}
    /// Facts given by address, one pointer per slot (nullptr = missing): a
    /// caller's row of shared values is read without copying them.
    evaluator(const program_data& pd, const value* const* facts, const eval_context& ctx, trace* tr)
        : pd_(pd), facts_(nullptr), fact_ptrs_(facts), ctx_(ctx), tr_(tr) {}

    /// Work charged so far (eval_context::max_work counts against it).
    std::uint64_t work() const noexcept { return work_; }

    value run(const value& root_data) {
        frame root;
        root.v = &root_data;
        return eval(pd_.root, &root);
    }

private:
    using K = value::kind;

    const node& kid_node(const node& n, std::size_t i) const { return pd_.nodes[pd_.kids[n.first + i]]; }
    std::uint32_t kid(const node& n, std::size_t i) const { return pd_.kids[n.first + i]; }

    std::string where(const node& n) const { return pd_.file + ":" + n.pointer + ": "; }

    [[noreturn]] void fail(const node& n, const char* type_name, const std::string& msg) const {
        throw thrown_error({{"type", type_name}}, where(n) + "\"" + n.name + "\": " + msg);
    }
    [[noreturn]] void nan(const node& n) const { fail(n, "NaN", "not a number"); }

    void charge(std::uint64_t units) {
        work_ += units;
        if (work_ > ctx_.max_work)
            throw rule_error("evaluation of " + pd_.file + " exceeded its work limit of " +
                             std::to_string(ctx_.max_work) + " (eval_context::max_work)");
    }
    void check_string(const node& n, const std::string& s) const {
        if (s.size() > max_string_bytes)
            throw rule_error(where(n) + "\"" + n.name + "\" built a string over " +
                             std::to_string(max_string_bytes) + " bytes");
    }
    void check_array(const node& n, std::size_t size) const {
        if (size > max_array_elements)
            throw rule_error(where(n) + "\"" + n.name + "\" built an array over " +
                             std::to_string(max_array_elements) + " elements");
    }

    /// Operands of a variadic operator: static children evaluated lazily, or
    /// the elements of one dynamic expression's result.
    struct operands {
        evaluator& ev;
        const node& n;
        const frame* sc;
        value spread;
        std::size_t size = 0;
        operands(evaluator& e, const node& nn, const frame* s) : ev(e), n(nn), sc(s) {
            if (n.dynamic_args) {
                spread = ev.eval(ev.kid(n, 0), sc);
                size = spread.is_array() ? spread.as_array().size() : 1;
            } else {
                size = n.count;
            }
        }
        value get(std::size_t i) {
            if (!n.dynamic_args) return ev.eval(ev.kid(n, i), sc);
            return spread.is_array() ? spread.as_array()[i] : spread;
        }
    };

    double number(const node& n, const value& v) const {
        double d;
        if (!to_number(v, d)) nan(n);
        return d;
    }
    std::int32_t date_of(const node& n, const value& v) const {
        std::int32_t d;
        if (!to_date(v, d)) fail(n, "Invalid Arguments", "expected a date (\"YYYY-MM-DD\")");
        return d;
    }
    value make_date(const node& n, std::int64_t d) const {
        if (d < min_day || d > max_day) fail(n, "Invalid Arguments", "date out of range (years 1-9999)");
        return value::date(static_cast<std::int32_t>(d));
    }
    double finite(const node& n, double x) const {
        if (!std::isfinite(x)) nan(n);
        return x;
    }
    std::int64_t integer(const node& n, const value& v) const {
        const double d = number(n, v);
        if (!std::isfinite(d) || std::fabs(d) > 1e9) fail(n, "Invalid Arguments", "count out of range");
        return static_cast<std::int64_t>(std::trunc(d));
    }
    bool working(std::int32_t d) const {
        if (ctx_.is_working_day) return ctx_.is_working_day(civil_day::from_days(d));
        return weekday_of(d) < weekday::sat;
    }

    // --- paths -----------------------------------------------------------------

    static const value* step(const value* cur, const std::string& key) {
        if (cur->is_object()) return cur->find(key);
        if (cur->is_array()) {
            std::size_t i;
            if (parse_index(key, i) && i < cur->as_array().size()) return &cur->as_array()[i];
        }
        return nullptr;
    }

    /// Looks `path[from..]` up in frame `f`; `found` = every step existed.
    static value lookup(const frame* f, const std::vector<std::string>& path, bool& found) {
        found = true;
        std::size_t i = 0;
        const value* cur = nullptr;
        value tmp;
        switch (f->k) {
        case frame::kind::item: cur = f->v; break;
        case frame::kind::meta:
            if (path.empty()) return value(object{{"index", value(static_cast<double>(f->index))}});
            if (path[0] != "index") {
                found = false;
                return value();
            }
            if (path.size() == 1) return value(static_cast<double>(f->index));
            found = false;
            return value();
        case frame::kind::reduce:
            if (path.empty()) return value(object{{"current", *f->v}, {"accumulator", *f->acc}});
            if (path[0] == "current")
                cur = f->v;
            else if (path[0] == "accumulator")
                cur = f->acc;
            else {
                found = false;
                return value();
            }
            i = 1;
            break;
        }
        for (; i < path.size(); ++i) {
            cur = step(cur, path[i]);
            if (!cur) {
                found = false;
                return value();
            }
        }
        return *cur;
    }

    std::vector<std::string> dynamic_path(const node& n, const frame* sc, std::size_t count) {
        std::vector<std::string> path;
        for (std::size_t i = 0; i < count; ++i) {
            const value c = eval(kid(n, i), sc);
            if (c.is_array()) {
                for (const auto& e : c.as_array()) {
                    std::string s;
                    append_string(s, e);
                    path.push_back(std::move(s));
                }
            } else if (!c.is_null()) {
                std::string s;
                append_string(s, c);
                path.push_back(std::move(s));
            }
        }
        return path;
    }

    value eval_var(const node& n, const frame* sc) {
        bool found = true;
        value out;
        if (n.dynamic_args) {
            const value p = eval(kid(n, 0), sc);
            std::string text;
            if (!p.is_null())
                append_string(text, p.is_array() && !p.as_array().empty() ? p.as_array()[0] : p);
            out = lookup(sc, split_path(text), found);
        } else {
            out = lookup(sc, n.path, found);
        }
        if (!found && n.aux == 1) return eval(kid(n, n.count - 1), sc);
        return out;
    }

    const frame* climb(const frame* f, std::int32_t k) const {
        for (std::int32_t i = 0; i < k && f->parent; ++i) f = f->parent;
        return f;
    }

    value eval_val(const node& n, const frame* sc, bool exists) {
        const frame* f = climb(sc, n.climb);
        bool found = true;
        value out =
            n.dynamic_args ? lookup(f, dynamic_path(n, sc, n.count), found) : lookup(f, n.path, found);
        if (exists) return value(found);
        return out;
    }

    const value& fact(std::int32_t slot) const noexcept {
        if (facts_) return facts_[slot];
        if (fact_ptrs_ && fact_ptrs_[slot]) return *fact_ptrs_[slot];
        return null_value();
    }

    /// The value of node `idx`, by reference when it already exists (a
    /// literal, a fact read) so that reading it copies nothing; otherwise
    /// evaluated into `tmp`. Traced evaluations always go through eval().
    const value& ref(std::uint32_t idx, const frame* sc, value& tmp) {
        const node& n = pd_.nodes[idx];
        if (!tr_) {
            if (n.code == op::literal) return pd_.constants[idx];
            if (n.code == op::fact && n.path.empty()) return fact(n.slot);
        }
        tmp = eval(idx, sc);
        return tmp;
    }

    value eval_fact(const node& n) const {
        const value& v = fact(n.slot);
        if (n.path.empty()) return v;
        const value* cur = &v;
        for (const auto& p : n.path) {
            cur = step(cur, p);
            if (!cur) return value();
        }
        return *cur;
    }
    static const value& null_value() noexcept {
        static const value v;
        return v;
    }

    // --- comparisons -------------------------------------------------------------

    /// Ordering for < <= > >=: strings lexicographically, dates by day,
    /// otherwise as numbers (NaN is an error).
    int order(const node& n, const value& a, const value& b) const {
        if (a.is_string() && b.is_string()) {
            const int c = a.as_string().compare(b.as_string());
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        if (a.is_date() || b.is_date()) {
            const std::int32_t x = date_of(n, a), y = date_of(n, b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        const double x = number(n, a), y = number(n, b);
        return x < y ? -1 : x > y ? 1 : 0;
    }

    bool loose_equal(const node& n, const value& a, const value& b) const {
        if (a.get_kind() == b.get_kind()) {
            switch (a.get_kind()) {
            case K::array:
            case K::object: nan(n);
            default: return a == b;
            }
        }
        if (a.is_date() || b.is_date()) return order(n, a, b) == 0;
        return number(n, a) == number(n, b);
    }

    static bool strict_equal(const value& a, const value& b) { return a == b; }

    value compare_chain(const node& n, const frame* sc) {
        value ta, tb;
        value* tprev = &ta;
        value* tcur = &tb;
        const value* pp = &ref(kid(n, 0), sc, *tprev);
        if (pd_.typed && pp->is_null()) return value();
        for (std::size_t i = 1; i < n.count; ++i) {
            const value& cur = ref(kid(n, i), sc, *tcur);
            const value& prev = *pp;
            if (pd_.typed && cur.is_null()) return value();
            bool ok = false;
            switch (n.code) {
            case op::eq: ok = loose_equal(n, prev, cur); break;
            case op::ne: ok = !loose_equal(n, prev, cur); break;
            case op::seq: ok = strict_equal(prev, cur); break;
            case op::sne: ok = !strict_equal(prev, cur); break;
            case op::lt: ok = order(n, prev, cur) < 0; break;
            case op::le: ok = order(n, prev, cur) <= 0; break;
            case op::gt: ok = order(n, prev, cur) > 0; break;
            case op::ge: ok = order(n, prev, cur) >= 0; break;
            default: break;
            }
            if (!ok) return value(false);
            pp = &cur;
            std::swap(tprev, tcur);
        }
        return value(true);
    }

    // --- arithmetic ----------------------------------------------------------------

    value arith(const node& n, const frame* sc) {
        operands ops(*this, n, sc);
        const std::size_t m = ops.size;
        if ((n.code == op::sub || n.code == op::div) && m == 0)
            fail(n, "Invalid Arguments", "needs an operand");
        if (n.code == op::mod && m < 2) fail(n, "Invalid Arguments", "needs at least 2 operands");
        double acc = n.code == op::mul ? 1 : 0;
        for (std::size_t i = 0; i < m; ++i) {
            const value v = ops.get(i);
            if (pd_.typed && v.is_null()) return value();
            const double x = number(n, v);
            switch (n.code) {
            case op::add: acc += x; break;
            case op::mul: acc *= x; break;
            case op::sub: acc = i == 0 ? (m == 1 ? -x : x) : acc - x; break;
            case op::div: acc = i == 0 ? (m == 1 ? 1 / x : x) : acc / x; break;
            case op::mod: acc = i == 0 ? x : std::fmod(acc, x); break;
            default: break;
            }
        }
        acc = finite(n, acc);
        return value(acc == 0 ? 0.0 : acc);
    }

    value extremum(const node& n, const frame* sc) {
        operands ops(*this, n, sc);
        if (ops.size == 0) return value();
        value best;
        bool dates = false;
        double bn = 0;
        for (std::size_t i = 0; i < ops.size; ++i) {
            value v = ops.get(i);
            if (pd_.typed && v.is_null()) return value();
            if (i == 0) dates = v.is_date();
            if (dates) {
                const std::int32_t d = date_of(n, v);
                if (i == 0 || (n.code == op::max ? d > best.as_date() : d < best.as_date()))
                    best = value::date(d);
            } else {
                const double x = number(n, v);
                if (i == 0 || (n.code == op::max ? x > bn : x < bn)) bn = x;
            }
        }
        return dates ? best : value(bn);
    }

    // --- strings and arrays -----------------------------------------------------------

    value cat(const node& n, const frame* sc) {
        operands ops(*this, n, sc);
        std::string out;
        for (std::size_t i = 0; i < ops.size; ++i) {
            const value v = ops.get(i);
            if (pd_.typed && v.is_null()) return value();
            append_string(out, v);
            check_string(n, out);
        }
        charge(out.size() / 16);
        return value(std::move(out));
    }

    static std::vector<std::size_t> code_point_offsets(const std::string& s) {
        std::vector<std::size_t> off;
        for (std::size_t i = 0; i < s.size(); ++i)
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) off.push_back(i);
        return off;
    }

    value substr(const node& n, const frame* sc) {
        const value sv = eval(kid(n, 0), sc);
        const value st = eval(kid(n, 1), sc);
        const value ln = n.count > 2 ? eval(kid(n, 2), sc) : value();
        if (pd_.typed && (sv.is_null() || st.is_null())) return value();
        std::string s;
        append_string(s, sv);
        const auto off = code_point_offsets(s);
        const std::int64_t len = static_cast<std::int64_t>(off.size());
        std::int64_t start = integer(n, st);
        if (start < 0) start = std::max<std::int64_t>(0, len + start);
        if (start >= len) return value(std::string());
        std::int64_t end = len;
        if (n.count > 2 && !ln.is_null()) {
            const std::int64_t l = integer(n, ln);
            end = l < 0 ? std::max(start, len + l) : std::min(len, start + l);
        }
        const std::size_t b = off[static_cast<std::size_t>(start)];
        const std::size_t e = end >= len ? s.size() : off[static_cast<std::size_t>(end)];
        return value(s.substr(b, e - b));
    }

    value in(const node& n, const frame* sc) {
        value t0, t1;
        const value& needle = ref(kid(n, 0), sc, t0);
        const value& hay = ref(kid(n, 1), sc, t1);
        if (pd_.typed && (needle.is_null() || hay.is_null())) return value();
        if (hay.is_array()) {
            for (const auto& e : hay.as_array())
                if (e == needle) return value(true);
            return value(false);
        }
        if (hay.is_string()) {
            std::string s;
            append_string(s, needle);
            return value(hay.as_string().find(s) != std::string::npos);
        }
        return value(false);
    }

    value merge(const node& n, const frame* sc) {
        operands ops(*this, n, sc);
        array out;
        for (std::size_t i = 0; i < ops.size; ++i) {
            value v = ops.get(i);
            if (v.is_array()) {
                charge(v.as_array().size());
                check_array(n, out.size() + v.as_array().size());
                out.insert(out.end(), v.as_array().begin(), v.as_array().end());
            } else {
                out.push_back(std::move(v));
            }
        }
        return value(std::move(out));
    }

    /// Typed `missing` as a condition: true if a listed fact is missing.
    bool any_missing(const node& n) const {
        for (std::size_t i = 0; i < n.count; ++i) {
            const node& k = kid_node(n, i);
            if (k.path.empty() ? fact(k.slot).is_null() : eval_fact(k).is_null()) return true;
        }
        return false;
    }

    value missing(const node& n, const frame* sc) {
        array out;
        std::size_t total = 0;
        if (pd_.typed) {
            const std::size_t from = n.code == op::missing_some ? 1 : 0;
            for (std::size_t i = from; i < n.count; ++i) {
                ++total;
                if (eval(kid(n, i), sc).is_null()) out.push_back(value(kid_node(n, i).name));
            }
        } else {
            array keys;
            if (n.code == op::missing_some) {
                const value k = eval(kid(n, 1), sc);
                if (k.is_array())
                    keys = k.as_array();
                else
                    keys.push_back(k);
            } else {
                operands ops(*this, n, sc);
                for (std::size_t i = 0; i < ops.size; ++i) {
                    value v = ops.get(i);
                    if (i == 0 && v.is_array()) {
                        keys = v.as_array();
                        break;
                    }
                    keys.push_back(std::move(v));
                }
            }
            for (const auto& k : keys) {
                ++total;
                std::string text;
                append_string(text, k);
                bool found = true;
                const value v = lookup(sc, split_path(text), found);
                if (!found || v.is_null() || (v.is_string() && v.as_string().empty())) out.push_back(k);
            }
        }
        if (n.code == op::missing_some) {
            const double need = number(n, eval(kid(n, 0), sc));
            if (static_cast<double>(total - out.size()) >= need) return value(array{});
        }
        return value(std::move(out));
    }

    // --- iteration ----------------------------------------------------------------------

    /// The array an iterator walks; `ok` false means "null" (typed: unknown).
    const logic::array* iterable(const node& n, const value& v, bool null_is_empty) const {
        static const logic::array empty;
        if (v.is_array()) return &v.as_array();
        if (v.is_null() && null_is_empty) return &empty;
        fail(n, "Invalid Arguments", "expected an array");
    }

    value iterate(const node& n, const frame* sc) {
        if (n.code == op::count && n.count == 1 && !tr_) {
            const node& en = kid_node(n, 0);
            if (en.code == op::events_in_period || en.code == op::events_between) return count_events(en, sc);
        }
        const value src = eval(kid(n, 0), sc);
        if (pd_.typed && src.is_null()) return value();
        const bool lenient =
            n.code == op::map || n.code == op::filter || n.code == op::reduce || n.code == op::count;
        const logic::array& items = *iterable(n, src, lenient);
        charge(items.size());
        const std::uint32_t body = n.count > 1 ? kid(n, 1) : 0;
        frame meta;
        meta.k = frame::kind::meta;
        meta.parent = sc;
        frame item;
        item.parent = &meta;
        switch (n.code) {
        case op::map: {
            array out;
            out.reserve(items.size());
            for (std::size_t i = 0; i < items.size(); ++i) {
                meta.index = i;
                item.v = &items[i];
                out.push_back(eval(body, &item));
            }
            return value(std::move(out));
        }
        case op::filter: {
            array out;
            for (std::size_t i = 0; i < items.size(); ++i) {
                meta.index = i;
                item.v = &items[i];
                if (truthy(eval(body, &item))) out.push_back(items[i]);
            }
            return value(std::move(out));
        }
        case op::count: {
            std::size_t c = 0;
            bool unknown = false;
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (n.count == 1) {
                    ++c;
                    continue;
                }
                meta.index = i;
                item.v = &items[i];
                const value r = eval(body, &item);
                if (pd_.typed && r.is_null())
                    unknown = true;
                else if (truthy(r))
                    ++c;
            }
            if (unknown) return value();
            return value(static_cast<double>(c));
        }
        case op::all:
        case op::some:
        case op::none: {
            if (items.empty()) return value(n.code == op::none);
            bool unknown = false;
            for (std::size_t i = 0; i < items.size(); ++i) {
                meta.index = i;
                item.v = &items[i];
                const value r = eval(body, &item);
                if (pd_.typed && r.is_null()) {
                    unknown = true;
                    continue;
                }
                const bool t = truthy(r);
                if (n.code == op::all && !t) return value(false);
                if (n.code == op::some && t) return value(true);
                if (n.code == op::none && t) return value(false);
            }
            if (unknown) return value();
            return value(n.code != op::some);
        }
        case op::reduce: {
            value acc = n.count > 2 ? eval(kid(n, 2), sc) : value();
            frame red;
            red.k = frame::kind::reduce;
            red.parent = &meta;
            for (std::size_t i = 0; i < items.size(); ++i) {
                meta.index = i;
                red.v = &items[i];
                red.acc = &acc;
                value next = eval(body, &red);
                acc = std::move(next);
            }
            return acc;
        }
        default: return value();
        }
    }

    value try_(const node& n, const frame* sc) {
        value err;
        frame meta;
        meta.k = frame::kind::meta;
        meta.parent = sc;
        frame item;
        item.parent = &meta;
        item.v = &err;
        for (std::size_t i = 0; i < n.count; ++i) {
            try {
                return eval(kid(n, i), i == 0 ? sc : &item);
            } catch (const thrown_error& e) {
                if (i + 1 == n.count) throw;
                err = from_json_rec(e.thrown(), 0);
            }
        }
        return value();
    }

    [[noreturn]] void throw_(const node& n, const frame* sc) {
        const value v = n.count ? eval(kid(n, 0), sc) : value();
        nlohmann::json j = v.is_object() ? to_json_rec(v) : nlohmann::json{{"type", to_json_rec(v)}};
        throw thrown_error(j, where(n) + "thrown " + j.dump());
    }

    // --- typed extensions --------------------------------------------------------------------

    std::int64_t working_days_between(const node& n, std::int32_t a, std::int32_t b) {
        const std::int32_t lo = std::min(a, b), hi = std::max(a, b);
        if (static_cast<std::int64_t>(hi) - lo > 36600) fail(n, "Invalid Arguments", "span over 100 years");
        charge(static_cast<std::uint64_t>(hi - lo));
        std::int64_t c = 0;
        for (std::int32_t d = lo + 1; d <= hi; ++d) c += working(d) ? 1 : 0;
        return b >= a ? c : -c;
    }

    std::int32_t add_working(const node& n, std::int32_t d, std::int64_t k) {
        if (k > 25000 || k < -25000) fail(n, "Invalid Arguments", "too many working days");
        const int dir = k >= 0 ? 1 : -1;
        std::int64_t left = k >= 0 ? k : -k;
        std::int64_t cur = d;
        std::uint64_t steps = 0;
        while (left > 0) {
            cur += dir;
            if (cur < min_day || cur > max_day) fail(n, "Invalid Arguments", "date out of range");
            if (++steps > 200000) fail(n, "Invalid Arguments", "calendar has too few working days");
            if (working(static_cast<std::int32_t>(cur))) --left;
        }
        charge(steps);
        return static_cast<std::int32_t>(cur);
    }

    std::int32_t shift(const node& n, std::int32_t d, std::int64_t k, unit u, eom pol) {
        std::int32_t out = 0;
        switch (u) {
        case unit::days: return make_date(n, static_cast<std::int64_t>(d) + k).as_date();
        case unit::months:
        case unit::years:
            if (!add_months(d, u == unit::years ? k * 12 : k, pol, out))
                fail(n, "Invalid Arguments", "date out of range or day missing in the target month");
            return out;
        case unit::working_days: return add_working(n, d, k);
        }
        return d;
    }

    /// Dated items of an events array (objects with a "date" member).
    template <class F> void each_dated(const node& n, const value& events, F f) {
        const logic::array& items = *iterable(n, events, false);
        charge(items.size());
        for (const auto& e : items) {
            const value* d = e.find("date");
            std::int32_t day;
            if (d && to_date(*d, day)) f(e, day);
        }
    }

    /// {"count": [{"events_in_period" | "events_between": ...}]} without
    /// building the list of events: the same operands, checks, errors and
    /// work charged as evaluating the two operators one after the other.
    value count_events(const node& en, const frame* sc) {
        value t[4];
        const value* a[4] = {nullptr, nullptr, nullptr, nullptr};
        const std::size_t m = std::min<std::size_t>(en.count, 4);
        for (std::size_t i = 0; i < m; ++i) {
            a[i] = &ref(kid(en, i), sc, t[i]);
            // The events operator gives null; count is then unknown (typed) or 0.
            if (a[i]->is_null()) return pd_.typed ? value() : value(0.0);
        }
        const std::int32_t lo =
            en.code == op::events_in_period ? ctx_.period_start.days() : date_of(en, *a[1]);
        const std::int32_t hi = en.code == op::events_in_period ? ctx_.period_end.days() : date_of(en, *a[2]);
        std::size_t c = 0;
        each_dated(en, *a[0], [&](const value&, std::int32_t d) { c += d >= lo && d <= hi ? 1 : 0; });
        charge(c);
        return value(static_cast<double>(c));
    }

    value typed_op(const node& n, const frame* sc) {
        // Every typed operator is unknown when an operand is missing.
        value t[4];
        const value* a[4] = {nullptr, nullptr, nullptr, nullptr};
        const std::size_t m = std::min<std::size_t>(n.count, 4);
        for (std::size_t i = 0; i < m; ++i) {
            a[i] = &ref(kid(n, i), sc, t[i]);
            if (a[i]->is_null()) return value();
        }
        switch (n.code) {
        case op::to_date: return value::date(date_of(n, (*a[0])));
        case op::add_days:
            return make_date(n, static_cast<std::int64_t>(date_of(n, (*a[0]))) + integer(n, (*a[1])));
        case op::add_months:
        case op::add_years:
            return value::date(shift(n, date_of(n, (*a[0])), integer(n, (*a[1])),
                                     n.code == op::add_years ? unit::years : unit::months,
                                     static_cast<eom>(n.aux)));
        case op::add_working_days:
            return value::date(add_working(n, date_of(n, (*a[0])), integer(n, (*a[1]))));
        case op::days_between:
            return value(
                static_cast<double>(static_cast<std::int64_t>(date_of(n, (*a[1]))) - date_of(n, (*a[0]))));
        case op::working_days_between:
            return value(
                static_cast<double>(working_days_between(n, date_of(n, (*a[0])), date_of(n, (*a[1])))));
        case op::is_working_day: return value(working(date_of(n, (*a[0]))));
        case op::year_of: return value(static_cast<double>(civil_from_days(date_of(n, (*a[0]))).year));
        case op::month_of: return value(static_cast<double>(civil_from_days(date_of(n, (*a[0]))).month));
        case op::in_window: {
            const std::int32_t d = date_of(n, (*a[0])), anchor = date_of(n, (*a[1]));
            const std::int32_t end =
                shift(n, anchor, integer(n, (*a[2])), static_cast<unit>(n.aux), eom::clamp);
            return value(d >= std::min(anchor, end) && d <= std::max(anchor, end));
        }
        case op::in_period: {
            const std::int32_t d = date_of(n, (*a[0]));
            return value(d >= ctx_.period_start.days() && d <= ctx_.period_end.days());
        }
        case op::events_between:
        case op::events_in_period: {
            const std::int32_t lo =
                n.code == op::events_in_period ? ctx_.period_start.days() : date_of(n, (*a[1]));
            const std::int32_t hi =
                n.code == op::events_in_period ? ctx_.period_end.days() : date_of(n, (*a[2]));
            array out;
            each_dated(n, (*a[0]), [&](const value& e, std::int32_t d) {
                if (d >= lo && d <= hi) out.push_back(e);
            });
            return value(std::move(out));
        }
        case op::earliest_date:
        case op::latest_date: {
            bool any = false;
            std::int32_t best = 0;
            each_dated(n, (*a[0]), [&](const value&, std::int32_t d) {
                if (!any || (n.code == op::earliest_date ? d < best : d > best)) best = d;
                any = true;
            });
            return any ? value::date(best) : value();
        }
        case op::ratio_at_least:
        case op::ratio_above: {
            const double num = number(n, (*a[0])), den = number(n, (*a[1])), p = number(n, (*a[2])),
                         q = number(n, (*a[3]));
            if (!(den > 0) || !(q > 0) || num < 0 || p < 0) return value();
            const int c = compare_ratio(num, den, p, q);
            return value(n.code == op::ratio_at_least ? c >= 0 : c > 0);
        }
        default: return value();
        }
    }

    // --- dispatch ----------------------------------------------------------------------------

public:
    value eval(std::uint32_t idx, const frame* sc) {
        const node& n = pd_.nodes[idx];
        if (n.code == op::literal) return pd_.constants[idx];
        value out = dispatch(n, sc);
        if (tr_) {
            trace_step s;
            s.pointer = n.pointer;
            s.op = n.name;
            if (n.code == op::fact) s.fact = n.name, s.op = "var";
            s.value = to_json_rec(out);
            tr_->steps.push_back(std::move(s));
        }
        return out;
    }

private:
    value dispatch(const node& n, const frame* sc) {
        switch (n.code) {
        case op::literal: return value();
        case op::array_lit: {
            array out;
            out.reserve(n.count);
            for (std::size_t i = 0; i < n.count; ++i) out.push_back(eval(kid(n, i), sc));
            return value(std::move(out));
        }
        case op::fact: return eval_fact(n);
        case op::var: return eval_var(n, sc);
        case op::val: return eval_val(n, sc, false);
        case op::exists:
            if (pd_.typed && !n.path.size() && n.count == 1 && kid_node(n, 0).code == op::fact)
                return value(!eval(kid(n, 0), sc).is_null());
            return eval_val(n, sc, true);
        case op::missing:
        case op::missing_some: return missing(n, sc);
        case op::and_:
        case op::or_: {
            if (n.count == 0) return value(false);
            const bool is_and = n.code == op::and_;
            bool unknown = false;
            value tmp;
            const value* v = nullptr;
            for (std::size_t i = 0; i < n.count; ++i) {
                v = &ref(kid(n, i), sc, tmp);
                if (pd_.typed && v->is_null()) {
                    unknown = true;
                    continue;
                }
                if (truthy(*v) != is_and) return *v;
            }
            return unknown ? value() : *v;
        }
        case op::not_:
        case op::truthy: {
            value tmp;
            const value& v = n.count == 0 ? tmp : ref(kid(n, 0), sc, tmp);
            if (pd_.typed && v.is_null()) return value();
            return value(truthy(v) == (n.code == op::truthy));
        }
        case op::if_: {
            std::size_t i = 0;
            for (; i + 1 < n.count; i += 2) {
                const node& cn = kid_node(n, i);
                if (pd_.typed && !tr_ && cn.code == op::missing) {
                    // Only whether something is missing matters here: no list built.
                    if (any_missing(cn)) return eval(kid(n, i + 1), sc);
                    continue;
                }
                value tmp;
                const value& c = ref(kid(n, i), sc, tmp);
                if (pd_.typed && c.is_null()) return value();
                if (truthy(c)) return eval(kid(n, i + 1), sc);
            }
            return i < n.count ? eval(kid(n, i), sc) : value();
        }
        case op::coalesce: {
            operands ops(*this, n, sc);
            for (std::size_t i = 0; i < ops.size; ++i) {
                value v = ops.get(i);
                if (!v.is_null()) return v;
            }
            return value();
        }
        case op::eq:
        case op::ne:
        case op::seq:
        case op::sne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge: return compare_chain(n, sc);
        case op::add:
        case op::sub:
        case op::mul:
        case op::div:
        case op::mod: return arith(n, sc);
        case op::max:
        case op::min: return extremum(n, sc);
        case op::cat: return cat(n, sc);
        case op::substr: return substr(n, sc);
        case op::in: return in(n, sc);
        case op::merge: return merge(n, sc);
        case op::log: return n.count ? eval(kid(n, 0), sc) : value();
        case op::map:
        case op::filter:
        case op::reduce:
        case op::all:
        case op::some:
        case op::none:
        case op::count: return iterate(n, sc);
        case op::throw_: throw_(n, sc);
        case op::try_: return try_(n, sc);
        case op::as_of: return value::date(ctx_.as_of.days());
        case op::period_start: return value::date(ctx_.period_start.days());
        case op::period_end: return value::date(ctx_.period_end.days());
        default: return typed_op(n, sc);
        }
    }

    const program_data& pd_;
    const value* facts_;
    const value* const* fact_ptrs_ = nullptr;
    const eval_context& ctx_;
    trace* tr_;
    std::uint64_t work_ = 0;
};

} // namespace danchu::logic::detail

namespace danchu::logic::detail {

/// The compiled tree of a program, for evaluators beside the interpreter
/// (rules/detail/columnar.hpp). Null for an empty program.
struct program_access {
    static const program_data* get(const program& p) noexcept { return p.d_.get(); }
};

} // namespace danchu::logic::detail

namespace danchu::logic {

inline type program::result_type() const noexcept { return d_ ? d_->result : type::any; }

inline value program::evaluate(const value* facts, const eval_context& ctx) const {
    if (!d_) throw argument_error("program::evaluate: the program is empty (default-constructed)");
    detail::evaluator ev(*d_, facts, ctx, nullptr);
    static const value none;
    return ev.run(none);
}

inline value program::evaluate(const value* facts, const eval_context& ctx, trace& out) const {
    if (!d_) throw argument_error("program::evaluate: the program is empty (default-constructed)");
    detail::evaluator ev(*d_, facts, ctx, &out);
    static const value none;
    return ev.run(none);
}

inline value program::evaluate_indirect(const value* const* facts, const eval_context& ctx) const {
    if (!d_) throw argument_error("program::evaluate: the program is empty (default-constructed)");
    detail::evaluator ev(*d_, facts, ctx, nullptr);
    static const value none;
    return ev.run(none);
}

inline value program::evaluate_indirect(const value* const* facts, const eval_context& ctx,
                                        trace& out) const {
    if (!d_) throw argument_error("program::evaluate: the program is empty (default-constructed)");
    detail::evaluator ev(*d_, facts, ctx, &out);
    static const value none;
    return ev.run(none);
}

inline value program::apply(const value& data, const eval_context& ctx) const {
    if (!d_) throw argument_error("program::apply: the program is empty (default-constructed)");
    detail::evaluator ev(*d_, static_cast<const value*>(nullptr), ctx, nullptr);
    return ev.run(data);
}

inline value program::apply(const value& data, const eval_context& ctx, trace& out) const {
    if (!d_) throw argument_error("program::apply: the program is empty (default-constructed)");
    detail::evaluator ev(*d_, static_cast<const value*>(nullptr), ctx, &out);
    return ev.run(data);
}

inline std::vector<std::size_t> program::slots_read() const {
    return d_ ? d_->slots : std::vector<std::size_t>{};
}

inline bool program::data_members_read(std::vector<std::string>& out) const {
    out.clear();
    if (!d_ || d_->typed || d_->reads_whole_data) return false;
    out = d_->data_members;
    return true;
}

} // namespace danchu::logic
