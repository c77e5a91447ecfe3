#pragma once
// One self-contained HTML page for a stored experiment: the data set's statistics, the
// configuration, the results tables with their intervals, the charts (inline SVG, drawn by the
// caller) and what metacf_auto chose. Qt-free: the studio draws the charts and turns the page
// into a PDF; this only assembles it.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/report/table.h"

namespace metacf {

struct ReportFigure {
  std::string caption;
  std::string svg;  // a complete <svg> element (or, for PDF, an <img> tag)
};

struct ReportContent {
  std::string title;     // e.g. "Run 3 “baseline sweep”"
  std::string subtitle;  // status, dates, code version
  nlohmann::json dataset_stats = nlohmann::json::object();
  nlohmann::json config = nlohmann::json::object();
  std::vector<Table> tables;
  std::vector<ReportFigure> figures;
  std::vector<std::string> notes;  // e.g. metacf_auto's choices, one line each
  std::string extra_style;         // CSS after the page's own (e.g. smaller type for print)
};

// Text for HTML: & < > " escaped.
std::string html_escape(const std::string& text);
// A table as <table>, caption included; bold and underlined marks kept.
std::string write_html_table(const Table& table);
// The whole page (UTF-8, no external resources).
std::string write_html_report(const ReportContent& content);

}  // namespace metacf
