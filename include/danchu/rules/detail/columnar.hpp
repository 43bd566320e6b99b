#pragma once
/// @file
/// Column-at-a-time evaluation of a plan's rules (issue 14). Each rule's
/// compiled `applies`, `condition` and `credit` programs are translated once
/// per evaluation into a tree of column kernels over blocks of units: every
/// node yields a block of values (booleans, numbers and day numbers as
/// doubles; strings by reference into the evidence) with a validity mask
/// (0 = missing, JSON Logic's null). Facts are read in place from the evidence
/// columns, sub-expressions that read no fact are folded once with the
/// interpreter, and event counts over a fixed window are reduced to one
/// column per evaluation. Nothing is allocated per unit.
///
/// Exactness: a program that uses a construct without a kernel is not
/// translated, and its rule is evaluated by the interpreter. A kernel that
/// meets a case where the interpreter would raise an error (NaN, a date out of
/// range, a work limit, ...) anywhere in a program marks that unit's cell
/// "fall back", and the cell is evaluated by the interpreter
/// (evaluate_cell), so verdicts, credits and errors are those of the
/// interpreter by construction. Not API.

#include <danchu/rules/plan.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace danchu::detail::columnar {

/// Units per block: the temporaries of one rule stay in the cache.
inline constexpr std::size_t block_size = 1024;

/// out[i] = 1 where `test` holds for v[i], else 0. `wide` is `test` on two
/// doubles at once (all ones where it holds), used eight values at a time
/// where SSE2 is available: compilers do not vectorise a comparison of
/// doubles that yields bytes.
template <class Test, class Wide>
void byte_mask(const double* v, std::size_t m, std::uint8_t* out, Test test,
               [[maybe_unused]] Wide wide) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i low = _mm_set1_epi16(1);
    for (; i + 8 <= m; i += 8) {
        // four pairs of 64-bit masks, narrowed to 16 bits (each value twice), kept 0/1, narrowed to bytes
        const __m128i a = _mm_packs_epi32(wide(_mm_loadu_pd(v + i)), wide(_mm_loadu_pd(v + i + 2)));
        const __m128i b = _mm_packs_epi32(wide(_mm_loadu_pd(v + i + 4)), wide(_mm_loadu_pd(v + i + 6)));
        const __m128i pairs = _mm_and_si128(_mm_packs_epi16(a, b), low);
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out + i), _mm_packus_epi16(pairs, pairs));
    }
#endif
    for (; i < m; ++i) out[i] = test(v[i]) ? 1 : 0;
}

/// out[i] = v[i] != 0.0 (a NaN counts as true, as in `!= 0.0`).
inline void nonzero_mask(const double* v, std::size_t m, std::uint8_t* out) noexcept {
#if defined(__SSE2__)
    const auto wide = [](__m128d x) { return _mm_castpd_si128(_mm_cmpneq_pd(x, _mm_setzero_pd())); };
#else
    const int wide = 0;
#endif
    byte_mask(
        v, m, out, [](double x) { return x != 0.0; }, wide);
}

/// out[i] = 0 <= v[i] <= 1 (a NaN is outside).
inline void unit_interval_mask(const double* v, std::size_t m, std::uint8_t* out) noexcept {
#if defined(__SSE2__)
    const auto wide = [](__m128d x) {
        return _mm_castpd_si128(
            _mm_and_pd(_mm_cmpge_pd(x, _mm_setzero_pd()), _mm_cmple_pd(x, _mm_set1_pd(1.0))));
    };
#else
    const int wide = 0;
#endif
    byte_mask(
        v, m, out, [](double x) { return x >= 0.0 && x <= 1.0; }, wide);
}

/// Static kind of a column.
enum class kind : std::uint8_t { null, boolean, number, date, string, array };

/// Per-evaluation inputs shared by the compiled programs.
class inputs {
public:
    inputs(const evidence& ev, const logic::eval_context& ctx)
        : ev_(ev), dict_(*ev.dictionary()), ctx_(ctx), zeros_(block_size, 0), zero_numbers_(block_size, 0.0) {
    }

    const evidence& ev() const noexcept { return ev_; }
    const fact_dictionary& dict() const noexcept { return dict_; }
    const logic::eval_context& ctx() const noexcept { return ctx_; }
    const std::uint8_t* zeros() const noexcept { return zeros_.data(); }
    const double* zero_numbers() const noexcept { return zero_numbers_.data(); }

    /// Per unit: the number of dated events of fact `f` within [lo, hi] (all
    /// of them when `!window`) and the work the interpreter charges to count
    /// them. Computed once per evaluation for each (fact, window).
    struct event_counts {
        std::vector<double> count;
        std::vector<std::uint64_t> work;
    };
    const event_counts* counts(std::size_t f, std::int32_t lo, std::int32_t hi, bool window) {
        auto& slot = counts_[std::make_tuple(f, lo, hi, window)];
        if (slot) return slot.get();
        const auto& col = ev_.column(f);
        const std::size_t n = ev_.unit_count();
        if (!col.present.empty() && col.event_begin.size() != n + 1) return nullptr;
        slot = std::make_unique<event_counts>();
        slot->count.assign(n, 0.0);
        slot->work.assign(n, 0);
        if (col.present.empty()) return slot.get();
        for (std::size_t u = 0; u < n; ++u) {
            if (!col.present[u]) continue;
            const day_list evs = col.events(u);
            std::uint64_t c = 0;
            for (const std::int32_t d : evs) c += !window || (d >= lo && d <= hi) ? 1 : 0;
            slot->count[u] = static_cast<double>(c);
            // each_dated charges the list, count_events the events counted;
            // counting a whole list charges it once.
            slot->work[u] = window ? evs.size() + c : evs.size();
        }
        return slot.get();
    }

