// danchu._core.logic: the condition language. Python objects are converted
// directly to danchu::logic::value (datetime.date <-> date values); errors
// arrive as danchu.RuleError with the JSON Logic thrown value attached.

#include "register.hpp"

#include <danchu/logic/logic.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstring>
#include <list>
#include <string>
#include <unordered_map>

namespace py = pybind11;
namespace lg = danchu::logic;

namespace {

py::object date_type() {
    if (!PyDateTimeAPI) {
        PyDateTime_IMPORT;
    }
    return py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(PyDateTimeAPI->DateType));
}

/// A Python str as a std::string (UTF-8).
std::string utf8(PyObject* s) {
    Py_ssize_t n = 0;
    const char* c = PyUnicode_AsUTF8AndSize(s, &n);
    if (!c) throw py::error_already_set();
    return std::string(c, static_cast<std::size_t>(n));
}

lg::value to_value_slow(const py::handle& o, std::size_t depth, const py::object& date_cls);

/// Python -> value. The common kinds (None, bool, int, float, str, date) are
/// read with the C API directly; everything else goes through to_value_slow.
inline lg::value to_value(const py::handle& o, std::size_t depth, const py::object& date_cls) {
    PyObject* p = o.ptr();
    if (p == Py_None) return lg::value();
    if (PyBool_Check(p)) return lg::value(p == Py_True);
    if (PyFloat_CheckExact(p)) return lg::value(PyFloat_AS_DOUBLE(p));
    if (PyLong_CheckExact(p)) {
        const double d = PyLong_AsDouble(p);
        if (d == -1.0 && PyErr_Occurred()) throw py::error_already_set();
        return lg::value(d);
    }
    if (PyUnicode_CheckExact(p)) return lg::value(utf8(p));
    if (PyDate_Check(p))
        return lg::value::date(
            danchu::days_from_civil(PyDateTime_GET_YEAR(p), PyDateTime_GET_MONTH(p), PyDateTime_GET_DAY(p)));
    return to_value_slow(o, depth, date_cls);
}

lg::value to_value_slow(const py::handle& o, std::size_t depth, const py::object& date_cls) {
    if (depth > 512) throw danchu::parse_error("<python>", "", "data nested deeper than 512 levels");
    if (o.is_none()) return lg::value();
    if (py::isinstance<py::bool_>(o)) return lg::value(o.cast<bool>());
    if (py::isinstance<py::int_>(o) || py::isinstance<py::float_>(o)) return lg::value(o.cast<double>());
    if (py::isinstance<py::str>(o)) return lg::value(o.cast<std::string>());
    if (py::isinstance(o, date_cls)) {
        const int y = o.attr("year").cast<int>();
        const int m = o.attr("month").cast<int>(), d = o.attr("day").cast<int>();
        return lg::value::date(danchu::days_from_civil(y, m, d));
    }
    if (py::isinstance<py::dict>(o)) {
        lg::object obj;
        for (auto kv : o.cast<py::dict>()) {
            if (!py::isinstance<py::str>(kv.first))
                throw danchu::argument_error("logic data: object keys must be str, got " +
                                             py::str(py::type::of(kv.first)).cast<std::string>());
            obj.emplace_back(kv.first.cast<std::string>(), to_value(kv.second, depth + 1, date_cls));
        }
        return lg::value(std::move(obj));
    }
    if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
        lg::array arr;
        for (auto e : o) arr.push_back(to_value(e, depth + 1, date_cls));
        return lg::value(std::move(arr));
    }
    // NumPy scalars: a bool_ is a boolean (it has __float__, so it became 1), a
    // datetime64 a date (it raised a raw pybind11 cast error); other numbers.
    const py::module_ np = py::module_::import("numpy");
    if (py::isinstance(o, np.attr("bool_"))) return lg::value(PyObject_IsTrue(o.ptr()) == 1);
    if (py::isinstance(o, np.attr("datetime64"))) {
        if (np.attr("isnat")(o).cast<bool>()) throw danchu::argument_error("logic data: NaT is not a date");
        const py::object day = o.attr("astype")("datetime64[D]").attr("item")();
        if (!py::isinstance(day, date_cls))
            throw danchu::argument_error("logic data: " + py::str(o).cast<std::string>() +
                                         " is outside the dates datetime.date can hold");
        return to_value(day, depth + 1, date_cls);
    }
    if (py::hasattr(o, "__float__") && !py::isinstance<py::str>(o)) return lg::value(o.cast<double>());
    throw danchu::argument_error("logic data: cannot convert a " +
                                 py::str(py::type::of(o)).cast<std::string>() +
                                 " (expected dict, list, str, number, bool, None or datetime.date)");
}

