#include "core/report/html_report.h"

#include "core/util/json_text.h"

namespace metacf {
namespace {

// Plain print-friendly styling; QTextDocument (the PDF path) understands this subset too.
constexpr const char* kStyle = R"(
body { font-family: sans-serif; font-size: 10pt; color: #111; max-width: 1100px; margin: 2em auto; }
h1 { font-size: 18pt; margin-bottom: 0; }
h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em 0; }
th, td { border: 1px solid #bbb; padding: 2px 6px; font-size: 9pt; }
th { background: #eee; }
td.num { text-align: right; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
pre { font-size: 8pt; background: #f6f6f6; padding: 6px; white-space: pre-wrap; }
.sub { color: #555; }
div.figure { margin: 1em 0; page-break-inside: avoid; }
div.figure svg { max-width: 100%; height: auto; }
p.figcaption { font-size: 9pt; color: #333; margin-top: 2px; }
)";

std::string cell_html(const Cell& cell) {
  std::string text = html_escape(cell.text);
  if (cell.emphasis == Emphasis::kBold) return "<b>" + text + "</b>";
  if (cell.emphasis == Emphasis::kUnderline) return "<u>" + text + "</u>";
  return text;
}

std::string stats_table(const nlohmann::json& stats) {
  Table table;
  table.caption = "Data set";
  table.columns = {"statistic", "value"};
  for (const auto& [key, value] : stats.items()) {
    if (value.is_object() || value.is_array()) continue;  // histograms: not for a summary
    table.rows.push_back(
        {Cell(key), Cell(value.is_string() ? value.get<std::string>() : json_text(value))});
  }
  return write_html_table(table);
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string write_html_table(const Table& table) {
  std::string out = "<table>\n";
  if (!table.caption.empty()) out += "<caption>" + html_escape(table.caption) + "</caption>\n";
  out += "<tr>";
  for (const auto& c : table.columns) out += "<th>" + html_escape(c) + "</th>";
  out += "</tr>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (const auto& cell : row) {
      out += cell.number ? "<td class=\"num\" align=\"right\">" : "<td>";
      out += cell_html(cell) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string write_html_report(const ReportContent& content) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + html_escape(content.title) + "</title>\n<style>" + kStyle +
         content.extra_style + "</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(content.title) + "</h1>\n";
  if (!content.subtitle.empty()) {
    out += "<p class=\"sub\">" + html_escape(content.subtitle) + "</p>\n";
  }
  out += "<h2>Data set</h2>\n" + stats_table(content.dataset_stats);
  out += "<h2>Configuration</h2>\n<pre>" + html_escape(json_text(content.config, 2)) + "</pre>\n";
  out += "<h2>Results</h2>\n";
  out +=
      "<p>Means across seeds (± std with several seeds). Paired differences against the "
      "reference learner over the same meta-test users, with 95% intervals; * marks an "
      "interval that excludes 0. Bold: best, underlined: second best.</p>\n";
  for (const auto& t : content.tables) out += write_html_table(t);
  if (!content.notes.empty()) {
    out += "<h2>What the learners chose</h2>\n<ul>\n";
    for (const auto& line : content.notes) out += "<li>" + html_escape(line) + "</li>\n";
    out += "</ul>\n";
  }
  if (!content.figures.empty()) out += "<h2>Figures</h2>\n";
  for (const auto& f : content.figures) {
    // Blocks QTextDocument knows too (it draws the PDF, and has no <figure>): each figure on
    // its own line with its caption below it.
    out += "<div class=\"figure\">\n<div>" + f.svg + "</div>\n<p class=\"figcaption\">" +
           html_escape(f.caption) + "</p>\n</div>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace metacf
