#pragma once
/// @file
/// The six-monthly report: the document model and its renderers (Markdown, a
/// self-contained HTML file, CSV). JSON is opt-in in `<danchu/report/json.hpp>`;
/// the assembly from findings and scores is `<danchu/report/province.hpp>`.
///
/// @code
/// danchu::report::document doc = ...;           // filled by the assembly step
/// std::string html = danchu::report::to_html(doc, "vi");
/// std::string md = danchu::report::to_markdown(doc, "en");
/// std::string csv = danchu::report::units_csv(doc, "vi"); // UTF-8 with BOM
/// @endcode

#include <danchu/report/csv.hpp>
#include <danchu/report/document.hpp>
#include <danchu/report/html.hpp>
#include <danchu/report/markdown.hpp>
#include <danchu/report/validate.hpp>