py::object from_value(const lg::value& v, const py::object& date_cls) {
    using K = lg::value::kind;
    switch (v.get_kind()) {
    case K::null: return py::none();
    case K::boolean: return py::bool_(v.as_bool());
    case K::number: {
        const double x = v.as_number();
        if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 9007199254740992.0)
            return py::int_(static_cast<long long>(x));
        return py::float_(x);
    }
    case K::string: return py::str(v.as_string());
    case K::date: {
        const auto c = danchu::civil_from_days(v.as_date());
        (void)date_cls;
        PyObject* d = PyDate_FromDate(c.year, static_cast<int>(c.month), static_cast<int>(c.day));
        if (!d) throw py::error_already_set();
        return py::reinterpret_steal<py::object>(d);
    }
    case K::array: {
        py::list l;
        for (const auto& e : v.as_array()) l.append(from_value(e, date_cls));
        return std::move(l);
    }
    case K::object: {
        py::dict d;
        for (const auto& kv : v.as_object()) d[py::str(kv.first)] = from_value(kv.second, date_cls);
        return std::move(d);
    }
    }
    return py::none();
}

nlohmann::json to_json(const py::handle& o) { return lg::value_to_json(to_value(o, 0, date_type())); }

danchu::civil_day to_day(const py::handle& o, const char* what) {
    if (o.is_none()) return {};
    if (py::isinstance<py::str>(o)) {
        const auto d = danchu::civil_day::try_parse(o.cast<std::string>());
        if (!d)
            throw danchu::argument_error(std::string(what) + ": \"" + o.cast<std::string>() +
                                         "\" is not a date (expected YYYY-MM-DD)");
        return *d;
    }
    const auto v = to_value(o, 0, date_type());
    if (!v.is_date())
        throw danchu::argument_error(std::string(what) + ": expected datetime.date or ISO string");
    return danchu::civil_day::from_days(v.as_date());
}

lg::type type_from_string(const std::string& s) { return danchu::from_string<lg::type>(s, "fact type"); }

/// A program compiled in typed mode over named fact columns.
struct py_program {
    lg::program prog;
    std::vector<std::string> names; // slot -> fact name
    std::vector<lg::type> types;
    py::dict index;         // fact name (str) -> slot (int)
    std::vector<char> read; // slot -> read by the program
    // The evaluation context of the last call, kept while the same period
    // objects (str, datetime.date or None: immutable) are passed again.
    mutable py::object last_ps, last_pe, last_as;
    mutable lg::eval_context last_ctx;
    mutable bool have_ctx = false;

    void finish() {
        read.assign(names.size(), 0);
        for (std::size_t s : prog.slots_read()) read[s] = 1;
        for (std::size_t i = 0; i < names.size(); ++i) index[py::str(names[i])] = py::int_(i);
    }

    static bool immutable_day(const py::object& o) {
        return o.is_none() || PyUnicode_CheckExact(o.ptr()) || PyDate_CheckExact(o.ptr());
    }