    /// True if every present value of date fact `f` is a whole day number in
    /// range (what the interpreter's cast to a day number reads unchanged).
    bool whole_days(std::size_t f) {
        auto it = whole_days_.find(f);
        if (it != whole_days_.end()) return it->second;
        const auto& col = ev_.column(f);
        bool ok = true;
        for (std::size_t u = 0; u < col.present.size() && ok; ++u)
            ok = !col.present[u] ||
                 (std::floor(col.numbers[u]) == col.numbers[u] && col.numbers[u] >= logic::detail::min_day &&
                  col.numbers[u] <= logic::detail::max_day);
        return whole_days_[f] = ok;
    }

    bool working(std::int32_t d) const {
        if (ctx_.is_working_day) return ctx_.is_working_day(civil_day::from_days(d));
        return weekday_of(d) < weekday::sat;
    }

private:
    const evidence& ev_;
    const fact_dictionary& dict_;
    const logic::eval_context& ctx_;
    std::vector<std::uint8_t> zeros_;
    std::vector<double> zero_numbers_;
    std::map<std::tuple<std::size_t, std::int32_t, std::int32_t, bool>, std::unique_ptr<event_counts>>
        counts_;
    std::map<std::size_t, bool> whole_days_;
};

/// One compiled program as column kernels.
class program {
public:
    /// Translates `p`; false if it uses a construct without a kernel (the
    /// rule is then left to the interpreter).
    bool compile(const logic::program& p, inputs& in) {
        pd_ = logic::detail::program_access::get(p);
        in_ = &in;
        if (!pd_ || !pd_->typed) return false;
        try {
            root_ = build(pd_->root);
        } catch (const unsupported&) {
            return false;
        }
        for (auto& n : nodes_) // a string constant is read in place, once nodes_ no longer moves
            if (n.constant && n.k == kind::string) n.os = &n.cval.as_string();
        fb_.assign(block_size, 0);
        work_.assign(block_size, 0);
        return true;
    }

    kind result() const noexcept { return nodes_[root_].k; }

    /// Evaluates units [start, start + m): values(), valid() and fallback().
    void run(std::size_t start, std::size_t m) {
        std::fill(fb_.begin(), fb_.begin() + static_cast<std::ptrdiff_t>(m), std::uint8_t{0});
        if (charges_) std::fill(work_.begin(), work_.begin() + static_cast<std::ptrdiff_t>(m), const_work_);
        for (auto& n : nodes_) eval(n, start, m); // post-order: children first
        if (charges_) {
            const std::uint64_t limit = in_->ctx().max_work;
            for (std::size_t i = 0; i < m; ++i) fb_[i] |= work_[i] > limit ? 1 : 0;
        }
    }
    const double* values() const noexcept { return nodes_[root_].ov; }
    const std::uint8_t* valid() const noexcept { return nodes_[root_].ook; }
    /// 1 where the interpreter must decide (a kernel met an error case).
    const std::uint8_t* fallback() const noexcept { return fb_.data(); }

private:
    using op = logic::detail::op;
    struct unsupported {};

    struct node {
        op code = op::literal;
        kind k = kind::null;
        bool constant = false;
        bool missing_test = false; ///< `missing` as an `if` condition: 1 if a fact is missing
        std::uint8_t aux = 0;
        std::vector<std::uint32_t> kids; ///< indices into nodes_
        std::size_t fact = 0;
        const inputs::event_counts* counts = nullptr;
        logic::value cval;                ///< constant value (strings, arrays)
        std::vector<double> set_num;      ///< `in`: the numbers / days / booleans of the haystack
        std::vector<std::string> set_str; ///< `in`: the strings of the haystack
        std::vector<double> v;
        std::vector<std::uint8_t> ok;
        std::vector<std::uint8_t> tmp; ///< scratch (and / or)
        const double* ov = nullptr;
        const std::uint8_t* ook = nullptr;
        const std::string* os = nullptr;
        std::size_t os_step = 0;
    };

    // --- translation ------------------------------------------------------------

    const logic::detail::node& pn(std::uint32_t idx) const { return pd_->nodes[idx]; }
    std::uint32_t pkid(const logic::detail::node& n, std::size_t i) const { return pd_->kids[n.first + i]; }

    bool fact_free(std::uint32_t idx) const {
        const auto& n = pn(idx);
        switch (n.code) {
        case op::fact:
        case op::var:
        case op::val:
        case op::exists:
        case op::missing:
        case op::missing_some: return false;
        default: break;
        }
        for (std::size_t i = 0; i < n.count; ++i)
            if (!fact_free(pkid(n, i))) return false;
        return true;
    }

    std::uint32_t add(node n) {
        if (!n.constant) {
            n.v.assign(block_size, 0.0);
            n.ok.assign(block_size, 0);
            if (n.code == op::and_ || n.code == op::or_) n.tmp.assign(block_size, 0);
            n.ov = n.v.data();
            n.ook = n.ok.data();
        }
        nodes_.push_back(std::move(n));
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }

