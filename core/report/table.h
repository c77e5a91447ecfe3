#pragma once
// One table type for every results table (Table 2, the K sweep, the support-size sweep, run
// lists), and the writers that export it. The CLI prints it and the GUI shows and exports it,
// so a table looks the same wherever it goes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace metacf {

// The GUI marks the best value of a column in bold and the second best underlined; the
// Markdown and LaTeX writers render the same marks.
enum class Emphasis { kNone, kBold, kUnderline };

// What the number behind a cell is, so JSON writes 3 (not 3.0) for a count and true for a flag.
enum class NumberKind { kReal, kInteger, kBoolean };

struct Cell {
  std::string text;              // exactly what is shown, e.g. "0.3124"
  std::optional<double> number;  // the value behind it, for sorting and for JSON
  Emphasis emphasis = Emphasis::kNone;
  NumberKind kind = NumberKind::kReal;

  Cell() = default;
  Cell(std::string t) : text(std::move(t)) {}  // NOLINT: a plain text cell reads naturally
  Cell(const char* t) : text(t) {}             // NOLINT
  // A number shown with `decimals` digits after the point.
  static Cell of(double value, int decimals, Emphasis emphasis = Emphasis::kNone);
  // A whole number (counts, K, seeds): written without decimals and as a JSON integer.
  static Cell integer(std::int64_t value);
  // A yes/no column of a tidy table: "true"/"false" in CSV, a JSON boolean.
  static Cell boolean(bool value);
};

struct Table {
  std::string caption;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
};

enum class TableFormat { kCsv, kMarkdown, kLatex, kJson };

// "csv", "md" (or "markdown"), "tex" (or "latex"), "json"; throws std::invalid_argument naming
// the accepted words.
TableFormat parse_table_format(std::string_view text);
// The usual file extension, without the dot: "csv", "md", "tex", "json".
std::string_view file_extension(TableFormat format);

// Throws std::invalid_argument when a row's length differs from the number of columns.
std::string write_table(const Table& table, TableFormat format);

// The individual writers, for callers that know the format.
std::string write_csv(const Table& table);       // RFC 4180, CRLF, formula text cells neutralised
std::string write_markdown(const Table& table);  // GitHub pipe table
std::string write_latex(const Table& table);     // table + tabular with booktabs rules
std::string write_json(const Table& table);      // array of objects keyed by column, numbers typed
std::string write_text(const Table& table);      // aligned plain text for a terminal

// True for a plain decimal number such as "-0.012", "3", "+1.5e-3" (no spaces, no units).
bool is_plain_number(std::string_view text);
// True when every non-empty cell of the column is a plain number (and one is): right-aligned.
bool is_numeric_column(const Table& table, std::size_t column);

}  // namespace metacf