    const lg::eval_context& cached_context(const py::object& ps, const py::object& pe,
                                           const py::object& as_of) const {
        if (have_ctx && ps.is(last_ps) && pe.is(last_pe) && as_of.is(last_as)) return last_ctx;
        lg::eval_context ctx = context(ps, pe, as_of);
        if (immutable_day(ps) && immutable_day(pe) && immutable_day(as_of)) {
            last_ctx = std::move(ctx);
            last_ps = ps, last_pe = pe, last_as = as_of;
            have_ctx = true;
            return last_ctx;
        }
        have_ctx = false;
        last_ctx = std::move(ctx);
        return last_ctx;
    }

    /// One unit's dict into `slots`: every key must be a fact of the program's
    /// dictionary; only the facts the program reads are converted.
    void read_unit(PyObject* facts, std::vector<lg::value>& slots, const py::object& date_cls,
                   const char* what) const {
        PyObject *k = nullptr, *v = nullptr;
        Py_ssize_t pos = 0;
        while (PyDict_Next(facts, &pos, &k, &v)) {
            PyObject* s = PyDict_GetItemWithError(index.ptr(), k);
            if (!s) {
                if (PyErr_Occurred()) throw py::error_already_set();
                throw danchu::argument_error(std::string(what) + ": unknown fact \"" +
                                             py::str(k).cast<std::string>() + "\"");
            }
            const std::size_t slot = PyLong_AsSize_t(s);
            if (read[slot]) slots[slot] = to_value(py::handle(v), 0, date_cls);
        }
    }

    /// One unit (a dict of facts) -> its result; a list of dicts or a
    /// DataFrame -> the batch path (a NumPy array, as evaluate_batch).
    py::object evaluate(const py::object& facts, const py::object& period_start, const py::object& period_end,
                        const py::object& as_of) const {
        const py::object date_cls = date_type();
        if (PyDict_Check(facts.ptr())) {
            std::vector<lg::value> slots(names.size());
            read_unit(facts.ptr(), slots, date_cls, "evaluate");
            return from_value(prog.evaluate(slots.data(), cached_context(period_start, period_end, as_of)),
                              date_cls);
        }
        if (PyList_Check(facts.ptr()) || PyTuple_Check(facts.ptr()))
            return evaluate_dicts(facts, period_start, period_end, as_of);
        if (py::hasattr(facts, "columns") && py::hasattr(facts, "__getitem__")) {
            py::dict cols;
            for (const auto& c : facts.attr("columns")) cols[c] = facts[c];
            return evaluate_batch(cols, period_start, period_end, as_of);
        }
        if (py::isinstance(facts, py::module_::import("collections.abc").attr("Mapping")))
            return evaluate(py::dict(facts), period_start, period_end, as_of);
        throw danchu::argument_error("evaluate: expected a dict of facts, a list of such dicts or a "
                                     "DataFrame, got " +
                                     py::str(py::type::of(facts)).cast<std::string>());
    }

    /// The batch path over a list of dicts, one per unit.
    py::object evaluate_dicts(const py::object& units, const py::object& period_start,
                              const py::object& period_end, const py::object& as_of) const {
        const py::object date_cls = date_type();
        // A tuple of the units: converting a value may run Python code, which
        // must not be able to change the sequence under the loop.
        const py::tuple seq = py::reinterpret_steal<py::tuple>(PySequence_Tuple(units.ptr()));
        if (!seq) throw py::error_already_set();
        const std::size_t n = static_cast<std::size_t>(PyTuple_GET_SIZE(seq.ptr()));
        const lg::eval_context ctx = context(period_start, period_end, as_of);
        std::vector<lg::value> slots(names.size());
        const std::vector<std::size_t> used = prog.slots_read();
        result_column out(prog.result_type(), n);
        PyObject** items = &PyTuple_GET_ITEM(seq.ptr(), 0);
        for (std::size_t i = 0; i < n; ++i) {
            PyObject* u = items[i];
            if (!PyDict_Check(u))
                throw danchu::argument_error("evaluate: item " + std::to_string(i) + " of the list is a " +
                                             py::str(py::type::of(py::handle(u))).cast<std::string>() +
                                             ", expected a dict of facts");
            for (std::size_t s : used) slots[s] = lg::value();
            read_unit(u, slots, date_cls, "evaluate");
            out.set(i, prog.evaluate(slots.data(), ctx), date_cls);
        }
        return out.finish();
    }

