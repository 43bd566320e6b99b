// The synthetic province's organisation (see sample.hpp). SYNTHETIC DATA.
#include <sample/sample.hpp>

#include <danchu/core/error.hpp>

#include <string>
#include <utility>
#include <vector>

namespace danchu::sample {

namespace {

struct named {
    const char* id;
    const char* name;
    const char* sector;
};

// Provincial departments and agencies of Bắc Giang's People's Committee (2018
// structure), by their usual names.
const std::vector<named>& departments() {
    static const std::vector<named> d = {
        {"so-noi-vu", "Sở Nội vụ", "administration"},
        {"van-phong-ubnd", "Văn phòng UBND tỉnh", "administration"},
        {"so-tai-chinh", "Sở Tài chính", "finance"},
        {"so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư", "finance"},
        {"so-tu-phap", "Sở Tư pháp", "justice"},
        {"thanh-tra-tinh", "Thanh tra tỉnh", "justice"},
        {"so-cong-thuong", "Sở Công Thương", "economy"},
        {"so-nong-nghiep", "Sở Nông nghiệp và Phát triển nông thôn", "economy"},
        {"so-giao-thong", "Sở Giao thông vận tải", "infrastructure"},
        {"so-xay-dung", "Sở Xây dựng", "infrastructure"},
        {"so-tai-nguyen", "Sở Tài nguyên và Môi trường", "infrastructure"},
        {"so-thong-tin", "Sở Thông tin và Truyền thông", "culture"},
        {"so-lao-dong", "Sở Lao động - Thương binh và Xã hội", "social"},
        {"so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch", "culture"},
        {"so-khoa-hoc", "Sở Khoa học và Công nghệ", "economy"},
        {"so-giao-duc", "Sở Giáo dục và Đào tạo", "education"},
        {"so-y-te", "Sở Y tế", "health"},
        {"so-ngoai-vu", "Sở Ngoại vụ", "administration"},
        {"ban-dan-toc", "Ban Dân tộc", "social"},
        {"ban-quan-ly-kcn", "Ban Quản lý các khu công nghiệp", "economy"},
    };
    return d;
}

// The ten district-level units of Bắc Giang in 2018: one city, nine districts.
const std::vector<named>& districts() {
    static const std::vector<named> d = {
        {"tp-bac-giang", "Thành phố Bắc Giang", ""},
        {"yen-the", "Huyện Yên Thế", ""},
        {"tan-yen", "Huyện Tân Yên", ""},
        {"lang-giang", "Huyện Lạng Giang", ""},
        {"luc-nam", "Huyện Lục Nam", ""},
        {"luc-ngan", "Huyện Lục Ngạn", ""},
        {"son-dong", "Huyện Sơn Động", ""},
        {"yen-dung", "Huyện Yên Dũng", ""},
        {"viet-yen", "Huyện Việt Yên", ""},
        {"hiep-hoa", "Huyện Hiệp Hòa", ""},
    };
    return d;
}

struct unit_template {
    const char* name;
    unit_kind kind;
    const char* sector;
    int staff_lo, staff_hi;
};

// Units under a district People's Committee, cycled through when generating.
const std::vector<unit_template>& district_units() {
    static const std::vector<unit_template> t = {
        {"Phòng Nội vụ", unit_kind::administrative_agency, "administration", 5, 9},
        {"Phòng Tài chính - Kế hoạch", unit_kind::administrative_agency, "finance", 6, 12},
        {"Phòng Giáo dục và Đào tạo", unit_kind::administrative_agency, "education", 8, 15},
        {"Trường Mầm non", unit_kind::school, "education", 15, 45},
        {"Trường Tiểu học", unit_kind::school, "education", 20, 55},
        {"Trường THCS", unit_kind::school, "education", 20, 60},
        {"Trung tâm Y tế", unit_kind::public_service_unit, "health", 60, 240},
        {"UBND xã", unit_kind::commune, "commune", 18, 30},
        {"Phòng Tư pháp", unit_kind::administrative_agency, "justice", 4, 7},
        {"Phòng Nông nghiệp và PTNT", unit_kind::administrative_agency, "economy", 6, 12},
        {"Trung tâm Văn hóa - Thông tin và Thể thao", unit_kind::public_service_unit, "culture", 10, 25},
        {"UBND xã", unit_kind::commune, "commune", 18, 30},
        {"Trường Tiểu học", unit_kind::school, "education", 20, 55},
    };
    return t;
}

// Units under a provincial department.
const std::vector<unit_template>& department_units() {
    static const std::vector<unit_template> t = {
        {"Văn phòng", unit_kind::administrative_agency, "", 10, 25},
        {"Chi cục", unit_kind::administrative_agency, "", 15, 60},
        {"Trung tâm", unit_kind::public_service_unit, "", 12, 80},
        {"Bệnh viện", unit_kind::public_service_unit, "health", 150, 700},
        {"Trường THPT", unit_kind::school, "education", 50, 110},
    };
    return t;
}

} // namespace

organisation bac_giang_2018(std::size_t units, std::uint64_t seed) {
    const auto& deps = departments();
    const auto& dists = districts();
    const std::size_t top = 1 + deps.size() + dists.size();
    if (units < top)
        throw argument_error("sample::bac_giang_2018: units = " + std::to_string(units) +
                             ", expected at least " + std::to_string(top));
    rng r(seed);
    std::vector<unit> out;
    out.reserve(units);
    const std::string provincial = "cấp tỉnh";
    out.push_back({"bac-giang",
                   "UBND tỉnh Bắc Giang",
                   unit_kind::province,
                   "",
                   0,
                   {{"district", provincial}, {"sector", "administration"}, {"synthetic", "true"}}});
    for (const auto& d : deps) {
        out.push_back({d.id,
                       d.name,
                       unit_kind::department,
                       "bac-giang",
                       r.between(25, 90),
                       {{"district", provincial}, {"sector", d.sector}, {"synthetic", "true"}}});
        // The Department of Home Affairs monitors and reports (the seed's task 5).
        if (std::string(d.id) == "so-noi-vu") out.back().labels["role"] = "home_affairs";
    }
    for (const auto& d : dists)
        out.push_back({d.id,
                       std::string("UBND ") + d.name,
                       unit_kind::district,
                       "bac-giang",
                       r.between(60, 110),
                       {{"district", d.name}, {"sector", "administration"}, {"synthetic", "true"}}});
    // Below the top: spread the remaining units over the 30 parents in turn.
    const std::size_t parents = deps.size() + dists.size();
    std::vector<std::size_t> counter(parents, 0);
    for (std::size_t i = top, p = 0; i < units; ++i, p = (p + 1) % parents) {
        const bool is_district = p >= deps.size();
        const auto& tmpl = is_district ? district_units() : department_units();
        const std::size_t n = counter[p]++;
        const auto& t = tmpl[n % tmpl.size()];
        const auto& parent = is_district ? dists[p - deps.size()] : deps[p];
        const std::string number = std::to_string(n / tmpl.size() + 1);
        std::string name = std::string(t.name) + " số " + number + " - " + parent.name;
        std::string sector = *t.sector != '\0' ? t.sector : parent.sector;
        out.push_back({std::string(parent.id) + "-" + std::to_string(n + 1),
                       std::move(name),
                       t.kind,
                       parent.id,
                       r.between(t.staff_lo, t.staff_hi),
                       {{"district", is_district ? std::string(parent.name) : provincial},
                        {"sector", std::move(sector)},
                        {"synthetic", "true"}}});
    }
    return organisation(std::move(out), "sample:bac_giang_2018");
}

} // namespace danchu::sample
