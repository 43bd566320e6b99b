#pragma once
/// @file
/// Rule packs: the law as data. A pack has an id, titles in Vietnamese and
/// English, its regime (the documents it encodes with their dates) and its
/// rules. A pack may overlay another (`extends`): add rules, replace rules by
/// id, or disable them with a reason. `pack_library` finds packs by id under a
/// data directory and resolves overlays into a flat `rule_set`; unknown and
/// cyclic overlays, duplicate ids and unknown keys are errors naming the file
/// and JSON pointer. The format is documented in docs/packs.md and
/// data/schemas/pack.schema.json.

#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/rules/detail/parse.hpp>
#include <danchu/core/detail/suggest.hpp>
#include <danchu/rules/rule.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace danchu {

class evaluation_plan;

/// A legal document a pack encodes.
struct regime_document {
    std::string id;     ///< short id used in citations, e.g. "ND04"
    std::string number; ///< official number, e.g. "04/2015/NĐ-CP"
    bilingual_text title;
    std::optional<civil_day> issued, effective, ends;
    std::string url;
    confidence conf = confidence::verified; ///< how well the dates are established
    /// Ids of the documents of the chain this one amends (from its `effective`
    /// day): a rule citing one of them is unverified for the amendment in periods
    /// ending on or after that day, unless the rule lists this document under
    /// `amendments_checked` (rule_set::unverified_amendments).
    std::vector<std::string> amends;
};

/// The regime a pack encodes: the period it governs and its documents.
struct regime_info {
    std::optional<civil_day> valid_from; ///< first day the regime governs
    std::optional<civil_day> valid_to;   ///< last day (none: still in force)
    std::vector<regime_document> documents;
};

/// A rule switched off by an overlay, and why.
struct disabled_rule {
    std::string id;
    bilingual_text reason;
    std::string pack;
};

/// One pack file, before overlays are resolved.
struct rule_pack {
    std::string id;
    bilingual_text title;
    std::string version;
    std::string extends; ///< id of the pack this one overlays ("" = none)
    regime_info regime;
    std::vector<rule> rules;   ///< new rules
    std::vector<rule> replace; ///< rules replacing the base pack's rules of the same id
    std::vector<disabled_rule> disable;
    /// Tags added to rules of the base packs (e.g. a directive's task), by rule id.
    std::vector<std::pair<std::string, std::vector<std::string>>> add_tags;
    std::string file;
};

/// A pack with its overlays resolved: the rules that are in force, in order
/// (base pack first), with every document any pack in the chain declares.
class rule_set {
public:
    rule_set() = default;

    const std::string& id() const noexcept { return id_; }
    const bilingual_text& title() const noexcept { return title_; }
    /// Pack ids from the base to this pack.
    const std::vector<std::string>& chain() const noexcept { return chain_; }
    const std::vector<rule>& rules() const noexcept { return rules_; }
    const std::vector<disabled_rule>& disabled() const noexcept { return disabled_; }
    const regime_info& regime() const noexcept { return regime_; }