    /// Results of a batch: float64 for numbers (NaN = unknown), int8 for
    /// booleans (1, 0, -1 = unknown), else an object array.
    struct result_column {
        lg::type rt;
        py::array_t<double> num;
        py::array_t<std::int8_t> boolean;
        py::list obj;
        double* num_out = nullptr;
        std::int8_t* bool_out = nullptr;
        result_column(lg::type t, std::size_t n) : rt(t) {
            if (rt == lg::type::number) {
                num = py::array_t<double>(static_cast<py::ssize_t>(n));
                num_out = num.mutable_data();
            } else if (rt == lg::type::boolean) {
                boolean = py::array_t<std::int8_t>(static_cast<py::ssize_t>(n));
                bool_out = boolean.mutable_data();
            }
        }
        void set(std::size_t i, const lg::value& r, const py::object& date_cls) {
            if (rt == lg::type::number)
                num_out[i] = r.is_number() ? r.as_number() : std::numeric_limits<double>::quiet_NaN();
            else if (rt == lg::type::boolean)
                bool_out[i] =
                    r.is_null() ? std::int8_t{-1} : static_cast<std::int8_t>(lg::detail::truthy(r) ? 1 : 0);
            else
                obj.append(from_value(r, date_cls));
        }
        py::object finish() {
            if (rt == lg::type::number) return std::move(num);
            if (rt == lg::type::boolean) return std::move(boolean);
            return py::module_::import("numpy").attr("array")(obj, py::arg("dtype") = "object");
        }
    };

    static lg::eval_context context(const py::object& ps, const py::object& pe, const py::object& as_of) {
        lg::eval_context ctx;
        ctx.period_start = to_day(ps, "period_start");
        ctx.period_end = to_day(pe, "period_end");
        ctx.as_of = as_of.is_none() ? ctx.period_end : to_day(as_of, "as_of");
        return ctx;
    }

