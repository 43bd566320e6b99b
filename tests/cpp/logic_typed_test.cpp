// Typed mode of the condition language: fact resolution, type checking,
// missing-fact propagation, date/period/ratio/working-day extensions, traces
// and resource limits.

#include "catch.hpp"

#include <danchu/logic/detail/eval.hpp>
#include <danchu/logic/logic.hpp>

#include <map>
#include <thread>

using danchu::logic::compile;
using danchu::logic::compile_options;
using danchu::logic::eval_context;
using danchu::logic::program;
using danchu::logic::type;
using danchu::logic::value;
using nlohmann::json;

namespace {

// A small fact dictionary: name -> (slot, type).
const std::map<std::string, std::pair<std::size_t, type>> facts = {
    {"staff.count", {0, type::number}},      {"conference.held", {1, type::boolean}},
    {"conference.held_on", {2, type::date}}, {"conference.attended", {3, type::number}},
    {"meetings", {4, type::events}},         {"request.received_on", {5, type::date}},
    {"unit.name", {6, type::string}},
};

compile_options opts(const std::string& pointer = "/rules/0/condition") {
    compile_options o;
    o.file = "packs/test.json";
    o.pointer = pointer;
    o.resolve = [](std::string_view name) -> std::optional<danchu::logic::var_binding> {
        auto it = facts.find(std::string(name));
        if (it == facts.end()) return std::nullopt;
        return danchu::logic::var_binding{it->second.first, it->second.second};
    };
    for (const auto& kv : facts) o.fact_names.push_back(kv.first);
    return o;
}

danchu::civil_day day(const char* iso) {
    const auto d = danchu::civil_day::try_parse(iso);
    REQUIRE(d);
    return *d;
}

eval_context year_2018() {
    eval_context c;
    c.period_start = day("2018-01-01");
    c.period_end = day("2018-12-31");
    c.as_of = day("2019-03-31");
    return c;
}

struct unit_facts {
    std::vector<value> v = std::vector<value>(7);
    unit_facts() {
        v[0] = value(90);
        v[1] = value(true);
        v[2] = value::date(day("2018-02-10").days());
        v[3] = value(60);
        v[4] = value(danchu::logic::array{
            value(danchu::logic::object{{"date", value("2018-03-01")}, {"kind", value("dissemination")}}),
            value(danchu::logic::object{{"date", value::date(day("2018-09-15").days())},
                                        {"kind", value("review")}}),
            value(danchu::logic::object{{"date", value("2019-01-20")}, {"kind", value("review")}})});
        v[5] = value::date(day("2018-01-26").days());
        v[6] = value("Sở Nội vụ");
    }
};

value eval(const json& rule, const unit_facts& u, const eval_context& ctx = year_2018()) {
    return compile(rule, opts()).evaluate(u.v.data(), ctx);
}

} // namespace

TEST_CASE("logic: value is a regular immutable type", "[logic]") {
    static_assert(std::is_copy_constructible<value>::value, "copyable");
    static_assert(std::is_nothrow_move_constructible<value>::value, "nothrow move");
    const value a(danchu::logic::array{value(1), value("x")});
    const value b = a;
    CHECK(a == b);
    CHECK(value(1) == value(1.0));
    CHECK(value(1) != value("1"));
    CHECK(value::date(5).as_date() == 5);
    CHECK(danchu::logic::value_to_json(value::date(day("2024-02-29").days())) == "2024-02-29");
    CHECK(danchu::logic::value_to_json(value(3.0)).is_number_integer());
    CHECK(danchu::logic::value_to_json(value(0.5)) == 0.5);
}