    std::uint32_t constant(const logic::value& r) {
        node n;
        n.constant = true;
        n.v.assign(block_size, 0.0);
        n.ok.assign(block_size, r.is_null() ? 0 : 1);
        switch (r.get_kind()) {
        case logic::value::kind::null: n.k = kind::null; break;
        case logic::value::kind::boolean:
            n.k = kind::boolean;
            std::fill(n.v.begin(), n.v.end(), r.as_bool() ? 1.0 : 0.0);
            break;
        case logic::value::kind::number:
            n.k = kind::number;
            std::fill(n.v.begin(), n.v.end(), r.as_number());
            break;
        case logic::value::kind::date:
            n.k = kind::date;
            std::fill(n.v.begin(), n.v.end(), static_cast<double>(r.as_date()));
            break;
        case logic::value::kind::string: n.k = kind::string; break;
        case logic::value::kind::array: n.k = kind::array; break;
        case logic::value::kind::object: throw unsupported{};
        }
        n.cval = r;
        n.ov = n.v.data();
        n.ook = n.ok.data();
        nodes_.push_back(std::move(n));
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }

    /// Folds a sub-expression that reads no fact with the interpreter.
    std::uint32_t fold(std::uint32_t idx) {
        static const logic::value* const no_facts[1] = {nullptr};
        logic::detail::evaluator e(*pd_, no_facts, in_->ctx(), nullptr);
        const logic::value data;
        logic::detail::frame root;
        root.v = &data;
        logic::value r;
        try {
            r = e.eval(idx, &root);
        } catch (const danchu::error&) {
            throw unsupported{}; // an error wherever it is reached: leave it to the interpreter
        }
        if (e.work()) {
            const_work_ += e.work();
            charges_ = true;
        }
        return constant(r);
    }

    const node& built(std::uint32_t i) const { return nodes_[i]; }
    kind kind_of(std::uint32_t i) const { return nodes_[i].k; }

    /// The kind shared by nodes (null constants fit any); unsupported if they differ.
    kind common(const std::vector<std::uint32_t>& ks, std::initializer_list<kind> allowed) const {
        kind k = kind::null;
        for (auto i : ks) {
            const kind t = kind_of(i);
            if (t == kind::null) continue;
            if (k != kind::null && t != k) throw unsupported{};
            k = t;
        }
        if (k == kind::null) return k;
        for (kind a : allowed)
            if (a == k) return k;
        throw unsupported{};
    }

    /// An events fact (no sub-path) read by a counting operator: its dictionary index.
    std::size_t events_fact(std::uint32_t idx) const {
        const auto& n = pn(idx);
        if (n.code != op::fact || !n.path.empty() || n.slot < 0) throw unsupported{};
        const auto f = static_cast<std::size_t>(n.slot);
        if (in_->dict()[f].type != fact_type::events) throw unsupported{};
        return f;
    }

    std::uint32_t build_count(const logic::detail::node& n) {
        if (n.count != 1 || n.dynamic_args) throw unsupported{};
        const std::uint32_t ei = pkid(n, 0);
        const auto& en = pn(ei);
        node out;
        out.code = op::count;
        out.k = kind::number;
        if (en.code == op::fact) {
            out.fact = events_fact(ei);
            out.counts = in_->counts(out.fact, 0, 0, false);
        } else if ((en.code == op::events_in_period && en.count == 1) ||
                   (en.code == op::events_between && en.count == 3)) {
            if (en.dynamic_args) throw unsupported{};
            out.fact = events_fact(pkid(en, 0));
            std::int32_t lo = in_->ctx().period_start.days(), hi = in_->ctx().period_end.days();
            if (en.code == op::events_between) {
                std::int32_t b[2];
                for (int i = 0; i < 2; ++i) {
                    const std::uint32_t k = pkid(en, static_cast<std::size_t>(i) + 1);
                    if (!fact_free(k)) throw unsupported{};
                    const auto& c = built(fold(k));
                    if (c.k != kind::date) throw unsupported{}; // null, or an error when reached
                    b[i] = c.cval.as_date();
                }
                lo = b[0];
                hi = b[1];
            }
            out.counts = in_->counts(out.fact, lo, hi, true);
        } else {
            throw unsupported{};
        }
        if (!out.counts) throw unsupported{};
        charges_ = true;
        return add(std::move(out));
    }