    /// Columnar evaluation: one NumPy array (or sequence) per fact, same length.
    /// Numbers: float64 (NaN = missing); booleans: bool or float; dates:
    /// datetime64[D] (NaT = missing) or int days; others: object arrays.
    /// Returns float64 for number results, int8 (1, 0, -1 = unknown) for
    /// boolean results, else an object array.
    py::object evaluate_batch(const py::dict& columns, const py::object& period_start,
                              const py::object& period_end, const py::object& as_of) const {
        const py::object date_cls = date_type();
        const py::module_ np = py::module_::import("numpy");
        const std::size_t k = names.size();
        std::vector<int> mode(k, -1); // 0 float, 1 bool, 2 day int64, 3 object
        std::vector<py::array> arrays(k);
        const std::vector<std::size_t> used = prog.slots_read();
        std::size_t n = 0;
        bool have_n = false;
        for (auto kv : columns) {
            const std::string key = kv.first.cast<std::string>();
            if (std::find(names.begin(), names.end(), key) == names.end())
                throw danchu::argument_error("evaluate_batch: unknown fact column \"" + key + "\"");
            if (used.empty()) {
                n = static_cast<std::size_t>(py::len(kv.second));
                have_n = true;
            }
        }
        for (std::size_t s : used) {
            if (!columns.contains(names[s]))
                throw danchu::argument_error("evaluate_batch: missing column \"" + names[s] + "\"");
            py::array a = np.attr("asarray")(columns[py::str(names[s])]);
            const char kind = a.dtype().kind();
            if (kind == 'M') {
                a = a.attr("astype")("datetime64[D]").attr("view")("int64");
                mode[s] = 2;
            } else if (kind == 'b') {
                a = a.attr("astype")("bool");
                mode[s] = 1;
            } else if (kind == 'f' || kind == 'i' || kind == 'u') {
                a = a.attr("astype")("float64");
                mode[s] = types[s] == lg::type::date ? 4 : (types[s] == lg::type::boolean ? 5 : 0);
            } else {
                a = a.attr("astype")("object");
                mode[s] = 3;
            }
            if (a.ndim() != 1)
                throw danchu::argument_error("evaluate_batch: column \"" + names[s] + "\" is not 1-D");
            if (!have_n) n = static_cast<std::size_t>(a.shape(0)), have_n = true;
            if (static_cast<std::size_t>(a.shape(0)) != n)
                throw danchu::argument_error("evaluate_batch: column \"" + names[s] + "\" has " +
                                             std::to_string(a.shape(0)) + " rows, expected " +
                                             std::to_string(n));
            arrays[s] = a;
        }
        const lg::eval_context ctx = context(period_start, period_end, as_of);
        std::vector<lg::value> slots(k);
        result_column out(prog.result_type(), n);
        std::vector<const void*> data(k);
        for (std::size_t s : used) data[s] = arrays[s].data();
        const std::int64_t nat = std::numeric_limits<std::int64_t>::min();
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t s : used) {
                switch (mode[s]) {
                case 0:
                case 5: {
                    const double x = static_cast<const double*>(data[s])[i];
                    slots[s] = std::isnan(x) ? lg::value() : mode[s] == 5 ? lg::value(x != 0) : lg::value(x);
                    break;
                }
                case 4: {
                    const double x = static_cast<const double*>(data[s])[i];
                    slots[s] = std::isnan(x) ? lg::value() : lg::value::date(static_cast<std::int32_t>(x));
                    break;
                }
                case 1: slots[s] = lg::value(static_cast<const bool*>(data[s])[i]); break;
                case 2: {
                    const std::int64_t x = static_cast<const std::int64_t*>(data[s])[i];
                    slots[s] = x == nat ? lg::value() : lg::value::date(static_cast<std::int32_t>(x));
                    break;
                }
                default: {
                    const PyObject* const* objs = static_cast<const PyObject* const*>(data[s]);
                    slots[s] = to_value(py::handle(const_cast<PyObject*>(objs[i])), 0, date_cls);
                }
                }
            }
            out.set(i, prog.evaluate(slots.data(), ctx), date_cls);
        }
        return out.finish();
    }
};