    /// Index of a rule, or npos.
    std::size_t find(std::string_view rule_id) const noexcept {
        for (std::size_t i = 0; i < rules_.size(); ++i)
            if (rules_[i].id == rule_id) return i;
        return npos;
    }
    /// A document by id, or nullptr.
    const regime_document* document(std::string_view doc_id) const noexcept {
        for (const auto& d : regime_.documents)
            if (d.id == doc_id) return &d;
        return nullptr;
    }
    /// The amending documents in force on `day` (their `effective` on or before
    /// it) that amend the document `ru` cites and that `ru` was not checked
    /// against (`amendments_checked`): the rule is the text before them, not
    /// verified against the amendment. Empty: the rule is the text in force.
    std::vector<const regime_document*> unverified_amendments(const rule& ru, civil_day day) const {
        std::vector<const regime_document*> out;
        for (const auto& d : regime_.documents) {
            if (d.amends.empty() || !d.effective || day < *d.effective) continue;
            if (std::find(d.amends.begin(), d.amends.end(), ru.cite.document) == d.amends.end()) continue;
            if (std::find(ru.amendments_checked.begin(), ru.amendments_checked.end(), d.id) !=
                ru.amendments_checked.end())
                continue;
            out.push_back(&d);
        }
        return out;
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    /// The rules of several sets, in order, as one set: what a period that
    /// straddles a change of regime is judged by (rules/by_date.hpp). A rule
    /// that several parts share (an id in both, such as the citizen-reception
    /// rules of Decree 64/2014 beside either regime) is kept once, as the
    /// first part has it. The id and title join the parts' with " + ", the
    /// chain and documents are the union; the regime runs from the first
    /// part's first day to the last part's last day.
    /// @throws argument_error when a part is null.
    static rule_set concatenate(const std::vector<const rule_set*>& parts) {
        rule_set s;
        for (const rule_set* p : parts) {
            if (!p) throw argument_error("rule_set::concatenate: a part is null");
            const bool first = s.id_.empty();
            s.id_ += (first ? "" : " + ") + p->id_;
            s.title_.vi += (first ? "" : " + ") + p->title_.vi;
            s.title_.en += (first ? "" : " + ") + p->title_.en;
            for (const auto& c : p->chain_)
                if (std::find(s.chain_.begin(), s.chain_.end(), c) == s.chain_.end()) s.chain_.push_back(c);
            for (const auto& r : p->rules_)
                if (s.find(r.id) == npos) s.rules_.push_back(r);
            s.disabled_.insert(s.disabled_.end(), p->disabled_.begin(), p->disabled_.end());
            for (const auto& d : p->regime_.documents)
                if (!s.document(d.id)) s.regime_.documents.push_back(d);
            if (first) s.regime_.valid_from = p->regime_.valid_from;
            s.regime_.valid_to = p->regime_.valid_to;
        }
        return s;
    }

private:
    friend class pack_library;
    friend class evaluation_plan;
    std::vector<rule>& rules_mutable() noexcept { return rules_; }
    std::string id_;
    bilingual_text title_;
    std::vector<std::string> chain_;
    std::vector<rule> rules_;
    std::vector<disabled_rule> disabled_;
    regime_info regime_;
};

namespace detail {

inline regime_info read_regime(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
    expect_object(j, file, ptr, {"valid_from", "valid_to", "documents"});
    regime_info r;
    if (j.contains("valid_from")) r.valid_from = read_date(j, "valid_from", file, ptr);
    if (j.contains("valid_to")) r.valid_to = read_date(j, "valid_to", file, ptr);
    const auto& docs = require(j, "documents", file, ptr);
    if (!docs.is_array()) throw parse_error(file, child(ptr, "documents"), "expected an array of documents");
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const std::string p = child(child(ptr, "documents"), i);
        const auto& d = docs[i];
        expect_object(
            d, file, p,
            {"id", "number", "title", "issued", "effective", "ends", "url", "confidence", "amends"});
        regime_document doc;
        doc.id = require_string(d, "id", file, p);
        doc.number = require_string(d, "number", file, p);
        doc.title = read_bilingual_text(require(d, "title", file, p), file, child(p, "title"));
        if (d.contains("issued")) doc.issued = read_date(d, "issued", file, p);
        if (d.contains("effective")) doc.effective = read_date(d, "effective", file, p);
        if (d.contains("ends")) doc.ends = read_date(d, "ends", file, p);
        doc.url = optional_string(d, "url", file, p);
        if (d.contains("confidence"))
            doc.conf = read_enum<confidence>(d, "confidence", file, p, confidence_from_string);
        if (auto it = d.find("amends"); it != d.end()) {
            if (!it->is_array() || it->empty())
                throw parse_error(file, child(p, "amends"), "expected a non-empty array of document ids");
            for (std::size_t k = 0; k < it->size(); ++k) {
                if (!(*it)[k].is_string() || (*it)[k].get_ref<const std::string&>().empty())
                    throw parse_error(file, child(child(p, "amends"), k), "expected a document id");
                doc.amends.push_back((*it)[k].get<std::string>());
            }
            if (!doc.effective)
                throw parse_error(
                    file, child(p, "amends"),
                    "an amending document needs its \"effective\" date (the day the amendment applies)");
        }
        for (const auto& other : r.documents)
            if (other.id == doc.id)
                throw parse_error(file, child(p, "id"), "document id \"" + doc.id + "\" appears twice");
        r.documents.push_back(std::move(doc));
    }
    return r;
}

inline std::vector<rule> read_rules(const nlohmann::json& doc, std::string_view key, const std::string& file,
                                    const std::string& pack_id) {
    std::vector<rule> out;
    auto it = doc.find(std::string(key));
    if (it == doc.end()) return out;
    const std::string ptr = child("", key);
    if (!it->is_array()) throw parse_error(file, ptr, "expected an array of rules");
    for (std::size_t i = 0; i < it->size(); ++i)
        out.push_back(read_rule((*it)[i], file, child(ptr, i), pack_id));
    return out;
}

} // namespace detail