TEST_CASE("logic: typed facts, comparisons and null propagation", "[logic]") {
    unit_facts u;
    CHECK(eval(json::parse(R"({">=": [{"var": "staff.count"}, 50]})"), u) == value(true));
    CHECK(eval(json::parse(R"({"<": [{"var": "conference.held_on"}, "2018-03-31"]})"), u) == value(true));
    CHECK(eval(json::parse(R"({"==": [{"var": "unit.name"}, "Sở Nội vụ"]})"), u) == value(true));
    // a missing fact that decides the result makes it unknown (null)
    u.v[0] = value();
    CHECK(eval(json::parse(R"({">=": [{"var": "staff.count"}, 50]})"), u).is_null());
    CHECK(
        eval(json::parse(R"({"and": [{"var": "conference.held"}, {">=": [{"var": "staff.count"}, 50]}]})"), u)
            .is_null());
    // ... but a short-circuit may decide without it
    u.v[1] = value(false);
    CHECK(eval(json::parse(R"({"and": [{">=": [{"var": "staff.count"}, 50]}, {"var": "conference.held"}]})"),
               u) == value(false));
    CHECK(eval(json::parse(R"({"or": [{"!": {"var": "conference.held"}}, {"var": "staff.count"}]})"), u) ==
          value(true));
    // a default (var with a default, or ??) replaces a missing fact
    CHECK(eval(json::parse(R"({">=": [{"var": ["staff.count", 0]}, 50]})"), u) == value(false));
    CHECK(eval(json::parse(R"({"??": [{"var": "staff.count"}, 7]})"), u) == value(7));
    CHECK(eval(json::parse(R"({"missing": ["staff.count", "unit.name"]})"), u) ==
          value(danchu::logic::array{value("staff.count")}));
    CHECK(eval(json::parse(R"({"exists": "staff.count"})"), u) == value(false));
}

TEST_CASE("logic: compile errors name the file, pointer and what was expected", "[logic]") {
    auto message = [](const json& rule) -> std::string {
        try {
            compile(rule, opts());
        } catch (const danchu::rule_error& e) {
            return e.what();
        }
        return "no error";
    };
    const auto unknown = message(json::parse(R"({"and": [true, {">=": [{"var": "staf.count"}, 1]}]})"));
    CHECK_THAT(unknown, danchu_test::contains("packs/test.json:/rules/0/condition/and/1/>=/0/var"));
    CHECK_THAT(unknown, danchu_test::contains("unknown fact \"staf.count\""));
    CHECK_THAT(unknown, danchu_test::contains("did you mean \"staff.count\""));

    const auto wrong = message(json::parse(R"({">": [{"var": "conference.held_on"}, 3]})"));
    CHECK_THAT(wrong, danchu_test::contains("/rules/0/condition/>/1"));
    CHECK_THAT(wrong, danchu_test::contains("expected date"));
    CHECK_THAT(message(json::parse(R"({"+": [{"var": "unit.name"}, 1]})")),
               danchu_test::contains("is string, expected number"));
    CHECK_THAT(message(json::parse(R"({"count": [{"var": "staff.count"}]})")),
               danchu_test::contains("expected events"));
    CHECK_THAT(message(json::parse(R"({"<": [{"var": "conference.held_on"}, "2018-02-30"]})")),
               danchu_test::contains("is not a date"));
    const auto op = message(json::parse(R"({"or": [{"ratio_at_leest": [1, 2, 1, 2]}]})"));
    CHECK_THAT(op, danchu_test::contains("/rules/0/condition/or/0/ratio_at_leest"));
    CHECK_THAT(op, danchu_test::contains("did you mean \"ratio_at_least\""));
    CHECK_THAT(message(json::parse(R"({"add_months": ["2018-01-31", 1, "sticky"]})")),
               danchu_test::contains("unknown end-of-month policy"));
    CHECK_THAT(message(json::parse(R"({"var": {"cat": ["staff", ".count"]}})")),
               danchu_test::contains("must be a literal"));
    json deep = true;
    for (int i = 0; i < 70; ++i) deep = json{{"!", json::array({deep})}};
    CHECK_THAT(message(deep), danchu_test::contains("nested deeper than 64"));
    CHECK_THROWS_AS(compile(deep, opts()), danchu::rule_error);
}

TEST_CASE("logic: result types and slots read", "[logic]") {
    const program p = compile(
        json::parse(
            R"({"and": [{"var": "conference.held"}, {"ratio_at_least": [{"var": "conference.attended"}, {"var": "staff.count"}, 2, 3]}]})"),
        opts());
    CHECK(p.result_type() == type::boolean);
    CHECK(p.slots_read() == std::vector<std::size_t>{0, 1, 3});
    CHECK(compile(json::parse(R"({"add_days": [{"var": "conference.held_on"}, 3]})"), opts()).result_type() ==
          type::date);
    CHECK(compile(json::parse(R"({"count": {"var": "meetings"}})"), opts()).result_type() == type::number);
}

