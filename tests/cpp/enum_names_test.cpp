// Tests of the one enum-name mechanism (include/danchu/core/enum_names.hpp):
// every enumeration's ids round-trip, ids are unique, aliases are read but
// never written, and an unknown id names what was wrong and every accepted id.

#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/danchu.hpp>

#include <set>
#include <string>
#include <type_traits>
#include <vector>

using danchu_test::error_of;
using danchu_test::has;

namespace {

/// Every row of E's table: canonical ids are unique and round-trip; aliases
/// read as their value and are never what to_string writes.
template <class E> void check_round_trip() {
    CAPTURE(std::string(danchu::enum_what<E>()));
    const auto& rows = danchu::enum_entries<E>();
    std::set<std::string> seen;
    std::set<int> values;
    for (std::size_t i = 0; i < std::size(rows); ++i) {
        const auto& row = rows[i];
        CAPTURE(std::string(row.id));
        CHECK(!row.id.empty());
        CHECK(seen.insert(std::string(row.id)).second); // no id twice
        CHECK(danchu::from_string<E>(row.id) == row.value);
        if (danchu::enum_is_alias<E>(i)) {
            CHECK(danchu::to_string(row.value) != row.id);
        } else {
            CHECK(danchu::to_string(row.value) == row.id);
            // canonical rows are in declaration order: the value is the row index
            CHECK(static_cast<std::size_t>(row.value) == values.size());
            values.insert(static_cast<int>(row.value));
        }
    }
    CHECK(danchu::enum_ids<E>().size() == values.size());
    CHECK_FALSE(danchu::try_from_string<E>("no such id").has_value());
    CHECK(has(error_of<danchu::argument_error>([] { (void)danchu::from_string<E>("no such id"); }),
              "expected one of " + std::string(danchu::to_string(rows[0].value))));
}

template <class... E> void check_all() { (check_round_trip<E>(), ...); }

} // namespace

TEST_CASE("every enumeration's ids round-trip through its one table", "[enum_names]") {
    check_all<danchu::verdict, danchu::confidence, danchu::severity, danchu::frequency, danchu::unit_kind,
              danchu::fact_type, danchu::non_working_policy, danchu::period_kind, danchu::holiday_kind,
              danchu::holiday_rule::type, danchu::deadline_rule::type, danchu::recurrence_kind,
              danchu::due_rule, danchu::occurrence_status, danchu::boundary, danchu::rounding_mode,
              danchu::class_status, danchu::edge_count, danchu::override_use, danchu::xccdf_model,
              danchu::weighting, danchu::points_source, danchu::item_credit, danchu::scheme_kind,
              danchu::score_basis, danchu::entry_kind, danchu::logic::type, danchu::event_field_type,
              danchu::publicity_applies, danchu::year_basis, danchu::occurrence_state>();
}

TEST_CASE("to_string is constexpr and noexcept", "[enum_names]") {
    static_assert(danchu::to_string(danchu::verdict::not_applicable) == "not_applicable");
    static_assert(danchu::to_string(danchu::boundary::above) == ">");
    static_assert(noexcept(danchu::to_string(danchu::severity::high)));
    static_assert(danchu::try_from_string<danchu::weighting>("equal") == danchu::weighting::equal);
    static_assert(!danchu::has_enum_names<int>);
    static_assert(!danchu::has_enum_names<danchu::unmet>); // bit flags have no ids
    CHECK(danchu::logic::to_string(danchu::logic::type::events) == "events");
}

TEST_CASE("an unknown id names what was wrong, every accepted id and the closest one", "[enum_names]") {
    const std::string m =
        error_of<danchu::argument_error>([] { (void)danchu::from_string<danchu::verdict>("pas"); });
    CHECK(m == "[danchu.argument] unknown verdict \"pas\": expected one of pass, fail, not_applicable, "
               "unknown, error; "
               "did you mean \"pass\"?");
    // the old entry points are the same mechanism
    CHECK(error_of<danchu::argument_error>([] { (void)danchu::unit_kind_from_string("provinc"); }) ==
          "[danchu.argument] unknown unit kind \"provinc\": expected one of province, department, district, "
          "administrative_agency, public_service_unit, school, commune; did you mean \"province\"?");
    // the caller may name the argument
    CHECK(error_of<danchu::argument_error>([] {
              (void)danchu::from_string<danchu::weighting>("x", "--weighting");
          }) == "[danchu.argument] unknown --weighting \"x\": expected one of staff, equal");
    CHECK(danchu::enum_expected<danchu::boundary>() == "one of >=, >");
}