/// Parses a pack document (structure only: conditions are checked when the
/// pack is compiled against the fact dictionary, see evaluate.hpp).
/// @throws parse_error naming file and JSON pointer.
inline rule_pack rule_pack_from_json(const nlohmann::json& doc, const std::string& file) {
    namespace d = detail;
    d::expect_object(doc, file, "",
                     {"$schema", "id", "title", "version", "extends", "regime", "rules", "replace", "disable",
                      "add_tags"});
    rule_pack p;
    p.file = file;
    p.id = d::require_string(doc, "id", file, "");
    if (!d::valid_rule_id(p.id))
        throw parse_error(file, "/id", "pack id \"" + p.id + "\" must be letters, digits, '-', '_' or '.'");
    p.title = read_bilingual_text(d::require(doc, "title", file, ""), file, "/title");
    p.version = d::require_string(doc, "version", file, "");
    p.extends = d::optional_string(doc, "extends", file, "");
    p.regime = d::read_regime(d::require(doc, "regime", file, ""), file, "/regime");
    p.rules = d::read_rules(doc, "rules", file, p.id);
    p.replace = d::read_rules(doc, "replace", file, p.id);
    if (p.extends.empty() && (!p.replace.empty() || doc.contains("disable")))
        throw parse_error(file, p.replace.empty() ? "/disable" : "/replace",
                          "only an overlay (a pack with \"extends\") can replace or disable rules");
    if (auto it = doc.find("disable"); it != doc.end()) {
        if (!it->is_array()) throw parse_error(file, "/disable", "expected an array of {id, reason}");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string ptr = d::child("/disable", i);
            d::expect_object((*it)[i], file, ptr, {"id", "reason"});
            p.disable.push_back({d::require_string((*it)[i], "id", file, ptr),
                                 read_bilingual_text(d::require((*it)[i], "reason", file, ptr), file,
                                                     d::child(ptr, "reason")),
                                 p.id});
        }
    }
    if (auto it = doc.find("add_tags"); it != doc.end()) {
        if (p.extends.empty())
            throw parse_error(file, "/add_tags", "only an overlay (a pack with \"extends\") can add tags");
        if (!it->is_object())
            throw parse_error(file, "/add_tags", "expected an object: rule id -> array of tags");
        for (auto t = it->begin(); t != it->end(); ++t) {
            const std::string ptr = d::child("/add_tags", t.key());
            if (!t->is_array() || t->empty())
                throw parse_error(file, ptr, "expected a non-empty array of tags");
            std::vector<std::string> tags;
            for (std::size_t i = 0; i < t->size(); ++i) {
                if (!(*t)[i].is_string() || (*t)[i].get_ref<const std::string&>().empty())
                    throw parse_error(file, d::child(ptr, i), "expected a non-empty string");
                tags.push_back((*t)[i].get<std::string>());
            }
            p.add_tags.emplace_back(t.key(), std::move(tags));
        }
    }
    // ids unique within the file, across sections
    std::map<std::string, std::string> seen;
    auto note = [&](const std::string& id, const std::string& ptr) {
        auto [it, fresh] = seen.emplace(id, ptr);
        if (!fresh) throw parse_error(file, ptr, "rule id \"" + id + "\" already used at " + it->second);
    };
    for (const auto& r : p.rules) note(r.id, r.pointer + "/id");
    for (const auto& r : p.replace) note(r.id, r.pointer + "/id");
    for (std::size_t i = 0; i < p.disable.size(); ++i) note(p.disable[i].id, d::child("/disable", i) + "/id");
    if (p.rules.empty() && p.replace.empty() && p.disable.empty() && p.add_tags.empty())
        throw parse_error(file, "/rules", "a pack must add, replace or disable at least one rule");
    return p;
}

/// Reads a pack file.
/// @throws parse_error.
inline rule_pack load_rule_pack_file(const std::string& path) {
    return rule_pack_from_json(detail::parse_json_text(detail::read_text_file(path), path), path);
}

/// Finds packs by id under `<data_dir>/packs/<id>.json` and resolves overlays.
/// Stateless apart from the directory: safe to share between threads.
class pack_library {
public:
    explicit pack_library(std::string data_dir) : dir_(std::move(data_dir)) {}

    const std::string& data_dir() const noexcept { return dir_; }