TEST_CASE("logic: ratios use exact integer arithmetic", "[logic]") {
    unit_facts u;
    auto ratio = [&](const char* op, double a, double b, double p, double q) {
        json r = {{op, {a, b, p, q}}};
        return eval(r, u);
    };
    CHECK(ratio("ratio_at_least", 60, 90, 2, 3) == value(true)); // exactly 2/3
    CHECK(ratio("ratio_at_least", 59, 90, 2, 3) == value(false));
    CHECK(ratio("ratio_above", 60, 90, 2, 3) == value(false));
    CHECK(ratio("ratio_above", 46, 90, 1, 2) == value(true)); // more than half
    CHECK(ratio("ratio_at_least", 2, 0, 1, 2).is_null());     // no staff: undefined
    // 2/3 of a large staff, where a double product would round
    CHECK(ratio("ratio_at_least", 6004799503160660.0, 9007199254740991.0, 2, 3) == value(false));
    CHECK(ratio("ratio_at_least", 6004799503160661.0, 9007199254740991.0, 2, 3) == value(true));
    // Products compared in 64 bits when every factor is below 2^32, in 128
    // bits otherwise: both sides of that line, against a 128-bit reference.
    __extension__ typedef unsigned __int128 u128;
    const std::uint64_t edge[] = {0,
                                  1,
                                  2,
                                  3,
                                  0xffffffffULL,
                                  0x100000000ULL,
                                  0x100000001ULL,
                                  0xfffffffffULL,
                                  9007199254740991ULL,
                                  6004799503160661ULL};
    std::size_t wrong = 0;
    for (auto a : edge)
        for (auto b : edge)
            for (auto c : edge)
                for (auto d : edge) {
                    const u128 x = static_cast<u128>(a) * b, y = static_cast<u128>(c) * d;
                    wrong += danchu::logic::detail::compare_products(a, b, c, d) != (x < y   ? -1
                                                                                     : x > y ? 1
                                                                                             : 0);
                }
    CHECK(wrong == 0);
    CHECK(eval(json::parse(
                   R"({"ratio_at_least": [{"var": "conference.attended"}, {"var": "staff.count"}, 2, 3]})"),
               u) == value(true));
}

TEST_CASE("logic: dates, months with an end-of-month policy, windows and periods", "[logic]") {
    unit_facts u;
    auto iso = [&](const json& rule) { return danchu::logic::value_to_json(eval(rule, u)); };
    CHECK(iso(json::parse(R"({"add_days": ["2018-12-31", 1]})")) == "2019-01-01");
    CHECK(iso(json::parse(R"({"add_months": ["2018-01-31", 1]})")) == "2018-02-28");
    CHECK(iso(json::parse(R"({"add_months": ["2020-01-31", 1, "clamp"]})")) == "2020-02-29");
    CHECK(iso(json::parse(R"({"add_months": ["2018-02-28", 1, "keep_last"]})")) == "2018-03-31");
    CHECK(iso(json::parse(R"({"add_months": ["2018-02-28", 1, "clamp"]})")) == "2018-03-28");
    CHECK_THROWS_AS(eval(json::parse(R"({"add_months": ["2018-01-31", 1, "error"]})"), u),
                    danchu::logic::thrown_error);
    CHECK(iso(json::parse(R"({"add_years": ["2020-02-29", 1]})")) == "2021-02-28");
    CHECK(iso(json::parse(R"({"days_between": ["2018-01-01", "2018-12-31"]})")) == 364);
    CHECK(iso(json::parse(R"({"period_end": []})")) == "2018-12-31");
    CHECK(iso(json::parse(R"({"year_of": {"var": "conference.held_on"}})")) == 2018);
    // within three months after the end of the working year
    CHECK(iso(json::parse(R"({"in_window": ["2019-03-31", {"period_end": []}, {"months": 3}]})")) == true);
    CHECK(iso(json::parse(R"({"in_window": ["2019-04-01", {"period_end": []}, {"months": 3}]})")) == false);
    CHECK(iso(json::parse(R"({"in_window": ["2018-12-01", {"period_end": []}, {"months": -1}]})")) == true);
    CHECK(iso(json::parse(R"({"in_period": {"var": "conference.held_on"}})")) == true);
    CHECK(iso(json::parse(
              R"({"<=": [{"period_start": []}, {"var": "conference.held_on"}, {"period_end": []}]})")) ==
          true);
    CHECK(iso(json::parse(R"({"max": [{"var": "conference.held_on"}, {"date": "2018-05-01"}]})")) ==
          "2018-05-01");
}