TEST_CASE("aliases are read, never written, never listed", "[enum_names]") {
    using danchu::xccdf_model;
    CHECK(danchu::xccdf_model_from_string("urn:xccdf:scoring:flat-unweighted") ==
          xccdf_model::flat_unweighted);
    CHECK(danchu::xccdf_model_from_string("flat_unweighted") == xccdf_model::flat_unweighted);
    CHECK(danchu::to_string(xccdf_model::flat_unweighted) == "flat_unweighted");
    CHECK(danchu::xccdf_urn(xccdf_model::flat_unweighted) == "urn:xccdf:scoring:flat-unweighted");
    CHECK(danchu::xccdf_urn(xccdf_model::default_model) == "urn:xccdf:scoring:default");
    CHECK(danchu::enum_ids<xccdf_model>() ==
          std::vector<std::string>{"default", "flat", "flat_unweighted", "absolute"});
}

TEST_CASE("the calendar and the schedule share one non-working-day policy", "[enum_names][regression]") {
    // They were two enumerations (nonworking_policy, non_working_policy).
    static_assert(std::is_same_v<decltype(danchu::deadline_rule{}.policy), danchu::non_working_policy>);
    static_assert(std::is_same_v<decltype(danchu::obligation{}.non_working), danchu::non_working_policy>);
    CHECK(danchu::nonworking_policy_from_string("next_working_day") ==
          danchu::non_working_policy::next_working_day);
}

TEST_CASE("finding_table::at is checked like std::vector::at; operator() is not", "[finding]") {
    danchu::rule_meta r1, r2;
    r1.id = "R1";
    r2.id = "R2";
    danchu::finding_table t({r1, r2}, {"U1"});
    t.set(0, 1, danchu::verdict::fail, 0.0);
    CHECK(t.at(0, 1) == danchu::verdict::fail);
    CHECK(t(0, 1) == danchu::verdict::fail);
    CHECK(t(0, 0) == danchu::verdict::unknown);
    CHECK(error_of<danchu::argument_error>([&] { (void)t.at(1, 0); }) ==
          "[danchu.argument] finding_table::at: unit index 1 is out of range (1 units)");
    CHECK(error_of<danchu::argument_error>([&] { (void)t.at(0, 2); }) ==
          "[danchu.argument] finding_table::at: rule index 2 is out of range (2 rules)");
}

TEST_CASE("a unit that reaches no band is not_classified everywhere", "[enum_names][regression]") {
    // The scorecard wrote "unclassified" and the report "not_classified" for
    // the same outcome; "unclassified" is still read.
    using danchu::class_status;
    CHECK(danchu::to_string(class_status::not_classified) == "not_classified");
    CHECK(danchu::from_string<class_status>("unclassified") == class_status::not_classified);
    CHECK(danchu::enum_ids<class_status>() == std::vector<std::string>{"classified", "not_eligible",
                                                                       "not_classified", "not_applicable",
                                                                       "missing_report"});
    // the report's legend takes its ids and labels from the same place
    const auto legend = danchu::report::standard_bands();
    REQUIRE(legend.size() == 6);
    CHECK(legend[4].id == danchu::to_string(class_status::not_eligible));
    CHECK(legend[4].label == danchu::status_label(class_status::not_eligible));
    CHECK(legend[5].id == danchu::to_string(class_status::not_classified));
    CHECK(legend[5].label == danchu::status_label(class_status::not_classified));
    CHECK(danchu::status_label(class_status::not_classified).vi == "Chưa xếp loại");
    CHECK(danchu::status_label(class_status::not_eligible).en == "Not eligible");
}

TEST_CASE("one type per shared idea", "[vocabulary]") {
    // Text shown to users, citations and skipped inputs each have one type.
    static_assert(std::is_same_v<decltype(danchu::rule_meta{}.title), danchu::bilingual_text>);
    static_assert(std::is_same_v<decltype(danchu::band{}.name), danchu::bilingual_text>);
    static_assert(std::is_same_v<decltype(danchu::report::band{}.label), danchu::bilingual_text>);
    static_assert(std::is_same_v<decltype(danchu::holiday{}.name), danchu::bilingual_text>);
    static_assert(std::is_same_v<decltype(danchu::event_kind{}.title), danchu::bilingual_text>);
    static_assert(std::is_same_v<decltype(danchu::reporting_convention{}.name), danchu::bilingual_text>);
    static_assert(std::is_same_v<decltype(danchu::holiday{}.source), danchu::citation>);
    static_assert(std::is_same_v<decltype(danchu::obligation{}.cite), danchu::citation>);
    static_assert(std::is_same_v<decltype(danchu::rule{}.cite), danchu::citation>);
    static_assert(std::is_same_v<decltype(danchu::holiday{}.conf), danchu::confidence>);
    static_assert(
        std::is_same_v<decltype(danchu::report::document{}.problems)::value_type, danchu::input_problem>);
    danchu::citation c;
    c.document = "ND04";
    c.article = "5";
    c.clause = "2";
    CHECK(danchu::short_text(c) == "ND04 Art. 5(2)");
}