/// Canonical key of a JSON-like rule: a type tag per value, numbers as their
/// double's bytes (1 and 1.0 are the same number, as in the compiled rule),
/// strings length-prefixed, object members sorted by key. False for anything
/// else (the rule is then compiled without the cache).
bool rule_key(PyObject* o, std::string& k, int depth) {
    if (depth > 256) return false;
    auto put = [&k](const void* p, std::size_t n) { k.append(static_cast<const char*>(p), n); };
    if (o == Py_None) {
        k += 'n';
    } else if (o == Py_True) {
        k += 't';
    } else if (o == Py_False) {
        k += 'f';
    } else if (PyFloat_CheckExact(o) || PyLong_CheckExact(o)) {
        const double d = PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : PyLong_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            return false;
        }
        k += 'd';
        put(&d, sizeof d);
    } else if (PyUnicode_CheckExact(o)) {
        Py_ssize_t n = 0;
        const char* c = PyUnicode_AsUTF8AndSize(o, &n);
        if (!c) {
            PyErr_Clear();
            return false;
        }
        const std::uint64_t len = static_cast<std::uint64_t>(n);
        k += 's';
        put(&len, sizeof len);
        put(c, static_cast<std::size_t>(n));
    } else if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
        const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
        PyObject** items = PySequence_Fast_ITEMS(o);
        const std::uint64_t len = static_cast<std::uint64_t>(n);
        k += 'a';
        put(&len, sizeof len);
        for (Py_ssize_t i = 0; i < n; ++i)
            if (!rule_key(items[i], k, depth + 1)) return false;
    } else if (PyDict_CheckExact(o)) {
        const std::uint64_t len = static_cast<std::uint64_t>(PyDict_GET_SIZE(o));
        k += 'o';
        put(&len, sizeof len);
        PyObject *key = nullptr, *val = nullptr;
        Py_ssize_t pos = 0;
        if (len == 1) {
            PyDict_Next(o, &pos, &key, &val);
            return PyUnicode_CheckExact(key) && rule_key(key, k, depth + 1) && rule_key(val, k, depth + 1);
        }
        std::vector<std::pair<std::string_view, PyObject*>> members;
        while (PyDict_Next(o, &pos, &key, &val)) {
            if (!PyUnicode_CheckExact(key)) return false;
            Py_ssize_t n = 0;
            const char* c = PyUnicode_AsUTF8AndSize(key, &n);
            if (!c) {
                PyErr_Clear();
                return false;
            }
            members.emplace_back(std::string_view(c, static_cast<std::size_t>(n)), key);
        }
        std::sort(members.begin(), members.end());
        for (const auto& m : members) {
            const std::uint64_t kl = m.first.size();
            k += 's';
            put(&kl, sizeof kl);
            put(m.first.data(), m.first.size());
            if (!rule_key(PyDict_GetItem(o, m.second), k, depth + 1)) return false;
        }
    } else {
        return false;
    }
    return true;
}

/// A rule compiled for `apply`, with the data members it can read.
struct applied_rule {
    lg::program prog;
    bool whole = true;               // reads (or may read) any member of the data
    std::vector<py::object> members; // else: these keys (str)
};

std::shared_ptr<const applied_rule> compile_applied(const py::object& rule) {
    lg::compile_options opts;
    opts.max_depth = 256;
    auto r = std::make_shared<applied_rule>();
    r->prog = lg::compile(to_json(rule), opts);
    std::vector<std::string> m;
    r->whole = !r->prog.data_members_read(m);
    for (const auto& name : m) r->members.push_back(py::str(name));
    return r;
}

/// The rules `apply` compiled last, least recently used first out; used
/// with the GIL held. Entries hold Python strings, so the cache is never
/// destroyed (it lives until the process ends).
class rule_cache {
public:
    static constexpr std::size_t capacity = 512;

    std::shared_ptr<const applied_rule> get(const py::object& rule) {
        key_.clear();
        if (!rule_key(rule.ptr(), key_, 0)) return compile_applied(rule);
        const auto it = map_.find(key_);
        if (it != map_.end()) {
            order_.splice(order_.begin(), order_, it->second);
            return it->second->second;
        }
        auto compiled = compile_applied(rule); // may throw: nothing cached
        order_.emplace_front(key_, compiled);
        map_.emplace(key_, order_.begin());
        if (order_.size() > capacity) {
            map_.erase(order_.back().first);
            order_.pop_back();
        }
        return compiled;
    }

private:
    using entry = std::pair<std::string, std::shared_ptr<const applied_rule>>;
    std::list<entry> order_;
    std::unordered_map<std::string, std::list<entry>::iterator> map_;
    std::string key_;
};

rule_cache& applied_rules() {
    static rule_cache* c = new rule_cache(); // never destroyed (holds Python objects)
    return *c;
}

py::object apply_rule(const py::object& rule, const py::object& data) {
    const py::object date_cls = date_type();
    const std::shared_ptr<const applied_rule> r = applied_rules().get(rule);
    lg::value d;
    if (!r->whole && PyDict_Check(data.ptr())) {
        // Only the members the rule can read: the others cannot change the result.
        lg::object obj;
        obj.reserve(r->members.size());
        for (const auto& m : r->members) {
            PyObject* v = PyDict_GetItemWithError(data.ptr(), m.ptr());
            if (!v) {
                if (PyErr_Occurred()) throw py::error_already_set();
                continue;
            }
            obj.emplace_back(utf8(m.ptr()), to_value(py::handle(v), 1, date_cls));
        }
        d = lg::value(std::move(obj));
    } else {
        d = to_value(data, 0, date_cls);
    }
    return from_value(r->prog.apply(d), date_cls);
}