    /// Ids of the packs in the directory, sorted.
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(dir_ + "/packs", ec)) {
            const std::string name = e.path().filename().string();
            const std::string suffix = ".json";
            if (name.size() > suffix.size() &&
                name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
                name.find(".tests.") == std::string::npos)
                out.push_back(name.substr(0, name.size() - suffix.size()));
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    /// The file of a pack id.
    std::string path_of(const std::string& id) const { return dir_ + "/packs/" + id + ".json"; }

    /// Loads one pack file by id.
    /// @throws rule_error for an unknown id; parse_error for a malformed file.
    rule_pack load(const std::string& id) const {
        const std::string path = path_of(id);
        std::error_code ec;
        if (!detail::valid_rule_id(id) || !std::filesystem::is_regular_file(path, ec))
            throw rule_error("unknown rule pack \"" + id + "\": no file " + path +
                             detail::did_you_mean(id, ids()));
        rule_pack p = load_rule_pack_file(path);
        if (p.id != id)
            throw parse_error(path, "/id", "the pack id \"" + p.id + "\" does not match the file name");
        return p;
    }

    /// Loads a pack by id and resolves its overlays.
    rule_set load_set(const std::string& id) const { return resolve(load(id)); }

    /// Resolves the overlays of `top` (its `extends` chain is loaded by id).
    /// @throws rule_error for an unknown or cyclic overlay; parse_error naming
    /// the file and pointer for a replace/disable of a rule the base lacks, or a
    /// new rule whose id the base already has.
    rule_set resolve(const rule_pack& top) const {
        std::vector<rule_pack> chain{top};
        while (!chain.back().extends.empty()) {
            const std::string next = chain.back().extends;
            for (const auto& p : chain)
                if (p.id == next) {
                    std::string cycle;
                    for (const auto& q : chain) cycle += q.id + " -> ";
                    throw rule_error(chain.back().file + ":/extends: cyclic overlay " + cycle + next);
                }
            if (chain.size() > 16) throw rule_error(top.file + ": overlays nested deeper than 16 packs");
            try {
                chain.push_back(load(next));
            } catch (const rule_error& e) {
                throw rule_error(chain.back().file + ":/extends: " + e.what());
            }
        }
        rule_set s;
        s.id_ = top.id;
        s.title_ = top.title;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) apply(s, *it);
        return s;
    }

private:
    static void apply(rule_set& s, const rule_pack& p) {
        s.chain_.push_back(p.id);
        if (p.regime.valid_from) s.regime_.valid_from = p.regime.valid_from;
        if (p.regime.valid_to) s.regime_.valid_to = p.regime.valid_to;
        for (const auto& d : p.regime.documents) {
            if (s.document(d.id))
                throw rule_error(p.file + ":/regime/documents: document id \"" + d.id +
                                 "\" is already declared by a base pack");
            s.regime_.documents.push_back(d);
        }
        for (const auto& r : p.rules) {
            if (s.find(r.id) != rule_set::npos)
                throw parse_error(p.file, r.pointer + "/id",
                                  "rule \"" + r.id +
                                      "\" already exists in a base pack: put it under \"replace\"");
            s.rules_.push_back(r);
        }
        for (const auto& r : p.replace) {
            auto i = s.find(r.id);
            if (i == rule_set::npos)
                throw parse_error(p.file, r.pointer + "/id",
                                  "cannot replace rule \"" + r.id + "\": no base pack defines it");
            s.rules_[i] = r;
        }
        for (std::size_t k = 0; k < p.disable.size(); ++k) {
            auto i = s.find(p.disable[k].id);
            if (i == rule_set::npos)
                throw parse_error(p.file, "/disable/" + std::to_string(k) + "/id",
                                  "cannot disable rule \"" + p.disable[k].id + "\": no base pack defines it");
            s.rules_.erase(s.rules_.begin() + static_cast<std::ptrdiff_t>(i));
            s.disabled_.push_back(p.disable[k]);
        }
        for (const auto& [id, tags] : p.add_tags) {
            auto i = s.find(id);
            if (i == rule_set::npos)
                throw parse_error(p.file, "/add_tags/" + detail::pointer_token(id),
                                  "cannot tag rule \"" + id + "\": no pack in the chain defines it");
            for (const auto& t : tags)
                if (std::find(s.rules_[i].tags.begin(), s.rules_[i].tags.end(), t) == s.rules_[i].tags.end())
                    s.rules_[i].tags.push_back(t);
        }
        for (const auto& r : s.rules_) {
            if (r.pack != p.id) continue;
            if (!s.document(r.cite.document))
                throw parse_error(r.file, r.pointer + "/citation/document",
                                  "unknown document \"" + r.cite.document +
                                      "\": declare it under /regime/documents of this pack or a base pack");
            for (std::size_t k = 0; k < r.amendments_checked.size(); ++k) {
                const auto* d = s.document(r.amendments_checked[k]);
                if (!d || d->amends.empty())
                    throw parse_error(
                        r.file, r.pointer + "/amendments_checked/" + std::to_string(k),
                        "\"" + r.amendments_checked[k] +
                            "\" is not an amending document (one with \"amends\") of this pack or a "
                            "base pack");
            }
        }
        for (std::size_t i = 0; i < p.regime.documents.size(); ++i)
            for (std::size_t k = 0; k < p.regime.documents[i].amends.size(); ++k)
                if (!s.document(p.regime.documents[i].amends[k]))
                    throw parse_error(
                        p.file, "/regime/documents/" + std::to_string(i) + "/amends/" + std::to_string(k),
                        "unknown document \"" + p.regime.documents[i].amends[k] +
                            "\": declare it under /regime/documents of this pack or a base pack");
    }

    std::string dir_;
};

} // namespace danchu
