// `danchu logic`: evaluates a condition (JSON Logic plus danchu's typed
// extensions, docs/rules.md) against JSON data and prints the JSON result.

#include "cli.hpp"

#include <danchu/io/detail/json_text.hpp>
#include <danchu/logic/logic.hpp>

#include <fstream>
#include <iostream>
#include <iterator>

namespace danchu::cli {

namespace {

struct logic_args {
    std::string rule;
    std::string data = "null";
    std::string period_start, period_end, as_of;
};

/// A JSON argument: the text itself, or "@path" / an existing file's path.
nlohmann::json json_argument(const std::string& arg, const char* what) {
    std::string text = arg, source = std::string("<") + what + ">";
    std::string path = !arg.empty() && arg[0] == '@' ? arg.substr(1) : std::string();
    if (path.empty()) {
        std::ifstream probe(arg, std::ios::binary);
        if (probe && arg.find_first_of("{[\"") == std::string::npos) path = arg;
    }
    if (!path.empty()) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw danchu::argument_error(std::string("--") + what + ": cannot read " + path);
        text.assign(std::istreambuf_iterator<char>(in), {});
        source = path;
    }
    return danchu::detail::parse_json_text(text, source);
}

danchu::civil_day day_argument(const std::string& s, const char* what) {
    const auto d = danchu::civil_day::try_parse(s);
    if (!d)
        throw danchu::argument_error(std::string("--") + what + ": \"" + s +
                                     "\" is not a date (expected YYYY-MM-DD)");
    return *d;
}

int run_logic(const logic_args& a) {
    const nlohmann::json rule = json_argument(a.rule, "rule");
    const nlohmann::json data = json_argument(a.data, "data");
    logic::eval_context ctx;
    if (!a.period_start.empty()) ctx.period_start = day_argument(a.period_start, "period-start");
    if (!a.period_end.empty()) ctx.period_end = day_argument(a.period_end, "period-end");
    ctx.as_of = a.as_of.empty() ? ctx.period_end : day_argument(a.as_of, "as-of");
    logic::compile_options opts;
    opts.file = a.rule.size() > 1 && a.rule[0] == '@' ? a.rule.substr(1) : "<rule>";
    opts.max_depth = 256;
    const logic::program p = logic::compile(rule, opts);
    try {
        std::cout << logic::value_to_json(p.apply(logic::value_from_json(data), ctx)).dump() << '\n';
    } catch (const logic::thrown_error& e) {
        std::cerr << e.what() << "\nthrown: " << e.thrown().dump() << '\n';
        return 1;
    }
    return 0;
}

} // namespace

void add_logic_command(CLI::App& app, options& opts) {
    auto args = std::make_shared<logic_args>();
    CLI::App* cmd = app.add_subcommand(
        "logic", bi("Tính một điều kiện (JSON Logic có kiểu) trên dữ liệu JSON",
                    "Evaluate a condition (JSON Logic + typed extensions) against JSON data"));
    cmd->add_option("rule", args->rule,
                    bi("Điều kiện: JSON, @TỆP hoặc TỆP", "The rule: JSON text, @FILE or FILE"))
        ->required();
    cmd->add_option("data", args->data,
                    bi("Dữ liệu: JSON, @TỆP hoặc TỆP (mặc định null)",
                       "The data: JSON text, @FILE or FILE (default null)"));
    cmd->add_option("--period-start", args->period_start, bi("Ngày đầu kỳ", "Period start, YYYY-MM-DD"));
    cmd->add_option("--period-end", args->period_end, bi("Ngày cuối kỳ", "Period end, YYYY-MM-DD"));
    cmd->add_option(
        "--as-of", args->as_of,
        bi("Ngày đánh giá (mặc định: cuối kỳ)", "Evaluation date, YYYY-MM-DD (default: period end)"));
    cmd->callback([&opts, args] { opts.run = [args] { return run_logic(*args); }; });
}

} // namespace danchu::cli