#if PYBIND11_VERSION_HEX >= 0x020D0000
#define DANCHU_FAST_CALLS 1
/// Python's argument rules for a vectorcall: positional arguments, then
/// keywords by name; `out` gets borrowed references (nullptr = not given).
bool parse_args(const char* fname, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                const char* const* names, Py_ssize_t count, Py_ssize_t required, PyObject** out) {
    if (nargs > count) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %zd arguments (%zd given)", fname, count, nargs);
        return false;
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) out[i] = args[i];
    const Py_ssize_t nk = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t j = 0; j < nk; ++j) {
        PyObject* key = PyTuple_GET_ITEM(kwnames, j);
        Py_ssize_t k = 0;
        while (k < count && PyUnicode_CompareWithASCIIString(key, names[k]) != 0) ++k;
        if (k == count) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", fname, key);
            return false;
        }
        if (out[k]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fname, names[k]);
            return false;
        }
        out[k] = args[nargs + j];
    }
    for (Py_ssize_t i = 0; i < required; ++i)
        if (!out[i]) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s'", fname, names[i]);
            return false;
        }
    return true;
}

py::object arg_or_none(PyObject* o) { return py::reinterpret_borrow<py::object>(o ? o : Py_None); }

/// Program.evaluate without pybind11's argument dispatch (it costs more than
/// evaluating a small rule): the same arguments, results and errors.
PyObject* fast_evaluate(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    static const char* const names[] = {"facts", "period_start", "period_end", "as_of"};
    PyObject* a[4] = {nullptr, nullptr, nullptr, nullptr};
    if (!parse_args("evaluate", args, nargs, kwnames, names, 4, 1, a)) return nullptr;
    try {
        const py_program& p = py::cast<const py_program&>(py::handle(self));
        return p.evaluate(arg_or_none(a[0]), arg_or_none(a[1]), arg_or_none(a[2]), arg_or_none(a[3]))
            .release()
            .ptr();
    } catch (py::error_already_set& e) {
        e.restore();
        return nullptr;
    } catch (...) {
        py::detail::try_translate_exceptions();
        return nullptr;
    }
}

/// logic.apply the same way.
PyObject* fast_apply(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    static const char* const names[] = {"rule", "data"};
    PyObject* a[2] = {nullptr, nullptr};
    if (!parse_args("apply", args, nargs, kwnames, names, 2, 1, a)) return nullptr;
    try {
        return apply_rule(arg_or_none(a[0]), arg_or_none(a[1])).release().ptr();
    } catch (py::error_already_set& e) {
        e.restore();
        return nullptr;
    } catch (...) {
        py::detail::try_translate_exceptions();
        return nullptr;
    }
}
#endif

} // namespace