TEST_CASE("logic: events: counts, filters, earliest and latest", "[logic]") {
    unit_facts u;
    auto js = [&](const json& rule) { return danchu::logic::value_to_json(eval(rule, u)); };
    CHECK(js(json::parse(R"({"count": {"var": "meetings"}})")) == 3);
    CHECK(js(json::parse(R"({"count": [{"events_in_period": {"var": "meetings"}}]})")) == 2);
    CHECK(js(json::parse(R"({"count": [{"var": "meetings"}, {"==": [{"var": "kind"}, "review"]}]})")) == 2);
    CHECK(js(json::parse(
              R"({"count": [{"events_between": [{"var": "meetings"}, "2018-06-01", "2019-12-31"]}]})")) == 2);
    CHECK(js(json::parse(R"({"earliest_date": {"var": "meetings"}})")) == "2018-03-01");
    CHECK(js(json::parse(R"({"latest_date": {"var": "meetings"}})")) == "2019-01-20");
    CHECK(js(json::parse(R"({"some": [{"var": "meetings"}, {"in_period": {"var": "date"}}]})")) == true);
    // inside an iterator, val can climb back to the facts
    CHECK(js(json::parse(R"({"all": [{"var": "meetings"}, {">": [{"val": [[2], "staff.count"]}, 10]}]})")) ==
          true);
    u.v[4] = value();
    CHECK(eval(json::parse(R"({">=": [{"count": {"var": "meetings"}}, 1]})"), u).is_null());
}

TEST_CASE("logic: working days use the calendar from eval_context", "[logic]") {
    unit_facts u;
    eval_context ctx = year_2018();
    auto js = [&](const json& rule) { return danchu::logic::value_to_json(eval(rule, u, ctx)); };
    // default: Monday-Friday. 2018-01-26 was a Friday.
    CHECK(js(json::parse(R"({"add_working_days": ["2018-01-26", 1]})")) == "2018-01-29");
    CHECK(js(json::parse(R"({"working_days_between": ["2018-01-26", "2018-02-02"]})")) == 5);
    CHECK(js(json::parse(R"({"is_working_day": "2018-01-27"})")) == false);
    // "convened within 15 working days of the request"
    CHECK(
        js(json::parse(
            R"({"in_window": [{"var": "conference.held_on"}, {"var": "request.received_on"}, {"working_days": 15}]})")) ==
        true);
    CHECK(
        js(json::parse(
            R"({"in_window": [{"var": "conference.held_on"}, {"var": "request.received_on"}, {"days": 14}]})")) ==
        false);
    // a calendar with a holiday week (2018-02-12..16, Tết) pushes the deadline
    const danchu::civil_day tet0 = day("2018-02-12"), tet1 = day("2018-02-16");
    ctx.is_working_day = [=](danchu::civil_day d) {
        return d.day_of_week() < danchu::weekday::sat && !(d >= tet0 && d <= tet1);
    };
    CHECK(js(json::parse(R"({"add_working_days": ["2018-02-09", 1]})")) == "2018-02-19");
    CHECK(js(json::parse(R"({"working_days_between": ["2018-02-09", "2018-02-19"]})")) == 1);
}

TEST_CASE("logic: trace records the sub-expressions that decided", "[logic]") {
    unit_facts u;
    u.v[1] = value(false);
    const program p =
        compile(json::parse(R"({"or": [{"var": "conference.held"}, {">=": [{"var": "staff.count"}, 100]}]})"),
                opts());
    danchu::logic::trace t;
    const value r = p.evaluate(u.v.data(), year_2018(), t);
    CHECK(r == value(false));
    REQUIRE(t.steps.size() == 4);
    CHECK(t.steps[0].fact == "conference.held");
    CHECK(t.steps[0].pointer == "/rules/0/condition/or/0/var");
    CHECK(t.steps[1].fact == "staff.count");
    CHECK(t.steps[1].value == 90);
    CHECK(t.steps[2].op == ">=");
    CHECK(t.steps[2].value == false);
    CHECK(t.steps[3].op == "or");
}

