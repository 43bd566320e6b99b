#pragma once
/// @file
/// One table per enumeration maps each enumerator to the id it has in files,
/// outputs, the command line and Python (in the spirit of nlohmann's
/// `NLOHMANN_JSON_SERIALIZE_ENUM`). Everything else comes from that table:
/// `to_string(e)`, `from_string<E>(s)` (with an error naming what was wrong
/// and every accepted id), `try_from_string<E>(s)`, `enum_ids<E>()`.
///
/// @code
///   enum class weighting : std::uint8_t { staff, equal };
///   DANCHU_ENUM_NAMES(weighting, "weighting",
///                     {weighting::staff, "staff"}, {weighting::equal, "equal"});
///
///   danchu::to_string(weighting::equal);         // "equal"
///   danchu::from_string<weighting>("staf");      // throws argument_error:
///   // [danchu.argument] unknown weighting "staf": expected one of staff, equal;
///   // did you mean "staff"?
/// @endcode
///
/// The macro goes at namespace scope, in the enumeration's own namespace, right
/// after the enumeration (the table is found by argument-dependent lookup).
/// List every enumerator once, in declaration order, with its id; an entry
/// whose value is already listed is an alias: accepted on input, never
/// written, not listed in messages.

#include <danchu/core/detail/suggest.hpp>
#include <danchu/core/error.hpp>

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace danchu {

/// One row of an enumeration's table: a value and its id.
template <class E> struct enum_entry {
    E value;
    std::string_view id;
};

namespace detail {

template <class E, class = void> struct enum_names_of { static constexpr bool found = false; };

template <class E> struct enum_names_of<E, std::void_t<decltype(danchu_enum_names(E{}))>> {
    static constexpr bool found = true;
    using type = decltype(danchu_enum_names(E{}));
};

template <class E> using enum_names_t = typename enum_names_of<E>::type;

} // namespace detail

/// Whether `E` has a table (DANCHU_ENUM_NAMES).
template <class E> inline constexpr bool has_enum_names = std::is_enum_v<E>&& detail::enum_names_of<E>::found;

/// The rows of `E`'s table, canonical ids and aliases, in table order.
template <class E, class = std::enable_if_t<has_enum_names<E>>>
constexpr const auto& enum_entries() noexcept {
    return detail::enum_names_t<E>::entries;
}

/// What a value of `E` is called in messages ("verdict", "unit kind").
template <class E, class = std::enable_if_t<has_enum_names<E>>>
constexpr std::string_view enum_what() noexcept {
    return detail::enum_names_t<E>::what;
}

/// Whether row `i` of `E`'s table is an alias (its value is listed earlier).
template <class E, class = std::enable_if_t<has_enum_names<E>>>
constexpr bool enum_is_alias(std::size_t i) noexcept {
    const auto& t = enum_entries<E>();
    for (std::size_t k = 0; k < i; ++k)
        if (t[k].value == t[i].value) return true;
    return false;
}

/// The id of `v` (its first row in the table); empty for a value that is not
/// an enumerator.
template <class E, class = std::enable_if_t<has_enum_names<E>>>
constexpr std::string_view to_string(E v) noexcept {
    const auto& t = enum_entries<E>();
    const auto i = static_cast<std::size_t>(v);
    if (i < std::size(t) && t[i].value == v) return t[i].id; // rows in declaration order
    for (const auto& e : t)
        if (e.value == v) return e.id;
    return {};
}

/// The canonical ids of `E`, in table order (aliases left out).
template <class E, class = std::enable_if_t<has_enum_names<E>>> std::vector<std::string> enum_ids() {
    std::vector<std::string> out;
    const auto& t = enum_entries<E>();
    for (std::size_t i = 0; i < std::size(t); ++i)
        if (!enum_is_alias<E>(i)) out.emplace_back(t[i].id);
    return out;
}

/// "one of a, b, c": the canonical ids of `E`, for messages.
template <class E, class = std::enable_if_t<has_enum_names<E>>> std::string enum_expected() {
    std::string s = "one of ";
    bool first = true;
    for (const auto& id : enum_ids<E>()) {
        s += (first ? "" : ", ") + id;
        first = false;
    }
    return s;
}

/// The value whose id (or alias) is `s`, if any.
template <class E, class = std::enable_if_t<has_enum_names<E>>>
constexpr std::optional<E> try_from_string(std::string_view s) noexcept {
    for (const auto& e : enum_entries<E>())
        if (e.id == s) return e.value;
    return std::nullopt;
}

/// The value whose id (or alias) is `s`.
/// @param what names the value in the message (an argument, an option, a
///        JSON member); defaults to enum_what<E>().
/// @throws argument_error "unknown <what> \"s\": expected one of a, b, c",
///         with a "did you mean" when an id is close.
template <class E, class = std::enable_if_t<has_enum_names<E>>>
E from_string(std::string_view s, std::string_view what = enum_what<E>()) {
    if (auto v = try_from_string<E>(s)) return *v;
    throw argument_error("unknown " + std::string(what) + " \"" + detail::preview(s) + "\": expected " +
                         enum_expected<E>() + detail::did_you_mean(s, enum_ids<E>()));
}

} // namespace danchu

/// Declares the id table of enumeration `E` (an unqualified name in the
/// current namespace): `WHAT` names its values in messages, the remaining
/// arguments are `{E::x, "id"}` rows (see the file comment).
#define DANCHU_ENUM_NAMES(E, WHAT, ...) DANCHU_ENUM_NAMES_AS(E, E, WHAT, __VA_ARGS__)

/// The same for an enumeration nested in a class (`E` = `holiday_rule::type`):
/// `NAME` is an identifier unique in the namespace, e.g. `holiday_rule_type`.
#define DANCHU_ENUM_NAMES_AS(NAME, E, WHAT, ...)                                                             \
    struct danchu_enum_names_##NAME {                                                                        \
        static constexpr std::string_view what = WHAT;                                                       \
        static constexpr ::danchu::enum_entry<E> entries[] = {__VA_ARGS__};                                  \
    };                                                                                                       \
    constexpr danchu_enum_names_##NAME danchu_enum_names(E) noexcept { return {}; }