    std::uint32_t build(std::uint32_t idx) {
        const auto& n = pn(idx);
        if (fact_free(idx)) return fold(idx);
        const kind B = kind::boolean, N = kind::number, D = kind::date, S = kind::string;
        if (n.code == op::count) return build_count(n);
        if (n.code == op::fact) {
            if (!n.path.empty() || n.slot < 0) throw unsupported{};
            node out;
            out.code = op::fact;
            out.fact = static_cast<std::size_t>(n.slot);
            switch (in_->dict()[out.fact].type) {
            case fact_type::boolean: out.k = B; break;
            case fact_type::number:
            case fact_type::integer: out.k = N; break;
            case fact_type::date: out.k = D; break;
            case fact_type::string: out.k = S; break;
            case fact_type::events: throw unsupported{};
            }
            const auto& col = in_->ev().column(out.fact);
            const std::size_t units = in_->ev().unit_count();
            if (!col.present.empty() && (out.k == S ? col.strings.size() : col.numbers.size()) != units)
                throw unsupported{};
            if (out.k == D && !in_->whole_days(out.fact)) throw unsupported{};
            nodes_.push_back(std::move(out));
            return static_cast<std::uint32_t>(nodes_.size() - 1);
        }
        if (n.dynamic_args) throw unsupported{};
        std::vector<std::uint32_t> kids;
        node out;
        out.code = n.code;
        out.aux = n.aux;
        auto build_kids = [&](std::size_t count) {
            for (std::size_t i = 0; i < count; ++i) kids.push_back(build(pkid(n, i)));
        };
        auto need = [&](std::size_t i, std::initializer_list<kind> allowed) {
            const kind t = kind_of(kids[i]);
            if (t == kind::null) return;
            for (kind a : allowed)
                if (a == t) return;
            throw unsupported{};
        };
        switch (n.code) {
        case op::exists: {
            if (n.count != 1 || !n.path.empty()) throw unsupported{};
            const auto& f = pn(pkid(n, 0));
            if (f.code != op::fact || !f.path.empty()) throw unsupported{};
            build_kids(1);
            out.k = B;
            break;
        }
        case op::and_:
        case op::or_:
            if (n.count == 0) throw unsupported{};
            build_kids(n.count);
            common(kids, {B});
            out.k = B;
            break;
        case op::not_:
        case op::truthy:
            if (n.count != 1) throw unsupported{};
            build_kids(1);
            need(0, {B, N});
            out.k = B;
            break;
        case op::if_: {
            std::vector<std::uint32_t> branches;
            std::size_t i = 0;
            for (; i + 1 < n.count; i += 2) {
                const std::uint32_t c = pkid(n, i);
                const auto& cn = pn(c);
                if (cn.code == op::missing) {
                    node t;
                    t.code = op::missing;
                    t.missing_test = true;
                    t.k = B;
                    std::vector<std::uint32_t> facts;
                    for (std::size_t j = 0; j < cn.count; ++j) {
                        const auto& f = pn(pkid(cn, j));
                        if (f.code != op::fact || !f.path.empty()) throw unsupported{};
                        facts.push_back(build(pkid(cn, j)));
                    }
                    t.kids = facts;
                    kids.push_back(add(std::move(t)));
                } else {
                    kids.push_back(build(c));
                    need(kids.size() - 1, {B, N});
                }
                kids.push_back(build(pkid(n, i + 1)));
                branches.push_back(kids.back());
            }
            if (i < n.count) {
                kids.push_back(build(pkid(n, i)));
                branches.push_back(kids.back());
            }
            out.k = common(branches, {B, N, D});
            break;
        }
        case op::coalesce:
            build_kids(n.count);
            out.k = common(kids, {B, N, D});
            break;
        case op::eq:
        case op::ne:
        case op::seq:
        case op::sne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge: {
            if (n.count != 2) throw unsupported{};
            build_kids(2);
            const kind a = kind_of(kids[0]), b = kind_of(kids[1]);
            if (a == kind::null || b == kind::null || a != b) throw unsupported{};
            if (a != B && a != N && a != D && a != S) throw unsupported{};
            out.k = B;
            break;
        }
        case op::add:
        case op::sub:
        case op::mul:
        case op::div:
        case op::mod:
            if (((n.code == op::sub || n.code == op::div) && n.count == 0) ||
                (n.code == op::mod && n.count < 2))
                throw unsupported{};
            build_kids(n.count);
            common(kids, {N});
            out.k = N;
            break;
        case op::max:
        case op::min:
            if (n.count == 0) throw unsupported{};
            build_kids(n.count);
            out.k = common(kids, {N, D});
            if (out.k == kind::null) throw unsupported{};
            break;
        case op::in: {
            if (n.count != 2) throw unsupported{};
            build_kids(2);
            const node& hay = built(kids[1]);
            if (!hay.constant) throw unsupported{};
            const kind t = kind_of(kids[0]);
            if (t != B && t != N && t != D && t != S) throw unsupported{};
            if (hay.k == kind::array) {
                for (const auto& e : hay.cval.as_array()) {
                    if (t == S && e.is_string()) out.set_str.push_back(e.as_string());
                    if (t == N && e.is_number()) out.set_num.push_back(e.as_number());
                    if (t == B && e.is_bool()) out.set_num.push_back(e.as_bool() ? 1.0 : 0.0);
                    if (t == D && e.is_date()) out.set_num.push_back(static_cast<double>(e.as_date()));
                }
                out.aux = 0;
            } else if (hay.k == kind::string && t == S) {
                out.aux = 1; // substring
            } else {
                throw unsupported{};
            }
            out.k = B;
            break;
        }
        case op::to_date:
            if (n.count != 1) throw unsupported{};
            build_kids(1);
            need(0, {D});
            out.k = D;
            break;
        case op::add_days:
        case op::add_working_days:
            if (n.count != 2) throw unsupported{};
            build_kids(2);
            need(0, {D});
            need(1, {N});
            out.k = D;
            if (n.code == op::add_working_days) charges_ = true;
            break;
        case op::add_months:
        case op::add_years:
            if (n.count != 2 && n.count != 3) throw unsupported{};
            build_kids(2);
            need(0, {D});
            need(1, {N});
            out.k = D;
            break;
        case op::days_between:
        case op::working_days_between:
            if (n.count != 2) throw unsupported{};
            build_kids(2);
            need(0, {D});
            need(1, {D});
            out.k = N;
            if (n.code == op::working_days_between) charges_ = true;
            break;
        case op::is_working_day:
        case op::in_period:
        case op::year_of:
        case op::month_of:
            if (n.count != 1) throw unsupported{};
            build_kids(1);
            need(0, {D});
            out.k = (n.code == op::year_of || n.code == op::month_of) ? N : B;
            break;
        case op::in_window:
            if (n.count != 3) throw unsupported{};
            build_kids(3);
            need(0, {D});
            need(1, {D});
            need(2, {N});
            out.k = B;
            if (static_cast<logic::detail::unit>(n.aux) == logic::detail::unit::working_days) charges_ = true;
            break;
        case op::ratio_at_least:
        case op::ratio_above:
            if (n.count != 4) throw unsupported{};
            build_kids(4);
            common(kids, {N});
            out.k = B;
            break;
        default: throw unsupported{};
        }
        out.kids = std::move(kids);
        return add(std::move(out));
    }