TEST_CASE("logic: programs are shared and thread-safe", "[logic]") {
    const program p = compile(
        json::parse(
            R"({"and": [{"var": "conference.held"}, {"ratio_at_least": [{"var": "conference.attended"}, {"var": "staff.count"}, 2, 3]}]})"),
        opts());
    const eval_context ctx = year_2018(); // Catch assertions are not thread-safe: none in the threads
    const unit_facts base;
    std::vector<std::thread> threads;
    std::vector<int> ok(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            unit_facts u = base;
            const program copy = p;
            int good = 0;
            for (int i = 0; i < 2000; ++i) {
                u.v[3] = value(i % 100);
                const bool expect = (i % 100) * 3 >= 2 * 90;
                good += copy.evaluate(u.v.data(), ctx) == value(expect) ? 1 : 0;
            }
            ok[static_cast<std::size_t>(t)] = good;
        });
    }
    for (auto& th : threads) th.join();
    for (int g : ok) CHECK(g == 2000);
}

TEST_CASE("logic: resource limits stop runaway rules", "[logic]") {
    // doubling an array 40 times would need 2^40 elements
    const json doubling = json::parse(
        R"({"reduce": [{"var": "steps"}, {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]})");
    const json steps = json{{"steps", json::array()}};
    json forty = steps;
    for (int i = 0; i < 40; ++i) forty["steps"].push_back(i);
    CHECK(danchu::logic::apply(doubling, json{{"steps", {1, 2, 3}}}).size() == 8);
    CHECK_THROWS_AS(danchu::logic::apply(doubling, forty), danchu::rule_error);
    // quadratic string growth in reduce hits the work limit, not the clock
    json big = json::array();
    for (int i = 0; i < 5000; ++i) big.push_back(i);
    const json cat = json::parse(
        R"({"reduce": [{"var": "xs"}, {"cat": [{"var": "accumulator"}, {"var": "accumulator"}, "x"]}, ""]})");
    CHECK_THROWS_AS(danchu::logic::apply(cat, json{{"xs", big}}), danchu::rule_error);
    // try cannot swallow a limit
    const json guarded = json{{"try", json::array({doubling, 1})}};
    CHECK_THROWS_AS(danchu::logic::apply(guarded, forty), danchu::rule_error);
}

TEST_CASE("logic: apply reports JSON Logic errors with the thrown value", "[logic]") {
    try {
        danchu::logic::apply(json::parse(R"({"if": [true, {"/": [1, 0]}]})"), nullptr);
        FAIL("no error");
    } catch (const danchu::logic::thrown_error& e) {
        CHECK(e.error_type() == "NaN");
        CHECK_THAT(std::string(e.what()), danchu_test::contains("/if/1/"));
    }
    try {
        danchu::logic::apply(json::parse(R"({"thorw": "x"})"), nullptr);
        FAIL("no error");
    } catch (const danchu::logic::thrown_error& e) {
        CHECK(e.error_type() == "Unknown Operator");
        CHECK_THAT(std::string(e.what()), danchu_test::contains("did you mean \"throw\""));
    }
    // dates in data mode: ISO strings compare as dates with date values
    CHECK(danchu::logic::apply(json::parse(R"({"<": [{"date": {"var": "d"}}, "2018-10-01"]})"),
                               json{{"d", "2018-09-30"}}) == true);
    CHECK(danchu::logic::apply(json::parse(R"({"substr": ["Dân chủ cơ sở", 4, 3]})"), nullptr) == "chủ");
}

TEST_CASE("logic: values cannot nest without bound", "[logic]") {
    // each reduce step wraps the accumulator in one more array
    json xs = json::array();
    for (int i = 0; i < 2000; ++i) xs.push_back(i);
    const json wrap = json::parse(R"({"reduce": [{"var": "xs"}, [{"var": "accumulator"}], 0]})");
    CHECK_THROWS_AS(danchu::logic::apply(wrap, json{{"xs", xs}}), danchu::rule_error);
    CHECK(danchu::logic::apply(wrap, json{{"xs", {1, 2}}}) == json::parse("[[0]]"));
    json deep = 1;
    for (int i = 0; i < 600; ++i) deep = json::array({deep});
    CHECK_THROWS_AS(danchu::logic::value_from_json(deep), danchu::error);
}

