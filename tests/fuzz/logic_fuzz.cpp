// libFuzzer target for the condition language: the input is JSON text
// {"rule": ..., "data": ...} (or any JSON, used as the rule with null data).
// Data-mode apply and typed-mode compile+evaluate must never crash, hang or
// grow without bound: every failure must be a danchu::error.

#include <danchu/logic/logic.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

std::optional<danchu::logic::var_binding> resolve(std::string_view name) {
    using danchu::logic::type;
    if (name == "n") return danchu::logic::var_binding{0, type::number};
    if (name == "b") return danchu::logic::var_binding{1, type::boolean};
    if (name == "d") return danchu::logic::var_binding{2, type::date};
    if (name == "s") return danchu::logic::var_binding{3, type::string};
    if (name == "e") return danchu::logic::var_binding{4, type::events};
    if (name == "x") return danchu::logic::var_binding{5, type::any};
    return std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    if (size > 64 * 1024) return 0;
    const std::string text(reinterpret_cast<const char*>(bytes), size);
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) return 0;
    nlohmann::json rule = doc, data;
    if (doc.is_object() && doc.contains("rule")) {
        rule = doc["rule"];
        data = doc.value("data", nlohmann::json());
    }
    danchu::logic::eval_context ctx;
    ctx.period_start = danchu::civil_day(2018, 1, 1);
    ctx.period_end = danchu::civil_day(2018, 12, 31);
    ctx.as_of = danchu::civil_day(2019, 3, 31);
    ctx.max_work = 2'000'000;
    // 1. plain JSON Logic
    try {
        danchu::logic::compile_options o;
        const auto p = danchu::logic::compile(rule, o);
        const auto v = p.apply(danchu::logic::value_from_json(data), ctx);
        (void)danchu::logic::value_to_json(v).dump();
    } catch (const danchu::error&) {}
    // 2. typed mode against a small fact set, with facts from the data
    try {
        danchu::logic::compile_options o;
        o.resolve = resolve;
        o.file = "fuzz.json";
        o.fact_names = {"n", "b", "d", "s", "e", "x"};
        const auto p = danchu::logic::compile(rule, o);
        std::vector<danchu::logic::value> facts(6);
        if (data.is_array()) {
            for (std::size_t i = 0; i < data.size() && i < 6; ++i)
                facts[i] = danchu::logic::value_from_json(data[i]);
        }
        danchu::logic::trace t;
        (void)p.evaluate(facts.data(), ctx, t);
    } catch (const danchu::error&) {}
    return 0;
}