    // --- kernels ------------------------------------------------------------------

    /// The interpreter's integer(): false where it raises an error.
    static bool integer(double d, std::int64_t& out) noexcept {
        if (std::isnan(d) || !std::isfinite(d) || std::fabs(d) > 1e9) return false;
        out = static_cast<std::int64_t>(std::trunc(d));
        return true;
    }

    /// The interpreter's add_working: false where it raises an error.
    bool add_working(std::int32_t d, std::int64_t k, std::int32_t& out, std::uint64_t& work) const {
        if (k > 25000 || k < -25000) return false;
        const int dir = k >= 0 ? 1 : -1;
        std::int64_t left = k >= 0 ? k : -k, cur = d;
        std::uint64_t steps = 0;
        while (left > 0) {
            cur += dir;
            if (cur < logic::detail::min_day || cur > logic::detail::max_day) return false;
            if (++steps > 200000) return false;
            if (in_->working(static_cast<std::int32_t>(cur))) --left;
        }
        work += steps;
        out = static_cast<std::int32_t>(cur);
        return true;
    }

    /// The interpreter's shift (in_window's end): false where it raises an error.
    bool shift(std::int32_t d, std::int64_t k, logic::detail::unit u, std::int32_t& out,
               std::uint64_t& work) const {
        using U = logic::detail::unit;
        switch (u) {
        case U::days: {
            const std::int64_t r = static_cast<std::int64_t>(d) + k;
            if (r < logic::detail::min_day || r > logic::detail::max_day) return false;
            out = static_cast<std::int32_t>(r);
            return true;
        }
        case U::months:
        case U::years:
            return logic::detail::add_months(d, u == U::years ? k * 12 : k, logic::detail::eom::clamp, out);
        case U::working_days: return add_working(d, k, out, work);
        }
        return false;
    }