// The evaluator reads literals and facts by reference, counts events without
// listing them and tests `missing` without building its list when nothing is
// traced; a traced evaluation takes the general path. Both must agree, with
// the facts given by value or by address (evaluate_indirect).
TEST_CASE("logic: the untraced fast paths give what the general path gives", "[logic]") {
    const char* rules[] = {
        R"({"count": [{"events_in_period": {"var": "meetings"}}]})",
        R"({"count": [{"events_between": [{"var": "meetings"}, "2018-06-01", "2019-12-31"]}]})",
        R"({"count": [{"events_between": [{"var": "meetings"}, {"var": "request.received_on"}, "2019-12-31"]}]})",
        R"({">=": [{"count": [{"events_in_period": [{"var": "meetings"}]}]}, 2]})",
        R"({"if": [{"missing": ["conference.held_on", "staff.count"]}, "missing", "complete"]})",
        R"({"if": [{"missing": ["unit.name.first"]}, "missing", "complete"]})",
        R"({"if": [{"missing": ["unit.name"]}, 1, {"missing": ["staff.count"]}, 2, 3]})",
        R"({"<=": [0, {"days_between": [{"var": "request.received_on"}, {"var": "conference.held_on"}]}, 15]})",
        R"({"<": [1, {"var": "staff.count"}, 100, 200]})",
        R"({"==": [{"var": "unit.name"}, "Sở Nội vụ"]})",
        R"({"in": [{"var": "staff.count"}, [30, 60, 90]]})",
        R"({"and": [{"var": "conference.held"}, {"var": "staff.count"}, {"var": "unit.name"}]})",
        R"({"or": [{"!": {"var": "conference.held"}}, {"ratio_at_least": [{"var": "conference.attended"}, {"var": "staff.count"}, 2, 3]}]})",
        R"({"in_window": [{"var": "conference.held_on"}, {"period_start": []}, {"months": 2}]})",
    };
    unit_facts full;
    unit_facts gaps;
    gaps.v[2] = value(); // conference.held_on
    gaps.v[4] = value(); // meetings
    gaps.v[6] = value(); // unit.name
    for (const char* text : rules) {
        const program p = compile(json::parse(text), opts());
        for (const unit_facts* u : {&full, &gaps}) {
            INFO(text << (u == &gaps ? " (with missing facts)" : ""));
            danchu::logic::trace tr;
            const json slow = danchu::logic::value_to_json(p.evaluate(u->v.data(), year_2018(), tr));
            CHECK(danchu::logic::value_to_json(p.evaluate(u->v.data(), year_2018())) == slow);
            std::vector<const value*> row;
            for (const auto& v : u->v) row.push_back(v.is_null() ? nullptr : &v);
            CHECK(danchu::logic::value_to_json(p.evaluate_indirect(row.data(), year_2018())) == slow);
        }
    }
    // the same answers as written out, so that the general path is checked too
    auto js = [&](const char* rule, const unit_facts& u) {
        return danchu::logic::value_to_json(
            compile(json::parse(rule), opts()).evaluate(u.v.data(), year_2018()));
    };
    CHECK(js(rules[0], full) == 2);
    CHECK(js(rules[0], gaps).is_null());
    CHECK(js(rules[2], full) == 3); // from 2018-01-26: 2018-03-01, 2018-09-15 and 2019-01-20
    CHECK(js(rules[4], full) == "complete");
    CHECK(js(rules[4], gaps) == "missing");
    CHECK(js(rules[6], gaps) == 1);
}

TEST_CASE("logic: data mode lists the data members a rule can read", "[logic]") {
    auto members = [](const char* rule, bool& whole) {
        std::vector<std::string> m;
        whole = !compile(json::parse(rule)).data_members_read(m);
        return m;
    };
    bool whole = false;
    CHECK(members(R"({"and": [{"var": "a.b"}, {"val": ["c.d", "e"]}, {"exists": "f"}]})", whole) ==
          std::vector<std::string>{"a", "c.d", "f"});
    CHECK_FALSE(whole);
    // inside an iterator var reads the element; val climbing back reads the data
    CHECK(members(R"({"map": [{"var": "xs"}, {"+": [{"var": "x"}, {"val": [[2], "y"]}]}]})", whole) ==
          std::vector<std::string>{"xs", "y"});
    CHECK_FALSE(whole);
    for (const char* any : {R"({"var": ""})", R"({"var": {"cat": ["a", "b"]}})", R"({"missing": ["a"]})",
                            R"({"val": null})", R"({"var": []})"}) {
        INFO(any);
        members(any, whole);
        CHECK(whole);
    }
    std::vector<std::string> m;
    CHECK_FALSE(compile(json::parse(R"({"var": "staff.count"})"), opts()).data_members_read(m)); // typed mode
}