void register_logic(py::module_& sub) {
    sub.def("apply", &apply_rule, py::arg("rule"), py::arg("data") = py::none(),
            "Evaluates a JSON Logic rule against data (dict/list/str/number/bool/None/datetime.date). "
            "Compiled rules are cached (least recently used out, 512 rules), keyed by the rule's "
            "canonical form; from a dict, only the members the rule can read are converted.");
    // thrown_error -> danchu.RuleError with the thrown value as `.thrown`
    // (register_errors() runs before every area, so this translator, added
    // later, takes precedence for this type).
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const lg::thrown_error& e) {
            py::gil_scoped_acquire gil;
            const py::handle cls = rule_error_type();
            py::object exc = cls(py::str(e.what()));
            exc.attr("thrown") = from_value(lg::value_from_json(e.thrown()), date_type());
            PyErr_SetObject(cls.ptr(), exc.ptr());
        }
    });

    py::class_<py_program>(sub, "Program", "A rule compiled and type-checked against named facts.")
        .def_property_readonly("result_type",
                               [](const py_program& p) { return lg::to_string(p.prog.result_type()); })
        .def_property_readonly("facts", [](const py_program& p) { return p.names; })
        .def("evaluate", &py_program::evaluate, py::arg("facts"), py::arg("period_start") = py::none(),
             py::arg("period_end") = py::none(), py::arg("as_of") = py::none())
        .def("evaluate_batch", &py_program::evaluate_batch, py::arg("columns"),
             py::arg("period_start") = py::none(), py::arg("period_end") = py::none(),
             py::arg("as_of") = py::none())
        .def("__repr__", [](const py_program& p) {
            std::string s =
                "Program(result_type=" + std::string(lg::to_string(p.prog.result_type())) + ", facts=[";
            for (std::size_t i = 0; i < p.names.size(); ++i) s += (i ? ", " : "") + p.names[i];
            return s + "])";
        });

#ifdef DANCHU_FAST_CALLS
    // The per-call entry points as vectorcall functions (same signatures as
    // the pybind11 ones they replace, which stay for older pybind11).
    {
        static PyMethodDef evaluate_def = {
            "evaluate", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_evaluate)),
            METH_FASTCALL | METH_KEYWORDS,
            "evaluate(self, facts: dict[str, Any] | list[dict[str, Any]] | Any, period_start: Any = None, "
            "period_end: Any = None, as_of: Any = None) -> Any\n\n"
            "One unit (a dict of facts; only the facts the program reads are converted) -> its "
            "result; a list of such dicts or a DataFrame -> the batch path (as evaluate_batch)."};
        const py::object cls = sub.attr("Program");
        PyObject* descr = PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls.ptr()), &evaluate_def);
        if (!descr) throw py::error_already_set();
        cls.attr("evaluate") = py::reinterpret_steal<py::object>(descr);
        static PyMethodDef apply_def = {
            "apply", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_apply)),
            METH_FASTCALL | METH_KEYWORDS,
            "apply(rule: Any, data: Any = None) -> Any\n\n"
            "Evaluates a JSON Logic rule against data (dict/list/str/number/bool/None/datetime.date). "
            "Compiled rules are cached (least recently used out, 512 rules), keyed by the rule's "
            "canonical form; from a dict, only the members the rule can read are converted."};
        PyObject* f = PyCFunction_NewEx(&apply_def, nullptr, sub.attr("__name__").ptr());
        if (!f) throw py::error_already_set();
        sub.attr("apply") = py::reinterpret_steal<py::object>(f);
    }
#endif

    sub.def(
        "compile",
        [](const py::object& rule, const std::map<std::string, std::string>& facts, const std::string& file,
           const std::string& pointer) {
            auto st = std::make_shared<std::vector<std::pair<std::string, lg::type>>>();
            for (const auto& kv : facts) st->emplace_back(kv.first, type_from_string(kv.second));
            lg::compile_options opts;
            opts.file = file;
            opts.pointer = pointer;
            opts.resolve = [st](std::string_view name) -> std::optional<lg::var_binding> {
                for (std::size_t i = 0; i < st->size(); ++i)
                    if ((*st)[i].first == name) return lg::var_binding{i, (*st)[i].second};
                return std::nullopt;
            };
            for (const auto& kv : *st) opts.fact_names.push_back(kv.first);
            py_program p;
            p.prog = lg::compile(to_json(rule), opts);
            for (const auto& kv : *st) {
                p.names.push_back(kv.first);
                p.types.push_back(kv.second);
            }
            p.finish();
            return p;
        },
        py::arg("rule"), py::arg("facts"), py::arg("file") = "<rule>", py::arg("pointer") = "",
        "Compiles a rule in typed mode against {fact name: type}.");
}