    void eval(node& n, std::size_t start, std::size_t m) {
        if (n.constant) return;
        std::uint8_t* fb = fb_.data();
        std::uint64_t* work = work_.data();
        double* v = n.v.data();
        std::uint8_t* ok = n.ok.data();
        auto K = [&](std::size_t i) -> const node& { return nodes_[n.kids[i]]; };
        switch (n.code) {
        case op::fact: {
            const auto& col = in_->ev().column(n.fact);
            if (col.present.empty()) {
                n.ook = in_->zeros();
                n.ov = in_->zero_numbers();
                static const std::string empty;
                n.os = &empty;
                n.os_step = 0;
                return;
            }
            n.ook = col.present.data() + start;
            if (n.k == kind::string) {
                n.os = col.strings.data() + start;
                n.os_step = 1;
            } else {
                n.ov = col.numbers.data() + start;
            }
            return;
        }
        case op::count: {
            const auto& col = in_->ev().column(n.fact);
            n.ov = n.counts->count.data() + start;
            n.ook = col.present.empty() ? in_->zeros() : col.present.data() + start;
            const std::uint64_t* w = n.counts->work.data() + start;
            for (std::size_t i = 0; i < m; ++i) work[i] += w[i];
            return;
        }
        case op::exists: {
            const std::uint8_t* a = K(0).ook;
            for (std::size_t i = 0; i < m; ++i) {
                v[i] = a[i] ? 1.0 : 0.0;
                ok[i] = 1;
            }
            return;
        }
        case op::missing: {
            for (std::size_t i = 0; i < m; ++i) {
                std::uint8_t all = 1;
                for (auto k : n.kids) all &= nodes_[k].ook[i];
                v[i] = all ? 0.0 : 1.0;
                ok[i] = 1;
            }
            return;
        }
        case op::and_:
        case op::or_: {
            // and: false if an operand is false, else unknown if one is, else
            // true (or: the same with true); every operand is boolean.
            std::uint8_t* hit = n.tmp.data();
            std::fill(hit, hit + m, std::uint8_t{0}); // an operand decided
            std::fill(ok, ok + m, std::uint8_t{0});   // an operand is missing
            const bool is_and = n.code == op::and_;
            for (std::size_t j = 0; j < n.kids.size(); ++j) {
                const double* a = K(j).ov;
                const std::uint8_t* aok = K(j).ook;
                if (is_and)
                    for (std::size_t i = 0; i < m; ++i) {
                        hit[i] |= static_cast<std::uint8_t>(aok[i] & (a[i] == 0.0));
                        ok[i] |= static_cast<std::uint8_t>(aok[i] ^ 1U);
                    }
                else
                    for (std::size_t i = 0; i < m; ++i) {
                        hit[i] |= static_cast<std::uint8_t>(aok[i] & (a[i] != 0.0));
                        ok[i] |= static_cast<std::uint8_t>(aok[i] ^ 1U);
                    }
            }
            for (std::size_t i = 0; i < m; ++i) {
                v[i] = (hit[i] != 0) != is_and ? 1.0 : 0.0;
                ok[i] = static_cast<std::uint8_t>(hit[i] | (ok[i] ^ 1U));
            }
            return;
        }
        case op::not_:
        case op::truthy: {
            const double* a = K(0).ov;
            const std::uint8_t* aok = K(0).ook;
            const bool want = n.code == op::truthy, number = K(0).k == kind::number;
            for (std::size_t i = 0; i < m; ++i) {
                const bool t = a[i] != 0.0 && !(number && std::isnan(a[i]));
                v[i] = t == want ? 1.0 : 0.0;
                ok[i] = aok[i];
            }
            return;
        }
        case op::if_: {
            const std::size_t c = n.kids.size();
            if (c == 3) { // if / then / else, without branches
                const node& cn = K(0);
                const node& tn = K(1);
                const node& en = K(2);
                const bool number = cn.k == kind::number;
                for (std::size_t i = 0; i < m; ++i) {
                    const double x = cn.ov[i];
                    const bool t = x != 0.0 && !(number && std::isnan(x));
                    v[i] = t ? tn.ov[i] : en.ov[i];
                    ok[i] = static_cast<std::uint8_t>(cn.ook[i] & (t ? tn.ook[i] : en.ook[i]));
                }
                return;
            }
            for (std::size_t i = 0; i < m; ++i) {
                std::size_t j = 0;
                bool done = false;
                for (; j + 1 < c; j += 2) {
                    const node& cn = K(j);
                    if (!cn.ook[i]) {
                        ok[i] = 0;
                        v[i] = 0.0;
                        done = true;
                        break;
                    }
                    const double x = cn.ov[i];
                    if (x != 0.0 && !(cn.k == kind::number && std::isnan(x))) {
                        v[i] = K(j + 1).ov[i];
                        ok[i] = K(j + 1).ook[i];
                        done = true;
                        break;
                    }
                }
                if (done) continue;
                if (j < c) {
                    v[i] = K(j).ov[i];
                    ok[i] = K(j).ook[i];
                } else {
                    v[i] = 0.0;
                    ok[i] = 0;
                }
            }
            return;
        }
        case op::coalesce: {
            for (std::size_t i = 0; i < m; ++i) {
                ok[i] = 0;
                v[i] = 0.0;
                for (std::size_t j = 0; j < n.kids.size(); ++j)
                    if (K(j).ook[i]) {
                        v[i] = K(j).ov[i];
                        ok[i] = 1;
                        break;
                    }
            }
            return;
        }
        case op::eq:
        case op::ne:
        case op::seq:
        case op::sne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge: compare(n, m); return;
        case op::add:
        case op::sub:
        case op::mul:
        case op::div:
        case op::mod: arith(n, m); return;
        case op::max:
        case op::min: {
            const bool mx = n.code == op::max, dates = n.k == kind::date;
            if (n.kids.size() == 2) { // min(1, x): the first operand, replaced if the second is beyond it
                const double* x = K(0).ov;
                const double* y = K(1).ov;
                const std::uint8_t* xo = K(0).ook;
                const std::uint8_t* yo = K(1).ook;
                for (std::size_t i = 0; i < m; ++i) {
                    const double a = x[i], b = y[i];
                    ok[i] = static_cast<std::uint8_t>(xo[i] & yo[i]);
                    v[i] = (mx ? b > a : b < a) ? b : a;
                }
                if (!dates) // NaN: an error, unless an earlier operand is missing
                    for (std::size_t i = 0; i < m; ++i)
                        fb[i] |= static_cast<std::uint8_t>(xo[i] &&
                                                           (std::isnan(x[i]) || (yo[i] && std::isnan(y[i]))));
                return;
            }
            for (std::size_t i = 0; i < m; ++i) {
                double best = 0.0;
                std::uint8_t good = 1;
                for (std::size_t j = 0; j < n.kids.size(); ++j) {
                    const node& a = K(j);
                    if (!a.ook[i]) {
                        good = 0;
                        break;
                    }
                    const double x = a.ov[i];
                    if (!dates && std::isnan(x)) {
                        fb[i] = 1;
                        good = 0;
                        break;
                    }
                    if (j == 0 || (mx ? x > best : x < best)) best = x;
                }
                v[i] = best;
                ok[i] = good;
            }
            return;
        }
        case op::in: {
            const node& a = K(0);
            if (a.k == kind::string) {
                const std::string* s = a.os;
                const std::string& hay = K(1).cval.is_string() ? K(1).cval.as_string() : empty_string();
                for (std::size_t i = 0; i < m; ++i, s += a.os_step) {
                    ok[i] = a.ook[i];
                    bool found = false;
                    if (ok[i]) {
                        if (n.aux == 1)
                            found = hay.find(*s) != std::string::npos;
                        else
                            for (const auto& e : n.set_str) found = found || e == *s;
                    }
                    v[i] = found ? 1.0 : 0.0;
                }
            } else {
                const bool boolean = a.k == kind::boolean;
                for (std::size_t i = 0; i < m; ++i) {
                    const double x = boolean ? (a.ov[i] != 0.0 ? 1.0 : 0.0) : a.ov[i];
                    bool found = false;
                    for (const double e : n.set_num) found = found || e == x;
                    v[i] = found ? 1.0 : 0.0;
                    ok[i] = a.ook[i];
                }
            }
            return;
        }
        default: typed(n, m); return;
        }
    }

    static const std::string& empty_string() {
        static const std::string s;
        return s;
    }

