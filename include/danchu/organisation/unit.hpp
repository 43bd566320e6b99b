#pragma once
/// @file
/// Units of the organisation tree (province → departments and districts →
/// agencies, public service units, schools, communes) and the tree itself.

#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace danchu {

/// What kind of body a unit is; rules apply to some kinds only.
enum class unit_kind : std::uint8_t {
    province,              ///< the provincial People's Committee (root of a tree)
    department,            ///< a department (sở) or agency under the province
    district,              ///< a district-level People's Committee
    administrative_agency, ///< cơ quan hành chính nhà nước
    public_service_unit,   ///< đơn vị sự nghiệp công lập
    school,                ///< a public school (a public service unit in education)
    commune,               ///< a commune-level People's Committee
};

DANCHU_ENUM_NAMES(unit_kind, "unit kind", {unit_kind::province, "province"},
                  {unit_kind::department, "department"}, {unit_kind::district, "district"},
                  {unit_kind::administrative_agency, "administrative_agency"},
                  {unit_kind::public_service_unit, "public_service_unit"}, {unit_kind::school, "school"},
                  {unit_kind::commune, "commune"})

/// @throws argument_error naming the accepted values.
inline unit_kind unit_kind_from_string(std::string_view s) { return from_string<unit_kind>(s); }

/// One unit of the organisation.
struct unit {
    std::string id;
    std::string name;
    unit_kind kind = unit_kind::administrative_agency;
    std::string parent;                        ///< empty for the root
    std::int64_t staff = 0;                    ///< staff count (CBCCVC and workers)
    std::map<std::string, std::string> labels; ///< free labels, e.g. sector, district
};

/// True for a unit id danchu accepts: 1 to 128 ASCII letters, digits and the
/// marks `.` `_` `-` `:` `+`. Ids travel into file names, iCalendar UIDs, CSV
/// cells, HTML and JSON pointers, so they hold nothing that any of those reads
/// as syntax (no space, quote, slash, `=` or control character).
inline bool is_valid_unit_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > 128) return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-' || c == ':' || c == '+';
        if (!ok) return false;
    }
    return true;
}

/// True for a grouping-only node: a unit whose label `grouping` is `"true"`
/// (a district as the grouping of its units, its People's Committee then a
/// unit of its own below it). It is not assessed itself: a roll-up does not
/// expect a scorecard row of its own (no missing report) and leaves out any
/// row it has (not counted, ranked or listed); its subtree rolls up as usual.
/// The label is `"true"`, `"false"` or empty (false); anything else is an error.
inline bool is_grouping(const unit& u) {
    const auto it = u.labels.find("grouping");
    return it != u.labels.end() && it->second == "true";
}

/// The organisation tree: units in input order, validated once.
class organisation {
public:
    organisation() = default;

    /// Validates ids (see is_valid_unit_id; unique), parents (known, no
    /// cycles) and staff counts (not negative).
    /// @param source named in error messages (a file name, or "<memory>").
    /// @param places where each unit is in `source` ("/units/3", "line 5"),
    ///        named in error messages; empty: "unit #i".
    /// @throws scoring_error naming the source, the place and the unit.
    explicit organisation(std::vector<unit> units, std::string source = "<memory>",
                          const std::vector<std::string>& places = {})
        : units_(std::move(units)) {
        auto at = [&](std::size_t i) {
            return source + ":" + (i < places.size() ? places[i] : " unit #" + std::to_string(i)) + ": ";
        };
        index_.reserve(units_.size());
        for (std::size_t i = 0; i < units_.size(); ++i) {
            const auto& u = units_[i];
            if (u.id.empty()) throw scoring_error(at(i) + "the unit has an empty id");
            if (!is_valid_unit_id(u.id))
                throw scoring_error(at(i) + "unit id \"" + detail::preview(u.id) +
                                    "\": expected 1 to 128 ASCII letters, digits and . _ - : +");
            if (u.staff < 0) throw scoring_error(at(i) + "unit \"" + u.id + "\" has a negative staff count");
            if (const auto g = u.labels.find("grouping"); g != u.labels.end()) {
                if (g->second != "true" && g->second != "false" && !g->second.empty())
                    throw scoring_error(at(i) + "unit \"" + u.id + "\": label grouping is \"" +
                                        detail::preview(g->second) + "\": expected \"true\" or \"false\"");
                groupings_ += g->second == "true" ? 1 : 0;
            }
            if (const auto [it, fresh] = index_.emplace(u.id, i); !fresh)
                throw scoring_error(at(i) + "unit id \"" + u.id + "\" appears twice (first at " +
                                    (it->second < places.size() ? places[it->second]
                                                                : "unit #" + std::to_string(it->second)) +
                                    ")");
        }
        auto ids = std::make_shared<std::vector<std::string>>();
        ids->reserve(units_.size());
        for (const auto& u : units_) ids->push_back(u.id);
        ids_ = std::move(ids);
        parent_.assign(units_.size(), npos);
        for (std::size_t i = 0; i < units_.size(); ++i) {
            const auto& p = units_[i].parent;
            if (p.empty()) continue;
            auto it = index_.find(p);
            if (it == index_.end())
                throw scoring_error(at(i) + "unit \"" + units_[i].id + "\" has unknown parent \"" +
                                    detail::preview(p) + "\"");
            if (it->second == i)
                throw scoring_error(at(i) + "unit \"" + units_[i].id + "\" is its own parent");
            parent_[i] = it->second;
        }
        for (std::size_t i = 0; i < units_.size(); ++i) { // cycle check: walk up
            std::size_t steps = 0;
            for (std::size_t j = parent_[i]; j != npos; j = parent_[j])
                if (++steps > units_.size())
                    throw scoring_error(at(i) + "the parents of unit \"" + units_[i].id + "\" form a cycle");
        }
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    std::size_t size() const noexcept { return units_.size(); }
    const std::vector<unit>& units() const noexcept { return units_; }
    const unit& operator[](std::size_t i) const noexcept { return units_[i]; }

    /// Index of a unit, or npos.
    std::size_t find(std::string_view id) const {
        auto it = index_.find(std::string(id));
        return it == index_.end() ? npos : it->second;
    }
    /// Index of a unit's parent, or npos for a root.
    std::size_t parent(std::size_t i) const noexcept { return parent_[i]; }
    /// Number of grouping-only units (is_grouping).
    std::size_t grouping_count() const noexcept { return groupings_; }
    /// The units' ids in order, in one list that evidence and event logs
    /// built for this organisation share (never null): the same list means
    /// the same units, without comparing every id.
    std::shared_ptr<const std::vector<std::string>> unit_ids() const {
        static const auto none = std::make_shared<const std::vector<std::string>>();
        return ids_ ? ids_ : none; // null only in a moved-from organisation
    }

private:
    std::vector<unit> units_;
    std::shared_ptr<const std::vector<std::string>> ids_ = std::make_shared<const std::vector<std::string>>();
    std::size_t groupings_ = 0;
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<std::size_t> parent_;
};

} // namespace danchu
