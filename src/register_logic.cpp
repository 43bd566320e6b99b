// danchu._core.logic: the condition language. Python objects are converted
// directly to danchu::logic::value (datetime.date <-> date values); errors
// arrive as danchu.RuleError with the JSON Logic thrown value attached.

#include "register.hpp"

#include <danchu/logic/logic.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <string>

namespace py = pybind11;
namespace lg = danchu::logic;

namespace {

py::object date_type() { return py::module_::import("datetime").attr("date"); }

lg::value to_value(const py::handle& o, std::size_t depth, const py::object& date_cls) {
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
        return date_cls(c.year, c.month, c.day);
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

    py::object evaluate(const py::dict& facts, const py::object& period_start, const py::object& period_end,
                        const py::object& as_of) const {
        const py::object date_cls = date_type();
        std::vector<lg::value> slots(names.size());
        for (auto kv : facts) {
            const std::string k = kv.first.cast<std::string>();
            auto it = std::find(names.begin(), names.end(), k);
            if (it == names.end()) throw danchu::argument_error("evaluate: unknown fact \"" + k + "\"");
            slots[static_cast<std::size_t>(it - names.begin())] = to_value(kv.second, 0, date_cls);
        }
        lg::eval_context ctx = context(period_start, period_end, as_of);
        return from_value(prog.evaluate(slots.data(), ctx), date_cls);
    }

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
        const lg::type rt = prog.result_type();
        py::array_t<double> out_num;
        py::array_t<std::int8_t> out_bool;
        py::list out_obj;
        if (rt == lg::type::number)
            out_num = py::array_t<double>(static_cast<py::ssize_t>(n));
        else if (rt == lg::type::boolean)
            out_bool = py::array_t<std::int8_t>(static_cast<py::ssize_t>(n));
        double* num_out = rt == lg::type::number ? out_num.mutable_data() : nullptr;
        std::int8_t* bool_out = rt == lg::type::boolean ? out_bool.mutable_data() : nullptr;
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
            const lg::value r = prog.evaluate(slots.data(), ctx);
            if (rt == lg::type::number) {
                num_out[i] = r.is_number() ? r.as_number() : std::numeric_limits<double>::quiet_NaN();
            } else if (rt == lg::type::boolean) {
                bool_out[i] =
                    r.is_null() ? std::int8_t{-1} : static_cast<std::int8_t>(lg::detail::truthy(r) ? 1 : 0);
            } else {
                out_obj.append(from_value(r, date_cls));
            }
        }
        if (rt == lg::type::number) return std::move(out_num);
        if (rt == lg::type::boolean) return std::move(out_bool);
        return np.attr("array")(out_obj, py::arg("dtype") = "object");
    }
};

} // namespace

void register_logic(py::module_& sub) {
    sub.def(
        "apply",
        [](const py::object& rule, const py::object& data) {
            const py::object date_cls = date_type();
            const nlohmann::json r = to_json(rule);
            const lg::value d = to_value(data, 0, date_cls);
            lg::compile_options opts;
            opts.max_depth = 256;
            const lg::program p = lg::compile(r, opts);
            return from_value(p.apply(d), date_cls);
        },
        py::arg("rule"), py::arg("data") = py::none(),
        "Evaluates a JSON Logic rule against data (dict/list/str/number/bool/None/datetime.date).");
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
            return p;
        },
        py::arg("rule"), py::arg("facts"), py::arg("file") = "<rule>", py::arg("pointer") = "",
        "Compiles a rule in typed mode against {fact name: type}.");
}