    /// The interpreter's order() and equalities for two operands of one kind.
    void compare(node& n, std::size_t m) {
        const node& a = nodes_[n.kids[0]];
        const node& b = nodes_[n.kids[1]];
        double* v = n.v.data();
        std::uint8_t* ok = n.ok.data();
        std::uint8_t* fb = fb_.data();
        const op c = n.code;
        if (a.k == kind::string) {
            const bool equality = c == op::eq || c == op::seq || c == op::ne || c == op::sne;
            const bool want = c == op::eq || c == op::seq;
            const std::string* x = a.os;
            const std::string* y = b.os;
            for (std::size_t i = 0; i < m; ++i, x += a.os_step, y += b.os_step) {
                ok[i] = a.ook[i] & b.ook[i];
                if (!ok[i]) {
                    v[i] = 0.0;
                    continue;
                }
                if (equality) { // lengths first: most unequal strings stop there
                    v[i] = (*x == *y) == want ? 1.0 : 0.0;
                    continue;
                }
                const int o = x->compare(*y);
                v[i] = cmp_result(c, o < 0 ? -1 : o > 0 ? 1 : 0) ? 1.0 : 0.0;
            }
            return;
        }
        const double* x = a.ov;
        const double* y = b.ov;
        const std::uint8_t* xo = a.ook;
        const std::uint8_t* yo = b.ook;
        for (std::size_t i = 0; i < m; ++i) ok[i] = xo[i] & yo[i];
        if (a.k == kind::boolean) {
            // booleans as 0/1: equality, and order() reads them as numbers
            switch (c) {
            case op::eq:
            case op::seq:
                kernel(x, y, v, m, [](double p, double q) { return (p != 0.0) == (q != 0.0); });
                break;
            case op::ne:
            case op::sne:
                kernel(x, y, v, m, [](double p, double q) { return (p != 0.0) != (q != 0.0); });
                break;
            case op::lt:
                kernel(x, y, v, m, [](double p, double q) { return (p != 0.0) < (q != 0.0); });
                break;
            case op::le:
                kernel(x, y, v, m, [](double p, double q) { return (p != 0.0) <= (q != 0.0); });
                break;
            case op::gt:
                kernel(x, y, v, m, [](double p, double q) { return (p != 0.0) > (q != 0.0); });
                break;
            default: kernel(x, y, v, m, [](double p, double q) { return (p != 0.0) >= (q != 0.0); }); break;
            }
            return;
        }
        switch (c) {
        case op::eq:
        case op::seq: kernel(x, y, v, m, [](double p, double q) { return p == q; }); break;
        case op::ne:
        case op::sne: kernel(x, y, v, m, [](double p, double q) { return !(p == q); }); break;
        case op::lt: kernel(x, y, v, m, [](double p, double q) { return p < q; }); break;
        case op::le: kernel(x, y, v, m, [](double p, double q) { return p <= q; }); break;
        case op::gt: kernel(x, y, v, m, [](double p, double q) { return p > q; }); break;
        default: kernel(x, y, v, m, [](double p, double q) { return p >= q; }); break;
        }
        // order() on a NaN operand is an error (equality is not: NaN == NaN is false)
        if (a.k == kind::number && c != op::eq && c != op::seq && c != op::ne && c != op::sne)
            for (std::size_t i = 0; i < m; ++i)
                fb[i] |= static_cast<std::uint8_t>(ok[i] & (std::isnan(x[i]) | std::isnan(y[i])));
    }

    template <class F>
    static void kernel(const double* x, const double* y, double* v, std::size_t m, F f) noexcept {
        for (std::size_t i = 0; i < m; ++i) v[i] = f(x[i], y[i]) ? 1.0 : 0.0;
    }

    static bool cmp_result(op c, int o) noexcept {
        switch (c) {
        case op::eq:
        case op::seq: return o == 0;
        case op::ne:
        case op::sne: return o != 0;
        case op::lt: return o < 0;
        case op::le: return o <= 0;
        case op::gt: return o > 0;
        default: return o >= 0;
        }
    }

    void arith(node& n, std::size_t m) {
        double* v = n.v.data();
        std::uint8_t* ok = n.ok.data();
        std::uint8_t* fb = fb_.data();
        const op c = n.code;
        const std::size_t k = n.kids.size();
        if (k == 2) {
            const node& a = nodes_[n.kids[0]];
            const node& b = nodes_[n.kids[1]];
            const double* x = a.ov;
            const double* y = b.ov;
            for (std::size_t i = 0; i < m; ++i) {
                double r = 0.0;
                switch (c) {
                case op::add: r = (0.0 + x[i]) + y[i]; break;
                case op::sub: r = x[i] - y[i]; break;
                case op::mul: r = (1.0 * x[i]) * y[i]; break;
                case op::div: r = x[i] / y[i]; break;
                default: r = std::fmod(x[i], y[i]); break;
                }
                const std::uint8_t both = a.ook[i] & b.ook[i];
                // null first: the interpreter stops at the first missing operand.
                const bool bad =
                    a.ook[i] && (std::isnan(x[i]) || (b.ook[i] && (std::isnan(y[i]) || !std::isfinite(r))));
                fb[i] |= bad ? 1 : 0;
                ok[i] = both;
                v[i] = r == 0.0 ? 0.0 : r;
            }
            return;
        }
        for (std::size_t i = 0; i < m; ++i) {
            double acc = c == op::mul ? 1.0 : 0.0;
            std::uint8_t good = 1;
            bool bad = false;
            for (std::size_t j = 0; j < k; ++j) {
                const node& a = nodes_[n.kids[j]];
                if (!a.ook[i]) {
                    good = 0;
                    break;
                }
                const double x = a.ov[i];
                if (std::isnan(x)) {
                    bad = true;
                    break;
                }
                switch (c) {
                case op::add: acc += x; break;
                case op::mul: acc *= x; break;
                case op::sub: acc = j == 0 ? (k == 1 ? -x : x) : acc - x; break;
                case op::div: acc = j == 0 ? (k == 1 ? 1 / x : x) : acc / x; break;
                default: acc = j == 0 ? x : std::fmod(acc, x); break;
                }
            }
            if (good && !bad && !std::isfinite(acc)) bad = true;
            fb[i] |= bad ? 1 : 0;
            ok[i] = good && !bad;
            v[i] = acc == 0.0 ? 0.0 : acc;
        }
    }

    /// The typed extensions: unknown when an operand is missing, an error
    /// (fall back) where the interpreter raises one.
    void typed(node& n, std::size_t m) {
        using logic::detail::max_day;
        using logic::detail::min_day;
        double* v = n.v.data();
        std::uint8_t* ok = n.ok.data();
        std::uint8_t* fb = fb_.data();
        std::uint64_t* work = work_.data();
        const std::size_t k = n.kids.size();
        const double* x[4] = {nullptr, nullptr, nullptr, nullptr};
        const std::uint8_t* xo[4] = {nullptr, nullptr, nullptr, nullptr};
        for (std::size_t j = 0; j < k && j < 4; ++j) {
            x[j] = nodes_[n.kids[j]].ov;
            xo[j] = nodes_[n.kids[j]].ook;
        }
        const std::int32_t ps = in_->ctx().period_start.days(), pe = in_->ctx().period_end.days();
        for (std::size_t i = 0; i < m; ++i) {
            std::uint8_t all = 1;
            for (std::size_t j = 0; j < k; ++j) all &= xo[j][i];
            ok[i] = all;
            v[i] = 0.0;
            if (!all) continue;
            auto day = [&](std::size_t j) { return static_cast<std::int32_t>(x[j][i]); };
            auto error = [&] {
                fb[i] = 1;
                ok[i] = 0;
            };
            switch (n.code) {
            case op::to_date: v[i] = x[0][i]; break;
            case op::add_days: {
                std::int64_t d;
                if (!integer(x[1][i], d)) {
                    error();
                    break;
                }
                const std::int64_t r = static_cast<std::int64_t>(day(0)) + d;
                if (r < min_day || r > max_day) {
                    error();
                    break;
                }
                v[i] = static_cast<double>(r);
                break;
            }
            case op::add_months:
            case op::add_years: {
                std::int64_t d;
                std::int32_t out = 0;
                if (!integer(x[1][i], d) ||
                    !logic::detail::add_months(day(0), n.code == op::add_years ? d * 12 : d,
                                               static_cast<logic::detail::eom>(n.aux), out)) {
                    error();
                    break;
                }
                v[i] = out;
                break;
            }
            case op::add_working_days: {
                std::int64_t d;
                std::int32_t out = 0;
                if (!integer(x[1][i], d) || !add_working(day(0), d, out, work[i])) {
                    error();
                    break;
                }
                v[i] = out;
                break;
            }
            case op::days_between:
                v[i] = static_cast<double>(static_cast<std::int64_t>(day(1)) - day(0));
                break;
            case op::working_days_between: {
                const std::int32_t a = day(0), b = day(1), lo = std::min(a, b), hi = std::max(a, b);
                if (static_cast<std::int64_t>(hi) - lo > 36600) {
                    error();
                    break;
                }
                work[i] += static_cast<std::uint64_t>(hi - lo);
                std::int64_t c = 0;
                for (std::int32_t d = lo + 1; d <= hi; ++d) c += in_->working(d) ? 1 : 0;
                v[i] = static_cast<double>(b >= a ? c : -c);
                break;
            }
            case op::is_working_day: v[i] = in_->working(day(0)) ? 1.0 : 0.0; break;
            case op::year_of: v[i] = static_cast<double>(civil_from_days(day(0)).year); break;
            case op::month_of: v[i] = static_cast<double>(civil_from_days(day(0)).month); break;
            case op::in_period: v[i] = day(0) >= ps && day(0) <= pe ? 1.0 : 0.0; break;
            case op::in_window: {
                const std::int32_t d = day(0), anchor = day(1);
                std::int64_t by;
                std::int32_t end = 0;
                if (!integer(x[2][i], by) ||
                    !shift(anchor, by, static_cast<logic::detail::unit>(n.aux), end, work[i])) {
                    error();
                    break;
                }
                v[i] = d >= std::min(anchor, end) && d <= std::max(anchor, end) ? 1.0 : 0.0;
                break;
            }
            case op::ratio_at_least:
            case op::ratio_above: {
                const double num = x[0][i], den = x[1][i], p = x[2][i], q = x[3][i];
                if (std::isnan(num) || std::isnan(den) || std::isnan(p) || std::isnan(q)) {
                    error();
                    break;
                }
                if (!(den > 0) || !(q > 0) || num < 0 || p < 0) {
                    ok[i] = 0;
                    break;
                }
                const int c = logic::detail::compare_ratio(num, den, p, q);
                v[i] = (n.code == op::ratio_at_least ? c >= 0 : c > 0) ? 1.0 : 0.0;
                break;
            }
            default: error(); break;
            }
        }
    }

    const logic::detail::program_data* pd_ = nullptr;
    inputs* in_ = nullptr;
    std::vector<node> nodes_;
    std::uint32_t root_ = 0;
    std::vector<std::uint8_t> fb_;
    std::vector<std::uint64_t> work_;
    std::uint64_t const_work_ = 0;
    bool charges_ = false;
};

} // namespace danchu::detail::columnar
